//! The extractor: document text in, claims out. Pure (no I/O), deterministic and fast.
//!
//! Each rule family lives in its own module with its table of examples:
//! [`tokens`], [`numbers`], [`units`], [`bounds`], [`change`], [`filters`], [`concept`],
//! [`attribution`] (with [`bodies`], one name for each publisher), [`dates`] and [`sentences`];
//! [`quantity`] puts a figure together from them.

pub mod attribution;
pub mod bodies;
pub mod bounds;
pub mod change;
pub mod concept;
mod context;
pub mod dates;
pub mod filters;
pub mod keywords;
mod lexicon;
pub mod numbers;
mod pending;
pub use pending::{Stated, headline_end, restates};
pub mod quantity;
pub mod role;
pub mod sentences;
pub mod tokens;
pub mod units;

use crate::model::{Claim, ClaimView, Document, Kind, Role};
use attribution::{NamedSoFar, Source, Speaker, expand_name, source_for, sources_in};
use chrono::NaiveDate;
use context::Ctx;
use pending::Wait;
use rustc_hash::FxHashMap;
use std::cell::OnceCell;

/// Words that may carry a figure without any digit in the sentence ("Five", "MILLION"): every
/// head of a spelled numeral but the articles (see [`numbers::HEADS`]; a test holds the two
/// lists together), and the scale words and fractions an article may start ("a million", "a
/// third of").
const NUMBER_WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "dozen",
    "dozens",
    "half",
    "tens",
    "hundreds",
    "thousands",
    "millions",
    "billions",
    "several",
    "third",
    "quarter",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "twelfth",
    "hundredth",
    "thousandth",
];

/// The letter `b` is in any ASCII case, 0 for 'a' to 25 for 'z'; `None` for any other byte.
const fn letter_index(b: u8) -> Option<usize> {
    let l = (b | 0x20).wrapping_sub(b'a');
    if l < 26 { Some(l as usize) } else { None }
}

/// For each first and last letter of a number word, the lengths it comes in, as bits.
static NUMBER_WORD_SHAPES: [[u16; 26]; 26] = {
    let mut shapes = [[0; 26]; 26];
    let mut k = 0;
    while k < NUMBER_WORDS.len() {
        let w = NUMBER_WORDS[k].as_bytes();
        if let (Some(f), Some(l)) = (letter_index(w[0]), letter_index(w[w.len() - 1])) {
            shapes[f][l] |= 1 << w.len();
        }
        k += 1;
    }
    shapes
};

/// Whether `w` is one of [`NUMBER_WORDS`] in any ASCII case. It runs on every word of a sentence
/// without digits, and nearly every word has no number word's (first letter, last letter,
/// length): one table lookup turns it away, inline in the word loop.
#[inline]
fn is_number_word(w: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (w.first(), w.last()) else {
        return false;
    };
    let (Some(f), Some(l)) = (letter_index(first), letter_index(last)) else {
        return false;
    };
    // Bit 15 is no number word's length, and stands for every longer word.
    NUMBER_WORD_SHAPES[f][l] >> w.len().min(15) & 1 != 0 && is_listed_number_word(w)
}

/// Whether `w` is one of [`NUMBER_WORDS`] in any ASCII case; out of line, as few words get here.
#[inline(never)]
fn is_listed_number_word(w: &[u8]) -> bool {
    NUMBER_WORDS
        .iter()
        .any(|n| n.as_bytes().eq_ignore_ascii_case(w))
}

/// The part of a run of letters and hyphens that may be a number word ("five-year").
fn before_hyphen(w: &[u8]) -> &[u8] {
    w.split(|&b| b == b'-').next().unwrap_or(w)
}

/// The part of each run of letters and hyphens of ASCII text `b` that may be a number word: its
/// letters before the first hyphen ("five" of "five-year", nothing of "-year"). Letters are found
/// eight at a time, and the head is cut as the run is read (no second scan for a hyphen).
fn ascii_word_heads(b: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && !(b[i].is_ascii_alphabetic() || b[i] == b'-') {
            i += 1;
        }
        if i == b.len() {
            return None;
        }
        let start = i;
        let head_end = tokens::letters_end(b, i);
        i = head_end;
        while b.get(i) == Some(&b'-') {
            i = tokens::letters_end(b, i + 1);
        }
        Some(&b[start..head_end])
    })
}

/// Whether sentence `s` has a digit or a number word, and so may hold a figure.
fn may_hold_a_figure(s: &str) -> bool {
    if crate::bytes::any(s.as_bytes(), |b| b.is_ascii_digit()) {
        return true;
    }
    if tokens::is_ascii(s.as_bytes()) {
        return ascii_word_heads(s.as_bytes()).any(is_number_word);
    }
    s.chars().any(tokens::starts_number)
        || s.split(|c: char| !c.is_alphabetic() && c != '-')
            .any(|w| is_number_word(before_hyphen(w.as_bytes())))
}

/// Whether a quote is open after `sentence`, given whether it was before: curly quotes open and
/// close (the last one decides), a straight one turns the state over.
fn quote_open_after(sentence: &str, open: bool) -> bool {
    let b = sentence.as_bytes();
    // U+201C and U+201D are E2 80 9C and E2 80 9D in UTF-8.
    let mut end = b.len();
    while let Some(i) = memchr::memrchr(0xE2, &b[..end]) {
        match b.get(i + 1..i + 3) {
            Some([0x80, 0x9C]) => return true,
            Some([0x80, 0x9D]) => return false,
            _ => end = i,
        }
    }
    open ^ (memchr::memchr_iter(b'"', b).count() % 2 == 1)
}

/// Dates that sources' statements carry: "Pentagon officials confirmed Monday" dates the
/// Pentagon's later figures in the same article.
#[derive(Default)]
struct SourceDates {
    /// Each dated source's key (see [`SourceDates::key`]) and its date, oldest first.
    dated: Vec<(Key, NaiveDate)>,
}

/// A source's capitalised name words in lower case; or, for a source named in lower case ("the
/// junta"), all its words, marked `described`. `text` is the whole name in lower case.
struct Key {
    words: Vec<String>,
    described: bool,
    text: String,
}

impl SourceDates {
    fn key(source: &str) -> Key {
        let words = || source.split([' ', '-']).filter(|w| !w.is_empty());
        let named: Vec<String> = words()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .map(str::to_lowercase)
            .collect();
        let text = source.to_lowercase();
        match named.is_empty() {
            true => Key {
                words: words().map(str::to_lowercase).collect(),
                described: true,
                text,
            },
            false => Key {
                words: named,
                described: false,
                text,
            },
        }
    }

    fn record(&mut self, source: &str, date: NaiveDate) {
        self.dated.push((Self::key(source), date));
    }

    /// The date most recently recorded for the same source: one whose name shares at least
    /// half the name words of the shorter of the two ("Pentagon" and "Deputy Pentagon press
    /// secretary Sabrina Singh"; not "Los Angeles Department of Water and Power" and "Los
    /// Angeles County Fire Chief Anthony Marrone", who share only a place). A source described
    /// in lower case is the same only as itself ("the junta"; not "regional military
    /// administration" and "Regional authorities"), or as a name it ends when it has two words
    /// or more ("air force" after "Ukraine's air force"; not "officials" after "Pentagon
    /// officials").
    fn lookup(&self, source: &str) -> Option<NaiveDate> {
        let key = Self::key(source);
        self.dated
            .iter()
            .rev()
            .find(|(other, _)| Self::same(&key, other))
            .map(|(_, d)| *d)
    }

    /// Whether sources `a` and `b` are the same, as [`SourceDates::lookup`] tells them.
    fn same_source(a: &str, b: &str) -> bool {
        Self::same(&Self::key(a), &Self::key(b))
    }

    /// Whether the source of `key` is the one recorded as `other` ([`SourceDates::lookup`]).
    /// A minister speaks for their ministry ("Health Minister Khumbize Chiponda" and "the
    /// health ministry", "the minister of the interior" and "the interior ministry").
    fn same(key: &Key, other: &Key) -> bool {
        if let (Some(a), Some(b)) = (ministry_of(&key.text), ministry_of(&other.text))
            && a == b
        {
            return true;
        }
        if key.described || other.described {
            let ends = |long: &Key, short: &Key| {
                short.described
                    && short.words.len() >= 2
                    && long.text.ends_with(&short.text)
                    && long.text[..long.text.len() - short.text.len()].ends_with(' ')
            };
            let same = other.described == key.described && other.words == key.words;
            return same || ends(other, key);
        }
        let shared = key.words.iter().filter(|w| other.words.contains(w)).count();
        shared > 0 && 2 * shared >= key.words.len().min(other.words.len())
    }
}

/// The field of the ministry a lower-case source name is or speaks for: "health" of "health
/// ministry", "ministry of health", "health minister khumbize chiponda" and "minister of
/// health"; none for another source or a bare "the ministry".
fn ministry_of(source: &str) -> Option<&str> {
    let words: Vec<&str> = source
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let at = words
        .iter()
        .position(|w| matches!(*w, "ministry" | "minister" | "ministry's" | "minister's"))?;
    let field: &str = match words.get(at + 1) {
        Some(&"of") => words[at + 2..].iter().find(|w| **w != "the")?,
        _ => words.get(at.checked_sub(1)?)?,
    };
    (!matches!(field, "the" | "a" | "prime" | "its" | "their")).then_some(field)
}

/// Extracts every claim of a document, in text order.
pub fn extract(doc: &Document) -> Vec<Claim> {
    // About one claim per 256 bytes of news text: room made once rather than grown.
    let mut claims = Vec::with_capacity(doc.text.len() / 256);
    extract_with(doc, |c| claims.push(c.into_claim()));
    claims
}

/// Hands every claim of a document to `found`, in text order, as a view borrowing its strings:
/// a caller that only writes the claims out need not copy them into owned ones.
pub fn extract_with<'d>(doc: &'d Document, mut found: impl FnMut(ClaimView<'d, '_>)) {
    // The day the article speaks of as today: its dateline's ("LOS ANGELES, Jan 13 (Wire) -"),
    // read from the first sentences, else its publication date.
    let mut written = doc.published;
    let mut pending = pending::Pending::new(written);
    // Whether a quote is open at the start of the sentence, and in which paragraph.
    let mut quote_open = false;
    let mut paragraph = 0;
    let text = doc.text.as_str();
    // Lower-cased once for the whole document: the rules compare lower-case words.
    let lower = text.to_ascii_lowercase();
    let mut source_dates = SourceDates::default();
    let mut paragraph_source: Option<(usize, String)> = None;
    let mut named = NamedSoFar::default();
    // The month or year the article's statistics are for: the period of its first rate that
    // ended shortly before publication ("inflation slowed to 4% in May"). Its later rates with
    // no date of their own ("core prices rose 0.4%") are that period's.
    let mut reference_period: Option<NaiveDate> = None;
    // For each unit of measure (and "percentage"), the source of the article's first figure in
    // it, for later ones with no source of their own.
    let mut reference_sources: Vec<(String, String)> = Vec::new();
    // Who forecast the article's figures last ("Economists polled by X had expected 7.3%"),
    // for a later forecast no one is named for ("against expectations of 0.4%").
    let mut forecaster: Option<String> = None;
    // The source a figure-less lede speaks for ("U.S. consumer prices rose less than expected
    // in April, the Labor Department said"): the release's, for the rates and measures after
    // it that name none and whose unit no source gave first.
    let mut lede_source: Option<String> = None;
    // Who the article's opening paragraph credits ("Arrivals have passed 18,000, according to
    // the ministry"): the source of the running total the story follows, for a later total no
    // one is named for ("lifting the 2022 tally to 18,108").
    let mut story_source: Option<String> = None;
    let mut lede_paragraph: Option<usize> = None;
    let mut figures_seen = false;
    // The day the last dated figure stated (not a period's end), for "A day earlier" in a later one.
    let mut told: Option<NaiveDate> = None;
    // Short names expanded once per document ("Rutte" -> "NATO Secretary-General Mark Rutte").
    let mut full_names: FxHashMap<String, Option<String>> = FxHashMap::default();
    let mut buffers = context::Buffers::default();
    for sent in sentences::split(text) {
        let sentence = &text[sent.start..sent.end];
        if sent.paragraph != paragraph {
            paragraph = sent.paragraph;
            quote_open = false;
            pending.paragraph(paragraph, &mut found);
        }
        // A sentence inside a quote, or opening one it does not close, is the speaker's named
        // where the quote closes.
        let in_quote = quote_open;
        quote_open = quote_open_after(sentence, quote_open);
        let quoted = in_quote || quote_open;
        let closes_quote = in_quote && !quote_open;
        let holds_figure = may_hold_a_figure(sentence);
        // A sentence without figures matters only when it names a source or a body (for the
        // sentences after it, and for the dates a source's statements carry).
        let names_body = attribution::may_name_body(sentence);
        // Before the article's first rate, a sentence may say what month its report is about.
        let may_state_period = !figures_seen && reference_period.is_none();
        if !holds_figure
            && !names_body
            && !may_state_period
            && !attribution::may_name_source(sentence)
        {
            continue;
        }
        let headline = pending::is_headline(text, sent.paragraph, sentence, sent.end);
        let ctx = Ctx::new(text, &lower, sent.start, sent.end, &mut buffers);
        let words = ctx.words();
        if !figures_seen
            && sent.paragraph <= 2
            && let Some(day) = dates::dateline_day(words, doc.published)
        {
            written = Some(day);
            pending.written(day);
        }
        // Whether the sentence names its own source, read once and only for an unsourced figure.
        let own_source = OnceCell::new();
        let tells_own_source =
            || *own_source.get_or_init(|| attribution::tells_its_own_source(words));
        // The sentence's dates, read only when a figure needs them.
        let dated = OnceCell::new();
        let told_before = told;
        let dated = || {
            dated
                .get_or_init(|| dates::dates_in(words, written, told_before))
                .as_slice()
        };
        // Bodies it names without quoting them: "the agency" in a later sentence may be one.
        if names_body {
            for body in attribution::bodies_named(words) {
                named.note_body(&body);
            }
        }
        // The sentence's sources, references ("he", "the agency") resolved to the names before.
        let sources: Vec<(Source, String)> = sources_in(words)
            .into_iter()
            .filter_map(|s| {
                let name = match &s.speaker {
                    Speaker::Named(n) => {
                        // Looked up by the borrowed name: a name met before is not copied.
                        let full = match full_names.get(n.as_str()) {
                            Some(full) => full.clone(),
                            None => {
                                let full = expand_name(n, &text[..sent.start]);
                                full_names.insert(n.clone(), full.clone());
                                full
                            }
                        };
                        // "fire officials" after "Cal Fire said": that body's officials.
                        full.or_else(|| named.officials_of(n).map(str::to_string))
                            .unwrap_or_else(|| n.clone())
                    }
                    refers => named.resolve(refers)?.to_string(),
                };
                // One name for a publisher however it is written, so that its statements'
                // dates and the references to it meet ("the UN humanitarian office on Sunday
                // ... OCHA said").
                let name = bodies::canonical(&name).map_or(name, str::to_string);
                named.note(&name);
                Some((s, name))
            })
            .collect();
        if !sources.is_empty() {
            // A statement's own date sits by its verb: "said on Monday", "on Friday reported";
            // not across a comma before it ("up from 6,000 last year, according to X").
            for (s, name) in &sources {
                // "up from the 30 million it had estimated on Thursday": a relative clause on
                // an earlier figure dates that figure, not a statement of its speaker's.
                let on_a_figure = (s.at.saturating_sub(4)..s.at)
                    .rev()
                    .take_while(|&k| words[k].lower != ",")
                    .any(|k| words[k].text.starts_with(|c: char| c.is_ascii_digit()));
                if on_a_figure {
                    continue;
                }
                let from = (s.at.saturating_sub(3)..s.at)
                    .rev()
                    .find(|&k| words[k].lower == ",")
                    .map_or(s.at.saturating_sub(3), |k| k + 1);
                let around = &words[from..(s.at + 4).min(words.len())];
                if let Some(d) = dates::date_in(around, written) {
                    source_dates.record(name, d);
                    pending.source_dated(|s| SourceDates::same_source(s, name), d, &mut found);
                }
            }
            if let Some((_, name)) = sources
                .iter()
                .rev()
                // Who expected a figure speaks for that figure only (the article's forecasts
                // take them as its forecasters), not for the paragraph's measured ones.
                .find(|(s, _)| {
                    attribution::speaks_on(words, s)
                        && !lexicon::FORESEE.contains(words[s.at].lower)
                })
            {
                paragraph_source = Some((sent.paragraph, name.clone()));
                // A dateline's day is no figure: "WASHINGTON, July 11 (Reuters) - U.S.
                // consumer prices unexpectedly fell in June, the Labor Department said".
                let figureless = !holds_figure
                    || !may_hold_a_figure(&sentence[sentences::dateline_len(sentence)..]);
                if figureless && !figures_seen && !quoted {
                    lede_source.get_or_insert_with(|| name.clone());
                }
                if !headline
                    && !quoted
                    && story_source.is_none()
                    && *lede_paragraph.get_or_insert(sent.paragraph) == sent.paragraph
                {
                    story_source = Some(name.clone());
                }
            }
        }
        if closes_quote && let Some((_, name)) = sources.last() {
            pending.speaker(sent.paragraph, name, &mut found);
        }
        if !sources.is_empty() {
            let credit = sources
                .iter()
                .rev()
                .find(|(s, _)| s.trailing && attribution::speaks_on(words, s))
                .map(|(_, name)| name.as_str())
                .filter(|name| !attribution::names_forecasters(name));
            pending.credit(sent.paragraph, credit, &mut found);
        }
        let anchors: Vec<Source> = sources.iter().map(|(s, _)| s.clone()).collect();
        let sentence_source = match &paragraph_source {
            Some((p, s)) if *p == sent.paragraph => Some(s.as_str()),
            _ => None,
        };
        // The lede (the sentences up to the article's first figure) may say what month its
        // report is about without a rate ("Job growth nearly stalled in October as two
        // hurricanes kept workers home, a government report showed on Friday"): that month is
        // the article's undated rates' ("The jobless rate held at 4.1%"), as a first recent
        // rate's would be.
        let in_lede = may_state_period && !headline && !quoted;
        let lede_period = || {
            dated()
                .iter()
                .find(|d| d.period && !d.statement && recent_period(d.date, written))
                .map(|d| d.date)
        };
        if !holds_figure {
            if in_lede {
                reference_period = lede_period();
            }
            continue;
        }
        figures_seen |= !headline;
        if !headline {
            lede_paragraph.get_or_insert(sent.paragraph);
        }
        let reserved = filters::reserved_spans(text, sent.start, sent.end);
        let quantities = quantity::quantities(&ctx, &reserved);
        if in_lede && !quantities.iter().any(|q| q.kind == Kind::Percentage) {
            reference_period = lede_period();
        }
        if quantities.is_empty() {
            continue;
        }
        let firsts: Vec<usize> = quantities.iter().map(|q| q.first).collect();
        // "from 2.1% in August", "up from 607 a week earlier": the words after a stated
        // previous value (up to a "to" that starts the new value, not the "to" of "the three
        // months to May") date that value, not the figure.
        let previous_region = |(first, last): (usize, usize)| {
            let end = (last + 8).min(words.len());
            let stop = (last..end)
                .find(|&k| match words[k].lower {
                    "to" => firsts.contains(&(k + 1)),
                    "," | ";" => true,
                    _ => false,
                })
                .unwrap_or(end);
            first..stop
        };
        // Each figure's previous value's region, by the figure's first token.
        let owned_previous: Vec<(usize, std::ops::Range<usize>)> = quantities
            .iter()
            .filter_map(|q| Some((q.first, previous_region(q.previous_span?))))
            .collect();
        let mut last_concept: Option<(usize, Option<String>)> = None;
        // Where the sentence's last figure ended, when it was a target ([`role::shares_a_target`]).
        let mut target_before: Option<usize> = None;
        let spans: Vec<(usize, usize)> = quantities
            .iter()
            .map(|q| (q.first, q.unit_end.max(q.last)))
            .collect();
        for q in quantities {
            let start = ctx.toks[q.first].start;
            let end = ctx.toks[q.last - 1].end;
            let next = firsts.iter().copied().find(|&f| f > q.first);
            // A forecast its words give to no one is not made by whoever the sentence says
            // spoke, unless they are forecasters.
            let unowned_forecast = role::unowned_forecast(&ctx, &q);
            let role = match role::role_of(&ctx, &q) {
                Role::Level | Role::Change
                    if target_before
                        .is_some_and(|end| role::shares_a_target(&ctx, end, q.first)) =>
                {
                    Role::Target
                }
                role => role,
            };
            target_before = (role == Role::Target).then_some(q.unit_end.max(q.last));
            let pick = |anchors: &[Source]| source_for(words, anchors, (q.first, q.last), next);
            let mut picked = pick(&anchors);
            // Forecasters expected a figure; a measured one is not theirs ("above the 160,000
            // economists had expected, and the jobless rate slipped to 4.1%").
            let forecasters = |k: usize| {
                lexicon::FORESEE.contains(words[anchors[k].at].lower)
                    && attribution::names_forecasters(&sources[k].1)
            };
            if role != Role::Target && picked.is_some_and(forecasters) {
                let kept: Vec<usize> = (0..anchors.len()).filter(|&k| !forecasters(k)).collect();
                let others: Vec<Source> = kept.iter().map(|&k| anchors[k].clone()).collect();
                picked = pick(&others).map(|j| kept[j]);
            }
            let source = picked
                .map(|k| sources[k].1.as_str())
                .or(sentence_source)
                .filter(|s| !unowned_forecast || attribution::names_forecasters(s));
            // A source named in this sentence dates its figures when the sentence does not.
            let named_here = sources.iter().any(|(_, n)| Some(n.as_str()) == source);
            let stated = !dated().is_empty();
            // "from 2.1% in August", "up from 607 a week earlier": the words after a stated
            // previous value (up to a "to" that starts the new value, not the "to" of "the
            // three months to May") date that value, not the figure.
            let previous_dates = q.previous_span.map(previous_region);
            // "16,000 this year, compared with 6,000 a year earlier": the dates from a
            // comparison's base on are the base's.
            let base = firsts
                .iter()
                .find(|&&f| f >= q.last)
                .filter(|&&f| comparison_base(words, f))
                .map(|&f| f..words.len());
            // "33 million, about one in seven people, up from 30 million on Thursday": the
            // previous value of the figure before this one, and its dates, stand after this one.
            let anothers_previous = owned_previous
                .iter()
                .filter(|(owner, region)| *owner < q.first && region.start >= q.last)
                .map(|(_, region)| region.clone())
                .next();
            let aside = previous_dates
                .clone()
                .or(base)
                .or(anothers_previous)
                .unwrap_or(0..0);
            let rate = q.kind == Kind::Percentage;
            let own = dates::date_for(
                dated(),
                words,
                (q.first, q.unit_end.max(q.last)),
                &spans,
                aside,
                rate,
            );
            // "A year ago, inflation peaked at about 9%": a rate's months ago count back from
            // the report's month.
            let counted_back = own
                .zip(reference_period.filter(|_| rate))
                .and_then(|(d, end)| dates::ago_from_period(d, words, written, end));
            let last_year = dates::last_years_total(words, q.first, written);
            let own = last_year.as_ref().or(counted_back.as_ref()).or(own);
            if rate && reference_period.is_none() {
                reference_period = own
                    .filter(|d| d.period && recent_period(d.date, written))
                    .map(|d| d.date);
            }
            // A rate's period before the day its report came out ("rose 1.3%, the report showed
            // Wednesday" is the report's month); so is a forecast of that rate, made before it
            // came out ("Economists had expected 7.3%", "a forecast of 0.3%"), not one that
            // looks ahead ("The bank expects inflation to ease to 2.5%"). So is a count's change
            // told on the report's day, and its forecast: "Employment rose by 32,200, the bureau
            // said on Thursday, below forecasts of a 40,000 gain" is the month's.
            let monthly_change = matches!(q.kind, Kind::Count | Kind::Other)
                && matches!(role, Role::Change | Role::Target);
            let reference = reference_period.filter(|_| {
                (rate || monthly_change) && (role != Role::Target || !dates::foretells(words))
            });
            let own = own.filter(|d| reference.is_none() || !d.statement || d.period);
            if let Some(d) = own {
                // A day told, not a period's end ("last year's annual figure of 29,437"): what
                // "a day earlier" and "the same date last year" count from. Not a comparison's
                // base ("against 66,237 a year earlier"): the story has not gone back to it.
                let base = comparison_base(words, q.first);
                if !d.period && !base {
                    told = Some(d.date);
                }
                // A source's dated figure dates its later undated statements ("The junta raised
                // the toll to 2,056 on Monday. It said 3,900 were hurt."); a period's does not,
                // nor a comparison's base ("430 officers, well short of the 2,500 envisaged a
                // year ago").
                if let Some(name) = source.filter(|_| named_here && !d.period && !base) {
                    source_dates.record(name, d.date);
                    let theirs = |s: &str| SourceDates::same_source(s, name);
                    pending.source_dated(theirs, d.date, &mut found);
                }
            }
            // The article's measurements are their first source's: a later rate or measure with
            // no source of its own, in any paragraph, is the source's that gave the first of its
            // unit ("Core prices rose 0.4%" after the bureau's dated rate; "The Eaton fire has
            // burned 14,117 acres" after Cal Fire's acres). A rate must be dated to be a
            // statistic's.
            let measured = measured_unit(q.kind, q.unit_norm.as_deref());
            if let (Some(unit), Some(name)) = (measured, source)
                && named_here
                && (!rate || own.is_some())
                && !reference_sources.iter().any(|(u, _)| u == unit)
            {
                reference_sources.push((unit.to_string(), name.to_string()));
            }
            let source = source.or_else(|| {
                let unit = measured.filter(|_| role != Role::Target && !quoted)?;
                reference_sources
                    .iter()
                    .find(|(u, _)| u == unit)
                    .map(|(_, name)| name.as_str())
                    .or(lede_source.as_deref())
            });
            let source = source.or_else(|| {
                story_source
                    .as_deref()
                    .filter(|_| role == Role::Level && !quoted && names_a_total(words, q.first))
            });
            let forecast = role == Role::Target && forecasts(words);
            let source = source.or_else(|| forecaster.as_deref().filter(|_| forecast && !quoted));
            // People who forecast ("economists polled by X") stay the article's forecasters
            // over a consensus or poll named after them.
            let new_forecaster = source
                .filter(|s| {
                    forecast
                        && named_here
                        && (forecaster.is_none() || attribution::names_forecasters(s))
                })
                .map(str::to_string);
            // "That brings the total to 21,000": the day of the figures it adds up.
            let continued = told.filter(|_| own.is_none() && adds_up_the_last(words));
            let stated_date = own.map(|d| d.date).or(continued).or(reference).or_else(|| {
                source
                    .filter(|_| named_here)
                    .and_then(|s| source_dates.lookup(s))
            });
            let as_of = stated_date.or(written);
            let mut concept = concept::concept(&ctx, q.first, q.unit_end, q.phrase);
            // A figure in a list shares the concept of the one before it: "3 years, 2 months".
            if concept.is_none()
                && let Some((prev_end, prev)) = &last_concept
                && q.first.saturating_sub(*prev_end) <= 8
            {
                concept.clone_from(prev);
            }
            // The source is not what a figure is about: "US officials say 3,000 troops".
            if let (Some(c), Some(src)) = (&concept, source)
                && let Some((owner, thing)) = keywords::split_at_comma(c)
                && (src.contains(owner) || owner.contains(src))
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
            // The previous value's own date, a span back counted from the figure's.
            // A date after "since" there is when the value began to hold: "down from the 115
            // that had stood since Aug. 21", "up from 3,000 since Monday".
            let previous_as_of = q
                .previous_span
                .zip(previous_dates)
                .and_then(|((_, last), dates)| {
                    let after = &words[last..dates.end];
                    dates::date_in(after, as_of).or_else(|| {
                        let since = after.iter().position(|w| w.lower == "since")?;
                        dates::date_in(&after[since + 1..], as_of)
                    })
                })
                // "Core inflation eased to 3.6% from 4.2%" in a month's report: the rate
                // before is the month before's.
                .or_else(|| {
                    let monthly = reference.is_some() || own.is_some_and(|d| d.period);
                    q.previous_span?;
                    dates::month_before(words, as_of?).filter(|_| rate && monthly)
                });
            let previous_bytes = q
                .previous_span
                .map(|(first, last)| (ctx.toks[first].start, ctx.toks[last - 1].end));
            let view = ClaimView {
                doc,
                as_of,
                concept,
                value: q.value,
                low: q.low,
                high: q.high,
                unit: q.unit,
                unit_normalized: q.unit_norm,
                kind: q.kind,
                bound: q.bound,
                direction: q.direction,
                role,
                previous: q.previous,
                previous_text: previous_bytes.map(|(a, b)| &text[a..b]),
                previous_start: previous_bytes.map(|(a, _)| a as u32),
                previous_end: previous_bytes.map(|(_, b)| b as u32),
                previous_as_of,
                attribution: source.map(|s| bodies::canonical(s).unwrap_or(s)),
                text: &text[start..end],
                start: start as u32,
                end: end as u32,
                sentence,
            };
            let wait = if headline && !stated {
                Wait::Figure
            } else if quoted && source.is_none() {
                Wait::Speaker(sent.paragraph)
            } else if source.is_none() && unowned_forecast {
                Wait::Forecaster
            } else if source.is_none() && !headline && !tells_own_source() {
                Wait::Credit(sent.paragraph)
            } else if stated_date.is_none()
                && named_here
                && !quoted
                && !headline
                && lede_paragraph == Some(sent.paragraph)
            {
                // The opening paragraph's undated statement may be dated by it or the next.
                Wait::Dated(1)
            } else {
                Wait::Nothing
            };
            let unit =
                || measured_unit(view.kind, view.unit_normalized.as_deref()).map(str::to_string);
            // A rate or measure of the opening paragraph that no one there is credited for is
            // the release's that a later figure of its unit names.
            let release = matches!(wait, Wait::Credit(_))
                && role != Role::Target
                && !quoted
                && lede_paragraph == Some(sent.paragraph);
            let release = release.then(unit).flatten();
            // And a figure that names its source, or is credited to the source its paragraph
            // named ("The bureau said on Thursday ... The participation rate rose to 66.8%"),
            // is how a release is named.
            let measured_by = source
                .filter(|name| {
                    (named_here || sentence_source == Some(*name))
                        && !quoted
                        && !forecast
                        && role != Role::Target
                        && !attribution::names_forecasters(name)
                })
                .and_then(|name| Some((unit()?, name)));
            pending.push(view, wait, release.as_deref(), &mut found);
            if let Some((unit, name)) = measured_by {
                pending.measured_by(&unit, name, &mut found);
            }
            if let Some(name) = new_forecaster {
                pending.forecaster(&name, &mut found);
                forecaster = Some(name);
            }
        }
    }
    pending.finish(&mut found);
}

/// The unit a measurement is told apart by, for the sources of its article's later ones:
/// "percentage" for a rate, the unit of a measure ("acre"); none for a count.
fn measured_unit(kind: Kind, unit: Option<&str>) -> Option<&str> {
    match kind {
        Kind::Percentage => Some("percentage"),
        Kind::Measure => unit,
        _ => None,
    }
}

/// Whether the figure at token `first` is a comparison's base: "compared with 6,000",
/// "compare with 66,237", "against about 900", "versus 1.2%", "almost double the 66,237", and
/// the mark a figure falls short of or passes: "well short of the 2,500 envisaged when ...",
/// "far below the 900 planned", "above the 2% target set in 2012".
fn comparison_base(words: &[context::Word], first: usize) -> bool {
    let before = &words[first.saturating_sub(4)..first];
    before.windows(2).any(|w| {
        matches!(
            (w[0].lower, w[1].lower),
            (
                "compare" | "compares" | "compared" | "comparing",
                "with" | "to"
            ) | ("double" | "twice" | "triple" | "treble" | "half", "the")
                | ("short" | "shy", "of")
                | ("below" | "above", "the")
        )
    }) || before
        .iter()
        .any(|w| matches!(w.lower, "against" | "versus" | "vs"))
}

/// Whether a total's noun stands right before the figure at token `first`, across its verb:
/// "lifting the 2022 tally to 18,108", "took the total to 29,578", "the toll rose to 115",
/// "The total for 2024 now stands at 18,320" (not across a comma).
fn names_a_total(words: &[context::Word], first: usize) -> bool {
    words[first.saturating_sub(7)..first]
        .iter()
        .rev()
        .take_while(|w| !matches!(w.lower, "," | ";" | ":"))
        .any(|w| matches!(w.lower, "total" | "tally" | "toll" | "count"))
}

/// Whether a sentence speaks of a forecast: "had expected", "a forecast of", "looked for".
fn forecasts(words: &[context::Word]) -> bool {
    words.iter().any(|w| lexicon::FORESEE.contains(w.lower))
        || words
            .windows(2)
            .any(|w| w[0].lower == "looked" && w[1].lower == "for")
}

/// Whether a sentence adds the figures before it into a total: "That brings the total to ...",
/// "It takes the number so far this year to ...", "The new arrivals push the tally past ...".
fn adds_up_the_last(words: &[context::Word]) -> bool {
    let opens = words.first().is_some_and(|w| {
        matches!(
            w.lower,
            "that" | "this" | "it" | "those" | "these" | "the" | "which"
        )
    });
    opens
        && words.iter().take(5).any(|w| {
            matches!(
                w.lower,
                "brings" | "brought" | "takes" | "took" | "pushes" | "pushed" | "lifts" | "raises"
            )
        })
}

/// Whether a period ending on `end` is a report's latest: it ended within about two months
/// before publication (statistics come out weeks after their month), not history.
fn recent_period(end: NaiveDate, published: Option<NaiveDate>) -> bool {
    published.is_some_and(|p| end <= p && (p - end).num_days() <= 62)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A previous value's trailing date ("a week earlier") dates that value, counted back from
    /// the figure's own date, and never the figure.
    #[test]
    fn a_previous_values_relative_date_is_its_own() {
        let cases = [
            // (text, figure's as-of, previous value's as-of)
            (
                "The county counted 684 cases, up from 607 a week earlier.",
                "2025-03-14",
                Some("2025-03-07"),
            ),
            (
                "On Tuesday the tally reached 90 cases, up from 75 the day before.",
                "2025-03-11",
                Some("2025-03-10"),
            ),
            (
                "Officials reported 1,200 arrivals, up from 950 the previous week.",
                "2025-03-14",
                Some("2025-03-07"),
            ),
            (
                "Core prices climbed 3.3% in February, up from 3.2% the month before.",
                "2025-02-28",
                Some("2025-01-31"),
            ),
            (
                "Exports reached 40 tonnes on Tuesday, up from 35 tonnes the week before.",
                "2025-03-11",
                Some("2025-03-04"),
            ),
            ("Prices rose 5% from a year earlier.", "2025-03-14", None),
            // A date of the previous value before its source is still the value's.
            (
                "Some 800 boats have landed, up from 500 in the same period last year, \
                 according to the coast guard.",
                "2025-03-14",
                Some("2024-03-14"),
            ),
            (
                "Some 800 boats have landed, up from 500 last year, the coast guard said.",
                "2025-03-14",
                Some("2024-12-31"),
            ),
            // A period ending "to" a month is the previous value's; a "to" before a figure
            // ends it.
            (
                "The jobless rate rose to 4.2% in the three months to February, up from 4.0% \
                 in the three months to January.",
                "2025-02-28",
                Some("2025-01-31"),
            ),
            (
                "Vacancies fell to 1.1 million in the quarter to February, down from 1.2 million in \
                 the quarter to January.",
                "2025-02-28",
                Some("2025-01-31"),
            ),
            (
                "Inflation eased to 1.9% in February from 2.1% in January.",
                "2025-02-28",
                Some("2025-01-31"),
            ),
            // A month's rate compares with the month before when no date says otherwise; a
            // quarter's or a year's is left undated.
            (
                "Core inflation eased to 3.6% in February from 4.2%.",
                "2025-02-28",
                Some("2025-01-31"),
            ),
            (
                "Output grew 0.4% in the fourth quarter, up from 0.1%.",
                "2024-12-31",
                None,
            ),
            (
                "Inflation averaged 5.4% in 2024, down from 6.1%.",
                "2024-12-31",
                None,
            ),
            // The date an earlier value held since.
            (
                "The toll was cut to 97, down from the 115 that had stood since March 2.",
                "2025-03-14",
                Some("2025-03-02"),
            ),
            (
                "Cases reached 5,000, up from 3,000 since Monday.",
                "2025-03-14",
                Some("2025-03-10"),
            ),
            (
                "Cases reached 5,000, up from 3,000 since the outbreak began.",
                "2025-03-14",
                None,
            ),
        ];
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        for (text, as_of, previous_as_of) in cases {
            let claims = extract(&Document {
                published: Some(day("2025-03-14")),
                ..Document::new("d", text)
            });
            assert_eq!(claims[0].as_of, Some(day(as_of)), "{text}");
            assert_eq!(claims[0].previous_as_of, previous_as_of.map(day), "{text}");
        }
    }

    /// A lede that names the release's source and no figure speaks for the rates and measures
    /// after it that name none; not for counts, nor once a figure came before it.
    #[test]
    fn a_figureless_lede_sources_the_rates_after_it() {
        let text = "Consumer prices rose less than expected in May, the statistics office said.\n\n\
                    The index rose 0.2% last month. In the 12 months to May, prices rose 2.6%. \
                    Some 40 shops closed.";
        check_attribution(&[
            (text, "0.2", Some("statistics office")),
            (text, "2.6", Some("statistics office")),
            (text, "40", None),
        ]);
        let text = "Prices rose 0.3%.\n\nThe outlook is poor, the statistics office said.\n\n\
                    The index rose 0.2% last month.";
        check_attribution(&[(text, "0.2", None)]);
        // After a dateline with its day.
        let text = "WASHINGTON, March 13 (Wire) - Consumer prices fell in February, the statistics \
                    office said.\n\nIn the 12 months to February, prices rose 2.6%.";
        check_attribution(&[(text, "2.6", Some("statistics office"))]);
    }

    /// A rate or measure of the opening paragraph that no one there is credited for is the
    /// release's that a later figure of the same unit names; not a forecaster's, and not a
    /// count's.
    #[test]
    fn a_lede_rate_takes_the_source_named_later_for_its_unit() {
        let text = "Annual inflation rose to 2.9% in February, the highest since July.\n\n\
                    Core prices rose 3.2% over the year, the statistics office said.";
        let acres = "The Ridge Fire has burned 14,000 acres since Tuesday.\n\n\
                     A second blaze has scorched 2,300 acres, Cal Fire said.";
        let forecast = "Inflation rose to 2.9% in February.\n\n\
                        Economists polled by the newswire had forecast 2.8%.";
        let count = "Employers added 12,000 jobs in February.\n\n\
                     The jobless rate rose to 4.2%, the bureau said.";
        let credited = "Inflation rose to 2.9% in February, the statistics office said.\n\n\
                        Rents rose 4%, the property portal Homely said.";
        // A figure credited to the source its paragraph named names the release too.
        let carried = "Hiring picked up in May, keeping the jobless rate at 3.9%.\n\n\
                       Employers added 40,000 jobs, the statistics bureau said on Friday. \
                       The participation rate edged up to 64.1%.";
        check_attribution(&[
            (text, "2.9", Some("statistics office")),
            (
                acres,
                "14,000",
                Some("California Department of Forestry and Fire Protection (Cal Fire)"),
            ),
            (forecast, "2.9", None),
            (count, "12,000", None),
            (credited, "2.9", Some("statistics office")),
            (carried, "3.9", Some("statistics bureau")),
        ]);
    }

    /// A figure whose verb is left out takes the name right before it, not the first
    /// figure's subject.
    #[test]
    fn a_gapped_figure_with_its_own_subject_keeps_it() {
        let text = "The North Fire has burned 12,400 acres and the Ridge Fire 8,100.";
        let claims = claims_of(text, "2025-03-14");
        let concept = |fig: &str| {
            let c = claims.iter().find(|c| c.text == fig).expect(fig);
            c.concept.clone().unwrap_or_default()
        };
        assert!(concept("12,400").contains("North Fire"), "{claims:?}");
        assert!(concept("8,100").contains("Ridge Fire"), "{claims:?}");
    }

    /// A date in the statement after a ";" is that statement's, not the figure's before it.
    #[test]
    fn a_date_after_a_semicolon_is_the_next_statements() {
        check_as_of(&[
            (
                "Four people remain missing; one body was found on Wednesday.",
                "Four",
                "2025-03-14",
            ),
            (
                "The toll rose to 40 on Monday; 12 more died on Tuesday.",
                "40",
                "2025-03-10",
            ),
        ]);
    }

    /// A dateline's day is the article's today: its undated figures hold then, and its weekdays
    /// count back from it; a dateline more than a week old, none, or one after the article's
    /// first figures leaves the publication day.
    #[test]
    fn a_datelines_day_is_the_articles_today() {
        let filed = "WASHINGTON, March 13 (Wire) - The fire has burned 4,000 acres.\n\n\
                     Officials said on Wednesday that 12 homes were lost.";
        let same_day = "DENVER, March 14 - About 300 people were evacuated.";
        let stale = "DENVER, March 1 - About 300 people were evacuated.";
        let later = "Some 90 people were rescued.\n\nQUITO, Mar. 12 (Wire) - 40 boats sank.";
        check_as_of(&[
            (filed, "4,000", "2025-03-13"),
            (filed, "12", "2025-03-12"),
            (same_day, "300", "2025-03-14"),
            (stale, "300", "2025-03-14"),
            (later, "90", "2025-03-14"),
            // A dateline after the article's first figures dates nothing.
            (later, "40", "2025-03-14"),
        ]);
    }

    /// A comparison's base keeps the dates after it: the figure before it is not dated by them.
    #[test]
    fn a_comparisons_base_keeps_its_date() {
        let cases = [
            "So far this year 7,400 people have crossed, compared with 5,100 a year earlier.",
            "The port handled 7,400 ships, against 5,100 in 2023.",
            "Sales reached 7,400 units versus 5,100 last month.",
            // The mark a figure falls short of or passes is a base too.
            "The mission now has 7,400 officers, well short of the 5,100 planned a year ago.",
            "The fund holds 7,400 accounts, far below the 5,100 forecast in 2023.",
        ];
        let want = [
            "2024-03-14",
            "2023-12-31",
            "2025-02-28",
            "2024-03-14",
            "2023-12-31",
        ];
        for (text, base) in cases.iter().zip(want) {
            check_as_of(&[(text, "7,400", "2025-03-14"), (text, "5,100", base)]);
        }
    }

    /// A date before ", when" dates the figure of the "when" clause, even as a comparison's
    /// base, and not the figure before it; "the same point in 2024" is that year's day.
    #[test]
    fn a_when_clause_takes_the_date_before_it() {
        let text = "Arrivals are 9% up on the same point in 2024, when 4,310 had landed.";
        check_as_of(&[(text, "9", "2025-03-14"), (text, "4,310", "2024-03-14")]);
        let text = "Sales are 12% lower than at this point last year, when 880 had been sold.";
        check_as_of(&[(text, "12", "2025-03-14"), (text, "880", "2024-03-14")]);
        let text = "The count is 40% above its level in 2023, when 2,100 were recorded.";
        check_as_of(&[(text, "2,100", "2023-12-31")]);
    }

    /// Each (text, figure, as-of) of an article published on 2025-03-14 (a Friday).
    fn check_as_of(cases: &[(&str, &str, &str)]) {
        for (text, figure, want) in cases {
            let claims = claims_of(text, "2025-03-14");
            let c = claims.iter().find(|c| c.text == *figure).expect(text);
            assert_eq!(
                c.as_of.map(|d| d.to_string()).as_deref(),
                Some(*want),
                "{text}"
            );
        }
    }

    /// A previous value after an aside's share is the figure's before the aside, and its date
    /// is neither figure's.
    #[test]
    fn a_previous_value_past_an_aside_is_the_figures_before_it() {
        let text = "The agency put the number of people affected at 33 million, about one in \
                    seven people, up from 30 million on Thursday.";
        let claims = claims_of(text, "2025-03-14");
        let of = |t: &str| claims.iter().find(|c| c.text == t).expect(t);
        assert_eq!(of("33 million").previous, Some(30_000_000.0));
        assert_eq!(of("one in seven").previous, None);
        check_as_of(&[
            (text, "33 million", "2025-03-14"),
            (text, "one in seven", "2025-03-14"),
        ]);
    }

    /// A speaker's relative clause on an earlier figure ("the 30 million it had estimated on
    /// Thursday") dates that figure, not the speaker's other figures.
    #[test]
    fn a_relative_clause_on_an_earlier_figure_dates_only_it() {
        let text = "Of the dead, 386 were children, the agency said. It put the number of people \
                    affected at 33 million, up from the 30 million it had estimated on Tuesday, \
                    and said more than a million homes had been damaged.";
        check_as_of(&[
            (text, "386", "2025-03-14"),
            (text, "33 million", "2025-03-14"),
            (text, "a million", "2025-03-14"),
        ]);
    }

    /// A count's change told on the day of a monthly report is the report's month, as its rates
    /// are; a count's level keeps the day.
    #[test]
    fn a_reports_count_changes_take_its_month() {
        let text = "Employment rebounded in February and the jobless rate held at 4.1%.\n\n\
                    The number of people employed rose by 32,200, the bureau said on Thursday, \
                    below forecasts of a 40,000 gain. \
                    Employers added 12,000 jobs in retail, it said. Some 1,200 firms replied to \
                    the survey, the bureau said on Thursday.";
        check_as_of(&[
            (text, "4.1", "2025-02-28"),
            (text, "32,200", "2025-02-28"),
            (text, "40,000", "2025-02-28"),
            (text, "12,000", "2025-02-28"),
            (text, "1,200", "2025-03-13"),
        ]);
    }

    /// A date inside an "after" phrase that a comma closes before the figure is that
    /// phrase's event's, not the figure's.
    #[test]
    fn an_earlier_events_date_is_not_the_figures() {
        check_as_of(&[
            (
                "Employment rebounded in February after a surprise drop the month before, \
                 keeping the jobless rate at 4.1%.",
                "4.1",
                "2025-02-28",
            ),
            (
                "After heavy rain on Sunday, the toll rose to 50, officials said.",
                "50",
                "2025-03-14",
            ),
            (
                "Following talks on Tuesday, the ministry said 300 prisoners had been freed.",
                "300",
                "2025-03-14",
            ),
            // Its own date still counts.
            (
                "After heavy rain on Sunday, the toll rose to 50 on Wednesday.",
                "50",
                "2025-03-12",
            ),
        ]);
    }

    /// Each (text, figure, attribution) of an article published on 2025-03-14.
    fn check_attribution(cases: &[(&str, &str, Option<&str>)]) {
        for (text, figure, want) in cases {
            let claims = claims_of(text, "2025-03-14");
            let c = claims.iter().find(|c| c.text == *figure).expect(text);
            assert_eq!(c.attribution.as_deref(), *want, "{text}");
        }
    }

    fn claims_of(text: &str, published: &str) -> Vec<Claim> {
        extract(&Document {
            published: NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
            ..Document::new("d", text)
        })
    }

    /// An undated figure of the opening paragraph takes the day its source's statement is
    /// given in that paragraph or the next; not another source's, nor a later paragraph's.
    #[test]
    fn a_ledes_undated_statement_takes_the_day_given_next() {
        let cases = [
            (
                "More than 3,000 soldiers have been killed, the ministry said.\n\n\
                 The ministry said on Monday that 200 more had died.",
                "3,000",
                "2025-03-10",
            ),
            (
                "Some 40 boats have landed, Ruiz said.\n\n\
                 \"We have counted 40 boats,\" Ruiz told reporters on Wednesday.",
                "40",
                "2025-03-12",
            ),
            (
                "Some 40 boats have landed, the coast guard said.\n\n\
                 The navy said on Wednesday it had sent 3 ships.",
                "40",
                "2025-03-14",
            ),
            (
                "Some 40 boats have landed, the coast guard said.\n\nThe sea was calm.\n\n\
                 The coast guard said on Wednesday that 12 were turned back.",
                "40",
                "2025-03-14",
            ),
        ];
        check_as_of(&cases);
    }

    /// A source's dated statement dates its later figures; another source that shares only a
    /// place with it does not.
    #[test]
    fn a_statements_date_carries_to_the_same_source_only() {
        let text = "Pentagon officials said on Monday that 8,000 troops had arrived. \
                    Later, Pentagon spokesman Pat Ryder put the figure at 10,000. \
                    Los Angeles County Fire Chief Ann Marr said on Sunday that 900 homes burned. \
                    According to the Los Angeles Department of Water and Power, 40,000 customers \
                    lost power.";
        check_as_of(&[
            (text, "10,000", "2025-03-10"),
            (text, "40,000", "2025-03-14"),
        ]);
    }

    /// A minister speaks for their ministry: the ministry's dated statement dates the
    /// minister's undated one, and another ministry's minister keeps the article's day.
    #[test]
    fn a_ministrys_date_carries_to_its_minister() {
        for (name, want) in [
            ("health ministry", Some("health")),
            ("ministry of health", Some("health")),
            ("ministry of the interior", Some("interior")),
            ("Health Minister Ana Costa", Some("health")),
            ("the minister of the interior, Pedro Ruiz", Some("interior")),
            ("the ministry", None),
            ("Prime Minister Jo Park", None),
            ("Red Cross", None),
        ] {
            assert_eq!(ministry_of(&name.to_lowercase()), want, "{name}");
        }
        let text = "The health ministry said on Monday that 40 people had died. Health \
                    Minister Ana Costa said 900 cases had been recorded.\n\n\
                    The interior ministry said on Tuesday that 12 boats had landed. The \
                    minister of the interior said 600 people were on board.\n\n\
                    Defence Minister Jo Park said 300 troops were deployed.";
        check_as_of(&[
            (text, "900", "2025-03-10"),
            (text, "600", "2025-03-11"),
            (text, "300", "2025-03-14"),
        ]);
    }

    /// A source's dated figure dates what it says next without a date; a month's figure does
    /// not date the source's later ones.
    #[test]
    fn a_sources_dated_figure_dates_its_next_statements() {
        let text = "The junta raised the toll to 2,056 on Monday. It said 3,900 were hurt.\n\n\
                    The bureau said prices rose 3% in February. It said 40 shops closed.";
        check_as_of(&[(text, "3,900", "2025-03-10"), (text, "40", "2025-03-14")]);
        // A lower-case name that ends the dated one is the same source.
        let text = "Ukraine's air force said on Monday that Russia launched 90 drones. \
                    The air force said 80 of them were shot down.";
        check_as_of(&[(text, "80", "2025-03-10")]);
        // A comparison's base dates neither the source's figure before it nor the next.
        let text = "Gangs hold the capital.\n\n\
                    The mission says it has 430 officers, short of the 2,500 envisaged when \
                    the council approved it a year ago. It says 60 more arrive soon.";
        check_as_of(&[(text, "430", "2025-03-14"), (text, "60", "2025-03-14")]);
    }

    /// "A day earlier" and "the previous day" with no date before them in their sentence count
    /// back from the date the sentences before stated, else from publication.
    #[test]
    fn earlier_counts_back_from_the_date_last_stated() {
        let cases = [
            (
                "On Tuesday 40 boats landed. A day earlier, 12 were turned back.",
                "12",
                "2025-03-10",
            ),
            (
                "Officials said 90 had died by Monday. Two days before, the toll was 60.",
                "60",
                "2025-03-08",
            ),
            ("A day earlier, 12 were turned back.", "12", "2025-03-13"),
            // With no date before it, from the sentence's next date of a figure.
            (
                "The toll, which stood at 30 a week earlier, rose to 45 on Tuesday.",
                "30",
                "2025-03-04",
            ),
            (
                "A day earlier 12 had crossed, and on Thursday 300 did.",
                "12",
                "2025-03-12",
            ),
            // Not from the day a source spoke.
            (
                "On Tuesday 40 boats landed. A day earlier, 12 were turned back, officials said on Thursday.",
                "12",
                "2025-03-10",
            ),
            // "the previous day" counts as "a day earlier" does.
            (
                "Rescuers pulled 14 survivors from the rubble on Tuesday. The previous day they had found 9.",
                "9",
                "2025-03-10",
            ),
            (
                "The ministry counted 31 deaths on Wednesday, and 22 the previous day.",
                "22",
                "2025-03-11",
            ),
            // A figure the phrase counting back follows is its own, not the date before it.
            (
                "Core inflation firmed to 3.3% in February after 3.2% the month before.",
                "3.2",
                "2025-01-31",
            ),
            (
                "Rents rose 4.1% over the 12 months to February, after 3.9% a month earlier.",
                "3.9",
                "2025-01-31",
            ),
            (
                "Police counted 80 arrests on Tuesday and 65 the day before.",
                "65",
                "2025-03-10",
            ),
            (
                "The camp held 1,200 people on Monday, against 900 two weeks earlier.",
                "1,200",
                "2025-03-10",
            ),
        ];
        check_as_of(&cases);
    }

    /// "The same point last year" is a year back from the day the figures before stood at.
    #[test]
    fn the_same_point_a_year_back_is_from_the_figures_day() {
        let cases = [
            (
                "By the end of Tuesday 9,000 had landed. That is a fifth fewer than at the same point in 2024, when 11,200 had crossed.",
                "11,200",
                "2024-03-11",
            ),
            (
                "On Monday 300 people arrived. The total is 8% ahead of the same date last year, when 4,100 had come.",
                "4,100",
                "2024-03-10",
            ),
            // With no recent day before, publication's; so with "now", the story's present.
            (
                "The total is 8% ahead of the same date last year, when 4,100 had come.",
                "4,100",
                "2024-03-14",
            ),
            (
                "On Monday 300 people arrived. The total for 2025 now stands at 9,000, up 3% on \
                 the same point last year.",
                "9,000",
                "2025-03-14",
            ),
            (
                "On Monday 300 people arrived. The total now stands at 9,000, 400 more than a \
                 day earlier.",
                "9,000",
                "2025-03-14",
            ),
            // A past year's total in between is no day the figures stood at.
            (
                "Monday's landings took the total to 5,300, above last year's annual figure of 5,120. Compared with the same date in other years, that is well ahead of the 3,870 of 2023.",
                "3,870",
                "2023-03-10",
            ),
        ];
        check_as_of(&cases);
    }

    /// A bare earlier figure ("down from 4% in May") holds in the month after it; "from"
    /// before a date alone starts a period.
    #[test]
    fn an_earlier_figure_after_from_takes_its_own_month() {
        let cases = [
            (
                "Inflation cooled to 3% in February. The annual rate was down from 4% in January.",
                "4",
                "2025-01-31",
            ),
            (
                "Arrivals slowed in February, down from 4,000 in January.",
                "4,000",
                "2025-01-31",
            ),
            (
                "Output fell 2% in February. It had grown from 1.2% in December and 1.5% in January.",
                "1.2",
                "2024-12-31",
            ),
            // A period from a date: the figure holds at its end, not on that day.
            (
                "From January the agency counted 3,000 crossings.",
                "3,000",
                "2025-03-14",
            ),
        ];
        check_as_of(&cases);
    }

    /// A day without its year in a sentence that names a past year before it is in that year.
    #[test]
    fn a_day_without_its_year_takes_the_past_year_its_sentence_names() {
        let cases = [
            (
                "In 2022 the toll reached 3,000 on March 3.",
                "3,000",
                "2022-03-03",
            ),
            (
                "During 2023 arrivals passed 20,000 on Aug. 9, a record at the time.",
                "20,000",
                "2023-08-09",
            ),
            // The current year's day, and a day before the year is named, keep publication's year.
            (
                "On March 3 the toll reached 3,000, more than in 2022.",
                "3,000",
                "2025-03-03",
            ),
        ];
        check_as_of(&cases);
    }

    /// A past year's figure at the same point of the year is that year's same day.
    #[test]
    fn a_past_years_figure_at_the_same_point_is_that_day() {
        let cases = [
            (
                "By this point in 2023, 26,501 had crossed.",
                "26,501",
                "2023-03-14",
            ),
            (
                "Compared with the same date in earlier years, that is up 12% on the 26,501 of 2023.",
                "26,501",
                "2023-03-14",
            ),
            // A whole year's total stays the year's.
            (
                "In all of 2023, 29,437 people crossed.",
                "29,437",
                "2023-12-31",
            ),
        ];
        check_as_of(&cases);
    }

    /// "last year's total of N" dates N at the end of last year, even when compared with; the
    /// figure compared keeps its own day.
    #[test]
    fn last_years_total_of_a_figure_is_that_years() {
        let cases = [
            (
                "Arrivals have passed last year's annual figure of 29,437.",
                "29,437",
                "2024-12-31",
            ),
            (
                "The count stands above last year's total of 36,816.",
                "36,816",
                "2024-12-31",
            ),
            (
                "Friday's landings took the total to 29,578, just above last year's annual figure of 29,437.",
                "29,578",
                "2025-03-14",
            ),
        ];
        check_as_of(&cases);
    }

    /// A past year with an aside that gives its figures dates them at its end; this year does
    /// not.
    #[test]
    fn a_past_year_with_its_figures_in_an_aside_dates_them() {
        check_as_of(&[
            (
                "Only 2019, with 1,900 cases, was worse.",
                "1,900",
                "2019-12-31",
            ),
            (
                "The busiest year remains 2016, with 2.1 million arrivals.",
                "2.1 million",
                "2016-12-31",
            ),
            (
                "2021, when 800 boats landed, was the busiest.",
                "800",
                "2021-12-31",
            ),
            (
                "So far 2025, with 300 cases, is quieter.",
                "300",
                "2025-03-14",
            ),
        ]);
    }

    /// A rate's "a year ago" counts back from the month the report is on, not its day.
    #[test]
    fn a_rates_months_ago_count_from_the_reports_month() {
        let cases = [
            (
                "Inflation cooled to 3% in February, the bureau said. A year ago it peaked at 9.1%.",
                "9.1",
                "2024-02-29",
            ),
            (
                "Unemployment rose to 4.2% in February. Two years ago the rate stood at 3.5%.",
                "3.5",
                "2023-02-28",
            ),
            // A count keeps the day: "a year ago" from publication.
            (
                "Arrivals reached 4,000 in February. A year ago 2,500 people had come.",
                "2,500",
                "2024-03-14",
            ),
        ];
        check_as_of(&cases);
    }

    /// A sentence that adds the figures before it into a total holds on their day.
    #[test]
    fn a_total_that_adds_up_the_last_figures_takes_their_day() {
        let cases = [
            (
                "On Tuesday 700 people crossed. That brings the total this year to 21,000.",
                "21,000",
                "2025-03-11",
            ),
            (
                "On Tuesday 700 people crossed. The arrivals took the tally past 21,000.",
                "21,000",
                "2025-03-11",
            ),
            // Not a sum of what came before.
            (
                "On Tuesday 700 people crossed. The total stands at 21,000.",
                "21,000",
                "2025-03-14",
            ),
        ];
        check_as_of(&cases);
    }

    /// Whose figure each is: (article, figure, attribution).
    #[test]
    fn a_source_that_said_or_reported_speaks_for_its_paragraph() {
        let cases = [
            (
                "The statistics bureau reported that output grew 1.2%. Exports were up 4% on the year.",
                "4",
                Some("statistics bureau"),
            ),
            (
                "Data from the port authority showed 310 ships docked. Another 45 waited offshore.",
                "45",
                Some("port authority"),
            ),
            (
                "The agency said 40 people died. Another 12 were missing on Friday.",
                "12",
                Some("agency"),
            ),
            (
                "Some 14 million hectares have burned, federal figures show. As of Tuesday, \
                 1,044 fires were active.",
                "1,044",
                Some("federal figures"),
            ),
            // A new paragraph starts afresh; who forecast or counted speaks for no one else.
            (
                "The statistics bureau reported that output grew 1.2%.\n\nExports were up 4%.",
                "4",
                None,
            ),
            (
                "Analysts expected growth of 1.5%. Exports were up 4% on the year.",
                "4",
                None,
            ),
            // A forecaster after a later figure expected that one, not the figure before.
            (
                "The bureau said prices rose 3%. The rate was down from 4% in May and below the 3.1% that analysts polled by the bank had expected.",
                "4",
                Some("bureau"),
            ),
            (
                "The bureau said prices rose 3%. The rate was down from 4% in May and below the 3.1% that analysts polled by the bank had expected.",
                "3.1",
                Some("analysts polled by the bank"),
            ),
        ];
        check_attribution(&cases);
    }

    /// A figure no one is named for takes the credit that closes the next sentence of its
    /// paragraph naming a source ("..., according to X", "..., X said"), not a forecaster's nor
    /// one of the next paragraph.
    #[test]
    fn an_unsourced_figure_takes_the_credit_that_follows_it() {
        let cases = [
            (
                "The fire has burned 23,713 acres. It was 22% contained on Monday, according to Cal Fire.",
                "23,713",
                Some("California Department of Forestry and Fire Protection (Cal Fire)"),
            ),
            (
                "The toll rose to 40 overnight. Another 12 were missing, rescue officials said.",
                "40",
                Some("rescue officials"),
            ),
            // A speaker who opens a sentence speaks for it alone.
            (
                "The toll rose to 40 overnight. Rescue officials said they feared more deaths.",
                "40",
                None,
            ),
            (
                "Prices rose 3% in May. Economists polled by the bank had expected 2.5%.",
                "3",
                None,
            ),
            (
                "The fire has burned 900 acres.\n\nIt was 10% contained, according to Cal Fire.",
                "900",
                None,
            ),
            // A sentence that tells where its figure comes from, naming no one, keeps it so.
            (
                "The report also found that 200 clinics were damaged. Only 50 doctors remain, the health department said.",
                "200",
                None,
            ),
        ];
        check_attribution(&cases);
    }

    /// Lower-case officials of a body named before are that body's.
    #[test]
    fn officials_qualified_by_a_bodys_word_are_that_bodys() {
        let cases = [
            (
                "The fire has burned 23,000 acres, Cal Fire said.\n\nContainment stood at 11%, fire officials said.",
                "11",
                Some("California Department of Forestry and Fire Protection (Cal Fire)"),
            ),
            (
                "The County Department of Public Health reported 16 deaths.\n\nHealth officials said 12 were in the north.",
                "12",
                Some("County Department of Public Health"),
            ),
            // No body with the word: the officials as written.
            (
                "The fire has burned 23,000 acres, Cal Fire said.\n\nstate officials said 40 people were arrested.",
                "40",
                Some("state officials"),
            ),
        ];
        check_attribution(&cases);
    }

    /// A later running total no one is named for is the source the opening paragraph credits;
    /// an event of a day or a quote's figure is not.
    #[test]
    fn an_unsourced_running_total_takes_the_ledes_source() {
        let cases = [
            (
                "Arrivals by boat have passed 12,000 for the year, according to figures from the interior ministry.\n\n\
                 Nine boats carrying 310 people landed on Sunday, lifting the tally to 12,204.",
                "12,204",
                Some("interior ministry"),
            ),
            (
                "The coast guard said on Monday that more boats had arrived this week.\n\n\
                 Tuesday's landings took the total for the year to 8,950.",
                "8,950",
                Some("coast guard"),
            ),
            (
                "Some 700 people crossed on Sunday, according to coast guard figures.\n\n\
                 The total for 2025 now stands at 9,320.",
                "9,320",
                Some("coast guard figures"),
            ),
            // A total of another clause is not named for the figure.
            (
                "Some 700 people crossed on Sunday, according to coast guard figures.\n\n\
                 The total was not known, but 40 boats were seen.",
                "40",
                None,
            ),
            (
                "Arrivals by boat have passed 12,000 for the year, according to figures from the interior ministry.\n\n\
                 Nine boats carrying 310 people landed on Sunday.",
                "310",
                None,
            ),
        ];
        check_attribution(&cases);
    }

    /// A forecast no one is named for is the forecasters' named last in the article; people
    /// polled stay the forecasters over a consensus named after them.
    #[test]
    fn an_unsourced_forecast_takes_the_articles_forecasters() {
        let cases = [
            (
                "Prices rose 3.2%, the bureau said. Economists polled by the wire had expected 3.1%.\n\n\
                 On the month prices rose 0.4%, against expectations of 0.3%.",
                "0.3",
                Some("Economists polled by the wire"),
            ),
            (
                "Analysts surveyed by the paper had looked for 2.9%, and the market consensus was 2.8%.\n\n\
                 Core prices rose 3.8%, above the 3.7% expected.",
                "3.7",
                Some("Analysts surveyed by the paper"),
            ),
            (
                // No forecaster named: none, not the bureau of the paragraph before.
                "Prices rose 3.2%, the bureau said.\n\nExports grew 1.1%, short of a forecast of 1.5%.",
                "1.5",
                None,
            ),
            (
                // Named after it: the forecasters the article names next.
                "Employment rose by 32,200, the statistics bureau said on Thursday, below forecasts \
                 of a 40,000 gain.\n\nEconomists polled by the wire had expected the jobless \
                 rate to rise to 4.2%.",
                "40,000",
                Some("Economists polled by the wire"),
            ),
            (
                "Payrolls grew by 12,000, the agency said, against expectations of 50,000. \
                 Analysts surveyed by the paper had forecast a jobless rate of 4.3%.",
                "50,000",
                Some("Analysts surveyed by the paper"),
            ),
            (
                // The speaker's own forecast stays theirs.
                "The central bank said its forecast of 2.5% growth still stood.",
                "2.5",
                Some("central bank"),
            ),
            (
                // The people who expected it, written after the figure without "that".
                "The economy added 2,000 jobs, far short of the 20,000 economists had expected.",
                "20,000",
                Some("economists"),
            ),
            (
                // Those who expected a figure speak for no measured figure after it, and "she"
                // is not them.
                "Payrolls rose by 256,000, according to bureau data, above the 160,000 \
                 economists had expected, and the jobless rate slipped to 4.1%.\n\nThe economy \
                 added 2.2 million jobs over the year, she said.",
                "4.1",
                Some("bureau data"),
            ),
            (
                "Payrolls rose by 256,000, according to bureau data, above the 160,000 \
                 economists had expected, and the jobless rate slipped to 4.1%.\n\nThe economy \
                 added 2.2 million jobs over the year, she said.",
                "2.2 million",
                None,
            ),
        ];
        check_attribution(&cases);
    }

    /// A rate or measure with no source in its paragraph is the source's that gave the
    /// article's first of its unit (a rate: dated); counts and forecasts are not.
    #[test]
    fn unsourced_rates_and_measures_take_their_units_first_source() {
        let text = "Prices rose 3.2% in February, the statistics office said.\n\n\
                    Core prices climbed 0.4%.\n\n\
                    Some 1,200 stores closed.\n\n\
                    Inflation is expected to ease to 2.5% next year.";
        let fire = "The fire has burned 23,000 acres, the state agency said.\n\n\
                    A second fire has scorched 14,000 acres.\n\n\
                    Some 40 homes burned.";
        check_attribution(&[
            (text, "0.4", Some("statistics office")),
            (text, "1,200", None),
            (text, "2.5", None),
            (fire, "14,000", Some("state agency")),
            (fire, "40", None),
        ]);
    }

    /// A rate with no date of its own is for the month the report is about: the period of the
    /// article's first recent rate, and so is a count's change. History, targets and counts'
    /// levels keep their own dates.
    #[test]
    fn undated_rates_take_the_reports_period() {
        let cases = [
            (
                "Prices rose 3.2% in February. Core prices climbed 0.4%.",
                "0.4",
                "2025-02-28",
            ),
            (
                "Unemployment fell to 4.1 per cent last month, the office said. Youth unemployment stood at 12 per cent.",
                "12",
                "2025-02-28",
            ),
            // A lede without rates may name the month instead.
            (
                "Hiring slowed sharply in February as storms kept workers home, a government \
                 report showed. The jobless rate held at 4.1%.",
                "4.1",
                "2025-02-28",
            ),
            // Figures other than rates do not keep the lede from naming it.
            (
                "Hiring nearly stalled in February as two storms kept workers home, a \
                 government report showed. The jobless rate held at 4.1%.",
                "4.1",
                "2025-02-28",
            ),
            (
                "Consumer prices rose less than expected in February. The index climbed 0.2%.",
                "0.2",
                "2025-02-28",
            ),
            // A count's change is the report's month too; a count's level keeps its day.
            (
                "Hiring slowed in February, the bureau said. Employers added 12,000 jobs.",
                "12,000",
                "2025-02-28",
            ),
            (
                "Hiring slowed in February, the bureau said. Some 1,200 firms replied.",
                "1,200",
                "2025-03-14",
            ),
            (
                "Inflation is expected to cool in April, economists say. Prices rose 3%.",
                "3",
                "2025-03-14",
            ),
            (
                "Prices peaked in June 2022. Rents rose 5%.",
                "5",
                "2025-03-14",
            ),
            // A period long past is history, not the report's month.
            (
                "Inflation peaked at 9.1% in June 2022. Rents rose 5%.",
                "5",
                "2025-03-14",
            ),
            (
                "Prices rose 3.2% in February. The bank expects inflation to fall to 2% next year.",
                "2",
                "2025-03-14",
            ),
            (
                "Prices rose 3.2% in February. Rents climbed 1.1%, the agency said on Thursday.",
                "1.1",
                "2025-02-28",
            ),
            (
                "Prices rose 3.2% in February. Some 1,200 stores closed.",
                "1,200",
                "2025-03-14",
            ),
            // A forecast of the report's rate, made before it came out, is for its month.
            (
                "Prices rose 3.2% in February. Analysts had expected 3.0%.",
                "3.0",
                "2025-02-28",
            ),
            (
                "Prices rose 3.2% in February, against a forecast of 3.1%.",
                "3.1",
                "2025-02-28",
            ),
            (
                "Prices rose 3.2% in February. Economists surveyed by the bank had predicted 2.9%.",
                "2.9",
                "2025-02-28",
            ),
        ];
        check_as_of(&cases);
    }

    #[test]
    fn quote_state_follows_the_last_curly_quote_else_straight_ones_turn_it_over() {
        let cases = [
            ("Officials put it at \"about 40\" on Monday.", false, false),
            ("\"We lost 300 men in a week", false, true),
            ("and the town fell,\" the commander said.", true, false),
            ("\u{201c}We lost 300 men", false, true),
            ("in a week,\u{201d} he said.", true, false),
            ("\u{201c}40\u{201d} and then \u{201c}50", false, true),
            ("\u{201c}Forty\u{201d}, \"fifty\" or \"sixty", false, false),
            ("No quotes, only a dash \u{2014} and \u{20ac}5", true, true),
            ("No quotes at all", false, false),
        ];
        for (sentence, before, after) in cases {
            assert_eq!(quote_open_after(sentence, before), after, "{sentence}");
        }
    }

    /// The shape table turns away no number word: the test agrees with a plain look-up of the
    /// lower-cased word, number words in every case and their near misses included.
    #[test]
    fn number_words_match_the_list() {
        let mut words: Vec<String> = vec![
            "the",
            "a",
            "on",
            "tee",
            "tea",
            "ones",
            "twos",
            "halfs",
            "dozenth",
            "millionaire",
            "fiftyish",
            "",
            "-",
            "f",
            "Ö",
            "çinq",
            "hundreds-",
            "t\u{e9}n",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        for w in NUMBER_WORDS {
            words.push(w.to_string());
            words.push(w.to_ascii_uppercase());
            words.push(w[..1].to_ascii_uppercase() + &w[1..]);
            words.push(w[..w.len() - 1].to_string());
            words.push(format!("{w}s"));
        }
        for w in &words {
            let expected = NUMBER_WORDS.contains(&w.to_ascii_lowercase().as_str());
            assert_eq!(is_number_word(w.as_bytes()), expected, "{w:?}");
        }
    }

    /// Every word that may start a spelled numeral passes the figure pre-test, or its sentence
    /// would be skipped ("Zero people died." once was); the articles need a number word after
    /// them.
    #[test]
    fn every_numeral_head_but_the_articles_passes_the_pre_test() {
        for head in numbers::HEADS.iter().filter(|h| !matches!(**h, "a" | "an")) {
            assert!(is_number_word(head.as_bytes()), "{head}");
            assert!(may_hold_a_figure(&format!("{head} people died.")), "{head}");
        }
    }

    /// The ASCII word scan reads the same word heads as the general split: only the letters
    /// before a run's first hyphen count ("x-five" holds no number word, "five-x" does).
    #[test]
    fn ascii_word_heads_match_the_general_split() {
        const PIECES: &[&str] = &[
            "five", "Five", "x", "year", "-", "--", " ", ",", "'", ".", "million", "the", "s",
        ];
        for s in tokens::pieced_texts(PIECES, 3000, 6, 0x2545_F491_4F6C_DD1D) {
            let general = s
                .split(|c: char| !c.is_alphabetic() && c != '-')
                .any(|w| is_number_word(before_hyphen(w.as_bytes())));
            let heads = ascii_word_heads(s.as_bytes()).any(is_number_word);
            assert_eq!(heads, general, "{s:?}");
        }
    }
}
