//! What is not a claim: years and dates, times, ordinals, list markers, phone numbers, street
//! addresses, ages, numbers that are part of a name ("Big 12", "Category 4", "S&P 500"), "one
//! of", and points in time counted from another ("two years later", "10 days ago").

use super::lexicon::WordSet;

use super::bounds::bound_before;
use super::change::change_verb;
use super::context::Ctx;
use super::dates::{month, weekday};
use super::numbers::Numeral;
use super::tokens::TokKind;
use crate::model::{Bound, Kind};
use regex::Regex;
use std::ops::RangeInclusive;
use std::sync::LazyLock;

/// Why a number is not a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotClaim {
    Year,
    Date,
    Time,
    Ordinal,
    ListMarker,
    Phone,
    Name,
    OneOf,
    Pronoun,
    Age,
    /// A street address: "10 Downing Street".
    Address,
    /// A point in time counted from another: "Two years later", "10 days ago".
    RelativeTime,
}

/// Words after which a number names something ("Category 4", "No. 1", "Game 7").
static NAMING_WORDS: WordSet = WordSet::new(&[
    "no",
    "number",
    "category",
    "level",
    "phase",
    "stage",
    "grade",
    "type",
    "article",
    "section",
    "chapter",
    "page",
    "room",
    "flight",
    "route",
    "highway",
    "game",
    "round",
    "episode",
    "season",
    "act",
    "amendment",
    "resolution",
    "rule",
    "part",
    "class",
    "division",
    "tier",
    "term",
    "line",
    "gate",
    "platform",
    "terminal",
    "unit",
    "ward",
    "district",
    "block",
    "lot",
    "apartment",
    "suite",
    "building",
    "floor",
    "vol",
    "version",
    "model",
    "#",
    "series",
    "step",
    "item",
    "paragraph",
    "clause",
    "annex",
    "bus",
    "track",
    "lane",
    "channel",
    "lap",
    "hole",
    "pick",
]);

static NUMERIC_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4})\b").expect("date pattern")
});

static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){2,4}")
        .expect("phone pattern")
});

/// Whether the day number at tokens `first..after` ends or opens a range of days beside a
/// month: "July 25-26", "Sept. 20-24" (its end), "3-5 June", "12\u{2013}14 August" (its start).
fn days_range(ctx: &Ctx, first: usize, after: usize) -> bool {
    let dash = |k: usize| matches!(ctx.w(k), "-" | "\u{2013}");
    let day = |k: usize| {
        ctx.kind(k) == Some(TokKind::Num)
            && ctx
                .raw(k)
                .parse::<u32>()
                .is_ok_and(|d| (1..=31).contains(&d))
    };
    let month_at = |k: usize| ctx.capitalized(k) && month(ctx.w(k)).is_some();
    // The month before the day at `k`, perhaps abbreviated with a period.
    let month_before = |k: usize| {
        (k >= 1 && month_at(k - 1)) || (k >= 2 && ctx.w(k - 1) == "." && month_at(k - 2))
    };
    let ends = first >= 2 && dash(first - 1) && day(first - 2) && month_before(first - 2);
    let opens = dash(after) && day(after + 1) && month_at(after + 2);
    ends || opens
}

/// Byte spans of phone numbers in a sentence (absolute offsets).
/// Spans of a sentence that hold no figure: phone numbers and numeric dates ("2022-02-24",
/// "12/05/2024"), as absolute byte offsets with the reason.
pub fn reserved_spans(text: &str, start: usize, end: usize) -> Vec<(usize, usize, NotClaim)> {
    let s = &text[start..end];
    // A phone number needs seven digits, a numeric date a digit, '-' or '/', and a digit:
    // most sentences are spared the regexes.
    let dated = digit_sep_digit(s.as_bytes());
    if !dated && ascii_digits(s.as_bytes()) < 7 {
        return Vec::new();
    }
    // Each pattern needs three runs of digits joined by single separators, which spares the
    // regexes most of the rest (the Unicode-aware ones are slow on text with curly quotes).
    // In ASCII text such a chain needs a digit, a separator and a digit in a row.
    let may_be_date =
        (dated || !s.is_ascii()) && three_digit_runs(s, |c| matches!(c, '-' | '/'), 1..=2, 1);
    let may_be_phone =
        three_digit_runs(s, |c| c.is_whitespace() || matches!(c, '.' | '-'), 2..=4, 2);
    if !may_be_date && !may_be_phone {
        return Vec::new();
    }
    let dates = may_be_date
        .then(|| NUMERIC_DATE.find_iter(s))
        .into_iter()
        .flatten()
        .map(|m| (start + m.start(), start + m.end(), NotClaim::Date));
    let phones = may_be_phone
        .then(|| PHONE.find_iter(s))
        .into_iter()
        .flatten()
        .filter(|m| {
            let digits = m.as_str().bytes().filter(u8::is_ascii_digit).count();
            let has_plus_or_paren = m.as_str().starts_with('+') || m.as_str().contains('(');
            let separators = m
                .as_str()
                .bytes()
                .filter(|b| matches!(b, b'-' | b'.' | b' '))
                .count();
            // A phone number has 7 or more digits in groups, not "10,000 to 12,000" nor "1 2 3".
            digits >= 7
                && (has_plus_or_paren || separators >= 2)
                && !m.as_str().contains(',')
                && !NUMERIC_DATE.is_match(m.as_str())
                && !m
                    .as_str()
                    .split([' ', '.', '-'])
                    .all(|g| g.len() == 3 && digits < 10)
        })
        .map(|m| (start + m.start(), start + m.end(), NotClaim::Phone));
    dates.chain(phones).collect()
}

/// How many ASCII digits `b` holds. Counted in byte-wide sums over 32-byte chunks, which the
/// compiler vectorizes sixteen bytes to the instruction (a `usize` sum per byte takes two).
fn ascii_digits(b: &[u8]) -> usize {
    let count = |c: &[u8]| c.iter().fold(0u8, |n, b| n + u8::from(b.is_ascii_digit()));
    let mut chunks = b.chunks_exact(32);
    let whole: usize = chunks.by_ref().map(|c| usize::from(count(c))).sum();
    whole + usize::from(count(chunks.remainder()))
}

/// Whether `b` holds a digit, '-' or '/', and a digit in a row ("2-1", "12/05").
fn digit_sep_digit(b: &[u8]) -> bool {
    let digit_at = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    memchr::memchr2_iter(b'-', b'/', b).any(|i| i > 0 && digit_at(i - 1) && digit_at(i + 1))
}

/// Whether `s` holds three runs of digits joined by single separator characters (`sep`), the
/// middle run `middle` digits long and the outer ones at least `outer`: what a numeric date or a
/// phone number needs before its pattern is worth running. Any numeric character counts as a
/// digit, so no match of the patterns' Unicode `\d` is missed.
fn three_digit_runs(
    s: &str,
    sep: impl Fn(char) -> bool,
    middle: RangeInclusive<usize>,
    outer: usize,
) -> bool {
    // The current run of digits; how many runs fit the chain ending before it; whether a single
    // separator joins it to that chain.
    let (mut run, mut chain, mut joined) = (0, 0, false);
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // After a character that joins no run nothing carries over: skip to the next one that
        // may be numeric (an ASCII digit or any other character).
        if run == 0 && !joined {
            match crate::bytes::position(&b[i..], |c| c.is_ascii_digit() || !c.is_ascii()) {
                Some(p) => i += p,
                None => break,
            }
        }
        // An ASCII byte is its character: no decoding for the usual text.
        let c = if b[i].is_ascii() {
            char::from(b[i])
        } else {
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            c
        };
        i += c.len_utf8();
        if c.is_numeric() {
            run += 1;
            continue;
        }
        if run > 0 {
            if joined && chain >= 2 && run >= outer {
                return true;
            }
            chain = if joined && chain >= 1 && middle.contains(&run) {
                chain + 1
            } else {
                usize::from(run >= outer)
            };
        }
        joined = run > 0 && sep(c);
        if !joined {
            chain = 0;
        }
        run = 0;
    }
    joined && chain >= 2 && run >= outer
}

/// Before a year-like number with a counted noun after it (the caller knows), a word of
/// quantity makes it a count, `Some(true)`: "About 1004 troops", "Nearly 2000 people", "up to
/// 1500 workers", "rose to 1500 troops", "a total of 1200 homes", "an army of 1200 soldiers",
/// "300 tanks and 1800 troops" (`next` is the word after the number); after a preposition of time the word hedges a year,
/// `Some(false)`: "by about 2030 emissions", "in around 1990 workers". `None`: no such word.
fn quantity_word_before(ctx: &Ctx, first: usize, next: &str) -> Option<bool> {
    let word = |back: usize| first.checked_sub(back).map_or("", |i| ctx.w(i));
    match word(1) {
        "about" | "around" | "nearly" | "almost" | "roughly" | "approximately" | "some"
        | "over" | "under" | "least" | "than" | "only" | "just" | "exactly" | "estimated"
        | "another" | "additional" => Some(!matches!(
            word(2),
            "in" | "by"
                | "since"
                | "until"
                | "till"
                | "from"
                | "before"
                | "after"
                | "through"
                | "during"
        )),
        "to" if word(2) == "up" => Some(true),
        // "rose to 1500 troops", but "fell to 1990 levels" compares with a year.
        "to" if change_verb(word(2)).is_some() => Some(!matches!(
            next,
            "levels" | "level" | "highs" | "lows" | "figures"
        )),
        "of" if matches!(
            word(2),
            "total"
                | "number"
                | "toll"
                | "tally"
                | "crowd"
                | "force"
                | "group"
                | "out"
                | "army"
                | "contingent"
                | "fleet"
                | "workforce"
                | "population"
        ) =>
        {
            Some(true)
        }
        // The next item of a list of counts: "300 tanks and 1800 troops".
        "and"
            if first >= 3
                && ctx.is_word(first - 2)
                && ctx.kind(first - 3) == Some(TokKind::Num)
                && ctx.raw(first - 3).len() != 4 =>
        {
            Some(true)
        }
        _ => None,
    }
}

/// Whether `raw` can end a span of years: two digits ("2014-15") or a year ("1914-1918").
fn year_span_end(raw: &str) -> bool {
    raw.bytes().all(|b| b.is_ascii_digit())
        && (raw.len() <= 2 || is_year_like(raw, raw.parse().unwrap_or(0.0)))
}

/// Words that make the number after them modify a noun: "the 1999 earthquake", "its 2025 total".
static DETERMINERS: WordSet = WordSet::new(&[
    "the", "a", "an", "its", "their", "his", "her", "our", "your", "this", "that", "whose",
]);

/// Whether a comparison bounds the number: "more than 2000 were killed", "above 1000 and below
/// 1500", "at least 1200". A hedge ("about 1990", "around 2000") may date as well as count.
fn compared(ctx: &Ctx, first: usize) -> bool {
    bound_before(ctx.words_before(first, 5)).is_some_and(|(b, _)| b != Bound::Approximate)
}

/// Whether a year-like number `value` is the low end of a range of counts: a dash or "to" and a
/// number that is no year but of its order ("2000 - 2500 calories", "1500 to 3000 troops"; the
/// caller keeps "in 2023 to 12,000" a year).
fn low_end_of_counts(ctx: &Ctx, after: usize, value: f64) -> bool {
    let raw = ctx.raw(after + 1);
    let high = raw
        .bytes()
        .filter(u8::is_ascii_digit)
        .fold(0.0, |v, b| v * 10.0 + f64::from(b - b'0'));
    matches!(ctx.w(after), "-" | "\u{2013}" | "to")
        && ctx.kind(after + 1) == Some(TokKind::Num)
        && raw.bytes().all(|b| b.is_ascii_digit() || b == b',')
        && high > 2100.0
        && high < value * 10.0
}

fn is_year_like(raw: &str, value: f64) -> bool {
    raw.len() == 4 && raw.bytes().all(|b| b.is_ascii_digit()) && (1000.0..=2100.0).contains(&value)
}

/// Decides whether a numeral is not a claim. `has_unit` is true when a unit, currency or counted
/// noun is attached, `sentence_start` is the index of the sentence's first token.
pub fn not_a_claim(
    ctx: &Ctx,
    n: &Numeral,
    unit: Option<Kind>,
    reserved: &[(usize, usize, NotClaim)],
) -> Option<NotClaim> {
    let first = n.first;
    let after = n.last;
    let prev = first.checked_sub(1).map_or("", |p| ctx.w(p));
    let next = ctx.w(after);
    let start = ctx.toks[first].start;
    let has_unit = unit.is_some();
    // A unit of measure, currency or percentage (not just a counted noun).
    let measured = unit.is_some_and(|k| k != Kind::Count);
    if let Some(&(_, _, why)) = reserved.iter().find(|&&(a, b, _)| start >= a && start < b) {
        return Some(why);
    }
    if matches!(
        next,
        "year"
            | "years"
            | "month"
            | "months"
            | "week"
            | "weeks"
            | "day"
            | "days"
            | "decade"
            | "decades"
            | "hour"
            | "hours"
    ) && matches!(ctx.w(after + 1), "later" | "ago" | "earlier")
        && ctx.w(after + 2) != "than"
    {
        return Some(NotClaim::RelativeTime);
    }
    // "the first half of the year", "the second half of 2024": a period, not a share.
    if ctx.w(first) == "half" && matches!(prev, "first" | "second" | "last" | "latter") {
        return Some(NotClaim::Ordinal);
    }
    if let Some(d) = n.digits {
        let raw = ctx.raw(d);
        // Grouped or decimal digits ("10,000", "3.5"): no day, no name.
        let grouped = raw.bytes().any(|b| matches!(b, b'.' | b','));
        // Ordinals and decades: "22nd", "96th-minute", "1990s".
        if ctx.glued(after) && ctx.is_word(after) {
            let suffix = &next[..next.bytes().position(|b| b == b'-').unwrap_or(next.len())];
            if matches!(suffix, "st" | "nd" | "rd" | "th") {
                return Some(NotClaim::Ordinal);
            }
            if suffix == "s" && is_year_like(raw, n.value) {
                return Some(NotClaim::Year);
            }
        }
        // Times: "5:25", "12:01 a.m.", "0401 GMT", "1:36.6".
        if (next == ":" && ctx.glued(after) && ctx.kind(after + 1) == Some(TokKind::Num))
            || (prev == ":" && ctx.glued(first))
            || (matches!(next, "am" | "pm") && clock_time(raw))
            || matches!(
                next,
                "a.m"
                    | "p.m"
                    | "gmt"
                    | "utc"
                    | "edt"
                    | "est"
                    | "bst"
                    | "cet"
                    | "cest"
                    | "pdt"
                    | "pst"
                    | "et"
                    | "o'clock"
            )
            // "1400 hrs" is a clock time, "3 hrs" a duration.
            || (next == "hrs" && raw.len() == 4 && !grouped)
        {
            return Some(NotClaim::Time);
        }
        // ISO and numeric dates: "2022-02-24", "12/05/2024".
        let sep_next = matches!(next, "-" | "/")
            && ctx.glued(after)
            && ctx.glued(after + 1)
            && ctx.kind(after + 1) == Some(TokKind::Num);
        let sep_prev = first >= 2
            && matches!(prev, "-" | "/")
            && ctx.glued(first)
            && ctx.glued(first - 1)
            && ctx.kind(first - 2) == Some(TokKind::Num);
        // A year and a year-like or two-digit number make a span ("2014-15", "1914-1918"), a
        // month and a year a date ("03/2024"), three numbers joined alike a date or an
        // identifier ("12/05/2024"); "1000-5000" and "300-500 cars" are ranges.
        let chain_end = sep_prev
            && first >= 4
            && ctx.w(first - 3) == prev
            && ctx.glued(first - 2)
            && ctx.kind(first - 4) == Some(TokKind::Num);
        // Two small whole numbers joined by a slash that are no fraction: a day and a month
        // ("9/11", "5/12") or an idiom ("24/7").
        let day_month = |other: usize| {
            ctx.raw(other).len() <= 2
                && raw.len() <= 2
                && ctx.raw(other).parse::<u32>().is_ok_and(|v| v <= 31)
                && n.value <= 31.0
        };
        if (sep_next && sep_prev && prev == next)
            || chain_end
            || (sep_next && next == "/" && day_month(after + 1))
            || (sep_prev && prev == "/" && day_month(first - 2))
            || (sep_next
                && ((is_year_like(raw, n.value) && year_span_end(ctx.raw(after + 1)))
                    || (n.value <= 12.0 && !grouped && is_year_like(ctx.raw(after + 1), 1000.0))
                    || (ctx.w(after + 2) == next
                        && ctx.glued(after + 2)
                        && ctx.kind(after + 3) == Some(TokKind::Num))))
            || (sep_prev
                && is_year_like(ctx.raw(first - 2), 1000.0)
                && (prev == "/" || year_span_end(raw))
                // "the 2024-25 season": two digits after a year end a span even before a noun;
                // "2000-2500 people" is a range.
                && (!has_unit || raw.len() <= 2))
        {
            return Some(NotClaim::Date);
        }
        // "June 12", "Oct. 28", "12 June", "on 9 May" (the capital tested first: it is cheaper
        // than the month lookup and turns most words away). A month matters only beside a day
        // or a year: the lookups are spared for other figures.
        let year_like = is_year_like(raw, n.value);
        let day_like = n.value <= 31.0 && !n.scaled && !grouped;
        let month_before = (day_like || year_like)
            && (first >= 1 && ctx.capitalized(first - 1) && month(prev).is_some()
                || (prev == "."
                    && first >= 2
                    && ctx.capitalized(first - 2)
                    && month(ctx.w(first - 2)).is_some()));
        let month_after = day_like && ctx.capitalized(after) && month(next).is_some();
        if (month_before && day_like) || month_after {
            return Some(NotClaim::Date);
        }
        // A range of days: "July 25-26", "Sept. 20-24", "3-5 June", "12\u{2013}14 August".
        if day_like && days_range(ctx, first, after) {
            return Some(NotClaim::Date);
        }
        let plain = !grouped && !n.scaled;
        // Years: "in 2024", "2014-15", "between 1600 and 1900" (no unit, no currency); with a
        // counted noun only after a preposition ("in 2018 sales rose").
        let year_word = || {
            matches!(
                prev,
                "in" | "since"
                    | "by"
                    | "from"
                    | "until"
                    | "till"
                    | "of"
                    | "and"
                    | "between"
                    | "to"
                    | "through"
                    | "during"
                    | "before"
                    | "after"
                    | "year"
                    | "s"
                    | "'"
                    | "\u{2019}"
                    | "early"
                    | "late"
                    | "mid"
            )
        };
        // After a determiner a year-like number written without a comma modifies its noun:
        // "the 1999 earthquake", "its 2025 total", "the 2024 figures" (news writes counts of a
        // thousand and more with one, "the 1,500 soldiers"); "a 1500-strong force" counts.
        let determined = || {
            DETERMINERS
                .contains(prev)
                .then(|| !(next == "-" && ctx.w(after + 1) == "strong"))
        };
        if year_like
            && !n.scaled
            && (year_word() || !low_end_of_counts(ctx, after, n.value))
            && !compared(ctx, first)
            && (!has_unit
                || (!measured
                    && quantity_word_before(ctx, first, next).map_or_else(
                        || {
                            determined().unwrap_or_else(|| {
                                year_word() || (first > 0 && ctx.capitalized(first - 1))
                            })
                        },
                        |count| !count,
                    )))
        {
            return Some(NotClaim::Year);
        }
        if month_before && year_like {
            return Some(NotClaim::Year);
        }
        // A year's possessive: "2022's pace", "2023's total", "1990's levels".
        let possessive = matches!(next, "'s" | "\u{2019}s")
            || (matches!(next, "'" | "\u{2019}") && ctx.w(after + 1) == "s");
        if year_like && plain && possessive && ctx.glued(after) {
            return Some(NotClaim::Year);
        }
        // A list marker: a number opening the sentence, followed by "." or ")".
        if first == 0 && matches!(next, "." | ")") && ctx.glued(after) && n.value < 100.0 {
            return Some(NotClaim::ListMarker);
        }
        // Part of a name: "Big 12", "S&P 500", "Category 4", "No. 1", "Model 3s".
        if plain && first >= 1 {
            let p = if prev == "." && first >= 2 {
                first - 2
            } else {
                first - 1
            };
            let naming = NAMING_WORDS.contains(ctx.w(p));
            // "On Tuesday 40 boats", "In March 300 people": a day's or month's name is when.
            let proper = ctx.capitalized(p)
                && p > 0
                && !is_common_word(ctx.w(p))
                && weekday(ctx.raw(p)).is_none()
                && month(ctx.raw(p)).is_none();
            // Tested last, only when the word is neither: "iPhone", "S&P", "F-16".
            let name_like = || {
                let camel = ctx.is_word(p)
                    && ctx.raw(p).chars().skip(1).any(char::is_uppercase)
                    && !ctx.raw(p).chars().all(char::is_uppercase);
                ctx.kind(p) == Some(TokKind::Code) || ctx.raw(p).bytes().any(|b| b == b'&') || camel
            };
            // A gapped clause leaves out the verb and unit an earlier figure of the sentence
            // has: "Louisville lost 550 homes and Superior 378", "40 in Ohio, Texas 35".
            let gapped = || {
                p >= 2
                    && matches!(ctx.w(p - 1), "and" | "," | "while" | "but" | "whereas")
                    && matches!(next, "." | "," | ";" | "" | "and")
                    && (0..p - 1).any(|k| {
                        ctx.kind(k) == Some(TokKind::Num) && !(k > 0 && ctx.capitalized(k - 1))
                    })
            };
            if (naming || (proper && !gapped()) || name_like()) && (!measured || naming) {
                return Some(NotClaim::Name);
            }
        }
        // An age in apposition: "Senard, 65, now faces", "Jamie Armstrong, 25, said".
        if !has_unit && prev == "," && next == "," && first >= 2 && ctx.capitalized(first - 2) {
            return Some(NotClaim::Age);
        }
        if !grouped && is_age(ctx, first, after, measured) {
            return Some(NotClaim::Age);
        }
        if plain && !measured && is_address(ctx, after) {
            return Some(NotClaim::Address);
        }
    }
    if n.spelled {
        // "one of the best", "each one", "no one", "one another".
        if n.value == 1.0 && n.last == n.first + 1 {
            if next == "of" {
                return Some(NotClaim::OneOf);
            }
            if matches!(
                prev,
                "each"
                    | "no"
                    | "any"
                    | "every"
                    | "the"
                    | "this"
                    | "that"
                    | "which"
                    | "another"
                    | "someone"
                    | "anyone"
            ) || matches!(
                next,
                "another" | "day" | "thing" | "way" | "side" | "hand" | "time"
            ) {
                return Some(NotClaim::Pronoun);
            }
        }
    }
    None
}

/// Whether digits `raw` can be a clock time before "am" or "pm": an hour ("5", "11") or an hour
/// and two-digit minutes ("5.30"). Anything else ("2.1 pm", "154 pm") is no time: the catalog
/// reads picometres there, as it reads attometres for "am".
fn clock_time(raw: &str) -> bool {
    let (hour, minutes) = match raw.split_once('.') {
        Some((h, m)) => (h, Some(m)),
        None => (raw, None),
    };
    let number = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    number(hour)
        && hour.parse::<u8>().is_ok_and(|h| h <= 24)
        && minutes.is_none_or(|m| m.len() == 2 && number(m) && m < "60")
}

/// An age: "an 8-year-old girl", "the 3-month-old", "younger than 10", "older than 65" (with no
/// unit after it: "younger than three months old" is a measure).
fn is_age(ctx: &Ctx, first: usize, after: usize, measured: bool) -> bool {
    let joined = if ctx.w(after) == "-" && ctx.glued(after) {
        after + 1
    } else {
        after
    };
    let aged = ctx.glued(joined)
        && matches!(
            ctx.w(joined).trim_start_matches('-'),
            "year-old" | "years-old" | "month-old" | "week-old" | "day-old"
        );
    let compared = first >= 2
        && ctx.w(first - 1) == "than"
        && matches!(ctx.w(first - 2), "younger" | "older")
        && !measured;
    aged || compared || age_bracket(ctx, first, after, measured)
}

/// People of an age: "the patient, who is over 65", "aged 70", "people under 18", "adults over
/// 50" (a whole number of years, with no unit of its own).
fn age_bracket(ctx: &Ctx, first: usize, after: usize, measured: bool) -> bool {
    let years = after == first + 1
        && ctx
            .w(first)
            .parse::<u8>()
            .is_ok_and(|n| (1..=120).contains(&n));
    // The words 1, 2 and 3 places before the number ("" before the sentence).
    let word = |back: usize| first.checked_sub(back).map_or("", |k| ctx.w(k));
    let (prep, before, subject) = (word(1), word(2), word(3));
    let people = matches!(
        before,
        "aged" | "people" | "adults" | "those" | "patients" | "residents" | "anyone" | "children"
    );
    let who_is = matches!(before, "is" | "are" | "was" | "were") && subject == "who";
    years && !measured && (prep == "aged" || matches!(prep, "over" | "under") && (people || who_is))
}

/// Street suffixes that end an address after its number.
static STREETS: WordSet = WordSet::new(&[
    "street",
    "st",
    "avenue",
    "ave",
    "road",
    "rd",
    "boulevard",
    "blvd",
    "highway",
    "hwy",
    "drive",
    "lane",
    "parkway",
    "pkwy",
    "place",
    "terrace",
]);

/// A street address: the number is followed by capitalised words, directions and ordinals that
/// end in a street suffix ("10 Downing Street", "777 Maui Veterans Highway", "9 E 71st St").
fn is_address(ctx: &Ctx, after: usize) -> bool {
    let mut named = false;
    for i in after..after + 6 {
        let ordinal = ctx.kind(i) == Some(TokKind::Num)
            || (ctx.glued(i) && matches!(ctx.w(i), "st" | "nd" | "rd" | "th"));
        if ctx.capitalized(i) {
            if named && STREETS.contains(ctx.w(i)) {
                return true;
            }
            named = true;
        } else if !ordinal {
            return false;
        }
    }
    false
}

/// Capitalised words that start sentences or clauses and are not names.
fn is_common_word(w: &str) -> bool {
    super::concept::is_stopword(w)
        || matches!(
            w,
            "about"
                | "around"
                | "over"
                | "under"
                | "nearly"
                | "almost"
                | "some"
                | "more"
                | "than"
                | "up"
                | "only"
                | "just"
                | "roughly"
                | "approximately"
                | "exactly"
                | "after"
                | "before"
                | "since"
                | "between"
                | "from"
                | "to"
                | "rose"
                | "fell"
                | "total"
                | "totalling"
                | "another"
                | "additional"
                | "least"
        )
}

#[cfg(test)]
mod tests {
    use super::super::numbers::find_numerals;
    use super::*;

    #[test]
    fn digit_runs_precede_every_date_and_phone_match() {
        let date = |s: &str| three_digit_runs(s, |c| matches!(c, '-' | '/'), 1..=2, 1);
        let phone = |s: &str| {
            three_digit_runs(s, |c| c.is_whitespace() || matches!(c, '.' | '-'), 2..=4, 2)
        };
        let texts = [
            "call +1 (555) 123-4567 now",
            "555.123.4567",
            "12345 67 89012",
            "on 2024-02-24 and 12/05/2024",
            "\u{0663}\u{0660}/\u{0661}/\u{0662}\u{0662}",
            "10\u{a0}000\u{a0}000 people",
            "a 1-2-3 plan",
            "1 2 3",
            "12-345-67",
            "12-34567-8 x",
            "from 10,000 to 12,000",
            "in 2019 100 people",
            "3.5 per cent, 4 2",
        ];
        for t in texts {
            assert!(!NUMERIC_DATE.is_match(t) || date(t), "{t}");
            assert!(!PHONE.is_match(t) || phone(t), "{t}");
        }
        assert!(date("on 2024-02-24") && phone("555.123.4567") && phone("12345 67 89012"));
        assert!(!date("from 10,000 to 12,000") && !phone("in 2019 100 people"));
        assert!(!phone("1 2 3") && !phone("12-34567-8 x") && !date("a 1-234-5"));
    }

    /// Year-like numbers through the whole extractor, with the counted noun found past its
    /// modifiers: the values extracted.
    #[test]
    fn year_like_counts_through_the_extractor() {
        let cases: &[(&str, &[f64])] = &[
            ("About 1004 North Korean troops arrived.", &[1004.0]),
            ("Nearly 1500 displaced families returned home.", &[1500.0]),
            ("Some 2050 Ukrainian soldiers crossed the river.", &[2050.0]),
            ("Rescuers found up to 1200 stranded hikers.", &[1200.0]),
            ("The 1,200 Ukrainian troops left.", &[1200.0]),
            ("Officials said a 1500-strong force had arrived.", &[1500.0]),
            ("The deployment rose to 1500 troops.", &[1500.0]),
            ("Numbers fell to 1200 workers last year.", &[1200.0]),
            ("An army of 1200 soldiers crossed.", &[1200.0]),
            ("They sent 300 tanks and 1800 troops.", &[300.0, 1800.0]),
            ("Prices from 2019 to 2024 rose.", &[]),
            ("Emissions fell to 1990 levels.", &[]),
            ("Output returned to 2019 levels.", &[]),
            // After a day's or a month's name.
            ("On Tuesday 40 boats landed.", &[40.0]),
            ("In March 300 people fled.", &[300.0]),
            ("Police said Monday 12 people were hurt.", &[12.0]),
            // A year's possessive.
            ("Arrivals ran ahead of 2022's pace.", &[]),
            ("It fell below 2019\u{2019}s total of 40 cases.", &[40.0]),
            ("Sales topped 2021's 300 units.", &[300.0]),
            ("Sales in 1990 and 2000 rose.", &[]),
            ("It was worse than the 1999 coastal earthquake.", &[]),
            ("In 1995 troops arrived in the town.", &[]),
            ("The 1995 proposal failed.", &[]),
            ("The fort was built in 1004 AD.", &[]),
            ("By about 2030 emissions will fall.", &[]),
            // Ranges of days beside a month.
            ("The council meets on July 25-26 in Brussels.", &[]),
            ("The talks run Sept. 20-24 with 40 delegations.", &[40.0]),
            ("Polls open 3-5 June.", &[]),
            (
                "The fair, held 12\u{2013}14 August, drew 30,000 people.",
                &[30000.0],
            ),
            ("Between 3-5 people were hurt in June.", &[4.0]),
        ];
        for (text, want) in cases {
            let got: Vec<f64> = crate::extract::extract(&crate::model::Document::new("t", *text))
                .iter()
                .map(|c| c.value)
                .collect();
            assert_eq!(&got, want, "{text}");
        }
    }

    /// Returns the reason for each numeral in `text` (`None`: a claim).
    fn reasons(text: &str) -> Vec<Option<NotClaim>> {
        let mut lower = String::new();
        let ctx = crate::extract::context::test_ctx(text, &mut lower);
        let reserved = reserved_spans(text, 0, text.len());
        find_numerals(&ctx)
            .map(|n| {
                let unit = match ctx.w(n.last) {
                    "troops" | "people" | "soldiers" | "workers" | "homes" | "emissions"
                    | "sales" => Some(Kind::Count),
                    "%" => Some(Kind::Percentage),
                    "hp" => Some(Kind::Measure),
                    _ => None,
                };
                not_a_claim(&ctx, &n, unit, &reserved)
            })
            .collect()
    }

    #[test]
    fn not_claims() {
        use NotClaim::*;
        let cases: &[(&str, &[Option<NotClaim>])] = &[
            ("in 2024 it rose", &[Some(Year)]),
            // A half or quarter of the year is a period; half of a count is a share.
            ("in the first half of the year it rose", &[Some(Ordinal)]),
            (
                "the second half of 2024 was calm",
                &[Some(Ordinal), Some(Year)],
            ),
            ("half of the people left", &[None]),
            ("on June 12 they met", &[Some(Date)]),
            ("on Oct. 28 they met", &[Some(Date)]),
            ("on 9 May they met", &[Some(Date)]),
            ("sales in May 2024 rose", &[Some(Year)]),
            ("In June 2,500 people left", &[None]),
            ("up 12 percent in May", &[None]),
            (
                "the 2022-02-24 invasion",
                &[Some(Date), Some(Date), Some(Date)],
            ),
            ("at 5:25 a.m. ESPN", &[Some(Time), Some(Time)]),
            // "am" and "pm" after a clock time only; else the unit (picometres, attometres).
            ("at 5pm they met", &[Some(Time)]),
            ("by 11.45 pm it ended", &[Some(Time)]),
            ("from 9am to 5pm", &[Some(Time), Some(Time)]),
            ("at 17.30pm", &[Some(Time)]),
            ("a radius of 154 pm", &[None]),
            ("a grid of 2.1 pm", &[None]),
            ("a size of 2.125 am", &[None]),
            ("at 7.75 pm", &[None]),
            (
                "after 12:01 a.m. EDT (0401 GMT)",
                &[Some(Time), Some(Time), Some(Time)],
            ),
            ("its 22nd year", &[Some(Ordinal)]),
            ("the 96th-minute winner", &[Some(Ordinal)]),
            ("in the 1990s", &[Some(Year)]),
            ("the Big 12 said", &[Some(Name)]),
            ("the S&P 500 fell", &[Some(Name)]),
            ("The 9/11 memorial", &[Some(Date), Some(Date)]),
            ("open 24/7 since", &[Some(Date), Some(Date)]),
            ("the 5/12 deadline", &[Some(Date), Some(Date)]),
            ("the 2024-25 season", &[Some(Date), Some(Date)]),
            ("its 2019-20 budget", &[Some(Date), Some(Date)]),
            // A name before a figure of a gapped clause is the place the figure is about.
            ("Louisville lost 550 homes and Superior 378.", &[None, None]),
            (
                "Ohio reported 40 cases, Texas 35 and Utah 12.",
                &[None, None, None],
            ),
            (
                "the crews of Apollo 11 and Apollo 13.",
                &[Some(Name), Some(Name)],
            ),
            ("The Dow fell and the S&P 500.", &[Some(Name)]),
            ("The category 4 hurricane", &[Some(Name)]),
            (
                "call +44 20 7946 0958 now",
                &[Some(Phone), Some(Phone), Some(Phone), Some(Phone)],
            ),
            (
                "call 555-123-4567 now",
                &[Some(Phone), Some(Phone), Some(Phone)],
            ),
            ("one of the best", &[Some(OneOf)]),
            ("each one they lose", &[Some(Pronoun)]),
            ("10,000 troops", &[None]),
            ("2000 people", &[None]),
            ("1000 hp", &[None]),
            ("About 300 songs", &[None]),
            ("Keytrudas 2018 sales jumped", &[Some(Year)]),
            (
                "between 1750 and 1850 sea levels",
                &[Some(Year), Some(Year)],
            ),
            ("the Euro 2020 qualifier", &[Some(Year)]),
            ("its new HIV 2 drug regimen", &[Some(Name)]),
            ("The iPhone 14 display", &[Some(Name)]),
            ("Senard, 65, now faces", &[Some(Age)]),
            ("Two years later, she said", &[Some(RelativeTime)]),
            ("10 days ago the town fell", &[Some(RelativeTime)]),
            ("up from three weeks earlier", &[Some(RelativeTime)]),
            ("The siege lasted two years.", &[None]),
            // A year-like number with a counted noun after a word of quantity is a count;
            // after a preposition of time, or with nothing counted, it is a year.
            ("About 1004 troops arrived", &[None]),
            ("Nearly 2000 people fled", &[None]),
            ("Some 1500 soldiers crossed", &[None]),
            ("they sent up to 1200 workers", &[None]),
            ("a total of 1800 homes burned", &[None]),
            ("Officials said about 2050 soldiers arrived", &[None]),
            ("At least 1100 people died", &[None]),
            ("2050 soldiers arrived", &[None]),
            ("about 1,500 people", &[None]),
            ("In 1995 troops arrived", &[Some(Year)]),
            ("by about 2030 emissions will fall", &[Some(Year)]),
            ("in around 1990 workers struck", &[Some(Year)]),
            ("the 1995 proposal", &[Some(Year)]),
            ("built in 1004 AD", &[Some(Year)]),
            ("Around 2030 the plan ends", &[Some(Year)]),
            ("the summer of 1995 people remember", &[Some(Year)]),
            // A delay is a figure.
            ("It opened 10 days later than planned", &[None]),
            // After a determiner a year-like number is a year.
            ("worse than the 1999 earthquake", &[Some(Year)]),
            ("since the 1960 tsunami struck", &[Some(Year)]),
            ("it raised its 2025 total", &[Some(Year)]),
            ("unlike their 2019 campaign", &[Some(Year)]),
            ("the 2003 Iron Bowl was close", &[Some(Year)]),
            ("the 2024 figures show", &[Some(Year)]),
            ("The 2022 elections", &[Some(Year)]),
            // Ranges of counts are not spans of years or dates.
            ("they sent 2000 - 2500 troops", &[None, None]),
            // A comparison bounds a count; a hedge may date.
            ("More than 2000 were killed", &[None]),
            ("above 1000 and below 1500", &[None, None]),
            ("at least 1200 fled", &[None]),
            ("it peaked around 1990", &[Some(Year)]),
            ("it closed before 1990", &[Some(Year)]),
            ("in 2022 - 45,774 people", &[Some(Year), None]),
            ("in 2023 to 12,000 people", &[Some(Year), None]),
            ("sent 1000-5000 troops", &[None, None]),
            ("the range is 1000-5000", &[None, None]),
            ("sold 300-500 cars", &[None, None]),
            ("the 1914-1918 war", &[Some(Date), Some(Date)]),
            ("the 2014-15 season", &[Some(Date), Some(Date)]),
            ("paid in 03/2024", &[Some(Date), Some(Year)]),
            ("code 11-22-33", &[Some(Date), Some(Date), Some(Date)]),
            // Street addresses.
            ("at 777 Kahului Beach Road", &[Some(Address)]),
            ("lives at 10 Downing Street", &[Some(Address)]),
            (
                "the gallery at 9 E 71st St",
                &[Some(Address), Some(Ordinal)],
            ),
            ("at 40 Main Street, 20 people", &[Some(Address), None]),
            ("40 Ukrainian soldiers", &[None]),
            ("5 Park Rangers arrived", &[None]),
            // Ages.
            ("an 8-year-old girl", &[Some(Age)]),
            ("the 3-month-old baby", &[Some(Age)]),
            ("a 45-year-old man", &[Some(Age)]),
            ("the boy was younger than 10", &[Some(Age)]),
            ("residents older than 65", &[Some(Age)]),
            ("the patient, who is over 65, was treated", &[Some(Age)]),
            ("people under 18 may not vote", &[Some(Age)]),
            ("a man aged 70 died", &[Some(Age)]),
            ("adults over 50 should be vaccinated", &[Some(Age)]),
            ("over 65 people were treated", &[None]),
            ("the toll is over 65 now", &[None]),
            ("10 years old", &[None]),
            // "hrs" after a four-digit clock time, otherwise hours.
            ("at 1400 hrs the shelling began", &[Some(Time)]),
            ("it lasted 3 hrs", &[None]),
        ];
        for (text, expected) in cases {
            assert_eq!(&reasons(text), expected, "{text}");
        }
    }
}
