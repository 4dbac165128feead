//! Echoes: sentences that only repeat other text of their document.
//!
//! Web pages show some of their words twice: a pull quote sets a sentence of the article
//! large, a caption repeats the sentence that describes the picture, and scraped text
//! sometimes holds a paragraph twice. Read twice, one statement would be two quotes, two
//! claims or two mentions, and evidence would cite the copy. The loader marks captions
//! and pull quotes ([`crate::load::Region`]); here every sentence is classed:
//!
//! - in a pull quote: an echo, always;
//! - in a caption: an echo when its words all stand, in order, in the body (a caption
//!   with words of its own, a name or a place the body lacks, stays evidence);
//! - in the body: an echo when it has at least [`MIN_REPEAT_WORDS`] words and repeats an
//!   earlier sentence word for word, or stands whole inside a longer one.
//!
//! "Stands inside" is tested on word n-grams (lower-cased words, hashed), so the whole
//! document costs one pass and one hash-table entry per word: never a comparison of
//! every sentence with every other.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use crate::load::{Document, RegionKind};
use crate::span::Span;

use super::Sentence;

/// Fewest words for a body sentence to be read as a repeat: shorter sentences ("Police
/// said.", "It was 5 p.m.") repeat by chance.
pub const MIN_REPEAT_WORDS: usize = 6;

/// Word n-gram length of the "stands inside" test. Equal to [`MIN_REPEAT_WORDS`], so a
/// body sentence counts as inside another only if every run of six of its words is.
const GRAM: usize = MIN_REPEAT_WORDS;

/// Multiplier of the rolling hash over word hashes (odd, so invertible mod 2^64).
const BASE: u64 = 0x9E37_79B9_7F4A_7C15;

/// The keys are hashes already: hashing them again would only cost time.
#[derive(Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Counts = HashMap<u64, u32, BuildHasherDefault<Identity>>;
type Seen = HashSet<u64, BuildHasherDefault<Identity>>;

/// Each byte's lower case if it is an ASCII letter or digit, 0 if it is not (a byte
/// outside ASCII included: those are decoded apart).
const ASCII_WORD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// One sentence's words as prefix sums of a polynomial hash, so that the hash of any run
/// of its words is two look-ups and a power of [`BASE`]: its piece of the document's
/// sums ([`push_prefix_sums`]).
struct Words<'p> {
    prefix: &'p [u64],
}

/// FNV-1a's offset basis and prime: each word is hashed from its lower-cased characters.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// FNV-1a from `h` over the ASCII letters and digits that start `run`, lower-cased; with
/// how many there are. (The tight loop of [`push_prefix_sums`]: most bytes of a text.)
#[inline(always)]
fn hash_ascii_word(run: &[u8], mut h: u64) -> (u64, usize) {
    let mut n = 0;
    for &b in run {
        let l = ASCII_WORD[usize::from(b)];
        if l == 0 {
            break;
        }
        h = (h ^ u64::from(l)).wrapping_mul(FNV_PRIME);
        n += 1;
    }
    (h, n)
}

/// The prefix sum after `last` with the word of FNV-1a hash `h`, pushed onto `prefix`.
#[inline(always)]
fn push_word(last: u64, h: u64, prefix: &mut Vec<u64>) -> u64 {
    // FNV-1a's output mixed once more, so that short words spread over 64 bits.
    let w = (h ^ (h >> 29)).wrapping_mul(BASE) | 1;
    let sum = last.wrapping_mul(BASE).wrapping_add(w);
    prefix.push(sum);
    sum
}

/// Pushes onto `prefix` the prefix sums of the words of `text` ([`Words`]), from the 0
/// before its first word: at most `text.len() / 2 + 2` of them (a word takes at least
/// one byte and a separator).
fn push_prefix_sums(text: &str, prefix: &mut Vec<u64>) {
    prefix.push(0u64);
    // The last prefix sum, kept at hand rather than read back.
    let mut last = 0u64;
    let mut h = 0u64;
    let mut open = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII (most text) is read a byte at a time and lowered by a table; it hashes
        // as the general path would (one character, its lower case).
        let b = bytes[i];
        if ASCII_WORD[usize::from(b)] != 0 {
            let from = if open { h } else { FNV_OFFSET };
            let (hashed, n) = hash_ascii_word(&bytes[i..], from);
            h = hashed;
            open = true;
            i += n;
            continue;
        }
        if b.is_ascii() {
            i += 1;
            if open {
                last = push_word(last, h, prefix);
                open = false;
            }
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        if c.is_alphanumeric() {
            if !open {
                h = FNV_OFFSET;
                open = true;
            }
            for l in c.to_lowercase() {
                h = (h ^ u64::from(l)).wrapping_mul(FNV_PRIME);
            }
        } else if open {
            last = push_word(last, h, prefix);
            open = false;
        }
    }
    if open {
        push_word(last, h, prefix);
    }
}

impl Words<'_> {
    fn len(&self) -> usize {
        self.prefix.len() - 1
    }

    /// Hash of the `n` words from word `i` (the length mixed in, so runs of different
    /// lengths never share a hash by construction); `pow_n` is `BASE^n`.
    fn run_with(&self, i: usize, n: usize, pow_n: u64) -> u64 {
        let h = self.prefix[i + n].wrapping_sub(self.prefix[i].wrapping_mul(pow_n));
        h ^ (n as u64).wrapping_mul(0xff51_afd7_ed55_8ccd)
    }

    /// Hash of the `n` words from word `i`.
    #[cfg(test)]
    fn run(&self, i: usize, n: usize) -> u64 {
        self.run_with(i, n, power(n))
    }

    /// Hashes of every run of `n` words (none if the sentence is shorter).
    fn runs(&self, n: usize) -> impl Iterator<Item = u64> + '_ {
        let p = power(n);
        (0..(self.len() + 1).saturating_sub(n)).map(move |i| self.run_with(i, n, p))
    }

    fn whole(&self) -> u64 {
        self.run_with(0, self.len(), power(self.len()))
    }
}

/// The sentences' [`Words`]: the pieces of `sums` that end at `ends`.
fn slices<'p>(sums: &'p [u64], ends: &[usize]) -> Vec<Words<'p>> {
    let mut start = 0;
    ends.iter()
        .map(|&end| {
            let w = Words {
                prefix: &sums[start..end],
            };
            start = end;
            w
        })
        .collect()
}

/// `BASE^n` (mod 2^64).
fn power(n: usize) -> u64 {
    // A sentence holds far fewer than 2^32 words (it is cut at MAX_SENTENCE_BYTES).
    BASE.wrapping_pow(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Splits the sentences of `doc` into those later stages read and the echoes (see the
/// module doc), returned as the spans to skip, in order: every pull quote whole, and
/// each echo sentence.
pub fn without_echoes(doc: &Document, sentences: Vec<Sentence>) -> (Vec<Sentence>, Vec<Span>) {
    let place: Vec<Option<RegionKind>> = sentences
        .iter()
        .map(|s| doc.region_at(s.span.start))
        .collect();
    // Every sentence's sums in one vector sized once, each sentence's words a slice of
    // it: not a vector allocated (and freed) per sentence.
    let mut sums = Vec::with_capacity(sentences.iter().map(|s| s.span.len() / 2 + 2).sum());
    let mut ends = Vec::with_capacity(sentences.len());
    for s in &sentences {
        push_prefix_sums(s.span.of(&doc.text), &mut sums);
        ends.push(sums.len());
    }
    let words = slices(&sums, &ends);
    let echo = classify(&words, &place, true);
    let mut skip: Vec<Span> = doc
        .regions
        .iter()
        .filter(|r| r.kind == RegionKind::PullQuote)
        .map(|r| r.span)
        .collect();
    let mut kept = Vec::with_capacity(sentences.len());
    for (s, e) in sentences.into_iter().zip(echo) {
        if e {
            skip.push(s.span);
        } else {
            kept.push(s);
        }
    }
    (kept, merge(skip))
}

/// Which sentences (their words and regions) are echoes; `screen` lets [`may_echo`] skip
/// the counts of a document where none can be (the tests compare with it off).
fn classify(words: &[Words], place: &[Option<RegionKind>], screen: bool) -> Vec<bool> {
    let body = || {
        words
            .iter()
            .zip(place)
            .filter(|(_, p)| p.is_none())
            .map(|(w, _)| w)
    };
    // How often each run of GRAM words, and each whole long sentence, occurs in the body.
    // Left empty when the screen finds no sentence that could repeat the body: every
    // test below then answers "no echo", as the full counts would have.
    let mut grams = Counts::default();
    let mut whole = Counts::default();
    if !screen || may_echo(words, place) {
        // Sized once (at most one entry a word), not regrown and rehashed as they fill.
        let (runs, long) = body().fold((0, 0), |(r, l), w| {
            let n = w.len();
            (
                r + (n + 1).saturating_sub(GRAM),
                l + usize::from(n >= MIN_REPEAT_WORDS),
            )
        });
        grams.reserve(runs);
        whole.reserve(long);
        for w in body() {
            for g in w.runs(GRAM) {
                *grams.entry(g).or_default() += 1;
            }
            if w.len() >= MIN_REPEAT_WORDS {
                *whole.entry(w.whole()).or_default() += 1;
            }
        }
    }
    // Captions shorter than GRAM words are looked up whole among the body's shorter runs.
    let short_captions: Vec<usize> = words
        .iter()
        .zip(place)
        .filter(|(w, p)| **p == Some(RegionKind::Caption) && w.len() < GRAM)
        .map(|(w, _)| w.len())
        .collect();
    let mut short = Seen::default();
    for n in 1..GRAM {
        if short_captions.contains(&n) {
            for w in body() {
                short.extend(w.runs(n));
            }
        }
    }
    let mut first = Seen::default();
    let mut echo = vec![false; words.len()];
    for (k, w) in words.iter().enumerate() {
        echo[k] = match place[k] {
            Some(RegionKind::PullQuote) => true,
            Some(RegionKind::Caption) if w.len() == 0 => false,
            Some(RegionKind::Caption) if w.len() < GRAM => short.contains(&w.whole()),
            Some(RegionKind::Caption) => w.runs(GRAM).all(|g| grams.contains_key(&g)),
            None if w.len() < MIN_REPEAT_WORDS => false,
            None if whole.get(&w.whole()).is_some_and(|&n| n > 1) => !first.insert(w.whole()),
            // Inside a longer sentence: each of its runs occurs there too.
            None => w.runs(GRAM).all(|g| grams.get(&g).is_some_and(|&n| n > 1)),
        };
    }
    echo
}

/// Bits of the filter in [`may_echo`]: 4,096 (64 words), a few dozen set in most documents.
const FILTER_WORDS: usize = 64;

/// The filter word and bit of a run hash, from its high bits (the low bits of a product
/// of odd numbers mix poorly).
fn filter_slot(g: u64) -> (usize, u64) {
    ((g >> 58) as usize, 1u64 << ((g >> 52) & 63))
}

/// A screen before the counts: can any sentence of the document (outside pull quotes, and
/// long enough to be tested by its runs) be an echo? Each such echo's first run of
/// [`GRAM`] words stands in the body elsewhere too: a body sentence that repeats another
/// or stands inside a longer one has it at two places of the body (its own and the
/// other's), a caption held by the body at one. So only those first runs are counted, over
/// every run of the body; most documents have none that occurs again, and their runs are
/// then never put in a hash table. The filter answers most runs with one load.
fn may_echo(words: &[Words], place: &[Option<RegionKind>]) -> bool {
    let tested = || {
        words
            .iter()
            .zip(place)
            .filter(|(w, p)| w.len() >= GRAM && **p != Some(RegionKind::PullQuote))
    };
    let pow = power(GRAM);
    let mut filter = [0u64; FILTER_WORDS];
    let mut firsts = Counts::default();
    for (w, _) in tested() {
        let g = w.run_with(0, GRAM, pow);
        let (k, bit) = filter_slot(g);
        filter[k] |= bit;
        firsts.insert(g, 0);
    }
    if firsts.is_empty() {
        return false;
    }
    for (w, _) in words.iter().zip(place).filter(|(_, p)| p.is_none()) {
        for g in w.runs(GRAM) {
            let (k, bit) = filter_slot(g);
            if filter[k] & bit != 0 {
                if let Some(n) = firsts.get_mut(&g) {
                    *n += 1;
                }
            }
        }
    }
    tested().any(|(w, at)| {
        let n = firsts.get(&w.run_with(0, GRAM, pow)).copied().unwrap_or(0);
        // A body sentence's own place is one of its counts; a caption's is not.
        n > u32::from(at.is_none())
    })
}

/// Sorts spans and joins those that overlap or touch.
fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Format;
    use crate::segment::sentences;

    fn kept_and_echoes(doc: &Document) -> (Vec<String>, Vec<String>) {
        let (kept, echoes) = without_echoes(doc, sentences(&doc.text));
        (
            kept.iter()
                .map(|s| s.span.of(&doc.text).to_string())
                .collect(),
            echoes
                .iter()
                .map(|s| {
                    s.of(&doc.text)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect(),
        )
    }

    fn text_doc(text: &str) -> Document {
        Document::new("a", "a.txt", text.to_string(), Format::Text).0
    }

    #[test]
    fn a_repeated_paragraph_is_read_once_at_its_first_place() {
        let doc = text_doc(
            "The council voted to close the harbour bridge on Tuesday.\n\n\
             Repairs will take a year.\n\n\
             The council voted to close the harbour bridge on Tuesday.\n",
        );
        let (kept, echoes) = kept_and_echoes(&doc);
        assert_eq!(kept.len(), 2, "{kept:?}");
        assert!(kept[0].starts_with("The council"));
        let (_, spans) = without_echoes(&doc, sentences(&doc.text));
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].start, doc.text.rfind("The council").unwrap());
        assert!(echoes[0].starts_with("The council"));
    }

    #[test]
    fn a_sentence_inside_a_longer_one_is_an_echo_of_it() {
        let doc = text_doc(
            "\"We will rebuild the bridge within a year\"\n\n\
             \"We will rebuild the bridge within a year,\" the mayor Ida Sandvoll said.\n",
        );
        let (kept, echoes) = kept_and_echoes(&doc);
        assert_eq!(kept.len(), 1);
        assert!(kept[0].contains("Ida Sandvoll"), "{kept:?}");
        assert_eq!(echoes, ["\"We will rebuild the bridge within a year\""]);
    }

    #[test]
    fn short_or_merely_similar_sentences_are_not_echoes() {
        let doc = text_doc(
            "Police said.\n\nPolice said.\n\n\
             The mayor said the bridge would close on Tuesday evening.\n\n\
             The mayor said the bridge would open on Tuesday evening.\n\n\
             The mayor said that the bridge would close. It would open on Tuesday evening.\n",
        );
        let (kept, echoes) = kept_and_echoes(&doc);
        assert!(echoes.is_empty(), "{echoes:?}");
        assert_eq!(kept.len(), 6);
    }

    fn page(body: &str) -> Document {
        let raw = format!("<html><body><article>{body}</article></body></html>");
        let mut doc = Document::new("p", "p.html", raw, Format::Html).0;
        doc.echoes.clear();
        doc
    }

    const BODY: &str = "<p>The mayor Ida Sandvoll opened the new harbour bridge in Veldmark \
                        on Tuesday, two years after the old one was closed for repairs.</p>\
                        <p>\u{201C}We will never again wait this long,\u{201D} she told the \
                        crowd gathered on the quay, where the ferry used to dock.</p>\
                        <p>The works cost 41 million crowns, more than the council had \
                        planned when it voted for the repairs in the spring.</p>";

    #[test]
    fn pull_quotes_are_echoes_whole() {
        let doc = page(&format!(
            "{BODY}<blockquote class=\"pull-quote\"><p>\u{201C}We will never again wait \
             this long\u{201D}</p></blockquote><p>Traffic on the bridge starts on Monday \
             morning, the council said in a statement.</p>"
        ));
        assert_eq!(doc.regions.len(), 1, "{:?}", doc.regions);
        let (kept, echoes) = kept_and_echoes(&doc);
        assert_eq!(echoes, ["\"We will never again wait this long\""]);
        assert_eq!(kept.iter().filter(|s| s.contains("wait this")).count(), 1);
        assert!(kept.iter().any(|s| s.contains("Monday morning")));
        // A pull quote the article finder drops is not in the text at all.
        let doc = page(&format!(
            "{BODY}<aside class=\"pullquote\">\u{201C}We will never again wait this \
             long\u{201D}</aside><p>Traffic on the bridge starts on Monday morning, the \
             council said in a statement.</p>"
        ));
        assert_eq!(doc.text.matches("wait this").count(), 1, "{}", doc.text);
    }

    #[test]
    fn a_caption_is_an_echo_only_when_the_body_holds_its_words() {
        let doc = page(&format!(
            "<figure><img src=a.jpg><figcaption>The mayor Ida Sandvoll opened the new \
             harbour bridge in Veldmark on Tuesday</figcaption></figure>{BODY}\
             <figure><img src=b.jpg><figcaption>Ida Sandvoll</figcaption></figure>\
             <figure><img src=c.jpg><figcaption>Divers at work under the old bridge \
             in March.</figcaption></figure>"
        ));
        assert_eq!(doc.regions.len(), 3, "{:?}", doc.regions);
        let (kept, echoes) = kept_and_echoes(&doc);
        assert_eq!(
            echoes,
            [
                "The mayor Ida Sandvoll opened the new harbour bridge in Veldmark on Tuesday",
                "Ida Sandvoll"
            ]
        );
        assert!(kept.iter().any(|s| s.contains("Divers at work")));
        assert_eq!(kept.iter().filter(|s| s.contains("Sandvoll")).count(), 1);
    }

    /// The hashes as first made: every character through Unicode lower-casing, and the
    /// powers of BASE as a table of products.
    fn hashes_by_definition(text: &str) -> (Vec<u64>, Vec<u64>) {
        let mut prefix = vec![0u64];
        let mut power = vec![1u64];
        let mut h = 0u64;
        let mut open = false;
        let push = |h: u64, prefix: &mut Vec<u64>, power: &mut Vec<u64>| {
            let last = *prefix.last().unwrap_or(&0);
            let w = (h ^ (h >> 29)).wrapping_mul(BASE) | 1;
            prefix.push(last.wrapping_mul(BASE).wrapping_add(w));
            power.push(power.last().unwrap_or(&1).wrapping_mul(BASE));
        };
        for c in text.chars() {
            if c.is_alphanumeric() {
                if !open {
                    h = 0xcbf2_9ce4_8422_2325;
                    open = true;
                }
                for l in c.to_lowercase() {
                    h = (h ^ u64::from(l)).wrapping_mul(0x0100_0000_01b3);
                }
            } else if open {
                push(h, &mut prefix, &mut power);
                open = false;
            }
        }
        if open {
            push(h, &mut prefix, &mut power);
        }
        (prefix, power)
    }

    #[test]
    fn word_hashes_follow_their_definition() {
        for text in [
            "",
            "One two, THREE four!",
            "Ørvik and İzvel met ΣΟΦΙΑ at the Straße-Velm bridge 12 times.",
            "  a  ",
            "x\u{301}y ǅemal ﬁnn",
            "tail",
            "abcé def éabc a1b2-C3 ...x",
            "é",
        ] {
            let (prefix, power) = hashes_by_definition(text);
            // After another sentence's sums, as in a document.
            let mut sums = vec![7, 8];
            push_prefix_sums(text, &mut sums);
            assert_eq!(sums[2..], prefix, "{text}");
            assert!(sums.len() - 2 <= text.len() / 2 + 2, "{text}");
            for (n, p) in power.iter().enumerate() {
                assert_eq!(super::power(n), *p, "{text} {n}");
            }
        }
    }

    /// The screen never hides an echo: over documents of random sentences from a few
    /// words (so that runs, repeats and captions held by the body are common), in random
    /// regions, the classes are those of the full counts.
    #[test]
    fn the_screen_keeps_every_echo_the_full_counts_find() {
        let vocab = ["ka", "Lo", "mi", "NU", "pe"];
        let mut next = crate::tests::dice(0x2545_f491_4f6c_dd1d);
        let mut found = 0;
        for _ in 0..3000 {
            let count = 1 + next(8);
            // Two to five words: the fewer, the more repeats.
            let kinds = 2 + next(4);
            let (mut sums, mut ends) = (Vec::new(), Vec::new());
            let mut place = Vec::new();
            for _ in 0..count {
                let len = next(11);
                let text: Vec<&str> = (0..len).map(|_| vocab[next(kinds)]).collect();
                push_prefix_sums(&text.join(" "), &mut sums);
                ends.push(sums.len());
                place.push(match next(6) {
                    0 => Some(RegionKind::Caption),
                    1 => Some(RegionKind::PullQuote),
                    _ => None,
                });
            }
            let words = slices(&sums, &ends);
            let full = classify(&words, &place, false);
            assert_eq!(classify(&words, &place, true), full, "{place:?}");
            found += full
                .iter()
                .zip(&place)
                .filter(|(e, p)| **e && **p != Some(RegionKind::PullQuote))
                .count();
        }
        // The cases hold echoes found by the counts, not only documents without any.
        assert!(found > 100, "{found}");
    }

    #[test]
    fn run_hashes_agree_across_sentences() {
        let mut sums = Vec::new();
        for text in ["one two three four", "zero One two, three four five", ""] {
            push_prefix_sums(text, &mut sums);
        }
        let ends = [5, 12, 13];
        let [a, b, none] = &slices(&sums, &ends)[..] else {
            panic!("three sentences");
        };
        assert_eq!(a.whole(), b.run(1, 4));
        assert_ne!(a.run(0, 2), a.run(1, 2));
        assert_eq!(none.len(), 0);
    }
}
