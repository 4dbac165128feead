//! SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards: each
//! finding is a result with every evidence span as a location.

use serde_json::{json, Value};

use super::Report;
use crate::rules::RuleSet;
use crate::vocab::Severity;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn render(r: &Report, rules: &RuleSet) -> String {
    let mut used: Vec<&str> = r.findings.iter().map(|f| f.rule.as_str()).collect();
    used.sort_unstable();
    used.dedup();
    let descriptors: Vec<Value> = used
        .iter()
        .map(|id| {
            let rule = rules.rules.iter().find(|x| x.id == *id);
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
        .map(|f| {
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "note",
            };
            let locations: Vec<Value> = f
                .evidence
                .iter()
                .map(|e| {
                    json!({
                        "physicalLocation": {
                            "artifactLocation": { "uri": r.path_of(&e.source) },
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
                })
                .collect();
            json!({
                "ruleId": f.rule,
                "ruleIndex": used.iter().position(|u| *u == f.rule).unwrap_or(0),
                "level": level,
                "message": { "text": f.message },
                "locations": locations,
                "partialFingerprints": { "factdiffFindingId/v1": f.id },
                "properties": { "kind": f.kind, "subject": f.subject },
            })
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
            "artifacts": r.sources.iter().map(|s| json!({ "location": { "uri": s.path } })).collect::<Vec<_>>(),
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
