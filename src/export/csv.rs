//! CSV per RFC 4180: UTF-8, a header row, ISO dates, quoted where needed. Text cells starting
//! with = + - @ or a tab get a leading apostrophe so spreadsheets do not run them as formulas;
//! numbers stay numbers. The `bound` column is spelled in words ("exact", "about", "more than",
//! "less than", "at least", "up to"), so no spreadsheet takes its `=` for a formula.

use super::{RowWriter, cell_text};
use crate::model::Bound;
use std::io::Write;

pub struct Csv<'a> {
    out: csv::Writer<Box<dyn Write + 'a>>,
    header: bool,
}

impl<'a> Csv<'a> {
    pub fn new(out: Box<dyn Write + 'a>) -> Self {
        Csv {
            out: csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(out),
            header: false,
        }
    }
}

/// A text cell made safe to open in a spreadsheet.
pub fn neutralize(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

impl RowWriter for Csv<'_> {
    fn row(&mut self, row: &serde_json::Value) -> anyhow::Result<()> {
        let Some(obj) = row.as_object() else {
            anyhow::bail!("a CSV row must be an object");
        };
        if !self.header {
            self.out.write_record(obj.keys())?;
            self.header = true;
        }
        let cells = obj.iter().map(|(k, v)| match v {
            serde_json::Value::String(s) if k == "bound" => {
                Bound::from_symbol(s).map_or_else(|| neutralize(s), |b| b.word().to_string())
            }
            serde_json::Value::String(s) => neutralize(s),
            other => cell_text(other),
        });
        self.out.write_record(cells)?;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> anyhow::Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_words_and_signs_are_neutralized() {
        assert_eq!(neutralize("="), "'=");
        let mut buf = Vec::new();
        {
            let mut w = Box::new(Csv::new(Box::new(&mut buf)));
            for b in ["=", "~", ">", "<", ">=", "<=", "mixed"] {
                w.row(&serde_json::json!({"bound": b, "note": "="}))
                    .unwrap();
            }
            w.finish().unwrap();
        }
        let text = String::from_utf8(buf).unwrap();
        assert_eq!(
            text,
            "bound,note\r\nexact,'=\r\nabout,'=\r\nmore than,'=\r\nless than,'=\r\n\
             at least,'=\r\nup to,'=\r\nmixed,'=\r\n"
        );
        assert_eq!(neutralize("=1+1"), "'=1+1");
        assert_eq!(neutralize("-5 yards"), "'-5 yards");
    }

    #[test]
    fn formulas_are_neutralized_and_numbers_kept() {
        let mut buf = Vec::new();
        {
            let mut w = Box::new(Csv::new(Box::new(&mut buf)));
            w.row(&serde_json::json!({"concept": "=HYPERLINK(\"x\")", "value": -2.5, "n": 3.0, "note": null}))
                .unwrap();
            w.finish().unwrap();
        }
        let text = String::from_utf8(buf).unwrap();
        assert_eq!(
            text,
            "concept,value,n,note\r\n\"'=HYPERLINK(\"\"x\"\")\",-2.5,3,\r\n"
        );
    }
}
