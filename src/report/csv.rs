//! CSV: one row per piece of evidence, for spreadsheets. Written with the `csv` crate
//! (RFC 4180 quoting); every cell that a spreadsheet would read as a formula is
//! neutralised as OWASP recommends, and terminal controls are escaped.

use super::Report;

/// A cell a spreadsheet would evaluate (`=`, `+`, `-`, `@`, tab, carriage return
/// first) gets a leading `'`, which spreadsheets show as text (OWASP, CSV injection).
fn neutral(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// The report as CSV: a header, then a row per piece of evidence.
pub fn render(r: &Report) -> String {
    let r = r.sanitized();
    let paths = r.paths();
    // A story column, last, only in runs of several stories.
    let stories = r.summary.stories > 0;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut header = vec![
        "finding", "rule", "kind", "severity", "subject", "message", "source", "path", "line",
        "column", "text", "context",
    ];
    if stories {
        header.push("story");
    }
    // Writing to a Vec cannot fail; a failure would only lose rows, never panic.
    let _ = w.write_record(&header);
    for f in &r.findings {
        for e in &f.evidence {
            let (line, column) = (e.line.to_string(), e.column.to_string());
            let mut row = vec![
                neutral(&f.id),
                neutral(&f.rule),
                f.kind.as_str().into(),
                f.severity.as_str().into(),
                neutral(&f.subject),
                neutral(&f.message),
                neutral(&e.source),
                neutral(paths.get(e.source.as_str()).copied().unwrap_or(&e.source)),
                line.as_str().into(),
                column.as_str().into(),
                neutral(&e.text),
                neutral(&e.context),
            ];
            if stories {
                row.push(neutral(f.story.as_deref().unwrap_or("")));
            }
            let _ = w.write_record(row.iter().map(|c| c.as_bytes()));
        }
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::neutral;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutral("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutral("+1"), "'+1");
        assert_eq!(neutral("-2"), "'-2");
        assert_eq!(neutral("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutral("plain"), "plain");
    }
}
