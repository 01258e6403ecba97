//! The status rules, in one place: a figure as the interval of values it admits, the
//! observation the reports of one metric on one day make, and each report's status against
//! what came before it. `series`, `diff`, `ingest`, `chart` and `report` all ask [`Tracker`],
//! so a claim has one status everywhere.
//!
//! **Intervals** ([`Interval::of`]). A range is [low, high]. `>` is (v, inf), `>=` [v, inf),
//! `<` (-inf, v), `<=` (-inf, v]. An exact or approximate figure covers what rounds to it as
//! written ([`written_precision`]): half a unit of its last written digit either side, the top
//! end open, so "7.9 million" is [7.85, 7.95) million and "about 11,000" is [10,500, 11,500),
//! which does not meet "about 12,000". The digits of a plain number are exact unless hedged:
//! "10,000" is 10,000. But news rounds running totals without saying so, so the reports of one
//! day ([`Interval::agrees`]: revision, conflict) allow a plain whole number to the hundred or
//! coarser its unstated rounding ([`unstated_rounding`]):
//! "Russian losses near 65,800" beside the General Staff's 65,780 is no conflict, "10,000"
//! beside "10,600" is one, and series' low and high stay as written. "7.9
//! million" and "12 million" are rounded by their scale word. The half
//! width is at most [`APPROX`] (5 %) of the value, so "about 3,000" is [2,850, 3,150) and a
//! hedge on a precise figure ("about 1,456,610", a running total) is as narrow as its digits.
//!
//! **Order.** Reports are ordered by as-of date, then publication date (undated last), then
//! arrival in the store ([`Key`]). A report is judged against the reports before it only.
//!
//! **Statuses** of a report of source S on day D:
//! - `revision`: S gave another value (intervals apart) earlier for D; the later one stands;
//! - `conflict`: another source's standing report for D disagrees (intervals apart), unless the
//!   report states a previous value that agrees with it ("10,000, up from 3,000");
//! - `same`: D already has reports and it agrees with them, or it overlaps the previous day's
//!   (and is not a rise of a running total, below);
//! - `new`: nothing before D;
//! - `anomaly`: against the previous day, a running total that falls, or a daily rate far
//!   outside the metric's own history ([`outlying_rate`]);
//! - `up` / `down`: wholly above / below the previous day's reports; and a running total that
//!   has been rising (its own daily rates, median above 0) is `up` with any higher report,
//!   since its hedges span days of its growth ("more than 11,000", then "about 12,000"). A
//!   build-up from one source to another over days is `up`: conflict is only for the same date.
//!
//! **Observations.** The standing reports of a day (each source's latest; unknown sources each
//! stand alone) make one observation: its value is the latest report's (a value someone gave,
//! never a median), its interval covers the standing reports, and it lists them with their
//! sources. Its change is `conflict` or `revision` when a later report of the day was one (the
//! latest such), else the status of the day's first report.

use crate::model::Claim;
use crate::number::number;
use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::RangeInclusive;

/// Largest half-width of a figure's written precision, relative to its value.
pub const APPROX: f64 = 0.05;

/// A daily rate is compared with the rates of at most this many earlier observations...
pub const RATE_WINDOW: usize = 90;

/// ... when the metric has at least this many ...
pub const RATE_MIN_HISTORY: usize = 10;

/// ... and is far outside them above this many times the largest (in absolute value).
pub const RATE_FACTOR: f64 = 2.0;

/// Why a daily rate is far outside its metric's own history, if it is. `earlier` are the rates
/// (per_day) of the metric's earlier observations, the most recent last.
pub fn outlying_rate(rate: f64, earlier: &[f64]) -> Option<String> {
    if earlier.len() < RATE_MIN_HISTORY {
        return None;
    }
    let window = &earlier[earlier.len().saturating_sub(RATE_WINDOW)..];
    let largest = window.iter().fold(0.0f64, |m, r| m.max(r.abs()));
    let round = |r: f64| number((r * 100.0).round() / 100.0);
    (largest > 0.0 && rate.abs() > RATE_FACTOR * largest).then(|| {
        format!(
            "daily rate {} is {:.1} times the largest of the previous {} ({})",
            round(rate),
            rate.abs() / largest,
            window.len(),
            round(largest)
        )
    })
}

/// Scale words after a number's digits ("7.9 million", "$2bn", "40k").
const SCALES: &[&str] = &[
    "thousand", "million", "billion", "trillion", "mn", "bn", "tn", "m", "k", "b",
];

/// Half a unit of the last digit `text` writes its figure to, in the units of `value`; 0 for
/// the digits of a plain unhedged number. See the module notes.
pub fn written_precision(value: f64, text: &str, hedged: bool) -> f64 {
    let bytes = text.as_bytes();
    let Some(start) = bytes.iter().position(u8::is_ascii_digit) else {
        let scaled = text
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| SCALES[..4].iter().any(|s| w.eq_ignore_ascii_case(s)));
        return if hedged || scaled {
            APPROX * value.abs()
        } else {
            0.0
        };
    };
    let mut end = start;
    while end < bytes.len()
        && (bytes[end].is_ascii_digit()
            || (matches!(bytes[end], b',' | b'.')
                && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)))
    {
        end += 1;
    }
    let digits = &text[start..end];
    let word: &str = text[end..]
        .trim_start()
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    let scaled = !word.is_empty() && SCALES.iter().any(|s| word.eq_ignore_ascii_case(s));
    let (int, frac) = match digits.rsplit_once('.') {
        Some((i, f)) if !f.contains(',') => (i, f),
        _ => (digits, ""),
    };
    if !(hedged || scaled) {
        return 0.0;
    }
    // The written number read digit by digit (no string built: this runs once per report).
    let (mut mantissa, mut int_digits, mut trailing_zeros) = (0.0f64, 0usize, 0usize);
    for d in int.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0') {
        mantissa = mantissa * 10.0 + f64::from(d);
        int_digits += 1;
        trailing_zeros = if d == 0 { trailing_zeros + 1 } else { 0 };
    }
    let mut place = 0.1;
    for d in frac.bytes().map(|b| b.wrapping_sub(b'0')) {
        if d > 9 {
            return APPROX * value.abs();
        }
        mantissa += f64::from(d) * place;
        place /= 10.0;
    }
    let unit = if !frac.is_empty() {
        10f64.powi(-(frac.len() as i32))
    } else {
        // Trailing zeros of the whole part, leaving one digit ("0" is 1, "100" is 100).
        10f64.powi(trailing_zeros.min(int_digits.saturating_sub(1)) as i32)
    };
    let factor = if mantissa != 0.0 {
        (value / mantissa).abs()
    } else {
        1.0
    };
    (0.5 * unit * factor).min(APPROX * value.abs())
}

/// Half a unit of the last nonzero digit of a plain whole number written to the hundred or
/// coarser ("65,800": 50, "10,000": 500, at most [`APPROX`] of it), which news rounds to
/// without saying so; 0 for any other writing ("65,850", "2.00", "about 3,000", "7.9 million").
pub fn unstated_rounding(value: f64, text: &str) -> f64 {
    // Most figures are not round: no need to read their text (a whole number is tested as an
    // integer, which costs less than a floating remainder).
    let round = if value.fract() == 0.0 && value.abs() < 1e15 {
        value as i64 % 100 == 0
    } else {
        value % 100.0 == 0.0
    };
    if !round {
        return 0.0;
    }
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .filter(char::is_ascii_digit)
        .collect();
    let rest = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .skip_while(|c| c.is_ascii_digit() || *c == ',');
    let whole = rest.clone().next().is_none_or(|c| c != '.')
        && written_precision(value, text, false) == 0.0;
    if whole && digits.len() >= 3 && digits.ends_with("00") {
        written_precision(value, text, true)
    } else {
        0.0
    }
}

/// A figure as an interval of the values it admits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub lo: f64,
    pub lo_closed: bool,
    pub hi: f64,
    pub hi_closed: bool,
    /// Half the unstated rounding of a plain round figure ("65,800": 50), which comparisons
    /// allow either side ([`unstated_rounding`]); 0 for any other.
    pub slack: f64,
}

impl Interval {
    /// The interval of a figure written as `text` with bound symbol `bound`: see the module
    /// notes.
    pub fn of(value: f64, low: Option<f64>, high: Option<f64>, bound: &str, text: &str) -> Self {
        if let (Some(lo), Some(hi)) = (low, high) {
            return Interval {
                lo,
                lo_closed: true,
                hi,
                hi_closed: true,
                slack: 0.0,
            };
        }
        let (lo, lo_closed, hi, hi_closed) = match bound {
            ">" => (value, false, f64::INFINITY, false),
            ">=" => (value, true, f64::INFINITY, false),
            "<" => (f64::NEG_INFINITY, false, value, false),
            "<=" => (f64::NEG_INFINITY, false, value, true),
            _ => {
                let h = written_precision(value, text, bound == "~");
                if h > 0.0 {
                    (value - h, true, value + h, false)
                } else {
                    (value, true, value, true)
                }
            }
        };
        let slack = if bound == "=" && lo == hi {
            unstated_rounding(value, text)
        } else {
            0.0
        };
        Interval {
            lo,
            lo_closed,
            hi,
            hi_closed,
            slack,
        }
    }

    /// The interval of a claim.
    pub fn of_claim(c: &Claim) -> Interval {
        Interval::of(c.value, c.low, c.high, c.bound.symbol(), &c.text)
    }

    /// The values a comparison allows: the interval widened by its unstated rounding.
    fn reach(&self) -> Interval {
        if self.slack == 0.0 {
            return *self;
        }
        Interval {
            lo: self.lo - self.slack,
            lo_closed: true,
            hi: self.hi + self.slack,
            hi_closed: false,
            slack: 0.0,
        }
    }

    /// Two reports of one day agree: some value lies in both, allowing each its unstated
    /// rounding.
    pub fn agrees(&self, o: &Interval) -> bool {
        self.reach().overlaps(&o.reach())
    }

    /// Some value lies in both.
    pub fn overlaps(&self, o: &Interval) -> bool {
        let me = self;
        let (lo, lo_c) = if me.lo > o.lo {
            (me.lo, me.lo_closed)
        } else if o.lo > me.lo {
            (o.lo, o.lo_closed)
        } else {
            (me.lo, me.lo_closed && o.lo_closed)
        };
        let (hi, hi_c) = if me.hi < o.hi {
            (me.hi, me.hi_closed)
        } else if o.hi < me.hi {
            (o.hi, o.hi_closed)
        } else {
            (me.hi, me.hi_closed && o.hi_closed)
        };
        lo < hi || (lo == hi && lo_c && hi_c)
    }

    /// The smallest interval covering both.
    pub fn cover(&self, o: &Interval) -> Interval {
        let (lo, lo_closed) = if self.lo < o.lo {
            (self.lo, self.lo_closed)
        } else if o.lo < self.lo {
            (o.lo, o.lo_closed)
        } else {
            (self.lo, self.lo_closed || o.lo_closed)
        };
        let (hi, hi_closed) = if self.hi > o.hi {
            (self.hi, self.hi_closed)
        } else if o.hi > self.hi {
            (o.hi, o.hi_closed)
        } else {
            (self.hi, self.hi_closed || o.hi_closed)
        };
        Interval {
            lo,
            lo_closed,
            hi,
            hi_closed,
            slack: self.slack.max(o.slack),
        }
    }

    /// Wholly below `o`.
    pub fn below(&self, o: &Interval) -> bool {
        !self.overlaps(o) && self.hi <= o.lo
    }
}

/// The band a chart draws for a claim: (low, high) of its interval, infinite where unbounded
/// ("about 11,000" is (10,500, 11,500); "more than 600,000" is (600,000, inf)).
pub fn band(c: &Claim) -> (f64, f64) {
    let i = Interval::of_claim(c);
    (i.lo, i.hi)
}

/// How a report compares with what came before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    New,
    Same,
    Up,
    Down,
    Revision,
    Conflict,
    Anomaly,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Same => "same",
            Status::Up => "up",
            Status::Down => "down",
            Status::Revision => "revision",
            Status::Conflict => "conflict",
            Status::Anomaly => "anomaly",
        }
    }
}

/// Where a report stands in the order reports are judged in: as-of date, then publication
/// (undated last), then arrival in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    pub as_of: NaiveDate,
    pub undated: bool,
    pub published: Option<NaiveDate>,
    pub arrival: u64,
}

impl Key {
    pub fn new(as_of: NaiveDate, published: Option<NaiveDate>, arrival: u64) -> Key {
        Key {
            as_of,
            undated: published.is_none(),
            published,
            arrival,
        }
    }
}

/// One level figure of a metric, as the tracker reads it.
#[derive(Debug, Clone, Copy)]
pub struct Figure<'a> {
    pub metric: &'a str,
    pub key: Key,
    pub value: f64,
    pub interval: Interval,
    /// Bound symbol (`=`, `~`, `>`, ...).
    pub bound: &'a str,
    /// Who stated it; `None`: unknown, never the same as another report's.
    pub who: Option<&'a str>,
    /// A previous value the figure states ("up from 3,000").
    pub previous: Option<f64>,
}

#[derive(Debug, Clone)]
struct Report {
    key: Key,
    value: f64,
    interval: Interval,
    bound: &'static str,
    who: Option<u32>,
    previous: Option<f64>,
}

/// The verdict on a report: its status, what it was compared with, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub status: Status,
    /// The value compared with, its date and its sources (`None` for `new`).
    pub previous: Option<(f64, NaiveDate, Vec<String>)>,
    pub note: Option<String>,
}

/// One observation: the standing reports of a metric on a day.
#[derive(Debug, Clone, PartialEq)]
pub struct Observed {
    pub as_of: NaiveDate,
    /// The latest report's value.
    pub value: f64,
    /// Cover of the standing reports' intervals; infinite where unbounded.
    pub interval: Interval,
    /// Their common bound symbol, or "mixed".
    pub bound: String,
    pub n_reports: u32,
    /// Their sources, sorted, each once.
    pub sources: Vec<String>,
    /// The standing reports as given: "about 11,000 (NIS); 8,000 (Pentagon)".
    pub reported: String,
    pub change: Status,
    /// Why, when the change is a conflict, revision or anomaly.
    pub note: Option<String>,
}

/// The least change from `before` to `after` their intervals allow: 0 when they overlap, so a
/// rounded "1.17 million" a day after 1,166,450 is no leap of 3,550.
fn least_move(after: &Interval, before: &Interval) -> f64 {
    if after.lo > before.hi {
        after.lo - before.hi
    } else if after.hi < before.lo {
        after.hi - before.lo
    } else {
        0.0
    }
}

/// The reports of every metric by day, in [`Key`] order.
#[derive(Debug, Default)]
pub struct Tracker {
    metrics: FxHashMap<String, BTreeMap<NaiveDate, Vec<Report>>>,
    names: Vec<String>,
    ids: FxHashMap<String, u32>,
    cumulative: FxHashSet<String>,
}

/// The bound symbol `b` as a static string (unknown symbols read as exact).
fn bound_static(b: &str) -> &'static str {
    ["=", "~", ">", ">=", "<", "<="]
        .into_iter()
        .find(|s| *s == b)
        .unwrap_or("=")
}

/// A value as reported: "about 11,000", "more than 600,000".
fn as_reported(value: f64, bound: &str) -> String {
    let word = crate::model::Bound::from_symbol(bound)
        .filter(|b| *b != crate::model::Bound::Exact)
        .map(|b| format!("{} ", b.word()))
        .unwrap_or_default();
    format!("{word}{}", number(value))
}

/// `stand`, the standing reports of a day in order, after `r`: it replaces its source's
/// report.
fn stand_after<'a>(stand: &mut Vec<&'a Report>, r: &'a Report) {
    if r.who.is_some() {
        stand.retain(|x| x.who != r.who);
    }
    stand.push(r);
}

/// The reports of `day` that stand, in order: each source's latest, and every report of no
/// known source.
fn standing(day: &[Report]) -> Vec<&Report> {
    let mut seen = HashSet::new();
    let mut out: Vec<&Report> = day
        .iter()
        .rev()
        .filter(|r| r.who.is_none_or(|w| seen.insert(w)))
        .collect();
    out.reverse();
    out
}

impl Tracker {
    /// An empty tracker; `cumulative` names the running totals.
    pub fn new(cumulative: impl IntoIterator<Item = String>) -> Tracker {
        Tracker {
            cumulative: cumulative.into_iter().collect(),
            ..Default::default()
        }
    }

    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(s.to_string());
        self.ids.insert(s.to_string(), i);
        i
    }

    fn name(&self, who: Option<u32>) -> &str {
        who.and_then(|w| self.names.get(w as usize))
            .map_or("another source", String::as_str)
    }

    /// The report `f` makes, its source interned.
    fn report(&mut self, f: &Figure) -> Report {
        Report {
            key: f.key,
            value: f.value,
            interval: f.interval,
            bound: bound_static(f.bound),
            who: f.who.map(|w| self.intern(w)),
            previous: f.previous,
        }
    }

    /// The days of `metric`, created empty if it has none.
    fn days_mut(&mut self, metric: &str) -> &mut BTreeMap<NaiveDate, Vec<Report>> {
        if !self.metrics.contains_key(metric) {
            self.metrics.insert(metric.to_string(), BTreeMap::new());
        }
        self.metrics.get_mut(metric).expect("inserted above")
    }

    /// Adds a report, in its place by [`Key`].
    pub fn add(&mut self, f: &Figure) {
        let r = self.report(f);
        let day = self.days_mut(f.metric).entry(f.key.as_of).or_default();
        let at = day.partition_point(|x| x.key <= r.key);
        day.insert(at, r);
    }

    /// Adds many reports, each in its place by [`Key`] as [`Tracker::add`] puts it: appended
    /// to their days, and each day sorted once at the end (a series reads millions of reports,
    /// and a day's reports seldom arrive in their order).
    pub fn add_all<'a>(&mut self, figures: impl IntoIterator<Item = Figure<'a>>) {
        let mut touched: FxHashSet<&'a str> = FxHashSet::default();
        // Reports of one metric and date in a row (a part's rows are sorted by both) are
        // appended to their day together.
        let mut run: Vec<Report> = Vec::new();
        let mut run_of: Option<(&'a str, NaiveDate)> = None;
        for f in figures {
            if run_of != Some((f.metric, f.key.as_of)) {
                if let Some((metric, as_of)) = run_of {
                    self.append(metric, as_of, &mut run);
                }
                run_of = Some((f.metric, f.key.as_of));
                touched.insert(f.metric);
            }
            let r = self.report(&f);
            run.push(r);
        }
        if let Some((metric, as_of)) = run_of {
            self.append(metric, as_of, &mut run);
        }
        for metric in touched {
            for day in self
                .metrics
                .get_mut(metric)
                .into_iter()
                .flat_map(|d| d.values_mut())
            {
                if !day.is_sorted_by_key(|r| r.key) {
                    // Stable: reports of equal keys stay in the order `add` would leave them.
                    day.sort_by_key(|r| r.key);
                }
            }
        }
    }

    /// Moves `run`, reports of `metric` on `as_of`, to the end of their day.
    fn append(&mut self, metric: &str, as_of: NaiveDate, run: &mut Vec<Report>) {
        self.days_mut(metric).entry(as_of).or_default().append(run);
    }

    /// Drops the reports that no report judged from now on can see standing: of a day's
    /// reports from one known source with one publication date, all but the last. A report
    /// judged later arrives after all of them, so by [`Key`] it comes after the whole group or
    /// before it, and sees only the group's last standing (or none of it); a day's last report
    /// and its reports of unknown sources are kept. Call it only when every report added so
    /// far has been judged: a report of the group judged later would miss the ones before it.
    /// A history then grows with the metrics, days and sources, not with the reports.
    pub fn forget_superseded(&mut self) {
        let mut seen = HashSet::new();
        for day in self.metrics.values_mut().flat_map(|days| days.values_mut()) {
            seen.clear();
            let mut keep: Vec<bool> = day
                .iter()
                .rev()
                .map(|r| {
                    r.who
                        .is_none_or(|w| seen.insert((w, r.key.undated, r.key.published)))
                })
                .collect();
            if keep.iter().all(|&k| k) {
                continue;
            }
            keep.reverse();
            let mut keep = keep.into_iter();
            day.retain(|_| keep.next().unwrap_or(true));
        }
    }

    /// The verdict on `f` against the reports before it (it need not have been added).
    pub fn classify(&self, f: &Figure) -> Verdict {
        let Some(days) = self.metrics.get(f.metric) else {
            return Verdict {
                status: Status::New,
                previous: None,
                note: None,
            };
        };
        let who = f.who.and_then(|w| self.ids.get(w).copied());
        let r = Report {
            key: f.key,
            value: f.value,
            interval: f.interval,
            bound: bound_static(f.bound),
            who: if f.who.is_some() {
                Some(who.unwrap_or(u32::MAX))
            } else {
                None
            },
            previous: f.previous,
        };
        self.judge(f.metric, days, &r)
    }

    fn sources(&self, reports: &[&Report]) -> Vec<String> {
        let mut s: Vec<String> = reports
            .iter()
            .filter_map(|r| r.who.map(|w| self.names[w as usize].clone()))
            .collect();
        s.sort();
        s.dedup();
        s
    }

    /// The verdict on `r` against the standing reports of its own day that came before it (at
    /// least one, in order), with what it was compared with and why.
    fn same_day(&self, date: NaiveDate, stand: &[&Report], r: &Report) -> Verdict {
        let mine = r.interval;
        let verdict = |status, previous: Option<(f64, &[&Report])>, note: Option<String>| Verdict {
            status,
            previous: previous.map(|(v, group)| (v, date, self.sources(group))),
            note,
        };
        match revision_or_conflict(stand, r) {
            Some(Status::Revision) => {
                let own = stand
                    .iter()
                    .find(|x| x.who == r.who)
                    .expect("a revision has its source's report");
                let note = format!(
                    "{} gave {} for this day before",
                    self.name(own.who),
                    as_reported(own.value, own.bound)
                );
                verdict(Status::Revision, Some((own.value, &[own])), Some(note))
            }
            Some(_) => {
                let apart: Vec<&Report> = stand
                    .iter()
                    .copied()
                    .filter(|x| disagrees(x, r) && !agrees_with_stated(r, x))
                    .collect();
                let said: Vec<String> = apart
                    .iter()
                    .map(|x| {
                        let v = as_reported(x.value, x.bound);
                        format!("{} said {v}", self.name(x.who))
                    })
                    .collect();
                let note = format!("{} the same day", said.join(", "));
                let other = apart[apart.len() - 1].value;
                verdict(Status::Conflict, Some((other, &apart)), Some(note))
            }
            None => {
                // Every other source that disagrees gave the value `r` states it moved from.
                let updated: Vec<&Report> =
                    stand.iter().copied().filter(|x| disagrees(x, r)).collect();
                if let Some(old) = updated.last() {
                    let status = if mine.below(&old.interval) {
                        Status::Down
                    } else {
                        Status::Up
                    };
                    return verdict(status, Some((old.value, &updated)), None);
                }
                let last = stand[stand.len() - 1];
                verdict(Status::Same, Some((last.value, stand)), None)
            }
        }
    }

    fn judge(&self, metric: &str, days: &BTreeMap<NaiveDate, Vec<Report>>, r: &Report) -> Verdict {
        let date = r.key.as_of;
        let mine = r.interval;
        if let Some(day) = days.get(&date) {
            let before = &day[..day.partition_point(|x| x.key < r.key)];
            if !before.is_empty() {
                return self.same_day(date, &standing(before), r);
            }
        }
        let Some((&p_date, p_day)) = days.range(..date).next_back() else {
            return Verdict {
                status: Status::New,
                previous: None,
                note: None,
            };
        };
        let standing_p = standing(p_day);
        let mut cover = standing_p[0].interval;
        for x in &standing_p[1..] {
            cover = cover.cover(&x.interval);
        }
        let p_value = p_day.last().map_or(f64::NAN, |x| x.value);
        let previous = Some((p_value, p_date, self.sources(&standing_p)));
        let elapsed = (date - p_date).num_days();
        let cumulative = self.cumulative.contains(metric);
        let earlier = rates(days, p_date);
        // A running total that has been rising moves with any higher report: its hedges are
        // as wide as days of its own growth ("more than 11,000", then "about 12,000").
        let rising = cumulative && r.value > p_value && median_abs(&earlier) > 0.0;
        let (status, note) = if mine.overlaps(&cover) && !rising {
            (Status::Same, None)
        } else if cumulative && mine.below(&cover) {
            (
                Status::Anomaly,
                Some(format!(
                    "cumulative total fell by {}",
                    number(p_value - r.value)
                )),
            )
        } else if let Some(why) =
            outlying_rate(least_move(&mine, &cover) / elapsed as f64, &earlier)
        {
            (Status::Anomaly, Some(why))
        } else if mine.below(&cover) {
            (Status::Down, None)
        } else {
            (Status::Up, None)
        };
        Verdict {
            status,
            previous,
            note,
        }
    }

    /// The status and note of every report, each against the reports before it (what
    /// [`Tracker::classify`] gives it), by arrival: one pass over each day, where judging
    /// each report on its own reads its whole day again.
    pub fn statuses(&self) -> HashMap<u64, (Status, Option<String>)> {
        let mut out = HashMap::new();
        for (metric, days) in &self.metrics {
            for (&date, day) in days {
                let mut stand: Vec<&Report> = Vec::new();
                for r in day {
                    let v = if stand.is_empty() {
                        self.judge(metric, days, r)
                    } else {
                        self.same_day(date, &stand, r)
                    };
                    out.insert(r.key.arrival, (v.status, v.note));
                    stand_after(&mut stand, r);
                }
            }
        }
        out
    }

    /// The observations of `metric`, in date order.
    pub fn observations(&self, metric: &str) -> Vec<Observed> {
        self.observations_from(metric, NaiveDate::MIN)
    }

    /// Keeps of each day in `dates` only its standing reports, in order: all that the days
    /// after it are judged against (the previous day's standing reports and the last report
    /// of each day, which always stands). Observe those days first.
    pub fn settle(&mut self, dates: RangeInclusive<NaiveDate>) {
        for days in self.metrics.values_mut() {
            for day in days.range_mut(dates.clone()).map(|(_, day)| day) {
                let stand: Vec<Report> = standing(day).into_iter().cloned().collect();
                *day = stand;
            }
        }
    }

    /// The observations of `metric` on its days from `from` on, in date order.
    pub fn observations_from(&self, metric: &str, from: NaiveDate) -> Vec<Observed> {
        let Some(days) = self.metrics.get(metric) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (&date, day) in days.range(from..) {
            let first = self.judge(metric, days, &day[0]);
            let mut change = (first.status, first.note);
            // The standing reports so far, kept as the day's reports are read in order; the
            // last report that conflicts or revises gives the day its change, and its note is
            // written once, for that report alone.
            let mut stand: Vec<&Report> = vec![&day[0]];
            let mut last_change: Option<(Status, usize)> = None;
            for (i, r) in day.iter().enumerate().skip(1) {
                if let Some(status) = revision_or_conflict(&stand, r) {
                    last_change = Some((status, i));
                }
                stand_after(&mut stand, r);
            }
            if let Some((status, i)) = last_change {
                let mut before: Vec<&Report> = Vec::new();
                for r in &day[..i] {
                    stand_after(&mut before, r);
                }
                change = (status, self.same_day(date, &before, &day[i]).note);
            }
            let mut cover = stand[0].interval;
            for x in &stand[1..] {
                cover = cover.cover(&x.interval);
            }
            let bound = if stand.iter().all(|x| x.bound == stand[0].bound) {
                stand[0].bound.to_string()
            } else {
                "mixed".to_string()
            };
            let reported: Vec<String> = stand
                .iter()
                .map(|x| match x.who {
                    Some(w) => format!(
                        "{} ({})",
                        as_reported(x.value, x.bound),
                        self.names[w as usize]
                    ),
                    None => as_reported(x.value, x.bound),
                })
                .collect();
            out.push(Observed {
                as_of: date,
                value: day[day.len() - 1].value,
                interval: cover,
                bound,
                n_reports: stand.len() as u32,
                sources: self.sources(&stand),
                reported: reported.join("; "),
                change: change.0,
                note: change.1,
            });
        }
        out
    }

    /// The metrics with reports, sorted.
    pub fn metric_ids(&self) -> Vec<&str> {
        let mut m: Vec<&str> = self.metrics.keys().map(String::as_str).collect();
        m.sort_unstable();
        m
    }
}

/// `x`, a standing report of the day, is another source's (or of no known source) and
/// disagrees with `r`.
fn disagrees(x: &Report, r: &Report) -> bool {
    (x.who.is_none() || x.who != r.who) && !x.interval.agrees(&r.interval)
}

/// `x` gave the previous value `r` states it moved from ("up from 3,000").
fn agrees_with_stated(r: &Report, x: &Report) -> bool {
    r.previous
        .is_some_and(|p| Interval::of(p, None, None, "~", "").overlaps(&x.interval))
}

/// What `r` does to the standing reports of its day before it (at least one), if it revises
/// or contradicts them: a revision when its source gave a value it does not agree with; a
/// conflict when another source did and `r` does not say it moved from that value.
fn revision_or_conflict(stand: &[&Report], r: &Report) -> Option<Status> {
    if let Some(own) = stand.iter().find(|x| r.who.is_some() && x.who == r.who)
        && !own.interval.agrees(&r.interval)
    {
        return Some(Status::Revision);
    }
    stand
        .iter()
        .any(|x| disagrees(x, r) && !agrees_with_stated(r, x))
        .then_some(Status::Conflict)
}

/// The median of the absolute values of `v` (0 for none).
fn median_abs(v: &[f64]) -> f64 {
    let mut a: Vec<f64> = v.iter().map(|x| x.abs()).collect();
    a.sort_by(f64::total_cmp);
    match a.len() {
        0 => 0.0,
        n if n % 2 == 1 => a[n / 2],
        n => (a[n / 2 - 1] + a[n / 2]) / 2.0,
    }
}

/// The daily rates between the latest observations up to `last` (at most [`RATE_WINDOW`], the
/// most recent last).
fn rates(days: &BTreeMap<NaiveDate, Vec<Report>>, last: NaiveDate) -> Vec<f64> {
    let recent: Vec<(NaiveDate, f64)> = days
        .range(..=last)
        .rev()
        .take(RATE_WINDOW + 1)
        .map(|(&d, day)| (d, day[day.len() - 1].value))
        .collect();
    recent
        .windows(2)
        .rev()
        .map(|w| (w[0].1 - w[1].1) / (w[0].0 - w[1].0).num_days() as f64)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iv(v: f64, b: &str, text: &str) -> Interval {
        Interval::of(v, None, None, b, text)
    }

    #[test]
    fn precision_as_written() {
        let cases: &[(f64, &str, bool, f64)] = &[
            // Plain digits are exact unless hedged.
            (10_000.0, "10,000", false, 0.0),
            (7_915_287.0, "7,915,287", false, 0.0),
            (11_000.0, "11,000 troops", false, 0.0),
            // A scale word rounds to the last written digit.
            (7_900_000.0, "7.9 million", false, 50_000.0),
            (2_500_000_000.0, "$2.5bn", false, 50_000_000.0),
            (120_000_000.0, "120 million people", false, 5_000_000.0),
            (40_000.0, "40k", false, 2_000.0),
            (1_250_000.0, "1.25m", false, 5_000.0),
            // A hedge: half a unit of the last nonzero digit, at most 5 % of the value.
            (11_000.0, "about 11,000", true, 500.0),
            (12_000.0, "around 12,000", true, 500.0),
            (10_000.0, "roughly 10,000", true, 500.0),
            (3_000.0, "some 3,000", true, 150.0),
            (1_456_610.0, "1456610", true, 5.0),
            (2.5, "about 2.5%", true, 0.05),
            // Written in words: 5 % when hedged or scaled, else exact.
            (3_000_000.0, "three million", false, 150_000.0),
            (12.0, "about a dozen", true, 0.6),
            (12.0, "a dozen", false, 0.0),
            // A scale-like word that is not one.
            (40.0, "40 miles", false, 0.0),
        ];
        for &(value, text, hedged, want) in cases {
            let got = written_precision(value, text, hedged);
            assert!(
                (got - want).abs() <= 1e-9 * value.abs().max(1.0),
                "{text:?}: {got} != {want}"
            );
        }
    }

    #[test]
    fn round_plain_figures_allow_their_unstated_rounding() {
        for (value, text, want) in [
            (65_800.0, "65,800", 50.0),
            (10_000.0, "10,000", 500.0),
            (300.0, "300", 15.0),
            (1_200.0, "1,200 troops", 50.0),
            (65_850.0, "65,850", 0.0),
            (90.0, "90", 0.0),
            (2.0, "2.00", 0.0),
            (7_900_000.0, "7.9 million", 0.0),
        ] {
            assert_eq!(unstated_rounding(value, text), want, "{text}");
        }
    }

    #[test]
    fn reports_of_a_day_agree_as_written() {
        let cases: &[(Interval, Interval, bool)] = &[
            (
                iv(7_900_000.0, "=", "7.9 million"),
                iv(7_915_287.0, "=", "7,915,287"),
                true,
            ),
            (
                iv(7_900_000.0, "=", "7.9 million"),
                iv(7_960_000.0, "=", "7,960,000"),
                false,
            ),
            (
                iv(65_800.0, "=", "65,800"),
                iv(65_780.0, "=", "65,780"),
                true,
            ),
            (
                iv(11_000.0, "=", "11,000"),
                iv(12_000.0, "=", "12,000"),
                false,
            ),
            (
                iv(11_000.0, "~", "about 11,000"),
                iv(12_000.0, "~", "about 12,000"),
                false,
            ),
            (
                iv(11_000.0, "~", "about 11,000"),
                iv(11_400.0, "=", "11,400"),
                true,
            ),
            (
                iv(10_000.0, "~", "about 10,000"),
                iv(10_000.0, "=", "10,000"),
                true,
            ),
            // "10,000" is written to the thousand: 10,200 rounds to it, 10,600 does not.
            (
                iv(10_000.0, "=", "10,000"),
                iv(10_200.0, "=", "10,200"),
                true,
            ),
            (
                iv(10_000.0, "=", "10,000"),
                iv(10_600.0, "=", "10,600"),
                false,
            ),
            (
                iv(600_000.0, ">", "600,000"),
                iv(700_000.0, "=", "700,000"),
                true,
            ),
            // A round "600,000" may be a little more; an exact 599,950 is not.
            (
                iv(600_000.0, ">", "600,000"),
                iv(600_000.0, "=", "600,000"),
                true,
            ),
            (
                iv(600_000.0, ">", "600,000"),
                iv(599_950.0, "=", "599,950"),
                false,
            ),
            (
                iv(600_000.0, ">=", "600,000"),
                iv(600_000.0, "=", "600,000"),
                true,
            ),
            (iv(50.0, "<", "50"), iv(50.0, "<=", "50"), true),
            (iv(50.0, "<", "50"), iv(50.0, ">", "50"), false),
            (iv(50.0, "<=", "50"), iv(50.0, ">=", "50"), true),
            (
                Interval::of(
                    11_000.0,
                    Some(10_000.0),
                    Some(12_000.0),
                    "=",
                    "10,000-12,000",
                ),
                iv(12_000.0, "=", "12,000"),
                true,
            ),
            (
                iv(1_456_610.0, "~", "1456610"),
                iv(1_457_800.0, "~", "1457800"),
                false,
            ),
        ];
        for (a, b, want) in cases {
            assert_eq!(a.agrees(b), *want, "{a:?} {b:?}");
            assert_eq!(b.agrees(a), *want, "{b:?} {a:?}");
        }
    }

    #[test]
    fn daily_rates_far_outside_history() {
        let steady = [10.0; 12];
        let cases: &[(f64, &[f64], bool)] = &[
            (25.0, &steady, true),
            (-25.0, &steady, true),
            (20.0, &steady, false),
            (15.0, &steady, false),
            // Fewer than 10 earlier rates: too little history to judge.
            (500.0, &steady[..9], false),
            // No movement at all before: nothing to compare with.
            (5.0, &[0.0; 12], false),
            // Only the last 90 rates count: a surge long ago does not hide a new one.
            (25.0, &[[1_000.0].as_slice(), &[10.0; 90]].concat(), true),
            (25.0, &[[1_000.0].as_slice(), &[10.0; 89]].concat(), false),
        ];
        for (rate, earlier, want) in cases {
            assert_eq!(
                outlying_rate(*rate, earlier).is_some(),
                *want,
                "{rate} after {} rates",
                earlier.len()
            );
        }
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 1, d).expect("a day of January")
    }

    /// Adds a report of metric "m" on `d`, arrived `n`-th, and returns its verdict.
    fn report(t: &mut Tracker, n: u64, d: u32, value: f64, text: &str, who: &str) -> Status {
        let bound = if text.starts_with("about") { "~" } else { "=" };
        let f = Figure {
            metric: "m",
            key: Key::new(day(d), Some(day(d)), n),
            value,
            interval: Interval::of(value, None, None, bound, text),
            bound,
            who: Some(who),
            previous: None,
        };
        t.add(&f);
        t.classify(&f).status
    }

    #[test]
    fn observations_hold_only_reported_values() {
        let mut t = Tracker::new(Vec::new());
        let got = [
            report(&mut t, 0, 10, 3_000.0, "3,000", "NIS"),
            report(&mut t, 1, 13, 11_000.0, "11,000", "Pentagon"),
            report(&mut t, 2, 13, 8_000.0, "8,000", "Pentagon"),
            report(&mut t, 3, 13, 10_000.0, "about 10,000", "Seoul"),
            report(&mut t, 4, 20, 12_000.0, "about 12,000", "Seoul"),
        ];
        use Status::*;
        assert_eq!(got, [New, Up, Revision, Conflict, Up]);
        let obs = t.observations("m");
        let day13 = &obs[1];
        // The revision stands, the superseded 11,000 is gone; Seoul's figure stands beside it.
        assert_eq!(day13.value, 10_000.0);
        assert_eq!(day13.n_reports, 2);
        assert_eq!(day13.sources, ["Pentagon", "Seoul"]);
        assert_eq!(day13.reported, "8,000 (Pentagon); about 10,000 (Seoul)");
        assert_eq!((day13.interval.lo, day13.interval.hi), (8_000.0, 10_500.0));
        assert_eq!(day13.bound, "mixed");
        assert_eq!(day13.change, Conflict);
        assert_eq!(
            day13.note.as_deref(),
            Some("Pentagon said 8,000 the same day")
        );
        assert_eq!(obs[2].change, Up);
        for o in &obs {
            assert!(
                [3_000.0, 8_000.0, 10_000.0, 12_000.0].contains(&o.value),
                "{o:?}"
            );
        }
    }

    #[test]
    fn rounded_figures_and_hedges_scaled_to_the_figure() {
        let mut t = Tracker::new(Vec::new());
        report(&mut t, 0, 1, 7_915_287.0, "7,915,287", "ONS");
        assert_eq!(
            report(&mut t, 1, 2, 7_900_000.0, "7.9 million", "BBC"),
            Status::Same
        );
        let mut s = Tracker::new(Vec::new());
        report(&mut s, 0, 1, 11_000.0, "about 11,000", "Seoul");
        assert_eq!(
            report(&mut s, 1, 9, 12_000.0, "about 12,000", "Seoul"),
            Status::Up
        );
    }

    #[test]
    fn a_running_total_is_judged_by_its_own_growth() {
        let add = |t: &mut Tracker, n: u64, d: u32, value: f64, bound: &str, text: &str| {
            let f = Figure {
                metric: "total",
                key: Key::new(day(d), Some(day(d)), n),
                value,
                interval: Interval::of(value, None, None, bound, text),
                bound,
                who: Some("GS"),
                previous: None,
            };
            t.add(&f);
            t.classify(&f).status
        };
        let mut t = Tracker::new(["total".to_string()]);
        add(&mut t, 0, 1, 9_000.0, "~", "9000");
        add(&mut t, 1, 2, 10_000.0, "~", "10000");
        assert_eq!(add(&mut t, 2, 3, 11_000.0, ">", "11000"), Status::Up);
        // Overlaps "more than 11,000", but the total has been rising by about 1,000 a day.
        assert_eq!(add(&mut t, 3, 4, 12_000.0, "~", "12000"), Status::Up);
        // Within the hedge and lower: not a fall.
        assert_eq!(
            add(&mut t, 4, 5, 11_900.0, "~", "about 11,900"),
            Status::Same
        );
        // Steady growth of 1,000 a day, then a headline's rounded "1.2 million" among exact
        // reports: its rate is what its rounding allows, not a leap.
        let steady = || {
            let mut g = Tracker::new(["total".to_string()]);
            for d in 1..=12 {
                let value = 1_150_000.0 + 1_000.0 * d as f64;
                add(&mut g, d as u64, d, value, "=", "1,151,000");
            }
            g
        };
        let rounded = add(&mut steady(), 13, 13, 1_200_000.0, "=", "1.2 million");
        assert_eq!(rounded, Status::Up);
        assert_eq!(
            add(&mut steady(), 13, 13, 1_190_000.0, "=", "1,190,000"),
            Status::Anomaly,
            "a true leap of 28,000 in a day still is one"
        );
        // Not a running total: the hedges decide.
        let mut s = Tracker::new(Vec::new());
        let f = |n: u64, d: u32, value: f64, bound: &'static str| Figure {
            metric: "level",
            key: Key::new(day(d), None, n),
            value,
            interval: Interval::of(value, None, None, bound, "12000"),
            bound,
            who: Some("GS"),
            previous: None,
        };
        s.add(&f(0, 1, 10_000.0, "="));
        s.add(&f(1, 2, 11_000.0, ">"));
        assert_eq!(s.classify(&f(2, 3, 12_000.0, "~")).status, Status::Same);
    }

    proptest::proptest! {
        /// Judging every report in one pass over each day gives each the status and note that
        /// judging it alone gives: reports of two metrics (one a running total) on random days,
        /// publication dates, sources and hedges, added in random order.
        #[test]
        fn judging_all_at_once_equals_judging_each(
            reports in proptest::collection::vec(
                (0usize..2, 1u32..6, 0u8..3, 0usize..4, 1u32..8, 0usize..3),
                1..40,
            ),
        ) {
            const WHO: [Option<&str>; 4] = [Some("A"), Some("B"), Some("C"), None];
            const BOUND: [&str; 3] = ["=", "~", ">"];
            let figures: Vec<Figure> = reports
                .iter()
                .enumerate()
                .map(|(i, &(m, d, p, w, v, b))| {
                    let value = f64::from(v) * 1_000.0;
                    Figure {
                        metric: ["m", "n"][m],
                        key: Key::new(day(d), (p < 2).then(|| day(d + u32::from(p))), i as u64),
                        value,
                        interval: Interval::of(value, None, None, BOUND[b], "1,000"),
                        bound: BOUND[b],
                        who: WHO[w],
                        previous: None,
                    }
                })
                .collect();
            let mut t = Tracker::new(["m".to_string()]);
            for f in &figures {
                t.add(f);
            }
            let all = t.statuses();
            proptest::prop_assert_eq!(all.len(), figures.len());
            for f in &figures {
                let one = t.classify(f);
                proptest::prop_assert_eq!(&all[&f.key.arrival], &(one.status, one.note));
            }
        }
    }

    proptest::proptest! {
        /// Forgetting the superseded reports after each round changes no verdict of the rounds
        /// after it: rounds of reports (two metrics, one a running total; days, publication
        /// dates, sources and hedges drawn at random) are added, then judged, in one tracker
        /// that forgets after every round and one that does not.
        #[test]
        fn forgetting_superseded_reports_changes_no_verdict(
            rounds in proptest::collection::vec(
                proptest::collection::vec(
                    (0usize..2, 1u32..6, 0u8..3, 0usize..4, 1u32..8, 0usize..3),
                    1..12,
                ),
                1..6,
            ),
        ) {
            const WHO: [Option<&str>; 4] = [Some("A"), Some("B"), Some("C"), None];
            const BOUND: [&str; 3] = ["=", "~", ">"];
            let mut kept = Tracker::new(["m".to_string()]);
            let mut forgetting = Tracker::new(["m".to_string()]);
            let mut arrival = 0u64;
            for round in rounds {
                let figures: Vec<Figure> = round
                    .iter()
                    .map(|&(m, d, p, w, v, b)| {
                        arrival += 1;
                        let value = f64::from(v) * 1_000.0;
                        Figure {
                            metric: ["m", "n"][m],
                            key: Key::new(
                                day(d),
                                (p < 2).then(|| day(d + u32::from(p))),
                                arrival,
                            ),
                            value,
                            interval: Interval::of(value, None, None, BOUND[b], "1,000"),
                            bound: BOUND[b],
                            who: WHO[w],
                            previous: None,
                        }
                    })
                    .collect();
                for f in &figures {
                    kept.add(f);
                    forgetting.add(f);
                }
                for f in &figures {
                    proptest::prop_assert_eq!(kept.classify(f), forgetting.classify(f));
                }
                forgetting.forget_superseded();
            }
        }
    }

    #[test]
    fn bands_of_claims() {
        let claim = |value: f64, bound: crate::model::Bound, text: &str| Claim {
            doc: "d".into(),
            claim_id: "c".into(),
            published: None,
            as_of: None,
            metric: None,
            metric_match: None,
            concept: None,
            value,
            low: None,
            high: None,
            unit: None,
            unit_normalized: None,
            kind: crate::model::Kind::Count,
            bound,
            direction: None,
            role: crate::model::Role::Level,
            previous: None,
            previous_text: None,
            previous_start: None,
            previous_end: None,
            previous_as_of: None,
            attribution: None,
            text: text.into(),
            start: 0,
            end: 0,
            sentence: String::new(),
        };
        use crate::model::Bound::*;
        let cases = [
            (
                claim(11_000.0, Approximate, "about 11,000"),
                (10_500.0, 11_500.0),
            ),
            (
                claim(7_900_000.0, Exact, "7.9 million"),
                (7_850_000.0, 7_950_000.0),
            ),
            (claim(10_000.0, Exact, "10,000"), (10_000.0, 10_000.0)),
            (
                claim(600_000.0, MoreThan, "600,000"),
                (600_000.0, f64::INFINITY),
            ),
            (claim(50.0, AtMost, "50"), (f64::NEG_INFINITY, 50.0)),
        ];
        for (c, want) in cases {
            assert_eq!(band(&c), want, "{}", c.text);
        }
    }
}
