//! Checks after parsing: values serde accepts but print cannot (colours,
//! grid columns, language), and every text with where it is, so an error
//! names the section and block and shows the line of the file.

use super::load::{at as diagnostic, find, find_under};
use super::model::{Block, Content, Icon, ImageBlock};
use super::placeholders::Vars;
use crate::error::{Error, Kind, Problems, Result};
use crate::layout::fonts::BUILT_IN;
use crate::layout::shape::first_missing;

/// Characters of text in the whole content, placeholders filled in: twice
/// what the largest print piece holds. Laying out more only to report that
/// it does not fit would take seconds. Counted in characters, not bytes: a
/// Khmer or Chinese character takes three bytes and sets no more glyphs.
pub const MAX_TEXT_CHARS: usize = 64 * 1024;

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
pub fn values(content: &Content, source: &str, name: &str, problems: &mut Problems) {
    let t = &content.theme;
    for (key, cmyk) in [
        ("primary", t.primary),
        ("accent", t.accent),
        ("tint", t.tint),
        ("on_primary", t.on_primary),
    ] {
        if let Some(bad) = cmyk.iter().find(|v| !(0.0..=100.0).contains(*v)) {
            let place = find_under(source, "theme", &format!("{key}:"))
                .map(|(line, column)| (line, column + key.len() + 2));
            problems.push(
                diagnostic(
                    name,
                    source,
                    place,
                    format!("theme.{key}: {} is not a CMYK colour", plain_list(&cmyk)),
                )
                .to_line_end()
                .label(format!("{bad} is not from 0 to 100"))
                .help("give four percentages from 0 to 100 (cyan, magenta, yellow, black) such as [0, 85, 95, 0]")
                .into_error(Kind::Input),
            );
        }
    }
    let lang = &content.meta.language;
    if !is_language_tag(lang) {
        let place =
            find_under(source, "meta", "language:").map(|(l, c)| (l, c + "language: ".len()));
        problems.push(
            diagnostic(
                name,
                source,
                place,
                format!("meta.language: \"{lang}\" is not a language code"),
            )
            .to_line_end()
            .label("not a language code")
            .help("use a code such as en or es (it sets hyphenation and the PDF's language)")
            .into_error(Kind::Input),
        );
    }
    for (key, section) in &content.sections {
        let mut seen = std::collections::HashMap::new();
        for (i, block) in section.blocks.iter().enumerate() {
            let kind = block.kind();
            let nth = seen.entry(kind).or_insert(0);
            *nth += 1;
            let path = format!("sections.{key}.blocks[{i}].{kind}");
            let (field, message, label, help) = match block {
                Block::Grid(g) if g.columns == 0 => (
                    "columns:",
                    format!("{path}.columns is 0"),
                    "0 columns",
                    "a grid has at least 1 column".to_string(),
                ),
                Block::Image(ImageBlock { width, .. }) | Block::Icon(Icon { width, .. })
                    if !(*width > 0.0 && *width <= 100.0) =>
                {
                    (
                        "width:",
                        format!("{path}.width is {width}"),
                        "not a printed width",
                        "give the printed width in inches, such as 1.5".to_string(),
                    )
                }
                Block::Qr(q) if q.size.is_some_and(|s| !(s > 0.0 && s <= 100.0)) => (
                    "size:",
                    format!("{path}.size is {}", q.size.unwrap_or_default()),
                    "not a printed size",
                    "give the printed size in inches, such as 1, or leave it out".to_string(),
                ),
                _ => continue,
            };
            // The field's line, after the block's own.
            let place =
                find(source, Some(key), &format!("{kind}:"), *nth - 1).and_then(|(line, _)| {
                    let rest: String = source.lines().skip(line - 1).collect::<Vec<_>>().join("\n");
                    find(&rest, None, field, 0).map(|(l, c)| (l + line - 1, c + field.len() + 1))
                });
            problems.push(
                diagnostic(name, source, place, message)
                    .to_line_end()
                    .label(label)
                    .help(help)
                    .into_error(Kind::Input),
            );
        }
    }
    let sides = [
        ("poster", content.poster.as_ref().map(|p| p.columns)),
        ("card.front", content.card.as_ref().map(|c| c.front.columns)),
        ("card.back", content.card.as_ref().map(|c| c.back.columns)),
    ];
    for (side, _) in sides.iter().filter(|(_, c)| *c == Some(0)) {
        problems.push(
            diagnostic(name, source, None, format!("{side}.columns is 0"))
                .help("give at least 1")
                .into_error(Kind::Input),
        );
    }
}

/// `[300, 80, 20, 25]`: a colour's numbers as they are written.
fn plain_list(values: &[f32]) -> String {
    let shown: Vec<String> = values.iter().map(|v| v.to_string()).collect();
    format!("[{}]", shown.join(", "))
}

/// Every figure (image, QR code, chain) says what it shows in `alt`, or is
/// marked `decorative: true`: a screen reader has nothing else to say for
/// it. The error names the file, line, section and block.
pub fn figures(content: &Content, source: &str, name: &str, problems: &mut Problems) {
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
            let (problem, label, help) = match (alt, figure.decorative) {
                (Some(""), _) => (
                    "its alt text is empty",
                    "empty alt text",
                    "say what it shows, or mark it `decorative: true` if it only decorates",
                ),
                (Some(_), true) => (
                    "it has alt text and `decorative: true`",
                    "both alt text and decorative",
                    "give one: alt text if it says something, decorative if it only decorates",
                ),
                (None, false) => (
                    "it has no alt text for screen readers",
                    "no alt text",
                    "add `alt: \"...\"` saying what it shows (for a QR code, what scanning does), or `decorative: true` if it only decorates",
                ),
                _ => continue,
            };
            // The logo is written under `theme:`, not as a section.
            let (message, at, len) = if key == super::LOGO {
                let at = find(source, Some("theme"), "logo:", 0);
                (format!("theme.logo: {problem}"), at, "logo".len())
            } else {
                let at = find(source, Some(key), &format!("{kind}:"), *nth - 1);
                let message = format!("sections.{key}.blocks[{i}] ({kind}): {problem}");
                (message, at, kind.len())
            };
            problems.push(
                diagnostic(name, source, at, message)
                    .len(len)
                    .label(label)
                    .help(help)
                    .into_error(Kind::Input),
            );
        }
    }
}

/// A section's `only_county:` names a county the registry knows (by any
/// spelling it accepts): a typo would drop the section for every county.
/// `fill` compares the registry's name.
pub fn counties(content: &mut Content, source: &str, name: &str, problems: &mut Problems) {
    for (key, section) in &mut content.sections {
        let Some(county) = &section.only_county else {
            continue;
        };
        match crate::content::registry::Registry::embedded_county(county) {
            Ok(found) => section.only_county = Some(found.name),
            Err(e) => {
                let at = find(source, Some(key), "only_county:", 0)
                    .map(|(line, column)| (line, column + "only_county: ".len()));
                problems.push(
                    diagnostic(
                        name,
                        source,
                        at,
                        format!("sections.{key}.only_county: {}", e.message),
                    )
                    .to_line_end()
                    .label("not a county foldline knows")
                    .into_error(Kind::Input),
                );
            }
        }
    }
}

/// `brochure.reading_order` names every panel once and nothing else. The
/// error names the file and line of the name at fault.
pub fn reading_order(content: &Content, source: &str, name: &str, problems: &mut Problems) {
    let b = &content.brochure;
    let Some(order) = &b.reading_order else {
        return;
    };
    let panels: Vec<&str> = b
        .outside
        .iter()
        .chain(&b.inside)
        .map(|p| p.name.as_str())
        .collect();
    let mut fail =
        |needle: &str, skip: usize, message: String, label: &str, help: Option<String>| {
            let start = find(source, None, "reading_order:", 0);
            let at = start.and_then(|(line, _)| {
                let rest: String = source.lines().skip(line - 1).collect::<Vec<_>>().join("\n");
                find(&rest, None, needle, skip).map(|(l, c)| (l + line - 1, c))
            });
            let found = at.is_some();
            let mut d = diagnostic(
                name,
                source,
                at.or(start),
                format!("brochure.reading_order: {message}"),
            )
            .label(label);
            if found {
                d = d.len(needle.chars().count());
            }
            if let Some(help) = help {
                d = d.help(help);
            }
            problems.push(d.into_error(Kind::Input));
        };
    for (i, panel) in order.iter().enumerate() {
        if !panels.contains(&panel.as_str()) {
            fail(
                panel,
                0,
                format!("there is no panel \"{panel}\""),
                "no such panel",
                Some(format!("the brochure's panels are {}", panels.join(", "))),
            );
        } else if order[..i].contains(panel) {
            fail(
                panel,
                1,
                format!("\"{panel}\" is listed twice"),
                "listed again",
                None,
            );
        }
    }
    for missing in panels.iter().filter(|p| !order.iter().any(|o| o == *p)) {
        fail(
            "reading_order:",
            0,
            format!("panel \"{missing}\" is missing"),
            "a panel is missing here",
            Some("list every panel once, in the order a person reads the folded brochure".into()),
        );
    }
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
pub fn texts(content: &mut Content, source: &str, name: &str, problems: &mut Problems) {
    let mut total = 0;
    let lang = content.meta.language.clone();
    let walked = for_each_text_at(content, &mut |at, text| {
        *text = text.replace(['\n', '\r', '\t'], " ");
        total += text.chars().count();
        if total > MAX_TEXT_CHARS {
            return Err(Error::input(format!(
                "{name}: the content holds more than {MAX_TEXT_CHARS} characters of text (the limit is reached at {}); a brochure holds about 6 000 and the largest poster about 30 000, so it cannot fit any print piece. Remove what is not meant to be printed",
                at.path
            )));
        }
        // Only what is printed needs the fonts' glyphs.
        if !at.printed {
            return Ok(());
        }
        if let Some(c) = first_missing(text, &lang) {
            let (message, help) = missing_char(c);
            problems.push(located_error(
                at,
                source,
                name,
                &c.to_string(),
                message,
                help,
                "not in the fonts",
            ));
        }
        Ok(())
    });
    if let Err(e) = walked {
        problems.push(e);
    }
}

/// Fills in the placeholders of every text; an unknown one is named with
/// where it is, every one of them.
pub fn fill(content: &mut Content, vars: &Vars, source: &str, name: &str) -> Result<()> {
    let mut problems = Problems::default();
    let _ = for_each_text_at(content, &mut |at, text| {
        match vars.fill(text) {
            Ok(filled) => *text = filled,
            Err(e) => {
                let (message, help) = match e.message.split_once(". ") {
                    Some((m, h)) => (m.to_string(), Some(h.to_string())),
                    None => (e.message.clone(), None),
                };
                let error = match vars.first_unknown(text) {
                    Some(p) => {
                        located_error(at, source, name, &p, message, help, "unknown placeholder")
                    }
                    None => Error::input(format!("{name}: {}: {}", at.path, e.message)),
                };
                problems.push(error);
            }
        }
        Ok(())
    });
    problems.finish(name)
}

/// A mistake in the text at `at`, underlining `needle` where it is found
/// from the section on.
fn located_error(
    at: &Where,
    source: &str,
    name: &str,
    needle: &str,
    message: String,
    help: Option<String>,
    label: &str,
) -> Error {
    let place = find(source, at.section, needle, 0);
    let mut d = diagnostic(name, source, place, format!("{}: {message}", at.path))
        .len(needle.chars().count())
        .label(label);
    if let Some(help) = help {
        d = d.help(help);
    }
    d.into_error(Kind::Input)
}

fn missing_char(c: char) -> (String, Option<String>) {
    let shown = if c.is_control() || c.is_whitespace() {
        format!("U+{:04X} (an invisible control character)", c as u32)
    } else {
        format!("'{c}' (U+{:04X})", c as u32)
    };
    let script = match unicode_script::UnicodeScript::script(&c) {
        unicode_script::Script::Common | unicode_script::Script::Unknown => String::new(),
        s => format!(", in the {} script,", s.full_name()),
    };
    (
        format!(
            "the character {shown}{script} is not in the built-in fonts ({BUILT_IN}) or the content's `fonts:`, so it cannot be printed"
        ),
        Some("Replace or remove it (most emoji are in no font foldline can embed), or add a font that has it: `fonts: [fonts/YourFont.ttf]` at the top of the content file, the file in its folder".to_string()),
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
                total += t.chars().count();
                Ok(())
            })
            .unwrap();
            assert!(total * 4 < MAX_TEXT_CHARS, "{lang}: {total}");
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
