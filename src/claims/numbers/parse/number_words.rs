//! Number words: the grammar of numbers written in words ("two hundred and
//! five", "half a million", "one and a half", "five point five").

use super::*;

impl Parser<'_> {
    /// The word-number grammar from token `i`: cardinals, scales, "and", hyphens,
    /// "a hundred", "half a million", "a couple dozen", fractions ("two thirds"),
    /// mixed numbers ("one and a half"), decimals ("five point five").
    /// `nested` reads a numerator only (no "and").
    pub(super) fn wordnum(&self, i: usize, nested: bool) -> Option<WordNumber> {
        let mut j = i;
        let mut st = WordState::Start;
        let (mut total, mut cur, mut small) = (0.0f64, 0.0f64, 0.0f64);
        let (mut max_scale, mut last_scale) = (0.0f64, 0.0f64);
        let mut hundred_in_group = false;
        let mut after_and = false;
        let mut words_used = false;
        let mut best: Option<WordNumber> = None;
        let mut before_and: Option<WordNumber> = None;
        let mut num_after_and = false;
        let mut fail_scale = false;
        let steps_max = 64;
        let mut steps = 0;
        macro_rules! check {
            ($e:expr, $frac:expr, $scale:expr) => {
                best = Some(WordNumber {
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
            if tok.kind == TokKind::Sym {
                // "twenty-one", "fifty - two"
                if st == WordState::Tens && self.is_dash(j) {
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
                    && matches!(
                        st,
                        WordState::Unit
                            | WordState::Teen
                            | WordState::Tens
                            | WordState::Hundred
                            | WordState::Scale
                    )
                    && words::denominator(self.w(j + 1)).is_some()
                {
                    j += 1;
                    continue;
                }
                break;
            }
            if tok.kind == TokKind::Num {
                if !tok.parts.is_empty() {
                    break;
                }
                let v = tok.val;
                match st {
                    WordState::Start => {
                        cur = v;
                        small = v;
                        st = WordState::Digit;
                        // No checkpoint: digits alone are the caller's.
                        j += 1;
                        best = Some(WordNumber {
                            e: j,
                            val: v,
                            words: false,
                            fraction: false,
                            scale: None,
                        });
                        continue;
                    }
                    WordState::Scale if tok.is_int() && v > 0.0 && v < last_scale => {
                        cur = v;
                        small = v;
                    }
                    WordState::Hundred if after_and && tok.is_int() && v > 0.0 && v < 100.0 => {
                        cur += v;
                        small = v;
                    }
                    _ => break,
                }
                num_after_and = after_and;
                after_and = false;
                st = WordState::Digit;
                j += 1;
                check!(j, false, None);
                continue;
            }
            let w = tok.low.as_str();
            let frac_digits_only = st == WordState::Digit && self.t[j - 1].frac;
            if let Some((v, class)) = words::cardinal(w) {
                if frac_digits_only {
                    break;
                }
                // Compound denominator: "one twenty-fifth", "one hundred thirty fifths".
                let has_num = matches!(
                    st,
                    WordState::Unit
                        | WordState::Teen
                        | WordState::Tens
                        | WordState::Hundred
                        | WordState::Scale
                        | WordState::A
                );
                if class == Class::Tens
                    && has_num
                    && !after_and
                    && (words_used || st == WordState::A)
                {
                    let mut k = j + 1;
                    if self.is_dash(k) {
                        k += 1;
                    }
                    if let Some((u, plural)) = words::ordinal(self.w(k)) {
                        if u < 10.0 {
                            let n = total + cur;
                            if plural || n == 1.0 {
                                return Some(WordNumber {
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
                    (WordState::Start, _) => {
                        cur = v;
                        small = v;
                        true
                    }
                    (WordState::Tens, Class::Unit) if v > 0.0 => {
                        cur += v;
                        small += v;
                        true
                    }
                    (WordState::Hundred, _) => {
                        cur += v;
                        small = v;
                        true
                    }
                    (WordState::Scale, _) => {
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
                    Class::Unit => WordState::Unit,
                    Class::Teen => WordState::Teen,
                    Class::Tens => WordState::Tens,
                };
                j += 1;
                check!(j, false, None);
                continue;
            }
            if let Some(plural) = words::is_hundred(w) {
                let ok = match st {
                    WordState::Start if !plural => {
                        cur = 100.0;
                        true
                    }
                    WordState::A => {
                        cur = 100.0;
                        true
                    }
                    WordState::Unit
                    | WordState::Teen
                    | WordState::Tens
                    | WordState::Digit
                    | WordState::Couple
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
                st = WordState::Hundred;
                j += 1;
                check!(j, false, Some(100.0));
                continue;
            }
            if let Some((s, _plural)) = words::scale(w) {
                let ok = matches!(
                    st,
                    WordState::Unit
                        | WordState::Teen
                        | WordState::Tens
                        | WordState::Digit
                        | WordState::Hundred
                        | WordState::A
                        | WordState::Half
                        | WordState::Couple
                        | WordState::Point
                ) || (st == WordState::Scale && s > max_scale);
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
                st = WordState::Scale;
                j += 1;
                check!(j, false, Some(s));
                continue;
            }
            if words::is_dozen(w).is_some() {
                if !matches!(
                    st,
                    WordState::Unit
                        | WordState::Teen
                        | WordState::Tens
                        | WordState::Digit
                        | WordState::A
                        | WordState::Half
                        | WordState::Couple
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
                            WordState::Hundred
                                | WordState::Scale
                                | WordState::Tens
                                | WordState::Unit
                                | WordState::Teen
                                | WordState::Digit
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
                                    if st == WordState::Scale {
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
                    if matches!(st, WordState::Hundred | WordState::Scale | WordState::Tens) {
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
                    if st == WordState::Start
                        && (unitish
                            || next == "couple"
                            || words::denominator(next).is_some_and(|d| !d.1)
                            || (words::cardinal(next).is_some_and(|c| c.1 == Class::Tens)
                                && self.tens_ordinal_follows(j + 1)))
                    {
                        cur = 1.0;
                        small = 1.0;
                        st = WordState::A;
                        j += 1;
                        continue;
                    }
                    if st == WordState::Half && unitish {
                        j += 1;
                        continue;
                    }
                    break;
                }
                "couple" if st == WordState::A => {
                    cur = 2.0;
                    small = 2.0;
                    st = WordState::Couple;
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
                "half" if st == WordState::Start => {
                    cur = 0.5;
                    small = 0.5;
                    st = WordState::Half;
                    j += 1;
                    words_used = true;
                    check!(j, true, None);
                    continue;
                }
                "quarter" if st == WordState::Start && words::scale(self.w(j + 1)).is_some() => {
                    cur = 0.25;
                    small = 0.25;
                    st = WordState::Half;
                    j += 1;
                    continue;
                }
                "point"
                    if matches!(
                        st,
                        WordState::Unit
                            | WordState::Teen
                            | WordState::Tens
                            | WordState::Hundred
                            | WordState::Scale
                    ) =>
                {
                    let (digits, k) = self.point_digits(j + 1);
                    if digits.is_empty() {
                        break;
                    }
                    let f: f64 = format!("0.{digits}").parse().unwrap_or(0.0);
                    cur += f;
                    st = WordState::Point;
                    j = k;
                    check!(j, false, None);
                    continue;
                }
                _ => {}
            }
            if let Some((d, plural)) = words::denominator(w) {
                let has_num = matches!(
                    st,
                    WordState::Unit
                        | WordState::Teen
                        | WordState::Tens
                        | WordState::Hundred
                        | WordState::Scale
                        | WordState::A
                );
                if has_num && words_used | (st == WordState::A) && !after_and {
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
                        return Some(WordNumber {
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

    pub(super) fn tens_ordinal_follows(&self, k: usize) -> bool {
        let mut j = k + 1;
        if self.is_dash(j) {
            j += 1;
        }
        words::ordinal(self.w(j)).is_some_and(|(u, _)| u < 10.0)
    }

    /// Digits after "point": "zero three", "seventy-one", "eleven".
    pub(super) fn point_digits(&self, mut j: usize) -> (String, usize) {
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
