//! Property tests: arbitrary Unicode through the loaders and the whole pipeline never
//! panics, and every span handed out lies on char boundaries of the text it indexes.

use std::sync::LazyLock;

use proptest::prelude::*;

use factdiff::load::{jsonl, Document, Format};
use factdiff::rules::RuleSet;
use factdiff::span::Span;

static RULES: LazyLock<RuleSet> = LazyLock::new(RuleSet::builtin);

/// Text that looks a little like news (names, numbers, punctuation, markup) mixed with
/// any Unicode at all.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Officials said ".to_string()),
        Just("about 1,000 ".to_string()),
        Just("twelve people were injured. ".to_string()),
        Just("Mayor John Smith ".to_string()),
        Just("Kyiv’s “Kiev” ".to_string()),
        Just("<p>".to_string()),
        Just("**bold** ".to_string()),
        Just("---\n".to_string()),
        Just("&amp; &rsquo; ".to_string()),
        Just("\u{301}\u{200B}\u{FEFF}\u{202E}".to_string()),
        Just("e\u{301} ﬁ Ⅻ ".to_string()),
        any::<String>(),
        "[0-9]{1,7}( - |-| to )[0-9]{1,7}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

fn format() -> impl Strategy<Value = Format> {
    prop_oneof![
        Just(Format::Text),
        Just(Format::Markdown),
        Just(Format::Html)
    ]
}

fn check_doc(doc: &Document) {
    let t = &doc.text;
    for (i, _) in t.char_indices().step_by(5) {
        let r = doc.raw_range(Span::new(i, t.len()));
        assert!(doc.raw.get(r).is_some(), "raw range off a char boundary");
        let _ = doc.line_col(i);
        let _ = doc.line_col_end(i);
    }
}

fn on_boundary(text: &str, s: Span) -> bool {
    s.start <= s.end
        && s.end <= text.len()
        && text.is_char_boundary(s.start)
        && text.is_char_boundary(s.end)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn loaders_never_panic_and_map_back(raw in newsy(), f in format()) {
        let (doc, _) = Document::new("a", "a.txt", raw, f);
        check_doc(&doc);
    }

    #[test]
    fn jsonl_never_panics(lines in prop::collection::vec((newsy(), any::<Option<u32>>(), any::<bool>()), 0..6), junk in any::<String>()) {
        let mut raw = String::new();
        for (text, story, as_number) in &lines {
            let mut rec = serde_json::json!({ "text": text });
            if let Some(s) = story {
                rec["incident_id"] = if *as_number { serde_json::json!(s) } else { serde_json::json!(s.to_string()) };
            }
            raw.push_str(&rec.to_string());
            raw.push('\n');
        }
        raw.push_str(&junk);
        let (records, _) = jsonl::read(&raw, "incident_id");
        prop_assert!(records.len() <= lines.len() + 1);
        for r in records {
            let doc = Document::with_meta("a", "a.jsonl", r.text, r.meta);
            check_doc(&doc);
        }
    }

    #[test]
    fn the_pipeline_never_panics_and_spans_stay_on_char_boundaries(
        texts in prop::collection::vec((newsy(), format(), prop::option::of(0u8..3)), 1..4)
    ) {
        let docs: Vec<Document> = texts
            .into_iter()
            .enumerate()
            .map(|(i, (t, f, story))| {
                let (mut d, _) = Document::new(&format!("d{i}"), &format!("d{i}.txt"), t, f);
                d.story = story.map(|s| format!("s{s}"));
                d
            })
            .collect();
        let a = factdiff::story::analyze(docs, &RULES);
        for (d, sents) in a.sentences.iter().enumerate() {
            for s in sents {
                prop_assert!(on_boundary(&a.docs[d].text, s.span));
            }
        }
        for m in &a.mentions {
            prop_assert!(on_boundary(&a.docs[m.doc].text, m.span));
        }
        for c in &a.claims {
            prop_assert!(on_boundary(&a.docs[c.doc].text, c.span));
        }
        for f in &a.findings {
            for e in &f.evidence {
                prop_assert!(on_boundary(&a.docs[e.doc].text, e.span));
                prop_assert!(on_boundary(&a.docs[e.doc].text, e.sentence));
                // A finding cites sources of one story only.
                prop_assert_eq!(a.story_of(e.doc), a.story_of(f.evidence[0].doc));
            }
        }
        // The printers take whatever the pipeline gives.
        let rep = factdiff::report::view(&a, true);
        let _ = factdiff::report::json::render(&rep);
        let _ = factdiff::report::csv::render(&rep);
        let _ = factdiff::report::markdown::render(&rep);
        let _ = factdiff::report::table::render(&rep, factdiff::report::table::Style { color: false, width: Some(100) }, false);
    }

    #[test]
    fn stories_give_the_findings_each_story_gives_alone(
        texts in prop::collection::vec((newsy(), 0u8..3), 1..5)
    ) {
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, (t, s))| {
                let (mut d, _) = Document::new(&format!("d{i}"), "x.txt", t.clone(), Format::Text);
                d.story = Some(format!("s{s}"));
                d
            })
            .collect();
        let together = factdiff::story::analyze(docs.clone(), &RULES);
        let mut alone = 0;
        for (_, group) in factdiff::story::group(docs) {
            alone += factdiff::analyze(group, &RULES).findings.len();
        }
        prop_assert_eq!(together.findings.len(), alone);
    }
}
