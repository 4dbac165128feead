//! Safety (issue 18): factdiff never writes over what it read, never writes where a
//! planted link points, never leaks a file it was wrongly handed, and never goes
//! quadratic or quiet. Each test failed before its fix.

use std::fs;
use std::path::Path;
use std::time::Duration;
use tempfile::TempDir;

const A: &str = "Officials said 12 people were injured in the fire on Monday.\n";
const B: &str = "Officials said 15 people were injured in the fire on Monday.\n";

mod common;
use common::{factdiff, is_root, stderr, write};

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

// ---- 18.1: never write over an input source ----

#[test]
fn output_onto_a_named_source_is_refused() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", A);
    let b = write(dir.path(), "b.txt", B);
    for flag in ["-o", "--write-baseline"] {
        let out = factdiff()
            .args(["check", &a, &b, flag, &a])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{flag}: {}", stderr(&out));
        assert!(stderr(&out).contains("refusing to write over an input"));
        assert_eq!(
            fs::read_to_string(&a).unwrap(),
            A,
            "{flag} overwrote a source"
        );
    }
}

#[test]
fn output_onto_a_source_found_in_a_folder_is_refused() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", A);
    write(dir.path(), "b.txt", B);
    for cmd in ["check", "names", "claims", "quotes"] {
        let out = factdiff()
            .args([cmd, dir.path().to_str().unwrap(), "-o", &a])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{cmd}: {}", stderr(&out));
        assert_eq!(
            fs::read_to_string(&a).unwrap(),
            A,
            "{cmd} overwrote a source"
        );
    }
}

#[cfg(unix)]
#[test]
fn output_that_resolves_to_a_source_is_refused() {
    let dir = TempDir::new().unwrap();
    let src = dir.path().join("src");
    fs::create_dir(&src).unwrap();
    let a = write(&src, "a.txt", A);
    write(&src, "b.txt", B);
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&a, &link).unwrap();
    let hard = dir.path().join("hard.txt");
    fs::hard_link(&a, &hard).unwrap();
    let dotted = src.join("..").join("src").join("a.txt");
    for target in [&link, &hard, &dotted] {
        for flag in ["-o", "--write-baseline"] {
            let out = factdiff()
                .args(["check", src.to_str().unwrap(), flag])
                .arg(target)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{target:?}: {}", stderr(&out));
            assert_eq!(fs::read_to_string(&a).unwrap(), A);
        }
    }
}

#[test]
fn output_onto_the_config_or_the_baseline_being_read_is_refused() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", A);
    let b = write(dir.path(), "b.txt", B);
    let cfg = write(dir.path(), "factdiff.yaml", "fail_on: never\n");
    let out = factdiff()
        .args(["check", &a, &b, "--config", &cfg, "-o", &cfg])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&cfg).unwrap(), "fail_on: never\n");

    let base = dir.path().join("known.baseline");
    factdiff()
        .args(["check", &a, &b, "--write-baseline"])
        .arg(&base)
        .assert()
        .success();
    let before = fs::read_to_string(&base).unwrap();
    let out = factdiff()
        .args(["check", &a, &b, "--baseline"])
        .arg(&base)
        .arg("-o")
        .arg(&base)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&base).unwrap(), before);
    // Rewriting the baseline being read is what --write-baseline is for.
    factdiff()
        .args(["check", &a, &b, "--baseline"])
        .arg(&base)
        .arg("--write-baseline")
        .arg(&base)
        .assert()
        .code(0);
}

// ---- 18.2: the temporary file has a random name and is created exclusively ----

#[cfg(target_os = "linux")]
#[test]
fn a_link_planted_at_the_temporary_name_is_not_followed() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", A);
    let b = write(dir.path(), "b.txt", B);
    let out_dir = dir.path().join("out");
    fs::create_dir(&out_dir).unwrap();
    let victim = write(dir.path(), "victim.txt", "keep me\n");
    // The old name was `.NAME.PID.tmp`: plant a link for every PID the run may get.
    let next: u32 = fs::read_to_string("/proc/sys/kernel/ns_last_pid")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(1);
    for pid in next..next + 3000 {
        let _ = std::os::unix::fs::symlink(&victim, out_dir.join(format!(".r.json.{pid}.tmp")));
    }
    factdiff()
        .args(["check", &a, &b, "--format", "json", "-o"])
        .arg(out_dir.join("r.json"))
        .assert()
        .success();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me\n");
    assert!(fs::read_to_string(out_dir.join("r.json"))
        .unwrap()
        .contains("\"findings\""));
}

// ---- 18.3: write through what is not a regular file; keep the mode ----

#[cfg(unix)]
#[test]
fn a_fifo_is_written_through_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", A);
    let b = write(dir.path(), "b.txt", B);
    let fifo = dir.path().join("pipe");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    factdiff()
        .args(["check", &a, &b, "--format", "json", "-o"])
        .arg(&fifo)
        .assert()
        .success();
    let got = reader.join().unwrap();
    assert!(got.contains("\"findings\""), "{got}");
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}

#[cfg(target_os = "linux")]
#[test]
fn a_character_device_is_written_through_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    if !is_root() {
        eprintln!("skipped: mknod needs root");
        return;
    }
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", A);
    let b = write(dir.path(), "b.txt", B);
    // A private node of /dev/null's kind (1, 3): the real one is never at risk.
    let null = dir.path().join("null");
    assert!(std::process::Command::new("mknod")
        .arg(&null)
        .args(["c", "1", "3"])
        .status()
        .unwrap()
        .success());
    factdiff()
        .args(["check", &a, &b, "-o"])
        .arg(&null)
        .assert()
        .success();
    assert!(fs::symlink_metadata(&null)
        .unwrap()
        .file_type()
        .is_char_device());
    assert_eq!(names(dir.path()), ["a.txt", "b.txt", "null"]);
}

#[cfg(unix)]
#[test]
fn a_symlink_target_is_written_and_the_link_kept() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", A);
    let b = write(dir.path(), "b.txt", B);
    let reports = dir.path().join("reports");
    fs::create_dir(&reports).unwrap();
    let real = write(&reports, "latest.json", "old\n");
    let link = dir.path().join("report.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    factdiff()
        .args(["check", &a, &b, "--format", "json", "-o"])
        .arg(&link)
        .assert()
        .success();
    assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(fs::read_to_string(&real).unwrap().contains("\"findings\""));
    assert_eq!(names(&reports), ["latest.json"]);
}

#[cfg(unix)]
#[test]
fn an_existing_file_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", A);
    let b = write(dir.path(), "b.txt", B);
    for (flag, name) in [("-o", "report.txt"), ("--write-baseline", "known.baseline")] {
        let target = dir.path().join(name);
        fs::write(&target, "old\n").unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
        factdiff()
            .args(["check", &a, &b, flag])
            .arg(&target)
            .assert()
            .success();
        let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o640, "{flag}");
        assert_ne!(fs::read_to_string(&target).unwrap(), "old\n");
    }
}

// ---- 18.4: no temporary file left on a signal or an error ----

#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_leaves_no_temporary_file() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", A);
    let b = write(dir.path(), "b.txt", B);
    let out_dir = dir.path().join("out");
    fs::create_dir(&out_dir).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("factdiff");
    // A file-size limit of one block makes the write fail (EFBIG, SIGXFSZ ignored).
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -f 1; trap "" XFSZ; exec "$0" check "$1" "$2" --format json -o "$3""#)
        .arg(&bin)
        .arg(&a)
        .arg(&b)
        .arg(out_dir.join("r.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(names(&out_dir).is_empty(), "{:?}", names(&out_dir));
}

/// Runs `check -o` with the temporary file held before its rename, sends `signal` once
/// the temporary file exists, and returns the exit status and what the folder holds.
#[cfg(unix)]
fn signalled_mid_write(signal: &str) -> (Option<i32>, Vec<String>) {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", A);
    let b = write(dir.path(), "b.txt", B);
    let out_dir = dir.path().join("out");
    fs::create_dir(&out_dir).unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("factdiff"))
        .args(["check", &a, &b, "--format", "json", "-o"])
        .arg(out_dir.join("r.json"))
        .env("FACTDIFF_TEST_HOLD_WRITE_MS", "60000")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while !names(&out_dir).iter().any(|n| n.ends_with(".tmp")) {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no temporary file appeared"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let sent = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let status = child.wait().unwrap();
    (status.code(), names(&out_dir))
}

#[cfg(unix)]
#[test]
fn a_signal_mid_write_removes_the_temporary_file() {
    for signal in ["INT", "TERM", "HUP"] {
        let (code, left) = signalled_mid_write(signal);
        assert_eq!(code, Some(130), "SIG{signal}");
        assert!(left.is_empty(), "SIG{signal} left {left:?}");
    }
}

// ---- 18.5: one run, two outputs, one file ----

#[test]
fn report_and_baseline_onto_one_file_is_refused() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", A);
    let b = write(dir.path(), "b.txt", B);
    let x = dir.path().join("x.out");
    let out = factdiff()
        .args(["check", &a, &b, "-o"])
        .arg(&x)
        .arg("--write-baseline")
        .arg(&x)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("the same file"), "{}", stderr(&out));
    assert!(!x.exists());
    // Also through another spelling of the same path.
    let other = dir.path().join(".").join("x.out");
    let out = factdiff()
        .args(["check", &a, &b, "-o"])
        .arg(&x)
        .arg("--write-baseline")
        .arg(&other)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

// ---- 18.11: a file that is not a baseline is refused without being quoted ----

#[test]
fn a_file_that_is_not_a_baseline_is_refused_unquoted() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", A);
    let b = write(dir.path(), "b.txt", B);
    let key = write(
        dir.path(),
        "id_key",
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nroot:x:0:0:root:/root:/bin/sh\n",
    );
    let out = factdiff()
        .args(["check", &a, &b, "--baseline", &key])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("not a factdiff baseline"), "{err}");
    for secret in ["MIIE", "PRIVATE", "root:x"] {
        assert!(!err.contains(secret), "{err}");
    }
    // A header does not let other lines through either.
    let half = write(
        dir.path(),
        "half",
        "# factdiff baseline v1\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC secret\n",
    );
    let out = factdiff()
        .args(["check", &a, &b, "--baseline", &half])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!stderr(&out).contains("MIIE"), "{}", stderr(&out));
}

#[test]
fn a_written_baseline_has_a_versioned_header_and_reads_back() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", A);
    let b = write(dir.path(), "b.txt", B);
    let base = dir.path().join("known");
    factdiff()
        .args(["check", &a, &b, "--write-baseline"])
        .arg(&base)
        .assert()
        .success();
    let text = fs::read_to_string(&base).unwrap();
    assert!(text.starts_with("# factdiff baseline v1\n"), "{text}");
    let out = factdiff()
        .args(["check", &a, &b, "--format", "json", "--baseline"])
        .arg(&base)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["baselined"], 1, "{}", stderr(&out));
}

#[test]
fn baseline_ids_on_stderr_are_sanitised_and_few() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", A);
    let b = write(dir.path(), "b.txt", B);
    let mut text = String::from("# factdiff baseline v1\n");
    for i in 0..50 {
        text.push_str(&format!("gone-{i:04}\n"));
    }
    let base = write(dir.path(), "known", &text);
    let out = factdiff()
        .args(["check", &a, &b, "--baseline", &base])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(err.contains("50 baseline entries no longer occur"), "{err}");
    assert!(err.contains("and 40 more"), "{err}");
    assert!(!err.contains("gone-0049"), "{err}");
}

// ---- 18.15: a closed stderr is not a panic ----

#[cfg(unix)]
#[test]
fn a_closed_stderr_is_not_a_panic() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", A);
    write(dir.path(), "b.txt", B);
    // A file the loader skips with a warning, so that there is something for stderr.
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    let bin = assert_cmd::cargo::cargo_bin("factdiff");
    for args in [
        vec!["check", dir.path().to_str().unwrap()],
        vec!["check", &a, "--baseline", "/nonexistent/baseline"],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let status = std::process::Command::new(&bin)
            .args(&args)
            .stdout(std::process::Stdio::null())
            .stderr(writer)
            .status()
            .unwrap();
        assert_ne!(status.code(), Some(101), "{args:?} panicked");
        assert!(matches!(status.code(), Some(0..=2)), "{args:?}: {status:?}");
    }
}

// ---- 18.19: size limits and a thread cap ----

#[test]
fn oversized_rule_config_and_baseline_files_are_refused_unread() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", A);
    let b = write(dir.path(), "b.txt", B);
    let sparse = |name: &str| {
        let p = dir.path().join(name);
        // Sparse: a length of 4 GiB, no disk.
        fs::File::create(&p).unwrap().set_len(4 << 30).unwrap();
        p.display().to_string()
    };
    let rules = dir.path().join("rules");
    fs::create_dir(&rules).unwrap();
    fs::File::create(rules.join("rules.yaml"))
        .unwrap()
        .set_len(4 << 30)
        .unwrap();
    let cfg = sparse("factdiff.yaml");
    let base = sparse("known.baseline");
    for extra in [
        vec!["--rules", rules.to_str().unwrap()],
        vec!["--config", &cfg],
        vec!["--baseline", &base],
    ] {
        let start = std::time::Instant::now();
        let out = factdiff()
            .args(["check", &a, &b])
            .args(&extra)
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {err}");
        assert!(err.contains("MiB limit"), "{extra:?}: {err}");
        assert!(start.elapsed() < Duration::from_secs(30), "{extra:?}");
    }
}

#[test]
fn threads_are_capped_with_a_clear_error() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", A);
    let out = factdiff()
        .args(["--threads", "65535", "check", &a])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("1..=256"), "{}", stderr(&out));
}

// ---- 18.7: identical quotations are never a paraphrase, however many ----

const QUOTED_AND_REPORTED: &str = "Cleanup Under Way in Greyford

Mayor Anna Kowel said on Tuesday that the town would rebuild.

\"Every family that lost a home will get temporary housing from the county by Friday,\" Kowel said.

Kowel said every family that lost a home would get temporary housing from the county by Friday.
";

fn quote_rules_fired(copies: usize) -> Vec<String> {
    use factdiff::load::{Document, Format};
    let docs = (0..copies)
        .map(|i| {
            let name = format!("copy{i:03}");
            Document::new(
                &name,
                &format!("{name}.txt"),
                QUOTED_AND_REPORTED.to_string(),
                Format::Text,
            )
            .0
        })
        .collect();
    let a = factdiff::analyze(docs, &factdiff::rules::RuleSet::builtin());
    a.findings.iter().map(|f| f.rule.clone()).collect()
}

#[test]
fn identical_articles_give_no_paraphrase_at_any_count() {
    // 64 copies was the bucket cap: above it every copy "paraphrased" every other.
    for copies in [2, 64, 65, 150] {
        let rules = quote_rules_fired(copies);
        assert!(
            rules.is_empty(),
            "{copies} copies: {} findings",
            rules.len()
        );
    }
}

// ---- 18.18: near-duplicate articles make one finding per disagreement ----

/// One invented story copied `copies` times with its numbers changed from copy to copy.
fn near_duplicates(copies: usize) -> factdiff::Analysis {
    use factdiff::load::{Document, Format};
    let docs = (0..copies)
        .map(|i| {
            let name = format!("copy{i:04}");
            let text = format!(
                "Firefighters said {} people were injured when a fire broke out at a \
                 warehouse in Dellmoor on Tuesday. Officials said {} families were moved \
                 to shelters.\n",
                10 + i % 4,
                30 + 10 * (i % 3)
            );
            Document::new(&name, &format!("{name}.txt"), text, Format::Text).0
        })
        .collect();
    factdiff::analyze(docs, &factdiff::rules::RuleSet::builtin())
}

#[test]
fn near_duplicate_articles_make_one_finding_per_disagreement() {
    // 500 such copies gave 457,839 findings (one per pair of copies) and SARIF ran
    // out of memory: one disagreement among N sources is one finding citing them all.
    for copies in [4, 250, 500] {
        let a = near_duplicates(copies);
        let numeric: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.kind == factdiff::vocab::FindingKind::Numeric)
            .collect();
        assert_eq!(
            numeric.len(),
            2,
            "{copies} copies: {} findings",
            a.findings.len()
        );
        assert!(
            a.findings.len() <= 4,
            "{copies} copies: {} findings",
            a.findings.len()
        );
        for f in &numeric {
            let cited: std::collections::BTreeSet<usize> =
                f.evidence.iter().map(|e| e.doc).collect();
            assert_eq!(
                cited.len(),
                copies,
                "{}: cites {} of {copies}",
                f.rule,
                cited.len()
            );
        }
    }
}

// ---- 18.12: terminal escapes from input never reach a terminal or a CI log ----

#[cfg(unix)]
#[test]
fn escape_sequences_from_file_names_and_text_are_sanitised() {
    let dir = TempDir::new().unwrap();
    let evil = "\u{1b}]0;owned\u{7}\u{1b}[2J";
    write(dir.path(), &format!("a{evil}.txt"), A);
    write(
        dir.path(),
        "b.txt",
        &format!("Officials said 15 people were injured in the fire on Monday.\n\"We will rebuild the{evil} hall by May,\" Mayor Ann Kowel said.\n"),
    );
    write(
        dir.path(),
        "c.txt",
        "Officials said 15 people were injured in the fire on Monday.\n\"We will rebuild the hall by June,\" Mayor Ann Kowel said.\n",
    );
    let d = dir.path().to_str().unwrap();
    let runs: Vec<Vec<&str>> = vec![
        vec!["check", d, "--color", "always"],
        vec!["check", d, "--format", "markdown"],
        vec!["check", d, "--format", "github"],
        vec!["check", d, "--format", "csv"],
        vec!["names", d],
        vec!["claims", d],
        vec!["quotes", d],
    ];
    for args in runs {
        let out = factdiff().args(&args).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        // Colour codes are ours (ESC [ … m); no other escape may get through.
        let stray = text
            .match_indices('\u{1b}')
            .any(|(i, _)| !text[i..].starts_with("\u{1b}[") || text[i..].starts_with("\u{1b}[2J"));
        assert!(!stray && !text.contains('\u{7}'), "{args:?}: {text}");
        assert!(!text.is_empty(), "{args:?}: {}", stderr(&out));
    }
}

// ---- 18.13: CSV cells are never formulas ----

#[test]
fn csv_cells_that_look_like_formulas_are_neutralised() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "=HYPERLINK(1).txt",
        "-12 people were injured in the fire, officials said.\n",
    );
    write(
        dir.path(),
        "@b.txt",
        "-15 people were injured in the fire, officials said.\n",
    );
    write(
        dir.path(),
        "+c.txt",
        "Officials said 12 people were injured in the fire.\n",
    );
    write(
        dir.path(),
        "d.txt",
        "Officials said 15 people were injured in the fire.\n",
    );
    let out = factdiff()
        .args(["check", dir.path().to_str().unwrap(), "--format", "csv"])
        .output()
        .unwrap();
    let mut rd = csv::Reader::from_reader(&out.stdout[..]);
    let mut rows = 0;
    let mut quoted = 0;
    for rec in rd.records() {
        let rec = rec.unwrap();
        rows += 1;
        for cell in rec.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "formula cell {cell:?}"
            );
            quoted += usize::from(cell.starts_with('\''));
        }
    }
    assert!(
        rows > 0 && quoted > 0,
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

// ---- 18.14: SARIF uris are percent-encoded ----

#[test]
fn sarif_uris_are_percent_encoded() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a#1 x.txt", A);
    write(dir.path(), "b?.txt", B);
    let out = factdiff()
        .current_dir(dir.path())
        .args(["check", ".", "--format", "sarif"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut uris = Vec::new();
    for a in v["runs"][0]["artifacts"].as_array().unwrap() {
        uris.push(a["location"]["uri"].as_str().unwrap().to_string());
    }
    for r in v["runs"][0]["results"].as_array().unwrap() {
        for l in r["locations"].as_array().unwrap() {
            uris.push(
                l["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            );
        }
    }
    assert!(uris.iter().any(|u| u.contains("a%231%20x.txt")), "{uris:?}");
    assert!(uris.iter().any(|u| u.contains("b%3F.txt")), "{uris:?}");
    assert!(
        uris.iter().all(|u| !u.contains(['#', '?', ' '])),
        "{uris:?}"
    );
}

// ---- 18.16: messages name a few sources; printers are linear in the evidence ----

#[test]
fn a_finding_among_many_sources_has_a_bounded_message() {
    let dir = TempDir::new().unwrap();
    for i in 0..60 {
        let n = if i == 0 { 12 } else { 15 };
        write(
            dir.path(),
            &format!("s{i:03}.txt"),
            &format!("Officials said {n} people were injured in the fire on Monday.\n"),
        );
    }
    let d = dir.path().to_str().unwrap();
    let out = factdiff()
        .args(["check", d, "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &v["findings"][0];
    assert_eq!(f["evidence"].as_array().unwrap().len(), 60);
    let m = f["message"].as_str().unwrap();
    assert!(m.contains(" more"), "{m}");
    assert!(m.len() < 600, "{} bytes: {m}", m.len());
    // CSV and GitHub repeat the message on every row: still a bounded row.
    for format in ["csv", "github"] {
        let out = factdiff()
            .args(["check", d, "--format", format])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let longest = text.lines().map(str::len).max().unwrap_or(0);
        assert!(longest < 1200, "{format}: a row of {longest} bytes");
    }
}
