//! Sentence segmentation for real news text.
//!
//! Rules, not a model: a sentence ends at `.`, `!`, `?` or `…` (with any closing quotes
//! or brackets) before a capital, a digit or an opening quote; at a blank line; and at a
//! line break that is not a soft wrap. It copes with what scraped news does to text:
//! sentences glued without a space ("Russia.This is"), questions glued to answers in
//! interview transcripts ("to Ukraine?Anna Kowalska: All the"), abbreviations and
//! initials ("U.S.", "Dr.", "Jan.", "A.J. Perez"), and whole articles on one line.
//! A speaker label that opens a transcript turn ("Anna Kowalska:") is a segment of its
//! own, marked [`Sentence::label`], so that the answer starts a sentence.

use crate::span::Span;

mod echo;
pub use echo::{without_echoes, MIN_REPEAT_WORDS};

/// Longest sentence in bytes; longer runs are cut at the next space so that no later
/// stage ever works on an unbounded stretch of text.
pub const MAX_SENTENCE_BYTES: usize = 8 * 1024;

/// The lists of `rules/words/sentences.yaml`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PeriodWords {
    /// Words that end with a period but rarely end a sentence (hashed: asked at every
    /// period, where a list is compared entry by entry).
    abbreviations: crate::hash::HashSet<String>,
    /// Company legal forms that follow an abbreviated word inside a company name.
    legal_forms: crate::hash::HashSet<String>,
}

pub(crate) static PERIOD_WORDS: std::sync::LazyLock<PeriodWords> =
    std::sync::LazyLock::new(|| crate::wordlists::shipped("sentences.yaml"));

/// Words that, after an initialism such as "U.S.", show that a new sentence began.
/// Grammar, not vocabulary: pronouns, determiners and conjunctions, a closed class.
const SENTENCE_STARTERS: &[&str] = &[
    "The", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I", "But", "And",
    "In", "A", "An", "Still", "However", "Now", "So", "There", "His", "Her", "Their", "Our", "Its",
    "What", "When", "If", "As", "On", "At", "For", "Upon", "After", "Before", "While",
];

/// The ASCII bytes that can neither end a sentence nor break a line (a table: one load
/// per byte in the walk's tight loop).
static PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = !matches!(b as u8, b'\n' | b'.' | b'!' | b'?');
        b += 1;
    }
    t
};

/// The first byte at or after `i` (and before `end`) that is not [`PLAIN`], or `end`.
/// Eight bytes at a time while all eight are plain (one test of the word for a byte
/// outside ASCII and for each of the four stops), then a byte at a time.
fn plain_run_end(bytes: &[u8], mut i: usize, end: usize) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // Is some byte of `x` zero? (Exact as a yes or no.)
    let zero_in = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let stops = |x: u64| {
        x & HIGH
            | zero_in(x ^ (ONES * u64::from(b'\n')))
            | zero_in(x ^ (ONES * u64::from(b'.')))
            | zero_in(x ^ (ONES * u64::from(b'!')))
            | zero_in(x ^ (ONES * u64::from(b'?')))
    };
    while i + 8 <= end {
        let word: [u8; 8] = bytes[i..i + 8].try_into().unwrap_or([0x80; 8]);
        if stops(u64::from_ne_bytes(word)) != 0 {
            break;
        }
        i += 8;
    }
    while i < end && PLAIN[usize::from(bytes[i])] {
        i += 1;
    }
    i
}

/// One sentence (or speaker label) of a document's analysis text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence's place in the analysis text.
    pub span: Span,
    /// A transcript speaker label such as "Reporter:" rather than a sentence.
    pub label: bool,
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '’' | '”' | '»')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '(' | '[' | '“' | '‘' | '«')
}

/// The word (letters and inner dots) that ends just before byte `i`. Walked back a byte
/// at a time over ASCII (most words); at a byte outside ASCII the word is walked again
/// by characters ([`word_before_by_chars`]).
fn word_before(text: &str, i: usize) -> &str {
    let head = &text[..i];
    let bytes = head.as_bytes();
    let mut k = i;
    while k > 0 {
        let b = bytes[k - 1];
        if b.is_ascii_alphanumeric() || b == b'.' || b == b'-' {
            k -= 1;
        } else if b.is_ascii() {
            break;
        } else {
            return word_before_by_chars(head);
        }
    }
    &head[k..]
}

/// [`word_before`] by its definition, over the characters of `head` (the text before
/// the word's end).
fn word_before_by_chars(head: &str) -> &str {
    let i = head.len();
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.' || c == '-')
        .last()
        .map_or(i, |(k, _)| k);
    &head[start..]
}

fn next_word(text: &str, i: usize) -> &str {
    let tail = &text[i..];
    let end = tail
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(tail.len(), |(k, _)| k);
    &tail[..end]
}

/// Does the line break at `newline` end the text that began at `start`? It does at a
/// blank line, and at any break that is not a soft wrap (a lower-case word or a comma,
/// semicolon or hyphen before it, a lower-case word after it). Paragraphs in
/// `quotes::extract` are read the same way.
pub fn line_break_ends(text: &str, start: usize, newline: usize) -> bool {
    let bytes = text.as_bytes();
    let mut j = newline + 1;
    while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
        j += 1;
    }
    let blank_line = j < bytes.len() && bytes[j] == b'\n';
    let prev = text[start..newline].trim_end().chars().last();
    let next = text[j..].chars().next();
    let soft_wrap = prev.is_some_and(|p| p.is_lowercase() || matches!(p, ',' | ';' | '-'))
        && next.is_some_and(|n| n.is_lowercase());
    blank_line || !soft_wrap
}

/// Does a period at `dot` (followed after spaces by `next` at `next_at`) end a sentence?
fn period_ends(text: &str, dot: usize, next_at: usize) -> bool {
    let word = word_before(text, dot);
    // Most words before a period are lower-case ASCII already: looked up as they stand.
    let lower: std::borrow::Cow<str> = if word.bytes().all(|b| b.is_ascii_lowercase()) {
        word.into()
    } else {
        word.to_lowercase().into()
    };
    let nw = next_word(text, next_at);
    // "Acme IMP. & EXP. CO., LTD.", "Acme Shipping PTE. LTD.": an abbreviation in
    // capitals before a company's legal form.
    let after = text[next_at + nw.len()..].chars().next();
    let caps = (2..=5).contains(&word.len()) && word.chars().all(|c| c.is_ascii_uppercase());
    // Asked only after an abbreviation in capitals: the next word is lowered for it alone.
    let form = || {
        PERIOD_WORDS.legal_forms.contains(&nw.to_lowercase())
            && (nw.chars().all(|c| c.is_ascii_uppercase()) || matches!(after, Some('.' | ',')))
    };
    if caps && after != Some('-') && form() {
        return false;
    }
    if PERIOD_WORDS.abbreviations.contains(lower.as_ref()) {
        // "Jan. 5", "Dr. Smith": not a sentence end.
        return false;
    }
    // The word's letters (all but its dots), read without collecting them.
    let letters = || word.chars().filter(|c| *c != '.');
    let mut each = letters();
    let initial = each.next().is_some_and(char::is_uppercase) && each.next().is_none();
    if initial {
        // "E. Arnold", "A. J. Perez"
        return false;
    }
    if word.contains('.') && letters().all(char::is_alphabetic) {
        // An initialism like "U.S." ends a sentence only before an obvious starter.
        return SENTENCE_STARTERS.contains(&nw);
    }
    true
}

/// The first colon among the first 64 bytes of `tail` (a label is short). Searched as
/// bytes: a colon is one byte, and no byte of another character is one, so the
/// character cut at byte 64 (if any) cannot hide one.
fn label_colon(tail: &str) -> Option<usize> {
    memchr::memchr(b':', &tail.as_bytes()[..64.min(tail.len())])
}

/// Is the text at `i` a transcript speaker label ("Anna Kowalska: All ...")?
/// Returns the label's end (just after the colon).
fn speaker_label(text: &str, i: usize) -> Option<usize> {
    let tail = &text[i..];
    let colon = label_colon(tail)?;
    let name = &tail[..colon];
    let words: Vec<&str> = name.split(' ').collect();
    if words.is_empty() || words.len() > 4 {
        return None;
    }
    let ok = words.iter().all(|w| {
        let mut cs = w.chars();
        cs.next().is_some_and(|c| c.is_uppercase())
            && cs.all(|c| c.is_alphabetic() || matches!(c, '\'' | '-' | '.'))
    });
    if !ok {
        return None;
    }
    let after = &tail[colon + 1..];
    let rest = after.trim_start_matches([' ', '\t']);
    if rest.len() == after.len() && !rest.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let first = rest.chars().next()?;
    (first.is_uppercase() || is_opener(first)).then_some(i + colon + 1)
}

/// Splits `text` into sentences. Spans exclude surrounding whitespace.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let push = |out: &mut Vec<Sentence>, s: usize, e: usize, label: bool| {
        let piece = &text[s..e];
        let lead = piece.len() - piece.trim_start().len();
        let trail = piece.len() - piece.trim_end().len();
        if s + lead < e - trail {
            out.push(Sentence {
                span: Span::new(s + lead, e - trail),
                label,
            });
        }
    };
    let mut i = 0;
    let mut at_start = true;
    let bytes = text.as_bytes();
    while i < text.len() {
        // Most bytes are ASCII inside a sentence and neither a line break nor sentence
        // punctuation: only the length cut can apply to them.
        let b = bytes[i];
        if !at_start && b.is_ascii() && !matches!(b, b'\n' | b'.' | b'!' | b'?') {
            // Short of the length cut, such bytes are stepped over in a tight loop.
            let uncut = text.len().min(start + MAX_SENTENCE_BYTES);
            if i < uncut {
                i = plain_run_end(bytes, i + 1, uncut);
                continue;
            }
            if i - start >= MAX_SENTENCE_BYTES && char::from(b).is_whitespace() {
                push(&mut out, start, i, false);
                start = i;
                at_start = true;
            }
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        let clen = c.len_utf8();
        if at_start {
            if c.is_whitespace() {
                i += clen;
                start = i;
                continue;
            }
            at_start = false;
            if let Some(end) = speaker_label(text, i) {
                push(&mut out, i, end, true);
                i = end;
                start = end;
                at_start = true;
                continue;
            }
        }
        if c == '\n' {
            if line_break_ends(text, start, i) {
                push(&mut out, start, i, false);
                start = i + 1;
                at_start = true;
            }
            i += 1;
            continue;
        }
        if matches!(c, '.' | '!' | '?' | '…') {
            let mut j = i + clen;
            while let Some(d) = text[j..].chars().next() {
                if matches!(d, '.' | '!' | '?' | '…') || is_closer(d) {
                    j += d.len_utf8();
                } else {
                    break;
                }
            }
            let next = text[j..].chars().next();
            let ends = match next {
                None => true,
                Some(n) if n.is_whitespace() => {
                    let k = j + text[j..].len() - text[j..].trim_start().len();
                    match text[k..].chars().next() {
                        None => true,
                        Some(m) if m.is_uppercase() || m.is_ascii_digit() || is_opener(m) => {
                            c != '.' || period_ends(text, i, k)
                        }
                        _ => false,
                    }
                }
                Some(n) if n.is_uppercase() || (is_opener(n) && n != '\'') => {
                    // Glued: "Ukraine?Anna", "Russia.This", "deeply.”Now".
                    if c == '.' && j == i + 1 {
                        let word = word_before(text, i);
                        let after: Vec<char> = text[j..].chars().take(2).collect();
                        word.chars().count() >= 2
                            && !word.contains('.')
                            && word.chars().last().is_some_and(|l| l.is_lowercase())
                            && after.get(1).is_some_and(|a| {
                                a.is_lowercase() || a.is_whitespace() || *a == '\''
                            })
                    } else {
                        true
                    }
                }
                _ => false,
            };
            if ends {
                push(&mut out, start, j, false);
                start = j;
                at_start = true;
            }
            i = j;
            continue;
        }
        if i - start >= MAX_SENTENCE_BYTES && c.is_whitespace() {
            push(&mut out, start, i, false);
            start = i;
            at_start = true;
        }
        i += clen;
    }
    push(&mut out, start, text.len(), false);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts with words in and out of ASCII, dots, hyphens and other punctuation.
    const WORD_TEXTS: &[&str] = &[
        "",
        "Velm.",
        "the U.S. and Zembla-based Acme Co. said.",
        "Ørvik Straße-Velm İzvel. ΣΟΦΙΑ x\u{301}y — a–b ,.- 12.5 km",
        "café.Tarwen éa-b.c a\u{a0}b\u{2019}s end",
    ];

    /// The word before each byte offset is the word found by characters.
    #[test]
    fn the_word_before_an_offset_follows_its_definition() {
        for text in WORD_TEXTS {
            for i in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                assert_eq!(
                    word_before(text, i),
                    word_before_by_chars(&text[..i]),
                    "{text:?} {i}"
                );
            }
        }
    }

    /// A label's colon is found as the search over the first 64 bytes cut back to a
    /// character boundary found it: texts with a colon at and around byte 64, after
    /// characters of two, three and four bytes that straddle it.
    #[test]
    fn a_labels_colon_is_found_as_by_characters() {
        let by_chars = |tail: &str| {
            let mut k = 64.min(tail.len());
            while !tail.is_char_boundary(k) {
                k -= 1;
            }
            tail[..k].find(':')
        };
        for wide in ["é", "—", "𝐀", "a"] {
            for pad in 55..70 {
                for colon_after in 0..4 {
                    let mut tail = "x".repeat(pad);
                    for _ in 0..colon_after {
                        tail.push_str(wide);
                    }
                    tail.push_str(": Velm");
                    for cut in (0..=tail.len()).filter(|&c| tail.is_char_boundary(c)) {
                        let t = &tail[..cut];
                        assert_eq!(label_colon(t), by_chars(t), "{t:?}");
                    }
                }
            }
        }
    }

    /// The plain bytes stepped over eight at a time end where the walk a byte at a
    /// time ends: every start and end over texts with each stop, bytes outside ASCII,
    /// and the bytes next to the stops' values.
    #[test]
    fn plain_runs_end_where_the_byte_walk_ends() {
        let by_byte = |b: &[u8], mut i: usize, end: usize| {
            while i < end && PLAIN[usize::from(b[i])] {
                i += 1;
            }
            i
        };
        let mut texts: Vec<Vec<u8>> = Vec::new();
        for stop in [
            b'\n', b'.', b'!', b'?', 0x80, 0xC3, 0xFF, 0x00, b'\t', b'-', b'/', b'>', b'@',
        ] {
            for at in 0..20 {
                let mut t = b"abcdefghijklmnopqrstuvwxyz".to_vec();
                t[at] = stop;
                texts.push(t);
            }
        }
        texts.push(
            "Velm said. Tarwen left! Why? Ørvik\nnext"
                .as_bytes()
                .to_vec(),
        );
        texts.push(Vec::new());
        for t in &texts {
            for i in 0..=t.len() {
                for end in i..=t.len() {
                    assert_eq!(
                        plain_run_end(t, i, end),
                        by_byte(t, i, end),
                        "{t:?} {i} {end}"
                    );
                }
            }
        }
    }

    fn texts(t: &str) -> Vec<&str> {
        sentences(t).iter().map(|s| s.span.of(t)).collect()
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            texts("One two. Three four! Five?"),
            ["One two.", "Three four!", "Five?"]
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        assert_eq!(
            texts("Dr. Smith met Gen. Jones on Jan. 5 in the U.S. capital. A.J. Perez and E. Arnold came."),
            ["Dr. Smith met Gen. Jones on Jan. 5 in the U.S. capital.", "A.J. Perez and E. Arnold came."]
        );
    }

    #[test]
    fn a_clock_mark_ends_a_sentence_only_before_an_obvious_starter() {
        // "a.m." is read like an initialism: "2 a.m. Sunday" goes on, "a.m. Upon" ends.
        assert_eq!(
            texts("Crews came around 2:30 a.m. Upon arrival they found smoke. It began at 2 a.m. Sunday."),
            ["Crews came around 2:30 a.m.", "Upon arrival they found smoke.", "It began at 2 a.m. Sunday."]
        );
    }

    #[test]
    fn abbreviated_company_words_before_a_legal_form_do_not_split() {
        assert_eq!(
            texts("Funds went to Acme IMP. & EXP. CO., LTD. and Foo Shipping PTE. LTD. last year."),
            ["Funds went to Acme IMP. & EXP. CO., LTD. and Foo Shipping PTE. LTD. last year."]
        );
        // A sentence in capitals still ends before an ordinary word.
        assert_eq!(
            texts("They met the CEO. Company staff left."),
            ["They met the CEO.", "Company staff left."]
        );
    }

    #[test]
    fn initialism_before_a_sentence_starter_splits() {
        assert_eq!(
            texts("They live in the U.S. The rest do not."),
            ["They live in the U.S.", "The rest do not."]
        );
    }

    #[test]
    fn glued_sentences_split() {
        assert_eq!(
            texts("to defend against Russia.This is not illegal. U.S. citizens can join."),
            [
                "to defend against Russia.",
                "This is not illegal.",
                "U.S. citizens can join."
            ]
        );
    }

    #[test]
    fn glued_question_and_transcript_label_split() {
        assert_eq!(
            texts("Slate: What do we know about volunteers to Ukraine?Kacper Rekawek: All the people who go say one thing."),
            ["Slate:", "What do we know about volunteers to Ukraine?", "Kacper Rekawek:", "All the people who go say one thing."]
        );
        let s = sentences("Slate: What now?Anna Smith: Nothing.");
        assert!(s[0].label && !s[1].label && s[2].label && !s[3].label);
    }

    #[test]
    fn quotes_close_sentences_and_commas_do_not() {
        assert_eq!(
            texts("\"We will win,\" he said on Sunday. \"It is far bigger.\" She agreed."),
            [
                "\"We will win,\" he said on Sunday.",
                "\"It is far bigger.\"",
                "She agreed."
            ]
        );
        assert_eq!(
            texts("It touched me deeply.\"Now, what"),
            ["It touched me deeply.\"", "Now, what"]
        );
    }

    #[test]
    fn decimals_and_domains_do_not_split() {
        assert_eq!(
            texts("It grew 1.5 percent at example.com today."),
            ["It grew 1.5 percent at example.com today."]
        );
    }

    #[test]
    fn headlines_and_paragraphs_split_at_line_breaks() {
        assert_eq!(
            texts("Support Us\n\nA headline here\nBody text starts. And goes on,\nwrapped here."),
            [
                "Support Us",
                "A headline here",
                "Body text starts.",
                "And goes on,\nwrapped here."
            ]
        );
    }

    #[test]
    fn very_long_runs_are_cut() {
        let t = "word ".repeat(10_000);
        let s = sentences(&t);
        assert!(s.len() > 1);
        assert!(s.iter().all(|x| x.span.len() <= MAX_SENTENCE_BYTES + 8));
        let total: usize = s
            .iter()
            .map(|x| x.span.of(&t).split_whitespace().count())
            .sum();
        assert_eq!(total, 10_000);
    }

    #[test]
    fn very_long_runs_are_cut_at_any_white_space() {
        // A vertical tab is white space to `char` (not to `u8::is_ascii_whitespace`).
        for sep in ["\u{b}", "\t", "\r", "\u{c}", "\u{a0}"] {
            let t = format!("word{sep}").repeat(5_000);
            let s = sentences(&t);
            assert!(s.len() > 1, "{sep:?}");
            assert!(s.iter().all(|x| x.span.len() <= MAX_SENTENCE_BYTES + 8));
        }
    }

    #[test]
    fn spans_lie_on_char_boundaries() {
        let t = "Ünïcödé… Ça va? Ja!“Oui.”";
        for s in sentences(t) {
            assert!(t.is_char_boundary(s.span.start) && t.is_char_boundary(s.span.end));
        }
    }
}
