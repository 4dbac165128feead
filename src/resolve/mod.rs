//! Entity resolution: reconciles the spellings of one entity within and across sources.
//!
//! Mentions with the same folded text form a *form* (a multi-word form is shared by all
//! sources; a one-word form belongs to its source, since "Miliband" may be Ed in one
//! article and David in another). Forms are then joined, most certain first:
//!
//! 1. multi-word forms with each other, token by token (first name with first name,
//!    surname with surname), on accent-folded, style-book-normalised tokens; candidate
//!    pairs come only from shared blocking keys (transliteration key, folded prefix);
//! 2. a one-word form with the full name it shortens, in its own source first, else in
//!    the whole run when exactly one full name fits;
//! 3. the remaining one-word forms with each other across sources.
//!
//! A wrong merge costs more than a missed one: every join is refused when any pair of
//! full names across the two groups contradicts (different given names, say), and when
//! the style book says never.

pub mod aliases;
pub mod orgwords;
pub mod variant;

use crate::unionfind::UnionFind;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::mentions::{EntityKind, Mention, Words};
use crate::rules::RuleSet;

/// One real-world person, place or organisation, and every mention of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Stable within a run: `e1`, `e2`, … in order of first mention.
    pub id: String,
    /// The style-book spelling when one exists, else the fullest, most common form.
    pub canonical: String,
    /// The kind of entity (from its mentions).
    pub kind: EntityKind,
    /// Indices into the run's mentions, in document and position order.
    pub mentions: Vec<usize>,
}

/// Largest blocking bucket compared pair by pair. A bigger one (a very common key) is
/// never dropped: its members are sorted by spelling and each is compared with the
/// [`WINDOW`] that follow it, so work stays linear and no answer falls off a cliff;
/// forms that read the same are joined before, whatever their number.
const MAX_BUCKET: usize = 200;

/// Neighbours in spelling order each member of an oversized bucket is compared with.
const WINDOW: usize = 64;

/// Candidate pairs of one blocking bucket: all pairs up to [`MAX_BUCKET`] members,
/// else each member with the [`WINDOW`] members after it in `key` order.
fn bucket_pairs<K: Ord>(b: &[usize], key: impl Fn(usize) -> K, out: &mut Vec<(usize, usize)>) {
    if b.len() <= MAX_BUCKET {
        for (x, &i) in b.iter().enumerate() {
            for &j in &b[x + 1..] {
                out.push((i.min(j), i.max(j)));
            }
        }
        return;
    }
    let mut sorted = b.to_vec();
    sorted.sort_by_key(|&i| (key(i), i));
    for (x, &i) in sorted.iter().enumerate() {
        for &j in sorted.iter().skip(x + 1).take(WINDOW) {
            out.push((i.min(j), i.max(j)));
        }
    }
}

/// Folded, lower-case tokens of a name: accents, possessive, dots and apostrophes gone;
/// split at spaces, hyphens and commas.
pub fn tokens(words: &Words, text: &str) -> Vec<String> {
    let folded = words.fold(text).replace('’', "'").to_lowercase();
    let folded = folded
        .strip_suffix("'s")
        .or_else(|| folded.strip_suffix('\''))
        .unwrap_or(&folded)
        .to_string();
    folded
        .split(|c: char| c.is_whitespace() || c == '-' || c == ',' || c == '/')
        .map(|t| {
            t.chars()
                .filter(|c| c.is_alphanumeric() || *c == '&')
                .collect::<String>()
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// The style book, folded for look-up.
#[derive(Debug, Clone)]
pub struct StyleBook {
    /// Folded whole name → folded preferred name.
    whole: HashMap<String, String>,
    /// Folded single word → folded preferred word.
    token: HashMap<String, String>,
    /// Folded preferred name → its spelling.
    display: HashMap<String, String>,
    /// Folded spellings the style book replaces.
    pub variants: HashSet<String>,
    never: HashSet<(String, String)>,
    /// Every spelling a `never` pair names.
    never_keys: HashSet<String>,
}

impl StyleBook {
    /// The style book of `rules`, indexed for look-up.
    pub fn new(rules: &RuleSet) -> Self {
        let w = &rules.words;
        let join = |s: &str| tokens(w, s).join(" ");
        let mut sb = StyleBook {
            whole: HashMap::new(),
            token: HashMap::new(),
            display: HashMap::new(),
            variants: HashSet::new(),
            never: HashSet::new(),
            never_keys: HashSet::new(),
        };
        for a in &rules.aliases.entries {
            let p = join(&a.prefer);
            sb.display
                .entry(p.clone())
                .or_insert_with(|| a.prefer.clone());
            for v in &a.variants {
                let v = join(v);
                if v == p {
                    continue;
                }
                sb.variants.insert(v.clone());
                if !v.contains(' ') && !p.contains(' ') {
                    sb.token.insert(v.clone(), p.clone());
                }
                sb.whole.insert(v, p.clone());
            }
        }
        for (a, b) in &rules.aliases.never_merge {
            let (a, b) = (join(a), join(b));
            sb.never.insert((a.clone(), b.clone()));
            sb.never_keys.insert(a.clone());
            sb.never_keys.insert(b.clone());
            sb.never.insert((b, a));
        }
        sb
    }

    /// Whether the style book keeps these two spellings apart.
    fn never_apart(&self, a: &str, b: &str) -> bool {
        self.never.contains(&(a.to_string(), b.to_string()))
    }

    /// Tokens with the style book applied (whole name first, then word by word).
    fn apply(&self, toks: &[String]) -> Vec<String> {
        let whole = toks.join(" ");
        if let Some(p) = self.whole.get(&whole) {
            return p.split(' ').map(str::to_string).collect();
        }
        toks.iter()
            .map(|t| self.token.get(t).cloned().unwrap_or_else(|| t.clone()))
            .collect()
    }

    /// The preferred spelling of a folded name, if the style book has one.
    pub fn preferred(&self, folded: &str) -> Option<&str> {
        let p = self.whole.get(folded).map_or(folded, String::as_str);
        self.display.get(p).map(String::as_str)
    }

    /// Is the folded word or name one the style book replaces?
    pub fn is_variant(&self, folded: &str) -> bool {
        self.variants.contains(folded)
    }
}

/// Mentions that read the same.
struct Form {
    key: String,
    /// Style-book-normalised tokens, particles removed.
    toks: Vec<String>,
    /// Tokens that name (not heads, legal forms or joining words).
    distinct: Vec<String>,
    /// Organisation heads, legal forms left out.
    heads: Vec<String>,
    /// Transliteration keys of the whole name written as one word, with and without
    /// the Arabic article ("Abd-al-Wali" / "Abdul Wali", "Benhammedi" / "Ben Hammedi").
    joined: Vec<String>,
    /// The same keys for the first two, three, … words (a longer name's given names).
    joined_prefixes: Vec<String>,
    /// The naming words the keys were made from.
    named: Vec<String>,
    kind: EntityKind,
    strong: bool,
    doc: usize,
    mentions: Vec<usize>,
}

impl Form {
    fn multi(&self) -> bool {
        self.distinct.len() >= 2 || (self.toks.len() >= 2 && !self.distinct.is_empty())
    }
}

/// Union-find over forms ([`UnionFind`]) where each root keeps what a merge must
/// check, so a merge costs what the smaller side holds, never the whole group (a name
/// in a hundred thousand sources is one group built by a hundred thousand merges).
struct Uf<'f> {
    sets: UnionFind,
    /// Forms under each root.
    size: Vec<usize>,
    /// The first few full names under each root, in merge order: checked for
    /// contradictions.
    fulls: Vec<Vec<usize>>,
    /// The spellings under each root that a style-book `never_merge` entry names.
    barred: Vec<BTreeSet<&'f str>>,
}

/// Full names of each side compared for a contradiction before a merge.
const MAX_FULLS: usize = 8;

impl<'f> Uf<'f> {
    fn new(forms: &'f [Form], book: &StyleBook) -> Self {
        let n = forms.len();
        Uf {
            sets: UnionFind::new(n),
            size: vec![1; n],
            fulls: (0..n)
                .map(|i| {
                    if forms[i].multi() {
                        vec![i]
                    } else {
                        Vec::new()
                    }
                })
                .collect(),
            barred: forms
                .iter()
                .map(|f| {
                    let mut s = BTreeSet::new();
                    if book.never_keys.contains(&f.key) {
                        s.insert(f.key.as_str());
                    }
                    s
                })
                .collect(),
        }
    }

    fn find(&mut self, x: usize) -> usize {
        self.sets.find(x)
    }

    /// Puts the smaller root under the bigger one.
    fn link(&mut self, ra: usize, rb: usize) {
        let (big, small) = if self.size[ra] >= self.size[rb] {
            (ra, rb)
        } else {
            (rb, ra)
        };
        // The first full names of the bigger side then of the smaller one: the
        // members' order the group had before.
        let moved = std::mem::take(&mut self.fulls[small]);
        let room = MAX_FULLS.saturating_sub(self.fulls[big].len());
        self.fulls[big].extend(moved.into_iter().take(room));
        let moved = std::mem::take(&mut self.barred[small]);
        self.barred[big].extend(moved);
        self.size[big] += self.size[small];
        self.sets.attach(small, big);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scorer {
    Person,
    Name,
}

struct Ctx<'a> {
    words: &'a Words,
    book: &'a StyleBook,
    org: &'a orgwords::OrgWords,
    /// Countries written as one word, from the demonyms ("Korean" → "korea").
    place_words: HashSet<String>,
    skeletons: std::cell::RefCell<HashMap<String, std::rc::Rc<str>>>,
    stems: std::cell::RefCell<HashMap<String, std::rc::Rc<str>>>,
}

fn lev_sim(a: &str, b: &str) -> f64 {
    strsim::normalized_levenshtein(a, b)
}

impl Ctx<'_> {
    /// The English stem of a token, computed once.
    fn stem(&self, t: &str) -> std::rc::Rc<str> {
        if let Some(s) = self.stems.borrow().get(t) {
            return s.clone();
        }
        let s: std::rc::Rc<str> = orgwords::stem(t).into();
        self.stems.borrow_mut().insert(t.to_string(), s.clone());
        s
    }

    /// The transliteration key of a token, computed once.
    fn skel(&self, t: &str) -> std::rc::Rc<str> {
        if let Some(s) = self.skeletons.borrow().get(t) {
            return s.clone();
        }
        let s: std::rc::Rc<str> = self.words.skeleton(t).into();
        self.skeletons.borrow_mut().insert(t.to_string(), s.clone());
        s
    }

    /// How alike two folded tokens are: 1 same, 0.9 same transliteration key,
    /// 0.85 close spelling, 0.5 an initial, 0.
    fn tok_sim(&self, a: &str, b: &str, relaxed: bool) -> f64 {
        if a == b {
            return 1.0;
        }
        let (la, lb) = (a.chars().count(), b.chars().count());
        if la == 1 || lb == 1 {
            let (i, t) = if la == 1 { (a, b) } else { (b, a) };
            return if t.starts_with(i) { 0.5 } else { 0.0 };
        }
        let w = self.words;
        let known_pair = (w.places.contains(a) && w.places.contains(b))
            || (w.first_names.contains(a) && w.first_names.contains(b));
        let (sa, sb) = (self.skel(a), self.skel(b));
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

    /// Transliteration keys of a name written as one word: with the article, without it.
    fn joined_of(&self, toks: &[String]) -> Vec<String> {
        let with: String = toks.concat();
        let without: String = toks
            .iter()
            .filter(|t| !self.words.articles.contains(*t))
            .map(String::as_str)
            .collect();
        let mut v = vec![self.words.skeleton(&with), self.words.skeleton(&without)];
        v.dedup();
        v.retain(|k| k.chars().count() >= 7);
        v
    }

    /// Whole-name keys and keys of the name's first 2, 3, … words.
    fn joined_keys(&self, toks: &[String]) -> (Vec<String>, Vec<String>) {
        if toks.len() < 2 && toks.first().is_none_or(|t| t.chars().count() < 8) {
            return (Vec::new(), Vec::new());
        }
        let whole = self.joined_of(toks);
        let mut prefixes = Vec::new();
        for k in 2..toks.len() {
            prefixes.extend(self.joined_of(&toks[..k]));
        }
        prefixes.sort();
        prefixes.dedup();
        (whole, prefixes)
    }

    /// Two names that read the same written as one word ("Abdul Wali" / "Abd-al-Wali",
    /// "Mohammadreza Jafari" / "Mohammad Reza Jafari"), or one that reads as the other's
    /// first words ("Ashraf Seedahmed" / "Ashraf Seed Ahmed Hussein").
    fn joined(&self, a: &Form, b: &Form) -> Option<f64> {
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

    fn scorer(&self, a: &Form, b: &Form) -> Option<Scorer> {
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
    fn split_words(&self, toks: &[String], vocab: bool) -> (Vec<String>, Vec<String>) {
        let words = self.words;
        let mut distinct = Vec::new();
        let mut heads = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            let legal = |t: &String| words.legal_forms.contains(t) && !words.connectors.contains(t);
            if vocab && self.org.legal_prefix(t) && toks.get(i + 1).is_some_and(legal) {
                continue;
            }
            // "Int'l", "Ft.": the word they abbreviate (legal forms are left out below).
            // Not the last word: that is the head or a legal form ("Velmar Pres" is a
            // press, not a president).
            let t = match words.abbreviations.get(t) {
                Some(full) if vocab && i + 1 < toks.len() && !words.legal_forms.contains(t) => full,
                _ => t,
            };
            let t = match words.demonyms.get(t) {
                Some(p) => tokens(words, p).join(""),
                None if vocab => self.org.translate(t).to_string(),
                None => t.clone(),
            };
            if words.legal_forms.contains(&t)
                || words.connectors.contains(&t)
                || vocab && self.org.generic(&t)
            {
                continue;
            }
            let head = if vocab {
                self.org.head(words, &t)
            } else {
                words.org_heads.contains(&t).then(|| t.clone())
            };
            // A street's type is its head, and one type stands for another: "X Street"
            // and "X Avenue" are one street written two ways.
            let street = i + 1 == toks.len()
                && i > 0
                && (words.street_types.contains(&t) || matches!(t.as_str(), "ave" | "blvd"));
            let head = if street {
                Some("<street>".to_string())
            } else {
                head
            };
            // A last word a letter away from a head is that head misspelt ("Aiport").
            let head = head.or_else(|| {
                let h = words
                    .near_head(&t)
                    .filter(|_| i > 0 && i + 1 == toks.len())?;
                if vocab {
                    self.org.head(words, &h)
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

    fn distinctive(&self, t: &str) -> bool {
        t.chars().count() >= 3 && !self.words.common_given.contains(t)
    }

    /// Two full person names: every word of the shorter found in the longer.
    fn person(&self, a: &Form, b: &Form) -> Option<f64> {
        let (s, l) = if a.toks.len() <= b.toks.len() {
            (&a.toks, &b.toks)
        } else {
            (&b.toks, &a.toks)
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
    fn name(&self, a: &Form, b: &Form) -> Option<f64> {
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
        if s.distinct.is_empty()
            || l.distinct.len() > s.distinct.len() + 1.max(s.distinct.len() / 2)
        {
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
        let mut total = 0.0;
        let mut used = vec![false; l.distinct.len()];
        let mut typos = 0;
        for t in &s.distinct {
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
                let typo = (0..l.distinct.len()).find(|&j| {
                    !used[j]
                        && t.chars().count().min(l.distinct[j].chars().count()) >= 4
                        && strsim::damerau_levenshtein(t, &l.distinct[j]) == 1
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
        for h in &s.heads {
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
        for (j, t) in l.distinct.iter().enumerate() {
            let allowed =
                used[j] || overlap || j == 0 && leading_place || j == last && trailing_place;
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

    fn org_tok(&self, a: &str, b: &str) -> f64 {
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

    fn score(&self, a: &Form, b: &Form) -> Option<f64> {
        let s = match self.scorer(a, b)? {
            Scorer::Person => self.person(a, b),
            Scorer::Name => {
                // Organisations written as one word need the same heads too.
                let heads =
                    a.heads.len() == b.heads.len() && a.heads.iter().all(|h| b.heads.contains(h));
                // The same letters, spaced differently ("Petroplus" / "Petro Plus").
                if heads && a.named.concat() == b.named.concat() && a.named.concat().len() >= 6 {
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
    fn contradict(&self, a: &Form, b: &Form) -> bool {
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

    fn blocking_keys(&self, f: &Form) -> Vec<String> {
        let mut keys = Vec::new();
        for j in f.joined.iter().chain(&f.joined_prefixes) {
            keys.push(format!("j{j}"));
        }
        if f.kind != EntityKind::Person {
            keys.push(format!("c{}", f.named.concat()));
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
        keys
    }

    /// Keys a guessed person ("Brantel VK", "Zembla Auto Trade": no title, no known given
    /// name) also gets, to meet the organisation it may be; never used to pair it with
    /// another person.
    fn org_keys(&self, f: &Form) -> Vec<String> {
        if f.kind != EntityKind::Person || f.strong || f.distinct.len() < 2 {
            return Vec::new();
        }
        // The whole name run together and the first word's transliteration key: the
        // looser prefix and suffix keys would pair every such name with many
        // organisations for few joins.
        let mut keys = vec![format!("c{}", f.named.concat())];
        let t = &f.distinct[0];
        if self.distinctive(t) {
            let sk = self.skel(t);
            if sk.chars().count() >= 2 {
                keys.push(format!("k{sk}"));
            }
        }
        keys
    }
}

/// Is this mention's kind backed by evidence (a head, the gazetteer, a title, a first
/// name) rather than a guess?
fn strong_kind(words: &Words, m: &Mention, toks: &[String]) -> bool {
    match m.kind {
        EntityKind::Org => toks.iter().any(|t| words.org_heads.contains(t)),
        EntityKind::Place => words.places.contains(&toks.join(" ")),
        EntityKind::Person => {
            m.title.is_some()
                || toks
                    .iter()
                    .any(|t| t.chars().count() == 1 && !words.particles.contains(t))
                || toks.first().is_some_and(|t| words.first_names.contains(t))
        }
        EntityKind::Other => false,
    }
}

/// The entity of every mention (by index), for stages that start from mentions.
pub fn entity_of(entities: &[Entity], mentions: usize) -> Vec<Option<usize>> {
    let mut out = vec![None; mentions];
    for (e, ent) in entities.iter().enumerate() {
        for &m in &ent.mentions {
            if let Some(slot) = out.get_mut(m) {
                *slot = Some(e);
            }
        }
    }
    out
}

/// Groups mentions into entities.
pub fn cluster(mentions: &[Mention], rules: &RuleSet) -> Vec<Entity> {
    let words = &rules.words;
    let ctx = Ctx {
        words,
        book: rules.style_book(),
        org: rules.org_words(),
        place_words: words
            .demonyms
            .values()
            .map(|p| tokens(words, p).join(""))
            .collect(),
        skeletons: Default::default(),
        stems: Default::default(),
    };

    // Forms.
    let mut forms: Vec<Form> = Vec::new();
    let mut by_key: HashMap<(String, usize), usize> = HashMap::new();
    let mut kinds: Vec<BTreeMap<(bool, EntityKind), usize>> = Vec::new();
    // Folding is the costly part of tokenising and names repeat: once per spelling.
    let mut token_cache: HashMap<&str, Vec<String>> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        let raw = token_cache
            .entry(m.text.as_str())
            .or_insert_with(|| tokens(words, &m.text))
            .clone();
        if raw.is_empty() {
            continue;
        }
        let key = raw.join(" ");
        let bare: Vec<String> = raw
            .iter()
            .filter(|t| !words.honorifics.contains(*t))
            .cloned()
            .collect();
        // "Haji Ibrahim" is not just "Ibrahim": an honorific goes only before two words.
        let bare = if bare.len() < 2 { raw.clone() } else { bare };
        let toks: Vec<String> = ctx
            .book
            .apply(&bare)
            .into_iter()
            .filter(|t| !words.particles.contains(t))
            .collect();
        let toks = if toks.is_empty() { bare.clone() } else { toks };
        let scope = if toks.len() >= 2 { usize::MAX } else { m.doc };
        let strong = strong_kind(words, m, &raw);
        let f = *by_key.entry((key.clone(), scope)).or_insert_with(|| {
            // The organisation vocabulary never leaves a name without naming words
            // ("Daneshgah Shipping Agencies" keeps "Daneshgah"): then the words as written.
            let (distinct, heads) = match ctx.split_words(&toks, true) {
                (d, _) if d.is_empty() => ctx.split_words(&toks, false),
                dh => dh,
            };
            let named: Vec<String> = if m.kind == EntityKind::Person {
                bare.clone()
            } else {
                bare.iter()
                    .filter(|t| !words.legal_forms.contains(*t))
                    .cloned()
                    .collect()
            };
            let (joined, joined_prefixes) = ctx.joined_keys(&named);
            forms.push(Form {
                key,
                toks,
                distinct,
                heads,
                joined,
                joined_prefixes,
                named,
                kind: m.kind,
                strong,
                doc: m.doc,
                mentions: Vec::new(),
            });
            kinds.push(BTreeMap::new());
            forms.len() - 1
        });
        forms[f].mentions.push(i);
        *kinds[f].entry((strong, m.kind)).or_default() += 1;
    }
    for (f, k) in forms.iter_mut().zip(&kinds) {
        // The best-backed, most frequent kind.
        if let Some(((strong, kind), _)) = k
            .iter()
            .max_by_key(|((s, kind), n)| (*s, *kind != EntityKind::Other, **n))
        {
            f.kind = *kind;
            f.strong = *strong;
        }
    }

    let n = forms.len();
    let mut uf = Uf::new(&forms, ctx.book);
    let union = |uf: &mut Uf, a: usize, b: usize, forms: &[Form]| -> bool {
        let (ra, rb) = (uf.find(a), uf.find(b));
        if ra == rb {
            return true;
        }
        // Never merge what the style book keeps apart, nor contradicting full names.
        let (ba, bb) = (&uf.barred[ra], &uf.barred[rb]);
        if ba
            .iter()
            .any(|x| bb.iter().any(|y| ctx.book.never_apart(x, y)))
        {
            return false;
        }
        for &x in &uf.fulls[ra] {
            for &y in &uf.fulls[rb] {
                if ctx.contradict(&forms[x], &forms[y]) {
                    return false;
                }
            }
        }
        uf.link(ra, rb);
        true
    };

    // 1. Full names with each other, through blocking keys.
    let multi: Vec<usize> = (0..n).filter(|&i| forms[i].multi()).collect();
    let mut buckets: HashMap<String, Vec<usize>> = HashMap::new();
    // Guessed persons and their organisation keys, kept out of the buckets: they only
    // look up the organisations there, so two people never pair through them.
    let mut guessed: Vec<(usize, Vec<String>)> = Vec::new();
    for &i in &multi {
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
    let person = |i: usize| forms[i].kind == EntityKind::Person;
    let mut pairs: HashSet<(usize, usize)> = HashSet::new();
    let mut found = Vec::new();
    for b in buckets.values() {
        bucket_pairs(b, |i| forms[i].key.as_str(), &mut found);
    }
    pairs.extend(found);
    for (i, keys) in &guessed {
        for k in keys {
            let Some(b) = buckets.get(k) else { continue };
            // An oversized bucket: the organisations nearest in spelling.
            let near: Vec<usize> = if b.len() > MAX_BUCKET {
                let mut v: Vec<usize> = b.clone();
                let me = forms[*i].key.as_str();
                v.sort_by_key(|&j| (forms[j].key.as_str() < me, forms[j].key.as_str(), j));
                v.into_iter().take(WINDOW).collect()
            } else {
                b.clone()
            };
            for j in near.into_iter().filter(|&j| j != *i && !person(j)) {
                pairs.insert((j.min(*i), j.max(*i)));
            }
        }
    }
    let mut scored: Vec<(f64, usize, usize)> = pairs
        .into_iter()
        .filter_map(|(i, j)| ctx.score(&forms[i], &forms[j]).map(|s| (s, i, j)))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, i, j) in scored {
        union(&mut uf, i, j, &forms);
    }

    // 2. One-word forms with the full person name they shorten.
    let single: Vec<usize> = (0..n).filter(|&i| !forms[i].multi()).collect();
    let surname_keys = |t: &str| -> Vec<String> {
        let mut v = vec![format!("k{}", ctx.skel(t))];
        v.push(format!("p{}", t.chars().take(3).collect::<String>()));
        // The word with each letter left out in turn: two words a letter apart share
        // one ("Pfenner" / "Penner"), whatever the letter's place.
        let chars: Vec<char> = t.chars().collect();
        if chars.len() >= 5 {
            v.push(format!("d{t}"));
            for i in 0..chars.len() {
                let d: String = chars[..i].iter().chain(&chars[i + 1..]).collect();
                v.push(format!("d{d}"));
            }
        }
        v.sort();
        v.dedup();
        v
    };
    let mut surnames: HashMap<(usize, String), Vec<usize>> = HashMap::new();
    for &i in &multi {
        if forms[i].kind != EntityKind::Person {
            continue;
        }
        let last = forms[i].toks.last().expect("tokens").clone();
        let docs: HashSet<usize> = forms[i].mentions.iter().map(|&m| mentions[m].doc).collect();
        for k in surname_keys(&last) {
            for &d in &docs {
                surnames.entry((d, k.clone())).or_default().push(i);
            }
            surnames.entry((usize::MAX, k.clone())).or_default().push(i);
        }
    }
    let mut linked = vec![false; n];
    for &i in &single {
        let f = &forms[i];
        if !matches!(f.kind, EntityKind::Person | EntityKind::Other) || f.toks.len() != 1 {
            continue;
        }
        let t = &f.toks[0];
        if t.chars().count() < 3 {
            continue;
        }
        for (scope, relaxed) in [(f.doc, true), (usize::MAX, false)] {
            let mut roots: Vec<usize> = Vec::new();
            for k in surname_keys(t) {
                let cands = surnames.get(&(scope, k)).map_or(&[][..], Vec::as_slice);
                if cands.len() > MAX_BUCKET {
                    continue;
                }
                for &c in cands {
                    let last = forms[c].toks.last().expect("tokens");
                    let s = ctx.tok_sim(t, last, relaxed);
                    if s >= 0.85 && (relaxed || s >= 0.9) {
                        roots.push(uf.find(c));
                    }
                }
            }
            roots.sort_unstable();
            roots.dedup();
            if roots.len() == 1 {
                linked[i] = union(&mut uf, i, roots[0], &forms);
            }
            if !roots.is_empty() {
                break;
            }
        }
    }

    // 2b. A one-word form with the one organisation it names ("Faratech" for
    // "Faratech Company"), when exactly one fits.
    // Also a one-word form with the one organisation whose words it runs together
    // ("Arvancloud" / "Arvan Cloud").
    // Failing an exact fit, a one-word form with the one organisation whose naming word
    // is a close spelling of it ("Zemblayyun" / "Zemblayun Brigade").
    let mut sole: HashMap<String, Vec<usize>> = HashMap::new();
    let mut sole_skel: HashMap<String, Vec<usize>> = HashMap::new();
    for &i in &multi {
        if forms[i].kind == EntityKind::Person && forms[i].strong {
            continue;
        }
        if forms[i].distinct.len() == 1
            && (forms[i].kind != EntityKind::Person || !forms[i].heads.is_empty())
        {
            let t = &forms[i].distinct[0];
            sole.entry(t.clone()).or_default().push(i);
            sole_skel
                .entry(ctx.skel(t).to_string())
                .or_default()
                .push(i);
        }
        let joined = forms[i].named.concat();
        if forms[i].named.len() >= 2 && joined.chars().count() >= 6 {
            sole.entry(joined).or_default().push(i);
        }
    }
    for &i in &single {
        let f = &forms[i];
        if linked[i] || f.toks.len() != 1 || f.strong && f.kind != EntityKind::Org {
            continue;
        }
        if words.places.contains(&f.toks[0])
            || words.common.contains(&f.toks[0])
            || f.kind == EntityKind::Place && f.strong
        {
            continue;
        }
        let t = &f.toks[0];
        let mut roots: Vec<usize> = match sole.get(t) {
            Some(cands) => cands.iter().map(|&c| uf.find(c)).collect(),
            None if t.chars().count() >= 6 => sole_skel
                .get(&*ctx.skel(t))
                .into_iter()
                .flatten()
                .filter(|&&c| ctx.tok_sim(t, &forms[c].distinct[0], false) >= 0.9)
                .map(|&c| uf.find(c))
                .collect(),
            None => Vec::new(),
        };
        roots.sort_unstable();
        roots.dedup();
        if roots.len() == 1 {
            linked[i] = union(&mut uf, i, roots[0], &forms);
        }
    }

    // 3. The remaining one-word forms with each other.
    let mut buckets: HashMap<String, Vec<usize>> = HashMap::new();
    for &i in &single {
        if linked[i] {
            continue;
        }
        let t = forms[i].toks.join(" ");
        buckets.entry(format!("w{t}")).or_default().push(i);
        if forms[i].toks.len() == 1 {
            buckets
                .entry(format!("k{}", words.skeleton(&t)))
                .or_default()
                .push(i);
            buckets
                .entry(format!("p{}", t.chars().take(4).collect::<String>()))
                .or_default()
                .push(i);
        }
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    // Forms that read the same join first, however many sources write them: each with
    // the first of them and the one before (linear, no cap).
    let mut reps: HashMap<String, usize> = HashMap::new();
    for (key, b) in &buckets {
        if key.starts_with('w') {
            for (x, &i) in b.iter().enumerate().skip(1) {
                pairs.push((b[0].min(i), b[0].max(i)));
                pairs.push((b[x - 1].min(i), b[x - 1].max(i)));
            }
            reps.insert(key.clone(), b[0]);
        }
    }
    // Other keys compare one form per spelling.
    for (key, b) in &buckets {
        if key.starts_with('w') {
            continue;
        }
        let mut one: Vec<usize> = b
            .iter()
            .map(|&i| reps[&format!("w{}", forms[i].toks.join(" "))])
            .collect();
        one.sort_unstable();
        one.dedup();
        bucket_pairs(&one, |i| forms[i].toks.join(" "), &mut pairs);
    }
    pairs.sort_unstable();
    pairs.dedup();
    for (i, j) in pairs {
        let (a, b) = (&forms[i], &forms[j]);
        if ctx.scorer(a, b).is_none() {
            continue;
        }
        let same = a.toks == b.toks;
        let ok = same
            || (a.toks.len() == 1 && b.toks.len() == 1 && {
                let s = ctx.tok_sim(&a.toks[0], &b.toks[0], false);
                s >= 0.9 || (s >= 0.85 && a.toks[0].chars().count() >= 6)
            });
        if ok {
            union(&mut uf, i, j, &forms);
        }
    }

    // Entities in order of first mention.
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new(); // first mention → forms
    let mut root_first: HashMap<usize, usize> = HashMap::new();
    for (i, f) in forms.iter().enumerate() {
        let r = uf.find(i);
        let first = f.mentions[0];
        let e = root_first.entry(r).or_insert(first);
        *e = (*e).min(first);
    }
    for i in 0..n {
        let r = uf.find(i);
        groups.entry(root_first[&r]).or_default().push(i);
    }
    let mut out = Vec::new();
    for fs in groups.values() {
        let mut ms: Vec<usize> = fs.iter().flat_map(|&f| forms[f].mentions.clone()).collect();
        ms.sort_unstable();
        out.push(Entity {
            id: format!("e{}", out.len() + 1),
            canonical: canonical(&ctx, mentions, &ms),
            kind: entity_kind(&forms, fs),
            mentions: ms,
        });
    }
    out
}

fn entity_kind(forms: &[Form], fs: &[usize]) -> EntityKind {
    let mut votes: BTreeMap<EntityKind, (usize, usize)> = BTreeMap::new();
    for &f in fs {
        let v = votes.entry(forms[f].kind).or_default();
        if forms[f].strong {
            v.0 += forms[f].mentions.len();
        }
        v.1 += forms[f].mentions.len();
    }
    votes
        .iter()
        .max_by_key(|(k, (s, a))| (*s, **k != EntityKind::Other, *a, std::cmp::Reverse(**k)))
        .map_or(EntityKind::Other, |(k, _)| *k)
}

/// The style-book spelling, else the fullest, most common form (earliest on ties), with
/// the style book's spelling of each word.
fn canonical(ctx: &Ctx, mentions: &[Mention], ms: &[usize]) -> String {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for &m in ms {
        let c = counts.entry(mentions[m].text.as_str()).or_insert((0, m));
        c.0 += 1;
    }
    let words = ctx.words;
    // Tokens of each distinct spelling, computed once.
    let toks: HashMap<&str, Vec<String>> = counts.keys().map(|t| (*t, tokens(words, t))).collect();
    for &m in ms {
        if let Some(p) = ctx
            .book
            .preferred(&toks[mentions[m].text.as_str()].join(" "))
        {
            return p.to_string();
        }
    }
    let best = counts
        .iter()
        .map(|(t, (n, first))| {
            let key = (
                toks[t].len(),
                t.chars().any(char::is_lowercase),
                *n,
                std::cmp::Reverse(*first),
            );
            (key, *t)
        })
        .max_by_key(|(key, _)| *key)
        .map_or("", |(_, t)| t);
    best.split(' ')
        .map(|w| {
            let k = tokens(words, w).join("");
            match ctx.book.token.get(&k).and_then(|p| ctx.book.display.get(p)) {
                Some(p) => p.clone(),
                None => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Folded words of a name as the spelling check compares them (for `compare::spelling`).
pub fn compare_tokens(words: &Words, text: &str) -> Vec<String> {
    tokens(words, text)
        .into_iter()
        .filter(|t| !words.particles.contains(t) || t.len() > 3)
        .collect()
}

/// Is `w` (already folded) a word the style book replaces?
pub fn style_variant(rules: &RuleSet, text: &str) -> bool {
    let book = rules.style_book();
    let toks = tokens(&rules.words, text);
    book.is_variant(&toks.join(" ")) || toks.iter().any(|t| book.is_variant(t))
}

#[cfg(test)]
mod tests;
