//! Importing published series: the real Russian loss data of Ukraine's General Staff, and CSV.
#![cfg(feature = "tracker")]

mod tracker_common;

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use tracker_common::*;

const SOURCE: &str = "General Staff of Ukraine";

/// Observations computed independently from the JSON: per field, (date, value, delta, ratio,
/// days) of each present value after the first, in date order.
type Obs = (String, f64, Option<(f64, f64, i64)>);
type Expected = BTreeMap<String, Vec<Obs>>;

fn independent(path: &std::path::Path, skip: &[&str]) -> Expected {
    let records: Vec<Value> = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let mut out: Expected = BTreeMap::new();
    let mut rows: Vec<&serde_json::Map<String, Value>> =
        records.iter().map(|r| r.as_object().unwrap()).collect();
    rows.sort_by_key(|r| r["date"].as_str().unwrap().to_string());
    for r in &rows {
        let date = r["date"].as_str().unwrap();
        for (field, v) in r.iter() {
            if field == "date" || skip.contains(&field.as_str()) {
                continue;
            }
            let Some(v) = v.as_f64() else { continue };
            let series = out.entry(field.clone()).or_default();
            let change = series.last().map(|(d, prev, _)| {
                let days = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
                    .unwrap()
                    .signed_duration_since(
                        chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap(),
                    )
                    .num_days();
                (v - prev, v / prev, days)
            });
            series.push((date.to_string(), v, change));
        }
    }
    out
}

fn slug(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

fn check_against(series: &[Value], metric: &str, expected: &[Obs]) {
    let rows: Vec<&Value> = series.iter().filter(|r| r["metric"] == metric).collect();
    assert_eq!(rows.len(), expected.len(), "{metric}");
    for (row, (date, value, change)) in rows.iter().zip(expected) {
        assert_eq!(row["as_of"].as_str().unwrap(), date, "{metric}");
        assert_eq!(num(row, "value"), *value, "{metric} {date}");
        match change {
            None => {
                assert!(row["delta"].is_null());
                assert_eq!(row["change"], "new");
            }
            Some((delta, ratio, days)) => {
                assert_eq!(num(row, "delta"), *delta, "{metric} {date}");
                if ratio.is_finite() {
                    assert!(
                        (num(row, "ratio") / ratio - 1.0).abs() < 1e-11,
                        "{metric} {date}"
                    );
                    assert!((num(row, "pct") - (ratio - 1.0) * 100.0).abs() < 1e-9);
                } else {
                    assert!(row["ratio"].is_null(), "{metric} {date}: {row}");
                }
                assert_eq!(row["days"].as_i64(), Some(*days), "{metric} {date}");
                assert_eq!(num(row, "per_day"), delta / *days as f64, "{metric} {date}");
                // A fall of a running total or a daily rate far outside its history.
                let want = if !row["anomaly"].is_null() {
                    "anomaly"
                } else if *delta > 0.0 {
                    "up"
                } else if *delta < 0.0 {
                    "down"
                } else {
                    "same"
                };
                assert_eq!(row["change"], want, "{metric} {date}");
            }
        }
    }
}

#[test]
fn real_loss_data_imports_and_its_deltas_and_corrections_check_out() {
    let personnel = shared("data/ukraine-losses/russia_losses_personnel.json");
    let equipment = shared("data/ukraine-losses/russia_losses_equipment.json");
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let p = personnel.to_str().unwrap();
    let e = equipment.to_str().unwrap();
    ok(
        &store,
        &[
            "import",
            p,
            "--metric",
            "ru-personnel",
            "--value-field",
            "personnel",
            "--cumulative",
            "--source",
            SOURCE,
        ],
    );
    let out = run(
        &store,
        &[
            "import",
            e,
            "--metric",
            "ru-losses",
            "--all-fields",
            "--exclude",
            "day",
            "--cumulative",
            "--source",
            SOURCE,
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    // Fields that start later are counted in one warning; the text field is named.
    assert_eq!(err.matches("warning").count(), 1, "{err}");
    assert!(err.contains("greatest losses direction"), "{err}");

    let series = jsonl(&ok(&store, &["series", "--format", "jsonl"]));

    let want = independent(&personnel, &["day", "POW"]);
    check_against(&series, "ru-personnel", &want["personnel"]);

    let want = independent(&equipment, &["day"]);
    assert_eq!(want.len(), 17);
    // Falls of the running totals, and daily rates over twice the largest of the previous 90
    // (given at least 10), computed here from the JSON.
    let mut falls = BTreeSet::new();
    let mut surges = BTreeSet::new();
    for (field, rows) in &want {
        let metric = format!("ru-losses-{}", slug(field));
        check_against(&series, &metric, rows);
        let mut rates: Vec<f64> = Vec::new();
        for (date, _, change) in rows {
            let Some((delta, _, days)) = change else {
                continue;
            };
            let rate = delta / *days as f64;
            let window = &rates[rates.len().saturating_sub(90)..];
            let largest = window.iter().fold(0.0f64, |m, r| m.max(r.abs()));
            if *delta < 0.0 {
                falls.insert((metric.clone(), date.clone()));
            } else if rates.len() >= 10 && largest > 0.0 && rate.abs() > 2.0 * largest {
                surges.insert((metric.clone(), date.clone()));
            }
            rates.push(rate);
        }
    }
    let flagged = |prefix: &str| -> BTreeSet<(String, String)> {
        series
            .iter()
            .filter(|r| r["anomaly"].as_str().is_some_and(|a| a.starts_with(prefix)))
            .map(|r| {
                (
                    r["metric"].as_str().unwrap().to_string(),
                    r["as_of"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(flagged("cumulative total fell by "), falls);
    assert_eq!(flagged("daily rate "), surges);
    let all = series.iter().filter(|r| !r["anomaly"].is_null()).count();
    assert_eq!(all, falls.len() + surges.len());
    for (metric, date) in [
        ("ru-losses-apc", "2022-10-13"),
        ("ru-losses-aircraft", "2023-10-03"),
        ("ru-losses-special-equipment", "2024-11-30"),
    ] {
        assert!(
            falls.contains(&(metric.to_string(), date.to_string())),
            "{metric} {date} not flagged"
        );
    }
    // 41 aircraft in one day (2025-06-03 report) when the previous 90 days had at most 2.
    let aircraft = series
        .iter()
        .find(|r| r["metric"] == "ru-losses-aircraft" && r["as_of"] == "2025-06-03")
        .unwrap();
    assert_eq!(
        aircraft["anomaly"],
        "daily rate 41 is 20.5 times the largest of the previous 90 (2)"
    );
    let apc = series
        .iter()
        .find(|r| r["metric"] == "ru-losses-apc" && r["as_of"] == "2022-10-13")
        .unwrap();
    assert_eq!(apc["anomaly"], "cumulative total fell by 14");

    // Importing again adds nothing.
    let before = snapshot(&store);
    let again = run(
        &store,
        &[
            "import",
            p,
            "--metric",
            "ru-personnel",
            "--value-field",
            "personnel",
            "--cumulative",
            "--source",
            SOURCE,
        ],
    );
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("0 new, 0 revised, 1626 unchanged"));
    assert_eq!(snapshot(&store), before);
}

#[test]
fn csv_import_revisions_bounds_and_catalog() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let csv = tmp.path().join("aid.csv");
    std::fs::write(
        &csv,
        "date,total,qualifier\r\n2024-01-01,\"1,000\",about\r\n2024-01-05,1200,\r\n2024-01-09,,more\r\n2024-01-12,1500,\r\n",
    )
    .unwrap();
    let c = csv.to_str().unwrap();
    let out = run(
        &store,
        &[
            "import",
            c,
            "--metric",
            "aid",
            "--value-field",
            "total",
            "--bound-field",
            "qualifier",
            "--unit",
            "dollar",
            "--source",
            "Ministry",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("1 value(s) missing"), "{err}");
    assert!(err.contains("line 4"), "{err}");
    let catalog = std::fs::read_to_string(store.join("metrics.toml")).unwrap();
    assert!(catalog.contains("id = \"aid\""), "{catalog}");

    let rows = jsonl(&ok(&store, &["series", "aid", "--format", "jsonl"]));
    let values: Vec<f64> = rows.iter().map(|r| num(r, "value")).collect();
    assert_eq!(values, [1000.0, 1200.0, 1500.0]);
    assert_eq!(rows[0]["bound"], "~");
    // 1,200 is within "about 1,000" (±5 %)? No: up.
    assert_eq!(rows[1]["change"], "up");

    // A corrected file: the changed value replaces the old one (a revision).
    std::fs::write(
        &csv,
        "date,total,qualifier\n2024-01-01,1000,about\n2024-01-05,1250,\n2024-01-12,1500,\n",
    )
    .unwrap();
    let out = run(
        &store,
        &[
            "import",
            c,
            "--metric",
            "aid",
            "--value-field",
            "total",
            "--bound-field",
            "qualifier",
            "--unit",
            "dollar",
            "--source",
            "Ministry",
        ],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 revised, 2 unchanged"));
    let rows = jsonl(&ok(&store, &["series", "aid", "--format", "jsonl"]));
    let values: Vec<f64> = rows.iter().map(|r| num(r, "value")).collect();
    assert_eq!(values, [1000.0, 1250.0, 1500.0]);
    let claims = jsonl(&ok(&store, &["export", "claims", "--format", "jsonl"]));
    assert_eq!(claims.len(), 3);

    // Compaction keeps the same claims in one file (they are of one month).
    ok(&store, &["compact"]);
    assert_eq!(live_files(&store, "claims").len(), 1);
    let after = jsonl(&ok(&store, &["export", "claims", "--format", "jsonl"]));
    let ids = |v: &[Value]| -> BTreeSet<String> {
        v.iter()
            .map(|c| format!("{}={}", c["claim_id"], c["value"]))
            .collect()
    };
    assert_eq!(ids(&after), ids(&claims));
    assert_eq!(
        jsonl(&ok(&store, &["series", "aid", "--format", "jsonl"])),
        rows
    );
}
