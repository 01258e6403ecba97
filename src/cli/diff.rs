//! `figtrack diff PATH... [--input text|jsonl] [--format table|json|jsonl|csv] [--threads N]
//!                [--keep-going] [--published DATE] [--source S] [--title T]`
//!
//! Like `ingest`, but stores nothing: prints each claim of the articles with its metric and its
//! status against the history of that metric in the store, as of its date:
//! new, same, up, down, revision, conflict or anomaly (the rules are in `figtrack::status`),
//! with the observation it was compared with (previous_value, previous_as_of,
//! previous_attributions) and delta, ratio, pct, days, per_day. `attribution` is the speaker the
//! article names, `source` the publication, `matched` the catalog phrase that filed the claim in
//! its metric and where it was found. Each claim is compared with the
//! reports before it (by date, publication, then arrival), the store's and the articles'.
//! Articles already in the store are not compared again (a note says so).
//! `--published/--source/--title` say what text on stdin does not.
//!
//! Exit status, as diff(1): 0 when every claim is new or the same, 1 when any is up, down, a
//! revision, a conflict or an anomaly, 2 on trouble (an error, or inputs skipped with
//! `--keep-going`).

use super::ingest::{Shown, progress};
use crate::detect::Diff;
use crate::export::{self, Format, RowWriter};
use crate::ingest::{self, Options};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub inputs: super::Inputs,
    /// Output format [default: table on a terminal, else jsonl].
    #[arg(long, short)]
    pub format: Option<Format>,
    /// Worker threads, 1 to 1024 [default: all cores].
    #[arg(long, short = 'j', value_parser = super::threads)]
    pub threads: Option<usize>,
    /// Report unreadable inputs and compare the rest (exit status 2) instead of stopping.
    #[arg(long)]
    pub keep_going: bool,
    #[command(flatten)]
    pub known: super::Known,
}

pub fn run(data: &Path, args: Args, quiet: bool) -> anyhow::Result<ExitCode> {
    let store = args.known.open(data)?;
    store.warn_foreign();
    let format = args.format.unwrap_or_else(Format::default_for_stdout);
    let stdout = std::io::stdout();
    let w: Box<dyn Write> = Box::new(std::io::BufWriter::with_capacity(1 << 16, stdout.lock()));
    let out: Box<dyn RowWriter> = export::writer(format, w, crate::detect::TABLE_COLUMNS);
    let options = Options {
        threads: args.threads,
        keep_going: args.keep_going,
        ..Options::default()
    };
    let mut shown = Shown::new(progress(&args.inputs.paths, quiet), Some(out), format);
    let totals = ingest::compare(&store, &options, &mut shown, |sink| args.inputs.read(sink))?;
    shown.finish()?;
    if totals.compared == 0 {
        super::write_empty(
            format,
            &mut std::io::stdout().lock(),
            crate::detect::TABLE_COLUMNS,
            &csv_columns()?,
        )?;
    }
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
    Ok(if totals.changed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The columns of a diff as CSV: the fields of [`Diff`], in order.
fn csv_columns() -> anyhow::Result<Vec<String>> {
    let row = export::to_row(&Diff::default())?;
    Ok(row
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default())
}
