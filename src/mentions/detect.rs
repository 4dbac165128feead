//! Capitalised spans → name mentions, one sentence at a time.

use super::words::key;
use super::{EntityKind, Mention, Words};
use crate::span::Span;

/// One word of a sentence.
#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    /// End of the word without a possessive "'s".
    end: usize,
    /// End including the possessive.
    full_end: usize,
    possessive: bool,
    /// Starts just after an apostrophe that is part of the name (the Arabic letter
    /// ayn in "Muhammad 'Ali"), not an opening quote.
    lead: bool,
}

/// An apostrophe as the analysis text writes it (loading makes curly quotes straight;
/// "’" is kept for text that did not come through a loader).
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// The apostrophes of a sentence that belong to words rather than quote something:
/// each opening quote (after a space, before a letter) is paired with the next closing
/// one (after a letter, before a space or punctuation); what is left unpaired is part
/// of a name ("'Abd al-Rahman", "Zafi' al-Tarwen"). Returns the byte offsets of the
/// unpaired openings and closings.
fn loose_apostrophes(chars: &[(usize, char)]) -> (Vec<usize>, Vec<usize>) {
    let mut open = Vec::new();
    let mut close = Vec::new();
    let mut pending: Vec<usize> = Vec::new();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !is_apostrophe(c) {
            continue;
        }
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|x| x.1);
        let opens = prev.is_none_or(|p| p.is_whitespace() || "([\"“".contains(p))
            && next.is_some_and(char::is_alphabetic);
        let closes = prev.is_some_and(|p| p.is_alphanumeric() || ".,!?".contains(p))
            && next.is_none_or(|n| !n.is_alphanumeric());
        if opens {
            pending.push(i);
        } else if closes && pending.pop().is_none() {
            close.push(i);
        }
    }
    open.extend(pending);
    (open, close)
}

fn is_initialish(w: &str) -> bool {
    let parts: Vec<&str> = w.split('.').collect();
    parts.iter().all(|p| {
        let mut cs = p.chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
    })
}

/// A short word in capitals, or capitalised and short ("IMP", "Bros"): the kind of
/// word a company name abbreviates.
fn short_caps(w: &str) -> bool {
    let n = w.chars().count();
    let upper = w.chars().filter(|c| c.is_uppercase()).count();
    w.chars().all(char::is_alphabetic)
        && w.starts_with(char::is_uppercase)
        && (upper == n && (2..=5).contains(&n) || upper == 1 && (3..=4).contains(&n))
}

/// Abbreviations whose dot belongs to the word ("Gen.", "Co.").
fn keeps_dot(w: &str, words: &Words) -> bool {
    if is_initialish(w) {
        return true;
    }
    let k = key(w);
    if matches!(k.as_str(), "jr" | "sr") {
        return true; // "John Smith Jr."
    }
    let dotted = format!("{k}.");
    // A short head keeps its dot only when it is a legal form ("Co.", "LLC."), not
    // a word ending a sentence ("the Army.").
    let short_head = words.org_heads.contains(&k)
        && (words.legal_forms.contains(&k) || w.chars().all(|c| c.is_uppercase()));
    words.titles.contains(&dotted)
        || words.org_heads.contains(&dotted)
        || (k.len() <= 4 && (words.titles.contains(&k) || short_head))
            && w.chars().next().is_some_and(char::is_uppercase)
            && !matches!(
                k.as_str(),
                "head" | "chair" | "post" | "news" | "club" | "team"
            )
}

fn tokenize(text: &str, span: Span, words: &Words) -> Vec<Tok> {
    let chars: Vec<(usize, char)> = text[span.start..span.end]
        .char_indices()
        .map(|(i, c)| (i + span.start, c))
        .collect();
    let at = |j: usize| chars.get(j).map_or(span.end, |x| x.0);
    let (leads, trails) = loose_apostrophes(&chars);
    let mut toks = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if c == '&' {
            toks.push(Tok {
                start: i,
                end: i + 1,
                full_end: i + 1,
                possessive: false,
                lead: false,
            });
            k += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            k += 1;
            continue;
        }
        let mut j = k + 1;
        while j < chars.len() {
            let c = chars[j].1;
            if c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c) {
                j += 1;
            } else if matches!(c, '\'' | '’' | '-' | '.' | '&')
                && chars.get(j + 1).is_some_and(|x| x.1.is_alphanumeric())
            {
                j += 2;
            } else if c == '-'
                && chars.get(j + 1).is_some_and(|x| is_apostrophe(x.1))
                && chars.get(j + 2).is_some_and(|x| x.1.is_alphanumeric())
            {
                j += 3; // "Al-'Usri"
            } else {
                break;
            }
        }
        let mut end = at(j);
        // A dot the sentence goes on after is an abbreviation's ("Acme IMP. & EXP.
        // CO."): the segmenter has already judged it not to end the sentence.
        let inner_dot = chars.get(j + 1).is_some_and(|x| x.1 == ' ')
            && chars[j + 1..].iter().any(|x| x.1.is_alphanumeric())
            && short_caps(&text[i..end]);
        if chars.get(j).is_some_and(|x| x.1 == '.')
            && (inner_dot || keeps_dot(&text[i..end], words))
        {
            end += 1;
            j += 1;
        }
        // A closing apostrophe no quote opened: part of the word ("Zafi'"), or a
        // plural possessive ("Farmers'").
        let mut plural_possessive = false;
        if chars.get(j).is_some_and(|x| trails.contains(&x.0)) {
            plural_possessive = text[i..end].ends_with(['s', 'S']);
            end += chars[j].1.len_utf8();
            j += 1;
        }
        let w = &text[i..end];
        let (name_end, possessive) = if plural_possessive {
            (end - chars[j - 1].1.len_utf8(), true)
        } else if w.ends_with("'s") || w.ends_with("'S") {
            (end - 2, true)
        } else if w.ends_with("’s") {
            (end - "’s".len(), true)
        } else {
            (end, false)
        };
        // "People's", "Workers'" before a capitalised word: part of a name
        // ("Korean People's Army", "Ministry of People's Security").
        let group = matches!(
            key(&w[..name_end - i]).as_str(),
            "people"
                | "peoples"
                | "workers"
                | "worker"
                | "farmers"
                | "veterans"
                | "women"
                | "martyrs"
                | "nation"
        ) && w.starts_with(char::is_uppercase)
            && text[end..span.end].starts_with(' ')
            && text[end + 1..span.end].starts_with(char::is_uppercase);
        let (name_end, possessive) = if group {
            (end, false)
        } else {
            (name_end, possessive)
        };
        let lead = k > 0 && leads.contains(&chars[k - 1].0);
        toks.push(Tok {
            start: i,
            end: name_end,
            full_end: end,
            possessive,
            lead,
        });
        k = j;
    }
    toks
}

struct Ctx<'a> {
    text: &'a str,
    sentence: Span,
    toks: Vec<Tok>,
    words: &'a Words,
}

impl Ctx<'_> {
    fn word(&self, i: usize) -> &str {
        &self.text[self.toks[i].start..self.toks[i].end]
    }
    fn key(&self, i: usize) -> String {
        key(self.word(i))
    }
    fn starts_upper(&self, i: usize) -> bool {
        self.word(i).chars().next().is_some_and(char::is_uppercase)
    }
    fn adjacent(&self, a: usize, b: usize) -> bool {
        if self.toks[a].possessive {
            return false;
        }
        let mut gap = &self.text[self.toks[a].full_end..self.toks[b].start];
        // A nickname in quotes inside a name: Chief "Velm" Tarwen.
        if b == a + 1
            && (gap == " \"" && self.quoted_nickname(b) || gap == "\" " && self.quoted_nickname(a))
        {
            return true;
        }
        if self.toks[b].lead {
            gap = gap.trim_end_matches(is_apostrophe);
        }
        !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\t' || c == '\u{a0}')
    }
    /// Is word `i` a one-word nickname in double quotes between two capitalised words
    /// of a name (`Chief "Velm" Tarwen`)?
    fn quoted_nickname(&self, i: usize) -> bool {
        if i == 0 || i + 1 >= self.toks.len() {
            return false;
        }
        let before = &self.text[self.toks[i - 1].full_end..self.toks[i].start];
        let after = &self.text[self.toks[i].full_end..self.toks[i + 1].start];
        before == " \""
            && after == "\" "
            && self.starts_upper(i - 1)
            && self.starts_upper(i)
            && self.starts_upper(i + 1)
    }

    /// Nothing but punctuation between the sentence start and word `i`.
    fn sentence_initial(&self, i: usize) -> bool {
        self.text[self.sentence.start..self.toks[i].start]
            .chars()
            .all(|c| !c.is_alphanumeric())
    }
    /// At the start of the sentence, or after a colon, dash, bracket or opening quote,
    /// where any word may be capitalised.
    fn clause_initial(&self, i: usize) -> bool {
        self.sentence_initial(i)
            || self.text[self.sentence.start..self.toks[i].start]
                .trim_end()
                .ends_with([':', ';', '"', '“', '‘', '\'', '(', '[', '—', '–'])
    }
    fn is_particle(&self, i: usize) -> bool {
        !self.starts_upper(i) && self.words.particles.contains(&self.key(i))
    }
    fn is_connector(&self, i: usize) -> bool {
        let w = self.word(i);
        (w == "&" || !self.starts_upper(i)) && self.words.connectors.contains(&key(w))
    }
    fn is_head(&self, i: usize) -> bool {
        self.starts_upper(i) && self.words.org_heads.contains(&self.key(i))
    }
    fn is_activity(&self, i: usize) -> bool {
        self.starts_upper(i) && self.words.activities.contains(&self.key(i))
    }
    fn is_title(&self, i: usize) -> bool {
        self.starts_upper(i) && self.words.titles.contains(&self.key(i))
    }
    fn is_demonym(&self, i: usize) -> bool {
        let w = self.word(i);
        w.split('-')
            .any(|p| self.words.demonyms.contains_key(&key(p)))
    }
    /// Can word `i` be part of a name?
    fn is_name(&self, i: usize) -> bool {
        let w = self.word(i);
        let parts: Vec<&str> = w.split('-').collect();
        let upper = |p: &str| p.chars().next().is_some_and(char::is_uppercase);
        if !upper(parts[0]) {
            // "al-Assad", "bin-Laden": a particle joined to a capitalised name.
            return parts.len() > 1
                && self.words.particles.contains(&key(parts[0]))
                && parts[1..].iter().all(|p| upper(p));
        }
        if w.chars().count() == 1 {
            return self.letter_in_name(i);
        }
        if !w.chars().any(char::is_alphabetic) {
            return false;
        }
        // Contractions: "I'm", "We're", "Don't"; not "Zu'd", a name with an apostrophe.
        if let Some((head, tail)) = w.split_once(['\'', '’']) {
            let head = head.to_lowercase();
            let pronoun = matches!(
                head.as_str(),
                "i" | "we" | "you" | "they" | "he" | "she" | "it" | "who" | "that" | "there"
            );
            let tail = tail.to_lowercase();
            if pronoun && matches!(tail.as_str(), "m" | "re" | "ll" | "ve" | "d" | "s")
                || head.ends_with('n') && tail == "t"
            {
                return false;
            }
        }
        for p in &parts[1..] {
            if !upper(p) {
                let k = key(p);
                if self.words.adjective_tails.contains(&k)
                    || self.words.common.contains(&k)
                    || k.ends_with("ed")
                    || k.ends_with("ing")
                {
                    return false; // "Russian-backed", "London-based"
                }
            }
        }
        let k = key(w);
        // "The" capitalised inside a sentence starts a name ("by The Acme Company").
        if w == "The" && !self.clause_initial(i) {
            return i + 1 < self.toks.len() && self.adjacent(i, i + 1) && self.starts_upper(i + 1);
        }
        if self.words.common.contains(&k)
            && !self.words.first_names.contains(&k)
            && !self.words.places.contains(&k)
        {
            // An ordinary word capitalised: a name only inside a longer capitalised run.
            let next_upper = i + 1 < self.toks.len()
                && self.adjacent(i, i + 1)
                && self.starts_upper(i + 1)
                && !self.words.common.contains(&self.key(i + 1));
            let prev_upper = i > 0
                && self.adjacent(i - 1, i)
                && self.starts_upper(i - 1)
                && !self.words.common.contains(&self.key(i - 1));
            return next_upper || prev_upper;
        }
        true
    }

    /// A single capital letter is part of a name beside another capitalised word ("M & S
    /// Foods", "Atlant S Limited"); "I" and "A" only between two such words or beside
    /// "&", since before or after a name they are a pronoun or an article ("Tomas Vell A
    /// video").
    fn letter_in_name(&self, i: usize) -> bool {
        let n = self.toks.len();
        let amp = |j: usize| self.word(j) == "&";
        let prev = i > 0 && self.adjacent(i - 1, i) && (self.starts_upper(i - 1) || amp(i - 1));
        let next = i + 1 < n && self.adjacent(i, i + 1) && (self.starts_upper(i + 1) || amp(i + 1));
        if self.clause_initial(i) && !next {
            return false;
        }
        // "A and M Foods", "G y G Internacional": two letters joined by a word.
        let pair = i + 2 < n
            && self.adjacent(i, i + 1)
            && self.adjacent(i + 1, i + 2)
            && matches!(self.word(i + 1), "and" | "y")
            && self.word(i + 2).chars().count() == 1
            && self.starts_upper(i + 2);
        if pair {
            return true;
        }
        if matches!(self.word(i), "I" | "A") {
            // Not after an ordinary word ("Then I Googled it").
            let prev_name = prev && !self.words.common.contains(&self.key(i - 1));
            return prev_name && next || prev && amp(i - 1) || next && amp(i + 1);
        }
        prev || next
    }

    /// A legal form written after a name ("LTD.", "OOO", "S.A.", "C.V.").
    fn is_legal(&self, i: usize) -> bool {
        let w = self.word(i);
        self.starts_upper(i)
            && (self.words.legal_forms.contains(&key(w))
                && !self.words.connectors.contains(&key(w))
                || w.len() >= 4 && w.ends_with('.') && is_initialish(w.trim_end_matches('.')))
    }
    /// The legal-form words after a comma that end a company name ("X, LTD.",
    /// "X CO., LTD.", "X, S.A. de C.V."): the index of the last one.
    fn legal_tail(&self, j: usize, names: &[bool]) -> Option<usize> {
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
    fn possessive_org(&self, j: usize, names: &[bool]) -> Option<usize> {
        let k = key(&self.text[self.toks[j].start..self.toks[j].end]);
        let ordinary = (self.words.common.contains(&k) || self.words.titles.contains(&k))
            && !self.words.places.contains(&k)
            && !self.words.first_names.contains(&k);
        let nx = j + 1;
        if !ordinary || nx >= self.toks.len() || !names[nx] {
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
        (nx..=last).any(|t| self.is_head(t)).then_some(last)
    }

    /// The index of a number that closes an organisation's name after its head `j`
    /// ("Unit 8200", "Office No. 39"), when what follows is punctuation or a function
    /// word, not a counted noun ("the Army 2 brigades" is a count).
    fn number_after_head(&self, j: usize) -> Option<usize> {
        let n = self.toks.len();
        let numbered = |t: usize| {
            matches!(self.key(t).as_str(), "no" | "number" | "nr") && self.starts_upper(t)
        };
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
        let ends = after >= n
            || !self.adjacent(num, after)
            || !self.starts_upper(after) && self.words.function_words.contains(&self.key(after));
        ends.then_some(num)
    }

    /// A bracketed group of one to three capitalised words after word `j`: its last
    /// word, and whether the name goes on after the bracket. Inside a name the bracket
    /// must be followed by a legal form or another word of the name; closing one, it
    /// must hold legal forms, or one ordinary word after a legal form ("SAL
    /// (Offshore)"), not an acronym being introduced ("Acme Trading (ATC)").
    fn bracketed(&self, j: usize, names: &[bool]) -> Option<(usize, bool)> {
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
    fn is_number(&self, i: usize) -> bool {
        let w = self.word(i);
        let digits = w.chars().take_while(char::is_ascii_digit).count();
        let rest = key(&w[digits..]);
        digits > 0
            && (rest.is_empty() || matches!(rest.as_str(), "st" | "nd" | "rd" | "th"))
            && !(digits == 4 && rest.is_empty() && (w.starts_with("19") || w.starts_with("20")))
    }
    fn is_ordinal(&self, i: usize) -> bool {
        self.is_number(i) && !self.word(i).ends_with(|c: char| c.is_ascii_digit())
    }

    /// The runs of capitalised words (with particles and organisation connectors).
    fn runs(&self) -> Vec<Vec<usize>> {
        let mut out = Vec::new();
        for (r, weak) in self.raw_runs() {
            // Numbers and spaced dashes join only the words of an organisation name.
            if weak.is_empty() || r.iter().any(|&t| self.is_head(t)) {
                out.push(r);
                continue;
            }
            let mut cur = Vec::new();
            for t in r {
                if weak.contains(&t) {
                    if !cur.is_empty() {
                        out.push(std::mem::take(&mut cur));
                    }
                    if self.is_number(t) {
                        continue;
                    }
                }
                cur.push(t);
            }
            if !cur.is_empty() {
                out.push(cur);
            }
        }
        out
    }

    /// Runs before the organisation check, with the tokens that joined them only as
    /// part of an organisation name (numbers; the word after a spaced dash).
    fn raw_runs(&self) -> Vec<(Vec<usize>, Vec<usize>)> {
        let n = self.toks.len();
        let names: Vec<bool> = (0..n).map(|i| self.is_name(i)).collect();
        let month = |i: usize| crate::claims::numbers::words::month_name(&self.key(i));
        // A weekday after a name is when, not part of it ("X Airport Friday").
        let weekday = |i: usize| {
            matches!(
                self.key(i).as_str(),
                "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
            )
        };
        let mut runs = Vec::new();
        let mut i = 0;
        while i < n {
            let ordinal_start =
                self.is_ordinal(i) && i + 1 < n && self.adjacent(i, i + 1) && names[i + 1];
            if !names[i] && !ordinal_start {
                i += 1;
                continue;
            }
            let mut r = vec![i];
            let mut weak = Vec::new();
            if ordinal_start {
                weak.push(i);
            }
            let mut j = i;
            loop {
                if self.toks[j].possessive {
                    // "Lord's Tarwen Army", "Surveyor General's Office": an
                    // ordinary word's or a title's possessive before an organisation's
                    // head belongs to its name (a place's or a person's does not:
                    // "Iran's Navy", "Putin's Party").
                    if let Some(last) = self.possessive_org(j, &names) {
                        r.extend(j + 1..=last);
                        j = last;
                    }
                    break;
                }
                let nx = j + 1;
                if nx < n && self.adjacent(j, nx) && names[nx] && !weekday(nx) {
                    r.push(nx);
                    j = nx;
                    continue;
                }
                if let Some(last) = self.legal_tail(j, &names) {
                    r.extend(nx..=last);
                    j = last;
                    break;
                }
                // "Zavod 70 Letiya Pobedy": a number between two words of a name.
                if nx + 1 < n
                    && self.adjacent(j, nx)
                    && self.adjacent(nx, nx + 1)
                    && self.is_number(nx)
                    && names[nx + 1]
                    && !month(j)
                {
                    r.extend([nx, nx + 1]);
                    weak.push(nx);
                    j = nx + 1;
                    continue;
                }
                // "Bureau 17", "Tarwen Works Number 4": a number ending the name an
                // organisation head begins.
                if let Some(last) = self.number_after_head(j) {
                    r.extend(nx..=last);
                    weak.extend(nx..=last);
                    j = last;
                    break;
                }
                // "Acme (PVT) LTD.", "Acme Shipping (Asia) Limited", "Acme SAL (Offshore)":
                // a bracketed word inside or closing a company name.
                if let Some((close, go_on)) = self.bracketed(j, &names) {
                    r.extend(nx..=close);
                    weak.extend(nx..=close);
                    j = close;
                    if go_on {
                        r.push(close + 1);
                        j = close + 1;
                        continue;
                    }
                    break;
                }
                // "JSC Reductor - PM": a spaced hyphen inside a company name.
                if nx < n
                    && names[nx]
                    && self.text[self.toks[j].full_end..self.toks[nx].start] == *" - "
                {
                    r.push(nx);
                    weak.push(nx);
                    j = nx;
                    continue;
                }
                let bridge = nx + 1 < n
                    && self.adjacent(j, nx)
                    && self.adjacent(nx, nx + 1)
                    && names[nx + 1];
                if bridge && self.is_particle(nx) {
                    r.extend([nx, nx + 1]);
                    j = nx + 1;
                    continue;
                }
                // A ruler's or saint's byname after a given name: "Peter the Great",
                // "Anne of Cleves".
                if r.len() == 1
                    && self.words.first_names.contains(&self.key(j))
                    && nx + 1 < n
                    && self.adjacent(j, nx)
                    && self.adjacent(nx, nx + 1)
                    && names[nx + 1]
                    && (self.word(nx) == "the" && self.words.epithets.contains(&self.key(nx + 1))
                        || self.word(nx) == "of"
                            && !(nx + 2 < n && self.adjacent(nx + 1, nx + 2) && names[nx + 2]))
                {
                    r.extend([nx, nx + 1]);
                    j = nx + 1;
                    break;
                }
                // "Center for the Study of X": a connector, "the", then a name.
                if !bridge
                    && nx + 2 < n
                    && self.adjacent(j, nx)
                    && self.adjacent(nx, nx + 1)
                    && self.adjacent(nx + 1, nx + 2)
                    && matches!(self.key(nx).as_str(), "of" | "for" | "on")
                    && self.word(nx + 1) == "the"
                    && names[nx + 2]
                    && r.iter().any(|&t| self.is_head(t))
                {
                    r.extend([nx, nx + 1, nx + 2]);
                    j = nx + 2;
                    continue;
                }
                if bridge && self.is_connector(nx) {
                    let head_before = r.iter().any(|&t| self.is_head(t));
                    let titles_before = self.key(nx) == "of" && r.iter().all(|&t| self.is_title(t));
                    let mut head_after = false;
                    let mut m = nx + 1;
                    while m < n && names[m] && (m == nx + 1 || self.adjacent(m - 1, m)) {
                        head_after |= self.is_head(m);
                        if self.toks[m].possessive {
                            break;
                        }
                        m += 1;
                    }
                    let k = self.key(nx);
                    // "Company for Industry and Trade": "and" inside a "for" phrase.
                    let for_before = r.iter().any(|&t| self.key(t) == "for")
                        && !self.words.places.contains(&self.key(nx + 1));
                    // "X Shipping and Management", "X for Contracting": what a business
                    // does continues its name.
                    let business = |t: usize| self.is_head(t) || self.is_activity(t);
                    let letters =
                        self.word(j).chars().count() == 1 && self.word(nx + 1).chars().count() == 1;
                    let ok = match k.as_str() {
                        "the" | "on" => head_before,
                        "and" => {
                            head_after
                                || head_before && for_before
                                || business(j) && business(nx + 1)
                                || letters
                        }
                        "&" => {
                            head_before
                                || head_after
                                || business(j)
                                || business(nx + 1)
                                || self.word(j).chars().count() == 1
                                || self.word(nx + 1).chars().count() == 1
                        }
                        "for" => head_before || head_after || business(nx + 1),
                        _ => head_before || head_after || titles_before,
                    };
                    if ok {
                        r.extend([nx, nx + 1]);
                        j = nx + 1;
                        continue;
                    }
                }
                break;
            }
            runs.push((r, weak));
            i = j + 1;
        }
        runs
    }

    fn mentions(&self, doc: usize, sentence: usize) -> Vec<Mention> {
        let mut out = Vec::new();
        for r in self.runs() {
            self.run(doc, sentence, &r, &mut out);
        }
        out
    }

    /// One run → zero, one or two mentions (an organisation before a title, and a name).
    fn run(&self, doc: usize, sentence: usize, run: &[usize], out: &mut Vec<Mention>) {
        let mut r: &[usize] = run;
        // Ordinary words that start the sentence, and "The".
        while let Some(&f) = r.first() {
            let k = self.key(f);
            let common = self.words.common.contains(&k)
                && !self.words.first_names.contains(&k)
                && !self.words.places.contains(&k);
            let titled = r.len() > 1 && self.is_title(f);
            // "The" inside a sentence stays with an organisation's name ("The Acme Company").
            let named_the = k == "the"
                && self.word(f) == "The"
                && !self.clause_initial(f)
                && r[1..].iter().any(|&t| self.is_head(t) || self.is_legal(t));
            if named_the {
                break;
            }
            if (common && !titled && (self.sentence_initial(f) || k == "the" || r.len() == 1))
                || self.is_connector(f)
                || self.is_particle(f) && r.len() == 1
            {
                r = &r[1..];
            } else {
                break;
            }
        }
        if r.is_empty() {
            return;
        }
        // Title words before the name: "Foreign Minister X", "Legion Commander X".
        let mut p = r.len();
        while p > 0 && !self.is_title(r[p - 1]) {
            p -= 1;
        }
        // "Secretary of State X", "Minister of Defence X": the "of" phrase is the title's.
        if p > 0 && p + 2 < r.len() && self.key(r[p]) == "of" {
            p += 2;
        }
        // "Council on Foreign Relations": a title word inside an organisation name.
        let in_org = p > 0 && {
            let mut q = p - 1;
            while q > 0 && self.is_title(r[q - 1]) {
                q -= 1;
            }
            q > 0 && self.is_connector(r[q - 1]) && r[..q].iter().any(|&t| self.is_head(t))
        };
        if in_org {
            p = 0;
        }
        let (prefix, title, name): (&[usize], Option<Span>, &[usize]) = if p == 0 {
            (&[], None, r)
        } else if p == r.len() {
            // Ends in a title ("... Research Fellow"): only an organisation before it counts.
            let mut q = p;
            while q > 0 && (self.is_title(r[q - 1]) || self.key(r[q - 1]) == "of") {
                q -= 1;
            }
            (&r[..q], None, &[])
        } else if r[p..].iter().any(|&t| self.is_head(t)) {
            (&[], None, r)
        } else {
            let mut q = p;
            while q > 0 && (self.is_title(r[q - 1]) || self.key(r[q - 1]) == "of") {
                q -= 1;
            }
            let title = Span::new(self.toks[r[q]].start, self.toks[r[p - 1]].end);
            (&r[..q], Some(title), &r[p..])
        };
        if !prefix.is_empty() && prefix.iter().any(|&t| self.is_head(t)) {
            self.run(doc, sentence, prefix, out);
        }
        if name.is_empty() {
            return;
        }
        let first = name[0];
        let last = *name.last().expect("non-empty");
        let after = last + 1;
        if name.len() == 1 {
            let k = self.key(first);
            let known = self.words.first_names.contains(&k) || self.words.places.contains(&k);
            if self.is_demonym(first) && title.is_none() {
                return; // "Georgian", "pro-Russian": not the place itself
            }
            if title.is_none()
                && self.sentence_initial(first)
                && !known
                && after < self.toks.len()
                && !self.starts_upper(after)
                && (self.words.prepositions.contains(&self.key(after)) || k.ends_with("ing"))
            {
                return; // "Residents of", "Officials in", "Fighting was"
            }
            if self.words.titles.contains(&k)
                || self.words.org_heads.contains(&k) && title.is_none()
            {
                return;
            }
            // "Sept.", "Jan": a month's abbreviation, not a name.
            use crate::claims::numbers::words::{month, month_name};
            if title.is_none() && month(&k) && !month_name(&k) {
                return;
            }
        }
        // An apostrophe opening the name is the name's ("'Abd al-Rahman") only when the
        // name goes on; before a lone word it more likely opens a quote.
        let lead = if self.toks[first].lead && name.len() >= 2 {
            self.text[..self.toks[first].start]
                .chars()
                .next_back()
                .map_or(0, char::len_utf8)
        } else {
            0
        };
        let mut span = Span::new(self.toks[first].start - lead, self.toks[last].end);
        // The closing bracket of a bracketed word that ends the name.
        let inside = span.of(self.text);
        if inside.matches('(').count() > inside.matches(')').count()
            && self.text[span.end..].starts_with(')')
        {
            span = Span::new(span.start, span.end + 1);
        }
        let kind = self.kind(name, title.is_some());
        out.push(Mention {
            doc,
            sentence,
            span,
            text: span.of(self.text).to_string(),
            kind,
            title,
        });
    }

    fn kind(&self, name: &[usize], titled: bool) -> EntityKind {
        let whole = key(&name
            .iter()
            .map(|&t| self.word(t))
            .collect::<Vec<_>>()
            .join(" "));
        if name.iter().any(|&t| self.is_head(t)) {
            return EntityKind::Org;
        }
        if self.words.places.contains(&whole) {
            return EntityKind::Place;
        }
        let last = self.key(name[name.len() - 1]);
        if name.len() >= 2 && !titled {
            // "X Street", "X Ave.": a street; "X Aiport": a head with a letter slipped.
            if self.words.street_types.contains(&last) || matches!(last.as_str(), "ave" | "blvd") {
                return EntityKind::Place;
            }
        }
        if titled {
            return EntityKind::Person;
        }
        let first = name[0];
        let initial = name.iter().any(|&t| is_initialish(self.word(t)));
        if name.len() >= 2 && (self.words.first_names.contains(&self.key(first)) || initial) {
            return EntityKind::Person;
        }
        // "X Aiport": an organisation's head with a letter slipped.
        if name.len() >= 2 && self.words.near_head(&last).is_some() {
            return EntityKind::Org;
        }
        let before = first.checked_sub(1);
        let after = name[name.len() - 1] + 1;
        let prep_before = before.is_some_and(|b| {
            !self.starts_upper(b) && self.words.place_preps.contains(&self.key(b))
        });
        let verb_after = after < self.toks.len()
            && !self.starts_upper(after)
            && self.words.speech_verbs.contains(&self.key(after));
        if name.len() == 1 {
            return if verb_after {
                EntityKind::Person
            } else if prep_before {
                EntityKind::Place
            } else {
                EntityKind::Other
            };
        }
        if name.iter().any(|&t| self.is_demonym(t)) {
            return EntityKind::Other;
        }
        if name
            .iter()
            .any(|&t| self.words.places.contains(&self.key(t)))
            || prep_before && !verb_after
        {
            return EntityKind::Place;
        }
        EntityKind::Person
    }
}

/// The mentions of one sentence.
pub fn sentence(doc: usize, index: usize, text: &str, span: Span, words: &Words) -> Vec<Mention> {
    let ctx = Ctx {
        text,
        sentence: span,
        toks: tokenize(text, span, words),
        words,
    };
    ctx.mentions(doc, index)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str) -> Vec<(String, EntityKind, Option<String>)> {
        let w = Words::builtin();
        let sents = crate::segment::sentences(s);
        super::super::detect(0, s, &sents, &w)
            .into_iter()
            .map(|m| (m.text, m.kind, m.title.map(|t| t.of(s).to_string())))
            .collect()
    }

    fn texts(s: &str) -> Vec<String> {
        found(s).into_iter().map(|x| x.0).collect()
    }

    #[test]
    fn title_before_a_name_is_split_off() {
        let f = found("Foreign Minister Dmytro Kuleba wrote on Twitter.");
        assert_eq!(f[0].0, "Dmytro Kuleba");
        assert_eq!(f[0].1, EntityKind::Person);
        assert_eq!(f[0].2.as_deref(), Some("Foreign Minister"));
    }

    #[test]
    fn organisation_before_a_title_is_its_own_mention() {
        let f = found("He met Georgian Legion Commander Mamulashvili on Monday.");
        assert_eq!(f[0].0, "Georgian Legion");
        assert_eq!(f[0].1, EntityKind::Org);
        assert_eq!(f[1].0, "Mamulashvili");
        assert_eq!(f[1].2.as_deref(), Some("Commander"));
    }

    #[test]
    fn particles_hyphens_and_apostrophes_stay_in_names() {
        assert_eq!(
            texts("They met Ahmed bin Salman today."),
            ["Ahmed bin Salman"]
        );
        assert_eq!(
            texts("It was Ludwig van Beethoven."),
            ["Ludwig van Beethoven"]
        );
        assert_eq!(
            texts("We saw Abu Bakr al-Baghdadi there."),
            ["Abu Bakr al-Baghdadi"]
        );
        assert_eq!(texts("Then Tip O'Neil spoke."), ["Tip O'Neil"]);
        assert_eq!(texts("Then Anna Smith-Jones spoke."), ["Anna Smith-Jones"]);
    }

    #[test]
    fn apostrophes_of_transliterated_names_stay_in_them() {
        // The letter ayn, written as an apostrophe at a word's start, end or after "al-".
        assert_eq!(
            texts("Yesterday Karim 'Adwan Al-'Usri said no."),
            ["Karim 'Adwan Al-'Usri"]
        );
        assert_eq!(
            texts("According to 'Abd al-Karim Nuwar, it failed."),
            ["'Abd al-Karim Nuwar"]
        );
        assert_eq!(texts("Then Rafi' Al-Nasri spoke."), ["Rafi' Al-Nasri"]);
        assert_eq!(texts("Then Zu'd Nuwar spoke."), ["Zu'd Nuwar"]);
        // Quotes are not part of names, nor are contractions.
        assert_eq!(
            texts("He called it 'Brisk Tarwen' on Monday."),
            ["Brisk Tarwen"]
        );
        assert_eq!(
            texts("'Tarwen is closed,' Anna Lind said."),
            ["Tarwen", "Anna Lind"]
        );
        assert!(texts("Then I'd go and they'll see.").is_empty());
    }

    #[test]
    fn suffixes_particles_and_honorifics_stay_in_names() {
        assert_eq!(texts("Then Omar Lind Jr. spoke."), ["Omar Lind Jr."]);
        assert_eq!(texts("Then Iyan ag Tarwen spoke."), ["Iyan ag Tarwen"]);
        assert_eq!(texts("Then Karim ul Nasri spoke."), ["Karim ul Nasri"]);
        // An honorific is part of the name; a title is not.
        assert_eq!(
            texts("Then Sheikh Karim Nuwar spoke."),
            ["Sheikh Karim Nuwar"]
        );
        assert_eq!(
            found("Then Colonel Karim Nuwar spoke.")[0].2.as_deref(),
            Some("Colonel")
        );
    }

    #[test]
    fn bynames_complete_a_given_name() {
        assert_eq!(
            texts("A statue of Peter the Great stood there."),
            ["Peter the Great"]
        );
        assert_eq!(texts("It was built by Anne of Tarwen."), ["Anne of Tarwen"]);
        // Not after a full name, nor before a longer name.
        assert_eq!(
            texts("It was built by Anne Lind of Tarwen."),
            ["Anne Lind", "Tarwen"]
        );
        assert_eq!(
            texts("A letter from Anne of Tarwen Lind came."),
            ["Anne", "Tarwen Lind"]
        );
        assert_eq!(texts("We met Peter the next day."), ["Peter"]);
    }

    #[test]
    fn possessives_are_stripped() {
        assert_eq!(texts("It was Truss's plan."), ["Truss"]);
        assert_eq!(texts("It was Trus's plan."), ["Trus"]);
        assert_eq!(texts("It was Ukraine's plan."), ["Ukraine"]);
    }

    #[test]
    fn initials_belong_to_names() {
        assert_eq!(
            texts("We asked B.K. Tarwen and E. Arnold."),
            ["B.K. Tarwen", "E. Arnold"]
        );
    }

    #[test]
    fn a_quoted_nickname_stays_in_the_name() {
        let f = found("Police Chief \"BK\" Tarwen confirmed it.");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].0.contains("BK") && f[0].0.ends_with("Tarwen"), "{f:?}");
        assert_eq!(f[0].1, EntityKind::Person);
        // Quoted words elsewhere are not nicknames.
        assert_eq!(texts("He said \"Yes\" and left."), Vec::<String>::new());
    }

    #[test]
    fn a_group_possessive_stays_in_an_organisation_name() {
        assert_eq!(
            texts("He spoke to the Worker's Party of Zembla."),
            ["Worker's Party of Zembla"]
        );
    }

    #[test]
    fn a_weekday_ends_a_name_and_a_street_is_a_place() {
        assert_eq!(
            texts("The last flights left Velm Airport Friday."),
            ["Velm Airport"]
        );
        let f = found("The crash closed Tarwen Avenue overnight.");
        assert_eq!(f[0].1, EntityKind::Place);
    }

    #[test]
    fn sentence_initial_ordinary_words_are_not_names() {
        assert!(texts("However, nothing happened.").is_empty());
        assert!(texts("Foreign nationals have been fighting.").is_empty());
        assert_eq!(
            texts("The Georgian Legion was formed."),
            ["Georgian Legion"]
        );
        assert_eq!(texts("Residents of Lviv were told."), ["Lviv"]);
        assert!(texts("Members of the public met.").is_empty());
    }

    #[test]
    fn demonyms_are_not_places() {
        assert!(texts("They are mostly Georgians and some Russians.").is_empty());
        assert!(texts("A pro-Russian group and a Ukrainian unit met.").is_empty());
        assert!(texts("Russian-backed separatists came.").is_empty());
    }

    #[test]
    fn organisation_heads_and_of_names() {
        let f =
            found("He works at the University of Oslo and the Center for Research on Extremism.");
        assert_eq!(f[0].0, "University of Oslo");
        assert_eq!(f[0].1, EntityKind::Org);
        assert_eq!(f[1].0, "Center for Research on Extremism");
        let f = found("They joined the Eurasian Union of Youth in 2005.");
        assert_eq!(f[0].0, "Eurasian Union of Youth");
        assert_eq!(f[0].1, EntityKind::Org);
    }

    #[test]
    fn kinds_from_gazetteer_first_names_and_context() {
        let f = found("Talks between Kyiv and Moscow stalled.");
        assert_eq!(f[0], ("Kyiv".into(), EntityKind::Place, None));
        let f = found("Fighting was reported near Zolotarivka on Monday.");
        assert_eq!(f[0].1, EntityKind::Place);
        let f = found("Yesterday Lisa Brown said no.");
        assert_eq!(f[0].1, EntityKind::Person);
    }

    #[test]
    fn all_caps_and_company_names() {
        assert_eq!(
            texts("A spokesman for ZHU HAI Zhen Rong CO declined to comment."),
            ["ZHU HAI Zhen Rong CO"]
        );
        assert_eq!(
            texts("Funding for Iran and Egypt Shipping Lines was cut."),
            ["Iran and Egypt Shipping Lines"]
        );
        assert_eq!(texts("Syria and Serbia met."), ["Syria", "Serbia"]);
    }

    #[test]
    fn legal_forms_after_a_comma_numbers_and_dashes_stay_in_company_names() {
        assert_eq!(
            texts("Funding for Acme Widget CO., LTD. was cut."),
            ["Acme Widget CO., LTD."]
        );
        assert_eq!(
            texts("A spokesman for Foo Bar, OOO declined."),
            ["Foo Bar, OOO"]
        );
        assert_eq!(
            texts("Members of Grupo Foo, S.A. de C.V. met."),
            ["Grupo Foo, S.A. de C.V."]
        );
        assert_eq!(
            texts("The plan of Zavod 70 Letiya Plant was cut."),
            ["Zavod 70 Letiya Plant"]
        );
        assert_eq!(
            texts("The 179th Ship Repair Plant was hit."),
            ["179th Ship Repair Plant"]
        );
        assert_eq!(texts("Funding for JSC Foo - PM was cut."), ["JSC Foo - PM"]);
        // Not inside ordinary names: years, counts, lists.
        assert_eq!(texts("In March 2022 Kyiv was hit."), ["Kyiv"]);
        assert_eq!(texts("Lviv - Kyiv trains ran."), ["Lviv", "Kyiv"]);
        assert_eq!(
            texts("Talks in Kyiv, Lviv and Odesa."),
            ["Kyiv", "Lviv", "Odesa"]
        );
    }

    #[test]
    fn the_inside_a_sentence_stays_with_an_organisation() {
        assert_eq!(
            texts("It was printed by The Daily Lantern Company last week."),
            ["The Daily Lantern Company"]
        );
        // Not at the start of a sentence or clause, nor before a name with no head.
        assert_eq!(
            texts("The Daily Lantern Company said no."),
            ["Daily Lantern Company"]
        );
        assert_eq!(
            texts("He said: The Lantern Company is closed."),
            ["Lantern Company"]
        );
        assert_eq!(texts("They went to see The Quillers play."), ["Quillers"]);
    }

    #[test]
    fn ampersands_letters_and_business_words_join_company_names() {
        assert_eq!(
            texts("Funding for Brisco Polymers & Dyes was cut."),
            ["Brisco Polymers & Dyes"]
        );
        assert_eq!(
            texts("A spokesman for Tarwen Shipping and Management declined."),
            ["Tarwen Shipping and Management"]
        );
        assert_eq!(
            texts("Members of Qurvel for Contracting met."),
            ["Qurvel for Contracting"]
        );
        assert_eq!(
            texts("Funding for B & K Tarwen Limited was cut."),
            ["B & K Tarwen Limited"]
        );
        assert_eq!(texts("Funding for R&PA Zolvek was cut."), ["R&PA Zolvek"]);
        assert_eq!(
            texts("Members of Zolvek S Limited met."),
            ["Zolvek S Limited"]
        );
        // Two names joined by "and" or "&" stay two names.
        assert_eq!(
            texts("Talks between Russia and Ukraine stalled."),
            ["Russia", "Ukraine"]
        );
        assert_eq!(
            texts("It happened at Marvell & Quimby on Monday."),
            ["Marvell", "Quimby"]
        );
        // An article or pronoun beside a name is not part of it.
        assert_eq!(texts("Photo: Anna Lind A video was posted."), ["Anna Lind"]);
        assert!(!texts("Then I Googled it.")
            .iter()
            .any(|t| t.starts_with("I ")));
    }

    #[test]
    fn brackets_numbers_and_abbreviations_inside_company_names() {
        assert_eq!(
            texts("Funding for Tarwen Foods (PVT) LTD. was cut."),
            ["Tarwen Foods (PVT) LTD."]
        );
        assert_eq!(
            texts("Members of Zolvek Shipping (Asia) Limited met."),
            ["Zolvek Shipping (Asia) Limited"]
        );
        assert_eq!(
            texts("Funding for Brisco Dyes CO SAL (Offshore) was cut."),
            ["Brisco Dyes CO SAL (Offshore)"]
        );
        // An acronym introduced in brackets is its own mention.
        assert_eq!(
            texts("Members of Tarwen Trading (TTC) met."),
            ["Tarwen Trading", "TTC"]
        );
        assert_eq!(texts("Funding for Bureau 17 was cut."), ["Bureau 17"]);
        assert_eq!(
            texts("Funding for Tarwen Mining Enterprise Number 4 was cut."),
            ["Tarwen Mining Enterprise Number 4"]
        );
        // A count after an organisation is not part of its name.
        assert_eq!(texts("The Tarwen Army 2 brigades moved."), ["Tarwen Army"]);
        assert_eq!(
            texts("It went to Brisco IMP. & EXP. CO., LTD. last year."),
            ["Brisco IMP. & EXP. CO., LTD."]
        );
        // Month abbreviations are dates, not names.
        assert!(texts("It happened on Sept. 12 at noon.").is_empty());
    }

    #[test]
    fn an_ordinary_words_possessive_before_an_organisation_is_its_name() {
        assert_eq!(
            texts("Members of Lord's Tarwen Army met."),
            ["Lord's Tarwen Army"]
        );
        assert_eq!(
            texts("It came from the Surveyor General's Office yesterday."),
            ["Surveyor General's Office"]
        );
        // A place's or a person's possessive is not.
        assert_eq!(texts("It was Iran's Tarwen Army."), ["Iran", "Tarwen Army"]);
        assert_eq!(
            texts("It was Lind's Tarwen Party."),
            ["Lind", "Tarwen Party"]
        );
        assert_eq!(texts("Funding for Brisco, TOV was cut."), ["Brisco, TOV"]);
    }

    #[test]
    fn group_possessives_and_for_phrases_stay_in_organisation_names() {
        assert_eq!(
            texts("He joined the Korean People's Army in 1990."),
            ["Korean People's Army"]
        );
        assert_eq!(texts("It was Putin's plan."), ["Putin"]);
        assert_eq!(
            texts("Funding for Acme Company for Industry and Trade was cut."),
            ["Acme Company for Industry and Trade"]
        );
    }
}
