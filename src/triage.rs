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
    // Every switch is a comment: a source without one (almost all) is read no further.
    if memchr::memmem::find(raw.as_bytes(), b"<!--").is_none() {
        return out;
    }
    let mut off = false;
    let mut next_line = false;
    for (i, line) in raw.lines().enumerate() {
        let n = i + 1;
        let t = line.trim();
        let comment = t
            .strip_prefix("<!--")
            .and_then(|c| c.strip_suffix("-->"))
            .map(crate::span::one_line);
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
    use rayon::prelude::*;
    let off: Vec<BTreeSet<usize>> = a
        .docs
        .par_iter()
        .map(|d| suppressed_lines(&d.raw))
        .collect();
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
    let mut out = format!(
        "{BASELINE_HEADER}{BASELINE_VERSION}\n\
         # Findings accepted as known. One finding id per line;\n\
         # text after '#' is a comment. Written by --write-baseline, read by --baseline.\n",
    );
    for l in lines {
        out.push_str(&l);
        out.push('\n');
    }
    out
}

/// The first line of a baseline, before its format version.
pub const BASELINE_HEADER: &str = "# factdiff baseline v";
/// The baseline format this version writes and reads.
pub const BASELINE_VERSION: u32 = 1;

/// Why a file is not a usable baseline. The messages never quote the file's content:
/// a path given by mistake (a key, a password file) must not be echoed to a CI log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BaselineError {
    /// The first line is not the baseline header.
    NoHeader,
    /// A header of a format this version does not read.
    Version,
    /// A line that is neither a comment nor a finding id (1-based).
    BadLine(usize),
}

impl std::fmt::Display for BaselineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BaselineError::NoHeader => write!(
                f,
                "not a factdiff baseline: its first line is not `{BASELINE_HEADER}{BASELINE_VERSION}` \
                 (write one with --write-baseline)"
            ),
            BaselineError::Version => write!(
                f,
                "a baseline of a format this factdiff does not read (it reads v{BASELINE_VERSION}); \
                 write it again with --write-baseline"
            ),
            BaselineError::BadLine(n) => write!(
                f,
                "line {n} is neither a comment nor a finding id (the line is not shown)"
            ),
        }
    }
}

/// Can this be a finding id? Ids are a rule id and a hash: printable, no spaces.
fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 256
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '/'))
}

/// The ids in a baseline file, which must start with the header of a format this
/// version reads.
pub fn parse_baseline(text: &str) -> Result<BTreeSet<String>, BaselineError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("").trim_end();
    let version = first
        .strip_prefix(BASELINE_HEADER)
        .ok_or(BaselineError::NoHeader)?;
    if version != BASELINE_VERSION.to_string() {
        return Err(
            if version.bytes().all(|b| b.is_ascii_digit()) && !version.is_empty() {
                BaselineError::Version
            } else {
                BaselineError::NoHeader
            },
        );
    }
    let mut ids = BTreeSet::new();
    for (i, line) in lines.enumerate() {
        let entry = line.split('#').next().unwrap_or("").trim();
        if entry.is_empty() {
            continue;
        }
        let id = entry.split_whitespace().next().unwrap_or("");
        if !is_id(id) || entry.len() != id.len() {
            return Err(BaselineError::BadLine(i + 2));
        }
        ids.insert(id.to_string());
    }
    Ok(ids)
}

/// Reads a baseline file: size-limited, UTF-8, with the header. Errors never quote
/// the file's content.
pub fn read_baseline(path: &std::path::Path) -> Result<BTreeSet<String>, String> {
    let text = crate::limits::read_text(path, crate::limits::MAX_BASELINE_FILE)
        .map_err(|e| format!("{}: cannot use as a baseline: {e}", path.display()))?;
    parse_baseline(&text).map_err(|e| format!("{}: {e}", path.display()))
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
            majority: None,
            id: id.into(),
            rule: "r".into(),
            kind: FindingKind::Numeric,
            class: None,
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
        // No comment at all: nothing switched off (the early return), and a comment
        // that is not a line of its own switches nothing either.
        assert!(suppressed_lines("factdiff off\nx\n").is_empty());
        assert!(suppressed_lines("a <!-- factdiff off -->\nx\n").is_empty());
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
            Ok(["a-1".to_string(), "b-2".to_string()].into_iter().collect())
        );
    }

    #[test]
    fn a_file_without_the_header_is_refused() {
        assert_eq!(
            parse_baseline("root:x:0:0:root:/root:/bin/sh\n"),
            Err(BaselineError::NoHeader)
        );
        assert_eq!(parse_baseline(""), Err(BaselineError::NoHeader));
        assert_eq!(
            parse_baseline("# factdiff baseline v9\n"),
            Err(BaselineError::Version)
        );
        assert_eq!(
            parse_baseline("# factdiff baseline v1\nrule-1\nMIIEvQIBADANBgkqh kiG9w0\n"),
            Err(BaselineError::BadLine(3))
        );
        let e = BaselineError::BadLine(3).to_string();
        assert!(!e.contains("MIIE"));
    }
}
