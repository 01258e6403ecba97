//! Filing articles in the store: the pipeline behind `figtrack ingest` and `figtrack diff`, for
//! any program that files documents.
//!
//! Documents come from any reader of [`crate::input`] (files, folders, records), in batches of
//! about [`Options::batch_bytes`] of text. Each batch is extracted on a thread pool, each claim
//! filed in its metric ([`file_in_metrics`]), a document whose text the store already holds is
//! left out, and, when storing, the batch is appended to the run's part of each month (see
//! [`Writer::write_claims`]) on a thread of its own while the next batch is read and extracted;
//! it is visible at the run's commit.
//! With [`Options::compare`], each new claim is judged against the reports before it (by date,
//! publication, arrival: [`crate::status`]) and handed to [`Events::diff`]. Progress and
//! messages go to [`Events`]: the library prints nothing itself.

use crate::detect::{Diff, History};
use crate::input::{Problem, Sink};
use crate::metrics::Catalog;
use crate::model::{Claim, Document, Kind, Role};
use crate::status::Status;
use crate::store::{self, DocRecord, Store, StoredClaim, Writer};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;
use std::sync::mpsc::{SyncSender, sync_channel};
use std::thread::JoinHandle;

/// Documents are extracted in batches of about this many bytes of text.
pub const BATCH_BYTES: usize = 16 << 20;

/// How a run reads, extracts and compares.
#[derive(Debug, Clone)]
pub struct Options {
    /// Worker threads for extraction (all cores when `None`).
    pub threads: Option<usize>,
    /// An input that cannot be read, or has a date that does not parse, is reported as a
    /// message and the rest go on; without it such an input stops the run, storing nothing.
    pub keep_going: bool,
    /// Each new claim is compared with the history and given to [`Events::diff`] (which loads
    /// the history of every metric first). [`compare`] always compares.
    pub compare: bool,
    /// Bytes of text per batch.
    pub batch_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            threads: None,
            keep_going: false,
            compare: false,
            batch_bytes: BATCH_BYTES,
        }
    }
}

/// How much a message matters to the person running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Note,
    Warning,
    /// An input was skipped (with [`Options::keep_going`]).
    Error,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Error => "error",
        })
    }
}

/// What a run tells whoever started it: the command line draws a progress bar and prints
/// messages and the diff; a program may keep them or ignore them.
pub trait Events {
    /// `bytes` more bytes of text were read.
    fn read(&mut self, _bytes: usize) {}
    /// A note, a warning or a skipped input, in words for a person.
    fn message(&mut self, level: Level, text: &str);
    /// A new claim compared with the history (with [`Options::compare`] only), in the order of
    /// the documents' publication within each batch.
    fn diff(&mut self, _diff: &Diff) -> anyhow::Result<()> {
        Ok(())
    }
}

/// Counts of a run.
#[derive(Debug, Default)]
pub struct Totals {
    /// Documents new to the store.
    pub documents: usize,
    pub claims: usize,
    /// Documents whose text the store already held (left out).
    pub already: usize,
    /// Inputs skipped (with [`Options::keep_going`]).
    pub skipped: usize,
    /// Claims compared with the history (diffs given to [`Events::diff`]).
    pub compared: usize,
    /// Of those, the ones up, down, a revision, a conflict or an anomaly.
    pub changed: usize,
}

/// Files the documents `read` gives in the store at `data` (created if needed) and commits
/// them; the documents already there are left out (a run is idempotent). Nothing of the run is
/// visible before its commit: an error leaves the store as it was.
pub fn store(
    data: &Path,
    options: &Options,
    events: &mut dyn Events,
    read: impl FnOnce(&mut dyn Sink) -> anyhow::Result<()>,
) -> anyhow::Result<Totals> {
    let existed = data.exists();
    let writer = Writer::open(data, "ingest")?;
    if !existed {
        events.message(
            Level::Note,
            &format!("created a new store in {}", data.display()),
        );
    }
    writer.store.warn_foreign();
    let store = writer.store.clone();
    let pipeline = Pipeline::new(&store, Some(writer), options, options.compare, events)?;
    pipeline.run(read)
}

/// Compares the documents `read` gives with the history in `store` (as it is, or as it was
/// known at a time: [`Store::open_at`]), storing nothing: each claim goes to [`Events::diff`].
/// Documents already in the store are counted in [`Totals::already`], not compared again.
pub fn compare(
    store: &Store,
    options: &Options,
    events: &mut dyn Events,
    read: impl FnOnce(&mut dyn Sink) -> anyhow::Result<()>,
) -> anyhow::Result<Totals> {
    Pipeline::new(store, None, options, true, events)?.run(read)
}

/// The claims a run stores for `doc`: its figures filed in their metrics ([`file_in_metrics`]),
/// each followed by its stated previous value when the text dates it ("up from 3,000 a week
/// earlier"), an observation of its own.
pub fn claims_to_store(doc: &Document, catalog: &Catalog) -> Vec<Claim> {
    let mut claims = crate::extract(doc);
    file_in_metrics(&mut claims, doc, catalog);
    claims
        .into_iter()
        .flat_map(|c| {
            let previous = c.previous_observation();
            [Some(c), previous].into_iter().flatten()
        })
        .collect()
}

/// Gives the claims of `doc` their metrics as a run files them: the catalog's metric whose
/// phrases each matches (and why, in `metric_match`), else a key derived from its concept. A
/// headline's figure that restates a body figure ("Quake toll tops 50,000" for "deaths passed
/// 50,000 across Turkey and Syria") is filed with it: the body says what it counts.
pub fn file_in_metrics(claims: &mut [Claim], doc: &Document, catalog: &Catalog) {
    let mut words = crate::metrics::WordsCache::default();
    for claim in claims.iter_mut() {
        let assigned = catalog.assign_in_with(claim, doc, &mut words);
        claim.metric = Some(assigned.metric);
        claim.metric_match = assigned.matched;
    }
    totals_count_their_increments(claims, doc, catalog, &mut words);
    carry_counts(claims);
    credit_series_sources(claims);
    let Some(end) = crate::extract::headline_end(&doc.text) else {
        return;
    };
    let (headline, body) =
        claims.split_at_mut(claims.partition_point(|c| (c.start as usize) < end));
    for h in headline {
        let restated = body
            .iter()
            .find(|b| b.metric_match.is_some() && restates(h, b))
            .filter(|b| {
                // Not a figure of another count than the headline's words before it name.
                let before = h
                    .sentence
                    .find(h.text.as_str())
                    .map_or("", |at| &h.sentence[..at]);
                let words = format!("{} {before}", h.concept.as_deref().unwrap_or(""));
                b.metric
                    .as_deref()
                    .is_none_or(|metric| !catalog.names_what_another_counts(&words, metric))
            });
        if let Some(b) = restated {
            // The same figure: the body's date is the headline's ("Ukraine puts losses at
            // 26,700" over a body whose 26,700 the staff gave on Thursday).
            if b.as_of.is_some() {
                h.as_of = b.as_of;
            }
            // And its source, when the headline names none or only a country ("Turkey
            // confirms 44,000 dead" over "Turkey's disaster agency AFAD lifted its count").
            let country_only = h.attribution.as_deref().is_some_and(|a| {
                let words = crate::gazetteer::get().words(a);
                !words.is_empty() && words.iter().all(|w| w.country)
            });
            if b.attribution.is_some() && (h.attribution.is_none() || country_only) {
                h.attribution.clone_from(&b.attribution);
            }
            h.metric.clone_from(&b.metric);
            h.metric_match = b.metric_match.as_ref().map(|m| format!("{m}, restated"));
        }
    }
}

/// "Its forces destroyed 12 guns and howitzers in the past day, bringing the total to 2,400":
/// the new total counts what the figure before it counted, not the "forces" of the sentence's
/// subject. It is filed as if it had that figure's concept and unit, when a phrase then
/// matches.
fn totals_count_their_increments(
    claims: &mut [Claim],
    doc: &Document,
    catalog: &Catalog,
    words: &mut crate::metrics::WordsCache,
) {
    for i in 1..claims.len() {
        let (before, rest) = claims.split_at_mut(i);
        let (added, total) = (&before[i - 1], &mut rest[0]);
        let between = doc.text.get(added.end as usize..total.end as usize);
        if added.sentence != total.sentence
            || added.unit.is_none()
            || !between.is_some_and(crate::metrics::adds_to_a_total)
        {
            continue;
        }
        let mut probe = total.clone();
        probe.concept.clone_from(&added.concept);
        probe.unit.clone_from(&added.unit);
        probe.unit_normalized.clone_from(&added.unit_normalized);
        probe.kind = added.kind;
        let assigned = catalog.assign_in_with(&probe, doc, words);
        if let Some(why) = assigned.matched {
            total.metric = Some(assigned.metric);
            total.metric_match = Some(format!("{why}, the total of the figure before"));
        }
    }
}

/// A figure no phrase filed whose sentence speaks of a count already named ("The agency's count
/// a week earlier had been 1,267", "The tally now stands at 57") continues the series of the
/// last figure before it that a phrase filed, if that one is of its kind.
fn carry_counts(claims: &mut [Claim]) {
    for i in 1..claims.len() {
        if claims[i].metric_match.is_some() || !refers_to_a_count(&claims[i]) {
            continue;
        }
        let earlier = claims[..i].iter().rev().find(|c| c.metric_match.is_some());
        if let Some(e) = earlier
            && (e.kind == claims[i].kind || claims[i].kind == Kind::Other)
        {
            let (metric, why) = (e.metric.clone(), e.metric_match.clone());
            claims[i].metric = metric;
            claims[i].metric_match = why.map(|m| format!("{m}, carried"));
        }
    }
}

/// A figure of a catalog series that no one is credited for takes the source the article
/// credits for that series, at the nearest figure of it before, else after: "At least 120
/// people died, the health ministry said. By Tuesday the deaths had reached 140" are both the
/// ministry's; "An earthquake killed more than 800 people. ... The Interior Ministry said at
/// least 820 had died" credits the first figure too. Only sources as stated are passed on, and
/// only within a series, unless the article credits one source only: an article's several
/// other sources say nothing of it. Forecasts and measured figures do not share sources: the
/// economists who expected 160,000 jobs did not report the 212,000.
fn credit_series_sources(claims: &mut [Claim]) {
    let stated: Vec<Option<String>> = claims.iter().map(|c| c.attribution.clone()).collect();
    let forecast = |c: &Claim| c.role == Role::Target;
    // The one source the article credits for its measured series, if it credits only one.
    let mut sources = claims
        .iter()
        .filter(|c| c.metric_match.is_some() && !forecast(c))
        .filter_map(|c| c.attribution.as_deref());
    let only_source = sources
        .next()
        .filter(|first| sources.all(|s| s == *first))
        .map(str::to_string);
    for i in 0..claims.len() {
        if stated[i].is_some() || claims[i].metric_match.is_none() {
            continue;
        }
        let same_series = |k: &usize| {
            stated[*k].is_some()
                && claims[*k].metric_match.is_some()
                && claims[*k].metric == claims[i].metric
                && forecast(&claims[*k]) == forecast(&claims[i])
        };
        let nearest = (0..i)
            .rev()
            .find(same_series)
            .or_else(|| (i + 1..claims.len()).find(same_series));
        if let Some(k) = nearest {
            claims[i].attribution.clone_from(&stated[k]);
        } else if let Some(only) = only_source.clone().filter(|_| !forecast(&claims[i])) {
            claims[i].attribution = Some(only);
        }
    }
}

/// Whether the words before a figure in its sentence name a count already spoken of: "the
/// count", "its tally", "the agency's total", not "the number of schools" (a count of its own).
fn refers_to_a_count(c: &Claim) -> bool {
    let Some(at) = c.sentence.find(c.text.as_str()) else {
        return false;
    };
    let words: Vec<String> = c.sentence[..at]
        .split(|ch: char| !ch.is_alphanumeric() && ch != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.iter().enumerate().any(|(k, w)| {
        let noun = matches!(w.as_str(), "count" | "tally" | "total" | "figure");
        let owned = k > 0
            && (matches!(
                words[k - 1].as_str(),
                "the" | "its" | "their" | "that" | "this"
            ) || words[k - 1].ends_with("'s"));
        noun && owned && words.get(k + 1).is_none_or(|n| n != "of")
    })
}

/// Whether headline figure `h` restates body figure `b` ([`crate::extract::restates`]), or
/// rounds a figure of the metric its own words file it under: "Ukraine puts losses at 26,700"
/// over "about 26,650", "at 1.46 million" over 1,455,420.
fn restates(h: &Claim, b: &Claim) -> bool {
    use crate::status::Interval;
    crate::extract::restates(stated(h), stated(b))
        || (h.metric_match.is_some()
            && h.metric == b.metric
            && (h.kind == b.kind || h.kind == Kind::Other)
            && Interval::of_claim(h).agrees(&Interval::of_claim(b)))
}

fn stated(c: &Claim) -> crate::extract::Stated {
    crate::extract::Stated {
        value: c.value,
        low: c.low,
        high: c.high,
        kind: c.kind,
        bound: c.bound,
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

/// Reads documents, extracts and classifies their claims, and (with a writer) stores them.
struct Pipeline<'e> {
    catalog: Catalog,
    /// The content hashes ([`store::hash_key`]) of the stored documents and of this run's.
    hashes: HashSet<u128>,
    /// The content hash of each document id taken ([`store::id_key`]).
    ids: HashMap<u128, u128>,
    /// The history claims are compared with, when they are.
    history: Option<History>,
    writer: Option<Background>,
    pool: rayon::ThreadPool,
    batch: Vec<Document>,
    batch_bytes: usize,
    batch_limit: usize,
    keep_going: bool,
    failed: Option<String>,
    events: &'e mut dyn Events,
    totals: Totals,
}

impl<'e> Pipeline<'e> {
    /// A pipeline over `store` (read under the writer's lock when `writer` is given).
    fn new(
        store: &Store,
        writer: Option<Writer>,
        options: &Options,
        compare: bool,
        events: &'e mut dyn Events,
    ) -> anyhow::Result<Pipeline<'e>> {
        let (mut hashes, mut ids) = (HashSet::new(), HashMap::new());
        store.each_document(|id, hash| {
            let hash = store::hash_key(hash);
            hashes.insert(hash);
            ids.insert(store::id_key(id), hash);
        })?;
        let history = if compare {
            Some(History::load(store, &[])?)
        } else {
            None
        };
        let mut builder = rayon::ThreadPoolBuilder::new();
        if let Some(n) = options.threads {
            builder = builder.num_threads(n);
        }
        Ok(Pipeline {
            catalog: store.catalog.clone(),
            hashes,
            ids,
            history,
            writer: writer.map(Background::start),
            pool: builder.build()?,
            batch: Vec::new(),
            batch_bytes: 0,
            batch_limit: options.batch_bytes.max(1),
            keep_going: options.keep_going,
            failed: None,
            events,
            totals: Totals::default(),
        })
    }

    /// A document id that is unique in the store for this content.
    fn unique_id(&mut self, id: &str, hash: &str) -> String {
        let (ids, key) = (&self.ids, store::hash_key(hash));
        let candidate = store::unique_doc_id(id, hash, |c| {
            ids.get(&store::id_key(c)).is_some_and(|h| *h != key)
        });
        self.ids.insert(store::id_key(&candidate), key);
        candidate
    }

    fn flush(&mut self) -> anyhow::Result<()> {
        let docs = std::mem::take(&mut self.batch);
        self.batch_bytes = 0;
        let mut fresh = Vec::with_capacity(docs.len());
        let mut records = Vec::with_capacity(docs.len());
        for mut doc in docs {
            let hash = store::content_hash(doc.text.as_bytes());
            if !self.hashes.insert(store::hash_key(&hash)) {
                self.totals.already += 1;
                continue;
            }
            let id = self.unique_id(&doc.id, &hash);
            if id != doc.id {
                self.events.message(
                    Level::Note,
                    &format!(
                        "another document with id {:?} is in the store; this one is stored as {:?}",
                        doc.id, id
                    ),
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
                    claims_to_store(d, catalog)
                        .into_iter()
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
        let arrivals: Vec<Vec<u64>> = match self.history.as_mut() {
            Some(history) => extracted
                .iter()
                .map(|cs| cs.iter().map(|c| history.add(c)).collect())
                .collect(),
            None => Vec::new(),
        };
        let mut order: Vec<usize> = (0..fresh.len()).collect();
        order.sort_by_key(|&i| (fresh[i].published.is_none(), fresh[i].published));
        for &i in &order {
            records[i].claims = extracted[i].len() as u32;
            if !extracted[i].is_empty() && extracted[i].iter().all(|c| c.claim.as_of.is_none()) {
                self.events.message(
                    Level::Warning,
                    &format!(
                        "document {:?} has no date; its {} claim(s) are kept out of series",
                        fresh[i].id,
                        extracted[i].len()
                    ),
                );
            }
            if let Some(history) = &self.history {
                for (c, &arrival) in extracted[i].iter().zip(&arrivals[i]) {
                    let diff = history.classify(c, arrival);
                    self.totals.compared += 1;
                    self.totals.changed += usize::from(changes(diff.status));
                    self.events.diff(&diff)?;
                }
            }
        }
        // Every claim of the batch is judged: what none after it can see standing goes.
        if let Some(history) = self.history.as_mut() {
            history.forget_superseded();
        }
        self.totals.documents += records.len();
        self.totals.claims += extracted.iter().map(Vec::len).sum::<usize>();
        if let Some(w) = self.writer.as_mut() {
            w.send((extracted, records))?;
        }
        Ok(())
    }

    /// Reads the documents `read` gives through the pipeline, flushes the last batch and
    /// commits what was stored.
    fn run(
        mut self,
        read: impl FnOnce(&mut dyn Sink) -> anyhow::Result<()>,
    ) -> anyhow::Result<Totals> {
        read(&mut self)?;
        if let Some(f) = self.failed.take() {
            anyhow::bail!("{f}");
        }
        self.flush()?;
        if let Some(mut w) = self.writer.take() {
            w.finish()?.commit()?;
        }
        Ok(self.totals)
    }
}

/// A batch to store: each document's claims, and the documents' records.
type Batch = (Vec<Vec<StoredClaim>>, Vec<DocRecord>);

/// The store's [`Writer`] on a thread of its own: a batch is framed and written as Parquet
/// while the next one is read and extracted. One batch waits at most, so memory stays bounded.
struct Background {
    batches: Option<SyncSender<Batch>>,
    thread: Option<JoinHandle<anyhow::Result<Writer>>>,
}

impl Background {
    fn start(mut writer: Writer) -> Background {
        let (batches, received) = sync_channel::<Batch>(0);
        let thread = std::thread::spawn(move || {
            for (claims, records) in received {
                writer.write_claims(&mut store::claims_frame(claims.iter().flatten())?)?;
                writer.write_documents(&mut store::documents_frame(&records)?)?;
            }
            Ok(writer)
        });
        Background {
            batches: Some(batches),
            thread: Some(thread),
        }
    }

    /// Hands a batch to the writer; when the writer has stopped, the error that stopped it.
    fn send(&mut self, batch: Batch) -> anyhow::Result<()> {
        let sent = self.batches.as_ref().map(|b| b.send(batch));
        match sent {
            Some(Ok(())) => Ok(()),
            _ => self
                .finish()
                .and_then(|_| anyhow::bail!("the store's writer stopped")),
        }
    }

    /// Waits for the batches sent to be written: the writer, or the error that stopped it.
    fn finish(&mut self) -> anyhow::Result<Writer> {
        self.batches = None;
        match self.thread.take().map(JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            None => anyhow::bail!("the store's writer stopped"),
        }
    }
}

impl Drop for Background {
    /// A run that stops early waits for its writer, whose drop removes what it wrote.
    fn drop(&mut self) {
        self.batches = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Sink for Pipeline<'_> {
    fn document(&mut self, doc: Document) -> anyhow::Result<()> {
        if let Some(f) = self.failed.take() {
            anyhow::bail!("{f}");
        }
        self.events.read(doc.text.len());
        self.batch_bytes += doc.text.len();
        self.batch.push(doc);
        if self.batch_bytes >= self.batch_limit {
            self.flush()?;
        }
        Ok(())
    }

    fn note(&mut self, path: &str, message: &str) {
        self.events
            .message(Level::Note, &format!("{path}: {message}"));
    }

    fn problem(&mut self, problem: Problem) {
        if self.keep_going {
            let level = if problem.skipped {
                Level::Error
            } else {
                Level::Warning
            };
            self.events.message(level, &problem.to_string());
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// What a run told: bytes read, messages, diffs.
    #[derive(Default)]
    struct Kept {
        read: usize,
        messages: Vec<(Level, String)>,
        diffs: Vec<Diff>,
    }

    impl Events for Kept {
        fn read(&mut self, bytes: usize) {
            self.read += bytes;
        }
        fn message(&mut self, level: Level, text: &str) {
            self.messages.push((level, text.to_string()));
        }
        fn diff(&mut self, diff: &Diff) -> anyhow::Result<()> {
            self.diffs.push(diff.clone());
            Ok(())
        }
    }

    fn article(id: &str, day: Option<u32>, troops: &str) -> Document {
        Document {
            published: day.and_then(|d| NaiveDate::from_ymd_opt(2024, 11, d)),
            source: Some("Wire".into()),
            ..Document::new(
                id,
                format!("Officials said {troops} North Korean troops were in Kursk on Monday."),
            )
        }
    }

    /// A headline's figure is filed with the body figure it restates, whatever its own words
    /// match; a headline figure no body figure restates keeps its own.
    #[test]
    fn headline_figures_are_filed_with_the_body_figure_they_restate() {
        let catalog = Catalog::parse(
            "[[metric]]\nid = \"flood-deaths-north\"\nmatch = [\"deaths in the north\"]\n\n\
             [[metric]]\nid = \"flood-deaths-total\"\nmatch = [\"deaths nationwide\"]\n",
        )
        .unwrap();
        let doc = Document::new(
            "d",
            "Flood deaths in the north top 300; 12 bridges down\n\n\
             Flood deaths nationwide rose to 312 on Monday, officials said. Deaths in the north \
             reached 140.",
        );
        let mut claims = crate::extract(&doc);
        file_in_metrics(&mut claims, &doc, &catalog);
        let metric = |t: &str| {
            let c = claims.iter().find(|c| c.text == t).unwrap();
            c.metric.clone().unwrap()
        };
        assert_eq!(metric("300"), "flood-deaths-total");
        assert_eq!(metric("312"), "flood-deaths-total");
        assert_eq!(metric("140"), "flood-deaths-north");
        assert_ne!(metric("12"), "flood-deaths-total");
    }

    /// A headline figure that restates a body figure holds on the body figure's date, and
    /// takes its source when the headline names only a country.
    #[test]
    fn a_restated_headline_figure_takes_the_body_figures_date() {
        let catalog = Catalog::parse(
            "[[metric]]\nid = \"losses\"\nunit = \"soldier\"\nmatch = [\"troops\"]\n",
        )
        .unwrap();
        for (headline, body) in [
            (
                "Ukraine puts Russian losses at 26,700 troops",
                "about 26,650",
            ),
            (
                "Russian troop losses near 26,700, Kyiv says",
                "about 26,650",
            ),
            (
                "Ukraine puts Russian losses at 1.46 million troops",
                "1,455,420",
            ),
        ] {
            let doc = Document {
                published: chrono::NaiveDate::from_ymd_opt(2022, 5, 13),
                ..Document::new(
                    "d",
                    format!(
                        "{headline}\n\nRussia has lost {body} troops since the war began, the \
                         General Staff said on Thursday."
                    ),
                )
            };
            let mut claims = crate::extract(&doc);
            file_in_metrics(&mut claims, &doc, &catalog);
            let dates: Vec<_> = claims.iter().map(|c| c.as_of).collect();
            assert_eq!(
                dates,
                vec![chrono::NaiveDate::from_ymd_opt(2022, 5, 12); 2],
                "{headline}"
            );
            // ... and the body figure's source, where the headline names only a country or its
            // capital ("Ukraine puts", "Kyiv says").
            let sources: Vec<_> = claims.iter().map(|c| c.attribution.as_deref()).collect();
            assert_eq!(sources, vec![Some("General Staff"); 2], "{headline}");
        }
    }

    /// A figure of a catalog series that no one is credited for takes the source credited
    /// for that series in the article (the nearest before it, else after), or the article's
    /// only source; never one of several sources of other series, and never a figure outside
    /// the catalog.
    #[test]
    fn an_uncredited_series_figure_takes_its_series_source() {
        let catalog = Catalog::parse(
            "[[metric]]\nid = \"deaths\"\nmatch = [\"died\", \"killed\", \"deaths\"]\n\n\
             [[metric]]\nid = \"injured\"\nmatch = [\"injured\"]\n\n\
             [[metric]]\nid = \"shelters\"\nmatch = [\"shelters\"]\n",
        )
        .unwrap();
        // Each text, and its figures with the source each is given.
        type Sources<'a> = &'a [(&'a str, Option<&'a str>)];
        let cases: [(&str, Sources); 6] = [
            // Credited before, in the same series.
            (
                "At least 120 people died, the health ministry said on Monday. By Tuesday \
                 the deaths had reached 140.",
                &[
                    ("120", Some("health ministry")),
                    ("140", Some("health ministry")),
                ],
            ),
            // Credited only after: the lede's figure is the series' source's.
            (
                "The storm killed more than 60 people.\n\nThe civil defence agency said on \
                 Sunday that 64 had died.",
                &[
                    ("60", Some("civil defence agency")),
                    ("64", Some("civil defence agency")),
                ],
            ),
            // The nearest credit of the series wins over another series' source.
            (
                "Police said 30 people were injured. The mayor said 12 people had died. \
                 Later the deaths rose to 15.",
                &[
                    ("30", Some("Police")),
                    ("12", Some("mayor")),
                    ("15", Some("mayor")),
                ],
            ),
            // One source for the whole article: its other series' figures are its too.
            (
                "The Red Cross said 80 people were injured on Friday. Some 2,000 people \
                 slept in shelters.",
                &[("80", Some("Red Cross")), ("2,000", Some("Red Cross"))],
            ),
            // Two sources for other series: an uncredited third series' figure stays
            // uncredited.
            (
                "Some 2,000 people slept in shelters on Friday.\n\nPolice said 30 people \
                 were injured. Doctors said 12 people had died.",
                &[("2,000", None)],
            ),
            // Those who expected a figure did not report the measured one, nor the reverse.
            (
                "Analysts had expected 150 deaths. Later the deaths rose to 170.",
                &[("150", Some("Analysts")), ("170", None)],
            ),
        ];
        for (text, want) in cases {
            let doc = Document::new("d", text);
            let mut claims = crate::extract(&doc);
            file_in_metrics(&mut claims, &doc, &catalog);
            for (figure, source) in want {
                let c = claims.iter().find(|c| c.text.contains(figure)).unwrap();
                assert_eq!(c.attribution.as_deref(), *source, "{figure} in {text}");
            }
        }
    }

    /// A round headline figure restates by its rounding only a figure of its own metric: "Texas
    /// outbreak nears 200" is not the national 204.
    #[test]
    fn a_round_headline_figure_does_not_restate_another_metrics_figure() {
        let catalog = Catalog::parse(
            "[[metric]]\nid = \"texas\"\nmatch = [\"texas outbreak\", \"cases in texas\"]\n\n\
             [[metric]]\nid = \"national\"\nmatch = [\"cases nationwide\"]\n",
        )
        .unwrap();
        let doc = Document::new(
            "d",
            "Texas outbreak nears 200\n\nCases nationwide reached 204 on Friday. Cases in Texas \
             rose to 185.",
        );
        let mut claims = crate::extract(&doc);
        file_in_metrics(&mut claims, &doc, &catalog);
        let headline = claims.iter().find(|c| c.text == "200").unwrap();
        assert_eq!(headline.metric.as_deref(), Some("texas"));
    }

    /// A headline figure whose own words name another metric's counted thing restates no body
    /// figure of a different count, however close in value.
    #[test]
    fn a_headline_on_one_count_does_not_restate_a_figure_of_another() {
        let catalog = Catalog::parse(
            "[[metric]]\nid = \"troops\"\nunit = \"soldier\"\nmatch = [\"troops\"]\n\n\
             [[metric]]\nid = \"drones\"\nunit = \"drone\"\nmatch = [\"drones\"]\n",
        )
        .unwrap();
        for headline in [
            "Ukraine's count of downed drones passes 100",
            "Downed drones top 100, Kyiv says",
        ] {
            let doc = Document::new(
                "d",
                format!(
                    "{headline}\n\nThe army said 104 troops were lost on Monday. Air defences \
                     have downed 96 drones since May."
                ),
            );
            let mut claims = crate::extract(&doc);
            file_in_metrics(&mut claims, &doc, &catalog);
            let headline_figure = claims.iter().find(|c| c.text == "100").unwrap();
            assert_ne!(
                headline_figure.metric.as_deref(),
                Some("troops"),
                "{headline}"
            );
        }
    }

    /// A figure whose sentence speaks of the count already named continues its series; a count
    /// of something else ("the number of schools") does not.
    #[test]
    fn a_new_total_counts_what_the_figure_before_it_counted() {
        let catalog = Catalog::parse(
            r#"
[[metric]]
id = "personnel"
unit = "soldier"
cumulative = true
match = ["troops", "servicemen"]

[[metric]]
id = "tanks"
unit = "tank"
cumulative = true
match = ["tanks"]
"#,
        )
        .unwrap();
        let text = "Kyiv said its forces had destroyed 12 tanks in the past day, bringing the total to 2,400.";
        let doc = Document::new("d", text);
        let claims = claims_to_store(&doc, &catalog);
        let total = claims
            .iter()
            .find(|c| c.value == 2400.0)
            .expect("the total");
        assert_eq!(total.metric.as_deref(), Some("tanks"), "{text}");
        let added = claims
            .iter()
            .find(|c| c.value == 12.0)
            .expect("the increment");
        assert_ne!(added.metric.as_deref(), Some("tanks"), "{text}");
    }

    #[test]
    fn a_figure_of_the_count_already_named_continues_its_series() {
        let catalog =
            Catalog::parse("[[metric]]\nid = \"flood-deaths\"\nmatch = [\"flood deaths\"]\n")
                .unwrap();
        let doc = Document::new(
            "d",
            "Rain eased on Tuesday. Flood deaths rose to 312 on Monday, officials said.\n\n\
             The ministry's count a week earlier had been 260. The number of schools shut was 40.",
        );
        let mut claims = crate::extract(&doc);
        file_in_metrics(&mut claims, &doc, &catalog);
        let metric = |t: &str| {
            let c = claims.iter().find(|c| c.text == t).unwrap();
            (c.metric.clone().unwrap(), c.metric_match.clone())
        };
        assert_eq!(metric("260").0, "flood-deaths");
        assert!(metric("260").1.unwrap().ends_with(", carried"));
        assert_ne!(metric("40").0, "flood-deaths");
    }

    /// A reader giving `docs`, then the problems `problems`.
    fn given(
        docs: Vec<Document>,
        problems: Vec<Problem>,
    ) -> impl FnOnce(&mut dyn Sink) -> anyhow::Result<()> {
        move |sink| {
            for d in docs {
                sink.document(d)?;
            }
            for p in problems {
                sink.problem(p);
            }
            Ok(())
        }
    }

    fn bad_input(skipped: bool) -> Problem {
        Problem {
            path: "feed.jsonl".into(),
            line: Some(3),
            message: "not JSON".into(),
            skipped,
        }
    }

    #[test]
    fn a_store_is_filed_once_and_compared_with_its_history() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = dir.path().join("data");
        let options = Options {
            compare: true,
            batch_bytes: 1,
            ..Options::default()
        };
        let first = vec![
            article("a", Some(4), "10,000"),
            article("b", Some(5), "11,000"),
        ];
        let mut events = Kept::default();
        let totals =
            store(&data, &options, &mut events, given(first.clone(), vec![])).expect("stores");
        assert_eq!((totals.documents, totals.already), (2, 0));
        assert_eq!(totals.claims, events.diffs.len());
        assert_eq!(totals.compared, events.diffs.len());
        assert!(totals.claims >= 2, "{:?}", events.diffs);
        assert_eq!(
            events.read,
            first.iter().map(|d| d.text.len()).sum::<usize>()
        );
        assert_eq!(events.messages[0].0, Level::Note);
        assert!(events.messages[0].1.starts_with("created a new store"));

        // The same texts again are left out, whatever their ids; another text under a taken id
        // is stored under a new one, and compared with what the store holds.
        let mut again = first;
        again[0].id = "renamed".into();
        again.push(article("a", Some(6), "12,000"));
        let mut events = Kept::default();
        let totals = compare(
            &Store::open(&data).expect("opens"),
            &options,
            &mut events,
            given(again.clone(), vec![]),
        )
        .expect("compares");
        assert_eq!((totals.documents, totals.already), (1, 2));
        assert!(
            events
                .diffs
                .iter()
                .any(|d| d.value == 12_000.0 && changes(d.status))
        );
        assert_eq!(
            totals.changed,
            events.diffs.iter().filter(|d| changes(d.status)).count()
        );
        let mut events = Kept::default();
        let totals = store(&data, &options, &mut events, given(again, vec![])).expect("stores");
        assert_eq!((totals.documents, totals.already), (1, 2));
        assert!(
            events
                .messages
                .iter()
                .any(|(level, text)| *level == Level::Note
                    && text.contains("with id \"a\" is in the store")),
            "{:?}",
            events.messages
        );
    }

    #[test]
    fn undated_claims_and_bad_inputs_are_told() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = dir.path().join("data");
        let quiet = Options::default();
        let mut events = Kept::default();
        let err = store(
            &data,
            &quiet,
            &mut events,
            given(vec![article("a", Some(4), "10,000")], vec![bad_input(true)]),
        )
        .expect_err("a bad input stops the run");
        assert!(
            err.to_string()
                .starts_with("feed.jsonl:3: not JSON\nnothing was stored")
        );
        let stored = Store::open(&data).expect("opens");
        assert_eq!(
            stored
                .collect(stored.documents().expect("documents"))
                .expect("reads")
                .height(),
            0
        );

        let keep_going = Options {
            keep_going: true,
            ..Options::default()
        };
        let mut events = Kept::default();
        let totals = store(
            &data,
            &keep_going,
            &mut events,
            given(
                vec![article("undated", None, "10,000")],
                vec![bad_input(true), bad_input(false)],
            ),
        )
        .expect("stores the rest");
        assert_eq!((totals.documents, totals.skipped), (1, 1));
        assert!(events.diffs.is_empty(), "compared without `compare`");
        let told: Vec<(Level, &str)> = events
            .messages
            .iter()
            .map(|(level, text)| (*level, text.as_str()))
            .collect();
        assert!(
            told.contains(&(Level::Error, "feed.jsonl:3: not JSON")),
            "{told:?}"
        );
        assert!(
            told.contains(&(Level::Warning, "feed.jsonl:3: not JSON")),
            "{told:?}"
        );
        assert!(
            told.iter().any(|(level, text)| *level == Level::Warning
                && text.starts_with("document \"undated\" has no date")),
            "{told:?}"
        );
    }

    #[test]
    fn changes_are_the_news() {
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
