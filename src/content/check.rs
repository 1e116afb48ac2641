//! Checks after parsing: values serde accepts but print cannot (colours,
//! grid columns, language), and every text with where it is, so an error
//! names the section and block and shows the line of the file.

use super::load::{find, located};
use super::model::{Block, Content};
use super::placeholders::Vars;
use crate::error::{Error, Result};
use crate::layout::shape::first_missing;

/// Text bytes in the whole content, placeholders filled in: twice what the
/// largest print piece holds. Laying out more only to report that it does
/// not fit would take seconds.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// Where a text is: the key path as yaml_serde writes it, plus the section.
pub struct Where<'a> {
    pub section: Option<&'a str>,
    pub path: String,
}

/// Calls `f` with every text a product may print and where it is.
pub fn for_each_text_at(
    content: &mut Content,
    f: &mut impl FnMut(&Where, &mut String) -> Result<()>,
) -> Result<()> {
    let title = Where {
        section: None,
        path: "meta.title".into(),
    };
    f(&title, &mut content.meta.title)?;
    for (key, section) in &mut content.sections {
        if let Some(h) = &mut section.heading {
            let at = Where {
                section: Some(key),
                path: format!("sections.{key}.heading"),
            };
            f(&at, h)?;
        }
        for (i, block) in section.blocks.iter_mut().enumerate() {
            let at = Where {
                section: Some(key),
                path: format!("sections.{key}.blocks[{i}] ({})", block.kind()),
            };
            block.for_each_text_mut(&mut |t: &mut String| f(&at, t))?;
        }
    }
    Ok(())
}

/// Values that parse but cannot be printed.
pub fn values(content: &Content, name: &str) -> Result<()> {
    let t = &content.theme;
    for (key, cmyk) in [
        ("primary", t.primary),
        ("accent", t.accent),
        ("tint", t.tint),
        ("on_primary", t.on_primary),
    ] {
        if cmyk.iter().any(|v| !(0.0..=100.0).contains(v)) {
            return Err(Error::input(format!(
                "{name}: theme.{key}: {cmyk:?} is not a CMYK colour; give four percentages from 0 to 100 (cyan, magenta, yellow, black) such as [0, 85, 95, 0]"
            )));
        }
    }
    let lang = &content.meta.language;
    if !is_language_tag(lang) {
        return Err(Error::input(format!(
            "{name}: meta.language: \"{lang}\" is not a language code; use a code such as en or es (it sets hyphenation and the PDF's language)"
        )));
    }
    for (key, section) in &content.sections {
        for (i, block) in section.blocks.iter().enumerate() {
            let at = format!("{name}: sections.{key}.blocks[{i}].{}", block.kind());
            match block {
                Block::Grid(g) if g.columns == 0 => {
                    return Err(Error::input(format!(
                        "{at}.columns is 0; a grid has at least 1 column"
                    )))
                }
                Block::Image(img) if !(img.width > 0.0 && img.width <= 100.0) => {
                    return Err(Error::input(format!(
                        "{at}.width is {}; give the printed width in inches, such as 1.5",
                        img.width
                    )))
                }
                Block::Qr(q) if q.size.is_some_and(|s| !(s > 0.0 && s <= 100.0)) => {
                    return Err(Error::input(format!(
                        "{at}.size is {}; give the printed size in inches, such as 1, or leave it out",
                        q.size.unwrap_or_default()
                    )))
                }
                _ => {}
            }
        }
    }
    let sides = [
        ("poster", content.poster.as_ref().map(|p| p.columns)),
        ("card.front", content.card.as_ref().map(|c| c.front.columns)),
        ("card.back", content.card.as_ref().map(|c| c.back.columns)),
    ];
    if let Some((side, _)) = sides.iter().find(|(_, c)| *c == Some(0)) {
        return Err(Error::input(format!(
            "{name}: {side}.columns is 0; give at least 1"
        )));
    }
    Ok(())
}

/// BCP 47 in the shape PDF readers accept: `en`, `es`, `en-US`, `zh-Hant`.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Turns line breaks and tabs (from `>` and `|` blocks) into spaces,
/// bounds the amount of text, and checks that the embedded fonts have
/// every character. `source` is the file's text, to show the line.
pub fn texts(content: &mut Content, source: &str, name: &str) -> Result<()> {
    let mut total = 0;
    for_each_text_at(content, &mut |at, text| {
        *text = text.replace(['\n', '\r', '\t'], " ");
        total += text.len();
        if total > MAX_TEXT_BYTES {
            return Err(Error::input(format!(
                "{name}: the content holds more than {MAX_TEXT_BYTES} bytes of text (the limit is reached at {}); a brochure holds about 6 000 and the largest poster about 30 000, so it cannot fit any print piece. Remove what is not meant to be printed",
                at.path
            )));
        }
        // The title goes into the PDF's metadata, not onto the page.
        if at.section.is_none() {
            return Ok(());
        }
        match first_missing(text) {
            Some(c) => Err(located_error(
                at,
                source,
                name,
                &c.to_string(),
                missing_char(c),
            )),
            None => Ok(()),
        }
    })
}

/// Fills in the placeholders of every text; an unknown one is named with
/// where it is.
pub fn fill(content: &mut Content, vars: &Vars, source: &str, name: &str) -> Result<()> {
    for_each_text_at(content, &mut |at, text| {
        *text = vars
            .fill(text)
            .map_err(|e| match vars.first_unknown(text) {
                Some(p) => located_error(at, source, name, &p, e.message),
                None => Error::input(format!("{name}: {}: {}", at.path, e.message)),
            })?;
        Ok(())
    })
}

/// "file:line:column: path: message" with the line shown, where `needle`
/// is found from the section on; else "file: path: message".
fn located_error(at: &Where, source: &str, name: &str, needle: &str, message: String) -> Error {
    let message = format!("{}: {message}", at.path);
    Error::input(match find(source, at.section, needle) {
        Some((line, column)) => located(name, source, line, column, &message),
        None => format!("{name}: {message}"),
    })
}

fn missing_char(c: char) -> String {
    let shown = if c.is_control() || c.is_whitespace() {
        format!("U+{:04X} (an invisible control character)", c as u32)
    } else {
        format!("'{c}' (U+{:04X})", c as u32)
    };
    format!(
        "the character {shown} is not in the embedded fonts (DejaVu Sans Condensed), so it cannot be printed. Replace or remove it; most emoji and Chinese, Japanese and Korean characters are not in these fonts"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{load::LANGUAGES, read};

    #[test]
    fn the_text_limit_leaves_room_for_real_content() {
        for lang in LANGUAGES {
            let mut c = read(None, Some(lang)).unwrap().content;
            let mut total = 0;
            for_each_text_at(&mut c, &mut |_, t| {
                total += t.len();
                Ok(())
            })
            .unwrap();
            assert!(total * 4 < MAX_TEXT_BYTES, "{lang}: {total}");
        }
    }

    #[test]
    fn language_tags() {
        for ok in ["en", "es", "en-US", "zh-Hant", "haw"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["", "5", "english", "en_US", "en-", "e"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}
