//! Roles: titles ("Acting Chief"), offices and trades ("a booking agent"), read from
//! the words of `rules/words/person_roles.yaml`.
//!
//! A role is read from a run of words: determiners, organisation words (capitalised
//! words, acronyms, possessives such as "the agency's") and words that do not change a
//! role ("senior", "self-described") are skipped; qualifiers ("acting", "deputy") and
//! past markers ("former") are kept; then the longest role phrase is taken. A run whose
//! head is not a role (the wife of Chief X) gives nothing, so another person's title
//! is never read as this person's.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::LazyLock;

use serde::Deserialize;

use super::text::{fold, FoldSieve, Word};
use crate::hash::{HashMap, HashSet};

/// Which slot a role fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RoleClass {
    /// An office or rank.
    Title,
    /// A trade or job.
    Occupation,
}

#[derive(Deserialize)]
struct RawRoles {
    titles: Vec<Vec<String>>,
    occupations: Vec<Vec<String>>,
    qualifiers: Vec<String>,
    past: Vec<String>,
    ignored: Vec<String>,
}

/// The role vocabulary.
pub struct Roles {
    /// Folded phrase (tokens joined by spaces) → (role name, class). Hashed: a phrase
    /// is looked up at the head of every title run and appositive.
    phrases: HashMap<String, (String, RoleClass)>,
    /// Every start of a phrase that a longer part of it follows (the phrase up to one
    /// of its spaces): a key that is none of them starts no longer phrase, so
    /// [`Roles::phrase_at`] reads no further word.
    continued: HashSet<String>,
    /// Longest phrase, in tokens.
    longest: usize,
    qualifiers: BTreeSet<String>,
    past: BTreeSet<String>,
    ignored: BTreeSet<String>,
    /// Every word of every phrase, qualifier and past marker, and the ignored words:
    /// what a title run may hold. Hashed: every word before a name the sieve lets
    /// through is looked up.
    title_words: HashSet<String>,
    /// The sieve of `words` and `ignored`: most words before a name are neither, and
    /// are told so without folding them.
    title_sieve: FoldSieve,
    /// The sieve of what a word that heads a role may fold to: the start of a phrase
    /// (its first words, to a space: a word may fold to several, "U.S." to "united
    /// states"), a qualifier, a past marker, an ignored word or an article. A word
    /// outside it is read as an organisation word or ends the run, without folding it
    /// or building a phrase key from it.
    head_sieve: FoldSieve,
}

/// The shipped role vocabulary, read once.
pub static ROLES: LazyLock<Roles> = LazyLock::new(|| {
    let raw: RawRoles = crate::wordlists::shipped("person_roles.yaml");
    Roles::new(raw)
});

impl Roles {
    fn new(raw: RawRoles) -> Roles {
        let mut phrases = HashMap::default();
        let mut words = BTreeSet::new();
        let mut longest = 1;
        for (class, list) in [
            (RoleClass::Title, &raw.titles),
            (RoleClass::Occupation, &raw.occupations),
        ] {
            for entry in list {
                let Some(name) = entry.first() else { continue };
                let name = fold_phrase(name);
                for form in entry {
                    let key = fold_phrase(form);
                    longest = longest.max(key.split(' ').count());
                    words.extend(key.split(' ').map(str::to_string));
                    phrases.entry(key).or_insert((name.clone(), class));
                }
            }
        }
        let set = |v: &[String]| v.iter().map(|w| fold(w)).collect::<BTreeSet<_>>();
        let qualifiers = set(&raw.qualifiers);
        let past = set(&raw.past);
        words.extend(qualifiers.iter().cloned());
        words.extend(past.iter().cloned());
        let ignored = set(&raw.ignored);
        let title_sieve = FoldSieve::new(words.iter().chain(&ignored).map(String::as_str));
        let starts = phrase_starts(phrases.keys());
        let continued = phrases
            .keys()
            .flat_map(|key| key.match_indices(' ').map(|(at, _)| key[..at].to_string()))
            .collect();
        let heads = starts
            .iter()
            .map(String::as_str)
            .chain(
                [&qualifiers, &past, &ignored]
                    .into_iter()
                    .flatten()
                    .map(String::as_str),
            )
            .chain(["a", "an", "the"]);
        Roles {
            head_sieve: FoldSieve::new(heads),
            title_sieve,
            title_words: words.iter().chain(&ignored).cloned().collect(),
            phrases,
            continued,
            longest,
            qualifiers,
            past,
            ignored,
        }
    }

    /// A word that may stand in a title run before a name.
    pub fn is_title_word(&self, folded: &str) -> bool {
        self.title_words.contains(folded)
    }

    /// [`Roles::is_title_word`] of a word's folding, folded only when the sieve lets it
    /// through.
    pub fn is_title(&self, w: &Word) -> bool {
        w.may_fold_into(&self.title_sieve) && self.is_title_word(w.folded())
    }

    /// The longest role phrase starting at `ws[i]`: (words used, name, class). The
    /// keys of one word, two, … are read in turn until one starts no longer phrase
    /// ([`Roles::continued`]): most heads are read at one or two words, not at each
    /// length down from the longest phrase's. The key of one word is the word's
    /// folding itself (no string made).
    fn phrase_at(&self, ws: &[Word], i: usize) -> Option<(usize, &str, RoleClass)> {
        let max = self.longest.min(ws.len() - i);
        let run = &ws[i..i + max];
        let mut key = Cow::Borrowed(run.first()?.folded());
        let mut found = None;
        for (n, w) in run.iter().enumerate() {
            if n > 0 {
                // The folded words joined by spaces, as the phrases are keyed.
                let k = key.to_mut();
                k.push(' ');
                k.push_str(w.folded());
            }
            if let Some((name, class)) = self.phrases.get(&*key) {
                found = Some((n + 1, name.as_str(), *class));
            }
            if !self.continued.contains(&*key) {
                break;
            }
        }
        found
    }
}

/// Every start of `keys` that ends where a word of it ends ("special", "special
/// agent", …, the whole key): what the first word of a phrase may fold to.
fn phrase_starts<'k>(keys: impl Iterator<Item = &'k String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for key in keys {
        out.extend(key.match_indices(' ').map(|(at, _)| key[..at].to_string()));
        out.insert(key.clone());
    }
    out
}

/// Lower case, abbreviations folded ("Lt." → "lieutenant").
fn fold_phrase(s: &str) -> String {
    s.split_whitespace().map(fold).collect::<Vec<_>>().join(" ")
}

/// A role read from a run of words.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleRead {
    /// The class of role the word names.
    pub class: RoleClass,
    /// Qualifiers that change the role, then the role's name ("acting chief").
    pub key: String,
    /// A role the person had ("former").
    pub past: bool,
    /// Index of the first and one past the last word of the run that was read.
    pub words: (usize, usize),
}

/// Reads the roles of a noun phrase list ("a registered voter and a self-described
/// promoter and booking agent"): one per role found at a phrase's head.
pub fn read_list(ws: &[Word]) -> Vec<RoleRead> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        match read_head(ws, i) {
            Some((r, next)) => {
                i = next;
                out.push(r);
            }
            None => {
                // Skip to the next coordinated phrase, if any.
                match ws[i..].iter().position(|w| w.folded() == "and") {
                    Some(k) if out.is_empty() || k == 0 => i += k + 1,
                    _ => break,
                }
                continue;
            }
        }
        if ws.get(i).is_some_and(|w| w.folded() == "and") && ws.get(i).is_some_and(|w| w.gap_ok) {
            i += 1;
        } else {
            break;
        }
    }
    out
}

/// The role at the head of the phrase starting at word `i`, and the index after it.
pub fn read_head(ws: &[Word], start: usize) -> Option<(RoleRead, usize)> {
    let roles = &*ROLES;
    let mut qual: Vec<&str> = Vec::new();
    let mut past = false;
    let mut i = start;
    while i < ws.len() {
        if i > start && !ws[i].gap_ok {
            return None;
        }
        let w = &ws[i];
        if !w.may_fold_into(&roles.head_sieve) {
            // No phrase starts with it, and it is no qualifier, past marker, ignored
            // word or article: the branches below would say the same.
            if !w.org_like() {
                return None;
            }
            i += 1;
            continue;
        }
        if let Some((n, name, class)) = roles.phrase_at(ws, i) {
            let mut key = qual.join(" ");
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(name);
            let read = RoleRead {
                class,
                key,
                past,
                words: (start, i + n),
            };
            // "special agent in charge of": the phrase ends the head.
            return Some((read, i + n));
        }
        let t: &str = w.folded();
        if roles.qualifiers.contains(t) {
            qual.push(t);
        } else if roles.past.contains(t) {
            past = true;
        } else if matches!(t, "a" | "an" | "the") || roles.ignored.contains(t) || w.org_like() {
        } else {
            return None;
        }
        i += 1;
    }
    None
}

/// Two role keys name one role: the same qualifiers, and the words of one all stand in
/// the other ("agent" / "special agent in charge"; "chief" / "chief").
pub fn compatible(a: &str, b: &str) -> bool {
    let (qa, ra) = split_qualifiers(a);
    let (qb, rb) = split_qualifiers(b);
    if qa != qb {
        return false;
    }
    let ta: BTreeSet<&str> = ra.split(' ').collect();
    let tb: BTreeSet<&str> = rb.split(' ').collect();
    ta.is_subset(&tb) || tb.is_subset(&ta)
}

/// (qualifiers, role name) of a key.
fn split_qualifiers(key: &str) -> (BTreeSet<&str>, &str) {
    let roles = &*ROLES;
    let mut q = BTreeSet::new();
    let mut rest = key;
    while let Some((first, tail)) = rest.split_once(' ') {
        if roles.qualifiers.contains(first) && !roles.phrases.contains_key(rest) {
            q.insert(first);
            rest = tail;
        } else {
            break;
        }
    }
    (q, rest)
}

#[cfg(test)]
mod tests {
    use super::super::text::words;
    use super::*;

    fn heads(s: &str) -> Vec<(RoleClass, String, bool)> {
        read_list(&words(s, 0))
            .into_iter()
            .map(|r| (r.class, r.key, r.past))
            .collect()
    }

    #[test]
    fn the_vocabulary_parses_and_no_form_names_two_roles() {
        let raw: RawRoles = crate::wordlists::shipped("person_roles.yaml");
        let mut seen = BTreeSet::new();
        for e in raw.titles.iter().chain(&raw.occupations) {
            assert!(!e.is_empty());
            for f in e {
                assert!(seen.insert(fold_phrase(f)), "{f} is listed twice");
            }
        }
        assert!(!raw.qualifiers.is_empty() && !raw.past.is_empty());
    }

    #[test]
    fn head_role_with_organisation_words_and_qualifiers() {
        assert_eq!(
            heads("Acting HPD Chief"),
            [(RoleClass::Title, "acting chief".into(), false)]
        );
        assert_eq!(
            heads("Zembla Police Chief"),
            [(RoleClass::Title, "chief".into(), false)]
        );
        assert_eq!(
            heads("the agency's special agent in charge of the Eastland division"),
            [(RoleClass::Title, "special agent in charge".into(), false)]
        );
        assert_eq!(
            heads("Lt."),
            [(RoleClass::Title, "lieutenant".into(), false)]
        );
        assert_eq!(
            heads("a former Marine"),
            [(RoleClass::Occupation, "marine".into(), true)]
        );
    }

    #[test]
    fn lists_give_every_role_and_skip_other_phrases() {
        assert_eq!(
            heads("a registered Whig and a self-described promoter and booking agent"),
            [
                (RoleClass::Occupation, "promoter".into(), false),
                (RoleClass::Occupation, "booking agent".into(), false)
            ]
        );
    }

    #[test]
    fn another_persons_title_is_not_read() {
        assert!(heads("the wife of Chief Ann Roe").is_empty());
        assert!(heads("whose father is a police officer").is_empty());
    }

    /// [`read_head`] as first written: every word folded and looked up, no sieve.
    fn read_head_by_definition(ws: &[Word], start: usize) -> Option<(RoleRead, usize)> {
        let roles = &*ROLES;
        let mut qual: Vec<&str> = Vec::new();
        let mut past = false;
        let mut i = start;
        while i < ws.len() {
            if i > start && !ws[i].gap_ok {
                return None;
            }
            if let Some((n, name, class)) = roles.phrase_at(ws, i) {
                let mut key = qual.join(" ");
                if !key.is_empty() {
                    key.push(' ');
                }
                key.push_str(name);
                let words = (start, i + n);
                return Some((
                    RoleRead {
                        class,
                        key,
                        past,
                        words,
                    },
                    i + n,
                ));
            }
            let w = &ws[i];
            let t: &str = w.folded();
            if roles.qualifiers.contains(t) {
                qual.push(t);
            } else if roles.past.contains(t) {
                past = true;
            } else if !(matches!(t, "a" | "an" | "the")
                || roles.ignored.contains(t)
                || w.org_like())
            {
                return None;
            }
            i += 1;
        }
        None
    }

    /// [`Roles::phrase_at`] as first written: the key of each length looked up, from
    /// the longest down.
    fn phrase_at_by_definition<'r>(
        roles: &'r Roles,
        ws: &[Word],
        i: usize,
    ) -> Option<(usize, &'r str, RoleClass)> {
        let max = roles.longest.min(ws.len() - i);
        (1..=max).rev().find_map(|n| {
            let key: Vec<&str> = ws[i..i + n].iter().map(Word::folded).collect();
            roles
                .phrases
                .get(&key.join(" "))
                .map(|(name, c)| (n, name.as_str(), *c))
        })
    }

    #[test]
    fn the_sieves_change_no_head_and_no_title_word() {
        let raw: RawRoles = crate::wordlists::shipped("person_roles.yaml");
        let mut vocab: Vec<String> = raw
            .titles
            .iter()
            .chain(&raw.occupations)
            .flatten()
            .cloned()
            .collect();
        vocab.extend(
            raw.qualifiers
                .iter()
                .chain(&raw.past)
                .chain(&raw.ignored)
                .cloned(),
        );
        let mut abbreviations: Vec<String> = Vec::new();
        for w in &vocab {
            // Each form as written, capitalised, upper case and with a dot.
            let cap = w[..1].to_uppercase() + &w[1..];
            abbreviations.extend([w.clone(), cap, w.to_uppercase(), format!("{w}.")]);
        }
        let mut texts: Vec<String> = abbreviations
            .iter()
            .map(|w| format!("a former Zembla {w} Ann Roe and the agency's acting {w} of it"))
            .collect();
        texts.extend(
            [
                "Lt. Gov. Sen. Rep. Capt. Sgt. U.S. Marshal St. Det. ſheriff \u{212a}ing",
                "whose father is a police officer, and a self-described promoter",
                "the wife of Chief Ann Roe; Zoë's ÉCOLE director, senior special agent in charge",
            ]
            .map(String::from),
        );
        // Every form followed by the next: a phrase's start, then another phrase.
        texts.push(vocab.join(" "));
        for t in &texts {
            let ws = super::super::text::words(t, 0);
            for i in 0..=ws.len() {
                assert_eq!(
                    read_head(&ws, i),
                    read_head_by_definition(&ws, i),
                    "{t} at {i}"
                );
                assert_eq!(
                    ROLES.phrase_at(&ws, i),
                    phrase_at_by_definition(&ROLES, &ws, i),
                    "{t} at {i}"
                );
            }
            for w in &ws {
                assert_eq!(
                    ROLES.is_title(w),
                    ROLES.is_title_word(w.folded()),
                    "{}",
                    w.text
                );
            }
        }
    }

    #[test]
    fn shorter_and_fuller_forms_are_one_role_qualifiers_are_not() {
        assert!(compatible("agent", "special agent in charge"));
        assert!(compatible("special agent", "special agent in charge"));
        assert!(!compatible("special agent", "spokesperson"));
        assert!(!compatible("chief", "acting chief"));
        assert!(!compatible("deputy chief", "assistant chief"));
        assert!(!compatible("special agent", "booking agent"));
        assert_eq!(heads("Chief of Police")[0].1, "chief");
        assert_eq!(heads("police chief")[0].1, "chief");
    }
}
