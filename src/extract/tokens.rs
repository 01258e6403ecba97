//! Splits a sentence into words, numbers, codes and punctuation, keeping byte spans.
//!
//! Numbers keep their separators ("10,000", "1.2"); a word glued to digits is a code ("F-16",
//! "COVID-19", "G7") unless the letters are a currency prefix ("USD10m", "RM23.50"), and digits glued
//! to letters split into number and unit ("155mph", "45k", "256GB").

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Num,
    /// Letters and digits that name something: "F-16", "COVID-19", "S23", "5G" is not one.
    Code,
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokKind,
    pub start: usize,
    pub end: usize,
    /// Whitespace (or the sentence start) comes right before this token.
    pub space_before: bool,
}

/// Letter prefixes that introduce an amount when glued to digits ("USD10m", "RM2.70", "PS6m").
const CURRENCY_PREFIXES: &[&str] = &[
    "usd", "us", "eur", "gbp", "aud", "cad", "nzd", "sgd", "hkd", "jpy", "cny", "rmb", "inr",
    "chf", "rm", "ps", "rs", "sek", "nok", "dkk", "zar", "brl", "mxn", "krw", "uah", "rub", "egp",
    "ngn", "try", "pln", "huf", "czk", "idr", "php", "thb", "aed", "sar", "ils", "kes",
];

/// Words that a hyphen joins to a following number without making a code ("sub-500", "minus-260").
const HYPHEN_PREFIXES: &[&str] = &[
    "sub", "minus", "plus", "now", "mid", "over", "under", "about", "around", "nearly", "some",
    "top", "post", "pre", "near", "up", "down", "high", "low", "almost", "roughly", "the", "a",
    "to", "from", "and", "or", "by", "per",
];

/// The decimal value of a digit character, ASCII or another script's decimal digit.
pub fn digit_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(c as u32 - '0' as u32);
    }
    // Zero code points of the decimal digit blocks news text meets: Arabic-Indic, extended
    // Arabic-Indic, Devanagari, Bengali, fullwidth, mathematical digits are rare enough to ignore.
    const ZEROS: &[u32] = &[0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0xFF10];
    let cp = c as u32;
    // Every letter, space and punctuation mark of ASCII and Latin text lies below them all.
    if cp < ZEROS[0] {
        return None;
    }
    ZEROS
        .iter()
        .find(|&&zero| (zero..zero + 10).contains(&cp))
        .map(|&zero| cp - zero)
}

/// The value of a fraction written as one character ("½", "¾", "⅓").
pub fn vulgar_fraction(raw: &str) -> Option<f64> {
    Some(match raw {
        "\u{bd}" => 0.5,
        "\u{bc}" => 0.25,
        "\u{be}" => 0.75,
        "\u{2153}" => 1.0 / 3.0,
        "\u{2154}" => 2.0 / 3.0,
        "\u{2155}" => 0.2,
        "\u{2159}" => 1.0 / 6.0,
        "\u{215b}" => 0.125,
        "\u{215c}" => 0.375,
        "\u{215d}" => 0.625,
        "\u{215e}" => 0.875,
        _ => return None,
    })
}

pub fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// Whether `c` may start a number token: a digit or a fraction in one character ("½").
pub fn starts_number(c: char) -> bool {
    is_digit(c) || fraction_char(c)
}

/// Whether `c` is a fraction in one character ("½", "⅓"); ASCII is turned away first.
fn fraction_char(c: char) -> bool {
    !c.is_ascii() && vulgar_fraction(c.encode_utf8(&mut [0; 4])).is_some()
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

/// Spaces that group thousands inside a number ("10 000"): no-break, narrow and thin spaces.
fn is_group_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2009}' | ' ')
}

/// Character access by index: bytes for ASCII text (the common case), decoded chars otherwise.
trait Chars {
    fn len(&self) -> usize;
    /// The character at `i` (`i < len`).
    fn get(&self, i: usize) -> char;
    /// Byte offset of character `i` (the text length at `len`).
    fn off(&self, i: usize) -> usize;
    fn at(&self, i: usize) -> Option<char> {
        (i < self.len()).then(|| self.get(i))
    }
}

struct Ascii<'a>(&'a [u8]);

impl Chars for Ascii<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn get(&self, i: usize) -> char {
        char::from(self.0[i])
    }
    fn off(&self, i: usize) -> usize {
        i
    }
}

struct Decoded {
    chars: Vec<(usize, char)>,
    bytes: usize,
}

impl Chars for Decoded {
    fn len(&self) -> usize {
        self.chars.len()
    }
    fn get(&self, i: usize) -> char {
        self.chars[i].1
    }
    fn off(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.bytes, |&(o, _)| o)
    }
}

/// Tokenizes `s` onto the end of `out`; spans are offsets into `s` plus `base`.
pub fn tokenize(s: &str, base: usize, out: &mut Vec<Token>) {
    if is_ascii(s.as_bytes()) {
        scan_ascii(s.as_bytes(), base, out);
    } else {
        let chars = Decoded {
            chars: s.char_indices().collect(),
            bytes: s.len(),
        };
        scan(&chars, base, out);
    }
}

/// Whether `b` is all ASCII. `str::is_ascii` reads up to 63 bytes at the end of a sentence one
/// by one; here the bytes are or-ed sixteen at a time, the last sixteen read as one more chunk
/// (overlapping the one before), so that there is no tail loop.
pub(super) fn is_ascii(b: &[u8]) -> bool {
    let Some(last) = b.last_chunk::<16>() else {
        return b.is_ascii();
    };
    let (chunks, _) = b.as_chunks::<16>();
    let all = chunks.iter().fold(u128::from_le_bytes(*last), |acc, c| {
        acc | u128::from_le_bytes(*c)
    });
    all & u128::from_le_bytes([0x80; 16]) == 0
}

fn letters(chars: &impl Chars, from: usize, to: usize) -> String {
    (from..to)
        .map(|k| chars.get(k).to_ascii_lowercase())
        .collect()
}

/// Whether `c` separates tokens.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}' || c == '\0'
}

fn scan(chars: &impl Chars, base: usize, out: &mut Vec<Token>) {
    let n = chars.len();
    out.reserve(n / 4 + 1);
    let mut i = 0;
    let mut space_before = true;
    while i < n {
        if is_space(chars.get(i)) {
            space_before = true;
            i += 1;
            continue;
        }
        let (kind, end) = token_at(chars, i);
        out.push(Token {
            kind,
            start: base + chars.off(i),
            end: base + chars.off(end),
            space_before,
        });
        space_before = false;
        i = end;
    }
}

/// What a byte of ASCII text is to [`scan_ascii`]: one table look-up instead of a chain of tests.
mod byte {
    pub const OTHER: u8 = 0;
    /// Separates tokens (see [`super::is_space`]).
    pub const SPACE: u8 = 1;
    pub const LETTER: u8 = 2;
    /// Starts a token that needs the full rules: a digit or '_'.
    pub const DIGIT: u8 = 3;
    /// May join letters to more of a word: '\'', '-', '.', '&'.
    pub const JOINER: u8 = 4;

    /// The class of every byte value; bytes above ASCII never reach the ASCII scanner.
    pub static CLASS: [u8; 256] = {
        let mut class = [OTHER; 256];
        let mut b = 0;
        while b < 128 {
            class[b] = match b as u8 {
                b' ' | b'\t'..=b'\r' | b'\0' => SPACE,
                b'a'..=b'z' | b'A'..=b'Z' => LETTER,
                b'0'..=b'9' | b'_' => DIGIT,
                b'\'' | b'-' | b'.' | b'&' => JOINER,
                _ => OTHER,
            };
            b += 1;
        }
        class
    };
}

/// [`scan`] for ASCII text, with the common tokens read straight from the bytes: a run of
/// letters that ends at a byte no word continues through, and a lone punctuation mark.
fn scan_ascii(b: &[u8], base: usize, out: &mut Vec<Token>) {
    out.reserve(b.len() / 4 + 1);
    let mut i = 0;
    let mut space_before = true;
    while let Some(&c) = b.get(i) {
        let (kind, end) = match byte::CLASS[usize::from(c)] {
            byte::SPACE => {
                space_before = true;
                i += 1;
                continue;
            }
            byte::LETTER => {
                let j = letters_end(b, i + 1);
                let class = |k: usize| b.get(k).map(|&d| byte::CLASS[usize::from(d)]);
                // Inner marks ("don't", "F-16", "U.S", "AT&T"), '_' and digits ("G7") need the
                // full rules; a mark that no letter, digit or '_' follows ends the word
                // ("said.", "weeks' pay").
                match (class(j), class(j + 1)) {
                    (Some(byte::DIGIT), _)
                    | (Some(byte::JOINER), Some(byte::LETTER | byte::DIGIT)) => {
                        token_at(&Ascii(b), i)
                    }
                    _ => (TokKind::Word, j),
                }
            }
            byte::DIGIT => token_at(&Ascii(b), i),
            // ".500", ".001 per cent": the full rules decide whether the point starts a number.
            byte::JOINER if c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                token_at(&Ascii(b), i)
            }
            _ => (TokKind::Punct, i + 1),
        };
        out.push(Token {
            kind,
            start: base + i,
            end: base + end,
            space_before,
        });
        // The commonest gap, one space, skipped here rather than on a turn of the loop.
        space_before = b.get(end) == Some(&b' ');
        i = end + usize::from(space_before);
    }
}

/// The end of the run of ASCII letters from `i` in ASCII text `b`, eight bytes at a time.
#[inline]
pub(super) fn letters_end(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    while let Some(chunk) = b.get(i..).and_then(<[u8]>::first_chunk) {
        // Bytes below 0x80: with the case bit set, a letter is 'a'..='z'. Adding 0x1F sets the
        // high bit from 'a' on, adding 0x05 from '{' on, without carries between bytes.
        let w = u64::from_le_bytes(*chunk) | (ONES * 0x20);
        let not_letter = !((w + ONES * 0x1F) & !(w + ONES * 0x05)) & (ONES * 0x80);
        if not_letter != 0 {
            return i + not_letter.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    b[i..]
        .iter()
        .position(|c| !c.is_ascii_alphabetic())
        .map_or(b.len(), |p| i + p)
}

/// The kind and end (a character index) of the token that starts at character `i`, which is
/// no space.
fn token_at(chars: &impl Chars, mut i: usize) -> (TokKind, usize) {
    let n = chars.len();
    let at = |i: usize| chars.at(i);
    let c = chars.get(i);
    let kind;
    // A point that starts a number (".500", "(.25)") follows a space, a bracket or a sign.
    let leading_point = c == '.'
        && at(i + 1).is_some_and(is_digit)
        && (i == 0 || is_space(chars.get(i - 1)) || matches!(chars.get(i - 1), '(' | '$' | '-'));
    if fraction_char(c) {
        // "½", "¾": a fraction in one character is a number of its own.
        kind = TokKind::Num;
        i += 1;
    } else if is_digit(c) || leading_point {
        // Digits running into letters ("155mph") end here; the letters are the next token.
        i = scan_number(chars, i);
        kind = TokKind::Num;
    } else if is_word_char(c) {
        let mut j = i;
        while j < n {
            let cj = chars.get(j);
            // Most characters of a word are plain letters: nothing more to decide.
            if cj.is_ascii_alphabetic() {
                j += 1;
                continue;
            }
            let inner = matches!(cj, '\'' | '\u{2019}' | '-' | '.' | '&')
                && at(j + 1).is_some_and(|d| is_word_char(d) || (cj == '-' && is_digit(d)))
                && j > i;
            if is_word_char(cj) || inner {
                // A period inside a word only joins single letters ("U.S", "a.m").
                if cj == '.' && (j - i != 1 && chars.get(j - 2) != '.') {
                    break;
                }
                j += 1;
            } else {
                break;
            }
        }
        let mut word_end = j;
        let mut prefix_word = false;
        // "5k-20k", "$3m-4m": a scale suffix glued to digits ends before the hyphen of a range.
        let scale_suffix = i > 0
            && is_digit(chars.get(i - 1))
            && matches!(
                letters(chars, i, j - 1).as_str(),
                "k" | "m" | "bn" | "b" | "mn"
            );
        if chars.get(j - 1) == '-'
            && (scale_suffix || HYPHEN_PREFIXES.contains(&letters(chars, i, j - 1).as_str()))
        {
            word_end = j - 1;
            prefix_word = true;
        }
        // "$A82,000", "$NZ5m": capitals between a dollar sign and digits name its country.
        let dollar_country = i > 0
            && chars.get(i - 1) == '$'
            && word_end - i <= 3
            && (i..word_end).all(|k| chars.get(k).is_ascii_uppercase());
        if !prefix_word && at(j).is_some_and(is_digit) {
            if dollar_country || CURRENCY_PREFIXES.contains(&letters(chars, i, word_end).as_str()) {
                kind = TokKind::Word;
                i = word_end;
            } else {
                // A code: letters and digits with hyphens ("COVID-19", "Su-34s", "V-12").
                while j < n
                    && (chars.get(j).is_alphanumeric()
                        || (chars.get(j) == '-' && at(j + 1).is_some_and(char::is_alphanumeric)))
                {
                    j += 1;
                }
                kind = TokKind::Code;
                i = j;
            }
        } else {
            kind = TokKind::Word;
            i = word_end;
        }
    } else {
        kind = TokKind::Punct;
        i += 1;
    }
    (kind, i)
}

/// Scans a numeral from `i` (a digit): grouped thousands, one decimal part. Returns the end index.
fn scan_number(chars: &impl Chars, mut i: usize) -> usize {
    let n = chars.len();
    let digit_at = |k: usize| k < n && is_digit(chars.get(k));
    let run = |mut k: usize| {
        while digit_at(k) {
            k += 1;
        }
        k
    };
    let first_end = run(i);
    let first_len = first_end - i;
    i = first_end;
    // Indian grouping, in lakhs and crores: "12,34,567", "1,00,00,000" (pairs, then three).
    let group = |k: usize, len: usize| k < n && chars.get(k) == ',' && run(k + 1) == k + 1 + len;
    if (1..=2).contains(&first_len) && group(i, 2) {
        let mut k = i;
        while group(k, 2) {
            k += 3;
        }
        if group(k, 3) {
            i = k + 4;
            if i + 1 < n && chars.get(i) == '.' && digit_at(i + 1) {
                i = run(i + 1);
            }
            return i;
        }
    }
    // Thousands groups: ",000" or "\u{a0}000" (exactly three digits, then no digit).
    loop {
        if i < n && (chars.get(i) == ',' || is_group_space(chars.get(i))) && digit_at(i + 1) {
            let end = run(i + 1);
            let plain_space = chars.get(i) == ' ';
            if end - (i + 1) == 3 && !(plain_space && first_len > 3) {
                // A plain space groups only when the number starts with 1-3 digits and what
                // follows is not another number ("10 000 people", not "2019 100").
                if plain_space
                    && end < n
                    && matches!(chars.get(end), ',' | '.' | ':')
                    && digit_at(end + 1)
                {
                    break;
                }
                i = end;
                continue;
            }
        }
        break;
    }
    if i + 1 < n && chars.get(i) == '.' && digit_at(i + 1) {
        i = run(i + 1);
    }
    exponent_end(chars, i).unwrap_or(i)
}

/// The end of a power of ten written after a numeral's digits ("4e14", "9.83e-3", "1.2E+6"): an
/// 'e', a sign if any and one to three digits that no letter, digit or point follows, so that
/// codes ("3e4a", "5e-3x") stay codes.
fn exponent_end(chars: &impl Chars, i: usize) -> Option<usize> {
    if !matches!(chars.at(i)?, 'e' | 'E') {
        return None;
    }
    let signed = matches!(chars.at(i + 1), Some('-' | '+' | '\u{2212}'));
    let from = i + 1 + usize::from(signed);
    let mut end = from;
    while chars.at(end).is_some_and(|c| c.is_ascii_digit()) {
        end += 1;
    }
    // An unsigned exponent starts with no zero: "%3E01" is an escape in a web address.
    if !signed && chars.at(from) == Some('0') {
        return None;
    }
    let ends = chars.at(end).is_none_or(|c| {
        !(c.is_alphanumeric() || c == '_' || (c == '.' && chars.at(end + 1).is_some_and(is_digit)))
    });
    ((1..=3).contains(&(end - from)) && ends).then_some(end)
}

/// `count` texts of `len` pieces each, drawn from `pieces` by a fixed pseudo-random sequence
/// (`seed`): the same texts on every run, for tests that hold a fast path to a general one.
#[cfg(test)]
pub fn pieced_texts(
    pieces: &'static [&'static str],
    count: usize,
    len: usize,
    mut seed: u64,
) -> impl Iterator<Item = String> {
    (0..count).map(move |_| {
        (0..len)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                pieces[(seed >> 33) as usize % pieces.len()]
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(TokKind, &str)> {
        let mut toks = Vec::new();
        tokenize(s, 0, &mut toks);
        toks.iter().map(|t| (t.kind, &s[t.start..t.end])).collect()
    }

    /// The ASCII scanner's shortcuts change no token: it agrees with the general scanner on
    /// strings of letters, digits and the marks the rules look at.
    #[test]
    fn ascii_scanner_matches_the_general_one() {
        const PIECES: &[&str] = &[
            "a",
            "Z",
            "word",
            "longerwords",
            "x",
            "7",
            "2024",
            "10,000",
            "3.5",
            " ",
            "  ",
            "\t",
            "\n",
            "'",
            "-",
            ".",
            "&",
            "_",
            "/",
            ",",
            "(",
            "@",
            "[",
            "`",
            "{",
            "$",
            "%",
            "\0",
            "F-16",
            "U.S.",
            "USD10m",
            "155mph",
            "sub-500",
            "don't",
            "AT&T",
            ".5",
            "$A82",
            "12,34,567",
            "5k-20k",
            "4e14",
            "9.8e-3",
            "e",
            "E+",
            "%3E01",
        ];
        for s in pieced_texts(PIECES, 2000, 24, 0x9E37_79B9_7F4A_7C15) {
            let (mut fast, mut general) = (Vec::new(), Vec::new());
            scan_ascii(s.as_bytes(), 3, &mut fast);
            scan(&Ascii(s.as_bytes()), 3, &mut general);
            assert_eq!(fast, general, "{s:?}");
        }
    }

    /// The chunked ASCII test agrees with the standard one at every length and position of a
    /// non-ASCII byte.
    #[test]
    fn is_ascii_matches_std() {
        for len in 0..70 {
            let mut b = vec![b'a'; len];
            assert!(is_ascii(&b), "{len}");
            for k in 0..len {
                b[k] = 0xC3;
                assert!(!is_ascii(&b), "{len} {k}");
                b[k] = b'a';
            }
        }
    }

    /// What may start a number: the pre-test that skips sentences without one relies on it.
    #[test]
    fn characters_that_start_numbers() {
        for c in ['0', '7', '\u{0663}', '\u{bd}', '\u{2153}', '\u{be}'] {
            assert!(starts_number(c), "{c}");
        }
        for c in ['a', '.', '\u{b2}', '\u{2070}', '\u{d7}'] {
            assert!(!starts_number(c), "{c}");
        }
    }

    #[test]
    fn tokenizer_cases() {
        use TokKind::*;
        let cases: &[(&str, &[(TokKind, &str)])] = &[
            ("10,000 troops", &[(Num, "10,000"), (Word, "troops")]),
            ("10 000 people", &[(Num, "10 000"), (Word, "people")]),
            (
                "in 2019 100 people",
                &[(Word, "in"), (Num, "2019"), (Num, "100"), (Word, "people")],
            ),
            ("3.5%", &[(Num, "3.5"), (Punct, "%")]),
            ("F-16 jets", &[(Code, "F-16"), (Word, "jets")]),
            ("COVID-19", &[(Code, "COVID-19")]),
            ("G7 leaders", &[(Code, "G7"), (Word, "leaders")]),
            ("155mph", &[(Num, "155"), (Word, "mph")]),
            ("USD10m", &[(Word, "USD"), (Num, "10"), (Word, "m")]),
            (
                "U.S. troops",
                &[(Word, "U.S"), (Punct, "."), (Word, "troops")],
            ),
            (
                "1,2 and 3",
                &[
                    (Num, "1"),
                    (Punct, ","),
                    (Num, "2"),
                    (Word, "and"),
                    (Num, "3"),
                ],
            ),
            ("won't", &[(Word, "won't")]),
            // A scale suffix before a range's hyphen.
            (
                "5k-20k",
                &[
                    (Num, "5"),
                    (Word, "k"),
                    (Punct, "-"),
                    (Num, "20"),
                    (Word, "k"),
                ],
            ),
            ("M-16 rifles", &[(Code, "M-16"), (Word, "rifles")]),
            // Lakhs and crores; pairs without a last three are a list.
            (
                "12,34,567.89 rupees",
                &[(Num, "12,34,567.89"), (Word, "rupees")],
            ),
            ("1,00,00,000", &[(Num, "1,00,00,000")]),
            (
                "1,23,45",
                &[
                    (Num, "1"),
                    (Punct, ","),
                    (Num, "23"),
                    (Punct, ","),
                    (Num, "45"),
                ],
            ),
            // A fraction in one character.
            (
                "2 \u{bd} cups",
                &[(Num, "2"), (Num, "\u{bd}"), (Word, "cups")],
            ),
            // A leading point starts a number after a space, bracket or sign, not after a word.
            (".500 average", &[(Num, ".500"), (Word, "average")]),
            ("(.25)", &[(Punct, "("), (Num, ".25"), (Punct, ")")]),
            ("end.5", &[(Word, "end"), (Punct, "."), (Num, "5")]),
            ("v1.5", &[(Code, "v1"), (Punct, "."), (Num, "5")]),
            // A dollar's country in capitals before the digits; other letters make a code.
            ("$A82,000", &[(Punct, "$"), (Word, "A"), (Num, "82,000")]),
            (
                "$NZ5m",
                &[(Punct, "$"), (Word, "NZ"), (Num, "5"), (Word, "m")],
            ),
            ("A82 road", &[(Code, "A82"), (Word, "road")]),
            ("$abc1", &[(Punct, "$"), (Code, "abc1")]),
            ("\u{0663}\u{0660}", &[(Num, "\u{0663}\u{0660}")]),
            // Powers of ten after 'e'; not when letters or digits go on (a code) nor "E01".
            ("4e14 hertz", &[(Num, "4e14"), (Word, "hertz")]),
            ("9.83e-3,", &[(Num, "9.83e-3"), (Punct, ",")]),
            ("1.2E+6", &[(Num, "1.2E+6")]),
            ("2e\u{2212}5", &[(Num, "2e\u{2212}5")]),
            ("3e4a", &[(Num, "3"), (Code, "e4a")]),
            ("7e1234", &[(Num, "7"), (Code, "e1234")]),
            ("%3E01", &[(Punct, "%"), (Num, "3"), (Code, "E01")]),
            ("5e-", &[(Num, "5"), (Word, "e"), (Punct, "-")]),
        ];
        for (text, expected) in cases {
            assert_eq!(&kinds(text), expected, "{text}");
        }
    }
}
