//! Series: one observation per (metric, as_of) with its change from the previous one.
//!
//! A polars query reads the level claims of the store (claims with a metric, an as-of date and
//! the role `level`; see [`crate::model::Role`]) in the order they arrived, a month of as-of
//! dates at a time (one thread reads the next month while another observes the last), and
//! [`crate::status::Tracker`] makes the observations: the standing reports of a metric on a
//! day (each reporter's latest; a later report of the same reporter is a revision), the value of
//! the latest of them (never a value no one gave), the interval covering them, their
//! attributions and values as reported, and the day's status (new, same, up, down, revision, conflict, anomaly;
//! the rules are in [`crate::status`]). Then delta, ratio (value / previous value), pct, days
//! since the previous observation and per_day (delta / days).
//!
//! `--since`/`--until` select rows after the changes are computed, so the first row shown
//! still carries its change from the observation before it.

use crate::status::{Figure, Interval, Key, Status, Tracker};
use crate::store::{DataFile, Store, days_to_date};
use chrono::NaiveDate;
use polars::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// Which observations to compute.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Metric ids (empty: all).
    pub metrics: Vec<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

/// One row of a series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Observation {
    pub metric: String,
    pub as_of: NaiveDate,
    /// The value of the day's latest report.
    pub value: f64,
    /// Interval covering the day's standing reports; `None` is unbounded.
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// The standing reports' common bound symbol (`=`, `~`, `>`, `>=`, `<`, `<=`) or "mixed".
    pub bound: String,
    /// The standing reports: each reporter's latest of the day.
    pub n_reports: u32,
    /// Who gave the standing reports (see [`who`]): the speakers, not the publications.
    pub attributions: Vec<String>,
    /// The standing reports as given, with their attributions: "about 11,000 (NIS); 8,000 (Pentagon)".
    pub reported: String,
    pub delta: Option<f64>,
    pub ratio: Option<f64>,
    pub pct: Option<f64>,
    pub days: Option<i64>,
    pub per_day: Option<f64>,
    pub change: Status,
    /// Why the change is an anomaly.
    pub anomaly: Option<String>,
    /// Who disagreed, when the change is a conflict ("Pentagon said 8,000 the same day"): for
    /// charts and reports, not a column of the series.
    #[serde(skip)]
    pub conflict: Option<String>,
}

/// The columns of [`compute`]'s frame, in order.
pub const COLUMNS: &[&str] = &[
    "metric",
    "as_of",
    "value",
    "low",
    "high",
    "bound",
    "n_reports",
    "attributions",
    "reported",
    "delta",
    "ratio",
    "pct",
    "days",
    "per_day",
    "change",
    "anomaly",
];

/// `c` equals one of `values` (false for none). A few values are ORed equalities, which the
/// Parquet scan uses to skip row groups; more are a mask computed over the column against a
/// hash set, linear in rows and values (a chain of 1,000 ORs took 19 s and 3.5 GB in `report`,
/// and 26,000 did not finish: issue 14 D6).
pub fn any_of(c: &str, values: &[String]) -> Expr {
    const FEW: usize = 8;
    if values.len() <= FEW {
        return values
            .iter()
            .map(|v| col(c).eq(lit(v.as_str())))
            .reduce(|a, b| a.or(b))
            .unwrap_or(lit(false));
    }
    let set: std::collections::HashSet<String> = values.iter().cloned().collect();
    col(c).map(
        move |column: Column| {
            let strings = column.cast(&DataType::String)?;
            let mask: BooleanChunked = strings
                .str()?
                .iter()
                .map(|v| Some(v.is_some_and(|v| set.contains(v))))
                .collect();
            Ok(mask.with_name(column.name().clone()).into_column())
        },
        |_, field| Ok(Field::new(field.name().clone(), DataType::Boolean)),
    )
}

/// The claims a series is made of: a metric, an as-of date, a value, and the role `level`
/// (claims stored before roles were recorded: not a stated change), or for a metric that is a
/// change (one of `changes`, see [`crate::metrics::Catalog::change_ids`]) the role `change` with a direction.
pub fn in_series(changes: &[String]) -> Expr {
    let legacy = col("role")
        .is_null()
        .and(col("direction").is_null().or(col("previous").is_not_null()));
    let change = col("role")
        .eq(lit("change"))
        .and(col("direction").is_not_null())
        .and(any_of("metric", changes));
    col("metric")
        .is_not_null()
        .and(col("as_of").is_not_null())
        .and(col("value").is_not_null())
        .and(col("value").is_not_nan())
        .and(col("role").eq(lit("level")).or(legacy).or(change))
}

/// The series' value, low and high of a claim [`in_series`] takes: a stated fall ("slipped
/// 0.1%") is negative, its low and high swapped.
pub fn signed_values() -> [Expr; 3] {
    let fall = col("role")
        .eq(lit("change"))
        .and(col("direction").eq(lit("down")))
        .fill_null(lit(false));
    [
        when(fall.clone())
            .then(-col("value"))
            .otherwise(col("value"))
            .alias("value"),
        when(fall.clone())
            .then(-col("high"))
            .otherwise(col("low"))
            .alias("low"),
        when(fall)
            .then(-col("low"))
            .otherwise(col("high"))
            .alias("high"),
    ]
}

/// Who states a claim, as series and change detection key and list it: its attribution (the
/// speaker), else its document's source (the publication) when the article names no speaker,
/// null when neither is known.
pub fn who() -> Expr {
    coalesce(&[col("attribution"), col("source")]).alias("who")
}

/// The level claims of the store (of `metrics` only, when not empty) in a tracker, in the
/// order they arrived; returns it with the number of reports read.
pub fn tracker(store: &Store, metrics: &[String]) -> anyhow::Result<(Tracker, u64)> {
    let mut t = Tracker::new(store.catalog.cumulative_ids());
    let n = add_levels(&mut t, store, metrics, 0)?;
    Ok((t, n))
}

/// Adds the level claims of the store (of `metrics` only, when not empty) to `t` in the order
/// they arrived, the first as the `first`-th report; returns the number read.
pub fn add_levels(
    t: &mut Tracker,
    store: &Store,
    metrics: &[String],
    first: u64,
) -> anyhow::Result<u64> {
    Ok(add_frame(t, &level_frame(store, metrics)?, first)?.rows)
}

/// What [`add_frame`] added.
struct Added {
    /// Rows read, the first as the `first`-th report.
    rows: u64,
    /// The first and last as-of date of the reports added (`None`: none).
    dates: Option<(NaiveDate, NaiveDate)>,
}

/// The level claims of the store (of `metrics` only, when not empty) in the order they
/// arrived, with the columns the tracker reads.
fn level_frame(store: &Store, metrics: &[String]) -> anyhow::Result<DataFrame> {
    let pred = (!metrics.is_empty()).then(|| any_of("metric", metrics));
    let [value, low, high] = signed_values();
    let changes = store.catalog.change_ids();
    let lf = store
        .claims_where(pred)?
        .filter(in_series(&changes))
        .select([
            col("metric"),
            col("as_of"),
            col("published"),
            value,
            low,
            high,
            col("bound"),
            col("text"),
            col("previous"),
            who(),
        ]);
    store.collect_chunks(lf)
}

/// Adds the rows of a [`level_frame`] to `t`, the first as the `first`-th report.
fn add_frame(t: &mut Tracker, df: &DataFrame, first: u64) -> anyhow::Result<Added> {
    let metric = df.column("metric")?.str()?;
    let as_of = df.column("as_of")?.date()?;
    let published = df.column("published")?.date()?;
    let value = df.column("value")?.f64()?;
    let low = df.column("low")?.f64()?;
    let high = df.column("high")?.f64()?;
    let bound = df.column("bound")?.str()?;
    let text = df.column("text")?.str()?;
    let previous = df.column("previous")?.f64()?;
    let whos = df.column("who")?.str()?;
    // Reads column by column in step (indexing a column per row costs more than the tracker);
    // rows of a part come sorted by date, so a date is converted once per run.
    let mut dates = DateCache::default();
    let mut published_dates = DateCache::default();
    let mut span: Option<(i32, i32)> = None;
    let figures = metric
        .iter()
        .zip(as_of.phys.iter())
        .zip(published.phys.iter())
        .zip(value.iter())
        .zip(low.iter().zip(high.iter()))
        .zip(bound.iter().zip(text.iter()))
        .zip(previous.iter().zip(whos.iter()))
        .enumerate()
        .filter_map(|(i, row)| {
            let (((((m, d), p), v), (lo, hi)), (b, text)) = row.0;
            let (previous, who) = row.1;
            let (m, d, v) = (m?, d?, v?);
            let b = b.unwrap_or("=");
            span = Some(span.map_or((d, d), |(lo, hi): (i32, i32)| (lo.min(d), hi.max(d))));
            Some(Figure {
                metric: m,
                key: Key::new(
                    dates.get(d),
                    p.map(|p| published_dates.get(p)),
                    first + i as u64,
                ),
                value: v,
                interval: Interval::of(v, lo, hi, b, text.unwrap_or("")),
                bound: b,
                who,
                previous,
            })
        });
    t.add_all(figures);
    Ok(Added {
        rows: df.height() as u64,
        dates: span.map(|(lo, hi)| (days_to_date(lo), days_to_date(hi))),
    })
}

/// The last date converted from its number of days, kept for the next row.
#[derive(Default)]
struct DateCache(Option<(i32, NaiveDate)>);

impl DateCache {
    fn get(&mut self, days: i32) -> NaiveDate {
        match self.0 {
            Some((d, date)) if d == days => date,
            _ => {
                let date = days_to_date(days);
                self.0 = Some((days, date));
                date
            }
        }
    }
}

/// The observations of every metric the store's level claims (of `metrics` only, when not
/// empty) make, by metric, in date order.
///
/// The claims are read a month of as-of dates at a time (the claims table's partitions, in
/// date order): a month's days are observed, then each is kept only as the reports the days
/// after it are judged against ([`Tracker::settle`]), so memory grows with the days and
/// sources, not with the claims. Should a part hold dates before a month already observed (a
/// table partitioned otherwise), the claims are read again all at once.
fn observed(
    store: &Store,
    metrics: &[String],
) -> anyhow::Result<BTreeMap<String, Vec<crate::status::Observed>>> {
    let mut months: BTreeMap<(bool, String), Vec<DataFile>> = BTreeMap::new();
    for part in store.claim_parts() {
        let month = (
            part.partition.is_none(),
            part.partition.clone().unwrap_or_default(),
        );
        months.entry(month).or_default().push(part.clone());
    }
    let mut t = Tracker::new(store.catalog.cumulative_ids());
    let mut out: BTreeMap<String, Vec<crate::status::Observed>> = BTreeMap::new();
    let (mut arrived, mut observed_through) = (0, None);
    // One thread reads the next month while this one observes the last.
    let in_order = std::thread::scope(|scope| -> anyhow::Result<bool> {
        let (send, frames) = std::sync::mpsc::sync_channel(1);
        let reader = scope.spawn(move || -> anyhow::Result<()> {
            for parts in months.into_values() {
                let df = level_frame(&store.with_claim_parts(parts), metrics)?;
                if send.send(df).is_err() {
                    break;
                }
            }
            Ok(())
        });
        for df in frames {
            let added = add_frame(&mut t, &df, arrived)?;
            arrived += added.rows;
            let Some((first, last)) = added.dates else {
                continue;
            };
            if observed_through.is_some_and(|d| first <= d) {
                return Ok(false);
            }
            for m in t.metric_ids() {
                let new = t.observations_from(m, first);
                if !new.is_empty() {
                    out.entry(m.to_string()).or_default().extend(new);
                }
            }
            t.settle(first..=last);
            observed_through = Some(last);
        }
        reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        Ok(true)
    })?;
    if in_order {
        return Ok(out);
    }
    let (t, _) = tracker(store, metrics)?;
    Ok(t.metric_ids()
        .into_iter()
        .map(|m| (m.to_string(), t.observations(m)))
        .collect())
}

/// The series as observations, in (metric, as_of) order.
pub fn observe(store: &Store, filter: &Filter) -> anyhow::Result<Vec<Observation>> {
    let in_period =
        |d: NaiveDate| filter.since.is_none_or(|s| d >= s) && filter.until.is_none_or(|u| d <= u);
    let finite = |x: f64| x.is_finite().then_some(x);
    let mut out = Vec::new();
    for (m, observations) in observed(store, &filter.metrics)? {
        let mut prev: Option<(f64, NaiveDate)> = None;
        for o in observations {
            let delta = prev.map(|(p, _)| o.value - p);
            let ratio = prev.and_then(|(p, _)| (p != 0.0).then(|| o.value / p));
            let days = prev.map(|(_, d)| (o.as_of - d).num_days());
            prev = Some((o.value, o.as_of));
            if !in_period(o.as_of) {
                continue;
            }
            out.push(Observation {
                metric: m.clone(),
                as_of: o.as_of,
                value: o.value,
                low: finite(o.interval.lo),
                high: finite(o.interval.hi),
                bound: o.bound,
                n_reports: o.n_reports,
                attributions: o.sources,
                reported: o.reported,
                delta,
                ratio,
                pct: ratio.map(|r| (r - 1.0) * 100.0),
                days,
                per_day: match (delta, days) {
                    (Some(x), Some(n)) if n > 0 => Some(x / n as f64),
                    _ => None,
                },
                change: o.change,
                anomaly: o.note.clone().filter(|_| o.change == Status::Anomaly),
                conflict: o.note.filter(|_| o.change == Status::Conflict),
            });
        }
    }
    Ok(out)
}

/// The series of the store as a frame of [`COLUMNS`]: `anomaly` is a reason or null.
pub fn compute(store: &Store, filter: &Filter) -> anyhow::Result<DataFrame> {
    Ok(frame(&observe(store, filter)?)?)
}

/// The columns of [`explain`]'s frame, in order.
pub const EXPLAIN_COLUMNS: &[&str] = &[
    "metric",
    "as_of",
    "observed",
    "change",
    "bound",
    "value",
    "attribution",
    "source",
    "matched",
    "text",
    "sentence",
    "doc",
    "claim_id",
];

/// The level claims behind each observation of the series, so that a user can see why a figure
/// went into a metric and fix a wrong catalog phrase: one row per claim, in (metric, as_of,
/// published) order, with the observation's value (`observed`) and change, the claim's value,
/// speaker (`attribution`), publication (`source`), the catalog phrase and scope that matched
/// (`matched`, from `metric_match`) and its text and sentence. Claims outside the period are
/// left out.
pub fn explain(store: &Store, filter: &Filter) -> anyhow::Result<DataFrame> {
    let obs = compute(store, filter)?.lazy().select([
        col("metric"),
        col("as_of"),
        col("value").alias("observed"),
        col("change"),
    ]);
    let pred = (!filter.metrics.is_empty()).then(|| any_of("metric", &filter.metrics));
    let mut claims = store
        .claims_where(pred)?
        .filter(in_series(&store.catalog.change_ids()));
    if let Some(d) = filter.since {
        claims = claims.filter(col("as_of").gt_eq(lit(d)));
    }
    if let Some(d) = filter.until {
        claims = claims.filter(col("as_of").lt_eq(lit(d)));
    }
    let lf = claims
        .select([
            col("metric"),
            col("as_of"),
            col("published"),
            col("bound"),
            signed_values()[0].clone(),
            col("attribution"),
            col("source"),
            col("metric_match").alias("matched"),
            col("text"),
            col("sentence"),
            col("doc"),
            col("claim_id"),
        ])
        .join(
            obs,
            [col("metric"), col("as_of")],
            [col("metric"), col("as_of")],
            JoinArgs::new(JoinType::Left),
        )
        .sort(
            ["metric", "as_of", "published"],
            SortMultipleOptions::default()
                .with_maintain_order(true)
                .with_nulls_last(true),
        )
        .select(EXPLAIN_COLUMNS.iter().map(|c| col(*c)).collect::<Vec<_>>());
    store.collect(lf)
}

/// Observations as a frame of [`COLUMNS`].
pub fn frame(obs: &[Observation]) -> PolarsResult<DataFrame> {
    let f = |name: &str, get: &dyn Fn(&Observation) -> Option<f64>| {
        Column::new(name.into(), obs.iter().map(get).collect::<Vec<_>>())
    };
    let s = |name: &str, get: &dyn Fn(&Observation) -> Option<String>| {
        Column::new(name.into(), obs.iter().map(get).collect::<Vec<_>>())
    };
    let attributions: Vec<Series> = obs
        .iter()
        .map(|o| Series::new("".into(), o.attributions.clone()))
        .collect();
    let as_of: Vec<i32> = obs
        .iter()
        .map(|o| crate::store::date_to_days(o.as_of))
        .collect();
    DataFrame::new(
        obs.len(),
        vec![
            s("metric", &|o| Some(o.metric.clone())),
            Int32Chunked::from_vec("as_of".into(), as_of)
                .into_date()
                .into_column(),
            f("value", &|o| Some(o.value)),
            f("low", &|o| o.low),
            f("high", &|o| o.high),
            s("bound", &|o| Some(o.bound.clone())),
            Column::new(
                "n_reports".into(),
                obs.iter().map(|o| o.n_reports).collect::<Vec<u32>>(),
            ),
            Series::new("attributions".into(), attributions)
                .cast(&DataType::List(Box::new(DataType::String)))?
                .into_column(),
            s("reported", &|o| Some(o.reported.clone())),
            f("delta", &|o| o.delta),
            f("ratio", &|o| o.ratio),
            f("pct", &|o| o.pct),
            Column::new(
                "days".into(),
                obs.iter().map(|o| o.days).collect::<Vec<Option<i64>>>(),
            ),
            f("per_day", &|o| o.per_day),
            s("change", &|o| Some(o.change.name().to_string())),
            s("anomaly", &|o| o.anomaly.clone()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use crate::model::{Bound, Claim, Kind, Role};
    use crate::store::{Store, StoredClaim};
    use chrono::{Days, NaiveDate};

    fn level(id: &str, as_of: NaiveDate, value: f64, bound: Bound, who: &str) -> StoredClaim {
        StoredClaim {
            claim: Claim {
                doc: id.into(),
                claim_id: id.into(),
                published: None,
                as_of: Some(as_of),
                metric: Some(if id.ends_with('0') { "b" } else { "a" }.into()),
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
                role: Role::Level,
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

    /// The observations of the store read at once, as the tracker makes them.
    fn whole(store: &Store) -> super::BTreeMap<String, Vec<crate::status::Observed>> {
        let (t, _) = super::tracker(store, &[]).expect("reads");
        t.metric_ids()
            .into_iter()
            .map(|m| (m.to_string(), t.observations(m)))
            .collect()
    }

    /// Read a month at a time, the series is the one of the whole store read at once: four
    /// months of days, three sources that revise and contradict each other, five runs; and
    /// the same when the parts' months are not the months of their dates.
    #[test]
    fn observing_a_month_at_a_time_equals_observing_the_whole_store() {
        let dir = tempfile::tempdir().expect("temp dir");
        let start = NaiveDate::from_ymd_opt(2024, 1, 20).expect("date");
        let (sources, bounds) = (["NIS", "US", "GS"], [Bound::Exact, Bound::Approximate]);
        for run in 0..5u64 {
            let mut w = crate::store::Writer::open(dir.path(), "test").expect("opens");
            let rows: Vec<StoredClaim> = (0..40u64)
                .map(|k| {
                    let day = (run * 13 + k * 7) % 100;
                    let value = 1_000.0 + (day * 50 + (run * k) % 3 * 500) as f64;
                    level(
                        &format!("r{run}k{k}"),
                        start + Days::new(day),
                        value,
                        bounds[(k % 2) as usize],
                        sources[((run + k) % 3) as usize],
                    )
                })
                .collect();
            w.write_claims(&mut crate::store::claims_frame(&rows).expect("frame"))
                .expect("writes");
            w.commit().expect("commits");
        }
        let store = Store::open(dir.path()).expect("opens");
        let months: std::collections::BTreeSet<_> = store
            .claim_parts()
            .iter()
            .map(|p| p.partition.clone())
            .collect();
        assert_eq!(months.len(), 4, "{months:?}");
        let expected = whole(&store);
        assert_eq!(expected.len(), 2);
        assert!(expected.values().map(Vec::len).sum::<usize>() > 100);
        assert_eq!(super::observed(&store, &[]).expect("observes"), expected);
        // Parts whose partition values are in another order than their dates.
        let mut parts = store.claim_parts().to_vec();
        let labels: Vec<_> = parts.iter().rev().map(|p| p.partition.clone()).collect();
        for (p, label) in parts.iter_mut().zip(labels) {
            p.partition = label;
        }
        let relabelled = store.with_claim_parts(parts);
        assert_eq!(
            super::observed(&relabelled, &[]).expect("observes"),
            expected
        );
    }

    #[test]
    fn any_of_keeps_exactly_the_listed_values() {
        use polars::prelude::*;
        let names: Vec<String> = (0..30_000).map(|i| format!("m{i}")).collect();
        let df = df!("metric" => [Some("m0"), Some("m999"), Some("m500"), Some("other"), None, Some("m30000")]).unwrap();
        let cases: [(&[String], usize); 6] = [
            (&[], 0),
            (&names[..1], 1),
            (&names[..8], 1),
            (&names[..501], 2),
            (&names[..1000], 3),
            (&names, 3),
        ];
        let start = std::time::Instant::now();
        for (wanted, kept) in cases {
            let out = df
                .clone()
                .lazy()
                .filter(super::any_of("metric", wanted))
                .collect()
                .unwrap();
            assert_eq!(out.height(), kept, "{} names", wanted.len());
        }
        // The planner's walks over the filter stay linear in the number of names.
        assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
    }
}
