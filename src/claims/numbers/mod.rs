//! The number-phrase reader: every quantity a sentence states, with its qualifier.

pub(crate) mod lex;
mod parse;
pub(crate) mod words;

use std::sync::LazyLock;

use serde::Serialize;

use crate::hash::HashSet;

use crate::span::Span;

/// What a number stands for: only counts and amounts are compared with each other.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum NumberKind {
    /// A count or amount ("1,000 fighters", "$2", "63%").
    Quantity,
    /// A year ("in 2014").
    Year,
    /// A day of the calendar.
    Date,
    /// A clock time.
    Time,
    /// A person's age.
    Age,
    /// An ordinal ("third").
    Ordinal,
    /// Addresses, phone numbers, quoted identifiers: numbers that are names.
    Identifier,
}

/// The bounds a text states, before any tolerance. `None` is an open side.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Value {
    /// The lower bound (`None`: open, as in "up to 10").
    pub low: Option<f64>,
    /// The upper bound (`None`: open, as in "more than 10").
    pub high: Option<f64>,
}

impl Value {
    /// A single value: both bounds `v`.
    pub fn exact(v: f64) -> Self {
        Value {
            low: Some(v),
            high: Some(v),
        }
    }
}

/// How the text hedges or bounds a number.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Default,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// As stated, no hedge.
    #[default]
    Exact,
    /// about, around, roughly, some, an estimated…
    Approximately,
    /// nearly, almost: a little below the stated value.
    Nearly,
    /// at least, no fewer than, upwards of: inclusive lower bound.
    AtLeast,
    /// more than, over: exclusive lower bound.
    MoreThan,
    /// up to, as many as, at most, no more than: inclusive upper bound.
    AtMost,
    /// fewer than, less than, under: exclusive upper bound.
    LessThan,
    /// between A and B, A-B.
    Range,
}

/// One number phrase found in a piece of text.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberPhrase {
    /// Byte span in the text given to [`read`], qualifier included.
    pub span: Span,
    /// What the number stands for.
    pub kind: NumberKind,
    /// The bounds the phrase states.
    pub value: Value,
    /// Its hedge ("about", "more than", exact).
    pub qualifier: Qualifier,
    /// The unit written with it, if any.
    pub unit: Option<String>,
    /// A vague amount ("dozens", "hundreds") rather than a figure.
    pub vague: bool,
}

/// Reads every number phrase in `text` (typically one sentence).
///
/// Never panics; spans lie inside `text` on character boundaries.
pub fn read(text: &str) -> Vec<NumberPhrase> {
    if !may_hold_number(text) {
        return Vec::new();
    }
    parse::read(text)
}

/// The longest word [`may_hold_number`] lower-cases in place (longer ones are copied).
const WORD_MAX: usize = 16;

/// Whether `text` may hold a number phrase: it has a digit, a vulgar fraction, or a
/// word the number grammar reads a number from. Every phrase the parser reads holds
/// one: a digit or a fraction is a number token, and every other reading ("two",
/// "a hundred", "the third", "half", "several", "tens of thousands", "a handful",
/// "dozens") takes at least one of [`starts_number`]'s words. Most sentences hold
/// none, and are neither lexed nor parsed.
pub fn may_hold_number(text: &str) -> bool {
    let b = text.as_bytes();
    let (ascii, digit) = ascii_and_digit(b);
    if digit {
        return true;
    }
    if !ascii {
        return runs_may_hold_number(text);
    }
    // ASCII text with no digit (most sentences): read for its runs of letters; no
    // vulgar fraction stands in it. A run whose shape (length, first two letters) no
    // number word has is passed by; the others are lower-cased and looked up.
    let shapes = &*NUMBER_SHAPES;
    let mut buf = [0u8; WORD_MAX];
    let mut i = 0;
    while i < b.len() {
        let start = ascii_run_edge(b, i, true);
        if start == b.len() {
            break;
        }
        i = ascii_run_edge(b, start, false);
        let run = &b[start..i];
        if !shapes.may_be(run) {
            continue;
        }
        let found = match buf.get_mut(..run.len()) {
            Some(low) => {
                low.copy_from_slice(run);
                low.make_ascii_lowercase();
                std::str::from_utf8(low).is_ok_and(is_number_start)
            }
            None => is_number_start(&text[start..i].to_ascii_lowercase()),
        };
        if found {
            return true;
        }
    }
    false
}

/// The first byte of ASCII text `b` at or after `from` that is an ASCII letter
/// (`letter`) or that is not (`!letter`), or `b.len()`: read eight bytes at a time, a
/// word's letters and the gap after it in a step or two rather than a byte each
/// (every sentence without a digit is read so).
fn ascii_run_edge(b: &[u8], from: usize, letter: bool) -> usize {
    let mut i = from;
    while let Some(chunk) = b.get(i..i + 8) {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(chunk);
        let letters = ascii_letter_bits(u64::from_le_bytes(bytes));
        let hits = if letter {
            letters
        } else {
            !letters & HIGH_BITS
        };
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    b[i..]
        .iter()
        .position(|c| c.is_ascii_alphabetic() == letter)
        .map_or(b.len(), |k| i + k)
}

/// The high bit of each byte of a word.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `w` that is an ASCII letter, `w`'s bytes all ASCII
/// (below 0x80): a byte with its 0x20 bit set is a letter when it lies in `a..=z`, and
/// adding to a byte below 0x80 what sets its high bit from a bound on carries nothing
/// into the next byte.
fn ascii_letter_bits(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let folded = w | (0x20 * ONES);
    let from_a = folded + u64::from(0x80 - b'a') * ONES;
    let past_z = folded + u64::from(0x80 - b'z' - 1) * ONES;
    from_a & !past_z & HIGH_BITS
}

/// Whether all of `b` is ASCII, and whether it holds an ASCII digit: one pass with no
/// early exit and no branch, which the compiler makes a loop over many bytes at a
/// time (a third of the sentences hold a digit, found here before any word is read).
fn ascii_and_digit(b: &[u8]) -> (bool, bool) {
    let (mut high, mut digit) = (0u8, 0u8);
    for &c in b {
        high |= c;
        digit |= u8::from(c.wrapping_sub(b'0') < 10);
    }
    (high < 0x80, digit != 0)
}

/// The shapes of the number words: for each length below [`WORD_MAX`], the pairs of
/// first two letters (lower case) that a word of [`NUMBER_STARTS`] of that length
/// starts with, as bits. A run of ASCII letters of another shape is no number word.
struct Shapes {
    /// Bit `second` of `pairs[len][first]` (letters as 0..26).
    pairs: [[u32; 26]; WORD_MAX],
    /// A number word is not ASCII letters, or longer: every run is looked up.
    all: bool,
}

impl Shapes {
    fn may_be(&self, run: &[u8]) -> bool {
        if self.all || run.len() >= WORD_MAX {
            return true;
        }
        match run {
            [a, b, ..] => {
                let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
                self.pairs[run.len()][usize::from(a - b'a')] & (1 << (b - b'a')) != 0
            }
            // One letter: looked up (no number word has one, but a shape of one
            // letter is cheap to look up and keeps this exact whatever the tables).
            _ => true,
        }
    }
}

static NUMBER_SHAPES: LazyLock<Shapes> = LazyLock::new(|| {
    let mut s = Shapes {
        pairs: [[0; 26]; WORD_MAX],
        all: false,
    };
    for w in NUMBER_STARTS.iter() {
        let b = w.as_bytes();
        if !b.iter().all(u8::is_ascii_lowercase) || b.len() >= WORD_MAX {
            s.all = true;
        } else if let [x, y, ..] = b {
            s.pairs[b.len()][usize::from(x - b'a')] |= 1 << (y - b'a');
        }
    }
    s
});

/// [`may_hold_number`] of a text that is not all ASCII, char by char: each run of
/// letters (the pieces a word token is made of; a token joins runs with apostrophes
/// and dots, so a token that is a number word is one whole run), and the vulgar
/// fractions.
fn runs_may_hold_number(text: &str) -> bool {
    let mut run: Option<usize> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphabetic() && i < text.len() {
            run.get_or_insert(i);
            continue;
        }
        if let Some(start) = run.take() {
            if is_number_start(&lex::lower(&text[start..i])) {
                return true;
            }
        }
        if lex::vulgar(c).is_some() {
            return true;
        }
    }
    false
}

/// [`starts_number`]'s words, hashed: every word of every sentence is looked up.
static NUMBER_STARTS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    // The words of the tables in `words.rs` and of `starts_number`, each alone and
    // with a plural "s": the tables are `match`es over such words (tested).
    const BASES: &str = "zero nought naught nil one two three four five six seven eight \
        nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen \
        nineteen twenty thirty forty fourty fifty sixty seventy eighty ninety hundred \
        thousand lakh lac million mln mn crore billion bn bln trillion tn tln trn dozen \
        doz dz first second third fourth fifth sixth seventh eighth ninth tenth eleventh \
        twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth \
        nineteenth twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth \
        ninetieth hundredth thousandth millionth billionth trillionth half halves quarter \
        couple several handful ten score";
    BASES
        .split_whitespace()
        .flat_map(|w| [w.to_string(), format!("{w}s")])
        .filter(|w| starts_number(w))
        .collect()
});

/// A lower-case word that the number grammar reads a number from
/// ([`starts_number`]), by one hashed look-up.
fn is_number_start(w: &str) -> bool {
    NUMBER_STARTS.contains(w)
}

/// [`is_number_start`] of a token's lower-case form, first told apart by its shape
/// (most words are no number word): every number word is lower-case ASCII letters,
/// shorter than [`WORD_MAX`] (unless `NUMBER_SHAPES.all`), so a token of two bytes or
/// more whose first two are not such letters, or that is longer, or whose length and
/// first two letters no number word has, is none. Only the first two bytes are read.
fn is_number_word_token(low: &str) -> bool {
    let shapes = &*NUMBER_SHAPES;
    if !shapes.all {
        match low.as_bytes() {
            [a @ b'a'..=b'z', b @ b'a'..=b'z', ..] if low.len() < WORD_MAX => {
                let bit = 1u32 << (b - b'a');
                if shapes.pairs[low.len()][usize::from(a - b'a')] & bit == 0 {
                    return false;
                }
            }
            [_, _, ..] => return false,
            _ => {}
        }
    }
    is_number_start(low)
}

/// A word (lower case) that the number grammar reads a number from: a cardinal, an
/// ordinal, a scale, "hundred", "dozen", a fraction's word, or a vague amount's.
fn starts_number(w: &str) -> bool {
    words::cardinal(w).is_some()
        || words::ordinal(w).is_some()
        || words::scale(w).is_some()
        || words::is_hundred(w).is_some()
        || words::is_dozen(w).is_some()
        || words::denominator(w).is_some()
        || matches!(
            w,
            "couple"
                | "several"
                | "handful"
                | "tens"
                | "scores"
                | "hundreds"
                | "thousands"
                | "millions"
                | "billions"
                | "dozens"
        )
}

/// [`read`] over the tokens of `text` (`lex::lex(text)`), for a caller that reads
/// them too: a sentence is lexed once.
pub(crate) fn read_tokens<'a>(text: &'a str, toks: &'a [lex::Tok<'a>]) -> Vec<NumberPhrase> {
    parse::read_tokens(text, toks)
}

/// How many phrases [`read_tokens`] reads in `text` (tokens `toks`), none of them made.
pub(crate) fn count_tokens<'a>(text: &'a str, toks: &'a [lex::Tok<'a>]) -> usize {
    parse::count_tokens(text, toks)
}

/// A number word ("three", "hundred", "dozen", "half").
pub fn is_number_word(w: &str) -> bool {
    words::cardinal(w).is_some()
        || words::scale(w).is_some()
        || words::is_hundred(w).is_some()
        || words::is_dozen(w).is_some()
        || matches!(w, "half" | "quarter" | "couple" | "several")
}

#[cfg(test)]
mod tests;
