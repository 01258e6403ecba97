//! Review that sticks: reject, assign and restore change series, diff, chart, report and export,
//! and survive re-ingesting and compaction (issue 13 item 3).

mod tracker_common;

use serde_json::Value;
use std::path::Path;
use tracker_common::*;

/// A store of the samples (ingested as two runs, so there is something to compact).
fn store(dir: &Path) -> std::path::PathBuf {
    let data = store_with_catalog(dir);
    let samples = at("data/samples");
    let first = dir.join("first");
    std::fs::create_dir(&first).unwrap();
    for e in std::fs::read_dir(&samples).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with("2024-10-18") || name.starts_with("2024-10-23") {
            std::fs::copy(e.path(), first.join(&name)).unwrap();
        }
    }
    ok(&data, &["ingest", "-q", first.to_str().unwrap()]);
    ok(&data, &["ingest", "-q", samples.to_str().unwrap()]);
    data
}

fn claim_id(data: &Path, metric: &str, value: f64) -> String {
    claim_id_in(data, metric, value, "")
}

/// The id of the claim of `value` in `metric` from the document whose id starts with `doc`.
fn claim_id_in(data: &Path, metric: &str, value: f64, doc: &str) -> String {
    let rows = jsonl(&ok(
        data,
        &["export", "claims", metric, "--format", "jsonl"],
    ));
    rows.iter()
        .find(|r| {
            r["value"].as_f64() == Some(value)
                && r["doc"].as_str().is_some_and(|d| d.starts_with(doc))
        })
        .and_then(|r| r["claim_id"].as_str())
        .unwrap_or_else(|| panic!("no claim of {value} in {metric}: {rows:?}"))
        .to_string()
}

fn series_values(data: &Path, metric: &str) -> Vec<f64> {
    jsonl(&ok(data, &["series", metric, "--format", "jsonl"]))
        .iter()
        .map(|r| num(r, "value"))
        .collect()
}

/// The values a chart of `metric` draws, as the chart command loads them.
fn chart_values(data: &Path, metric: &str) -> Vec<f64> {
    let store = figtrack::store::Store::open(data).unwrap();
    let loaded = figtrack::chart::data::load(
        &store,
        &[metric.to_string()],
        &figtrack::series::Filter::default(),
    )
    .unwrap();
    loaded[0].observations.iter().map(|o| o.value).collect()
}

fn exported_ids(data: &Path) -> Vec<String> {
    jsonl(&ok(data, &["export", "claims", "--format", "jsonl"]))
        .iter()
        .filter_map(|r: &Value| r["claim_id"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn a_rejected_claim_leaves_every_output_and_comes_back_when_restored() {
    let tmp = tempfile::tempdir().unwrap();
    let data = store(tmp.path());
    let metric = "nk-troops-in-russia";
    // 1,500; the Pentagon's 3,000 "the week before" (21 October); Kirby's 3,000; 10,000.
    assert_eq!(
        series_values(&data, metric),
        [1500.0, 3000.0, 3000.0, 10000.0]
    );
    let id = claim_id(&data, metric, 1500.0);

    ok(
        &data,
        &["reject", &id, "--reason", "early estimate", "--by", "desk"],
    );
    assert_eq!(series_values(&data, metric), [3000.0, 3000.0, 10000.0]);
    assert_eq!(
        chart_values(&data, metric),
        [3000.0, 3000.0, 10000.0],
        "the chart leaves it out"
    );
    assert!(!exported_ids(&data).contains(&id), "export leaves it out");
    let report = tmp.path().join("report");
    ok(&data, &["report", metric, "-o", report.to_str().unwrap()]);
    let claims_csv = std::fs::read_to_string(report.join("claims.csv")).unwrap();
    assert!(!claims_csv.contains(&id), "the report leaves it out");

    // Re-ingesting the same articles and compacting keep the decision.
    ok(
        &data,
        &["ingest", "-q", at("data/samples").to_str().unwrap()],
    );
    ok(&data, &["compact"]);
    assert_eq!(series_values(&data, metric), [3000.0, 3000.0, 10000.0]);

    let listed = jsonl(&ok(&data, &["decisions", "--format", "jsonl"]));
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["who"], "desk");
    assert_eq!(listed[0]["reason"], "early estimate");
    assert_eq!(listed[0]["action"], "reject");

    ok(&data, &["restore", &id]);
    assert_eq!(
        series_values(&data, metric),
        [1500.0, 3000.0, 3000.0, 10000.0]
    );
    assert_eq!(
        chart_values(&data, metric),
        [1500.0, 3000.0, 3000.0, 10000.0]
    );
    assert!(exported_ids(&data).contains(&id));
    // The report shows each claim's id, so a reviewer can act on it.
    ok(&data, &["report", metric, "-o", report.to_str().unwrap()]);
    let html = std::fs::read_to_string(report.join("index.html")).unwrap();
    assert!(html.contains(&format!("<code>{id}</code>")));
    let md = std::fs::read_to_string(report.join("index.md")).unwrap();
    assert!(md.contains(&format!("claim `{id}`")));
}

#[test]
fn an_assigned_claim_counts_under_its_new_metric_everywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let data = store(tmp.path());
    // Kirby's 3,000 of 23 October moves; the Pentagon's of 21 October stays.
    let id = claim_id_in(&data, "nk-troops-in-russia", 3000.0, "2024-10-23");
    ok(&data, &["assign", &id, "nk-troops-reviewed"]);
    assert_eq!(
        series_values(&data, "nk-troops-in-russia"),
        [1500.0, 3000.0, 10000.0]
    );
    assert_eq!(series_values(&data, "nk-troops-reviewed"), [3000.0]);
    let moved = jsonl(&ok(
        &data,
        &[
            "export",
            "claims",
            "nk-troops-reviewed",
            "--format",
            "jsonl",
        ],
    ));
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0]["claim_id"], id.as_str());
    let chart = tmp.path().join("moved.png");
    ok(
        &data,
        &["chart", "nk-troops-reviewed", "-o", chart.to_str().unwrap()],
    );
    assert!(chart.is_file());
    ok(&data, &["compact"]);
    assert_eq!(series_values(&data, "nk-troops-reviewed"), [3000.0]);
}

#[test]
fn unknown_claims_and_a_missing_metric_are_refused_and_record_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = store(tmp.path());
    let err = fails(&data, &["reject", "0000000000000000"]);
    assert!(err.contains("no claim \"0000000000000000\""), "{err}");
    let id = claim_id(&data, "nk-troops-in-russia", 3000.0);
    let err = fails(&data, &["assign", &id]);
    assert!(err.contains("CLAIM_ID... METRIC"), "{err}");
    let err = fails(&data, &["assign", &id, "Not A Metric"]);
    assert!(err.contains("not a metric id"), "{err}");
    assert!(!data.join("review.jsonl").exists());
}

#[test]
fn a_damaged_decisions_file_is_an_error_naming_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let data = store(tmp.path());
    std::fs::write(data.join("review.jsonl"), "{\"claim_id\": 1}\n").unwrap();
    let err = fails(&data, &["series", "nk-troops-in-russia"]);
    assert!(err.contains("review.jsonl:1"), "{err}");
}

#[test]
fn suggested_catalog_entries_paste_into_the_catalog_and_take_their_claims() {
    let tmp = tempfile::tempdir().unwrap();
    let data = store(tmp.path());
    let rows = jsonl(&ok(
        &data,
        &["metrics", "--suggest", "--top", "2", "--format", "jsonl"],
    ));
    assert_eq!(rows.len(), 2, "{rows:?}");
    let first = &rows[0];
    let metric = first["metric"].as_str().unwrap();
    assert!(!first["examples"].as_array().unwrap().is_empty());
    let entry = first["entry"].as_str().unwrap();
    assert!(entry.starts_with("[[metric]]"), "{entry}");
    let catalog = data.join("metrics.toml");
    let mut text = std::fs::read_to_string(&catalog).unwrap();
    text.push('\n');
    text.push_str(entry);
    std::fs::write(&catalog, text).unwrap();
    let listed = jsonl(&ok(&data, &["metrics", "--format", "jsonl"]));
    let row = listed.iter().find(|r| r["metric"] == metric).unwrap();
    assert_eq!(row["origin"], "catalog", "{row}");
}
