//! The command line: arguments → settings → command → printer. clap's structs here
//! are the raw arguments (ripgrep's "low" args); `settings.rs` resolves them with
//! `factdiff.yaml` once into typed [`Settings`] that the commands read. Exit codes:
//! 0 no finding at or above `--fail-on`, 1 findings, 2 usage or input errors (every
//! error is a [`factdiff::Error`], whose `exit_code()` says which).

mod check;
mod init;
mod listing;
mod merge;
mod quotes;
mod rules;
mod settings;
mod stories;
mod text;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use factdiff::config::Format;
use factdiff::load;
use factdiff::report;
use factdiff::Error;

pub(crate) use settings::Settings;

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
    /// List the stories the sources fall into (grouped by what they say where they name
    /// none), without comparing them.
    Stories(CommonArgs),
    /// Join the JSON reports of `check --shard K/N` runs into the report of one run.
    Merge(merge::MergeArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) on standard output.
    Man,
}

#[derive(Args, Debug, Clone)]
pub(crate) struct CommonArgs {
    /// Files or folders of articles (.txt, .md, .html); `-` reads standard input.
    pub paths: Vec<PathBuf>,
    /// Output format [default: table, or the config's format].
    #[arg(long, short = 'f', value_parser = settings::format_parser())]
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
    /// How sources that name no story are grouped: `keyed` keeps them together as one
    /// story (the default for every command but `stories`); `auto` groups them into
    /// stories by the names, numbers and dates they share (see `factdiff stories`).
    #[arg(long, value_enum, value_name = "MODE")]
    pub stories: Option<StoriesMode>,
    /// The file name standard input (`-`) stands for: its id, its path in the report and,
    /// by its extension, how it is read (Markdown, HTML, text).
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Run only these rules (ids or kinds: spelling, numeric, attribute, quote);
    /// comma-separated or repeated.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not run these rules (ids or kinds); comma-separated or repeated.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub ignore: Vec<String>,
}

/// `--stories`: how sources without a story key are grouped.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum StoriesMode {
    /// By their story key or folder only; the rest are one story.
    Keyed,
    /// The rest grouped by what they say.
    Auto,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Writes one line to stderr. A closed stderr (`2>&1 | head -1`) is no reason to fail
/// or panic (as `eprintln!` does): the line is dropped. Use it for every stderr line.
pub(crate) fn say(line: std::fmt::Arguments) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Progress on stderr while a long run works — only when stderr is a terminal (never
/// in CI logs or pipes) and not --quiet. A run of many stories gets a bar with the
/// count of sources done and the time left; one story (one analysis, no steps to
/// count) gets a spinner. Runs of fewer sources than this are not worth either.
pub(crate) fn progress(quiet: bool, docs: &[load::Document]) -> Option<indicatif::ProgressBar> {
    const WORTH_A_BAR: usize = 50;
    if quiet || docs.len() < WORTH_A_BAR || !std::io::stderr().is_terminal() {
        return None;
    }
    let stories: std::collections::BTreeSet<Option<&str>> =
        docs.iter().map(|d| d.story.as_deref()).collect();
    let p = if stories.len() > 1 {
        let p = indicatif::ProgressBar::new(docs.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:30} {pos}/{len} sources, {per_sec}, {eta} left",
        ) {
            p.set_style(style);
        }
        p
    } else {
        let p = indicatif::ProgressBar::new_spinner();
        p.set_message(format!("comparing {} sources…", docs.len()));
        p
    };
    // Drawn once now: once the steady tick runs, the bar is drawn only from its thread,
    // which a busy machine may not schedule before a short run ends.
    p.tick();
    p.enable_steady_tick(std::time::Duration::from_millis(120));
    Some(p)
}

/// Prints warnings about inputs unless --quiet.
pub(crate) fn warn(quiet: bool, ws: &[load::Warning]) {
    if !quiet {
        for w in ws {
            say(format_args!(
                "factdiff: warning: {}",
                report::sanitize(&w.to_string())
            ));
        }
    }
}

/// Loads the sources, printing warnings.
pub(crate) fn load_sources(
    quiet: bool,
    paths: &[PathBuf],
    opts: &load::Options,
) -> Result<Vec<load::Document>, Error> {
    if paths.is_empty() {
        return Err(Error::usage(
            "no sources given: name files or folders to read",
        ));
    }
    let loaded = load::load_with(paths, opts).inspect_err(|e| {
        if let load::LoadError::NoSources(_, ws) = e {
            warn(quiet, ws);
        }
    })?;
    warn(quiet, &loaded.warnings);
    factdiff::output::protect(loaded.files.iter().map(PathBuf::as_path));
    Ok(loaded.docs)
}

/// Sends a report to stdout or to the -o file.
pub(crate) fn emit(text: &str, output: Option<&Path>) -> Result<(), Error> {
    emit_with(output, &mut |w| w.write_all(text.as_bytes()))
}

/// [`emit`] with the report written by `fill` as it is made, through a buffer, so a
/// large one is never held whole in memory.
pub(crate) fn emit_with(
    output: Option<&Path>,
    fill: factdiff::output::Fill<'_>,
) -> Result<(), Error> {
    if let Some(p) = output {
        return Ok(factdiff::output::write_with(p, fill)?);
    }
    // Buffered: standard output alone flushes at every line, a system call for each
    // line of a pretty-printed report.
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match fill(&mut stdout).and_then(|_| stdout.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io("-", "write the report", e)),
    }
}

/// Runs the command line and returns the exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(&cli) {
        Ok(code) => code,
        Err(e) => {
            say(format_args!(
                "factdiff: error: {}",
                report::sanitize(&e.to_string())
            ));
            e.exit_code()
        }
    }
}

fn dispatch(cli: &Cli) -> Result<ExitCode, Error> {
    if let Some(n) = cli.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(n))
            .build_global()
            .map_err(|e| Error::usage(format!("cannot start {n} threads: {e}")))?;
    }
    match &cli.command {
        Command::Check(args) => check::run(cli, args),
        Command::Names(args) => listing::names(cli, args),
        Command::Claims(args) => listing::claims(cli, args),
        Command::Quotes(args) => quotes::run(cli, args),
        Command::Rules(cmd) => rules::run(cli, cmd),
        Command::Init(args) => init::run(args),
        Command::Text(args) => text::run(cli, args),
        Command::Merge(args) => merge::run(args),
        Command::Stories(args) => stories::run(cli, args),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut cmd, "factdiff", &mut out);
            emit(&String::from_utf8_lossy(&out), None)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_mangen::Man::new(cmd)
                .render(&mut out)
                .map_err(|e| Error::io("-", "write the man page", e))?;
            emit(&String::from_utf8_lossy(&out), None)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
