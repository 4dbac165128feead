//! Markdown, for pull-request comments: a summary, then a table per kind of finding.

use super::Report;
use crate::vocab::FindingKind;

/// Escapes text for a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The report as Markdown, for a pull-request comment.
pub fn render(r: &Report) -> String {
    let r = &r.sanitized();
    let mut out = String::from("## factdiff report\n\n");
    out.push_str(&format!("{}\n", r.summary.line()));
    if r.findings.is_empty() {
        out.push_str("\nNo disagreements found between the sources.\n");
        return out;
    }
    for &kind in FindingKind::ALL {
        let rows: Vec<_> = r.findings.iter().filter(|f| f.kind == kind).collect();
        if rows.is_empty() {
            continue;
        }
        let stories = r.summary.stories > 0;
        if stories {
            out.push_str(&format!("\n### {kind}\n\n| story | severity | subject | message | evidence |\n| --- | --- | --- | --- | --- |\n"));
        } else {
            out.push_str(&format!("\n### {kind}\n\n| severity | subject | message | evidence |\n| --- | --- | --- | --- |\n"));
        }
        for f in rows {
            let ev = f
                .evidence
                .iter()
                .map(|e| {
                    format!(
                        "`{}` {}:{}: “{}”",
                        cell(&e.source),
                        e.line,
                        e.column,
                        cell(&e.text)
                    )
                })
                .collect::<Vec<_>>()
                .join("<br>");
            if stories {
                out.push_str(&format!("| {} ", cell(f.story.as_deref().unwrap_or(""))));
            }
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                f.severity,
                cell(&f.subject),
                cell(&f.message),
                ev
            ));
        }
    }
    out
}
