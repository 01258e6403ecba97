//! The report as one static HTML page: no script, no network, every text escaped.
//!
//! A Content-Security-Policy forbids scripts and remote fetches outright, so even a text that
//! slipped past escaping could not run.

use super::{ClaimRow, Document, ObsRow, Section};
use std::fmt::Write;

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A sentence with the figure marked (its first occurrence), escaped.
fn quote(sentence: &str, figure: &str) -> String {
    match (!figure.is_empty())
        .then(|| sentence.find(figure))
        .flatten()
    {
        Some(i) => format!(
            "{}<mark>{}</mark>{}",
            escape(&sentence[..i]),
            escape(figure),
            escape(&sentence[i + figure.len()..])
        ),
        None => escape(sentence),
    }
}

const STYLE: &str = r#"
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: #1e1e1e; margin: 0 auto; max-width: 1240px; padding: 0 20px 40px; }
h1 { font-size: 1.8em; margin: 1em 0 .2em; }
h2 { font-size: 1.4em; margin: 2em 0 .2em; border-top: 1px solid #ddd; padding-top: 1em; }
h3 { font-size: 1.05em; margin: 1.4em 0 .4em; }
.meta, .note, footer { color: #555; }
.latest { font-size: 1.15em; font-weight: 600; }
img { max-width: 100%; height: auto; border: 1px solid #eee; }
figure { margin: 1em 0; }
table { border-collapse: collapse; width: 100%; font-size: .92em; }
th, td { border-bottom: 1px solid #e4e4e4; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f6f6; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.flag { color: #b00000; }
blockquote { margin: 0; color: #333; }
mark { background: #fff1a8; }
nav td a { font-weight: 600; }
.scroll { overflow-x: auto; }
"#;

fn obs_table(out: &mut String, rows: &[ObsRow]) {
    out.push_str(
        "<div class=\"scroll\"><table>\n<thead><tr><th>As of</th><th>Value</th><th>Interval</th>\
         <th>Reports</th><th>Attributions</th><th>Change</th><th>Delta</th><th>Ratio</th><th>%</th>\
         <th>Days</th><th>Per day</th><th>Flags</th></tr></thead>\n<tbody>\n",
    );
    for r in rows {
        let _ = writeln!(
            out,
            "<tr><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"flag\">{}</td></tr>",
            escape(&r.date),
            escape(&r.value),
            escape(&r.interval),
            escape(&r.reports),
            escape(&r.attributions),
            escape(&r.change),
            escape(&r.delta),
            escape(&r.ratio),
            escape(&r.pct),
            escape(&r.days),
            escape(&r.per_day),
            escape(&r.flags),
        );
    }
    out.push_str("</tbody></table></div>\n");
}

fn claims_table(out: &mut String, rows: &[ClaimRow]) {
    out.push_str(
        "<div class=\"scroll\"><table>\n<thead><tr><th>As of</th><th>Figure</th><th>Attribution</th>\
         <th>Source</th><th>Matched</th><th>Article</th><th>Sentence</th><th>Status</th></tr></thead>\n<tbody>\n",
    );
    for c in rows {
        let title = escape(&c.title);
        let article = match &c.url {
            Some(u) => format!(
                "<a href=\"{}\" rel=\"noopener noreferrer nofollow\">{title}</a>",
                escape(u)
            ),
            None => title,
        };
        let published = if c.published.is_empty() {
            String::new()
        } else {
            format!(
                "<br><span class=\"meta\">published {}</span>",
                escape(&c.published)
            )
        };
        let _ = writeln!(
            out,
            "<tr><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{article}{published}</td>\
             <td><blockquote>{}</blockquote></td><td>{}<br><span class=\"meta\">id <code>{}</code></span></td></tr>",
            escape(&c.as_of),
            escape(&c.figure),
            escape(&c.attribution),
            escape(&c.source),
            escape(&c.matched),
            quote(&c.sentence, &c.text),
            escape(&c.status),
            escape(&c.claim_id),
        );
    }
    out.push_str("</tbody></table></div>\n");
}

fn section(out: &mut String, s: &Section) {
    let _ = writeln!(
        out,
        "<section id=\"{}\">\n<h2>{}</h2>\n<p class=\"meta\"><code>{}</code> · {}</p>",
        escape(&s.anchor),
        escape(&s.label),
        escape(&s.id),
        escape(&s.meta)
    );
    if let Some(l) = &s.latest {
        let _ = writeln!(out, "<p class=\"latest\">Latest: {}</p>", escape(l));
    }
    if s.observations_total == 0 {
        out.push_str("<p class=\"note\">No observations in this period.</p>\n");
    }
    for (file, what) in [(&s.chart, "observations"), (&s.changes, "changes")] {
        if let Some(f) = file {
            let _ = writeln!(
                out,
                "<figure class=\"{what}\"><a href=\"{f}\"><img src=\"{f}\" alt=\"Chart of {}: \
                 {what}\"></a></figure>",
                escape(&s.label),
                f = escape(f),
            );
        }
    }
    if s.observations_total > 0 {
        out.push_str("<h3>Observations</h3>\n");
        if s.observations.len() < s.observations_total {
            let _ = writeln!(
                out,
                "<p class=\"note\">The latest {} of {}, newest first; all are in \
                 <a href=\"series.csv\">series.csv</a>.</p>",
                s.observations.len(),
                s.observations_total
            );
        }
        obs_table(out, &s.observations);
    }
    if s.claims_total > 0 {
        out.push_str("<h3>Claims</h3>\n");
        if s.claims.len() < s.claims_total {
            let _ = writeln!(
                out,
                "<p class=\"note\">The latest {} of {}, newest first; all are in \
                 <a href=\"claims.csv\">claims.csv</a>.</p>",
                s.claims.len(),
                s.claims_total
            );
        }
        claims_table(out, &s.claims);
    }
    out.push_str("</section>\n");
}

/// The page.
pub fn render(doc: &Document) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         img-src 'self' file: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"generator\" content=\"figtrack\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n",
        escape(&doc.title),
        escape(&doc.title)
    );
    let _ = writeln!(
        out,
        "<p class=\"meta\">Generated {} from the store <code>{}</code>: {} metric{}, {} \
         observation{}, {} claim{}. Data: <a href=\"series.csv\">series.csv</a>, \
         <a href=\"claims.csv\">claims.csv</a>; this report in Markdown: \
         <a href=\"index.md\">index.md</a>.</p>\n</header>",
        escape(&doc.generated),
        escape(&doc.store_name),
        doc.sections.len(),
        if doc.sections.len() == 1 { "" } else { "s" },
        doc.observations,
        if doc.observations == 1 { "" } else { "s" },
        doc.claims,
        if doc.claims == 1 { "" } else { "s" },
    );
    out.push_str(
        "<nav>\n<div class=\"scroll\"><table>\n<thead><tr><th>Metric</th><th>Latest</th>\
         <th>Observations</th><th>Flags</th></tr></thead>\n<tbody>\n",
    );
    for s in &doc.sections {
        let mut flags = Vec::new();
        if s.anomalies > 0 {
            flags.push(format!(
                "{} anomal{}",
                s.anomalies,
                if s.anomalies == 1 { "y" } else { "ies" }
            ));
        }
        if s.conflicts > 0 {
            flags.push(format!(
                "{} conflict{}",
                s.conflicts,
                if s.conflicts == 1 { "" } else { "s" }
            ));
        }
        let _ = writeln!(
            out,
            "<tr><td><a href=\"#{}\">{}</a></td><td>{}</td><td class=\"n\">{}</td>\
             <td class=\"flag\">{}</td></tr>",
            escape(&s.anchor),
            escape(&s.label),
            escape(s.latest.as_deref().unwrap_or("")),
            s.observations_total,
            escape(&flags.join(", "))
        );
    }
    out.push_str("</tbody></table></div>\n</nav>\n<main>\n");
    for s in &doc.sections {
        section(&mut out, s);
    }
    out.push_str(
        "</main>\n<footer><p>Made with figtrack. Figures are as reported in the articles \
         quoted; an interval shows what a figure admits (\"about\", \"more than\", a range). \
         Charts are drawn with the Noto Sans font (SIL Open Font License 1.1).</p></footer>\n\
         </body>\n</html>\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }

    #[test]
    fn marks_the_figure_in_its_sentence() {
        assert_eq!(
            quote("It sent <b>10,000</b> troops.", "10,000"),
            "It sent &lt;b&gt;<mark>10,000</mark>&lt;/b&gt; troops."
        );
        assert_eq!(quote("No figure here", "5"), "No figure here");
    }
}
