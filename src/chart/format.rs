//! Dates, bounds and unit captions as a reader expects them on a chart and in a report
//! ("23 Oct", "more than ", "troops"). Numbers are written by [`crate::number`], as in every
//! other output.

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
