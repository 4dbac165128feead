//! How alike two forms are: token similarity, person and organisation scorers, the
//! contradiction check, and the blocking keys that choose which pairs are scored.

use crate::hash::{HashMap, HashSet};

use std::cell::RefCell;
use std::rc::Rc;

use super::form::{read, Form, Reading, KINDS};
use super::{orgwords, tokens, tokens_into, Lexicon, StyleBook};
use crate::mentions::{EntityKind, Words};
use crate::rules::RuleSet;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Scorer {
    Person,
    Name,
}

/// What [`Ctx::split_words`] makes of one token.
#[derive(Clone)]
enum Split {
    /// Left out: a legal form, a joining word, a generic word.
    Dropped,
    /// A naming word: the token itself (`None`), or the word it stands for.
    Named(Option<String>),
    /// A head (of an organisation, a street's type).
    Head(String),
}

pub(super) struct Ctx<'a> {
    pub(super) words: &'a Words,
    pub(super) book: &'a StyleBook,
    pub(super) org: &'a orgwords::OrgWords,
    /// Countries written as one word, from the demonyms ("Korean" → "korea").
    pub(super) place_words: &'a HashSet<String>,
    /// No tokens, shared by every form part that has none (most forms have no heads,
    /// no hyphened words, no first-words keys): one allocation, not one per form.
    pub(super) none: Rc<[String]>,
    /// What this thread has worked out of the run's tokens and spellings (taken from
    /// the thread when the context is made, given back when it is dropped).
    memo: RefCell<Memo>,
    /// A vector [`Ctx::fresh_tokens`] writes a spelling's tokens into, and
    /// [`Ctx::joined_keys`] a name's keys (kept empty).
    spare_tokens: RefCell<Vec<String>>,
    /// A string names are run together in before they are copied where they are kept
    /// ([`Ctx::joined_by_spaces`], [`Ctx::joined_of`]).
    spare_text: RefCell<String>,
    /// A string a word's key in [`Memo::splits`] is written in.
    spare_key: RefCell<String>,
}

/// What a thread has worked out of a run's tokens and spellings, kept from one story's
/// [`Ctx`] to the next (a run of thousands of stories meets the same words and names
/// again: "Police", a city, a news agency); each entry is a function of its string and
/// of the words and lexicon it was made with, so they are kept only while those are the
/// same.
#[derive(Default)]
struct Memo {
    /// The lexicon's number and the address of the words the entries were made with.
    tag: (u64, usize),
    skeletons: HashMap<String, Rc<str>>,
    stems: HashMap<String, Rc<str>>,
    /// What [`Ctx::tok_sim`] reads of each token, worked out once per token: it runs
    /// on every pair of a blocking bucket, several times per pair.
    tok_info: HashMap<String, TokInfo>,
    /// A number per distinct transliteration key (equal numbers, equal keys).
    skeleton_ids: HashMap<Rc<str>, u32>,
    /// The tokens of a word of a canonical name run together ([`Ctx::word_key`]).
    word_keys: HashMap<String, Rc<str>>,
    /// The organisation head each word stands for, if any ([`Ctx::org_head`]).
    heads: HashMap<String, Option<Rc<str>>>,
    /// What [`Ctx::split_word`] makes of a word at a kind of place (a name's words are
    /// read through several lists and the organisation vocabulary, and most were met in
    /// an earlier name): keyed by the word and a byte for the place ([`split_key`]);
    /// with whether the word is a legal prefix (whether it is dropped depends on the
    /// word after it), and its split when it is not dropped so. Bounded on its own
    /// ([`MAX_SPLITS`]).
    splits: HashMap<String, (bool, Split)>,
    /// The tokens and readings of each spelling (one entry: a spelling's reading
    /// starts from its tokens, and canonical names ask for the tokens of the same
    /// spellings again).
    spellings: Recent<Spelling>,
}

/// Entries of whole spellings a thread has met lately, in two generations: a story's
/// entries go into the newer one; between stories, past [`MAX_RECENT`] entries, the older
/// is dropped and the newer takes its place. An entry asked for again is moved back to
/// the newer: the spellings many stories share stay, the many met once go (a whole
/// spelling is met again far less often than a word, so these are kept apart from the
/// per-word entries and their bound).
struct Recent<V> {
    new: HashMap<String, V>,
    old: HashMap<String, V>,
}

impl<V> Default for Recent<V> {
    fn default() -> Self {
        Recent {
            new: HashMap::default(),
            old: HashMap::default(),
        }
    }
}

impl<V> Recent<V> {
    /// What `f` reads of the entry of `k` (moved to the newer generation when it was in
    /// the older): one look-up when it is in the newer.
    fn read<R>(&mut self, k: &str, f: impl FnOnce(&V) -> R) -> Option<R> {
        if let Some(v) = self.new.get(k) {
            return Some(f(v));
        }
        let (k, v) = self.old.remove_entry(k)?;
        let r = f(&v);
        self.new.insert(k, v);
        Some(r)
    }

    /// The entry of `k`, moved to the newer generation when it was in the older (the
    /// tests read the memo through it).
    #[cfg(test)]
    fn get_mut(&mut self, k: &str) -> Option<&mut V> {
        if !self.new.contains_key(k) {
            let (k, v) = self.old.remove_entry(k)?;
            self.new.insert(k, v);
        }
        self.new.get_mut(k)
    }

    /// The entry of `k` in the newer generation, made with `V::default()` when none;
    /// `found`: what [`Recent::read`] of `k` just answered (what it finds it moves to
    /// the newer generation: then one search, else one insertion, and no other).
    fn entry(&mut self, k: &str, found: bool) -> &mut V
    where
        V: Default,
    {
        if found {
            return self
                .new
                .get_mut(k)
                .expect("read moves what it finds to the newer");
        }
        self.new.entry(k.to_string()).or_default()
    }

    /// Between stories: a newer generation past `max` entries becomes the older.
    /// (The older's entries are dropped and its table, grown to a generation's size,
    /// is kept as the newer: no table is grown again from empty, entry by entry.)
    fn age(&mut self, max: usize) {
        if self.new.len() > max {
            std::mem::swap(&mut self.old, &mut self.new);
            self.new.clear();
        }
    }
}

/// What is remembered of one spelling: its tokens ([`tokens`]), once asked for, and its
/// reading per kind, at the kind's number (`form::KINDS`), once asked for (`Some(None)`
/// for a spelling without tokens): in the entry itself, no vector per spelling.
#[derive(Default)]
struct Spelling {
    toks: Option<Rc<[String]>>,
    readings: [Option<Option<Rc<Reading>>>; KINDS.len()],
}

impl Memo {
    /// The per-word entries dropped (the spellings and the splits are bounded on
    /// their own), each table keeping its room: a thread's tables reach their bound
    /// again in the next stories, and growing them again rehashes every entry at each
    /// doubling (and allocates the tables anew).
    fn clear_words(&mut self) {
        self.skeletons.clear();
        self.stems.clear();
        self.tok_info.clear();
        self.skeleton_ids.clear();
        self.word_keys.clear();
        self.heads.clear();
    }

    fn len(&self) -> usize {
        self.skeletons.len()
            + self.stems.len()
            + self.tok_info.len()
            + self.word_keys.len()
            + self.heads.len()
    }
}

/// Most entries a thread remembers; past it the next story starts afresh (a story's
/// names are far fewer), so an archive of many stories does not grow it without bound.
const MAX_MEMO: usize = 1 << 15;

/// Most whole spellings (and, apart, their tokens) in one generation of [`Recent`].
const MAX_RECENT: usize = 1 << 12;

/// Most remembered splits of words ([`Memo::splits`]); past it the next story starts
/// them afresh.
const MAX_SPLITS: usize = 1 << 14;

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// One token as [`Ctx::tok_sim`] (and the pair filter's token relations) reads it.
#[derive(Clone, Copy)]
pub(super) struct TokInfo {
    /// Length in characters.
    pub(super) chars: usize,
    /// Its transliteration key's number (see `Memo::skeleton_ids`) and length.
    pub(super) skeleton: u32,
    skeleton_chars: usize,
    /// A known place; a known given name.
    place: bool,
    first_name: bool,
    /// [`Ctx::distinctive`].
    pub(super) distinctive: bool,
}

/// Heads of bodies and buildings commonly named after the place (or person) they serve
/// ("Velmton Airport", "Velmton Police"): the bare place name is not them.
const FACILITY_HEADS: &[&str] = &[
    "airport",
    "police",
    "hospital",
    "university",
    "college",
    "school",
    "academy",
    "port",
    "seaport",
    "church",
    "hotel",
    "terminal",
    "clinic",
    "department",
];

/// The stems of [`FACILITY_HEADS`], in their order (worked out once: every pair of
/// organisations scored asks about its heads).
static FACILITY_STEMS: std::sync::LazyLock<Vec<String>> =
    std::sync::LazyLock::new(|| FACILITY_HEADS.iter().map(|f| orgwords::stem(f)).collect());

/// Words an acronym leaves out ("Department of Justice" is "DOJ" or "DJ").
const ACRONYM_SKIPS: &[&str] = &["of", "and", "for", "the", "&", "on", "at", "in", "to", "de"];

fn lev_sim(a: &str, b: &str) -> f64 {
    strsim::normalized_levenshtein(a, b)
}

/// The letters of a form's naming words run together (`named.concat()`, unallocated).
pub(super) fn letters(f: &Form) -> impl Iterator<Item = u8> + '_ {
    f.named.iter().flat_map(|t| t.bytes())
}

/// Exactly one edit apart (a letter added, left out, replaced, or two neighbours
/// swapped): `strsim::damerau_levenshtein(a, b) == 1`, without its table and map.
pub(super) fn one_edit_apart(a: &str, b: &str) -> bool {
    // ASCII words (nearly all of them) compare as bytes, one byte a letter: no
    // character vectors to build on every call.
    if a.is_ascii() && b.is_ascii() {
        return one_edit_apart_in(a.as_bytes(), b.as_bytes());
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    one_edit_apart_in(&a, &b)
}

/// [`one_edit_apart`] on two sequences of letters.
fn one_edit_apart_in<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let head = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    match long.len() - short.len() {
        // One letter more: the rest lines up once it is skipped.
        1 => short[head..] == long[head + 1..],
        0 if head == short.len() => false,
        // A replaced letter, or two neighbours swapped.
        0 => {
            short[head + 1..] == long[head + 1..]
                || (head + 1 < short.len()
                    && short[head] == long[head + 1]
                    && short[head + 1] == long[head]
                    && short[head + 2..] == long[head + 2..])
        }
        _ => false,
    }
}

/// Writes into `buf` the key of a word ([`Ctx::word_key`]: its tokens run together)
/// when the word is plain, ASCII letters and digits only, none of them one that accent
/// folding changes: its one token is the word lower-cased (nothing to split, strip or
/// drop). `false` (and `buf` unspecified) for any other word.
pub(super) fn plain_word_key(words: &Words, w: &str, buf: &mut String) -> bool {
    // (The table's ASCII keys sort first, as `Words::fold` reads them.)
    let ascii_keys = &words.fold[..words.fold.partition_point(|(k, _)| k.is_ascii())];
    let folded = |c: char| ascii_keys.iter().any(|(k, _)| *k == c);
    if w.is_empty() || !w.chars().all(|c| c.is_ascii_alphanumeric() && !folded(c)) {
        return false;
    }
    buf.clear();
    buf.push_str(w);
    buf.make_ascii_lowercase();
    true
}

/// The key of a word's split in [`Memo::splits`], written into `key`: the word, then
/// one byte for its place (`vocab`, first word, last word). (One byte more than the
/// word: two keys are equal only for the same word at the same place.)
fn split_key(t: &str, vocab: bool, first: bool, last: bool, key: &mut String) {
    key.clear();
    key.push_str(t);
    key.push(char::from(
        b'0' + u8::from(vocab) + 2 * u8::from(first) + 4 * u8::from(last),
    ));
}

impl<'a> Ctx<'a> {
    /// The scoring context of a run: the rules' word lists, and the style book and
    /// organisation vocabulary of the run's lexicon.
    pub(super) fn new(rules: &'a RuleSet, lexicon: &'a Lexicon) -> Self {
        let tag = (lexicon.id, &rules.words as *const Words as usize);
        let mut memo = MEMO
            .try_with(|m| std::mem::take(&mut *m.borrow_mut()))
            .unwrap_or_default();
        if memo.tag != tag {
            memo = Memo {
                tag,
                ..Memo::default()
            };
        } else if memo.len() > MAX_MEMO {
            // The per-word entries start afresh; the spellings age on their own.
            memo.clear_words();
        }
        memo.spellings.age(MAX_RECENT);
        if memo.splits.len() > MAX_SPLITS {
            memo.splits.clear();
        }
        Ctx {
            words: &rules.words,
            book: &lexicon.book,
            org: &lexicon.org,
            place_words: &lexicon.place_words,
            none: Rc::from([]),
            memo: RefCell::new(memo),
            spare_tokens: RefCell::new(Vec::new()),
            spare_text: RefCell::new(String::new()),
            spare_key: RefCell::new(String::new()),
        }
    }
}

impl Drop for Ctx<'_> {
    /// Gives the memo back to the thread for its next story.
    fn drop(&mut self) {
        let memo = std::mem::take(self.memo.get_mut());
        // (A thread being torn down keeps nothing.)
        let _ = MEMO.try_with(|m| *m.borrow_mut() = memo);
    }
}

impl Ctx<'_> {
    /// The English stem of a token, computed once.
    pub(super) fn stem(&self, t: &str) -> Rc<str> {
        if let Some(s) = self.memo.borrow().stems.get(t) {
            return s.clone();
        }
        let s: Rc<str> = orgwords::stem(t).into();
        self.memo
            .borrow_mut()
            .stems
            .insert(t.to_string(), s.clone());
        s
    }

    /// The transliteration key of a token, computed once.
    pub(super) fn skel(&self, t: &str) -> Rc<str> {
        if let Some(s) = self.memo.borrow().skeletons.get(t) {
            return s.clone();
        }
        let s: Rc<str> = self.words.skeleton(t).into();
        self.memo
            .borrow_mut()
            .skeletons
            .insert(t.to_string(), s.clone());
        s
    }

    /// The tokens of a spelling ([`tokens`]), computed once.
    pub(super) fn tokens(&self, text: &str) -> Rc<[String]> {
        let known = self
            .memo
            .borrow_mut()
            .spellings
            .read(text, |s| s.toks.clone());
        if let Some(Some(t)) = known {
            return t;
        }
        let t = self.fresh_tokens(text);
        self.memo
            .borrow_mut()
            .spellings
            .entry(text, known.is_some())
            .toks = Some(t.clone());
        t
    }

    /// [`tokens`] of a spelling, worked out (not remembered) in one allocation: written
    /// into the context's spare vector, then moved into their shared slice.
    fn fresh_tokens(&self, text: &str) -> Rc<[String]> {
        let mut spare = self.spare_tokens.borrow_mut();
        spare.clear();
        tokens_into(self.words, text, &mut spare);
        spare.drain(..).collect()
    }

    /// The organisation head a word stands for ([`orgwords::OrgWords::head`]), worked
    /// out once (it stems the word).
    pub(super) fn org_head(&self, t: &str) -> Option<String> {
        if let Some(h) = self.memo.borrow().heads.get(t) {
            return h.as_deref().map(str::to_string);
        }
        let h = self.org.head(self.words, t);
        self.memo
            .borrow_mut()
            .heads
            .insert(t.to_string(), h.as_deref().map(Rc::from));
        h
    }

    /// The tokens of a word run together (the style book's key of a word of a name),
    /// computed once.
    pub(super) fn word_key(&self, w: &str) -> Rc<str> {
        if let Some(k) = self.memo.borrow().word_keys.get(w) {
            return k.clone();
        }
        let k: Rc<str> = tokens(self.words, w).concat().into();
        self.memo
            .borrow_mut()
            .word_keys
            .insert(w.to_string(), k.clone());
        k
    }

    /// The style book's spelling of a word of a name, looked up by the word's key
    /// ([`Ctx::word_key`]). A plain word ([`plain_word_key`]) is keyed in `buf`, not
    /// remembered: the words of a story's canonical names are mostly new to the memo.
    pub(super) fn preferred_word(&self, w: &str, buf: &mut String) -> Option<&str> {
        if plain_word_key(self.words, w, buf) {
            self.book.preferred_token(buf)
        } else {
            self.book.preferred_token(&self.word_key(w))
        }
    }

    /// `toks.join(" ")`, shared, in one allocation (`join` and then `Rc::from` copy the
    /// name twice).
    pub(super) fn joined_by_spaces(&self, toks: &[String]) -> Rc<str> {
        if let [one] = toks {
            return Rc::from(one.as_str());
        }
        let mut buf = self.spare_text.borrow_mut();
        buf.clear();
        for (x, t) in toks.iter().enumerate() {
            if x > 0 {
                buf.push(' ');
            }
            buf.push_str(t);
        }
        Rc::from(buf.as_str())
    }

    /// The reading of a spelling for a kind (see [`read`]), computed once; the
    /// spelling's tokens too, when they are not known yet (one search of the memo
    /// and, for a new spelling, one entry).
    pub(super) fn reading(&self, text: &str, kind: EntityKind) -> Option<Rc<Reading>> {
        let known = self.memo.borrow_mut().spellings.read(text, |s| {
            (s.readings[kind as usize].clone(), s.toks.clone())
        });
        let (toks, found) = match known {
            Some((Some(r), _)) => return r,
            Some((None, toks)) => (toks, true),
            None => (None, false),
        };
        let toks = toks.unwrap_or_else(|| self.fresh_tokens(text));
        let r = read(self, text, kind, toks.clone()).map(Rc::new);
        let mut memo = self.memo.borrow_mut();
        let s = memo.spellings.entry(text, found);
        s.toks = Some(toks);
        s.readings[kind as usize] = Some(r.clone());
        r
    }

    /// What [`Ctx::tok_sim`] reads of a token, computed once.
    pub(super) fn tok_info(&self, t: &str) -> TokInfo {
        if let Some(i) = self.memo.borrow().tok_info.get(t) {
            return *i;
        }
        let sk = self.skel(t);
        let mut memo = self.memo.borrow_mut();
        let next = memo.skeleton_ids.len() as u32;
        let skeleton = *memo.skeleton_ids.entry(sk.clone()).or_insert(next);
        let w = self.words;
        let info = TokInfo {
            chars: t.chars().count(),
            skeleton,
            skeleton_chars: sk.chars().count(),
            place: w.places.contains(t),
            first_name: w.first_names.contains(t),
            distinctive: self.distinctive(t),
        };
        memo.tok_info.insert(t.to_string(), info);
        info
    }

    /// A number for a token's transliteration key ([`Ctx::skel`]): equal numbers,
    /// equal keys (within a story).
    pub(super) fn skeleton_id(&self, t: &str) -> u32 {
        self.tok_info(t).skeleton
    }

    /// How alike two folded tokens are: 1 same, 0.9 same transliteration key,
    /// 0.85 close spelling, 0.5 an initial, 0.
    pub(super) fn tok_sim(&self, a: &str, b: &str, relaxed: bool) -> f64 {
        if a == b {
            return 1.0;
        }
        let (ia, ib) = (self.tok_info(a), self.tok_info(b));
        let (la, lb) = (ia.chars, ib.chars);
        if la == 1 || lb == 1 {
            let (i, t) = if la == 1 { (a, b) } else { (b, a) };
            return if t.starts_with(i) { 0.5 } else { 0.0 };
        }
        if ia.skeleton == ib.skeleton && ia.skeleton_chars >= 3 && strsim::jaro_winkler(a, b) >= 0.7
        {
            return 0.9;
        }
        // Two known places or two known given names are never spelling variants.
        if (ia.place && ib.place) || (ia.first_name && ib.first_name) {
            return 0.0;
        }
        let min = la.min(lb);
        if min < 4 || la.abs_diff(lb) * 4 > la.max(lb) {
            return 0.0;
        }
        let jw = strsim::jaro_winkler(a, b);
        if jw < 0.85 {
            return 0.0;
        }
        let lev = lev_sim(a, b);
        if (min >= 5 && lev >= 0.8 && jw >= 0.9)
            || (relaxed && min >= 4 && lev >= 0.75 && jw >= 0.88)
        {
            return 0.85;
        }
        0.0
    }

    /// Is this head (as [`Ctx::split_words`] gives it: a stem) one of [`FACILITY_HEADS`]?
    pub(super) fn facility_head(&self, h: &str) -> bool {
        FACILITY_HEADS
            .iter()
            .zip(FACILITY_STEMS.iter())
            .any(|(f, s)| *f == h || s == h)
    }

    /// The acronyms a full name may be written as: the initials of all its words, of
    /// its words without the joining ones ("of", "and"), and the same without a leading
    /// country ("U.S. Velm and Tarwen Service" is "VTS").
    pub(super) fn initials(&self, key: &str) -> Vec<String> {
        let toks: Vec<&str> = key.split(' ').collect();
        if toks.len() < 2 {
            return Vec::new();
        }
        let of = |ts: &[&str], skip: bool| -> String {
            ts.iter()
                .filter(|t| !(skip && ACRONYM_SKIPS.contains(t)))
                .filter_map(|t| t.chars().next())
                .collect()
        };
        let mut out = vec![of(&toks, false), of(&toks, true)];
        let country = |t: &str| {
            self.words.places.contains(t) || self.place_words.contains(t) || t == "us" || t == "uk"
        };
        if toks.len() >= 3 && country(toks[0]) {
            out.push(of(&toks[1..], false));
            out.push(of(&toks[1..], true));
        }
        out.retain(|k| k.chars().count() >= 2);
        out.sort();
        out.dedup();
        out
    }

    /// Transliteration keys of a name written as one word: with the article, without it.
    pub(super) fn joined_of(&self, toks: &[String]) -> Vec<String> {
        let mut v = Vec::new();
        self.joined_of_into(toks, &mut v);
        v
    }

    /// [`Ctx::joined_of`] pushed on `out` (no vector of its own: a name's keys and its
    /// first words' keys are written into one).
    fn joined_of_into(&self, toks: &[String], out: &mut Vec<String>) {
        let articles = &self.words.articles;
        // (The name run together in the context's spare string, not a new one.)
        let mut buf = self.spare_text.borrow_mut();
        buf.clear();
        toks.iter().for_each(|t| buf.push_str(t));
        // (Not remembered: a whole name run together is rarely met again.)
        let whole = self.words.skeleton(&buf);
        // Without an article the two are one key, worked out once.
        let bare = toks.iter().any(|t| articles.contains(t)).then(|| {
            buf.clear();
            toks.iter()
                .filter(|t| !articles.contains(*t))
                .for_each(|t| buf.push_str(t));
            self.words.skeleton(&buf)
        });
        let long = |k: &String| k.chars().count() >= 7;
        let bare = bare.filter(|k| *k != whole && long(k));
        if long(&whole) {
            out.push(whole);
        }
        out.extend(bare);
    }

    /// Whole-name keys and keys of the name's first 2, 3, … words (sorted, each once),
    /// each in one slice ([`Ctx::none`] when there are none): written into the
    /// context's spare vector, then moved into their slice.
    pub(super) fn joined_keys(&self, toks: &[String]) -> (Rc<[String]>, Rc<[String]>) {
        if toks.len() < 2 && toks.first().is_none_or(|t| t.chars().count() < 8) {
            return (self.none.clone(), self.none.clone());
        }
        let mut keys = self.spare_tokens.borrow_mut();
        let slice = |keys: &mut Vec<String>| match keys.is_empty() {
            true => self.none.clone(),
            false => keys.drain(..).collect(),
        };
        keys.clear();
        self.joined_of_into(toks, &mut keys);
        let whole = slice(&mut keys);
        for k in 2..toks.len() {
            self.joined_of_into(&toks[..k], &mut keys);
        }
        keys.sort();
        keys.dedup();
        (whole, slice(&mut keys))
    }

    /// Two names that read the same written as one word ("Abdul Wali" / "Abd-al-Wali",
    /// "Mohammadreza Jafari" / "Mohammad Reza Jafari"), or one that reads as the other's
    /// first words ("Ashraf Seedahmed" / "Ashraf Seed Ahmed Hussein").
    pub(super) fn joined(&self, a: &Form, b: &Form) -> Option<f64> {
        // The same key, and close letters too: a key alone joins "Hassan" and "Hossein".
        let close = |x: &[String], y: &[String]| {
            let (x, y): (String, String) = (x.concat(), y.concat());
            lev_sim(&x, &y) >= 0.88 || strsim::jaro_winkler(&x, &y) >= 0.93
        };
        if a.joined.iter().any(|k| b.joined.contains(k)) && close(&a.named, &b.named) {
            return Some(0.88);
        }
        let prefix = |s: &Form, l: &Form| {
            s.toks.len() >= 2
                && l.toks.len() > s.toks.len()
                && s.joined.iter().any(|k| l.joined_prefixes.contains(k))
                && (2..l.named.len()).any(|k| {
                    self.joined_of(&l.named[..k])
                        .iter()
                        .any(|j| s.joined.contains(j))
                        && close(&s.named, &l.named[..k])
                })
        };
        if a.kind == EntityKind::Person && (prefix(a, b) || prefix(b, a)) {
            return Some(0.86);
        }
        None
    }

    pub(super) fn scorer(&self, a: &Form, b: &Form) -> Option<Scorer> {
        use EntityKind::*;
        // A guessed person with an organisation head ("Liwa Al-Zembla", read as "Brigade
        // Al-Zembla") is compared as a name of any kind.
        let guess = |f: &Form| {
            if f.kind == Person && !f.strong && !f.heads.is_empty() {
                Other
            } else {
                f.kind
            }
        };
        let (ak, bk) = (guess(a), guess(b));
        let kind = if ak == bk {
            ak
        } else if ak == Other || !a.strong && b.strong {
            bk
        } else if bk == Other || !b.strong && a.strong {
            ak
        } else if !a.strong && !b.strong {
            Other
        } else {
            return None;
        };
        Some(if kind == Person {
            Scorer::Person
        } else {
            Scorer::Name
        })
    }

    /// The naming words and the heads of a name (legal forms and joining words left
    /// out); with `vocab`, read through the organisation vocabulary.
    ///
    /// (A word's lists are read from one look-up of its classes, [`Words::classes`],
    /// not one look-up per list: `tests::split_words_follow_their_definition`.)
    #[cfg(test)]
    pub(super) fn split_words(&self, toks: &[String], vocab: bool) -> (Vec<String>, Vec<String>) {
        let (mut distinct, mut heads) = (Vec::new(), Vec::new());
        for i in 0..toks.len() {
            match self.split_word(toks, i, vocab) {
                Split::Dropped => {}
                Split::Named(w) => distinct.push(w.unwrap_or_else(|| toks[i].clone())),
                Split::Head(h) => heads.push(h),
            }
        }
        (distinct, heads)
    }

    /// [`Ctx::split_words`] of a form's shared tokens: the naming words are the tokens
    /// themselves, shared, when each token is a naming word as it is (most names: no
    /// copy of a word, no vector, no new slice), else a new slice ([`Ctx::none`] when
    /// there is none).
    pub(super) fn split_shared(
        &self,
        toks: &Rc<[String]>,
        vocab: bool,
    ) -> (Rc<[String]>, Vec<String>) {
        let (mut distinct, mut heads) = (Vec::new(), Vec::new());
        // Every token so far a naming word as it is: nothing written yet.
        let mut same = true;
        for i in 0..toks.len() {
            let split = self.split_word(toks, i, vocab);
            if same {
                if matches!(split, Split::Named(None)) {
                    continue;
                }
                same = false;
                distinct.extend_from_slice(&toks[..i]);
            }
            match split {
                Split::Dropped => {}
                Split::Named(w) => distinct.push(w.unwrap_or_else(|| toks[i].clone())),
                Split::Head(h) => heads.push(h),
            }
        }
        let distinct = match (same, distinct.is_empty()) {
            (true, _) if !toks.is_empty() => toks.clone(),
            (_, true) => self.none.clone(),
            _ => distinct.into(),
        };
        (distinct, heads)
    }

    /// What [`Ctx::split_words`] makes of `toks[i]`, remembered per word and place
    /// ([`Memo::splits`]).
    fn split_word(&self, toks: &[String], i: usize, vocab: bool) -> Split {
        use crate::mentions::words::class;
        let words = self.words;
        let t = toks[i].as_str();
        // A legal prefix before a legal form is left out ("Open Joint Stock Company").
        let dropped = |prefix: bool| {
            prefix
                && toks.get(i + 1).is_some_and(|n| {
                    words.classes(n) & (class::LEGAL_FORM | class::CONNECTOR) == class::LEGAL_FORM
                })
        };
        let mut key = self.spare_key.borrow_mut();
        split_key(t, vocab, i == 0, i + 1 == toks.len(), &mut key);
        if let Some((prefix, split)) = self.memo.borrow().splits.get(key.as_str()) {
            return if dropped(*prefix) {
                Split::Dropped
            } else {
                split.clone()
            };
        }
        let prefix = vocab && self.org.legal_prefix(t);
        let split = self.split_placed(toks, i, vocab);
        self.memo
            .borrow_mut()
            .splits
            .insert(key.clone(), (prefix, split.clone()));
        if dropped(prefix) {
            Split::Dropped
        } else {
            split
        }
    }

    /// What [`Ctx::split_words`] makes of `toks[i]` when it is not a legal prefix left
    /// out: a function of the word, `vocab`, and whether it is the first word and the
    /// last (the key of [`Memo::splits`]).
    fn split_placed(&self, toks: &[String], i: usize, vocab: bool) -> Split {
        use crate::mentions::words::class;
        use std::borrow::Cow;
        let words = self.words;
        let t = toks[i].as_str();
        let listed = words.classes(t);
        // "Int'l", "Ft.": the word they abbreviate (legal forms are left out below).
        // Not the last word: that is the head or a legal form ("Velmar Pres" is a
        // press, not a president).
        let abbreviates = vocab && i + 1 < toks.len() && listed & class::LEGAL_FORM == 0;
        let (t, listed) = match listed & class::ABBREVIATION != 0 && abbreviates {
            true => match words.abbreviations.get(t) {
                Some(full) => (full.as_str(), words.classes(full)),
                None => (t, listed),
            },
            false => (t, listed),
        };
        let demonym = (listed & class::DEMONYM != 0)
            .then(|| words.demonyms.get(t))
            .flatten();
        // (Borrowed unless a demonym's place is written anew: most words are kept.)
        let (t, listed): (Cow<str>, u32) = match demonym {
            Some(p) => {
                let t = tokens(words, p).join("");
                let listed = words.classes(&t);
                (Cow::Owned(t), listed)
            }
            None if vocab => {
                let e = self.org.translate(t);
                // (A word translated to itself keeps its classes.)
                let listed = if e == t { listed } else { words.classes(e) };
                (Cow::Borrowed(e), listed)
            }
            None => (Cow::Borrowed(t), listed),
        };
        if listed & (class::LEGAL_FORM | class::CONNECTOR) != 0 || vocab && self.org.generic(&t) {
            return Split::Dropped;
        }
        let head = if vocab {
            self.org_head(&t)
        } else {
            (listed & class::ORG_HEAD != 0).then(|| t.to_string())
        };
        // A street's type is its head, and one type stands for another: "X Street"
        // and "X Avenue" are one street written two ways.
        let street = i + 1 == toks.len()
            && i > 0
            && (listed & class::STREET_TYPE != 0 || matches!(&*t, "ave" | "blvd" | "st" | "rd"));
        let head = if street {
            Some("<street>".to_string())
        } else {
            head
        };
        // A last word a letter away from a head is that head misspelt ("Aiport").
        // (Only the last of two words or more may be: the others are not asked.)
        let head = head.or_else(|| {
            if i == 0 || i + 1 != toks.len() {
                return None;
            }
            let h = words.near_head(&t)?;
            if vocab {
                self.org.head(words, &h)
            } else {
                Some(h)
            }
        });
        match head {
            Some(h) => Split::Head(h),
            None if *t == toks[i] => Split::Named(None),
            None => Split::Named(Some(t.into_owned())),
        }
    }

    pub(super) fn distinctive(&self, t: &str) -> bool {
        t.chars().count() >= 3 && !self.words.common_given.contains(t)
    }

    /// Two full person names: every word of the shorter found in the longer.
    pub(super) fn person(&self, a: &Form, b: &Form) -> Option<f64> {
        let (s, l) = if a.toks.len() <= b.toks.len() {
            (&a.toks[..], &b.toks[..])
        } else {
            (&b.toks[..], &a.toks[..])
        };
        if s.len() < 2 {
            return None;
        }
        let mut used = vec![false; l.len()];
        let (mut total, mut full_distinct, mut unmatched) = (0.0, 0, 0);
        // With the same given name, a surname may differ a little more.
        let relaxed = s[0] == l[0] && s[0].chars().count() >= 2;
        for t in s {
            let best = (0..l.len())
                .filter(|&j| !used[j])
                .map(|j| (self.tok_sim(t, &l[j], relaxed), j))
                .fold(
                    (0.0, usize::MAX),
                    |acc, x| if x.0 > acc.0 { x } else { acc },
                );
            if best.0 > 0.0 {
                used[best.1] = true;
                total += best.0;
                if best.0 >= 0.85 && self.distinctive(t) {
                    full_distinct += 1;
                }
            } else if t.chars().count() <= 2 && s.len() >= 3 {
                unmatched += 1;
            } else {
                return None;
            }
        }
        if full_distinct == 0 || unmatched > 1 {
            return None;
        }
        // First name to first name and surname to surname (or both swapped), unless
        // three or more words all match ("Jose Antonio Galarza" / "Antonio Galarza ...").
        let m = |x: &String, y: &String| self.tok_sim(x, y, false) > 0.0;
        let (sf, sl, lf, ll) = (&s[0], &s[s.len() - 1], &l[0], &l[l.len() - 1]);
        let ends = (m(sf, lf) && m(sl, ll)) || (m(sf, ll) && m(sl, lf));
        let all_three = s.len() >= 3 && unmatched == 0 && full_distinct >= 2;
        if !(ends || all_three) {
            return None;
        }
        Some(total / s.len() as f64)
    }

    /// Two organisation or place names: the naming words of the shorter all in the
    /// longer, and its heads too ("Legion" does not join "Army").
    pub(super) fn name(&self, a: &Form, b: &Form) -> Option<f64> {
        let (s, l) = if (a.distinct.len(), a.heads.len()) <= (b.distinct.len(), b.heads.len()) {
            (a, b)
        } else {
            (b, a)
        };
        // Three or more naming words all found in a longer name that adds one more:
        // the same organisation ("Uranium Processing and Nuclear Fuel Company of Iran").
        let overlap = s.distinct.len() >= 3 && l.distinct.len() == s.distinct.len() + 1;
        // A shorter name with fewer naming words needs a shared head ("Legion").
        if s.distinct.len() < l.distinct.len() && s.heads.is_empty() && !overlap {
            return None;
        }
        if s.distinct.is_empty() {
            return None;
        }
        // "Velm Club" / "Velm Club and Dining Center": a body's name and the same name
        // with what else it is after "and".
        // (Its words before "and" may be spaced another way: "Velmo Supperclub".)
        let before_and = l.toks.iter().position(|t| t == "and").unwrap_or(0);
        if !s.heads.is_empty()
            && s.toks.len() >= 2
            && before_and >= 1
            && l.toks.len() > before_and + 1
            && l.toks[..before_and].concat() == s.toks.concat()
        {
            return Some(0.9);
        }
        let facility = |f: &Form| f.heads.iter().any(|h| self.facility_head(h));
        // Two names of one facility ("Velm Airport" / "Velm-Tarwen International Airport"):
        // the longer may add a second place and an ordinary word.
        let shared_facility = facility(l) && s.heads.iter().any(|h| self.facility_head(h));
        let room = 1.max(s.distinct.len() / 2) + usize::from(shared_facility);
        if l.distinct.len() > s.distinct.len() + room {
            return None;
        }
        // A place or a person of two words or more is not the airport, hospital or
        // police named after it.
        let namesake = |f: &Form| {
            f.kind == EntityKind::Place
                || f.kind == EntityKind::Person && f.strong && f.distinct.len() >= 2
                || self.words.places.contains(&f.toks.join(" "))
        };
        if s.heads.is_empty() && !l.heads.is_empty() && namesake(s) && l.kind != EntityKind::Place {
            return None;
        }
        // Nor is any name without a head the airport, police or hospital named after it
        // ("Velm Falls" / "Velm Falls Airport").
        if facility(l) && !s.heads.iter().any(|h| l.heads.contains(h)) {
            return None;
        }
        let mut total = 0.0;
        let mut used = vec![false; l.distinct.len()];
        let mut typos = 0;
        for t in s.distinct.iter() {
            let mut best = (0..l.distinct.len())
                .filter(|&j| !used[j])
                .map(|j| (self.org_tok(t, &l.distinct[j]), j))
                .fold(
                    (0.0, usize::MAX),
                    |acc, x| if x.0 > acc.0 { x } else { acc },
                );
            if best.0 < 0.85 {
                // One word a letter off ("Velmar Pres" / "Velmar Press") when every
                // other naming word is the same.
                // (One edit changes the length by at most one letter: the cheap test first.)
                let typo = (0..l.distinct.len()).find(|&j| {
                    let (a, b) = (t.chars().count(), l.distinct[j].chars().count());
                    !used[j] && a.min(b) >= 4 && one_edit_apart(t, &l.distinct[j])
                });
                match typo {
                    Some(j) if s.distinct.len() >= 2 && typos == 0 => {
                        typos += 1;
                        best = (0.85, j);
                    }
                    _ => return None,
                }
            }
            used[best.1] = true;
            total += best.0;
        }
        if typos > 0 && total + 1e-9 < (s.distinct.len() - 1) as f64 + 0.85 {
            return None;
        }
        if !s.distinct.iter().any(|t| self.distinctive(t)) {
            return None;
        }
        for h in s.heads.iter() {
            if !l.heads.iter().any(|x| self.tok_sim(h, x, false) >= 0.85) {
                return None;
            }
        }
        // What the longer name adds must be an ordinary word ("National"), not a name
        // of its own ("Acme Bank Zembla" is not "Acme Bank"); but a country or city
        // before a name of two or more naming words is where it is registered
        // ("Shanghai Nortex Optics Co" / "Nortex Optics Co").
        let place = |t: &String| self.words.places.contains(t) || self.place_words.contains(t);
        let leading_place = s.distinct.len() >= 2
            && !s.distinct.iter().any(place)
            && l.distinct.first().is_some_and(place)
            && !used[0];
        // "of" and a place closing the longer name is where the body is ("Velm Party
        // of Zembla" / "Velm Party").
        let trailing_place = l.toks.len() >= 3
            && l.toks[l.toks.len() - 2] == "of"
            && l.distinct.last().is_some_and(place)
            && !s.heads.is_empty();
        let last = l.distinct.len().saturating_sub(1);
        // A second place hyphened to the first, or one the gazetteer knows, in a
        // facility's name ("Velm-Tarwen Airport" / "Velm Airport"): the facility the two
        // places share.
        let second_place = |t: &String| l.hyphened.contains(t) || place(t);
        for (j, t) in l.distinct.iter().enumerate() {
            let allowed = used[j]
                || overlap
                || j == 0 && leading_place
                || j == last && trailing_place
                || shared_facility && second_place(t);
            let ordinary = self.words.common.contains(t) || self.org.ordinary(t);
            if !allowed && (!ordinary || self.words.places.contains(t)) {
                return None;
            }
        }
        // "Kyiv" is not "Kyiv Polytechnic", but "Zemblabank" is "Zemblabank Bank".
        let implied = |t: &String| {
            l.heads
                .iter()
                .all(|h| h.chars().count() >= 4 && t.ends_with(h.as_str()) && t.len() > h.len() + 2)
        };
        if s.heads.is_empty()
            && !l.heads.is_empty()
            && s.distinct.len() == 1
            && !implied(&s.distinct[0])
        {
            return None;
        }
        Some(total / s.distinct.len() as f64)
    }

    pub(super) fn org_tok(&self, a: &str, b: &str) -> f64 {
        let s = self.tok_sim(a, b, false);
        if s > 0.0 {
            return s;
        }
        // "Managing" / "Management": one stem.
        // (Words of one stem share their first letters: the cheap test first.)
        let same_start = a.chars().take(4).eq(b.chars().take(4));
        if same_start && self.stem(a).chars().count() >= 4 && self.stem(a) == self.stem(b) {
            return 0.9;
        }
        // "Metallurgy" / "Metallurgical": a long shared beginning.
        let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
        if common >= 6 && common * 10 >= 7 * a.len().min(b.len()) {
            0.85
        } else {
            0.0
        }
    }

    pub(super) fn score(&self, a: &Form, b: &Form) -> Option<f64> {
        let s = match self.scorer(a, b)? {
            Scorer::Person => self.person(a, b),
            Scorer::Name => {
                // Organisations written as one word need the same heads too.
                let heads =
                    a.heads.len() == b.heads.len() && a.heads.iter().all(|h| b.heads.contains(h));
                // The same letters, spaced differently ("Petroplus" / "Petro Plus").
                // (Compared letter by letter: this runs on every pair of a bucket.)
                if heads
                    && letters(a).eq(letters(b))
                    && a.named.iter().map(String::len).sum::<usize>() >= 6
                {
                    return Some(0.95);
                }
                return self
                    .name(a, b)
                    .or_else(|| heads.then(|| self.joined(a, b)).flatten());
            }
        };
        s.or_else(|| self.joined(a, b))
    }

    /// Do two full names rule each other out (different given names or surnames)?
    pub(super) fn contradict(&self, a: &Form, b: &Form) -> bool {
        if !a.multi() || !b.multi() {
            return false;
        }
        match self.scorer(a, b) {
            None => true,
            Some(Scorer::Person) if self.joined(a, b).is_some() => false,
            Some(Scorer::Person) => {
                let found = |t: &String, o: &[String]| {
                    t.chars().count() == 1 || o.iter().any(|x| self.tok_sim(t, x, false) >= 0.5)
                };
                let (af, al) = (&a.toks[0], &a.toks[a.toks.len() - 1]);
                let (bf, bl) = (&b.toks[0], &b.toks[b.toks.len() - 1]);
                !(found(af, &b.toks) || found(bf, &a.toks))
                    || !(found(al, &b.toks) || found(bl, &a.toks))
            }
            // Organisations and places: every full name must match every other.
            Some(Scorer::Name) => self.score(a, b).is_none(),
        }
    }

    /// A form's blocking keys, sorted and each once.
    #[cfg(test)]
    pub(super) fn blocking_keys(&self, f: &Form) -> Vec<String> {
        let (mut arena, mut spans) = (String::new(), Vec::new());
        self.blocking_keys_into(f, &mut arena, &mut spans);
        let mut keys: Vec<String> = spans
            .iter()
            .map(|&s| key_at(&arena, s).to_string())
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }

    /// [`Ctx::blocking_keys`] written one after another into `arena`, their spans pushed
    /// on `spans` in no order and a key perhaps twice (the caller drops a second one
    /// more cheaply than a sort): no string of its own per key, as a story of many
    /// forms writes tens of them per form.
    pub(super) fn blocking_keys_into(
        &self,
        f: &Form,
        arena: &mut String,
        spans: &mut Vec<(u32, u32)>,
    ) {
        for j in f.joined.iter().chain(f.joined_prefixes.iter()) {
            push_key(arena, spans, 'j', [j.as_str()]);
        }
        if f.kind != EntityKind::Person {
            push_key(arena, spans, 'c', f.named.iter().map(String::as_str));
        }
        // People: block on every word but the given name (surnames, father's names).
        let toks: &[String] = if f.kind == EntityKind::Person && f.distinct.len() >= 2 {
            &f.distinct[1..]
        } else {
            &f.distinct
        };
        for t in toks {
            if !self.distinctive(t) {
                continue;
            }
            let sk = self.skel(t);
            if sk.chars().nth(1).is_some() {
                push_key(arena, spans, 'k', [&*sk]);
            }
            // The first four letters, and of a word of six or more the last four.
            let head = t.char_indices().nth(4).map_or(t.len(), |(i, _)| i);
            push_key(arena, spans, 'p', [&t[..head]]);
            let n = t.chars().count();
            if n >= 6 {
                let tail = t.char_indices().nth(n - 4).map_or(0, |(i, _)| i);
                push_key(arena, spans, 's', [&t[tail..]]);
            }
        }
    }

    /// Keys a guessed person ("Brantel VK", "Zembla Auto Trade": no title, no known given
    /// name) also gets, to meet the organisation it may be; never used to pair it with
    /// another person.
    #[cfg(test)]
    pub(super) fn org_keys(&self, f: &Form) -> Vec<String> {
        let (mut arena, mut spans) = (String::new(), Vec::new());
        self.org_keys_into(f, &mut arena, &mut spans);
        spans
            .iter()
            .map(|&s| key_at(&arena, s).to_string())
            .collect()
    }

    /// [`Ctx::org_keys`] written into `arena`, their spans pushed on `spans` (as
    /// [`Ctx::blocking_keys_into`], in the same order as `org_keys`).
    pub(super) fn org_keys_into(&self, f: &Form, arena: &mut String, spans: &mut Vec<(u32, u32)>) {
        if f.kind != EntityKind::Person || f.strong || f.distinct.len() < 2 {
            return;
        }
        // The whole name run together and the first word's transliteration key: the
        // looser prefix and suffix keys would pair every such name with many
        // organisations for few joins.
        push_key(arena, spans, 'c', f.named.iter().map(String::as_str));
        let t = &f.distinct[0];
        if self.distinctive(t) {
            let sk = self.skel(t);
            if sk.chars().nth(1).is_some() {
                push_key(arena, spans, 'k', [&*sk]);
            }
        }
    }
}

/// The key a span of an arena of keys holds ([`Ctx::blocking_keys_into`]).
pub(super) fn key_at(arena: &str, (from, to): (u32, u32)) -> &str {
    &arena[from as usize..to as usize]
}

/// Writes a blocking key into `arena`, its kind's letter and the parts run together,
/// and pushes its span on `spans`.
fn push_key<'s>(
    arena: &mut String,
    spans: &mut Vec<(u32, u32)>,
    tag: char,
    parts: impl IntoIterator<Item = &'s str>,
) {
    let from = arena.len() as u32;
    arena.push(tag);
    parts.into_iter().for_each(|p| arena.push_str(p));
    spans.push((from, arena.len() as u32));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_word_key_is_the_words_tokens_run_together() {
        // Invented words: plain, in capitals, with digits, and words that are not plain
        // (a hyphen, an apostrophe, an accent, a letter the fold table changes, none).
        let cases = [
            "Velm",
            "TARWEN",
            "oskarsson",
            "B52",
            "x",
            "Iqbar",
            "Velm-Tarwen",
            "Velm's",
            "O'Qarr",
            "Tárwen",
            "Łozy",
            "Ströme",
            "A&B",
            "Velm,",
            "",
            "Qq",
        ];
        let builtin = RuleSet::builtin().words;
        // Also with an ASCII letter in the fold table (a user's table may have one).
        let mut with_q = builtin.clone();
        with_q.fold.push(('q', "k".to_string()));
        with_q.fold.sort();
        let mut plain = 0;
        for words in [&builtin, &with_q] {
            for w in cases {
                let mut buf = String::from("stale");
                if plain_word_key(words, w, &mut buf) {
                    plain += 1;
                    assert_eq!(buf, tokens(words, w).concat(), "{w}");
                }
            }
        }
        // Seven plain words in each table, less the two with a "q" in the second.
        assert_eq!(plain, 7 + 5);
    }

    #[test]
    fn one_edit_apart_is_a_damerau_levenshtein_distance_of_one() {
        // Every string of up to four letters over a small alphabet (one letter not
        // ASCII), against every other: pairs of ASCII strings take the byte path,
        // the rest the character path, and the byte path must agree with the
        // character path too.
        let alphabet = ['a', 'b', 'c', 'é'];
        let mut strings = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..4 {
            last = last
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(last.iter().cloned());
        }
        for a in &strings {
            for b in &strings {
                let want = strsim::damerau_levenshtein(a, b) == 1;
                assert_eq!(one_edit_apart(a, b), want, "{a:?} {b:?}");
                let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                assert_eq!(one_edit_apart_in(&ca, &cb), want, "{a:?} {b:?}");
            }
        }
    }

    /// The token similarity as it read before its per-token facts were cached: the
    /// definition the cached one must agree with.
    fn tok_sim_by_definition(ctx: &Ctx, a: &str, b: &str, relaxed: bool) -> f64 {
        if a == b {
            return 1.0;
        }
        let (la, lb) = (a.chars().count(), b.chars().count());
        if la == 1 || lb == 1 {
            let (i, t) = if la == 1 { (a, b) } else { (b, a) };
            return if t.starts_with(i) { 0.5 } else { 0.0 };
        }
        let w = ctx.words;
        let known_pair = (w.places.contains(a) && w.places.contains(b))
            || (w.first_names.contains(a) && w.first_names.contains(b));
        let (sa, sb) = (w.skeleton(a), w.skeleton(b));
        if sa == sb && sa.chars().count() >= 3 && strsim::jaro_winkler(a, b) >= 0.7 {
            return 0.9;
        }
        if known_pair {
            return 0.0;
        }
        let min = la.min(lb);
        if min < 4 || la.abs_diff(lb) * 4 > la.max(lb) {
            return 0.0;
        }
        let jw = strsim::jaro_winkler(a, b);
        if jw < 0.85 {
            return 0.0;
        }
        let lev = lev_sim(a, b);
        if (min >= 5 && lev >= 0.8 && jw >= 0.9)
            || (relaxed && min >= 4 && lev >= 0.75 && jw >= 0.88)
        {
            return 0.85;
        }
        0.0
    }

    #[test]
    fn recent_entries_are_a_maps_and_stay_bounded() {
        // Against a plain map of everything ever inserted: an entry found is always the
        // map's; one asked for in each story is never lost; the two generations never
        // hold more than twice the bound and a story's entries.
        let max = 8;
        let mut recent: Recent<Vec<usize>> = Recent::default();
        let mut all: HashMap<String, Vec<usize>> = HashMap::default();
        let mut found = 0;
        for story in 0..40 {
            recent.age(max);
            // The word every story asks for, and a few of this story's own.
            let mut keys = vec!["velm".to_string()];
            keys.extend((0..5).map(|k| format!("tarwen{}", story * 3 + k)));
            for k in &keys {
                let known = recent.read(k, Vec::clone);
                match &known {
                    Some(v) => {
                        assert_eq!(Some(v), all.get(k), "{k}");
                        found += 1;
                    }
                    None => assert!(k != "velm" || story == 0, "{k} lost in story {story}"),
                }
                recent.entry(k, known.is_some()).push(story);
                all.entry(k.clone()).or_default().push(story);
                assert_eq!(recent.get_mut(k).cloned(), all.get(k).cloned(), "{k}");
            }
            assert!(recent.new.len() + recent.old.len() <= 2 * (max + 1) + keys.len());
        }
        // Not vacuous: entries of earlier stories were found again (the shared word and
        // the overlapping ones), and old ones were dropped.
        assert!(found > 40 + 40, "{found}");
        assert!(recent.get_mut("tarwen0").is_none());
    }

    #[test]
    fn remembered_heads_are_the_vocabularys() {
        let rules = crate::rules::RuleSet::builtin();
        let lexicon = super::super::Lexicon::new(&rules);
        let ctx = Ctx::new(&rules, &lexicon);
        // Heads, their inflections and stems, ordinary and invented words, asked twice
        // (the second answer comes from the memo).
        let words = [
            "bank",
            "banks",
            "banking",
            "airport",
            "police",
            "hospitals",
            "company",
            "holdings",
            "brigade",
            "velmar",
            "orvik",
            "the",
            "",
            "ministry",
            "club",
        ];
        let mut heads = 0;
        for round in 0..2 {
            for w in words {
                let want = ctx.org.head(ctx.words, w);
                assert_eq!(ctx.org_head(w), want, "{w} (round {round})");
                heads += usize::from(want.is_some());
            }
        }
        // Not vacuous: both answers occur.
        assert!(heads > 4 && heads < 2 * words.len(), "{heads}");
    }

    #[test]
    fn facility_heads_follow_their_definition() {
        let rules = crate::rules::RuleSet::builtin();
        let lexicon = super::super::Lexicon::new(&rules);
        let ctx = Ctx::new(&rules, &lexicon);
        // Each head, its stem, inflected forms and invented words.
        let mut heads: Vec<String> = FACILITY_HEADS.iter().map(|h| h.to_string()).collect();
        heads.extend(FACILITY_HEADS.iter().map(|h| orgwords::stem(h)));
        heads.extend(
            ["hospitals", "universities", "ports", "velmar", "", "polic"].map(String::from),
        );
        let mut found = 0;
        for h in &heads {
            let want = FACILITY_HEADS
                .iter()
                .any(|f| *f == h.as_str() || *ctx.stem(f) == **h);
            assert_eq!(ctx.facility_head(h), want, "{h}");
            found += usize::from(want);
        }
        // Not vacuous: both answers occur.
        assert!(
            found >= FACILITY_HEADS.len() && found < heads.len(),
            "{found}"
        );
    }

    /// [`Ctx::split_words`] as first written, one look-up per list: the definition.
    fn split_words_by_definition(
        ctx: &Ctx,
        toks: &[String],
        vocab: bool,
    ) -> (Vec<String>, Vec<String>) {
        let words = ctx.words;
        let mut distinct = Vec::new();
        let mut heads = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            let legal = |t: &String| words.legal_forms.contains(t) && !words.connectors.contains(t);
            if vocab && ctx.org.legal_prefix(t) && toks.get(i + 1).is_some_and(legal) {
                continue;
            }
            let t = match words.abbreviations.get(t) {
                Some(full) if vocab && i + 1 < toks.len() && !words.legal_forms.contains(t) => full,
                _ => t,
            };
            let t = match words.demonyms.get(t) {
                Some(p) => tokens(words, p).join(""),
                None if vocab => ctx.org.translate(t).to_string(),
                None => t.clone(),
            };
            if words.legal_forms.contains(&t)
                || words.connectors.contains(&t)
                || vocab && ctx.org.generic(&t)
            {
                continue;
            }
            let head = if vocab {
                ctx.org.head(words, &t)
            } else {
                words.org_heads.contains(&t).then(|| t.clone())
            };
            let street = i + 1 == toks.len()
                && i > 0
                && (words.street_types.contains(&t)
                    || matches!(t.as_str(), "ave" | "blvd" | "st" | "rd"));
            let head = if street {
                Some("<street>".to_string())
            } else {
                head
            };
            let head = head.or_else(|| {
                if i == 0 || i + 1 != toks.len() {
                    return None;
                }
                let h = words.near_head(&t)?;
                if vocab {
                    ctx.org.head(words, &h)
                } else {
                    Some(h)
                }
            });
            match head {
                Some(h) => heads.push(h),
                None => distinct.push(t),
            }
        }
        (distinct, heads)
    }

    /// A name's keys as first written (a vector per name and per first words, the
    /// keys deduplicated, then the short ones left out): the definition.
    fn joined_keys_by_definition(ctx: &Ctx, toks: &[String]) -> (Vec<String>, Vec<String>) {
        let w = ctx.words;
        let of = |toks: &[String]| {
            let mut v = vec![w.skeleton(&toks.concat())];
            if toks.iter().any(|t| w.articles.contains(t)) {
                let bare: Vec<&String> = toks.iter().filter(|t| !w.articles.contains(*t)).collect();
                v.push(w.skeleton(&bare.iter().map(|t| t.as_str()).collect::<String>()));
            }
            v.dedup();
            v.retain(|k| k.chars().count() >= 7);
            v
        };
        if toks.len() < 2 && toks.first().is_none_or(|t| t.chars().count() < 8) {
            return (Vec::new(), Vec::new());
        }
        let mut prefixes: Vec<String> = (2..toks.len()).flat_map(|k| of(&toks[..k])).collect();
        prefixes.sort();
        prefixes.dedup();
        (of(toks), prefixes)
    }

    #[test]
    fn joined_keys_follow_their_definition() {
        let rules = crate::rules::RuleSet::builtin();
        let lexicon = super::super::Lexicon::new(&rules);
        let ctx = Ctx::new(&rules, &lexicon);
        let mut articles: Vec<String> = rules.words.articles.iter().cloned().collect();
        articles.sort();
        let mut pool: Vec<String> = [
            "velm",
            "tarwen",
            "orvik",
            "zembrowski",
            "abd",
            "abdul",
            "wali",
            "ben",
            "hammedi",
            "kh",
            "x",
            "velmarotarwen",
            "aa",
            "ee",
            "shchor",
            "o",
        ]
        .map(String::from)
        .to_vec();
        pool.extend(articles.into_iter().take(6));
        let mut dice = crate::tests::dice(11);
        let (mut whole, mut prefixes, mut both) = (0, 0, 0);
        for _ in 0..5_000 {
            let toks: Vec<String> = (0..dice(6))
                .map(|_| pool[dice(pool.len())].clone())
                .collect();
            let want = joined_keys_by_definition(&ctx, &toks);
            let (w, p) = ctx.joined_keys(&toks);
            assert_eq!((w.to_vec(), p.to_vec()), want, "{toks:?}");
            whole += usize::from(!want.0.is_empty());
            prefixes += usize::from(!want.1.is_empty());
            both += usize::from(want.0.len() == 2);
        }
        // Not vacuous: keys of both kinds, not always; names with two whole keys.
        assert!(whole > 500 && whole < 4_900, "{whole}");
        assert!(prefixes > 500 && prefixes < 4_900, "{prefixes}");
        assert!(both > 50, "{both}");
    }

    #[test]
    fn split_words_follow_their_definition() {
        let rules = crate::rules::RuleSet::builtin();
        let lexicon = super::super::Lexicon::new(&rules);
        let ctx = Ctx::new(&rules, &lexicon);
        let w = &rules.words;
        // Words of every list the split reads (a few of each, in a fixed order), and
        // invented names and misspelt heads.
        let few = |it: &mut dyn Iterator<Item = &String>| {
            let mut v: Vec<String> = it.cloned().collect();
            v.sort();
            v.truncate(12);
            v
        };
        let mut pool: Vec<String> = Vec::new();
        pool.extend(few(&mut w.abbreviations.keys()));
        pool.extend(few(&mut w.abbreviations.values()));
        pool.extend(few(&mut w.demonyms.keys()));
        pool.extend(few(&mut w.legal_forms.iter()));
        pool.extend(few(&mut w.connectors.iter()));
        pool.extend(few(&mut w.org_heads.iter()));
        pool.extend(few(&mut w.street_types.iter()));
        pool.extend(
            [
                "velmar", "tarwen", "orvik", "zembla", "aiport", "holdng", "open", "joint",
                "stock", "company", "ltd", "llc", "of", "and", "the", "st", "ave", "rd", "blvd",
                "kholding", "zavod", "npo", "intl", "ft", "bank", "banks", "police", "tv",
            ]
            .map(String::from),
        );
        let mut dice = crate::tests::dice(7);
        let (mut heads, mut named, mut shared) = (0, 0, 0);
        for _ in 0..20_000 {
            let toks: Vec<String> = (0..1 + dice(4))
                .map(|_| pool[dice(pool.len())].clone())
                .collect();
            let rc: Rc<[String]> = toks.clone().into();
            for vocab in [true, false] {
                let want = split_words_by_definition(&ctx, &toks, vocab);
                assert_eq!(ctx.split_words(&toks, vocab), want, "{toks:?} {vocab}");
                // The shared split: the same words, the tokens themselves when they are
                // the naming words.
                let (d, h) = ctx.split_shared(&rc, vocab);
                assert_eq!((d.to_vec(), h), want, "{toks:?} {vocab}");
                assert_eq!(Rc::ptr_eq(&d, &rc), want.0 == toks, "{toks:?} {vocab}");
                shared += usize::from(Rc::ptr_eq(&d, &rc));
                heads += usize::from(!want.1.is_empty());
                named += usize::from(!want.0.is_empty());
            }
        }
        // Not vacuous: heads and naming words both found, and not always; the tokens
        // shared, and not always.
        assert!(heads > 5_000 && heads < 39_000, "{heads}");
        assert!(named > 5_000 && named < 39_000, "{named}");
        assert!(shared > 1_000 && shared < 35_000, "{shared}");
    }

    #[test]
    fn cached_token_similarity_is_the_definition() {
        let rules = crate::rules::RuleSet::builtin();
        let lexicon = super::super::Lexicon::new(&rules);
        let ctx = Ctx::new(&rules, &lexicon);
        // Invented names and their variants, known given names and places, initials.
        let toks = [
            "a",
            "j",
            "jo",
            "jon",
            "john",
            "jhon",
            "johan",
            "jonas",
            "velmar",
            "velmer",
            "welmar",
            "mohammed",
            "muhammad",
            "mohamad",
            "zelensky",
            "zelenskyy",
            "kharkov",
            "kharkiv",
            "dmitri",
            "dmytro",
            "tamsin",
            "tamsyn",
            "paris",
            "london",
            "david",
            "daniel",
            "anna",
            "anne",
            "brantel",
            "brantell",
            "orvik",
            "orvick",
            "ørvik",
            "abdul",
            "abdel",
            "kowalski",
            "kovalsky",
            "smith",
            "smyth",
            "ann",
        ];
        for relaxed in [false, true] {
            for a in toks {
                for b in toks {
                    assert_eq!(
                        ctx.tok_sim(a, b, relaxed),
                        tok_sim_by_definition(&ctx, a, b, relaxed),
                        "{a} {b} {relaxed}"
                    );
                }
            }
        }
    }
}
