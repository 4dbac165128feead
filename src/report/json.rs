//! The JSON report. Its fields are those of the shared report specification
//! (`report-json.md`, kept outside this repository), which lists the minimum they hold;
//! `docs/schema/report.schema.json`, generated from the report types, is the whole
//! contract (see `tests/json_schema.rs`).

use super::Report;

/// Pretty-printed JSON with a final newline.
pub fn render(report: &Report) -> String {
    let mut s =
        serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// [`render`] written straight into `w`, never held whole in memory: the same bytes.
pub fn render_to(report: &Report, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, report)?;
    w.write_all(b"\n")
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
