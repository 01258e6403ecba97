//! Word lists looked up in constant time: the rule families test every word of a sentence
//! against them, so a linear scan of a slice would dominate extraction.

use rustc_hash::FxHashSet;
use std::sync::OnceLock;

/// A fixed set of lower-case words, hashed on first use.
pub struct WordSet {
    words: &'static [&'static str],
    set: OnceLock<FxHashSet<&'static str>>,
}

impl WordSet {
    pub const fn new(words: &'static [&'static str]) -> Self {
        WordSet {
            words,
            set: OnceLock::new(),
        }
    }

    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }

    pub fn contains(&self, word: &str) -> bool {
        self.set
            .get_or_init(|| self.words.iter().copied().collect())
            .contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_listed_words_only() {
        static SET: WordSet = WordSet::new(&["said", "told"]);
        assert!(SET.contains("said"));
        assert!(!SET.contains("Said"));
        assert!(!SET.contains("say"));
    }
}
