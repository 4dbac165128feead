//! End-to-end: output formats, exit codes, baselines, suppressions, new-file mode,
//! config discovery and rule-file errors — what CI and editors rely on.

mod common;
use common::factdiff;
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const STORY: &str = "tests/fixtures/workflow";

/// A copy of the workflow story in a fresh folder (tests that write files or need a
/// config of their own must not touch the repository).
fn story_copy() -> TempDir {
    let dir = TempDir::new().unwrap();
    for f in ["a.md", "b.txt"] {
        fs::copy(Path::new(STORY).join(f), dir.path().join(f)).unwrap();
    }
    dir
}

fn stdout(args: &[&str]) -> (Option<i32>, String) {
    let out = factdiff().args(args).output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn default_run_fails_on_the_style_book_error() {
    let (code, out) = stdout(&["check", STORY]);
    assert_eq!(code, Some(1));
    assert!(out.contains("Findings: spelling"), "{out}");
    assert!(out.contains("Kiev"), "{out}");
    assert!(out.contains("1 error"), "{out}");
}

#[test]
fn fail_on_controls_the_exit_code() {
    assert_eq!(stdout(&["check", STORY, "--fail-on", "never"]).0, Some(0));
    assert_eq!(stdout(&["check", STORY, "--fail-on", "warning"]).0, Some(1));
    assert_eq!(stdout(&["check", STORY, "--fail-on", "bogus"]).0, Some(2));
}

#[test]
fn json_and_jsonl() {
    let (_, out) = stdout(&["check", STORY, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], 1);
    let f = &v["findings"][0];
    assert_eq!(f["kind"], "spelling");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["evidence"][1]["text"], "Kiev");
    assert_eq!(f["evidence"][1]["line"], 3);
    let (_, out) = stdout(&["check", STORY, "--format", "jsonl"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), v["findings"].as_array().unwrap().len());
    for l in lines {
        let f: serde_json::Value = serde_json::from_str(l).unwrap();
        assert!(f["rule"].is_string());
    }
}

#[test]
fn csv_has_a_header_and_a_row_per_evidence() {
    let (_, out) = stdout(&["check", STORY, "--format", "csv"]);
    let mut lines = out.lines();
    assert_eq!(
        lines.next().unwrap(),
        "finding,rule,kind,severity,subject,message,source,path,line,column,text,context"
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 2);
    assert!(
        rows[1].contains(",b,tests/fixtures/workflow/b.txt,3,14,Kiev,"),
        "{}",
        rows[1]
    );
}

#[test]
fn markdown_for_pull_requests() {
    let (_, out) = stdout(&["check", STORY, "--format", "markdown"]);
    assert!(out.starts_with("## factdiff report\n"), "{out}");
    assert!(
        out.contains("| severity | subject | message | evidence |"),
        "{out}"
    );
    assert!(out.contains("“Kiev”"), "{out}");
}

#[test]
fn github_annotations_land_on_the_rejected_form() {
    // The style book prefers "Kyiv": the annotation goes on "Kiev", where the fix is;
    // the other place is named in the message (17 #2).
    let (_, out) = stdout(&["check", STORY, "--format", "github"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(lines[0].starts_with("::error file=tests/fixtures/workflow/b.txt,line=3,col=14,endLine=3,endColumn=18,title=factdiff spelling-variant"), "{}", lines[0]);
    assert!(
        lines[0].ends_with("; elsewhere: tests/fixtures/workflow/a.md:8:14 “Kyiv”"),
        "{}",
        lines[0]
    );
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let (_, out) = stdout(&["check", STORY, "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    // The result is located on the rejected form; the preferred one is related.
    let result = &sarif["runs"][0]["results"][0];
    let uri = |l: &serde_json::Value| {
        l["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let locations = result["locations"].as_array().unwrap();
    assert_eq!(
        locations.iter().map(uri).collect::<Vec<_>>(),
        ["tests/fixtures/workflow/b.txt"]
    );
    let related = result["relatedLocations"].as_array().unwrap();
    assert_eq!(
        related.iter().map(uri).collect::<Vec<_>>(),
        ["tests/fixtures/workflow/a.md"]
    );
    let Some(schema_path) = std::env::var_os("FACTDIFF_SARIF_SCHEMA") else {
        eprintln!("SKIPPED: schema validation (set FACTDIFF_SARIF_SCHEMA to the SARIF 2.1.0 schema; .ci/run does)");
        return;
    };
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn output_file_is_written_and_stdout_stays_empty() {
    let dir = TempDir::new().unwrap();
    let report = dir.path().join("report.json");
    let out = factdiff()
        .args(["check", STORY, "--format", "json", "-o"])
        .arg(&report)
        .output()
        .unwrap();
    assert!(out.stdout.is_empty());
    let v: serde_json::Value = serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(v["version"], 1);
    // No temporary file is left behind.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn baseline_hides_known_findings_and_shows_new_ones() {
    let dir = story_copy();
    let base = dir.path().join("baseline.txt");
    let p = dir.path().to_str().unwrap();
    factdiff()
        .args(["check", p, "--write-baseline"])
        .arg(&base)
        .assert()
        // Recording the findings is what was asked: exit 0 (17 #10).
        .code(0);
    let text = fs::read_to_string(&base).unwrap();
    assert!(
        text.lines().any(|l| l.starts_with("spelling-variant-")),
        "{text}"
    );
    // Same sources: nothing new.
    factdiff()
        .args(["check", p, "--baseline"])
        .arg(&base)
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("0 findings")
                .and(predicate::str::contains("1 in the baseline")),
        );
    // A new source with a new variant: only the new finding is reported.
    fs::write(
        dir.path().join("c.txt"),
        "Officials in Odessa said on Monday that the port had reopened.\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("d.txt"),
        "Officials in Odesa said on Monday that the port had reopened.\n",
    )
    .unwrap();
    let out = factdiff()
        .args(["check", p, "--format", "json", "--baseline"])
        .arg(&base)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let subjects: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["subject"].as_str().unwrap())
        .collect();
    assert_eq!(subjects, ["Odesa"]);
}

#[test]
fn stale_baseline_entries_are_named() {
    let dir = TempDir::new().unwrap();
    let base = dir.path().join("b.txt");
    fs::write(
        &base,
        "# factdiff baseline v1\nnumeric-mismatch-0000000000  # gone\n",
    )
    .unwrap();
    factdiff()
        .args(["check", STORY, "--fail-on", "never", "--baseline"])
        .arg(&base)
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "1 baseline entries no longer occur: numeric-mismatch-0000000000",
        ));
}

#[test]
fn front_matter_suppression() {
    let dir = story_copy();
    let a = dir.path().join("a.md");
    let text = fs::read_to_string(&a).unwrap().replacen(
        "---\n",
        "---\nfactdiff:\n  ignore: [spelling-variant]\n",
        1,
    );
    fs::write(&a, text).unwrap();
    factdiff()
        .args(["check", dir.path().to_str().unwrap()])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("0 findings").and(predicate::str::contains("1 suppressed")),
        );
}

#[test]
fn comment_suppression_in_markdown() {
    let dir = story_copy();
    let a = dir.path().join("a.md");
    let mut text = fs::read_to_string(&a).unwrap();
    text.push_str("\n<!-- factdiff-ignore spelling-variant -->\n");
    fs::write(&a, text).unwrap();
    factdiff()
        .args(["check", dir.path().to_str().unwrap()])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1 suppressed"));
}

#[test]
fn config_ignore_entry_suppresses() {
    let dir = story_copy();
    fs::write(
        dir.path().join("factdiff.yaml"),
        "ignore:\n  - rules: [spelling-variant]\n    entities: [Kyiv]\n",
    )
    .unwrap();
    factdiff()
        .current_dir(dir.path())
        .args(["check", "."])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1 suppressed"));
}

#[test]
fn changed_mode_reports_only_findings_that_involve_the_changed_file() {
    let dir = story_copy();
    fs::write(
        dir.path().join("c.txt"),
        "Officials in Odessa said on Monday that the port had reopened.\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("d.txt"),
        "Officials in Odesa said on Monday that the port had reopened.\n",
    )
    .unwrap();
    let p = dir.path();
    let out = factdiff()
        .args(["check", "--format", "json", "--changed"])
        .arg(p.join("d.txt"))
        .arg("--against")
        .arg(p)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let subjects: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["subject"].as_str().unwrap())
        .collect();
    assert_eq!(subjects, ["Odesa"]);
    // The same, with the changed paths on standard input.
    let out = factdiff()
        .args([
            "check",
            "--format",
            "json",
            "--changed-from",
            "-",
            "--against",
        ])
        .arg(p)
        .write_stdin(format!("{}\n", p.join("a.md").display()))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let subjects: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["subject"].as_str().unwrap())
        .collect();
    assert_eq!(subjects, ["Kyiv"]);
}

#[test]
fn config_is_discovered_upward() {
    let dir = story_copy();
    fs::write(
        dir.path().join("factdiff.yaml"),
        "fail_on: never\nformat: json\n",
    )
    .unwrap();
    let sub = dir.path().join("sub");
    fs::create_dir(&sub).unwrap();
    let out = factdiff()
        .current_dir(&sub)
        .args(["check", ".."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], 1);
}

#[test]
fn unknown_config_key_is_an_error_with_line_and_column() {
    let dir = story_copy();
    fs::write(
        dir.path().join("factdiff.yaml"),
        "fail_on: never\nfromat: json\n",
    )
    .unwrap();
    factdiff()
        .current_dir(dir.path())
        .args(["check", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "factdiff.yaml:2:1: unknown field `fromat`",
        ));
}

#[test]
fn init_writes_a_valid_starter_config() {
    let dir = TempDir::new().unwrap();
    factdiff()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .success();
    assert!(dir.path().join("factdiff.yaml").is_file());
    factdiff()
        .current_dir(dir.path())
        .args(["rules", "check", "factdiff-rules"])
        .assert()
        .success();
    // A second init refuses to overwrite.
    factdiff()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(2);
    fs::write(
        dir.path().join("a.txt"),
        "Officials said the road reopened on Monday.\n",
    )
    .unwrap();
    factdiff()
        .current_dir(dir.path())
        .args(["check", "a.txt"])
        .assert()
        .code(0);
}

fn bad_rules(name: &str) -> PathBuf {
    Path::new("tests/fixtures/rules-bad").join(name)
}

#[test]
fn broken_rule_files_give_precise_errors() {
    let cases = [
        ("syntax", "rules.yaml:2:9:"),
        (
            "unknown-key",
            "rules.yaml:3:3: unknown field `tolerence`, expected one of",
        ),
        ("wrong-type", "rules.yaml:3:18:"),
        ("bad-regex", "rules.yaml:3:13: invalid regex"),
        ("huge-regex", "exceeds size limit"),
        (
            "other-kind-key",
            "key `error_ratio` is not allowed in a rule of kind `spelling`; allowed keys: id, kind",
        ),
    ];
    for (dir, want) in cases {
        factdiff()
            .args(["rules", "check"])
            .arg(bad_rules(dir))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(want));
        // The same file given to `check` stops the run too.
        factdiff()
            .args(["check", STORY, "--rules"])
            .arg(bad_rules(dir))
            .assert()
            .code(2);
    }
}

#[test]
fn rules_list_shows_origins_and_user_rules() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("house.yaml"),
        "- id: house-casualties\n  kind: numeric\n  message: m\n  severity: error\n  match: { verbs: [kill] }\n",
    )
    .unwrap();
    factdiff()
        .args(["rules", "list", "--rules"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(
            predicate::str::contains("builtin:rules/numeric.yaml")
                .and(predicate::str::contains("house-casualties"))
                .and(predicate::str::contains("house.yaml")),
        );
    factdiff()
        .args(["rules", "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("shipped rules"));
}

/// A baseline names disagreements, not the sources that cite them: a third source that
/// repeats one of the values keeps the accepted finding baselined (17 #3).
#[test]
fn baseline_survives_a_third_source_repeating_a_value() {
    let dir = TempDir::new().unwrap();
    let p = dir.path();
    fs::write(
        p.join("a.txt"),
        "Police said 12 people were hurt in the crash.\n",
    )
    .unwrap();
    fs::write(
        p.join("b.txt"),
        "Police said 15 people were hurt in the crash.\n",
    )
    .unwrap();
    let base = p.join("baseline.txt");
    factdiff()
        .args(["check", "--write-baseline"])
        .arg(&base)
        .arg(p.join("a.txt"))
        .arg(p.join("b.txt"))
        .assert()
        .code(0);
    assert!(fs::read_to_string(&base)
        .unwrap()
        .contains("casualty-count-"));
    fs::write(
        p.join("c.txt"),
        "Police said 12 people were hurt in the crash.\n",
    )
    .unwrap();
    factdiff()
        .args(["check", "--format", "json", "--baseline"])
        .arg(&base)
        .arg(p.join("a.txt"))
        .arg(p.join("b.txt"))
        .arg(p.join("c.txt"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"baselined\": 1"));
}

/// `ignore.sources` globs are relative to the config file's folder, however the path is
/// typed and wherever factdiff runs; ignoring a source drops its evidence, not a
/// finding the other sources still share (17 #4).
#[test]
fn config_ignore_sources_are_relative_to_the_config_and_drop_evidence() {
    let dir = TempDir::new().unwrap();
    let p = dir.path();
    fs::create_dir(p.join("stories")).unwrap();
    fs::write(
        p.join("factdiff.yaml"),
        "ignore:\n  - sources: [\"stories/wire*\"]\n",
    )
    .unwrap();
    let say = |n: u32| format!("Police said {n} people were hurt in the crash.\n");
    fs::write(p.join("stories/a.txt"), say(12)).unwrap();
    fs::write(p.join("stories/b.txt"), say(12)).unwrap();
    fs::write(p.join("stories/wire.txt"), say(40)).unwrap();
    let findings = |cwd: &Path, args: &[&str]| -> usize {
        let out = factdiff()
            .current_dir(cwd)
            .args(["check", "--format", "json", "--fail-on", "never"])
            .args(args)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["findings"].as_array().unwrap().len()
    };
    // Only the ignored source disagrees: nothing is left, however it is typed.
    let abs = p.join("stories").display().to_string();
    assert_eq!(findings(p, &["stories/"]), 0);
    assert_eq!(findings(p, &["./stories/"]), 0);
    assert_eq!(findings(p, &[abs.as_str()]), 0);
    assert_eq!(findings(&p.join("stories"), &["."]), 0);
    // Two other sources still disagree: the finding stays, without the ignored source.
    fs::write(p.join("stories/b.txt"), say(30)).unwrap();
    let out = factdiff()
        .current_dir(p)
        .args([
            "check",
            "--format",
            "json",
            "--fail-on",
            "never",
            "./stories/",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &v["findings"].as_array().unwrap();
    assert_eq!(f.len(), 1, "{v}");
    let cited: Vec<&str> = f[0]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["source"].as_str().unwrap())
        .collect();
    assert_eq!(cited, ["a", "b"]);
}

/// CI annotations land on the form that differs, in the changed sources only; the other
/// places are named in the message (GitHub) or are related locations (SARIF) (17 #2).
#[test]
fn annotations_land_on_the_differing_form_in_changed_files() {
    let dir = TempDir::new().unwrap();
    let p = dir.path();
    let say =
        |city: &str| format!("Officials in {city} said on Monday that the bridge had reopened.\n");
    fs::write(p.join("a.txt"), say("Kyiv")).unwrap();
    fs::write(p.join("b.txt"), say("Kyiv")).unwrap();
    fs::write(p.join("c.txt"), say("Kiev")).unwrap();
    let run = |args: &[&str]| -> String {
        let out = factdiff()
            .current_dir(p)
            .args(["check", "--fail-on", "never"])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    // The whole folder: one annotation, on the style book's rejected form.
    let gh = run(&["--format", "github", "."]);
    let lines: Vec<&str> = gh.lines().collect();
    assert_eq!(lines.len(), 1, "{gh}");
    assert!(lines[0].contains("file=./c.txt"), "{gh}");
    assert!(lines[0].contains("elsewhere: ./a.txt:1:14 “Kyiv”"), "{gh}");
    // New-file mode on a source that writes the right form: annotated there only.
    let gh = run(&["--format", "github", "--changed", "a.txt", "--against", "."]);
    assert!(
        !gh.is_empty() && gh.lines().all(|l| l.contains("file=./a.txt")),
        "{gh}"
    );
    // SARIF: the changed file's place first, the others related.
    let sarif = run(&["--format", "sarif", "--changed", "c.txt", "--against", "."]);
    let v: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let result = &v["runs"][0]["results"][0];
    let uri = |l: &serde_json::Value| {
        l["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let locations: Vec<String> = result["locations"]
        .as_array()
        .unwrap()
        .iter()
        .map(uri)
        .collect();
    assert_eq!(locations, ["./c.txt"]);
    assert_eq!(result["relatedLocations"].as_array().unwrap().len(), 2);
}

/// `--stdin-filename` names what `-` stands for: its id, its path in the report and,
/// by its extension, how it is read (Markdown here: the heading is not text) (17 #12).
#[test]
fn stdin_filename_gives_standard_input_an_id_a_path_and_a_format() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("a.txt"),
        "Police said 12 people were hurt in the crash at Velmora.\n",
    )
    .unwrap();
    let out = factdiff()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "desk/late.md",
            "a.txt",
            "-",
        ])
        .write_stdin(
            "# Crash at Velmora\n\nPolice said 15 people were hurt in the crash at Velmora.\n",
        )
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut sources: Vec<(&str, &str)> = report["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["id"].as_str().unwrap(), s["path"].as_str().unwrap()))
        .collect();
    sources.sort();
    assert_eq!(sources, [("a", "a.txt"), ("late", "desk/late.md")]);
    let f = &report["findings"][0];
    assert_eq!(f["kind"], "numeric", "{report}");
    let late = f["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["source"] == "late")
        .expect("standard input is cited as `late`");
    assert_eq!(
        late["line"].as_u64(),
        Some(3),
        "the heading's lines count: {late}"
    );
    // Without the flag, standard input is plain text under the id `-`'s stand-in.
    let out = factdiff()
        .current_dir(dir.path())
        .args(["text", "--stdin-filename", "desk/late.md", "-"])
        .write_stdin("# Crash at Velmora\n\nPolice said so.\n")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('#'), "Markdown markup is not text: {text:?}");
}

/// Sixty sources in three stories: enough for the progress bar.
fn many_stories() -> TempDir {
    let dir = TempDir::new().unwrap();
    for s in 0..3 {
        let story = dir.path().join(format!("story{s}"));
        fs::create_dir(&story).unwrap();
        for i in 0..20 {
            fs::write(
                story.join(format!("s{i}.txt")),
                format!(
                    "Police said {} people were hurt in Velmora on Monday.\n",
                    10 + i % 2
                ),
            )
            .unwrap();
        }
    }
    dir
}

/// The progress bar never reaches redirected output: stderr here is a pipe, so it holds
/// the warnings and notes only, whatever the run's size (17 #12).
#[test]
fn no_progress_bar_in_redirected_output() {
    let dir = many_stories();
    let out = factdiff()
        .current_dir(dir.path())
        .args(["check", "--story-per-dir", "--fail-on", "never", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("left") && !err.contains('\r'), "{err:?}");
}

/// On a terminal (a pseudo-terminal from `script`), a run of many stories shows the
/// bar with the count of sources done; `-q` hides it. The terminal is named in `TERM`
/// as a real one is: with `TERM` unset or `dumb` (as under a CI runner) the bar's
/// library draws nothing, which `bar_hidden_on_a_dumb_terminal` holds to.
#[test]
fn progress_bar_on_a_terminal_counts_sources() {
    if !has_script() {
        return;
    }
    let shown = on_a_terminal("xterm", "");
    assert!(shown.contains("/60 sources"), "{shown:?}");
    let quiet = on_a_terminal("xterm", "-q");
    assert!(!quiet.contains("sources,"), "{quiet:?}");
}

/// A terminal that says it cannot move the cursor (`TERM=dumb`) gets no bar and no
/// stray carriage returns: the run's stderr there is what a pipe would get.
#[test]
fn bar_hidden_on_a_dumb_terminal() {
    if !has_script() {
        return;
    }
    let shown = on_a_terminal("dumb", "");
    assert!(!shown.contains("sources,"), "{shown:?}");
}

/// Whether `script` (util-linux) is here to give factdiff a pseudo-terminal; says so
/// when it is not, for the tests that need one.
fn has_script() -> bool {
    let here = std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_ok();
    if !here {
        eprintln!("skipped: no `script` to give factdiff a terminal");
    }
    here
}

/// Runs `check` on sixty sources in three stories under `script`, with `TERM` set to
/// `term`, and returns what the terminal showed. The typescript is kept outside the
/// folder checked, so that it is not read as a source.
fn on_a_terminal(term: &str, extra: &str) -> String {
    let dir = many_stories();
    let screen = TempDir::new().unwrap();
    let typescript = screen.path().join("typescript.txt");
    let bin = assert_cmd::cargo::cargo_bin("factdiff");
    let cmd = format!(
        "{} check --story-per-dir --fail-on never --format json {extra} . >{}",
        bin.display(),
        screen.path().join("report.json").display()
    );
    let out = std::process::Command::new("script")
        .args(["-qec", &cmd])
        .arg(&typescript)
        .current_dir(dir.path())
        .env("COLUMNS", "100")
        .env("TERM", term)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let shown = fs::read_to_string(&typescript).unwrap();
    assert!(!shown.contains("warning"), "{shown:?}");
    shown
}

/// `check --diff` prints the style book's rewrites as a patch and touches no file;
/// `git apply` takes the patch as printed, after which the style-book error is gone
/// (17 #12: the safe form of typos' `-w`).
#[test]
fn style_book_diff_applies_with_git_and_writes_nothing() {
    let dir = TempDir::new().unwrap();
    let p = dir.path();
    let case = Path::new("tests/cmd/stylebook.in");
    fs::create_dir(p.join("house")).unwrap();
    for f in ["a.md", "b.md", "house/desk.yaml"] {
        fs::copy(case.join(f), p.join(f)).unwrap();
    }
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(p)
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {out:?}");
    };
    git(&["init", "-q"]);
    let before = fs::read(p.join("b.md")).unwrap();
    let out = factdiff()
        .current_dir(p)
        .args(["check", "--rules", "house", "--diff", "a.md", "b.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        fs::read(p.join("b.md")).unwrap(),
        before,
        "no source is written"
    );
    let patch = String::from_utf8(out.stdout).unwrap();
    assert!(patch.starts_with("--- a/b.md\n+++ b/b.md\n"), "{patch}");
    fs::write(p.join("fix.patch"), &patch).unwrap();
    git(&["apply", "fix.patch"]);
    fs::remove_file(p.join("fix.patch")).unwrap();
    assert!(fs::read_to_string(p.join("b.md"))
        .unwrap()
        .contains("to Tarnowice on"));
    factdiff()
        .current_dir(p)
        .args(["check", "--rules", "house", "a.md", "b.md"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("No disagreements"));
}

/// With `NO_COLOR=1` the table still fits the terminal: on an 80-column pseudo-terminal
/// no line is wider than 80 (17 #9: it ignored the width without colour).
#[test]
fn tables_fit_an_80_column_terminal_without_colour() {
    if !has_script() {
        return;
    }
    let dir = TempDir::new().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("factdiff");
    let seeds = std::fs::canonicalize("seeds").unwrap();
    let cmd = format!(
        "stty cols 80 rows 40; {} check --fail-on never {}",
        bin.display(),
        seeds.display()
    );
    let out = std::process::Command::new("script")
        .args(["-qec", &cmd, "typescript.txt"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let shown = fs::read_to_string(dir.path().join("typescript.txt")).unwrap();
    assert!(shown.contains("Findings: spelling"), "{shown}");
    // `script` writes a header and a footer line of its own into the file.
    let widest = shown
        .lines()
        .filter(|l| !l.starts_with("Script started") && !l.starts_with("Script done"))
        .map(|l| l.trim_end_matches('\r').chars().count())
        .max()
        .unwrap();
    assert!(widest <= 80, "a line of {widest} columns:\n{shown}");
}
