//! The top of the page: its title, the counts and the table of sources.

use std::fmt::Write as _;

use super::text::{esc, safe_url};
use super::Report;

/// The page's title: the first story name or title a source gives, else the count.
pub(super) fn page_title(r: &Report) -> String {
    let story = r
        .sources
        .iter()
        .find_map(|s| s.meta.story.as_deref().or(s.meta.title.as_deref()));
    match story {
        Some(s) => format!("factdiff: {}", s.trim()),
        None => format!("factdiff: {} sources compared", r.sources.len()),
    }
}

/// The page's header: its title, the counts as chips and the table of sources (a
/// metadata column only when some source has that field).
pub(super) fn header(out: &mut String, r: &Report, title: &str) {
    let s = &r.summary;
    let _ = write!(
        out,
        "<header id=\"top\">\n<h1>{}</h1>\n<nav class=\"toc\"><a href=\"#findings\">Findings</a><a href=\"#entities\">Entity index</a><a href=\"#sources\">Source texts</a></nav>\n<div class=\"summary\">",
        esc(title)
    );
    // The counts once, as chips (the plain summary line would repeat them); stories,
    // suppressed and baselined findings only when there are any.
    let stats: [(&str, usize, &str); 10] = [
        ("", s.stories, "stories"),
        ("", s.sources, "sources"),
        ("", s.entities, "entities"),
        ("", s.claims, "claims"),
        ("", s.findings, "findings"),
        ("err", s.errors, "errors"),
        ("warn", s.warnings, "warnings"),
        ("info", s.infos, "info"),
        ("", s.suppressed, "suppressed"),
        ("", s.baselined, "in the baseline"),
    ];
    for (class, n, label) in stats {
        if n == 0 && matches!(label, "stories" | "suppressed" | "in the baseline") {
            continue;
        }
        let _ = write!(out, "<span class=\"stat {class}\"><b>{n}</b>{label}</span>");
    }
    out.push_str("</div>\n<h2 id=\"sources-table\">Sources</h2>\n");
    // Metadata columns only when some source has that field.
    type Field = fn(&crate::load::Meta) -> Option<&String>;
    let fields: [(&str, Field); 4] = [
        ("outlet", |m| m.outlet.as_ref()),
        ("title", |m| m.title.as_ref()),
        ("date", |m| m.date.as_ref()),
        ("URL", |m| m.url.as_ref()),
    ];
    let shown: Vec<(&str, Field)> = fields
        .into_iter()
        .filter(|(_, get)| r.sources.iter().any(|s| get(&s.meta).is_some()))
        .collect();
    out.push_str("<div class=\"scroll\"><table class=\"sources\">\n<thead><tr><th>source</th>");
    for (name, _) in &shown {
        let _ = write!(out, "<th>{name}</th>");
    }
    out.push_str("<th>path</th></tr></thead>\n<tbody>\n");
    for (i, src) in r.sources.iter().enumerate() {
        let _ = write!(
            out,
            "<tr><td><a href=\"#src-{n}\">{}</a></td>",
            esc(&src.id),
            n = i + 1
        );
        for (name, get) in &shown {
            let cell = match (get(&src.meta).map(String::as_str), *name) {
                (Some(u), "URL") => match safe_url(u) {
                    Some(ok) => format!(
                        "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
                        esc(ok),
                        esc(ok)
                    ),
                    None => esc(u),
                },
                (Some(v), _) => esc(v),
                (None, _) => String::new(),
            };
            let _ = write!(out, "<td>{cell}</td>");
        }
        let _ = writeln!(out, "<td><code>{}</code></td></tr>", esc(&src.path));
    }
    out.push_str("</tbody></table></div>\n</header>\n");
}
