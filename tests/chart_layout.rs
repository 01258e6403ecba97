//! Chart layouts from 400 to 2,000 pixels wide, read from the SVG (each text is a path with its
//! words in `aria-label`): every text inside the picture, no two texts on top of each other, the
//! legend and the source line kept; captions given by the user shown; the PNG and the SVG
//! drawn from one layout; hedged and ranged figures drawn with their intervals.
//! Set FIGTRACK_CHART_PREVIEW=DIR to keep the pictures for a look.
#![cfg(feature = "charts")]

mod chart_common;

use chart_common::decode;
use chrono::NaiveDate;
use figtrack::chart::{self, Captions, ChartInput, ChartPoint, Kind, Size};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, m, day).unwrap()
}

/// Six reports from six long-named sources, a hedge, a range, a bound and a conflict.
fn story() -> ChartInput {
    let sources = [
        "National Intelligence Service of the Republic of Korea",
        "White House national security spokesman John Kirby",
        "Deputy Pentagon press secretary Sabrina Singh",
        "Ukraine's military intelligence directorate (HUR)",
        "Yonhap news agency, citing lawmakers briefed by the spy agency",
        "Officials",
        "Volodymyr Zelensky",
        "NATO",
    ];
    let mut points: Vec<ChartPoint> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut p = ChartPoint::exact(d(10, 10 + 3 * i as u32), 1500.0 * (i + 1) as f64, *s);
            p.delta = (i > 0).then_some(1500.0);
            p.days = (i > 0).then_some(3);
            p
        })
        .collect();
    // "about 1,500": the series gives the interval the status rules read from it.
    points[0].bound = "~".into();
    points[0].low = Some(1450.0);
    points[0].high = Some(1550.0);
    points[2].low = Some(4000.0);
    points[2].high = Some(5000.0);
    points[3].conflict = Some("Officials said otherwise the day before".into());
    points[5].bound = ">".into();
    points[5].high = None;
    ChartInput {
        metric: "nk-troops-in-russia".into(),
        title: "North Korean troops in Russia, by who reported them and when".into(),
        unit: Some("troop".into()),
        cumulative: false,
        points,
        sources: None,
        source_line: format!(
            "Sources: {} · 8 documents · chart: figtrack",
            sources.join(", ")
        ),
    }
}

/// The texts of an SVG: (words, bounding box x0, y0, x1, y1).
fn texts(svg: &str) -> Vec<(String, [f64; 4])> {
    let mut out = Vec::new();
    for part in svg.split("<path role=\"img\" aria-label=\"").skip(1) {
        let label = part[..part.find('"').unwrap()].to_string();
        let d = &part[part.find(" d=\"").unwrap() + 4..];
        let d = &d[..d.find('"').unwrap()];
        let numbers: Vec<f64> = d
            .split(|c: char| c.is_ascii_alphabetic() || c == ' ')
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().unwrap())
            .collect();
        let mut b = [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ];
        for xy in numbers.chunks(2) {
            b[0] = b[0].min(xy[0]);
            b[1] = b[1].min(xy[1]);
            b[2] = b[2].max(xy[0]);
            b[3] = b[3].max(xy[1]);
        }
        if b[0].is_finite() {
            out.push((label, b));
        }
    }
    out
}

fn overlap(a: &[f64; 4], b: &[f64; 4]) -> bool {
    a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5
}

fn check_layout(input: &ChartInput, captions: &Captions, kind: Kind, size: Size) -> Vec<String> {
    let svg = chart::render_svg(input, captions, kind, size).unwrap();
    let what = format!("{}x{} {kind:?}", size.width, size.height);
    if let Some(dir) = std::env::var_os("FIGTRACK_CHART_PREVIEW") {
        std::fs::create_dir_all(&dir).unwrap();
        let name = format!(
            "layout-{}x{}-{kind:?}-{}.svg",
            size.width,
            size.height,
            captions.note.is_some()
        );
        std::fs::write(std::path::Path::new(&dir).join(name), &svg).unwrap();
    }
    let texts = texts(&svg);
    for (label, b) in &texts {
        assert!(
            b[0] >= 0.0
                && b[1] >= 0.0
                && b[2] <= f64::from(size.width)
                && b[3] <= f64::from(size.height),
            "{what}: {label:?} at {b:?} is outside the picture"
        );
    }
    for (i, (la, a)) in texts.iter().enumerate() {
        for (lb, b) in &texts[i + 1..] {
            assert!(!overlap(a, b), "{what}: {la:?} {a:?} overlaps {lb:?} {b:?}");
        }
    }
    texts.into_iter().map(|t| t.0).collect()
}

#[test]
fn layouts_hold_from_400_to_2000_pixels() {
    let input = story();
    let captions = Captions {
        note: Some("Figures are estimates by governments and intelligence services; none could be verified independently.".into()),
        ..Captions::default()
    };
    for (w, h) in [
        (400, 300),
        (400, 225),
        (480, 480),
        (640, 360),
        (1200, 675),
        (2000, 1125),
    ] {
        let size = Size::new(w, h).unwrap();
        for kind in [Kind::Level, Kind::Changes] {
            for caps in [&Captions::default(), &captions] {
                let labels = check_layout(&input, caps, kind, size);
                let what = format!("{w}x{h} {kind:?}");
                assert!(
                    labels
                        .iter()
                        .any(|l| l.starts_with("Sources: National Intelligence")),
                    "{what}: no source line in {labels:?}"
                );
                if kind == Kind::Level {
                    // The marks, in short words on a short picture.
                    for (long, short) in [
                        ("range", "range"),
                        ("\u{201c}about\u{201d}", "\u{201c}about\u{201d}"),
                        ("more than / at least", "more than"),
                        ("conflict between sources", "conflict"),
                    ] {
                        let mark = if h < 400 { short } else { long };
                        assert!(
                            labels.iter().any(|l| l == mark),
                            "{what}: legend lost {mark:?}: {labels:?}"
                        );
                    }
                    // The palette's seven sources are named in the legend, or counted there in grey.
                    let named = ["Officials", "Volodymyr Zelensky"]
                        .iter()
                        .all(|s| labels.iter().any(|l| l == s));
                    let counted = labels.iter().any(|l| l.ends_with(" sources"));
                    assert!(named || counted, "{what}: {labels:?}");
                    if w >= 1200 {
                        assert!(named, "{what}: a large chart names its sources: {labels:?}");
                    }
                }
                if caps.note.is_some() {
                    assert!(
                        labels
                            .iter()
                            .any(|l| l.starts_with("Figures are estimates")),
                        "{what}: {labels:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn captions_replace_figtracks_own() {
    let captions = Captions {
        title: Some("Troops sent by Pyongyang keep rising".into()),
        subtitle: Some("Estimates of North Korean soldiers in Russia".into()),
        note: Some("Estimates.".into()),
        source: Some("NIS, Pentagon, White House".into()),
    };
    for kind in [Kind::Level, Kind::Changes] {
        let labels = check_layout(&story(), &captions, kind, Size::default());
        for want in [
            "Troops sent by Pyongyang keep rising",
            "Estimates of North Korean soldiers in Russia",
            "Estimates.",
            "Source: NIS, Pentagon, White House",
        ] {
            assert!(
                labels.iter().any(|l| l == want),
                "{kind:?}: {want:?} not in {labels:?}"
            );
        }
        assert!(
            !labels.iter().any(|l| l.starts_with("North Korean troops")),
            "{labels:?}"
        );
    }
    let own = Captions {
        source: Some("Source: the agencies".into()),
        ..Captions::default()
    };
    let labels = check_layout(&story(), &own, Kind::Level, Size::default());
    assert!(
        labels.iter().any(|l| l == "Source: the agencies"),
        "{labels:?}"
    );
}

/// The PNG and the SVG are one layout: the SVG rasterised would be the PNG; here, the PNG has
/// ink wherever the SVG puts a text.
#[test]
fn png_and_svg_share_the_layout() {
    let input = story();
    let size = Size::new(640, 400).unwrap();
    let svg = chart::render_svg(&input, &Captions::default(), Kind::Level, size).unwrap();
    let png = decode(&chart::render_png(&input, Kind::Level, size).unwrap());
    for (label, b) in texts(&svg) {
        let rect = (
            b[0] as u32,
            b[1] as u32,
            b[2].ceil() as u32 + 1,
            b[3].ceil() as u32 + 1,
        );
        assert!(
            png.dark_pixels(rect) + png.ink_pixels(rect) > 0,
            "{label:?} at {b:?} has no ink in the PNG"
        );
    }
    assert!(
        svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"),
        "{svg}"
    );
}

/// A hedged figure gets a band of its source's colour, a range a whisker; one observation gets
/// a stem from zero and its own date as the only date on the axis.
#[test]
fn intervals_and_a_single_observation() {
    let size = Size::default();
    // "about 11,000": the status rules' interval, as the series gives it.
    let mut hedged = ChartPoint::exact(d(11, 5), 11_000.0, "Pentagon");
    hedged.bound = "~".into();
    hedged.low = Some(10_500.0);
    hedged.high = Some(11_500.0);
    let band = hedged.band().expect("a hedge has a band");
    assert_eq!(band, (10_500.0, 11_500.0));
    assert!(!hedged.has_range());
    let mut exact = ChartPoint::exact(d(11, 1), 10_000.0, "NIS");
    assert_eq!(exact.band(), None);
    exact.low = Some(9_000.0);
    exact.high = Some(12_000.0);
    assert!(exact.has_range() && exact.band().is_none());
    let input = ChartInput {
        metric: "m".into(),
        title: "Troops".into(),
        unit: Some("troop".into()),
        cumulative: false,
        points: vec![exact, hedged],
        sources: None,
        source_line: "Source: test".into(),
    };
    let img = decode(&chart::render_png(&input, Kind::Level, size).unwrap());
    // NIS is the first colour (blue), Pentagon the second (vermillion): the band is vermillion
    // at 30% on white.
    let faint = (247, 206, 178);
    assert!(
        img.count_colour_like(faint, 12, img.plot_area()) > 100,
        "no band drawn"
    );
    let labels = check_layout(&input, &Captions::default(), Kind::Level, size);
    assert!(
        labels.iter().any(|l| l == "1 Nov 2024") && labels.iter().any(|l| l == "5 Nov"),
        "{labels:?}"
    );

    let one = ChartInput {
        points: vec![ChartPoint::exact(d(8, 31), 1.8, "ONS")],
        unit: Some("percentage".into()),
        ..input
    };
    let labels = check_layout(&one, &Captions::default(), Kind::Level, size);
    let dates: Vec<&String> = labels
        .iter()
        .filter(|l| l.contains("Aug") || l.contains("Sep"))
        .collect();
    assert_eq!(
        dates.len(),
        2,
        "the date on the axis and in the subtitle only: {labels:?}"
    );
    let img = decode(&chart::render_png(&one, Kind::Level, size).unwrap());
    // The stem: a column of blue from the point down to the axis.
    let blue = (0, 114, 178);
    assert!(
        img.count_colour_like(blue, 20, img.plot_area()) > 600,
        "no stem"
    );
}

/// Hedged figures closer than their bars' width share one band: no bars piled up into a darker
/// ribbon where they overlap.
#[test]
fn close_hedged_figures_share_one_band() {
    let points: Vec<ChartPoint> = (0..120u32)
        .map(|i| {
            let day =
                NaiveDate::from_ymd_opt(2022, 3, 1).unwrap() + chrono::Days::new(u64::from(i));
            let value = 10_000.0 + 400.0 * f64::from(i);
            let mut p = ChartPoint::exact(day, value, "General Staff");
            p.bound = "~".into();
            p.low = Some(value * 0.95);
            p.high = Some(value * 1.05);
            p
        })
        .collect();
    let input = ChartInput {
        metric: "m".into(),
        title: "Losses".into(),
        unit: None,
        cumulative: true,
        points,
        sources: None,
        source_line: "Source: test".into(),
    };
    let img = decode(&chart::render_png(&input, Kind::Level, Size::default()).unwrap());
    // Blue at 30% on white, and at 51% where two bands would overlap (a few pixels of that
    // shade are the points' anti-aliased edges).
    let once = img.count_colour_like((178, 213, 232), 6, img.plot_area());
    let twice = img.count_colour_like((125, 183, 216), 6, img.plot_area());
    assert!(once > 5000, "no band: {once}");
    assert!(
        twice * 10 < once,
        "bands piled up: {twice} pixels, {once} once"
    );
}
