//! The JSON report. Its fields are those of the shared report specification
//! (`report-json.md`, kept outside this repository), which lists the minimum they hold;
//! `docs/schema/report.schema.json`, generated from the report types, is the whole
//! contract (see `tests/json_schema.rs`).

use super::Report;

/// Pretty-printed JSON with a final newline.
pub fn render(report: &Report) -> String {
    let mut s = pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// `serde_json::to_string_pretty`, through [`Pretty`].
fn pretty<T: serde::Serialize>(value: &T) -> Result<String, serde_json::Error> {
    let mut out = Vec::with_capacity(128);
    value.serialize(&mut serde_json::Serializer::with_formatter(
        &mut out,
        Pretty::default(),
    ))?;
    // serde_json writes UTF-8 only; the lossy path is never taken.
    Ok(String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// serde_json's `PrettyFormatter` (two spaces a level), writing a line break and its
/// indentation as one or two slices where that writes them a level at a time: a report
/// has a line per field, most of them several levels deep. Same bytes.
#[derive(Default)]
struct Pretty {
    depth: usize,
    has_value: bool,
}

/// A line break and the indentation of the levels that fit in it.
const BREAK: &[u8; 1 + 2 * 32] =
    b"\n                                                                ";

impl Pretty {
    fn new_line<W: ?Sized + std::io::Write>(&self, w: &mut W, comma: bool) -> std::io::Result<()> {
        if comma {
            w.write_all(b",")?;
        }
        let fits = self.depth.min(32);
        w.write_all(&BREAK[..1 + 2 * fits])?;
        for _ in fits..self.depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"[")
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.new_line(w, false)?;
        }
        w.write_all(b"]")
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.new_line(w, !first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"{")
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.new_line(w, false)?;
        }
        w.write_all(b"}")
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.new_line(w, !first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// [`render`] written straight into `w`, never held whole in memory: the same bytes.
pub fn render_to(report: &Report, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut chunks = Chunks::new(w);
    serde::Serialize::serialize(
        report,
        &mut serde_json::Serializer::with_formatter(&mut chunks, Pretty::default()),
    )?;
    std::io::Write::write_all(&mut chunks, b"\n")?;
    chunks.flush_chunk()
}

/// A writer that gathers serde_json's many small writes (a quote, a colon, a key) in a
/// buffer of its own and hands `out` a chunk at a time: each small write is a copy into
/// a vector the compiler sees, not a call through `dyn Write`.
struct Chunks<'w> {
    buf: Vec<u8>,
    out: &'w mut dyn std::io::Write,
}

impl<'w> Chunks<'w> {
    /// How much is gathered before it is handed on.
    const SIZE: usize = 64 * 1024;

    fn new(out: &'w mut dyn std::io::Write) -> Self {
        Chunks {
            buf: Vec::with_capacity(Self::SIZE + 1024),
            out,
        }
    }

    /// Hands on what is gathered.
    fn flush_chunk(&mut self) -> std::io::Result<()> {
        if !self.buf.is_empty() {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }
}

impl std::io::Write for Chunks<'_> {
    #[inline]
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.write_all(b)?;
        Ok(b.len())
    }
    #[inline]
    fn write_all(&mut self, b: &[u8]) -> std::io::Result<()> {
        self.buf.extend_from_slice(b);
        if self.buf.len() >= Self::SIZE {
            self.flush_chunk()?;
        }
        Ok(())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.flush_chunk()?;
        self.out.flush()
    }
}

/// JSON Lines: one finding a line, compact, for streaming tools.
pub fn render_lines(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        if let Ok(line) = serde_json::to_string(f) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod pretty_tests {
    use super::{pretty, Chunks};

    #[test]
    fn chunked_writes_reach_the_writer_whole_and_in_order() {
        // Small writes and one larger than a chunk, gathered and handed on: the same
        // bytes as written straight.
        let mut straight = Vec::new();
        let mut out = Vec::new();
        {
            let mut c = Chunks::new(&mut out);
            let big = vec![b'x'; Chunks::SIZE * 2 + 7];
            for n in 0..50_000usize {
                let piece = n.to_string();
                std::io::Write::write_all(&mut c, piece.as_bytes()).unwrap();
                straight.extend_from_slice(piece.as_bytes());
                if n == 20_000 {
                    std::io::Write::write_all(&mut c, &big).unwrap();
                    straight.extend_from_slice(&big);
                }
            }
            c.flush_chunk().unwrap();
        }
        assert_eq!(out, straight);
    }

    #[test]
    fn pretty_json_is_serde_jsons_own() {
        // Nested past the indentation written in one slice, empty containers, strings
        // that need escaping, numbers, and maps beside lists.
        let mut deep = serde_json::json!({"leaf": [1, "two", null]});
        for n in 0..40 {
            deep = serde_json::json!({"level": n, "inner": [deep, [], {}], "s": "a\"b\\c\n\u{1}é"});
        }
        let values = [
            serde_json::json!(null),
            serde_json::json!([]),
            serde_json::json!({}),
            serde_json::json!([[], [[]], {"a": {}}]),
            serde_json::json!({"a": 1, "b": [true, false, 2.5, -3], "c": {"d": "e"}}),
            deep,
        ];
        for v in values {
            assert_eq!(
                pretty(&v).unwrap(),
                serde_json::to_string_pretty(&v).unwrap()
            );
        }
    }
}
