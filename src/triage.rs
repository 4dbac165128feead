//! What happens to findings after comparison, for editors and CI: suppressions written
//! in the sources, baselines of accepted findings, and new-file mode (only findings
//! that involve a changed source).

use std::collections::BTreeSet;

use crate::compare::Finding;
use crate::Analysis;

/// Drops findings whose rule a cited source asks to ignore (front matter
/// `factdiff: {ignore: [...]}` or `<!-- factdiff-ignore RULE -->`; `all` ignores every
/// rule). Returns how many were dropped.
pub fn apply_source_suppressions(a: &mut Analysis) -> usize {
    let docs = &a.docs;
    let before = a.findings.len();
    a.findings.retain(|f| {
        !f.evidence.iter().any(|e| {
            docs[e.doc]
                .source
                .meta
                .ignore
                .iter()
                .any(|r| r == &f.rule || r == "all" || r == f.kind.as_str())
        })
    });
    let n = before - a.findings.len();
    a.suppressed += n;
    n
}

/// The lines of a source that its comments switch off, 1-based:
/// `<!-- factdiff-ignore-next-line -->` the next line that has text, and everything
/// between `<!-- factdiff off -->` and `<!-- factdiff on -->` (or the end), like Vale's
/// comment switches.
pub fn suppressed_lines(raw: &str) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    let mut off = false;
    let mut next_line = false;
    for (i, line) in raw.lines().enumerate() {
        let n = i + 1;
        let t = line.trim();
        let comment = t
            .strip_prefix("<!--")
            .and_then(|c| c.strip_suffix("-->"))
            .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "));
        match comment.as_deref() {
            Some("factdiff-ignore-next-line") => next_line = true,
            Some("factdiff off") => off = true,
            Some("factdiff on") => off = false,
            _ if t.is_empty() => {}
            _ => {
                if off || next_line {
                    out.insert(n);
                }
                next_line = false;
            }
        }
    }
    out
}

/// Drops findings that cite a line its source switched off with a comment (see
/// [`suppressed_lines`]). Returns how many were dropped.
pub fn apply_line_suppressions(a: &mut Analysis) -> usize {
    let off: Vec<BTreeSet<usize>> = a.docs.iter().map(|d| suppressed_lines(&d.raw)).collect();
    if off.iter().all(BTreeSet::is_empty) {
        return 0;
    }
    let docs = &a.docs;
    let before = a.findings.len();
    a.findings.retain(|f| {
        !f.evidence.iter().any(|e| {
            let (line, _) = docs[e.doc].line_col(e.span.start);
            off[e.doc].contains(&line)
        })
    });
    let n = before - a.findings.len();
    a.suppressed += n;
    n
}

/// Keeps only findings that cite at least one of `changed` (document indices).
/// Returns how many were dropped.
pub fn keep_changed(a: &mut Analysis, changed: &BTreeSet<usize>) -> usize {
    let before = a.findings.len();
    a.findings
        .retain(|f| f.evidence.iter().any(|e| changed.contains(&e.doc)));
    before - a.findings.len()
}

/// A baseline: the ids of findings an editor has accepted, one per line, sorted, each
/// with a comment saying what it was, so the file reads and diffs well.
pub fn render_baseline(findings: &[Finding]) -> String {
    let mut lines: Vec<String> = findings
        .iter()
        .map(|f| {
            let subject: String = f.subject.chars().filter(|c| !c.is_control()).collect();
            format!(
                "{}  # {} {}: {}",
                f.id,
                f.severity.as_str(),
                f.kind.as_str(),
                subject
            )
        })
        .collect();
    lines.sort();
    lines.dedup();
    let mut out = String::from(
        "# factdiff baseline: findings accepted as known. One finding id per line;\n\
         # text after '#' is a comment. Written by --write-baseline, read by --baseline.\n",
    );
    for l in lines {
        out.push_str(&l);
        out.push('\n');
    }
    out
}

/// The ids in a baseline file.
pub fn parse_baseline(text: &str) -> BTreeSet<String> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(|l| l.split_whitespace().next().unwrap_or("").to_string())
        .collect()
}

/// What a baseline did to a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BaselineOutcome {
    /// Findings dropped because the baseline lists them.
    pub known: usize,
    /// Baseline entries that no longer occur (fixed, or changed beyond recognition).
    pub stale: Vec<String>,
}

/// Drops the findings the baseline lists.
pub fn apply_baseline(a: &mut Analysis, baseline: &BTreeSet<String>) -> BaselineOutcome {
    let present: BTreeSet<&str> = a.findings.iter().map(|f| f.id.as_str()).collect();
    let stale = baseline
        .iter()
        .filter(|id| !present.contains(id.as_str()))
        .cloned()
        .collect();
    let before = a.findings.len();
    a.findings.retain(|f| !baseline.contains(&f.id));
    BaselineOutcome {
        known: before - a.findings.len(),
        stale,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::{FindingKind, Severity};

    fn finding(id: &str) -> Finding {
        Finding {
            id: id.into(),
            rule: "r".into(),
            kind: FindingKind::Numeric,
            severity: Severity::Warning,
            subject: crate::vocab::Subject::whole("wounded"),
            message: String::new(),
            evidence: vec![],
        }
    }

    #[test]
    fn comments_switch_off_the_next_line_or_a_block() {
        let raw =
            "one\n<!-- factdiff-ignore-next-line -->\n\nthree\nfour\n<!--factdiff off-->\nsix\n\
                   <!-- factdiff on -->\neight\n";
        assert_eq!(
            suppressed_lines(raw).into_iter().collect::<Vec<_>>(),
            [4, 7]
        );
        assert!(suppressed_lines("<!-- factdiff-ignore spelling -->\nx\n").is_empty());
    }

    #[test]
    fn baseline_round_trips_sorted_with_comments() {
        let text = render_baseline(&[finding("b-2"), finding("a-1")]);
        let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(
            lines,
            [
                "a-1  # warning numeric: wounded",
                "b-2  # warning numeric: wounded"
            ]
        );
        assert_eq!(
            parse_baseline(&text),
            ["a-1".to_string(), "b-2".to_string()].into_iter().collect()
        );
    }
}
