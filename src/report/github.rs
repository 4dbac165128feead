//! GitHub Actions workflow commands: one annotation per cited place
//! (`::error file=…,line=…,col=…::…`), shown inline on pull requests.

use super::focus::Focus;
use super::Report;
use crate::vocab::Severity;

/// Escapes a workflow-command message.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property value.
fn prop(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Every cited place annotated.
pub fn render(r: &Report) -> String {
    render_with(r, &Focus::all(r))
}

/// Annotations on the primary evidence of each finding only (see [`Focus`]); the other
/// places are named in the message.
pub fn render_with(r: &Report, focus: &Focus) -> String {
    let r = r.sanitized();
    let paths = r.paths();
    let path_of = |id: &str| paths.get(id).copied().unwrap_or(id).to_string();
    let mut out = String::new();
    for (fi, f) in r.findings.iter().enumerate() {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let elsewhere: Vec<String> = f
            .evidence
            .iter()
            .enumerate()
            .filter(|(ei, _)| !focus.primary(fi, *ei))
            .map(|(_, e)| {
                format!(
                    "{}:{}:{} “{}”",
                    path_of(&e.source),
                    e.line,
                    e.column,
                    e.text
                )
            })
            .collect();
        let elsewhere = if elsewhere.is_empty() {
            String::new()
        } else {
            format!("; elsewhere: {}", elsewhere.join(", "))
        };
        for (_, e) in f
            .evidence
            .iter()
            .enumerate()
            .filter(|(ei, _)| focus.primary(fi, *ei))
        {
            out.push_str(&format!(
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                prop(&path_of(&e.source)),
                e.line,
                e.column,
                e.end_line,
                e.end_column,
                prop(&format!("factdiff {} ({})", f.rule, f.id)),
                data(&format!("{} — here: “{}”{elsewhere}", f.message, e.text))
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(data("50%\nx"), "50%25%0Ax");
        assert_eq!(prop("a:b,c"), "a%3Ab%2Cc");
    }
}
