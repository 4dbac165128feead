//! The findings: the filter form, then one section per kind with a card per finding,
//! each quoting every cited source's sentence side by side.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::entities::is_variant;
use super::sources::{anchor_id, Places};
use super::strip::strip;
use super::text::{esc, fold, head, tail, value_text};
use super::{source_index, Report};
use crate::report::FindingView;
use crate::vocab::{FindingKind, Severity};
use crate::Analysis;

/// Characters of sentence kept on each side of a cited span in a card.
const CONTEXT_CHARS: usize = 240;

/// The anchor id of the card of finding `fi`.
pub(super) fn card_id(fi: usize) -> String {
    format!("f{}", fi + 1)
}

/// The findings section: the filter form, then one section per kind, errors first.
pub(super) fn findings(out: &mut String, a: &Analysis, r: &Report, p: &Places) {
    out.push_str("<section id=\"findings\">\n<h2>Findings</h2>\n");
    if r.findings.is_empty() {
        out.push_str(
            "<p class=\"empty\">No disagreements found between the sources.</p>\n</section>\n",
        );
        return;
    }
    // Filters: hidden until the script shows them, so the page reads the same without it.
    out.push_str("<form id=\"filters\" hidden><fieldset><legend>Kind</legend>");
    for &k in FindingKind::ALL {
        if r.findings.iter().any(|f| f.kind == k) {
            let _ = write!(
                out,
                "<label><input type=\"checkbox\" name=\"kind\" value=\"{k}\" checked> {k}</label>"
            );
        }
    }
    out.push_str("</fieldset><fieldset><legend>Severity</legend>");
    for s in Severity::ALL {
        let _ = write!(
            out,
            "<label><input type=\"checkbox\" name=\"severity\" value=\"{s}\" checked> {s}</label>"
        );
    }
    out.push_str("</fieldset><fieldset><legend>Source</legend><select name=\"source\"><option value=\"\">all sources</option>");
    for (i, s) in r.sources.iter().enumerate() {
        let _ = write!(out, "<option value=\"{i}\">{}</option>", esc(&s.id));
    }
    out.push_str("</select></fieldset><button type=\"reset\">Show all</button><span id=\"shown\"></span></form>\n");
    out.push_str("<p class=\"legend\">Each card quotes every source's sentence; <mark>marked</mark> words are the disputed span (<mark class=\"canon\">green</mark>: the canonical form). The position links jump to the place in the full text below.</p>\n");
    let idx = source_index(r);
    for &kind in FindingKind::ALL {
        let mut rows: Vec<(usize, &FindingView)> = r
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind == kind)
            .collect();
        if rows.is_empty() {
            continue;
        }
        rows.sort_by_key(|(_, f)| Severity::ALL.iter().position(|s| *s == f.severity));
        let _ = writeln!(
            out,
            "<section class=\"kind\" id=\"kind-{kind}\">\n<h2>{} <small>({})</small></h2>",
            kind_title(kind),
            rows.len()
        );
        for (fi, f) in rows {
            card(out, a, r, p, &idx, fi, f);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</section>\n");
}

/// A quote finding's message with its word diff (`[-gone-]`, `{+added+}`, as the
/// comparison writes it for plain-text formats) shown as struck and inserted text.
/// Everything else is escaped as usual; an unclosed marker is left as written.
fn word_diff(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len() + 32);
    let mut rest = msg;
    loop {
        let next = [("[-", "-]", "del"), ("{+", "+}", "ins")]
            .into_iter()
            .filter_map(|(open, close, tag)| {
                let at = rest.find(open)?;
                let end = rest[at + open.len()..].find(close)? + at + open.len();
                Some((at, end, open.len(), close.len(), tag))
            })
            .min_by_key(|m| m.0);
        let Some((at, end, open, close, tag)) = next else {
            out.push_str(&esc(rest));
            return out;
        };
        out.push_str(&esc(&rest[..at]));
        let _ = write!(out, "<{tag}>{}</{tag}>", esc(&rest[at + open..end]));
        rest = &rest[end + close..];
    }
}

/// The heading of a kind's section.
fn kind_title(kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::Spelling => "Spelling: one name, several forms",
        FindingKind::Numeric => "Numbers that do not match",
        FindingKind::Attribute => "Facts that differ",
        FindingKind::Quote => "Quotes that differ",
    }
}

/// One finding's card: its message, the number strip of a numeric finding, and each
/// cited source's sentence with the disputed span marked and a link to its place.
fn card(
    out: &mut String,
    a: &Analysis,
    r: &Report,
    p: &Places,
    idx: &BTreeMap<&str, usize>,
    fi: usize,
    f: &FindingView,
) {
    // Each cited source with its pieces of evidence, in order: one pass, so a finding
    // citing N sources costs N, not N × N (every source scanning all the evidence).
    let mut cited: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (ei, e) in f.evidence.iter().enumerate() {
        if let Some(&i) = idx.get(e.source.as_str()) {
            cited.entry(i).or_default().push(ei);
        }
    }
    let data_sources = cited
        .keys()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(" ");
    let _ = write!(
        out,
        "<article class=\"card sev-{sev}\" id=\"{id}\" data-kind=\"{kind}\" data-severity=\"{sev}\" data-sources=\"{data_sources}\">\n\
<header><span class=\"sev\">{sev}</span>{label}<h3>{subject}</h3><code class=\"fid\">{fid}</code></header>\n<p class=\"msg\">{msg}</p>\n",
        sev = f.severity,
        label = f
            .class
            .map(|c| format!("<span class=\"class\">{c}</span>"))
            .unwrap_or_default(),
        id = card_id(fi),
        kind = f.kind,
        subject = esc(&f.subject),
        fid = esc(&f.id),
        msg = if f.kind == FindingKind::Quote {
            word_diff(&f.message)
        } else {
            esc(&f.message)
        },
    );
    if f.kind == FindingKind::Numeric {
        if let Some(svg) = strip(f) {
            out.push_str(&svg);
        }
    }
    // The canonical form, for spelling findings: shown green.
    let canon = (f.kind == FindingKind::Spelling).then_some(&f.subject);
    out.push_str("<div class=\"evidence\">\n");
    for (&si, pieces) in &cited {
        let src = &r.sources[si];
        let _ = write!(out, "<div class=\"col\"><h4>{}</h4>", esc(&src.id));
        for &ei in pieces {
            let e = &f.evidence[ei];
            let place = p
                .evidence
                .get(fi)
                .and_then(|row| row.get(ei))
                .cloned()
                .flatten();
            // The canonical form, or a short form of it ("Okafor" for "Ada Okafor"), is
            // not the misspelling: only a variant is marked as one.
            let class = if canon.is_some_and(|c| *c == e.text || !is_variant(&e.text, c)) {
                " class=\"canon\""
            } else {
                ""
            };
            let (before, mid, after) = match &place {
                Some((d, span, sentence))
                    if sentence.start <= span.start && span.end <= sentence.end =>
                {
                    let raw = &a.docs[*d].raw;
                    (
                        fold(&raw[sentence.start..span.start]),
                        fold(&raw[span.clone()]),
                        fold(&raw[span.end..sentence.end]),
                    )
                }
                _ => match e.context.find(&e.text) {
                    Some(k) if !e.text.is_empty() => (
                        e.context[..k].to_string(),
                        e.text.clone(),
                        e.context[k + e.text.len()..].to_string(),
                    ),
                    _ => (format!("{} ", e.context), e.text.clone(), String::new()),
                },
            };
            let before = tail(before.trim_start(), CONTEXT_CHARS);
            let after = head(after.trim_end(), CONTEXT_CHARS);
            let _ = write!(
                out,
                "<div class=\"ev\"><p class=\"ctx\">{}<mark{class}>{}</mark>{}</p><div class=\"meta\">",
                esc(&before),
                esc(&mid),
                esc(&after)
            );
            let pos = format!("line {}:{}", e.line, e.column);
            match &place {
                Some((d, span, _)) => {
                    let _ = write!(
                        out,
                        "<a class=\"jump\" href=\"#{}\">{pos}</a>",
                        anchor_id(*d, span.start, span.end)
                    );
                }
                None => out.push_str(&pos),
            }
            // A value with no bound (a time of day, read as a clock time rather than a
            // number) is shown by the marked words themselves, never as "unknown".
            if let Some(v) = e
                .value
                .as_ref()
                .filter(|v| v.low.is_some() || v.high.is_some())
            {
                let _ = write!(out, " · value {}", esc(&value_text(v)));
            }
            out.push_str("</div></div>\n");
        }
        out.push_str("</div>\n");
    }
    out.push_str("</div>\n</article>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_word_diffs_become_struck_and_inserted_text() {
        assert_eq!(
            word_diff("said \"we [-will-] {+would+} win\" <b>"),
            "said &quot;we <del>will</del> <ins>would</ins> win&quot; &lt;b&gt;"
        );
        assert_eq!(word_diff("x [-<i>-] y"), "x <del>&lt;i&gt;</del> y");
        assert_eq!(word_diff("unclosed [-x and {+y"), "unclosed [-x and {+y");
    }
}
