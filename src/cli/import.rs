//! `figtrack import FILE --metric ID [--date-field F] [--value-field F]... [--all-fields]
//!                  [--exclude F]... [--source S] [--cumulative] [--unit U] [--label L]
//!                  [--bound-field F] [--date-format FORMAT]`
//!
//! Imports an existing series from CSV (a header row) or JSON (an array of records; `.jsonl`:
//! one record per line). Each record gives a date (`--date-field`, default `date`; see
//! [`DateReader`] for the forms read, `--date-format` for any other) and values:
//! - `--value-field F`: the values of field F make metric ID;
//! - several `--value-field`, or `--all-fields` (every field but the date, the `--exclude`d ones
//!   and those holding text), make one metric per field, `ID-FIELD` (`--metric ru-losses
//!   --all-fields --exclude day` gives ru-losses-tank, ru-losses-apc, ...).
//!
//! Records without a value are skipped and counted in one warning per field; a value that is not
//! a number, or a date that does not parse, is an error naming the file and the record (JSON:
//! its position in the array, from 1; CSV: its line), and nothing is stored. Rows become claims
//! of document FILE-STEM, attributed to `--source`, with a stable claim id per (metric, date,
//! source): importing again adds only what is new, and a changed value is stored as a revision
//! that replaces the old one. Metrics not in the catalog are added to metrics.toml
//! (`cumulative = true` with `--cumulative`: a running total, whose falls `series` reports as
//! anomalies). `--bound-field F` reads each value's bound from field F: "about" -> ~, "more" or
//! "over" -> >, "at least" -> >=, "less" or "under" -> <, "up to" -> <=.

use crate::metrics::{Catalog, MetricDef, slug};
use crate::model::{Bound, Claim, Kind};
use crate::store::{self, DocRecord, StoredClaim, Writer};
use anyhow::{Context, bail};
use chrono::NaiveDate;
use polars::prelude::*;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A CSV file with a header row, a JSON array of records, or JSON lines.
    pub file: PathBuf,
    /// Metric id (with several value fields: the prefix of each field's metric id).
    #[arg(long)]
    pub metric: String,
    /// The field holding the date (YYYY-MM-DD or another common form).
    #[arg(long, default_value = "date")]
    pub date_field: String,
    /// How the dates are written, as strftime (%d/%m/%Y, %m/%d/%Y, %d.%m.%y ...) [default:
    /// ISO and common forms; day and month in the order the file shows].
    #[arg(long, value_name = "FORMAT")]
    pub date_format: Option<String>,
    /// A field holding values (repeat for several metrics).
    #[arg(long)]
    pub value_field: Vec<String>,
    /// Every numeric field but the date and the excluded ones is a metric.
    #[arg(long, conflicts_with = "value_field")]
    pub all_fields: bool,
    /// A field to leave out with --all-fields (repeatable).
    #[arg(long, requires = "all_fields")]
    pub exclude: Vec<String>,
    /// Who publishes the figures (the claims' attribution).
    #[arg(long)]
    pub source: Option<String>,
    /// The metrics are running totals that should never fall.
    #[arg(long)]
    pub cumulative: bool,
    /// Unit of the values (e.g. "troop", "dollar", "percentage").
    #[arg(long)]
    pub unit: Option<String>,
    /// Label of the metric in the catalog [default: the field name].
    #[arg(long)]
    pub label: Option<String>,
    /// A field holding each value's bound ("about", "more", ...).
    #[arg(long)]
    pub bound_field: Option<String>,
}

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
struct DateReader {
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
    fn for_file(shown: &str, args: &Args, records: &[Record]) -> anyhow::Result<DateReader> {
        if let Some(f) = &args.date_format {
            if !f.contains('%') {
                bail!("--date-format {f:?} has no field: write it as strftime, e.g. %d/%m/%Y");
            }
            return Ok(DateReader {
                format: Some(f.clone()),
                order: None,
            });
        }
        let dates: Vec<(&str, &str)> = records
            .iter()
            .filter_map(|r| match r.fields.get(&args.date_field) {
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

    fn parse(&self, s: &str) -> Option<NaiveDate> {
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
    fn expected(&self) -> String {
        match (&self.format, self.order) {
            (Some(f), _) => format!("--date-format {f}"),
            (None, Some(Order::DayFirst)) => "YYYY-MM-DD or DD/MM/YYYY, as the file has".into(),
            (None, Some(Order::MonthFirst)) => "YYYY-MM-DD or MM/DD/YYYY, as the file has".into(),
            (None, None) => "YYYY-MM-DD, or name the form with --date-format".into(),
        }
    }
}

/// A record and where it is in the file ("record 12" or "line 13").
struct Record {
    at: String,
    fields: Map<String, Value>,
}

fn read_records(path: &Path) -> anyhow::Result<(Vec<Record>, Option<Vec<String>>)> {
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
fn number(v: &Value) -> Option<f64> {
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

fn bound_of(text: &str) -> Option<Bound> {
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
fn import_id(metric: &str, date: NaiveDate, source: &str) -> String {
    let key = format!("import\0{metric}\0{date}\0{source}");
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()))
}

fn kind_of(unit: Option<&str>) -> (Kind, Option<String>) {
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

pub fn run(data: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let shown = args.file.display().to_string();
    if !crate::metrics::valid_id(&args.metric) {
        bail!(
            "--metric {:?}: use lower-case letters, digits, '-', '_' and '.'",
            args.metric
        );
    }
    if args.value_field.is_empty() && !args.all_fields {
        bail!("say which field holds the values: --value-field FIELD (repeatable) or --all-fields");
    }
    let (records, header) = read_records(&args.file)?;
    if records.is_empty() {
        bail!("{shown}: no records");
    }
    // The fields that exist somewhere in the file.
    let mut present: Vec<String> = match &header {
        Some(h) => h.clone(),
        None => Vec::new(),
    };
    if header.is_none() {
        for r in &records {
            for k in r.fields.keys() {
                if !present.contains(k) {
                    present.push(k.clone());
                }
            }
        }
    }
    let missing = |f: &str| !present.iter().any(|p| p == f);
    let columns = present.join(", ");
    if missing(&args.date_field) {
        bail!(
            "{shown}: no field {:?} for the dates (fields: {columns}); name it with --date-field",
            args.date_field
        );
    }
    if let Some(b) = &args.bound_field
        && missing(b)
    {
        bail!("{shown}: no field {b:?} (fields: {columns})");
    }
    for f in args.value_field.iter().chain(&args.exclude) {
        if missing(f) {
            bail!("{shown}: no field {f:?} (fields: {columns})");
        }
    }
    let fields: Vec<String> = if args.all_fields {
        let mut text_fields = Vec::new();
        let mut chosen = Vec::new();
        for f in &present {
            if f == &args.date_field
                || args.exclude.contains(f)
                || args.bound_field.as_ref() == Some(f)
            {
                continue;
            }
            let first = records
                .iter()
                .find_map(|r| r.fields.get(f).filter(|v| !v.is_null()));
            match first.map(number) {
                Some(Some(_)) => chosen.push(f.clone()),
                Some(None) => text_fields.push(f.clone()),
                None => {}
            }
        }
        if !text_fields.is_empty() {
            eprintln!(
                "figtrack: note: {shown}: fields holding text not imported: {}",
                text_fields.join(", ")
            );
        }
        if chosen.is_empty() {
            bail!("{shown}: no numeric field to import (fields: {columns})");
        }
        chosen
    } else {
        args.value_field.clone()
    };
    let single = fields.len() == 1 && !args.all_fields;
    let metric_of = |f: &str| {
        if single {
            args.metric.clone()
        } else {
            format!("{}-{}", args.metric, slug(f))
        }
    };
    let source = args.source.clone();
    let who = source.clone().unwrap_or_default();
    let doc = args
        .file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("import")
        .to_string();
    let (kind, unit_norm) = kind_of(args.unit.as_deref());
    // Claims quote the file by name: the path given on the command line depends on where it ran.
    let file_name = args
        .file
        .file_name()
        .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());

    let dates = DateReader::for_file(&shown, &args, &records)?;
    // Parse everything before touching the store.
    let mut claims: Vec<StoredClaim> = Vec::new();
    let mut skipped: BTreeMap<&str, (usize, String)> = BTreeMap::new();
    let mut seen: HashMap<(String, NaiveDate), String> = HashMap::new();
    for r in &records {
        let date = match r.fields.get(&args.date_field) {
            Some(Value::String(s)) => dates.parse(s).ok_or_else(|| {
                anyhow::anyhow!(
                    "{shown}: {}: date {s:?} does not parse (expected {})",
                    r.at,
                    dates.expected()
                )
            })?,
            None | Some(Value::Null) => {
                bail!("{shown}: {}: no {:?} (the date)", r.at, args.date_field)
            }
            Some(other) => bail!(
                "{shown}: {}: date {other} does not parse (expected {})",
                r.at,
                dates.expected()
            ),
        };
        let bound = match &args.bound_field {
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
        for f in &fields {
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
            let metric = metric_of(f);
            if let Some(prev) = seen.insert((metric.clone(), date), r.at.clone()) {
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
                    doc: doc.clone(),
                    claim_id: import_id(&metric, date, &who),
                    published: Some(date),
                    as_of: Some(date),
                    metric: Some(metric),
                    metric_match: None,
                    concept: Some(f.clone()),
                    value,
                    low: None,
                    high: None,
                    unit: args.unit.clone(),
                    unit_normalized: unit_norm.clone(),
                    kind,
                    bound,
                    direction: None,
                    role: crate::model::Role::Level,
                    previous: None,
                    previous_text: None,
                    previous_start: None,
                    previous_end: None,
                    previous_as_of: None,
                    attribution: source.clone(),
                    sentence: format!("{f}: {text} on {date} ({file_name}, {})", r.at),
                    text,
                    start: 0,
                    end: 0,
                },
                source: source.clone(),
            });
        }
    }
    if !skipped.is_empty() {
        let total: usize = skipped.values().map(|(n, _)| n).sum();
        let each: Vec<String> = skipped
            .iter()
            .map(|(f, (n, first))| format!("{n} without {f:?} (first at {first})"))
            .collect();
        eprintln!(
            "figtrack: warning: {shown}: {total} value(s) missing, skipped: {}",
            each.join(", ")
        );
    }

    let mut writer = Writer::open(data, "import")?;
    writer.store.warn_foreign();
    let store = writer.store.clone();
    // What the store already has for these metrics.
    let metrics: Vec<String> = fields.iter().map(|f| metric_of(f)).collect();
    let existing = store.collect(
        store
            .claims_where(Some(crate::series::any_of("metric", &metrics)))?
            .select([col("claim_id"), col("value"), col("bound")]),
    )?;
    let mut have: HashMap<String, (f64, String)> = HashMap::new();
    let ids = existing.column("claim_id")?.str()?;
    let values = existing.column("value")?.f64()?;
    let bounds = existing.column("bound")?.str()?;
    for i in 0..existing.height() {
        if let (Some(id), Some(v)) = (ids.get(i), values.get(i)) {
            have.insert(
                id.to_string(),
                (v, bounds.get(i).unwrap_or("=").to_string()),
            );
        }
    }
    let total = claims.len();
    let mut revised = 0;
    claims.retain(|c| match have.get(&c.claim.claim_id) {
        None => true,
        Some((v, b)) if *v == c.claim.value && b == c.claim.bound.symbol() => false,
        Some(_) => {
            revised += 1;
            true
        }
    });
    let unchanged = total - claims.len();

    // Catalog entries for new metrics.
    let catalog_path = crate::metrics::catalog_path(data);
    let mut catalog_text = match std::fs::read_to_string(&catalog_path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(e).with_context(|| format!("{}: cannot read", catalog_path.display()));
        }
    };
    let mut added = Vec::new();
    for (f, m) in fields.iter().zip(&metrics) {
        match store.catalog.get(m) {
            Some(def) => {
                if args.cumulative && !def.cumulative {
                    eprintln!(
                        "figtrack: warning: metric {m:?} is in {} with cumulative = false; edit it there to flag its falls",
                        catalog_path.display()
                    );
                }
            }
            None => {
                let def = MetricDef {
                    id: m.clone(),
                    label: Some(
                        args.label
                            .clone()
                            .filter(|_| single)
                            .unwrap_or_else(|| f.clone()),
                    ),
                    unit: args.unit.clone(),
                    kind: None,
                    cumulative: args.cumulative,
                    phrases: Vec::new(),
                    exclude: Vec::new(),
                };
                catalog_text = Catalog::append_text(&catalog_text, &def)?;
                added.push(m.clone());
            }
        }
    }
    if !claims.is_empty() {
        let hash = store::content_hash(&std::fs::read(&args.file)?);
        let stored = store.collect(store.documents()?.select([col("id"), col("content_hash")]))?;
        let owners: HashMap<&str, &str> = stored
            .column("id")?
            .str()?
            .iter()
            .zip(stored.column("content_hash")?.str()?.iter())
            .filter_map(|(i, h)| Some((i?, h?)))
            .collect();
        let known = store.collect(
            store
                .documents()?
                .filter(col("content_hash").eq(lit(hash.as_str())))
                .select([col("id")]),
        )?;
        let doc = store::unique_doc_id(&doc, &hash, |c| owners.get(c).is_some_and(|h| *h != hash));
        for c in &mut claims {
            c.claim.doc.clone_from(&doc);
        }
        if revised > 0 {
            writer.set_revises();
        }
        writer.write_claims(&mut store::claims_frame(&claims)?)?;
        if known.height() == 0 {
            writer.write_documents(&mut store::documents_frame(&[DocRecord {
                id: doc.clone(),
                content_hash: hash,
                published: None,
                source: source.clone(),
                url: None,
                title: args
                    .file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned()),
                claims: claims.len() as u32,
            }])?)?;
        }
    }
    // The catalog entries follow the data commit (under the same lock): a run killed between
    // the two leaves data without an entry, which the next import of the file adds, never an
    // entry without data.
    if !added.is_empty() {
        Catalog::parse(&catalog_text).with_context(|| {
            format!(
                "{}: the updated catalog does not parse",
                catalog_path.display()
            )
        })?;
    }
    writer.commit_then(|| {
        if added.is_empty() {
            return Ok(());
        }
        crate::files::write_with(&catalog_path, |f| {
            use std::io::Write;
            f.write_all(catalog_text.as_bytes())?;
            Ok(())
        })
    })?;
    eprintln!(
        "figtrack: imported {} value(s) of {} metric(s) from {shown}: {} new, {revised} revised, {unchanged} unchanged{}",
        claims.len(),
        metrics.len(),
        claims.len() - revised,
        if added.is_empty() {
            String::new()
        } else {
            format!("; added {} to {}", added.join(", "), catalog_path.display())
        }
    );
    Ok(ExitCode::SUCCESS)
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
}
