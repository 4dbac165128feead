//! Loading hostile or unusual files: encodings, line endings, character references,
//! links in folders, non-UTF-8 names, JSON Lines keys, and web pages whose every word
//! must point back at its place in the saved file. (Issue 18 items 8–10 and 17, issue 20.)

mod common;
use common::factdiff;
use std::fs;
use std::path::Path;
use tempfile::TempDir;

use factdiff::load::{self, Document, Format};
use factdiff::span::Span;

fn out(o: &std::process::Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn json(o: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", out(o).0))
}

const QUOTE: &str = "“The bridge will reopen in May,” said Ola Brandvik, the engineer.";

/// Line and column of the first quote `factdiff quotes` finds in `path`.
fn quote_position(path: &Path) -> (u64, u64) {
    let o = factdiff()
        .args(["quotes", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    let v = json(&o);
    let q = &v["quotes"][0];
    (q["line"].as_u64().unwrap(), q["column"].as_u64().unwrap())
}

#[test]
fn utf16_files_are_read_with_a_warning_naming_the_encoding() {
    let dir = TempDir::new().unwrap();
    let text = format!("Second line first.\n{QUOTE}\n");
    for (name, bom, le) in [
        ("le.txt", [0xFF, 0xFE], true),
        ("be.txt", [0xFE, 0xFF], false),
    ] {
        let mut bytes = bom.to_vec();
        for u in text.encode_utf16() {
            bytes.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        let p = dir.path().join(name);
        fs::write(&p, bytes).unwrap();
        let o = factdiff().arg("text").arg(&p).output().unwrap();
        let (stdout, stderr) = out(&o);
        assert!(o.status.success(), "{stderr}");
        assert!(stdout.contains("Ola Brandvik"), "{stdout}");
        let enc = if le { "UTF-16LE" } else { "UTF-16BE" };
        assert!(stderr.contains(&format!("read as {enc}")), "{stderr}");
        assert_eq!(quote_position(&p), (2, 1));
    }
}

#[test]
fn utf8_bom_does_not_shift_columns() {
    let dir = TempDir::new().unwrap();
    let p = dir.path().join("bom.txt");
    fs::write(&p, format!("\u{FEFF}{QUOTE}\n")).unwrap();
    assert_eq!(quote_position(&p), (1, 1));
}

#[test]
fn windows_1252_page_and_file_are_read_with_a_warning() {
    let dir = TempDir::new().unwrap();
    let page = dir.path().join("old.html");
    let mut bytes =
        b"<html><head><meta charset=\"windows-1252\"><title>Br\xfccke</title></head><body><p>"
            .to_vec();
    bytes.extend(b"\x93The bridge will reopen in May,\x94 said Zo\xeb Brandvik, the engineer.</p></body></html>");
    fs::write(&page, &bytes).unwrap();
    let o = factdiff()
        .args(["text", "--format", "json"])
        .arg(&page)
        .output()
        .unwrap();
    let (_, stderr) = out(&o);
    assert!(stderr.contains("read as windows-1252"), "{stderr}");
    let v = json(&o);
    assert!(v["text"].as_str().unwrap().contains("Zoë Brandvik"), "{v}");
    let txt = dir.path().join("old.txt");
    fs::write(&txt, b"Zo\xeb Brandvik said the caf\xe9 would close.\n").unwrap();
    let o = factdiff().arg("text").arg(&txt).output().unwrap();
    let (stdout, stderr) = out(&o);
    assert!(stdout.contains("café"), "{stdout}");
    assert!(stderr.contains("windows-1252"), "{stderr}");
}

#[test]
fn lone_cr_line_endings_count_lines() {
    let dir = TempDir::new().unwrap();
    let p = dir.path().join("mac.txt");
    fs::write(&p, format!("First line.\rSecond line.\r{QUOTE}\r")).unwrap();
    assert_eq!(quote_position(&p), (3, 1));
}

#[test]
fn malformed_character_references_are_never_numbers() {
    let dir = TempDir::new().unwrap();
    let p = dir.path().join("refs.html");
    fs::write(
        &p,
        "<html><body><article><p>The council counted &#x110000; votes and &#0; complaints, \
         &#xD800; letters and &#99999999999999999999; calls, then 7 petitions.</p></article></body></html>",
    )
    .unwrap();
    let o = factdiff()
        .args(["claims", "--format", "json"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", out(&o).1);
    let v = json(&o);
    // The evidence context quotes the file as written; only the 7 is a number.
    let claims: Vec<&str> = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(claims, ["7"], "{v}");
}

#[cfg(unix)]
#[test]
fn symlinks_inside_walked_folders_are_followed() {
    let dir = TempDir::new().unwrap();
    let outside = dir.path().join("outside");
    let walked = dir.path().join("walked");
    fs::create_dir_all(&outside).unwrap();
    fs::create_dir_all(&walked).unwrap();
    fs::write(outside.join("real.txt"), format!("{QUOTE}\n")).unwrap();
    fs::write(walked.join("own.txt"), "Another article entirely.\n").unwrap();
    std::os::unix::fs::symlink(outside.join("real.txt"), walked.join("link.txt")).unwrap();
    // A link back up the tree is a loop: a warning, not a hang.
    std::os::unix::fs::symlink(&walked, walked.join("loop")).unwrap();
    let o = factdiff().arg("text").arg(&walked).output().unwrap();
    let (stdout, _) = out(&o);
    assert!(o.status.success());
    assert!(stdout.contains("Ola Brandvik"), "{stdout}");
    assert!(stdout.contains("Another article"), "{stdout}");
}

#[cfg(target_os = "linux")]
#[test]
fn changed_finds_a_source_with_a_non_utf8_name() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new().unwrap();
    let a = dir.path().join("a.txt");
    fs::write(&a, "Police said 12 people were hurt in the crash.\n").unwrap();
    let b = dir.path().join(OsStr::from_bytes(b"b\xff.txt"));
    fs::write(&b, "Police said 15 people were hurt in the crash.\n").unwrap();
    let o = factdiff()
        .args(["check", "--format", "json", "--fail-on", "never"])
        .arg(&a)
        .arg("--changed")
        .arg(&b)
        .output()
        .unwrap();
    let v = json(&o);
    let findings = v["findings"].as_array().unwrap();
    assert!(!findings.is_empty(), "{v}");
}

#[test]
fn jsonl_duplicate_keys_and_unusable_story_keys_are_warnings() {
    let dir = TempDir::new().unwrap();
    let p = dir.path().join("r.jsonl");
    fs::write(
        &p,
        "{\"text\":\"One.\",\"text\":\"Two.\"}\n\
         {\"text\":\"Three.\",\"story\":[1]}\n\
         {\"text\":\"Four.\",\"story\":1e400}\n\
         {\"text\":\"Five.\",\"story\":2.0}\n\
         {\"text\":\"Six.\",\"story\":2}\n",
    )
    .unwrap();
    let o = factdiff()
        .args(["text", "--format", "jsonl"])
        .arg(&p)
        .output()
        .unwrap();
    let (stdout, stderr) = out(&o);
    assert!(
        stderr.contains("line 1: the key `text` appears twice"),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 2: the story key `story` is an array"),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 3: the story key `story` 1e400"),
        "{stderr}"
    );
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    let loaded = load::load(&[p]).unwrap();
    let stories: Vec<_> = loaded.docs.iter().map(|d| d.story.clone()).collect();
    assert_eq!(stories, [Some("2".to_string()), Some("2".to_string())]);
}

#[test]
fn jsonl_records_sharing_one_id_get_unique_ids_in_order() {
    let dir = TempDir::new().unwrap();
    let p = dir.path().join("same.jsonl");
    let lines: String = (0..3000)
        .map(|_| "{\"id\":\"x\",\"text\":\"A plain note.\"}\n")
        .collect();
    fs::write(&p, lines).unwrap();
    let loaded = load::load(&[p]).unwrap();
    let ids: Vec<&str> = loaded.docs.iter().map(|d| d.source.id.as_str()).collect();
    assert_eq!(ids.len(), 3000);
    assert_eq!(&ids[..3], ["x", "x~2", "x~3"]);
    assert_eq!(ids[2999], "x~3000");
}

#[test]
fn text_prints_page_metadata_as_json() {
    let dir = TempDir::new().unwrap();
    let p = dir.path().join("page.html");
    let body = "<p>The council of Veldmark voted on Tuesday to close the old harbour bridge \
                for repairs, a decision that engineers had urged for two years.</p>"
        .repeat(3);
    fs::write(
        &p,
        format!(
            "<html><head><title>Bridge | Veldmark Post</title>\
             <meta name=\"author\" content=\"Ola Brandvik\">\
             <meta property=\"og:site_name\" content=\"Veldmark Post\">\
             <meta property=\"article:published_time\" content=\"2024-02-29T08:00:00Z\">\
             </head><body><nav><a href=/>Home</a><a href=/s>Sport section</a></nav>\
             <article><h1>Bridge</h1>{body}</article>\
             <div class=\"comments\"><p>Great read, thanks!</p></div></body></html>"
        ),
    )
    .unwrap();
    let o = factdiff()
        .args(["text", "--format", "json"])
        .arg(&p)
        .output()
        .unwrap();
    let v = json(&o);
    assert_eq!(v["byline"], "Ola Brandvik");
    assert_eq!(v["outlet"], "Veldmark Post");
    assert_eq!(v["date"].as_str().map(|d| &d[..10]), Some("2024-02-29"));
    let text = v["text"].as_str().unwrap();
    assert!(text.contains("harbour bridge"), "{text}");
    assert!(!text.contains("Sport section"), "{text}");
    let (doc, _) = Document::new(
        "p",
        "page.html",
        fs::read_to_string(&p).unwrap(),
        Format::Html,
    );
    let d = doc.published.unwrap();
    assert_eq!((d.year, d.month, d.day), (2024, 2, 29));
}

/// Every word of the analysis text of a saved page points at that word in the file:
/// its line:column there starts with the word's own source text, which decodes to it.
fn every_word_maps_back(raw: &str) -> usize {
    let (doc, _) = Document::new("p", "p.html", raw.to_string(), Format::Html);
    let lines: Vec<&str> = raw.split('\n').collect();
    let mut checked = 0;
    let text = &doc.text;
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    let mut last = (0, 0);
    for (start, w) in words {
        let span = Span::new(start, start + w.len());
        let src = doc.raw_text(span);
        let (line, col) = doc.line_col(start);
        // In the file's order: each word after the one before.
        assert!(
            (line, col) > last,
            "{w:?} at {line}:{col} is not after {last:?}"
        );
        last = (line, col);
        let from_col: String = lines[line - 1].chars().skip(col - 1).collect();
        assert!(
            from_col.starts_with(src),
            "{w:?} at {line}:{col}: {src:?} is not there"
        );
        let (decoded, _) = load::normalize(src, true);
        assert_eq!(decoded, w, "{w:?} at {line}:{col} reads {src:?}");
        checked += 1;
    }
    checked
}

#[test]
fn page_words_point_at_their_line_and_column() {
    let raw = "<!doctype html>\n<html><head><title>T</title></head>\n<body>\n\
               <nav>Home · Sport</nav>\n<article>\n<h1>Bridge closes</h1>\n\
               <p>The council of Veldmark voted on Tuesday to close the old harbour bridge\n\
               for repairs, a decision that engineers had urged for <b>two</b> years.</p>\n\
               <p>Repairs will cost &euro;4&nbsp;million, the treasurer Zoë Brandvik said,\n\
               and the works will take &#8220;about a year&#8221;.</p>\n\
               <p>The old bridge carried 12,000 cars a day before the closure was voted on.</p>\n\
               </article>\n<footer>Contact</footer>\n</body></html>\n";
    assert!(every_word_maps_back(raw) > 40);
}

/// Three of Mozilla Readability's saved news pages (read from the shared test pages,
/// not copied into the repository).
#[test]
fn readability_test_pages_map_back_to_the_saved_files() {
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/external/readability-test-pages");
    for page in ["bbc-1", "nytimes-1", "guardian-1"] {
        let path = root.join(page).join("source.html");
        let raw = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(every_word_maps_back(&raw) > 200, "{page}");
    }
}

#[test]
fn markdown_quotes_point_at_their_line_and_column() {
    let dir = TempDir::new().unwrap();
    let p = dir.path().join("a.md");
    fs::write(
        &p,
        format!("---\ntitle: Bridge\n---\n# Bridge &amp; river\n\n> - **Quoted:** {QUOTE}\n"),
    )
    .unwrap();
    // Line 6, after "> - **Quoted:** " (16 chars).
    assert_eq!(quote_position(&p), (6, 17));
}

/// 1-based line and column (in chars) of byte `at` of `raw`.
fn line_col_of(raw: &str, at: usize) -> (u64, u64) {
    let before = &raw[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line as u64, col as u64)
}

/// The `n`-th (0-based) place of `needle` in `raw`, as line and column.
fn nth_place(raw: &str, needle: &str, n: usize) -> (u64, u64) {
    let at = raw
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle:?} #{n} not in the page"))
        .0;
    line_col_of(raw, at)
}

/// An invented article: its picture caption repeats a body sentence, and a pull quote
/// repeats the mayor's words.
const ECHO_PAGE: &str = "<!doctype html>\n<html><head><title>Veldmark bridge to be rebuilt</title>\n\
<meta property=\"og:site_name\" content=\"Veldmark Post\"></head>\n<body>\n\
<nav><a href=\"/\">Home</a></nav>\n<article>\n<h1>Veldmark bridge to be rebuilt</h1>\n\
<figure><img src=\"bridge.jpg\" alt=\"\">\n\
<figcaption>The repairs will cost 41 million crowns, the treasurer Ola Brandvik said.</figcaption>\n\
</figure>\n\
<p>The council of Veldmark voted on Tuesday to rebuild the old harbour bridge, which\n\
has been closed to traffic since the storm in the spring damaged two of its piers.</p>\n\
<p>&ldquo;We will rebuild the bridge within a year,&rdquo; the mayor Ida Sandvoll said after the vote.</p>\n\
<blockquote class=\"pull-quote\"><p>&ldquo;We will rebuild the bridge within a year&rdquo;</p></blockquote>\n\
<p>The repairs will cost 41 million crowns, the treasurer Ola Brandvik said.</p>\n\
<figure><img src=\"divers.jpg\" alt=\"\">\n\
<figcaption>Divers from the Tolmeny yard at work under the old bridge.</figcaption>\n\
</figure>\n\
<p>Divers will inspect the remaining piers in the summer, when the river is low enough\n\
for them to work safely, and the ferry will run every hour until the bridge reopens.</p>\n\
</article>\n<footer>Contact</footer>\n</body></html>\n";

/// The same story in Markdown, disagreeing on the sum and the mayor's words.
const ECHO_MARKDOWN: &str = "---\ntitle: Bridge\n---\n# Veldmark to rebuild its bridge\n\n\
The council of Veldmark voted on *Tuesday* to rebuild the old harbour bridge.\n\n\
> \"We will rebuild the bridge within two years,\" the mayor Ida Sandvoll said after the vote.\n\n\
The repairs will cost **45 million** crowns, the treasurer Ola Brandvik said.\n";

/// Evidence of finding `rule` from source `source`: (line, column, text).
fn evidence_of(v: &serde_json::Value, rule: &str, source: &str) -> Vec<(u64, u64, String)> {
    let findings = v["findings"].as_array().unwrap();
    let f = findings
        .iter()
        .find(|f| f["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule} finding: {v}"));
    f["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["source"] == source)
        .map(|e| {
            (
                e["line"].as_u64().unwrap(),
                e["column"].as_u64().unwrap(),
                e["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn captions_and_pull_quotes_are_evidence_once_at_their_place_in_the_body() {
    let dir = TempDir::new().unwrap();
    let page = dir.path().join("post.html");
    let md = dir.path().join("wire.md");
    fs::write(&page, ECHO_PAGE).unwrap();
    fs::write(&md, ECHO_MARKDOWN).unwrap();
    let o = factdiff()
        .args(["check", "--format", "json", "--fail-on", "never"])
        .arg(&page)
        .arg(&md)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", out(&o).1);
    let v = json(&o);
    // The sum: once from the page, in the body paragraph (the second "41 million"), not
    // in the caption above it.
    let sum = evidence_of(&v, "numeric-mismatch", "post");
    let (line, col) = nth_place(ECHO_PAGE, "41 million", 1);
    assert_eq!(sum, [(line, col, "41 million".to_string())], "{v}");
    // The mayor's words: once from the page, in the body, not in the pull quote.
    let words = evidence_of(&v, "quote-wording", "post");
    let (line, col) = nth_place(ECHO_PAGE, "&ldquo;We will rebuild", 0);
    assert_eq!(words.len(), 1, "{v}");
    assert_eq!((words[0].0, words[0].1), (line, col), "{v}");
    // The Markdown source's evidence points into its own file, past the front matter
    // and the markup.
    let md_sum = evidence_of(&v, "numeric-mismatch", "wire");
    let (line, col) = nth_place(ECHO_MARKDOWN, "45 million", 0);
    assert_eq!(md_sum, [(line, col, "45 million".to_string())], "{v}");
    let md_words = evidence_of(&v, "quote-wording", "wire");
    let (line, col) = nth_place(ECHO_MARKDOWN, "\"We will rebuild", 0);
    assert_eq!(md_words.len(), 1, "{v}");
    assert_eq!((md_words[0].0, md_words[0].1), (line, col), "{v}");

    // The page's quotations: the mayor's words once, at the body.
    let o = factdiff()
        .args(["quotes", "--format", "json"])
        .arg(&page)
        .output()
        .unwrap();
    let v = json(&o);
    let quotes = v["quotes"].as_array().unwrap();
    let rebuild: Vec<_> = quotes
        .iter()
        .filter(|q| q["text"].as_str().unwrap().contains("rebuild"))
        .collect();
    assert_eq!(rebuild.len(), 1, "{v}");
    // Its claims: the sum once; the caption with words of its own is still read.
    let o = factdiff()
        .args(["claims", "--format", "json"])
        .arg(&page)
        .output()
        .unwrap();
    let v = json(&o);
    let sums = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["text"] == "41 million")
        .count();
    assert_eq!(sums, 1, "{v}");
    // What factdiff reads still shows the caption and the pull quote (they are marked,
    // not deleted), and the caption with its own words names its yard.
    let o = factdiff()
        .args(["text", "--format", "json"])
        .arg(&page)
        .output()
        .unwrap();
    let text = json(&o)["text"].as_str().unwrap().to_string();
    assert_eq!(text.matches("41 million").count(), 2, "{text}");
    assert!(text.contains("Tolmeny yard"), "{text}");
}

/// Evidence from three of Readability's saved news pages: every quotation's line:column
/// range in the saved file holds the quoted words (entities decoded).
#[test]
fn readability_page_quotes_point_at_their_place_in_the_saved_file() {
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/external/readability-test-pages");
    let flat = |s: &str| {
        let (t, _) = load::normalize(s, true);
        t.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    for page in ["bbc-1", "nytimes-1", "guardian-1"] {
        let path = root.join(page).join("source.html");
        let raw = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let lines: Vec<&str> = raw.split('\n').collect();
        let o = factdiff()
            .args(["quotes", "--format", "json"])
            .arg(&path)
            .output()
            .unwrap();
        let v = json(&o);
        let quotes = v["quotes"].as_array().unwrap();
        assert!(!quotes.is_empty(), "{page}: {v}");
        for q in quotes {
            let at = |k: &str| q[k].as_u64().unwrap() as usize;
            let (l0, c0, l1, c1) = (at("line"), at("column"), at("end_line"), at("end_column"));
            let mut held = String::new();
            for l in l0..=l1 {
                let line = lines[l - 1];
                let from = if l == l0 { c0 - 1 } else { 0 };
                let to = if l == l1 { c1 } else { usize::MAX };
                held.extend(line.chars().take(to).skip(from));
                held.push('\n');
            }
            let text = q["text"].as_str().unwrap();
            assert!(
                flat(&held).contains(&flat(text)),
                "{page} {l0}:{c0}-{l1}:{c1} holds {held:?}, not {text:?}"
            );
        }
    }
}
