//! Numbers as people write them in a sentence (notes, tables, chart labels).

/// A number as people write it in a sentence: thousands separated by commas, no trailing ".0",
/// at most 6 decimals ("1,500", "0.25").
pub fn number(f: f64) -> String {
    let s = if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        let s = format!("{f:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    group_thousands(&s)
}

/// Inserts thousands separators into the integer part of a plain decimal string.
pub fn group_thousands(digits: &str) -> String {
    let (sign, rest) = match digits.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", digits),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut out = String::with_capacity(digits.len() + int.len() / 3);
    out.push_str(sign);
    let n = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn numbers_read_as_in_a_sentence() {
        let cases = [
            (14.0, "14"),
            (1500.0, "1,500"),
            (-1500.0, "-1,500"),
            (1_456_610.0, "1,456,610"),
            (999.0, "999"),
            (0.25, "0.25"),
            (12345.5, "12,345.5"),
            (-0.000001, "-0.000001"),
            (1e20, "100,000,000,000,000,000,000"),
        ];
        for (v, want) in cases {
            assert_eq!(number(v), want, "{v}");
        }
    }
}
