//! The content file's structure, as staff write it in YAML.

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Content {
    pub meta: Meta,
    #[serde(default)]
    pub theme: Theme,
    pub sections: BTreeMap<String, Section>,
    pub brochure: Brochure,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub title: String,
    pub language: String,
    /// The county the content was written for; used when no `--county` is given.
    pub county: String,
    /// That county's hotline, printed when neither `--county` nor `--hotline` is given.
    pub hotline: String,
}

/// Theme colours as CMYK percentages.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub primary: [f32; 4],
    pub accent: [f32; 4],
    pub tint: [f32; 4],
    pub on_primary: [f32; 4],
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            primary: [100.0, 80.0, 20.0, 25.0],
            accent: [0.0, 85.0, 95.0, 0.0],
            tint: [12.0, 6.0, 0.0, 0.0],
            on_primary: [0.0, 0.0, 0.0, 0.0],
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    #[serde(default)]
    pub heading: Option<String>,
    /// Print this section only for this county (organisation names, credits).
    #[serde(default)]
    pub only_county: Option<String>,
    /// Written `- paragraph: text`, not with YAML tags.
    #[serde(with = "serde_yaml::with::singleton_map_recursive")]
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// Body text with *italic*, **bold** and ***bold italic***.
    Paragraph(String),
    /// A bold line introducing what follows.
    Subheading(String),
    Bullets(Bullets),
    /// Short items set in columns.
    Grid(Grid),
    /// Words set large, white on the accent colour.
    Highlights(Vec<String>),
    /// The county hotline, set large in a box.
    Hotline(Hotline),
    /// A boxed note with a bold title.
    Callout(Callout),
    /// A source reference in small italic.
    Citation(String),
    /// Boxes joined by arrows, left to right (Supply -> Distributor -> Demand).
    Chain(Vec<ChainLink>),
    /// Small centred lines: partners and credits.
    Credits(Vec<String>),
    /// The front cover.
    Cover(Cover),
    /// A QR code (a web page, or `tel:` to call), with an optional caption.
    Qr(Qr),
    /// A logo or icon (PNG or JPEG), centred.
    Image(ImageBlock),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImageBlock {
    /// Path relative to the content file (or a built-in asset such as assets/phone.png).
    pub file: String,
    /// Printed width in inches; the height follows the image's proportions.
    pub width: f32,
    /// The decoded image, filled in when the content is loaded.
    #[serde(skip)]
    pub picture: Option<std::sync::Arc<super::picture::Picture>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Qr {
    /// What the code holds, e.g. `tel:+18883737888` or a web address.
    pub data: String,
    #[serde(default)]
    pub caption: Option<String>,
    /// Printed size in inches; never less than the product's minimum.
    #[serde(default)]
    pub size: Option<f32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Marker {
    Arrow,
    Diamond,
    Dot,
}

impl Marker {
    pub fn glyph(self) -> &'static str {
        match self {
            Marker::Arrow => "⇒",
            Marker::Diamond => "◊",
            Marker::Dot => "•",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bullets {
    pub marker: Marker,
    pub items: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grid {
    pub columns: u8,
    pub items: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hotline {
    pub number: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Callout {
    pub title: String,
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChainLink {
    pub label: String,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cover {
    pub kicker: String,
    pub title: String,
    pub tagline: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Brochure {
    pub outside: Vec<Panel>,
    pub inside: Vec<Panel>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Panel {
    pub name: String,
    #[serde(default)]
    pub style: PanelStyle,
    /// Sections set from the top of the panel down.
    pub sections: Vec<String>,
    /// Sections set against the bottom of the panel.
    #[serde(default)]
    pub bottom: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PanelStyle {
    #[default]
    Plain,
    /// Full-bleed primary colour, content centred.
    Cover,
}

impl Content {
    /// Every piece of text a product may print, for placeholder filling.
    pub fn for_each_text_mut<E>(
        &mut self,
        f: &mut impl FnMut(&mut String) -> Result<(), E>,
    ) -> Result<(), E> {
        f(&mut self.meta.title)?;
        self.sections
            .values_mut()
            .try_for_each(|s| s.for_each_text_mut(f))
    }
}

impl Section {
    /// The heading and every text of every block, in reading order.
    pub fn for_each_text_mut<E>(
        &mut self,
        f: &mut impl FnMut(&mut String) -> Result<(), E>,
    ) -> Result<(), E> {
        if let Some(h) = &mut self.heading {
            f(h)?;
        }
        self.blocks
            .iter_mut()
            .try_for_each(|b| b.for_each_text_mut(f))
    }
}

impl Block {
    fn for_each_text_mut<E>(
        &mut self,
        f: &mut impl FnMut(&mut String) -> Result<(), E>,
    ) -> Result<(), E> {
        match self {
            Block::Paragraph(t) | Block::Subheading(t) | Block::Citation(t) => f(t),
            Block::Highlights(items) | Block::Credits(items) => items.iter_mut().try_for_each(f),
            Block::Bullets(b) => b.items.iter_mut().try_for_each(f),
            Block::Grid(g) => g.items.iter_mut().try_for_each(f),
            Block::Hotline(h) => f(&mut h.number),
            Block::Callout(c) => {
                f(&mut c.title)?;
                c.lines.iter_mut().try_for_each(f)
            }
            Block::Chain(links) => links.iter_mut().try_for_each(|l| {
                f(&mut l.label)?;
                f(&mut l.text)
            }),
            Block::Image(_) => Ok(()),
            Block::Qr(q) => {
                f(&mut q.data)?;
                q.caption.iter_mut().try_for_each(f)
            }
            Block::Cover(c) => {
                f(&mut c.kicker)?;
                f(&mut c.title)?;
                f(&mut c.tagline)
            }
        }
    }
}
