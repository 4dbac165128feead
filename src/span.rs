//! Byte spans into a document's analysis text.

use serde::Serialize;

/// `text` on one line: every run of whitespace (spaces, tabs, line breaks) one space,
/// none at either end. The one way the stages fold a phrase or a context for display
/// and for comparison.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
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
}
