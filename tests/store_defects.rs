//! Store defects of issue 14: damaged parts that make the decoder panic (D3), document ids
//! crafted so that giving a new document a unique id never ends (D5), an import killed between
//! its catalog change and its commit (D8), documents too long to extract in bounded memory
//! (D13). Every run of the binary is under a timeout.
#![cfg(feature = "tracker")]

mod tracker_common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use tracker_common::*;

/// Runs `cmd`, killing it after `secs` seconds (a failure: the run hung).
fn run_within(mut cmd: Command, secs: u64) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(secs) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} did not finish in {secs} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

/// The only file in `dir`.
fn only_file(dir: &Path) -> PathBuf {
    let files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files.into_iter().next().unwrap()
}

/// A store made from the bundled samples.
fn sample_store(dir: &Path) -> PathBuf {
    let store = dir.join("st");
    let samples = at("data/samples");
    let mut cmd = figtrack(&store);
    cmd.args(["ingest", "-q"]).arg(&samples);
    let out = run_within(cmd, 120);
    assert!(out.status.success(), "{out:?}");
    store
}

/// D3: bit flips in the Arrow schema a part carries in its footer make polars panic
/// ("not yet implemented" for a type it does not know) instead of returning an error. The
/// store turns each into an error naming the part; the binary exits 1 without a backtrace.
#[test]
fn damaged_footer_is_an_error_naming_the_part() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path());
    let part = only_file(&store.join("documents"));
    let good = std::fs::read(&part).unwrap();
    let key = b"ARROW:schema";
    let at_key = good
        .windows(key.len())
        .position(|w| w == key)
        .expect("the part carries its Arrow schema");
    // The base64 value follows the key (after a type byte and a length varint).
    let value = at_key + key.len() + 3;
    let mut decoder_failures = Vec::new();
    for offset in value..(value + 400).min(good.len() - 8) {
        for bit in [1, 4] {
            let mut bad = good.clone();
            bad[offset] ^= 1 << bit;
            std::fs::write(&part, &bad).unwrap();
            let opened = std::panic::catch_unwind(|| {
                figtrack::store::Store::open(&store).and_then(|s| {
                    s.collect(s.documents()?)?;
                    Ok(())
                })
            })
            .unwrap_or_else(|_| panic!("a panic escaped the store: byte {offset} bit {bit}"));
            if let Err(e) = opened {
                let e = format!("{e:#}");
                assert!(e.contains(&part.display().to_string()), "{e}");
                if e.contains("decoder failed") {
                    decoder_failures.push((offset, bit));
                }
            }
        }
    }
    let (offset, bit) = *decoder_failures
        .first()
        .expect("some flip reaches a decoder panic");
    let mut bad = good.clone();
    bad[offset] ^= 1 << bit;
    std::fs::write(&part, &bad).unwrap();
    let mut cmd = figtrack(&store);
    cmd.arg("series");
    let out = run_within(cmd, 60);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(&part.display().to_string()), "{err}");
    assert!(err.contains("damaged part"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// D5: the store holds `x` and ids built from the content hash of the document that arrives
/// next as `x` (every prefix length, and a numbered one); ingest still ends, and stores it.
#[test]
fn crafted_document_ids_do_not_hang_ingest() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("st");
    let text = "The ministry said 4,200 families had been moved by Friday.\n";
    let h = figtrack::store::content_hash(text.as_bytes());
    let mut ids = vec!["x".to_string()];
    ids.extend((8..=32).step_by(4).map(|n| format!("x~{}", &h[..n])));
    // The numbered id the old rule fell back to: `x~HASH~N`, N the number of stored ids.
    ids.push(format!("x~{h}~{}", ids.len() + 1));
    let mut lines = String::new();
    for (n, id) in ids.iter().enumerate() {
        let rec = serde_json::json!({
            "id": id,
            "text": format!("Officials counted {} shelters in the north.\n", 10 + n),
            "published": "2024-03-01",
        });
        lines.push_str(&format!("{rec}\n"));
    }
    std::fs::write(dir.path().join("crafted.jsonl"), lines).unwrap();
    let rec = serde_json::json!({"id": "x", "text": text, "published": "2024-03-02"});
    std::fs::write(dir.path().join("next.jsonl"), format!("{rec}\n")).unwrap();
    for file in ["crafted.jsonl", "next.jsonl"] {
        let mut cmd = figtrack(&store);
        cmd.args(["ingest", "-q"]).arg(dir.path().join(file));
        let out = run_within(cmd, 60);
        assert!(out.status.success(), "{out:?}");
    }
    let claims = jsonl(&ok(&store, &["export", "claims", "-f", "jsonl"]));
    let new_doc = claims
        .iter()
        .find(|c| num(c, "value") == 4200.0)
        .and_then(|c| c["doc"].as_str())
        .expect("the new document's claim is stored");
    assert!(new_doc.starts_with("x~"), "{new_doc}");
    assert!(!ids.iter().any(|i| i == new_doc), "{new_doc} was taken");
}

/// Whether `strace` can trace here (installed, and ptrace allowed).
fn strace_works() -> bool {
    Command::new("strace")
        .args(["-o", "/dev/null", "true"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// D8: an import killed at each of its renames (the parts, the commit record, the catalog)
/// never leaves a catalog entry without data, and importing the file again completes it.
#[test]
fn import_killed_at_each_rename_keeps_catalog_and_data_together() {
    if !strace_works() {
        eprintln!("skipped: strace is not installed or cannot trace here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("deliveries.csv");
    std::fs::write(
        &csv,
        "day,trucks\n2024-05-01,40\n2024-05-02,46\n2024-05-04,51\n",
    )
    .unwrap();
    let import = |store: &Path, kill_at: Option<usize>| {
        let mut cmd = match kill_at {
            Some(n) => {
                let mut c = Command::new("strace");
                let calls = "rename,renameat,renameat2";
                c.args(["-f", "-o", "/dev/null", "-e"])
                    .arg(format!("trace={calls}"))
                    .arg("-e")
                    .arg(format!("inject={calls}:signal=SIGKILL:when={n}"))
                    .arg(BIN)
                    .arg("--data")
                    .arg(store)
                    .env_remove("FIGTRACK_DATA");
                c
            }
            None => figtrack(store),
        };
        cmd.arg("import")
            .arg(&csv)
            .args(["--metric", "aid-trucks", "--date-field", "day"])
            .args(["--value-field", "trucks", "--cumulative"]);
        run_within(cmd, 60)
    };
    let state = |store: &Path| {
        let catalog = std::fs::read_to_string(store.join("metrics.toml")).unwrap_or_default();
        let entries = catalog.matches("\"aid-trucks\"").count();
        let claims = jsonl(&ok(store, &["export", "claims", "-f", "jsonl"])).len();
        (entries, claims)
    };
    let mut killed = 0;
    for n in 1..=8 {
        let store = dir.path().join(format!("kill-{n}"));
        let out = import(&store, Some(n));
        if out.status.success() {
            break;
        }
        killed += 1;
        let (entries, claims) = state(&store);
        assert!(
            entries == 0 || claims == 3,
            "killed at rename {n}: the catalog names the metric but {claims} claims are stored"
        );
        let again = import(&store, None);
        assert!(again.status.success(), "{again:?}");
        assert_eq!(
            state(&store),
            (1, 3),
            "after importing again (killed at {n})"
        );
    }
    assert!(
        killed >= 4,
        "the import renames its parts, its commit and the catalog"
    );
}

/// D13: a figure-dense document over the size limit is skipped with an error naming the file
/// (and the JSONL line), exit 2, before any extraction; the other documents are read.
#[test]
fn documents_over_the_size_limit_are_skipped_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let limit = figtrack::input::MAX_DOCUMENT_BYTES;
    let dense = "crews cleared 120 homes, 45 roads and 8 bridges, ".repeat(limit / 48 + 1);
    assert!(dense.len() > limit);
    let big = dir.path().join("dense.txt");
    std::fs::write(&big, &dense).unwrap();
    let small = serde_json::json!({"id": "small", "text": "Crews cleared 120 homes.", "published": "2024-06-01"});
    let huge = serde_json::json!({"id": "huge", "text": dense});
    let lines = dir.path().join("mixed.jsonl");
    std::fs::write(&lines, format!("{huge}\n{small}\n")).unwrap();
    let mut cmd = Command::new(BIN);
    cmd.args(["extract", "-f", "jsonl"]).arg(&big).arg(&lines);
    let out = run_within(cmd, 60);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("{}: document of", big.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}:1: document of", lines.display())),
        "{err}"
    );
    let claims = jsonl(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0]["doc"], "small");
    let store = dir.path().join("st");
    let mut cmd = figtrack(&store);
    cmd.args(["ingest", "-q"]).arg(&big);
    let out = run_within(cmd, 60);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("{}: document of", big.display())),
        "{err}"
    );
    assert_eq!(ok(&store, &["export", "claims", "-f", "jsonl"]).trim(), "");
}
