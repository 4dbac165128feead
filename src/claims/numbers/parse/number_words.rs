//! Number words: the grammar of numbers written in words ("two hundred and
//! five", "half a million", "one and a half", "five point five").

use super::*;

/// Where the word-number grammar stands while it reads, token by token.
struct WordReader {
    /// The next token.
    j: usize,
    st: WordState,
    /// The value of the groups closed by a scale word, and of the open group.
    total: f64,
    cur: f64,
    /// The last number word of the open group ("dozen" multiplies it).
    small: f64,
    max_scale: f64,
    last_scale: f64,
    hundred_in_group: bool,
    after_and: bool,
    words_used: bool,
    /// The longest reading so far.
    best: Option<WordNumber>,
    /// The reading before an "and" that a failed scale after it falls back to.
    before_and: Option<WordNumber>,
    num_after_and: bool,
    fail_scale: bool,
}

/// What one token does to the reading.
enum Step {
    /// Read on.
    Next,
    /// The reading ends here: the best so far is the answer.
    Stop,
    /// The answer, whatever follows.
    Done(Option<WordNumber>),
}

impl WordReader {
    /// A checkpoint: the value so far, ending before token `e`.
    fn check(&mut self, e: usize, fraction: bool, scale: Option<f64>) {
        self.best = Some(WordNumber {
            e,
            val: self.total + self.cur,
            words: self.words_used,
            fraction,
            scale,
        });
    }
}

impl Parser<'_> {
    /// The word-number grammar from token `i`: cardinals, scales, "and", hyphens,
    /// "a hundred", "half a million", "a couple dozen", fractions ("two thirds"),
    /// mixed numbers ("one and a half"), decimals ("five point five").
    /// `nested` reads a numerator only (no "and").
    pub(super) fn wordnum(&self, i: usize, nested: bool) -> Option<WordNumber> {
        let mut r = WordReader {
            j: i,
            st: WordState::Start,
            total: 0.0,
            cur: 0.0,
            small: 0.0,
            max_scale: 0.0,
            last_scale: 0.0,
            hundred_in_group: false,
            after_and: false,
            words_used: false,
            best: None,
            before_and: None,
            num_after_and: false,
            fail_scale: false,
        };
        let steps_max = 64;
        let mut steps = 0;
        while let Some(tok) = self.tok(r.j) {
            steps += 1;
            if steps > steps_max {
                break;
            }
            let step = match tok.kind {
                TokKind::Sym => self.wn_symbol(&mut r),
                TokKind::Num => self.wn_digits(&mut r, tok),
                TokKind::Word => self.wn_word(&mut r, &tok.low, nested),
            };
            match step {
                Step::Next => continue,
                Step::Stop => break,
                Step::Done(found) => return found,
            }
        }
        if r.fail_scale && r.num_after_and {
            r.best = r.before_and;
        }
        r.best
    }

    /// A hyphen or dash: "twenty-one", "one-eighth".
    fn wn_symbol(&self, r: &mut WordReader) -> Step {
        // "twenty-one", "fifty - two"
        if r.st == WordState::Tens && self.is_dash(r.j) {
            if let Some((_, Class::Unit)) = words::cardinal(self.w(r.j + 1)) {
                if self.w(r.j + 1) != "zero" {
                    r.j += 1;
                    return Step::Next;
                }
            }
        }
        // "one-eighth", "five - eighths"
        if self.is_dash(r.j)
            && r.words_used
            && matches!(
                r.st,
                WordState::Unit
                    | WordState::Teen
                    | WordState::Tens
                    | WordState::Hundred
                    | WordState::Scale
            )
            && words::denominator(self.w(r.j + 1)).is_some()
        {
            r.j += 1;
            return Step::Next;
        }
        Step::Stop
    }

    /// Digits: alone, or after a scale word or "hundred and".
    fn wn_digits(&self, r: &mut WordReader, tok: &Tok) -> Step {
        if tok.dotted {
            return Step::Stop;
        }
        let v = tok.val;
        match r.st {
            WordState::Start => {
                r.cur = v;
                r.small = v;
                r.st = WordState::Digit;
                // No checkpoint: digits alone are the caller's.
                r.j += 1;
                r.best = Some(WordNumber {
                    e: r.j,
                    val: v,
                    words: false,
                    fraction: false,
                    scale: None,
                });
                return Step::Next;
            }
            WordState::Scale if tok.is_int() && v > 0.0 && v < r.last_scale => {
                r.cur = v;
                r.small = v;
            }
            WordState::Hundred if r.after_and && tok.is_int() && v > 0.0 && v < 100.0 => {
                r.cur += v;
                r.small = v;
            }
            _ => return Step::Stop,
        }
        r.num_after_and = r.after_and;
        r.after_and = false;
        r.st = WordState::Digit;
        r.j += 1;
        r.check(r.j, false, None);
        Step::Next
    }

    /// A word: a number word, a scale, "dozen", a joining word or a denominator.
    fn wn_word(&self, r: &mut WordReader, w: &str, nested: bool) -> Step {
        let frac_digits_only = r.st == WordState::Digit && self.t[r.j - 1].frac;
        if let Some((v, class)) = words::cardinal(w) {
            return self.wn_cardinal(r, v, class, frac_digits_only);
        }
        if let Some(plural) = words::is_hundred(w) {
            return self.wn_hundred(r, plural);
        }
        if let Some((s, _plural)) = words::scale(w) {
            return self.wn_scale(r, s);
        }
        if words::is_dozen(w).is_some() {
            if !matches!(
                r.st,
                WordState::Unit
                    | WordState::Teen
                    | WordState::Tens
                    | WordState::Digit
                    | WordState::A
                    | WordState::Half
                    | WordState::Couple
            ) {
                return Step::Stop;
            }
            r.cur = r.cur - r.small + r.small * 12.0;
            r.words_used = true;
            r.j += 1;
            r.check(r.j, false, None);
            return Step::Stop;
        }
        if let Some(step) = self.wn_joining_word(r, w, nested) {
            return step;
        }
        if let Some((d, plural)) = words::denominator(w) {
            let has_num = matches!(
                r.st,
                WordState::Unit
                    | WordState::Teen
                    | WordState::Tens
                    | WordState::Hundred
                    | WordState::Scale
                    | WordState::A
            );
            if has_num && r.words_used | (r.st == WordState::A) && !r.after_and {
                let n = r.total + r.cur;
                if plural || n == 1.0 {
                    let mut val = n / d;
                    let mut k = r.j + 1;
                    if self.w(k) == "of" && matches!(self.w(k + 1), "a" | "an") {
                        if let Some((s, false)) = words::scale(self.w(k + 2)) {
                            val *= s;
                            k += 3;
                        }
                    }
                    return Step::Done(Some(WordNumber {
                        e: k,
                        val,
                        words: true,
                        fraction: true,
                        scale: None,
                    }));
                }
            }
        }
        Step::Stop
    }

    /// A cardinal ("five", "twenty", "eleven"), or a compound denominator after a
    /// number ("one twenty-fifth").
    fn wn_cardinal(
        &self,
        r: &mut WordReader,
        v: f64,
        class: Class,
        frac_digits_only: bool,
    ) -> Step {
        if frac_digits_only {
            return Step::Stop;
        }
        // Compound denominator: "one twenty-fifth", "one hundred thirty fifths".
        let has_num = matches!(
            r.st,
            WordState::Unit
                | WordState::Teen
                | WordState::Tens
                | WordState::Hundred
                | WordState::Scale
                | WordState::A
        );
        if class == Class::Tens && has_num && !r.after_and && (r.words_used || r.st == WordState::A)
        {
            let mut k = r.j + 1;
            if self.is_dash(k) {
                k += 1;
            }
            if let Some((u, plural)) = words::ordinal(self.w(k)) {
                if u < 10.0 {
                    let n = r.total + r.cur;
                    if plural || n == 1.0 {
                        return Step::Done(Some(WordNumber {
                            e: k + 1,
                            val: n / (v + u),
                            words: true,
                            fraction: true,
                            scale: None,
                        }));
                    }
                }
            }
        }
        let ok = match (r.st, class) {
            (WordState::Start, _) => {
                r.cur = v;
                r.small = v;
                true
            }
            (WordState::Tens, Class::Unit) if v > 0.0 => {
                r.cur += v;
                r.small += v;
                true
            }
            (WordState::Hundred, _) => {
                r.cur += v;
                r.small = v;
                true
            }
            (WordState::Scale, _) => {
                r.cur = v;
                r.small = v;
                r.hundred_in_group = false;
                true
            }
            _ => false,
        };
        if !ok {
            return Step::Stop;
        }
        r.num_after_and = r.after_and;
        r.after_and = false;
        r.words_used = true;
        r.st = match class {
            Class::Unit => WordState::Unit,
            Class::Teen => WordState::Teen,
            Class::Tens => WordState::Tens,
        };
        r.j += 1;
        r.check(r.j, false, None);
        Step::Next
    }

    /// "hundred", "hundreds".
    fn wn_hundred(&self, r: &mut WordReader, plural: bool) -> Step {
        let ok = match r.st {
            WordState::Start if !plural => {
                r.cur = 100.0;
                true
            }
            WordState::A => {
                r.cur = 100.0;
                true
            }
            WordState::Unit
            | WordState::Teen
            | WordState::Tens
            | WordState::Digit
            | WordState::Couple
                if !r.hundred_in_group =>
            {
                r.cur = total_group(r.cur) * 100.0;
                true
            }
            _ => false,
        };
        if !ok {
            r.fail_scale = true;
            return Step::Stop;
        }
        r.hundred_in_group = true;
        r.small = 0.0;
        r.words_used = true;
        r.after_and = false;
        r.num_after_and = false;
        r.st = WordState::Hundred;
        r.j += 1;
        r.check(r.j, false, Some(100.0));
        Step::Next
    }

    /// A scale word of value `s` ("thousand", "million").
    fn wn_scale(&self, r: &mut WordReader, s: f64) -> Step {
        let ok = matches!(
            r.st,
            WordState::Unit
                | WordState::Teen
                | WordState::Tens
                | WordState::Digit
                | WordState::Hundred
                | WordState::A
                | WordState::Half
                | WordState::Couple
                | WordState::Point
        ) || (r.st == WordState::Scale && s > r.max_scale);
        if !ok {
            r.fail_scale = true;
            return Step::Stop;
        }
        if r.max_scale == 0.0 || s > r.max_scale {
            r.total = (r.total + r.cur) * s;
            r.max_scale = s;
        } else if s < r.last_scale && r.cur > 0.0 {
            r.total += r.cur * s;
        } else {
            r.fail_scale = true;
            return Step::Stop;
        }
        r.last_scale = s;
        r.cur = 0.0;
        r.small = 0.0;
        r.hundred_in_group = false;
        r.words_used = true;
        r.after_and = false;
        r.num_after_and = false;
        r.st = WordState::Scale;
        r.j += 1;
        r.check(r.j, false, Some(s));
        Step::Next
    }

    /// "and", "a"/"an", "couple", "half", "quarter", "point"; `None` for other words.
    fn wn_joining_word(&self, r: &mut WordReader, w: &str, nested: bool) -> Option<Step> {
        match w {
            "and"
                if !nested
                    && matches!(
                        r.st,
                        WordState::Hundred
                            | WordState::Scale
                            | WordState::Tens
                            | WordState::Unit
                            | WordState::Teen
                            | WordState::Digit
                    ) =>
            {
                // Mixed number: "one and a half", "one hundred and three quarters".
                if let Some(f) = self.wordnum(r.j + 1, true) {
                    if f.fraction && f.val < 1.0 && f.val > 0.0 && f.scale.is_none() {
                        let mut k = f.e;
                        let next_scale = words::scale(self.w(k)).map(|x| x.0);
                        match next_scale {
                            Some(s) if r.max_scale == 0.0 || s < r.last_scale => {
                                let g = r.cur + f.val;
                                if r.max_scale == 0.0 {
                                    r.total = (r.total + g) * s;
                                } else {
                                    r.total += g * s;
                                }
                                r.cur = 0.0;
                                k += 1;
                                r.words_used = true;
                                r.check(k, false, Some(s));
                            }
                            _ => {
                                if r.st == WordState::Scale {
                                    r.total += f.val * r.last_scale;
                                } else {
                                    r.cur += f.val;
                                }
                                r.words_used = true;
                                r.check(k, false, None);
                            }
                        }
                        return Some(Step::Done(r.best.take()));
                    }
                }
                if matches!(
                    r.st,
                    WordState::Hundred | WordState::Scale | WordState::Tens
                ) {
                    r.before_and = r.best.clone();
                    r.after_and = true;
                    r.j += 1;
                    return Some(Step::Next);
                }
                return Some(Step::Stop);
            }
            "a" | "an" => {
                let next = self.w(r.j + 1);
                let unitish = words::is_hundred(next) == Some(false)
                    || words::scale(next).is_some_and(|s| !s.1)
                    || words::is_dozen(next) == Some(false);
                if r.st == WordState::Start
                    && (unitish
                        || next == "couple"
                        || words::denominator(next).is_some_and(|d| !d.1)
                        || (words::cardinal(next).is_some_and(|c| c.1 == Class::Tens)
                            && self.tens_ordinal_follows(r.j + 1)))
                {
                    r.cur = 1.0;
                    r.small = 1.0;
                    r.st = WordState::A;
                    r.j += 1;
                    return Some(Step::Next);
                }
                if r.st == WordState::Half && unitish {
                    r.j += 1;
                    return Some(Step::Next);
                }
                return Some(Step::Stop);
            }
            "couple" if r.st == WordState::A => {
                r.cur = 2.0;
                r.small = 2.0;
                r.st = WordState::Couple;
                r.j += 1;
                if self.w(r.j) == "of" {
                    let n = self.w(r.j + 1);
                    if words::is_dozen(n).is_some()
                        || words::is_hundred(n).is_some()
                        || words::scale(n).is_some()
                    {
                        r.j += 1;
                    }
                }
                return Some(Step::Next);
            }
            "half" if r.st == WordState::Start => {
                r.cur = 0.5;
                r.small = 0.5;
                r.st = WordState::Half;
                r.j += 1;
                r.words_used = true;
                r.check(r.j, true, None);
                return Some(Step::Next);
            }
            "quarter" if r.st == WordState::Start && words::scale(self.w(r.j + 1)).is_some() => {
                r.cur = 0.25;
                r.small = 0.25;
                r.st = WordState::Half;
                r.j += 1;
                return Some(Step::Next);
            }
            "point"
                if matches!(
                    r.st,
                    WordState::Unit
                        | WordState::Teen
                        | WordState::Tens
                        | WordState::Hundred
                        | WordState::Scale
                ) =>
            {
                let (digits, k) = self.point_digits(r.j + 1);
                if digits.is_empty() {
                    return Some(Step::Stop);
                }
                let f: f64 = format!("0.{digits}").parse().unwrap_or(0.0);
                r.cur += f;
                r.st = WordState::Point;
                r.j = k;
                r.check(r.j, false, None);
                return Some(Step::Next);
            }
            _ => {}
        }
        None
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
