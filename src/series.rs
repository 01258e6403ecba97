//! Series: one observation per (metric, as_of) with its change from the previous one.
//!
//! A polars lazy query over the store's claim parts:
//! 1. level claims only: claims with a metric and an as-of date, minus the stated changes
//!    (only claims whose role is `level`; see [`crate::model::Role`]);
//! 2. each claim as an interval ([`crate::detect::Interval`] states the rule: `=` is [v, v],
//!    `~` is [0.95 v, 1.05 v], `>` (v, inf), `>=` [v, inf), `<` (-inf, v), `<=` (-inf, v], a
//!    range [low, high]);
//! 3. the reports of one metric on one day merge into one observation: value = the median of
//!    the reported values, interval = the smallest one covering the reports' intervals, bound =
//!    their common bound (or "mixed"), n_reports, sources (attribution, else the document's
//!    source);
//! 4. per metric, sorted by date: delta, ratio (value / previous value), pct, days since the
//!    previous observation, per_day (delta / days), change (`new`; `same` when the intervals
//!    overlap; else `up` or `down`) and anomaly (a cumulative metric whose interval lies wholly
//!    below the previous one: "cumulative total fell by 14"; else an `up` or `down` whose daily
//!    rate is far outside the metric's own history, [`crate::detect::outlying_rate`]: "daily
//!    rate 41 is 20.5 times the largest of the previous 90 (2)").
//!
//! `--since`/`--until` select rows after the changes are computed, so the first row shown
//! still carries its change from the observation before it.

use crate::detect::{APPROX, outlying_rate};
use crate::store::{Store, days_to_date};
use chrono::NaiveDate;
use polars::prelude::*;
use serde::Serialize;

/// Which observations to compute.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Metric ids (empty: all).
    pub metrics: Vec<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

/// How an observation compares with the previous one of its metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    New,
    Same,
    Up,
    Down,
}

impl Change {
    pub fn name(self) -> &'static str {
        match self {
            Change::New => "new",
            Change::Same => "same",
            Change::Up => "up",
            Change::Down => "down",
        }
    }

    fn parse(s: &str) -> Change {
        match s {
            "same" => Change::Same,
            "up" => Change::Up,
            "down" => Change::Down,
            _ => Change::New,
        }
    }
}

/// One row of a series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Observation {
    pub metric: String,
    pub as_of: NaiveDate,
    /// Consensus value: the median of the reports of the day.
    pub value: f64,
    /// Interval covering the reports; `None` is unbounded.
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// The reports' common bound symbol (`=`, `~`, `>`, `>=`, `<`, `<=`) or "mixed".
    pub bound: String,
    pub n_reports: u32,
    pub sources: Vec<String>,
    pub delta: Option<f64>,
    pub ratio: Option<f64>,
    pub pct: Option<f64>,
    pub days: Option<i64>,
    pub per_day: Option<f64>,
    pub change: Change,
    pub anomaly: Option<String>,
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
    "sources",
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

/// Level claims: a metric, an as-of date, a value, and the role `level` (claims stored before
/// roles were recorded: not a stated change).
pub fn is_level() -> Expr {
    let legacy = col("role")
        .is_null()
        .and(col("direction").is_null().or(col("previous").is_not_null()));
    col("metric")
        .is_not_null()
        .and(col("as_of").is_not_null())
        .and(col("value").is_not_null())
        .and(col("value").is_not_nan())
        .and(col("role").eq(lit("level")).or(legacy))
}

/// Who states a claim: its attribution, else its document's source (null when neither is known).
pub fn who() -> Expr {
    coalesce(&[col("attribution"), col("source")]).alias("who")
}

/// Bound symbols by code: the `bcode` column numbers them so the query compares integers.
const BOUNDS: [&str; 6] = ["=", "~", ">", ">=", "<", "<="];

/// The bound of each claim as a code (an index of [`BOUNDS`]), `bcode`.
fn bound_code() -> Expr {
    let b = |i: usize| col("bound").eq(lit(BOUNDS[i]));
    when(b(1))
        .then(lit(1u8))
        .when(b(2))
        .then(lit(2u8))
        .when(b(3))
        .then(lit(3u8))
        .when(b(4))
        .then(lit(4u8))
        .when(b(5))
        .then(lit(5u8))
        .otherwise(lit(0u8))
        .alias("bcode")
}

/// The symbol of a bound code column `c`.
fn bound_symbol(c: &str) -> Expr {
    let b = |i: u8| col(c).eq(lit(i));
    when(b(1))
        .then(lit(BOUNDS[1]))
        .when(b(2))
        .then(lit(BOUNDS[2]))
        .when(b(3))
        .then(lit(BOUNDS[3]))
        .when(b(4))
        .then(lit(BOUNDS[4]))
        .when(b(5))
        .then(lit(BOUNDS[5]))
        .otherwise(lit(BOUNDS[0]))
}

/// The interval of each claim (needs `bcode`): `lo`, `hi`, and `lo_cl`/`hi_cl`, the same ends
/// when they are closed, else +inf/-inf. So the cover of several reports is (min lo, max hi),
/// its low end closed when min lo_cl == min lo, its high end when max hi_cl == max hi.
fn interval() -> [Expr; 4] {
    let range = col("low").is_not_null().and(col("high").is_not_null());
    let code = |i: u8| col("bcode").eq(lit(i));
    let spread = col("value").abs() * lit(APPROX);
    let lo = when(range.clone())
        .then(col("low"))
        .when(code(1))
        .then(col("value") - spread.clone())
        .when(col("bcode").gt_eq(lit(4u8)))
        .then(lit(f64::NEG_INFINITY))
        .otherwise(col("value"));
    // Open low ends: > (v, ...), and the -inf of < and <=.
    let lo_open = range
        .clone()
        .not()
        .and(code(2).or(col("bcode").gt_eq(lit(4u8))));
    let hi = when(range.clone())
        .then(col("high"))
        .when(code(1))
        .then(col("value") + spread)
        .when(code(2).or(code(3)))
        .then(lit(f64::INFINITY))
        .otherwise(col("value"));
    let hi_open = range.not().and(code(2).or(code(3)).or(code(4)));
    [
        lo.clone().alias("lo"),
        when(lo_open)
            .then(lit(f64::INFINITY))
            .otherwise(lo)
            .alias("lo_cl"),
        hi.clone().alias("hi"),
        when(hi_open)
            .then(lit(f64::NEG_INFINITY))
            .otherwise(hi)
            .alias("hi_cl"),
    ]
}

/// Intervals (`a`) and (`b`) of columns `{a}lo, {a}lo_c, ...` overlap.
fn overlap(a: &str, b: &str) -> Expr {
    let c = |p: &str, n: &str| col(format!("{p}{n}"));
    let (alo, alc, ahi, ahc) = (c(a, "lo"), c(a, "lo_c"), c(a, "hi"), c(a, "hi_c"));
    let (blo, blc, bhi, bhc) = (c(b, "lo"), c(b, "lo_c"), c(b, "hi"), c(b, "hi_c"));
    // The intersection's ends and whether each is closed.
    let lo = when(alo.clone().gt_eq(blo.clone()))
        .then(alo.clone())
        .otherwise(blo.clone());
    let lo_c = when(alo.clone().gt(blo.clone()))
        .then(alc.clone())
        .when(blo.clone().gt(alo.clone()))
        .then(blc.clone())
        .otherwise(alc.and(blc));
    let hi = when(ahi.clone().lt_eq(bhi.clone()))
        .then(ahi.clone())
        .otherwise(bhi.clone());
    let hi_c = when(ahi.clone().lt(bhi.clone()))
        .then(ahc.clone())
        .when(bhi.clone().lt(ahi))
        .then(bhc.clone())
        .otherwise(ahc.and(bhc));
    lo.clone().lt(hi.clone()).or(lo.eq(hi).and(lo_c).and(hi_c))
}

/// The series query (lazy) over the store: every observation of the filter's metrics (its
/// period is applied by [`compute`], after the anomalies that need the history before it).
pub fn query(store: &Store, filter: &Filter) -> PolarsResult<LazyFrame> {
    let mut claims = store.claims_where(if filter.metrics.is_empty() {
        None
    } else {
        Some(any_of("metric", &filter.metrics))
    })?;
    claims = claims.filter(is_level());
    let [lo, lo_cl, hi, hi_cl] = interval();
    // The day's reports are grouped on one integer key, (metric's category << 32) + day, after
    // sorting on it: polars then aggregates contiguous slices instead of gathering each group,
    // several times faster than grouping on (string, date) over millions of claims.
    let category = DataType::from_categories(Categories::global());
    let key = (col("metric").to_physical().cast(DataType::Int64) * lit(1i64 << 32))
        + col("as_of").to_physical().cast(DataType::Int64);
    let obs = claims
        .select([
            col("metric").cast(category),
            col("as_of"),
            col("value"),
            col("low"),
            col("high"),
            bound_code(),
            who(),
        ])
        .with_column(key.alias("key"))
        .sort(["key"], SortMultipleOptions::default())
        .with_columns([lo, lo_cl, hi, hi_cl])
        .group_by([col("key")])
        .agg([
            col("metric").first(),
            col("as_of").first(),
            col("value").median().alias("value"),
            col("lo").min().alias("lo"),
            col("lo_cl").min().alias("lo_cl"),
            col("hi").max().alias("hi"),
            col("hi_cl").max().alias("hi_cl"),
            col("bcode").min().alias("bmin"),
            col("bcode").max().alias("bmax"),
            len().alias("n_reports"),
            col("who").drop_nulls().unique().alias("sources"),
        ])
        .with_columns([
            col("metric").cast(DataType::String),
            col("lo_cl").eq(col("lo")).alias("lo_c"),
            col("hi_cl").eq(col("hi")).alias("hi_c"),
            col("n_reports").cast(DataType::UInt32),
            col("sources").list().sort(SortOptions::default()),
        ])
        .sort(["metric", "as_of"], SortMultipleOptions::default());
    let same_metric = col("metric").eq(col("metric").shift(lit(1)));
    let prev = |c: &str| {
        when(same_metric.clone())
            .then(col(c).shift(lit(1)))
            .otherwise(lit(NULL))
            .alias(format!("p_{c}"))
    };
    let cumulative = any_of("metric", &store.catalog.cumulative_ids());
    let day = |c: &str| col(c).cast(DataType::Int32).cast(DataType::Int64);
    let out = obs
        .with_columns([
            prev("value"),
            prev("as_of"),
            prev("lo"),
            prev("lo_c"),
            prev("hi"),
            prev("hi_c"),
        ])
        .with_columns([
            (col("value") - col("p_value")).alias("delta"),
            when(col("p_value").neq(lit(0.0)))
                .then(col("value") / col("p_value"))
                .otherwise(lit(NULL))
                .alias("ratio"),
            (day("as_of") - day("p_as_of")).alias("days"),
            overlap("", "p_").alias("overlap"),
        ])
        .with_columns([
            ((col("ratio") - lit(1.0)) * lit(100.0)).alias("pct"),
            when(col("days").gt(lit(0)))
                .then(col("delta") / col("days").cast(DataType::Float64))
                .otherwise(lit(NULL))
                .alias("per_day"),
            when(col("p_value").is_null())
                .then(lit("new"))
                .when(col("overlap"))
                .then(lit("same"))
                .when(col("value").gt(col("p_value")))
                .then(lit("up"))
                .when(col("value").lt(col("p_value")))
                .then(lit("down"))
                .otherwise(lit("same"))
                .alias("change"),
            when(
                cumulative
                    .and(col("p_value").is_not_null())
                    .and(col("overlap").not())
                    .and(col("hi").lt_eq(col("p_lo"))),
            )
            .then(col("p_value") - col("value"))
            .otherwise(lit(NULL))
            .alias("fall"),
            when(col("lo").is_finite())
                .then(col("lo"))
                .otherwise(lit(NULL))
                .alias("low"),
            when(col("hi").is_finite())
                .then(col("hi"))
                .otherwise(lit(NULL))
                .alias("high"),
            when(col("bmin").neq(col("bmax")))
                .then(lit("mixed"))
                .otherwise(bound_symbol("bmin"))
                .alias("bound"),
        ]);
    Ok(out.select([
        col("metric"),
        col("as_of"),
        col("value"),
        col("low"),
        col("high"),
        col("bound"),
        col("n_reports"),
        col("sources"),
        col("delta"),
        col("ratio"),
        col("pct"),
        col("days"),
        col("per_day"),
        col("change"),
        col("fall"),
    ]))
}

/// The series of the store as a frame of [`COLUMNS`]: `anomaly` is a reason or null.
pub fn compute(store: &Store, filter: &Filter) -> anyhow::Result<DataFrame> {
    let mut df = store.collect(query(store, filter)?)?;
    let reasons = anomalies(&df)?;
    df.with_column(reasons.with_name("anomaly".into()).into_column())?;
    let mut period = df
        .lazy()
        .select(COLUMNS.iter().map(|c| col(*c)).collect::<Vec<_>>());
    if let Some(d) = filter.since {
        period = period.filter(col("as_of").gt_eq(lit(d)));
    }
    if let Some(d) = filter.until {
        period = period.filter(col("as_of").lt_eq(lit(d)));
    }
    Ok(period.collect()?)
}

/// The anomaly of each observation of a query frame (sorted by metric and date): the fall of a
/// running total, else an `up` or `down` whose daily rate is far outside the earlier ones.
fn anomalies(df: &DataFrame) -> PolarsResult<StringChunked> {
    let metric = df.column("metric")?.str()?;
    let per_day = df.column("per_day")?.f64()?;
    let change = df.column("change")?.str()?;
    let fall = df.column("fall")?.f64()?;
    let mut earlier: Vec<f64> = Vec::new();
    let mut reasons = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        if i > 0 && metric.get(i) != metric.get(i - 1) {
            earlier.clear();
        }
        let rate = per_day.get(i);
        let moved = matches!(change.get(i), Some("up" | "down"));
        reasons.push(match (fall.get(i), rate) {
            (Some(f), _) => Some(format!("cumulative total fell by {}", number(f))),
            (None, Some(r)) if moved => outlying_rate(r, &earlier),
            _ => None,
        });
        earlier.extend(rate);
    }
    Ok(StringChunked::from_iter_options(
        "anomaly".into(),
        reasons.into_iter(),
    ))
}

/// A number as people write it in a sentence: thousands separated by commas, no trailing ".0",
/// at most 6 decimals ("1,500", "0.25").
pub fn number(f: f64) -> String {
    let s = if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        let s = format!("{f:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    group_thousands(&s)
}

/// Inserts thousands separators into the integer part of a plain decimal string.
pub fn group_thousands(digits: &str) -> String {
    let (sign, rest) = match digits.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", digits),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut out = String::with_capacity(digits.len() + int.len() / 3);
    out.push_str(sign);
    let n = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// The rows of a [`compute`] frame as plain structs.
pub fn observations(df: &DataFrame) -> PolarsResult<Vec<Observation>> {
    let metric = df.column("metric")?.str()?;
    let as_of = df.column("as_of")?.date()?;
    let value = df.column("value")?.f64()?;
    let low = df.column("low")?.f64()?;
    let high = df.column("high")?.f64()?;
    let bound = df.column("bound")?.str()?;
    let n_reports = df.column("n_reports")?.u32()?;
    let sources = df.column("sources")?.list()?;
    let delta = df.column("delta")?.f64()?;
    let ratio = df.column("ratio")?.f64()?;
    let pct = df.column("pct")?.f64()?;
    let days = df.column("days")?.i64()?;
    let per_day = df.column("per_day")?.f64()?;
    let change = df.column("change")?.str()?;
    let anomaly = df.column("anomaly")?.str()?;
    let mut out = Vec::with_capacity(df.height());
    for (i, src) in sources.amortized_iter().enumerate() {
        let src = match src {
            Some(s) => s
                .as_ref()
                .str()?
                .iter()
                .flatten()
                .map(str::to_string)
                .collect(),
            None => Vec::new(),
        };
        out.push(Observation {
            metric: metric.get(i).unwrap_or_default().to_string(),
            as_of: as_of.phys.get(i).map(days_to_date).unwrap_or_default(),
            value: value.get(i).unwrap_or(f64::NAN),
            low: low.get(i),
            high: high.get(i),
            bound: bound.get(i).unwrap_or_default().to_string(),
            n_reports: n_reports.get(i).unwrap_or(0),
            sources: src,
            delta: delta.get(i),
            ratio: ratio.get(i),
            pct: pct.get(i),
            days: days.get(i),
            per_day: per_day.get(i),
            change: Change::parse(change.get(i).unwrap_or("new")),
            anomaly: anomaly.get(i).map(str::to_string),
        });
    }
    Ok(out)
}

/// The series as observations, in (metric, as_of) order.
pub fn observe(store: &Store, filter: &Filter) -> anyhow::Result<Vec<Observation>> {
    Ok(observations(&compute(store, filter)?)?)
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn numbers_read_as_in_a_sentence() {
        let cases = [
            (14.0, "14"),
            (1500.0, "1,500"),
            (-1500.0, "-1,500"),
            (1_456_610.0, "1,456,610"),
            (999.0, "999"),
            (0.25, "0.25"),
            (12345.5, "12,345.5"),
            (-0.000001, "-0.000001"),
            (1e20, "100,000,000,000,000,000,000"),
        ];
        for (v, want) in cases {
            assert_eq!(number(v), want, "{v}");
        }
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
