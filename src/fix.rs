//! Style-book rewrites as a unified diff (`factdiff check --diff`).
//!
//! factdiff never writes a source file: the rewrites of spellings the style book
//! rejects are printed as a patch, which the user reads and applies with `git apply`
//! or `patch -p1`. So a rewrite is always seen before it lands, goes through the
//! user's own version control, and can never touch a file factdiff was not asked to
//! rewrite.

use std::collections::BTreeSet;

use crate::rules::RuleSet;
use crate::Analysis;

/// One rewrite in a document's file: the bytes to replace and what replaces them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Rewrite {
    start: usize,
    end: usize,
    with: String,
}

/// The patch and the notes for the user (sources that could not be rewritten).
#[derive(Debug, Default)]
pub struct StyleDiff {
    /// A unified diff, `a/PATH` to `b/PATH`, one file after another in source order;
    /// empty when nothing needs rewriting.
    pub patch: String,
    /// Sources left out, with why (not a file of its own, or read with a conversion
    /// that a patch of the file's bytes would not match).
    pub skipped: Vec<String>,
    /// How many spans are rewritten.
    pub rewrites: usize,
}

/// The words of `text` with their byte ranges.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let inside = c.is_alphanumeric() || c == '\'' || c == '-';
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// The rewrites of one name as the file spells it: the whole name, when the style
/// book rejects it as written, else each word (or run of words) it rejects.
fn rewrites_in(rules: &RuleSet, raw: &str, at: usize) -> Vec<Rewrite> {
    let fold = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let prefer = |s: &str| -> Option<&str> {
        let f = fold(s);
        rules
            .aliases
            .entries
            .iter()
            .find(|a| a.variants.iter().any(|v| fold(v) == f))
            .map(|a| a.prefer.as_str())
    };
    if let Some(p) = prefer(raw) {
        return vec![Rewrite {
            start: at,
            end: at + raw.len(),
            with: p.to_string(),
        }];
    }
    let ws = words(raw);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        // The longest run of words from here that the book rejects (a variant may be
        // several words: "Czech Republic").
        let hit = (i..ws.len()).rev().find_map(|j| {
            let (s, e) = (ws[i].0, ws[j].1);
            prefer(&raw[s..e]).map(|p| (j, s, e, p))
        });
        match hit {
            Some((j, s, e, p)) => {
                out.push(Rewrite {
                    start: at + s,
                    end: at + e,
                    with: p.to_string(),
                });
                i = j + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// A source's path in the patch: relative to the working directory when the file is
/// under it (so `git apply` from the repository's root and `patch -p1` find it, and no
/// `./` or `..` part makes them refuse it), else as the report gives it.
fn patch_path(doc: &crate::load::Document) -> String {
    let relative = doc.file.as_deref().and_then(|f| {
        let abs = std::fs::canonicalize(f).ok()?;
        let cwd = std::env::current_dir().ok()?.canonicalize().ok()?;
        let rel = abs.strip_prefix(cwd).ok()?;
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        Some(parts.join("/"))
    });
    relative.unwrap_or_else(|| {
        let p = doc.source.path.as_str();
        p.strip_prefix("./").unwrap_or(p).to_string()
    })
}

/// The style book's rewrites of the names in the run's sources, as a unified diff.
/// `only` limits them to those documents (new-file mode: the changed sources).
/// A source is rewritten only when it is a file whose text is exactly what was
/// analysed (UTF-8, no byte-order mark), so that every offset is the file's own.
pub fn style_book_diff(a: &Analysis, rules: &RuleSet, only: Option<&BTreeSet<usize>>) -> StyleDiff {
    let mut per_doc: Vec<BTreeSet<Rewrite>> = vec![BTreeSet::new(); a.docs.len()];
    for m in &a.mentions {
        if only.is_some_and(|o| !o.contains(&m.doc)) {
            continue;
        }
        let doc = &a.docs[m.doc];
        let range = doc.raw_range(m.span);
        let Some(raw) = doc.raw.get(range.clone()) else {
            continue;
        };
        per_doc[m.doc].extend(rewrites_in(rules, raw, range.start));
    }
    let mut out = StyleDiff::default();
    for (d, rewrites) in per_doc.iter().enumerate() {
        if rewrites.is_empty() {
            continue;
        }
        let doc = &a.docs[d];
        let on_disk = doc
            .file
            .as_deref()
            .and_then(|f| std::fs::read_to_string(f).ok());
        if on_disk.as_deref() != Some(doc.raw.as_str()) {
            out.skipped.push(format!(
                "{}: not rewritten (not a UTF-8 file of its own, or its text was converted when read)",
                doc.source.path
            ));
            continue;
        }
        let mut new = String::with_capacity(doc.raw.len());
        let mut at = 0;
        for r in rewrites {
            // Overlapping mentions give the same rewrite twice; keep the first.
            if r.start < at {
                continue;
            }
            new.push_str(&doc.raw[at..r.start]);
            new.push_str(&r.with);
            at = r.end;
            out.rewrites += 1;
        }
        new.push_str(&doc.raw[at..]);
        let path = patch_path(doc);
        let diff = similar::TextDiff::from_lines(doc.raw.as_str(), new.as_str());
        out.patch.push_str(
            &diff
                .unified_diff()
                .context_radius(3)
                .header(&format!("a/{path}"), &format!("b/{path}"))
                .to_string(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Document, Format};

    fn diff(texts: &[&str]) -> StyleDiff {
        let dir = tempfile::TempDir::new().unwrap();
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let path = dir.path().join(format!("s{i}.txt"));
                std::fs::write(&path, t).unwrap();
                let (mut d, _) = Document::new(
                    &format!("s{i}"),
                    &format!("s{i}.txt"),
                    t.to_string(),
                    Format::Text,
                );
                d.file = Some(path);
                d
            })
            .collect();
        let rules = RuleSet::builtin();
        let a = crate::analyze(docs, &rules);
        style_book_diff(&a, &rules, None)
    }

    #[test]
    fn rejected_spellings_become_a_patch_of_the_files_that_use_them() {
        let d = diff(&[
            "Talks in Kyiv went on.\nThe mayor spoke.\n",
            "Talks in Kiev went on.\nThe mayor spoke.\n",
        ]);
        assert_eq!(d.rewrites, 1);
        assert_eq!(
            d.patch,
            "--- a/s1.txt\n+++ b/s1.txt\n@@ -1,2 +1,2 @@\n-Talks in Kiev went on.\n+Talks in Kyiv went on.\n The mayor spoke.\n"
        );
    }

    #[test]
    fn nothing_to_rewrite_is_an_empty_patch() {
        let d = diff(&["Talks in Kyiv went on.\n", "Talks in Kyiv went on.\n"]);
        assert_eq!((d.patch.as_str(), d.rewrites), ("", 0));
    }

    #[test]
    fn a_word_inside_a_longer_name_is_rewritten_alone() {
        let rules = RuleSet::builtin();
        let r = rewrites_in(&rules, "Kiev Oblast", 10);
        assert_eq!(
            r,
            [Rewrite {
                start: 10,
                end: 14,
                with: "Kyiv".into()
            }]
        );
    }
}
