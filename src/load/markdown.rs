//! Markdown markup blanked out in place, as a CommonMark parser reads it.
//!
//! Markup bytes are replaced by spaces of the same length, so every offset in the result
//! is the same offset in the file: positions need no map, and evidence quotes the file.

/// Overwrites `b[range]` with spaces (keeping newlines).
pub(crate) fn blank(b: &mut [u8], start: usize, end: usize) {
    let end = end.min(b.len());
    for x in &mut b[start..end] {
        if *x != b'\n' {
            *x = b' ';
        }
    }
}

/// End of an HTML tag starting at `i` (`<a ...>`, `</p>`), if it looks like one.
pub(crate) fn tag_end(b: &[u8], i: usize) -> Option<usize> {
    let next = *b.get(i + 1)?;
    if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!' || next == b'?') {
        return None;
    }
    let mut quote = 0u8;
    for (k, &c) in b[i + 1..].iter().enumerate() {
        match c {
            b'"' | b'\'' if quote == 0 => quote = c,
            c if c == quote => quote = 0,
            b'>' if quote == 0 => return Some(i + 1 + k + 1),
            b'<' if quote == 0 => return None,
            _ => {}
        }
    }
    None
}

/// Returns `raw` with Markdown markup replaced by spaces, byte for byte: only the text
/// that pulldown-cmark (a CommonMark parser) reports, at the source ranges it reports,
/// is kept. Newlines are always kept, so paragraphs and lines stay apart.
pub fn strip(raw: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser};
    let mut keep: Vec<std::ops::Range<usize>> = Vec::new();
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    for (event, range) in Parser::new_ext(raw, opts).into_offset_iter() {
        match event {
            Event::Text(_) | Event::FootnoteReference(_) => keep.push(range),
            // The range of inline code includes its backticks: keep what is inside.
            Event::Code(_) => {
                let inner = &raw[range.clone()];
                let ticks = inner.bytes().take_while(|&c| c == b'`').count();
                if inner.len() >= 2 * ticks {
                    keep.push(range.start + ticks..range.end - ticks);
                }
            }
            _ => {}
        }
    }
    keep.sort_by_key(|r| r.start);
    let mut b = raw.as_bytes().to_vec();
    let mut from = 0;
    for r in keep {
        blank(&mut b, from, r.start.max(from));
        from = from.max(r.end);
    }
    let len = b.len();
    blank(&mut b, from, len);
    // The kept ranges lie on char boundaries and only ASCII was written: still UTF-8.
    String::from_utf8(b).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_kept() {
        let raw = "# Title\n\nSome **bold** and [a link](http://x.example) here.\n";
        let s = strip(raw);
        assert_eq!(s.len(), raw.len());
        assert_eq!(s.find("bold"), raw.find("bold"));
        assert_eq!(s.find("here"), raw.find("here"));
    }

    #[test]
    fn markup_is_blanked() {
        let s = strip("## Heading\n> quoted *em* `code`\n- item one\n12. item two\n");
        let words: Vec<&str> = s.split_whitespace().collect();
        assert_eq!(
            words,
            ["Heading", "quoted", "em", "code", "item", "one", "item", "two"]
        );
    }

    #[test]
    fn links_keep_their_text_and_images_their_alt() {
        let s = strip("See [the report](https://x.example/r) and ![a map](m.png).");
        let words: Vec<&str> = s.split_whitespace().collect();
        assert_eq!(words, ["See", "the", "report", "and", "a", "map", "."]);
    }

    #[test]
    fn words_with_underscores_and_arithmetic_stay() {
        let s = strip("snake_case stays, 2*3 stays");
        assert_eq!(s, "snake_case stays, 2*3 stays");
    }

    #[test]
    fn html_comments_and_tags_are_blanked() {
        let s = strip("a <!-- factdiff-ignore x --> b <br/> c");
        let words: Vec<&str> = s.split_whitespace().collect();
        assert_eq!(words, ["a", "b", "c"]);
    }

    #[test]
    fn setext_headings_tables_and_entities() {
        let raw = "Title\n=====\n\n| a | b |\n|---|---|\n| 12 | x\\|y |\n\nAT&amp;T &copy;\n";
        let s = strip(raw);
        let words: Vec<&str> = s.split_whitespace().collect();
        assert_eq!(
            words,
            ["Title", "a", "b", "12", "x", "|y", "AT&amp;T", "&copy;"]
        );
        assert_eq!(s.find("12"), raw.find("12"));
    }

    #[test]
    fn fenced_code_markers_go_and_rules_go() {
        let s = strip("```\ncode\n```\n---\ntext");
        let words: Vec<&str> = s.split_whitespace().collect();
        assert_eq!(words, ["code", "text"]);
    }
}
