//! Phrases: a number with its qualifier, a range ("between 10 and 20"), a bound
//! ("up to 10"), and multi-part phrases (dates, scores).

use super::*;

impl Parser<'_> {
    /// The phrases that start at token `i`, pushed onto `out`, and the token after
    /// them; `None` (and nothing pushed) when none starts there.
    pub(super) fn phrase_at(&self, i: usize, out: &mut Vec<TokenPhrase>) -> Option<usize> {
        if let Some(e) = self.multipart(i, out) {
            return Some(e);
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
                            out.push(TokenPhrase {
                                e,
                                low: Some(l),
                                high: Some(h),
                                qual: Qualifier::Range,
                                unit: first.unit.or(second.unit),
                                ..first
                            });
                            return Some(e);
                        }
                    }
                }
            }
        }
        out.push(first);
        Some(first.e)
    }

    /// Numbers written as several parts: dotted ("192.168.1.2"), phone numbers,
    /// and dates with slashes or dashes. Identifiers give one phrase a part, pushed
    /// onto `out`; the token after them is returned (`None`, nothing pushed, when no
    /// such number starts at `i`).
    pub(super) fn multipart(&self, i: usize, out: &mut Vec<TokenPhrase>) -> Option<usize> {
        let t = self.tok(i)?;
        let ident = |s: usize, e: usize, v: f64| TokenPhrase {
            s,
            e,
            kind: NumberKind::Identifier,
            low: Some(v),
            high: Some(v),
            qual: Qualifier::Exact,
            unit: None,
            vague: false,
        };
        if t.kind == TokKind::Num && t.dotted {
            // Parts share one token: give each the whole token's span.
            out.extend(t.parts().map(|p| ident(i, i + 1, p.2)));
            return Some(i + 1);
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
            out.push(ident(i + 1, i + 2, self.t[i + 1].val));
            let mut e = i + 3;
            out.push(ident(e, e + 1, self.t[e].val));
            if self.is_dash(e + 1) && self.num(e + 2).is_some() {
                out.push(ident(e + 2, e + 3, self.t[e + 2].val));
                e += 2;
            }
            return Some(e + 1);
        }
        let plus = self.sym(i, "+") && self.num(i + 1).is_some() && self.att(i + 1);
        let start = if plus { i + 1 } else { i };
        self.num(start)?;
        if !plus && i > 0 && self.att(i) && (self.is_dash(i - 1) || self.sym(i - 1, "/")) {
            return None;
        }
        // The run of numbers joined by glued '-' or '/' (at most seven), their tokens
        // and the separators between them, on the stack: every number token comes here.
        let mut nums = [start; MAX_PARTS];
        let mut seps = [""; MAX_PARTS];
        let mut n = 1;
        let mut k = start;
        while (self.is_dash(k + 1) || self.sym(k + 1, "/"))
            && self.att(k + 1)
            && self.att(k + 2)
            && self.num(k + 2).is_some_and(|n| n.is_int())
        {
            seps[n - 1] = self.low(k + 1);
            k += 2;
            nums[n] = k;
            n += 1;
            if n > 6 {
                break;
            }
        }
        let (nums, seps) = (&nums[..n], &seps[..n - 1]);
        let e = k + 1;
        let all_int = nums.iter().all(|&n| self.t[n].is_int());
        let len = |k: usize| self.t[nums[k]].int_len;
        let val = |k: usize| self.t[nums[k]].val;
        let date = |s: usize, e: usize| TokenPhrase {
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
            let ymd = len(0) == 4 && len(1) <= 2 && len(2) <= 2 && val(1) <= 12.0;
            let dmy = len(0) <= 2 && len(1) <= 2 && (len(2) == 4 || len(2) == 2);
            if same && (ymd || dmy) && val(0) > 0.0 {
                out.push(date(start, e));
                return Some(e);
            }
        }
        if !plus && all_int && nums.len() == 2 && len(0) == 4 && len(1) == 2 {
            // "1995-01": a year and a month (a "2014-15" season has a later second part).
            let v1 = val(1);
            let yy = val(0) % 100.0;
            if self.t[nums[1]].low.starts_with('0') && v1 <= 12.0 && v1 <= yy {
                out.push(date(start, e));
                return Some(e);
            }
        }
        let phone_pair = nums.len() == 2 && len(0) == 3 && len(1) == 4 && seps[0] != "/";
        if plus || phone_pair || (all_int && nums.len() >= 3) {
            out.extend(nums.iter().map(|&n| ident(n, n + 1, self.t[n].val)));
            return Some(e);
        }
        None
    }

    /// One phrase: qualifier, amount, range and postfix; no combination of bounds.
    pub(super) fn bounded(&self, i: usize) -> Option<TokenPhrase> {
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
                    if let Some(ph) = self.range(i, a, b, q) {
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

    pub(super) fn ratio(&self, a: &Core) -> Option<Core> {
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
        let ends = self.tok(b.e).is_none_or(|t| t.kind == TokKind::Sym);
        if (over && !ends) || (!over && x >= y) {
            return None;
        }
        let mut c = Core::new(a.s, b.e, x / y);
        c.fraction = true;
        c.words = a.words;
        Some(c)
    }

    /// Builds a range phrase `s..` from two amounts; `None` when they do not form one.
    pub(super) fn range(
        &self,
        s: usize,
        mut a: Core,
        mut b: Core,
        q: Qualifier,
    ) -> Option<TokenPhrase> {
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
        let unit = a.unit.or(b.unit);
        a.unit = unit;
        b.unit = unit;
        let _ = q;
        let mut ph = self.single(s, b, Qualifier::Range);
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
    pub(super) fn single(&self, s: usize, a: Core, q: Qualifier) -> TokenPhrase {
        let mut e = a.e;
        let mut q = q;
        let mut unit = a.unit;
        // Percent.
        if self.sym(e, "%") {
            unit = Some("percent");
            e += 1;
        } else if matches!(self.w(e), "percent" | "pct" | "percentage") {
            if self.w(e) == "percentage" && matches!(self.w(e + 1), "points" | "point") {
                unit = Some("percentage points");
                e += 2;
            } else if self.w(e) != "percentage" {
                unit = Some("percent");
                e += 1;
            }
        } else if self.seq(e, &["per", "cent"]) {
            unit = Some("percent");
            e += 2;
        }
        // Postfix qualifiers: "or more", "or so", "20-odd", "100+".
        if self.sym(e, "+") && self.att(e) {
            q = Qualifier::AtLeast;
            e += 1;
        }
        for (words, pq) in postfix_phrases_at(self.low(e)) {
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
                unit = Some(c);
            } else if self.seq(e, &["pounds", "sterling"]) {
                unit = Some("GBP");
            } else if let Some(u) = words::unit_word(w) {
                let single_letter = w.chars().count() == 1;
                if !single_letter || self.att(e) {
                    // "130 km/h", "60 miles per hour": a speed, not a distance.
                    let u = match u {
                        "km" if self.per_hour(e + 1) => "km/h",
                        "miles" if self.per_hour(e + 1) => "mph",
                        _ => u,
                    };
                    unit = Some(u);
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
        let mut ph = TokenPhrase {
            s,
            e,
            kind: NumberKind::Quantity,
            low,
            high,
            qual: q,
            unit,
            vague: a.vague,
        };
        let core_for_kind = Core { unit: ph.unit, ..a };
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
            && ph.unit != Some("percent")
        {
            ph.unit = None;
        }
        ph
    }

    pub(super) fn prefix(&self, i: usize) -> Option<(Qualifier, usize)> {
        // Only the phrases that start with this token, in table order (the table is
        // long and this runs at every token).
        // foldhash, not SipHash: this look-up runs at every token of every text.
        static BY_FIRST: std::sync::LazyLock<crate::hash::HashMap<&'static str, Vec<usize>>> =
            std::sync::LazyLock::new(|| {
                let mut m: crate::hash::HashMap<&'static str, Vec<usize>> =
                    crate::hash::HashMap::default();
                for (k, (toks, _)) in words::qualifier_phrases().iter().enumerate() {
                    m.entry(toks.first().copied().unwrap_or(""))
                        .or_default()
                        .push(k);
                }
                m
            });
        let table = words::qualifier_phrases();
        let first = self.low(i);
        if !may_start_qualifier(first) {
            return None;
        }
        for &k in BY_FIRST.get(first)? {
            let (toks, q) = &table[k];
            if self.seq(i, toks) {
                return Some((*q, toks.len()));
            }
        }
        None
    }
}

/// The most numbers [`Parser::multipart`] joins into one run: it stops at the seventh.
const MAX_PARTS: usize = 7;

/// Whether `w` may be the first token of a qualifier phrase: told from its first byte
/// and its length (for each first byte, the lengths of the phrases' first tokens, as
/// bits), before any hashing; `prefix` is asked at most tokens of a sentence with a
/// number, and most are no such token. True for a token of no bytes or of 64 or more
/// (looked up as before).
fn may_start_qualifier(w: &str) -> bool {
    static LENGTHS: std::sync::LazyLock<[u64; 256]> = std::sync::LazyLock::new(|| {
        let mut t = [0u64; 256];
        for (toks, _) in words::qualifier_phrases() {
            let first = toks.first().copied().unwrap_or("");
            if let Some(&b) = first.as_bytes().first() {
                if first.len() < 64 {
                    t[usize::from(b)] |= 1 << first.len();
                }
            }
        }
        t
    });
    match w.as_bytes().first() {
        Some(&b) if w.len() < 64 => LENGTHS[usize::from(b)] & (1 << w.len()) != 0,
        _ => true,
    }
}

/// The postfix phrases (in table order) that may stand where a token `first` stands:
/// none unless `first` is some phrase's first word (the token after most numbers is
/// none, and every number comes here), else the whole table. A phrase of no words
/// would stand anywhere: then the whole table is read at every token.
fn postfix_phrases_at(first: &str) -> &'static [(&'static [&'static str], Qualifier)] {
    static FIRST: std::sync::LazyLock<Option<crate::hash::HashSet<&'static str>>> =
        std::sync::LazyLock::new(|| {
            words::postfix_phrases()
                .iter()
                .map(|(toks, _)| toks.first().copied())
                .collect()
        });
    let table = words::postfix_phrases();
    match &*FIRST {
        Some(firsts) if !firsts.contains(first) => &[],
        _ => table,
    }
}

#[cfg(test)]
mod postfix_tests {
    use super::*;

    #[test]
    fn a_word_that_starts_a_qualifier_may_start_one() {
        let mut words: Vec<&str> = words::qualifier_phrases()
            .iter()
            .flat_map(|(toks, _)| toks.iter().copied())
            .collect();
        let firsts: Vec<&str> = words::qualifier_phrases()
            .iter()
            .filter_map(|(toks, _)| toks.first().copied())
            .collect();
        assert!(firsts.iter().all(|w| may_start_qualifier(w)));
        words.extend(["", "people", "the", "More", "mores", "x", "ab", "é"]);
        let mut passed_by = 0;
        for w in words {
            if !firsts.contains(&w) {
                passed_by += usize::from(!may_start_qualifier(w));
            }
        }
        assert!(passed_by >= 3, "{passed_by}");
    }

    #[test]
    fn the_postfix_phrases_at_a_word_are_all_that_start_with_it() {
        let mut words: Vec<&str> = words::postfix_phrases()
            .iter()
            .flat_map(|(toks, _)| toks.iter().copied())
            .collect();
        words.extend(["", "people", "Or", "and", "ore", "-", "–", "+"]);
        for w in words {
            let all = words::postfix_phrases();
            let want: Vec<_> = all
                .iter()
                .filter(|(toks, _)| toks.first() == Some(&w))
                .collect();
            let got: Vec<_> = postfix_phrases_at(w)
                .iter()
                .filter(|(toks, _)| toks.first() == Some(&w))
                .collect();
            assert_eq!(got, want, "{w}");
            // A word no phrase starts with is given no phrase to try.
            if want.is_empty() {
                assert!(postfix_phrases_at(w).is_empty(), "{w}");
            }
        }
    }
}
