//! `figtrack chart` end to end, with every system font hidden: the seed story from
//! data/samples, a 1,626-day running total, sizes, change charts, and bad input.
#![cfg(feature = "charts")]

mod chart_common;

use chart_common::*;
use std::path::Path;

/// A store with the seed story ingested from data/samples.
fn samples_store(dir: &Path) -> std::path::PathBuf {
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::copy(repo().join("data/metrics.toml"), data.join("metrics.toml")).unwrap();
    let samples = repo().join("data/samples");
    let o = figtrack(&data, &["ingest", "--quiet", samples.to_str().unwrap()]);
    assert!(o.status.success(), "ingest: {}", stderr(&o));
    data
}

/// A store with the test catalog: a 1,626-day running total and a short story.
fn test_store(dir: &Path) -> std::path::PathBuf {
    let data = dir.join("data");
    let mut claims = daily_claims("personnel-losses", 1626);
    claims.push(claim(
        "a",
        1,
        "nk-troops-in-russia",
        "2024-10-18",
        1500.0,
        "NIS",
    ));
    claims.push(claim(
        "b",
        1,
        "nk-troops-in-russia",
        "2024-10-23",
        3000.0,
        "John Kirby",
    ));
    make_store(&data, CATALOG, &claims, &[]);
    data
}

fn check_chart(path: &Path, size: (u32, u32)) -> Image {
    let img = decode_file(path);
    assert_eq!((img.width, img.height), size, "{}", path.display());
    img.assert_has_text_at_top(&path.display().to_string());
    assert!(
        img.ink_pixels(img.plot_area()) > 500,
        "{}: no data drawn",
        path.display()
    );
    img
}

#[test]
fn seed_story_chart_from_the_samples() {
    let tmp = tempfile::tempdir().unwrap();
    let data = samples_store(tmp.path());
    let out = tmp.path().join("nk.png");
    let o = figtrack(
        &data,
        &["chart", "nk-troops-in-russia", "-o", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), out.display().to_string());
    let img = check_chart(&out, (1200, 675));
    // Three sources, three colours: blue, vermillion, green.
    for c in [(0, 114, 178), (213, 94, 0), (0, 158, 115)] {
        assert!(
            img.count_colour_like(c, 30, img.plot_area()) > 40,
            "colour {c:?}"
        );
    }
}

#[test]
fn long_running_total_with_changes_and_sizes() {
    let tmp = tempfile::tempdir().unwrap();
    let data = test_store(tmp.path());
    let dir = tmp.path().join("charts");
    std::fs::create_dir(&dir).unwrap();
    let d = dir.to_str().unwrap();
    let o = figtrack(
        &data,
        &[
            "chart",
            "personnel-losses",
            "nk-troops-in-russia",
            "--out-dir",
            d,
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let img = check_chart(&dir.join("personnel-losses.png"), (1200, 675));
    assert!(img.count_colour_like((0, 114, 178), 30, img.plot_area()) > 2000);
    check_chart(&dir.join("nk-troops-in-russia.png"), (1200, 675));

    let o = figtrack(
        &data,
        &[
            "chart",
            "personnel-losses",
            "--changes",
            "--out-dir",
            d,
            "--width",
            "800",
            "--height",
            "450",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let img = check_chart(&dir.join("personnel-losses-changes.png"), (800, 450));
    assert!(
        img.count_colour_like((0, 114, 178), 10, img.plot_area()) > 1000,
        "rise bars"
    );

    let o = figtrack(
        &data,
        &[
            "chart",
            "personnel-losses",
            "--since",
            "2024-01-01",
            "--until",
            "2024-03-31",
            "-o",
            dir.join("q1.png").to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    check_chart(&dir.join("q1.png"), (1200, 675));
    assert_eq!(
        list(&dir).iter().filter(|f| f.starts_with('.')).count(),
        0,
        "no temporary files"
    );
    if let Some(p) = std::env::var_os("FIGTRACK_CHART_PREVIEW") {
        std::fs::create_dir_all(&p).unwrap();
        for f in list(&dir) {
            std::fs::copy(dir.join(&f), Path::new(&p).join(format!("cli-{f}"))).unwrap();
        }
    }
}

#[test]
fn single_observation_draws_a_chart() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    make_store(
        &data,
        CATALOG,
        &[claim(
            "a",
            1,
            "nk-troops-in-russia",
            "2024-10-18",
            1500.0,
            "NIS",
        )],
        &[],
    );
    for changes in [false, true] {
        let out = tmp.path().join("one.png");
        let mut args = vec!["chart", "nk-troops-in-russia", "-o", out.to_str().unwrap()];
        if changes {
            args.push("--changes");
        }
        let o = figtrack(&data, &args);
        assert!(o.status.success(), "{}", stderr(&o));
        let img = decode_file(&out);
        img.assert_has_text_at_top("one observation");
        if changes {
            assert!(
                img.dark_pixels(img.plot_area()) > 100,
                "a message says why no bars"
            );
        } else {
            assert!(
                img.count_colour_like((0, 114, 178), 30, img.plot_area()) > 40,
                "the point"
            );
        }
    }
}

#[test]
fn bad_input_fails_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let data = test_store(tmp.path());
    let out = tmp.path().join("x.png");
    let x = out.to_str().unwrap();
    // A path under a regular file: no folder can be made there.
    std::fs::write(tmp.path().join("file"), "x").unwrap();
    let blocked = tmp.path().join("file/sub");

    let o = figtrack(&data, &["chart", "nk-troops", "-o", x]);
    assert_clean_failure(&o, "unknown metric \"nk-troops\"");
    assert!(
        stderr(&o).contains("did you mean nk-troops-in-russia"),
        "{}",
        stderr(&o)
    );

    // An extension the format does not match is an error, not a PNG under another name.
    for name in ["x.jpg", "x.pdf", "x"] {
        let p = tmp.path().join(name);
        let o = figtrack(
            &data,
            &["chart", "personnel-losses", "-o", p.to_str().unwrap()],
        );
        assert_clean_failure(&o, "charts are written as PNG or SVG");
        assert!(!p.exists(), "{name} was written");
    }
    // An extension that contradicts --format.
    let p = tmp.path().join("x.png");
    let o = figtrack(
        &data,
        &[
            "chart",
            "personnel-losses",
            "-o",
            p.to_str().unwrap(),
            "--format",
            "svg",
        ],
    );
    assert_clean_failure(&o, "the extension says png, but --format says svg");
    // Captions for one chart are refused for several.
    let o = figtrack(
        &data,
        &[
            "chart",
            "personnel-losses",
            "nk-troops-in-russia",
            "--title",
            "T",
        ],
    );
    assert_clean_failure(&o, "--title and --subtitle are for one chart");

    let o = figtrack(&data, &["chart", "no-claims-yet", "-o", x]);
    assert_clean_failure(&o, "no-claims-yet: no observations");

    let o = figtrack(
        &data,
        &[
            "chart",
            "personnel-losses",
            "--since",
            "2030-01-01",
            "-o",
            x,
        ],
    );
    assert_clean_failure(&o, "no observations since 2030-01-01");

    let o = figtrack(
        &data,
        &["chart", "personnel-losses", "nk-troops-in-russia", "-o", x],
    );
    assert_clean_failure(&o, "-o names one file");

    let o = figtrack(
        &data,
        &[
            "chart",
            "personnel-losses",
            "-o",
            blocked.join("x.png").to_str().unwrap(),
        ],
    );
    assert_clean_failure(&o, "a part of the path is a file");

    // A missing folder is created; one under a file cannot be.
    let made = tmp.path().join("new/charts");
    let o = figtrack(
        &data,
        &[
            "chart",
            "personnel-losses",
            "--out-dir",
            made.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(made.join("personnel-losses.png").is_file());
    let o = figtrack(
        &data,
        &[
            "chart",
            "personnel-losses",
            "--out-dir",
            blocked.to_str().unwrap(),
        ],
    );
    assert_clean_failure(&o, "a part of the path is a file");

    let o = figtrack(
        &data,
        &["chart", "personnel-losses", "--width", "5", "-o", x],
    );
    assert_clean_failure(&o, "out of range");

    let o = figtrack(
        &tmp.path().join("missing"),
        &["chart", "personnel-losses", "-o", x],
    );
    assert_clean_failure(&o, "no store here");

    assert!(!out.exists(), "nothing written by a failed run");
}

/// The General Staff's real daily series (1,626 days), imported with `figtrack import`, charted
/// and reported. Skipped when ../shared/data is not beside the repository.
#[test]
fn real_personnel_series_imported_and_charted() {
    let json = repo().join("../shared/data/ukraine-losses/russia_losses_personnel.json");
    if !json.is_file() {
        eprintln!("skipped: {} is absent", json.display());
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let data = samples_store(tmp.path());
    let o = figtrack(
        &data,
        &[
            "import",
            json.to_str().unwrap(),
            "--metric",
            "russian-personnel-losses",
            "--value-field",
            "personnel",
            "--bound-field",
            "personnel*",
            "--cumulative",
            "--unit",
            "soldier",
            "--source",
            "General Staff of the Armed Forces of Ukraine",
        ],
    );
    assert!(o.status.success(), "import: {}", stderr(&o));
    let dir = tmp.path().join("charts");
    std::fs::create_dir(&dir).unwrap();
    let d = dir.to_str().unwrap();
    for extra in [None, Some("--changes")] {
        let mut args = vec!["chart", "russian-personnel-losses", "--out-dir", d];
        args.extend(extra);
        let o = figtrack(&data, &args);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let img = check_chart(&dir.join("russian-personnel-losses.png"), (1200, 675));
    assert!(
        img.count_colour_like((0, 114, 178), 30, img.plot_area()) > 3000,
        "1,626 points"
    );
    let img = check_chart(
        &dir.join("russian-personnel-losses-changes.png"),
        (1200, 675),
    );
    assert!(
        img.count_colour_like((0, 114, 178), 10, img.plot_area()) > 20_000,
        "daily bars"
    );

    let out = tmp.path().join("report");
    let o = figtrack(
        &data,
        &[
            "report",
            "nk-troops-in-russia",
            "russian-personnel-losses",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains("1,456,610"), "the latest total");
    let series = std::fs::read_to_string(out.join("series.csv")).unwrap();
    // The header, the personnel series, and the troops: 1,500, the Pentagon's 3,000 "the week
    // before", Kirby's 3,000, 10,000.
    assert_eq!(series.lines().count(), 1 + 1626 + 4);
}

/// `-o x.svg` writes an SVG with the PNG's layout, captions included; `--format svg` names the
/// files of `--out-dir` .svg.
#[test]
fn svg_by_extension_with_captions() {
    let tmp = tempfile::tempdir().unwrap();
    let data = test_store(tmp.path());
    let out = tmp.path().join("nk.svg");
    let o = figtrack(
        &data,
        &[
            "chart",
            "nk-troops-in-russia",
            "-o",
            out.to_str().unwrap(),
            "--title",
            "Troops doubled in five days",
            "--note",
            "Intelligence estimates",
            "--source",
            "NIS; White House",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("width=\"1200\" height=\"675\""));
    for text in [
        "Troops doubled in five days",
        "Intelligence estimates",
        "Source: NIS; White House",
    ] {
        assert!(
            svg.contains(&format!("aria-label=\"{text}\"")),
            "{text} not in the SVG"
        );
    }
    let dir = tmp.path().join("charts");
    let o = figtrack(
        &data,
        &[
            "chart",
            "nk-troops-in-russia",
            "personnel-losses",
            "--out-dir",
            dir.to_str().unwrap(),
            "--format",
            "svg",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        list(&dir),
        ["nk-troops-in-russia.svg", "personnel-losses.svg"]
    );
}

/// `chart` reads only the series and a document count (not every claim) and must draw what the
/// report, which loads the claims, draws for the same metric.
#[test]
fn the_chart_command_draws_what_the_report_draws() {
    let tmp = tempfile::tempdir().unwrap();
    let data = samples_store(tmp.path());
    let report = tmp.path().join("report");
    let o = figtrack(&data, &["report", "-o", report.to_str().unwrap()]);
    assert!(o.status.success(), "report: {}", stderr(&o));
    let mut compared = 0;
    for entry in std::fs::read_dir(&report).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let Some(metric) = name.strip_suffix(".png") else {
            continue;
        };
        if metric.ends_with("-changes") {
            continue;
        }
        let out = tmp.path().join(&name);
        let o = figtrack(&data, &["chart", metric, "-o", out.to_str().unwrap()]);
        assert!(o.status.success(), "chart {metric}: {}", stderr(&o));
        assert!(
            std::fs::read(&out).unwrap() == std::fs::read(&path).unwrap(),
            "{metric}: the chart differs from the report's"
        );
        compared += 1;
    }
    assert!(compared >= 5, "only {compared} charts compared");
}
