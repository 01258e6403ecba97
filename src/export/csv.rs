//! CSV per RFC 4180: UTF-8, a header row, ISO dates, quoted where needed. Text cells starting
//! with = + - @ or a tab get a leading apostrophe so spreadsheets do not run them as formulas
//! (a cell of that one character alone, such as the bound `=`, cannot be one and stays as it is);
//! numbers stay numbers.

use super::{RowWriter, cell_text};
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
/// A lone character is no formula: the bound `=` stays `=`.
pub fn neutralize(text: &str) -> String {
    if text.len() > 1 && text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
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
        let cells = obj.values().map(|v| match v {
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
    fn a_lone_sign_is_no_formula() {
        assert_eq!(neutralize("="), "=");
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
