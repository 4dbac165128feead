//! Flags and `factdiff.yaml` resolved once into typed settings (ripgrep's LowArgs →
//! HiArgs): every fallback (flag, then config, then default) is decided here, so the
//! commands read one struct and never look at the config again.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

use factdiff::config::{self, Config, FailOn, Format};
use factdiff::load;
use factdiff::report::table;
use factdiff::rules::RuleSet;
use factdiff::Error;

use super::{Cli, ColorChoice, CommonArgs};

/// clap's parser for `--format`: the library's [`Format`], with each value's help.
pub(crate) fn format_parser() -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(Format::ALL.map(|f| PossibleValue::new(f.as_str()).help(f.help())))
        .try_map(|s| s.parse::<Format>())
}

/// clap's parser for `--fail-on`: the library's [`FailOn`].
pub(crate) fn fail_on_parser() -> impl TypedValueParser<Value = FailOn> {
    PossibleValuesParser::new(FailOn::ALL.map(FailOn::as_str)).try_map(|s| s.parse::<FailOn>())
}

/// The formats `names`, `claims` and `quotes` print: the ones that are a list.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum ListingFormat {
    Table,
    Json,
    Jsonl,
    Csv,
    Markdown,
}

impl ListingFormat {
    const ALL: [ListingFormat; 5] = [
        ListingFormat::Table,
        ListingFormat::Json,
        ListingFormat::Jsonl,
        ListingFormat::Csv,
        ListingFormat::Markdown,
    ];

    fn of(f: Format) -> Option<ListingFormat> {
        match f {
            Format::Table => Some(ListingFormat::Table),
            Format::Json => Some(ListingFormat::Json),
            Format::Jsonl => Some(ListingFormat::Jsonl),
            Format::Csv => Some(ListingFormat::Csv),
            Format::Markdown => Some(ListingFormat::Markdown),
            Format::Sarif | Format::Github | Format::Html => None,
        }
    }

    fn format(self) -> Format {
        match self {
            ListingFormat::Table => Format::Table,
            ListingFormat::Json => Format::Json,
            ListingFormat::Jsonl => Format::Jsonl,
            ListingFormat::Csv => Format::Csv,
            ListingFormat::Markdown => Format::Markdown,
        }
    }
}

/// What every command that reads sources runs with.
pub(crate) struct Settings {
    /// Shipped rules, then the config's folders and ignores, then `--rules` folders.
    pub rules: RuleSet,
    /// The sources named on the command line.
    pub paths: Vec<PathBuf>,
    /// `--format`, else the config's `format`, else table.
    pub format: Format,
    /// Whether `format` was asked for on the command line (not taken from the config).
    pub format_given: bool,
    /// `--fail-on`, else the config's `fail_on`, else error.
    pub fail_on: FailOn,
    /// `-o FILE`.
    pub output: Option<PathBuf>,
    /// `-q`.
    pub quiet: bool,
    /// Colour and width of tables.
    pub style: table::Style,
    /// How sources are grouped into stories.
    pub load: load::Options,
    /// What standard input stands for (`--stdin-filename`).
    pub stdin_filename: Option<PathBuf>,
    /// `--stories auto`: sources without a story are grouped by what they say.
    pub auto_stories: bool,
}

impl Settings {
    /// Reads the config and the rules and decides every setting of a run.
    pub(crate) fn resolve(
        cli: &Cli,
        common: &CommonArgs,
        fail_on: Option<FailOn>,
    ) -> Result<Settings, Error> {
        let config = find_config(common.config.as_ref())?;
        let mut rules = rule_set(&config, &common.rules)?;
        select_rules(&mut rules, &common.select, &common.ignore)?;
        let to_file = common.output.is_some();
        Ok(Settings {
            format: common.format.or(config.format).unwrap_or(Format::Table),
            format_given: common.format.is_some(),
            fail_on: fail_on.or(config.fail_on).unwrap_or(FailOn::Error),
            paths: common.paths.clone(),
            output: common.output.clone(),
            quiet: cli.quiet,
            style: table_style(cli.color, to_file),
            load: load::Options {
                story_per_dir: common.story_per_dir,
                story_key: common.story_key.clone(),
            },
            stdin_filename: common.stdin_filename.clone(),
            auto_stories: common.stories == Some(super::StoriesMode::Auto),
            rules,
        })
    }

    /// The format of a listing command (`names`, `claims`, `quotes`), which prints
    /// only a [`ListingFormat`]: another format asked for on the command line is a usage
    /// error; one from the config (meant for `check`) gives way to a table, with a note.
    pub(crate) fn listing_format(&self, command: &str) -> Result<ListingFormat, Error> {
        if let Some(f) = ListingFormat::of(self.format) {
            return Ok(f);
        }
        let supported = ListingFormat::ALL.map(|f| f.format().as_str()).join(", ");
        if self.format_given {
            return Err(Error::usage(format!(
                "`{command}` cannot print --format {}: use one of {supported}",
                self.format.as_str()
            )));
        }
        if !self.quiet {
            super::say(format_args!(
                "factdiff: note: the config's format {} is for `check`; `{command}` prints a table",
                self.format.as_str()
            ));
        }
        Ok(ListingFormat::Table)
    }

    /// Loads the sources named on the command line (plus `extra`), printing warnings.
    pub(crate) fn load_sources(&self, extra: &[PathBuf]) -> Result<Vec<load::Document>, Error> {
        let mut paths = self.paths.clone();
        paths.extend(extra.iter().cloned());
        // Like rg, ruff and typos: no path means the working directory.
        if paths.is_empty() {
            paths.push(PathBuf::from("."));
        }
        let mut docs = super::load_sources(self.quiet, &paths, &self.load)?;
        if let Some(name) = &self.stdin_filename {
            name_stdin(&mut docs, name);
        }
        if self.auto_stories {
            factdiff::story::auto::assign(&mut docs, &factdiff::story::auto::Params::default());
        }
        Ok(docs)
    }
}

/// Reads standard input's document again as the file it stands for: its id is that
/// file's stem, its path that name, and its extension says how to read it.
fn name_stdin(docs: &mut [load::Document], name: &std::path::Path) {
    const STDIN: &str = "<stdin>";
    let stem = name
        .file_stem()
        .map_or("stdin".into(), |s| s.to_string_lossy().into_owned());
    let taken: std::collections::HashSet<String> = docs
        .iter()
        .filter(|d| d.source.path != STDIN)
        .map(|d| d.source.id.clone())
        .collect();
    let format = load::Format::from_path(name).unwrap_or(load::Format::Text);
    for d in docs.iter_mut().filter(|d| d.source.path == STDIN) {
        let id = std::iter::once(stem.clone())
            .chain((2..).map(|n| format!("{stem}~{n}")))
            .find(|i| !taken.contains(i))
            .unwrap_or_else(|| stem.clone());
        let raw = std::mem::take(&mut d.raw);
        let (mut doc, _) = load::Document::new(&id, &name.display().to_string(), raw, format);
        doc.story = d.story.take();
        *d = doc;
    }
}

/// Turns rules off by `--select` (only these) and `--ignore` (not these), by id or
/// kind; a name that is neither is a usage error, so a typo never silently runs
/// everything.
fn select_rules(set: &mut RuleSet, select: &[String], ignore: &[String]) -> Result<(), Error> {
    let named = |r: &factdiff::rules::Rule, n: &str| r.id == n || r.body.kind().as_str() == n;
    for n in select.iter().chain(ignore) {
        if !set.rules().iter().any(|r| named(r, n)) {
            return Err(Error::usage(format!(
                "unknown rule `{n}` (see `factdiff rules list` for ids; kinds are spelling, numeric, attribute, quote)"
            )));
        }
    }
    for r in set.rules_mut().iter_mut() {
        if r.body.kind() == factdiff::vocab::RuleKind::Ignore {
            continue;
        }
        if !select.is_empty() && !select.iter().any(|n| named(r, n)) {
            r.enabled = false;
        }
        if ignore.iter().any(|n| named(r, n)) {
            r.enabled = false;
        }
    }
    Ok(())
}

/// The config named with --config, else the nearest factdiff.yaml, else none.
pub(crate) fn find_config(explicit: Option<&PathBuf>) -> Result<Config, Error> {
    let path = match explicit {
        Some(p) => Some(p.clone()),
        None => std::env::current_dir()
            .ok()
            .and_then(|d| config::discover(&d)),
    };
    match path {
        None => Ok(Config::default()),
        Some(p) => {
            factdiff::output::protect([p.as_path()]);
            Ok(config::read(&p)?)
        }
    }
}

/// Shipped rules, then the config's folders and ignores, then --rules folders.
pub(crate) fn rule_set(cfg: &Config, extra: &[PathBuf]) -> Result<RuleSet, Error> {
    let dirs: Vec<PathBuf> = cfg.rules.iter().chain(extra).cloned().collect();
    let mut set = RuleSet::load(&dirs)?;
    let origin = cfg
        .path
        .as_ref()
        .map_or("config".to_string(), |p| p.display().to_string());
    set.add_config_ignores(&anchored(cfg), &origin)?;
    Ok(set)
}

/// The config's ignore entries with their source globs made absolute under the config
/// file's folder: `stories/x*` then matches "./stories/x.md", an absolute path, or
/// `x.md` typed from inside `stories/` (the comparison stage matches globs against a
/// source's full path too).
fn anchored(cfg: &Config) -> Vec<config::IgnoreSpec> {
    let base = cfg
        .path
        .as_ref()
        .and_then(|p| std::fs::canonicalize(p).ok())
        .and_then(|p| p.parent().map(std::path::Path::to_path_buf));
    cfg.ignore
        .iter()
        .map(|spec| {
            let mut spec = spec.clone();
            if let Some(base) = &base {
                spec.sources = spec
                    .sources
                    .iter()
                    .map(|g| {
                        let g = g.strip_prefix("./").unwrap_or(g);
                        if std::path::Path::new(g).is_absolute() {
                            g.to_string()
                        } else {
                            format!("{}/{g}", base.display())
                        }
                    })
                    .collect();
            }
            spec
        })
        .collect()
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// Narrower than this, a table is unreadable whatever we do; a terminal that reports
/// less (a 0×0 pty) is taken as not knowing its width.
const MIN_WIDTH: u16 = 40;
/// The width when neither the terminal nor `COLUMNS` says.
const FALLBACK_WIDTH: u16 = 100;

/// Table style. The width comes from the terminal whatever the colour (a report to a
/// file or a pipe has no terminal), then from `COLUMNS`, then 100 columns, so piped
/// output is the same on every machine.
pub(crate) fn table_style(color: ColorChoice, to_file: bool) -> table::Style {
    let terminal = (!to_file && std::io::stdout().is_terminal())
        .then(|| console::Term::stdout().size_checked())
        .flatten()
        .map(|(_rows, cols)| cols);
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    table::Style {
        color: use_color(color) && !to_file,
        width: Some(pick_width(terminal, columns)),
    }
}

fn pick_width(terminal: Option<u16>, columns: Option<u16>) -> u16 {
    [terminal, columns]
        .into_iter()
        .flatten()
        .find(|w| *w >= MIN_WIDTH)
        .unwrap_or(FALLBACK_WIDTH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_from_the_terminal_then_columns_then_100() {
        assert_eq!(pick_width(Some(80), Some(120)), 80);
        assert_eq!(pick_width(None, Some(120)), 120);
        assert_eq!(pick_width(Some(0), None), FALLBACK_WIDTH);
        assert_eq!(pick_width(Some(0), Some(90)), 90);
        assert_eq!(pick_width(None, None), FALLBACK_WIDTH);
    }
}
