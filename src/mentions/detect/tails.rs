//! Organisation tails: what may close (or continue) a company's or a body's name
//! after its words: legal forms, a possessive, a number after the head, a bracketed
//! word.

use super::class;
use super::tokenize::is_initialish;
use super::Ctx;

impl Ctx<'_> {
    /// A legal form written after a name ("LTD.", "OOO", "S.A.", "C.V.").
    pub(super) fn is_legal(&self, i: usize) -> bool {
        let w = self.word(i);
        self.starts_upper(i)
            && self.state(i).is_none()
            && (self.listed(i, class::LEGAL_FORM) && !self.listed(i, class::CONNECTOR)
                || w.len() >= 4 && w.ends_with('.') && is_initialish(w.trim_end_matches('.')))
    }
    /// The legal-form words after a comma that end a company name ("X, LTD.",
    /// "X CO., LTD.", "X, S.A. de C.V."): the index of the last one.
    pub(super) fn legal_tail(&self, j: usize, names: &[bool]) -> Option<usize> {
        let n = self.toks.len();
        let nx = j + 1;
        if nx >= n || self.toks[j].possessive {
            return None;
        }
        let gap = &self.text[self.toks[j].full_end..self.toks[nx].start];
        if !(gap.starts_with(',') && gap.len() > 1 && gap[1..].chars().all(|c| c == ' ')) {
            return None;
        }
        if !self.is_legal(nx) {
            return None;
        }
        let mut last = nx;
        loop {
            let m = last + 1;
            if m < n && self.adjacent(last, m) && self.is_legal(m) {
                last = m;
            } else if m + 1 < n
                && self.adjacent(last, m)
                && self.adjacent(m, m + 1)
                && self.key(m) == "de"
                && self.is_legal(m + 1)
            {
                last = m + 1;
            } else {
                break;
            }
        }
        // The name must end there: "Acme, Inc. Chief X" is not read as one name.
        let m = last + 1;
        if m < n && self.adjacent(last, m) && names[m] {
            return None;
        }
        Some(last)
    }
    /// The last word of an organisation's name that follows the possessive word `j`,
    /// when `j` is an ordinary word or a title and the name has a head.
    pub(super) fn possessive_org(&self, j: usize, names: &[bool]) -> Option<usize> {
        let classes = self.classes(j);
        let ordinary = classes & (class::COMMON | class::TITLE) != 0
            && classes & (class::PLACE | class::FIRST_NAME) == 0;
        // "St. Velm's Hospital": a saint's possessive names the body after it.
        let saint = j > 0 && self.adjacent(j - 1, j) && matches!(self.key(j - 1), "st" | "saint");
        let nx = j + 1;
        if nx >= self.toks.len() || !names[nx] {
            return None;
        }
        let gap = &self.text[self.toks[j].full_end..self.toks[nx].start];
        if gap != " " {
            return None;
        }
        let mut last = nx;
        while last + 1 < self.toks.len() && self.adjacent(last, last + 1) && names[last + 1] {
            last += 1;
        }
        // A place people go to, named after its owner ("Velm's Supper Club", "Mr. T's
        // Bar"): the owner's possessive is part of the name, as it is not in "Zembla's
        // Navy".
        let venue = (nx..=last).any(|t| {
            matches!(
                self.key(t),
                "club"
                    | "supperclub"
                    | "nightclub"
                    | "bar"
                    | "restaurant"
                    | "grill"
                    | "pub"
                    | "tavern"
                    | "lounge"
                    | "cafe"
                    | "diner"
                    | "pizzeria"
                    | "bakery"
                    | "deli"
            )
        });
        let owner = venue && classes & class::PLACE == 0;
        (ordinary || saint || owner)
            .then_some(last)
            .filter(|_| (nx..=last).any(|t| self.is_head(t)) || owner)
    }

    /// The index of a number that closes an organisation's name after its head `j`
    /// ("Unit 8200", "Office No. 39"), when what follows is punctuation or a function
    /// word, not a counted noun ("the Army 2 brigades" is a count).
    pub(super) fn number_after_head(&self, j: usize) -> Option<usize> {
        let n = self.toks.len();
        let numbered =
            |t: usize| matches!(self.key(t), "no" | "number" | "nr") && self.starts_upper(t);
        // "Works Number 4": the run already holds "Number".
        let head = if numbered(j) && j > 0 { j - 1 } else { j };
        if !self.is_head(head) || j + 1 >= n || !self.adjacent(j, j + 1) {
            return None;
        }
        let mut num = j + 1;
        if head == j && numbered(num) && num + 1 < n && self.adjacent(num, num + 1) {
            num += 1;
        }
        let w = self.word(num);
        if !self.is_number(num) || !w.chars().all(|c| c.is_ascii_digit()) || w.len() > 4 {
            return None;
        }
        let after = num + 1;
        // A singular noun after a number other than one cannot be what it counts
        // ("Terminal 2 baggage claim"): the number is the name's.
        let singular =
            after < n && !self.starts_upper(after) && !self.key(after).ends_with('s') && w != "1";
        let ends = after >= n
            || !self.adjacent(num, after)
            || !self.starts_upper(after) && self.listed(after, class::FUNCTION_WORD)
            || singular;
        ends.then_some(num)
    }

    /// A bracketed group of one to three capitalised words after word `j`: its last
    /// word, and whether the name goes on after the bracket. Inside a name the bracket
    /// must be followed by a legal form or another word of the name; closing one, it
    /// must hold legal forms, or one ordinary word after a legal form ("SAL
    /// (Offshore)"), not an acronym being introduced ("Acme Trading (ATC)").
    pub(super) fn bracketed(&self, j: usize, names: &[bool]) -> Option<(usize, bool)> {
        let n = self.toks.len();
        let open = j + 1;
        if open >= n || self.toks[j].possessive {
            return None;
        }
        if &self.text[self.toks[j].full_end..self.toks[open].start] != " (" {
            return None;
        }
        let mut close = open;
        while close < n && close < open + 3 {
            if !self.starts_upper(close) {
                return None;
            }
            let after = &self.text[self.toks[close].full_end..];
            if after.starts_with(')') {
                break;
            }
            if close + 1 >= n || !self.adjacent(close, close + 1) {
                return None;
            }
            close += 1;
        }
        if close >= n || close >= open + 3 {
            return None;
        }
        let tail = &self.text[self.toks[close].full_end..self.sentence.end];
        let legal_inside = (open..=close).all(|t| self.is_legal(t));
        let m = close + 1;
        if tail.starts_with(") ")
            && m < n
            && self.toks[m].start == self.toks[close].full_end + 2
            && (names[m] || self.is_legal(m))
        {
            return Some((close, true));
        }
        let ends = tail[1..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric() && c != '-');
        let word = close == open && !self.word(open).chars().all(|c| !c.is_lowercase());
        (ends && (legal_inside || self.is_legal(j) && word)).then_some((close, false))
    }

    /// A number inside an organisation name ("Zavod 70 ...", "Branch 248"), or an
    /// ordinal before one ("179th Ship Repair Yard"); not a year.
    #[inline]
    pub(super) fn is_number(&self, i: usize) -> bool {
        // Most words: no leading digit (asked of many words, so read from the text's
        // bytes, in the caller, before the word is sliced).
        self.text.as_bytes()[self.toks[i].start].is_ascii_digit() && self.digits_number(i)
    }
    /// [`Ctx::is_number`] for a word that starts with a digit.
    fn digits_number(&self, i: usize) -> bool {
        let w = self.word(i);
        let digits = w.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 {
            return false;
        }
        // The key keeps the word's leading digits: what follows them is the rest's key.
        let rest = &self.key(i)[digits..];
        (rest.is_empty() || matches!(rest, "st" | "nd" | "rd" | "th"))
            && !(digits == 4 && rest.is_empty() && (w.starts_with("19") || w.starts_with("20")))
    }
    pub(super) fn is_ordinal(&self, i: usize) -> bool {
        self.is_number(i) && !self.word(i).ends_with(|c: char| c.is_ascii_digit())
    }
}
