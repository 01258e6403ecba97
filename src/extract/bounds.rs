//! Bounds: "about 10,000" is approximate, "more than 600,000" a lower bound, "up to 400" an upper one.

use super::lexicon::{Keyed, WordSet};
use crate::model::Bound;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// Bound phrases written before a number, lower-cased, longest first within each bound ("or equal"
/// phrases, and "<=" written as one token or two, include their number).
const BEFORE: &[(&str, Bound)] = &[
    ("more than", Bound::MoreThan),
    ("well over", Bound::MoreThan),
    ("well above", Bound::MoreThan),
    ("over", Bound::MoreThan),
    ("above", Bound::MoreThan),
    ("exceeding", Bound::MoreThan),
    ("exceeded", Bound::MoreThan),
    ("surpassing", Bound::MoreThan),
    ("surpassed", Bound::MoreThan),
    ("in excess of", Bound::MoreThan),
    ("upwards of", Bound::MoreThan),
    ("north of", Bound::MoreThan),
    ("greater than", Bound::MoreThan),
    ("higher than", Bound::MoreThan),
    ("larger than", Bound::MoreThan),
    ("bigger than", Bound::MoreThan),
    ("exceeds", Bound::MoreThan),
    ("exceed", Bound::MoreThan),
    ("surpasses", Bound::MoreThan),
    ("surpass", Bound::MoreThan),
    (">", Bound::MoreThan),
    ("greater than or equal to", Bound::AtLeast),
    ("more than or equal to", Bound::AtLeast),
    ("higher than or equal to", Bound::AtLeast),
    ("at least or equal to", Bound::AtLeast),
    ("greater or equal than", Bound::AtLeast),
    ("higher or equal than", Bound::AtLeast),
    ("bigger or equal than", Bound::AtLeast),
    ("larger or equal than", Bound::AtLeast),
    ("more or equal than", Bound::AtLeast),
    ("greater or equal to", Bound::AtLeast),
    ("> =", Bound::AtLeast),
    (">=", Bound::AtLeast),
    ("at least", Bound::AtLeast),
    // A negated ceiling is a floor, a negated floor a ceiling: "not less than 60%".
    ("no fewer than", Bound::AtLeast),
    ("no less than", Bound::AtLeast),
    ("not fewer than", Bound::AtLeast),
    ("not less than", Bound::AtLeast),
    ("no lower than", Bound::AtLeast),
    ("not lower than", Bound::AtLeast),
    ("not below", Bound::AtLeast),
    ("not under", Bound::AtLeast),
    ("a minimum of", Bound::AtLeast),
    ("minimum of", Bound::AtLeast),
    ("≥", Bound::AtLeast),
    ("fewer than", Bound::LessThan),
    ("less than", Bound::LessThan),
    ("lower than", Bound::LessThan),
    ("smaller than", Bound::LessThan),
    ("less than or equal to", Bound::AtMost),
    ("fewer than or equal to", Bound::AtMost),
    ("lower than or equal to", Bound::AtMost),
    ("smaller than or equal to", Bound::AtMost),
    ("less or equal than", Bound::AtMost),
    ("lower or equal than", Bound::AtMost),
    ("smaller or equal than", Bound::AtMost),
    ("less or equal to", Bound::AtMost),
    ("< =", Bound::AtMost),
    ("<=", Bound::AtMost),
    ("just under", Bound::LessThan),
    ("under", Bound::LessThan),
    ("below", Bound::LessThan),
    ("sub", Bound::LessThan),
    ("<", Bound::LessThan),
    ("up to", Bound::AtMost),
    ("as many as", Bound::AtMost),
    ("as much as", Bound::AtMost),
    ("as high as", Bound::AtMost),
    ("no more than", Bound::AtMost),
    ("not more than", Bound::AtMost),
    ("no greater than", Bound::AtMost),
    ("not greater than", Bound::AtMost),
    ("no higher than", Bound::AtMost),
    ("not higher than", Bound::AtMost),
    ("not above", Bound::AtMost),
    ("not over", Bound::AtMost),
    ("not exceeding", Bound::AtMost),
    ("not to exceed", Bound::AtMost),
    ("a maximum of", Bound::AtMost),
    ("maximum of", Bound::AtMost),
    ("at most", Bound::AtMost),
    ("≤", Bound::AtMost),
    ("an estimated", Bound::Approximate),
    ("approximately", Bound::Approximate),
    ("approx", Bound::Approximate),
    ("about", Bound::Approximate),
    ("around", Bound::Approximate),
    ("roughly", Bound::Approximate),
    ("some", Bound::Approximate),
    ("nearly", Bound::Approximate),
    ("almost", Bound::Approximate),
    ("close to", Bound::Approximate),
    ("circa", Bound::Approximate),
    ("estimated", Bound::Approximate),
    ("estimates", Bound::Approximate),
    ("averaging", Bound::Approximate),
    ("or so", Bound::Approximate),
    ("~", Bound::Approximate),
];

/// Bound phrases written after the figure and its unit ("1,000 or more", "500-plus").
const AFTER: &[(&str, Bound)] = &[
    ("or more", Bound::AtLeast),
    ("or higher", Bound::AtLeast),
    ("or greater", Bound::AtLeast),
    ("and more", Bound::AtLeast),
    ("plus", Bound::AtLeast),
    ("+", Bound::AtLeast),
    ("or less", Bound::AtMost),
    ("or fewer", Bound::AtMost),
    ("or lower", Bound::AtMost),
    ("or so", Bound::Approximate),
];

/// Verbs of crossing or nearing a threshold, written before a round figure: "deaths passed
/// 1,000", "cases top 220", "the toll climbed past 60", "the outbreak nears 200".
const THRESHOLDS: &[(&str, Bound)] = &[
    ("pass", Bound::MoreThan),
    ("passed", Bound::MoreThan),
    ("passes", Bound::MoreThan),
    ("passing", Bound::MoreThan),
    ("topped", Bound::MoreThan),
    ("tops", Bound::MoreThan),
    ("top", Bound::MoreThan),
    ("topping", Bound::MoreThan),
    ("cross", Bound::MoreThan),
    ("crossed", Bound::MoreThan),
    ("crosses", Bound::MoreThan),
    ("climbed past", Bound::MoreThan),
    ("climb past", Bound::MoreThan),
    ("climbs past", Bound::MoreThan),
    ("rose past", Bound::MoreThan),
    ("risen past", Bound::MoreThan),
    ("went past", Bound::MoreThan),
    ("gone past", Bound::MoreThan),
    ("nears", Bound::LessThan),
    ("neared", Bound::LessThan),
    ("nearing", Bound::LessThan),
    ("approach", Bound::LessThan),
    ("approaches", Bound::LessThan),
    ("approached", Bound::LessThan),
    ("approaching", Bound::LessThan),
];

/// The bound a threshold verb right before a figure gives it. Only a round figure (a multiple of
/// ten) is a threshold: "the Senate passed 3 bills" is a count. A verb after an article or a
/// preposition is an adjective ("the top 10", "in the top 5").
pub fn threshold_before(words: &[&str], value: f64) -> Option<Bound> {
    let (parts, bound) = THRESHOLD_WORDS
        .get(words.last()?)?
        .iter()
        .find(|(parts, _)| words.ends_with(parts))?;
    let round = value >= 10.0 && value.fract() == 0.0 && value % 10.0 == 0.0;
    if !round {
        return None;
    }
    let at = words.len() - parts.len();
    let adjective = at > 0
        && matches!(
            words[at - 1],
            "the" | "a" | "an" | "its" | "their" | "in" | "of" | "into"
        );
    (!adjective).then_some(*bound)
}

/// Nouns that make a round figure a milestone: "the 25,000 mark", "the 1 million threshold".
const MILESTONES: &[&str] = &["mark", "threshold", "milestone", "barrier"];

/// Participles of crossing a milestone, in a passive after it: "the mark was passed".
const CROSSED: &[&str] = &[
    "passed",
    "crossed",
    "topped",
    "surpassed",
    "breached",
    "exceeded",
];

/// The bound of a round figure named as a milestone (`noun`, the word after the figure and its
/// unit) crossed or reached: `before` are the words before its "the" ("arrivals passed the
/// 25,000 mark": more than; "the toll reached the 10,000 mark": at least), `after` the words
/// after the noun ("the 25,000 mark was passed on Aug. 27": more than by that day).
pub fn milestone_bound(before: &[&str], noun: &str, after: &[&str], value: f64) -> Option<Bound> {
    if !MILESTONES.contains(&noun) {
        return None;
    }
    if let Some(b) = threshold_before(before, value) {
        return Some(b);
    }
    let round = value >= 10.0 && value.fract() == 0.0 && value % 10.0 == 0.0;
    if !round {
        return None;
    }
    if matches!(
        before.last(),
        Some(&("reached" | "reaches" | "hit" | "hits"))
    ) {
        return Some(Bound::AtLeast);
    }
    let verb = after.iter().find(|w| {
        !matches!(
            **w,
            "was" | "were" | "has" | "had" | "have" | "been" | "is" | "not"
        )
    })?;
    CROSSED.contains(verb).then_some(Bound::MoreThan)
}

/// A table's phrases split into words once.
type Phrases = Vec<(Vec<&'static str>, Bound)>;

fn split_table(table: &'static [(&'static str, Bound)]) -> Phrases {
    table
        .iter()
        .map(|&(p, b)| (p.split(' ').collect(), b))
        .collect()
}

static BEFORE_WORDS: LazyLock<Keyed<Phrases>> = LazyLock::new(|| keyed_by_last_word(BEFORE));
static THRESHOLD_WORDS: LazyLock<Keyed<Phrases>> = LazyLock::new(|| keyed_by_last_word(THRESHOLDS));

/// Phrases before a number keyed by their last word (the one next to the number), longest first
/// within each key: "no more than" must be tried before "more than".
fn keyed_by_last_word(table: &'static [(&'static str, Bound)]) -> Keyed<Phrases> {
    let mut map: FxHashMap<&'static str, Phrases> = FxHashMap::default();
    for (parts, bound) in split_table(table) {
        map.entry(parts[parts.len() - 1])
            .or_default()
            .push((parts, bound));
    }
    for phrases in map.values_mut() {
        phrases.sort_by_key(|(parts, _)| std::cmp::Reverse(parts.len()));
    }
    Keyed::new(map)
}

static AFTER_WORDS: LazyLock<Phrases> = LazyLock::new(|| split_table(AFTER));

/// The bound stated right before a number. `words` are the lower-cased tokens before it
/// (nearest last, currency signs already removed). Returns the bound and the words it takes.
pub fn bound_before(words: &[&str]) -> Option<(Bound, usize)> {
    BEFORE_WORDS
        .get(words.last()?)?
        .iter()
        .find(|(parts, _)| words.ends_with(parts))
        .map(|(parts, bound)| (*bound, parts.len()))
        .filter(|&(_, n)| !moved_up_to(words, n))
}

/// Verbs that "up" completes as a rise: "inflation picked up to 3.3%", "was revised up to
/// 212,000", "ticked up to 4.2%" state where a figure rose to, no ceiling ("killed up to 300"
/// is one).
static RISES_UP: WordSet = WordSet::new(&[
    "pick", "picks", "picked", "picking", "tick", "ticks", "ticked", "ticking", "move", "moves",
    "moved", "moving", "edge", "edges", "edged", "edging", "inch", "inches", "inched", "inching",
    "creep", "creeps", "crept", "creeping", "go", "goes", "went", "gone", "going", "shoot",
    "shoots", "shot", "shooting", "revise", "revises", "revised", "revising", "ramp", "ramps",
    "ramped", "step", "steps", "stepped", "jump", "jumps", "jumped", "bump", "bumps", "bumped",
    "mark", "marks", "marked", "round", "rounds", "rounded", "push", "pushed", "drive", "driven",
    "drove", "speed", "sped",
]);

/// Whether the `n` last of `words` are "up to" after a verb that "up" completes.
fn moved_up_to(words: &[&str], n: usize) -> bool {
    n == 2
        && words.ends_with(&["up", "to"])
        && words
            .len()
            .checked_sub(3)
            .is_some_and(|i| RISES_UP.contains(words[i]))
}

/// The bound stated right after the figure: `words` are the lower-cased tokens after it.
pub fn bound_after(words: &[&str]) -> Option<(Bound, usize)> {
    AFTER_WORDS
        .iter()
        .find(|(parts, _)| words.starts_with(parts))
        .map(|(parts, bound)| (*bound, parts.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_before_a_number() {
        let cases: &[(&str, Option<Bound>)] = &[
            ("about", Some(Bound::Approximate)),
            ("there were around", Some(Bound::Approximate)),
            ("roughly", Some(Bound::Approximate)),
            ("some", Some(Bound::Approximate)),
            ("approximately", Some(Bound::Approximate)),
            ("an estimated", Some(Bound::Approximate)),
            ("nearly", Some(Bound::Approximate)),
            ("almost", Some(Bound::Approximate)),
            ("more than", Some(Bound::MoreThan)),
            ("over", Some(Bound::MoreThan)),
            ("exceeding", Some(Bound::MoreThan)),
            ("surpassing", Some(Bound::MoreThan)),
            ("well over", Some(Bound::MoreThan)),
            ("at least", Some(Bound::AtLeast)),
            ("fewer than", Some(Bound::LessThan)),
            ("less than", Some(Bound::LessThan)),
            ("under", Some(Bound::LessThan)),
            ("below", Some(Bound::LessThan)),
            ("up to", Some(Bound::AtMost)),
            ("killed up to", Some(Bound::AtMost)),
            ("could reach up to", Some(Bound::AtMost)),
            // "Up" of a verb of rising: where the figure rose to.
            ("inflation picked up to", None),
            ("the rate ticked up to", None),
            ("was revised up to", None),
            ("prices shot up to", None),
            ("as many as", Some(Bound::AtMost)),
            ("larger than", Some(Bound::MoreThan)),
            ("is bigger than", Some(Bound::MoreThan)),
            ("smaller than", Some(Bound::LessThan)),
            ("costs exceed", Some(Bound::MoreThan)),
            ("the bill exceeds", Some(Bound::MoreThan)),
            ("could surpass", Some(Bound::MoreThan)),
            ("less than or equal to", Some(Bound::AtMost)),
            ("is smaller or equal than", Some(Bound::AtMost)),
            ("< =", Some(Bound::AtMost)),
            ("<=", Some(Bound::AtMost)),
            ("greater than or equal to", Some(Bound::AtLeast)),
            ("higher or equal than", Some(Bound::AtLeast)),
            ("at least or equal to", Some(Bound::AtLeast)),
            ("> =", Some(Bound::AtLeast)),
            (">=", Some(Bound::AtLeast)),
            ("equal to", None),
            // A longer phrase wins over the shorter one it ends with.
            ("is no more than", Some(Bound::AtMost)),
            ("not more than", Some(Bound::AtMost)),
            ("no less than", Some(Bound::AtLeast)),
            ("no fewer than", Some(Bound::AtLeast)),
            // Negated comparisons turn around.
            ("turnout was not less than", Some(Bound::AtLeast)),
            ("prices will stay no lower than", Some(Bound::AtLeast)),
            ("the rate is not below", Some(Bound::AtLeast)),
            ("a pay rise not greater than", Some(Bound::AtMost)),
            ("fines not exceeding", Some(Bound::AtMost)),
            ("a budget not to exceed", Some(Bound::AtMost)),
            ("inflation no higher than", Some(Bound::AtMost)),
            ("killed", None),
            ("the", None),
        ];
        for (text, expected) in cases {
            let words: Vec<&str> = text.split(' ').collect();
            assert_eq!(bound_before(&words).map(|b| b.0), *expected, "{text}");
        }
    }

    #[test]
    fn thresholds_bound_round_figures() {
        let cases: &[(&str, f64, Option<Bound>)] = &[
            ("deaths passed", 1000.0, Some(Bound::MoreThan)),
            ("the toll tops", 50000.0, Some(Bound::MoreThan)),
            ("infections top", 220.0, Some(Bound::MoreThan)),
            ("is expected to climb past", 60.0, Some(Bound::MoreThan)),
            ("has crossed", 3_000_000.0, Some(Bound::MoreThan)),
            ("the count nears", 200.0, Some(Bound::LessThan)),
            ("approaching", 1000.0, Some(Bound::LessThan)),
            // Not round: a count of things passed.
            ("the senate passed", 3.0, None),
            ("it passed", 1234.0, None),
            // Adjectives.
            ("finished in the top", 10.0, None),
            ("a top", 20.0, None),
            ("rose", 1000.0, None),
        ];
        for (text, value, expected) in cases {
            let words: Vec<&str> = text.split(' ').collect();
            assert_eq!(
                threshold_before(&words, *value),
                *expected,
                "{text} {value}"
            );
        }
    }

    #[test]
    fn milestones_crossed_or_reached_bound_round_figures() {
        let cases: &[(&str, &str, &str, f64, Option<Bound>)] = &[
            (
                "arrivals passed",
                "mark",
                "on monday",
                25000.0,
                Some(Bound::MoreThan),
            ),
            (
                "cases topped",
                "threshold",
                "",
                1000.0,
                Some(Bound::MoreThan),
            ),
            (
                "the toll reached",
                "milestone",
                "",
                10000.0,
                Some(Bound::AtLeast),
            ),
            (
                "",
                "mark",
                "was not passed until",
                25000.0,
                Some(Bound::MoreThan),
            ),
            (
                "",
                "barrier",
                "has been crossed",
                100.0,
                Some(Bound::MoreThan),
            ),
            // Not crossed, not a milestone, not round.
            ("", "mark", "is far off", 25000.0, None),
            ("arrivals passed", "people", "", 25000.0, None),
            ("the index passed", "mark", "", 4512.0, None),
        ];
        for (before, noun, after, value, expected) in cases {
            let before: Vec<&str> = before.split(' ').filter(|w| !w.is_empty()).collect();
            let after: Vec<&str> = after.split(' ').filter(|w| !w.is_empty()).collect();
            assert_eq!(
                milestone_bound(&before, noun, &after, *value),
                *expected,
                "{before:?} {noun} {after:?}"
            );
        }
    }

    #[test]
    fn bounds_after_a_figure() {
        let cases: &[(&str, Option<Bound>)] = &[
            ("or more people", Some(Bound::AtLeast)),
            ("or so", Some(Bound::Approximate)),
            ("or fewer", Some(Bound::AtMost)),
            ("people", None),
        ];
        for (text, expected) in cases {
            let words: Vec<&str> = text.split(' ').collect();
            assert_eq!(bound_after(&words).map(|b| b.0), *expected, "{text}");
        }
    }
}
