//! A fast reader for the usual JSONL record: one flat object whose fields are strings or null.
//!
//! `extract` reads millions of such records, and serde's generic machinery cost about as much
//! as the splitting of their text into sentences. Anything else (a number or an object as a
//! value, a repeated field, a lone surrogate, a control character, bad UTF-8, trailing bytes)
//! is left to serde_json, so the records read and the errors reported stay exactly serde's.

use super::Record;
use std::borrow::Cow;

/// The record of `line`, or `None` when serde_json must read it.
pub(super) fn parse(line: &[u8]) -> Option<Record> {
    let s = std::str::from_utf8(line).ok()?;
    let mut p = Parser {
        s,
        b: s.as_bytes(),
        i: 0,
    };
    let mut record = Record::default();
    let mut seen = [false; 6];
    p.ws();
    p.eat(b'{')?;
    p.ws();
    if !p.eat_if(b'}') {
        loop {
            let key = p.string()?;
            p.ws();
            p.eat(b':')?;
            p.ws();
            let value = p.string_or_null()?;
            let field = match &*key {
                "id" => 0,
                "text" => 1,
                "published" => 2,
                "source" => 3,
                "url" => 4,
                "title" => 5,
                // serde ignores other fields.
                _ => {
                    p.ws();
                    if p.eat_if(b',') {
                        p.ws();
                        continue;
                    }
                    p.eat(b'}')?;
                    break;
                }
            };
            // A repeated field is an error of serde's.
            if std::mem::replace(&mut seen[field], true) {
                return None;
            }
            match field {
                0 => record.id = value.map(serde_json::Value::String),
                1 => record.text = value,
                2 => record.published = value,
                3 => record.source = value,
                4 => record.url = value,
                _ => record.title = value,
            }
            p.ws();
            if p.eat_if(b',') {
                p.ws();
                continue;
            }
            p.eat(b'}')?;
            break;
        }
    }
    p.ws();
    (p.i == p.b.len()).then_some(record)
}

struct Parser<'a> {
    s: &'a str,
    /// The bytes of `s`.
    b: &'a [u8],
    i: usize,
}

impl<'a> Parser<'a> {
    /// Skips JSON whitespace.
    fn ws(&mut self) {
        while matches!(self.b.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat_if(&mut self, c: u8) -> bool {
        let found = self.b.get(self.i) == Some(&c);
        self.i += usize::from(found);
        found
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        self.eat_if(c).then_some(())
    }

    fn string_or_null(&mut self) -> Option<Option<String>> {
        if self.b[self.i..].starts_with(b"null") {
            self.i += 4;
            return Some(None);
        }
        self.string().map(|s| Some(s.into_owned()))
    }

    /// A string from its opening quote, unescaped: borrowed from the line when it has no
    /// escapes.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.eat(b'"')?;
        let mut out = Cow::Borrowed("");
        let mut from = self.i;
        loop {
            // Up to the next quote or backslash; a raw control character before it is an error
            // of serde's (tested without an early exit, which vectorizes).
            let stop = memchr::memchr2(b'"', b'\\', &self.b[self.i..])?;
            let control = self.b[self.i..self.i + stop]
                .iter()
                .fold(false, |found, &c| found | (c < 0x20));
            if control {
                return None;
            }
            self.i += stop;
            match *self.b.get(self.i)? {
                b'"' => {
                    let plain = &self.s[from..self.i];
                    self.i += 1;
                    return Some(match out {
                        Cow::Borrowed(_) => Cow::Borrowed(plain),
                        Cow::Owned(mut s) => {
                            s.push_str(plain);
                            Cow::Owned(s)
                        }
                    });
                }
                b'\\' => {
                    if let Cow::Borrowed(_) = out {
                        // Escapes only shorten: the rest of the line bounds the string.
                        out = Cow::Owned(String::with_capacity(self.b.len() - from));
                    }
                    let unescaped = out.to_mut();
                    unescaped.push_str(&self.s[from..self.i]);
                    self.i += 1;
                    self.escape(unescaped)?;
                    from = self.i;
                }
                _ => return None,
            }
        }
    }

    /// The escape after a backslash, appended to `out`.
    fn escape(&mut self, out: &mut String) -> Option<()> {
        let c = *self.b.get(self.i)?;
        self.i += 1;
        let plain = match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let mut code = self.hex4()?;
                if (0xD800..0xDC00).contains(&code) {
                    // A surrogate pair; a lone surrogate is left to serde.
                    if !self.b[self.i..].starts_with(b"\\u") {
                        return None;
                    }
                    self.i += 2;
                    let low = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return None;
                    }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                }
                char::from_u32(code)?
            }
            _ => return None,
        };
        out.push(plain);
        Some(())
    }

    /// Four hex digits.
    fn hex4(&mut self) -> Option<u32> {
        let digits = std::str::from_utf8(self.b.get(self.i..self.i + 4)?).ok()?;
        if !digits.bytes().all(|d| d.is_ascii_hexdigit()) {
            return None;
        }
        self.i += 4;
        u32::from_str_radix(digits, 16).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fields as serde_json reads them, or `None` when it rejects the line.
    fn serde(line: &str) -> Option<String> {
        serde_json::from_str::<Record>(line).ok().map(|r| show(&r))
    }

    fn show(r: &Record) -> String {
        format!(
            "{:?} {:?} {:?} {:?} {:?} {:?}",
            r.id, r.text, r.published, r.source, r.url, r.title
        )
    }

    #[test]
    fn reads_what_serde_reads() {
        let lines = [
            r#"{"id": "a-1", "text": "Ten \"troops\"\n\u00e9\ud83d\ude00 \/ \t", "published": null, "source": "X"}"#,
            r#"{}"#,
            r#" { "text" : "t" , "other": "x", "url": null, "title": "T" } "#,
            r#"{"id": "a", "id": "b"}"#,
            r#"{"id": 7, "text": "t"}"#,
            r#"{"text": "lone \ud83d"}"#,
            r#"{"text": "tab	raw"}"#,
            r#"{"text": "t"} x"#,
            r#"{"text": "t",}"#,
            r#"{"text": "\x"}"#,
            r#"{"text": "t""#,
            r#"{"extra": {"a": 1}, "text": "t"}"#,
        ];
        for line in lines {
            let fast = parse(line.as_bytes()).map(|r| show(&r));
            // The fast reader may leave a line to serde, but never reads it differently.
            if let Some(fast) = fast {
                assert_eq!(Some(fast), serde(line), "{line}");
            }
        }
        assert!(parse(lines[0].as_bytes()).is_some());
        assert!(parse(lines[2].as_bytes()).is_some());
    }
}
