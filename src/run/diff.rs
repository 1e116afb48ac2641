//! `foldline diff OLD NEW`: what differs between two print runs, from
//! their manifests. Pieces are matched by their path in the run
//! (`placer/en/brochure.pdf`); a piece in both has changed when its SHA-256
//! differs, and its phone numbers are compared from the manifest's
//! `printed` column (the numbers read back from the PDF): a staff member
//! approving a run sees at once which pieces print a different number.
//! The PDFs themselves are not read.

use super::MANIFEST;
use crate::error::{Error, Result};
use crate::input;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// A manifest far larger than a run of every county, language and
/// product is not one.
const MAX_MANIFEST: u64 = 256 * 1024 * 1024;

/// One row of a manifest: a piece of the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Path in the run folder, '/'-separated.
    pub file: String,
    pub sha256: String,
    /// The numbers the piece prints, in the manifest's order.
    pub printed: Vec<Number>,
}

/// A number a piece prints, with its source (how many times it is
/// printed is not compared: that is the layout's business).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    pub number: String,
    pub source: String,
}

/// What differs between two runs; `Display` gives one line a piece that
/// differs and a summary line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    /// Pieces in either run (matched by path).
    pub pieces: usize,
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Only in the new run, with the numbers it prints.
    Added { file: String, numbers: Vec<String> },
    /// Only in the old run (or the new run could not make it).
    Removed { file: String },
    /// In both, with a different SHA-256 or different numbers or sources.
    Changed {
        file: String,
        same_file: bool,
        /// Numbers the old piece prints and the new one does not.
        gone: Vec<String>,
        /// Numbers the new piece prints and the old one did not.
        new: Vec<String>,
        /// Numbers both print whose source differs: number, old, new.
        sources: Vec<(String, String, String)>,
    },
}

impl Change {
    fn numbers_changed(&self) -> bool {
        matches!(self, Change::Changed { gone, new, .. } if !gone.is_empty() || !new.is_empty())
    }
}

impl Diff {
    pub fn differs(&self) -> bool {
        !self.changes.is_empty()
    }
}

/// The manifest of the run folder `dir`. Every problem is bad input
/// (exit 2, as diff(1) exits 2 for trouble): no such folder, a folder
/// without manifest.csv, a manifest that cannot be read or parsed (with
/// its file and line).
pub fn read(dir: &Path) -> Result<Vec<Piece>> {
    let hint = "give a folder made by `foldline run ... -o DIR`";
    match std::fs::metadata(dir) {
        Err(_) => {
            return Err(Error::input(format!(
                "there is no folder {}; {hint}",
                dir.display()
            )))
        }
        Ok(m) if !m.is_dir() => {
            return Err(Error::input(format!(
                "{} is not a folder, so not a foldline run folder; {hint}",
                dir.display()
            )))
        }
        Ok(_) => {}
    }
    let path = dir.join(MANIFEST);
    if std::fs::symlink_metadata(&path).is_err() {
        return Err(Error::input(format!(
            "{} is not a foldline run folder: it has no {MANIFEST} (a run writes one beside its PDFs); {hint}",
            dir.display()
        )));
    }
    // Unreadable is bad input here (exit 2), as diff(1) has it.
    let bytes = input::read_bounded(&path, "manifest", MAX_MANIFEST)
        .map_err(|e| Error::input(e.message))?;
    let shown = path.display().to_string();
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        Error::input(format!(
            "{shown}:{line}: not UTF-8 text, so not a manifest foldline wrote (was it saved by a spreadsheet in another encoding?)"
        ))
    })?;
    parse(text, &shown)
}

/// The pieces of a manifest's text; `shown` names it in messages.
pub fn parse(text: &str, shown: &str) -> Result<Vec<Piece>> {
    let at = |line: usize, what: String| Error::input(format!("{shown}:{line}: {what}"));
    let records = records(text.strip_prefix('\u{feff}').unwrap_or(text))
        .map_err(|(line, what)| at(line, what))?;
    let Some((_, header)) = records.first() else {
        return Err(at(
            1,
            "the manifest is empty; it is not one foldline wrote".into(),
        ));
    };
    let column = |name: &str| {
        header.iter().position(|h| h == name).ok_or_else(|| {
            at(
                1,
                format!(
                    "the header has no `{name}` column, so this is not a manifest foldline wrote"
                ),
            )
        })
    };
    let (file, sha, printed) = (column("file")?, column("sha256")?, column("printed")?);
    let mut pieces: Vec<Piece> = Vec::new();
    // Each file's line, to refuse one listed twice.
    let mut lines: HashMap<String, usize> = HashMap::new();
    for (line, fields) in &records[1..] {
        let line = *line;
        if fields.len() != header.len() {
            return Err(at(
                line,
                format!(
                    "{} field(s), but the header has {}; the manifest is damaged",
                    fields.len(),
                    header.len()
                ),
            ));
        }
        if fields[file].is_empty() {
            return Err(at(line, "the `file` field is empty".into()));
        }
        if let Some(first) = lines.insert(fields[file].clone(), line) {
            return Err(at(
                line,
                format!(
                    "{} is listed again (first on line {first}); the manifest is damaged",
                    fields[file]
                ),
            ));
        }
        pieces.push(Piece {
            file: fields[file].clone(),
            sha256: fields[sha].clone(),
            printed: parse_printed(&fields[printed]).map_err(|what| at(line, what))?,
        });
    }
    Ok(pieces)
}

/// "1.888.373.7888 ×3 (source); 916.872.6549 ×2 (source)", as
/// `manifest::csv` writes it, back into numbers and sources. A source may
/// itself hold "; " and parentheses, so an entry starts only where a
/// number and " ×N (" follow the "; ".
fn parse_printed(field: &str) -> std::result::Result<Vec<Number>, String> {
    let bad =
        || format!("the `printed` field \"{field}\" is not a list of \"number ×times (source)\"");
    if field.is_empty() {
        return Ok(Vec::new());
    }
    // Each entry: (number, rest after " (") until the next entry's start.
    let mut entries: Vec<(String, String)> = Vec::new();
    for part in field.split("; ") {
        match entry_start(part) {
            Some((number, rest)) => entries.push((number.to_string(), rest.to_string())),
            None => match entries.last_mut() {
                Some((_, rest)) => {
                    rest.push_str("; ");
                    rest.push_str(part);
                }
                None => return Err(bad()),
            },
        }
    }
    entries
        .into_iter()
        .map(|(number, rest)| {
            let source = rest.strip_suffix(')').ok_or_else(bad)?;
            Ok(Number {
                number,
                source: source.to_string(),
            })
        })
        .collect()
}

/// "916.872.6549 ×2 (rest" as the number and "rest".
fn entry_start(part: &str) -> Option<(&str, &str)> {
    let (number, after) = part.split_once(" ×")?;
    let (times, rest) = after.split_once(" (")?;
    let is_number = !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit() || c == '.')
        && number.chars().any(|c| c.is_ascii_digit());
    let is_times = !times.is_empty() && times.chars().all(|c| c.is_ascii_digit());
    (is_number && is_times).then_some((number, rest))
}

/// A CSV record: the line it starts on and its fields.
type Record = (usize, Vec<String>);

/// RFC 4180 records, each with the line (from 1) it starts on; a
/// malformed one is its line and what is wrong. Rows end in CRLF or LF; a
/// quoted field may hold commas, doubled quotes and line breaks.
fn records(text: &str) -> std::result::Result<Vec<Record>, (usize, String)> {
    let mut out = Vec::new();
    let mut line = 1;
    let mut chars = text.chars().peekable();
    while chars.peek().is_some() {
        let start = line;
        let mut fields = Vec::new();
        loop {
            let mut field = String::new();
            if chars.peek() == Some(&'"') {
                chars.next();
                let opened = line;
                loop {
                    match chars.next() {
                        None => return Err((
                            opened,
                            "a quoted field is never closed; the manifest is cut short or damaged"
                                .into(),
                        )),
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        Some('"') => break,
                        Some(c) => {
                            line += (c == '\n') as usize;
                            field.push(c);
                        }
                    }
                }
                if !matches!(chars.peek(), None | Some(',' | '\r' | '\n')) {
                    return Err((line, "text after a quoted field's closing quote".into()));
                }
            } else {
                while let Some(&c) = chars.peek() {
                    if matches!(c, ',' | '\r' | '\n') {
                        break;
                    }
                    if c == '"' {
                        return Err((line, "a quote inside a field that is not quoted".into()));
                    }
                    field.push(c);
                    chars.next();
                }
            }
            fields.push(field);
            match chars.next() {
                Some(',') => continue,
                Some('\r') => {
                    if chars.next_if_eq(&'\n').is_none() {
                        return Err((line, "a carriage return not followed by a line feed".into()));
                    }
                    line += 1;
                    break;
                }
                Some('\n') => {
                    line += 1;
                    break;
                }
                _ => break,
            }
        }
        // A blank line (a trailing one, say) is no row.
        if !(fields.len() == 1 && fields[0].is_empty()) {
            out.push((start, fields));
        }
    }
    Ok(out)
}

/// Compares the pieces of an old run with a new one's.
pub fn compare(old: &[Piece], new: &[Piece]) -> Diff {
    fn has(printed: &[Number], number: &str) -> bool {
        printed.iter().any(|p| p.number == number)
    }
    fn index(pieces: &[Piece]) -> HashMap<&str, usize> {
        pieces
            .iter()
            .enumerate()
            .map(|(i, p)| (p.file.as_str(), i))
            .collect()
    }
    let (in_old, in_new) = (index(old), index(new));
    let mut added = Vec::new();
    let mut changed = Vec::new();
    for n in new {
        let Some(o) = in_old.get(n.file.as_str()).map(|&i| &old[i]) else {
            added.push(Change::Added {
                file: n.file.clone(),
                numbers: n.printed.iter().map(|p| p.number.clone()).collect(),
            });
            continue;
        };
        let gone: Vec<String> = o
            .printed
            .iter()
            .filter(|p| !has(&n.printed, &p.number))
            .map(|p| p.number.clone())
            .collect();
        let fresh: Vec<String> = n
            .printed
            .iter()
            .filter(|p| !has(&o.printed, &p.number))
            .map(|p| p.number.clone())
            .collect();
        let sources: Vec<(String, String, String)> = n
            .printed
            .iter()
            .filter_map(|p| {
                let before = o.printed.iter().find(|q| q.number == p.number)?;
                (before.source != p.source)
                    .then(|| (p.number.clone(), before.source.clone(), p.source.clone()))
            })
            .collect();
        let same_file = o.sha256 == n.sha256;
        if !same_file || !gone.is_empty() || !fresh.is_empty() || !sources.is_empty() {
            changed.push(Change::Changed {
                file: n.file.clone(),
                same_file,
                gone,
                new: fresh,
                sources,
            });
        }
    }
    let removed: Vec<Change> = old
        .iter()
        .filter(|o| !in_new.contains_key(o.file.as_str()))
        .map(|o| Change::Removed {
            file: o.file.clone(),
        })
        .collect();
    let pieces = new.len() + removed.len();
    Diff {
        pieces,
        changes: added.into_iter().chain(removed).chain(changed).collect(),
    }
}

fn pieces(n: usize) -> String {
    match n {
        1 => "1 piece".into(),
        n => format!("{n} pieces"),
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Added { file, numbers } if numbers.is_empty() => {
                write!(f, "added:   {file} — prints no phone number")
            }
            Change::Added { file, numbers } => {
                write!(f, "added:   {file} — prints {}", numbers.join(", "))
            }
            Change::Removed { file } => write!(f, "removed: {file}"),
            Change::Changed {
                file,
                same_file,
                gone,
                new,
                sources,
            } => {
                write!(f, "changed: {file} — ")?;
                match (gone.is_empty(), new.is_empty()) {
                    (false, false) => write!(
                        f,
                        "the phone numbers changed: {} -> {}",
                        gone.join(", "),
                        new.join(", ")
                    )?,
                    (false, true) => write!(f, "it no longer prints {}", gone.join(", "))?,
                    (true, false) => write!(f, "it now also prints {}", new.join(", "))?,
                    (true, true) if *same_file => write!(f, "the same file and phone numbers")?,
                    (true, true) => write!(f, "same phone numbers (content or layout changed)")?,
                }
                for (number, old, new) in sources {
                    write!(f, "; the source of {number} changed: {old} -> {new}")?;
                }
                Ok(())
            }
        }
    }
}

impl fmt::Display for Diff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.changes.is_empty() {
            return write!(f, "no differences: {}", pieces(self.pieces));
        }
        for change in &self.changes {
            writeln!(f, "{change}")?;
        }
        let count = |kind: fn(&Change) -> bool| self.changes.iter().filter(|c| kind(c)).count();
        let added = count(|c| matches!(c, Change::Added { .. }));
        let removed = count(|c| matches!(c, Change::Removed { .. }));
        let changed = count(|c| matches!(c, Change::Changed { .. }));
        let numbers = count(Change::numbers_changed);
        let differ = self.changes.len();
        write!(
            f,
            "{} of {} {} ({added} added, {removed} removed, {changed} changed; {numbers} with changed phone numbers)",
            differ,
            pieces(self.pieces),
            if differ == 1 { "differs" } else { "differ" }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printed::Printed;
    use crate::products::Product;
    use crate::run::{manifest, Made};

    const REGISTRY: &str = "registry: https://www.placer.ca.gov/ (page; with parentheses)";

    fn made(file: &str, sha: &str, numbers: &[(&str, &str)]) -> Made {
        Made {
            county: "Placer".into(),
            language: "en".into(),
            product: Product::Card { sheet: false },
            hotline: numbers.first().map_or(String::new(), |n| n.0.to_string()),
            printed: numbers
                .iter()
                .map(|(number, source)| Printed {
                    number: number.to_string(),
                    times: 2,
                    source: source.to_string(),
                })
                .collect(),
            pages: 2,
            bytes: 1000,
            sha256: sha.into(),
            file: file.into(),
            pictures: Vec::new(),
        }
    }

    /// Pieces as `foldline run` writes them to manifest.csv, read back.
    fn run(made: &[Made]) -> Vec<Piece> {
        parse(&manifest::csv(made), "run/manifest.csv").unwrap()
    }

    #[test]
    fn reads_back_what_the_manifest_writes() {
        let national = (
            "1.888.373.7888",
            "foldline's built-in English content, line 40",
        );
        let pieces = run(&[
            made(
                "placer/en/card.pdf",
                "aa",
                &[("916.872.6549", REGISTRY), national],
            ),
            made("yolo/en/card.pdf", "bb", &[]),
        ]);
        assert_eq!(
            pieces,
            vec![
                Piece {
                    file: "placer/en/card.pdf".into(),
                    sha256: "aa".into(),
                    printed: vec![
                        Number {
                            number: "916.872.6549".into(),
                            source: REGISTRY.into()
                        },
                        Number {
                            number: national.0.into(),
                            source: national.1.into()
                        }
                    ],
                },
                Piece {
                    file: "yolo/en/card.pdf".into(),
                    sha256: "bb".into(),
                    printed: vec![],
                }
            ]
        );
    }

    #[test]
    fn one_line_a_piece_that_differs_and_a_summary() {
        let national = ("1.888.373.7888", "content, line 40");
        let old = run(&[
            made(
                "placer/en/card.pdf",
                "a1",
                &[("916.872.6549", REGISTRY), national],
            ),
            made("placer/vi/card.pdf", "a2", &[("916.872.6549", REGISTRY)]),
            made("monterey/en/card.pdf", "a3", &[("831.755.4661", REGISTRY)]),
            made("sonoma/en/card.pdf", "a4", &[("707.565.4000", REGISTRY)]),
            made("yolo/en/card.pdf", "a5", &[("530.661.2955", REGISTRY)]),
        ]);
        let new = run(&[
            made(
                "placer/en/card.pdf",
                "b1",
                &[("916.872.6550", "plan"), national],
            ),
            made("monterey/en/card.pdf", "b3", &[("831.755.4661", REGISTRY)]),
            made("sonoma/en/card.pdf", "a4", &[("707.565.4000", REGISTRY)]),
            made("yolo/en/card.pdf", "a5", &[("530.661.2955", "plan")]),
            made(
                "yolo/es/card.pdf",
                "b6",
                &[("530.661.2955", REGISTRY), national],
            ),
        ]);
        let diff = compare(&old, &new);
        assert!(diff.differs());
        assert_eq!(
            diff.to_string(),
            format!(
                "added:   yolo/es/card.pdf — prints 530.661.2955, 1.888.373.7888\n\
                 removed: placer/vi/card.pdf\n\
                 changed: placer/en/card.pdf — the phone numbers changed: 916.872.6549 -> 916.872.6550\n\
                 changed: monterey/en/card.pdf — same phone numbers (content or layout changed)\n\
                 changed: yolo/en/card.pdf — the same file and phone numbers; the source of 530.661.2955 changed: {REGISTRY} -> plan\n\
                 5 of 6 pieces differ (1 added, 1 removed, 3 changed; 1 with changed phone numbers)"
            )
        );
    }

    #[test]
    fn a_number_gone_or_new_is_said_so() {
        let old = run(&[made(
            "a/en/card.pdf",
            "1",
            &[("916.872.6549", "x"), ("1.888.373.7888", "y")],
        )]);
        let new = run(&[made("a/en/card.pdf", "2", &[("916.872.6549", "x")])]);
        assert_eq!(
            compare(&old, &new).to_string(),
            "changed: a/en/card.pdf — it no longer prints 1.888.373.7888\n\
             1 of 1 piece differs (0 added, 0 removed, 1 changed; 1 with changed phone numbers)"
        );
        assert_eq!(
            compare(&new, &old).changes[0].to_string(),
            "changed: a/en/card.pdf — it now also prints 1.888.373.7888"
        );
    }

    #[test]
    fn the_same_run_has_no_differences() {
        let pieces = run(&[
            made("placer/en/card.pdf", "a1", &[("916.872.6549", REGISTRY)]),
            made("yolo/en/card.pdf", "a2", &[("530.661.2955", REGISTRY)]),
        ]);
        let diff = compare(&pieces, &pieces);
        assert!(!diff.differs());
        assert_eq!(diff.to_string(), "no differences: 2 pieces");
        assert_eq!(compare(&[], &[]).to_string(), "no differences: 0 pieces");
    }

    #[test]
    fn a_garbled_manifest_is_refused_with_its_line() {
        let header = "county,language,product,hotline,source,printed,pages,bytes,sha256,file\r\n";
        let good =
            "Placer,en,card,916.872.6549,x,916.872.6549 ×2 (x),2,10,ab,placer/en/card.pdf\r\n";
        let cases = [
            (String::new(), "m.csv:1: the manifest is empty"),
            (
                "county,file\r\n".to_string(),
                "m.csv:1: the header has no `sha256` column",
            ),
            (
                format!("{header}{good}Yolo,en,card\r\n"),
                "m.csv:3: 3 field(s), but the header has 10",
            ),
            (
                format!("{header}{good}\"Yolo,en"),
                "m.csv:3: a quoted field is never closed",
            ),
            (
                format!("{header}{good}{good}"),
                "m.csv:3: placer/en/card.pdf is listed again (first on line 2)",
            ),
            (
                format!("{header}{}", good.replace("916.872.6549 ×2 (x)", "call us")),
                "m.csv:2: the `printed` field \"call us\" is not a list",
            ),
            (
                format!("{header}Pla\"cer{}", &good[6..]),
                "m.csv:2: a quote inside a field",
            ),
        ];
        for (text, message) in cases {
            let e = parse(&text, "m.csv").unwrap_err();
            assert_eq!(e.exit_code(), 2);
            assert!(e.message.starts_with(message), "{text:?}: {}", e.message);
        }
        // A quoted field over two lines: the next row's line is counted on.
        let split = format!(
            "{header}{}{good}",
            good.replace(",x,", ",\"two\nlines\",")
                .replace("placer/", "p/")
        );
        let e = parse(&format!("{split}Yolo\r\n"), "m.csv").unwrap_err();
        assert!(e.message.starts_with("m.csv:5:"), "{}", e.message);
    }

    #[test]
    fn a_folder_without_a_manifest_is_not_a_run() {
        let dir = std::env::temp_dir().join(format!("foldline-diff-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let e = read(&dir).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(
            e.message
                .contains("is not a foldline run folder: it has no manifest.csv"),
            "{}",
            e.message
        );
        let e = read(&dir.join("nosuch")).unwrap_err();
        assert!(e.message.starts_with("there is no folder"), "{}", e.message);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
