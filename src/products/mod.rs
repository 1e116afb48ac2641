//! Products: page geometry and which content goes where.

pub mod trifold;

use crate::content::Content;
use crate::display::Document;
use crate::error::Result;

/// Points per inch.
pub const INCH: f32 = 72.0;
/// How far colour that touches a trim edge runs past it (0.125 in).
pub const BLEED: f32 = 0.125 * INCH;

/// A print piece foldline can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Product {
    Brochure,
}

impl Product {
    /// Short name used in file names and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Product::Brochure => "brochure",
        }
    }

    /// Lays `content` out as this product.
    pub fn build(self, content: &Content) -> Result<Document> {
        match self {
            Product::Brochure => trifold::build(content),
        }
    }
}
