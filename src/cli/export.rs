//! `figtrack export claims|series [METRIC...] [--format csv|parquet|json|jsonl] [-o FILE]
//!                  [--no-bom]`
//!
//! Writes the stored claims, or the series (see `figtrack series`), for spreadsheets and other
//! tools. CSV follows RFC 4180: UTF-8, CRLF line ends, a header row, ISO dates, numbers as
//! numbers; a text cell starting with = + - @ or a tab gets a leading apostrophe so a spreadsheet
//! does not run it as a formula. A CSV file written with -o starts with a UTF-8 byte order mark,
//! so Excel reads it as UTF-8 (LibreOffice and most tools skip it; --no-bom leaves it out).
//! Parquet keeps the types (dates, floats, lists). The format defaults to the extension of FILE,
//! else CSV; an extension figtrack does not write (.tsv, .xlsx), or one that contradicts
//! --format, is an error. -o files are written as src/files.rs says (`-o -`: standard output).

use crate::export::{Format, parquet as frames};
use crate::series::{self, Filter};
use crate::store::Store;
use polars::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    Claims,
    Series,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Parquet,
    Json,
    Jsonl,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to export.
    #[arg(value_enum)]
    pub what: What,
    /// Only these metrics [default: all].
    pub metrics: Vec<String>,
    /// Output format [default: from the extension of -o, else csv].
    #[arg(long, short, value_enum)]
    pub format: Option<ExportFormat>,
    /// Output file [default: standard output].
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// No UTF-8 byte order mark at the start of a CSV file.
    #[arg(long)]
    pub no_bom: bool,
    #[command(flatten)]
    pub known: super::Known,
}

/// The format a file's extension names: `None` for a file without one; an error for an
/// extension figtrack does not write (`.tsv`, `.xlsx`: a comma-separated file under that name
/// would mislead whoever opens it).
fn format_of(path: &Path) -> anyhow::Result<Option<ExportFormat>> {
    let Some(ext) = path.extension() else {
        return Ok(None);
    };
    Ok(Some(
        match ext.to_string_lossy().to_ascii_lowercase().as_str() {
            "csv" => ExportFormat::Csv,
            "parquet" | "pq" => ExportFormat::Parquet,
            "json" => ExportFormat::Json,
            "jsonl" | "ndjson" => ExportFormat::Jsonl,
            other => anyhow::bail!(
                "{}: figtrack does not write .{other} files; name the file .csv, .parquet, .json or \
             .jsonl (a spreadsheet opens .csv)",
                path.display()
            ),
        },
    ))
}

/// The format to write: `--format`, else the extension of `-o`, else CSV; the two must agree.
fn chosen_format(
    given: Option<ExportFormat>,
    output: Option<&Path>,
) -> anyhow::Result<ExportFormat> {
    let by_name = match output {
        Some(p) => format_of(p)?,
        None => None,
    };
    match (given, by_name) {
        (Some(f), Some(n)) if f != n => anyhow::bail!(
            "{}: the extension says {}, but --format says {}; make them agree",
            output
                .map(Path::display)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            name(n),
            name(f)
        ),
        (Some(f), _) | (None, Some(f)) => Ok(f),
        (None, None) => Ok(ExportFormat::Csv),
    }
}

fn name(f: ExportFormat) -> &'static str {
    match f {
        ExportFormat::Csv => "csv",
        ExportFormat::Parquet => "parquet",
        ExportFormat::Json => "json",
        ExportFormat::Jsonl => "jsonl",
    }
}

fn write(
    format: ExportFormat,
    out: &mut dyn Write,
    df: &mut DataFrame,
    bom: bool,
) -> anyhow::Result<()> {
    match format {
        ExportFormat::Parquet => frames::write_parquet(out, df),
        ExportFormat::Csv => {
            if bom {
                out.write_all("\u{FEFF}".as_bytes())?;
            }
            if df.height() == 0 {
                // The rows' writer heads the first row; no rows still have their columns.
                let names: Vec<&str> = df.get_column_names().iter().map(|n| n.as_str()).collect();
                write!(out, "{}\r\n", names.join(","))?;
                return Ok(());
            }
            frames::write_frame(Format::Csv, Box::new(out), &[], df)
        }
        ExportFormat::Json => frames::write_frame(Format::Json, Box::new(out), &[], df),
        ExportFormat::Jsonl => frames::write_frame(Format::Jsonl, Box::new(out), &[], df),
    }
}

pub fn run(data: &Path, mut args: Args) -> anyhow::Result<ExitCode> {
    if args.output.as_deref().is_some_and(crate::files::is_stdout) {
        args.output = None;
    }
    let format = chosen_format(args.format, args.output.as_deref())?;
    if format == ExportFormat::Parquet && args.output.is_none() && std::io::stdout().is_terminal() {
        anyhow::bail!("Parquet is binary: write it to a file with -o FILE");
    }
    let store = args.known.open(data)?;
    store.warn_foreign();
    let mut df = match args.what {
        What::Claims => {
            let pred = (!args.metrics.is_empty()).then(|| series::any_of("metric", &args.metrics));
            store.collect(store.claims_where(pred)?)?
        }
        What::Series => series::compute(
            &store,
            &Filter {
                metrics: args.metrics.clone(),
                ..Default::default()
            },
        )?,
    };
    warn_unknown(&store, &args.metrics, &df)?;
    match &args.output {
        Some(path) => {
            crate::files::write_with(path, |f| {
                let mut buf = std::io::BufWriter::with_capacity(1 << 16, f);
                write(format, &mut buf, &mut df, !args.no_bom)?;
                buf.flush()?;
                Ok(())
            })?;
            eprintln!(
                "figtrack: wrote {} row(s) to {}",
                df.height(),
                path.display()
            );
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
            write(format, &mut out, &mut df, false)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Says which of the metrics asked for have no rows: unknown (with the close names), or in the
/// catalog with nothing stored yet (an empty export is otherwise silent).
fn warn_unknown(store: &Store, metrics: &[String], df: &DataFrame) -> anyhow::Result<()> {
    let present: std::collections::HashSet<&str> = df
        .column("metric")
        .ok()
        .and_then(|c| c.str().ok())
        .map(|c| c.iter().flatten().collect())
        .unwrap_or_default();
    let missing: Vec<String> = metrics
        .iter()
        .filter(|m| !present.contains(m.as_str()))
        .cloned()
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let unknown = super::metric_ids::unknown_with_hints(store, &missing)?;
    for m in &missing {
        match unknown.iter().find(|(u, _)| u == m) {
            Some((_, hint)) => {
                eprintln!("figtrack: warning: no metric {m:?} in the catalog or the store{hint}")
            }
            None => eprintln!("figtrack: note: metric {m:?} has nothing stored yet"),
        }
    }
    Ok(())
}
