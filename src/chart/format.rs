//! Numbers and dates as a reader expects them on a chart and in a report: thousands separators,
//! no needless decimals, signed changes, ratios ("x3.3"), day-month dates ("23 Oct").

use chrono::{Datelike, NaiveDate};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Short month name of a date ("Oct").
pub fn month_name(d: NaiveDate) -> &'static str {
    MONTHS[d.month0() as usize]
}

/// "23 Oct".
pub fn day_month(d: NaiveDate) -> String {
    format!("{} {}", d.day(), month_name(d))
}

/// "23 Oct 2024".
pub fn day_month_year(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), month_name(d), d.year())
}

/// "Oct 2024".
pub fn month_year(d: NaiveDate) -> String {
    format!("{} {}", month_name(d), d.year())
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
    crate::series::group_thousands(&s)
}

/// `v` as people write it: thousands separators, no trailing zeros, at most two decimals for
/// values of 1 or more and four significant digits below ("10,000", "2.1", "0.0042").
pub fn number(v: f64) -> String {
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

/// Like [`number`], with billions and trillions in words ("61 billion", "1.2 trillion"), for
/// annotations where a reader takes in the size at a glance.
pub fn short(v: f64) -> String {
    let a = v.abs();
    let (scale, word) = if a >= 1e15 {
        return number(v);
    } else if a >= 1e12 {
        (1e12, "trillion")
    } else if a >= 1e9 {
        (1e9, "billion")
    } else {
        return number(v);
    };
    format!("{} {word}", number(((v / scale) * 100.0).round() / 100.0))
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

/// The words a bound puts before a figure: "more than ", "up to ", ... ("" for `=` and `~`).
pub fn bound_words(bound: &str) -> &'static str {
    match bound {
        ">" => "more than ",
        ">=" => "at least ",
        "<" => "less than ",
        "<=" => "up to ",
        _ => "",
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

/// Plural of a unit name for an axis caption: "troop" -> "troops", "person" -> "people",
/// "mile per hour" -> "miles per hour". Percentages are "%".
pub fn unit_caption(unit: &str) -> String {
    let unit = unit.trim();
    if unit.is_empty() {
        return String::new();
    }
    if is_percent(unit) {
        return "%".into();
    }
    let (head, tail) = match unit.find(" per ") {
        Some(i) => (&unit[..i], &unit[i..]),
        None => (unit, ""),
    };
    let plural = if head.ends_with('s') || !head.chars().last().is_some_and(char::is_alphabetic) {
        head.to_string()
    } else if let Some(stem) = head.strip_suffix("person") {
        format!("{stem}people")
    } else if head.ends_with("child") {
        format!("{head}ren")
    } else if head.ends_with('y')
        && !head.ends_with("ay")
        && !head.ends_with("ey")
        && !head.ends_with("oy")
    {
        format!("{}ies", &head[..head.len() - 1])
    } else if head.ends_with("ch") || head.ends_with("sh") || head.ends_with('x') {
        format!("{head}es")
    } else {
        format!("{head}s")
    };
    format!("{plural}{tail}")
}

/// The unit is a percentage.
pub fn is_percent(unit: &str) -> bool {
    matches!(unit.trim(), "%" | "percentage" | "percent" | "per cent")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
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
            assert_eq!(number(v), want, "{v}");
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
        assert_eq!(number(-3e15), "-3.00e15");
        assert_eq!(short(2.5e12), "2.5 trillion");
        assert_eq!(axis_value(-2.5e20, 5e19, 3e20), "-2.50e20");
    }

    #[test]
    fn units() {
        assert_eq!(unit_caption("troop"), "troops");
        assert_eq!(unit_caption("person"), "people");
        assert_eq!(unit_caption("mile per hour"), "miles per hour");
        assert_eq!(unit_caption("casualty"), "casualties");
        assert_eq!(unit_caption("percentage"), "%");
        assert_eq!(unit_caption("$"), "$");
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2024, 10, 23).unwrap();
        assert_eq!(day_month(d), "23 Oct");
        assert_eq!(day_month_year(d), "23 Oct 2024");
        assert_eq!(month_year(d), "Oct 2024");
    }
}
