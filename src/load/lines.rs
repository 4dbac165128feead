//! From byte offsets in a source's original text back to 1-based line:column.

/// Line starts and sparse char-count checkpoints, built once per document, so that
/// every lookup is a binary search plus a short scan even on a 100 MB single line.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// For each line, where its leading run of ASCII ends (its first non-ASCII byte, else
    /// its end): a column in that run is a byte distance, so most lookups count nothing
    /// (news text is mostly ASCII, with a curly quote or a dash here and there).
    ascii_ends: Vec<usize>,
    /// (byte offset, chars before it), every [`CHECKPOINT`] bytes at char boundaries;
    /// made only for a text with a line long enough to read them (see [`Self::line_col`]).
    checkpoints: Vec<(usize, usize)>,
}

const CHECKPOINT: usize = 4096;

impl LineIndex {
    /// The line starts of `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        // A text all ASCII (about half of news articles) is told in one pass a word at
        // a time; then no line needs a look of its own.
        let all_ascii = bytes.is_ascii();
        let ascii_end = |start: usize, end: usize| {
            let line = &bytes[start..end];
            if all_ascii || line.is_ascii() {
                end
            } else {
                start + line.iter().position(|&b| b >= 0x80).unwrap_or(line.len())
            }
        };
        // Counted first (a vector count, cheaper than growing two vectors by doubling).
        let lines = memchr::memchr_iter(b'\n', bytes).count() + 1;
        let mut line_starts = Vec::with_capacity(lines);
        line_starts.push(0);
        let mut ascii_ends = Vec::with_capacity(lines);
        let (mut start, mut longest) = (0, 0);
        // Line breaks found by the memchr crate's vector search, not by `str`'s own
        // search, which costs about twice as much on lines of news-paragraph length.
        for at in memchr::memchr_iter(b'\n', bytes) {
            let end = at + 1;
            ascii_ends.push(ascii_end(start, end));
            longest = longest.max(end - start);
            line_starts.push(end);
            start = end;
        }
        ascii_ends.push(ascii_end(start, bytes.len()));
        longest = longest.max(bytes.len() - start);
        let checkpoints = if longest > 2 * CHECKPOINT {
            checkpoints(text)
        } else {
            Vec::new()
        };
        LineIndex {
            line_starts,
            ascii_ends,
            checkpoints,
        }
    }

    /// Number of chars before byte `offset` (which must lie on a char boundary).
    fn char_index(&self, text: &str, offset: usize) -> usize {
        let k = self.checkpoints.partition_point(|&(b, _)| b <= offset) - 1;
        let (b, c) = self.checkpoints[k];
        c + text[b..offset].chars().count()
    }

    /// 1-based line and column (in chars) of byte `offset` in `text`, the same text the
    /// index was built from. Offsets past the end or inside a char are clamped back.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let ascii_end = self.ascii_ends[line];
        // The chars between the line's start and the offset: its ASCII lead in bytes,
        // then the rest counted directly on a line of ordinary length, through the
        // checkpoints on a longer one.
        let col = if offset <= ascii_end {
            offset - start
        } else if offset - start <= 2 * CHECKPOINT {
            (ascii_end - start) + text[ascii_end..offset].chars().count()
        } else {
            self.char_index(text, offset) - self.char_index(text, start)
        };
        (line + 1, col + 1)
    }
}

/// The checkpoints of `text`: each the first char to start at or after its mark; the
/// chars between two are counted a stretch at a time, not walked one by one.
fn checkpoints(text: &str) -> Vec<(usize, usize)> {
    let mut checkpoints = vec![(0, 0)];
    let (mut at, mut chars) = (0, 0);
    let mut next = CHECKPOINT;
    while next < text.len() {
        let mut i = next;
        while !text.is_char_boundary(i) {
            i += 1;
        }
        if i >= text.len() {
            break;
        }
        chars += text[at..i].chars().count();
        checkpoints.push((i, chars));
        at = i;
        next = i + CHECKPOINT;
    }
    checkpoints
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_char_is_line_one_column_one() {
        let t = "abc\ndef";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(t, 0), (1, 1));
        assert_eq!(ix.line_col(t, 2), (1, 3));
        assert_eq!(ix.line_col(t, 4), (2, 1));
        assert_eq!(ix.line_col(t, 7), (2, 4));
    }

    #[test]
    fn columns_count_chars_not_bytes() {
        let t = "“Kyiv” and Kiev";
        let ix = LineIndex::new(t);
        let at = t.find("Kiev").unwrap();
        assert_eq!(ix.line_col(t, at), (1, 12));
    }

    #[test]
    fn long_single_line_uses_checkpoints_correctly() {
        let t: String = "é".repeat(10_000) + "x";
        let ix = LineIndex::new(&t);
        let at = t.find('x').unwrap();
        assert_eq!(ix.line_col(&t, at), (1, 10_001));
    }

    /// The checkpoints as first made: every char walked, the first at or past each mark.
    fn checkpoints_by_definition(text: &str) -> Vec<(usize, usize)> {
        let mut checkpoints = vec![(0, 0)];
        let mut next = CHECKPOINT;
        for (chars, (i, _)) in text.char_indices().enumerate() {
            if i >= next {
                checkpoints.push((i, chars));
                next = i + CHECKPOINT;
            }
        }
        checkpoints
    }

    #[test]
    fn checkpoints_follow_their_definition() {
        let mut texts = vec![String::new(), "a".into(), "é".repeat(10_000) + "x"];
        // Texts ending just before, at and just after a mark, in one- to four-byte chars.
        for c in ["a", "é", "€", "𝄞"] {
            for n in [
                CHECKPOINT - 1,
                CHECKPOINT,
                CHECKPOINT + 1,
                3 * CHECKPOINT + 2,
            ] {
                texts.push(c.repeat(n / c.len()));
                texts.push(format!("{}{c}", "a".repeat(n)));
            }
        }
        for t in &texts {
            assert_eq!(
                checkpoints(t),
                checkpoints_by_definition(t),
                "{} bytes",
                t.len()
            );
        }
    }

    #[test]
    fn columns_agree_on_short_and_long_lines() {
        // Lines around the length where the count changes method, in one- to four-byte
        // chars: every column is the chars before it on its line.
        for c in ["a", "é", "€", "𝄞"] {
            for n in [
                10,
                2 * CHECKPOINT / c.len(),
                2 * CHECKPOINT / c.len() + 3,
                5_000,
            ] {
                let line = c.repeat(n);
                let t = format!("{line}\n{line}x\n");
                let ix = LineIndex::new(&t);
                let second = line.len() + 1;
                for (k, (at, _)) in t[second..].char_indices().enumerate().step_by(97) {
                    assert_eq!(ix.line_col(&t, second + at), (2, k + 1), "{c} {n} {k}");
                }
                assert_eq!(ix.line_col(&t, t.len() - 2), (2, n + 1), "{c} {n}");
            }
        }
    }

    /// Line and column as first written: the line's start found by counting line
    /// breaks before the offset, the column by counting the chars between.
    fn line_col_by_definition(t: &str, offset: usize) -> (usize, usize) {
        let start = t[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line = t[..offset].matches('\n').count();
        (line + 1, t[start..offset].chars().count() + 1)
    }

    #[test]
    fn every_char_boundary_agrees_with_the_definition() {
        // Lines all ASCII, ASCII then not, not from the start, empty, and lines long
        // enough for the checkpoints, with the text ending on a line break or not.
        let long = format!("{}é{}", "a".repeat(3 * CHECKPOINT), "b".repeat(CHECKPOINT));
        let texts = [
            String::new(),
            "\n".into(),
            "plain words\nand more\n".into(),
            "“Quoted” first\nthen plain\n\nlast – dash é".into(),
            "ascii lead then é and 𝄞 €\r\nx".into(),
            format!("short\n{long}\nafter é\n{long}"),
        ];
        for t in &texts {
            let ix = LineIndex::new(t);
            let expect_checkpoints = t.lines().any(|l| l.len() > 2 * CHECKPOINT);
            assert_eq!(!ix.checkpoints.is_empty(), expect_checkpoints, "{t:?}");
            for at in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                assert_eq!(
                    ix.line_col(t, at),
                    line_col_by_definition(t, at),
                    "{at} in {t:?}"
                );
            }
        }
    }

    #[test]
    fn offsets_inside_a_char_are_clamped() {
        let t = "aé";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(t, 2), (1, 2));
        assert_eq!(ix.line_col(t, 99), (1, 3));
    }
}
