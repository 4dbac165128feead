//! From byte offsets in a source's original text back to 1-based line:column.

/// Line starts and sparse char-count checkpoints, built once per document, so that
/// every lookup is a binary search plus a short scan even on a 100 MB single line.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// (byte offset, chars before it), every [`CHECKPOINT`] bytes at char boundaries.
    checkpoints: Vec<(usize, usize)>,
}

const CHECKPOINT: usize = 4096;

impl LineIndex {
    /// The line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        // Found by memchr (a word at a time), not by a look at every byte.
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        // Each checkpoint is the first char to start at or after its mark; the chars
        // between two are counted a stretch at a time, not walked one by one.
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
        LineIndex {
            line_starts,
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
        // The chars between the line's start and the offset: counted directly on a
        // line of ordinary length, through the checkpoints on a longer one.
        let col = if offset - start <= 2 * CHECKPOINT {
            text[start..offset].chars().count()
        } else {
            self.char_index(text, offset) - self.char_index(text, start)
        };
        (line + 1, col + 1)
    }
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
                LineIndex::new(t).checkpoints,
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

    #[test]
    fn offsets_inside_a_char_are_clamped() {
        let t = "aé";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(t, 2), (1, 2));
        assert_eq!(ix.line_col(t, 99), (1, 3));
    }
}
