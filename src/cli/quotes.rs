//! `factdiff quotes`: every quotation each source has, with its speaker and position.

use std::process::ExitCode;

use comfy_table::{presets, Cell, ContentArrangement, Table};
use factdiff::report::{sanitize, QuoteList, QuoteView};
use factdiff::Error;

use super::listing::{json_lines, Rows};
use super::settings::ListingFormat;
use super::{emit, Cli, CommonArgs};

pub(crate) fn run(cli: &Cli, args: &CommonArgs) -> Result<ExitCode, Error> {
    let (a, set, format) = super::listing::analyze(cli, args, "quotes")?;
    let views: Vec<QuoteView> = a
        .quotes
        .iter()
        .map(|q| {
            let doc = &a.docs[q.doc];
            let (line, column) = doc.line_col(q.span.start);
            let (end_line, end_column) = doc.line_col_end(q.span.end);
            QuoteView {
                source: doc.source.id.clone(),
                line,
                column,
                end_line,
                end_column,
                form: q.form,
                transcript: q.turn,
                text: q
                    .pieces
                    .iter()
                    .map(|p| {
                        doc.raw_text(*p)
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect::<Vec<_>>()
                    .join(" ¶ "),
                speaker: q.speaker_name.clone(),
                speaker_id: q.speaker.map(|e| a.entities[e].id.clone()),
                attribution: q.how,
            }
        })
        .collect();
    let text = match format {
        ListingFormat::Table => {
            let style = set.style;
            let mut t = Table::new();
            t.load_preset(presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic);
            if let Some(w) = style.width {
                t.set_width(w);
            }
            t.force_no_tty();
            t.set_header(vec!["source", "line:col", "speaker", "form", "quote"]);
            for v in &views {
                let speaker = match (&v.speaker, v.attribution) {
                    (Some(s), Some(h)) => format!("{} ({})", sanitize(s), h.as_str()),
                    _ => "–".to_string(),
                };
                let form = if v.transcript {
                    "transcript"
                } else {
                    v.form.as_str()
                };
                t.add_row(vec![
                    Cell::new(&v.source),
                    Cell::new(format!("{}:{}", v.line, v.column)),
                    Cell::new(speaker),
                    Cell::new(form),
                    Cell::new(sanitize(&v.text)),
                ]);
            }
            format!("{t}\n{} quotes\n", views.len())
        }
        ListingFormat::Jsonl => json_lines(&views),
        ListingFormat::Csv => quote_rows(&views).csv(),
        ListingFormat::Markdown => quote_rows(&views).markdown(),
        ListingFormat::Json => {
            let list = serde_json::to_value(QuoteList { quotes: views }).unwrap_or_default();
            let mut s = serde_json::to_string_pretty(&list).unwrap_or_default();
            s.push('\n');
            s
        }
    };
    emit(&text, set.output.as_deref())?;
    Ok(ExitCode::SUCCESS)
}

fn quote_rows(views: &[QuoteView]) -> Rows {
    let rows = views
        .iter()
        .map(|v| {
            vec![
                v.source.clone(),
                v.line.to_string(),
                v.column.to_string(),
                v.speaker.clone().unwrap_or_default(),
                v.attribution.map_or("", |h| h.as_str()).to_string(),
                if v.transcript {
                    "transcript"
                } else {
                    v.form.as_str()
                }
                .to_string(),
                v.text.clone(),
            ]
        })
        .collect();
    Rows {
        header: &[
            "source",
            "line",
            "column",
            "speaker",
            "attribution",
            "form",
            "quote",
        ],
        rows,
    }
}
