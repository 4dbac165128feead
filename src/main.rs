//! The `factdiff` command line: arguments → command → printer. Exit codes live here.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use factdiff::compare::Severity;
use factdiff::load;
use factdiff::report::{self, table};
use factdiff::rules::RuleSet;

const EXIT_CODES: &str = "\
Exit codes:
  0  no finding at or above the --fail-on severity
  1  findings at or above the --fail-on severity
  2  usage error, unreadable input or invalid rule file";

const EXAMPLES: &str = "\
Examples:
  factdiff check seeds/                       compare every article in a folder
  factdiff check a.txt b.md c.html --format json > report.json
  factdiff names seeds/                       how each name is spelled, per source
  factdiff claims seeds/                      every number each source states";

#[derive(Parser, Debug)]
#[command(
    name = "factdiff",
    version,
    about = "Reads several articles about one story and shows where the sources disagree: \
names spelled differently, numbers that do not match, facts that differ.",
    after_help = format!("{EXAMPLES}\n\n{EXIT_CODES}")
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Hide warnings about skipped or damaged inputs, and the sources table.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// When to colour the table (NO_COLOR in the environment means never for auto).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Compare the sources and report their disagreements.
    #[command(after_help = format!("{EXAMPLES}\n\n{EXIT_CODES}"))]
    Check(CheckArgs),
    /// List the entities found and how each source spells them.
    Names(CommonArgs),
    /// List every number the sources state, with qualifier, unit and subject.
    Claims(CommonArgs),
}

#[derive(Args, Debug)]
struct CommonArgs {
    /// Files or folders of articles (.txt, .md, .html); `-` reads standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Extra folders of YAML rule and alias files, added to the shipped rules.
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
}

#[derive(Args, Debug)]
struct CheckArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Lowest severity that makes the run fail with exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Table,
    Json,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
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

fn table_style(cli: &Cli) -> table::Style {
    let width = if std::io::stdout().is_terminal() {
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
        color: use_color(cli.color),
        width,
    }
}

/// Loads the sources and rules, reporting warnings; `Err` is the exit code.
fn prepare(cli: &Cli, args: &CommonArgs) -> Result<(Vec<load::Document>, RuleSet), ExitCode> {
    let rules = RuleSet::load(&args.rules).map_err(|e| {
        eprintln!("factdiff: error: {e}");
        ExitCode::from(2)
    })?;
    let warn = |ws: &[load::Warning]| {
        if !cli.quiet {
            for w in ws {
                eprintln!("factdiff: warning: {}", report::sanitize(&w.to_string()));
            }
        }
    };
    let loaded = load::load(&args.paths).map_err(|e| {
        if let load::LoadError::NoSources(_, ws) = &e {
            warn(ws);
        }
        eprintln!("factdiff: error: {}", report::sanitize(&e.to_string()));
        ExitCode::from(2)
    })?;
    warn(&loaded.warnings);
    Ok((loaded.docs, rules))
}

fn print(out: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("factdiff: error: cannot write the report: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: &Cli) -> ExitCode {
    match &cli.command {
        Command::Check(args) => {
            let (docs, rules) = match prepare(cli, &args.common) {
                Ok(x) => x,
                Err(code) => return code,
            };
            let analysis = factdiff::analyze(docs, &rules);
            let rep = report::view(&analysis, false);
            let text = match args.common.format {
                Format::Json => report::json::render(&rep),
                Format::Table => table::render(&rep, table_style(cli)),
            };
            let code = print(&text);
            if code != ExitCode::SUCCESS {
                return code;
            }
            let failing = args
                .fail_on
                .threshold()
                .is_some_and(|t| analysis.findings.iter().any(|f| f.severity >= t));
            ExitCode::from(u8::from(failing))
        }
        Command::Names(args) => {
            let (docs, rules) = match prepare(cli, args) {
                Ok(x) => x,
                Err(code) => return code,
            };
            let analysis = factdiff::analyze(docs, &rules);
            let rep = report::view(&analysis, false);
            print(&match args.format {
                Format::Json => report::json::render(&rep),
                Format::Table => table::render_entities(&rep, table_style(cli)),
            })
        }
        Command::Claims(args) => {
            let (docs, rules) = match prepare(cli, args) {
                Ok(x) => x,
                Err(code) => return code,
            };
            let analysis = factdiff::analyze(docs, &rules);
            let rep = report::view(&analysis, true);
            print(&match args.format {
                Format::Json => report::json::render(&rep),
                Format::Table => table::render_claims(&rep, table_style(cli)),
            })
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    run(&cli)
}
