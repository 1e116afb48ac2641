//! Placing sections into a frame (a panel's safe area). Content that does
//! not fit is an error naming the place and the first words that did not fit.

use super::blocks::{section, Ctx, Laid};
use crate::content::model::Section;
use crate::display::{Item, Rect};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Vertical {
    Top,
    Center,
}

/// Where a frame is, for error messages: "brochure, inside page, panel 'inside-left'".
pub struct Place<'a> {
    pub product: &'a str,
    pub page: &'a str,
    pub area: &'a str,
}

impl Place<'_> {
    pub fn describe(&self) -> String {
        format!("{}, {}, {}", self.product, self.page, self.area)
    }
}

/// Lays `top` sections from the top of `safe` down and `bottom` sections
/// against its bottom edge; returns the items in page coordinates.
pub fn flow(
    ctx: &Ctx,
    place: &Place,
    safe: Rect,
    top: &[&Section],
    bottom: &[&Section],
    vertical: Vertical,
) -> Result<Vec<Item>> {
    // Errors from inside a block (a word wider than its column) say where.
    let top = stack(ctx, top, safe.w).map_err(|e| e.within(&place.describe()))?;
    let bottom = stack(ctx, bottom, safe.w).map_err(|e| e.within(&place.describe()))?;
    let reserved = if bottom.items.is_empty() {
        0.0
    } else {
        bottom.height + ctx.styles.section_gap
    };
    let room = safe.h - reserved;
    if top.height > room + 0.01 {
        return Err(overflow(ctx, place, &top, room, top.height - room));
    }
    if bottom.height > safe.h + 0.01 {
        return Err(overflow(
            ctx,
            place,
            &bottom,
            safe.h,
            bottom.height - safe.h,
        ));
    }
    // Spare room goes between sections, as a designer would share it,
    // never more than doubling a gap; the rest stays at the foot (or, on
    // a cover, above and below alike).
    let mut top = top;
    top.spread(room - top.height, 2.0);
    let dy = match vertical {
        Vertical::Top => safe.top(),
        Vertical::Center => safe.top() - (room - top.height) / 2.0,
    };
    let mut items: Vec<Item> = top.items;
    for i in &mut items {
        i.translate(safe.x, dy);
    }
    items.extend(bottom.items.into_iter().map(|mut i| {
        i.translate(safe.x, safe.y + bottom.height);
        i
    }));
    Ok(items)
}

/// Sections one below the other in a column `width` wide.
/// As tall as its glyphs' boxes reach (`Laid::take_in_boxes`).
pub fn stack(ctx: &Ctx, sections: &[&Section], width: f32) -> Result<Laid> {
    let mut laid = Laid::default();
    for s in sections {
        laid.stack_section(section(ctx, s, width)?, ctx.styles.section_gap);
    }
    laid.take_in_boxes();
    Ok(laid)
}

/// Names the first line of text whose foot falls below `room`.
fn overflow(ctx: &Ctx, place: &Place, laid: &Laid, room: f32, over: f32) -> Error {
    let first_cut = laid.items.iter().find_map(|i| match i {
        Item::Text(run) if run.baseline - run.size * 0.3 < -room => Some(run),
        _ => None,
    });
    let words = match first_cut {
        Some(run) => {
            // The rest of that line: every run on the same baseline from here
            // on, a space between runs set apart (a bullet and its text).
            let mut runs: Vec<_> = laid
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Text(r) if r.baseline == run.baseline && r.x >= run.x => Some(r),
                    _ => None,
                })
                .collect();
            runs.sort_by(|a, b| a.x.total_cmp(&b.x));
            let mut line = String::new();
            let mut end = run.x;
            for r in runs {
                if r.x > end + 0.5 {
                    line.push(' ');
                }
                line.push_str(&r.text());
                end = r.x + r.width;
            }
            line.split_whitespace()
                .take(8)
                .collect::<Vec<_>>()
                .join(" ")
        }
        None => "(a box or rule, not text)".to_string(),
    };
    // In what a person edits by: lines of body text, and inches.
    let line = ctx.styles.body * ctx.styles.leading;
    let lines = (over / line).ceil().max(1.0);
    let inches = over / 72.0;
    let size = match lines {
        1.0 => "about 1 line of body text".to_string(),
        n => format!("about {n} lines of body text"),
    };
    Error::fit(format!(
        "{}: the content does not fit; it is {size} ({inches:.2} in) too tall. The first words that did not fit: \"{words}\". Shorten the text or move a section to another panel in the content file; nothing was written.",
        place.describe()
    ))
}
