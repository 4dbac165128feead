//! An HTML page's main text, blanked out in place.
//!
//! Like the Markdown reader, everything that is not article text is overwritten with
//! spaces of the same byte length (block tags with a newline, so paragraphs stay
//! apart), which keeps every offset equal to the file's. Entities are decoded later, by
//! the normaliser, through its offset map. Linear in the input, no recursion: deeply
//! nested pages cost no stack.

use std::ops::Range;

use super::markdown::{blank, tag_end};
use super::RegionKind;

/// Elements whose whole content is not article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "svg",
    "iframe", "button", "select", "head",
];

/// Elements that end a paragraph or a sentence-like unit.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "main",
    "blockquote",
    "title",
    "figcaption",
    "hr",
    "dd",
    "dt",
    "pre",
    "body",
];

/// Name of the tag at `b[i]` (`<name` or `</name`), lowercased, and whether it closes.
fn tag_name(b: &[u8], i: usize) -> (String, bool) {
    let mut k = i + 1;
    let closing = b.get(k) == Some(&b'/');
    if closing {
        k += 1;
    }
    let name: String = b[k..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase() as char)
        .collect();
    (name, closing)
}

/// The byte range of the page's main content: the `<article>`s, else `<main>`, else `<body>`.
fn main_region(lower: &[u8]) -> (usize, usize) {
    for name in ["article", "main", "body"] {
        let open = format!("<{name}");
        let close = format!("</{name}>");
        let start = lower
            .windows(open.len())
            .position(|w| w == open.as_bytes())
            .filter(|&p| {
                lower
                    .get(p + open.len())
                    .is_some_and(|c| !c.is_ascii_alphanumeric())
            });
        if let Some(start) = start {
            let end = lower
                .windows(close.len())
                .rposition(|w| w == close.as_bytes())
                .map_or(lower.len(), |p| p + close.len());
            if end > start {
                return (start, end);
            }
        }
    }
    (0, lower.len())
}

/// Elements whose content is never visible text, whatever the article finder decides.
const INVISIBLE: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "select", "title", "textarea",
    "object",
];

/// Returns `raw` with everything but the main article text replaced by spaces: the
/// hand-written fallback for pages the article finder cannot read.
pub fn strip(raw: &str) -> String {
    let lower = raw.to_ascii_lowercase().into_bytes();
    let (start, end) = main_region(&lower);
    blank_markup(raw, &lower, start, end, SKIP)
}

/// Returns `raw` with every tag, comment and invisible element blanked: all the text a
/// reader could see, at the file's own offsets.
pub fn visible(raw: &str) -> String {
    let lower = raw.to_ascii_lowercase().into_bytes();
    blank_markup(raw, &lower, 0, raw.len(), INVISIBLE)
}

/// Blanks markup between `start` and `end` (and everything outside), skipping the
/// content of the elements named in `skip`.
fn blank_markup(raw: &str, lower: &[u8], start: usize, end: usize, skip: &[&str]) -> String {
    let mut b = raw.as_bytes().to_vec();
    blank(&mut b, 0, start);
    let len = b.len();
    blank(&mut b, end, len);
    let mut i = start;
    // Depth inside skipped elements, with the name that opened the outermost one.
    let mut skipping: Option<(String, usize)> = None;
    let mut skip_from = 0;
    while i < end {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if lower[i..].starts_with(b"<!--") {
            let close = lower[i + 4..]
                .windows(3)
                .position(|w| w == b"-->")
                .map_or(end, |p| i + 4 + p + 3);
            blank(&mut b, i, close);
            i = close;
            continue;
        }
        let Some(te) = tag_end(&b, i) else {
            i += 1;
            continue;
        };
        let (name, closing) = tag_name(lower, i);
        let self_closing = b[te - 2] == b'/';
        match &mut skipping {
            Some((n, depth)) if *n == name => {
                if closing {
                    *depth -= 1;
                } else if !self_closing {
                    *depth += 1;
                }
                if *depth == 0 {
                    blank(&mut b, skip_from, te);
                    // Keep the place of a paragraph break.
                    b[skip_from] = b'\n';
                    skipping = None;
                }
            }
            Some(_) => {}
            None if !closing && !self_closing && skip.contains(&name.as_str()) => {
                // script and style content is raw text: jump straight to its end tag.
                if name == "script" || name == "style" {
                    let close = format!("</{name}");
                    let stop = lower[te..]
                        .windows(close.len())
                        .position(|w| w == close.as_bytes())
                        .map_or(end, |p| te + p);
                    let stop = tag_end(&b, stop).unwrap_or(end);
                    blank(&mut b, i, stop);
                    i = stop;
                    continue;
                }
                skipping = Some((name, 1));
                skip_from = i;
            }
            None => {
                blank(&mut b, i, te);
                if BLOCK.contains(&name.as_str()) {
                    b[i] = b'\n';
                }
            }
        }
        i = te;
    }
    if skipping.is_some() {
        blank(&mut b, skip_from, end);
    }
    String::from_utf8(b).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Words in a class or id that name a pull quote: the article's own words set large for
/// the eye.
const PULL_QUOTE_WORDS: &[&str] = &[
    "pullquote",
    "pull-quote",
    "pull_quote",
    "pullout",
    "pull-out",
];

/// Elements that never hold text, so never a caption or a pull quote.
const VOID: &[&str] = &[
    "img", "br", "hr", "input", "meta", "link", "source", "wbr", "area", "base", "col", "embed",
    "param", "track",
];

/// The value of attribute `name` in a lowercased tag (`<div class="a b">`).
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let b = tag.as_bytes();
    let mut from = 0;
    while let Some(k) = tag[from..].find(name) {
        let at = from + k;
        from = at + name.len();
        if !b[at - 1].is_ascii_whitespace() {
            continue;
        }
        let rest = tag[from..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        return Some(match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest
                .split(|c: char| c.is_ascii_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        });
    }
    None
}

/// What an opening tag makes of its element: a caption, a pull quote, or neither.
fn copy_kind(name: &str, tag: &str) -> Option<RegionKind> {
    if VOID.contains(&name) {
        return None;
    }
    let names = [attr(tag, "class"), attr(tag, "id")];
    let named = |words: &[&str]| {
        names
            .iter()
            .flatten()
            .any(|v| words.iter().any(|w| v.contains(w)))
    };
    if named(PULL_QUOTE_WORDS) || (name == "aside" && named(&["quote"])) {
        Some(RegionKind::PullQuote)
    } else if name == "figcaption" || named(&["caption"]) {
        Some(RegionKind::Caption)
    } else {
        None
    }
}

/// The elements of a page that show its words a second time: captions (`<figcaption>`,
/// or an element whose class names a caption) and pull quotes (an element whose class or
/// id names one, or an `<aside>` whose class names a quote). Byte ranges of the file,
/// outermost elements only, in order; an element never closed is left out (its end is
/// unknown, and marking the rest of the page would hide the article). Linear, like
/// [`strip`].
pub fn display_copies(raw: &str) -> Vec<(Range<usize>, RegionKind)> {
    let lower = raw.to_ascii_lowercase();
    let lb = lower.as_bytes();
    let mut out = Vec::new();
    // The element being read: its name, nesting depth, start and kind.
    let mut open: Option<(String, usize, usize, RegionKind)> = None;
    let mut i = 0;
    while let Some(k) = lb[i..].iter().position(|&c| c == b'<') {
        i += k;
        if lb[i..].starts_with(b"<!--") {
            i = lower[i + 4..]
                .find("-->")
                .map_or(lb.len(), |p| i + 4 + p + 3);
            continue;
        }
        let Some(te) = tag_end(lb, i) else {
            i += 1;
            continue;
        };
        let (name, closing) = tag_name(lb, i);
        if !closing && (name == "script" || name == "style") {
            // Raw text: no tags inside.
            let close = format!("</{name}");
            i = lower[te..].find(&close).map_or(lb.len(), |p| te + p);
            continue;
        }
        let self_closing = lb[te - 2] == b'/';
        match &mut open {
            Some((n, depth, start, kind)) if *n == name => {
                if closing {
                    *depth -= 1;
                } else if !self_closing {
                    *depth += 1;
                }
                if *depth == 0 {
                    out.push((*start..te, *kind));
                    open = None;
                }
            }
            Some(_) => {}
            None if !closing && !self_closing => {
                if let Some(kind) = copy_kind(&name, &lower[i..te]) {
                    open = Some((name, 1, i, kind));
                }
            }
            None => {}
        }
        i = te;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        s.split_whitespace().collect()
    }

    #[test]
    fn keeps_article_text_and_drops_navigation_and_scripts() {
        let raw = "<html><head><title>T</title><script>var a = '<p>';</script></head><body>\
<nav><a href=/>Home</a> <nav>inner</nav> Menu</nav>\
<article><h1>Headline</h1><p>First para.</p><aside>Ad</aside><p>Second&nbsp;para.</p></article>\
<footer>Contact</footer></body></html>";
        let s = strip(raw);
        assert_eq!(s.len(), raw.len());
        assert_eq!(
            words(&s),
            ["Headline", "First", "para.", "Second&nbsp;para."]
        );
        assert_eq!(s.find("First"), raw.find("First"));
    }

    #[test]
    fn without_article_uses_body() {
        let s = strip(
            "<html><head><style>p{}</style></head><body><p>One.</p><p>Two.</p></body></html>",
        );
        assert_eq!(words(&s), ["One.", "Two."]);
    }

    #[test]
    fn block_tags_break_paragraphs() {
        let s = strip("<body><p>One</p><p>Two</p></body>");
        let one = s.find("One").unwrap();
        let two = s.find("Two").unwrap();
        assert!(s[one..two].contains('\n'));
    }

    #[test]
    fn deeply_nested_markup_is_linear_and_safe() {
        let raw = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
        let s = strip(&raw);
        assert_eq!(words(&s), ["deep"]);
    }

    #[test]
    fn unclosed_tags_and_stray_brackets_do_not_lose_text() {
        let s = strip("<body>a < b and 3<4 <p>text");
        assert_eq!(words(&s), ["a", "<", "b", "and", "3<4", "text"]);
    }

    #[test]
    fn captions_and_pull_quotes_are_found_outermost_and_closed() {
        let raw = "<body><p>Body.</p><figure><img src=a.jpg><figcaption>The <b>mayor</b>\
                   </figcaption></figure><aside class=\"story-pullquote\"><blockquote>\
                   <p>Words</p></blockquote></aside><div class=\"Image-Caption\"><div>x</div>\
                   <div>y</div></div><a href=\"/pull-quote\">link</a><p class=caption>open";
        let found: Vec<(&str, RegionKind)> = display_copies(raw)
            .into_iter()
            .map(|(r, k)| (&raw[r], k))
            .collect();
        assert_eq!(
            found,
            [
                ("<figcaption>The <b>mayor</b></figcaption>", RegionKind::Caption),
                (
                    "<aside class=\"story-pullquote\"><blockquote><p>Words</p></blockquote></aside>",
                    RegionKind::PullQuote
                ),
                (
                    "<div class=\"Image-Caption\"><div>x</div><div>y</div></div>",
                    RegionKind::Caption
                ),
            ]
        );
    }

    #[test]
    fn a_blockquote_without_a_pull_quote_class_is_a_quotation() {
        let raw = "<blockquote class=\"letter\">Dear council</blockquote>\
                   <aside class=\"related\">More</aside><script>'<figcaption>'</script>";
        assert!(display_copies(raw).is_empty());
    }
}
