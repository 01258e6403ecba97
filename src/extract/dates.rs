//! As-of dates: the day a sentence's figures refer to, resolved against the publication date.
//!
//! Weekday names are the most recent such day on or before publication ("Monday" in an article
//! of Tuesday 2024-10-29 is 2024-10-28); also "yesterday", "today", "last week", "N days ago",
//! "on Oct. 28", "28 October", "as of June 1" and ISO dates. Month names alone are not dates.
//! A figure takes the date marked as the figures' own ("as of", "through"), else the date
//! nearest to it; a dateline's date and the date of an event ("the quake that struck on
//! Monday", "the Feb. 6 earthquakes") are no figure's.

use super::context::Word;
use super::lexicon::{DOWN, SAY_VERBS, UP, WordSet};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// The bits of lower-case ASCII letters, `a` the lowest: a word's first letter is tested
/// against a set of them in one step.
const fn letters(set: &[u8]) -> u32 {
    let mut mask = 0;
    let mut k = 0;
    while k < set.len() {
        mask |= 1 << (set[k] - b'a');
        k += 1;
    }
    mask
}

/// `w` in ASCII lower case in `buf`, when it has 3 to 9 bytes (the lengths of month and
/// weekday names) and starts with one of `initials` (see [`letters`]): most words are turned
/// away by their length or first letter alone.
fn lower_name<'b>(w: &str, initials: u32, buf: &'b mut [u8; 9]) -> Option<&'b [u8]> {
    let first = w.as_bytes().first()?.to_ascii_lowercase();
    if !first.is_ascii_lowercase() || initials & (1 << (first - b'a')) == 0 {
        return None;
    }
    let lower = buf.get_mut(..w.len()).filter(|_| w.len() >= 3)?;
    // Byte by byte: a copy of a few bytes of varying length would call memcpy.
    for (l, b) in lower.iter_mut().zip(w.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    Some(lower)
}

/// `w` without its trailing periods ("Oct." -> "Oct"), found byte by byte.
fn trim_periods(w: &str) -> &str {
    // A period is one byte: the byte after the last other one starts a char.
    let end = w
        .bytes()
        .rposition(|b| b != b'.')
        .map_or(0, |last| last + 1);
    &w[..end]
}

const MONTH_INITIALS: u32 = letters(b"jfmasond");
const WEEKDAY_INITIALS: u32 = letters(b"mtwfs");

/// Month names and abbreviations, in any ASCII case, with trailing periods ("Oct.").
pub fn month(word: &str) -> Option<u32> {
    let mut buf = [0u8; 9];
    Some(
        match lower_name(trim_periods(word), MONTH_INITIALS, &mut buf)? {
            b"january" | b"jan" => 1,
            b"february" | b"feb" => 2,
            b"march" | b"mar" => 3,
            b"april" | b"apr" => 4,
            b"may" => 5,
            b"june" | b"jun" => 6,
            b"july" | b"jul" => 7,
            b"august" | b"aug" => 8,
            b"september" | b"sep" | b"sept" => 9,
            b"october" | b"oct" => 10,
            b"november" | b"nov" => 11,
            b"december" | b"dec" => 12,
            _ => return None,
        },
    )
}

/// A weekday name, also in the possessive ("Monday's").
pub fn weekday(word: &str) -> Option<Weekday> {
    let w = trim_suffixes(trim_suffixes(word, "'s"), "\u{2019}s");
    let mut buf = [0u8; 9];
    Some(match lower_name(w, WEEKDAY_INITIALS, &mut buf)? {
        b"monday" => Weekday::Mon,
        b"tuesday" => Weekday::Tue,
        b"wednesday" => Weekday::Wed,
        b"thursday" => Weekday::Thu,
        b"friday" => Weekday::Fri,
        b"saturday" => Weekday::Sat,
        b"sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// `s` without every trailing `suffix`, as `trim_end_matches` gives it, without building a
/// substring searcher for each call.
fn trim_suffixes<'a>(mut s: &'a str, suffix: &str) -> &'a str {
    while let Some(rest) = s.strip_suffix(suffix) {
        s = rest;
    }
    s
}

fn small_count(word: &str) -> Option<u64> {
    match word {
        "one" | "a" => Some(1),
        "two" => Some(2),
        "three" => Some(3),
        "four" => Some(4),
        "five" => Some(5),
        "six" => Some(6),
        "seven" => Some(7),
        _ => word.parse().ok().filter(|&n: &u64| n <= 400),
    }
}

/// The most recent `day` on or before `published`.
pub fn last_weekday(published: NaiveDate, day: Weekday) -> Option<NaiveDate> {
    let back = (published.weekday().num_days_from_monday() + 7 - day.num_days_from_monday()) % 7;
    published.checked_sub_days(Days::new(u64::from(back)))
}

/// A month and day without a year, placed in the year of publication (or the one before when
/// that would put it more than a month after publication).
fn month_day(published: Option<NaiveDate>, m: u32, d: u32) -> Option<NaiveDate> {
    let p = published?;
    let date = NaiveDate::from_ymd_opt(p.year(), m, d)?;
    if p.checked_add_days(Days::new(31))
        .is_some_and(|limit| date > limit)
    {
        NaiveDate::from_ymd_opt(p.year() - 1, m, d)
    } else {
        Some(date)
    }
}

/// A date stated in a sentence: the token it starts at, the day, and whether it is stated as
/// the figures' own ("as of June 1", "through Thursday, March 6").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated {
    pub at: usize,
    pub date: NaiveDate,
    pub firm: bool,
    /// A whole month or year ("in July", "in 2023", "last month"): a statistic's period.
    pub period: bool,
    /// Right after a verb of saying ("said on Wednesday") or of publishing ("released on
    /// Friday"): when the statement was made.
    pub statement: bool,
}

/// The first as-of date stated in a sentence, given its words in order.
pub fn date_in(words: &[Word], published: Option<NaiveDate>) -> Option<NaiveDate> {
    dates_in(words, published, None).first().map(|d| d.date)
}

/// The day a dateline opening the sentence `words` names ("KYIV, Nov 4 (Reuters) -"): the day the
/// article was written, when it is one of the seven days up to `published`. An article filed one
/// day and published the next speaks of the filing day: its "has burned" and its "on Monday"
/// are that day's.
pub fn dateline_day(words: &[Word], published: Option<NaiveDate>) -> Option<NaiveDate> {
    let published = published?;
    (2..words.len().min(8))
        .filter(|&i| capitalized_word(words[i].text) && is_dateline(words, i))
        .find_map(|i| named_day(words, i, Some(published)))
        .and_then(|(date, period)| date.filter(|_| !period))
        .filter(|&d| d <= published && (published - d).num_days() <= 7)
}

/// The date a figure whose tokens run from `first` to before `end` holds on, among a sentence's
/// dates: a firm one ("as of") if there is one, else the one nearest to the figure ("said on
/// Monday that 40 ..., and put the toll on Tuesday at 55": 55 holds on Tuesday), a date in the
/// figure's own clause (no ";" between) before any other. Dates at tokens in `aside` (those of
/// the figure's stated previous value) are not the figure's. A `rate` (a percentage, as monthly
/// statistics are) takes its clause's period ("in July") over the day a source spoke, as does a
/// count whose period ended before that day ("recorded 29,000 in 2023, it said on Monday"). A date
/// right after the figure ("after 4.9% in April") is its own, before any marked elsewhere; a
/// month or year right after an earlier figure the sentence compares with (one of `others`,
/// token spans) is that figure's ("rose 4.1% after a 3.9% rise in July": July is not the
/// 4.1%'s; "rose 0.2% in July, and the annual rate slowed to 2.9%" is July's).
pub fn date_for<'d>(
    dated: &'d [Dated],
    words: &[Word],
    (first, end): (usize, usize),
    others: &[(usize, usize)],
    aside: std::ops::Range<usize>,
    rate: bool,
) -> Option<&'d Dated> {
    // "7% more than at the same point in 2023, when 17,999 had crossed": a date before ",
    // when" dates the figures after it, not one before.
    // A date after a ";" that follows the figure is the next statement's: "Two people remain
    // missing; the remains of one were found on Wednesday."
    let next_statement = |d: &Dated| {
        d.at >= end
            && words
                .get(end..d.at)
                .is_some_and(|span| span.iter().any(|w| w.lower == ";"))
    };
    let anothers = |d: &Dated| {
        d.period
            && !follows_figure(words, end, d.at)
            && (after_an_earlier(words, end, d.at)
                || others.iter().any(|&(f, e)| {
                    e != end
                        && e < d.at
                        && follows_figure(words, e, d.at)
                        && an_earlier_one(words, f)
                }))
    };
    // "rose 3.2%, a touch below November's 3.3%", "below November's level of 3.3%": a
    // possessive date after the figure, right before another figure, is that one's ("Friday's
    // arrivals - 424 people - took the total to 29,578" dates the total too).
    let owned_by_another = |d: &Dated| {
        let owner = |f: usize| f > d.at && f - d.at <= 3;
        d.at >= end
            && strip_possessive(words[d.at].text).is_some()
            && others.iter().any(|&(f, e)| e != end && owner(f))
    };
    // "rebounded in March after a surprise drop the month before, keeping the rate at 4.1%": a
    // date inside an "after" or "following" phrase that a comma closes before the figure dates
    // that phrase's event, not the figure.
    let an_earlier_events = |d: &Dated| {
        d.at < first
            && words[d.at..first].iter().any(|w| w.lower == ",")
            && (d.at.saturating_sub(6)..d.at)
                .rev()
                .take_while(|&k| words[k].lower != ",")
                .any(|k| matches!(words[k].lower, "after" | "following"))
    };
    // "... it had estimated on Thursday, and said more than a million homes were damaged": a
    // date before a new statement (", and said") is the one before's.
    let an_earlier_statements = |d: &Dated| {
        d.at < first
            && words[d.at..first]
                .windows(3)
                .any(|w| w[0].lower == "," && w[1].lower == "and" && SAY_VERBS.contains(w[2].lower))
    };
    let dated = || {
        dated.iter().filter(|d| {
            let the_next_figures = d.at >= end && when_follows(words, d.at);
            !(aside.contains(&d.at)
                || the_next_figures
                || next_statement(d)
                || anothers(d)
                || owned_by_another(d)
                || an_earlier_events(d)
                || an_earlier_statements(d))
        })
    };
    let distance = |d: &&Dated| {
        let (gap, between) = if d.at < first {
            (first - d.at, d.at..first)
        } else {
            (d.at.saturating_sub(end), end.min(d.at)..d.at)
        };
        let other_clause = words
            .get(between)
            .is_some_and(|span| span.iter().any(|w| w.lower == ";"));
        (other_clause, gap)
    };
    let attached = dated().find(|d| follows_figure(words, end, d.at));
    // "14 cases in 2025 as of Friday": a marked date after the figure is still its own.
    let firm_after = dated().any(|d| d.firm && d.at >= end);
    let firm = attached
        .filter(|a| a.firm || !firm_after)
        .or_else(|| dated().filter(|d| d.firm).min_by_key(distance));
    // "prices rose 0.2% in July, the department said on Wednesday, and the annual rate slowed to
    // 2.9%": the statement's day is when it was said, the period the figures' own.
    let nearest = dated().min_by_key(distance).map(|d| {
        let period = dated()
            .filter(|p| p.period && distance(p).0 == distance(&d).0)
            .min_by_key(distance);
        // A count's period too, once it ended before the day it was told, with no other figure
        // between them: "In 2023 the agency recorded 29,000 crossings, it said on Monday" is
        // 2023's; "1,288 cases, more than the 1,274 in 2019" is not.
        let own = |p: &Dated| {
            let between = if p.at < first {
                p.at + 1..first
            } else {
                end..p.at
            };
            !words[between]
                .iter()
                .any(|w| w.text.starts_with(|c: char| c.is_ascii_digit()))
        };
        let by_period = period
            .filter(|p| d.statement && !d.period && (rate || (p.date < d.date && own(p))))
            .unwrap_or(d);
        // A period still running when told ("so far in 2024 ..., it said on Monday") holds on
        // the day it was told.
        let told = dated()
            .filter(|s| s.statement && !s.period && distance(s).0 == distance(&d).0)
            .min_by_key(distance);
        told.filter(|s| by_period.period && s.date < by_period.date)
            .unwrap_or(by_period)
    });
    firm.or(nearest)
}

/// "last year's annual figure of 29,437", "above last year's total of 36,816": the figure
/// right after the total's "of" (token `first`) is last year's, whatever it is compared with;
/// it holds on 31 December.
pub fn last_years_total(
    words: &[Word],
    first: usize,
    published: Option<NaiveDate>,
) -> Option<Dated> {
    let before = &words[first.saturating_sub(8)..first];
    let [.., total, of] = before else {
        return None;
    };
    if of.lower != "of" || !TOTALS.contains(total.lower) {
        return None;
    }
    // Back over at most two describing words to "year's" and "last".
    let year = before.len() - 2;
    let at = (year.saturating_sub(4)..year)
        .rev()
        .find(|&k| before[k].lower == "last" && possessive_year(before, k + 1))?;
    let describing = before[at + 2..year]
        .iter()
        .filter(|w| !matches!(w.lower, "'" | "'s" | "s" | "\u{2019}" | "\u{2019}s"))
        .count();
    if describing > 2 {
        return None;
    }
    let p = published?;
    Some(Dated {
        at: first.saturating_sub(8) + at,
        date: NaiveDate::from_ymd_opt(p.year() - 1, 12, 31)?,
        firm: false,
        period: true,
        statement: false,
    })
}

/// A whole number of months "ago" (`d`, counted back from `published`) counted back from a
/// monthly statistic's own month instead, ending on `period_end`: in a report on June's
/// inflation published in July, "a year ago, inflation peaked at 9%" is last June's.
pub fn ago_from_period(
    d: &Dated,
    words: &[Word],
    published: Option<NaiveDate>,
    period_end: NaiveDate,
) -> Option<Dated> {
    let p = published?;
    if words.get(d.at)?.lower != "ago" || d.date.day() != p.day() {
        return None;
    }
    let months = (p.year() - d.date.year()) * 12 + p.month() as i32 - d.date.month() as i32;
    if months < 1 {
        return None;
    }
    let total = period_end.year() * 12 + period_end.month0() as i32 - months;
    let date = last_day_of_month(total.div_euclid(12), total.rem_euclid(12) as u32 + 1)?;
    Some(Dated {
        date,
        period: true,
        statement: false,
        ..*d
    })
}

/// Whether the figure starting at token `first` is an earlier one compared with: "after a 3.9%
/// rise", "after rising 3%", "after gaining by 0.2%", "from 2.5%", "than the 40", "versus 3%".
fn an_earlier_one(words: &[Word], first: usize) -> bool {
    words[..first]
        .iter()
        .rev()
        .take(3)
        .find(|w| !matches!(w.lower, "a" | "an" | "the" | "by") && !w.lower.ends_with("ing"))
        .is_some_and(|w| matches!(w.lower, "after" | "from" | "than" | "versus" | "vs"))
}

/// Whether "after" stands between the figure ending before token `end` and a date at `at` after
/// it: the date is then of what came before ("rose 3.2% after rising by the same margin in
/// July").
fn after_an_earlier(words: &[Word], end: usize, at: usize) -> bool {
    at > end && words[end..at].iter().any(|w| w.lower == "after")
}

/// Whether the date at token `at` follows a figure whose tokens end before `end` with at most
/// two words between, each a preposition or a noun of change ("2.5% in August", "a 3.2% rise in
/// July", "55 as of Friday"), or "by (at) the end of" ("20,000 by the end of June"). A date
/// counted back is read from its first word ("3.2% the month before", "607 a week earlier").
fn follows_figure(words: &[Word], end: usize, at: usize) -> bool {
    let mut between = words.get(end..at).unwrap_or_default();
    if matches!(
        words.get(at).map(|w| w.lower),
        Some("ago" | "earlier" | "before")
    ) && let [rest @ .., _, _] = between
    {
        between = rest;
    }
    // "20,000 by the end of June", "10,000 at the end of April".
    let end_of = matches!(
        between,
        [by, the, end, of] if matches!(by.lower, "by" | "at" | "to")
            && the.lower == "the"
            && end.lower == "end"
            && of.lower == "of"
    );
    at >= end
        && (end_of
            || between.len() <= 2
                && between.iter().all(|w| {
                    matches!(
                        w.lower,
                        "in" | "on"
                            | "for"
                            | "at"
                            | "as"
                            | "of"
                            | "rise"
                            | "gain"
                            | "increase"
                            | "drop"
                            | "fall"
                            | "decline"
                    )
                }))
}

/// Every as-of date stated in a sentence, given its words in order, in text order. A dateline's
/// date ("KYIV, Nov 4 (Reuters) -") is the day of writing, not a figure's: it is left out.
/// `told` is the date the sentences before last stated: "A day earlier" with no date before it
/// in its sentence counts back from it.
pub fn dates_in(
    words: &[Word],
    published: Option<NaiveDate>,
    told: Option<NaiveDate>,
) -> Vec<Dated> {
    // "The total now stands at 18,320": the story's present, not the day told before.
    let told = told.filter(|_| !words.iter().any(|w| matches!(w.lower, "now" | "currently")));
    let mut found = Vec::new();
    // Relative dates that may count back from a date after them: (index in `found`, span).
    let mut ahead: Vec<(usize, Back)> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        // Every date starts at a word whose first byte is an ASCII digit or letter: a name of
        // a day or a month, or one of the words matched below.
        let Some(&first) = word.text.as_bytes().first() else {
            continue;
        };
        if first.is_ascii_digit() {
            if let Some(date) = iso_date(words, i).filter(|_| !opens_period(words, i)) {
                add(&mut found, words, i, Some(date), false);
            } else if let Some(end) = year_of_a_total(words, i, published) {
                add(&mut found, words, i, Some(end), true);
            } else if i > 0
                && words[i - 1].lower == "since"
                && when_follows(words, i)
                && let Some(y) = word
                    .text
                    .parse::<i32>()
                    .ok()
                    .filter(|y| (1900..=2100).contains(y))
            {
                // "the most since 2019, when 1,274 were recorded": that year's.
                add(
                    &mut found,
                    words,
                    i,
                    NaiveDate::from_ymd_opt(y, 12, 31),
                    true,
                );
            }
            continue;
        }
        // "the July-September period", "the June-to-August quarter": one word, a range of
        // months that holds at its last one's end.
        if let Some(m) = last_month_of_range(word.lower) {
            if let Some(day) = whole_month(words, i, m, published, None) {
                add(&mut found, words, i, Some(day), true);
            }
            continue;
        }
        // "in mid-September": one word, a part of its month.
        if let Some(m) = word.lower.strip_prefix("mid-").and_then(month) {
            if let Some(day) = whole_month(words, i, m, published, Some(Part::Mid)) {
                add(&mut found, words, i, Some(day), false);
            }
            continue;
        }
        if first.is_ascii_uppercase()
            && let Some((date, period)) = named_day(words, i, published)
        {
            if !is_dateline(words, i) && !names_an_event(words, i) && !opens_a_range(words, i) {
                add(&mut found, words, i, date, period);
            }
            continue;
        }
        let lower = |k: usize| words.get(k).map_or("", |w| w.lower);
        match word.lower {
            "yesterday" => add(
                &mut found,
                words,
                i,
                published.and_then(|p| p.checked_sub_days(Days::new(1))),
                false,
            ),
            "today" | "tonight" => add(&mut found, words, i, published, false),
            // "on Christmas Day", "on New Year's Eve": the most recent one.
            "christmas" | "new" | "boxing" if !matches!(lower(i.wrapping_sub(1)), "since") => {
                if let Some((month, day)) = holiday(words, i) {
                    add(
                        &mut found,
                        words,
                        i,
                        published.and_then(|p| last_on(p, month, day)),
                        false,
                    );
                }
            }
            // "over the weekend", "last weekend", "by the end of the weekend": its Sunday
            // (publication on a Saturday: that day); not one ahead ("through the weekend",
            // "could rise over the weekend").
            "weekend"
                if i > 0
                    && (lower(i - 1) == "last"
                        || (i > 1
                            && lower(i - 1) == "the"
                            && (matches!(lower(i - 2), "over" | "during" | "at" | "on")
                                || (i > 3
                                    && lower(i - 2) == "of"
                                    && lower(i - 3) == "end"
                                    && looks_back(words)))))
                    && !looks_ahead(words) =>
            {
                add(
                    &mut found,
                    words,
                    i,
                    published.and_then(|p| match p.weekday() {
                        Weekday::Sat => Some(p),
                        _ => last_weekday(p, Weekday::Sun),
                    }),
                    false,
                );
            }
            // Last week's figure holds at that week's end, its Sunday, as last month's does at
            // its last day: the calendar week before publication's, Monday to Sunday.
            "last" if lower(i + 1) == "week" => {
                let back = |p: NaiveDate| u64::from(p.weekday().num_days_from_monday()) + 1;
                add(
                    &mut found,
                    words,
                    i,
                    published.and_then(|p| p.checked_sub_days(Days::new(back(p)))),
                    true,
                );
            }
            // A period's figure holds at its end: last month's at that month's last day, last
            // year's at 31 December.
            "last" if matches!(lower(i + 1), "month" | "year") && starts_a_period(words, i) => {}
            "last" if lower(i + 1) == "month" => add(
                &mut found,
                words,
                i,
                published
                    .and_then(|p| NaiveDate::from_ymd_opt(p.year(), p.month(), 1))
                    .and_then(|first| first.pred_opt()),
                true,
            ),
            // "on the same day last year", "at this point last year": a year back from the
            // point the article's figures stand at.
            "last"
                if lower(i + 1) == "year"
                    && words[i.saturating_sub(3)..i]
                        .iter()
                        .any(|w| matches!(w.lower, "same" | "point" | "time")) =>
            {
                add(
                    &mut found,
                    words,
                    i,
                    the_point(told, published).and_then(|p| p.checked_sub_months(Months::new(12))),
                    false,
                );
            }
            // "900 of last year's arrivals": a part of that year's total, dated by it; not a
            // comparison ("ahead of last year's pace", "short of last year's record").
            // "Last year's total was 36,816", "put last year's arrivals at 36,816": the figure
            // names its year; not one it is measured against ("above last year's 29,437",
            // "last year's pace").
            "last"
                if (lower(i + 1) == "year" && !matches!(lower(i + 2), "'" | "'s" | "\u{2019}"))
                    || (possessive_year(words, i + 1)
                        && i > 0
                        && lower(i - 1) == "of"
                        && !matches!(
                            lower(i.wrapping_sub(2)),
                            "ahead" | "short" | "shy" | "instead" | "because"
                        ))
                    || (possessive_year(words, i + 1)
                        && !COMPARING.contains(lower(i.wrapping_sub(1)))
                        && !matches!(
                            lower(
                                (i + 2..i + 5)
                                    .find(|&k| {
                                        !matches!(
                                            lower(k),
                                            "'" | "'s" | "s" | "\u{2019}" | "\u{2019}s"
                                        )
                                    })
                                    .unwrap_or(i + 5)
                            ),
                            "pace" | "record" | "peak" | "high" | "low"
                        )) =>
            {
                add(
                    &mut found,
                    words,
                    i,
                    published.and_then(|p| NaiveDate::from_ymd_opt(p.year() - 1, 12, 31)),
                    true,
                );
            }
            // "in 2023", "for 2023", "during 2023", "in all of 2023": a year's figure holds at
            // its end (the publication date while the year is not over).
            // "the 26,501 of 2023" in a sentence comparing the same date of earlier years.
            "in" | "for" | "during" | "throughout" | "of"
                if word.lower != "of"
                    || (i > 0 && matches!(lower(i - 1), "all" | "whole"))
                    || same_point_before(words, i)
                    || compares_same_dates(words) =>
            {
                if let Ok(y) = lower(i + 1).parse::<i32>()
                    && (1900..=2100).contains(&y)
                    && lower(i + 1).len() == 4
                    && !matches!(lower(i + 2), "-" | "\u{2013}" | "to")
                    // "since counting began in 2018": when a period began.
                    && !began(words, i + 1)
                    // "in 2019 and 2020" is a span; "28,526 in 2021 and 8,466 in 2020" two years.
                    && !(lower(i + 2) == "and" && lower(i + 3).len() == 4)
                {
                    let end = NaiveDate::from_ymd_opt(y, 12, 31);
                    let current = |e: NaiveDate, p: NaiveDate| if p.year() == y { p } else { e };
                    // "at the same point in 2023": publication's day of that year.
                    let same_point = same_point_before(words, i)
                        // "by this point in 2023"
                        || (i >= 2
                            && lower(i - 2) == "this"
                            && matches!(lower(i - 1), "point" | "stage" | "time"))
                        // "Compared with the same date in earlier years, ... the 38,129
                        // reached in 2022": each year's figure at that date, not a whole year's.
                        || (compares_same_dates(words)
                            && !(i > 0 && matches!(lower(i - 1), "all" | "whole")));
                    let date = match published {
                        Some(p) if same_point => the_point(told, Some(p))
                            .and_then(|t| t.with_year(y))
                            .or(end),
                        Some(p) => end.map(|e| current(e, p)),
                        None => end,
                    };
                    add(&mut found, words, i + 1, date, !same_point);
                }
            }
            // "the second quarter", "the first half of the year", "the first six months of
            // 2024", "Q3", "H1 2024": the span's last day.
            "quarter" | "half" | "months" | "q1" | "q2" | "q3" | "q4" | "h1" | "h2" => {
                if let Some(end) = span_end(words, i, published) {
                    add(&mut found, words, i, Some(end), true);
                }
            }
            // "by the end of 2025": a target's date, the year's last day; in a sentence that
            // foretells, "by the end of the year" is this year's and "of next year" the next
            // one's.
            "end" if lower(i + 1) == "of" => {
                let ahead = match (lower(i + 2), lower(i + 3)) {
                    ("the" | "this", "year") => Some(0),
                    ("next", "year") => Some(1),
                    _ => None,
                };
                let foretold = ahead
                    .filter(|_| foretells(words))
                    .zip(published)
                    .map(|(n, p)| p.year() + n);
                if let Some(y) = foretold.or_else(|| lower(i + 2).parse::<i32>().ok())
                    && (1900..=2100).contains(&y)
                {
                    add(
                        &mut found,
                        words,
                        i,
                        NaiveDate::from_ymd_opt(y, 12, 31),
                        false,
                    );
                }
            }
            // "ago" counts back from publication; "earlier" and "before" from the sentence's
            // date before them if it has one ("said on Friday ... a week earlier"), else from
            // its first date after them (see below).
            "ago" | "earlier" | "before" if i >= 2 => {
                let back = relative(words, i);
                let from = match word.lower {
                    "ago" => published,
                    _ => found.last().map(|d| d.date).or(told).or(published),
                };
                let first = found.is_empty();
                add(&mut found, words, i, back.and_then(|b| b.from(from)), false);
                if word.lower != "ago" && first && !found.is_empty() {
                    ahead.extend(back.map(|b| (0, b)));
                }
            }
            // "the previous week", "the prior day": one unit back, from the date before it as
            // "earlier" counts ("40 on Friday ... 31 the previous day" is Thursday's).
            // "from the previous month", "on the prior week": a comparison's base.
            "previous" | "prior"
                if i > 0
                    && lower(i - 1) == "the"
                    && !matches!(lower(i.wrapping_sub(2)), "from" | "over" | "on" | "than") =>
            {
                let from = found.last().map(|d| d.date).or(told).or(published);
                let unit = Back::unit(lower(i + 1), 1);
                add(
                    &mut found,
                    words,
                    i,
                    unit.and_then(|back| back.from(from)),
                    false,
                );
            }
            _ => {}
        }
    }
    // "The toll, which stood at 30 a week earlier, rose to 45 on Sunday": with no date before
    // it, "earlier" counts back from the sentence's next date of a figure (not the day a
    // source spoke).
    for (k, back) in ahead {
        let later = found[k + 1..]
            .iter()
            .find(|d| !d.statement && !d.period)
            .map(|d| d.date);
        if let Some(date) = later.and_then(|d| back.from(Some(d))) {
            found[k].date = date;
        }
    }
    found
}

/// The day of the year a holiday's name at token `i` stands for: "Christmas Day", "Christmas
/// Eve", "New Year's Day", "New Year's Eve", "Boxing Day".
fn holiday(words: &[Word], i: usize) -> Option<(u32, u32)> {
    let lower = |k: usize| words.get(k).map_or("", |w| w.lower);
    let (name, next) = match lower(i) {
        "new" => {
            let year = (i + 1..i + 4).find(|&k| lower(k) == "day" || lower(k) == "eve")?;
            let between: Vec<&str> = (i + 1..year).map(lower).collect();
            if !matches!(
                between.as_slice(),
                ["year's"] | ["year", "'s"] | ["year", "'", "s"] | ["year\u{2019}s"]
            ) {
                return None;
            }
            ("new year", lower(year))
        }
        w => (w, lower(i + 1)),
    };
    match (name, next) {
        ("christmas", "day") => Some((12, 25)),
        ("christmas", "eve") => Some((12, 24)),
        ("boxing", "day") => Some((12, 26)),
        ("new year", "day") => Some((1, 1)),
        ("new year", "eve") => Some((12, 31)),
        _ => None,
    }
}

/// The most recent `month`-`day` on or before `published`.
fn last_on(published: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(published.year(), month, day)?;
    if this <= published {
        Some(this)
    } else {
        NaiveDate::from_ymd_opt(published.year() - 1, month, day)
    }
}

/// Whether a sentence compares the same date of several years: "Compared with the same date
/// in earlier years", "at the same point of previous years".
fn compares_same_dates(words: &[Word]) -> bool {
    words.windows(2).any(|w| {
        w[0].lower == "same" && matches!(w[1].lower, "date" | "point" | "time" | "stage" | "day")
    })
}

/// The point an article's figures stand at, which "the same point last year" is a year back
/// from: the date the sentences before stated when it is recent (within a month before
/// publication: "20,101 had crossed by the end of Thursday. That is a fifth lower than at the
/// same point in 2022"), else publication.
fn the_point(told: Option<NaiveDate>, published: Option<NaiveDate>) -> Option<NaiveDate> {
    let recent = |t: &NaiveDate| {
        published.is_some_and(|p| *t <= p && p.signed_duration_since(*t).num_days() <= 31)
    };
    told.filter(recent).or(published)
}

/// Records the date at token `at`, unless it is a comparison's base (whose ", when" clause it
/// still dates).
fn add(found: &mut Vec<Dated>, words: &[Word], at: usize, date: Option<NaiveDate>, period: bool) {
    if let Some(date) = date
        && (!compared(words, at) || when_follows(words, at))
    {
        found.push(Dated {
            at,
            date,
            firm: firm_marker(words, at),
            period,
            // "said on Wednesday", and a release's day: "figures released on Friday".
            statement: words[at.saturating_sub(3)..at].iter().any(|w| {
                SAY_VERBS.contains(w.lower)
                    || matches!(w.lower, "released" | "published" | "issued")
            }),
        });
    }
}

/// Words that close a comparison with "than" before a date can be its base: "faster than
/// expected in May", "lower than forecast last month".
const EXPECTATIONS: &[&str] = &[
    "expected",
    "forecast",
    "forecasted",
    "anticipated",
    "predicted",
    "estimated",
    "projected",
    "feared",
    "hoped",
    "planned",
    "thought",
    "usual",
    "normal",
];

/// Whether the date at token `at` is a comparison's base, not a figure's: "3% fewer than at
/// the same point last year", "compared with last month", "versus a year earlier" (no number
/// between the comparison word and the date, so "more than 40 on Monday" is not one).
fn compared(words: &[Word], at: usize) -> bool {
    as_before(words, at) || than_before(words, at) || change_on(words, at)
}

/// "up 3% on the same point last year", "12% higher than ... ", "down 5% on last year", "up
/// 8% from the same period a year earlier": a change's "on", "over" or "from" before the date
/// of what it is measured against ("rose 5% on Monday" is dated by Monday).
fn change_on(words: &[Word], at: usize) -> bool {
    let start = at.saturating_sub(6);
    let Some(k) = words[start..at]
        .iter()
        .rposition(|w| matches!(w.lower, "on" | "over" | "from"))
        .map(|k| start + k)
    else {
        return false;
    };
    let amount = k.checked_sub(1).is_some_and(|j| {
        let w = words[j].lower;
        w.starts_with(|c: char| c.is_ascii_digit())
            || matches!(w, "%" | "percent" | "cent" | "points" | "point")
    });
    let between = &words[k + 1..at];
    amount
        && !between
            .iter()
            .any(|w| w.text.starts_with(|c: char| c.is_ascii_digit()))
        && (between.iter().any(|w| w.lower == "same") || matches!(words[at].lower, "last" | "a"))
}

/// "the same as in February", "rose 0.4%, as they had in February", "the same pace as in
/// August": a date after "as" (a pronoun and its auxiliary, then "in" or "on") is what the
/// figure is likened to.
fn as_before(words: &[Word], at: usize) -> bool {
    let lower = |k: usize| at.checked_sub(k).map_or("", |j| words[j].lower);
    matches!(lower(1), "in" | "on")
        && (lower(2) == "as"
            || (lower(4) == "as"
                && matches!(lower(3), "it" | "they" | "he" | "she" | "we")
                && matches!(
                    lower(2),
                    "had" | "did" | "was" | "were" | "has" | "have" | "does" | "do"
                )))
}

/// "3% fewer than at the same point last year", "compared with last month", "versus a year
/// earlier": no number between the comparison word and the date.
fn than_before(words: &[Word], at: usize) -> bool {
    let start = at.saturating_sub(6);
    let Some(k) = words[start..at]
        .iter()
        .rposition(|w| matches!(w.lower, "than" | "versus" | "vs" | "compared"))
    else {
        return false;
    };
    // "less than expected in January": the comparison is with an expectation, closed before
    // the date.
    if words[start + k].lower == "than"
        && words
            .get(start + k + 1)
            .is_some_and(|w| EXPECTATIONS.contains(&w.lower))
    {
        return false;
    }
    !words[start + k + 1..at]
        .iter()
        .any(|w| w.text.starts_with(|c: char| c.is_ascii_digit()) || w.lower == ",")
}

/// Words before "last year's" that measure a figure against it: "just above last year's
/// figure", "up from last year's 750", "ahead of last year's pace".
static COMPARING: WordSet = WordSet::new(&[
    "of",
    "than",
    "with",
    "to",
    "on",
    "from",
    "over",
    "above",
    "below",
    "beyond",
    "versus",
    "vs",
    "past",
    "exceeded",
    "exceeds",
    "topped",
    "tops",
    "surpassed",
    "overtaken",
    "overtook",
    "passed",
    "behind",
    "ahead",
    "under",
    "against",
    "beat",
    "beats",
    "matched",
    "equalled",
]);

/// Nouns of a year's running figure, which a year before them dates: "the 2023 total".
pub static TOTALS: WordSet = WordSet::new(&[
    "total", "tally", "count", "toll", "figure", "figures", "average", "level",
]);

/// A past year named before its total ("the 2023 total of 29,437", "2023's tally") or before
/// the figures an aside gives it ("Only 2022, with a record 45,774, saw more", "2019, when 1,274
/// were recorded, was worse"): the year's last day. This year's total ("raising its 2026 total
/// to 340") holds when the sentence says.
fn year_of_a_total(words: &[Word], i: usize, published: Option<NaiveDate>) -> Option<NaiveDate> {
    let w = words[i].lower;
    let y: i32 = w
        .parse()
        .ok()
        .filter(|y| (1900..=2100).contains(y) && w.len() == 4)?;
    let lower = |k: usize| words.get(k).map_or("", |n| n.lower);
    let mut next = i + 1;
    if matches!(lower(next), "'s" | "\u{2019}s") {
        next += 1;
    }
    let aside = lower(i + 1) == "," && matches!(lower(i + 2), "with" | "when");
    if !TOTALS.contains(lower(next)) && !aside {
        return None;
    }
    if published.is_some_and(|p| p.year() <= y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, 12, 31)
}

/// Whether the month or year at token `i` is when a period began: "the war that began in April
/// last year", "since it broke out in April".
fn starts_a_period(words: &[Word], i: usize) -> bool {
    let before = &words[i.saturating_sub(4)..i];
    // "from April", "from 3 March", "from early June"; not "down from 4% in May", whose date is
    // the earlier figure's.
    let from = before
        .iter()
        .rposition(|w| w.lower == "from")
        .is_some_and(|k| {
            before[k + 1..].iter().all(|w| {
                matches!(w.lower, "the" | "mid" | "early" | "late" | "-")
                    || (w.lower.len() <= 2 && w.lower.bytes().all(|b| b.is_ascii_digit()))
            })
        });
    from || before.iter().any(|w| w.lower == "since") || began(words, i)
}

/// Whether a verb of beginning, or "since" in its clause, stands before the date at token `i`:
/// "since counting began in 2018", "the war that broke out in April", "since figures were first
/// published in 2018" ("up from 28,526 in 2021" is that year's figure).
fn began(words: &[Word], i: usize) -> bool {
    words[i.saturating_sub(4)..i]
        .iter()
        .any(|w| matches!(w.lower, "began" | "begun" | "started" | "erupted" | "out"))
        || since_in_clause(words, i)
}

/// Whether "since" comes before the date at `i` in its clause: "since the start of the
/// full-scale invasion in February 2022", "since figures were first published in 2018". Not
/// when a figure stands between, whose date it is: "since peaking at 9.1% in June".
fn since_in_clause(words: &[Word], i: usize) -> bool {
    let from = i.saturating_sub(14);
    let clause = words[from..i]
        .iter()
        .rposition(|w| matches!(w.lower, "," | ";"))
        .map_or(from, |k| from + k + 1);
    words[clause..i]
        .iter()
        .rposition(|w| w.lower == "since")
        .is_some_and(|k| {
            !words[clause + k + 1..i]
                .iter()
                .any(|w| w.text.starts_with(|c: char| c.is_ascii_digit()))
        })
}

/// A span of time counted back from a date.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Back {
    Days(u64),
    Months(u32),
}

impl Back {
    /// `n` of the unit `word` names ("day", "weeks", "month", "years").
    fn unit(word: &str, n: u64) -> Option<Back> {
        Some(match word.trim_end_matches('s') {
            "day" => Back::Days(n),
            "week" => Back::Days(n * 7),
            "month" => Back::Months(u32::try_from(n).ok()?),
            "year" => Back::Months(u32::try_from(n * 12).ok()?),
            _ => return None,
        })
    }

    /// `date` counted back; a month's last day (a monthly statistic's) counts back to another
    /// month's last day ("3.3% in February, up from 3.2% the month before" is January's).
    fn from(self, date: Option<NaiveDate>) -> Option<NaiveDate> {
        let date = date?;
        match self {
            Back::Days(n) => date.checked_sub_days(Days::new(n)),
            Back::Months(n) => {
                let back = date.checked_sub_months(Months::new(n))?;
                let month_end = date.succ_opt().is_some_and(|d| d.day() == 1);
                match month_end {
                    true => last_day_of_month(back.year(), back.month()),
                    false => Some(back),
                }
            }
        }
    }
}

/// The time a relative phrase ending at token `i` ("ago", "earlier", "before") counts back:
/// "two days ago", "a week earlier", "a month before", "the day before". Not a comparison's
/// base ("up 5% from a year earlier", "than a week before", "compared with a year earlier"),
/// which dates no figure, nor "before" that opens a phrase ("two days before the vote").
fn relative(words: &[Word], i: usize) -> Option<Back> {
    let lower = |k: usize| words.get(k).map_or("", |w| w.lower);
    let word = lower(i);
    if word == "before" && words.get(i + 1).is_some_and(|w| w.is_word) {
        return None;
    }
    if word == "earlier" && lower(i + 1) == "than" {
        return None;
    }
    let count = lower(i - 2);
    let back = match count {
        // "the day before", "the month before": one of it.
        "the" if word != "ago" => Back::unit(lower(i - 1), 1)?,
        _ => Back::unit(lower(i - 1), small_count(count)?)?,
    };
    let base = i >= 3
        && matches!(
            lower(i - 3),
            "from" | "than" | "with" | "over" | "on" | "to"
        );
    // "up 5% from a year ago" is a comparison's base; "two years ago" alone is a date.
    let compared_with = base && matches!(lower(i - 3), "from" | "than" | "with" | "over");
    (!base || (word == "ago" && !compared_with)).then_some(back)
}

/// Whether the token at `i` is "year's", in one token or split before the apostrophe.
fn possessive_year(words: &[Word], i: usize) -> bool {
    let lower = |k: usize| words.get(k).map_or("", |w| w.lower);
    matches!(lower(i), "year's" | "year\u{2019}s")
        || (lower(i) == "year" && matches!(lower(i + 1), "'" | "'s" | "\u{2019}" | "\u{2019}s"))
}

/// Whether the day named at token `i` opens a range whose end is the figure's date: "between
/// January 1 and September 8", "from 3 March to 9 April", "from June 2 through June 30".
fn opens_a_range(words: &[Word], i: usize) -> bool {
    let lower = |k: usize| words.get(k).map_or("", |w| w.lower);
    let day_first = i > 0 && lower(i - 1).bytes().all(|b| b.is_ascii_digit());
    let lead = if day_first {
        i.checked_sub(2)
    } else {
        i.checked_sub(1)
    };
    lead.is_some_and(|k| matches!(lower(k), "between" | "from"))
        && (i + 1..i + 5).any(|k| matches!(lower(k), "and" | "to" | "through" | "until" | "till"))
}

/// Whether the date at token `i` dates an event rather than a figure: after a verb of beginning
/// or striking ("the quake that struck on Monday", "protests that erupted on June 3"), or
/// before a noun it describes ("the Feb. 6 earthquakes").
fn names_an_event(words: &[Word], i: usize) -> bool {
    let lower = |k: usize| words.get(k).map_or("", |w| w.lower);
    let mut j = i;
    while j > 0 && matches!(lower(j - 1), "on" | "in" | "at" | "early" | "late") {
        j -= 1;
    }
    let event_verb = |w: &str| {
        matches!(
            w,
            "began"
                | "begun"
                | "started"
                | "erupted"
                | "struck"
                | "hit"
                | "out"
                | "occurred"
                | "happened"
                | "launched"
                | "landed"
        )
    };
    if j > 0 && event_verb(lower(j - 1)) {
        return true;
    }
    // "the storms that struck coastal Peru and northern Chile on Monday": a relative
    // clause of an event's verb, up to the date with no comma between.
    let clause = words[j.saturating_sub(10)..j]
        .iter()
        .rev()
        .take_while(|w| !matches!(w.lower, "," | ";" | ":"))
        .collect::<Vec<_>>();
    if clause
        .windows(2)
        .any(|p| event_verb(p[0].lower) && matches!(p[1].lower, "that" | "which"))
    {
        return true;
    }
    // "An earthquake struck Morocco late Friday night, killing more than 800 people": the day
    // the quake struck, not the day of a toll that is still rising.
    let toll_after = words[i..].iter().take(12).any(|w| {
        matches!(
            w.lower,
            "killing" | "leaving" | "injuring" | "wounding" | "displacing"
        )
    });
    if toll_after && clause.iter().take(5).any(|w| event_verb(w.lower)) {
        return true;
    }
    // "Saturday's earthquake", "Monday's attack": a day's event, not a day's figures ("Monday's
    // update" dates them).
    let possessive = words[i].lower.ends_with("'s") || words[i].lower.ends_with("\u{2019}s");
    if possessive && EVENT_NOUNS.contains(&lower(i + 1)) {
        return true;
    }
    // "the Feb. 6 earthquakes": an article before, a noun right after the day.
    let mut end = i + 1;
    if lower(end) == "." {
        end += 1;
    }
    if lower(end)
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit())
    {
        end += 1;
    }
    matches!(lower(i.wrapping_sub(1)), "the" | "a" | "its" | "their")
        && words
            .get(end)
            .is_some_and(|w| w.is_word && !matches!(w.lower, "and" | "or"))
        && end > i + 1
}

/// Nouns of events whose day a possessive names ("Saturday's earthquake").
const EVENT_NOUNS: &[&str] = &[
    "earthquake",
    "quake",
    "tremor",
    "attack",
    "attacks",
    "strike",
    "strikes",
    "blast",
    "bombing",
    "explosion",
    "storm",
    "hurricane",
    "typhoon",
    "cyclone",
    "flood",
    "floods",
    "flooding",
    "landslide",
    "eruption",
    "fire",
    "fires",
    "blaze",
    "crash",
    "collision",
    "shooting",
    "raid",
    "election",
    "vote",
    "referendum",
    "disaster",
    "tsunami",
    "derailment",
    "stampede",
];

/// Whether the date at token `i` is marked as the figures' own: "as of", "as at", "through",
/// "up to" before it (a weekday and a comma may stand between: "through Thursday, March 6"; a
/// date written day first is found at its month: "as at 30 June"), or it ends the period the
/// figures were counted over ("in the week to Sunday", "the seven days ending Oct. 20").
fn firm_marker(words: &[Word], i: usize) -> bool {
    let lower = |k: usize| words.get(k).map_or("", |w| w.lower);
    let mut j = i;
    if j >= 1 && month(words[j].text).is_some() && lower(j - 1).parse::<u32>().is_ok() {
        j -= 1;
    }
    // "Thursday, March 6": the marker stands before the weekday.
    if j >= 2 && lower(j - 1) == "," && weekday(words[j - 2].text).is_some() {
        j -= 2;
    }
    // "as of the end of September", "by the end of 2025": the marker stands before "the end of",
    // and "by" or "at" that end marks it too.
    if j >= 2 && lower(j - 1) == "of" && lower(j - 2) == "end" {
        j -= 2;
    }
    // "in the 24 hours to 8am on Monday": a time of day between the marker and "on" the day.
    if j >= 2 && lower(j - 1) == "on" {
        let clock =
            |w: &str| matches!(w, "am" | "pm" | "a.m" | "p.m" | "midnight" | "noon" | "gmt");
        let mut k = j - 1;
        let mut timed = false;
        while k > 0
            && (lower(k - 1).starts_with(|c: char| c.is_ascii_digit())
                || matches!(lower(k - 1), "." | ":")
                || clock(lower(k - 1)))
        {
            timed |= clock(lower(k - 1));
            k -= 1;
        }
        if timed {
            j = k;
        }
    }
    let end_of = lower(j) == "end" && lower(j + 1) == "of";
    if end_of && j >= 1 && lower(j - 1) == "the" {
        j -= 1;
    }
    if j == 0 {
        return false;
    }
    match lower(j - 1) {
        "through" | "thru" => true,
        "by" | "at" if end_of => true,
        "of" | "at" => j >= 2 && lower(j - 2) == "as",
        "to" if j >= 2 && lower(j - 2) == "up" => true,
        "to" | "ending" | "ended" => words[j.saturating_sub(4)..j - 1].iter().any(|w| {
            matches!(
                w.lower,
                "week" | "weeks" | "fortnight" | "days" | "hours" | "month" | "months" | "year"
            )
        }),
        _ => false,
    }
}

/// Whether the date at token `i` is a dateline's: at the start of the text's line, after a
/// place in capitals and a comma ("KYIV, Nov 4 -", "LAHAINA, Hawaii, Aug 13 (Wire) -"), and
/// followed by a dash, perhaps after an agency in brackets.
fn is_dateline(words: &[Word], i: usize) -> bool {
    if i < 2 || words[i - 1].lower != "," {
        return false;
    }
    let place = &words[..i - 1];
    let capitals = place
        .iter()
        .all(|w| matches!(w.lower, "," | "/" | ".") || capitalized_word(w.text));
    if !capitals || !place[0].text.chars().all(|c| !c.is_lowercase()) {
        return false;
    }
    // The day, then "(Agency)" perhaps, then the dash.
    let mut k = i + 1;
    if words.get(k).is_some_and(|w| w.lower == ".") {
        k += 1;
    }
    k += 1;
    if words.get(k).is_some_and(|w| w.lower == "(") {
        k += words[k..]
            .iter()
            .position(|w| w.lower == ")")
            .map_or(0, |p| p + 1);
    }
    words
        .get(k)
        .is_some_and(|w| matches!(w.lower, "-" | "\u{2013}" | "\u{2014}" | "--"))
}

fn capitalized_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Whether the date starting at token `i` follows "since", which opens a period
/// ("crossings since 1 January", "up since Monday"): the figure holds at the period's end.
fn opens_period(words: &[Word], i: usize) -> bool {
    let j = if i > 0 && words[i - 1].lower == "the" {
        i - 1
    } else {
        i
    };
    j > 0 && words[j - 1].lower == "since" && !when_follows(words, i)
}

/// Whether the date at token `i` is followed by ", when" (past its day and year): "the most
/// since 18 June, when 882 crossed" dates the figures of the "when" clause.
fn when_follows(words: &[Word], i: usize) -> bool {
    (i + 1..(i + 5).min(words.len().saturating_sub(1)))
        .find(|&k| {
            !(matches!(words[k].lower, "." | "year" | "week" | "month")
                || words[k].text.starts_with(|c: char| c.is_ascii_digit())
                || month(words[k].text).is_some())
        })
        .is_some_and(|k| words[k].lower == "," && words[k + 1].lower == "when")
}

/// "2024-10-28", which comes as five tokens, starting at token `i`.
fn iso_date(words: &[Word], i: usize) -> Option<NaiveDate> {
    let text = |k: usize| words.get(k).map(|w| w.text);
    let raw = words[i].text;
    if raw.len() != 4 || text(i + 1) != Some("-") || text(i + 3) != Some("-") {
        return None;
    }
    let iso = format!("{raw}-{}-{}", text(i + 2)?, text(i + 4)?);
    NaiveDate::parse_from_str(&iso, "%Y-%m-%d").ok()
}

/// Whether a sentence tells what had happened by a time: a perfect ("had risen", "have been
/// found"), a past "was"/"were" ("by Friday the number was 1,200") or a change in the past
/// tense ("climbed to 3,003 by Wednesday night"), and nothing of the future ("will",
/// "expected").
fn looks_back(words: &[Word]) -> bool {
    let past_change = |w: &Word| {
        (UP.contains(w.lower) || DOWN.contains(w.lower))
            && (w.lower.ends_with("ed") || matches!(w.lower, "rose" | "fell" | "grew"))
    };
    words.iter().any(|w| {
        matches!(w.lower, "had" | "has" | "have" | "was" | "were" | "reached") || past_change(w)
    }) && !looks_ahead(words)
}

/// Whether a sentence speaks of the future ("will", "could", "expected").
fn looks_ahead(words: &[Word]) -> bool {
    words.iter().any(|w| {
        matches!(
            w.lower,
            "will" | "would" | "could" | "might" | "expected" | "expects" | "forecast" | "should"
        )
    })
}

/// The date a capitalised word at token `i` names, with a weekday or a month and a day
/// ("Monday", "Oct. 28", "28 October"): `Some` when the sentence's date is decided there.
fn named_day(
    words: &[Word],
    i: usize,
    published: Option<NaiveDate>,
) -> Option<(Option<NaiveDate>, bool)> {
    let raw = words[i].text;
    // "by Sunday", "next Monday" look ahead: not the day a figure held. But "by" a day in a
    // perfect, with no future in the sentence, looks back: "the toll had risen to 55 by Friday".
    let ahead = || {
        let before = if i > 0 { words[i - 1].lower } else { "" };
        match before {
            "next" | "coming" => true,
            "by" => !looks_back(words),
            "until" | "till" | "before" => true,
            _ => false,
        }
    };
    // A day or a month name first: most capitalised words are neither.
    let day_name = weekday(raw);
    let month_name = match day_name {
        Some(_) => None,
        None => Some(month(raw).or_else(|| month(strip_possessive(raw)?))?),
    };
    // "since 24 February" starts a period: the figure holds at its end, not on that day. So
    // does the date of a "since" clause: "since the invasion began on 24 February 2022".
    let day_first = i > 0
        && words[i - 1].text.as_bytes()[..]
            .first()
            .is_some_and(u8::is_ascii_digit);
    let start = if day_first { i - 1 } else { i };
    let since =
        opens_period(words, start) || (since_in_clause(words, start) && !when_follows(words, i));
    // "updates every Monday", "each Friday", "on Mondays": a habit, not a day.
    let habit = i > 0 && matches!(words[i - 1].lower, "every" | "each");
    if since || habit {
        return None;
    }
    if let Some(day) = day_name {
        // "Sunday, Oct. 20", "Sunday, 20 October": the date after the comma says which Sunday.
        let text = |k: usize| words.get(k).map_or("", |w| w.text);
        if text(i + 1) == ","
            && (month(text(i + 2)).is_some()
                || (text(i + 2).parse::<u32>().is_ok() && month(text(i + 3)).is_some()))
        {
            return None;
        }
        // "last Tuesday" on a Tuesday is a week back.
        let last = i > 0 && words[i - 1].lower == "last";
        let date = published
            .and_then(|p| last_weekday(p, day))
            .and_then(|d| match last {
                true if Some(d) == published => d.checked_sub_days(Days::new(7)),
                _ => Some(d),
            });
        return (!ahead()).then_some((date, false));
    }
    // "Oct. 28", "October 28", "28 October" (a day number beside a month name).
    let m = month_name?;
    let after = words.get(i + 1).map(|w| w.text).filter(|s| *s != ".");
    let after = after.or_else(|| words.get(i + 2).map(|w| w.text));
    let day = |s: &str| s.parse::<u32>().ok().filter(|d| (1..=31).contains(d));
    // The year after the day ("October 28, 2022") or after the month ("28 October 2022").
    let year_at = |k: usize| {
        let k = if words.get(k).is_some_and(|w| w.lower == ",") {
            k + 1
        } else {
            k
        };
        let w = words.get(k)?.text;
        w.parse::<i32>()
            .ok()
            .filter(|y| w.len() == 4 && (1900..=2100).contains(y))
    };
    let day_after = after.and_then(day);
    // "In 2022 the toll reached 3,000 on March 3": a day without its year in a sentence that
    // opens on a past year is in that year.
    let past_year = words[..i]
        .windows(2)
        .rev()
        .find_map(|w| {
            let y = w[1].text.parse::<i32>().ok()?;
            (matches!(w[0].lower, "in" | "during") && w[1].text.len() == 4).then_some(y)
        })
        .filter(|&y| published.is_some_and(|p| (1900..p.year()).contains(&y)));
    let dated = |d: u32, year: Option<i32>| match year.or(past_year) {
        Some(y) => NaiveDate::from_ymd_opt(y, m, d),
        None => month_day(published, m, d),
    };
    if let Some(d) = day_after {
        let at = if words.get(i + 1).is_some_and(|w| w.text == ".") {
            i + 3
        } else {
            i + 2
        };
        return Some((dated(d, year_at(at)), false));
    }
    match i.checked_sub(1).and_then(|j| day(words[j].text)) {
        Some(d) => Some((dated(d, year_at(i + 1)), false)),
        None => {
            // "in late October", "by early March": a part of the month, no whole period.
            let part = i.checked_sub(1).and_then(|j| Part::of(words[j].lower));
            whole_month(words, i, m, published, part).map(|day| (Some(day), part.is_none()))
        }
    }
}

/// A month named without a day, as monthly statistics are reported ("inflation eased to 2.4% in
/// September", "for September 2024", "September's figure"): the month's last day, the day its
/// figure holds for (a month not yet over at publication gives the publication date). Read only
/// after "in", "for", "during", "through" or "of", or before a year or "'s", so the verb "may" is
/// never a month. The most recent such month on or before publication, unless a year is given
/// or the sentence foretells ("will cut 300 jobs in March", "expects 3.1% in November"): then the
/// next such month, from publication's on.
///
/// A `part` of the month holds on its own day: early on the 10th, mid on the 15th, late on
/// the last (never after publication).
fn whole_month(
    words: &[Word],
    i: usize,
    m: u32,
    published: Option<NaiveDate>,
    part: Option<Part>,
) -> Option<NaiveDate> {
    // "early" or "late" stands between a preposition and its month.
    let start = i - usize::from(matches!(part, Some(Part::Early | Part::Late)));
    let before = start.checked_sub(1).map_or("", |j| words[j].lower);
    let next = |k: usize| words.get(i + k).map_or("", |w| w.lower);
    let year = next(1)
        .parse::<i32>()
        .ok()
        .filter(|y| (1900..=2100).contains(y));
    let possessive = next(1) == "'" && next(2) == "s"
        || next(1) == "'s"
        || strip_possessive(words[i].text).is_some();
    // "December saw the fewest crossings": a month opening its sentence as the subject.
    let subject = i == 0 && matches!(next(1), "saw" | "brought" | "recorded" | "was");
    // "in the year to March", "the 12 months to September": a period that ends with the month.
    let period_to = before == "to"
        && i >= 2
        && matches!(words[i - 2].lower, "year" | "months" | "quarter" | "weeks");
    // "between January and June", "from January to June", "the July-September period",
    // "the June-to-August quarter": the range's last month.
    let back = |k: usize| i.checked_sub(k).map_or("", |j| words[j].lower);
    let range_end = (month(back(2)).is_some()
        && (matches!(before, "-" | "\u{2013}" | "to")
            || (before == "and" && matches!(back(3), "between" | "from"))))
        || last_month_of_range(words[i].lower).is_some();
    if !(matches!(before, "in" | "for" | "during" | "through" | "of")
        || period_to
        || range_end
        || year.is_some()
        || possessive
        || subject)
    {
        return None;
    }
    if !range_end && starts_a_period(words, i) {
        return None;
    }
    let p = published?;
    if year.is_none() && foretells(words) {
        let y = if m < p.month() {
            p.year() + 1
        } else {
            p.year()
        };
        return last_day_of_month(y, m);
    }
    let y = year.unwrap_or(if m > p.month() {
        p.year() - 1
    } else {
        p.year()
    });
    let end = match part {
        Some(Part::Early) => NaiveDate::from_ymd_opt(y, m, 10)?,
        Some(Part::Mid) => NaiveDate::from_ymd_opt(y, m, 15)?,
        Some(Part::Late) | None => last_day_of_month(y, m)?,
    };
    Some(end.min(p.max(NaiveDate::from_ymd_opt(y, m, 1)?)))
}

/// The last month of a range of months written as one word ("july-september",
/// "june-to-august"), by number.
fn last_month_of_range(word: &str) -> Option<u32> {
    // Most words are short and have no hyphen: turned away before a search ("jan-feb" is
    // the shortest range).
    if word.len() < 7 {
        return None;
    }
    let hyphen = word.bytes().position(|b| b == b'-')?;
    let (first, last) = (&word[..hyphen], &word[hyphen + 1..]);
    let last = last.strip_prefix("to-").unwrap_or(last);
    month(first)?;
    month(last)
}

/// A part of a month: "early October", "mid-October", "late October".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Early,
    Mid,
    Late,
}

impl Part {
    fn of(word: &str) -> Option<Part> {
        match word {
            "early" => Some(Part::Early),
            "mid" => Some(Part::Mid),
            "late" => Some(Part::Late),
            _ => None,
        }
    }
}

/// Whether a sentence foretells its figures: "will", "expects", "forecasts", "is expected to",
/// "plans to". Not "more than expected" nor "as forecast", which measure a past figure against
/// a forecast, nor "would" of reported speech.
pub fn foretells(words: &[Word]) -> bool {
    words.iter().enumerate().any(|(k, w)| match w.lower {
        "will" | "expects" | "expect" => true,
        // "The bank forecasts 2.5%", not the noun: "below forecasts of a 40,000 gain".
        "forecasts" | "projects" | "predicts" => words.get(k + 1).is_none_or(|n| n.lower != "of"),
        "expected" | "forecast" | "projected" | "planned" => {
            k > 0
                && !matches!(words[k - 1].lower, "than" | "as")
                && words.get(k + 1).is_some_and(|n| n.lower == "to")
        }
        "plans" | "aims" => words.get(k + 1).is_some_and(|n| n.lower == "to"),
        _ => false,
    })
}

/// Whether "the same period", "the same point" or the like ends right before token `i`: "the
/// same period of 2022", "at the same point in 2023" name that year's day, not its end.
fn same_point_before(words: &[Word], i: usize) -> bool {
    let before = &words[i.saturating_sub(3)..i];
    before.iter().any(|w| {
        matches!(
            w.lower,
            "point" | "stage" | "time" | "period" | "date" | "day"
        )
    }) && before.iter().any(|w| w.lower == "same")
}

/// The last day of a span of the year named at token `i` ("quarter", "half", "months", or a
/// quarter's or half's code): "the first quarter", "the second half of 2023", "the first six
/// months of the year", "Q3", "H1 2024". The year is the one after "of" or right after the
/// span, else the latest whose span ended by publication.
fn span_end(words: &[Word], i: usize, published: Option<NaiveDate>) -> Option<NaiveDate> {
    let lower = |k: usize| words.get(k).map_or("", |w| w.lower);
    let ordinal = |w: &str| match w {
        "first" => Some(1),
        "second" => Some(2),
        "third" => Some(3),
        "fourth" => Some(4),
        _ => None,
    };
    let before = lower(i.wrapping_sub(1));
    let last_month: u32 = match lower(i) {
        "quarter" => 3 * ordinal(before).filter(|&q| q <= 4)?,
        "half" => 6 * ordinal(before).filter(|&h| h <= 2)?,
        "q1" | "q2" | "q3" | "q4" => 3 * u32::from(lower(i).as_bytes()[1] - b'0'),
        "h1" | "h2" => 6 * u32::from(lower(i).as_bytes()[1] - b'0'),
        _ => {
            // "the first six months": a count of months from January.
            let n = small_count(before).or_else(|| before.parse().ok())?;
            if i < 2 || lower(i - 2) != "first" || !(1..=12).contains(&n) {
                return None;
            }
            n as u32
        }
    };
    let a_year = |y: &str| {
        y.parse::<i32>()
            .ok()
            .filter(|y| y.to_string().len() == 4 && (1900..=2100).contains(y))
    };
    let year = match (lower(i + 1), lower(i + 2), lower(i + 3)) {
        ("of", "the", "year") | ("of", "this", "year") => None,
        ("of", y, _) => Some(a_year(y)?),
        (y, _, _) => a_year(y),
    };
    let p = published?;
    let y = year.unwrap_or_else(|| {
        let this_year = last_day_of_month(p.year(), last_month);
        match this_year {
            Some(end) if end > p => p.year() - 1,
            _ => p.year(),
        }
    });
    last_day_of_month(y, last_month)
}

/// `word` without its possessive "'s", if it has one ("November's").
fn strip_possessive(word: &str) -> Option<&str> {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
}

/// The last day of the month before `as_of`'s, when `as_of` is a month's last day and the
/// sentence's `words` speak of a month, not of a quarter, a span of months or a year ("eased
/// to 3.6% in November from 4.2%" compares with October; "grew 0.4% in the third quarter"
/// with the quarter before, which this does not count).
pub fn month_before(words: &[Word], as_of: NaiveDate) -> Option<NaiveDate> {
    let month_end = as_of.succ_opt().is_none_or(|next| next.day() == 1);
    // A year alone ("in 2023"), not a month's ("in November 2023").
    let year_alone = |k: usize| {
        words[k].lower.len() == 4
            && words[k]
                .lower
                .parse::<i32>()
                .is_ok_and(|y| (1900..=2100).contains(&y))
            && k.checked_sub(1)
                .is_none_or(|j| month(words[j].text).is_none())
    };
    let longer = (0..words.len()).any(|k| {
        matches!(
            words[k].lower,
            "quarter" | "quarterly" | "months" | "half" | "q1" | "q2" | "q3" | "q4" | "annual"
        ) || year_alone(k)
    });
    if !month_end || longer {
        return None;
    }
    let first = NaiveDate::from_ymd_opt(as_of.year(), as_of.month(), 1)?;
    first.pred_opt()
}

/// The last day of month `m` of year `y`.
fn last_day_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Space-separated tokens as the extractor gives them; `lower` is `text` in lower case.
    fn words_of<'a>(text: &'a str, lower: &'a str) -> Vec<Word<'a>> {
        text.split(' ')
            .zip(lower.split(' '))
            .map(|(text, lower)| Word {
                text,
                lower,
                is_word: text.chars().all(char::is_alphabetic),
            })
            .collect()
    }

    /// The as-of date of space-separated tokens, as the extractor gives them.
    fn date_of(text: &str, published: Option<NaiveDate>) -> Option<NaiveDate> {
        let lower = text.to_ascii_lowercase();
        date_in(&words_of(text, &lower), published)
    }

    #[test]
    fn as_of_cases() {
        let published = Some(d("2024-10-29")); // a Tuesday
        let cases: &[(&str, Option<&str>)] = &[
            ("officials confirmed Monday that", Some("2024-10-28")),
            // Holidays of a fixed day: the most recent one.
            ("two boats landed on Christmas Day", Some("2023-12-25")),
            ("on New Year's Eve", Some("2023-12-31")),
            ("on New Year's Day", Some("2024-01-01")),
            ("since Christmas", None),
            ("a new day", None),
            // What a figure is likened to dates nothing.
            ("the same as in February", None),
            ("prices rose 0.4 per cent , as they had in February", None),
            ("the same pace as in August", None),
            // A year when a period began is no figure's.
            ("the most since counting began in 2018", None),
            (
                "earlier than at any time since figures were first published in 2018",
                None,
            ),
            ("the highest since the war started in 2022", None),
            (
                "it has eased since peaking at 9.1 % in June",
                Some("2024-06-30"),
            ),
            // A part of a month: early the 10th, mid the 15th, late the last day.
            ("in late September the toll was 40", Some("2024-09-30")),
            ("cases rose to 90 in early September", Some("2024-09-10")),
            ("as it stood in mid-September", Some("2024-09-15")),
            ("in mid-March 2023 the count reached 7", Some("2023-03-15")),
            ("in late October", Some("2024-10-29")),
            ("the early March figures", None),
            ("on Tuesday the ministry said", Some("2024-10-29")),
            ("on Wednesday", Some("2024-10-23")),
            ("lows of 5 degrees by Sunday", None),
            ("the toll had risen to 55 by Friday", Some("2024-10-25")),
            (
                "27 bodies have been recovered by Monday",
                Some("2024-10-28"),
            ),
            ("the count will have passed 60 by Friday", None),
            ("by Friday the number was 1,200", Some("2024-10-25")),
            ("by Sunday 40 homes were under water", Some("2024-10-27")),
            ("by Sunday the number could be 60", None),
            (
                "the toll climbed to 212 by Thursday night",
                Some("2024-10-24"),
            ),
            ("arrivals fell to 90 by Saturday", Some("2024-10-26")),
            ("the index reached 40 by Friday", Some("2024-10-25")),
            ("the toll is expected to climb to 300 by Friday", None),
            ("until Monday", None),
            // A habit names no day.
            ("the agency updates its count every Monday", None),
            ("each Friday the office publishes 40 reports", None),
            ("Monday's figures", Some("2024-10-28")),
            ("Saturday's earthquake killed 40", None),
            ("after Sunday's blast", None),
            ("Monday's update", Some("2024-10-28")),
            ("yesterday", Some("2024-10-28")),
            ("last week", Some("2024-10-27")),
            ("cases fell by a third last week", Some("2024-10-27")),
            ("three days ago", Some("2024-10-26")),
            ("on Oct . 28", Some("2024-10-28")),
            ("as of June 1", Some("2024-06-01")),
            ("as at 30 June", Some("2024-06-30")),
            ("on 9 May", Some("2024-05-09")),
            ("on December 20", Some("2023-12-20")),
            // "since" opens a period; a later date in the sentence still counts.
            ("since 2024 - 10 - 01", None),
            ("since 24 February", None),
            (
                "crossings since Oct . 1 rose , officials said Monday",
                Some("2024-10-28"),
            ),
            ("up since Monday", None),
            ("Since January 5", None),
            (
                "2024 - 10 - 01 and since 2024 - 09 - 01",
                Some("2024-10-01"),
            ),
            ("the June agreement", None),
            // A range of days holds at its last day.
            (
                "arrivals between January 1 and October 20",
                Some("2024-10-20"),
            ),
            ("from 3 March to 9 April", Some("2024-04-09")),
            ("from June 2 through June 30 the count", Some("2024-06-30")),
            ("it rose from 12 on May 5", Some("2024-05-05")),
            ("may rise", None),
            // A month without a day: its last day, the most recent such month.
            ("inflation eased to 2.4 % in September", Some("2024-09-30")),
            ("the rate for August was", Some("2024-08-31")),
            ("in December", Some("2023-12-31")),
            ("prices in September 2022 rose", Some("2022-09-30")),
            ("September ' s reading", Some("2024-09-30")),
            ("in October so far", Some("2024-10-29")),
            // A foretold month is the next such month, from publication's on.
            (
                "analysts expect inflation of 3.1 % in November",
                Some("2024-11-30"),
            ),
            ("the company will cut 300 jobs in March", Some("2025-03-31")),
            (
                "output is expected to reach 40 tonnes in October",
                Some("2024-10-31"),
            ),
            (
                "prices rose more than expected in September",
                Some("2024-09-30"),
            ),
            ("sales grew in March , as forecast", Some("2024-03-31")),
            // A range of months holds at its last month's end, however it is joined.
            ("in the July-September period", Some("2024-09-30")),
            ("in the June-to-August period", Some("2024-08-31")),
            ("in the June - August period", Some("2024-08-31")),
            ("from June to August", Some("2024-08-31")),
            (
                "in the three months from June to August",
                Some("2024-08-31"),
            ),
            ("between June and August", Some("2024-08-31")),
            ("since the war began in April", None),
            ("fighting that broke out in April", None),
            ("May rose", None),
            ("last month", Some("2024-09-30")),
            ("exports last year", Some("2023-12-31")),
            ("a third of last year ' s arrivals", Some("2023-12-31")),
            ("ahead of last year ' s pace", None),
            ("last year ' s pace", None),
            ("900 of last year's arrivals", Some("2023-12-31")),
            ("behind last year's pace", None),
            // Any case, and the first byte of a word decides which tests run.
            ("Yesterday", Some("2024-10-28")),
            ("TONIGHT", Some("2024-10-29")),
            ("Last Week", Some("2024-10-27")),
            ("next Monday", None),
            ("28 October", Some("2024-10-28")),
            ("on Oct. 28", Some("2024-10-28")),
            ("Émile left 2 days ago", Some("2024-10-27")),
        ];
        for (text, expected) in cases {
            assert_eq!(date_of(text, published), expected.map(d), "{text}");
        }
    }

    /// Spans counted back from publication ("ago", "earlier", "before"), but not a
    /// comparison's base nor "before" that opens a phrase.
    #[test]
    fn relative_dates_count_back() {
        let published = Some(d("2024-10-29"));
        let cases: &[(&str, Option<&str>)] = &[
            ("two years ago", Some("2022-10-29")),
            ("a month ago", Some("2024-09-29")),
            ("the list held 385 names a week earlier", Some("2024-10-22")),
            ("up from 607 a week earlier", Some("2024-10-22")),
            ("three days earlier , the toll was", Some("2024-10-26")),
            ("compared with 12 the day before", Some("2024-10-28")),
            ("a month before , it stood at", Some("2024-09-29")),
            ("cases in the previous week", Some("2024-10-22")),
            ("the prior day", Some("2024-10-28")),
            ("over the weekend", Some("2024-10-27")),
            ("last weekend", Some("2024-10-27")),
            ("in the first six months of 2023", Some("2023-06-30")),
            ("on 10 August 2022", Some("2022-08-10")),
            ("on August 10 , 2022", Some("2022-08-10")),
            ("on Aug . 10 , 2022", Some("2022-08-10")),
            ("on the same day last year", Some("2023-10-29")),
            ("in the same period of 2022", Some("2022-10-29")),
            ("at the same point in 2022", Some("2022-10-29")),
            ("at this point last year", Some("2023-10-29")),
            ("last Tuesday", Some("2024-10-22")),
            ("last Monday", Some("2024-10-28")),
            ("in the first half of the year", Some("2024-06-30")),
            ("in the second quarter", Some("2024-06-30")),
            ("in the fourth quarter", Some("2023-12-31")),
            ("the third quarter of 2022", Some("2022-09-30")),
            // A quarter's or half's code, and a year right after the span.
            ("in Q3", Some("2024-09-30")),
            ("Q4 sales fell", Some("2023-12-31")),
            ("growth in Q2 2023 was", Some("2023-06-30")),
            ("H1 profit rose", Some("2024-06-30")),
            ("in the first quarter 2023", Some("2023-03-31")),
            ("the Q5 model", None),
            ("November's total was 4,000", Some("2023-11-30")),
            ("September's total was 4,000", Some("2024-09-30")),
            ("August saw 1,700 crossings", Some("2024-08-31")),
            ("May saw 1,700 crossings", Some("2024-05-31")),
            ("May rise", None),
            ("between January and June", Some("2024-06-30")),
            ("from March to May", Some("2024-05-31")),
            ("a quarter of the homes", None),
            ("the other half", None),
            ("rivers rose through the weekend", None),
            ("rivers could rise over the weekend", None),
            (
                "crews had cleared 60 roads by the end of the weekend",
                Some("2024-10-27"),
            ),
            ("the road will reopen by the end of the weekend", None),
            // Comparison bases and phrases that count from another event.
            ("up 5 % from a year earlier", None),
            ("up 0.3 % from the previous month", None),
            ("up 5.9 % from a year ago", None),
            ("higher than two years ago", None),
            ("up 2 % on the prior quarter", None),
            ("down 1 % over the previous week", None),
            ("higher than a month before", None),
            ("compared with a year earlier", None),
            ("two days before the vote", None),
            ("a week earlier than planned", None),
            ("the previous record", None),
        ];
        for (text, expected) in cases {
            assert_eq!(date_of(text, published), expected.map(d), "{text}");
        }
    }

    /// The date each figure of a sentence holds on: marked as-of dates first, else the nearest;
    /// datelines and event dates are no figure's.
    #[test]
    fn each_figure_takes_its_date() {
        let published = Some(d("2024-10-29")); // a Tuesday
        let cases: &[(&str, &str, Option<&str>)] = &[
            // The nearest date to each figure.
            (
                "the agency said on Monday that 40 died , and the institute put the toll on Sunday at 55",
                "55",
                Some("2024-10-27"),
            ),
            (
                "the agency said on Monday that 40 died , and the institute put the toll on Sunday at 55",
                "40",
                Some("2024-10-28"),
            ),
            (
                "cases rose to 48 on Friday from 24 on Wednesday",
                "48",
                Some("2024-10-25"),
            ),
            // A marked as-of date wins over a nearer statement date.
            (
                "the office counted 300 cases , it said on Monday , in reports through Friday , Oct . 25",
                "300",
                Some("2024-10-25"),
            ),
            ("9 sites were closed as of Sunday", "9", Some("2024-10-27")),
            // Written day first, the marker still makes the date the figures' own.
            (
                "the agency said on Monday that 9 sites were closed as at 30 September",
                "9",
                Some("2024-09-30"),
            ),
            (
                "as of 1 October , 310 schools were shut , the ministry said on Friday",
                "310",
                Some("2024-10-01"),
            ),
            (
                "it said on Monday that in reports up to 20 October there were 44 cases",
                "44",
                Some("2024-10-20"),
            ),
            // A weekday with its date is that date, not the latest such weekday.
            (
                "it said on Friday that 40 deaths were reported in the week to Sunday , Oct . 13",
                "40",
                Some("2024-10-13"),
            ),
            (
                "on Saturday , 12 October , 300 crossed",
                "300",
                Some("2024-10-12"),
            ),
            // "the end of" a month or year after "as of", "by" or "at" is the figures' own.
            (
                "the agency said on Monday that 2.1 million had fled by the end of September",
                "2.1",
                Some("2024-09-30"),
            ),
            (
                "as of the end of June , 4,000 claims were open , it said on Monday",
                "4,000",
                Some("2024-06-30"),
            ),
            (
                "it said on Friday that the stock stood at 80 tonnes at the end of 2023",
                "80",
                Some("2023-12-31"),
            ),
            // The end of the period the figure was counted over, before the statement's day.
            (
                "the ministry said on Tuesday that 312 cases were recorded in the 24 hours to 8 am on Monday",
                "312",
                Some("2024-10-28"),
            ),
            (
                "in the 24 hours to midnight on Sunday , 90 drones were launched , it said on Monday",
                "90",
                Some("2024-10-27"),
            ),
            (
                "it said on Monday that deaths in the past week rose to 40 on Sunday",
                "40",
                Some("2024-10-27"),
            ),
            (
                "the office said on Monday that 1,200 crossed in the week to Sunday",
                "1,200",
                Some("2024-10-27"),
            ),
            (
                "it said on Friday that 40 deaths were reported in the seven days to October 20",
                "40",
                Some("2024-10-20"),
            ),
            (
                "the ministry said on Monday that 312 cases were recorded in the 24 hours to Sunday morning",
                "312",
                Some("2024-10-27"),
            ),
            (
                "sales rose 0.4 % in the four weeks ending Saturday , it said on Tuesday",
                "0.4",
                Some("2024-10-26"),
            ),
            // Two years in a list, each its figure's.
            (
                "up from 28,526 in 2021 and 8,466 in 2020",
                "28,526",
                Some("2021-12-31"),
            ),
            // A date right after the figure is its own, before one marked elsewhere.
            (
                "in the 12 months through September , prices rose 2.4 % , after 2.5 % in August",
                "2.5",
                Some("2024-08-31"),
            ),
            (
                "the count showed 14 cases in 2024 as of Friday",
                "14",
                Some("2024-10-25"),
            ),
            (
                "prices rose 2.4 % in the year through September after 2.5 % in August",
                "2.4",
                Some("2024-09-30"),
            ),
            // A year's total, and all of a year.
            (
                "the 2023 total of 29,437 crossings",
                "29,437",
                Some("2023-12-31"),
            ),
            (
                "in all of 2023 , 29,437 made it",
                "29,437",
                Some("2023-12-31"),
            ),
            (
                "reported 3 on Thursday , bringing its 2024 total to 100",
                "100",
                Some("2024-10-24"),
            ),
            // A comparison's base dates nothing.
            (
                "arrivals this year reached 22,000 , 3 % fewer than at the same point last year",
                "22,000",
                None,
            ),
            (
                "the total now stands at 18,320 , up 3 % on the same point last year",
                "18,320",
                None,
            ),
            (
                "the total now stands at 18,320 , down 5 % on last year",
                "18,320",
                None,
            ),
            (
                "sales were 412 , up 8 % from the same period a year earlier",
                "412",
                None,
            ),
            ("sales rose 5 % on Monday to 412", "412", Some("2024-10-28")),
            (
                "sales rose 4 % in March compared with last year",
                "4",
                Some("2024-03-31"),
            ),
            ("more than 40 on Monday", "40", Some("2024-10-28")),
            // A comparison with an expectation closes before the date.
            (
                "prices rose faster than expected in July , by 0.4 %",
                "0.4",
                Some("2024-07-31"),
            ),
            (
                "sales were lower than forecast last month at 2,100",
                "2,100",
                Some("2024-09-30"),
            ),
            // A count's period that ended before the statement's day is its own; one still
            // running ("so far in 2024") is not.
            (
                "in 2023 , the agency recorded 29,000 crossings , it said Monday",
                "29,000",
                Some("2023-12-31"),
            ),
            (
                "last month , the agency said , 900 people crossed , it said Monday",
                "900",
                Some("2024-09-30"),
            ),
            (
                "so far in 2024 , 31,000 have crossed , the agency said on Monday",
                "31,000",
                Some("2024-10-28"),
            ),
            // A statistic's period before the statement's day, or the day its release came out.
            (
                "data for August , released on Tuesday , showed prices rose 0.3 %",
                "0.3",
                Some("2024-08-31"),
            ),
            (
                "prices rose 0.2 % in July , the department said on Wednesday , and the annual rate slowed to 2.9 %",
                "2.9",
                Some("2024-07-31"),
            ),
            (
                "the toll rose to 40 , the ministry said on Monday",
                "40",
                Some("2024-10-28"),
            ),
            (
                "the agency said on Monday that 1,288 cases were recorded , more than the 1,274 in 2019",
                "1,288",
                Some("2024-10-28"),
            ),
            // A date across a ";" is another clause's.
            (
                "on Friday the ministry said 40 had died ; by Monday that had risen to 55",
                "40",
                Some("2024-10-25"),
            ),
            (
                "on Friday the ministry said 40 had died ; by Monday that had risen to 55",
                "55",
                Some("2024-10-28"),
            ),
            // Datelines and events date nothing.
            ("OSLO , Oct 29 ( Wire ) - 70 people fled", "70", None),
            ("LIMA , Peru , Oct . 29 - 70 people fled", "70", None),
            ("70 died in the storm that struck on Sunday", "70", None),
            (
                "an earthquake struck the region late Sunday night , killing more than 800 people",
                "800",
                None,
            ),
            (
                "a storm hit the coast on Sunday , leaving 12 dead , officials said on Monday",
                "12",
                Some("2024-10-28"),
            ),
            (
                "70 are known to have died in the storms that hit the north and the east on Sunday , officials said on Monday",
                "70",
                Some("2024-10-28"),
            ),
            (
                "the war has uprooted 10,000 since it began in April last year , the agency said on Monday",
                "10,000",
                Some("2024-10-28"),
            ),
            (
                "fighting that erupted on Oct . 1 has uprooted 7,000",
                "7,000",
                None,
            ),
            (
                "deaths from the Oct . 20 landslide passed 90 on Monday",
                "90",
                Some("2024-10-28"),
            ),
            ("80 were missing since the Oct . 20 landslide", "80", None),
            (
                "losses have reached 101,430 since Moscow launched its full - scale invasion on 24 February 2022 , the staff said on Monday",
                "101,430",
                Some("2024-10-28"),
            ),
            (
                "the toll stands at 300 since the quake struck on Feb . 6",
                "300",
                None,
            ),
            (
                "since the fighting erupted on 15 April , 12,000 have been killed",
                "12,000",
                None,
            ),
            (
                "it has lost 690,000 since the start of the invasion in February 2022",
                "690,000",
                None,
            ),
            // The date of a "when" clause is its figures'.
            (
                "the most since 18 June , when 882 crossed",
                "882",
                Some("2024-06-18"),
            ),
            (
                "the highest since 2019 , when 1,274 were recorded",
                "1,274",
                Some("2019-12-31"),
            ),
            // A target's date.
            (
                "it expects 2,000 by the end of 2025",
                "2,000",
                Some("2025-12-31"),
            ),
            // A foretold year's end without its number: this year's, or the next.
            (
                "the bank expects inflation to ease to 2.5 % by the end of the year",
                "2.5",
                Some("2024-12-31"),
            ),
            (
                "the agency will hire 300 more by the end of next year",
                "300",
                Some("2025-12-31"),
            ),
            // A period that ends with a month, and a year's figure at the year's end.
            (
                "prices rose 3.2 % in the year to September",
                "3.2",
                Some("2024-09-30"),
            ),
            (
                "in the 12 months to August , 41,000 crossed",
                "41,000",
                Some("2024-08-31"),
            ),
            (
                "crossings in 2023 totalled 29,437",
                "29,437",
                Some("2023-12-31"),
            ),
            (
                "so far in 2024 , 31,000 have crossed",
                "31,000",
                Some("2024-10-29"),
            ),
            ("between 2019 and 2021 the figure was 40", "40", None),
            // Last year's total names its year, before any other year of the sentence.
            (
                "last year's total was 36,816 , and 45,774 arrived in 2022",
                "36,816",
                Some("2023-12-31"),
            ),
            (
                "last year's tally of 512 was a record",
                "512",
                Some("2023-12-31"),
            ),
            ("it is 8 % ahead of last year's total", "8", None),
            (
                "data put last year's small-boat arrivals at some 36,816 , up 25 % from the 29,437 recorded in 2023",
                "36,816",
                Some("2023-12-31"),
            ),
            (
                "the 2024 total rose to 29,578 , just above last year's figure",
                "29,578",
                None,
            ),
            // A month after "after" is what came before's.
            (
                "core prices increased 3.2 % year-on-year after rising by the same margin in July",
                "3.2",
                None,
            ),
            (
                "the index rose 0.4 % after rising 0.1 % in March",
                "0.4",
                None,
            ),
            // Each figure its own end of a month.
            (
                "the total reached 10,000 at the end of April and nearly 20,000 by the end of June",
                "20,000",
                Some("2024-06-30"),
            ),
            (
                "the total reached 10,000 at the end of April and nearly 20,000 by the end of June",
                "10,000",
                Some("2024-04-30"),
            ),
            (
                "the 14,732 recorded by the same date in 2023",
                "14,732",
                Some("2023-10-29"),
            ),
            // Comparing the same date of several years: each year's figure at that date.
            (
                "against the same point of past years , arrivals are behind the 9,870 seen in 2022",
                "9,870",
                Some("2022-10-29"),
            ),
            (
                "at the same stage of the season , the 402 cases recorded in 2021 were a record",
                "402",
                Some("2021-10-29"),
            ),
            // A date right after another figure is that one's.
            (
                "wages grew 4.1 % from a year earlier after a 3.9 % rise in July",
                "4.1",
                None,
            ),
            ("sales rose 5 % , after 3 % in April", "5", None),
            (
                "sales rose 5 % in May after 3 % in April",
                "3",
                Some("2024-04-30"),
            ),
            (
                "sales rose 5 % in May after 3 % in April",
                "5",
                Some("2024-05-31"),
            ),
            // A month's possessive before another figure is that one's.
            (
                "core prices rose 3.2 % , a touch below November's level of 3.3 %",
                "3.2",
                None,
            ),
            (
                "core prices rose 3.2 % , a touch below November's level of 3.3 %",
                "3.3",
                Some("2023-11-30"),
            ),
            (
                "Friday's arrivals - 424 people - took the total to 29,578",
                "29,578",
                Some("2024-10-25"),
            ),
        ];
        for (text, figure, expected) in cases {
            let lower = text.to_ascii_lowercase();
            let words = words_of(text, &lower);
            let at = words.iter().position(|w| w.text == *figure).unwrap();
            // The figure's unit is its own.
            let end = at + 1 + usize::from(words.get(at + 1).is_some_and(|w| w.text == "%"));
            let dated = dates_in(&words, published, None);
            // Every other number ends a figure, with its "%".
            let in_a_date = |k: usize| dated.iter().any(|d| d.at + 1 >= k && d.at <= k + 1);
            let others: Vec<(usize, usize)> = (0..words.len())
                .filter(|&k| k != at && words[k].text.starts_with(|c: char| c.is_ascii_digit()))
                .filter(|&k| !in_a_date(k))
                .map(|k| {
                    let percent = words.get(k + 1).is_some_and(|w| w.text == "%");
                    (k, k + 1 + usize::from(percent))
                })
                .collect();
            assert_eq!(
                date_for(&dated, &words, (at, end), &others, 0..0, text.contains('%'))
                    .map(|d| d.date),
                expected.map(d),
                "{text} / {figure}"
            );
        }
    }

    #[test]
    fn dates_at_the_ends_of_the_calendar_do_not_overflow() {
        for published in [NaiveDate::MIN, NaiveDate::MAX] {
            for text in [
                "on Monday",
                "yesterday",
                "last week",
                "400 days ago",
                "on June 1",
                "on Dec . 31",
            ] {
                let _ = date_of(text, Some(published));
            }
        }
    }

    #[test]
    fn relative_dates_need_a_publication_date() {
        assert_eq!(date_of("on Monday", None), None);
    }
}
