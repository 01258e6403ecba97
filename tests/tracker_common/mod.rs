//! Helpers shared by the tracker tests: run the real binary against a temporary store.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_figtrack");

/// The repository root (where Cargo.toml is).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under the repository root.
pub fn at(rel: &str) -> PathBuf {
    repo().join(rel)
}

/// The shared data folder beside the repository (real loss data).
pub fn shared(rel: &str) -> PathBuf {
    repo().join("..").join("shared").join(rel)
}

/// A command for the binary with `--data store`.
pub fn figtrack(store: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.arg("--data").arg(store).env_remove("FIGTRACK_DATA");
    c
}

/// How long one run of the binary may take before a test calls it a hang.
pub const LIMIT: Duration = Duration::from_secs(300);

/// Runs `cmd` to the end, reading its output as it comes; a run longer than `limit` is killed
/// and fails the test (a hang).
pub fn within(cmd: &mut Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run figtrack");
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            buf
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("stdout")));
    let err = drain(Box::new(child.stderr.take().expect("stderr")));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} did not finish in {} s", limit.as_secs());
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Output {
        status,
        stdout: out.join().expect("stdout"),
        stderr: err.join().expect("stderr"),
    }
}

/// Runs and returns the output, whatever the status (under [`LIMIT`]).
pub fn run(store: &Path, args: &[&str]) -> Output {
    within(figtrack(store).args(args), LIMIT)
}

/// Runs, asserts success, returns stdout.
pub fn ok(store: &Path, args: &[&str]) -> String {
    let out = run(store, args);
    assert!(
        out.status.success(),
        "figtrack {args:?} failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Runs, asserts failure (a non-zero exit status, not a crash), returns stderr.
pub fn fails(store: &Path, args: &[&str]) -> String {
    let out = run(store, args);
    assert!(
        matches!(out.status.code(), Some(1) | Some(2)),
        "figtrack {args:?} should fail; stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stderr).expect("UTF-8 errors")
}

/// JSON lines parsed.
pub fn jsonl(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// A new store folder holding the bundled catalog.
pub fn store_with_catalog(dir: &Path) -> PathBuf {
    let store = dir.join("store");
    std::fs::create_dir_all(&store).unwrap();
    std::fs::copy(at("data/metrics.toml"), store.join("metrics.toml")).unwrap();
    store
}

/// Every file under `dir` (relative path -> bytes), to check a store is unchanged.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap_or_default());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The f64 of a JSON field.
pub fn num(v: &serde_json::Value, field: &str) -> f64 {
    v[field]
        .as_f64()
        .unwrap_or_else(|| panic!("{field} is not a number in {v}"))
}

/// The data files (Parquet) in a table folder of a store (`claims/`, `documents/`), in its
/// partition folders too, outside the Delta log; sorted.
pub fn data_files(table: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = snapshot(table)
        .into_keys()
        .filter(|rel| rel.ends_with(".parquet") && !rel.starts_with("_delta_log"))
        .map(|rel| table.join(rel))
        .collect();
    out.sort();
    out
}

/// The data files the latest version of a store's table lists, sorted.
#[cfg(feature = "tracker")]
pub fn live_files(store: &Path, table: &str) -> Vec<PathBuf> {
    let s = figtrack::store::Store::open(store).unwrap();
    let parts = if table == "claims" {
        s.claim_parts()
    } else {
        s.document_parts()
    };
    let mut out: Vec<PathBuf> = parts.iter().map(|f| f.path.clone()).collect();
    out.sort();
    out
}
