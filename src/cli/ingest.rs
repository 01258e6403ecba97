//! `figtrack ingest PATH... [--input text|jsonl] [--format table|json|jsonl|csv] [--quiet]
//!                  [--threads N] [--keep-going] [--published DATE] [--source S] [--title T]`
//!
//! Extracts the claims of the articles (files, folders, `-` for stdin), gives each its metric
//! (metrics.toml, else a key derived from its concept), stores them in the data folder and prints
//! each new claim against the history of its metric (the diff; see `figtrack diff`).
//!
//! Idempotent: a document whose text is already in the store is not ingested again. Large
//! inputs stream through in batches (appended to one part per month) with parallel
//! extraction; nothing of a run is visible until all of it is stored. An input that cannot be
//! read, or has a date that does not parse, stops the run with the store unchanged;
//! `--keep-going` reports such inputs and stores the rest (exit status 2). The report on
//! standard output never stops the storing: if its reader goes away (`| head`) the run still
//! stores everything and exits 0; if it cannot be written (a full disk) everything is stored
//! and the run exits 1 saying so.
//!
//! The pipeline is the library's ([`crate::ingest`]); this file reads the arguments and shows
//! the run: progress, messages, the diff and the summary.

use crate::detect::Diff;
use crate::export::{self, Format, RowWriter};
use crate::ingest::{self, BATCH_BYTES, Events, Level, Options};
use crate::input;
use indicatif::{ProgressBar, ProgressStyle};
use std::cell::RefCell;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::rc::Rc;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub inputs: super::Inputs,
    /// Format of the diff [default: table on a terminal, else jsonl].
    #[arg(long, short)]
    pub format: Option<Format>,
    /// Worker threads, 1 to 1024 [default: all cores].
    #[arg(long, short = 'j', value_parser = super::threads)]
    pub threads: Option<usize>,
    /// Report unreadable inputs and store the rest (exit status 2) instead of stopping.
    #[arg(long)]
    pub keep_going: bool,
    /// Bytes of text per batch.
    #[arg(long, default_value_t = BATCH_BYTES, hide = true)]
    pub batch_bytes: usize,
}

/// What a run of `ingest` or `diff` shows: a progress bar and messages on stderr, and each
/// compared claim as a row of the diff in `format`.
pub struct Shown<'a> {
    progress: ProgressBar,
    out: Option<Box<dyn RowWriter + 'a>>,
    lists_as_text: bool,
    for_people: bool,
}

impl<'a> Shown<'a> {
    /// Shows `progress`, and the diff in `format` through `out` when given.
    pub fn new(
        progress: ProgressBar,
        out: Option<Box<dyn RowWriter + 'a>>,
        format: Format,
    ) -> Self {
        Shown {
            progress,
            out,
            lists_as_text: matches!(format, Format::Table | Format::Csv),
            for_people: format == Format::Table,
        }
    }

    /// Clears the progress bar, then closes the diff (a table is printed only now).
    pub fn finish(self) -> anyhow::Result<()> {
        self.progress.finish_and_clear();
        match self.out {
            Some(out) => out.finish(),
            None => Ok(()),
        }
    }
}

impl Events for Shown<'_> {
    fn read(&mut self, bytes: usize) {
        self.progress.inc(bytes as u64);
    }

    fn message(&mut self, level: Level, text: &str) {
        self.progress.suspend(|| say!("figtrack: {level}: {text}"));
    }

    fn diff(&mut self, diff: &Diff) -> anyhow::Result<()> {
        let Some(out) = self.out.as_mut() else {
            return Ok(());
        };
        let mut row = export::to_row(diff)?;
        if self.lists_as_text {
            lists_as_text(&mut row);
        }
        if self.for_people {
            export::parquet::round_numbers(&mut row);
        }
        out.row(&row)
    }
}

/// Turns list cells into one text ("a; b") for tables and CSV.
pub fn lists_as_text(row: &mut serde_json::Value) {
    if let Some(obj) = row.as_object_mut() {
        for v in obj.values_mut() {
            if let serde_json::Value::Array(items) = v {
                let text = items
                    .iter()
                    .map(export::cell_text)
                    .collect::<Vec<_>>()
                    .join("; ");
                *v = serde_json::Value::String(text);
            }
        }
    }
}

/// A progress bar on stderr when it is a terminal and `-q` was not given, else a hidden one.
pub fn progress(paths: &[PathBuf], quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let total = input::total_size(paths);
    if total == 0 {
        return ProgressBar::new_spinner();
    }
    let style = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({eta})",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    ProgressBar::new(total).with_style(style)
}

pub fn run(data: &Path, args: Args, quiet: bool) -> anyhow::Result<ExitCode> {
    let format = args.format.unwrap_or_else(Format::default_for_stdout);
    let report = Report {
        out: std::io::stdout().lock(),
        failed: Rc::default(),
    };
    let failed = Rc::clone(&report.failed);
    let out: Option<Box<dyn RowWriter>> = (!quiet).then(|| {
        let w: Box<dyn Write> = Box::new(std::io::BufWriter::with_capacity(1 << 16, report));
        export::writer(format, w, crate::detect::TABLE_COLUMNS)
    });
    let options = Options {
        threads: args.threads,
        keep_going: args.keep_going,
        compare: !quiet,
        batch_bytes: args.batch_bytes,
    };
    let mut shown = Shown::new(progress(&args.inputs.paths, quiet), out, format);
    let totals = ingest::store(data, &options, &mut shown, |sink| args.inputs.read(sink))?;
    shown.finish()?;
    if totals.documents == 0 {
        say!(
            "figtrack: nothing new: {} document(s) already in the store {}",
            totals.already,
            data.display()
        );
    } else {
        say!(
            "figtrack: stored {} document(s), {} claim(s) in {}{}",
            totals.documents,
            totals.claims,
            data.display(),
            if totals.already > 0 {
                format!("; {} document(s) were already there", totals.already)
            } else {
                String::new()
            }
        );
    }
    match failed.take() {
        Some(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            say!("figtrack: note: the reader of the report stopped early; all was stored");
        }
        Some(e) => anyhow::bail!(
            "cannot write the report to standard output ({e}); all was stored in {}",
            data.display()
        ),
        None => {}
    }
    if totals.skipped > 0 {
        say!("figtrack: {} input(s) skipped", totals.skipped);
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}

/// Standard output for the report of `ingest`. Storing does not depend on its reader: the
/// first write that fails (the reader went away, as `| head` does, or the disk is full) is
/// kept and the rest of the report dropped, the run stores and commits everything, then says
/// what happened to the report. (`main` leaves SIGPIPE ignored for `ingest`, so a reader
/// that goes away is a write error, not the end of the process.)
struct Report<W> {
    out: W,
    failed: Rc<RefCell<Option<std::io::Error>>>,
}

impl<W: Write> Report<W> {
    /// Does `write` unless a write failed before, keeping its error.
    fn try_to(&mut self, write: impl FnOnce(&mut W) -> std::io::Result<()>) {
        let failed_before = self.failed.borrow().is_some();
        if !failed_before && let Err(e) = write(&mut self.out) {
            *self.failed.borrow_mut() = Some(e);
        }
    }
}

impl<W: Write> Write for Report<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.try_to(|out| out.write_all(buf));
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.try_to(Write::flush);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `-q` hides the progress bar whatever stderr is.
    #[test]
    fn quiet_hides_progress() {
        let paths = [PathBuf::from("-")];
        assert!(progress(&paths, true).is_hidden());
    }
}
