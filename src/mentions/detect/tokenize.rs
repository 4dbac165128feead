//! Words of a sentence: where each starts and ends, its possessive, and the
//! apostrophes that belong to a name rather than quote something.

use super::super::words::{class, push_key};
use super::Words;
use crate::span::Span;

/// One word of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    /// Holds a hyphen (between two of its parts: "al-Tarwen"), known from the walk
    /// that joined them, so that no test of the word searches it for one.
    pub(super) hyphen: bool,
    /// The word (to `end`) is ASCII without a dot ([`ascii_key`]), so its look-up key is
    /// its ASCII lower case: known from the walk for a word of ASCII letters and digits,
    /// so that it is not scanned again.
    pub(super) ascii_key: bool,
}

/// The bytes a word may hold and have its ASCII lower case as its key: ASCII other
/// than the dot.
static ASCII_KEY: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = b != b'.' as usize;
        b += 1;
    }
    t
};

/// Is the look-up key ([`key`]) of `w` its ASCII lower case: no dot, nothing outside
/// ASCII?
pub(super) fn ascii_key(w: &str) -> bool {
    w.bytes().all(|b| ASCII_KEY[usize::from(b)])
}

/// An apostrophe as the analysis text writes it (loading makes curly quotes straight;
/// "’" is kept for text that did not come through a loader).
pub(super) fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Is the word dotted initials ("A.J.", "U.S", "K")? Each part between dots one capital.
pub(super) fn is_initialish(w: &str) -> bool {
    // Most words: a first character in ASCII followed by another than a dot, so a
    // first part longer than one character.
    let b = w.as_bytes();
    if b.len() >= 2 && b[0].is_ascii() && b[1] != b'.' {
        return false;
    }
    initialish_by_parts(w)
}

/// [`is_initialish`] by its definition: the word split at its dots.
fn initialish_by_parts(w: &str) -> bool {
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

/// Abbreviations whose dot belongs to the word ("Gen.", "Co."): [`keeps_dot_in`] with a
/// buffer of its own.
#[cfg(test)]
fn keeps_dot(w: &str, words: &Words) -> bool {
    keeps_dot_in(w, words, &mut String::new())
}

/// Abbreviations whose dot belongs to the word ("Gen.", "Co."); the word's key made in
/// `buf`, a buffer kept from word to word (whatever it holds before), with room for the
/// dot looked up after it.
fn keeps_dot_in(w: &str, words: &Words, buf: &mut String) -> bool {
    if is_initialish(w) {
        return true;
    }
    buf.clear();
    push_key(w, buf);
    if matches!(buf.as_str(), "jr" | "sr") {
        return true; // "John Smith Jr."
    }
    // The lists that hold the key, in one look-up.
    let listed = words.classes(buf);
    // A short head keeps its dot only when it is a legal form ("Co.", "LLC."), not
    // a word ending a sentence ("the Army.").
    let short_head = listed & class::ORG_HEAD != 0
        && (listed & class::LEGAL_FORM != 0 || w.chars().all(|c| c.is_uppercase()));
    let upper = w.chars().next().is_some_and(char::is_uppercase);
    // "St.", "Ft.", "Ave.": an abbreviated word of a name; "Fla.": a state's.
    if upper && buf.len() <= 4 && listed & (class::ABBREVIATION | class::STATE) != 0 {
        return true;
    }
    // The key with its dot, made in the key's own buffer.
    buf.push('.');
    let listed_dotted = words.classes(buf) & (class::TITLE | class::ORG_HEAD) != 0;
    buf.pop();
    let k = buf.as_str();
    listed_dotted
        || (k.len() <= 4 && (listed & class::TITLE != 0 || short_head))
            && w.chars().next().is_some_and(char::is_uppercase)
            && !matches!(k, "head" | "chair" | "post" | "news" | "club" | "team")
}

/// The character at byte `p` of `text` (a character boundary before `end`), and its
/// length; ASCII without decoding.
#[inline(always)]
fn char_at(text: &str, p: usize, end: usize) -> Option<char> {
    let b = *text.as_bytes()[..end].get(p)?;
    if b.is_ascii() {
        Some(char::from(b))
    } else {
        text[p..end].chars().next()
    }
}

/// The character that ends at byte `p` of `text`, if one starts at or after `start`.
#[inline(always)]
fn char_before(text: &str, start: usize, p: usize) -> Option<char> {
    if p <= start {
        return None;
    }
    let b = text.as_bytes()[p - 1];
    if b.is_ascii() {
        Some(char::from(b))
    } else {
        text[start..p].chars().next_back()
    }
}

/// The apostrophes of a sentence that belong to words rather than quote something:
/// each opening quote (after a space, before a letter) is paired with the next closing
/// one (after a letter, before a space or punctuation); what is left unpaired is part
/// of a name ("'Abd al-Rahman", "Zafi' al-Tarwen"). Returns the byte offsets of the
/// unpaired openings and closings.
fn loose_apostrophes(text: &str, span: Span) -> (Vec<usize>, Vec<usize>) {
    let mut open = Vec::new();
    let mut close = Vec::new();
    let mut pending: Vec<usize> = Vec::new();
    let piece = &text.as_bytes()[span.start..span.end];
    // "'" is one byte and "’" three (E2 80 99): both found by their first byte, by
    // memchr2 (most sentences hold none: one scan says so).
    for at in memchr::memchr2_iter(b'\'', 0xE2, piece) {
        let i = span.start + at;
        let c = match char_at(text, i, span.end) {
            Some(c) if is_apostrophe(c) => c,
            _ => continue,
        };
        let prev = char_before(text, span.start, i);
        let next = char_at(text, i + c.len_utf8(), span.end);
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

/// The bytes that are ASCII letters or digits (a table: one load, where the test is
/// three comparisons).
static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The ASCII bytes that start no word: neither a letter, a digit nor "&".
static GAP: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = !c.is_ascii_alphanumeric() && c != b'&';
        b += 1;
    }
    t
};

/// The ASCII bytes after a word's letters that end it: neither a letter nor a digit, nor
/// what may join two parts of a word ("'", "-", ".", "&", "/").
static ENDS_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = !c.is_ascii_alphanumeric() && !matches!(c, b'\'' | b'-' | b'.' | b'&' | b'/');
        b += 1;
    }
    t
};

/// The first byte at or after `q` (before `stop`) that is not an ASCII letter or digit,
/// or `stop`. (Its own function: the walk's tight loop, with its few values in
/// registers.)
#[inline(never)]
fn ascii_word_end(bytes: &[u8], mut q: usize, stop: usize) -> usize {
    let run = &bytes[..stop];
    while q < stop && ALNUM[usize::from(run[q])] {
        q += 1;
    }
    q
}

/// Does the word at byte `i` follow an apostrophe no quote closed (one of `leads`, from
/// [`loose_apostrophes`])? Most sentences have none: that is known before the call.
#[inline(always)]
fn lead_at(text: &str, span: Span, leads: &[usize], i: usize) -> bool {
    !leads.is_empty() && follows_lead(text, span, leads, i)
}

/// [`lead_at`] for a sentence with apostrophes no quote closed.
#[inline(never)]
fn follows_lead(text: &str, span: Span, leads: &[usize], i: usize) -> bool {
    char_before(text, span.start, i).is_some_and(|b| leads.contains(&(i - b.len_utf8())))
}

/// The words of a sentence ([`first_words_into`], all of them).
#[cfg(test)]
pub(super) fn tokenize(text: &str, span: Span, words: &Words) -> Vec<Tok> {
    first_words(text, span, words, usize::MAX)
}

/// The first `limit` words of a sentence ([`first_words_into`]), in a new vector.
#[cfg(test)]
pub(super) fn first_words(text: &str, span: Span, words: &Words, limit: usize) -> Vec<Tok> {
    let mut toks = Vec::new();
    first_words_into(text, span, words, limit, &mut toks, &mut String::new());
    toks
}

/// The first `limit` words of a sentence (all of them for `usize::MAX`), written into
/// `toks`, cleared first: a buffer kept from sentence to sentence. Each word is found
/// from where the one before it ended, and the apostrophes are paired over the whole
/// sentence first; the rest of the sentence is left unwalked. Walked a character at a
/// time by byte offset (ASCII read without decoding); [`oracle::tokenize`] is the same
/// walk over a vector of the sentence's characters, as first written, and the tests
/// hold the two equal. A word's key, where the walk needs one, is made in `key_buf`
/// (a buffer kept from sentence to sentence, whatever it holds before).
pub(super) fn first_words_into(
    text: &str,
    span: Span,
    words: &Words,
    limit: usize,
    toks: &mut Vec<Tok>,
    key_buf: &mut String,
) {
    words_into(text, span, words, limit, usize::MAX, toks, key_buf);
}

/// How many words after the one that holds a sentence's last capital letter are read
/// ([`words_to_tail_into`]). A name's words all come before it (each holds a capital,
/// or a particle hyphened to one); what a name's reading looks at after its last word
/// reaches five words at most: a number or "Number" and a number after an
/// organisation's head, "police" and "department" after those, and the word after
/// that (a speech verb, a preposition). Eight leave a margin.
pub(super) const TAIL: usize = 8;

/// The words of a sentence up to the [`TAIL`]th after the one that holds its last
/// capital letter, at byte `last_capital` ([`first_words_into`] otherwise): the words
/// after those could change no mention, and a sentence's last name is often far from
/// its end.
pub(super) fn words_to_tail_into(
    text: &str,
    span: Span,
    words: &Words,
    last_capital: usize,
    toks: &mut Vec<Tok>,
    key_buf: &mut String,
) {
    words_into(text, span, words, usize::MAX, last_capital, toks, key_buf);
}

/// Has the walk read all the words it needs: `limit` words, or [`TAIL`] words that start
/// after byte `past` (`left` counts those still to read)?
#[inline(always)]
fn read_enough(toks: &[Tok], limit: usize, past: usize, left: &mut usize) -> bool {
    if toks.len() == limit {
        return true;
    }
    if toks.last().is_some_and(|t| t.start > past) {
        *left -= 1;
        return *left == 0;
    }
    false
}

/// [`first_words_into`] and [`words_to_tail_into`]: the first `limit` words, and no more
/// than [`TAIL`] of those that start after byte `past`.
fn words_into(
    text: &str,
    span: Span,
    words: &Words,
    limit: usize,
    past: usize,
    toks: &mut Vec<Tok>,
    key_buf: &mut String,
) {
    let mut left = TAIL;
    toks.clear();
    if limit == 0 {
        return;
    }
    let stop = span.end;
    let at = |p: usize| char_at(text, p, stop);
    let (leads, trails) = loose_apostrophes(text, span);
    // A word takes a letter and a separator at least; most sentences hold fewer.
    toks.reserve(limit.min((stop - span.start) / 4 + 1));
    let bytes = text.as_bytes();
    let mut p = span.start;
    loop {
        // Spaces and punctuation in ASCII (most of what lies between words) stepped over
        // a byte at a time, as the walk below steps over any character that starts no word.
        while p < stop && GAP[usize::from(bytes[p])] {
            p += 1;
        }
        // Most words: ASCII letters and digits up to a byte that ends a word (a space,
        // a comma). Such a word holds no dot, apostrophe or hyphen and is no
        // possessive, and no apostrophe closes after it: its token is known from its
        // bytes, with nothing decoded. (Any other word is walked below, from its start.)
        if p < stop && ALNUM[usize::from(bytes[p])] {
            let q = ascii_word_end(bytes, p + 1, stop);
            if q == stop || ENDS_WORD[usize::from(bytes[q])] {
                let upper = bytes[p].is_ascii_uppercase();
                toks.push(Tok {
                    start: p,
                    end: q,
                    full_end: q,
                    possessive: false,
                    lead: lead_at(text, span, &leads, p),
                    upper,
                    hyphen: false,
                    // ASCII letters and digits alone.
                    ascii_key: true,
                });
                if read_enough(toks, limit, past, &mut left) {
                    break;
                }
                p = q;
                continue;
            }
        }
        let Some(c) = at(p) else { break };
        let i = p;
        if c == '&' {
            toks.push(Tok {
                start: i,
                end: i + 1,
                full_end: i + 1,
                possessive: false,
                lead: false,
                upper: false,
                hyphen: false,
                ascii_key: true,
            });
            if read_enough(toks, limit, past, &mut left) {
                break;
            }
            p += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            p += c.len_utf8();
            continue;
        }
        // `q` walks the word; `last` is the character just before it.
        let mut q = p + c.len_utf8();
        let mut last = c;
        // Set where a hyphen joins two parts: no other byte of a word is one.
        let mut hyphen = false;
        loop {
            // ASCII letters and digits (most of a word) read a byte at a time.
            let run = q;
            while q < stop && ALNUM[usize::from(bytes[q])] {
                q += 1;
            }
            if q > run {
                last = char::from(bytes[q - 1]);
            }
            // An ASCII byte that neither joins two parts of a word nor goes on with one
            // (a space, a comma: where most words end) ends it, with nothing decoded.
            if q < stop && ENDS_WORD[usize::from(bytes[q])] {
                break;
            }
            let Some(d) = at(q) else { break };
            let dl = d.len_utf8();
            // No combining mark is ASCII.
            if d.is_alphanumeric()
                || !d.is_ascii() && unicode_normalization::char::is_combining_mark(d)
            {
                q += dl;
                last = d;
                continue;
            }
            let next = at(q + dl);
            if matches!(d, '\'' | '’' | '-' | '.' | '&') && next.is_some_and(char::is_alphanumeric)
            {
                let n = next.unwrap_or(d);
                q += dl + n.len_utf8();
                last = n;
                hyphen |= d == '-';
            } else if d == '/'
                && last.is_alphabetic()
                && next.is_some_and(char::is_uppercase)
                && c.is_uppercase()
            {
                // "Velm/Tarwen Airport": two places one name joins
                let n = next.unwrap_or(d);
                q += dl + n.len_utf8();
                last = n;
            } else if d == '-'
                && next.is_some_and(is_apostrophe)
                && next
                    .and_then(|n| at(q + dl + n.len_utf8()))
                    .is_some_and(char::is_alphanumeric)
            {
                // "Al-'Usri"
                let n = next.unwrap_or(d);
                let nn = at(q + dl + n.len_utf8()).unwrap_or(d);
                q += dl + n.len_utf8() + nn.len_utf8();
                last = nn;
                hyphen = true;
            } else {
                break;
            }
        }
        let mut end = q;
        // A dot the sentence goes on after is an abbreviation's ("Acme IMP. & EXP.
        // CO."): the segmenter has already judged it not to end the sentence.
        let inner_dot = || {
            at(q + 1) == Some(' ')
                && text[q + 1..stop].chars().any(char::is_alphanumeric)
                && short_caps(&text[i..end])
        };
        // ('.' is ASCII: its byte is the character.)
        if q < stop
            && bytes[q] == b'.'
            && (inner_dot() || keeps_dot_in(&text[i..end], words, key_buf))
        {
            end += 1;
            q += 1;
        }
        // A closing apostrophe no quote opened: part of the word ("Zafi'"), or a
        // plural possessive ("Farmers'").
        let mut plural_possessive = false;
        let mut trail_len = 0;
        if q < stop && trails.contains(&q) {
            plural_possessive = text[i..end].ends_with(['s', 'S']);
            trail_len = at(q).map_or(0, char::len_utf8);
            end += trail_len;
            q += trail_len;
        }
        let w = &text[i..end];
        let (name_end, possessive) = if plural_possessive {
            (end - trail_len, true)
        } else if !matches!(w.as_bytes().last(), Some(b's' | b'S')) {
            // Most words: no possessive ending, known from the last byte.
            (end, false)
        } else if w.ends_with("'s") || w.ends_with("'S") {
            (end - 2, true)
        } else if w.ends_with("’s") {
            (end - "’s".len(), true)
        } else {
            (end, false)
        };
        // "People's", "Workers'" before a capitalised word: part of a name
        // ("Korean People's Army", "Ministry of People's Security"). (Only a
        // possessive before a capitalised word can be one: the key is made for those
        // alone, in the kept buffer.)
        let group = possessive
            && w.starts_with(char::is_uppercase)
            && text[end..stop].starts_with(' ')
            && text[end + 1..stop].starts_with(char::is_uppercase)
            && {
                key_buf.clear();
                push_key(&w[..name_end - i], key_buf);
                group_word(key_buf)
            };
        let (name_end, possessive) = if group {
            (end, false)
        } else {
            (name_end, possessive)
        };
        let upper = c.is_uppercase();
        toks.push(Tok {
            start: i,
            end: name_end,
            full_end: end,
            possessive,
            lead: lead_at(text, span, &leads, i),
            upper,
            hyphen,
            ascii_key: ascii_key(&text[i..name_end]),
        });
        if read_enough(toks, limit, past, &mut left) {
            break;
        }
        p = q;
    }
}

/// The walk as first written, over a vector of the sentence's characters: the
/// definition [`tokenize`] is tested against.
/// A possessive word that, before a capitalised word, belongs to a name ("Korean People's
/// Army", "Ministry of People's Security"), by its look-up key.
fn group_word(key: &str) -> bool {
    matches!(
        key,
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
}

#[cfg(test)]
pub(super) mod oracle {
    use super::*;
    use crate::mentions::words::key;

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
                    hyphen: false,
                    // By definition, as for any word.
                    ascii_key: super::ascii_key(&text[i..i + 1]),
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
                && group_word(&key(&w[..name_end - i]))
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
                // By definition: the word as it ends up holds a hyphen.
                hyphen: text[i..name_end].contains('-'),
                ascii_key: super::ascii_key(&text[i..name_end]),
            });
            k = j;
        }
        toks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_are_found_as_by_their_definition() {
        for w in [
            "", ".", "..", "A", "a", "A.", "A.J.", "A.J", "AJ", "U.S.", "U.s.", "Velm", "V.", "Ø",
            "Ø.", "ØR", "Ø.R.", "É.Velm", "A..B", ".A", "1.", "A.1", "ǅ.", "Σ.Ο.",
        ] {
            assert_eq!(is_initialish(w), initialish_by_parts(w), "{w:?}");
        }
    }

    /// Invented sentences with what the walk treats specially: apostrophes opening,
    /// closing and inside names, possessives, dots, slashes, hyphens, ampersands,
    /// combining marks and letters outside ASCII.
    const SENTENCES: &[&str] = &[
        "Yesterday Karim 'Adwan Al-'Usri said no.",
        "According to 'Abd al-Karim Nuwar, it failed.",
        "The Farmers' Union met Zafi' al-Tarwen's aides at Velm/Tarwen Airport.",
        "Acme IMP. & EXP. CO., LTD. shipped it; Gen. Brisk Tarwen Jr. said so.",
        "He said 'they left' and the Korean People's Army's unit moved.",
        "Ms. O’Brisk’s dog met Ørvik Þórsson and Jose\u{301} Velma\u{308}r.",
        "A.J. Tarwen of the U.S. Army, St. Velm's Hospital, Fla. and D-Velm.",
        "M & S Foods (PVT) LTD. - JSC Reductor - PM; 179th Ship Repair Yard.",
        "“Velm” said: ‘no’ — ’Tis Zembla’s. Workers’ Club / Tarwen/velm x/Y.",
        "'Quoted' 'unclosed Velm' 'a' ' ' '' Zafi'' end'",
        "Al-'-'x -' -'A a-'b &&& a&b A&B Ltd.&Co. Inc.",
        "ΣΟΦΙΑ Straße İzvel ǅemal ﬁnn 12th 3.5 km 1,000 e.g. i.e. U.K.'s",
        "Trailing dot. Co. Ltd. Corp. Velm.",
        "Dr.Velm St.Tarwen .Velm -Velm 'Velm Velm'",
        "",
        "'",
        "’",
        "a",
        "A.",
        "Velm's",
        "Velms'",
        "PEOPLE'S Zembla",
        "Women's Tarwen Council and Nation's Velm",
    ];

    #[test]
    fn the_walk_by_byte_offset_finds_the_words_of_the_walk_by_characters() {
        let words = Words::builtin();
        let mut cases: Vec<String> = SENTENCES.iter().map(|s| s.to_string()).collect();
        // Each sentence inside other text, and every piece of each cut at characters.
        for s in SENTENCES {
            cases.push(format!("Before it. {s} After it."));
            let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
            for (n, &a) in bounds.iter().enumerate() {
                for &b in bounds[n..].iter().step_by(3).chain([&s.len()]) {
                    cases.push(s[a..b].to_string());
                }
            }
        }
        for text in &cases {
            // The whole text, and the span inside it of each of its sentences.
            let mut spans = vec![Span::new(0, text.len())];
            spans.extend(crate::segment::sentences(text).into_iter().map(|s| s.span));
            for span in spans {
                let all = tokenize(text, span, &words);
                assert_eq!(
                    all,
                    oracle::tokenize(text, span, &words),
                    "{text:?} {span:?}"
                );
                // The first words alone are the start of all of them.
                for limit in 0..4 {
                    let first = first_words(text, span, &words, limit);
                    assert_eq!(
                        first,
                        all[..limit.min(all.len())],
                        "{text:?} {span:?} {limit}"
                    );
                }
            }
        }
    }
}
