//! The North Korean troops scenario on the bundled articles, through the real binary.
#![cfg(feature = "tracker")]

mod tracker_common;

use tracker_common::*;

const NK: [&str; 3] = [
    "data/samples/2024-10-18-nk-troops-first-reports.md",
    "data/samples/2024-10-23-nk-troops-3000.md",
    "data/samples/2024-10-29-nk-troops-10000.md",
];

fn ingest_nk(store: &std::path::Path) -> String {
    let paths: Vec<String> = NK.iter().map(|p| at(p).display().to_string()).collect();
    let mut args = vec!["ingest", "--format", "jsonl"];
    args.extend(paths.iter().map(String::as_str));
    ok(store, &args)
}

#[test]
fn troops_series_idempotent_ingest_and_diff() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_with_catalog(tmp.path());

    // Ingest prints the diff of the new claims: 10,000 is up from 3,000.
    let diff = jsonl(&ingest_nk(&store));
    let nk: Vec<_> = diff
        .iter()
        .filter(|d| d["metric"] == "nk-troops-in-russia")
        .collect();
    // 1,500; Kirby's 3,000; 10,000 and the 3,000 it is up from "the week before".
    assert_eq!(nk.len(), 4, "{nk:#?}");
    assert_eq!(nk[0]["status"], "new");
    let ten = nk.iter().find(|d| num(d, "value") == 10000.0).unwrap();
    assert_eq!(ten["status"], "up");
    assert_eq!(num(ten, "delta"), 7000.0);

    let series = ok(
        &store,
        &["series", "nk-troops-in-russia", "--format", "json"],
    );
    let rows: Vec<serde_json::Value> = serde_json::from_str(&series).unwrap();
    assert_eq!(rows.len(), 4, "{series}");
    let values: Vec<f64> = rows.iter().map(|r| num(r, "value")).collect();
    assert_eq!(values, [1500.0, 3000.0, 3000.0, 10000.0]);
    assert_eq!(rows[1]["as_of"], "2024-10-21");
    let last = &rows[3];
    assert_eq!(last["as_of"], "2024-10-28");
    assert_eq!(num(last, "delta"), 7000.0);
    assert!((num(last, "ratio") - 3.333).abs() < 0.001, "{last}");
    assert_eq!(last["days"], 5);
    assert_eq!(num(last, "per_day"), 1400.0);
    assert_eq!(last["change"], "up");
    assert!(last["anomaly"].is_null());
    assert_eq!(last["n_reports"], 1);
    assert_eq!(rows[0]["change"], "new");
    assert_eq!(rows[0]["bound"], "~");
    // "about 1,500" is what rounds to it: [1,450, 1,550).
    assert_eq!(num(&rows[0], "low"), 1450.0);
    assert_eq!(num(&rows[0], "high"), 1550.0);

    // Ingesting again adds nothing and says so.
    let before = snapshot(&store);
    let out = figtrack(&store)
        .arg("ingest")
        .arg("--quiet")
        .args(NK.iter().map(|p| at(p)))
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nothing new"), "{err}");
    assert_eq!(
        snapshot(&store).keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    let again = ok(
        &store,
        &["series", "nk-troops-in-russia", "--format", "json"],
    );
    assert_eq!(again, series);

    // About 11,000 a week later is up by 1,000.
    let fixture = at("tests/fixtures/2024-11-05-nk-troops-11000.md");
    // A rise is a change: diff exits 1, as diff(1) does.
    let out = run(
        &store,
        &["diff", fixture.to_str().unwrap(), "--format", "jsonl"],
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let diff = jsonl(&String::from_utf8(out.stdout).unwrap());
    let d = diff
        .iter()
        .find(|d| d["metric"] == "nk-troops-in-russia")
        .unwrap_or_else(|| panic!("no troops claim in {diff:#?}"));
    assert_eq!(d["status"], "up", "{d}");
    assert_eq!(num(d, "delta"), 1000.0);
    assert_eq!(num(d, "previous_value"), 10000.0);
    assert_eq!(d["previous_as_of"], "2024-10-28");
    assert_eq!(d["days"], 7);
    assert!((num(d, "ratio") - 1.1).abs() < 1e-9);
    // diff stored nothing.
    assert_eq!(snapshot(&store), before);
}

#[test]
fn series_filters_by_date_and_metric() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_with_catalog(tmp.path());
    ingest_nk(&store);
    let rows = jsonl(&ok(
        &store,
        &[
            "series",
            "nk-troops-in-russia",
            "--since",
            "2024-10-20",
            "--until",
            "2024-10-25",
            "--format",
            "jsonl",
        ],
    ));
    // The change is still measured from the observation before --since: the Pentagon's 3,000
    // of 21 October ("the week before"), then Kirby's of 23 October.
    assert_eq!(rows.len(), 2);
    assert_eq!(num(&rows[0], "value"), 3000.0);
    assert_eq!(num(&rows[0], "delta"), 1500.0);
    assert_eq!(num(&rows[1], "delta"), 0.0);

    let err = fails(&store, &["series", "no-such-metric"]);
    assert!(err.contains("no-such-metric"), "{err}");
    let err = fails(&store, &["series", "--since", "2024-13-01"]);
    assert!(err.contains("2024-13-01"), "{err}");
}

#[test]
fn metrics_lists_catalog_and_derived_with_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_with_catalog(tmp.path());
    ok(
        &store,
        &["ingest", "-q", at("data/samples").to_str().unwrap()],
    );
    let rows = jsonl(&ok(&store, &["metrics", "--format", "jsonl"]));
    let nk = rows
        .iter()
        .find(|r| r["metric"] == "nk-troops-in-russia")
        .unwrap();
    assert_eq!(nk["origin"], "catalog");
    assert_eq!(nk["claims"], 4);
    assert_eq!(nk["first"], "2024-10-18");
    assert!(rows.iter().any(|r| r["origin"] == "derived"));
    // Stated changes are stored but are not levels: "cut by 300 megawatts".
    let cap = rows
        .iter()
        .find(|r| r["metric"] == "ukraine-generating-capacity")
        .unwrap();
    assert_eq!(cap["claims"], 1);
    assert_eq!(cap["levels"], 0);
    let series = jsonl(&ok(
        &store,
        &["series", "ukraine-generating-capacity", "--format", "jsonl"],
    ));
    assert!(series.is_empty(), "{series:?}");
}

#[test]
fn two_documents_with_one_name_are_both_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_with_catalog(tmp.path());
    for (dir, n) in [("a", "1,500"), ("b", "2,500")] {
        let d = tmp.path().join(dir);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(
            d.join("report.md"),
            format!(
                "---\npublished: 2024-10-18\nsource: Wire {dir}\n---\nOfficials said about {n} North Korean troops were in Russia.\n"
            ),
        )
        .unwrap();
    }
    ok(
        &store,
        &[
            "ingest",
            "-q",
            tmp.path().join("a/report.md").to_str().unwrap(),
        ],
    );
    let out = run(
        &store,
        &[
            "ingest",
            "-q",
            tmp.path().join("b/report.md").to_str().unwrap(),
        ],
    );
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("report~"));
    let claims = jsonl(&ok(&store, &["export", "claims", "--format", "jsonl"]));
    let docs: std::collections::BTreeSet<&str> =
        claims.iter().map(|c| c["doc"].as_str().unwrap()).collect();
    assert_eq!(docs.len(), 2, "{docs:?}");
    let ids: std::collections::BTreeSet<&str> = claims
        .iter()
        .map(|c| c["claim_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), claims.len());
}

#[test]
fn reports_of_one_day_keep_what_each_source_said() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_with_catalog(tmp.path());
    // Wire A revises its figure the same day; Wire C disagrees with it.
    let reports = [
        ("a", "Wire A", "about 10,000"),
        ("b", "Wire B", "more than 9,000"),
        ("c", "Wire A", "11,000"),
        ("d", "Wire C", "12,000"),
    ];
    let mut paths = Vec::new();
    for (name, source, figure) in reports {
        let p = tmp.path().join(format!("{name}.md"));
        std::fs::write(
            &p,
            format!(
                "---\npublished: 2024-11-01\nsource: {source}\n---\nThere are {figure} North Korean troops in Russia.\n"
            ),
        )
        .unwrap();
        paths.push(p.display().to_string());
    }
    let mut args = vec!["ingest", "-q"];
    args.extend(paths.iter().map(String::as_str));
    ok(&store, &args);
    let rows = jsonl(&ok(
        &store,
        &["series", "nk-troops-in-russia", "--format", "jsonl"],
    ));
    assert_eq!(rows.len(), 1, "{rows:#?}");
    let day = &rows[0];
    // Wire A's revision stands in place of its first figure; no median of the four.
    assert_eq!(day["n_reports"], 3);
    assert_eq!(num(day, "value"), 12000.0);
    assert_eq!(
        day["reported"],
        "more than 9,000 (Wire B); 11,000 (Wire A); 12,000 (Wire C)"
    );
    // The cover of (9,000, inf), [11,000, 11,000] and [12,000, 12,000].
    assert_eq!(num(day, "low"), 9000.0);
    assert!(day["high"].is_null(), "{day}");
    assert_eq!(day["bound"], "mixed");
    assert_eq!(day["change"], "conflict");
    assert!(day["anomaly"].is_null(), "{day}");
    // No speaker is named: each report is known by its publication.
    assert_eq!(
        day["attributions"],
        serde_json::json!(["Wire A", "Wire B", "Wire C"])
    );

    // --explain: the four claims behind the day, the revised one too, each with its publication
    // as `source`, no attribution, and the catalog phrase that filed it.
    let rows = jsonl(&ok(
        &store,
        &[
            "series",
            "nk-troops-in-russia",
            "--explain",
            "--format",
            "jsonl",
        ],
    ));
    assert_eq!(rows.len(), 4, "{rows:#?}");
    let sources: Vec<&str> = rows.iter().map(|r| r["source"].as_str().unwrap()).collect();
    assert_eq!(sources, ["Wire A", "Wire B", "Wire A", "Wire C"]);
    for r in &rows {
        assert_eq!(num(r, "observed"), 12000.0, "{r}");
        assert_eq!(r["change"], "conflict", "{r}");
        assert!(r["attribution"].is_null(), "{r}");
        let matched = r["matched"].as_str().unwrap_or_default();
        assert!(matched.contains(" in "), "{r}");
        assert!(
            r["sentence"]
                .as_str()
                .unwrap()
                .contains("North Korean troops")
        );
    }
    let values: Vec<f64> = rows.iter().map(|r| num(r, "value")).collect();
    assert_eq!(values, [10000.0, 9000.0, 11000.0, 12000.0]);
}

#[test]
fn explain_names_speaker_publication_and_catalog_phrase() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_with_catalog(tmp.path());
    ingest_nk(&store);
    let series = jsonl(&ok(
        &store,
        &["series", "nk-troops-in-russia", "--format", "jsonl"],
    ));
    let rows = jsonl(&ok(
        &store,
        &[
            "series",
            "nk-troops-in-russia",
            "--explain",
            "--format",
            "jsonl",
        ],
    ));
    // One claim behind each observation of the seed story, in date order.
    assert_eq!(rows.len(), series.len(), "{rows:#?}");
    for (r, o) in rows.iter().zip(&series) {
        assert_eq!(r["as_of"], o["as_of"]);
        assert_eq!(r["observed"], o["value"]);
        assert_eq!(r["change"], o["change"]);
        // The speaker and the publication are two fields, never one for the other.
        let (who, publication) = (r["attribution"].as_str(), r["source"].as_str());
        assert!(who.is_some() && publication.is_some(), "{r}");
        assert_ne!(who, publication, "{r}");
        assert_eq!(o["attributions"], serde_json::json!([who.unwrap()]));
        assert!(
            r["matched"].as_str().is_some_and(|m| m.starts_with('"')),
            "{r}"
        );
    }
    // A period keeps only its claims; the table has the columns people read.
    let since = ok(
        &store,
        &[
            "series",
            "nk-troops-in-russia",
            "--explain",
            "--since",
            "2024-10-20",
            "--format",
            "jsonl",
        ],
    );
    assert_eq!(jsonl(&since).len(), series.len() - 1);
    let table = ok(&store, &["series", "--explain", "--format", "table"]);
    let header = table.lines().next().unwrap();
    for c in ["observed", "attribution", "source", "matched", "sentence"] {
        assert!(header.split_whitespace().any(|h| h == c), "{header}");
    }
    // An empty period prints the columns all the same.
    let empty = ok(
        &store,
        &[
            "series",
            "--explain",
            "--since",
            "2030-01-01",
            "--format",
            "csv",
        ],
    );
    assert!(empty.starts_with("metric,as_of,observed,change"), "{empty}");
}
