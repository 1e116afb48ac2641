//! Content: load and check the YAML staff edit, fill in county and hotline.

pub mod hotline;
pub mod load;
pub mod model;
pub mod picture;
pub mod placeholders;
pub mod starter;

use crate::error::{Error, Result};
pub use model::Content;
pub use placeholders::Vars;
use std::path::Path;

/// Who the print piece is for, as asked on the command line.
#[derive(Debug, Clone, Default)]
pub struct Audience {
    pub county: Option<String>,
    pub hotline: Option<String>,
}

/// Loads content (a file, or the built-in CSEC content), checks it and fills
/// in the placeholders for `audience`.
pub fn load(path: Option<&Path>, audience: &Audience) -> Result<Content> {
    let (text, name) = match path {
        Some(p) => (load::read_file(p)?, p.display().to_string()),
        None => (
            load::EMBEDDED_EN.to_string(),
            load::EMBEDDED_NAME.to_string(),
        ),
    };
    let mut content = load::parse(&text, &name)?;
    check_references(&content, &name)?;
    load_pictures(
        &mut content,
        path.map(|p| p.parent().unwrap_or(Path::new("."))),
        &name,
    )?;
    let vars = resolve_vars(&content, audience, &name)?;
    content.for_each_text_mut(&mut |t: &mut String| {
        *t = vars
            .fill(t)
            .map_err(|e| Error::input(format!("{name}: {e}")))?;
        Ok::<_, Error>(())
    })?;
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

/// Decodes every image the content names, once.
fn load_pictures(content: &mut Content, base: Option<&Path>, name: &str) -> Result<()> {
    for (key, section) in &mut content.sections {
        for block in &mut section.blocks {
            if let model::Block::Image(img) = block {
                let picture = picture::load(&img.file, base)
                    .map_err(|e| Error::input(format!("{name}: section '{key}': {e}")))?;
                img.picture = Some(std::sync::Arc::new(picture));
            }
        }
    }
    Ok(())
}

fn resolve_vars(content: &Content, audience: &Audience, name: &str) -> Result<Vars> {
    let county = audience
        .county
        .clone()
        .unwrap_or_else(|| content.meta.county.clone());
    let own_county = county.eq_ignore_ascii_case(&content.meta.county);
    let hotline = match (&audience.hotline, own_county) {
        (Some(h), _) => hotline::normalize(h)?,
        (None, true) => hotline::normalize(&content.meta.hotline)
            .map_err(|e| Error::input(format!("{name}: meta.hotline: {e}")))?,
        (None, false) => {
            return Err(Error::input(format!(
                "no hotline for {county} County: pass its number with --hotline (foldline never prints a number nobody gave it)"
            )))
        }
    };
    if county.trim().is_empty() {
        return Err(Error::input(
            "--county is empty; give a county name such as Placer",
        ));
    }
    Ok(Vars { county, hotline })
}

/// Every section a brochure panel, the poster or the card names must exist.
fn check_references(content: &Content, name: &str) -> Result<()> {
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
        let keys = p.head.iter().chain(&p.sections).chain(&p.bottom);
        named.extend(keys.chain(&p.tear_off).map(|k| ("poster".into(), k)));
    }
    if let Some(c) = &content.card {
        named.extend(c.front.keys().map(|k| ("card front".into(), k)));
        named.extend(c.back.keys().map(|k| ("card back".into(), k)));
    }
    for (owner, key) in named {
        if !content.sections.contains_key(key) {
            let known: Vec<&str> = content.sections.keys().map(String::as_str).collect();
            return Err(Error::input(format!(
                "{name}: {owner} names section '{key}', which is not under `sections`; the sections are: {}",
                known.join(", ")
            )));
        }
    }
    Ok(())
}
