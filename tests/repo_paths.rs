//! Every repository path a comment in `src/` cites in backticks (`rules/words/x.yaml`,
//! `src/report/html/style.css`) exists, so a reader following one is not sent nowhere.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `a/b.ext` between backticks, for the extensions of files a repository holds.
fn cited_paths(text: &str) -> Vec<String> {
    const EXTS: &[&str] = &[".md", ".yaml", ".rs", ".sh", ".css", ".js", ".json"];
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            s.contains('/')
                && EXTS.iter().any(|e| s.ends_with(e))
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_./-".contains(c))
                && !s.starts_with('/')
                && !s.starts_with("../")
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn paths_cited_in_comments_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let mut missing = Vec::new();
    for f in files {
        let text = fs::read_to_string(&f).unwrap();
        for line in text.lines().filter(|l| l.trim_start().starts_with("//")) {
            for p in cited_paths(line) {
                if !root.join(&p).exists() && !root.join("src").join(&p).exists() {
                    missing.push(format!("{}: {p}", f.display()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "cited paths that do not exist:\n{}",
        missing.join("\n")
    );
}
