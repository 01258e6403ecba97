//! Converting a store of the earlier format (Parquet parts made visible by figtrack's own
//! `commits/T.json` records) into the Delta tables, losing nothing: every claim of a live run
//! (runs a compaction superseded are not live), deduped by claim id with the last write winning
//! as that format's readers did, and every document. The old files are moved to
//! `DIR/pre-delta/`, never deleted.
//!
//! The steps can be repeated after a crash at any point: the tables are staged in
//! `DIR/.migrate/` and marked ready; then the old folders move aside, the staged tables move
//! in, and `commits/` (what marks the old format) moves last.

use super::*;
use serde::Deserialize;

/// Where the earlier format's files go.
pub const PRE_DELTA_DIR: &str = "pre-delta";
const STAGING_DIR: &str = ".migrate";
const READY: &str = "READY";
/// The earlier format's folders and files besides `commits/`.
const OLD_ITEMS: &[&str] = &[CLAIMS_DIR, DOCUMENTS_DIR, "orphans", ".readers"];

/// A commit record of the earlier format (the fields migration reads).
#[derive(Debug, Deserialize)]
struct OldCommit {
    txn: String,
    #[serde(default)]
    claims: Vec<String>,
    #[serde(default)]
    documents: Vec<String>,
    #[serde(default)]
    supersedes: Vec<String>,
    #[serde(default)]
    hashes: BTreeMap<String, String>,
}

/// What a migration converted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Migrated {
    pub runs: usize,
    pub claims: usize,
    pub documents: usize,
}

/// Converts the store in `root` if it is of the earlier format; `None` when it is not.
pub fn migrate(root: &Path) -> anyhow::Result<Option<Migrated>> {
    let commits = root.join(OLD_COMMITS_DIR);
    if !commits.is_dir() {
        return Ok(None);
    }
    let _lock = lock_writer(root)?;
    let pre = root.join(PRE_DELTA_DIR);
    let staging = root.join(STAGING_DIR);
    let mut migrated = Migrated::default();
    if !staging.join(READY).exists() {
        if staging.exists() {
            // A migration killed while staging: the folder is its own.
            std::fs::remove_dir_all(&staging)
                .with_context(|| format!("{}: cannot remove", staging.display()))?;
        }
        let old = |sub: &str| {
            if pre.join(sub).exists() {
                pre.join(sub)
            } else {
                root.join(sub)
            }
        };
        let records = old_records(&commits)?;
        migrated.runs = records.len();
        let part_paths = |sub: &str, pick: fn(&OldCommit) -> &Vec<String>| {
            let dir = old(sub);
            let mut paths = Vec::new();
            for c in &records {
                for name in pick(c) {
                    let path = dir.join(name);
                    if let Some(want) = c.hashes.get(name) {
                        let got = file_hash(&path).map_err(|e| {
                            anyhow::anyhow!("{}: cannot read: {}", path.display(), io_reason(&e))
                        })?;
                        if &got != want {
                            bail!(
                                "{}: damaged part: its content changed since it was written \
                                 (hash {got}, its commit record says {want}); nothing was migrated",
                                path.display()
                            );
                        }
                    }
                    paths.push(path);
                }
            }
            Ok::<_, anyhow::Error>(paths)
        };
        let mut claims = read_old(
            &part_paths(CLAIMS_DIR, |c| &c.claims)?,
            claims_schema(),
            "claim_id",
        )?;
        let mut documents = read_old(
            &part_paths(DOCUMENTS_DIR, |c| &c.documents)?,
            documents_schema(),
            "id",
        )?;
        migrated.claims = claims.height();
        migrated.documents = documents.height();
        let mut w = Writer::open(&staging, "migrate")?;
        w.write_claims(&mut claims)?;
        w.write_documents(&mut documents)?;
        w.commit()?;
        crate::files::write_with(&staging.join(READY), |_| Ok(()))?;
    }
    std::fs::create_dir_all(&pre)
        .map_err(|e| anyhow::anyhow!("{}: cannot create: {}", pre.display(), io_reason(&e)))?;
    for item in OLD_ITEMS {
        let from = root.join(item);
        if from.exists() && !pre.join(item).exists() && !table::exists(&from) {
            rename(&from, &pre.join(item))?;
        }
    }
    for sub in [CLAIMS_DIR, DOCUMENTS_DIR] {
        if staging.join(sub).exists() && !root.join(sub).exists() {
            rename(&staging.join(sub), &root.join(sub))?;
        }
    }
    rename(&commits, &pre.join(OLD_COMMITS_DIR))?;
    std::fs::remove_dir_all(&staging)
        .with_context(|| format!("{}: cannot remove", staging.display()))?;
    crate::files::sync_dir(root)?;
    Ok(Some(migrated))
}

fn rename(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::rename(from, to).map_err(|e| {
        anyhow::anyhow!(
            "{}: cannot move to {}: {}",
            from.display(),
            to.display(),
            io_reason(&e)
        )
    })
}

/// The live commit records in `dir`, oldest first: those no compaction superseded.
fn old_records(dir: &Path) -> anyhow::Result<Vec<OldCommit>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| anyhow::anyhow!("{}: cannot list: {}", dir.display(), io_reason(&e)))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && !n.starts_with(TMP_PREFIX))
        .collect();
    names.sort();
    let mut records = Vec::new();
    for name in names {
        let path = dir.join(&name);
        let bytes = std::fs::read(&path)
            .map_err(|e| anyhow::anyhow!("{}: cannot read: {}", path.display(), io_reason(&e)))?;
        let c: OldCommit = serde_json::from_slice(&bytes)
            .map_err(|e| anyhow::anyhow!("{}: damaged commit record ({e})", path.display()))?;
        records.push(c);
    }
    let superseded: BTreeSet<String> = records
        .iter()
        .flat_map(|c| c.supersedes.iter().cloned())
        .collect();
    records.retain(|c| !superseded.contains(&c.txn));
    records.sort_by(|a, b| a.txn.cmp(&b.txn));
    Ok(records)
}

/// The rows of the parts at `paths` (oldest first), the last of each `key` kept; parts written
/// before a column existed read it as null.
fn read_old(paths: &[PathBuf], schema: Schema, key: &str) -> anyhow::Result<DataFrame> {
    if paths.is_empty() {
        return Ok(DataFrame::empty_with_schema(&schema));
    }
    let args = ScanArgsParquet {
        glob: false,
        schema: Some(Arc::new(schema)),
        allow_missing_columns: true,
        ..Default::default()
    };
    let files = paths
        .iter()
        .map(|p| PlRefPath::new(p.to_string_lossy().as_ref()))
        .collect();
    let lf = LazyFrame::scan_parquet_files(files, args)?
        .unique_stable(Some(cols([key])), UniqueKeepStrategy::Last);
    guarded(|| lf.collect()).map_err(|e| {
        anyhow::anyhow!(
            "reading the earlier format's parts ({} of them): {e}",
            paths.len()
        )
    })
}
