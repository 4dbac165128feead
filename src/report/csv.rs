//! CSV: one row per piece of evidence, for spreadsheets.

use super::Report;

/// Quotes a field when it holds a comma, quote or line break (RFC 4180).
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn render(r: &Report) -> String {
    // A story column, last, only in runs of several stories.
    let stories = r.summary.stories > 0;
    let mut out = String::from(
        "finding,rule,kind,severity,subject,message,source,path,line,column,text,context",
    );
    out.push_str(if stories { ",story\n" } else { "\n" });
    for f in &r.findings {
        for e in &f.evidence {
            let (line, column) = (e.line.to_string(), e.column.to_string());
            let mut row = vec![
                f.id.as_str(),
                &f.rule,
                f.kind.as_str(),
                f.severity.as_str(),
                &f.subject,
                &f.message,
                &e.source,
                r.path_of(&e.source),
                &line,
                &column,
                &e.text,
                &e.context,
            ];
            if stories {
                row.push(f.story.as_deref().unwrap_or(""));
            }
            out.push_str(&row.iter().map(|x| field(x)).collect::<Vec<_>>().join(","));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn quoting() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
