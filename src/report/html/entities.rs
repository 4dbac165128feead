//! The entity index: every entity with the forms each source uses and the facts it
//! states about it, entities spelled differently first.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::text::{esc, fold};
use super::{source_index, Report};
use crate::Analysis;

/// The entity index: one row per entity, with the forms (and facts) of each source, or
/// of all sources in one cell when there are more than six.
pub(super) fn entities(out: &mut String, a: &Analysis, r: &Report) {
    let per_source = r.sources.len() <= 6;
    let idx = source_index(r);
    // entity id → source index → the attributes it states ("title: Acting Chief").
    let mut facts: BTreeMap<String, BTreeMap<usize, Vec<String>>> = BTreeMap::new();
    for t in crate::report::attribute_views(a) {
        if let Some(e) = t.entity.clone() {
            let s = idx.get(t.source.as_str()).copied().unwrap_or(0);
            let past = if t.past { " (past)" } else { "" };
            let fact = format!("{}: {}{past}", t.slot_name(), fold(&t.text));
            let list = facts.entry(e).or_default().entry(s).or_default();
            if !list.contains(&fact) {
                list.push(fact);
            }
        }
    }
    let _ = write!(
        out,
        "<section id=\"entities\">\n<h2>Entity index <small>({})</small></h2>\n<p class=\"legend\">Every person, place and organisation, with the forms each source uses; <mark>marked</mark> forms spell it differently from the canonical name (short forms such as a surname alone are not marked). People named with a role or quoted, and organisations and places named in more than one source, come first; within them, entities with such variants.</p>\n<div class=\"scroll\"><table class=\"entities\">\n<thead><tr><th>entity</th>",
        r.entities.len()
    );
    if per_source {
        for s in &r.sources {
            let _ = write!(out, "<th>{}</th>", esc(&s.id));
        }
    } else {
        out.push_str("<th>forms (source: form ×count)</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let matters = crate::report::entities_that_matter(a);
    let mut rows: Vec<_> = r
        .entities
        .iter()
        .zip(&matters)
        .map(|(e, &matters)| {
            // source index → form → count
            let mut forms: BTreeMap<usize, BTreeMap<&str, usize>> = BTreeMap::new();
            for m in &e.mentions {
                let s = idx.get(m.source.as_str()).copied().unwrap_or(0);
                *forms
                    .entry(s)
                    .or_default()
                    .entry(m.text.as_str())
                    .or_default() += 1;
            }
            let variants = forms
                .values()
                .flat_map(|f| f.keys())
                .any(|f| is_variant(f, &e.canonical));
            (matters, variants, e, forms)
        })
        .collect();
    // The story's cast first (see `entities_that_matter`), spelled differently first
    // within each part.
    rows.sort_by_key(|(matters, variants, _, _)| (!matters, !variants));
    for (_, variants, e, forms) in rows {
        let _ = write!(
            out,
            "<tr{}><td>{} <span class=\"kindtag\">{}</span></td>",
            if variants { " class=\"variants\"" } else { "" },
            esc(&e.canonical),
            esc(e.kind.as_str())
        );
        let form = |f: &str, n: usize| {
            let text = if !is_variant(f, &e.canonical) {
                esc(&fold(f))
            } else {
                format!("<mark>{}</mark>", esc(&fold(f)))
            };
            if n > 1 {
                format!("<span>{text} ×{n}</span>")
            } else {
                format!("<span>{text}</span>")
            }
        };
        let facts_of = |i: usize| -> String {
            facts
                .get(&e.id)
                .and_then(|m| m.get(&i))
                .map(|list| {
                    list.iter()
                        .map(|f| format!("<span class=\"fact\">{}</span>", esc(f)))
                        .collect()
                })
                .unwrap_or_default()
        };
        if per_source {
            for i in 0..r.sources.len() {
                out.push_str("<td class=\"forms\">");
                if let Some(fs) = forms.get(&i) {
                    for (f, n) in fs {
                        out.push_str(&form(f, *n));
                    }
                }
                out.push_str(&facts_of(i));
                out.push_str("</td>");
            }
        } else {
            out.push_str("<td class=\"forms\">");
            for (i, fs) in &forms {
                for (f, n) in fs {
                    let _ = write!(
                        out,
                        "<span class=\"sid\">{}:</span> {}",
                        esc(&r.sources[*i].id),
                        form(f, *n)
                    );
                }
                out.push_str(&facts_of(*i));
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n</section>\n");
}

/// A form that spells the name differently: not the canonical name, and not made only
/// of the canonical name's words ("Kowalska" for "Anna Kowalska" is a short form).
pub(super) fn is_variant(form: &str, canonical: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let canon = words(canonical);
    let form = words(form);
    !form.is_empty() && !form.iter().all(|w| canon.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms_are_not_variants() {
        assert!(!is_variant("Rekawek", "Kacper Rekawek"));
        assert!(!is_variant(
            "Eurasian Union of\nYouth",
            "Eurasian Union of Youth"
        ));
        assert!(is_variant("Rekauek", "Kacper Rekawek"));
        assert!(is_variant("Kiev", "Kyiv"));
    }
}
