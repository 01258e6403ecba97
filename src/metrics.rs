//! The metric catalog: `metrics.toml` in the data folder maps claims onto series keys.
//!
//! ```toml
//! [[metric]]
//! id = "nk-troops-in-russia"
//! label = "North Korean troops in Russia"
//! unit = "troop"          # what the metric counts or measures; decides which claims fit
//! cumulative = false      # true: a running total that should never fall
//! match = ["north korean troops", "north korean soldiers"]
//! ```
//!
//! A metric with `change = true` is itself a change over a period ("change from the previous
//! month"): its series takes the stated changes filed in it, a fall as a negative value
//! ([`series_value`]), beside its levels; every other series takes levels only.
//!
//! A claim gets a catalog metric when its concept contains one of the metric's phrases (compared
//! after [`normalize`]: lower case, punctuation and possessive "'s" dropped, every word made
//! singular) and its kind fits the metric's unit:
//! - a percentage metric (`unit = "percentage"`) takes percentages (not percentage points);
//! - a currency metric (`unit = "dollar"`, "euro", ...) takes amounts in that currency;
//! - a measure (`unit = "kilometre"`, "metric ton", ...) takes figures in that unit;
//! - any other unit names a counted noun, and the metric takes counts of any counted noun
//!   ("troops", "soldiers", "personnel" all fit `unit = "troop"`) and bare numbers ("the toll
//!   reached 3,549");
//! - without a unit, any claim fits.
//!
//! The kind is inferred from the unit with the extractor's unit table; `kind = "count"` (or
//! currency, percentage, measure) overrides it. When several phrases match, the longest wins.
//! A claim that matches no phrase gets a key derived from its concept ([`derived_key`]).

use crate::extract::{keywords, units};
use crate::gazetteer::{self, Word};
use crate::model::{Claim, Document, Kind, Role};
use crate::periods::{self, Periods};
use crate::vocabulary::{Vocabulary, Words};
use aho_corasick::AhoCorasick;
use anyhow::{Context, bail};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// The catalog file's name inside the data folder.
pub const FILE_NAME: &str = "metrics.toml";

/// One metric of the catalog, as written in `metrics.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricDef {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Overrides the kind inferred from `unit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    #[serde(default)]
    pub cumulative: bool,
    /// The metric is itself a change over a period ("change from the previous month"): its
    /// series takes the stated changes filed in it ("slipped 0.1%" as -0.1) beside its levels.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub change: bool,
    #[serde(default, rename = "match")]
    pub phrases: Vec<String>,
    /// Phrases that keep a figure out of this metric when its sentence or concept has them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    #[serde(default)]
    metric: Vec<MetricDef>,
}

/// What claims a metric takes, worked out once from its unit.
#[derive(Debug, Clone, PartialEq)]
struct Fit {
    kind: Option<Kind>,
    /// Normalised unit for currencies and measures (the claim's `unit_normalized` must equal it).
    unit: Option<String>,
}

/// The loaded catalog.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// Where it was read from (`None`: no file, an empty catalog).
    pub path: Option<PathBuf>,
    pub metrics: Vec<MetricDef>,
    fits: Vec<Fit>,
    /// Every match phrase, most words first.
    matchers: Vec<Matcher>,
    /// (metric index, the words of an exclude phrase).
    excludes: Vec<(usize, Vec<String>)>,
    /// Each word of a match phrase or unit, with the metrics that have it.
    named_by: HashMap<String, Vec<usize>>,
    /// The head noun of each metric's unit ("drone"), with the metrics that count it.
    unit_of: HashMap<String, Vec<usize>>,
    /// The words of the match phrases, numbered for [`Words`] sets.
    vocabulary: Vocabulary,
    /// Each metric's story words: its label's and id's words as the gazetteer reads them,
    /// without numbers, month names, stopwords and senses ("morocco", "earthquake" of "Deaths in the Morocco
    /// earthquake"). They tell apart metrics that share a phrase ([`Catalog::by_story`]).
    story: Vec<Vec<String>>,
    /// Whether each metric's label names its story: places or proper names ("Morocco" of
    /// "Deaths in the Morocco earthquake", "Los Angeles" of "Deaths in the Los Angeles fires").
    /// An article that names none of them tells another story ([`WordsCache::untold`]).
    named_story: Vec<bool>,
    /// Each metric's story: metrics whose labels share a name ([`stories`]). An article that
    /// names one of them tells them all ("Wajima" tells "People missing after the Noto
    /// earthquake" through "Noto earthquake deaths in Wajima").
    story_of: Vec<usize>,
    /// Whether each metric tracks a forecast ([`tracks_a_forecast`]): it takes only figures
    /// read as targets.
    forecast: Vec<bool>,
    /// Every spelling of every story name ([`story_names`]), for one pass over an article, and
    /// the metric of each.
    name_finder: Option<(aho_corasick::AhoCorasick, Vec<usize>)>,
}

/// Whether a metric tracks what someone expects rather than what was measured: its label, id or
/// a phrase says so ("Economists' forecast of the jobless rate", "economists had expected",
/// "projected deaths"). Such a metric takes only figures read as targets: in "It forecast the
/// unemployment rate, which stood at 4.0% in December, to rise to 4.3%" the 4.0% is the rate's.
fn tracks_a_forecast(m: &MetricDef) -> bool {
    const WORDS: [&str; 8] = [
        "forecast",
        "expect",
        "projected",
        "projection",
        "predict",
        "consensus",
        "outlook",
        "anticipated",
    ];
    let texts = [m.label.as_deref().unwrap_or(""), m.id.as_str()];
    texts
        .into_iter()
        .chain(m.phrases.iter().map(String::as_str))
        .any(|t| {
            let t = t.to_lowercase();
            WORDS.iter().any(|w| t.contains(w))
        })
}

/// What is wrong with a metric whose flags contradict each other: a change over a period is no
/// running total.
fn conflicting_flags(m: &MetricDef) -> Option<String> {
    (m.change && m.cumulative).then(|| {
        format!(
            "metric {:?} has change = true and cumulative = true: a change over a period is no \
             running total; keep one",
            m.id
        )
    })
}

/// A match phrase as compared: its words as the gazetteer reads them.
#[derive(Debug, Clone)]
struct Matcher {
    metric: usize,
    /// As written in the catalog, for `metric_match`.
    phrase: String,
    words: Vec<String>,
    senses: Vec<u16>,
    /// The places the phrase names ("killed in myanmar": myanmar).
    places: Vec<String>,
    /// Its words as written, singular, before the gazetteer names them by their group: "price"
    /// of "consumer price index" (read as "inflation") is still a word of the phrase.
    plain: Vec<String>,
    /// The words of `plain` that the gazetteer read as a group's word, in order: "consumer
    /// price index" of "consumer price index" (read as "inflation").
    read_as_group: Vec<String>,
    /// The period the phrase states ("crossed on": a day's), if any.
    period: Periods,
    /// The words besides those that state the period: a figure whose clause states that
    /// period matches with these ("passengers so far this year" finds "the total for 2024
    /// stands at 410,000 passengers").
    core: Vec<String>,
    /// `words` and `core` as sets of the catalog's vocabulary.
    word_set: Words,
    core_set: Words,
}

/// Why a claim got its metric: the metric and, for a catalog metric, the phrase and where it
/// was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub metric: String,
    pub matched: Option<String>,
}

/// A figure as [`Catalog::find`] reads it: the claim, the words of its clause, its own words
/// (concept and sentence), the period its clause states, and the words of its sentence up to
/// its clause's end (whose places bind a phrase's).
#[derive(Clone, Copy)]
struct Figure<'a> {
    claim: &'a Claim,
    /// What [`Catalog::find`] asks of its clause, own words and places, read once.
    read: &'a Read<'a>,
    /// The words of the figure's concept, in order.
    concept: &'a [Word],
    period: Periods,
    /// The figure is what a day or an event added to a total its sentence gives next
    /// ([`adds_to_a_total`]): a running total's metric does not take it.
    increment: bool,
    /// The head of the noun a count counts ("ship" in "26 ships and boats"), as the gazetteer
    /// reads it.
    noun: Option<&'a str>,
    /// The figure's document, when there is one.
    article: Option<&'a Article<'a>>,
}

/// A document's title and text, and their words as the gazetteer reads them, read only when
/// metrics that share a phrase must be told apart ([`Catalog::by_story`]), and then once per
/// document ([`WordsCache`]).
struct Article<'a> {
    title: &'a str,
    text: &'a str,
    words: &'a std::cell::OnceCell<HashSet<String>>,
}

impl Article<'_> {
    fn words(&self) -> &HashSet<String> {
        self.words.get_or_init(|| {
            let gaz = gazetteer::get();
            [self.title, self.text]
                .iter()
                .flat_map(|t| gaz.words_at(t).0)
                .map(|w| w.text)
                .collect()
        })
    }
}

/// Whether a match (`metric_match`) was found in the figure's own sentence: its concept,
/// clause, sentence or unit, not the sentence before, the title or the lede.
fn in_own_sentence(matched: &str) -> bool {
    [SCOPES[0], SCOPES[1], SCOPES[2], "unit"]
        .iter()
        .any(|scope| matched.ends_with(&format!(" in {scope}")))
}

/// The names a metric's label gives its story ([`Catalog::name_finder`]): its places and countries,
/// each with the spellings the gazetteer knows ("Russian", "Moscow"), and each run of
/// capitalised words after the first word (which any label capitalises), as written.
fn story_names(label: &str) -> Vec<Vec<String>> {
    let gaz = gazetteer::get();
    let (words, spans) = gaz.words_at(label);
    let mut names: Vec<Vec<String>> = Vec::new();
    let mut run: Option<std::ops::Range<usize>> = None;
    let close = |run: &mut Option<std::ops::Range<usize>>, names: &mut Vec<Vec<String>>| {
        if let Some(r) = run.take() {
            names.push(vec![label[r].to_lowercase()]);
        }
    };
    for (w, span) in words.iter().zip(&spans) {
        if w.place || w.country {
            close(&mut run, &mut names);
            names.push(
                gaz.spellings(&w.text)
                    .iter()
                    .map(|s| s.to_lowercase())
                    .collect(),
            );
            continue;
        }
        let capital = span.start > 0
            && label[span.clone()].starts_with(char::is_uppercase)
            && w.sense.is_none();
        let joined = run
            .as_ref()
            .is_some_and(|r| label[r.end..span.start].trim().is_empty());
        match (capital, joined) {
            (true, true) => run = run.map(|r| r.start..span.end),
            (true, false) => {
                close(&mut run, &mut names);
                run = Some(span.clone());
            }
            (false, _) => close(&mut run, &mut names),
        }
    }
    close(&mut run, &mut names);
    names.retain(|n| !n.is_empty());
    names.sort();
    names.dedup();
    names
}

/// The finder of every spelling of the metrics' story names (ASCII case ignored), with the
/// metric of each; none when no label names a story.
fn name_finder(
    names: &[Vec<Vec<String>>],
) -> anyhow::Result<Option<(aho_corasick::AhoCorasick, Vec<usize>)>> {
    let (patterns, metrics): (Vec<&str>, Vec<usize>) = names
        .iter()
        .enumerate()
        .flat_map(|(i, n)| n.iter().flatten().map(move |s| (s.as_str(), i)))
        .unzip();
    if patterns.is_empty() {
        return Ok(None);
    }
    let finder = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(&patterns)?;
    Ok(Some((finder, metrics)))
}

/// Each metric's story, numbered by its first metric, from the metrics' story `names`: metrics
/// whose labels share a name are one story. A label's first word, which any label capitalises,
/// is a name when another label names it ("Noto earthquake deaths in Wajima" beside "People
/// missing after the Noto earthquake"): it joins `names`.
fn stories(metrics: &[MetricDef], names: &mut [Vec<Vec<String>>]) -> Vec<usize> {
    let named = |names: &[Vec<Vec<String>>], i: usize, word: &str| {
        names
            .iter()
            .enumerate()
            .any(|(j, n)| j != i && n.iter().flatten().any(|s| s == word))
    };
    for (i, m) in metrics.iter().enumerate() {
        let label = m.label.as_deref().unwrap_or("");
        let Some(first) = label.split_whitespace().next() else {
            continue;
        };
        let first = first.to_lowercase();
        if named(names, i, &first) && !names[i].iter().flatten().any(|s| *s == first) {
            names[i].push(vec![first]);
        }
    }
    let mut story_of: Vec<usize> = (0..names.len()).collect();
    for i in 0..names.len() {
        for j in 0..i {
            let shared = names[i]
                .iter()
                .flatten()
                .any(|s| names[j].iter().flatten().any(|t| s == t));
            if shared {
                let (a, b) = (story_of[i], story_of[j]);
                let low = a.min(b);
                for x in story_of.iter_mut().filter(|x| **x == a || **x == b) {
                    *x = low;
                }
            }
        }
    }
    story_of
}

/// A metric's story words ([`Catalog::story`]): no stopword ("since"), which any sentence may
/// have.
fn story_words(m: &MetricDef) -> Vec<String> {
    let id = m.id.replace(['-', '_', '.'], " ");
    let mut words: Vec<String> = [m.label.as_deref().unwrap_or(""), id.as_str()]
        .iter()
        .flat_map(|t| gazetteer::get().words(t))
        // What happened to the people counted ("killed", "wounded") is no story's own.
        .filter(|w| w.sense.is_none())
        .map(|w| w.text)
        .filter(|w| {
            w.len() > 2
                && !w.bytes().all(|b| b.is_ascii_digit())
                // A label may carry its months ("(Jan 2025)"), which any article has.
                && crate::extract::dates::month(w).is_none()
                && !crate::extract::concept::is_stopword(w)
        })
        .collect();
    words.sort();
    words.dedup();
    words
}

/// A figure's words as every [`Catalog::find`] of it asks for them: its own words, its places
/// (of its clause when it names any, else of its sentence up to its clause's end) and the senses
/// of its clause.
struct Read<'a> {
    own: HashSet<&'a str>,
    places: HashSet<&'a str>,
    clause_senses: Vec<u16>,
}

impl<'a> Read<'a> {
    fn of(clause: &'a [Word], own: &'a [Word], places_before: &'a [Word]) -> Read<'a> {
        // The places of the figure's own clause, when it names any: "passed 50,000 across
        // Turkey and Syria, after AFAD lifted its count in Turkey to 44,218" files 44,218 as
        // Turkey's alone.
        let places_of = |words: &'a [Word]| -> HashSet<&'a str> {
            words
                .iter()
                .filter(|w| w.place)
                .map(|w| w.text.as_str())
                .collect()
        };
        let places = Some(places_of(clause))
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| places_of(places_before));
        Read {
            own: own.iter().map(|w| w.text.as_str()).collect(),
            places,
            clause_senses: clause.iter().filter_map(|w| w.sense).collect(),
        }
    }
}

/// Nouns of any figure, which alone do not say what a series counts.
const GENERIC_NOUNS: &[&str] = &[
    "total", "number", "count", "tally", "figure", "sum", "amount", "level", "rate",
];

/// Whether a figure's concept names another kind of the thing a phrase names: the same head
/// noun after another modifier ("food inflation" against "core inflation", "youth
/// unemployment" against "long-term unemployment"). A phrase from the sentence before or the
/// title does not file such a figure, whichever of its metric's phrases names that other kind
/// ("food prices" after "core inflation" in a metric that also matches "core prices"): its own
/// sentence says what it counts.
fn other_kind(concept: &[Word], phrase: &[String], own: &HashSet<&str>) -> bool {
    phrase.windows(2).any(|pair| {
        let [modifier, head] = pair else {
            return false;
        };
        concept.windows(2).any(|w| {
            w[1].text == *head
                && w[0].text != *modifier
                && !phrase.contains(&w[0].text)
                && !SAME_KIND.contains(&w[0].text.as_str())
        }) && !own.contains(modifier.as_str())
    })
}

/// Whether a figure's concept is a rate, level or total of another thing than a phrase's, read
/// in the phrase's written order ("participation rate" against "unemployment rate", "savings
/// rate" against "cash rate"): a figure its own words name as another such measure is not filed
/// through the phrase wherever it is found ("The participation rate held at 66.9%, while the
/// unemployment rate rose"). Only a generic head is read so: a participle or a noun of its own
/// ("people killed", "troops deployed") leaves the phrase's sorted words to [`other_kind`].
fn another_measure(concept: &[Word], m: &Matcher) -> bool {
    let [.., _, head] = &m.plain[..] else {
        return false;
    };
    GENERIC_NOUNS.contains(&head.as_str())
        && concept.windows(2).any(|w| {
            w[1].text == *head
                && !w[0].place
                && !m.plain.contains(&w[0].text)
                && !m.words.contains(&w[0].text)
                && !SAME_KIND.contains(&w[0].text.as_str())
                && !GENERIC_NOUNS.contains(&w[0].text.as_str())
        })
}

/// Whether a phrase's places agree with those a figure's own sentence names up to its clause's
/// end, when it names any: it is about those ("In Thailand, 72 are unaccounted for" under a
/// title on Myanmar is not Myanmar's). A state or province stands for its country too ("the
/// quake, centred near Mandalay, killed 3,600" is Myanmar's), but not for another state
/// ("neighbouring Minas Gerais reported 620,000 cases" is not São Paulo's).
fn places_agree(phrase: &[String], named: &HashSet<&str>) -> bool {
    let gaz = gazetteer::get();
    named.is_empty()
        || phrase
            .iter()
            .all(|p| named.contains(p.as_str()) || named.iter().any(|n| gaz.lies_within(n, p)))
}

/// Whether a phrase the gazetteer read as fewer words ("consumer price index" as "inflation")
/// meets a concept that names another kind of those words ("food inflation"): the phrase as
/// written was no such kind. A country or a word of when or how much is no other kind ("U.S.
/// inflation", "annual inflation").
fn another_kind_of_its_group(concept: &[Word], m: &Matcher) -> bool {
    concept.windows(2).any(|w| {
        m.words.contains(&w[1].text)
            && !m.words.contains(&w[0].text)
            && !w[0].place
            && !SAME_KIND.contains(&w[0].text.as_str())
            && !GENERIC_NOUNS.contains(&w[0].text.as_str())
    })
}

/// Whether a figure's concept names the opposite of a phrase's word, by a negating prefix, and
/// not the word itself: "Manufacturing employment was down 1.5%" is not unemployment, "the
/// insured" are not "the uninsured".
fn opposite(concept: &[Word], phrase: &[String]) -> bool {
    let negated = |a: &str, b: &str| {
        ["un", "non", "non-"]
            .iter()
            .any(|p| a.strip_prefix(p).is_some_and(|rest| rest == b))
    };
    concept.iter().any(|w| {
        phrase.iter().any(|p| {
            (negated(p, &w.text) || negated(&w.text, p)) && !concept.iter().any(|c| c.text == *p)
        })
    })
}

/// Modifiers that say when, how much or how surely of a thing, not another kind of it: "the
/// annual rate" is the inflation rate, "confirmed cases" are measles cases.
const SAME_KIND: &[&str] = &[
    "annual",
    "monthly",
    "weekly",
    "daily",
    "yearly",
    "overall",
    "headline",
    "total",
    "current",
    "latest",
    "new",
    "official",
    "month",
    "year",
    "week",
    "day",
    "expected",
    "confirmed",
    "reported",
    "recorded",
    "registered",
    "known",
];

/// Where a phrase may be found, closest first.
/// The gazetteer's sense of figures not yet confirmed ("under investigation"): a figure whose
/// clause says it goes only under a phrase that says it too.
static UNCONFIRMED: LazyLock<Option<u16>> = LazyLock::new(|| {
    gazetteer::get()
        .words("investigation")
        .first()
        .and_then(|w| w.sense)
});

const SCOPES: [&str; 6] = [
    "concept",
    "clause",
    "sentence",
    "previous sentence",
    "title",
    "first sentence",
];

/// The lines (from 1) of `text` that set `id = "ID"` (or with single quotes), for messages.
fn id_lines(text: &str, id: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            let Some(rest) = line.trim_start().strip_prefix("id") else {
                return false;
            };
            let Some(value) = rest.trim_start().strip_prefix('=') else {
                return false;
            };
            let value = value.split('#').next().unwrap_or("").trim();
            let quoted =
                |q: char| value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) == Some(id);
            quoted('"') || quoted('\'')
        })
        .map(|(i, _)| i + 1)
        .collect()
}

impl Catalog {
    /// Reads `path`; a missing file is an empty catalog. Errors name the file and line.
    pub fn load(path: &Path) -> anyhow::Result<Catalog> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Catalog::default()),
            Err(e) => return Err(e).with_context(|| format!("{}: cannot read", path.display())),
        };
        let mut catalog = Catalog::parse(&text)
            .with_context(|| format!("{}: not a valid metric catalog", path.display()))?;
        catalog.path = Some(path.to_path_buf());
        Ok(catalog)
    }

    /// Parses catalog text. A metric id given twice is an error naming both lines.
    pub fn parse(text: &str) -> anyhow::Result<Catalog> {
        let file: CatalogFile = toml::from_str(text).map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut seen = HashSet::default();
        for m in &file.metric {
            if !seen.insert(m.id.as_str()) {
                let lines = id_lines(text, &m.id);
                if let [first, second, ..] = lines[..] {
                    bail!(
                        "line {second}: metric id {:?} appears twice (first on line {first})",
                        m.id
                    );
                }
            }
            if let Some(why) = conflicting_flags(m) {
                let line = id_lines(text, &m.id).first().copied().unwrap_or(0);
                bail!("line {line}: {why}");
            }
        }
        Catalog::from_metrics(file.metric)
    }

    /// Builds a catalog from metric definitions, checking ids.
    pub fn from_metrics(metrics: Vec<MetricDef>) -> anyhow::Result<Catalog> {
        let mut seen = HashSet::default();
        let mut fits = Vec::with_capacity(metrics.len());
        let mut matchers = Vec::new();
        let mut excludes = Vec::new();
        let mut named_by: HashMap<String, Vec<usize>> = HashMap::default();
        let mut unit_of: HashMap<String, Vec<usize>> = HashMap::default();
        let mut story = Vec::with_capacity(metrics.len());
        let mut names = Vec::with_capacity(metrics.len());
        let gaz = gazetteer::get();
        for (i, m) in metrics.iter().enumerate() {
            if !valid_id(&m.id) {
                bail!(
                    "metric {} has id {:?}: use lower-case letters, digits, '-', '_' and '.'",
                    i + 1,
                    m.id
                );
            }
            if !seen.insert(m.id.as_str()) {
                bail!("metric id {:?} appears twice", m.id);
            }
            if let Some(why) = conflicting_flags(m) {
                bail!("{why}");
            }
            fits.push(fit_of(m));
            story.push(story_words(m));
            names.push(story_names(m.label.as_deref().unwrap_or("")));
            for p in &m.phrases {
                let words = gaz.words(p);
                if words.is_empty() {
                    bail!(
                        "metric {:?} has a match phrase {p:?} with no word to match (only \
                         punctuation, or words like \"of\" and \"the\" that are left out)",
                        m.id
                    );
                }
                let mut senses: Vec<u16> = words.iter().filter_map(|w| w.sense).collect();
                senses.dedup();
                let places: Vec<String> = words
                    .iter()
                    .filter(|w| w.place)
                    .map(|w| w.text.clone())
                    .collect();
                let mut words: Vec<String> = words.into_iter().map(|w| w.text).collect();
                words.sort();
                words.dedup();
                let (period, core) = periods::of_phrase(p);
                let mut core: Vec<String> = gaz.words(&core).into_iter().map(|w| w.text).collect();
                core.sort();
                core.dedup();
                // A phrase whose other words say nothing of what is counted ("annual total",
                // "in a single day") matches only as written.
                if core.iter().all(|w| GENERIC_NOUNS.contains(&w.as_str())) {
                    core.clone_from(&words);
                }
                let plain: Vec<String> = normalize(p).split(' ').map(str::to_string).collect();
                let read_as_group = plain
                    .iter()
                    .filter(|w| !words.contains(w))
                    .cloned()
                    .collect();
                matchers.push(Matcher {
                    metric: i,
                    phrase: p.clone(),
                    words,
                    plain,
                    read_as_group,
                    senses,
                    places,
                    period,
                    core,
                    word_set: Words::default(),
                    core_set: Words::default(),
                });
            }
            for word in m.phrases.iter().chain(&m.unit).flat_map(|p| gaz.words(p)) {
                let metrics = named_by.entry(word.text).or_default();
                if metrics.last() != Some(&i) {
                    metrics.push(i);
                }
            }
            if let Some(head) = m.unit.as_deref().and_then(|u| gaz.words(u).pop()) {
                unit_of.entry(head.text).or_default().push(i);
            }
            for p in &m.exclude {
                let words: Vec<String> = gaz.words(p).into_iter().map(|w| w.text).collect();
                if !words.is_empty() {
                    excludes.push((i, words));
                }
            }
        }
        matchers.sort_by(|a, b| {
            b.words
                .len()
                .cmp(&a.words.len())
                .then(b.phrase.len().cmp(&a.phrase.len()))
                .then(a.metric.cmp(&b.metric))
        });
        let vocabulary = Vocabulary::of(
            matchers
                .iter()
                .flat_map(|m| [m.words.as_slice(), m.core.as_slice()]),
        );
        for m in &mut matchers {
            m.word_set = vocabulary.set_of_texts(m.words.iter().map(String::as_str));
            m.core_set = vocabulary.set_of_texts(m.core.iter().map(String::as_str));
        }
        let forecast = metrics.iter().map(tracks_a_forecast).collect();
        let story_of = stories(&metrics, &mut names);
        Ok(Catalog {
            path: None,
            metrics,
            fits,
            matchers,
            excludes,
            named_by,
            unit_of,
            vocabulary,
            story,
            story_of,
            name_finder: name_finder(&names)?,
            named_story: names.iter().map(|n| !n.is_empty()).collect(),
            forecast,
        })
    }

    /// The definition of metric `id`.
    pub fn get(&self, id: &str) -> Option<&MetricDef> {
        self.metrics.iter().find(|m| m.id == id)
    }

    /// The metric is a running total that should never fall.
    pub fn is_cumulative(&self, id: &str) -> bool {
        self.get(id).is_some_and(|m| m.cumulative)
    }

    /// Ids of the metrics that are changes over a period (`change = true`).
    pub fn change_ids(&self) -> Vec<String> {
        self.metrics
            .iter()
            .filter(|m| m.change)
            .map(|m| m.id.clone())
            .collect()
    }

    /// Ids of the cumulative metrics.
    pub fn cumulative_ids(&self) -> Vec<String> {
        self.metrics
            .iter()
            .filter(|m| m.cumulative)
            .map(|m| m.id.clone())
            .collect()
    }

    /// The catalog metric a claim's concept alone names, if any (see [`Catalog::assign_in`]).
    pub fn matching(&self, claim: &Claim) -> Option<&MetricDef> {
        let concept = claim.concept.as_deref()?;
        let words = gazetteer::get().words(concept);
        let read = Read::of(&words, &words, &words);
        let figure = Figure {
            claim,
            read: &read,
            concept: &words,
            period: Periods::default(),
            increment: false,
            noun: None,
            article: None,
        };
        self.find(&figure, &self.vocabulary.set_of(&words), false, &[])
            .map(|m| &self.metrics[m.metric])
    }

    /// The metric key of a claim from its concept alone: a catalog id, or one derived from it.
    pub fn assign(&self, claim: &Claim) -> String {
        match self.matching(claim) {
            Some(m) => m.id.clone(),
            None => derived_key(claim),
        }
    }

    /// The metric of a claim read in its document: the catalog phrases are looked for in the
    /// claim's concept, its clause, its sentence, the sentence before it in its paragraph and
    /// the document's title, in that order, each scope adding its words to those of the closer
    /// ones; at the first scope where a phrase has all its words, the phrase with the most words
    /// wins. A phrase matches when all its words are there, in any order, as the gazetteer reads
    /// them (so "killed in Turkey" finds "Turkish officials said 12,391 people
    /// died"). A metric's unit must fit the claim; a phrase of one sense (killed) is not taken
    /// for a figure whose clause says another (injured); a metric's `exclude` phrases in the
    /// figure's sentence or concept keep the figure out; a count found beyond its clause must
    /// count what the metric counts. Without a match: a key derived from the concept.
    pub fn assign_in(&self, claim: &Claim, doc: &Document) -> Assignment {
        self.assign_in_with(claim, doc, &mut WordsCache::default())
    }

    /// [`Catalog::assign_in`] with the words of each text kept in `cache`: the claims of one
    /// document share their title and sentences, which are then read once. The metrics of
    /// stories the article does not name are tried last: under a catalog of an earthquake in
    /// Morocco and of fires in Los Angeles, "1,351 people were killed in the province" of an
    /// article on Morocco is the earthquake's, though only the fires' "killed" is in its clause.
    pub fn assign_in_with(
        &self,
        claim: &Claim,
        doc: &Document,
        cache: &mut WordsCache,
    ) -> Assignment {
        cache.enter(&doc.text);
        let first = self.assign_skipping(claim, doc, cache, &[]);
        let filed_in = first
            .matched
            .as_ref()
            .and_then(|_| self.metrics.iter().position(|m| m.id == first.metric))
            .filter(|&i| self.named_story[i]);
        if let Some(metric) = filed_in
            && let untold = cache.untold(self, doc)
            && untold.contains(&metric)
        {
            let untold = untold.to_vec();
            let told = self.assign_skipping(claim, doc, cache, &untold);
            if told.matched.as_deref().is_some_and(in_own_sentence) {
                return told;
            }
        }
        first
    }

    /// [`Catalog::assign_in_with`] among the metrics not in `skip`, in the document `cache` has
    /// entered ([`WordsCache::enter`]).
    fn assign_skipping(
        &self,
        claim: &Claim,
        doc: &Document,
        cache: &mut WordsCache,
        skip: &[usize],
    ) -> Assignment {
        if self.matchers.is_empty() {
            return Assignment {
                metric: derived_key(claim),
                matched: None,
            };
        }
        let gaz = gazetteer::get();
        // Each scope read once: the clause and sentence also decide senses and exclusions.
        let lede = cache.lede_of(&doc.text);
        let (texts, figure_at) = context_of(claim, doc, lede);
        // The period the figure's clause states, else its sentence ("In all of 2023, 29,437
        // made the crossing").
        let period_of = |text: &str| {
            let figure = figure_at
                .zip(offset_in(texts[2], text))
                .and_then(|(figure, from)| figure.checked_sub(from))
                .filter(|&figure| figure <= text.len())
                .or_else(|| text.find(claim.text.as_str()))
                .unwrap_or(0);
            periods::of(text, figure, claim.published)
        };
        let period = Some(period_of(texts[1]))
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| period_of(texts[2]));
        // The places the figure's sentence names up to the end of its clause: "In
        // neighbouring Thailand, 72 are missing" is Thailand's; "3 million are displaced, while
        // 900,000 fled to Chad and Egypt" is not about Chad.
        let before_clause = {
            let sentence = texts[2];
            let clause_end = offset_in(sentence, texts[1])
                .or_else(|| sentence.find(texts[1]))
                .map_or(sentence.len(), |at| at + texts[1].len());
            &sentence[..clause_end]
        };
        // What a count counts, without a rate's period: "soldiers a day" counts soldiers.
        let counted = claim
            .unit
            .as_deref()
            .filter(|_| claim.kind == Kind::Count)
            .map(|unit| {
                let per = |at: usize| {
                    ["a ", "per ", "each ", "every "]
                        .iter()
                        .any(|w| unit[at + 1..].starts_with(w))
                };
                unit.match_indices(' ')
                    .map(|(at, _)| at)
                    .find(|&at| per(at))
                    .map_or(unit, |at| &unit[..at])
            });
        // The sentence first: its clause and the words before the clause's end are parts of it.
        let sentence = texts[2];
        for text in [sentence]
            .iter()
            .chain(&texts)
            .chain([&before_clause])
            .chain(counted.as_ref())
        {
            if cache.words.contains_key(*text) {
                continue;
            }
            let (words, spans) = offset_in(sentence, text)
                .and_then(|at| cache.words.get(sentence)?.part(at..at + text.len()))
                .unwrap_or_else(|| gaz.words_at(text));
            let set = self.vocabulary.set_of(&words);
            cache
                .words
                .insert(text.to_string(), TextWords { words, spans, set });
        }
        let words_of = |text: &str| cache.words[text].words.as_slice();
        let set_of = |text: &str| &cache.words[text].set;
        let scopes: [&[Word]; 6] = texts.map(words_of);
        // Every search below reads some of these words: when no phrase has all its words among
        // them, none can file the figure.
        let mut read_at_all = set_of(before_clause).clone();
        for text in texts.iter().chain(counted.as_ref()) {
            read_at_all.add(set_of(text));
        }
        if !self.may_match(&read_at_all) {
            return Assignment {
                metric: derived_key(claim),
                matched: None,
            };
        }
        let named_before: Vec<Word> = words_of(before_clause)
            .iter()
            .chain(scopes[0])
            .cloned()
            .collect();
        let clause = scopes[1];
        let own: Vec<Word> = scopes[0].iter().chain(scopes[2]).cloned().collect();
        // The words of the scopes so far: a phrase may be completed by a wider scope ("deaths"
        // in the sentence, "Lahaina" in the title), and is found at the closest scope that
        // completes it.
        let mut seen = Words::default();
        // "the country" stands for the countries the title or the sentence before names.
        let countries = self
            .vocabulary
            .set_of(scopes[3].iter().chain(scopes[4]).filter(|w| w.country));
        let read = Read::of(clause, &own, &named_before);
        let article = Article {
            title: doc.title.as_deref().unwrap_or(""),
            text: &doc.text,
            words: &cache.article,
        };
        let figure = Figure {
            claim,
            read: &read,
            concept: scopes[0],
            period,
            increment: figure_at
                .and_then(|f| texts[2].get(f + claim.text.len()..))
                .is_some_and(adds_to_a_total),
            noun: counted.and_then(|unit| words_of(unit).last().map(|w| w.text.as_str())),
            article: Some(&article),
        };
        // The noun a count counts names its metric before the words around it: "606
        // artillery systems" in a sentence on what "Ukrainian forces" destroyed.
        // Only a phrase with the unit's head noun: "personnel carriers" count carriers. Its
        // sentence up to the end of its clause may make it more specific: "cholera cases in
        // Malawi have climbed to 45,912, with 1,489 deaths" files the deaths under "cholera
        // deaths", not under a "death toll" that says no more than the noun.
        if let Some(unit) = counted
            && let Some(head) = words_of(unit).last()
            && let Some(m) = self.find(&figure, set_of(unit), false, skip)
            && m.words.contains(&head.text)
        {
            // The figure's own concept first, then the words before its clause: "Wajima has
            // recorded 69 deaths and Suzu 38" files the 38 by "Suzu", not by "Wajima".
            let mut own_words = set_of(unit).clone();
            own_words.add(set_of(texts[0]));
            let mut around = own_words.clone();
            around.add(set_of(before_clause));
            let wider_in = |around: &Words| {
                let mut other = skip.to_vec();
                while let Some(w) = self.find(&figure, around, false, &other) {
                    if w.words.contains(&head.text) {
                        // Of the same noun: "armoured personnel carriers" before "900
                        // servicemen" count carriers, though personnel are servicemen.
                        let counts = |noun: &str| {
                            self.unit_of
                                .get(noun)
                                .is_some_and(|metrics| metrics.contains(&w.metric))
                        };
                        let its_noun = counts(&head.text)
                            || !self.unit_of.values().any(|ms| ms.contains(&w.metric));
                        return Some(w).filter(|w| w.words.len() > m.words.len() && its_noun);
                    }
                    other.push(w.metric);
                }
                None
            };
            let (m, name) = wider_in(&own_words)
                .map(|w| (w, "concept"))
                .or_else(|| wider_in(&around).map(|w| (w, "sentence")))
                .unwrap_or((m, "unit"));
            return Assignment {
                metric: self.metrics[m.metric].id.clone(),
                matched: Some(format!("{:?} in {name}", m.phrase)),
            };
        }
        for (k, (name, words)) in SCOPES.iter().zip(&scopes).enumerate() {
            if words.is_empty() {
                continue;
            }
            seen.add(set_of(texts[k]));
            if words
                .iter()
                .any(|w| matches!(w.text.as_str(), "country" | "nation"))
            {
                seen.add(&countries);
            }
            let beyond = k >= 3;
            if let Some(m) = self
                .find(&figure, &seen, beyond, skip)
                .filter(|m| k < 2 || self.counts_the_same(claim, m))
                // The lede completes a phrase only for a figure that names what it counts
                // ("reported 1,277 cases"), the phrase's own noun.
                .filter(|m| k < 5 || figure.noun.is_some_and(|n| m.words.iter().any(|w| w == n)))
            {
                let m = if beyond {
                    match self.closest(&figure, &seen, m, &own, skip) {
                        Some(m) => m,
                        None => continue,
                    }
                } else {
                    m
                };
                // A phrase of the concept gives way to one of its clause that says more of the
                // same: "3,000 North Korean soldiers have been killed or wounded" is "north
                // korean soldiers killed or wounded", not "north korean soldiers".
                let (m, name) = match k {
                    0 => {
                        let mut clause_words = seen.clone();
                        clause_words.add(set_of(texts[1]));
                        self.find(&figure, &clause_words, false, skip)
                            .filter(|c| {
                                c.words.len() > m.words.len()
                                    && m.words.iter().all(|w| c.words.contains(w))
                            })
                            .map_or((m, *name), |c| (c, SCOPES[1]))
                    }
                    _ => (m, *name),
                };
                let read_up_to = if name == SCOPES[1] { k.max(1) } else { k };
                let m = self.as_written(m, &texts[..=read_up_to]);
                return Assignment {
                    metric: self.metrics[m.metric].id.clone(),
                    matched: Some(format!("{:?} in {name}", m.phrase)),
                };
            }
        }
        Assignment {
            metric: derived_key(claim),
            matched: None,
        }
    }

    /// Whether some phrase has all its words, or all but those of its period, in `words`:
    /// without one, [`Catalog::find`] finds nothing in any part of them.
    fn may_match(&self, words: &Words) -> bool {
        self.matchers
            .iter()
            .any(|m| words.holds(&m.word_set) || words.holds(&m.core_set))
    }

    /// Beyond the figure's sentence (the sentence before, the title), of `first` and the best
    /// phrase of each other metric found in `words`, the one with most of its words in the
    /// figure's `own` words, then the longest: under the title "Dengue deaths climb to 758",
    /// "The number of cases has reached 2 million" is the cases' ("dengue cases"), not the
    /// deaths'. Of two of the same words that tie, the one whose story the article tells more
    /// ([`Catalog::told`]); None when that ties too: under a title on "Ridge and Canyon
    /// fires", "12,000 structures destroyed across the region" is neither fire's.
    fn closest<'m>(
        &'m self,
        figure: &Figure,
        words: &Words,
        first: &'m Matcher,
        own: &[Word],
        skip: &[usize],
    ) -> Option<&'m Matcher> {
        let in_own = |m: &Matcher| {
            m.words
                .iter()
                .filter(|w| own.iter().any(|o| &o.text == *w))
                .count()
        };
        let rank = |m: &Matcher| (in_own(m), m.words.len());
        let mut best = first;
        let mut tied = false;
        let mut tried = vec![first.metric];
        tried.extend_from_slice(skip);
        while let Some(r) = self.find(figure, words, true, &tried) {
            tried.push(r.metric);
            if !self.counts_the_same(figure.claim, r) {
                continue;
            }
            match rank(r).cmp(&rank(best)) {
                std::cmp::Ordering::Greater => (best, tied) = (r, false),
                // Two stories' phrases: the one the article tells, if it tells one more.
                std::cmp::Ordering::Equal if r.words == best.words => {
                    let pair = [best, r];
                    match self
                        .told(figure, r, &pair)
                        .cmp(&self.told(figure, best, &pair))
                    {
                        std::cmp::Ordering::Greater => (best, tied) = (r, false),
                        std::cmp::Ordering::Equal => tied = true,
                        std::cmp::Ordering::Less => {}
                    }
                }
                std::cmp::Ordering::Equal => tied = true,
                std::cmp::Ordering::Less => {}
            }
        }
        (!tied).then_some(best)
    }

    /// Of the phrases of `m`'s metric that the gazetteer reads as `m`'s words ("inflation" and
    /// "consumer price index"), the one written in `texts`, so `metric_match` names the words
    /// the article used; `m` when none is or there is no other.
    fn as_written<'m>(&'m self, m: &'m Matcher, texts: &[&str]) -> &'m Matcher {
        let twins = || {
            self.matchers
                .iter()
                .filter(|x| x.metric == m.metric && x.words == m.words)
        };
        if twins().nth(1).is_none() {
            return m;
        }
        let written: HashSet<String> = texts
            .iter()
            .flat_map(|t| {
                normalize(t)
                    .split(' ')
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        let shows = |x: &Matcher| x.plain.iter().all(|w| written.contains(w));
        if shows(m) {
            return m;
        }
        twins().find(|x| shows(x)).unwrap_or(m)
    }

    /// Whether a count's `noun` is what other metrics count and `metric` does not: "26 ships"
    /// in a sentence on what "Ukrainian forces" destroyed are not the forces' metric when
    /// another metric counts ships. People ("person") are anyone's, and so are the nouns that
    /// count what follows them ("2 pieces of special equipment", "40 units of artillery").
    fn counts_another(&self, noun: &str, metric: usize) -> bool {
        !matches!(noun, "person" | "piece" | "unit" | "item" | "kind" | "type")
            && self
                .named_by
                .get(noun)
                .is_some_and(|metrics| !metrics.contains(&metric))
    }

    /// Whether `text` names what another metric counts (its unit's noun) and metric `id` does
    /// not: a headline on "Ukraine's count of downed drones" restates no figure of troops.
    pub fn names_what_another_counts(&self, text: &str, id: &str) -> bool {
        let Some(metric) = self.metrics.iter().position(|m| m.id == id) else {
            return false;
        };
        gazetteer::get().words(text).iter().any(|w| {
            self.unit_of
                .get(&w.text)
                .is_some_and(|metrics| !metrics.contains(&metric))
                && self.counts_another(&w.text, metric)
        })
    }

    /// A count filed through its sentence, the sentence before or the title must count what the
    /// metric counts: people, the metric's unit, or a word of the phrase ("the two countries"
    /// in an article titled "North Korean troops ..." are not troops).
    fn counts_the_same(&self, claim: &Claim, m: &Matcher) -> bool {
        if claim.kind != Kind::Count {
            return true;
        }
        let gaz = gazetteer::get();
        let Some(noun) = claim
            .unit_normalized
            .as_deref()
            .and_then(|u| gaz.words(u).pop())
        else {
            return true;
        };
        let unit = self.metrics[m.metric]
            .unit
            .as_deref()
            .and_then(|u| gaz.words(u).pop());
        noun.text == "person"
            || unit.is_some_and(|u| u.text == noun.text)
            || m.words.contains(&noun.text)
    }

    /// The most specific phrase all of whose words are in `words`, of a metric not in `not` that
    /// fits the claim, says no other sense than the figure's clause, and has no exclude phrase in the
    /// figure's own words (its concept and sentence). `beyond` the figure's sentence (the
    /// sentence before, the title), a clause that says a sense ("Another 300 died") takes only a
    /// phrase that says it too: the troops of the sentence before are not the dead. A phrase's
    /// places must be those the figure's sentence names up to its clause's end, when it names
    /// any. A phrase that states a period takes no figure whose clause states another, and one
    /// whose clause states the same with its other words ([`periods`]).
    fn find(&self, figure: &Figure, have: &Words, beyond: bool, not: &[usize]) -> Option<&Matcher> {
        let Figure {
            claim,
            read,
            concept,
            period,
            increment,
            noun,
            article: _,
        } = *figure;
        let Read {
            own,
            places: own_places,
            clause_senses,
        } = read;
        // "Another 1,237 deaths are being investigated": unconfirmed, whatever else it says.
        let unconfirmed = UNCONFIRMED.filter(|u| clause_senses.contains(u));
        let takes = |m: &&Matcher| {
            !(not.contains(&m.metric)
                || increment && self.metrics[m.metric].cumulative
                || noun.is_some_and(|noun| self.counts_another(noun, m.metric)))
                && m.period.agree(period)
                && (!self.forecast[m.metric] || claim.role == Role::Target)
                && places_agree(&m.places, own_places)
                && fits(&self.fits[m.metric], claim)
                && unconfirmed.is_none_or(|u| m.senses.contains(&u))
                && (clause_senses.is_empty()
                    || (m.senses.is_empty() && !beyond)
                    || m.senses.iter().any(|s| clause_senses.contains(s)))
                && !self
                    .excludes
                    .iter()
                    .any(|(i, ex)| *i == m.metric && ex.iter().all(|w| own.contains(w.as_str())))
                && !(beyond
                    && (self
                        .matchers
                        .iter()
                        .filter(|x| x.metric == m.metric)
                        .any(|x| {
                            other_kind(concept, &x.words, own)
                                // A phrase read as its group ("consumer price index" as
                                // "inflation") keeps its kind as written: food prices are not
                                // consumer prices.
                                || other_kind(concept, &x.read_as_group, own)
                        })
                        || self.rate_of_its_own(claim, concept, m.metric)))
                && !another_measure(concept, m)
                && !opposite(concept, &m.words)
                && !(m.plain.len() > m.words.len() && another_kind_of_its_group(concept, m))
        };
        // A phrase as written first; then one whose period the figure's states, by its other
        // words. A phrase as written that states no period and says no more than such a
        // phrase's other words gives way to it: "the consumer price index slipped 0.1% on the
        // month" is "monthly cpi", not the plain "consumer price index"; "core inflation" says
        // more than "annual inflation" does and keeps a 12-month figure.
        let by_period = || {
            self.matchers
                .iter()
                .filter(|m| !m.period.is_empty() && !period.is_empty() && have.holds(&m.core_set))
                .find(takes)
        };
        let found = match self
            .matchers
            .iter()
            .filter(|m| have.holds(&m.word_set))
            .find(takes)
        {
            Some(literal) if literal.period.is_empty() && !period.is_empty() => by_period()
                .filter(|p| {
                    period.within(p.period) && literal.words.iter().all(|w| p.core.contains(w))
                })
                .or(Some(literal)),
            Some(literal) => Some(literal),
            None => by_period(),
        }?;
        // Another metric's phrase of the same words ("death toll" of two stories' deaths): the
        // story the figure's words tell.
        let rivals: Vec<&Matcher> = self
            .matchers
            .iter()
            .filter(|m| m.metric != found.metric && m.words == found.words)
            .filter(|m| have.holds(&m.word_set) || have.holds(&m.core_set))
            .filter(takes)
            .collect();
        Some(self.by_story(figure, found, &rivals))
    }

    /// Of `first` and the `rivals` that share its words, the phrase of the metric whose story
    /// words (those of its label and id that no rival's has) the figure's sentence names most,
    /// then its title and text: under "Deaths in the Morocco earthquake" and "Deaths in the Los
    /// Angeles fires", both matching "death toll", "The death toll from the Los Angeles wildfires
    /// rose to 24" is the fires'. `first` (the catalog's order) when none is named more.
    fn by_story<'m>(
        &'m self,
        figure: &Figure,
        first: &'m Matcher,
        rivals: &[&'m Matcher],
    ) -> &'m Matcher {
        if figure.article.is_none() || rivals.is_empty() {
            return first;
        }
        let all: Vec<&Matcher> = [first].into_iter().chain(rivals.iter().copied()).collect();
        let score = |m: &Matcher| self.told(figure, m, &all);
        let mut best = (first, score(first));
        for &r in rivals {
            let told = score(r);
            if told > best.1 {
                best = (r, told);
            }
        }
        best.0
    }

    /// How much the figure's sentence, then its article, name of `m`'s story words that none
    /// of the other metrics of `all` has in its story, besides the words of `m` itself (which
    /// found the figure already: "sudan displaced" against "displaced worldwide" is not told
    /// again by a Sudan that the sentence names in passing).
    fn told(&self, figure: &Figure, m: &Matcher, all: &[&Matcher]) -> (usize, usize) {
        let Some(article) = figure.article else {
            return (0, 0);
        };
        let own = self.story[m.metric].iter().filter(|w| {
            !m.words.contains(w)
                && all
                    .iter()
                    .filter(|r| r.metric != m.metric)
                    .all(|r| !self.story[r.metric].contains(w))
        });
        own.fold((0, 0), |(near, far), w| {
            (
                near + usize::from(figure.read.own.contains(w.as_str())),
                far + usize::from(article.words().contains(w)),
            )
        })
    }

    /// Whether a percentage names a subject of its own that none of metric `metric`'s phrases
    /// shares a word with: "Manufacturing employment was down 1.5%" is not the inflation of the
    /// title nor the unemployment of the sentence before, while "Prices rose 0.2%" shares
    /// "price" with "consumer price index", and "It had been 3.4%", "the annual rate" and a
    /// forecast ("Economists had expected 2.3%") take the sentence before's. A subject with a
    /// name in it ("the Dow Jones consensus") is who gave the figure, not what it measures.
    fn rate_of_its_own(&self, claim: &Claim, concept: &[Word], metric: usize) -> bool {
        let named = claim.concept.as_deref().is_some_and(|c| {
            c.split_whitespace()
                .skip(1)
                .any(|w| w.starts_with(char::is_uppercase))
        });
        claim.kind == crate::model::Kind::Percentage
            && claim.role != crate::model::Role::Target
            && !named
            && concept.last().is_some_and(|head| {
                !GENERIC_NOUNS.contains(&head.text.as_str())
                    && !SAME_KIND.contains(&head.text.as_str())
            })
            && !self
                .matchers
                .iter()
                .filter(|x| x.metric == metric)
                .any(|x| {
                    concept
                        .iter()
                        .any(|w| x.words.contains(&w.text) || x.plain.contains(&w.text))
                })
    }

    /// The catalog text with `def` appended (the existing text is kept as written).
    pub fn append_text(existing: &str, def: &MetricDef) -> anyhow::Result<String> {
        #[derive(Serialize)]
        struct One<'a> {
            metric: [&'a MetricDef; 1],
        }
        let block = toml::to_string(&One { metric: [def] })?;
        let mut text = existing.to_string();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&block);
        Ok(text)
    }
}

/// Words that carry a running figure on to its new total: "bringing the toll to 340".
const BRINGING: &[&str] = &[
    "bringing", "taking", "raising", "pushing", "lifting", "putting", "brings", "takes", "raises",
    "pushes", "lifts",
];

/// Nouns of a running figure's total.
const TOTALS: &[&str] = &[
    "total", "toll", "tally", "number", "count", "figure", "overall", "sum",
];

/// Whether the text after a figure gives the new total the figure added to: "[killed 12
/// overnight], bringing the death toll to 340", "[destroyed 56 trucks in the past day], taking
/// the total to 1,161", "[310 new cases], which brings the tally to about 9,000". The figure is
/// then a day's or an event's addition: the level of a daily series, a change of the total.
pub fn adds_to_a_total(after: &str) -> bool {
    let words: Vec<&str> = after
        .split(|c: char| !(c.is_alphanumeric() || c == ','))
        .filter(|w| !w.is_empty())
        .collect();
    let one_of = |list: &[&str], w: &str| list.iter().any(|l| l.eq_ignore_ascii_case(w));
    let within = |from: usize, n: usize, hit: &dyn Fn(&str) -> bool| {
        (from..(from + n).min(words.len())).find(|&j| hit(words[j]))
    };
    let number = |w: &str| w.starts_with(|c: char| c.is_ascii_digit());
    // The figure right before the new total: no other figure between them ("24,617 deaths and
    // a further 3,574, bringing the combined toll to 28,191" adds the second to the first).
    let Some(k) = words.iter().position(|w| one_of(BRINGING, w)) else {
        return false;
    };
    !words[..k].iter().any(|w| number(w))
        && !words[k..]
            .iter()
            .take(5)
            .any(|w| w.eq_ignore_ascii_case("combined"))
        && {
            within(k + 1, 5, &|w| one_of(TOTALS, w))
                .and_then(|j| within(j + 1, 4, &|w| w.eq_ignore_ascii_case("to")))
                .and_then(|t| within(t + 1, 4, &|w| number(w)))
                .is_some()
        }
}

/// The words ([`gazetteer::Gazetteer::words`]) of the texts read so far, by text, with the set of
/// the catalog's words among them (so a cache serves one catalog); and, for the document read
/// last (known by its text's address and length), where its lede lies and its article's words,
/// each found once. A run keeps one cache per document.
#[derive(Default)]
pub struct WordsCache {
    words: HashMap<String, TextWords>,
    document: (usize, usize),
    lede: Option<std::ops::Range<usize>>,
    /// The words of the document's title and text ([`Article`]), read when first asked for.
    article: std::cell::OnceCell<HashSet<String>>,
    /// The metrics whose story names the document names none of ([`WordsCache::untold`]).
    untold: Option<Vec<usize>>,
}

/// The words of a text, the byte range of the text each was read from, and the catalog's words
/// among them.
struct TextWords {
    words: Vec<Word>,
    spans: Vec<std::ops::Range<usize>>,
    set: Words,
}

impl TextWords {
    /// The words of the part of the text at `range` (a clause of a sentence), with their
    /// ranges in the part: the words read from inside it. None when a run of words crosses
    /// either edge ("Washington, D.C." cut at its comma), which the part alone reads otherwise.
    fn part(
        &self,
        range: std::ops::Range<usize>,
    ) -> Option<(Vec<Word>, Vec<std::ops::Range<usize>>)> {
        let crosses = |at: usize| self.spans.iter().any(|s| s.start < at && at < s.end);
        if crosses(range.start) || crosses(range.end) {
            return None;
        }
        Some(
            self.words
                .iter()
                .zip(&self.spans)
                .filter(|(_, s)| range.start <= s.start && s.end <= range.end)
                .map(|(w, s)| (w.clone(), s.start - range.start..s.end - range.start))
                .unzip(),
        )
    }
}

impl WordsCache {
    /// Forgets the lede and the article words of another document than the one of `text`.
    fn enter(&mut self, text: &str) {
        let key = (text.as_ptr() as usize, text.len());
        if self.document != key {
            self.document = key;
            self.lede = None;
            self.article = Default::default();
            self.untold = None;
        }
    }

    /// The metrics of `catalog` whose label names places or names of which the document
    /// ([`WordsCache::enter`]) names none, while it names some other metric's: a story the
    /// article does not tell. None when no metric's names are named, as in an article that
    /// names no place. A name is named when one of its spellings stands as a word of its own.
    fn untold(&mut self, catalog: &Catalog, doc: &Document) -> &[usize] {
        if self.untold.is_none() {
            let mut told = vec![false; catalog.named_story.len()];
            if let Some((finder, metric_of)) = &catalog.name_finder {
                let word_at = |text: &str, at: usize| {
                    text[at..].chars().next().is_some_and(char::is_alphanumeric)
                };
                for text in [doc.title.as_deref().unwrap_or(""), doc.text.as_str()] {
                    for m in finder.find_overlapping_iter(text) {
                        let before = text[..m.start()].chars().next_back();
                        if !before.is_some_and(char::is_alphanumeric) && !word_at(text, m.end()) {
                            told[metric_of[m.pattern().as_usize()]] = true;
                        }
                    }
                }
            }
            let untold = if told.iter().any(|&t| t) {
                let mut story_told = vec![false; told.len()];
                for (i, _) in told.iter().enumerate().filter(|(_, t)| **t) {
                    story_told[catalog.story_of[i]] = true;
                }
                (0..told.len())
                    .filter(|&i| catalog.named_story[i] && !story_told[catalog.story_of[i]])
                    .collect()
            } else {
                Vec::new()
            };
            self.untold = Some(untold);
        }
        self.untold.as_deref().unwrap_or(&[])
    }

    /// The lede of the document of `text` ([`WordsCache::enter`]), found once.
    fn lede_of<'t>(&mut self, text: &'t str) -> &'t str {
        if let Some(lede) = self.lede.clone().and_then(|range| text.get(range)) {
            return lede;
        }
        let lede = lede(text);
        let from = offset_in(text, lede).unwrap_or(0);
        self.lede = Some(from..from + lede.len());
        lede
    }
}

/// The texts a claim's metric is looked for in, closest first (see [`SCOPES`]): its concept, its
/// clause (the part of its sentence between separators such as ", " and "; "), its sentence,
/// the sentence before it in its paragraph, its document's title, and the first sentence of its
/// body (the lede, which says what the story counts). Missing ones are empty. With
/// them, where the figure starts in its sentence, when the sentence was found in the text. A
/// dateline opening the sentence is left out of it.
fn context_of<'a>(
    claim: &'a Claim,
    doc: &'a Document,
    lede: &'a str,
) -> ([&'a str; 6], Option<usize>) {
    let text = doc.text.as_str();
    let sentence = claim.sentence.as_str();
    let at = claim.start as usize;
    // Where the figure's text sits in its sentence puts the sentence in the text, checked
    // there, before any search for the whole sentence.
    let aligned = sentence
        .match_indices(claim.text.as_str())
        .filter(|_| !claim.text.is_empty())
        .filter_map(|(o, _)| at.checked_sub(o))
        .filter(|&s| text.get(s..s + sentence.len()) == Some(sentence))
        .last();
    let sent_start = aligned.or_else(|| {
        at.checked_sub(sentence.len())
            .and_then(|lo| text.get(lo..))
            .and_then(|t| t.find(sentence))
            .map(|i| at.saturating_sub(sentence.len()) + i)
            .filter(|s| *s <= at)
            .or_else(|| text.find(sentence).filter(|s| *s <= at))
    });
    // "GAZIANTEP, Turkey - The toll rose above 15,000": where the reporter was is not what
    // the figure is about.
    let cut = crate::extract::sentences::dateline_len(sentence);
    let whole_start = sent_start;
    let (sentence, sent_start) = match sent_start {
        Some(s) if cut > 0 && at >= s + cut => (&sentence[cut..], Some(s + cut)),
        _ => (sentence, sent_start),
    };
    let (clause, previous, figure_at) = match sent_start {
        Some(s) => {
            let f = (at - s).min(sentence.len());
            let f_end = (claim.end as usize)
                .saturating_sub(s)
                .clamp(f, sentence.len());
            (
                clause_around(sentence, f, f_end),
                previous_sentence(text, whole_start.unwrap_or(s)),
                Some(f),
            )
        }
        None => (sentence, "", None),
    };
    let texts = [
        claim.concept.as_deref().unwrap_or(""),
        clause,
        sentence,
        previous,
        doc.title.as_deref().unwrap_or(""),
        // Only when it is neither of the sentences already read.
        Some(lede)
            .filter(|l| !holds(sentence, l) && !holds(previous, l))
            .unwrap_or(""),
    ];
    (texts, figure_at)
}

/// Whether `text` holds `part`, without setting up a search when it is too short to.
fn holds(text: &str, part: &str) -> bool {
    part.len() <= text.len() && text.contains(part)
}

/// The first sentence of a text's body, after its headline and dateline.
fn lede(text: &str) -> &str {
    let body = crate::extract::headline_end(text).map_or(text, |end| &text[end..]);
    let body = body.trim_start();
    let head =
        &body[..body.floor_char_boundary(crate::extract::sentences::MAX_SENTENCE.min(body.len()))];
    let Some(first) = crate::extract::sentences::split(head).into_iter().next() else {
        return "";
    };
    let sentence = &head[first.start..first.end];
    &sentence[crate::extract::sentences::dateline_len(sentence)..]
}

/// Where `inner` starts in `outer` when it is a slice of it (the clause of its sentence), found
/// from their addresses instead of searched for.
fn offset_in(outer: &str, inner: &str) -> Option<usize> {
    let (from, at) = (outer.as_ptr() as usize, inner.as_ptr() as usize);
    (at >= from && at + inner.len() <= from + outer.len()).then(|| at - from)
}

/// Separators of clauses inside a sentence.
const CLAUSE_ENDS: [&str; 10] = [
    ", ",
    "; ",
    ": ",
    " (",
    ") ",
    " \u{2014} ",
    " \u{2013} ",
    " - ",
    " while ",
    " but ",
];

/// The clause of `sentence` that holds bytes `from..to`. An " and " that joins another figure's
/// words ("4,715 people injured and 341 still missing") ends a clause too, as does an "after"
/// past the figure: "jumped to 222 after Wajima added names to its list" says what happened,
/// not what the figure counts (its words stay in the sentence's scope).
fn clause_around(sentence: &str, from: usize, to: usize) -> &str {
    let (Some(before), Some(after)) = (sentence.get(..from), sentence.get(to..)) else {
        return sentence;
    };
    // One automaton for all separators: the last one ending before the figure, the first one
    // starting after it.
    static SEPARATORS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::new(CLAUSE_ENDS).expect("the clause separators build an automaton")
    });
    let start = SEPARATORS
        .find_overlapping_iter(before)
        .map(|m| m.end())
        .max()
        .unwrap_or(0);
    let end = SEPARATORS
        .find_overlapping_iter(after)
        .map(|m| m.start())
        .chain(
            after
                .find(" after ")
                .filter(|&i| opens_a_clause(&after[i + 7..])),
        )
        .min()
        .map_or(sentence.len(), |i| to + i);
    let has_digit = |t: &str| t.bytes().any(|b| b.is_ascii_digit());
    let start = match before[start..].rfind(" and ") {
        Some(i) if has_digit(&before[start..start + i]) => start + i + " and ".len(),
        _ => start,
    };
    let end = match sentence[to..end].find(" and ") {
        Some(i) if has_digit(&sentence[to + i..end]) => to + i,
        _ => end,
    };
    sentence.get(start..end).unwrap_or(sentence)
}

/// Whether the words after an "after" up to the next separator are a clause of their own, a
/// subject and its past verb ("Wajima added names", "the quake struck"), not a noun phrase
/// ("after the floods", "after heavy rain").
fn opens_a_clause(rest: &str) -> bool {
    let end = rest.find([',', ';', ':', '(']).unwrap_or(rest.len());
    rest[..end].split_whitespace().skip(1).any(|w| {
        w.len() > 3 && w.ends_with("ed")
            || matches!(
                w,
                "struck" | "hit" | "began" | "rose" | "fell" | "took" | "made" | "found" | "came"
            )
    })
}

/// The sentence before the one starting at byte `start` of `text`, in the same paragraph.
fn previous_sentence(text: &str, start: usize) -> &str {
    let Some(before) = text.get(..start) else {
        return "";
    };
    let para = before.rfind("\n\n").map_or(0, |i| i + 2);
    let window = &before[para..];
    crate::extract::sentences::split(window)
        .last()
        .map_or("", |s| &window[s.start..s.end])
}

/// A metric id: lower-case letters, digits, `-`, `_` and `.`.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b))
}

fn fit_of(m: &MetricDef) -> Fit {
    let unit = m.unit.as_deref().map(|u| u.trim().to_lowercase());
    let inferred = unit.as_deref().map(|u| {
        if matches!(u, "percentage" | "percent" | "per cent" | "%" | "pct") {
            return (Kind::Percentage, Some("percentage".to_string()));
        }
        let words: Vec<&str> = u.split_whitespace().collect();
        match units::unit_after(&words) {
            Some(m) if m.len == words.len() && m.kind != Kind::Count => (m.kind, Some(m.norm)),
            _ => (Kind::Count, None),
        }
    });
    match (m.kind, inferred) {
        (Some(Kind::Count), _) => Fit {
            kind: Some(Kind::Count),
            unit: None,
        },
        (Some(k), Some((ik, norm))) if k == ik => Fit {
            kind: Some(k),
            unit: norm,
        },
        (Some(k), _) => Fit {
            kind: Some(k),
            unit: unit.map(|u| {
                u.split_whitespace()
                    .map(units::singular)
                    .collect::<Vec<_>>()
                    .join(" ")
            }),
        },
        (None, Some((k, norm))) => Fit {
            kind: Some(k),
            unit: norm,
        },
        (None, None) => Fit {
            kind: None,
            unit: None,
        },
    }
}

fn fits(fit: &Fit, claim: &Claim) -> bool {
    let Some(kind) = fit.kind else {
        return true;
    };
    // A bare whole number ("reached 712", "passed 1,000") counts what its context names; a
    // magnitude of 7.8 or "eight times" counts nothing.
    let bare_whole =
        claim.kind == Kind::Other && claim.unit_normalized.is_none() && claim.value.fract() == 0.0;
    if claim.kind != kind && !(kind == Kind::Count && bare_whole) {
        return false;
    }
    match (&fit.unit, kind) {
        (_, Kind::Count) => true,
        (Some(u), Kind::Percentage) => claim.unit_normalized.as_deref().is_none_or(|c| c == u),
        (Some(u), _) => claim.unit_normalized.as_deref() == Some(u.as_str()),
        (None, _) => true,
    }
}

/// Text as compared with match phrases: lower case, "'s", punctuation and function words
/// ("of", "in", "the" ...) dropped, each word singular, single spaces. "North Korea's soldiers
/// in Kursk," -> "north korea soldier kursk". Concepts are reported without function words, so
/// a phrase written with them ("troops in Kursk") still matches.
pub fn normalize(text: &str) -> String {
    let lower = text.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'");
    let mut out = String::with_capacity(lower.len());
    for raw in lower.split(|c: char| !(c.is_alphanumeric() || c == '\'')) {
        let w = raw.trim_matches('\'');
        let w = w.strip_suffix("'s").unwrap_or(w).replace('\'', "");
        if w.is_empty() || keywords::is_function_word(&w) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&units::singular(&w));
    }
    out
}

/// Longest derived key, in bytes.
const MAX_KEY: usize = 64;

/// The key of a claim outside the catalog: its normalised concept as a slug
/// ("North Korean troops" -> `north-korean-troop`), with the unit appended unless the concept
/// already names it ("average price of fuel" in dollars -> `average-price-fuel-dollar`, "Waymo"
/// counting jobs -> `waymo-job`), so figures of different things never share a series. A count
/// without a concept is keyed by what it counts (`person`); other claims without one get
/// `unlabelled-` and their unit (or kind).
pub fn derived_key(claim: &Claim) -> String {
    let counted = claim
        .unit_normalized
        .as_deref()
        .map(normalize)
        .filter(|u| !u.is_empty());
    let counts_noun = claim.kind == Kind::Count && counted.is_some();
    let unit = counted.unwrap_or_else(|| claim.kind.name().to_string());
    let concept = claim.concept.as_deref().map(normalize).unwrap_or_default();
    let mut key = if concept.is_empty() && counts_noun {
        unit
    } else if concept.is_empty() {
        format!("unlabelled {unit}")
    } else if format!(" {concept} ").contains(&format!(" {unit} ")) {
        concept
    } else {
        format!("{concept} {unit}")
    };
    if key.len() > MAX_KEY {
        let mut cut = MAX_KEY;
        while !key.is_char_boundary(cut) {
            cut -= 1;
        }
        key.truncate(cut);
        if let Some(sp) = key.rfind(' ') {
            key.truncate(sp);
        }
    }
    slug(&key)
}

/// Lower-case words joined by '-'.
pub fn slug(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Only levels form a level series: "10,000, up from 3,000" and "fell to 4.1%" are levels;
/// "rose 2.1%" is a change, "1,200 a day" a rate (see [`crate::model::Role`]).
pub fn is_level(claim: &Claim) -> bool {
    claim.role == crate::model::Role::Level
}

/// The value a claim gives its series: a level's value, or for a metric that is a change
/// (`changes` holds its id) a stated change signed by its direction ("fell 0.3%": -0.3); none
/// for any other claim. `low` and `high` follow, swapped for a fall.
pub fn series_value(
    claim: &Claim,
    changes: &HashSet<String>,
) -> Option<(f64, Option<f64>, Option<f64>)> {
    if is_level(claim) {
        return Some((claim.value, claim.low, claim.high));
    }
    let metric = claim.metric.as_deref()?;
    if claim.role != crate::model::Role::Change || !changes.contains(metric) {
        return None;
    }
    match claim.direction? {
        crate::model::Direction::Down => {
            Some((-claim.value, claim.high.map(|h| -h), claim.low.map(|l| -l)))
        }
        _ => Some((claim.value, claim.low, claim.high)),
    }
}

/// The catalog of a data folder.
pub fn catalog_path(data: &Path) -> PathBuf {
    data.join(FILE_NAME)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clause_reads_as_the_words_of_its_sentence_that_lie_inside_it() {
        let gaz = gazetteer::get();
        let sentence = "Troops from North Korea, officials said, numbered 11,000";
        let (words, spans) = gaz.words_at(sentence);
        let whole = TextWords {
            words,
            spans,
            set: Words::default(),
        };
        let texts = |words: &[Word]| words.iter().map(|w| w.text.clone()).collect::<Vec<_>>();
        for part in [
            "Troops from North Korea",
            "officials said",
            "numbered 11,000",
        ] {
            let at = sentence.find(part).unwrap();
            let (got, _) = whole.part(at..at + part.len()).unwrap();
            assert_eq!(texts(&got), texts(&gaz.words(part)), "{part}");
        }
        // Cut inside "North Korea", the part reads "north" alone: not the sentence's words.
        let cut = "Troops from North";
        assert!(whole.part(0..cut.len()).is_none());
        assert!(
            whole
                .part(sentence.find("Korea").unwrap()..sentence.len())
                .is_none()
        );
    }

    #[test]
    fn a_clause_ends_at_separators_and_at_an_and_that_joins_another_figure() {
        let cases = [
            (
                "The toll rose to 90, officials said.",
                "90",
                "The toll rose to 90",
            ),
            (
                "with 4,715 people injured and 341 still missing.",
                "4,715",
                "with 4,715 people injured",
            ),
            (
                "with 4,715 people injured and 341 still missing.",
                "341",
                "341 still missing.",
            ),
            // An "after" past the figure says what happened, not what it counts.
            (
                "The count jumped to 222 after the town added names to its list.",
                "222",
                "The count jumped to 222",
            ),
            (
                "Another 300 people went missing after the floods.",
                "300",
                "Another 300 people went missing after the floods.",
            ),
            (
                "After the storm passed, 40 homes were without power.",
                "40",
                "40 homes were without power.",
            ),
            // An "and" inside a phrase stays: no figure on the other side.
            (
                "5,000 were killed in Turkey and Syria on Monday.",
                "5,000",
                "5,000 were killed in Turkey and Syria on Monday.",
            ),
        ];
        for (sentence, figure, clause) in cases {
            let from = sentence.find(figure).unwrap();
            assert_eq!(
                clause_around(sentence, from, from + figure.len()),
                clause,
                "{sentence} / {figure}"
            );
        }
    }
    use crate::model::Bound;

    fn claim(concept: &str, kind: Kind, unit: Option<&str>) -> Claim {
        Claim {
            doc: "d".into(),
            claim_id: "c".into(),
            published: None,
            as_of: None,
            metric: None,
            metric_match: None,
            concept: Some(concept.into()),
            value: 1.0,
            low: None,
            high: None,
            unit: None,
            unit_normalized: unit.map(Into::into),
            kind,
            bound: Bound::Exact,
            direction: None,
            role: crate::model::Role::Level,
            previous: None,
            previous_text: None,
            previous_start: None,
            previous_end: None,
            previous_as_of: None,
            attribution: None,
            text: "1".into(),
            start: 0,
            end: 1,
            sentence: String::new(),
        }
    }

    const CATALOG: &str = r#"
[[metric]]
id = "nk-troops-in-russia"
label = "North Korean troops in Russia"
unit = "troop"
match = ["north korean troops", "north korean soldiers"]

[[metric]]
id = "nk-troops-kursk"
unit = "troop"
match = ["north korean troops in kursk"]

[[metric]]
id = "us-aid"
unit = "dollar"
match = ["security assistance"]

[[metric]]
id = "inflation"
unit = "percentage"
match = ["inflation"]
"#;

    #[test]
    fn phrases_match_after_normalising_and_the_longest_wins() {
        let c = Catalog::parse(CATALOG).unwrap();
        let cases: &[(&str, Kind, Option<&str>, &str)] = &[
            (
                "North Korean troops in eastern Russia",
                Kind::Count,
                Some("troop"),
                "nk-troops-in-russia",
            ),
            (
                "North Korean soldier,",
                Kind::Count,
                Some("soldier"),
                "nk-troops-in-russia",
            ),
            (
                "North Korean troops in Kursk",
                Kind::Count,
                Some("troop"),
                "nk-troops-kursk",
            ),
            // Concepts come without function words; phrases may have them.
            (
                "North Korean troops Kursk",
                Kind::Count,
                Some("troop"),
                "nk-troops-kursk",
            ),
            (
                "new security assistance",
                Kind::Currency,
                Some("dollar"),
                "us-aid",
            ),
            (
                "security assistance",
                Kind::Currency,
                Some("euro"),
                "security-assistance-euro",
            ),
            (
                "Inflation",
                Kind::Percentage,
                Some("percentage"),
                "inflation",
            ),
            (
                "inflation",
                Kind::Percentage,
                Some("percentage point"),
                "inflation-percentage-point",
            ),
            (
                "North Korean troops",
                Kind::Currency,
                Some("dollar"),
                "north-korean-troop-dollar",
            ),
        ];
        for (concept, kind, unit, want) in cases {
            assert_eq!(c.assign(&claim(concept, *kind, *unit)), *want, "{concept}");
        }
    }

    #[test]
    fn derived_keys() {
        assert_eq!(
            derived_key(&claim("North Korean troops", Kind::Count, Some("troop"))),
            "north-korean-troop"
        );
        assert_eq!(
            derived_key(&claim(
                "Ukraine's grain exports",
                Kind::Measure,
                Some("metric ton")
            )),
            "ukraine-grain-export-metric-ton"
        );
        assert_eq!(
            derived_key(&claim("Waymo", Kind::Count, Some("job"))),
            "waymo-job"
        );
        let mut c = claim("x", Kind::Currency, Some("dollar"));
        c.concept = None;
        assert_eq!(derived_key(&c), "unlabelled-dollar");
        // A count without a concept is keyed by what it counts.
        let mut c = claim("x", Kind::Count, Some("person"));
        c.concept = None;
        assert_eq!(derived_key(&c), "person");
        c.unit_normalized = None;
        assert_eq!(derived_key(&c), "unlabelled-count");
    }

    #[test]
    fn bad_catalogs_are_rejected() {
        assert!(Catalog::parse("[[metric]]\nid = \"A B\"\n").is_err());
        // A repeated id names the line of each, with or without comments and spaces.
        for (text, line, first) in [
            ("[[metric]]\nid = \"a\"\n[[metric]]\nid = \"a\"\n", 4, 2),
            (
                "[[metric]]\nid = 'ab'\n\n[[metric]]\nid = \"b\"\n[[metric]]\n  id=\"ab\" # again\n",
                7,
                2,
            ),
            (
                "[[metric]]\nid = \"x\"\nlabel = \"id = 'x'?\"\n[[metric]]\nid = \"x\"\n",
                5,
                2,
            ),
        ] {
            let e = Catalog::parse(text).unwrap_err().to_string();
            assert!(
                e.contains(&format!("line {line}:"))
                    && e.contains(&format!("first on line {first}")),
                "{e}"
            );
        }
        let e = Catalog::parse("[[metric]]\nid = \"a\"\ncumulativ = true\n").unwrap_err();
        assert!(e.to_string().contains("line 3"), "{e}");
        // A change over a period is no running total.
        let e = Catalog::parse(
            "[[metric]]\nid = \"m\"\n\n[[metric]]\nid = \"x\"\nchange = true\ncumulative = true\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("line 5:") && e.contains("change = true"), "{e}");
    }

    #[test]
    fn appended_metric_parses_back() {
        let def = MetricDef {
            id: "ru-losses-apc".into(),
            label: Some("APC".into()),
            unit: None,
            kind: None,
            cumulative: true,
            change: false,
            phrases: vec![],
            exclude: vec![],
        };
        let text = Catalog::append_text(CATALOG, &def).unwrap();
        let c = Catalog::parse(&text).unwrap();
        assert!(c.is_cumulative("ru-losses-apc"));
        assert_eq!(c.metrics.len(), 5);
    }

    #[test]
    fn a_phrase_with_no_word_to_match_is_named_as_such() {
        for phrase in ["", "--", "!?", "of the", "\u{2019}"] {
            let toml = format!("[[metric]]\nid = \"m\"\nmatch = [{phrase:?}]\n");
            let e = Catalog::parse(&toml).unwrap_err().to_string();
            assert!(e.contains("no word to match"), "{phrase:?}: {e}");
        }
    }

    const CONTEXT_CATALOG: &str = r#"
[[metric]]
id = "ru-casualties"
unit = "soldier"
match = ["russian casualties", "russian soldiers killed or wounded"]

[[metric]]
id = "us-aid"
unit = "dollar"
match = ["security assistance"]

[[metric]]
id = "nk-troops"
unit = "troop"
match = ["north korean troops"]

[[metric]]
id = "xland-deaths"
unit = "death"
match = ["deaths in xland", "xland death toll"]
exclude = ["neighbouring yland"]

[[metric]]
id = "xland-refugees"
unit = "person"
match = ["fled abroad"]

[[metric]]
id = "flood-missing"
unit = "person"
match = ["missing after the floods"]

[[metric]]
id = "core-inflation"
unit = "percentage"
match = ["core inflation", "core prices", "core inflation rate"]

[[metric]]
id = "headline-inflation"
unit = "percentage"
match = ["consumer price index", "headline inflation"]

[[metric]]
id = "long-term-unemployment"
unit = "percentage"
match = ["long-term unemployment"]
"#;

    /// (metric, metric_match) of the figure `figure` in a document of `text` titled `title`.
    /// The metric `catalog` files the figure `figure` of `doc` in.
    fn filed_in(catalog: &Catalog, doc: &Document, figure: &str) -> String {
        let claims = crate::extract(doc);
        let c = claims
            .iter()
            .find(|c| c.text == figure)
            .unwrap_or_else(|| panic!("no {figure:?} in {:?}", doc.text));
        catalog.assign_in(c, doc).metric
    }

    /// The metric `catalog` files the figure `figure` of a document of `text` titled `title` in.
    fn filed_as(catalog: &Catalog, title: Option<&str>, text: &str, figure: &str) -> String {
        let doc = Document {
            title: title.map(str::to_string),
            ..Document::new("d", text)
        };
        filed_in(catalog, &doc, figure)
    }

    fn assigned(text: &str, title: Option<&str>, figure: &str) -> (String, Option<String>) {
        let catalog = Catalog::parse(CONTEXT_CATALOG).unwrap();
        let doc = Document {
            title: title.map(str::to_string),
            ..Document::new("d", text)
        };
        let claims = crate::extract(&doc);
        let c = claims
            .iter()
            .find(|c| c.text == figure)
            .unwrap_or_else(|| panic!("no {figure:?} in {claims:#?}"));
        let a = catalog.assign_in(c, &doc);
        (a.metric, a.matched)
    }

    /// Two fires of one story, each with its acres and its losses, and their total.
    const TWO_FIRES: &str = r#"
[[metric]]
id = "ridge-acres"
unit = "acre"
match = ["ridge fire acres", "ridge fire burned"]
[[metric]]
id = "canyon-acres"
unit = "acre"
match = ["canyon fire acres", "canyon fire burned"]
[[metric]]
id = "all-acres"
unit = "acre"
match = ["fires have burned", "total acres burned"]
[[metric]]
id = "ridge-lost"
unit = "structure"
match = ["destroyed by the ridge fire"]
[[metric]]
id = "canyon-lost"
unit = "structure"
match = ["destroyed by the canyon fire"]
"#;

    #[test]
    fn a_title_that_names_two_fires_files_a_figure_under_neither() {
        let catalog = Catalog::parse(TWO_FIRES).unwrap();
        let filed = |title, text, figure| filed_as(&catalog, Some(title), text, figure);
        let both = "Ridge and Canyon fires: the latest";
        let lost = "More than 12,000 structures have been destroyed across the region.";
        assert!(!filed(both, lost, "12,000").ends_with("-lost"));
        assert!(!filed("Ridge, Canyon fires rage on", lost, "12,000").ends_with("-lost"));
        // The sentence's own fire, or a title on one fire, still decides.
        let own = "The Canyon Fire has scorched 14,000 acres.";
        assert_eq!(filed(both, own, "14,000"), "canyon-acres");
        let one = "Crews said 9,000 acres had burned by Monday.";
        assert_eq!(filed("Canyon Fire grows", one, "9,000"), "canyon-acres");
        assert_eq!(filed("Canyon Fire grows", lost, "12,000"), "canyon-lost");
    }

    /// Two stories whose deaths a user matched with the same words, told apart by their labels.
    const TWO_STORIES: &str = r#"
[[metric]]
id = "flood-deaths"
label = "Deaths in the Valencia floods (Oct 2024)"
unit = "death"
match = ["death toll", "killed"]
[[metric]]
id = "storm-deaths"
label = "Hurricane Helene deaths"
unit = "death"
match = ["death toll", "killed"]
"#;

    #[test]
    fn phrases_of_other_words_are_not_told_apart_by_the_story() {
        let catalog = Catalog::parse(
            r#"
[[metric]]
id = "korean-troops"
label = "North Korean troops in Russia"
match = ["north korean troops"]
[[metric]]
id = "russian-casualties"
label = "Russian soldiers killed or wounded since 2022 (military casualties)"
match = ["russian soldiers"]
"#,
        )
        .unwrap();
        let filed = |text, figure| filed_as(&catalog, None, text, figure);
        // "russian soldiers" matches too ("troops in eastern Russia"), and the article speaks of
        // military casualties: the longer phrase, tried first, still files it.
        let troops = "Military casualties mount on both sides. Officials believe there are 10,000 \
                      North Korean troops in eastern Russia.";
        assert_eq!(filed(troops, "10,000"), "korean-troops");
    }

    #[test]
    fn metrics_that_share_a_phrase_take_the_figures_of_their_own_story() {
        let catalog = Catalog::parse(TWO_STORIES).unwrap();
        let filed = |title, text, figure| filed_as(&catalog, title, text, figure);
        for (title, text, figure, want) in [
            // The sentence names the story.
            (
                None,
                "Helene has killed at least 90 people.",
                "90",
                "storm-deaths",
            ),
            (
                None,
                "The death toll in Valencia rose to 158.",
                "158",
                "flood-deaths",
            ),
            // The title does.
            (
                Some("Hurricane Helene: rescuers reach cut-off towns"),
                "The death toll rose to 130 on Monday, officials said.",
                "130",
                "storm-deaths",
            ),
            // Another sentence of the article does.
            (
                None,
                "Flash floods tore through towns around Valencia. The death toll climbed to 205 \
                 on Friday.",
                "205",
                "flood-deaths",
            ),
            // Nothing tells either story: the catalog's order, as before.
            (None, "The death toll rose to 12.", "12", "flood-deaths"),
        ] {
            assert_eq!(filed(title, text, figure), want, "{text}");
        }
    }

    /// A catalog of two stories, each label naming its place: fires in one city and an
    /// earthquake's toll in one province.
    const NAMED_STORIES: &str = r#"
[[metric]]
id = "fire-deaths"
label = "Deaths in the Los Angeles fires"
match = ["killed", "death toll"]
[[metric]]
id = "province-quake-deaths"
label = "Earthquake deaths in Al Haouz province"
match = ["al haouz killed"]
"#;

    #[test]
    fn a_label_names_its_story_by_its_places_and_capitalised_names() {
        let names = |label: &str| story_names(label);
        let spelt = |label: &str, spelling: &str| {
            names(label).iter().any(|n| n.iter().any(|s| s == spelling))
        };
        assert!(spelt("Deaths in the Los Angeles fires", "los angeles"));
        assert!(spelt("Earthquake deaths in Al Haouz province", "al haouz"));
        // A place with the spellings the gazetteer knows.
        assert!(spelt("Displaced by floods in Libya", "libya"));
        assert!(spelt("Displaced by floods in Libya", "libyan"));
        assert!(names("Small boat arrivals in a day").is_empty());
        // The first word is capitalised in any label, a name or not.
        assert!(names("Deaths").is_empty());
    }

    /// A figure of a story the article does not name is filed under a story it names when a
    /// phrase of that story is in the figure's own sentence; else as before.
    #[test]
    fn a_figure_goes_to_the_story_its_article_names() {
        let catalog = Catalog::parse(NAMED_STORIES).unwrap();
        let filed = |title, text, figure| filed_as(&catalog, title, text, figure);
        for (title, text, figure, want) in [
            // Only the fires' "killed" is in the clause, but the article is on the province.
            (
                Some("Morocco earthquake toll rises"),
                "In Al Haouz province alone, 1,351 people were killed, the ministry said.",
                "1,351",
                "province-quake-deaths",
            ),
            (
                None,
                "Rescuers said 900 people had been killed across Al Haouz.",
                "900",
                "province-quake-deaths",
            ),
            (
                None,
                "In the mountains of Al Haouz, where the quake struck, 640 were killed.",
                "640",
                "province-quake-deaths",
            ),
            // An article on the fires keeps its own story's figure.
            (
                None,
                "The fires in Los Angeles have killed 17 people, officials said.",
                "17",
                "fire-deaths",
            ),
            // An article that names neither story: the catalog's order, as before.
            (
                None,
                "Officials said 40 people were killed.",
                "40",
                "fire-deaths",
            ),
        ] {
            assert_eq!(filed(title, text, figure), want, "{text}");
        }
    }

    /// Two stories of several metrics: a flood's missing and its deaths in one town, a quake's
    /// missing and its deaths in one town.
    const TOWN_STORIES: &str = r#"
[[metric]]
id = "flood-missing"
label = "People missing after the Ebro floods"
match = ["missing", "whereabouts unknown"]
[[metric]]
id = "quake-missing"
label = "People missing after the Kaga earthquake"
match = ["missing", "whereabouts unknown"]
[[metric]]
id = "quake-deaths-tamura"
label = "Kaga earthquake deaths in Tamura"
unit = "death"
match = ["deaths in tamura", "tamura"]
[[metric]]
id = "flood-deaths-lerin"
label = "Ebro flood deaths in Lerin"
unit = "death"
match = ["deaths in lerin", "lerin"]
"#;

    /// A place of one metric of a story tells the whole story: metrics whose labels share a
    /// name, a label's first word being a name when another label names it.
    #[test]
    fn a_town_of_one_metric_tells_its_whole_story() {
        let catalog = Catalog::parse(TOWN_STORIES).unwrap();
        assert_eq!(catalog.story_of, [0, 1, 1, 0]);
        let filed = |text, figure| filed_as(&catalog, None, text, figure);
        for (text, figure, want) in [
            (
                "People whose whereabouts are unknown rose to 80 after Tamura added names.",
                "80",
                "quake-missing",
            ),
            (
                "In Lerin, where 12 people died, the number of missing rose to 30.",
                "30",
                "flood-missing",
            ),
            (
                "Tamura has recorded 14 deaths.",
                "14",
                "quake-deaths-tamura",
            ),
        ] {
            assert_eq!(filed(text, figure), want, "{text}");
        }
    }

    /// A jobless rate and its forecast, and a count of jobs and its forecast, as a user might
    /// name them.
    const FORECASTS: &str = r#"
[[metric]]
id = "jobless-rate"
label = "Unemployment rate"
unit = "%"
match = ["unemployment rate", "jobless rate"]

[[metric]]
id = "jobless-rate-forecast"
label = "Forecast of the unemployment rate"
unit = "%"
match = ["forecast the unemployment rate", "expected the jobless rate"]

[[metric]]
id = "payrolls-consensus"
label = "Payrolls, economists' consensus"
unit = "job"
match = ["jobs economists"]
"#;

    /// A metric that tracks a forecast takes only the figures read as targets; the level a
    /// forecast's sentence states goes to the level's metric.
    #[test]
    fn a_forecast_metric_takes_only_forecasts() {
        let catalog = Catalog::parse(FORECASTS).unwrap();
        assert_eq!(catalog.forecast, [false, true, true]);
        let filed = |text, figure| filed_as(&catalog, None, text, figure);
        for (text, figure, want) in [
            // The level inside the forecast's sentence is the rate's.
            (
                "The bank forecast the unemployment rate, which stood at 4.0% in December, to \
                 rise to 4.3% by the end of the year.",
                "4.0",
                "jobless-rate",
            ),
            (
                "The bank forecast the unemployment rate, which stood at 4.0% in December, to \
                 rise to 4.3% by the end of the year.",
                "4.3",
                "jobless-rate-forecast",
            ),
            (
                "Economists had expected the jobless rate to rise to 4.2%.",
                "4.2",
                "jobless-rate-forecast",
            ),
            // Stated as measured, it stays out of the forecast even with the forecast's words.
            (
                "Economists had expected the jobless rate to rise, but it held at 4.1%.",
                "4.1",
                "jobless-rate",
            ),
        ] {
            assert_eq!(filed(text, figure), want, "{text} / {figure}");
        }
    }

    /// Deaths in two towns and in all, as a user might name them.
    const TOWNS: &str = r#"
[[metric]]
id = "deaths"
unit = "death"
match = ["death toll", "dead"]
[[metric]]
id = "deaths-ashby"
unit = "death"
match = ["deaths in ashby", "ashby"]
[[metric]]
id = "deaths-brill"
unit = "death"
match = ["deaths in brill", "brill"]
"#;

    /// A gapped figure's own subject names its series before the words of the clause before it.
    #[test]
    fn a_gapped_figure_is_filed_by_its_own_subject() {
        let catalog = Catalog::parse(TOWNS).unwrap();
        for (text, figure, want) in [
            (
                "Ashby has recorded 69 deaths and Brill 38.",
                "38",
                "deaths-brill",
            ),
            (
                "Ashby has recorded 69 deaths and Brill 38.",
                "69",
                "deaths-ashby",
            ),
            (
                "Brill reported 12 deaths, and Ashby 40.",
                "40",
                "deaths-ashby",
            ),
            (
                "The toll reached 230 deaths, 88 of them in Brill.",
                "230",
                "deaths",
            ),
        ] {
            assert_eq!(
                filed_as(&catalog, None, text, figure),
                want,
                "{text} / {figure}"
            );
        }
    }

    /// A rate its own words name as another rate is not the catalog's rate, whether the
    /// catalog's phrase is in its sentence, the sentence before or the title.
    #[test]
    fn another_rate_is_not_the_catalogs_rate() {
        let catalog = Catalog::parse(FORECASTS).unwrap();
        for (title, text, figure, filed) in [
            (
                None,
                "The participation rate held at 66.9%, while the unemployment rate rose to 4.2%.",
                "66.9",
                false,
            ),
            (
                None,
                "The unemployment rate rose to 4.2%. The participation rate slipped to 66.7%.",
                "66.7",
                false,
            ),
            (
                Some("Jobless rate climbs to 4.2%"),
                "In June the participation rate eased to 66.8%.",
                "66.8",
                false,
            ),
            (
                Some("Jobless rate climbs"),
                "The vacancy rate fell to 2.9% in the quarter.",
                "2.9",
                false,
            ),
            // The same rate in other words, or with a word of when, is still the rate.
            (
                None,
                "The unemployment rate rose. The monthly rate reached 4.3% in July.",
                "4.3",
                true,
            ),
            (
                Some("Jobless rate climbs"),
                "The rate rose to 4.2% in June.",
                "4.2",
                true,
            ),
        ] {
            let got = filed_as(&catalog, title, text, figure);
            assert_eq!(
                got == "jobless-rate",
                filed,
                "{title:?} {text} / {figure}: {got}"
            );
        }
    }

    /// Troops sent, and those of them killed or wounded, as a user might name them.
    const TROOPS: &str = r#"
[[metric]]
id = "sent"
unit = "troop"
match = ["korean troops", "korean soldiers"]
[[metric]]
id = "hit"
unit = "soldier"
match = ["korean soldiers killed or wounded", "korean troops wounded"]
[[metric]]
id = "jobs"
unit = "job"
match = ["payroll growth"]
"#;

    #[test]
    fn the_clause_that_says_more_than_the_concept_names_the_metric() {
        let catalog = Catalog::parse(TROOPS).unwrap();
        let filed = |text, figure| filed_as(&catalog, None, text, figure);
        for (text, figure, want) in [
            (
                "Some 2,000 Korean soldiers were killed or wounded in May.",
                "2,000",
                "hit",
            ),
            (
                "At least 900 Korean troops have been wounded so far.",
                "900",
                "hit",
            ),
            (
                "The number of Korean soldiers killed and wounded exceeds 3,000.",
                "3,000",
                "hit",
            ),
            // The clause says nothing more, or says it of another figure.
            (
                "About 11,000 Korean troops are in the region.",
                "11,000",
                "sent",
            ),
            (
                "About 11,000 Korean soldiers arrived, and 40 were wounded.",
                "11,000",
                "sent",
            ),
            // Gains are growth.
            (
                "Payroll gains slowed to 12,000 in October.",
                "12,000",
                "jobs",
            ),
        ] {
            assert_eq!(filed(text, figure), want, "{text}");
        }
    }

    /// An outbreak's deaths and cases, as a user might name them.
    const OUTBREAK: &str = r#"
[[metric]]
id = "deaths"
unit = "death"
match = ["cholera deaths in yemen", "died of cholera"]
[[metric]]
id = "cases"
unit = "case"
match = ["cholera cases"]
"#;

    #[test]
    fn beyond_the_sentence_the_phrase_with_most_words_in_it_wins() {
        let catalog = Catalog::parse(OUTBREAK).unwrap();
        let title = "Cholera deaths in Yemen rise to 300";
        for (text, figure) in [
            ("The number of cases has reached 40,000.", "40,000"),
            ("Cases now stand at 40,000.", "40,000"),
        ] {
            let doc = Document {
                title: Some(title.to_string()),
                ..Document::new("d", text)
            };
            assert_eq!(filed_in(&catalog, &doc, figure), "cases", "{text}");
        }
        let doc = Document {
            title: Some(title.to_string()),
            ..Document::new("d", "The toll has reached 300.")
        };
        assert_eq!(filed_in(&catalog, &doc, "300"), "deaths");
    }

    #[test]
    fn figures_under_investigation_are_not_the_confirmed_ones() {
        let catalog = Catalog::parse(OUTBREAK).unwrap();
        let text = "The ministry confirmed 214 cholera deaths in Yemen and said a further 687 \
                    were under investigation. Another 90 deaths are being investigated.";
        let doc = Document::new("d", text);
        assert_eq!(filed_in(&catalog, &doc, "214"), "deaths");
        assert_ne!(filed_in(&catalog, &doc, "687"), "deaths");
        assert_ne!(filed_in(&catalog, &doc, "90"), "deaths");
    }

    /// Words of burning read as one: "charred", "scorched", "blackened" match "burned".
    #[test]
    fn words_of_burning_match_one_another() {
        let catalog = Catalog::parse(TWO_FIRES).unwrap();
        for text in [
            "Together the blazes have charred more than 35,000 acres.",
            "The fires have scorched 35,000 acres so far.",
            "In all, the wildfires have blackened 35,000 acres.",
        ] {
            let doc = Document::new("d", text);
            assert_eq!(filed_in(&catalog, &doc, "35,000"), "all-acres", "{text}");
        }
    }

    #[test]
    fn a_new_total_after_a_figure_makes_it_an_increment() {
        for (after, expected) in [
            (" people overnight, bringing the death toll to 340.", true),
            (" trucks in the past day, taking the total to 1,161.", true),
            (" new cases, which brings the tally to about 9,000.", true),
            (" were found, raising the number of dead to 27.", true),
            (" samples to the lab.", false),
            (" homes, bringing misery to the town.", false),
            (", bringing the total to three.", false),
            (
                " deaths and a further 3,574, bringing the combined toll to 28,191.",
                false,
            ),
            (" deaths, bringing the combined toll to 28,191.", false),
            ("", false),
        ] {
            assert_eq!(adds_to_a_total(after), expected, "{after}");
        }
    }

    #[test]
    fn a_running_total_does_not_take_what_a_day_added_to_it() {
        let catalog = Catalog::parse(
            r#"
[[metric]]
id = "crossings-year"
unit = "person"
cumulative = true
match = ["crossings this year"]

[[metric]]
id = "crossings-day"
unit = "person"
match = ["crossings on the day"]
"#,
        )
        .unwrap();
        let doc = Document::new(
            "d",
            "Crossings this year rose on Thursday: 424 people crossed, bringing the total to \
             29,578. Crossings on the day were the most since June.",
        );
        assert_eq!(filed_in(&catalog, &doc, "29,578"), "crossings-year");
        assert_ne!(filed_in(&catalog, &doc, "424"), "crossings-year");
    }

    #[test]
    fn the_noun_a_count_counts_names_its_metric_before_the_words_around_it() {
        let catalog = Catalog::parse(
            r#"
[[metric]]
id = "personnel"
unit = "soldier"
match = ["troops", "servicemen"]

[[metric]]
id = "tanks"
unit = "tank"
match = ["tanks"]

[[metric]]
id = "artillery"
unit = "system"
match = ["artillery systems"]

[[metric]]
id = "vehicles"
unit = "vehicle"
match = ["armoured personnel carriers", "armored personnel carriers"]

[[metric]]
id = "ships"
unit = "ship"
match = ["ships and boats"]

[[metric]]
id = "equipment"
unit = "equipment"
match = ["special equipment"]

[[metric]]
id = "guns"
unit = "gun"
match = ["artillery pieces"]

[[metric]]
id = "oil"
unit = "barrel per day"
match = ["oil exports"]
"#,
        )
        .unwrap();
        for (text, figure, metric) in [
            (
                "Ukrainian forces have destroyed 93 artillery systems and 1,300 tanks, the \
                 General Staff said.",
                "93",
                "artillery",
            ),
            (
                "Ukrainian forces have destroyed 93 artillery systems and 1,300 tanks, the \
                 General Staff said.",
                "1,300",
                "tanks",
            ),
            (
                "Its soldiers have knocked out 40 tanks since May.",
                "40",
                "tanks",
            ),
            (
                "The army lost 500 troops near the river.",
                "500",
                "personnel",
            ),
            (
                "Equipment losses stand at 12 tanks and 862 armored personnel carriers, the \
                 command said.",
                "862",
                "vehicles",
            ),
            (
                "The brigade lost 70 armoured personnel carriers and 900 servicemen.",
                "70",
                "vehicles",
            ),
            (
                "The brigade lost 70 armoured personnel carriers and 900 servicemen.",
                "900",
                "personnel",
            ),
            (
                "Ukrainian forces have also destroyed 26 ships and boats, according to the staff.",
                "26",
                "ships",
            ),
            (
                "Its forces sank 4 ships and boats and killed 300 troops.",
                "4",
                "ships",
            ),
            (
                "Its forces destroyed 2 pieces of special equipment.",
                "2",
                "equipment",
            ),
            // A rate counts its noun, not its period: the day of "barrels per day" is no
            // count of troops' days.
            (
                "Russian troops have at times lost up to 1,200 troops a day.",
                "1,200",
                "personnel",
            ),
        ] {
            let doc = Document::new("d", text);
            assert_eq!(
                filed_in(&catalog, &doc, figure),
                metric,
                "{figure} in {text}"
            );
        }
    }

    #[test]
    fn phrases_are_found_in_the_figures_clause_and_sentence_with_their_inflections() {
        for (text, figure, metric) in [
            (
                "Russia has suffered over 1 million casualties, the ministry said.",
                "1 million",
                "ru-casualties",
            ),
            (
                "Moscow's casualties passed 600,000 in October.",
                "600,000",
                "ru-casualties",
            ),
            (
                "More than 600,000 Russian troops have been killed or wounded.",
                "600,000",
                "ru-casualties",
            ),
            (
                "North Korea has increased its deployment to 12,000 troops.",
                "12,000",
                "nk-troops",
            ),
            (
                "Pyongyang now has about 11,000 soldiers in Kursk.",
                "11,000",
                "nk-troops",
            ),
            (
                "Officials said 3,210 people had died in Xland by Monday.",
                "3,210",
                "xland-deaths",
            ),
            (
                "The toll in Xland reached 4,100, officials said.",
                "4,100",
                "xland-deaths",
            ),
            // Ways of saying "abroad".
            (
                "Some 40,000 have fled to neighbouring countries.",
                "40,000",
                "xland-refugees",
            ),
            (
                "About 12,000 people fled to other countries.",
                "12,000",
                "xland-refugees",
            ),
            (
                "Another 5,000 fled across the border.",
                "5,000",
                "xland-refugees",
            ),
        ] {
            assert_eq!(assigned(text, None, figure).0, metric, "{text}");
        }
    }

    #[test]
    fn the_sentence_before_and_the_title_complete_a_phrase() {
        let (m, why) = assigned(
            "Congress approved new security assistance for Kyiv on Tuesday. The package lifts \
             the total to more than $14 billion.",
            None,
            "$14 billion",
        );
        assert_eq!(m, "us-aid");
        assert_eq!(
            why.as_deref(),
            Some("\"security assistance\" in previous sentence")
        );
        let (m, why) = assigned(
            "The estimate, the highest so far, was 600,000.",
            Some("Pentagon puts Russian casualties at 600,000"),
            "600,000",
        );
        assert_eq!(m, "ru-casualties");
        assert_eq!(why.as_deref(), Some("\"russian casualties\" in title"));
        // A figure whose clause says what happened is not filed by the sentence before or the
        // title in a metric that does not say it.
        let (m, _) = assigned(
            "Officials said 12,500 North Korean troops were in Kursk. Another 300 died.",
            None,
            "300",
        );
        assert_ne!(m, "nk-troops");
        let (m, _) = assigned(
            "Officials said 12,500 North Korean troops were in Kursk. Another 300 arrived.",
            None,
            "300",
        );
        assert_eq!(m, "nk-troops");
        // Another kind of the same thing is not filed by the sentence before: food inflation
        // after a sentence on core inflation, youth unemployment after the long-term rate.
        for (text, figure) in [
            (
                "Core inflation eased to 3.1%. Food inflation slowed to 9.2%, its lowest in a year.",
                "9.2",
            ),
            (
                "Long-term unemployment held at 2.1%. Youth unemployment rose to 11%.",
                "11",
            ),
            // Another kind of what any of the metric's phrases names: food prices are not
            // core prices, whichever phrase the sentence before matched.
            (
                "Core inflation eased to 3.1%. Food prices were 10.4% higher than a year earlier.",
                "10.4",
            ),
            // Nor the consumer price index, though the gazetteer reads it as inflation.
            (
                "The consumer price index rose 3.1%. Food prices were 10.4% higher than a year earlier.",
                "10.4",
            ),
        ] {
            let (m, why) = assigned(text, None, figure);
            assert!(
                !m.starts_with("core-")
                    && !m.starts_with("long-term")
                    && !m.starts_with("headline"),
                "{text}: {why:?}"
            );
        }
        let (m, _) = assigned(
            "Core inflation eased to 3.1%. It had been 3.4% in June.",
            None,
            "3.4",
        );
        assert_eq!(m, "core-inflation");
        // A rate that names its own subject, which no phrase of the metric shares, is not the
        // sentence before's.
        let (m, why) = assigned(
            "Core inflation eased to 3.1%. Manufacturing output was down 1.5% on the year.",
            None,
            "1.5",
        );
        assert_ne!(m, "core-inflation", "{why:?}");
        let (m, why) = assigned(
            "Core inflation eased to 3.1%. Core goods were 2.2% dearer.",
            None,
            "2.2",
        );
        assert_eq!(m, "core-inflation", "{why:?}");
        // The opposite of a phrase's word is not what it counts.
        let (m, why) = assigned(
            "Long-term unemployment held at 2.1%. Long-term employment was down 1.5% on the year.",
            None,
            "1.5",
        );
        assert_ne!(m, "long-term-unemployment", "{why:?}");
        // A modifier of when is no other kind: the annual rate is the metric's, where the
        // core inflation rate is ("youth rate" would be another kind).
        let (m, why) = assigned(
            "Core inflation eased to 3.1%. The annual rate had been 3.4% in June.",
            None,
            "3.4",
        );
        assert_eq!(m, "core-inflation", "{why:?}");
        // A new paragraph starts afresh: its first sentence has no sentence before it.
        let (m, why) = assigned(
            "Congress approved new security assistance on Tuesday.\n\nThe city spent $2 million.",
            None,
            "$2 million",
        );
        assert_ne!(m, "us-aid", "{why:?}");
    }

    /// Of two phrases the gazetteer reads alike, the match names the one the article wrote.
    #[test]
    fn the_match_names_the_phrase_as_the_article_wrote_it() {
        let catalog = Catalog::parse(
            r#"
[[metric]]
id = "cpi"
unit = "percentage"
match = ["inflation", "consumer price index"]
"#,
        )
        .unwrap();
        for (text, phrase) in [
            (
                "Inflation rose to 2.1% in August.",
                "\"inflation\" in concept",
            ),
            (
                "The consumer price index rose 2.1% in August.",
                "\"consumer price index\" in concept",
            ),
        ] {
            let doc = Document::new("d", text);
            let claims = crate::extract(&doc);
            let a = catalog.assign_in(&claims[0], &doc);
            assert_eq!(a.metric, "cpi", "{text}");
            assert_eq!(a.matched.as_deref(), Some(phrase), "{text}");
        }
    }

    /// A dateline's place is where the reporter was, not what a figure is about.
    #[test]
    fn a_datelines_country_files_nothing() {
        let catalog = Catalog::parse(
            r#"
[[metric]]
id = "xland-deaths"
unit = "death"
match = ["deaths in xland"]

[[metric]]
id = "quake-deaths"
unit = "death"
match = ["quake toll"]
"#,
        )
        .unwrap();
        for (text, metric) in [
            (
                "PORTVILLE, Xland - Earthquake deaths rose above 15,000 on Thursday.",
                "quake-deaths",
            ),
            (
                "PORTVILLE, Xland, Feb 9 (Wire) \u{2014} Earthquake deaths rose above 15,000.",
                "quake-deaths",
            ),
            // The country named after the dateline still counts.
            (
                "PORTVILLE (Wire) - Deaths in Xland rose above 15,000.",
                "xland-deaths",
            ),
        ] {
            let doc = Document::new("d", text);
            assert_eq!(filed_in(&catalog, &doc, "15,000"), metric, "{text}");
        }
    }

    /// "The country" in a figure's clause stands for a country its title or the sentence before
    /// names; only whole bare numbers are counts.
    #[test]
    fn the_country_is_the_one_named_before_and_counts_are_whole() {
        const CATALOG: &str = r#"
[[metric]]
id = "chile-displaced"
unit = "person"
match = ["displaced by the fires in chile"]

[[metric]]
id = "chile-homeless"
unit = "person"
match = ["homeless in chile"]

[[metric]]
id = "chile-deaths"
unit = "death"
match = ["deaths in chile"]
"#;
        let catalog = Catalog::parse(CATALOG).unwrap();
        let assign = |text: &str, title: Option<&str>, figure: &str| {
            let doc = Document {
                title: title.map(str::to_string),
                ..Document::new("d", text)
            };
            let claims = crate::extract(&doc);
            let c = claims.iter().find(|c| c.text == figure).unwrap();
            catalog.assign_in(c, &doc).metric
        };
        // The clause's own phrase, completed by "the country", wins over the title's longer one.
        let title = Some("Chilean fires displace thousands");
        for text in [
            "About 40,000 people are homeless across the country.",
            "The nation now has 40,000 homeless people.",
            "Officials said 40,000 were left homeless in the country's centre.",
        ] {
            assert_eq!(assign(text, title, "40,000"), "chile-homeless", "{text}");
        }
        // No country named before: "the country" stays unknown.
        assert_ne!(
            assign(
                "About 40,000 people are homeless in the country.",
                None,
                "40,000"
            ),
            "chile-homeless"
        );
        // A magnitude is no count of deaths.
        assert_ne!(
            assign(
                "The quake, of magnitude 7.8, caused deaths in Chile.",
                None,
                "7.8"
            ),
            "chile-deaths"
        );
    }

    #[test]
    fn a_figure_of_another_sense_or_an_excluded_place_keeps_out() {
        // Injured, not killed: the deaths phrase of the sentence does not take it.
        let (m, _) = assigned(
            "The quake killed 3,000 people in Xland, and 15,000 people were hurt.",
            None,
            "15,000",
        );
        assert_ne!(m, "xland-deaths");
        let (m, _) = assigned(
            "The quake killed 3,000 people in Xland, and 15,000 people were hurt.",
            None,
            "3,000",
        );
        assert_eq!(m, "xland-deaths");
        // Evacuated, not killed: the title's deaths do not take it.
        let (m, _) = assigned(
            "About 52,000 people have been evacuated.",
            Some("Xland death toll rises to 42"),
            "52,000",
        );
        assert_ne!(m, "xland-deaths");
        // The catalog's exclude phrase.
        let (m, _) = assigned(
            "In neighbouring Yland, 40 deaths were reported in Xland's border towns.",
            None,
            "40",
        );
        assert_ne!(m, "xland-deaths");
        // A unit that does not fit: dollars are not deaths.
        let (m, _) = assigned(
            "Xland's death toll cost $5 million in burials.",
            None,
            "$5 million",
        );
        assert_ne!(m, "xland-deaths");
    }

    /// Series of one count over different spans: a phrase that states a period takes no
    /// figure whose clause (else sentence) states another.
    #[test]
    fn a_phrase_of_one_period_takes_no_figure_of_another() {
        let catalog = Catalog::parse(
            r#"
[[metric]]
id = "ferry-day"
unit = "passenger"
match = ["passengers on", "passengers in a single day"]

[[metric]]
id = "ferry-ytd"
unit = "passenger"
match = ["passengers so far this year", "passengers since january"]

[[metric]]
id = "ferry-year"
unit = "passenger"
match = ["passengers last year", "annual passengers"]
"#,
        )
        .unwrap();
        let published = chrono::NaiveDate::from_ymd_opt(2024, 9, 2);
        for (text, figure, metric) in [
            (
                "The ferry carried 3,100 passengers on Sunday.",
                "3,100",
                "ferry-day",
            ),
            (
                "The line has carried 410,000 passengers so far this year.",
                "410,000",
                "ferry-ytd",
            ),
            (
                "The total for 2024 stands at 410,000 passengers.",
                "410,000",
                "ferry-ytd",
            ),
            (
                "In all of 2023, 590,000 passengers made the trip.",
                "590,000",
                "ferry-year",
            ),
            (
                "Some 590,000 passengers travelled last year, up from 450,000 in 2022.",
                "590,000",
                "ferry-year",
            ),
            // The comparison's year is not the figure's.
            (
                "Since January 410,000 passengers have sailed, 4% more than at this point last year.",
                "410,000",
                "ferry-ytd",
            ),
        ] {
            let doc = Document {
                published,
                ..Document::new("d", text)
            };
            assert_eq!(filed_in(&catalog, &doc, figure), metric, "{text}");
        }
    }

    /// A title completes a phrase only for a figure about its country and sense: another
    /// country named in the sentence, or people in need rather than dead, keep out.
    #[test]
    fn a_titles_country_and_sense_do_not_take_another_countrys_or_sense_figures() {
        let catalog = Catalog::parse(
            r#"
[[metric]]
id = "mm-deaths"
unit = "death"
match = ["killed in myanmar", "myanmar death toll"]

[[metric]]
id = "mm-missing"
unit = "person"
match = ["missing in myanmar"]
"#,
        )
        .unwrap();
        let title = Some("Myanmar quake toll climbs".to_string());
        for (text, figure, metric) in [
            (
                "The number rose to 2,719 on Tuesday.",
                "2,719",
                Some("mm-deaths"),
            ),
            (
                "Some 441 people remain unaccounted for.",
                "441",
                Some("mm-missing"),
            ),
            (
                "In neighbouring Thailand, 72 people are still unaccounted for.",
                "72",
                None,
            ),
            (
                "The disaster left 3 million people in need of aid.",
                "3 million",
                None,
            ),
        ] {
            let doc = Document {
                title: title.clone(),
                ..Document::new("d", text)
            };
            let got = filed_in(&catalog, &doc, figure);
            match metric {
                Some(m) => assert_eq!(got, m, "{text}"),
                None => assert!(!got.starts_with("mm-"), "{text}: {got}"),
            }
        }
    }

    /// The article's first sentence says what a later figure with no words of its own counts.
    #[test]
    fn the_first_sentence_completes_a_later_figures_phrase() {
        let catalog = Catalog::parse(
            r#"
[[metric]]
id = "ca-sightings"
match = ["drone sightings in canada"]

[[metric]]
id = "mx-sightings"
match = ["drone sightings in mexico"]
"#,
        )
        .unwrap();
        let doc = Document::new(
            "d",
            "Regulators say 412 drone sightings near airports were logged in Canada this year.\n\n\
             The count a week earlier had been 398. A private tracker, updated more often, \
             listed 405 sightings on Friday.",
        );
        assert_eq!(filed_in(&catalog, &doc, "405"), "ca-sightings");
    }

    /// The places of a figure's own clause bind it, not those of another clause before it.
    #[test]
    fn the_places_of_the_figures_clause_bind_it() {
        let catalog = Catalog::parse(
            r#"
[[metric]]
id = "pe-deaths"
unit = "death"
match = ["deaths in peru"]

[[metric]]
id = "both-deaths"
unit = "death"
match = ["deaths in peru and ecuador"]
"#,
        )
        .unwrap();
        let doc = Document::new(
            "d",
            "Flood deaths passed 300 across Peru and Ecuador on Monday, after Peru's civil \
             defence raised its count for the country to 210.",
        );
        assert_eq!(filed_in(&catalog, &doc, "300"), "both-deaths");
        assert_eq!(filed_in(&catalog, &doc, "210"), "pe-deaths");
    }

    /// A state or province the figure's sentence names is that place's, and its country's: not
    /// a neighbouring state's series.
    #[test]
    fn a_state_is_its_own_and_its_countrys_but_not_its_neighbours() {
        let catalog = Catalog::parse(
            r#"
[[metric]]
id = "br-dengue"
unit = "case"
match = ["dengue cases in brazil", "brazil dengue cases"]

[[metric]]
id = "sp-dengue"
unit = "case"
match = ["dengue cases in sao paulo", "sao paulo dengue cases"]
"#,
        )
        .unwrap();
        let title = Some("Sao Paulo dengue cases pass 2 million".to_string());
        for (text, figure, metric) in [
            (
                "Sao Paulo state has confirmed 2.1 million dengue cases.",
                "2.1 million",
                Some("sp-dengue"),
            ),
            (
                "Neighbouring Minas Gerais has reported 620,000 dengue cases.",
                "620,000",
                None,
            ),
            (
                "Bahia, further north, counted 90,000 dengue cases in the same weeks.",
                "90,000",
                None,
            ),
        ] {
            let doc = Document {
                title: title.clone(),
                ..Document::new("d", text)
            };
            let got = filed_in(&catalog, &doc, figure);
            match metric {
                Some(m) => assert_eq!(got, m, "{text}"),
                None => assert!(!got.ends_with("-dengue"), "{text}: {got}"),
            }
        }
        let doc = Document::new(
            "d",
            "Brazil has recorded 6.5 million dengue cases this year.",
        );
        assert_eq!(filed_in(&catalog, &doc, "6.5 million"), "br-dengue");
        // A state in the sentence names its country: the quake's epicentre is no other country.
        let catalog = Catalog::parse(
            r#"
[[metric]]
id = "tr-deaths"
unit = "death"
match = ["killed in turkey", "turkey death toll"]
"#,
        )
        .unwrap();
        let doc = Document {
            title: Some("Turkey death toll climbs".to_string()),
            ..Document::new(
                "d",
                "The quake, centred near Kahramanmaras, has killed 12,391 people.",
            )
        };
        assert_eq!(filed_in(&catalog, &doc, "12,391"), "tr-deaths");
    }

    /// A phrase found as written wins over one found through the figure's period.
    #[test]
    fn a_phrase_as_written_wins_over_one_found_by_its_period() {
        let catalog = Catalog::parse(
            r#"
[[metric]]
id = "core-yoy"
unit = "percentage"
match = ["core inflation"]

[[metric]]
id = "headline-yoy"
unit = "percentage"
match = ["annual inflation"]

[[metric]]
id = "headline-mom"
unit = "percentage"
match = ["monthly inflation"]
"#,
        )
        .unwrap();
        for (text, figure, metric) in [
            (
                "Core inflation was 3.2% in the 12 months to May.",
                "3.2",
                "core-yoy",
            ),
            (
                "Inflation was 2.9% in the 12 months to May.",
                "2.9",
                "headline-yoy",
            ),
            (
                "Inflation ran at 0.3% from the previous month.",
                "0.3",
                "headline-mom",
            ),
            // A figure that states no period is not filed by one.
            ("Inflation was 2.9% in May.", "2.9", "inflation-percentage"),
        ] {
            let doc = Document::new("d", text);
            assert_eq!(filed_in(&catalog, &doc, figure), metric, "{text}");
        }
    }

    /// A plain phrase with no period gives way to one of the figure's period that says the same
    /// thing ("cpi" and "consumer price index" are one in the gazetteer).
    #[test]
    fn a_period_phrase_wins_over_a_plain_one_that_says_no_more() {
        let catalog = Catalog::parse(
            r#"
[[metric]]
id = "cpi-yoy"
unit = "percentage"
match = ["consumer price index", "annual inflation"]

[[metric]]
id = "cpi-mom"
unit = "percentage"
match = ["monthly cpi", "from the previous month"]
"#,
        )
        .unwrap();
        for (text, figure, metric) in [
            (
                "The consumer price index slipped 0.1% on the month.",
                "0.1",
                "cpi-mom",
            ),
            (
                "From March to April the consumer price index climbed 0.5%.",
                "0.5",
                "cpi-mom",
            ),
            (
                "Consumer price index inflation ran at 0.3% over the month.",
                "0.3",
                "cpi-mom",
            ),
            (
                "The consumer price index was 3.2% higher than a year earlier.",
                "3.2",
                "cpi-yoy",
            ),
            (
                "The consumer price index rose 2.4% in the 12 months to May.",
                "2.4",
                "cpi-yoy",
            ),
            (
                "The consumer price index rose 2.9% in May.",
                "2.9",
                "cpi-yoy",
            ),
            // A sentence that states both periods keeps the plain phrase.
            (
                "Annual inflation eased in May, to 2.9% from 3.1% in April, and the consumer \
                 price index fell from the previous month.",
                "2.9",
                "cpi-yoy",
            ),
        ] {
            let doc = Document::new("d", text);
            assert_eq!(filed_in(&catalog, &doc, figure), metric, "{text}");
        }
    }

    #[test]
    fn the_sentence_makes_a_phrase_of_the_counted_noun_more_specific() {
        let catalog = Catalog::parse(
            r#"
[[metric]]
id = "flood-deaths"
unit = "death"
match = ["death toll"]

[[metric]]
id = "cholera-deaths"
unit = "death"
match = ["cholera deaths"]

[[metric]]
id = "cholera-cases"
unit = "case"
match = ["cholera cases"]

[[metric]]
id = "vehicles"
unit = "vehicle"
match = ["armoured personnel carriers"]

[[metric]]
id = "personnel"
unit = "soldier"
match = ["servicemen"]
"#,
        )
        .unwrap();
        for (text, figure, metric) in [
            (
                "Cholera cases have climbed to 45,912, with 1,489 deaths, the ministry said.",
                "1,489",
                "cholera-deaths",
            ),
            (
                "The cholera outbreak has now caused 212 deaths.",
                "212",
                "cholera-deaths",
            ),
            (
                "By Friday there had been 3,000 deaths in the city.",
                "3,000",
                "flood-deaths",
            ),
            (
                "The brigade lost 70 armoured personnel carriers and 900 servicemen.",
                "900",
                "personnel",
            ),
        ] {
            let doc = Document::new("d", text);
            assert_eq!(filed_in(&catalog, &doc, figure), metric, "{text}");
        }
    }

    #[test]
    fn the_closest_scope_wins_over_a_longer_phrase_further_away() {
        let (m, why) = assigned(
            "Russian soldiers killed or wounded numbered 600,000. Separately, 300 people went \
             missing after the floods.",
            None,
            "300",
        );
        assert_eq!(m, "flood-missing");
        assert_eq!(
            why.as_deref(),
            Some("\"missing after the floods\" in clause")
        );
    }
}
