//! Writing output files atomically: a temporary file in the target folder,
//! renamed over the target only once it is complete. A failed write (disk
//! full, no permission) removes the temporary file and leaves any earlier
//! file at the target untouched.

use crate::error::{Error, Result};
use crate::input::odd_kind;
use std::io::Write;
use std::path::Path;

/// Refuses, before any work is done, an output path that cannot be
/// written: empty, a folder, a device, FIFO or socket (the rename would
/// replace `/dev/null` itself), in a folder that does not exist, or one of
/// the `inputs` the command reads, each with what it is ("the content file").
pub fn check_target(path: &Path, inputs: &[(&Path, &str)]) -> Result<()> {
    if path.as_os_str().is_empty() {
        return Err(Error::io(
            "the output file name is empty; give one such as brochure.pdf",
        ));
    }
    let text = path.as_os_str().to_string_lossy();
    if path.is_dir() || text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR) {
        return Err(Error::io(format!(
            "cannot write {}: it is a folder; give a file name such as brochure.pdf",
            path.display()
        )));
    }
    if let Some(kind) = std::fs::metadata(path).ok().as_ref().and_then(odd_kind) {
        return Err(Error::io(format!(
            "cannot write {}: it is {kind}, not a regular file; give the name of a file, new or to replace",
            path.display()
        )));
    }
    let dir = folder(path);
    if !dir.is_dir() {
        let why = if dir.exists() {
            "is not a folder"
        } else {
            "does not exist"
        };
        return Err(Error::io(format!(
            "cannot write {}: {} {why}; create the folder first or write somewhere else",
            path.display(),
            dir.display()
        )));
    }
    let Ok(real) = path.canonicalize() else {
        return Ok(());
    };
    for (input, what) in inputs {
        if input.canonicalize().is_ok_and(|i| i == real) {
            return Err(Error::input(format!(
                "the output file {} is {what}; writing it would destroy it. Give another name with -o",
                path.display()
            )));
        }
    }
    Ok(())
}

fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    check_target(path, &[])?;
    write_with(path, |file| file.write_all(bytes))
}

/// Writes through `fill` into a temporary file beside `path`, then renames.
fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<()> {
    let name: String = path
        .file_name()
        .map(|n| n.to_string_lossy().chars().take(100).collect())
        .unwrap_or_default();
    let tmp = folder(path).join(format!(".{name}.{}.tmp", std::process::id()));
    let fail = |e: std::io::Error| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(format!(
            "cannot write {}: {}; nothing was written and any existing file there is unchanged",
            path.display(),
            explain(&e)
        ))
    };
    let mut file = std::fs::File::create(&tmp).map_err(fail)?;
    fill(&mut file)
        .and_then(|_| file.sync_all())
        .map_err(fail)?;
    drop(file);
    std::fs::rename(&tmp, path).map_err(fail)
}

/// The system's message, with what it means for the person at the desk.
fn explain(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let why = match e.kind() {
        StorageFull => "the disk is full; free some space",
        FileTooLarge => "the file is larger than this system allows",
        PermissionDenied => "you do not have permission to write there",
        ReadOnlyFilesystem => "the disk is read-only",
        _ => return e.to_string(),
    };
    format!("{why} ({e})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;

    fn dir(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("foldline-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary_file() {
        let d = dir("fail");
        let target = d.join("out.pdf");
        std::fs::write(&target, b"previous").unwrap();
        let e = write_with(&target, |f| {
            f.write_all(b"%PDF-1.7 half")?;
            Err(io::Error::from(io::ErrorKind::StorageFull))
        })
        .unwrap_err();
        assert_eq!(e.exit_code(), 4);
        assert!(e.message.contains("the disk is full"), "{e}");
        assert!(e.message.contains("unchanged"), "{e}");
        assert_eq!(std::fs::read(&target).unwrap(), b"previous");
        let left: Vec<_> = std::fs::read_dir(&d).unwrap().collect();
        assert_eq!(left.len(), 1, "{left:?}");
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_complete_write_replaces_the_old_file() {
        let d = dir("ok");
        let target = d.join("out.pdf");
        std::fs::write(&target, b"previous").unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(&d).unwrap().count(), 1);
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn targets_that_cannot_be_written_are_refused_first() {
        let d = dir("targets");
        std::fs::write(d.join("file"), b"x").unwrap();
        for (bad, says) in [
            (d.clone(), "is a folder"),
            (d.join("sub/"), "is a folder"),
            (d.join("missing/out.pdf"), "does not exist"),
            (d.join("file/out.pdf"), "is not a folder"),
            (Path::new("").to_path_buf(), "empty"),
        ] {
            let e = check_target(&bad, &[]).unwrap_err();
            assert!(e.message.contains(says), "{bad:?}: {e}");
        }
        let content = d.join("file");
        let e = check_target(&content, &[(&content, "the content file")]).unwrap_err();
        assert!(e.message.contains("is the content file"), "{e}");
        std::fs::remove_dir_all(&d).unwrap();
    }
}
