//! End-to-end: the binary on the seeds and on every kind of bad input.

mod common;
use common::{factdiff, write_bytes};
use predicates::prelude::*;
use std::fs;
use std::time::Duration;
use tempfile::TempDir;

const ARTICLE: &str = "Officials said the bridge reopened on Monday. Traffic was light.\n";

#[test]
fn check_seeds_prints_a_table_naming_the_three_sources() {
    let out = factdiff()
        .args(["check", "seeds/", "--fail-on", "never"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    for id in [
        "000_f4a705adeddd930e",
        "001_e5c14ea24a0863ac",
        "002_d89c4cc18a5773fb",
    ] {
        assert!(s.contains(id), "{id} missing from:\n{s}");
    }
    assert!(s.contains("3 sources"), "{s}");
}

#[test]
fn check_seeds_json_follows_the_contract() {
    let out = factdiff()
        .args(["check", "seeds/", "--format", "json", "--fail-on", "never"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], 1);
    let ids: Vec<&str> = v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "000_f4a705adeddd930e",
            "001_e5c14ea24a0863ac",
            "002_d89c4cc18a5773fb"
        ]
    );
    assert!(v["entities"].is_array());
    assert!(v["findings"].is_array());
}

#[test]
fn argument_order_does_not_change_the_report() {
    let a = factdiff()
        .args([
            "check",
            "--format",
            "json",
            "seeds/002_d89c4cc18a5773fb.txt",
            "seeds/000_f4a705adeddd930e.txt",
            "seeds/001_e5c14ea24a0863ac.txt",
        ])
        .output()
        .unwrap();
    let b = factdiff()
        .args([
            "check",
            "--format",
            "json",
            "seeds/001_e5c14ea24a0863ac.txt",
            "seeds/000_f4a705adeddd930e.txt",
            "seeds/002_d89c4cc18a5773fb.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(a.stdout, b.stdout);
    assert!(!a.stdout.is_empty());
}

#[test]
fn missing_path_exits_2_naming_it() {
    factdiff()
        .args(["check", "no/such/folder"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/folder"));
}

#[test]
fn folder_without_sources_exits_2() {
    let dir = TempDir::new().unwrap();
    write_bytes(dir.path(), "notes.csv", b"a,b\n");
    factdiff()
        .args(["check", dir.path().to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no readable sources"));
}

#[test]
fn empty_file_is_skipped_with_a_warning() {
    let dir = TempDir::new().unwrap();
    write_bytes(dir.path(), "empty.txt", b"");
    write_bytes(dir.path(), "a.txt", ARTICLE.as_bytes());
    factdiff()
        .args(["check", dir.path().to_str().unwrap()])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("empty.txt: empty file, skipped"))
        .stdout(predicate::str::contains("1 source,"));
}

#[test]
fn binary_file_is_skipped_with_a_warning() {
    let dir = TempDir::new().unwrap();
    write_bytes(dir.path(), "blob.txt", b"GIF89a\0\0\x01\x02");
    write_bytes(dir.path(), "a.txt", ARTICLE.as_bytes());
    factdiff()
        .args(["check", dir.path().to_str().unwrap()])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("blob.txt: binary file"));
}

#[test]
fn only_bad_files_is_an_input_error() {
    let dir = TempDir::new().unwrap();
    write_bytes(dir.path(), "empty.txt", b"   \n");
    factdiff()
        .args(["check", dir.path().to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("empty file")
                .and(predicate::str::contains("no readable sources")),
        );
}

#[test]
fn undeclared_latin1_is_read_as_windows_1252_with_a_warning_naming_the_byte() {
    let dir = TempDir::new().unwrap();
    let p = write_bytes(
        dir.path(),
        "latin1.txt",
        b"Officials in Caf\xe9 Town said so. Traffic was light.\n",
    );
    let out = factdiff()
        .args(["check", "--format", "json", &p])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "latin1.txt: not UTF-8 (byte 16) and no encoding declared; read as windows-1252"
        ),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sources"][0]["id"], "latin1");
}

#[test]
fn damaged_utf8_is_decoded_with_a_warning_naming_the_byte() {
    let dir = TempDir::new().unwrap();
    let p = write_bytes(
        dir.path(),
        "bad.txt",
        b"Officials in Z\xc3\xbcrich said \xff so.\n",
    );
    let out = factdiff()
        .args(["check", "--format", "json", &p])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("bad.txt: invalid UTF-8 at byte 26"), "{err}");
}

#[test]
fn a_source_file_is_never_modified() {
    let dir = TempDir::new().unwrap();
    let p = write_bytes(
        dir.path(),
        "a.md",
        b"---\ntitle: T\n---\n# Head\n\nSome **text** here.\n",
    );
    let before = fs::read(&p).unwrap();
    factdiff().args(["check", &p]).assert().code(0);
    assert_eq!(fs::read(&p).unwrap(), before);
}

#[test]
fn markdown_html_and_front_matter_are_read() {
    let dir = TempDir::new().unwrap();
    write_bytes(
        dir.path(),
        "a.md",
        b"---\ntitle: A title\noutlet: The Daily\n---\n# Head\n\nBody text.\n",
    );
    write_bytes(
        dir.path(),
        "b.html",
        b"<html><body><nav>Menu</nav><article><p>Body text.</p></article></body></html>",
    );
    let out = factdiff()
        .args(["check", "--format", "json", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sources"][0]["id"], "a");
    assert_eq!(v["sources"][0]["outlet"], "The Daily");
    assert_eq!(v["sources"][1]["id"], "b");
}

#[test]
fn usage_errors_exit_2() {
    // No path means the working directory (17 #12); an empty one has nothing to read.
    let empty = TempDir::new().unwrap();
    factdiff()
        .current_dir(empty.path())
        .args(["check"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no readable sources in ."));
    factdiff()
        .args(["check", "seeds/", "--format", "yaml"])
        .assert()
        .code(2);
}

#[test]
fn version_and_help_mention_exit_codes() {
    factdiff()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains("factdiff"));
    factdiff()
        .args(["check", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit codes"));
}

#[test]
fn a_100_mb_single_line_file_is_processed() {
    let dir = TempDir::new().unwrap();
    let sentence = "Officials said the road near the river was closed for repairs on Monday and reopened later. ";
    let n = 100 * 1024 * 1024 / sentence.len() + 1;
    let p = dir.path().join("huge.txt");
    fs::write(&p, sentence.repeat(n)).unwrap();
    // A longer limit than the shared two minutes: 100 MB on a loaded CI machine.
    let out = factdiff()
        .timeout(Duration::from_secs(300))
        .args(["check", "--format", "json", p.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sources"][0]["id"], "huge");
}

/// The README's example output is the output: its tables and summary line are what
/// `factdiff check seeds/` prints at 100 columns (17 #15: the entity count had gone
/// stale).
#[test]
fn readme_example_output_is_current() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme
        .find("$ factdiff check seeds/\nSources\n…\n")
        .unwrap();
    let block = &readme[start..];
    let block = &block[..block.find("```").unwrap()];
    let shown = block.split_once("…\n").unwrap().1;
    let out = factdiff()
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .args(["check", "seeds/"])
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    let printed = &out[out.find("Findings: spelling").unwrap()..];
    assert_eq!(shown, printed);
}
