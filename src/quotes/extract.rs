//! Finding quotations in one document's analysis text (straight quote marks only: the
//! loader has already turned curly ones straight).
//!
//! Double quotes are paired within a paragraph. A paragraph that ends inside a quote
//! while the next one opens with a quote mark continues it (the news convention for
//! quotes over several paragraphs). Single quotes are read as quotations only outside
//! double quotes and only with clear boundaries (British style, headlines); inside a
//! double quote they are nested quotes and stay part of the text. Embedded tweets
//! ("… — Name (@handle) date") are quotes of the named account.
//!
//! Not quotations: scare quotes of one or two words, nicknames between a first name
//! and a surname, and titles of works (title case after "book", "film", "titled" …).

use crate::span::Span;

/// How a quotation sits in its text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum QuoteForm {
    /// A whole statement in quote marks.
    Full,
    /// Quoted words inside the writer's own sentence ("called it "a disgrace"").
    Partial,
    /// An embedded post ("… — Name (@handle) April 1, 2018").
    Tweet,
}

impl QuoteForm {
    /// The form's name in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteForm::Full => "full",
            QuoteForm::Partial => "partial",
            QuoteForm::Tweet => "tweet",
        }
    }
}

/// A quotation found in the text, before attribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// From the opening mark to just after the closing mark (or the end of the last
    /// paragraph when the quote is never closed).
    pub span: Span,
    /// The quoted words without marks, one piece per paragraph.
    pub pieces: Vec<Span>,
    /// Whether it is a whole statement, a partial quote or a block.
    pub form: QuoteForm,
    /// For tweets: the account's display name.
    pub handle_name: Option<String>,
}

/// Words before a quoted title that say it is the title of a work.
pub(crate) static TITLE_CUES: std::sync::LazyLock<Vec<String>> =
    std::sync::LazyLock::new(|| crate::wordlists::shipped("title_cues.yaml"));

/// Paragraphs of `text`: split at blank lines and at line breaks that are not soft
/// wraps (the same reading as the sentence splitter).
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    // The line breaks found by memchr's vectorised search over the bytes, not by a look
    // at every character: the same offsets, since a newline byte is only ever a newline.
    for i in memchr::memchr_iter(b'\n', text.as_bytes()) {
        if crate::segment::line_break_ends(text, start, i) {
            push_trimmed(&mut out, text, start, i);
            start = i + 1;
        }
    }
    push_trimmed(&mut out, text, start, text.len());
    out
}

fn push_trimmed(out: &mut Vec<Span>, text: &str, s: usize, e: usize) {
    let seg = &text[s..e];
    let lead = seg.len() - seg.trim_start().len();
    let trail = seg.len() - seg.trim_end().len();
    if s + lead < e - trail {
        out.push(Span::new(s + lead, e - trail));
    }
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

fn char_after(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|t| t.chars().next())
}

/// Words of a stretch of text (letters, digits, inner apostrophes and hyphens): the
/// pieces between other characters that hold a letter or a digit.
///
/// One walk over the bytes, ASCII classed by a table and only the rest decoded;
/// `word_count_by_pieces` in the tests is the definition.
pub fn word_count(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut count = 0;
    // Inside a piece; and whether it has held a letter or digit yet.
    let mut counted = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let class = if b.is_ascii() {
            i += 1;
            PIECE[usize::from(b)]
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            if c.is_alphanumeric() {
                ALNUM
            } else {
                SEPARATOR
            }
        };
        match class {
            ALNUM if !counted => {
                count += 1;
                counted = true;
            }
            SEPARATOR => counted = false,
            _ => {}
        }
    }
    count
}

/// What an ASCII byte is to [`word_count`]: it parts two pieces, it is a letter or
/// digit, or it joins a piece without making it a word ("'", "-").
const SEPARATOR: u8 = 0;
const ALNUM: u8 = 1;
const JOINER: u8 = 2;
static PIECE: [u8; 128] = {
    let mut t = [SEPARATOR; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = ALNUM;
        } else if c == b'\'' || c == b'-' {
            t[b] = JOINER;
        }
        b += 1;
    }
    t
};

/// The lower-case words just before byte `i` (at most `n`, nearest last).
fn words_before(text: &str, i: usize, n: usize) -> Vec<String> {
    let from = text[..i].char_indices().rev().nth(60).map_or(0, |(k, _)| k);
    let mut w: Vec<String> = text[from..i]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if from > 0 && !w.is_empty() {
        w.remove(0);
    }
    let k = w.len().saturating_sub(n);
    w.split_off(k)
}

/// The word (letters only) right before byte `i`, skipping spaces.
fn word_left(text: &str, i: usize) -> &str {
    let head = text[..i].trim_end();
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic() || c == '.')
        .last()
        .map_or(head.len(), |(k, _)| k);
    &head[start..]
}

/// The word (letters only) right after byte `i`, skipping spaces.
fn word_right(text: &str, i: usize) -> &str {
    let tail = text[i..].trim_start();
    let end = tail
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(tail.len(), |(k, _)| k);
    &tail[..end]
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Is a quoted stretch a quotation (and not a scare quote, nickname or title)?
fn is_quotation(text: &str, open: usize, close_end: usize, inner: &str) -> bool {
    let n = word_count(inner);
    if n < 3 {
        return false;
    }
    let left = word_left(text, open);
    let right = word_right(text, close_end);
    // Joseph "Big Joe" Smith
    let tight_left = char_before(text, open).is_some_and(|c| c == ' ');
    if n <= 3 && tight_left && capitalised(left) && capitalised(right) {
        return false;
    }
    let mut words = inner
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty());
    let small = |w: &str| {
        matches!(
            w,
            "a" | "an" | "the" | "of" | "and" | "in" | "on" | "to" | "for" | "at" | "by" | "or"
        )
    };
    // Title case: the first word capitalised, and every other capitalised or small.
    // Read word by word, up to the first that is neither (most quotations' second or
    // third), not collected.
    let title_case =
        words.next().is_some_and(capitalised) && words.all(|w| capitalised(w) || small(w));
    let ends_like_sentence = inner.trim_end().ends_with(['.', '!', '?', ',']);
    if title_case && !ends_like_sentence {
        let before = words_before(text, open, 3);
        if before.iter().any(|w| TITLE_CUES.contains(w)) || n <= 5 {
            return false;
        }
    }
    true
}

/// Finds the quotations of one text.
#[cfg(test)]
pub fn find(text: &str) -> Vec<Found> {
    find_in(text, &paragraphs(text))
}

/// Finds the quotations of one text, whose [`paragraphs`] are `paras` (made once for
/// the document: the attribution reads them too).
pub fn find_in(text: &str, paras: &[Span]) -> Vec<Found> {
    let mut out = Vec::new();
    // An open double quote: (opening mark, pieces so far, start of the current piece).
    let mut open: Option<(usize, Vec<Span>, usize)> = None;
    let mut covered: Vec<Span> = Vec::new();
    for (p, para) in paras.iter().enumerate() {
        let mut i = para.start;
        if let Some((_, _, piece)) = &mut open {
            // A continuation paragraph: skip its opening mark.
            if text[i..].starts_with('"') {
                i += 1;
            }
            *piece = i;
        }
        while i < para.end {
            // '"' is one byte, and no byte of another character is one.
            let Some(k) = memchr::memchr(b'"', &text.as_bytes()[i..para.end]) else {
                break;
            };
            let at = i + k;
            match open.take() {
                None => {
                    let next = char_after(text, at + 1);
                    if next.is_some_and(|c| !c.is_whitespace()) {
                        open = Some((at, Vec::new(), at + 1));
                    }
                }
                Some((start, mut pieces, piece)) => {
                    pieces.push(Span::new(piece, at));
                    let end = at + 1;
                    let inner: String = pieces
                        .iter()
                        .map(|s| s.of(text))
                        .collect::<Vec<_>>()
                        .join(" ");
                    if is_quotation(text, start, end, &inner) {
                        out.push(Found {
                            span: Span::new(start, end),
                            pieces,
                            form: QuoteForm::Full,
                            handle_name: None,
                        });
                    }
                    covered.push(Span::new(start, end));
                }
            }
            i = at + 1;
        }
        if let Some((start, mut pieces, piece)) = open.take() {
            pieces.push(Span::new(piece.min(para.end), para.end));
            let continues = paras
                .get(p + 1)
                .is_some_and(|n| text[n.start..].starts_with('"'));
            if continues {
                open = Some((start, pieces, para.end));
            } else {
                // Never closed: the quote ends with its paragraph.
                let inner: String = pieces
                    .iter()
                    .map(|s| s.of(text))
                    .collect::<Vec<_>>()
                    .join(" ");
                if is_quotation(text, start, para.end, &inner) {
                    out.push(Found {
                        span: Span::new(start, para.end),
                        pieces,
                        form: QuoteForm::Full,
                        handle_name: None,
                    });
                }
                covered.push(Span::new(start, para.end));
            }
        }
    }
    if let Some((start, pieces, _)) = open {
        let end = pieces.last().map_or(start, |s| s.end);
        out.push(Found {
            span: Span::new(start, end),
            pieces,
            form: QuoteForm::Full,
            handle_name: None,
        });
    }
    for para in paras {
        single_quotes(text, *para, &covered, &mut out);
        if let Some(t) = tweet(text, *para) {
            if !out.iter().any(|q| q.span.overlaps(t.span)) {
                out.push(t);
            }
        }
    }
    out.sort_by_key(|q| (q.span.start, q.span.end));
    out
}

/// Top-level single-quoted quotations in a paragraph ('We will win,' she said).
/// `covered`: the double-quoted stretches of the whole text, in order and apart.
fn single_quotes(text: &str, para: Span, covered: &[Span], out: &mut Vec<Found>) {
    let inside = |i: usize| covered_at(covered, i);
    let s = para.of(text);
    // "'" is one byte, and no byte of another character is one.
    let marks: Vec<usize> = memchr::memchr_iter(b'\'', s.as_bytes())
        .map(|k| para.start + k)
        .filter(|&k| !inside(k))
        .collect();
    let opener = |k: usize| {
        char_before(text, k).is_none_or(|c| c.is_whitespace() || matches!(c, ':' | '(' | '—' | '-'))
            && char_after(text, k + 1).is_some_and(|c| c.is_alphanumeric())
            // '90s, 'em, 'n'
            && !text[k + 1..].starts_with(|c: char| c.is_ascii_digit())
    };
    let closer = |k: usize| {
        char_before(text, k).is_some_and(|c| !c.is_whitespace())
            && char_after(text, k + 1).is_none_or(|c| !c.is_alphanumeric())
    };
    let mut x = 0;
    while x < marks.len() {
        let o = marks[x];
        if !opener(o) {
            x += 1;
            continue;
        }
        // The closing mark: the next closer whose stretch is a quotation; a plural
        // possessive ("the boys' club") is skipped when a later closer ends the clause.
        let mut found = None;
        for (y, &c) in marks.iter().enumerate().skip(x + 1) {
            if !closer(c) {
                continue;
            }
            let before = char_before(text, c).unwrap_or(' ');
            let after = char_after(text, c + 1);
            let possessive = before == 's'
                && after == Some(' ')
                && text[c + 1..]
                    .trim_start()
                    .starts_with(|ch: char| ch.is_lowercase());
            if possessive && marks[y + 1..].iter().any(|&m| closer(m)) {
                continue;
            }
            found = Some((y, c));
            break;
        }
        let Some((y, c)) = found else {
            break;
        };
        let inner = &text[o + 1..c];
        if is_quotation(text, o, c + 1, inner) {
            out.push(Found {
                span: Span::new(o, c + 1),
                pieces: vec![Span::new(o + 1, c)],
                form: QuoteForm::Full,
                handle_name: None,
            });
        }
        x = y + 1;
    }
}

/// Whether offset `i` lies inside one of `covered` (in order and apart): the last that
/// starts at or before `i` is the only one that can hold it, found by halving instead
/// of a look at every quote of the text for every single quote mark.
fn covered_at(covered: &[Span], i: usize) -> bool {
    debug_assert!(covered.windows(2).all(|w| w[0].end <= w[1].start));
    let k = covered.partition_point(|c| c.start <= i);
    k > 0 && i < covered[k - 1].end
}

/// An embedded post: "text — Name (@handle) Month Day, Year" as one paragraph.
fn tweet(text: &str, para: Span) -> Option<Found> {
    let s = para.of(text);
    // Most paragraphs hold no "@" at all: one memchr says so, before the search for
    // the handle's opening from the end.
    if !s.contains('@') {
        return None;
    }
    let at = s.rfind(" (@")?;
    let close = at + s[at..].find(')')?;
    let dash = s[..at].rfind(['—', '–'])?;
    let name = s[dash..at].trim_start_matches(['—', '–']).trim();
    let tail = s[close + 1..].trim();
    let dated = tail.chars().any(|c| c.is_ascii_digit()) && tail.len() < 40;
    if name.is_empty() || name.len() > 60 || !dated || word_count(&s[..dash]) < 3 {
        return None;
    }
    let mut body_end = para.start + dash;
    while body_end > para.start && text.as_bytes()[body_end - 1] == b' ' {
        body_end -= 1;
    }
    Some(Found {
        span: Span::new(para.start, body_end),
        pieces: vec![Span::new(para.start, body_end)],
        form: QuoteForm::Tweet,
        handle_name: Some(name.to_string()),
    })
}

#[cfg(test)]
mod tests {
    /// [`super::word_count`] by its definition: the text split at every character other
    /// than a letter, digit, apostrophe or hyphen, and the pieces with a letter or digit.
    fn word_count_by_pieces(s: &str) -> usize {
        s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    }

    #[test]
    fn words_are_counted_as_by_their_definition() {
        let pieces = [
            "", " ", "a", "Velm", "'", "-", "--", "'-'", "x'y", "é", "Ø", "’", "—", "٣", ".",
            "\u{301}", "Ⅻ", "\n", "12", "a-", "-a",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for t in [format!("{a}{b}{c}"), format!("{a} {b}-{c}'{a}")] {
                        assert_eq!(super::word_count(&t), word_count_by_pieces(&t), "{t:?}");
                    }
                }
            }
        }
    }

    use super::*;

    /// [`paragraphs`] by its definition: every character looked at for a line break.
    fn paragraphs_by_chars(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if c == '\n' && crate::segment::line_break_ends(text, start, i) {
                push_trimmed(&mut out, text, start, i);
                start = i + 1;
            }
        }
        push_trimmed(&mut out, text, start, text.len());
        out
    }

    #[test]
    fn paragraphs_are_those_of_their_definition() {
        let lines = [
            "",
            "\n",
            "The mayor said so.",
            "  Velm Tarwen ",
            "\u{2028}é\u{a0}",
            "- a list item",
            "a soft wrap in the middle of",
            "\"Quoted,\" she said.",
        ];
        for a in lines {
            for b in lines {
                for c in lines {
                    for t in [format!("{a}\n{b}\n\n{c}"), format!("{a}\r\n{b}\n{c}\n")] {
                        assert_eq!(paragraphs(&t), paragraphs_by_chars(&t), "{t:?}");
                    }
                }
            }
        }
    }

    fn quotes(text: &str) -> Vec<String> {
        find(text)
            .iter()
            .map(|q| {
                q.pieces
                    .iter()
                    .map(|p| p.of(text))
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect()
    }

    #[test]
    fn covered_at_is_any_covering_span() {
        // Invented stretches in order and apart (empty ones and touching ones too).
        let mut seed: u64 = 11;
        let mut next = |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        let mut held = 0;
        for _ in 0..300 {
            let mut covered = Vec::new();
            let mut at = next(4) as usize;
            for _ in 0..next(8) {
                let len = next(5) as usize;
                covered.push(Span::new(at, at + len));
                at += len + next(3) as usize;
            }
            for i in 0..at + 3 {
                let want = covered.iter().any(|c| c.start <= i && i < c.end);
                held += usize::from(want);
                assert_eq!(covered_at(&covered, i), want, "{covered:?} {i}");
            }
        }
        assert!(held > 500, "{held}");
    }

    #[test]
    fn a_plain_quote_and_its_span() {
        let t = "\"We will rebuild the bridge,\" the mayor said.";
        let q = find(t);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].span, Span::new(0, 29));
        assert_eq!(q[0].pieces[0].of(t), "We will rebuild the bridge,");
    }

    #[test]
    fn nested_single_quotes_stay_inside() {
        let t = "\"He told me 'we are not leaving' and walked off,\" Ann Lee said.";
        assert_eq!(
            quotes(t),
            vec!["He told me 'we are not leaving' and walked off,"]
        );
    }

    #[test]
    fn quote_over_several_paragraphs() {
        let t = "Ann Lee said: \"The first paragraph goes here.\n\n\"The second one follows.\n\n\"And the last ends,\" she said.\n\nNext.";
        assert_eq!(
            quotes(t),
            vec!["The first paragraph goes here. | The second one follows. | And the last ends,"]
        );
    }

    #[test]
    fn two_quotes_in_one_paragraph() {
        let t = "\"Do not be surprised,\" Ann said. \"We are there now.\"";
        assert_eq!(quotes(t), vec!["Do not be surprised,", "We are there now."]);
    }

    #[test]
    fn partial_quote_inside_a_sentence() {
        let t = "The chief called the attack \"a cowardly act of violence\" on Monday.";
        assert_eq!(quotes(t), vec!["a cowardly act of violence"]);
    }

    #[test]
    fn scare_quotes_nicknames_and_titles_are_not_quotes() {
        assert!(
            quotes("The so-called \"experts\" disagreed with the \"safe zone\" plan.").is_empty()
        );
        assert!(quotes("Joseph \"Big Joe\" Smith was arrested.").is_empty());
        assert!(quotes("She wrote the book \"The Long Road Home\" in 2010.").is_empty());
        assert!(quotes("The film \"Gone With the Wind\" played.").is_empty());
    }

    #[test]
    fn unclosed_quote_ends_with_its_paragraph() {
        let t = "\"This never closes but is a quote\n\nA new paragraph.";
        assert_eq!(quotes(t), vec!["This never closes but is a quote"]);
    }

    #[test]
    fn single_quoted_headline_and_british_style() {
        assert_eq!(
            quotes("Mayor: 'We will not back down'\n\nBody."),
            vec!["We will not back down"]
        );
        assert_eq!(
            quotes("'It was a terrible night for the boys' club,' he said."),
            vec!["It was a terrible night for the boys' club,"]
        );
        assert!(quotes("The '90s were good. It's the players' fault, isn't it.").is_empty());
    }

    #[test]
    fn quoted_tweet_and_embedded_post() {
        let t = "Ann Lee tweeted: \"Great meeting with the team today!\"";
        assert_eq!(quotes(t), vec!["Great meeting with the team today!"]);
        let t =
            "Road closed near the park until further notice. — City Police (@citypd) May 2, 2016";
        let q = find(t);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].form, QuoteForm::Tweet);
        assert_eq!(q[0].handle_name.as_deref(), Some("City Police"));
        assert_eq!(
            q[0].pieces[0].of(t),
            "Road closed near the park until further notice."
        );
    }
}
