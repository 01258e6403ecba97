//! `figtrack ingest PATH... [--input text|jsonl] [--format table|json|jsonl|csv] [--quiet]
//!                  [--threads N] [--keep-going] [--published DATE] [--source S] [--title T]`
//!
//! Extracts the claims of the articles (files, folders, `-` for stdin), gives each its metric
//! (metrics.toml, else a key derived from its concept), stores them in the data folder and prints
//! each new claim against the history of its metric (the diff; see `figtrack diff`).
//!
//! Idempotent: a document whose text is already in the store is not ingested again. Large
//! inputs stream through in batches (one store part each) with parallel extraction; nothing of
//! a run is visible until all of it is stored. An input that cannot be read, or has a date that
//! does not parse, stops the run with the store unchanged; `--keep-going` reports such inputs
//! and stores the rest (exit status 2). The report on standard output never stops the storing:
//! if its reader goes away (`| head`) the run still stores everything and exits 0; if it
//! cannot be written (a full disk) everything is stored and the run exits 1 saying so.

use crate::detect::History;
use crate::export::{self, Format, RowWriter};
use crate::input::{self, InputFormat, Problem};
use crate::metrics::Catalog;
use crate::model::Document;
use crate::status::Status;
use crate::store::{self, DocRecord, Store, StoredClaim, Writer};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::rc::Rc;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, folders (read recursively) or `-` for standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// How to read standard input.
    #[arg(long, value_enum, default_value_t = InputFormat::Text)]
    pub input: InputFormat,
    #[command(flatten)]
    pub stdin: super::StdinMeta,
    /// Format of the diff [default: table on a terminal, else jsonl].
    #[arg(long, short)]
    pub format: Option<Format>,
    /// Worker threads, 1 to 1024 [default: all cores].
    #[arg(long, short = 'j', value_parser = super::threads)]
    pub threads: Option<usize>,
    /// Report unreadable inputs and store the rest (exit status 2) instead of stopping.
    #[arg(long)]
    pub keep_going: bool,
    /// Bytes of text per batch (one store part each).
    #[arg(long, default_value_t = BATCH_BYTES, hide = true)]
    pub batch_bytes: usize,
}

/// Documents are extracted in batches of about this many bytes of text; each batch is one part.
pub const BATCH_BYTES: usize = 16 << 20;

/// Counts of a run.
#[derive(Debug, Default)]
pub struct Totals {
    pub documents: usize,
    pub claims: usize,
    pub already: usize,
    pub skipped: usize,
    /// Claims compared with the history (rows of the diff).
    pub compared: usize,
    /// Of those, the ones up, down, a revision, a conflict or an anomaly.
    pub changed: usize,
}

/// Reads documents, extracts and classifies their claims, and (for ingest) stores them.
pub struct Pipeline<'a> {
    catalog: Catalog,
    hashes: HashSet<String>,
    ids: HashMap<String, String>,
    history: History,
    writer: Option<Writer>,
    out: Option<Box<dyn RowWriter + 'a>>,
    lists_as_text: bool,
    for_people: bool,
    pool: rayon::ThreadPool,
    batch: Vec<Document>,
    batch_bytes: usize,
    batch_limit: usize,
    keep_going: bool,
    failed: Option<String>,
    progress: ProgressBar,
    pub totals: Totals,
}

impl<'a> Pipeline<'a> {
    /// A pipeline over `store` (read under the writer's lock when `writer` is given).
    pub fn new(
        store: &Store,
        writer: Option<Writer>,
        out: Option<Box<dyn RowWriter + 'a>>,
        format: Format,
        threads: Option<usize>,
        keep_going: bool,
        progress: ProgressBar,
    ) -> anyhow::Result<Pipeline<'a>> {
        let docs = store.collect(store.documents()?.select([
            polars::prelude::col("id"),
            polars::prelude::col("content_hash"),
        ]))?;
        let mut hashes = HashSet::with_capacity(docs.height());
        let mut ids = HashMap::with_capacity(docs.height());
        let id = docs.column("id")?.str()?;
        let hash = docs.column("content_hash")?.str()?;
        for (i, h) in id.iter().zip(hash.iter()) {
            if let (Some(i), Some(h)) = (i, h) {
                hashes.insert(h.to_string());
                ids.insert(i.to_string(), h.to_string());
            }
        }
        let history = if out.is_some() {
            History::load(store, &[])?
        } else {
            History::new(Vec::new())
        };
        let mut builder = rayon::ThreadPoolBuilder::new();
        if let Some(n) = threads {
            builder = builder.num_threads(n);
        }
        Ok(Pipeline {
            catalog: store.catalog.clone(),
            hashes,
            ids,
            history,
            writer,
            out,
            lists_as_text: matches!(format, Format::Table | Format::Csv),
            for_people: format == Format::Table,
            pool: builder.build()?,
            batch: Vec::new(),
            batch_bytes: 0,
            batch_limit: BATCH_BYTES,
            keep_going,
            failed: None,
            progress,
            totals: Totals::default(),
        })
    }

    /// Bytes of text per batch.
    pub fn batch_bytes(mut self, n: usize) -> Self {
        self.batch_limit = n.max(1);
        self
    }

    /// A document id that is unique in the store for this content.
    fn unique_id(&mut self, id: &str, hash: &str) -> String {
        let ids = &self.ids;
        let candidate = store::unique_doc_id(id, hash, |c| ids.get(c).is_some_and(|h| h != hash));
        self.ids.insert(candidate.clone(), hash.to_string());
        candidate
    }

    fn flush(&mut self) -> anyhow::Result<()> {
        let docs = std::mem::take(&mut self.batch);
        self.batch_bytes = 0;
        let mut fresh = Vec::with_capacity(docs.len());
        let mut records = Vec::with_capacity(docs.len());
        for mut doc in docs {
            let hash = store::content_hash(doc.text.as_bytes());
            if !self.hashes.insert(hash.clone()) {
                self.totals.already += 1;
                continue;
            }
            let id = self.unique_id(&doc.id, &hash);
            if id != doc.id {
                say!(
                    "figtrack: note: another document with id {:?} is in the store; this one is stored as {:?}",
                    doc.id,
                    id
                );
                doc.id = id;
            }
            records.push(DocRecord {
                id: doc.id.clone(),
                content_hash: hash,
                published: doc.published,
                source: doc.source.clone(),
                url: doc.url.clone(),
                title: doc.title.clone(),
                claims: 0,
            });
            fresh.push(doc);
        }
        if fresh.is_empty() {
            return Ok(());
        }
        let catalog = &self.catalog;
        let extracted: Vec<Vec<StoredClaim>> = self.pool.install(|| {
            fresh
                .par_iter()
                .map(|d| {
                    crate::extract(d)
                        .into_iter()
                        .flat_map(|mut c| {
                            let assigned = catalog.assign_in(&c, d);
                            c.metric = Some(assigned.metric);
                            c.metric_match = assigned.matched;
                            // A dated previous value is an observation of its own.
                            let previous = c.previous_observation();
                            [Some(c), previous].into_iter().flatten()
                        })
                        .map(|c| StoredClaim {
                            claim: c,
                            source: d.source.clone(),
                        })
                        .collect()
                })
                .collect()
        });
        // Every claim joins the history in the order it is stored, then each is compared with
        // the reports before it (by date, publication, arrival: `crate::status`), as `series`
        // and `chart` replay them.
        let arrivals: Vec<Vec<u64>> = match self.out {
            Some(_) => extracted
                .iter()
                .map(|cs| cs.iter().map(|c| self.history.add(c)).collect())
                .collect(),
            None => Vec::new(),
        };
        let mut order: Vec<usize> = (0..fresh.len()).collect();
        order.sort_by_key(|&i| (fresh[i].published.is_none(), fresh[i].published));
        for &i in &order {
            records[i].claims = extracted[i].len() as u32;
            if !extracted[i].is_empty() && extracted[i].iter().all(|c| c.claim.as_of.is_none()) {
                say!(
                    "figtrack: warning: document {:?} has no date; its {} claim(s) are kept out of series",
                    fresh[i].id,
                    extracted[i].len()
                );
            }
            if let Some(out) = self.out.as_mut() {
                for (c, &arrival) in extracted[i].iter().zip(&arrivals[i]) {
                    let diff = self.history.classify(c, arrival);
                    self.totals.compared += 1;
                    self.totals.changed += usize::from(changes(diff.status));
                    let mut row = export::to_row(&diff)?;
                    if self.lists_as_text {
                        lists_as_text(&mut row);
                    }
                    if self.for_people {
                        export::parquet::round_numbers(&mut row);
                    }
                    out.row(&row)?;
                }
            }
        }
        let claims: Vec<StoredClaim> = extracted.into_iter().flatten().collect();
        self.totals.documents += records.len();
        self.totals.claims += claims.len();
        if let Some(w) = self.writer.as_mut() {
            w.write_claims(&mut store::claims_frame(&claims)?)?;
            w.write_documents(&mut store::documents_frame(&records)?)?;
        }
        Ok(())
    }

    /// Reads `paths` (with `meta` for text on stdin) through the pipeline and flushes the last
    /// batch.
    pub fn run(
        &mut self,
        paths: &[PathBuf],
        input: InputFormat,
        meta: &super::StdinMeta,
    ) -> anyhow::Result<()> {
        super::read_inputs(paths, input, meta, self)?;
        if let Some(f) = self.failed.take() {
            anyhow::bail!("{f}");
        }
        self.flush()?;
        self.progress.finish_and_clear();
        Ok(())
    }

    /// Commits what was stored, then closes the output (a table is printed only now).
    pub fn finish(self) -> anyhow::Result<(Totals, Option<store::Commit>)> {
        let commit = match self.writer {
            Some(w) => Some(w.commit()?),
            None => None,
        };
        if let Some(out) = self.out {
            out.finish()?;
        }
        Ok((self.totals, commit))
    }
}

/// Whether a status is news to the store: up, down, a revision, a conflict or an anomaly
/// (what makes `diff` exit 1).
pub fn changes(status: Option<Status>) -> bool {
    matches!(
        status,
        Some(Status::Up | Status::Down | Status::Revision | Status::Conflict | Status::Anomaly)
    )
}

/// Turns list cells into one text ("a; b") for tables and CSV.
pub fn lists_as_text(row: &mut serde_json::Value) {
    if let Some(obj) = row.as_object_mut() {
        for v in obj.values_mut() {
            if let serde_json::Value::Array(items) = v {
                let text = items
                    .iter()
                    .map(export::cell_text)
                    .collect::<Vec<_>>()
                    .join("; ");
                *v = serde_json::Value::String(text);
            }
        }
    }
}

impl input::Sink for Pipeline<'_> {
    fn document(&mut self, doc: Document) -> anyhow::Result<()> {
        if let Some(f) = self.failed.take() {
            anyhow::bail!("{f}");
        }
        self.progress.inc(doc.text.len() as u64);
        self.batch_bytes += doc.text.len();
        self.batch.push(doc);
        if self.batch_bytes >= self.batch_limit {
            self.flush()?;
        }
        Ok(())
    }

    fn note(&mut self, path: &str, message: &str) {
        self.progress
            .suspend(|| say!("figtrack: note: {path}: {message}"));
    }

    fn problem(&mut self, problem: Problem) {
        if self.keep_going {
            let level = if problem.skipped { "error" } else { "warning" };
            self.progress
                .suspend(|| say!("figtrack: {level}: {problem}"));
            self.totals.skipped += usize::from(problem.skipped);
        } else if self.failed.is_none() {
            self.failed = Some(if self.writer.is_some() {
                format!(
                    "{problem}\nnothing was stored; fix the input or pass --keep-going to store the rest"
                )
            } else {
                format!("{problem}\nfix the input or pass --keep-going to compare the rest")
            });
        }
    }
}

/// A progress bar on stderr when it is a terminal and `-q` was not given, else a hidden one.
pub fn progress(paths: &[PathBuf], quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let total = input::total_size(paths);
    if total == 0 {
        return ProgressBar::new_spinner();
    }
    let style = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({eta})",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    ProgressBar::new(total).with_style(style)
}

pub fn run(data: &Path, args: Args, quiet: bool) -> anyhow::Result<ExitCode> {
    let existed = data.exists();
    let writer = Writer::open(data, "ingest")?;
    if !existed {
        say!("figtrack: note: created a new store in {}", data.display());
    }
    writer.store.warn_foreign();
    let store = writer.store.clone();
    let format = args.format.unwrap_or_else(Format::default_for_stdout);
    let report = Report {
        out: std::io::stdout().lock(),
        failed: Rc::default(),
    };
    let failed = Rc::clone(&report.failed);
    let out: Option<Box<dyn RowWriter>> = (!quiet).then(|| {
        let w: Box<dyn Write> = Box::new(std::io::BufWriter::with_capacity(1 << 16, report));
        export::writer(format, w, crate::detect::TABLE_COLUMNS)
    });
    let mut pipeline = Pipeline::new(
        &store,
        Some(writer),
        out,
        format,
        args.threads,
        args.keep_going,
        progress(&args.paths, quiet),
    )?
    .batch_bytes(args.batch_bytes);
    pipeline.run(&args.paths, args.input, &args.stdin)?;
    let (totals, _) = pipeline.finish()?;
    if totals.documents == 0 {
        say!(
            "figtrack: nothing new: {} document(s) already in the store {}",
            totals.already,
            data.display()
        );
    } else {
        say!(
            "figtrack: stored {} document(s), {} claim(s) in {}{}",
            totals.documents,
            totals.claims,
            data.display(),
            if totals.already > 0 {
                format!("; {} document(s) were already there", totals.already)
            } else {
                String::new()
            }
        );
    }
    match failed.take() {
        Some(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            say!("figtrack: note: the reader of the report stopped early; all was stored");
        }
        Some(e) => anyhow::bail!(
            "cannot write the report to standard output ({e}); all was stored in {}",
            data.display()
        ),
        None => {}
    }
    if totals.skipped > 0 {
        say!("figtrack: {} input(s) skipped", totals.skipped);
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}

/// Standard output for the report of `ingest`. Storing does not depend on its reader: the
/// first write that fails (the reader went away, as `| head` does, or the disk is full) is
/// kept and the rest of the report dropped, the run stores and commits everything, then says
/// what happened to the report. (`main` leaves SIGPIPE ignored for `ingest`, so a reader
/// that goes away is a write error, not the end of the process.)
struct Report<W> {
    out: W,
    failed: Rc<RefCell<Option<std::io::Error>>>,
}

impl<W: Write> Report<W> {
    /// Does `write` unless a write failed before, keeping its error.
    fn try_to(&mut self, write: impl FnOnce(&mut W) -> std::io::Result<()>) {
        let failed_before = self.failed.borrow().is_some();
        if !failed_before && let Err(e) = write(&mut self.out) {
            *self.failed.borrow_mut() = Some(e);
        }
    }
}

impl<W: Write> Write for Report<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.try_to(|out| out.write_all(buf));
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.try_to(Write::flush);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `-q` hides the progress bar whatever stderr is; the statuses that make `diff` exit 1.
    #[test]
    fn quiet_hides_progress_and_changes_are_the_news() {
        let paths = [PathBuf::from("-")];
        assert!(progress(&paths, true).is_hidden());
        for (status, news) in [
            (None, false),
            (Some(Status::New), false),
            (Some(Status::Same), false),
            (Some(Status::Up), true),
            (Some(Status::Down), true),
            (Some(Status::Revision), true),
            (Some(Status::Conflict), true),
            (Some(Status::Anomaly), true),
        ] {
            assert_eq!(changes(status), news, "{status:?}");
        }
    }
}
