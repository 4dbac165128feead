//! The JSON contract: `docs/schema/` holds a JSON Schema of every JSON output,
//! generated from the report types. These tests keep the committed files equal to the
//! types, check every JSON output of the seeds against them, and check that the fields
//! the shared report specification names are all there.
//!
//! Regenerate the committed schemas after changing a report type:
//! `UPDATE_SCHEMA=1 cargo test --test json_schema`.

mod common;
use common::factdiff;

use serde_json::Value;
use std::path::Path;

/// Each committed schema must be what the report types generate now.
#[test]
fn committed_schemas_match_the_report_types() {
    let update = std::env::var_os("UPDATE_SCHEMA").is_some_and(|v| !v.is_empty());
    for (name, schema) in factdiff::report::schema::all() {
        let path = Path::new("docs/schema").join(name);
        let text = factdiff::report::schema::render(&schema);
        if update {
            std::fs::create_dir_all("docs/schema").unwrap();
            std::fs::write(&path, &text).unwrap();
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == text,
            "{} is stale: run `UPDATE_SCHEMA=1 cargo test --test json_schema` and commit it",
            path.display()
        );
    }
}

fn committed(name: &str) -> Value {
    let text = std::fs::read_to_string(Path::new("docs/schema").join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Every error the validator finds in `instance`, with where it is.
fn errors(schema: &Value, instance: &Value) -> Vec<String> {
    let validator = jsonschema::validator_for(schema).unwrap();
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn json_of(args: &[&str]) -> Value {
    let out = factdiff().args(args).output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Runs whose JSON fills the optional parts of the contract: claims and attributes,
/// several stories, the finding kinds, quotes with and without speakers.
const RUNS: &[(&str, &[&str])] = &[
    ("check", &["seeds"]),
    ("names", &["seeds"]),
    ("claims", &["seeds"]),
    ("quotes", &["seeds"]),
    ("check", &["tests/fixtures/quotes/story"]),
    ("quotes", &["tests/fixtures/quotes/story"]),
    ("check", &["tests/fixtures/stories/dirs", "--story-per-dir"]),
    ("check", &["tests/fixtures/attributes/title"]),
    ("claims", &["tests/fixtures/attributes/residence"]),
    ("check", &["tests/fixtures/numbers"]),
];

/// The schema of one record of a JSON Lines output: a definition of the whole schema.
fn record_schema(whole: &Value, def: &str) -> Value {
    serde_json::json!({
        "$schema": whole["$schema"],
        "$ref": format!("#/$defs/{def}"),
        "$defs": whole["$defs"],
    })
}

#[test]
fn every_json_output_follows_its_schema() {
    let report = committed("report.schema.json");
    let quotes = committed("quotes.schema.json");
    for (command, args) in RUNS {
        let (schema, record) = match *command {
            "quotes" => (&quotes, "QuoteView"),
            "names" => (&report, "EntityView"),
            "claims" => (&report, "ClaimView"),
            _ => (&report, "FindingView"),
        };
        let mut all = vec![*command];
        all.extend_from_slice(args);
        let v = json_of(&[all.as_slice(), &["--format", "json"]].concat());
        let errs = errors(schema, &v);
        assert!(errs.is_empty(), "{all:?}: {errs:#?}");
        // JSON Lines: one record a line, each a record of the same contract.
        let out = factdiff()
            .args([all.as_slice(), &["--format", "jsonl"]].concat())
            .output()
            .unwrap();
        let record = record_schema(schema, record);
        let text = String::from_utf8(out.stdout).unwrap();
        for line in text.lines() {
            let v: Value = serde_json::from_str(line).unwrap();
            let errs = errors(&record, &v);
            assert!(errs.is_empty(), "{all:?} jsonl: {errs:#?}");
        }
    }
}

/// The JSON snapshots (the body of each `.snap` file that is a JSON object).
#[test]
fn every_json_snapshot_follows_the_report_schema() {
    let report = committed("report.schema.json");
    let mut checked = 0;
    for entry in std::fs::read_dir("tests/snapshots").unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        // insta: a front-matter block between `---` lines, then the snapshot.
        let body = text.splitn(3, "---\n").nth(2).unwrap_or("");
        if !body.trim_start().starts_with('{') {
            continue;
        }
        let v: Value = serde_json::from_str(body).unwrap();
        let errs = errors(&report, &v);
        assert!(errs.is_empty(), "{}: {errs:#?}", path.display());
        checked += 1;
    }
    assert!(checked > 0, "no JSON snapshot found");
}

/// A schema that lacks a field must fail: the validator is not a rubber stamp.
#[test]
fn an_output_missing_a_required_field_is_refused() {
    let report = committed("report.schema.json");
    let mut v = json_of(&["check", "seeds", "--format", "json"]);
    v["findings"][0].as_object_mut().unwrap().remove("severity");
    assert!(!errors(&report, &v).is_empty());
    let mut v = json_of(&["check", "seeds", "--format", "json"]);
    v["findings"][0]["kind"] = Value::from("gossip");
    assert!(!errors(&report, &v).is_empty());
}

/// The fields the shared report specification (`report-json.md`, outside this
/// repository) lists, as paths: `[]` steps into an array's items.
const SPEC_FIELDS: &[&str] = &[
    "version",
    "sources[].id",
    "sources[].path",
    "entities[].id",
    "entities[].canonical",
    "entities[].kind",
    "entities[].mentions[].source",
    "entities[].mentions[].text",
    "entities[].mentions[].line",
    "entities[].mentions[].column",
    "findings[].id",
    "findings[].rule",
    "findings[].kind",
    "findings[].severity",
    "findings[].subject",
    "findings[].message",
    "findings[].evidence[].source",
    "findings[].evidence[].text",
    "findings[].evidence[].context",
    "findings[].evidence[].line",
    "findings[].evidence[].column",
    "findings[].evidence[].value.low",
    "findings[].evidence[].value.high",
    "claims[].id",
    "claims[].source",
    "claims[].text",
    "claims[].line",
    "claims[].column",
    "claims[].value.low",
    "claims[].value.high",
    "claims[].qualifier",
    "claims[].unit",
    "claims[].subject",
    "claims[].context",
];

/// The names the specification allows for each enumerated field.
const SPEC_VALUES: &[(&str, &[&str])] = &[
    ("entities[].kind", &["person", "place", "org", "other"]),
    (
        "findings[].kind",
        &["spelling", "numeric", "attribute", "quote"],
    ),
    ("findings[].severity", &["error", "warning", "info"]),
];

/// The sub-schemas a schema stands for: itself, through `$ref` and through each
/// branch of `anyOf` / `oneOf` (an optional field is "the type or null").
fn branches<'a>(root: &'a Value, s: &'a Value, out: &mut Vec<&'a Value>) {
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap();
        branches(root, &root["$defs"][name], out);
        return;
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        if let Some(list) = s.get(key).and_then(Value::as_array) {
            for b in list {
                branches(root, b, out);
            }
        }
    }
    out.push(s);
}

/// The schemas a path leads to (empty when the schema has no such field).
fn at<'a>(root: &'a Value, path: &str) -> Vec<&'a Value> {
    let mut here = vec![root];
    for step in path.split('.') {
        let (name, items) = match step.strip_suffix("[]") {
            Some(n) => (n, true),
            None => (step, false),
        };
        let mut next = Vec::new();
        for s in here {
            let mut bs = Vec::new();
            branches(root, s, &mut bs);
            for b in bs {
                if let Some(p) = b.get("properties").and_then(|p| p.get(name)) {
                    if items {
                        let mut ps = Vec::new();
                        branches(root, p, &mut ps);
                        next.extend(ps.into_iter().filter_map(|x| x.get("items")));
                    } else {
                        next.push(p);
                    }
                }
            }
        }
        here = next;
    }
    here
}

/// Every string value a schema allows (`enum` and `const`, through refs and branches).
fn names(root: &Value, s: &Value) -> Vec<String> {
    let mut bs = Vec::new();
    branches(root, s, &mut bs);
    let mut out = Vec::new();
    for b in bs {
        if let Some(list) = b.get("enum").and_then(Value::as_array) {
            out.extend(list.iter().filter_map(Value::as_str).map(String::from));
        }
        if let Some(c) = b.get("const").and_then(Value::as_str) {
            out.push(c.to_string());
        }
    }
    out
}

#[test]
fn the_shared_specification_fields_are_in_the_report_schema() {
    let report = committed("report.schema.json");
    let missing: Vec<&str> = SPEC_FIELDS
        .iter()
        .copied()
        .filter(|p| at(&report, p).is_empty())
        .collect();
    assert!(
        missing.is_empty(),
        "fields of the specification missing: {missing:?}"
    );
    for (path, want) in SPEC_VALUES {
        let allowed: Vec<String> = at(&report, path)
            .into_iter()
            .flat_map(|s| names(&report, s))
            .collect();
        for w in *want {
            assert!(
                allowed.iter().any(|a| a == w),
                "{path}: `{w}` not allowed ({allowed:?})"
            );
        }
    }
    // The resolver finds nothing for a field that is not there.
    assert!(at(&report, "findings[].evidence[].colour").is_empty());
}

/// Where the shared specification is at hand (beside the repository), its JSON examples
/// hold no field that `SPEC_FIELDS` leaves out, so the list above cannot lag it.
#[test]
fn the_field_list_covers_the_shared_specification_when_present() {
    let Ok(spec) = std::fs::read_to_string("../shared/spec/report-json.md") else {
        eprintln!("../shared/spec/report-json.md not found; the embedded field list stands");
        return;
    };
    let mut paths = Vec::new();
    for block in spec.split("```json").skip(1) {
        let json = block.split("```").next().unwrap();
        let v: Value = serde_json::from_str(json).unwrap();
        collect_paths(&v, "", &mut paths);
    }
    assert!(!paths.is_empty());
    let missing: Vec<&String> = paths
        .iter()
        .filter(|p| !SPEC_FIELDS.contains(&p.as_str()))
        .collect();
    assert!(missing.is_empty(), "SPEC_FIELDS lacks {missing:?}");
}

/// The field paths of a JSON example (objects inside a value stand for the value's
/// fields: `value.low`).
fn collect_paths(v: &Value, prefix: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                let p = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                match x {
                    Value::Object(_) => collect_paths(x, &p, out),
                    Value::Array(a) => {
                        let p = format!("{p}[]");
                        match a.first() {
                            Some(first @ Value::Object(_)) => collect_paths(first, &p, out),
                            _ => out.push(p),
                        }
                    }
                    _ => out.push(p),
                }
            }
        }
        _ => out.push(prefix.to_string()),
    }
}
