//! The JSON report. Its fields are those of the shared report specification
//! (`report-json.md`, kept outside this repository), which lists the minimum they hold;
//! `docs/schema/report.schema.json`, generated from the report types, is the whole
//! contract (see `tests/json_schema.rs`).

use super::Report;

/// Pretty-printed JSON with a final newline: serde_json's pretty bytes, written by
/// [`super::pretty_json`].
pub fn render(report: &Report) -> String {
    let mut s = pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// `serde_json::to_string_pretty`'s text, through [`super::pretty_json`].
fn pretty<T: serde::Serialize>(value: &T) -> Result<String, serde_json::Error> {
    let out = super::pretty_json::to_vec(value)?;
    // Only whole strings and ASCII are written; the lossy path is never taken.
    Ok(String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// [`render`] written straight into `w` a chunk at a time, never held whole in memory:
/// the same bytes.
pub fn render_to(report: &Report, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    super::pretty_json::to_writer(report, w, b"\n")?;
    Ok(())
}

/// JSON Lines: one finding a line, compact, for streaming tools.
pub fn render_lines(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        if let Ok(line) = serde_json::to_string(f) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}
