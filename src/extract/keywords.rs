//! The concept as it is reported: its content words only, the convention of the NewsQuant
//! benchmark and of the quantity extractors it scores. "the length of the main suspension
//! bridge" is reported as "length main suspension bridge", "London's blue chip index" as
//! "London blue chip index". The words carry the meaning, keys compare better without the
//! function words, and the claim's sentence keeps the wording.
//!
//! A part of the concept that only repeats the unit is dropped: "Waymo, jobs" for "400 jobs"
//! becomes "Waymo" (the unit says "jobs"), and a concept that is nothing but the unit
//! ("4,000 people" -> "people") becomes none.

use super::lexicon::WordSet;
use super::units::singular;

/// Articles, prepositions, "and", possessive and demonstrative determiners: the words a
/// concept is reported without. "or" stays: "killed or wounded" is not "killed and wounded".
static FUNCTION_WORDS: WordSet = WordSet::new(&[
    "a", "an", "the", "and", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with",
    "into", "onto", "over", "under", "about", "across", "within", "without", "between", "among",
    "through", "during", "via", "per", "as", "than", "its", "their", "his", "her", "our", "your",
    "my", "this", "that", "these", "those", "which", "who", "whose",
]);

/// `concept` reported as content words, parts separated by ", " as before; `None` when nothing
/// is left beyond the unit (`unit` as written, `unit_normalized` its singular).
pub fn key_words(
    concept: &str,
    unit: Option<&str>,
    unit_normalized: Option<&str>,
) -> Option<String> {
    let mut out = String::with_capacity(concept.len());
    let mut kept_parts = 0;
    for part in concept.split(", ") {
        let start = out.len();
        if kept_parts > 0 {
            out.push_str(", ");
        }
        let words_start = out.len();
        for word in part.split_whitespace() {
            let word = without_possessive(word);
            if word.is_empty() || is_function_word(word) {
                continue;
            }
            if out.len() > words_start {
                out.push(' ');
            }
            out.push_str(word);
        }
        let words = &out[words_start..];
        if words.is_empty() || names_unit(words, unit, unit_normalized) {
            out.truncate(start);
        } else {
            kept_parts += 1;
        }
    }
    if kept_parts == 0 {
        return None;
    }
    Some(out)
}

/// "London's" -> "London", "workers'" -> "workers".
fn without_possessive(word: &str) -> &str {
    for suffix in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if let Some(stem) = word.strip_suffix(suffix)
            && !stem.is_empty()
        {
            return stem;
        }
    }
    word
}

/// Whether `word` is one of the words a concept is reported without ("of", "the", "its").
pub fn is_function_word(word: &str) -> bool {
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        FUNCTION_WORDS.contains(&word.to_ascii_lowercase())
    } else {
        FUNCTION_WORDS.contains(word)
    }
}

/// Whether `words` say no more than the unit: "jobs" for "jobs", "degrees" for "degree".
fn names_unit(words: &str, unit: Option<&str>, unit_normalized: Option<&str>) -> bool {
    unit.is_some_and(|u| u.eq_ignore_ascii_case(words))
        || unit_normalized
            .is_some_and(|u| !words.contains(' ') && singular(words).eq_ignore_ascii_case(u))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (concept, unit, unit_normalized, reported)
    type Case<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);

    #[test]
    fn concepts_are_reported_as_content_words() {
        let cases: &[Case] = &[
            (
                "North Korean troops in eastern Russia",
                Some("troops"),
                Some("troop"),
                Some("North Korean troops eastern Russia"),
            ),
            (
                "length of the main suspension bridge",
                Some("metres"),
                Some("metre"),
                Some("length main suspension bridge"),
            ),
            (
                "London's blue chip index",
                None,
                None,
                Some("London blue chip index"),
            ),
            ("baker\u{2019}s dozen", None, None, Some("baker dozen")),
            ("The workers' pay", None, None, Some("workers pay")),
            (
                "Russian losses, soldiers killed or wounded",
                Some("soldiers"),
                Some("soldier"),
                Some("Russian losses, soldiers killed or wounded"),
            ),
            (
                "McDougal, contract with American Media",
                Some("dollars"),
                Some("dollar"),
                Some("McDougal, contract American Media"),
            ),
            (
                "Ford (F)",
                Some("workers"),
                Some("worker"),
                Some("Ford (F)"),
            ),
        ];
        for &(concept, unit, norm, want) in cases {
            assert_eq!(key_words(concept, unit, norm).as_deref(), want, "{concept}");
        }
    }

    #[test]
    fn parts_that_only_repeat_the_unit_are_dropped() {
        let cases: &[Case] = &[
            ("Waymo, jobs", Some("jobs"), Some("job"), Some("Waymo")),
            ("people", Some("people"), Some("person"), None),
            (
                "squad, players",
                Some("players"),
                Some("player"),
                Some("squad"),
            ),
            (
                "degrees, homer",
                Some("degree"),
                Some("degree"),
                Some("homer"),
            ),
            // More than the unit stays.
            (
                "first-team players",
                Some("players"),
                Some("player"),
                Some("first-team players"),
            ),
            ("the", None, None, None),
        ];
        for &(concept, unit, norm, want) in cases {
            assert_eq!(key_words(concept, unit, norm).as_deref(), want, "{concept}");
        }
    }
}
