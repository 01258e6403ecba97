//! Reading documents: .txt/.md with optional front matter, .html, .jsonl records, folders and
//! stdin. Problems are reported with the file (and line) and the run goes on.

mod html;
mod record;

use crate::model::Document;
use chrono::NaiveDate;
use record::Record;
use std::borrow::Cow;
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// How to read standard input (files are read by their extension).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum InputFormat {
    #[default]
    Text,
    Jsonl,
}

/// Something wrong with one input: where, and what.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
    /// The input (or record) was skipped; otherwise it was read with a caveat.
    pub skipped: bool,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path, line, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// Where documents go as they are read, and where problems are reported.
pub trait Sink {
    fn document(&mut self, doc: Document) -> anyhow::Result<()>;
    fn problem(&mut self, problem: Problem);
}

/// The largest document read, in bytes of text. A document's claims are held together, each
/// quoting its sentence (up to 1,000 bytes), so a run-on line of figures needs about 200 times
/// its size in memory; this limit keeps that under a gigabyte. Larger documents are skipped.
pub const MAX_DOCUMENT_BYTES: usize = 4 << 20;

/// The problem of a document over [`MAX_DOCUMENT_BYTES`].
fn too_long(path: &str, line: Option<usize>, len: usize) -> Problem {
    skip(
        path,
        line,
        format!(
            "document of {:.1} MB is over the limit of {} MB per document; split it; skipped",
            len as f64 / (1 << 20) as f64,
            MAX_DOCUMENT_BYTES >> 20
        ),
    )
}

const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text"];
const HTML_EXTENSIONS: &[&str] = &["html", "htm"];
const JSONL_EXTENSIONS: &[&str] = &["jsonl", "ndjson"];

/// Reads every path (files, folders recursively, "-" for stdin) into `sink`.
pub fn read_paths(
    paths: &[PathBuf],
    stdin_format: InputFormat,
    sink: &mut dyn Sink,
) -> anyhow::Result<()> {
    for path in paths {
        if path.as_os_str() == "-" {
            let stdin = std::io::stdin();
            match stdin_format {
                InputFormat::Jsonl => read_jsonl(stdin.lock(), "<stdin>", sink)?,
                InputFormat::Text => {
                    let mut bytes = Vec::new();
                    if let Err(e) = stdin.lock().read_to_end(&mut bytes) {
                        sink.problem(skip("<stdin>", None, format!("cannot read: {e}")));
                        continue;
                    }
                    read_text_bytes(&bytes, "<stdin>", "stdin", false, sink)?;
                }
            }
            continue;
        }
        read_path(path, true, sink)?;
    }
    Ok(())
}

fn skip(path: &str, line: Option<usize>, message: String) -> Problem {
    Problem {
        path: path.to_string(),
        line,
        message,
        skipped: true,
    }
}

fn warn(path: &str, line: Option<usize>, message: String) -> Problem {
    Problem {
        path: path.to_string(),
        line,
        message,
        skipped: false,
    }
}

fn read_path(path: &Path, explicit: bool, sink: &mut dyn Sink) -> anyhow::Result<()> {
    let shown = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            sink.problem(skip(&shown, None, describe_io(&e)));
            return Ok(());
        }
    };
    if meta.is_dir() {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                sink.problem(skip(&shown, None, describe_io(&e)));
                return Ok(());
            }
        };
        entries.sort();
        for entry in entries {
            let name = entry.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with('.') {
                continue;
            }
            read_path(&entry, false, sink)?;
        }
        return Ok(());
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let known = TEXT_EXTENSIONS.contains(&ext.as_str())
        || HTML_EXTENSIONS.contains(&ext.as_str())
        || JSONL_EXTENSIONS.contains(&ext.as_str());
    if !known && !explicit {
        // Inside a folder, only the formats figtrack reads; a named file is read as text.
        return Ok(());
    }
    if JSONL_EXTENSIONS.contains(&ext.as_str()) {
        return match std::fs::File::open(path) {
            Ok(f) => read_jsonl(BufReader::with_capacity(1 << 20, f), &shown, sink),
            Err(e) => {
                sink.problem(skip(&shown, None, describe_io(&e)));
                Ok(())
            }
        };
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            sink.problem(skip(&shown, None, describe_io(&e)));
            return Ok(());
        }
    };
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("document")
        .to_string();
    read_text_bytes(
        &bytes,
        &shown,
        &stem,
        HTML_EXTENSIONS.contains(&ext.as_str()),
        sink,
    )
}

fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Looks like binary data: NUL bytes or many control bytes in the first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x09 || (0x0E..0x20).contains(&b))
        .count();
    let nul = head.iter().filter(|&&b| b == 0).count();
    control * 10 > head.len() || (nul > 0 && std::str::from_utf8(head).is_err())
}

/// Decodes bytes as UTF-8, replacing what is not (with a warning naming the first bad byte).
fn decode(bytes: &[u8], path: &str, line: Option<usize>, sink: &mut dyn Sink) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(e) => {
            sink.problem(warn(
                path,
                line,
                format!(
                    "invalid UTF-8 at byte {}; undecodable bytes replaced with U+FFFD",
                    e.valid_up_to()
                ),
            ));
            String::from_utf8_lossy(bytes).into_owned()
        }
    }
}

fn read_text_bytes(
    bytes: &[u8],
    path: &str,
    id: &str,
    html: bool,
    sink: &mut dyn Sink,
) -> anyhow::Result<()> {
    if bytes.is_empty() {
        sink.problem(warn(path, None, "empty file, no text to read".to_string()));
        return Ok(());
    }
    if bytes.len() > MAX_DOCUMENT_BYTES {
        sink.problem(too_long(path, None, bytes.len()));
        return Ok(());
    }
    if looks_binary(bytes) {
        sink.problem(skip(
            path,
            None,
            "binary data, not text; skipped".to_string(),
        ));
        return Ok(());
    }
    let mut text = decode(bytes, path, None, sink);
    if text.contains('\0') {
        sink.problem(warn(path, None, "NUL bytes read as spaces".to_string()));
        text = text.replace('\0', " ");
    }
    let doc = if html {
        html::document(&text, id)
    } else {
        front_matter_document(&text, id, path, sink)
    };
    sink.document(doc)
}

/// Parses a date as written in front matter, JSONL or HTML: "2024-10-29", "2024-10-29T10:00:00Z",
/// "2024/10/29", "29 October 2024", "October 29, 2024".
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let s = raw.trim().trim_matches(['"', '\'']);
    if let Some(d) = s
        .get(..10)
        .and_then(|head| NaiveDate::parse_from_str(head, "%Y-%m-%d").ok())
    {
        return Some(d);
    }
    for fmt in [
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%d %B %Y",
        "%B %d, %Y",
        "%B %d %Y",
        "%d %b %Y",
        "%b %d, %Y",
        "%b. %d, %Y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Some(d);
        }
    }
    None
}

/// A text document with optional front matter between `---` lines at the top.
fn front_matter_document(text: &str, id: &str, path: &str, sink: &mut dyn Sink) -> Document {
    let mut doc = Document::new(id, "");
    let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let Some(rest) = body
        .strip_prefix("---\n")
        .or_else(|| body.strip_prefix("---\r\n"))
    else {
        doc.text = body.to_string();
        return doc;
    };
    let mut offset = body.len() - rest.len();
    let mut line_no = 1;
    for line in rest.split_inclusive('\n') {
        line_no += 1;
        offset += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        if line.trim() == "---" {
            doc.text = body[offset..].to_string();
            return doc;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']).to_string();
        match key.trim().to_ascii_lowercase().as_str() {
            "published" | "date" => match parse_date(&value) {
                Some(d) => doc.published = Some(d),
                None => sink.problem(warn(path, Some(line_no), format!("front matter date {value:?} does not parse (expected YYYY-MM-DD); published left empty"))),
            },
            "source" => doc.source = Some(value),
            "title" => doc.title = Some(value),
            "url" => doc.url = Some(value),
            "id" => doc.id = value,
            _ => {}
        }
    }
    // No closing line: it was not front matter after all.
    Document::new(id, body)
}

/// Appends the next line of `reader` (with its '\n', if any) to `buf`, as
/// `BufRead::read_until(b'\n', buf)` does, finding line ends with memchr's vectorized search.
fn read_line(reader: &mut impl BufRead, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    let mut read = 0;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let (done, used) = match memchr::memchr(b'\n', available) {
            Some(i) => {
                buf.extend_from_slice(&available[..=i]);
                (true, i + 1)
            }
            None => {
                buf.extend_from_slice(available);
                (available.is_empty(), available.len())
            }
        };
        reader.consume(used);
        read += used;
        if done {
            return Ok(read);
        }
    }
}

/// Reads JSONL records line by line; a bad line is reported and skipped.
pub fn read_jsonl(mut reader: impl BufRead, path: &str, sink: &mut dyn Sink) -> anyhow::Result<()> {
    let mut buf = Vec::with_capacity(1 << 16);
    let mut line_no = 0;
    loop {
        buf.clear();
        match read_line(&mut reader, &mut buf) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                sink.problem(skip(path, Some(line_no + 1), format!("cannot read: {e}")));
                break;
            }
        }
        line_no += 1;
        let line = trim_ascii(&buf);
        if line.is_empty() {
            continue;
        }
        // Checked as a whole first: the parser then skips checking each string, and a record
        // that is not UTF-8 is reported as such whatever else is wrong with it.
        let parsed = std::str::from_utf8(line)
            .map_err(|_| "invalid UTF-8".to_string())
            .and_then(Record::parse);
        let record = match parsed {
            Ok(r) => r,
            Err(what) => {
                sink.problem(skip(
                    path,
                    Some(line_no),
                    format!("not a JSON record ({what}); skipped"),
                ));
                continue;
            }
        };
        let Some(text) = record.text else {
            sink.problem(skip(
                path,
                Some(line_no),
                "record has no \"text\" string; skipped".to_string(),
            ));
            continue;
        };
        if text.len() > MAX_DOCUMENT_BYTES {
            sink.problem(too_long(path, Some(line_no), text.len()));
            continue;
        }
        let id = match record.id {
            Some(serde_json::Value::String(s)) => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => line_no.to_string(),
        };
        let published = match record.published.as_deref() {
            None | Some("") => None,
            Some(raw) => {
                let d = parse_date(raw);
                if d.is_none() {
                    sink.problem(warn(
                        path,
                        Some(line_no),
                        format!(
                            "published {raw:?} does not parse (expected YYYY-MM-DD); left empty"
                        ),
                    ));
                }
                d
            }
        };
        sink.document(Document {
            id,
            text: if memchr::memchr(0, text.as_bytes()).is_some() {
                text.replace('\0', " ")
            } else {
                text.into_owned()
            },
            published,
            source: record.source.map(Cow::into_owned),
            url: record.url.map(Cow::into_owned),
            title: record.title.map(Cow::into_owned),
        })?;
    }
    Ok(())
}

fn trim_ascii(b: &[u8]) -> &[u8] {
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(start, |p| p + 1);
    &b[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Collect {
        docs: Vec<Document>,
        problems: Vec<Problem>,
    }

    impl Sink for Collect {
        fn document(&mut self, doc: Document) -> anyhow::Result<()> {
            self.docs.push(doc);
            Ok(())
        }
        fn problem(&mut self, problem: Problem) {
            self.problems.push(problem);
        }
    }

    #[test]
    fn front_matter_is_read_and_removed() {
        let mut c = Collect::default();
        let text = "---\ntitle: T\npublished: 2024-10-29\nsource: S\n---\nBody 10 troops.";
        let doc = front_matter_document(text, "x", "x.md", &mut c);
        assert_eq!(doc.text, "Body 10 troops.");
        assert_eq!(doc.published, parse_date("2024-10-29"));
        assert_eq!(doc.source.as_deref(), Some("S"));
        assert!(c.problems.is_empty());
    }

    #[test]
    fn a_bad_front_matter_date_is_reported_with_its_line() {
        let mut c = Collect::default();
        let doc = front_matter_document("---\npublished: soon\n---\nText", "x", "x.md", &mut c);
        assert_eq!(doc.published, None);
        assert_eq!(c.problems[0].line, Some(2));
        assert!(
            c.problems[0]
                .to_string()
                .starts_with("x.md:2: front matter date \"soon\"")
        );
    }

    #[test]
    fn jsonl_bad_lines_are_skipped_and_named() {
        let mut c = Collect::default();
        let data =
            b"{\"id\": \"a\", \"text\": \"one\"}\n{not json}\n\n{\"text\": \"two\"}\n{\"id\": 1}\n";
        read_jsonl(&data[..], "in.jsonl", &mut c).unwrap();
        let ids: Vec<&str> = c.docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a", "4"]);
        let lines: Vec<Option<usize>> = c.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(2), Some(5)]);
        assert!(c.problems.iter().all(|p| p.skipped));
    }

    #[test]
    fn dates_in_common_forms() {
        for raw in [
            "2024-10-29",
            "2024-10-29T08:00:00Z",
            "2024/10/29",
            "29 October 2024",
            "October 29, 2024",
        ] {
            assert_eq!(
                parse_date(raw),
                NaiveDate::from_ymd_opt(2024, 10, 29),
                "{raw}"
            );
        }
        assert_eq!(parse_date("next tuesday"), None);
    }
}
