//! A claim as one JSON object, written straight into a byte buffer.
//!
//! `extract` prints every claim with its sentence, so serializing claims is a large part of its
//! time; this writer skips serde's per-field machinery and escapes strings a word at a time.
//! Its output is byte for byte what `serde_json::to_vec(&claim)` gives (a test holds it to that).

use crate::model::Claim;
use chrono::{Datelike, NaiveDate};
use std::io::Write;
use std::ops::Range;

/// Appends `claims` to `out` as the JSON objects `serde_json` would write, back to back without
/// newlines, and pushes to `ends` where each object ends. Consecutive claims of one document
/// or one sentence share its escaped id or text: it is escaped once and then copied.
pub fn write_claims(out: &mut Vec<u8>, claims: &[Claim], ends: &mut Vec<usize>) {
    let mut last_doc = None;
    let mut last_sentence = None;
    for c in claims {
        out.extend_from_slice(b"{\"doc\":");
        write_shared(out, &c.doc, &mut last_doc);
        write_fields(out, c);
        out.extend_from_slice(b",\"sentence\":");
        write_shared(out, &c.sentence, &mut last_sentence);
        out.push(b'}');
        ends.push(out.len());
    }
}

/// Appends `s` as a JSON string; when `s` is the string last written through `last`, copies
/// its escaped form from where `last` says it is in `out`.
fn write_shared<'c>(out: &mut Vec<u8>, s: &'c str, last: &mut Option<(&'c str, Range<usize>)>) {
    match last {
        Some((prev, escaped)) if *prev == s => out.extend_from_within(escaped.clone()),
        _ => {
            let from = out.len();
            write_str(out, s);
            *last = Some((s, from..out.len()));
        }
    }
}

/// Appends the fields of `c` between its document and its sentence.
fn write_fields(out: &mut Vec<u8>, c: &Claim) {
    out.extend_from_slice(b",\"claim_id\":");
    write_str(out, &c.claim_id);
    out.extend_from_slice(b",\"published\":");
    write_date(out, c.published);
    out.extend_from_slice(b",\"as_of\":");
    write_date(out, c.as_of);
    out.extend_from_slice(b",\"metric\":");
    write_opt_str(out, c.metric.as_deref());
    out.extend_from_slice(b",\"concept\":");
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
    out.extend_from_slice(b",\"previous\":");
    write_opt_f64(out, c.previous);
    out.extend_from_slice(b",\"attribution\":");
    write_opt_str(out, c.attribution.as_deref());
    out.extend_from_slice(b",\"text\":");
    write_str(out, &c.text);
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

/// Numbers through serde_json itself, so they are formatted exactly as before (and a NaN or an
/// infinity is `null`).
fn write_f64(out: &mut Vec<u8>, v: f64) {
    // Serializing an f64 into a Vec cannot fail.
    let _ = serde_json::to_writer(out, &v);
}

fn write_opt_f64(out: &mut Vec<u8>, v: Option<f64>) {
    match v {
        Some(v) => write_f64(out, v),
        None => out.extend_from_slice(b"null"),
    }
}

/// Whether any byte of the word `w` must be escaped in a JSON string: '"', '\\' or a control
/// character below 0x20 (the classic "has zero byte" bit trick, applied three times).
fn needs_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    // A byte below 0x20: subtracting 0x20 borrows into its high bit (bytes >= 0x80 are masked).
    let control = w.wrapping_sub(ONES * 0x20) & !w & HIGH != 0;
    control || has_zero(w ^ (ONES * u64::from(b'"'))) || has_zero(w ^ (ONES * u64::from(b'\\')))
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it.
fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut done = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Skip eight plain bytes at a time; look at bytes one by one only near an escape.
        if let Some(chunk) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            if !needs_escape(word) {
                i += 8;
                continue;
            }
        } else {
            // The last bytes: tested as the string's last eight (those before `i` passed or
            // were escaped already), or one by one in a string shorter than a word.
            let clean = match bytes.last_chunk::<8>() {
                Some(last) => !needs_escape(u64::from_le_bytes(*last)),
                None => bytes[i..]
                    .iter()
                    .all(|&b| b >= 0x20 && b != b'"' && b != b'\\'),
            };
            if clean {
                break;
            }
        }
        let b = bytes[i];
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0C => b"\\f",
            0..=0x1F => &[],
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[done..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xF)],
            ]);
        } else {
            out.extend_from_slice(escape);
        }
        i += 1;
        done = i;
    }
    out.extend_from_slice(&bytes[done..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Bound, Direction, Kind};

    fn claim() -> Claim {
        Claim {
            doc: "doc-1".into(),
            claim_id: "00ff00ff00ff00ff".into(),
            published: NaiveDate::from_ymd_opt(2024, 2, 24),
            as_of: None,
            metric: None,
            concept: Some("troops".into()),
            value: 10_000.0,
            low: Some(0.1),
            high: Some(1e21),
            unit: Some("$".into()),
            unit_normalized: None,
            kind: Kind::Currency,
            bound: Bound::AtLeast,
            direction: Some(Direction::Down),
            previous: Some(f64::NAN),
            attribution: Some("the \"ministry\"".into()),
            text: "10,000".into(),
            start: 3,
            end: u32::MAX,
            sentence: "About 10,000 troops \\ left.\n".into(),
        }
    }

    fn same_as_serde(c: &Claim) {
        same_as_serde_all(std::slice::from_ref(c));
    }

    fn same_as_serde_all(claims: &[Claim]) {
        let (mut out, mut ends) = (Vec::new(), Vec::new());
        write_claims(&mut out, claims, &mut ends);
        let (mut expected, mut expected_ends) = (Vec::new(), Vec::new());
        for c in claims {
            expected.extend(serde_json::to_vec(c).expect("serializes"));
            expected_ends.push(expected.len());
        }
        assert_eq!(
            String::from_utf8_lossy(&out),
            String::from_utf8_lossy(&expected)
        );
        assert_eq!(ends, expected_ends);
    }

    #[test]
    fn claims_of_one_sentence_share_its_escaped_form() {
        let mut second = claim();
        second.text = "troops".into();
        let mut third = claim();
        third.sentence = "Another \"sentence\".".into();
        same_as_serde_all(&[claim(), second, third.clone(), claim(), third]);
    }

    #[test]
    fn writes_what_serde_json_writes() {
        same_as_serde(&claim());
        let mut c = claim();
        c.value = -0.0;
        c.low = Some(f64::INFINITY);
        c.high = None;
        c.previous = Some(123_456_789.125);
        c.as_of = NaiveDate::from_ymd_opt(-5, 1, 1);
        same_as_serde(&c);
        c.as_of = NaiveDate::from_ymd_opt(0, 1, 9);
        c.published = NaiveDate::from_ymd_opt(9999, 10, 31);
        same_as_serde(&c);
        c.as_of = NaiveDate::from_ymd_opt(10_000, 1, 1);
        c.published = NaiveDate::from_ymd_opt(12_345, 12, 31);
        c.direction = None;
        same_as_serde(&c);
    }

    #[test]
    fn escapes_every_byte_as_serde_json_does() {
        let all: String = (0u32..0x300).filter_map(char::from_u32).collect();
        let mut c = claim();
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
            c.sentence = s.clone();
            c.text = s.chars().skip(i).collect();
            same_as_serde(&c);
        }
    }
}
