//! The Delta Lake log of one table of the store, through delta-rs (`deltalake-core`, without
//! its datafusion engine): create the table, load the snapshot (latest, at a version or at a
//! time), list its live files, and commit add/remove actions that figtrack builds itself. Each
//! call runs on a current-thread tokio runtime made for it, so no async leaves this module.

use anyhow::{Context, anyhow};
use chrono::{DateTime, Utc};
use deltalake_core::kernel::transaction::{CommitBuilder, CommitProperties, TableReference};
use deltalake_core::kernel::{Action, DataType, StructField, Transaction};
use deltalake_core::protocol::{DeltaOperation, SaveMode};
use deltalake_core::{DeltaTable, DeltaTableBuilder, TableProperty};
use std::future::IntoFuture;
use std::path::{Path, PathBuf};

/// The application id of figtrack's `txn` actions: their version is the run's transaction
/// number, so a table tells which of figtrack's runs it holds.
pub const APP_ID: &str = "figtrack";

/// The folder of a table's log.
pub const LOG_DIR: &str = "_delta_log";

/// The folder name Delta gives a null partition value.
pub const NULL_PARTITION: &str = "__HIVE_DEFAULT_PARTITION__";

/// Which state of the store to read: the latest, a table version, or the latest version
/// committed at or before a time (`--as-known`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum AsKnown {
    #[default]
    Latest,
    Version(i64),
    Time(DateTime<Utc>),
}

impl AsKnown {
    /// Reads `--as-known WHEN`: a table version (digits), a date (the store as it was at the
    /// end of that day, UTC: what was known on that day) or an RFC 3339 time.
    pub fn parse(s: &str) -> Result<AsKnown, String> {
        let s = s.trim();
        if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
            return s
                .parse()
                .map(AsKnown::Version)
                .map_err(|_| format!("{s:?}: not a table version"));
        }
        if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            let next = d.succ_opt().and_then(|n| n.and_hms_opt(0, 0, 0));
            return next
                .map(|n| AsKnown::Time(n.and_utc() - chrono::Duration::milliseconds(1)))
                .ok_or_else(|| format!("{s:?}: no day after it"));
        }
        DateTime::parse_from_rfc3339(s)
            .map(|t| AsKnown::Time(t.with_timezone(&Utc)))
            .map_err(|_| {
                format!(
                    "{s:?}: expected a date (2024-11-01), an RFC 3339 time \
                     (2024-11-01T12:00:00Z) or a table version (3)"
                )
            })
    }
}

/// A live data file of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct DataFile {
    /// Its path in the table folder, as the log names it.
    pub rel: String,
    pub path: PathBuf,
    /// The value of the table's partition column (`None`: unpartitioned, or a null value).
    pub partition: Option<String>,
    pub size: i64,
}

fn run<F: IntoFuture>(f: F) -> anyhow::Result<F::Output> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the Delta log's runtime")?;
    Ok(rt.block_on(f.into_future()))
}

fn url_of(dir: &Path) -> anyhow::Result<url::Url> {
    let abs = std::path::absolute(dir).with_context(|| format!("{}: bad path", dir.display()))?;
    url::Url::from_directory_path(&abs).map_err(|()| anyhow!("{}: not a local path", dir.display()))
}

/// Whether `dir` holds a Delta table (a log with at least one version).
pub fn exists(dir: &Path) -> bool {
    std::fs::read_dir(dir.join(LOG_DIR)).is_ok_and(|mut rd| {
        rd.any(|e| {
            e.is_ok_and(|e| {
                let n = e.file_name();
                let n = n.to_string_lossy();
                n.ends_with(".json") && n.len() == 25
            })
        })
    })
}

/// The first log entry of the table in `dir` that is not JSON, by file and line: what a
/// failed load names, since delta-rs's message does not.
fn damaged_entry(dir: &Path) -> Option<(PathBuf, usize)> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir.join(LOG_DIR))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    entries.sort();
    entries.into_iter().find_map(|path| {
        let text = std::fs::read_to_string(&path).ok()?;
        let bad = text
            .lines()
            .position(|l| serde_json::from_str::<serde_json::Value>(l).is_err())?;
        Some((path, bad + 1))
    })
}

/// The partition value a data file's path carries (`col=value/...`), if any.
pub fn partition_of(rel: &str) -> Option<String> {
    let (first, _) = rel.split_once('/')?;
    let (_, value) = first.split_once('=')?;
    (value != NULL_PARTITION).then(|| value.to_string())
}

/// The folder, relative to the table, of a partition value of `column`.
pub fn partition_dir(column: &str, value: Option<&str>) -> String {
    format!("{column}={}", value.unwrap_or(NULL_PARTITION))
}

/// A loaded table: its state at one version.
pub struct Table {
    dir: PathBuf,
    table: DeltaTable,
}

impl std::fmt::Debug for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Table({}, v{:?})",
            self.dir.display(),
            self.table.version()
        )
    }
}

impl Table {
    /// Loads the table in `dir` as `at` says; `None` when there is no table (or none yet at
    /// that time).
    pub fn load(dir: &Path, at: AsKnown) -> anyhow::Result<Option<Table>> {
        if !exists(dir) {
            return Ok(None);
        }
        let fail = |e: deltalake_core::DeltaTableError| match damaged_entry(dir) {
            Some((path, line)) => anyhow!(
                "{}: line {line}: damaged log entry, not JSON; the table cannot be read ({e})",
                path.display()
            ),
            None => anyhow!(
                "{}: cannot read the table's log: {e}",
                dir.join(LOG_DIR).display()
            ),
        };
        let builder = DeltaTableBuilder::from_url(url_of(dir)?).map_err(fail)?;
        let builder = match at {
            AsKnown::Latest => builder,
            AsKnown::Version(v) => builder.with_version(v),
            AsKnown::Time(t) => builder.with_timestamp(t),
        };
        let table = match run(builder.load())? {
            Ok(t) => t,
            // A version the table does not have yet: nothing was known then.
            Err(deltalake_core::DeltaTableError::InvalidVersion(_)) => return Ok(None),
            Err(e) => return Err(fail(e)),
        };
        let loaded = Table {
            dir: dir.to_path_buf(),
            table,
        };
        if let AsKnown::Time(t) = at
            && loaded.version_time(loaded.version())? > t
        {
            // Time travel falls back to the first version when the time is before it.
            return Ok(None);
        }
        Ok(Some(loaded))
    }

    /// Creates the table in `dir` with `columns` (name, type) partitioned by `partition`
    /// (a string column not stored in the data files), or loads it when it exists.
    pub fn create(
        dir: &Path,
        columns: &[(String, DataType)],
        partition: Option<&str>,
    ) -> anyhow::Result<Table> {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create the table", dir.display()))?;
        let mut fields: Vec<StructField> = columns
            .iter()
            .map(|(n, t)| StructField::nullable(n.clone(), t.clone()))
            .collect();
        let mut builder = deltalake_core::operations::create::CreateBuilder::new()
            .with_location(url_of(dir)?.to_string())
            .with_save_mode(SaveMode::Ignore)
            // The history is what `--as-known` reads: the log is never trimmed.
            .with_configuration_property(TableProperty::EnableExpiredLogCleanup, Some("false"));
        if let Some(p) = partition {
            fields.push(StructField::nullable(p, DataType::STRING));
            builder = builder.with_partition_columns([p]);
        }
        let table = run(builder.with_columns(fields))?.map_err(|e| {
            anyhow!(
                "{}: cannot create the table's log: {e}",
                dir.join(LOG_DIR).display()
            )
        })?;
        Ok(Table {
            dir: dir.to_path_buf(),
            table,
        })
    }

    pub fn version(&self) -> i64 {
        self.table.version().unwrap_or(0)
    }

    /// When `version` was committed (the modification time of its log file, as Delta's time
    /// travel reads it).
    fn version_time(&self, version: i64) -> anyhow::Result<DateTime<Utc>> {
        let path = self.dir.join(LOG_DIR).join(format!("{version:020}.json"));
        let modified = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .with_context(|| format!("{}: cannot read", path.display()))?;
        Ok(DateTime::<Utc>::from(modified))
    }

    /// The live data files, in the log's order.
    pub fn files(&self) -> anyhow::Result<Vec<DataFile>> {
        let state = self.table.snapshot().map_err(|e| {
            anyhow!(
                "{}: cannot read the table's log: {e}",
                self.dir.join(LOG_DIR).display()
            )
        })?;
        let mut files: Vec<DataFile> = state
            .log_data()
            .iter()
            .map(|f| {
                let rel = f.path().into_owned();
                DataFile {
                    path: self.dir.join(&rel),
                    partition: partition_of(&rel),
                    size: f.size(),
                    rel,
                }
            })
            .collect();
        files.sort_by(|a, b| a.rel.cmp(&b.rel));
        Ok(files)
    }

    /// The transaction number of the last figtrack run this table holds.
    pub fn last_txn(&self) -> anyhow::Result<Option<i64>> {
        let state = self.table.snapshot()?;
        let log_store = self.table.log_store();
        run(state.transaction_version(log_store.as_ref(), APP_ID))?
            .map_err(|e| anyhow!("{}: cannot read the table's log: {e}", self.dir.display()))
    }

    /// Commits `actions` as figtrack's run `txn` (by `command`): the next version is created
    /// only if absent (Delta's atomic commit), retried over versions other writers commit
    /// meanwhile. Returns the new version.
    pub fn commit(
        &mut self,
        actions: Vec<Action>,
        txn: i64,
        operation: DeltaOperation,
        command: &str,
    ) -> anyhow::Result<i64> {
        let props = CommitProperties::default()
            .with_cleanup_expired_logs(Some(false))
            .with_application_transaction(Transaction::new(APP_ID, txn))
            .with_metadata([(
                "figtrack.command".to_string(),
                serde_json::Value::from(command),
            )]);
        let state = self.table.snapshot()?.clone();
        let log_store = self.table.log_store();
        let done = run(CommitBuilder::from(props).with_actions(actions).build(
            Some(&state as &dyn TableReference),
            log_store,
            operation,
        ))?
        .map_err(|e| anyhow!("{}: cannot commit: {e}", self.dir.join(LOG_DIR).display()))?;
        let version = done.version();
        run(self.table.load())?.map_err(|e| {
            anyhow!(
                "{}: cannot read the table's log: {e}",
                self.dir.join(LOG_DIR).display()
            )
        })?;
        Ok(version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_known_parses_versions_dates_and_times() {
        let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        let table: &[(&str, AsKnown)] = &[
            ("0", AsKnown::Version(0)),
            ("12", AsKnown::Version(12)),
            (" 3 ", AsKnown::Version(3)),
            ("2024-11-01", AsKnown::Time(t("2024-11-01T23:59:59.999Z"))),
            ("2024-02-29", AsKnown::Time(t("2024-02-29T23:59:59.999Z"))),
            (
                "2024-11-01T12:00:00Z",
                AsKnown::Time(t("2024-11-01T12:00:00Z")),
            ),
            (
                "2024-11-01T12:00:00+02:00",
                AsKnown::Time(t("2024-11-01T10:00:00Z")),
            ),
        ];
        for (s, want) in table {
            assert_eq!(AsKnown::parse(s).as_ref(), Ok(want), "{s}");
        }
        for bad in [
            "",
            "yesterday",
            "2024-13-01",
            "-1",
            "1.5",
            "2024-11-01 12:00",
            "99999999999999999999",
        ] {
            assert!(AsKnown::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn partitions_from_paths() {
        let table: &[(&str, Option<&str>)] = &[
            ("as_of_month=2024-09/part-1.parquet", Some("2024-09")),
            (
                "as_of_month=__HIVE_DEFAULT_PARTITION__/part-1.parquet",
                None,
            ),
            ("part-1.parquet", None),
            ("x/part-1.parquet", None),
        ];
        for (rel, want) in table {
            assert_eq!(partition_of(rel).as_deref(), *want, "{rel}");
        }
        assert_eq!(
            partition_dir("as_of_month", Some("2024-09")),
            "as_of_month=2024-09"
        );
        assert_eq!(
            partition_dir("as_of_month", None),
            "as_of_month=__HIVE_DEFAULT_PARTITION__"
        );
    }
}
