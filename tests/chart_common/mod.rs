//! Helpers shared by the chart and report tests: decode a PNG and look at its pixels.
#![allow(dead_code)]

use std::collections::HashSet;

pub struct Image {
    pub width: u32,
    pub height: u32,
    /// RGB, 3 bytes a pixel.
    pub rgb: Vec<u8>,
}

/// Decodes PNG bytes (RGB or RGBA, 8 bits).
pub fn decode(bytes: &[u8]) -> Image {
    let dec = png::Decoder::new(bytes);
    let mut reader = dec.read_info().expect("a PNG header");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("PNG image data");
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let rgb = match info.color_type {
        png::ColorType::Rgb => buf[..info.buffer_size()].to_vec(),
        png::ColorType::Rgba => buf[..info.buffer_size()]
            .chunks(4)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect(),
        other => panic!("unexpected colour type {other:?}"),
    };
    Image {
        width: info.width,
        height: info.height,
        rgb,
    }
}

pub fn decode_file(path: &std::path::Path) -> Image {
    decode(&std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

impl Image {
    pub fn pixel(&self, x: u32, y: u32) -> (u8, u8, u8) {
        let i = (y as usize * self.width as usize + x as usize) * 3;
        (self.rgb[i], self.rgb[i + 1], self.rgb[i + 2])
    }

    fn pixels(
        &self,
        (x0, y0, x1, y1): (u32, u32, u32, u32),
    ) -> impl Iterator<Item = (u8, u8, u8)> + '_ {
        let (x1, y1) = (x1.min(self.width), y1.min(self.height));
        (y0..y1).flat_map(move |y| (x0..x1).map(move |x| self.pixel(x, y)))
    }

    /// The middle of the picture, where the plot is.
    pub fn plot_area(&self) -> (u32, u32, u32, u32) {
        let (w, h) = (self.width, self.height);
        (w / 20, h / 5, w - w / 40, h * 17 / 20)
    }

    /// Pixels darker than mid grey (text, axes).
    pub fn dark_pixels(&self, rect: (u32, u32, u32, u32)) -> usize {
        self.pixels(rect)
            .filter(|&(r, g, b)| (u32::from(r) + u32::from(g) + u32::from(b)) < 3 * 110)
            .count()
    }

    /// Pixels that are not near white (text, lines, points).
    pub fn ink_pixels(&self, rect: (u32, u32, u32, u32)) -> usize {
        self.pixels(rect)
            .filter(|&(r, g, b)| (u32::from(r) + u32::from(g) + u32::from(b)) < 3 * 200)
            .count()
    }

    /// Pixels within `tol` of `colour` on every channel.
    pub fn count_colour_like(
        &self,
        colour: (u8, u8, u8),
        tol: u8,
        rect: (u32, u32, u32, u32),
    ) -> usize {
        let near = |a: u8, b: u8| a.abs_diff(b) <= tol;
        self.pixels(rect)
            .filter(|&(r, g, b)| near(r, colour.0) && near(g, colour.1) && near(b, colour.2))
            .count()
    }

    pub fn distinct_colours(&self) -> usize {
        self.rgb
            .chunks(3)
            .map(|p| (p[0], p[1], p[2]))
            .collect::<HashSet<_>>()
            .len()
    }

    /// The title band carries anti-aliased dark text: many dark pixels and many grey levels.
    pub fn assert_has_text_at_top(&self, what: &str) {
        let band = (0, 0, self.width, (self.height / 12).max(24));
        let dark = self.dark_pixels(band);
        let levels: HashSet<(u8, u8, u8)> = self.pixels(band).collect();
        assert!(
            dark > 150,
            "{what}: no title text drawn ({dark} dark pixels)"
        );
        assert!(
            levels.len() > 8,
            "{what}: title not anti-aliased text ({} colours)",
            levels.len()
        );
    }
}

// ---- Stores for the command tests ----

use chrono::NaiveDate;
use figtrack::model::{Bound, Claim, Kind, claim_id};
use figtrack::store::{DocRecord, StoredClaim, Writer, claims_frame, documents_frame};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A claim of `metric` worth `value` on `as_of`, stated by `who` in document `doc`.
pub fn claim(doc: &str, n: u32, metric: &str, as_of: &str, value: f64, who: &str) -> StoredClaim {
    let text = figtrack::number::rounded(value);
    StoredClaim {
        claim: Claim {
            doc: doc.to_string(),
            claim_id: claim_id(doc, n * 10, n * 10 + 5),
            published: Some(date(as_of)),
            as_of: Some(date(as_of)),
            metric: Some(metric.to_string()),
            metric_match: None,
            concept: Some(metric.replace('-', " ")),
            value,
            low: None,
            high: None,
            unit: Some("troops".into()),
            unit_normalized: Some("troop".into()),
            kind: Kind::Count,
            bound: Bound::Exact,
            direction: None,
            role: figtrack::model::Role::Level,
            previous: None,
            previous_text: None,
            previous_start: None,
            previous_end: None,
            previous_as_of: None,
            attribution: Some(who.to_string()),
            text: text.clone(),
            start: n * 10,
            end: n * 10 + 5,
            sentence: format!("{who} said there were {text} of them."),
        },
        source: None,
    }
}

pub fn doc(id: &str, title: &str, url: Option<&str>) -> DocRecord {
    DocRecord {
        id: id.to_string(),
        content_hash: format!(
            "{:032x}",
            id.len() as u128 * 7919 + id.bytes().map(u128::from).sum::<u128>()
        ),
        published: None,
        source: Some("Test Wire".into()),
        url: url.map(str::to_string),
        title: Some(title.to_string()),
        claims: 1,
    }
}

/// Writes a store in `root`: the catalog text, the claims and the documents.
pub fn make_store(root: &Path, catalog: &str, claims: &[StoredClaim], docs: &[DocRecord]) {
    std::fs::create_dir_all(root).unwrap();
    std::fs::write(root.join("metrics.toml"), catalog).unwrap();
    let mut w = Writer::open(root, "test").unwrap();
    w.write_claims(&mut claims_frame(claims).unwrap()).unwrap();
    if !docs.is_empty() {
        w.write_documents(&mut documents_frame(docs).unwrap())
            .unwrap();
    }
    w.commit().unwrap();
}

/// The catalog of the test stores.
pub const CATALOG: &str = r#"
[[metric]]
id = "nk-troops-in-russia"
label = "North Korean troops in Russia"
unit = "troop"
match = ["north korean troops"]

[[metric]]
id = "personnel-losses"
label = "Russian personnel losses"
unit = "soldier"
cumulative = true
match = ["personnel losses"]

[[metric]]
id = "no-claims-yet"
label = "A metric with no claims"
unit = "troop"
match = ["nothing matches this"]
"#;

/// A daily running total of `n` days from the real personnel series when it is beside the
/// repository (../shared/data/ukraine-losses), else a made-up one of the same shape.
pub fn daily_claims(metric: &str, n: usize) -> Vec<StoredClaim> {
    let real = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/ukraine-losses/russia_losses_personnel.json");
    let mut values: Vec<(NaiveDate, f64)> = std::fs::read(&real)
        .ok()
        .and_then(|b| serde_json::from_slice::<Vec<serde_json::Value>>(&b).ok())
        .map(|rows| {
            rows.iter()
                .filter_map(|r| Some((date(r["date"].as_str()?), r["personnel"].as_f64()?)))
                .collect()
        })
        .unwrap_or_default();
    if values.len() < n {
        let start = date("2022-02-25");
        values = (0..n)
            .map(|i| {
                (
                    start + chrono::Days::new(i as u64),
                    2800.0 + 900.0 * i as f64,
                )
            })
            .collect();
    }
    values
        .iter()
        .take(n)
        .enumerate()
        .map(|(i, (d, v))| {
            let mut c = claim(
                "general-staff",
                i as u32,
                metric,
                &d.to_string(),
                *v,
                "General Staff",
            );
            c.claim.bound = Bound::Approximate;
            c
        })
        .collect()
}

/// Runs the figtrack binary with every font hidden from it.
pub fn figtrack(data: &Path, args: &[&str]) -> Output {
    let empty = std::env::temp_dir().join("figtrack-no-fonts");
    std::fs::create_dir_all(&empty).unwrap();
    Command::new(env!("CARGO_BIN_EXE_figtrack"))
        .arg("--data")
        .arg(data)
        .args(args)
        .env("FONTCONFIG_FILE", "/dev/null")
        .env("FONTCONFIG_PATH", &empty)
        .env("XDG_DATA_HOME", &empty)
        .env("XDG_DATA_DIRS", &empty)
        .env("HOME", &empty)
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The command failed cleanly: exit status 1, an error message, no panic.
pub fn assert_clean_failure(o: &Output, expect: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(1), "stderr: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("figtrack: error:"), "{err}");
    assert!(err.contains(expect), "expected {expect:?} in {err}");
}

/// Entries of a folder, by name.
pub fn list(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
