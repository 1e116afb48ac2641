//! The run folder: a run is made whole in a staging folder beside it and
//! swapped in at the end, so the folder is always one complete run (the
//! previous one or the new one) and its manifest lists exactly its PDFs.
//!
//! For a run into `out/`, beside it in the same parent folder:
//! - `.out.foldline-lock`: held (an OS file lock) while the run works, so
//!   a second run into `out/` at the same time refuses instead of mixing
//!   its files in. The OS drops the lock when the process ends, however it
//!   ends (even `kill -9`), so a lock left by a dead run is simply taken
//!   over; no process id has to be guessed at.
//! - `.out.foldline-staging-<pid>`: where every file is written. It is not
//!   `out/`, so whatever happens to the run (Ctrl-C, `kill`, a full disk, a
//!   power cut) `out/` is untouched until the swap. Ctrl-C and `kill`
//!   (SIGINT, SIGTERM, SIGHUP) stop the run between pieces and remove it;
//!   after `kill -9` it is left behind, and the next run into `out/`
//!   removes it (it holds the lock, so no living run owns it).
//!
//! The swap is one `rename` where `out/` is new, and one atomic exchange
//! of the two folders on Linux (`renameat2` with `RENAME_EXCHANGE`), after
//! which the old run, now at the staging path, is removed. Where the
//! exchange is not supported it is two renames (old away, new in); a
//! process killed between the two leaves no `out/` for a moment, with both
//! runs complete beside it, and the next run cleans them up.

use crate::error::{Error, Kind, Result};
use crate::input::odd_kind;
use std::fs::File;
use std::path::{Path, PathBuf};

/// The folder a run makes, claimed: locked, checked, with an empty
/// staging folder to write into. Dropping it without `commit` removes the
/// staging folder and leaves the folder as it was.
pub struct Folder {
    /// The folder as given, for messages.
    shown: PathBuf,
    /// The folder's real path (a symbolic link to a folder is followed).
    target: PathBuf,
    staging: PathBuf,
    /// Whether a run folder was there before, to replace.
    existed: bool,
    _lock: Lock,
}

impl Folder {
    /// Claims `dir` for a run that reads `inputs`. Refused: a `dir` that is
    /// not a folder, holds one of the inputs (the swap would delete it), or
    /// holds files foldline did not make unless `force`; a `dir` another run
    /// is writing.
    pub fn claim(dir: &Path, force: bool, inputs: &[PathBuf]) -> Result<Folder> {
        let shown = dir.to_path_buf();
        let target = real_path(dir)?;
        let (parent, name) = match (target.parent(), target.file_name()) {
            (Some(p), Some(n)) => (p.to_path_buf(), n.to_string_lossy().into_owned()),
            _ => {
                return Err(Error::input(format!(
                    "cannot make a run in {}: give a folder with a name, such as -o print-run",
                    dir.display()
                )))
            }
        };
        let existed = match std::fs::metadata(&target) {
            Ok(m) if m.is_dir() => true,
            Ok(m) => {
                let kind = odd_kind(&m).unwrap_or("a file");
                return Err(Error::io(format!(
                    "cannot make a run in {}: it is {kind}, not a folder; give a new or existing folder",
                    dir.display()
                )));
            }
            Err(_) => false,
        };
        for input in inputs {
            let Ok(real) = input.canonicalize() else {
                continue;
            };
            if real.starts_with(&target) {
                return Err(Error::input(format!(
                    "cannot make a run in {}: it holds {}, which this run reads, and a run replaces its folder whole; write the run to another folder with -o",
                    dir.display(),
                    input.display()
                )));
            }
        }
        std::fs::create_dir_all(&parent).map_err(|e| {
            Error::io(format!(
                "cannot create the folder {}: {e}",
                parent.display()
            ))
        })?;
        let lock = Lock::take(&parent.join(format!(".{name}.foldline-lock")), dir)?;
        if existed && !force {
            let foreign = not_from_a_run(&target);
            if !foreign.is_empty() {
                return Err(Error::input(format!(
                    "{} holds files a foldline run did not make ({}); a run replaces its folder whole, so they would be deleted. Give a new or empty folder with -o, or add --force to replace the folder anyway",
                    dir.display(),
                    foreign.join(", ")
                )));
            }
        }
        // Left by runs that were killed outright (see the module comment);
        // the lock says none of them is still running.
        remove_leftovers(&parent, &name);
        let staging = parent.join(format!(".{name}.foldline-staging-{}", std::process::id()));
        std::fs::create_dir(&staging).map_err(|e| {
            Error::io(format!(
                "cannot create the staging folder {}: {e}",
                staging.display()
            ))
        })?;
        Ok(Folder {
            shown,
            target,
            staging,
            existed,
            _lock: lock,
        })
    }

    /// Where the run writes its files.
    pub fn staging(&self) -> &Path {
        &self.staging
    }

    /// Whether the folder being replaced has a file at `relative`.
    pub fn had(&self, relative: &str) -> bool {
        self.existed && self.target.join(relative).is_file()
    }

    /// Puts the finished run in place of the folder (see the module
    /// comment for why this cannot leave a half-done folder).
    pub fn commit(self) -> Result<()> {
        swap_in(&self.staging, &self.target, self.existed).map_err(|e| {
            Error::io(format!(
                "cannot put the run in place at {}: {e}; the folder is unchanged",
                self.shown.display()
            ))
        })
        // Drop removes what is left at the staging path: the old run.
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.staging);
    }
}

/// `dir` with its parent made real (so `-o .` and links work), or `dir`'s
/// own real path if it exists.
fn real_path(dir: &Path) -> Result<PathBuf> {
    if let Ok(real) = dir.canonicalize() {
        return Ok(real);
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = dir.file_name().ok_or_else(|| {
        Error::input(format!(
            "cannot make a run in {}: give a folder with a name, such as -o print-run",
            dir.display()
        ))
    })?;
    // A parent that does not exist yet is made when the run is claimed.
    let parent = parent
        .canonicalize()
        .unwrap_or_else(|_| parent.to_path_buf());
    Ok(parent.join(name))
}

/// Files in `dir` that a run does not write: anything but manifest.csv,
/// proof.pdf, `<county>/<lang>/<product>.pdf` and its PNG previews. At most 3, for a message.
fn not_from_a_run(dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, depth: usize, rel: &str, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            out.push(format!("{rel} (cannot be listed)"));
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let path = format!("{rel}{name}");
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
            let ours = match (depth, is_dir) {
                (0, false) => name == super::MANIFEST || name == super::PROOF,
                (0 | 1, true) => {
                    walk(&e.path(), depth + 1, &format!("{path}/"), out);
                    true
                }
                // The pieces, and their previews with `--preview`.
                (2, false) => name.ends_with(".pdf") || name.ends_with(".png"),
                _ => false,
            };
            if !ours {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, 0, "", &mut out);
    // A folder of foldline's shape without its manifest is not a run either.
    let has_manifest = dir.join(super::MANIFEST).is_file();
    if !has_manifest && std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some()) {
        out.push(format!("no {}", super::MANIFEST));
    }
    out.sort();
    out.truncate(3);
    out
}

fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let pid = [".foldline-staging-", ".foldline-old-"]
            .iter()
            .find_map(|kind| file.strip_prefix(&format!(".{name}{kind}")));
        if pid.is_some_and(|p| p.parse::<u32>().is_ok()) {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Puts `staging` at `target`; the old run (if any) ends at `staging`.
fn swap_in(staging: &Path, target: &Path, existed: bool) -> std::io::Result<()> {
    if !existed {
        return std::fs::rename(staging, target);
    }
    #[cfg(target_os = "linux")]
    if exchange(staging, target).is_ok() {
        return Ok(());
    }
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let old = target.with_file_name(format!(".{name}.foldline-old-{}", std::process::id()));
    std::fs::rename(target, &old)?;
    if let Err(e) = std::fs::rename(staging, target) {
        let _ = std::fs::rename(&old, target);
        return Err(e);
    }
    std::fs::rename(&old, staging)
}

/// Swaps two folders in one step (Linux 3.15 on, on most file systems).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(std::io::Error::other);
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both paths are NUL-terminated strings that outlive the call;
    // the system call only reads them.
    let r = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    match r {
        0 => Ok(()),
        _ => Err(std::io::Error::last_os_error()),
    }
}

/// An OS lock on a file beside the run folder, removed when the run ends.
struct Lock {
    path: PathBuf,
    _file: File,
}

impl Lock {
    fn take(path: &Path, dir: &Path) -> Result<Lock> {
        let cannot = |e: std::io::Error| {
            Error::io(format!("cannot lock {} for the run: {e}", path.display()))
        };
        // A run that ends removes its lock file; one that opened the file
        // just before may then hold the lock on a file no longer at the
        // path, so the lock counts only if the path still names that file.
        loop {
            let file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(path)
                .map_err(cannot)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => {
                    let holder = std::fs::read_to_string(path).unwrap_or_default();
                    let holder = match holder.trim() {
                        "" => String::new(),
                        pid => format!(" (process {pid})"),
                    };
                    return Err(Error::io(format!(
                        "another foldline run{holder} is writing {} now; wait for it to finish, or write this run elsewhere with -o (the lock is {})",
                        dir.display(),
                        path.display()
                    )));
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(cannot(e)),
            }
            if same_file(&file, path) {
                use std::io::Write;
                let mut f = &file;
                let _ = f.set_len(0);
                let _ = write!(f, "{}", std::process::id());
                return Ok(Lock {
                    path: path.to_path_buf(),
                    _file: file,
                });
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held, so no other run can be holding it.
        let _ = std::fs::remove_file(&self.path);
    }
}

fn same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// Ctrl-C and `kill` during a run: the first one asks the run to stop
/// between pieces (it then removes its staging folder and exits); a second
/// one, or one outside a run, does what it always does.
pub mod signals {
    use super::{Error, Kind};
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    /// The signal that asked the run to stop, or 0.
    static STOP: AtomicUsize = AtomicUsize::new(0);
    /// True outside a run and after the first signal: the next one ends
    /// the process at once.
    static AS_USUAL: AtomicBool = AtomicBool::new(true);

    #[cfg(unix)]
    const SIGNALS: [i32; 3] = [
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ];

    /// Until the returned guard is dropped, a signal stops the run instead
    /// of the process.
    pub fn catch() -> Catching {
        #[cfg(unix)]
        {
            static REGISTERED: std::sync::Once = std::sync::Once::new();
            REGISTERED.call_once(|| {
                use signal_hook::flag;
                for sig in SIGNALS {
                    // In this order: end at once if that is due; else note
                    // the signal, and make the next one end at once.
                    let _ = flag::register_conditional_default(sig, &AS_USUAL);
                    let _ = flag::register_usize(sig, &STOP, sig as usize);
                    let _ = flag::register(sig, &AS_USUAL);
                }
            });
        }
        STOP.store(0, Ordering::SeqCst);
        AS_USUAL.store(false, Ordering::SeqCst);
        Catching(())
    }

    pub struct Catching(());

    impl Catching {
        /// Whether a signal asked to stop.
        pub fn signalled(&self) -> bool {
            STOP.load(Ordering::SeqCst) != 0
        }

        /// The error to stop with if a signal came.
        pub fn stopped(&self, shown: &std::path::Path) -> Option<Error> {
            let sig = STOP.load(Ordering::SeqCst);
            (sig != 0).then(|| {
                Error::new(
                    Kind::Interrupted,
                    format!(
                        "the run was stopped ({}) before it was complete; {} is as it was before it",
                        name(sig),
                        shown.display()
                    ),
                )
            })
        }
    }

    impl Drop for Catching {
        fn drop(&mut self) {
            AS_USUAL.store(true, Ordering::SeqCst);
        }
    }

    fn name(sig: usize) -> String {
        #[cfg(unix)]
        if let Some(n) = signal_hook::low_level::signal_name(sig as i32) {
            return n.to_string();
        }
        format!("signal {sig}")
    }
}
