//! Word lists looked up in constant time: the rule families test every word of a sentence
//! against them, so a linear scan of a slice would dominate extraction.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

/// A fixed set of lower-case words, hashed on first use, with a bitmap of the (length, first
/// byte, last byte) triples that occur among them, built at compile time: most words looked up
/// are in no list, and one bit test turns them away before any hashing.
pub struct WordSet {
    words: &'static [&'static str],
    shapes: [u64; 16],
    set: OnceLock<FxHashSet<&'static str>>,
}

/// A word's bit in the shape bitmap: a mix of its length, first and last byte, below 1024.
const fn shape(w: &str) -> usize {
    let b = w.as_bytes();
    let (first, last) = match b {
        [] => (0, 0),
        [first, .., last] => (*first as usize, *last as usize),
        [only] => (*only as usize, *only as usize),
    };
    let mixed = (w.len() * 0x9E37) ^ (first * 0x2D) ^ (last * 0x3B5);
    (mixed ^ (mixed >> 10)) & 1023
}

impl WordSet {
    pub const fn new(words: &'static [&'static str]) -> Self {
        let mut shapes = [0; 16];
        let mut k = 0;
        while k < words.len() {
            let bit = shape(words[k]);
            shapes[bit / 64] |= 1 << (bit % 64);
            k += 1;
        }
        WordSet {
            words,
            shapes,
            set: OnceLock::new(),
        }
    }

    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }

    /// Inlined into the callers: the shape test alone turns most words away, and a call would
    /// cost about as much as the test.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        let bit = shape(word);
        self.shapes[bit / 64] & (1 << (bit % 64)) != 0 && self.holds(word)
    }

    /// The hash lookup, kept out of line so that `contains` inlines small.
    #[inline(never)]
    fn holds(&self, word: &str) -> bool {
        self.set
            .get_or_init(|| self.words.iter().copied().collect())
            .contains(word)
    }
}

/// Word classes as bits: which of the rule families' word lists a word is in.
pub mod class {
    /// `concept::is_stopword`.
    pub const STOPWORD: u16 = 1;
    /// `concept::is_verb`: listed verbs, change verbs and verbs of saying.
    pub const VERB: u16 = 1 << 1;
    /// `attribution::is_say_verb`.
    pub const SAY: u16 = 1 << 2;
    /// `concept::LINKING`: linking verbs and verbs that state a level.
    pub const LINKING: u16 = 1 << 3;
    /// `concept::DETERMINERS`: articles, demonstratives and possessive pronouns.
    pub const DETERMINER: u16 = 1 << 4;
    /// Words that end a backward scan for a subject (`concept::clause_break`, bar "that").
    pub const CLAUSE: u16 = 1 << 5;
}

/// Word sets and the class bits each gives its words, hashed together on first use: one
/// lookup answers for every set (the rules ask several of them about each word).
pub struct WordClasses {
    sets: &'static [(&'static WordSet, u16)],
    index: OnceLock<FxHashMap<&'static str, u16>>,
}

impl WordClasses {
    pub const fn new(sets: &'static [(&'static WordSet, u16)]) -> Self {
        WordClasses {
            sets,
            index: OnceLock::new(),
        }
    }

    /// The classes of `word` (0: in no set).
    pub fn of(&self, word: &str) -> u16 {
        let index = self.index.get_or_init(|| {
            let mut index = FxHashMap::default();
            for (set, bits) in self.sets {
                for w in set.words() {
                    *index.entry(*w).or_insert(0) |= bits;
                }
            }
            index
        });
        index.get(word).copied().unwrap_or(0)
    }
}

/// The classes of the [`class`] bits, from the rule families' word lists.
pub static CLASSES: WordClasses = WordClasses::new(&[
    (&super::concept::STOPWORDS, class::STOPWORD),
    (&super::concept::VERBS, class::VERB),
    (&super::change::UP, class::VERB),
    (&super::change::DOWN, class::VERB),
    (&super::attribution::SAY_VERBS, class::VERB | class::SAY),
    (&super::concept::LINKING, class::LINKING),
    (&super::concept::DETERMINERS, class::DETERMINER),
    (&super::concept::CLAUSE_WORDS, class::CLAUSE),
]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_listed_words_only() {
        static SET: WordSet = WordSet::new(&["said", "told"]);
        assert!(SET.contains("said"));
        assert!(!SET.contains("Said"));
        assert!(!SET.contains("say"));
        assert!(!SET.contains(""));
        static ODD: WordSet = WordSet::new(&[
            "",
            "é",
            "a-very-long-word-that-is-longer-than-sixty-three-bytes-in-all-x",
        ]);
        assert!(ODD.contains(""));
        assert!(ODD.contains("é"));
        assert!(ODD.contains("a-very-long-word-that-is-longer-than-sixty-three-bytes-in-all-x"));
        assert!(!ODD.contains("a"));
    }
}
