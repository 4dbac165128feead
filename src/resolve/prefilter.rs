//! A cheap test that two full names may score at all: a necessary condition of
//! [`Ctx::score`], read on token numbers and remembered token relations, so the pairs a
//! blocking bucket proposes are scored only when they may join (nearly all may not: two
//! people sharing a surname's first letters rarely share a given name).
//!
//! Each test here is implied by the score's own rules (the scorer in `score.rs` is the
//! definition): a pair this filter refuses would score `None`, so filtering leaves the
//! joins exactly as they were. `tests` checks this on every pair of invented name sets.

use crate::hash::HashMap;

use super::form::Form;
use super::score::{letters, one_edit_apart, Ctx, Scorer};

/// `tok_sim(a, b, relaxed)` is above 0 (initial, same key, close spelling, same word).
const POS: u8 = 1;
/// `tok_sim(a, b, relaxed)` is 0.85 or more.
const CLOSE: u8 = 2;
/// `org_tok(a, b)` is 0.85 or more.
const ORG: u8 = 4;
/// One edit apart, both of four letters or more (a naming word's typo).
const EDIT: u8 = 8;

/// What the relations read of one token, worked out once.
struct Tok {
    /// Length in characters.
    chars: usize,
    /// Its transliteration key's number ([`Ctx::skeleton_id`]: equal numbers, equal
    /// keys).
    skeleton: u32,
    /// Its first four characters (fewer for a shorter word, zero-padded).
    head: [char; 4],
    /// One bit per letter it holds (`char as u32 % 64`; letters may share a bit).
    letters: u64,
    /// `planes[k]`: the bits of `letters` held by more than `k` of its letters, so
    /// [`unmatched`] counts letters by bits with a few popcounts (it runs on nearly
    /// every pair of tokens a bucket proposes).
    planes: Box<[u64]>,
    /// At most two letters (a person's skippable middle initial).
    short: bool,
    /// [`Ctx::distinctive`].
    distinctive: bool,
}

/// The bit of a letter in [`Tok::letters`].
fn bit(c: char) -> u8 {
    (c as u32 % 64) as u8
}

/// The bit planes of a word's letters ([`Tok::planes`]), in one allocation of their
/// own size: worked out on the stack ([`planes_grown`] for a word with a bit held by
/// more letters than the stack has room for).
fn planes(t: &str) -> Box<[u64]> {
    const ROOM: usize = 8;
    let mut planes = [0u64; ROOM];
    let mut n = 0;
    for c in t.chars() {
        let b = 1u64 << bit(c);
        match planes[..n].iter_mut().find(|p| **p & b == 0) {
            Some(p) => *p |= b,
            None if n < ROOM => {
                planes[n] = b;
                n += 1;
            }
            None => return planes_grown(t),
        }
    }
    planes[..n].into()
}

/// [`planes`] in a vector grown as needed (the definition).
fn planes_grown(t: &str) -> Box<[u64]> {
    let mut planes: Vec<u64> = Vec::new();
    for c in t.chars() {
        let b = 1u64 << bit(c);
        // The first plane without this bit gets it (one more letter on this bit).
        match planes.iter_mut().find(|p| **p & b == 0) {
            Some(p) => *p |= b,
            None => planes.push(b),
        }
    }
    planes.into()
}

/// Are at most `most` letters of `x` without their bit in `y` (letters no letter of `y`
/// can match)? A bit held by `n` letters is in the first `n` planes, so counted `n`
/// times; the count stops past `most` (nearly every pair asked is far past it).
fn unmatched_at_most(x: &Tok, y: &Tok, most: usize) -> bool {
    let mut left = most;
    for p in x.planes.iter() {
        let mut v = p & !y.letters;
        while v != 0 {
            if left == 0 {
                return false;
            }
            left -= 1;
            v &= v - 1;
        }
    }
    true
}

/// Relations of token pairs: a few sums decide most pairs; the others are worked out
/// by the scorer's own functions, once per pair.
struct TokRel<'c, 'f> {
    ctx: &'c Ctx<'c>,
    ids: HashMap<&'f str, u32>,
    strs: Vec<&'f str>,
    toks: Vec<Tok>,
    /// (a, b) → `POS | CLOSE` bits; (a, b) → `ORG | EDIT` bits.
    person: HashMap<u64, u8>,
    org: HashMap<u64, u8>,
}

impl<'c, 'f> TokRel<'c, 'f> {
    /// No token yet: each is numbered and read the first time it is asked about.
    fn new(ctx: &'c Ctx<'c>) -> Self {
        TokRel {
            ctx,
            ids: HashMap::default(),
            strs: Vec::new(),
            toks: Vec::new(),
            person: HashMap::default(),
            org: HashMap::default(),
        }
    }

    fn id(&mut self, t: &'f str) -> u32 {
        if let Some(&i) = self.ids.get(t) {
            return i;
        }
        let i = self.strs.len() as u32;
        self.ids.insert(t, i);
        self.strs.push(t);
        // (Its length, key number and distinctiveness as the scorer remembers them
        // from story to story: one look-up, no key of its own to number.)
        let info = self.ctx.tok_info(t);
        let mut head = ['\0'; 4];
        for (h, c) in head.iter_mut().zip(t.chars()) {
            *h = c;
        }
        let planes = planes(t);
        self.toks.push(Tok {
            chars: info.chars,
            skeleton: info.skeleton,
            head,
            letters: planes.first().copied().unwrap_or(0),
            planes,
            short: info.chars <= 2,
            distinctive: info.distinctive,
        });
        i
    }

    fn ids(&mut self, ts: &'f [String]) -> Vec<u32> {
        ts.iter().map(|t| self.id(t)).collect()
    }

    /// Can `tok_sim`'s spelling branch give 0.85: four letters or more each, lengths
    /// within a quarter, and enough shared letters for a Jaro-Winkler of 0.85? (That
    /// needs a Jaro of 0.75: the prefix bonus adds at most 0.4 × (1 - Jaro); so matches
    /// `m` with m/|a| + m/|b| ≥ 1.25, and `m` is at most the letters each has that the
    /// other may match. 1.22 leaves room for rounding.)
    ///
    /// (`100 m (|a| + |b|) ≥ 122 |a| |b|` holds from `m = need` up: each word may leave
    /// that many fewer of its letters unmatched than it has.)
    fn may_be_close(&self, a: u32, b: u32) -> bool {
        let (x, y) = (&self.toks[a as usize], &self.toks[b as usize]);
        let (la, lb) = (x.chars, y.chars);
        if la.min(lb) < 4 || la.abs_diff(lb) * 4 > la.max(lb) {
            return false;
        }
        let need = (122 * la * lb).div_ceil(100 * (la + lb));
        la.checked_sub(need)
            .zip(lb.checked_sub(need))
            .is_some_and(|(ox, oy)| unmatched_at_most(x, y, ox) && unmatched_at_most(y, x, oy))
    }

    /// Can they be one edit apart, both of four letters or more?
    fn may_be_one_edit(&self, a: u32, b: u32) -> bool {
        let (x, y) = (&self.toks[a as usize], &self.toks[b as usize]);
        x.chars.min(y.chars) >= 4
            && x.chars.abs_diff(y.chars) <= 1
            && unmatched_at_most(x, y, 1)
            && unmatched_at_most(y, x, 1)
    }

    /// `POS | CLOSE` of two tokens (relaxed: the looser reading bounds the other).
    fn person(&mut self, a: u32, b: u32) -> u8 {
        if a == b {
            return POS | CLOSE;
        }
        let (x, y) = (&self.toks[a as usize], &self.toks[b as usize]);
        if x.chars == 1 || y.chars == 1 {
            // An initial: 0.5 when the other word starts with it.
            let (i, t) = if x.chars == 1 { (a, b) } else { (b, a) };
            return u8::from(self.strs[t as usize].starts_with(self.strs[i as usize])) * POS;
        }
        if x.skeleton != y.skeleton && !self.may_be_close(a, b) {
            return 0;
        }
        let key = (u64::from(a) << 32) | u64::from(b);
        if let Some(&r) = self.person.get(&key) {
            return r;
        }
        let s = self
            .ctx
            .tok_sim(self.strs[a as usize], self.strs[b as usize], true);
        let r = if s >= 0.85 {
            POS | CLOSE
        } else {
            u8::from(s > 0.0) * POS
        };
        self.person.insert(key, r);
        r
    }

    /// `ORG | EDIT` of two tokens.
    fn org(&mut self, a: u32, b: u32) -> u8 {
        if a == b {
            return ORG;
        }
        let (x, y) = (&self.toks[a as usize], &self.toks[b as usize]);
        // An initial is at most 0.5; otherwise 0.85 needs the same key, close
        // spelling, or the same first four letters (one stem, a long shared beginning).
        if x.chars == 1
            || y.chars == 1
            || x.skeleton != y.skeleton
                && x.head != y.head
                && !self.may_be_close(a, b)
                && !self.may_be_one_edit(a, b)
        {
            return 0;
        }
        let key = (u64::from(a) << 32) | u64::from(b);
        if let Some(&r) = self.org.get(&key) {
            return r;
        }
        let (x, y) = (self.strs[a as usize], self.strs[b as usize]);
        let mut r = 0;
        if self.ctx.org_tok(x, y) >= 0.85 {
            r |= ORG;
        }
        if x.chars().count().min(y.chars().count()) >= 4 && one_edit_apart(x, y) {
            r |= EDIT;
        }
        self.org.insert(key, r);
        r
    }
}

/// What the filter reads of one form.
struct Sketch {
    toks: Vec<u32>,
    distinct: Vec<u32>,
    heads: Vec<u32>,
    /// Numbers of its whole-name keys and first-words keys (see [`Form::joined`]).
    joined: Vec<u32>,
    joined_prefixes: Vec<u32>,
    /// A hash of its naming words' letters run together, and their number of bytes.
    letters: (u64, usize),
    /// A head an airport, police or hospital is named with ([`Ctx::facility_head`]).
    facility: bool,
    /// The place of the first "and" among its tokens, 0 without one.
    before_and: usize,
}

/// The filter over the forms of a run.
pub(super) struct PairFilter<'c, 'f> {
    forms: &'f [Form],
    rel: TokRel<'c, 'f>,
    /// Per form, made when a pair first asks about it (never for one-word forms).
    sketches: Vec<Option<Sketch>>,
    /// The forms that are full names (that get a sketch).
    full: Vec<bool>,
    /// A number per distinct whole-name or first-words key.
    keys: HashMap<&'f str, u32>,
}

impl<'c, 'f> PairFilter<'c, 'f> {
    /// A filter for the full names among `forms` (`multi`: their indices).
    pub(super) fn new(ctx: &'c Ctx<'c>, forms: &'f [Form], multi: &[usize]) -> Self {
        let rel = TokRel::new(ctx);
        let mut full = vec![false; forms.len()];
        for &i in multi {
            full[i] = true;
        }
        PairFilter {
            forms,
            rel,
            sketches: (0..forms.len()).map(|_| None).collect(),
            full,
            keys: HashMap::default(),
        }
    }

    /// Makes the sketch of a full name the first time it is asked about (most full
    /// names meet no other in a blocking bucket). (Asked twice per pair: the test is
    /// inlined, the making is not.)
    #[inline]
    fn sketch(&mut self, i: usize) {
        if self.full[i] && self.sketches[i].is_none() {
            self.make_sketch(i);
        }
    }

    #[inline(never)]
    fn make_sketch(&mut self, i: usize) {
        let f: &'f Form = &self.forms[i];
        let keys = &mut self.keys;
        let mut key_ids = |ks: &'f [String]| -> Vec<u32> {
            ks.iter()
                .map(|k| {
                    let next = keys.len() as u32;
                    *keys.entry(k.as_str()).or_insert(next)
                })
                .collect()
        };
        let hash = letters(f).fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        let rel = &mut self.rel;
        self.sketches[i] = Some(Sketch {
            toks: rel.ids(&f.toks),
            distinct: rel.ids(&f.distinct),
            heads: rel.ids(&f.heads),
            joined: key_ids(&f.joined),
            joined_prefixes: key_ids(&f.joined_prefixes),
            letters: (hash, f.named.iter().map(String::len).sum()),
            facility: f.heads.iter().any(|h| rel.ctx.facility_head(h)),
            before_and: f.toks.iter().position(|t| t == "and").unwrap_or(0),
        });
    }

    /// False only when `ctx.score(&forms[a], &forms[b])` is `None` (in that order).
    pub(super) fn may_score(&mut self, a: usize, b: usize) -> bool {
        let forms = self.forms;
        let (fa, fb) = (&forms[a], &forms[b]);
        let Some(scorer) = self.rel.ctx.scorer(fa, fb) else {
            return false;
        };
        self.sketch(a);
        self.sketch(b);
        let (Some(sa), Some(sb)) = (&self.sketches[a], &self.sketches[b]) else {
            // Not a full name: no shortcut, let the score say.
            return true;
        };
        if may_join_as_one_word(sa, sb) {
            return true;
        }
        match scorer {
            Scorer::Person => person_may(&mut self.rel, sa, sb),
            Scorer::Name => {
                let heads = sa.heads.len() == sb.heads.len()
                    && sa.heads.iter().all(|h| sb.heads.contains(h));
                // The same letters spaced differently (hashes first, then the letters).
                (heads
                    && sa.letters == sb.letters
                    && sa.letters.1 >= 6
                    && letters(fa).eq(letters(fb)))
                    || name_may(&mut self.rel, sa, sb)
            }
        }
    }
}

/// May [`Ctx::joined`] join them: a whole-name key of one among the other's whole-name
/// or first-words keys.
fn may_join_as_one_word(a: &Sketch, b: &Sketch) -> bool {
    a.joined
        .iter()
        .any(|k| b.joined.contains(k) || b.joined_prefixes.contains(k))
        || b.joined.iter().any(|k| a.joined_prefixes.contains(k))
}

/// May [`Ctx::person`] score them: every word of the shorter name (but a middle initial)
/// like a word of the longer, and one distinctive word close to one.
fn person_may(rel: &mut TokRel, a: &Sketch, b: &Sketch) -> bool {
    let (s, l) = if a.toks.len() <= b.toks.len() {
        (&a.toks, &b.toks)
    } else {
        (&b.toks, &a.toks)
    };
    if s.len() < 2 {
        return false;
    }
    let mut close = false;
    for (k, &t) in s.iter().enumerate() {
        let mut pos = false;
        let distinctive = rel.toks[t as usize].distinctive;
        for &u in l.iter() {
            let r = rel.person(t, u);
            pos |= r & POS != 0;
            close |= r & CLOSE != 0 && distinctive;
            // Nothing later can change either answer.
            if pos && (close || !distinctive) {
                break;
            }
        }
        // A word of one or two letters inside a name of three may go unmatched; the
        // first and last words may not (the ends must match, or all words do).
        let middle = k > 0 && k + 1 < s.len();
        if !(pos || middle && s.len() >= 3 && rel.toks[t as usize].short) {
            return false;
        }
    }
    close
}

/// May [`Ctx::name`] score them: the same early refusals, in the same order, then every
/// naming word of the shorter close to one of the longer (or, once, a letter off), one of
/// them distinctive, and every head of the shorter close to one of the longer.
fn name_may(rel: &mut TokRel, a: &Sketch, b: &Sketch) -> bool {
    // (A sketch holds a number per token of the form: the same lengths, and equal
    // numbers for equal words.)
    let (s, l) = if (a.distinct.len(), a.heads.len()) <= (b.distinct.len(), b.heads.len()) {
        (a, b)
    } else {
        (b, a)
    };
    let (sd, ld) = (s.distinct.len(), l.distinct.len());
    let overlap = sd >= 3 && ld == sd + 1;
    if sd < ld && s.heads.is_empty() && !overlap || sd == 0 {
        return false;
    }
    // The name and the same name "and" something more: scored without the rest.
    let before_and = l.before_and;
    if !s.heads.is_empty() && s.toks.len() >= 2 && before_and >= 1 && l.toks.len() > before_and + 1
    {
        return true;
    }
    let shared_facility = l.facility && s.facility;
    if ld > sd + 1.max(sd / 2) + usize::from(shared_facility) {
        return false;
    }
    if l.facility && !s.heads.iter().any(|h| l.heads.contains(h)) {
        return false;
    }
    let (mut typos, mut distinctive) = (0, false);
    for &t in &s.distinct {
        distinctive |= rel.toks[t as usize].distinctive;
        let mut r = 0;
        for &u in &l.distinct {
            r |= rel.org(t, u);
            // A close word found: whether another is a letter off no longer counts.
            if r & ORG != 0 {
                break;
            }
        }
        if r & ORG == 0 {
            if r & EDIT == 0 || sd < 2 {
                return false;
            }
            typos += 1;
        }
    }
    if typos > 1 || !distinctive {
        return false;
    }
    s.heads
        .iter()
        .all(|&h| l.heads.iter().any(|&x| rel.person(h, x) & CLOSE != 0))
}

#[cfg(test)]
mod tests {
    use super::super::{form, passes, Lexicon};
    use super::*;
    use crate::mentions::{EntityKind, Mention};
    use crate::rules::RuleSet;
    use crate::span::Span;

    #[test]
    fn planes_on_the_stack_are_the_grown_ones() {
        // Words of a few letters, and words with one letter (or one bit: '0' and 'p'
        // share one) held by up to twelve letters, past the stack's room.
        let mut words: Vec<String> = ["", "a", "velm", "tarwen", "abracadabra", "ørvik"]
            .map(String::from)
            .to_vec();
        for n in 1..=12 {
            words.push("a".repeat(n));
            words.push(format!("velm{}", "a".repeat(n)));
            words.push(format!("{}{}", "0".repeat(n), "p"));
        }
        let mut grown = 0;
        for w in &words {
            assert_eq!(planes(w), planes_grown(w), "{w:?}");
            grown += usize::from(planes(w).len() > 8);
        }
        // Not vacuous: both ways taken.
        assert!(grown > 5 && grown + 10 < words.len(), "{grown}");
    }

    /// Spelling variants of an invented word: itself, each letter left out, each pair of
    /// neighbours swapped, a vowel changed, a letter doubled, its initial.
    fn variants(w: &str) -> Vec<String> {
        let cs: Vec<char> = w.chars().collect();
        let mut out = vec![w.to_string(), cs[0].to_string()];
        for i in 0..cs.len() {
            let mut d = cs.clone();
            d.remove(i);
            out.push(d.iter().collect());
            let mut dbl = cs.clone();
            dbl.insert(i, cs[i]);
            out.push(dbl.iter().collect());
            if i + 1 < cs.len() {
                let mut s = cs.clone();
                s.swap(i, i + 1);
                out.push(s.iter().collect());
            }
            if "aeiou".contains(cs[i]) {
                let mut v = cs.clone();
                v[i] = if cs[i] == 'e' { 'a' } else { 'e' };
                out.push(v.iter().collect());
            }
        }
        out
    }

    fn cap(w: &str) -> String {
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    }

    /// Invented people, organisations and places, with near-miss spellings of each
    /// word, in a fixed pseudo-random mix.
    fn invented_mentions() -> Vec<Mention> {
        let given = ["velm", "tarwen", "orlan", "kesta", "brantel", "mirelle"];
        let family = ["rekavik", "zembrowski", "halvorsen", "ostrander", "quillon"];
        let org_words = ["velmar", "orvik", "zembla", "tarnholt"];
        let heads = [
            "Press", "Pres", "Airport", "Holdings", "Bank", "Club", "Party", "County",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % n
        };
        let mut texts: Vec<(String, EntityKind, bool)> = Vec::new();
        for g in given {
            let gv = variants(g);
            for f in family {
                let fv = variants(f);
                for _ in 0..6 {
                    let (a, b) = (&gv[next(gv.len())], &fv[next(fv.len())]);
                    let text = match next(5) {
                        0 => format!("{} {}", cap(a), cap(b)),
                        1 => format!("{} {} {}", cap(g), cap(&fv[next(fv.len())]), cap(b)),
                        2 => format!("{} {}", cap(b), cap(a)),
                        3 => format!("{}. {}", cap(&g[..1]), cap(b)),
                        _ => format!("{} {}", cap(g), cap(b)),
                    };
                    texts.push((text, EntityKind::Person, next(2) == 0));
                }
            }
        }
        for w in org_words {
            let wv = variants(w);
            for _ in 0..30 {
                let a = &wv[next(wv.len())];
                let b = org_words[next(org_words.len())];
                let h = heads[next(heads.len())];
                let kind = [EntityKind::Org, EntityKind::Place, EntityKind::Other][next(3)];
                let text = match next(6) {
                    0 => format!("{} {h}", cap(a)),
                    1 => format!("{}-{} International {h}", cap(a), cap(b)),
                    2 => format!("{} {h} and Dining Center", cap(a)),
                    3 => format!("{} {h} of {}", cap(a), cap(b)),
                    4 => format!("{} {}", cap(a), cap(b)),
                    _ => format!("{}{}", cap(a), h.to_lowercase()),
                };
                texts.push((text, kind, false));
            }
        }
        texts
            .into_iter()
            .enumerate()
            .map(|(i, (text, kind, titled))| Mention {
                doc: i % 7,
                sentence: 0,
                span: Span::new(0, text.len()),
                text,
                kind,
                title: titled.then(|| Span::new(0, 0)),
            })
            .collect()
    }

    /// The blocking keys as they were first written (each built with `format!`): the
    /// definition `Ctx::blocking_keys` and `Ctx::org_keys` must agree with.
    fn keys_by_definition(ctx: &Ctx, f: &Form) -> (Vec<String>, Vec<String>) {
        let mut keys = Vec::new();
        for j in f.joined.iter().chain(f.joined_prefixes.iter()) {
            keys.push(format!("j{j}"));
        }
        if f.kind != EntityKind::Person {
            keys.push(format!("c{}", f.named.concat()));
        }
        let toks: &[String] = if f.kind == EntityKind::Person && f.distinct.len() >= 2 {
            &f.distinct[1..]
        } else {
            &f.distinct
        };
        for t in toks {
            if !ctx.distinctive(t) {
                continue;
            }
            let sk = ctx.skel(t);
            if sk.chars().count() >= 2 {
                keys.push(format!("k{sk}"));
            }
            keys.push(format!("p{}", t.chars().take(4).collect::<String>()));
            let n = t.chars().count();
            if n >= 6 {
                keys.push(format!("s{}", t.chars().skip(n - 4).collect::<String>()));
            }
        }
        keys.sort();
        keys.dedup();
        let mut org = Vec::new();
        if f.kind == EntityKind::Person && !f.strong && f.distinct.len() >= 2 {
            org.push(format!("c{}", f.named.concat()));
            let t = &f.distinct[0];
            if ctx.distinctive(t) {
                let sk = ctx.skel(t);
                if sk.chars().count() >= 2 {
                    org.push(format!("k{sk}"));
                }
            }
        }
        (keys, org)
    }

    #[test]
    fn blocking_keys_follow_their_definition() {
        let rules = RuleSet::builtin();
        let lexicon = Lexicon::new(&rules);
        let ctx = Ctx::new(&rules, &lexicon);
        let mut mentions = invented_mentions();
        // Words outside ASCII, of every length around the prefix and suffix keys.
        for (i, text) in [
            "Ørvik Brøntelsen",
            "Çelmaz Žarkowić",
            "Velm Åbø",
            "Zembłowski Holdings",
            "Brøn Ål Tøvik",
            "Tarwen Ærøskøbing Bank",
            "Kęsta Orłan",
        ]
        .iter()
        .enumerate()
        {
            for kind in [EntityKind::Person, EntityKind::Org, EntityKind::Other] {
                mentions.push(Mention {
                    doc: i,
                    sentence: 0,
                    span: Span::new(0, text.len()),
                    text: text.to_string(),
                    kind,
                    title: None,
                });
            }
        }
        let forms = form::forms(&mentions, &ctx);
        let mut guessed = 0;
        for f in &forms {
            let (keys, org) = keys_by_definition(&ctx, f);
            assert_eq!(ctx.blocking_keys(f), keys, "{:?}", f.key);
            assert_eq!(ctx.org_keys(f), org, "{:?}", f.key);
            guessed += usize::from(!org.is_empty());
        }
        // Not vacuous: guessed persons (with organisation keys) occur.
        assert!(guessed > 10, "{guessed}");
    }

    #[test]
    fn what_a_thread_remembers_never_changes_a_story() {
        use super::super::cluster_with;
        let rules = RuleSet::builtin();
        let lexicon = Lexicon::new(&rules);
        let mentions = invented_mentions();
        // The story on a thread that has read nothing before.
        let fresh = std::thread::scope(|s| {
            s.spawn(|| cluster_with(&mentions, &rules, &lexicon))
                .join()
                .expect("thread")
        });
        // The same story after others have filled this thread's memo: two stories made
        // of its sources, then one read with another lexicon (which starts afresh).
        let (even, odd): (Vec<Mention>, Vec<Mention>) =
            mentions.iter().cloned().partition(|m| m.doc % 2 == 0);
        cluster_with(&odd, &rules, &lexicon);
        cluster_with(&even, &rules, &lexicon);
        assert_eq!(cluster_with(&mentions, &rules, &lexicon), fresh);
        cluster_with(&odd, &rules, &Lexicon::new(&rules));
        assert_eq!(cluster_with(&mentions, &rules, &lexicon), fresh);
        // Not vacuous: names were joined.
        assert!(fresh.len() + 100 < mentions.len(), "{}", fresh.len());
    }

    #[test]
    fn unmatched_letters_follow_their_definition() {
        let rules = RuleSet::builtin();
        let lexicon = Lexicon::new(&rules);
        let ctx = Ctx::new(&rules, &lexicon);
        // Invented words, their variants, and words outside ASCII whose letters share a
        // bit with others.
        let words: Vec<String> = ["velmar", "orvik", "ab", "tarnholt", "ørvik", "çelmaz"]
            .iter()
            .flat_map(|w| variants(w))
            .chain(["a", "ÿ", "z", "¹", "aaaaaaa", "sessassassin", "ørøvøkø"].map(String::from))
            .collect();
        let mut rel = TokRel::new(&ctx);
        let ids = rel.ids(&words);
        // As first written: each letter of `x` decoded and looked up.
        let unmatched = |x: &str, y: &Tok| {
            x.chars()
                .filter(|&c| y.letters & (1 << (c as u32 % 64)) == 0)
                .count()
        };
        let (mut some, mut close) = (0, 0);
        for (x, &a) in words.iter().zip(&ids) {
            for (w, &b) in words.iter().zip(&ids) {
                let y = &rel.toks[b as usize];
                let n = unmatched(x, y);
                for most in 0..6 {
                    let got = unmatched_at_most(&rel.toks[a as usize], y, most);
                    assert_eq!(got, n <= most, "{x} {w} {most}");
                }
                some += usize::from(n > 0);
                // The closeness bound as first written.
                let (la, lb) = (x.chars().count(), w.chars().count());
                let want = la.min(lb) >= 4 && la.abs_diff(lb) * 4 <= la.max(lb) && {
                    let m = (la - n).min(lb - unmatched(w, &rel.toks[a as usize]));
                    100 * m * (la + lb) >= 122 * la * lb
                };
                assert_eq!(rel.may_be_close(a, b), want, "{x} {w}");
                close += usize::from(want);
            }
        }
        // Not vacuous: both answers occur.
        let pairs = ids.len() * ids.len();
        assert!(some > 100 && some < pairs, "{some}");
        assert!(close > 100 && close < pairs, "{close}");
    }

    #[test]
    fn token_relations_are_the_scorers() {
        let rules = RuleSet::builtin();
        let lexicon = Lexicon::new(&rules);
        let ctx = Ctx::new(&rules, &lexicon);
        let words: Vec<String> = ["velmar", "orvik", "ab", "zemblayun", "tarnholt", "kesta"]
            .iter()
            .flat_map(|w| variants(w))
            .chain(["velmarov", "anvelmar", "rvik", "managing", "management"].map(String::from))
            .collect();
        let mut rel = TokRel::new(&ctx);
        let ids = rel.ids(&words);
        let (mut close, mut org) = (0, 0);
        for (x, &a) in words.iter().zip(&ids) {
            for (y, &b) in words.iter().zip(&ids) {
                let s = ctx.tok_sim(x, y, true);
                let want = (u8::from(s > 0.0) * POS) | (u8::from(s >= 0.85) * CLOSE);
                assert_eq!(rel.person(a, b), want, "{x} {y}");
                let edit =
                    x.chars().count().min(y.chars().count()) >= 4 && one_edit_apart(x, y) && x != y;
                let want = (u8::from(ctx.org_tok(x, y) >= 0.85) * ORG) | (u8::from(edit) * EDIT);
                assert_eq!(rel.org(a, b), want, "{x} {y}");
                close += usize::from(s >= 0.85 && x != y);
                org += usize::from(want & ORG != 0 && s < 0.85);
            }
        }
        // Not vacuous: close spellings and one-stem or shared-beginning words occur.
        assert!(close > 100 && org > 0, "{close} {org}");
    }

    #[test]
    fn a_refused_pair_never_scores() {
        let rules = RuleSet::builtin();
        let lexicon = Lexicon::new(&rules);
        let ctx = Ctx::new(&rules, &lexicon);
        let mentions = invented_mentions();
        let forms = form::forms(&mentions, &ctx);
        let multi: Vec<usize> = (0..forms.len()).filter(|&i| forms[i].multi()).collect();
        let mut filter = PairFilter::new(&ctx, &forms, &multi);
        let (mut refused, mut scored, mut total) = (0, 0, 0);
        for &i in &multi {
            for &j in &multi {
                if i == j {
                    continue;
                }
                total += 1;
                let score = ctx.score(&forms[i], &forms[j]);
                scored += usize::from(score.is_some());
                if !filter.may_score(i, j) {
                    refused += 1;
                    assert_eq!(score, None, "{:?} / {:?}", forms[i].key, forms[j].key);
                }
            }
        }
        // Not vacuous: many pairs score, and most of the others are refused unscored.
        let seen = format!("{} names, {scored} scored, {refused} refused", multi.len());
        assert!(multi.len() > 250, "{seen}");
        assert!(scored > 400, "{seen}");
        assert!(refused * 10 > (total - scored) * 7, "{seen}");
    }

    /// The full-names pass's candidate pairs as first written: every bucket's pairs
    /// (all of them, or in an oversized bucket each member with the `window` after it
    /// in spelling order) and each guessed person's organisations, collected, sorted
    /// and deduplicated. The definition `passes::full_name_pairs` must agree with.
    fn full_name_pairs_by_definition(
        ctx: &Ctx,
        forms: &[Form],
        multi: &[usize],
        (max_bucket, window): (usize, usize),
    ) -> Vec<(usize, usize)> {
        let mut buckets: HashMap<String, Vec<usize>> = HashMap::default();
        let mut guessed: Vec<(usize, Vec<String>)> = Vec::new();
        for &i in multi {
            let own = ctx.blocking_keys(&forms[i]);
            let extra: Vec<String> = ctx
                .org_keys(&forms[i])
                .into_iter()
                .filter(|k| !own.contains(k))
                .collect();
            if !extra.is_empty() {
                guessed.push((i, extra));
            }
            for k in own {
                buckets.entry(k).or_default().push(i);
            }
        }
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for b in buckets.values() {
            if b.len() <= max_bucket {
                for (x, &i) in b.iter().enumerate() {
                    for &j in &b[x + 1..] {
                        pairs.push((i.min(j), i.max(j)));
                    }
                }
                continue;
            }
            let mut sorted = b.to_vec();
            sorted.sort_by_key(|&i| (&*forms[i].key, i));
            for (x, &i) in sorted.iter().enumerate() {
                for &j in sorted.iter().skip(x + 1).take(window) {
                    pairs.push((i.min(j), i.max(j)));
                }
            }
        }
        for (i, keys) in &guessed {
            for k in keys {
                let Some(b) = buckets.get(k) else { continue };
                let near: Vec<usize> = if b.len() > max_bucket {
                    let mut v: Vec<usize> = b.clone();
                    let me = &*forms[*i].key;
                    v.sort_by_key(|&j| (&*forms[j].key < me, &*forms[j].key, j));
                    v.into_iter().take(window).collect()
                } else {
                    b.clone()
                };
                for j in near
                    .into_iter()
                    .filter(|&j| j != *i && forms[j].kind != EntityKind::Person)
                {
                    pairs.push((j.min(*i), j.max(*i)));
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }

    #[test]
    fn full_name_pairs_follow_their_definition() {
        let rules = RuleSet::builtin();
        let lexicon = Lexicon::new(&rules);
        let ctx = Ctx::new(&rules, &lexicon);
        let mentions = invented_mentions();
        let forms = form::forms(&mentions, &ctx);
        let multi: Vec<usize> = (0..forms.len()).filter(|&i| forms[i].multi()).collect();
        // The pass's own limits, and small ones that make most buckets oversized (the
        // window on either side, the guessed persons' nearest organisations).
        for limits in [(200, 64), (12, 5), (3, 1), (2, 2), (1, 0), (0, 3)] {
            let mut got = passes::full_name_pairs(&ctx, &forms, &multi, limits);
            let n = got.len();
            got.sort_unstable();
            got.dedup();
            assert_eq!(got.len(), n, "{limits:?}: a pair given twice");
            let want = full_name_pairs_by_definition(&ctx, &forms, &multi, limits);
            assert_eq!(got, want, "{limits:?}");
            // Not vacuous: many pairs.
            assert!(limits.0 < 200 || want.len() > 300, "{}", want.len());
        }
    }

    #[test]
    fn filtered_full_names_join_as_every_pair_scored() {
        let rules = RuleSet::builtin();
        let lexicon = Lexicon::new(&rules);
        let ctx = Ctx::new(&rules, &lexicon);
        let mentions = invented_mentions();
        let forms = form::forms(&mentions, &ctx);
        let groups = |filtered: bool| {
            let mut p = passes::Passes::new(&ctx, &forms);
            p.join_full_names(filtered);
            p.entities(&mentions)
        };
        let (fast, slow) = (groups(true), groups(false));
        assert_eq!(fast, slow);
        // Not vacuous: some full names were joined.
        assert!(
            fast.len() + 50 < forms.len(),
            "{} {}",
            fast.len(),
            forms.len()
        );
    }
}
