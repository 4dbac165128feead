//! One self-contained HTML page for editors: the sources, the findings as cards with
//! each source's sentence side by side, a number strip for numeric findings, an entity
//! index and every source in full with each cited span marked and linked.
//!
//! The page fetches nothing (inline CSS and a small inline filter script, allowed by a
//! Content-Security-Policy hash and nothing else), works without JavaScript, prints
//! cleanly, and is deterministic so that two reports diff line by line. Everything taken
//! from the sources is escaped; only `http`/`https` URLs become links; ids and anchors
//! are generated from numbers, never from source text.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::ops::Range;

use super::{FindingView, Report, ValueView};
use crate::vocab::{FindingKind, Severity};
use crate::Analysis;

const CSS: &str = include_str!("html/style.css");
const JS: &str = include_str!("html/filter.js");

/// Characters of sentence kept on each side of a cited span in a card.
const CONTEXT_CHARS: usize = 240;
/// Sources longer than this are shown as excerpts around their cited spans.
const FULL_SOURCE_BYTES: usize = 512 * 1024;
/// Bytes kept on each side of a cited span when a source is shown as excerpts.
const EXCERPT_BYTES: usize = 2048;

/// Escapes text for HTML text and double- or single-quoted attribute values. Terminal
/// and bidi controls and zero-width characters are shown as `\u{…}` (as in the table),
/// so a source cannot reorder or hide what the page shows.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' | '\r' => out.push(c),
            c if c.is_control()
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}'..='\u{200F}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}') =>
            {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// The URL when it is a plain http(s) URL that is safe to link, else `None`.
fn safe_url(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    let scheme_ok = lower.starts_with("http://") || lower.starts_with("https://");
    let clean = !u
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\\'));
    (scheme_ok && clean && u.len() > 8).then_some(u)
}

/// Whitespace runs folded to one space (ends kept, so parts can be joined).
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// The last `n` chars of `s`, with "…" when cut.
fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        return s.to_string();
    }
    let skip = s.char_indices().nth(count - n).map_or(0, |(i, _)| i);
    format!("…{}", &s[skip..])
}

/// The first `n` chars of `s`, with "…" when cut.
fn head(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// A number as people write it: `17,000`, `2.5`, `0.003`.
fn num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        let digits = format!("{}", x.abs() as u64);
        let mut out = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        if x < 0.0 {
            out.insert(0, '-');
        }
        out
    } else {
        let s = format!("{x:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn value_text(v: &ValueView) -> String {
    match (v.low, v.high) {
        (Some(l), Some(h)) if l == h => num(l),
        (Some(l), Some(h)) => format!("{}–{}", num(l), num(h)),
        (Some(l), None) => format!("≥ {}", num(l)),
        (None, Some(h)) => format!("≤ {}", num(h)),
        (None, None) => "unknown".into(),
    }
}

/// A cited place in one source's file: its byte range and the cards citing it.
#[derive(Debug, Clone)]
struct Cite {
    range: Range<usize>,
    anchor: String,
    cards: BTreeSet<usize>,
}

/// A piece of evidence in its file: (doc, raw range of the span, of the sentence).
type Place = (usize, Range<usize>, Range<usize>);

/// Where each piece of evidence sits in its file, resolved once.
struct Places {
    /// `[finding][evidence]` → its place, when the document exists.
    evidence: Vec<Vec<Option<Place>>>,
    /// Per document, the distinct cited ranges in order.
    cites: Vec<Vec<Cite>>,
}

/// Clamps a range to `text` and to char boundaries.
fn clamp(text: &str, r: Range<usize>) -> Range<usize> {
    let mut s = r.start.min(text.len());
    let mut e = r.end.min(text.len()).max(s);
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    while !text.is_char_boundary(e) {
        e += 1;
    }
    s..e
}

fn places(a: &Analysis, r: &Report) -> Places {
    let mut by_range: Vec<BTreeMap<(usize, usize), BTreeSet<usize>>> =
        vec![BTreeMap::new(); a.docs.len()];
    let mut evidence = Vec::with_capacity(r.findings.len());
    for (fi, _) in r.findings.iter().enumerate() {
        let Some(f) = a.findings.get(fi) else {
            evidence.push(Vec::new());
            continue;
        };
        let mut row = Vec::with_capacity(f.evidence.len());
        for ev in &f.evidence {
            let Some(doc) = a.docs.get(ev.doc) else {
                row.push(None);
                continue;
            };
            let span = clamp(&doc.raw, doc.raw_range(ev.span));
            let sentence = clamp(&doc.raw, doc.raw_range(ev.sentence));
            by_range[ev.doc]
                .entry((span.start, span.end))
                .or_default()
                .insert(fi);
            row.push(Some((ev.doc, span, sentence)));
        }
        evidence.push(row);
    }
    let cites = by_range
        .into_iter()
        .enumerate()
        .map(|(d, m)| {
            m.into_iter()
                .map(|((s, e), cards)| Cite {
                    range: s..e,
                    anchor: anchor_id(d, s, e),
                    cards,
                })
                .collect()
        })
        .collect();
    Places { evidence, cites }
}

fn anchor_id(doc: usize, start: usize, end: usize) -> String {
    format!("s{}-{start}-{end}", doc + 1)
}

fn card_id(fi: usize) -> String {
    format!("f{}", fi + 1)
}

/// Builds the page. `r` must be [`super::view`] of `a` (findings in the same order).
pub fn render(a: &Analysis, r: &Report) -> String {
    let p = places(a, r);
    let mut out = String::with_capacity(64 * 1024);
    let title = page_title(r);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{}'; img-src data:; base-uri 'none'; form-action 'none'\">\n\
<meta name=\"referrer\" content=\"no-referrer\">\n\
<meta name=\"generator\" content=\"factdiff {}\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n",
        script_hash(JS.as_bytes()),
        env!("CARGO_PKG_VERSION"),
        esc(&title)
    );
    header(&mut out, r, &title);
    findings(&mut out, a, r, &p);
    entities(&mut out, a, r);
    sources(&mut out, a, r, &p);
    let _ = write!(
        out,
        "<footer>Generated by factdiff {}. Positions are line:column in each file as written.</footer>\n</main>\n<script>{JS}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    );
    out
}

fn page_title(r: &Report) -> String {
    let story = r
        .sources
        .iter()
        .find_map(|s| s.meta.story.as_deref().or(s.meta.title.as_deref()));
    match story {
        Some(s) => format!("factdiff: {}", s.trim()),
        None => format!("factdiff: {} sources compared", r.sources.len()),
    }
}

fn header(out: &mut String, r: &Report, title: &str) {
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

/// Index of each source id in the report.
fn source_index(r: &Report) -> BTreeMap<&str, usize> {
    r.sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect()
}

fn findings(out: &mut String, a: &Analysis, r: &Report, p: &Places) {
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

fn kind_title(kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::Spelling => "Spelling: one name, several forms",
        FindingKind::Numeric => "Numbers that do not match",
        FindingKind::Attribute => "Facts that differ",
        FindingKind::Quote => "Quotes that differ",
    }
}

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

/// An inline SVG strip placing each source's value or interval on one axis (log scale
/// when the values span more than 10×; an open side runs to the edge with an arrow).
fn strip(f: &FindingView) -> Option<String> {
    let rows: Vec<(String, &ValueView)> = f
        .evidence
        .iter()
        .filter_map(|e| {
            let v = e.value.as_ref()?;
            Some((head(&format!("{}: {}", e.source, e.text), 30), v))
        })
        .collect();
    let finite: Vec<f64> = rows
        .iter()
        .flat_map(|(_, v)| [v.low, v.high])
        .flatten()
        .filter(|x| x.is_finite())
        .collect();
    if finite.is_empty() {
        return None;
    }
    let (mut lo, mut hi) = finite
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &x| {
            (l.min(x), h.max(x))
        });
    let log = lo > 0.0 && hi / lo > 10.0;
    let t = |x: f64| if log { x.log10() } else { x };
    let (mut dlo, mut dhi) = (t(lo), t(hi));
    if dhi - dlo < 1e-9 {
        let pad = if dlo == 0.0 { 1.0 } else { dlo.abs() * 0.5 };
        dlo -= pad;
        dhi += pad;
        if !log {
            lo = dlo;
            hi = dhi;
        }
    }
    let pad = (dhi - dlo) * 0.06;
    let (dlo, dhi) = (dlo - pad, dhi + pad);
    const LABEL: f64 = 170.0;
    const WIDTH: f64 = 600.0;
    const ROW: f64 = 18.0;
    let x = |v: f64| LABEL + 10.0 + (t(v) - dlo) / (dhi - dlo) * (WIDTH - LABEL - 20.0);
    let (left, right) = (LABEL + 4.0, WIDTH - 4.0);
    let height = 8.0 + ROW * rows.len() as f64 + 26.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"strip\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{} scale of the values each source gives\">",
        if log { "Logarithmic" } else { "Linear" }
    );
    for (i, (label, v)) in rows.iter().enumerate() {
        let y = 8.0 + ROW * i as f64 + ROW / 2.0;
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{:.1}\">{}</text><line x1=\"{left}\" x2=\"{right}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#e6e3dc\"/>",
            y + 4.0,
            esc(label)
        );
        match (v.low, v.high) {
            (Some(l), Some(h)) if l == h => {
                let _ = write!(
                    s,
                    "<circle cx=\"{:.1}\" cy=\"{y:.1}\" r=\"5\" fill=\"#b3261e\"/>",
                    x(l)
                );
            }
            (l, h) => {
                let x1 = l.map_or(left, x);
                let x2 = h.map_or(right, x);
                let _ = write!(
                    s,
                    "<rect x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"8\" rx=\"3\" fill=\"#b3261e\" fill-opacity=\"0.6\"/>",
                    y - 4.0,
                    (x2 - x1).max(2.0)
                );
                if l.is_none() {
                    let _ = write!(
                        s,
                        "<path d=\"M{left} {y:.1} l8 -6 v12 z\" fill=\"#b3261e\"/>"
                    );
                }
                if h.is_none() {
                    let _ = write!(
                        s,
                        "<path d=\"M{right} {y:.1} l-8 -6 v12 z\" fill=\"#b3261e\"/>"
                    );
                }
            }
        }
    }
    let axis_y = 8.0 + ROW * rows.len() as f64 + 4.0;
    let _ = write!(
        s,
        "<line x1=\"{left}\" x2=\"{right}\" y1=\"{axis_y:.1}\" y2=\"{axis_y:.1}\" stroke=\"#5f5b53\"/>"
    );
    let mut ticks: Vec<f64> = vec![lo, hi];
    if log {
        let mut p = 10f64.powf(lo.log10().ceil());
        while p < hi {
            ticks.push(p);
            p *= 10.0;
        }
    }
    ticks.sort_by(f64::total_cmp);
    ticks.dedup_by(|a, b| (x(*a) - x(*b)).abs() < 30.0);
    for tv in ticks {
        let tx = x(tv);
        let _ = write!(
            s,
            "<line x1=\"{tx:.1}\" x2=\"{tx:.1}\" y1=\"{axis_y:.1}\" y2=\"{:.1}\" stroke=\"#5f5b53\"/><text x=\"{tx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            axis_y + 4.0,
            axis_y + 16.0,
            esc(&num(tv))
        );
    }
    let _ = write!(
        s,
        "<text x=\"0\" y=\"{:.1}\" font-style=\"italic\">{}</text>",
        axis_y + 16.0,
        if log { "log scale" } else { "linear scale" }
    );
    s.push_str("</svg>\n");
    Some(s)
}

fn entities(out: &mut String, a: &Analysis, r: &Report) {
    let per_source = r.sources.len() <= 6;
    let idx = source_index(r);
    // entity id → source index → the attributes it states ("title: Acting Chief").
    let mut facts: BTreeMap<String, BTreeMap<usize, Vec<String>>> = BTreeMap::new();
    for t in super::attribute_views(a) {
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
        "<section id=\"entities\">\n<h2>Entity index <small>({})</small></h2>\n<p class=\"legend\">Every person, place and organisation, with the forms each source uses; <mark>marked</mark> forms spell it differently from the canonical name (short forms such as a surname alone are not marked). Entities with such variants come first.</p>\n<div class=\"scroll\"><table class=\"entities\">\n<thead><tr><th>entity</th>",
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
    let mut rows: Vec<_> = r
        .entities
        .iter()
        .map(|e| {
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
            (variants, e, forms)
        })
        .collect();
    rows.sort_by_key(|(variants, _, _)| !variants);
    for (variants, e, forms) in rows {
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
fn is_variant(form: &str, canonical: &str) -> bool {
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

fn sources(out: &mut String, a: &Analysis, r: &Report, p: &Places) {
    out.push_str("<section id=\"sources\">\n<h2>Source texts</h2>\n<p class=\"legend\">Each source as written; every span a finding cites is <mark>marked</mark>, and ↑ leads back to its finding.</p>\n");
    for (d, doc) in a.docs.iter().enumerate() {
        let name = r
            .sources
            .get(d)
            .map_or(doc.source.id.as_str(), |s| s.id.as_str());
        let cites = p.cites.get(d).map(Vec::as_slice).unwrap_or(&[]);
        let _ = write!(
            out,
            "<article class=\"source\"><h3 id=\"src-{n}\">{}</h3><div class=\"legend\"><code>{}</code> · {} cited span{} · <a href=\"#top\">top</a></div>\n<pre>",
            esc(name),
            esc(&doc.source.path),
            cites.len(),
            if cites.len() == 1 { "" } else { "s" },
            n = d + 1
        );
        source_text(out, &doc.raw, cites);
        out.push_str("</pre></article>\n");
    }
    out.push_str("</section>\n");
}

/// The byte windows of `raw` to show: all of it, or excerpts around cites when long.
fn windows(raw: &str, cites: &[Cite]) -> Vec<Range<usize>> {
    if raw.len() <= FULL_SOURCE_BYTES {
        return std::iter::once(0..raw.len()).collect();
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    for c in cites {
        let w = clamp(
            raw,
            c.range.start.saturating_sub(EXCERPT_BYTES)..c.range.end + EXCERPT_BYTES,
        );
        match out.last_mut() {
            Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
            _ => out.push(w),
        }
    }
    out
}

/// Writes `raw` escaped with each cited range in a `<mark>`: the first piece of a cite
/// carries its anchor id, and a ↑ link back to the citing card follows its end.
fn source_text(out: &mut String, raw: &str, cites: &[Cite]) {
    let wins = windows(raw, cites);
    let mut pos_end = 0;
    for w in &wins {
        if w.start > pos_end {
            let _ = writeln!(
                out,
                "<span class=\"omitted\">[… {} bytes not shown …]</span>",
                w.start - pos_end
            );
        }
        let mut bounds: BTreeSet<usize> = [w.start, w.end].into();
        for c in cites {
            for b in [c.range.start, c.range.end] {
                if w.start < b && b < w.end {
                    bounds.insert(b);
                }
            }
        }
        let bounds: Vec<usize> = bounds.into_iter().collect();
        let mut anchored: BTreeSet<usize> = BTreeSet::new();
        for pair in bounds.windows(2) {
            let (s, e) = (pair[0], pair[1]);
            // Empty cites, and all but one cite starting here, get bare anchors.
            let starting: Vec<usize> = (0..cites.len())
                .filter(|&i| cites[i].range.start == s && !anchored.contains(&i))
                .collect();
            let covering = cites
                .iter()
                .any(|c| c.range.start <= s && e <= c.range.end && c.range.start < c.range.end);
            let on_mark = if covering {
                starting.iter().copied().find(|&i| cites[i].range.end > s)
            } else {
                None
            };
            for &i in &starting {
                anchored.insert(i);
                if Some(i) != on_mark {
                    let _ = write!(out, "<span id=\"{}\"></span>", cites[i].anchor);
                }
            }
            let text = esc(&raw[s..e]);
            if covering {
                let cards: BTreeSet<usize> = cites
                    .iter()
                    .filter(|c| c.range.start <= s && e <= c.range.end)
                    .flat_map(|c| c.cards.iter().copied())
                    .collect();
                let titles = cards
                    .iter()
                    .map(|&c| format!("finding {}", c + 1))
                    .collect::<Vec<_>>()
                    .join(", ");
                match on_mark {
                    Some(i) => {
                        let _ = write!(
                            out,
                            "<mark id=\"{}\" title=\"{titles}\">{text}</mark>",
                            cites[i].anchor
                        );
                    }
                    None => {
                        let _ = write!(out, "<mark title=\"{titles}\">{text}</mark>");
                    }
                }
            } else {
                out.push_str(&text);
            }
            // Back links after each cite that ends here.
            let back: BTreeSet<usize> = cites
                .iter()
                .filter(|c| c.range.end == e && c.range.start < e)
                .flat_map(|c| c.cards.iter().copied())
                .collect();
            for c in back {
                let _ = write!(
                    out,
                    "<a class=\"back\" href=\"#{}\" title=\"back to finding {}\">↑</a>",
                    card_id(c),
                    c + 1
                );
            }
        }
        // Cites at the very end of the window (empty, or the text ends).
        for c in cites {
            if c.range.start == w.end && c.range.start == c.range.end {
                let _ = write!(out, "<span id=\"{}\"></span>", c.anchor);
            }
        }
        pos_end = w.end;
    }
    if pos_end < raw.len() {
        let _ = write!(
            out,
            "\n<span class=\"omitted\">[… {} bytes not shown …]</span>",
            raw.len() - pos_end
        );
    }
}

/// The Content-Security-Policy hash of the inline script: its SHA-256, in standard
/// base64 with padding (RustCrypto's `sha2` and the `base64` crate, not hand-written).
fn script_hash(data: &[u8]) -> String {
    use base64::Engine;
    use sha2::Digest;
    base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_controls() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(esc("a\u{202E}b\u{0}c\nd"), "a\\u{202e}b\\u{0}c\nd");
    }

    #[test]
    fn only_http_urls_are_linked() {
        assert_eq!(
            safe_url(" https://x.example/a?b=1 "),
            Some("https://x.example/a?b=1")
        );
        assert_eq!(safe_url("HTTP://x.example"), Some("HTTP://x.example"));
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("JaVaScRiPt:alert(1)"), None);
        assert_eq!(safe_url("data:text/html,<b>"), None);
        assert_eq!(safe_url("https://x.example/\"onmouseover=1"), None);
        assert_eq!(safe_url("https://"), None);
    }

    #[test]
    fn script_hash_matches_known_values() {
        assert_eq!(
            script_hash(b"abc"),
            "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
        );
        assert_eq!(
            script_hash(b""),
            "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
    }

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(num(17000.0), "17,000");
        assert_eq!(num(250.0), "250");
        assert_eq!(num(-1234567.0), "-1,234,567");
        assert_eq!(num(2.5), "2.5");
    }

    #[test]
    fn long_sources_are_shown_as_excerpts_around_cites() {
        let raw = "x".repeat(FULL_SOURCE_BYTES * 2);
        let at = FULL_SOURCE_BYTES;
        let cites = vec![Cite {
            range: at..at + 4,
            anchor: "s1-a".into(),
            cards: [0].into(),
        }];
        let mut out = String::new();
        source_text(&mut out, &raw, &cites);
        assert!(out.len() < 3 * EXCERPT_BYTES, "{}", out.len());
        assert!(out.contains("<mark id=\"s1-a\""));
        assert_eq!(out.matches("bytes not shown").count(), 2);
    }

    #[test]
    fn quote_word_diffs_become_struck_and_inserted_text() {
        assert_eq!(
            word_diff("said \"we [-will-] {+would+} win\" <b>"),
            "said &quot;we <del>will</del> <ins>would</ins> win&quot; &lt;b&gt;"
        );
        assert_eq!(word_diff("x [-<i>-] y"), "x <del>&lt;i&gt;</del> y");
        assert_eq!(word_diff("unclosed [-x and {+y"), "unclosed [-x and {+y");
    }

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

    #[test]
    fn overlapping_cites_nest_marks_and_anchors() {
        let cites = vec![
            Cite {
                range: 4..9,
                anchor: "s1-4-9".into(),
                cards: [0].into(),
            },
            Cite {
                range: 6..12,
                anchor: "s1-6-12".into(),
                cards: [1].into(),
            },
        ];
        let mut out = String::new();
        source_text(&mut out, "abc <def> ghi jkl", &cites);
        assert_eq!(
            out,
            "abc <mark id=\"s1-4-9\" title=\"finding 1\">&lt;d</mark>\
<mark id=\"s1-6-12\" title=\"finding 1, finding 2\">ef&gt;</mark>\
<a class=\"back\" href=\"#f1\" title=\"back to finding 1\">↑</a>\
<mark title=\"finding 2\"> gh</mark>\
<a class=\"back\" href=\"#f2\" title=\"back to finding 2\">↑</a>i jkl"
        );
    }
}
