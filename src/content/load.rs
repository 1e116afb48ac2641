//! Reading a content file: the embedded default or a file staff edited.

use super::model::Content;
use crate::error::{Error, Result};
use std::path::Path;

/// The CSEC content shipped inside the binary.
pub const EMBEDDED_EN: &str = include_str!("../../content/csec/en.yaml");
pub const EMBEDDED_NAME: &str = "content/csec/en.yaml (built in)";

/// Content files are a few kilobytes; anything this large is a mistake.
const MAX_BYTES: u64 = 2 * 1024 * 1024;

pub fn read_file(path: &Path) -> Result<String> {
    let meta = std::fs::metadata(path)
        .map_err(|e| Error::input(format!("cannot read content file {}: {e}", path.display())))?;
    if meta.is_dir() {
        return Err(Error::input(format!(
            "content file {} is a folder; give the path of a .yaml file",
            path.display()
        )));
    }
    if meta.len() > MAX_BYTES {
        return Err(Error::input(format!(
            "content file {} is {} bytes; content files are limited to {} bytes",
            path.display(),
            meta.len(),
            MAX_BYTES
        )));
    }
    std::fs::read_to_string(path)
        .map_err(|e| Error::input(format!("cannot read content file {}: {e}", path.display())))
}

/// Parses YAML text; errors name the file, line and column and show the line.
pub fn parse(text: &str, name: &str) -> Result<Content> {
    serde_yaml::from_str(text).map_err(|e| yaml_error(&e, text, name))
}

fn yaml_error(e: &serde_yaml::Error, text: &str, name: &str) -> Error {
    let message = e.to_string();
    let Some(loc) = e.location() else {
        return Error::input(format!("{name}: {message}"));
    };
    // serde's message repeats the position at its end; drop it, we show it first.
    let message = match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    };
    let (line, column) = (loc.line(), loc.column());
    let source = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let gutter = line.to_string().len();
    Error::input(format!(
        "{name}:{line}:{column}: {message}\n{:gutter$} |\n{line} | {source}\n{:gutter$} | {:>col$}",
        "",
        "",
        "^",
        col = column.max(1)
    ))
}
