//! `factdiff stories`: how the sources fall into stories, without comparing them.
//! Sources with a story key (or folder, with `--story-per-dir`) keep their story; the
//! rest are grouped by what they say (`--stories auto`, see `factdiff::story::auto`).

use std::process::ExitCode;

use serde::Serialize;

use factdiff::report::sanitize;
use factdiff::Error;

use super::listing::{json_lines, Rows};
use super::settings::ListingFormat;
use super::{emit, Cli, CommonArgs, Settings};

#[derive(Serialize)]
struct SourceRow<'a> {
    story: &'a str,
    id: &'a str,
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
}

#[derive(Serialize)]
struct StoryOut<'a> {
    name: &'a str,
    sources: Vec<SourceRow<'a>>,
}

#[derive(Serialize)]
struct Summary {
    stories: usize,
    sources: usize,
}

#[derive(Serialize)]
struct Listing<'a> {
    stories: Vec<StoryOut<'a>>,
    summary: Summary,
}

/// The name shown for the run's default story (sources that name none), which only
/// `--stories keyed` leaves.
const DEFAULT_STORY: &str = "(default)";

pub(crate) fn run(cli: &Cli, args: &CommonArgs) -> Result<ExitCode, Error> {
    let mut set = Settings::resolve(cli, args, None)?;
    let format = set.listing_format("stories")?;
    // Listing stories is asking for the grouping: sources without a story are grouped
    // by what they say unless --stories keyed was given on purpose.
    if args.stories.is_none() {
        set.auto_stories = true;
    }
    let docs = set.load_sources(&[])?;
    let groups = factdiff::story::group(docs);
    let stories: Vec<StoryOut> = groups
        .iter()
        .map(|(name, docs)| {
            let story = name.as_deref().unwrap_or(DEFAULT_STORY);
            StoryOut {
                name: story,
                sources: docs
                    .iter()
                    .map(|d| SourceRow {
                        story,
                        id: &d.source.id,
                        path: &d.source.path,
                        title: d.source.meta.title.as_deref(),
                        date: d.source.meta.date.as_deref(),
                    })
                    .collect(),
            }
        })
        .collect();
    let summary = Summary {
        stories: stories.len(),
        sources: stories.iter().map(|s| s.sources.len()).sum(),
    };
    let rows = || Rows {
        header: &["story", "source", "path", "title"],
        rows: stories
            .iter()
            .flat_map(|s| &s.sources)
            .map(|r| {
                vec![
                    r.story.to_string(),
                    r.id.to_string(),
                    r.path.to_string(),
                    r.title.unwrap_or("").to_string(),
                ]
            })
            .collect(),
    };
    let text = match format {
        ListingFormat::Table => {
            let mut out = String::new();
            for s in &stories {
                let n = s.sources.len();
                out.push_str(&format!(
                    "{} ({n} source{})\n",
                    sanitize(s.name),
                    if n == 1 { "" } else { "s" }
                ));
                for r in &s.sources {
                    out.push_str(&format!(
                        "  {}  {}\n",
                        sanitize(r.id),
                        sanitize(r.title.unwrap_or(r.path))
                    ));
                }
            }
            out.push_str(&format!(
                "{} stories, {} sources\n",
                summary.stories, summary.sources
            ));
            out
        }
        ListingFormat::Json => {
            let listing = Listing { stories, summary };
            let mut s = serde_json::to_string_pretty(&listing)
                .map_err(|e| Error::Input(format!("cannot print the stories: {e}")))?;
            s.push('\n');
            s
        }
        ListingFormat::Jsonl => {
            json_lines(&stories.iter().flat_map(|s| &s.sources).collect::<Vec<_>>())
        }
        ListingFormat::Csv => rows().csv(),
        ListingFormat::Markdown => rows().markdown(),
    };
    emit(&text, set.output.as_deref())?;
    Ok(ExitCode::SUCCESS)
}
