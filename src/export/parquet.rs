//! Polars frames out: as Parquet, and as rows for the other writers (table, JSON, JSONL, CSV).
//!
//! Dates become ISO `YYYY-MM-DD` text, numbers stay numbers (NaN and infinities become empty),
//! and list cells (a series' sources) are JSON arrays, or one text joined with "; " for the
//! table and CSV.

use super::{Format, RowWriter};
use polars::prelude::*;
use std::io::Write;

/// Rows are converted this many at a time, so a large frame never doubles in memory.
const SLICE: usize = 1 << 16;

/// Writes `df` as one Parquet file (zstd) to `out`.
pub fn write_parquet(out: impl Write, df: &mut DataFrame) -> anyhow::Result<()> {
    ParquetWriter::new(out)
        .with_compression(ParquetCompression::Zstd(None))
        .finish(df)
        .map_err(|e| anyhow::anyhow!("cannot write Parquet: {e}"))?;
    Ok(())
}

/// A cell as a JSON value.
pub fn cell(v: AnyValue<'_>, lists_as_text: bool) -> serde_json::Value {
    use serde_json::Value;
    match v {
        AnyValue::Null => Value::Null,
        AnyValue::Boolean(b) => Value::Bool(b),
        AnyValue::String(s) => Value::String(s.to_string()),
        AnyValue::StringOwned(s) => Value::String(s.to_string()),
        AnyValue::UInt8(n) => n.into(),
        AnyValue::UInt16(n) => n.into(),
        AnyValue::UInt32(n) => n.into(),
        AnyValue::UInt64(n) => n.into(),
        AnyValue::Int8(n) => n.into(),
        AnyValue::Int16(n) => n.into(),
        AnyValue::Int32(n) => n.into(),
        AnyValue::Int64(n) => n.into(),
        AnyValue::Float32(f) => super::json_number(f as f64),
        AnyValue::Float64(f) => super::json_number(f),
        AnyValue::Date(d) => Value::String(crate::store::days_to_date(d).to_string()),
        AnyValue::List(s) => {
            let items: Vec<Value> = s.iter().map(|v| cell(v, false)).collect();
            if lists_as_text {
                Value::String(
                    items
                        .iter()
                        .map(|v| match v {
                            Value::String(s) => s.clone(),
                            other => super::cell_text(other),
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            } else {
                Value::Array(items)
            }
        }
        other => Value::String(other.to_string()),
    }
}

/// Shows the fractional numbers of a row rounded, for a table.
pub fn round_numbers(row: &mut serde_json::Value) {
    if let Some(obj) = row.as_object_mut() {
        for v in obj.values_mut() {
            if let Some(f) = v.as_f64().filter(|f| f.fract() != 0.0) {
                *v = serde_json::Value::String(crate::number::plain(f));
            }
        }
    }
}

/// Writes every row of `df` in `format`; `table_columns` picks the table's columns.
pub fn write_frame(
    format: Format,
    out: Box<dyn Write + '_>,
    table_columns: &[&str],
    df: &DataFrame,
) -> anyhow::Result<()> {
    let lists_as_text = matches!(format, Format::Table | Format::Csv);
    let round = format == Format::Table;
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .collect();
    let mut w: Box<dyn RowWriter + '_> = super::writer(format, out, table_columns);
    let mut offset = 0;
    while offset < df.height() {
        let part = df.slice(offset as i64, SLICE);
        let columns: Vec<Series> = part
            .columns()
            .iter()
            .map(|c| c.as_materialized_series().clone())
            .collect();
        let mut iters: Vec<_> = columns.iter().map(|s| s.iter()).collect();
        for _ in 0..part.height() {
            let mut row = serde_json::Map::with_capacity(names.len());
            for (name, it) in names.iter().zip(iters.iter_mut()) {
                let v = match it.next().unwrap_or(AnyValue::Null) {
                    AnyValue::Float64(f) if round && f.is_finite() => {
                        serde_json::Value::String(crate::number::plain(f))
                    }
                    v => cell(v, lists_as_text),
                };
                row.insert(name.clone(), v);
            }
            w.row(&serde_json::Value::Object(row))?;
        }
        offset += SLICE;
    }
    w.finish()
}
