//! Name mentions: people, places and organisations found in each sentence.
//!
//! No statistical model: capitalised spans read with what a careful reader uses
//! (titles, particles, organisation heads, demonyms, sentence-initial common words).
//! The word lists are data ([`Words`]), loaded from `rules/words/`.

mod detect;

// The word lists are shared vocabulary (the rules read them too), so they live in the
// word-list leaf; detection and resolution keep naming them from here.
pub use crate::wordlists::{words, Words};

use crate::hash::HashSet;

use serde::Serialize;

use crate::load::Document;
use crate::segment::Sentence;
use crate::span::Span;

/// What a name names.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A place.
    Place,
    /// An organisation.
    Org,
    /// Any other name.
    Other,
}

impl EntityKind {
    /// The kind's name in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Org => "org",
            EntityKind::Other => "other",
        }
    }
}

/// One place where a source names an entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Index of the document in the run.
    pub doc: usize,
    /// Index of the sentence within the document.
    pub sentence: usize,
    /// The name itself (no title, no possessive), in the analysis text.
    pub span: Span,
    /// The name as it reads in the analysis text (quotes normalised).
    pub text: String,
    /// Whether the name is a person, place, organisation or other.
    pub kind: EntityKind,
    /// A title or role written before the name ("Foreign Minister"), if any.
    pub title: Option<Span>,
}

/// Finds the name mentions of every document.
pub fn detect_all(docs: &[Document], sentences: &[Vec<Sentence>], words: &Words) -> Vec<Mention> {
    use rayon::prelude::*;
    // The sentence buffers are kept from document to document on each task, not made
    // and grown anew for each document.
    let per_doc: Vec<Vec<Mention>> = docs
        .par_iter()
        .enumerate()
        .map_init(detect::Scratch::default, |scratch, (d, doc)| {
            detect_in(d, &doc.text, &sentences[d], words, scratch)
        })
        .collect();
    // Sized once: flattened, the list would grow (and be copied) by doubling.
    let mut out = Vec::with_capacity(per_doc.iter().map(Vec::len).sum());
    for m in per_doc {
        out.extend(m);
    }
    out
}

/// Is this line a headline or page furniture in title case ("Seven Hurt In Storm Near
/// Lake Town", "More News Videos")? Every word of four letters or more is capitalised
/// and either no sentence punctuation ends it or a short joining word inside it is
/// capitalised too ("Storm Hits Town At Dawn."). Its capitalised runs are not names; the
/// names in it come again in the article.
fn headline(s: &str) -> bool {
    !has_long_lower_word(s) && headline_by_words(s)
}

/// Does `s` hold a word that starts, after ASCII punctuation, with four lower-case
/// ASCII letters ("said", "(with")? Such a word fails [`headline_by_words`]'s capitals
/// test, so a sentence that has one is no headline: most sentences, found by one short
/// walk of their bytes instead of a split into trimmed words.
fn has_long_lower_word(s: &str) -> bool {
    let b = s.as_bytes();
    // Whether the walk is at a word's start: after ASCII white space (which is white
    // space to `split_whitespace` too) and any ASCII punctuation.
    let mut at_start = true;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
            at_start = true;
        } else if at_start && c.is_ascii_lowercase() {
            if b.len() - i >= 4 && b[i + 1..i + 4].iter().all(u8::is_ascii_lowercase) {
                return true;
            }
            at_start = false;
        } else if !(c.is_ascii_punctuation()) {
            at_start = false;
        }
        i += 1;
    }
    false
}

/// [`headline`] as first written: the words of the line, trimmed, tested one by one.
fn headline_by_words(s: &str) -> bool {
    let t = s.trim();
    let joining = |w: &&str| {
        matches!(
            *w,
            "At" | "In"
                | "Of"
                | "To"
                | "For"
                | "On"
                | "With"
                | "From"
                | "By"
                | "And"
                | "The"
                | "Is"
        )
    };
    // Walked again for each test rather than collected: most sentences fail the
    // capitals test at their first long lower-case word, which comes first.
    let words = || {
        t.split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
    };
    words().all(|w| {
        w.chars().next().is_some_and(char::is_uppercase)
            || w.chars().filter(|c| c.is_alphabetic()).count() < 4
    }) && words().nth(2).is_some()
        && words().filter(|w| w.chars().count() >= 4).count() >= 2
        && (!t.ends_with(['.', '!', '?', '"', '\'', ':', ';', ','])
            || words().skip(1).any(|w| joining(&w)))
}

/// Finds the name mentions of one document.
pub fn detect(doc: usize, text: &str, sentences: &[Sentence], words: &Words) -> Vec<Mention> {
    detect_in(doc, text, sentences, words, &mut detect::Scratch::default())
}

/// [`detect`], the sentences read in the buffers of `scratch` (whatever they hold
/// before: each sentence clears them).
fn detect_in(
    doc: usize,
    text: &str,
    sentences: &[Sentence],
    words: &Words,
    scratch: &mut detect::Scratch,
) -> Vec<Mention> {
    // About one name a sentence and a half at most in most documents: sized so that
    // the list seldom grows (each growth a copy of every mention).
    let mut out = Vec::with_capacity(sentences.len() + sentences.len() / 2);
    for (i, s) in sentences.iter().enumerate() {
        if headline(s.span.of(text)) {
            continue;
        }
        // A speaker label ("Name:") names the speaker: read like any other sentence.
        detect::sentence(doc, i, text, s.span, words, scratch, &mut out);
    }
    out.sort_by_key(|m| (m.span.start, m.span.end));
    ordinary_word_names(text, words, &mut out);
    out
}

/// A name guessed to be a person's (no title, no known given name) whose last word the
/// same document also writes in lower case ("Tarwen Convoy" beside "the convoy") is
/// a capitalised phrase, not a person: its kind becomes `Other`.
fn ordinary_word_names(text: &str, words: &Words, mentions: &mut [Mention]) {
    // The words' keys are made in one buffer, not a new string for each word.
    let mut key = String::new();
    // Each guessed name's last word, lower-cased: all of them written into one string,
    // each mention with where its word lies, not a string made for each.
    let mut lowered = String::new();
    let mut lasts: Vec<(usize, usize, usize)> = Vec::new();
    for (k, m) in mentions.iter().enumerate() {
        if guessed_person(m, words, &mut key) {
            let last = m.text.split_whitespace().last().unwrap_or("");
            let a = lowered.len();
            push_lowercase(last, &mut lowered);
            lasts.push((k, a, lowered.len()));
        }
    }
    if lasts.is_empty() {
        return;
    }
    // The words looked for (each last word and its singular, pieces of the one string),
    // and which of them the text writes in lower case: the document's words are checked
    // against these few, not all gathered into a set.
    fn singular(last: &str) -> &str {
        last.strip_suffix('s').unwrap_or(last)
    }
    let mut wanted: Vec<&str> = lasts
        .iter()
        .flat_map(|&(_, a, b)| [&lowered[a..b], singular(&lowered[a..b])])
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let lower = lower_words(text, &wanted);
    for &(k, a, b) in &lasts {
        let last = &lowered[a..b];
        if lower.contains(last) || lower.contains(singular(last)) {
            mentions[k].kind = EntityKind::Other;
        }
    }
}

/// Appends `w.to_lowercase()` to `out`; an ASCII word (most) lowered in place, with no
/// string made for it.
fn push_lowercase(w: &str, out: &mut String) {
    if w.is_ascii() {
        let a = out.len();
        out.push_str(w);
        out[a..].make_ascii_lowercase();
    } else {
        // The whole word: its lower case may depend on the letters around each one (a
        // final sigma).
        out.push_str(&w.to_lowercase());
    }
}

/// Is `m` a name only guessed to be a person's: of two words or more, with no title, no
/// known given name first, and no honorific nor one-letter word? Each word's key is
/// made in `key`, a buffer kept from word to word.
fn guessed_person(m: &Mention, words: &Words, key: &mut String) -> bool {
    if m.kind != EntityKind::Person || m.title.is_some() {
        return false;
    }
    // Two words at least: the words counted no further than the second.
    let mut split = m.text.split_whitespace();
    let (Some(first), Some(_)) = (split.next(), split.next()) else {
        return false;
    };
    // An honorific or a single letter: its key holds one character (of four bytes at
    // most), counted only when it may be one.
    let honorific_or_letter =
        |key: &str| words.honorifics.contains(key) || key.len() <= 4 && key.chars().count() == 1;
    key.clear();
    words::push_key(first, key);
    if words.first_names.contains(key.as_str()) || honorific_or_letter(key) {
        return false;
    }
    // The first word's key, made above, is not made again.
    !m.text.split_whitespace().skip(1).any(|w| {
        key.clear();
        words::push_key(w, key);
        honorific_or_letter(key)
    })
}

/// The words of `text` (runs of letters) that start with a lower-case letter and are
/// among `wanted`: the same words as splitting the text at every character that is not
/// a letter. Each wanted word that can be such a word is looked for (memchr's
/// vectorised substring search) and kept where no letter touches it: the text is not
/// walked a character at a time, and no word of it is hashed.
fn lower_words<'t>(text: &'t str, wanted: &[&str]) -> HashSet<&'t str> {
    let mut lower = HashSet::default();
    for &w in wanted {
        // Only a run of three bytes or more of letters, the first in lower case, is
        // ever kept (a word with another character cannot be a piece of the split).
        if w.len() < 3
            || !w.starts_with(|c: char| c.is_lowercase())
            || !w.chars().all(char::is_alphabetic)
        {
            continue;
        }
        // A match starts and ends at characters (no byte that starts a character
        // continues one). Two matches that overlap cannot both be whole words: the
        // later one starts after a letter of the earlier. So the matches that do not
        // overlap are enough.
        for s in memchr::memmem::find_iter(text.as_bytes(), w.as_bytes()) {
            let e = s + w.len();
            let alone = !text[..s]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
                && !text[e..].chars().next().is_some_and(char::is_alphabetic);
            if alone {
                lower.insert(&text[s..e]);
                break;
            }
        }
    }
    lower
}

#[cfg(test)]
mod kind_tests {
    use super::*;

    /// The lower-case words as first found: the text split at every character that
    /// is not a letter.
    fn lower_words_by_split<'t>(text: &'t str, wanted: &HashSet<String>) -> HashSet<&'t str> {
        let longest = wanted.iter().map(String::len).max().unwrap_or(0);
        text.split(|c: char| !c.is_alphabetic())
            .filter(|w| {
                (3..=longest).contains(&w.len())
                    && w.starts_with(|c: char| c.is_lowercase())
                    && wanted.contains(*w)
            })
            .collect()
    }

    #[test]
    fn lower_case_words_are_found_as_by_splitting() {
        let wanted: HashSet<String> = [
            "convoy", "convoys", "tarwen", "ørvik", "straße", "élan", "ab", "aba", "o'neil", "x1y",
            "Velm", "con",
        ]
        .map(String::from)
        .into_iter()
        .collect();
        let listed: Vec<&str> = wanted.iter().map(String::as_str).collect();
        let texts = [
            "",
            "convoy",
            "The Tarwen Convoy met the convoy; convoys, tarwen-convoy.",
            "ørvik Ørvik straße élan e\u{301}lan 12convoy convoy12 ab abc",
            "x convoy\u{a0}tarwen\nconvoys\t'convoy' «tarwen» ΣΟΦΙΑ σοφια ǅ",
            "convoyconvoy convoy_s convoy's tarwen’s",
            "ababa aba-abab o'neil x1y Velm velm con convoy",
        ];
        for t in texts {
            // Every piece, cut at characters.
            let bounds: Vec<usize> = t.char_indices().map(|(i, _)| i).chain([t.len()]).collect();
            for (n, &a) in bounds.iter().enumerate() {
                for &b in &bounds[n..] {
                    let piece = &t[a..b];
                    assert_eq!(
                        lower_words(piece, &listed),
                        lower_words_by_split(piece, &wanted),
                        "{piece:?}"
                    );
                }
            }
        }
    }

    fn kinds(text: &str) -> Vec<(String, EntityKind)> {
        let w = Words::builtin();
        let sents = crate::segment::sentences(text);
        detect(0, text, &sents, &w)
            .into_iter()
            .map(|m| (m.text, m.kind))
            .collect()
    }

    /// [`guessed_person`] as first written: a new key for every word looked up.
    fn guessed_by_definition(m: &Mention, words: &Words) -> bool {
        m.kind == EntityKind::Person
            && m.title.is_none()
            && m.text.split_whitespace().count() >= 2
            && m.text
                .split_whitespace()
                .next()
                .is_some_and(|f| !words.first_names.contains(&words::key(f)))
            && !m.text.split_whitespace().any(|w| {
                let k = words::key(w);
                words.honorifics.contains(&k) || k.chars().count() == 1
            })
    }

    #[test]
    fn guessed_persons_are_those_of_the_definition() {
        let words = Words::builtin();
        let first = words.first_names.iter().next().cloned().unwrap_or_default();
        let honorific = words.honorifics.iter().next().cloned().unwrap_or_default();
        let texts = [
            String::new(),
            "Velm".to_string(),
            "Velm Tarwen".to_string(),
            "  Velm   Tarwen  Ørvik ".to_string(),
            "V. Tarwen".to_string(),
            "Velm T".to_string(),
            "Ø Tarwen".to_string(),
            "U.S. Tarwen".to_string(),
            format!("{first} Tarwen"),
            format!("Tarwen {first}"),
            format!("{honorific} Velm Tarwen"),
            format!("Velm {honorific}"),
        ];
        let mut key = String::from("left over");
        let mut guessed = 0;
        for text in &texts {
            for kind in [EntityKind::Person, EntityKind::Place] {
                for title in [None, Some(Span::new(0, 1))] {
                    let m = Mention {
                        doc: 0,
                        sentence: 0,
                        span: Span::new(0, text.len()),
                        text: text.clone(),
                        kind,
                        title,
                    };
                    let want = guessed_by_definition(&m, &words);
                    assert_eq!(guessed_person(&m, &words, &mut key), want, "{m:?}");
                    guessed += usize::from(want);
                }
            }
        }
        assert!(guessed >= 3, "{guessed}");
    }

    #[test]
    fn lower_case_is_pushed_as_made_by_to_lowercase() {
        let mut out = String::from("kept ");
        for w in [
            "",
            "Velm",
            "TARWEN",
            "ÓRVIK",
            "ΣΟΦΙΑΣ",
            "Σ",
            "İzvel",
            "ǅemal",
            "a1-B'c.",
        ] {
            let a = out.len();
            push_lowercase(w, &mut out);
            assert_eq!(&out[a..], w.to_lowercase(), "{w:?}");
        }
        assert!(out.starts_with("kept "));
    }

    /// [`ordinary_word_names`] as first written: each last word lower-cased into its
    /// own string, the words looked for gathered in a set of strings.
    fn ordinary_word_names_by_definition(text: &str, words: &Words, mentions: &mut [Mention]) {
        let mut key = String::new();
        let lasts: Vec<(usize, String)> = mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| guessed_person(m, words, &mut key))
            .map(|(k, m)| {
                let last = m.text.split_whitespace().last().unwrap_or("");
                (k, last.to_lowercase())
            })
            .collect();
        let singular = |last: &str| last.strip_suffix('s').unwrap_or(last).to_string();
        let wanted: HashSet<String> = lasts
            .iter()
            .flat_map(|(_, last)| [last.clone(), singular(last)])
            .collect();
        let wanted: Vec<&str> = wanted.iter().map(String::as_str).collect();
        let lower = lower_words(text, &wanted);
        for (k, last) in &lasts {
            if lower.contains(last.as_str()) || lower.contains(singular(last).as_str()) {
                mentions[*k].kind = EntityKind::Other;
            }
        }
    }

    #[test]
    fn ordinary_word_names_follow_their_definition() {
        let words = Words::builtin();
        let text = "The Tarwen Convoy met the convoys; Velm Brisks and the brisk ÓRVIK \
                    ΣΟΦΙΑΣ σοφιας. Zembla Works, the work, Anna Brown and brown Velm Tarwen.";
        // Every capitalised run of two words or more, and each of them with every kind.
        let mut mentions = Vec::new();
        let caps: Vec<(usize, &str)> = text
            .split(' ')
            .scan(0, |at, w| {
                let start = *at;
                *at += w.len() + 1;
                Some((start, w))
            })
            .filter(|(_, w)| w.starts_with(char::is_uppercase))
            .collect();
        for pair in caps.windows(2) {
            let (start, last) = (pair[0].0, pair[1]);
            let span = Span::new(start, last.0 + last.1.len());
            for kind in [EntityKind::Person, EntityKind::Org] {
                mentions.push(Mention {
                    doc: 0,
                    sentence: 0,
                    span,
                    text: span.of(text).to_string(),
                    kind,
                    title: None,
                });
            }
        }
        let mut want = mentions.clone();
        ordinary_word_names_by_definition(text, &words, &mut want);
        ordinary_word_names(text, &words, &mut mentions);
        assert_eq!(mentions, want);
        let others = want.iter().filter(|m| m.kind == EntityKind::Other).count();
        assert!(others >= 2, "{others}");
    }

    #[test]
    fn a_capitalised_phrase_of_ordinary_words_is_not_a_person() {
        let k = kinds("The Tarwen Convoy reached the border. The convoy was stopped.");
        assert_eq!(k, [("Tarwen Convoy".to_string(), EntityKind::Other)]);
        // A person's name whose words are not written in lower case stays a person.
        let k = kinds("Yesterday Brisk Tarwen said the convoy was stopped.");
        assert_eq!(k, [("Brisk Tarwen".to_string(), EntityKind::Person)]);
        // A known given name keeps it a person even when the surname is a word too.
        let k = kinds("Yesterday Anna Brown said the brown car was gone.");
        assert_eq!(k, [("Anna Brown".to_string(), EntityKind::Person)]);
    }
}

#[cfg(test)]
mod headline_tests {
    use super::{has_long_lower_word, headline, headline_by_words};

    #[test]
    fn a_long_lower_case_word_rules_a_headline_out_as_the_words_do() {
        let lines = [
            "",
            "said",
            "Storm Hits Town said",
            "Storm Hits (said) Town Near Lake",
            "Storm Hits Town\u{a0}said Near Lake",
            "Storm Hits Town x-said Near Lake",
            "Storm Hits Town -said- Near Lake",
            "Storm Hits Town 'said Near Lake",
            "Storm\tHits\nTown\rsaid",
            "Storm Hits Town\u{b}said Near Lake",
            "Storm Hits Town saíd Near Lake",
            "Storm Hits Town sai",
            "Storm Hits Town Said Near Lake",
            "Storm Hits Town 4said Near Lake",
            "Storm Hits Town .said. Near Lake.",
            "More News Videos",
            "Mayor Jane Doe said the roads were closed.",
            "«said» Storm Hits Town Near Lake",
        ];
        for line in lines {
            // Every piece of every line, cut at characters.
            let bounds: Vec<usize> = line
                .char_indices()
                .map(|(i, _)| i)
                .chain([line.len()])
                .collect();
            for (n, &a) in bounds.iter().enumerate() {
                for &b in &bounds[n..] {
                    let piece = &line[a..b];
                    assert!(
                        !(has_long_lower_word(piece) && headline_by_words(piece)),
                        "{piece:?}"
                    );
                    assert_eq!(headline(piece), headline_by_words(piece), "{piece:?}");
                }
            }
        }
        assert!(has_long_lower_word("Storm Hits Town said"));
        assert!(!has_long_lower_word("Storm Hits Town Said"));
    }

    #[test]
    fn title_case_lines_are_headlines() {
        assert!(headline("Storm Hits Coastal Town In Early Hours"));
        assert!(headline("Three Hurt in Crash Near Lake Placid, New York"));
        assert!(headline("More News Videos"));
        assert!(headline("Storm Hits Town At Dawn, Despite Warnings."));
    }

    #[test]
    fn sentences_are_not_headlines() {
        assert!(!headline("Mayor Jane Doe said the roads were closed."));
        assert!(!headline("Jane Doe Spoke Softly Today."));
        assert!(!headline("Talks with Jane Doe went on"));
        assert!(!headline("Jane Doe"));
    }
}
