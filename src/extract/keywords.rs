//! The concept as it is reported: its content words only, the convention of the NewsQuant
//! benchmark and of the quantity extractors it scores. "the height of the old stone
//! lighthouse" is reported as "height old stone lighthouse", "London's blue chip index" as
//! "London blue chip index". The words carry the meaning, keys compare better without the
//! function words, and the claim's sentence keeps the wording.
//!
//! A part of the concept that only repeats the unit is dropped: "Waymo, jobs" for "400 jobs"
//! becomes "Waymo" (the unit says "jobs"), and a concept that is nothing but the unit
//! ("4,000 people" -> "people") becomes none.

use super::lexicon::WordSet;
use super::units::singular;

/// `concept` reported as content words, parts separated by ", " as before; `None` when nothing
/// is left beyond the unit (`unit` as written, `unit_normalized` its singular). Most concepts
/// are reported as they are, or cut short, and keep their string.
pub fn key_words(
    mut concept: String,
    unit: Option<&str>,
    unit_normalized: Option<&str>,
) -> Option<String> {
    match reported(&concept, unit, unit_normalized)? {
        Reported::Prefix(len) => {
            concept.truncate(len);
            Some(concept)
        }
        Reported::Own(out) => Some(out),
    }
}

/// The reported words: a prefix of the concept, or a string of their own.
enum Reported {
    Prefix(usize),
    Own(String),
}

/// The reported words as they are written: while they are the concept's own first `len`
/// bytes no string is built.
struct Out<'a> {
    src: &'a str,
    len: usize,
    own: Option<String>,
}

impl Out<'_> {
    fn len(&self) -> usize {
        self.own.as_ref().map_or(self.len, String::len)
    }

    fn push(&mut self, piece: &str) {
        match &mut self.own {
            Some(out) => out.push_str(piece),
            None if self.src.as_bytes()[self.len..].starts_with(piece.as_bytes()) => {
                self.len += piece.len();
            }
            None => {
                let mut out = String::with_capacity(self.src.len());
                out.push_str(&self.src[..self.len]);
                out.push_str(piece);
                self.own = Some(out);
            }
        }
    }

    fn truncate(&mut self, len: usize) {
        match &mut self.own {
            Some(out) => out.truncate(len),
            None => self.len = len,
        }
    }

    fn since(&self, start: usize) -> &str {
        match &self.own {
            Some(out) => &out[start..],
            None => &self.src[start..self.len],
        }
    }
}

fn reported(concept: &str, unit: Option<&str>, unit_normalized: Option<&str>) -> Option<Reported> {
    let mut out = Out {
        src: concept,
        len: 0,
        own: None,
    };
    let mut kept_parts = 0;
    let mut rest = concept;
    loop {
        let (part, next) = match split_at_comma(rest) {
            Some((part, next)) => (part, Some(next)),
            None => (rest, None),
        };
        let start = out.len();
        if kept_parts > 0 {
            out.push(", ");
        }
        let words_start = out.len();
        let mut word = |word: &str| {
            let word = without_possessive(word);
            if word.is_empty() || is_function_word(word) {
                return;
            }
            if out.len() > words_start {
                out.push(" ");
            }
            out.push(word);
        };
        for_each_word(part, &mut word);
        let words = out.since(words_start);
        if words.is_empty() || names_unit(words, unit, unit_normalized) {
            out.truncate(start);
        } else {
            kept_parts += 1;
        }
        match next {
            Some(next) => rest = next,
            None => break,
        }
    }
    if kept_parts == 0 {
        return None;
    }
    Some(match out.own {
        Some(own) => Reported::Own(own),
        None => Reported::Prefix(out.len),
    })
}

/// The words of `s` between whitespace, as `split_whitespace` gives them, each passed to `f`.
/// ASCII text, nearly every concept, is split by a byte test instead of char by char.
fn for_each_word<'a>(s: &'a str, mut f: impl FnMut(&'a str)) {
    if !s.is_ascii() {
        s.split_whitespace().for_each(f);
        return;
    }
    // The ASCII characters of Unicode's White_Space: tab, line feed, vertical tab, form feed,
    // carriage return and space.
    let space = |b: u8| matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ');
    let mut start = None;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        match (space(b), start) {
            (true, Some(a)) => {
                f(&s[a..i]);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(a) = start {
        f(&s[a..]);
    }
}

/// "London's" -> "London", "workers'" -> "workers".
fn without_possessive(word: &str) -> &str {
    // Every suffix ends with "s", "'" or the last byte of "\u{2019}": other words are kept at
    // once.
    if !matches!(word.as_bytes().last(), Some(b's' | b'\'' | 0x99)) {
        return word;
    }
    for suffix in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if let Some(stem) = word.strip_suffix(suffix)
            && !stem.is_empty()
        {
            return stem;
        }
    }
    word
}

/// Articles, prepositions, "and", possessive and demonstrative determiners: the words a
/// concept is reported without. "or" stays: "killed or wounded" is not "killed and wounded".
static FUNCTION_WORDS: WordSet = WordSet::new(&[
    "a", "an", "the", "and", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with",
    "into", "onto", "over", "under", "about", "across", "within", "without", "between", "among",
    "through", "during", "via", "per", "as", "than", "its", "their", "his", "her", "our", "your",
    "my", "this", "that", "these", "those", "which", "who", "whose",
]);

/// Whether `word` is one of [`FUNCTION_WORDS`], in any ASCII case.
pub fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.contains_ignoring_ascii_case(word)
}

/// `s` split at its first ", " ("Acme (ACM), employees" -> "Acme (ACM)", "employees"), by a byte scan:
/// no substring searcher is set up for these short strings.
pub fn split_at_comma(s: &str) -> Option<(&str, &str)> {
    let i = s.as_bytes().windows(2).position(|w| w == b", ")?;
    Some((&s[..i], &s[i + 2..]))
}

/// Whether `words` say no more than the unit: "jobs" for "jobs", "degrees" for "degree".
fn names_unit(words: &str, unit: Option<&str>, unit_normalized: Option<&str>) -> bool {
    unit.is_some_and(|u| u.eq_ignore_ascii_case(words))
        || unit_normalized.is_some_and(|u| {
            !words.contains(' ')
                && may_be_singular(words, u)
                && singular(words).eq_ignore_ascii_case(u)
        })
}

/// Whether the singular of `word` may be `u`: a singular begins with its plural's first
/// letter, so a word whose ASCII first letter differs is none (a non-ASCII first letter may
/// lower-case to ASCII and is left to `singular`).
fn may_be_singular(word: &str, u: &str) -> bool {
    match (word.as_bytes().first(), u.as_bytes().first()) {
        (Some(w), Some(u)) => !w.is_ascii() || w.eq_ignore_ascii_case(u),
        _ => true,
    }
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
                "height of the old stone lighthouse",
                Some("metres"),
                Some("metre"),
                Some("height old stone lighthouse"),
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
                "Lindqvist, deal with Nordic Press",
                Some("dollars"),
                Some("dollar"),
                Some("Lindqvist, deal Nordic Press"),
            ),
            (
                "Acme (ACM)",
                Some("employees"),
                Some("employee"),
                Some("Acme (ACM)"),
            ),
        ];
        for &(concept, unit, norm, want) in cases {
            assert_eq!(
                key_words(concept.to_string(), unit, norm).as_deref(),
                want,
                "{concept}"
            );
        }
    }

    #[test]
    fn words_split_as_split_whitespace_does() {
        for s in [
            "",
            " ",
            "a",
            "  London's  blue\tchip\nindex ",
            "a\u{0B}b\u{0C}c\rd",
            "caf\u{e9} \u{a0}au\u{2003}lait\u{85}x",
            "x  ",
        ] {
            let mut words = Vec::new();
            for_each_word(s, |w| words.push(w));
            assert_eq!(words, s.split_whitespace().collect::<Vec<_>>(), "{s:?}");
        }
    }

    #[test]
    fn function_words_in_any_case() {
        // The longest ones fit the buffer.
        assert!(is_function_word("Without") && is_function_word("between"));
        assert!(is_function_word("THE") && is_function_word("a") && is_function_word("Whose"));
        assert!(!is_function_word("Theirs") && !is_function_word("withouts"));
        assert!(!is_function_word("or") && !is_function_word("") && !is_function_word("thé"));
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
            (
                "jobs, Waymo  cuts",
                Some("jobs"),
                Some("job"),
                Some("Waymo cuts"),
            ),
            ("Mice", Some("mice"), Some("mouse"), None),
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
            assert_eq!(
                key_words(concept.to_string(), unit, norm).as_deref(),
                want,
                "{concept}"
            );
        }
    }
}
