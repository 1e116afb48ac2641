//! Layout: fonts, shaping, line breaking and placing blocks into frames.
//! Nothing here knows about PDF or about a particular product.

pub mod bidi;
pub mod blocks;
pub mod draft;
pub mod fonts;
pub mod frame;
pub mod hyphenate;
mod icons;
mod inline;
pub mod markup;
pub mod paragraph;
pub mod qr;
pub mod shape;
mod statistic;
pub mod style;
