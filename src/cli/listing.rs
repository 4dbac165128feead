//! `factdiff names` and `factdiff claims` (and the printers `quotes` shares): what the
//! pipeline read, as a table, JSON, JSON Lines, CSV or Markdown.

use std::process::ExitCode;

use serde::Serialize;

use factdiff::report::{self, sanitize, table};
use factdiff::Error;

use super::settings::ListingFormat;
use super::{emit, Cli, CommonArgs, Settings};

/// Settings, rules and sources, analysed: what every listing command starts from.
/// The format is checked first, so that a format the command cannot print is refused
/// before any work.
pub(crate) fn analyze(
    cli: &Cli,
    args: &CommonArgs,
    command: &str,
) -> Result<(factdiff::Analysis, Settings, ListingFormat), Error> {
    let set = Settings::resolve(cli, args, None)?;
    let format = set.listing_format(command)?;
    let docs = set.load_sources(&[])?;
    Ok((factdiff::story::analyze(docs, &set.rules), set, format))
}

/// A listing as rows, for the formats that are rows: CSV and Markdown.
pub(crate) struct Rows {
    pub header: &'static [&'static str],
    pub rows: Vec<Vec<String>>,
}

/// Quotes a CSV field when it holds a comma, quote or line break (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A Markdown table cell: pipes escaped, line breaks as `<br>`, control characters out.
fn md_cell(s: &str) -> String {
    sanitize(s)
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', "<br>")
}

impl Rows {
    pub(crate) fn csv(&self) -> String {
        let mut out = self.header.join(",");
        out.push('\n');
        for r in &self.rows {
            let fields: Vec<String> = r.iter().map(|f| csv_field(f)).collect();
            out.push_str(&fields.join(","));
            out.push('\n');
        }
        out
    }

    pub(crate) fn markdown(&self) -> String {
        let mut out = format!("| {} |\n", self.header.join(" | "));
        out.push_str(&format!("|{}\n", " --- |".repeat(self.header.len())));
        for r in &self.rows {
            let cells: Vec<String> = r.iter().map(|c| md_cell(c)).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out
    }
}

/// One JSON record a line.
pub(crate) fn json_lines<T: Serialize>(records: &[T]) -> String {
    let mut out = String::new();
    for r in records {
        out.push_str(&serde_json::to_string(r).unwrap_or_default());
        out.push('\n');
    }
    out
}

fn entity_rows(r: &report::Report) -> Rows {
    let mut rows = Vec::new();
    for e in &r.entities {
        let mut forms: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
        for m in &e.mentions {
            *forms
                .entry((m.source.as_str(), m.text.as_str()))
                .or_default() += 1;
        }
        for ((source, form), n) in forms {
            rows.push(vec![
                e.id.clone(),
                e.canonical.clone(),
                e.kind.as_str().to_string(),
                source.to_string(),
                form.to_string(),
                n.to_string(),
            ]);
        }
    }
    Rows {
        header: &["entity", "canonical", "kind", "source", "form", "count"],
        rows,
    }
}

fn claim_rows(r: &report::Report) -> Rows {
    let name = |v: serde_json::Value| v.as_str().map(String::from).unwrap_or_default();
    let num = |v: Option<f64>| v.map_or(String::new(), |x| format!("{x}"));
    let rows = r
        .claims
        .as_deref()
        .unwrap_or(&[])
        .iter()
        .map(|c| {
            vec![
                c.id.clone(),
                c.source.clone(),
                c.line.to_string(),
                c.column.to_string(),
                c.text.clone(),
                name(serde_json::to_value(c.kind).unwrap_or_default()),
                num(c.value.low),
                num(c.value.high),
                name(serde_json::to_value(c.qualifier).unwrap_or_default()),
                c.unit.clone().unwrap_or_default(),
                c.subject.clone().unwrap_or_default(),
            ]
        })
        .collect();
    Rows {
        header: &[
            "claim",
            "source",
            "line",
            "column",
            "text",
            "type",
            "low",
            "high",
            "qualifier",
            "unit",
            "subject",
        ],
        rows,
    }
}

pub(crate) fn names(cli: &Cli, args: &CommonArgs) -> Result<ExitCode, Error> {
    let (a, set, format) = analyze(cli, args, "names")?;
    let mut rep = report::view(&a, false);
    // The entities that matter to the story first, each part in the order of the ids.
    let matters = report::entities_that_matter(&a);
    let mut ranked: Vec<(bool, report::EntityView)> = matters
        .into_iter()
        .zip(std::mem::take(&mut rep.entities))
        .collect();
    ranked.sort_by_key(|(matters, _)| !matters);
    rep.entities = ranked.into_iter().map(|(_, e)| e).collect();
    // Each entity's attributes per source, after the entities.
    rep.attributes = Some(report::attribute_views(&a));
    let text = match format {
        ListingFormat::Table => {
            let mut text = table::render_entities(&rep, set.style);
            text.push_str(&table::render_attributes(&rep, set.style));
            text
        }
        ListingFormat::Json => report::json::render(&rep),
        ListingFormat::Jsonl => json_lines(&rep.entities),
        ListingFormat::Csv => entity_rows(&rep).csv(),
        ListingFormat::Markdown => entity_rows(&rep).markdown(),
    };
    emit(&text, set.output.as_deref())?;
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn claims(cli: &Cli, args: &CommonArgs) -> Result<ExitCode, Error> {
    let (a, set, format) = analyze(cli, args, "claims")?;
    let rep = report::view(&a, true);
    let text = match format {
        ListingFormat::Table => table::render_claims(&rep, set.style),
        ListingFormat::Json => report::json::render(&rep),
        ListingFormat::Jsonl => json_lines(rep.claims.as_deref().unwrap_or(&[])),
        ListingFormat::Csv => claim_rows(&rep).csv(),
        ListingFormat::Markdown => claim_rows(&rep).markdown(),
    };
    emit(&text, set.output.as_deref())?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_print_as_csv_and_markdown() {
        let rows = Rows {
            header: &["a", "b"],
            rows: vec![vec!["x, y".into(), "p|q\nr".into()]],
        };
        assert_eq!(rows.csv(), "a,b\n\"x, y\",\"p|q\nr\"\n");
        assert_eq!(
            rows.markdown(),
            "| a | b |\n| --- | --- |\n| x, y | p\\|q<br>r |\n"
        );
    }
}
