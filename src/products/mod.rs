//! Products: page geometry and which content goes where.

pub mod card;
pub mod poster;
pub mod proof;
mod side;
pub mod trifold;

use crate::content::model::Section;
use crate::content::Content;
use crate::display::Document;
use crate::error::{Kind, Result};
pub use poster::PosterSize;

/// Points per inch.
pub const INCH: f32 = 72.0;
/// How far colour that touches a trim edge runs past it (0.125 in).
pub const BLEED: f32 = 0.125 * INCH;

/// A print piece foldline can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Product {
    Brochure,
    /// A one-page portrait poster, with `tear_off` hotline tabs along its
    /// foot (0 for none).
    Poster {
        size: PosterSize,
        tear_off: u8,
    },
    /// A 3.5 x 2 in wallet card, front and back: one card a page, or
    /// (`sheet`) 10 up on Letter for an office printer.
    Card {
        sheet: bool,
    },
}

impl Product {
    /// What a print run makes by default, in order: the defaults of
    /// `foldline brochure`, `foldline poster` and `foldline card`.
    pub const ALL: [Product; 3] = [
        Product::Brochure,
        Product::Poster {
            size: PosterSize::Letter,
            tear_off: 0,
        },
        Product::Card { sheet: false },
    ];

    /// The product called `name`: a short name ("poster", with the defaults
    /// above) or a file stem ("poster-tabloid", "card-sheet").
    pub fn from_name(name: &str) -> Option<Product> {
        let name = name.trim().to_ascii_lowercase();
        let variants = PosterSize::ALL
            .map(|size| Product::Poster { size, tear_off: 0 })
            .into_iter()
            .chain([Product::Card { sheet: true }]);
        Product::ALL
            .into_iter()
            .find(|p| p.name() == name)
            .or_else(|| {
                Product::ALL
                    .into_iter()
                    .chain(variants)
                    .find(|p| p.file_stem() == name)
            })
    }

    /// Short name, as on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Product::Brochure => "brochure",
            Product::Poster { .. } => "poster",
            Product::Card { .. } => "card",
        }
    }

    /// The name plus what tells variants apart: "poster-tabloid", "card-sheet".
    pub fn file_stem(self) -> String {
        match self {
            Product::Brochure => self.name().to_string(),
            Product::Poster { size, .. } => format!("poster-{}", size.name()),
            Product::Card { sheet: false } => self.name().to_string(),
            Product::Card { sheet: true } => "card-sheet".to_string(),
        }
    }

    /// The keys of the sections this product prints (some may be left out
    /// for this county), as its entry in the content names them.
    pub fn section_keys(self, content: &Content) -> Vec<&str> {
        let keys: Vec<&String> = match self {
            Product::Brochure => {
                let b = &content.brochure;
                b.outside
                    .iter()
                    .chain(&b.inside)
                    .flat_map(|p| p.sections.iter().chain(&p.bottom))
                    .collect()
            }
            Product::Poster { tear_off, .. } => content
                .poster
                .iter()
                .flat_map(|p| {
                    let tabs = p.tear_off.iter().filter(move |_| tear_off > 0);
                    p.keys().chain(tabs)
                })
                .collect(),
            Product::Card { .. } => content
                .card
                .iter()
                .flat_map(|c| c.front.keys().chain(c.back.keys()))
                .collect(),
        };
        keys.into_iter().map(String::as_str).collect()
    }

    /// Lays `content` out as this product.
    pub fn build(self, content: &Content) -> Result<Document> {
        let _faces = crate::layout::fonts::InUse::new(&content.added);
        match self {
            Product::Brochure => trifold::build(content),
            Product::Poster { size, tear_off } => poster::build(content, size, tear_off),
            Product::Card { sheet } => card::build(content, sheet),
        }
    }
}

/// Sections by key; those left out for this county are skipped.
fn sections<'a>(content: &'a Content, keys: &[String]) -> Vec<&'a Section> {
    keys.iter()
        .filter_map(|k| content.sections.get(k))
        .collect()
}

/// The document title: what the piece is about and for whom.
fn title(content: &Content) -> String {
    format!("{} - {} County", content.meta.title, content.meta.county)
}

/// The largest scale in `(lo, hi)` at which `at` lays the piece out
/// without a fit error, bisected to within `step`, and its layout; None if
/// none fits. Any other error stops the search.
fn largest_fitting<T>(
    (mut lo, mut hi): (f32, f32),
    step: f32,
    at: impl Fn(f32) -> Result<T>,
) -> Result<Option<T>> {
    let mut best = None;
    while hi - lo > step {
        let mid = (lo + hi) / 2.0;
        match at(mid) {
            Ok(laid) => (best, lo) = (Some(laid), mid),
            Err(e) if e.kind == Kind::Fit => hi = mid,
            Err(e) => return Err(e),
        }
    }
    Ok(best)
}
