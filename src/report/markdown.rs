//! The report in Markdown (GitHub flavour): the same sections as the HTML page.
//!
//! Text from articles is escaped so that it stays text: Markdown punctuation gets a backslash and
//! `<`, `>`, `&` become entities, so no renderer passes it through as HTML.

use super::{ClaimRow, Document, ObsRow, Section};
use std::fmt::Write;

/// Escapes text for Markdown (inline and in table cells).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            // Brackets are escaped, so parentheses cannot make a link.
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A link target: spaces and brackets percent-encoded.
fn url(u: &str) -> String {
    let mut out = String::with_capacity(u.len());
    for c in u.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '"' => out.push_str("%22"),
            '\\' => out.push_str("%5C"),
            c => out.push(c),
        }
    }
    out
}

fn row(out: &mut String, cells: &[&str]) {
    out.push('|');
    for c in cells {
        let _ = write!(out, " {} |", escape(c));
    }
    out.push('\n');
}

fn header(out: &mut String, cells: &[&str], numeric: &[bool]) {
    row(out, cells);
    out.push('|');
    for n in numeric {
        out.push_str(if *n { " ---: |" } else { " --- |" });
    }
    out.push('\n');
}

fn obs_table(out: &mut String, rows: &[ObsRow]) {
    header(
        out,
        &[
            "As of",
            "Value",
            "Interval",
            "Reports",
            "Attributions",
            "Change",
            "Delta",
            "Ratio",
            "%",
            "Days",
            "Per day",
            "Flags",
        ],
        &[
            false, true, true, true, false, false, true, true, true, true, true, false,
        ],
    );
    for r in rows {
        row(
            out,
            &[
                &r.date,
                &r.value,
                &r.interval,
                &r.reports,
                &r.attributions,
                &r.change,
                &r.delta,
                &r.ratio,
                &r.pct,
                &r.days,
                &r.per_day,
                &r.flags,
            ],
        );
    }
    out.push('\n');
}

fn claims(out: &mut String, rows: &[ClaimRow]) {
    for c in rows {
        let title = match &c.url {
            Some(u) => format!("[{}]({})", escape(&c.title), url(u)),
            None => escape(&c.title),
        };
        let published = if c.published.is_empty() {
            String::new()
        } else {
            format!(", published {}", escape(&c.published))
        };
        let status = if c.status.is_empty() {
            String::new()
        } else {
            format!(" ({})", escape(&c.status))
        };
        let who = if c.attribution.is_empty() {
            "no speaker named".to_string()
        } else {
            escape(&c.attribution)
        };
        let source = if c.source.is_empty() {
            String::new()
        } else {
            format!(" ({})", escape(&c.source))
        };
        let matched = if c.matched.is_empty() {
            String::new()
        } else {
            format!("; matched {}", escape(&c.matched))
        };
        let _ = writeln!(
            out,
            "- **{}**, as of {}: {who} in {title}{source}{published}{status}{matched}; claim `{}`\n\n  > {}\n",
            escape(&c.figure),
            escape(&c.as_of),
            escape(&c.claim_id),
            escape(&c.sentence)
        );
    }
}

fn section(out: &mut String, s: &Section) {
    let _ = writeln!(out, "## {}\n", escape(&s.label));
    let _ = writeln!(out, "`{}` · {}\n", s.id.replace('`', "'"), escape(&s.meta));
    if let Some(l) = &s.latest {
        let _ = writeln!(out, "**Latest: {}**\n", escape(l));
    }
    if s.observations_total == 0 {
        out.push_str("No observations in this period.\n\n");
    }
    for (file, what) in [(&s.chart, "observations"), (&s.changes, "changes")] {
        if let Some(f) = file {
            let _ = writeln!(
                out,
                "![Chart of {}: {what}]({})\n",
                escape(&s.label),
                url(f)
            );
        }
    }
    if s.observations_total > 0 {
        out.push_str("### Observations\n\n");
        if s.observations.len() < s.observations_total {
            let _ = writeln!(
                out,
                "The latest {} of {}, newest first; all are in [series.csv](series.csv).\n",
                s.observations.len(),
                s.observations_total
            );
        }
        obs_table(out, &s.observations);
    }
    if s.claims_total > 0 {
        out.push_str("### Claims\n\n");
        if s.claims.len() < s.claims_total {
            let _ = writeln!(
                out,
                "The latest {} of {}, newest first; all are in [claims.csv](claims.csv).\n",
                s.claims.len(),
                s.claims_total
            );
        }
        claims(out, &s.claims);
    }
}

/// The Markdown document.
pub fn render(doc: &Document) -> String {
    let mut out = String::with_capacity(32 * 1024);
    let _ = writeln!(out, "# {}\n", escape(&doc.title));
    let _ = writeln!(
        out,
        "Generated {} from the store `{}`: {} metrics, {} observations, {} claims. Data: \
         [series.csv](series.csv), [claims.csv](claims.csv); the same report as a page: \
         [index.html](index.html).\n",
        escape(&doc.generated),
        doc.store_name.replace('`', "'"),
        doc.sections.len(),
        doc.observations,
        doc.claims
    );
    header(
        &mut out,
        &["Metric", "Latest", "Observations", "Flags"],
        &[false, false, true, false],
    );
    for s in &doc.sections {
        let mut flags = Vec::new();
        if s.anomalies > 0 {
            let y = if s.anomalies == 1 { "y" } else { "ies" };
            flags.push(format!("{} anomal{y}", s.anomalies));
        }
        if s.conflicts > 0 {
            let p = if s.conflicts == 1 { "" } else { "s" };
            flags.push(format!("{} conflict{p}", s.conflicts));
        }
        let _ = writeln!(
            out,
            "| [{}](#{}) | {} | {} | {} |",
            escape(&s.label),
            heading_anchor(&s.label),
            escape(s.latest.as_deref().unwrap_or("")),
            s.observations_total,
            escape(&flags.join(", "))
        );
    }
    out.push('\n');
    for s in &doc.sections {
        section(&mut out, s);
    }
    out.push_str(
        "---\n\nMade with figtrack. Figures are as reported in the articles quoted. Charts are \
         drawn with the Noto Sans font (SIL Open Font License 1.1).\n",
    );
    out
}

/// The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as '-'.
fn heading_anchor(label: &str) -> String {
    label
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                Some(c.to_lowercase().next().unwrap_or(c))
            } else if c == ' ' {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_stays_text() {
        assert_eq!(
            escape("<script>alert(1)</script> *bold* | [x](y)"),
            "&lt;script&gt;alert(1)&lt;/script&gt; \\*bold\\* \\| \\[x\\](y)"
        );
        assert_eq!(url("a b(c).png"), "a%20b%28c%29.png");
        assert_eq!(
            heading_anchor("North Korean troops in Russia"),
            "north-korean-troops-in-russia"
        );
    }
}
