//! `figtrack extract PATH... [--format table|json|jsonl|csv] [--threads N] [--input text|jsonl]
//!                   [--published DATE] [--source S] [--title T]`
//!
//! Reads articles (.txt/.md with front matter, .html, .jsonl records, folders, `-` for stdin;
//! `--published/--source/--title` say what text on stdin does not) and prints every claim found. Unreadable inputs are reported on stderr and skipped; the run
//! then exits with status 2, like grep.

use crate::export::claim_json::ClaimRows;
use crate::export::{self, Format, RowWriter};
use crate::input::{self, InputFormat, Problem};
use crate::model::Document;
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, folders (read recursively) or `-` for standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format [default: table on a terminal, else jsonl].
    #[arg(long, short)]
    pub format: Option<Format>,
    /// Worker threads, 1 to 1024 [default: all cores].
    #[arg(long, short = 'j', value_parser = super::threads)]
    pub threads: Option<usize>,
    /// How to read standard input.
    #[arg(long, value_enum, default_value_t = InputFormat::Text)]
    pub input: InputFormat,
    #[command(flatten)]
    pub stdin: super::StdinMeta,
}

/// Columns of the human table.
pub const TABLE_COLUMNS: &[&str] = &[
    "doc",
    "as_of",
    "bound",
    "value",
    "unit",
    "direction",
    "concept",
    "attribution",
    "text",
];

/// Documents are extracted in batches of about this many bytes, in parallel, output in order.
const BATCH_BYTES: usize = 1 << 20;

struct Extractor<'a> {
    batch: Vec<Document>,
    batch_bytes: usize,
    /// One buffer of JSON rows per task of a batch, kept from batch to batch: the memory is
    /// touched once, and freed by no other thread than the one that filled it last.
    rows: Vec<ClaimRows>,
    out: Box<dyn RowWriter + 'a>,
    pool: rayon::ThreadPool,
    skipped: usize,
}

impl Extractor<'_> {
    fn flush(&mut self) -> anyhow::Result<()> {
        // Extraction and serialization run in parallel; rows are written in input order.
        // Up to sixteen documents per task, extracted into one buffer: short news items share
        // its allocation and growth. A batch of long articles still makes about sixteen tasks
        // per thread.
        let per_task = self
            .batch
            .len()
            .div_ceil(16 * self.pool.current_num_threads())
            .clamp(1, 16);
        let tasks = self.batch.len().div_ceil(per_task);
        if self.rows.len() < tasks {
            self.rows.resize_with(tasks, || ClaimRows::with_capacity(0));
        }
        let rows = &mut self.rows[..tasks];
        self.pool.install(|| {
            self.batch
                .par_chunks(per_task)
                .zip(rows.par_iter_mut())
                .for_each(|(docs, rows)| {
                    // The JSON of a claim with its sentence is about five times the text (4.8
                    // on news): a buffer that is too small is copied as it grows.
                    let text: usize = docs.iter().map(|d| d.text.len()).sum();
                    rows.clear(text * 5);
                    for d in docs {
                        crate::extract::extract_with(d, |c| rows.push(c));
                    }
                })
        });
        for row in rows.iter().flat_map(ClaimRows::rows) {
            self.out.json_row(row)?;
        }
        // The batch keeps its capacity for the next one.
        self.batch.clear();
        self.batch_bytes = 0;
        Ok(())
    }
}

impl input::Sink for Extractor<'_> {
    fn document(&mut self, doc: Document) -> anyhow::Result<()> {
        self.batch_bytes += doc.text.len();
        self.batch.push(doc);
        if self.batch_bytes >= BATCH_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    fn problem(&mut self, problem: Problem) {
        let level = if problem.skipped { "error" } else { "warning" };
        eprintln!("figtrack: {level}: {problem}");
        self.skipped += usize::from(problem.skipped);
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let format = args.format.unwrap_or_else(Format::default_for_stdout);
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = args.threads {
        builder = builder.num_threads(n);
    }
    let stdout = std::io::stdout();
    let out: Box<dyn Write> = Box::new(std::io::BufWriter::with_capacity(1 << 16, stdout.lock()));
    let mut ex = Extractor {
        batch: Vec::new(),
        batch_bytes: 0,
        rows: Vec::new(),
        out: export::writer(format, out, TABLE_COLUMNS),
        pool: builder.build()?,
        skipped: 0,
    };
    super::read_inputs(&args.paths, args.input, &args.stdin, &mut ex)?;
    ex.flush()?;
    let skipped = ex.skipped;
    ex.out.finish()?;
    if skipped > 0 {
        eprintln!("figtrack: {skipped} input(s) skipped");
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}
