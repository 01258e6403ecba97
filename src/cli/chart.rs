//! `figtrack chart METRIC... [-o FILE.png | --out-dir DIR] [--width W] [--height H]
//!                  [--since DATE] [--until DATE] [--changes]`
//!
//! Draws each metric's series as a PNG: every observation as a point coloured by its source,
//! with its interval (a whisker for a range, an open marker and an arrow for "more than" and
//! "up to"), a step line for running totals, the latest value and its change written beside it,
//! anomalies and conflicts ringed. `--changes` draws the change from one observation to the
//! next as bars instead. Files are `DIR/METRIC.png` (`METRIC-changes.png`), in the current
//! folder by default (created if missing), or the one file `-o FILE.png` for a single metric
//! (`-o -`: standard output). Each file is written
//! whole or not at all; the paths written are printed. Fonts are embedded: no system fonts are
//! needed.

use crate::chart::data::{self, file_stem};
use crate::chart::{self, Kind, Size};
use crate::cli::series::Period;
use crate::store::Store;
use anyhow::bail;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Metric ids (`figtrack metrics` lists them).
    #[arg(required = true)]
    pub metrics: Vec<String>,
    /// The PNG file to write (one metric only).
    #[arg(long, short, conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// The folder for the charts [default: the current folder].
    #[arg(long)]
    pub out_dir: Option<PathBuf>,
    /// Width in pixels.
    #[arg(long, default_value_t = chart::DEFAULT_WIDTH)]
    pub width: u32,
    /// Height in pixels.
    #[arg(long, default_value_t = chart::DEFAULT_HEIGHT)]
    pub height: u32,
    #[command(flatten)]
    pub period: Period,
    /// Draw the change from each observation to the next, as bars.
    #[arg(long)]
    pub changes: bool,
}

/// "between 2024-01-01 and 2024-02-01", "since ...", "until ..." or "".
pub fn period(since: Option<NaiveDate>, until: Option<NaiveDate>) -> String {
    match (since, until) {
        (Some(a), Some(b)) => format!(" between {a} and {b}"),
        (Some(a), None) => format!(" since {a}"),
        (None, Some(b)) => format!(" until {b}"),
        (None, None) => String::new(),
    }
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let size = Size::new(args.width, args.height)?;
    // The period is checked before the store is opened; the metrics are resolved below.
    args.period.filter(Vec::new())?;
    if args.output.is_some() && args.metrics.len() > 1 {
        bail!(
            "-o names one file but {} metrics were given; use --out-dir DIR for several",
            args.metrics.len()
        );
    }
    // Standard output and devices (a pipe, /dev/null) take the PNG whatever their name.
    let device = |o: &Path| std::fs::metadata(o).is_ok_and(|m| !m.is_file());
    if let Some(o) = args
        .output
        .as_deref()
        .filter(|o| !crate::files::is_stdout(o) && !device(o))
    {
        let ext = o.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !ext.eq_ignore_ascii_case("png") {
            bail!(
                "{}: charts are written as PNG; name the file FILE.png (SVG is not supported yet)",
                o.display()
            );
        }
    }
    let store = Store::open(data)?;
    store.warn_foreign();
    let ids = crate::cli::metric_ids::resolve(&store, &args.metrics)?;
    let filter = args.period.filter(ids.clone())?;
    let series = data::load(&store, &ids, &filter)?;
    for s in &series {
        if s.observations.is_empty() {
            bail!(
                "{}: no observations{} to chart (its claims are undated or stated changes, \
                 or none fall in the period); `figtrack series {}` shows its series",
                s.info.id,
                period(args.period.since, args.period.until),
                s.info.id
            );
        }
    }
    let kind = if args.changes {
        Kind::Changes
    } else {
        Kind::Level
    };
    let dir = args.out_dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let to_stdout = args.output.as_deref().is_some_and(crate::files::is_stdout);
    if to_stdout && std::io::stdout().is_terminal() {
        bail!("a PNG is binary: redirect standard output to a file, or name one with -o FILE.png");
    }
    let targets: Vec<PathBuf> = series
        .iter()
        .map(|s| match &args.output {
            Some(o) => o.clone(),
            None => dir.join(format!(
                "{}{}.png",
                file_stem(&s.info.id),
                if args.changes { "-changes" } else { "" }
            )),
        })
        .collect();
    // Draw everything first, so a failure writes nothing; then write each file whole.
    let pngs: Vec<Vec<u8>> = series
        .par_iter()
        .map(|s| chart::render_png(&s.chart_input(), kind, size))
        .collect::<anyhow::Result<_>>()?;
    if to_stdout {
        let mut out = std::io::stdout().lock();
        out.write_all(&pngs[0])?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    for (path, png) in targets.iter().zip(&pngs) {
        crate::files::write_bytes(path, png)?;
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
