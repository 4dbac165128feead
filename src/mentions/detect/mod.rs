//! Capitalised spans → name mentions, one sentence at a time.
//!
//! `tokenize.rs` cuts the sentence into words; `runs.rs` joins capitalised words into
//! runs, with `tails.rs` deciding what may close an organisation's name; this file
//! reads each run as zero, one or two mentions and gives each its kind.

mod runs;
mod tails;
mod tokenize;

use super::words::{class, push_key};
use super::{EntityKind, Mention, Words};
use crate::span::Span;
use std::cell::Cell;
use tokenize::{first_words_into, is_apostrophe, is_initialish, words_to_tail_into, Tok};

struct Ctx<'a> {
    text: &'a str,
    sentence: Span,
    toks: Vec<Tok>,
    /// The sentence's ASCII lower case (from its start to the end of its last word
    /// read), then the look-up keys ([`super::words::key`]) of the words that are not
    /// ASCII without a dot, made once per sentence: most words' keys are their pieces of
    /// the lowered copy, one copy of the sentence and no key made for each.
    keys: String,
    /// Where word `i`'s key lies in `keys`, read by every test of the word, and the lists
    /// it is in.
    key_at: Vec<KeyAt>,
    words: &'a Words,
}

/// Where a word's key lies: `keys[a..b]`. With the lists that hold the key
/// ([`Words::classes`]), looked up the first time a test asks ([`UNKNOWN`] until then):
/// a word is tested against several lists, often more than once.
struct KeyAt {
    a: usize,
    b: usize,
    classes: Cell<u32>,
}

/// The classes of a word not yet looked up (a bit no list has).
const UNKNOWN: u32 = 1 << 31;

/// Buffers that a document's sentences are read in, one after another: a sentence's
/// words, their keys and its runs are made in them, not in vectors allocated (and grown
/// by doubling) anew for every sentence.
#[derive(Default)]
pub struct Scratch {
    toks: Vec<Tok>,
    /// A word's key where the tokenizer needs one ([`first_words_into`]).
    key_buf: String,
    keys: String,
    key_at: Vec<KeyAt>,
    runs: RunBufs,
}

/// A sentence's runs of capitalised words (`runs.rs`), each list of runs held as one
/// vector of their words and one of where each run ends, and the buffers they are found
/// with.
#[derive(Default)]
struct RunBufs {
    /// Whether each word may be part of a name.
    names: Vec<bool>,
    /// The run being found, and the words that joined it only as part of an
    /// organisation's name.
    run: Vec<usize>,
    weak: Vec<usize>,
    /// The runs before the organisation check: their words, their weak words, and where
    /// each run ends in both.
    raw_words: Vec<usize>,
    raw_weak: Vec<usize>,
    raw_ends: Vec<(usize, usize)>,
    /// The runs: their words, and where each ends.
    words: Vec<usize>,
    ends: Vec<usize>,
}

impl Scratch {
    /// The context of the words of the sentence in `self.toks` (all of them, or the
    /// first few), in these buffers until [`Scratch::keep`] gives them back.
    fn ctx<'a>(&mut self, text: &'a str, sentence: Span, words: &'a Words) -> Ctx<'a> {
        Ctx::in_buffers(
            text,
            sentence,
            words,
            std::mem::take(&mut self.toks),
            std::mem::take(&mut self.keys),
            std::mem::take(&mut self.key_at),
        )
    }

    /// Takes back the buffers of a context made by [`Scratch::ctx`].
    fn keep(&mut self, ctx: Ctx) {
        self.toks = ctx.toks;
        self.keys = ctx.keys;
        self.key_at = ctx.key_at;
    }
}

impl<'a> Ctx<'a> {
    #[cfg(test)]
    fn new(text: &'a str, sentence: Span, words: &'a Words) -> Self {
        let toks = tokenize::tokenize(text, sentence, words);
        Ctx::in_buffers(text, sentence, words, toks, String::new(), Vec::new())
    }

    /// The context of the words `toks` of the sentence (all of them, or the first few),
    /// its keys made in `keys` and `key_at` (cleared first).
    fn in_buffers(
        text: &'a str,
        sentence: Span,
        words: &'a Words,
        toks: Vec<Tok>,
        mut keys: String,
        mut key_at: Vec<KeyAt>,
    ) -> Self {
        keys.clear();
        key_at.clear();
        // The key of a word of ASCII without a dot is its ASCII lower case: its piece of
        // the sentence lowered (tokens lie in order, the last ending last).
        let base = sentence.start;
        let lowered_end = toks.last().map_or(base, |t| t.end);
        keys.push_str(&text[base..lowered_end]);
        keys.make_ascii_lowercase();
        key_at.extend(toks.iter().map(|t| {
            let classes = Cell::new(UNKNOWN);
            // Known from the walk that found the word: not scanned again.
            if t.ascii_key {
                return KeyAt {
                    a: t.start - base,
                    b: t.end - base,
                    classes,
                };
            }
            let a = keys.len();
            push_key(&text[t.start..t.end], &mut keys);
            KeyAt {
                a,
                b: keys.len(),
                classes,
            }
        }));
        Ctx {
            text,
            sentence,
            toks,
            keys,
            key_at,
            words,
        }
    }
}

impl Ctx<'_> {
    fn word(&self, i: usize) -> &str {
        &self.text[self.toks[i].start..self.toks[i].end]
    }
    /// Word `i`'s look-up key: lower case, no dots.
    #[inline]
    fn key(&self, i: usize) -> &str {
        let k = &self.key_at[i];
        &self.keys[k.a..k.b]
    }
    /// Is word `i`'s key in any of the lists `of` ([`class`] bits)? The lists that hold
    /// it are looked up once, at the first test.
    #[inline]
    fn listed(&self, i: usize, of: u32) -> bool {
        self.classes(i) & of != 0
    }
    /// The lists that hold word `i`'s key ([`Words::classes`]), looked up once.
    #[inline]
    fn classes(&self, i: usize) -> u32 {
        let cell = &self.key_at[i].classes;
        let mut c = cell.get();
        if c == UNKNOWN {
            c = self.words.classes(self.key(i));
            cell.set(c);
        }
        c
    }
    fn starts_upper(&self, i: usize) -> bool {
        self.toks[i].upper
    }
    /// Are words `a` and `b` parts of one name as far as the text between them goes?
    /// (Inlined: asked about a dozen times a sentence, and most gaps are one space.)
    #[inline]
    fn adjacent(&self, a: usize, b: usize) -> bool {
        if self.toks[a].possessive {
            return false;
        }
        let (end, start) = (self.toks[a].full_end, self.toks[b].start);
        // One space (most gaps): adjacent, whatever follows. (Read as a byte: a space
        // is one, and no byte of another character is a space.)
        if start == end + 1 && self.text.as_bytes()[end] == b' ' {
            return true;
        }
        self.adjacent_across(a, b)
    }
    /// [`Ctx::adjacent`] for a gap other than one space.
    #[inline(never)]
    fn adjacent_across(&self, a: usize, b: usize) -> bool {
        let (end, start) = (self.toks[a].full_end, self.toks[b].start);
        let mut gap = &self.text[end..start];
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
        !self.starts_upper(i) && self.listed(i, class::PARTICLE)
    }
    fn is_connector(&self, i: usize) -> bool {
        (self.word(i) == "&" || !self.starts_upper(i)) && self.listed(i, class::CONNECTOR)
    }
    fn is_head(&self, i: usize) -> bool {
        self.starts_upper(i) && self.listed(i, class::ORG_HEAD)
    }
    fn is_activity(&self, i: usize) -> bool {
        self.starts_upper(i) && self.listed(i, class::ACTIVITY)
    }
    /// The state or province an abbreviation written with its dot stands for ("Fla.").
    fn state(&self, i: usize) -> Option<&str> {
        (self.word(i).ends_with('.') && self.starts_upper(i))
            .then(|| {
                // Most words are no state's: known from the word's classes, unhashed.
                self.listed(i, class::STATE)
                    .then(|| self.words.states.get(self.key(i)).map(String::as_str))
                    .flatten()
            })
            .flatten()
    }
    fn is_title(&self, i: usize) -> bool {
        self.starts_upper(i) && self.listed(i, class::TITLE)
    }
    fn is_demonym(&self, i: usize) -> bool {
        // The key splits at the word's hyphens into the keys of its parts; a word
        // without one (most) is looked up whole, with no splitting.
        if !self.toks[i].hyphen {
            return self.listed(i, class::DEMONYM);
        }
        self.key(i)
            .split('-')
            .any(|p| self.words.demonyms.contains_key(p))
    }
    /// Is word `i` an ordinary word (capitalised only where a sentence starts)? Not when
    /// it is a known name, nor when written as dotted initials: "U.S." is not "us".
    fn common_word(&self, i: usize) -> bool {
        let w = self.word(i);
        // Asked last: most words are not common words, and most have no dot.
        let dotted = || w.contains('.') && is_initialish(w.trim_end_matches('.'));
        self.classes(i) & (class::COMMON | class::FIRST_NAME | class::PLACE) == class::COMMON
            && !dotted()
    }

    /// A lower-case syllable hyphened to a short capitalised one right after another
    /// name ("Velm Jae-in", "Tarwen Kun-young"): an East Asian given name written in
    /// two parts, not an adjective ("Zembla-based") nor an ordinary word.
    fn syllable_name(&self, i: usize) -> bool {
        let mut parts = self.word(i).split('-');
        let (Some(first), Some(second), None) = (parts.next(), parts.next(), parts.next()) else {
            return false;
        };
        let second_key = self.key(i).split('-').nth(1).unwrap_or("");
        first.chars().count() <= 4
            && (1..=5).contains(&second.chars().count())
            && second.chars().all(|c| c.is_lowercase())
            && !self.words.adjective_tails.contains(second_key)
            && !second.ends_with("ed")
            && !second.ends_with("ing")
            && i > 0
            && self.adjacent(i - 1, i)
            && self.starts_upper(i - 1)
            && !self.listed(i - 1, class::COMMON)
            && !self.listed(i - 1, class::TITLE)
    }

    /// Can word `i` be part of a name? Most words, in lower case and without a hyphen,
    /// are answered here, with no call; the rest by [`Ctx::may_be_name`].
    #[inline]
    fn is_name(&self, i: usize) -> bool {
        let t = &self.toks[i];
        (t.upper || t.hyphen) && self.may_be_name(i)
    }

    /// [`Ctx::is_name`] for a word that starts with a capital or holds a hyphen.
    fn may_be_name(&self, i: usize) -> bool {
        let w = self.word(i);
        let hyphened = self.toks[i].hyphen;
        let upper = |p: &str| p.chars().next().is_some_and(char::is_uppercase);
        // The word's first part starts where the word does: in lower case, it is a
        // name's only as a particle hyphened to one.
        if !self.starts_upper(i) {
            // "al-Assad", "bin-Laden": a particle joined to a capitalised name. (The
            // parts' keys: the word's key split where the word is.)
            return hyphened
                && self
                    .words
                    .particles
                    .contains(self.key(i).split('-').next().unwrap_or(""))
                && w.split('-').skip(1).all(upper);
        }
        let first = if hyphened {
            w.split('-').next().unwrap_or(w)
        } else {
            w
        };
        // One character (four bytes at most), counted only when it may be one.
        if w.len() == 1 || w.len() <= 4 && w.chars().count() == 1 {
            return self.letter_in_name(i);
        }
        // An ASCII letter answers at once; only a word without one is decoded.
        if !w.bytes().any(|b| b.is_ascii_alphabetic()) && !w.chars().any(char::is_alphabetic) {
            return false;
        }
        // "(D-Velm.)", "R-Tarw": a lawmaker's party and state, not a name.
        if matches!(first, "D" | "R" | "I") && w.matches('-').count() == 1 && upper(&w[2..]) {
            return false;
        }
        // Contractions: "I'm", "We're", "Don't"; not "Zu'd", a name with an apostrophe.
        // (Split only where a byte of an apostrophe is: "’" starts with 0xE2.)
        let apostrophe = w.bytes().any(|b| b == b'\'' || b == 0xE2);
        let split = if apostrophe {
            w.split_once(['\'', '’'])
        } else {
            None
        };
        if let Some((head, tail)) = split {
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
        // "Russian-backed", "London-based": a lower-case part that is an ordinary word.
        if hyphened && !self.syllable_name(i) {
            for (p, k) in w.split('-').zip(self.key(i).split('-')).skip(1) {
                if !upper(p)
                    && (self.words.adjective_tails.contains(k)
                        || self.words.common.contains(k)
                        || k.ends_with("ed")
                        || k.ends_with("ing"))
                {
                    return false;
                }
            }
        }
        // "The" capitalised inside a sentence starts a name ("by The Acme Company").
        if w == "The" && !self.clause_initial(i) {
            return i + 1 < self.toks.len() && self.adjacent(i, i + 1) && self.starts_upper(i + 1);
        }
        if self.common_word(i) {
            // An ordinary word capitalised: a name only inside a longer capitalised run.
            let next_upper = i + 1 < self.toks.len()
                && self.adjacent(i, i + 1)
                && self.starts_upper(i + 1)
                && !self.listed(i + 1, class::COMMON);
            let prev_upper = i > 0
                && self.adjacent(i - 1, i)
                && self.starts_upper(i - 1)
                && !self.listed(i - 1, class::COMMON);
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
            let prev_name = prev && !self.listed(i - 1, class::COMMON);
            return prev_name && next || prev && amp(i - 1) || next && amp(i + 1);
        }
        prev || next
    }

    #[cfg(test)]
    fn mentions(&self, doc: usize, sentence: usize) -> Vec<Mention> {
        let mut out = Vec::new();
        self.mentions_into(doc, sentence, &mut RunBufs::default(), &mut out);
        out
    }

    /// The sentence's mentions, pushed onto `out`; its runs found in `bufs`.
    fn mentions_into(
        &self,
        doc: usize,
        sentence: usize,
        bufs: &mut RunBufs,
        out: &mut Vec<Mention>,
    ) {
        self.runs(bufs);
        let mut from = 0;
        for &to in &bufs.ends {
            self.run(doc, sentence, &bufs.words[from..to], out);
            from = to;
        }
    }

    /// One run → zero, one or two mentions (an organisation before a title, and a name).
    fn run(&self, doc: usize, sentence: usize, run: &[usize], out: &mut Vec<Mention>) {
        let mut r: &[usize] = run;
        // Ordinary words that start the sentence, and "The".
        while let Some(&f) = r.first() {
            let k = self.key(f);
            let common = self.common_word(f);
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
        // Where the title words end: an "of" phrase after them is the title's too, but
        // the title's start is looked for back from its last title word.
        let title_end = p;
        // "Secretary of State X", "Minister of Defence X": the "of" phrase is the title's.
        if p > 0 && p + 2 < r.len() && self.key(r[p]) == "of" {
            p += 2;
            // "Director of National Intelligence Velm Tarwen": the office's name runs
            // on to the person's given name.
            while p + 2 < r.len()
                && !self.listed(r[p], class::FIRST_NAME)
                && self.listed(r[p + 1], class::FIRST_NAME)
            {
                p += 1;
            }
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
            let mut q = title_end;
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
            let known = self.listed(first, class::FIRST_NAME | class::PLACE);
            if self.is_demonym(first) && title.is_none() {
                return; // "Georgian", "pro-Russian": not the place itself
            }
            if title.is_none()
                && self.sentence_initial(first)
                && !known
                && after < self.toks.len()
                && !self.starts_upper(after)
                && (self.listed(after, class::PREPOSITION) || k.ends_with("ing"))
            {
                return; // "Residents of", "Officials in", "Fighting was"
            }
            if self.listed(first, class::TITLE)
                || self.listed(first, class::ORG_HEAD) && title.is_none()
            {
                return;
            }
            // "Sept.", "Jan": a month's abbreviation, not a name.
            use crate::wordlists::calendar::{month, month_name};
            if title.is_none() && month(k) && !month_name(k) {
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
        // Brackets are ASCII: counted as bytes (no byte of another character is one).
        let count = |b: u8| inside.bytes().filter(|&c| c == b).count();
        if count(b'(') > count(b')') && self.text[span.end..].starts_with(')') {
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

    /// The key of the words `name` joined: their keys joined by spaces.
    fn joined_key(&self, name: &[usize]) -> String {
        let mut keys = String::with_capacity(name.iter().map(|&t| self.key(t).len() + 1).sum());
        for (n, &t) in name.iter().enumerate() {
            if n > 0 {
                keys.push(' ');
            }
            keys.push_str(self.key(t));
        }
        keys
    }

    fn kind(&self, name: &[usize], titled: bool) -> EntityKind {
        // "X and Y Enforcement": words joined by a connector and closed by what a body
        // does name that body.
        let joined_activity = name.len() >= 3
            && self.is_activity(name[name.len() - 1])
            && name.iter().any(|&t| self.is_connector(t));
        let police = name.iter().any(|&t| self.word(t) == "police");
        if name.iter().any(|&t| self.is_head(t)) || joined_activity || police {
            return EntityKind::Org;
        }
        if name.len() == 1 && self.state(name[0]).is_some() {
            return EntityKind::Place;
        }
        // A one-word name's key is its word's, whose lists are known; a longer name's
        // is its words' keys joined, made only here (an organisation's never is).
        let place = match name {
            [only] => self.listed(*only, class::PLACE),
            _ => self.words.places.contains(self.joined_key(name).as_str()),
        };
        if place {
            return EntityKind::Place;
        }
        let last = self.key(name[name.len() - 1]);
        if name.len() >= 2 && !titled {
            // "X Street", "X Ave.": a street; "X Aiport": a head with a letter slipped.
            if self.listed(name[name.len() - 1], class::STREET_TYPE)
                || matches!(last, "ave" | "blvd" | "st" | "rd")
            {
                return EntityKind::Place;
            }
        }
        if titled {
            return EntityKind::Person;
        }
        let first = name[0];
        let initial = name.iter().any(|&t| is_initialish(self.word(t)));
        if name.len() >= 2 && (self.listed(first, class::FIRST_NAME) || initial) {
            return EntityKind::Person;
        }
        // "X Aiport": an organisation's head with a letter slipped.
        if name.len() >= 2 && self.words.near_head(last).is_some() {
            return EntityKind::Org;
        }
        let before = first.checked_sub(1);
        let after = name[name.len() - 1] + 1;
        let prep_before =
            before.is_some_and(|b| !self.starts_upper(b) && self.listed(b, class::PLACE_PREP));
        let verb_after = after < self.toks.len()
            && !self.starts_upper(after)
            && self.listed(after, class::SPEECH_VERB);
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
        if name.iter().any(|&t| self.listed(t, class::PLACE)) || prep_before && !verb_after {
            return EntityKind::Place;
        }
        EntityKind::Person
    }
}

/// The mentions of one sentence, pushed onto `out`; read in the buffers of `scratch`.
pub fn sentence(
    doc: usize,
    index: usize,
    text: &str,
    span: Span,
    words: &Words,
    scratch: &mut Scratch,
    out: &mut Vec<Mention>,
) {
    let Some(last) = last_capital(span.of(text)) else {
        return; // No capital, no name.
    };
    if holds_no_name(text, span, last, words, scratch) {
        return;
    }
    // The words after the last capital's are read only as far as a name's reading looks.
    words_to_tail_into(
        text,
        span,
        words,
        span.start + last,
        &mut scratch.toks,
        &mut scratch.key_buf,
    );
    let ctx = scratch.ctx(text, span, words);
    ctx.mentions_into(doc, index, &mut scratch.runs, out);
    scratch.keep(ctx);
}

/// Is it certain, from its capitals and its first word, that no word of the sentence
/// starts a name? A word is part of a name only if a capital is in it (it starts with
/// one, or a particle is hyphened to one: "al-Tarwen"), and every run of a name holds
/// such a word; so when the only capitals of a sentence are in its first word and
/// that word is no name ("He said the ...": about a third of news sentences), the
/// sentence has no mention. Its first two words decide (the second only as the first
/// word's neighbour), where [`sentence`] would walk all of them. `last` is where the
/// sentence's last capital is ([`last_capital`]: a sentence without one holds no name).
fn holds_no_name(
    text: &str,
    span: Span,
    last: usize,
    words: &Words,
    scratch: &mut Scratch,
) -> bool {
    let piece = span.of(text);
    // A capital after the first space is (nearly always) past the first word: such a
    // sentence is read whole, with no second look.
    if piece.as_bytes()[..last].contains(&b' ') {
        return false;
    }
    first_words_into(
        text,
        span,
        words,
        2,
        &mut scratch.toks,
        &mut scratch.key_buf,
    );
    let Some(first) = scratch.toks.first() else {
        return true;
    };
    if span.start + last >= first.full_end {
        return false;
    }
    let ctx = scratch.ctx(text, span, words);
    let name = ctx.is_name(0);
    scratch.keep(ctx);
    !name
}

/// The byte offset of the last capital letter of `s`. Read back from its end sixteen
/// bytes at a time, a block with no ASCII capital and no byte outside ASCII passed over
/// whole (one test of all its bytes, vectorised); in the others a byte at a time, only a
/// character outside ASCII decoded.
fn last_capital(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut end = b.len();
    while end > 0 {
        let start = end.saturating_sub(16);
        let may = |c: u8| c.is_ascii_uppercase() || !c.is_ascii();
        if !b[start..end].iter().fold(false, |any, &c| any | may(c)) {
            end = start;
            continue;
        }
        let mut i = end;
        while i > start {
            i -= 1;
            if b[i].is_ascii() {
                if b[i].is_ascii_uppercase() {
                    return Some(i);
                }
                continue;
            }
            // The character's first byte may lie in the block before.
            while !s.is_char_boundary(i) {
                i -= 1;
            }
            if s[i..].chars().next().is_some_and(char::is_uppercase) {
                return Some(i);
            }
        }
        end = i;
    }
    None
}

#[cfg(test)]
mod tests;
