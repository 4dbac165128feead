//! The JSON report. Its fields are those of the shared report specification
//! (`report-json.md`, kept outside this repository), which lists the minimum they hold;
//! `docs/schema/report.schema.json`, generated from the report types, is the whole
//! contract (see `tests/json_schema.rs`).

use super::pretty_json::{Layout, Pretty};
use super::{EntityView, EvidenceView, FindingView, MentionView, Report};

/// Pretty-printed JSON with a final newline: serde_json's pretty bytes, written by
/// [`super::pretty_json`].
pub fn render(report: &Report) -> String {
    let mut s = pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// `serde_json::to_string_pretty`'s text, through [`super::pretty_json`].
fn pretty<T: serde::Serialize>(value: &T) -> Result<String, serde_json::Error> {
    let out = super::pretty_json::to_vec(value)?;
    // Only whole strings and ASCII are written; the lossy path is never taken.
    Ok(String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// [`render`] written straight into `w` a chunk at a time, never held whole in memory:
/// the same bytes. The large arrays are rendered on every thread (see [`Arrays`]).
pub fn render_to(report: &Report, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    super::pretty_json::to_writer(report, w, b"\n", Some(&Arrays(report)))?;
    Ok(())
}

/// The report's arrays that grow with the run (an archive's report is tens of
/// megabytes, mostly entities), written in parallel pieces: on one thread they were
/// most of what a run does after its analysis.
struct Arrays<'a>(&'a Report);

impl super::pretty_json::Splice for Arrays<'_> {
    fn field(
        &self,
        key: &str,
        ser: &mut super::pretty_json::Pretty<'_>,
    ) -> Option<serde_json::Result<()>> {
        // One thread gains nothing from pieces, and their buffers add to the peak.
        let pieces = rayon::current_num_threads() >= 2;
        match key {
            "entities" => {
                // The array's elements are on the lines below the field's.
                let layouts = Layouts::new(ser.depth() + 1);
                let each = |ser: &mut Pretty<'_>, e: &EntityView| entity(ser, e, &layouts);
                Some(if pieces {
                    ser.par_seq_by(&self.0.entities, each)
                } else {
                    ser.seq_by(&self.0.entities, each)
                })
            }
            "findings" => {
                let layouts = FindingLayouts::new(ser.depth() + 1);
                let each = |ser: &mut Pretty<'_>, f: &FindingView| finding(ser, f, &layouts);
                Some(if pieces {
                    ser.par_seq_by(&self.0.findings, each)
                } else {
                    ser.seq_by(&self.0.findings, each)
                })
            }
            "sources" if pieces => Some(ser.par_seq(&self.0.sources)),
            _ => None,
        }
    }
}

/// The layouts of an entity and of its mentions, for entities on lines of one depth.
struct Layouts {
    entity: Layout,
    mention: Layout,
}

impl Layouts {
    fn new(depth: usize) -> Layouts {
        Layouts {
            // The fields in their declared order (serde's); a mention is an element of
            // the array that is the entity's member.
            entity: Layout::new(depth, &["id", "canonical", "kind", "mentions"]),
            mention: Layout::new(depth + 2, &["source", "text", "line", "column"]),
        }
    }
}

/// The layouts of a finding and of its evidence, for findings on lines of one depth.
struct FindingLayouts {
    finding: Layout,
    evidence: Layout,
}

impl FindingLayouts {
    fn new(depth: usize) -> FindingLayouts {
        FindingLayouts {
            finding: Layout::new(
                depth,
                &[
                    "id", "rule", "kind", "severity", "class", "subject", "message", "majority",
                    "story", "evidence",
                ],
            ),
            evidence: Layout::new(
                depth + 2,
                &[
                    "source",
                    "text",
                    "context",
                    "line",
                    "column",
                    "end_line",
                    "end_column",
                    "value",
                ],
            ),
        }
    }
}

/// A finding as serde's walk writes it (a story's report holds thousands).
fn finding(
    ser: &mut Pretty<'_>,
    f: &FindingView,
    layouts: &FindingLayouts,
) -> serde_json::Result<()> {
    let FindingView {
        id,
        rule,
        kind,
        severity,
        class,
        subject,
        message,
        majority,
        story,
        evidence,
    } = f;
    let mut o = ser.fixed(&layouts.finding);
    o.string(id)?;
    o.string(rule)?;
    o.value(kind)?;
    o.value(severity)?;
    o.optional(class.as_ref(), |o, c| o.value(c))?;
    o.string(subject)?;
    o.string(message)?;
    o.optional(majority.as_ref(), |o, m| o.value(m))?;
    o.optional(story.as_ref(), |o, s: &String| o.string(s))?;
    o.seq(evidence, |ser, e| cited(ser, e, &layouts.evidence))?;
    o.end();
    Ok(())
}

/// A cited place as serde's walk writes it.
fn cited(ser: &mut Pretty<'_>, e: &EvidenceView, layout: &Layout) -> serde_json::Result<()> {
    let EvidenceView {
        source,
        text,
        context,
        line,
        column,
        end_line,
        end_column,
        value,
    } = e;
    let mut o = ser.fixed(layout);
    o.string(source)?;
    o.string(text)?;
    o.string(context)?;
    o.integer(*line)?;
    o.integer(*column)?;
    o.integer(*end_line)?;
    o.integer(*end_column)?;
    o.optional(value.as_ref(), |o, v| o.value(v))?;
    o.end();
    Ok(())
}

/// An entity as serde's walk writes it (most of a large report's bytes are entities
/// and their mentions).
fn entity(ser: &mut Pretty<'_>, e: &EntityView, layouts: &Layouts) -> serde_json::Result<()> {
    let EntityView {
        id,
        canonical,
        kind,
        mentions,
    } = e;
    let mut o = ser.fixed(&layouts.entity);
    o.string(id)?;
    o.string(canonical)?;
    o.string(kind.as_str())?;
    o.seq(mentions, |ser, m| mention(ser, m, &layouts.mention))?;
    o.end();
    Ok(())
}

/// A mention as serde's walk writes it.
fn mention(ser: &mut Pretty<'_>, m: &MentionView, layout: &Layout) -> serde_json::Result<()> {
    let MentionView {
        source,
        text,
        line,
        column,
    } = m;
    let mut o = ser.fixed(layout);
    o.string(source)?;
    o.string(text)?;
    o.integer(*line)?;
    o.integer(*column)?;
    o.end();
    Ok(())
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
mod tests {
    use super::*;

    /// A report of a few invented stories whose arrays are then repeated, so that the
    /// parallel pieces of `render_to` meet every boundary (a piece, a batch of pieces).
    fn report(copies: usize) -> Report {
        use crate::load::{Document, Format};
        let docs = (0..6)
            .map(|i| {
                let id = format!("s{i}");
                let text = format!(
                    "Officials in Dunmere said {} people were hurt. Chief Ana Morel{} spoke \
                     to Tobin Sarro.",
                    12 + i % 2,
                    if i % 2 == 0 { "l" } else { "" }
                );
                let mut d = Document::new(&id, &format!("{id}.txt"), text, Format::Text).0;
                d.story = Some(format!("story-{}", i / 3));
                d
            })
            .collect();
        let a = crate::story::analyze(docs, &crate::rules::RuleSet::builtin());
        let mut rep = crate::report::view(&a, false);
        assert!(!rep.findings.is_empty() && !rep.entities.is_empty());
        // `n` elements, the list's own over and over.
        fn cycled<T: Clone>(list: &[T], n: usize) -> Vec<T> {
            list.iter().cycle().take(n).cloned().collect()
        }
        rep.sources = cycled(&rep.sources, copies);
        rep.entities = cycled(&rep.entities, 7 * copies);
        rep.findings = cycled(&rep.findings, 3 * copies);
        rep
    }

    /// `n` findings made from `some`, each with its optional members there or not in
    /// turn (a class, a majority, a story, a cited value), some with text to escape.
    fn findings(some: &[FindingView], n: usize) -> Vec<FindingView> {
        use crate::resolve::variant::VariantClass;
        some.iter()
            .cycle()
            .take(n)
            .enumerate()
            .map(|(k, f)| {
                let mut f = f.clone();
                f.class = [None, Some(VariantClass::Style), Some(VariantClass::Form)][k % 3];
                f.majority = (k % 2 == 0).then(|| super::super::MajorityView {
                    value: format!("{k} \"people\""),
                    sources: vec!["s1".into(), "s2".into()],
                    differ: (0..k % 3).map(|i| format!("s{i}")).collect(),
                });
                f.story = (k % 4 > 1).then(|| format!("story\\{k}"));
                for (i, e) in f.evidence.iter_mut().enumerate() {
                    e.value = ((k + i) % 2 == 1).then_some(super::super::ValueView {
                        low: Some(k as f64 + 0.5),
                        high: (i % 2 == 0).then_some(1e21),
                    });
                }
                if k % 5 == 4 {
                    f.evidence.clear();
                }
                f
            })
            .collect()
    }

    /// Entities of every kind, with names to escape and none, with and without
    /// mentions, and findings with and without each optional member, each written by
    /// hand as serde's walk writes it.
    #[test]
    fn entities_and_findings_written_by_hand_are_serde_json_s_pretty_text() {
        use crate::mentions::EntityKind;
        let kinds = [
            EntityKind::Person,
            EntityKind::Place,
            EntityKind::Org,
            EntityKind::Other,
        ];
        let names = [
            "Ana Morel",
            "",
            "Tobin \"Tob\" Sarro",
            "Dunmère\\Nord",
            "a\tb",
        ];
        let mut entities = Vec::new();
        for (k, name) in names.iter().enumerate() {
            for (j, kind) in kinds.iter().enumerate() {
                let mentions = (0..(k + j) % 4)
                    .map(|i| MentionView {
                        source: format!("s{i}{name}"),
                        text: name.to_string(),
                        line: i + 1,
                        column: 10_usize.pow(i as u32 * 3),
                    })
                    .collect();
                entities.push(EntityView {
                    id: format!("e{}", entities.len() + 1),
                    canonical: name.to_string(),
                    kind: *kind,
                    mentions,
                });
            }
        }
        // On one thread (serde's walk elsewhere) and in parallel pieces.
        for threads in [1, 2] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            for n in [0, 1, entities.len()] {
                let mut rep = report(1);
                rep.entities = entities[..n].to_vec();
                rep.findings = findings(&rep.findings, n);
                let mut ours = Vec::new();
                pool.install(|| render_to(&rep, &mut ours)).unwrap();
                let mut want = serde_json::to_vec_pretty(&rep).unwrap();
                want.push(b'\n');
                assert_eq!(
                    String::from_utf8_lossy(&ours),
                    String::from_utf8_lossy(&want),
                    "{threads} threads, {n} entities and findings"
                );
            }
        }
    }

    #[test]
    fn written_in_parallel_pieces_it_is_serde_json_s_pretty_text() {
        for copies in [0, 1, 18, 19, 585, 586, 1200] {
            let rep = report(copies);
            let mut ours = Vec::new();
            render_to(&rep, &mut ours).unwrap();
            let mut want = serde_json::to_vec_pretty(&rep).unwrap();
            want.push(b'\n');
            assert!(ours == want, "{copies} copies");
            assert_eq!(render(&rep).as_bytes(), want, "{copies} copies");
        }
    }
}
