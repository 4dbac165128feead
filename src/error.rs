//! The one error type of a run. Every way a run can stop early is a variant here, and
//! [`Error::exit_code`] is the one place that turns it into the process's exit code.
//! Stage errors (a YAML file's line:column, a loader's skipped files) keep their own
//! detail inside the variant that carries them.

use std::fmt;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::load::LoadError;
use crate::output::OutputError;
use crate::rules::RuleError;
use crate::yaml::YamlError;

/// Why a run stopped before it could report.
#[derive(Debug)]
pub enum Error {
    /// Arguments that do not make sense together, or a value a command cannot use.
    Usage(String),
    /// A file or stream that cannot be read or written.
    Io {
        /// The file (or `-` for a standard stream).
        path: PathBuf,
        /// What was being done: "read", "write", "create".
        action: &'static str,
        /// The system's reason.
        source: std::io::Error,
    },
    /// A YAML file (config, rules, style book) that does not read into what is
    /// expected; it carries the file and line:column.
    Yaml(YamlError),
    /// Sources that cannot be loaded (a missing path, nothing readable).
    Load(LoadError),
    /// An input that reads but cannot be used (a baseline of another format); the
    /// message names the file and never quotes its content.
    Input(String),
    /// A report or baseline that was not written (onto an input, a folder, …).
    Output(OutputError),
}

impl Error {
    /// The exit code that says this error: 2 for every way a run cannot start or
    /// finish (exit code 1 means findings, never an error).
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Error::Usage(_)
            | Error::Io { .. }
            | Error::Yaml(_)
            | Error::Load(_)
            | Error::Input(_)
            | Error::Output(_) => ExitCode::from(2),
        }
    }

    /// A usage error with this message.
    pub fn usage(msg: impl Into<String>) -> Self {
        Error::Usage(msg.into())
    }

    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, action: &'static str, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            action,
            source,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(m) | Error::Input(m) => f.write_str(m),
            Error::Io {
                path,
                action,
                source,
            } => write!(f, "{}: cannot {action}: {source}", path.display()),
            Error::Yaml(e) => write!(f, "{e}"),
            Error::Load(e) => write!(f, "{e}"),
            Error::Output(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Yaml(e) => Some(e),
            Error::Load(e) => Some(e),
            Error::Output(e) => Some(e),
            Error::Usage(_) | Error::Input(_) => None,
        }
    }
}

impl From<YamlError> for Error {
    fn from(e: YamlError) -> Self {
        Error::Yaml(e)
    }
}

impl From<LoadError> for Error {
    fn from(e: LoadError) -> Self {
        Error::Load(e)
    }
}

impl From<OutputError> for Error {
    fn from(e: OutputError) -> Self {
        Error::Output(e)
    }
}

impl From<RuleError> for Error {
    fn from(e: RuleError) -> Self {
        match e {
            RuleError::Yaml(y) => Error::Yaml(y),
            // The rules stage keeps the reason as text; it is still an I/O failure.
            RuleError::Io(path, reason) => Error::Io {
                path: path.into(),
                action: "read rules",
                source: std::io::Error::other(reason),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_exits_2_and_says_where() {
        let y = Error::from(YamlError {
            origin: "factdiff.yaml".into(),
            line: Some(3),
            column: Some(9),
            message: "bad".into(),
        });
        assert_eq!(y.exit_code(), ExitCode::from(2));
        assert_eq!(y.to_string(), "factdiff.yaml:3:9: bad");
        let io = Error::io(
            "x.txt",
            "read",
            std::io::Error::from(std::io::ErrorKind::NotFound),
        );
        assert_eq!(io.exit_code(), ExitCode::from(2));
        assert!(io.to_string().starts_with("x.txt: cannot read: "), "{io}");
        assert_eq!(Error::usage("no").exit_code(), ExitCode::from(2));
    }
}
