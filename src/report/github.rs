//! GitHub Actions workflow commands: one annotation per cited place
//! (`::error file=…,line=…,col=…::…`), shown inline on pull requests.

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

pub fn render(r: &Report) -> String {
    let mut out = String::new();
    for f in &r.findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        for e in &f.evidence {
            out.push_str(&format!(
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                prop(r.path_of(&e.source)),
                e.line,
                e.column,
                e.end_line,
                e.end_column,
                prop(&format!("factdiff {} ({})", f.rule, f.id)),
                data(&format!("{} — here: “{}”", f.message, e.text))
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
