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
    /// Ordered replacements that make a transliteration key.
    pub skeleton: Vec<(String, String)>,
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
        Words {
            function_words,
            titles: list("titles.yaml"),
            head_deletions: deletions(&org_heads),
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
            skeleton: translit.skeleton,
        }
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
        // A letter missing from the word: the word is a head with one letter left out.
        for (_, h) in self.head_deletions.get(w).into_iter().flatten() {
            add(&mut found, h);
        }
        // One buffer for every candidate (the word is ASCII: any byte is a boundary).
        let mut without = String::with_capacity(n);
        let mut swapped = String::with_capacity(n);
        for i in 0..n {
            without.clear();
            without.push_str(&w[..i]);
            without.push_str(&w[i + 1..]);
            // A letter added to the word.
            if let Some(h) = self.org_heads.get(without.as_str()) {
                add(&mut found, h);
            }
            // A letter changed (longer words only: "truss" is not "trust").
            if n >= 6 {
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
            if i + 1 < n {
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

    /// The transliteration key of one folded lower-case token (see `translit.yaml`).
    pub fn skeleton(&self, token: &str) -> String {
        // Worked on as bytes: an entry of the same length as its replacement (most of
        // them: "w" -> "v", "kh" -> "h" is not) is written in place, the others through one
        // spare buffer, so a call allocates its working copy, at most one spare and the
        // answer, whatever the number of entries that apply.
        let mut s: Vec<u8> = token.as_bytes().to_vec();
        let mut spare: Vec<u8> = Vec::new();
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
        let mut present = bytes_of(&s);
        for (from, to) in &self.skeleton {
            let f = from.as_bytes();
            let found = f
                .iter()
                .all(|&b| present[usize::from(b >> 6)] & (1 << (b & 63)) != 0)
                && holds(&s, f);
            if found {
                replace_bytes(&mut s, &mut spare, f, to.as_bytes());
                present = bytes_of(&s);
            }
        }
        // Whole characters replaced by whole characters: still UTF-8 (a match of UTF-8
        // bytes in UTF-8 text always starts and ends on character boundaries).
        let s = String::from_utf8(s)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        let mut out = String::with_capacity(s.len());
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
}

/// Replaces every occurrence of `from` in `s` by `to`, left to right and without
/// overlaps, as `str::replace` does; `spare` is scratch space for a change of length.
fn replace_bytes(s: &mut Vec<u8>, spare: &mut Vec<u8>, from: &[u8], to: &[u8]) {
    let n = from.len();
    if n == 0 {
        // Not in the shipped table; `str::replace` inserts `to` at every character.
        let replaced = String::from_utf8_lossy(s).replace("", &String::from_utf8_lossy(to));
        *s = replaced.into_bytes();
        return;
    }
    let mut i = 0;
    if n == to.len() {
        while i + n <= s.len() {
            if starts_at(s, i, from) {
                s[i..i + n].copy_from_slice(to);
                i += n;
            } else {
                i += 1;
            }
        }
        return;
    }
    spare.clear();
    while i < s.len() {
        if starts_at(s, i, from) {
            spare.extend_from_slice(to);
            i += n;
        } else {
            spare.push(s[i]);
            i += 1;
        }
    }
    std::mem::swap(s, spare);
}

/// Does `hay` hold `needle` at byte `i`? Compared a byte at a time: for the table's
/// short entries that beats a call to `memcmp`.
fn starts_at(hay: &[u8], i: usize, needle: &[u8]) -> bool {
    hay.len().saturating_sub(i) >= needle.len() && needle.iter().zip(&hay[i..]).all(|(a, b)| a == b)
}

/// Does `hay` hold `needle`?
fn holds(hay: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || (0..hay.len()).any(|i| hay[i] == needle[0] && starts_at(hay, i, needle))
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
        ];
        let mut joined = String::new();
        for w in words {
            assert_eq!(key(w), key_by_definition(w), "{w}");
            // Appending keeps what the buffer held.
            let before = joined.len();
            push_key(w, &mut joined);
            assert_eq!(joined[before..], key_by_definition(w), "{w}");
            // A hyphen splits the key where it splits the word.
            let parts: Vec<String> = w.split('-').map(key_by_definition).collect();
            assert_eq!(key(w).split('-').collect::<Vec<_>>(), parts, "{w}");
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
        for t in &tokens {
            assert_eq!(w.skeleton(t), skeleton_by_definition(&w, t), "{t}");
        }
    }

    #[test]
    fn bytes_are_replaced_as_str_replace_does() {
        let hays = [
            "", "a", "aaa", "aaaa", "shchsh", "xax", "ørvik", "kkhkh", "abab",
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
                replace_bytes(&mut s, &mut spare, from.as_bytes(), to.as_bytes());
                assert_eq!(s, h.replace(from, to).into_bytes(), "{h} {from} {to}");
            }
        }
    }

    #[test]
    fn a_byte_scan_finds_what_contains_finds() {
        let hays = ["", "a", "velmar", "shchar", "aaab", "ørvik", "tsts"];
        let needles = [
            "", "a", "ab", "aab", "sh", "shch", "ts", "velmarx", "ø", "vik",
        ];
        for h in hays {
            for n in needles {
                assert_eq!(holds(h.as_bytes(), n.as_bytes()), h.contains(n), "{h} {n}");
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
