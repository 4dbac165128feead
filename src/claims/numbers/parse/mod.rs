//! The number-phrase parser: reads tokens into number phrases with their qualifier,
//! unit and kind. Every step looks a bounded number of tokens ahead, so reading is
//! linear in the length of the sentence.
//!
//! `phrases.rs` reads qualifiers, ranges and multi-part phrases, `kinds.rs` says what
//! a number stands for, `amounts.rs` reads one amount in digits, and `number_words.rs`
//! the numbers written in words.

mod amounts;
mod kinds;
mod number_words;
mod phrases;

use super::lex::{lex, Tok, TokKind};
use super::words::{self, Class};
use super::{NumberKind, NumberPhrase, Qualifier, Value};
use crate::span::Span;

/// A bare amount: a number (or vague amount) before qualifiers and ranges. Its unit is
/// one of the grammar's own words, borrowed: an amount is copied as it is read on into
/// a phrase, with no string to copy (or to allocate for an amount that makes none).
#[derive(Debug, Clone, Copy)]
struct Core {
    /// Token range `[s, e)`.
    s: usize,
    e: usize,
    val: Option<f64>,
    /// A kind the form itself shows ("10:30", "21st", "5/17/2018").
    kind: Option<NumberKind>,
    unit: Option<&'static str>,
    vague: bool,
    /// The multiplier of a scale word or suffix ("million", "bn", "k").
    scale: Option<f64>,
    /// Written with number words.
    words: bool,
    /// A fraction below one written as such ("two thirds", "3/4", "half").
    fraction: bool,
}

impl Core {
    fn new(s: usize, e: usize, val: f64) -> Self {
        Core {
            s,
            e,
            val: Some(val),
            kind: None,
            unit: None,
            vague: false,
            scale: None,
            words: false,
            fraction: false,
        }
    }
    fn with_kind(mut self, k: NumberKind) -> Self {
        self.kind = Some(k);
        self
    }
}

/// A finished phrase, in token positions; its unit a `String` only once it is a
/// [`NumberPhrase`] (a phrase only counted makes none).
#[derive(Debug, Clone, Copy)]
struct TokenPhrase {
    s: usize,
    e: usize,
    kind: NumberKind,
    low: Option<f64>,
    high: Option<f64>,
    qual: Qualifier,
    unit: Option<&'static str>,
    vague: bool,
}

/// What the word-number grammar read.
#[derive(Debug, Clone)]
struct WordNumber {
    e: usize,
    val: f64,
    words: bool,
    fraction: bool,
    scale: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordState {
    Start,
    A,
    Couple,
    Unit,
    Teen,
    Tens,
    Digit,
    Hundred,
    Scale,
    Half,
    Point,
}

struct Parser<'a> {
    t: &'a [Tok<'a>],
    _text: &'a str,
}

/// Reads every number phrase in `text`.
pub fn read(text: &str) -> Vec<NumberPhrase> {
    read_tokens(text, &lex(text))
}

/// How many tokens a phrase's first token may stand before the first token of it that
/// holds a number (a number token, or a word [`super::is_number_start`] accepts): the
/// longest qualifier ("more than or equal to"), then at most two tokens of the amount
/// before its number ("US $ 5", "a few hundred", "minus a hundred"); one more kept
/// in hand. A phrase can start nowhere farther than this from such a token.
fn reach() -> usize {
    static REACH: std::sync::LazyLock<usize> = std::sync::LazyLock::new(|| {
        let longest = words::qualifier_phrases()
            .iter()
            .map(|(toks, _)| toks.len())
            .max()
            .unwrap_or(0);
        longest.max(1) + 3
    });
    *REACH
}

/// How many tokens a phrase that does not start with a qualifier may stand before its
/// first token that holds a number: "between" or "from", then at most two tokens of
/// the amount ("from US $ 5", "between a few hundred"); "( 203", "+ 1" are nearer.
const NEAR: usize = 3;

/// A token that holds a number: digits, a vulgar fraction or a number word.
fn holds_number(t: &Tok) -> bool {
    match t.kind {
        TokKind::Num => true,
        TokKind::Word => super::is_number_word_token(&t.low),
        TokKind::Sym => false,
    }
}

/// [`read`] over the tokens of `text` (`lex(text)`), for a caller that reads them too.
pub fn read_tokens<'a>(text: &'a str, toks: &'a [Tok<'a>]) -> Vec<NumberPhrase> {
    let p = Parser {
        t: toks,
        _text: text,
    };
    let mut out = Vec::new();
    p.each_phrase(|ph| out.push(p.finish(ph)));
    out
}

/// How many phrases [`read_tokens`] reads: the same reading, but no phrase made into a
/// [`NumberPhrase`] (its span, value and unit string), for a caller that only counts.
pub fn count_tokens<'a>(text: &'a str, toks: &'a [Tok<'a>]) -> usize {
    let p = Parser {
        t: toks,
        _text: text,
    };
    let mut n = 0;
    p.each_phrase(|_| n += 1);
    n
}

/// [`read_tokens`] as first written, a phrase looked for at every token: the
/// definition the skipping reader keeps.
#[cfg(test)]
pub(super) fn read_tokens_everywhere<'a>(text: &'a str, toks: &'a [Tok<'a>]) -> Vec<NumberPhrase> {
    let p = Parser {
        t: toks,
        _text: text,
    };
    let mut out = Vec::new();
    let mut found = Vec::new();
    let mut i = 0;
    while i < p.t.len() {
        found.clear();
        match p.phrase_at(i, &mut found) {
            Some(next) => {
                out.extend(found.drain(..).filter(is_finite).map(|ph| p.finish(ph)));
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

impl Parser<'_> {
    /// Calls `f` with each phrase of the tokens, in order. A phrase is looked for only
    /// at the tokens within [`NEAR`] before a token that holds a number, and at those
    /// within [`reach`] where a qualifier starts: at any other, none starts (most
    /// tokens of a sentence with a number are such; the oracle is
    /// `read_tokens_everywhere`, tested).
    fn each_phrase(&self, mut f: impl FnMut(TokenPhrase)) {
        let toks = self.t;
        let reach = reach();
        // The phrases read at one token, in one buffer for the sentence (not a vector
        // per phrase).
        let mut found = Vec::new();
        let mut i = 0;
        // The first token at or after `k` that holds a number (`toks.len()` if none).
        let first_number_from = |k: usize| {
            (k..toks.len())
                .find(|&k| holds_number(&toks[k]))
                .unwrap_or(toks.len())
        };
        let mut next_number = first_number_from(0);
        while i < toks.len() {
            if next_number < i {
                next_number = first_number_from(i);
            }
            if next_number == toks.len() {
                break;
            }
            if next_number > i + reach {
                i = next_number - reach;
            }
            // Farther than `NEAR` from its number, a phrase starts only with a qualifier.
            if next_number > i + NEAR && self.prefix(i).is_none() {
                i += 1;
                continue;
            }
            found.clear();
            match self.phrase_at(i, &mut found) {
                Some(next) => {
                    found.drain(..).filter(is_finite).for_each(&mut f);
                    i = next.max(i + 1);
                }
                None => i += 1,
            }
        }
    }
}

/// A value past f64's range ("0e1993 mn" is 0 × ∞) is no quantity a story can state;
/// such a phrase is left out rather than compared as NaN or ∞.
fn is_finite(p: &TokenPhrase) -> bool {
    [p.low, p.high].into_iter().flatten().all(f64::is_finite)
}

fn is_lower_bound(q: Qualifier) -> bool {
    matches!(q, Qualifier::MoreThan | Qualifier::AtLeast)
}

fn is_upper_bound(q: Qualifier) -> bool {
    matches!(q, Qualifier::LessThan | Qualifier::AtMost)
}

impl Parser<'_> {
    fn tok(&self, i: usize) -> Option<&Tok<'_>> {
        self.t.get(i)
    }
    /// The lowercase word at `i`, or "".
    fn w(&self, i: usize) -> &str {
        match self.t.get(i) {
            Some(t) if t.kind == TokKind::Word => &t.low,
            _ => "",
        }
    }
    /// The token text at `i` (lowercase for words), or "".
    fn low(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| &*t.low)
    }
    fn sym(&self, i: usize, s: &str) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| t.kind == TokKind::Sym && t.low == s)
    }
    fn num(&self, i: usize) -> Option<&Tok<'_>> {
        self.t
            .get(i)
            .filter(|t| t.kind == TokKind::Num && !t.dotted)
    }
    /// Token `i` is glued to the one before it.
    fn att(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| !t.sp)
    }
    fn prev_word(&self, s: usize) -> &str {
        if s == 0 {
            ""
        } else {
            self.w(s - 1)
        }
    }
    fn seq(&self, i: usize, words: &[&str]) -> bool {
        words.iter().enumerate().all(|(k, w)| self.low(i + k) == *w)
    }
    /// "/h", "/hr", "per hour", "an hour" at `i`.
    fn per_hour(&self, i: usize) -> bool {
        (self.sym(i, "/") && self.att(i) && self.att(i + 1) && matches!(self.w(i + 1), "h" | "hr"))
            || self.seq(i, &["per", "hour"])
            || self.seq(i, &["an", "hour"])
    }
    fn is_dash(&self, i: usize) -> bool {
        ["-", "–", "‐", "‑"].iter().any(|d| self.sym(i, d))
    }

    fn finish(&self, ph: TokenPhrase) -> NumberPhrase {
        let s = self.t[ph.s].s;
        let e = self.t[ph.e.max(ph.s + 1) - 1].e;
        NumberPhrase {
            span: Span::new(s, e),
            kind: ph.kind,
            value: Value {
                low: ph.low,
                high: ph.high,
            },
            qualifier: ph.qual,
            unit: ph.unit.map(String::from),
            vague: ph.vague,
        }
    }
}

/// The part of the current group that "hundred" multiplies.
fn total_group(cur: f64) -> f64 {
    cur
}
