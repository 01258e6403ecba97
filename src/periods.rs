//! The period a text speaks of, for telling apart series of one thing counted over different
//! spans: arrivals on one day, so far this year, in a whole year; a price change on the month
//! or on the year. A catalog phrase that states a period ("crossed on", "so far this year",
//! "annual total", "monthly inflation") is not taken for a figure whose clause states another
//! ("800 crossed on Sunday" is a day's, "the total for the year so far" the year's to date).
//!
//! Read from raw lower-case words (function words matter here: "so far", "on", "a day").

use crate::extract::dates::{TOTALS, month, weekday};
use aho_corasick::AhoCorasick;
use chrono::{Datelike, NaiveDate};
use std::sync::LazyLock;

/// A set of periods, one bit each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Periods(u8);

impl Periods {
    pub const DAY: Periods = Periods(1);
    pub const WEEK: Periods = Periods(2);
    pub const MONTH: Periods = Periods(4);
    pub const YEAR: Periods = Periods(8);
    /// Since the start of the current year (or of a count): "so far this year".
    pub const TO_DATE: Periods = Periods(16);

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    fn add(&mut self, other: Periods) {
        self.0 |= other.0;
    }

    /// Whether every period of `self` is one of `other`'s: a clause that states a month's
    /// change only, not one that also states a year's.
    pub fn within(self, other: Periods) -> bool {
        self.0 & !other.0 == 0
    }

    /// Whether a phrase stating `self` may be taken for a figure whose clause states `clause`:
    /// either states none, or they share one.
    pub fn agree(self, clause: Periods) -> bool {
        self.is_empty() || clause.is_empty() || self.0 & clause.0 != 0
    }
}

/// Verbs of stating: a day after them is when a source spoke, not a figure's span.
const STATED: [&str; 9] = [
    "said",
    "says",
    "told",
    "reported",
    "announced",
    "added",
    "stated",
    "confirmed",
    "published",
];

/// The periods a figure's `text` states, the figure at byte `figure` of it. `published` dates
/// the text: a year named as the current one ("the total for 2024" in 2024) is so far this
/// year, an earlier one a whole year. Words after the figure from "than" (not a bound's: "more
/// than 800") or "compared" on are a comparison's ("21,013, 4% lower than last year"); before
/// it, the figure is in the comparison ("more than the total of 1,274 in 2019").
pub fn of(text: &str, figure: usize, published: Option<NaiveDate>) -> Periods {
    static COMPARISONS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::new([" than ", " compared ", " versus "])
            .expect("three plain patterns build an automaton")
    });
    let after = text.get(figure..).unwrap_or("");
    let base = COMPARISONS
        .find_overlapping_iter(after)
        .find(|m| !after[m.end()..].starts_with(|c: char| c.is_ascii_digit()))
        .map_or(text.len(), |m| figure + m.start());
    let lower = text[..base].to_lowercase();
    stated_in(&words_of(&lower), published).0
}

/// A catalog phrase's period and its other words: "passengers so far this year" is the
/// year-to-date's "passengers". A phrase that is all period ("single day") keeps its words.
pub fn of_phrase(text: &str) -> (Periods, String) {
    let (period, rest) = read(text, None);
    if rest.trim().is_empty() {
        (period, text.to_string())
    } else {
        (period, rest)
    }
}

/// The periods `text` states and its words without those that state them.
fn read(text: &str, published: Option<NaiveDate>) -> (Periods, String) {
    let lower = text.to_lowercase();
    let words = words_of(&lower);
    let (found, stated) = stated_in(&words, published);
    let rest: Vec<&str> = words
        .iter()
        .zip(&stated)
        .filter(|(_, s)| !**s)
        .map(|(w, _)| *w)
        .collect();
    (found, rest.join(" "))
}

/// The words of lower-case `text`.
fn words_of(lower: &str) -> Vec<&str> {
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The periods `words` state, and which of the words state them.
fn stated_in(words: &[&str], published: Option<NaiveDate>) -> (Periods, Vec<bool>) {
    let mut found = Periods::default();
    let mut stated = vec![false; words.len()];
    for i in 0..words.len() {
        if let Some((period, from, to)) = period_at(words, i, published) {
            found.add(period);
            stated[from..to].iter_mut().for_each(|s| *s = true);
        }
    }
    (found, stated)
}

/// The period stated by the words around word `i`, with the span of words that state it.
fn period_at(
    words: &[&str],
    i: usize,
    published: Option<NaiveDate>,
) -> Option<(Periods, usize, usize)> {
    let at = |k: usize| words.get(k).copied().unwrap_or("");
    let next = at(i + 1);
    let before = if i > 0 { at(i - 1) } else { "" };
    let one = |p| Some((p, i, i + 1));
    let with_before = |p| Some((p, i - 1, i + 1));
    let with_next = |p, n: usize| Some((p, i, (i + 1 + n).min(words.len())));
    match words[i] {
        "daily" | "yesterday" | "overnight" => one(Periods::DAY),
        "weekly" => one(Periods::WEEK),
        "monthly" => one(Periods::MONTH),
        "annual" | "annually" | "yearly" => one(Periods::YEAR),
        "far" if before == "so" => with_before(Periods::TO_DATE),
        "date" if before == "to" => with_before(Periods::TO_DATE),
        "day" if matches!(before, "single" | "one" | "a" | "per" | "each" | "every") => {
            with_before(Periods::DAY)
        }
        "hours" if before == "24" => with_before(Periods::DAY),
        "on" if next.is_empty() => one(Periods::DAY),
        // Not the day a source spoke: "it said on Monday".
        "on" if STATED.contains(&before) => None,
        "on" if weekday(next).is_some() || month(next).is_some() => with_next(Periods::DAY, 1),
        "on" if next.starts_with(|c: char| c.is_ascii_digit()) && next.len() <= 2 => {
            with_next(Periods::DAY, 1)
        }
        "week" if matches!(before, "last" | "a" | "per" | "this" | "previous") => {
            with_before(Periods::WEEK)
        }
        "month" if matches!(before, "last" | "a" | "per" | "previous") => {
            with_before(Periods::MONTH)
        }
        "month" if next == "on" && at(i + 2) == "month" => with_next(Periods::MONTH, 2),
        // "slipped 0.1% on the month", "up 3.8% over the year": the change over that period.
        "month" | "year" if before == "the" && i >= 2 && matches!(at(i - 2), "on" | "over") => {
            let p = if words[i] == "month" {
                Periods::MONTH
            } else {
                Periods::YEAR
            };
            Some((p, i - 2, i + 1))
        }
        "months" if before == "12" => with_before(Periods::YEAR),
        "year" if before == "this" => with_before(Periods::TO_DATE),
        // "51% ahead of the same date last year": that year to the same day.
        "year" if before == "last" && same_point(words, i - 1) => with_before(Periods::TO_DATE),
        // "passed 18,000 for the year": so far.
        "year" if before == "the" && i >= 2 && at(i - 2) == "for" => {
            Some((Periods::TO_DATE, i - 2, i + 1))
        }
        "year" if next == "to" && at(i + 2) == "date" => with_next(Periods::TO_DATE, 2),
        "year" if matches!(before, "last" | "a" | "per" | "previous" | "calendar") => {
            with_before(Periods::YEAR)
        }
        "year" if next == "on" && at(i + 2) == "year" => with_next(Periods::YEAR, 2),
        "since" if month(next).is_some() || next == "the" => with_next(Periods::TO_DATE, 1),
        "whole" if next == "of" => with_next(Periods::YEAR, 1),
        "in" | "for" | "during" | "of" => {
            let y = year(next)?;
            match published.map(|p| p.year()) {
                Some(now) if now == y => with_next(Periods::TO_DATE, 1),
                // "by the same date in 2023": that year to the same day.
                _ if same_point(words, i) => with_next(Periods::TO_DATE, 1),
                _ => with_next(Periods::YEAR, 1),
            }
        }
        // "the 2022 tally", "its 2023 total": the year's count, so far while it runs.
        w if TOTALS.contains(next) => {
            let y = year(w)?;
            match published.map(|p| p.year()) {
                Some(now) if now == y => with_next(Periods::TO_DATE, 1),
                _ => with_next(Periods::YEAR, 1),
            }
        }
        // "rose 0.2% from May", "from December to January": a month's change.
        "from" if month(next).is_some() => {
            let to = matches!(at(i + 2), "to" | "through") && month(at(i + 3)).is_some();
            let one_month = |a: u32, b: u32| b == a % 12 + 1;
            match (to, month(next), month(at(i + 3))) {
                (false, _, _) => with_next(Periods::MONTH, 1),
                (true, Some(a), Some(b)) if one_month(a, b) => with_next(Periods::MONTH, 3),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A year of four digits.
fn year(word: &str) -> Option<i32> {
    let y = word.parse::<i32>().ok()?;
    ((1900..=2100).contains(&y) && word.len() == 4).then_some(y)
}

/// Whether "the same date (point, time, stage, day)" ends right before word `i`: "at the same
/// point last year", "by the same date in 2023".
fn same_point(words: &[&str], i: usize) -> bool {
    i >= 2
        && words[i - 2] == "same"
        && matches!(words[i - 1], "date" | "point" | "time" | "stage" | "day")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(p: Periods) -> Vec<&'static str> {
        [
            (Periods::DAY, "day"),
            (Periods::WEEK, "week"),
            (Periods::MONTH, "month"),
            (Periods::YEAR, "year"),
            (Periods::TO_DATE, "to date"),
        ]
        .into_iter()
        .filter(|(q, _)| p.0 & q.0 != 0)
        .map(|(_, n)| n)
        .collect()
    }

    #[test]
    fn periods_of_phrases_and_clauses() {
        let published = NaiveDate::from_ymd_opt(2024, 9, 2);
        let cases: &[(&str, &[&str])] = &[
            // Catalog phrases as a user writes them.
            ("arrived on", &["day"]),
            ("in a single day", &["day"]),
            ("daily arrivals", &["day"]),
            ("so far this year", &["to date"]),
            ("total since January", &["to date"]),
            ("year-to-date sales", &["to date"]),
            ("last year's total", &["year"]),
            ("annual total", &["year"]),
            ("arrivals in the whole of", &["year"]),
            ("monthly inflation", &["month"]),
            ("month-on-month", &["month"]),
            ("year on year", &["year"]),
            ("weekly cases", &["week"]),
            ("inflation", &[]),
            // Figures' clauses.
            ("more than 800 crossed the Channel on Sunday", &["day"]),
            ("the total for 2024 rose to 21,013", &["to date"]),
            ("In all of 2023, 29,437 made the crossing", &["year"]),
            ("prices rose 3.2% in the 12 months through May", &["year"]),
            ("prices rose 0.3% from the previous month", &["month"]),
            ("the index slipped 0.1% on the month", &["month"]),
            ("prices rose 0.4% over the month", &["month"]),
            ("the core index was up 3.8% over the year", &["year"]),
            ("prices were 2% higher on the year", &["year"]),
            ("cases rose to 40 on 3 March", &["day"]),
            ("roughly 2 million fled the region, it said on Friday", &[]),
            // A comparison's period is not the figure's, but one the figure is in is.
            ("21,013, 4% lower than at the same point last year", &[]),
            ("more than the total of 1,274 in 2019", &["year"]),
            ("40 died", &[]),
            // A year's tally, so far for the year, a year to the same day, a month's change.
            ("lifting the 2024 tally to 18,108", &["to date"]),
            ("the 2022 total was 45,774", &["year"]),
            ("arrivals have passed 18,000 for the year", &["to date"]),
            (
                "ahead of the same date last year, when 16,842 had crossed",
                &["to date"],
            ),
            ("the 14,732 recorded by the same date in 2023", &["to date"]),
            ("prices rose 0.2% from May", &["month"]),
            (
                "from December to January the index climbed 0.6%",
                &["month"],
            ),
            ("from January to June, 4,000 arrived", &[]),
        ];
        for (text, want) in cases {
            let figure = text.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
            assert_eq!(named(of(text, figure, published)), *want, "{text}");
        }
    }

    #[test]
    fn a_phrase_keeps_its_words_without_those_of_its_period() {
        let cases: &[(&str, &str)] = &[
            ("passengers so far this year", "passengers"),
            ("crossed the channel on", "crossed the channel"),
            ("arrivals in a single day", "arrivals in a"),
            ("crossed in the whole of", "crossed in the"),
            ("monthly inflation", "inflation"),
            ("single day", "single day"),
            ("inflation", "inflation"),
        ];
        for (phrase, rest) in cases {
            assert_eq!(of_phrase(phrase).1, *rest, "{phrase}");
        }
    }

    #[test]
    fn phrases_without_a_period_agree_with_any_figure() {
        let day = Periods::DAY;
        let year = Periods::YEAR;
        assert!(Periods::default().agree(day));
        assert!(day.agree(Periods::default()));
        assert!(!day.agree(year));
        let mut both = day;
        both.add(Periods::TO_DATE);
        assert!(both.agree(Periods::TO_DATE));
    }
}
