//! A claim as one JSON object, written straight into a byte buffer.
//!
//! `extract` prints every claim with its sentence, so serializing claims is a large part of its
//! time; this writer fills one reused [`Claim`] per row from the extractor's [`ClaimView`]s (its
//! strings' memory reused), writes its columns in the order of [`CLAIM_COLUMNS`] (the one list
//! of a claim's fields) without serde's per-field machinery, and escapes strings a word at a
//! time. Its output is byte for byte what `serde_json::to_vec(&view.into_claim())` gives (a
//! test holds it to that).

use crate::model::{CLAIM_COLUMNS, Claim, ClaimColumn, ClaimView};
use chrono::{Datelike, NaiveDate};
use std::io::Write;
use std::ops::Range;

/// Claims as JSON objects, back to back in one buffer without newlines. A text cell equal to
/// the same column's cell in the row before (the document's id, a sentence of several figures)
/// is escaped once, then copied.
pub struct ClaimRows {
    json: Vec<u8>,
    /// Where each object ends in `json`.
    ends: Vec<usize>,
    /// The claim of the row being written, and of the row before.
    claim: Claim,
    last: Claim,
    /// Where each text cell of the row before is escaped in `json`.
    escaped: [Option<Range<usize>>; MAX_COLUMNS],
}

/// The most columns [`ClaimRows::push`] writes: a claim with more does not compile.
const MAX_COLUMNS: usize = 32;
const _: () = assert!(
    CLAIM_COLUMNS.len() <= MAX_COLUMNS,
    "ClaimRows::push writes 32 columns: raise MAX_COLUMNS and list the new indices there"
);

/// The longest key of a column as a row writes it, with its comma and quotes.
const KEY_BYTES: usize = 32;

/// Each column's key as a row writes it (`{"doc":`, `,"claim_id":`, ...) and its length, made
/// when figtrack is compiled.
const KEYS: [([u8; KEY_BYTES], usize); MAX_COLUMNS] = {
    let mut keys = [([0; KEY_BYTES], 0); MAX_COLUMNS];
    let mut i = 0;
    while i < CLAIM_COLUMNS.len() {
        let name = CLAIM_COLUMNS[i].0.as_bytes();
        assert!(
            name.len() + 4 <= KEY_BYTES,
            "a column name is longer than KEY_BYTES"
        );
        let key = &mut keys[i].0;
        key[0] = if i == 0 { b'{' } else { b',' };
        key[1] = b'"';
        let mut j = 0;
        while j < name.len() {
            key[2 + j] = name[j];
            j += 1;
        }
        key[2 + j] = b'"';
        key[3 + j] = b':';
        keys[i].1 = name.len() + 4;
        i += 1;
    }
    keys
};

/// Writes column `I` of [`CLAIM_COLUMNS`] of `claim` (nothing past the last column). With `I`
/// a constant the compiler resolves the column, its key and its reader, so a row is written as
/// fast as if each field were spelled out here.
#[inline(always)]
fn column<const I: usize>(
    out: &mut Vec<u8>,
    claim: &Claim,
    last: &Claim,
    escaped: &mut [Option<Range<usize>>; MAX_COLUMNS],
) {
    let Some(&(_, column)) = CLAIM_COLUMNS.get(I) else {
        return;
    };
    let (key, len) = &KEYS[I];
    out.extend_from_slice(&key[..*len]);
    match column {
        ClaimColumn::Text(get, _) => match get(claim) {
            Some(text) => {
                let from = out.len();
                match escaped[I].take() {
                    Some(before) if get(last) == Some(text) => out.extend_from_within(before),
                    _ => write_str(out, text),
                }
                escaped[I] = Some(from..out.len());
            }
            None => {
                escaped[I] = None;
                out.extend_from_slice(b"null");
            }
        },
        ClaimColumn::Number(get, _) => write_opt_f64(out, get(claim)),
        ClaimColumn::Date(get, _) => write_date(out, get(claim)),
        ClaimColumn::Offset(get, _) => write_opt_u32(out, get(claim)),
    }
}

impl ClaimRows {
    /// Rows with room for about `bytes` of JSON.
    pub fn with_capacity(bytes: usize) -> Self {
        ClaimRows {
            json: Vec::with_capacity(bytes),
            ends: Vec::new(),
            claim: Claim::default(),
            last: Claim::default(),
            escaped: std::array::from_fn(|_| None),
        }
    }

    /// Empties the rows and makes room for about `bytes` of JSON, keeping the memory they hold:
    /// rows reused batch after batch write into pages already touched.
    pub fn clear(&mut self, bytes: usize) {
        self.json.clear();
        // Too small a buffer is replaced, not grown: growing would copy the rows before.
        if self.json.capacity() < bytes {
            self.json = Vec::with_capacity(bytes);
        }
        self.ends.clear();
        self.escaped = std::array::from_fn(|_| None);
    }

    /// Appends `view` as the JSON object `serde_json` would write for its claim.
    pub fn push(&mut self, view: ClaimView) {
        view.fill(&mut self.claim);
        let (out, claim, last, escaped) =
            (&mut self.json, &self.claim, &self.last, &mut self.escaped);
        macro_rules! columns {
            ($($i:literal)*) => { $(column::<$i>(out, claim, last, escaped);)* };
        }
        columns!(0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31);
        out.push(b'}');
        self.ends.push(out.len());
        std::mem::swap(&mut self.claim, &mut self.last);
    }

    /// The JSON objects, one slice each, in the order they were pushed.
    pub fn rows(&self) -> impl Iterator<Item = &[u8]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.json[start..end])
    }
}

fn write_opt_u32(out: &mut Vec<u8>, v: Option<u32>) {
    match v {
        Some(v) => out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes()),
        None => out.extend_from_slice(b"null"),
    }
}

/// Dates as chrono serializes them: its `Debug` form ("2024-02-24"), which needs no escaping.
/// Four-digit years are written by hand, the rest ("+12345-12-31") through `Debug` itself.
fn write_date(out: &mut Vec<u8>, d: Option<NaiveDate>) {
    match d {
        Some(d) if (0..=9999).contains(&d.year()) => {
            let digit = |n: u32, unit: u32| b'0' + (n / unit % 10) as u8;
            let (y, m, day) = (d.year().unsigned_abs(), d.month(), d.day());
            out.extend_from_slice(&[
                b'"',
                digit(y, 1000),
                digit(y, 100),
                digit(y, 10),
                digit(y, 1),
                b'-',
                digit(m, 10),
                digit(m, 1),
                b'-',
                digit(day, 10),
                digit(day, 1),
                b'"',
            ]);
        }
        // Writing into a Vec cannot fail.
        Some(d) => {
            let _ = write!(out, "\"{d:?}\"");
        }
        None => out.extend_from_slice(b"null"),
    }
}

/// Numbers as serde_json writes them. Most figures are whole numbers below 10^15, which it
/// writes as their digits and ".0" ("10000.0"): those are written with itoa; the rest (and -0.0,
/// and a NaN or an infinity, which are `null`) through serde_json itself.
fn write_f64(out: &mut Vec<u8>, v: f64) {
    if v.fract() == 0.0 && v.abs() < 1e15 && (v != 0.0 || v.is_sign_positive()) {
        // Exact: a whole number below 10^15 fits an i64.
        out.extend_from_slice(itoa::Buffer::new().format(v as i64).as_bytes());
        out.extend_from_slice(b".0");
    } else {
        // Serializing an f64 into a Vec cannot fail.
        let _ = serde_json::to_writer(out, &v);
    }
}

fn write_opt_f64(out: &mut Vec<u8>, v: Option<f64>) {
    match v {
        Some(v) => write_f64(out, v),
        None => out.extend_from_slice(b"null"),
    }
}

/// Whether JSON escapes byte `b` in a string: '"', '\\' and the control characters.
fn must_escape(b: u8) -> bool {
    // Without short-circuits, so that a chunk's test vectorizes.
    (b < 0x20) | (b == b'"') | (b == b'\\')
}

/// Whether JSON escapes any byte of `chunk`: without an early exit, the test vectorizes.
fn has_escape(chunk: &[u8; 16]) -> bool {
    chunk.iter().fold(false, |acc, &b| acc | must_escape(b))
}

/// Where the first byte at or after `from` that JSON escapes is. Bytes are tested sixteen at a
/// time: the last ones as the string's last sixteen, or padded with spaces in a shorter string.
fn next_escape(bytes: &[u8], mut from: usize) -> Option<usize> {
    while let Some(chunk) = bytes[from..].first_chunk::<16>() {
        if has_escape(chunk) {
            break;
        }
        from += 16;
    }
    if from + 16 > bytes.len() {
        let last = match bytes.last_chunk::<16>() {
            Some(last) => *last,
            None => {
                let mut padded = [b' '; 16];
                padded[..bytes.len()].copy_from_slice(bytes);
                padded
            }
        };
        if !has_escape(&last) {
            return None;
        }
    }
    let at = bytes[from..].iter().position(|&b| must_escape(b))?;
    Some(from + at)
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it.
fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut done = 0;
    while let Some(i) = next_escape(bytes, done) {
        out.extend_from_slice(&bytes[done..i]);
        let b = bytes[i];
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0C => out.extend_from_slice(b"\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let (high, low) = (HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xF)]);
                out.extend_from_slice(&[b'\\', b'u', b'0', b'0', high, low]);
            }
        }
        done = i + 1;
    }
    out.extend_from_slice(&bytes[done..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Bound, Direction, Document, Kind};

    fn doc() -> Document {
        Document {
            published: NaiveDate::from_ymd_opt(2024, 2, 24),
            ..Document::new(
                "doc-1",
                "About 10,000 troops \\ left the front on Monday, the \"ministry\" said in a statement.\n",
            )
        }
    }

    fn claim<'d>(doc: &'d Document, sentence: &'d str) -> ClaimView<'d, 'd> {
        ClaimView {
            doc,
            as_of: None,
            concept: Some("troops".into()),
            value: 10_000.0,
            low: Some(0.1),
            high: Some(1e21),
            unit: Some("$".into()),
            unit_normalized: None,
            kind: Kind::Currency,
            bound: Bound::AtLeast,
            direction: Some(Direction::Down),
            role: crate::model::Role::Change,
            previous: Some(f64::NAN),
            previous_text: Some("a \"b\""),
            previous_start: Some(0),
            previous_end: Some(u32::MAX),
            previous_as_of: chrono::NaiveDate::from_ymd_opt(2024, 8, 31),
            attribution: Some("the \"ministry\""),
            text: sentence,
            start: 3,
            end: u32::MAX,
            sentence,
        }
    }

    fn same_as_serde(c: &ClaimView) {
        same_as_serde_all(std::slice::from_ref(c));
    }

    fn same_as_serde_all(claims: &[ClaimView]) {
        let mut rows = ClaimRows::with_capacity(0);
        for c in claims {
            rows.push(c.clone());
        }
        let out: Vec<&[u8]> = rows.rows().collect();
        let expected: Vec<Vec<u8>> = claims
            .iter()
            .map(|c| serde_json::to_vec(&c.clone().into_claim()).expect("serializes"))
            .collect();
        assert_eq!(out.len(), expected.len());
        for (row, expected) in out.iter().zip(&expected) {
            assert_eq!(
                String::from_utf8_lossy(row),
                String::from_utf8_lossy(expected)
            );
        }
    }

    #[test]
    fn cells_equal_to_the_row_before_share_its_escaped_form() {
        let (one, other) = (
            doc(),
            Document::new(
                "doc-\"2\"",
                "Another \"sentence\", long enough for its escaped form to be copied.",
            ),
        );
        let (first, second) = (one.text.as_str(), &one.text[6..]);
        let mut text = claim(&one, first);
        text.text = "troops";
        // The same words at another place are the same cell.
        let copy = one.text.clone();
        same_as_serde_all(&[
            claim(&one, first),
            text,
            claim(&one, second),
            claim(&other, &other.text),
            claim(&one, first),
            claim(&one, &copy),
            claim(&other, &other.text),
        ]);
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let mut d = doc();
        let sentence = d.text.clone();
        same_as_serde(&claim(&d, &sentence));
        let dates = [
            (NaiveDate::from_ymd_opt(2024, 2, 24), None),
            (None, NaiveDate::from_ymd_opt(-5, 1, 1)),
            (
                NaiveDate::from_ymd_opt(9999, 10, 31),
                NaiveDate::from_ymd_opt(0, 1, 9),
            ),
            (
                NaiveDate::from_ymd_opt(12_345, 12, 31),
                NaiveDate::from_ymd_opt(10_000, 1, 1),
            ),
        ];
        for (published, as_of) in dates {
            d.published = published;
            let mut c = claim(&d, &sentence);
            c.as_of = as_of;
            c.value = -0.0;
            c.low = Some(f64::INFINITY);
            c.high = None;
            c.previous = Some(123_456_789.125);
            c.direction = None;
            c.concept = None;
            c.attribution = None;
            same_as_serde(&c);
        }
    }

    #[test]
    fn escapes_every_byte_as_serde_json_does() {
        let all: String = (0u32..0x300).filter_map(char::from_u32).collect();
        for (i, s) in [
            all.clone(),
            all.chars().rev().collect(),
            format!("“quoted” {all} \u{7f}/"),
            String::new(),
            "\"".into(),
            "abcdefg\\".into(),
            "abcdefgh\u{1}".into(),
        ]
        .into_iter()
        .enumerate()
        {
            let d = Document::new(s.clone(), s.clone());
            let text: String = s.chars().skip(i).collect();
            let mut c = claim(&d, &d.text);
            c.text = &text;
            c.attribution = Some(&s);
            c.concept = Some(text.clone());
            same_as_serde(&c);
        }
    }

    #[test]
    fn writes_numbers_as_serde_json_does() {
        let mut values = vec![
            0.0,
            -0.0,
            0.5,
            -1.5,
            1e-7,
            f64::NAN,
            f64::NEG_INFINITY,
            f64::MAX,
        ];
        for exp in 0..=20 {
            let p = 10f64.powi(exp);
            values.extend([p, -p, p - 1.0, p + 1.0, 3.0 * p, -7.0 * p, p / 3.0]);
        }
        values.extend([999_999_999_999_999.0, 1e15 - 0.5, 9_007_199_254_740_993.0]);
        for v in values {
            let mut out = Vec::new();
            write_f64(&mut out, v);
            let expected = serde_json::to_vec(&v).expect("serializes");
            assert_eq!(
                String::from_utf8_lossy(&out),
                String::from_utf8_lossy(&expected)
            );
        }
    }

    #[test]
    fn finds_escapes_wherever_they_are_in_a_chunk() {
        let same_as_serde = |s: &str| {
            let mut out = Vec::new();
            write_str(&mut out, s);
            let expected = serde_json::to_string(s).expect("serializes");
            assert_eq!(String::from_utf8_lossy(&out), expected, "{s:?}");
        };
        for len in 0..40 {
            same_as_serde(&"é".repeat(len / 2));
            same_as_serde(&"a".repeat(len));
            for at in 0..len {
                for escaped in ['"', '\\', '\u{1f}', '\n'] {
                    let mut s = "é".repeat(at / 2) + &"x".repeat(at % 2);
                    s.push(escaped);
                    s.extend(std::iter::repeat_n('a', len - at));
                    s.push(if len % 3 == 0 { '\\' } else { 'b' });
                    same_as_serde(&s);
                }
            }
        }
    }
}
