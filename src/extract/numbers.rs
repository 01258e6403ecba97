//! Numerals: digits with separators and scale words ("1.2 million", "$5.6bn", "45k"), spelled
//! numbers ("three hundred and fifty", "a dozen", "half a million"), fractions ("1/3",
//! "three-quarters") and vague magnitudes ("tens of thousands").

use super::context::Ctx;
use super::lexicon::{DOWN, UP, WordSet, class};
use super::tokens::{TokKind, digit_value, vulgar_fraction};
use crate::model::Kind;

/// A number found in a sentence, before units and context are attached.
#[derive(Debug, Clone, PartialEq)]
pub struct Numeral {
    pub value: f64,
    /// Range ends for vague magnitudes ("tens of thousands" is 10,000 to 100,000).
    pub range: Option<(f64, f64)>,
    /// Token indices, first and one past the last.
    pub first: usize,
    pub last: usize,
    /// Index of the digits token (for checks on the raw digits), if written in digits.
    pub digits: Option<usize>,
    /// A scale word or suffix was applied ("million", "bn", "k").
    pub scaled: bool,
    /// Spelled out in words.
    pub spelled: bool,
    /// A share of a whole ("two-thirds of", "one in five", "half the"): the value is the
    /// fraction, and it counts nothing.
    pub share: bool,
}

/// Parses digits with thousands separators and one decimal point ("1,456,610", "3.5", "10 000").
pub fn parse_digits(raw: &str) -> Option<f64> {
    if let Some(v) = parse_short(raw) {
        return Some(v);
    }
    if let Some(v) = vulgar_fraction(raw) {
        return Some(v);
    }
    // Anything else ("10 000", other scripts' digits, very long numerals, powers of ten as
    // "9.83e-3"): its digits, point and exponent in ASCII.
    let mut ascii = String::with_capacity(raw.len());
    for c in raw.chars() {
        if let Some(d) = digit_value(c) {
            ascii.push(char::from_digit(d, 10)?);
        } else if matches!(c, '.' | 'e' | 'E' | '-' | '+') {
            ascii.push(c);
        } else if c == '\u{2212}' {
            ascii.push('-');
        }
    }
    let v: f64 = ascii.parse().ok()?;
    // A power of ten past what a float holds ("1e400", "2.5e-400") is no figure.
    let mantissa = ascii.split(['e', 'E']).next().unwrap_or_default();
    let underflow = v == 0.0 && mantissa.bytes().any(|b| (b'1'..=b'9').contains(&b));
    (v.is_finite() && !underflow).then_some(v)
}

/// The usual numeral ("10,000", "3.5", "1,456,610"): ASCII digits with commas and at most one
/// point, at most 15 digits in all. Its digits as an integer and a power of ten are both exact
/// in an `f64`, so one division rounds as the full parser would; `None` for anything else.
fn parse_short(raw: &str) -> Option<f64> {
    const POWERS: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let (mut mantissa, mut digits, mut point) = (0u64, 0, None);
    for b in raw.bytes() {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                digits += 1;
            }
            b',' => {}
            b'.' if point.is_none() => point = Some(digits),
            _ => return None,
        }
        if digits > 15 {
            return None;
        }
    }
    if digits == 0 {
        return None;
    }
    // Both below 2^53 and so exact: the quotient is the correctly rounded value.
    Some(mantissa as f64 / POWERS[point.map_or(0, |p| digits - p)])
}

/// Scale words and suffixes, as written after a number.
pub fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "dozen" | "dozens" => 12.0,
        "hundred" | "hundreds" => 1e2,
        "thousand" | "thousands" | "k" | "K" => 1e3,
        "million" | "millions" | "mn" | "mln" | "mil" | "mio" => 1e6,
        "billion" | "billions" | "bn" | "bln" | "b" => 1e9,
        "trillion" | "trillions" | "tn" | "trn" | "tr" | "tln" => 1e12,
        "lakh" | "lakhs" => 1e5,
        "crore" | "crores" => 1e7,
        _ => return None,
    })
}

fn unit_word(w: &str) -> Option<u64> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    })
}

fn tens_word(w: &str) -> Option<u64> {
    Some(match w {
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// "twenty-eight", "forty", "seven": a number below one hundred written as one word.
pub(super) fn small_number(w: &str) -> Option<u64> {
    if let Some(v) = unit_word(w).or_else(|| tens_word(w)) {
        return Some(v);
    }
    let (tens, unit) = split_hyphen(w)?;
    Some(tens_word(tens)? + unit_word(unit).filter(|&u| (1..10).contains(&u))?)
}

/// `w` split at its first hyphen. Every word of a sentence is tried as a spelled number, and
/// for such short words a plain scan beats `split_once`, which sets up a memchr search.
fn split_hyphen(w: &str) -> Option<(&str, &str)> {
    let at = w.bytes().position(|b| b == b'-')?;
    Some((&w[..at], &w[at + 1..]))
}

/// Denominators of spelled fractions ("three-quarters", "two-thirds", "a fifth").
fn fraction_word(w: &str) -> Option<f64> {
    Some(match w {
        "half" | "halves" => 2.0,
        "third" | "thirds" => 3.0,
        "quarter" | "quarters" | "fourth" | "fourths" => 4.0,
        "fifth" | "fifths" => 5.0,
        "sixth" | "sixths" => 6.0,
        "seventh" | "sevenths" => 7.0,
        "eighth" | "eighths" => 8.0,
        "ninth" | "ninths" => 9.0,
        "tenth" | "tenths" => 10.0,
        "twelfth" | "twelfths" => 12.0,
        "hundredth" | "hundredths" => 100.0,
        "thousandth" | "thousandths" => 1000.0,
        _ => return None,
    })
}

/// A lower-cased word of number text, or "" when the token is not a word.
fn word<'c>(ctx: &'c Ctx, i: usize) -> &'c str {
    if ctx.is_word(i) { ctx.w(i) } else { "" }
}

/// Finds every numeral in a tokenized sentence, in order, as they are asked for: the caller
/// reads each one as it comes, and no list of them is made.
pub fn find_numerals<'c>(ctx: &'c Ctx) -> impl Iterator<Item = Numeral> + 'c {
    let toks = &ctx.toks;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < toks.len() {
            match numeral_at(ctx, i) {
                Some(n) => {
                    i = n.last.max(i + 1);
                    return Some(n);
                }
                None => i += 1,
            }
        }
        None
    })
}

/// The numeral that starts at token `i`, if one does.
#[inline]
pub fn numeral_at(ctx: &Ctx, i: usize) -> Option<Numeral> {
    match ctx.toks.get(i)?.kind {
        TokKind::Num => digits_numeral(ctx, i),
        // Most words start no numeral: their first letters turn them away in this loop.
        TokKind::Word if may_start_numeral(ctx.w(i).as_bytes()) => spelled_numeral(ctx, i),
        _ => None,
    }
}

/// The numeral starting at digits token `i`; out of line like [`spelled_numeral`].
#[inline(never)]
fn digits_numeral(ctx: &Ctx, i: usize) -> Option<Numeral> {
    let toks = &ctx.toks;
    // The token texts the context has sliced already: no slicing of the text here.
    let raw = ctx.raw(i);
    // "1/3": a fraction of two small integers.
    if ctx.w(i + 1) == "/"
        && ctx.glued(i + 1)
        && toks
            .get(i + 2)
            .is_some_and(|d| d.kind == TokKind::Num && !d.space_before)
    {
        let (num, den) = (parse_digits(raw)?, parse_digits(ctx.raw(i + 2))?);
        // Halves to fifths, eighths, tenths ("3/4", "5/8"); others only as a share of something
        // ("1/40 of", "5/12 of"), as "9/11" and "5/12" are dates more often than fractions.
        let share = den <= 100.0 && word(ctx, i + 3) == "of";
        let common = matches!(den as u32, 2..=5 | 8 | 10 | 16 | 100) && den.fract() == 0.0;
        if den > 0.0 && num < den && (common || share) && !raw.contains(['.', ',']) {
            return Some(Numeral {
                value: num / den,
                range: None,
                first: i,
                last: i + 3,
                digits: Some(i),
                scaled: false,
                spelled: false,
                share: false,
            });
        }
    }
    // "km^2": an exponent belongs to its unit.
    if ctx.w(i.wrapping_sub(1)) == "^" && ctx.glued(i) {
        return None;
    }
    let mut value = parse_digits(raw)?;
    let mut last = i + 1;
    let mut scaled = false;
    // "1,2 million", "3,75 billion": a decimal comma, read only before a scale word ("1,2" alone
    // may be a list, "3,750" is a count).
    if ctx.w(i + 1) == ","
        && ctx.glued(i + 1)
        && toks
            .get(i + 2)
            .is_some_and(|d| d.kind == TokKind::Num && !d.space_before)
        && raw.len() <= 3
        && raw.bytes().all(|b| b.is_ascii_digit())
        && (1..=2).contains(&ctx.raw(i + 2).len())
        && ctx.raw(i + 2).bytes().all(|b| b.is_ascii_digit())
        && scale_word(word(ctx, i + 3)).is_some_and(|s| s >= 1e6)
        && let Ok(decimal) = format!("{raw}.{}", ctx.raw(i + 2)).parse::<f64>()
    {
        value = decimal;
        last = i + 3;
    }
    if let Some((value, last)) = times_power(ctx, value, last) {
        return Some(Numeral {
            value,
            range: None,
            first: i,
            last,
            digits: Some(i),
            scaled: true,
            spelled: false,
            share: false,
        });
    }
    // A whole number and a fraction: "10 1/2 miles", "2 ½ cups", "5¼ per cent" (digits after a
    // space or a fraction character, asked first: the float test is a call).
    let vulgar = || vulgar_fraction(ctx.raw(last)).is_some();
    if ctx.kind(last) == Some(TokKind::Num)
        && (!ctx.glued(last) || vulgar())
        && value.fract() == 0.0
        && let Some(f) = numeral_at(ctx, last).filter(|f| f.value < 1.0 && f.digits.is_some())
        && (f.last == f.first + 3 || vulgar())
    {
        return Some(Numeral {
            value: value + f.value,
            first: i,
            ..f
        });
    }
    // A scale word or suffix: "1.2 million", "$5.6bn", "45k", "1.2m". A glued "m" means million
    // in money and counts; the caller reads "37m long" as metres.
    let next = word(ctx, last);
    let glued = toks.get(last).is_some_and(|s| !s.space_before);
    // Apart from the number, an abbreviation is a scale when it can be nothing else ("5 bn"),
    // and a capital "B" or "M" when a plural noun follows ("8 B people", "5 M users").
    let plural_noun = |k: usize| {
        let w = ctx.w(k);
        ctx.is_word(k)
            && ctx.raw(k).starts_with(|c: char| c.is_lowercase())
            && (w.ends_with('s') || w == "people")
            && !ctx.is(k, class::STOPWORD)
            && super::units::unit_after(&[w]).is_none()
    };
    let spaced_abbreviation = matches!(next, "bn" | "mn" | "mln" | "bln" | "trn" | "tn" | "tln")
        || (matches!(ctx.raw(last), "B" | "M") && plural_noun(last + 1));
    let scale = scale_word(next)
        .filter(|_| glued || next.len() > 3 || spaced_abbreviation)
        .or_else(|| ((glued || spaced_abbreviation) && next == "m").then_some(1e6))
        // "$2.1T": a glued capital T after a currency sign is trillions (else tonnes).
        .or_else(|| {
            let money = matches!(ctx.w(i.wrapping_sub(1)), "$" | "\u{20ac}" | "\u{a3}");
            (glued && money && ctx.raw(last) == "T").then_some(1e12)
        })
        // "a 1.8 billion-mile trip": the scale leads a hyphenated word; the unit reads its tail.
        .or_else(|| {
            split_hyphen(next).and_then(|(head, _)| scale_word(head).filter(|_| head.len() > 3))
        });
    if let Some(scale) = scale {
        value *= scale;
        last += 1;
        scaled = true;
        // "4 hundred million": a larger scale word may follow a spelled "hundred" or "thousand".
        let then = word(ctx, last);
        if let Some(more) = scale_word(then).filter(|&s| s > scale && then.len() > 3)
            && next.len() > 3
            && !next.contains('-')
        {
            value *= more;
            last += 1;
        }
    }
    let (value, last, halved) = and_a_fraction(ctx, value, last);
    Some(share_of(
        ctx,
        Numeral {
            value,
            range: None,
            first: i,
            last,
            digits: Some(i),
            scaled: scaled || halved,
            spelled: false,
            share: false,
        },
    ))
}

/// Scientific notation after a numeral's digits, from token `at`: "2.48×10−5", "1.3x10^6",
/// "3 × 10^8", "8x2^10", "6×10⁻⁴". The exponent follows a caret, else it is a signed or
/// superscript power of ten (a bare "4x10" is a size or a count). Returns the value and the end.
fn times_power(ctx: &Ctx, mantissa: f64, at: usize) -> Option<(f64, usize)> {
    let times = ctx.w(at);
    let (base, mut k) = if matches!(times, "\u{d7}" | "x") && ctx.kind(at + 1) == Some(TokKind::Num)
    {
        (ctx.raw(at + 1), at + 2)
    } else if ctx.kind(at) == Some(TokKind::Code) && ctx.glued(at) && times.starts_with('x') {
        // "1.3x10^6": the tokenizer keeps "x10" as one code.
        (&ctx.raw(at)[1..], at + 1)
    } else {
        return None;
    };
    if !base.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let base: f64 = base.parse().ok()?;
    let caret = ctx.w(k) == "^" && ctx.glued(k);
    k += usize::from(caret);
    let (exponent, end, signed) = exponent_at(ctx, k)?;
    if !caret && (base != 10.0 || !signed) {
        return None;
    }
    // A power of ten is read as the float parser reads "6.02e23": exactly rounded.
    let value = if base == 10.0 {
        format!("{}e{exponent}", ctx.raw(at - 1).replace(',', ""))
            .parse()
            .unwrap_or(mantissa * base.powi(exponent))
    } else {
        mantissa * base.powi(exponent)
    };
    (value.is_finite() && value != 0.0).then_some((value, end))
}

/// The exponent glued at token `k`: a sign and digits ("-5", "−5", "6") or superscripts
/// ("⁻⁴", "⁶"). Returns it, its end, and whether it was signed or raised (not plain digits).
fn exponent_at(ctx: &Ctx, mut k: usize) -> Option<(i32, usize, bool)> {
    let mut sign = 1;
    let mut marked = false;
    if ctx.glued(k) && matches!(ctx.w(k), "-" | "\u{2212}" | "+" | "\u{207b}" | "\u{207a}") {
        if ctx.w(k) != "+" && ctx.w(k) != "\u{207a}" {
            sign = -1;
        }
        marked = true;
        k += 1;
    }
    let raw = ctx.raw(k);
    if ctx.glued(k)
        && ctx.kind(k) == Some(TokKind::Num)
        && (1..=3).contains(&raw.len())
        && raw.bytes().all(|b| b.is_ascii_digit())
    {
        return Some((sign * raw.parse::<i32>().ok()?, k + 1, marked));
    }
    // Superscript digits, one token each.
    let mut power = 0;
    let from = k;
    while ctx.glued(k) && k < from + 3 {
        let Some(d) = superscript_digit(ctx.raw(k)) else {
            break;
        };
        power = power * 10 + d;
        k += 1;
    }
    (k > from).then_some((sign * power, k, true))
}

/// The value of a superscript digit ("⁶", "²").
fn superscript_digit(raw: &str) -> Option<i32> {
    let mut chars = raw.chars();
    let d = match (chars.next()?, chars.next()) {
        ('\u{2070}', None) => 0,
        ('\u{b9}', None) => 1,
        ('\u{b2}', None) => 2,
        ('\u{b3}', None) => 3,
        (c @ '\u{2074}'..='\u{2079}', None) => c as i32 - 0x2070,
        _ => return None,
    };
    Some(d)
}

/// "one out of three", "1 in 5": a whole number over a larger one is a share of it; "in"
/// takes no more than a hundred ("1 in 2019" is a year).
#[inline]
fn share_of(ctx: &Ctx, n: Numeral) -> Numeral {
    // The word first, then whether the part is a whole number, and only then the numeral after
    // it: most figures are followed by neither word, and "5.2% in 2023" by no share.
    let (at, most) = match word(ctx, n.last) {
        "out" if word(ctx, n.last + 1) == "of" => (n.last + 2, f64::INFINITY),
        "in" => (n.last + 1, 100.0),
        _ => return n,
    };
    if n.scaled || n.value < 1.0 || n.value.fract() != 0.0 {
        return n;
    }
    // A whole may be spelled in hundreds ("two out of five hundred"), not in larger scales.
    let whole = |m: &Numeral| {
        (!m.scaled || m.value < 1e3) && m.range.is_none() && m.value > n.value && m.value <= most
    };
    match numeral_at(ctx, at).filter(whole) {
        Some(m) => Numeral {
            value: n.value / m.value,
            last: m.last,
            share: true,
            ..n
        },
        None => n,
    }
}

/// "two and a half years", "3 and a quarter", "one and three-quarters": a whole number and a
/// fraction, with its end and whether a scale was read. A scale after it takes the whole ("five
/// and a half million"); after a scale the fraction is the scale's ("3 million and a half").
#[inline]
fn and_a_fraction(ctx: &Ctx, value: f64, last: usize) -> (f64, usize, bool) {
    // The word first: nearly every figure is followed by something else than "and".
    if word(ctx, last) != "and" || value.fract() != 0.0 {
        return (value, last, false);
    }
    let Some((part, end)) = fraction_after_and(ctx, last + 1) else {
        return (value, last, false);
    };
    let spelled_scale = |w: &str| scale_word(w).filter(|s| *s >= 1e3 && w.len() > 3);
    if let Some(s) = spelled_scale(word(ctx, last.wrapping_sub(1))) {
        return (value + part * s, end, true);
    }
    match spelled_scale(word(ctx, end)) {
        Some(s) => ((value + part) * s, end + 1, true),
        None => (value + part, end, false),
    }
}

/// The fraction below one that starts at token `k` after "and": "a half", "a quarter", "one
/// third", "three quarters", "three-quarters". Returns it and its end.
fn fraction_after_and(ctx: &Ctx, k: usize) -> Option<(f64, usize)> {
    let w = word(ctx, k);
    let (num, den, end) = match w {
        "a" | "an" | "one" => (1, fraction_word(word(ctx, k + 1))?, k + 2),
        _ => match split_hyphen(w) {
            Some((num, den)) => (unit_word(num)?, fraction_word(den)?, k + 1),
            None => (unit_word(w)?, fraction_word(word(ctx, k + 1))?, k + 2),
        },
    };
    let part = num as f64 / den;
    // "1 and a quarter of the staff": a share of something else.
    (num > 0 && part < 1.0 && word(ctx, end) != "of").then_some((part, end))
}

/// The spelled scale at token `k` after a vague word ("several", "a few"): "hundred",
/// "thousand", "hundred thousand", "million"; with its end.
fn vague_scale(ctx: &Ctx, k: usize) -> Option<(f64, usize)> {
    let spelled = |w: &str| scale_word(w).filter(|s| *s >= 100.0 && w.len() > 3);
    let s = spelled(word(ctx, k))?;
    match spelled(word(ctx, k + 1)).filter(|&more| more > s) {
        Some(more) => Some((s * more, k + 2)),
        None => Some((s, k + 1)),
    }
}

/// Whether an article or "half" at token `i` is an amount of the unit named at token `unit`:
/// the amount of a change or a bound ("rose by a percentage point", "cut by a quarter point",
/// "up a cent", "less than a mile"), not elsewhere: "a barrel of oil costs $80" states no
/// figure of one barrel.
fn one_unit(ctx: &Ctx, i: usize, unit: usize) -> bool {
    let before = word(ctx, i.wrapping_sub(1));
    // A few words, else a change verb by its cached class: most articles are turned away here.
    let amount = matches!(
        before,
        "by" | "than" | "over" | "under" | "about" | "nearly" | "almost" | "roughly" | "around"
    ) || (ctx.is(i.wrapping_sub(1), class::VERB)
        && (UP.contains(before) || DOWN.contains(before)));
    amount && named_unit(ctx, unit)
}

/// Whether a unit of measure, money or percentage is named at token `k`, not a unit of time
/// ("more than a year", "half a day" say when) nor a symbol.
fn named_unit(ctx: &Ctx, k: usize) -> bool {
    word(ctx, k).len() > 2
        && super::units::unit_name_after(ctx.words_from(k, 4)).is_some_and(|(norm, kind)| {
            kind != Kind::Other
                && !matches!(
                    norm,
                    "year"
                        | "month"
                        | "week"
                        | "day"
                        | "hour"
                        | "minute"
                        | "second"
                        | "decade"
                        | "century"
                )
        })
}

/// Every word that may start a spelled numeral, as the part before its first hyphen: the
/// vague magnitudes, "a", "an", "dozen", "half" and the numbers below twenty and the tens
/// ("twenty-eight", "three-quarters").
pub(super) const HEADS: &[&str] = &[
    "tens",
    "hundreds",
    "thousands",
    "millions",
    "billions",
    "dozens",
    "several",
    "a",
    "an",
    "dozen",
    "half",
    "quarter",
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
];

/// [`HEADS`], looked up in constant time.
static NUMERAL_HEADS: WordSet = WordSet::new(HEADS);

/// Each byte as a letter of a head: 1 to 26 for 'a' to 'z', 0 for a hyphen (the head has
/// ended), 27 for any other byte, which no head holds.
const LETTERS: [u8; 256] = {
    let mut letters = [27; 256];
    letters[b'-' as usize] = 0;
    let mut b = b'a';
    while b <= b'z' {
        letters[b as usize] = b - b'a' + 1;
        b += 1;
    }
    letters
};

/// Letter `k` of word `w` (see [`LETTERS`]), 0 past its end.
const fn letter(w: &[u8], k: usize) -> usize {
    if k < w.len() {
        LETTERS[w[k] as usize] as usize
    } else {
        0
    }
}

/// For each first and second letter of a head (see [`letter`]), its third letters as bits. A
/// one-letter head allows any third letter: the word has ended (or gone past a hyphen) by then.
const HEAD_PREFIXES: [[u32; 28]; 28] = head_prefixes(HEADS);

const fn head_prefixes(heads: &[&str]) -> [[u32; 28]; 28] {
    let mut prefixes = [[0; 28]; 28];
    let mut k = 0;
    while k < heads.len() {
        let h = heads[k].as_bytes();
        let (a, b) = (letter(h, 0), letter(h, 1));
        prefixes[a][b] |= if b == 0 { u32::MAX } else { 1 << letter(h, 2) };
        k += 1;
    }
    prefixes
}

/// Whether lower-case word `w` may start with a numeral head, by its first three letters: one
/// table lookup turns away nearly every other word ("the", "and", "has") in the token loop.
fn may_start_numeral(w: &[u8]) -> bool {
    // The three letters of [`letter`], with one test of the word's length instead of three.
    let at = |b: u8| LETTERS[usize::from(b)] as usize;
    let (a, b, c) = match *w {
        [a, b, c, ..] => (at(a), at(b), at(c)),
        [a, b] => (at(a), at(b), 0),
        [a] => (at(a), 0, 0),
        [] => (0, 0, 0),
    };
    HEAD_PREFIXES[a][b] >> c & 1 != 0
}

/// The spelled numeral starting at word `i`, whose first letters may start one. Kept out of the
/// token loop of [`find_numerals`], which it would otherwise crowd.
#[inline(never)]
fn spelled_numeral(ctx: &Ctx, i: usize) -> Option<Numeral> {
    let w = word(ctx, i);
    let mk = |value: f64, range: Option<(f64, f64)>, last: usize, scaled: bool| Numeral {
        value,
        range,
        first: i,
        last,
        digits: None,
        scaled,
        spelled: true,
        share: false,
    };
    // "a dozen", "a hundred", "a million" (the articles, the commonest heads, before the lookup).
    if w == "a" || w == "an" {
        let next = word(ctx, i + 1);
        return match next {
            "dozen" => Some(mk(12.0, None, i + 2, false)),
            // "a few hundred", "a couple of thousand": a vague count of a scale.
            "few" => {
                let (s, end) = vague_scale(ctx, i + 2)?;
                Some(mk(2.0 * s, Some((2.0 * s, 9.0 * s)), end, true))
            }
            "couple" => {
                let of = usize::from(word(ctx, i + 2) == "of");
                let (s, end) = vague_scale(ctx, i + 2 + of)?;
                Some(mk(2.0 * s, Some((2.0 * s, 3.0 * s)), end, true))
            }
            // "a third of", "a quarter of the vote", "an eighth of": a share.
            _ if next != "half"
                && !next.ends_with('s')
                && fraction_word(next).is_some()
                && word(ctx, i + 2) == "of"
                && scale_word(word(ctx, i + 4)).is_none() =>
            {
                Some(scale_of(
                    ctx,
                    share(mk(1.0 / fraction_word(next)?, None, i + 2, false)),
                ))
            }
            // "below a third.", "above a quarter and below a half": a share a comparison
            // bounds, though no "of" names its whole.
            _ if !next.ends_with('s')
                && fraction_word(next).is_some()
                && matches!(
                    word(ctx, i.wrapping_sub(1)),
                    "than" | "below" | "above" | "under" | "over" | "least" | "most"
                )
                && matches!(
                    word(ctx, i + 2),
                    "" | "." | "," | ";" | ")" | "and" | "but" | "or"
                ) =>
            {
                Some(share(mk(1.0 / fraction_word(next)?, None, i + 2, false)))
            }
            // "a quarter million", "a half billion", "a quarter of a million"; as an amount, "by
            // a quarter point".
            "quarter" | "half" => {
                let of_a = if word(ctx, i + 2) == "of" && word(ctx, i + 3) == "a" {
                    2
                } else {
                    0
                };
                let at = i + 2 + of_a;
                let den = fraction_word(next)?;
                match scale_word(word(ctx, at)).filter(|s| *s >= 1e3 && word(ctx, at).len() > 3) {
                    Some(s) => Some(mk(s / den, None, at + 1, true)),
                    // "a quarter of a percentage point".
                    None if of_a == 2 && named_unit(ctx, at) => {
                        Some(mk(1.0 / den, None, at, false))
                    }
                    None => one_unit(ctx, i, i + 2).then(|| mk(1.0 / den, None, i + 2, false)),
                }
            }
            // "a hundred and two", "a thousand", "a million".
            "hundred" | "thousand" | "million" | "billion" | "trillion" => {
                let (sum, _, last) = cardinal(ctx, i + 1, 1);
                Some(mk(sum as f64, None, last, true))
            }
            // "rose by a percentage point", "less than a mile": one of a unit, as an amount.
            _ => one_unit(ctx, i, i + 1).then(|| mk(1.0, None, i + 1, false)),
        };
    }
    let head = split_hyphen(w).map_or(w, |(head, _)| head);
    if !NUMERAL_HEADS.contains(head) {
        return None;
    }
    // Vague magnitudes: "tens of thousands", "hundreds of millions", "dozens of".
    let vague = match w {
        "tens" => Some(10.0),
        "hundreds" => Some(100.0),
        "thousands" => Some(1e3),
        "millions" => Some(1e6),
        "billions" => Some(1e9),
        "dozens" => Some(12.0),
        _ => None,
    };
    if let Some(base) = vague {
        if word(ctx, i + 1) != "of" {
            return None;
        }
        let mut low = base;
        let mut last = i + 2;
        if base < 1e3
            && let Some(s) = scale_word(word(ctx, i + 2)).filter(|s| *s >= 1e3)
        {
            low = base * s;
            last = i + 3;
        }
        let factor = if base == 12.0 { 12.0 } else { 10.0 };
        return Some(mk(low, Some((low, low * factor)), last, true));
    }
    // "half a million".
    if w == "dozen" && word(ctx, i.wrapping_sub(1)) != "a" {
        return None;
    }
    if w == "half" {
        // "half the staff", "half of all voters", "half its value": a share.
        // Not the idioms "half the time", "half the battle".
        let idiom = matches!(word(ctx, i + 2), "time" | "battle" | "fun" | "story");
        if matches!(
            word(ctx, i + 1),
            "the" | "of" | "its" | "their" | "our" | "his" | "her"
        ) && scale_word(word(ctx, i + 2)).is_none()
            && !idiom
        {
            return Some(Numeral {
                share: true,
                ..mk(0.5, None, i + 1, false)
            });
        }
        // "half a percentage point", "half a mile".
        if matches!(word(ctx, i + 1), "a" | "an") && named_unit(ctx, i + 2) {
            return Some(mk(0.5, None, i + 2, false));
        }
        // "half a million", "half million".
        let a = usize::from(word(ctx, i + 1) == "a");
        let s = scale_word(word(ctx, i + 1 + a)).filter(|s| *s >= 1e3 || *s == 12.0)?;
        return Some(mk(s / 2.0, None, i + 2 + a, true));
    }
    // "several thousand", "several hundred thousand".
    if w == "several" {
        let (s, end) = vague_scale(ctx, i + 1)?;
        return Some(mk(3.0 * s, Some((3.0 * s, 9.0 * s)), end, true));
    }
    // "quarter million": a quarter of a scale, without an article.
    if w == "quarter" {
        let next = word(ctx, i + 1);
        let s = scale_word(next).filter(|s| *s >= 1e3 && next.len() > 3)?;
        return Some(mk(s / 4.0, None, i + 2, true));
    }
    // "six-mile", "three-ton": a number joined to the unit it measures (which the caller
    // reads from the tail); not "twenty-one", "two-thirds" nor "six-speed".
    if let Some((head, tail)) = split_hyphen(w)
        && small_number(w).is_none()
        && fraction_word(tail).is_none()
        && let Some(v) = small_number(head)
        && super::units::unit_after(&[tail]).is_some()
    {
        return Some(mk(v as f64, None, i + 1, false));
    }
    // Spelled fractions: "three-quarters", "two-thirds", "one third"; of a scale word,
    // "three-quarters billion".
    if let Some((num, den)) = split_hyphen(w)
        && let (Some(n), Some(d)) = (unit_word(num), fraction_word(den))
        && (n as f64) < d
        && n > 0
    {
        return Some(scale_of(ctx, share(mk(n as f64 / d, None, i + 1, false))));
    }
    // Cardinals: "three hundred and fifty", "twenty-eight thousand six hundred forty-two".
    let first = small_number(w)?;
    let (sum, scaled, last) = cardinal(ctx, i + 1, first);
    // "three dozen", "two dozen drones": dozens of a spelled number.
    let (sum, scaled, last) = if matches!(word(ctx, last), "dozen" | "dozens") && sum < 100 {
        (sum * 12, true, last + 1)
    } else {
        (sum, scaled, last)
    };
    if sum == 0 {
        return Some(mk(0.0, None, last, false));
    }
    // Spelled fraction after a cardinal: "one third", "two thirds", "three eighths"; after
    // "one" a denominator that is also an ordinal ("one fifth") only before "of", a scale or the
    // end of a clause, as in "one fifth of voters" or "exactly one sixth.". Past a whole, only
    // halves and thirds ("three halves", "four thirds"): "five quarters" are periods of a year.
    if last == i + 1 && first > 0 {
        let next = word(ctx, i + 1);
        let ordinal_ends = || {
            let then = ctx.w(i + 2);
            matches!(then, "of" | "" | "." | "," | ";" | ":" | ")" | "?" | "!")
                || scale_word(then).is_some()
        };
        // "the past three quarters", "for three quarters in a row": quarters of a year.
        let periods = next == "quarters"
            && (matches!(
                word(ctx, i.wrapping_sub(1)),
                "past"
                    | "last"
                    | "next"
                    | "first"
                    | "previous"
                    | "recent"
                    | "for"
                    | "over"
                    | "consecutive"
                    | "straight"
                    | "successive"
            ) || matches!(word(ctx, i + 2), "in" | "ago" | "running" | "straight"));
        if let Some(d) = fraction_word(next).filter(|_| {
            next.ends_with('s') || matches!(next, "third" | "quarter") || ordinal_ends()
        }) && ((first as f64) < d || (first as f64 > d && matches!(next, "halves" | "thirds")))
            && next != "half"
            && !periods
        {
            return Some(scale_of(
                ctx,
                share(mk(first as f64 / d, None, i + 2, false)),
            ));
        }
    }
    let value = sum as f64;
    // "four to five thousand", "between two and three million": the scale of the second
    // number is the first one's too.
    if !scaled && last > i {
        let joined = match word(ctx, last) {
            "to" | "or" => true,
            "and" => word(ctx, i.wrapping_sub(1)) == "between",
            _ => false,
        };
        if joined
            && may_start_numeral(word(ctx, last + 1).as_bytes())
            && let Some(high) = spelled_numeral(ctx, last + 1)
            && let Some(scale) = scale_word(word(ctx, high.last - 1))
            && value * scale < high.value
        {
            return Some(Numeral {
                range: Some((value * scale, high.value)),
                last: high.last,
                ..mk(value * scale, None, high.last, true)
            });
        }
    }
    let (value, last, halved) = and_a_fraction(ctx, value, last);
    // A hundred or more is scaled as "a hundred and two" is: it is no pronoun ("the two").
    Some(share_of(
        ctx,
        mk(value, None, last, scaled || halved || sum >= 100),
    ))
}

/// The cardinal that goes on from a first number `first` at token `from`: "hundred", scale
/// words and smaller numbers ("three hundred and fifty", "a hundred and two"). Returns its
/// value, whether a scale word of a thousand or more was read, and the end.
fn cardinal(ctx: &Ctx, from: usize, first: u64) -> (u64, bool, usize) {
    let mut total: u64 = 0;
    let mut current: u64 = first;
    let mut j = from;
    let mut scaled = false;
    let mut last = from;
    let mut last_scale = f64::INFINITY;
    loop {
        let next = word(ctx, j);
        if next == "hundred" && current < 100 && current > 0 {
            current *= 100;
            j += 1;
            last = j;
            continue;
        }
        if let Some(s) = scale_word(next).filter(|s| *s >= 1e3 && next.len() > 3) {
            if current == 0 {
                break;
            }
            if total > 0 && (s as u64) > total {
                // "five hundred million" after "three thousand": stop; rare in news.
                break;
            }
            total += current * s as u64;
            last_scale = s;
            current = 0;
            j += 1;
            last = j;
            scaled = true;
            continue;
        }
        // After a scale word a comma may go on to the next group of the same number when that
        // group has a scale of its own: "three million, two hundred thousand", not "three
        // million, two died".
        if ctx.w(j) == ","
            && current == 0
            && total > 0
            && small_number(word(ctx, j + 1)).is_some()
            && {
                let then = word(ctx, j + 2);
                then == "hundred"
                    || scale_word(then)
                        .is_some_and(|s| s >= 1e3 && s < last_scale && then.len() > 3)
            }
        {
            j += 1;
            continue;
        }
        // "and" (or "&") joins only inside a cardinal: "three hundred and fifty".
        let skip_and = usize::from(
            (next == "and" || ctx.w(j) == "&")
                && current.is_multiple_of(100)
                && (current >= 100 || total > 0),
        );
        let after = word(ctx, j + skip_and);
        if let Some(v) = small_number(after) {
            let fits = current.is_multiple_of(100) && (current > 0 || total > 0) && v < 100;
            // "sixty five", also inside a larger number: "nine hundred and sixty five".
            let tens = current % 100;
            let tens_then_unit = tens >= 20 && tens.is_multiple_of(10) && v < 10;
            if fits || tens_then_unit {
                current += v;
                j += 1 + skip_and;
                last = j;
                continue;
            }
        }
        break;
    }
    (total + current, scaled, last)
}

/// A spelled fraction is a share ("two-thirds of"); a scale after it makes it an amount.
fn share(n: Numeral) -> Numeral {
    Numeral { share: true, ..n }
}

/// A fraction followed by a spelled scale word takes it: "three quarters billion", "two thirds
/// of a million".
fn scale_of(ctx: &Ctx, n: Numeral) -> Numeral {
    let of_a = if word(ctx, n.last) == "of" && matches!(word(ctx, n.last + 1), "a" | "an") {
        2
    } else {
        0
    };
    let next = word(ctx, n.last + of_a);
    match scale_word(next).filter(|s| *s >= 1e3 && next.len() > 3) {
        Some(s) => Numeral {
            value: n.value * s,
            last: n.last + of_a + 1,
            scaled: true,
            share: false,
            ..n
        },
        // "three-quarters of a percentage point", "two thirds of a mile": an amount of the unit.
        None if of_a == 2 && named_unit(ctx, n.last + 2) => Numeral {
            last: n.last + 2,
            share: false,
            ..n
        },
        None => n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Value, vague range and surface text of each numeral.
    type Found = (f64, Option<(f64, f64)>, String);

    /// Each text reads as one range with that surface.
    fn assert_ranges(cases: &[(&str, (f64, f64), &str)]) {
        for (text, range, surface) in cases {
            let got = numerals(text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(
                (got[0].1, got[0].2.as_str()),
                (Some(*range), *surface),
                "{text}"
            );
        }
    }

    fn numerals(s: &str) -> Vec<Found> {
        let mut lower = String::new();
        let ctx = crate::extract::context::test_ctx(s, &mut lower);
        find_numerals(&ctx)
            .map(|n| (n.value, n.range, ctx.span(n.first, n.last).to_string()))
            .collect()
    }

    #[test]
    fn numeral_cases() {
        let cases: &[(&str, f64, &str)] = &[
            ("10,000", 10_000.0, "10,000"),
            ("10 000", 10_000.0, "10 000"),
            ("1,456,610", 1_456_610.0, "1,456,610"),
            ("3.5", 3.5, "3.5"),
            ("1.2 million", 1_200_000.0, "1.2 million"),
            // A decimal comma before a scale word.
            ("1,2 million", 1_200_000.0, "1,2 million"),
            ("3,75 billion euros", 3_750_000_000.0, "3,75 billion"),
            ("1.2m people", 1_200_000.0, "1.2m"),
            ("$5.6bn", 5_600_000_000.0, "5.6bn"),
            ("45k", 45_000.0, "45k"),
            ("ten thousand", 10_000.0, "ten thousand"),
            ("three hundred and fifty", 350.0, "three hundred and fifty"),
            (
                "twenty-eight thousand six hundred forty-two",
                28_642.0,
                "twenty-eight thousand six hundred forty-two",
            ),
            ("a dozen drones", 12.0, "a dozen"),
            ("half a million", 500_000.0, "half a million"),
            ("three-quarters", 0.75, "three-quarters"),
            ("two-thirds", 2.0 / 3.0, "two-thirds"),
            ("1/3", 1.0 / 3.0, "1/3"),
            ("a 5/8 inch bolt", 0.625, "5/8"),
            ("5/12 of voters", 5.0 / 12.0, "5/12"),
            ("a million people", 1e6, "a million"),
            ("a hundred and two", 102.0, "a hundred and two"),
            ("a hundred thousand", 1e5, "a hundred thousand"),
            ("a thousand and one", 1001.0, "a thousand and one"),
            // Tens and units apart, also after hundreds.
            ("sixty five", 65.0, "sixty five"),
            (
                "nine hundred and sixty five",
                965.0,
                "nine hundred and sixty five",
            ),
            (
                "one hundred twenty three",
                123.0,
                "one hundred twenty three",
            ),
            (
                "two thousand four hundred and eighty one",
                2481.0,
                "two thousand four hundred and eighty one",
            ),
            ("\u{0663}\u{0660} people", 30.0, "\u{0663}\u{0660}"),
            // Digits with spelled scales, one after another.
            ("4 hundred million", 4e8, "4 hundred million"),
            ("2 thousand", 2000.0, "2 thousand"),
            ("3 hundred thousand", 3e5, "3 hundred thousand"),
            // Abbreviated scales apart from the number.
            ("8 B people", 8e9, "8 B"),
            ("5 M users", 5e6, "5 M"),
            ("Plan 8 B", 8.0, "8"),
            ("Class 5 B of", 5.0, "5"),
            ("grade 5 M was", 5.0, "5"),
            ("5 bn euros", 5e9, "5 bn"),
            // A scale leading a hyphenated word: "a 1.8 billion-mile trip".
            ("1.8 billion-mile trip", 1.8e9, "1.8 billion-mile"),
            ("2 million-strong army", 2e6, "2 million-strong"),
            // A leading point.
            (".500 average", 0.5, ".500"),
            // Fractions of scales.
            ("half million", 5e5, "half million"),
            ("a quarter million people", 2.5e5, "a quarter million"),
            ("three quarters billion", 7.5e8, "three quarters billion"),
            ("two-thirds million", 2e6 / 3.0, "two-thirds million"),
            // Whole numbers with fractions, and fractions as one character.
            ("10 1/2 miles", 10.5, "10 1/2"),
            ("2 \u{bd} cups", 2.5, "2 \u{bd}"),
            ("\u{be} of voters", 0.75, "\u{be}"),
            // A number joined to its unit.
            ("a six-mile trip", 6.0, "six-mile"),
            ("a twenty-ton load", 20.0, "twenty-ton"),
            ("12,34,567.89 rupees", 1_234_567.89, "12,34,567.89"),
            // Halves after a whole number.
            ("two and a half miles", 2.5, "two and a half"),
            ("3 and a half hours", 3.5, "3 and a half"),
            // Trillions glued to money; shares past twelfths before "of".
            ("$2.1T", 2.1e12, "2.1T"),
            ("1/40 of the light", 1.0 / 40.0, "1/40"),
            ("2^10", 2.0, "2"),
            // A half with a scale after it, or after a scale.
            (
                "five and a half million people",
                5.5e6,
                "five and a half million",
            ),
            ("2 and a half billion", 2.5e9, "2 and a half billion"),
            ("3 million and a half", 3.5e6, "3 million and a half"),
            ("one billion and a half", 1.5e9, "one billion and a half"),
            (
                "two thirds of a million",
                2e6 / 3.0,
                "two thirds of a million",
            ),
            (
                "three-quarters of a billion",
                7.5e8,
                "three-quarters of a billion",
            ),
            ("quarter million homes", 2.5e5, "quarter million"),
            // Dozens of a number, and other fractions after a whole.
            ("two dozen drones", 24.0, "two dozen"),
            ("3 dozen eggs", 36.0, "3 dozen"),
            ("half a dozen people", 6.0, "half a dozen"),
            ("two and a quarter hours", 2.25, "two and a quarter"),
            (
                "one and three-quarters miles",
                1.75,
                "one and three-quarters",
            ),
            ("1 and three quarter hours", 1.75, "1 and three quarter"),
            (
                "four and a third million",
                4e6 + 1e6 / 3.0,
                "four and a third million",
            ),
            ("10 tln roubles", 1e13, "10 tln"),
            // A fraction glued to its whole; a fraction of a unit is an amount of it.
            ("5\u{bc} per cent", 5.25, "5\u{bc}"),
            ("a quarter of a percentage point", 0.25, "a quarter of a"),
            (
                "three-quarters of a percentage point",
                0.75,
                "three-quarters of a",
            ),
            ("two thirds of a mile", 2.0 / 3.0, "two thirds of a"),
            ("rates are half a point higher", 0.5, "half a"),
            // Powers of ten after an 'e', a times sign, a caret or in superscripts.
            ("2.5e3 tonnes", 2500.0, "2.5e3"),
            ("7.1E-4 grams", 0.00071, "7.1E-4"),
            ("3 \u{d7} 10^8 metres", 3e8, "3 \u{d7} 10^8"),
            ("6.6x10^-11 of it", 6.6e-11, "6.6x10^-11"),
            (
                "1.6\u{d7}10\u{2212}19 coulomb",
                1.6e-19,
                "1.6\u{d7}10\u{2212}19",
            ),
            ("4\u{d7}10\u{2076} cells", 4e6, "4\u{d7}10\u{2076}"),
            ("5 x 10\u{207b}\u{b3}", 0.005, "5 x 10\u{207b}\u{b3}"),
            ("3x2^5 bytes", 96.0, "3x2^5"),
            // A bare "4x10" or "4 x 10" is a size or a product, not a power.
            ("a 4x10 grid", 4.0, "4"),
            // Cardinals with "&" and with a comma between their groups.
            ("two hundred & five", 205.0, "two hundred & five"),
            (
                "three million, two hundred thousand",
                3.2e6,
                "three million, two hundred thousand",
            ),
            (
                "six thousand, four hundred and ten",
                6410.0,
                "six thousand, four hundred and ten",
            ),
            // Spelled fractions past tenths.
            ("one sixth", 1.0 / 6.0, "one sixth"),
            ("five-eighths", 0.625, "five-eighths"),
            ("three sevenths", 3.0 / 7.0, "three sevenths"),
            ("twenty-five hundredths", 0.25, "twenty-five hundredths"),
            ("three halves", 1.5, "three halves"),
            ("four thirds of the dose", 4.0 / 3.0, "four thirds"),
            // Fractions in one character, alone.
            ("\u{2154} of them", 2.0 / 3.0, "\u{2154}"),
        ];
        for (text, value, surface) in cases {
            let got = numerals(text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert!((got[0].0 - value).abs() < 1e-9, "{text}: {got:?}");
            assert_eq!(got[0].2, *surface, "{text}");
        }
    }

    #[test]
    fn vague_counts_of_a_scale_are_ranges() {
        let cases: &[(&str, (f64, f64), &str)] = &[
            ("several thousand people", (3e3, 9e3), "several thousand"),
            (
                "several hundred thousand homes",
                (3e5, 9e5),
                "several hundred thousand",
            ),
            ("a few hundred protesters", (200.0, 900.0), "a few hundred"),
            (
                "a couple of thousand troops",
                (2e3, 3e3),
                "a couple of thousand",
            ),
            ("a couple million", (2e6, 3e6), "a couple million"),
        ];
        assert_ranges(cases);
        for text in [
            "several people",
            "a few of them",
            "a couple of days",
            "several dozen",
        ] {
            assert!(numerals(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn vague_magnitudes_are_ranges() {
        let got = numerals("tens of thousands of students");
        assert_eq!(got[0].1, Some((1e4, 1e5)));
        let got = numerals("tens of millions of dollars");
        assert_eq!(got[0].1, Some((1e7, 1e8)));
        let got = numerals("hundreds of miles");
        assert_eq!(got[0].1, Some((100.0, 1000.0)));
    }

    #[test]
    fn short_numerals_parse_as_the_full_parser_does() {
        let cases = [
            "10,000",
            "3.5",
            "0.1",
            "1,456,610",
            "123456789012345",
            "1234567890.12345",
            ".5",
            "5.",
            "0.3",
            "99.99",
            "7",
            "0",
            "2.675",
            "1,2",
            "000.000",
            "9007199254740.99",
        ];
        for raw in cases {
            let full: f64 = raw.replace(',', "").parse().unwrap();
            assert_eq!(parse_short(raw), Some(full), "{raw}");
        }
        for raw in [
            ".",
            ",",
            "",
            "1.2.3",
            "1 000",
            "1234567890123456",
            "\u{0663}",
            "1e5",
        ] {
            assert_eq!(parse_short(raw), None, "{raw}");
        }
    }

    #[test]
    fn every_head_passes_the_letter_test() {
        for head in HEADS {
            for w in [head.to_string(), format!("{head}-year"), format!("{head}-")] {
                assert!(may_start_numeral(w.as_bytes()), "{w}");
            }
        }
        for w in [
            "the", "and", "has", "for", "ann", "", "-one", "\u{e9}t", "on",
        ] {
            assert_eq!(may_start_numeral(w.as_bytes()), w == "for", "{w}");
        }
        // The same answer as the three separate look-ups the table is built with.
        for w in [
            "a", "an", "tw", "twe", "x", "-", "q-a", "quarter", "zz", "\u{e9}",
        ] {
            let by_letters = HEAD_PREFIXES[letter(w.as_bytes(), 0)][letter(w.as_bytes(), 1)]
                >> letter(w.as_bytes(), 2)
                & 1
                != 0;
            assert_eq!(may_start_numeral(w.as_bytes()), by_letters, "{w}");
        }
    }

    #[test]
    fn shares_of_a_whole() {
        let cases: &[(&str, f64, &str)] = &[
            ("one out of three adults", 1.0 / 3.0, "one out of three"),
            ("1 out of 4 homes", 0.25, "1 out of 4"),
            ("one in five children", 0.2, "one in five"),
            ("2 in 5 voters", 0.4, "2 in 5"),
            ("a third of the staff", 1.0 / 3.0, "a third"),
            ("a quarter of the vote", 0.25, "a quarter"),
            ("half the stores", 0.5, "half"),
            ("half of all voters", 0.5, "half"),
            ("two-thirds of residents", 2.0 / 3.0, "two-thirds"),
            ("one fifth of voters", 0.2, "one fifth"),
            ("One fourth of the land", 0.25, "One fourth"),
            ("an eighth of the budget", 0.125, "an eighth"),
            ("a sixth of households", 1.0 / 6.0, "a sixth"),
            (
                "two out of five hundred sets",
                0.004,
                "two out of five hundred",
            ),
        ];
        for (text, value, surface) in cases {
            let mut lower = String::new();
            let ctx = crate::extract::context::test_ctx(text, &mut lower);
            let got: Vec<Numeral> = find_numerals(&ctx).collect();
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert!((got[0].value - value).abs() < 1e-9, "{text}: {got:?}");
            assert!(got[0].share, "{text}");
            assert_eq!(ctx.span(got[0].first, got[0].last), *surface, "{text}");
        }
        // Not shares: a year after "in", a scale after the fraction, a larger first number.
        for (text, value) in [
            ("1 in 2019", 1.0),
            ("a quarter of a million", 250_000.0),
            ("5 in 3 games", 5.0),
            ("three quarters billion", 7.5e8),
        ] {
            let mut lower = String::new();
            let ctx = crate::extract::context::test_ctx(text, &mut lower);
            let n = find_numerals(&ctx).next().unwrap();
            assert!(!n.share && (n.value - value).abs() < 1e-6, "{text}: {n:?}");
        }
    }

    #[test]
    fn spelled_ranges_share_the_scale() {
        let cases: &[(&str, (f64, f64), &str)] = &[
            (
                "four to five thousand people",
                (4e3, 5e3),
                "four to five thousand",
            ),
            ("two or three million", (2e6, 3e6), "two or three million"),
            (
                "between six and seven hundred",
                (600.0, 700.0),
                "six and seven hundred",
            ),
            (
                "twenty to thirty thousand",
                (2e4, 3e4),
                "twenty to thirty thousand",
            ),
            ("four to five dozen", (48.0, 60.0), "four to five dozen"),
        ];
        assert_ranges(cases);
        // No scale after the second, or the first already as large: two numbers.
        for text in [
            "four to five people",
            "six thousand to seven thousand",
            "one and two",
        ] {
            assert_eq!(numerals(text).len(), 2, "{text}");
        }
    }

    #[test]
    fn words_that_are_not_numbers() {
        for text in [
            "a man",
            "half the time",
            "the dozen",
            "tens",
            "often",
            "the first quarter",
            "quarter of them",
        ] {
            assert!(numerals(text).is_empty(), "{text}");
        }
        // Powers of ten past what a float holds.
        for text in ["1e400", "2.5e-400", "9E999 of them"] {
            assert!(numerals(text).is_empty(), "{text}");
        }
    }

    /// One of a unit as the amount of a change or a bound; not a time, not a mere article.
    #[test]
    fn one_of_a_unit_as_an_amount() {
        let cases: &[(&str, f64, &str)] = &[
            ("raised rates by a percentage point", 1.0, "a"),
            ("cut by a quarter point", 0.25, "a quarter"),
            ("rose half a percentage point", 0.5, "half a"),
            ("the shares fell a penny", 1.0, "a"),
            ("less than a mile from the coast", 1.0, "a"),
            ("prices climbed about a dollar", 1.0, "a"),
        ];
        for (text, value, surface) in cases {
            let got = numerals(text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert!((got[0].0 - value).abs() < 1e-9, "{text}: {got:?}");
            assert_eq!(got[0].2, *surface, "{text}");
        }
        for text in [
            "a barrel of oil costs",
            "delayed by a year",
            "more than a decade",
            "a mile away",
            "rose by a lot",
            "won by a wide margin",
        ] {
            assert!(numerals(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_fraction_of_something_else_is_no_part_of_the_whole() {
        let got = numerals("between 10 and a quarter of the staff");
        assert_eq!(got[0].2, "10", "{got:?}");
    }

    /// A comma ends a cardinal unless the next group has a scale of its own; an ordinal after
    /// "one" is a fraction only before "of", a scale or the clause's end.
    #[test]
    fn where_spelled_numbers_end() {
        let cases: &[(&str, &[&str])] = &[
            ("three million, two died", &["three million", "two"]),
            (
                "two thousand, five thousand",
                &["two thousand", "five thousand"],
            ),
            ("one fifth grader", &["one"]),
            ("one sixth-form college", &["one"]),
            ("five quarters of growth", &["five"]),
            ("over the past three quarters", &["three"]),
            ("fell for two quarters in a row", &["two"]),
            ("three quarters ago", &["three"]),
            ("three quarters of voters", &["three quarters"]),
            ("the two halves", &["two"]),
        ];
        for (text, surfaces) in cases {
            let got: Vec<String> = numerals(text).into_iter().map(|n| n.2).collect();
            assert_eq!(got, *surfaces, "{text}");
        }
    }
}
