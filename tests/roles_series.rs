//! Only levels form a level series: parts and events stay out, levels reached by a change go in,
//! and a dated previous value is an observation of its own (issue 10), through the real binary.
#![cfg(feature = "tracker")]

mod tracker_common;

use std::path::{Path, PathBuf};
use tracker_common::*;

/// Writes an article with front matter into `dir` and returns its path.
fn article(dir: &Path, name: &str, published: &str, body: &str) -> PathBuf {
    let p = dir.join(format!("{name}.md"));
    std::fs::write(
        &p,
        format!("---\npublished: {published}\nsource: Harbour Wire\n---\n{body}\n"),
    )
    .unwrap();
    p
}

fn ingest(store: &Path, paths: &[PathBuf]) {
    let mut args = vec!["ingest".to_string(), "-q".to_string()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    ok(store, &args);
}

fn series(store: &Path, metric: &str) -> Vec<serde_json::Value> {
    jsonl(&ok(store, &["series", metric, "--format", "jsonl"]))
}

/// Every stored claim.
fn claims(store: &Path, dir: &Path) -> Vec<serde_json::Value> {
    let out = dir.join("claims.json");
    ok(
        store,
        &[
            "export",
            "claims",
            "--format",
            "json",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

#[test]
fn captured_soldiers_stay_out_of_the_troops_series() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_with_catalog(tmp.path());
    let body = "Ukrainian forces captured two North Korean soldiers in the Kursk region, \
        President Volodymyr Zelensky said on Saturday.\n\n\
        South Korea's spy agency said about 11,000 North Korean troops were in Russia.";
    ingest(
        &store,
        &[article(tmp.path(), "captured", "2025-01-12", body)],
    );

    // The two captured soldiers are read, filed under the metric, and known to be a part.
    let all = claims(&store, tmp.path());
    let two = all
        .iter()
        .find(|c| c["text"] == "two")
        .unwrap_or_else(|| panic!("{all:#?}"));
    assert_eq!(two["metric"], "nk-troops-in-russia", "{two}");
    assert_eq!(two["role"], "part", "{two}");

    let rows = series(&store, "nk-troops-in-russia");
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(num(&rows[0], "value"), 11000.0);
    assert_eq!(rows[0]["n_reports"], 1);
}

#[test]
fn a_level_reached_by_a_fall_enters_the_series() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_with_catalog(tmp.path());
    let before = article(
        tmp.path(),
        "september",
        "2024-10-04",
        "The unemployment rate stood at 4.3 per cent, the statistics office said.",
    );
    let after = article(
        tmp.path(),
        "october",
        "2024-11-08",
        "Unemployment fell to 4.1 per cent, the statistics office said on Friday.",
    );
    ingest(&store, &[before, after]);

    let all = claims(&store, tmp.path());
    let fell = all
        .iter()
        .find(|c| c["text"] == "4.1")
        .unwrap_or_else(|| panic!("{all:#?}"));
    assert_eq!(fell["role"], "level", "{fell}");
    assert_eq!(fell["direction"], "down", "{fell}");

    let rows = series(&store, "unemployment-rate");
    let values: Vec<f64> = rows.iter().map(|r| num(r, "value")).collect();
    assert_eq!(values, [4.3, 4.1], "{rows:#?}");
    assert_eq!(rows[1]["change"], "down", "{rows:#?}");
}

/// A previous value with its own date ("from 2.1% in August") is an observation of its own, so
/// the series falls from August to September (the filing itself is also tested on a built claim:
/// `model::tests::a_dated_previous_value_is_an_observation_of_its_own`).
#[test]
fn a_dated_previous_value_is_filed_at_its_own_date() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_with_catalog(tmp.path());
    let body = "Inflation eased to 1.9% in September from 2.1% in August, the statistics \
        office said on Thursday.";
    ingest(&store, &[article(tmp.path(), "cpi", "2024-10-10", body)]);

    let rows = series(&store, "inflation");
    assert_eq!(rows.len(), 2, "{rows:#?}");
    assert!(
        rows[0]["as_of"].as_str().unwrap().starts_with("2024-08"),
        "{rows:#?}"
    );
    assert!(
        rows[1]["as_of"].as_str().unwrap().starts_with("2024-09"),
        "{rows:#?}"
    );
    assert_eq!(num(&rows[0], "value"), 2.1);
    assert_eq!(num(&rows[1], "value"), 1.9);
    assert_eq!(rows[1]["change"], "down", "{rows:#?}");
}

/// A length of time that frames the figures ("in the 12 months to September") is a span, kept
/// out of every series, and does not come between a figure and its stated previous value.
#[test]
fn a_span_of_time_stays_out_and_the_previous_value_still_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_with_catalog(tmp.path());
    let body = "Inflation rose 2.4% in the 12 months to September, the statistics office \
        said on Tuesday, down from 2.5% in August.";
    ingest(&store, &[article(tmp.path(), "cpi", "2024-10-15", body)]);

    let all = claims(&store, tmp.path());
    let twelve = all
        .iter()
        .find(|c| c["text"] == "12")
        .unwrap_or_else(|| panic!("{all:#?}"));
    assert_eq!(twelve["role"], "span", "{twelve}");

    let rows = series(&store, "inflation");
    let values: Vec<f64> = rows.iter().map(|r| num(r, "value")).collect();
    assert_eq!(values, [2.5, 2.4], "{rows:#?}");
    assert!(
        rows[1]["as_of"].as_str().unwrap().starts_with("2024-09"),
        "{rows:#?}"
    );
}

/// A metric that is a change over a period takes the stated changes filed in it, a fall as a
/// negative value, while the 12-month series beside it keeps its levels only.
#[test]
fn a_change_metric_takes_stated_changes_signed_by_direction() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_with_catalog(tmp.path());
    let december = article(
        tmp.path(),
        "december",
        "2025-01-14",
        "Annual inflation slowed to 2.7% in December, the statistics office said on Tuesday. \
         The consumer price index slipped 0.1% on the month as fuel got cheaper.",
    );
    let january = article(
        tmp.path(),
        "january",
        "2025-02-12",
        "Annual inflation rose to 3% in January, the statistics office said on Wednesday. \
         From December to January the consumer price index climbed 0.5%.",
    );
    ingest(&store, &[december, january]);

    let rows = series(&store, "inflation-monthly");
    let values: Vec<f64> = rows.iter().map(|r| num(r, "value")).collect();
    assert_eq!(values, [-0.1, 0.5], "{rows:#?}");
    assert!(
        rows[0]["as_of"].as_str().unwrap().starts_with("2024-12"),
        "{rows:#?}"
    );
    assert!(
        rows[1]["as_of"].as_str().unwrap().starts_with("2025-01"),
        "{rows:#?}"
    );
    assert_eq!(rows[1]["change"], "up", "{rows:#?}");

    let annual = series(&store, "inflation");
    let values: Vec<f64> = annual.iter().map(|r| num(r, "value")).collect();
    assert_eq!(values, [2.7, 3.0], "{annual:#?}");
}
