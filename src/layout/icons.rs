//! Icons, drawn as vectors from the display list in the theme's colours,
//! so they print sharp at any size and follow the theme.

use super::blocks::{text, Align, Ctx, Laid};
use super::fonts::FaceId;
use super::paragraph::Span;
use super::shape;
use crate::content::model::{Icon, IconName};
use crate::display::Item;
use crate::error::{Error, Result};
use std::f32::consts::PI;

/// An icon, `icon.width` square and centred: a glyph of the brochure's own
/// face in the theme's primary colour, so it is vector and on the theme
/// (the telephone is DejaVu's U+260E).
pub fn icon(ctx: &Ctx, icon: &Icon, width: f32) -> Result<Laid> {
    let side = icon.width * 72.0;
    if side > width + 0.01 {
        return Err(Error::fit(format!(
            "the icon is set {:.2} in wide but the column is only {:.2} in",
            icon.width,
            width / 72.0
        )));
    }
    let glyph = match icon.name {
        IconName::Phone => "\u{260E}",
        IconName::Pin => return Ok(pin(ctx, side, width)),
    };
    let spans = [Span {
        text: glyph.into(),
        face: FaceId::Regular,
    }];
    // A type size at which the glyph is `side` wide.
    let em = shape::width(glyph, FaceId::Regular, 1.0, ctx.lang)?;
    let laid = text(
        ctx,
        &spans,
        side / em,
        ctx.palette.primary,
        width,
        Align::Center,
    )?;
    let mut items = laid.items;
    // The glyph's box (its line) centred on the square.
    for item in &mut items {
        item.translate(0.0, (laid.height - side) / 2.0);
    }
    Ok(Laid::new(items, side))
}

/// Segments in a drawn circle or ellipse: smooth at poster size.
const ROUND: usize = 72;

/// The `i`th of `ROUND` points round an ellipse about `centre`.
fn round((cx, cy): (f32, f32), (rx, ry): (f32, f32), i: usize) -> (f32, f32) {
    let t = 2.0 * PI * i as f32 / ROUND as f32;
    (cx + rx * t.cos(), cy + ry * t.sin())
}

/// A map pin in the accent colour standing in two ripples of the tint: "it
/// happens here", the cover's mark. `side` wide, centred in `width`.
fn pin(ctx: &Ctx, side: f32, width: f32) -> Laid {
    let p = ctx.palette;
    let h = side * 1.1;
    let cx = width / 2.0;
    let mut items = Vec::new();
    // The ripples: flat ellipses round the pin's point, drawn as lines.
    let ground = -h + side * 0.16;
    for (k, weight) in [(1.0, 0.035), (0.62, 0.045)] {
        let (rx, ry) = (side * 0.5 * k - side * weight, side * 0.14 * k);
        let at = |i| round((cx, ground), (rx, ry), i);
        items.extend((0..ROUND).map(|i| Item::Line {
            from: at(i),
            to: at(i + 1),
            color: p.tint,
            width: side * weight,
            dash: None,
        }));
    }
    // The pin: a round head whose sides run straight down to the point.
    let (r, head) = (side * 0.27, ground + side * 0.62);
    // The sides touch the head where the radius makes a right angle with
    // them: `beta` either side of straight down.
    let beta = (r / (head - ground)).acos();
    let mut outline = vec![(cx, ground)];
    let (a0, a1) = (-PI / 2.0 + beta, 3.0 * PI / 2.0 - beta);
    outline.extend((0..=ROUND).map(|i| {
        let t = a0 + (a1 - a0) * i as f32 / ROUND as f32;
        (cx + r * t.cos(), head + r * t.sin())
    }));
    items.push(Item::Polygon {
        points: outline,
        fill: p.accent,
    });
    // The hole in the head, in the colour of text on the primary.
    let hole = r * 0.42;
    items.push(Item::Polygon {
        points: (0..ROUND)
            .map(|i| round((cx, head), (hole, hole), i))
            .collect(),
        fill: p.on_primary,
    });
    Laid::new(items, h)
}
