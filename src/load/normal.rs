//! Text normalisation that keeps positions.
//!
//! The analysis text differs from a source's own text in ways that matter for matching
//! but must never leak into reports: Unicode NFC, curly quotes as straight ones, no-break
//! and thin spaces as plain spaces, zero-width characters dropped, and (for HTML) entities
//! decoded. [`OffsetMap`] takes any span of the analysis text back to the exact bytes of
//! the source, so evidence always quotes the source as written.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// One stretch where the analysis text differs from the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Edit {
    text_start: usize,
    text_end: usize,
    raw_start: usize,
    raw_end: usize,
}

/// Maps byte offsets in the analysis text to byte offsets in the source text.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    edits: Vec<Edit>,
}

impl OffsetMap {
    /// The last edit starting at or before `t`.
    fn edit_at(&self, t: usize) -> Option<&Edit> {
        let k = self.edits.partition_point(|e| e.text_start <= t);
        if k == 0 {
            None
        } else {
            Some(&self.edits[k - 1])
        }
    }

    fn map(&self, t: usize, end: bool) -> usize {
        match self.edit_at(t) {
            None => t,
            Some(e) if t == e.text_start && !(end && e.text_start < e.text_end) => e.raw_start,
            Some(e) if t < e.text_end => {
                if end {
                    e.raw_end
                } else {
                    e.raw_start
                }
            }
            Some(e) => e.raw_end + (t - e.text_end),
        }
    }

    /// Source offset of the char that starts at analysis offset `t`.
    pub fn to_raw_start(&self, t: usize) -> usize {
        self.map(t, false)
    }

    /// Analysis offset of source offset `r`: the inverse of [`OffsetMap::to_raw_start`]
    /// (an offset inside an edited stretch, such as an entity, maps to its start).
    pub fn to_text(&self, r: usize) -> usize {
        let k = self.edits.partition_point(|e| e.raw_start <= r);
        match k.checked_sub(1).map(|k| &self.edits[k]) {
            None => r,
            Some(e) if r < e.raw_end => e.text_start,
            Some(e) => e.text_end + (r - e.raw_end),
        }
    }

    /// Source offset just after the char that ends at analysis offset `t`.
    pub fn to_raw_end(&self, t: usize) -> usize {
        if t == 0 {
            return self.map(0, false);
        }
        // Map the last byte inside the span, then step past its edit or char.
        match self.edit_at(t - 1) {
            Some(e) if t - 1 < e.text_end => e.raw_end,
            _ => self.map(t, false),
        }
    }
}

/// Replacement for one char, or `None` to keep it.
fn substitute(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => "\"",
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => " ",
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => "",
        '\u{2028}' | '\u{2029}' | '\u{0085}' => "\n",
        '\u{2212}' => "-",
        _ => return None,
    })
}

/// Decodes one character reference at the start of `s` (which begins with '&') as an
/// HTML5 parser does: the decoded text and the reference's length in bytes.
///
/// Numeric references that name no usable char (`&#0;`, surrogates such as `&#xD800;`,
/// values past U+10FFFF, however many digits) decode to U+FFFD, never to their digits,
/// so a malformed reference is never read as a number; `&#128;`–`&#159;` are the
/// windows-1252 chars, as browsers read them. Named references use the HTML5 table,
/// including the legacy ones written without a semicolon (`&amp`, `&copy`).
fn decode_entity(s: &str) -> Option<(String, usize)> {
    let b = s.as_bytes();
    let (decoded, len): (Vec<char>, usize) = if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let start = if hex { 3 } else { 2 };
        let radix = if hex { 16 } else { 10 };
        let n = b[start..]
            .iter()
            .take_while(|c| char::from(**c).is_digit(radix))
            .count();
        if n == 0 {
            return None;
        }
        // Saturates: twenty digits are as out of range as seven.
        let code = b[start..start + n].iter().fold(0u32, |acc, &c| {
            let d = char::from(c).to_digit(radix).unwrap_or(0);
            acc.saturating_mul(radix).saturating_add(d).min(0x11_0000)
        });
        let c = match code {
            0x80..=0x9F => markup5ever::data::C1_REPLACEMENTS[(code - 0x80) as usize]
                .unwrap_or(char::from_u32(code).unwrap_or('\u{FFFD}')),
            0 => '\u{FFFD}',
            _ => char::from_u32(code).unwrap_or('\u{FFFD}'),
        };
        let semi = usize::from(b.get(start + n) == Some(&b';'));
        (vec![c], start + n + semi)
    } else {
        let n = b[1..]
            .iter()
            .take(40)
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if n == 0 {
            return None;
        }
        let with_semi = b.get(1 + n) == Some(&b';');
        let lookup = |name: &str| {
            // The table also lists every prefix of a name, as (0, 0): not a reference.
            markup5ever::data::NAMED_ENTITIES
                .get(name)
                .copied()
                .filter(|cp| cp.0 != 0)
        };
        // The longest name the table knows: with its semicolon, or a legacy one without.
        let found = if with_semi {
            lookup(&s[1..n + 2]).map(|cp| (cp, n + 2))
        } else {
            None
        }
        .or_else(|| {
            (2..=n.min(8))
                .rev()
                .find_map(|k| lookup(&s[1..1 + k]).map(|cp| (cp, 1 + k)))
        })?;
        let ((c1, c2), len) = found;
        let chars = [c1, c2]
            .into_iter()
            .filter(|&c| c != 0)
            .filter_map(char::from_u32)
            .collect();
        (chars, len)
    };
    let mut out = String::new();
    for c in decoded {
        match substitute(c) {
            Some(r) => out.push_str(r),
            None => out.push(c),
        }
    }
    Some((out, len))
}

/// How many bytes `bytes` starts with that are ASCII (and, with `html_entities`, not
/// "&"): eight at a time while all eight are (one test of the word), then a byte at a
/// time.
fn plain_len(bytes: &[u8], html_entities: bool) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // Is some byte of `x` zero? (Exact as a yes or no.)
    let zero_in = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let amp = if html_entities {
        ONES * u64::from(b'&')
    } else {
        // A byte no ASCII word holds: the test of it never stops the walk.
        ONES * 0x80
    };
    let mut i = 0;
    while i + 8 <= bytes.len() {
        let word: [u8; 8] = bytes[i..i + 8].try_into().unwrap_or([0x80; 8]);
        let x = u64::from_ne_bytes(word);
        if x & HIGH != 0 || zero_in(x ^ amp) != 0 {
            break;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i] < 0x80 && !(html_entities && bytes[i] == b'&') {
        i += 1;
    }
    i
}

/// Builds the analysis text of `raw` and the map back to it.
pub fn normalize(raw: &str, html_entities: bool) -> (String, OffsetMap) {
    let mut text = String::with_capacity(raw.len());
    let mut edits = Vec::new();
    let bytes = raw.as_bytes();
    let mut i = 0;
    let mut group = String::new();
    let mut out = String::new();
    while i < raw.len() {
        let b = bytes[i];
        // Fast path: ASCII that is not the start of an entity and is not followed by a
        // combining mark passes through unchanged. Inside a run of such bytes each is
        // followed by ASCII, so all but the run's last are copied at once.
        let plain = |b: u8| b < 0x80 && !(html_entities && b == b'&');
        let run = plain_len(&bytes[i..], html_entities);
        if run > 1 {
            text.push_str(&raw[i..i + run - 1]);
            i += run - 1;
            continue;
        }
        if plain(b) {
            let next_combines = raw[i + 1..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_ascii() && canonical_combining_class(c) != 0);
            if !next_combines {
                text.push(b as char);
                i += 1;
                continue;
            }
        }
        if html_entities && b == b'&' {
            if let Some((dec, len)) = decode_entity(&raw[i..]) {
                edits.push(Edit {
                    text_start: text.len(),
                    text_end: text.len() + dec.len(),
                    raw_start: i,
                    raw_end: i + len,
                });
                text.push_str(&dec);
                i += len;
                continue;
            }
            text.push('&');
            i += 1;
            continue;
        }
        // A starter and the combining marks that follow it form one group.
        let mut end = i + raw[i..].chars().next().map_or(1, char::len_utf8);
        while let Some(c) = raw[end..].chars().next() {
            if c.is_ascii() || canonical_combining_class(c) == 0 {
                break;
            }
            end += c.len_utf8();
        }
        let src = &raw[i..end];
        group.clear();
        let composed: &str = if is_nfc_quick(src.chars()) == IsNormalized::Yes {
            src
        } else {
            group.extend(src.nfc());
            &group
        };
        out.clear();
        for c in composed.chars() {
            match substitute(c) {
                Some(r) => out.push_str(r),
                None => out.push(c),
            }
        }
        if out != src {
            edits.push(Edit {
                text_start: text.len(),
                text_end: text.len() + out.len(),
                raw_start: i,
                raw_end: end,
            });
        }
        text.push_str(&out);
        i = end;
    }
    (text, OffsetMap { edits })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain run measured eight bytes at a time is the run counted a byte at a
    /// time: every start of texts with "&" and a byte outside ASCII at each place.
    #[test]
    fn plain_runs_are_counted_as_byte_by_byte() {
        let mut texts: Vec<Vec<u8>> = vec![Vec::new(), b"&".to_vec()];
        for stop in [b'&', 0x80, 0xC3, 0xFF, 0x7F, 0x00, b'%', b'\''] {
            for at in 0..20 {
                let mut t = b"abcdefghijklmnopqrstu".to_vec();
                t[at] = stop;
                texts.push(t);
            }
        }
        for t in &texts {
            for i in 0..=t.len() {
                for entities in [false, true] {
                    let by_byte = t[i..]
                        .iter()
                        .take_while(|&&b| b < 0x80 && !(entities && b == b'&'))
                        .count();
                    assert_eq!(
                        plain_len(&t[i..], entities),
                        by_byte,
                        "{t:?} {i} {entities}"
                    );
                }
            }
        }
    }

    fn raw_of<'a>(raw: &'a str, text: &str, map: &OffsetMap, needle: &str) -> &'a str {
        let s = text.find(needle).unwrap();
        &raw[map.to_raw_start(s)..map.to_raw_end(s + needle.len())]
    }

    /// The analysis text as first built, a byte at a time on the ASCII path: the
    /// definition that copying runs of ASCII must agree with.
    fn normalize_by_definition(raw: &str, html_entities: bool) -> (String, Vec<Edit>) {
        let mut text = String::new();
        let mut edits = Vec::new();
        let bytes = raw.as_bytes();
        let mut i = 0;
        while i < raw.len() {
            let b = bytes[i];
            if b < 0x80 && !(html_entities && b == b'&') {
                let next_combines = raw[i + 1..]
                    .chars()
                    .next()
                    .is_some_and(|c| !c.is_ascii() && canonical_combining_class(c) != 0);
                if !next_combines {
                    text.push(b as char);
                    i += 1;
                    continue;
                }
            }
            if html_entities && b == b'&' {
                if let Some((dec, len)) = decode_entity(&raw[i..]) {
                    edits.push(Edit {
                        text_start: text.len(),
                        text_end: text.len() + dec.len(),
                        raw_start: i,
                        raw_end: i + len,
                    });
                    text.push_str(&dec);
                    i += len;
                    continue;
                }
                text.push('&');
                i += 1;
                continue;
            }
            let mut end = i + raw[i..].chars().next().map_or(1, char::len_utf8);
            while let Some(c) = raw[end..].chars().next() {
                if c.is_ascii() || canonical_combining_class(c) == 0 {
                    break;
                }
                end += c.len_utf8();
            }
            let src = &raw[i..end];
            let composed: String = src.nfc().collect();
            let mut out = String::new();
            for c in composed.chars() {
                match substitute(c) {
                    Some(r) => out.push_str(r),
                    None => out.push(c),
                }
            }
            if out != src {
                edits.push(Edit {
                    text_start: text.len(),
                    text_end: text.len() + out.len(),
                    raw_start: i,
                    raw_end: end,
                });
            }
            text.push_str(&out);
            i = end;
        }
        (text, edits)
    }

    #[test]
    fn ascii_runs_are_copied_as_a_byte_at_a_time() {
        for raw in [
            "",
            "a",
            "ab",
            "Velm Tarwen said.",
            "Re\u{0301}my and Ta\u{0308}\u{0301}rwen",
            "e\u{0301}",
            "x\u{0301}",
            "AT&amp;T &#8220;ok&#8221; &bogus; &",
            "&&amp;&",
            "’quoted’ “both”\u{00A0}ways\u{200B}.",
            "Ørvik\u{0301}\u{0301} a",
        ] {
            for html in [false, true] {
                let (text, map) = normalize(raw, html);
                let (want_text, want_edits) = normalize_by_definition(raw, html);
                assert_eq!(text, want_text, "{raw:?} {html}");
                assert_eq!(map.edits, want_edits, "{raw:?} {html}");
            }
        }
    }

    #[test]
    fn curly_quotes_become_straight_and_map_back() {
        let raw = "Ukraine’s “war” here";
        let (text, map) = normalize(raw, false);
        assert_eq!(text, "Ukraine's \"war\" here");
        assert_eq!(raw_of(raw, &text, &map, "Ukraine's"), "Ukraine’s");
        assert_eq!(raw_of(raw, &text, &map, "\"war\""), "“war”");
        assert_eq!(raw_of(raw, &text, &map, "here"), "here");
    }

    #[test]
    fn no_break_and_thin_spaces_are_spaces() {
        let raw = "1\u{00A0}000 and 2\u{202F}500";
        let (text, map) = normalize(raw, false);
        assert_eq!(text, "1 000 and 2 500");
        assert_eq!(raw_of(raw, &text, &map, "2 500"), "2\u{202F}500");
    }

    #[test]
    fn decomposed_accents_are_composed() {
        let raw = "Rekawek and Re\u{0301}my";
        let (text, map) = normalize(raw, false);
        assert_eq!(text, "Rekawek and Rémy");
        assert_eq!(raw_of(raw, &text, &map, "Rémy"), "Re\u{0301}my");
    }

    #[test]
    fn zero_width_characters_are_dropped() {
        let raw = "Ky\u{200B}iv";
        let (text, map) = normalize(raw, false);
        assert_eq!(text, "Kyiv");
        assert_eq!(raw_of(raw, &text, &map, "Kyiv"), raw);
    }

    #[test]
    fn html_entities_are_decoded_only_when_asked() {
        let raw = "AT&amp;T &#8220;ok&#8221; &bogus;";
        let (text, map) = normalize(raw, true);
        assert_eq!(text, "AT&T \"ok\" &bogus;");
        assert_eq!(raw_of(raw, &text, &map, "\"ok\""), "&#8220;ok&#8221;");
        let (plain, _) = normalize(raw, false);
        assert_eq!(plain, raw);
    }

    #[test]
    fn malformed_numeric_references_are_never_digits() {
        for bad in [
            "&#0;",
            "&#x110000;",
            "&#xD800;",
            "&#99999999999999999999;",
            "&#x0;",
        ] {
            let raw = format!("cost {bad} dollars");
            let (text, map) = normalize(&raw, true);
            assert_eq!(text, "cost \u{FFFD} dollars", "{bad}");
            assert_eq!(raw_of(&raw, &text, &map, "\u{FFFD}"), bad);
        }
    }

    #[test]
    fn references_decode_as_in_browsers() {
        let (text, _) = normalize(
            "&#150; &#x41;&#66 &eacute;&Eacute; &amp &notin; &copy2024 &zzz;",
            true,
        );
        assert_eq!(text, "– AB éÉ & ∉ ©2024 &zzz;");
    }

    #[test]
    fn identity_when_nothing_changes() {
        let raw = "plain ascii text";
        let (text, map) = normalize(raw, false);
        assert_eq!(text, raw);
        assert_eq!(map.to_raw_start(6), 6);
        assert_eq!(map.to_raw_end(11), 11);
    }

    #[test]
    fn source_offsets_map_to_analysis_offsets() {
        let raw = "a &ldquo;b&rdquo; \u{2019}c d";
        let (text, map) = normalize(raw, true);
        assert_eq!(text, "a \"b\" 'c d");
        for needle in ["a", "b", "c", "d"] {
            let r = raw.rfind(needle).unwrap();
            assert_eq!(&text[map.to_text(r)..][..1], needle);
            assert_eq!(map.to_raw_start(map.to_text(r)), r);
        }
        // Inside an entity: its start.
        assert_eq!(map.to_text(raw.find("ldquo").unwrap()), 2);
    }
}
