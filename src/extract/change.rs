//! Stated changes: "rose 2.1%" and "up 9.4 per cent" are up, "fell by 300" and "cut by 300
//! megawatts" down; "fell to 4.3 per cent" gives the level after a fall (down as well).
//! Nouns ("a 75 percent increase") set no direction; `role` reads "an increase of 470" as a
//! change.

use super::lexicon::{DOWN, UP};
use crate::model::Direction;

/// The direction a change verb states, for its inflected forms.
pub fn change_verb(w: &str) -> Option<Direction> {
    if UP.contains(w) {
        Some(Direction::Up)
    } else if DOWN.contains(w) {
        Some(Direction::Down)
    } else {
        None
    }
}

/// Words that may stand between a change verb and its amount ("rose by about 2%").
pub fn filler(w: &str) -> bool {
    matches!(
        w,
        "by" | "about"
            | "around"
            | "nearly"
            | "almost"
            | "roughly"
            | "some"
            | "an"
            | "estimated"
            | "approximately"
            | "more"
            | "than"
            | "over"
            | "just"
            | "another"
            | "further"
            | "sharply"
            | "slightly"
            | "a"
            | "as"
            | "much"
            | "many"
            | "up"
            | "to"
            | "at"
            | "least"
            | "only"
            | "still"
            | "also"
            | "has"
            | "have"
            | "had"
            | "was"
            | "were"
            | "is"
            | "are"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn change_verbs() {
        let cases: &[(&str, Option<Direction>)] = &[
            ("rose", Some(Direction::Up)),
            ("increased", Some(Direction::Up)),
            ("jumped", Some(Direction::Up)),
            ("climbed", Some(Direction::Up)),
            ("up", Some(Direction::Up)),
            ("fell", Some(Direction::Down)),
            ("dropped", Some(Direction::Down)),
            ("declined", Some(Direction::Down)),
            ("down", Some(Direction::Down)),
            ("cut", Some(Direction::Down)),
            ("weakened", Some(Direction::Down)),
            ("softened", Some(Direction::Down)),
            ("slashed", Some(Direction::Down)),
            ("strengthened", Some(Direction::Up)),
            ("rebounded", Some(Direction::Up)),
            ("said", None),
            ("increase", Some(Direction::Up)),
        ];
        for (word, expected) in cases {
            assert_eq!(change_verb(word), *expected, "{word}");
        }
    }
}
