//! Figures that a later sentence completes, held back until it comes (claims still come out in
//! text order):
//! - headlines restate the body's figures: "Quake toll tops 50,000" stands for the body's "deaths
//!   passed 50,000 late on Friday, the agency said". A headline figure that states no date or
//!   source of its own takes them from the first body figure of the same value;
//! - a quote names its speaker where it closes: in "\"We count 10,000 troops. They are in
//!   Kursk,\" Singh said.", the first sentence's figure is Singh's.

use crate::model::{Bound, ClaimView, Kind};
use chrono::NaiveDate;

/// What a sentence that is not a headline ends with.
const CLOSERS: [char; 6] = ['.', '!', '?', '"', '\u{201d}', ':'];

/// Whether a sentence is a headline: alone in the document's first paragraph, with no closing
/// punctuation, and more text after it.
pub fn is_headline(text: &str, paragraph: usize, sentence: &str, sentence_end: usize) -> bool {
    paragraph == 0
        && !sentence.trim_end().ends_with(CLOSERS)
        && text[sentence_end..].contains("\n\n")
}

/// What a held claim waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    Nothing,
    /// A headline's figure with no date of its own: the body's figure of the same value.
    Figure,
    /// A figure inside a quote with no source of its own: the speaker named where the quote
    /// closes in paragraph `.0`.
    Speaker(usize),
    /// A figure no source is named for: the credit that closes the next sentence of paragraph
    /// `.0` that names a source ("The fire has burned 23,713 acres. It was 22% contained,
    /// according to Cal Fire.").
    Credit(usize),
    /// A rate or measure of the opening paragraph that no sentence of it credits: the source
    /// of the article's next figure in its unit that names one ([`Pending::measured_by`]).
    Release,
    /// A figure of the opening paragraph whose source is named and whose date is not: the day
    /// that source's statement is given before `.0` more paragraphs end
    /// ([`Pending::source_dated`]).
    Dated(usize),
    /// A forecast no one is named for before it ([`super::role::unowned_forecast`]): the
    /// forecasters the article names next ("below forecasts of a 40,000 gain. ... Economists
    /// polled by the newswire had expected ..."), else none.
    Forecaster,
}

/// A claim held back until the claims before it are complete.
struct Held<'d> {
    claim: ClaimView<'d, 'static>,
    source: Option<String>,
    wait: Wait,
    /// The unit of a lede's rate or measure that waits for its release's source once its
    /// paragraph credits no one ("percentage", "acre").
    release: Option<String>,
}

impl Held<'_> {
    /// It waits no longer for its paragraph: a lede's measurement then waits for its release.
    fn paragraph_done(&mut self) {
        self.wait = match self.release {
            Some(_) if self.source.is_none() => Wait::Release,
            _ => Wait::Nothing,
        };
    }
}

/// Claims in text order, completed by the sentences after them.
pub struct Pending<'d> {
    held: Vec<Held<'d>>,
    published: Option<NaiveDate>,
}

impl<'d> Pending<'d> {
    pub fn new(published: Option<NaiveDate>) -> Self {
        Pending {
            held: Vec::new(),
            published,
        }
    }

    /// The article speaks of `day` as today (its dateline's): a held claim with no date of its
    /// own takes it.
    pub fn written(&mut self, day: NaiveDate) {
        self.published = Some(day);
    }

    /// Takes the next claim and what it waits for (and, for a rate or measure of the lede
    /// waiting for its paragraph's credit, its unit: see [`Wait::Release`]). Hands every claim
    /// that need not wait to `out`.
    pub fn push(
        &mut self,
        claim: ClaimView<'d, '_>,
        wait: Wait,
        release: Option<&str>,
        out: &mut impl FnMut(ClaimView<'d, '_>),
    ) {
        if self.held.is_empty() && wait == Wait::Nothing {
            out(claim);
            return;
        }
        if wait != Wait::Figure {
            for held in self.held.iter_mut().filter(|h| h.wait == Wait::Figure) {
                if same_figure(&held.claim, &claim) {
                    held.wait = Wait::Nothing;
                    held.claim.as_of = claim.as_of.or(self.published);
                    if held.source.is_none() {
                        held.source = claim.attribution.map(str::to_string);
                    }
                }
            }
        }
        let source = claim.attribution.map(str::to_string);
        self.held.push(Held {
            claim: ClaimView {
                attribution: None,
                ..claim
            },
            source,
            wait,
            release: release.map(str::to_string),
        });
        self.release(out);
    }

    /// A later figure in `unit` names its source `name` (not a forecaster): the lede's
    /// measurements in that unit that no one was credited for are its ("Annual inflation rose
    /// to 2.9% in December. ... Core prices rose 3.2%, the Labor Department said.").
    pub fn measured_by(&mut self, unit: &str, name: &str, out: &mut impl FnMut(ClaimView<'d, '_>)) {
        for held in &mut self.held {
            if held.wait == Wait::Release && held.release.as_deref() == Some(unit) {
                held.wait = Wait::Nothing;
                held.source = Some(name.to_string());
            }
        }
        self.release(out);
    }

    /// The article names forecasters, `name`: the forecasts before waiting for them are theirs.
    pub fn forecaster(&mut self, name: &str, out: &mut impl FnMut(ClaimView<'d, '_>)) {
        for held in &mut self.held {
            if held.wait == Wait::Forecaster {
                held.wait = Wait::Nothing;
                held.source = Some(name.to_string());
            }
        }
        self.release(out);
    }

    /// The speaker of the quote that closed in `paragraph`: the figures of the quote take them.
    pub fn speaker(
        &mut self,
        paragraph: usize,
        name: &str,
        out: &mut impl FnMut(ClaimView<'d, '_>),
    ) {
        for held in &mut self.held {
            if held.wait == Wait::Speaker(paragraph) {
                held.wait = Wait::Nothing;
                held.source = Some(name.to_string());
            }
        }
        self.release(out);
    }

    /// A sentence of `paragraph` named sources, closing on a credit to `name` (none when it
    /// has no such credit, or credits a forecaster): the unsourced figures before it in the
    /// paragraph take that name; either way they wait no longer.
    pub fn credit(
        &mut self,
        paragraph: usize,
        name: Option<&str>,
        out: &mut impl FnMut(ClaimView<'d, '_>),
    ) {
        for held in &mut self.held {
            if held.wait == Wait::Credit(paragraph) {
                held.source = name.map(str::to_string);
                held.paragraph_done();
            }
        }
        self.release(out);
    }

    /// Paragraph `paragraph` has begun: quotes of the paragraphs before it named no speaker,
    /// and no sentence after their figures credited them; the paragraph after an undated
    /// figure's gave its source no day.
    pub fn paragraph(&mut self, paragraph: usize, out: &mut impl FnMut(ClaimView<'d, '_>)) {
        for held in &mut self.held {
            if matches!(held.wait, Wait::Speaker(p) | Wait::Credit(p) if p < paragraph) {
                held.paragraph_done();
            }
            if let Wait::Dated(left) = held.wait {
                held.wait = match left {
                    0 => Wait::Nothing,
                    _ => Wait::Dated(left - 1),
                };
            }
        }
        self.release(out);
    }

    /// A source the held figures' source `is_theirs` says is theirs stated on `date`: "More
    /// than 3,000 North Korean soldiers have been killed or wounded, Zelenskiy said. ...
    /// \"...exceeds 3,000,\" Zelenskiy wrote on Monday evening." dates the first figure on
    /// Monday.
    pub fn source_dated(
        &mut self,
        is_theirs: impl Fn(&str) -> bool,
        date: NaiveDate,
        out: &mut impl FnMut(ClaimView<'d, '_>),
    ) {
        for held in &mut self.held {
            if matches!(held.wait, Wait::Dated(_)) && held.source.as_deref().is_some_and(&is_theirs)
            {
                held.wait = Wait::Nothing;
                held.claim.as_of = Some(date);
            }
        }
        self.release(out);
    }

    /// Hands out everything before the first claim still waiting.
    fn release(&mut self, out: &mut impl FnMut(ClaimView<'d, '_>)) {
        let ready = self
            .held
            .iter()
            .position(|h| h.wait != Wait::Nothing)
            .unwrap_or(self.held.len());
        Self::emit(self.held.drain(..ready), out);
    }

    /// Hands out what is left at the end of the document.
    pub fn finish(mut self, out: &mut impl FnMut(ClaimView<'d, '_>)) {
        Self::emit(self.held.drain(..), out);
    }

    fn emit(held: impl Iterator<Item = Held<'d>>, out: &mut impl FnMut(ClaimView<'d, '_>)) {
        for h in held {
            out(ClaimView {
                attribution: h
                    .source
                    .as_deref()
                    .map(|s| super::bodies::canonical(s).unwrap_or(s)),
                ..h.claim
            });
        }
    }
}

/// The same figure: equal value, range and kind of quantity.
fn same_figure(a: &ClaimView, b: &ClaimView) -> bool {
    let stated = |c: &ClaimView| Stated {
        value: c.value,
        low: c.low,
        high: c.high,
        kind: c.kind,
        bound: c.bound,
    };
    restates(stated(a), stated(b))
}

/// A figure as stated: what a headline and the body's figure are compared by.
#[derive(Debug, Clone, Copy)]
pub struct Stated {
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub kind: Kind,
    pub bound: Bound,
}

/// Whether body figure `b` is what headline figure `a` restates: the same value, or one that a
/// headline rounds to its bound ("tops 220" for 222, "more than 44,000" for 44,218, "nears 200"
/// for 198), within a tenth of it.
pub fn restates(a: Stated, b: Stated) -> bool {
    // A headline often states no unit ("Cholera cases top 1,200"), and then no kind; so does a
    // body's running count ("lifted its count for the country to 44,218").
    let kinds = a.kind == b.kind || a.kind == Kind::Other || b.kind == Kind::Other;
    if !kinds || a.low.is_some() || b.low.is_some() {
        return a.value == b.value && a.low == b.low && a.high == b.high && kinds;
    }
    let (h, v) = (a.value, b.value);
    let near = (v - h).abs() <= h.abs() / 10.0;
    match a.bound {
        Bound::MoreThan | Bound::AtLeast => v >= h && near,
        Bound::LessThan | Bound::AtMost => v <= h && near,
        Bound::Approximate => near,
        Bound::Exact => v == h,
    }
}

/// Where a text's headline ends, if it has one: a first paragraph of one line with no closing
/// punctuation, and more text after it.
pub fn headline_end(text: &str) -> Option<usize> {
    let end = text.find("\n\n")?;
    let first = text[..end].trim();
    let closed = first.ends_with(CLOSERS);
    (!first.is_empty() && !first.contains('\n') && !closed).then_some(end)
}

#[cfg(test)]
mod tests {
    use crate::model::Document;

    /// A headline's count restates a body figure stated without a unit, as a headline rounds it.
    #[test]
    fn a_headline_count_takes_the_date_of_a_unitless_body_figure() {
        let text = "Storm toll tops 200 as coast counts damage\n\n\
            Late on Sunday the civil protection office raised its count to 212. Crews reopened \
            the coast road on Tuesday.";
        let doc = Document {
            published: Some(chrono::NaiveDate::from_ymd_opt(2024, 11, 6).unwrap()),
            ..Document::new("d", text)
        };
        let claims = crate::extract::extract(&doc);
        let headline = claims.iter().find(|c| c.text.contains("200")).unwrap();
        assert_eq!(headline.as_of, chrono::NaiveDate::from_ymd_opt(2024, 11, 3));
    }

    /// Headline figures take the date and source of the body figure of the same value; claims
    /// stay in text order.
    #[test]
    fn headline_figures_take_the_body_figure_of_the_same_value() {
        let text = "Flood toll passes 120 in river valley\n\n\
            PORTO ALEGRE - Deaths from the floods rose to 120 on Monday, the civil defence agency \
            said. About 80 people remain missing.";
        let doc = Document {
            published: Some(chrono::NaiveDate::from_ymd_opt(2024, 5, 8).unwrap()),
            ..Document::new("d", text)
        };
        let claims = crate::extract::extract(&doc);
        let texts: Vec<&str> = claims.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["120", "120", "80"]);
        let monday = chrono::NaiveDate::from_ymd_opt(2024, 5, 6);
        assert_eq!(claims[0].as_of, monday);
        assert_eq!(
            claims[0].attribution.as_deref(),
            Some("civil defence agency")
        );
        // A headline figure the body never repeats keeps the publication date.
        let text = "Storm leaves 3,000 homeless\n\nWinds of 150 km/h hit the coast on Sunday.";
        let claims = crate::extract::extract(&Document {
            published: Some(chrono::NaiveDate::from_ymd_opt(2024, 5, 8).unwrap()),
            ..Document::new("d", text)
        });
        assert_eq!(claims[0].text, "3,000");
        assert_eq!(claims[0].as_of, chrono::NaiveDate::from_ymd_opt(2024, 5, 8));
        assert_eq!(claims.len(), 2);
    }

    /// A quote's figures take the speaker named where it closes, in the same paragraph only.
    #[test]
    fn quoted_figures_take_the_speaker_named_at_the_close() {
        for text in [
            "\"We count 10,000 troops there. They are not leaving,\" Marta Ruiz said.",
            "\u{201c}We count 10,000 troops there. They are not leaving,\u{201d} said Marta Ruiz.",
            "\"We count 10,000 troops there. We know it. They are not leaving,\" Marta Ruiz told reporters.",
        ] {
            let claims = crate::extract::extract(&Document::new("d", text));
            assert_eq!(claims[0].text, "10,000", "{text}");
            assert_eq!(
                claims[0].attribution.as_deref(),
                Some("Marta Ruiz"),
                "{text}"
            );
        }
        // A quote that closes in another paragraph, or a sentence outside any quote, waits not.
        let text = "\"We count 10,000 troops there.\n\nThey are not leaving,\" Marta Ruiz said.";
        let claims = crate::extract::extract(&Document::new("d", text));
        assert_eq!(claims[0].attribution, None);
        let text = "We count 10,000 troops there. Marta Ruiz said they were leaving.";
        let claims = crate::extract::extract(&Document::new("d", text));
        assert_eq!(claims[0].attribution, None);
    }

    /// A bounded headline figure restates the body's figure it rounds.
    #[test]
    fn bounded_headline_figures_take_the_body_figure_they_round() {
        let text = "Cholera cases top 1,200; deaths approach 40\n\n\
            NAIROBI - Health officials counted 1,236 cases by Sunday, the ministry said on Monday. \
            On Saturday the regional office reported 38 deaths and 2,000 people in clinics.";
        let doc = Document {
            published: Some(chrono::NaiveDate::from_ymd_opt(2024, 5, 8).unwrap()),
            ..Document::new("d", text)
        };
        let claims = crate::extract::extract(&doc);
        let day = |d| chrono::NaiveDate::from_ymd_opt(2024, 5, d);
        let of = |t: &str| claims.iter().find(|c| c.text == t).unwrap();
        assert_eq!(of("1,200").as_of, day(6));
        assert_eq!(of("1,200").attribution.as_deref(), Some("ministry"));
        assert_eq!(of("40").as_of, day(4));
        assert_eq!(of("40").attribution.as_deref(), Some("regional office"));
    }

    #[test]
    fn headlines_are_first_lines_without_closing_punctuation() {
        let text = "Toll passes 50\n\nBody.";
        assert!(super::is_headline(text, 0, "Toll passes 50", 14));
        assert!(!super::is_headline(text, 0, "Toll passes 50.", 14));
        assert!(!super::is_headline(text, 1, "Toll passes 50", 14));
        assert!(!super::is_headline(
            "Toll passes 50",
            0,
            "Toll passes 50",
            14
        ));
    }
}
