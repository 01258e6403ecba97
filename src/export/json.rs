//! JSON: one array of objects, written as the rows come.

use super::RowWriter;
use std::io::Write;

pub struct Json<'a> {
    out: Box<dyn Write + 'a>,
    rows: usize,
}

impl<'a> Json<'a> {
    pub fn new(out: Box<dyn Write + 'a>) -> Self {
        Json { out, rows: 0 }
    }
}

impl RowWriter for Json<'_> {
    fn row(&mut self, row: &serde_json::Value) -> anyhow::Result<()> {
        self.out
            .write_all(if self.rows == 0 { b"[\n" } else { b",\n" })?;
        serde_json::to_writer(&mut self.out, row)?;
        self.rows += 1;
        Ok(())
    }

    fn json_row(&mut self, json: &[u8]) -> anyhow::Result<()> {
        self.out
            .write_all(if self.rows == 0 { b"[\n" } else { b",\n" })?;
        self.out.write_all(json)?;
        self.rows += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> anyhow::Result<()> {
        self.out
            .write_all(if self.rows == 0 { b"[]\n" } else { b"\n]\n" })?;
        self.out.flush()?;
        Ok(())
    }
}
