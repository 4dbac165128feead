//! The table report for people: sources, then findings grouped by kind with each
//! source's words side by side, then a one-line summary.

use comfy_table::{presets, Attribute, Cell, Color, ContentArrangement, Table};

use super::{sanitize, FindingView, Report};
use crate::vocab::{FindingKind, Severity};

/// How the table is drawn.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Colour the severities (a terminal that wants colour).
    pub color: bool,
    /// Total width in columns; `None` lets the table fit the terminal.
    pub width: Option<u16>,
}

fn new_table(style: Style) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(w) = style.width {
        t.set_width(w);
    }
    if !style.color {
        t.force_no_tty();
    } else {
        t.enforce_styling();
    }
    t
}

fn header(names: &[&str], style: Style) -> Vec<Cell> {
    names
        .iter()
        .map(|n| {
            let c = Cell::new(n);
            if style.color {
                c.add_attribute(Attribute::Bold)
            } else {
                c
            }
        })
        .collect()
}

fn severity_cell(sev: Severity, style: Style) -> Cell {
    let c = Cell::new(sev.as_str());
    if !style.color {
        return c;
    }
    match sev {
        Severity::Error => c.fg(Color::Red).add_attribute(Attribute::Bold),
        Severity::Warning => c.fg(Color::Yellow),
        Severity::Info => c.fg(Color::Cyan),
    }
}

fn sources_table(r: &Report, style: Style) -> Table {
    let stories = r.summary.stories > 0;
    let mut t = new_table(style);
    let mut head = vec!["source", "path", "outlet / title"];
    if stories {
        head.insert(0, "story");
    }
    t.set_header(header(&head, style));
    for s in &r.sources {
        let about = [
            s.meta.outlet.as_deref(),
            s.meta.title.as_deref(),
            s.meta.date.as_deref(),
        ]
        .iter()
        .flatten()
        .copied()
        .collect::<Vec<_>>()
        .join(" · ");
        let mut row = vec![
            Cell::new(sanitize(&s.id)),
            Cell::new(sanitize(&s.path)),
            Cell::new(sanitize(&about)),
        ];
        if stories {
            row.insert(
                0,
                Cell::new(sanitize(s.meta.story.as_deref().unwrap_or(""))),
            );
        }
        t.add_row(row);
    }
    t
}

/// "source: text (line:col)" for each piece of evidence `f` cites, one a line.
fn cited(f: &FindingView) -> String {
    f.evidence
        .iter()
        .map(|e| {
            format!(
                "{}: {} ({}:{})",
                e.source,
                sanitize(&e.text),
                e.line,
                e.column
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Ids longer than this are cut in messages (the evidence column names them whole).
const SHORT_ID: usize = 8;

/// The table's short label of each long source id: its shortest prefix of at least
/// [`SHORT_ID`] characters that no other source's id starts with, then "…". Found on
/// the sorted ids (a prefix shared with any id is shared with a neighbour), so the cost
/// is a sort, not a comparison of every pair of sources.
fn short_labels(r: &Report) -> std::collections::HashMap<&str, String> {
    let mut ids: Vec<&str> = r.sources.iter().map(|s| s.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let common = |a: &str, b: &str| a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let mut out = std::collections::HashMap::new();
    for (i, id) in ids.iter().enumerate() {
        let shared = [i.checked_sub(1), Some(i + 1)]
            .into_iter()
            .flatten()
            .filter_map(|j| ids.get(j))
            .map(|o| common(id, o))
            .max()
            .unwrap_or(0);
        let keep = SHORT_ID.max(shared + 1);
        if id.chars().count() > keep + 2 {
            out.insert(
                *id,
                format!("{}…", id.chars().take(keep).collect::<String>()),
            );
        }
    }
    out
}

/// `message` with the long ids of the sources `f` cites replaced by their short labels.
fn shorten_ids(
    message: &str,
    f: &FindingView,
    short: &std::collections::HashMap<&str, String>,
) -> String {
    let mut cited: Vec<&str> = f.evidence.iter().map(|e| e.source.as_str()).collect();
    cited.sort_unstable_by_key(|id| std::cmp::Reverse(id.len()));
    cited.dedup();
    let mut m = message.to_string();
    for id in cited {
        if let Some(s) = short.get(id) {
            m = m.replace(id, s);
        }
    }
    m
}

/// One layout for every finding, whatever the number of sources: severity; subject,
/// rule and message (which carries a quote's word diff); then each cited source's
/// words with their line:column. A layout with a column per source read well for two
/// or three sources but had to switch for more, so stories of different sizes looked
/// different, and it had no room for the message.
fn findings_table(r: &Report, kind: FindingKind, style: Style) -> Option<Table> {
    let rows: Vec<&FindingView> = r.findings.iter().filter(|f| f.kind == kind).collect();
    if rows.is_empty() {
        return None;
    }
    let short = short_labels(r);
    let stories = r.summary.stories > 0;
    let mut t = new_table(style);
    let mut head = vec!["severity", "subject (rule): message", "evidence"];
    if stories {
        head.insert(0, "story");
    }
    t.set_header(header(&head, style));
    for f in rows {
        let rule = match f.class {
            // The class of a spelling finding beside its rule: "(spelling-variant: style)".
            Some(c) => format!("{}: {c}", f.rule),
            None => f.rule.clone(),
        };
        let about = format!(
            "{} ({rule})\n{}",
            sanitize(&f.subject),
            sanitize(&shorten_ids(&f.message, f, &short))
        );
        let mut row = vec![severity_cell(f.severity, style), Cell::new(about)];
        if stories {
            row.insert(0, Cell::new(sanitize(f.story.as_deref().unwrap_or(""))));
        }
        row.push(Cell::new(cited(f)));
        t.add_row(row);
    }
    Some(t)
}

/// The whole table report, ending with a newline. `brief` leaves out the sources.
pub fn render(r: &Report, style: Style, brief: bool) -> String {
    let r = &r.sanitized();
    let mut out = String::new();
    if !brief {
        out.push_str("Sources\n");
        out.push_str(&sources_table(r, style).to_string());
        out.push('\n');
    }
    let mut any = false;
    for &kind in FindingKind::ALL {
        if let Some(t) = findings_table(r, kind, style) {
            any = true;
            // A blank line between sections, never before the first (`-q` starts here).
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&format!("Findings: {kind}\n"));
            out.push_str(&t.to_string());
            out.push('\n');
        }
    }
    if !any {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str("No disagreements found between the sources.\n");
    }
    out.push('\n');
    out.push_str(&r.summary.line());
    out.push('\n');
    out
}

/// The entities table of `factdiff names`: canonical name, kind, forms per source.
pub fn render_entities(r: &Report, style: Style) -> String {
    let r = &r.sanitized();
    let mut t = new_table(style);
    t.set_header(header(
        &["id", "canonical", "kind", "forms (source: form ×count)"],
        style,
    ));
    for e in &r.entities {
        let mut forms: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
        for m in &e.mentions {
            *forms
                .entry((m.source.as_str(), m.text.as_str()))
                .or_default() += 1;
        }
        let forms = forms
            .iter()
            .map(|((s, f), n)| format!("{s}: {} ×{n}", sanitize(f)))
            .collect::<Vec<_>>()
            .join("\n");
        t.add_row(vec![
            Cell::new(&e.id),
            Cell::new(sanitize(&e.canonical)),
            Cell::new(e.kind.as_str()),
            Cell::new(forms),
        ]);
    }
    format!("{t}\n{} entities\n", r.entities.len())
}

/// The attributes table of `factdiff names`: each entity's (and the event's) facts,
/// per source, in entity order.
pub fn render_attributes(r: &Report, style: Style) -> String {
    let attrs = r.attributes.as_deref().unwrap_or(&[]);
    if attrs.is_empty() {
        return String::new();
    }
    let name: std::collections::BTreeMap<&str, (usize, &str)> = r
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), (i, e.canonical.as_str())))
        .collect();
    let mut rows: Vec<(usize, &str, &str, &crate::report::AttributeView)> = attrs
        .iter()
        .map(|a| {
            let (order, who) = a
                .entity
                .as_deref()
                .and_then(|e| name.get(e).copied())
                .unwrap_or((usize::MAX, "(the event)"));
            (order, who, a.source.as_str(), a)
        })
        .collect();
    rows.sort_by_key(|(o, _, s, a)| (*o, *s, a.slot, a.slot_name(), a.line, a.column));
    let mut t = new_table(style);
    t.set_header(header(
        &["entity", "source", "slot", "as written", "compared as"],
        style,
    ));
    for (_, who, source, a) in &rows {
        let key = if a.past {
            format!("{} (past)", a.key)
        } else {
            a.key.clone()
        };
        t.add_row(vec![
            Cell::new(sanitize(who)),
            Cell::new(sanitize(source)),
            Cell::new(a.slot_name()),
            Cell::new(sanitize(&a.text)),
            Cell::new(sanitize(&key)),
        ]);
    }
    format!("{t}\n{} attributes\n", attrs.len())
}

/// The claims table of `factdiff claims`.
pub fn render_claims(r: &Report, style: Style) -> String {
    let r = &r.sanitized();
    let claims = r.claims.as_deref().unwrap_or(&[]);
    let mut t = new_table(style);
    t.set_header(header(
        &[
            "source",
            "line:col",
            "text",
            "type",
            "low",
            "high",
            "qualifier",
            "unit",
            "subject",
            "slot",
            "canonical",
            "as of",
        ],
        style,
    ));
    let num = |v: Option<f64>| v.map_or("–".to_string(), |x| format!("{x}"));
    // "75–80 min", "19": the canonical interval, one number when it is a point.
    let canonical = |f: &super::FactView| {
        let (lo, hi) = (f.value.low, f.value.high);
        if lo.is_none() && hi.is_none() {
            return String::new();
        }
        let v = if lo == hi {
            num(lo)
        } else {
            format!("{}–{}", num(lo), num(hi))
        };
        match &f.unit {
            Some(u) => format!("{v} {u}"),
            None => v,
        }
    };
    let as_of = |f: &super::FactView| {
        const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        let a = &f.as_of;
        let mut parts: Vec<String> = Vec::new();
        if let Some(d) = &a.source_date {
            parts.push(d.clone());
        }
        if let Some(w) = a.weekday.and_then(|w| DAYS.get(usize::from(w))) {
            parts.push((*w).to_string());
        }
        if let Some(r) = a.revision {
            parts.push(match r {
                crate::claims::Revision::Initial => "initial".into(),
                crate::claims::Revision::Current => "revised".into(),
            });
        }
        parts.join(" ")
    };
    for c in claims {
        let kind = serde_json::to_value(c.kind)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        let qual = serde_json::to_value(c.qualifier)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        t.add_row(vec![
            Cell::new(&c.source),
            Cell::new(format!("{}:{}", c.line, c.column)),
            Cell::new(sanitize(&c.text)),
            Cell::new(kind),
            Cell::new(if c.vague {
                "vague".into()
            } else {
                num(c.value.low)
            }),
            Cell::new(if c.vague {
                String::new()
            } else {
                num(c.value.high)
            }),
            Cell::new(qual),
            Cell::new(c.unit.as_deref().unwrap_or("")),
            Cell::new(sanitize(c.subject.as_deref().unwrap_or(""))),
            Cell::new(c.fact.slot.as_str()),
            Cell::new(canonical(&c.fact)),
            Cell::new(as_of(&c.fact)),
        ]);
    }
    format!("{t}\n{} claims\n", claims.len())
}

/// The rules table of `factdiff rules list`.
pub fn render_rules(set: &crate::rules::RuleSet, style: Style) -> String {
    let mut t = new_table(style);
    t.set_header(header(
        &["id", "kind", "severity", "enabled", "origin", "description"],
        style,
    ));
    for r in set.rules() {
        t.add_row(vec![
            Cell::new(&r.id),
            Cell::new(r.body.kind().as_str()),
            Cell::new(r.severity.as_str()),
            Cell::new(if r.enabled { "yes" } else { "no" }),
            Cell::new(sanitize(&r.origin.to_string())),
            Cell::new(sanitize(r.description.trim())),
        ]);
    }
    let a = &set.aliases;
    let mut book = new_table(style);
    book.set_header(header(&["prefer", "instead of", "origin"], style));
    for (entry, origin) in a.entries.iter().zip(&a.origins) {
        book.add_row(vec![
            Cell::new(sanitize(&entry.prefer)),
            Cell::new(sanitize(&entry.variants.join(", "))),
            Cell::new(sanitize(origin)),
        ]);
    }
    format!(
        "{t}\n{} rules\n\nStyle book\n{book}\n{} entries\n",
        set.rules().len(),
        a.entries.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(ids: &[&str]) -> Report {
        Report {
            version: 1,
            sources: ids
                .iter()
                .map(|id| super::super::SourceView {
                    id: id.to_string(),
                    path: format!("{id}.txt"),
                    meta: Default::default(),
                })
                .collect(),
            entities: Vec::new(),
            findings: Vec::new(),
            claims: None,
            attributes: None,
            summary: Default::default(),
            shard: None,
        }
    }

    #[test]
    fn long_ids_are_cut_to_a_prefix_no_other_source_shares() {
        let r = report(&[
            "short",
            "desk_report_0001_tail",
            "desk_report_0002_tail",
            "abcdefghijklmn",
            "abcdefghij",
        ]);
        let s = short_labels(&r);
        assert_eq!(s.get("short"), None);
        assert_eq!(s.get("abcdefghij"), None, "no shorter for being cut");
        assert_eq!(s["abcdefghijklmn"], "abcdefghijk…");
        // "desk_rep…" would name both: each label runs to where they differ.
        assert_eq!(s["desk_report_0001_tail"], "desk_report_0001…");
        assert_eq!(s["desk_report_0002_tail"], "desk_report_0002…");
    }
}
