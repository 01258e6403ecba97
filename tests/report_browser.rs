//! A report opened from disk in headless Chromium, with no network: the page loads, its charts
//! show, and an article title written as a script stays text in the DOM. Skipped when no
//! Chromium is installed (`apt-get install chromium`).
#![cfg(feature = "charts")]

mod chart_common;

use chart_common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn chromium() -> Option<PathBuf> {
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.is_file())
}

/// Runs Chromium headless on `url` with `args`, killing it after a minute; returns stdout.
fn run_chromium(bin: &Path, profile: &Path, args: &[&str], url: &str) -> String {
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--proxy-server=127.0.0.1:9",
            "--proxy-bypass-list=<-loopback>",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("chromium did not finish in a minute");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn report_opens_from_disk_and_article_text_stays_text() {
    let Some(bin) = chromium() else {
        eprintln!("skipped: no chromium");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mut a = claim("a", 1, "nk-troops-in-russia", "2024-10-18", 1500.0, "NIS");
    a.claim.sentence = "NIS said <b onmouseover=alert(2)>1,500</b> troops moved.".into();
    let b = claim(
        "b",
        1,
        "nk-troops-in-russia",
        "2024-10-29",
        10000.0,
        "Pentagon",
    );
    make_store(
        &data,
        CATALOG,
        &[a, b],
        &[
            doc("a", "<script>alert(1)</script>", None),
            doc("b", "Pentagon raises estimate", None),
        ],
    );
    let out = tmp.path().join("report");
    let o = figtrack(&data, &["report", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let url = format!("file://{}", out.join("index.html").display());
    let profile = tmp.path().join("profile");

    let dom = run_chromium(&bin, &profile, &["--dump-dom"], &url);
    assert!(
        dom.contains("North Korean troops in Russia"),
        "page loaded: {dom}"
    );
    assert!(
        dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "title is text"
    );
    assert!(
        !dom.to_lowercase().contains("<script"),
        "no script element in the DOM"
    );
    assert!(
        !dom.contains("<b onmouseover"),
        "markup in a sentence is text"
    );

    let shot = tmp.path().join("shot.png");
    run_chromium(
        &bin,
        &profile,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1200,1400",
            "--hide-scrollbars",
        ],
        &url,
    );
    let img = decode_file(&shot);
    assert_eq!((img.width, img.height), (1200, 1400));
    // The chart's source colour shows: the images loaded from disk.
    let blue = img.count_colour_like((0, 114, 178), 30, (0, 0, 1200, 1400));
    assert!(
        blue > 100,
        "the charts show in the page ({blue} blue pixels)"
    );
    assert!(
        img.dark_pixels((0, 0, 1200, 200)) > 500,
        "the heading is drawn"
    );
}
