//! `figtrack compact`
//!
//! Merges the parts of the store into one claims part and one documents part (claims deduped by
//! claim_id and, as every part, sorted by metric and date), under the writer lock. The merge
//! commits atomically: until it does, readers see the old parts; after, the new one, and the old
//! files are removed.

use crate::store::{self, Writer};
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(data: &Path, _args: Args) -> anyhow::Result<ExitCode> {
    // No store here is an error (the writer would create one); a store whose commit records
    // are lost is opened by the writer, which moves the parts they listed aside.
    if !data.is_dir() {
        store::Store::open(data)?;
    }
    let mut writer = Writer::open(data, "compact")?;
    writer.store.warn_foreign();
    let store = writer.store.clone();
    let runs = store.commits().len();
    let parts = store.claim_parts().len() + store.document_parts().len();
    if runs <= 1 && parts <= 2 {
        eprintln!(
            "figtrack: {} is already compact ({} part(s))",
            data.display(),
            parts
        );
        return Ok(ExitCode::SUCCESS);
    }
    let mut claims = store.collect(store.claims_as_stored()?)?;
    let mut documents = store.collect(store.documents()?)?;
    writer.supersede_all();
    writer.write_claims(&mut claims)?;
    writer.write_documents(&mut documents)?;
    writer.commit()?;
    eprintln!(
        "figtrack: compacted {runs} run(s), {parts} part(s) into one: {} claim(s), {} document(s)",
        claims.height(),
        documents.height()
    );
    Ok(ExitCode::SUCCESS)
}
