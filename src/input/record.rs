//! A JSONL record: the fields figtrack reads, and a quick reader for the usual line.
//!
//! serde_json spends most of its time on each field's machinery, not on the text: a record of a
//! few hundred bytes costs it about ten instructions a byte. The usual line, an object of
//! string (or null) fields, is read here by hand in one pass; any other line goes to
//! serde_json, which reads it, or reports what is wrong with it, as before.

use serde::Deserialize;
use std::borrow::Cow;

/// A JSONL record, its strings borrowed from the line where they need no unescaping.
#[derive(Debug, PartialEq, Deserialize)]
pub(super) struct Record<'a> {
    pub id: Option<serde_json::Value>,
    #[serde(borrow)]
    pub text: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub published: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub source: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub url: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub title: Option<Cow<'a, str>>,
}

impl<'a> Record<'a> {
    /// Reads the record of a line (trimmed, valid UTF-8); the error is serde_json's, or for
    /// valid JSON of the wrong shape, which field is wrong.
    pub fn parse(line: &'a str) -> Result<Self, String> {
        match quick(line) {
            Some(record) => Ok(record),
            None => serde_json::from_str(line).map_err(|e| {
                let shape = e.is_data().then(|| wrong_shape(line)).flatten();
                shape.unwrap_or_else(|| e.to_string())
            }),
        }
    }
}

/// The `id` of a record line (valid JSON) as written, when it is a number: serde_json reads a
/// number past 64 bits as a float, which would make `123456789012345678901234` and
/// `123456789012345678901235` one id.
pub(super) fn number_id(line: &str) -> Option<&str> {
    let b = line.as_bytes();
    let mut i = b.iter().position(|&c| c == b'{')? + 1;
    // One level of keys and values; nested values and strings are skipped.
    loop {
        i += b[i..].iter().position(|&c| c == b'"')? + 1;
        let key_start = i;
        i = string_end(b, i)?;
        let key = &line[key_start..i - 1];
        i += b[i..].iter().position(|&c| c == b':')? + 1;
        i += b[i..].iter().position(|c| !c.is_ascii_whitespace())?;
        let value_start = i;
        let mut depth = 0usize;
        while i < b.len() {
            match b[i] {
                b'"' => {
                    i = string_end(b, i + 1)?;
                    continue;
                }
                b'[' | b'{' => depth += 1,
                b']' | b'}' if depth > 0 => depth -= 1,
                b',' | b'}' if depth == 0 => break,
                _ => {}
            }
            i += 1;
        }
        let value = line[value_start..i].trim_end();
        if key == "id" {
            let number = value.starts_with(|c: char| c == '-' || c.is_ascii_digit());
            return number.then_some(value);
        }
        if b.get(i) != Some(&b',') {
            return None;
        }
    }
}

/// The position after the closing quote of the string whose content starts at `i`.
fn string_end(b: &[u8], mut i: usize) -> Option<usize> {
    loop {
        match b.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// What is wrong with a line that is JSON but not a record: not an object, or a field that is
/// not a string. (serde_json says "expected struct Record", or reads an array as the fields
/// in order.)
fn wrong_shape(line: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    let Some(object) = value.as_object() else {
        return Some(format!("the line is {}, not an object", kind(&value)));
    };
    ["text", "published", "source", "url", "title"]
        .into_iter()
        .find_map(|field| match object.get(field) {
            Some(v) if !v.is_string() && !v.is_null() => {
                Some(format!("\"{field}\" is {}, not a string", kind(v)))
            }
            _ => None,
        })
}

fn kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "true or false",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// The record of `line` as serde_json reads it, when the line is an object whose values are
/// strings without `\u` escapes or nulls; `None` for any other line (numbers, nested values,
/// a repeated field, control characters even as whitespace, errors), which serde_json then
/// reads.
fn quick(line: &str) -> Option<Record<'_>> {
    // JSON strings hold no control characters: with none in the line, a string ends at the
    // first quote or backslash, which memchr finds.
    if crate::bytes::any(line.as_bytes(), |b| b < 0x20) {
        return None;
    }
    let mut r = Reader { s: line, i: 0 };
    // Each field as serde sees it: not given, or given (and then perhaps null).
    let (mut id, mut text, mut published, mut source, mut url, mut title) = Default::default();
    r.expect(b'{')?;
    if r.peek() == Some(b'}') {
        r.i += 1;
    } else {
        loop {
            r.expect(b'"')?;
            let key = r.string()?;
            r.expect(b':')?;
            let value = r.value()?;
            let slot = match &*key {
                "id" => &mut id,
                "text" => &mut text,
                "published" => &mut published,
                "source" => &mut source,
                "url" => &mut url,
                "title" => &mut title,
                // serde ignores other fields.
                _ => &mut None,
            };
            // serde rejects a repeated field.
            if slot.replace(value).is_some() {
                return None;
            }
            match r.next()? {
                b',' => continue,
                b'}' => break,
                _ => return None,
            }
        }
    }
    r.skip_whitespace();
    if r.i != line.len() {
        return None;
    }
    Some(Record {
        id: id
            .flatten()
            .map(|id: Cow<str>| serde_json::Value::String(id.into_owned())),
        text: text.flatten(),
        published: published.flatten(),
        source: source.flatten(),
        url: url.flatten(),
        title: title.flatten(),
    })
}

/// A position in a line of JSON without control characters.
struct Reader<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Reader<'a> {
    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.i).copied()
    }

    /// The next byte after any whitespace, consumed.
    fn next(&mut self) -> Option<u8> {
        self.skip_whitespace();
        let b = self.peek()?;
        self.i += 1;
        Some(b)
    }

    fn expect(&mut self, b: u8) -> Option<()> {
        (self.next()? == b).then_some(())
    }

    /// A string or null.
    fn value(&mut self) -> Option<Option<Cow<'a, str>>> {
        match self.next()? {
            b'"' => self.string().map(Some),
            b'n' if self.s[self.i..].starts_with("ull") => {
                self.i += 3;
                Some(None)
            }
            _ => None,
        }
    }

    /// The rest of a string whose opening quote was read: borrowed unless it has escapes.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        let bytes = self.s.as_bytes();
        let start = self.i;
        let mut owned: Option<String> = None;
        loop {
            let at = self.i + memchr::memchr2(b'"', b'\\', &bytes[self.i..])?;
            let plain = &self.s[self.i..at];
            let unescaped = match bytes[at] {
                b'"' => {
                    self.i = at + 1;
                    return Some(match owned {
                        Some(mut owned) => {
                            owned.push_str(plain);
                            Cow::Owned(owned)
                        }
                        None => Cow::Borrowed(plain),
                    });
                }
                // A backslash.
                _ => match bytes.get(at + 1)? {
                    b'"' => '"',
                    b'\\' => '\\',
                    b'/' => '/',
                    b'b' => '\u{8}',
                    b'f' => '\u{c}',
                    b'n' => '\n',
                    b'r' => '\r',
                    b't' => '\t',
                    _ => return None,
                },
            };
            let owned = owned.get_or_insert_with(|| String::with_capacity(bytes.len() - start));
            owned.push_str(plain);
            owned.push(unescaped);
            self.i = at + 2;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines the quick reader takes, and some it leaves to serde_json.
    const LINES: &[&str] = &[
        r#"{"id": "a-1", "text": "Some 3,000 \"troops\" left.\n\nMore.", "published": "2024-02-24", "source": "Kyiv Ledger"}"#,
        r#"{"text":"x","url":null,"title":"T\\/\b\f\r\t/","lang":"en"}"#,
        r#"{ "text" : "é “ok” " , "id" : null }"#,
        r#"{}"#,
        r#"{"lang": "x", "lang": "y", "text": "t"}"#,
        r#"{"id": 7, "text": "number id"}"#,
        r#"{"text": "\u00e9 escaped"}"#,
        r#"{"text": "lone \ud800"}"#,
        r#"{"text": "a", "text": "b"}"#,
        r#"{"text": null, "text": "b"}"#,
        r#"{"text": "a", "extra": {"nested": [1, 2]}}"#,
        r#"{"text": "a"} trailing"#,
        r#"{"text": "a",}"#,
        r#"{"text": "bad \x escape"}"#,
        "{\"text\": \"raw\ttab\"}",
        "{\"text\":\t\"tab between fields\"}",
        r#"["id", "text"]"#,
        r#"{"t\u0065xt": "escaped key"}"#,
        r#"{"text": nul}"#,
        r#"{"text": "unterminated}"#,
    ];

    fn agrees_with_serde(line: &str) {
        let slow: Result<Record, String> = serde_json::from_str(line).map_err(|e| e.to_string());
        if let Some(quick) = quick(line) {
            assert_eq!(Ok(&quick), slow.as_ref(), "{line}");
        }
        assert_eq!(Record::parse(line).ok(), slow.ok(), "{line}");
    }

    #[test]
    fn number_ids_are_read_as_written() {
        for (line, id) in [
            (
                r#"{"id": 123456789012345678901234, "text": "a"}"#,
                Some("123456789012345678901234"),
            ),
            (
                r#"{"text": "a \"id\": 5, {", "meta": {"id": 1}, "id" : -7.50 }"#,
                Some("-7.50"),
            ),
            (r#"{"tags": ["x", {"y": "}"}], "id": 1e3}"#, Some("1e3")),
            (r#"{"id": "12", "text": "a"}"#, None),
            (r#"{"text": "no id"}"#, None),
        ] {
            assert_eq!(number_id(line), id, "{line}");
        }
    }

    #[test]
    fn json_of_the_wrong_shape_is_named_by_field() {
        for (line, error) in [
            ("[1, 2]", "the line is an array, not an object"),
            ("\"just text\"", "the line is a string, not an object"),
            ("42", "the line is a number, not an object"),
            (r#"{"text": 5}"#, "\"text\" is a number, not a string"),
            (
                r#"{"text": "a", "published": 20240101}"#,
                "\"published\" is a number, not a string",
            ),
            (
                r#"{"text": "a", "source": ["Wire"]}"#,
                "\"source\" is an array, not a string",
            ),
            (
                r#"{"title": true, "text": "a"}"#,
                "\"title\" is true or false, not a string",
            ),
        ] {
            assert_eq!(Record::parse(line), Err(error.to_string()), "{line}");
        }
        // Broken JSON keeps serde_json's words, with the column.
        let broken = Record::parse(r#"{"text": "a""#).unwrap_err();
        assert!(broken.contains("column"), "{broken}");
    }

    #[test]
    fn reads_the_usual_lines_by_hand() {
        for line in &LINES[..5] {
            assert!(quick(line).is_some(), "{line}");
            agrees_with_serde(line);
        }
        let record = quick(LINES[0]).expect("quick");
        assert!(matches!(record.source, Some(Cow::Borrowed("Kyiv Ledger"))));
    }

    #[test]
    fn leaves_other_lines_to_serde_json() {
        for line in &LINES[5..] {
            assert!(quick(line).is_none(), "{line}");
            agrees_with_serde(line);
        }
    }

    #[test]
    fn agrees_with_serde_json_on_damaged_lines() {
        for line in LINES {
            for (at, _) in line.char_indices() {
                agrees_with_serde(&line[..at]);
                for insert in ["\"", "\\", ",", ":", "}", " ", "\n", "\u{1}", "null"] {
                    agrees_with_serde(&format!("{}{insert}{}", &line[..at], &line[at..]));
                }
            }
        }
    }
}
