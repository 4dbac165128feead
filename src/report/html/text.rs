//! Text as the page shows it: escaped, on one line, shortened, numbers grouped.

use std::fmt::Write as _;

use super::super::ValueView;

/// Escapes text for HTML text and double- or single-quoted attribute values. Terminal
/// and bidi controls and zero-width characters are shown as `\u{…}` (as in the table),
/// so a source cannot reorder or hide what the page shows.
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' | '\r' => out.push(c),
            c if c.is_control()
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}'..='\u{200F}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}') =>
            {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// The URL when it is a plain http(s) URL that is safe to link, else `None`.
pub(super) fn safe_url(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    let scheme_ok = lower.starts_with("http://") || lower.starts_with("https://");
    let clean = !u
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\\'));
    (scheme_ok && clean && u.len() > 8).then_some(u)
}

/// Whitespace runs folded to one space (ends kept, so parts can be joined).
pub(super) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// The last `n` chars of `s`, with "…" when cut.
pub(super) fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        return s.to_string();
    }
    let skip = s.char_indices().nth(count - n).map_or(0, |(i, _)| i);
    format!("…{}", &s[skip..])
}

/// The first `n` chars of `s`, with "…" when cut.
pub(super) fn head(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// A number as people write it: `17,000`, `2.5`, `0.003`.
pub(super) fn num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        let digits = format!("{}", x.abs() as u64);
        let mut out = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        if x < 0.0 {
            out.insert(0, '-');
        }
        out
    } else {
        let s = format!("{x:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A value or interval as the card shows it ("12–15", "≥ 3").
pub(super) fn value_text(v: &ValueView) -> String {
    match (v.low, v.high) {
        (Some(l), Some(h)) if l == h => num(l),
        (Some(l), Some(h)) => format!("{}–{}", num(l), num(h)),
        (Some(l), None) => format!("≥ {}", num(l)),
        (None, Some(h)) => format!("≤ {}", num(h)),
        (None, None) => "unknown".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_controls() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(esc("a\u{202E}b\u{0}c\nd"), "a\\u{202e}b\\u{0}c\nd");
    }

    #[test]
    fn only_http_urls_are_linked() {
        assert_eq!(
            safe_url(" https://x.example/a?b=1 "),
            Some("https://x.example/a?b=1")
        );
        assert_eq!(safe_url("HTTP://x.example"), Some("HTTP://x.example"));
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("JaVaScRiPt:alert(1)"), None);
        assert_eq!(safe_url("data:text/html,<b>"), None);
        assert_eq!(safe_url("https://x.example/\"onmouseover=1"), None);
        assert_eq!(safe_url("https://"), None);
    }

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(num(17000.0), "17,000");
        assert_eq!(num(250.0), "250");
        assert_eq!(num(-1234567.0), "-1,234,567");
        assert_eq!(num(2.5), "2.5");
    }
}
