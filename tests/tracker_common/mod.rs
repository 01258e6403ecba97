//! Helpers shared by the tracker tests: run the real binary against a temporary store.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

/// Runs and returns the output, whatever the status.
pub fn run(store: &Path, args: &[&str]) -> Output {
    figtrack(store).args(args).output().expect("run figtrack")
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
