//! `figtrack metrics [--format table|json|jsonl|csv] [--suggest [--top N]]`
//!
//! Lists the metrics: those of the catalog (metrics.toml in the data folder) first, in its
//! order, even without claims; then the keys derived from the concepts of claims outside the
//! catalog, most claimed first. Each with its claim count, the number of level claims that
//! make its series (dated, levels only), and the first and last as-of dates.
//!
//! `--suggest` lists the most claimed derived keys instead, each with example sentences and a
//! catalog entry to paste into metrics.toml (its match phrases are the claims' most frequent
//! concepts, its unit their most frequent unit); on a terminal it prints the entries as TOML.

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
    /// The most claimed derived keys, with example sentences and a catalog entry to paste.
    #[arg(long)]
    pub suggest: bool,
    /// How many keys `--suggest` lists.
    #[arg(long, default_value_t = 10, requires = "suggest")]
    pub top: usize,
}

/// A derived key worth a catalog entry.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    pub metric: String,
    pub claims: u64,
    /// Up to three sentences its claims come from.
    pub examples: Vec<String>,
    /// A `[[metric]]` entry for metrics.toml.
    pub entry: String,
}

/// The `top` most claimed derived keys of the store, with examples and a catalog entry each.
pub fn suggest(store: &Store, top: usize) -> anyhow::Result<Vec<Suggestion>> {
    let derived: Vec<MetricRow> = list(store)?
        .into_iter()
        .filter(|r| r.origin == "derived" && !r.metric.is_empty())
        .take(top)
        .collect();
    if derived.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = derived.iter().map(|r| r.metric.clone()).collect();
    let df = store.collect(
        store
            .claims_where(Some(crate::series::any_of("metric", &ids)))?
            .select([
                col("metric"),
                col("concept"),
                col("unit_normalized"),
                col("sentence"),
            ]),
    )?;
    let metric = df.column("metric")?.str()?;
    let concept = df.column("concept")?.str()?;
    let unit = df.column("unit_normalized")?.str()?;
    let sentence = df.column("sentence")?.str()?;
    type Tally = (HashMap<String, u64>, HashMap<String, u64>, Vec<String>);
    let mut by: HashMap<&str, Tally> = HashMap::new();
    for i in 0..df.height() {
        let Some(m) = metric.get(i) else { continue };
        let t = by.entry(m).or_default();
        if let Some(c) = concept.get(i) {
            *t.0.entry(c.to_lowercase()).or_default() += 1;
        }
        if let Some(u) = unit.get(i) {
            *t.1.entry(u.to_string()).or_default() += 1;
        }
        if let Some(s) = sentence.get(i)
            && t.2.len() < 3
            && !t.2.iter().any(|e| e == s)
        {
            t.2.push(s.to_string());
        }
    }
    let most = |counts: &HashMap<String, u64>, n: usize| -> Vec<String> {
        let mut v: Vec<(&String, &u64)> = counts.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        v.into_iter().take(n).map(|(k, _)| k.clone()).collect()
    };
    Ok(derived
        .into_iter()
        .map(|r| {
            let (concepts, units, examples) = by.remove(r.metric.as_str()).unwrap_or_default();
            let phrases = most(&concepts, 3);
            let unit = most(&units, 1).pop();
            let label = {
                let words = r.metric.replace('-', " ");
                let mut c = words.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect::<String>())
                    .unwrap_or_default()
            };
            let def = crate::metrics::MetricDef {
                id: r.metric.clone(),
                label: Some(label),
                unit,
                kind: None,
                cumulative: false,
                change: false,
                exclude: Vec::new(),
                phrases: if phrases.is_empty() {
                    vec![r.metric.replace('-', " ")]
                } else {
                    phrases
                },
            };
            let entry = crate::metrics::Catalog::append_text("", &def).unwrap_or_default();
            Suggestion {
                metric: r.metric,
                claims: r.claims,
                examples,
                entry,
            }
        })
        .collect())
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
    /// A change over a period, whose series takes stated changes (`change = true`).
    pub change: bool,
    pub claims: u64,
    pub levels: u64,
    pub first: Option<chrono::NaiveDate>,
    pub last: Option<chrono::NaiveDate>,
}

/// The metrics of the store with their counts.
pub fn list(store: &Store) -> anyhow::Result<Vec<MetricRow>> {
    let level = crate::series::in_series(&store.catalog.change_ids());
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
            change: m.change,
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
            change: false,
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
    let format = args.format.unwrap_or_else(Format::default_for_stdout);
    if args.suggest {
        let suggestions = suggest(&store, args.top)?;
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        if format != Format::Table {
            export::write_all(format, Box::new(out), &[], &suggestions)?;
            return Ok(ExitCode::SUCCESS);
        }
        if suggestions.is_empty() {
            writeln!(
                out,
                "# No derived keys: every claim's metric is in the catalog."
            )?;
        }
        for s in &suggestions {
            writeln!(out, "# {}: {} claim(s), for example:", s.metric, s.claims)?;
            for e in &s.examples {
                let e: String = e.chars().filter(|c| !c.is_control()).take(160).collect();
                writeln!(out, "#   {e}")?;
            }
            writeln!(out, "{}", s.entry)?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let rows = list(&store)?;
    let stdout = std::io::stdout();
    let out: Box<dyn Write> = Box::new(std::io::BufWriter::with_capacity(1 << 16, stdout.lock()));
    export::write_all(format, out, &[], &rows)?;
    Ok(ExitCode::SUCCESS)
}
