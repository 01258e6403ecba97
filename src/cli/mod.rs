//! The command line: one file per command, each starting with its usage text.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// `eprintln!` for a command that stores: a message that cannot be written (stderr a pipe
/// whose reader went away, as in `figtrack ingest ... 2>&1 | head`) is dropped instead of
/// ending the command (`eprintln!` panics) before it has stored what it read.
#[cfg(feature = "tracker")]
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

#[cfg(feature = "charts")]
pub mod chart;
#[cfg(feature = "tracker")]
pub mod compact;
#[cfg(feature = "tracker")]
pub mod diff;
#[cfg(feature = "tracker")]
pub mod export;
pub mod extract;
#[cfg(feature = "tracker")]
pub mod import;
#[cfg(feature = "tracker")]
pub mod ingest;
#[cfg(feature = "tracker")]
pub mod metrics;
#[cfg(feature = "charts")]
pub mod report;
#[cfg(feature = "tracker")]
pub mod review;
#[cfg(feature = "tracker")]
pub mod series;

/// Tracks the statistical figures reported in the news.
#[derive(Debug, Parser)]
#[command(name = "figtrack", version, about, max_term_width = 100)]
pub struct Cli {
    /// The store folder (metrics.toml, claims/, documents/).
    #[arg(long, global = true, env = "FIGTRACK_DATA", default_value = "data")]
    pub data: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every figure found in articles, with what it counts, its source and date
    Extract(extract::Args),
    /// Extract, file and diff articles into the store.
    #[cfg(feature = "tracker")]
    Ingest(ingest::Args),
    /// Compare articles with the store's history, storing nothing.
    #[cfg(feature = "tracker")]
    Diff(diff::Args),
    /// Time series of the stored claims, with changes.
    #[cfg(feature = "tracker")]
    Series(series::Args),
    /// The metrics: catalog and derived, with claim counts.
    #[cfg(feature = "tracker")]
    Metrics(metrics::Args),
    /// Import a published series from CSV or JSON.
    #[cfg(feature = "tracker")]
    Import(import::Args),
    /// Export claims or series as CSV, Parquet or JSON.
    #[cfg(feature = "tracker")]
    Export(export::Args),
    /// Merge the store's parts into one.
    #[cfg(feature = "tracker")]
    Compact(compact::Args),
    /// Keep wrong claims out of every series, chart, report and export (review).
    #[cfg(feature = "tracker")]
    Reject(review::DecideArgs),
    /// Move claims to another metric: CLAIM_ID... METRIC (review).
    #[cfg(feature = "tracker")]
    Assign(review::DecideArgs),
    /// Undo the rejection or assignment of claims (review).
    #[cfg(feature = "tracker")]
    Restore(review::DecideArgs),
    /// List the review decisions: who rejected or moved which claim, when and why.
    #[cfg(feature = "tracker")]
    Decisions(review::ListArgs),
    /// Draw metrics' series as PNG charts.
    #[cfg(feature = "charts")]
    Chart(chart::Args),
    /// Write a report folder: HTML, Markdown, charts and CSV.
    #[cfg(feature = "charts")]
    Report(report::Args),
}

/// The most worker threads `-j/--threads` takes: far more than cores only costs memory, and a
/// number like 100000 would spend minutes starting threads (or fail to).
pub const MAX_THREADS: usize = 1024;

/// Reads `-j/--threads`: a number of threads from 1 to [`MAX_THREADS`].
fn threads(arg: &str) -> Result<usize, String> {
    match arg.parse::<usize>() {
        Ok(n @ 1..=MAX_THREADS) => Ok(n),
        _ => Err(format!(
            "{arg:?} is not a number of threads from 1 to {MAX_THREADS}"
        )),
    }
}

impl Command {
    /// Whether the command must run to its end when the reader of its output goes away:
    /// `ingest` stores what it reports, and storing does not depend on the report.
    pub fn outlives_its_reader(&self) -> bool {
        #[cfg(feature = "tracker")]
        if matches!(self, Command::Ingest(_)) {
            return true;
        }
        false
    }
}

/// Runs one command; `Ok` carries the exit status (2 when some input was skipped).
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => extract::run(args),
        #[cfg(feature = "tracker")]
        Command::Ingest(args) => ingest::run(&cli.data, args),
        #[cfg(feature = "tracker")]
        Command::Diff(args) => diff::run(&cli.data, args),
        #[cfg(feature = "tracker")]
        Command::Series(args) => series::run(&cli.data, args),
        #[cfg(feature = "tracker")]
        Command::Metrics(args) => metrics::run(&cli.data, args),
        #[cfg(feature = "tracker")]
        Command::Import(args) => import::run(&cli.data, args),
        #[cfg(feature = "tracker")]
        Command::Export(args) => export::run(&cli.data, args),
        #[cfg(feature = "tracker")]
        Command::Compact(args) => compact::run(&cli.data, args),
        #[cfg(feature = "tracker")]
        Command::Reject(args) => review::decide(&cli.data, crate::review::Action::Reject, args),
        #[cfg(feature = "tracker")]
        Command::Assign(args) => review::decide(&cli.data, crate::review::Action::Assign, args),
        #[cfg(feature = "tracker")]
        Command::Restore(args) => review::decide(&cli.data, crate::review::Action::Restore, args),
        #[cfg(feature = "tracker")]
        Command::Decisions(args) => review::list(&cli.data, args),
        #[cfg(feature = "charts")]
        Command::Chart(args) => chart::run(&cli.data, args),
        #[cfg(feature = "charts")]
        Command::Report(args) => report::run(&cli.data, args),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn threads_are_from_1_to_the_maximum() {
        for (arg, read) in [
            ("1", Some(1)),
            ("8", Some(8)),
            ("1024", Some(super::MAX_THREADS)),
            ("0", None),
            ("1025", None),
            ("100000", None),
            ("18446744073709551615", None),
            ("99999999999999999999999", None),
            ("-1", None),
            ("four", None),
            ("", None),
        ] {
            assert_eq!(super::threads(arg).ok(), read, "{arg}");
        }
    }
}
