//! `figtrack reject CLAIM_ID... [--reason R] [--by NAME]`
//! `figtrack assign CLAIM_ID... METRIC [--reason R] [--by NAME]`
//! `figtrack restore CLAIM_ID... [--reason R] [--by NAME]`
//! `figtrack decisions [--format table|json|jsonl|csv]`
//!
//! Review that sticks: `reject` keeps a wrong claim out of every series, diff, chart, report and
//! export; `assign` moves claims to another metric; `restore` undoes both. Decisions are kept in
//! the store (`review.jsonl`, see [`crate::review`]) with who took them, when and why, and
//! survive re-ingesting and compaction. Claim ids are in `figtrack export claims`, the report's
//! claims table and `series --explain`. `decisions` lists every decision taken.

use crate::export::{self, Format};
use crate::review::{self, Action, Decision, Decisions};
use crate::store::Store;
use anyhow::bail;
use polars::prelude::*;
use std::collections::HashSet;
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct DecideArgs {
    /// Claim ids, then (for `assign`) the metric to move them to.
    #[arg(required = true, value_name = "CLAIM_ID")]
    pub ids: Vec<String>,
    /// Why: kept with the decision.
    #[arg(long)]
    pub reason: Option<String>,
    /// Who decides [default: $FIGTRACK_REVIEWER, else $USER].
    #[arg(long)]
    pub by: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Output format [default: table on a terminal, else jsonl].
    #[arg(long, short)]
    pub format: Option<Format>,
}

/// The columns of `figtrack decisions` as a table.
const TABLE_COLUMNS: &[&str] = &["when", "who", "action", "claim_id", "metric", "reason"];

fn reviewer(by: Option<String>) -> String {
    by.or_else(|| std::env::var("FIGTRACK_REVIEWER").ok())
        .or_else(|| std::env::var("USER").ok())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// Records `action` on the claims named in `args` (for `assign`, the last argument is the
/// metric).
pub fn decide(data: &Path, action: Action, mut args: DecideArgs) -> anyhow::Result<ExitCode> {
    let metric = if action == Action::Assign {
        if args.ids.len() < 2 {
            bail!("assign needs claim ids and then the metric: figtrack assign CLAIM_ID... METRIC");
        }
        let m = args.ids.pop().unwrap_or_default();
        if !crate::metrics::valid_id(&m) {
            bail!(
                "{m:?} is not a metric id: use lower-case letters, digits, '-', '_' and '.' \
                 (the metric comes after the claim ids)"
            );
        }
        Some(m)
    } else {
        None
    };
    // Decisions never interleave with another run's writes.
    let _lock = crate::store::lock_writer(data)?;
    let store = Store::open(data)?;
    let stored = store.collect(
        store
            .claims_as_stored()?
            .select([col("claim_id"), col("metric")]),
    )?;
    let ids: HashSet<&str> = stored.column("claim_id")?.str()?.iter().flatten().collect();
    let unknown: Vec<&String> = args
        .ids
        .iter()
        .filter(|i| !ids.contains(i.as_str()))
        .collect();
    if !unknown.is_empty() {
        bail!(
            "no claim {} in {}: nothing was recorded (`figtrack export claims` lists claim ids)",
            unknown
                .iter()
                .map(|u| format!("{u:?}"))
                .collect::<Vec<_>>()
                .join(", "),
            data.display()
        );
    }
    if let Some(m) = &metric {
        let known = store.catalog.get(m).is_some()
            || stored
                .column("metric")?
                .str()?
                .iter()
                .any(|x| x == Some(m.as_str()));
        if !known {
            eprintln!(
                "figtrack: warning: {m:?} is neither in the catalog nor in the store: a new \
                 series; add it to {} to give it a label and unit",
                crate::metrics::catalog_path(data).display()
            );
        }
    }
    let who = reviewer(args.by);
    let when = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut seen = HashSet::new();
    let new: Vec<Decision> = args
        .ids
        .iter()
        .filter(|id| seen.insert(id.as_str()))
        .map(|id| Decision {
            claim_id: id.clone(),
            action,
            metric: metric.clone(),
            reason: args.reason.clone(),
            who: who.clone(),
            when: when.clone(),
        })
        .collect();
    review::append(data, &new)?;
    let verb = match action {
        Action::Reject => "rejected".to_string(),
        Action::Assign => format!("assigned to {}", metric.unwrap_or_default()),
        Action::Restore => "restored".to_string(),
    };
    eprintln!(
        "figtrack: {} claim{} {verb} (recorded in {})",
        new.len(),
        if new.len() == 1 { "" } else { "s" },
        review::path(data).display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Lists every decision, oldest first.
pub fn list(data: &Path, args: ListArgs) -> anyhow::Result<ExitCode> {
    let decisions = Decisions::load(data)?;
    let format = args.format.unwrap_or_else(Format::default_for_stdout);
    let out = Box::new(std::io::BufWriter::new(std::io::stdout().lock()));
    let mut w = export::writer(format, out, TABLE_COLUMNS);
    for d in &decisions.list {
        let mut row = serde_json::Map::new();
        row.insert("when".into(), d.when.clone().into());
        row.insert("who".into(), d.who.clone().into());
        row.insert("action".into(), serde_json::to_value(d.action)?);
        row.insert("claim_id".into(), d.claim_id.clone().into());
        row.insert("metric".into(), d.metric.clone().into());
        row.insert("reason".into(), d.reason.clone().into());
        w.row(&serde_json::Value::Object(row))?;
    }
    w.finish()?;
    Ok(ExitCode::SUCCESS)
}
