//! As-of dates: the day a sentence's figures refer to, resolved against the publication date.
//!
//! Weekday names are the most recent such day on or before publication ("Monday" in an article
//! of Tuesday 2024-10-29 is 2024-10-28); also "yesterday", "today", "last week", "N days ago",
//! "on Oct. 28", "28 October", "as of June 1" and ISO dates. Month names alone are not dates.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// `w` in ASCII lower case in `buf`, when it has 3 to 9 bytes (the lengths of month and
/// weekday names) and starts with one of `initials` (lower case): most words are turned away
/// by their length or first letter alone.
fn lower_name<'b>(w: &str, initials: &[u8], buf: &'b mut [u8; 9]) -> Option<&'b [u8]> {
    let first = w.as_bytes().first()?.to_ascii_lowercase();
    if !initials.contains(&first) {
        return None;
    }
    let lower = buf.get_mut(..w.len()).filter(|_| w.len() >= 3)?;
    // Byte by byte: a copy of a few bytes of varying length would call memcpy.
    for (l, b) in lower.iter_mut().zip(w.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    Some(lower)
}

/// Month names and abbreviations, in any ASCII case, with trailing periods ("Oct.").
pub fn month(word: &str) -> Option<u32> {
    let mut buf = [0u8; 9];
    Some(
        match lower_name(word.trim_end_matches('.'), b"jfmasond", &mut buf)? {
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
    Some(match lower_name(w, b"mtwfs", &mut buf)? {
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

/// The first as-of date stated in a sentence, given its words (as written) in order.
pub fn date_in(words: &[&str], published: Option<NaiveDate>) -> Option<NaiveDate> {
    for (i, raw) in words.iter().enumerate() {
        let Some(first) = raw.chars().next() else {
            continue;
        };
        // "2024-10-28" comes as five tokens.
        if first.is_ascii_digit() {
            if raw.len() == 4 && words.get(i + 1) == Some(&"-") && words.get(i + 3) == Some(&"-") {
                let (Some(m), Some(d)) = (words.get(i + 2), words.get(i + 4)) else {
                    continue;
                };
                let iso = format!("{raw}-{m}-{d}");
                if let Ok(date) = NaiveDate::parse_from_str(&iso, "%Y-%m-%d") {
                    return Some(date);
                }
            }
            continue;
        }
        if !first.is_alphabetic() {
            continue;
        }
        if first.is_uppercase() {
            // "by Sunday", "next Monday" look ahead: not the day a figure held.
            let ahead = || {
                i > 0
                    && ["by", "next", "until", "till", "coming", "before"]
                        .iter()
                        .any(|w| words[i - 1].eq_ignore_ascii_case(w))
            };
            if let Some(day) = weekday(raw).filter(|_| !ahead()) {
                return published.and_then(|p| last_weekday(p, day));
            }
            // "Oct. 28", "October 28", "28 October" (a day number beside a month name).
            if let Some(m) = month(raw) {
                let after = words.get(i + 1).copied().filter(|s| *s != ".");
                let after = after.or_else(|| words.get(i + 2).copied());
                let day = |s: &str| s.parse::<u32>().ok().filter(|d| (1..=31).contains(d));
                if let Some(d) = after.and_then(day) {
                    return month_day(published, m, d);
                }
                if let Some(d) = i.checked_sub(1).and_then(|j| day(words[j])) {
                    return month_day(published, m, d);
                }
            }
        }
        let lower = |k: usize| {
            words
                .get(k)
                .map(|s| s.to_ascii_lowercase())
                .unwrap_or_default()
        };
        if raw.eq_ignore_ascii_case("yesterday") {
            return published.and_then(|p| p.checked_sub_days(Days::new(1)));
        }
        if raw.eq_ignore_ascii_case("today") || raw.eq_ignore_ascii_case("tonight") {
            return published;
        }
        if raw.eq_ignore_ascii_case("last") && lower(i + 1) == "week" {
            return published.and_then(|p| p.checked_sub_days(Days::new(7)));
        }
        if raw.eq_ignore_ascii_case("ago") && i >= 2 {
            let Some(n) = small_count(&lower(i - 2)) else {
                continue;
            };
            let per = match lower(i - 1).trim_end_matches('s') {
                "day" => 1,
                "week" => 7,
                _ => continue,
            };
            return published.and_then(|p| p.checked_sub_days(Days::new(n * per)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn as_of_cases() {
        let published = Some(d("2024-10-29")); // a Tuesday
        let cases: &[(&str, Option<&str>)] = &[
            ("officials confirmed Monday that", Some("2024-10-28")),
            ("on Tuesday the ministry said", Some("2024-10-29")),
            ("on Wednesday", Some("2024-10-23")),
            ("lows of 5 degrees by Sunday", None),
            ("Monday's figures", Some("2024-10-28")),
            ("yesterday", Some("2024-10-28")),
            ("last week", Some("2024-10-22")),
            ("three days ago", Some("2024-10-26")),
            ("on Oct . 28", Some("2024-10-28")),
            ("as of June 1", Some("2024-06-01")),
            ("on 9 May", Some("2024-05-09")),
            ("on December 20", Some("2023-12-20")),
            ("since 2024 - 10 - 01", Some("2024-10-01")),
            ("the June agreement", None),
            ("may rise", None),
        ];
        for (text, expected) in cases {
            let words: Vec<&str> = text.split(' ').collect();
            assert_eq!(date_in(&words, published), expected.map(d), "{text}");
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
                let words: Vec<&str> = text.split(' ').collect();
                let _ = date_in(&words, Some(published));
            }
        }
    }

    #[test]
    fn relative_dates_need_a_publication_date() {
        assert_eq!(date_in(&["on", "Monday"], None), None);
    }
}
