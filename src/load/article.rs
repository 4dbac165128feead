//! The article in a saved web page, found as a reader app finds it, kept at the file's
//! own offsets.
//!
//! `dom_smoothie` (readability.js in Rust, on the html5ever HTML5 parser) decides which
//! text is the article and reads the page's metadata. Its output has no positions, so the
//! words it kept are aligned back onto the page's visible text (every tag blanked, at the
//! file's offsets): 4-word runs found once on each side anchor the alignment, the longest
//! run of anchors in order is kept, and the words between anchors are matched in order.
//! Everything not aligned is blanked, so every later stage still reads offsets of the file
//! and evidence still quotes it. Linear in the page apart from a sort of the anchors.

use crate::hash::HashMap;

use dom_smoothie::{Config, Readability};

use super::markdown::blank;
use super::{html, normal};

/// What a page says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// As the page writes it (ISO 8601 in almost every page).
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
}

/// A page read: the file's text with everything but the article blanked, its metadata,
/// and a note when the article finder could not be used.
#[derive(Debug)]
pub struct Page {
    pub blanked: String,
    pub meta: PageMeta,
    pub warning: Option<String>,
}

/// Pages nested deeper than this are read with the hand-written fallback: the DOM path
/// recurses on some cleaning steps, and no article is nested this deep.
const MAX_DEPTH: usize = 1_000;

/// Reads a page: the article text in place, and the page's metadata.
pub fn read(raw: &str) -> Page {
    let fallback = |warning: Option<String>| Page {
        blanked: html::strip(raw),
        meta: PageMeta::default(),
        warning,
    };
    if nesting_depth(raw) > MAX_DEPTH {
        return fallback(Some(format!(
            "elements nested more than {MAX_DEPTH} deep; article found by tag names only"
        )));
    }
    let cfg = Config {
        keep_classes: true,
        ..Config::default()
    };
    let Ok(mut reader) = Readability::new(raw, None, Some(cfg)) else {
        return fallback(None);
    };
    let links = page_links(&reader.doc);
    let Ok(article) = reader.parse() else {
        return fallback(None);
    };
    let none_if_empty = |s: String| {
        let t = crate::span::one_line(&s);
        (!t.is_empty()).then_some(t)
    };
    let meta = PageMeta {
        title: none_if_empty(article.title.clone()),
        byline: article.byline.clone().and_then(none_if_empty),
        date: article
            .published_time
            .clone()
            .and_then(none_if_empty)
            .or(links.time),
        outlet: article.site_name.clone().and_then(none_if_empty),
        url: links
            .canonical
            .or_else(|| article.url.clone().and_then(none_if_empty)),
    };
    let words = article_words(&article.content);
    let blanked = keep_aligned(raw, &words);
    if !blanked.chars().any(char::is_alphanumeric) {
        let mut page = fallback(None);
        page.meta = meta;
        return page;
    }
    Page {
        blanked,
        meta,
        warning: None,
    }
}

/// The deepest element nesting of the page, counted cheaply on the tags (script and
/// style content skipped; elements whose end tag is usually left out not counted).
/// Parsing cost grows with depth × tags in an HTML5 tree builder, so a page nested
/// deeper than any article is read without it.
fn nesting_depth(raw: &str) -> usize {
    const UNCOUNTED: &[&[u8]] = &[
        b"br",
        b"img",
        b"meta",
        b"link",
        b"input",
        b"hr",
        b"source",
        b"wbr",
        b"area",
        b"base",
        b"col",
        b"embed",
        b"param",
        b"track",
        b"p",
        b"li",
        b"td",
        b"th",
        b"tr",
        b"dd",
        b"dt",
        b"option",
        b"tbody",
        b"thead",
        b"colgroup",
    ];
    let b = raw.as_bytes();
    let lower_starts = |i: usize, pat: &[u8]| {
        b.get(i..i + pat.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(pat))
    };
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(k) = b[i..].iter().position(|&c| c == b'<') {
        i += k + 1;
        if let Some(r) = b[i..].strip_prefix(b"/") {
            if r.first().is_some_and(u8::is_ascii_alphabetic) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let n = b[i..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let name = b[i..i + n].to_ascii_lowercase();
        if name == b"script" || name == b"style" {
            // Raw text: jump to the matching end tag.
            let close: &[u8] = if name == b"script" {
                b"</script"
            } else {
                b"</style"
            };
            match (i..b.len()).find(|&j| b[j] == b'<' && lower_starts(j, close)) {
                Some(j) => i = j + close.len(),
                None => break,
            }
            continue;
        }
        if !UNCOUNTED.contains(&name.as_slice()) {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// Canonical URL and `<time>` date, which the article finder does not read.
struct Links {
    canonical: Option<String>,
    time: Option<String>,
}

fn page_links(doc: &dom_query::Document) -> Links {
    let attr = |sel: &str, name: &str| {
        doc.select(sel)
            .attr(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    Links {
        canonical: attr("link[rel='canonical']", "href")
            .or_else(|| attr("meta[property='og:url']", "content")),
        time: attr("time[itemprop='datePublished']", "datetime")
            .or_else(|| attr("time[pubdate]", "datetime"))
            .or_else(|| attr("time[datetime]", "datetime")),
    }
}

/// The article's words in order (lowercase). Captions and pull quotes stay: they are
/// marked on the document (`html::display_copies`) and read once by the analysis.
fn article_words(content: &str) -> Vec<String> {
    let doc = dom_query::Document::from(content);
    let mut text = String::with_capacity(content.len() / 2);
    for node in doc.root().descendants_it() {
        if node.is_text() {
            text.push_str(&node.text());
            text.push(' ');
        }
    }
    let (text, _) = normal::normalize(&text, false);
    words(&text)
        .map(|(s, e)| text[s..e].to_lowercase())
        .collect()
}

/// Byte ranges of the words (runs of letters and digits) of `text`.
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut it = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while it.peek().is_some_and(|(_, c)| !c.is_alphanumeric()) {
            it.next();
        }
        let (start, _) = *it.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = it.peek() {
            if !c.is_alphanumeric() {
                break;
            }
            end = i + c.len_utf8();
            it.next();
        }
        Some((start, end))
    })
}

/// `raw` with everything blanked but the visible text whose words align with `article`.
fn keep_aligned(raw: &str, article: &[String]) -> String {
    let vis = html::visible(raw);
    let (text, map) = normal::normalize(&vis, true);
    let spans: Vec<(usize, usize)> = words(&text).collect();
    let keys: Vec<String> = spans
        .iter()
        .map(|&(s, e)| text[s..e].to_lowercase())
        .collect();
    let matched = align(article, &keys);
    // Kept ranges in the analysis text: runs of matched words with what lies between
    // them, widened to the punctuation around a run ("$5", "said.").
    let mut keep: Vec<(usize, usize)> = Vec::new();
    let mut j = 0;
    while j < spans.len() {
        if !matched[j] {
            j += 1;
            continue;
        }
        let first = j;
        while j + 1 < spans.len() && matched[j + 1] {
            j += 1;
        }
        let (mut s, mut e) = (spans[first].0, spans[j].1);
        let punct = |c: char| !c.is_whitespace() && !c.is_alphanumeric();
        s -= text[..s]
            .chars()
            .rev()
            .take_while(|&c| punct(c))
            .map(char::len_utf8)
            .sum::<usize>();
        e += text[e..]
            .chars()
            .take_while(|&c| punct(c))
            .map(char::len_utf8)
            .sum::<usize>();
        keep.push((map.to_raw_start(s), map.to_raw_end(e)));
        j += 1;
    }
    let mut b = vis.into_bytes();
    let mut from = 0;
    for (s, e) in keep {
        let s = s.max(from);
        blank(&mut b, from, s);
        from = e.max(from);
    }
    let len = b.len();
    blank(&mut b, from, len);
    // Only whole chars were overwritten with ASCII, so this cannot fail.
    String::from_utf8(b).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Word-gram length of an anchor.
const K: usize = 4;
/// How far ahead, in words, an unanchored word is looked for.
const LOOK: usize = 256;

/// Which of `page`'s words are the article's: a monotone alignment of `article` onto
/// `page`.
fn align(article: &[String], page: &[String]) -> Vec<bool> {
    let mut matched = vec![false; page.len()];
    let (ga, gp) = (grams(article), grams(page));
    let anchors: Vec<(usize, usize)> = article
        .windows(K)
        .enumerate()
        .filter(|(_, g)| ga[g].0 == 1)
        .filter_map(|(i, g)| gp.get(g).filter(|c| c.0 == 1).map(|c| (i, c.1)))
        .collect();
    let chain = increasing_chain(&anchors);
    let (mut ai, mut pj) = match chain.first() {
        Some(&(i, j)) => {
            fill_back(&article[..i], &page[..j], &mut matched[..j]);
            (i, j)
        }
        None => (0, 0),
    };
    for &(i, j) in &chain {
        if i >= ai && j >= pj {
            fill(&article[ai..i], &page[pj..j], &mut matched[pj..j]);
        }
        for d in 0..K {
            if i + d >= ai && j + d >= pj {
                matched[j + d] = true;
            }
        }
        ai = ai.max(i + K);
        pj = pj.max(j + K);
    }
    fill(&article[ai..], &page[pj..], &mut matched[pj..]);
    matched
}

/// Every K-gram of `ws`: how often it occurs, and where first.
fn grams(ws: &[String]) -> HashMap<&[String], (u32, usize)> {
    let mut m: HashMap<&[String], (u32, usize)> = HashMap::default();
    for (i, g) in ws.windows(K).enumerate() {
        m.entry(g).or_insert((0, i)).0 += 1;
    }
    m
}

/// The longest chain of anchors increasing in both coordinates (anchors come sorted by
/// their first), by patience sorting.
fn increasing_chain(anchors: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut tails: Vec<usize> = Vec::new(); // index into anchors of each pile's top
    let mut prev: Vec<Option<usize>> = vec![None; anchors.len()];
    for (k, &(_, j)) in anchors.iter().enumerate() {
        let p = tails.partition_point(|&t| anchors[t].1 < j);
        prev[k] = p.checked_sub(1).map(|q| tails[q]);
        if p == tails.len() {
            tails.push(k);
        } else {
            tails[p] = k;
        }
    }
    let mut out = Vec::new();
    let mut at = tails.last().copied();
    while let Some(k) = at {
        out.push(anchors[k]);
        at = prev[k];
    }
    out.reverse();
    out
}

/// Matches `article` words in order onto `page` words, each looked for a bounded way
/// ahead of the last match. When the first match is not followed by the article's next
/// word, and the same word stands again just before that next word, the second place is
/// taken: a common word ("the") is not taken from a pull quote or caption the article
/// finder dropped when it also opens the sentence that follows. Never a place past the
/// next word's own first match, so no run of the page is skipped for it.
fn fill(article: &[String], page: &[String], matched: &mut [bool]) {
    let mut p = 0;
    for (i, w) in article.iter().enumerate() {
        let end = (p + LOOK).min(page.len());
        let Some(mut q) = (p..end).find(|&q| page[q] == *w) else {
            continue;
        };
        if let Some(next) = article.get(i + 1) {
            let y = (q + 1..end).find(|&y| page[y] == *next);
            if let Some(y) = y.filter(|&y| y > q + 1 && page[y - 1] == *w) {
                q = y - 1;
            }
        }
        matched[q] = true;
        p = q + 1;
    }
}

/// Like [`fill`], from the end backwards: the words before the first anchor are
/// nearest to it, and the place just after the word before is preferred the same way.
fn fill_back(article: &[String], page: &[String], matched: &mut [bool]) {
    let mut p = page.len();
    for (i, w) in article.iter().enumerate().rev() {
        let start = p.saturating_sub(LOOK);
        let Some(mut q) = (start..p).rev().find(|&q| page[q] == *w) else {
            continue;
        };
        if let Some(prev) = i.checked_sub(1).map(|k| &article[k]) {
            let y = (start..q).rev().find(|&y| page[y] == *prev);
            if let Some(y) = y.filter(|&y| y + 1 < q && page[y + 1] == *w) {
                q = y + 1;
            }
        }
        matched[q] = true;
        p = q;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn alignment_skips_page_words_the_article_lacks() {
        let page = w("home news sport the mayor said on monday that share this the budget rose by five percent read more");
        let art = w("the mayor said on monday that the budget rose by five percent");
        let m = align(&art, &page);
        let kept: Vec<&str> = page
            .iter()
            .zip(&m)
            .filter(|(_, k)| **k)
            .map(|(s, _)| s.as_str())
            .collect();
        assert_eq!(kept.join(" "), art.join(" "));
    }

    #[test]
    fn a_common_word_is_matched_where_its_sentence_goes_on() {
        // The page holds a pull quote the article finder dropped; "the" opens both it and
        // the article's next sentence.
        let page = w("we will rebuild the bridge soon the repairs will cost more");
        let art = w("the repairs will cost more");
        let mut m = vec![false; page.len()];
        fill(&art, &page, &mut m);
        let kept: Vec<usize> = (0..page.len()).filter(|&q| m[q]).collect();
        assert_eq!(kept, [6, 7, 8, 9, 10]);
        let mut m = vec![false; page.len()];
        fill_back(&art, &page, &mut m);
        assert_eq!(m.iter().filter(|x| **x).count(), 5);
        assert!(m[6] && !m[3]);
        // A repeated paragraph is not skipped to find a pair further on.
        let page = w("a b c share x a b c share");
        let art = w("a b c a b c");
        let mut m = vec![false; page.len()];
        fill(&art, &page, &mut m);
        assert_eq!(m, [true, true, true, false, false, true, true, true, false]);
    }

    #[test]
    fn chain_is_longest_increasing() {
        let c = increasing_chain(&[(0, 5), (1, 1), (2, 2), (3, 0), (4, 3)]);
        assert_eq!(c, [(1, 1), (2, 2), (4, 3)]);
    }

    #[test]
    fn article_text_keeps_offsets_and_drops_boilerplate() {
        let para = "<p>The council of Veldmark voted on Tuesday to close the old harbour bridge \
                    for repairs, a decision that engineers had urged for two years.</p>";
        let raw = format!(
            "<html><head><title>Bridge closes</title></head><body>\
             <nav><a href=/>Home</a> <a href=/s>Sport</a></nav>\
             <div class=\"related\"><a href=/x>Most read: cats</a></div>\
             <article><h1>Bridge closes</h1>{para}{para}\
             <p>Repairs will cost &euro;4&#8201;million, the treasurer Ola Brandvik said.</p>\
             {para}</article><footer>Contact us</footer></body></html>"
        );
        let page = read(&raw);
        assert_eq!(page.blanked.len(), raw.len());
        assert!(!page.blanked.contains("Most read"), "{}", page.blanked);
        assert!(!page.blanked.contains("Sport"));
        let at = page.blanked.find("Brandvik").unwrap();
        assert_eq!(raw.find("Brandvik"), Some(at));
        assert!(page.blanked.contains("&euro;4&#8201;million"));
        assert_eq!(page.meta.title.as_deref(), Some("Bridge closes"));
    }

    #[test]
    fn metadata_from_open_graph_json_ld_and_time() {
        let body = "<p>The council of Veldmark voted on Tuesday to close the old harbour \
                    bridge for repairs, a decision that engineers had urged for years.</p>"
            .repeat(4);
        let raw = format!(
            "<html><head><title>X</title>\
             <meta property=\"og:title\" content=\"Bridge to close\">\
             <meta property=\"og:site_name\" content=\"Veldmark Post\">\
             <link rel=\"canonical\" href=\"https://post.example/bridge\">\
             <script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\
             \"headline\":\"Bridge to close\",\"author\":{{\"@type\":\"Person\",\"name\":\"Ola Brandvik\"}},\
             \"datePublished\":\"2024-02-29T08:00:00Z\"}}</script></head>\
             <body><article>{body}</article></body></html>"
        );
        let m = read(&raw).meta;
        assert_eq!(m.title.as_deref(), Some("Bridge to close"));
        assert_eq!(m.byline.as_deref(), Some("Ola Brandvik"));
        assert_eq!(m.date.as_deref().map(|d| &d[..10]), Some("2024-02-29"));
        assert_eq!(m.outlet.as_deref(), Some("Veldmark Post"));
        assert_eq!(m.url.as_deref(), Some("https://post.example/bridge"));
        let raw = raw
            .replace("\"datePublished\":\"2024-02-29T08:00:00Z\"", "\"x\":1")
            .replace(
                "<article>",
                "<article><time datetime=\"2023-05-06\">May 6</time>",
            );
        assert_eq!(read(&raw).meta.date.as_deref(), Some("2023-05-06"));
    }

    #[test]
    fn deeply_nested_pages_fall_back_with_a_warning() {
        let raw = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
        let page = read(&raw);
        assert!(page.warning.unwrap().contains("nested"));
        assert_eq!(
            page.blanked.split_whitespace().collect::<Vec<_>>(),
            ["deep"]
        );
    }
}
