//! Review of translations: the `meta` fields that record it, the line that
//! marks an unreviewed draft on every page, and the warnings when content
//! is a draft or was reviewed against a source text that has changed since.

use super::languages::{self, DRAFT};
use super::load::at as diagnostic;
use super::model::{Meta, Review};
use super::Source;
use crate::error::{Kind, Problems};
use sha2::{Digest, Sha256};

/// The review fields must agree: an approval names who and when, a
/// translation names its source and that source's hash.
pub fn check(meta: &Meta, text: &str, name: &str, problems: &mut Problems) {
    let mut refuse = |key: &str, message: String| {
        let (message, help) = match message.split_once("; ") {
            Some((m, h)) => (format!("meta.{key}: {m}"), Some(h.to_string())),
            None => (format!("meta.{key}: {message}"), None),
        };
        let at = key_line(text, key).map(|line| {
            let column = text
                .lines()
                .nth(line - 1)
                .map_or(1, |l| l.len() - l.trim_start().len() + 1);
            (line, column)
        });
        let mut d = diagnostic(name, text, at, message).to_line_end();
        if let Some(help) = help {
            d = d.help(help);
        }
        problems.push(d.into_error(Kind::Input));
    };
    let given = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
    if meta.review == Some(Review::Approved) {
        for (key, value, what) in [
            (
                "reviewed_by",
                &meta.reviewed_by,
                "who signed the translation off",
            ),
            (
                "reviewed_on",
                &meta.reviewed_on,
                "the day they did, as YYYY-MM-DD",
            ),
        ] {
            if !given(value) {
                refuse(
                    "review",
                    format!("`approved` needs `{key}:` under `meta` ({what}); until someone has signed it off, write `review: pending`"),
                );
            }
        }
    }
    if let Some(day) = &meta.reviewed_on {
        if !is_date(day) {
            refuse(
                "reviewed_on",
                format!("\"{day}\" is not a date; write it as YYYY-MM-DD, such as 2025-03-31"),
            );
        }
    }
    match (&meta.translated_from, &meta.source_hash) {
        (Some(_), None) => refuse(
            "translated_from",
            "needs `source_hash:` under `meta`: the SHA-256 of the file translated, as it was then (`sha256sum content/csec/en.yaml`)".into(),
        ),
        (None, Some(_)) => refuse(
            "source_hash",
            "needs `translated_from:` under `meta`: the language code of the content translated, such as en".into(),
        ),
        _ => {}
    }
    if let Some(h) = &meta.source_hash {
        if h.len() != 64 || !h.chars().all(|c| c.is_ascii_hexdigit()) {
            refuse(
                "source_hash",
                format!("\"{h}\" is not a SHA-256 hash; give the 64 hex digits `sha256sum` prints for the file translated"),
            );
        }
    }
    if let Some(from) = &meta.translated_from {
        if meta.review.is_none() {
            refuse(
                "translated_from",
                "a translation needs `review:` under `meta`: `pending` until a native speaker has signed it off, then `approved`".into(),
            );
        }
        if languages::canonical(from).eq_ignore_ascii_case(languages::canonical(&meta.language)) {
            refuse(
                "translated_from",
                format!("\"{from}\" is the content's own language; name the language it was translated from, such as en"),
            );
        }
    }
}

/// The line (from 1) where `key:` is written under `meta:` (comments and
/// other sections aside).
fn key_line(text: &str, key: &str) -> Option<usize> {
    let meta = text.lines().position(|l| l.trim_end() == "meta:")?;
    let field = format!("{key}:");
    text.lines()
        .enumerate()
        .skip(meta + 1)
        .take_while(|(_, l)| l.is_empty() || l.starts_with([' ', '#']))
        .find(|(_, l)| l.trim_start().starts_with(&field))
        .map(|(i, _)| i + 1)
}

/// YYYY-MM-DD, a day that exists.
fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.trim().split('-').collect();
    let [y, m, d] = parts[..] else { return false };
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return false;
    }
    let (y, m, d): (u32, u32, u32) = (
        y.parse().unwrap_or(0),
        m.parse().unwrap_or(0),
        d.parse().unwrap_or(0),
    );
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// The lines printed on every page of a piece made from unreviewed
/// content: the English one, then the language's own (for a built-in
/// language other than English). Empty for reviewed or original content.
pub fn draft_lines(meta: &Meta) -> Vec<&'static str> {
    if meta.review != Some(Review::Pending) {
        return Vec::new();
    }
    let own = languages::find(&meta.language)
        .map(|l| l.draft)
        .filter(|d| *d != DRAFT);
    std::iter::once(DRAFT).chain(own).collect()
}

/// SHA-256 of a file's text, as `sha256sum` prints it.
pub fn hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether the text the content was translated from has changed since
/// (its hash is no longer `source_hash`).
pub fn source_changed(meta: &Meta, translated: &str) -> bool {
    meta.source_hash
        .as_deref()
        .is_some_and(|h| !h.eq_ignore_ascii_case(&hash(translated)))
}

/// What to warn about before printing `source`: an unreviewed draft, or
/// an approved translation whose source text has changed since.
/// `translated` is the text it was translated from (the built-in content
/// of `translated_from`, or a run plan's file for it).
pub fn warnings(source: &Source, translated: Option<&str>) -> Vec<String> {
    let meta = &source.content.meta;
    match meta.review {
        Some(Review::Pending) => vec![format!(
            "{} is a draft translation (meta.review: pending): a native speaker has not signed it off yet, so every page carries the line \"{}\"; do not print it for distribution",
            source.cite(0),
            draft_lines(meta).join(" / ")
        )],
        Some(Review::Approved) if translated.is_some_and(|t| source_changed(meta, t)) => {
            vec![format!(
                "{} may be out of date: it was reviewed as a translation of the {} content, which has changed since (its SHA-256 is no longer meta.source_hash). Have the changes translated and checked, then set source_hash to the new hash",
                source.cite(0),
                meta.translated_from.as_deref().unwrap_or("source")
            )]
        }
        _ => Vec::new(),
    }
}

/// The built-in content `meta.translated_from` names, if any.
pub fn built_in_source(meta: &Meta) -> Option<&'static str> {
    languages::find(meta.translated_from.as_deref()?).map(|l| l.content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        for ok in ["2025-03-31", "2024-02-29", "2000-02-29"] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in [
            "2025-02-29",
            "1900-02-29",
            "2025-13-01",
            "2025-3-1",
            "31/03/2025",
            "",
            "2025-04-31",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn hash_is_sha256_hex() {
        assert_eq!(
            hash(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
