//! Writing output files atomically: a temporary file in the target folder,
//! renamed over the target only once it is complete.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.is_dir() {
        return Err(Error::io(format!(
            "cannot write {}: it is a folder; give a file name such as brochure.pdf",
            path.display()
        )));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let fail = |e: std::io::Error, tmp: &Path| {
        let _ = std::fs::remove_file(tmp);
        Error::io(format!(
            "cannot write {}: {e}; nothing was written and any existing file is unchanged",
            path.display()
        ))
    };
    let mut file = std::fs::File::create(&tmp).map_err(|e| fail(e, &tmp))?;
    file.write_all(bytes)
        .and_then(|_| file.sync_all())
        .map_err(|e| fail(e, &tmp))?;
    drop(file);
    std::fs::rename(&tmp, path).map_err(|e| fail(e, &tmp))
}
