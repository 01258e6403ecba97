//! Attribution: who states a figure ("Pentagon estimates reveal ...", "..., according to X",
//! "X said", "said X", "X estimated that").

use super::lexicon::WordSet;
use aho_corasick::AhoCorasick;
use std::sync::LazyLock;

/// Verbs of saying and reporting that follow (or precede) a source.
pub(super) static SAY_VERBS: WordSet = WordSet::new(&[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "estimated",
    "estimates",
    "estimate",
    "reported",
    "reports",
    "announced",
    "announces",
    "confirmed",
    "confirms",
    "warned",
    "warns",
    "added",
    "noted",
    "notes",
    "cited",
    "cites",
    "claimed",
    "claims",
    "stated",
    "states",
    "revealed",
    "reveal",
    "reveals",
    "showed",
    "show",
    "shows",
    "wrote",
    "writes",
    "believes",
    "believed",
    "predicted",
    "predicts",
    "projected",
    "projects",
    "counted",
    "recorded",
    "tallied",
    "assessed",
    "assesses",
    "indicated",
    "indicates",
    "suggested",
    "suggests",
    "found",
    "finds",
    "put",
    "puts",
    "explained",
    "stressed",
    "insisted",
    "argued",
    "acknowledged",
    "admitted",
    "disclosed",
]);

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
            .build(stems)
            .expect("say-verb stems")
    });
    HINT.find_iter(sentence)
        .any(|m| m.start() == 0 || !sentence.as_bytes()[m.start() - 1].is_ascii_alphabetic())
}

pub fn is_say_verb(w: &str) -> bool {
    SAY_VERBS.contains(w)
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
]);

/// Words a source name does not end with ("Pentagon officials" names the Pentagon).
static GENERIC_TAIL: WordSet = WordSet::new(&[
    "officials",
    "official",
    "estimates",
    "figures",
    "data",
    "report",
    "sources",
    "statement",
    "survey",
    "the",
    "of",
    "and",
    "for",
]);

/// A word of the sentence as written, with whether it is a word (not punctuation or a number).
#[derive(Debug, Clone, Copy)]
pub struct Word<'a> {
    pub text: &'a str,
    /// The text in lower case.
    pub lower: &'a str,
    pub is_word: bool,
}

/// Whether `w` is one of `list` (lower case) in any ASCII case.
fn is_any(w: &str, list: &[&str]) -> bool {
    list.iter().any(|l| w.eq_ignore_ascii_case(l))
}

fn capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn in_name(w: &Word) -> bool {
    w.is_word && (capitalized(w.text) || TITLE_WORDS.contains(w.lower))
}

/// Trims a source phrase (a run of the sentence's words) to its name: no leading "the", no
/// generic trailing nouns. The words' lower-case forms answer the tests without copies.
fn tidy(words: &[Word]) -> Option<String> {
    let mut slice = words;
    while let Some((first, rest)) = slice.split_first() {
        if matches!(first.lower, "the" | "of" | "and" | "for" | "a" | "an") {
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
        if generic || matches!(last.lower, "the" | "of" | "and" | "for") {
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
    // The words joined by spaces, without a Vec of them first.
    let mut name = String::with_capacity(slice.iter().map(|w| w.text.len() + 1).sum());
    for (k, w) in slice.iter().enumerate() {
        if k > 0 {
            name.push(' ');
        }
        name.push_str(w.text);
    }
    // A byte scan first: most names have no spaced hyphen and keep their string.
    if name.as_bytes().windows(3).any(|w| w == b" - ") {
        Some(name.replace(" - ", "-"))
    } else {
        Some(name)
    }
}

/// The source named in a sentence, if any.
pub fn source_in(words: &[Word]) -> Option<String> {
    // "according to X": the name after it, up to punctuation or a lower-case non-title word.
    if let Some(i) = words
        .windows(2)
        .position(|p| p[0].lower == "according" && p[1].lower == "to")
    {
        let after = &words[i + 2..];
        let names = after.iter().take_while(|w| in_name(w)).count();
        if let Some(name) = tidy(&after[..names]) {
            return Some(name);
        }
        // "according to a motoring association", "according to tanker-tracking data compiled
        // by ...": a lower-case source, up to a participle or a preposition.
        let phrase: Vec<&str> = after
            .iter()
            .skip_while(|w| matches!(w.lower, "a" | "an" | "the"))
            .take_while(|w| {
                w.is_word
                    && !(w.lower.len() > 4 && w.lower.ends_with("ed"))
                    && !matches!(
                        w.lower,
                        "by" | "in"
                            | "on"
                            | "at"
                            | "for"
                            | "from"
                            | "and"
                            | "which"
                            | "that"
                            | "who"
                    )
            })
            .take(5)
            .map(|w| w.text)
            .collect();
        if !phrase.is_empty() {
            return Some(phrase.join(" "));
        }
    }
    for (i, l) in words.iter().map(|w| w.lower).enumerate() {
        // "The United States said": a verb is written in lower case. (Punctuation and words
        // of one or two letters, a third of the tokens, are no verb: turned away first.)
        if l.len() < 3 || !SAY_VERBS.contains(l) || words[i].text.starts_with(char::is_uppercase) {
            continue;
        }
        // "X said": the name right before the verb (allowing a weekday: "officials confirmed
        // Monday" has it after).
        let mut j = i;
        while j > 0 && in_name(&words[j - 1]) {
            j -= 1;
        }
        if let Some(name) = tidy(&words[j..i])
            && !is_pronoun_or_day(&name)
        {
            return Some(name);
        }
        // ", said X": the name right after the verb.
        let after_clause = i == 0 || matches!(words[i - 1].lower, "," | "\"" | "\u{201d}" | "'");
        if (l == "said" || l == "says" || l == "told") && after_clause {
            let after = &words[i + 1..];
            let names = after.iter().take_while(|w| in_name(w)).count();
            if let Some(name) = tidy(&after[..names])
                && !is_pronoun_or_day(&name)
            {
                return Some(name);
            }
        }
    }
    None
}

fn is_pronoun_or_day(name: &str) -> bool {
    is_any(name, &["he", "she", "they", "it", "we", "i"]) || super::dates::weekday(name).is_some()
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
        let mut words: Vec<&str> = before
            .split([' ', '\n', '\t'])
            .rev()
            .skip(1)
            .take_while(|w| !w.is_empty() && capitalized(w) && !w.ends_with(['.', ',', ':', ';']))
            .collect();
        words.reverse();
        if words.is_empty() {
            continue;
        }
        let full = format!("{} {}", words.join(" "), short);
        if best.as_ref().is_none_or(|b| full.len() > b.len()) {
            best = Some(full);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks `source_in` over space-separated tokens.
    fn source(text: &str) -> Option<String> {
        let lower: Vec<String> = text.split(' ').map(str::to_lowercase).collect();
        let words: Vec<Word> = text
            .split(' ')
            .zip(&lower)
            .map(|(t, l)| Word {
                text: t,
                lower: l,
                is_word: t.chars().all(|c| c.is_alphabetic() || c == '-'),
            })
            .collect();
        source_in(&words)
    }

    #[test]
    fn source_cases() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "Pentagon estimates reveal 10,000 North Korean troops",
                Some("Pentagon"),
            ),
            (
                "the figure is 10 , according to the UN refugee agency",
                Some("UN refugee agency"),
            ),
            (
                "NATO Secretary-General Mark Rutte said 600,000",
                Some("NATO Secretary-General Mark Rutte"),
            ),
            ("Rutte cited devastating Russian losses", Some("Rutte")),
            ("Pentagon officials confirmed Monday they", Some("Pentagon")),
            ("it is 5 , said Montana in a statement", Some("Montana")),
            ("he said it rose", None),
            ("prices rose 5 %", None),
            ("officials said 40 trucks", Some("officials")),
            // Generic nouns after a name go, after a nationality they stay.
            ("US officials said 40", Some("US")),
            ("Ukrainian officials said 40", Some("Ukrainian officials")),
            ("the ministry of defence said 40", None),
            ("It is 5 , said the Pentagon", Some("Pentagon")),
        ];
        for (text, expected) in cases {
            assert_eq!(source(text).as_deref(), *expected, "{text}");
        }
    }

    #[test]
    fn short_names_expand_to_the_full_title() {
        let earlier = "NATO Secretary-General Mark Rutte voiced grave concerns. Later, more.";
        assert_eq!(
            expand_name("Rutte", earlier).as_deref(),
            Some("NATO Secretary-General Mark Rutte")
        );
        assert_eq!(expand_name("Singh", earlier), None);
    }
}
