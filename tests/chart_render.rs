//! Charts drawn from plain inputs: each PNG decodes, has the requested size, and carries text
//! (title, labels) and data (coloured points, bars), whatever the span and the number of points.
//! Set FIGTRACK_CHART_PREVIEW=DIR to keep the pictures for a look.
#![cfg(feature = "charts")]

mod chart_common;

use chart_common::{Image, decode};
use chrono::{Days, NaiveDate};
use figtrack::chart::{self, ChartInput, ChartPoint, Kind, Size};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The seed story: 1,500 (NIS, about), 3,000 (US), 10,000 (Pentagon), a range and a bound.
fn nk_troops() -> ChartInput {
    let mut a = ChartPoint::exact(d(2024, 10, 18), 1500.0, "National Intelligence Service");
    a.bound = "~".into();
    a.low = Some(1425.0);
    a.high = Some(1575.0);
    let mut b = ChartPoint::exact(d(2024, 10, 23), 3000.0, "John Kirby");
    b.delta = Some(1500.0);
    b.ratio = Some(2.0);
    b.pct = Some(100.0);
    b.days = Some(5);
    let mut c = ChartPoint::exact(d(2024, 10, 25), 5000.0, "Ukrainian intelligence");
    c.low = Some(4000.0);
    c.high = Some(6000.0);
    c.delta = Some(2000.0);
    c.ratio = Some(5.0 / 3.0);
    c.days = Some(2);
    c.conflict = Some("John Kirby said 3,000 2 days before".into());
    let mut e = ChartPoint::exact(d(2024, 10, 29), 10_000.0, "Pentagon");
    e.delta = Some(5000.0);
    e.ratio = Some(2.0);
    e.days = Some(4);
    let mut f = ChartPoint::exact(d(2024, 11, 5), 11_000.0, "Volodymyr Zelensky");
    f.bound = ">".into();
    f.high = None;
    f.delta = Some(1000.0);
    f.ratio = Some(1.1);
    f.pct = Some(10.0);
    f.days = Some(7);
    ChartInput {
        metric: "nk-troops-in-russia".into(),
        title: "North Korean troops in Russia".into(),
        unit: Some("troop".into()),
        cumulative: false,
        points: vec![a, b, c, e, f],
        sources: None,
        source_line:
            "Sources: Pentagon, John Kirby, National Intelligence Service · chart: figtrack".into(),
    }
}

/// A daily running total over 1,626 days with one fall (an anomaly).
fn daily_total(n: usize) -> ChartInput {
    let start = d(2022, 2, 25);
    let mut points = Vec::with_capacity(n);
    let mut v = 2800.0;
    for i in 0..n {
        let mut p = ChartPoint::exact(
            start + Days::new(i as u64),
            v,
            "General Staff of the Armed Forces of Ukraine",
        );
        p.bound = "~".into();
        p.low = Some(v * 0.95);
        p.high = Some(v * 1.05);
        if i > 0 {
            let prev: &ChartPoint = &points[i - 1];
            p.delta = Some(v - prev.value);
            p.ratio = Some(v / prev.value);
            p.pct = Some((v / prev.value - 1.0) * 100.0);
            p.days = Some(1);
            if v < prev.value {
                p.anomaly = Some(format!("cumulative total fell by {}", prev.value - v));
            }
        }
        points.push(p);
        v += 300.0 + (i as f64 * 0.9) + ((i * 7919) % 400) as f64;
        if i == 800 {
            v -= 5000.0;
        }
    }
    ChartInput {
        metric: "russian-personnel-losses".into(),
        title: "Russian personnel losses (Ukrainian General Staff)".into(),
        unit: Some("soldier".into()),
        cumulative: true,
        points,
        sources: None,
        source_line: "Source: General Staff of the Armed Forces of Ukraine · chart: figtrack"
            .into(),
    }
}

fn save(name: &str, png: &[u8]) {
    if let Some(dir) = std::env::var_os("FIGTRACK_CHART_PREVIEW") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(std::path::Path::new(&dir).join(name), png).unwrap();
    }
}

fn draw(name: &str, input: &ChartInput, kind: Kind, size: Size) -> Image {
    let png = chart::render_png(input, kind, size).unwrap();
    save(name, &png);
    let img = decode(&png);
    assert_eq!((img.width, img.height), (size.width, size.height), "{name}");
    img
}

#[test]
fn seed_story_chart_has_text_points_and_legend() {
    let img = draw("nk.png", &nk_troops(), Kind::Level, Size::default());
    img.assert_has_text_at_top("nk");
    // Source colours in the plot: blue, vermillion, green and the conflict's purple.
    assert!(img.count_colour_like((0, 114, 178), 30, img.plot_area()) > 50);
    assert!(img.count_colour_like((213, 94, 0), 30, img.plot_area()) > 50);
    assert!(img.count_colour_like((120, 40, 150), 30, img.plot_area()) > 20);
    assert!(img.distinct_colours() > 40, "anti-aliased text and markers");
}

#[test]
fn change_chart_has_bars_in_two_colours() {
    let mut input = nk_troops();
    input.points[3].delta = Some(-2000.0);
    let img = draw("nk-changes.png", &input, Kind::Changes, Size::default());
    img.assert_has_text_at_top("nk-changes");
    assert!(img.count_colour_like((0, 114, 178), 10, img.plot_area()) > 500);
    assert!(img.count_colour_like((213, 94, 0), 10, img.plot_area()) > 500);
}

#[test]
fn long_daily_series_draws_every_point() {
    let input = daily_total(1626);
    let img = draw("daily.png", &input, Kind::Level, Size::default());
    img.assert_has_text_at_top("daily");
    assert!(img.count_colour_like((0, 114, 178), 30, img.plot_area()) > 2000);
    let red = img.count_colour_like((200, 0, 0), 40, img.plot_area());
    assert!(red > 20, "the fall is ringed ({red} red pixels)");
    let img = draw("daily-changes.png", &input, Kind::Changes, Size::default());
    assert!(img.count_colour_like((0, 114, 178), 10, img.plot_area()) > 2000);
    assert!(img.count_colour_like((213, 94, 0), 10, img.plot_area()) > 20);
}

#[test]
fn sizes_are_honoured_and_checked() {
    for (w, h) in [(640, 360), (1920, 1080), (400, 800), (320, 200)] {
        let img = draw(
            &format!("nk-{w}x{h}.png"),
            &nk_troops(),
            Kind::Level,
            Size::new(w, h).unwrap(),
        );
        img.assert_has_text_at_top(&format!("{w}x{h}"));
    }
    assert!(Size::new(10, 10).is_err());
    assert!(Size::new(100_000, 600).is_err());
}

#[test]
fn empty_and_single_point_series_draw_a_sensible_chart() {
    let mut input = nk_troops();
    input.points.clear();
    for kind in [Kind::Level, Kind::Changes] {
        let img = draw(
            &format!("empty-{kind:?}.png"),
            &input,
            kind,
            Size::default(),
        );
        img.assert_has_text_at_top("empty");
        assert!(img.dark_pixels(img.plot_area()) > 100, "a message says why");
    }
    let mut input = nk_troops();
    input.points.truncate(1);
    let img = draw("single.png", &input, Kind::Level, Size::default());
    assert!(img.count_colour_like((0, 114, 178), 30, img.plot_area()) > 50);
    let img = draw("single-changes.png", &input, Kind::Changes, Size::default());
    assert!(img.dark_pixels(img.plot_area()) > 100);
}

#[test]
fn spans_from_one_day_to_decades() {
    for (name, days, step) in [
        ("span-1d", 1u64, 1u64),
        ("span-3w", 21, 3),
        ("span-9m", 270, 9),
        ("span-40y", 40 * 365, 365),
    ] {
        let mut input = nk_troops();
        input.points = (0..=days / step)
            .map(|i| ChartPoint::exact(d(1990, 1, 1) + Days::new(i * step), 100.0 + i as f64, "A"))
            .collect();
        let img = draw(&format!("{name}.png"), &input, Kind::Level, Size::default());
        // Tick labels under the plot.
        let (w, h) = (img.width, img.height);
        let ink = img.ink_pixels((0, h - 70, w, h - 36));
        assert!(
            ink > 1200 + 100,
            "{name}: date labels ({ink} pixels of ink)"
        );
    }
}

#[test]
fn awkward_values_do_not_break_the_chart() {
    let mut input = nk_troops();
    input.unit = Some("percentage".into());
    for (i, v) in [2.1, 2.4, 1.9, -0.3, 2.0].into_iter().enumerate() {
        input.points[i].value = v;
        input.points[i].low = Some(v);
        input.points[i].high = Some(v);
    }
    draw("percent.png", &input, Kind::Level, Size::default());
    let mut input = nk_troops();
    for p in &mut input.points {
        p.value *= 1e9;
        p.low = p.low.map(|v| v * 1e9);
        p.high = p.high.map(|v| v * 1e9);
    }
    input.title = "A very long title ".repeat(20);
    input.points[0].source = "<script>alert(1)</script> ".repeat(10);
    draw("billions.png", &input, Kind::Level, Size::default());
    let mut input = nk_troops();
    input.points[1].value = f64::NAN;
    input.points[2].high = Some(f64::INFINITY);
    draw("nan.png", &input, Kind::Level, Size::default());
    // Many sources: the legend wraps and the rest are grey.
    let mut input = daily_total(60);
    for (i, p) in input.points.iter_mut().enumerate() {
        p.source = format!("Source number {}", i % 12);
    }
    draw("many-sources.png", &input, Kind::Level, Size::default());
}

mod robust {
    use super::*;
    use proptest::prelude::*;

    fn value() -> impl Strategy<Value = f64> {
        prop_oneof![
            -1e6f64..1e7,
            Just(0.0),
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(-f64::MAX),
            Just(f64::MAX),
            1e-9f64..1e-6,
            -1e300f64..1e300,
        ]
    }

    fn point() -> impl Strategy<Value = ChartPoint> {
        (
            -40_000i64..40_000,
            value(),
            proptest::option::of(value()),
            proptest::option::of(value()),
            prop_oneof![Just("="), Just("~"), Just(">"), Just("<="), Just("mixed")],
            proptest::option::of(value()),
            0usize..9,
            any::<bool>(),
        )
            .prop_map(|(day, v, lo, hi, bound, delta, src, flag)| {
                let date = d(2000, 1, 1)
                    .checked_add_signed(chrono::TimeDelta::days(day))
                    .unwrap();
                let mut p = ChartPoint::exact(date, v, format!("source {src}"));
                p.low = lo;
                p.high = hi;
                p.bound = bound.into();
                p.delta = delta;
                p.ratio = delta.map(|x| x / 3.0);
                p.pct = delta;
                p.days = Some(day.abs() % 9);
                if flag {
                    p.anomaly = Some("fell".into());
                    p.conflict = Some("disagrees".into());
                }
                p
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        /// Whatever the figures, a chart is drawn: no panic, no error, the requested size.
        #[test]
        fn any_series_draws(mut points in proptest::collection::vec(point(), 0..30),
                            cumulative in any::<bool>(), percent in any::<bool>()) {
            points.sort_by_key(|p| p.date);
            let input = ChartInput {
                metric: "m".into(),
                title: "Random series".into(),
                unit: Some(if percent { "percentage" } else { "troop" }.into()),
                cumulative,
                points,
                sources: None,
                source_line: "Source: tests".into(),
            };
            let size = Size::new(640, 360).unwrap();
            for kind in [Kind::Level, Kind::Changes] {
                let png = chart::render_png(&input, kind, size).unwrap();
                let img = decode(&png);
                prop_assert_eq!((img.width, img.height), (640, 360));
            }
        }
    }
}
