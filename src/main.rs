//! The `factdiff` command line: arguments → command → printer. Exit codes live here.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use factdiff::compare::Severity;
use factdiff::config::Config;
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
    /// List the active rules, or validate rule files without running.
    #[command(subcommand)]
    Rules(RulesCommand),
}

#[derive(Subcommand, Debug)]
enum RulesCommand {
    /// Show the active rules (shipped, config and --rules) with where each comes from.
    List {
        /// Extra folders of rule files.
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
        /// The config file to use instead of the nearest factdiff.yaml.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Validate the rule files in DIR (default: the shipped rules) and exit 2 on the
    /// first error, with file, line, column and what was expected.
    Check {
        /// Folders or files of rules to validate.
        dirs: Vec<PathBuf>,
    },
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
    /// The config file to use instead of the nearest factdiff.yaml above the working
    /// directory.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct CheckArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Lowest severity that makes the run fail with exit code 1 [default: error, or the
    /// config's fail_on].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
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

impl FailOn {
    fn parse(s: &str) -> Option<FailOn> {
        <FailOn as ValueEnum>::from_str(s, true).ok()
    }
}

/// The config named with --config, else the nearest factdiff.yaml, else none.
fn config(explicit: Option<&PathBuf>) -> Result<Config, ExitCode> {
    let path = match explicit {
        Some(p) => Some(p.clone()),
        None => std::env::current_dir()
            .ok()
            .and_then(|d| factdiff::config::discover(&d)),
    };
    match path {
        None => Ok(Config::default()),
        Some(p) => factdiff::config::read(&p).map_err(|e| {
            eprintln!("factdiff: error: {e}");
            ExitCode::from(2)
        }),
    }
}

/// Shipped rules, then the config's folders, then --rules folders.
fn rule_set(cfg: &Config, extra: &[PathBuf]) -> Result<RuleSet, ExitCode> {
    let dirs: Vec<PathBuf> = cfg.rules.iter().chain(extra).cloned().collect();
    RuleSet::load(&dirs).map_err(|e| {
        eprintln!("factdiff: error: {e}");
        ExitCode::from(2)
    })
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

/// Loads the config, rules and sources, reporting warnings; `Err` is the exit code.
fn prepare(
    cli: &Cli,
    args: &CommonArgs,
) -> Result<(Vec<load::Document>, RuleSet, Config), ExitCode> {
    let cfg = config(args.config.as_ref())?;
    let rules = rule_set(&cfg, &args.rules)?;
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
    Ok((loaded.docs, rules, cfg))
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
        Command::Rules(cmd) => rules_command(cli, cmd),
        Command::Check(args) => {
            let (docs, rules, cfg) = match prepare(cli, &args.common) {
                Ok(x) => x,
                Err(code) => return code,
            };
            let fail_on = args
                .fail_on
                .or_else(|| cfg.fail_on.as_deref().and_then(FailOn::parse))
                .unwrap_or(FailOn::Error);
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
            let failing = fail_on
                .threshold()
                .is_some_and(|t| analysis.findings.iter().any(|f| f.severity >= t));
            ExitCode::from(u8::from(failing))
        }
        Command::Names(args) => {
            let (docs, rules, _) = match prepare(cli, args) {
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
            let (docs, rules, _) = match prepare(cli, args) {
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

fn rules_command(cli: &Cli, cmd: &RulesCommand) -> ExitCode {
    match cmd {
        RulesCommand::List {
            rules,
            config: path,
        } => {
            let cfg = match config(path.as_ref()) {
                Ok(c) => c,
                Err(code) => return code,
            };
            let set = match rule_set(&cfg, rules) {
                Ok(s) => s,
                Err(code) => return code,
            };
            print(&table::render_rules(&set, table_style(cli)))
        }
        RulesCommand::Check { dirs } => {
            if dirs.is_empty() {
                let n = RuleSet::builtin().rules.len();
                return print(&format!("ok: {n} shipped rules\n"));
            }
            match RuleSet::load(dirs) {
                Ok(set) => {
                    let n = set
                        .rules
                        .iter()
                        .filter(|r| !r.origin.starts_with("builtin:"))
                        .count();
                    print(&format!(
                        "ok: {n} rules in {}\n",
                        dirs.iter()
                            .map(|d| d.display().to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                }
                Err(e) => {
                    eprintln!("factdiff: error: {e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    run(&cli)
}
