//! An aligned text table for people: the chosen columns, long cells cut with an ellipsis.
//!
//! Cells hold text from documents (a `source:` line, a title), and a table goes to a terminal:
//! line breaks and tabs become spaces, and every other control character, and the bidi
//! controls that reorder what follows them, is shown as U+FFFD, so that no escape sequence
//! in a document reaches the terminal.

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

/// Shown as U+FFFD: the controls (a whitespace one as a space) and the bidi embeddings,
/// overrides and isolates.
fn printable(c: char) -> char {
    match c {
        '\t' | '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' => ' ',
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => '\u{FFFD}',
        c if c.is_control() => '\u{FFFD}',
        c => c,
    }
}

fn cut(s: &str) -> String {
    let s: String = s.chars().map(printable).collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_control_character_reaches_the_table() {
        let cases = [
            (
                "\u{1b}]0;title\u{7}\u{1b}[31mRED",
                "\u{FFFD}]0;title\u{FFFD}\u{FFFD}[31mRED",
            ),
            ("Ministry\u{9b}2J of Health", "Ministry\u{FFFD}2J of Health"),
            ("two\nlines\tand\r\ntab", "two lines and  tab"),
            ("abc\u{202e}fed\u{2066}x", "abc\u{FFFD}fed\u{FFFD}x"),
            (
                "Kyiv Ledger, 10\u{a0}000 – “ok”",
                "Kyiv Ledger, 10\u{a0}000 – “ok”",
            ),
            ("\u{7f}\u{0}", "\u{FFFD}\u{FFFD}"),
        ];
        for (cell, shown) in cases {
            assert_eq!(cut(cell), shown, "{cell:?}");
        }
    }

    #[test]
    fn a_table_prints_sources_without_escapes() {
        let mut bytes = Vec::new();
        let mut table = Box::new(Table::new(Box::new(&mut bytes), &["source", "value"]));
        let row = serde_json::json!({"source": "\u{1b}[2J\u{1b}]0;PWNED\u{7}Agency", "value": 3});
        table.row(&row).unwrap();
        table.finish().unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(text.contains("Agency"), "{text}");
    }
}
