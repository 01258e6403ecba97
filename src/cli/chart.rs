//! `figtrack chart METRIC... [-o FILE.png|FILE.svg | --out-dir DIR] [--format png|svg]
//!                  [--width W] [--height H] [--since DATE] [--until DATE] [--changes]
//!                  [--title T] [--subtitle S] [--note N] [--source S]`
//!
//! Draws each metric's series as a PNG or SVG: every observation as a point coloured by its
//! source, with its interval (a whisker for a range, a shaded band for a hedged figure, an open
//! marker and an arrow for "more than" and "up to"), a step line for running totals, the latest
//! value and its change written beside it, anomalies and conflicts ringed. `--changes` draws
//! the change from one observation to the next as bars instead. Files are `DIR/METRIC.png`
//! (`METRIC-changes.png`; `.svg` with `--format svg`), in the current folder by default
//! (created if missing), or the one file `-o FILE` for a single metric, its format by its
//! extension (`-o -`: standard output, PNG unless `--format svg`). `--title` and `--subtitle`
//! replace figtrack's own (one metric only), `--note` adds a line above the source line,
//! `--source` replaces it. Each file is written whole or not at all; the paths written are
//! printed. Fonts are embedded: no system fonts are needed.

use crate::chart::data::{self, file_stem};
use crate::chart::{self, Captions, Kind, Size};
use crate::cli::series::Period;
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
    /// The file to write, .png or .svg (one metric only).
    #[arg(long, short, conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// Picture format [default: the extension of -o, else png].
    #[arg(long, value_enum)]
    pub format: Option<Picture>,
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
    #[command(flatten)]
    pub known: super::Known,
    /// Draw the change from each observation to the next, as bars.
    #[arg(long)]
    pub changes: bool,
    /// The title, in place of the metric's label (one metric only).
    #[arg(long)]
    pub title: Option<String>,
    /// The line under the title, in place of unit, observations and dates (one metric only).
    #[arg(long)]
    pub subtitle: Option<String>,
    /// A note above the source line.
    #[arg(long)]
    pub note: Option<String>,
    /// The source line, in place of the sources of the claims.
    #[arg(long)]
    pub source: Option<String>,
}

/// The picture formats drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Picture {
    Png,
    Svg,
}

impl Picture {
    fn extension(self) -> &'static str {
        match self {
            Picture::Png => "png",
            Picture::Svg => "svg",
        }
    }
}

/// The format to draw: `--format`, else the extension of `-o`, else PNG; the two must agree
/// and another extension is an error (a PNG named .jpg would mislead whoever opens it).
fn picture(given: Option<Picture>, output: Option<&Path>) -> anyhow::Result<Picture> {
    let Some(o) = output else {
        return Ok(given.unwrap_or(Picture::Png));
    };
    let ext = o
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let by_name = match ext.as_str() {
        "png" => Picture::Png,
        "svg" => Picture::Svg,
        _ => bail!(
            "{}: charts are written as PNG or SVG; name the file FILE.png or FILE.svg",
            o.display()
        ),
    };
    match given {
        Some(g) if g != by_name => bail!(
            "{}: the extension says {}, but --format says {}; make them agree",
            o.display(),
            by_name.extension(),
            g.extension()
        ),
        _ => Ok(by_name),
    }
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
    if args.metrics.len() > 1 && (args.title.is_some() || args.subtitle.is_some()) {
        bail!("--title and --subtitle are for one chart; give one metric");
    }
    // Standard output and devices (a pipe, /dev/null) take the picture whatever their name.
    let device = |o: &Path| std::fs::metadata(o).is_ok_and(|m| !m.is_file());
    let named = args
        .output
        .as_deref()
        .filter(|o| !crate::files::is_stdout(o) && !device(o));
    let format = picture(args.format, named)?;
    let captions = Captions {
        title: args.title.clone(),
        subtitle: args.subtitle.clone(),
        note: args.note.clone(),
        source: args.source.clone(),
    };
    let store = args.known.open(data)?;
    store.warn_foreign();
    let ids = crate::cli::metric_ids::resolve(&store, &args.metrics)?;
    let filter = args.period.filter(ids.clone())?;
    let series = data::load_for_charts(&store, &ids, &filter)?;
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
    if to_stdout && format == Picture::Png && std::io::stdout().is_terminal() {
        bail!("a PNG is binary: redirect standard output to a file, or name one with -o FILE.png");
    }
    let targets: Vec<PathBuf> = series
        .iter()
        .map(|s| match &args.output {
            Some(o) => o.clone(),
            None => dir.join(format!(
                "{}{}.{}",
                file_stem(&s.info.id),
                if args.changes { "-changes" } else { "" },
                format.extension()
            )),
        })
        .collect();
    // Draw everything first, so a failure writes nothing; then write each file whole.
    let pictures: Vec<Vec<u8>> = series
        .par_iter()
        .map(|s| match format {
            Picture::Png => chart::render_png_with(&s.chart_input(), &captions, kind, size),
            Picture::Svg => {
                chart::render_svg(&s.chart_input(), &captions, kind, size).map(String::into_bytes)
            }
        })
        .collect::<anyhow::Result<_>>()?;
    if to_stdout {
        let mut out = std::io::stdout().lock();
        out.write_all(&pictures[0])?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    for (path, picture) in targets.iter().zip(&pictures) {
        crate::files::write_bytes(path, picture)?;
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
