//! Words of a stretch of text, with their offsets and a folded form for matching.

use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Abbreviations and spelling variants, folded to one word ("Sen." → "senator").
static ABBREVIATIONS: LazyLock<BTreeMap<String, String>> =
    LazyLock::new(|| crate::wordlists::shipped("abbreviations.yaml"));

/// One word.
#[derive(Debug, Clone, PartialEq)]
pub struct Word<'a> {
    /// Byte offsets in the text the words were read from (plus the base given).
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// Lower case, trailing dot gone, abbreviation expanded.
    pub folded: String,
    /// Only spaces stand between this word and the one before (no comma, no quote).
    pub gap_ok: bool,
}

impl Word<'_> {
    /// A word of an organisation or a place before a role: capitalised, an acronym or
    /// a possessive ("FBI", "Zembla", "the agency's").
    pub fn org_like(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase) || self.text.ends_with("'s")
    }

    pub fn is_cap(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// Lower case, possessive and trailing dot gone, abbreviation expanded.
pub fn fold(w: &str) -> String {
    let w = w.trim_end_matches('.');
    // One string per word (this runs on every word of every sentence read).
    let mut w = if w.is_ascii() {
        w.to_ascii_lowercase()
    } else {
        w.to_lowercase()
    };
    w.retain(|c| c != '.');
    match ABBREVIATIONS.get(&w) {
        Some(full) => full.clone(),
        None => w,
    }
}

/// The words of `s` (offsets plus `base`).
pub fn words<'a>(s: &'a str, base: usize) -> Vec<Word<'a>> {
    let mut out: Vec<Word> = Vec::new();
    let mut start = None;
    let mut prev_end = 0;
    let push = |st: usize, en: usize, out: &mut Vec<Word<'a>>, prev_end: &mut usize| {
        let mut text = &s[st..en];
        // A trailing dot ends the word only when it is not an abbreviation's.
        if text.ends_with('.') && text.len() > 4 && !text[..text.len() - 1].contains('.') {
            text = &text[..text.len() - 1];
        }
        let gap = &s[*prev_end..st];
        out.push(Word {
            start: base + st,
            end: base + st + text.len(),
            text,
            folded: fold(text),
            gap_ok: gap.chars().all(char::is_whitespace),
        });
        *prev_end = st + text.len();
    };
    for (i, c) in s.char_indices() {
        let part = c.is_alphanumeric() || matches!(c, '\'' | '-' | '.' | '&');
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                push(st, i, &mut out, &mut prev_end);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        push(st, s.len(), &mut out, &mut prev_end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_expands_abbreviations_and_keeps_gaps() {
        let ws = words("Lt. Ann Roe, of Zembla.", 10);
        let f: Vec<&str> = ws.iter().map(|w| w.folded.as_str()).collect();
        assert_eq!(f, ["lieutenant", "ann", "roe", "of", "zembla"]);
        assert!(ws[2].gap_ok && !ws[3].gap_ok);
        assert_eq!((ws[4].start, ws[4].end), (26, 32));
    }
}
