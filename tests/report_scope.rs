//! What a report covers and what it is called: the catalog's metrics by default, derived keys
//! with --all, the title from --title (issue 13 item 5).

mod tracker_common;

use tracker_common::*;

fn sections(index_md: &str) -> usize {
    index_md.lines().filter(|l| l.starts_with("## ")).count()
}

#[test]
fn a_report_covers_the_catalog_by_default_and_every_key_with_all() {
    let tmp = tempfile::tempdir().unwrap();
    let data = store_with_catalog(tmp.path());
    ok(
        &data,
        &["ingest", "-q", at("data/samples").to_str().unwrap()],
    );
    let catalog = std::fs::read_to_string(data.join("metrics.toml")).unwrap();
    let in_catalog: Vec<&str> = catalog
        .lines()
        .filter_map(|l| l.strip_prefix("id = \""))
        .map(|l| l.trim_end_matches('"'))
        .collect();

    let default = tmp.path().join("default");
    ok(&data, &["report", "-o", default.to_str().unwrap()]);
    let md = std::fs::read_to_string(default.join("index.md")).unwrap();
    let series = std::fs::read_to_string(default.join("series.csv")).unwrap();
    assert!(series.lines().count() > 3, "{series}");
    for line in series.lines().skip(1) {
        let metric = line
            .trim_start_matches('\u{feff}')
            .split(',')
            .next()
            .unwrap();
        assert!(
            in_catalog.contains(&metric),
            "{metric} is not in the catalog"
        );
    }

    let all = tmp.path().join("all");
    ok(&data, &["report", "--all", "-o", all.to_str().unwrap()]);
    let md_all = std::fs::read_to_string(all.join("index.md")).unwrap();
    assert!(
        sections(&md_all) > sections(&md),
        "--all adds the derived keys ({} vs {})",
        sections(&md_all),
        sections(&md)
    );
}

#[test]
fn a_report_takes_its_title_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let data = store_with_catalog(tmp.path());
    ok(
        &data,
        &["ingest", "-q", at("data/samples").to_str().unwrap()],
    );
    let out = tmp.path().join("r");
    ok(
        &data,
        &[
            "report",
            "--title",
            "Troops & losses <weekly>",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        html.contains("<title>Troops &amp; losses &lt;weekly&gt;</title>"),
        "{html:.400}"
    );
    let md = std::fs::read_to_string(out.join("index.md")).unwrap();
    assert!(md.starts_with("# Troops"), "{md:.200}");
}
