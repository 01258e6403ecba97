//! HTML articles: the visible text (no scripts or styles), the title and the publication date
//! from `article:published_time` or the first `<time datetime>`.
//!
//! Elements nested deeper than [`MAX_DEPTH`] are read as plain text (with a warning): the HTML
//! parser's work per tag grows with the depth of the open elements, so a page of a million
//! nested `<div>` would take minutes; with the limit a page takes time linear in its size.

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

/// Open elements kept when parsing; the tags of deeper elements are read as spaces.
pub const MAX_DEPTH: usize = 512;

/// Elements that never hold others.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content is not markup: skipped to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Elements an open one of the same name closes (`<li>a<li>b`).
const SELF_CLOSING_SIBLINGS: &[&str] = &["p", "li", "dt", "dd", "option", "tr", "td", "th"];

/// How far down the open elements an end tag looks for its start tag (the parser looks
/// further; a stray end tag is ignored by both).
const END_TAG_REACH: usize = 64;

fn is_one_of(name: &str, names: &[&str]) -> bool {
    names.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// The end of the tag whose name ends at `from`: after its `>`, quotes in attributes skipped.
fn tag_end(b: &[u8], mut i: usize) -> usize {
    let mut quote = None;
    while i < b.len() {
        match (quote, b[i]) {
            (None, b'>') => return i + 1,
            (None, q @ (b'"' | b'\'')) => quote = Some(q),
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// The page with the tags of elements deeper than [`MAX_DEPTH`] replaced by spaces, or `None`
/// when none is that deep. One pass over the tags, tracking open elements as the parser
/// does for the common cases (void elements, raw text, `<li>` closing `<li>`).
fn flatten_deep(html: &str) -> Option<String> {
    let b = html.as_bytes();
    // Open elements: name, and whether its tags are dropped.
    let mut open: Vec<(&str, bool)> = Vec::new();
    let mut dropped: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'<', &b[i..]) {
        let at = i + p;
        let rest = &b[at + 1..];
        if rest.starts_with(b"!--") {
            i = memchr::memmem::find(&b[at + 4..], b"-->").map_or(b.len(), |q| at + 4 + q + 3);
            continue;
        }
        if matches!(rest.first(), Some(b'!' | b'?')) {
            i = tag_end(b, at + 1);
            continue;
        }
        let close = rest.first() == Some(&b'/');
        let start = at + 1 + usize::from(close);
        let len = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
            .count();
        if len == 0 || !b[start].is_ascii_alphabetic() {
            i = at + 1;
            continue;
        }
        let name = &html[start..start + len];
        let end = tag_end(b, start + len);
        i = end;
        if close {
            let reach = open.len().saturating_sub(END_TAG_REACH);
            if let Some(k) = open[reach..]
                .iter()
                .rposition(|(n, _)| n.eq_ignore_ascii_case(name))
            {
                if open[reach + k].1 {
                    dropped.push((at, end));
                }
                open.truncate(reach + k);
            }
            continue;
        }
        if is_one_of(name, RAW_TEXT) {
            // Past the end tag: `</name`, in any case.
            let mut j = end;
            i = b.len();
            while let Some(q) = memchr::memmem::find(&b[j..], b"</") {
                let tag = j + q + 2;
                if b.len() >= tag + len && b[tag..tag + len].eq_ignore_ascii_case(name.as_bytes()) {
                    i = tag_end(b, tag + len);
                    break;
                }
                j = tag;
            }
            continue;
        }
        if is_one_of(name, VOID) || b[..end].ends_with(b"/>") {
            continue;
        }
        if is_one_of(name, SELF_CLOSING_SIBLINGS)
            && open
                .last()
                .is_some_and(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            open.pop();
        }
        let deep = open.len() >= MAX_DEPTH;
        if deep {
            dropped.push((at, end));
        }
        open.push((name, deep));
    }
    if dropped.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (start, end) in dropped {
        out.push_str(&html[from..start]);
        out.push(' ');
        from = end;
    }
    out.push_str(&html[from..]);
    Some(out)
}

/// Parses an HTML page into a document with id `id`; `warn` hears what was read with a caveat.
pub fn document(html: &str, id: &str, warn: &mut dyn FnMut(String)) -> Document {
    let flat = flatten_deep(html);
    if flat.is_some() {
        warn(format!(
            "elements nested deeper than {MAX_DEPTH} levels; their tags were read as spaces"
        ));
    }
    let page = Html::parse_document(flat.as_deref().unwrap_or(html));
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
    let mut unreadable = Vec::new();
    let published = select(&page, r#"meta[property="article:published_time"]"#)
        .into_iter()
        .chain(select(&page, r#"meta[name="date"]"#))
        .chain(select(&page, "time[datetime]"))
        .find_map(|d| {
            let date = parse_date(&d);
            if date.is_none() {
                unreadable.push(d);
            }
            date
        });
    for raw in unreadable {
        warn(format!(
            "publication date {raw:?} is not a date (expected YYYY-MM-DD); {}",
            if published.is_some() {
                "the page's next date was used"
            } else {
                "published left empty"
            }
        ));
    }
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

/// Appends the visible text under `root`, a line break around each block element. Walks the
/// tree without recursion: a page's depth costs no stack.
fn collect_text(root: ElementRef, out: &mut String) {
    let is_block = |n: &Node| matches!(n, Node::Element(e) if BLOCKS.contains(&e.name()));
    let mut next = root.first_child();
    while let Some(node) = next {
        let mut children = None;
        match node.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if !HIDDEN.contains(&e.name()) => {
                if is_block(node.value()) {
                    out.push('\n');
                }
                children = node.first_child();
                if children.is_none() && is_block(node.value()) {
                    out.push('\n');
                }
            }
            _ => {}
        }
        if children.is_some() {
            next = children;
            continue;
        }
        // The next sibling of this node or of the nearest ancestor that has one, closing the
        // blocks climbed out of.
        let mut at = node;
        next = loop {
            if at.id() == root.id() {
                break None;
            }
            if let Some(sibling) = at.next_sibling() {
                break Some(sibling);
            }
            let Some(parent) = at.parent() else {
                break None;
            };
            if parent.id() != root.id() && is_block(parent.value()) {
                out.push('\n');
            }
            at = parent;
        };
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
        let doc = document(html, "page", &mut |w| panic!("{w}"));
        assert_eq!(doc.text, "Headline\n\nAbout 10,000 troops & 5 tanks.");
        assert_eq!(doc.title.as_deref(), Some("Troops"));
        assert_eq!(doc.published, chrono::NaiveDate::from_ymd_opt(2024, 10, 29));
    }

    #[test]
    fn time_element_dates_the_page() {
        let doc = document(
            r#"<p><time datetime="2024-06-01">June 1</time> 40 trucks</p>"#,
            "p",
            &mut |w| panic!("{w}"),
        );
        assert_eq!(doc.published, chrono::NaiveDate::from_ymd_opt(2024, 6, 1));
    }

    fn read(html: &str) -> (Document, Vec<String>) {
        let mut warnings = Vec::new();
        let doc = document(html, "p", &mut |w| warnings.push(w));
        (doc, warnings)
    }

    #[test]
    fn a_date_that_is_no_date_is_named() {
        let cases = [
            (
                r#"<meta property="article:published_time" content="2024-02-30"><p>x</p>"#,
                None,
                "published left empty",
            ),
            (
                r#"<meta name="date" content="yesterday"><time datetime="2024-06-01">June</time>"#,
                chrono::NaiveDate::from_ymd_opt(2024, 6, 1),
                "next date was used",
            ),
            (
                r#"<time datetime="2023-13-01">then</time>"#,
                None,
                "\"2023-13-01\" is not a date",
            ),
        ];
        for (html, published, warning) in cases {
            let (doc, warnings) = read(html);
            assert_eq!(doc.published, published, "{html}");
            assert_eq!(warnings.len(), 1, "{html}");
            assert!(warnings[0].contains(warning), "{html}: {}", warnings[0]);
        }
    }

    #[test]
    fn blocks_break_lines_and_hidden_elements_are_skipped() {
        let cases = [
            (
                "<div><div><p>One</p>Two</div><ul><li>3</li><li>4</li></ul></div>",
                "One\n\nTwo\n\n3\n\n4",
            ),
            (
                "<p>a <b>bold</b> word</p><script>99</script><p>after</p>",
                "a bold word\n\nafter",
            ),
            (
                "<nav><p>menu 5</p></nav><article><h2>T</h2><p></p><br>text</article>",
                "T\n\ntext",
            ),
            ("plain 7 words", "plain 7 words"),
        ];
        for (html, text) in cases {
            let (doc, warnings) = read(html);
            assert_eq!(doc.text, text, "{html}");
            assert!(warnings.is_empty(), "{html}");
        }
    }

    /// Nested `n` deep in `open`/`close` around a figure.
    fn nested(open: &str, close: &str, n: usize) -> String {
        format!("{}About 10,000 troops.{}", open.repeat(n), close.repeat(n))
    }

    #[test]
    fn deep_nesting_is_read_flat_below_the_limit() {
        for (open, close) in [
            ("<div>", "</div>"),
            ("<span class='a>b'>", "</span>"),
            ("<li><ul>", "</ul></li>"),
            ("<DIV>", "</div >"),
        ] {
            let (doc, warnings) = read(&nested(open, close, MAX_DEPTH + 10));
            assert_eq!(doc.text, "About 10,000 troops.", "{open}");
            assert_eq!(warnings.len(), 1, "{open}");
            let (doc, warnings) = read(&nested(open, close, MAX_DEPTH / 4));
            assert_eq!(doc.text, "About 10,000 troops.", "{open}");
            assert!(warnings.is_empty(), "{open}");
        }
        // Siblings that close each other, voids, raw text and comments do not count as depth.
        for piece in [
            "<li>x",
            "<br>",
            "<img src=a>",
            "<p>para",
            "<script><div><div></script>",
            "<!-- <div> -->",
            "<x/>",
        ] {
            let (_, warnings) = read(&format!("<ul>{}</ul>", piece.repeat(2 * MAX_DEPTH)));
            assert!(warnings.is_empty(), "{piece}");
        }
    }

    #[test]
    fn depth_costs_neither_stack_nor_quadratic_time() {
        // A small stack: the recursive walk this replaced overflowed it at a few thousand levels.
        let page = nested("<div>", "</div>", 200_000);
        let started = std::time::Instant::now();
        let doc = std::thread::Builder::new()
            .stack_size(256 << 10)
            .spawn(move || read(&page).0)
            .expect("thread")
            .join()
            .expect("no stack overflow");
        assert_eq!(doc.text, "About 10,000 troops.");
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    }

    proptest::proptest! {
        /// Any markup, tags cut anywhere, reads without a panic, deep or not.
        #[test]
        fn any_markup_reads(pieces in proptest::collection::vec(
            "<div>|</div>|<li>|<p |'|\"|>|<!--|-->|<script>|</script|<br/>|</|<|a|é| ", 0..40),
            depth in 0usize..(2 * MAX_DEPTH))
        {
            let page = format!("{}{}", "<span>".repeat(depth), pieces.concat());
            let _ = flatten_deep(&page);
            let _ = read(&page);
        }
    }
}
