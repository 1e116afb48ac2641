//! Wallet cards, 3.5 x 2 in, front and back: one card a page for a print
//! shop, or 10 up on Letter in the Avery 5371/8371 business-card layout
//! for an office printer, the backs placed for a long-edge duplex.

use super::side::{self, Frame};
use super::{largest_fitting, title, BLEED, INCH};
use crate::content::model::Side;
use crate::content::Content;
use crate::display::{untagged, Area, Cmyk, Document, Item, Page, Rect, Role};
use crate::error::{Error, Result};
use crate::layout::blocks::Ctx;
use crate::layout::style::{Palette, Styles};

/// The finished card.
pub const WIDTH: f32 = 3.5 * INCH;
pub const HEIGHT: f32 = 2.0 * INCH;
/// Text keeps this far inside the card's edges.
pub const SAFE: f32 = 0.125 * INCH;

/// Avery 5371/8371 on US Letter: 2 columns by 5 rows of cards touching
/// each other (no gutters), 0.75 in from the left edge, 0.5 in from the top.
pub const SHEET_WIDTH: f32 = 8.5 * INCH;
pub const SHEET_HEIGHT: f32 = 11.0 * INCH;
pub const SHEET_COLUMNS: usize = 2;
pub const SHEET_ROWS: usize = 5;
pub const SHEET_LEFT: f32 = 0.75 * INCH;
pub const SHEET_TOP: f32 = 0.5 * INCH;

/// Cut marks on the sheet: this far outside the cards, this long, this thick.
const MARK_OFFSET: f32 = INCH / 16.0;
const MARK_LENGTH: f32 = 3.0 * INCH / 16.0;
const MARK_WIDTH: f32 = 0.5;

/// Each side is set at the largest multiple of the card's base sizes
/// (body 7 pt) at which it fits, between these, to within `SCALE_STEP`:
/// the back's few lines are set large, the front's list fills its side.
const MIN_SCALE: f32 = 1.0;
const MAX_SCALE: f32 = 1.6;
const SCALE_STEP: f32 = 0.04;

pub fn build(content: &Content, sheet: bool) -> Result<Document> {
    let card = content.card.as_ref().ok_or_else(|| {
        Error::input(
            "the content file has no `card:` entry, so foldline does not know which sections go on the wallet card; add one next to `brochure:` with `front:` and `back:` (see the built-in content, content/csec/en.yaml)",
        )
    })?;
    let palette = Palette::from_theme(&content.theme);
    let side = |side: &Side, name: &str| {
        let at = |k: f32| {
            let styles = Styles::card(k);
            let ctx = Ctx {
                styles: &styles,
                palette: &palette,
                lang: &content.meta.language,
            };
            face(&ctx, content, side, name, sheet)
        };
        // Bisect for the largest that fits; the base sizes are laid out
        // only if nothing larger fits (they must, or that is the error).
        let best = largest_fitting((MIN_SCALE, MAX_SCALE), SCALE_STEP, at)?;
        best.map_or_else(|| at(MIN_SCALE), Ok)
    };
    let (front, back) = (side(&card.front, "front")?, side(&card.back, "back")?);
    let pages = if sheet {
        vec![sheet_page(front, false), sheet_page(back, true)]
    } else {
        vec![card_page(front), card_page(back)]
    };
    Ok(Document {
        title: title(content),
        language: content.meta.language.clone(),
        pages,
        colours: palette.named(),
    })
}

/// One side of the card laid out with its trim at the origin.
struct Face {
    items: Vec<Item>,
    areas: Vec<Area>,
}

fn face(ctx: &Ctx, content: &Content, side: &Side, name: &str, sheet: bool) -> Result<Face> {
    let frame = Frame {
        product: "card",
        page: name,
        trim: Rect {
            x: 0.0,
            y: 0.0,
            w: WIDTH,
            h: HEIGHT,
        },
        margin: SAFE,
        band_pad: SAFE,
        foot: SAFE,
        // Cards on a sheet touch: colour running past one would print on the next.
        bleed: if sheet { 0.0 } else { BLEED },
        gutter: SAFE,
    };
    let (mut items, areas) = side::lay(ctx, content, side, &frame)?;
    items.insert(0, Item::begin(Role::Section));
    items.push(Item::End);
    Ok(Face { items, areas })
}

fn card_page(face: Face) -> Page {
    Page {
        width: WIDTH,
        height: HEIGHT,
        folds: Vec::new(),
        rotated: false,
        areas: face.areas,
        items: face.items,
    }
}

/// Where the card in `column`, `row` (from the top left) sits on the sheet.
pub fn slot(column: usize, row: usize) -> Rect {
    Rect {
        x: SHEET_LEFT + column as f32 * WIDTH,
        y: SHEET_HEIGHT - SHEET_TOP - (row + 1) as f32 * HEIGHT,
        w: WIDTH,
        h: HEIGHT,
    }
}

/// The slot on the back sheet behind the front's `column`, `row`: a
/// long-edge flip mirrors the columns and keeps the rows.
pub fn back_slot(column: usize, row: usize) -> Rect {
    slot(SHEET_COLUMNS - 1 - column, row)
}

/// A Letter sheet of cards with cut marks outside them; `back` places each
/// card behind its front for a long-edge duplex.
fn sheet_page(face: Face, back: bool) -> Page {
    let mut items = Vec::new();
    let mut areas = Vec::new();
    for row in 0..SHEET_ROWS {
        for column in 0..SHEET_COLUMNS {
            let at = if back {
                back_slot(column, row)
            } else {
                slot(column, row)
            };
            let card = face.items.iter().cloned().map(|mut i| {
                i.translate(at.x, at.y);
                i
            });
            // One card is read, front then back: a screen-reader user
            // wants the card once, not ten copies of each side.
            if (row, column) == (0, 0) {
                items.extend(card);
            } else {
                items.extend(untagged(card));
            }
            areas.extend(face.areas.iter().map(|a| Area {
                name: format!("card {},{} {}", row + 1, column + 1, a.name),
                safe: Rect {
                    x: a.safe.x + at.x,
                    y: a.safe.y + at.y,
                    ..a.safe
                },
            }));
        }
    }
    items.extend(cut_marks());
    Page {
        width: SHEET_WIDTH,
        height: SHEET_HEIGHT,
        folds: Vec::new(),
        rotated: false,
        areas,
        items,
    }
}

/// Short lines in the sheet margins along every card edge, never on a card.
fn cut_marks() -> Vec<Item> {
    let grid = Rect {
        x: SHEET_LEFT,
        y: SHEET_HEIGHT - SHEET_TOP - SHEET_ROWS as f32 * HEIGHT,
        w: SHEET_COLUMNS as f32 * WIDTH,
        h: SHEET_ROWS as f32 * HEIGHT,
    };
    let mark = |from, to| Item::Line {
        from,
        to,
        // An office printer: plain black, not registration.
        color: Cmyk::BLACK,
        width: MARK_WIDTH,
        dash: None,
    };
    let (near, far) = (MARK_OFFSET, MARK_OFFSET + MARK_LENGTH);
    let mut marks = Vec::new();
    for c in 0..=SHEET_COLUMNS {
        let x = grid.x + c as f32 * WIDTH;
        marks.push(mark((x, grid.top() + near), (x, grid.top() + far)));
        marks.push(mark((x, grid.y - near), (x, grid.y - far)));
    }
    for r in 0..=SHEET_ROWS {
        let y = grid.y + r as f32 * HEIGHT;
        marks.push(mark((grid.x - near, y), (grid.x - far, y)));
        marks.push(mark((grid.right() + near, y), (grid.right() + far, y)));
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn avery_5371_grid_fills_letter_with_even_side_margins() {
        let (first, last) = (slot(0, 0), slot(SHEET_COLUMNS - 1, SHEET_ROWS - 1));
        assert_eq!((first.x, first.top()), (54.0, 756.0));
        assert_eq!((last.right(), last.y), (558.0, 36.0));
        assert_eq!(SHEET_WIDTH - last.right(), first.x);
    }

    #[test]
    fn each_back_sits_behind_its_front_after_a_long_edge_flip() {
        for row in 0..SHEET_ROWS {
            for column in 0..SHEET_COLUMNS {
                let (front, back) = (slot(column, row), back_slot(column, row));
                // Flipping on the long (vertical) edge maps x to width - x.
                assert_eq!(back.x, SHEET_WIDTH - front.right());
                assert_eq!(back.y, front.y);
            }
        }
        assert_eq!(back_slot(0, 2), slot(1, 2));
    }
}
