//! `figtrack metrics [--format table|json|jsonl|csv]`
//!
//! Lists the metrics: those of the catalog (metrics.toml in the data folder) first, in its
//! order, even without claims; then the keys derived from the concepts of claims outside the
//! catalog, most claimed first. Each with its claim count, the number of level claims that
//! make its series (dated, not stated changes), and the first and last as-of dates.

use crate::export::{self, Format};
use crate::store::Store;
use polars::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format [default: table on a terminal, else jsonl].
    #[arg(long, short)]
    pub format: Option<Format>,
}

/// One metric and what the store holds of it.
#[derive(Debug, Clone, Serialize)]
pub struct MetricRow {
    pub metric: String,
    /// "catalog" or "derived".
    pub origin: &'static str,
    pub label: Option<String>,
    pub unit: Option<String>,
    pub cumulative: bool,
    pub claims: u64,
    pub levels: u64,
    pub first: Option<chrono::NaiveDate>,
    pub last: Option<chrono::NaiveDate>,
}

/// The metrics of the store with their counts.
pub fn list(store: &Store) -> anyhow::Result<Vec<MetricRow>> {
    let level = crate::series::is_level();
    let lf = store.claims()?.group_by([col("metric")]).agg([
        len().cast(DataType::UInt64).alias("claims"),
        level.clone().cast(DataType::UInt64).sum().alias("levels"),
        col("as_of").filter(level.clone()).min().alias("first"),
        col("as_of").filter(level).max().alias("last"),
    ]);
    let df = store.collect(lf)?;
    let metric = df.column("metric")?.str()?;
    let claims = df.column("claims")?.u64()?;
    let levels = df.column("levels")?.u64()?;
    let first = df.column("first")?.date()?;
    let last = df.column("last")?.date()?;
    let mut counts: HashMap<String, (u64, u64, Option<i32>, Option<i32>)> = HashMap::new();
    for i in 0..df.height() {
        let key = metric.get(i).unwrap_or("").to_string();
        counts.insert(
            key,
            (
                claims.get(i).unwrap_or(0),
                levels.get(i).unwrap_or(0),
                first.phys.get(i),
                last.phys.get(i),
            ),
        );
    }
    let date = |d: Option<i32>| d.map(crate::store::days_to_date);
    let mut rows = Vec::new();
    for m in &store.catalog.metrics {
        let (c, l, f, la) = counts.remove(&m.id).unwrap_or_default();
        rows.push(MetricRow {
            metric: m.id.clone(),
            origin: "catalog",
            label: m.label.clone(),
            unit: m.unit.clone(),
            cumulative: m.cumulative,
            claims: c,
            levels: l,
            first: date(f),
            last: date(la),
        });
    }
    let mut derived: Vec<_> = counts.into_iter().collect();
    derived.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(&b.0)));
    for (id, (c, l, f, la)) in derived {
        rows.push(MetricRow {
            metric: id,
            origin: "derived",
            label: None,
            unit: None,
            cumulative: false,
            claims: c,
            levels: l,
            first: date(f),
            last: date(la),
        });
    }
    Ok(rows)
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let store = Store::open(data)?;
    store.warn_foreign();
    let rows = list(&store)?;
    let format = args.format.unwrap_or_else(Format::default_for_stdout);
    let stdout = std::io::stdout();
    let out: Box<dyn Write> = Box::new(std::io::BufWriter::with_capacity(1 << 16, stdout.lock()));
    export::write_all(format, out, &[], &rows)?;
    Ok(ExitCode::SUCCESS)
}
