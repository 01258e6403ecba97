//! `figtrack diff PATH... [--input text|jsonl] [--format table|json|jsonl|csv] [--threads N]
//!                [--keep-going]`
//!
//! Like `ingest`, but stores nothing: prints each claim of the articles with its metric and its
//! status against the history of that metric in the store, as of its date:
//! new, same, up, down, revision, conflict or anomaly (the rules are in `figtrack::status`),
//! with the observation it was compared with (previous_value, previous_as_of,
//! previous_sources) and delta, ratio, pct, days, per_day. Each claim is compared with the
//! reports before it (by date, publication, then arrival), the store's and the articles'. Articles already in the store are not compared
//! again (a note says so).

use super::ingest::{Pipeline, progress};
use crate::export::{self, Format, RowWriter};
use crate::input::InputFormat;
use crate::store::Store;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, folders (read recursively) or `-` for standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// How to read standard input.
    #[arg(long, value_enum, default_value_t = InputFormat::Text)]
    pub input: InputFormat,
    /// Output format [default: table on a terminal, else jsonl].
    #[arg(long, short)]
    pub format: Option<Format>,
    /// Worker threads, 1 to 1024 [default: all cores].
    #[arg(long, short = 'j', value_parser = super::threads)]
    pub threads: Option<usize>,
    /// Report unreadable inputs and compare the rest (exit status 2) instead of stopping.
    #[arg(long)]
    pub keep_going: bool,
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let store = Store::open(data)?;
    store.warn_foreign();
    let format = args.format.unwrap_or_else(Format::default_for_stdout);
    let stdout = std::io::stdout();
    let w: Box<dyn Write> = Box::new(std::io::BufWriter::with_capacity(1 << 16, stdout.lock()));
    let out: Box<dyn RowWriter> = export::writer(format, w, crate::detect::TABLE_COLUMNS);
    let mut pipeline = Pipeline::new(
        &store,
        None,
        Some(out),
        format,
        args.threads,
        args.keep_going,
        progress(&args.paths),
    )?;
    pipeline.run(&args.paths, args.input)?;
    let (totals, _) = pipeline.finish()?;
    if totals.already > 0 {
        eprintln!(
            "figtrack: note: {} document(s) already in the store {}; not compared again",
            totals.already,
            data.display()
        );
    }
    if totals.skipped > 0 {
        eprintln!("figtrack: {} input(s) skipped", totals.skipped);
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}
