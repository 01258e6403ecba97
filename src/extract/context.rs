//! A tokenized sentence with lower-cased word access, shared by the rule families.

use super::lexicon::CLASSES;
use super::tokens::{TokKind, Token, tokenize};
use std::cell::Cell;

/// A word of the sentence as written, with whether it is a word (not punctuation or a number).
#[derive(Debug, Clone, Copy)]
pub struct Word<'a> {
    pub text: &'a str,
    /// The text in lower case.
    pub lower: &'a str,
    pub is_word: bool,
}

/// A token's classes not yet looked up.
const UNKNOWN: u16 = u16::MAX;

/// The per-token vectors of the sentence contexts of a document, refilled for each sentence:
/// they grow to the document's longest sentence once instead of being allocated per sentence.
#[derive(Default)]
pub struct Buffers<'a> {
    toks: Vec<Token>,
    words: Vec<&'a str>,
    written: Vec<Word<'a>>,
    classes: Vec<Cell<u16>>,
}

pub struct Ctx<'a, 'b> {
    /// The whole document text; token spans index into it.
    pub text: &'a str,
    pub toks: &'b [Token],
    /// Each token's text in ASCII lower case, sliced once from the document's lower-cased copy:
    /// the rules read the words around every figure many times.
    words: &'b [&'a str],
    /// Each token as written and lower-cased, built in the same pass, for the rules that read
    /// whole sentences (sources, dates).
    written: &'b [Word<'a>],
    /// Each token's word classes (see [`super::lexicon::class`]), looked up on first use.
    classes: &'b [Cell<u16>],
}

impl<'a, 'b> Ctx<'a, 'b> {
    /// The sentence `start..end` of `text`; `lower` is `text` in ASCII lower case (same byte
    /// offsets). The per-token vectors are refilled in `buffers`.
    pub fn new(
        text: &'a str,
        lower: &'a str,
        start: usize,
        end: usize,
        buffers: &'b mut Buffers<'a>,
    ) -> Self {
        let Buffers {
            toks,
            words,
            written,
            classes,
        } = buffers;
        // Room for the tokenizer's first guess, about one token per four bytes.
        emptied_with_room(toks, (end - start) / 4 + 1);
        tokenize(&text[start..end], start, toks);
        let n = toks.len();
        emptied_with_room(written, n);
        emptied_with_room(words, n);
        emptied_with_room(classes, n);
        // Extended from exact-size iterators: no capacity test per token. The lower-cased words
        // are copied out of `written`, which sliced them: each span is checked once.
        written.extend(toks.iter().map(|t| Word {
            text: &text[t.start..t.end],
            lower: &lower[t.start..t.end],
            is_word: t.kind == TokKind::Word,
        }));
        words.extend(written.iter().map(|w| w.lower));
        classes.resize(n, Cell::new(UNKNOWN));
        Ctx {
            text,
            toks,
            words,
            written,
            classes,
        }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// Lower-cased text of token `i`, "" out of range.
    pub fn w(&self, i: usize) -> &'a str {
        self.words.get(i).copied().unwrap_or("")
    }

    /// The word classes of token `i` (those of "" out of range): one lookup, at most once per
    /// token, answers every word list's test.
    pub fn class(&self, i: usize) -> u16 {
        let Some(cached) = self.classes.get(i) else {
            return CLASSES.of("");
        };
        if cached.get() == UNKNOWN {
            // "In May the rate was 4%", "Theresa May said": "May" as written is the month or a
            // name, not the modal verb, whose classes it would otherwise take.
            let w = if self.raw(i) == "May" {
                "june"
            } else {
                self.w(i)
            };
            cached.set(CLASSES.of(w));
        }
        cached.get()
    }

    /// Whether token `i` is in any of the word classes `bits`.
    pub fn is(&self, i: usize, bits: u16) -> bool {
        self.class(i) & bits != 0
    }

    /// Every token as written and lower-cased.
    pub fn words(&self) -> &[Word<'a>] {
        self.written
    }

    /// Token `i` as written, "" out of range.
    pub fn raw(&self, i: usize) -> &'a str {
        self.written.get(i).map_or("", |w| w.text)
    }

    pub fn kind(&self, i: usize) -> Option<TokKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(TokKind::Word)
    }

    /// Token `i` follows token `i - 1` with no space between.
    pub fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space_before) && i > 0
    }

    pub fn capitalized(&self, i: usize) -> bool {
        self.is_word(i) && self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Lower-cased words from `from` (inclusive) up to `n` tokens.
    pub fn words_from(&self, from: usize, n: usize) -> &[&'a str] {
        let from = from.min(self.len());
        &self.words[from..(from + n).min(self.len())]
    }

    /// Lower-cased words before `to` (exclusive), at most `n`, in text order.
    pub fn words_before(&self, to: usize, n: usize) -> &[&'a str] {
        let to = to.min(self.len());
        &self.words[to.saturating_sub(n)..to]
    }

    /// The text from the start of token `a` to the end of token `b - 1`.
    pub fn span(&self, a: usize, b: usize) -> &'a str {
        if a >= b || b > self.len() {
            return "";
        }
        &self.text[self.toks[a].start..self.toks[b - 1].end]
    }
}

/// Empties `v` and makes room for `n` items. A vector too small is replaced, not grown (growing
/// would reallocate and copy the previous sentence's stale items), by one at least twice as large
/// so that a long document replaces it a few times only.
fn emptied_with_room<T>(v: &mut Vec<T>, n: usize) {
    if v.capacity() < n {
        *v = Vec::with_capacity(n.max(2 * v.capacity()));
    } else {
        v.clear();
    }
}

/// A sentence context for tests: `text` lower-cased into `lower` first (the buffers leaked).
#[cfg(test)]
pub fn test_ctx<'a>(text: &'a str, lower: &'a mut String) -> Ctx<'a, 'a> {
    *lower = text.to_ascii_lowercase();
    Ctx::new(text, lower, 0, text.len(), Box::leak(Box::default()))
}
