//! Change detection: each claim against the history of its metric, as a row of `diff` and
//! `ingest` (and the status a chart or report shows beside a claim).
//!
//! The rules (intervals, and the statuses new, same, up, down, revision, conflict, anomaly)
//! are in [`crate::status`]; this module turns stored claims into its figures and its verdicts
//! into [`Diff`] rows. Stated changes ("rose 2.1%") and undated claims are listed without a
//! status, with a note.

use crate::metrics::series_value;
use crate::status::{Figure, Interval, Key, Status, Tracker};
use crate::store::{Store, StoredClaim};
use chrono::NaiveDate;
use rustc_hash::FxHashSet as HashSet;
use serde::Serialize;

/// One claim of a diff: the claim, its status and what it was compared with.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Diff {
    pub doc: String,
    pub claim_id: String,
    pub metric: Option<String>,
    pub as_of: Option<NaiveDate>,
    pub value: f64,
    pub bound: String,
    pub text: String,
    pub concept: Option<String>,
    /// Why the claim is in its metric: the catalog phrase and where it was found
    /// (`metric_match`: "\"deaths in turkey\" in clause").
    pub matched: Option<String>,
    /// The speaker the article names (null when it names none).
    pub attribution: Option<String>,
    /// The publication: the document's `source:`.
    pub source: Option<String>,
    pub status: Option<Status>,
    pub previous_value: Option<f64>,
    pub previous_as_of: Option<NaiveDate>,
    /// Who gave the observation compared with: attributions, as `series` lists them.
    pub previous_attributions: Vec<String>,
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
    "attribution",
    "source",
    "matched",
    "note",
];

/// The history claims are compared with: the level reports of every metric, in the order
/// they arrived.
#[derive(Debug, Default)]
pub struct History {
    tracker: Tracker,
    arrived: u64,
    /// The metrics that are changes over a period, whose series take stated changes.
    changes: HashSet<String>,
}

/// The figure a claim with a metric and a date, arrived `arrival`-th, gives its series: a
/// level, or a stated change of a metric that is one (a fall negative).
fn figure<'c>(c: &'c StoredClaim, arrival: u64, changes: &HashSet<String>) -> Option<Figure<'c>> {
    let claim = &c.claim;
    let (Some(metric), Some(as_of)) = (&claim.metric, claim.as_of) else {
        return None;
    };
    let (value, low, high) = series_value(claim, changes)?;
    (!value.is_nan()).then(|| Figure {
        metric,
        key: Key::new(as_of, claim.published, arrival),
        value,
        interval: Interval::of(value, low, high, claim.bound.symbol(), &claim.text),
        bound: claim.bound.symbol(),
        who: c.known_source(),
        previous: claim.previous,
    })
}

impl History {
    /// An empty history; `cumulative` names the running totals.
    pub fn new(cumulative: impl IntoIterator<Item = String>) -> History {
        History {
            tracker: Tracker::new(cumulative),
            arrived: 0,
            changes: HashSet::default(),
        }
    }

    /// The history with `changes` as the metrics that are changes over a period
    /// ([`crate::metrics::Catalog::change_ids`]).
    pub fn with_changes(mut self, changes: impl IntoIterator<Item = String>) -> History {
        self.changes = changes.into_iter().collect();
        self
    }

    /// The level reports of the store (of `metrics` only, when not empty) that claims judged
    /// from now on can see standing: the claims files are read one at a time, each followed by
    /// [`History::forget_superseded`], so neither the store's claims nor all its reports are
    /// held at once.
    pub fn load(store: &Store, metrics: &[String]) -> anyhow::Result<History> {
        let mut history =
            History::new(store.catalog.cumulative_ids()).with_changes(store.catalog.change_ids());
        for part in store.claim_parts() {
            let one = store.with_claim_parts(vec![part.clone()]);
            history.arrived +=
                crate::series::add_levels(&mut history.tracker, &one, metrics, history.arrived)?;
            history.forget_superseded();
        }
        Ok(history)
    }

    /// Adds a claim to the history (levels with a metric and a date only) after those added
    /// before it; returns its place, which [`History::classify`] takes.
    pub fn add(&mut self, c: &StoredClaim) -> u64 {
        let arrival = self.arrived;
        self.arrived += 1;
        if let Some(f) = figure(c, arrival, &self.changes) {
            self.tracker.add(&f);
        }
        arrival
    }

    /// Forgets the reports no later claim can be compared with
    /// ([`Tracker::forget_superseded`]); call it when every claim added has been classified.
    pub fn forget_superseded(&mut self) {
        self.tracker.forget_superseded();
    }

    /// The status and note of every claim added, by arrival, as [`History::classify`] gives
    /// them (claims it does not compare are absent).
    pub fn statuses(&self) -> std::collections::HashMap<u64, (Status, Option<String>)> {
        self.tracker.statuses()
    }

    /// Compares a claim, added at `arrival`, with the reports before it.
    pub fn classify(&self, c: &StoredClaim, arrival: u64) -> Diff {
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
            matched: claim.metric_match.clone(),
            attribution: claim.attribution.clone(),
            source: c.source.clone(),
            ..Diff::default()
        };
        if series_value(claim, &self.changes).is_none() {
            let what = match claim.role {
                crate::model::Role::Change => "a stated change",
                crate::model::Role::Rate => "a rate",
                crate::model::Role::Part => "a part",
                crate::model::Role::Target => "a plan or forecast",
                crate::model::Role::Span => "a span of time",
                crate::model::Role::Level => "a level",
            };
            diff.note = Some(format!("{what}, not a level; not compared"));
            return diff;
        }
        let Some(f) = figure(c, arrival, &self.changes) else {
            diff.note = Some("no date; not compared".to_string());
            return diff;
        };
        let v = self.tracker.classify(&f);
        diff.status = Some(v.status);
        diff.note = v.note;
        if let Some((p_value, p_date, attributions)) = v.previous {
            let days = (f.key.as_of - p_date).num_days();
            let delta = diff.value - p_value;
            diff.previous_value = Some(p_value);
            diff.previous_as_of = Some(p_date);
            diff.previous_attributions = attributions;
            diff.delta = Some(delta);
            diff.ratio = (p_value != 0.0).then(|| diff.value / p_value);
            diff.pct = diff.ratio.map(|r| (r - 1.0) * 100.0);
            diff.days = Some(days);
            diff.per_day = (days > 0).then(|| delta / days as f64);
        }
        diff
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Bound, Claim, Kind};
    use chrono::NaiveDate;

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
                text: crate::number::number(value),
                start: 0,
                end: 0,
                sentence: String::new(),
            },
            source: None,
        }
    }

    /// The diff of a claim that would come after every claim of `h`.
    fn next(h: &History, c: &StoredClaim) -> Diff {
        h.classify(c, u64::MAX)
    }

    /// A history read file by file, forgetting as it goes, judges as the whole store read at
    /// once: three sources over four days, in six runs (one claims file each).
    #[test]
    fn a_history_loaded_file_by_file_judges_as_the_whole_store() {
        let dir = tempfile::tempdir().expect("temp dir");
        let sources = ["NIS", "US", "GS"];
        for run in 0..6u32 {
            let mut w = crate::store::Writer::open(dir.path(), "test").expect("opens");
            let rows: Vec<StoredClaim> = (0..5u32)
                .map(|k| {
                    let value = 1_000.0 + f64::from((run * 7 + k * 3) % 5) * 500.0;
                    let who = sources[((run * 5 + k) % 3) as usize];
                    sc(
                        &format!("r{run}k{k}"),
                        value,
                        Bound::Exact,
                        10 + (run + k) % 4,
                        who,
                    )
                })
                .collect();
            w.write_claims(&mut crate::store::claims_frame(&rows).expect("frame"))
                .expect("writes");
            w.commit().expect("commits");
        }
        let store = Store::open(dir.path()).expect("opens");
        assert_eq!(store.claim_parts().len(), 6);
        let (tracker, arrived) = crate::series::tracker(&store, &[]).expect("reads");
        let whole = History {
            tracker,
            arrived,
            changes: HashSet::default(),
        };
        let by_file = History::load(&store, &[]).expect("loads");
        assert_eq!(by_file.arrived, whole.arrived);
        for day in 9..=15 {
            for who in sources {
                for value in [1_000.0, 1_500.0, 2_500.0, 3_000.0] {
                    let c = sc("p", value, Bound::Exact, day, who);
                    assert_eq!(next(&by_file, &c), next(&whole, &c), "{day} {who} {value}");
                }
            }
        }
    }

    #[test]
    fn statuses() {
        let mut h = History::new(["cum".to_string()]);
        let first = sc("a", 3_000.0, Bound::Exact, 10, "NIS");
        assert_eq!(next(&h, &first).status, Some(Status::New));
        h.add(&first);
        let cases: &[(StoredClaim, Status)] = &[
            (sc("b", 3_000.0, Bound::Approximate, 12, "US"), Status::Same),
            // Another source some days later: a build-up, not a conflict.
            (sc("c", 9_000.0, Bound::Exact, 12, "US"), Status::Up),
            (sc("d", 9_000.0, Bound::Exact, 10, "US"), Status::Conflict),
            (sc("e", 3_000.0, Bound::Exact, 10, "US"), Status::Same),
            (sc("f", 2_000.0, Bound::Exact, 10, "NIS"), Status::Revision),
            (sc("g", 2_000.0, Bound::Exact, 25, "NIS"), Status::Down),
            (sc("h", 2_000.0, Bound::Exact, 9, "NIS"), Status::New),
        ];
        for (c, want) in cases {
            assert_eq!(next(&h, c).status, Some(*want), "{}", c.claim.doc);
        }
        // "9,000, up from 3,000" the same day: an update of the 3,000, not a contradiction.
        let mut stated = sc("i", 9_000.0, Bound::Exact, 10, "US");
        stated.claim.previous = Some(3_000.0);
        assert_eq!(next(&h, &stated).status, Some(Status::Up));
        let d = next(&h, &sc("d", 9_000.0, Bound::Exact, 17, "US"));
        assert_eq!(d.delta, Some(6_000.0));
        assert_eq!(d.ratio, Some(3.0));
        assert_eq!(d.days, Some(7));
        let c = next(&h, &sc("c", 9_000.0, Bound::Exact, 10, "US"));
        assert_eq!(c.note.as_deref(), Some("NIS said 3,000 the same day"));
        assert_eq!(c.previous_attributions, ["NIS"]);

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
        let surge = next(&r, &sc("s", 1_210.0, Bound::Exact, 12, "GS"));
        assert_eq!(surge.status, Some(Status::Anomaly));
        assert_eq!(
            surge.note.as_deref(),
            Some("daily rate 100 is 10.0 times the largest of the previous 10 (10)")
        );
        let steady = next(&r, &sc("s", 1_130.0, Bound::Exact, 12, "GS"));
        assert_eq!(steady.status, Some(Status::Up));

        let mut c = History::new(["m".to_string()]);
        c.add(&sc("a", 100.0, Bound::Exact, 1, "GS"));
        let fell = next(&c, &sc("b", 86.0, Bound::Exact, 2, "GS"));
        assert_eq!(fell.status, Some(Status::Anomaly));
        assert_eq!(fell.note.as_deref(), Some("cumulative total fell by 14"));
    }

    #[test]
    fn a_diff_keeps_speaker_publication_and_match_apart() {
        let h = History::new(Vec::new());
        let mut c = sc("a", 3_000.0, Bound::Exact, 10, "NIS");
        c.source = Some("Wire".into());
        c.claim.metric_match = Some("\"troops\" in clause".into());
        let d = next(&h, &c);
        assert_eq!(d.attribution.as_deref(), Some("NIS"));
        assert_eq!(d.source.as_deref(), Some("Wire"));
        assert_eq!(d.matched.as_deref(), Some("\"troops\" in clause"));
        // No speaker named: the attribution stays empty, the publication stays the source.
        c.claim.attribution = None;
        let d = next(&h, &c);
        assert_eq!(d.attribution, None);
        assert_eq!(d.source.as_deref(), Some("Wire"));
    }

    #[test]
    fn a_claim_is_judged_against_the_claims_before_it_only() {
        // Added in any order, each claim keeps the status it has in date order.
        let a = sc("a", 3_000.0, Bound::Exact, 10, "NIS");
        let b = sc("b", 9_000.0, Bound::Exact, 20, "US");
        let mut h = History::new(Vec::new());
        let ib = h.add(&b);
        let ia = h.add(&a);
        assert_eq!(h.classify(&a, ia).status, Some(Status::New));
        assert_eq!(h.classify(&b, ib).status, Some(Status::Up));
    }
}
