//! Many stories in one run: folders as stories, JSON Lines records grouped by a story
//! field, story names in reports, unique source ids, and the same report whatever the
//! thread count.

mod common;
use common::factdiff;
use predicates::prelude::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use tempfile::TempDir;

const DIRS: &str = "tests/fixtures/stories/dirs";
const RECORDS: &str = "tests/fixtures/stories/records.jsonl";

fn json(args: &[&str]) -> Value {
    let out = factdiff()
        .args(["check", "--format", "json", "--fail-on", "never"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Every finding names a story, and every source it cites belongs to that story.
fn assert_findings_stay_in_their_story(v: &Value) {
    let story_of: BTreeMap<&str, &str> = v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["id"].as_str().unwrap(), s["story"].as_str().unwrap()))
        .collect();
    for f in v["findings"].as_array().unwrap() {
        let story = f["story"].as_str().expect("finding without a story");
        for e in f["evidence"].as_array().unwrap() {
            assert_eq!(story_of[e["source"].as_str().unwrap()], story, "{f}");
        }
    }
}

fn ids_are_unique(v: &Value) {
    let ids: Vec<&str> = v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    let set: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(set.len(), ids.len(), "{ids:?}");
    let fids: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    let fset: BTreeSet<&str> = fids.iter().copied().collect();
    assert_eq!(fset.len(), fids.len(), "{fids:?}");
}

#[test]
fn story_per_dir_makes_each_folder_a_story() {
    let v = json(&["--story-per-dir", DIRS]);
    assert_eq!(v["summary"]["stories"], 2);
    assert_eq!(v["summary"]["sources"], 4);
    let stories: BTreeSet<&str> = v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["story"].as_str().unwrap())
        .collect();
    assert_eq!(
        stories,
        ["shelbyville", "springfield"].into_iter().collect()
    );
    assert!(!v["findings"].as_array().unwrap().is_empty());
    assert_findings_stay_in_their_story(&v);
    // Same file names in both folders: ids stay unique (parent folder added).
    ids_are_unique(&v);
}

#[test]
fn without_story_flags_a_run_is_one_story_as_before() {
    let v = json(&[DIRS]);
    assert!(v["summary"].get("stories").is_none(), "{}", v["summary"]);
    for s in v["sources"].as_array().unwrap() {
        assert!(s.get("story").is_none());
    }
    for f in v["findings"].as_array().unwrap() {
        assert!(f.get("story").is_none());
    }
}

#[test]
fn jsonl_records_are_grouped_by_the_story_key_numbers_and_strings_alike() {
    let out = factdiff()
        .args([
            "check",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--story-key",
            "incident_id",
            RECORDS,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("records.jsonl: line 5: invalid JSON"), "{err}");
    assert!(
        err.contains("records.jsonl: line 6: no `text` field"),
        "{err}"
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    // "101" and 101, 202 and "202" are the same stories.
    assert_eq!(v["summary"]["stories"], 2);
    assert_eq!(v["summary"]["sources"], 4);
    assert_findings_stay_in_their_story(&v);
    ids_are_unique(&v);
    let sources = v["sources"].as_array().unwrap();
    // Record ids are kept, repeated ones disambiguated; records without one are
    // named by file and line; paths give the line; metadata comes from the record.
    let ids: Vec<&str> = sources.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["d1", "d1~2", "records:2", "records:4"]);
    assert!(sources[1]["path"]
        .as_str()
        .unwrap()
        .ends_with("records.jsonl:3"));
    assert_eq!(sources[1]["outlet"], "Herald");
    assert_eq!(sources[3]["date"], "2016-08-21");
    let stories: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["story"].as_str().unwrap())
        .collect();
    assert!(
        stories.contains(&"101") && stories.contains(&"202"),
        "{stories:?}"
    );
}

#[test]
fn sources_in_different_stories_are_never_compared() {
    let dir = TempDir::new().unwrap();
    let p = dir.path().join("two.jsonl");
    fs::write(
        &p,
        "{\"story\":\"a\",\"text\":\"Officials said 12 people were injured in the fire on Monday.\"}\n\
         {\"story\":\"b\",\"text\":\"Officials said 30 people were injured in the fire on Monday.\"}\n",
    )
    .unwrap();
    let p = p.to_str().unwrap();
    let apart = json(&[p]);
    assert_eq!(apart["summary"]["stories"], 2);
    assert_eq!(apart["summary"]["findings"], 0, "{}", apart["findings"]);
    // The same two articles as one story disagree.
    let together = json(&["--story-key", "no_such_field", p]);
    assert!(together["summary"].get("stories").is_none());
    assert!(together["summary"]["findings"].as_u64().unwrap() > 0);
}

#[test]
fn the_table_names_stories_when_there_are_several() {
    factdiff()
        .args(["check", "--fail-on", "never", "--story-per-dir", DIRS])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("story")
                .and(predicate::str::contains("springfield"))
                .and(predicate::str::contains("2 stories, 4 sources")),
        );
    factdiff()
        .args(["check", "--fail-on", "never", DIRS])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(" stories, ").not());
}

#[test]
fn csv_and_markdown_add_a_story_column_only_for_several_stories() {
    let csv = factdiff()
        .args([
            "check",
            "--fail-on",
            "never",
            "--format",
            "csv",
            "--story-per-dir",
            DIRS,
        ])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(
        csv.lines().next().unwrap().ends_with(",context,story"),
        "{csv}"
    );
    assert!(
        csv.lines().skip(1).all(|l| l.ends_with(",springfield")),
        "{csv}"
    );
    let md = factdiff()
        .args([
            "check",
            "--fail-on",
            "never",
            "--format",
            "markdown",
            "--story-per-dir",
            DIRS,
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8(md.stdout)
        .unwrap()
        .contains("| story | severity |"));
}

#[test]
fn the_report_is_the_same_whatever_the_thread_count() {
    let run = |threads: Option<&str>| {
        let mut c = factdiff();
        if let Some(t) = threads {
            c.args(["--threads", t]);
        }
        c.args([
            "check",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--story-per-dir",
            "--story-key",
            "incident_id",
            DIRS,
            RECORDS,
            "seeds/",
        ])
        .output()
        .unwrap()
        .stdout
    };
    let one = run(Some("1"));
    assert!(!one.is_empty());
    assert_eq!(one, run(Some("2")));
    assert_eq!(one, run(Some("7")));
    assert_eq!(one, run(None));
    factdiff()
        .args(["--threads", "0", "check", "seeds/"])
        .assert()
        .code(2);
}

#[test]
fn a_folder_of_jsonl_is_walked() {
    let dir = TempDir::new().unwrap();
    fs::copy(RECORDS, dir.path().join("r.jsonl")).unwrap();
    let v = json(&["--story-key", "incident_id", dir.path().to_str().unwrap()]);
    assert_eq!(v["summary"]["sources"], 4);
}
