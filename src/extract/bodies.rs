//! Bodies by one name: the publishers of running figures ("the CDC", "the Centers for Disease
//! Control", "U.S. Centers for Disease Control and Prevention") named the same way in every
//! claim, from `data/bodies.tsv`, so that a series, a diff or a spreadsheet counts one source
//! once.

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

const BODIES: &str = include_str!("../../data/bodies.tsv");

/// Each alias's key ([`key`]) to the body's name.
static BY_ALIAS: LazyLock<FxHashMap<String, &'static str>> = LazyLock::new(|| {
    let mut by_alias = FxHashMap::default();
    for (name, aliases) in lines().map(|l| l.expect("data/bodies.tsv is valid (a test checks it)"))
    {
        by_alias.insert(key(name), name);
        for alias in aliases.split('|') {
            by_alias.insert(key(alias), name);
        }
    }
    by_alias
});

/// The (name, aliases) of each body line, or what is wrong with the line.
fn lines() -> impl Iterator<Item = Result<(&'static str, &'static str), String>> {
    BODIES
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, l)| match l.split('\t').collect::<Vec<_>>()[..] {
            [name, aliases]
                if !name.trim().is_empty() && aliases.split('|').all(|a| !a.trim().is_empty()) =>
            {
                Ok((name, aliases))
            }
            _ => Err(format!(
                "data/bodies.tsv:{}: expected a name, a tab and aliases",
                n + 1
            )),
        })
}

/// A name as compared: lower case, no full stops ("U.N." is "un"), typographic apostrophes
/// plain, single spaces, without a leading "the".
fn key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if key.is_empty() && word.eq_ignore_ascii_case("the") {
            continue;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        if word.is_ascii() {
            // The usual name: byte by byte, without Unicode case tables.
            key.extend(
                word.bytes()
                    .filter(|&b| b != b'.')
                    .map(|b| char::from(b.to_ascii_lowercase())),
            );
            continue;
        }
        for c in word.chars() {
            match c {
                '.' => {}
                '\u{2019}' | '\u{2018}' => key.push('\''),
                c => key.extend(c.to_lowercase()),
            }
        }
    }
    key
}

/// The name a body's claims carry, when `name` is one of the ways articles name it, with or
/// without a country's prefix ("U.S.", "UK", "UN", "United Nations"); None for any other name.
pub fn canonical(name: &str) -> Option<&'static str> {
    let key = key(name);
    // "United Nations humanitarian office" is the "UN humanitarian office".
    let key = match key.strip_prefix("united nations ") {
        Some(rest) => format!("un {rest}"),
        None => key,
    };
    BY_ALIAS.get(&key).copied().or_else(|| {
        let (prefix, rest) = key.split_once(' ')?;
        matches!(prefix, "us" | "uk" | "un")
            .then(|| BY_ALIAS.get(rest).copied())
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_parses_and_no_alias_names_two_bodies() {
        let mut seen: FxHashMap<String, &str> = FxHashMap::default();
        for line in lines() {
            let (name, aliases) = line.unwrap();
            for alias in aliases.split('|').chain([name]) {
                if let Some(other) = seen.insert(key(alias), name) {
                    assert_eq!(other, name, "{alias:?} names two bodies");
                }
            }
        }
        assert!(seen.len() > 100);
    }

    #[test]
    fn the_ways_articles_name_a_body_give_one_name() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "CDC",
                Some("Centers for Disease Control and Prevention (CDC)"),
            ),
            (
                "the U.S. Centers for Disease Control and Prevention",
                Some("Centers for Disease Control and Prevention (CDC)"),
            ),
            (
                "Centers for Disease Control",
                Some("Centers for Disease Control and Prevention (CDC)"),
            ),
            (
                "Department of State Health Services",
                Some("Texas Department of State Health Services (DSHS)"),
            ),
            ("U.N. refugee agency", Some("UN refugee agency (UNHCR)")),
            (
                "United Nations refugee agency",
                Some("UN refugee agency (UNHCR)"),
            ),
            (
                "United Nations humanitarian office",
                Some("UN humanitarian office (OCHA)"),
            ),
            ("UN refugee agency UNHCR", Some("UN refugee agency (UNHCR)")),
            (
                "the Office for National Statistics",
                Some("Office for National Statistics (ONS)"),
            ),
            (
                "Turkey\u{2019}s disaster agency AFAD",
                Some("Disaster and Emergency Management Authority (AFAD)"),
            ),
            ("Home Office", Some("Home Office")),
            // Names of people, and bodies not in the list, stay as written.
            ("CDC Director Mandy Cohen", None),
            ("state health department", None),
            ("officials", None),
        ];
        for (name, want) in cases {
            assert_eq!(canonical(name), *want, "{name}");
        }
    }
}
