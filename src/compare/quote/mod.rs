//! Quote comparison: the same statement quoted by several sources.
//!
//! Candidate pairs come from a shingle index (three-word runs shared by quotations of
//! different sources), never from all pairs. Each candidate pair is aligned word by
//! word (`align.rs`); pairs whose shorter quote lines up well enough are the same
//! statement and are grouped. In each group the version most sources agree with is the
//! reference, and every other source's version is compared with it:
//!
//! - `check: wording` — differences beyond case, punctuation, quote marks,
//!   contractions, the writer's cuts ("…") and insertions ("[…]") and filler words; a
//!   changed number or negation is an error, a change of minor words only is info;
//! - `check: speaker` — explicit speakers (named next to the quote, or a transcript
//!   label) that are different entities of the same kind;
//! - `check: paraphrase` — another source has, outside quote marks, a sentence that
//!   reports the same speaker with most of the quote's content words.

pub mod align;

use crate::hash::{HashMap, HashSet};
use crate::unionfind::UnionFind;
use std::collections::{BTreeMap, BTreeSet};

use super::{short_id, stable_id, Evidence, Finding, FindingKind, Severity};
use crate::load::Document;
use crate::mentions::Mention;
use crate::quotes::{attribution, Quote, QuoteForm};
use crate::resolve::Entity;
use crate::rules::{QuoteCheck, QuoteRule, Rule, RuleSet};
use crate::segment::Sentence;
use crate::vocab::Subject;
use crate::wordlists::stem::stem;
use align::{Alignment, Hunk, Numbered, Token};

/// Largest shingle bucket used for candidate pairs (very common runs give none).
const MAX_BUCKET: usize = 64;
/// Words on each side of an edge that may differ and still count as a changed ending.
const EDGE_WORDS: usize = 3;

/// Words that carry no content of their own, for the paraphrase check.
/// Grammar, not vocabulary: pronouns, auxiliaries and particles, a closed class.
const FUNCTION_WORDS: &[&str] = &[
    "i", "we", "you", "he", "she", "they", "me", "us", "him", "her", "them", "my", "our", "your",
    "his", "their", "its", "will", "would", "can", "could", "should", "shall", "may", "might",
    "must", "do", "does", "did", "am", "not", "no", "what", "which", "who", "if", "as", "or",
    "than", "then", "here", "now", "about", "out", "up", "when", "one", "get", "got",
];

fn negation(w: &str) -> bool {
    matches!(
        w,
        "not" | "no" | "never" | "nothing" | "none" | "nobody" | "neither" | "nor" | "without"
    )
}

/// Words a quote has for matching (the ellipsis marker and insertions left out).
fn size(words: &Numbered, gap: Option<u32>) -> usize {
    words
        .ids
        .iter()
        .zip(&words.editorial)
        .filter(|&(&w, &e)| Some(w) != gap && !e)
        .count()
}

/// A quotation's words as [`weigh`] reads them, by position: the folded word, and
/// whether it is the writer's insertion or the ellipsis marker. Tokens have them
/// written out; numbered words ([`NumberedWords`]) have them by number, so that
/// weighing a difference needs no tokens.
trait Weighed {
    fn at(&self, i: usize) -> &str;
    fn editorial(&self, i: usize) -> bool;
    /// `None` past the last word.
    fn gap(&self, i: usize) -> Option<bool>;
}

impl Weighed for [Token] {
    fn at(&self, i: usize) -> &str {
        &self[i].norm
    }
    fn editorial(&self, i: usize) -> bool {
        self[i].editorial
    }
    fn gap(&self, i: usize) -> Option<bool> {
        self.get(i).map(Token::is_gap)
    }
}

/// A quotation's numbered words with the numbers they were read with: what its
/// tokens say of each word ([`align::tokens`] and [`align::WordNumbers::read`] give
/// one number per token).
struct NumberedWords<'a> {
    words: &'a Numbered,
    numbers: &'a align::WordNumbers,
    /// The ellipsis marker's number.
    gap: Option<u32>,
}

impl Weighed for NumberedWords<'_> {
    fn at(&self, i: usize) -> &str {
        self.numbers.word(self.words.ids[i])
    }
    fn editorial(&self, i: usize) -> bool {
        self.words.editorial[i]
    }
    fn gap(&self, i: usize) -> Option<bool> {
        self.words.ids.get(i).map(|&w| Some(w) == self.gap)
    }
}

/// How much a run of differences matters, or `None` when it does not count.
fn weigh<A: Weighed + ?Sized, B: Weighed + ?Sized>(
    a: &A,
    b: &B,
    h: &Hunk,
    rule: &QuoteRule,
) -> Option<Severity> {
    fn near_gap<T: Weighed + ?Sized>(t: &T, ix: &[usize]) -> bool {
        ix.iter().any(|&i| t.gap(i) == Some(true))
            || ix
                .first()
                .is_some_and(|&i| i > 0 && t.gap(i - 1) == Some(true))
            || ix.last().is_some_and(|&i| t.gap(i + 1) == Some(true))
    }
    if near_gap(a, &h.a) || near_gap(b, &h.b) {
        return None;
    }
    fn keep<'t, T: Weighed + ?Sized>(t: &'t T, ix: &[usize], rule: &QuoteRule) -> Vec<&'t str> {
        ix.iter()
            .filter(|&&i| !t.editorial(i) && !rule.trivial_words.iter().any(|w| w == t.at(i)))
            .map(|&i| t.at(i))
            .collect()
    }
    let (mut wa, mut wb) = (keep(a, &h.a, rule), keep(b, &h.b, rule));
    if wa.is_empty() && wb.is_empty() {
        return None;
    }
    // An editorial insertion opposite the speaker's words is the writer's paraphrase.
    fn editorial<T: Weighed + ?Sized>(t: &T, ix: &[usize]) -> bool {
        !ix.is_empty() && ix.iter().all(|&i| t.editorial(i))
    }
    if editorial(a, &h.a) || editorial(b, &h.b) {
        return None;
    }
    let number = |w: &[&str]| {
        w.iter()
            .any(|x| x.starts_with(|c: char| c.is_ascii_digit()))
    };
    let negs = |w: &[&str]| w.iter().filter(|x| negation(x)).count();
    if number(&wa) || number(&wb) || negs(&wa) != negs(&wb) {
        return Some(Severity::Error);
    }
    // Stems: "test" / "tests", "suspend" / "suspending" are a change of form only.
    let stem = |w: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = w.iter().map(|x| stem(x)).collect();
        v.sort();
        v
    };
    wa.sort_unstable();
    wb.sort_unstable();
    let minor = |w: &[&str]| w.iter().all(|x| rule.minor_words.iter().any(|m| m == x));
    if wa == wb || stem(&wa) == stem(&wb) || (minor(&wa) && minor(&wb)) {
        return Some(Severity::Info);
    }
    // A few words left out (or added) without an ellipsis: a shortened quote.
    if (wa.is_empty() || wb.is_empty()) && wa.len() + wb.len() <= 3 {
        return Some(Severity::Info);
    }
    Some(Severity::Warning)
}

/// Quotations with the same words (and the same cuts and insertions) form one class,
/// represented by its first member: `rep[i]` is that member. Identical quotations are
/// the same statement whatever their number, so they are grouped here, in linear time,
/// and never go through the capped shingle buckets below.
fn classes(words: &[Numbered]) -> Vec<usize> {
    let mut first: HashMap<&Numbered, usize> = HashMap::default();
    words
        .iter()
        .enumerate()
        .map(|(i, w)| *first.entry(w).or_insert(i))
        .collect()
}

/// Candidate pairs of classes (by their representatives) that share a word run and
/// have members in different sources, lower index first, in ascending order.
/// `doc_of` gives each quotation's source.
fn candidates(
    doc_of: &[usize],
    words: &[Numbered],
    gap: Option<u32>,
    rep: &[usize],
) -> Vec<(usize, usize)> {
    let one_doc = lone_sources(doc_of, rep);
    // Runs of three word numbers (equal numbers are equal words), each numbered at
    // its first meeting, and each class listed once per run it has, in index order.
    // One look-up a run met: whether the class was listed under it already is the
    // run's last class listed (the classes come in index order).
    let mut runs: HashMap<[u32; 3], u32> = HashMap::default();
    let mut last: Vec<usize> = Vec::new();
    let mut listed: Vec<(u32, usize)> = Vec::new();
    let mut kept = Vec::new();
    for (i, t) in words.iter().enumerate() {
        if rep[i] != i {
            continue;
        }
        kept.clear();
        kept.extend(t.ids.iter().copied().filter(|&w| Some(w) != gap));
        for w in kept.windows(3) {
            let next = runs.len() as u32;
            let r = *runs.entry([w[0], w[1], w[2]]).or_insert(next);
            if r == next {
                last.push(i);
            } else if last[r as usize] == i {
                continue;
            } else {
                last[r as usize] = i;
            }
            listed.push((r, i));
        }
    }
    // Each run's classes, in one array, a stretch per run (placed by counts, in the
    // order listed): no vector per run, and most runs are in one class.
    let mut from = vec![0usize; runs.len() + 1];
    for &(r, _) in &listed {
        from[r as usize + 1] += 1;
    }
    for r in 0..runs.len() {
        from[r + 1] += from[r];
    }
    let mut members = vec![0usize; listed.len()];
    let mut at = from.clone();
    for &(r, i) in &listed {
        members[at[r as usize]] = i;
        at[r as usize] += 1;
    }
    // A run shared by more different quotations than a bucket holds is a stock
    // phrase: it does not make them candidates (their other runs still may). Copies
    // of one quotation count once, so repeating a quotation never reaches this.
    let buckets: Vec<&[usize]> = from
        .windows(2)
        .map(|w| &members[w[0]..w[1]])
        .filter(|list| (2..=MAX_BUCKET).contains(&list.len()))
        .collect();
    // Where each class stands in the buckets it is in: (bucket, position).
    let mut homes: Vec<Vec<(usize, usize)>> = vec![Vec::new(); words.len()];
    for (b, list) in buckets.iter().enumerate() {
        for (p, &i) in list.iter().enumerate() {
            homes[i].push((b, p));
        }
    }
    // Each class with the classes after it in its buckets, each met once: two similar
    // quotations share many runs, and a mark per class met costs far less than a
    // sorted set of all the pairs met.
    let mut pairs = Vec::new();
    let mut met = vec![usize::MAX; words.len()];
    let mut with = Vec::new();
    for (i, home) in homes.iter().enumerate() {
        with.clear();
        for &(b, p) in home {
            for &j in &buckets[b][p + 1..] {
                if met[j] != i {
                    met[j] = i;
                    if one_doc[i].is_none() || one_doc[i] != one_doc[j] {
                        with.push(j);
                    }
                }
            }
        }
        with.sort_unstable();
        pairs.extend(with.iter().map(|&j| (i, j)));
    }
    pairs
}

/// For each class (at its representative): its source when all its members are in
/// one, `None` when they are in several (and for quotations that are no
/// representative).
fn lone_sources(doc_of: &[usize], rep: &[usize]) -> Vec<Option<usize>> {
    // `None` while no member is met, then `Some(source)`, or `Some(None)` for many.
    let mut seen: Vec<Option<Option<usize>>> = vec![None; rep.len()];
    for (&r, &d) in rep.iter().zip(doc_of) {
        seen[r] = match seen[r] {
            None => Some(Some(d)),
            Some(Some(e)) if e == d => Some(Some(d)),
            _ => Some(None),
        };
    }
    seen.into_iter().map(Option::flatten).collect()
}

/// [`candidates`] the plain way, to test it against: every two classes, each
/// quotation's runs of three words listed in full, the pairs kept in an ordered set.
#[cfg(test)]
fn candidates_by_definition(
    doc_of: &[usize],
    words: &[Numbered],
    gap: Option<u32>,
    rep: &[usize],
) -> Vec<(usize, usize)> {
    let runs = |i: usize| -> BTreeSet<[u32; 3]> {
        let w: Vec<u32> = words[i]
            .ids
            .iter()
            .copied()
            .filter(|&w| Some(w) != gap)
            .collect();
        w.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
    };
    let reps: Vec<usize> = (0..rep.len()).filter(|&i| rep[i] == i).collect();
    let runs: BTreeMap<usize, BTreeSet<[u32; 3]>> = reps.iter().map(|&i| (i, runs(i))).collect();
    let sources = |c: usize| -> BTreeSet<usize> {
        (0..rep.len())
            .filter(|&k| rep[k] == c)
            .map(|k| doc_of[k])
            .collect()
    };
    let mut out = BTreeSet::new();
    for &i in &reps {
        for &j in reps.iter().filter(|&&j| j > i) {
            let (si, sj) = (sources(i), sources(j));
            if si.len() == 1 && si == sj {
                continue;
            }
            let shared = runs[&i]
                .intersection(&runs[&j])
                .any(|run| reps.iter().filter(|&&k| runs[&k].contains(run)).count() <= MAX_BUCKET);
            if shared {
                out.insert((i, j));
            }
        }
    }
    out.into_iter().collect()
}

/// Do two aligned quotations (of [`size`]s `a` and `b`) say the same thing, by a
/// rule's thresholds?
fn same(a: usize, b: usize, al: &Alignment, rule: &QuoteRule) -> bool {
    let shorter = a.min(b);
    shorter >= rule.min_words && al.same >= 3 && al.same as f64 >= rule.min_overlap * shorter as f64
}

/// The words two quotations share, repeats counted as often as both have them (`a`
/// and `b` sorted): no alignment pairs more equal words than that. A short quotation
/// against a long one (a sentence inside a transcript) looks its words up by binary
/// search, so the pair costs the short one's length times a logarithm, not the long
/// one's length; [`shared_words_merge`] otherwise.
fn shared_words(a: &[u32], b: &[u32]) -> usize {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if a.len() * 16 >= b.len() {
        return shared_words_merge(a, b);
    }
    let (mut rest, mut i, mut n) = (b, 0, 0);
    while i < a.len() {
        let x = a[i];
        let here = a[i..].iter().take_while(|&&y| y == x).count();
        rest = &rest[rest.partition_point(|&y| y < x)..];
        let there = rest.partition_point(|&y| y == x);
        n += here.min(there);
        rest = &rest[there..];
        i += here;
    }
    n
}

/// [`shared_words`] by one walk along both lists. Branch-free steps (the side with the
/// smaller word moves, both on equal words): which way a step goes is unpredictable.
fn shared_words_merge(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

/// Bins of a quotation's words: how many of its words have a number in each
/// residue modulo [`BINS`]. No quotation has more than [`align::MAX_TOKENS`] words and
/// a contraction's second, so no count overflows.
const BINS: usize = 64;
type Bins = [u16; BINS];

fn bins(ids: &[u32]) -> Bins {
    let mut out = [0u16; BINS];
    for &w in ids {
        out[w as usize % BINS] += 1;
    }
    out
}

/// At least [`shared_words`]: the words two quotations share in a bin are no more
/// than the fewer words either has there. A few steps per bin, whatever the lengths.
fn shared_bound(a: &Bins, b: &Bins) -> usize {
    a.iter().zip(b).map(|(&x, &y)| usize::from(x.min(y))).sum()
}

/// Could two quotations sharing `shared` words be the same statement under any of
/// `rules` ([`same`] with the shared words in place of the aligned ones)? When not,
/// [`same`] refuses their alignment whatever it is, so it is never computed: aligning
/// costs the product of the two lengths, counting shared words their sum.
fn may_be_same(shared: usize, shorter: usize, rules: &[&QuoteRule]) -> bool {
    shared >= 3
        && rules.iter().any(|rule| {
            shorter >= rule.min_words && shared as f64 >= rule.min_overlap * shorter as f64
        })
}

/// The first words of a quote, for messages.
fn opening(q: &Quote) -> String {
    let words: Vec<&str> = q.text.split_whitespace().collect();
    if words.len() <= 8 {
        words.join(" ")
    } else {
        format!("{} …", words[..8].join(" "))
    }
}

struct Ctx<'a> {
    docs: &'a [Document],
    sentences: &'a [Vec<Sentence>],
    quotes: &'a [Quote],
    /// Each quotation's tokens, made when first needed: only quotations that line up
    /// with another are read word by word.
    toks: Vec<std::cell::OnceCell<Vec<Token>>>,
    /// Each quotation's [`size`], counted once (every pair and every rule reads it).
    sizes: Vec<usize>,
    /// The class representative of each quotation (see [`classes`]).
    rep: Vec<usize>,
    /// Alignments of pairs of representatives, lower index first.
    aligned: BTreeMap<(usize, usize), Alignment>,
    /// The representatives each representative was aligned with (the keys of `aligned`).
    near: HashMap<usize, Vec<usize>>,
    /// Each representative aligned with itself: the alignment of two of its copies.
    itself: HashMap<usize, Alignment>,
    /// Each quotation's words as numbers.
    words: &'a [Numbered],
    /// The numbers of the words: read by [`weigh`], and added to by the paraphrase
    /// check as it reads sentences (never both at once).
    numbers: std::cell::RefCell<align::WordNumbers>,
    /// The ellipsis marker's number.
    gap: Option<u32>,
    /// The paraphrase check's stems, kept from story to story with the numbers.
    stems: std::cell::RefCell<Option<Stems>>,
    /// The groups worked out so far, by the thresholds of [`Ctx::groups`].
    grouped: std::cell::RefCell<Vec<GroupsOf>>,
}

/// Groups of quotations ([`Ctx::groups`]) under a rule's least words and overlap.
type GroupsOf = ((usize, u64), std::rc::Rc<[Vec<usize>]>);

impl Ctx<'_> {
    /// The tokens of quotation `q`.
    fn toks(&self, q: usize) -> &[Token] {
        self.toks[q].get_or_init(|| align::tokens(&self.quotes[q].text))
    }

    fn evidence(&self, q: usize) -> Evidence {
        let quote = &self.quotes[q];
        Evidence {
            doc: quote.doc,
            span: quote.span,
            sentence: self.sentences[quote.doc]
                .get(quote.sentence)
                .map_or(quote.span, |s| s.span),
            value: None,
        }
    }

    fn src(&self, q: usize) -> String {
        short_id(&self.docs[self.quotes[q].doc].source.id)
    }

    /// What a quote finding is about: "Ann Lee's quote", or "unattributed quote".
    fn subject_of(&self, q: usize) -> Subject {
        match &self.quotes[q].speaker_name {
            Some(name) => Subject::aspect(name.as_str(), "quote"),
            None => Subject::whole("unattributed quote"),
        }
    }

    fn subject(&self, q: usize) -> String {
        self.quotes[q]
            .speaker_name
            .clone()
            .unwrap_or_else(|| "unattributed quote".into())
    }

    /// The alignment of `a` against `b` (computed once per unordered pair of classes).
    fn pair(&self, a: usize, b: usize) -> Option<(Alignment, bool)> {
        let (a, b) = (self.rep[a], self.rep[b]);
        if a == b {
            return Some((self.itself.get(&a)?.clone(), false));
        }
        let al = self.aligned.get(&(a.min(b), a.max(b)))?;
        Some((al.clone(), a > b))
    }

    /// Groups of quotations that are the same statement under `rule`, worked out once
    /// per pair of the thresholds they depend on ([`same`] reads no other field of a
    /// rule): the wording check and the paraphrase check ask for the same groups.
    fn groups(&self, rule: &QuoteRule) -> std::rc::Rc<[Vec<usize>]> {
        let key = (rule.min_words, rule.min_overlap.to_bits());
        if let Some((_, g)) = self.grouped.borrow().iter().find(|(k, _)| *k == key) {
            return std::rc::Rc::clone(g);
        }
        let g: std::rc::Rc<[Vec<usize>]> = self.groups_by(rule).into();
        self.grouped
            .borrow_mut()
            .push((key, std::rc::Rc::clone(&g)));
        g
    }

    /// [`Ctx::groups`] worked out.
    fn groups_by(&self, rule: &QuoteRule) -> Vec<Vec<usize>> {
        // Copies start in their class; classes join when their texts line up.
        // The smallest index stays the root, so groups come out in a fixed order.
        let mut sets = UnionFind::from_parents(self.rep.clone());
        for (&(i, j), al) in &self.aligned {
            if same(self.sizes[i], self.sizes[j], al, rule) {
                let (ri, rj) = (sets.find(i), sets.find(j));
                if ri != rj {
                    sets.attach(ri.max(rj), ri.min(rj));
                }
            }
        }
        let mut by: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..self.quotes.len() {
            let r = sets.find(i);
            by.entry(r).or_default().push(i);
        }
        by.into_values()
            .filter(|g| {
                g.iter()
                    .map(|&i| self.quotes[i].doc)
                    .collect::<BTreeSet<_>>()
                    .len()
                    > 1
            })
            .collect()
    }

    /// Do quotations `a` and `b` agree word for word under `rule`: are they the same
    /// statement with no difference that counts (what [`Ctx::differences`] says when
    /// it gives no hunks)? Read from the stored alignment as it runs, whichever side
    /// `a` is on: the hunks of an alignment read from the other side are its hunks
    /// with their sides swapped, and [`weigh`] does not tell the sides apart. So the
    /// answer is the same both ways, and no alignment is copied or turned round.
    fn agree(&self, a: usize, b: usize, rule: &QuoteRule) -> bool {
        let (ra, rb) = (self.rep[a], self.rep[b]);
        let al = if ra == rb {
            self.itself.get(&ra)
        } else {
            self.aligned.get(&(ra.min(rb), ra.max(rb)))
        };
        let Some(al) = al else {
            return false;
        };
        if !same(self.sizes[a], self.sizes[b], al, rule) {
            return false;
        }
        let (lo, hi) = if ra <= rb { (a, b) } else { (b, a) };
        let numbers = self.numbers.borrow();
        let (wl, wh) = (self.numbered(lo, &numbers), self.numbered(hi, &numbers));
        al.hunks(EDGE_WORDS)
            .iter()
            .all(|h| weigh(&wl, &wh, h, rule).is_none())
    }

    /// Quotation `q`'s words as [`weigh`] reads them, by number.
    fn numbered<'n>(&'n self, q: usize, numbers: &'n align::WordNumbers) -> NumberedWords<'n> {
        NumberedWords {
            words: &self.words[q],
            numbers,
            gap: self.gap,
        }
    }

    /// Hunks of `a` against `b` that count, with their weights.
    fn differences(
        &self,
        a: usize,
        b: usize,
        rule: &QuoteRule,
    ) -> Option<(Alignment, Vec<(Hunk, Severity)>)> {
        let (al, swapped) = self.pair(a, b)?;
        if !same(self.sizes[a], self.sizes[b], &al, rule) {
            return None;
        }
        // The stored alignment runs from the lower index; read it from `a`'s side.
        let al = if swapped { flip(&al) } else { al };
        let numbers = self.numbers.borrow();
        let (wa, wb) = (self.numbered(a, &numbers), self.numbered(b, &numbers));
        let hunks = al
            .hunks(EDGE_WORDS)
            .into_iter()
            .filter_map(|h| weigh(&wa, &wb, &h, rule).map(|s| (h, s)))
            .collect();
        Some((al, hunks))
    }
}

/// The same alignment read from the other side.
fn flip(al: &Alignment) -> Alignment {
    use align::Op;
    Alignment {
        ops: al
            .ops
            .iter()
            .map(|op| match *op {
                Op::Same(x, y) => Op::Same(y, x),
                Op::Change(x, y) => Op::Change(y, x),
                Op::Del(x) => Op::Ins(x),
                Op::Ins(y) => Op::Del(y),
            })
            .collect(),
        same: al.same,
        a_lead: al.b_lead,
        b_lead: al.a_lead,
        a_tail: al.b_tail,
        b_tail: al.a_tail,
    }
}

/// Quote findings for a run.
pub fn findings(
    docs: &[Document],
    sentences: &[Vec<Sentence>],
    mentions: &[Mention],
    entities: &[Entity],
    quotes: &[Quote],
    rules: &RuleSet,
) -> Vec<Finding> {
    let qrules: Vec<(&Rule, &QuoteRule)> = rules.quote().collect();
    if qrules.is_empty() || quotes.len() < 2 {
        return Vec::new();
    }
    // Words as numbers, read once; tokens only for the quotations that need them.
    // The numbers are the thread's, kept from story to story (see `Kept`).
    let mut kept = KEPT.with(|k| std::mem::take(&mut *k.borrow_mut()));
    if kept.numbers.count() > MAX_KEPT_WORDS {
        kept = Kept::default();
    }
    let mut numbers = std::mem::take(&mut kept.numbers);
    // A quotation whose text was read already (a wire copy) is numbered as it was:
    // reading it again would give the same numbers and add none.
    let mut first: HashMap<&str, usize> = HashMap::default();
    let mut words: Vec<Numbered> = Vec::with_capacity(quotes.len());
    for (i, q) in quotes.iter().enumerate() {
        let w = match first.get(q.text.as_str()) {
            Some(&k) => words[k].clone(),
            None => {
                first.insert(&q.text, i);
                numbers.read(&q.text)
            }
        };
        words.push(w);
    }
    let gap = numbers.gap();
    let rep = classes(&words);
    let mut aligned = BTreeMap::new();
    let mut near: HashMap<usize, Vec<usize>> = HashMap::default();
    // Each class's words in number order, to count the words two classes share.
    let sorted: Vec<Vec<u32>> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let mut v = if rep[i] == i {
                w.ids.clone()
            } else {
                Vec::new()
            };
            v.sort_unstable();
            v
        })
        .collect();
    // And in bins, for a bound on the words two classes share that is cheaper still.
    let binned: Vec<Bins> = sorted.iter().map(|v| bins(v)).collect();
    let rules: Vec<&QuoteRule> = qrules.iter().map(|(_, qr)| *qr).collect();
    let sizes: Vec<usize> = words.iter().map(|w| size(w, gap)).collect();
    // No rule takes a pair whose shorter quotation has fewer words than this
    // (`may_be_same` would refuse it): such pairs skip counting shared words.
    let fewest = rules
        .iter()
        .map(|r| r.min_words)
        .min()
        .unwrap_or(usize::MAX);
    // One score table and one set of subsequence buffers for every pair.
    let (mut table, mut subsequence) = (Vec::new(), std::mem::take(&mut kept.subsequence));
    let doc_of: Vec<usize> = quotes.iter().map(|q| q.doc).collect();
    for (i, j) in candidates(&doc_of, &words, gap, &rep) {
        let shorter = sizes[i].min(sizes[j]);
        // Most candidate pairs share too few words: the bins refuse many of them
        // without counting (`may_be_same` only grows with the words shared).
        if shorter < fewest
            || !may_be_same(shared_bound(&binned[i], &binned[j]), shorter, &rules)
            || !may_be_same(shared_words(&sorted[i], &sorted[j]), shorter, &rules)
        {
            continue;
        }
        // The words shared in order bound the alignment more tightly, at a fraction of
        // its cost: most candidate pairs that share enough words share too few in order
        // (a short quotation against a transcript of common words).
        let (a, b) = (&words[i].ids, &words[j].ids);
        if !may_be_same(subsequence.longest(a, b), shorter, &rules) {
            continue;
        }
        aligned.insert((i, j), align::align_ids_in(a, b, &mut table));
        near.entry(i).or_default().push(j);
        near.entry(j).or_default().push(i);
    }
    let mut itself = HashMap::default();
    for (i, &r) in rep.iter().enumerate() {
        if r != i && !itself.contains_key(&r) {
            // Copies line up word for word: no table to fill.
            itself.insert(r, align::identity(words[r].ids.len()));
        }
    }
    let ctx = Ctx {
        docs,
        sentences,
        quotes,
        toks: vec![std::cell::OnceCell::new(); quotes.len()],
        sizes,
        rep,
        aligned,
        near,
        itself,
        words: &words,
        numbers: std::cell::RefCell::new(numbers),
        gap,
        stems: std::cell::RefCell::new(kept.stems.take()),
        grouped: std::cell::RefCell::new(Vec::new()),
    };
    let mut out = Vec::new();
    for (rule, qr) in &qrules {
        match qr.check {
            QuoteCheck::Wording => wording(&ctx, rule, qr, &mut out),
            QuoteCheck::Speaker => speaker(&ctx, rule, qr, entities, &mut out),
            QuoteCheck::Paraphrase => {
                paraphrase(&ctx, rule, qr, mentions, entities, &qrules, &mut out)
            }
        }
    }
    let kept = Kept {
        numbers: ctx.numbers.into_inner(),
        subsequence,
        stems: ctx.stems.into_inner(),
    };
    KEPT.with(|k| *k.borrow_mut() = kept);
    out
}

/// What a thread keeps of its quote comparisons from story to story: the numbers of
/// the words it read, what the paraphrase check made of each, and the subsequence
/// buffers (indexed by word number). Stories share most of their words (the common
/// words of speech), and a word met before costs one look-up instead of a copy, an
/// insertion and the content filters. Nothing read depends on which number a word
/// has, only on equal words having equal numbers: the findings are the same.
#[derive(Default)]
struct Kept {
    numbers: align::WordNumbers,
    subsequence: align::Subsequence,
    stems: Option<Stems>,
}

/// Most words a thread's numbers hold before it starts afresh, so that a large
/// archive does not grow them without bound (a story's quotations and reported
/// sentences hold a few thousand).
const MAX_KEPT_WORDS: usize = 1 << 16;

thread_local! {
    static KEPT: std::cell::RefCell<Kept> = std::cell::RefCell::new(Kept::default());
}

/// Drops what this thread kept (see [`Kept`]): the next story starts afresh.
#[cfg(test)]
fn forget_kept() {
    KEPT.with(|k| *k.borrow_mut() = Kept::default());
}

/// The member of a group most others agree with word for word (ties: the longest,
/// then the first). Worked out per class of identical copies, so that a group of many
/// copies costs their number of classes squared, not their number squared.
fn reference(ctx: &Ctx, group: &[usize], rule: &QuoteRule) -> usize {
    let mut reps: Vec<usize> = group.iter().map(|&i| ctx.rep[i]).collect();
    reps.sort_unstable();
    reps.dedup();
    // Members of each class in each source.
    let mut per_doc: HashMap<(usize, usize), usize> = HashMap::default();
    let mut per_class: HashMap<usize, usize> = HashMap::default();
    for &i in group {
        *per_doc.entry((ctx.rep[i], ctx.quotes[i].doc)).or_default() += 1;
        *per_class.entry(ctx.rep[i]).or_default() += 1;
    }
    // Which classes agree word for word with which. Only classes that were aligned can
    // agree (`differences` is `None` for any other pair), so each class looks at the
    // classes it was aligned with, not at every class of the group: a group of many
    // wordings would cost their number squared otherwise.
    // Agreement goes both ways (see `Ctx::agree`): each pair is read once.
    let mut agreed: HashMap<(usize, usize), bool> = HashMap::default();
    let mut agree = |c: usize, d: usize| {
        *agreed
            .entry((c.min(d), c.max(d)))
            .or_insert_with(|| ctx.agree(c, d, rule))
    };
    let agrees: HashMap<usize, Vec<usize>> = reps
        .iter()
        .map(|&c| {
            let near = ctx.near.get(&c).map_or(&[][..], Vec::as_slice);
            let with = std::iter::once(c)
                .chain(near.iter().copied())
                .filter(|d| reps.binary_search(d).is_ok())
                .filter(|&d| agree(c, d))
                .collect();
            (c, with)
        })
        .collect();
    let clean = |i: usize| -> usize {
        let doc = ctx.quotes[i].doc;
        agrees[&ctx.rep[i]]
            .iter()
            .map(|&d| per_class[&d] - per_doc.get(&(d, doc)).copied().unwrap_or(0))
            .sum()
    };
    *group
        .iter()
        .max_by_key(|&&i| {
            (
                clean(i),
                ctx.sizes[i],
                std::cmp::Reverse((ctx.quotes[i].doc, ctx.quotes[i].span.start)),
            )
        })
        .unwrap_or(&group[0])
}

/// One wording that differs from the reference's: its first quotation, every source
/// quoting it, and its difference from the reference.
struct Differing {
    q: usize,
    members: Vec<usize>,
    severity: Severity,
    hunks: Vec<Hunk>,
    al: Alignment,
}

/// The sources of `quotes`, in source order, by id.
fn sources_of(ctx: &Ctx, quotes: &[usize]) -> (usize, String) {
    let docs: BTreeSet<usize> = quotes.iter().map(|&i| ctx.quotes[i].doc).collect();
    let first = docs.first().copied().unwrap_or(0);
    let names: Vec<String> = docs
        .iter()
        .map(|&d| short_id(&ctx.docs[d].source.id))
        .collect();
    (first, names.join(", "))
}

/// One finding per wording that differs from the reference's, whatever the number of
/// sources: the message names every source quoting either wording, one quotation of
/// each is cited, and the word diff reads in source order (the side whose first source
/// comes first is the "before"), as the reports list sources.
fn wording(ctx: &Ctx, rule: &Rule, qr: &QuoteRule, out: &mut Vec<Finding>) {
    for group in ctx.groups(qr).iter() {
        let r = reference(ctx, group, qr);
        let mut reported = BTreeSet::new();
        let mut agreeing: Vec<usize> = vec![r];
        let mut differing: Vec<Differing> = Vec::new();
        for &q in group {
            if ctx.quotes[q].doc == ctx.quotes[r].doc || !reported.insert(ctx.quotes[q].doc) {
                continue;
            }
            let Some((al, hunks)) = ctx.differences(r, q, qr) else {
                reported.remove(&ctx.quotes[q].doc);
                continue;
            };
            if hunks.is_empty() {
                agreeing.push(q);
                continue;
            }
            // A wording another source already gave joins that finding.
            if let Some(d) = differing.iter_mut().find(|d| ctx.rep[d.q] == ctx.rep[q]) {
                d.members.push(q);
                continue;
            }
            let severity = hunks.iter().map(|h| h.1).max().unwrap_or(Severity::Info);
            let severity = if severity == Severity::Warning {
                rule.severity
            } else {
                severity
            };
            differing.push(Differing {
                q,
                members: vec![q],
                severity,
                hunks: hunks.into_iter().map(|h| h.0).collect(),
                al,
            });
        }
        let (ref_first, ref_names) = sources_of(ctx, &agreeing);
        for d in differing {
            let q = d.q;
            let (q_first, q_names) = sources_of(ctx, &d.members);
            let flipped = (q_first < ref_first)
                .then(|| ctx.differences(q, r, qr))
                .flatten()
                .filter(|(_, h)| !h.is_empty());
            let values = match flipped {
                Some((al, hunks)) => {
                    let hs: Vec<Hunk> = hunks.into_iter().map(|h| h.0).collect();
                    let diff = align::render(ctx.toks(q), ctx.toks(r), &al, &hs);
                    format!("{diff} ({q_names} vs {ref_names})")
                }
                None => {
                    let diff = align::render(ctx.toks(r), ctx.toks(q), &d.al, &d.hunks);
                    format!("{diff} ({ref_names} vs {q_names})")
                }
            };
            let subject = ctx.subject_of(r);
            let key = [r, q]
                .iter()
                .map(|&i| {
                    let n: Vec<&str> = ctx.toks(i).iter().map(|t| t.norm.as_str()).collect();
                    // The wordings, not the sources: the id names the disagreement.
                    n.join(" ")
                })
                .collect::<Vec<_>>();
            // One quotation of each wording is cited (the other sources giving it are
            // named in the message): a finding is the two wordings, and citing every
            // copy would set sources that agree word for word against each other.
            let mut cited = [r, q];
            cited.sort_by_key(|&i| (ctx.quotes[i].doc, ctx.quotes[i].span.start));
            out.push(Finding {
                majority: None,
                id: stable_id(&rule.id, &key),
                rule: rule.id.clone(),
                kind: FindingKind::Quote,
                class: None,
                severity: d.severity,
                message: rule.render(&subject.to_string(), &ctx.subject(r), &values),
                subject,
                evidence: cited.iter().map(|&i| ctx.evidence(i)).collect(),
            });
        }
    }
}

fn speaker(ctx: &Ctx, rule: &Rule, qr: &QuoteRule, entities: &[Entity], out: &mut Vec<Finding>) {
    for group in ctx.groups(qr).iter() {
        let explicit: Vec<usize> = group
            .iter()
            .copied()
            .filter(|&i| {
                ctx.quotes[i].speaker.is_some() && ctx.quotes[i].how.is_some_and(|h| h.explicit())
            })
            .collect();
        let mut count: BTreeMap<usize, usize> = BTreeMap::new();
        for &i in &explicit {
            *count.entry(ctx.quotes[i].speaker.unwrap_or(0)).or_default() += 1;
        }
        let Some((&main, _)) = count
            .iter()
            .max_by_key(|(e, n)| (**n, std::cmp::Reverse(**e)))
        else {
            continue;
        };
        let Some(&r) = explicit
            .iter()
            .find(|&&i| ctx.quotes[i].speaker == Some(main))
        else {
            continue;
        };
        let mut reported = BTreeSet::new();
        for &q in &explicit {
            let Some(e) = ctx.quotes[q].speaker else {
                continue;
            };
            let kinds = (entities[main].kind, entities[e].kind);
            if e == main
                || kinds.0 != kinds.1
                || ctx.quotes[q].doc == ctx.quotes[r].doc
                || same_surname(&entities[main].canonical, &entities[e].canonical)
            {
                continue;
            }
            if !reported.insert((ctx.quotes[q].doc, e)) {
                continue;
            }
            let values = format!(
                "\"{}\" said by {} ({}) vs {} ({})",
                opening(&ctx.quotes[r]),
                entities[main].canonical,
                ctx.src(r),
                entities[e].canonical,
                ctx.src(q)
            );
            let subject = Subject::aspect(entities[main].canonical.as_str(), "quote");
            // The speakers and the words, not the sources: the id names the disagreement.
            let key = vec![
                entities[main].canonical.clone(),
                entities[e].canonical.clone(),
                ctx.quotes[r].text.to_lowercase(),
            ];
            out.push(Finding {
                majority: None,
                id: stable_id(&rule.id, &key),
                rule: rule.id.clone(),
                kind: FindingKind::Quote,
                class: None,
                severity: rule.severity,
                message: rule.render(&subject.to_string(), &entities[main].canonical, &values),
                subject,
                evidence: vec![ctx.evidence(r), ctx.evidence(q)],
            });
        }
    }
}

/// "Roe" and "Jane A. Roe": two entities that entity resolution (`resolve`) kept apart that are
/// probably one person, so not a different speaker.
fn same_surname(a: &str, b: &str) -> bool {
    let last = |s: &str| {
        s.split_whitespace()
            .last()
            .map(|w| w.trim_end_matches("'s").to_lowercase())
    };
    last(a).is_some() && last(a) == last(b)
}

/// Numbers for stems, one per distinct stem of a run's content words: sets of content
/// words are sorted numbers, compared without touching strings.
struct Stems {
    /// The rule's minor and trivial words the sets were made with (not content).
    minor: Vec<String>,
    trivial: Vec<String>,
    ids: HashMap<String, u32>,
    /// The words that are never content: the function words and the rule's minor and
    /// trivial words, in one set. A new word is looked up once here rather than
    /// compared with each of the three lists.
    not_content: HashSet<String>,
    /// Per word number ([`align::WordNumbers`]) met so far: its stem's number, or
    /// `None` when it is not a content word. A story repeats its words, and the
    /// filters and the stemmer cost far more than a look-up.
    words: Vec<Option<Option<u32>>>,
}

impl Stems {
    fn new(qr: &QuoteRule) -> Self {
        let listed = qr.minor_words.iter().chain(&qr.trivial_words);
        Stems {
            minor: qr.minor_words.clone(),
            trivial: qr.trivial_words.clone(),
            ids: HashMap::default(),
            not_content: FUNCTION_WORDS
                .iter()
                .copied()
                .chain(listed.map(String::as_str))
                .map(String::from)
                .collect(),
            words: Vec::new(),
        }
    }

    /// Were these stems made for `qr`'s word lists (do they answer as its own would)?
    fn made_for(&self, qr: &QuoteRule) -> bool {
        self.minor == qr.minor_words && self.trivial == qr.trivial_words
    }

    /// The stem number of the folded word numbered `n` (in `numbers`), or `None`
    /// when it is not a content word.
    fn number(&mut self, n: u32, numbers: &align::WordNumbers) -> Option<u32> {
        let n = n as usize;
        if let Some(&Some(known)) = self.words.get(n) {
            return known;
        }
        let w = numbers.word(n as u32);
        let content = w.chars().count() > 1 && !self.not_content.contains(w);
        let stem_n = content.then(|| {
            let next = self.ids.len() as u32;
            *self.ids.entry(stem(w)).or_insert(next)
        });
        if self.words.len() <= n {
            self.words.resize(n + 1, None);
        }
        self.words[n] = Some(stem_n);
        stem_n
    }

    /// Stemmed content words of a text's numbered words, as sorted distinct numbers
    /// (the ellipsis marker and insertions left out).
    fn content(&mut self, words: &Numbered, numbers: &align::WordNumbers) -> Vec<u32> {
        let gap = numbers.gap();
        let mut out: Vec<u32> = words
            .ids
            .iter()
            .zip(&words.editorial)
            .filter(|&(&w, &e)| Some(w) != gap && !e)
            .filter_map(|(&w, _)| self.number(w, numbers))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// How many numbers two sorted, distinct lists share.
fn common(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Does a word of a sentence name a verb of saying? Lower-cased only when it has
/// something to lower (most words are lower-case ASCII already).
fn says(w: &str) -> bool {
    if w.bytes().all(|b| b.is_ascii_lowercase()) {
        attribution::speech(w)
    } else {
        attribution::speech(&w.to_lowercase())
    }
}

// One argument per stage output, as `findings` has them.
#[allow(clippy::too_many_arguments)]
fn paraphrase(
    ctx: &Ctx,
    rule: &Rule,
    qr: &QuoteRule,
    mentions: &[Mention],
    entities: &[Entity],
    all: &[(&Rule, &QuoteRule)],
    out: &mut Vec<Finding>,
) {
    // Only quotations of a speaker, long enough, are looked for in other words: the
    // entities they quote are the only ones whose reported sentences are read. A
    // story without any costs nothing more.
    let eligible = |i: usize| {
        let q = &ctx.quotes[i];
        q.speaker.is_some() && !q.turn && q.form != QuoteForm::Tweet && ctx.sizes[i] >= qr.min_words
    };
    let mut speaks = vec![false; entities.len()];
    for i in (0..ctx.quotes.len()).filter(|&i| eligible(i)) {
        if let Some(flag) = ctx.quotes[i].speaker.and_then(|e| speaks.get_mut(e)) {
            *flag = true;
        }
    }
    if !speaks.contains(&true) {
        return;
    }
    // Sources that quote a statement (by the wording rule's grouping) are not said to
    // paraphrase it.
    let wording = all
        .iter()
        .find(|(_, r)| r.check == QuoteCheck::Wording)
        .map_or(qr, |(_, r)| *r);
    // The sources of each group, shared by its members (not copied to each: a group
    // of N copies would cost N² otherwise).
    let mut group_docs: Vec<BTreeSet<usize>> = Vec::new();
    let mut group_of: Vec<Option<usize>> = vec![None; ctx.quotes.len()];
    for g in ctx.groups(wording).iter() {
        for &i in g {
            group_of[i] = Some(group_docs.len());
        }
        group_docs.push(g.iter().map(|&i| ctx.quotes[i].doc).collect());
    }
    let quoted_in = |i: usize, d: usize| match group_of[i] {
        Some(g) => group_docs[g].contains(&d),
        None => ctx.quotes[i].doc == d,
    };
    let mut quote_spans: Vec<Vec<crate::span::Span>> = vec![Vec::new(); ctx.docs.len()];
    for q in ctx.quotes {
        quote_spans[q.doc].push(q.span);
    }
    let mut entity_of = vec![None; mentions.len()];
    for (e, ent) in entities.iter().enumerate() {
        for &m in &ent.mentions {
            if m < entity_of.len() {
                entity_of[m] = Some(e);
            }
        }
    }
    // Reported-speech sentences: (doc, sentence) → the entities named in it or in the
    // sentence before (their content words are read when first needed). Sentences
    // inside quotes are left out.
    let mut mentions_of: Vec<Vec<usize>> = vec![Vec::new(); ctx.docs.len()];
    for (i, m) in mentions.iter().enumerate() {
        if m.doc < mentions_of.len() {
            mentions_of[m.doc].push(i);
        }
    }
    let mut kept = ctx.stems.borrow_mut();
    let stems = match kept.as_mut() {
        Some(stems) if stems.made_for(qr) => stems,
        _ => kept.insert(Stems::new(qr)),
    };
    // The sentences read here get numbers after the quotations' (nothing weighs
    // differences meanwhile: see `Ctx::numbers`).
    let mut numbers = ctx.numbers.borrow_mut();
    // (doc, sentence, entities named in it or the sentence before, its text).
    let mut reported: Vec<(usize, usize, BTreeSet<usize>, &str)> = Vec::new();
    for (d, doc) in ctx.docs.iter().enumerate() {
        let in_quote = |s: crate::span::Span| quote_spans[d].iter().any(|q| q.overlaps(s));
        // The entities named in each sentence, read once per source rather than once
        // per reported sentence from all the source's mentions.
        // Only quoted speakers (see `speaks`): a sentence naming none is never
        // compared with a quotation.
        let mut named_in: Vec<Vec<usize>> = vec![Vec::new(); ctx.sentences[d].len()];
        for &i in &mentions_of[d] {
            if let (Some(v), Some(e)) = (named_in.get_mut(mentions[i].sentence), entity_of[i]) {
                if speaks[e] {
                    v.push(e);
                }
            }
        }
        for (k, s) in ctx.sentences[d].iter().enumerate() {
            let before = k.checked_sub(1).map_or(&[][..], |p| named_in[p].as_slice());
            if (named_in[k].is_empty() && before.is_empty()) || s.label || in_quote(s.span) {
                continue;
            }
            let body = s.span.of(&doc.text);
            let has_verb = body.split(|c: char| !c.is_alphabetic()).any(says);
            if !has_verb {
                continue;
            }
            let named: BTreeSet<usize> = named_in[k].iter().chain(before).copied().collect();
            reported.push((d, k, named, body));
        }
    }
    // The reported-speech sentences naming each entity, in order.
    let mut naming: HashMap<usize, Vec<usize>> = HashMap::default();
    for (r, (_, _, named, _)) in reported.iter().enumerate() {
        for &e in named {
            naming.entry(e).or_default().push(r);
        }
    }
    // Each reported sentence's content words, worked out when a quotation of someone
    // it names is first compared with it: most are never compared.
    let mut content: Vec<Option<Vec<u32>>> = vec![None; reported.len()];
    let mut done = BTreeSet::new();
    for (i, q) in ctx.quotes.iter().enumerate() {
        let Some(e) = q.speaker else { continue };
        if q.turn || q.form == QuoteForm::Tweet {
            continue;
        }
        let Some(naming_e) = naming.get(&e) else {
            continue;
        };
        if ctx.sizes[i] < qr.min_words {
            continue;
        }
        let words = stems.content(&ctx.words[i], &numbers);
        if words.len() < qr.min_words.clamp(4, 6) {
            continue;
        }
        for &r in naming_e {
            let (d, k, _, body) = &reported[r];
            if quoted_in(i, *d) {
                continue;
            }
            if content[r].is_none() {
                let sentence_words = numbers.read(body);
                content[r] = Some(stems.content(&sentence_words, &numbers));
            }
            let Some(sw) = &content[r] else {
                continue;
            };
            let shared = common(&words, sw);
            if shared < 4 || (shared as f64) < qr.min_overlap * words.len() as f64 {
                continue;
            }
            if !done.insert((q.doc, *d, e, *k)) {
                continue;
            }
            let sentence = ctx.sentences[*d][*k].span;
            let name = &entities[e].canonical;
            let subject = Subject::aspect(name.as_str(), "quote");
            let values = format!(
                "\"{}\" quoted in {}, paraphrased in {}",
                opening(q),
                ctx.src(i),
                short_id(&ctx.docs[*d].source.id)
            );
            // The quote and the paraphrase, not the sources: the id names the disagreement.
            let key = vec![
                q.text.to_lowercase(),
                sentence.of(&ctx.docs[*d].text).to_string(),
            ];
            out.push(Finding {
                majority: None,
                id: stable_id(&rule.id, &key),
                rule: rule.id.clone(),
                kind: FindingKind::Quote,
                class: None,
                severity: rule.severity,
                message: rule.render(&subject.to_string(), name, &values),
                subject,
                evidence: vec![
                    ctx.evidence(i),
                    Evidence {
                        doc: *d,
                        span: sentence,
                        sentence,
                        value: None,
                    },
                ],
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::align::{self, Alignment, Numbered, Token};
    use super::{
        bins, candidates, candidates_by_definition, classes, common, flip, says, shared_bound,
        shared_words, shared_words_merge, weigh, NumberedWords, Stems, EDGE_WORDS, FUNCTION_WORDS,
    };
    use std::collections::BTreeSet;

    /// Content stems the plain way: strings in a set.
    fn content_strings(text: &str, qr: &super::QuoteRule) -> BTreeSet<String> {
        align::tokens(text)
            .into_iter()
            .filter(|t| !t.is_gap() && !t.editorial)
            .map(|t| t.norm)
            .filter(|w| {
                w.chars().count() > 1
                    && !FUNCTION_WORDS.contains(&w.as_str())
                    && !qr.minor_words.contains(w)
                    && !qr.trivial_words.contains(w)
            })
            .map(|w| {
                rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English)
                    .stem(&w)
                    .into_owned()
            })
            .collect()
    }

    /// A story's quote findings read after other stories on the same thread (their
    /// word numbers and stems kept) are its findings read afresh: invented stories
    /// with changed wordings, a paraphrase, an ellipsis and a speaker told apart.
    #[test]
    fn findings_after_other_stories_are_the_findings_read_afresh() {
        use crate::load::{Document, Format};
        let rules = crate::rules::RuleSet::builtin();
        let stories = [
            [
                "\"We will rebuild the Harbin Street bridge before the first snow falls on \
                 the town,\" Mayor Dana Orrow said on Monday.\n\nOrrow said the town would \
                 rebuild the Harbin Street bridge before the first snow falls.",
                "\"We will rebuild the Harbin Street bridge before the first winter snow \
                 reaches the town,\" Mayor Dana Orrow said on Monday.",
            ],
            [
                "\"The ferry to Velm will not sail again until the pier is ... made safe for \
                 every passenger,\" harbour master Ilse Varno said.",
                "\"The ferry to Velm will not sail until the pier is made safe for all the \
                 passengers,\" harbour master Ilse Varno said.\n\nVarno said the ferry \
                 would not sail until the pier was made safe for passengers.",
            ],
            [
                "\"Our crews worked through the night to clear the flooded tunnel,\" fire \
                 chief Ros Tamberlin said.",
                "\"Our crews worked through the whole night to clear the flooded tunnel,\" \
                 deputy Nils Ardvik said.",
            ],
        ];
        let analyses: Vec<crate::Analysis> = stories
            .iter()
            .map(|texts| {
                let docs = texts
                    .iter()
                    .enumerate()
                    .map(|(k, t)| {
                        let id = format!("s{k}");
                        Document::new(&id, &format!("{id}.txt"), t.to_string(), Format::Text).0
                    })
                    .collect();
                crate::analyze(docs, &rules)
            })
            .collect();
        let findings_of = |a: &crate::Analysis| {
            super::findings(
                &a.docs,
                &a.sentences,
                &a.mentions,
                &a.entities,
                &a.quotes,
                &rules,
            )
        };
        let afresh: Vec<_> = analyses
            .iter()
            .map(|a| {
                super::forget_kept();
                findings_of(a)
            })
            .collect();
        assert!(
            afresh.iter().filter(|f| !f.is_empty()).count() >= 2,
            "{afresh:#?}"
        );
        super::forget_kept();
        for round in 0..2 {
            for (k, a) in analyses.iter().enumerate().rev() {
                assert_eq!(findings_of(a), afresh[k], "story {k}, round {round}");
            }
        }
        assert!(super::KEPT.with(|k| k.borrow().numbers.count()) > 40);
    }

    #[test]
    fn numbered_content_words_count_as_the_stemmed_words_do() {
        let rules = crate::rules::RuleSet::builtin();
        let (_, qr) = rules.quote().next().expect("a quote rule");
        let texts = [
            "We will not reopen the Harbin Street bridge until the inspectors say so.",
            "The inspectors said the bridge would not reopen, the mayor told reporters.",
            "\"We are testing [the] cables,\" Dana Orrow said... Tests resumed at 2 p.m.",
            "Nothing was said; the cable tests go on and on.",
            "",
        ];
        let mut stems = Stems::new(qr);
        // Twice over: the second round reads every word from the memo.
        let mut numbers = align::WordNumbers::default();
        let first: Vec<Vec<u32>> = texts
            .iter()
            .map(|t| {
                let words = numbers.read(t);
                stems.content(&words, &numbers)
            })
            .collect();
        let ids: Vec<Vec<u32>> = texts
            .iter()
            .map(|t| {
                let words = numbers.read(t);
                stems.content(&words, &numbers)
            })
            .collect();
        assert_eq!(first, ids);
        for (i, a) in texts.iter().enumerate() {
            let sa = content_strings(a, qr);
            assert_eq!(ids[i].len(), sa.len(), "{a}");
            for (j, b) in texts.iter().enumerate() {
                let sb = content_strings(b, qr);
                assert_eq!(
                    common(&ids[i], &ids[j]),
                    sa.intersection(&sb).count(),
                    "{a} / {b}"
                );
            }
        }
        assert!(common(&ids[0], &ids[1]) >= 3);
    }

    #[test]
    fn verbs_of_saying_are_found_whatever_their_case() {
        for w in [
            "said", "Said", "SAID", "tells", "Told", "bridge", "Ünder", "", "ſaid",
        ] {
            assert_eq!(
                says(w),
                crate::quotes::attribution::speech(&w.to_lowercase()),
                "{w}"
            );
        }
        assert!(says("Said") && !says("bridge"));
    }

    #[test]
    fn an_alignment_pairs_no_more_words_than_the_two_share() {
        // Word numbers from a small vocabulary, so that words repeat and many line up.
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as u32
        };
        for _ in 0..3000 {
            let (la, lb, vocab) = (next(30), next(30), 1 + next(8));
            let a: Vec<u32> = (0..la).map(|_| next(u64::from(vocab))).collect();
            let b: Vec<u32> = (0..lb).map(|_| next(u64::from(vocab))).collect();
            let (mut sa, mut sb) = (a.clone(), b.clone());
            sa.sort_unstable();
            sb.sort_unstable();
            let shared = shared_words(&sa, &sb);
            assert!(shared_bound(&bins(&a), &bins(&b)) >= shared, "{a:?} {b:?}");
            let al = align::align_ids(&a, &b);
            assert!(al.same <= shared, "{a:?} {b:?}: {} > {shared}", al.same);
            // The count itself: each number as often as the rarer side has it.
            let by_hand: usize = (0..vocab)
                .map(|w| {
                    let c = |v: &[u32]| v.iter().filter(|&&x| x == w).count();
                    c(&a).min(c(&b))
                })
                .sum();
            assert_eq!(shared, by_hand);
        }
    }

    #[test]
    fn shared_words_looked_up_are_the_shared_words_walked() {
        // A few words against many (the binary-search way) and alike lengths (the
        // walk), from vocabularies small enough that words repeat on both sides.
        let mut seed: u64 = 0x0bad_5eed_1234_5678;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as u32
        };
        for _ in 0..4000 {
            let (la, lb, vocab) = (next(12), next(400), 1 + next(200));
            let mut a: Vec<u32> = (0..la).map(|_| next(u64::from(vocab))).collect();
            let mut b: Vec<u32> = (0..lb).map(|_| next(u64::from(vocab))).collect();
            a.sort_unstable();
            b.sort_unstable();
            let walked = shared_words_merge(&a, &b);
            assert_eq!(shared_words(&a, &b), walked, "{a:?} {b:?}");
            // Vocabularies beyond the bins' number too: words share bins.
            assert!(shared_bound(&bins(&a), &bins(&b)) >= walked, "{a:?} {b:?}");
            assert_eq!(shared_words(&b, &a), walked, "{b:?} {a:?}");
        }
    }

    /// A small xorshift generator: tests draw the same cases on every run.
    fn draws(mut seed: u64) -> impl FnMut(u64) -> u64 {
        move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        }
    }

    #[test]
    fn candidate_pairs_are_the_pairs_of_all_classes_sharing_an_uncommon_run() {
        let mut next = draws(0x51ce_d00d_2024_0077);
        for round in 0..40 {
            // Few words, so that runs repeat, and now and then more quotations than
            // a bucket holds; copies and the ellipsis marker (word 0) now and then.
            let n = 2 + next(if round % 4 == 0 { 150 } else { 30 }) as usize;
            let vocab = 2 + next(6);
            let mut words: Vec<Numbered> = Vec::new();
            for _ in 0..n {
                if !words.is_empty() && next(5) == 0 {
                    let k = next(words.len() as u64) as usize;
                    words.push(words[k].clone());
                    continue;
                }
                let len = next(9) as usize;
                let ids: Vec<u32> = (0..len).map(|_| next(vocab) as u32).collect();
                let editorial = ids.iter().map(|_| next(7) == 0).collect();
                words.push(Numbered { ids, editorial });
            }
            let doc_of: Vec<usize> = (0..n).map(|_| next(4) as usize).collect();
            let gap = (next(2) == 0).then_some(0);
            let rep = classes(&words);
            assert_eq!(
                candidates(&doc_of, &words, gap, &rep),
                candidates_by_definition(&doc_of, &words, gap, &rep),
                "round {round}"
            );
        }
    }

    #[test]
    fn agreement_reads_the_same_from_either_side() {
        // What `Ctx::agree` relies on: the hunks of an alignment read from the other
        // side are its hunks with sides swapped, and they weigh the same.
        let rules = crate::rules::RuleSet::builtin();
        let (_, qr) = rules.quote().next().expect("a quote rule");
        let vocab = [
            "we", "will", "not", "reopen", "the", "bridge", "2", "two", "[the]", "...", "tests",
            "test", "cables", "never", "a", "said", "soon", "it's", "Harbin",
        ];
        let mut next = draws(0x0dd5_1de5_7e57_0001);
        let mut text = |len: u64| -> String {
            let n = 1 + next(len);
            let ws: Vec<&str> = (0..n)
                .map(|_| vocab[next(vocab.len() as u64) as usize])
                .collect();
            ws.join(" ")
        };
        let mut some = 0;
        let mut numbers = align::WordNumbers::default();
        for _ in 0..3000 {
            let (xa, xb) = (text(14), text(14));
            let (ta, tb) = (align::tokens(&xa), align::tokens(&xb));
            let (na, nb) = (numbers.read(&xa), numbers.read(&xb));
            let al = align::align(&ta, &tb);
            // Weighed by number as by token.
            let gap = numbers.gap();
            let by_number = |w| NumberedWords {
                words: w,
                numbers: &numbers,
                gap,
            };
            for h in al.hunks(EDGE_WORDS) {
                assert_eq!(
                    weigh(&by_number(&na), &by_number(&nb), &h, qr),
                    weigh(&ta[..], &tb[..], &h, qr),
                    "{xa} / {xb}"
                );
            }
            let weighed = |a: &[Token], b: &[Token], al: &Alignment| -> Vec<_> {
                al.hunks(EDGE_WORDS)
                    .into_iter()
                    .map(|h| {
                        let w = weigh(a, b, &h, qr);
                        (h, w)
                    })
                    .collect()
            };
            let ab = weighed(&ta, &tb, &al);
            let ba = weighed(&tb, &ta, &flip(&al));
            assert_eq!(ab.len(), ba.len());
            for ((h, w), (g, v)) in ab.iter().zip(&ba) {
                assert_eq!((&h.a, &h.b, h.at), (&g.b, &g.a, g.at));
                assert_eq!(w, v);
                some += usize::from(w.is_some());
            }
        }
        assert!(some > 100, "too few hunks that count: {some}");
    }

    #[test]
    fn function_words_are_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for w in FUNCTION_WORDS {
            assert!(seen.insert(w), "`{w}` is listed twice");
        }
    }
}
