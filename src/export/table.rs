//! An aligned text table for people: the chosen columns, long cells cut with an ellipsis.

use super::{RowWriter, cell_text};
use std::io::Write;

const MAX_CELL: usize = 48;

pub struct Table<'a> {
    out: Box<dyn Write + 'a>,
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl<'a> Table<'a> {
    pub fn new(out: Box<dyn Write + 'a>, columns: &'a [&'a str]) -> Self {
        Table {
            out,
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
        }
    }
}

fn cut(s: &str) -> String {
    let s = s.replace(['\n', '\t'], " ");
    if s.chars().count() <= MAX_CELL {
        return s;
    }
    let mut t: String = s.chars().take(MAX_CELL - 1).collect();
    t.push('\u{2026}');
    t
}

impl RowWriter for Table<'_> {
    fn row(&mut self, row: &serde_json::Value) -> anyhow::Result<()> {
        let Some(obj) = row.as_object() else {
            anyhow::bail!("a table row must be an object");
        };
        if self.columns.is_empty() {
            self.columns = obj.keys().cloned().collect();
        }
        let cells = self
            .columns
            .iter()
            .map(|c| cut(&cell_text(obj.get(c).unwrap_or(&serde_json::Value::Null))));
        self.rows.push(cells.collect());
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> anyhow::Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let mut widths: Vec<usize> = self.columns.iter().map(|c| c.chars().count()).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        for row in std::iter::once(&self.columns).chain(self.rows.iter()) {
            let line: Vec<String> = row
                .iter()
                .zip(&widths)
                .map(|(cell, w)| format!("{cell:<w$}"))
                .collect();
            writeln!(self.out, "{}", line.join("  ").trim_end())?;
        }
        self.out.flush()?;
        Ok(())
    }
}
