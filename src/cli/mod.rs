//! The command line: arguments → command → printer. Exit codes live here:
//! 0 no finding at or above `--fail-on`, 1 findings, 2 usage or input errors.

mod check;
mod init;
mod listing;
mod quotes;
mod rules;
mod text;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use factdiff::config::Config;
use factdiff::load;
use factdiff::report::{self, table};
use factdiff::rules::RuleSet;

pub(crate) const EXIT_CODES: &str = "\
Exit codes:
  0  no finding at or above the --fail-on severity
  1  findings at or above the --fail-on severity
  2  usage error, unreadable input or invalid rule or config file";

const EXAMPLES: &str = "\
Examples:
  factdiff check seeds/                       compare every article in a folder
  factdiff check a.txt b.md c.html --format json > report.json
  factdiff check --changed new.md --against stories/ --format github
  factdiff names seeds/                       how each name is spelled, per source
  factdiff claims seeds/                      every number each source states
  factdiff quotes seeds/                      every quotation, with speaker and position
  factdiff rules list                         the rules in force and their origin";

#[derive(Parser, Debug)]
#[command(
    name = "factdiff",
    version,
    about = "Reads several articles about one story and shows where the sources disagree: \
names spelled differently, numbers that do not match, facts that differ.",
    after_help = format!("{EXAMPLES}\n\n{EXIT_CODES}")
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Hide warnings about skipped or damaged inputs, and the sources table.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// When to colour the table (NO_COLOR in the environment means never for auto).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,
    /// Worker threads, 1 to 256 [default: one per CPU]. The report is the same whatever
    /// the count.
    #[arg(long, value_name = "N", global = true, value_parser = clap::value_parser!(u16).range(1..=i64::from(factdiff::limits::MAX_THREADS)))]
    threads: Option<u16>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Compare the sources and report their disagreements.
    #[command(after_help = format!("{EXAMPLES}\n\n{EXIT_CODES}"))]
    Check(check::CheckArgs),
    /// List the entities found and how each source spells them.
    Names(CommonArgs),
    /// List every number the sources state, with qualifier, unit and subject.
    Claims(CommonArgs),
    /// List every quotation the sources have, with its speaker and line:column.
    Quotes(CommonArgs),
    /// List the active rules, or validate rule files without running.
    #[command(subcommand)]
    Rules(rules::RulesCommand),
    /// Write a commented starter factdiff.yaml and an empty rules folder here.
    Init(init::InitArgs),
    /// Print what factdiff reads from each source: its text and metadata.
    Text(text::TextArgs),
}

#[derive(Args, Debug, Clone)]
pub(crate) struct CommonArgs {
    /// Files or folders of articles (.txt, .md, .html); `-` reads standard input.
    pub paths: Vec<PathBuf>,
    /// Output format [default: table, or the config's format].
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,
    /// Extra folders of YAML rule and alias files, added to the shipped rules.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// The config file to use instead of the nearest factdiff.yaml above the working
    /// directory.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Write the report to FILE (atomically: a temporary file, then a rename).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Every folder is a story of its own: sources are compared only with the other
    /// sources in their folder.
    #[arg(long)]
    pub story_per_dir: bool,
    /// The JSON Lines field that names each record's story (records are compared only
    /// within their story); numbers and strings are both accepted.
    #[arg(long, value_name = "NAME", default_value = "story")]
    pub story_key: String,
}

impl CommonArgs {
    pub(crate) fn load_options(&self) -> load::Options {
        load::Options {
            story_per_dir: self.story_per_dir,
            story_key: self.story_key.clone(),
        }
    }
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Table,
    Json,
    Jsonl,
    Csv,
    Markdown,
    Sarif,
    Github,
    /// One self-contained page: findings side by side, entity index, full source texts.
    Html,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_enum<T: ValueEnum>(s: &str) -> Option<T> {
    T::from_str(s, true).ok()
}

/// Writes one line to stderr. A closed stderr (`2>&1 | head -1`) is no reason to fail
/// or panic (as `eprintln!` does): the line is dropped. Use it for every stderr line.
pub(crate) fn say(line: std::fmt::Arguments) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Prints an error and gives exit code 2.
pub(crate) fn fail(msg: impl std::fmt::Display) -> ExitCode {
    say(format_args!(
        "factdiff: error: {}",
        report::sanitize(&msg.to_string())
    ));
    ExitCode::from(2)
}

/// The config named with --config, else the nearest factdiff.yaml, else none.
pub(crate) fn config(explicit: Option<&PathBuf>) -> Result<Config, ExitCode> {
    let path = match explicit {
        Some(p) => Some(p.clone()),
        None => std::env::current_dir()
            .ok()
            .and_then(|d| factdiff::config::discover(&d)),
    };
    match path {
        None => Ok(Config::default()),
        Some(p) => {
            factdiff::output::protect([p.as_path()]);
            factdiff::config::read(&p).map_err(fail)
        }
    }
}

/// Shipped rules, then the config's folders and ignores, then --rules folders.
pub(crate) fn rule_set(cfg: &Config, extra: &[PathBuf]) -> Result<RuleSet, ExitCode> {
    let dirs: Vec<PathBuf> = cfg.rules.iter().chain(extra).cloned().collect();
    let mut set = RuleSet::load(&dirs).map_err(fail)?;
    let origin = cfg
        .path
        .as_ref()
        .map_or("config".to_string(), |p| p.display().to_string());
    set.add_config_ignores(&cfg.ignore, &origin).map_err(fail)?;
    Ok(set)
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

/// Table style: fit the terminal, or 120 columns (or $COLUMNS) when piped, so that
/// piped output is the same on every machine.
pub(crate) fn table_style(cli: &Cli, to_file: bool) -> table::Style {
    let terminal = std::io::stdout().is_terminal() && !to_file;
    let width = if terminal {
        None
    } else {
        Some(
            std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.parse().ok())
                .unwrap_or(120),
        )
    };
    table::Style {
        color: use_color(cli.color) && !to_file,
        width,
    }
}

/// A spinner on stderr while a long run works — only when stderr is a terminal (never
/// in CI logs or pipes) and not --quiet. Sources from below this many are not worth one.
pub(crate) fn progress(cli: &Cli, sources: usize) -> Option<indicatif::ProgressBar> {
    const WORTH_A_SPINNER: usize = 50;
    if cli.quiet || sources < WORTH_A_SPINNER || !std::io::stderr().is_terminal() {
        return None;
    }
    let p = indicatif::ProgressBar::new_spinner();
    p.set_message(format!("comparing {sources} sources…"));
    p.enable_steady_tick(std::time::Duration::from_millis(120));
    Some(p)
}

/// Prints warnings about inputs unless --quiet.
pub(crate) fn warn(cli: &Cli, ws: &[load::Warning]) {
    if !cli.quiet {
        for w in ws {
            say(format_args!(
                "factdiff: warning: {}",
                report::sanitize(&w.to_string())
            ));
        }
    }
}

/// Loads the sources, printing warnings; `Err` is exit code 2.
pub(crate) fn load_sources(
    cli: &Cli,
    paths: &[PathBuf],
    opts: &load::Options,
) -> Result<Vec<load::Document>, ExitCode> {
    if paths.is_empty() {
        return Err(fail("no sources given: name files or folders to read"));
    }
    let loaded = load::load_with(paths, opts).map_err(|e| {
        if let load::LoadError::NoSources(_, ws) = &e {
            warn(cli, ws);
        }
        fail(e)
    })?;
    warn(cli, &loaded.warnings);
    factdiff::output::protect(loaded.files.iter().map(PathBuf::as_path));
    Ok(loaded.docs)
}

/// Sends a report to stdout or to the -o file.
pub(crate) fn emit(text: &str, output: Option<&Path>) -> Result<(), ExitCode> {
    if let Some(p) = output {
        return factdiff::output::write(p, text.as_bytes()).map_err(fail);
    }
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(fail(format!("cannot write the report: {e}"))),
    }
}

/// Runs the command line and returns the exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    if let Some(n) = cli.threads {
        if let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(n))
            .build_global()
        {
            return fail(format!("cannot start {n} threads: {e}"));
        }
    }
    let result = match &cli.command {
        Command::Check(args) => check::run(&cli, args),
        Command::Names(args) => listing::names(&cli, args),
        Command::Claims(args) => listing::claims(&cli, args),
        Command::Quotes(args) => quotes::run(&cli, args),
        Command::Rules(cmd) => rules::run(&cli, cmd),
        Command::Init(args) => init::run(args),
        Command::Text(args) => text::run(&cli, args),
    };
    result.unwrap_or_else(|code| code)
}
