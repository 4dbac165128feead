//! Kinds: whether a number is a quantity, a year, a date, a time, an age, an
//! ordinal or a name (an address, a phone number).

use super::*;

impl Parser<'_> {
    pub(super) fn is_month_at(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| {
            t.kind == TokKind::Word && t.cap && crate::wordlists::calendar::month(&t.low)
        })
    }

    /// The month before or after a day number, for a date's span.
    pub(super) fn date_extent(&self, s: usize, e: usize) -> (usize, usize) {
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

    pub(super) fn kind_of(&self, s: usize, e: usize, a: &Core, q: Qualifier) -> NumberKind {
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
        let single_num = a.e == a.s + 1 && first.kind == TokKind::Num;
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
            if self.t[p].kind == TokKind::Word && self.att(a.s) {
                return Identifier;
            }
            if self.t[p].kind == TokKind::Word
                && self.t[p].cap
                && words::identifier_head(&self.t[p].low)
            {
                return Identifier;
            }
            if self.is_dash(p)
                && self.att(a.s)
                && p > 0
                && self.att(p)
                && self.t[p - 1].kind == TokKind::Word
                && self.t[p - 1].cap
                && !matches!(&*self.t[p - 1].low, "mid" | "pre" | "post")
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
    pub(super) fn address_after(&self, e: usize) -> bool {
        let mut k = e;
        let mut seen = 0;
        while seen < 3 {
            let Some(t) = self.tok(k) else { return false };
            if t.kind != TokKind::Word || !t.cap {
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
    pub(super) fn counted_noun_at(&self, k: usize) -> bool {
        let Some(t) = self.tok(k) else { return false };
        if t.kind != TokKind::Word || t.cap {
            return matches!(&*t.low, "people" | "men" | "women" | "children");
        }
        let w = &*t.low;
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
}
