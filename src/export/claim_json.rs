//! A claim as one JSON object, written straight into a byte buffer.
//!
//! `extract` prints every claim with its sentence, so serializing claims is a large part of its
//! time; this writer works from the extractor's borrowed [`ClaimView`]s (no owned copy of each
//! claim's strings), skips serde's per-field machinery and escapes strings a word at a time.
//! Its output is byte for byte what `serde_json::to_vec(&view.into_claim())` gives (a test holds
//! it to that).

use crate::model::ClaimView;
use chrono::{Datelike, NaiveDate};
use std::io::Write;
use std::ops::Range;

/// Claims as JSON objects, back to back in one buffer without newlines. Consecutive claims of
/// one document or one sentence share its escaped id or text: it is escaped once, then copied.
#[derive(Default)]
pub struct ClaimRows<'d> {
    json: Vec<u8>,
    /// Where each object ends in `json`.
    ends: Vec<usize>,
    last_doc: Option<(&'d str, Range<usize>)>,
    last_sentence: Option<(&'d str, Range<usize>)>,
}

impl<'d> ClaimRows<'d> {
    /// Rows with room for about `bytes` of JSON.
    pub fn with_capacity(bytes: usize) -> Self {
        ClaimRows {
            json: Vec::with_capacity(bytes),
            ..Default::default()
        }
    }

    /// Appends `c` as the JSON object `serde_json` would write for its claim.
    pub fn push(&mut self, c: &ClaimView<'d, '_>) {
        let out = &mut self.json;
        out.extend_from_slice(b"{\"doc\":");
        write_shared(out, &c.doc.id, &mut self.last_doc);
        out.extend_from_slice(b",\"claim_id\":\"");
        out.extend_from_slice(&c.claim_id_hex());
        out.extend_from_slice(b"\",\"published\":");
        write_date(out, c.doc.published);
        write_fields(out, c);
        out.extend_from_slice(b",\"sentence\":");
        write_shared(out, c.sentence, &mut self.last_sentence);
        out.push(b'}');
        self.ends.push(out.len());
    }

    /// The JSON objects, one slice each, in the order they were pushed.
    pub fn rows(&self) -> impl Iterator<Item = &[u8]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.json[start..end])
    }
}

/// Appends `s` as a JSON string; when `s` is the very string (same place, same length) last
/// written through `last`, copies its escaped form from where `last` says it is in `out`.
fn write_shared<'d>(out: &mut Vec<u8>, s: &'d str, last: &mut Option<(&'d str, Range<usize>)>) {
    match last {
        Some((prev, escaped)) if std::ptr::eq(*prev, s) => out.extend_from_within(escaped.clone()),
        _ => {
            let from = out.len();
            write_str(out, s);
            *last = Some((s, from..out.len()));
        }
    }
}

/// Appends the fields of `c` between its publication date and its sentence.
fn write_fields(out: &mut Vec<u8>, c: &ClaimView) {
    out.extend_from_slice(b",\"as_of\":");
    write_date(out, c.as_of);
    // The extractor assigns no metric: metrics are given to stored claims.
    out.extend_from_slice(b",\"metric\":null,\"metric_match\":null,\"concept\":");
    write_opt_str(out, c.concept.as_deref());
    out.extend_from_slice(b",\"value\":");
    write_f64(out, c.value);
    out.extend_from_slice(b",\"low\":");
    write_opt_f64(out, c.low);
    out.extend_from_slice(b",\"high\":");
    write_opt_f64(out, c.high);
    out.extend_from_slice(b",\"unit\":");
    write_opt_str(out, c.unit.as_deref());
    out.extend_from_slice(b",\"unit_normalized\":");
    write_opt_str(out, c.unit_normalized.as_deref());
    out.extend_from_slice(b",\"kind\":");
    write_name(out, c.kind.name());
    out.extend_from_slice(b",\"bound\":");
    write_name(out, c.bound.symbol());
    out.extend_from_slice(b",\"direction\":");
    match c.direction {
        Some(d) => write_name(out, d.name()),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"role\":");
    write_name(out, c.role.name());
    out.extend_from_slice(b",\"previous\":");
    write_opt_f64(out, c.previous);
    out.extend_from_slice(b",\"previous_text\":");
    write_opt_str(out, c.previous_text);
    out.extend_from_slice(b",\"previous_start\":");
    write_opt_u32(out, c.previous_start);
    out.extend_from_slice(b",\"previous_end\":");
    write_opt_u32(out, c.previous_end);
    out.extend_from_slice(b",\"previous_as_of\":");
    write_date(out, c.previous_as_of);
    out.extend_from_slice(b",\"attribution\":");
    write_opt_str(out, c.attribution);
    out.extend_from_slice(b",\"text\":");
    write_str(out, c.text);
    out.extend_from_slice(b",\"start\":");
    out.extend_from_slice(itoa::Buffer::new().format(c.start).as_bytes());
    out.extend_from_slice(b",\"end\":");
    out.extend_from_slice(itoa::Buffer::new().format(c.end).as_bytes());
}

/// Appends a name of the model ("count", ">="), which needs no escaping, as a JSON string.
fn write_name(out: &mut Vec<u8>, name: &'static str) {
    out.push(b'"');
    out.extend_from_slice(name.as_bytes());
    out.push(b'"');
}

fn write_opt_u32(out: &mut Vec<u8>, v: Option<u32>) {
    match v {
        Some(v) => out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes()),
        None => out.extend_from_slice(b"null"),
    }
}

fn write_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => write_str(out, s),
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
            ..Document::new("doc-1", "About 10,000 troops \\ left.\n")
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
        let mut rows = ClaimRows::default();
        for c in claims {
            rows.push(c);
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
    fn claims_of_one_document_or_sentence_share_its_escaped_form() {
        let (one, other) = (doc(), Document::new("doc-\"2\"", "Another \"sentence\"."));
        let (first, second) = (one.text.as_str(), &one.text[6..]);
        let mut text = claim(&one, first);
        text.text = "troops";
        // The same words at another place are escaped again, and written the same.
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
