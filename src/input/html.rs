//! HTML articles: the visible text (no scripts or styles), the title and the publication date
//! from `article:published_time` or the first `<time datetime>`.

use super::parse_date;
use crate::model::Document;
use scraper::{ElementRef, Html, Node, Selector};

/// Elements whose text is never shown.
const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "iframe", "nav", "footer",
];

/// Elements that start a new line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "blockquote",
    "figcaption",
    "pre",
    "dd",
    "dt",
    "hr",
    "main",
    "aside",
    "figure",
];

fn select(doc: &Html, css: &str) -> Vec<String> {
    let Ok(sel) = Selector::parse(css) else {
        return Vec::new();
    };
    doc.select(&sel)
        .filter_map(|e| {
            let v = e.value();
            v.attr("content")
                .or_else(|| v.attr("datetime"))
                .or_else(|| v.attr("href"))
                .map(str::to_string)
        })
        .collect()
}

/// Parses an HTML page into a document with id `id`.
pub fn document(html: &str, id: &str) -> Document {
    let page = Html::parse_document(html);
    let mut text = String::with_capacity(html.len() / 2);
    collect_text(page.root_element(), &mut text);
    let title = select(&page, r#"meta[property="og:title"]"#)
        .into_iter()
        .next()
        .or_else(|| {
            let sel = Selector::parse("title").ok()?;
            page.select(&sel)
                .next()
                .map(|t| t.text().collect::<String>().trim().to_string())
        })
        .filter(|t| !t.is_empty());
    let published = select(&page, r#"meta[property="article:published_time"]"#)
        .into_iter()
        .chain(select(&page, r#"meta[name="date"]"#))
        .chain(select(&page, "time[datetime]"))
        .find_map(|d| parse_date(&d));
    Document {
        id: id.to_string(),
        text: tidy_lines(&text),
        published,
        source: select(&page, r#"meta[property="og:site_name"]"#)
            .into_iter()
            .next(),
        url: select(&page, r#"link[rel="canonical"]"#)
            .into_iter()
            .next()
            .or_else(|| {
                select(&page, r#"meta[property="og:url"]"#)
                    .into_iter()
                    .next()
            }),
        title,
    }
}

fn collect_text(el: ElementRef, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if HIDDEN.contains(&name) {
                    continue;
                }
                let block = BLOCKS.contains(&name);
                if block {
                    out.push('\n');
                }
                if let Some(child_el) = ElementRef::wrap(child) {
                    collect_text(child_el, out);
                }
                if block {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
}

/// Collapses runs of spaces and blank lines: one line per block, a blank line between paragraphs.
fn tidy_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_title_and_date() {
        let html = r#"<html><head><title>Troops</title>
            <meta property="article:published_time" content="2024-10-29T09:00:00Z">
            <script>var x = 99999;</script></head>
            <body><h1>Headline</h1><p>About 10,000 troops &amp; 5 tanks.</p><style>p{}</style></body></html>"#;
        let doc = document(html, "page");
        assert_eq!(doc.text, "Headline\n\nAbout 10,000 troops & 5 tanks.");
        assert_eq!(doc.title.as_deref(), Some("Troops"));
        assert_eq!(doc.published, chrono::NaiveDate::from_ymd_opt(2024, 10, 29));
    }

    #[test]
    fn time_element_dates_the_page() {
        let doc = document(
            r#"<p><time datetime="2024-06-01">June 1</time> 40 trucks</p>"#,
            "p",
        );
        assert_eq!(doc.published, chrono::NaiveDate::from_ymd_opt(2024, 6, 1));
    }
}
