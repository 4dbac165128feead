//! The pipeline runs one way: a module of the library may use its own stage and the
//! stages before it, never a later one. The order is the one written in `src/lib.rs`'s
//! doc (the `text` block with the arrows); this test reads it from there, so it is
//! written once.
//!
//! Test code (everything from a file's first `#[cfg(test)]` on, and `tests.rs` files)
//! is end-to-end by nature and may use any stage.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The stage order from the doc of `src/lib.rs`.
fn stage_order(root: &Path) -> Vec<String> {
    let lib = fs::read_to_string(root.join("src/lib.rs")).unwrap();
    let mut order = Vec::new();
    let mut inside = false;
    for line in lib.lines() {
        let Some(doc) = line.strip_prefix("//!") else {
            continue;
        };
        let doc = doc.trim();
        if doc.starts_with("```") {
            if inside && !order.is_empty() {
                break;
            }
            inside = doc == "```text";
            continue;
        }
        if inside && doc.contains('►') {
            for word in doc.split(|c: char| !(c.is_ascii_lowercase() || c == '_')) {
                if !word.is_empty() {
                    order.push(word.to_string());
                }
            }
        }
    }
    assert!(order.len() > 5, "no stage order found in src/lib.rs's doc");
    order
}

/// Names `lib.rs` re-exports at the crate root (`pub use analyze::{analyze, Analysis}`),
/// by the module they come from.
fn root_names(root: &Path) -> BTreeMap<String, String> {
    let lib = fs::read_to_string(root.join("src/lib.rs")).unwrap();
    let mut out = BTreeMap::new();
    for line in lib.lines() {
        let Some(rest) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, names)) = rest.split_once("::") else {
            continue;
        };
        for name in names.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
            if !name.is_empty() {
                out.insert(name.to_string(), module.to_string());
            }
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Every `crate::x` a module's non-test code names, with the line it is on
/// (`crate::{a, b::c}`, over several lines too, names each module of the group).
fn uses(path: &Path) -> Vec<(usize, String)> {
    let text = fs::read_to_string(path).unwrap();
    // The code before the tests, without comments, one entry per line.
    let mut code = String::new();
    for line in text.lines() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        code.push_str(line.split("//").next().unwrap_or(""));
        code.push('\n');
    }
    let line_of = |at: usize| code[..at].matches('\n').count() + 1;
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = code[from..].find("crate::") {
        let at = from + k;
        from = at + "crate::".len();
        let rest = &code[from..];
        match rest.strip_prefix('{') {
            Some(group) => {
                let group = group.split('}').next().unwrap_or("");
                for item in group.split(',') {
                    let name = ident(item);
                    if !name.is_empty() {
                        out.push((line_of(at), name));
                    }
                }
            }
            None => {
                let name = ident(rest);
                if !name.is_empty() {
                    out.push((line_of(at), name));
                }
            }
        }
    }
    out
}

/// The backward uses in the library, as (from, to, "file:line").
fn backward_uses(root: &Path) -> Vec<(String, String, String)> {
    let order = stage_order(root);
    let rank = |m: &str| order.iter().position(|s| s == m);
    let names = root_names(root);
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let mut out = Vec::new();
    for f in files {
        let rel = f.strip_prefix(root.join("src")).unwrap();
        let first = rel.components().next().unwrap().as_os_str();
        let module = first.to_str().unwrap().trim_end_matches(".rs").to_string();
        // The crate roots wire the stages together; test modules are end-to-end.
        if matches!(module.as_str(), "lib" | "main" | "cli")
            || rel.file_name().is_some_and(|n| n == "tests.rs")
        {
            continue;
        }
        let from = rank(&module)
            .unwrap_or_else(|| panic!("module `{module}` is not in the stage order of src/lib.rs"));
        for (line, name) in uses(&f) {
            let target = names.get(&name).cloned().unwrap_or(name);
            let Some(to) = rank(&target) else {
                continue;
            };
            if to > from {
                out.push((
                    module.clone(),
                    target,
                    format!("src/{}:{line}", rel.display()),
                ));
            }
        }
    }
    out
}

#[test]
fn no_stage_uses_a_later_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = backward_uses(root);
    assert!(
        found.is_empty(),
        "stages used before they run (the order is in src/lib.rs's doc):\n{}",
        found
            .iter()
            .map(|(from, to, at)| format!("  {at}: {from} uses {to}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_order_names_every_module_once() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let order = stage_order(root);
    let mut sorted = order.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(
        sorted.len(),
        order.len(),
        "a stage is listed twice: {order:?}"
    );
    let lib = fs::read_to_string(root.join("src/lib.rs")).unwrap();
    for line in lib.lines() {
        if let Some(m) = line.strip_prefix("pub mod ") {
            let m = m.trim_end_matches(';');
            assert!(
                order.iter().any(|s| s == m),
                "`{m}` is not in the stage order"
            );
        }
    }
}
