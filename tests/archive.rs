//! Archive scale: `check --shard K/N` splits the stories of a run between N processes,
//! and `factdiff merge` joins their JSON reports into the single run's report, byte for
//! byte. The fixture is invented: ten stories (one of them the default story of records
//! without a story key), two or three outlets each, with spelling and number
//! disagreements.

mod common;
use assert_cmd::Command;
use common::factdiff;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const RECORDS: &str = "tests/fixtures/archive/stories.jsonl";

fn ok(c: &mut Command) -> Vec<u8> {
    let out = c.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn single() -> Vec<u8> {
    ok(factdiff().args(["check", RECORDS, "--format", "json", "--fail-on", "never"]))
}

/// Runs shard K of N into `dir`, returning the report's path.
fn shard(dir: &Path, k: u32, n: u32, extra: &[&str]) -> PathBuf {
    let out = dir.join(format!("shard-{k}-of-{n}.json"));
    ok(factdiff()
        .args([
            "check",
            RECORDS,
            "--format",
            "json",
            "--fail-on",
            "never",
            "-q",
        ])
        .args(["--shard", &format!("{k}/{n}"), "-o"])
        .arg(&out)
        .args(extra));
    out
}

fn merge(reports: &[&PathBuf]) -> std::process::Output {
    factdiff().arg("merge").args(reports).output().unwrap()
}

#[test]
fn three_shards_merged_are_the_single_run_byte_for_byte_in_any_order() {
    let dir = TempDir::new().unwrap();
    let want = single();
    let v: Value = serde_json::from_slice(&want).unwrap();
    assert_eq!(v["summary"]["stories"], 10);
    assert!(v["findings"].as_array().unwrap().len() >= 10);
    let p: Vec<PathBuf> = (1..=3).map(|k| shard(dir.path(), k, 3, &[])).collect();
    // Each shard holds part of the run, and together they hold all of it once.
    let mut sources = 0;
    for path in &p {
        let r: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
        let n = r["sources"].as_array().unwrap().len();
        assert!(n < 24, "a shard holds every source: {path:?}");
        assert_eq!(r["shard"]["count"], 3);
        sources += n;
    }
    assert_eq!(sources, 24);
    for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0], [2, 0, 1]] {
        let out = merge(&order.map(|i| &p[i]));
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stdout == want,
            "merged {order:?} differs from the single run:\n{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn shards_are_the_same_whatever_the_thread_count_and_the_merge_writes_a_file() {
    let dir = TempDir::new().unwrap();
    let one = dir.path().join("one");
    let two = dir.path().join("two");
    fs::create_dir_all(&one).unwrap();
    fs::create_dir_all(&two).unwrap();
    for k in 1..=2 {
        let a = shard(&one, k, 2, &["--threads", "1"]);
        let b = shard(&two, k, 2, &["--threads", "2"]);
        assert_eq!(
            fs::read_to_string(a).unwrap(),
            fs::read_to_string(b).unwrap()
        );
    }
    let merged = dir.path().join("merged.json");
    let out = factdiff()
        .args(["merge", "-o"])
        .arg(&merged)
        .arg(one.join("shard-2-of-2.json"))
        .arg(one.join("shard-1-of-2.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert_eq!(
        fs::read_to_string(&merged).unwrap(),
        String::from_utf8(single()).unwrap()
    );
}

#[test]
fn one_shard_of_one_is_the_single_run_plus_its_shard_object() {
    let dir = TempDir::new().unwrap();
    let p = shard(dir.path(), 1, 1, &[]);
    let mut r: Value = serde_json::from_str(&fs::read_to_string(&p).unwrap()).unwrap();
    let s = r.as_object_mut().unwrap().remove("shard").unwrap();
    assert_eq!(s["index"], 1);
    assert_eq!(s["stories_total"], 10);
    let want: Value = serde_json::from_slice(&single()).unwrap();
    assert_eq!(r, want);
}

#[test]
fn bad_shards_exit_2_with_a_clear_message() {
    for bad in ["0/3", "4/3", "3", "1/0", "a/b", "-1/3", "1/3/3"] {
        let out = factdiff()
            .args(["check", RECORDS, &format!("--shard={bad}")])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "--shard {bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("K/N") && err.contains("K counts from 1"),
            "{bad}: {err}"
        );
    }
}

#[test]
fn merge_refuses_overlapping_missing_foreign_and_unsharded_reports() {
    let dir = TempDir::new().unwrap();
    let p: Vec<PathBuf> = (1..=3).map(|k| shard(dir.path(), k, 3, &[])).collect();
    let refused = |reports: &[&PathBuf], why: &str| {
        let out = merge(reports);
        assert_eq!(out.status.code(), Some(2), "{reports:?}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(why), "{why}: {err}");
    };
    refused(&[&p[0], &p[1], &p[1], &p[2]], "overlap");
    refused(&[&p[0], &p[2]], "missing shard 2/3");
    // Another split of the same run.
    let other = dir.path().join("other");
    fs::create_dir_all(&other).unwrap();
    let q = shard(&other, 1, 2, &[]);
    refused(&[&p[0], &p[1], &p[2], &q], "not shards of one run");
    // Other settings: one rule fewer.
    let fewer = dir.path().join("fewer");
    fs::create_dir_all(&fewer).unwrap();
    let r = shard(&fewer, 2, 3, &["--ignore", "spelling"]);
    refused(&[&p[0], &r, &p[2]], "not shards of one run");
    // A report of a run without --shard.
    let plain = dir.path().join("plain.json");
    fs::write(&plain, single()).unwrap();
    refused(&[&plain], "not a shard report");
    let junk = dir.path().join("junk.json");
    fs::write(&junk, "not json").unwrap();
    refused(&[&junk], "not a factdiff JSON report");
    let out = factdiff().arg("merge").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

const UNKEYED: &str = "tests/fixtures/archive/unkeyed.jsonl";

/// The stories `factdiff stories --format json` lists, as lists of source ids.
fn listed_stories(extra: &[&str]) -> Vec<Vec<String>> {
    let out = ok(factdiff()
        .args(["stories", UNKEYED, "--format", "json"])
        .args(extra));
    let v: Value = serde_json::from_slice(&out).unwrap();
    v["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            s["sources"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["id"].as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn stories_groups_reports_of_one_event_and_keeps_far_apart_dates_apart() {
    let got = listed_stories(&[]);
    assert_eq!(
        got,
        [
            vec!["ledger-fire", "post-fire", "times-fire"],
            vec!["ledger-crash", "times-crash"],
            vec!["post-vote"],
            vec!["times-fire-2034"],
        ]
    );
    // The same at any thread count.
    assert_eq!(listed_stories(&["--threads", "1"]), got);
    // `--stories keyed` is the grouping check makes without --stories: one story.
    assert_eq!(listed_stories(&["--stories", "keyed"]).len(), 1);
    let table = String::from_utf8(ok(factdiff().args(["stories", UNKEYED]))).unwrap();
    assert!(table.contains("auto:ledger-fire (3 sources)"), "{table}");
    assert!(table.ends_with("4 stories, 7 sources\n"), "{table}");
}

#[test]
fn check_with_automatic_stories_compares_only_within_them() {
    let out = ok(factdiff().args([
        "check",
        UNKEYED,
        "--stories",
        "auto",
        "--format",
        "json",
        "--fail-on",
        "never",
    ]));
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["summary"]["stories"], 4);
    let story_of: std::collections::HashMap<&str, &str> = v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["id"].as_str().unwrap(), s["story"].as_str().unwrap()))
        .collect();
    let findings = v["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        let story = f["story"].as_str().unwrap();
        for e in f["evidence"].as_array().unwrap() {
            assert_eq!(story_of[e["source"].as_str().unwrap()], story, "{f}");
        }
    }
    // The fire's counts (12 against 14) are compared; the fire a year later is not.
    assert!(findings.iter().any(|f| f["story"] == "auto:ledger-fire"
        && f["kind"] == "numeric"
        && f["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["source"] != "times-fire-2034")));
}

#[test]
fn automatic_stories_shard_and_merge_like_keyed_ones() {
    let dir = TempDir::new().unwrap();
    let base = [
        "check",
        UNKEYED,
        "--stories",
        "auto",
        "--format",
        "json",
        "--fail-on",
        "never",
        "-q",
    ];
    let want = ok(factdiff().args(base));
    let mut parts = Vec::new();
    for k in 1..=3 {
        let p = dir.path().join(format!("auto-{k}.json"));
        ok(factdiff()
            .args(base)
            .args(["--shard", &format!("{k}/3"), "-o"])
            .arg(&p));
        parts.push(p);
    }
    let out = merge(&[&parts[2], &parts[0], &parts[1]]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout == want);
}
