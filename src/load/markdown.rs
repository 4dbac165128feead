//! Markdown markup blanked out in place.
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

/// Overwrites `b[range]` with spaces, keeping whole UTF-8 chars valid: only used on
/// ranges whose bounds lie on char boundaries, so the result stays valid UTF-8.
fn blank_line_prefix(line: &mut [u8]) {
    let mut i = 0;
    while i < line.len() && line[i] == b' ' {
        i += 1;
    }
    let rest = line[i..].to_vec();
    let rest = rest.as_slice();
    // Headings, block quotes, list bullets, numbered lists.
    let marker = if rest.starts_with(b"#") {
        let n = rest.iter().take_while(|&&c| c == b'#').count();
        if n <= 6 && rest.get(n).is_none_or(|&c| c == b' ') {
            n
        } else {
            0
        }
    } else if rest.starts_with(b"> ")
        || rest == b">"
        || ((rest.starts_with(b"- ") || rest.starts_with(b"* ") || rest.starts_with(b"+ "))
            && !is_rule(rest))
    {
        1
    } else {
        let d = rest.iter().take_while(|c| c.is_ascii_digit()).count();
        if d > 0
            && d < 10
            && matches!(rest.get(d), Some(b'.') | Some(b')'))
            && rest.get(d + 1) == Some(&b' ')
        {
            d + 1
        } else {
            0
        }
    };
    blank(line, i, i + marker);
    if marker > 0 && rest.starts_with(b">") {
        // Nested quotes and lists inside quotes.
        blank_line_prefix(&mut line[i + marker..]);
    }
}

fn is_rule(line: &[u8]) -> bool {
    let t: Vec<u8> = line.iter().copied().filter(|c| *c != b' ').collect();
    t.len() >= 3
        && (t.iter().all(|&c| c == b'-')
            || t.iter().all(|&c| c == b'*')
            || t.iter().all(|&c| c == b'_'))
}

/// Blanks inline markup: emphasis, code ticks, links, images, HTML tags and comments.
fn blank_inline(b: &mut [u8]) {
    let n = b.len();
    let mut i = 0;
    while i < n {
        match b[i] {
            b'\\' if i + 1 < n && b[i + 1].is_ascii_punctuation() => {
                b[i] = b' ';
                i += 2;
            }
            b'<' => {
                if b[i..].starts_with(b"<!--") {
                    let end = find(b, i + 4, b"-->").map_or(n, |e| e + 3);
                    blank(b, i, end);
                    i = end;
                } else if let Some(end) = tag_end(b, i) {
                    blank(b, i, end);
                    i = end;
                } else {
                    i += 1;
                }
            }
            b'!' if b.get(i + 1) == Some(&b'[') => {
                b[i] = b' ';
                i += 1;
            }
            b'[' => {
                // [text](url) or [text][ref]: keep the text, blank the rest.
                if let Some(close) = b[i + 1..].iter().position(|&c| c == b']' || c == b'\n') {
                    let close = i + 1 + close;
                    if b[close] == b']' {
                        let after = b.get(close + 1).copied();
                        let end = match after {
                            Some(b'(') => b[close..]
                                .iter()
                                .position(|&c| c == b')')
                                .map(|p| close + p + 1),
                            Some(b'[') => {
                                b[close..].iter().position(|&c| c == b']').and_then(|_| {
                                    b[close + 1..]
                                        .iter()
                                        .position(|&c| c == b']')
                                        .map(|p| close + 1 + p + 1)
                                })
                            }
                            _ => None,
                        };
                        if let Some(end) = end {
                            b[i] = b' ';
                            blank(b, close, end);
                            i += 1;
                            continue;
                        }
                    }
                }
                i += 1;
            }
            b'`' => {
                b[i] = b' ';
                i += 1;
            }
            b'*' | b'_' | b'~' => {
                // Emphasis markers touch a word on one side and are not inside a word
                // (snake_case and 2*3 stay as they are).
                let c = b[i];
                let run = b[i..].iter().take_while(|&&x| x == c).count();
                let before = if i == 0 { b' ' } else { b[i - 1] };
                let after = b.get(i + run).copied().unwrap_or(b' ');
                let word = |x: u8| x.is_ascii_alphanumeric() || x >= 0x80;
                let inside_word = word(before) && word(after);
                let touches =
                    word(before) != word(after) || (!word(before) && !after.is_ascii_whitespace());
                if !inside_word && touches && !(c == b'~' && run == 1) {
                    blank(b, i, i + run);
                }
                i += run;
            }
            _ => i += 1,
        }
    }
}

fn find(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(pat.len())
        .position(|w| w == pat)
        .map(|p| from + p)
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

/// Returns `raw` with Markdown markup replaced by spaces, byte for byte.
pub fn strip(raw: &str) -> String {
    let mut b = raw.as_bytes().to_vec();
    let mut start = 0;
    let mut in_fence = false;
    while start < b.len() {
        let end = b[start..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(b.len(), |p| start + p);
        let line = &mut b[start..end];
        let trimmed: Vec<u8> = line.iter().copied().skip_while(|&c| c == b' ').collect();
        if trimmed.starts_with(b"```") || trimmed.starts_with(b"~~~") {
            in_fence = !in_fence;
            blank(line, 0, line.len());
        } else if !in_fence {
            if is_rule(line) || trimmed.iter().all(|&c| c == b'=') && !trimmed.is_empty() {
                blank(line, 0, line.len());
            } else {
                blank_line_prefix(line);
                blank_inline(line);
            }
        }
        start = end + 1;
    }
    // Only ASCII bytes were overwritten with ASCII, so this cannot fail.
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
    fn fenced_code_markers_go_and_rules_go() {
        let s = strip("```\ncode\n```\n---\ntext");
        let words: Vec<&str> = s.split_whitespace().collect();
        assert_eq!(words, ["code", "text"]);
    }
}
