//! Words of a stretch of text, with their offsets and a folded form for matching.

use crate::hash::HashMap;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

/// Abbreviations and spelling variants, folded to one word ("Sen." → "senator").
/// Hashed: every word of every sentence read is looked up.
static ABBREVIATIONS: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    crate::wordlists::shipped::<BTreeMap<String, String>>("abbreviations.yaml")
        .into_iter()
        .collect()
});

/// [`ABBREVIATIONS`]' sieve: most words are no abbreviation, and are told so without
/// hashing them.
static ABBREVIATION_SIEVE: LazyLock<Sieve> =
    LazyLock::new(|| Sieve::new(ABBREVIATIONS.keys().map(String::as_str)));

/// A cheap test that a word may be one of a set of words: a word whose length is not
/// that of a word of the set starting with its first byte, or not that of one ending
/// with its last byte, is none of them. It rejects most words of a text at the cost of
/// two table reads, so that only the few left are looked up in the set itself.
pub struct Sieve {
    /// By first byte: bit `n` when some word of the set is `n` bytes long (bit 31: 31
    /// bytes or longer).
    first: [u32; 256],
    /// The same by last byte.
    last: [u32; 256],
}

impl Sieve {
    /// The sieve of `words`.
    pub fn new<'w>(words: impl IntoIterator<Item = &'w str>) -> Sieve {
        let mut sieve = Sieve {
            first: [0; 256],
            last: [0; 256],
        };
        for w in words {
            let b = w.as_bytes();
            if let (Some(&f), Some(&l)) = (b.first(), b.last()) {
                sieve.first[usize::from(f)] |= Sieve::bit(b.len());
                sieve.last[usize::from(l)] |= Sieve::bit(b.len());
            }
        }
        sieve
    }

    fn bit(len: usize) -> u32 {
        1 << len.min(31)
    }

    /// False when `w` is surely none of the words (the empty word never is one).
    pub fn may_hold(&self, w: &str) -> bool {
        let b = w.as_bytes();
        match (b.first(), b.last()) {
            (Some(&f), Some(&l)) => self.may_hold_bytes(f, l, b.len()),
            _ => false,
        }
    }

    /// [`Sieve::may_hold`] of a word of `len` bytes from `first` to `last`.
    fn may_hold_bytes(&self, first: u8, last: u8, len: usize) -> bool {
        let bit = Sieve::bit(len);
        self.first[usize::from(first)] & bit != 0 && self.last[usize::from(last)] & bit != 0
    }
}

/// The sieve of a set of folded words, for words not folded yet
/// ([`Word::may_fold_into`]).
pub struct FoldSieve {
    /// The sieve of the folded words.
    folded: Sieve,
    /// The sieve of the words and of the abbreviations that fold to one of them: a
    /// word written in ASCII without a dot folds to its lower case or, when that is an
    /// abbreviation, to its full form.
    written: Sieve,
}

impl FoldSieve {
    /// The sieve of `words` (folded).
    pub fn new<'w>(words: impl IntoIterator<Item = &'w str>) -> FoldSieve {
        let set: Vec<&str> = words.into_iter().collect();
        let abbreviations = abbreviations_of(&set);
        FoldSieve {
            folded: Sieve::new(set.iter().copied()),
            written: Sieve::new(set.iter().copied().chain(abbreviations)),
        }
    }
}

/// The abbreviations whose full form is one of `words`.
pub fn abbreviations_of(words: &[&str]) -> Vec<&'static str> {
    ABBREVIATIONS
        .iter()
        .filter(|(_, full)| words.contains(&full.as_str()))
        .map(|(short, _)| short.as_str())
        .collect()
}

/// The full form of an abbreviation (`w` folded), or `None`.
fn expand(w: &str) -> Option<&'static str> {
    if !ABBREVIATION_SIEVE.may_hold(w) {
        return None;
    }
    ABBREVIATIONS.get(w).map(String::as_str)
}

/// One word.
#[derive(Debug, Clone)]
pub struct Word<'a> {
    /// Byte offsets in the text the words were read from (plus the base given).
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// Lower case, trailing dot gone, abbreviation expanded ([`fold`]), made when first
    /// asked for ([`Word::folded`]): most words of a sentence are only tested against a
    /// sieve, which their text answers. Borrowed from the text when the word is
    /// already folded, as most words are.
    folded: OnceCell<Cow<'a, str>>,
    /// Only spaces stand between this word and the one before (no comma, no quote).
    pub gap_ok: bool,
    /// The first character is upper case ([`Word::is_cap`]), told once when the word is
    /// read: the event readers test every word of a sentence.
    cap: bool,
}

impl PartialEq for Word<'_> {
    fn eq(&self, other: &Self) -> bool {
        (self.start, self.end, self.text, self.gap_ok)
            == (other.start, other.end, other.text, other.gap_ok)
            && self.cap == other.cap
            && self.folded() == other.folded()
    }
}

impl<'a> Word<'a> {
    /// The word of `text` at `start..end` (offsets in the text read), folded when asked.
    fn new(start: usize, end: usize, text: &'a str, gap_ok: bool) -> Word<'a> {
        let cap = match text.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => text.chars().next().is_some_and(char::is_uppercase),
        };
        Word {
            start,
            end,
            text,
            folded: OnceCell::new(),
            gap_ok,
            cap,
        }
    }

    /// Lower case, trailing dot gone, abbreviation expanded ([`fold`]).
    pub fn folded(&self) -> &str {
        self.folded.get_or_init(|| fold_cow(self.text))
    }

    /// False when the word surely does not fold to a word of `sieve`'s set; told from
    /// its text, without folding it, when it is ASCII and holds no dot.
    pub fn may_fold_into(&self, sieve: &FoldSieve) -> bool {
        let t = self.text.as_bytes();
        match (t.first(), t.last()) {
            (Some(&f), Some(&l)) if t.iter().all(|&b| b.is_ascii() && b != b'.') => {
                let (f, l) = (f.to_ascii_lowercase(), l.to_ascii_lowercase());
                sieve.written.may_hold_bytes(f, l, t.len())
            }
            _ => sieve.folded.may_hold(self.folded()),
        }
    }

    /// A word of an organisation or a place before a role: capitalised, an acronym or
    /// a possessive ("FBI", "Zembla", "the agency's").
    pub fn org_like(&self) -> bool {
        self.cap || self.text.ends_with("'s")
    }

    /// The first character is upper case.
    pub fn is_cap(&self) -> bool {
        self.cap
    }
}

/// Lower case, possessive and trailing dot gone, abbreviation expanded.
pub fn fold(w: &str) -> String {
    fold_cow(w).into_owned()
}

/// [`fold`] without a new string when the word is its own folding (ASCII lower case,
/// no dot, no abbreviation) or folds to an abbreviation's full form: every word of
/// every sentence read goes through it.
pub fn fold_cow(w: &str) -> Cow<'_, str> {
    let t = w.trim_end_matches('.');
    let plain = t
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase() && b != b'.');
    if plain {
        return Cow::Borrowed(expand(t).unwrap_or(t));
    }
    let mut f = if t.is_ascii() {
        t.to_ascii_lowercase()
    } else {
        t.to_lowercase()
    };
    f.retain(|c| c != '.');
    match expand(&f) {
        Some(full) => Cow::Borrowed(full),
        None => Cow::Owned(f),
    }
}

/// Literal words looked for in any case, as a regex's `(?i)` finds them: one pass over
/// a text says which of them it holds (a prefilter, so that most sentences run none of
/// the patterns the words stand in). `(?i)` also folds two letters that are not ASCII
/// to ASCII ones (the long s to "s", the Kelvin sign to "k"): a text holding either is
/// taken to hold every word, as is every text when a word is not ASCII.
pub struct Needles {
    ac: Option<AhoCorasick>,
    /// The finder used when every word is four ASCII letters or more (the shipped
    /// ones are): cheaper per byte than the automaton.
    quads: Option<Quads>,
    len: usize,
}

/// Words of four ASCII letters or more, looked for by their first four letters: at
/// each byte of a text, its four bytes with the case bit set (which turns an upper
/// case letter to its lower case and no other byte into a letter) are hashed into a
/// table; only where a word's first four stand is the word compared.
struct Quads {
    /// Entry [`Quads::slot`] of the first four letters of each word is true: a byte a
    /// slot, not a bit (a byte is read by one instruction at each byte of a text).
    filter: Box<[bool; 4096]>,
    /// (first four letters as read, the word in lower case, its index), by first four.
    words: Vec<(u32, Vec<u8>, usize)>,
}

impl Quads {
    /// `None` when a word is shorter than four bytes or holds other than ASCII letters.
    fn new<S: AsRef<str>>(words: &[S]) -> Option<Quads> {
        let mut quads = Quads {
            filter: Box::new([false; 4096]),
            words: Vec::new(),
        };
        for (i, w) in words.iter().enumerate() {
            let w = w.as_ref().as_bytes();
            if w.len() < 4 || !w.iter().all(u8::is_ascii_alphabetic) {
                return None;
            }
            let q = Quads::quad(w);
            let slot = Quads::slot(q);
            quads.filter[slot] = true;
            quads.words.push((q, w.to_ascii_lowercase(), i));
        }
        quads.words.sort();
        Some(quads)
    }

    /// The first four bytes of `b` (four at least), the case bit set.
    fn quad(b: &[u8]) -> u32 {
        u32::from_le_bytes([b[0], b[1], b[2], b[3]]) | 0x2020_2020
    }

    /// A quad's bit in the filter (multiplicative hashing to 12 bits).
    fn slot(q: u32) -> usize {
        (q.wrapping_mul(0x9e37_79b1) >> 20) as usize
    }

    /// The words `text` holds, in any ASCII case, added to `out`.
    fn find(&self, text: &str, out: &mut Bits) {
        let b = text.as_bytes();
        for (at, four) in b.windows(4).enumerate() {
            let q = Quads::quad(four);
            if self.filter[Quads::slot(q)] {
                self.words_at(b, at, q, out);
            }
        }
    }

    /// [`Quads::find`] of the words that start where a word of the text starts: at a
    /// letter after no ASCII letter or digit. Eight bytes are read at a time
    /// ([`word_starts`]), and the four bytes at a word's start only are hashed (about
    /// one byte in six of news text), not those at every byte.
    fn find_at_word_starts(&self, text: &str, out: &mut Bits) {
        let b = text.as_bytes();
        // Whether the byte before the chunk is an ASCII letter or digit, in the high
        // bit of the lowest lane.
        let mut carry = 0;
        let chunks = b.chunks_exact(8);
        // The last bytes, padded with zeros (no letter, so no word start).
        let mut tail = [0; 8];
        tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        let words = chunks.map(|c| <[u8; 8]>::try_from(c).unwrap_or_default());
        for (k, eight) in words.chain(std::iter::once(tail)).enumerate() {
            let (mut starts, next) = word_starts(u64::from_le_bytes(eight), carry);
            carry = next;
            while starts != 0 {
                let at = k * 8 + starts.trailing_zeros() as usize / 8;
                starts &= starts - 1;
                let Some(four) = b.get(at..at + 4) else {
                    return;
                };
                let q = Quads::quad(four);
                if self.filter[Quads::slot(q)] {
                    self.words_at(b, at, q, out);
                }
            }
        }
    }

    /// The words whose first four letters are `q` that stand at byte `at` of `b`.
    fn words_at(&self, b: &[u8], at: usize, q: u32, out: &mut Bits) {
        let from = self.words.partition_point(|w| w.0 < q);
        for (_, word, index) in self.words[from..].iter().take_while(|w| w.0 == q) {
            if b.get(at..at + word.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(word))
            {
                out.set(*index);
            }
        }
    }
}

/// `b` in each of the eight bytes of a word.
const fn lanes(b: u8) -> u64 {
    b as u64 * 0x0101_0101_0101_0101
}

/// Of eight bytes read as one little-endian word, the lanes (high bit of each byte)
/// that are ASCII letters and those that are ASCII letters or digits. Each lane's sums
/// stay below 0x100, so no lane carries into the next.
fn letters_and_alnums(x: u64) -> (u64, u64) {
    let ascii = !x & lanes(0x80);
    let low = x & lanes(0x7f);
    let lower = low | lanes(0x20);
    let at_least = |v: u64, c: u8| v + lanes(0x80 - c);
    let letters = at_least(lower, b'a') & !at_least(lower, b'z' + 1) & ascii;
    let digits = at_least(low, b'0') & !at_least(low, b'9' + 1) & ascii;
    (letters, letters | digits)
}

/// The lanes of eight bytes (read as in [`letters_and_alnums`]) where a word starts,
/// a letter after a byte that is no ASCII letter or digit; `carry` says whether the
/// byte before the first is one (0x80) or not (0). With the carry for the next eight.
fn word_starts(x: u64, carry: u64) -> (u64, u64) {
    let (letters, alnums) = letters_and_alnums(x);
    let after_alnum = (alnums << 8) | carry;
    (letters & !after_alnum, (alnums >> 56) & 0x80)
}

/// The letters other than ASCII ones that `(?i)` matches to an ASCII letter.
pub const FOLDS_TO_ASCII: [char; 2] = ['\u{17f}', '\u{212a}'];

/// Whether `text` holds a letter of [`FOLDS_TO_ASCII`]. An ASCII text holds neither;
/// another is searched for their bytes (in UTF-8 a character's bytes stand nowhere but
/// where it does) by searchers built once, not by decoding every character: most news
/// text holds a quotation mark or a dash outside ASCII.
pub fn holds_folding(text: &str) -> bool {
    static FINDERS: LazyLock<[memchr::memmem::Finder<'static>; 2]> = LazyLock::new(|| {
        FOLDS_TO_ASCII.map(|c| memchr::memmem::Finder::new(&c.to_string()).into_owned())
    });
    !text.is_ascii() && FINDERS.iter().any(|f| f.find(text.as_bytes()).is_some())
}

impl Needles {
    /// The finder of `words` (each found anywhere, inside words too, in any case).
    pub fn new<S: AsRef<str>>(words: &[S]) -> Needles {
        let ascii = words.iter().all(|w| w.as_ref().is_ascii());
        let ac = ascii
            .then(|| {
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .build(words.iter().map(AsRef::as_ref))
                    .ok()
            })
            .flatten();
        Needles {
            ac,
            quads: Quads::new(words),
            len: words.len(),
        }
    }

    /// Which words `text` may hold, by their index: every one it holds, and every one
    /// when it holds a letter the finder does not fold.
    pub fn present(&self, text: &str) -> Bits {
        let Some(ac) = self.ac.as_ref().filter(|_| !holds_folding(text)) else {
            return Bits::all(self.len);
        };
        let mut out = Bits::none(self.len);
        if let Some(quads) = &self.quads {
            quads.find(text, &mut out);
            return out;
        }
        for m in ac.find_overlapping_iter(text) {
            out.set(m.pattern().as_usize());
        }
        out
    }

    /// [`Needles::present`] of the words that stand where a word of `text` starts:
    /// right after a byte that is no ASCII letter or digit, or at the start. Every one
    /// of them it holds is given, and maybe others (every word, when it holds a letter
    /// the finder does not fold). A pattern's word that follows `\b` or `\s` stands
    /// there (`\b` before a letter: the character before is no word character, so its
    /// last byte is no ASCII letter or digit), as does a word read by [`words`]: most
    /// of a text is inside words, and no word is looked for there.
    pub fn present_at_word_starts(&self, text: &str) -> Bits {
        match &self.quads {
            Some(quads) if self.ac.is_some() && !holds_folding(text) => {
                let mut out = Bits::none(self.len);
                quads.find_at_word_starts(text, &mut out);
                out
            }
            _ => self.present(text),
        }
    }
}

/// A set of small numbers (the indices of [`Needles`]' words), one bit each: whether a
/// text holds any of a group of words is then a few word-wide ands, not a walk over
/// the group's indices. The first 128 bits are held in place, the rest (none for the
/// shipped word lists) in a vector: a set is made for every sentence read, and is then
/// no allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bits {
    /// Bits `0..128`.
    low: [u64; 2],
    /// Bits from 128 on, 64 a word.
    high: Vec<u64>,
}

impl Bits {
    /// The empty set, room for `0..len`.
    pub fn none(len: usize) -> Bits {
        Bits {
            low: [0; 2],
            high: vec![0; len.saturating_sub(128).div_ceil(64)],
        }
    }

    /// Every number of `0..len`.
    pub fn all(len: usize) -> Bits {
        let mut b = Bits::none(len);
        for i in 0..len {
            b.set(i);
        }
        b
    }

    /// The set of `indices`, room for `0..len`.
    pub fn of(len: usize, indices: &[usize]) -> Bits {
        let mut b = Bits::none(len);
        for &i in indices {
            b.set(i);
        }
        b
    }

    /// The word that holds bit `i`, if there is room for it.
    fn word(&self, i: usize) -> Option<&u64> {
        match i / 64 {
            k @ 0..=1 => Some(&self.low[k]),
            k => self.high.get(k - 2),
        }
    }

    /// Adds `i` (within the room made).
    pub fn set(&mut self, i: usize) {
        let w = match i / 64 {
            k @ 0..=1 => &mut self.low[k],
            k => &mut self.high[k - 2],
        };
        *w |= 1 << (i % 64);
    }

    /// Whether `i` is in the set.
    pub fn has(&self, i: usize) -> bool {
        self.word(i).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// Whether the set holds no number.
    pub fn is_empty(&self) -> bool {
        self.low == [0; 2] && self.high.iter().all(|&w| w == 0)
    }

    /// Whether the two sets share a number.
    pub fn meets(&self, other: &Bits) -> bool {
        self.low.iter().zip(&other.low).any(|(a, b)| a & b != 0)
            || self.high.iter().zip(&other.high).any(|(a, b)| a & b != 0)
    }
}

/// Is `c` part of a word (letters, digits, apostrophes, hyphens, dots, ampersands)?
fn part(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '-' | '.' | '&')
}

/// [`part`] of each byte that is an ASCII character, read from a table: most of a
/// text is ASCII. A byte of a wider character is `false` (its character is decoded).
const ASCII_PART: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || matches!(c, b'\'' | b'-' | b'.' | b'&');
        b += 1;
    }
    t
};

/// `Some` when offset `at` (of `s` read with offsets plus `base`) lies inside `s` on
/// a character boundary and does not cut a word.
fn uncut(s: &str, base: usize, at: usize) -> Option<()> {
    let rel = at.checked_sub(base)?;
    if rel > s.len() || !s.is_char_boundary(rel) {
        return None;
    }
    let before = s[..rel].chars().next_back().is_some_and(part);
    let after = s[rel..].chars().next().is_some_and(part);
    (!(before && after)).then_some(())
}

/// The words of `s[..end - base]`, given the words `ws` of all of `s` (read with
/// offsets plus `base`): when `end` does not cut a word they are the first words of `ws`,
/// the same words (a word's folding, trimming and gap depend only on it and what comes
/// before it), so a stretch that starts where the sentence starts is not read again.
/// `None` when `end` cuts a word or lies outside `s`.
pub fn words_before<'w, 'a>(
    ws: &'w [Word<'a>],
    s: &str,
    base: usize,
    end: usize,
) -> Option<&'w [Word<'a>]> {
    uncut(s, base, end)?;
    Some(&ws[..ws.partition_point(|w| w.start < end)])
}

/// The words of `s[start - base..]`, given the words `ws` of all of `s` (read with
/// offsets plus `base`): when `start` does not cut a word they are the last words of
/// `ws`, the same words but for the first one's `gap_ok` (what stands before it is not
/// the same), so the rest of a sentence after a name is not read again. `None` when
/// `start` cuts a word or lies outside `s`.
pub fn words_from<'w, 'a>(
    ws: &'w [Word<'a>],
    s: &str,
    base: usize,
    start: usize,
) -> Option<&'w [Word<'a>]> {
    uncut(s, base, start)?;
    Some(&ws[ws.partition_point(|w| w.start < start)..])
}

/// Whether an ASCII byte is whitespace (`char::is_whitespace`: space, tab, line feed,
/// vertical tab, form feed, carriage return).
fn ascii_space(b: u8) -> bool {
    b == b' ' || (0x09..=0x0d).contains(&b)
}

/// The end of the run of [`part`] characters of `s` from `i`: its ASCII bytes read as
/// they are, a wider character decoded.
fn word_end(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    loop {
        i += b[i..]
            .iter()
            .take_while(|&&c| ASCII_PART[usize::from(c)])
            .count();
        match s.get(i..).and_then(|rest| rest.chars().next()) {
            Some(ch) if !ch.is_ascii() && part(ch) => i += ch.len_utf8(),
            _ => return i,
        }
    }
}

/// The words of `s` (offsets plus `base`): runs of [`part`] characters, a trailing dot
/// dropped when it is not an abbreviation's. Read a run at a time, an ASCII byte as it
/// is (most of a text).
pub fn words<'a>(s: &'a str, base: usize) -> Vec<Word<'a>> {
    let mut out = Vec::new();
    words_into(s, base, &mut out);
    out
}

/// [`words`] written into `out` (cleared first): a caller reading sentence after
/// sentence keeps one buffer instead of allocating one per sentence.
pub fn words_into<'a>(s: &'a str, base: usize, out: &mut Vec<Word<'a>>) {
    out.clear();
    // About one word in six bytes of news text: most sentences need no regrowth.
    out.reserve(s.len() / 6 + 1);
    let b = s.as_bytes();
    let mut i = 0;
    // Only whitespace since the end of the last word (or the start).
    let mut gap_ok = true;
    while let Some(&c) = b.get(i) {
        // The gap before a word.
        if c.is_ascii() {
            if !ASCII_PART[usize::from(c)] {
                gap_ok &= ascii_space(c);
                i += 1;
                continue;
            }
        } else {
            let Some(ch) = s[i..].chars().next() else {
                break;
            };
            if !part(ch) {
                gap_ok &= ch.is_whitespace();
                i += ch.len_utf8();
                continue;
            }
        }
        let st = i;
        i = word_end(s, i);
        let mut text = &s[st..i];
        // A trailing dot ends the word only when it is not an abbreviation's (the only
        // dot of a word longer than four bytes); it then stands in the next gap.
        let trim = text.len() > 4 && text.ends_with('.') && !text[..text.len() - 1].contains('.');
        if trim {
            text = &text[..text.len() - 1];
        }
        out.push(Word::new(base + st, base + st + text.len(), text, gap_ok));
        gap_ok = !trim;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_expands_abbreviations_and_keeps_gaps() {
        let ws = words("Lt. Ann Roe, of Zembla.", 10);
        let f: Vec<&str> = ws.iter().map(Word::folded).collect();
        assert_eq!(f, ["lieutenant", "ann", "roe", "of", "zembla"]);
        assert!(ws[2].gap_ok && !ws[3].gap_ok);
        assert_eq!((ws[4].start, ws[4].end), (26, 32));
    }

    #[test]
    fn words_before_a_point_are_the_words_read_up_to_it() {
        let s = "Acting Zembla Police Chief Ann Roe's aide, Sen. Bo Lee-Ray, said so.";
        let base = 7;
        let all = words(s, base);
        // Every point of the sentence: the words read up to it, or None where it cuts
        // a word (then the caller reads them itself).
        for rel in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
            let got = words_before(&all, s, base, base + rel);
            let cuts = rel > 0
                && s[..rel].chars().next_back().is_some_and(part)
                && s[rel..].chars().next().is_some_and(part);
            match got {
                Some(ws) => assert_eq!(ws, words(&s[..rel], base).as_slice(), "at {rel}"),
                None => assert!(cuts, "at {rel}"),
            }
        }
        assert!(words_before(&all, s, base, base - 1).is_none());
    }

    #[test]
    fn words_from_a_point_are_the_words_read_from_it() {
        let s = "Ann Roe's aide, Sen. Bo Lee-Ray, 57, of Upper Falls, Neb., flew in. The end";
        let base = 7;
        let all = words(s, base);
        for rel in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
            let got = words_from(&all, s, base, base + rel);
            let cuts = rel > 0
                && s[..rel].chars().next_back().is_some_and(part)
                && s[rel..].chars().next().is_some_and(part);
            match got {
                Some(ws) => {
                    let want = words(&s[rel..], base + rel);
                    assert_eq!(ws.len(), want.len(), "at {rel}");
                    for (k, (a, b)) in ws.iter().zip(&want).enumerate() {
                        // The first word's gap is what stands before it in `s`.
                        let (mut a, mut b) = (a.clone(), b.clone());
                        if k == 0 {
                            (a.gap_ok, b.gap_ok) = (true, true);
                        }
                        assert_eq!(a, b, "at {rel}");
                    }
                }
                None => assert!(cuts, "at {rel}"),
            }
        }
        assert!(words_from(&all, s, base, base - 1).is_none());
        assert!(words_from(&all, s, base, base + s.len() + 1).is_none());
        assert!(words_before(&all, s, base, base + s.len() + 1).is_none());
    }

    /// The words as first written: every character read by `char_indices` and tested
    /// by [`part`], every gap by `char::is_whitespace`.
    fn words_by_definition<'a>(s: &'a str, base: usize) -> Vec<Word<'a>> {
        let mut out = Vec::new();
        let mut start = None;
        let mut prev_end = 0;
        let push = |st: usize, en: usize, out: &mut Vec<Word<'a>>, prev_end: &mut usize| {
            let mut text = &s[st..en];
            if text.ends_with('.') && text.len() > 4 && !text[..text.len() - 1].contains('.') {
                text = &text[..text.len() - 1];
            }
            let gap = &s[*prev_end..st];
            let first = text.chars().next();
            out.push(Word {
                start: base + st,
                end: base + st + text.len(),
                text,
                folded: OnceCell::from(Cow::Owned(fold_by_definition(text))),
                gap_ok: gap.chars().all(char::is_whitespace),
                cap: first.is_some_and(char::is_uppercase),
            });
            *prev_end = st + text.len();
        };
        for (i, c) in s.char_indices() {
            match (part(c), start) {
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

    #[test]
    fn words_follow_their_definition() {
        let mut texts: Vec<String> = [
            "",
            " ",
            "Lt. Ann Roe, of Zembla.",
            "Acting Zembla Police Chief Ann Roe's aide, Sen. Bo Lee-Ray, said so.",
            "Bo Li, 57, of Upper Falls, Neb., flew in from U.S. soil at 3 a.m. today",
            "“Roe,” they said — twice… and again\u{a0}and\tagain\x0bnow\r\nthen",
            "Zoë Ærø of Ελλάδα, İstanbul & Straße; \u{212a}elvin ſeen, 12th-floor rock&roll",
            "a  b\u{2009}c\u{3000}d\u{85}e--f''g..h&&i",
            "end.",
            "Word",
            "trailing space ",
            "日本語のテキスト、そして English words.",
        ]
        .map(String::from)
        .to_vec();
        // Every ASCII character and a few others between two words, and at either end.
        for c in (0u8..128)
            .map(char::from)
            .chain(['é', '’', '—', '\u{a0}', '٣', 'ſ'])
        {
            texts.push(format!("Ann{c}Roe {c}said{c}"));
            texts.push(format!("{c}Sen.{c}{c}x"));
        }
        for t in &texts {
            for base in [0, 7] {
                assert_eq!(words(t, base), words_by_definition(t, base), "{t:?}");
            }
        }
    }

    #[test]
    fn a_sieve_lets_every_word_of_its_set_through_and_stops_most_others() {
        let set = ["party", "vigil", "a", "organisation", "x-ray"];
        let sieve = Sieve::new(set);
        for w in set {
            assert!(sieve.may_hold(w), "{w}");
        }
        // A long word: every length from 31 bytes on shares one bit.
        let long = "y".repeat(40);
        let sieve_long = Sieve::new([long.as_str()]);
        assert!(sieve_long.may_hold(&long) && sieve_long.may_hold(&"y".repeat(31)));
        assert!(!sieve_long.may_hold(&"y".repeat(30)));
        // Another length, first or last byte: stopped.
        for w in [
            "",
            "the",
            "parts",
            "partx",
            "qarty",
            "vigils",
            "b",
            "organisations",
        ] {
            assert!(!sieve.may_hold(w), "{w}");
        }
        // The abbreviations' sieve lets every abbreviation through.
        for k in ABBREVIATIONS.keys() {
            assert!(expand(k).is_some(), "{k}");
        }
        assert!(expand("the").is_none());
    }

    #[test]
    fn a_word_may_fold_into_a_set_whenever_its_folding_is_in_it() {
        // Sets of folded words: event nouns, abbreviations' full forms, odd lengths.
        let mut all: Vec<&str> = vec!["party", "vigil", "march", "saint", "co", "x"];
        all.extend(ABBREVIATIONS.values().map(String::as_str));
        let sets: [&[&str]; 3] = [&all, &["party", "vigil"], &["saint", "captain"]];
        let mut texts = [
            "Party PARTY party parties Vigil. Vigils St. ST st Capt CAPT capt. Mt Co co. CO",
            "Sen. SEN sen U.S. u.s a.m. Par.ty P.A.R.T.Y party's March MARCH march.",
            "Zoë PARTŸ İstanbul ſaint \u{212a}O Straße x X x. self-described rock&roll",
        ]
        .join(" ");
        for k in ABBREVIATIONS.keys() {
            texts.push_str(&format!(" {k} {} {k}. ", k.to_uppercase()));
        }
        let ws = words(&texts, 0);
        let mut held = 0;
        for set in sets {
            let sieve = FoldSieve::new(set.iter().copied());
            for w in &ws {
                if set.contains(&fold_by_definition(w.text).as_str()) {
                    held += 1;
                    assert!(w.may_fold_into(&sieve), "{}", w.text);
                }
            }
        }
        assert!(held > 50, "{held}");
    }

    /// The folding as first written: one new string per word.
    fn fold_by_definition(w: &str) -> String {
        let w = w.trim_end_matches('.');
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

    #[test]
    fn fold_cow_is_the_folding_by_definition() {
        let mut words: Vec<String> = [
            "chief",
            "Chief",
            "CHIEF",
            "lt.",
            "Lt.",
            "sen",
            "Sen.",
            "U.S.",
            "u.s.",
            "St.",
            "st",
            "a.m.",
            "Ann's",
            "ann's",
            "self-described",
            "Zoë",
            "ÉCOLE",
            "Straße",
            "12",
            "3rd",
            "rock&roll",
            "...",
            "",
            ".",
            "Mr",
            "mr.",
            "Gov",
            "gov.",
            "Dr.",
            "Kelvin",
            "\u{212a}elvin",
            "İstanbul",
            "ΣΟΦΊΑ",
        ]
        .iter()
        .map(|w| w.to_string())
        .collect();
        // Every abbreviation, as listed and capitalised, with and without its dot.
        for k in ABBREVIATIONS.keys() {
            let mut cap = k.clone();
            if let Some(c) = cap.get_mut(..1) {
                c.make_ascii_uppercase();
            }
            words.extend([k.clone(), format!("{k}."), cap.clone(), format!("{cap}.")]);
        }
        for w in &words {
            assert_eq!(fold_cow(w), fold_by_definition(w), "{w}");
            assert_eq!(fold(w), fold_by_definition(w), "{w}");
        }
        // The common case borrows.
        assert!(matches!(fold_cow("chief"), Cow::Borrowed("chief")));
    }

    /// Which of `words` a regex `(?i)` finds in `text`: the definition [`Needles`] keeps.
    fn present_by_regex(words: &[&str], text: &str) -> Vec<bool> {
        words
            .iter()
            .map(|w| {
                regex::Regex::new(&format!("(?i){}", regex::escape(w)))
                    .unwrap()
                    .is_match(text)
            })
            .collect()
    }

    #[test]
    fn bits_hold_what_was_set_and_meet_where_they_share() {
        // Across a word's edge and past it.
        for len in [1, 63, 64, 65, 127, 128, 129, 130, 200, 257] {
            let picks: Vec<usize> = (0..len).filter(|i| i % 7 == 3 || i + 1 == len).collect();
            let b = Bits::of(len, &picks);
            for i in 0..len + 70 {
                assert_eq!(b.has(i), picks.contains(&i), "{len} {i}");
                assert_eq!(Bits::all(len).has(i), i < len, "{len} {i}");
                // Meets a one-number set exactly when it holds the number.
                if i < len {
                    assert_eq!(b.meets(&Bits::of(len, &[i])), picks.contains(&i));
                }
            }
            assert!(!b.meets(&Bits::none(len)));
            assert!(Bits::none(len).is_empty() && b.is_empty() == picks.is_empty());
        }
    }

    #[test]
    fn needles_find_what_a_case_insensitive_regex_finds() {
        let words = [
            "charged", "arrest", "custody", "at large", "broke", "k", "s",
        ];
        let needles = Needles::new(&words);
        for text in [
            "Roe was ARRESTED and taken into Custody.",
            "Roe, at LARGE, broke-out",
            "nothing here",
            "",
            "Roe was arre\u{17f}ted",
            "\u{212a}ept in cu\u{17f}tody",
            "“Roe” — arrested…",
        ] {
            let got = needles.present(text);
            let want = present_by_regex(&words, text);
            // Never a word missed; an extra one only where a folding letter stands.
            for (i, w) in words.iter().enumerate() {
                assert!(got.has(i) || !want[i], "{w} in {text}");
                if !text.contains(FOLDS_TO_ASCII) {
                    assert_eq!(got.has(i), want[i], "{w} in {text}");
                }
            }
        }
        // A word that is not ASCII: every text may hold it.
        let wide = Needles::new(&["café"]);
        assert_eq!(wide.present("tea"), Bits::all(1));
    }

    #[test]
    fn quads_find_what_the_automaton_finds() {
        // Words sharing their first four letters, one inside another, odd lengths.
        let words = [
            "charged",
            "charges",
            "charge",
            "arrest",
            "arrested",
            "custody",
            "fire",
            "gala",
            "game",
            "party",
            "parties",
            "broke",
            "quake",
            "earthquake",
        ];
        let needles = Needles::new(&words);
        assert!(needles.quads.is_some());
        let ac = needles.ac.as_ref().unwrap();
        let pieces = [
            "charged",
            "CHARGES",
            "Charge",
            "arrEST",
            "custody",
            "fire",
            "GALA",
            "gam",
            "part",
            "Parties",
            "broke",
            "quake",
            "Earthquake",
            " ",
            ".",
            "é",
            "—",
            "@",
            "`",
            "[",
            "{",
            "\u{c1}",
            "x",
            "ARRESTED",
            "cHaRgEd",
        ];
        let mut die = crate::tests::dice(19);
        for _ in 0..4000 {
            let n = die(8);
            let text: String = (0..n).map(|_| pieces[die(pieces.len())]).collect();
            let mut want = Bits::none(words.len());
            for m in ac.find_overlapping_iter(&text) {
                want.set(m.pattern().as_usize());
            }
            assert_eq!(needles.present(&text), want, "{text}");
        }
        // A word shorter than four letters, or not letters: the automaton reads.
        assert!(Needles::new(&["fire", "up"]).quads.is_none());
        assert!(Needles::new(&["fire", "at large"]).quads.is_none());
    }

    #[test]
    fn eight_bytes_at_a_time_tell_each_bytes_class() {
        // Every byte in every lane, beside every kind of neighbour.
        for fill in [0u8, b'a', b'Z', b'5', b' ', 0x80, 0xff, b'@', b'{'] {
            for lane in 0..8 {
                for b in 0..=255u8 {
                    let mut bytes = [fill; 8];
                    bytes[lane] = b;
                    let (letters, alnums) = letters_and_alnums(u64::from_le_bytes(bytes));
                    for (i, &c) in bytes.iter().enumerate() {
                        let high = 0x80u64 << (8 * i);
                        assert_eq!(letters & high != 0, c.is_ascii_alphabetic(), "{c}");
                        assert_eq!(alnums & high != 0, c.is_ascii_alphanumeric(), "{c}");
                    }
                    assert_eq!(letters & !lanes(0x80), 0);
                    assert_eq!(alnums & !lanes(0x80), 0);
                }
            }
        }
    }

    #[test]
    fn needles_at_word_starts_are_the_automatons_there() {
        let words = [
            "charged",
            "charges",
            "charge",
            "arrest",
            "fire",
            "gala",
            "party",
            "quake",
            "earthquake",
        ];
        let needles = Needles::new(&words);
        let ac = needles.ac.as_ref().unwrap();
        let pieces = [
            "charged",
            "CHARGES",
            "Fire",
            "gala",
            "pARTY",
            "quake",
            "Earthquake",
            "arrest",
            " ",
            ".",
            "-",
            "'",
            "_",
            "é",
            "—",
            "\u{c1}",
            "x",
            "7",
            "@",
            "`",
            "\u{17f}",
            "[",
            "{",
            "/",
            ":",
            "Z",
            "0",
            "9",
            "\u{7f}",
        ];
        let mut die = crate::tests::dice(23);
        let mut found = 0;
        for _ in 0..6000 {
            let n = die(12);
            let text: String = (0..n).map(|_| pieces[die(pieces.len())]).collect();
            let got = needles.present_at_word_starts(&text);
            let mut want = Bits::none(words.len());
            if holds_folding(&text) {
                want = Bits::all(words.len());
            }
            for m in ac.find_overlapping_iter(&text) {
                let before = text.as_bytes()[..m.start()].last();
                if before.is_none_or(|b| !b.is_ascii_alphanumeric()) {
                    want.set(m.pattern().as_usize());
                }
            }
            found += usize::from(!want.is_empty());
            assert_eq!(got, want, "{text}");
        }
        assert!(found > 1000, "{found}");
        // Without the four-letter finder: every word the text holds anywhere.
        let short = Needles::new(&["fire", "up"]);
        assert_eq!(short.present_at_word_starts("cup"), short.present("cup"));
    }

    #[test]
    fn folding_letters_are_found_by_their_bytes() {
        for t in [
            "",
            "plain",
            "cu\u{17f}tody",
            "\u{212a}ept",
            "“quoted” — dash… ſ",
            "Ł ł ő œ ſ",
            "\u{2129}\u{212b} \u{17e}\u{180}",
            "K k s S",
        ] {
            assert_eq!(holds_folding(t), t.contains(FOLDS_TO_ASCII), "{t}");
        }
    }

    #[test]
    fn only_the_long_s_and_the_kelvin_sign_fold_to_ascii_letters() {
        // `Needles` folds ASCII case only; a letter outside ASCII that `(?i)` matches
        // to an ASCII letter must be one it knows.
        let letter = regex::Regex::new("(?i)^[a-z]$").unwrap();
        let mut found: Vec<char> = (0x80..=0x10ffff_u32)
            .filter_map(char::from_u32)
            .filter(|c| letter.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        found.sort();
        let mut known = FOLDS_TO_ASCII.to_vec();
        known.sort();
        assert_eq!(found, known);
    }
}
