//! The store: a data folder holding two Delta Lake tables whose data files polars writes and
//! reads, written under a lock.
//!
//! ```text
//! DIR/metrics.toml                          the metric catalog (crate::metrics)
//! DIR/claims/_delta_log/NNNNNNNNNNNNNNNNNNNN.json   the claims table's log (delta-rs)
//! DIR/claims/as_of_month=YYYY-MM/part-T-NNNNN-H.parquet  claims, partitioned by month of as_of
//! DIR/claims/as_of_month=__HIVE_DEFAULT_PARTITION__/...  claims without a date
//! DIR/documents/_delta_log/...              the documents table's log (unpartitioned)
//! DIR/documents/part-T-NNNNN-H.parquet      id, content_hash, published, source, url, title, claims
//! DIR/review.jsonl                          review decisions (crate::review)
//! DIR/.lock                                 the writer lock (fs4)
//! ```
//!
//! Any Delta reader (DuckDB's `delta_scan`, polars' `read_delta`, the `deltalake` package,
//! Spark) reads the tables as figtrack does: the live files are the ones the log's latest
//! version lists. The partition column `as_of_month` ("YYYY-MM", null for undated claims)
//! lives in the log, not in the files. Offsets are UInt32 in the files and `long` in the
//! table's schema.
//!
//! A run that writes (ingest, import, compact) takes the lock, names itself with a transaction
//! number `T` (microseconds, increasing), writes its parts (each fsynced and renamed into
//! place; the name carries the xxh3-128 hash of the content, which every read checks), and
//! commits: one Delta version of the claims table (its `add` and `remove` actions and a `txn`
//! action with app id `figtrack` and version `T`), then one of the documents table. Delta's
//! commit creates version N+1 only if it is absent, so a run killed before it leaves files no
//! version lists: invisible to every reader, and removed by the next writer, which knows them
//! as figtrack's by name and as uncommitted by `T` (after the table's last figtrack `txn`). A
//! run killed between its two commits gets its documents committed by the next writer. Files
//! are never removed from disk otherwise: the log keeps every version, which `--as-known`
//! reads ([`Store::open_at`]).
//!
//! A run that stores claim ids the store already has (an import of corrected values) removes,
//! in the same commit, the files that hold the old rows and adds them rewritten without those
//! rows (copy-on-write), so no reader ever sees a claim id twice. `compact` is the table's
//! optimize: the files of each partition merged into one (`remove` + `add` with
//! `dataChange: false`), one partition in memory at a time. A part that is damaged (its hash
//! differs from its name's, or it does not decode), missing or not of the table's schema is an
//! error naming the file. A file in a table folder that is not data is reported by name and
//! left alone. A store of the earlier format (`commits/` records) is refused with a message to
//! run `figtrack migrate`.
//!
//! Documents are keyed by content: a document whose text (xxh3-128 of the text) is already in
//! the store is not ingested again. A different document arriving with an id already taken
//! (two `report.md` in different folders) is stored under the id [`unique_doc_id`] gives it
//! (`id~HASH8`, its content hash's first eight hex digits, when that is free), and its claim
//! ids are computed from that unique id.

pub mod migrate;
mod table;

use crate::metrics::Catalog;
use crate::model::{CLAIM_COLUMNS, Claim, ClaimColumn, Role};
use anyhow::{Context, bail};
use chrono::NaiveDate;
use deltalake_core::kernel::{Action, Add, DataType as DeltaType, Remove};
use deltalake_core::protocol::{DeltaOperation, SaveMode};
use polars::io::parquet::write::BatchedWriter as ParquetBatch;
use polars::prelude::*;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, Once};
use table::Table;
pub use table::{AsKnown, DataFile};

pub const CLAIMS_DIR: &str = "claims";
pub const DOCUMENTS_DIR: &str = "documents";
pub const LOCK_FILE: &str = ".lock";
/// The claims table's partition column: the month of as_of.
pub const PARTITION: &str = "as_of_month";
/// The commit records of the earlier format, which `figtrack migrate` converts.
pub const OLD_COMMITS_DIR: &str = "commits";
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

/// A content hash as 16 bytes, for the sets a run keeps of every stored document (a String is
/// over 50 bytes): its own 128 bits, or the xxh3-128 of a hash some other writer wrote.
pub fn hash_key(hash: &str) -> u128 {
    if hash.len() == 32 && hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        u128::from_str_radix(hash, 16).unwrap_or_default()
    } else {
        xxhash_rust::xxh3::xxh3_128(hash.as_bytes())
    }
}

/// A document id as 16 bytes (its xxh3-128), for the same sets.
pub fn id_key(id: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(id.as_bytes())
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

/// Claims as a frame of [`claims_schema`] (from a slice, or the claims of several documents
/// without gathering them first).
pub fn claims_frame<'a, I>(rows: I) -> PolarsResult<DataFrame>
where
    I: IntoIterator<Item = &'a StoredClaim> + Clone,
{
    let height = rows.clone().into_iter().count();
    let c = || rows.clone().into_iter().map(|r| &r.claim);
    let cols = CLAIM_COLUMNS
        .iter()
        .map(|&(name, column)| match column {
            ClaimColumn::Text(get, _) => str_col(name, c().map(get)),
            ClaimColumn::Number(get, _) => f64_col(name, c().map(get)),
            ClaimColumn::Date(get, _) => date_col(name, c().map(get)),
            ClaimColumn::Offset(get, _) => opt_u32_col(name, c().map(get)),
        })
        .chain([str_col(
            "source",
            rows.clone().into_iter().map(|r| r.source.as_deref()),
        )])
        .collect();
    DataFrame::new(height, cols)
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

/// The month of a date as the claims table's partition value (`YYYY-MM`).
pub fn month_of(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}", d.year(), d.month())
}

/// The name of a part a figtrack run writes: its transaction, its number in the run and the
/// xxh3-128 hash of its content (checked on every read: a changed byte is reported by name).
fn part_name(txn: i64, n: usize, hash: &str) -> String {
    format!("part-{txn:016}-{n:05}-{hash}.parquet")
}

/// The transaction and content hash of a part name [`part_name`] makes.
fn parse_part(name: &str) -> Option<(i64, &str)> {
    let stem = name.strip_prefix("part-")?.strip_suffix(".parquet")?;
    let mut it = stem.split('-');
    let (txn, n, hash) = (it.next()?, it.next()?, it.next()?);
    let digits = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
    let hex = hash.len() == 32 && hash.bytes().all(|b| b.is_ascii_hexdigit());
    (it.next().is_none() && digits(txn, 16) && digits(n, 5) && hex)
        .then(|| Some((txn.parse().ok()?, hash)))
        .flatten()
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

/// The Delta type of a column of the claims or documents schema. Delta has no unsigned
/// integers: an offset (UInt32 in the files) is a `long`, which every reader widens it to.
fn delta_type(dtype: &DataType) -> DeltaType {
    match dtype {
        DataType::Float64 => DeltaType::DOUBLE,
        DataType::Date => DeltaType::DATE,
        DataType::UInt32 => DeltaType::LONG,
        _ => DeltaType::STRING,
    }
}

fn delta_columns(schema: &Schema) -> Vec<(String, DeltaType)> {
    schema
        .iter()
        .map(|(name, dtype)| (name.to_string(), delta_type(dtype)))
        .collect()
}

/// The files of the store's tables in `dir` that are not data: anything but Parquet files
/// outside the log and the temporary files of a write in progress.
fn walk_table(dir: &Path) -> anyhow::Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    let mut stack = vec![(String::new(), dir.to_path_buf())];
    while let Some((prefix, d)) = stack.pop() {
        let rd = match std::fs::read_dir(&d) {
            Ok(rd) => rd,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => bail!("{}: cannot list: {}", d.display(), io_reason(&e)),
        };
        for entry in rd {
            let entry = entry.with_context(|| format!("{}: cannot list", d.display()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = format!("{prefix}{name}");
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                if prefix.is_empty() && name != table::LOG_DIR {
                    stack.push((format!("{rel}/"), path));
                }
            } else {
                out.push((rel, path));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// A read view of the store: its catalog and the live files of its tables at one version.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
    pub catalog: Catalog,
    claim_files: Vec<DataFile>,
    document_files: Vec<DataFile>,
    /// The claims table's version read (`None`: no table, or none yet at the time asked).
    version: Option<i64>,
    /// Files the store did not write, reported by name.
    pub foreign: Vec<PathBuf>,
    /// The review decisions (`review.jsonl`), honoured by every read of the claims.
    pub decisions: crate::review::Decisions,
}

impl Store {
    /// Opens the store in `root` for reading, as it is now. A missing folder is an error; a
    /// folder without claims is an empty store.
    pub fn open(root: &Path) -> anyhow::Result<Store> {
        Self::open_at(root, AsKnown::Latest)
    }

    /// Opens the store as it was at `at` (a table version, or the last commit at or before a
    /// time): Delta's time travel.
    pub fn open_at(root: &Path, at: AsKnown) -> anyhow::Result<Store> {
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
        refuse_old_format(root)?;
        let catalog = Catalog::load(&crate::metrics::catalog_path(root))?;
        let mut store = Store {
            root: root.to_path_buf(),
            catalog,
            claim_files: Vec::new(),
            document_files: Vec::new(),
            version: None,
            foreign: Vec::new(),
            decisions: crate::review::Decisions::load(root)?,
        };
        for (sub, schema) in [
            (CLAIMS_DIR, claims_schema()),
            (DOCUMENTS_DIR, documents_schema()),
        ] {
            let dir = root.join(sub);
            let files = match Table::load(&dir, at)? {
                Some(t) => {
                    if sub == CLAIMS_DIR {
                        store.version = Some(t.version());
                    }
                    t.files()?
                }
                None => {
                    if !table::exists(&dir) {
                        refuse_lost_log(&dir)?;
                    }
                    Vec::new()
                }
            };
            // Hashing every part is most of the time of opening a big store: on all cores.
            files
                .par_iter()
                .try_for_each(|f| check_part(&f.path, &schema))?;
            for (rel, path) in walk_table(&dir)? {
                if !rel.ends_with(".parquet") && !rel.contains(TMP_PREFIX) {
                    store.foreign.push(path);
                }
            }
            if sub == CLAIMS_DIR {
                store.claim_files = files;
            } else {
                store.document_files = files;
            }
        }
        Ok(store)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The claims table's version this view reads (`None` for a store without claims).
    pub fn version(&self) -> Option<i64> {
        self.version
    }

    /// The live claim files.
    pub fn claim_parts(&self) -> &[DataFile] {
        &self.claim_files
    }

    /// This view reading only the claims files `parts` (some of its live ones).
    pub fn with_claim_parts(&self, parts: Vec<DataFile>) -> Store {
        Store {
            claim_files: parts,
            ..self.clone()
        }
    }

    /// The live document files.
    pub fn document_parts(&self) -> &[DataFile] {
        &self.document_files
    }

    /// Reports on stderr, by name, files in the tables that the store did not write.
    pub fn warn_foreign(&self) {
        for f in &self.foreign {
            eprintln!(
                "figtrack: warning: {}: not written by figtrack; ignored (move it out of the store)",
                f.display()
            );
        }
    }

    fn scan(parts: &[DataFile], schema: Schema) -> PolarsResult<LazyFrame> {
        if parts.is_empty() {
            return Ok(DataFrame::empty_with_schema(&schema).lazy());
        }
        let paths: Vec<PlRefPath> = parts
            .iter()
            .map(|p| PlRefPath::new(p.path.to_string_lossy().as_ref()))
            .collect();
        // The schema is given, so files written by other writers without figtrack's newest
        // columns read them as null; the partition column lives in the log, not the files.
        let args = ScanArgsParquet {
            glob: false,
            schema: Some(Arc::new(schema)),
            allow_missing_columns: true,
            hive_options: HiveOptions {
                enabled: Some(false),
                ..Default::default()
            },
            ..Default::default()
        };
        LazyFrame::scan_parquet_files(paths.into_iter().collect(), args)
    }

    /// All stored claims as the review decisions leave them, lazily. (A claim id is stored
    /// once: a run that revises claims replaces the files holding them.)
    pub fn claims(&self) -> PolarsResult<LazyFrame> {
        self.claims_where(None)
    }

    /// All stored claims with no review decision applied (what compaction keeps, so a
    /// rejected claim can still be restored).
    pub fn claims_as_stored(&self) -> PolarsResult<LazyFrame> {
        Self::scan(&self.claim_files, claims_schema())
    }

    /// The stored claims that satisfy `pred`, the filter reaching the Parquet scan.
    pub fn claims_where(&self, pred: Option<Expr>) -> PolarsResult<LazyFrame> {
        let lf = if self.decisions.is_empty() {
            self.claims_as_stored()?
        } else {
            // A claim assigned to a metric must be found by a filter on that metric: the
            // decisions apply before the filter.
            crate::review::apply(self.claims_as_stored()?, &self.decisions)?
        };
        Ok(match pred {
            Some(p) => lf.filter(p),
            None => lf,
        })
    }

    /// All stored documents, lazily.
    pub fn documents(&self) -> PolarsResult<LazyFrame> {
        Self::scan(&self.document_files, documents_schema())
    }

    /// Calls `f` with the id and content hash of every stored document, reading one documents
    /// file at a time: a run that checks what the store holds does not hold the table's
    /// frame as well as its own keys.
    pub fn each_document(&self, mut f: impl FnMut(&str, &str)) -> anyhow::Result<()> {
        for part in &self.document_files {
            let lf = Self::scan(std::slice::from_ref(part), documents_schema())?
                .select([col("id"), col("content_hash")]);
            let df = self.collect(lf)?;
            let ids = df.column("id")?.str()?;
            let hashes = df.column("content_hash")?.str()?;
            for (id, hash) in ids.iter().zip(hashes.iter()) {
                if let (Some(id), Some(hash)) = (id, hash) {
                    f(id, hash);
                }
            }
        }
        Ok(())
    }

    /// Collects `lf` into one chunk per column (a scan gives a chunk per row group, and
    /// reading a row by index is linear in the chunks); when it fails, names the part that
    /// does not read.
    pub fn collect(&self, lf: LazyFrame) -> anyhow::Result<DataFrame> {
        let mut df = self.collect_chunks(lf)?;
        df.rechunk_mut_par();
        Ok(df)
    }

    /// [`Store::collect`] leaving each column in the chunks it was read in: for a reader that
    /// walks the rows once, which need not copy them into one chunk first.
    pub fn collect_chunks(&self, lf: LazyFrame) -> anyhow::Result<DataFrame> {
        match guarded(|| lf.collect()) {
            Ok(df) => Ok(df),
            Err(e) => {
                let parts = || self.claim_files.iter().chain(&self.document_files);
                if let Some(gone) = parts().find(|p| !p.path.exists()) {
                    bail!(
                        "{}: gone while it was read (vacuumed?) from the store in {}",
                        gone.path.display(),
                        self.root.display()
                    );
                }
                for part in parts() {
                    let read = File::open(&part.path)
                        .map_err(PolarsError::from)
                        .and_then(|f| guarded(|| ParquetReader::new(f).finish()));
                    if let Err(pe) = read {
                        bail!(
                            "{}: damaged part, it does not read: {pe}",
                            part.path.display()
                        );
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

/// A store of the format before the Delta tables (`commits/` records) is not read: it is
/// converted once by `figtrack migrate`.
fn refuse_old_format(root: &Path) -> anyhow::Result<()> {
    let old = root.join(OLD_COMMITS_DIR);
    if old.is_dir() {
        bail!(
            "{}: a store of figtrack's earlier format ({} holds its commit records); run \
             `figtrack migrate --data {}` to convert it to Delta tables (nothing is lost)",
            root.display(),
            old.display(),
            root.display()
        );
    }
    Ok(())
}

/// A table folder with data files but no log lost its log: an error naming the files, never
/// an empty store (and never a writer that would take them for leftovers).
fn refuse_lost_log(dir: &Path) -> anyhow::Result<()> {
    let parts: Vec<String> = walk_table(dir)?
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(".parquet") && !rel.contains(TMP_PREFIX))
        .map(|(_, p)| p.display().to_string())
        .collect();
    if !parts.is_empty() {
        bail!(
            "{}: no Delta log ({} is missing), but {} data file(s): {}; restore the log (the \
             files are left as they are)",
            dir.display(),
            dir.join(table::LOG_DIR).display(),
            parts.len(),
            parts.join(", ")
        );
    }
    Ok(())
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

/// Checks a part's content hash (when its name carries one, as figtrack's parts do), footer
/// and schema.
fn check_part(path: &Path, schema: &Schema) -> anyhow::Result<()> {
    let file = File::open(path)
        .map_err(|e| anyhow::anyhow!("{}: cannot read: {}", path.display(), io_reason(&e)))?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    if let Some((_, want)) = parse_part(&name) {
        let got = file_hash(path)
            .map_err(|e| anyhow::anyhow!("{}: cannot read: {}", path.display(), io_reason(&e)))?;
        if got != want {
            bail!(
                "{}: damaged part: its content changed since it was written (hash {got}, its \
                 name says {want})",
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

/// Encodes a frame as Parquet (zstd).
fn parquet_bytes(df: &mut DataFrame) -> PolarsResult<Vec<u8>> {
    let mut bytes = Vec::new();
    ParquetWriter::new(&mut bytes)
        .with_compression(ParquetCompression::Zstd(None))
        .finish(df)?;
    Ok(bytes)
}

/// Rows of a claims row group at most.
const GROUP_ROWS: usize = 1 << 14;
/// Rows a claims row group holds before it may end where the metric changes.
const GROUP_MIN_ROWS: usize = 1 << 10;

/// The row groups (offset, length) of a claims frame sorted by metric: a metric with at least
/// [`GROUP_MIN_ROWS`] rows has groups of its own, smaller ones share groups, and no group
/// exceeds [`GROUP_ROWS`]. A reader of one metric then skips the other metrics' groups by
/// their statistics instead of decoding every row of the part.
fn claim_groups(df: &DataFrame) -> PolarsResult<Vec<(usize, usize)>> {
    let metric = df.column("metric")?.str()?;
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut last: Option<Option<&str>> = None;
    for (i, m) in metric.iter().enumerate() {
        match runs.last_mut() {
            Some(run) if last == Some(m) => run.1 += 1,
            _ => runs.push((i, 1)),
        }
        last = Some(m);
    }
    let mut groups = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (start, len) in runs {
        if len >= GROUP_MIN_ROWS {
            groups.extend(open.take());
            let mut at = start;
            while at < start + len {
                let n = GROUP_ROWS.min(start + len - at);
                groups.push((at, n));
                at += n;
            }
            continue;
        }
        let g = open.get_or_insert((start, 0));
        g.1 += len;
        if g.1 >= GROUP_MIN_ROWS {
            groups.extend(open.take());
        }
    }
    groups.extend(open);
    Ok(groups)
}

/// Writes a claims frame sorted by metric as the row groups of [`claim_groups`].
fn write_claim_groups<W: Write>(w: &mut ParquetBatch<W>, df: &DataFrame) -> PolarsResult<()> {
    let mut df = df.clone();
    df.rechunk_mut_par();
    for (offset, len) in claim_groups(&df)? {
        w.write_batch(&df.slice(offset as i64, len))?;
    }
    Ok(())
}

/// Encodes a claims frame sorted by metric as Parquet (zstd) in the row groups of
/// [`claim_groups`].
fn claims_parquet_bytes(df: &DataFrame) -> PolarsResult<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut w = ParquetWriter::new(&mut bytes)
        .with_compression(ParquetCompression::Zstd(None))
        .batched(df.schema())?;
    write_claim_groups(&mut w, df)?;
    w.finish()?;
    drop(w);
    Ok(bytes)
}

/// Writes `bytes` as the file `path`, atomically; an error names the file and says why in
/// words ("the disk is full").
fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_atomic(path, |f| {
        f.write_all(bytes).map_err(|e| {
            anyhow::anyhow!(
                "{}: cannot write Parquet: {}",
                path.display(),
                io_reason(&e)
            )
        })
    })
}

/// Writes a frame as a Parquet file, atomically. An error names the file and, when writing
/// failed, says why in words ("the disk is full").
pub fn write_parquet(path: &Path, df: &mut DataFrame) -> anyhow::Result<()> {
    let bytes = parquet_bytes(df)
        .map_err(|e| anyhow::anyhow!("{}: cannot write Parquet: {e}", path.display()))?;
    write_file(path, &bytes)
}

/// Rows of a claims part a run writes at most (then it begins another of the same month).
const PART_ROWS: usize = 1 << 22;

/// The claims parts a run keeps open at most: past it, the part appended to least recently is
/// finished. Each open part holds a write buffer and its row groups' metadata, so a run over
/// years of articles in date order keeps the months it is writing open, not every month it
/// has written.
const OPEN_PARTS: usize = 6;

/// A file being written and hashed (xxh3-128) as it is, shared with the Parquet writer that
/// owns its handle.
#[derive(Clone)]
struct HashedFile(Arc<Mutex<Hashing>>);

struct Hashing {
    out: std::io::BufWriter<File>,
    hasher: xxhash_rust::xxh3::Xxh3,
    size: u64,
}

impl Write for HashedFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut h = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let n = h.out.write(buf)?;
        h.hasher.update(&buf[..n]);
        h.size += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).out.flush()
    }
}

/// A claims part a run appends batches to: a temporary file (removed by the next writer if the
/// run dies) until [`Writer::finish_part`] names it by its content hash.
struct OpenPart {
    tmp: PathBuf,
    file: HashedFile,
    writer: ParquetBatch<HashedFile>,
    records: usize,
    /// When it was last appended to, in the run's appends.
    appended: u64,
}

impl OpenPart {
    fn begin(dir: &Path, tmp: PathBuf, schema: &Schema) -> anyhow::Result<OpenPart> {
        std::fs::create_dir_all(dir).map_err(|e| {
            anyhow::anyhow!(
                "{}: cannot create the folder: {}",
                dir.display(),
                io_reason(&e)
            )
        })?;
        let f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(|e| anyhow::anyhow!("{}: cannot write: {}", tmp.display(), io_reason(&e)))?;
        let file = HashedFile(Arc::new(Mutex::new(Hashing {
            out: std::io::BufWriter::with_capacity(1 << 20, f),
            hasher: xxhash_rust::xxh3::Xxh3::new(),
            size: 0,
        })));
        let writer = ParquetWriter::new(file.clone())
            .with_compression(ParquetCompression::Zstd(None))
            .batched(schema)
            .map_err(|e| anyhow::anyhow!("{}: cannot write Parquet: {e}", tmp.display()))?;
        Ok(OpenPart {
            tmp,
            file,
            writer,
            records: 0,
            appended: 0,
        })
    }

    /// Writes the footer and syncs the file; returns its content hash and size.
    fn finish(&mut self) -> anyhow::Result<(String, u64)> {
        let fail = |e: &dyn std::fmt::Display| {
            anyhow::anyhow!("{}: cannot write Parquet: {e}", self.tmp.display())
        };
        self.writer.finish().map_err(|e| fail(&e))?;
        let mut h = self.file.0.lock().unwrap_or_else(|e| e.into_inner());
        h.out.flush().map_err(|e| fail(&io_reason(&e)))?;
        h.out.get_ref().sync_all().map_err(|e| {
            anyhow::anyhow!("{}: cannot sync: {}", self.tmp.display(), io_reason(&e))
        })?;
        Ok((format!("{:032x}", h.hasher.digest128()), h.size))
    }
}

/// A data file a run wrote (or removes), for its table's commit.
#[derive(Debug, Clone)]
struct Written {
    rel: String,
    partition: Option<String>,
    size: i64,
    records: usize,
}

fn now_millis() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// The partition values of a claims file (`None` for the unpartitioned documents).
fn partition_values(sub: &str, partition: Option<&str>) -> HashMap<String, Option<String>> {
    if sub == CLAIMS_DIR {
        HashMap::from([(PARTITION.to_string(), partition.map(str::to_string))])
    } else {
        HashMap::new()
    }
}

fn add_action(sub: &str, w: &Written, data_change: bool) -> Action {
    Action::Add(Add {
        path: w.rel.clone(),
        partition_values: partition_values(sub, w.partition.as_deref()),
        size: w.size,
        modification_time: now_millis(),
        data_change,
        stats: Some(format!("{{\"numRecords\":{}}}", w.records)),
        ..Default::default()
    })
}

fn remove_action(sub: &str, f: &DataFile, data_change: bool) -> Action {
    Action::Remove(Remove {
        path: f.rel.clone(),
        data_change,
        deletion_timestamp: Some(now_millis()),
        extended_file_metadata: Some(true),
        partition_values: Some(partition_values(sub, f.partition.as_deref())),
        size: Some(f.size),
        ..Default::default()
    })
}

/// What a run that writes ends with (see [`Writer::commit`]).
#[derive(Debug, Clone, Default)]
pub struct Commit {
    pub txn: i64,
    /// The claims table's version the commit made (`None`: nothing to commit).
    pub version: Option<i64>,
    pub n_claims: u64,
    pub n_documents: u64,
}

/// A run that writes to the store: holds the writer lock until dropped; what it wrote becomes
/// visible at [`Writer::commit`], and is removed if it is dropped without committing.
pub struct Writer {
    root: PathBuf,
    _lock: File,
    txn: i64,
    command: String,
    claims: Vec<Written>,
    documents: Vec<Written>,
    /// Live files the commit removes (revised claims, compaction), by table folder.
    removed: Vec<(&'static str, DataFile)>,
    /// The commit only rearranges rows (compaction): its actions say `dataChange: false`.
    rearranges: bool,
    n_claims: u64,
    n_documents: u64,
    revises: bool,
    committed: bool,
    /// The claims part of each month that this run's batches are appending to.
    open: BTreeMap<Option<String>, OpenPart>,
    /// Claims parts begun, for the names of their temporary files.
    begun: usize,
    /// Appends to claims parts so far.
    appends: u64,
    /// The store as it was when the lock was taken.
    pub store: Store,
}

impl Writer {
    /// Takes the writer lock on `root` (creating the store and its tables if needed, and
    /// waiting for another writer to finish), then finishes or removes what interrupted runs
    /// left behind.
    pub fn open(root: &Path, command: &str) -> anyhow::Result<Writer> {
        if let Ok(m) = std::fs::metadata(root)
            && !m.is_dir()
        {
            bail!(
                "{}: not a folder; --data must name a store folder",
                root.display()
            );
        }
        refuse_old_format(root)?;
        std::fs::create_dir_all(root).map_err(|e| {
            anyhow::anyhow!(
                "{}: cannot create the store: {}",
                root.display(),
                io_reason(&e)
            )
        })?;
        let lock = lock_writer(root)?;
        let (claims, documents) = (root.join(CLAIMS_DIR), root.join(DOCUMENTS_DIR));
        for dir in [&claims, &documents] {
            if !table::exists(dir) {
                refuse_lost_log(dir)?;
            }
        }
        let claims_table =
            Table::create(&claims, &delta_columns(&claims_schema()), Some(PARTITION))?;
        let mut documents_table =
            Table::create(&documents, &delta_columns(&documents_schema()), None)?;
        recover(root, &claims_table, &mut documents_table)?;
        let store = Store::open(root)?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_micros() as i64)
            .unwrap_or(0);
        let last = claims_table.last_txn()?.unwrap_or(0);
        Ok(Writer {
            root: root.to_path_buf(),
            _lock: lock,
            txn: now.max(last + 1),
            command: command.to_string(),
            claims: Vec::new(),
            documents: Vec::new(),
            removed: Vec::new(),
            rearranges: false,
            n_claims: 0,
            n_documents: 0,
            revises: false,
            committed: false,
            open: BTreeMap::new(),
            begun: 0,
            appends: 0,
            store,
        })
    }

    pub fn txn(&self) -> i64 {
        self.txn
    }

    /// Writes a part of table `sub` in partition `partition` (not yet visible), named after
    /// its content hash.
    fn write_part(
        &mut self,
        sub: &'static str,
        partition: Option<&str>,
        df: &mut DataFrame,
    ) -> anyhow::Result<Written> {
        let n = self.claims.len() + self.documents.len();
        let bytes = if sub == CLAIMS_DIR {
            claims_parquet_bytes(df)
        } else {
            parquet_bytes(df)
        }
        .map_err(|e| anyhow::anyhow!("{}: cannot write Parquet: {e}", self.root.display()))?;
        let hash = format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&bytes));
        let name = part_name(self.txn, n, &hash);
        let rel = if sub == CLAIMS_DIR {
            format!("{}/{name}", table::partition_dir(PARTITION, partition))
        } else {
            name
        };
        let written = Written {
            rel: rel.clone(),
            partition: partition.map(str::to_string),
            size: bytes.len() as i64,
            records: df.height(),
        };
        // Listed before the file exists, so a failed write leaves nothing the drop misses.
        if sub == CLAIMS_DIR {
            self.claims.push(written.clone());
        } else {
            self.documents.push(written.clone());
        }
        write_file(&self.root.join(sub).join(&rel), &bytes)?;
        Ok(written)
    }

    /// Writes claims (not yet visible) to the run's part of each month of as_of (the table's
    /// partition), each batch sorted by metric and date (stable): a part then holds each
    /// metric's claims of a batch together, which compresses better, lets a reader of one
    /// metric skip row groups, and makes the series' sort of all parts a merge of runs. The
    /// batches of a run append to one part per month (a new one past [`PART_ROWS`]), so a
    /// store grows by a few large files per run instead of a few per batch, and the rows keep
    /// the order of the batches.
    pub fn write_claims(&mut self, df: &mut DataFrame) -> anyhow::Result<()> {
        if df.height() == 0 {
            return Ok(());
        }
        *df = df.sort(
            ["metric", "as_of"],
            SortMultipleOptions::default().with_maintain_order(true),
        )?;
        let mut months: BTreeMap<Option<String>, Vec<IdxSize>> = BTreeMap::new();
        for (i, d) in df.column("as_of")?.date()?.as_date_iter().enumerate() {
            months
                .entry(d.map(month_of))
                .or_default()
                .push(i as IdxSize);
        }
        for (month, rows) in months {
            let part = if rows.len() == df.height() {
                df.clone()
            } else {
                df.take(&IdxCa::from_vec("".into(), rows))?
            };
            self.append_claims(month, &part)?;
        }
        self.n_claims += df.height() as u64;
        Ok(())
    }

    /// Appends claims of one month to the run's open part of that month (begun if needed).
    fn append_claims(&mut self, month: Option<String>, df: &DataFrame) -> anyhow::Result<()> {
        if !self.open.contains_key(&month) {
            if self.open.len() >= OPEN_PARTS {
                let stalest = self
                    .open
                    .iter()
                    .min_by_key(|(_, part)| part.appended)
                    .map(|(month, _)| month.clone());
                if let Some(stalest) = stalest {
                    self.finish_part(stalest)?;
                }
            }
            let dir = self
                .root
                .join(CLAIMS_DIR)
                .join(table::partition_dir(PARTITION, month.as_deref()));
            let tmp = dir.join(format!(
                "{TMP_PREFIX}{}-part-{}-{:05}.parquet",
                std::process::id(),
                self.txn,
                self.begun
            ));
            self.begun += 1;
            let part = OpenPart::begin(&dir, tmp, df.schema())?;
            self.open.insert(month.clone(), part);
        }
        let part = self.open.get_mut(&month).expect("begun above");
        write_claim_groups(&mut part.writer, df)
            .map_err(|e| anyhow::anyhow!("{}: cannot write Parquet: {e}", part.tmp.display()))?;
        part.records += df.height();
        self.appends += 1;
        part.appended = self.appends;
        if part.records >= PART_ROWS {
            self.finish_part(month)?;
        }
        Ok(())
    }

    /// Finishes the open part of `month`: its footer written, synced, and renamed into place
    /// under the name of its content hash (not yet visible: the commit lists it).
    fn finish_part(&mut self, month: Option<String>) -> anyhow::Result<()> {
        let Some(mut part) = self.open.remove(&month) else {
            return Ok(());
        };
        let tmp = part.tmp.clone();
        let result = (|| {
            let (hash, size) = part.finish()?;
            let n = self.claims.len() + self.documents.len();
            let rel = format!(
                "{}/{}",
                table::partition_dir(PARTITION, month.as_deref()),
                part_name(self.txn, n, &hash)
            );
            let path = self.root.join(CLAIMS_DIR).join(&rel);
            // Listed before the rename, so a failed one leaves nothing the drop misses.
            self.claims.push(Written {
                rel,
                partition: month.clone(),
                size: size as i64,
                records: part.records,
            });
            std::fs::rename(&tmp, &path).map_err(|e| {
                anyhow::anyhow!(
                    "{}: cannot rename into place: {}",
                    path.display(),
                    io_reason(&e)
                )
            })?;
            crate::files::sync_dir(path.parent().unwrap_or(&self.root))
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }

    /// Finishes every open claims part, in the order of their months.
    fn finish_parts(&mut self) -> anyhow::Result<()> {
        let months: Vec<Option<String>> = self.open.keys().cloned().collect();
        for month in months {
            self.finish_part(month)?;
        }
        Ok(())
    }

    /// Writes a documents part (not yet visible).
    pub fn write_documents(&mut self, df: &mut DataFrame) -> anyhow::Result<()> {
        if df.height() == 0 {
            return Ok(());
        }
        self.write_part(DOCUMENTS_DIR, None, df)?;
        self.n_documents += df.height() as u64;
        Ok(())
    }

    /// This run stores claims under ids the store already has (an import of corrected
    /// values): its commit also replaces the files that hold the old rows.
    pub fn set_revises(&mut self) {
        self.revises = true;
    }

    /// Rewrites the live claim files that hold a claim id this run stores, without those
    /// rows: the commit removes the old files and adds the new ones (copy-on-write), so no
    /// reader sees a claim id twice.
    fn replace_revised(&mut self) -> anyhow::Result<()> {
        let mine: Vec<DataFile> = self
            .claims
            .iter()
            .map(|w| DataFile {
                rel: w.rel.clone(),
                path: self.root.join(CLAIMS_DIR).join(&w.rel),
                partition: w.partition.clone(),
                size: w.size,
            })
            .collect();
        let ids = self
            .store
            .collect(Store::scan(&mine, claims_schema())?.select([col("claim_id")]))?;
        let ids: BTreeSet<&str> = ids.column("claim_id")?.str()?.iter().flatten().collect();
        if ids.is_empty() {
            return Ok(());
        }
        for f in self.store.claim_parts().to_vec() {
            let one = std::slice::from_ref(&f);
            let have = self
                .store
                .collect(Store::scan(one, claims_schema())?.select([col("claim_id")]))?;
            let keep: BooleanChunked = have
                .column("claim_id")?
                .str()?
                .iter()
                .map(|id| !id.is_some_and(|id| ids.contains(id)))
                .collect();
            if keep.all() {
                continue;
            }
            let mut rest = self
                .store
                .collect(Store::scan(one, claims_schema())?)?
                .filter(&keep)?;
            if rest.height() > 0 {
                self.write_part(CLAIMS_DIR, f.partition.as_deref(), &mut rest)?;
            }
            self.removed.push((CLAIMS_DIR, f));
        }
        Ok(())
    }

    /// Merges the live files of each claims partition (and of the documents) that has more
    /// than one into one file, sorted by metric and date: the table's optimize, done with
    /// polars (delta-rs's optimize needs its datafusion engine). One partition is in memory at
    /// a time. Returns the files before and after.
    pub fn compact(&mut self) -> anyhow::Result<(usize, usize)> {
        self.rearranges = true;
        let store = self.store.clone();
        let before = store.claim_parts().len() + store.document_parts().len();
        let mut by_month: BTreeMap<Option<String>, Vec<DataFile>> = BTreeMap::new();
        for f in store.claim_parts() {
            by_month
                .entry(f.partition.clone())
                .or_default()
                .push(f.clone());
        }
        for (month, files) in by_month {
            if files.len() < 2 {
                continue;
            }
            let mut df = store.collect(Store::scan(&files, claims_schema())?)?.sort(
                ["metric", "as_of"],
                SortMultipleOptions::default().with_maintain_order(true),
            )?;
            self.write_part(CLAIMS_DIR, month.as_deref(), &mut df)?;
            self.removed
                .extend(files.into_iter().map(|f| (CLAIMS_DIR, f)));
        }
        if store.document_parts().len() > 1 {
            let mut df = store.collect(store.documents()?)?;
            self.write_part(DOCUMENTS_DIR, None, &mut df)?;
            self.removed.extend(
                store
                    .document_parts()
                    .iter()
                    .map(|f| (DOCUMENTS_DIR, f.clone())),
            );
        }
        let after = before + self.claims.len() + self.documents.len() - self.removed.len();
        Ok((before, after))
    }

    /// Makes what this run wrote visible, atomically. Returns the commit.
    pub fn commit(self) -> anyhow::Result<Commit> {
        self.commit_then(|| Ok(()))
    }

    /// Commits, then runs `after` while still holding the writer lock: for a change outside
    /// the tables (the catalog) that must follow the data it describes and that a rerun
    /// repeats if the process dies in between.
    pub fn commit_then(
        mut self,
        after: impl FnOnce() -> anyhow::Result<()>,
    ) -> anyhow::Result<Commit> {
        let commit = self.commit_tables()?;
        after()?;
        Ok(commit)
    }

    /// Commits the claims table, then the documents table, each with a `txn` action naming
    /// this run. A run killed between the two is finished by the next writer (see
    /// [`recover`]).
    fn commit_tables(&mut self) -> anyhow::Result<Commit> {
        self.finish_parts()?;
        if self.revises {
            self.replace_revised()?;
        }
        let mut commit = Commit {
            txn: self.txn,
            version: None,
            n_claims: self.n_claims,
            n_documents: self.n_documents,
        };
        if self.claims.is_empty() && self.documents.is_empty() && self.removed.is_empty() {
            return Ok(commit);
        }
        let data_change = !self.rearranges;
        for sub in [CLAIMS_DIR, DOCUMENTS_DIR] {
            let written = if sub == CLAIMS_DIR {
                &self.claims
            } else {
                &self.documents
            };
            let mut actions: Vec<Action> = written
                .iter()
                .map(|w| add_action(sub, w, data_change))
                .collect();
            actions.extend(
                self.removed
                    .iter()
                    .filter(|(s, _)| *s == sub)
                    .map(|(_, f)| remove_action(sub, f, data_change)),
            );
            let operation = if self.rearranges {
                DeltaOperation::Optimize {
                    predicate: None,
                    target_size: 0,
                }
            } else {
                DeltaOperation::Write {
                    mode: SaveMode::Append,
                    partition_by: (sub == CLAIMS_DIR).then(|| vec![PARTITION.to_string()]),
                    predicate: None,
                }
            };
            let mut table = Table::load(&self.root.join(sub), AsKnown::Latest)?
                .with_context(|| format!("{}: the table is gone", self.root.join(sub).display()))?;
            let version = table.commit(actions, self.txn, operation, &self.command)?;
            if sub == CLAIMS_DIR {
                commit.version = Some(version);
            }
        }
        self.committed = true;
        Ok(commit)
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        for part in self.open.values() {
            let _ = std::fs::remove_file(&part.tmp);
        }
        for (sub, w) in self
            .claims
            .iter()
            .map(|w| (CLAIMS_DIR, w))
            .chain(self.documents.iter().map(|w| (DOCUMENTS_DIR, w)))
        {
            let _ = std::fs::remove_file(self.root.join(sub).join(&w.rel));
        }
    }
}

/// Finishes and cleans up after interrupted runs, under the writer lock: a run killed after
/// its claims commit and before its documents commit gets its documents committed now (its
/// files are complete: they were written before either commit); then figtrack's own parts
/// that no commit can list any more (a transaction after the table's last figtrack commit,
/// since the runs are serial under the lock) and temporary files are removed. Any other file
/// is left: a part of an earlier version stays for time travel until a vacuum.
fn recover(root: &Path, claims: &Table, documents: &mut Table) -> anyhow::Result<()> {
    let last_claims = claims.last_txn()?;
    let last_documents = documents.last_txn()?;
    let docs_dir = root.join(DOCUMENTS_DIR);
    if let Some(t) = last_claims
        && last_documents.is_none_or(|d| d < t)
    {
        let live: BTreeSet<String> = documents.files()?.into_iter().map(|f| f.rel).collect();
        let mut actions = Vec::new();
        for (rel, path) in walk_table(&docs_dir)? {
            if parse_part(&rel).is_some_and(|(txn, _)| txn == t) && !live.contains(&rel) {
                let size = std::fs::metadata(&path)
                    .map_err(|e| {
                        anyhow::anyhow!("{}: cannot read: {}", path.display(), io_reason(&e))
                    })?
                    .len() as i64;
                let records = File::open(&path)
                    .map_err(PolarsError::from)
                    .and_then(|f| guarded(|| ParquetReader::new(f).num_rows()))
                    .map_err(|e| anyhow::anyhow!("{}: damaged part: {e}", path.display()))?;
                let w = Written {
                    rel,
                    partition: None,
                    size,
                    records,
                };
                actions.push(add_action(DOCUMENTS_DIR, &w, true));
            }
        }
        let operation = DeltaOperation::Write {
            mode: SaveMode::Append,
            partition_by: None,
            predicate: None,
        };
        documents.commit(actions, t, operation, "recover")?;
        eprintln!(
            "figtrack: note: committed the documents of an interrupted run in {}",
            root.display()
        );
    }
    let mut removed = 0;
    for (sub, table) in [(CLAIMS_DIR, claims), (DOCUMENTS_DIR, &*documents)] {
        let last = table.last_txn()?;
        let dir = root.join(sub);
        for (rel, path) in walk_table(&dir)? {
            let name = rel.rsplit('/').next().unwrap_or(&rel);
            let leftover = name.starts_with(TMP_PREFIX)
                || parse_part(name).is_some_and(|(txn, _)| last.is_none_or(|l| txn > l));
            if leftover {
                std::fs::remove_file(&path).with_context(|| {
                    format!("{}: cannot remove a leftover file", path.display())
                })?;
                removed += usize::from(!name.starts_with(TMP_PREFIX));
            }
        }
    }
    if removed > 0 {
        eprintln!("figtrack: note: removed {removed} file(s) left by interrupted runs");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_names() {
        let h = "0123456789abcdef0123456789abcdef";
        let name = part_name(1_730_000_000_000_000, 3, h);
        assert_eq!(name, format!("part-1730000000000000-00003-{h}.parquet"));
        assert_eq!(parse_part(&name), Some((1_730_000_000_000_000, h)));
        let table: &[&str] = &[
            "part-1-2.parquet",
            "claims.parquet",
            // Another writer's name (Spark through the deltalake package).
            "part-00001-7f5e0e6b-0c5b-4a57-9a4f-1f2a3b4c5d6e-c000.zstd.parquet",
            "part-1730000000000000-00003-0123.parquet",
            "part-1730000000000000-00003-0123456789abcdef0123456789abcdeg.parquet",
            "part-1730000000000000-00003-0123456789abcdef0123456789abcdef-x.parquet",
        ];
        for name in table {
            assert_eq!(parse_part(name), None, "{name}");
        }
    }

    #[test]
    fn months() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(month_of(d(2024, 9, 30)), "2024-09");
        assert_eq!(month_of(d(2025, 12, 1)), "2025-12");
        assert_eq!(month_of(d(999, 1, 1)), "0999-01");
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

    /// A run over more months than it keeps parts open for finishes the stalest part and
    /// begins another when its month comes back: every claim is stored, each once.
    #[test]
    fn a_run_over_many_months_finishes_the_parts_it_left() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = Writer::open(dir.path(), "test").unwrap();
        let months: Vec<u32> = (1..=OPEN_PARTS as u32 + 2).chain([1]).collect();
        for (i, &month) in months.iter().enumerate() {
            let day = NaiveDate::from_ymd_opt(2024, month, 10);
            let rows: Vec<StoredClaim> = (0..3)
                .map(|k| StoredClaim {
                    claim: Claim {
                        claim_id: format!("{i}-{k}"),
                        as_of: day,
                        published: day,
                        value: k as f64,
                        ..Claim::default()
                    },
                    source: None,
                })
                .collect();
            w.write_claims(&mut claims_frame(&rows).unwrap()).unwrap();
            assert!(w.open.len() <= OPEN_PARTS);
        }
        w.commit().unwrap();
        let store = Store::open(dir.path()).unwrap();
        // January's first part was finished when the seventh month began; it came back.
        assert_eq!(store.claim_parts().len(), months.len());
        let stored = store.collect(store.claims().unwrap()).unwrap();
        assert_eq!(stored.height(), 3 * months.len());
    }

    #[test]
    fn dates_round_trip() {
        let d = NaiveDate::from_ymd_opt(2024, 10, 28).unwrap();
        assert_eq!(days_to_date(date_to_days(d)), d);
        assert_eq!(date_to_days(EPOCH), 0);
    }
}
