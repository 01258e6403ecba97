//! `figtrack report [METRIC...] [-o DIR] [--all] [--title T] [--width W] [--height H]
//!                   [--since DATE] [--until DATE] [--rows N]`
//!
//! Writes a report folder (default `reports/report`): `index.html` (a static page: no script,
//! nothing fetched, opens from disk), `index.md`, each metric's chart and change chart as PNG,
//! `series.csv` and `claims.csv`. Each metric has its charts, a table of its observations
//! (delta, ratio, per-day rate, anomalies, conflicts) and the claims behind them with source,
//! date and the sentence quoted. Without METRIC, every metric of the catalog (metrics.toml)
//! with claims; `--all` adds the keys derived from concepts outside the catalog. The folder is
//! written under a temporary name beside the target first; a failed run leaves no half-written
//! report, and only files figtrack wrote are ever replaced.

use crate::chart::{self, Size, data};
use crate::cli::series::Period;
use crate::metrics::{Catalog, catalog_path};
use crate::report::{self, Options};
use crate::store::Store;
use anyhow::bail;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Metric ids [default: the catalog's metrics with claims].
    pub metrics: Vec<String>,
    /// Without METRIC: every metric with claims, the keys derived outside the catalog too.
    #[arg(long, conflicts_with = "metrics")]
    pub all: bool,
    /// The report's title [default: "figtrack report"].
    #[arg(long)]
    pub title: Option<String>,
    /// The report folder.
    #[arg(long, short, default_value = "reports/report")]
    pub output: PathBuf,
    /// Chart width in pixels.
    #[arg(long, default_value_t = chart::DEFAULT_WIDTH)]
    pub width: u32,
    /// Chart height in pixels.
    #[arg(long, default_value_t = chart::DEFAULT_HEIGHT)]
    pub height: u32,
    #[command(flatten)]
    pub period: Period,
    /// Observations and claims listed per metric, newest first (the CSV files have all).
    #[arg(long, default_value_t = 40)]
    pub rows: usize,
}

pub fn run(data_dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let size = Size::new(args.width, args.height)?;
    // The period is checked before the store is opened; the metrics are resolved below.
    args.period.filter(Vec::new())?;
    let store = Store::open(data_dir)?;
    store.warn_foreign();
    let mut ids = crate::cli::metric_ids::resolve(&store, &args.metrics)?;
    if args.metrics.is_empty() && !args.all {
        let catalog = Catalog::load(&catalog_path(data_dir))?;
        let derived = ids.len();
        ids.retain(|id| catalog.get(id).is_some());
        if ids.is_empty() && derived > 0 {
            bail!(
                "none of the store's {derived} metrics is in the catalog ({}); name metrics, \
                 add them to the catalog (`figtrack metrics` lists them), or report all with --all",
                catalog_path(data_dir).display()
            );
        }
    }
    if ids.is_empty() {
        bail!(
            "{}: the store has no claims to report; add some with `figtrack ingest` or \
             `figtrack import`",
            data_dir.display()
        );
    }
    let filter = args.period.filter(ids.clone())?;
    let mut series = data::load(&store, &ids, &filter)?;
    if args.metrics.is_empty() {
        // Every metric: those with something to show in the period.
        series.retain(|s| !s.observations.is_empty());
        if series.is_empty() {
            bail!(
                "no observations{} to report",
                crate::cli::chart::period(args.period.since, args.period.until)
            );
        }
    }
    let store_name = data_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| data_dir.display().to_string());
    let opts = Options {
        size,
        max_rows: args.rows.max(1),
        store_name,
        title: args.title.clone(),
        ..Options::default()
    };
    let written = report::write(&series, &args.output, &opts)?;
    eprintln!(
        "figtrack: report of {} metric{} ({} charts) written to {}",
        written.metrics,
        if written.metrics == 1 { "" } else { "s" },
        written.charts,
        written.dir.display()
    );
    println!("{}", written.dir.join("index.html").display());
    Ok(ExitCode::SUCCESS)
}
