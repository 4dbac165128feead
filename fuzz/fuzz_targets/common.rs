//! Checks shared by the loader targets: every position a document hands out maps back
//! into its own text without panicking.

use factdiff::load::Document;
use factdiff::span::Span;

pub fn check_document(doc: &Document) {
    assert!(doc.text.is_char_boundary(doc.text.len()));
    let sentences = factdiff::segment::sentences(&doc.text);
    for s in &sentences {
        assert!(doc.text.is_char_boundary(s.span.start), "sentence start");
        assert!(doc.text.is_char_boundary(s.span.end), "sentence end");
        let _ = doc.raw_text(s.span);
        let _ = doc.line_col(s.span.start);
        let _ = doc.line_col_end(s.span.end);
    }
    // Every char boundary of the analysis text maps to a valid range of the file.
    for (i, _) in doc.text.char_indices().step_by(7) {
        let r = doc.raw_range(Span::new(i, doc.text.len()));
        assert!(
            r.start <= r.end && r.end <= doc.raw.len(),
            "raw range {r:?}"
        );
        assert!(doc.raw.get(r).is_some(), "raw range on char boundaries");
    }
}
