//! The content file's structure, as staff write it in YAML.

use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Content {
    /// Title and language, and the county and hotline the content is for.
    pub meta: Meta,
    /// The colours; left out, the brochure's navy, red and light blue.
    #[serde(default)]
    pub theme: Theme,
    /// The text: one entry per topic, under a short key you choose; the
    /// products below name these keys. In any text, stars mark emphasis
    /// only in pairs that hug text, never inside a word (`*italic*`,
    /// `**bold**`); every other `*` prints (`Dial *67`, `2*3`), and `\*`
    /// prints one that would mark emphasis. A soft hyphen (`\u00AD` in
    /// double quotes) is where a long word may break: a hyphen there if the
    /// line breaks, nothing otherwise.
    pub sections: BTreeMap<String, Section>,
    /// Which sections go on which panel of the tri-fold brochure.
    pub brochure: Brochure,
    /// Which sections go on the poster; content without it makes no poster.
    #[serde(default)]
    pub poster: Option<Poster>,
    /// Which sections go on the wallet card; content without it makes no card.
    #[serde(default)]
    pub card: Option<Card>,
    /// Font files to add for this campaign (TrueType or OpenType: .ttf,
    /// .otf, or a .ttc collection), paths inside the content file's folder
    /// such as `fonts/MyScript-Regular.ttf`. Used only for characters no
    /// built-in font has (foldline names such a character and its script);
    /// one weight, no italic. Check that the font's licence allows
    /// embedding it in the PDFs you print and post.
    #[serde(default)]
    pub fonts: Vec<String>,
    /// The faces `fonts` added, once read, and the files they came from.
    #[serde(skip)]
    #[schemars(skip)]
    pub added: Vec<crate::layout::fonts::Family>,
    #[serde(skip)]
    #[schemars(skip)]
    pub font_files: Vec<std::path::PathBuf>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The campaign title, used as the PDF's title.
    pub title: String,
    /// The language code (`en`, `es`, `vi`, `zh-Hant`; `foldline list`
    /// shows the built-in ones): chooses hyphenation, the PDF's language
    /// and the output file name.
    pub language: String,
    /// The county the content was written for; used when no `--county` is given.
    pub county: String,
    /// That county's hotline, printed when neither `--county` nor `--hotline` is given.
    pub hotline: String,
    /// Review of a translation: `pending` until a native speaker signs it
    /// off (every page then carries a "DRAFT TRANSLATION – NOT REVIEWED"
    /// line), `approved` with `reviewed_by` and `reviewed_on` after.
    /// Needed when `translated_from` is given.
    #[serde(default)]
    pub review: Option<Review>,
    /// Who signed the translation off (a name, and a role or agency).
    /// Needed with `review: approved`.
    #[serde(default)]
    pub reviewed_by: Option<String>,
    /// When the translation was signed off, as YYYY-MM-DD. Needed with
    /// `review: approved`.
    #[serde(default)]
    pub reviewed_on: Option<String>,
    /// The language code of the content this was translated from (`en`:
    /// the built-in English content, or a run plan's own `content:` file
    /// for that language).
    #[serde(default)]
    pub translated_from: Option<String>,
    /// SHA-256 (64 hex digits) of the file it was translated from, as it
    /// was then (`sha256sum content/csec/en.yaml`). When that file has
    /// changed since an approved translation, foldline warns that the
    /// translation may be out of date. Needed with `translated_from`.
    #[serde(default)]
    pub source_hash: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Review {
    /// Not yet signed off: every page carries a "DRAFT TRANSLATION – NOT
    /// REVIEWED" line, and foldline warns whenever it prints this content.
    Pending,
    /// Signed off by a native speaker (give `reviewed_by` and `reviewed_on`).
    Approved,
}

/// Theme colours as CMYK percentages. Each text colour must stand out from
/// what it is printed on by 4.5:1 (3:1 for large text), as FOGRA39 prints
/// it on screen (WCAG 1.4.3); foldline refuses a theme that does not.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// Headings, the cover and the hotline box: [cyan, magenta, yellow, black] in %.
    pub primary: [f32; 4],
    /// Bullets, rules and highlighted words: [cyan, magenta, yellow, black] in %.
    pub accent: [f32; 4],
    /// Light box backgrounds: [cyan, magenta, yellow, black] in %.
    pub tint: [f32; 4],
    /// Text on the primary colour: [cyan, magenta, yellow, black] in %.
    pub on_primary: [f32; 4],
    /// The agency's logo (PNG or JPEG, path beside the content file, with
    /// `alt:`), printed at the foot of the brochure's cover and back.
    #[serde(default)]
    pub logo: Option<ImageBlock>,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            primary: [100.0, 80.0, 20.0, 25.0],
            accent: [0.0, 95.0, 100.0, 10.0],
            tint: [12.0, 6.0, 0.0, 0.0],
            on_primary: [0.0, 0.0, 0.0, 0.0],
            logo: None,
        }
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The section's title, set above its blocks.
    #[serde(default)]
    pub heading: Option<String>,
    /// Print this section only for this county (organisation names, credits).
    #[serde(default)]
    pub only_county: Option<String>,
    /// Written `- paragraph: text`, not with YAML tags.
    #[serde(with = "serde_yaml::with::singleton_map_recursive")]
    #[schemars(with = "Vec<Block>")]
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
/// One piece of a section, written as `- kind: ...`.
#[schemars(transform = super::schema::one_key_object)]
pub enum Block {
    /// Body text with *italic*, **bold** and ***bold italic***; a `*` that
    /// marks no emphasis prints (`Dial *67`), `\*` always prints one.
    /// Words are hyphenated by the language's patterns, or, in a word with
    /// soft hyphens (`\u00AD`), only there.
    Paragraph(String),
    /// A bold line introducing what follows.
    Subheading(String),
    /// A bulleted list with a hanging indent.
    Bullets(Bullets),
    /// Short items set in columns.
    Grid(Grid),
    /// Words set large, white on the accent colour.
    Highlights(Vec<String>),
    /// The county hotline, set large in a box.
    Hotline(Hotline),
    /// Several hotlines in one box: side by side where the numbers fit,
    /// else one above the other.
    Hotlines(Vec<Hotline>),
    /// A boxed note with a bold title.
    Callout(Callout),
    /// A figure set large beside what it counts, in a tinted box
    /// ("65 %" / "of CSEC youth are contacted through Facebook").
    Statistic(Statistic),
    /// A source reference in small italic.
    Citation(String),
    /// Boxes joined by arrows, left to right (Supply -> Distributor -> Demand).
    Chain(Chain),
    /// Numbered steps joined by a line, top to bottom (the grooming path).
    Steps(Vec<ChainLink>),
    /// Small centred lines: partners and credits, the lines of a tear-off tab.
    Credits(Vec<String>),
    /// The front cover.
    Cover(Cover),
    /// A QR code (a web page, or `tel:` to call), with an optional caption.
    Qr(Qr),
    /// A logo or picture (PNG or JPEG), centred.
    Image(ImageBlock),
    /// An icon drawn in the theme's primary colour, centred: vector, so it
    /// prints sharp at any size (`phone`, beside a number to call).
    Icon(Icon),
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Icon {
    /// Which icon: `phone` (a telephone) or `pin` (a map pin, for a cover).
    pub name: IconName,
    /// Printed width (and height) in inches.
    pub width: f32,
    /// What it means, said in words for a screen reader. Without it the
    /// icon only decorates (the words beside it say the same) and readers
    /// skip it.
    #[serde(default)]
    pub alt: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum IconName {
    Phone,
    /// A map pin standing in ripples: "it happens here", for a cover.
    Pin,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImageBlock {
    /// Path relative to the content file (or a built-in asset such as assets/phone.png).
    pub file: String,
    /// Printed width in inches; the height follows the image's proportions.
    pub width: f32,
    /// What the image shows, said in words for a screen reader ("Logo of
    /// the Placer County Children's System of Care"); needed unless
    /// `decorative: true`.
    #[serde(default)]
    pub alt: Option<String>,
    /// `true` if the image only decorates (an icon beside words that say the
    /// same): screen readers skip it and it needs no `alt`.
    #[serde(default)]
    pub decorative: bool,
    /// The decoded image, filled in when the content is loaded.
    #[serde(skip)]
    pub picture: Option<std::sync::Arc<super::picture::Picture>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Qr {
    /// What the code holds, e.g. `tel:+18883737888` or a web address.
    pub data: String,
    /// A line under the code saying what it does.
    #[serde(default)]
    pub caption: Option<String>,
    /// Printed size in inches; never less than the product's minimum.
    #[serde(default)]
    pub size: Option<f32>,
    /// What scanning the code does, said in words for a screen reader ("QR
    /// code: call the National Human Trafficking Hotline, 1-888-373-7888");
    /// needed unless `decorative: true`.
    #[serde(default)]
    pub alt: Option<String>,
    /// `true` if the code only repeats what the words beside it say:
    /// screen readers skip it and it needs no `alt`.
    #[serde(default)]
    pub decorative: bool,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Chain {
    /// The boxes, left to right.
    pub links: Vec<ChainLink>,
    /// The whole chain said in words for a screen reader, which reads this
    /// instead of the boxes ("Supply, vulnerable children, feeds the
    /// distributor ..."); needed unless `decorative: true`.
    #[serde(default)]
    pub alt: Option<String>,
    /// `true` if the words around the chain already say all it shows:
    /// screen readers skip it and it needs no `alt`.
    #[serde(default)]
    pub decorative: bool,
}

/// A figure block's alternative: its alt text, or marked decorative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure<'a> {
    pub alt: Option<&'a str>,
    /// Only decorates: an artifact for screen readers, with no alt text.
    pub decorative: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
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

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bullets {
    /// `arrow` (⇒), `diamond` (◊) or `dot` (•).
    pub marker: Marker,
    /// One entry a bullet.
    pub items: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Grid {
    /// How many boxes side by side.
    pub columns: u8,
    /// One short entry a box, filled in row by row.
    pub items: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Hotline {
    /// The number, usually `"{hotline}"` so the county's number is filled in.
    pub number: String,
    /// Whose number it is, set above it in the box.
    #[serde(default)]
    pub label: Option<String>,
    /// A line below the number (another way to reach the line).
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Statistic {
    /// The figure, short: `65%`.
    pub figure: String,
    /// What it counts, read on from the figure: `of CSEC youth are
    /// contacted through Facebook`.
    pub text: String,
    /// Where the figure comes from, in small type under it.
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Callout {
    /// Bold, at the top of the box.
    pub title: String,
    /// Centred lines below it.
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChainLink {
    /// The bold title of the box or step.
    pub label: String,
    /// Optional in `steps`, where a label alone can make the step.
    #[serde(default)]
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cover {
    /// A short line above the title ("{county} County").
    pub kicker: String,
    /// The cover title, set large.
    pub title: String,
    /// Set large in the accent colour below the title ("IT HAPPENS HERE").
    pub tagline: String,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Brochure {
    /// Page 1, left to right: the flap that folds in, the back, the front cover.
    pub outside: Vec<Panel>,
    /// Page 2, left to right: the three inside panels.
    pub inside: Vec<Panel>,
    /// The panels by name in the order a person reads the folded piece,
    /// which is the order screen readers read them in. Unset: the front
    /// cover, the flap, the inside panels left to right, then the back.
    #[serde(default)]
    pub reading_order: Option<Vec<String>>,
}

impl Brochure {
    /// The panels in reading order, each as (page, position from the
    /// left): `reading_order` if set (checked by `check::reading_order`),
    /// else cover, flap, inside left to right, back.
    pub fn reading_order(&self) -> Vec<(usize, usize)> {
        let default = vec![(0, 2), (0, 0), (1, 0), (1, 1), (1, 2), (0, 1)];
        let Some(names) = &self.reading_order else {
            return default;
        };
        names.iter().filter_map(|n| self.spot(n)).collect()
    }

    /// Where the panel called `name` is.
    pub fn spot(&self, name: &str) -> Option<(usize, usize)> {
        [&self.outside, &self.inside]
            .iter()
            .enumerate()
            .find_map(|(p, panels)| Some((p, panels.iter().position(|x| x.name == name)?)))
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Panel {
    /// The panel's name in messages (flap, back, cover, left ...).
    pub name: String,
    /// `cover`: the panel in the primary colour, content centred.
    #[serde(default)]
    pub style: PanelStyle,
    /// Sections set from the top of the panel down.
    pub sections: Vec<String>,
    /// Sections set against the bottom of the panel.
    #[serde(default)]
    pub bottom: Vec<String>,
}

/// One side of a flat piece (a poster, a card face), top to bottom.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Side {
    /// Sections set on a band of the primary colour across the top.
    #[serde(default)]
    pub head: Vec<String>,
    /// Sections set below the head, top down, shared out over `columns`.
    #[serde(default)]
    pub sections: Vec<String>,
    /// How many columns the sections are shared out over.
    #[serde(default = "one_column")]
    pub columns: u8,
    /// Sections set against the foot, across the full width.
    #[serde(default)]
    pub bottom: Vec<String>,
    /// Sections set at the foot's right end, beside `bottom` (a QR code
    /// to scan, with its caption).
    #[serde(default)]
    pub scan: Vec<String>,
    /// `cover`: the whole side in the primary colour, the body centred.
    #[serde(default)]
    pub style: PanelStyle,
}

fn one_column() -> u8 {
    1
}

/// The poster: the fields of a [`Side`], plus what goes on its tear-off tabs.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Poster {
    /// Sections set on a band of the primary colour across the top.
    #[serde(default)]
    pub head: Vec<String>,
    /// Sections set below the head, top down, shared out over `columns`.
    #[serde(default)]
    pub sections: Vec<String>,
    /// How many columns the sections are shared out over.
    #[serde(default = "one_column")]
    pub columns: u8,
    /// Sections set against the foot, across the full width.
    #[serde(default)]
    pub bottom: Vec<String>,
    /// Sections set at the foot's right end, beside `bottom`: the QR code
    /// people scan to call, with a short caption.
    #[serde(default)]
    pub scan: Vec<String>,
    /// Sections printed on each tear-off tab (`--tear-off N`), turned to
    /// read upwards: a few short lines with the hotlines.
    #[serde(default)]
    pub tear_off: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Card {
    /// The side with the title.
    pub front: Side,
    /// The side with the hotlines.
    pub back: Side,
}

impl Poster {
    /// The poster's page without its tabs.
    pub fn side(&self) -> Side {
        Side {
            head: self.head.clone(),
            sections: self.sections.clone(),
            columns: self.columns,
            bottom: self.bottom.clone(),
            scan: self.scan.clone(),
            style: PanelStyle::Plain,
        }
    }

    /// Every section key the poster's page names (not its tabs').
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        let p = self;
        p.head
            .iter()
            .chain(&p.sections)
            .chain(&p.bottom)
            .chain(&p.scan)
    }
}

impl Side {
    /// Every section key the side names, top to bottom.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        let s = self;
        s.head
            .iter()
            .chain(&s.sections)
            .chain(&s.bottom)
            .chain(&s.scan)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
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

impl Hotline {
    fn for_each_text_mut<E>(
        &mut self,
        f: &mut impl FnMut(&mut String) -> Result<(), E>,
    ) -> Result<(), E> {
        self.label.iter_mut().try_for_each(&mut *f)?;
        f(&mut self.number)?;
        self.note.iter_mut().try_for_each(f)
    }
}

impl Block {
    /// The block's key as written in the content file (`paragraph`, `grid`, ...).
    pub fn kind(&self) -> &'static str {
        match self {
            Block::Paragraph(_) => "paragraph",
            Block::Subheading(_) => "subheading",
            Block::Bullets(_) => "bullets",
            Block::Grid(_) => "grid",
            Block::Highlights(_) => "highlights",
            Block::Hotline(_) => "hotline",
            Block::Hotlines(_) => "hotlines",
            Block::Callout(_) => "callout",
            Block::Statistic(_) => "statistic",
            Block::Citation(_) => "citation",
            Block::Chain(_) => "chain",
            Block::Steps(_) => "steps",
            Block::Credits(_) => "credits",
            Block::Cover(_) => "cover",
            Block::Qr(_) => "qr",
            Block::Image(_) => "image",
            Block::Icon(_) => "icon",
        }
    }

    /// A figure (image, QR code, chain): what a screen reader says for it.
    pub fn figure(&self) -> Option<Figure<'_>> {
        let (alt, decorative) = match self {
            Block::Image(i) => (&i.alt, i.decorative),
            Block::Icon(i) => (&i.alt, i.alt.is_none()),
            Block::Qr(q) => (&q.alt, q.decorative),
            Block::Chain(c) => (&c.alt, c.decorative),
            _ => return None,
        };
        Some(Figure {
            alt: alt.as_deref(),
            decorative,
        })
    }

    /// A figure's alt text, to fill in placeholders; None for other blocks
    /// and figures without one.
    pub fn alt_mut(&mut self) -> Option<&mut String> {
        match self {
            Block::Image(ImageBlock { alt, .. })
            | Block::Icon(Icon { alt, .. })
            | Block::Qr(Qr { alt, .. })
            | Block::Chain(Chain { alt, .. }) => alt.as_mut(),
            _ => None,
        }
    }

    /// Every printed text of the block, in reading order (a figure's alt
    /// text is not printed: see [`Block::alt_mut`]).
    pub fn for_each_text_mut<E>(
        &mut self,
        f: &mut impl FnMut(&mut String) -> Result<(), E>,
    ) -> Result<(), E> {
        match self {
            Block::Paragraph(t) | Block::Subheading(t) | Block::Citation(t) => f(t),
            Block::Highlights(items) | Block::Credits(items) => items.iter_mut().try_for_each(f),
            Block::Bullets(b) => b.items.iter_mut().try_for_each(f),
            Block::Grid(g) => g.items.iter_mut().try_for_each(f),
            Block::Hotline(h) => h.for_each_text_mut(f),
            Block::Hotlines(list) => list.iter_mut().try_for_each(|h| h.for_each_text_mut(f)),
            Block::Callout(c) => {
                f(&mut c.title)?;
                c.lines.iter_mut().try_for_each(f)
            }
            Block::Statistic(st) => {
                f(&mut st.figure)?;
                f(&mut st.text)?;
                st.source.iter_mut().try_for_each(f)
            }
            Block::Chain(Chain { links, .. }) | Block::Steps(links) => {
                links.iter_mut().try_for_each(|l| {
                    f(&mut l.label)?;
                    f(&mut l.text)
                })
            }
            Block::Image(_) | Block::Icon(_) => Ok(()),
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
