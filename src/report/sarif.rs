//! SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards: each
//! finding is a result with every evidence span as a location.

use serde_json::{json, Value};

use super::focus::Focus;
use super::Report;
use crate::rules::RuleSet;
use crate::vocab::Severity;

/// What a SARIF `uri` (RFC 3986) may hold as it is: unreserved characters and `/`;
/// everything else (`#`, `?`, `%`, spaces, non-ASCII) is percent-encoded, so that a
/// `#` in a file name is not read as a fragment.
const URI_KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

fn uri(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, URI_KEEP).to_string()
}

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Every cited place a location of its result.
pub fn render(r: &Report, rules: &RuleSet) -> String {
    render_with(r, rules, &Focus::all(r))
}

/// Each result's locations are its primary evidence (see [`Focus`]); the other places
/// are `relatedLocations`.
pub fn render_with(r: &Report, rules: &RuleSet, focus: &Focus) -> String {
    let paths: std::collections::HashMap<&str, String> = r
        .sources
        .iter()
        .map(|s| (s.id.as_str(), uri(&s.path)))
        .collect();
    let mut used: Vec<&str> = r.findings.iter().map(|f| f.rule.as_str()).collect();
    used.sort_unstable();
    used.dedup();
    let descriptors: Vec<Value> = used
        .iter()
        .map(|id| {
            let rule = rules.rules().iter().find(|x| x.id == *id);
            let text = rule
                .map(|x| x.description.trim().to_string())
                .filter(|d| !d.is_empty())
                .unwrap_or_else(|| id.to_string());
            json!({
                "id": id,
                "name": id,
                "shortDescription": { "text": text.split(". ").next().unwrap_or(&text) },
                "fullDescription": { "text": text },
            })
        })
        .collect();
    let results: Vec<Value> = r
        .findings
        .iter()
        .enumerate()
        .map(|(fi, f)| {
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "note",
            };
            let location = |e: &super::EvidenceView| {
                json!({
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": paths.get(e.source.as_str()).cloned().unwrap_or_else(|| uri(&e.source)),
                        },
                        "region": {
                            "startLine": e.line,
                            "startColumn": e.column,
                            "endLine": e.end_line,
                            "endColumn": e.end_column,
                            "snippet": { "text": e.text },
                        },
                    },
                    "message": { "text": e.context },
                })
            };
            let (primary, related): (Vec<_>, Vec<_>) = f
                .evidence
                .iter()
                .enumerate()
                .partition(|(ei, _)| focus.primary(fi, *ei));
            let locations: Vec<Value> = primary.iter().map(|(_, e)| location(e)).collect();
            let related: Vec<Value> = related
                .iter()
                .enumerate()
                .map(|(k, (_, e))| {
                    let mut l = location(e);
                    l["id"] = json!(k);
                    l
                })
                .collect();
            let mut result = json!({
                "ruleId": f.rule,
                "ruleIndex": used.binary_search(&f.rule.as_str()).unwrap_or(0),
                "level": level,
                "message": { "text": f.message },
                "locations": locations,
                "partialFingerprints": { "factdiffFindingId/v1": f.id },
                "properties": { "kind": f.kind, "subject": f.subject },
            });
            if !related.is_empty() {
                result["relatedLocations"] = json!(related);
            }
            result
        })
        .collect();
    let doc = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "factdiff",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": descriptors,
            }},
            "artifacts": r.sources.iter().map(|s| json!({ "location": { "uri": uri(&s.path) } })).collect::<Vec<_>>(),
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri("news/a#1.txt"), "news/a%231.txt");
        assert_eq!(uri("a b?.md"), "a%20b%3F.md");
        assert_eq!(uri("Łódź/x-y_z.~txt"), "%C5%81%C3%B3d%C5%BA/x-y_z.~txt");
    }
}
