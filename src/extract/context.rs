//! A tokenized sentence with lower-cased word access, shared by the rule families.

use super::tokens::{TokKind, Token, tokenize};
use std::ops::{Deref, Range};

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

    /// Every token as written, lower-cased, and its kind.
    pub fn tokens(&self) -> impl Iterator<Item = (&'a str, &str, TokKind)> {
        self.toks.iter().map(|t| {
            let lower = &self.lower[t.start - self.base..t.end - self.base];
            (&self.text[t.start..t.end], lower, t.kind)
        })
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

    /// Lower-cased words from `from` (inclusive) up to `N` tokens.
    pub fn words_from<const N: usize>(&self, from: usize) -> Words<'_, N> {
        Words::of(self, from..(from + N).min(self.len()))
    }

    /// Lower-cased words before `to` (exclusive), at most `N`, in text order.
    pub fn words_before<const N: usize>(&self, to: usize) -> Words<'_, N> {
        Words::of(self, to.saturating_sub(N)..to)
    }

    /// The text from the start of token `a` to the end of token `b - 1`.
    pub fn span(&self, a: usize, b: usize) -> &'a str {
        if a >= b || b > self.len() {
            return "";
        }
        &self.text[self.toks[a].start..self.toks[b - 1].end]
    }
}

/// At most `N` lower-cased words of a sentence, kept on the stack: the rules look at a few
/// words around every figure.
pub struct Words<'c, const N: usize> {
    buf: [&'c str; N],
    len: usize,
}

impl<'c, const N: usize> Words<'c, N> {
    /// The words of tokens `range` (at most `N` of them).
    fn of(ctx: &'c Ctx, range: Range<usize>) -> Self {
        let mut words = Words {
            buf: [""; N],
            len: 0,
        };
        for (slot, i) in words.buf.iter_mut().zip(range) {
            *slot = ctx.w(i);
            words.len += 1;
        }
        words
    }
}

impl<'c, const N: usize> Deref for Words<'c, N> {
    type Target = [&'c str];

    fn deref(&self) -> &[&'c str] {
        &self.buf[..self.len]
    }
}
