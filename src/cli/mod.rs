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
pub mod metric_ids;
#[cfg(feature = "tracker")]
pub mod metrics;
#[cfg(feature = "tracker")]
pub mod migrate;
#[cfg(feature = "charts")]
pub mod report;
#[cfg(feature = "tracker")]
pub mod review;
#[cfg(feature = "tracker")]
pub mod series;

/// The statuses a claim or an observation gets, for every `--help` that prints them.
macro_rules! statuses {
    () => {
        "Statuses (diff, ingest, series, chart, report):
  new        the first figure of its metric
  same       agrees with the figure before it, within the intervals of both
             (\"about 11,000\" after 11,200 is the same)
  up, down   above or below the figure before it, beyond both intervals
  revision   a source restates, for a date it reported before, another figure
  conflict   another source gives a figure for the same days that disagrees
  anomaly    a running total falls, or a change far outside the series' own history"
    };
}

/// Tracks the statistical figures reported in the news.
#[derive(Debug, Parser)]
#[command(
    name = "figtrack",
    version,
    about,
    max_term_width = 100,
    after_help = concat!(
        "Examples:
  figtrack ingest articles/                      file new articles in the store (./data)
  figtrack ingest - --published 2024-10-23 --source Reuters < story.txt
  figtrack diff new.txt                          what an article changes, storing nothing
  figtrack series nk-troops-in-russia            the metric's observations and changes
  figtrack chart nk-troops-in-russia -o nk.svg   a chart (.png or .svg)
  figtrack export series -o series.csv           for a spreadsheet
  figtrack report -o reports/today               HTML and Markdown with charts and CSV

",
        statuses!()
    )
)]
pub struct Cli {
    /// The store folder (metrics.toml, claims/, documents/).
    #[arg(long, global = true, env = "FIGTRACK_DATA", default_value = "data")]
    pub data: PathBuf,

    /// No progress bar (and for `ingest`, no diff: only the summary).
    #[arg(long, short, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every figure found in articles, with what it counts, its source and date
    #[command(after_help = "Examples:
  figtrack extract article.md
  figtrack extract -f csv articles/ > claims.csv
  figtrack extract - --published 2024-10-23 --source Reuters < story.txt")]
    Extract(extract::Args),
    /// Extract, file and diff articles into the store.
    #[cfg(feature = "tracker")]
    #[command(after_help = concat!(
        "Examples:
  figtrack ingest articles/ feeds/today.jsonl
  figtrack ingest -q articles/                   only the summary
  curl -s URL | figtrack ingest - --published 2024-10-23 --source Reuters --title \"...\"

",
        statuses!()
    ))]
    Ingest(ingest::Args),
    /// Compare articles with the store's history, storing nothing.
    #[cfg(feature = "tracker")]
    #[command(after_help = concat!(
        "Examples:
  figtrack diff new.txt
  figtrack diff -f csv drafts/ > changes.csv
  figtrack diff - --published 2024-11-04 --source AP < story.txt && echo nothing changed

Exit status, as diff(1): 0 when every claim is new or the same, 1 when any is up, down, a
revision, a conflict or an anomaly, 2 on trouble (an error, or an input skipped with
--keep-going).

",
        statuses!()
    ))]
    Diff(diff::Args),
    /// Time series of the stored claims, with changes.
    #[cfg(feature = "tracker")]
    #[command(after_help = concat!(
        "Examples:
  figtrack series                                every metric
  figtrack series cpi-inflation --since 2024-01-01 -f csv

",
        statuses!()
    ))]
    Series(series::Args),
    /// The metrics: catalog and derived, with claim counts.
    #[cfg(feature = "tracker")]
    #[command(after_help = "Examples:
  figtrack metrics -f table
  figtrack metrics --suggest --top 5 -f table >> data/metrics.toml")]
    Metrics(metrics::Args),
    /// Import a published series from CSV or JSON.
    #[cfg(feature = "tracker")]
    #[command(after_help = "Examples:
  figtrack import cpi.csv --metric cpi-inflation --value-field rate --source ONS --unit percentage
  figtrack import losses.json --metric ru-losses --all-fields --exclude day --cumulative
  figtrack import uk.csv --metric deaths --value-field n --date-format %d/%m/%Y

Dates: YYYY-MM-DD, 2024/11/13, 13 November 2024, Nov 13, 2024; and 13/11/2024 or 11/13/2024
(also with - or .) when the file shows which comes first (a day above 12); otherwise name the
order with --date-format (%d/%m/%Y or %m/%d/%Y).")]
    Import(import::Args),
    /// Export claims or series as CSV, Parquet or JSON.
    #[cfg(feature = "tracker")]
    #[command(after_help = "Examples:
  figtrack export series -o series.csv
  figtrack export claims nk-troops-in-russia -f jsonl | jq .text
  figtrack export claims -o claims.parquet")]
    Export(export::Args),
    /// Merge the files of each month of the claims table into one (the table's optimize).
    #[cfg(feature = "tracker")]
    Compact(compact::Args),
    /// Convert a store of figtrack's earlier format (commits/) into Delta tables.
    #[cfg(feature = "tracker")]
    Migrate(migrate::Args),
    /// Keep wrong claims out of every series, chart, report and export (review).
    #[cfg(feature = "tracker")]
    #[command(after_help = "Examples:
  figtrack reject 3f2a9c01d4e5b6a7 --reason \"a year, not troops\"
  figtrack decisions")]
    Reject(review::DecideArgs),
    /// Move claims to another metric: CLAIM_ID... METRIC (review).
    #[cfg(feature = "tracker")]
    #[command(after_help = "Examples:
  figtrack assign 3f2a9c01d4e5b6a7 9b1c0d2e3f4a5b6c nk-troops-in-russia --reason \"troops\"")]
    Assign(review::DecideArgs),
    /// Undo the rejection or assignment of claims (review).
    #[cfg(feature = "tracker")]
    Restore(review::DecideArgs),
    /// List the review decisions: who rejected or moved which claim, when and why.
    #[cfg(feature = "tracker")]
    Decisions(review::ListArgs),
    /// Draw metrics' series as PNG or SVG charts.
    #[cfg(feature = "charts")]
    #[command(after_help = concat!(
        "Examples:
  figtrack chart nk-troops-in-russia -o nk.png
  figtrack chart cpi-inflation -o cpi.svg --title \"Inflation is back under 2%\" \\
      --subtitle \"Consumer prices, change on a year earlier\" --source \"ONS\" --width 640
  figtrack chart cpi-inflation unemployment-rate --out-dir charts --changes

Intervals: a range (\"between 8,000 and 10,000\") is drawn as a whisker, a hedged figure
(\"about 11,000\") as a shaded band, \"more than\" and \"up to\" as an open marker with an arrow.

",
        statuses!()
    ))]
    Chart(chart::Args),
    /// Write a report folder: HTML, Markdown, charts and CSV.
    #[cfg(feature = "charts")]
    #[command(after_help = concat!(
        "Examples:
  figtrack report -o reports/today --title \"North Korean troops: the figures\"
  figtrack report nk-troops-in-russia --since 2024-10-01 -o reports/nk

",
        statuses!()
    ))]
    Report(report::Args),
}

/// Parses a YYYY-MM-DD date argument.
pub fn iso_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date; expected YYYY-MM-DD"))
}

/// The documents `ingest` and `diff` read: files, folders or standard input, and what text on
/// standard input does not say of itself.
#[derive(Debug, clap::Args)]
pub struct Inputs {
    /// Files, folders (read recursively) or `-` for standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// How to read standard input.
    #[arg(long, value_enum, default_value_t = crate::input::InputFormat::Text)]
    pub input: crate::input::InputFormat,
    #[command(flatten)]
    pub stdin: StdinMeta,
}

impl Inputs {
    /// Reads the documents into `sink` ([`read_inputs`]).
    pub fn read(&self, sink: &mut dyn crate::input::Sink) -> anyhow::Result<()> {
        read_inputs(&self.paths, self.input, &self.stdin, sink)
    }
}

/// What text on standard input does not say of itself (text has no front matter to say it):
/// filled in for each document read from `-` that does not give its own.
/// `--as-known WHEN`, for the commands that read the store: the store as it was then.
#[cfg(feature = "tracker")]
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct Known {
    /// Answer with what the store held then: at the end of a date (YYYY-MM-DD, UTC), at an RFC
    /// 3339 time, or at a version of the claims table (a number).
    #[arg(long = "as-known", value_name = "WHEN", value_parser = crate::store::AsKnown::parse)]
    pub as_known: Option<crate::store::AsKnown>,
}

#[cfg(feature = "tracker")]
impl Known {
    /// Opens the store in `data` as known then.
    pub fn open(self, data: &std::path::Path) -> anyhow::Result<crate::store::Store> {
        crate::store::Store::open_at(data, self.as_known.unwrap_or_default())
    }
}

#[derive(Debug, Clone, Default, clap::Args)]
pub struct StdinMeta {
    /// Publication date of the text on standard input (YYYY-MM-DD): the date its figures hold
    /// unless they say otherwise.
    #[arg(long, value_parser = iso_date)]
    pub published: Option<chrono::NaiveDate>,
    /// Who published the text on standard input (a newspaper, an agency).
    #[arg(long)]
    pub source: Option<String>,
    /// Headline of the text on standard input.
    #[arg(long)]
    pub title: Option<String>,
}

impl StdinMeta {
    fn is_empty(&self) -> bool {
        self.published.is_none() && self.source.is_none() && self.title.is_none()
    }
}

/// Fills in a document's missing date, source and title from [`StdinMeta`].
struct Filled<'s> {
    sink: &'s mut dyn crate::input::Sink,
    meta: &'s StdinMeta,
}

impl crate::input::Sink for Filled<'_> {
    fn document(&mut self, mut doc: crate::model::Document) -> anyhow::Result<()> {
        doc.published = doc.published.or(self.meta.published);
        if doc.source.is_none() {
            doc.source.clone_from(&self.meta.source);
        }
        if doc.title.is_none() {
            doc.title.clone_from(&self.meta.title);
        }
        self.sink.document(doc)
    }

    fn problem(&mut self, problem: crate::input::Problem) {
        self.sink.problem(problem);
    }

    fn note(&mut self, path: &str, message: &str) {
        self.sink.note(path, message);
    }
}

/// Reads `paths` into `sink` as [`crate::input::read_paths`] does, with `meta` filled into
/// the documents of standard input; `meta` without `-` among the paths is an error (it would
/// be silently dropped).
pub fn read_inputs(
    paths: &[PathBuf],
    stdin_format: crate::input::InputFormat,
    meta: &StdinMeta,
    sink: &mut dyn crate::input::Sink,
) -> anyhow::Result<()> {
    let stdin = |p: &PathBuf| p.as_os_str() == "-";
    if meta.is_empty() {
        return crate::input::read_paths(paths, stdin_format, sink);
    }
    if !paths.iter().any(stdin) {
        anyhow::bail!(
            "--published, --source and --title describe text on standard input: give - as a \
             path (files say theirs in front matter: published:, source:, title:)"
        );
    }
    for p in paths {
        let one = std::slice::from_ref(p);
        if stdin(p) {
            crate::input::read_paths(one, stdin_format, &mut Filled { sink, meta })?;
        } else {
            crate::input::read_paths(one, stdin_format, sink)?;
        }
    }
    Ok(())
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
    /// The exit status of an error: 2 for `diff`, whose 1 means "something changed" (as
    /// diff(1)), else 1.
    pub fn error_status(&self) -> u8 {
        #[cfg(feature = "tracker")]
        if matches!(self, Command::Diff(_)) {
            return 2;
        }
        1
    }

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

/// The header an empty result still prints, so a reader (or a script) sees the columns it would
/// have had: a table's column names, or a CSV header row; JSON writes `[]` and JSON lines
/// nothing of themselves.
#[cfg(feature = "tracker")]
pub fn write_empty(
    format: crate::export::Format,
    out: &mut dyn std::io::Write,
    table_columns: &[&str],
    csv_columns: &[String],
) -> std::io::Result<()> {
    use crate::export::Format;
    match format {
        Format::Table => writeln!(out, "{}", table_columns.join("  ")),
        Format::Csv => write!(out, "{}\r\n", csv_columns.join(",")),
        Format::Json | Format::Jsonl => Ok(()),
    }?;
    out.flush()
}

/// Runs one command; `Ok` carries the exit status (2 when some input was skipped).
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    #[cfg(feature = "tracker")]
    let quiet = cli.quiet;
    match cli.command {
        Command::Extract(args) => extract::run(args),
        #[cfg(feature = "tracker")]
        Command::Ingest(args) => ingest::run(&cli.data, args, quiet),
        #[cfg(feature = "tracker")]
        Command::Diff(args) => diff::run(&cli.data, args, quiet),
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
        Command::Migrate(args) => migrate::run(&cli.data, args),
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
