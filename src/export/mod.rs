//! Output formats for rows of records (claims, series, diffs): one file per format behind one
//! trait, so a new format is one new file.

pub mod claim_json;
mod csv;
mod json;
mod jsonl;
#[cfg(feature = "tracker")]
pub mod parquet;
mod table;

use serde::Serialize;
use std::io::Write;

/// The formats rows can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An aligned table for people.
    Table,
    /// One JSON array.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// RFC 4180 CSV with a header row.
    Csv,
}

impl Format {
    /// The format to use when none is given: a table on a terminal, JSON lines otherwise.
    pub fn default_for_stdout() -> Format {
        use std::io::IsTerminal;
        if std::io::stdout().is_terminal() {
            Format::Table
        } else {
            Format::Jsonl
        }
    }
}

/// Writes rows one at a time; `finish` closes the output (the table is laid out there).
pub trait RowWriter {
    fn row(&mut self, row: &serde_json::Value) -> anyhow::Result<()>;

    /// Writes a row already serialized as one JSON object (serialized in parallel by the
    /// caller). JSON formats print it as it is; the others read it back into a value.
    fn json_row(&mut self, json: &[u8]) -> anyhow::Result<()> {
        self.row(&serde_json::from_slice(json)?)
    }

    fn finish(self: Box<Self>) -> anyhow::Result<()>;
}

/// A writer of `format` over `out`. `columns` limits a table to the columns people read first.
pub fn writer<'a>(
    format: Format,
    out: Box<dyn Write + 'a>,
    table_columns: &'a [&'a str],
) -> Box<dyn RowWriter + 'a> {
    match format {
        Format::Table => Box::new(table::Table::new(out, table_columns)),
        Format::Json => Box::new(json::Json::new(out)),
        Format::Jsonl => Box::new(jsonl::Jsonl::new(out)),
        Format::Csv => Box::new(csv::Csv::new(out)),
    }
}

/// Serializes a record into the row value every writer takes (fields in declaration order).
pub fn to_row(record: &impl Serialize) -> anyhow::Result<serde_json::Value> {
    let mut row = serde_json::to_value(record)?;
    if let Some(obj) = row.as_object_mut() {
        for v in obj.values_mut() {
            if let Some(f) = v.as_f64().filter(|f| f.fract() != 0.0) {
                *v = json_number(f);
            }
        }
    }
    Ok(row)
}

/// A number as JSON, without the noise of binary arithmetic ([`crate::number::without_noise`]);
/// NaN and the infinities, which JSON cannot hold, are null.
pub fn json_number(f: f64) -> serde_json::Value {
    serde_json::Number::from_f64(crate::number::without_noise(f))
        .map_or(serde_json::Value::Null, serde_json::Value::Number)
}

/// Writes all `rows` in `format`.
pub fn write_all<T: Serialize>(
    format: Format,
    out: Box<dyn Write + '_>,
    table_columns: &[&str],
    rows: &[T],
) -> anyhow::Result<()> {
    let mut w = writer(format, out, table_columns);
    for r in rows {
        w.row(&to_row(r)?)?;
    }
    w.finish()
}

/// A cell as text: strings as they are, numbers without a trailing ".0", null as "".
pub fn cell_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n
            .as_f64()
            .and_then(crate::number::whole)
            .unwrap_or_else(|| n.to_string()),
        other => other.to_string(),
    }
}
