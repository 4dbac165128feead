//! Byte spans into a document's analysis text.

use serde::Serialize;

/// `text` on one line: every run of whitespace (spaces, tabs, line breaks) one space,
/// none at either end. The one way the stages fold a phrase or a context for display
/// and for comparison.
///
/// Walked a byte at a time: words joined by one space (most of any text) are copied
/// together, in one piece, and only a byte that may start a whitespace character
/// outside ASCII is decoded. `one_line_by_words` in the tests is the definition.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let len = text.len();
    let mut i = 0;
    loop {
        while let Some(n) = (i < len).then(|| space_at(text, i)).flatten() {
            i += n;
        }
        if i == len {
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        // Words and the single spaces between them, up to other whitespace or the end.
        let start = i;
        loop {
            while i < len && SPACE[usize::from(bytes[i])] == NOT_SPACE {
                i += 1;
            }
            // The first byte of a character outside ASCII that is no whitespace.
            if i < len && space_at(text, i).is_none() {
                i += 1;
                continue;
            }
            let single = i + 1 < len && bytes[i] == b' ' && space_at(text, i + 1).is_none();
            if !single {
                break;
            }
            i += 1;
        }
        out.push_str(&text[start..i]);
    }
}

/// What a byte is to [`one_line`]: no whitespace, nor the start of any; ASCII
/// whitespace; or the first byte of a character outside ASCII that may be whitespace
/// (U+0085, U+00A0, U+1680, U+2000-U+205F, U+3000), decoded to know.
const NOT_SPACE: u8 = 0;
const ASCII_SPACE: u8 = 1;
const MAY_BE_SPACE: u8 = 2;
static SPACE: [u8; 256] = {
    let mut t = [NOT_SPACE; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => ASCII_SPACE,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => MAY_BE_SPACE,
            _ => NOT_SPACE,
        };
        b += 1;
    }
    t
};

/// The length of the whitespace character ([`char::is_whitespace`]) that starts at
/// byte `i` of `text`, or `None`. A byte inside a character (or one that starts no
/// whitespace) is `None` too, so `i` need not be a character boundary.
#[inline(always)]
fn space_at(text: &str, i: usize) -> Option<usize> {
    match SPACE[usize::from(text.as_bytes()[i])] {
        NOT_SPACE => None,
        ASCII_SPACE => Some(1),
        _ => text[i..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map(char::len_utf8),
    }
}

/// A half-open byte range `[start, end)` into a document's normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
}

impl Span {
    /// The span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    /// Is it empty?
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// Does it contain `other` whole?
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// Do the two share a byte?
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The slice of `text` this span covers (empty if the span does not fit `text`).
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_folds_every_run_of_whitespace_into_one_space() {
        assert_eq!(one_line("  Mara \t Velk\n\nsaid  "), "Mara Velk said");
        assert_eq!(one_line("\u{a0}x\u{2003}y"), "x y");
        assert_eq!(one_line(" \n\t "), "");
        assert_eq!(one_line("one"), "one");
    }

    /// [`one_line`] by its definition: the words, one space between each two.
    fn one_line_by_words(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn one_line_is_its_definition() {
        // Every whitespace character, and characters that share a first byte with one.
        let spaces: Vec<char> = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        let mut pieces: Vec<String> = vec![
            "Velm".into(),
            "a".into(),
            "é".into(),
            "\u{a9}".into(),
            "\u{1681}".into(),
            "\u{2010}".into(),
            "\u{3001}".into(),
            "x\u{301}".into(),
        ];
        pieces.extend(spaces.iter().map(char::to_string));
        let mut cases = vec![String::new()];
        for a in &pieces {
            for b in &pieces {
                for c in &pieces {
                    cases.push(format!("{a}{b}{c}"));
                    cases.push(format!("{a} {b}  {c} Tarwen"));
                }
            }
        }
        for t in &cases {
            assert_eq!(one_line(t), one_line_by_words(t), "{t:?}");
        }
    }
}
