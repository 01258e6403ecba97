//! Review decisions: a reviewer rejects a wrong claim, moves a claim to another metric, or
//! restores it. The decisions are kept in the store as `DIR/review.jsonl`, one JSON object a
//! line, in the order they were taken (claim id, action, metric, reason, who, when): a readable
//! record of who decided what, when and why, never rewritten, only appended to (atomically, under
//! the writer lock). The last decision on a claim is the one in force; `restore` undoes the ones
//! before it.
//!
//! Every reader of the store honours them ([`apply`]): a rejected claim is left out of series,
//! diffs, charts, reports and exports; an assigned claim counts under its new metric. Decisions
//! are kept by claim id, which is a hash of the document id and the figure's place in it, so they
//! survive re-ingesting the same articles, compaction and migration.

use crate::files;
use anyhow::{Context, bail};
use polars::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The decisions file inside the data folder.
pub const FILE_NAME: &str = "review.jsonl";

/// What a decision does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Reject,
    Assign,
    Restore,
}

/// One decision, as written in `review.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub claim_id: String,
    pub action: Action,
    /// The metric an `assign` moves the claim to.
    #[serde(default)]
    pub metric: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
    pub who: String,
    /// RFC 3339, UTC.
    pub when: String,
}

/// What is in force for a claim after all decisions.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Rejected { reason: Option<String> },
    Assigned { metric: String },
}

/// The decisions of a store.
#[derive(Debug, Clone, Default)]
pub struct Decisions {
    pub list: Vec<Decision>,
}

/// The decisions file of a data folder.
pub fn path(data: &Path) -> PathBuf {
    data.join(FILE_NAME)
}

impl Decisions {
    /// Reads the decisions of the data folder `data` (none when there is no file). A line that
    /// does not read is an error naming the file and line.
    pub fn load(data: &Path) -> anyhow::Result<Decisions> {
        let file = path(data);
        let text = match std::fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Decisions::default()),
            Err(e) => bail!("{}: cannot read: {}", file.display(), files::io_reason(&e)),
        };
        let mut list = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let d: Decision = serde_json::from_str(line).with_context(|| {
                format!(
                    "{}:{}: not a review decision (fix or remove the line)",
                    file.display(),
                    i + 1
                )
            })?;
            list.push(d);
        }
        Ok(Decisions { list })
    }

    /// The effect in force for each claim with decisions (the last decision wins; `restore`
    /// clears).
    pub fn effects(&self) -> BTreeMap<&str, Effect> {
        let mut out = BTreeMap::new();
        for d in &self.list {
            match d.action {
                Action::Reject => {
                    out.insert(
                        d.claim_id.as_str(),
                        Effect::Rejected {
                            reason: d.reason.clone(),
                        },
                    );
                }
                Action::Assign => {
                    if let Some(m) = &d.metric {
                        out.insert(d.claim_id.as_str(), Effect::Assigned { metric: m.clone() });
                    }
                }
                Action::Restore => {
                    out.remove(d.claim_id.as_str());
                }
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// Appends `new` to the decisions file of `data`, atomically (the file is the old text plus the
/// new lines, or unchanged). The caller holds the store's writer lock.
pub fn append(data: &Path, new: &[Decision]) -> anyhow::Result<()> {
    let file = path(data);
    let mut text = match std::fs::read(&file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => bail!("{}: cannot read: {}", file.display(), files::io_reason(&e)),
    };
    if !text.is_empty() && !text.ends_with(b"\n") {
        text.push(b'\n');
    }
    for d in new {
        serde_json::to_writer(&mut text, d)?;
        text.push(b'\n');
    }
    files::write_bytes(&file, &text)
}

/// The claims of `lf` as the decisions leave them: rejected claims out, assigned claims under
/// their new metric. Apply before filtering by metric, so a claim moved into a metric is found
/// there.
pub fn apply(lf: LazyFrame, decisions: &Decisions) -> PolarsResult<LazyFrame> {
    let effects = decisions.effects();
    if effects.is_empty() {
        return Ok(lf);
    }
    let mut rejected = Vec::new();
    let (mut ids, mut metrics) = (Vec::new(), Vec::new());
    for (id, e) in &effects {
        match e {
            Effect::Rejected { .. } => rejected.push(*id),
            Effect::Assigned { metric } => {
                ids.push(*id);
                metrics.push(metric.as_str());
            }
        }
    }
    // One small frame of the decisions in force, joined on to the claims.
    let n_rejected = rejected.len();
    let review_ids: Vec<&str> = rejected.into_iter().chain(ids).collect();
    let rejects: Vec<bool> = (0..review_ids.len()).map(|i| i < n_rejected).collect();
    let mut review_metric: Vec<Option<&str>> = vec![None; n_rejected];
    review_metric.extend(metrics.into_iter().map(Some));
    let review = df!(
        "claim_id" => review_ids,
        "review_rejected" => rejects,
        "review_metric" => review_metric,
    )?
    .lazy();
    Ok(lf
        .join(
            review,
            [col("claim_id")],
            [col("claim_id")],
            JoinArgs {
                maintain_order: MaintainOrderJoin::Left,
                ..JoinArgs::new(JoinType::Left)
            },
        )
        .filter(
            col("review_rejected")
                .is_null()
                .or(col("review_rejected").not()),
        )
        .with_column(coalesce(&[col("review_metric"), col("metric")]).alias("metric"))
        .drop(cols(["review_rejected", "review_metric"])))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(id: &str, action: Action, metric: Option<&str>) -> Decision {
        Decision {
            claim_id: id.into(),
            action,
            metric: metric.map(str::to_string),
            reason: None,
            who: "desk".into(),
            when: "2024-11-01T09:00:00Z".into(),
        }
    }

    #[test]
    fn the_last_decision_on_a_claim_is_in_force() {
        let ds = Decisions {
            list: vec![
                d("a", Action::Reject, None),
                d("b", Action::Assign, Some("x")),
                d("a", Action::Restore, None),
                d("b", Action::Assign, Some("y")),
                d("c", Action::Assign, Some("x")),
                d("c", Action::Reject, None),
            ],
        };
        let e = ds.effects();
        assert_eq!(e.get("a"), None);
        assert_eq!(e.get("b"), Some(&Effect::Assigned { metric: "y".into() }));
        assert_eq!(e.get("c"), Some(&Effect::Rejected { reason: None }));
    }

    #[test]
    fn apply_leaves_rejected_claims_out_and_moves_assigned_ones() {
        let lf = df!(
            "claim_id" => ["a", "b", "c"],
            "metric" => [Some("m"), Some("m"), None::<&str>],
            "value" => [1.0, 2.0, 3.0],
        )
        .unwrap()
        .lazy();
        let ds = Decisions {
            list: vec![
                d("a", Action::Reject, None),
                d("c", Action::Assign, Some("n")),
            ],
        };
        let out = apply(lf, &ds).unwrap().collect().unwrap();
        assert_eq!(out.get_column_names(), ["claim_id", "metric", "value"]);
        let ids: Vec<_> = out
            .column("claim_id")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(ids, [Some("b"), Some("c")]);
        let metrics: Vec<_> = out
            .column("metric")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(metrics, [Some("m"), Some("n")]);
    }

    #[test]
    fn decisions_round_trip_and_a_bad_line_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        append(dir.path(), &[d("a", Action::Reject, None)]).unwrap();
        append(dir.path(), &[d("a", Action::Restore, None)]).unwrap();
        let ds = Decisions::load(dir.path()).unwrap();
        assert_eq!(ds.list.len(), 2);
        std::fs::write(path(dir.path()), "{\"claim_id\":\"a\"}\n").unwrap();
        let err = format!("{:#}", Decisions::load(dir.path()).unwrap_err());
        assert!(err.contains("review.jsonl:1"), "{err}");
    }
}
