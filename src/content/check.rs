//! Checks after parsing: values serde accepts but print cannot (colours,
//! grid columns, language), and every text with where it is, so an error
//! names the section and block and shows the line of the file.

use super::load::{find, located};
use super::model::{Block, Content};
use super::placeholders::Vars;
use crate::error::{Error, Result};
use crate::layout::fonts::BUILT_IN;
use crate::layout::shape::first_missing;

/// Text bytes in the whole content, placeholders filled in: twice what the
/// largest print piece holds. Laying out more only to report that it does
/// not fit would take seconds.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// Where a text is: the key path as yaml_serde writes it, plus the section.
pub struct Where<'a> {
    pub section: Option<&'a str>,
    pub path: String,
    /// Set on the page (not the title or a figure's alt text, which only
    /// go into the PDF's metadata and structure).
    pub printed: bool,
}

/// Calls `f` with every text a product may print or put in the PDF, and
/// where it is.
pub fn for_each_text_at(
    content: &mut Content,
    f: &mut impl FnMut(&Where, &mut String) -> Result<()>,
) -> Result<()> {
    let title = Where {
        section: None,
        path: "meta.title".into(),
        printed: false,
    };
    f(&title, &mut content.meta.title)?;
    for (key, section) in &mut content.sections {
        if let Some(h) = &mut section.heading {
            let at = Where {
                section: Some(key),
                path: format!("sections.{key}.heading"),
                printed: true,
            };
            f(&at, h)?;
        }
        for (i, block) in section.blocks.iter_mut().enumerate() {
            let mut at = Where {
                section: Some(key),
                path: format!("sections.{key}.blocks[{i}] ({})", block.kind()),
                printed: true,
            };
            block.for_each_text_mut(&mut |t: &mut String| f(&at, t))?;
            if let Some(alt) = block.alt_mut() {
                at.path.push_str(".alt");
                at.printed = false;
                f(&at, alt)?;
            }
        }
    }
    Ok(())
}

/// Values that parse but cannot be printed.
pub fn values(content: &Content, source: &str, name: &str) -> Result<()> {
    let t = &content.theme;
    for (key, cmyk) in [
        ("primary", t.primary),
        ("accent", t.accent),
        ("tint", t.tint),
        ("on_primary", t.on_primary),
    ] {
        if cmyk.iter().any(|v| !(0.0..=100.0).contains(v)) {
            let message = format!(
                "theme.{key}: {cmyk:?} is not a CMYK colour; give four percentages from 0 to 100 (cyan, magenta, yellow, black) such as [0, 85, 95, 0]"
            );
            let place = super::load::find_under(source, "theme", &format!("{key}:"));
            return Err(Error::input(super::load::at(name, source, place, &message)));
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

/// Every figure (image, QR code, chain) says what it shows in `alt`, or is
/// marked `decorative: true`: a screen reader has nothing else to say for
/// it. The error names the file, line, section and block.
pub fn figures(content: &Content, source: &str, name: &str) -> Result<()> {
    for (key, section) in &content.sections {
        let mut seen = std::collections::HashMap::new();
        for (i, block) in section.blocks.iter().enumerate() {
            let Some(figure) = block.figure() else {
                continue;
            };
            let kind = block.kind();
            // This block is the nth of its kind in the section: find its line.
            let nth = seen.entry(kind).or_insert(0);
            *nth += 1;
            let alt = figure.alt.map(str::trim);
            let problem = match (alt, figure.decorative) {
                (Some(""), _) => "its alt text is empty; say what it shows, or mark it `decorative: true` if it only decorates",
                (Some(_), true) => "it has alt text and `decorative: true`; give one: alt text if it says something, decorative if it only decorates",
                (None, false) => "it has no alt text for screen readers; add `alt: \"...\"` saying what it shows (for a QR code, what scanning does), or `decorative: true` if it only decorates",
                _ => continue,
            };
            let message = format!("sections.{key}.blocks[{i}] ({kind}): {problem}");
            let at = find(source, Some(key), &format!("{kind}:"), *nth - 1);
            return Err(Error::input(match at {
                Some((line, column)) => located(name, source, line, column, &message),
                None => format!("{name}: {message}"),
            }));
        }
    }
    Ok(())
}

/// A section's `only_county:` names a county the registry knows (by any
/// spelling it accepts): a typo would drop the section for every county.
/// `fill` compares the registry's name.
pub fn counties(content: &mut Content, source: &str, name: &str) -> Result<()> {
    for (key, section) in &mut content.sections {
        let Some(county) = &section.only_county else {
            continue;
        };
        let found = crate::content::registry::Registry::embedded_county(county).map_err(|e| {
            let message = format!("sections.{key}.only_county: {}", e.message);
            Error::input(match find(source, Some(key), "only_county:", 0) {
                Some((line, column)) => located(name, source, line, column, &message),
                None => format!("{name}: {message}"),
            })
        })?;
        section.only_county = Some(found.name);
    }
    Ok(())
}

/// `brochure.reading_order` names every panel once and nothing else. The
/// error names the file and line of the name at fault.
pub fn reading_order(content: &Content, source: &str, name: &str) -> Result<()> {
    let b = &content.brochure;
    let Some(order) = &b.reading_order else {
        return Ok(());
    };
    let panels: Vec<&str> = b
        .outside
        .iter()
        .chain(&b.inside)
        .map(|p| p.name.as_str())
        .collect();
    let fail = |needle: &str, message: String| {
        let start = find(source, None, "reading_order:", 0);
        let at = start.and_then(|(line, _)| {
            let rest: String = source.lines().skip(line - 1).collect::<Vec<_>>().join("\n");
            find(&rest, None, needle, 0).map(|(l, c)| (l + line - 1, c))
        });
        let message = format!("brochure.reading_order: {message}");
        Err(Error::input(match at.or(start) {
            Some((line, column)) => located(name, source, line, column, &message),
            None => format!("{name}: {message}"),
        }))
    };
    for (i, panel) in order.iter().enumerate() {
        if !panels.contains(&panel.as_str()) {
            return fail(
                panel,
                format!(
                    "there is no panel \"{panel}\"; the brochure's panels are {}",
                    panels.join(", ")
                ),
            );
        }
        if order[..i].contains(panel) {
            return fail(panel, format!("\"{panel}\" is listed twice"));
        }
    }
    if let Some(missing) = panels.iter().find(|p| !order.iter().any(|o| o == *p)) {
        return fail(
            "reading_order:",
            format!("panel \"{missing}\" is missing; list every panel once, in the order a person reads the folded brochure"),
        );
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
    let lang = content.meta.language.clone();
    for_each_text_at(content, &mut |at, text| {
        *text = text.replace(['\n', '\r', '\t'], " ");
        total += text.len();
        if total > MAX_TEXT_BYTES {
            return Err(Error::input(format!(
                "{name}: the content holds more than {MAX_TEXT_BYTES} bytes of text (the limit is reached at {}); a brochure holds about 6 000 and the largest poster about 30 000, so it cannot fit any print piece. Remove what is not meant to be printed",
                at.path
            )));
        }
        // Only what is printed needs the fonts' glyphs.
        if !at.printed {
            return Ok(());
        }
        match first_missing(text, &lang) {
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
    Error::input(match find(source, at.section, needle, 0) {
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
    let script = match unicode_script::UnicodeScript::script(&c) {
        unicode_script::Script::Common | unicode_script::Script::Unknown => String::new(),
        s => format!(", in the {} script,", s.full_name()),
    };
    format!(
        "the character {shown}{script} is not in the built-in fonts ({BUILT_IN}), so it cannot be printed. Replace or remove it; most emoji are in none of these fonts"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{languages::LANGUAGES, read};

    #[test]
    fn the_text_limit_leaves_room_for_real_content() {
        for lang in LANGUAGES.iter().map(|l| l.code) {
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
    fn placeholders_in_alt_text_are_filled_in() {
        use crate::content::{choose, fill, from_text, Audience};
        let alt = "QR code: call the National Human Trafficking Hotline, 1-888-373-7888";
        let text = crate::content::load::EMBEDDED_EN.replace(alt, "QR code: {county} County");
        let source = from_text(text, "c.yaml".into(), None).unwrap();
        let audience = Audience {
            county: Some("Yolo".into()),
            hotline: None,
        };
        let content = fill(&source, &choose(&source, &audience).unwrap()).unwrap();
        let alts: Vec<&str> = content.sections["how_to_report"]
            .blocks
            .iter()
            .filter_map(|b| b.figure()?.alt)
            .collect();
        assert_eq!(alts, ["QR code: Yolo County"]);
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
