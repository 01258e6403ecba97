//! `figtrack extract` on real files, bad ones included: every input gives claims or a message on
//! stderr naming the file (and line), never a panic; skipped inputs make the run exit 2 at the end.
//!
//! Each run of the binary is bounded in wall time and memory, so a pathological input fails the
//! test instead of stalling the suite or the machine.

use serde_json::Value;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The fields of a claim, in the order every format writes them.
const FIELDS: &[&str] = &[
    "doc",
    "claim_id",
    "published",
    "as_of",
    "metric",
    "metric_match",
    "concept",
    "value",
    "low",
    "high",
    "unit",
    "unit_normalized",
    "kind",
    "bound",
    "direction",
    "role",
    "previous",
    "previous_text",
    "previous_start",
    "previous_end",
    "previous_as_of",
    "attribution",
    "text",
    "start",
    "end",
    "sentence",
];

/// Wall time allowed for an ordinary run (debug build, other tests running beside it).
const NORMAL_LIMIT: Duration = Duration::from_secs(60);
/// Wall time allowed for a 3 MB input in a debug build: linear work takes seconds; a
/// quadratic pass over the line would take hours.
const BIG_LIMIT: Duration = Duration::from_secs(90);
/// Address space allowed to one run, in KiB (`ulimit -v`).
const MEMORY_LIMIT_KIB: u64 = 6 << 20;

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
    timed_out: bool,
}

impl Run {
    /// The claims of a `--format jsonl` run.
    fn claims(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l:.200}")))
            .collect()
    }

    fn assert_no_panic(&self) {
        assert!(!self.timed_out, "timed out after {:?}", self.elapsed);
        assert!(
            !self.stderr.contains("panicked"),
            "figtrack panicked:\n{}",
            self.stderr
        );
        assert!(
            matches!(self.code, Some(0..=2)),
            "exit {:?} (killed?), stderr:\n{}",
            self.code,
            self.stderr
        );
    }
}

fn figtrack() -> &'static str {
    env!("CARGO_BIN_EXE_figtrack")
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `figtrack ARGS` with `stdin`, killing it after `limit`.
fn run_with(args: &[&str], stdin: Option<&[u8]>, limit: Duration) -> Run {
    // The shell sets the memory limit, then becomes figtrack.
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("ulimit -v {MEMORY_LIMIT_KIB}; exec \"$0\" \"$@\""))
        .arg(figtrack())
        .args(args)
        .env_remove("FIGTRACK_DATA")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = cmd.spawn().expect("spawn figtrack");
    let feeder = stdin.map(|bytes| {
        let mut pipe = child.stdin.take().unwrap();
        let bytes = bytes.to_vec();
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        })
    });
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for figtrack") {
            break status;
        }
        if started.elapsed() > limit {
            timed_out = true;
            let _ = child.kill();
            break child.wait().expect("wait for killed figtrack");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let elapsed = started.elapsed();
    if let Some(f) = feeder {
        let _ = f.join();
    }
    Run {
        code: status.code(),
        stdout: String::from_utf8_lossy(&out_reader.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&err_reader.join().unwrap()).into_owned(),
        elapsed,
        timed_out,
    }
}

fn run(args: &[&str]) -> Run {
    run_with(args, None, NORMAL_LIMIT)
}

/// `figtrack extract PATH --format jsonl`.
fn extract(path: &Path) -> Run {
    run(&["extract", path.to_str().unwrap(), "--format", "jsonl"])
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

fn values(claims: &[Value]) -> Vec<f64> {
    claims.iter().filter_map(|c| c["value"].as_f64()).collect()
}

/// The document text figtrack reads from a .txt/.md file: what follows the front matter.
fn body(raw: &str) -> &str {
    let raw = raw.strip_prefix('\u{FEFF}').unwrap_or(raw);
    let Some(rest) = raw
        .strip_prefix("---\n")
        .or_else(|| raw.strip_prefix("---\r\n"))
    else {
        return raw;
    };
    let mut offset = raw.len() - rest.len();
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        if line.trim() == "---" {
            return &raw[offset..];
        }
    }
    raw
}

/// Every claim has the documented fields in order, numbers where numbers belong, and a span
/// that is `text` in the document.
fn check_claims(claims: &[Value], text: &str, what: &str) {
    for c in claims {
        let obj = c
            .as_object()
            .unwrap_or_else(|| panic!("{what}: not an object: {c}"));
        let keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        assert_eq!(keys, FIELDS, "{what}: fields of {c}");
        assert!(
            c["value"].is_f64() || c["value"].is_i64(),
            "{what}: value of {c}"
        );
        let (start, end) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert!(start <= end && end <= text.len(), "{what}: span of {c}");
        assert_eq!(
            text.get(start..end),
            c["text"].as_str(),
            "{what}: text[start..end] of {c}"
        );
        let id = c["claim_id"].as_str().unwrap();
        assert!(
            id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()),
            "{what}: claim_id {id}"
        );
    }
}

fn seed_article() -> Option<PathBuf> {
    let path =
        manifest_dir().join("../shared/data/articles/2024-10-29-pentagon-north-korean-troops.txt");
    if path.exists() {
        Some(path)
    } else {
        println!("skipped: {} is absent", path.display());
        None
    }
}

fn sample_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(manifest_dir().join("data/samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// Text with figures in it, for inputs around it.
const GOOD: &str = "Officials counted 40 trucks and 300 people at the checkpoint.\n";

// ---- missing, folders, empty -----------------------------------------------------------------

#[test]
fn a_missing_file_is_named_on_stderr_and_the_run_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere.txt");
    let r = extract(&missing);
    r.assert_no_panic();
    assert_eq!(r.code, Some(2), "stderr: {}", r.stderr);
    assert!(r.stderr.contains(missing.to_str().unwrap()), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn a_missing_file_does_not_stop_the_files_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", GOOD);
    let missing = dir.path().join("missing.md");
    let r = run(&[
        "extract",
        missing.to_str().unwrap(),
        good.to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    r.assert_no_panic();
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("missing.md"), "{}", r.stderr);
    assert_eq!(values(&r.claims()), [40.0, 300.0]);
}

#[test]
fn a_folder_is_read_recursively_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "top.md",
        format!("---\npublished: 2024-10-29\n---\n{GOOD}"),
    );
    write(
        dir.path(),
        "sub/deeper/inner.txt",
        "The storm left 2,500 homes without power.",
    );
    write(dir.path(), "sub/ignored.bin", [0u8, 1, 2, 3]);
    let r = extract(dir.path());
    r.assert_no_panic();
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    let claims = r.claims();
    let docs: Vec<&str> = claims.iter().map(|c| c["doc"].as_str().unwrap()).collect();
    assert!(docs.contains(&"top") && docs.contains(&"inner"), "{docs:?}");
    assert!(values(&claims).contains(&2500.0));
}

#[test]
fn an_empty_file_gives_no_claims_and_a_warning_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.txt", "");
    let r = extract(&empty);
    r.assert_no_panic();
    assert_eq!(r.code, Some(0));
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("empty.txt"), "{}", r.stderr);
}

// ---- bytes that are not clean text -----------------------------------------------------------

#[test]
fn invalid_utf8_is_replaced_with_a_warning_naming_the_file_and_claims_still_come() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "latin1.txt",
        b"Officials counted 40 trucks \xff\xfe at the caf\xe9 and 300 people.\n",
    );
    let r = extract(&path);
    r.assert_no_panic();
    assert_eq!(r.code, Some(0));
    assert!(
        r.stderr.contains("latin1.txt") && r.stderr.contains("UTF-8"),
        "{}",
        r.stderr
    );
    let claims = r.claims();
    assert_eq!(values(&claims), [40.0, 300.0]);
    let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
    check_claims(&claims, &text, "latin1.txt");
}

/// Bytes from a small deterministic generator (xorshift), the same on every run.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect()
}

#[test]
fn random_bytes_are_skipped_as_binary_naming_the_file_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for (i, name) in ["noise.txt", "noise.md", "noise.dat"].iter().enumerate() {
        let path = write(dir.path(), name, noise(64 << 10, 0x9E37_79B9 + i as u64));
        let r = extract(&path);
        r.assert_no_panic();
        assert_eq!(r.code, Some(2), "{name}: {}", r.stderr);
        assert!(r.stderr.contains(name), "{}", r.stderr);
        assert!(r.stdout.is_empty(), "{name}: {}", r.stdout);
    }
}

#[test]
fn a_png_header_followed_by_nuls_is_skipped_as_binary_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(std::iter::repeat_n(0u8, 4096));
    let path = write(dir.path(), "picture.txt", &png);
    let r = extract(&path);
    r.assert_no_panic();
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("picture.txt"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn nul_bytes_inside_text_are_read_as_spaces_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "nul.txt",
        "Officials counted 40\0 trucks and 300\0\0people at the checkpoint.",
    );
    let r = extract(&path);
    r.assert_no_panic();
    assert_eq!(r.code, Some(0));
    assert!(r.stderr.contains("nul.txt"), "{}", r.stderr);
    let claims = r.claims();
    assert_eq!(values(&claims), [40.0, 300.0]);
    let text = std::fs::read_to_string(&path).unwrap().replace('\0', " ");
    check_claims(&claims, &text, "nul.txt");
}

// ---- huge lines ------------------------------------------------------------------------------

/// About `len` bytes of prose without a newline: the sample articles, lines joined by spaces.
fn one_line_of_prose(len: usize) -> String {
    let mut article = String::new();
    for f in sample_files() {
        article.push_str(body(&std::fs::read_to_string(f).unwrap()));
        article.push(' ');
    }
    let article = article.replace(['\n', '\r'], " ");
    let mut s = String::with_capacity(len + article.len());
    while s.len() < len {
        s.push_str(&article);
    }
    s
}

fn assert_big_run_ok(r: &Run, what: &str) {
    assert!(
        !r.timed_out,
        "{what}: still running after {BIG_LIMIT:?}; stderr:\n{}",
        r.stderr
    );
    r.assert_no_panic();
    assert_eq!(r.code, Some(0), "{what}: {}", r.stderr);
    assert!(r.stdout.lines().count() > 1000, "{what}: few claims");
}

#[test]
fn a_3_mb_text_line_without_newline_finishes_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "one-line.txt", one_line_of_prose(3 << 20));
    let r = run_with(
        &["extract", path.to_str().unwrap(), "--format", "jsonl"],
        None,
        BIG_LIMIT,
    );
    assert_big_run_ok(&r, "one-line.txt");
}

#[test]
fn a_3_mb_jsonl_record_without_newline_finishes_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let record = serde_json::json!({"id": "huge", "text": one_line_of_prose(3 << 20)});
    let path = write(dir.path(), "one-record.jsonl", record.to_string());
    let r = run_with(
        &["extract", path.to_str().unwrap(), "--format", "jsonl"],
        None,
        BIG_LIMIT,
    );
    assert_big_run_ok(&r, "one-record.jsonl");
    assert!(r.claims().iter().all(|c| c["doc"] == "huge"));
}

#[test]
fn a_3_mb_line_of_letters_without_spaces_finishes_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "letters.txt", "abc".repeat(1 << 20));
    let r = run_with(
        &["extract", path.to_str().unwrap(), "--format", "jsonl"],
        None,
        BIG_LIMIT,
    );
    assert!(!r.timed_out, "still running after {BIG_LIMIT:?}");
    r.assert_no_panic();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

/// A run-on line: figures separated by commas and never a full stop, as in a table dumped on
/// one line. Work per figure must not grow with the length of the sentence around it.
#[test]
fn a_long_line_of_figures_without_a_full_stop_finishes_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let line = "the army sent 40 trucks and 300 people, ".repeat((1 << 20) / 40);
    let path = write(dir.path(), "run-on.txt", line);
    let r = run_with(
        &["extract", path.to_str().unwrap(), "--format", "jsonl"],
        None,
        BIG_LIMIT,
    );
    assert!(
        !r.timed_out,
        "still running after {BIG_LIMIT:?} on a 1 MB sentence"
    );
    r.assert_no_panic();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

#[test]
fn lines_ending_in_spaces_and_blank_lines_of_spaces_give_claims() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Officials counted 40 trucks. \n \t \nThen 300 people left.  \n\n   \n";
    let path = write(dir.path(), "spaces.txt", text);
    let r = extract(&path);
    r.assert_no_panic();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let claims = r.claims();
    assert_eq!(values(&claims), [40.0, 300.0]);
    check_claims(&claims, text, "spaces.txt");
}

#[test]
fn text_of_only_whitespace_gives_no_claims_and_exits_0() {
    let r = run_with(
        &["extract", "-", "--format", "jsonl"],
        Some(b" \n\t \r\n  \n"),
        NORMAL_LIMIT,
    );
    r.assert_no_panic();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

// ---- JSONL -----------------------------------------------------------------------------------

#[test]
fn a_malformed_jsonl_line_is_named_by_file_and_line_and_good_lines_still_give_claims() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "records.jsonl",
        concat!(
            r#"{"id": "a", "text": "Officials counted 40 trucks.", "published": "2024-10-29"}"#,
            "\n",
            r#"{"id": "b", "text": "unterminated"#,
            "\n",
            "\n",
            r#"{"id": "c", "text": "The storm left 2,500 homes without power."}"#,
            "\n",
        ),
    );
    let r = extract(&path);
    r.assert_no_panic();
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    let shown = format!("{}:2:", path.display());
    assert!(
        r.stderr.contains(&shown),
        "expected {shown} in {}",
        r.stderr
    );
    let claims = r.claims();
    let docs: Vec<&str> = claims.iter().map(|c| c["doc"].as_str().unwrap()).collect();
    assert_eq!(docs, ["a", "c"]);
    assert_eq!(values(&claims), [40.0, 2500.0]);
    assert_eq!(claims[0]["published"], "2024-10-29");
}

#[test]
fn jsonl_lines_without_text_or_with_invalid_utf8_are_named_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = Vec::new();
    data.extend_from_slice(b"{\"id\": \"no-text\", \"body\": \"40 trucks\"}\n");
    data.extend_from_slice(b"{\"id\": \"latin1\", \"text\": \"caf\xe9 40 trucks\"}\n");
    data.extend_from_slice(b"[1, 2, 3]\n");
    data.extend_from_slice(b"{\"id\": \"ok\", \"text\": \"Officials counted 40 trucks.\"}\n");
    let path = write(dir.path(), "mixed.jsonl", data);
    let r = extract(&path);
    r.assert_no_panic();
    assert_eq!(r.code, Some(2));
    for line in 1..=3 {
        let shown = format!("mixed.jsonl:{line}:");
        assert!(
            r.stderr.contains(&shown),
            "expected {shown} in {}",
            r.stderr
        );
    }
    let claims = r.claims();
    assert!(claims.iter().all(|c| c["doc"] == "ok"), "{claims:?}");
    assert_eq!(values(&claims), [40.0]);
}

#[test]
fn a_jsonl_record_with_a_bad_published_date_warns_with_its_line_and_leaves_it_null() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "dates.jsonl",
        "{\"id\": \"x\", \"text\": \"Officials counted 40 trucks.\", \"published\": \"soon\"}\n",
    );
    let r = extract(&path);
    r.assert_no_panic();
    assert_eq!(r.code, Some(0));
    assert!(r.stderr.contains("dates.jsonl:1:"), "{}", r.stderr);
    let claims = r.claims();
    assert_eq!(values(&claims), [40.0]);
    assert!(claims[0]["published"].is_null());
}

#[test]
fn published_dates_at_the_ends_of_the_calendar_do_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = String::new();
    for (i, published) in ["-262143-01-01", "+262142-12-31"].iter().enumerate() {
        for text in [
            "On Monday officials counted 40 trucks.",
            "Officials said yesterday that 40 trucks came.",
            "Last week 40 trucks came.",
            "On December 31 officials counted 40 trucks.",
            "On January 1 officials counted 40 trucks.",
        ] {
            let record = serde_json::json!({"id": format!("edge{i}"), "text": text,
                "published": published});
            data.push_str(&record.to_string());
            data.push('\n');
        }
    }
    let path = write(dir.path(), "edges.jsonl", data);
    let r = extract(&path);
    r.assert_no_panic();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(values(&r.claims()), [40.0; 10]);
}

// ---- front matter ----------------------------------------------------------------------------

#[test]
fn a_front_matter_date_that_does_not_parse_warns_with_file_and_line_and_leaves_published_null() {
    let path = manifest_dir().join("tests/fixtures/bad-date.md");
    let r = extract(&path);
    r.assert_no_panic();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.contains("bad-date.md:3:"), "{}", r.stderr);
    let claims = r.claims();
    assert!(values(&claims).contains(&40.0), "{claims:?}");
    assert!(claims.iter().all(|c| c["published"].is_null()));
    check_claims(
        &claims,
        body(&std::fs::read_to_string(&path).unwrap()),
        "bad-date.md",
    );
}

// ---- numbers at the edges --------------------------------------------------------------------

#[test]
fn a_number_with_10000_digits_gives_no_panic_and_only_finite_values() {
    let dir = tempfile::tempdir().unwrap();
    let digits = "9".repeat(10_000);
    let grouped: String = {
        let mut s = String::from("1");
        for _ in 0..3_000 {
            s.push_str(",000");
        }
        s
    };
    let text = format!(
        "There were {digits} people. Losses reached ${grouped} last year. Officials counted 40 trucks.\n"
    );
    let path = write(dir.path(), "digits.txt", &text);
    let r = extract(&path);
    r.assert_no_panic();
    assert_eq!(r.code, Some(0));
    let claims = r.claims();
    // JSON has no infinity: a non-finite value would be written as null.
    assert!(claims.iter().all(|c| c["value"].is_number()), "{claims:?}");
    assert!(values(&claims).contains(&40.0));
    check_claims(&claims, &text, "digits.txt");
}

#[test]
fn one_e_400_gives_no_panic_and_only_finite_values() {
    let dir = tempfile::tempdir().unwrap();
    let text = "The estimate was 1e400 dollars, or 1E400, or 2.5e-400 percent.\n";
    let path = write(dir.path(), "exp.txt", text);
    let r = extract(&path);
    r.assert_no_panic();
    assert_eq!(r.code, Some(0));
    let claims = r.claims();
    assert!(claims.iter().all(|c| c["value"].is_number()), "{claims:?}");
    check_claims(&claims, text, "exp.txt");
}

#[test]
fn arabic_indic_and_fullwidth_digits_are_read_as_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        "Officials counted \u{663}\u{660}\u{660} trucks and \u{FF13}\u{FF10}\u{FF10} people.\n";
    let path = write(dir.path(), "digits.txt", text);
    let r = extract(&path);
    r.assert_no_panic();
    assert_eq!(r.code, Some(0));
    let claims = r.claims();
    check_claims(&claims, text, "digits.txt");
    let texts: Vec<&str> = claims.iter().map(|c| c["text"].as_str().unwrap()).collect();
    assert_eq!(values(&claims), [300.0, 300.0], "{texts:?}");
}

#[test]
fn no_break_narrow_and_thin_spaces_group_thousands() {
    let dir = tempfile::tempdir().unwrap();
    let text = "There were 10\u{202F}000 people, 12\u{A0}500 trucks and 7\u{2009}300 cars.\n";
    let path = write(dir.path(), "spaces.txt", text);
    let r = extract(&path);
    r.assert_no_panic();
    assert_eq!(r.code, Some(0));
    let claims = r.claims();
    check_claims(&claims, text, "spaces.txt");
    assert_eq!(values(&claims), [10_000.0, 12_500.0, 7_300.0]);
}

// ---- stdin -----------------------------------------------------------------------------------

#[test]
fn stdin_text_is_read_with_a_dash() {
    let r = run_with(
        &["extract", "-", "--format", "jsonl"],
        Some(GOOD.as_bytes()),
        NORMAL_LIMIT,
    );
    r.assert_no_panic();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let claims = r.claims();
    assert_eq!(values(&claims), [40.0, 300.0]);
    check_claims(&claims, GOOD, "stdin");
}

#[test]
fn stdin_jsonl_is_read_with_input_jsonl_and_bad_lines_are_named() {
    let input = "{\"id\": \"s1\", \"text\": \"Officials counted 40 trucks.\"}\nnot json\n";
    let r = run_with(
        &["extract", "-", "--input", "jsonl", "--format", "jsonl"],
        Some(input.as_bytes()),
        NORMAL_LIMIT,
    );
    r.assert_no_panic();
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("<stdin>:2:"), "{}", r.stderr);
    let claims = r.claims();
    assert_eq!(values(&claims), [40.0]);
    assert_eq!(claims[0]["doc"], "s1");
}

// ---- output formats --------------------------------------------------------------------------

fn samples_in(format: &str) -> Run {
    let dir = manifest_dir().join("data/samples");
    let r = run(&["extract", dir.to_str().unwrap(), "--format", format]);
    r.assert_no_panic();
    assert_eq!(r.code, Some(0), "{format}: {}", r.stderr);
    r
}

#[test]
fn json_format_is_one_array_that_parses() {
    let r = samples_in("json");
    let v: Value = serde_json::from_str(&r.stdout).expect("one JSON document");
    let claims = v.as_array().expect("an array");
    assert_eq!(claims.len(), samples_in("jsonl").claims().len());
    assert!(!claims.is_empty());
    for c in claims {
        let keys: Vec<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, FIELDS);
    }
}

#[test]
fn json_format_with_no_claims_is_an_empty_array() {
    let r = run_with(
        &["extract", "-", "--format", "json"],
        Some(b"No figures here."),
        NORMAL_LIMIT,
    );
    r.assert_no_panic();
    let v: Value = serde_json::from_str(&r.stdout).expect("one JSON document");
    assert_eq!(v, serde_json::json!([]));
}

#[test]
fn jsonl_format_is_one_object_per_line() {
    let r = samples_in("jsonl");
    assert!(r.stdout.ends_with('\n'));
    for line in r.stdout.lines() {
        let v: Value = serde_json::from_str(line).expect("a JSON line");
        assert!(v.is_object(), "{line}");
    }
    assert!(r.stdout.lines().count() > 10);
}

#[test]
fn csv_format_has_a_header_and_parses_with_the_csv_crate() {
    let r = samples_in("csv");
    let mut reader = csv::Reader::from_reader(r.stdout.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, FIELDS);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let claims = samples_in("jsonl").claims();
    assert_eq!(rows.len(), claims.len());
    for (row, claim) in rows.iter().zip(&claims) {
        assert_eq!(row.len(), FIELDS.len());
        assert_eq!(&row[1], claim["claim_id"].as_str().unwrap());
        let at = |field: &str| FIELDS.iter().position(|f| *f == field).unwrap();
        assert_eq!(&row[at("text")], claim["text"].as_str().unwrap());
        let value: f64 = row[at("value")].parse().expect("value parses");
        assert_eq!(value, claim["value"].as_f64().unwrap());
    }
}

#[test]
fn table_format_has_a_header_line() {
    let r = samples_in("table");
    let header = r.stdout.lines().next().expect("a header line");
    let columns: Vec<&str> = header.split_whitespace().collect();
    for col in ["doc", "value", "concept", "text"] {
        assert!(columns.contains(&col), "{col} not in {header:?}");
    }
    assert!(r.stdout.lines().count() > 10);
}

#[test]
fn every_claim_has_exactly_the_documented_fields_and_its_text_at_start_end() {
    let mut files = sample_files();
    files.push(manifest_dir().join("tests/fixtures/2024-11-05-nk-troops-11000.md"));
    files.extend(seed_article());
    let mut total = 0;
    for f in files {
        let r = extract(&f);
        r.assert_no_panic();
        assert_eq!(r.code, Some(0), "{}: {}", f.display(), r.stderr);
        let raw = std::fs::read_to_string(&f).unwrap();
        let claims = r.claims();
        total += claims.len();
        check_claims(&claims, body(&raw), &f.display().to_string());
    }
    assert!(total > 20, "only {total} claims in the samples");
}

// ---- the seed article ------------------------------------------------------------------------

#[test]
fn the_seed_article_gives_its_two_claims() {
    let Some(path) = seed_article() else {
        return;
    };
    let r = extract(&path);
    r.assert_no_panic();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let claims = r.claims();
    let shown = r.stdout.clone();
    assert_eq!(claims.len(), 2, "claims:\n{shown}");

    let troops = &claims[0];
    assert_eq!(troops["value"].as_f64(), Some(10_000.0), "{shown}");
    let concept = troops["concept"].as_str().unwrap_or("");
    assert!(concept.contains("North Korean troops"), "{shown}");
    assert_eq!(troops["unit_normalized"], "troop", "{shown}");
    assert_eq!(troops["previous"].as_f64(), Some(3000.0), "{shown}");
    let attribution = troops["attribution"].as_str().unwrap_or("");
    assert!(attribution.contains("Pentagon"), "{shown}");
    assert_eq!(troops["as_of"], "2024-10-28", "{shown}");

    let losses = &claims[1];
    assert_eq!(losses["value"].as_f64(), Some(600_000.0), "{shown}");
    assert_eq!(losses["bound"], ">", "{shown}");
    let concept = losses["concept"].as_str().unwrap_or("");
    assert!(
        concept.contains("Russian losses") && concept.contains("killed or wounded"),
        "{shown}"
    );
    let attribution = losses["attribution"].as_str().unwrap_or("");
    assert!(attribution.contains("Rutte"), "{shown}");
}

// ---- folders that loop, files that never end, pages nested deep (issue 14) -------------------

#[cfg(unix)]
#[test]
fn links_back_into_a_folder_are_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", GOOD);
    write(
        dir.path(),
        "sub/b.md",
        "The storm left 2,500 homes without power.",
    );
    // Links to the folder itself, to its parent and to a file: each real file is read once.
    std::os::unix::fs::symlink(".", dir.path().join("self")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("sub/up")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("sub/up2")).unwrap();
    std::os::unix::fs::symlink("a.txt", dir.path().join("again.txt")).unwrap();
    let r = extract(dir.path());
    r.assert_no_panic();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let mut found = values(&r.claims());
    found.sort_by(f64::total_cmp);
    assert_eq!(found, [40.0, 300.0, 2500.0]);
}

#[cfg(unix)]
#[test]
fn a_named_pipe_or_a_link_to_a_device_in_a_folder_is_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.txt", GOOD);
    let fifo = dir.path().join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        println!("skipped: mkfifo is not available");
        return;
    }
    for (link, device) in [("zero.txt", "/dev/zero"), ("random.md", "/dev/urandom")] {
        std::os::unix::fs::symlink(device, dir.path().join(link)).unwrap();
    }
    let r = extract(dir.path());
    r.assert_no_panic();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(values(&r.claims()), [40.0, 300.0]);
    for name in [
        "pipe.txt: a named pipe",
        "zero.txt: a device",
        "random.md: a device",
    ] {
        assert!(r.stderr.contains(name), "{name}: {}", r.stderr);
    }
    // Named on the command line, a device is read as before.
    let r = run_with(
        &["extract", "/dev/stdin", "--format", "jsonl"],
        Some(GOOD.as_bytes()),
        NORMAL_LIMIT,
    );
    r.assert_no_panic();
    assert_eq!(values(&r.claims()), [40.0, 300.0]);
}

#[test]
fn a_page_of_100000_nested_elements_is_read_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let n = 100_000;
    let page = format!(
        "{}About 10,000 troops arrived.{}",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let path = write(dir.path(), "nest.html", page);
    let r = extract(&path);
    r.assert_no_panic();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(values(&r.claims()), [10_000.0]);
    assert!(
        r.stderr.contains("nest.html: elements nested deeper"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_number_of_threads_out_of_range_is_refused_by_every_command_that_takes_one() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", GOOD);
    let store = dir.path().join("store");
    for command in ["extract", "ingest", "diff"] {
        for threads in ["100000", "18446744073709551615", "0"] {
            let r = run(&[
                "--data",
                store.to_str().unwrap(),
                command,
                "-j",
                threads,
                good.to_str().unwrap(),
            ]);
            r.assert_no_panic();
            assert_eq!(r.code, Some(2), "{command} -j {threads}: {}", r.stderr);
            assert!(
                r.stderr
                    .contains("is not a number of threads from 1 to 1024"),
                "{command} -j {threads}: {}",
                r.stderr
            );
            assert!(!store.exists(), "{command} -j {threads} made a store");
        }
    }
    let r = run(&[
        "extract",
        "--threads",
        "3",
        good.to_str().unwrap(),
        "-f",
        "jsonl",
    ]);
    assert_eq!(values(&r.claims()), [40.0, 300.0]);
}
