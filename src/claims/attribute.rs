//! Attributes: facts a source attaches to a named person — the organisation they work
//! for ("X, a fellow at the Center for … at the University of …"), the title before
//! the name (from mention detection), and their age ("X, 23," / "a 23-year-old X").

use crate::mentions::{EntityKind, Mention};
use crate::rules::AttributeKind;
use crate::span::Span;

/// One fact attached to a mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    /// Index of the mention it is attached to.
    pub mention: usize,
    pub kind: AttributeKind,
    /// The value as written (an organisation name, a title, an age).
    pub value: String,
    /// Where the value stands in the analysis text.
    pub span: Span,
}

/// Words that may stand inside an organisation name between capitalised words.
const ORG_CONNECTORS: &[&str] = &["of", "for", "the", "on", "and", "de", "du", "des", "&"];
/// Prepositions that tie a role to an organisation in an appositive.
const ROLE_PREPOSITIONS: &[&str] = &["at", "of", "with", "for", "from", "in"];
/// Longest appositive read after a name, in bytes.
const MAX_APPOSITIVE: usize = 240;

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Words of `s` with their byte offsets.
fn words(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let part = c.is_alphanumeric() || matches!(c, '\'' | '-' | '.' | '&');
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push((st, &s[st..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

/// Capitalised runs (with inner connectors) in an appositive: the organisations.
fn organisations(app: &str, base: usize) -> Vec<(String, Span)> {
    let ws = words(app);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if !is_cap(ws[i].1) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut last = i;
        while j < ws.len() {
            let gap = &app[ws[j - 1].0 + ws[j - 1].1.len()..ws[j].0];
            // Punctuation between words, or a possessive, ends the name.
            if gap.trim() != "" || ws[j - 1].1.ends_with("'s") {
                break;
            }
            if is_cap(ws[j].1) {
                last = j;
            } else if !ORG_CONNECTORS.contains(&ws[j].1) {
                break;
            }
            j += 1;
        }
        let start = ws[i].0;
        let mut end = ws[last].0 + ws[last].1.len();
        let mut name = &app[start..end];
        for suffix in ["'s", "."] {
            if let Some(n) = name.strip_suffix(suffix) {
                name = n;
                end -= suffix.len();
            }
        }
        // A lone capitalised word is too weak to be an organisation.
        if last > i {
            out.push((name.to_string(), Span::new(base + start, base + end)));
        }
        i = last + 1;
    }
    out
}

/// The appositive after a name: ", a fellow at the Center for X at the University of Y"
/// up to the next clause end.
fn appositive(text: &str, after: usize, sentence_end: usize) -> Option<(usize, &str)> {
    let rest = text.get(after..sentence_end)?;
    let rest = rest.strip_prefix("'s").unwrap_or(rest);
    let body = rest.strip_prefix(", ")?;
    let start = after + (rest.len() - body.len());
    let mut end = body.len().min(MAX_APPOSITIVE);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    for stop in [",", ";", ")", " who ", " said", " told", "\"", ". "] {
        if let Some(k) = body[..end].find(stop) {
            end = k;
        }
    }
    let app = body[..end].trim_end_matches(['.', ' ']);
    Some((start, app))
}

/// Reads the attributes next to every person mention. `sentence_end(m)` gives the end
/// of the sentence holding mention `m`.
pub fn extract(
    text: &str,
    mentions: &[(usize, &Mention)],
    sentence_end: impl Fn(&Mention) -> usize,
) -> Vec<Attribute> {
    let mut out = Vec::new();
    for &(idx, m) in mentions {
        if m.kind != EntityKind::Person {
            continue;
        }
        if let Some(t) = m
            .title
            .filter(|t| t.start < t.end && !t.of(text).is_empty())
        {
            out.push(Attribute {
                mention: idx,
                kind: AttributeKind::Title,
                value: t.of(text).to_string(),
                span: t,
            });
        }
        let end = sentence_end(m);
        if let Some((start, app)) = appositive(text, m.span.end, end) {
            // Age: "X, 23," — the whole appositive is a small number.
            let t = app.trim();
            if !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit()) {
                let off = start + app.find(t).unwrap_or(0);
                out.push(Attribute {
                    mention: idx,
                    kind: AttributeKind::Age,
                    value: t.to_string(),
                    span: Span::new(off, off + t.len()),
                });
            } else {
                let ws = words(app);
                let role_then_org = ws
                    .iter()
                    .take(8)
                    .any(|(_, w)| ROLE_PREPOSITIONS.contains(w));
                let starts_like_role = ws
                    .first()
                    .is_some_and(|(_, w)| matches!(*w, "a" | "an" | "the") || !is_cap(w));
                if role_then_org && starts_like_role {
                    for (org, span) in organisations(app, start) {
                        out.push(Attribute {
                            mention: idx,
                            kind: AttributeKind::Affiliation,
                            value: org,
                            span,
                        });
                    }
                }
            }
        }
        // "a 23-year-old X"
        let before = &text[..m.span.start];
        if let Some(head) = before.strip_suffix("-year-old ") {
            let digits: String = head
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            if !digits.is_empty() && digits.len() <= 3 {
                let n = digits.len();
                let off = head.len() - n;
                out.push(Attribute {
                    mention: idx,
                    kind: AttributeKind::Age,
                    value: head[off..].to_string(),
                    span: Span::new(off, head.len()),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(text: &str, name: &str) -> Mention {
        let s = text.find(name).unwrap();
        Mention {
            doc: 0,
            sentence: 0,
            span: Span::new(s, s + name.len()),
            text: name.to_string(),
            kind: EntityKind::Person,
            title: None,
        }
    }

    fn attrs(text: &str, name: &str) -> Vec<(AttributeKind, String)> {
        let m = person(text, name);
        extract(text, &[(0, &m)], |_| text.len())
            .into_iter()
            .map(|a| {
                assert_eq!(a.span.of(text), a.value);
                (a.kind, a.value)
            })
            .collect()
    }

    #[test]
    fn affiliation_appositive_gives_every_organisation() {
        let t = "said Jan Kowal, a postdoctoral fellow at the Center for the Study of Things at the University of Bergen who has studied it.";
        assert_eq!(
            attrs(t, "Jan Kowal"),
            [
                (
                    AttributeKind::Affiliation,
                    "Center for the Study of Things".to_string()
                ),
                (
                    AttributeKind::Affiliation,
                    "University of Bergen".to_string()
                )
            ]
        );
    }

    #[test]
    fn possessive_organisation_is_cut() {
        let t = "said Ann Lee, a fellow at the Royal Example Institute's London-based think tank.";
        assert_eq!(
            attrs(t, "Ann Lee"),
            [(
                AttributeKind::Affiliation,
                "Royal Example Institute".to_string()
            )]
        );
    }

    #[test]
    fn ages_after_and_before_the_name() {
        assert_eq!(
            attrs("Tom Ray, 23, was hurt.", "Tom Ray"),
            [(AttributeKind::Age, "23".to_string())]
        );
        assert_eq!(
            attrs("A 23-year-old Tom Ray was hurt.", "Tom Ray"),
            [(AttributeKind::Age, "23".to_string())]
        );
    }

    #[test]
    fn a_following_clause_is_not_an_appositive() {
        assert!(attrs("Tom Ray, who lives in Oslo, said no.", "Tom Ray").is_empty());
        assert!(attrs("Tom Ray, Ann Lee and Bo Li came.", "Tom Ray").is_empty());
    }
}
