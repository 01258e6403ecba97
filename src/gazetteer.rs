//! The gazetteer (`data/gazetteer.toml`, compiled in): words that name the same thing when a
//! catalog phrase is compared with an article. "Russian", "Russia's" and "Russia" are one word,
//! as are "North Korean", "DPRK" and "Pyongyang", and "killed", "died", "deaths" and "toll".
//! Countries and the states and provinces within them are *places*, which bind a figure to the
//! place its sentence names.
//! Some groups are *senses*, what happened to the people counted (killed, injured, missing,
//! displaced, ...), so a figure whose clause says one sense is not filed under a phrase that says
//! another.
//!
//! Text is read as [`Words`]: lower case, possessive "'s" and punctuation dropped, function words
//! dropped, plurals made singular, then each word (or run of words, "north korean") replaced by
//! its group's first word.

use crate::extract::{keywords, units};
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    group: Vec<Group>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Group {
    #[serde(default)]
    sense: bool,
    #[serde(default)]
    country: bool,
    /// The country (its group's first word) a state, province or region is in.
    within: Option<String>,
    words: Vec<String>,
}

/// A word as compared: its group's name, and the sense it says, if its group is one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Word {
    pub text: String,
    pub sense: Option<u16>,
    /// A country or its people ("Sudan", "Sudanese").
    pub country: bool,
    /// A country, or a state, province or region within one ("Texas", "Hatay").
    pub place: bool,
}

/// The gazetteer: single words and runs of words, each to its group.
pub struct Gazetteer {
    /// Each normalised word that is an entry or starts one, so a word is looked up once.
    by_word: HashMap<String, Slot>,
    /// Each place within a country, by name, to the country's name.
    within: HashMap<String, String>,
    /// Each place's and country's group, by name, to its words as written in the file
    /// ("russia" to "Russia", "Russian", "Moscow", ...).
    spellings: HashMap<String, Vec<String>>,
}

/// What a word of the gazetteer reads as: its group's name, sense and whether it is a country
/// or another place.
#[derive(Clone)]
struct Entry {
    name: String,
    sense: Option<u16>,
    country: bool,
    place: bool,
}

/// What a normalised word starts: an entry alone, and runs of two or three words, longest first.
#[derive(Default)]
struct Slot {
    alone: Option<Entry>,
    runs: Vec<(Vec<String>, Entry)>,
}

impl Entry {
    fn word(&self) -> Word {
        Word {
            text: self.name.clone(),
            sense: self.sense,
            country: self.country,
            place: self.place,
        }
    }
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    Gazetteer::parse(include_str!("../data/gazetteer.toml"))
        .expect("data/gazetteer.toml is valid (a test checks it)")
});

/// The compiled-in gazetteer.
pub fn get() -> &'static Gazetteer {
    &GAZETTEER
}

/// The plain words of `text`: lower case, "'s" and punctuation dropped, function words
/// dropped, each made singular.
pub fn plain_words(text: &str) -> Vec<String> {
    plain_words_at(text).into_iter().map(|(w, _)| w).collect()
}

/// [`plain_words`] with the byte range of `text` each was read from.
fn plain_words_at(text: &str) -> Vec<(String, Range<usize>)> {
    let is_quote = |c: char| matches!(c, '\'' | '\u{2019}' | '\u{2018}');
    text.split(|c: char| !(c.is_alphanumeric() || is_quote(c)))
        .filter_map(|raw| {
            let w = raw.trim_matches(is_quote);
            let w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("\u{2019}s"))
                .or_else(|| w.strip_suffix("'S"))
                .or_else(|| w.strip_suffix("\u{2019}S"))
                .unwrap_or(w);
            let w: std::borrow::Cow<str> = if w.contains(is_quote) {
                w.replace(is_quote, "").into()
            } else {
                w.into()
            };
            let from = raw.as_ptr() as usize - text.as_ptr() as usize;
            // "Killed or wounded" and "killed and wounded" count the same people.
            (!w.is_empty() && !keywords::is_function_word(&w) && !w.eq_ignore_ascii_case("or"))
                .then(|| (units::singular(&w), from..from + raw.len()))
        })
        .collect()
}

impl Gazetteer {
    fn parse(text: &str) -> anyhow::Result<Gazetteer> {
        let file: File = toml::from_str(text)?;
        let mut by_word: HashMap<String, Slot> = HashMap::default();
        let mut senses = 0u16;
        let mut within = HashMap::default();
        let mut spellings = HashMap::default();
        for g in file.group {
            let sense = g.sense.then(|| {
                senses += 1;
                senses
            });
            let Some(name) = g.words.first().map(|w| plain_words(w).join(" ")) else {
                continue;
            };
            if g.country && g.within.is_some() {
                anyhow::bail!("group {name:?} is a country and within another");
            }
            if let Some(outer) = &g.within {
                within.insert(name.clone(), plain_words(outer).join(" "));
            }
            if g.country || g.within.is_some() {
                spellings.insert(name.clone(), g.words.clone());
            }
            let entry = Entry {
                name,
                sense,
                country: g.country,
                place: g.country || g.within.is_some(),
            };
            for w in &g.words {
                let words = plain_words(w);
                match words.len() {
                    0 => {}
                    1 => by_word.entry(words[0].clone()).or_default().alone = Some(entry.clone()),
                    _ => by_word
                        .entry(words[0].clone())
                        .or_default()
                        .runs
                        .push((words, entry.clone())),
                }
            }
        }
        for slot in by_word.values_mut() {
            slot.runs.sort_by_key(|r| std::cmp::Reverse(r.0.len()));
        }
        // A place lies within a country, one level deep: no chain of places to follow.
        let countries: std::collections::HashSet<&str> = by_word
            .values()
            .flat_map(|slot| slot.alone.iter().chain(slot.runs.iter().map(|(_, e)| e)))
            .filter(|e| e.country)
            .map(|e| e.name.as_str())
            .collect();
        if let Some((place, outer)) = within.iter().find(|(_, o)| !countries.contains(o.as_str())) {
            anyhow::bail!("{place:?} is within {outer:?}, which no country group names");
        }
        Ok(Gazetteer {
            by_word,
            within,
            spellings,
        })
    }

    /// How the place or country named `name` (its group's first word) may be written: its
    /// group's words; none for a name that is not a place.
    pub fn spellings(&self, name: &str) -> &[String] {
        self.spellings.get(name).map_or(&[], Vec::as_slice)
    }

    /// Whether the place named `inner` lies within the one named `outer` ("hatay" in
    /// "turkey"), not being it.
    pub fn lies_within(&self, inner: &str, outer: &str) -> bool {
        self.within
            .get(inner)
            .is_some_and(|country| country == outer)
    }

    /// The words of `text` as compared with catalog phrases.
    pub fn words(&self, text: &str) -> Vec<Word> {
        self.words_at(text).0
    }

    /// [`Gazetteer::words`] with the byte range of `text` each was read from (a run's from its
    /// first word's start to its last word's end).
    pub fn words_at(&self, text: &str) -> (Vec<Word>, Vec<Range<usize>>) {
        let mut plain = plain_words_at(text);
        let mut out = Vec::with_capacity(plain.len());
        let mut spans = Vec::with_capacity(plain.len());
        let mut i = 0;
        while i < plain.len() {
            let slot = self.by_word.get(&plain[i].0);
            let run = slot.and_then(|s| {
                s.runs.iter().find(|(run, _)| {
                    run.len() <= plain.len() - i
                        && run.iter().zip(&plain[i..]).all(|(r, (p, _))| r == p)
                })
            });
            if let Some((run, entry)) = run {
                out.push(entry.word());
                spans.push(plain[i].1.start..plain[i + run.len() - 1].1.end);
                i += run.len();
                continue;
            }
            out.push(match slot.and_then(|s| s.alone.as_ref()) {
                Some(entry) => entry.word(),
                None => Word {
                    text: std::mem::take(&mut plain[i].0),
                    sense: None,
                    country: false,
                    place: false,
                },
            });
            spans.push(plain[i].1.clone());
            i += 1;
        }
        (out, spans)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        get().words(text).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn the_gazetteer_file_parses() {
        assert!(Gazetteer::parse(include_str!("../data/gazetteer.toml")).is_ok());
    }

    #[test]
    fn countries_demonyms_and_capitals_are_one_word() {
        for text in [
            "Russia's losses",
            "Russian losses",
            "losses in Russia",
            "Moscow's losses",
        ] {
            let mut got = names(text);
            got.sort();
            assert_eq!(got, ["casualty", "russia"], "{text}");
        }
        for text in [
            "North Korean soldiers",
            "DPRK troops",
            "troops from North Korea",
        ] {
            let mut got = names(text);
            got.sort();
            assert_eq!(got, ["north korea", "troop"], "{text}");
        }
    }

    #[test]
    fn no_word_names_two_groups() {
        let file: File = toml::from_str(include_str!("../data/gazetteer.toml")).unwrap();
        let mut seen = std::collections::HashMap::new();
        for (k, g) in file.group.iter().enumerate() {
            for w in &g.words {
                let before = seen.insert(plain_words(w), k);
                assert!(before.is_none_or(|b| b == k), "{w:?} is in two groups");
            }
        }
    }

    #[test]
    fn a_state_or_province_is_a_place_within_its_country() {
        let gaz = get();
        for (text, country) in [
            ("Hatay", "turkey"),
            ("Antakya", "turkey"),
            ("Minas Gerais", "brazil"),
            ("Texans", "united states"),
            ("the Kursk region", "russia"),
        ] {
            let place = gaz.words(text).into_iter().find(|w| w.place).unwrap();
            assert!(!place.country, "{text}");
            let country = &gaz.words(country)[0].text;
            assert!(gaz.lies_within(&place.text, country), "{text}");
        }
        assert!(!gaz.lies_within("turkey", "turkey"));
        assert!(!gaz.lies_within("hatay", "syria"));
        assert!(gaz.words("Syrians").iter().all(|w| w.place && w.country));
        assert!(Gazetteer::parse("[[group]]\nwithin = \"nowhere\"\nwords = [\"x\"]").is_err());
        // Within a place that is not a country: no chains, so no cycles.
        let chained = "[[group]]\nwithin = \"y\"\nwords = [\"x\"]\n\
                       [[group]]\nwithin = \"x\"\nwords = [\"y\"]";
        assert!(Gazetteer::parse(chained).is_err());
    }

    #[test]
    fn words_of_one_sense_are_one_word_and_carry_the_sense() {
        let death = get().words("killed");
        for text in [
            "died",
            "deaths",
            "the death toll",
            "lives lost",
            "fatalities",
        ] {
            let ws = get().words(text);
            assert!(
                ws.iter()
                    .any(|w| w.text == death[0].text && w.sense.is_some()),
                "{text}: {ws:?}"
            );
        }
        let hurt = get().words("injured");
        assert_ne!(hurt[0].sense, death[0].sense);
        assert_eq!(get().words("people hurt")[1].sense, hurt[0].sense);
    }
}
