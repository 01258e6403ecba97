//! `figtrack migrate`
//!
//! Converts a store of figtrack's earlier format (Parquet parts and `commits/` records) into
//! the Delta tables every command reads now, losing nothing: every claim of a live run, each
//! claim id once (the last write, as that format's readers showed it), every document. The old
//! files move to `DIR/pre-delta/` and are never deleted (`crate::store::migrate`).

use crate::store::migrate;
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(data: &Path, _args: Args) -> anyhow::Result<ExitCode> {
    if !data.is_dir() {
        crate::store::Store::open(data)?;
    }
    match migrate::migrate(data)? {
        Some(m) => eprintln!(
            "figtrack: migrated {} to Delta tables: {} run(s), {} claim(s), {} document(s); \
             the earlier files are in {}",
            data.display(),
            m.runs,
            m.claims,
            m.documents,
            data.join(migrate::PRE_DELTA_DIR).display()
        ),
        None => eprintln!(
            "figtrack: {} is not of the earlier format (no {} folder); nothing to migrate",
            data.display(),
            data.join(crate::store::OLD_COMMITS_DIR).display()
        ),
    }
    Ok(ExitCode::SUCCESS)
}
