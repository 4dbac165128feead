//! The table report for people: sources, then findings grouped by kind with each
//! source's words side by side, then a one-line summary.

use comfy_table::{presets, Attribute, Cell, Color, ContentArrangement, Table};

use super::{sanitize, FindingView, Report};
use crate::vocab::{FindingKind, Severity};

/// How the table is drawn.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    /// Total width in columns; `None` lets the table fit the terminal.
    pub width: Option<u16>,
}

/// With more sources than this, evidence goes in one column instead of one per source.
const MAX_SOURCE_COLUMNS: usize = 4;

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

/// "text (line:col)" for each piece of evidence `f` cites in `source`.
fn cited(f: &FindingView, source: Option<&str>) -> String {
    f.evidence
        .iter()
        .filter(|e| source.is_none_or(|s| s == e.source))
        .map(|e| {
            let prefix = if source.is_none() {
                format!("{}: ", e.source)
            } else {
                String::new()
            };
            format!("{prefix}{} ({}:{})", sanitize(&e.text), e.line, e.column)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn findings_table(r: &Report, kind: FindingKind, style: Style) -> Option<Table> {
    let rows: Vec<&FindingView> = r.findings.iter().filter(|f| f.kind == kind).collect();
    if rows.is_empty() {
        return None;
    }
    // Only the sources this kind of finding cites get a column. The cited ids are
    // gathered once: asking every source whether any evidence cites it was N × N.
    let cited_ids: std::collections::HashSet<&str> = rows
        .iter()
        .flat_map(|f| f.evidence.iter().map(|e| e.source.as_str()))
        .collect();
    let mut cols: Vec<&str> = r
        .sources
        .iter()
        .map(|s| s.id.as_str())
        .filter(|id| cited_ids.contains(id))
        .collect();
    let per_source = cols.len() <= MAX_SOURCE_COLUMNS;
    if !per_source {
        cols = vec!["evidence"];
    }
    let stories = r.summary.stories > 0;
    let mut t = new_table(style);
    let mut head = vec![
        "severity",
        if per_source {
            "subject (rule)"
        } else {
            "subject / message"
        },
    ];
    head.extend(cols.iter());
    if stories {
        head.insert(0, "story");
    }
    t.set_header(header(&head, style));
    for f in rows {
        // With a column per source the values speak for themselves and the message
        // would repeat them, so it is shown only in the one-column layout.
        let about = if per_source {
            match f.class {
                // The class of a spelling finding beside its rule: "(spelling-variant: style)".
                Some(c) => format!("{}\n({}: {c})", sanitize(&f.subject), f.rule),
                None => format!("{}\n({})", sanitize(&f.subject), f.rule),
            }
        } else {
            format!("{}\n{}", sanitize(&f.subject), sanitize(&f.message))
        };
        let mut row = vec![severity_cell(f.severity, style), Cell::new(about)];
        if stories {
            row.insert(0, Cell::new(sanitize(f.story.as_deref().unwrap_or(""))));
        }
        for c in &cols {
            row.push(Cell::new(cited(f, per_source.then_some(*c))));
        }
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
    rows.sort_by_key(|(o, _, s, a)| (*o, *s, a.slot, a.line, a.column));
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
            Cell::new(a.slot.as_str()),
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
    format!("{t}\n{} rules\n", set.rules().len())
}
