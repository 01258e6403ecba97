//! Change detection: each incoming claim against the history of its metric.
//!
//! A figure is an interval ([`Interval::of`]): `=` is [v, v]; `~` ("about") is [0.95 v, 1.05 v]
//! (±5 %, closed: "about 10,000" covers 9,500 to 10,500); `>` is (v, inf), `>=` [v, inf),
//! `<` (-inf, v), `<=` (-inf, v]; a range is [low, high]. Intervals that overlap state the same
//! figure as far as their precision goes.
//!
//! A claim dated `d` is compared with the history of its metric as-of: the latest observation
//! at or before `d` (all the reports of that day, their intervals covered by one). Its status:
//! - `new`: the metric has no observation at or before `d`;
//! - `revision`: the same source already gave another value for the same day (the intervals do
//!   not overlap); compared with that value;
//! - `same`: its interval overlaps the observation's ("about 10,000" against 10,000, "more than
//!   600,000" against 700,000);
//! - `anomaly`: the metric is cumulative (a running total) and the claim lies wholly below; or
//!   its daily rate (change per day since the observation) is far outside the metric's own
//!   history ([`outlying_rate`]: more than twice the largest of the last 90 rates, given at
//!   least 10);
//! - `conflict`: the observation is less than [`WINDOW_DAYS`] (7) days older, comes from other
//!   sources, and the intervals do not overlap; not when the claim itself states a previous
//!   value that agrees with the observation ("10,000, up from 3,000": an update, not a
//!   contradiction). A week later is a change, not a conflict;
//! - `up` / `down` otherwise, with delta, ratio, pct, days and per_day.
//!
//! Stated changes ("rose 2.1%") and undated claims are listed without a status, with a note.

use crate::metrics::is_level;
use crate::series::{number, who};
use crate::store::{Store, StoredClaim, date_to_days, days_to_date};
use chrono::NaiveDate;
use polars::prelude::*;
use serde::Serialize;
use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Half-width of an approximate figure, relative to its value.
pub const APPROX: f64 = 0.05;

/// Other sources' figures less than this many days older conflict when they disagree.
pub const WINDOW_DAYS: i64 = 7;

/// A daily rate is compared with the rates of at most this many earlier observations...
pub const RATE_WINDOW: usize = 90;

/// ... when the metric has at least this many ...
pub const RATE_MIN_HISTORY: usize = 10;

/// ... and is far outside them above this many times the largest (in absolute value).
pub const RATE_FACTOR: f64 = 2.0;

/// Why a daily rate is far outside its metric's own history, if it is. `earlier` are the rates
/// (per_day) of the metric's earlier observations, the most recent last. Falls of running
/// totals are reported as such before this is asked.
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

/// A figure as an interval of the values it admits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub lo: f64,
    pub lo_closed: bool,
    pub hi: f64,
    pub hi_closed: bool,
}

impl Interval {
    /// The interval of a figure: see the module notes.
    pub fn of(value: f64, low: Option<f64>, high: Option<f64>, bound: &str) -> Interval {
        if let (Some(lo), Some(hi)) = (low, high) {
            return Interval {
                lo,
                lo_closed: true,
                hi,
                hi_closed: true,
            };
        }
        let spread = value.abs() * APPROX;
        let (lo, lo_closed, hi, hi_closed) = match bound {
            "~" => (value - spread, true, value + spread, true),
            ">" => (value, false, f64::INFINITY, false),
            ">=" => (value, true, f64::INFINITY, false),
            "<" => (f64::NEG_INFINITY, false, value, false),
            "<=" => (f64::NEG_INFINITY, false, value, true),
            _ => (value, true, value, true),
        };
        Interval {
            lo,
            lo_closed,
            hi,
            hi_closed,
        }
    }

    /// The interval of a claim.
    pub fn of_claim(c: &crate::model::Claim) -> Interval {
        Interval::of(c.value, c.low, c.high, c.bound.symbol())
    }

    /// Some value lies in both.
    pub fn overlaps(&self, o: &Interval) -> bool {
        let (lo, lo_c) = if self.lo > o.lo {
            (self.lo, self.lo_closed)
        } else if o.lo > self.lo {
            (o.lo, o.lo_closed)
        } else {
            (self.lo, self.lo_closed && o.lo_closed)
        };
        let (hi, hi_c) = if self.hi < o.hi {
            (self.hi, self.hi_closed)
        } else if o.hi < self.hi {
            (o.hi, o.hi_closed)
        } else {
            (self.hi, self.hi_closed && o.hi_closed)
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
        }
    }

    /// Wholly below `o`.
    pub fn below(&self, o: &Interval) -> bool {
        !self.overlaps(o) && self.hi <= o.lo
    }
}

/// How a claim compares with history.
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

/// One claim of a diff: the claim, its status and what it was compared with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    pub doc: String,
    pub claim_id: String,
    pub metric: Option<String>,
    pub as_of: Option<NaiveDate>,
    pub value: f64,
    pub bound: String,
    pub text: String,
    pub concept: Option<String>,
    pub source: Option<String>,
    pub status: Option<Status>,
    pub previous_value: Option<f64>,
    pub previous_as_of: Option<NaiveDate>,
    pub previous_sources: Vec<String>,
    pub delta: Option<f64>,
    pub ratio: Option<f64>,
    pub pct: Option<f64>,
    pub days: Option<i64>,
    pub per_day: Option<f64>,
    pub note: Option<String>,
}

/// Columns people read first in a diff table.
pub const TABLE_COLUMNS: &[&str] = &[
    "doc",
    "metric",
    "as_of",
    "bound",
    "value",
    "status",
    "previous_value",
    "previous_as_of",
    "delta",
    "ratio",
    "days",
    "source",
    "note",
];

#[derive(Debug, Clone)]
struct Report {
    value: f64,
    interval: Interval,
    /// Interned source; `None`: unknown, never the same as another report's.
    who: Option<u32>,
}

/// The reports of one metric on one day, and their median once asked for.
#[derive(Debug, Default)]
struct Day {
    reports: Vec<Report>,
    median: OnceCell<f64>,
}

impl Day {
    fn median(&self) -> f64 {
        *self.median.get_or_init(|| {
            let mut values: Vec<f64> = self.reports.iter().map(|r| r.value).collect();
            median(&mut values)
        })
    }
}

/// The daily rates between the observations of `days` up to `last` (at most [`RATE_WINDOW`]
/// of them, the most recent last).
fn rates_up_to(days: &BTreeMap<i32, Day>, last: i32) -> Vec<f64> {
    let recent: Vec<(i32, f64)> = days
        .range(..=last)
        .rev()
        .take(RATE_WINDOW + 1)
        .map(|(&d, day)| (d, day.median()))
        .collect();
    recent
        .windows(2)
        .rev()
        .map(|w| (w[0].1 - w[1].1) / f64::from(w[0].0 - w[1].0))
        .collect()
}

/// The history claims are compared with: the level reports of every metric by date.
#[derive(Debug, Default)]
pub struct History {
    metrics: HashMap<String, BTreeMap<i32, Day>>,
    names: Vec<String>,
    ids: HashMap<String, u32>,
    cumulative: HashSet<String>,
}

impl History {
    /// An empty history; `cumulative` names the running totals.
    pub fn new(cumulative: impl IntoIterator<Item = String>) -> History {
        History {
            cumulative: cumulative.into_iter().collect(),
            ..Default::default()
        }
    }

    /// The level reports of the store (of `metrics` only, when given).
    pub fn load(store: &Store, metrics: Option<&[String]>) -> anyhow::Result<History> {
        let mut h = History::new(store.catalog.cumulative_ids());
        let pred = metrics.map(|m| crate::series::any_of("metric", m));
        let lf = store
            .claims_where(pred)?
            .filter(crate::series::is_level())
            .select([
                col("metric"),
                col("as_of"),
                col("value"),
                col("low"),
                col("high"),
                col("bound"),
                who(),
            ]);
        let df = store.collect(lf)?;
        let metric = df.column("metric")?.str()?;
        let as_of = df.column("as_of")?.date()?;
        let value = df.column("value")?.f64()?;
        let low = df.column("low")?.f64()?;
        let high = df.column("high")?.f64()?;
        let bound = df.column("bound")?.str()?;
        let whos = df.column("who")?.str()?;
        for i in 0..df.height() {
            let (Some(m), Some(d), Some(v)) = (metric.get(i), as_of.phys.get(i), value.get(i))
            else {
                continue;
            };
            let interval = Interval::of(v, low.get(i), high.get(i), bound.get(i).unwrap_or("="));
            let w = whos.get(i).map(|s| h.intern(s));
            h.push(
                m,
                d,
                Report {
                    value: v,
                    interval,
                    who: w,
                },
            );
        }
        Ok(h)
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

    fn push(&mut self, metric: &str, day: i32, r: Report) {
        if !self.metrics.contains_key(metric) {
            self.metrics.insert(metric.to_string(), BTreeMap::new());
        }
        let days = self.metrics.get_mut(metric).expect("inserted above");
        let d = days.entry(day).or_default();
        d.reports.push(r);
        d.median = OnceCell::new();
    }

    /// Adds a claim to the history (levels with a metric and a date only).
    pub fn add(&mut self, c: &StoredClaim) {
        let (Some(m), Some(d)) = (&c.claim.metric, c.claim.as_of) else {
            return;
        };
        if !is_level(&c.claim) || c.claim.value.is_nan() {
            return;
        }
        let w = c.known_source().map(|s| self.intern(s));
        self.push(
            m,
            date_to_days(d),
            Report {
                value: c.claim.value,
                interval: Interval::of_claim(&c.claim),
                who: w,
            },
        );
    }

    /// Compares a claim with the history of its metric.
    pub fn classify(&self, c: &StoredClaim) -> Diff {
        let claim = &c.claim;
        let mut diff = Diff {
            doc: claim.doc.clone(),
            claim_id: claim.claim_id.clone(),
            metric: claim.metric.clone(),
            as_of: claim.as_of,
            value: claim.value,
            bound: claim.bound.symbol().to_string(),
            text: claim.text.clone(),
            concept: claim.concept.clone(),
            source: c.known_source().map(str::to_string),
            status: None,
            previous_value: None,
            previous_as_of: None,
            previous_sources: Vec::new(),
            delta: None,
            ratio: None,
            pct: None,
            days: None,
            per_day: None,
            note: None,
        };
        if !is_level(claim) {
            diff.note = Some("a stated change, not a level; not compared".to_string());
            return diff;
        }
        let (Some(metric), Some(as_of)) = (&claim.metric, claim.as_of) else {
            diff.note = Some("no date; not compared".to_string());
            return diff;
        };
        let day = date_to_days(as_of);
        let mine = Interval::of_claim(claim);
        let Some((days, (&p_day, p_obs))) = self
            .metrics
            .get(metric)
            .and_then(|m| Some((m, m.range(..=day).next_back()?)))
        else {
            diff.status = Some(Status::New);
            return diff;
        };
        let reports = &p_obs.reports;
        let who = c.known_source().and_then(|s| self.ids.get(s).copied());
        // Revision: the same source, the same day, another value.
        if p_day == day
            && let Some(r) = reports
                .iter()
                .find(|r| who.is_some() && r.who == who && !r.interval.overlaps(&mine))
        {
            self.compare(&mut diff, day, p_day, r.value, r.who.into_iter().collect());
            diff.status = Some(Status::Revision);
            diff.note = Some(format!(
                "{} gave {} for this day before",
                diff.source.as_deref().unwrap_or("the same source"),
                number(r.value)
            ));
            return diff;
        }
        let mut cover = reports[0].interval;
        for r in &reports[1..] {
            cover = cover.cover(&r.interval);
        }
        let p_value = p_obs.median();
        let mut whos: Vec<u32> = reports.iter().filter_map(|r| r.who).collect();
        whos.sort_unstable();
        whos.dedup();
        let other_sources = who.is_none_or(|w| !whos.contains(&w));
        let unknown = reports.iter().any(|r| r.who.is_none());
        self.compare(&mut diff, day, p_day, p_value, whos);
        let cumulative = self.cumulative.contains(metric);
        let recent = i64::from(day - p_day) < WINDOW_DAYS;
        let stated_update = claim
            .previous
            .is_some_and(|p| Interval::of(p, None, None, "~").overlaps(&cover));
        let status = if mine.overlaps(&cover) {
            Status::Same
        } else if cumulative && mine.below(&cover) {
            diff.note = Some(format!(
                "cumulative total fell by {}",
                number(p_value - claim.value)
            ));
            Status::Anomaly
        } else if recent && other_sources && !stated_update {
            diff.note = Some(format!(
                "{} said {}, {}",
                if diff.previous_sources.is_empty() || unknown {
                    "another source".to_string()
                } else {
                    diff.previous_sources.join(", ")
                },
                number(p_value),
                match day - p_day {
                    0 => "the same day".to_string(),
                    1 => "the day before".to_string(),
                    n => format!("{n} days before"),
                }
            ));
            Status::Conflict
        } else if let Some(why) = diff
            .per_day
            .and_then(|rate| outlying_rate(rate, &rates_up_to(days, p_day)))
        {
            diff.note = Some(why);
            Status::Anomaly
        } else if claim.value > p_value {
            Status::Up
        } else if claim.value < p_value {
            Status::Down
        } else {
            Status::Same
        };
        diff.status = Some(status);
        diff
    }

    fn compare(&self, diff: &mut Diff, day: i32, p_day: i32, p_value: f64, whos: Vec<u32>) {
        let days = i64::from(day - p_day);
        let delta = diff.value - p_value;
        diff.previous_value = Some(p_value);
        diff.previous_as_of = Some(days_to_date(p_day));
        diff.previous_sources = whos
            .into_iter()
            .map(|w| self.names[w as usize].clone())
            .collect();
        diff.delta = Some(delta);
        diff.ratio = (p_value != 0.0).then(|| diff.value / p_value);
        diff.pct = diff.ratio.map(|r| (r - 1.0) * 100.0);
        diff.days = Some(days);
        diff.per_day = (days > 0).then(|| delta / days as f64);
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Bound, Claim, Kind};

    fn iv(v: f64, b: &str) -> Interval {
        Interval::of(v, None, None, b)
    }

    #[test]
    fn intervals_overlap_as_written() {
        let cases: &[(Interval, Interval, bool)] = &[
            (iv(10_000.0, "~"), iv(10_000.0, "="), true),
            (iv(10_000.0, "~"), iv(10_500.0, "="), true),
            (iv(10_000.0, "~"), iv(10_600.0, "="), false),
            (iv(600_000.0, ">"), iv(700_000.0, "="), true),
            (iv(600_000.0, ">"), iv(600_000.0, "="), false),
            (iv(600_000.0, ">="), iv(600_000.0, "="), true),
            (iv(50.0, "<"), iv(50.0, "<="), true),
            (iv(50.0, "<"), iv(50.0, ">"), false),
            (iv(50.0, "<="), iv(50.0, ">="), true),
            (
                Interval::of(11_000.0, Some(10_000.0), Some(12_000.0), "="),
                iv(12_000.0, "="),
                true,
            ),
            (iv(3_000.0, "="), iv(1_500.0, "~"), false),
        ];
        for (a, b, want) in cases {
            assert_eq!(a.overlaps(b), *want, "{a:?} {b:?}");
            assert_eq!(b.overlaps(a), *want, "{b:?} {a:?}");
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

    fn sc(doc: &str, value: f64, bound: Bound, day: u32, who: &str) -> StoredClaim {
        StoredClaim {
            claim: Claim {
                doc: doc.into(),
                claim_id: doc.into(),
                published: None,
                as_of: NaiveDate::from_ymd_opt(2024, 10, day),
                metric: Some("m".into()),
                metric_match: None,
                concept: None,
                value,
                low: None,
                high: None,
                unit: None,
                unit_normalized: None,
                kind: Kind::Count,
                bound,
                direction: None,
                role: crate::model::Role::Level,
                previous: None,
                previous_text: None,
                previous_start: None,
                previous_end: None,
                previous_as_of: None,
                attribution: Some(who.into()),
                text: String::new(),
                start: 0,
                end: 0,
                sentence: String::new(),
            },
            source: None,
        }
    }

    #[test]
    fn statuses() {
        let mut h = History::new(["cum".to_string()]);
        let first = sc("a", 3_000.0, Bound::Exact, 10, "NIS");
        assert_eq!(h.classify(&first).status, Some(Status::New));
        h.add(&first);
        let cases: &[(StoredClaim, Status)] = &[
            (sc("b", 3_100.0, Bound::Approximate, 12, "US"), Status::Same),
            (sc("c", 9_000.0, Bound::Exact, 12, "US"), Status::Conflict),
            (sc("d", 9_000.0, Bound::Exact, 17, "US"), Status::Up),
            (sc("e", 9_000.0, Bound::Exact, 12, "NIS"), Status::Up),
            (sc("f", 2_000.0, Bound::Exact, 10, "NIS"), Status::Revision),
            (sc("g", 2_000.0, Bound::Exact, 25, "NIS"), Status::Down),
        ];
        for (c, want) in cases {
            assert_eq!(h.classify(c).status, Some(*want), "{}", c.claim.doc);
        }
        let mut stated = sc("h", 9_000.0, Bound::Exact, 12, "US");
        stated.claim.previous = Some(3_000.0);
        assert_eq!(h.classify(&stated).status, Some(Status::Up));
        let d = h.classify(&sc("d", 9_000.0, Bound::Exact, 17, "US"));
        assert_eq!(d.delta, Some(6_000.0));
        assert_eq!(d.ratio, Some(3.0));
        assert_eq!(d.days, Some(7));

        // A daily rate far outside the metric's history: 10 days of +10, then +100 in a day.
        let mut r = History::new(Vec::new());
        for day in 1..=11 {
            r.add(&sc(
                "r",
                1_000.0 + 10.0 * f64::from(day),
                Bound::Exact,
                day,
                "GS",
            ));
        }
        let surge = r.classify(&sc("s", 1_210.0, Bound::Exact, 12, "GS"));
        assert_eq!(surge.status, Some(Status::Anomaly));
        assert_eq!(
            surge.note.as_deref(),
            Some("daily rate 100 is 10.0 times the largest of the previous 10 (10)")
        );
        let steady = r.classify(&sc("s", 1_130.0, Bound::Exact, 12, "GS"));
        assert_eq!(steady.status, Some(Status::Up));

        let mut c = History::new(["m".to_string()]);
        c.add(&sc("a", 100.0, Bound::Exact, 1, "GS"));
        let fell = c.classify(&sc("b", 86.0, Bound::Exact, 2, "GS"));
        assert_eq!(fell.status, Some(Status::Anomaly));
        assert_eq!(fell.note.as_deref(), Some("cumulative total fell by 14"));
    }
}
