//! Printer's marks drawn outside the bleed: crop marks at the trim corners
//! and dashed fold ticks, in registration colour so they show on every plate.

use crate::display::{Cmyk, Item, Page};
use crate::products::BLEED;

/// All four inks at 100 %: the colour of marks that must appear on every plate.
pub const REGISTRATION: Cmyk = Cmyk([1.0, 1.0, 1.0, 1.0]);
/// Room around the trim for the bleed and the marks (0.5 in).
pub const MARGIN: f32 = 36.0;
/// Marks start this far from the trim edge, clear of the bleed (0.1875 in) ...
const OFFSET: f32 = BLEED + 4.5;
/// ... and are this long (0.25 in).
const LENGTH: f32 = 18.0;
const WIDTH: f32 = 0.3;

/// The marks for `page`, in media-box coordinates with the trim at (`m`, `m`).
pub fn marks(page: &Page, m: f32) -> Vec<Item> {
    let (w, h) = (page.width, page.height);
    let line = |from, to, dash| Item::Line {
        from,
        to,
        color: REGISTRATION,
        width: WIDTH,
        dash,
    };
    let mut items = Vec::new();
    for x in [m, m + w] {
        for y in [m, m + h] {
            // Horizontal mark on the trim line, pointing away from the page.
            let sx = if x == m { -1.0 } else { 1.0 };
            let sy = if y == m { -1.0 } else { 1.0 };
            items.push(line(
                (x + sx * OFFSET, y),
                (x + sx * (OFFSET + LENGTH), y),
                None,
            ));
            items.push(line(
                (x, y + sy * OFFSET),
                (x, y + sy * (OFFSET + LENGTH)),
                None,
            ));
        }
    }
    for fold in &page.folds {
        let x = m + fold;
        items.push(line(
            (x, m - OFFSET),
            (x, m - OFFSET - LENGTH),
            Some((3.0, 2.0)),
        ));
        items.push(line(
            (x, m + h + OFFSET),
            (x, m + h + OFFSET + LENGTH),
            Some((3.0, 2.0)),
        ));
    }
    items
}
