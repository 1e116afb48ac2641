//! Reading the files foldline is given (content, plan, images, a PDF to
//! preflight): regular files only, never more than a limit. A FIFO or a
//! device would block the read or never end (`/dev/zero`), so it is refused
//! before a byte is read.

use crate::error::{Error, Result};
use std::fs::Metadata;
use std::io::Read;
use std::path::Path;

/// What a path that exists but is neither a regular file nor a folder is,
/// in words ("a FIFO (named pipe)"); None for files and folders.
pub fn odd_kind(meta: &Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() || t.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if t.is_char_device() {
            return Some("a character device");
        }
        if t.is_block_device() {
            return Some("a block device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("of an unknown kind")
}

/// An I/O error in words, without Rust's "(os error 2)".
pub fn plain(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "there is no such file (check the name and the folder)".into(),
        ErrorKind::PermissionDenied => {
            "permission denied (the file may belong to another user)".into()
        }
        _ => {
            let text = e.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}

/// The bytes of the file at `path`, `what` it is for messages ("content
/// file", "image"). Refused: a path that cannot be opened (exit 4), a folder
/// or anything but a regular file (exit 4), more than `max` bytes (exit 2:
/// the file is not what it claims to be).
pub fn read_bounded(path: &Path, what: &str, max: u64) -> Result<Vec<u8>> {
    let cannot = |e: std::io::Error| {
        Error::io(format!(
            "cannot read {what} {}: {}",
            path.display(),
            plain(&e)
        ))
    };
    // Looked at before opening: opening a FIFO waits for a writer.
    let meta = std::fs::metadata(path).map_err(cannot)?;
    not_regular(path, what, &meta)?;
    let file = open_nonblocking(path).map_err(cannot)?;
    // The path may have changed since: what was opened is what counts.
    let meta = file.metadata().map_err(cannot)?;
    not_regular(path, what, &meta)?;
    let too_big = |size: String| {
        Error::input(format!(
            "{what} {} {size}; a {what} may be at most {max} bytes, so this is not one",
            path.display()
        ))
    };
    if meta.len() > max {
        return Err(too_big(format!("is {} bytes", meta.len())));
    }
    // A file that grows while it is read stops at the limit too.
    let mut bytes = Vec::new();
    file.take(max + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > max {
        return Err(too_big("grew past the limit while it was read".into()));
    }
    Ok(bytes)
}

fn not_regular(path: &Path, what: &str, meta: &Metadata) -> Result<()> {
    let kind = match meta.is_dir() {
        true => Some("a folder"),
        false => odd_kind(meta),
    };
    match kind {
        None => Ok(()),
        Some(kind) => Err(Error::io(format!(
            "cannot read {what} {}: it is {kind}, not a regular file; give the path of a file",
            path.display()
        ))),
    }
}

/// Opens for reading without waiting, should the path have become a FIFO.
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}
