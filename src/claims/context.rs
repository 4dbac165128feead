//! What a number is about: the counted noun phrase after (or around) it, the verb it
//! belongs to, and whether it counts persons. Word lists, no model.

use super::numbers::lex::{Tok, TokKind};
use crate::span::Span;

/// The context read around one number phrase.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    /// The thing counted, as written ("foreign fighters").
    pub subject: Option<String>,
    /// The head word of the subject, for matching across sources.
    pub subject_head: Option<String>,
    /// The verb the number goes with ("killed"), in its base form.
    pub verb: Option<String>,
    /// The subject counts persons.
    pub people: bool,
}

/// Words that end a counted noun phrase.
/// Grammar, not vocabulary (determiners and prepositions, a closed class), so kept in Rust.
fn stop(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "from"
            | "with"
            | "by"
            | "under"
            | "over"
            | "into"
            | "across"
            | "after"
            | "before"
            | "during"
            | "since"
            | "per"
            | "about"
            | "around"
            | "among"
            | "between"
            | "including"
            | "like"
            | "than"
            | "and"
            | "or"
            | "but"
            | "who"
            | "which"
            | "that"
            | "whom"
            | "whose"
            | "where"
            | "when"
            | "while"
            | "as"
            | "if"
            | "so"
            | "they"
            | "he"
            | "she"
            | "it"
            | "we"
            | "you"
            | "i"
            | "them"
            | "him"
            | "her"
            | "us"
            | "their"
            | "his"
            | "its"
            | "our"
            | "my"
            | "your"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "can"
            | "could"
            | "may"
            | "might"
            | "shall"
            | "should"
            | "must"
            | "do"
            | "does"
            | "did"
            | "not"
            | "no"
            | "this"
            | "these"
            | "those"
            | "there"
            | "here"
            | "more"
            | "less"
            | "fewer"
            | "ago"
            | "each"
            | "all"
            | "both"
            | "only"
            | "just"
            | "also"
            | "still"
            | "already"
            | "now"
            | "then"
            | "up"
            | "out"
            | "off"
            | "down"
            | "said"
            | "says"
            | "say"
            | "according"
            | "yet"
            | "too"
            | "very"
            | "what"
            | "how"
            | "why"
            | "other"
            | "another"
            | "such"
            | "some"
            | "any"
            | "own"
            | "last"
            | "next"
            | "first"
    )
}

/// Auxiliaries and adverbs between a subject and its verb.
/// Grammar, not vocabulary: auxiliaries are a closed class, and the "-ly" test is morphology.
fn aux(w: &str) -> bool {
    matches!(
        w,
        "is" | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "may"
            | "might"
            | "can"
            | "should"
            | "must"
            | "reportedly"
            | "allegedly"
            | "also"
            | "still"
            | "already"
            | "now"
            | "then"
            | "who"
            | "have'nt"
            | "not"
            | "all"
            | "both"
            | "each"
            | "later"
            | "eventually"
            | "had'"
    ) || (w.ends_with("ly") && w.len() > 4)
}

/// "expected to join": words that pass the number on to a later verb.
/// Grammar, not vocabulary: the raising construction, a fixed set of verbs.
fn raising(w: &str) -> bool {
    matches!(
        w,
        "expected"
            | "believed"
            | "said"
            | "thought"
            | "reported"
            | "estimated"
            | "likely"
            | "set"
            | "due"
            | "known"
            | "feared"
            | "presumed"
            | "understood"
            | "ready"
            | "going"
            | "able"
            | "about"
            | "trying"
            | "planning"
            | "willing"
    )
}

/// Irregular past forms and their lemmas: morphology of the lemmatiser, not vocabulary.
const IRREGULAR: &[(&str, &str)] = &[
    ("fled", "flee"),
    ("left", "leave"),
    ("went", "go"),
    ("gone", "go"),
    ("came", "come"),
    ("took", "take"),
    ("taken", "take"),
    ("fought", "fight"),
    ("ran", "run"),
    ("held", "hold"),
    ("brought", "bring"),
    ("sent", "send"),
    ("made", "make"),
    ("lost", "lose"),
    ("won", "win"),
    ("got", "get"),
    ("had", "have"),
    ("has", "have"),
    ("have", "have"),
    ("said", "say"),
    ("saw", "see"),
    ("seen", "see"),
    ("gave", "give"),
    ("given", "give"),
    ("found", "find"),
    ("began", "begin"),
    ("met", "meet"),
    ("became", "become"),
    ("shot", "shoot"),
    ("hit", "hit"),
    ("struck", "strike"),
    ("slain", "slay"),
    ("hurt", "hurt"),
    ("kept", "keep"),
    ("put", "put"),
    ("rose", "rise"),
    ("risen", "rise"),
    ("fell", "fall"),
    ("fallen", "fall"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("paid", "pay"),
    ("sold", "sell"),
    ("bought", "buy"),
    ("spent", "spend"),
    ("stood", "stand"),
    ("told", "tell"),
    ("thought", "think"),
    ("caught", "catch"),
    ("drove", "drive"),
    ("flew", "fly"),
    ("flown", "fly"),
    ("joins", "join"),
    ("dead", "die"),
    ("killed", "kill"),
];

/// [`IRREGULAR`] hashed, each form with its first lemma there: [`lemma`] reads every
/// word around every count, and a walk through the list compared each with all of it.
static IRREGULAR_OF: std::sync::LazyLock<crate::hash::HashMap<&'static str, &'static str>> =
    std::sync::LazyLock::new(|| {
        let mut out = crate::hash::HashMap::default();
        for &(form, l) in IRREGULAR {
            out.entry(form).or_insert(l);
        }
        out
    });

/// Lemmas of regular verbs whose base ends in "e" ("injured" → "injure").
fn e_base(stem: &str) -> bool {
    const E_ENDINGS: &[&str] = &[
        "at", "iz", "is", "ur", "iv", "uc", "ag", "ud", "os", "as", "us", "ov", "rc", "rg", "ng",
        "nc", "rv", "lv", "bl", "dl", "gl", "pl", "tl", "kl", "fl", "cl", "zl",
    ];
    let short_e = [
        "di",
        "li",
        "ti",
        "ti",
        "ar",
        "rescu",
        "continu",
        "volunteer",
    ];
    if short_e.contains(&stem) || stem.ends_with("eat") || stem.ends_with("oat") {
        return false;
    }
    E_ENDINGS.iter().any(|e| stem.ends_with(e))
        && !stem.ends_with("ss")
        && !["visit", "edit", "credit", "limit", "exhibit"]
            .iter()
            .any(|x| stem.ends_with(x))
}

/// The lemma of a verb form, or `None` when the word does not look like a verb.
pub fn lemma(word: &str) -> Option<String> {
    // Borrowed when already lower case, as the tokens' words are: no copy per call.
    let w = crate::claims::numbers::lex::lower(word);
    let w: &str = &w;
    if let Some(l) = IRREGULAR_OF.get(w) {
        return Some((*l).to_string());
    }
    if w.len() > 4 && w.ends_with("ied") {
        if w.len() == 4 {
            return Some(w[..3].to_string());
        }
        return Some(format!("{}y", &w[..w.len() - 3]));
    }
    if w == "died" || w == "lied" || w == "tied" {
        return Some(w[..3].to_string());
    }
    if w.len() > 4
        && w.ends_with("ed")
        && !matches!(
            w,
            "hundred" | "need" | "seed" | "speed" | "feed" | "bed" | "red"
        )
    {
        let stem = &w[..w.len() - 2];
        if stem.ends_with("ee") {
            return Some(stem.to_string());
        }
        let b = stem.as_bytes();
        let n = b.len();
        if n >= 3
            && b[n - 1] == b[n - 2]
            && !matches!(b[n - 1], b'l' | b's' | b'f' | b'z')
            && !b"aeiou".contains(&b[n - 1])
        {
            return Some(stem[..n - 1].to_string());
        }
        if e_base(stem) {
            return Some(format!("{stem}e"));
        }
        return Some(stem.to_string());
    }
    None
}

/// Verbs whose particle belongs to them: "signed up", "turned out".
/// Grammar, not vocabulary: verb-particle pairs the phrase reader joins.
fn phrasal(lemma: &str, particle: &str) -> bool {
    matches!(
        (lemma, particle),
        ("sign", "up")
            | ("sign", "on")
            | ("show", "up")
            | ("turn", "out")
            | ("turn", "up")
            | ("set", "off")
            | ("set", "out")
            | ("round", "up")
            | ("pick", "up")
            | ("lock", "up")
            | ("take", "part")
            | ("take", "up")
            | ("join", "up")
            | ("step", "down")
            | ("drop", "out")
            | ("pull", "out")
            | ("move", "in")
            | ("move", "out")
            | ("call", "up")
    )
}

/// Nouns that count persons (`rules/words/person_nouns.yaml`).
pub(crate) static PERSONS: std::sync::LazyLock<Vec<String>> =
    std::sync::LazyLock::new(|| crate::wordlists::shipped("person_nouns.yaml"));

/// [`PERSONS`], hashed: the head of every counted noun phrase is looked up.
static PERSON_SET: std::sync::LazyLock<crate::hash::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| PERSONS.iter().map(String::as_str).collect());

/// Plural nouns and demonyms that count persons.
fn person_noun(head: &str, cap: bool) -> bool {
    if PERSON_SET.contains(head) {
        return true;
    }
    // Demonyms: "Canadians", "Italians", "Chinese", "Iraqi".
    cap && (head.ends_with("an")
        || head.ends_with("ian")
        || head.ends_with("ese")
        || head.ends_with("i"))
}

/// The singular, lowercase head noun used to align claims ("fighters" → "fighter").
pub fn singular(word: &str) -> String {
    let w = word.to_lowercase();
    let irregular = [
        ("people", "person"),
        ("men", "man"),
        ("women", "woman"),
        ("children", "child"),
        ("police", "police"),
        ("servicemen", "serviceman"),
        ("militiamen", "militiaman"),
        ("policemen", "policeman"),
        ("feet", "foot"),
        ("teeth", "tooth"),
        ("mice", "mouse"),
        ("lives", "life"),
        ("wives", "wife"),
        ("knives", "knife"),
        ("wolves", "wolf"),
        ("halves", "half"),
        ("series", "series"),
        ("species", "species"),
        ("news", "news"),
    ];
    if let Some((_, s)) = irregular.iter().find(|(p, _)| *p == w) {
        return (*s).to_string();
    }
    if w.len() > 4 && w.ends_with("ies") {
        return format!("{}y", &w[..w.len() - 3]);
    }
    for suf in ["ches", "shes", "sses", "xes", "zes"] {
        if w.len() > suf.len() + 1 && w.ends_with(suf) {
            return w[..w.len() - 2].to_string();
        }
    }
    if w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        return w[..w.len() - 1].to_string();
    }
    w
}

/// The word at `i` in lower case, or "" when it is not a word.
fn low<'t>(toks: &'t [Tok], i: usize) -> &'t str {
    match toks.get(i) {
        Some(t) if t.kind == TokKind::Word => &t.low,
        _ => "",
    }
}

/// "the number of X ... at about 1,000": the subject named before the number, the
/// number's word before it at `b`.
fn number_of(text: &str, toks: &[Tok], b: usize) -> Option<Context> {
    let w = |i: usize| low(toks, i);
    let mut cx = Context::default();
    let lo = b.saturating_sub(14);
    if let Some(n) = (lo..=b)
        .rev()
        .find(|&k| w(k) == "number" && w(k + 1) == "of")
    {
        let first = n + 2;
        // the subject runs to the word before the number's preposition or verb
        let mut last = b;
        while last > first
            && matches!(
                w(last),
                "at" | "to" | "was" | "is" | "stood" | "reached" | "rose" | "as" | "put"
            )
        {
            last -= 1;
        }
        if last >= first && toks[first..=last].iter().all(|t| t.kind == TokKind::Word) {
            cx.subject = Some(text[toks[first].s..toks[last].e].to_string());
            let mut h = first;
            while h < last && !stop(w(h + 1)) && lemma(w(h + 1)).is_none() {
                h += 1;
            }
            cx.people = person_noun(&singular(w(h)), toks[h].cap);
            cx.subject_head = Some(singular(w(h)));
            if n >= 2 && w(n - 1) == "the" {
                cx.verb = lemma(w(n - 2));
            }
            if cx.verb.is_none() {
                cx.verb = lemma(w(b));
            }
            return Some(cx);
        }
    }
    None
}

/// Reads the context of the phrase at `span` in `text` (one sentence), tokens given.
pub fn read(text: &str, toks: &[Tok], span: Span) -> Context {
    let mut cx = Context::default();
    let after = toks
        .iter()
        .position(|t| t.s >= span.end)
        .unwrap_or(toks.len());
    let before = toks.iter().rposition(|t| t.e <= span.start);
    let w = |i: usize| low(toks, i);
    let is_word = |i: usize| toks.get(i).is_some_and(|t| t.kind == TokKind::Word);

    if let Some(cx) = before.and_then(|b| number_of(text, toks, b)) {
        return cx;
    }

    // The counted noun phrase after the number.
    let mut k = after;
    if w(k) == "of" && !stop(w(k + 1)) {
        k += 1;
    }
    let start = k;
    let mut end = None;
    let mut count = 0;
    while count < 4 && is_word(k) {
        let word = w(k);
        if stop(word) || crate::claims::numbers::is_number_word(word) {
            break;
        }
        if lemma(word).is_some() && !person_noun(word, false) {
            // "armed men": a participle only as an adjective before a noun
            let next = w(k + 1);
            let noun_next =
                is_word(k + 1) && !stop(next) && lemma(next).is_none() && next.ends_with('s');
            if !noun_next {
                break;
            }
        }
        end = Some(k);
        count += 1;
        k += 1;
        // "U.S.-led", "pro-Russian": glued hyphenated words
        if toks
            .get(k)
            .is_some_and(|t| t.kind == TokKind::Sym && t.low == "-" && !t.sp)
            && toks
                .get(k + 1)
                .is_some_and(|t| t.kind == TokKind::Word && !t.sp)
        {
            k += 1;
        }
    }
    if let Some(e) = end {
        let head_tok = &toks[e];
        let head = singular(&head_tok.low);
        cx.people = person_noun(&head, head_tok.cap) || person_noun(&head_tok.low, head_tok.cap);
        cx.subject = Some(text[toks[start].s..head_tok.e].to_string());
        cx.subject_head = Some(head);
        k = e + 1;
    } else {
        k = after;
    }

    // The verb after the subject: "9 people were killed", "40 Canadians were expected to join".
    let mut steps = 0;
    let mut infinitive = false;
    while steps < 8 && is_word(k) {
        let word = w(k);
        if aux(word) {
            k += 1;
        } else if raising(word) && w(k + 1) == "to" {
            k += 2;
            infinitive = true;
        } else {
            break;
        }
        steps += 1;
    }
    if is_word(k) {
        let word = w(k);
        let form = lemma(word)
            .or_else(|| (infinitive && !stop(word)).then(|| word.to_string()))
            .or_else(|| {
                // "are discussing": a present participle after an auxiliary
                (steps > 0 && word.len() > 5 && word.ends_with("ing")).then(|| {
                    let stem = &word[..word.len() - 3];
                    lemma(&format!("{stem}ed")).unwrap_or_else(|| stem.to_string())
                })
            });
        if let Some(l) = form.filter(|l| l != "be") {
            cx.verb = Some(match w(k + 1) {
                p if phrasal(&l, p) => format!("{l} {p}"),
                _ => l,
            });
            return cx;
        }
    }
    // Else the verb before the number: "killed at least 9", "had more than 3,500 members".
    if let Some(b) = before {
        let lo = b.saturating_sub(4);
        let mut k = b as isize;
        while k >= lo as isize {
            let i = k as usize;
            if !is_word(i) {
                break;
            }
            let word = w(i);
            if let Some(l) = lemma(word) {
                if !matches!(l.as_str(), "be") {
                    cx.verb = Some(l);
                }
                break;
            }
            if matches!(word, "and" | "or" | "but" | "that" | "which" | "who") {
                break;
            }
            k -= 1;
        }
    }
    cx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn irregular_forms_are_looked_up_as_the_list_reads() {
        // The definition: the first pair of the list whose form is the word.
        let by_list = |w: &str| IRREGULAR.iter().find(|(f, _)| *f == w).map(|(_, l)| *l);
        for (f, _) in IRREGULAR {
            assert_eq!(IRREGULAR_OF.get(*f).copied(), by_list(f), "{f}");
            assert_eq!(lemma(f).as_deref(), by_list(f), "{f}");
        }
        for w in ["", "flee", "walked", "Fled", "ran.", "people"] {
            assert_eq!(IRREGULAR_OF.get(w).copied(), by_list(w), "{w}");
        }
    }

    #[test]
    fn lemmas() {
        for (f, l) in [
            ("killed", "kill"),
            ("wounded", "wound"),
            ("joined", "join"),
            ("signed", "sign"),
            ("injured", "injure"),
            ("arrested", "arrest"),
            ("died", "die"),
            ("evacuated", "evacuate"),
            ("stopped", "stop"),
            ("carried", "carry"),
            ("fled", "flee"),
            ("responded", "respond"),
            ("contacted", "contact"),
            ("treated", "treat"),
        ] {
            assert_eq!(lemma(f).as_deref(), Some(l), "{f}");
        }
        assert_eq!(lemma("people"), None);
    }

    #[test]
    fn singulars() {
        for (p, s) in [
            ("fighters", "fighter"),
            ("people", "person"),
            ("Canadians", "canadian"),
            ("casualties", "casualty"),
            ("men", "man"),
            ("boxes", "box"),
            ("crisis", "crisis"),
        ] {
            assert_eq!(singular(p), s);
        }
    }
}
