//! Content: load and check the YAML staff edit, choose the hotline, fill in
//! county and hotline.

mod budget;
pub mod check;
mod diagnose;
pub mod hotline;
pub mod languages;
pub mod load;
pub mod model;
pub mod numbers;
pub mod paths;
pub mod picture;
pub mod placeholders;
pub mod registry;
pub mod review;
pub mod schema;
pub mod starter;

use crate::error::{Error, Kind, Problems, Result};
use crate::layout::fonts;
pub use model::Content;
pub use placeholders::Vars;
use registry::{County, Registry, Status};
use std::path::Path;

/// Who the print piece is for, as asked on the command line.
#[derive(Debug, Clone, Default)]
pub struct Audience {
    pub county: Option<String>,
    pub hotline: Option<String>,
}

/// Content read and checked, its placeholders not yet filled.
#[derive(Debug, Clone)]
pub struct Source {
    pub content: Content,
    /// The file name (or built-in name) for messages.
    pub name: String,
    /// The file's text, to show the line of a mistake found after parsing.
    pub text: String,
    /// The phone numbers the content writes itself (not `{hotline}`).
    pub numbers: Vec<numbers::Literal>,
}

impl Source {
    /// Where a line of this content is, as a person would look for it:
    /// "the content file my-campaign.yaml, line 12", or the built-in
    /// content's language (its file is inside foldline, not on disk).
    pub fn cite(&self, line: usize) -> String {
        let what = match languages::LANGUAGES
            .iter()
            .any(|l| l.content_name() == self.name)
        {
            true => self.name.clone(),
            false => format!("the content file {}", self.name),
        };
        match line {
            0 => what,
            n => format!("{what}, line {n}"),
        }
    }
}

/// Reads content: a file, or the built-in content in `lang` (English if
/// not given; any code or alias `languages` knows). A file in another
/// language than `lang` is refused.
pub fn read(path: Option<&Path>, lang: Option<&str>) -> Result<Source> {
    let (text, name) = match path {
        Some(p) => (load::read_file(p)?, p.display().to_string()),
        None => {
            let l = languages::resolve(lang.unwrap_or("en"))?;
            (l.content.to_string(), l.content_name())
        }
    };
    let base = path.map(|p| p.parent().unwrap_or(Path::new(".")));
    let source = from_text(text, name, base)?;
    if let Some(lang) = lang {
        let content_lang = &source.content.meta.language;
        if !languages::canonical(content_lang).eq_ignore_ascii_case(languages::canonical(lang)) {
            return Err(Error::input(format!(
                "{} is in language \"{content_lang}\" (meta.language), not \"{lang}\" as asked with --lang",
                source.name
            )));
        }
    }
    Ok(source)
}

/// Parses and checks content text; `name` is used in messages, images are
/// looked for in `base` (None: only the built-in ones).
pub fn from_text(text: String, name: String, base: Option<&Path>) -> Result<Source> {
    let mut content = load::parse(&text, &name)?;
    place_logo(&mut content);
    // Every check runs, so that all the mistakes are reported at once.
    let mut problems = Problems::default();
    check::values(&content, &text, &name, &mut problems);
    check::figures(&content, &text, &name, &mut problems);
    check::reading_order(&content, &text, &name, &mut problems);
    review::check(&content.meta, &text, &name, &mut problems);
    check_references(&content, &text, &name, &mut problems);
    check::counties(&mut content, &text, &name, &mut problems);
    load_pictures(&mut content, base, &text, &name, &mut problems);
    load_fonts(&mut content, base, &text, &name, &mut problems);
    {
        let _faces = fonts::InUse::new(&content.added);
        check::texts(&mut content, &text, &name, &mut problems);
    }
    let numbers = numbers::check(&mut content, &text, &name, &mut problems);
    problems.finish(&name)?;
    Ok(Source {
        content,
        name,
        text,
        numbers,
    })
}

/// Loads content (a file, or the built-in English content), checks it and
/// fills in the placeholders for `audience`.
pub fn load(path: Option<&Path>, audience: &Audience) -> Result<Content> {
    let source = read(path, None)?;
    let choice = choose(&source, audience)?;
    fill(&source, &choice)
}

/// Where the printed hotline comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The county registry's number.
    Registry,
    /// The content's meta.hotline, for the content's own county; the
    /// registry gives the same number for that county.
    ContentMeta,
    /// Given by a person: how (`--hotline`, a run plan's `hotlines:`).
    Given(String),
}

/// The county and the hotline a piece prints, with the registry entry.
#[derive(Debug, Clone)]
pub struct Choice {
    pub county: County,
    /// The number in house style.
    pub hotline: String,
    pub origin: Origin,
}

impl Choice {
    /// Where the number comes from, for the manifest and the proof sheet.
    pub fn source(&self) -> String {
        let registry = self.county.source.as_deref().unwrap_or("");
        let agrees = self.county.sourced_numbers().contains(&self.hotline);
        match &self.origin {
            Origin::Registry => registry.to_string(),
            Origin::ContentMeta => format!("content meta.hotline; registry: {registry}"),
            Origin::Given(how) if agrees => format!("{how}; registry: {registry}"),
            Origin::Given(how) => format!("{how} (not in the registry)"),
        }
    }

    /// One paragraph for stderr: which number, its label and its source.
    pub fn describe(&self) -> String {
        let c = &self.county;
        let label = c
            .label
            .as_deref()
            .map_or(String::new(), |l| format!(" \"{l}\""));
        let status = c.status_label();
        let source = c.source.as_deref().unwrap_or("");
        let others = c.disagreement_note();
        match &self.origin {
            Origin::Registry => format!(
                "{} County: hotline {}{label}, from the county registry ({status}): {source}{others}",
                c.name, self.hotline,
            ),
            Origin::ContentMeta => format!(
                "{} County: hotline {}{label}, the content's meta.hotline; the county registry gives the same number ({status}): {source}{others}",
                c.name, self.hotline,
            ),
            Origin::Given(how) => {
                let registry = match c.house_number() {
                    Some(n) if n == self.hotline => format!(
                        "the county registry gives the same number ({status}): {source}{others}"
                    ),
                    Some(n) => format!(
                        "the county registry's number is {n} ({status}): {source}{others}"
                    ),
                    None => "the county registry has no number for it".to_string(),
                };
                format!("{} County: hotline {}, given with {how}; {registry}", c.name, self.hotline)
            }
        }
    }

    fn vars(&self) -> Vars {
        Vars {
            county: self.county.name.clone(),
            hotline: self.hotline.clone(),
        }
    }
}

/// Checks the flags alone (a hotline that is not a phone number, a county
/// the registry does not know), so they are refused before any file is
/// read or anything laid out.
pub fn check_audience(audience: &Audience) -> Result<()> {
    if let Some(h) = &audience.hotline {
        hotline::normalize(h)?;
    }
    if let Some(county) = &audience.county {
        Registry::embedded_county(county)?;
    }
    Ok(())
}

/// Chooses the county (from the registry) and its hotline for `audience`.
pub fn choose(source: &Source, audience: &Audience) -> Result<Choice> {
    choose_as(source, audience, "--hotline")
}

/// As [`choose`]; `given_with` says how a given hotline was given.
pub fn choose_as(source: &Source, audience: &Audience, given_with: &str) -> Result<Choice> {
    let meta = &source.content.meta;
    let own_county = || {
        Registry::embedded_county(&meta.county)
            .map_err(|e| Error::input(format!("{}: meta.county: {e}", source.name)))
    };
    let county = match &audience.county {
        Some(name) => Registry::embedded_county(name)?,
        None => own_county()?,
    };
    if let Some(h) = &audience.hotline {
        return Ok(Choice {
            county,
            hotline: hotline::normalize(h)?,
            origin: Origin::Given(given_with.to_string()),
        });
    }
    let own = match &audience.county {
        Some(_) => own_county().is_ok_and(|c| c.name == county.name),
        None => true,
    };
    if own {
        // The content's own number stands for its county only where the
        // registry gives it too, whatever the entry's status.
        let number = hotline::normalize(&meta.hotline)
            .map_err(|e| Error::input(format!("{}: meta.hotline: {e}", source.name)))?;
        if !county.sourced_numbers().contains(&number) {
            return Err(Error::input(format!(
                "{}: meta.hotline {number} is not a number the county registry gives for {} County ({}); correct meta.hotline, or pass the number with --hotline once you have checked it",
                source.name,
                county.name,
                registry_numbers(&county)
            )));
        }
        return Ok(Choice {
            county,
            hotline: number,
            origin: Origin::ContentMeta,
        });
    }
    match (county.status(), county.house_number()) {
        (Status::Sourced, Some(number)) => Ok(Choice {
            county,
            hotline: number,
            origin: Origin::Registry,
        }),
        (Status::Conflicting, _) => Err(Error::input(format!(
            "{} County: the county registry has conflicting hotline numbers: {}. foldline does not pick between them: check which is current and pass it with {given_with}",
            county.name,
            county.conflict_summary()
        ))),
        _ => Err(Error::input(format!(
            "{} County has no sourced hotline in the county registry ({}). Pass a number you have checked with {given_with}; foldline never prints a number nobody gave it",
            county.name,
            county
                .notes
                .as_deref()
                .unwrap_or("no page read gives one")
                .trim_end_matches('.')
        ))),
    }
}

fn registry_numbers(c: &County) -> String {
    let numbers = c.sourced_numbers();
    if numbers.is_empty() {
        "it has none".to_string()
    } else {
        format!("it gives {}", numbers.join(", "))
    }
}

/// The content with `{county}` and `{hotline}` filled in for `choice`.
pub fn fill(source: &Source, choice: &Choice) -> Result<Content> {
    let mut content = source.content.clone();
    let vars = choice.vars();
    check::fill(&mut content, &vars, &source.text, &source.name)?;
    // Sections tied to another county (partner names, credits) are left out.
    content.sections.retain(|_, s| {
        s.only_county
            .as_ref()
            .is_none_or(|c| c.eq_ignore_ascii_case(&vars.county))
    });
    content.meta.county = vars.county;
    content.meta.hotline = vars.hotline;
    Ok(content)
}

/// The section `theme.logo` becomes: checked, decoded and printed as any
/// image block is, and named so in messages ("section 'theme.logo': ...").
pub const LOGO: &str = "theme.logo";

/// Puts `theme.logo` at the foot of the brochure's back and front cover
/// (the outside page's middle and right panels), above what is there.
fn place_logo(content: &mut Content) {
    let Some(logo) = content.theme.logo.clone() else {
        return;
    };
    let section = model::Section {
        heading: None,
        only_county: None,
        blocks: vec![model::Block::Image(logo)],
    };
    content.sections.insert(LOGO.into(), section);
    for panel in content.brochure.outside.iter_mut().skip(1) {
        panel.bottom.insert(0, LOGO.into());
    }
}

/// Decodes every image the content names, once.
fn load_pictures(
    content: &mut Content,
    base: Option<&Path>,
    text: &str,
    name: &str,
    problems: &mut Problems,
) {
    for (key, section) in &mut content.sections {
        let images = section.blocks.iter_mut().filter_map(|b| match b {
            model::Block::Image(img) => Some(img),
            _ => None,
        });
        for (nth, img) in images.enumerate() {
            match picture::load(&img.file, base) {
                Ok(picture) => img.picture = Some(std::sync::Arc::new(picture)),
                Err(e) => {
                    // The path as written, else (written with escapes) its `file:` line.
                    let written = load::find(text, Some(key), &img.file, 0);
                    let place = written.or_else(|| {
                        load::find(text, Some(key), "file:", nth)
                            .map(|(line, column)| (line, column + "file: ".len()))
                    });
                    let d = file_problem(name, text, place, &format!("section '{key}'"), &e)
                        .label("cannot read this image");
                    let d = match written {
                        Some(_) => d.len(img.file.chars().count()),
                        None => d.to_line_end(),
                    };
                    problems.push(d.into_error(e.kind));
                }
            }
        }
    }
}

/// The mistake `e` in a file the content names (an image, a font), said
/// at `place` after `what`; what `e` says after its first "; " is the help.
fn file_problem(
    name: &str,
    text: &str,
    place: Option<(usize, usize)>,
    what: &str,
    e: &Error,
) -> crate::error::Diagnostic {
    let (message, help) = match e.message.split_once("; ") {
        Some((m, h)) => (m, Some(h)),
        None => (e.message.as_str(), None),
    };
    let d = load::at(name, text, place, format!("{what}: {message}"));
    match help {
        Some(help) => d.help(help),
        None => d,
    }
}

/// A font file may be as large as a CJK one (about 20 MB).
const MAX_FONT_FILE: u64 = 40 * 1024 * 1024;

/// Reads the font files `fonts:` names (inside the content's folder) and
/// adds their faces.
fn load_fonts(
    content: &mut Content,
    base: Option<&Path>,
    text: &str,
    name: &str,
    problems: &mut Problems,
) {
    for (nth, file) in content.fonts.clone().iter().enumerate() {
        let read = || -> Result<(Vec<fonts::Family>, std::path::PathBuf)> {
            let Some(dir) = base else {
                return Err(Error::input(
                    "only a content file on disk can add fonts; built-in content has all it needs",
                ));
            };
            let path = paths::resolve_in(dir, file, "content", "fonts/MyScript-Regular.ttf")?;
            let bytes = crate::input::read_bounded(&path, "font", MAX_FONT_FILE)?;
            let families = fonts::add(bytes).map_err(Error::input)?;
            Ok((families, path))
        };
        match read() {
            Ok((families, path)) => {
                content.added.extend(families);
                content.font_files.push(path);
            }
            Err(e) => {
                let place = load::find(text, None, file, 0).or_else(|| {
                    load::find(text, None, "fonts:", 0).map(|(line, column)| (line, column + nth))
                });
                let d = file_problem(name, text, place, &format!("fonts: {file}"), &e)
                    .label("cannot add this font")
                    .len(file.chars().count());
                problems.push(d.into_error(e.kind));
            }
        }
    }
}

/// The image and font files `content` was made from (not the built-in
/// ones), so that no output replaces one of them.
pub fn files_used(content: &Content) -> Vec<std::path::PathBuf> {
    content
        .sections
        .values()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            model::Block::Image(img) => img.picture.as_ref()?.file.clone(),
            _ => None,
        })
        .chain(content.font_files.iter().cloned())
        .collect()
}

/// Every section a brochure panel, the poster or the card names must exist.
fn check_references(content: &Content, text: &str, name: &str, problems: &mut Problems) {
    let panels = content
        .brochure
        .outside
        .iter()
        .chain(&content.brochure.inside);
    let mut named: Vec<(String, &String)> = Vec::new();
    for panel in panels {
        let owner = format!("brochure panel '{}'", panel.name);
        named.extend(
            panel
                .sections
                .iter()
                .chain(&panel.bottom)
                .map(|k| (owner.clone(), k)),
        );
    }
    if let Some(p) = &content.poster {
        named.extend(p.keys().chain(&p.tear_off).map(|k| ("poster".into(), k)));
    }
    if let Some(c) = &content.card {
        named.extend(c.front.keys().map(|k| ("card front".into(), k)));
        named.extend(c.back.keys().map(|k| ("card back".into(), k)));
    }
    let mut reported: Vec<(String, &String)> = Vec::new();
    for (owner, key) in named {
        if content.sections.contains_key(key) {
            continue;
        }
        let top = owner.split(' ').next().unwrap_or("");
        // One mistake, once: the same name in one list is one line to fix.
        if reported.contains(&(top.to_string(), key)) {
            continue;
        }
        reported.push((top.to_string(), key));
        let known: Vec<&str> = content.sections.keys().map(String::as_str).collect();
        let help = match diagnose::nearest(key, known.iter().copied()) {
            Some(k) => format!("Did you mean '{k}'?"),
            None => format!("the sections are: {}", known.join(", ")),
        };
        let message = format!("{owner} names section '{key}', which is not under `sections`");
        let place = load::find_under(text, top, key);
        problems.push(
            load::at(name, text, place, message)
                .len(key.chars().count())
                .label("no section of this name")
                .help(help)
                .into_error(Kind::Input),
        );
    }
}
