//! Segmentation of the seed that is one 11,000-character line with glued sentences and
//! an interview transcript.

use factdiff::load::{Document, Format};
use factdiff::segment::sentences;

fn seed_001() -> Document {
    let raw = std::fs::read_to_string("seeds/001_e5c14ea24a0863ac.txt").unwrap();
    Document::new("001", "seeds/001_e5c14ea24a0863ac.txt", raw, Format::Text).0
}

#[test]
fn seed_001_sentences_start_where_a_reader_sees_them_start() {
    let doc = seed_001();
    let starts: Vec<&str> = sentences(&doc.text)
        .iter()
        .map(|s| s.span.of(&doc.text))
        .collect();
    for want in [
        "This is not illegal.",
        "Still, it is incredibly dangerous.",
        "All the people who go say one thing",
    ] {
        assert!(
            starts.iter().any(|s| s.starts_with(want)),
            "no sentence starts with {want:?}"
        );
    }
}

#[test]
fn seed_001_transcript_labels_are_their_own_segments() {
    let doc = seed_001();
    let labels: Vec<&str> = sentences(&doc.text)
        .iter()
        .filter(|s| s.label)
        .map(|s| s.span.of(&doc.text))
        .collect();
    assert!(labels.contains(&"Kacper Rekawek:"), "{labels:?}");
    assert!(labels.contains(&"Slate:"), "{labels:?}");
}

#[test]
fn seed_001_is_split_into_many_sentences_none_overlapping() {
    let doc = seed_001();
    let s = sentences(&doc.text);
    assert!(s.len() > 60, "only {} sentences", s.len());
    for w in s.windows(2) {
        assert!(w[0].span.end <= w[1].span.start);
    }
}
