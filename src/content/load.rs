//! Reading a content file: the embedded default or a file staff edited.

use super::model::Content;
use crate::error::{Error, Result};
use serde::de::DeserializeOwned;
use std::path::Path;

/// The CSEC content shipped inside the binary.
pub const EMBEDDED_EN: &str = include_str!("../../content/csec/en.yaml");
pub const EMBEDDED_NAME: &str = "content/csec/en.yaml (built in)";
/// The Spanish version (California requires trafficking notices in both).
pub const EMBEDDED_ES: &str = include_str!("../../content/csec/es.yaml");
pub const EMBEDDED_ES_NAME: &str = "content/csec/es.yaml (built in)";

/// The languages of the built-in content.
pub const LANGUAGES: [&str; 2] = ["en", "es"];

/// The built-in content for `lang` and its display name.
pub fn embedded(lang: &str) -> Result<(&'static str, &'static str)> {
    match lang {
        "en" => Ok((EMBEDDED_EN, EMBEDDED_NAME)),
        "es" => Ok((EMBEDDED_ES, EMBEDDED_ES_NAME)),
        _ => Err(Error::input(format!(
            "no built-in content in language \"{lang}\"; the built-in languages are {}; for another language give a content file with --content",
            LANGUAGES.join(", ")
        ))),
    }
}

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
    parse_yaml(text, name)
}

/// Parses any YAML document foldline reads, with the same error report.
pub fn parse_yaml<T: DeserializeOwned>(text: &str, name: &str) -> Result<T> {
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
