//! End-to-end: `factdiff check --format html`. The seeds report's structure (a card per
//! finding, every evidence span marked and linked to an anchor that exists), escaping of
//! hostile sources, determinism, the size of the page for the largest corpus cluster,
//! and, when Chromium is installed, what a browser actually renders.

mod common;
use common::factdiff;
use regex::Regex;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use tempfile::TempDir;

const SEEDS: &str = "seeds";
const INJECTION: &str = "tests/fixtures/html/injection";
const CHROMIUM: &str = "/usr/bin/chromium";

/// The HTML page for `paths`, written with `-o` into `dir`.
fn html_report(paths: &[&Path], dir: &Path, name: &str) -> (PathBuf, String) {
    let out = dir.join(name);
    let run = factdiff()
        .arg("check")
        .args(paths)
        .args(["--format", "html", "--fail-on", "never", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.stdout.is_empty());
    let text = fs::read_to_string(&out).unwrap();
    (out, text)
}

fn json_report(paths: &[&Path]) -> serde_json::Value {
    let run = factdiff()
        .arg("check")
        .args(paths)
        .args(["--format", "json", "--fail-on", "never"])
        .output()
        .unwrap();
    serde_json::from_slice(&run.stdout).unwrap()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Every tag the page may contain, and every attribute: anything else (an `onload`, an
/// `<img>`) can only have come from a source that escaped escaping.
const TAGS: &[&str] = &[
    "!doctype", "html", "head", "meta", "title", "style", "script", "body", "main", "header",
    "nav", "a", "div", "span", "b", "h1", "h2", "h3", "h4", "p", "table", "thead", "tbody", "tr",
    "th", "td", "code", "form", "fieldset", "legend", "label", "input", "select", "option",
    "button", "section", "article", "small", "mark", "svg", "text", "line", "circle", "rect",
    "path", "pre", "footer", "del", "ins",
];
const ATTRS: &[&str] = &[
    "class",
    "id",
    "href",
    "rel",
    "title",
    "lang",
    "charset",
    "name",
    "content",
    "http-equiv",
    "hidden",
    "type",
    "value",
    "checked",
    "data-kind",
    "data-severity",
    "data-sources",
    "viewbox",
    "role",
    "aria-label",
    "x",
    "y",
    "x1",
    "x2",
    "y1",
    "y2",
    "stroke",
    "cx",
    "cy",
    "r",
    "fill",
    "fill-opacity",
    "width",
    "height",
    "rx",
    "d",
    "text-anchor",
    "font-style",
    "html",
];

/// Checks that the page holds only known tags and attributes, links only to anchors on
/// the page or to http(s) URLs, and runs exactly one script (its own, at the end).
fn assert_safe(html: &str) {
    let tag = Regex::new(r"<(/?)([!A-Za-z][A-Za-z0-9-]*)([^<>]*)>").unwrap();
    let attr = Regex::new(r#"([A-Za-z-]+)(?:="([^"]*)")?"#).unwrap();
    // The script and style bodies are ours; cut them out before scanning.
    let mut body = String::new();
    let mut rest = html;
    for (open, close) in [("<style>", "</style>"), ("<script>", "</script>")] {
        let s = rest.find(open).expect(open) + open.len();
        let e = s + rest[s..].find(close).unwrap();
        body.push_str(&rest[..s]);
        rest = &rest[e..];
        assert!(!rest[close.len()..].to_ascii_lowercase().contains(open));
    }
    body.push_str(rest);
    assert_eq!(html.to_ascii_lowercase().matches("<script").count(), 1);
    // Outside our tags no `<` or `>` may remain.
    let stripped = tag.replace_all(&body, "");
    assert!(
        !stripped.contains('<') && !stripped.contains('>'),
        "stray markup"
    );
    for c in tag.captures_iter(&body) {
        let name = c[2].to_ascii_lowercase();
        assert!(TAGS.contains(&name.as_str()), "unexpected tag <{name}>");
        for a in attr.captures_iter(&c[3]) {
            let an = a[1].to_ascii_lowercase();
            assert!(
                ATTRS.contains(&an.as_str()),
                "unexpected attribute {an} on <{name}>"
            );
            if an == "href" {
                let v = unescape(a.get(2).map_or("", |m| m.as_str()));
                assert!(
                    v.starts_with('#') || v.starts_with("http://") || v.starts_with("https://"),
                    "unsafe link {v:?}"
                );
            }
        }
    }
    assert!(!html.to_ascii_lowercase().contains("href=\"javascript"));
}

/// All `id="…"` values on the page.
fn ids(html: &str) -> BTreeSet<String> {
    Regex::new(r#" id="([^"]+)""#)
        .unwrap()
        .captures_iter(html)
        .map(|c| c[1].to_string())
        .collect()
}

/// Structure every report must have: a card per finding, each evidence quoted with a
/// mark and linked to a marked anchor in the source texts that starts with the same words.
fn assert_structure(html: &str, json: &serde_json::Value) {
    let findings = json["findings"].as_array().unwrap();
    let cards = html.matches("<article class=\"card ").count();
    assert_eq!(cards, findings.len(), "one card per finding");
    let evidence: usize = findings
        .iter()
        .map(|f| f["evidence"].as_array().unwrap().len())
        .sum();
    let ids = ids(html);
    for (i, f) in findings.iter().enumerate() {
        assert!(ids.contains(&format!("f{}", i + 1)), "card f{}", i + 1);
        let card_start = html.find(&format!("id=\"f{}\"", i + 1)).unwrap();
        let card = &html[card_start..card_start + html[card_start..].find("</article>").unwrap()];
        assert!(card.contains(&format!("data-kind=\"{}\"", f["kind"].as_str().unwrap())));
        assert_eq!(
            card.matches("<div class=\"ev\">").count(),
            f["evidence"].as_array().unwrap().len()
        );
    }
    // Each href="#x" has a target.
    let href = Regex::new(r##"href="#([^"]+)""##).unwrap();
    for c in href.captures_iter(html) {
        assert!(ids.contains(&c[1]), "link to missing anchor #{}", &c[1]);
    }
    // Each evidence block: a mark, and a jump link to a mark with the same start.
    let ev = Regex::new(
        r##"<div class="ev"><p class="ctx">.*?<mark[^>]*>([^<]*)</mark>.*?</p><div class="meta"><a class="jump" href="#([^"]+)">line (\d+):(\d+)</a>"##,
    )
    .unwrap();
    let mut seen = 0;
    for c in ev.captures_iter(html) {
        seen += 1;
        let quoted = unescape(&c[1]);
        let target = Regex::new(&format!(r#"<mark id="{}"[^>]*>([^<]*)</mark>"#, &c[2]))
            .unwrap()
            .captures(html)
            .unwrap_or_else(|| panic!("anchor {} is not a mark", &c[2]));
        let marked = unescape(&target[1]);
        let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            squash(&quoted).starts_with(squash(&marked).trim()),
            "{quoted:?} vs {marked:?}"
        );
    }
    assert_eq!(
        seen, evidence,
        "every evidence span is highlighted and linked"
    );
    // Every source is on the page in full, with its anchor.
    for (i, _) in json["sources"].as_array().unwrap().iter().enumerate() {
        assert!(ids.contains(&format!("src-{}", i + 1)));
    }
}

#[test]
fn seeds_report_has_a_linked_card_per_finding() {
    let dir = TempDir::new().unwrap();
    let (_, html) = html_report(&[Path::new(SEEDS)], dir.path(), "report.html");
    let json = json_report(&[Path::new(SEEDS)]);
    assert!(!json["findings"].as_array().unwrap().is_empty());
    assert_structure(&html, &json);
    assert_safe(&html);
    assert!(html.starts_with("<!DOCTYPE html>"));
    // Numeric findings get a strip; the seeds' 250 … 17,000 spans more than 10×.
    assert!(html.contains("<svg class=\"strip\""));
    assert!(html.contains("log scale"));
    // The entity index marks variants, not short forms.
    assert!(html.contains("<mark>Kiev</mark>"));
    assert!(html.contains("<mark>Kachper Rekauek</mark>"));
    assert!(!html.contains("<span><mark>Rekawek</mark>"));
    assert!(html.contains("@media print"));
    // Nothing is fetched.
    assert!(!html.contains("src=\""));
    assert!(!html.contains("@import") && !html.contains("url("));
}

#[test]
fn quote_diffs_are_struck_and_inserted_text_and_counts_appear_once() {
    // 17 #14: a quote's word diff reads as marked text, not `[-x-] {+y+}`; the summary
    // counts are shown once (as chips), not again in a sentence below them.
    let dir = TempDir::new().unwrap();
    let (_, html) = html_report(
        &[Path::new("tests/fixtures/html/quote")],
        dir.path(),
        "q.html",
    );
    assert!(
        html.contains("We <del>will</del> <ins>would</ins> rebuild"),
        "{html}"
    );
    assert!(!html.contains("[-will-]") && !html.contains("{+would+}"));
    assert!(!html.contains("<p class=\"summary-line\">"));
    assert_eq!(html.matches("<b>1</b>findings</span>").count(), 1);
    assert!(!html.contains("1 finding (0 errors"), "{html}");
    assert_safe(&html);
}

#[test]
fn a_source_has_one_label_and_a_style_book_error_says_so() {
    // 17 #14: a card names a source by its id only (no "S1", no "000_f4a7…" inside the
    // message); a style-book error says it is one; a time of day never reads "value
    // unknown".
    let dir = TempDir::new().unwrap();
    let (_, html) = html_report(&[Path::new(SEEDS)], dir.path(), "s.html");
    assert!(html.contains("<h4>000_f4a705adeddd930e</h4>"), "{html}");
    assert!(
        !html.contains(">S1") && !html.contains("S1 ·"),
        "no S-labels"
    );
    assert!(!html.contains("000_f4a7…"), "no cut ids");
    assert!(html.contains("the style book prefers &quot;Kyiv&quot;"));
    let times = TempDir::new().unwrap();
    for (name, at) in [("a.txt", "7:30 p.m."), ("b.txt", "9:15 p.m.")] {
        std::fs::write(
            times.path().join(name),
            format!("The first shots were fired at {at} on Friday outside the Velmora arena, police said.\n"),
        )
        .unwrap();
    }
    let (_, html) = html_report(&[times.path()], dir.path(), "t.html");
    assert!(!html.contains("value unknown"), "{html}");
    assert_safe(&html);
}

#[test]
fn html_report_is_deterministic() {
    let dir = TempDir::new().unwrap();
    let (_, a) = html_report(&[Path::new(SEEDS)], dir.path(), "a.html");
    let (_, b) = html_report(&[Path::new(SEEDS)], dir.path(), "b.html");
    assert!(a == b, "two runs differ");
    // No temporary file is left behind.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn hostile_sources_cannot_inject_markup_or_scripts() {
    let dir = TempDir::new().unwrap();
    let (_, html) = html_report(&[Path::new(INJECTION)], dir.path(), "report.html");
    let json = json_report(&[Path::new(INJECTION)]);
    assert_structure(&html, &json);
    assert_safe(&html);
    // The hostile text is shown, escaped.
    assert!(html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("x&quot;&gt;&lt;svg onload=alert(8)&gt;"));
    // A javascript: URL is printed, never linked; an https URL is linked, escaped.
    assert!(html.contains("<td>javascript:alert(document.cookie)</td>"));
    assert!(html.contains("href=\"https://example.org/story?a=1&amp;b=2\""));
    assert!(html.contains("The Example &amp; Co"));
}

#[test]
fn empty_comparison_says_so() {
    let dir = TempDir::new().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    fs::write(&a, "The bridge reopened on Monday.\n").unwrap();
    fs::write(&b, "The bridge reopened on Monday, officials said.\n").unwrap();
    let (_, html) = html_report(&[&a, &b], dir.path(), "r.html");
    assert!(html.contains("No disagreements found between the sources."));
    assert!(!html.contains("<article class=\"card "));
    assert_safe(&html);
}

/// The corpus lives beside the repository (never inside it).
fn largest_cluster() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/clusters");
    let size = |d: &Path| -> u64 {
        fs::read_dir(d)
            .map(|it| {
                it.flatten()
                    .filter_map(|e| e.metadata().ok())
                    .filter(|m| m.is_file())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    };
    fs::read_dir(root)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .max_by_key(|p| (size(p), p.clone()))
}

#[test]
fn largest_corpus_cluster_page_stays_under_2_mb() {
    let Some(cluster) = largest_cluster() else {
        eprintln!("SKIPPED: no corpus at ../shared/corpus/clusters");
        return;
    };
    let dir = TempDir::new().unwrap();
    let (_, html) = html_report(&[&cluster], dir.path(), "cluster.html");
    eprintln!("{}: HTML report is {} bytes", cluster.display(), html.len());
    assert!(html.len() < 2 * 1024 * 1024, "{} bytes", html.len());
    assert_structure(&html, &json_report(&[&cluster]));
    assert_safe(&html);
}

/// Runs headless Chromium on `page` with `extra` arguments; `None` when not installed.
fn chromium(page: &Path, extra: &[&str]) -> Option<String> {
    if !Path::new(CHROMIUM).exists() {
        return None;
    }
    let profile = TempDir::new().unwrap();
    let mut child = std::process::Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).ok();
        s
    });
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Some(reader.join().unwrap())
}

#[test]
fn chromium_renders_a_card_per_finding() {
    if !Path::new(CHROMIUM).exists() {
        eprintln!("SKIPPED: chromium not found at {CHROMIUM} (apt-get install -y chromium)");
        return;
    }
    let dir = TempDir::new().unwrap();
    let (page, _) = html_report(&[Path::new(SEEDS)], dir.path(), "seeds.html");
    let n = json_report(&[Path::new(SEEDS)])["findings"]
        .as_array()
        .unwrap()
        .len();
    let dom = chromium(&page, &["--dump-dom"]).unwrap();
    assert_eq!(
        dom.matches("<article class=\"card ").count(),
        n,
        "cards in the rendered DOM"
    );
    // The filter script ran (and the CSP hash let it): the form is shown and counted.
    assert!(
        dom.contains("<form id=\"filters\">"),
        "filters still hidden"
    );
    assert!(dom.contains(&format!("{n} of {n} findings shown")));
    // Screenshot for people to look at.
    let shot = std::env::temp_dir().join("seeds-report.png");
    chromium(
        &page,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1280,2000",
        ],
    );
    assert!(fs::metadata(&shot)
        .map(|m| m.len() > 10_000)
        .unwrap_or(false));
    eprintln!("screenshot: {}", shot.display());
}

#[test]
fn chromium_runs_no_injected_script() {
    if !Path::new(CHROMIUM).exists() {
        eprintln!("SKIPPED: chromium not found at {CHROMIUM} (apt-get install -y chromium)");
        return;
    }
    let dir = TempDir::new().unwrap();
    let (page, _) = html_report(&[Path::new(INJECTION)], dir.path(), "inj.html");
    let dom = chromium(&page, &["--dump-dom"]).unwrap();
    let lower = dom.to_ascii_lowercase();
    assert_eq!(lower.matches("<script").count(), 1, "{dom}");
    assert!(!lower.contains("<img") && !lower.contains("<svg onload"));
    assert!(dom.contains("1 of 1 findings shown"));
}

/// The entity index lists the story's cast first: the mayor, named with her title, before
/// a bridge that is spelled two ways (before, entities spelled differently came first).
#[test]
fn the_entity_index_lists_the_people_who_matter_first() {
    let dir = TempDir::new().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    fs::write(
        &a,
        "The Velmar Bridge reopened on Monday. Mayor Ilsa Darrow said so.\n",
    )
    .unwrap();
    fs::write(
        &b,
        "The Velmarr Bridge reopened on Monday. Mayor Ilsa Darrow said so.\n",
    )
    .unwrap();
    let (_, html) = html_report(&[&a, &b], dir.path(), "r.html");
    let index = &html[html.find("<section id=\"entities\">").unwrap()..];
    let index = &index[..index.find("</section>").unwrap()];
    let at = |name: &str| index.find(&format!("<td>{name} <span")).unwrap();
    assert!(at("Ilsa Darrow") < at("Velmar Bridge"), "{index}");
}
