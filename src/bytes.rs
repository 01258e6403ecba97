//! Byte scans shared by the JSONL reader, the rules and the JSON writer.

/// The index of the first byte of `b` for which `hit` holds. Whole 16-byte chunks are tested
/// first without an early exit inside a chunk, so the compiler vectorizes the test; only the
/// chunk that holds a hit (or the tail) is read byte by byte.
#[inline]
pub fn position(b: &[u8], hit: impl Fn(u8) -> bool) -> Option<usize> {
    let mut chunks = b.chunks_exact(16);
    let mut skipped = 0;
    for chunk in chunks.by_ref() {
        if chunk.iter().fold(false, |any, &c| any | hit(c)) {
            break;
        }
        skipped += 16;
    }
    b[skipped..]
        .iter()
        .position(|&c| hit(c))
        .map(|p| skipped + p)
}

/// Whether any byte of `b` makes `hit` hold, tested as [`position`] does.
#[inline]
pub fn any(b: &[u8], hit: impl Fn(u8) -> bool) -> bool {
    position(b, hit).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_a_byte_scan_finds() {
        let hit = |c: u8| c.is_ascii_digit() || !c.is_ascii();
        let slow = |b: &[u8]| b.iter().position(|&c| hit(c));
        let long = "a sentence of words long enough to fill chunks, with no figure at all";
        for t in [
            "",
            "7",
            "abc",
            long,
            &format!("{long}5"),
            &format!("{long} caf\u{e9}"),
            &format!("{}9 and more words after it", &long[..31]),
            &format!("{}\u{2013}", &long[..32]),
        ] {
            assert_eq!(position(t.as_bytes(), hit), slow(t.as_bytes()), "{t}");
            assert_eq!(any(t.as_bytes(), hit), slow(t.as_bytes()).is_some(), "{t}");
        }
    }
}
