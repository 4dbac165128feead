//! The README's CI recipes, run end to end in a throwaway git repository exactly as the
//! README gives them (issue 17): the pre-commit hook and the GitHub Actions step, with
//! a change that touches no article, an unrelated file beside an untracked draft that
//! disagrees, a new source that disagrees (exit 1), and that disagreement recorded in
//! the baseline (exit 0). Needs `git` on PATH.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// The first fenced block of `lang` after `heading` in README.md.
fn readme_block(heading: &str, lang: &str) -> String {
    let readme = fs::read_to_string("README.md").unwrap();
    let at = readme
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading}"));
    let rest = &readme[at..];
    let open = format!("```{lang}\n");
    let start = rest.find(&open).unwrap() + open.len();
    let end = start + rest[start..].find("```").unwrap();
    rest[start..end].to_string()
}

/// The `run: |` script of the Actions step named `step`, dedented.
fn actions_step(yaml: &str, step: &str) -> String {
    let lines: Vec<&str> = yaml.lines().collect();
    let name = lines
        .iter()
        .position(|l| l.trim() == format!("- name: {step}"))
        .unwrap();
    let run = name
        + lines[name..]
            .iter()
            .position(|l| l.trim() == "run: |")
            .unwrap();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let body_indent = indent(lines[run + 1]);
    lines[run + 1..]
        .iter()
        .take_while(|l| l.trim().is_empty() || indent(l) >= body_indent)
        .map(|l| l.get(body_indent..).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// PATH with the factdiff under test first.
fn path_env() -> String {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_factdiff"));
    let dir = bin.parent().unwrap().display().to_string();
    format!("{dir}:{}", std::env::var("PATH").unwrap_or_default())
}

fn git(repo: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .current_dir(repo)
        .env("PATH", path_env())
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .args(args)
        .output()
        .unwrap()
}

fn ok(out: &Output) -> bool {
    out.status.success()
}

fn show(out: &Output) -> String {
    format!(
        "code {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

const AGREES: &str = "# Crash\n\nPolice said 12 people were hurt in the crash on the ring road.\n";
const DISAGREES: &str =
    "# Crash\n\nPolice said 40 people were hurt in the crash on the ring road.\n";

/// A repository with two agreeing articles in stories/, committed, and a branch
/// `base` at that commit (what a pull request is compared with).
fn repo() -> TempDir {
    let dir = TempDir::new().unwrap();
    let p = dir.path();
    assert!(ok(&git(p, &["init", "-q", "-b", "main"])));
    fs::create_dir(p.join("stories")).unwrap();
    fs::write(p.join("stories/a.md"), AGREES).unwrap();
    fs::write(p.join("stories/b.md"), AGREES).unwrap();
    assert!(ok(&git(p, &["add", "."])));
    assert!(ok(&git(p, &["commit", "-q", "-m", "start"])));
    assert!(ok(&git(p, &["branch", "base"])));
    dir
}

#[test]
fn pre_commit_hook_from_the_readme() {
    let dir = repo();
    let p = dir.path();
    let hook = p.join(".git/hooks/pre-commit");
    fs::write(&hook, readme_block("### pre-commit hook", "sh")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&hook, fs::Permissions::from_mode(0o755)).unwrap();
    }
    // Nothing staged.
    let out = git(p, &["commit", "-q", "--allow-empty", "-m", "empty"]);
    assert!(ok(&out), "empty change was refused:\n{}", show(&out));
    // An unrelated file, with an untracked draft that disagrees lying in stories/.
    fs::write(p.join("stories/draft.md"), DISAGREES).unwrap();
    fs::write(p.join("notes.txt"), "Call the council.\n").unwrap();
    assert!(ok(&git(p, &["add", "notes.txt"])));
    let out = git(p, &["commit", "-q", "-m", "notes"]);
    assert!(ok(&out), "unrelated file was refused:\n{}", show(&out));
    fs::remove_file(p.join("stories/draft.md")).unwrap();
    // A new article that disagrees with the others.
    fs::write(p.join("stories/c.md"), DISAGREES).unwrap();
    assert!(ok(&git(p, &["add", "stories/c.md"])));
    let out = git(p, &["commit", "-q", "-m", "c"]);
    assert!(!ok(&out), "a disagreeing source was let through");
    // git shows a hook's output on its stderr.
    assert!(show(&out).contains("40 (3:"), "{}", show(&out));
    // The same disagreement, accepted in the baseline.
    let out = Command::new(env!("CARGO_BIN_EXE_factdiff"))
        .current_dir(p)
        .args([
            "check",
            "stories/",
            "--write-baseline",
            "factdiff-baseline.txt",
        ])
        .output()
        .unwrap();
    assert!(ok(&out), "{}", show(&out));
    let out = git(p, &["commit", "-q", "-m", "c"]);
    assert!(ok(&out), "a baselined finding was refused:\n{}", show(&out));
}

#[test]
fn github_actions_step_from_the_readme() {
    let dir = repo();
    let p = dir.path();
    let yaml = readme_block("### GitHub Actions", "yaml");
    let script = actions_step(&yaml, "Check new and changed articles")
        .replace("origin/${{ github.base_ref }}", "base");
    assert!(!script.contains("${{"), "unreplaced expression in {script}");
    let step = || {
        Command::new("sh")
            .current_dir(p)
            .env("PATH", path_env())
            .args(["-c", &script])
            .output()
            .unwrap()
    };
    // No change since the base.
    let out = step();
    assert!(ok(&out), "{}", show(&out));
    // An unrelated file committed.
    fs::write(p.join("notes.txt"), "Call the council.\n").unwrap();
    assert!(ok(&git(p, &["add", "notes.txt"])));
    assert!(ok(&git(p, &["commit", "-q", "-m", "notes"])));
    let out = step();
    assert!(ok(&out), "{}", show(&out));
    // A new article that disagrees: an annotation on it, exit 1.
    fs::write(p.join("stories/c.md"), DISAGREES).unwrap();
    assert!(ok(&git(p, &["add", "stories/c.md"])));
    assert!(ok(&git(p, &["commit", "-q", "-m", "c"])));
    let out = step();
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let annotations = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        annotations.contains("::error file=stories/c.md"),
        "{annotations}"
    );
    // Accepted in the baseline.
    let out = Command::new(env!("CARGO_BIN_EXE_factdiff"))
        .current_dir(p)
        .args([
            "check",
            "stories/",
            "--write-baseline",
            "factdiff-baseline.txt",
        ])
        .output()
        .unwrap();
    assert!(ok(&out), "{}", show(&out));
    let out = step();
    assert!(ok(&out), "{}", show(&out));
}
