//! `figtrack report` end to end: the files of a report, article text kept as text (HTML and
//! Markdown), formulas neutralised in the CSV files, reports replaced whole, and bad input.
#![cfg(feature = "charts")]

mod chart_common;

use chart_common::*;
use std::path::{Path, PathBuf};

const XSS_TITLE: &str = "<script>alert(1)</script>";

/// A store with hostile article text: a script title, a formula concept, markup in a sentence,
/// a javascript: link; plus a running total and a conflict.
fn hostile_store(dir: &Path) -> PathBuf {
    let data = dir.join("data");
    let mut a = claim("a", 1, "nk-troops-in-russia", "2024-10-18", 1500.0, "NIS");
    a.claim.concept = Some("=HYPERLINK(\"http://evil.example\",\"x\")".into());
    a.claim.sentence =
        "NIS said <img src=x onerror=alert(2)> 1,500 | *troops* [x](y) moved.".into();
    a.claim.text = "1,500".into();
    let b = claim(
        "b",
        1,
        "nk-troops-in-russia",
        // The day of NIS's 1,500: sources that disagree about the same date conflict.
        "2024-10-18",
        5000.0,
        "=cmd|' /C calc'!A0",
    );
    let mut c = claim(
        "c",
        1,
        "nk-troops-in-russia",
        "2024-10-29",
        10000.0,
        "Pentagon",
    );
    c.claim.metric_match = Some("\"north korean troops\" in clause".into());
    c.source = Some("Baltic Standard".into());
    let mut claims = daily_claims("personnel-losses", 120);
    claims.extend([a, b, c]);
    let docs = [
        doc("a", XSS_TITLE, Some("javascript:alert(3)")),
        doc(
            "b",
            "Second \"report\" & more",
            Some("https://example.org/b?x=1&y=2"),
        ),
        doc("c", "Pentagon raises its estimate", None),
    ];
    make_store(&data, CATALOG, &claims, &docs);
    data
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn report_has_every_file_and_article_text_stays_text() {
    let tmp = tempfile::tempdir().unwrap();
    let data = hostile_store(tmp.path());
    let out = tmp.path().join("reports/story");
    let o = figtrack(&data, &["report", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o).trim(),
        out.join("index.html").display().to_string()
    );
    assert_eq!(
        list(&out),
        [
            ".figtrack-report",
            "claims.csv",
            "index.html",
            "index.md",
            "nk-troops-in-russia-changes.png",
            "nk-troops-in-russia.png",
            "personnel-losses-changes.png",
            "personnel-losses.png",
            "series.csv",
        ]
    );
    for f in ["nk-troops-in-russia.png", "personnel-losses-changes.png"] {
        let img = decode_file(&out.join(f));
        assert_eq!((img.width, img.height), (1200, 675));
        img.assert_has_text_at_top(f);
    }

    let html = read(&out.join("index.html"));
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "title shown as text"
    );
    assert!(
        !html.to_lowercase().contains("<script"),
        "no script element"
    );
    assert!(
        !html.contains("<img src=x"),
        "markup in a sentence stays text"
    );
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(!html.contains("javascript:"), "no javascript: link");
    assert!(html.contains("href=\"https://example.org/b?x=1&amp;y=2\""));
    assert!(html.contains("Second &quot;report&quot; &amp; more"));
    assert!(html.contains("Content-Security-Policy"));
    assert!(
        html.contains("<mark>1,500</mark>"),
        "the figure is marked in its sentence"
    );
    assert!(html.contains("src=\"personnel-losses.png\""));
    assert!(html.contains("conflict"), "the conflict is flagged");
    assert!(
        html.contains("The latest 40 of 120"),
        "long series are cut, the CSV has all"
    );

    let md = read(&out.join("index.md"));
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{md}");
    assert!(!md.contains("<script") && !md.contains("<img"));
    assert!(!md.contains("javascript:"));
    assert!(md.contains(
        "![Chart of North Korean troops in Russia: observations](nk-troops-in-russia.png)"
    ));

    // The speaker, the publication and the catalog phrase that filed the claim, apart.
    assert!(html.contains("<th>Attribution</th><th>Source</th><th>Matched</th>"));
    assert!(html.contains(
        "<td>Pentagon</td><td>Baltic Standard</td><td>&quot;north korean troops&quot; in clause</td>"
    ));
    assert!(html.contains("<th>Attributions</th>") && !html.contains("<th>Sources</th>"));
    assert!(md.contains(
        ": Pentagon in Pentagon raises its estimate (Baltic Standard), published 2024-10-29"
    ));
    assert!(
        md.contains("; matched \"north korean troops\" in clause; claim"),
        "{md}"
    );

    let claims = read(&out.join("claims.csv"));
    assert!(claims.starts_with("metric,as_of,published,value,"));
    assert!(
        claims
            .lines()
            .next()
            .unwrap()
            .contains(",text,attribution,source,matched,status,")
    );
    assert!(
        claims.contains(",Pentagon,Baltic Standard,\"\"\"north korean troops\"\" in clause\",")
    );
    assert!(
        claims.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""),
        "a concept starting with = is neutralised: {claims}"
    );
    assert!(
        claims.contains("'=cmd|"),
        "a source starting with = is neutralised"
    );
    assert!(!claims.contains(",=cmd") && !claims.contains(",=HYPERLINK"));
    assert_eq!(claims.lines().count(), 1 + 123);
    let series = read(&out.join("series.csv"));
    assert!(series.starts_with("metric,label,as_of,value,low,high,bound,n_reports,attributions,"));
    assert_eq!(series.lines().count(), 1 + 120 + 2);
    assert!(series.contains("'=cmd|"));
}

#[test]
fn named_metrics_only_and_replacing_a_report() {
    let tmp = tempfile::tempdir().unwrap();
    let data = hostile_store(tmp.path());
    let out = tmp.path().join("rep");
    // What a run killed while writing leaves behind (its process is gone).
    std::fs::create_dir_all(tmp.path().join(".rep.tmp-4999999/x")).unwrap();
    let o = figtrack(
        &data,
        &["report", "personnel-losses", "-o", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        !tmp.path().join(".rep.tmp-4999999").exists(),
        "leftovers are removed"
    );
    assert!(out.join("personnel-losses.png").exists());
    assert!(!out.join("nk-troops-in-russia.png").exists());
    // A second run replaces the report whole; nothing is left beside it.
    let o = figtrack(
        &data,
        &[
            "report",
            "nk-troops-in-russia",
            "no-claims-yet",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("nk-troops-in-russia.png").exists());
    assert!(
        !out.join("personnel-losses.png").exists(),
        "the old report is gone"
    );
    let html = read(&out.join("index.html"));
    assert!(html.contains("A metric with no claims"));
    assert!(html.contains("No observations in this period."));
    assert_eq!(
        list(tmp.path()),
        ["data", "rep"],
        "no temporary folders left"
    );
}

#[test]
fn bad_input_leaves_no_half_report() {
    let tmp = tempfile::tempdir().unwrap();
    let data = hostile_store(tmp.path());

    let out = tmp.path().join("r1");
    let o = figtrack(&data, &["report", "nk-troops", "-o", out.to_str().unwrap()]);
    assert_clean_failure(&o, "did you mean nk-troops-in-russia");
    assert!(!out.exists());

    // A folder that is not a report is not replaced.
    let other = tmp.path().join("notes");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("keep.txt"), "mine").unwrap();
    let o = figtrack(&data, &["report", "-o", other.to_str().unwrap()]);
    assert_clean_failure(&o, "is not a figtrack report");
    assert_eq!(list(&other), ["keep.txt"]);

    // A file where the folder would go, and a parent that cannot be created.
    let file = tmp.path().join("file.txt");
    std::fs::write(&file, "x").unwrap();
    let o = figtrack(&data, &["report", "-o", file.to_str().unwrap()]);
    assert_clean_failure(&o, "is not a folder");
    let o = figtrack(&data, &["report", "-o", file.join("rep").to_str().unwrap()]);
    assert_clean_failure(&o, "cannot create the folder");
    let o = figtrack(&data, &["report", "-o", "/proc/figtrack-report"]);
    assert_clean_failure(&o, "cannot write the report there");

    // An empty store.
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let o = figtrack(
        &empty,
        &["report", "-o", tmp.path().join("r2").to_str().unwrap()],
    );
    assert_clean_failure(&o, "no claims to report");

    let o = figtrack(
        &data,
        &[
            "report",
            "-o",
            tmp.path().join("r3").to_str().unwrap(),
            "--since",
            "2031-01-01",
        ],
    );
    assert_clean_failure(&o, "no observations since 2031-01-01 to report");

    let names: Vec<String> = list(tmp.path());
    assert_eq!(
        names,
        ["data", "empty", "file.txt", "notes"],
        "no half-written report"
    );
}
