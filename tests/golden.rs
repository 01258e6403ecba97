//! The golden corpus: `figtrack extract` over the bundled samples and the test fixtures, in every
//! format, compared with the files checked in under tests/golden/. Every change of a rule or of
//! the output shows up as a diff of these files in review.
//!
//! After a deliberate change: `UPDATE_GOLDEN=1 cargo test --test golden`, then read the diff
//! (`git diff tests/golden`) before committing it.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_figtrack");

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The output of `figtrack extract` over the samples and fixtures in `format`, with the
/// repository's path taken out of it (the table shows no paths; JSON shows none either, but a
/// warning on stderr would).
fn extract(format: &str) -> String {
    let out = Command::new(BIN)
        .current_dir(repo())
        .args(["extract", "--threads", "2", "--format", format])
        .args(["data/samples", "tests/fixtures"])
        .env_remove("FIGTRACK_DATA")
        .output()
        .expect("run figtrack");
    assert!(
        out.status.success(),
        "figtrack extract --format {format} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn check(name: &str, got: &str) {
    let path = repo().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; make it with UPDATE_GOLDEN=1 cargo test --test golden",
            path.display()
        )
    });
    if want != got {
        panic!(
            "{} differs from this build's output:\n{}\nIf the change is meant, run \
             UPDATE_GOLDEN=1 cargo test --test golden and review `git diff tests/golden`.",
            path.display(),
            first_difference(&want, got)
        );
    }
}

/// The first differing line of two texts, with its number.
fn first_difference(want: &str, got: &str) -> String {
    let mut w = want.lines();
    let mut g = got.lines();
    for n in 1.. {
        match (w.next(), g.next()) {
            (Some(a), Some(b)) if a == b => continue,
            (None, None) => break,
            (a, b) => {
                return format!(
                    "line {n}:\n  golden: {}\n  now:    {}",
                    a.unwrap_or("(end)"),
                    b.unwrap_or("(end)")
                );
            }
        }
    }
    "(the texts differ only in line ends)".into()
}

#[test]
fn extract_jsonl_matches_the_golden_corpus() {
    check("samples.jsonl", &extract("jsonl"));
}

#[test]
fn extract_json_matches_the_golden_corpus() {
    check("samples.json", &extract("json"));
}

#[test]
fn extract_csv_matches_the_golden_corpus() {
    check("samples.csv", &extract("csv"));
}

#[test]
fn extract_table_matches_the_golden_corpus() {
    check("samples.table", &extract("table"));
}

#[test]
fn golden_files_are_all_checked() {
    let dir = repo().join("tests/golden");
    let names: Vec<String> = std::fs::read_dir(Path::new(&dir))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    for n in &names {
        assert!(
            [
                "samples.jsonl",
                "samples.json",
                "samples.csv",
                "samples.table"
            ]
            .contains(&n.as_str()),
            "tests/golden/{n} is not compared by any test"
        );
    }
}
