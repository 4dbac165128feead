//! The tokenizer under the number reader: words, digit groups and single symbols,
//! each with its byte span and whether whitespace comes before it.

use std::borrow::Cow;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters (with inner apostrophes, and inner dots in "U.S.", "a.m.").
    Word,
    /// Digits with their separators and decimals, or a vulgar fraction ("¾").
    Num,
    /// Any other single character.
    Sym,
}

#[derive(Debug, Clone)]
pub struct Tok<'a> {
    pub s: usize,
    pub e: usize,
    pub kind: TokKind,
    /// Lowercased text for words; the text itself otherwise. Borrowed from the text
    /// unless lower-casing changes it: every token of every sentence read has one.
    pub low: Cow<'a, str>,
    /// Whitespace (or the start of the text) before the token.
    pub sp: bool,
    /// First letter uppercase (words only).
    pub cap: bool,
    /// The value of a number token.
    pub val: f64,
    /// Digits in the integer part (no separators).
    pub int_len: usize,
    /// Written with thousands separators.
    pub grouped: bool,
    /// Has a decimal part (or is a vulgar fraction).
    pub frac: bool,
    /// A dotted run of digits ("192.168.1.2"): [`Tok::parts`] reads its parts. A flag,
    /// not a vector of the parts: they are rare, and every token of every sentence
    /// read would carry (and drop) an empty vector.
    pub dotted: bool,
}

impl<'a> Tok<'a> {
    fn new(s: usize, e: usize, kind: TokKind, low: Cow<'a, str>, sp: bool) -> Self {
        Tok {
            s,
            e,
            kind,
            low,
            sp,
            cap: false,
            val: 0.0,
            int_len: 0,
            grouped: false,
            frac: false,
            dotted: false,
        }
    }
    /// A plain integer written with digits only ("45", "1,000").
    pub fn is_int(&self) -> bool {
        self.kind == TokKind::Num && !self.frac && !self.dotted
    }
    /// The parts of a dotted run of digits, each with its span and value; none for any
    /// other token. Read from the token's text (a number's `low`): runs of digits
    /// joined by single dots.
    pub fn parts(&self) -> impl Iterator<Item = (usize, usize, f64)> + '_ {
        let text: &str = if self.dotted { &self.low } else { "" };
        let mut s = self.s;
        text.split_terminator('.').map(move |p| {
            let part = (s, s + p.len(), p.parse::<f64>().unwrap_or(0.0));
            s += p.len() + 1;
            part
        })
    }
}

/// The value of a vulgar fraction character ("¾"): a number token of its own.
pub(crate) fn vulgar(c: char) -> Option<f64> {
    Some(match c {
        '½' => 0.5,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅕' => 0.2,
        '⅖' => 0.4,
        '⅗' => 0.6,
        '⅘' => 0.8,
        '⅙' => 1.0 / 6.0,
        '⅚' => 5.0 / 6.0,
        '⅛' => 0.125,
        '⅜' => 0.375,
        '⅝' => 0.625,
        '⅞' => 0.875,
        _ => return None,
    })
}

/// Number of ASCII digits at the start of `b[i..]`.
fn digits(b: &[u8], i: usize) -> usize {
    b[i..].iter().take_while(|c| c.is_ascii_digit()).count()
}

/// `w` lower-cased as `str::to_lowercase` does it, borrowed when that changes nothing
/// (ASCII without a capital, as most words are).
pub(crate) fn lower(w: &str) -> Cow<'_, str> {
    if !w.is_ascii() {
        Cow::Owned(w.to_lowercase())
    } else if w.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(w.to_ascii_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

/// [`lower`] of a word whose characters the lexer has just read: `wide` when one is not
/// ASCII, `upper` when one is an ASCII capital. The word is not read again (every
/// word of every sentence with a number is lower-cased).
fn lower_read(w: &str, upper: bool, wide: bool) -> Cow<'_, str> {
    if wide {
        Cow::Owned(w.to_lowercase())
    } else if upper {
        Cow::Owned(w.to_ascii_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

/// How many ASCII letters `b` opens with.
fn ascii_letters(b: &[u8]) -> usize {
    b.iter()
        .position(|c| !c.is_ascii_alphabetic())
        .unwrap_or(b.len())
}

/// Splits `text` into tokens. Linear in the length of the text.
pub fn lex(text: &str) -> Vec<Tok<'_>> {
    lex_with(text, None)
}

/// [`lex`], given `ascii_lower`: `text` with its ASCII letters lower-cased
/// (`str::to_ascii_lowercase`, made by a caller that keeps the buffer). A word of ASCII
/// letters then borrows its lower case from it, where [`lex`] copies every word that
/// holds a capital (every sentence opens with one, and names are many). The tokens are
/// [`lex`]'s, their lower case the same text (tested).
#[cfg(test)]
pub fn lex_lowered<'a>(text: &'a str, ascii_lower: &'a str) -> Vec<Tok<'a>> {
    let mut out = Vec::new();
    lex_lowered_into(text, ascii_lower, &mut out);
    out
}

/// [`lex_lowered`] into `out` (emptied first): a caller that reads many sentences keeps
/// one vector of tokens for them all, not a new one per sentence.
pub fn lex_lowered_into<'a>(text: &'a str, ascii_lower: &'a str, out: &mut Vec<Tok<'a>>) {
    debug_assert_eq!(text.len(), ascii_lower.len());
    out.clear();
    lex_into(text, Some(ascii_lower), out);
}

/// [`lex`], words' lower case borrowed from `ascii_lower` when given ([`lex_lowered`]).
fn lex_with<'a>(text: &'a str, ascii_lower: Option<&'a str>) -> Vec<Tok<'a>> {
    let mut out = Vec::new();
    lex_into(text, ascii_lower, &mut out);
    out
}

/// [`lex_with`], the tokens pushed onto `out`.
fn lex_into<'a>(text: &'a str, ascii_lower: Option<&'a str>, out: &mut Vec<Tok<'a>>) {
    let b = text.as_bytes();
    // About one token in five bytes of news text, often more: room for one in four,
    // so that few sentences need the tokens copied to a larger buffer.
    out.reserve(text.len() / 4 + 2);
    let mut i = 0;
    let mut sp = true;
    // ASCII bytes (most of news text) are read as they are; a character is decoded
    // only at a byte above 127.
    while i < text.len() {
        // A space: the commonest byte between tokens.
        if b[i] == b' ' {
            sp = true;
            i += 1;
            continue;
        }
        let c = if b[i] < 0x80 {
            char::from(b[i])
        } else {
            match text[i..].chars().next() {
                Some(c) => c,
                None => break,
            }
        };
        if c.is_whitespace() {
            sp = true;
            i += c.len_utf8();
            continue;
        }
        let prev_alnum = || {
            i > 0
                && if b[i - 1] < 0x80 {
                    b[i - 1].is_ascii_alphanumeric()
                } else {
                    text[..i]
                        .chars()
                        .next_back()
                        .is_some_and(|p| p.is_alphanumeric())
                }
        };
        let lead_dot =
            c == '.' && b.get(i + 1).is_some_and(|d| d.is_ascii_digit()) && !prev_alnum();
        // Letters first: most tokens are words (no letter is a digit, a dot or a
        // vulgar fraction).
        if c.is_alphabetic() {
            let start = i;
            let mut j = i;
            let mut seg_len = 0usize; // letters since the last inner dot
            let mut dotted = false;
            // What lower-casing the word takes, seen as it is read (see `lower_read`).
            let mut upper = false;
            let mut wide = false;
            while j < text.len() {
                // A run of ASCII letters (most of every word), read in one tight loop.
                let run = ascii_letters(&b[j..]);
                if run > 0 {
                    // Its capitals matter only where no lower case is given: a word of
                    // ASCII letters then borrows its lower case whether it has one or not.
                    if ascii_lower.is_none() {
                        upper |= b[j..j + run].iter().any(u8::is_ascii_uppercase);
                    }
                    j += run;
                    seg_len += run;
                    continue;
                }
                // Any other ASCII byte but an apostrophe or a dot ends the word.
                if b[j] < 0x80 && b[j] != b'\'' && b[j] != b'.' {
                    break;
                }
                let Some(d) = text[j..].chars().next() else {
                    break;
                };
                if d.is_alphabetic() {
                    wide |= !d.is_ascii();
                    j += d.len_utf8();
                    seg_len += 1;
                    continue;
                }
                let next = text[j + d.len_utf8()..].chars().next();
                let next_alpha = next.is_some_and(|n| n.is_alphabetic());
                if matches!(d, '\'' | '’') && next_alpha {
                    wide |= !d.is_ascii();
                    j += d.len_utf8();
                    seg_len = 0;
                    continue;
                }
                if d == '.' && seg_len == 1 && next_alpha {
                    // "U.S", "a.m": single letters joined by dots.
                    let after_next = text[j + 1..].chars().nth(1);
                    if after_next.is_none_or(|a| !a.is_alphabetic()) {
                        j += 1;
                        seg_len = 0;
                        dotted = true;
                        continue;
                    }
                }
                if d == '.' && dotted && seg_len == 1 {
                    j += 1;
                }
                break;
            }
            let low = match ascii_lower {
                Some(lowered) if !wide => Cow::Borrowed(&lowered[start..j]),
                _ => lower_read(&text[start..j], upper, wide),
            };
            let mut t = Tok::new(start, j, TokKind::Word, low, sp);
            // `c` is the word's first character.
            t.cap = c.is_uppercase();
            i = j;
            out.push(t);
        } else if c.is_ascii_digit() || lead_dot {
            let t = lex_number(text, i, sp);
            i = t.e;
            out.push(t);
        } else if let Some(v) = vulgar(c) {
            let e = i + c.len_utf8();
            let mut t = Tok::new(i, e, TokKind::Num, Cow::Borrowed(&text[i..e]), sp);
            t.val = v;
            t.frac = true;
            i = t.e;
            out.push(t);
        } else {
            let e = i + c.len_utf8();
            let t = Tok::new(i, e, TokKind::Sym, Cow::Borrowed(&text[i..e]), sp);
            i = t.e;
            out.push(t);
        }
        sp = false;
    }
}

fn lex_number(text: &str, start: usize, sp: bool) -> Tok<'_> {
    let b = text.as_bytes();
    let mut i = start;
    let first = digits(b, i);
    i += first;
    let mut int_len = first;
    let mut grouped = false;
    if (1..=3).contains(&first) {
        // Thousands separators: commas, or spaces (one separator kind per number).
        let mut sep: Option<u8> = None;
        while let Some(&s) = b.get(i) {
            if !(s == b',' || s == b' ') || sep.is_some_and(|k| k != s) {
                break;
            }
            let n = if i + 1 < b.len() { digits(b, i + 1) } else { 0 };
            if n != 3 {
                break;
            }
            // "1,000.5" is fine; "1 000,5" or "1 000-2" is not a further group.
            sep = Some(s);
            int_len += 3;
            i += 4;
            grouped = true;
        }
    }
    let int_end = i;
    // The decimals' span, if any.
    let mut decimals = None;
    let mut frac = false;
    let mut dotted = false;
    if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(|d| d.is_ascii_digit()) {
        let n = digits(b, i + 1);
        let after = i + 1 + n;
        let more =
            b.get(after) == Some(&b'.') && b.get(after + 1).is_some_and(|d| d.is_ascii_digit());
        if more && !grouped {
            // Dotted identifier: each part is its own number (`Tok::parts`).
            i = dotted_end(b, start + first);
            dotted = true;
        } else {
            decimals = Some(i + 1..after);
            i = after;
            frac = true;
        }
    }
    let mut t = Tok::new(start, i, TokKind::Num, Cow::Borrowed(&text[start..i]), sp);
    t.val = number_value(&text[start..int_end], int_len, decimals.map(|d| &text[d]));
    t.int_len = int_len;
    t.grouped = grouped;
    t.frac = frac;
    t.dotted = dotted;
    t
}

/// Where a dotted run of digits whose first part ends at `pe` ends: past every
/// further dot followed by digits.
fn dotted_end(b: &[u8], mut pe: usize) -> usize {
    while b.get(pe) == Some(&b'.') && b.get(pe + 1).is_some_and(|d| d.is_ascii_digit()) {
        pe += 1 + digits(b, pe + 1);
    }
    pe
}

/// The value of a number token: the `int_len` digits of `int` (its thousands
/// separators left out), then its `decimals` if any, as `f64::from_str` reads them
/// ([`number_value_by_text`]). A whole number of up to 15 digits, as most are, is
/// summed digit by digit (it and every smaller one are f64s exactly, as its reading
/// is), with no string made for it.
fn number_value(int: &str, int_len: usize, decimals: Option<&str>) -> f64 {
    let digits = int.bytes().filter(u8::is_ascii_digit);
    if decimals.is_none() && int_len <= 15 {
        return digits.fold(0u64, |v, d| v * 10 + u64::from(d - b'0')) as f64;
    }
    number_value_by_text(int, decimals)
}

/// [`number_value`] by its definition: the digits written out and read.
fn number_value_by_text(int: &str, decimals: Option<&str>) -> f64 {
    let mut clean: String = int.chars().filter(char::is_ascii_digit).collect();
    if let Some(d) = decimals {
        clean.push('.');
        clean.push_str(d);
    }
    if clean.starts_with('.') {
        format!("0{clean}").parse().unwrap_or(0.0)
    } else {
        clean.parse().unwrap_or(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn a_numbers_value_is_its_digits_read(
            int in "[0-9]{0,3}([, ][0-9]{3}){0,6}|[0-9]{0,24}",
            decimals in proptest::option::of("[0-9]{1,6}"),
        ) {
            let digits = int.bytes().filter(u8::is_ascii_digit).count();
            let d = decimals.as_deref();
            let want = number_value_by_text(&int, d);
            proptest::prop_assert_eq!(number_value(&int, digits, d).to_bits(), want.to_bits());
            // The lexer's reading of the number as written.
            let written = match d {
                Some(d) => format!("{int}.{d}"),
                None => int.clone(),
            };
            let toks = lex(&written);
            if let [t] = &toks[..] {
                proptest::prop_assert_eq!(t.val.to_bits(), written.replace([',', ' '], "").parse::<f64>().unwrap_or(0.0).to_bits());
            }
        }
    }

    #[test]
    fn values_of_numbers_as_written() {
        for (w, v) in [
            ("0", 0.0),
            ("007", 7.0),
            ("1,000", 1000.0),
            ("1 234 567", 1234567.0),
            ("999999999999999", 999999999999999.0),
            ("12345678901234567890", 12345678901234567890.0),
            ("2.5", 2.5),
            (".08", 0.08),
            ("1,000.25", 1000.25),
        ] {
            assert_eq!(lex(w)[0].val, v, "{w}");
        }
    }

    #[test]
    fn numbers_and_words() {
        let t = lex("About 1,000 U.S. citizens, 2.5m and 1 234 567.");
        let kinds: Vec<_> = t.iter().map(|t| (t.kind, &*t.low)).collect();
        assert_eq!(kinds[0], (TokKind::Word, "about"));
        assert_eq!(t[1].val, 1000.0);
        assert!(t[1].grouped);
        assert_eq!(kinds[2], (TokKind::Word, "u.s."));
        assert_eq!(t[5].val, 2.5);
        assert!(!t[6].sp);
        assert_eq!(t[8].val, 1234567.0);
    }

    /// Invented texts with capitals, accents, symbols, abbreviations and odd numbers,
    /// for the tests that hold the lexer to a definition.
    const VARIED: &[&str] = &[
        "About 1,000 U.S. citizens, 2.5m and 1 234 567.",
        "ANN ROE'S Aide met Bo Lee-Ray at 10:30 p.m. on Friday, March 3rd.",
        "İstanbul's ΣΟΦΊΑ and Zoë paid €45 for ¾ of 12½ kg; ÉCOLE Straße.",
        "The \u{212a}elvin ſign, O’Neil's 3D 4G 1990s and .08 – 20–30 $5bn (203) 576-8477",
        "",
        "   ",
        "a.m. P.M. x10^6 1e10 2^10 5/17/2018 192.168.1.2 e.g. U.S.A. i.e",
    ];

    #[test]
    fn a_tokens_low_form_is_the_lower_cased_word_or_the_text_itself() {
        // The definition the borrowed form keeps: `to_lowercase` of a word, the text
        // of any other token (invented text, with capitals, accents and symbols).
        for &text in VARIED {
            for t in lex(text) {
                let raw = &text[t.s..t.e];
                let want = if t.kind == TokKind::Word {
                    raw.to_lowercase()
                } else {
                    raw.to_string()
                };
                assert_eq!(t.low, want, "{raw} in {text}");
                // An ASCII token is copied only when lower-casing changes it.
                if raw.is_ascii() {
                    assert_eq!(matches!(t.low, Cow::Borrowed(_)), want == raw, "{raw}");
                }
            }
        }
    }

    /// [`lex`] as first written, a character decoded at every step: the definition
    /// the byte-reading one keeps.
    fn lex_by_chars(text: &str) -> Vec<Tok<'_>> {
        let b = text.as_bytes();
        // About one token in five bytes of news text: most sentences need no regrowth.
        let mut out: Vec<Tok> = Vec::with_capacity(text.len() / 5 + 1);
        let mut i = 0;
        let mut sp = true;
        while i < text.len() {
            let c = match text[i..].chars().next() {
                Some(c) => c,
                None => break,
            };
            if c.is_whitespace() {
                sp = true;
                i += c.len_utf8();
                continue;
            }
            let prev_alnum = i > 0
                && text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|p| p.is_alphanumeric());
            let lead_dot =
                c == '.' && !prev_alnum && b.get(i + 1).is_some_and(|d| d.is_ascii_digit());
            if c.is_ascii_digit() || lead_dot {
                let t = lex_number(text, i, sp);
                i = t.e;
                out.push(t);
            } else if let Some(v) = vulgar(c) {
                let e = i + c.len_utf8();
                let mut t = Tok::new(i, e, TokKind::Num, Cow::Borrowed(&text[i..e]), sp);
                t.val = v;
                t.frac = true;
                i = t.e;
                out.push(t);
            } else if c.is_alphabetic() {
                let start = i;
                let mut j = i;
                let mut seg_len = 0usize; // letters since the last inner dot
                let mut dotted = false;
                while let Some(d) = text[j..].chars().next() {
                    if d.is_alphabetic() {
                        j += d.len_utf8();
                        seg_len += 1;
                        continue;
                    }
                    let next = text[j + d.len_utf8()..].chars().next();
                    let next_alpha = next.is_some_and(|n| n.is_alphabetic());
                    if matches!(d, '\'' | '’') && next_alpha {
                        j += d.len_utf8();
                        seg_len = 0;
                        continue;
                    }
                    if d == '.' && seg_len == 1 && next_alpha {
                        // "U.S", "a.m": single letters joined by dots.
                        let after_next = text[j + 1..].chars().nth(1);
                        if after_next.is_none_or(|a| !a.is_alphabetic()) {
                            j += 1;
                            seg_len = 0;
                            dotted = true;
                            continue;
                        }
                    }
                    if d == '.' && dotted && seg_len == 1 {
                        j += 1;
                    }
                    break;
                }
                let raw = &text[start..j];
                let mut t = Tok::new(start, j, TokKind::Word, lower(raw), sp);
                t.cap = raw.chars().next().is_some_and(|c| c.is_uppercase());
                i = j;
                out.push(t);
            } else {
                let e = i + c.len_utf8();
                let t = Tok::new(i, e, TokKind::Sym, Cow::Borrowed(&text[i..e]), sp);
                i = t.e;
                out.push(t);
            }
            sp = false;
        }
        out
    }

    /// [`lex_lowered`] is [`lex`]: the same tokens, each lower case the same text.
    fn lowered_is_lex(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let lowered = text.to_ascii_lowercase();
        proptest::prop_assert_eq!(shown(&lex_lowered(text, &lowered)), shown(&lex(text)));
        Ok(())
    }

    #[test]
    fn lexing_with_the_lower_case_given_is_lexing() {
        for &text in VARIED {
            lowered_is_lex(text).unwrap();
        }
    }

    proptest::proptest! {
        #[test]
        fn lexing_with_any_lower_case_given_is_lexing(s in "([a-zA-Z]{1,6}|[0-9]{1,4}|[ ,.'’½$:/^()\t-]|É|é|Ω|İ|\u{212a}|ſ){0,30}") {
            lowered_is_lex(&s)?;
        }
    }

    fn shown(toks: &[Tok]) -> Vec<String> {
        toks.iter().map(|t| format!("{t:?}")).collect()
    }

    #[test]
    fn lexing_by_bytes_is_lexing_by_characters() {
        let more = [
            "\u{b}\u{c}\t\r\n\u{a0}\u{2003}x\u{85}y",
            "é.1 a.1 ..5 x.5 ü.5 5.. 'tis O'' a'b'c ’a’ Ω.Ω.",
        ];
        for text in VARIED.iter().copied().chain(more) {
            assert_eq!(shown(&lex(text)), shown(&lex_by_chars(text)), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn bytes_and_characters_lex_alike(s in "([a-zA-Z]{1,6}|[0-9]{1,4}|[ ,.'’½$:/^()\t\u{b}\u{a0}-]|é|Ω|İ|\u{212a}|ſ|…){0,30}") {
            proptest::prop_assert_eq!(shown(&lex(&s)), shown(&lex_by_chars(&s)));
        }
    }

    #[test]
    fn dotted_and_leading_dot() {
        let t = lex("192.168.1.2 and .08");
        assert_eq!(t[0].parts().count(), 4);
        assert_eq!(t[2].val, 0.08);
    }

    /// The parts of a dotted number as the lexer first listed them: a walk over the
    /// text from the token's start, a part per run of digits.
    fn parts_by_walk(text: &str, t: &Tok) -> Vec<(usize, usize, f64)> {
        let b = text.as_bytes();
        let mut parts = Vec::new();
        if t.kind != TokKind::Num || !t.dotted {
            return parts;
        }
        let mut ps = t.s;
        let mut pe = t.s + digits(b, t.s);
        loop {
            let v = text[ps..pe].parse::<f64>().unwrap_or(0.0);
            parts.push((ps, pe, v));
            if b.get(pe) == Some(&b'.') && b.get(pe + 1).is_some_and(|d| d.is_ascii_digit()) {
                ps = pe + 1;
                pe = ps + digits(b, ps);
            } else {
                break;
            }
        }
        assert_eq!(pe, t.e, "{text}");
        parts
    }

    fn parts_are_walked(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        for t in lex(text) {
            let got: Vec<_> = t.parts().map(|(s, e, v)| (s, e, v.to_bits())).collect();
            let want: Vec<_> = parts_by_walk(text, &t)
                .into_iter()
                .map(|(s, e, v)| (s, e, v.to_bits()))
                .collect();
            proptest::prop_assert_eq!(got, want, "{}", text);
        }
        Ok(())
    }

    #[test]
    fn a_dotted_numbers_parts_are_its_runs_of_digits() {
        let more = "1.2.3 .4.5 x1.2.3 007.0.99999999999999999999.1 1,000.2.3";
        for text in VARIED.iter().copied().chain([more]) {
            parts_are_walked(text).unwrap();
        }
        assert!(lex("192.168.1.2").iter().any(|t| t.dotted));
    }

    #[test]
    fn a_token_fits_a_cache_line() {
        // Every token of every sentence read is written and read again: the flag for
        // dotted parts (not a vector of them) keeps a token in 64 bytes.
        assert!(std::mem::size_of::<Tok>() <= 64);
    }

    proptest::proptest! {
        #[test]
        fn any_dotted_numbers_parts_are_its_runs_of_digits(s in "([0-9]{0,25}|[., a-z]){0,12}") {
            parts_are_walked(&s)?;
        }
    }
}
