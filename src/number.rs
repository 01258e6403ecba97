//! Numbers written for people, in one place: in a sentence as reported (notes), rounded for
//! tables and charts, as changes, ratios and percentages, as axis ticks, as table cells, and
//! without the noise of binary arithmetic for CSV and JSON. Every command formats through here,
//! so one figure reads the same in a note, a report, a chart and a table.

/// The digits of a whole number below 10^15, without a trailing ".0" ("10000", "-7"); `None`
/// for a fraction or a larger number, which needs a style.
pub fn whole(f: f64) -> Option<String> {
    (f.fract() == 0.0 && f.abs() < 1e15).then(|| format!("{}", f as i64))
}

/// A number as people write it in a sentence: thousands separated by commas, no trailing ".0",
/// at most 6 decimals ("1,500", "0.25").
pub fn number(f: f64) -> String {
    let s = whole(f).unwrap_or_else(|| {
        let s = format!("{f:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    });
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

/// `v` with thousands separators and exactly `decimals` decimals ("1,456,610", "2.50").
pub fn fixed(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return if v.is_nan() {
            "n/a".into()
        } else if v > 0.0 {
            "∞".into()
        } else {
            "-∞".into()
        };
    }
    let s = format!("{v:.decimals$}");
    // "-0" and "-0.00" read as zero.
    let s = if s
        .trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        s.trim_start_matches('-').to_string()
    } else {
        s
    };
    group_thousands(&s)
}

/// `v` as people write it: thousands separators, no trailing zeros, at most two decimals for
/// values of 1 or more and four significant digits below ("10,000", "2.1", "0.0042").
pub fn rounded(v: f64) -> String {
    if !v.is_finite() {
        return fixed(v, 0);
    }
    let a = v.abs();
    if a >= 1e15 {
        // Beyond trillions digits stop meaning anything to a reader: scientific notation.
        return format!("{v:.2e}");
    }
    let decimals = if a == 0.0 || a >= 100.0 {
        if v.fract() == 0.0 || a >= 1e6 { 0 } else { 2 }
    } else if a >= 1.0 {
        2
    } else {
        // Four significant digits.
        (3 - a.log10().floor() as i32).clamp(0, 12) as usize
    };
    let s = fixed(v, decimals);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// Like [`rounded`], with billions and trillions in words ("61 billion", "1.2 trillion"), for
/// annotations where a reader takes in the size at a glance.
pub fn short(v: f64) -> String {
    let a = v.abs();
    let (scale, word) = if a >= 1e15 {
        return rounded(v);
    } else if a >= 1e12 {
        (1e12, "trillion")
    } else if a >= 1e9 {
        (1e9, "billion")
    } else {
        return rounded(v);
    };
    format!("{} {word}", rounded(((v / scale) * 100.0).round() / 100.0))
}

/// A change with its sign: "+7,000", "-14", "0".
pub fn signed(v: f64) -> String {
    let s = short(v);
    if v > 0.0 && !s.starts_with('-') && s != "0" {
        format!("+{s}")
    } else {
        s
    }
}

/// A ratio as a multiplier: "x3.3", "x12", "x0.45".
pub fn ratio(r: f64) -> String {
    if !r.is_finite() {
        return "n/a".into();
    }
    let a = r.abs();
    let s = if a >= 10.0 {
        fixed(r, 0)
    } else if a >= 1.0 {
        fixed(r, 1)
    } else {
        fixed(r, 2)
    };
    format!("x{s}")
}

/// A percentage change with its sign: "+0.07%", "-12%".
pub fn pct(p: f64) -> String {
    if !p.is_finite() {
        return "n/a".into();
    }
    let a = p.abs();
    let s = if a >= 10.0 {
        fixed(p, 0)
    } else if a >= 1.0 {
        fixed(p, 1)
    } else {
        // Two significant digits for small changes.
        let d = if a == 0.0 {
            0
        } else {
            (1 - a.log10().floor() as i32).clamp(1, 6) as usize
        };
        fixed(p, d)
    };
    if p > 0.0 && s.chars().any(|c| ('1'..='9').contains(&c)) {
        format!("+{s}%")
    } else {
        format!("{s}%")
    }
}

/// Tick label of a value axis whose ticks are `step` apart and reach `max_abs`: thousands
/// separators; billions and trillions shortened ("2.5B"); from 10^15 scientific ("1.70e308").
pub fn axis_value(v: f64, step: f64, max_abs: f64) -> String {
    if max_abs >= 1e15 {
        // Beyond trillions a fixed label runs to hundreds of digits: scientific notation.
        return format!("{v:.2e}");
    }
    let (scale, suffix) = if max_abs >= 1e12 {
        (1e12, "T")
    } else if max_abs >= 1e9 {
        (1e9, "B")
    } else {
        (1.0, "")
    };
    let s = step / scale;
    let decimals = if s >= 1.0 || s <= 0.0 {
        0
    } else {
        (-s.log10().floor() as i32).clamp(0, 12) as usize
    };
    // Steps such as 0.25 need one more decimal than their magnitude says.
    let decimals = if s > 0.0 && ((s * 10f64.powi(decimals as i32)).fract()).abs() > 1e-6 {
        decimals + 1
    } else {
        decimals
    };
    format!("{}{suffix}", fixed(v / scale, decimals))
}

/// A table cell: at most 3 decimals, no trailing zeros, no separators ("2.5", "1456610").
pub fn plain(f: f64) -> String {
    if let Some(s) = whole(f) {
        return s;
    }
    let s = format!("{f:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// `f` rounded to 12 significant digits: more than any figure in the news carries, and no noise
/// of binary arithmetic (30.000000000000004 is written 30, 0.1 + 0.2 is 0.3).
pub fn without_noise(f: f64) -> f64 {
    if f == 0.0 || !f.is_finite() {
        return f;
    }
    format!("{f:.11e}").parse().unwrap_or(f)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn rounded_for_tables_and_charts() {
        for (v, want) in [
            (10000.0, "10,000"),
            (1456610.0, "1,456,610"),
            (-7000.0, "-7,000"),
            (2.1, "2.1"),
            (2.126, "2.13"),
            (150.5, "150.5"),
            (0.0042, "0.0042"),
            (0.0, "0"),
            (999.0, "999"),
            (1234567.89, "1,234,568"),
        ] {
            assert_eq!(rounded(v), want, "{v}");
        }
        assert_eq!(short(61e9), "61 billion");
        assert_eq!(short(-1.234e12), "-1.23 trillion");
        assert_eq!(short(999_999.0), "999,999");
        assert_eq!(signed(7000.0), "+7,000");
        assert_eq!(signed(-14.0), "-14");
        assert_eq!(signed(0.0), "0");
        assert_eq!(fixed(-0.0001, 2), "0.00");
    }

    #[test]
    fn ratios_and_percentages() {
        assert_eq!(ratio(10000.0 / 3000.0), "x3.3");
        assert_eq!(ratio(12.4), "x12");
        assert_eq!(ratio(0.45), "x0.45");
        assert_eq!(pct(0.0714), "+0.071%");
        assert_eq!(pct(-12.3), "-12%");
        assert_eq!(pct(2.5), "+2.5%");
        assert_eq!(pct(0.0), "0%");
    }

    #[test]
    fn axis_values() {
        assert_eq!(axis_value(1_400_000.0, 200_000.0, 1_600_000.0), "1,400,000");
        assert_eq!(axis_value(2.5e9, 5e8, 3e9), "2.5B");
        assert_eq!(axis_value(2.25, 0.25, 3.0), "2.25");
        assert_eq!(axis_value(2.0, 0.5, 3.0), "2.0");
        assert_eq!(axis_value(-2000.0, 1000.0, 3000.0), "-2,000");
        assert_eq!(axis_value(1.7e308, 1e307, 1.7e308), "1.70e308");
        assert_eq!(short(1.79e308), "1.79e308");
        assert_eq!(signed(2.5e20), "+2.50e20");
        assert_eq!(rounded(-3e15), "-3.00e15");
        assert_eq!(short(2.5e12), "2.5 trillion");
        assert_eq!(axis_value(-2.5e20, 5e19, 3e20), "-2.50e20");
    }

    #[test]
    fn cells_and_noise() {
        assert_eq!(plain(2.5), "2.5");
        assert_eq!(plain(1_456_610.0), "1456610");
        assert_eq!(plain(142.857142857), "142.857");
        assert_eq!(plain(-0.0001), "0");
        assert_eq!(whole(-7.0).as_deref(), Some("-7"));
        assert_eq!(whole(0.5), None);
        assert_eq!(whole(1e15), None);
        assert_eq!(without_noise(30.000000000000004), 30.0);
        assert_eq!(without_noise(0.1 + 0.2), 0.3);
        assert_eq!(without_noise(1_456_610.0), 1_456_610.0);
        assert_eq!(without_noise(7_915_287.0), 7_915_287.0);
        assert_eq!(without_noise(0.001), 0.001);
        assert_eq!(without_noise(-2.75), -2.75);
        assert_eq!(without_noise(1e300), 1e300);
        assert!(without_noise(f64::NAN).is_nan());
    }
}
