//! The US Letter roll-fold tri-fold brochure: two landscape pages of three
//! panels. The panel that folds in is 1/16 in narrower so it tucks inside.

use super::{sections, title, BLEED, INCH};
use crate::content::model::{Panel, PanelStyle};
use crate::content::{review, Content};
use crate::display::{Area, Document, Item, Page, Rect, Role};
use crate::error::{Error, Kind, Result};
use crate::layout::blocks::Ctx;
use crate::layout::draft;
use crate::layout::frame::{flow, Place, Vertical};
use crate::layout::style::{Palette, Styles};

pub const WIDTH: f32 = 11.0 * INCH;
pub const HEIGHT: f32 = 8.5 * INCH;
/// Text keeps this far from the trim and from every fold.
pub const SAFE: f32 = 0.25 * INCH;

/// Panel widths left to right as printed. Outside: flap | back | cover;
/// inside: left | middle | right (the flap's back, folding in).
pub const OUTSIDE: [f32; 3] = [3.625 * INCH, 3.6875 * INCH, 3.6875 * INCH];
pub const INSIDE: [f32; 3] = [3.6875 * INCH, 3.6875 * INCH, 3.625 * INCH];

/// Type sizes tried, largest first. The first is the brochure's size
/// (body 10.45 pt), the same in every language that fits it, English and
/// Spanish alike: a panel with room to spare gets more content in the
/// content file, not larger type. A language that needs more room is set
/// smaller, down to body 9.5 pt; content that does not fit at that size is
/// an error, never smaller type.
const SCALES: [f32; 3] = [1.1, 1.05, 1.0];

pub fn build(content: &Content) -> Result<Document> {
    let palette = Palette::from_theme(&content.theme);
    let mut result = Err(Error::fit("no type size was tried"));
    let mut overflow = None;
    for (i, k) in SCALES.into_iter().enumerate() {
        let styles = Styles::brochure().scaled(k);
        let ctx = Ctx {
            styles: &styles,
            palette: &palette,
            lang: &content.meta.language,
        };
        // The panel that overflowed at the last size most likely overflows
        // at this one too: try it alone first. At the smallest size the
        // whole brochure is always laid out, so errors read the same.
        let smallest = i + 1 == SCALES.len();
        if let (false, Some(spot)) = (smallest, overflow) {
            if overflows(&ctx, content, spot) {
                continue;
            }
        }
        result = pages(&ctx, content, &mut overflow);
        match &result {
            Err(e) if e.kind == Kind::Fit => continue,
            _ => break,
        }
    }
    Ok(Document {
        title: title(content),
        language: content.meta.language.clone(),
        pages: result?,
        colours: palette.named(),
    })
}

/// A panel by page (0 outside, 1 inside) and position from the left.
type Spot = (usize, usize);

fn sides(content: &Content) -> [(&str, &str, &[Panel], [f32; 3]); 2] {
    let b = &content.brochure;
    [
        ("outside page", "brochure.outside", &b.outside, OUTSIDE),
        ("inside page", "brochure.inside", &b.inside, INSIDE),
    ]
}

/// Whether the panel at `spot` alone does not fit.
fn overflows(ctx: &Ctx, content: &Content, (p, i): Spot) -> bool {
    let (name, _, panels, widths) = sides(content)[p];
    let Some(panel) = panels.get(i) else {
        return false;
    };
    let x = widths[..i].iter().sum();
    let bounds = Rect {
        x,
        y: 0.0,
        w: widths[i],
        h: HEIGHT,
    };
    matches!(panel_items(ctx, content, name, panel, bounds), Err(e) if e.kind == Kind::Fit)
}

fn pages(ctx: &Ctx, content: &Content, overflow: &mut Option<Spot>) -> Result<Vec<Page>> {
    let order = content.brochure.reading_order();
    sides(content)
        .into_iter()
        .enumerate()
        .map(|(p, (name, key, panels, widths))| {
            // Each panel's place in the reading of the folded piece.
            let reading = |i| {
                order
                    .iter()
                    .position(|&s| s == (p, i))
                    .unwrap_or(order.len()) as u32
            };
            page(ctx, content, name, key, panels, widths, reading).map_err(|(e, i)| {
                if let Some(i) = i {
                    *overflow = Some((p, i));
                }
                e
            })
        })
        .collect()
}

/// For printers that can only flip on the long edge: the inside page is
/// printed upside down so it comes out upright behind the outside.
pub fn turn_inside_page(doc: &mut Document) {
    doc.pages[1].rotated = true;
}

/// A page of three panels; a failure names the panel that did not fit.
fn page(
    ctx: &Ctx,
    content: &Content,
    name: &str,
    key: &str,
    panels: &[Panel],
    widths: [f32; 3],
    reading: impl Fn(usize) -> u32,
) -> Result<Page, (Error, Option<usize>)> {
    if panels.len() != 3 {
        return Err((
            Error::input(format!(
                "{key} lists {} panels; a tri-fold page has exactly 3, left to right as printed",
                panels.len()
            )),
            None,
        ));
    }
    let mut items = Vec::new();
    let mut areas = Vec::new();
    let mut folds = Vec::new();
    let mut x = 0.0;
    for (i, (panel, w)) in panels.iter().zip(widths).enumerate() {
        let bounds = Rect {
            x,
            y: 0.0,
            w,
            h: HEIGHT,
        };
        if panel.style == PanelStyle::Cover {
            items.push(background(bounds, i, ctx));
        }
        items.push(Item::Begin {
            role: Role::Section,
            order: reading(i),
        });
        items.extend(panel_items(ctx, content, name, panel, bounds).map_err(|e| (e, Some(i)))?);
        items.push(Item::End);
        areas.push(Area {
            name: panel.name.clone(),
            safe: bounds.inset(SAFE),
        });
        x += w;
        if i < 2 {
            folds.push(x);
        }
    }
    Ok(Page {
        width: WIDTH,
        height: HEIGHT,
        folds,
        rotated: false,
        areas,
        items,
    })
}

/// The text and boxes of one panel, placed in its safe area.
fn panel_items(
    ctx: &Ctx,
    content: &Content,
    page: &str,
    panel: &Panel,
    bounds: Rect,
) -> Result<Vec<Item>> {
    let vertical = match panel.style {
        PanelStyle::Cover => Vertical::Center,
        PanelStyle::Plain => Vertical::Top,
    };
    let area = format!("panel '{}'", panel.name);
    let place = Place {
        product: "brochure",
        page,
        area: &area,
    };
    let top = sections(content, &panel.sections);
    let bottom = sections(content, &panel.bottom);
    // Every panel is a face of the folded piece: each carries the draft line.
    let color = match panel.style {
        PanelStyle::Cover => ctx.palette.on_primary,
        PanelStyle::Plain => ctx.palette.text,
    };
    let lines = review::draft_lines(&content.meta);
    let (mut items, safe) = draft::reserve(ctx, &lines, bounds.inset(SAFE), color)?;
    items.extend(flow(ctx, &place, safe, &top, &bottom, vertical)?);
    Ok(items)
}

/// A full-colour panel; where it meets a trim edge it runs into the bleed.
fn background(bounds: Rect, index: usize, ctx: &Ctx) -> Item {
    let left = if index == 0 { BLEED } else { 0.0 };
    let right = if index == 2 { BLEED } else { 0.0 };
    Item::Rect {
        rect: Rect {
            x: bounds.x - left,
            y: -BLEED,
            w: bounds.w + left + right,
            h: bounds.h + 2.0 * BLEED,
        },
        fill: Some(ctx.palette.primary),
        stroke: None,
    }
}
