//! Products: page geometry and which content goes where.

pub mod trifold;

/// Points per inch.
pub const INCH: f32 = 72.0;
/// How far colour that touches a trim edge runs past it (0.125 in).
pub const BLEED: f32 = 0.125 * INCH;
