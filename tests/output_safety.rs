//! figtrack never deletes or replaces a file it did not write: report folders, `-o` targets that
//! are links, devices or pipes, and a linked catalog (issue 14: D1, D2, D18).

mod tracker_common;

use std::os::unix::fs::{FileTypeExt, symlink};
use std::path::Path;
use tracker_common::*;

/// A store made by ingesting the bundled samples.
fn sample_store(dir: &Path) -> std::path::PathBuf {
    let data = store_with_catalog(dir);
    ok(
        &data,
        &["ingest", "-q", at("data/samples").to_str().unwrap()],
    );
    data
}

#[test]
fn report_refuses_a_folder_holding_files_it_did_not_write() {
    let tmp = tempfile::tempdir().unwrap();
    let proj = tmp.path().join("proj");
    let data = proj.join("data");
    std::fs::create_dir_all(&proj).unwrap();
    ok(
        &data,
        &["ingest", "-q", at("data/samples").to_str().unwrap()],
    );
    std::fs::write(proj.join("index.html"), "<p>page</p>").unwrap();
    std::fs::write(proj.join("notes.md"), "draft").unwrap();
    let before = snapshot(&proj);
    let err = fails(&data, &["report", "--all", "-o", proj.to_str().unwrap()]);
    assert!(err.contains("not a figtrack report"), "{err}");
    assert!(err.contains("notes.md") || err.contains("data"), "{err}");
    assert_eq!(snapshot(&proj), before, "nothing in the folder changed");
}

#[test]
fn replacing_a_report_keeps_files_a_user_added() {
    let tmp = tempfile::tempdir().unwrap();
    let data = sample_store(tmp.path());
    let out = tmp.path().join("reports/today");
    ok(&data, &["report", "-o", out.to_str().unwrap()]);
    assert!(out.join(".figtrack-report").is_file());
    std::fs::write(out.join("my-notes.md"), "keep me").unwrap();
    std::fs::create_dir(out.join("drafts")).unwrap();
    std::fs::write(out.join("drafts/a.txt"), "and me").unwrap();
    // A second report of one metric drops the other metrics' charts, and only those.
    ok(
        &data,
        &["report", "nk-troops-in-russia", "-o", out.to_str().unwrap()],
    );
    assert_eq!(
        std::fs::read_to_string(out.join("my-notes.md")).unwrap(),
        "keep me"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("drafts/a.txt")).unwrap(),
        "and me"
    );
    assert!(out.join("nk-troops-in-russia.png").is_file());
    assert!(
        !out.join("inflation.png").exists(),
        "the old report's chart went"
    );
    let marker = std::fs::read_to_string(out.join(".figtrack-report")).unwrap();
    assert!(!marker.contains("my-notes.md"), "{marker}");
    // No hidden working folder is left beside the report.
    let leftovers: Vec<_> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_report_written_before_markers_is_still_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let data = sample_store(tmp.path());
    let out = tmp.path().join("old");
    ok(&data, &["report", "-o", out.to_str().unwrap()]);
    std::fs::remove_file(out.join(".figtrack-report")).unwrap();
    ok(&data, &["report", "-o", out.to_str().unwrap()]);
    assert!(out.join(".figtrack-report").is_file());
}

#[test]
fn output_through_a_link_to_stdout_reaches_stdout_and_keeps_the_link() {
    let tmp = tempfile::tempdir().unwrap();
    let data = sample_store(tmp.path());
    let link = tmp.path().join("out");
    symlink("/proc/self/fd/1", &link).unwrap();
    let text = ok(
        &data,
        &[
            "export",
            "claims",
            "--format",
            "csv",
            "-o",
            link.to_str().unwrap(),
        ],
    );
    assert!(
        text.starts_with("\u{feff}doc,") || text.starts_with("doc,"),
        "{text:.200}"
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn dash_is_standard_output() {
    let tmp = tempfile::tempdir().unwrap();
    let data = sample_store(tmp.path());
    let dir = tempfile::tempdir().unwrap();
    let o = within(
        figtrack(&data)
            .current_dir(dir.path())
            .args(["export", "series", "--format", "csv", "-o", "-"]),
        LIMIT,
    );
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("nk-troops-in-russia"));
    assert!(!dir.path().join("-").exists(), "no file named '-'");
}

#[test]
fn output_to_a_device_writes_through_and_leaves_the_device() {
    let tmp = tempfile::tempdir().unwrap();
    let data = sample_store(tmp.path());
    // /dev/null itself (root or not, it is writable) and a link to it.
    ok(&data, &["export", "claims", "-o", "/dev/null"]);
    let link = tmp.path().join("null");
    symlink("/dev/null", &link).unwrap();
    ok(&data, &["export", "claims", "-o", link.to_str().unwrap()]);
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // A chart too.
    ok(
        &data,
        &["chart", "nk-troops-in-russia", "-o", link.to_str().unwrap()],
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn output_to_a_fifo_writes_through() {
    let tmp = tempfile::tempdir().unwrap();
    let data = sample_store(tmp.path());
    let fifo = tmp.path().join("pipe.csv");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(&fifo).unwrap())
    };
    ok(
        &data,
        &[
            "export",
            "series",
            "--format",
            "csv",
            "-o",
            fifo.to_str().unwrap(),
        ],
    );
    let got = reader.join().unwrap();
    assert!(String::from_utf8_lossy(&got).contains("nk-troops-in-russia"));
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
}

#[test]
fn import_writes_through_a_linked_catalog() {
    let tmp = tempfile::tempdir().unwrap();
    let shared_catalog = tmp.path().join("shared-metrics.toml");
    std::fs::copy(at("data/metrics.toml"), &shared_catalog).unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir(&data).unwrap();
    symlink(&shared_catalog, data.join("metrics.toml")).unwrap();
    let csv = tmp.path().join("figures.csv");
    std::fs::write(&csv, "date,v\n2024-01-01,10\n2024-01-02,12\n").unwrap();
    ok(
        &data,
        &[
            "import",
            csv.to_str().unwrap(),
            "--metric",
            "imported-x",
            "--value-field",
            "v",
        ],
    );
    assert!(
        std::fs::symlink_metadata(data.join("metrics.toml"))
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link stays a link"
    );
    let text = std::fs::read_to_string(&shared_catalog).unwrap();
    assert!(
        text.contains("imported-x"),
        "the shared catalog got the entry"
    );
}

#[test]
fn an_extension_the_format_does_not_match_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let data = sample_store(tmp.path());
    for name in ["x.tsv", "x.xlsx"] {
        let path = tmp.path().join(name);
        let err = fails(&data, &["export", "series", "-o", path.to_str().unwrap()]);
        assert!(err.contains("does not write"), "{err}");
        assert!(!path.exists(), "{name} was not written");
    }
    let path = tmp.path().join("x.parquet");
    let err = fails(
        &data,
        &[
            "export",
            "series",
            "--format",
            "csv",
            "-o",
            path.to_str().unwrap(),
        ],
    );
    assert!(err.contains("make them agree"), "{err}");
    // No extension: the format given, or CSV.
    let path = tmp.path().join("series-out");
    ok(&data, &["export", "series", "-o", path.to_str().unwrap()]);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.trim_start_matches('\u{feff}').starts_with("metric,"));
}

/// D14: terminal escape sequences in a document's `source:` never reach a table raw: not in
/// `ingest`, `series` or `diff` (they are written as a visible replacement character).
#[test]
fn control_characters_from_a_source_never_reach_a_table() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("st");
    let doc = |name: &str, source: &str, day: &str, n: &str| {
        let p = tmp.path().join(name);
        std::fs::write(
            &p,
            format!(
                "---\nsource: {source}\npublished: {day}\n---\nAbout {n} North Korean troops \
                 were in Russia.\n"
            ),
        )
        .unwrap();
        p.to_str().unwrap().to_string()
    };
    let first = doc(
        "a.md",
        "\u{1b}]0;TITLE\u{7}\u{1b}[31mRED\u{8}\u{9b}2J",
        "2024-10-28",
        "10,000",
    );
    let second = doc("b.md", "\u{1b}[32mGREEN\r", "2024-11-28", "12,000");
    let outputs = [
        ok(&data, &["ingest", "-f", "table", &first]),
        ok(&data, &["series", "-f", "table"]),
        // 10,000 then 12,000: `diff` exits 1 when a figure went up, as diff(1) does.
        {
            let out = run(&data, &["diff", "-f", "table", &second]);
            assert_eq!(out.status.code(), Some(1), "{out:?}");
            String::from_utf8(out.stdout).unwrap()
        },
        ok(&data, &["ingest", "-f", "table", &second]),
    ];
    for out in &outputs {
        assert!(out.contains("RED") || out.contains("GREEN"), "{out}");
        assert!(
            !out.chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{out:?}"
        );
    }
}
