//! A rule-defined slot's lead words: the words every match of its pattern starts with,
//! when the pattern says so plainly (`\b(?:charged|indicted)…`). A stretch of text
//! that holds none of them, in any case, holds no match, and the pattern is not run on
//! it: most sentences that name a person say nothing of the slot, and a pattern's
//! search costs more than a look for a few words.

use std::sync::{Arc, Mutex};

use super::text::Needles;
use crate::rules::CustomSlot;

/// The finder of a slot's lead words, made once per pattern for the whole run (a run
/// reads many stories with the same rules): `None` when the pattern has no lead words.
pub type Lead = Option<Arc<Needles>>;

/// The lead of `slot`'s pattern ([`lead_words`]), from a cache of the patterns seen.
pub fn lead_of(slot: &CustomSlot) -> Lead {
    static SEEN: Mutex<Vec<(String, Lead)>> = Mutex::new(Vec::new());
    let source = slot.pattern.as_str();
    // A poisoned lock only means another thread panicked while adding an entry;
    // the entries themselves are whole.
    let mut seen = SEEN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((_, lead)) = seen.iter().find(|(s, _)| s == source) {
        return lead.clone();
    }
    let lead = lead_words(source).map(|words| Arc::new(Needles::new(&words)));
    seen.push((source.to_string(), lead.clone()));
    lead
}

/// Whether `text` may hold a match of a pattern whose lead is `lead`: false only when
/// it holds none of the lead words in any case ([`Needles::present`], which also takes
/// the letters outside ASCII that `(?i)` folds to ASCII ones into account).
pub fn may_match(lead: &Lead, text: &str) -> bool {
    lead.as_ref().is_none_or(|n| !n.present(text).is_empty())
}

/// The words every match of `pattern` starts with: `Some` when the pattern opens with
/// `\b(?:w1|w2|…)`, each word plain ASCII letters, not followed by a repetition, and
/// has no other branch at its top level (`…|x` would match without them). A slot
/// pattern is compiled with `(?i)` alone (`rules/schema.rs`), so a match starts with
/// one of the words in some case. Anything this reader is unsure of gives `None`.
pub fn lead_words(pattern: &str) -> Option<Vec<&str>> {
    let rest = pattern.strip_prefix(r"\b(?:")?;
    let close = rest.find(')')?;
    let words: Vec<&str> = rest[..close].split('|').collect();
    if words
        .iter()
        .any(|w| w.is_empty() || !w.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        return None;
    }
    let tail = &rest[close + 1..];
    if tail.starts_with(['?', '*', '+', '{']) || !single_branch(tail) {
        return None;
    }
    Some(words)
}

/// Whether the rest of a valid pattern has no `|` outside its groups and classes.
/// False when unsure: a flag group that turns on verbose mode (`x`: its comments may
/// hold anything), or brackets that do not pair.
fn single_branch(tail: &str) -> bool {
    let mut chars = tail.chars().peekable();
    let mut depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => skip_escape(&mut chars),
            '[' if !skip_class(&mut chars) => return false,
            '(' => {
                if chars.peek() == Some(&'?') && verbose_flag(chars.clone()) {
                    return false;
                }
                depth += 1;
            }
            ')' => {
                let Some(d) = depth.checked_sub(1) else {
                    return false;
                };
                depth = d;
            }
            '|' if depth == 0 => return false,
            _ => {}
        }
    }
    depth == 0
}

/// Whether a group opening `(?flags…` (`chars` right after the `(`) turns on `x`.
fn verbose_flag(mut chars: impl Iterator<Item = char>) -> bool {
    chars.next();
    for c in chars {
        match c {
            ':' | ')' | '-' | '<' | 'P' => return false,
            'x' => return true,
            _ => {}
        }
    }
    false
}

/// Skips the rest of an escape after its `\`: one character, and a braced argument
/// (`\p{Greek}`, `\x{2a}`, `\b{start}`) when a letter is followed by `{`.
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars>) {
    let Some(e) = chars.next() else {
        return;
    };
    if e.is_ascii_alphabetic() && chars.peek() == Some(&'{') {
        for c in chars.by_ref() {
            if c == '}' {
                break;
            }
        }
    }
}

/// Skips a class after its `[` up to its closing `]`, classes inside it too (a `]`
/// first, after an optional `^`, is a literal). False when the class does not close.
fn skip_class(chars: &mut std::iter::Peekable<std::str::Chars>) -> bool {
    if chars.peek() == Some(&'^') {
        chars.next();
    }
    if chars.peek() == Some(&']') {
        chars.next();
    }
    while let Some(c) = chars.next() {
        match c {
            '\\' => skip_escape(chars),
            '[' if !skip_class(chars) => return false,
            ']' => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_words_only_where_every_match_starts_with_one() {
        let yes = [
            (
                r"\b(?:charged|booked)\b[^.;]{0,60}?\b(?:with|on)\s+{w}",
                vec!["charged", "booked"],
            ),
            (r"\b(?:armed)\s+(?:with|by)\s+an?\s+x", vec!["armed"]),
            (
                r"\b(?:a|Bb)[|(\]]x(?:y|z)\p{L}\b{end}[[:alpha:]|]",
                vec!["a", "Bb"],
            ),
            (r"\b(?:held)(?i:x|y)(?:(?:a)|b)", vec!["held"]),
        ];
        for (p, want) in yes {
            assert_eq!(lead_words(p), Some(want), "{p}");
        }
        for p in [
            r"^, an? x",
            r"(?-i)\b(?:charged)x",
            r"\b(?:charged|)x",
            r"\b(?:char-ged)x",
            r"\b(?:charged)?x",
            r"\b(?:charged)*x",
            r"\b(?:charged){0,2}x",
            r"\b(?:charged)x|y",
            r"\b(?:charged)[|]x|y",
            r"\b(?:charged)\|x|y",
            r"\b(?:charged)(?x)a # (\n|b",
            r"\b(?:charged)(?sx:a # (\n)|b",
            r"\b(?:charged)x)|(y",
            r"\b(?:chargéd)x",
            r"\b(?:charged)[x",
        ] {
            assert_eq!(lead_words(p), None, "{p}");
        }
    }

    /// Texts each pattern is tried on: with and without its words, in other cases,
    /// inside other words, and with the letters `(?i)` folds to ASCII ones.
    const TEXTS: [&str; 12] = [
        "",
        "Ona Vell was charged with murder.",
        "Ona Vell was CHARGED WITH MURDER.",
        "Ona Vell was discharged with honours.",
        "Ona Vell was booked on arson",
        "Ona Vell was boo\u{212a}ed on arson",
        "Ona Vell was \u{212a}illed",
        "Ona Vell ſaid it.",
        "Ona Vell, a witness, spoke.",
        "Ona Vell was arraigned for theft",
        "Ona Vell held x",
        "\u{2014}charged\u{2019} with murder",
    ];

    #[test]
    fn a_text_without_a_lead_word_holds_no_match() {
        let patterns = [
            r"\b(?:charged|indicted|booked|arraigned)\b[^.;]{0,60}?\b(?:with|on|for)\s+(?:murder|arson|theft)\b",
            r"\b(?:charged|booked)\s+(?:with|on)",
            r"\b(?:ona)\s+vell",
            r"\b(?:held|killed)(?:\s+x)?",
            r"\b(?:booked)\b",
        ];
        let mut skipped = 0;
        for p in patterns {
            let re = regex::RegexBuilder::new(p)
                .case_insensitive(true)
                .build()
                .unwrap();
            let lead = lead_words(p).map(|w| Arc::new(Needles::new(&w)));
            assert!(lead.is_some(), "{p}");
            for t in TEXTS {
                if !may_match(&lead, t) {
                    skipped += 1;
                    assert!(!re.is_match(t), "{p} on {t}");
                }
            }
        }
        assert!(skipped > 20, "{skipped}");
    }
}
