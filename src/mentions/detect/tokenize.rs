//! Words of a sentence: where each starts and ends, its possessive, and the
//! apostrophes that belong to a name rather than quote something.

use super::super::words::key;
use super::Words;
use crate::span::Span;

/// One word of a sentence.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub(super) start: usize,
    /// End of the word without a possessive "'s".
    pub(super) end: usize,
    /// End including the possessive.
    pub(super) full_end: usize,
    pub(super) possessive: bool,
    /// Starts just after an apostrophe that is part of the name (the Arabic letter
    /// ayn in "Muhammad 'Ali"), not an opening quote.
    pub(super) lead: bool,
    /// Starts with a capital letter.
    pub(super) upper: bool,
}

/// An apostrophe as the analysis text writes it (loading makes curly quotes straight;
/// "’" is kept for text that did not come through a loader).
pub(super) fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// The apostrophes of a sentence that belong to words rather than quote something:
/// each opening quote (after a space, before a letter) is paired with the next closing
/// one (after a letter, before a space or punctuation); what is left unpaired is part
/// of a name ("'Abd al-Rahman", "Zafi' al-Tarwen"). Returns the byte offsets of the
/// unpaired openings and closings.
fn loose_apostrophes(chars: &[(usize, char)]) -> (Vec<usize>, Vec<usize>) {
    let mut open = Vec::new();
    let mut close = Vec::new();
    let mut pending: Vec<usize> = Vec::new();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !is_apostrophe(c) {
            continue;
        }
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|x| x.1);
        let opens = prev.is_none_or(|p| p.is_whitespace() || "([\"“".contains(p))
            && next.is_some_and(char::is_alphabetic);
        let closes = prev.is_some_and(|p| p.is_alphanumeric() || ".,!?".contains(p))
            && next.is_none_or(|n| !n.is_alphanumeric());
        if opens {
            pending.push(i);
        } else if closes && pending.pop().is_none() {
            close.push(i);
        }
    }
    open.extend(pending);
    (open, close)
}

pub(super) fn is_initialish(w: &str) -> bool {
    w.split('.').all(|p| {
        let mut cs = p.chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
    })
}

/// A short word in capitals, or capitalised and short ("IMP", "Bros"): the kind of
/// word a company name abbreviates.
fn short_caps(w: &str) -> bool {
    let n = w.chars().count();
    let upper = w.chars().filter(|c| c.is_uppercase()).count();
    w.chars().all(char::is_alphabetic)
        && w.starts_with(char::is_uppercase)
        && (upper == n && (2..=5).contains(&n) || upper == 1 && (3..=4).contains(&n))
}

/// Abbreviations whose dot belongs to the word ("Gen.", "Co.").
fn keeps_dot(w: &str, words: &Words) -> bool {
    if is_initialish(w) {
        return true;
    }
    let k = key(w);
    if matches!(k.as_str(), "jr" | "sr") {
        return true; // "John Smith Jr."
    }
    let dotted = format!("{k}.");
    // A short head keeps its dot only when it is a legal form ("Co.", "LLC."), not
    // a word ending a sentence ("the Army.").
    let short_head = words.org_heads.contains(&k)
        && (words.legal_forms.contains(&k) || w.chars().all(|c| c.is_uppercase()));
    let upper = w.chars().next().is_some_and(char::is_uppercase);
    // "St.", "Ft.", "Ave.": an abbreviated word of a name; "Fla.": a state's.
    if upper
        && k.len() <= 4
        && (words.abbreviations.contains_key(&k) || words.states.contains_key(&k))
    {
        return true;
    }
    words.titles.contains(&dotted)
        || words.org_heads.contains(&dotted)
        || (k.len() <= 4 && (words.titles.contains(&k) || short_head))
            && w.chars().next().is_some_and(char::is_uppercase)
            && !matches!(
                k.as_str(),
                "head" | "chair" | "post" | "news" | "club" | "team"
            )
}

pub(super) fn tokenize(text: &str, span: Span, words: &Words) -> Vec<Tok> {
    let piece = &text[span.start..span.end];
    // Sized once: as many characters as bytes at most.
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(piece.len());
    chars.extend(piece.char_indices().map(|(i, c)| (i + span.start, c)));
    let at = |j: usize| chars.get(j).map_or(span.end, |x| x.0);
    let (leads, trails) = loose_apostrophes(&chars);
    let mut toks = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if c == '&' {
            toks.push(Tok {
                start: i,
                end: i + 1,
                full_end: i + 1,
                possessive: false,
                lead: false,
                upper: false,
            });
            k += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            k += 1;
            continue;
        }
        let mut j = k + 1;
        while j < chars.len() {
            let c = chars[j].1;
            if c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c) {
                j += 1;
            } else if matches!(c, '\'' | '’' | '-' | '.' | '&')
                && chars.get(j + 1).is_some_and(|x| x.1.is_alphanumeric())
            {
                j += 2;
            } else if c == '/'
                && chars[j - 1].1.is_alphabetic()
                && chars.get(j + 1).is_some_and(|x| x.1.is_uppercase())
                && chars[k].1.is_uppercase()
            {
                j += 2; // "Velm/Tarwen Airport": two places one name joins
            } else if c == '-'
                && chars.get(j + 1).is_some_and(|x| is_apostrophe(x.1))
                && chars.get(j + 2).is_some_and(|x| x.1.is_alphanumeric())
            {
                j += 3; // "Al-'Usri"
            } else {
                break;
            }
        }
        let mut end = at(j);
        // A dot the sentence goes on after is an abbreviation's ("Acme IMP. & EXP.
        // CO."): the segmenter has already judged it not to end the sentence.
        let inner_dot = || {
            chars.get(j + 1).is_some_and(|x| x.1 == ' ')
                && chars[j + 1..].iter().any(|x| x.1.is_alphanumeric())
                && short_caps(&text[i..end])
        };
        if chars.get(j).is_some_and(|x| x.1 == '.')
            && (inner_dot() || keeps_dot(&text[i..end], words))
        {
            end += 1;
            j += 1;
        }
        // A closing apostrophe no quote opened: part of the word ("Zafi'"), or a
        // plural possessive ("Farmers'").
        let mut plural_possessive = false;
        if chars.get(j).is_some_and(|x| trails.contains(&x.0)) {
            plural_possessive = text[i..end].ends_with(['s', 'S']);
            end += chars[j].1.len_utf8();
            j += 1;
        }
        let w = &text[i..end];
        let (name_end, possessive) = if plural_possessive {
            (end - chars[j - 1].1.len_utf8(), true)
        } else if w.ends_with("'s") || w.ends_with("'S") {
            (end - 2, true)
        } else if w.ends_with("’s") {
            (end - "’s".len(), true)
        } else {
            (end, false)
        };
        // "People's", "Workers'" before a capitalised word: part of a name
        // ("Korean People's Army", "Ministry of People's Security"). (Only a
        // possessive can be one: the key is made for those alone.)
        let group = possessive
            && matches!(
                key(&w[..name_end - i]).as_str(),
                "people"
                    | "peoples"
                    | "workers"
                    | "worker"
                    | "farmers"
                    | "veterans"
                    | "women"
                    | "martyrs"
                    | "nation"
            )
            && w.starts_with(char::is_uppercase)
            && text[end..span.end].starts_with(' ')
            && text[end + 1..span.end].starts_with(char::is_uppercase);
        let (name_end, possessive) = if group {
            (end, false)
        } else {
            (name_end, possessive)
        };
        let lead = k > 0 && leads.contains(&chars[k - 1].0);
        toks.push(Tok {
            start: i,
            end: name_end,
            full_end: end,
            possessive,
            lead,
            upper: c.is_uppercase(),
        });
        k = j;
    }
    toks
}
