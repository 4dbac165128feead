//! The source texts: where each piece of evidence sits in its file, and every source as
//! written with each cited span marked and linked back to its cards.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::ops::Range;

use super::findings::card_id;
use super::text::esc;
use super::Report;
use crate::Analysis;

/// Sources longer than this are shown as excerpts around their cited spans.
const FULL_SOURCE_BYTES: usize = 512 * 1024;

/// Bytes kept on each side of a cited span when a source is shown as excerpts.
const EXCERPT_BYTES: usize = 2048;

/// A cited place in one source's file: its byte range and the cards citing it.
#[derive(Debug, Clone)]
struct Cite {
    range: Range<usize>,
    anchor: String,
    cards: BTreeSet<usize>,
}

/// A piece of evidence in its file: (doc, raw range of the span, of the sentence).
type Place = (usize, Range<usize>, Range<usize>);

/// Where each piece of evidence sits in its file, resolved once.
pub(super) struct Places {
    /// `[finding][evidence]` → its place, when the document exists.
    pub(super) evidence: Vec<Vec<Option<Place>>>,
    /// Per document, the distinct cited ranges in order.
    cites: Vec<Vec<Cite>>,
}

/// Clamps a range to `text` and to char boundaries.
fn clamp(text: &str, r: Range<usize>) -> Range<usize> {
    let mut s = r.start.min(text.len());
    let mut e = r.end.min(text.len()).max(s);
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    while !text.is_char_boundary(e) {
        e += 1;
    }
    s..e
}

/// Where every piece of evidence sits in its file, and each file's distinct cited ranges.
pub(super) fn places(a: &Analysis, r: &Report) -> Places {
    let mut by_range: Vec<BTreeMap<(usize, usize), BTreeSet<usize>>> =
        vec![BTreeMap::new(); a.docs.len()];
    let mut evidence = Vec::with_capacity(r.findings.len());
    for (fi, _) in r.findings.iter().enumerate() {
        let Some(f) = a.findings.get(fi) else {
            evidence.push(Vec::new());
            continue;
        };
        let mut row = Vec::with_capacity(f.evidence.len());
        for ev in &f.evidence {
            let Some(doc) = a.docs.get(ev.doc) else {
                row.push(None);
                continue;
            };
            let span = clamp(&doc.raw, doc.raw_range(ev.span));
            let sentence = clamp(&doc.raw, doc.raw_range(ev.sentence));
            by_range[ev.doc]
                .entry((span.start, span.end))
                .or_default()
                .insert(fi);
            row.push(Some((ev.doc, span, sentence)));
        }
        evidence.push(row);
    }
    let cites = by_range
        .into_iter()
        .enumerate()
        .map(|(d, m)| {
            m.into_iter()
                .map(|((s, e), cards)| Cite {
                    range: s..e,
                    anchor: anchor_id(d, s, e),
                    cards,
                })
                .collect()
        })
        .collect();
    Places { evidence, cites }
}

/// The anchor id of a cited range in document `doc`.
pub(super) fn anchor_id(doc: usize, start: usize, end: usize) -> String {
    format!("s{}-{start}-{end}", doc + 1)
}

/// The source texts section: every source as written, its cited spans marked.
pub(super) fn sources(out: &mut String, a: &Analysis, r: &Report, p: &Places) {
    out.push_str("<section id=\"sources\">\n<h2>Source texts</h2>\n<p class=\"legend\">Each source as written; every span a finding cites is <mark>marked</mark>, and ↑ leads back to its finding.</p>\n");
    for (d, doc) in a.docs.iter().enumerate() {
        let name = r
            .sources
            .get(d)
            .map_or(doc.source.id.as_str(), |s| s.id.as_str());
        let cites = p.cites.get(d).map(Vec::as_slice).unwrap_or(&[]);
        let _ = write!(
            out,
            "<article class=\"source\"><h3 id=\"src-{n}\">{}</h3><div class=\"legend\"><code>{}</code> · {} cited span{} · <a href=\"#top\">top</a></div>\n<pre>",
            esc(name),
            esc(&doc.source.path),
            cites.len(),
            if cites.len() == 1 { "" } else { "s" },
            n = d + 1
        );
        source_text(out, &doc.raw, cites);
        out.push_str("</pre></article>\n");
    }
    out.push_str("</section>\n");
}

/// The byte windows of `raw` to show: all of it, or excerpts around cites when long.
fn windows(raw: &str, cites: &[Cite]) -> Vec<Range<usize>> {
    if raw.len() <= FULL_SOURCE_BYTES {
        return std::iter::once(0..raw.len()).collect();
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    for c in cites {
        let w = clamp(
            raw,
            c.range.start.saturating_sub(EXCERPT_BYTES)..c.range.end + EXCERPT_BYTES,
        );
        match out.last_mut() {
            Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
            _ => out.push(w),
        }
    }
    out
}

/// Writes `raw` escaped with each cited range in a `<mark>`: the first piece of a cite
/// carries its anchor id, and a ↑ link back to the citing card follows its end.
fn source_text(out: &mut String, raw: &str, cites: &[Cite]) {
    let wins = windows(raw, cites);
    let mut pos_end = 0;
    for w in &wins {
        if w.start > pos_end {
            let _ = writeln!(
                out,
                "<span class=\"omitted\">[… {} bytes not shown …]</span>",
                w.start - pos_end
            );
        }
        let mut bounds: BTreeSet<usize> = [w.start, w.end].into();
        for c in cites {
            for b in [c.range.start, c.range.end] {
                if w.start < b && b < w.end {
                    bounds.insert(b);
                }
            }
        }
        let bounds: Vec<usize> = bounds.into_iter().collect();
        let mut anchored: BTreeSet<usize> = BTreeSet::new();
        for pair in bounds.windows(2) {
            let (s, e) = (pair[0], pair[1]);
            // Empty cites, and all but one cite starting here, get bare anchors.
            let starting: Vec<usize> = (0..cites.len())
                .filter(|&i| cites[i].range.start == s && !anchored.contains(&i))
                .collect();
            let covering = cites
                .iter()
                .any(|c| c.range.start <= s && e <= c.range.end && c.range.start < c.range.end);
            let on_mark = if covering {
                starting.iter().copied().find(|&i| cites[i].range.end > s)
            } else {
                None
            };
            for &i in &starting {
                anchored.insert(i);
                if Some(i) != on_mark {
                    let _ = write!(out, "<span id=\"{}\"></span>", cites[i].anchor);
                }
            }
            let text = esc(&raw[s..e]);
            if covering {
                let cards: BTreeSet<usize> = cites
                    .iter()
                    .filter(|c| c.range.start <= s && e <= c.range.end)
                    .flat_map(|c| c.cards.iter().copied())
                    .collect();
                let titles = cards
                    .iter()
                    .map(|&c| format!("finding {}", c + 1))
                    .collect::<Vec<_>>()
                    .join(", ");
                match on_mark {
                    Some(i) => {
                        let _ = write!(
                            out,
                            "<mark id=\"{}\" title=\"{titles}\">{text}</mark>",
                            cites[i].anchor
                        );
                    }
                    None => {
                        let _ = write!(out, "<mark title=\"{titles}\">{text}</mark>");
                    }
                }
            } else {
                out.push_str(&text);
            }
            // Back links after each cite that ends here.
            let back: BTreeSet<usize> = cites
                .iter()
                .filter(|c| c.range.end == e && c.range.start < e)
                .flat_map(|c| c.cards.iter().copied())
                .collect();
            for c in back {
                let _ = write!(
                    out,
                    "<a class=\"back\" href=\"#{}\" title=\"back to finding {}\">↑</a>",
                    card_id(c),
                    c + 1
                );
            }
        }
        // Cites at the very end of the window (empty, or the text ends).
        for c in cites {
            if c.range.start == w.end && c.range.start == c.range.end {
                let _ = write!(out, "<span id=\"{}\"></span>", c.anchor);
            }
        }
        pos_end = w.end;
    }
    if pos_end < raw.len() {
        let _ = write!(
            out,
            "\n<span class=\"omitted\">[… {} bytes not shown …]</span>",
            raw.len() - pos_end
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_sources_are_shown_as_excerpts_around_cites() {
        let raw = "x".repeat(FULL_SOURCE_BYTES * 2);
        let at = FULL_SOURCE_BYTES;
        let cites = vec![Cite {
            range: at..at + 4,
            anchor: "s1-a".into(),
            cards: [0].into(),
        }];
        let mut out = String::new();
        source_text(&mut out, &raw, &cites);
        assert!(out.len() < 3 * EXCERPT_BYTES, "{}", out.len());
        assert!(out.contains("<mark id=\"s1-a\""));
        assert_eq!(out.matches("bytes not shown").count(), 2);
    }

    #[test]
    fn overlapping_cites_nest_marks_and_anchors() {
        let cites = vec![
            Cite {
                range: 4..9,
                anchor: "s1-4-9".into(),
                cards: [0].into(),
            },
            Cite {
                range: 6..12,
                anchor: "s1-6-12".into(),
                cards: [1].into(),
            },
        ];
        let mut out = String::new();
        source_text(&mut out, "abc <def> ghi jkl", &cites);
        assert_eq!(
            out,
            "abc <mark id=\"s1-4-9\" title=\"finding 1\">&lt;d</mark>\
<mark id=\"s1-6-12\" title=\"finding 1, finding 2\">ef&gt;</mark>\
<a class=\"back\" href=\"#f1\" title=\"back to finding 1\">↑</a>\
<mark title=\"finding 2\"> gh</mark>\
<a class=\"back\" href=\"#f2\" title=\"back to finding 2\">↑</a>i jkl"
        );
    }
}
