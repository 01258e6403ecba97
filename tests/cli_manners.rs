//! Command-line manners (issue 13 item 6): help with examples and statuses, headers for empty
//! results, diff's exit status, metadata for text on stdin, did-you-mean for metrics.

mod tracker_common;

use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};
use tracker_common::*;

/// A store of the samples.
fn samples(dir: &Path) -> std::path::PathBuf {
    let data = store_with_catalog(dir);
    ok(
        &data,
        &["ingest", "-q", at("data/samples").to_str().unwrap()],
    );
    data
}

/// Runs with `input` on standard input.
fn piped(store: &Path, args: &[&str], input: &str) -> Output {
    let mut child = figtrack(store)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run figtrack");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn help_shows_examples_and_the_statuses() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [
        vec!["--help"],
        vec!["diff", "--help"],
        vec!["ingest", "--help"],
        vec!["series", "--help"],
        vec!["chart", "--help"],
    ] {
        let help = ok(tmp.path(), &args);
        assert!(help.contains("Examples:\n  figtrack "), "{args:?}: {help}");
        for status in ["new", "same", "up, down", "revision", "conflict", "anomaly"] {
            assert!(
                help.lines().any(|l| l.trim_start().starts_with(status)),
                "{args:?} does not explain {status}: {help}"
            );
        }
    }
    let diff = ok(tmp.path(), &["diff", "--help"]);
    assert!(diff.contains("Exit status, as diff(1)"), "{diff}");
    for args in [
        ["import", "--help"],
        ["export", "--help"],
        ["extract", "--help"],
        ["metrics", "--help"],
        ["reject", "--help"],
        ["assign", "--help"],
        ["report", "--help"],
    ] {
        assert!(ok(tmp.path(), &args).contains("Examples:\n  figtrack "));
    }
    let import = ok(tmp.path(), &["import", "--help"]);
    assert!(import.contains("--date-format"), "{import}");
}

#[test]
fn empty_results_still_print_their_header() {
    let tmp = tempfile::tempdir().unwrap();
    let data = samples(tmp.path());
    let later = ["--since", "2031-01-01"];
    let table = ok(
        &data,
        &[
            &["series", "nk-troops-in-russia", "-f", "table"][..],
            &later,
        ]
        .concat(),
    );
    assert!(table.starts_with("metric  as_of"), "{table}");
    assert_eq!(table.lines().count(), 1, "{table}");
    let csv = ok(
        &data,
        &[&["series", "nk-troops-in-russia", "-f", "csv"][..], &later].concat(),
    );
    assert!(csv.starts_with("metric,as_of,value,"), "{csv}");
    assert_eq!(csv.lines().count(), 1, "{csv}");
    assert_eq!(
        ok(&data, &[&["series", "-f", "json"][..], &later].concat()).trim(),
        "[]"
    );
    assert_eq!(
        ok(&data, &[&["series", "-f", "jsonl"][..], &later].concat()),
        ""
    );

    // A diff of a text without figures: the columns, and exit status 0.
    for (format, head) in [
        ("table", "doc  metric  as_of"),
        ("csv", "doc,claim_id,metric,"),
    ] {
        let out = piped(
            &data,
            &["diff", "-", "-f", format],
            "Nothing was counted today.\n",
        );
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let stdout = text(&out.stdout);
        assert!(stdout.starts_with(head), "{format}: {stdout}");
        assert_eq!(stdout.lines().count(), 1, "{stdout}");
    }
}

#[test]
fn diff_exits_1_when_something_changed_as_diff_does() {
    let tmp = tempfile::tempdir().unwrap();
    let data = samples(tmp.path());
    let meta = ["--published", "2024-12-02", "--source", "Wire"];
    let cases = [
        // The latest stored figure is 10,000 (28 October): a rise, a fall, the same figure.
        (
            "The Pentagon said 12,000 North Korean troops are in Russia.",
            1,
            "up",
        ),
        (
            "The Pentagon said 7,000 North Korean troops are in Russia.",
            1,
            "down",
        ),
        (
            "Officials said 10,000 North Korean soldiers were in Russia.",
            0,
            "same",
        ),
        // Only a figure of a metric without history: new.
        (
            "The museum counted 321 visiting penguins on Sunday.",
            0,
            "new",
        ),
    ];
    for (article, code, status) in cases {
        let args = [&["diff", "-", "-f", "jsonl"][..], &meta].concat();
        let out = piped(&data, &args, article);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{article}: {}",
            text(&out.stderr)
        );
        let rows = jsonl(&text(&out.stdout));
        assert!(
            rows.iter().any(|r| r["status"] == status),
            "{article}: {rows:#?}"
        );
    }
    // Trouble is 2: a missing file, a bad option.
    let out = run(&data, &["diff", "no-such-file.txt"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let out = run(&data, &["diff", "-", "--published", "yesterday"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}

#[test]
fn text_on_stdin_takes_its_date_source_and_title_from_options() {
    let tmp = tempfile::tempdir().unwrap();
    let data = store_with_catalog(tmp.path());
    let article = "Officials in Seoul said 3,000 North Korean troops had arrived in Russia.";
    let out = piped(
        &data,
        &[
            "ingest",
            "-",
            "-q",
            "--published",
            "2024-10-23",
            "--source",
            "Yonhap",
            "--title",
            "Troops arrive",
        ],
        article,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let claims = jsonl(&ok(&data, &["export", "claims", "-f", "jsonl"]));
    let c = claims
        .iter()
        .find(|c| c["value"] == 3000.0)
        .unwrap_or_else(|| panic!("{claims:#?}"));
    assert_eq!(c["as_of"], "2024-10-23", "{c}");
    assert_eq!(c["published"], "2024-10-23", "{c}");
    assert_eq!(c["source"], "Yonhap", "{c}");

    // Front matter wins over the options; extract takes them too.
    let with_front = "---\npublished: 2024-11-01\n---\nSeoul said 3,000 troops arrived.\n";
    let out = piped(
        &data,
        &["extract", "-", "-f", "jsonl", "--published", "2024-10-23"],
        with_front,
    );
    let rows = jsonl(&text(&out.stdout));
    assert_eq!(rows[0]["as_of"], "2024-11-01", "{rows:#?}");
    let out = piped(
        &data,
        &["extract", "-", "-f", "jsonl", "--published", "2024-10-23"],
        article,
    );
    assert_eq!(jsonl(&text(&out.stdout))[0]["as_of"], "2024-10-23");

    // Options for stdin without `-` would be dropped: an error.
    let sample = at("data/samples");
    let err = fails(
        &data,
        &["extract", sample.to_str().unwrap(), "--source", "AP"],
    );
    assert!(err.contains("give - as a path"), "{err}");
}

#[test]
fn a_misspelt_metric_gets_a_suggestion_everywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let data = samples(tmp.path());
    for typo in ["nk-troops-in-rusia", "nk-trops-in-russia", "nk-troops"] {
        let err = fails(&data, &["series", typo]);
        assert!(
            err.contains("did you mean nk-troops-in-russia"),
            "{typo}: {err}"
        );
        let out = run(&data, &["export", "series", typo]);
        assert!(out.status.success());
        let err = text(&out.stderr);
        assert!(
            err.contains("did you mean nk-troops-in-russia"),
            "{typo}: {err}"
        );
    }
    let err = fails(&data, &["series", "zzzzzz"]);
    assert!(
        err.contains("metrics lists them") || err.contains("`figtrack metrics`"),
        "{err}"
    );
}

#[test]
fn import_reads_day_and_month_first_dates_and_asks_when_it_cannot_tell() {
    let tmp = tempfile::tempdir().unwrap();
    let data = store_with_catalog(tmp.path());
    let write = |name: &str, text: &str| {
        let p = tmp.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let import = |file: &str, metric: &str, extra: &[&str]| {
        let args = [
            &["import", file, "--metric", metric, "--value-field", "n"][..],
            extra,
        ]
        .concat();
        run(&data, &args)
    };
    let as_of = |metric: &str| -> Vec<String> {
        jsonl(&ok(&data, &["series", metric, "-f", "jsonl"]))
            .iter()
            .map(|r| r["as_of"].as_str().unwrap().to_string())
            .collect()
    };
    let uk = write("uk.csv", "date,n\n03/04/2024,5\n13/11/2024,7\n");
    assert!(import(&uk, "uk-count", &[]).status.success());
    assert_eq!(as_of("uk-count"), ["2024-04-03", "2024-11-13"]);
    let us = write("us.csv", "date,n\n03/04/2024,5\n11/13/2024,7\n");
    assert!(import(&us, "us-count", &[]).status.success());
    assert_eq!(as_of("us-count"), ["2024-03-04", "2024-11-13"]);

    let unclear = write("unclear.csv", "date,n\n03/04/2024,5\n05/06/2024,7\n");
    let out = import(&unclear, "unclear-count", &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("unclear.csv: line 2") && err.contains("--date-format"),
        "{err}"
    );
    let out = import(&unclear, "unclear-count", &["--date-format", "%m/%d/%Y"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(as_of("unclear-count"), ["2024-03-04", "2024-05-06"]);
}
