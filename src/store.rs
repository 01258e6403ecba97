//! The store: a data folder of immutable Parquet parts, written atomically under a lock.
//!
//! ```text
//! DIR/metrics.toml                  the metric catalog (crate::metrics)
//! DIR/claims/part-T-NNNNN.parquet   claims, one part per batch of a run, sorted by metric, date
//! DIR/documents/part-T-NNNNN.parquet  id, content_hash, published, source, url, title, claims
//! DIR/commits/T.pending             a run in progress (written before its first part)
//! DIR/commits/T.json                the record that makes run T's parts visible
//! DIR/orphans/                      parts no record accounts for, moved aside (never deleted)
//! DIR/.lock                         the writer lock (fs4)
//! DIR/.readers                      the readers' lock (shared; see below)
//! ```
//!
//! A run that writes (ingest, import, compact) takes the lock, names itself with a transaction
//! number `T` (microseconds, increasing), marks itself `commits/T.pending`, writes its parts
//! (each to a hidden temporary file, fsynced, renamed into place, the folder fsynced) and
//! finally commits by writing `commits/T.json` the same way, with each part's xxh3-128 content
//! hash, then drops the marker. Readers see only the parts of committed runs, so a run killed
//! at any moment leaves the store as it was: its parts stay invisible and the next writer
//! removes them, knowing them by the marker. A part that neither a record nor a marker
//! accounts for (commit records lost) is never deleted: readers warn about it by name (and fail
//! when no record is left, rather than show an empty store) and the next writer moves it to
//! `orphans/`.
//!
//! Every part file exists only while a record accounts for it: the marker comes before the
//! parts, and superseded parts go before the record that listed them. `compact` commits one
//! part that supersedes all earlier runs, then deletes their files, but only when no reader
//! holds the shared lock on `.readers` (every [`Store::open`] takes it for the life of the
//! store); otherwise it leaves them and a later writer removes them. A reader therefore never
//! sees a part of its snapshot disappear. (Writers create `.readers`, so readers write
//! nothing; a store no writer of this version has touched is read without the lock.)
//!
//! Readers scan the parts lazily (polars) and dedupe claims by `claim_id`, the last write
//! winning. (A run records whether it stored ids the store already had, which only an import of
//! corrected values does; while no run did, there is nothing to dedupe and the scan skips that
//! step, which matters on large stores. `compact` merges duplicates away.) A part that is
//! damaged (its hash differs from its record's, or it does not decode), missing or not of the
//! claims schema is an error naming the file; records written before hashes were kept read as
//! before. A file the store did not write is reported by name and left alone.
//!
//! Documents are keyed by content: a document whose text (xxh3-128 of the text) is already in
//! the store is not ingested again. A different document arriving with an id already taken
//! (two `report.md` in different folders) is stored under the id [`unique_doc_id`] gives it
//! (`id~HASH8`, its content hash's first eight hex digits, when that is free), and its claim
//! ids are computed from that unique id.

use crate::metrics::Catalog;
use crate::model::{CLAIM_COLUMNS, Claim, ClaimColumn, Role};
use anyhow::{Context, bail};
use chrono::NaiveDate;
use polars::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, Once};

pub const CLAIMS_DIR: &str = "claims";
pub const DOCUMENTS_DIR: &str = "documents";
pub const COMMITS_DIR: &str = "commits";
pub const LOCK_FILE: &str = ".lock";
pub const READERS_FILE: &str = ".readers";
pub const ORPHANS_DIR: &str = "orphans";
const PENDING: &str = ".pending";
use crate::files::{TMP_PREFIX, io_reason, write_with as write_atomic};

/// A claim as stored: the claim and its document's source (front matter `source:`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoredClaim {
    pub claim: Claim,
    pub source: Option<String>,
}

impl StoredClaim {
    /// Who stated it, for display: the attribution, else the document's source, else the
    /// document id.
    pub fn who(&self) -> &str {
        self.known_source().unwrap_or(&self.claim.doc)
    }

    /// Who stated it, when known: the attribution, else the document's source. This is what
    /// series list as sources and what change detection compares.
    pub fn known_source(&self) -> Option<&str> {
        self.claim.attribution.as_deref().or(self.source.as_deref())
    }
}

/// What the store knows of an ingested document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocRecord {
    pub id: String,
    pub content_hash: String,
    pub published: Option<NaiveDate>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub claims: u32,
}

/// The content hash of a document text (32 hex digits).
pub fn content_hash(text: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(text))
}

/// The id a document with content `hash` is stored under when it arrives as `id`, where
/// `taken(c)` says that id `c` belongs to another content: the first free of `id`, then
/// `id~H8`, `id~H16`, `id~H32` (prefixes of the hash), then `id~H32~2`, `id~H32~3`, ...
/// Each candidate is tried once and the numbered ones never repeat, so this ends as soon as
/// it passes the finitely many ids that are taken, whatever ids the store holds.
pub fn unique_doc_id(id: &str, hash: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(id) {
        return id.to_string();
    }
    for n in [8, 16, 32] {
        let c = format!("{id}~{}", hash.get(..n).unwrap_or(hash));
        if !taken(&c) {
            return c;
        }
    }
    let base = format!("{id}~{}", hash.get(..32).unwrap_or(hash));
    (2u64..)
        .map(|k| format!("{base}~{k}"))
        .find(|c| !taken(c))
        .unwrap_or(base)
}

/// The columns of a claims part and their types: the claim's ([`CLAIM_COLUMNS`]) and the
/// document's source.
pub fn claims_schema() -> Schema {
    let columns = CLAIM_COLUMNS.iter().map(|(name, column)| {
        let ty = match column {
            ClaimColumn::Text(..) => DataType::String,
            ClaimColumn::Number(..) => DataType::Float64,
            ClaimColumn::Date(..) => DataType::Date,
            ClaimColumn::Offset(..) => DataType::UInt32,
        };
        Field::new((*name).into(), ty)
    });
    Schema::from_iter(columns.chain([Field::new("source".into(), DataType::String)]))
}

/// Columns of [`claims_schema`] that parts written by earlier versions lack; such parts read
/// with these columns null (a null role is read as the level/change rule of those versions).
pub const ADDED_CLAIM_COLUMNS: &[&str] = &[
    "metric_match",
    "role",
    "previous_text",
    "previous_start",
    "previous_end",
    "previous_as_of",
];

/// The columns of a documents part and their types.
pub fn documents_schema() -> Schema {
    let s = DataType::String;
    Schema::from_iter([
        Field::new("id".into(), s.clone()),
        Field::new("content_hash".into(), s.clone()),
        Field::new("published".into(), DataType::Date),
        Field::new("source".into(), s.clone()),
        Field::new("url".into(), s.clone()),
        Field::new("title".into(), s),
        Field::new("claims".into(), DataType::UInt32),
    ])
}

const EPOCH: NaiveDate = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();

/// Days since 1970-01-01, as polars stores a Date.
pub fn date_to_days(d: NaiveDate) -> i32 {
    d.signed_duration_since(EPOCH).num_days() as i32
}

/// The date `days` after 1970-01-01.
pub fn days_to_date(days: i32) -> NaiveDate {
    EPOCH + chrono::Duration::days(days as i64)
}

fn str_col<'a>(name: &str, values: impl Iterator<Item = Option<&'a str>>) -> Column {
    StringChunked::from_iter_options(name.into(), values).into_column()
}

fn f64_col(name: &str, values: impl Iterator<Item = Option<f64>>) -> Column {
    Float64Chunked::from_iter_options(name.into(), values).into_column()
}

fn u32_col(name: &str, values: impl Iterator<Item = u32>) -> Column {
    UInt32Chunked::from_iter_values(name.into(), values).into_column()
}

fn opt_u32_col(name: &str, values: impl Iterator<Item = Option<u32>>) -> Column {
    UInt32Chunked::from_iter_options(name.into(), values).into_column()
}

fn date_col(name: &str, values: impl Iterator<Item = Option<NaiveDate>>) -> Column {
    Int32Chunked::from_iter_options(name.into(), values.map(|d| d.map(date_to_days)))
        .into_date()
        .into_column()
}

/// Claims as a frame of [`claims_schema`].
pub fn claims_frame(rows: &[StoredClaim]) -> PolarsResult<DataFrame> {
    let c = || rows.iter().map(|r| &r.claim);
    let cols = CLAIM_COLUMNS
        .iter()
        .map(|&(name, column)| match column {
            ClaimColumn::Text(get, _) => str_col(name, c().map(get)),
            ClaimColumn::Number(get, _) => f64_col(name, c().map(get)),
            ClaimColumn::Date(get, _) => date_col(name, c().map(get)),
            ClaimColumn::Offset(get, _) => opt_u32_col(name, c().map(get)),
        })
        .chain([str_col("source", rows.iter().map(|r| r.source.as_deref()))])
        .collect();
    DataFrame::new(rows.len(), cols)
}

/// Documents as a frame of [`documents_schema`].
pub fn documents_frame(rows: &[DocRecord]) -> PolarsResult<DataFrame> {
    let cols = vec![
        str_col("id", rows.iter().map(|d| Some(d.id.as_str()))),
        str_col(
            "content_hash",
            rows.iter().map(|d| Some(d.content_hash.as_str())),
        ),
        date_col("published", rows.iter().map(|d| d.published)),
        str_col("source", rows.iter().map(|d| d.source.as_deref())),
        str_col("url", rows.iter().map(|d| d.url.as_deref())),
        str_col("title", rows.iter().map(|d| d.title.as_deref())),
        u32_col("claims", rows.iter().map(|d| d.claims)),
    ];
    DataFrame::new(rows.len(), cols)
}

/// Claims read back from a frame of [`claims_schema`]. A part written before claims had a
/// role has it null: a change is then a directed claim without a previous value, as those
/// versions read it, and the rest are levels.
pub fn claims_from_frame(df: &DataFrame) -> PolarsResult<Vec<StoredClaim>> {
    let mut out: Vec<StoredClaim> = (0..df.height()).map(|_| StoredClaim::default()).collect();
    for &(name, column) in CLAIM_COLUMNS {
        let values = df.column(name)?;
        let claims = out.iter_mut().map(|r| &mut r.claim);
        match column {
            ClaimColumn::Text(_, set) => claims
                .zip(values.str()?.iter())
                .for_each(|(c, v)| set(c, v)),
            ClaimColumn::Number(_, set) => claims
                .zip(values.f64()?.iter())
                .for_each(|(c, v)| set(c, v)),
            ClaimColumn::Date(_, set) => claims
                .zip(values.date()?.as_date_iter())
                .for_each(|(c, v)| set(c, v)),
            ClaimColumn::Offset(_, set) => claims
                .zip(values.u32()?.iter())
                .for_each(|(c, v)| set(c, v)),
        }
    }
    for (r, role) in out.iter_mut().zip(df.column("role")?.str()?.iter()) {
        if role.and_then(Role::from_name).is_none()
            && r.claim.direction.is_some()
            && r.claim.previous.is_none()
        {
            r.claim.role = Role::Change;
        }
    }
    for (r, source) in out.iter_mut().zip(df.column("source")?.str()?.iter()) {
        r.source = source.map(str::to_string);
    }
    Ok(out)
}

/// The record of one committed run.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Commit {
    pub txn: String,
    pub command: String,
    /// Part file names in `claims/` and `documents/`.
    pub claims: Vec<String>,
    pub documents: Vec<String>,
    pub n_claims: u64,
    pub n_documents: u64,
    /// Runs whose parts this one replaces (compaction).
    #[serde(default)]
    pub supersedes: Vec<String>,
    /// The run stored claims under ids the store already had (revisions): readers must
    /// dedupe by claim id. Ingest never does (its documents are new, and so are their ids);
    /// an import that revises values does, until `compact` merges the duplicates away.
    #[serde(default = "yes")]
    pub revises: bool,
    /// The xxh3-128 content hash of each part, by file name (records written before hashes
    /// were kept have none, and their parts are read unchecked).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub hashes: BTreeMap<String, String>,
}

fn yes() -> bool {
    true
}

fn is_txn(t: &str) -> bool {
    t.len() == 16 && t.bytes().all(|b| b.is_ascii_digit())
}

/// The transaction of a part file name `part-T-NNNNN.parquet`.
fn part_txn(name: &str) -> Option<&str> {
    let stem = name.strip_prefix("part-")?.strip_suffix(".parquet")?;
    let (txn, n) = stem.split_once('-')?;
    (is_txn(txn) && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())).then_some(txn)
}

/// The transaction of a name in `commits/` and whether it is a commit record (`T.json`) or a
/// run's marker (`T.pending`).
fn record_txn(name: &str) -> Option<(&str, bool)> {
    if let Some(t) = name.strip_suffix(".json") {
        return is_txn(t).then_some((t, true));
    }
    name.strip_suffix(PENDING)
        .filter(|t| is_txn(t))
        .map(|t| (t, false))
}

/// The xxh3-128 hash of a file's content (32 hex digits), read in blocks.
fn file_hash(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut f = File::open(path)?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(format!("{:032x}", hasher.digest128()))
}

/// Takes the readers' shared lock of the store in `root` for as long as the file is open (see
/// the module doc). The writer creates the file, so a reader writes nothing; `None` when there
/// is no file to lock (a store no writer of this version has touched).
fn lock_readers(root: &Path) -> Option<Arc<File>> {
    let f = File::open(root.join(READERS_FILE)).ok()?;
    fs4::fs_std::FileExt::lock_shared(&f).ok()?;
    Some(Arc::new(f))
}

/// A read view of the store: its catalog and the parts of the committed runs.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
    pub catalog: Catalog,
    commits: Vec<Commit>,
    claim_parts: Vec<PathBuf>,
    document_parts: Vec<PathBuf>,
    /// Runs that are committed but superseded, by transaction.
    superseded: BTreeSet<String>,
    /// Runs marked as begun that did not commit (killed, or writing now), by transaction.
    pending: BTreeSet<String>,
    /// Parts that no record accounts for (commit records lost), by path and transaction.
    pub orphans: Vec<(PathBuf, String)>,
    /// The readers' lock, held while this view lives.
    _readers: Option<Arc<File>>,
    /// Files the store did not write, reported by name.
    pub foreign: Vec<PathBuf>,
    /// The review decisions (`review.jsonl`), honoured by every read of the claims.
    pub decisions: crate::review::Decisions,
}

fn list_dir(dir: &Path) -> anyhow::Result<Vec<String>> {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => bail!("{}: cannot list: {}", dir.display(), io_reason(&e)),
    };
    let mut names = Vec::new();
    for entry in rd {
        let entry = entry.with_context(|| format!("{}: cannot list", dir.display()))?;
        match entry.file_name().into_string() {
            Ok(n) => names.push(n),
            Err(n) => names.push(n.to_string_lossy().into_owned()),
        }
    }
    names.sort();
    Ok(names)
}

impl Store {
    /// Opens the store in `root` for reading. A missing folder is an error; a folder without
    /// claims is an empty store. The view holds the readers' lock while it lives, so no
    /// compaction removes the parts it reads.
    pub fn open(root: &Path) -> anyhow::Result<Store> {
        Self::open_with(root, true)
    }

    fn open_with(root: &Path, as_reader: bool) -> anyhow::Result<Store> {
        match std::fs::metadata(root) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => bail!(
                "{}: not a folder; --data must name a store folder",
                root.display()
            ),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
                "{}: no store here (no such folder); create one with `figtrack ingest` or \
                 `figtrack import`, or pass --data DIR (or set FIGTRACK_DATA)",
                root.display()
            ),
            Err(e) => bail!(
                "{}: cannot open the store: {}",
                root.display(),
                io_reason(&e)
            ),
        }
        let readers = if as_reader { lock_readers(root) } else { None };
        let catalog = Catalog::load(&crate::metrics::catalog_path(root))?;
        let mut store = Store {
            root: root.to_path_buf(),
            catalog,
            commits: Vec::new(),
            claim_parts: Vec::new(),
            document_parts: Vec::new(),
            superseded: BTreeSet::new(),
            pending: BTreeSet::new(),
            orphans: Vec::new(),
            _readers: readers,
            foreign: Vec::new(),
            decisions: crate::review::Decisions::load(root)?,
        };
        store.read_commits()?;
        store.check_parts()?;
        if as_reader && store.commits.is_empty() && !store.orphans.is_empty() {
            // Not an empty store: its records are lost.
            let names: Vec<String> = store
                .orphans
                .iter()
                .map(|(p, _)| p.display().to_string())
                .collect();
            bail!(
                "{}: no commit record, but {} part(s) that no record accounts for (were the \
                 records in {} lost?): {}; the next run that writes (`figtrack compact`) moves \
                 them to {}",
                root.display(),
                names.len(),
                root.join(COMMITS_DIR).display(),
                names.join(", "),
                root.join(ORPHANS_DIR).display()
            );
        }
        Ok(store)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The live runs, oldest first.
    pub fn commits(&self) -> &[Commit] {
        &self.commits
    }

    /// The claim parts of the live runs, oldest first.
    pub fn claim_parts(&self) -> &[PathBuf] {
        &self.claim_parts
    }

    /// The document parts of the live runs, oldest first.
    pub fn document_parts(&self) -> &[PathBuf] {
        &self.document_parts
    }

    /// The newest transaction number on disk.
    fn last_txn(&self) -> Option<u64> {
        self.commits
            .iter()
            .map(|c| c.txn.as_str())
            .chain(self.superseded.iter().map(String::as_str))
            .chain(self.pending.iter().map(String::as_str))
            .chain(self.orphans.iter().map(|(_, t)| t.as_str()))
            .filter_map(|t| t.parse().ok())
            .max()
    }

    fn read_commits(&mut self) -> anyhow::Result<()> {
        let dir = self.root.join(COMMITS_DIR);
        let mut all = BTreeMap::new();
        for name in list_dir(&dir)? {
            let path = dir.join(&name);
            if name.starts_with(TMP_PREFIX) {
                continue;
            }
            let txn = match record_txn(&name) {
                Some((t, true)) => t,
                Some((t, false)) => {
                    self.pending.insert(t.to_string());
                    continue;
                }
                None => {
                    self.foreign.push(path);
                    continue;
                }
            };
            let bytes =
                std::fs::read(&path).with_context(|| format!("{}: cannot read", path.display()))?;
            let commit: Commit = serde_json::from_slice(&bytes).map_err(|e| {
                anyhow::anyhow!(
                    "{}: damaged commit record ({e}); the store needs repair: move the file \
                     out of {} to drop that run",
                    path.display(),
                    dir.display()
                )
            })?;
            if commit.txn != txn {
                bail!(
                    "{}: damaged commit record (it names run {:?})",
                    path.display(),
                    commit.txn
                );
            }
            all.insert(txn.to_string(), commit);
        }
        let superseded: BTreeSet<String> = all
            .values()
            .flat_map(|c| c.supersedes.iter().cloned())
            .collect();
        self.pending.retain(|t| !all.contains_key(t));
        for (txn, commit) in all {
            if superseded.contains(&txn) {
                self.superseded.insert(txn);
            } else {
                self.commits.push(commit);
            }
        }
        Ok(())
    }

    fn check_parts(&mut self) -> anyhow::Result<()> {
        let live: BTreeSet<String> = self.commits.iter().map(|c| c.txn.clone()).collect();
        let mut unaccounted = Vec::new();
        for (sub, schema) in [
            (CLAIMS_DIR, claims_schema()),
            (DOCUMENTS_DIR, documents_schema()),
        ] {
            let dir = self.root.join(sub);
            let names = list_dir(&dir)?;
            let listed: BTreeSet<&str> = self
                .commits
                .iter()
                .flat_map(|c| {
                    if sub == CLAIMS_DIR {
                        c.claims.iter()
                    } else {
                        c.documents.iter()
                    }
                })
                .map(String::as_str)
                .collect();
            for name in &names {
                if name.starts_with(TMP_PREFIX) {
                    continue;
                }
                match part_txn(name) {
                    Some(t) if live.contains(t) => {
                        if !listed.contains(name.as_str()) {
                            self.foreign.push(dir.join(name));
                        }
                    }
                    Some(t) if self.superseded.contains(t) || self.pending.contains(t) => {}
                    Some(t) => unaccounted.push((dir.join(name), t.to_string())),
                    None => self.foreign.push(dir.join(name)),
                }
            }
            let mut parts = Vec::new();
            for c in &self.commits {
                let files = if sub == CLAIMS_DIR {
                    &c.claims
                } else {
                    &c.documents
                };
                for f in files {
                    let path = dir.join(f);
                    if names.binary_search(f).is_err() {
                        bail!(
                            "{}: missing; run {} lists it, so the store is damaged",
                            path.display(),
                            c.txn
                        );
                    }
                    check_part(&path, &schema, c.hashes.get(f))?;
                    parts.push(path);
                }
            }
            if sub == CLAIMS_DIR {
                self.claim_parts = parts;
            } else {
                self.document_parts = parts;
            }
        }
        if !unaccounted.is_empty() {
            // A run that began after the records were listed marked itself before writing its
            // first part, so the records listed again account for its parts; a part removed
            // meanwhile went with its run.
            let dir = self.root.join(COMMITS_DIR);
            let known: BTreeSet<String> = list_dir(&dir)?
                .iter()
                .filter_map(|n| record_txn(n).map(|(t, _)| t.to_string()))
                .collect();
            self.orphans = unaccounted
                .into_iter()
                .filter(|(path, t)| !known.contains(t) && path.exists())
                .collect();
        }
        Ok(())
    }

    /// Reports on stderr, by name, files that are not the store's and parts that no commit
    /// record accounts for.
    pub fn warn_foreign(&self) {
        for f in &self.foreign {
            eprintln!(
                "figtrack: warning: {}: not written by figtrack; ignored (move it out of the store)",
                f.display()
            );
        }
        for (f, _) in &self.orphans {
            eprintln!(
                "figtrack: warning: {}: a part that no commit record in {} accounts for (were \
                 records lost?); it is left out of what is shown, and the next run that writes \
                 moves it to {}",
                f.display(),
                self.root.join(COMMITS_DIR).display(),
                self.root.join(ORPHANS_DIR).display()
            );
        }
    }

    fn scan(parts: &[PathBuf], schema: Schema) -> PolarsResult<LazyFrame> {
        if parts.is_empty() {
            return Ok(DataFrame::empty_with_schema(&schema).lazy());
        }
        let paths: Vec<PlRefPath> = parts
            .iter()
            .map(|p| PlRefPath::new(p.to_string_lossy().as_ref()))
            .collect();
        // The schema is given, so parts of earlier versions read their added columns as null.
        let args = ScanArgsParquet {
            glob: false,
            schema: Some(Arc::new(schema)),
            allow_missing_columns: true,
            ..Default::default()
        };
        LazyFrame::scan_parquet_files(paths.into_iter().collect(), args)
    }

    /// All stored claims (deduped by `claim_id`, the latest write winning) as the review
    /// decisions leave them, lazily.
    pub fn claims(&self) -> PolarsResult<LazyFrame> {
        self.claims_where(None)
    }

    /// All stored claims, deduped, with no review decision applied (what compaction keeps, so
    /// a rejected claim can still be restored).
    pub fn claims_as_stored(&self) -> PolarsResult<LazyFrame> {
        let lf = Self::scan(&self.claim_parts, claims_schema())?;
        Ok(if self.may_repeat_claims() {
            lf.unique_stable(Some(cols(["claim_id"])), UniqueKeepStrategy::Last)
        } else {
            lf
        })
    }

    /// The stored claims that satisfy `pred`, deduped by `claim_id`. The filter runs before the
    /// dedupe (so it reaches the Parquet scan): that is sound for predicates on columns a claim
    /// id always keeps, such as `metric`, since a claim id is derived from its document (unique
    /// in the store) or, for imports, from its metric.
    pub fn claims_where(&self, pred: Option<Expr>) -> PolarsResult<LazyFrame> {
        if !self.decisions.is_empty() {
            // A claim assigned to a metric must be found by a filter on that metric: the
            // decisions apply before the filter.
            let lf = crate::review::apply(self.claims_as_stored()?, &self.decisions)?;
            return Ok(match pred {
                Some(p) => lf.filter(p),
                None => lf,
            });
        }
        let mut lf = Self::scan(&self.claim_parts, claims_schema())?;
        if let Some(p) = pred {
            lf = lf.filter(p);
        }
        if self.may_repeat_claims() {
            lf = lf.unique_stable(Some(cols(["claim_id"])), UniqueKeepStrategy::Last);
        }
        Ok(lf)
    }

    /// Some claim id may be stored more than once: a run after the first revised claims.
    /// Otherwise the dedupe is skipped, which matters on large stores.
    pub fn may_repeat_claims(&self) -> bool {
        self.commits.iter().skip(1).any(|c| c.revises)
    }

    /// All stored documents (deduped by `id`), lazily.
    pub fn documents(&self) -> PolarsResult<LazyFrame> {
        Ok(Self::scan(&self.document_parts, documents_schema())?
            .unique_stable(Some(cols(["id"])), UniqueKeepStrategy::Last))
    }

    /// Collects `lf`; when it fails, names the part that does not read.
    pub fn collect(&self, lf: LazyFrame) -> anyhow::Result<DataFrame> {
        match guarded(|| lf.collect()) {
            Ok(df) => Ok(df),
            Err(e) => {
                if let Some(gone) = self
                    .claim_parts
                    .iter()
                    .chain(&self.document_parts)
                    .find(|p| !p.exists())
                {
                    bail!(
                        "{}: gone while it was read; another run (compact?) changed the store \
                         in {}: run the command again",
                        gone.display(),
                        self.root.display()
                    );
                }
                for part in self.claim_parts.iter().chain(&self.document_parts) {
                    let read = File::open(part)
                        .map_err(PolarsError::from)
                        .and_then(|f| guarded(|| ParquetReader::new(f).finish()));
                    if let Err(pe) = read {
                        bail!("{}: damaged part, it does not read: {pe}", part.display());
                    }
                }
                Err(anyhow::anyhow!(
                    "reading the store in {}: {e}",
                    self.root.display()
                ))
            }
        }
    }
}

/// Panics caught by [`guarded`] running now; while any is, the panic hook keeps quiet.
static GUARDED: AtomicUsize = AtomicUsize::new(0);
/// The message of the last panic the hook kept quiet.
static CAUGHT: Mutex<Option<String>> = Mutex::new(None);

/// Runs a polars decode and turns a panic inside it into an error. polars asserts instead of
/// returning an error on some damaged files (a bad thrift field, a row group that does not
/// decode, an unknown IPC schema type); the store reports those as damage, by file, and the
/// panic's message and backtrace stay off stderr.
fn guarded<T>(decode: impl FnOnce() -> PolarsResult<T>) -> PolarsResult<T> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if GUARDED.load(Ordering::SeqCst) == 0 {
                return previous(info);
            }
            let msg = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown error".to_string());
            *CAUGHT.lock().unwrap_or_else(|e| e.into_inner()) = Some(msg);
        }));
    });
    GUARDED.fetch_add(1, Ordering::SeqCst);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(decode));
    GUARDED.fetch_sub(1, Ordering::SeqCst);
    result.unwrap_or_else(|_| {
        let msg = CAUGHT.lock().unwrap_or_else(|e| e.into_inner()).take();
        Err(PolarsError::ComputeError(
            format!(
                "the decoder failed ({})",
                msg.as_deref().unwrap_or("unknown error")
            )
            .into(),
        ))
    })
}

/// Checks a part's content hash (when its record keeps one), footer and schema.
fn check_part(path: &Path, schema: &Schema, hash: Option<&String>) -> anyhow::Result<()> {
    let file = File::open(path)
        .map_err(|e| anyhow::anyhow!("{}: cannot read: {}", path.display(), io_reason(&e)))?;
    if let Some(want) = hash {
        let got = file_hash(path)
            .map_err(|e| anyhow::anyhow!("{}: cannot read: {}", path.display(), io_reason(&e)))?;
        if &got != want {
            bail!(
                "{}: damaged part: its content changed since it was written (hash {got}, its \
                 commit record says {want})",
                path.display()
            );
        }
    }
    let got = guarded(|| ParquetReader::new(file).schema()).map_err(|e| {
        anyhow::anyhow!(
            "{}: damaged part, not readable Parquet: {e}",
            path.display()
        )
    })?;
    for (name, dtype) in schema.iter() {
        let Some(field) = got.get(name) else {
            if ADDED_CLAIM_COLUMNS.contains(&name.as_str()) {
                continue;
            }
            bail!("{}: damaged part: no column {name:?}", path.display());
        };
        let have = DataType::from_arrow_field(field);
        if &have != dtype {
            bail!(
                "{}: damaged part: column {name:?} is {have}, expected {dtype}",
                path.display()
            );
        }
    }
    Ok(())
}

/// Takes the store's writer lock (waiting, with a message, while another run holds it): held
/// until the returned file is dropped. Every run that changes the store holds it.
pub fn lock_writer(root: &Path) -> anyhow::Result<File> {
    let lock_path = root.join(LOCK_FILE);
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| {
            anyhow::anyhow!(
                "{}: cannot write to the store: {}",
                root.display(),
                io_reason(&e)
            )
        })?;
    if !fs4::fs_std::FileExt::try_lock_exclusive(&lock)
        .with_context(|| format!("{}: cannot lock", lock_path.display()))?
    {
        eprintln!(
            "figtrack: waiting for another figtrack run to finish writing to {}",
            root.display()
        );
        fs4::fs_std::FileExt::lock_exclusive(&lock)
            .with_context(|| format!("{}: cannot lock", lock_path.display()))?;
    }
    Ok(lock)
}

/// Writes a frame as a Parquet file, atomically. An error names the file and, when writing
/// failed, says why in words ("the disk is full"), which polars' own message buries.
pub fn write_parquet(path: &Path, df: &mut DataFrame) -> anyhow::Result<()> {
    /// A file that keeps its last write error.
    struct Kept<'a> {
        file: &'a mut File,
        error: Option<std::io::Error>,
    }
    impl Write for Kept<'_> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.file.write(buf).inspect_err(|e| {
                self.error = Some(std::io::Error::new(e.kind(), e.to_string()));
            })
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.file.flush()
        }
    }
    write_atomic(path, |file| {
        let mut kept = Kept { file, error: None };
        let written = ParquetWriter::new(&mut kept)
            .with_compression(ParquetCompression::Zstd(None))
            .finish(df);
        written.map_err(|e| {
            let reason = kept.error.as_ref().map_or(e.to_string(), io_reason);
            anyhow::anyhow!("{}: cannot write Parquet: {reason}", path.display())
        })?;
        Ok(())
    })
}

/// A run that writes to the store: holds the writer lock until dropped; what it wrote becomes
/// visible at [`Writer::commit`], and is removed if it is dropped without committing.
pub struct Writer {
    root: PathBuf,
    _lock: File,
    txn: String,
    command: String,
    claims: Vec<String>,
    documents: Vec<String>,
    n_claims: u64,
    n_documents: u64,
    supersedes: Vec<String>,
    revises: bool,
    hashes: BTreeMap<String, String>,
    /// `commits/T.pending` is written.
    begun: bool,
    committed: bool,
    /// The store as it was when the lock was taken.
    pub store: Store,
}

impl Writer {
    /// Takes the writer lock on `root` (creating the store if needed, and waiting for another
    /// writer to finish), then removes what interrupted runs left behind.
    pub fn open(root: &Path, command: &str) -> anyhow::Result<Writer> {
        if let Ok(m) = std::fs::metadata(root)
            && !m.is_dir()
        {
            bail!(
                "{}: not a folder; --data must name a store folder",
                root.display()
            );
        }
        std::fs::create_dir_all(root).map_err(|e| {
            anyhow::anyhow!(
                "{}: cannot create the store: {}",
                root.display(),
                io_reason(&e)
            )
        })?;
        let lock = lock_writer(root)?;
        let readers = root.join(READERS_FILE);
        std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(&readers)
            .map_err(|e| {
                anyhow::anyhow!("{}: cannot create: {}", readers.display(), io_reason(&e))
            })?;
        for sub in [CLAIMS_DIR, DOCUMENTS_DIR, COMMITS_DIR] {
            let dir = root.join(sub);
            std::fs::create_dir_all(&dir).map_err(|e| {
                anyhow::anyhow!("{}: cannot create: {}", dir.display(), io_reason(&e))
            })?;
        }
        let store = Store::open_with(root, false)?;
        let mut w = Writer {
            root: root.to_path_buf(),
            _lock: lock,
            txn: String::new(),
            command: command.to_string(),
            claims: Vec::new(),
            documents: Vec::new(),
            n_claims: 0,
            n_documents: 0,
            supersedes: Vec::new(),
            revises: false,
            hashes: BTreeMap::new(),
            begun: false,
            committed: false,
            store,
        };
        w.recover()?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_micros() as u64)
            .unwrap_or(0);
        let txn = now.max(w.store.last_txn().map_or(0, |t| t + 1));
        w.txn = format!("{txn:016}");
        Ok(w)
    }

    /// Removes temporary files and the parts of runs that never committed; removes the parts
    /// superseded by a compaction when no reader holds the readers' lock (else a later writer
    /// does); moves parts that no record accounts for to `orphans/`. Only files the store
    /// itself names are removed.
    fn recover(&mut self) -> anyhow::Result<()> {
        let readers_free = if self.store.superseded.is_empty() {
            None
        } else {
            std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(false)
                .open(self.root.join(READERS_FILE))
                .ok()
                .filter(|f| fs4::fs_std::FileExt::try_lock_exclusive(f).unwrap_or(false))
        };
        let (mut removed, mut kept) = (0, 0);
        for sub in [CLAIMS_DIR, DOCUMENTS_DIR, COMMITS_DIR] {
            let dir = self.root.join(sub);
            for name in list_dir(&dir)? {
                let txn = if sub == COMMITS_DIR {
                    record_txn(&name).map(|(t, _)| t)
                } else {
                    part_txn(&name)
                };
                let leftover = name.starts_with(TMP_PREFIX)
                    || name.ends_with(PENDING)
                    || txn.is_some_and(|t| self.store.pending.contains(t));
                let replaced = txn.is_some_and(|t| self.store.superseded.contains(t));
                if replaced && readers_free.is_none() {
                    kept += 1;
                } else if leftover || replaced {
                    let path = dir.join(&name);
                    std::fs::remove_file(&path).with_context(|| {
                        format!("{}: cannot remove a leftover file", path.display())
                    })?;
                    removed +=
                        usize::from(!name.starts_with(TMP_PREFIX) && !name.ends_with(PENDING));
                }
            }
        }
        drop(readers_free);
        if removed > 0 {
            eprintln!(
                "figtrack: note: removed {removed} file(s) left by interrupted or compacted runs"
            );
        }
        if kept > 0 {
            eprintln!(
                "figtrack: note: kept {kept} file(s) of compacted runs while another figtrack \
                 reads {}; a later run that writes removes them",
                self.root.display()
            );
        }
        for (path, _) in std::mem::take(&mut self.store.orphans) {
            let moved = self.move_aside(&path)?;
            eprintln!(
                "figtrack: warning: {}: no commit record accounts for this part (were records \
                 lost?); moved to {} (nothing was deleted)",
                path.display(),
                moved.display()
            );
        }
        self.store.superseded.clear();
        self.store.pending.clear();
        Ok(())
    }

    /// Moves a part to `orphans/<claims|documents>/` under a free name.
    fn move_aside(&self, path: &Path) -> anyhow::Result<PathBuf> {
        let sub = path
            .parent()
            .and_then(Path::file_name)
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let dir = self.root.join(ORPHANS_DIR).join(sub);
        std::fs::create_dir_all(&dir)
            .map_err(|e| anyhow::anyhow!("{}: cannot create: {}", dir.display(), io_reason(&e)))?;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let mut to = dir.join(name.as_ref());
        let mut n = 1;
        while to.exists() {
            to = dir.join(format!("{name}.{n}"));
            n += 1;
        }
        std::fs::rename(path, &to).map_err(|e| {
            anyhow::anyhow!(
                "{}: cannot move to {}: {}",
                path.display(),
                to.display(),
                io_reason(&e)
            )
        })?;
        crate::files::sync_dir(&dir)?;
        Ok(to)
    }

    pub fn txn(&self) -> &str {
        &self.txn
    }

    /// The name of the run's next part; the first marks the run as begun (`T.pending`), so
    /// that its parts are accounted for until it commits or the next writer removes them.
    fn next_name(&mut self) -> anyhow::Result<String> {
        if !self.begun {
            let marker = self.marker();
            write_atomic(&marker, |f| Ok(writeln!(f, "{}", self.command)?))?;
            self.begun = true;
        }
        Ok(format!(
            "part-{}-{:05}.parquet",
            self.txn,
            self.claims.len() + self.documents.len()
        ))
    }

    fn marker(&self) -> PathBuf {
        self.root
            .join(COMMITS_DIR)
            .join(format!("{}{PENDING}", self.txn))
    }

    /// Writes a part and keeps its content hash for the commit record.
    fn write_part(&mut self, sub: &str, df: &mut DataFrame) -> anyhow::Result<String> {
        let name = self.next_name()?;
        let path = self.root.join(sub).join(&name);
        write_parquet(&path, df)?;
        let hash = file_hash(&path)
            .map_err(|e| anyhow::anyhow!("{}: cannot read: {}", path.display(), io_reason(&e)))?;
        self.hashes.insert(name.clone(), hash);
        Ok(name)
    }

    /// Writes a claims part (not yet visible), its rows sorted by metric and date (stable): a
    /// part then holds each metric's claims together, which compresses better, lets a reader of
    /// one metric skip row groups, and makes the series' sort of all parts a merge of runs.
    pub fn write_claims(&mut self, df: &mut DataFrame) -> anyhow::Result<()> {
        if df.height() == 0 {
            return Ok(());
        }
        *df = df.sort(
            ["metric", "as_of"],
            SortMultipleOptions::default().with_maintain_order(true),
        )?;
        let name = self.write_part(CLAIMS_DIR, df)?;
        self.n_claims += df.height() as u64;
        self.claims.push(name);
        Ok(())
    }

    /// Writes a documents part (not yet visible).
    pub fn write_documents(&mut self, df: &mut DataFrame) -> anyhow::Result<()> {
        if df.height() == 0 {
            return Ok(());
        }
        let name = self.write_part(DOCUMENTS_DIR, df)?;
        self.n_documents += df.height() as u64;
        self.documents.push(name);
        Ok(())
    }

    /// This run stores claims under ids the store already has (see [`Commit::revises`]).
    pub fn set_revises(&mut self) {
        self.revises = true;
    }

    /// This run replaces all the runs now in the store (compaction).
    pub fn supersede_all(&mut self) {
        self.supersedes = self.store.commits.iter().map(|c| c.txn.clone()).collect();
    }

    /// Makes what this run wrote visible, atomically. Returns the commit.
    pub fn commit(self) -> anyhow::Result<Commit> {
        self.commit_then(|| Ok(()))
    }

    /// Commits, then runs `after` while still holding the writer lock: for a change outside
    /// the parts (the catalog) that must follow the data it describes and that a rerun repeats
    /// if the process dies in between.
    pub fn commit_then(
        mut self,
        after: impl FnOnce() -> anyhow::Result<()>,
    ) -> anyhow::Result<Commit> {
        let commit = self.commit_parts()?;
        after()?;
        Ok(commit)
    }

    fn commit_parts(&mut self) -> anyhow::Result<Commit> {
        let commit = Commit {
            txn: self.txn.clone(),
            command: self.command.clone(),
            claims: self.claims.clone(),
            documents: self.documents.clone(),
            n_claims: self.n_claims,
            n_documents: self.n_documents,
            supersedes: self.supersedes.clone(),
            revises: self.revises,
            hashes: self.hashes.clone(),
        };
        if commit.claims.is_empty() && commit.documents.is_empty() && commit.supersedes.is_empty() {
            // Nothing to record (the drop removes a marker a failed write left).
            return Ok(commit);
        }
        let path = self
            .root
            .join(COMMITS_DIR)
            .join(format!("{}.json", self.txn));
        write_atomic(&path, |f| {
            serde_json::to_writer_pretty(&mut *f, &commit)?;
            f.write_all(b"\n")?;
            Ok(())
        })?;
        self.committed = true;
        if self.begun {
            // The record accounts for the parts now; a marker left by a failure here is
            // removed by the next writer.
            let _ = std::fs::remove_file(self.marker());
        }
        if !commit.supersedes.is_empty() {
            // The old runs are now invisible; their files go (or the next writer removes them).
            let store = Store::open_with(&self.root, false)?;
            self.store = store;
            self.recover()?;
        }
        Ok(commit)
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        for name in &self.claims {
            let _ = std::fs::remove_file(self.root.join(CLAIMS_DIR).join(name));
        }
        for name in &self.documents {
            let _ = std::fs::remove_file(self.root.join(DOCUMENTS_DIR).join(name));
        }
        if self.begun {
            let _ = std::fs::remove_file(self.marker());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_names() {
        assert_eq!(
            part_txn("part-0001730000000000-00003.parquet"),
            Some("0001730000000000")
        );
        assert_eq!(part_txn("part-1-2.parquet"), None);
        assert_eq!(part_txn("claims.parquet"), None);
    }

    /// Runs `f` on a thread and fails the test if it does not return within ten seconds.
    fn within_ten_seconds<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || tx.send(f()));
        rx.recv_timeout(std::time::Duration::from_secs(10))
            .expect("did not finish in ten seconds")
    }

    /// The id `unique_doc_id` gives `hash` arriving as `id` when `owners` maps ids to contents.
    fn doc_id(id: &str, hash: &str, owners: &[(String, String)]) -> String {
        let owners: std::collections::HashMap<String, String> = owners.iter().cloned().collect();
        let hash = hash.to_string();
        let id = id.to_string();
        within_ten_seconds(move || {
            unique_doc_id(&id, &hash, |c| owners.get(c).is_some_and(|h| *h != hash))
        })
    }

    #[test]
    fn document_ids() {
        let h = "0123456789abcdef0123456789abcdef";
        let other = "f".repeat(32);
        let own = |ids: &[&str]| -> Vec<(String, String)> {
            ids.iter().map(|i| (i.to_string(), other.clone())).collect()
        };
        let table: &[(&[&str], &str)] = &[
            (&[], "r"),
            (&["q"], "r"),
            (&["r"], "r~01234567"),
            (&["r", "r~01234567"], "r~0123456789abcdef"),
            (
                &["r", "r~01234567", "r~0123456789abcdef"],
                "r~0123456789abcdef0123456789abcdef",
            ),
            (
                &[
                    "r",
                    "r~01234567",
                    "r~0123456789abcdef",
                    "r~0123456789abcdef0123456789abcdef",
                    "r~0123456789abcdef0123456789abcdef~2",
                ],
                "r~0123456789abcdef0123456789abcdef~3",
            ),
            // Every prefix length taken, and a numbered id out of the sequence: still ends.
            (
                &[
                    "r",
                    "r~01234567",
                    "r~0123456789ab",
                    "r~0123456789abcdef",
                    "r~0123456789abcdef0123",
                    "r~0123456789abcdef0123456789abcdef",
                    "r~0123456789abcdef0123456789abcdef~9",
                ],
                "r~0123456789abcdef0123456789abcdef~2",
            ),
        ];
        for (taken, want) in table {
            assert_eq!(doc_id("r", h, &own(taken)), *want, "taken: {taken:?}");
        }
        // An id that is already this content's is kept.
        assert_eq!(doc_id("r", h, &[("r".into(), h.into())]), "r");
    }

    proptest::proptest! {
        /// Whatever ids the store holds (here: built from the candidates themselves, the
        /// crafted case), the rule ends with an id no other content owns.
        #[test]
        fn document_ids_end_free(
            id in "[a-z~]{0,4}",
            hash in "[0-9a-f]{32}",
            picks in proptest::collection::vec((0usize..40, 0u8..3), 0..40),
        ) {
            let owners: Vec<(String, String)> = picks
                .iter()
                .map(|&(k, owner)| {
                    let c = match k {
                        0 => id.clone(),
                        1..=32 => format!("{id}~{}", &hash[..k]),
                        _ => format!("{id}~{hash}~{}", k - 32),
                    };
                    let h = if owner == 0 { hash.clone() } else { format!("{owner}") };
                    (c, h)
                })
                .collect();
            let got = doc_id(&id, &hash, &owners);
            let last: std::collections::HashMap<_, _> = owners.iter().cloned().collect();
            proptest::prop_assert!(last.get(&got).is_none_or(|h| *h == hash), "{got} is taken");
        }
    }

    /// Every field of a claim, set or empty, survives a frame and back, with its source.
    #[test]
    fn claims_round_trip_through_a_frame() {
        let day = NaiveDate::from_ymd_opt(2024, 9, 30);
        let full = Claim {
            doc: "d".into(),
            claim_id: "0123456789abcdef".into(),
            published: day,
            as_of: day,
            metric: Some("inflation".into()),
            metric_match: Some("'inflation' in concept".into()),
            concept: Some("inflation".into()),
            value: 1.9,
            low: Some(1.85),
            high: Some(1.95),
            unit: Some("%".into()),
            unit_normalized: Some("percent".into()),
            kind: crate::model::Kind::Percentage,
            bound: crate::model::Bound::AtMost,
            direction: Some(crate::model::Direction::Down),
            role: Role::Part,
            previous: Some(2.1),
            previous_text: Some("2.1%".into()),
            previous_start: Some(40),
            previous_end: Some(44),
            previous_as_of: NaiveDate::from_ymd_opt(2024, 8, 31),
            attribution: Some("the statistics office".into()),
            text: "1.9%".into(),
            start: 19,
            end: 23,
            sentence: "Inflation eased to 1.9% from 2.1%.".into(),
        };
        let rows = vec![
            StoredClaim {
                claim: full.clone(),
                source: Some("Ledger".into()),
            },
            StoredClaim {
                claim: Claim {
                    value: 3.0,
                    ..Claim::default()
                },
                source: None,
            },
        ];
        let df = claims_frame(&rows).unwrap();
        assert_eq!(df.schema().as_ref(), &claims_schema());
        assert_eq!(claims_from_frame(&df).unwrap(), rows);
    }

    /// Parts written before claims had a role read a directed claim without a previous value
    /// as a change, and the rest as levels.
    #[test]
    fn a_missing_role_is_read_as_earlier_versions_did() {
        let claim = |direction, previous| StoredClaim {
            claim: Claim {
                direction,
                previous,
                role: Role::Rate,
                ..Claim::default()
            },
            source: None,
        };
        let up = Some(crate::model::Direction::Up);
        let rows = [claim(up, None), claim(up, Some(2.0)), claim(None, None)];
        let mut df = claims_frame(&rows).unwrap();
        df.with_column(Column::full_null("role".into(), 3, &DataType::String))
            .unwrap();
        let roles: Vec<Role> = claims_from_frame(&df)
            .unwrap()
            .iter()
            .map(|r| r.claim.role)
            .collect();
        assert_eq!(roles, [Role::Change, Role::Level, Role::Level]);
    }

    #[test]
    fn dates_round_trip() {
        let d = NaiveDate::from_ymd_opt(2024, 10, 28).unwrap();
        assert_eq!(days_to_date(date_to_days(d)), d);
        assert_eq!(date_to_days(EPOCH), 0);
    }
}
