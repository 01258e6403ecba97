//! The words of a catalog's phrases, numbered, and the set of them a text holds as bits: a phrase
//! is found in a text when its bits are all among the text's, so filing a claim compares a few
//! machine words per phrase instead of hashing every word of its sentence again for each search.

use crate::gazetteer::Word;
use rustc_hash::FxHashMap as HashMap;

/// Each distinct word of the catalog's phrases, with its number.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    numbers: HashMap<String, usize>,
}

/// A set of a vocabulary's words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words(Vec<u64>);

impl Vocabulary {
    /// The vocabulary of `phrases` (each a list of words as the gazetteer reads them).
    pub fn of<'a>(phrases: impl IntoIterator<Item = &'a [String]>) -> Vocabulary {
        let mut numbers = HashMap::default();
        for word in phrases.into_iter().flatten() {
            let next = numbers.len();
            numbers.entry(word.clone()).or_insert(next);
        }
        Vocabulary { numbers }
    }

    /// The set of the vocabulary's words among `words` (others are not kept).
    pub fn set_of<'w>(&self, words: impl IntoIterator<Item = &'w Word>) -> Words {
        self.set_of_texts(words.into_iter().map(|w| w.text.as_str()))
    }

    /// [`Vocabulary::set_of`] for plain strings.
    pub fn set_of_texts<'w>(&self, words: impl IntoIterator<Item = &'w str>) -> Words {
        let mut set = Words(vec![0; self.numbers.len().div_ceil(64)]);
        for word in words {
            if let Some(&n) = self.numbers.get(word) {
                set.0[n / 64] |= 1 << (n % 64);
            }
        }
        set
    }
}

impl Words {
    /// Adds the words of `other`.
    pub fn add(&mut self, other: &Words) {
        if self.0.len() < other.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        for (mine, theirs) in self.0.iter_mut().zip(&other.0) {
            *mine |= theirs;
        }
    }

    /// Whether every word of `part` is here.
    pub fn holds(&self, part: &Words) -> bool {
        part.0
            .iter()
            .enumerate()
            .all(|(i, bits)| self.0.get(i).copied().unwrap_or(0) & bits == *bits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn a_set_holds_a_phrase_when_it_has_all_its_words_in_any_order() {
        let deaths = strings(&["death", "turkey"]);
        let cases = strings(&["case", "dengue"]);
        let vocabulary = Vocabulary::of([deaths.as_slice(), cases.as_slice()]);
        let phrase = vocabulary.set_of_texts(["turkey", "death"]);
        let text = vocabulary.set_of_texts(["the", "death", "toll", "in", "turkey"]);
        assert!(text.holds(&phrase));
        let other = vocabulary.set_of_texts(["dengue", "death"]);
        assert!(!other.holds(&phrase));
        assert!(other.holds(&vocabulary.set_of_texts(["death"])));
    }

    #[test]
    fn words_outside_the_vocabulary_make_no_difference() {
        let vocabulary = Vocabulary::of([strings(&["death"]).as_slice()]);
        assert_eq!(
            vocabulary.set_of_texts(["death", "toll"]),
            vocabulary.set_of_texts(["death"])
        );
        assert!(vocabulary.set_of_texts(["toll"]).holds(&Words::default()));
    }

    #[test]
    fn sets_add_up_across_more_than_one_machine_word() {
        let many: Vec<String> = (0..150).map(|i| format!("w{i}")).collect();
        let vocabulary = Vocabulary::of([many.as_slice()]);
        let mut seen = vocabulary.set_of_texts(["w3"]);
        seen.add(&vocabulary.set_of_texts(["w140"]));
        assert!(seen.holds(&vocabulary.set_of_texts(["w140", "w3"])));
        assert!(!seen.holds(&vocabulary.set_of_texts(["w140", "w70"])));
    }
}
