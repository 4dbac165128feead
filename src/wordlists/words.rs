//! The general word lists that mention detection, entity resolution (`resolve`) and the
//! rules read, from `rules/words/` through [`crate::wordlists`].

use crate::hash::{HashMap, HashSet};

use serde::Deserialize;

use super::shipped;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ParticleFile {
    particles: Vec<String>,
    connectors: Vec<String>,
    common_given: Vec<String>,
    speech_verbs: Vec<String>,
    place_preps: Vec<String>,
    prepositions: Vec<String>,
    function_words: Vec<String>,
    epithets: Vec<String>,
    adjective_tails: Vec<String>,
    legal_forms: Vec<String>,
    honorifics: Vec<String>,
    articles: Vec<String>,
    street_types: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TranslitFile {
    fold: HashMap<String, String>,
    skeleton: Vec<(String, String)>,
}

/// General word lists that mention detection reads (titles, organisation heads,
/// first names, common words, demonyms). Filled from `rules/words/*.yaml`.
#[derive(Debug, Clone, Default)]
pub struct Words {
    /// Title and role words ("minister", "gen"), keys as [`key`] makes them.
    pub titles: HashSet<String>,
    /// Organisation heads ("university", "legion", "ltd").
    pub org_heads: HashSet<String>,
    /// The heads with one letter left out, and where (see [`Words::near_head`]).
    pub head_deletions: HashMap<String, Vec<(usize, String)>>,
    /// The shapes of the heads and of their deletions, which let [`Words::near_head`]
    /// skip most look-ups (made with the two lists, from them alone).
    head_shapes: Shapes,
    deletion_shapes: Shapes,
    /// Given names, which mark a capitalised run as a person.
    pub first_names: HashSet<String>,
    /// Ordinary words that start sentences ("however", "the").
    pub common: HashSet<String>,
    /// Gazetteer of place names (lower case, multi-word names included).
    pub places: HashSet<String>,
    /// Demonym or adjective → the place ("georgian" → "Georgia").
    pub demonyms: HashMap<String, String>,
    /// What a business does ("Trading", "Engineering"): continues a name after "and"/"for".
    pub activities: HashSet<String>,
    /// Bynames after "the" that complete a ruler's or saint's name ("the Great").
    pub epithets: HashSet<String>,
    /// Name particles ("al", "bin", "van").
    pub particles: HashSet<String>,
    /// Words that join parts of an organisation name ("of", "for").
    pub connectors: HashSet<String>,
    /// Given names shared by very many people.
    pub common_given: HashSet<String>,
    /// Verbs after a lone name that show it is a person ("said").
    pub speech_verbs: HashSet<String>,
    /// Words before a lone name that show it is a place ("in", "near").
    pub place_preps: HashSet<String>,
    /// Words that cannot be counted nouns: prepositions, auxiliaries, conjunctions and
    /// speech verbs; after "Unit 8200" they show the number is part of the name.
    pub function_words: HashSet<String>,
    /// Prepositions after a sentence-initial word that show it is an ordinary word.
    pub prepositions: HashSet<String>,
    /// Lower-case parts that make a hyphenated word an adjective ("based").
    pub adjective_tails: HashSet<String>,
    /// Legal forms and joining words ignored when organisation names are compared.
    pub legal_forms: HashSet<String>,
    /// Honorifics written as part of a name ("haji", "sayed"): ignored in comparison.
    pub honorifics: HashSet<String>,
    /// The Arabic article and its assimilated forms ("al", "ul", "ud").
    pub articles: HashSet<String>,
    /// Street types ("street", "avenue"): the last word of a street's name.
    pub street_types: HashSet<String>,
    /// Abbreviations and what they stand for ("intl" → "international").
    pub abbreviations: HashMap<String, String>,
    /// States and provinces as abbreviated with a dot ("fla" → "Florida").
    pub states: HashMap<String, String>,
    /// Characters accent folding leaves alone, and what they fold to.
    pub fold: Vec<(char, String)>,
    /// Ordered replacements that make a transliteration key (read with
    /// [`Words::skeleton_table`], set with [`Words::set_skeleton`], which keeps the
    /// index below in step with it).
    skeleton: Vec<(String, String)>,
    /// Which entries of `skeleton` a token may hold (see [`SkeletonIndex`]); `None` for
    /// a table too long to index, walked entry by entry.
    skeleton_index: Option<SkeletonIndex>,
    /// Every key of the lists above that [`class`] names, with the bits of the lists it
    /// is in (see [`Words::classes`]); made from the lists by [`Words::builtin`].
    classes: HashMap<String, u32>,
}

/// The bits of [`Words::classes`]: one a list. Mention detection asks of one word
/// whether it is a title, a head, a common word, a place, a given name …, one list
/// after another; the answer for all the lists at once is one look-up.
pub mod class {
    /// [`super::Words::titles`].
    pub const TITLE: u32 = 1 << 0;
    /// [`super::Words::org_heads`].
    pub const ORG_HEAD: u32 = 1 << 1;
    /// [`super::Words::first_names`].
    pub const FIRST_NAME: u32 = 1 << 2;
    /// [`super::Words::common`].
    pub const COMMON: u32 = 1 << 3;
    /// [`super::Words::places`].
    pub const PLACE: u32 = 1 << 4;
    /// A key of [`super::Words::demonyms`].
    pub const DEMONYM: u32 = 1 << 5;
    /// [`super::Words::activities`].
    pub const ACTIVITY: u32 = 1 << 6;
    /// [`super::Words::epithets`].
    pub const EPITHET: u32 = 1 << 7;
    /// [`super::Words::particles`].
    pub const PARTICLE: u32 = 1 << 8;
    /// [`super::Words::connectors`].
    pub const CONNECTOR: u32 = 1 << 9;
    /// [`super::Words::speech_verbs`].
    pub const SPEECH_VERB: u32 = 1 << 10;
    /// [`super::Words::place_preps`].
    pub const PLACE_PREP: u32 = 1 << 11;
    /// [`super::Words::prepositions`].
    pub const PREPOSITION: u32 = 1 << 12;
    /// [`super::Words::adjective_tails`].
    pub const ADJECTIVE_TAIL: u32 = 1 << 13;
    /// [`super::Words::legal_forms`].
    pub const LEGAL_FORM: u32 = 1 << 14;
    /// [`super::Words::street_types`].
    pub const STREET_TYPE: u32 = 1 << 15;
    /// [`super::Words::function_words`].
    pub const FUNCTION_WORD: u32 = 1 << 16;
    /// A key of [`super::Words::states`].
    pub const STATE: u32 = 1 << 17;
    /// A key of [`super::Words::abbreviations`].
    pub const ABBREVIATION: u32 = 1 << 18;
}

/// The entries of a transliteration table (64 at most: a longer one has none) by the
/// bytes they start with: an entry whose first two bytes a token does not hold side by side
/// (or whose one byte it lacks) is not there, so a token visits only the entries its
/// own pairs of bytes start (rarely more than one or two of the table's thirty-odd).
#[derive(Debug, Clone)]
struct SkeletonIndex {
    /// Entries of one byte, by that byte.
    ones: Box<[u64]>,
    /// Each byte's class: 0 for a byte that is neither the first nor the second of an
    /// entry of two bytes or more, else its own number from 1 (so the pair table below
    /// stays small: `width` times `width` entries).
    class: Box<[u8]>,
    width: usize,
    /// Entries of two bytes or more by the classes of their first two bytes
    /// (`pairs[class[a] * width + class[b]]`).
    pairs: Box<[u64]>,
    /// Entries that replace the empty string (none in the shipped table): always tried.
    empty: u64,
    /// By entry, the entries its replacement may bring into a token (see
    /// [`SkeletonIndex::fed_by`]): what the index must look at again after it.
    feeds: Box<[u64]>,
}

impl SkeletonIndex {
    /// The index of `table`, `None` past 64 entries (one bit an entry).
    fn of(table: &[(String, String)]) -> Option<SkeletonIndex> {
        if table.len() > 64 {
            return None;
        }
        let mut ones = vec![0u64; 256];
        let mut class = vec![0u8; 256];
        let mut width = 1;
        let mut empty = 0;
        for (k, (from, _)) in table.iter().enumerate() {
            match from.as_bytes() {
                [] => empty |= 1 << k,
                [b] => ones[usize::from(*b)] |= 1 << k,
                [a, b, ..] => {
                    // At most 128 bytes are numbered (two an entry): a class fits a byte.
                    for c in [a, b] {
                        if class[usize::from(*c)] == 0 {
                            class[usize::from(*c)] = width as u8;
                            width += 1;
                        }
                    }
                }
            }
        }
        let mut pairs = vec![0u64; width * width];
        for (k, (from, _)) in table.iter().enumerate() {
            if let [a, b, ..] = from.as_bytes() {
                pairs[usize::from(class[usize::from(*a)]) * width
                    + usize::from(class[usize::from(*b)])] |= 1 << k;
            }
        }
        let feeds = table
            .iter()
            .map(|(_, to)| SkeletonIndex::fed_by(table, to.as_bytes()))
            .collect();
        Some(SkeletonIndex {
            ones: ones.into(),
            class: class.into(),
            width,
            pairs: pairs.into(),
            empty,
            feeds,
        })
    }

    /// The entries whose first byte, or first two bytes, a token may hold after `to` is
    /// written into it and did not before: a byte of `to`, a pair inside it, or a pair
    /// `to` makes with the byte before it (its second byte `to`'s first) or after it (its
    /// first byte `to`'s last); any entry when `to` is empty (the bytes around what it
    /// replaces meet). Every other entry that the token holds after, it held before.
    fn fed_by(table: &[(String, String)], to: &[u8]) -> u64 {
        let (Some(&first), Some(&last)) = (to.first(), to.last()) else {
            // Every entry of the table (one at least, 64 at most: `to` is an entry's).
            return u64::MAX >> (64 - table.len());
        };
        let mut m = 0;
        for (k, (from, _)) in table.iter().enumerate() {
            let fed = match from.as_bytes() {
                [] => true,
                [b] => to.contains(b),
                [a, b, ..] => *b == first || *a == last || to.windows(2).any(|w| w == [*a, *b]),
            };
            if fed {
                m |= 1 << k;
            }
        }
        m
    }

    /// The entries that may be in `s`: every entry whose first two bytes (or one byte)
    /// `s` holds, and the empty ones (a table of 64 entries at most).
    fn candidates(&self, s: &[u8]) -> u64 {
        let (ones, class, pairs, width) = (&*self.ones, &*self.class, &*self.pairs, self.width);
        let mut m = self.empty;
        let Some((&last, _)) = s.split_last() else {
            return m;
        };
        let mut prev = usize::from(class[usize::from(s[0])]) * width;
        for w in s.windows(2) {
            let next = usize::from(class[usize::from(w[1])]);
            m |= ones[usize::from(w[0])] | pairs[prev + next];
            prev = next * width;
        }
        m | ones[usize::from(last)]
    }
}

/// The key a word is looked up under: lower case, no dots.
pub fn key(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    push_key(w, &mut out);
    out
}

/// Appends the key of `w` (see [`key`]) to `out`. Most words are ASCII, lowered a byte
/// at a time; the rest go through Unicode lower-casing, a character at a time (so the
/// key of two words joined is the two keys joined, and a hyphen stays a hyphen).
pub fn push_key(w: &str, out: &mut String) {
    // One walk over the bytes for ASCII words (most of them), lowering and leaving out
    // dots as it goes; at the first byte outside ASCII what it wrote is taken back and
    // the word goes through the Unicode path below.
    let start = out.len();
    out.reserve(w.len());
    let mut ascii = true;
    for &b in w.as_bytes() {
        if !b.is_ascii() {
            ascii = false;
            break;
        }
        if b != b'.' {
            out.push(char::from(b.to_ascii_lowercase()));
        }
    }
    if ascii {
        return;
    }
    out.truncate(start);
    push_key_by_parts(w, out);
}

/// [`push_key`] as it was written before its one-walk path: kept as the Unicode path
/// (and the tests' second definition).
fn push_key_by_parts(w: &str, out: &mut String) {
    if w.is_ascii() && !w.contains('.') {
        // Copied whole, then lowered in place.
        let start = out.len();
        out.push_str(w);
        out[start..].make_ascii_lowercase();
    } else if w.is_ascii() {
        out.extend(
            w.bytes()
                .filter(|&b| b != b'.')
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
    } else {
        out.extend(w.chars().filter(|c| *c != '.').flat_map(char::to_lowercase));
    }
}

/// A shipped list as a set of look-up keys.
fn list(name: &str) -> HashSet<String> {
    let v: Vec<String> = shipped(name);
    v.iter().map(|w| key(w)).collect()
}

/// Each ASCII head of five letters or more with one letter left out, and where:
/// "airport" gives "irport" (0), "arport" (1), … The index behind [`Words::near_head`].
fn deletions(heads: &HashSet<String>) -> HashMap<String, Vec<(usize, String)>> {
    let mut out: HashMap<String, Vec<(usize, String)>> = HashMap::default();
    for h in heads {
        if h.len() < 5 || !h.bytes().all(|c| c.is_ascii_lowercase()) {
            continue;
        }
        for i in 0..h.len() {
            let d = format!("{}{}", &h[..i], &h[i + 1..]);
            out.entry(d).or_default().push((i, h.clone()));
        }
    }
    // Set iteration order is not fixed; the order found is part of no answer, but keep
    // the index itself deterministic.
    for v in out.values_mut() {
        v.sort();
    }
    out
}

/// Which shapes (length, first and last letter) the ASCII lower-case words of a list
/// have. A word of another shape is not in the list: that answer costs a bit test, where
/// the look-up costs hashing the word. Empty (the default) answers "maybe" to all.
#[derive(Debug, Clone, Default)]
struct Shapes {
    bits: Vec<u64>,
}

/// Lengths a shape tells apart; longer words are always "maybe".
const SHAPE_LENGTHS: usize = 32;

impl Shapes {
    fn of<'a>(words: impl Iterator<Item = &'a String>) -> Shapes {
        let mut bits = vec![0u64; (SHAPE_LENGTHS * 26 * 26).div_ceil(64)];
        for w in words {
            let b = w.as_bytes();
            if let Some(k) = Shapes::index(b.len(), b.first(), b.last()) {
                bits[k / 64] |= 1 << (k % 64);
            }
        }
        Shapes { bits }
    }

    /// The bit of a shape; `None` for lengths past [`SHAPE_LENGTHS`] and letters other
    /// than `a`-`z` (no such word asks: `near_head` reads ASCII lower-case words).
    fn index(len: usize, first: Option<&u8>, last: Option<&u8>) -> Option<usize> {
        let (&f, &l) = (first?, last?);
        (len < SHAPE_LENGTHS && f.is_ascii_lowercase() && l.is_ascii_lowercase())
            .then(|| (len * 26 + usize::from(f - b'a')) * 26 + usize::from(l - b'a'))
    }

    /// May a word of `len` bytes, first byte `first` and last byte `last` be in the list?
    fn may_hold(&self, len: usize, first: u8, last: u8) -> bool {
        match Shapes::index(len, Some(&first), Some(&last)) {
            Some(k) if !self.bits.is_empty() => self.bits[k / 64] & (1 << (k % 64)) != 0,
            _ => true,
        }
    }
}

impl Words {
    /// The shipped word lists.
    pub fn builtin() -> Self {
        let particles: ParticleFile = shipped("particles.yaml");
        let translit: TranslitFile = shipped("translit.yaml");
        let demonyms: HashMap<String, String> = shipped("demonyms.yaml");
        let mut fold: Vec<(char, String)> = translit
            .fold
            .into_iter()
            .filter_map(|(k, v)| k.chars().next().map(|c| (c, v)))
            .collect();
        fold.sort();
        let function_words = particles
            .prepositions
            .iter()
            .chain(&particles.speech_verbs)
            .chain(&particles.function_words)
            .cloned()
            .collect();
        let org_heads = list("org_heads.yaml");
        let head_deletions = deletions(&org_heads);
        Words {
            function_words,
            titles: list("titles.yaml"),
            head_shapes: Shapes::of(org_heads.iter()),
            deletion_shapes: Shapes::of(head_deletions.keys()),
            head_deletions,
            org_heads,
            activities: list("activities.yaml"),
            first_names: list("first_names.yaml"),
            common: list("common.yaml"),
            places: list("places.yaml"),
            demonyms: demonyms.into_iter().map(|(k, v)| (key(&k), v)).collect(),
            particles: particles.particles.iter().map(|w| key(w)).collect(),
            connectors: particles.connectors.iter().map(|w| key(w)).collect(),
            common_given: particles.common_given.iter().map(|w| key(w)).collect(),
            speech_verbs: particles.speech_verbs.into_iter().collect(),
            place_preps: particles.place_preps.into_iter().collect(),
            prepositions: particles.prepositions.into_iter().collect(),
            adjective_tails: particles.adjective_tails.into_iter().collect(),
            legal_forms: particles.legal_forms.into_iter().collect(),
            honorifics: particles.honorifics.iter().map(|w| key(w)).collect(),
            articles: particles.articles.iter().map(|w| key(w)).collect(),
            epithets: particles.epithets.iter().map(|w| key(w)).collect(),
            street_types: particles.street_types.iter().map(|w| key(w)).collect(),
            abbreviations: shipped("abbreviations.yaml"),
            states: shipped("states.yaml"),
            fold,
            skeleton_index: SkeletonIndex::of(&translit.skeleton),
            skeleton: translit.skeleton,
            classes: HashMap::default(),
        }
        .with_classes()
    }

    /// The lists [`class`] names, each with its bit.
    fn class_lists(&self) -> [(u32, Box<dyn Iterator<Item = &String> + '_>); 19] {
        [
            (class::TITLE, Box::new(self.titles.iter())),
            (class::ORG_HEAD, Box::new(self.org_heads.iter())),
            (class::FIRST_NAME, Box::new(self.first_names.iter())),
            (class::COMMON, Box::new(self.common.iter())),
            (class::PLACE, Box::new(self.places.iter())),
            (class::DEMONYM, Box::new(self.demonyms.keys())),
            (class::ACTIVITY, Box::new(self.activities.iter())),
            (class::EPITHET, Box::new(self.epithets.iter())),
            (class::PARTICLE, Box::new(self.particles.iter())),
            (class::CONNECTOR, Box::new(self.connectors.iter())),
            (class::SPEECH_VERB, Box::new(self.speech_verbs.iter())),
            (class::PLACE_PREP, Box::new(self.place_preps.iter())),
            (class::PREPOSITION, Box::new(self.prepositions.iter())),
            (class::ADJECTIVE_TAIL, Box::new(self.adjective_tails.iter())),
            (class::LEGAL_FORM, Box::new(self.legal_forms.iter())),
            (class::STREET_TYPE, Box::new(self.street_types.iter())),
            (class::FUNCTION_WORD, Box::new(self.function_words.iter())),
            (class::STATE, Box::new(self.states.keys())),
            (class::ABBREVIATION, Box::new(self.abbreviations.keys())),
        ]
    }

    /// The lists with their index of classes made from them.
    fn with_classes(mut self) -> Self {
        let mut classes: HashMap<String, u32> = HashMap::default();
        for (bit, list) in self.class_lists() {
            for k in list {
                *classes.entry(k.clone()).or_default() |= bit;
            }
        }
        self.classes = classes;
        self
    }

    /// The bits ([`class`]) of the lists that hold `key` as they hold it: bit
    /// `class::TITLE` is set exactly when `self.titles.contains(key)`, and so on; 0 for
    /// a key in none. One look-up for every list. (The index is made with the lists by
    /// [`Words::builtin`]; nothing changes the lists after.)
    pub fn classes(&self, key: &str) -> u32 {
        self.classes.get(key).copied().unwrap_or(0)
    }

    /// Accent-folded text: Unicode decomposition without marks, plus the fold table.
    pub fn fold(&self, s: &str) -> String {
        use unicode_normalization::char::is_combining_mark;
        use unicode_normalization::UnicodeNormalization;
        // ASCII decomposes to itself and has no marks: only the table's ASCII keys
        // (sorted first) can change it, and most names have none of them.
        let ascii_keys = &self.fold[..self.fold.partition_point(|(k, _)| k.is_ascii())];
        if s.is_ascii() && !s.chars().any(|c| ascii_keys.iter().any(|(k, _)| *k == c)) {
            return s.to_string();
        }
        let mut out = String::with_capacity(s.len());
        for c in s.nfkd() {
            if is_combining_mark(c) {
                continue;
            }
            match self.fold.binary_search_by(|(k, _)| k.cmp(&c)) {
                Ok(i) => out.push_str(&self.fold[i].1),
                Err(_) => out.push(c),
            }
        }
        out
    }

    /// The organisation head a long word is a one-letter slip of ("aiport" → "airport"):
    /// a letter missing, added, changed or two swapped. Heads of five letters or more and
    /// words that are not common words only, and only when exactly one head fits.
    ///
    /// Looked up, not generated: the word with one letter left out is found among the
    /// heads (a letter added) or among the heads' own one-letter deletions (a letter
    /// missing; a letter changed when the deletion is at the same place), so a call
    /// costs a few look-ups per letter whatever the number of heads.
    pub fn near_head(&self, w: &str) -> Option<String> {
        let n = w.len();
        if n < 4
            || self.org_heads.contains(w)
            || self.common.contains(w)
            || !w.bytes().all(|c| c.is_ascii_lowercase())
        {
            return None;
        }
        let mut found: Vec<&str> = Vec::new();
        fn add<'h>(found: &mut Vec<&'h str>, h: &'h str) {
            if h.len() >= 5 && !found.contains(&h) {
                found.push(h);
            }
        }
        let b = w.as_bytes();
        // A letter missing from the word: the word is a head with one letter left out.
        if self.deletion_shapes.may_hold(n, b[0], b[n - 1]) {
            for (_, h) in self.head_deletions.get(w).into_iter().flatten() {
                add(&mut found, h);
            }
        }
        // One buffer for every candidate (the word is ASCII: any byte is a boundary).
        let mut without = String::with_capacity(n);
        let mut swapped = String::with_capacity(n);
        for i in 0..n {
            // The first and last letters of the word without letter `i`, and of the word
            // with letters `i` and `i + 1` swapped: a candidate of a shape no head (or
            // no head's deletion) has is not looked up.
            let first = if i == 0 { b[1] } else { b[0] };
            let last = if i == n - 1 { b[n - 2] } else { b[n - 1] };
            let as_head = self.head_shapes.may_hold(n - 1, first, last);
            let as_deletion = n >= 6 && self.deletion_shapes.may_hold(n - 1, first, last);
            if as_head || as_deletion {
                without.clear();
                without.push_str(&w[..i]);
                without.push_str(&w[i + 1..]);
            }
            // A letter added to the word.
            if as_head {
                if let Some(h) = self.org_heads.get(without.as_str()) {
                    add(&mut found, h);
                }
            }
            // A letter changed (longer words only: "truss" is not "trust").
            if as_deletion {
                for (j, h) in self
                    .head_deletions
                    .get(without.as_str())
                    .into_iter()
                    .flatten()
                {
                    if *j == i && h.len() == n {
                        add(&mut found, h);
                    }
                }
            }
            // Two neighbouring letters swapped.
            let swapped_last = if i + 2 == n { b[n - 2] } else { b[n - 1] };
            if i + 1 < n && self.head_shapes.may_hold(n, first, swapped_last) {
                swapped.clear();
                swapped.push_str(&w[..i]);
                swapped.push_str(&w[i + 1..i + 2]);
                swapped.push_str(&w[i..i + 1]);
                swapped.push_str(&w[i + 2..]);
                if let Some(h) = self.org_heads.get(swapped.as_str()) {
                    add(&mut found, h);
                }
            }
        }
        (found.len() == 1).then(|| found[0].to_string())
    }

    /// The ordered replacements of the transliteration key (`translit.yaml`).
    pub fn skeleton_table(&self) -> &[(String, String)] {
        &self.skeleton
    }

    /// Replaces the transliteration table.
    pub fn set_skeleton(&mut self, table: Vec<(String, String)>) {
        self.skeleton_index = SkeletonIndex::of(&table);
        self.skeleton = table;
    }

    /// The transliteration key of one folded lower-case token (see `translit.yaml`).
    pub fn skeleton(&self, token: &str) -> String {
        // Worked on as bytes in two scratch buffers kept per thread (so a call allocates
        // only its answer): an entry of the same length as its replacement (most of them:
        // "w" -> "v", "kh" -> "h" is not) is written in place, the others through the
        // spare buffer.
        thread_local! {
            static SCRATCH: std::cell::RefCell<(Vec<u8>, Vec<u8>)> =
                const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
        }
        SCRATCH.with(|scratch| {
            let Ok(mut scratch) = scratch.try_borrow_mut() else {
                // Not reached (nothing here calls back into `skeleton`); a fresh pair
                // of buffers gives the same answer.
                return self.skeleton_in(token, &mut Vec::new(), &mut Vec::new());
            };
            let (s, spare) = &mut *scratch;
            self.skeleton_in(token, s, spare)
        })
    }

    fn skeleton_in(&self, token: &str, s: &mut Vec<u8>, spare: &mut Vec<u8>) -> String {
        s.clear();
        s.extend_from_slice(token.as_bytes());
        // The bytes the token holds: an entry with a byte that is not there is skipped
        // at once. (Tokens are short: a plain scan then costs less than setting up the
        // substring searcher `contains` builds for each of the table's entries.)
        let bytes_of = |s: &[u8]| {
            let mut set = [0u64; 4];
            for &b in s {
                set[usize::from(b >> 6)] |= 1 << (b & 63);
            }
            set
        };
        // And the pairs of neighbouring bytes it holds, hashed into 256 bits: an entry
        // of two bytes or more with a pair that is not there is skipped too ("t" and
        // "h" both in the token, but never "th").
        let pair = |a: u8, b: u8| usize::from(a.wrapping_mul(31) ^ b);
        let pairs_of = |s: &[u8]| {
            let mut set = [0u64; 4];
            for w in s.windows(2) {
                let k = pair(w[0], w[1]);
                set[k >> 6] |= 1 << (k & 63);
            }
            set
        };
        let has = |set: &[u64; 4], k: usize| set[k >> 6] & (1 << (k & 63)) != 0;
        if let Some(index) = &self.skeleton_index {
            // The entries the token's pairs of bytes start, visited in the table's
            // order (each replacement checks its own entry is there).
            let mut todo = index.candidates(s);
            while todo != 0 {
                let k = todo.trailing_zeros() as usize;
                todo &= todo - 1;
                let (from, to) = &self.skeleton[k];
                if replace_bytes(s, spare, from.as_bytes(), to.as_bytes()) {
                    // Entries up to `k` are done; bit `k + 1` and up are left, with those
                    // the replacement may have brought in (the token is not read again).
                    let after = u64::MAX.checked_shl(k as u32 + 1).unwrap_or(0);
                    todo = (todo | index.feeds[k]) & after;
                }
            }
            return finish(s);
        }
        let mut present = bytes_of(s);
        let mut pairs = pairs_of(s);
        for (from, to) in &self.skeleton {
            let f = from.as_bytes();
            // Its first byte and first pair: a test of constant cost that leaves out
            // most entries (the scan below decides for the rest).
            let maybe = match f {
                [] => true,
                [a] => has(&present, usize::from(*a)),
                [a, b, ..] => has(&present, usize::from(*a)) && has(&pairs, pair(*a, *b)),
            };
            // The replacement scans for the entry itself: no separate search first.
            if maybe && replace_bytes(s, spare, f, to.as_bytes()) {
                present = bytes_of(s);
                pairs = pairs_of(s);
            }
        }
        finish(s)
    }
}

/// The key from the replaced bytes: vowels and doubled letters dropped ([`collapse`]).
fn finish(s: &[u8]) -> String {
    if s.is_ascii() {
        // Most keys: every byte a character, and the vowels and doubled letters
        // dropped byte by byte, as the general path below drops characters.
        // (Written as characters: no check of the bytes afterwards.)
        let mut out = String::with_capacity(s.len());
        collapse_ascii(s, &mut out);
        return out;
    }
    // Whole characters replaced by whole characters: still UTF-8 (a match of UTF-8
    // bytes in UTF-8 text always starts and ends on character boundaries).
    let mut out = String::with_capacity(s.len());
    collapse(String::from_utf8_lossy(s).chars(), &mut out);
    out
}

/// The last step of a transliteration key: vowels (a e i o u y) dropped after the first
/// letter (a first vowel becomes "a"), and doubled letters written once.
fn collapse(chars: impl Iterator<Item = char>, out: &mut String) {
    let mut prev: Option<char> = None;
    for (i, c) in chars.enumerate() {
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        if i > 0 && vowel {
            prev = Some(c);
            continue;
        }
        let c = if i == 0 && vowel { 'a' } else { c };
        if prev != Some(c) {
            out.push(c);
        }
        prev = Some(c);
    }
}

/// [`collapse`] over ASCII bytes: the first byte kept (a vowel as "a"), then each
/// consonant unless the byte before it (a vowel included) is the same.
fn collapse_ascii(s: &[u8], out: &mut String) {
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let Some((&first, rest)) = s.split_first() else {
        return;
    };
    let mut prev = if vowel(first) { b'a' } else { first };
    out.push(char::from(prev));
    for &c in rest {
        if !vowel(c) && prev != c {
            out.push(char::from(c));
        }
        prev = c;
    }
}

/// Replaces every occurrence of `from` in `s` by `to`, left to right and without
/// overlaps, as `str::replace` does; `spare` is scratch space for a change of length.
/// Returns whether `s` held `from` (`str::contains`).
fn replace_bytes(s: &mut Vec<u8>, spare: &mut Vec<u8>, from: &[u8], to: &[u8]) -> bool {
    let n = from.len();
    if n == 0 {
        // Not in the shipped table; `str::replace` inserts `to` at every character.
        let replaced = String::from_utf8_lossy(s).replace("", &String::from_utf8_lossy(to));
        *s = replaced.into_bytes();
        return true;
    }
    if let ([f], [t]) = (from, to) {
        // One byte for one (most hits: "w" -> "v", "c" -> "k"): every occurrence
        // rewritten in one walk, with no search started per occurrence.
        let mut held = false;
        for b in s.iter_mut().filter(|b| **b == *f) {
            *b = *t;
            held = true;
        }
        return held;
    }
    // The next occurrence at or after a byte: its first byte found by `memchr` (a
    // vectorised scan, where a loop would test every byte) in a long text, by a plain
    // loop in a short one (a name: less than the call and set-up of the vector search),
    // then the rest compared.
    let first = |s: &[u8]| match s.len() < 32 {
        true => s.iter().position(|&b| b == from[0]),
        false => memchr::memchr(from[0], s),
    };
    let find = |s: &[u8], mut i: usize| -> Option<usize> {
        while let Some(k) = first(s.get(i..)?) {
            let at = i + k;
            if starts_at(s, at, from) {
                return Some(at);
            }
            i = at + 1;
        }
        None
    };
    // Nothing is copied until the first occurrence: most entries are not there.
    let Some(mut at) = find(s, 0) else {
        return false;
    };
    if n == to.len() {
        // Written in place; the search goes on after what it wrote, as `str::replace`'s.
        loop {
            s[at..at + n].copy_from_slice(to);
            match find(s, at + n) {
                Some(next) => at = next,
                None => return true,
            }
        }
    }
    spare.clear();
    let mut i = 0;
    loop {
        spare.extend_from_slice(&s[i..at]);
        spare.extend_from_slice(to);
        i = at + n;
        match find(s, i) {
            Some(next) => at = next,
            None => break,
        }
    }
    spare.extend_from_slice(&s[i..]);
    std::mem::swap(s, spare);
    true
}

/// Does `hay` hold `needle` at byte `i`? Compared a byte at a time: for the table's
/// short entries that beats a call to `memcmp`.
fn starts_at(hay: &[u8], i: usize, needle: &[u8]) -> bool {
    hay.len().saturating_sub(i) >= needle.len() && needle.iter().zip(&hay[i..]).all(|(a, b)| a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The look-up key as first written: every character, lower-cased, dots left out.
    fn key_by_definition(w: &str) -> String {
        w.chars()
            .filter(|c| *c != '.')
            .flat_map(char::to_lowercase)
            .collect()
    }

    #[test]
    fn look_up_keys_follow_their_definition() {
        let words = [
            "",
            ".",
            "Velm",
            "VELM",
            "U.S.",
            "al-Tarwen",
            "Zafi'",
            "O’Brisk",
            "Ørvik",
            "İzvel",
            "ΣΟΦΙΑ",
            "Straße",
            "Ǆemal",
            "12th",
            "D.-Velm.",
            "ǅ",
            "ﬁnn",
            "Velm.Tarwen-Ørvik",
            "ab.c.É",
            "A.B.C.",
            "Ørvik.",
        ];
        let mut joined = String::new();
        for w in words {
            assert_eq!(key(w), key_by_definition(w), "{w}");
            // Appending keeps what the buffer held.
            let before = joined.len();
            push_key(w, &mut joined);
            assert_eq!(joined[before..], key_by_definition(w), "{w}");
            // The walk that gives up at the first byte outside ASCII, as the path by
            // parts does, and keeps what the buffer held.
            let mut by_parts = joined[..before].to_string();
            push_key_by_parts(w, &mut by_parts);
            assert_eq!(joined, by_parts, "{w}");
            // A hyphen splits the key where it splits the word.
            let parts: Vec<String> = w.split('-').map(key_by_definition).collect();
            assert_eq!(key(w).split('-').collect::<Vec<_>>(), parts, "{w}");
        }
    }

    /// A list's own look-up.
    type Holds<'a> = Box<dyn Fn(&str) -> bool + 'a>;

    /// Each list's own look-up, beside its bit: the definition of [`Words::classes`].
    fn lists_by_definition(w: &Words) -> Vec<(u32, Holds<'_>)> {
        vec![
            (class::TITLE, Box::new(|k| w.titles.contains(k))),
            (class::ORG_HEAD, Box::new(|k| w.org_heads.contains(k))),
            (class::FIRST_NAME, Box::new(|k| w.first_names.contains(k))),
            (class::COMMON, Box::new(|k| w.common.contains(k))),
            (class::PLACE, Box::new(|k| w.places.contains(k))),
            (class::DEMONYM, Box::new(|k| w.demonyms.contains_key(k))),
            (class::ACTIVITY, Box::new(|k| w.activities.contains(k))),
            (class::EPITHET, Box::new(|k| w.epithets.contains(k))),
            (class::PARTICLE, Box::new(|k| w.particles.contains(k))),
            (class::CONNECTOR, Box::new(|k| w.connectors.contains(k))),
            (class::SPEECH_VERB, Box::new(|k| w.speech_verbs.contains(k))),
            (class::PLACE_PREP, Box::new(|k| w.place_preps.contains(k))),
            (class::PREPOSITION, Box::new(|k| w.prepositions.contains(k))),
            (
                class::ADJECTIVE_TAIL,
                Box::new(|k| w.adjective_tails.contains(k)),
            ),
            (class::LEGAL_FORM, Box::new(|k| w.legal_forms.contains(k))),
            (class::STREET_TYPE, Box::new(|k| w.street_types.contains(k))),
            (
                class::FUNCTION_WORD,
                Box::new(|k| w.function_words.contains(k)),
            ),
            (class::STATE, Box::new(|k| w.states.contains_key(k))),
            (
                class::ABBREVIATION,
                Box::new(|k| w.abbreviations.contains_key(k)),
            ),
        ]
    }

    #[test]
    fn classes_are_the_lists_that_hold_a_key() {
        let w = Words::builtin();
        let lists = lists_by_definition(&w);
        // Every bit a different list.
        let bits: Vec<u32> = lists.iter().map(|(b, _)| *b).collect();
        assert_eq!(bits.iter().fold(0, |all, b| all | b).count_ones(), 19);
        // Every key of every list, the same with a capital or a dot, and invented words.
        let mut keys: Vec<String> = w.classes.keys().cloned().collect();
        for k in w.classes.keys() {
            keys.push(k.to_uppercase());
            keys.push(format!("{k}."));
            keys.push(format!("{k}s"));
        }
        keys.extend(["", "velmar", "tarwen", "zembla", "ørvik", "of the"].map(String::from));
        for k in &keys {
            let want = lists
                .iter()
                .filter(|(_, holds)| holds(k))
                .fold(0, |all, (b, _)| all | b);
            assert_eq!(w.classes(k), want, "{k:?}");
        }
        // A word of every list is looked for: none is empty.
        for (b, _) in &lists {
            assert!(w.classes.values().any(|c| c & b != 0), "{b}");
        }
    }

    /// The transliteration key as first written (`contains` on each table entry): the
    /// definition the byte-set shortcut must agree with.
    fn skeleton_by_definition(w: &Words, token: &str) -> String {
        let mut s = token.to_string();
        for (from, to) in &w.skeleton {
            if s.contains(from.as_str()) {
                s = s.replace(from.as_str(), to);
            }
        }
        let mut out = String::new();
        let mut prev: Option<char> = None;
        for (i, c) in s.chars().enumerate() {
            let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
            if i > 0 && vowel {
                prev = Some(c);
                continue;
            }
            let c = if i == 0 && vowel { 'a' } else { c };
            if prev != Some(c) {
                out.push(c);
            }
            prev = Some(c);
        }
        out
    }

    #[test]
    fn transliteration_keys_follow_their_definition() {
        let w = Words::builtin();
        // Every table entry alone, inside invented words, and two entries together.
        let mut tokens = vec![String::new(), "velmar".into(), "ørvik".into()];
        for (i, (from, to)) in w.skeleton.iter().enumerate() {
            let (next, _) = &w.skeleton[(i + 1) % w.skeleton.len()];
            tokens.extend([
                from.clone(),
                to.clone(),
                format!("ta{from}ro"),
                format!("{from}{next}"),
                format!("{next}o{from}"),
            ]);
        }
        // Vowels first and doubled, letters outside ASCII, and every pair of entries
        // with a vowel or a doubled letter between them.
        tokens.extend(
            [
                "aabbee", "yvelm", "tarwenn", "ørvikk", "ßßa", "ёлка", "éé", "uu", "y", "ka",
                "kka", "abdulla", "ab-dul", "zzhh",
            ]
            .map(String::from),
        );
        // Names run together, short and past the 32 bytes a search by `memchr` starts
        // at: entries across the words' seams, and one byte for one many times over.
        let words = [
            "abdul", "wali", "ashraf", "seed", "ahmed", "khaled", "ørvik", "gwyn",
        ];
        for (i, a) in words.iter().enumerate() {
            for b in &words[i..] {
                tokens.push(format!("{a}{b}"));
                tokens.push(format!("{a}{b}{a}{b}{a}{b}"));
                tokens.push(format!("{b}{a}{b}{a}{b}{a}{b}{a}"));
            }
        }
        for (a, _) in &w.skeleton {
            for (b, _) in &w.skeleton {
                tokens.extend([
                    format!("{a}{b}"),
                    format!("{a}e{b}"),
                    format!("o{a}{a}{b}ø"),
                ]);
            }
        }
        for t in &tokens {
            assert_eq!(w.skeleton(t), skeleton_by_definition(&w, t), "{t}");
        }
        // A table that changes lengths both ways, with entries that feed one another.
        let mut custom = w.clone();
        custom.set_skeleton(
            [("ab", "b"), ("b", "bbb"), ("x", ""), ("", "-"), ("bb", "ø")]
                .map(|(f, t)| (f.to_string(), t.to_string()))
                .to_vec(),
        );
        for t in ["", "ab", "abab", "xbx", "ørvab", "bbb", "velm"] {
            assert_eq!(
                custom.skeleton(t),
                skeleton_by_definition(&custom, t),
                "{t}"
            );
        }
        // A table longer than the index holds is walked entry by entry, to the same keys.
        let mut long = w.clone();
        let table = w.skeleton_table();
        long.set_skeleton(
            [
                table,
                &table.iter().rev().cloned().collect::<Vec<_>>(),
                table,
            ]
            .concat(),
        );
        assert!(long.skeleton_index.is_none());
        for t in tokens.iter().take(400) {
            assert_eq!(long.skeleton(t), skeleton_by_definition(&long, t), "{t}");
        }
    }

    #[test]
    fn the_candidates_of_a_token_hold_every_entry_it_holds() {
        let w = Words::builtin();
        let mut custom = w.clone();
        custom.set_skeleton(
            [
                ("ab", "b"),
                ("b", "bbb"),
                ("x", ""),
                ("", "-"),
                ("bba", "ø"),
                ("øb", "a"),
            ]
            .map(|(f, t)| (f.to_string(), t.to_string()))
            .to_vec(),
        );
        let tokens = [
            "", "a", "b", "ab", "ba", "abdul", "shchuka", "xq", "tszh", "ørvik", "øb", "bbab",
            "velmar", "oo", "ee", "ouch", "kh", "abdil", "c", "tch",
        ];
        for words in [&w, &custom] {
            for t in tokens {
                let index = words.skeleton_index.as_ref().expect("an indexed table");
                let got = index.candidates(t.as_bytes());
                for (k, (from, _)) in words.skeleton.iter().enumerate() {
                    if t.contains(from.as_str()) {
                        assert!(got & (1 << k) != 0, "{t} {from}");
                    }
                    // Exact on the first two bytes (the test that leaves entries out).
                    let first_two = &from.as_bytes()[..from.len().min(2)];
                    let held = t
                        .as_bytes()
                        .windows(first_two.len().max(1))
                        .any(|p| p == first_two)
                        || first_two.is_empty();
                    assert_eq!(got & (1 << k) != 0, held, "{t} {from}");
                }
            }
        }
    }

    #[test]
    fn entries_a_replacement_brings_in_are_applied_as_by_definition() {
        // Each entry's replacement makes pairs the later entries start with: before it,
        // after it, inside it, between two of its copies, and where an entry is deleted.
        let mut custom = Words::builtin();
        custom.set_skeleton(
            [
                ("xy", "z"),
                ("az", "q"),
                ("zb", "rz"),
                ("zz", "w"),
                ("k", ""),
                ("ab", "m"),
                ("w", "ab"),
                ("r", "b"),
                ("bb", "a"),
            ]
            .map(|(f, t)| (f.to_string(), t.to_string()))
            .to_vec(),
        );
        let mut tokens = vec![String::new()];
        let parts = ["a", "b", "xy", "k", "z", "r", "w", "ø"];
        for p in parts {
            for q in parts {
                for r in parts {
                    tokens.push(format!("{p}{q}{r}"));
                    tokens.push(format!("{p}{q}{r}{q}{p}"));
                }
            }
        }
        for t in &tokens {
            assert_eq!(
                custom.skeleton(t),
                skeleton_by_definition(&custom, t),
                "{t}"
            );
        }
    }

    #[test]
    fn ascii_keys_collapse_as_characters_do() {
        for t in [
            "", "a", "y", "b", "aa", "ab", "ba", "bba", "abba", "abab", "yyb", "aby", "bbb",
            "velmar", "tarwenn", "SSaCC", "a-b b", "kkhkh", "uoiea", "xyzzy",
        ] {
            let mut bytes = String::new();
            collapse_ascii(t.as_bytes(), &mut bytes);
            let mut chars = String::new();
            collapse(t.chars(), &mut chars);
            assert_eq!(bytes, chars, "{t}");
        }
    }

    #[test]
    fn bytes_are_replaced_as_str_replace_does() {
        let hays = [
            "",
            "a",
            "aaa",
            "aaaa",
            "shchsh",
            "xax",
            "ørvik",
            "kkhkh",
            "abab",
            // Past the 32 bytes a search by `memchr` starts at.
            "velmarshchtarwenkhaabøxaxvelmarshchtarwenkha",
        ];
        let pairs = [
            ("a", "b"),
            ("aa", "b"),
            ("aa", "ab"),
            ("a", "aa"),
            ("sh", "S"),
            ("x", "ks"),
            ("ø", "o"),
            ("kh", "h"),
            ("", "-"),
            ("ab", "ba"),
        ];
        let mut spare = Vec::new();
        for h in hays {
            for (from, to) in pairs {
                let mut s = h.as_bytes().to_vec();
                let found = replace_bytes(&mut s, &mut spare, from.as_bytes(), to.as_bytes());
                assert_eq!(s, h.replace(from, to).into_bytes(), "{h} {from} {to}");
                assert_eq!(found, h.contains(from), "{h} {from}");
            }
        }
    }

    #[test]
    fn a_byte_scan_finds_what_contains_finds() {
        let hays = ["", "a", "velmar", "shchar", "aaab", "ørvik", "tsts"];
        let needles = [
            "", "a", "ab", "aab", "sh", "shch", "ts", "velmarx", "ø", "vik",
        ];
        let mut spare = Vec::new();
        for h in hays {
            for n in needles {
                // Replaced by itself and by something longer: found either way.
                for to in [n.to_string(), format!("{n}+")] {
                    let mut s = h.as_bytes().to_vec();
                    let found = replace_bytes(&mut s, &mut spare, n.as_bytes(), to.as_bytes());
                    assert_eq!(found, h.contains(n), "{h} {n}");
                }
            }
        }
    }

    #[test]
    fn no_particle_list_repeats_a_word() {
        let lists: std::collections::BTreeMap<String, Vec<String>> = shipped("particles.yaml");
        for (name, words) in lists {
            let mut seen = HashSet::default();
            for w in &words {
                assert!(seen.insert(w), "`{w}` is listed twice in `{name}`");
            }
        }
    }

    /// The one-letter slips of a head, by generating every candidate: the definition the
    /// index must agree with.
    fn near_head_by_generation(w: &Words, word: &str) -> Option<String> {
        let n = word.chars().count();
        if n < 4
            || w.org_heads.contains(word)
            || w.common.contains(word)
            || !word.chars().all(|c| c.is_ascii_lowercase())
        {
            return None;
        }
        let b = word.as_bytes();
        let mut found: Vec<String> = Vec::new();
        let mut check = |c: String| {
            if c.len() >= 5 && w.org_heads.contains(&c) && !found.contains(&c) {
                found.push(c);
            }
        };
        for i in 0..=b.len() {
            if i < b.len() {
                check(format!("{}{}", &word[..i], &word[i + 1..]));
                if i + 1 < b.len() {
                    let mut t = b.to_vec();
                    t.swap(i, i + 1);
                    check(String::from_utf8(t).unwrap());
                }
            }
            for c in b'a'..=b'z' {
                check(format!("{}{}{}", &word[..i], c as char, &word[i..]));
                if i < b.len() && n >= 6 {
                    check(format!("{}{}{}", &word[..i], c as char, &word[i + 1..]));
                }
            }
        }
        (found.len() == 1).then(|| found.remove(0))
    }

    #[test]
    fn a_slipped_letter_in_a_head_is_found_by_look_up_as_by_generation() {
        let w = Words::builtin();
        let mut words: Vec<String> = vec![
            "aiport".into(),
            "airpport".into(),
            "hopsital".into(),
            "truss".into(),
            "velmar".into(),
            "abcd".into(),
        ];
        let mut heads: Vec<&String> = w.org_heads.iter().collect();
        heads.sort();
        for h in heads {
            if !h.bytes().all(|c| c.is_ascii_lowercase()) {
                continue;
            }
            for i in 0..h.len() {
                words.push(format!("{}{}", &h[..i], &h[i + 1..]));
                if i + 1 < h.len() {
                    let mut t = h.as_bytes().to_vec();
                    t.swap(i, i + 1);
                    words.push(String::from_utf8(t).unwrap());
                }
                for c in ['a', 'e', 'q'] {
                    words.push(format!("{}{c}{}", &h[..i], &h[i + 1..]));
                    words.push(format!("{}{c}{}", &h[..i], &h[i..]));
                }
            }
        }
        let mut slips = 0;
        for word in &words {
            let want = near_head_by_generation(&w, word);
            slips += usize::from(want.is_some());
            assert_eq!(w.near_head(word), want, "{word}");
        }
        assert_eq!(w.near_head("aiport").as_deref(), Some("airport"));
        assert!(slips > 100, "only {slips} slips found");
    }
}
