//! Writing reports and baselines to files, safely.
//!
//! Every file factdiff writes goes through [`write`]:
//! - it never writes a file it read as input: [`protect`] records the inputs of the run
//!   (sources, named or found in a folder, and the config), and a target that is, or
//!   resolves to, one of them is refused;
//! - a regular file is replaced atomically: the text goes to a temporary file with a
//!   random name, created exclusively (`O_EXCL`) beside the target, which is then
//!   renamed over it, so a reader sees the old file or the new one, never half of one;
//!   an existing file keeps its permissions;
//! - a symbolic link is followed: the file it points to is replaced, the link stays;
//! - anything else that exists and is not a folder (a terminal, `/dev/null`, a FIFO) is
//!   written through, never replaced by a regular file;
//! - the temporary file is removed on error and on SIGINT, SIGTERM or SIGHUP (a SIGKILL
//!   cannot be caught and may leave one, named `.factdiff-*.tmp`).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

/// Why a file was not written.
#[derive(Debug)]
pub enum OutputError {
    /// The target is one of the run's inputs.
    IsInput {
        /// The file that was to be written.
        target: PathBuf,
        /// The input it is (or resolves to).
        input: PathBuf,
    },
    /// Two outputs of one run name the same file.
    SameTarget {
        /// The first output named.
        first: PathBuf,
        /// The second, which resolves to the same file.
        second: PathBuf,
    },
    /// The target is a folder.
    IsFolder(PathBuf),
    /// The target is a symbolic link to nothing: where it would write is unclear.
    DanglingLink(PathBuf),
    /// The system refused.
    Io {
        /// The file that was to be written.
        target: PathBuf,
        /// What the system said.
        error: std::io::Error,
    },
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OutputError::IsInput { target, input } if target == input => write!(
                f,
                "{}: refusing to write over an input of this run",
                target.display()
            ),
            OutputError::IsInput { target, input } => write!(
                f,
                "{}: refusing to write over an input of this run (it is {})",
                target.display(),
                input.display()
            ),
            OutputError::SameTarget { first, second } => write!(
                f,
                "{} and {} are the same file: the report and the baseline need two",
                first.display(),
                second.display()
            ),
            OutputError::IsFolder(p) => write!(f, "{}: is a folder, not a file", p.display()),
            OutputError::DanglingLink(p) => write!(
                f,
                "{}: is a symbolic link to a missing file, not written",
                p.display()
            ),
            OutputError::Io { target, error } => {
                write!(f, "{}: cannot write: {error}", target.display())
            }
        }
    }
}

impl std::error::Error for OutputError {}

/// What makes two paths the same file: device and inode where there are such
/// (catches symbolic and hard links), else the canonical path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Identity {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Path(PathBuf),
}

/// The identity of an existing file (following symbolic links); `None` if it does not
/// exist (a file that does not exist cannot be an input).
fn identity(p: &Path) -> Option<Identity> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(p)
            .ok()
            .map(|m| Identity::Inode(m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        fs::canonicalize(p).ok().map(Identity::Path)
    }
}

/// The run's inputs, as given. Their identities are looked up only when a file is to
/// be written, so that a run without an output pays nothing for them.
static PROTECTED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Records files read by this run: [`write`] refuses to write over any of them.
/// Standard input (`-`) is left out.
pub fn protect<'a>(inputs: impl IntoIterator<Item = &'a Path>) {
    let mut list = PROTECTED.lock().unwrap_or_else(|e| e.into_inner());
    list.extend(
        inputs
            .into_iter()
            .filter(|p| p.as_os_str() != "-")
            .map(Path::to_path_buf),
    );
}

/// Refuses a target that is, or resolves to, an input recorded with [`protect`]. One
/// look-up of each input's identity: linear in the inputs.
pub fn check_target(target: &Path) -> Result<(), OutputError> {
    let Some(id) = identity(target) else {
        return Ok(());
    };
    let list = PROTECTED.lock().unwrap_or_else(|e| e.into_inner());
    match list.iter().find(|p| identity(p).as_ref() == Some(&id)) {
        Some(input) => Err(OutputError::IsInput {
            target: target.to_path_buf(),
            input: input.clone(),
        }),
        None => Ok(()),
    }
}

/// Refuses two outputs of one run that name the same file (which would leave only the
/// last one written). Paths that do not exist yet are compared by their resolved
/// folder and name.
pub fn check_distinct(first: &Path, second: &Path) -> Result<(), OutputError> {
    let same = match (identity(first), identity(second)) {
        (Some(a), Some(b)) => a == b,
        _ => resolved_new(first) == resolved_new(second),
    };
    if same {
        return Err(OutputError::SameTarget {
            first: first.to_path_buf(),
            second: second.to_path_buf(),
        });
    }
    Ok(())
}

/// Where a path that may not exist yet would be: its folder resolved, then its name.
fn resolved_new(p: &Path) -> PathBuf {
    let dir = parent(p);
    let dir = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    match p.file_name() {
        Some(n) => dir.join(n),
        None => dir,
    }
}

/// The folder a path is in (`.` for a bare name).
fn parent(p: &Path) -> &Path {
    p.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Writes `bytes` to `target`, as the module comment says.
pub fn write(target: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    write_with(target, &mut |w| w.write_all(bytes))
}

/// [`write`] with the text produced by `fill` straight into the file, through a
/// buffer: a large report (tens of megabytes of JSON for an archive) is never held
/// whole in memory. `fill` may be called at most once; if it fails, no file is
/// replaced and the temporary file is removed.
pub fn write_with(target: &Path, fill: Fill<'_>) -> Result<(), OutputError> {
    check_target(target)?;
    let io = |error| OutputError::Io {
        target: target.to_path_buf(),
        error,
    };
    match fs::metadata(target) {
        Ok(m) if m.is_dir() => Err(OutputError::IsFolder(target.to_path_buf())),
        Ok(m) if m.is_file() => {
            // Replace the file a symbolic link points to, not the link.
            let real = fs::canonicalize(target).map_err(io)?;
            replace(&real, fill, Some(m.permissions())).map_err(io)
        }
        // A device, FIFO or socket: write through it, never rename over it.
        Ok(_) => write_through(target, fill).map_err(io),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if fs::symlink_metadata(target).is_ok() {
                return Err(OutputError::DanglingLink(target.to_path_buf()));
            }
            replace(target, fill, None).map_err(io)
        }
        Err(e) => Err(io(e)),
    }
}

/// What writes a report's text into the writer it is given (see [`write_with`]).
pub type Fill<'a> = &'a mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>;

/// Output buffer: large enough that a report of many megabytes takes few system calls.
const BUFFER: usize = 1 << 16;

fn write_through(target: &Path, fill: Fill<'_>) -> std::io::Result<()> {
    let f = fs::OpenOptions::new().write(true).open(target)?;
    let mut w = std::io::BufWriter::with_capacity(BUFFER, f);
    fill(&mut w)?;
    w.flush()
}

/// Temporary files being written, removed by the signal handler.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// On SIGINT, SIGTERM or SIGHUP: remove the temporary files being written, then end
/// the run as the signal would have (exit 130).
fn install_cleanup() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // If a handler cannot be set (another one is), the temporary file is still
        // removed on every error and at the end; only a signal could leave it.
        let _ = ctrlc::set_handler(|| {
            // The lock is held until the exit, so no temporary file can be created (or
            // created and not yet listed) between the removal and the end.
            let pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
            remove_all(&pending);
            std::process::exit(130);
        });
    });
}

/// Removes the temporary files still being written.
fn remove_all(list: &[PathBuf]) {
    for p in list {
        let _ = fs::remove_file(p);
    }
}

/// Takes a temporary file off the list once it is renamed or removed.
fn untrack(p: &Path) {
    PENDING
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .retain(|x| x != p);
}

/// A test hook: with `FACTDIFF_TEST_HOLD_WRITE_MS` set, the written temporary file is
/// held that long before the rename, so an end-to-end test can signal a run while its
/// temporary file exists (tests/safety.rs); a real write is too quick to catch.
fn hold_for_test() {
    if let Some(ms) = std::env::var("FACTDIFF_TEST_HOLD_WRITE_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms.min(60_000)));
    }
}

/// Writes a temporary file beside `target` and renames it over `target`. `keep` is the
/// existing file's permissions, to carry over; a new file gets the usual 0666 less the
/// umask.
fn replace(target: &Path, fill: Fill<'_>, keep: Option<fs::Permissions>) -> std::io::Result<()> {
    install_cleanup();
    let mut builder = tempfile::Builder::new();
    builder.prefix(".factdiff-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Applied at creation, so the umask applies as for any new file.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    // Created and listed under one lock: a signal that comes between the two would
    // otherwise find the file not yet listed and leave it behind.
    let (mut tmp, path) = {
        let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
        let tmp = builder.tempfile_in(parent(target))?;
        let path = tmp.path().to_path_buf();
        pending.push(path.clone());
        (tmp, path)
    };
    let result = (|| {
        let mut w = std::io::BufWriter::with_capacity(BUFFER, &mut tmp);
        fill(&mut w)?;
        w.flush()?;
        drop(w);
        hold_for_test();
        if let Some(p) = keep {
            tmp.as_file().set_permissions(p)?;
        }
        tmp.as_file().sync_all()?;
        tmp.persist(target).map(|_| ()).map_err(|e| e.error)
    })();
    // On error the temporary file was dropped, and so removed, already.
    untrack(&path);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_is_written_and_no_temporary_file_stays() {
        let dir = tempfile::TempDir::new().unwrap();
        let p = dir.path().join("out.txt");
        write(&p, b"hello").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "hello");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_failing_writer_replaces_nothing_and_leaves_no_temporary_file() {
        let dir = tempfile::TempDir::new().unwrap();
        let p = dir.path().join("out.txt");
        fs::write(&p, "old").unwrap();
        let err = write_with(&p, &mut |w| {
            w.write_all(b"half a report")?;
            Err(std::io::Error::other("the text could not be made"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("could not be made"), "{err}");
        assert_eq!(fs::read_to_string(&p).unwrap(), "old");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_streamed_text_larger_than_the_buffer_is_written_whole() {
        let dir = tempfile::TempDir::new().unwrap();
        let p = dir.path().join("out.txt");
        let line = "0123456789abcdef".repeat(64);
        write_with(&p, &mut |w| {
            for _ in 0..(3 * BUFFER / line.len() + 1) {
                w.write_all(line.as_bytes())?;
            }
            Ok(())
        })
        .unwrap();
        let got = fs::read_to_string(&p).unwrap();
        assert_eq!(got.len(), (3 * BUFFER / line.len() + 1) * line.len());
        assert!(got.starts_with(&line) && got.ends_with(&line));
    }

    #[test]
    fn distinct_outputs_are_compared_resolved() {
        let dir = tempfile::TempDir::new().unwrap();
        let a = dir.path().join("a.txt");
        let b = dir.path().join("sub/../a.txt");
        fs::create_dir(dir.path().join("sub")).unwrap();
        assert!(check_distinct(&a, &b).is_err());
        assert!(check_distinct(&a, &dir.path().join("b.txt")).is_ok());
    }

    #[test]
    fn pending_temporary_files_are_removed_on_signal_cleanup() {
        let dir = tempfile::TempDir::new().unwrap();
        let p = dir.path().join(".factdiff-x.tmp");
        fs::write(&p, "half").unwrap();
        remove_all(std::slice::from_ref(&p));
        assert!(!p.exists());
    }
}
