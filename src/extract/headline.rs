//! Headlines restate the body's figures: "Quake toll tops 50,000" stands for the body's "deaths
//! passed 50,000 late on Friday, the agency said". A headline figure that states no date or
//! source of its own takes them from the first body figure of the same value.

use crate::model::ClaimView;
use chrono::NaiveDate;

/// Whether a sentence is a headline: alone in the document's first paragraph, with no closing
/// punctuation, and more text after it.
pub fn is_headline(text: &str, paragraph: usize, sentence: &str, sentence_end: usize) -> bool {
    paragraph == 0
        && !sentence
            .trim_end()
            .ends_with(['.', '!', '?', '"', '\u{201d}', ':'])
        && text[sentence_end..].contains("\n\n")
}

/// A claim held back until the headline figures before it have found their body figure (so
/// that claims still come out in text order).
struct Held<'d> {
    claim: ClaimView<'d, 'static>,
    source: Option<String>,
    /// A headline figure still looking: it states no date of its own.
    waiting: bool,
}

/// Claims in text order, headline figures completed from the body's.
pub struct Headlines<'d> {
    held: Vec<Held<'d>>,
    published: Option<NaiveDate>,
}

impl<'d> Headlines<'d> {
    pub fn new(published: Option<NaiveDate>) -> Self {
        Headlines {
            held: Vec::new(),
            published,
        }
    }

    /// Takes the next claim; `headline` says it is a headline's, `dated` that its sentence
    /// stated its date. Hands every claim that need not wait to `out`.
    pub fn push(
        &mut self,
        claim: ClaimView<'d, '_>,
        headline: bool,
        dated: bool,
        out: &mut impl FnMut(ClaimView<'d, '_>),
    ) {
        let waiting = headline && !dated;
        if self.held.is_empty() && !waiting {
            out(claim);
            return;
        }
        if !headline {
            for held in self.held.iter_mut().filter(|h| h.waiting) {
                if same_figure(&held.claim, &claim) {
                    held.waiting = false;
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
            waiting,
        });
        // Out goes everything before the first figure still waiting.
        let ready = self
            .held
            .iter()
            .position(|h| h.waiting)
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
                attribution: h.source.as_deref(),
                ..h.claim
            });
        }
    }
}

/// The same figure: equal value, range and kind of quantity.
fn same_figure(a: &ClaimView, b: &ClaimView) -> bool {
    a.value == b.value && a.low == b.low && a.high == b.high && a.kind == b.kind
}

#[cfg(test)]
mod tests {
    use crate::model::Document;

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
