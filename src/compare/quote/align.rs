//! Comparing two quotations word by word.
//!
//! Words are folded (case, punctuation, quote marks, contractions, number words) so
//! that only real wording differences remain. Two quotations are aligned with an
//! overlap alignment (free leading and trailing gaps on both sides, so a partial quote
//! lines up inside the full one); the differences inside the aligned stretch are the
//! diff. Quotes are short, so the quadratic table is small; [`MAX_TOKENS`] bounds it.

use crate::hash::HashMap;
use std::rc::Rc;

/// Longer quotations are cut to this many words before aligning.
pub const MAX_TOKENS: usize = 400;

/// One word of a quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Folded form used for matching ("…" for an ellipsis).
    pub norm: String,
    /// The word as written (outer punctuation removed), for display.
    pub shown: String,
    /// Inside square brackets: the writer's insertion, not the speaker's word.
    pub editorial: bool,
}

impl Token {
    /// Is this step a word on one side only?
    pub fn is_gap(&self) -> bool {
        self.norm == "…"
    }
}

fn number_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "zero" => "0",
        "one" => "1",
        "two" => "2",
        "three" => "3",
        "four" => "4",
        "five" => "5",
        "six" => "6",
        "seven" => "7",
        "eight" => "8",
        "nine" => "9",
        "ten" => "10",
        "eleven" => "11",
        "twelve" => "12",
        "percent" | "per cent" => "%",
        "ok" => "okay",
        _ => return None,
    })
}

/// Folded words of one written word ("don't" → "do", "not").
#[cfg(test)]
fn fold(word: &str) -> Vec<String> {
    match fold_plain(word) {
        Some(w) => vec![w],
        None => fold_any(word),
    }
}

/// [`fold_any`] of a plain word, in one pass: ASCII without an apostrophe, neither
/// "cannot" nor empty once trimmed (most words of most quotations). `None` for any
/// other word. Such a word has no contraction to expand, and its ASCII lower case is
/// its lower case.
#[cfg(test)]
fn fold_plain(word: &str) -> Option<String> {
    if !word.is_ascii() || word.contains('\'') {
        return None;
    }
    let w = word.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '%');
    if w.is_empty() || w.eq_ignore_ascii_case("cannot") {
        return None;
    }
    let w = w.to_ascii_lowercase();
    if w.starts_with(|c: char| c.is_ascii_digit()) {
        return Some(w.replace(',', ""));
    }
    Some(number_word(&w).map_or(w, str::to_string))
}

/// Folded words of any written word, the general way.
fn fold_any(word: &str) -> Vec<String> {
    let w = word.to_lowercase().replace('’', "'");
    let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '%');
    if w.is_empty() {
        return Vec::new();
    }
    // 1,000 → 1000
    if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return vec![w.replace(',', "")];
    }
    let special: &[(&str, &[&str])] = &[
        ("won't", &["will", "not"]),
        ("can't", &["can", "not"]),
        ("cannot", &["can", "not"]),
        ("shan't", &["shall", "not"]),
        ("ain't", &["is", "not"]),
    ];
    if let Some((_, v)) = special.iter().find(|(k, _)| *k == w) {
        return v.iter().map(|s| s.to_string()).collect();
    }
    let suffixes: &[(&str, &str)] = &[
        ("n't", "not"),
        ("'ll", "will"),
        ("'re", "are"),
        ("'ve", "have"),
        ("'m", "am"),
        ("'d", "would"),
    ];
    for (suf, full) in suffixes {
        if let Some(stem) = w.strip_suffix(suf) {
            if !stem.is_empty() {
                return vec![stem.to_string(), full.to_string()];
            }
        }
    }
    if let Some(stem) = w.strip_suffix("'s") {
        if matches!(
            stem,
            "it" | "that" | "there" | "here" | "what" | "who" | "he" | "she" | "where"
        ) {
            return vec![stem.to_string(), "is".into()];
        }
    }
    let w = w.replace('\'', "");
    vec![number_word(&w).map_or(w.clone(), str::to_string)]
}

/// What one pass over a written word's bytes tells [`walk`] (one table look-up a byte,
/// instead of a search of the word for each of these).
#[derive(Clone, Copy)]
struct Shape(u8);

impl Shape {
    const OPENS: u8 = 1;
    const CLOSES: u8 = 2;
    /// A byte past ASCII, or an apostrophe: not a plain word.
    const NOT_PLAIN: u8 = 4;
    const COMMA: u8 = 8;

    /// The flags of each byte.
    const TABLE: [u8; 256] = {
        let mut t = [0u8; 256];
        let mut b = 0x80;
        while b < 256 {
            t[b] = Shape::NOT_PLAIN;
            b += 1;
        }
        t[b'[' as usize] = Shape::OPENS;
        t[b']' as usize] = Shape::CLOSES;
        t[b'\'' as usize] = Shape::NOT_PLAIN;
        t[b',' as usize] = Shape::COMMA;
        t
    };

    fn of(word: &str) -> Shape {
        Shape(
            word.bytes()
                .fold(0, |flags, b| flags | Shape::TABLE[usize::from(b)]),
        )
    }

    fn has(self, flag: u8) -> bool {
        self.0 & flag != 0
    }
}

/// [`fold_plain`] into `buf`, without allocating: `false` (and `buf` unspecified)
/// where [`fold_plain`] gives `None`. `shape` is the word's [`Shape`].
fn fold_plain_into(word: &str, shape: Shape, buf: &mut String) -> bool {
    if shape.has(Shape::NOT_PLAIN) {
        return false;
    }
    let b = word.as_bytes();
    // Trimmed a byte at a time (the word is ASCII: every byte is a char).
    let keep = |c: &u8| c.is_ascii_alphanumeric() || *c == b'%';
    let Some(start) = b.iter().position(keep) else {
        return false;
    };
    let end = b.iter().rposition(keep).map_or(start, |e| e + 1);
    let w = &word[start..end];
    if w.eq_ignore_ascii_case("cannot") {
        return false;
    }
    buf.clear();
    buf.push_str(w);
    buf.make_ascii_lowercase();
    if w.as_bytes()[0].is_ascii_digit() {
        // A comma the trimming left out is no comma of `w`: removing none is the same.
        if shape.has(Shape::COMMA) {
            buf.retain(|c| c != ',');
        }
    } else if let Some(n) = number_word(buf) {
        buf.clear();
        buf.push_str(n);
    }
    true
}

/// Does a word end at the character starting at byte `i` of `text` (a char
/// boundary, or a byte inside a character): the length of that character when it is
/// white space ([`char::is_whitespace`]) or an em or en dash, else 0. ASCII is read
/// from a byte; only a character whose first byte some such character has is decoded.
fn separator_at(text: &str, i: usize) -> usize {
    match text.as_bytes()[i] {
        b'\t'..=b'\r' | b' ' => 1,
        // The first bytes of U+0085 and U+00A0, of U+1680, of U+2000 to U+205F (the
        // dashes among them) and of U+3000.
        0xC2 | 0xE1 | 0xE2 | 0xE3 => {
            let c = text[i..].chars().next().unwrap_or_default();
            if c.is_whitespace() || c == '—' || c == '–' {
                c.len_utf8()
            } else {
                0
            }
        }
        _ => 0,
    }
}

/// The words of `text`: what `text.split(|c: char| c.is_whitespace() || c == '—' ||
/// c == '–')` gives that is not empty, read a byte at a time (most text is ASCII).
fn written_words(text: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let len = text.len();
        while at < len {
            match separator_at(text, at) {
                0 => break,
                w => at += w,
            }
        }
        if at == len {
            return None;
        }
        let start = at;
        // A byte inside a character is never read as a separator's first byte.
        at += 1;
        while at < len && separator_at(text, at) == 0 {
            at += 1;
        }
        Some(&text[start..at])
    })
}

/// Whether `text` holds an ellipsis, as three full stops or as the one character:
/// `text.contains("...") || text.contains('…')` without setting up a substring search
/// per text (a quotation has few full stops and few characters whose first byte is
/// the ellipsis's).
fn has_ellipsis(text: &str) -> bool {
    let b = text.as_bytes();
    let ellipsis = "…".as_bytes();
    memchr::memchr2_iter(b'.', ellipsis[0], b)
        .any(|i| b[i..].starts_with(b"...") || b[i..].starts_with(ellipsis))
}

/// Walks the words of a quotation as [`tokens`] makes them: `each(norm, raw,
/// editorial)` per token, in order, with the written word it comes from (the
/// ellipsis marker as "…" from "…"). One walk for the
/// tokens and for their numbers ([`WordNumbers::read`]), so that both always agree;
/// a plain word is folded into a buffer, not a new string.
fn walk(text: &str, mut each: impl FnMut(&str, &str, bool)) {
    let mut editorial = false;
    // Tokens given so far, and whether the last was the ellipsis marker.
    let (mut n, mut after_gap) = (0usize, false);
    let mut buf = String::new();
    // Ellipses stand apart as words of their own (most quotations have none: no copy).
    let text: std::borrow::Cow<str> = if has_ellipsis(text) {
        text.replace("...", " … ").replace('…', " … ").into()
    } else {
        text.into()
    };
    for raw in written_words(&text) {
        if raw == "…" {
            if !after_gap {
                each("…", "…", false);
                n += 1;
                after_gap = true;
            }
            continue;
        }
        let shape = Shape::of(raw);
        if shape.has(Shape::OPENS) {
            editorial = true;
        }
        if fold_plain_into(raw, shape, &mut buf) {
            each(&buf, raw, editorial);
            n += 1;
            after_gap = false;
        } else {
            // No folded word is the marker: every '…' stood apart above.
            for norm in fold_any(raw) {
                each(&norm, raw, editorial);
                n += 1;
                after_gap = false;
            }
        }
        if shape.has(Shape::CLOSES) {
            editorial = false;
        }
        if n >= MAX_TOKENS {
            break;
        }
    }
}

/// The words of a quotation, folded for matching.
pub fn tokens(text: &str) -> Vec<Token> {
    // About one word per six bytes of text: most quotations need no second allocation.
    let mut out = Vec::with_capacity((text.len() / 6 + 1).min(MAX_TOKENS));
    walk(text, |norm, raw, editorial| {
        // The word as written, outer punctuation removed (a contraction's words
        // alike); the ellipsis marker shows itself.
        let shown = if raw == "…" {
            raw
        } else {
            raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '%' && c != '\'')
                .trim_matches('\'')
        };
        out.push(Token {
            norm: norm.to_string(),
            shown: shown.to_string(),
            editorial,
        });
    });
    out
}

/// A text's words as numbers ([`WordNumbers`]), and which are the writer's insertions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Numbered {
    /// The number of each token's folded word.
    pub ids: Vec<u32>,
    /// Whether each token is inside square brackets ([`Token::editorial`]).
    pub editorial: Vec<bool>,
}

/// Numbers for folded words, one per distinct word in order of first appearance
/// across the texts read: equal words get equal numbers (what [`word_ids`] gives of
/// their tokens), read without building a [`Token`] and its two strings per word.
/// A new word is copied once, shared by the map and the list (most words of a small
/// story are new: two copies of each cost more than the look-up).
#[derive(Default)]
pub struct WordNumbers {
    ids: HashMap<Rc<str>, u32>,
    words: Vec<Rc<str>>,
}

impl WordNumbers {
    /// The number of a folded word.
    pub fn id(&mut self, w: &str) -> u32 {
        if let Some(&n) = self.ids.get(w) {
            return n;
        }
        let n = self.words.len() as u32;
        let w: Rc<str> = Rc::from(w);
        self.ids.insert(Rc::clone(&w), n);
        self.words.push(w);
        n
    }

    /// How many words are numbered.
    pub fn count(&self) -> usize {
        self.words.len()
    }

    /// The folded word numbered `n`.
    pub fn word(&self, n: u32) -> &str {
        &self.words[n as usize]
    }

    /// The number of the ellipsis marker, when some text read had one.
    pub fn gap(&self) -> Option<u32> {
        self.ids.get("…").copied()
    }

    /// The tokens of `text` ([`tokens`]) as numbers.
    pub fn read(&mut self, text: &str) -> Numbered {
        let words = (text.len() / 6 + 1).min(MAX_TOKENS);
        let mut out = Numbered {
            ids: Vec::with_capacity(words),
            editorial: Vec::with_capacity(words),
        };
        walk(text, |norm, _, editorial| {
            out.ids.push(self.id(norm));
            out.editorial.push(editorial);
        });
        out
    }
}

/// [`tokens`] as it was written before [`walk`]: what it is tested against.
#[cfg(test)]
fn tokens_by_definition(text: &str) -> Vec<Token> {
    // About one word per six bytes of text: most quotations need no second allocation.
    let mut out = Vec::with_capacity((text.len() / 6 + 1).min(MAX_TOKENS));
    let mut editorial = false;
    // Ellipses stand apart as words of their own (most quotations have none: no copy).
    let text: std::borrow::Cow<str> = if text.contains("...") || text.contains('…') {
        text.replace("...", " … ").replace('…', " … ").into()
    } else {
        text.into()
    };
    for raw in text.split(|c: char| c.is_whitespace() || c == '—' || c == '–') {
        if raw.is_empty() {
            continue;
        }
        if raw == "…" {
            if out.last().is_none_or(|t: &Token| !t.is_gap()) {
                out.push(Token {
                    norm: "…".into(),
                    shown: "…".into(),
                    editorial: false,
                });
            }
            continue;
        }
        let opens = raw.contains('[');
        let closes = raw.contains(']');
        if opens {
            editorial = true;
        }
        let shown = raw
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '%' && c != '\'')
            .trim_matches('\'')
            .to_string();
        let norms = fold(raw);
        let mut shown = Some(shown);
        let last = norms.len().saturating_sub(1);
        for (k, norm) in norms.into_iter().enumerate() {
            // The last word takes the shown form; a contraction's first words copy it.
            let shown = if k == last {
                shown.take().unwrap_or_default()
            } else {
                shown.clone().unwrap_or_default()
            };
            out.push(Token {
                norm,
                shown,
                editorial,
            });
        }
        if closes {
            editorial = false;
        }
        if out.len() >= MAX_TOKENS {
            break;
        }
    }
    out
}

/// One step of an alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Word `a` equals word `b`.
    Same(usize, usize),
    /// Word `a` replaced by word `b`.
    Change(usize, usize),
    /// Word of `a` only.
    Del(usize),
    /// Word of `b` only.
    Ins(usize),
}

/// An overlap alignment of two quotations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alignment {
    /// The aligned stretch, in order (leading and trailing overhangs left out).
    pub ops: Vec<Op>,
    /// Words equal on both sides.
    pub same: usize,
    /// Overhangs: words of `a` / `b` before and after the aligned stretch.
    pub a_lead: (usize, usize),
    /// Words of `b` before the aligned stretch (start, end).
    pub b_lead: (usize, usize),
    /// Words of `a` after the aligned stretch (start, end).
    pub a_tail: (usize, usize),
    /// Words of `b` after the aligned stretch (start, end).
    pub b_tail: (usize, usize),
}

/// Each quotation's words as numbers, one per distinct folded form across all of
/// `quotes`: equal words get equal numbers, so aligning compares integers, not strings.
pub fn word_ids<'a>(quotes: impl IntoIterator<Item = &'a [Token]>) -> Vec<Vec<u32>> {
    let mut ids: HashMap<&str, u32> = HashMap::default();
    quotes
        .into_iter()
        .map(|q| {
            q.iter()
                .map(|t| {
                    let next = ids.len() as u32;
                    *ids.entry(t.norm.as_str()).or_insert(next)
                })
                .collect()
        })
        .collect()
}

/// Aligns `a` with `b`: +1 per equal word, −1 per change or gap, overhangs free.
pub fn align(a: &[Token], b: &[Token]) -> Alignment {
    let ids = word_ids([a, b]);
    align_ids(&ids[0], &ids[1])
}

/// [`align`] over word numbers from [`word_ids`] (equal numbers are equal words).
pub fn align_ids(a: &[u32], b: &[u32]) -> Alignment {
    align_ids_in(a, b, &mut Vec::new())
}

/// The score table of [`align_ids`] in the first `(a.len() + 1) * (b.len() + 1)` cells
/// of `score` (a buffer reused across pairs, grown when too short, never cleared: every
/// cell read is written first): row `i`, column `j` is the best score of an alignment
/// ending after `a[..i]` and `b[..j]`, row 0 and column 0 zero (leading overhangs
/// free). Filled a row at a time from the row above, the cell to the left and the one
/// above it kept at hand: the same cells as one cell at a time by index, without the
/// index arithmetic and bounds checks in the innermost loop.
fn fill(a: &[u32], b: &[u32], score: &mut Vec<i32>) {
    let w = b.len() + 1;
    let cells = (a.len() + 1) * w;
    if score.len() < cells {
        score.resize(cells, 0);
    }
    let score = &mut score[..cells];
    score[..w].fill(0);
    for (i, &x) in a.iter().enumerate() {
        let (above, row) = score[i * w..(i + 2) * w].split_at_mut(w);
        row[0] = 0;
        let (mut left, mut diag) = (0i32, above[0]);
        for ((&up, cell), &y) in above[1..].iter().zip(&mut row[1..]).zip(b) {
            let s = (diag + if x == y { 1 } else { -1 })
                .max(up - 1)
                .max(left - 1);
            *cell = s;
            left = s;
            diag = up;
        }
    }
}

/// The length of the longest common subsequence of two lists of word numbers, with
/// its buffers kept across pairs. An alignment pairs equal words in order, so its
/// `same` is never more than this: a pair whose common subsequence is too short for
/// any rule is refused without its alignment. Bit-parallel (Allison and Dix; the
/// update of Crochemore et al.): one step per word of the shorter list, each a few
/// operations per 64 words of the longer, where the alignment costs a cell per pair
/// of words.
#[derive(Default)]
pub struct Subsequence {
    /// Per word number: 1 + its row in `masks` for the pair at hand, 0 when the
    /// longer list lacks it (reset after each pair).
    slot: Vec<u32>,
    /// One row of bits per distinct word of the longer list: where it stands there.
    masks: Vec<u64>,
    /// The state vector: its zeros count the common subsequence.
    v: Vec<u64>,
}

impl Subsequence {
    /// The longest common subsequence of `a` and `b`, in words.
    pub fn longest(&mut self, a: &[u32], b: &[u32]) -> usize {
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        if short.is_empty() {
            return 0;
        }
        let words = long.len().div_ceil(64);
        self.masks.clear();
        let mut rows = 0u32;
        for (j, &x) in long.iter().enumerate() {
            let x = x as usize;
            if x >= self.slot.len() {
                self.slot.resize(x + 1, 0);
            }
            if self.slot[x] == 0 {
                rows += 1;
                self.slot[x] = rows;
                self.masks.resize(rows as usize * words, 0);
            }
            let row = (self.slot[x] - 1) as usize;
            self.masks[row * words + j / 64] |= 1 << (j % 64);
        }
        self.v.clear();
        self.v.resize(words, !0);
        for &x in short {
            let row = match self.slot.get(x as usize) {
                Some(&r) if r > 0 => (r - 1) as usize,
                // A word the longer list lacks leaves the state as it is.
                _ => continue,
            };
            let mask = &self.masks[row * words..(row + 1) * words];
            // V ← (V + (V & M)) | (V & !M), the sum carried across the words.
            let mut carry = false;
            for (v, &m) in self.v.iter_mut().zip(mask) {
                let (sum, c1) = v.overflowing_add(*v & m);
                let (sum, c2) = sum.overflowing_add(u64::from(carry));
                carry = c1 || c2;
                *v = sum | (*v & !m);
            }
        }
        for &x in long {
            self.slot[x as usize] = 0;
        }
        // Zeros among the longer list's bits (the last word's spare bits left out).
        let last = long.len() - (words - 1) * 64;
        let valid = |k: usize| {
            if k + 1 < words || last == 64 {
                !0u64
            } else {
                (1u64 << last) - 1
            }
        };
        self.v
            .iter()
            .enumerate()
            .map(|(k, v)| (!v & valid(k)).count_ones() as usize)
            .sum()
    }
}

/// [`align_ids`] with the score table in `score`, a buffer reused across pairs.
pub fn align_ids_in(a: &[u32], b: &[u32], score: &mut Vec<i32>) -> Alignment {
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    fill(a, b, score);
    // The best end on the last row or column (trailing overhang free).
    let mut best = (0i32, n, m);
    for i in 0..=n {
        let s = score[i * w + m];
        if s > best.0 {
            best = (s, i, m);
        }
    }
    for j in 0..=m {
        let s = score[n * w + j];
        if s > best.0 {
            best = (s, n, j);
        }
    }
    let (_, mut i, mut j) = best;
    let (ei, ej) = (i, j);
    let mut ops = Vec::new();
    while i > 0 && j > 0 {
        let s = score[i * w + j];
        let eq = a[i - 1] == b[j - 1];
        if s == score[(i - 1) * w + j - 1] + if eq { 1 } else { -1 } {
            ops.push(if eq {
                Op::Same(i - 1, j - 1)
            } else {
                Op::Change(i - 1, j - 1)
            });
            i -= 1;
            j -= 1;
        } else if s == score[(i - 1) * w + j] - 1 {
            ops.push(Op::Del(i - 1));
            i -= 1;
        } else {
            ops.push(Op::Ins(j - 1));
            j -= 1;
        }
    }
    ops.reverse();
    // Trim changes at the edges: an alignment starts and ends on equal words.
    let lead = ops
        .iter()
        .take_while(|op| !matches!(op, Op::Same(..)))
        .count();
    ops.drain(..lead);
    while matches!(ops.last(), Some(op) if !matches!(op, Op::Same(..))) {
        ops.pop();
    }
    let first = ops.first().and_then(|op| match op {
        Op::Same(x, y) => Some((*x, *y)),
        _ => None,
    });
    let last = ops.last().and_then(|op| match op {
        Op::Same(x, y) => Some((*x + 1, *y + 1)),
        _ => None,
    });
    let (si, sj) = first.unwrap_or((ei, ej));
    let (li, lj) = last.unwrap_or((ei, ej));
    Alignment {
        same: ops.iter().filter(|o| matches!(o, Op::Same(..))).count(),
        ops,
        a_lead: (0, si),
        b_lead: (0, sj),
        a_tail: (li, n),
        b_tail: (lj, m),
    }
}

/// [`align_ids_in`] of a list of `n` words with itself, without its table: each word
/// pairs with itself. No cell scores more than the fewer words before it on either
/// side, so the diagonal's last cell, `n`, is the best end, and the walk back from it
/// takes the diagonal at every step.
pub fn identity(n: usize) -> Alignment {
    Alignment {
        ops: (0..n).map(|k| Op::Same(k, k)).collect(),
        same: n,
        a_lead: (0, 0),
        b_lead: (0, 0),
        a_tail: (n, n),
        b_tail: (n, n),
    }
}

/// A run of differences between two aligned quotations.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Hunk {
    /// Words only `a` has (or has instead), and only `b` has.
    pub a: Vec<usize>,
    /// Words only `b` has (or has instead).
    pub b: Vec<usize>,
    /// Position in the diff: index into the alignment's ops before which it sits.
    pub at: usize,
}

impl Alignment {
    /// The runs of differences inside the aligned stretch, plus the edges where both
    /// quotations go on with different words (at most `edge` words each).
    pub fn hunks(&self, edge: usize) -> Vec<Hunk> {
        let mut out = Vec::new();
        let lead = |(s, e): (usize, usize)| e - s;
        if lead(self.a_lead) > 0
            && lead(self.b_lead) > 0
            && lead(self.a_lead) <= edge
            && lead(self.b_lead) <= edge
        {
            out.push(Hunk {
                a: (self.a_lead.0..self.a_lead.1).collect(),
                b: (self.b_lead.0..self.b_lead.1).collect(),
                at: 0,
            });
        }
        let mut cur = Hunk::default();
        for (k, op) in self.ops.iter().enumerate() {
            match *op {
                Op::Same(..) => {
                    if !cur.a.is_empty() || !cur.b.is_empty() {
                        out.push(std::mem::take(&mut cur));
                    }
                    cur.at = k + 1;
                }
                Op::Change(x, y) => {
                    cur.a.push(x);
                    cur.b.push(y);
                }
                Op::Del(x) => cur.a.push(x),
                Op::Ins(y) => cur.b.push(y),
            }
        }
        if lead(self.a_tail) > 0
            && lead(self.b_tail) > 0
            && lead(self.a_tail) <= edge
            && lead(self.b_tail) <= edge
        {
            out.push(Hunk {
                a: (self.a_tail.0..self.a_tail.1).collect(),
                b: (self.b_tail.0..self.b_tail.1).collect(),
                at: self.ops.len(),
            });
        }
        out
    }
}

/// A compact word diff of the given hunks: two words of context around each, "…"
/// between. `[-x-]` is in `a` only, `{+y+}` in `b` only.
pub fn render(a: &[Token], b: &[Token], al: &Alignment, hunks: &[Hunk]) -> String {
    let shown = |t: &[Token], ix: &[usize]| -> String {
        let mut v: Vec<&str> = Vec::new();
        for &i in ix {
            // contractions give two tokens with one shown word
            if v.last() != Some(&t[i].shown.as_str()) || i == 0 || t[i - 1].shown != t[i].shown {
                v.push(&t[i].shown);
            }
        }
        v.join(" ")
    };
    let same_a = |k: usize| match al.ops.get(k) {
        Some(Op::Same(x, _)) => Some(*x),
        _ => None,
    };
    let mut parts: Vec<String> = Vec::new();
    for h in hunks {
        let before: Vec<usize> = (h.at.saturating_sub(2)..h.at).filter_map(same_a).collect();
        let mut end = h.at;
        while end < al.ops.len() && !matches!(al.ops[end], Op::Same(..)) {
            end += 1;
        }
        let after: Vec<usize> = (end..(end + 2).min(al.ops.len()))
            .filter_map(same_a)
            .collect();
        let mut s = String::from("…");
        if !before.is_empty() {
            s.push(' ');
            s.push_str(&shown(a, &before));
        }
        if !h.a.is_empty() {
            s.push_str(&format!(" [-{}-]", shown(a, &h.a)));
        }
        if !h.b.is_empty() {
            s.push_str(&format!(" {{+{}+}}", shown(b, &h.b)));
        }
        if !after.is_empty() {
            s.push(' ');
            s.push_str(&shown(a, &after));
        }
        s.push_str(" …");
        parts.push(s);
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(s: &str) -> Vec<String> {
        tokens(s).into_iter().map(|t| t.norm).collect()
    }

    /// Texts that reach every branch of the walk: ellipses of both kinds and in a
    /// row, brackets, contractions and curly apostrophes, numbers with commas,
    /// number words, "cannot", dashes, non-ASCII words, words of punctuation only,
    /// and pieces of them at random, past [`MAX_TOKENS`] words.
    fn varied_texts() -> Vec<String> {
        let pieces = [
            "We",
            "won't",
            "can't",
            "cannot",
            "CANNOT",
            "it's",
            "He’s",
            "they'll",
            "I'm",
            "you'd",
            "we've",
            "ain't",
            "shan't",
            "don't",
            "rock'n'roll",
            "'tis",
            "...",
            "…",
            "… …",
            "[the]",
            "[sic]",
            "[they",
            "said]",
            "1,000",
            "2,5%",
            "12%",
            "per",
            "cent",
            "percent",
            "Ten",
            "twelve",
            "OK",
            "ok",
            "Zürich",
            "naïve",
            "—",
            "–",
            "a—b",
            "x–y",
            "\"quoted\"",
            "(aside)",
            "--",
            "!",
            "?!",
            "'",
            "’",
            "e.g.",
            "U.S.",
            "",
            "  ",
            "\t",
            "\n",
            "end.",
            "Dana",
            "Orrow's",
            "bridge,",
            "reopen;",
            "42nd",
            "0",
            // White space past ASCII, and characters that share its first bytes.
            "\u{0b}",
            "\u{1c}",
            "\u{85}",
            "\u{a0}",
            "\u{1680}",
            "\u{2003}",
            "\u{200b}",
            "\u{2028}",
            "\u{202f}",
            "\u{205f}",
            "\u{3000}",
            "€",
            "ÿ",
        ];
        let mut out: Vec<String> = vec![
            String::new(),
            "We will not reopen the bridge... until [the] inspectors say so.".into(),
            "\"It's over,\" she said — we can't… won't go back [to the plant].".into(),
            "The 1,000 workers (ten of them new) earned 12% more, OK?".into(),
        ];
        let mut next = crate::tests::dice(0x51ed_2701_aa55_f00d);
        for round in 0..400 {
            let len = if round % 50 == 0 {
                300 + next(200)
            } else {
                next(30)
            };
            let mut t = String::new();
            for _ in 0..len {
                t.push_str(pieces[next(pieces.len())]);
                t.push_str([" ", " ", "", "\n", "—"][next(5)]);
            }
            out.push(t);
        }
        out
    }

    #[test]
    fn written_words_are_the_pieces_split_gives() {
        let split = |t: &str| -> Vec<String> {
            t.split(|c: char| c.is_whitespace() || c == '—' || c == '–')
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect()
        };
        // Every character up to U+3100 (all the white space but none past it), between
        // words and side by side.
        let mut texts: Vec<String> = (0..0x3100u32)
            .filter_map(char::from_u32)
            .map(|c| format!("a{c}b {c}{c}ü{c}"))
            .collect();
        texts.extend(varied_texts());
        for t in &texts {
            let words: Vec<String> = super::written_words(t).map(str::to_string).collect();
            assert_eq!(words, split(t), "{t:?}");
        }
    }

    #[test]
    fn tokens_follow_their_definition() {
        for t in varied_texts() {
            assert_eq!(tokens(&t), tokens_by_definition(&t), "{t:?}");
        }
    }

    #[test]
    fn numbered_words_are_the_numbers_of_the_tokens() {
        let texts = varied_texts();
        let toks: Vec<Vec<Token>> = texts.iter().map(|t| tokens_by_definition(t)).collect();
        let ids = word_ids(toks.iter().map(Vec::as_slice));
        let mut words = WordNumbers::default();
        for (k, t) in texts.iter().enumerate() {
            let read = words.read(t);
            assert_eq!(read.ids, ids[k], "{t:?}");
            let editorial: Vec<bool> = toks[k].iter().map(|x| x.editorial).collect();
            assert_eq!(read.editorial, editorial, "{t:?}");
            for (x, &n) in toks[k].iter().zip(&read.ids) {
                assert_eq!(words.word(n), x.norm);
                assert_eq!(words.gap() == Some(n), x.is_gap());
            }
        }
        assert!(words.gap().is_some());
    }

    #[test]
    fn folding_ignores_case_punctuation_contractions_and_marks() {
        assert_eq!(
            norms("We won't 'back down,' ten"),
            norms("we will not back down 10")
        );
        assert_eq!(norms("It's 1,000 people"), norms("it is 1000 people."));
        assert_eq!(norms("Wait... what"), vec!["wait", "…", "what"]);
        assert!(tokens("[They] shot")[0].editorial);
    }

    /// Words of many shapes: plain, capitalised, numbers with commas and signs,
    /// contractions, curly apostrophes, quote marks, "cannot", number words, non-ASCII
    /// letters and punctuation alone.
    fn invented_words() -> Vec<String> {
        let parts = [
            "",
            "a",
            "Harbin",
            "CANNOT",
            "cannot",
            "Can't",
            "won't",
            "don’t",
            "it's",
            "Roe's",
            "they'll",
            "'quoted'",
            "\"said",
            "ten",
            "Twelve",
            "OK",
            "percent",
            "1,000",
            "3.5",
            "2,",
            "-4",
            "%",
            "50%",
            "(Dana)",
            "x'y",
            "über",
            "ŞEHİR",
            "İ",
            "naïve",
            "—",
            "...",
            "'",
            "''",
            "[the",
            "mayor]",
            "Per",
            "cent",
            "O'Brien",
            "rock'n'roll",
            "'90s",
            "9-1-1",
            "e-mail",
            "ﬁne",
            "ǅ",
            "K",
            "ſ",
            "ß",
            "1,000AM",
            "4PM",
            "2Nd",
        ];
        let mut out = Vec::new();
        for a in parts {
            out.push(a.to_string());
            for b in ["", ",", ".", "!\"", "'", "’", ":", "?'"] {
                out.push(format!("{a}{b}"));
                out.push(format!("\"{a}{b}"));
                out.push(format!("({a}{b}"));
            }
        }
        out
    }

    #[test]
    fn ellipses_are_found_as_substring_search_finds_them() {
        let pieces = [
            "", ".", "..", "...", "....", "…", "’", "“", "—", "a", " ", "é", "\u{2000}",
        ];
        // Every text of up to four pieces: stops split and joined, and characters that
        // share the ellipsis's first byte.
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(longer);
            texts.sort();
            texts.dedup();
        }
        for t in &texts {
            let plain = t.contains("...") || t.contains('…');
            assert_eq!(super::has_ellipsis(t), plain, "{t:?}");
        }
    }

    #[test]
    fn plain_words_fold_as_any_word_does() {
        for w in invented_words() {
            assert_eq!(fold(&w), fold_any(&w), "{w:?}");
            if let Some(p) = fold_plain(&w) {
                assert_eq!(vec![p], fold_any(&w), "{w:?}");
            }
        }
        assert!(fold_plain("Harbin,").is_some() && fold_plain("can't").is_none());
    }

    #[test]
    fn contractions_share_their_shown_word() {
        let t = tokens("We won't, they'll [not] go");
        let shown: Vec<&str> = t.iter().map(|x| x.shown.as_str()).collect();
        assert_eq!(
            shown,
            ["We", "won't", "won't", "they'll", "they'll", "not", "go"]
        );
        let norms: Vec<&str> = t.iter().map(|x| x.norm.as_str()).collect();
        assert_eq!(norms, ["we", "will", "not", "they", "will", "not", "go"]);
        assert!(t[5].editorial && !t[6].editorial);
    }

    /// The score table cell by cell, by index, as [`fill`] once was.
    fn fill_by_index(a: &[u32], b: &[u32]) -> Vec<i32> {
        let (n, m) = (a.len(), b.len());
        let w = m + 1;
        let mut score = vec![0i32; (n + 1) * w];
        for i in 1..=n {
            for j in 1..=m {
                let eq = a[i - 1] == b[j - 1];
                let diag = score[(i - 1) * w + j - 1] + if eq { 1 } else { -1 };
                let up = score[(i - 1) * w + j] - 1;
                let left = score[i * w + j - 1] - 1;
                score[i * w + j] = diag.max(up).max(left);
            }
        }
        score
    }

    #[test]
    fn score_tables_filled_by_row_are_the_tables_filled_by_index() {
        // Small vocabularies (words repeat) and empty sides; one buffer for all pairs,
        // so a longer table left in it must not show through.
        let mut seed: u64 = 0x7a11_0bed_5eed_0042;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as u32
        };
        let mut buffer = Vec::new();
        for _ in 0..3000 {
            let (la, lb, vocab) = (next(40), next(40), 1 + next(9));
            let a: Vec<u32> = (0..la).map(|_| next(u64::from(vocab))).collect();
            let b: Vec<u32> = (0..lb).map(|_| next(u64::from(vocab))).collect();
            fill(&a, &b, &mut buffer);
            let table = fill_by_index(&a, &b);
            assert_eq!(buffer[..table.len()], table[..], "{a:?} {b:?}");
            assert_eq!(align_ids_in(&a, &b, &mut buffer), align_ids(&a, &b));
        }
    }

    /// The longest common subsequence by its table, as a textbook writes it.
    fn subsequence_by_table(a: &[u32], b: &[u32]) -> usize {
        let mut t = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for i in 0..a.len() {
            for j in 0..b.len() {
                t[i + 1][j + 1] = if a[i] == b[j] {
                    t[i][j] + 1
                } else {
                    t[i][j + 1].max(t[i + 1][j])
                };
            }
        }
        t[a.len()][b.len()]
    }

    /// A list aligned with itself through the table is [`identity`]: lists of few
    /// and of many distinct words (repeats make ties in the table), empty and long.
    #[test]
    fn a_list_aligned_with_itself_is_the_identity() {
        let mut next = crate::tests::dice(0x1de7_1c47_5eed_2222);
        let mut table = Vec::new();
        for len in [0, 1, 2, 3, 5, 8, 13, 40, 150] {
            for vocabulary in [1, 2, 3, 7, 1000] {
                let a: Vec<u32> = (0..len).map(|_| next(vocabulary) as u32).collect();
                assert_eq!(align_ids_in(&a, &a, &mut table), identity(len), "{a:?}");
            }
        }
    }

    #[test]
    fn subsequences_by_bits_are_the_subsequences_by_table() {
        // Lengths across the 64-word boundaries of the bit rows, small vocabularies
        // (words repeat) and large ones (few words shared), empty sides; one set of
        // buffers for every pair, so a pair's words must not stay behind.
        let mut seed: u64 = 0x51b5_e9ce_0c0f_fee5;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let mut sub = Subsequence::default();
        for round in 0..2500 {
            let la = next(if round % 5 == 0 { 200 } else { 30 }) as usize;
            let lb = next(if round % 3 == 0 { 300 } else { 70 }) as usize;
            let vocab = 1 + next(if round % 2 == 0 { 6 } else { 400 });
            let a: Vec<u32> = (0..la).map(|_| next(vocab) as u32).collect();
            let b: Vec<u32> = (0..lb).map(|_| next(vocab) as u32).collect();
            let by_table = subsequence_by_table(&a, &b);
            assert_eq!(sub.longest(&a, &b), by_table, "{a:?} {b:?}");
            assert_eq!(sub.longest(&b, &a), by_table, "{b:?} {a:?}");
            // The bound it is used as: no alignment pairs more words.
            assert!(align_ids(&a, &b).same <= by_table);
        }
        for n in [63, 64, 65, 128, 129] {
            let a: Vec<u32> = (0..n).collect();
            assert_eq!(sub.longest(&a, &a), n as usize);
            assert_eq!(sub.longest(&a[..1], &a), 1);
            assert_eq!(sub.longest(&a[n as usize - 1..], &a), 1);
        }
    }

    #[test]
    fn partial_quote_is_contained_without_hunks() {
        let a = tokens("we will defeat them");
        let b = tokens("I promise you that we will defeat them in the end");
        let al = align(&a, &b);
        assert_eq!(al.same, 4);
        assert!(al.hunks(3).is_empty());
    }

    #[test]
    fn changed_word_gives_a_compact_diff() {
        let a = tokens("I promise that we will defeat the enemy soon");
        let b = tokens("I promise that we would defeat the enemy soon");
        let al = align(&a, &b);
        let h = al.hunks(3);
        assert_eq!(h.len(), 1);
        assert_eq!(
            render(&a, &b, &al, &h),
            "… that we [-will-] {+would+} defeat the …"
        );
    }

    #[test]
    fn different_endings_are_a_hunk_but_an_extension_is_not() {
        let a = tokens("the people of this city are strong");
        let b = tokens("the people of this city are brave");
        let al = align(&a, &b);
        assert_eq!(al.hunks(3).len(), 1);
        let b = tokens("the people of this city are strong and proud");
        assert!(align(&a, &b).hunks(3).is_empty());
    }
}
