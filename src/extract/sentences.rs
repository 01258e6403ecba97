//! Sentence and paragraph boundaries, aware of abbreviations ("Oct. 28", "U.S.", "T.R. Reid").

use super::lexicon::WordSet;

/// A sentence: byte span in the document text and the paragraph it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
}

/// The longest sentence read as one; longer runs are cut at spaces.
pub const MAX_SENTENCE: usize = 1_000;

/// Words whose trailing period does not end a sentence.
static ABBREVIATIONS: WordSet = WordSet::new(&[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "sen", "rep",
    "gov", "pres", "st", "mt", "ft", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "no", "nos", "vs", "v", "etc", "e.g", "i.e", "inc", "ltd", "co",
    "corp", "jr", "sr", "a.m", "p.m", "u.s", "u.k", "u.n", "e.u", "approx", "est", "dept", "govt",
    "fig", "vol", "pp", "al",
]);

/// Whether `word` is one of [`ABBREVIATIONS`] in any ASCII case (it runs at every period).
fn is_listed_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.contains_ignoring_ascii_case(word)
}

fn is_abbreviation(word: &str) -> bool {
    is_listed_abbreviation(word)
        // A single capital letter is an initial ("T.R. Reid", "John F. Kennedy").
        || (word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase()))
        // Initials: "T.R", "J.R.R" (capitals at even places, periods between).
        || (word.len() >= 3 && word.len() % 2 == 1 && word.bytes().enumerate().all(|(k, b)| {
            if k % 2 == 0 { b.is_ascii_uppercase() } else { b == b'.' }
        }))
}

/// The dashes that end a dateline, spaced: hyphen, en dash, em dash.
pub const DATELINE_DASHES: [&str; 3] = [" - ", " \u{2013} ", " \u{2014} "];

/// The length of a dateline that opens `sentence`: a place in capitals, perhaps a country, a
/// date and an agency, then a dash ("GAZIANTEP, Turkey - ", "KYIV, Nov 4 (Reuters) - ",
/// "WASHINGTON (AP) \u{2014} "); 0 when there is none.
pub fn dateline_len(sentence: &str) -> usize {
    let place = sentence.split([' ', ',']).next().unwrap_or("");
    let capitals = place.len() >= 3
        && place
            .bytes()
            .all(|b| b.is_ascii_uppercase() || matches!(b, b'-' | b'.' | b'\''));
    if !capitals {
        return 0;
    }
    DATELINE_DASHES
        .iter()
        .filter_map(|dash| sentence.find(dash).map(|at| at + dash.len()))
        .filter(|&end| end <= 80)
        .min()
        .unwrap_or(0)
}

/// Splits `text` into sentences. Line breaks end sentences (headlines, list items); a blank line
/// or a line break after a sentence end starts a new paragraph.
pub fn split(text: &str) -> Vec<Sentence> {
    let bytes = text.as_bytes();
    // About one sentence per 128 bytes of news text: room made once rather than grown.
    let mut out = Vec::with_capacity(text.len() / 128 + 1);
    let mut paragraph = 0;
    let mut start = 0;
    let mut i = 0;
    let push = |out: &mut Vec<Sentence>, s: usize, e: usize, p: usize| {
        // Trimmed one end at a time: `trim` and then `trim_start` read the start twice.
        let from_start = text[s..e].trim_start();
        if from_start.is_empty() {
            return;
        }
        let trimmed_start = e - from_start.len();
        let trimmed_end = trimmed_start + from_start.trim_end().len();
        // A run-on "sentence" (a table, a page without punctuation) is cut into pieces of at
        // most MAX_SENTENCE bytes at spaces, which bounds the work and the text each claim quotes.
        let mut from = trimmed_start;
        while trimmed_end - from > MAX_SENTENCE {
            let mut cut = from + MAX_SENTENCE;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let cut = text[from..cut].rfind(' ').map_or(cut, |sp| from + sp + 1);
            out.push(Sentence {
                start: from,
                end: cut,
                paragraph: p,
            });
            from = cut;
        }
        if trimmed_end > from {
            out.push(Sentence {
                start: from,
                end: trimmed_end,
                paragraph: p,
            });
        }
    };
    // Only line breaks and '.', '!', '?' can end a sentence: jump from one to the next.
    let mut stops = Stops::default();
    while let Some(next) = stops.next(bytes, i) {
        i = next;
        let b = bytes[i];
        if b == b'\n' {
            push(&mut out, start, i, paragraph);
            // A line that ends without closing punctuation and a next line that starts in lower
            // case is a hard-wrapped sentence: keep going.
            let prev = text[start..i].trim_end();
            let next = text[i + 1..].trim_start_matches([' ', '\t']);
            let wrapped = !prev.is_empty()
                && !prev.ends_with(['.', '!', '?', ':', '"', '\u{201D}'])
                && next.chars().next().is_some_and(char::is_lowercase);
            if wrapped {
                while out.last().is_some_and(|s| s.start >= start) {
                    out.pop();
                }
                i += 1;
                continue;
            }
            paragraph += 1;
            start = i + 1;
            i += 1;
            continue;
        }
        if matches!(b, b'.' | b'!' | b'?') {
            // Closing quotes and brackets stay with the sentence.
            let mut end = i + 1;
            while end < bytes.len() && matches!(bytes[end], b'"' | b'\'' | b')') {
                end += 1;
            }
            if text[end..].starts_with('\u{201D}') || text[end..].starts_with('\u{2019}') {
                end += 3;
            }
            let followed_by_space = end < bytes.len() && matches!(bytes[end], b' ' | b'\t');
            if followed_by_space && b == b'.' && !ends_sentence(text, i, end) {
                i += 1;
                continue;
            }
            if followed_by_space || end >= bytes.len() {
                push(&mut out, start, end, paragraph);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push(&mut out, start, text.len(), paragraph);
    out
}

/// Finds the bytes that may end a sentence, remembering the next line break and the next
/// '.', '!' or '?' (the text length where there is none) so that the text is searched once.
#[derive(Default)]
struct Stops {
    newline: Option<usize>,
    punct: Option<usize>,
}

impl Stops {
    /// The first line break, '.', '!' or '?' at or after `from`.
    fn next(&mut self, bytes: &[u8], from: usize) -> Option<usize> {
        let rest = bytes.get(from..)?;
        let end = bytes.len();
        if self.newline.is_none_or(|n| n < from) {
            self.newline = Some(memchr::memchr(b'\n', rest).map_or(end, |p| from + p));
        }
        if self.punct.is_none_or(|p| p < from) {
            self.punct = Some(memchr::memchr3(b'.', b'!', b'?', rest).map_or(end, |p| from + p));
        }
        let next = self.newline.min(self.punct)?;
        (next < end).then_some(next)
    }
}

/// Capitalised words that open sentences and start no name.
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "It",
    "Its",
    "In",
    "On",
    "At",
    "As",
    "For",
    "But",
    "And",
    "He",
    "She",
    "They",
    "We",
    "I",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Some",
    "Many",
    "Most",
    "More",
    "Officials",
    "While",
    "After",
    "Since",
    "When",
    "If",
    "So",
    "Yet",
    "Meanwhile",
    "However",
];

/// Words besides month and weekday names that carry on a clock time written with "a.m." or
/// "p.m.": weekday abbreviations and time zones.
static TIME_GOES_ON: WordSet = WordSet::new(&[
    "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun", "gmt", "utc", "bst", "cet",
    "cest", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "et", "pt", "local",
]);

/// Whether the period at `dot` ends a sentence: not after an abbreviation or an initial, and the
/// next word does not start in lower case or with a digit after an abbreviation-like token.
fn ends_sentence(text: &str, dot: usize, after: usize) -> bool {
    let before = &text[..dot];
    let word_start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    let next = text[after..].trim_start();
    let next_char = next.chars().next();
    // "No. 1", but "he said no."
    if word.eq_ignore_ascii_case("no") {
        return !next_char.is_some_and(|c| c.is_ascii_digit());
    }
    if is_abbreviation(word) {
        // "in the U.S. The next": an abbreviation that closes a sentence before a capital.
        // A country's ("U.S.", "U.K.") also stands before a name it qualifies ("the U.S.
        // Geological Survey", "U.S. officials"): it closes one only before a word that opens
        // sentences ("The", "It", "In").
        let lower = word.to_ascii_lowercase();
        if matches!(lower.as_str(), "u.s" | "u.k" | "u.n" | "e.u") {
            let next_word = next
                .split(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            // "... and the U.S. Thailand's premier said": a possessive opens a sentence too.
            let possessive = next[next_word.len()..].starts_with(['\'', '\u{2019}']);
            return OPENERS.contains(&next_word) || (possessive && !next_word.is_empty());
        }
        let closes = matches!(
            lower.as_str(),
            "etc" | "inc" | "ltd" | "co" | "corp" | "jr" | "sr" | "a.m" | "p.m"
        );
        // "at 7 a.m. Monday", "6 p.m. EST": the time goes on with its day or its zone.
        let clock = matches!(lower.as_str(), "a.m" | "p.m");
        let next_word = next
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        let goes_on = TIME_GOES_ON.contains_ignoring_ascii_case(next_word)
            || super::dates::month(next_word).is_some()
            || super::dates::weekday(next_word).is_some();
        if clock && goes_on {
            return false;
        }
        return closes && next_char.is_some_and(char::is_uppercase);
    }
    !next_char.is_some_and(|c| c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn sentence_cases() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two!", &["One.", "Two!"]),
            // A clock time goes on with its day or zone; it ends a sentence before another word.
            (
                "The page, updated at 7 a.m. Monday, listed 40. Next one.",
                &[
                    "The page, updated at 7 a.m. Monday, listed 40.",
                    "Next one.",
                ],
            ),
            (
                "It closed at 6 p.m. EST on Friday. Crews left.",
                &["It closed at 6 p.m. EST on Friday.", "Crews left."],
            ),
            (
                "Winds peaked at 4 a.m. The fire then grew.",
                &["Winds peaked at 4 a.m.", "The fire then grew."],
            ),
            (
                "We did that on Aug. 14, Reid said. Next one.",
                &["We did that on Aug. 14, Reid said.", "Next one."],
            ),
            (
                "Ford spokesman T.R. Reid told us. Then more.",
                &["Ford spokesman T.R. Reid told us.", "Then more."],
            ),
            (
                "It cost 3.5 million. Later",
                &["It cost 3.5 million.", "Later"],
            ),
            (
                "Headline\nBody text here.",
                &["Headline", "Body text here."],
            ),
            (
                "a line that wraps\nonto the next one.",
                &["a line that wraps\nonto the next one."],
            ),
            (
                "He said \"no.\" Then left.",
                &["He said \"no.\"", "Then left."],
            ),
            ("in the U.S. The next", &["in the U.S.", "The next"]),
            ("sold in the U.K. It rose", &["sold in the U.K.", "It rose"]),
            (
                "The U.S. Geological Survey said so. U.S. officials agreed.",
                &[
                    "The U.S. Geological Survey said so.",
                    "U.S. officials agreed.",
                ],
            ),
            (
                "a U.N. Security Council vote",
                &["a U.N. Security Council vote"],
            ),
            (
                "teams came from the U.S. Japan's envoy said so.",
                &["teams came from the U.S.", "Japan's envoy said so."],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(&sentences(text), expected, "{text}");
        }
    }

    /// The byte test of initials agrees with reading them as one-capital parts between periods.
    #[test]
    fn initials_match_their_parts() {
        const PIECES: &[&str] = &["T", "R", ".", "a", "TR", "\u{c9}"];
        for n in 1..=5u32 {
            for code in 0..PIECES.len().pow(n) {
                let word: String = (0..n)
                    .map(|k| PIECES[code / PIECES.len().pow(k) % PIECES.len()])
                    .collect();
                let by_parts = word.len() >= 3
                    && word
                        .split('.')
                        .all(|p| p.len() == 1 && p.chars().all(|c| c.is_ascii_uppercase()));
                let listed = is_listed_abbreviation(&word);
                let single = word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase());
                assert_eq!(
                    is_abbreviation(&word),
                    listed || single || by_parts,
                    "{word:?}"
                );
            }
        }
    }

    #[test]
    fn run_on_text_is_cut_into_bounded_pieces() {
        let text = "word ".repeat(10_000);
        let pieces = split(&text);
        assert!(pieces.len() >= 25);
        assert!(pieces.iter().all(|s| s.end - s.start <= MAX_SENTENCE));
        assert_eq!(pieces.first().map(|s| s.start), Some(0));
        assert!(pieces.windows(2).all(|w| w[0].end <= w[1].start));
    }

    #[test]
    fn whitespace_only_lines_are_no_sentences() {
        assert_eq!(split("   \n \t \n\n  "), Vec::new());
        assert_eq!(sentences("One.  \n   \nTwo.   "), ["One.", "Two."]);
    }

    #[test]
    fn paragraphs_follow_line_breaks() {
        let text = "One. Two.\n\nThree.";
        let got: Vec<usize> = split(text).iter().map(|s| s.paragraph).collect();
        assert_eq!(got, vec![0, 0, 2]);
    }
}
