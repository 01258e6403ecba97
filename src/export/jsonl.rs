//! JSON lines: one object per line, for programs and streams.

use super::RowWriter;
use std::io::Write;

pub struct Jsonl<'a> {
    out: Box<dyn Write + 'a>,
}

impl<'a> Jsonl<'a> {
    pub fn new(out: Box<dyn Write + 'a>) -> Self {
        Jsonl { out }
    }
}

impl RowWriter for Jsonl<'_> {
    fn row(&mut self, row: &serde_json::Value) -> anyhow::Result<()> {
        serde_json::to_writer(&mut self.out, row)?;
        self.out.write_all(b"\n")?;
        Ok(())
    }

    fn json_row(&mut self, json: &[u8]) -> anyhow::Result<()> {
        self.out.write_all(json)?;
        self.out.write_all(b"\n")?;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> anyhow::Result<()> {
        self.out.flush()?;
        Ok(())
    }
}
