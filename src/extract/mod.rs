//! The extractor: document text in, claims out. Pure (no I/O), deterministic and fast.
//!
//! Each rule family lives in its own module with its table of examples:
//! [`tokens`], [`numbers`], [`units`], [`bounds`], [`change`], [`filters`], [`concept`],
//! [`attribution`], [`dates`] and [`sentences`]; [`quantity`] puts a figure together from them.

pub mod attribution;
pub mod bounds;
pub mod change;
pub mod concept;
mod context;
pub mod dates;
pub mod filters;
pub mod keywords;
mod lexicon;
pub mod numbers;
pub mod quantity;
pub mod sentences;
pub mod tokens;
pub mod units;

use crate::model::{Claim, Document, claim_id};
use attribution::{expand_name, source_in};
use chrono::NaiveDate;
use context::Ctx;
use std::cell::OnceCell;
use std::collections::HashMap;

/// Whether `w` is a word that may carry a figure without any digit in the sentence ("Five",
/// "MILLION"), in any ASCII case.
fn is_number_word(w: &[u8]) -> bool {
    let mut buf = [0u8; 9];
    let Some(lower) = buf.get_mut(..w.len()).filter(|_| w.len() >= 3) else {
        return false;
    };
    // Byte by byte: a copy of a few bytes of varying length would call memcpy.
    for (l, b) in lower.iter_mut().zip(w) {
        *l = b.to_ascii_lowercase();
    }
    matches!(
        &*lower,
        b"one"
            | b"two"
            | b"three"
            | b"four"
            | b"five"
            | b"six"
            | b"seven"
            | b"eight"
            | b"nine"
            | b"ten"
            | b"eleven"
            | b"twelve"
            | b"thirteen"
            | b"fourteen"
            | b"fifteen"
            | b"sixteen"
            | b"seventeen"
            | b"eighteen"
            | b"nineteen"
            | b"twenty"
            | b"thirty"
            | b"forty"
            | b"fifty"
            | b"sixty"
            | b"seventy"
            | b"eighty"
            | b"ninety"
            | b"hundred"
            | b"thousand"
            | b"million"
            | b"billion"
            | b"trillion"
            | b"dozen"
            | b"dozens"
            | b"half"
            | b"tens"
            | b"hundreds"
            | b"thousands"
            | b"millions"
            | b"billions"
    )
}

/// The part of a run of letters and hyphens that may be a number word ("five-year").
fn before_hyphen(w: &[u8]) -> &[u8] {
    w.split(|&b| b == b'-').next().unwrap_or(w)
}

/// Whether `b` holds an ASCII digit, tested sixteen bytes at a time: without an early exit
/// inside a chunk the compiler vectorizes the test.
fn has_ascii_digit(b: &[u8]) -> bool {
    let mut chunks = b.chunks_exact(16);
    chunks
        .by_ref()
        .any(|c| c.iter().fold(false, |acc, b| acc | b.is_ascii_digit()))
        || chunks.remainder().iter().any(u8::is_ascii_digit)
}

/// The runs of letters and hyphens of ASCII text `b`, letters found eight at a time.
fn ascii_words(b: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && !(b[i].is_ascii_alphabetic() || b[i] == b'-') {
            i += 1;
        }
        if i == b.len() {
            return None;
        }
        let start = i;
        loop {
            i = tokens::letters_end(b, i);
            if b.get(i) != Some(&b'-') {
                break;
            }
            i += 1;
        }
        Some(&b[start..i])
    })
}

/// Whether sentence `s` has a digit or a number word, and so may hold a figure.
fn may_hold_a_figure(s: &str) -> bool {
    if has_ascii_digit(s.as_bytes()) {
        return true;
    }
    if tokens::is_ascii(s.as_bytes()) {
        return ascii_words(s.as_bytes()).any(|w| is_number_word(before_hyphen(w)));
    }
    s.chars().any(tokens::is_digit)
        || s.split(|c: char| !c.is_alphabetic() && c != '-')
            .any(|w| is_number_word(before_hyphen(w.as_bytes())))
}

/// Dates that sources' statements carry: "Pentagon officials confirmed Monday" dates the
/// Pentagon's later figures in the same article.
#[derive(Default)]
struct SourceDates {
    /// For each capitalised word of a source's name: when it was last dated (a sequence number)
    /// and the date.
    by_word: HashMap<String, (usize, NaiveDate)>,
    recorded: usize,
}

impl SourceDates {
    fn key(source: &str) -> impl Iterator<Item = String> + '_ {
        source
            .split([' ', '-'])
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .map(str::to_lowercase)
    }

    fn record(&mut self, source: &str, date: NaiveDate) {
        self.recorded += 1;
        for word in Self::key(source) {
            self.by_word.insert(word, (self.recorded, date));
        }
    }

    /// The date most recently recorded for a source sharing a name word with `source`.
    fn lookup(&self, source: &str) -> Option<NaiveDate> {
        Self::key(source)
            .filter_map(|w| self.by_word.get(&w))
            .max_by_key(|(seq, _)| *seq)
            .map(|(_, d)| *d)
    }
}

/// Extracts every claim of a document, in text order.
pub fn extract(doc: &Document) -> Vec<Claim> {
    let text = doc.text.as_str();
    // Lower-cased once for the whole document: the rules compare lower-case words.
    let lower = text.to_ascii_lowercase();
    // About one claim per 256 bytes of news text: room made once rather than grown.
    let mut claims = Vec::with_capacity(text.len() / 256);
    let mut source_dates = SourceDates::default();
    let mut paragraph_source: Option<(usize, String)> = None;
    // Short names expanded once per document ("Rutte" -> "NATO Secretary-General Mark Rutte").
    let mut full_names: HashMap<String, Option<String>> = HashMap::new();
    for sent in sentences::split(text) {
        let sentence = &text[sent.start..sent.end];
        let holds_figure = may_hold_a_figure(sentence);
        // A sentence without figures matters only when it names a source (for the sentences
        // after it in its paragraph, and for the dates a source's statements carry).
        if !holds_figure && !attribution::may_name_source(sentence) {
            continue;
        }
        let ctx = Ctx::new(text, &lower, sent.start, sent.end);
        let words = ctx.words();
        // The sentence's date, read only when a source or a figure needs it.
        let date = OnceCell::new();
        let date = || {
            *date.get_or_init(|| {
                let raw_words: Vec<&str> = words.iter().map(|w| w.text).collect();
                dates::date_in(&raw_words, doc.published)
            })
        };
        let mut source = source_in(words).map(|s| {
            full_names
                .entry(s.clone())
                .or_insert_with(|| expand_name(&s, &text[..sent.start]))
                .clone()
                .unwrap_or(s)
        });
        if let Some(s) = &source {
            if let Some(d) = date() {
                source_dates.record(s, d);
            }
            paragraph_source = Some((sent.paragraph, s.clone()));
        } else if let Some((p, s)) = &paragraph_source
            && *p == sent.paragraph
        {
            source = Some(s.clone());
        }
        if !holds_figure {
            continue;
        }
        let reserved = filters::reserved_spans(text, sent.start, sent.end);
        let quantities = quantity::quantities(&ctx, &reserved);
        if quantities.is_empty() {
            continue;
        }
        let as_of = date()
            .or_else(|| source.as_deref().and_then(|s| source_dates.lookup(s)))
            .or(doc.published);
        let mut last_concept: Option<(usize, Option<String>)> = None;
        for q in quantities {
            let start = ctx.toks[q.first].start;
            let end = ctx.toks[q.last - 1].end;
            let mut concept = concept::concept(&ctx, q.first, q.unit_end, q.phrase);
            // A figure in a list shares the concept of the one before it: "3 years, 2 months".
            if concept.is_none()
                && let Some((prev_end, prev)) = &last_concept
                && q.first.saturating_sub(*prev_end) <= 8
            {
                concept.clone_from(prev);
            }
            // The source is not what a figure is about: "US officials say 3,000 troops". (The
            // concept split at its first ", " by a byte scan: no substring searcher per figure.)
            if let (Some(c), Some(src)) = (&concept, &source)
                && let Some(comma) = c.as_bytes().windows(2).position(|w| w == b", ")
                && let (owner, thing) = (&c[..comma], &c[comma + 2..])
                && (src.contains(owner) || owner.contains(src.as_str()))
            {
                concept = Some(thing.to_string());
            }
            // Copied into the last one's string: one allocation per sentence, not per figure.
            match &mut last_concept {
                Some((prev_end, prev)) => {
                    *prev_end = q.unit_end;
                    prev.clone_from(&concept);
                }
                None => last_concept = Some((q.unit_end, concept.clone())),
            }
            let concept = concept
                .and_then(|c| keywords::key_words(c, q.unit.as_deref(), q.unit_norm.as_deref()));
            claims.push(Claim {
                doc: doc.id.clone(),
                claim_id: claim_id(&doc.id, start as u32, end as u32),
                published: doc.published,
                as_of,
                metric: None,
                concept,
                value: q.value,
                low: q.low,
                high: q.high,
                unit: q.unit,
                unit_normalized: q.unit_norm,
                kind: q.kind,
                bound: q.bound,
                direction: q.direction,
                previous: q.previous,
                attribution: source.clone(),
                text: text[start..end].to_string(),
                start: start as u32,
                end: end as u32,
                sentence: sentence.to_string(),
            });
        }
    }
    claims
}
