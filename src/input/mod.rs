//! Reading documents: .txt/.md with optional front matter, .html, .jsonl records, folders and
//! stdin. Problems are reported with the file (and line) and the run goes on.

mod html;
mod record;

use crate::model::Document;
use chrono::NaiveDate;
use record::Record;
use std::borrow::Cow;
use std::collections::HashSet;
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
    /// Something passed over that is not a problem with an input (a named pipe in a folder).
    fn note(&mut self, path: &str, message: &str) {
        eprintln!("figtrack: note: {path}: {message}");
    }
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
        read_path(path, sink)?;
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

/// A file or folder as the system knows it, whatever path leads to it.
#[cfg(unix)]
type FileId = (u64, u64);
#[cfg(not(unix))]
type FileId = PathBuf;

#[cfg(unix)]
fn file_id(_: &Path, meta: &std::fs::Metadata) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_id(path: &Path, _: &std::fs::Metadata) -> Option<FileId> {
    std::fs::canonicalize(path).ok()
}

/// What a path names, for a note about a file that is not read.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    let _ = meta;
    "not a regular file"
}

/// Walks `path`: a file is handed to `file`; a folder is walked in name order, skipping hidden
/// entries and, inside folders, files of other formats. Inside a folder each real file and
/// folder is visited once (`seen`, by device and inode: a symlink loop ends, a second link to
/// a file is not read twice), and only regular files are read: a named pipe would block and
/// a link to a device never end, so they are skipped with a note. A path named on the command
/// line is read whatever it is (`/dev/stdin`, a pipe).
fn walk(
    path: &Path,
    explicit: bool,
    seen: &mut HashSet<FileId>,
    sink: &mut dyn Sink,
    file: &mut dyn FnMut(&Path, &std::fs::Metadata, &mut dyn Sink) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let shown = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            sink.problem(skip(&shown, None, describe_io(&e)));
            return Ok(());
        }
    };
    if !meta.is_dir() {
        if !explicit {
            if !is_known(path) {
                return Ok(());
            }
            if !meta.is_file() {
                sink.note(&shown, &format!("{}, not a file; skipped", kind_of(&meta)));
                return Ok(());
            }
            if file_id(path, &meta).is_some_and(|id| !seen.insert(id)) {
                return Ok(());
            }
        }
        return file(path, &meta, sink);
    }
    if file_id(path, &meta).is_some_and(|id| !seen.insert(id)) {
        return Ok(());
    }
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
        walk(&entry, false, seen, sink, file)?;
    }
    Ok(())
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// A format figtrack reads, by the file's extension.
fn is_known(path: &Path) -> bool {
    let ext = extension(path);
    [TEXT_EXTENSIONS, HTML_EXTENSIONS, JSONL_EXTENSIONS]
        .iter()
        .any(|known| known.contains(&ext.as_str()))
}

fn read_path(path: &Path, sink: &mut dyn Sink) -> anyhow::Result<()> {
    walk(path, true, &mut HashSet::new(), sink, &mut |p, _, sink| {
        read_file(p, sink)
    })
}

/// Bytes in the files a read of `paths` would read (stdin not counted), for a progress bar.
pub fn total_size(paths: &[PathBuf]) -> u64 {
    /// Hears nothing: the read itself reports what is wrong.
    struct Deaf;
    impl Sink for Deaf {
        fn document(&mut self, _: Document) -> anyhow::Result<()> {
            Ok(())
        }
        fn problem(&mut self, _: Problem) {}
        fn note(&mut self, _: &str, _: &str) {}
    }
    let mut total = 0;
    for path in paths.iter().filter(|p| p.as_os_str() != "-") {
        let mut add = |_: &Path, meta: &std::fs::Metadata, _: &mut dyn Sink| {
            total += meta.len();
            Ok(())
        };
        // Deaf never fails and neither does `add`.
        let _ = walk(path, true, &mut HashSet::new(), &mut Deaf, &mut add);
    }
    total
}

fn read_file(path: &Path, sink: &mut dyn Sink) -> anyhow::Result<()> {
    let shown = path.display().to_string();
    let ext = extension(path);
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

/// Byte order of UTF-16 text.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Utf16 {
    Little,
    Big,
}

/// Whether `bytes` are UTF-16 text: a byte order mark, or (without one) zero bytes in one half
/// of nearly every pair and almost never in the other, as in text of mostly Latin letters
/// (which is what Windows tools write as "Unicode").
fn utf16(bytes: &[u8]) -> Option<Utf16> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some(Utf16::Little),
        [0xFE, 0xFF, ..] => return Some(Utf16::Big),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(8192) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let zeros = |half: usize| {
        head.iter()
            .skip(half)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let mostly = |n: usize| n * 10 >= pairs * 9;
    let rarely = |n: usize| n * 10 <= pairs;
    if mostly(odd) && rarely(even) {
        Some(Utf16::Little)
    } else if mostly(even) && rarely(odd) {
        Some(Utf16::Big)
    } else {
        None
    }
}

/// Decodes UTF-16 text (after its byte order mark, if any), replacing what is not (with a
/// warning).
fn decode_utf16(bytes: &[u8], order: Utf16, path: &str, sink: &mut dyn Sink) -> String {
    let bytes = match (order, bytes) {
        (Utf16::Little, [0xFF, 0xFE, rest @ ..]) | (Utf16::Big, [0xFE, 0xFF, rest @ ..]) => rest,
        _ => bytes,
    };
    let units = bytes.chunks_exact(2).map(|p| match order {
        Utf16::Little => u16::from_le_bytes([p[0], p[1]]),
        Utf16::Big => u16::from_be_bytes([p[0], p[1]]),
    });
    let mut bad = bytes.len() % 2;
    let mut text: String = char::decode_utf16(units)
        .map(|c| {
            c.unwrap_or_else(|_| {
                bad += 1;
                '\u{FFFD}'
            })
        })
        .collect();
    if bytes.len() % 2 == 1 {
        text.push('\u{FFFD}');
    }
    if bad > 0 {
        sink.problem(warn(
            path,
            None,
            format!("UTF-16 text with {bad} undecodable unit(s), replaced with U+FFFD"),
        ));
    }
    text
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
    let mut text = match utf16(bytes) {
        Some(order) => decode_utf16(bytes, order, path, sink),
        None if looks_binary(bytes) => {
            sink.problem(skip(
                path,
                None,
                "binary data, not text; skipped".to_string(),
            ));
            return Ok(());
        }
        None => decode(bytes, path, None, sink),
    };
    if text.contains('\0') {
        sink.problem(warn(path, None, "NUL bytes read as spaces".to_string()));
        text = text.replace('\0', " ");
    }
    let doc = if html {
        html::document(&text, id, &mut |message| {
            sink.problem(warn(path, None, message))
        })
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
    // Reported only once the closing line shows this was front matter.
    let mut problems = Vec::new();
    let mut keys = 0;
    for line in rest.split_inclusive('\n') {
        line_no += 1;
        offset += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        if line.trim() == "---" {
            doc.text = body[offset..].to_string();
            for problem in problems {
                sink.problem(problem);
            }
            return doc;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']).to_string();
        keys += 1;
        match key.trim().to_ascii_lowercase().as_str() {
            "published" | "date" => match parse_date(&value) {
                Some(d) => doc.published = Some(d),
                None => problems.push(warn(path, Some(line_no), format!("front matter date {value:?} does not parse (expected YYYY-MM-DD); published left empty"))),
            },
            "source" => doc.source = Some(value),
            "title" => doc.title = Some(value),
            "url" => doc.url = Some(value),
            "id" => doc.id = value,
            _ => keys -= 1,
        }
    }
    // No closing line: it was not front matter after all, though it may have been meant as
    // such.
    if keys > 0 {
        sink.problem(warn(
            path,
            Some(1),
            "front matter is not closed by a '---' line; the file was read as text without it \
             (no published date, source or title)"
                .to_string(),
        ));
    }
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
            .and_then(|line| Record::parse(line).map(|r| (line, r)));
        let (line, record) = match parsed {
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
            Some(serde_json::Value::Number(n)) => {
                record::number_id(line).map_or_else(|| n.to_string(), str::to_string)
            }
            None | Some(serde_json::Value::Null) => line_no.to_string(),
            Some(other) => {
                sink.problem(warn(
                    path,
                    Some(line_no),
                    format!(
                        "id {other} is not a string or a number; the line number {line_no} is the id"
                    ),
                ));
                line_no.to_string()
            }
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

    fn utf16_bytes(text: &str, order: Utf16, bom: bool) -> Vec<u8> {
        let mut bytes = Vec::new();
        for unit in (if bom { "\u{FEFF}" } else { "" })
            .encode_utf16()
            .chain(text.encode_utf16())
        {
            bytes.extend(match order {
                Utf16::Little => unit.to_le_bytes(),
                Utf16::Big => unit.to_be_bytes(),
            });
        }
        bytes
    }

    fn read_bytes(bytes: &[u8], html: bool) -> Collect {
        let mut c = Collect::default();
        read_text_bytes(bytes, "in.txt", "in", html, &mut c).unwrap();
        c
    }

    #[test]
    fn utf16_text_is_decoded_with_or_without_a_byte_order_mark() {
        let texts = [
            "---\npublished: 2024-10-29\n---\nSome 3,000 troops left Kyiv’s outskirts.",
            "Les prix ont augmenté de 2,5 % en été.",
        ];
        for text in texts {
            for order in [Utf16::Little, Utf16::Big] {
                for bom in [true, false] {
                    let c = read_bytes(&utf16_bytes(text, order, bom), false);
                    assert!(
                        c.problems.is_empty(),
                        "{text} {order:?} {bom}: {:?}",
                        c.problems
                    );
                    assert_eq!(c.docs[0].text, body_of(text), "{order:?} {bom}");
                }
            }
        }
        let page = utf16_bytes("<p>About 10 trucks</p>", Utf16::Little, true);
        assert_eq!(read_bytes(&page, true).docs[0].text, "About 10 trucks");
        // A lone surrogate and an odd last byte are replaced, with a warning.
        let mut broken = utf16_bytes("ab", Utf16::Little, true);
        broken.extend([0x00, 0xD8, b'c', 0, 7]);
        let c = read_bytes(&broken, false);
        assert_eq!(c.docs[0].text, "ab\u{FFFD}c\u{FFFD}");
        assert!(c.problems[0].message.contains("UTF-16"), "{:?}", c.problems);
        // Binary data is still binary.
        let c = read_bytes(&[0u8, 1, 2, 3, 0, 5, 6, 7, 0, 0, 0, 1], false);
        assert!(c.docs.is_empty() && c.problems[0].skipped);
    }

    fn body_of(text: &str) -> &str {
        text.rsplit_once("---\n").map_or(text, |(_, body)| body)
    }

    #[test]
    fn front_matter_without_its_closing_line_is_text_with_one_warning() {
        for text in [
            "---\npublished: 2024-13-45\nsource: Wire\nSome 40 trucks.",
            "---\ntitle: Draft\n\n12 people came.\nOn: Monday\n",
        ] {
            let mut c = Collect::default();
            let doc = front_matter_document(text, "x", "x.md", &mut c);
            assert_eq!(doc.text, text);
            assert_eq!(doc.published, None);
            assert_eq!(c.problems.len(), 1, "{text}: {:?}", c.problems);
            assert!(
                c.problems[0].message.contains("not closed"),
                "{:?}",
                c.problems
            );
            assert_eq!(c.problems[0].line, Some(1));
        }
        // A rule at the top of a text with no front matter keys in it is just text.
        let mut c = Collect::default();
        front_matter_document("---\nNote: 5 boats\n\nMore.", "x", "x.md", &mut c);
        assert!(c.problems.is_empty(), "{:?}", c.problems);
    }

    #[test]
    fn jsonl_ids_that_are_not_strings_are_named() {
        let data = concat!(
            "{\"id\": 12, \"text\": \"a\"}\n",
            "{\"id\": 123456789012345678901234, \"text\": \"b\"}\n",
            "{\"id\": true, \"text\": \"c\"}\n",
            "{\"id\": [\"x\"], \"text\": \"d\"}\n",
            "{\"id\": null, \"text\": \"e\"}\n",
        );
        let mut c = Collect::default();
        read_jsonl(data.as_bytes(), "in.jsonl", &mut c).unwrap();
        let ids: Vec<&str> = c.docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["12", "123456789012345678901234", "3", "4", "5"]);
        let lines: Vec<Option<usize>> = c.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(3), Some(4)]);
        assert!(c.problems[0].message.contains("not a string or a number"));
    }
}
