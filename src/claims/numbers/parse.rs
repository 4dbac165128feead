//! The number-phrase parser: reads tokens into number phrases with their qualifier,
//! unit and kind. Every step looks a bounded number of tokens ahead, so reading is
//! linear in the length of the sentence.

use super::lex::{lex, Tok, K};
use super::words::{self, Class};
use super::{NumberKind, NumberPhrase, Qualifier, Value};
use crate::span::Span;

/// A bare amount: a number (or vague amount) before qualifiers and ranges.
#[derive(Debug, Clone)]
struct Core {
    /// Token range `[s, e)`.
    s: usize,
    e: usize,
    val: Option<f64>,
    /// A kind the form itself shows ("10:30", "21st", "5/17/2018").
    kind: Option<NumberKind>,
    unit: Option<String>,
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

/// A finished phrase, in token positions.
#[derive(Debug, Clone)]
struct Phr {
    s: usize,
    e: usize,
    kind: NumberKind,
    low: Option<f64>,
    high: Option<f64>,
    qual: Qualifier,
    unit: Option<String>,
    vague: bool,
}

/// What the word-number grammar read.
#[derive(Debug, Clone)]
struct Wn {
    e: usize,
    val: f64,
    words: bool,
    fraction: bool,
    scale: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum St {
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

struct P<'a> {
    t: Vec<Tok>,
    _text: &'a str,
}

/// Reads every number phrase in `text`.
pub fn read(text: &str) -> Vec<NumberPhrase> {
    let p = P {
        t: lex(text),
        _text: text,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < p.t.len() {
        match p.phrase_at(i) {
            Some((phrs, next)) => {
                // A value past f64's range ("0e1993 mn" is 0 × ∞) is no quantity a story
                // can state; such a phrase is left out rather than compared as NaN or ∞.
                out.extend(phrs.into_iter().map(|ph| p.finish(ph)).filter(is_finite));
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

fn is_finite(p: &NumberPhrase) -> bool {
    [p.value.low, p.value.high]
        .into_iter()
        .flatten()
        .all(f64::is_finite)
}

fn is_lower_bound(q: Qualifier) -> bool {
    matches!(q, Qualifier::MoreThan | Qualifier::AtLeast)
}

fn is_upper_bound(q: Qualifier) -> bool {
    matches!(q, Qualifier::LessThan | Qualifier::AtMost)
}

impl P<'_> {
    fn tok(&self, i: usize) -> Option<&Tok> {
        self.t.get(i)
    }
    /// The lowercase word at `i`, or "".
    fn w(&self, i: usize) -> &str {
        match self.t.get(i) {
            Some(t) if t.kind == K::Word => &t.low,
            _ => "",
        }
    }
    /// The token text at `i` (lowercase for words), or "".
    fn low(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| t.low.as_str())
    }
    fn sym(&self, i: usize, s: &str) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| t.kind == K::Sym && t.low == s)
    }
    fn num(&self, i: usize) -> Option<&Tok> {
        self.t
            .get(i)
            .filter(|t| t.kind == K::Num && t.parts.is_empty())
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

    fn finish(&self, ph: Phr) -> NumberPhrase {
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
            unit: ph.unit,
            vague: ph.vague,
        }
    }

    // ------------------------------------------------------------------ phrases

    fn phrase_at(&self, i: usize) -> Option<(Vec<Phr>, usize)> {
        if let Some(r) = self.multipart(i) {
            return Some(r);
        }
        let first = self.bounded(i)?;
        if is_lower_bound(first.qual) || is_upper_bound(first.qual) {
            let mut k = first.e;
            if self.sym(k, ",") {
                k += 1;
            }
            if matches!(self.w(k), "and" | "but") {
                k += 1;
            }
            if k > first.e {
                if let Some(second) = self.bounded(k) {
                    let (lo, hi) = if is_lower_bound(first.qual) && is_upper_bound(second.qual) {
                        (first.low, second.high)
                    } else if is_upper_bound(first.qual) && is_lower_bound(second.qual) {
                        (second.low, first.high)
                    } else {
                        (None, None)
                    };
                    if let (Some(l), Some(h)) = (lo, hi) {
                        if l < h && first.kind == second.kind {
                            let e = second.e;
                            let merged = Phr {
                                e,
                                low: Some(l),
                                high: Some(h),
                                qual: Qualifier::Range,
                                unit: first.unit.clone().or(second.unit),
                                ..first
                            };
                            return Some((vec![merged], e));
                        }
                    }
                }
            }
        }
        let e = first.e;
        Some((vec![first], e))
    }

    /// Numbers written as several parts: dotted ("192.168.1.2"), phone numbers,
    /// and dates with slashes or dashes. Identifiers give one phrase a part.
    fn multipart(&self, i: usize) -> Option<(Vec<Phr>, usize)> {
        let t = self.tok(i)?;
        let ident = |s: usize, e: usize, v: f64| Phr {
            s,
            e,
            kind: NumberKind::Identifier,
            low: Some(v),
            high: Some(v),
            qual: Qualifier::Exact,
            unit: None,
            vague: false,
        };
        if t.kind == K::Num && !t.parts.is_empty() {
            // Parts share one token: give each the whole token's span.
            let v: Vec<Phr> = t.parts.iter().map(|p| ident(i, i + 1, p.2)).collect();
            return Some((v, i + 1));
        }
        // "(203) 576-8477": an area code in brackets before a number.
        if self.sym(i, "(")
            && self
                .num(i + 1)
                .is_some_and(|n| n.is_int() && n.int_len == 3)
            && self.sym(i + 2, ")")
            && self
                .num(i + 3)
                .is_some_and(|n| n.is_int() && n.int_len == 3)
        {
            let mut v = vec![ident(i + 1, i + 2, self.t[i + 1].val)];
            let mut e = i + 3;
            v.push(ident(e, e + 1, self.t[e].val));
            if self.is_dash(e + 1) && self.num(e + 2).is_some() {
                v.push(ident(e + 2, e + 3, self.t[e + 2].val));
                e += 2;
            }
            return Some((v, e + 1));
        }
        let plus = self.sym(i, "+") && self.num(i + 1).is_some() && self.att(i + 1);
        let start = if plus { i + 1 } else { i };
        self.num(start)?;
        if !plus && i > 0 && self.att(i) && (self.is_dash(i - 1) || self.sym(i - 1, "/")) {
            return None;
        }
        // The run of numbers joined by glued '-' or '/'.
        let mut nums = vec![start];
        let mut seps = Vec::new();
        let mut k = start;
        while (self.is_dash(k + 1) || self.sym(k + 1, "/"))
            && self.att(k + 1)
            && self.att(k + 2)
            && self.num(k + 2).is_some_and(|n| n.is_int())
        {
            seps.push(self.low(k + 1).to_string());
            k += 2;
            nums.push(k);
            if nums.len() > 6 {
                break;
            }
        }
        let e = k + 1;
        let all_int = nums.iter().all(|&n| self.t[n].is_int());
        let lens: Vec<usize> = nums.iter().map(|&n| self.t[n].int_len).collect();
        let vals: Vec<f64> = nums.iter().map(|&n| self.t[n].val).collect();
        let date = |s: usize, e: usize| Phr {
            s,
            e,
            kind: NumberKind::Date,
            low: None,
            high: None,
            qual: Qualifier::Exact,
            unit: None,
            vague: false,
        };
        if !plus && all_int && nums.len() == 3 {
            let same = seps[0] == seps[1];
            let ymd = lens[0] == 4 && lens[1] <= 2 && lens[2] <= 2 && vals[1] <= 12.0;
            let dmy = lens[0] <= 2 && lens[1] <= 2 && (lens[2] == 4 || lens[2] == 2);
            if same && (ymd || dmy) && vals[0] > 0.0 {
                return Some((vec![date(start, e)], e));
            }
        }
        if !plus && all_int && nums.len() == 2 && lens[0] == 4 && lens[1] == 2 {
            // "1995-01": a year and a month (a "2014-15" season has a later second part).
            let v1 = vals[1];
            let yy = vals[0] % 100.0;
            if self.t[nums[1]].low.starts_with('0') && v1 <= 12.0 && v1 <= yy {
                return Some((vec![date(start, e)], e));
            }
        }
        let phone_pair = nums.len() == 2 && lens == [3, 4] && seps[0] != "/";
        if plus || phone_pair || (all_int && nums.len() >= 3) {
            let v: Vec<Phr> = nums
                .iter()
                .map(|&n| ident(n, n + 1, self.t[n].val))
                .collect();
            return Some((v, e));
        }
        None
    }

    /// One phrase: qualifier, amount, range and postfix; no combination of bounds.
    fn bounded(&self, i: usize) -> Option<Phr> {
        // "between A and B", "from A to B"
        let lead = self.w(i);
        if lead == "between" || lead == "from" {
            if let Some(a) = self.core(i + 1) {
                let k = a.e;
                let conn = if lead == "between" {
                    self.w(k) == "and"
                } else {
                    matches!(self.w(k), "to" | "through" | "until" | "till") || self.is_dash(k)
                };
                if conn {
                    if let Some(b) = self.core(k + 1) {
                        if let Some(ph) = self.range(i, a, b, Qualifier::Range) {
                            return Some(ph);
                        }
                    }
                }
            }
            return None;
        }
        let (q, j) = match self.prefix(i) {
            Some((q, n)) => (q, i + n),
            None => (Qualifier::Exact, i),
        };
        let a = self.core(j)?;
        // Ratios: "one out of three", "1 over 3" (a quotient only where nothing follows).
        let mut a = a;
        if let Some(r) = self.ratio(&a) {
            a = r;
        }
        // A range after the first amount: "18-45", "30 to 40", "20~100".
        let k = a.e;
        let conn = self.is_dash(k)
            || self.sym(k, "~")
            || self.sym(k, "—")
            || matches!(self.w(k), "to" | "through" | "thru");
        if conn && a.val.is_some() {
            if let Some(b) = self.core(k + 1) {
                let dash = self.is_dash(k);
                // "18 - 45" but not "a 12-year-old"; a dash range needs digits or words on both sides.
                let glued_words = dash && (a.words || b.words) && self.att(k) && self.att(k + 1);
                if !(glued_words || dash && a.words != b.words && a.scale.is_none()) {
                    if let Some(ph) = self.range(i, a.clone(), b, q) {
                        return Some(ph);
                    }
                }
            }
        }
        let s = if q == Qualifier::Exact && j > i {
            // "only 20", "just 20": the qualifier word is still part of the phrase.
            i
        } else {
            i.min(a.s)
        };
        Some(self.single(s, a, q))
    }

    fn ratio(&self, a: &Core) -> Option<Core> {
        let x = a.val?;
        if a.kind.is_some() || a.unit.is_some() || a.fraction {
            return None;
        }
        let (k, over) = if self.w(a.e) == "over" {
            (a.e + 1, true)
        } else if self.seq(a.e, &["out", "of"]) {
            (a.e + 2, false)
        } else {
            return None;
        };
        let b = self.core(k)?;
        let y = b.val?;
        if b.kind.is_some() || b.unit.is_some() || y == 0.0 {
            return None;
        }
        let ends = self.tok(b.e).is_none_or(|t| t.kind == K::Sym);
        if (over && !ends) || (!over && x >= y) {
            return None;
        }
        let mut c = Core::new(a.s, b.e, x / y);
        c.fraction = true;
        c.words = a.words;
        Some(c)
    }

    /// Builds a range phrase `s..` from two amounts; `None` when they do not form one.
    fn range(&self, s: usize, mut a: Core, mut b: Core, q: Qualifier) -> Option<Phr> {
        if a.vague || b.vague || a.kind.is_some_and(|k| k == NumberKind::Date) {
            return None;
        }
        let (mut lo, hi) = (a.val?, b.val?);
        if let (Some(sb), None) = (b.scale, a.scale) {
            // "5 to 10 million", "$5-10bn"
            if lo * sb <= hi && lo < hi / sb {
                lo *= sb;
                a.scale = Some(sb);
            }
        }
        let mut hi = hi;
        let a_tok = &self.t[a.s.min(self.t.len() - 1)];
        let year_a = a.e == a.s + 1 && a_tok.is_int() && a_tok.int_len == 4;
        if year_a && b.e == b.s + 1 && self.t[b.s].is_int() && self.t[b.s].int_len == 2 {
            // "2014-15"
            let full = lo - lo % 100.0 + hi;
            if full > lo {
                hi = full;
            }
        }
        if lo >= hi {
            return None;
        }
        let unit = a.unit.clone().or(b.unit.clone());
        a.unit = unit.clone();
        b.unit = unit;
        let _ = q;
        let mut ph = self.single(s, b.clone(), Qualifier::Range);
        ph.low = Some(lo);
        ph.high = Some(hi);
        ph.qual = Qualifier::Range;
        // Kind: both ends must agree; a year range is a Year.
        let ka = self.kind_of(a.s, a.e, &a, Qualifier::Range);
        let kb = ph.kind;
        ph.kind = match (ka, kb) {
            (NumberKind::Year, NumberKind::Year) => NumberKind::Year,
            (NumberKind::Year, _) if b.e == b.s + 1 && self.t[b.s].int_len == 2 => NumberKind::Year,
            (NumberKind::Age, _) | (_, NumberKind::Age) => NumberKind::Age,
            (NumberKind::Ordinal, NumberKind::Ordinal) => NumberKind::Ordinal,
            (NumberKind::Time, _) | (_, NumberKind::Time) => NumberKind::Time,
            (NumberKind::Identifier, _) | (_, NumberKind::Identifier) => NumberKind::Identifier,
            (NumberKind::Year, _) | (_, NumberKind::Year) => NumberKind::Quantity,
            (x, _) => x,
        };
        Some(ph)
    }

    /// A phrase of one amount: adds postfix qualifiers and units, then the kind.
    fn single(&self, s: usize, a: Core, q: Qualifier) -> Phr {
        let mut e = a.e;
        let mut q = q;
        let mut unit = a.unit.clone();
        // Percent.
        if self.sym(e, "%") {
            unit = Some("percent".into());
            e += 1;
        } else if matches!(self.w(e), "percent" | "pct" | "percentage") {
            if self.w(e) == "percentage" && matches!(self.w(e + 1), "points" | "point") {
                unit = Some("percentage points".into());
                e += 2;
            } else if self.w(e) != "percentage" {
                unit = Some("percent".into());
                e += 1;
            }
        } else if self.seq(e, &["per", "cent"]) {
            unit = Some("percent".into());
            e += 2;
        }
        // Postfix qualifiers: "or more", "or so", "20-odd", "100+".
        if self.sym(e, "+") && self.att(e) {
            q = Qualifier::AtLeast;
            e += 1;
        }
        for (words, pq) in words::postfix_phrases() {
            if self.seq(e, words) {
                let after = e + words.len();
                if words.last() == Some(&"than") && self.core(after).is_some() {
                    continue;
                }
                let second_bound = matches!(words[0], "and" | "or")
                    && self
                        .prefix(e + 1)
                        .is_some_and(|(_, n)| self.core(e + 1 + n).is_some());
                if self.w(after) == "than" || second_bound {
                    // "and less than 10" is a second bound, not a postfix.
                    continue;
                }
                if (words[0] == "-" || words[0] == "odd") && !a.words && a.val.is_some() {
                    // "20-odd", "100-plus" only after digits
                } else if words[0] == "-" || words[0] == "odd" {
                    continue;
                }
                q = *pq;
                e = after;
                break;
            }
        }
        if self.seq(e, &["or", "equal"]) {
            let mut after = e + 2;
            if self.w(after) == "to" {
                after += 1;
            }
            if self.core(after).is_none() {
                if q == Qualifier::MoreThan {
                    q = Qualifier::AtLeast;
                    e = after;
                } else if q == Qualifier::LessThan {
                    q = Qualifier::AtMost;
                    e = after;
                }
            }
        }
        // Units after the amount (not part of the span unless glued).
        if unit.is_none() && !a.vague {
            let w = self.w(e);
            if let Some(c) = words::currency_word(w) {
                unit = Some(c.into());
            } else if self.seq(e, &["pounds", "sterling"]) {
                unit = Some("GBP".into());
            } else if let Some(u) = words::unit_word(w) {
                let single_letter = w.chars().count() == 1;
                if !single_letter || self.att(e) {
                    // "130 km/h", "60 miles per hour": a speed, not a distance.
                    let u = match u {
                        "km" if self.per_hour(e + 1) => "km/h",
                        "miles" if self.per_hour(e + 1) => "mph",
                        _ => u,
                    };
                    unit = Some(u.into());
                    if self.att(e) {
                        e += 1;
                    }
                }
            }
        }
        let v = a.val;
        let (low, high) = match q {
            Qualifier::MoreThan | Qualifier::AtLeast => (v, None),
            Qualifier::LessThan | Qualifier::AtMost => (None, v),
            _ => (v, v),
        };
        let mut ph = Phr {
            s,
            e,
            kind: NumberKind::Quantity,
            low,
            high,
            qual: q,
            unit,
            vague: a.vague,
        };
        let core_for_kind = Core {
            unit: ph.unit.clone(),
            ..a.clone()
        };
        ph.kind = self.kind_of(s, e, &core_for_kind, q);
        if ph.kind == NumberKind::Date {
            // Take the month in: "March 3", "3 March 2022".
            let (ds, de) = self.date_extent(a.s, a.e);
            ph.s = ph.s.min(ds);
            ph.e = ph.e.max(de);
            ph.low = None;
            ph.high = None;
        }
        if ph.kind != NumberKind::Quantity
            && ph.kind != NumberKind::Age
            && ph.unit.as_deref() != Some("percent")
        {
            ph.unit = None;
        }
        ph
    }

    fn prefix(&self, i: usize) -> Option<(Qualifier, usize)> {
        // Only the phrases that start with this token, in table order (the table is
        // long and this runs at every token).
        static BY_FIRST: std::sync::LazyLock<std::collections::HashMap<&'static str, Vec<usize>>> =
            std::sync::LazyLock::new(|| {
                let mut m: std::collections::HashMap<&'static str, Vec<usize>> =
                    std::collections::HashMap::new();
                for (k, (toks, _)) in words::qualifier_phrases().iter().enumerate() {
                    m.entry(toks.first().copied().unwrap_or(""))
                        .or_default()
                        .push(k);
                }
                m
            });
        let table = words::qualifier_phrases();
        for &k in BY_FIRST.get(self.low(i))? {
            let (toks, q) = &table[k];
            if self.seq(i, toks) {
                return Some((*q, toks.len()));
            }
        }
        None
    }

    // ------------------------------------------------------------------ kinds

    fn is_month_at(&self, i: usize) -> bool {
        self.tok(i)
            .is_some_and(|t| t.kind == K::Word && t.cap && words::month(&t.low))
    }

    /// The month before or after a day number, for a date's span.
    fn date_extent(&self, s: usize, e: usize) -> (usize, usize) {
        let mut ds = s;
        let mut de = e;
        if s >= 1 && self.is_month_at(s - 1) {
            ds = s - 1;
        } else if s >= 2 && self.sym(s - 1, ".") && self.is_month_at(s - 2) {
            ds = s - 2;
        }
        if self.is_month_at(e) {
            de = e + 1;
        } else if self.w(e) == "of" && self.is_month_at(e + 1) {
            de = e + 2;
        }
        // ", 2022" or " 2022" after the day or the month
        let mut k = de;
        if self.sym(k, ",") {
            k += 1;
        }
        if self.num(k).is_some_and(|t| t.is_int() && t.int_len == 4) {
            de = k + 1;
        }
        (ds, de)
    }

    fn kind_of(&self, s: usize, e: usize, a: &Core, q: Qualifier) -> NumberKind {
        use NumberKind::*;
        if let Some(k) = a.kind {
            if k == Ordinal && (self.is_month_at(a.e) || (a.s > 0 && self.is_month_at(a.s - 1))) {
                return Date;
            }
            if k == Ordinal && self.w(a.e) == "of" && self.is_month_at(a.e + 1) {
                return Date;
            }
            return k;
        }
        if a.vague {
            return Quantity;
        }
        let prev = self.prev_word(s);
        // Age
        if matches!(prev, "aged" | "age" | "ages") {
            return Age;
        }
        let mut k = e;
        if self.is_dash(k) {
            k += 1;
        }
        let w1 = self.w(k);
        let mut k2 = k + 1;
        if self.is_dash(k2) {
            k2 += 1;
        }
        let w2 = self.w(k2);
        if matches!(w1, "year" | "years" | "month" | "months" | "week" | "weeks")
            && (w2 == "old" || (w2 == "of" && self.w(k2 + 1) == "age"))
        {
            return Age;
        }
        // Time
        let t_next = self.w(a.e);
        if matches!(
            t_next,
            "a.m." | "p.m." | "a.m" | "p.m" | "am" | "pm" | "o'clock" | "o’clock" | "gmt" | "utc"
        ) && a.val.is_some_and(|v| v <= 24.0)
        {
            return Time;
        }
        let first = &self.t[a.s.min(self.t.len() - 1)];
        let single_num = a.e == a.s + 1 && first.kind == K::Num;
        // Date: "March 3", "3 March"
        if single_num && first.is_int() && first.int_len <= 2 && (1.0..=31.0).contains(&first.val) {
            let before = (a.s >= 1 && self.is_month_at(a.s - 1))
                || (a.s >= 2 && self.sym(a.s - 1, ".") && self.is_month_at(a.s - 2));
            if before || self.is_month_at(a.e) {
                return Date;
            }
        }
        // Identifier
        if single_num && a.s > 0 && a.unit.is_none() {
            let p = a.s - 1;
            if self.sym(p, "#") {
                return Identifier;
            }
            if self.sym(p, ".") && p > 0 && matches!(self.w(p - 1), "no" | "nr" | "nrs" | "nos") {
                return Identifier;
            }
            if self.t[p].kind == K::Word && self.att(a.s) {
                return Identifier;
            }
            if self.t[p].kind == K::Word && self.t[p].cap && words::identifier_head(&self.t[p].low)
            {
                return Identifier;
            }
            if self.is_dash(p)
                && self.att(a.s)
                && p > 0
                && self.att(p)
                && self.t[p - 1].kind == K::Word
                && self.t[p - 1].cap
                && !matches!(self.t[p - 1].low.as_str(), "mid" | "pre" | "post")
            {
                return Identifier;
            }
        }
        if single_num && first.is_int() && self.address_after(a.e) {
            return Identifier;
        }
        // Year
        let year_like = single_num
            && first.is_int()
            && first.int_len == 4
            && !first.grouped
            && (1800.0..=2100.0).contains(&first.val)
            && a.unit.is_none()
            && a.scale.is_none();
        if year_like {
            if self.w(a.e) == "s" && self.att(a.e) {
                return Year;
            }
            if words::strong_year_preposition(prev) || self.is_month_at(a.s.wrapping_sub(1)) {
                return Year;
            }
            if a.s >= 2
                && self.is_dash(a.s - 1)
                && matches!(self.w(a.s - 2), "mid" | "pre" | "post")
            {
                return Year;
            }
            if is_lower_bound(q) || is_upper_bound(q) {
                return Quantity;
            }
            if self.counted_noun_at(e) {
                return Quantity;
            }
            return Year;
        }
        Quantity
    }

    /// "10 Downing Street": capitalised words then a street word.
    fn address_after(&self, e: usize) -> bool {
        let mut k = e;
        let mut seen = 0;
        while seen < 3 {
            let Some(t) = self.tok(k) else { return false };
            if t.kind != K::Word || !t.cap {
                return false;
            }
            if seen > 0 && words::street_word(&t.low) {
                return true;
            }
            seen += 1;
            k += 1;
        }
        false
    }

    /// A lowercase plural-looking word: "2000 people", "1900 troops".
    fn counted_noun_at(&self, k: usize) -> bool {
        let Some(t) = self.tok(k) else { return false };
        if t.kind != K::Word || t.cap {
            return matches!(t.low.as_str(), "people" | "men" | "women" | "children");
        }
        let w = t.low.as_str();
        if matches!(
            w,
            "people" | "men" | "women" | "children" | "troops" | "police"
        ) {
            return true;
        }
        w.len() > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("'s")
            && !w.ends_with("’s")
            && !matches!(
                w,
                "was" | "has" | "this" | "does" | "says" | "his" | "its" | "years"
            )
    }

    // ------------------------------------------------------------------ amounts

    fn core(&self, i: usize) -> Option<Core> {
        let t = self.tok(i)?;
        // "the tenth", "the 21st"
        if t.kind == K::Word && t.low == "the" {
            if let Some((v, e)) = self.word_ordinal(i + 1) {
                let mut c = Core::new(i + 1, e, v).with_kind(NumberKind::Ordinal);
                c.words = true;
                return Some(c);
            }
            return None;
        }
        // Currency before the amount.
        if let Some((cur, j)) = self.currency_prefix(i) {
            let mut c = self.amount(j, true)?;
            if c.kind.is_some() || c.vague {
                return None;
            }
            c.s = i;
            c.unit = Some(cur.into());
            return Some(c);
        }
        // Signs.
        if (self.sym(i, "-") || self.sym(i, "−")) && self.att(i + 1) && self.num(i + 1).is_some()
        {
            let glued_after_value =
                i > 0 && self.att(i) && matches!(self.t[i - 1].kind, K::Num | K::Word);
            if !glued_after_value {
                let mut c = self.amount(i + 1, false)?;
                c.val = c.val.map(|v| -v);
                c.s = i;
                return Some(c);
            }
            return None;
        }
        if matches!(t.low.as_str(), "negative" | "minus") && t.kind == K::Word {
            let mut c = self.amount(i + 1, false)?;
            c.val = c.val.map(|v| -v);
            c.s = i;
            return Some(c);
        }
        if let Some(c) = self.amount(i, false) {
            return Some(c);
        }
        self.vague(i)
    }

    fn currency_prefix(&self, i: usize) -> Option<(&'static str, usize)> {
        let t = self.tok(i)?;
        if t.kind == K::Sym {
            let c = words::currency_symbol(&t.low)?;
            return self.num_or_word_at(i + 1).then_some((c, i + 1));
        }
        if t.kind == K::Word {
            if self.sym(i + 1, "$") && self.att(i + 1) {
                let c = match t.low.as_str() {
                    "us" | "u.s." => "USD",
                    "c" | "ca" => "CAD",
                    "a" | "au" => "AUD",
                    "hk" => "HKD",
                    "nz" => "NZD",
                    "s" => "SGD",
                    _ => return None,
                };
                return self.num_or_word_at(i + 2).then_some((c, i + 2));
            }
            let upper = self
                ._text
                .get(t.s..t.e)
                .is_some_and(|r| r.chars().all(|c| c.is_ascii_uppercase()));
            if upper && t.low.len() == 3 {
                if let Some(c) = words::currency_word(&t.low) {
                    return self.num(i + 1).is_some().then_some((c, i + 1));
                }
            }
        }
        None
    }

    fn num_or_word_at(&self, i: usize) -> bool {
        self.num(i).is_some() || words::cardinal(self.w(i)).is_some()
    }

    /// An amount without sign or currency.
    fn amount(&self, i: usize, currency: bool) -> Option<Core> {
        let t = self.tok(i)?;
        if t.kind == K::Word {
            let wn = self.wordnum(i, false)?;
            if wn.e == i + 1 && t.low == "one" {
                let before = self.prev_word(i);
                if words::pronoun_one_before(before) || self.w(i + 1) == "another" {
                    return None;
                }
            }
            let mut c = Core::new(i, wn.e, wn.val);
            c.words = wn.words;
            c.fraction = wn.fraction;
            c.scale = wn.scale;
            if wn.fraction && wn.scale.is_none() && wn.val < 1.0 {
                c.unit = Some("fraction".into());
            }
            return Some(c);
        }
        if t.kind != K::Num || !t.parts.is_empty() {
            return None;
        }
        let v = t.val;
        // Times: "10:30"
        if t.is_int()
            && t.int_len <= 2
            && self.sym(i + 1, ":")
            && self.att(i + 1)
            && self.att(i + 2)
            && self
                .num(i + 2)
                .is_some_and(|n| n.int_len == 2 && n.is_int())
        {
            let mut e = i + 3;
            if self.sym(e, ":") && self.att(e) && self.num(e + 1).is_some() && self.att(e + 1) {
                e += 2;
            }
            if matches!(self.w(e), "am" | "pm" | "a.m." | "p.m." | "a.m" | "p.m") {
                e += 1;
            }
            let mut c = Core::new(i, e, v).with_kind(NumberKind::Time);
            c.val = None;
            return Some(c);
        }
        // Fractions "3/4" (dates with slashes are read as multipart).
        if self.sym(i + 1, "/") && self.att(i + 1) && self.att(i + 2) {
            if let Some(d) = self.num(i + 2) {
                if t.is_int() && d.is_int() && d.val != 0.0 {
                    let mut c = Core::new(i, i + 3, v / d.val);
                    c.fraction = true;
                    if v < d.val {
                        c.unit = Some("fraction".into());
                    }
                    return Some(c);
                }
            }
            return None;
        }
        // Scientific notation: "1e10", "12.32e+14", "1.3x10^6".
        if self.att(i + 1) && matches!(self.w(i + 1), "e") {
            let mut k = i + 2;
            let mut sign = 1.0;
            if (self.sym(k, "+") || self.sym(k, "-")) && self.att(k) {
                if self.sym(k, "-") {
                    sign = -1.0;
                }
                k += 1;
            }
            if let Some(x) = self.num(k).filter(|n| n.is_int()) {
                if self.att(k) {
                    return Some(Core::new(i, k + 1, v * 10f64.powf(sign * x.val)));
                }
            }
        }
        if self.att(i + 1) && self.w(i + 1) == "x" && self.att(i + 2) {
            if let Some(ten) = self.num(i + 2).filter(|n| n.val == 10.0) {
                let _ = ten;
                if let Some((p, e)) = self.power_at(i + 3) {
                    return Some(Core::new(i, e, v * 10f64.powf(p)));
                }
            }
        }
        if let Some((p, e)) = self.power_at(i + 1) {
            return Some(Core::new(i, e, v.powf(p)));
        }
        // A glued vulgar fraction: "1½".
        if t.is_int() && self.att(i + 1) {
            if let Some(f) = self.num(i + 1).filter(|n| n.frac && n.int_len == 0) {
                let mut c = Core::new(i, i + 2, v + f.val);
                c.fraction = true;
                return Some(c);
            }
        }
        // Mixed fraction: "2 1/4".
        if t.is_int() && !t.grouped {
            if let (Some(a), Some(b)) = (self.num(i + 1), self.num(i + 3)) {
                if self.sym(i + 2, "/")
                    && self.att(i + 2)
                    && self.att(i + 3)
                    && !self.att(i + 1)
                    && a.is_int()
                    && b.is_int()
                    && a.val < b.val
                    && !(self.sym(i + 4, "/") && self.att(i + 4))
                {
                    let mut c = Core::new(i, i + 4, v + a.val / b.val);
                    c.fraction = true;
                    return Some(c);
                }
            }
        }
        // Glued suffix: "10k", "2.3bn", "21st", "5pm", "29km".
        if self.att(i + 1) && self.tok(i + 1).is_some_and(|n| n.kind == K::Word) {
            let raw = self.raw(i + 1);
            let w = self.w(i + 1);
            let scale = match w {
                "k" => Some(1e3),
                "m" if currency || raw == "M" => Some(1e6),
                "mm" if raw == "MM" || currency => Some(1e6),
                "b" | "bn" | "bln" | "billion" => Some(1e9),
                "g" if raw == "G" && (v >= 10.0 || t.frac || t.grouped) => Some(1e9),
                "mn" | "mln" | "mil" | "million" => Some(1e6),
                "tn" | "tln" | "trn" | "trillion" => Some(1e12),
                "thousand" => Some(1e3),
                _ => None,
            };
            if let Some(sc) = scale {
                let mut c = Core::new(i, i + 2, v * sc);
                c.scale = Some(sc);
                return Some(c);
            }
            if matches!(w, "st" | "nd" | "rd" | "th") && t.is_int() {
                return Some(Core::new(i, i + 2, v).with_kind(NumberKind::Ordinal));
            }
            if matches!(
                w,
                "am" | "pm" | "a.m." | "p.m." | "a.m" | "p.m" | "h" | "hrs"
            ) {
                let mut c = Core::new(i, i + 2, v).with_kind(NumberKind::Time);
                c.val = None;
                return Some(c);
            }
            if w == "s" && t.is_int() {
                // "1990s" is a decade, "their 20s" an age
                let k = if t.int_len == 4 {
                    NumberKind::Year
                } else {
                    NumberKind::Age
                };
                return Some(Core::new(i, i + 2, v).with_kind(k));
            }
            if let Some(u) = words::unit_word(w) {
                let mut c = Core::new(i, i + 2, v);
                c.unit = Some(u.into());
                return Some(c);
            }
            if matches!(w, "x") {
                return Some(Core::new(i, i + 1, v));
            }
            // "4G", "3D": a name, not an amount.
            return Some(Core::new(i, i + 2, v).with_kind(NumberKind::Identifier));
        }
        // Spaced abbreviations: "2.33 k", "10 bln", "1,674.5 G".
        if let Some(n) = self.tok(i + 1).filter(|n| n.kind == K::Word && n.sp) {
            let raw = self.raw(i + 1);
            let followed_by_letter = self.tok(i + 2).is_some_and(|x| !x.sp && x.kind == K::Word);
            let sc = match n.low.as_str() {
                "k" if raw == "k" || currency => Some(1e3),
                "m" if raw == "M" || currency => Some(1e6),
                "g" if raw == "G" && (t.frac || t.grouped) => Some(1e9),
                "b" if raw == "B" && currency => Some(1e9),
                "bn" | "bln" | "mn" | "mln" | "tn" | "tln" | "mil" => {
                    words::scale(&n.low).map(|x| x.0).or(Some(1e6))
                }
                _ => None,
            };
            if let (Some(sc), false) = (sc, followed_by_letter) {
                let mut c = Core::new(i, i + 2, v * sc);
                c.scale = Some(sc);
                return Some(c);
            }
        }
        // Scale words and number words after digits: "2 million", "3 hundred and 21".
        let next = self.w(i + 1);
        if words::scale(next).is_some()
            || words::is_hundred(next).is_some()
            || words::is_dozen(next).is_some()
        {
            if let Some(wn) = self.wordnum(i, false) {
                if wn.e > i + 1 {
                    let mut c = Core::new(i, wn.e, wn.val);
                    c.scale = wn.scale;
                    return Some(c);
                }
            }
        }
        Some(Core::new(i, i + 1, v))
    }

    fn raw(&self, i: usize) -> &str {
        self.t
            .get(i)
            .and_then(|t| self._text.get(t.s..t.e))
            .unwrap_or("")
    }

    /// "^23", "^-1", "^--23" after a number: the exponent and the end.
    fn power_at(&self, k: usize) -> Option<(f64, usize)> {
        if !(self.sym(k, "^") && self.att(k)) {
            return None;
        }
        let mut j = k + 1;
        let mut sign = 1.0;
        while (self.sym(j, "-") || self.sym(j, "+")) && self.att(j) && j < k + 4 {
            if self.sym(j, "-") {
                sign = -sign;
            }
            j += 1;
        }
        let x = self.num(j).filter(|n| n.is_int() && self.att(j))?;
        Some((sign * x.val, j + 1))
    }

    /// An ordinal written in words ("tenth", "twenty-first") or digits ("21st").
    fn word_ordinal(&self, i: usize) -> Option<(f64, usize)> {
        let w = self.w(i);
        if let Some((v, false)) = words::ordinal(w) {
            return Some((v, i + 1));
        }
        if let Some((tens, Class::Tens)) = words::cardinal(w) {
            let mut k = i + 1;
            if self.is_dash(k) {
                k += 1;
            }
            if let Some((u, false)) = words::ordinal(self.w(k)) {
                if u < 10.0 {
                    return Some((tens + u, k + 1));
                }
            }
        }
        let t = self.num(i)?;
        if t.is_int() && self.att(i + 1) && matches!(self.w(i + 1), "st" | "nd" | "rd" | "th") {
            return Some((t.val, i + 2));
        }
        None
    }

    /// Vague amounts: "hundreds", "tens of thousands", "several", "dozens".
    fn vague(&self, i: usize) -> Option<Core> {
        let w = self.w(i);
        let vague = |e: usize| {
            let mut c = Core::new(i, e, 0.0);
            c.val = None;
            c.vague = true;
            Some(c)
        };
        let big = |w: &str| {
            matches!(
                w,
                "hundreds" | "thousands" | "millions" | "billions" | "dozens" | "tens" | "scores"
            )
        };
        let unit_after = |k: usize| {
            let x = self.w(k);
            words::is_hundred(x).is_some()
                || words::scale(x).is_some()
                || words::is_dozen(x).is_some()
        };
        match w {
            "several" | "many" if unit_after(i + 1) => vague(i + 2),
            "several" => vague(i + 1),
            "a" if self.w(i + 1) == "few" && unit_after(i + 2) => vague(i + 3),
            "a" if self.w(i + 1) == "handful" => vague(i + 2),
            _ if big(w) => {
                if matches!(w, "tens" | "scores") && self.w(i + 1) != "of" {
                    return None;
                }
                let mut e = i + 1;
                // "tens of thousands", "hundreds of thousands"
                while self.w(e) == "of"
                    && big(self.w(e + 1))
                    && self.w(e + 1) != "tens"
                    && e < i + 6
                {
                    e += 2;
                }
                vague(e)
            }
            _ => None,
        }
    }

    // ------------------------------------------------------------------ words

    /// The word-number grammar from token `i`: cardinals, scales, "and", hyphens,
    /// "a hundred", "half a million", "a couple dozen", fractions ("two thirds"),
    /// mixed numbers ("one and a half"), decimals ("five point five").
    /// `nested` reads a numerator only (no "and").
    fn wordnum(&self, i: usize, nested: bool) -> Option<Wn> {
        let mut j = i;
        let mut st = St::Start;
        let (mut total, mut cur, mut small) = (0.0f64, 0.0f64, 0.0f64);
        let (mut max_scale, mut last_scale) = (0.0f64, 0.0f64);
        let mut hundred_in_group = false;
        let mut after_and = false;
        let mut words_used = false;
        let mut best: Option<Wn> = None;
        let mut before_and: Option<Wn> = None;
        let mut num_after_and = false;
        let mut fail_scale = false;
        let steps_max = 64;
        let mut steps = 0;
        macro_rules! check {
            ($e:expr, $frac:expr, $scale:expr) => {
                best = Some(Wn {
                    e: $e,
                    val: total + cur,
                    words: words_used,
                    fraction: $frac,
                    scale: $scale,
                })
            };
        }
        while let Some(tok) = self.tok(j) {
            steps += 1;
            if steps > steps_max {
                break;
            }
            if tok.kind == K::Sym {
                // "twenty-one", "fifty - two"
                if st == St::Tens && self.is_dash(j) {
                    if let Some((_, Class::Unit)) = words::cardinal(self.w(j + 1)) {
                        if self.w(j + 1) != "zero" {
                            j += 1;
                            continue;
                        }
                    }
                }
                // "one-eighth", "five - eighths"
                if self.is_dash(j)
                    && words_used
                    && matches!(st, St::Unit | St::Teen | St::Tens | St::Hundred | St::Scale)
                    && words::denominator(self.w(j + 1)).is_some()
                {
                    j += 1;
                    continue;
                }
                break;
            }
            if tok.kind == K::Num {
                if !tok.parts.is_empty() {
                    break;
                }
                let v = tok.val;
                match st {
                    St::Start => {
                        cur = v;
                        small = v;
                        st = St::Digit;
                        // No checkpoint: digits alone are the caller's.
                        j += 1;
                        best = Some(Wn {
                            e: j,
                            val: v,
                            words: false,
                            fraction: false,
                            scale: None,
                        });
                        continue;
                    }
                    St::Scale if tok.is_int() && v > 0.0 && v < last_scale => {
                        cur = v;
                        small = v;
                    }
                    St::Hundred if after_and && tok.is_int() && v > 0.0 && v < 100.0 => {
                        cur += v;
                        small = v;
                    }
                    _ => break,
                }
                num_after_and = after_and;
                after_and = false;
                st = St::Digit;
                j += 1;
                check!(j, false, None);
                continue;
            }
            let w = tok.low.as_str();
            let frac_digits_only = st == St::Digit && self.t[j - 1].frac;
            if let Some((v, class)) = words::cardinal(w) {
                if frac_digits_only {
                    break;
                }
                // Compound denominator: "one twenty-fifth", "one hundred thirty fifths".
                let has_num = matches!(
                    st,
                    St::Unit | St::Teen | St::Tens | St::Hundred | St::Scale | St::A
                );
                if class == Class::Tens && has_num && !after_and && (words_used || st == St::A) {
                    let mut k = j + 1;
                    if self.is_dash(k) {
                        k += 1;
                    }
                    if let Some((u, plural)) = words::ordinal(self.w(k)) {
                        if u < 10.0 {
                            let n = total + cur;
                            if plural || n == 1.0 {
                                return Some(Wn {
                                    e: k + 1,
                                    val: n / (v + u),
                                    words: true,
                                    fraction: true,
                                    scale: None,
                                });
                            }
                        }
                    }
                }
                let ok = match (st, class) {
                    (St::Start, _) => {
                        cur = v;
                        small = v;
                        true
                    }
                    (St::Tens, Class::Unit) if v > 0.0 => {
                        cur += v;
                        small += v;
                        true
                    }
                    (St::Hundred, _) => {
                        cur += v;
                        small = v;
                        true
                    }
                    (St::Scale, _) => {
                        cur = v;
                        small = v;
                        hundred_in_group = false;
                        true
                    }
                    _ => false,
                };
                if !ok {
                    break;
                }
                num_after_and = after_and;
                after_and = false;
                words_used = true;
                st = match class {
                    Class::Unit => St::Unit,
                    Class::Teen => St::Teen,
                    Class::Tens => St::Tens,
                };
                j += 1;
                check!(j, false, None);
                continue;
            }
            if let Some(plural) = words::is_hundred(w) {
                let ok = match st {
                    St::Start if !plural => {
                        cur = 100.0;
                        true
                    }
                    St::A => {
                        cur = 100.0;
                        true
                    }
                    St::Unit | St::Teen | St::Tens | St::Digit | St::Couple
                        if !hundred_in_group =>
                    {
                        cur = total_group(cur) * 100.0;
                        true
                    }
                    _ => false,
                };
                if !ok {
                    fail_scale = true;
                    break;
                }
                hundred_in_group = true;
                small = 0.0;
                words_used = true;
                after_and = false;
                num_after_and = false;
                st = St::Hundred;
                j += 1;
                check!(j, false, Some(100.0));
                continue;
            }
            if let Some((s, _plural)) = words::scale(w) {
                let ok = matches!(
                    st,
                    St::Unit
                        | St::Teen
                        | St::Tens
                        | St::Digit
                        | St::Hundred
                        | St::A
                        | St::Half
                        | St::Couple
                        | St::Point
                ) || (st == St::Scale && s > max_scale);
                if !ok {
                    fail_scale = true;
                    break;
                }
                if max_scale == 0.0 || s > max_scale {
                    total = (total + cur) * s;
                    max_scale = s;
                } else if s < last_scale && cur > 0.0 {
                    total += cur * s;
                } else {
                    fail_scale = true;
                    break;
                }
                last_scale = s;
                cur = 0.0;
                small = 0.0;
                hundred_in_group = false;
                words_used = true;
                after_and = false;
                num_after_and = false;
                st = St::Scale;
                j += 1;
                check!(j, false, Some(s));
                continue;
            }
            if words::is_dozen(w).is_some() {
                if !matches!(
                    st,
                    St::Unit | St::Teen | St::Tens | St::Digit | St::A | St::Half | St::Couple
                ) {
                    break;
                }
                cur = cur - small + small * 12.0;
                words_used = true;
                j += 1;
                check!(j, false, None);
                break;
            }
            match w {
                "and"
                    if !nested
                        && matches!(
                            st,
                            St::Hundred | St::Scale | St::Tens | St::Unit | St::Teen | St::Digit
                        ) =>
                {
                    // Mixed number: "one and a half", "one hundred and three quarters".
                    if let Some(f) = self.wordnum(j + 1, true) {
                        if f.fraction && f.val < 1.0 && f.val > 0.0 && f.scale.is_none() {
                            let mut k = f.e;
                            let next_scale = words::scale(self.w(k)).map(|x| x.0);
                            match next_scale {
                                Some(s) if max_scale == 0.0 || s < last_scale => {
                                    let g = cur + f.val;
                                    if max_scale == 0.0 {
                                        total = (total + g) * s;
                                    } else {
                                        total += g * s;
                                    }
                                    cur = 0.0;
                                    k += 1;
                                    words_used = true;
                                    check!(k, false, Some(s));
                                }
                                _ => {
                                    if st == St::Scale {
                                        total += f.val * last_scale;
                                    } else {
                                        cur += f.val;
                                    }
                                    words_used = true;
                                    check!(k, false, None);
                                }
                            }
                            return best;
                        }
                    }
                    if matches!(st, St::Hundred | St::Scale | St::Tens) {
                        before_and = best.clone();
                        after_and = true;
                        j += 1;
                        continue;
                    }
                    break;
                }
                "a" | "an" => {
                    let next = self.w(j + 1);
                    let unitish = words::is_hundred(next) == Some(false)
                        || words::scale(next).is_some_and(|s| !s.1)
                        || words::is_dozen(next) == Some(false);
                    if st == St::Start
                        && (unitish
                            || next == "couple"
                            || words::denominator(next).is_some_and(|d| !d.1)
                            || (words::cardinal(next).is_some_and(|c| c.1 == Class::Tens)
                                && self.tens_ordinal_follows(j + 1)))
                    {
                        cur = 1.0;
                        small = 1.0;
                        st = St::A;
                        j += 1;
                        continue;
                    }
                    if st == St::Half && unitish {
                        j += 1;
                        continue;
                    }
                    break;
                }
                "couple" if st == St::A => {
                    cur = 2.0;
                    small = 2.0;
                    st = St::Couple;
                    j += 1;
                    if self.w(j) == "of" {
                        let n = self.w(j + 1);
                        if words::is_dozen(n).is_some()
                            || words::is_hundred(n).is_some()
                            || words::scale(n).is_some()
                        {
                            j += 1;
                        }
                    }
                    continue;
                }
                "half" if st == St::Start => {
                    cur = 0.5;
                    small = 0.5;
                    st = St::Half;
                    j += 1;
                    words_used = true;
                    check!(j, true, None);
                    continue;
                }
                "quarter" if st == St::Start && words::scale(self.w(j + 1)).is_some() => {
                    cur = 0.25;
                    small = 0.25;
                    st = St::Half;
                    j += 1;
                    continue;
                }
                "point"
                    if matches!(st, St::Unit | St::Teen | St::Tens | St::Hundred | St::Scale) =>
                {
                    let (digits, k) = self.point_digits(j + 1);
                    if digits.is_empty() {
                        break;
                    }
                    let f: f64 = format!("0.{digits}").parse().unwrap_or(0.0);
                    cur += f;
                    st = St::Point;
                    j = k;
                    check!(j, false, None);
                    continue;
                }
                _ => {}
            }
            if let Some((d, plural)) = words::denominator(w) {
                let has_num = matches!(
                    st,
                    St::Unit | St::Teen | St::Tens | St::Hundred | St::Scale | St::A
                );
                if has_num && words_used | (st == St::A) && !after_and {
                    let n = total + cur;
                    if plural || n == 1.0 {
                        let mut val = n / d;
                        let mut k = j + 1;
                        if self.w(k) == "of" && matches!(self.w(k + 1), "a" | "an") {
                            if let Some((s, false)) = words::scale(self.w(k + 2)) {
                                val *= s;
                                k += 3;
                            }
                        }
                        return Some(Wn {
                            e: k,
                            val,
                            words: true,
                            fraction: true,
                            scale: None,
                        });
                    }
                }
            }
            break;
        }
        if fail_scale && num_after_and {
            best = before_and;
        }
        let _ = small;
        best
    }

    fn tens_ordinal_follows(&self, k: usize) -> bool {
        let mut j = k + 1;
        if self.is_dash(j) {
            j += 1;
        }
        words::ordinal(self.w(j)).is_some_and(|(u, _)| u < 10.0)
    }

    /// Digits after "point": "zero three", "seventy-one", "eleven".
    fn point_digits(&self, mut j: usize) -> (String, usize) {
        let mut out = String::new();
        while let Some((v, class)) = words::cardinal(self.w(j)) {
            match class {
                Class::Unit | Class::Teen => out.push_str(&format!("{}", v as u32)),
                Class::Tens => {
                    let mut k = j + 1;
                    if self.is_dash(k) {
                        k += 1;
                    }
                    if let Some((u, Class::Unit)) = words::cardinal(self.w(k)) {
                        out.push_str(&format!("{}", (v + u) as u32));
                        j = k;
                    } else {
                        out.push_str(&format!("{}", v as u32));
                    }
                }
            }
            j += 1;
            if out.len() > 12 {
                break;
            }
        }
        (out, j)
    }
}

/// The part of the current group that "hundred" multiplies.
fn total_group(cur: f64) -> f64 {
    cur
}
