//! Attribution: who states a figure ("Pentagon estimates reveal ...", "..., according to X",
//! "X said", "said X", "X estimated that").

use super::context::Word;
use super::lexicon::{CLASSES, DOWN, POLLED_GROUPS, SAY_VERBS, UP, WordClasses, WordSet, class};
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use std::sync::LazyLock;

/// A quick test that a sentence may name a source: it holds a verb of saying (as a prefix:
/// "estimat" covers estimated, estimates) or "according". Cheaper than tokenizing it.
pub fn may_name_source(sentence: &str) -> bool {
    static HINT: LazyLock<AhoCorasick> = LazyLock::new(|| {
        let stems = SAY_VERBS
            .words()
            .iter()
            .map(|w| &w[..w.len().min(5)])
            .chain(["according"]);
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(stems)
            .expect("say-verb stems")
    });
    HINT.find_iter(sentence)
        .any(|m| m.start() == 0 || !sentence.as_bytes()[m.start() - 1].is_ascii_alphabetic())
}

/// Lower-case words that may stand inside a source's name or title.
static TITLE_WORDS: WordSet = WordSet::new(&[
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "minister",
    "ministry",
    "secretary",
    "official",
    "officials",
    "agency",
    "office",
    "chief",
    "commander",
    "president",
    "general",
    "intelligence",
    "service",
    "department",
    "council",
    "committee",
    "commission",
    "analysts",
    "researchers",
    "government",
    "military",
    "army",
    "police",
    "authorities",
    "governor",
    "mayor",
    "press",
    "deputy",
    "senior",
    "foreign",
    "defence",
    "defense",
    "health",
    "refugee",
    "human",
    "rights",
    "monitoring",
    "mission",
    "national",
    "regional",
    "local",
    "operator",
    "grid",
    "bank",
    "fund",
    "economists",
    "forecasters",
    "administration",
    "statistics",
    "data",
    "figures",
    "estimates",
    "report",
    "survey",
    "statement",
    "staff",
    "of",
    "the",
    "for",
    "and",
    "state",
    "central",
    "prime",
    "envoy",
    "ambassador",
    "head",
    "director",
    "leader",
    "leadership",
    "sources",
    "spokespeople",
    "observers",
    "experts",
    "monitors",
    "group",
    "watchdog",
    "institute",
    "security",
    "affairs",
    "federal",
    "bureau",
    "organization",
    "organisation",
    "county",
    "media",
    "junta",
    "regime",
    "coroner",
    "examiner",
    "firefighters",
    "rescuers",
    "medics",
    "doctors",
    "hospital",
    "organisers",
    "organizers",
    "union",
    "prosecutors",
    "investigators",
    "court",
    "coalition",
    "navy",
    "spokespeople",
    "broadcaster",
    "coastguard",
    "coast",
    "guard",
    "border",
    "television",
    "tv",
    "radio",
    "news",
    "newspaper",
    "aid",
    "relief",
    "groups",
    "agencies",
    "charity",
    "charities",
    "humanitarian",
    "workers",
    // Local governments that keep a toll: "Ishikawa prefecture", "the provincial government".
    "prefecture",
    "prefectural",
    "province",
    "provincial",
    "municipality",
    "municipal",
    "governorate",
]);

/// Words that say which of a source's releases, before its name: "a separate BLS release".
static REPORT_ADJECTIVES: WordSet = WordSet::new(&[
    "latest",
    "new",
    "separate",
    "monthly",
    "weekly",
    "daily",
    "annual",
    "preliminary",
    "provisional",
    "final",
    "revised",
    "updated",
]);

/// Whether a phrase only describes a release, naming no one who made it: "the latest update",
/// "Figures released on Monday", "official data", "Data for August". Its source is named
/// elsewhere or not at all.
fn only_describes_a_release<'w, 'a: 'w>(words: impl IntoIterator<Item = &'w Word<'a>>) -> bool {
    let mut release = false;
    words.into_iter().all(|w| {
        release |= STATEMENT_NOUNS.contains(w.lower);
        STATEMENT_NOUNS.contains(w.lower)
            || REPORT_ADJECTIVES.contains(w.lower)
            || matches!(
                w.lower,
                "the"
                    | "most"
                    | "recent"
                    | "released"
                    | "published"
                    | "issued"
                    | "compiled"
                    | "for"
            )
            || is_date_word(w.text)
    }) && release
}

/// Who speaks for a body named after them: "a spokesperson for X", "an official with X".
static SPEAKS_FOR: WordSet = WordSet::new(&[
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "spokespeople",
    "official",
    "officials",
    "representative",
    "representatives",
    "source",
    "sources",
]);

/// Words a source name does not end with ("Pentagon officials" names the Pentagon).
static GENERIC_TAIL: WordSet = WordSet::new(&[
    "officials",
    "official",
    "estimates",
    "figures",
    "data",
    "report",
    "release",
    "bulletin",
    "update",
    "analysis",
    "sources",
    "statement",
    "survey",
    "the",
    "of",
    "and",
    "for",
]);

/// Whether `w` is one of `list` (lower case) in any ASCII case.
fn is_any(w: &str, list: &[&str]) -> bool {
    list.iter().any(|l| w.eq_ignore_ascii_case(l))
}

fn capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A word that may stand in a name: capitalised ("Sezer"), capitalised after a hyphen
/// ("al-Saleh"), a title word ("minister"), or an abbreviation's period ("U.S. Geological
/// Survey", "Gov. Josh Green": a period inside a sentence closes an abbreviation).
fn in_name(w: &Word) -> bool {
    w.text == "."
        || w.is_word
            && (capitalized(w.text)
                || TITLE_WORDS.contains(w.lower)
                || (w.text.as_bytes().contains(&b'-')
                    && w.text.split('-').skip(1).any(capitalized)))
}

/// The words of a name joined by spaces, an abbreviation's period kept on its word ("U.S.").
fn join_name(words: &[Word]) -> String {
    let mut name = String::with_capacity(words.iter().map(|w| w.text.len() + 1).sum());
    for (k, w) in words.iter().enumerate() {
        if k > 0 && w.text != "." {
            name.push(' ');
        }
        name.push_str(w.text);
    }
    name
}

/// Trims a source phrase (a run of the sentence's words) to its name: no leading "the", no
/// generic trailing nouns. The words' lower-case forms answer the tests without copies.
fn tidy(words: &[Word]) -> Option<String> {
    let mut slice = words;
    while let Some((first, rest)) = slice.split_first() {
        // "a spokesperson for the health ministry", "officials at the county": who they speak
        // for.
        if let [of, after @ ..] = rest
            && SPEAKS_FOR.contains(first.lower)
            && matches!(of.lower, "for" | "of" | "at" | "with" | "from")
            && after.iter().any(|w| w.lower != "the")
        {
            slice = after;
            continue;
        }
        if matches!(
            first.lower,
            "the"
                | "."
                | "of"
                | "and"
                | "for"
                | "a"
                | "an"
                | "however"
                | "meanwhile"
                | "but"
                | "so"
                | "yet"
        ) {
            slice = rest;
        } else {
            break;
        }
    }
    while let Some((last, rest)) = slice.split_last() {
        // "Pentagon officials" names the Pentagon; "Local officials", "Ukrainian officials" stay.
        let names_someone = rest.last().is_some_and(|w| {
            capitalized(w.text)
                && !["an", "ish", "ese", "al", "cy", "ior", "ern"]
                    .iter()
                    .any(|s| w.lower.ends_with(s))
        });
        let generic = names_someone && GENERIC_TAIL.contains(last.lower);
        // A sentence's full stop, not an abbreviation's ("the U.S.").
        let stop = last.text == "." && !rest.last().is_some_and(|w| w.text.contains('.'));
        if generic || stop || matches!(last.lower, "the" | "of" | "and" | "for") {
            slice = rest;
        } else {
            break;
        }
    }
    // A source names someone: at least one capitalised word, or a generic group ("officials").
    let named = slice.iter().any(|w| capitalized(w.text));
    if slice.is_empty() || (!named && slice.len() > 2) {
        return None;
    }
    if !named && !slice.iter().all(|w| TITLE_WORDS.contains(w.lower)) {
        return None;
    }
    // "a separate BLS release", "the latest CDC figures": which release, not who.
    while let Some((first, rest)) = slice.split_first() {
        // In lower case: "New Mexico" is a name.
        if REPORT_ADJECTIVES.contains(first.text) && rest.iter().any(|w| capitalized(w.text)) {
            slice = rest;
        } else {
            break;
        }
    }
    let mut name = join_name(slice);
    // "the Labor Department's report showed": the owner, without its "'s".
    for suffix in ["'s", "\u{2019}s"] {
        // "September's figures" keep theirs: a month's is when, and names no one.
        if name.len() > suffix.len() + 1
            && name.ends_with(suffix)
            && !is_date_word(&name[..name.len() - suffix.len()])
        {
            name.truncate(name.len() - suffix.len());
        }
    }
    // A byte scan first: most names have no spaced hyphen and keep their string.
    if name.as_bytes().windows(3).any(|w| w == b" - ") {
        Some(name.replace(" - ", "-"))
    } else {
        Some(name)
    }
}

/// Who a source phrase names: a name, or a word that refers back to one named earlier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Speaker {
    Named(String),
    /// "he", "she": the person named last.
    Person,
    /// "it", "the agency", "the ministry's count": the body named last; the noun ("agency")
    /// stands in when no body was named before.
    Body(Option<String>),
    /// "they": whoever was named last.
    Last,
    /// "the general", "the minister": the last name with that title, else the person named
    /// last.
    Titled(String),
}

/// A source found in a sentence and the token that anchors it (its verb of saying, "according",
/// or the noun a possessive source owns): a figure takes the source anchored nearest before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub speaker: Speaker,
    pub at: usize,
    /// Named after a comma that closes the figures' clause ("..., the CDC said", "..., according
    /// to X"): it attributes the clause before it, whatever its own subject says.
    pub trailing: bool,
    /// Inside another source's statement ("Kirby said US officials believed ..."): the outer
    /// source is the one a figure after both is credited to.
    pub nested: bool,
}

impl Source {
    /// A source anchored at token `at`, not yet known to sit inside another's statement.
    fn new(speaker: Speaker, at: usize, trailing: bool) -> Source {
        Source {
            speaker,
            at,
            trailing,
            nested: false,
        }
    }
}

/// Words between a subject and its verb of saying: "AFAD had confirmed", "the CDC has also
/// reported", "the groups together counted".
static AUXILIARIES: WordSet = WordSet::new(&[
    "had",
    "has",
    "have",
    "also",
    "now",
    "already",
    "later",
    "earlier",
    "previously",
    "together",
    "jointly",
    "separately",
    "again",
    "then",
    "itself",
    "first",
    "initially",
    "officially",
    "would",
    "will",
    "could",
    "may",
    "recently",
    "reportedly",
    "publicly",
]);

/// Words before a verb that make it passive or a participle: "deaths had been reported".
static PASSIVE_MARKS: WordSet = WordSet::new(&["been", "was", "were", "is", "are", "be", "being"]);

/// Nouns that stand for an organisation named before: "the agency said", "the bureau's list".
static BODIES: WordSet = WordSet::new(&[
    "agency",
    "ministry",
    "department",
    "office",
    "bureau",
    "organisation",
    "organization",
    "service",
    "commission",
    "council",
    "committee",
    "company",
    "county",
    "institute",
    "watchdog",
    "group",
    "body",
    "regulator",
    "authority",
    "centre",
    "center",
    "board",
    "programme",
    "fund",
    "bank",
    "prefecture",
    "province",
    "municipality",
    "governorate",
    // "the White House", "the House": a legislature or an executive, not a person.
    "house",
]);

/// Titles that stand for a person named before: "the general added", "the minister said".
static PERSON_TITLES: WordSet = WordSet::new(&[
    "minister",
    "president",
    "governor",
    "general",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "mayor",
    "chief",
    "commander",
    "secretary",
    "director",
    "premier",
    "sheriff",
    "envoy",
    "ambassador",
    "senator",
    "chancellor",
    "manager",
    "administrator",
    "commissioner",
    "chairman",
    "chairwoman",
    "coroner",
    "superintendent",
    "supervisor",
    "officer",
    "adviser",
    "advisor",
    "prosecutor",
]);

/// Body nouns of no particular kind: "the agency" may be any body named before.
static ANY_BODY: WordSet = WordSet::new(&[
    "agency",
    "organisation",
    "organization",
    "body",
    "authority",
    "group",
    "watchdog",
    "regulator",
]);

/// Nouns a source's possessive owns when it states a figure: "the CDC's count", "the FBI's
/// validated list", "the agency's Tuesday update".
static STATEMENT_NOUNS: WordSet = WordSet::new(&[
    "database",
    "index",
    "count",
    "counts",
    "tally",
    "tallies",
    "data",
    "figures",
    "figure",
    "numbers",
    "register",
    "estimate",
    "estimates",
    "list",
    "update",
    "report",
    "records",
    "statistics",
    "dashboard",
    "tracker",
    "survey",
    "statement",
    "assessment",
    "matrix",
    "consensus",
    "poll",
    "analysis",
    "review",
    "study",
    "page",
    "website",
    "bulletin",
    "briefing",
]);

/// Verbs that report a figure when their object is a count: "the county raised the toll to 93",
/// "the ministry revised its estimate"; or that set a rate: "the bank cut its cash rate to
/// 4.10%", "had held the rate at 4.35%".
static REVISING_VERBS: WordSet = WordSet::new(&[
    "held",
    "holds",
    "kept",
    "keeps",
    "left",
    "leaves",
    "cuts",
    "cutting",
    "lowering",
    "raising",
    "raised",
    "raises",
    "lifted",
    "lifts",
    "revised",
    "revises",
    "updated",
    "updates",
    "lowered",
    "lowers",
    "increased",
    "cut",
    "brought",
]);

/// The counts a revising verb's object names.
static COUNT_NOUNS: WordSet = WordSet::new(&[
    "toll",
    "count",
    "tally",
    "estimate",
    "estimates",
    "figure",
    "figures",
    "number",
    "total",
    "rate",
    "rates",
]);

/// Words that may anchor a source, with what they are: one look-up per word of a sentence.
static CUES: WordClasses = WordClasses::new(&[
    (&STATEMENT_NOUNS, cue::STATEMENT),
    (&SAY_VERBS, cue::SAY),
    (&REVISING_VERBS, cue::REVISING),
    (&ACCORDING, cue::ACCORDING),
    (&EXPECTING_VERBS, cue::EXPECTING),
    (&COMPILING_VERBS, cue::COMPILED),
    (&PER, cue::PER),
]);

/// ", per Cal Fire".
static PER: WordSet = WordSet::new(&["per"]);

/// Participles that credit a count to whoever keeps it: "the tally, compiled by the AP".
static COMPILING_VERBS: WordSet = WordSet::new(&[
    "compiled",
    "kept",
    "maintained",
    "collated",
    "collected",
    "gathered",
    "tracked",
    "published",
    "released",
    "provided",
    "supplied",
    "issued",
]);

/// "according (to)".
static ACCORDING: WordSet = WordSet::new(&["according"]);

/// Verbs of expecting, which anchor a forecast's source like verbs of saying: "economists polled
/// by Reuters had forecast 0.2%".
static EXPECTING_VERBS: WordSet = WordSet::new(&[
    "expect",
    "predict",
    "anticipate",
    "expects",
    "expected",
    "forecast",
    "forecasts",
    "forecasted",
    "predicted",
    "predicts",
    "projected",
    "projects",
    "anticipated",
    "looked",
]);

/// The kinds of [`CUES`].
mod cue {
    pub const STATEMENT: u16 = 1;
    pub const SAY: u16 = 1 << 1;
    pub const REVISING: u16 = 1 << 2;
    pub const ACCORDING: u16 = 1 << 3;
    pub const COMPILED: u16 = 1 << 4;
    pub const PER: u16 = 1 << 5;
    pub const EXPECTING: u16 = 1 << 6;
}

/// Lower-case words that end a subject read backwards from its verb: a clause starts after them.
static CLAUSE_OPENERS: WordSet = WordSet::new(&[
    "that", "which", "who", "whom", "whose", "where", "when", "while", "whereas", "as", "after",
    "before", "because", "but", "if", "than", "since", "though", "although", "so", "said", "says",
    "while", "with",
]);

/// Prepositions whose phrase inside a subject says where, not who: "rescuers in the north".
static PLACE_PREPOSITIONS: WordSet = WordSet::new(&[
    "in",
    "on",
    "at",
    "across",
    "near",
    "from",
    "inside",
    "outside",
    "throughout",
    "around",
]);

/// The word a possessive ends ("AFAD's", or "AFAD" "'" "s" as tokens): the index of its name
/// word, if token `i` closes one.
fn possessive_end(words: &[Word], i: usize) -> Option<usize> {
    let w = words.get(i)?;
    if w.lower.ends_with("'s") || w.lower.ends_with("\u{2019}s") {
        return Some(i);
    }
    if w.lower == "s" && i >= 2 && matches!(words[i - 1].lower, "'" | "\u{2019}") {
        return Some(i - 2);
    }
    // A plural's: "the Office for National Statistics' index".
    let plural = matches!(w.lower, "'" | "\u{2019}")
        && i >= 1
        && words[i - 1].is_word
        && words[i - 1].lower.ends_with('s')
        && words
            .get(i + 1)
            .is_some_and(|n| n.is_word && n.lower != "s");
    plural.then(|| i - 1)
}

/// The name a possessive source ends with at token `end` ("the Centers for Disease Control's"):
/// the run of name words before it, its "'s" dropped.
fn possessor(words: &[Word], end: usize) -> Option<Speaker> {
    let mut j = end;
    while j > 0 && in_name(&words[j - 1]) {
        j -= 1;
    }
    let last = words[end].text;
    let last = last
        .strip_suffix("'s")
        .or_else(|| last.strip_suffix("\u{2019}s"))
        .unwrap_or(last);
    if !last.starts_with(char::is_uppercase) {
        if !BODIES.contains_ignoring_ascii_case(last) {
            // "the ministry of health's update": a body named by what it is of.
            let run = &words[j..end];
            let start = run.iter().take_while(|w| w.lower == "the").count();
            let body_of = run.len() >= start + 2
                && run[run.len() - 1].lower == "of"
                && BODIES.contains(run[run.len() - 2].lower);
            return body_of.then(|| Speaker::Named(format!("{} {last}", join_name(&run[start..]))));
        }
        // "the health ministry's update" names which ministry, as "the health ministry said"
        // does; a bare "the ministry's" refers back to one named before.
        return Some(match tidy(&words[j..end]) {
            Some(kind) => Speaker::Named(format!("{kind} {last}")),
            None => Speaker::Body(Some(last.to_string())),
        });
    }
    // "Monday's update", "September's figures": when, not who.
    if is_date_word(last) {
        return None;
    }
    let mut name = tidy(&words[j..end]).unwrap_or_default();
    if !name.is_empty() {
        name.push(' ');
    }
    name.push_str(last);
    Some(Speaker::Named(name))
}

/// A possessive source within three words before a statement noun `h`: "the agency's Tuesday
/// update", "the FBI's validated list".
fn possessive_source(words: &[Word], h: usize) -> Option<Speaker> {
    (h.saturating_sub(4)..h)
        .rev()
        .find_map(|k| possessive_end(words, k))
        .and_then(|end| possessor(words, end))
}

/// The name right before a poll's noun at token `h`: "the Dow Jones consensus", "a Reuters
/// poll", "the latest Gallup survey"; and before a count or a study of its own after "a":
/// "a Reuters count", "an AP tally", "a BBC analysis" ("the Lahaina count" is a place's).
fn pollster(words: &[Word], h: usize) -> Option<Speaker> {
    let poll = matches!(words[h].lower, "consensus" | "poll" | "survey");
    let study = matches!(
        words[h].lower,
        "count" | "tally" | "analysis" | "review" | "study" | "estimate"
    );
    // "the U.S. Geological Survey" is a name, not a poll.
    if !(poll || study) || capitalized(words[h].text) {
        return None;
    }
    let names = words[..h]
        .iter()
        .rev()
        .take_while(|w| capitalized(w.text) && !matches!(w.lower, "a" | "an" | "the"))
        .count();
    let after_a = h > names && matches!(words[h - names - 1].lower, "a" | "an");
    (names > 0 && (poll || after_a))
        .then(|| speaker_of(&words[h - names..h]))
        .flatten()
}

/// A pronoun or a bare institution noun standing for a source named before.
fn reference(words: &[Word]) -> Option<Speaker> {
    match words {
        [w] => match w.lower {
            "he" | "she" => Some(Speaker::Person),
            "they" => Some(Speaker::Last),
            "it" => Some(Speaker::Body(None)),
            _ => None,
        },
        [the, w] if matches!(the.lower, "the" | "this" | "that") && BODIES.contains(w.lower) => {
            Some(Speaker::Body(Some(w.text.to_string())))
        }
        [the, w] if the.lower == "the" && PERSON_TITLES.contains(w.lower) => {
            Some(Speaker::Titled(w.text.to_string()))
        }
        _ => None,
    }
}

/// A subject phrase as a speaker: a reference, a name, or a lower-case body ("the state health
/// department").
fn speaker_of(words: &[Word]) -> Option<Speaker> {
    if words.is_empty() {
        return None;
    }
    if let Some(r) = reference(words) {
        return Some(r);
    }
    let name = tidy(words)?;
    // "he", "Monday", "Monday's figures", "the figures" and "Data for August": no one.
    if only_describes_a_release(words)
        || names_no_one(&name)
        || name.split(' ').next().is_some_and(names_no_one)
        || name
            .split(' ')
            .all(|w| STATEMENT_NOUNS.contains_ignoring_ascii_case(w))
    {
        return None;
    }
    Some(Speaker::Named(name))
}

/// The subject of a verb of saying at token `verb`, read backwards.
fn subject_before(words: &[Word], verb: usize) -> Option<Speaker> {
    let mut k = verb;
    while k > 0 && words[k - 1].is_word && AUXILIARIES.contains(words[k - 1].lower) {
        k -= 1;
    }
    if k == 0 || PASSIVE_MARKS.contains(words[k - 1].lower) {
        return None;
    }
    // "The United States on Monday announced", "Lloyd Austin late Thursday unveiled": the
    // subject stands before the time.
    let when = time_before(words, k);
    if when > 0 && when < k {
        return subject_before(words, k - when);
    }
    // "government figures released on Monday show": the subject before the release's day.
    if let Some(p) = (k.saturating_sub(5)..k)
        .find(|&p| matches!(words[p].lower, "released" | "published" | "issued"))
        && p > 0
        && words[p + 1..k].iter().all(|w| {
            matches!(w.lower, "on" | "this" | "last" | "late" | "early") || is_date_word(w.text)
        })
    {
        return subject_before(words, p);
    }
    // "economists surveyed by Bloomberg, who had forecast 6.5%": the relative's antecedent.
    if k >= 2 && matches!(words[k - 1].lower, "who" | "which") && words[k - 2].lower == "," {
        let names = words[..k - 2]
            .iter()
            .rev()
            .take_while(|w| in_name(w))
            .count();
        let start = k - 2 - names;
        return polled_group(words, start, k - 2).or_else(|| speaker_of(&words[start..k - 2]));
    }
    // "The World Health Organization (WHO) said": the name before its acronym.
    if k >= 4
        && words[k - 1].lower == ")"
        && words[k - 3].lower == "("
        && is_acronym(words[k - 2].text)
    {
        return subject_before(words, k - 3);
    }
    // "X said": the name right before the verb.
    let mut j = k;
    while j > 0 && in_name(&words[j - 1]) {
        j -= 1;
    }
    // "Officials in Kharkiv said": the name is a place inside the subject; "the 128GB found"
    // is a unit after a number, and "the 3,000 the White House cited" a name after one.
    let placed = j > 0
        && (PLACE_PREPOSITIONS.contains(words[j - 1].lower)
            || words[j - 1].text.ends_with(|c: char| c.is_ascii_digit())
                && words[j].lower != "the"
                // "the 20,000 economists had expected": who expected the figure.
                && !POLLED_GROUPS.contains(words[j].lower));
    let j = k - after_time(&words[j..k]).len();
    if let Some(group) = polled_group(words, j, k) {
        return Some(group);
    }
    if j < k
        && !placed
        && let Some(s) = speaker_of(&words[j..k])
    {
        // "the Green Valley civil defence group said": title words alone ("defence group")
        // are the end of a longer subject with a name in it.
        let untitled = matches!(&s, Speaker::Named(n) if !n.chars().any(char::is_uppercase));
        // "Turkey's disaster agency AFAD said": a run that opens on a title word after a
        // describing word is the end of a longer subject too.
        let cut_short = j > 0
            && !capitalized(words[j].text)
            && words[j - 1].is_word
            && !matches!(words[j - 1].lower, "the" | "a" | "an" | "its" | "their");
        if (untitled || cut_short)
            && let Some(longer @ Speaker::Named(_)) = plain_subject(words, k)
        {
            return Some(longer);
        }
        return Some(s);
    }
    if let Some(s) =
        reference(&words[k.saturating_sub(2)..k]).or_else(|| reference(&words[k - 1..k]))
    {
        return Some(s);
    }
    if words[k - 1].lower == "," {
        return appositive_subject(words, k - 1);
    }
    plain_subject(words, k)
}

/// Whether a source's name names people who forecast ("Economists polled by Reuters",
/// "analysts"), not only a poll or a consensus.
pub fn names_forecasters(name: &str) -> bool {
    name.split(' ')
        .any(|w| POLLED_GROUPS.contains_ignoring_ascii_case(w))
}

/// "economists polled by Reuters", "forecasters surveyed by Dow Jones": the people asked are
/// who expect the figure, named with the poll that asked them; `words[start..end]` is the
/// pollster's name.
fn polled_group(words: &[Word], start: usize, end: usize) -> Option<Speaker> {
    if start >= end {
        return None;
    }
    let mut by = start.checked_sub(1)?;
    if words[by].lower == "the" {
        by = by.checked_sub(1)?;
    }
    if by < 2
        || words[by].lower != "by"
        || !matches!(
            words[by - 1].lower,
            "polled" | "surveyed" | "questioned" | "asked" | "interviewed"
        )
        || !POLLED_GROUPS.contains(words[by - 2].lower)
    {
        return None;
    }
    Some(Speaker::Named(join_name(&words[by - 2..end])))
}

/// An acronym: two or more capitals, perhaps with "&" or digits ("WHO", "OCHA", "AT&T", "G7").
fn is_acronym(w: &str) -> bool {
    w.len() >= 2
        && w.bytes().filter(u8::is_ascii_uppercase).count() >= 2
        && w.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'&')
}

/// "AFAD, the disaster agency, said", "Yunus Sezer, who heads AFAD, said", "the interior
/// minister, Suleyman Soylu, said": the comma before the verb closes an aside; the aside itself
/// is the source when it is a name, else the name before it is.
fn appositive_subject(words: &[Word], close: usize) -> Option<Speaker> {
    let open = (close.saturating_sub(16)..close)
        .rev()
        .find(|&p| matches!(words[p].lower, "," | "." | ";" | ":" | "(" | ")"))?;
    if words[open].lower != "," {
        return None;
    }
    let aside = &words[open + 1..close];
    // "The government's disaster agency, known as BNPB, said": the name it is known by.
    let aside = match aside {
        [known, as_, name @ ..] if known.lower == "known" && as_.lower == "as" => name,
        [called, name @ ..] if matches!(called.lower, "called" | "named") => name,
        _ => aside,
    };
    if !aside.is_empty() && aside.iter().all(in_name) && aside.iter().any(|w| capitalized(w.text)) {
        return speaker_of(aside);
    }
    let mut j = open;
    while j > 0 && in_name(&words[j - 1]) {
        j -= 1;
    }
    // "South Korean lawmakers, briefed by the spy agency, said", "Two officials, speaking on
    // condition of anonymity, said": a subject in lower case before an aside that opens with a
    // participle and holds no figure.
    let participle = aside.first().is_some_and(|w| {
        w.is_word && !capitalized(w.text) && (w.lower.ends_with("ed") || w.lower.ends_with("ing"))
    }) && !aside
        .iter()
        .any(|w| w.text.starts_with(|c: char| c.is_ascii_digit()));
    (j < open)
        .then(|| speaker_of(&words[j..open]))
        .flatten()
        .or_else(|| participle.then(|| plain_subject(words, open)).flatten())
}

/// A subject with lower-case words in it, read back to the start of its clause: "Syrian
/// authorities and rescuers in the north reported", "the state health department said". Place
/// phrases with no name in them are dropped; each part joined by "and" must name someone.
fn plain_subject(words: &[Word], k: usize) -> Option<Speaker> {
    let mut j = k;
    while j > 0 && k - j < 24 {
        let w = &words[j - 1];
        let piece = w.is_word || matches!(w.lower, "'" | "\u{2019}" | ".");
        // Another verb before this one ends the subject: "Sales came in below analyst
        // estimates" has none.
        let verb = CLASSES.of(w.lower) & (class::VERB | class::LINKING) != 0;
        if !piece || CLAUSE_OPENERS.contains(w.lower) || verb {
            break;
        }
        j -= 1;
    }
    let run = &words[j..k];
    // A subject starts a clause: after the sentence's start, a comma, a colon or quote, or a
    // conjunction; a run cut short by a number or a relative pronoun is not one.
    let opens = j == 0
        || matches!(
            words[j - 1].lower,
            "," | ";" | ":" | "\"" | "\u{201c}" | "\u{201d}" | "(" | "-" | "\u{2013}" | "\u{2014}"
        )
        || (CLAUSE_OPENERS.contains(words[j - 1].lower)
            && !matches!(
                words[j - 1].lower,
                "which" | "who" | "whom" | "whose" | "where"
            ))
        || SAY_VERBS.contains(words[j - 1].lower);
    if run.is_empty() || k - j >= 24 || !opens {
        return None;
    }
    let mut parts: Vec<String> = Vec::new();
    for part in run.split(|w| w.lower == "and") {
        // A place phrase ends the part unless a name follows its article.
        // "data published by the ONS": the publisher after "by"; "figures from the interior
        // ministry": after "from" when a statement noun ("data", "figures") comes before it.
        let publisher = part.iter().enumerate().position(|(n, w)| {
            w.lower == "by"
                || (w.lower == "from"
                    && part[..n].iter().any(|x| STATEMENT_NOUNS.contains(x.lower)))
        });
        let part = match publisher {
            Some(at)
                if part[at + 1..]
                    .iter()
                    .any(|w| capitalized(w.text) || BODIES.contains(w.lower)) =>
            {
                &part[at + 1..]
            }
            _ => part,
        };
        // "Late on Sunday the civil protection office": the time before the subject first.
        let part = after_time(part);
        let cut = part
            .iter()
            .enumerate()
            .position(|(n, w)| {
                PLACE_PREPOSITIONS.contains(w.lower)
                    && part[n + 1..]
                        .iter()
                        .find(|x| !matches!(x.lower, "the" | "a" | "an"))
                        .is_none_or(|x| !capitalized(x.text) || is_date_word(x.text))
            })
            .unwrap_or(part.len());
        let part = &part[..cut];
        // "Monday's update showed": a day's or month's name names no one.
        let named = part.iter().any(|w| {
            let bare = w
                .text
                .strip_suffix("'s")
                .or_else(|| w.text.strip_suffix("\u{2019}s"));
            capitalized(w.text) && !is_date_word(bare.unwrap_or(w.text))
        });
        // ", the coast guard said": after a comma, a short lower-case phrase with an article
        // is whoever speaks, though its noun is not an institution's.
        let after_comma = closes_aside(words, j) && run.len() == part.len();
        let described = after_comma
            && part.len() >= 2
            && part.len() <= 4
            && part[0].lower == "the"
            && part[1..]
                .iter()
                .all(|w| w.is_word && CLASSES.of(w.lower) & (class::STOPWORD | class::VERB) == 0)
            && !STATEMENT_NOUNS.contains(part[part.len() - 1].lower);
        let body = described
            || part.last().is_some_and(|w| {
                BODIES.contains(w.lower)
                    || (TITLE_WORDS.contains(w.lower)
                        && !matches!(w.lower, "of" | "the" | "and" | "for"))
            });
        if !(named || body) || part.iter().any(|w| !in_name(w) && !w.is_word) {
            continue;
        }
        // "Three officials said": the speakers are officials; "One in five adults reported
        // symptoms": a count of people is what is reported, not who reports it.
        // "Two of the victims said", "Nine out of ten residents": the group after the count.
        let mut start = 0;
        while let Some(w) = part.get(start) {
            let count = |k: usize| super::numbers::small_number(part[k].lower).is_some();
            let skip = matches!(w.lower, "the" | "a" | "an" | "its" | "their")
                || count(start)
                || (start > 0 && matches!(w.lower, "of" | "out" | "in") && count(start - 1))
                || (start > 1 && w.lower == "of" && part[start - 1].lower == "out");
            if !skip {
                break;
            }
            start += 1;
        }
        if start < part.len()
            && (named || part.len() - start <= 4)
            && !names_no_one(part[start].text)
            && !only_describes_a_release(&part[start..])
        {
            parts.push(tidy(&part[start..]).unwrap_or_else(|| join_name(&part[start..])));
        }
    }
    if parts.is_empty() {
        return None;
    }
    if parts.len() == 1
        && let Some(r) = reference(run)
    {
        return Some(r);
    }
    Some(Speaker::Named(parts.join(" and ")))
}

/// Every source a sentence names, in text order, each with its anchor token.
pub fn sources_in(words: &[Word]) -> Vec<Source> {
    let mut found = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let l = w.lower;
        // Punctuation and words of one or two letters, a third of the tokens, are no verb.
        if l.len() < 3 || !w.is_word {
            continue;
        }
        // "The governor was quoted by local media as saying 412 died": the one quoted speaks.
        if l == "quoted"
            && i > 0
            && matches!(words[i - 1].lower, "was" | "were" | "is" | "been")
            && words[i + 1..]
                .windows(2)
                .take(8)
                .any(|w| w[0].lower == "as" && w[1].lower == "saying")
            && let Some(speaker) = subject_before(words, i - 1)
        {
            found.push(Source::new(speaker, i, false));
            continue;
        }
        // "That figure, from the health ministry, includes 60 children": a count's source in
        // an aside after it.
        if l == "from"
            && i >= 2
            && words[i - 1].lower == ","
            && (STATEMENT_NOUNS.contains(words[i - 2].lower)
                || COUNT_NOUNS.contains(words[i - 2].lower))
            && let Some(speaker) = according_to(&words[i + 1..])
        {
            found.push(Source::new(speaker, i, false));
            continue;
        }
        let cues = CUES.of(l);
        if cues == 0 {
            continue;
        }
        if cues & cue::ACCORDING != 0 && words.get(i + 1).is_some_and(|t| t.lower == "to") {
            if let Some(speaker) = according_to(&words[i + 2..]) {
                let trailing = i > 0 && words[i - 1].lower == ",";
                found.push(Source::new(speaker, i, trailing));
            }
            continue;
        }
        // ", per Cal Fire": a credit after a comma, before a name.
        if cues & cue::PER != 0
            && i > 0
            && words[i - 1].lower == ","
            && (words.get(i + 1).is_some_and(|w| capitalized(w.text))
                || (words.get(i + 1).is_some_and(|w| w.lower == "the")
                    && words
                        .get(i + 2)
                        .is_some_and(|w| capitalized(w.text) || in_name(w))))
            && let Some(speaker) = according_to(&words[i + 1..])
        {
            found.push(Source::new(speaker, i, true));
            continue;
        }
        if cues & cue::COMPILED != 0
            && let Some(speaker) = compiled_by(words, i)
        {
            found.push(Source::new(speaker, i, false));
            continue;
        }
        if cues & cue::STATEMENT != 0
            && let Some(speaker) = possessive_source(words, i).or_else(|| pollster(words, i))
        {
            found.push(Source::new(speaker, i, false));
            continue;
        }
        // "The United States said": a verb is written in lower case.
        if w.text.starts_with(char::is_uppercase) {
            continue;
        }
        let says = cues & cue::SAY != 0
            || cues & cue::EXPECTING != 0
            || (cues & cue::REVISING != 0
                && words[i + 1..]
                    .iter()
                    .take(5)
                    .take_while(|x| x.is_word)
                    .any(|x| COUNT_NOUNS.contains(x.lower)));
        // "likes to say" is no statement; "added 15 cents" is a change, not a remark; "the
        // median forecast" is a noun.
        let infinitive = i > 0 && words[i - 1].lower == "to";
        let noun = cues & cue::EXPECTING != 0
            && l != "looked"
            && ((i > 0
                && matches!(
                    words[i - 1].lower,
                    "the"
                        | "a"
                        | "an"
                        | "median"
                        | "average"
                        | "consensus"
                        | "latest"
                        | "its"
                        | "their"
                ))
                || words.get(i + 1).is_some_and(|n| {
                    matches!(
                        n.lower,
                        "is" | "was" | "are" | "were" | "of" | "for" | "has"
                    )
                }));
        // "added 200,000 jobs", "added names to its list", "added another 40" count; "...,
        // the ministry added." and "added that" speak.
        let counted = matches!(l, "added" | "adds")
            && words.get(i + 1).is_some_and(|w| {
                if w.is_word {
                    matches!(
                        w.lower,
                        "a" | "an"
                            | "the"
                            | "its"
                            | "their"
                            | "his"
                            | "her"
                            | "more"
                            | "another"
                            | "some"
                            | "several"
                            | "new"
                    ) || w.text.len() > 3
                        && w.text.ends_with('s')
                        && !w.text.ends_with("ss")
                        && w.text.starts_with(|c: char| c.is_lowercase())
                } else {
                    !w.text.starts_with(|c: char| {
                        c.is_ascii_punctuation() && c != '$' || c == '\u{201d}'
                    })
                }
            });
        // "had looked for 3.4%" expects; "looked at 40 cases" does not.
        let looked_elsewhere = l == "looked" && words.get(i + 1).is_none_or(|n| n.lower != "for");
        if !says || infinitive || counted || noun || looked_elsewhere || plural_noun(words, i) {
            continue;
        }
        if let Some(speaker) = subject_before(words, i) {
            found.push(Source::new(speaker, i, after_comma(words, i)));
            continue;
        }
        // ", said X": the name right after the verb.
        let after_clause = i == 0 || matches!(words[i - 1].lower, "," | "\"" | "\u{201d}" | "'");
        if (l == "said" || l == "says" || l == "told") && after_clause {
            let after = &words[i + 1..];
            let names = after.iter().take_while(|w| in_name(w)).count();
            if let Some(speaker) = speaker_of(&after[..names]).or_else(|| titled_name(after)) {
                found.push(Source::new(speaker, i, true));
            }
        }
    }
    if let Some(source) = headline_credit(words) {
        found.push(source);
        found.sort_by_key(|s| s.at);
    }
    // A source whose verb follows another's with no comma between reports inside it.
    for k in 1..found.len() {
        let (before, this) = (found[k - 1].at, found[k].at);
        found[k].nested = !words[before..this.max(before)]
            .iter()
            .any(|w| matches!(w.lower, "," | ";" | ":" | "." | "(" | ")"));
    }
    found
}

/// Whether the word of saying at token `i` is a plural noun: "Jobless claims fell", "reports of
/// looting", "estimates from the agency were lower", "claims have risen" (a verb or a
/// preposition follows it, where a verb of saying takes its object), "local records and
/// interviews".
fn plural_noun(words: &[Word], i: usize) -> bool {
    let w = words[i].lower;
    // "The agency counts 490 fires", "UNICEF records more than 1,300": as verbs these take a
    // figure or its article; "local records and witness interviews" are nouns.
    if matches!(w, "counts" | "records" | "registers" | "tallies") {
        return !words.get(i + 1).is_some_and(|n| {
            n.text.starts_with(|c: char| c.is_ascii_digit())
                || matches!(
                    n.lower,
                    "the"
                        | "a"
                        | "an"
                        | "its"
                        | "their"
                        | "more"
                        | "about"
                        | "some"
                        | "at"
                        | "over"
                        | "nearly"
                        | "almost"
                        | "around"
                        | "roughly"
                        | "just"
                        | "only"
                )
        });
    }
    w.ends_with('s')
        && w != "says"
        && words.get(i + 1).is_some_and(|n| {
            matches!(
                n.lower,
                "of" | "for"
                    | "from"
                    | "in"
                    | "are"
                    | "were"
                    | "have"
                    | "had"
                    | "remain"
                    | "rose"
                    | "fell"
            ) || UP.contains(n.lower)
                || DOWN.contains(n.lower)
        })
}

/// The name that follows a title and a comma after "said": "said the ministry's spokesman,
/// Ashraf al-Qudra", as "The province's health minister, Omar al-Rashid, said" names him.
fn titled_name(after: &[Word]) -> Option<Speaker> {
    let comma = after.iter().take(6).position(|w| w.lower == ",")?;
    let titled = after[..comma]
        .iter()
        .any(|w| PERSON_TITLES.contains(w.lower) || TITLE_WORDS.contains(w.lower));
    let rest = &after[comma + 1..];
    let name = rest.iter().take_while(|w| in_name(w)).count();
    if !titled || !rest.first().is_some_and(|w| capitalized(w.text)) {
        return None;
    }
    speaker_of(&rest[..name])
}

/// Whether the subject of the verb at `verb` opens right after a comma: ", the CDC said".
fn after_comma(words: &[Word], verb: usize) -> bool {
    // Names, auxiliaries and the lower-case words of a subject ("the LA County medical
    // examiner"), but no verb: that would be a clause of its own.
    let subject_word = |w: &Word| {
        in_name(w)
            || AUXILIARIES.contains(w.lower)
            || matches!(w.lower, "the" | "a" | "an" | "its" | "their")
            || (w.is_word
                && CLASSES.of(w.lower)
                    & (class::VERB | class::CLAUSE | class::STOPWORD | class::RELATIVE)
                    == 0)
    };
    let mut j = verb;
    while j > 0 && verb - j < 10 && subject_word(&words[j - 1]) {
        j -= 1;
    }
    j < verb && closes_aside(words, j)
}

/// Whether token `j` follows a comma, or a closing quote right after one: '..., the minister
/// said' and '...," the minister said' (the comma inside the quote).
fn closes_aside(words: &[Word], j: usize) -> bool {
    let quote = |w: &Word| matches!(w.lower, "\"" | "\u{201d}" | "'" | "\u{2019}");
    j > 0
        && (words[j - 1].lower == ","
            || (j > 1 && quote(&words[j - 1]) && words[j - 2].lower == ","))
}

/// A headline's credit after a dash or colon at its end: "Ten million uprooted - UN agency".
fn headline_credit(words: &[Word]) -> Option<Source> {
    let end = words.len() - words.iter().rev().take_while(|w| !w.is_word).count();
    let names = words[..end].iter().rev().take_while(|w| in_name(w)).count();
    let dash = end.checked_sub(names + 1)?;
    if names == 0 || names > 6 || !matches!(words[dash].lower, "-" | "\u{2013}" | "\u{2014}" | ":")
    {
        return None;
    }
    let name = tidy(&words[dash + 1..end])?;
    Some(Source::new(Speaker::Named(name), dash, true))
}

/// The source after "according to": a name up to punctuation or a lower-case non-title word, a
/// possessive ("the agency's data"), or a lower-case source up to a participle or preposition.
fn according_to(after: &[Word]) -> Option<Speaker> {
    // "according to the agency, ...", "according to the minister.": the one named before.
    let plain = after.iter().take_while(|w| w.is_word).count();
    if plain == 2
        && let Some(r) = reference(&after[..2])
    {
        return Some(r);
    }
    let names = after.iter().take_while(|w| in_name(w)).count();
    let lead = after
        .iter()
        .take_while(|w| matches!(w.lower, "the" | "a" | "an"))
        .count();
    if let Some(end) = (lead..(lead + 4).min(after.len())).find_map(|k| possessive_end(after, k)) {
        // "according to Turkey's disaster agency": the owner's body, not the owner.
        let next = after[end + 1..]
            .iter()
            .position(|w| w.is_word && !matches!(w.lower, "s"))
            .map_or(after.len(), |p| end + 1 + p);
        let described = after[next..]
            .iter()
            .take(3)
            .take_while(|w| w.is_word && !capitalized(w.text))
            .count();
        let body = after[next..next + described]
            .last()
            .is_some_and(|w| BODIES.contains(w.lower) || PERSON_TITLES.contains(w.lower))
            && after[next..next + described]
                .iter()
                .all(|w| !STATEMENT_NOUNS.contains(w.lower));
        // "according to the sheriff's department", "the state's emergency agency": a body
        // named by a lower-case owner is named whole too, as "the sheriff's department said" is.
        if body {
            // "the province's forest fire agency SOPFEU": with the name written after it.
            let end = next + described;
            let name = after[end..]
                .iter()
                .take(4)
                .take_while(|w| in_name(w) && capitalized(w.text) && !is_date_word(w.text))
                .count();
            return Some(Speaker::Named(join_name(&after[lead..end + name])));
        }
        return possessor(after, end);
    }
    // "according to numbers published by the CDC", "according to preliminary figures from the
    // interior ministry": the publisher after "by" or "from".
    let noun = lead
        + after[lead..]
            .iter()
            .take_while(|w| REPORT_ADJECTIVES.contains(w.lower))
            .count();
    if after
        .get(noun)
        .is_some_and(|w| STATEMENT_NOUNS.contains(w.lower))
        && let Some(by) = after
            .iter()
            .take(noun + 4)
            .position(|w| matches!(w.lower, "by" | "from"))
    {
        let names = after[by + 1..]
            .iter()
            .take_while(|w| {
                in_name(w)
                    || (w.is_word && CLASSES.of(w.lower) & (class::VERB | class::STOPWORD) == 0)
            })
            .take(12)
            .count();
        let mut publisher = &after[by + 1..by + 1 + names];
        // The sentence's full stop after a lower-case body ("..., according to figures from
        // the interior ministry.") ends the sentence, not an abbreviation.
        while let [rest @ .., last] = publisher
            && last.text == "."
            && rest.last().is_some_and(|w| !capitalized(w.text))
        {
            publisher = rest;
        }
        // "the interior ministry": a body in lower case names it too.
        let described = || {
            let start = publisher.iter().take_while(|w| w.lower == "the").count();
            let phrase = &publisher[start..];
            (!phrase.is_empty()
                && phrase.len() <= 4
                && phrase
                    .last()
                    .is_some_and(|w| BODIES.contains(w.lower) || TITLE_WORDS.contains(w.lower)))
            .then(|| join_name(phrase))
        };
        if let Some(name) = tidy(publisher).or_else(described) {
            return Some(Speaker::Named(name));
        }
    }
    if only_describes_a_release(&after[..names]) {
        return None;
    }
    if let Some(name) = tidy(&after[..names]) {
        return Some(Speaker::Named(name));
    }
    let phrase: Vec<&Word> = after[lead..]
        .iter()
        .take_while(|w| {
            w.is_word
                && (!(w.lower.len() > 4 && w.lower.ends_with("ed"))
                    || REPORT_ADJECTIVES.contains(w.lower))
                && !matches!(
                    w.lower,
                    "by" | "in" | "on" | "at" | "for" | "from" | "and" | "which" | "that" | "who"
                )
        })
        .take(5)
        .collect();
    let phrase = publisher_of_report(&phrase);
    // "according to an updated ministry statement": the ministry named before.
    if let [body] = phrase[..]
        && BODIES.contains(body.lower)
    {
        return Some(Speaker::Body(Some(body.text.to_string())));
    }
    (!phrase.is_empty() && !only_describes_a_release(phrase.iter().copied())).then(|| {
        let words: Vec<&str> = phrase.iter().map(|w| w.text).collect();
        Speaker::Named(words.join(" "))
    })
}

/// "the latest Cal Fire damage assessment", "the most recent IOM figures", "a new health
/// ministry report": the body that published the report, when one is named in capitals or by
/// a body noun; else the words as they are.
fn publisher_of_report<'p, 'w>(phrase: &'p [&'p Word<'w>]) -> &'p [&'p Word<'w>] {
    let named = |ws: &[&Word]| {
        ws.iter().any(|w| capitalized(w.text))
            || ws.last().is_some_and(|w| BODIES.contains(w.lower))
    };
    let mut slice = phrase;
    while let Some((last, rest)) = slice.split_last() {
        let report = STATEMENT_NOUNS.contains(last.lower)
            || GENERIC_TAIL.contains(last.lower)
            || matches!(
                last.lower,
                "assessment" | "assessments" | "damage" | "numbers"
            );
        if report && named(rest) {
            slice = rest;
        } else {
            break;
        }
    }
    while let Some((first, rest)) = slice.split_first() {
        let describes = REPORT_ADJECTIVES.contains(first.lower)
            || matches!(first.lower, "most" | "recent" | "damage" | "official");
        if describes && named(rest) {
            slice = rest;
        } else {
            break;
        }
    }
    slice
}

/// "The tally, compiled by the Associated Press,", "a count kept by the Post": the keeper of a
/// count named after the participle at `at`, when a statement noun comes just before it.
fn compiled_by(words: &[Word], at: usize) -> Option<Speaker> {
    if words.get(at + 1)?.lower != "by" {
        return None;
    }
    // "The count, which is kept by": a relative clause between the noun and its participle.
    let counted = words[at.saturating_sub(5)..at]
        .iter()
        .any(|w| STATEMENT_NOUNS.contains(w.lower));
    if !counted {
        return None;
    }
    let after = &words[at + 2..];
    let name_at = |from: usize| {
        let names = after[from..]
            .iter()
            .take_while(|w| in_name(w) || w.lower == "the")
            .count();
        tidy(&after[from..from + names])
    };
    // "released by the information team of the State Administration Council": the body a
    // lower-case unit belongs to.
    name_at(0)
        .or_else(|| {
            let lead = after.iter().take_while(|w| w.lower == "the").count();
            let of = after[lead..]
                .iter()
                .take(4)
                .take_while(|w| w.is_word && !capitalized(w.text))
                .position(|w| matches!(w.lower, "of" | "at"))?;
            name_at(lead + of + 1)
        })
        .map(Speaker::Named)
}

/// Whether a source speaks for the sentences after it in its paragraph: someone who said,
/// told, reported or published something ("the ministry said", "according to X", "the bureau
/// reported", "data from X showed"), not who expected or counted it.
pub fn speaks_on(words: &[Word], source: &Source) -> bool {
    matches!(
        words[source.at].lower,
        "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "added"
            | "according"
            | "announced"
            | "stated"
            | "reported"
            | "reports"
            | "showed"
            | "shows"
            | "show"
            | "estimated"
            | "estimates"
            | "published"
    )
}

/// Whether a sentence tells where its figures come from, though it may name no one: "The
/// report also documented ...", "figures released on Monday showed ...". Its figures with no
/// source take no credit from the sentence after.
pub fn tells_its_own_source(words: &[Word]) -> bool {
    const TELLS: u16 = cue::STATEMENT | cue::SAY | cue::ACCORDING | cue::COMPILED | cue::EXPECTING;
    words
        .iter()
        .any(|w| w.is_word && CUES.of(w.lower) & TELLS != 0)
}

/// Which of a sentence's sources (in text order) a figure whose tokens
/// run from `first` to before `end` takes: the nearest anchored before it, else the nearest after
/// it ("..., the ministry said") unless the sentence's `next` figure (its first token) comes
/// between, whose source it is ("down from 4% and below the 3.1% that forecasters had
/// expected": the forecasters expected the 3.1%). A forecast written right after the figure
/// is its own ("below the 2.7% economists had expected", "the 2.6% analysts forecast").
pub fn source_for(
    words: &[Word],
    sources: &[Source],
    (first, end): (usize, usize),
    next: Option<usize>,
) -> Option<usize> {
    let after = sources.iter().position(|s| s.at >= end);
    // "X recorded 222 cases, the CDC said": a trailing credit speaks for its clause.
    if let Some(k) = after
        && sources[k].trailing
    {
        return Some(k);
    }
    // ... and so is a count written right after it: "far fewer than the 385 names on the
    // FBI's validated list", and the one a relative clause credits: "from the 3,000 the
    // White House cited last week", "the 2.1% that economists had expected".
    let relative = words
        .get(end)
        .is_some_and(|w| matches!(w.lower, "the" | "that" | "which"));
    let credits = cue::EXPECTING | cue::STATEMENT | if relative { cue::SAY } else { 0 };
    if let Some(k) = after
        && CUES.of(words[sources[k].at].lower) & credits != 0
        && sources[k].at - end <= 8
        && words[end..sources[k].at].iter().all(|w| {
            !matches!(
                w.lower,
                "," | ";" | ":" | "." | "(" | ")" | "-" | "\u{2014}"
            )
        })
    {
        return Some(k);
    }
    let before = sources.iter().rposition(|s| s.at < first);
    // The outermost of a chain of nested sources before the figure.
    let before = before.map(|mut k| {
        while k > 0 && sources[k].nested {
            k -= 1;
        }
        k
    });
    let after = after.filter(|&k| next.is_none_or(|n| sources[k].at < n));
    before
        .or(after)
        .or_else(|| sources.iter().position(|s| (first..end).contains(&s.at)))
}

/// A quick test that a sentence may name a body without quoting it: a capitalised body noun
/// ("Agency", "Ministry"), a body noun closing an aside ("Frontex, the EU's border agency,")
/// or one inside the sentence ("The UN refugee agency runs camps").
pub fn may_name_body(sentence: &str) -> bool {
    static HINT: LazyLock<AhoCorasick> = LazyLock::new(|| {
        let nouns = BODIES.words();
        let capitalised = nouns.iter().map(|w| {
            let mut c = w.to_string();
            c[..1].make_ascii_uppercase();
            c
        });
        let aside = nouns.iter().map(|w| format!("{w},"));
        let described = nouns.iter().map(|w| format!(" {w} "));
        let patterns: Vec<String> = capitalised.chain(aside).chain(described).collect();
        // Asked of every sentence with a figure: the DFA is the fastest automaton to run.
        AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(patterns)
            .expect("body nouns")
    });
    HINT.is_match(sentence)
}

/// The bodies a sentence names, whatever it says of them: a run of capitalised words with a
/// body noun among them ("The Centers for Disease Control and Prevention updates its tally",
/// "Officials at the National Interagency Fire Center"), or a name a body noun describes in
/// the aside after it ("Frontex, the EU's border agency, has"), or a name with lower-case words
/// up to a body noun ("The UN refugee agency runs camps"). "The agency" or "the center"
/// in a later sentence stands for them.
pub fn bodies_named(words: &[Word]) -> Vec<String> {
    let name_word = |w: &Word| w.is_word && capitalized(w.text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !name_word(&words[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        loop {
            if end < words.len() && name_word(&words[end]) {
                end += 1;
            } else if end + 1 < words.len()
                && matches!(words[end].lower, "of" | "for" | "and" | "on")
                && name_word(&words[end + 1])
            {
                end += 2;
            } else {
                break;
            }
        }
        // "The UN refugee agency runs camps": lower-case words up to a body noun after a name.
        if let Some(k) = words[end..]
            .iter()
            .take(3)
            .take_while(|w| w.is_word && !capitalized(w.text))
            .position(|w| BODIES.contains(w.lower))
            .filter(|&k| words[end..end + k].iter().all(|w| CLASSES.of(w.lower) == 0))
        {
            end += k + 1;
        }
        let run = &words[start..end];
        let described = || {
            // "Frontex, the EU's border agency,": a body noun ends the aside after the name.
            let aside = words.get(end..)?;
            let (comma, rest) = aside.split_first()?;
            let close = rest.iter().take(8).position(|w| w.lower == ",")?;
            (comma.lower == ","
                && matches!(rest.first()?.lower, "the" | "a" | "an")
                && close > 0
                && BODIES.contains(rest[close - 1].lower))
            .then_some(end + 1 + close)
        };
        let aside = described();
        // "County Manager Ann Reyes" is a person, though "County" is a body's noun.
        let titled = run.iter().any(|w| PERSON_TITLES.contains(w.lower));
        if (run.iter().any(|w| BODIES.contains(w.lower)) && !titled) || aside.is_some() {
            // A name: "The agency" opening a sentence is a reference, not one.
            let name = tidy(run).filter(|n| !names_no_one(n) && n.split(' ').any(capitalized));
            out.extend(name);
        }
        // The aside describes the name before it; it names no other body.
        i = aside.map_or(end, |close| close + 1);
    }
    out
}

/// The sources a document has named so far, to resolve "he", "it" and "the agency" to.
#[derive(Default)]
pub struct NamedSoFar {
    names: Vec<String>,
    /// Names known to be bodies though no body noun is in them ("Frontex, the border agency").
    bodies: Vec<String>,
}

impl NamedSoFar {
    /// `name` becomes the last one named; a name noted before is moved there, not copied.
    pub fn note(&mut self, name: &str) {
        match self.names.iter().position(|n| n == name) {
            Some(k) => self.names[k..].rotate_left(1),
            None => self.names.push(name.to_string()),
        }
    }

    /// A body named without a statement ([`bodies_named`]) becomes the last one named.
    pub fn note_body(&mut self, name: &str) {
        self.note(name);
        if !self.bodies.iter().any(|b| b == name) {
            self.bodies.push(name.to_string());
        }
    }

    /// "fire officials", "health authorities": the last name with the qualifier's word ("Cal
    /// Fire", "Department of Public Health"), when `name` is a lower-case qualifier and a
    /// group of officials.
    pub fn officials_of(&self, name: &str) -> Option<&str> {
        let (qualifier, group) = name.rsplit_once(' ')?;
        if !matches!(group, "officials" | "authorities")
            || qualifier.contains(' ')
            || qualifier.chars().any(char::is_uppercase)
        {
            return None;
        }
        self.names
            .iter()
            .rev()
            .find(|n| {
                n.split([' ', '-'])
                    .any(|w| w.eq_ignore_ascii_case(qualifier))
            })
            .map(String::as_str)
    }

    /// The name a reference stands for: a person for "he"/"she" (two or more capitalised words,
    /// no institution noun or acronym among them), a body for "it"/"the agency" (one with an
    /// institution noun or an acronym), else the last one named.
    pub fn resolve<'a>(&'a self, refers: &'a Speaker) -> Option<&'a str> {
        // "UN spokesman Stephane Dujarric" is a person, though an acronym is in the name.
        let titled = |n: &String| {
            n.split([' ', '-'])
                .any(|w| PERSON_TITLES.contains_ignoring_ascii_case(w))
        };
        let is_body = |n: &&String| {
            self.bodies.contains(n)
                || (!titled(n)
                    && n.split([' ', '-']).any(|w| {
                        BODIES.contains_ignoring_ascii_case(w) || {
                            // "(CDC)" in a body's name: an acronym in brackets.
                            let w = w.trim_matches(['(', ')']);
                            w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase())
                        }
                    }))
        };
        let last = self.names.last();
        let found = match refers {
            Speaker::Named(_) => return None,
            Speaker::Last => last,
            Speaker::Body(Some(noun)) => {
                // "the ministry": the last name with that noun ("the health ministry"); a noun of
                // no particular kind ("the agency") stands for the last body named; any other
                // ("the company", "the county") for itself when no name has it.
                let has_noun =
                    |n: &&String| n.split([' ', '-']).any(|w| w.eq_ignore_ascii_case(noun));
                let found = self.names.iter().rev().find(has_noun);
                let found = found.or_else(|| {
                    ANY_BODY
                        .contains_ignoring_ascii_case(noun)
                        .then(|| self.names.iter().rev().find(is_body).or(last))
                        .flatten()
                });
                return Some(found.map_or(noun.as_str(), String::as_str));
            }
            Speaker::Body(None) => self.names.iter().rev().find(is_body).or(last),
            Speaker::Person => self
                .names
                .iter()
                .rev()
                .find(|n| !is_body(n) && n.split(' ').filter(|w| capitalized(w)).count() >= 2)
                // "he" or "she" is one person, not the economists who expected a figure.
                .or(last.filter(|n| !is_body(n) && !names_forecasters(n))),
            Speaker::Titled(title) => {
                let has_title =
                    |n: &&String| n.split([' ', '-']).any(|w| w.eq_ignore_ascii_case(title));
                let person = |n: &&String| {
                    !is_body(n) && n.split(' ').filter(|w| capitalized(w)).count() >= 2
                };
                // Else the person named last, if no one was named after them.
                let found = self.names.iter().rev().find(has_title);
                let found = found.or_else(|| last.filter(person));
                return Some(found.map_or(title.as_str(), String::as_str));
            }
        };
        found.map(String::as_str)
    }
}

/// `words` without a leading time ("On Saturday the regional office", "Late on Friday the
/// county", "Hours later the Pentagon", "Meanwhile the ministry"): when, not who.
fn after_time<'w, 'a>(words: &'w [Word<'a>]) -> &'w [Word<'a>] {
    // Words that say when, and words that measure the time before one ("a few hours later").
    const WHEN: &[&str] = &[
        "later",
        "earlier",
        "meanwhile",
        "then",
        "now",
        "afterwards",
        "separately",
        "overnight",
        "today",
        "yesterday",
    ];
    const SPAN: &[&str] = &[
        "a", "few", "minutes", "hours", "days", "weeks", "moments", "shortly",
    ];
    let adverbs = words
        .iter()
        .take_while(|w| WHEN.contains(&w.lower) || SPAN.contains(&w.lower))
        .count();
    let when = words[..adverbs].iter().any(|w| WHEN.contains(&w.lower));
    let words = if when { &words[adverbs..] } else { words };
    let lead = words
        .iter()
        .take_while(|w| {
            matches!(
                w.lower,
                "on" | "in" | "by" | "at" | "late" | "early" | "last" | "this"
            ) || is_date_word(w.text)
                || PERIOD_NOUNS.contains(&w.lower)
        })
        .count();
    // "Last week", "this morning", "On Friday": a lead that names a day or a period.
    let names_when = |w: &Word| is_date_word(w.text) || PERIOD_NOUNS.contains(&w.lower);
    match words[..lead].iter().any(names_when) {
        true => &words[lead..],
        false => words,
    }
}

/// How many tokens before token `k` say when, between a subject and its verb: "on Monday",
/// "late Thursday", "on Oct. 4", "last week", "earlier this month"; 0 when none do.
fn time_before(words: &[Word], k: usize) -> usize {
    let mut j = k;
    let mut named = false;
    while j > 0 {
        let w = &words[j - 1];
        // The point of "Oct." is a token of its own.
        let abbreviation = w.lower == "." && j >= 2 && is_date_word(words[j - 2].text);
        if w.is_word && (is_date_word(w.text) || PERIOD_NOUNS.contains(&w.lower)) {
            named = true;
        } else if !(abbreviation
            || !w.text.is_empty() && w.text.bytes().all(|b| b.is_ascii_digit())
            || w.is_word && matches!(w.lower, "this" | "last" | "late" | "early"))
        {
            break;
        }
        j -= 1;
    }
    if !named {
        return 0;
    }
    // The preposition that opens it ("on Monday", "in March"), or a word that makes it a time
    // ("late Friday", "last week"), or a weekday alone ("The ministry Monday said"); a date
    // alone may end a subject ("The report dated Feb. 21 estimates").
    if j > 0 && matches!(words[j - 1].lower, "on" | "in" | "earlier" | "later") {
        return k - j + 1;
    }
    let opened = matches!(words[j].lower, "this" | "last" | "late" | "early");
    let weekday = k - j == 1 && super::dates::weekday(words[j].text).is_some();
    if opened || weekday { k - j } else { 0 }
}

/// The periods "last", "this" or "early" pick out: "Last week the agency", "This morning the
/// county".
const PERIOD_NOUNS: &[&str] = &[
    "week",
    "weekend",
    "month",
    "year",
    "night",
    "morning",
    "afternoon",
    "evening",
];

/// A weekday or month name: "on Friday" in a subject is when, not who.
fn is_date_word(w: &str) -> bool {
    super::dates::weekday(w).is_some() || super::dates::month(w).is_some()
}

/// A pronoun, a day, a month's possessive or a count ("Three" in "Three officials said"):
/// words that stand where a name would but name no one.
fn names_no_one(name: &str) -> bool {
    // "September's figures": a month's possessive is when ("May" alone may be a person).
    let month_of = name
        .strip_suffix("'s")
        .or_else(|| name.strip_suffix("\u{2019}s"))
        .is_some_and(|m| super::dates::month(m).is_some());
    is_any(
        name,
        &[
            "he", "she", "they", "it", "we", "i", "that", "this", "these", "those", "which",
        ],
    ) || super::dates::weekday(name).is_some()
        // "The country has confirmed 2,024 deaths": where, not who said so (in lower case:
        // "Nation Media Group" is a name).
        || matches!(name, "country" | "nation" | "region" | "territory" | "island")
        || month_of
        || super::numbers::small_number(&name.to_ascii_lowercase()).is_some()
}

/// Expands a short name ("Rutte") to its fullest form earlier in the document
/// ("NATO Secretary-General Mark Rutte"): the capitalised run that ends with it.
pub fn expand_name(short: &str, earlier: &str) -> Option<String> {
    if short.contains(' ') || short.len() < 3 || !capitalized(short) {
        return None;
    }
    let mut best: Option<String> = None;
    // `earlier.match_indices(short)` (non-overlapping, left to right), found by the
    // vectorized search: the earlier text may be most of a long document.
    for pos in memchr::memmem::find_iter(earlier.as_bytes(), short.as_bytes()) {
        let end = pos + short.len();
        if earlier[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let before = &earlier[..pos];
        // The capitalised words before it, through "of", "for" and "and" inside a name
        // ("Department of Public Health").
        let mut words: Vec<&str> = before
            .split([' ', '\n', '\t'])
            .rev()
            .skip(1)
            .take_while(|w| {
                !w.is_empty()
                    && (capitalized(w) || matches!(*w, "of" | "for" | "and"))
                    && !w.ends_with(['.', ',', ':', ';'])
            })
            .collect();
        // No connector or sentence-initial article at the start: "The County Department of".
        while words
            .last()
            .is_some_and(|w| !capitalized(w) || matches!(*w, "The" | "A" | "An"))
        {
            words.pop();
        }
        words.reverse();
        if words.is_empty() {
            continue;
        }
        // "the National Emergency Management Agency (NEMA)": the name the acronym stands for.
        let full = if before.ends_with('(') && earlier[end..].starts_with(')') {
            words.join(" ")
        } else {
            format!("{} {}", words.join(" "), short)
        };
        if best.as_ref().is_none_or(|b| full.len() > b.len()) {
            best = Some(full);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::context::test_ctx;
    use crate::model::Document;

    /// A speaker written for comparison: the name, or what a reference points to.
    fn shown(s: &Speaker) -> String {
        match s {
            Speaker::Named(n) => n.clone(),
            Speaker::Person => "<person>".into(),
            Speaker::Body(noun) => format!("<body {}>", noun.as_deref().unwrap_or("-")),
            Speaker::Last => "<last>".into(),
            Speaker::Titled(title) => format!("<titled {title}>"),
        }
    }

    /// Every source of a sentence, as tokenized for extraction.
    fn sources(text: &str) -> Vec<String> {
        let mut lower = String::new();
        let ctx = test_ctx(text, &mut lower);
        sources_in(ctx.words())
            .iter()
            .map(|s| shown(&s.speaker))
            .collect()
    }

    /// The first source of a sentence.
    fn source(text: &str) -> Option<String> {
        sources(text).into_iter().next()
    }

    #[test]
    fn source_cases() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "Pentagon estimates reveal 10,000 North Korean troops",
                Some("Pentagon"),
            ),
            (
                "the figure is 10, according to the UN refugee agency",
                Some("UN refugee agency"),
            ),
            (
                "NATO Secretary-General Mark Rutte said 600,000",
                Some("NATO Secretary-General Mark Rutte"),
            ),
            ("Rutte cited devastating Russian losses", Some("Rutte")),
            // A lower-case subject before an aside that opens with a participle; not a clause
            // with a figure before a trailing credit.
            (
                "South Korean lawmakers, briefed by the spy agency, said 100 were killed",
                Some("South Korean lawmakers"),
            ),
            (
                "Two officials, speaking on condition of anonymity, said 300 had arrived",
                Some("officials"),
            ),
            (
                "the state health department, citing hospital records, reported 41 deaths",
                Some("state health department"),
            ),
            (
                "Of those, nearly 600,000 are sheltering in the south, said Juliette Touma",
                Some("Juliette Touma"),
            ),
            // A time between the subject and its verb.
            (
                "The United States on Monday announced a $725 million package",
                Some("United States"),
            ),
            (
                "The ministry late Friday reported 820 deaths",
                Some("<body ministry>"),
            ),
            (
                "The agency on Oct. 4 said 40 people died",
                Some("<body agency>"),
            ),
            (
                "Officials last week estimated 2,000 had fled",
                Some("Officials"),
            ),
            (
                "Austin on Thursday unveiled a $500 million package",
                Some("Austin"),
            ),
            (
                "The ministry Monday reported 40 deaths",
                Some("<body ministry>"),
            ),
            // A date alone ends the subject: no one is named.
            (
                "The report dated Feb. 21 estimates savings of $200,000",
                None,
            ),
            ("Pentagon officials confirmed Monday they", Some("Pentagon")),
            ("it is 5, said Montana in a statement", Some("Montana")),
            ("prices rose 5%", None),
            ("officials said 40 trucks", Some("officials")),
            // Generic nouns after a name go, after a nationality they stay.
            ("US officials said 40", Some("US")),
            ("Ukrainian officials said 40", Some("Ukrainian officials")),
            ("It is 5, said the Pentagon", Some("Pentagon")),
            // A day's or month's name names no one.
            ("Monday's update showed 12,000 cases", None),
            ("September's figures showed 4.1%", None),
            // Not the thing stated, after a comma.
            ("It rose to 40, the figures showed", None),
            ("That brought the number of arrivals to 22,000", None),
            ("The median forecast was for a 0.2% gain", None),
            (
                "On Saturday the regional office reported 38 deaths",
                Some("regional office"),
            ),
            // Abbreviations keep their periods; a sentence's full stop goes.
            (
                "The U.S. Geological Survey said 40 aftershocks",
                Some("U.S. Geological Survey"),
            ),
            (
                "40 were hurt, said Gov. Josh Green",
                Some("Gov. Josh Green"),
            ),
            (
                "the toll is 40, according to the U.N. agency",
                Some("U.N. agency"),
            ),
            (
                "800 crossed on Sunday, according to Home Office figures.",
                Some("Home Office"),
            ),
            // A lower-case body after a nationality is part of the name.
            (
                "Figures released by the Greek coast guard show 300 rescued",
                Some("Greek coast guard"),
            ),
            (
                "Data published by the French coastguard suggest 12 died",
                Some("French coastguard"),
            ),
            ("Police publish names of 212 victims", Some("Police")),
            // Publishers after "by" or "from" a statement noun, and ", per the" a title.
            (
                "According to figures from the interior ministry, 1,200 were held",
                Some("interior ministry"),
            ),
            (
                "Governor Ana Lopez was quoted by local media as saying 412 people had died",
                Some("Governor Ana Lopez"),
            ),
            (
                "That figure, from the health ministry, includes 60 children",
                Some("health ministry"),
            ),
            (
                "The government's disaster agency, known as BNPB, said 412 people had died",
                Some("BNPB"),
            ),
            (
                "About 150,000 people were told to leave, according to the sheriff's department.",
                Some("sheriff's department"),
            ),
            // A name written after the body it is ("agency SOPFEU"), not a day.
            (
                "Some 1.5 million hectares burned, according to the province's fire agency \
                 SOPFEU.",
                Some("province's fire agency SOPFEU"),
            ),
            (
                "Some 9,000 were missing, according to the country's disaster agency AFAD on \
                 Tuesday.",
                Some("country's disaster agency AFAD"),
            ),
            (
                "Some 9,000 were missing, according to the state's emergency office Tuesday.",
                Some("state's emergency office"),
            ),
            (
                "According to the coroner's office, 16 people died",
                Some("coroner's office"),
            ),
            (
                "Some 16 people died, according to the state's emergency agency",
                Some("state's emergency agency"),
            ),
            (
                "Some 1,200 were held, according to figures from the interior ministry.",
                Some("interior ministry"),
            ),
            (
                "According to preliminary data from the U.S. Centers for Disease Control, 301 cases",
                Some("U.S. Centers for Disease Control"),
            ),
            (
                "The toll stands at 112, per the county coroner",
                Some("county coroner"),
            ),
            // Which release and whose: the owner alone.
            ("It fell 3.6%, a separate BLS release showed", Some("BLS")),
            (
                "Prices rose 1.3%, the Labor Department's report showed",
                Some("Labor Department"),
            ),
            ("The latest CDC update put it at 40", Some("CDC")),
            // Whose consensus or poll forecast it.
            ("the Dow Jones consensus was 7.2%", Some("Dow Jones")),
            ("A Reuters poll of economists put it at 3%", Some("Reuters")),
            ("New Mexico reported three cases", Some("New Mexico")),
            // A word of saying as a plural noun names no one; as a verb it does.
            ("Jobless claims fell to 210,000", None),
            ("Initial claims rose 12,000 last week", None),
            ("Insurance claims for the storm reached $2 billion", None),
            ("Reports of 300 deaths could not be verified", None),
            ("Moscow claims 300 soldiers were killed", Some("Moscow")),
            (
                "The health agency reports 1,200 new cases",
                Some("health agency"),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(source(text).as_deref(), *expected, "{text}");
        }
    }

    /// A subject is found past auxiliaries, asides between commas and lower-case words.
    #[test]
    fn subjects_before_their_verb() {
        let cases: &[(&str, Option<&str>)] = &[
            // A count kept in the present tense, a body's or a person's.
            (
                "The regional health office counts 412 deaths so far",
                Some("regional health office"),
            ),
            (
                "UNICEF records 1,300 children among the dead",
                Some("UNICEF"),
            ),
            (
                "The coast guard tallies about 90 arrivals a day",
                Some("coast guard"),
            ),
            (
                "The civil registry has registered 5,000 births",
                Some("civil registry"),
            ),
            // The same words as nouns are no statement.
            ("Pay grew 7.8%, the most since records began in 2001", None),
            ("The counts rose to 40 on Monday", None),
            ("The country has confirmed 2,024 deaths", None),
            // The release's day between the subject and its verb.
            (
                "Cases reached 45,912, government figures released on Monday show",
                Some("government figures"),
            ),
            (
                "Cases reached 45,912, ministry data published Friday showed",
                Some("ministry data"),
            ),
            (
                "Cases reached 45,912, figures released on Monday show",
                None,
            ),
            ("The nation recorded 40 cases on Friday", None),
            (
                "The group, which combined local records and witness interviews, estimated \
                 that 400 died",
                Some("<body group>"),
            ),
            // Auxiliaries and adverbs between subject and verb.
            (
                "The Chilean navy had confirmed 12 deaths",
                Some("Chilean navy"),
            ),
            (
                "Lisbon's fire service has also reported 40 fires",
                Some("Lisbon's fire service"),
            ),
            (
                "By noon, Chilean officials had counted 300 homes",
                Some("Chilean officials"),
            ),
            // An aside that is not a name: the name before it.
            (
                "Marta Ruiz, who runs the regional relief office, said 80 were missing",
                Some("Marta Ruiz"),
            ),
            (
                "Frontex, the border agency, said on Monday that 900 crossed",
                Some("Frontex"),
            ),
            (
                "The Kenya Red Cross, which has teams in every county, estimated 2,000 homeless",
                Some("Kenya Red Cross"),
            ),
            // A body that sets a rate speaks for it.
            (
                "The central bank held its key rate at 3.25% on Thursday",
                Some("central bank"),
            ),
            (
                "The Bank of Canada had kept rates at 5% since July",
                Some("Bank of Canada"),
            ),
            (
                "Norway's central bank cut interest rates, lowering its policy rate to 4.25%",
                Some("Norway's central bank"),
            ),
            // A local government that keeps a toll is a body, through an aside too.
            (
                "Miyagi prefecture, which was hit hardest, says 21 people are missing",
                Some("Miyagi prefecture"),
            ),
            (
                "The provincial government said 26 people were missing",
                Some("provincial government"),
            ),
            (
                "The municipality, which runs the shelters, said 300 people had registered",
                Some("<body municipality>"),
            ),
            // An aside that is a name is the source.
            (
                "The province's health minister, Omar al-Rashid, said 51 had died",
                Some("Omar al-Rashid"),
            ),
            // Lower-case words in a subject; place phrases without a name dropped.
            (
                "Peruvian police and firefighters in the flooded valley reported 17 deaths",
                Some("Peruvian police and firefighters"),
            ),
            (
                "In the south, the Green Cross mountain rescue team has recorded 9 deaths",
                Some("Green Cross mountain rescue team"),
            ),
            (
                "the regional health department said 44 were ill",
                Some("regional health department"),
            ),
            (
                "Figures published by Eurostat on Tuesday showed 3.1% growth",
                Some("Eurostat"),
            ),
            // A release described but not who made it: no one.
            ("Figures released on Monday showed 3.1% growth", None),
            ("Data published on Friday showed 40 deaths", None),
            ("The latest figures show 40 deaths", None),
            ("The toll stood at 72, according to the latest update", None),
            // Who made it, even only as "official" or "government": credited as written.
            (
                "Some 72 died, according to official figures",
                Some("official figures"),
            ),
            (
                "Some 72 died, according to government figures",
                Some("government figures"),
            ),
            ("Official data show 72 deaths", Some("Official data")),
            ("Data for August showed prices rose 0.3%", None),
            (
                "Doctors in Gaza City said 30 were hurt",
                Some("Doctors in Gaza City"),
            ),
            // A revising verb reports a count.
            (
                "Oaxaca state raised the toll to 12 on Sunday",
                Some("Oaxaca state"),
            ),
            ("Oaxaca state raised $12 million", None),
            // Not statements: passives, infinitives, changes, units, relatives.
            ("51 injuries had been reported by noon", None),
            ("many like to say 10 is enough", None),
            ("Shares of Acme added 15 cents", None),
            ("The payroll report added $4 million", None),
            ("the 128GB found in older phones", None),
            (
                "Boeing which has 9000 engineers in Canada has estimated a shortfall",
                None,
            ),
            ("Their lowest forecast was 61.2 pence", None),
        ];
        for (text, expected) in cases {
            assert_eq!(source(text).as_deref(), *expected, "{text}");
        }
    }

    /// Pronouns and bare institution nouns are references, resolved later.
    #[test]
    fn references_are_kept_for_resolving() {
        let cases: &[(&str, &str)] = &[
            ("he said 40 had died", "<person>"),
            ("She told reporters that 12 were missing", "<person>"),
            ("they reported 9 more", "<last>"),
            ("it said 200 homes burned", "<body ->"),
            ("200 homes burned, the agency said", "<body agency>"),
            // "added" closing a sentence speaks; only a figure after it is a count.
            (
                "Of those, 85 were children, the agency added.",
                "<body agency>",
            ),
            (
                "The harbour saw 30 boats, the ministry added!",
                "<body ministry>",
            ),
            // Adding something to a list or a total is no statement.
            (
                "The count rose to 222 after the town added names to its list, officials said",
                "officials",
            ),
            ("The firm added 300 jobs, the agency said", "<body agency>"),
            (
                "The city added another 40 beds, the ministry said",
                "<body ministry>",
            ),
            ("The ministry added that 30 were hurt", "<body ministry>"),
            ("The bureau's count stood at 17", "<body bureau>"),
            (
                "9 in all, according to the ministry's latest tally",
                "<body ministry>",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(source(text).as_deref(), Some(*expected), "{text}");
        }
    }

    /// Possessives, "according to" with a publisher, and headline credits.
    #[test]
    fn owners_publishers_and_credits() {
        let cases: &[(&str, &str)] = &[
            (
                "The Met Office's provisional data put rainfall at 120 mm",
                "Met Office",
            ),
            ("the WHO's weekly update showed 400 cases", "WHO"),
            (
                "Cal Fire's incident page, updated at 7 a.m., listed 14,021 acres",
                "Cal Fire",
            ),
            (
                "The ministry's daily bulletin gave 212 new cases",
                "<body ministry>",
            ),
            // A lower-case body with the words that say which one is named by them all.
            (
                "The toll rose to 40, the health ministry's latest update showed",
                "health ministry",
            ),
            (
                "the regional health department's daily report listed 12 deaths",
                "regional health department",
            ),
            (
                "the ministry's latest update showed 40 deaths",
                "<body ministry>",
            ),
            (
                "40 died, the ministry of health's latest update showed",
                "ministry of health",
            ),
            // After "said", a title's holder named after the comma.
            (
                "The toll is 40, said the ministry's spokesman, Ashraf al-Qudra",
                "Ashraf al-Qudra",
            ),
            // A named owner's body, before "said" as after "according to".
            (
                "Turkey's disaster agency AFAD said 40 people had died",
                "Turkey's disaster agency AFAD",
            ),
            // A count before the speakers is not part of their name.
            ("Three officials said the toll was 12", "officials"),
            (
                "Two of the firefighters said 40 people were inside",
                "firefighters",
            ),
            ("One in five adults reported symptoms, the CDC said", "CDC"),
            // A leading time is when, not who.
            (
                "Hours later the Pentagon revised its estimate: 8,000 troops were there",
                "Pentagon",
            ),
            ("Later the ministry said 40 people had died", "ministry"),
            ("Last week the agency counted 96 deaths", "agency"),
            (
                "Earlier this month the county reported 12 new cases",
                "county",
            ),
            (
                "This morning the coast guard said 12 were rescued",
                "coast guard",
            ),
            // A count or a study "a" name made states its figures.
            (
                "A Reuters count based on official data shows 1,240 deaths",
                "Reuters",
            ),
            ("An AP tally found 300 schools had closed", "AP"),
            (
                "A BBC analysis of court records puts the number at 70",
                "BBC",
            ),
            // People asked by a poll expect its forecasts, in any tense.
            (
                "Analysts polled by Bloomberg expect growth of 1.8%",
                "Analysts polled by Bloomberg",
            ),
            (
                "Economists surveyed by Reuters predict a rate of 3.2%",
                "Economists surveyed by Reuters",
            ),
            (
                "Meanwhile the coast guard said 12 were rescued",
                "coast guard",
            ),
            (
                "The toll rose to 40, according to Turkey's disaster agency",
                "Turkey's disaster agency",
            ),
            (
                "9 in all, according to Gaza's health ministry",
                "Gaza's health ministry",
            ),
            // Whoever speaks for a body is credited to it.
            (
                "A spokesperson for the health ministry said 40 had died",
                "health ministry",
            ),
            // (A bare body noun refers back, as "the county said" does.)
            (
                "An official with the county said 12 homes burned",
                "<body county>",
            ),
            (
                "Officials at the Red Cross said 300 were treated",
                "Red Cross",
            ),
            // A count's keeper after a participle of supplying it.
            (
                "The figure, provided by the county coroner, stood at 40",
                "county coroner",
            ),
            // The body named in a report's description.
            (
                "It burned 900 homes, according to the latest Cal Fire damage assessment",
                "Cal Fire",
            ),
            (
                "Some 40 fled, according to the most recent UNHCR figures",
                "UNHCR",
            ),
            ("Some 40 fled, according to an AFP count", "AFP"),
            // ... or by a body noun in lower case, after words that date the report.
            (
                "The toll reached 2,400, according to a new health ministry report",
                "health ministry",
            ),
            (
                "The toll reached 2,497, according to an updated ministry statement",
                "<body ministry>",
            ),
            (
                "Some 40 fled, according to the latest health department figures",
                "health department",
            ),
            (
                "Exports fell 3%, according to data released by Statistics Norway",
                "Statistics Norway",
            ),
            ("Forty thousand flee floods - Red Crescent", "Red Crescent"),
            (
                "Toll from landslide passes 70: Nepal police",
                "Nepal police",
            ),
            // Publishers after "from" or "by" a statement noun, and keepers of a count.
            (
                "Data from the Central Statistics Office showed 3.1% growth",
                "Central Statistics Office",
            ),
            (
                "Figures from the interior ministry show 4,100 crossings",
                "interior ministry",
            ),
            ("The count, maintained by Airwars, stood at 310", "Airwars"),
            (
                "a database kept by the Uppsala Conflict Data Program lists 90",
                "Uppsala Conflict Data Program",
            ),
            ("The list, published by the FBI, names 388", "FBI"),
            ("Nearly 40,000 acres have burned, per Cal Fire", "Cal Fire"),
            // The people polled expect, named with the poll.
            (
                "Economists polled by Reuters had forecast a 0.2% rise",
                "Economists polled by Reuters",
            ),
            (
                "Analysts surveyed by the Wall Street Journal expected a 0.3% rise",
                "Analysts surveyed by the Wall Street Journal",
            ),
            (
                "The Office for National Statistics' price index rose 0.3%",
                "Office for National Statistics",
            ),
            // The name before its acronym.
            (
                "The International Organization for Migration (IOM) counted 2,000 arrivals",
                "International Organization for Migration",
            ),
            (
                "The European Central Bank (ECB) said inflation was 2.4%",
                "European Central Bank",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(source(text).as_deref(), Some(*expected), "{text}");
        }
    }

    /// Each figure takes the source anchored nearest before it, or a trailing credit after it.
    #[test]
    fn each_figure_takes_its_own_source() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "The agency Alpha said 40 had died, while the Beta Institute put the toll at 55",
                "55",
                "Beta Institute",
            ),
            (
                "The agency Alpha said 40 had died, while the Beta Institute put the toll at 55",
                "40",
                "agency Alpha",
            ),
            (
                "The country has recorded 222 cases this year, the Gamma Centre said on Friday",
                "222",
                "Gamma Centre",
            ),
            ("About 300 fled, Delta officials said", "300", "Delta"),
            // A credit owned by the subject ("its", "their") closes the clause as any other.
            (
                "The region has confirmed 400 cases, its health department said",
                "400",
                "health department",
            ),
            (
                "The league has counted 12 injuries, their medical staff reported",
                "12",
                "medical staff",
            ),
            // A trailing credit after a quote closed with its comma inside.
            (
                "\"We have counted 230 graves,\" the mayor told reporters",
                "230",
                "<titled mayor>",
            ),
            (
                "\u{201c}Some 90 boats are missing,\u{201d} the harbour master said",
                "90",
                "harbour master",
            ),
            // A short lower-case speaker after a comma, though no institution noun.
            (
                "Some 500 people were rescued overnight, the coast guard said",
                "500",
                "coast guard",
            ),
            (
                "At least 12 boats sank, the fire brigade said on Friday",
                "12",
                "fire brigade",
            ),
            // Broadcasters and aid groups named by what they are.
            (
                "At least 310 people are confirmed dead, state television said",
                "310",
                "state television",
            ),
            (
                "The toll could top 900 by Sunday, aid groups warned",
                "900",
                "aid groups",
            ),
            (
                "Officials have confirmed 24 deaths, the Lagos State emergency agency said",
                "24",
                "Lagos State emergency agency",
            ),
            // The antecedent of "who" expected; "looked for" expects.
            (
                "Both readings matched the consensus of economists surveyed by Bloomberg, who had forecast 6.5% for the year",
                "6.5",
                "economists surveyed by Bloomberg",
            ),
            (
                "Economists surveyed by Bloomberg had looked for 3.4 per cent",
                "3.4",
                "Economists surveyed by Bloomberg",
            ),
            (
                "the 3.1% that forecasters polled by Dow Jones had expected",
                "3.1",
                "forecasters polled by Dow Jones",
            ),
            // A source after a later figure is that one's.
            (
                "The rate was down from 4% in May, the statistics bureau said",
                "4",
                "statistics bureau",
            ),
            // A time before a lower-case subject is when, not who.
            (
                "Early on Monday the regional health department reported 48 new cases",
                "48",
                "regional health department",
            ),
            (
                "Late on Sunday the civil protection office raised its count to 212",
                "212",
                "civil protection office",
            ),
            // The keeper named after a relative clause, or as the body a unit belongs to.
            (
                "The register, which is maintained by the Port Authority, lists 64 ships",
                "64",
                "Port Authority",
            ),
            (
                "The figures, released by the planning team of the Lindqvist Institute, show 19 sites",
                "19",
                "Lindqvist Institute",
            ),
            // Not a trailing credit: a clause of its own after the comma.
            (
                "The Gamma Centre's count showed 14 cases, a number that trails the official tally",
                "14",
                "Gamma Centre",
            ),
            // A forecast right after the figure, with or without "that".
            (
                "Prices rose 2.4%, the bureau said, below the 2.7% economists had expected",
                "2.7",
                "economists",
            ),
            (
                "Prices rose 2.4%, the bureau said, below the 2.6% analysts forecast",
                "2.6",
                "analysts",
            ),
            (
                "Prices rose 2.4%, the bureau said, below the 2.6% analysts forecast",
                "2.4",
                "<body bureau>",
            ),
            // A count's keeper right after the figure.
            (
                "Green said 66 remain missing, far fewer than the 385 names on the FBI's list",
                "385",
                "FBI",
            ),
            (
                "Green said 66 remain missing, far fewer than the 385 names on the FBI's list",
                "66",
                "Green",
            ),
            (
                "The mayor said 40 died, up from the 31 in the county's tally on Monday",
                "31",
                "<body county>",
            ),
            // A relative clause credits its figure.
            (
                "Singh said the estimate had tripled from the 3,000 the White House cited",
                "3,000",
                "White House",
            ),
            (
                "She said prices rose 3%, above the 2 that analysts had predicted",
                "2",
                "analysts",
            ),
            // A figure and a later speaker with no relative clause: the first speaker's.
            (
                "Singh said it was 3,000 and Austin said 5,000",
                "3,000",
                "Singh",
            ),
        ];
        for (text, figure, expected) in cases {
            let mut lower = String::new();
            let ctx = test_ctx(text, &mut lower);
            let found = sources_in(ctx.words());
            let at = ctx.words().iter().position(|w| w.text == *figure);
            let at = at.unwrap_or_else(|| panic!("no {figure} in {text}"));
            let next = ctx.words()[at + 1..]
                .iter()
                .position(|w| w.text.starts_with(|c: char| c.is_ascii_digit()))
                .map(|k| at + 1 + k);
            let k = source_for(ctx.words(), &found, (at, at + 1), next)
                .unwrap_or_else(|| panic!("{text}"));
            assert_eq!(shown(&found[k].speaker), *expected, "{text} / {figure}");
        }
    }

    /// "she" is the person named last, not the White House named after her.
    #[test]
    fn a_pronoun_passes_over_a_house_named_after_the_person() {
        let text = "Deputy press secretary Sabrina Singh said the estimate had tripled from the \
            3,000 the White House cited last week. \"We believe around 10,000 are there,\" \
            she said.";
        let claims = crate::extract::extract(&Document::new("d", text));
        let source_of = |t: &str| {
            claims
                .iter()
                .find(|c| c.text.contains(t))
                .and_then(|c| c.attribution.clone())
        };
        assert_eq!(source_of("3,000").as_deref(), Some("White House"));
        assert_eq!(
            source_of("10,000").as_deref(),
            Some("Deputy press secretary Sabrina Singh")
        );
    }

    /// A reference resolves to the person or body named before it in the document.
    #[test]
    fn references_resolve_through_the_document() {
        let text = "Health Minister Ana Lopes said on Monday that 40 people had died. \
            The National Emergency Agency put the number of homes lost at 1,200.\n\n\
            Later she said the toll had reached 46. The agency said 300 people were still \
            in shelters.";
        let claims = crate::extract::extract(&Document::new("d", text));
        let source_of = |t: &str| {
            claims
                .iter()
                .find(|c| c.text == t)
                .and_then(|c| c.attribution.clone())
        };
        assert_eq!(
            source_of("46").as_deref(),
            Some("Health Minister Ana Lopes")
        );
        assert_eq!(
            source_of("300").as_deref(),
            Some("National Emergency Agency")
        );
        assert_eq!(
            source_of("1,200").as_deref(),
            Some("National Emergency Agency")
        );
        // A county's manager, coroner or commissioner is a person, not the county.
        for title in ["County Manager", "County Coroner", "County Commissioner"] {
            let text = format!(
                "At least 200 people have died, according to a tally by the Daily Courier. \
                 The county accounts for 72 of the deaths, {title} Ann Reyes said. She said \
                 about 600 people were still unaccounted for."
            );
            let claims = crate::extract::extract(&Document::new("d", &text));
            let c = claims.iter().find(|c| c.text == "600").unwrap();
            assert_eq!(
                c.attribution.as_deref(),
                Some(format!("{title} Ann Reyes").as_str()),
                "{text}"
            );
        }
    }

    /// A body named without a verb of saying: a capitalised run with a body noun, or a name
    /// described by one in the aside after it.
    #[test]
    fn bodies_named_without_a_statement() {
        let cases: &[(&str, &[&str])] = &[
            (
                "The Bureau of Labor Statistics revised its method in May",
                &["Bureau of Labor Statistics"],
            ),
            (
                "Crews from the National Park Service and the Red Cross arrived",
                &["National Park Service"],
            ),
            (
                "Vexa, the regional water authority, has rationed supply",
                &["Vexa"],
            ),
            (
                "Lawmakers questioned the Commission on Refugees about its budget",
                &["Commission on Refugees"],
            ),
            (
                "The EU border agency opened an office in Dakar",
                &["EU border agency"],
            ),
            // No body noun, or the aside describes a person: no body.
            ("Maria Santos visited the camp on Tuesday", &[]),
            ("Tom Reyes, the agency's director, visited", &[]),
            ("The agency opened two centres", &[]),
        ];
        for (text, expected) in cases {
            let mut lower = String::new();
            let ctx = test_ctx(text, &mut lower);
            assert_eq!(bodies_named(ctx.words()), *expected, "{text}");
        }
    }

    /// "The agency", "the bureau", "it" and "according to the agency" after a sentence that only
    /// mentions a body stand for that body.
    #[test]
    fn a_body_mentioned_before_is_what_the_agency_stands_for() {
        for (text, figure, body) in [
            (
                "The Bureau of Labor Statistics revised its method in May. The bureau said \
                 the jobless rate rose to 4.4% in June.",
                "4.4",
                "Bureau of Labor Statistics (BLS)",
            ),
            (
                "Vexa, the regional water authority, has rationed supply. According to the \
                 authority, reservoirs are at 31% of capacity.",
                "31",
                "Vexa",
            ),
            (
                "Inspectors from the Food Standards Agency visited 40 farms. The agency found \
                 that 12 had broken the rules.",
                "12",
                "Food Standards Agency",
            ),
        ] {
            let claims = crate::extract::extract(&Document::new("d", text));
            let claim = claims.iter().find(|c| c.text == figure);
            let claim = claim.unwrap_or_else(|| panic!("no {figure} in {text}"));
            assert_eq!(claim.attribution.as_deref(), Some(body), "{text}");
        }
        // "She" is a person: a titled name with an acronym in it, never a body mentioned.
        for (text, figure, person) in [
            (
                "UN spokeswoman Ana Ruiz said 40 sites were open, citing the World Food \
                 Programme. Later she said 52 sites had opened.",
                "52",
                Some("UN spokeswoman Ana Ruiz"),
            ),
            (
                "The EU border agency opened an office in Dakar. She said 14 boats had left.",
                "14",
                None,
            ),
        ] {
            let claims = crate::extract::extract(&Document::new("d", text));
            let claim = claims.iter().find(|c| c.text == figure);
            let claim = claim.unwrap_or_else(|| panic!("no {figure} in {text}"));
            assert_eq!(claim.attribution.as_deref(), person, "{text}");
        }
    }

    /// "the ministry" stands for a name with that noun, "the agency" for any body, and a noun of
    /// another kind no name has stands for itself.
    #[test]
    fn a_body_noun_resolves_to_a_name_of_its_kind() {
        let mut named = NamedSoFar::default();
        for n in [
            "Turkey's health ministry",
            "Jane Ortiz",
            "UNHCR",
            "coastguard",
        ] {
            named.note(n);
        }
        let body = |noun: &str| Speaker::Body(Some(noun.to_string()));
        let cases = [
            ("ministry", "Turkey's health ministry"),
            ("Ministry", "Turkey's health ministry"),
            ("agency", "UNHCR"),
            ("company", "company"),
            ("county", "county"),
        ];
        for (noun, expected) in cases {
            assert_eq!(named.resolve(&body(noun)), Some(expected), "{noun}");
        }
        assert_eq!(named.resolve(&Speaker::Body(None)), Some("UNHCR"));
    }

    /// "the general", "the minister": the last name with that title, else the last person.
    #[test]
    fn a_title_resolves_to_the_person_who_holds_it() {
        let mut named = NamedSoFar::default();
        for n in [
            "UNHCR",
            "Interior Minister Ali Demir",
            "Junta chief Min Aung Hlaing",
        ] {
            named.note(n);
        }
        let titled = |t: &str| Speaker::Titled(t.to_string());
        assert_eq!(
            named.resolve(&titled("minister")),
            Some("Interior Minister Ali Demir")
        );
        assert_eq!(
            named.resolve(&titled("general")),
            Some("Junta chief Min Aung Hlaing")
        );
        assert_eq!(
            source("The general added that 1,000 were hurt").as_deref(),
            Some("<titled general>")
        );
        // Someone named after the last person: the title stands for itself.
        named.note("UNHCR");
        assert_eq!(named.resolve(&titled("mayor")), Some("mayor"));
    }

    #[test]
    fn short_names_expand_to_the_full_title() {
        let earlier = "NATO Secretary-General Mark Rutte voiced grave concerns. Later, more.";
        assert_eq!(
            expand_name("Rutte", earlier).as_deref(),
            Some("NATO Secretary-General Mark Rutte")
        );
        assert_eq!(expand_name("Singh", earlier), None);
        // Through "of" inside the name.
        let earlier = "The Los Angeles County Department of Public Health reported 16 deaths.";
        assert_eq!(
            expand_name("Health", earlier).as_deref(),
            Some("Los Angeles County Department of Public Health")
        );
        // An acronym stands for the name before its parentheses.
        let earlier = "Floods killed 269, the National Emergency Management Agency (NEMA) said.";
        assert_eq!(
            expand_name("NEMA", earlier).as_deref(),
            Some("National Emergency Management Agency")
        );
    }
}
