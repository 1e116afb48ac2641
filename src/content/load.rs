//! Reading a content file: the embedded default or a file staff edited.

use super::model::Content;
use super::{budget, diagnose};
use crate::error::{Diagnostic, Error, Kind, Result};
use serde::de::DeserializeOwned;
use std::path::Path;

/// The English CSEC content shipped inside the binary, the source every
/// translation is made from (`languages` holds the others).
pub const EMBEDDED_EN: &str = include_str!("../../content/csec/en.yaml");

/// Content files are a few kilobytes; anything this large is a mistake.
pub const MAX_BYTES: u64 = 2 * 1024 * 1024;

pub fn read_file(path: &Path) -> Result<String> {
    read_text(path, "content file")
}

/// A YAML file foldline reads (`what`: "content file", "plan file"), as
/// UTF-8 text of at most `MAX_BYTES`.
pub fn read_text(path: &Path, what: &str) -> Result<String> {
    let bytes = crate::input::read_bounded(path, what, MAX_BYTES)?;
    String::from_utf8(bytes).map_err(|e| not_utf8(path, e.as_bytes(), e.utf8_error().valid_up_to()))
}

fn not_utf8(path: &Path, bytes: &[u8], at: usize) -> Error {
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    // The bad byte shows as U+FFFD, one character: the column holds.
    let text = String::from_utf8_lossy(bytes);
    Diagnostic::new(
        &path.display().to_string(),
        &text,
        Some((line, column)),
        format!(
            "the file is not UTF-8 text (byte 0x{:02X} here cannot start a character)",
            bytes[at]
        ),
    )
    .len(1)
    .label("not UTF-8")
    .help("save it with the encoding UTF-8 (in most editors: Save As, then choose UTF-8)")
    .into_error(Kind::Input)
}

/// Parses YAML text; errors name the file, line and column and show the line.
pub fn parse(text: &str, name: &str) -> Result<Content> {
    parse_yaml(text, name)
}

/// Parses any YAML document foldline reads, with the same error report;
/// refuses an empty file and YAML that would cost too much to read.
pub fn parse_yaml<T: DeserializeOwned>(text: &str, name: &str) -> Result<T> {
    if text.trim().is_empty() {
        return Err(Error::input(format!(
            "{name}: the file is empty; a content file starts from content/csec/en.yaml (foldline new writes one)"
        )));
    }
    budget::check(text, name)?;
    serde_yaml::from_str(text).map_err(|e| yaml_error(&e, text, name))
}

fn yaml_error(e: &serde_yaml::Error, text: &str, name: &str) -> Error {
    let raw = diagnose::strip_positions(&e.to_string());
    let line = e
        .location()
        .and_then(|l| text.lines().nth(l.line().saturating_sub(1)).map(|s| (l, s)));
    let explained = match line
        .and_then(|(l, s)| diagnose::from_the_line(&raw, text, l.line(), s, l.column()))
    {
        Some(m) => m,
        None => diagnose::explain(&raw),
    };
    let at = e.location().map(|l| (l.line(), l.column()));
    let mut d = Diagnostic::new(name, text, at, explained.message);
    if let Some(label) = explained.label {
        d = d.label(label);
    }
    if let Some(help) = explained.help {
        d = d.help(help);
    }
    d.into_error(Kind::Input)
}

/// Line and column (from 1) of the first `needle` after the line that
/// starts the top-level key `top` (`theme`, `brochure`, ...).
pub fn find_under(text: &str, top: &str, needle: &str) -> Option<(usize, usize)> {
    let start = text
        .lines()
        .position(|l| l.trim_end() == format!("{top}:"))?;
    text.lines().enumerate().skip(start + 1).find_map(|(i, l)| {
        let at = l.find(needle)?;
        Some((i + 1, l[..at].chars().count() + 1))
    })
}

/// A mistake in the file `name` (its text `text`) at `at`, a line and
/// column from 1, where known.
pub fn at(
    name: &str,
    text: &str,
    at: Option<(usize, usize)>,
    message: impl Into<String>,
) -> Diagnostic {
    Diagnostic::new(name, text, at, message)
}

/// Line and column (from 1) of `needle` in `text` at or after the line
/// where `section` is defined under `sections:`, on the line after `skip`
/// other lines that hold it.
pub fn find(
    text: &str,
    section: Option<&str>,
    needle: &str,
    skip: usize,
) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let start = section
        .and_then(|key| {
            let sections = lines.iter().position(|l| l.trim_end() == "sections:")?;
            let key_line = format!("{key}:");
            lines[sections..]
                .iter()
                .position(|l| l.trim_start().starts_with(&key_line))
                .map(|i| sections + i)
        })
        .unwrap_or(0);
    lines[start..]
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let at = l.find(needle)?;
            Some((start + i + 1, l[..at].chars().count() + 1))
        })
        .nth(skip)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mistake_is_shown_with_its_line_and_underline() {
        let text = "a: 1\nb: [1,\n";
        let e = at("f.yaml", text, Some((2, 4)), "bad")
            .label("here")
            .help("do this")
            .into_error(Kind::Input);
        assert_eq!(e.message, "f.yaml:2:4: bad. do this");
        let shown = e.render(false);
        assert!(shown.starts_with("error: bad\n"), "{shown}");
        assert!(shown.contains(" --> f.yaml:2:4\n"), "{shown}");
        assert!(shown.contains("2 | b: [1,\n"), "{shown}");
        assert!(shown.contains("  |    ^ here"), "{shown}");
        assert!(shown.contains("= help: do this"), "{shown}");
    }

    #[test]
    fn finds_text_from_its_section_on() {
        let text = "meta:\n  title: x {a}\nsections:\n  one:\n    p: {a}\n  two:\n    p: y {a}\n";
        assert_eq!(find(text, Some("two"), "{a}", 0), Some((7, 10)));
        assert_eq!(find(text, None, "{a}", 0), Some((2, 12)));
        assert_eq!(find(text, None, "{a}", 2), Some((7, 10)));
        assert_eq!(find(text, Some("two"), "{zz}", 0), None);
    }
}
