//! `figtrack series [METRIC...] [--since DATE] [--until DATE] [--format table|json|jsonl|csv]`
//!
//! Prints the time series of the stored claims: one row per (metric, as_of) with metric, as_of,
//! value, low, high, bound, n_reports, attributions, reported, delta, ratio (value / previous value),
//! pct, days (since the previous observation), per_day, change (new, same, up, down, revision,
//! conflict, anomaly) and anomaly (null, or a reason such as "cumulative total fell by 14").
//! The reports of a metric on one day make one observation: each reporter's latest report stands
//! (an earlier one of the same day is revised), `reported` lists them as given with their
//! attributions (the speakers; the publication only where the article names none), the value is the latest one's and the interval covers them; stated changes ("rose
//! 2.1%") are not levels and stay out. Without METRIC, every metric; `figtrack metrics` lists
//! them. The rules are in `figtrack::status`.
//!
//! `--explain` prints, instead, the claims behind each observation: the observation's value and
//! change, then each claim's value, attribution (speaker), source (publication), the catalog
//! phrase that filed it (`matched`: "\"deaths in turkey\" in clause"), its text and sentence.

use crate::export::{Format, parquet::write_frame};
use crate::series::{self, Filter};
use chrono::NaiveDate;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Metric ids [default: all].
    pub metrics: Vec<String>,
    #[command(flatten)]
    pub period: Period,
    /// Output format [default: table on a terminal, else jsonl].
    #[arg(long, short)]
    pub format: Option<Format>,
    /// Print the claims behind each observation, with the catalog phrase that filed each.
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub known: super::Known,
}

/// The `--since` / `--until` options that `series`, `chart` and `report` share.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct Period {
    /// First date shown (YYYY-MM-DD).
    #[arg(long, value_parser = super::iso_date)]
    pub since: Option<NaiveDate>,
    /// Last date shown (YYYY-MM-DD).
    #[arg(long, value_parser = super::iso_date)]
    pub until: Option<NaiveDate>,
}

impl Period {
    /// The series filter for `metrics` over this period; an inverted period is an error.
    pub fn filter(self, metrics: Vec<String>) -> anyhow::Result<Filter> {
        if let (Some(a), Some(b)) = (self.since, self.until)
            && a > b
        {
            anyhow::bail!("--since {a} is after --until {b}");
        }
        Ok(Filter {
            metrics,
            since: self.since,
            until: self.until,
        })
    }
}

/// Columns of the human table.
pub const TABLE_COLUMNS: &[&str] = &[
    "metric",
    "as_of",
    "bound",
    "value",
    "n_reports",
    "delta",
    "ratio",
    "days",
    "per_day",
    "change",
    "anomaly",
    "reported",
];

/// Columns of the human table of `--explain`: the frame's, without its ids (`doc`, `claim_id`).
pub const EXPLAIN_TABLE_COLUMNS: &[&str] = series::EXPLAIN_COLUMNS
    .split_at(series::EXPLAIN_COLUMNS.len() - 2)
    .0;

pub fn run(data: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let filter = args.period.filter(args.metrics.clone())?;
    let store = args.known.open(data)?;
    store.warn_foreign();
    // A misspelt metric is an error naming the close ones, before anything is computed (all
    // metrics need no check, and no scan of the store).
    if !args.metrics.is_empty() {
        super::metric_ids::resolve(&store, &args.metrics)?;
    }
    let (df, columns) = if args.explain {
        (series::explain(&store, &filter)?, EXPLAIN_TABLE_COLUMNS)
    } else {
        (series::compute(&store, &filter)?, TABLE_COLUMNS)
    };
    let format = args.format.unwrap_or_else(Format::default_for_stdout);
    let stdout = std::io::stdout();
    if df.height() == 0 && matches!(format, Format::Table | Format::Csv) {
        let names: Vec<String> = df
            .get_column_names()
            .iter()
            .map(|n| n.to_string())
            .collect();
        super::write_empty(format, &mut stdout.lock(), columns, &names)?;
        return Ok(ExitCode::SUCCESS);
    }
    let out: Box<dyn Write> = Box::new(std::io::BufWriter::with_capacity(1 << 16, stdout.lock()));
    write_frame(format, out, columns, &df)?;
    Ok(ExitCode::SUCCESS)
}
