//! `factdiff text`: what factdiff reads from each source — the text every later stage
//! analyses, and the metadata it took from the source — the first thing to look at when
//! a finding seems wrong.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde::Serialize;

use factdiff::load::{self, Document};
use factdiff::Error;

use super::{emit, load_sources, Cli};

#[derive(Args, Debug)]
pub(crate) struct TextArgs {
    /// Files or folders of articles (.txt, .md, .html, .jsonl); `-` reads standard input.
    pub paths: Vec<PathBuf>,
    /// `text`: the text of each source (headed by its path when there are several);
    /// `json`: one object per source with text, title, byline, date, outlet and url
    /// (an array when there are several); `jsonl`: one such object a line.
    #[arg(long, short = 'f', value_enum, default_value_t = TextFormat::Text)]
    pub format: TextFormat,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum TextFormat {
    Text,
    Json,
    Jsonl,
}

/// One source as `--format json` prints it.
#[derive(Serialize)]
struct SourceText<'a> {
    id: &'a str,
    path: &'a str,
    text: String,
    title: Option<&'a str>,
    byline: Option<&'a str>,
    date: Option<&'a str>,
    outlet: Option<&'a str>,
    url: Option<&'a str>,
}

/// The analysis text as a person reads it: markup was blanked to spaces in place (to
/// keep offsets), so runs of spaces become one and runs of blank lines one blank line.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len() / 2);
    let mut blank_run = 0;
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(&words.join(" "));
    }
    out.push('\n');
    out
}

fn view(d: &Document) -> SourceText<'_> {
    let m = &d.source.meta;
    SourceText {
        id: &d.source.id,
        path: &d.source.path,
        text: tidy(&d.text),
        title: m.title.as_deref(),
        byline: m.byline.as_deref(),
        date: m.date.as_deref(),
        outlet: m.outlet.as_deref(),
        url: m.url.as_deref(),
    }
}

fn render(docs: &[Document], format: TextFormat) -> String {
    match format {
        TextFormat::Text if docs.len() == 1 => tidy(&docs[0].text),
        TextFormat::Text => docs
            .iter()
            .map(|d| format!("==> {} <==\n{}", d.source.path, tidy(&d.text)))
            .collect::<Vec<_>>()
            .join("\n"),
        TextFormat::Json if docs.len() == 1 => json(&view(&docs[0])) + "\n",
        TextFormat::Json => json(&docs.iter().map(view).collect::<Vec<_>>()) + "\n",
        TextFormat::Jsonl => docs
            .iter()
            .map(|d| serde_json::to_string(&view(d)).unwrap_or_default() + "\n")
            .collect(),
    }
}

fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

pub(crate) fn run(cli: &Cli, args: &TextArgs) -> Result<ExitCode, Error> {
    let docs = load_sources(cli.quiet, &args.paths, &load::Options::default())?;
    emit(&render(&docs, args.format), args.output.as_deref())?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use factdiff::load::Format;

    #[test]
    fn tidy_collapses_blanked_markup() {
        assert_eq!(tidy("  A  b \n\n\n   \nc\nd  "), "A b\n\nc\nd\n");
    }

    #[test]
    fn json_has_every_field_and_an_array_for_several() {
        let (a, _) = Document::new(
            "a",
            "a.md",
            "---\ntitle: T\n---\nOne.\n".into(),
            Format::Markdown,
        );
        let (b, _) = Document::new("b", "b.txt", "Two.\n".into(), Format::Text);
        let one: serde_json::Value =
            serde_json::from_str(&render(std::slice::from_ref(&a), TextFormat::Json)).unwrap();
        assert_eq!(one["title"], "T");
        assert_eq!(one["text"], "One.\n");
        for k in ["byline", "date", "outlet", "url"] {
            assert!(one[k].is_null(), "{k}");
        }
        let two: serde_json::Value =
            serde_json::from_str(&render(&[a.clone(), b.clone()], TextFormat::Json)).unwrap();
        assert_eq!(two.as_array().unwrap().len(), 2);
        assert_eq!(render(&[a, b], TextFormat::Jsonl).lines().count(), 2);
    }
}
