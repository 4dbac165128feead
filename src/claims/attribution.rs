//! Who a sentence attributes its numbers to: "said X", "X said", "according to X",
//! and, in interview transcripts, the speaker of the last "Name:" label.

use crate::hash::HashSet;
use crate::mentions::{EntityKind, Mention};
use crate::segment::Sentence;
use crate::span::Span;

/// The verbs of `rules/words/speech.yaml`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SpeechVerbs {
    saying: Vec<String>,
    estimating: Vec<String>,
}

pub(crate) static SPEECH: std::sync::LazyLock<SpeechVerbs> =
    std::sync::LazyLock::new(|| crate::wordlists::shipped("speech.yaml"));

/// The verbs of saying, and those with the verbs of estimating: hashed, since every
/// word of a sentence is looked up.
static SAYING: std::sync::LazyLock<HashSet<&'static str>> =
    std::sync::LazyLock::new(|| SPEECH.saying.iter().map(String::as_str).collect());
static SPEECH_OR_ESTIMATE: std::sync::LazyLock<HashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        SPEECH
            .saying
            .iter()
            .chain(&SPEECH.estimating)
            .map(String::as_str)
            .collect()
    });

/// A verb of saying, which attributes a quotation or statement ("said", "told").
pub fn saying(w: &str) -> bool {
    SAYING.contains(w)
}

/// A verb of saying or estimating, which attributes a number to its source.
fn speech(w: &str) -> bool {
    SPEECH_OR_ESTIMATE.contains(w)
}

/// The words of `text` as written (letters, digits and apostrophes), from either end:
/// [`raw_words_by_chars`], read byte by byte, a char decoded only at a byte outside
/// ASCII. Every stretch around every name of every sentence with a number is read,
/// and half the articles hold a curly quotation mark or dash somewhere: such a text
/// is still ASCII nearly everywhere, so it is not read char by char throughout.
fn raw_words(text: &str) -> RawWords<'_> {
    RawWords {
        text,
        front: 0,
        back: text.len(),
    }
}

/// What a word is made of: letters, digits and apostrophes.
fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’'
}

/// The definition of [`raw_words`]: the text split at every other character, the
/// empty pieces left out.
#[cfg(test)]
fn raw_words_by_chars(text: &str) -> impl DoubleEndedIterator<Item = &str> {
    text.split(|c: char| !word_char(c))
        .filter(|w| !w.is_empty())
}

/// The words of a text between byte offsets `front` and `back` (char boundaries),
/// each a longest run of [`word_char`]s.
struct RawWords<'a> {
    text: &'a str,
    front: usize,
    back: usize,
}

/// What a byte is to [`RawWords`]: an ASCII byte outside a word, an ASCII byte of a
/// word (letters, digits, the apostrophe), or a byte of a char outside ASCII, which
/// is decoded and asked. One look-up a byte.
const OUTSIDE: u8 = 0;
const WORD: u8 = 1;
const WIDE: u8 = 2;
static BYTE_CLASS: [u8; 256] = {
    let mut t = [WIDE; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = if b.is_ascii_alphanumeric() || b == b'\'' {
            WORD
        } else {
            OUTSIDE
        };
        c += 1;
    }
    t
};

fn class(b: u8) -> u8 {
    BYTE_CLASS[usize::from(b)]
}

impl RawWords<'_> {
    /// Whether the char outside ASCII that starts at byte `i` is a word char, and its
    /// length.
    fn wide_at(&self, i: usize) -> (bool, usize) {
        self.text[i..]
            .chars()
            .next()
            .map_or((false, 1), |c| (word_char(c), c.len_utf8()))
    }

    /// Whether the char outside ASCII that ends at byte `i` is a word char, and its
    /// length.
    fn wide_before(&self, i: usize) -> (bool, usize) {
        self.text[..i]
            .chars()
            .next_back()
            .map_or((false, 1), |c| (word_char(c), c.len_utf8()))
    }
}

// Both directions skip runs of ASCII bytes by the table (a char outside ASCII starts
// after an ASCII byte or a char boundary, so each stop is at a char's first or last
// byte) and decode only the chars outside ASCII they stop at.
impl<'a> Iterator for RawWords<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        let b = self.text.as_bytes();
        let mut i = self.front;
        let start = loop {
            i += b[i..self.back].iter().position(|&c| class(c) != OUTSIDE)?;
            if class(b[i]) == WORD {
                break i;
            }
            let (word, n) = self.wide_at(i);
            if word {
                break i;
            }
            i += n;
        };
        loop {
            i += b[i..self.back]
                .iter()
                .position(|&c| class(c) != WORD)
                .unwrap_or(self.back - i);
            if i == self.back || class(b[i]) == OUTSIDE {
                break;
            }
            let (word, n) = self.wide_at(i);
            if !word {
                break;
            }
            i += n;
        }
        self.front = i;
        Some(&self.text[start..i])
    }
}

impl DoubleEndedIterator for RawWords<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let b = self.text.as_bytes();
        let front = self.front;
        let mut j = self.back;
        let end = loop {
            j = front + b[front..j].iter().rposition(|&c| class(c) != OUTSIDE)? + 1;
            if class(b[j - 1]) == WORD {
                break j;
            }
            let (word, n) = self.wide_before(j);
            if word {
                break j;
            }
            j -= n;
        };
        loop {
            j = b[front..j]
                .iter()
                .rposition(|&c| class(c) != WORD)
                .map_or(front, |k| front + k + 1);
            if j == front || class(b[j - 1]) == OUTSIDE {
                break;
            }
            let (word, n) = self.wide_before(j);
            if !word {
                break;
            }
            j -= n;
        }
        self.back = j;
        Some(&self.text[j..end])
    }
}

/// `f` of the lower case of `w` (`str::to_lowercase`), with no new string for a short
/// ASCII word: every word of every sentence read goes through it.
fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    const MAX: usize = 32;
    if w.len() <= MAX && w.is_ascii() {
        let mut buf = [0u8; MAX];
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        if let Ok(lower) = std::str::from_utf8(b) {
            return f(lower);
        }
    }
    f(&w.to_lowercase())
}

/// Whether `w.to_lowercase()` is `word`, an ASCII lower-case word without a `k`,
/// without lower-casing `w`: the two words around every name are asked. Such a word is
/// the lower case of a word only if it equals it ignoring ASCII case, since the only
/// character outside ASCII whose lower case is all ASCII is the Kelvin sign ("k").
fn lower_is(w: &str, word: &str) -> bool {
    debug_assert!(word.bytes().all(|b| b.is_ascii_lowercase() && b != b'k'));
    w.eq_ignore_ascii_case(word)
}

/// The verbs of saying and estimating by length and first letter (both ASCII lower
/// case; `SHAPE_LEN` lengths): an ASCII word is compared, ignoring case, with only
/// the few that share its shape, instead of copied, lower-cased and hashed. `None`
/// if a verb is not lower-case ASCII (then every word takes the hashed look-up).
const SHAPE_LEN: usize = 16;
#[allow(clippy::type_complexity)]
static SPEECH_BY_SHAPE: std::sync::LazyLock<Option<Vec<Vec<&'static str>>>> =
    std::sync::LazyLock::new(|| {
        let mut out = vec![Vec::new(); SHAPE_LEN * 26];
        for w in SPEECH_OR_ESTIMATE.iter() {
            let b = w.as_bytes();
            if b.is_empty() || b.len() >= SHAPE_LEN || !b.iter().all(u8::is_ascii_lowercase) {
                return None;
            }
            out[b.len() * 26 + usize::from(b[0] - b'a')].push(*w);
        }
        Some(out)
    });

/// A verb of saying or estimating, in any case: `speech` of `to_lowercase(w)`.
fn speech_any_case(w: &str) -> bool {
    let b = w.as_bytes();
    if let (Some(shapes), Some(&first)) = (&*SPEECH_BY_SHAPE, b.first()) {
        if w.is_ascii() {
            // An ASCII word lower-cases byte by byte: it is a verb if it equals one,
            // ignoring ASCII case, and then it has the verb's length and first letter.
            let first = first.to_ascii_lowercase();
            if b.len() >= SHAPE_LEN || !first.is_ascii_lowercase() {
                return false;
            }
            return shapes[b.len() * 26 + usize::from(first - b'a')]
                .iter()
                .any(|v| v.as_bytes().eq_ignore_ascii_case(b));
        }
    }
    with_lower(w, speech)
}

/// [`in_sentence`]'s answers for the sentences one reader asked about, by document:
/// (sentence index, answer), in sentence order. The claims read them from each
/// mention's own kind; the attributes, which read the entity's kind, take the answer
/// for a sentence whose kinds [`read_alike`] instead of reading it again.
pub type Answers = Vec<Vec<(usize, Option<usize>)>>;

/// The answer recorded for sentence `s` in a document's [`Answers`], if any.
pub fn answered(doc: &[(usize, Option<usize>)], s: usize) -> Option<Option<usize>> {
    doc.binary_search_by_key(&s, |a| a.0).ok().map(|k| doc[k].1)
}

/// Whether [`in_sentence`] reads a mention of kind `a` as one of kind `b`: it tells
/// persons, organisations and other names (alike), and places apart, nothing more.
pub fn read_alike(a: EntityKind, b: EntityKind) -> bool {
    let other = |k| matches!(k, EntityKind::Org | EntityKind::Other);
    a == b || (other(a) && other(b))
}

/// The entity a sentence attributes its statements to, from the mentions in it
/// (`(mention span relative to the document, entity index, kind)`).
pub fn in_sentence(
    text: &str,
    sentence: Span,
    mentions: &[(Span, usize, EntityKind)],
) -> Option<usize> {
    let ok = |k: EntityKind| matches!(k, EntityKind::Person | EntityKind::Org | EntityKind::Other);
    let clamp = |x: usize| x.clamp(sentence.start, sentence.end);
    for &(span, e, kind) in mentions {
        if !ok(kind) {
            continue;
        }
        // "X said", "X, a researcher, said" (a short stretch after the name)
        let after_end = clamp(span.end + 60);
        let after = text.get(clamp(span.end)..after_end).unwrap_or("");
        let mut ahead = raw_words(after);
        // The first word read once: the eight after a comma go on from it.
        if ahead.next().is_some_and(speech_any_case)
            || (after.trim_start().starts_with(',') && ahead.take(7).any(speech_any_case))
        {
            return Some(e);
        }
        // "said X", "according to X", "told by X"
        let before_start = clamp(span.start.saturating_sub(40));
        let before = text.get(before_start..clamp(span.start)).unwrap_or("");
        let mut back = raw_words(before).rev();
        let (last, second) = (back.next(), back.next());
        if last.is_some_and(speech_any_case) {
            return Some(e);
        }
        if let (Some(second), Some(last)) = (second, last) {
            if lower_is(second, "according") && lower_is(last, "to") {
                return Some(e);
            }
        }
        // "said regional police chief X": a title between the verb and the name (the
        // five words before it, the last not a verb and the second read above)
        if after.trim_start().starts_with(['.', ','])
            && (second.is_some_and(speech_any_case) || back.take(3).any(speech_any_case))
        {
            return Some(e);
        }
    }
    // One person and a verb of saying anywhere in the sentence.
    let mut persons = mentions
        .iter()
        .filter(|m| m.2 == EntityKind::Person)
        .map(|m| m.1);
    let first = persons.next()?;
    if persons.all(|p| p == first)
        && raw_words(text.get(sentence.start..sentence.end).unwrap_or("")).any(speech_any_case)
    {
        return Some(first);
    }
    None
}

/// For each sentence of a document, the speaker of the transcript label before it:
/// the entity named in the label ("Jane Roe:"), until the next label.
pub fn labels(
    text: &str,
    sentences: &[Sentence],
    doc_mentions: &[(&Mention, usize)],
) -> Vec<Option<usize>> {
    let mut out = vec![None; sentences.len()];
    let mut speaker: Option<usize> = None;
    // Each mention's text lower-cased once, when a label first needs it (a document
    // with labels holds many), not once per label.
    let mut lowered: Vec<Option<String>> = Vec::new();
    for (s, sent) in sentences.iter().enumerate() {
        if sent.label {
            let label = sent
                .span
                .of(text)
                .trim_end_matches(':')
                .trim()
                .to_lowercase();
            speaker = doc_mentions
                .iter()
                .find(|(m, _)| m.sentence == s)
                .map(|(_, e)| *e)
                .or_else(|| {
                    let last = label.split_whitespace().last().unwrap_or("").to_string();
                    if lowered.is_empty() {
                        lowered = vec![None; doc_mentions.len()];
                    }
                    for ((m, e), low) in doc_mentions.iter().zip(lowered.iter_mut()) {
                        let t = low.get_or_insert_with(|| m.text.to_lowercase());
                        if *t == label
                            || (!last.is_empty()
                                && t.split_whitespace().last() == Some(last.as_str())
                                && m.kind == EntityKind::Person)
                        {
                            return Some(*e);
                        }
                    }
                    None
                });
            continue;
        }
        let body = sent.span.of(text).trim_end();
        if body.ends_with('?') {
            // an interviewer's question left without a label
            continue;
        }
        out[s] = speaker;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every way of reading `text`'s words from both ends: `k` from the front, then
    /// the rest from the back.
    fn both_ends<'a, I: DoubleEndedIterator<Item = &'a str>>(
        mut it: impl FnMut() -> I,
        n: usize,
    ) -> Vec<Vec<&'a str>> {
        (0..=n + 1)
            .map(|k| {
                let mut i = it();
                let mut got: Vec<&str> = i.by_ref().take(k).collect();
                got.extend(i.rev());
                got
            })
            .collect()
    }

    #[test]
    fn the_byte_classes_are_the_word_characters() {
        for b in 0..=u8::MAX {
            let want = match b {
                _ if !b.is_ascii() => WIDE,
                _ if word_char(char::from(b)) => WORD,
                _ => OUTSIDE,
            };
            assert_eq!(class(b), want, "{b}");
        }
    }

    #[test]
    fn ascii_words_are_the_words_by_chars() {
        for text in [
            "",
            " ",
            "said",
            "  Jane Roe's aide, said: 'ok' --told-- x9 _y_ ",
            "a'b''c d''",
            "ends,",
            ",starts",
            "1,000 people' said O'Neil.",
            "“Zoë said,” she wrote — ‘twice’",
            "Ann’s aide İlker said: ½ of ΣΑΣ’ ",
            "—",
            "é",
            "ü\u{301}ber said",
        ] {
            let n = raw_words_by_chars(text).count();
            assert_eq!(
                both_ends(|| raw_words(text), n),
                both_ends(|| raw_words_by_chars(text), n),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn any_texts_words_are_the_words_by_chars(text in "([a-zA-Z0-9' ,.:_-]|’|é|\\PC){0,30}") {
            let n = raw_words_by_chars(&text).count();
            proptest::prop_assert_eq!(
                both_ends(|| raw_words(&text), n),
                both_ends(|| raw_words_by_chars(&text), n)
            );
        }
    }

    #[test]
    fn speech_verbs_come_from_the_word_list() {
        assert!(saying("said") && speech("said"));
        assert!(speech("estimated") && !saying("estimated"));
        assert!(!speech("ran"));
    }

    fn at(text: &str, name: &str) -> Span {
        let s = text.find(name).unwrap();
        Span::new(s, s + name.len())
    }

    #[test]
    fn said_and_according_to() {
        for text in [
            "About 500 volunteers joined, Jane Roe said.",
            "Jane Roe said about 500 volunteers joined.",
            "According to Jane Roe, about 500 volunteers joined.",
            "Jane Roe, a researcher at a university, said 500 joined.",
        ] {
            let m = vec![(at(text, "Jane Roe"), 3, EntityKind::Person)];
            let all = Span::new(0, text.len());
            assert_eq!(in_sentence(text, all, &m), Some(3), "{text}");
        }
        let text = "About 500 volunteers joined.";
        assert_eq!(in_sentence(text, Span::new(0, text.len()), &[]), None);
    }

    #[test]
    fn transcript_labels() {
        let text = "Host: What happened?Jane Roe: About 500 joined. Then more came.";
        let sents = crate::segment::sentences(text);
        let label = sents
            .iter()
            .position(|s| s.span.of(text) == "Jane Roe:")
            .unwrap();
        let m = Mention {
            doc: 0,
            sentence: label,
            span: at(text, "Jane Roe"),
            text: "Jane Roe".into(),
            kind: EntityKind::Person,
            title: None,
        };
        let speakers = labels(text, &sents, &[(&m, 7)]);
        assert_eq!(speakers[label + 1], Some(7));
        assert_eq!(speakers[label + 2], Some(7));
        assert!(speakers[..label].iter().all(|s| s.is_none()));
    }

    /// [`in_sentence`] as first written, a new lower-case string per word: the
    /// definition the fast one keeps.
    fn in_sentence_by_definition(
        text: &str,
        sentence: Span,
        mentions: &[(Span, usize, EntityKind)],
    ) -> Option<usize> {
        fn words(text: &str) -> Vec<String> {
            text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        }
        let ok =
            |k: EntityKind| matches!(k, EntityKind::Person | EntityKind::Org | EntityKind::Other);
        let clamp = |x: usize| x.clamp(sentence.start, sentence.end);
        for &(span, e, kind) in mentions {
            if !ok(kind) {
                continue;
            }
            let after = text
                .get(clamp(span.end)..clamp(span.end + 60))
                .unwrap_or("");
            let aw = words(after);
            if aw.first().is_some_and(|w| speech(w))
                || (after.trim_start().starts_with(',') && aw.iter().take(8).any(|w| speech(w)))
            {
                return Some(e);
            }
            let before = text
                .get(clamp(span.start.saturating_sub(40))..clamp(span.start))
                .unwrap_or("");
            let bw = words(before);
            let n = bw.len();
            if n >= 1 && speech(&bw[n - 1]) {
                return Some(e);
            }
            if n >= 2 && bw[n - 2] == "according" && bw[n - 1] == "to" {
                return Some(e);
            }
            if bw.iter().rev().take(5).any(|w| speech(w))
                && after.trim_start().starts_with(['.', ','])
            {
                return Some(e);
            }
        }
        let persons: Vec<usize> = mentions
            .iter()
            .filter(|m| m.2 == EntityKind::Person)
            .map(|m| m.1)
            .collect();
        let sw = words(text.get(sentence.start..sentence.end).unwrap_or(""));
        if !persons.is_empty()
            && persons.iter().all(|&p| p == persons[0])
            && sw.iter().any(|w| speech(w))
        {
            return Some(persons[0]);
        }
        None
    }

    proptest::proptest! {
        /// Sentences of names, verbs in any case, titles and punctuation (ASCII or
        /// not), the sentence cut anywhere, each name of any kind: the answer is the
        /// definition's.
        #[test]
        fn any_sentences_attribution_is_the_definitions(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "Jane Roe", "Ari Tarr", "Zoë Roe", " ", " ", ", ", ". ", "said", "SAID",
                "Told", "estimated", "according", "to", "the", "chief", "aide", "“", "”",
                "’", "—", "500", "x", "Said", "\u{212a}", "by", "a", "sAiD",
            ]), 0..24),
            cut in 0usize..200,
            kinds in proptest::collection::vec(0usize..4, 8),
        ) {
            let text: String = pieces.concat();
            let all = [EntityKind::Person, EntityKind::Place, EntityKind::Org, EntityKind::Other];
            let mut mentions = Vec::new();
            for (e, name) in ["Jane Roe", "Ari Tarr", "Zoë Roe"].iter().enumerate() {
                for (s, _) in text.match_indices(name) {
                    let kind = all[kinds[mentions.len() % kinds.len()]];
                    mentions.push((Span::new(s, s + name.len()), e, kind));
                }
            }
            let mut start = cut.min(text.len());
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            for sent in [Span::new(0, text.len()), Span::new(start, text.len()), Span::new(0, start)] {
                let inside: Vec<_> = mentions
                    .iter()
                    .copied()
                    .filter(|m| m.0.start >= sent.start && m.0.end <= sent.end)
                    .collect();
                proptest::prop_assert_eq!(
                    in_sentence(&text, sent, &inside),
                    in_sentence_by_definition(&text, sent, &inside),
                    "{:?} {:?}", text, sent
                );
            }
        }
    }

    #[test]
    fn kinds_read_alike_give_the_same_attribution() {
        let kinds = [
            EntityKind::Person,
            EntityKind::Place,
            EntityKind::Org,
            EntityKind::Other,
        ];
        let texts = [
            "About 500 volunteers joined, Jane Roe said, as Ari Tarr knew.",
            "According to Jane Roe, about 500 volunteers joined Ari Tarr.",
            "Jane Roe met Ari Tarr; they said 500 joined.",
            "Jane Roe and Ari Tarr walked in. No one spoke.",
            "Ari Tarr, an aide, told Jane Roe that 500 joined.",
        ];
        let mut differ = 0;
        for text in texts {
            let all = Span::new(0, text.len());
            for a in kinds {
                for b in kinds {
                    // Each kind given to one name, then to both.
                    for both in [false, true] {
                        let with = |k: EntityKind| {
                            vec![
                                (at(text, "Jane Roe"), 1, k),
                                (
                                    at(text, "Ari Tarr"),
                                    2,
                                    if both { k } else { EntityKind::Person },
                                ),
                            ]
                        };
                        let (x, y) = (
                            in_sentence(text, all, &with(a)),
                            in_sentence(text, all, &with(b)),
                        );
                        if read_alike(a, b) {
                            assert_eq!(x, y, "{text} {a:?} {b:?}");
                        }
                        differ += usize::from(x != y);
                    }
                }
            }
        }
        // The kinds told apart do change answers.
        assert!(differ > 0);
        assert!(read_alike(EntityKind::Org, EntityKind::Other));
        assert!(!read_alike(EntityKind::Person, EntityKind::Other));
        assert!(!read_alike(EntityKind::Place, EntityKind::Org));
    }

    #[test]
    fn an_answer_is_found_by_its_sentence() {
        let doc = [(1, Some(4)), (3, None), (7, Some(2))];
        assert_eq!(answered(&doc, 1), Some(Some(4)));
        assert_eq!(answered(&doc, 3), Some(None));
        assert_eq!(answered(&doc, 7), Some(Some(2)));
        assert_eq!(answered(&doc, 2), None);
        assert_eq!(answered(&[], 0), None);
    }

    #[test]
    fn a_speech_verb_in_any_case_is_the_lower_cased_words_look_up() {
        let mut words: Vec<String> = SPEECH
            .saying
            .iter()
            .chain(&SPEECH.estimating)
            .flat_map(|w| {
                [
                    w.clone(),
                    w.to_uppercase(),
                    format!("{w}s"),
                    w[1..].to_string(),
                    format!("x{w}"),
                ]
            })
            .collect();
        words.extend(
            [
                "",
                "a",
                "Said",
                "SAID",
                "sAiD",
                "\u{212a}aid",
                "ſaid",
                "İ",
                "said’",
                "said'",
                "1said",
                "_",
            ]
            .map(String::from),
        );
        words.push("s".repeat(40));
        for w in &words {
            assert_eq!(speech_any_case(w), speech(&w.to_lowercase()), "{w}");
        }
        assert!(SPEECH_BY_SHAPE.is_some());
    }

    #[test]
    fn only_the_kelvin_sign_lower_cases_to_ascii_from_outside_it() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if !c.is_ascii() && c.to_lowercase().all(|l| l.is_ascii()) {
                assert_eq!(c, '\u{212a}');
            }
        }
    }

    #[test]
    fn a_lower_case_word_is_found_as_to_lowercase_finds_it() {
        for w in [
            "according",
            "According",
            "ACCORDING",
            "accordinG",
            "accordin",
            "accordings",
            "to",
            "To",
            "TO",
            "tO",
            "t",
            "",
            "tö",
            "\u{212a}to",
            "İto",
            "ΤΟ",
            "too",
        ] {
            for word in ["according", "to"] {
                assert_eq!(lower_is(w, word), w.to_lowercase() == word, "{w} {word}");
            }
        }
    }

    #[test]
    fn lower_case_without_a_new_string_is_to_lowercase() {
        for w in [
            "Said",
            "SAID",
            "said",
            "according",
            "ACCORDING",
            "Zoë",
            "İstanbul",
            "\u{212a}",
            "ΣΑΣ",
            "",
            "a-very-long-word-of-more-than-thirty-two-bytes",
            "O'Neil",
            "Ann’s",
        ] {
            assert_eq!(with_lower(w, str::to_string), w.to_lowercase(), "{w}");
        }
    }

    #[test]
    fn attribution_is_the_definitions_whatever_the_case_and_the_names() {
        let sentences = [
            "About 500 volunteers joined, Jane Roe said.",
            "Jane Roe SAID about 500 volunteers joined.",
            "ACCORDING TO Jane Roe, about 500 volunteers joined.",
            "According to the office of Jane Roe, 500 joined.",
            "Jane Roe, a researcher at a university of some renown and size, said 500 joined.",
            "Said regional police chief Jane Roe, “it was 500.”",
            "Told by Jane Roe and Ari Tarr that 500 joined, the office said nothing.",
            "Jane Roe met Ari Tarr; they Estimated 500 joined.",
            "Jane Roe and Jane Roe’s aide told reporters 500 joined.",
            "Jane Roe walked in. No one spoke.",
            "Zoë Roe, İlker Tarr: \u{212a}aid 500, estimated Ari Tarr.",
        ];
        let names = ["Jane Roe", "Ari Tarr", "Zoë Roe", "İlker Tarr", "office"];
        let kinds = [EntityKind::Person, EntityKind::Org, EntityKind::Place];
        let mut said = 0;
        for text in sentences {
            // Every name found, with each kind, alone and all together, over the
            // whole text and over a part of it.
            let mut all = Vec::new();
            for (e, n) in names.iter().enumerate() {
                for (k, &kind) in kinds.iter().enumerate() {
                    if let Some(s) = text.find(n) {
                        let m = (Span::new(s, s + n.len()), e + k, kind);
                        all.push(m);
                        for sent in [Span::new(0, text.len()), Span::new(s, text.len())] {
                            let want = in_sentence_by_definition(text, sent, &[m]);
                            said += usize::from(want.is_some());
                            assert_eq!(in_sentence(text, sent, &[m]), want, "{text} {n}");
                        }
                    }
                }
            }
            let sent = Span::new(0, text.len());
            assert_eq!(
                in_sentence(text, sent, &all),
                in_sentence_by_definition(text, sent, &all),
                "{text}"
            );
            assert_eq!(
                in_sentence(text, sent, &[]),
                in_sentence_by_definition(text, sent, &[])
            );
        }
        assert!(said > 15, "{said}");
    }
}
