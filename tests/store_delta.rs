//! The store as Delta tables (issue 12 item 1): revisions replace rows instead of adding
//! duplicates, compaction keeps every claim, `--as-known` reads the store of a date or a
//! version, and `migrate` converts a store of the earlier format losing nothing.
#![cfg(feature = "tracker")]

mod tracker_common;

use figtrack::model::Claim;
use figtrack::store::{self, StoredClaim};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, SystemTime};
use tracker_common::*;

/// (claim_id, value) of every stored claim, as `export claims` shows them, with args.
fn values(store: &Path, args: &[&str]) -> BTreeMap<String, f64> {
    let mut all = vec!["export", "claims", "-f", "jsonl"];
    all.extend_from_slice(args);
    let rows = jsonl(&ok(store, &all));
    let map: BTreeMap<String, f64> = rows
        .iter()
        .map(|r| (r["claim_id"].as_str().unwrap().to_string(), num(r, "value")))
        .collect();
    assert_eq!(map.len(), rows.len(), "a claim id shown twice");
    map
}

/// Sets the time of the newest version of each table's log to `day` at noon (UTC): as if
/// that commit had been made then.
fn date_last_commit(store: &Path, day: &str) {
    let d = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    let secs = d.and_hms_opt(12, 0, 0).unwrap().and_utc().timestamp() as u64;
    let when = SystemTime::UNIX_EPOCH + Duration::from_secs(secs);
    for sub in ["claims", "documents"] {
        let log = store.join(sub).join("_delta_log");
        let newest = std::fs::read_dir(&log)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .max()
            .unwrap();
        std::fs::File::options()
            .write(true)
            .open(&newest)
            .unwrap()
            .set_modified(when)
            .unwrap();
    }
}

/// Imports a CSV of daily truck deliveries (`day,trucks`) into the aid-trucks metric.
fn import_trucks(store: &Path, csv: &str) {
    ok(
        store,
        &[
            "import",
            csv,
            "--metric",
            "aid-trucks",
            "--date-field",
            "day",
            "--value-field",
            "trucks",
        ],
    );
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn as_known_answers_with_the_store_of_that_date_or_version() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_with_catalog(tmp.path());
    let days = ["2024-10-30", "2024-10-31", "2024-11-01"];
    for (i, (day, n)) in days.iter().zip([8000, 10000, 11000]).enumerate() {
        let doc = write(
            tmp.path(),
            &format!("d{i}.md"),
            &format!(
                "---\npublished: {day}\nsource: Wire {i}\n---\nAbout {n} North Korean troops \
                 are in Russia, officials said.\n"
            ),
        );
        ok(&store, &["ingest", "-q", &doc]);
        // The table is created with the first ingest: its creation dates from the first day.
        if i == 0 {
            let log = store.join("claims").join("_delta_log");
            for v in ["00000000000000000000.json", "00000000000000000001.json"] {
                std::fs::File::options()
                    .write(true)
                    .open(log.join(v))
                    .unwrap()
                    .set_modified(
                        SystemTime::UNIX_EPOCH
                            + Duration::from_secs(
                                chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
                                    .unwrap()
                                    .and_hms_opt(11, 0, 0)
                                    .unwrap()
                                    .and_utc()
                                    .timestamp() as u64,
                            ),
                    )
                    .unwrap();
            }
        }
        date_last_commit(&store, day);
    }
    let series = |args: &[&str]| -> Vec<f64> {
        let mut all = vec!["series", "nk-troops-in-russia", "-f", "jsonl"];
        all.extend_from_slice(args);
        jsonl(&ok(&store, &all))
            .iter()
            .map(|r| num(r, "value"))
            .collect()
    };
    assert_eq!(series(&[]), [8000.0, 10000.0, 11000.0]);
    let table: &[(&str, &[f64])] = &[
        ("2024-10-29", &[]),
        ("2024-10-30", &[8000.0]),
        ("2024-10-31", &[8000.0, 10000.0]),
        ("2024-10-31T11:59:00Z", &[8000.0]),
        ("2024-10-31T13:00:00+01:00", &[8000.0, 10000.0]),
        ("2024-11-01", &[8000.0, 10000.0, 11000.0]),
        ("2030-01-01", &[8000.0, 10000.0, 11000.0]),
        ("0", &[]),
        ("1", &[8000.0]),
        ("2", &[8000.0, 10000.0]),
        ("3", &[8000.0, 10000.0, 11000.0]),
    ];
    for (when, want) in table {
        assert_eq!(series(&["--as-known", when]), *want, "--as-known {when}");
    }
    // export, chart and diff take it too.
    assert_eq!(values(&store, &["--as-known", "2024-10-31"]).len(), 2);
    let png = tmp.path().join("c.png");
    ok(
        &store,
        &[
            "chart",
            "nk-troops-in-russia",
            "-o",
            png.to_str().unwrap(),
            "--as-known",
            "1",
        ],
    );
    assert!(std::fs::metadata(&png).unwrap().len() > 0);
    let doc = write(
        tmp.path(),
        "new.md",
        "---\npublished: 2024-11-02\nsource: Wire 9\n---\nAbout 11,000 North Korean troops are \
         in Russia.\n",
    );
    let diff = |when: &str| {
        jsonl(&ok(
            &store,
            &["diff", &doc, "-f", "jsonl", "--as-known", when],
        ))[0]["status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(diff("2024-10-29"), "new");
    assert_ne!(diff("2024-11-01"), "new");
    // A version the table does not have, and words that are no time, are errors.
    let err = fails(&store, &["series", "--as-known", "next week"]);
    assert!(
        err.contains("--as-known") && err.contains("next week"),
        "{err}"
    );
}

#[test]
fn revisions_replace_rows_and_compaction_keeps_every_claim() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_with_catalog(tmp.path());
    let import = |text: &str| import_trucks(&store, &write(tmp.path(), "deliveries.csv", text));
    import("day,trucks\n2024-05-01,40\n2024-05-02,46\n2024-06-04,51\n");
    let first = values(&store, &[]);
    assert_eq!(first.len(), 3);
    // A corrected file: one value revised in each month, one added.
    import("day,trucks\n2024-05-01,40\n2024-05-02,47\n2024-06-04,52\n2024-06-05,60\n");
    let revised = values(&store, &[]);
    assert_eq!(revised.len(), 4);
    let mut got: Vec<f64> = revised.values().copied().collect();
    got.sort_by(f64::total_cmp);
    assert_eq!(got, [40.0, 47.0, 52.0, 60.0]);
    // Every live file holds each claim id once: a reader of the files the log lists sees
    // what figtrack shows.
    let mut ids = Vec::new();
    for part in live_files(&store, "claims") {
        use polars::prelude::SerReader;
        let df = polars::prelude::ParquetReader::new(std::fs::File::open(&part).unwrap())
            .finish()
            .unwrap();
        let col = df.column("claim_id").unwrap().str().unwrap().clone();
        ids.extend(col.iter().map(|s| s.unwrap().to_string()));
    }
    ids.sort();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "a claim id in two live rows");
    assert_eq!(n, 4);
    // The store before the revision is still there.
    assert_eq!(values(&store, &["--as-known", "1"]), first);
    // Compaction: one file per month, the same claims.
    ok(&store, &["compact"]);
    assert_eq!(values(&store, &[]), revised);
    assert_eq!(live_files(&store, "claims").len(), 2);
    assert_eq!(values(&store, &["--as-known", "1"]), first);
}

/// Writes an old-format part of `rows` as `claims/part-T-N.parquet`.
fn old_part(store: &Path, sub: &str, txn: &str, df: &mut polars::prelude::DataFrame) -> String {
    let name = format!("part-{txn}-00000.parquet");
    std::fs::create_dir_all(store.join(sub)).unwrap();
    store::write_parquet(&store.join(sub).join(&name), df).unwrap();
    name
}

fn claim(id: &str, day: (i32, u32, u32), value: f64) -> StoredClaim {
    let d = chrono::NaiveDate::from_ymd_opt(day.0, day.1, day.2);
    StoredClaim {
        claim: Claim {
            doc: "deliveries.csv".into(),
            claim_id: id.into(),
            published: d,
            as_of: d,
            metric: Some("aid-trucks".into()),
            value,
            text: format!("{value}"),
            ..Claim::default()
        },
        source: Some("Depot".into()),
    }
}

#[test]
fn migrate_converts_an_old_store_losing_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("old");
    std::fs::create_dir_all(store.join("commits")).unwrap();
    let record = |txn: &str, claims: &[String], documents: &[String], extra: &str| {
        std::fs::write(
            store.join("commits").join(format!("{txn}.json")),
            format!(
                "{{\"txn\": \"{txn}\", \"command\": \"import\", \"claims\": {}, \"documents\": {}, \
                 \"n_claims\": 0, \"n_documents\": 0{extra}}}",
                serde_json::to_string(claims).unwrap(),
                serde_json::to_string(documents).unwrap()
            ),
        )
        .unwrap();
    };
    // A run that a compaction superseded, the compaction, a revision, and a killed run.
    let (stale, compacted, revision, killed) = (
        "1000000000000001",
        "1000000000000002",
        "1000000000000003",
        "1000000000000004",
    );
    let rows = |cs: &[StoredClaim]| store::claims_frame(cs).unwrap();
    let a = old_part(
        &store,
        "claims",
        stale,
        &mut rows(&[claim("aaaa", (2024, 5, 1), 1.0)]),
    );
    record(stale, &[a], &[], "");
    let b = old_part(
        &store,
        "claims",
        compacted,
        &mut rows(&[
            claim("aaaa", (2024, 5, 1), 40.0),
            claim("bbbb", (2024, 6, 2), 46.0),
            claim("cccc", (2024, 6, 3), 50.0),
        ]),
    );
    let doc = store::DocRecord {
        id: "deliveries.csv".into(),
        content_hash: "0".repeat(32),
        published: None,
        source: Some("Depot".into()),
        url: None,
        title: None,
        claims: 3,
    };
    let d = old_part(
        &store,
        "documents",
        compacted,
        &mut store::documents_frame(&[doc]).unwrap(),
    );
    record(
        compacted,
        &[b],
        &[d],
        &format!(", \"supersedes\": [\"{stale}\"]"),
    );
    let c = old_part(
        &store,
        "claims",
        revision,
        &mut rows(&[claim("bbbb", (2024, 6, 2), 47.0)]),
    );
    record(revision, &[c], &[], ", \"revises\": true");
    std::fs::write(
        store.join("commits").join(format!("{killed}.pending")),
        "ingest\n",
    )
    .unwrap();
    old_part(
        &store,
        "claims",
        killed,
        &mut rows(&[claim("dddd", (2024, 7, 1), 9.0)]),
    );
    let before = snapshot(&store);

    for args in [
        vec!["series"],
        vec!["export", "claims"],
        vec!["ingest", "x.md"],
        vec!["compact"],
    ] {
        let err = fails(&store, &args);
        assert!(err.contains("figtrack migrate"), "{args:?}: {err}");
    }
    assert_eq!(snapshot(&store), before, "the refusals changed nothing");

    let out = run(&store, &["migrate"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("3 claim(s), 1 document(s)"), "{err}");
    let want = BTreeMap::from([
        ("aaaa".to_string(), 40.0),
        ("bbbb".to_string(), 47.0),
        ("cccc".to_string(), 50.0),
    ]);
    assert_eq!(values(&store, &[]), want);
    assert_eq!(live_files(&store, "documents").len(), 1);
    // Every old file, byte for byte, under pre-delta/.
    for (rel, bytes) in &before {
        let moved = store.join("pre-delta").join(rel);
        assert_eq!(
            &std::fs::read(&moved).unwrap(),
            bytes,
            "{}",
            moved.display()
        );
    }
    assert!(!store.join("commits").exists());
    assert!(!store.join(".migrate").exists());
    // Once is enough; the store takes new runs.
    let again = run(&store, &["migrate"]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("nothing to migrate"));
    let csv = write(
        tmp.path(),
        "more.csv",
        "day,trucks\n2024-06-03,55\n2024-07-09,70\n",
    );
    import_trucks(&store, &csv);
    assert_eq!(values(&store, &[]).len(), 5);
}

/// A run killed between its claims commit and its documents commit (here: the documents'
/// version removed after the fact, which leaves exactly that state) has its documents
/// committed by the next writer, so the same articles are not ingested twice.
#[test]
fn documents_of_a_run_killed_between_its_commits_are_committed_next() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_with_catalog(tmp.path());
    let samples = at("data/samples");
    ok(&store, &["ingest", "-q", samples.to_str().unwrap()]);
    let claims = values(&store, &[]);
    let docs = live_files(&store, "documents");
    std::fs::remove_file(
        store
            .join("documents")
            .join("_delta_log")
            .join("00000000000000000001.json"),
    )
    .unwrap();
    assert!(live_files(&store, "documents").is_empty());
    let out = run(&store, &["ingest", "-q", samples.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("committed the documents of an interrupted run"),
        "{err}"
    );
    assert!(err.contains("nothing new"), "{err}");
    assert_eq!(live_files(&store, "documents"), docs);
    assert_eq!(values(&store, &[]), claims);
}
