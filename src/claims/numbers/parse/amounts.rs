//! Amounts: digits with their scale, suffix, fraction or exponent, a currency
//! before them, and vague amounts ("hundreds", "several").

use super::*;

impl Parser<'_> {
    pub(super) fn core(&self, i: usize) -> Option<Core> {
        let t = self.tok(i)?;
        // "the tenth", "the 21st"
        if t.kind == TokKind::Word && t.low == "the" {
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
            c.unit = Some(cur);
            return Some(c);
        }
        // Signs.
        if (self.sym(i, "-") || self.sym(i, "−")) && self.att(i + 1) && self.num(i + 1).is_some()
        {
            let glued_after_value =
                i > 0 && self.att(i) && matches!(self.t[i - 1].kind, TokKind::Num | TokKind::Word);
            if !glued_after_value {
                let mut c = self.amount(i + 1, false)?;
                c.val = c.val.map(|v| -v);
                c.s = i;
                return Some(c);
            }
            return None;
        }
        if matches!(&*t.low, "negative" | "minus") && t.kind == TokKind::Word {
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

    pub(super) fn currency_prefix(&self, i: usize) -> Option<(&'static str, usize)> {
        let t = self.tok(i)?;
        if t.kind == TokKind::Sym {
            let c = words::currency_symbol(&t.low)?;
            return self.num_or_word_at(i + 1).then_some((c, i + 1));
        }
        if t.kind == TokKind::Word {
            if self.sym(i + 1, "$") && self.att(i + 1) {
                let c = match &*t.low {
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

    pub(super) fn num_or_word_at(&self, i: usize) -> bool {
        self.num(i).is_some() || words::cardinal(self.w(i)).is_some()
    }

    /// An amount without sign or currency.
    pub(super) fn amount(&self, i: usize, currency: bool) -> Option<Core> {
        let t = self.tok(i)?;
        if t.kind == TokKind::Word {
            return self.word_amount(i, t);
        }
        if t.kind != TokKind::Num || t.dotted {
            return None;
        }
        if let Some(c) = self.clock_time(i, t) {
            return Some(c);
        }
        // Fractions "3/4" (dates with slashes are read as multipart).
        if self.sym(i + 1, "/") && self.att(i + 1) && self.att(i + 2) {
            return self.slash_fraction(i, t);
        }
        let c = self
            .exponent(i, t)
            .or_else(|| self.glued_fraction(i, t))
            .or_else(|| self.glued_suffix(i, t, currency))
            .or_else(|| self.spaced_scale(i, t, currency))
            .or_else(|| self.scale_words_after(i));
        Some(c.unwrap_or_else(|| Core::new(i, i + 1, t.val)))
    }

    /// A number written in words ("two hundred", "half"), not the pronoun "one".
    fn word_amount(&self, i: usize, t: &Tok) -> Option<Core> {
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
            c.unit = Some("fraction");
        }
        Some(c)
    }

    /// A clock time: "10:30", "10:30:15 pm".
    fn clock_time(&self, i: usize, t: &Tok) -> Option<Core> {
        let v = t.val;
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
        None
    }

    /// "3/4" after the slash has been seen: a fraction, or nothing.
    fn slash_fraction(&self, i: usize, t: &Tok) -> Option<Core> {
        let v = t.val;
        if let Some(d) = self.num(i + 2) {
            if t.is_int() && d.is_int() && d.val != 0.0 {
                let mut c = Core::new(i, i + 3, v / d.val);
                c.fraction = true;
                if v < d.val {
                    c.unit = Some("fraction");
                }
                return Some(c);
            }
        }
        None
    }

    /// Scientific notation and powers: "1e10", "12.32e+14", "1.3x10^6", "2^10".
    fn exponent(&self, i: usize, t: &Tok) -> Option<Core> {
        let v = t.val;
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
        None
    }

    /// A glued vulgar fraction ("1½") or a mixed fraction ("2 1/4").
    fn glued_fraction(&self, i: usize, t: &Tok) -> Option<Core> {
        let v = t.val;
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
        None
    }

    /// A glued suffix: "10k", "2.3bn", "21st", "5pm", "29km", "4G".
    fn glued_suffix(&self, i: usize, t: &Tok, currency: bool) -> Option<Core> {
        let v = t.val;
        if self.att(i + 1) && self.tok(i + 1).is_some_and(|n| n.kind == TokKind::Word) {
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
                c.unit = Some(u);
                return Some(c);
            }
            if matches!(w, "x") {
                return Some(Core::new(i, i + 1, v));
            }
            // "4G", "3D": a name, not an amount.
            return Some(Core::new(i, i + 2, v).with_kind(NumberKind::Identifier));
        }
        None
    }

    /// A spaced abbreviation of a scale: "2.33 k", "10 bln", "1,674.5 G".
    fn spaced_scale(&self, i: usize, t: &Tok, currency: bool) -> Option<Core> {
        let v = t.val;
        if let Some(n) = self.tok(i + 1).filter(|n| n.kind == TokKind::Word && n.sp) {
            let raw = self.raw(i + 1);
            let followed_by_letter = self
                .tok(i + 2)
                .is_some_and(|x| !x.sp && x.kind == TokKind::Word);
            let sc = match &*n.low {
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
        None
    }

    /// Scale words and number words after digits: "2 million", "3 hundred and 21".
    fn scale_words_after(&self, i: usize) -> Option<Core> {
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
        None
    }

    pub(super) fn raw(&self, i: usize) -> &str {
        self.t
            .get(i)
            .and_then(|t| self._text.get(t.s..t.e))
            .unwrap_or("")
    }

    /// "^23", "^-1", "^--23" after a number: the exponent and the end.
    pub(super) fn power_at(&self, k: usize) -> Option<(f64, usize)> {
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
    pub(super) fn word_ordinal(&self, i: usize) -> Option<(f64, usize)> {
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
    pub(super) fn vague(&self, i: usize) -> Option<Core> {
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
}
