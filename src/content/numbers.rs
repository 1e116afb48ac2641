//! Every phone number the content writes, checked when it is read: the
//! default `meta.hotline`, each hotline box's `number:`, and any number in
//! a text, a QR code's data or an alt text (a screen reader says it too).
//! A valid one is kept with its line, so the manifest and the proof sheet
//! can say it came from the content file, never from the registry.

use super::check::{for_each_text_at, Where};
use super::hotline;
use super::load::{at as diagnostic, find};
use super::model::{Block, Content};
use crate::error::{Error, Kind, Problems};

/// A number the content itself writes, in house style, with where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal {
    pub number: String,
    /// Line in the content file (from 1), 0 where it cannot be found.
    pub line: usize,
}

/// Checks every number in `content` (placeholders not filled in) and
/// returns the valid literals, each once, at the first line that writes it.
pub fn check(
    content: &mut Content,
    source: &str,
    name: &str,
    problems: &mut Problems,
) -> Vec<Literal> {
    let meta_hotline = &content.meta.hotline;
    if let Err(e) = hotline::normalize(meta_hotline) {
        let at = find(source, None, &format!("hotline: {meta_hotline}"), 0)
            .map(|(line, column)| (line, column + "hotline: ".len()));
        problems.push(error(
            source,
            name,
            at,
            &format!("meta.hotline: {}", e.message),
            meta_hotline,
        ));
    }
    for (key, section) in &content.sections {
        let numbers = section.blocks.iter().enumerate().flat_map(|(i, b)| {
            let boxes = match b {
                Block::Hotline(h) => std::slice::from_ref(h),
                Block::Hotlines(list) => list.as_slice(),
                _ => &[],
            };
            boxes.iter().map(move |h| (i, b.kind(), &h.number))
        });
        for (i, kind, number) in numbers {
            // A box prints the county's number or one written out, nothing else.
            if number.trim() == "{hotline}" || hotline::normalize(number).is_ok() {
                continue;
            }
            let why = hotline::normalize(number).unwrap_err().message;
            let at = find(source, Some(key), &format!("number: {number}"), 0)
                .map(|(line, column)| (line, column + "number: ".len()))
                .or_else(|| find(source, Some(key), number, 0));
            problems.push(error(
                source,
                name,
                at,
                &format!("sections.{key}.blocks[{i}] ({kind}).number: {why}; or write \"{{hotline}}\" for the county's number"),
                number,
            ));
        }
    }
    let mut literals: Vec<Literal> = Vec::new();
    let _ = for_each_text_at(content, &mut |at: &Where, text: &mut String| {
        for written in hotline::find(text) {
            let place = find(source, at.section, written.text, 0);
            match written.number {
                Ok(number) => {
                    let line = place.map_or(0, |(line, _)| line);
                    match literals.iter_mut().find(|l| l.number == number) {
                        Some(l) if line > 0 && (l.line == 0 || line < l.line) => l.line = line,
                        Some(_) => {}
                        None => literals.push(Literal { number, line }),
                    }
                }
                Err(why) => {
                    let d = diagnostic(
                        name,
                        source,
                        place,
                        format!(
                            "{}: \"{}\" reads as a phone number and is not a valid one: {why}",
                            at.path, written.text
                        ),
                    )
                    .len(written.text.chars().count())
                    .label("not a valid phone number")
                    .help("Every number the content prints is checked; write a range of years with an en dash, 2024–2025");
                    problems.push(d.into_error(Kind::Input));
                }
            }
        }
        Ok(())
    });
    literals
}

/// A number that is not one, underlined where it is written.
fn error(
    source: &str,
    name: &str,
    at: Option<(usize, usize)>,
    message: &str,
    number: &str,
) -> Error {
    diagnostic(name, source, at, message)
        .len(number.trim().chars().count())
        .label("not a valid phone number")
        .into_error(Kind::Input)
}
