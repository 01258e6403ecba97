//! Reading a series someone else published (`figtrack import`): its records from CSV, JSON or
//! JSON lines, its dates in the form the file shows, its numbers and bounds as the cells spell
//! them, and the stable id of each imported figure.

use crate::model::{Bound, Claim, Kind, Role};
use crate::store::StoredClaim;
use anyhow::bail;
use chrono::NaiveDate;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Whether numeric dates give the day or the month first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    DayFirst,
    MonthFirst,
}

/// Reads the dates of one file: with `--date-format`, that format only; else ISO dates and the
/// forms of [`crate::input::parse_date`] ("13 November 2024", "Nov 13, 2024"), and numeric
/// dates with a four-digit year ("13/11/2024", "11-13-2024", "13.11.2024") in the order the
/// file itself shows: a first number above 12 is a day, a second above 12 makes the month
/// first. A file that never shows (only "03/04/2024"-like dates) needs `--date-format`; one
/// that shows both orders is an error.
#[derive(Debug)]
pub struct DateReader {
    format: Option<String>,
    order: Option<Order>,
}

/// The (first, second, year) numbers of a numeric date such as "13/11/2024" (one separator,
/// `/`, `-` or `.`, used twice; a four-digit year last).
fn numeric_date(s: &str) -> Option<(u32, u32, i32)> {
    let s = s.trim();
    let sep = s.chars().find(|c| matches!(c, '/' | '-' | '.'))?;
    let mut parts = s.split(sep);
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    let short = |p: &str| (1..=2).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit());
    if parts.next().is_some() || !short(a) || !short(b) || y.len() != 4 {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?, y.parse().ok()?))
}

impl DateReader {
    /// The reader for the dates in field `date_field` of `records` (of file `shown`), or of
    /// `date_format` when given.
    pub fn for_file(
        shown: &str,
        date_format: Option<&str>,
        date_field: &str,
        records: &[Record],
    ) -> anyhow::Result<DateReader> {
        if let Some(f) = date_format {
            if !f.contains('%') {
                bail!("--date-format {f:?} has no field: write it as strftime, e.g. %d/%m/%Y");
            }
            return Ok(DateReader {
                format: Some(f.to_string()),
                order: None,
            });
        }
        let dates: Vec<(&str, &str)> = records
            .iter()
            .filter_map(|r| match r.fields.get(date_field) {
                Some(Value::String(s)) => Some((r.at.as_str(), s.as_str())),
                _ => None,
            })
            .collect();
        DateReader::inferred(shown, &dates)
    }

    /// The reader for `dates` (where each is, as written) without a format.
    fn inferred(shown: &str, dates: &[(&str, &str)]) -> anyhow::Result<DateReader> {
        let (mut day_first, mut month_first, mut unclear) = (None, None, None);
        for &seen in dates {
            let Some((a, b, _)) = numeric_date(seen.1) else {
                continue;
            };
            if a > 12 && b <= 12 {
                day_first.get_or_insert(seen);
            } else if b > 12 && a <= 12 {
                month_first.get_or_insert(seen);
            } else if a != b && a <= 12 && b <= 12 {
                unclear.get_or_insert(seen);
            }
        }
        let order = match (day_first, month_first, unclear) {
            (Some(d), Some(m), _) => bail!(
                "{shown}: the dates mix day-first ({}: {:?}) and month-first ({}: {:?}); \
                 fix the file or name one order with --date-format %d/%m/%Y or %m/%d/%Y",
                d.0,
                d.1,
                m.0,
                m.1
            ),
            (Some(_), None, _) => Some(Order::DayFirst),
            (None, Some(_), _) => Some(Order::MonthFirst),
            (None, None, Some(u)) => bail!(
                "{shown}: {}: date {:?} could be day-first or month-first, and no date in the \
                 file has a day above 12 to tell; name the order with --date-format %d/%m/%Y \
                 (day first) or %m/%d/%Y (month first)",
                u.0,
                u.1
            ),
            (None, None, None) => None,
        };
        Ok(DateReader {
            format: None,
            order,
        })
    }

    pub fn parse(&self, s: &str) -> Option<NaiveDate> {
        if let Some(f) = &self.format {
            return NaiveDate::parse_from_str(s.trim(), f).ok();
        }
        if let Some((a, b, y)) = numeric_date(s) {
            let (d, m) = match self.order {
                Some(Order::MonthFirst) => (b, a),
                // Without an order every numeric date has day == month.
                _ => (a, b),
            };
            return NaiveDate::from_ymd_opt(y, m, d);
        }
        // "13/11/24" read as the year 13 is a two-digit year, not a date: --date-format %d/%m/%y.
        crate::input::parse_date(s).filter(|d| chrono::Datelike::year(d) >= 1000)
    }

    /// The forms read, for errors.
    pub fn expected(&self) -> String {
        match (&self.format, self.order) {
            (Some(f), _) => format!("--date-format {f}"),
            (None, Some(Order::DayFirst)) => "YYYY-MM-DD or DD/MM/YYYY, as the file has".into(),
            (None, Some(Order::MonthFirst)) => "YYYY-MM-DD or MM/DD/YYYY, as the file has".into(),
            (None, None) => "YYYY-MM-DD, or name the form with --date-format".into(),
        }
    }
}

/// A record and where it is in the file ("record 12" or "line 13").
#[derive(Clone)]
pub struct Record {
    pub at: String,
    pub fields: Map<String, Value>,
}

/// The records of a CSV, JSON or JSON-lines file, and the CSV header.
pub fn read_records(path: &Path) -> anyhow::Result<(Vec<Record>, Option<Vec<String>>)> {
    let shown = path.display();
    let bytes = std::fs::read(path).map_err(|e| {
        anyhow::anyhow!(
            "{shown}: cannot read: {}",
            match e.kind() {
                std::io::ErrorKind::NotFound => "no such file".to_string(),
                std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                _ => e.to_string(),
            }
        )
    })?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace()).copied();
    if ext == "jsonl" || ext == "ndjson" {
        let mut out = Vec::new();
        for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match serde_json::from_slice::<Value>(line) {
                Ok(Value::Object(fields)) => out.push(Record {
                    at: format!("line {}", i + 1),
                    fields,
                }),
                Ok(_) => bail!("{shown}:{}: not a JSON object", i + 1),
                Err(e) => bail!("{shown}:{}: not JSON: {e}", i + 1),
            }
        }
        return Ok((out, None));
    }
    if ext == "json" || (ext != "csv" && ext != "tsv" && matches!(first, Some(b'[') | Some(b'{'))) {
        let v: Value = serde_json::from_slice(&bytes).map_err(|e| {
            anyhow::anyhow!(
                "{shown}: not valid JSON (line {}, column {}): {e}",
                e.line(),
                e.column()
            )
        })?;
        let Value::Array(items) = v else {
            bail!("{shown}: expected a JSON array of records");
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            match item {
                Value::Object(fields) => out.push(Record {
                    at: format!("record {}", i + 1),
                    fields,
                }),
                _ => bail!("{shown}: record {} is not a JSON object", i + 1),
            }
        }
        return Ok((out, None));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{shown}: not UTF-8 text (byte {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    // CRLF as LF: the csv crate counts the lines of CRLF files short.
    let text = text
        .strip_prefix('\u{FEFF}')
        .unwrap_or(&text)
        .replace("\r\n", "\n");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(if ext == "tsv" { b'\t' } else { b',' })
        .flexible(false)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| anyhow::anyhow!("{shown}: cannot read the CSV header: {e}"))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    // A repeated column would be read as one, its last cell winning.
    for (i, h) in header.iter().enumerate() {
        if let Some(j) = header[..i].iter().position(|g| g == h && !g.is_empty()) {
            bail!(
                "{shown}: the CSV header names column {h:?} twice (columns {} and {}); rename one",
                j + 1,
                i + 1
            );
        }
    }
    let mut out = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| match e.position() {
            Some(p) => anyhow::anyhow!("{shown}: line {}: bad CSV row: {e}", p.line()),
            None => anyhow::anyhow!("{shown}: bad CSV: {e}"),
        })?;
        let line = row.position().map_or(0, |p| p.line());
        let mut fields = Map::new();
        for (h, cell) in header.iter().zip(row.iter()) {
            let cell = cell.trim();
            if !cell.is_empty() {
                fields.insert(h.clone(), Value::String(cell.to_string()));
            }
        }
        out.push(Record {
            at: format!("line {line}"),
            fields,
        });
    }
    Ok((out, Some(header)))
}

/// A cell as a number: JSON numbers, and text such as "1234", "-2.5", "1,234,567".
pub fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => {
            let s = s.trim();
            let plain = if s.contains(',') {
                let (int, frac) = s.split_once('.').unwrap_or((s, ""));
                let int = int.strip_prefix('-').unwrap_or(int);
                let groups: Vec<&str> = int.split(',').collect();
                let ok = !groups[0].is_empty()
                    && groups[0].len() <= 3
                    && groups[1..].iter().all(|g| g.len() == 3);
                if !ok || frac.contains(',') {
                    return None;
                }
                s.replace(',', "")
            } else {
                s.to_string()
            };
            plain.parse::<f64>().ok().filter(|f| f.is_finite())
        }
        _ => None,
    }
}

/// The bound a cell spells: a sign or words ("about", "more than", "up to").
pub fn bound_of(text: &str) -> Option<Bound> {
    let t = text.trim().to_lowercase();
    Some(match t.as_str() {
        "" | "=" | "exact" | "exactly" => Bound::Exact,
        "~" | "about" | "approximately" | "around" | "approx" | "approx." | "roughly" | "some" => {
            Bound::Approximate
        }
        ">" | "more" | "more than" | "over" | "above" | "greater" => Bound::MoreThan,
        ">=" | "at least" => Bound::AtLeast,
        "<" | "less" | "less than" | "under" | "below" | "fewer" => Bound::LessThan,
        "<=" | "up to" | "at most" => Bound::AtMost,
        _ => return None,
    })
}

/// The stable id of an imported figure.
pub fn import_id(metric: &str, date: NaiveDate, source: &str) -> String {
    let key = format!("import\0{metric}\0{date}\0{source}");
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()))
}

/// The kind and normalized unit of an imported metric's `--unit`.
pub fn kind_of(unit: Option<&str>) -> (Kind, Option<String>) {
    let Some(u) = unit.map(|u| u.trim().to_lowercase()) else {
        return (Kind::Count, None);
    };
    if matches!(u.as_str(), "percentage" | "percent" | "%") {
        return (Kind::Percentage, Some("percentage".into()));
    }
    let words: Vec<&str> = u.split_whitespace().collect();
    match crate::extract::units::unit_after(&words) {
        Some(m) if m.len == words.len() && m.kind != Kind::Count => (m.kind, Some(m.norm)),
        _ => (
            Kind::Count,
            Some(
                words
                    .iter()
                    .map(|w| crate::extract::units::singular(w))
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
        ),
    }
}

/// For each field, the records without a value: how many, and where the first is.
pub type Skipped<'a> = BTreeMap<&'a str, (usize, String)>;

/// What an import makes of each record of a file: which fields hold figures, the metric of each
/// field, and how the figures are labelled.
pub struct Plan<'a> {
    /// The file as messages name it.
    pub shown: &'a str,
    /// The file as each claim's sentence quotes it.
    pub file_name: &'a str,
    pub doc: &'a str,
    pub date_field: &'a str,
    pub bound_field: Option<&'a str>,
    pub fields: &'a [String],
    /// The metric of each field.
    pub metrics: &'a [String],
    pub unit: Option<&'a str>,
    pub source: Option<&'a str>,
}

impl<'a> Plan<'a> {
    /// The claims of `records`, one per field with a value, and the records without one. A
    /// date or a value that does not parse, a bound not spelled as one, or a second value of one
    /// metric on one day is an error naming the file and the record.
    pub fn claims(
        &self,
        records: &[Record],
        dates: &DateReader,
    ) -> anyhow::Result<(Vec<StoredClaim>, Skipped<'a>)> {
        let shown = self.shown;
        let (kind, unit_norm) = kind_of(self.unit);
        let mut claims: Vec<StoredClaim> = Vec::new();
        let mut skipped = Skipped::new();
        let mut seen: HashMap<(&str, NaiveDate), String> = HashMap::new();
        for r in records {
            let date = match r.fields.get(self.date_field) {
                Some(Value::String(s)) => dates.parse(s).ok_or_else(|| {
                    anyhow::anyhow!(
                        "{shown}: {}: date {s:?} does not parse (expected {})",
                        r.at,
                        dates.expected()
                    )
                })?,
                None | Some(Value::Null) => {
                    bail!("{shown}: {}: no {:?} (the date)", r.at, self.date_field)
                }
                Some(other) => bail!(
                    "{shown}: {}: date {other} does not parse (expected {})",
                    r.at,
                    dates.expected()
                ),
            };
            let bound = match self.bound_field {
                Some(b) => match r.fields.get(b) {
                    None | Some(Value::Null) => Bound::Exact,
                    Some(Value::String(s)) => bound_of(s).ok_or_else(|| {
                        anyhow::anyhow!(
                            "{shown}: {}: {b:?} is {s:?}, not a bound (about, more, at least, less, up to)",
                            r.at
                        )
                    })?,
                    Some(other) => bail!("{shown}: {}: {b:?} is {other}, not a bound", r.at),
                },
                None => Bound::Exact,
            };
            for (f, metric) in self.fields.iter().zip(self.metrics) {
                let raw = match r.fields.get(f) {
                    None | Some(Value::Null) => {
                        let e = skipped.entry(f.as_str()).or_insert((0, r.at.clone()));
                        e.0 += 1;
                        continue;
                    }
                    Some(v) => v,
                };
                let Some(value) = number(raw) else {
                    bail!(
                        "{shown}: {}: {f:?} is {raw}, not a number; nothing was imported",
                        r.at
                    );
                };
                if let Some(prev) = seen.insert((metric.as_str(), date), r.at.clone()) {
                    bail!(
                        "{shown}: {}: a second value of {f:?} for {date} (the first is at {prev})",
                        r.at
                    );
                }
                let text = match raw {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                claims.push(StoredClaim {
                    claim: Claim {
                        doc: self.doc.to_string(),
                        claim_id: import_id(metric, date, self.source.unwrap_or_default()),
                        published: Some(date),
                        as_of: Some(date),
                        metric: Some(metric.clone()),
                        metric_match: None,
                        concept: Some(f.clone()),
                        value,
                        low: None,
                        high: None,
                        unit: self.unit.map(str::to_string),
                        unit_normalized: unit_norm.clone(),
                        kind,
                        bound,
                        direction: None,
                        role: Role::Level,
                        previous: None,
                        previous_text: None,
                        previous_start: None,
                        previous_end: None,
                        previous_as_of: None,
                        attribution: self.source.map(str::to_string),
                        sentence: format!("{f}: {text} on {date} ({}, {})", self.file_name, r.at),
                        text,
                        start: 0,
                        end: 0,
                    },
                    source: self.source.map(str::to_string),
                });
            }
        }
        Ok((claims, skipped))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(dates: &[&str]) -> Result<Vec<Option<NaiveDate>>, String> {
        let at: Vec<String> = (0..dates.len())
            .map(|i| format!("line {}", i + 2))
            .collect();
        let pairs: Vec<(&str, &str)> = at
            .iter()
            .map(String::as_str)
            .zip(dates.iter().copied())
            .collect();
        let r = DateReader::inferred("f.csv", &pairs).map_err(|e| e.to_string())?;
        Ok(dates.iter().map(|d| r.parse(d)).collect())
    }

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn numeric_dates_take_the_order_the_file_shows() {
        let nov13 = ymd(2024, 11, 13);
        let mar4 = ymd(2024, 3, 4);
        let apr3 = ymd(2024, 4, 3);
        for (dates, want) in [
            (vec!["13/11/2024"], vec![nov13]),
            (vec!["11/13/2024"], vec![nov13]),
            (vec!["13.11.2024", "03.04.2024"], vec![nov13, apr3]),
            (vec!["03-04-2024", "11-13-2024"], vec![mar4, nov13]),
            (
                vec!["1/2/2024", "25/12/2024"],
                vec![ymd(2024, 2, 1), ymd(2024, 12, 25)],
            ),
            (vec!["05/05/2024"], vec![ymd(2024, 5, 5)]),
            (vec!["2024-11-13", "13 November 2024"], vec![nov13, nov13]),
            (
                vec!["31/02/2024", "13/01/2024"],
                vec![None, ymd(2024, 1, 13)],
            ),
            (vec!["13/11/24"], vec![None]),
        ] {
            assert_eq!(read(&dates), Ok(want), "{dates:?}");
        }
    }

    #[test]
    fn unclear_or_mixed_orders_ask_for_a_format() {
        let err = read(&["03/04/2024", "05/06/2024"]).unwrap_err();
        assert!(
            err.contains("line 2") && err.contains("--date-format %d/%m/%Y"),
            "{err}"
        );
        let err = read(&["13/11/2024", "11/13/2024"]).unwrap_err();
        assert!(
            err.contains("mix day-first") && err.contains("line 3"),
            "{err}"
        );
    }

    #[test]
    fn a_format_reads_what_the_guesses_do_not() {
        let r = DateReader {
            format: Some("%d/%m/%y".into()),
            order: None,
        };
        assert_eq!(r.parse("13/11/24"), ymd(2024, 11, 13));
        assert_eq!(r.parse("2024-11-13"), None);
        assert_eq!(r.expected(), "--date-format %d/%m/%y");
    }

    /// Records become one claim per field with a value; a record without one is counted; a
    /// value, date or bound that does not parse, or a second value of a day, names the record.
    #[test]
    fn records_become_claims_or_errors_naming_the_record() {
        let record = |at: &str, json: serde_json::Value| Record {
            at: at.into(),
            fields: json.as_object().unwrap().clone(),
        };
        let fields = ["tanks".to_string(), "guns".to_string()];
        let metrics = ["losses-tanks".to_string(), "losses-guns".to_string()];
        let plan = Plan {
            shown: "dir/losses.csv",
            file_name: "losses.csv",
            doc: "losses",
            date_field: "day",
            bound_field: Some("how"),
            fields: &fields,
            metrics: &metrics,
            unit: Some("tanks"),
            source: Some("Ministry"),
        };
        let dates = DateReader {
            format: None,
            order: None,
        };
        let good = [
            record(
                "line 2",
                serde_json::json!({"day": "2024-11-13", "tanks": "1,200", "guns": 7, "how": "about"}),
            ),
            record(
                "line 3",
                serde_json::json!({"day": "2024-11-14", "tanks": 1210}),
            ),
        ];
        let (claims, skipped) = plan.claims(&good, &dates).unwrap();
        assert_eq!(claims.len(), 3);
        let first = &claims[0].claim;
        assert_eq!((first.value, first.bound), (1200.0, Bound::Approximate));
        assert_eq!(first.metric.as_deref(), Some("losses-tanks"));
        assert_eq!(
            first.sentence,
            "tanks: 1,200 on 2024-11-13 (losses.csv, line 2)"
        );
        assert_eq!(first.attribution.as_deref(), Some("Ministry"));
        assert_eq!(skipped.get("guns"), Some(&(1, "line 3".to_string())));
        for (bad, error) in [
            (
                serde_json::json!({"day": "13th", "tanks": 1}),
                "dir/losses.csv: line 9: date \"13th\" does not parse",
            ),
            (
                serde_json::json!({"tanks": 1}),
                "dir/losses.csv: line 9: no \"day\" (the date)",
            ),
            (
                serde_json::json!({"day": "2024-11-13", "tanks": "many"}),
                "line 9: \"tanks\" is \"many\", not a number",
            ),
            (
                serde_json::json!({"day": "2024-11-13", "tanks": 1, "how": "maybe"}),
                "line 9: \"how\" is \"maybe\", not a bound",
            ),
            (
                serde_json::json!({"day": "2024-11-14", "tanks": 2}),
                "line 9: a second value of \"tanks\" for 2024-11-14 (the first is at line 3)",
            ),
        ] {
            let records = [good[1].clone(), record("line 9", bad)];
            let err = plan.claims(&records, &dates).unwrap_err().to_string();
            assert!(err.contains(error), "{err}");
        }
    }
}
