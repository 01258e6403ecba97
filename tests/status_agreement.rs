//! Acceptance of the status rules (issue 13 items 1-2): a day of reports replayed, the General
//! Staff's running total, and every claim with one status in ingest, diff, series, chart and
//! report.

mod tracker_common;

use proptest::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tracker_common::*;

const NK: &str = "nk-troops-in-russia";

/// An article file: front matter and one paragraph.
fn article(dir: &Path, name: &str, published: &str, source: &str, body: &str) -> PathBuf {
    let p = dir.join(format!("{name}.md"));
    std::fs::write(
        &p,
        format!("---\ntitle: {name}\npublished: {published}\nsource: {source}\n---\n{body}\n"),
    )
    .unwrap();
    p
}

fn strs(paths: &[PathBuf]) -> Vec<&str> {
    paths.iter().map(|p| p.to_str().unwrap()).collect()
}

/// Statuses by claim id from diff/ingest rows.
fn statuses(rows: &[serde_json::Value]) -> HashMap<String, String> {
    rows.iter()
        .filter(|r| r["metric"] == NK)
        .map(|r| {
            (
                r["claim_id"].as_str().unwrap().to_string(),
                r["status"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn the_day_replayed() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_with_catalog(tmp.path());
    let d = tmp.path();
    let paths = [
        article(
            d,
            "a",
            "2024-10-23",
            "Yonhap",
            "South Korea's intelligence service said 3,000 North Korean troops had been sent to Russia.",
        ),
        article(
            d,
            "b",
            "2025-01-06",
            "Yonhap",
            "South Korea's intelligence service said about 11,000 North Korean troops were in Russia.",
        ),
        article(
            d,
            "c",
            "2025-01-13",
            "Pentagon",
            "The Pentagon said 11,000 North Korean troops were in Russia.",
        ),
        article(
            d,
            "d",
            "2025-01-13",
            "Pentagon",
            "Hours later the Pentagon revised its estimate: 8,000 North Korean troops were in Russia.",
        ),
        article(
            d,
            "e",
            "2025-01-20",
            "Yonhap",
            "South Korea's intelligence service said about 12,000 North Korean troops were in Russia.",
        ),
    ];
    let mut args = vec!["ingest", "--format", "jsonl"];
    args.extend(strs(&paths));
    let rows = jsonl(&ok(&store, &args));
    let got: Vec<(&str, f64, &str)> = rows
        .iter()
        .filter(|r| r["metric"] == NK)
        .map(|r| {
            (
                r["as_of"].as_str().unwrap(),
                num(r, "value"),
                r["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("2024-10-23", 3000.0, "new"),
            ("2025-01-06", 11000.0, "up"),
            ("2025-01-13", 11000.0, "same"),
            ("2025-01-13", 8000.0, "revision"),
            ("2025-01-20", 12000.0, "up"),
        ]
    );
    let revision = rows.iter().find(|r| r["status"] == "revision").unwrap();
    assert_eq!(revision["note"], "Pentagon gave 11,000 for this day before");

    let series = jsonl(&ok(&store, &["series", NK, "--format", "jsonl"]));
    let values: Vec<f64> = series.iter().map(|r| num(r, "value")).collect();
    // 13 January shows the revised 8,000; every value is one some report gave.
    assert_eq!(values, [3000.0, 11000.0, 8000.0, 12000.0]);
    let jan13 = &series[2];
    assert_eq!(jan13["reported"], "8,000 (Pentagon)");
    assert_eq!(jan13["change"], "revision");
    assert_eq!(series[3]["change"], "up");
}

#[test]
fn a_rounded_figure_is_the_same_as_the_exact_one() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_with_catalog(tmp.path());
    let d = tmp.path();
    let paths = [
        article(
            d,
            "exact",
            "2024-06-20",
            "UNHCR",
            "The UN refugee agency said 7,915,287 refugees from Ukraine were recorded across Europe.",
        ),
        article(
            d,
            "rounded",
            "2024-06-27",
            "Courier",
            "Some 7.9 million refugees from Ukraine are recorded across Europe, the agency said.",
        ),
        article(
            d,
            "rounded-again",
            "2024-07-04",
            "Courier",
            "The number of refugees from Ukraine recorded across Europe stood at 7.9 million.",
        ),
    ];
    let mut args = vec!["ingest", "--format", "jsonl"];
    args.extend(strs(&paths));
    let rows = jsonl(&ok(&store, &args));
    let got: Vec<&str> = rows
        .iter()
        .filter(|r| r["metric"] == "ukraine-refugees-europe")
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(got, ["new", "same", "same"], "{rows:#?}");
}

#[test]
fn the_general_staff_series_is_up_on_the_days_it_rose() {
    let personnel = shared("data/ukraine-losses/russia_losses_personnel.json");
    if !personnel.exists() {
        eprintln!("skipped: {} is not there", personnel.display());
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    ok(
        &store,
        &[
            "import",
            personnel.to_str().unwrap(),
            "--metric",
            "ru-personnel",
            "--value-field",
            "personnel",
            "--bound-field",
            "personnel*",
            "--cumulative",
            "--source",
            "General Staff",
        ],
    );
    let series = jsonl(&ok(&store, &["series", "--format", "jsonl"]));
    assert!(series.len() > 1_000);
    assert!(series.iter().any(|r| r["bound"] == "~"), "hedged figures");
    let mut rose = 0;
    for r in series.iter().skip(1) {
        if num(r, "delta") > 0.0 {
            rose += 1;
            // A rise is `up`, or an `anomaly` when its daily rate is far outside the history.
            let change = r["change"].as_str().unwrap();
            assert!(change == "up" || change == "anomaly", "{r}");
            assert_eq!(change == "anomaly", !r["anomaly"].is_null(), "{r}");
        }
    }
    assert!(rose > 1_000, "{rose}");
}

/// Sources of the generated articles (front matter and subject).
const SOURCES: [(&str, &str); 3] = [
    ("Pentagon", "The Pentagon"),
    ("NIS", "South Korea's spy agency"),
    ("Kyiv", "Ukraine's military intelligence"),
];
const VALUES: [&str; 6] = [
    "3,000",
    "8,000",
    "10,000",
    "11,000",
    "12,000",
    "1.1 million",
];
/// A last sentence that differs per article, so no two have the same text.
const TAILS: [&str; 8] = [
    "Officials",
    "Analysts",
    "Diplomats",
    "Reporters",
    "Observers",
    "Lawmakers",
    "Editors",
    "Envoys",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// Whatever the reports, a claim has the same status in ingest, diff, chart and report,
    /// and each observation's change follows from its claims' statuses.
    #[test]
    fn every_command_gives_a_claim_the_same_status(
        reports in prop::collection::vec((0u32..4, 0usize..3, 0usize..6, any::<bool>()), 2..8)
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let store = store_with_catalog(tmp.path());
        let dir = tmp.path().join("in");
        std::fs::create_dir_all(&dir).unwrap();
        let paths: Vec<PathBuf> = reports
            .iter()
            .enumerate()
            .map(|(i, &(day, who, value, hedged))| {
                let (source, subject) = SOURCES[who];
                let about = if hedged { "about " } else { "" };
                article(
                    &dir,
                    &format!("r{i}"),
                    &format!("2025-01-{:02}", 10 + day),
                    source,
                    &format!(
                        "{subject} said {about}{} North Korean troops were in Russia. {} followed the briefing closely.",
                        VALUES[value], TAILS[i]
                    ),
                )
            })
            .collect();
        let mut diff_args = vec!["diff", "--format", "jsonl"];
        diff_args.extend(strs(&paths));
        // `diff` exits 1 when anything changed, as diff(1) does.
        let out = run(&store, &diff_args);
        prop_assert!(matches!(out.status.code(), Some(0 | 1)), "{:?}", out);
        let diff = statuses(&jsonl(&String::from_utf8(out.stdout).unwrap()));
        let mut ingest_args = vec!["ingest", "--format", "jsonl"];
        ingest_args.extend(strs(&paths));
        let ingest_rows = jsonl(&ok(&store, &ingest_args));
        let ingest = statuses(&ingest_rows);
        prop_assert_eq!(&diff, &ingest);

        let opened = figtrack::store::Store::open(&store).unwrap();
        let loaded = figtrack::chart::data::load(
            &opened,
            &[NK.to_string()],
            &figtrack::series::Filter::default(),
        )
        .unwrap();
        let chart: HashMap<String, String> = loaded[0]
            .claims
            .iter()
            .map(|c| {
                (
                    c.stored.claim.claim_id.clone(),
                    c.status.map_or("", |s| s.name()).to_string(),
                )
            })
            .collect();
        prop_assert_eq!(&chart, &ingest);

        let out = tmp.path().join("report");
        ok(&store, &["report", NK, "-o", out.to_str().unwrap()]);
        let mut csv = csv::Reader::from_path(out.join("claims.csv")).unwrap();
        let header = csv.headers().unwrap().clone();
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let (id, status) = (col("claim_id"), col("status"));
        let report: HashMap<String, String> = csv
            .records()
            .map(|r| {
                let r = r.unwrap();
                (r[id].to_string(), r[status].to_string())
            })
            .collect();
        prop_assert_eq!(&report, &ingest);

        // An observation's change: the latest conflict or revision of its day, else the
        // status of its first report. Ingest prints a day's claims in the order they arrived.
        let mut by_day: Vec<(String, Vec<String>)> = Vec::new();
        for r in ingest_rows.iter().filter(|r| r["metric"] == NK) {
            let day = r["as_of"].as_str().unwrap().to_string();
            let s = r["status"].as_str().unwrap().to_string();
            match by_day.iter_mut().find(|(d, _)| *d == day) {
                Some((_, v)) => v.push(s),
                None => by_day.push((day, vec![s])),
            }
        }
        let series = jsonl(&ok(&store, &["series", NK, "--format", "jsonl"]));
        prop_assert_eq!(series.len(), by_day.len());
        for (day, st) in &by_day {
            let want = st[1..]
                .iter()
                .rev()
                .find(|s| *s == "conflict" || *s == "revision")
                .unwrap_or(&st[0]);
            let row = series.iter().find(|r| r["as_of"] == day.as_str()).unwrap();
            prop_assert_eq!(row["change"].as_str().unwrap(), want.as_str(), "{}", day);
        }
    }
}
