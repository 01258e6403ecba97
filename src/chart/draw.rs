//! The drawing itself: header (title, subtitle, legend), plot, footer (source line).

use super::ticks::{self, Tick, ValueAxis, day_number};
use super::{Captions, ChartInput, ChartPoint, Kind, Size, format, latest_annotation};
use crate::number;
use ab_glyph::{Font, FontRef, GlyphId, PxScale, ScaleFont, point};
use anyhow::anyhow;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

type Area<DB> = DrawingArea<DB, Shift>;

/// Colours for sources (Okabe-Ito, colour-blind safe, yellow left out: it does not read on
/// white), then grey for the rest.
const PALETTE: [RGBColor; 7] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(90, 90, 90),
];
const OTHER: RGBColor = RGBColor(150, 150, 150);
const INK: RGBColor = RGBColor(30, 30, 30);
const MUTED: RGBColor = RGBColor(85, 85, 85);
const GRID: RGBColor = RGBColor(228, 228, 228);
const AXIS: RGBColor = RGBColor(140, 140, 140);
const LINE: RGBColor = RGBColor(165, 165, 165);
const ANOMALY: RGBColor = RGBColor(200, 0, 0);
const CONFLICT: RGBColor = RGBColor(120, 40, 150);
/// Hedged figures' bands: the source's colour (or this grey in the legend), faint.
const BAND: RGBColor = RGBColor(110, 110, 110);
const BAND_ALPHA: f64 = 0.3;
const UP: RGBColor = RGBColor(0, 114, 178);
const DOWN: RGBColor = RGBColor(213, 94, 0);

fn err<E: std::fmt::Debug>(e: E) -> anyhow::Error {
    anyhow!("plotting failed: {e:?}")
}

/// Sizes scaled to the picture: 1.0 at 1200x675; and whether the picture is short (under 400
/// pixels), where titles, notes and source lines keep to one line each and the legend to
/// short words, so the plot keeps most of the height.
#[derive(Clone, Copy)]
struct Scale(f64, bool);

impl Scale {
    fn of(size: Size) -> Scale {
        let s = (f64::from(size.width) / 1200.0).min(f64::from(size.height) / 675.0);
        // Below 0.8 the fonts stop shrinking (they would not read); spacing stops with them.
        Scale(s.clamp(0.8, 3.0), size.height < 400)
    }
    /// Lines a text may take: `lines`, or one on a short picture.
    fn lines(self, lines: usize) -> usize {
        if self.1 { 1 } else { lines }
    }
    /// The legend's word for a mark: `long`, or `short` on a short picture.
    fn word(self, long: &str, short: &str) -> String {
        if self.1 { short } else { long }.to_string()
    }
    fn px(self, v: f64) -> i32 {
        (v * self.0).round().max(1.0) as i32
    }
    fn font(self, v: f64) -> f64 {
        // Small pictures keep readable text: never below 80 % of the full-size font.
        (v * self.0).max(v * 0.8).max(9.0)
    }
}

fn font(size: f64) -> FontDesc<'static> {
    FontDesc::new(FontFamily::SansSerif, size, FontStyle::Normal)
}

fn bold(size: f64) -> FontDesc<'static> {
    FontDesc::new(FontFamily::SansSerif, size, FontStyle::Bold)
}

fn style(f: FontDesc<'static>, c: RGBColor) -> TextStyle<'static> {
    TextStyle {
        font: f,
        color: c.to_backend_color(),
        pos: Pos::new(HPos::Left, VPos::Top),
    }
}

/// A linear axis with our own ticks.
struct Axis {
    lo: f64,
    hi: f64,
    ticks: Vec<f64>,
}

impl Ranged for Axis {
    type FormatOption = plotters::coord::ranged1d::DefaultFormatting;
    type ValueType = f64;

    fn map(&self, v: &f64, limit: (i32, i32)) -> i32 {
        // Halves: the span of values near the ends of f64 would overflow.
        let t = (v / 2.0 - self.lo / 2.0) / (self.hi / 2.0 - self.lo / 2.0);
        limit.0 + (f64::from(limit.1 - limit.0) * t).round() as i32
    }

    fn key_points<H: plotters::coord::ranged1d::KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.lo..self.hi
    }
}

/// The embedded face a text style asks for.
fn face(st: &TextStyle) -> FontRef<'static> {
    let bytes = match st.font.get_style() {
        FontStyle::Bold => notosans::BOLD_TTF,
        _ => notosans::REGULAR_TTF,
    };
    // The embedded fonts are valid TrueType (the tests draw with both).
    FontRef::try_from_slice(bytes).expect("embedded Noto Sans parses")
}

/// Glyphs of `text` with their pen positions: the font's own advances and kerning at the pixel
/// size. plotters' ab_glyph backend places each glyph at its pen position without its left
/// bearing (and truncates the pen), which spaced titles unevenly ("Consum er"); we lay out here.
fn layout(font: &FontRef<'static>, size: f32, text: &str) -> (Vec<(GlyphId, f32)>, f32) {
    let sf = font.as_scaled(PxScale::from(size));
    let mut pen = 0f32;
    let mut prev: Option<GlyphId> = None;
    let mut glyphs = Vec::with_capacity(text.len());
    for c in text.chars() {
        let id = sf.glyph_id(c);
        if let Some(p) = prev {
            pen += sf.kern(p, id);
        }
        glyphs.push((id, pen));
        pen += sf.h_advance(id);
        prev = Some(id);
    }
    (glyphs, pen)
}

/// Width in pixels of `text` in style `st` (advances and kerning, rounded up).
fn text_width<DB: Ink>(_area: &Area<DB>, text: &str, st: &TextStyle) -> i32 {
    let (_, w) = layout(&face(st), st.font.get_size() as f32, text);
    w.ceil() as i32
}

/// `text` shortened with an ellipsis to fit `max` pixels.
fn fit<DB: Ink>(area: &Area<DB>, text: &str, st: &TextStyle, max: i32) -> String {
    if text_width(area, text, st) <= max {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let s: String = chars[..mid].iter().collect::<String>() + "…";
        if text_width(area, &s, st) <= max {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    chars[..lo]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_string()
        + "…"
}

/// A line of text placed: its glyphs at their pen positions, its left end and baseline.
pub(super) struct TextRun<'a> {
    text: &'a str,
    font: FontRef<'static>,
    size: f32,
    glyphs: Vec<(GlyphId, f32)>,
    x0: f64,
    baseline: f64,
    rgb: (u8, u8, u8),
    alpha: f64,
}

/// How a backend takes text laid out at the font's own advances and kerning ([`layout`]): the
/// bitmap as anti-aliased glyphs, SVG as the glyphs' outlines.
pub(super) trait Ink: DrawingBackend + Sized {
    fn text(area: &Area<Self>, run: &TextRun) -> anyhow::Result<()>;
}

impl Ink for BitMapBackend<'_> {
    /// Each glyph at its bearing with sub-pixel pen positions, blended by coverage.
    fn text(area: &Area<Self>, run: &TextRun) -> anyhow::Result<()> {
        let mut result = Ok(());
        for &(id, pen) in &run.glyphs {
            let glyph = id.with_scale_and_position(
                PxScale::from(run.size),
                point((run.x0 + f64::from(pen)) as f32, run.baseline as f32),
            );
            let Some(outline) = run.font.outline_glyph(glyph) else {
                continue;
            };
            let min = outline.px_bounds().min;
            outline.draw(|gx, gy, cover| {
                if cover <= 0.0 || result.is_err() {
                    return;
                }
                let p = (min.x as i32 + gx as i32, min.y as i32 + gy as i32);
                let (r, g, b) = run.rgb;
                let c = RGBAColor(r, g, b, run.alpha * f64::from(cover.min(1.0)));
                result = area.draw_pixel(p, &c);
            });
        }
        result.map_err(err)
    }
}

thread_local! {
    /// The text paths of the SVG being drawn on this thread, added after the drawing
    /// (on top, where text is in the bitmap too); see [`render_svg`].
    static SVG_TEXT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

impl Ink for SVGBackend<'_> {
    /// The glyphs' own outlines as one path (the text in `aria-label`): the SVG then looks as
    /// the PNG does in every viewer, with no font to install or embed.
    fn text(_area: &Area<Self>, run: &TextRun) -> anyhow::Result<()> {
        use std::fmt::Write as _;
        let scale = run.font.as_scaled(PxScale::from(run.size)).h_scale_factor();
        let mut d = String::with_capacity(run.glyphs.len() * 400);
        for &(id, pen) in &run.glyphs {
            let Some(outline) = run.font.outline(id) else {
                continue;
            };
            let x0 = run.x0 + f64::from(pen);
            let at = |p: ab_glyph::Point| {
                (
                    x0 + f64::from(p.x * scale),
                    run.baseline - f64::from(p.y * scale),
                )
            };
            let mut end: Option<ab_glyph::Point> = None;
            for curve in &outline.curves {
                use ab_glyph::OutlineCurve::{Cubic, Line, Quad};
                let start = match curve {
                    Line(a, _) | Quad(a, _, _) | Cubic(a, _, _, _) => *a,
                };
                if end != Some(start) {
                    if end.is_some() {
                        d.push('Z');
                    }
                    let (x, y) = at(start);
                    let _ = write!(d, "M{x:.1} {y:.1}");
                }
                match curve {
                    Line(_, b) => {
                        let (x, y) = at(*b);
                        let _ = write!(d, "L{x:.1} {y:.1}");
                        end = Some(*b);
                    }
                    Quad(_, c, b) => {
                        let ((cx, cy), (x, y)) = (at(*c), at(*b));
                        let _ = write!(d, "Q{cx:.1} {cy:.1} {x:.1} {y:.1}");
                        end = Some(*b);
                    }
                    Cubic(_, c1, c2, b) => {
                        let ((ax, ay), (bx, by), (x, y)) = (at(*c1), at(*c2), at(*b));
                        let _ = write!(d, "C{ax:.1} {ay:.1} {bx:.1} {by:.1} {x:.1} {y:.1}");
                        end = Some(*b);
                    }
                }
            }
            if end.is_some() {
                d.push('Z');
            }
        }
        let mut label = String::with_capacity(run.text.len());
        for c in run.text.chars() {
            match c {
                '&' => label.push_str("&amp;"),
                '<' => label.push_str("&lt;"),
                '>' => label.push_str("&gt;"),
                '"' => label.push_str("&quot;"),
                // Not allowed in XML 1.0.
                c if c.is_control() => label.push(' '),
                c => label.push(c),
            }
        }
        let (r, g, b) = run.rgb;
        SVG_TEXT.with_borrow_mut(|out| {
            let _ = writeln!(
                out,
                "<path role=\"img\" aria-label=\"{label}\" fill=\"#{r:02x}{g:02x}{b:02x}\"{} d=\"{d}\"/>",
                if run.alpha < 1.0 {
                    format!(" fill-opacity=\"{:.2}\"", run.alpha)
                } else {
                    String::new()
                },
            );
        });
        Ok(())
    }
}

/// Draws `text` anchored at `at` as `st.pos` says, laid out with the font's own metrics.
fn put<DB: Ink>(area: &Area<DB>, text: &str, at: (i32, i32), st: &TextStyle) -> anyhow::Result<()> {
    let font = face(st);
    let size = st.font.get_size() as f32;
    let (glyphs, width) = layout(&font, size, text);
    let sf = font.as_scaled(PxScale::from(size));
    let (ascent, descent) = (sf.ascent(), sf.descent());
    let x0 = f64::from(at.0)
        - match st.pos.h_pos {
            HPos::Left => 0.0,
            HPos::Center => f64::from(width) / 2.0,
            HPos::Right => f64::from(width),
        };
    // The baseline: the line box runs from the ascent to the descent.
    let baseline = f64::from(at.1)
        + match st.pos.v_pos {
            VPos::Top => f64::from(ascent),
            VPos::Center => f64::from(ascent + descent) / 2.0,
            VPos::Bottom => f64::from(descent),
        };
    let run = TextRun {
        text,
        font,
        size,
        glyphs,
        x0,
        baseline,
        rgb: st.color.rgb,
        alpha: st.color.alpha,
    };
    DB::text(area, &run)
}

/// The sources in colour order (most observations first) and the colour of each: the first
/// `coloured` get the palette, the rest grey.
struct Colours {
    names: Vec<String>,
    coloured: usize,
}

impl Colours {
    fn of(points: &[ChartPoint]) -> Colours {
        let mut counts: Vec<(String, usize, usize)> = Vec::new();
        for (i, p) in points.iter().enumerate() {
            match counts.iter_mut().find(|c| c.0 == p.source) {
                Some(c) => c.1 += 1,
                None => counts.push((p.source.clone(), 1, i)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        Colours {
            names: counts.into_iter().map(|c| c.0).collect(),
            coloured: PALETTE.len(),
        }
    }

    /// Colours for at most `n` sources (a small picture has no room to name more).
    fn at_most(mut self, n: usize) -> Colours {
        self.coloured = n.min(PALETTE.len());
        self
    }

    fn get(&self, source: &str) -> RGBColor {
        match self.names.iter().position(|n| n == source) {
            Some(i) if i < self.coloured => PALETTE[i],
            _ => OTHER,
        }
    }

    /// Legend entries: each coloured source, then "N other sources" in grey.
    fn entries(&self) -> Vec<(String, RGBColor)> {
        let mut out: Vec<(String, RGBColor)> = self
            .names
            .iter()
            .take(self.coloured)
            .enumerate()
            .map(|(i, n)| {
                let n = if n.is_empty() { "unknown source" } else { n };
                (n.to_string(), PALETTE[i])
            })
            .collect();
        let rest = self.names.len().saturating_sub(self.coloured);
        if rest > 0 {
            let other = if self.coloured == 0 { "" } else { " other" };
            out.push((
                format!("{rest}{other} source{}", if rest == 1 { "" } else { "s" }),
                OTHER,
            ));
        }
        out
    }
}

/// A legend symbol.
#[derive(Clone, Copy)]
enum Symbol {
    Dot(RGBColor),
    OpenUp,
    OpenDown,
    Whisker,
    Band,
    Ring(RGBColor),
    Diamond(RGBColor),
    Bar(RGBColor),
}

fn draw_symbol<DB: Ink>(area: &Area<DB>, sym: Symbol, c: (i32, i32), r: i32) -> anyhow::Result<()> {
    let (x, y) = c;
    match sym {
        Symbol::Dot(col) => area.draw(&Circle::new(c, r, col.filled())).map_err(err),
        Symbol::OpenUp | Symbol::OpenDown => {
            let dir = if matches!(sym, Symbol::OpenUp) { -1 } else { 1 };
            let y0 = y - dir * r / 2;
            area.draw(&Circle::new((x, y0), r - 1, INK.stroke_width(2)))
                .map_err(err)?;
            arrow(area, (x, y0 + dir * (r - 1)), dir, r + 2, INK, 2)
        }
        Symbol::Whisker => {
            let st = INK.stroke_width(2);
            area.draw(&PathElement::new(vec![(x, y - r - 2), (x, y + r + 2)], st))
                .map_err(err)?;
            for yy in [y - r - 2, y + r + 2] {
                area.draw(&PathElement::new(
                    vec![(x - r + 1, yy), (x + r - 1, yy)],
                    st,
                ))
                .map_err(err)?;
            }
            area.draw(&Circle::new(c, r - 2, INK.filled())).map_err(err)
        }
        Symbol::Band => {
            area.draw(&Rectangle::new(
                [(x - r, y - 2 * r), (x + r, y + 2 * r)],
                BAND.mix(BAND_ALPHA).filled(),
            ))
            .map_err(err)?;
            area.draw(&Circle::new(c, r - 2, INK.filled())).map_err(err)
        }
        Symbol::Ring(col) => area
            .draw(&Circle::new(c, r + 1, col.stroke_width(2)))
            .map_err(err),
        Symbol::Diamond(col) => diamond(area, c, r + 2, col),
        Symbol::Bar(col) => area
            .draw(&Rectangle::new(
                [(x - r, y - r), (x + r, y + r)],
                col.filled(),
            ))
            .map_err(err),
    }
}

/// A vertical arrow from `from`, `dir` -1 up or 1 down, `len` pixels long.
fn arrow<DB: Ink>(
    area: &Area<DB>,
    from: (i32, i32),
    dir: i32,
    len: i32,
    col: RGBColor,
    width: u32,
) -> anyhow::Result<()> {
    let (x, y) = from;
    let tip = (x, y + dir * len);
    area.draw(&PathElement::new(vec![from, tip], col.stroke_width(width)))
        .map_err(err)?;
    let h = (len / 3).max(3);
    area.draw(&Polygon::new(
        vec![
            (x - h * 2 / 3, tip.1 - dir * h),
            (x + h * 2 / 3, tip.1 - dir * h),
            tip,
        ],
        col.filled(),
    ))
    .map_err(err)
}

fn diamond<DB: Ink>(area: &Area<DB>, c: (i32, i32), r: i32, col: RGBColor) -> anyhow::Result<()> {
    let (x, y) = c;
    area.draw(&PathElement::new(
        vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y), (x, y - r)],
        col.stroke_width(2),
    ))
    .map_err(err)
}

/// Where legend entries go, left to right from `x0`, wrapping at `right`: each entry's label
/// (shortened to half the width at most), its x and its row.
fn legend_layout<DB: Ink>(
    area: &Area<DB>,
    entries: &[(String, Symbol)],
    x0: i32,
    right: i32,
    sc: Scale,
) -> Vec<(String, i32, i32)> {
    let st = style(font(sc.font(15.0)), INK);
    let r = sc.px(6.0);
    let (mut x, mut row) = (x0, 0);
    let mut out = Vec::with_capacity(entries.len());
    for (label, _) in entries {
        let label = fit(area, label, &st, (right - x0) / 2);
        let w = 2 * r + sc.px(6.0) + text_width(area, &label, &st) + sc.px(20.0);
        if x > x0 && x + w > right {
            x = x0;
            row += 1;
        }
        out.push((label, x, row));
        x += w;
    }
    out
}

/// Rows the legend of `entries` takes.
fn legend_rows<DB: Ink>(
    area: &Area<DB>,
    entries: &[(String, Symbol)],
    x0: i32,
    right: i32,
    sc: Scale,
) -> i32 {
    legend_layout(area, entries, x0, right, sc)
        .last()
        .map_or(0, |e| e.2 + 1)
}

/// Draws the legend from `(x0, y0)`; returns the bottom of the last row.
fn legend<DB: Ink>(
    area: &Area<DB>,
    entries: &[(String, Symbol)],
    (x0, y0): (i32, i32),
    right: i32,
    sc: Scale,
) -> anyhow::Result<i32> {
    if entries.is_empty() {
        return Ok(y0);
    }
    let st = style(font(sc.font(15.0)), INK).pos(Pos::new(HPos::Left, VPos::Center));
    let row = sc.px(24.0);
    let r = sc.px(6.0);
    let placed = legend_layout(area, entries, x0, right, sc);
    let mut bottom = y0;
    for ((label, x, n), (_, sym)) in placed.iter().zip(entries) {
        let y = y0 + row / 2 + n * row;
        draw_symbol(area, *sym, (x + r, y), r)?;
        put(area, label, (x + 2 * r + sc.px(6.0), y), &st)?;
        bottom = y + row / 2;
    }
    Ok(bottom)
}

/// Title and subtitle, each wrapped to two lines at most; returns the y below them.
fn header<DB: Ink>(
    area: &Area<DB>,
    title: &str,
    subtitle: &str,
    size: Size,
    sc: Scale,
) -> anyhow::Result<i32> {
    let pad = sc.px(20.0);
    let max = size.width as i32 - 2 * pad;
    let st = style(bold(sc.font(27.0)), INK).pos(Pos::new(HPos::Left, VPos::Top));
    let title = if title.trim().is_empty() {
        "(untitled)"
    } else {
        title
    };
    let mut y = sc.px(14.0);
    for line in wrap(area, title, &st, max, sc.lines(2)) {
        put(area, &line, (pad, y), &st)?;
        y += (sc.font(27.0) * 1.3).round() as i32;
    }
    y += sc.px(36.0) - (sc.font(27.0) * 1.3).round() as i32;
    if !subtitle.is_empty() {
        let st = style(font(sc.font(16.0)), MUTED).pos(Pos::new(HPos::Left, VPos::Top));
        for line in wrap(area, subtitle, &st, max, sc.lines(2)) {
            put(area, &line, (pad, y), &st)?;
            y += (sc.font(16.0) * 1.4).round() as i32;
        }
        y += sc.px(26.0) - (sc.font(16.0) * 1.4).round() as i32;
    }
    Ok(y)
}

/// `text` in lines of at most `max` pixels, broken between words, at most `most` lines (the
/// last shortened with an ellipsis if the text goes on).
fn wrap<DB: Ink>(
    area: &Area<DB>,
    text: &str,
    st: &TextStyle,
    max: i32,
    most: usize,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if line.is_empty() || text_width(area, &candidate, st) <= max {
            line = candidate;
            continue;
        }
        lines.push(std::mem::replace(&mut line, word.to_string()));
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > most {
        let rest = lines[most - 1..].join(" ");
        lines.truncate(most - 1);
        lines.push(rest);
    }
    lines.into_iter().map(|l| fit(area, &l, st, max)).collect()
}

/// The source line at the bottom, and the note above it, each wrapped to the width; returns
/// the top of the note (or of the source line).
fn footer<DB: Ink>(
    area: &Area<DB>,
    input: &ChartInput,
    captions: &Captions,
    size: Size,
    sc: Scale,
) -> anyhow::Result<i32> {
    let pad = sc.px(20.0);
    let max = size.width as i32 - 2 * pad;
    let st = style(font(sc.font(13.0)), MUTED).pos(Pos::new(HPos::Left, VPos::Bottom));
    let line_h = (sc.font(13.0) * 1.4).round() as i32;
    let source = match captions.source.as_deref().map(str::trim) {
        Some(s) if s.to_ascii_lowercase().starts_with("source") => s.to_string(),
        Some(s) => format!("Source: {s}"),
        None => input.source_line.clone(),
    };
    let mut lines = match captions.note.as_deref() {
        Some(note) => wrap(area, note, &st, max, sc.lines(3)),
        None => Vec::new(),
    };
    let notes = lines.len();
    lines.extend(wrap(area, &source, &st, max, sc.lines(2)));
    let mut bottom = size.height as i32 - sc.px(10.0);
    for (i, line) in lines.iter().enumerate().rev() {
        let colour = if i < notes { INK } else { MUTED };
        let st = style(font(sc.font(13.0)), colour).pos(Pos::new(HPos::Left, VPos::Bottom));
        put(area, line, (pad, bottom), &st)?;
        bottom -= line_h;
    }
    Ok(bottom + line_h - sc.px(24.0))
}

/// A message in the middle of an empty plot.
fn message<DB: Ink>(
    area: &Area<DB>,
    text: &str,
    top: i32,
    bottom: i32,
    size: Size,
    sc: Scale,
) -> anyhow::Result<()> {
    let st = style(font(sc.font(20.0)), MUTED).pos(Pos::new(HPos::Center, VPos::Center));
    area.draw(&Rectangle::new(
        [
            (sc.px(20.0), top),
            (size.width as i32 - sc.px(20.0), bottom),
        ],
        GRID.stroke_width(1),
    ))
    .map_err(err)?;
    put(area, text, (size.width as i32 / 2, (top + bottom) / 2), &st)
}

fn date_span(points: &[ChartPoint]) -> String {
    match (points.first(), points.last()) {
        (Some(a), Some(b)) if a.date == b.date => format::day_month_year(a.date),
        (Some(a), Some(b)) => {
            use chrono::Datelike;
            if a.date.year() == b.date.year() {
                format!(
                    "{} – {}",
                    format::day_month(a.date),
                    format::day_month_year(b.date)
                )
            } else {
                format!(
                    "{} – {}",
                    format::day_month_year(a.date),
                    format::day_month_year(b.date)
                )
            }
        }
        _ => String::new(),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        number::rounded(n as f64),
        if n == 1 { one } else { many }
    )
}

/// The distinct dates of the points, when there are at most three of them: a series this short
/// is labelled at its own dates.
fn few_dates(points: &[ChartPoint]) -> Option<Vec<chrono::NaiveDate>> {
    let mut dates: Vec<chrono::NaiveDate> = Vec::with_capacity(4);
    for p in points {
        if !dates.contains(&p.date) {
            if dates.len() == 3 {
                return None;
            }
            dates.push(p.date);
        }
    }
    dates.sort();
    Some(dates)
}

/// The x range: the dates with a margin. One date sits in the middle of a two-day range (not
/// a week of days nobody reported); two or three keep a margin of an eighth of their span so
/// no point sits on the edge; longer series are at least a week wide.
fn x_range(points: &[ChartPoint]) -> (f64, f64) {
    let a = day_number(points[0].date);
    let b = day_number(points[points.len() - 1].date);
    let span = b - a;
    if span <= 0.0 {
        return (a - 1.0, a + 1.0);
    }
    if few_dates(points).is_some() {
        let pad = span / 8.0;
        return (a - pad, b + pad);
    }
    let pad = (span * 0.03).max(1.0);
    let (a, b) = (a - pad, b + pad);
    if b - a < 7.0 {
        let mid = (a + b) / 2.0;
        (mid - 3.5, mid + 3.5)
    } else {
        (a, b)
    }
}

/// Date ticks inside the x range, away from its ends (where a label would be cut off); a short
/// series is labelled at its own dates.
fn x_ticks(x: (f64, f64), pts: &[ChartPoint], plot_w: i32, sc: Scale) -> Vec<Tick> {
    if let Some(dates) = few_dates(pts) {
        return ticks::observation_ticks(&dates);
    }
    let inset = (x.1 - x.0) * 0.025;
    ticks::date_ticks(
        ticks::date_of((x.0 + inset).ceil()).unwrap_or(pts[0].date),
        ticks::date_of((x.1 - inset).floor()).unwrap_or(pts[pts.len() - 1].date),
        (plot_w / sc.px(105.0)).max(2) as usize,
    )
}

/// Value range of the data, from zero when that does not squash it, and always for a series
/// of a few observations (`few`): two points 100 and 101 on an axis from 99.8 would draw a 1 %
/// rise as a climb from the floor to the ceiling.
fn y_extent(values: impl Iterator<Item = f64>, zero_base: bool, few: bool) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    if zero_base {
        // From zero when that does not squash the data, and for one flat value (whose size
        // is then the only thing to see).
        let flat = lo == hi;
        if lo >= 0.0 && (lo <= hi * 0.5 || flat || few) {
            lo = 0.0;
        } else if hi <= 0.0 && (hi >= lo * 0.5 || flat || few) {
            hi = 0.0;
        }
    }
    let pad = (hi - lo) * 0.06;
    let lo = if lo == 0.0 { lo } else { lo - pad };
    let hi = if hi == 0.0 { hi } else { hi + pad };
    (lo, hi)
}

/// The value axis for a plot `plot_h` pixels high: a tick every 70 pixels or so, fewer when
/// the labels (about 1.6 lines apart at least) would crowd a short plot.
fn y_axis(lo: f64, hi: f64, plot_h: i32, sc: Scale) -> ValueAxis {
    let room = sc.font(14.0) * 1.6;
    let mut target = (plot_h / sc.px(70.0)).clamp(2, 10) as usize;
    loop {
        let axis = ticks::value_axis(lo, hi, target);
        // The plot's drawn height is about 85 % of its rectangle (margins and x labels).
        let spacing = f64::from(plot_h) * 0.85 / (axis.ticks.len().max(2) - 1) as f64;
        if spacing >= room || target <= 2 {
            return axis;
        }
        target -= 1;
    }
}

struct Frame {
    x: (f64, f64),
    y: ValueAxis,
    xticks: Vec<Tick>,
    percent: bool,
}

/// Maps data coordinates (days, value) to pixels of the plot drawn by [`frame`].
#[derive(Debug, Clone, Copy)]
struct Mapper {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
    left: i32,
    right: i32,
    top: i32,
    bottom: i32,
}

impl Mapper {
    fn x(&self, x: f64) -> i32 {
        let t = (x - self.x0) / (self.x1 - self.x0);
        self.left + (t * f64::from(self.right - self.left)).round() as i32
    }
    fn y(&self, y: f64) -> i32 {
        let t = (y - self.y0) / (self.y1 - self.y0);
        let t = t.clamp(-0.05, 1.05);
        self.bottom - (t * f64::from(self.bottom - self.top)).round() as i32
    }
    fn at(&self, x: f64, y: f64) -> (i32, i32) {
        (self.x(x), self.y(y))
    }
}

/// Draws the axes, grid and tick labels in `rect` (left, top, right, bottom) and returns the
/// mapping of the plotting area inside them.
fn frame<DB: Ink>(
    area: &Area<DB>,
    rect: (i32, i32, i32, i32),
    frame: &Frame,
    sc: Scale,
) -> anyhow::Result<Mapper> {
    let (left, top, right, bottom) = rect;
    let sub = area.clone().shrink(
        (left, top),
        ((right - left).max(10) as u32, (bottom - top).max(10) as u32),
    );
    let label = style(font(sc.font(14.0)), MUTED);
    let max_abs = frame.y.ticks.iter().fold(0.0f64, |m, t| m.max(t.abs()));
    let ylabel = |v: &f64| {
        let s = number::axis_value(*v, frame.y.step, max_abs);
        if frame.percent { format!("{s}%") } else { s }
    };
    let ywidth = frame
        .y
        .ticks
        .iter()
        .map(|t| text_width(area, &ylabel(t), &label))
        .max()
        .unwrap_or(20)
        + sc.px(14.0);
    let mut chart = ChartBuilder::on(&sub)
        .margin_top(sc.px(14.0))
        .margin_right(sc.px(28.0))
        .x_label_area_size(sc.px(30.0))
        .y_label_area_size(ywidth)
        .build_cartesian_2d(
            Axis {
                lo: frame.x.0,
                hi: frame.x.1,
                ticks: frame.xticks.iter().map(|t| t.at).collect(),
            },
            Axis {
                lo: frame.y.lo,
                hi: frame.y.hi,
                ticks: frame.y.ticks.clone(),
            },
        )
        .map_err(err)?;
    chart
        .configure_mesh()
        .bold_line_style(GRID.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(AXIS.stroke_width(1))
        // The labels are written below, laid out as every other text.
        .label_style(style(font(sc.font(14.0)), RGBColor(0, 0, 0)).color(&TRANSPARENT))
        .x_label_formatter(&|_| String::new())
        .y_label_formatter(&|_| String::new())
        .set_all_tick_mark_size(sc.px(4.0))
        .draw()
        .map_err(err)?;
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    let m = Mapper {
        x0: frame.x.0,
        x1: frame.x.1,
        y0: frame.y.lo,
        y1: frame.y.hi,
        left: xr.start,
        right: xr.end - 1,
        top: yr.start,
        bottom: yr.end - 1,
    };
    let gap = sc.px(4.0) + sc.px(5.0);
    let right_mid = label.clone().pos(Pos::new(HPos::Right, VPos::Center));
    for t in &frame.y.ticks {
        put(area, &ylabel(t), (m.left - gap, m.y(*t)), &right_mid)?;
    }
    let centre_top = label.pos(Pos::new(HPos::Center, VPos::Top));
    for t in &frame.xticks {
        put(area, &t.label, (m.x(t.at), m.bottom + gap), &centre_top)?;
    }
    Ok(m)
}

/// Where the plot goes: between the header+legend and the footer.
fn plot_rect(top: i32, bottom: i32, size: Size, sc: Scale) -> (i32, i32, i32, i32) {
    (sc.px(12.0), top, size.width as i32 - sc.px(8.0), bottom)
}

/// Draws `input` into an RGB buffer of `size`.
pub(super) fn draw_rgb(
    buf: &mut [u8],
    input: &ChartInput,
    captions: &Captions,
    kind: Kind,
    size: Size,
) -> anyhow::Result<()> {
    let area = BitMapBackend::with_buffer(buf, (size.width, size.height)).into_drawing_area();
    draw(&area, input, captions, kind, size)
}

/// Draws `input` as an SVG document of `size` pixels, with the bitmap's look.
pub(super) fn draw_svg(
    input: &ChartInput,
    captions: &Captions,
    kind: Kind,
    size: Size,
) -> anyhow::Result<String> {
    let mut svg = String::new();
    SVG_TEXT.with_borrow_mut(String::clear);
    {
        let area = SVGBackend::with_string(&mut svg, (size.width, size.height)).into_drawing_area();
        draw(&area, input, captions, kind, size)?;
    }
    let text = SVG_TEXT.with_borrow_mut(std::mem::take);
    let end = svg
        .rfind("</svg>")
        .ok_or_else(|| anyhow!("plotting failed: the SVG has no end tag"))?;
    svg.insert_str(end, &text);
    Ok(svg)
}

fn draw<DB: Ink>(
    area: &Area<DB>,
    input: &ChartInput,
    captions: &Captions,
    kind: Kind,
    size: Size,
) -> anyhow::Result<()> {
    area.fill(&WHITE).map_err(err)?;
    let sc = Scale::of(size);
    // A figure that is not a number has no place on the chart.
    let finite;
    let input = if input.points.iter().all(|p| p.value.is_finite()) {
        input
    } else {
        finite = ChartInput {
            points: input
                .points
                .iter()
                .filter(|p| p.value.is_finite())
                .cloned()
                .collect(),
            ..input.clone()
        };
        &finite
    };
    match kind {
        Kind::Level => level(area, input, captions, size, sc)?,
        Kind::Changes => changes(area, input, captions, size, sc)?,
    }
    area.present().map_err(err)
}

fn percent(input: &ChartInput) -> bool {
    input.unit.as_deref().is_some_and(format::is_percent)
}

fn level_subtitle(input: &ChartInput) -> String {
    let pts = &input.points;
    let mut parts = Vec::new();
    if let Some(u) = input
        .unit
        .as_deref()
        .map(format::unit_caption)
        .filter(|u| !u.is_empty())
    {
        parts.push(if u == "%" {
            "Per cent".to_string()
        } else {
            format!("In {u}")
        });
    }
    if input.cumulative {
        parts.push("running total".to_string());
    }
    if !pts.is_empty() {
        let sources = input
            .sources
            .unwrap_or_else(|| Colours::of(pts).names.len());
        parts.push(format!(
            "{} from {}, {}",
            plural(pts.len(), "observation", "observations"),
            plural(sources, "source", "sources"),
            date_span(pts)
        ));
    }
    parts.join(" · ")
}

fn level<DB: Ink>(
    area: &Area<DB>,
    input: &ChartInput,
    captions: &Captions,
    size: Size,
    sc: Scale,
) -> anyhow::Result<()> {
    let pts = &input.points;
    let pad = sc.px(20.0);
    let right = size.width as i32 - pad;
    let subtitle = captions
        .subtitle
        .clone()
        .unwrap_or_else(|| level_subtitle(input));
    let mut y = header(
        area,
        captions.title.as_ref().unwrap_or(&input.title),
        &subtitle,
        size,
        sc,
    )?;
    let mut marks: Vec<(String, Symbol)> = Vec::new();
    if pts.iter().any(|p| p.has_range()) {
        marks.push(("range".into(), Symbol::Whisker));
    }
    if pts.iter().any(|p| p.band().is_some()) {
        marks.push(("\u{201c}about\u{201d}".into(), Symbol::Band));
    }
    if pts.iter().any(ChartPoint::open_above) {
        marks.push((sc.word("more than / at least", "more than"), Symbol::OpenUp));
    }
    if pts.iter().any(ChartPoint::open_below) {
        marks.push((sc.word("up to / less than", "up to"), Symbol::OpenDown));
    }
    if pts.iter().any(|p| p.anomaly.is_some()) {
        marks.push(("anomaly".into(), Symbol::Ring(ANOMALY)));
    }
    if pts.iter().any(|p| p.conflict.is_some()) {
        marks.push((
            sc.word("conflict between sources", "conflict"),
            Symbol::Diamond(CONFLICT),
        ));
    }
    // The legend takes a fifth of the height at most: past that, fewer sources get a colour
    // (the others are grey, and all are named on the source line).
    let rows = ((f64::from(size.height) * 0.2) / f64::from(sc.px(24.0))).max(1.0) as i32;
    let mut colours = Colours::of(pts);
    let mut entries = Vec::new();
    for n in (0..=PALETTE.len()).rev() {
        colours = colours.at_most(n);
        entries = colours
            .entries()
            .into_iter()
            .map(|(n, c)| (n, Symbol::Dot(c)))
            .chain(marks.iter().cloned())
            .collect();
        if legend_rows(area, &entries, pad, right, sc) <= rows {
            break;
        }
    }
    y = legend(area, &entries, (pad, y), right, sc)? + sc.px(4.0);
    let bottom = footer(area, input, captions, size, sc)?;
    if pts.is_empty() {
        return message(area, "No observations to draw", y, bottom, size, sc);
    }
    let rect = plot_rect(y, bottom, size, sc);
    let x = x_range(pts);
    let plot_w = rect.2 - rect.0;
    let plot_h = rect.3 - rect.1;
    let xticks = x_ticks(x, pts, plot_w, sc);
    let values = pts.iter().flat_map(|p| {
        [
            Some(p.value),
            p.low.filter(|_| p.has_range()),
            p.high.filter(|_| p.has_range()),
            p.band().map(|b| b.0),
            p.band().map(|b| b.1),
        ]
        .into_iter()
        .flatten()
    });
    let (lo, hi) = y_extent(values, true, few_dates(pts).is_some());
    let yaxis = y_axis(lo, hi, plot_h, sc);
    let m = frame(
        area,
        rect,
        &Frame {
            x,
            y: yaxis,
            xticks,
            percent: percent(input),
        },
        sc,
    )?;
    let many = pts.len() > 150;
    let r = if pts.len() > 600 {
        sc.px(1.8)
    } else if many {
        sc.px(3.5)
    } else {
        sc.px(6.0)
    };

    // The line: steps for running totals (a total holds until the next report).
    let mut path = Vec::with_capacity(pts.len() * 2);
    for (i, p) in pts.iter().enumerate() {
        let at = m.at(day_number(p.date), p.value);
        if input.cumulative && i > 0 {
            path.push((at.0, path.last().map_or(at.1, |l: &(i32, i32)| l.1)));
        }
        path.push(at);
    }
    let line_w = if many { 1 } else { sc.px(2.0) as u32 };
    area.draw(&PathElement::new(path, LINE.stroke_width(line_w)))
        .map_err(err)?;

    // One date: a stem from zero to each point, so its size reads as a length.
    if few_dates(pts).is_some_and(|d| d.len() == 1) {
        let base = m.y(0.0_f64.max(m.y0).min(m.y1));
        for p in pts {
            let (px, py) = m.at(day_number(p.date), p.value);
            let col = colours.get(&p.source);
            area.draw(&PathElement::new(
                vec![(px, base), (px, py)],
                col.stroke_width(sc.px(3.0) as u32),
            ))
            .map_err(err)?;
        }
    }
    // Hedged figures closer than their bars' width: one band along each run of them (bars
    // would pile up), in their source's colour, or grey for several sources.
    let half_band = (r * 3 / 2).max(2);
    let ribbon = many
        || pts.windows(2).any(|w| {
            w[0].band().is_some()
                && w[1].band().is_some()
                && m.x(day_number(w[1].date)) - m.x(day_number(w[0].date)) < 2 * half_band + 2
        });
    if ribbon {
        let mut run: Vec<(i32, i32, i32)> = Vec::new();
        let mut colour = OTHER;
        for (i, p) in pts.iter().enumerate() {
            if let Some((lo, hi)) = p.band() {
                let own = colours.get(&p.source);
                colour = if run.is_empty() || own == colour {
                    own
                } else {
                    BAND
                };
                run.push((m.x(day_number(p.date)), m.y(hi), m.y(lo)));
            }
            if p.band().is_none() || i + 1 == pts.len() {
                let upper = run.iter().map(|&(x, hi, _)| (x, hi));
                let lower = run.iter().rev().map(|&(x, _, lo)| (x, lo));
                if run.len() > 1 {
                    area.draw(&Polygon::new(
                        upper.chain(lower).collect::<Vec<_>>(),
                        colour.mix(BAND_ALPHA).filled(),
                    ))
                    .map_err(err)?;
                }
                run.clear();
            }
        }
    }
    // Intervals, then the points over them: a hedged figure's band, a range's whisker.
    for p in pts {
        let col = colours.get(&p.source);
        let (px, py) = m.at(day_number(p.date), p.value);
        if let Some((lo, hi)) = p.band().filter(|_| !ribbon) {
            area.draw(&Rectangle::new(
                [
                    (px - half_band, m.y(hi)),
                    (px + half_band, m.y(lo).max(m.y(hi) + 1)),
                ],
                col.mix(BAND_ALPHA).filled(),
            ))
            .map_err(err)?;
        }
        if p.has_range() {
            let (Some(lo), Some(hi)) = (p.low, p.high) else {
                continue;
            };
            let (ya, yb) = (m.y(lo), m.y(hi));
            let cap = (r + 1).min(sc.px(7.0));
            let st = col.stroke_width(if many { 1 } else { sc.px(2.0) as u32 });
            area.draw(&PathElement::new(vec![(px, ya), (px, yb)], st))
                .map_err(err)?;
            for yy in [ya, yb] {
                area.draw(&PathElement::new(vec![(px - cap, yy), (px + cap, yy)], st))
                    .map_err(err)?;
            }
        }
        if p.open_above() || p.open_below() {
            let dir = if p.open_above() { -1 } else { 1 };
            let len = sc.px(if many { 12.0 } else { 26.0 });
            arrow(area, (px, py + dir * r), dir, len, col, sc.px(2.0) as u32)?;
        }
    }
    for p in pts {
        let col = colours.get(&p.source);
        let c = m.at(day_number(p.date), p.value);
        if p.open_above() || p.open_below() {
            area.draw(&Circle::new(c, r, WHITE.filled())).map_err(err)?;
            area.draw(&Circle::new(c, r, col.stroke_width(sc.px(2.0) as u32)))
                .map_err(err)?;
        } else {
            area.draw(&Circle::new(c, r, col.filled())).map_err(err)?;
            if !many {
                area.draw(&Circle::new(c, r, WHITE.stroke_width(1)))
                    .map_err(err)?;
            }
        }
    }

    // Anomalies and conflicts: ringed; the largest anomalies labelled where a label fits.
    let note = style(font(sc.font(13.0)), ANOMALY).pos(Pos::new(HPos::Left, VPos::Center));
    for p in pts {
        let c = m.at(day_number(p.date), p.value);
        if p.anomaly.is_some() {
            area.draw(&Circle::new(c, r + sc.px(5.0), ANOMALY.stroke_width(2)))
                .map_err(err)?;
        }
        if p.conflict.is_some() {
            diamond(area, c, r + sc.px(8.0), CONFLICT)?;
        }
    }
    let mut flagged: Vec<&ChartPoint> = pts.iter().filter(|p| p.anomaly.is_some()).collect();
    flagged.sort_by(|a, b| {
        let size = |p: &ChartPoint| p.delta.map_or(0.0, f64::abs);
        size(b).total_cmp(&size(a))
    });
    let mut placed: Vec<[i32; 4]> = Vec::new();
    for p in flagged {
        if placed.len() == 4 {
            break;
        }
        let c = m.at(day_number(p.date), p.value);
        let text = fit(area, &anomaly_label(p), &note, sc.px(260.0));
        let w = text_width(area, &text, &note);
        let tx = if c.0 + r + sc.px(8.0) + w > m.right {
            c.0 - r - sc.px(8.0) - w
        } else {
            c.0 + r + sc.px(8.0)
        };
        let ty = c.1 + r + sc.px(10.0);
        let half = sc.px(9.0);
        let rect = [tx, ty - half, tx + w, ty + half];
        let clear =
            |o: &[i32; 4]| rect[2] < o[0] || o[2] < rect[0] || rect[3] < o[1] || o[3] < rect[1];
        if placed.iter().all(clear) {
            put(area, &text, (tx, ty), &note)?;
            placed.push(rect);
        }
    }

    // The latest value and its change.
    if let Some(text) = latest_annotation(input) {
        let last = &pts[pts.len() - 1];
        let c = m.at(day_number(last.date), last.value);
        area.draw(&Circle::new(c, r + sc.px(3.0), INK.stroke_width(2)))
            .map_err(err)?;
        annotate(area, &text, c, r, &m, sc)?;
    }
    Ok(())
}

/// A short label for an anomalous point: its date and what happened ("13 Oct 2022: fell by
/// 14", "3 Jun 2025: +41 in 1 day"); the full reason is in the series and the report.
fn anomaly_label(p: &ChartPoint) -> String {
    let what = match (p.delta, p.days) {
        (Some(d), _) if d < 0.0 => format!("fell by {}", number::rounded(-d)),
        (Some(d), Some(days)) => format!(
            "{} in {days} day{}",
            number::signed(d),
            if days == 1 { "" } else { "s" }
        ),
        _ => p.anomaly.clone().unwrap_or_default(),
    };
    format!("{}: {what}", format::day_month_year(p.date))
}

/// Writes the latest-value note beside the point at `c`, inside the plot, on a white box.
fn annotate<DB: Ink>(
    area: &Area<DB>,
    text: &str,
    c: (i32, i32),
    r: i32,
    m: &Mapper,
    sc: Scale,
) -> anyhow::Result<()> {
    let st = style(bold(sc.font(16.0)), INK).pos(Pos::new(HPos::Left, VPos::Top));
    let text = fit(area, text, &st, m.right - m.left - sc.px(10.0));
    let w = text_width(area, &text, &st);
    let h = sc.px(20.0);
    let gap = r + sc.px(8.0);
    // Prefer above-left of the point (the latest point sits at the right edge).
    let mut x = c.0 - gap - w;
    if x < m.left + sc.px(4.0) {
        x = (c.0 + gap).min(m.right - w - sc.px(4.0));
    }
    // Above the point, else below it, else at the top of the plot: never over the axis labels.
    let mut y = c.1 - gap - h;
    if y < m.top + sc.px(2.0) {
        y = c.1 + gap;
        if y + h > m.bottom - sc.px(2.0) {
            y = m.top + sc.px(2.0);
        }
    }
    let x = x.max(m.left + sc.px(4.0));
    let padb = sc.px(4.0);
    area.draw(&Rectangle::new(
        [(x - padb, y - padb / 2), (x + w + padb, y + h + padb / 2)],
        WHITE.mix(0.85).filled(),
    ))
    .map_err(err)?;
    put(area, &text, (x, y), &st)
}

fn changes<DB: Ink>(
    area: &Area<DB>,
    input: &ChartInput,
    captions: &Captions,
    size: Size,
    sc: Scale,
) -> anyhow::Result<()> {
    let pts = &input.points;
    let pad = sc.px(20.0);
    let right = size.width as i32 - pad;
    let pct = percent(input);
    let bars: Vec<(&ChartPoint, f64)> = pts
        .iter()
        .filter_map(|p| p.delta.filter(|d| d.is_finite()).map(|d| (p, d)))
        .collect();
    let mut sub = vec!["Change from the previous observation".to_string()];
    if let Some((p, d)) = bars.last() {
        let unit = if pct { " pts" } else { "" };
        let over = match p.days {
            Some(1) => " over 1 day".to_string(),
            Some(n) if n > 1 => format!(" over {n} days"),
            _ => String::new(),
        };
        sub.push(format!(
            "latest {}{unit}{over}, to {}",
            number::signed(*d),
            format::day_month_year(p.date)
        ));
    }
    if !bars.is_empty() {
        sub.push(plural(bars.len(), "change", "changes"));
    }
    let title = captions
        .title
        .clone()
        .unwrap_or_else(|| format!("{}: changes", input.title));
    let subtitle = captions.subtitle.clone().unwrap_or_else(|| sub.join(" · "));
    let mut y = header(area, &title, &subtitle, size, sc)?;
    let mut entries = Vec::new();
    if bars.iter().any(|b| b.1 >= 0.0) {
        entries.push(("rise".to_string(), Symbol::Bar(UP)));
    }
    if bars.iter().any(|b| b.1 < 0.0) {
        entries.push(("fall".to_string(), Symbol::Bar(DOWN)));
    }
    if bars.iter().any(|(p, _)| p.anomaly.is_some()) {
        entries.push(("anomaly".into(), Symbol::Ring(ANOMALY)));
    }
    if bars.iter().any(|(p, _)| p.conflict.is_some()) {
        entries.push(("conflict between sources".into(), Symbol::Diamond(CONFLICT)));
    }
    y = legend(area, &entries, (pad, y), right, sc)? + sc.px(4.0);
    let bottom = footer(area, input, captions, size, sc)?;
    if bars.is_empty() {
        let why = if pts.is_empty() {
            "No observations to draw"
        } else {
            "One observation: no change yet"
        };
        return message(area, why, y, bottom, size, sc);
    }
    let rect = plot_rect(y, bottom, size, sc);
    let x = x_range(pts);
    let plot_w = rect.2 - rect.0;
    let plot_h = rect.3 - rect.1;
    let xticks = x_ticks(x, pts, plot_w, sc);
    let (lo, hi) = y_extent(bars.iter().map(|b| b.1).chain([0.0]), true, false);
    let yaxis = y_axis(lo, hi, plot_h, sc);
    let m = frame(
        area,
        rect,
        &Frame {
            x,
            y: yaxis,
            xticks,
            percent: pct,
        },
        sc,
    )?;
    // Bar width: most of the smallest gap between observations, at least a pixel.
    let mut gap = f64::INFINITY;
    for w in pts.windows(2) {
        let g = day_number(w[1].date) - day_number(w[0].date);
        if g > 0.0 {
            gap = gap.min(g);
        }
    }
    let px_per_day = f64::from(m.right - m.left) / (m.x1 - m.x0);
    let bw = if gap.is_finite() {
        (gap * px_per_day * 0.7).min(f64::from(sc.px(40.0)))
    } else {
        f64::from(sc.px(30.0))
    };
    let half = ((bw / 2.0).floor() as i32).max(0);
    let zero = m.y(0.0);
    for (p, d) in &bars {
        let x = m.x(day_number(p.date));
        let yv = m.y(*d);
        let col = if *d >= 0.0 { UP } else { DOWN };
        let (a, b) = if yv <= zero { (yv, zero) } else { (zero, yv) };
        if half == 0 {
            area.draw(&PathElement::new(vec![(x, a), (x, b)], col.stroke_width(1)))
                .map_err(err)?;
        } else {
            area.draw(&Rectangle::new(
                [(x - half, a), (x + half, b.max(a + 1))],
                col.filled(),
            ))
            .map_err(err)?;
        }
    }
    area.draw(&PathElement::new(
        vec![(m.left, zero), (m.right, zero)],
        INK.stroke_width(1),
    ))
    .map_err(err)?;
    for (p, d) in &bars {
        let c = (m.x(day_number(p.date)), m.y(*d));
        if p.anomaly.is_some() {
            area.draw(&Circle::new(
                c,
                half.max(sc.px(4.0)) + sc.px(4.0),
                ANOMALY.stroke_width(2),
            ))
            .map_err(err)?;
        }
        if p.conflict.is_some() {
            diamond(area, c, half.max(sc.px(4.0)) + sc.px(6.0), CONFLICT)?;
        }
    }
    // The latest change, written beside its bar.
    if let Some((p, d)) = bars.last() {
        let c = (m.x(day_number(p.date)), m.y(*d));
        let text = if pct {
            format!("{} pts", number::signed(*d))
        } else {
            number::signed(*d)
        };
        annotate(area, &text, c, half.max(sc.px(3.0)), &m, sc)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The leftmost and rightmost inked columns of `text` drawn at x = 10 in a 40 px font.
    fn ink_span(text: &str, st: &TextStyle) -> (i32, i32) {
        let (w, h) = (1200u32, 80u32);
        let mut buf = vec![255u8; (w * h * 3) as usize];
        {
            let area = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
            put(&area, text, (10, 10), st).unwrap();
            area.present().unwrap();
        }
        let inked: Vec<i32> = (0..w as usize)
            .filter(|&x| (0..h as usize).any(|y| buf[(y * w as usize + x) * 3] < 235))
            .map(|x| x as i32)
            .collect();
        (inked[0], *inked.last().unwrap())
    }

    /// The ink of each text starts at the first glyph's bearing and ends where the font's own
    /// advances and kerning put the last glyph's right edge; words keep their space.
    #[test]
    fn text_is_spaced_by_the_fonts_advances() {
        for (text, bold_face) in [
            ("White House", false),
            ("Consumer price inflation", true),
            ("John Kirby", false),
            ("from 1 source", false),
            ("AVA Tokyo", true),
        ] {
            let size = 40.0;
            let st = style(if bold_face { bold(size) } else { font(size) }, INK);
            let f = face(&st);
            let sf = f.as_scaled(PxScale::from(size as f32));
            // The reference: advances and kerning straight from the font.
            let ids: Vec<GlyphId> = text.chars().map(|c| sf.glyph_id(c)).collect();
            let mut pen = 0f32;
            for pair in ids.windows(2) {
                pen += sf.h_advance(pair[0]) + sf.kern(pair[0], pair[1]);
            }
            let last = *ids.last().unwrap();
            let first = ids[0];
            let left = 10.0 + f.outline(first).unwrap().bounds.min.x * sf.h_scale_factor();
            // The last glyph's outline ends at its right edge in font units, scaled.
            let edge = f.outline(last).unwrap().bounds.max.x * sf.h_scale_factor();
            let right = 10.0 + pen + edge;
            let (l, r) = ink_span(text, &st);
            assert!(
                (l as f32 - left).abs() <= 1.5,
                "{text}: ink starts at {l}, font says {left}"
            );
            assert!(
                (r as f32 - right).abs() <= 1.5,
                "{text}: ink ends at {r}, font says {right}"
            );
            let mut one = [255u8; 3];
            let area = BitMapBackend::with_buffer(&mut one, (1, 1)).into_drawing_area();
            let width = (pen + sf.h_advance(last)).ceil() as i32;
            assert_eq!(text_width(&area, text, &st), width, "{text}");
        }
    }

    #[test]
    fn value_ranges_start_at_zero_unless_that_squashes_a_long_series() {
        for (values, few, from_zero) in [
            (vec![100.0, 101.0], true, true),
            (vec![100.0, 101.0], false, false),
            (vec![1500.0, 3000.0, 10_000.0], false, true),
            (vec![5.0], false, true),
            (vec![-3.0, -2.9], true, true),
            (vec![-3.0, -2.9], false, false),
            (vec![1.9, 2.1], true, true),
        ] {
            let (lo, hi) = y_extent(values.iter().copied(), true, few);
            let hits_zero = lo == 0.0 || hi == 0.0;
            assert_eq!(hits_zero, from_zero, "{values:?} few={few}: {lo}..{hi}");
        }
    }

    #[test]
    fn anomaly_labels_say_date_and_change() {
        let day = |d| chrono::NaiveDate::from_ymd_opt(2025, 6, d).unwrap();
        let with = |delta: Option<f64>, days: Option<i64>| ChartPoint {
            delta,
            days,
            anomaly: Some("daily rate 41 is 20.5 times the largest of the previous 90 (2)".into()),
            ..ChartPoint::exact(day(3), 413.0, "General Staff")
        };
        let cases = [
            (Some(41.0), Some(1), "3 Jun 2025: +41 in 1 day"),
            (Some(120.0), Some(3), "3 Jun 2025: +120 in 3 days"),
            (Some(-14.0), Some(1), "3 Jun 2025: fell by 14"),
            (
                None,
                None,
                "3 Jun 2025: daily rate 41 is 20.5 times the largest of the previous 90 (2)",
            ),
        ];
        for (delta, days, want) in cases {
            assert_eq!(anomaly_label(&with(delta, days)), want);
        }
    }
}
