//! A tokenized sentence with lower-cased word access, shared by the rule families.

use super::tokens::{TokKind, Token, tokenize};

pub struct Ctx<'a> {
    /// The whole document text; token spans index into it.
    pub text: &'a str,
    pub toks: Vec<Token>,
    /// The sentence in ASCII lower case (same byte offsets as the text), and where it starts.
    lower: String,
    base: usize,
}

impl<'a> Ctx<'a> {
    pub fn new(text: &'a str, start: usize, end: usize) -> Self {
        Ctx {
            text,
            toks: tokenize(&text[start..end], start),
            lower: text[start..end].to_ascii_lowercase(),
            base: start,
        }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// Lower-cased text of token `i`, "" out of range.
    pub fn w(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .map_or("", |t| &self.lower[t.start - self.base..t.end - self.base])
    }

    /// Token `i` as written, "" out of range.
    pub fn raw(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.text[t.start..t.end])
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
    pub fn words_from(&self, from: usize, n: usize) -> Vec<&str> {
        (from..(from + n).min(self.len()))
            .map(|i| self.w(i))
            .collect()
    }

    /// Lower-cased words before `to` (exclusive), at most `n`, in text order.
    pub fn words_before(&self, to: usize, n: usize) -> Vec<&str> {
        (to.saturating_sub(n)..to).map(|i| self.w(i)).collect()
    }

    /// The text from the start of token `a` to the end of token `b - 1`.
    pub fn span(&self, a: usize, b: usize) -> &'a str {
        if a >= b || b > self.len() {
            return "";
        }
        &self.text[self.toks[a].start..self.toks[b - 1].end]
    }
}
