//! `figtrack compact`
//!
//! The claims table's optimize: the files of each month's partition merged into one (and the
//! documents' into one), sorted by metric and date, under the writer lock. The merge commits
//! atomically as one Delta version: until it does, readers see the old files; after, the new
//! ones. The old files stay on disk for the versions before it (`--as-known`).

use crate::store::{self, Writer};
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(data: &Path, _args: Args) -> anyhow::Result<ExitCode> {
    // No store here is an error (the writer would create one).
    if !data.is_dir() {
        store::Store::open(data)?;
    }
    let mut writer = Writer::open(data, "compact")?;
    writer.store.warn_foreign();
    let (claims, documents) = (
        writer.store.claim_parts().len(),
        writer.store.document_parts().len(),
    );
    let (before, after) = writer.compact()?;
    if before == after {
        eprintln!(
            "figtrack: {} is already compact ({claims} claim file(s) over as many months, \
             {documents} document file(s))",
            data.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let commit = writer.commit()?;
    eprintln!(
        "figtrack: compacted {before} file(s) into {after} (claims table version {})",
        commit.version.unwrap_or(0)
    );
    Ok(ExitCode::SUCCESS)
}
