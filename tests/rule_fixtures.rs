//! One folder per shipped rule, ruff-style: `tests/fixtures/rules/<rule-id>/` holds a
//! tiny invented story that trips the rule, and `tests/snapshots/` one snapshot of what
//! the rule reports on it (only that rule selected). A rule's behaviour is read in one
//! folder and one snapshot; a change to it shows up as a snapshot diff to review.
//!
//! Adding a rule: add its folder with two or three short sources, run
//! `INSTA_UPDATE=always cargo test --test rule_fixtures`, read the new snapshot.

mod common;
use common::factdiff;

use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::Path;

const DIR: &str = "tests/fixtures/rules";

/// Shipped rules without a folder yet. Each is a gap to fill; the test fails when one
/// gets a folder and is still listed here.
const WITHOUT_FOLDER: &[&str] = &[];

/// What a rule reports on its folder, one block per finding: the fields a reader
/// checks (positions and ids are covered by the other tests).
fn report(rule: &str, folder: &Path) -> String {
    let out = factdiff()
        .arg("check")
        .arg(folder)
        .args(["--select", rule, "--format", "json", "--fail-on", "never"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{rule}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut text = String::new();
    for f in v["findings"].as_array().unwrap() {
        let s = |k: &str| f[k].as_str().unwrap_or("").to_string();
        writeln!(text, "{} {} [{}]", s("rule"), s("severity"), s("kind")).unwrap();
        writeln!(text, "  subject: {}", s("subject")).unwrap();
        writeln!(text, "  message: {}", s("message")).unwrap();
        for e in f["evidence"].as_array().unwrap() {
            writeln!(
                text,
                "  {}:{}:{}: {}",
                e["source"].as_str().unwrap_or(""),
                e["line"],
                e["column"],
                e["text"].as_str().unwrap_or("")
            )
            .unwrap();
        }
    }
    text
}

#[test]
fn every_shipped_rule_trips_on_its_own_folder() {
    let shipped: BTreeSet<String> = factdiff::rules::RuleSet::builtin()
        .rules()
        .iter()
        .map(|r| r.id.clone())
        .collect();
    let mut folders: Vec<String> = std::fs::read_dir(DIR)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    for rule in &folders {
        assert!(shipped.contains(rule), "{DIR}/{rule} names no shipped rule");
        assert!(
            !WITHOUT_FOLDER.contains(&rule.as_str()),
            "{rule} has a folder now: take it out of WITHOUT_FOLDER"
        );
        let text = report(rule, &Path::new(DIR).join(rule));
        assert!(
            text.starts_with(&format!("{rule} ")),
            "{rule} reports nothing on its folder:\n{text}"
        );
        insta::assert_snapshot!(format!("rule_{rule}"), text);
    }
    for rule in &shipped {
        assert!(
            folders.contains(rule) || WITHOUT_FOLDER.contains(&rule.as_str()),
            "shipped rule {rule} has no folder in {DIR}"
        );
    }
}
