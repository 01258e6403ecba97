//! Charts: a metric's series as a PNG, drawn with plotters on an in-memory bitmap.
//!
//! Two pictures per metric:
//! - the level chart ([`Kind::Level`]): every observation as a point coloured by its source,
//!   its interval drawn (a whisker for a range; an open marker with an arrow for "more than" and
//!   "up to"), a step line for cumulative totals and a straight line otherwise, the latest value
//!   annotated with its change ("10,000 (+7,000, x3.3 since 23 Oct)"), anomalies and conflicts
//!   ringed;
//! - the change chart ([`Kind::Changes`]): the change from the previous observation as bars,
//!   rises and falls in two colours.
//!
//! Text is drawn with the Noto Sans font embedded in the binary (SIL Open Font License 1.1, see
//! `assets/fonts/OFL.txt`) through plotters' ab_glyph support, so a machine with no fonts at all
//! draws every label. The charts take a [`ChartInput`], a plain description of the series, so
//! they can be drawn from the store ([`data`]) or from anything else.

pub mod data;
mod draw;
pub mod format;
pub mod ticks;

use crate::number;
use anyhow::{Context, bail};
use chrono::NaiveDate;

/// Default picture size: 16:9, legible in a story and on a slide.
pub const DEFAULT_WIDTH: u32 = 1200;
pub const DEFAULT_HEIGHT: u32 = 675;
/// Smallest and largest sizes drawn.
pub const MIN_SIZE: (u32, u32) = (320, 200);
pub const MAX_SIZE: (u32, u32) = (8000, 8000);

/// Which picture to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The observations over time.
    Level,
    /// The change from one observation to the next, as bars.
    Changes,
}

/// One observation to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartPoint {
    pub date: NaiveDate,
    /// The figure (for a range, its midpoint).
    pub value: f64,
    /// Interval ends; `None` is unbounded on that side ("more than 600,000" has no high).
    /// An exact figure has `low == high == value`.
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// Bound symbol (`=`, `~`, `>`, `>=`, `<`, `<=`) or "mixed".
    pub bound: String,
    /// Who reported it ("Pentagon"; several sources joined with " + "); decides the colour.
    pub source: String,
    /// Change from the previous observation, and the days between them.
    pub delta: Option<f64>,
    pub ratio: Option<f64>,
    pub pct: Option<f64>,
    pub days: Option<i64>,
    /// Why the observation is an anomaly ("cumulative total fell by 14").
    pub anomaly: Option<String>,
    /// Why it conflicts with another source's figure ("Pentagon said 3,000 the day before").
    pub conflict: Option<String>,
}

impl ChartPoint {
    /// An exact figure with no change information.
    pub fn exact(date: NaiveDate, value: f64, source: impl Into<String>) -> ChartPoint {
        ChartPoint {
            date,
            value,
            low: Some(value),
            high: Some(value),
            bound: "=".into(),
            source: source.into(),
            delta: None,
            ratio: None,
            pct: None,
            days: None,
            anomaly: None,
            conflict: None,
        }
    }

    /// The observation's finite interval, wider than a point.
    fn span(&self) -> Option<(f64, f64)> {
        let (lo, hi) = (self.low?, self.high?);
        (lo.is_finite() && hi.is_finite() && hi - lo > 1e-9 * self.value.abs().max(1.0))
            .then_some((lo, hi))
    }

    /// The interval is a stated range worth a whisker ("between 10,000 and 12,000", or reports
    /// of one day that differ); a hedged figure's interval is drawn as a band instead.
    pub fn has_range(&self) -> bool {
        self.bound != "~" && self.span().is_some()
    }

    /// The band of a hedged figure ("about 11,000"): the values it allows, as the status rules
    /// read them from how it is written (`figtrack::status`), so a chart shows the interval
    /// `series` and `diff` judge by.
    pub fn band(&self) -> Option<(f64, f64)> {
        if self.bound == "~" { self.span() } else { None }
    }

    /// Unbounded above: "more than", "at least".
    pub fn open_above(&self) -> bool {
        self.high.is_none() && self.low.is_some()
    }

    /// Unbounded below: "up to", "less than".
    pub fn open_below(&self) -> bool {
        self.low.is_none() && self.high.is_some()
    }
}

/// A series to draw, with its labels.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartInput {
    /// Metric id.
    pub metric: String,
    /// Title (the metric's label).
    pub title: String,
    /// What the metric counts or measures ("troop", "dollar", "percentage").
    pub unit: Option<String>,
    /// A running total: drawn as a step line.
    pub cumulative: bool,
    /// Observations in date order.
    pub points: Vec<ChartPoint>,
    /// How many sources gave the observations, when points group several under one colour
    /// ("several sources"); `None`: one per point colour.
    pub sources: Option<usize>,
    /// The line at the bottom: where the figures come from.
    pub source_line: String,
}

/// What a user writes on a chart, over what figtrack writes itself (`figtrack chart --title
/// --subtitle --note --source`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Captions {
    /// Replaces the metric's label (a headline: what the chart shows).
    pub title: Option<String>,
    /// Replaces the line of unit, observations and dates under the title.
    pub subtitle: Option<String>,
    /// A note above the source line (a caveat, how the figures were gathered).
    pub note: Option<String>,
    /// Replaces the source line ("Source: " is put before it unless it starts so).
    pub source: Option<String>,
}

/// A picture size in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

impl Default for Size {
    fn default() -> Self {
        Size {
            width: DEFAULT_WIDTH,
            height: DEFAULT_HEIGHT,
        }
    }
}

impl Size {
    /// A size, checked against [`MIN_SIZE`] and [`MAX_SIZE`].
    pub fn new(width: u32, height: u32) -> anyhow::Result<Size> {
        if width < MIN_SIZE.0 || height < MIN_SIZE.1 || width > MAX_SIZE.0 || height > MAX_SIZE.1 {
            bail!(
                "chart size {width}x{height} is out of range: width {}..={} and height {}..={} pixels",
                MIN_SIZE.0,
                MAX_SIZE.0,
                MIN_SIZE.1,
                MAX_SIZE.1
            );
        }
        Ok(Size { width, height })
    }
}

/// Registers the embedded font with plotters (once per process).
pub fn register_fonts() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        use plotters::style::{FontStyle, register_font};
        // The embedded fonts are valid TrueType; a failure would show as missing text, which the
        // tests catch.
        let _ = register_font("sans-serif", FontStyle::Normal, notosans::REGULAR_TTF);
        let _ = register_font("sans-serif", FontStyle::Bold, notosans::BOLD_TTF);
    });
}

/// Draws `input` into an RGB buffer (3 bytes a pixel, rows top to bottom).
pub fn render_rgb(
    input: &ChartInput,
    captions: &Captions,
    kind: Kind,
    size: Size,
) -> anyhow::Result<Vec<u8>> {
    register_fonts();
    let mut buf = vec![255u8; size.width as usize * size.height as usize * 3];
    draw::draw_rgb(&mut buf, input, captions, kind, size)
        .with_context(|| format!("drawing the chart of {}", input.metric))?;
    Ok(buf)
}

/// Draws `input` as an SVG document that looks as the PNG does (the same layout, colours and
/// font; text as `<text>` elements a graphics editor can change).
pub fn render_svg(
    input: &ChartInput,
    captions: &Captions,
    kind: Kind,
    size: Size,
) -> anyhow::Result<String> {
    register_fonts();
    draw::draw_svg(input, captions, kind, size)
        .with_context(|| format!("drawing the chart of {}", input.metric))
}

/// Encodes an RGB buffer as PNG.
pub fn encode_png(rgb: &[u8], size: Size) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(rgb.len() / 16);
    {
        let mut enc = png::Encoder::new(&mut out, size.width, size.height);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Default);
        enc.set_adaptive_filter(png::AdaptiveFilterType::Adaptive);
        let mut w = enc.write_header().context("encoding PNG")?;
        w.write_image_data(rgb).context("encoding PNG")?;
        w.finish().context("encoding PNG")?;
    }
    Ok(out)
}

/// Draws `input` as PNG bytes, with figtrack's own captions.
pub fn render_png(input: &ChartInput, kind: Kind, size: Size) -> anyhow::Result<Vec<u8>> {
    render_png_with(input, &Captions::default(), kind, size)
}

/// Draws `input` as PNG bytes with `captions`.
pub fn render_png_with(
    input: &ChartInput,
    captions: &Captions,
    kind: Kind,
    size: Size,
) -> anyhow::Result<Vec<u8>> {
    encode_png(&render_rgb(input, captions, kind, size)?, size)
}

pub use crate::files::io_reason;

/// The change annotation of the latest observation: "10,000 (+7,000, x3.3 since 23 Oct)".
pub fn latest_annotation(input: &ChartInput) -> Option<String> {
    let last = input.points.last()?;
    let percent = input.unit.as_deref().is_some_and(format::is_percent);
    let v = |x: f64| {
        if percent {
            format!("{}%", number::rounded(x))
        } else {
            number::short(x)
        }
    };
    let value = format!("{}{}", format::bound_words(&last.bound), v(last.value));
    let prev = input.points.len().checked_sub(2).map(|i| &input.points[i]);
    let (Some(delta), Some(prev)) = (last.delta, prev) else {
        return Some(value);
    };
    let since = if prev.date.year_ce() == last.date.year_ce() {
        format::day_month(prev.date)
    } else {
        format::day_month_year(prev.date)
    };
    let change = if percent {
        format!("{} pts", number::signed(delta))
    } else {
        number::signed(delta)
    };
    let rel = match last.ratio {
        Some(r) if r > 0.0 && !(0.9..1.1).contains(&r) => format!(", {}", number::ratio(r)),
        _ => match last.pct {
            Some(p) if !percent && delta != 0.0 => format!(", {}", number::pct(p)),
            _ => String::new(),
        },
    };
    Some(format!("{value} ({change}{rel} since {since})"))
}

use chrono::Datelike as _;

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, day).unwrap()
    }

    #[test]
    fn annotation_of_the_latest_change() {
        let mut b = ChartPoint::exact(d(10, 29), 10_000.0, "Pentagon");
        b.delta = Some(7000.0);
        b.ratio = Some(10_000.0 / 3000.0);
        b.pct = Some(233.3);
        let input = ChartInput {
            metric: "m".into(),
            title: "t".into(),
            unit: Some("troop".into()),
            cumulative: false,
            points: vec![ChartPoint::exact(d(10, 23), 3000.0, "NIS"), b],
            sources: None,
            source_line: String::new(),
        };
        assert_eq!(
            latest_annotation(&input).unwrap(),
            "10,000 (+7,000, x3.3 since 23 Oct)"
        );
    }

    #[test]
    fn ranges_and_bounds() {
        let mut p = ChartPoint::exact(d(1, 1), 100.0, "s");
        assert!(!p.has_range());
        p.bound = "~".into();
        p.low = Some(95.0);
        p.high = Some(105.0);
        assert!(!p.has_range(), "a hedge is a band, not a range");
        assert_eq!(p.band(), Some((95.0, 105.0)));
        p.bound = "=".into();
        p.low = Some(90.0);
        assert!(p.has_range() && p.band().is_none());
        p.high = None;
        assert!(p.open_above() && !p.has_range());
    }
}
