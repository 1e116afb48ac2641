//! The line that marks a piece made from an unreviewed translation: bold
//! type at the product's smallest size (`Styles::draft`), centred in a
//! strip at the foot of a frame, which the frame's content then cannot
//! use, so the two never overlap.

use super::blocks::{text, Align, Ctx, Laid};
use super::fonts::FaceId;
use super::paragraph::Span;
use crate::display::{Cmyk, Item, Rect, Role};

const ENGLISH: &str = "en";
use crate::error::Result;

/// Sets `lines` (the English line, then the language's) at the foot of
/// `safe` in `color`; returns their items and the part of `safe` left
/// above them. The lines share one line where they fit on it. No lines:
/// nothing is set and `safe` is left whole.
pub fn reserve(ctx: &Ctx, lines: &[&str], safe: Rect, color: Cmyk) -> Result<(Vec<Item>, Rect)> {
    if lines.is_empty() {
        return Ok((Vec::new(), safe));
    }
    let set = |t: &str| {
        let span = Span {
            text: t.to_string(),
            face: FaceId::Bold,
        };
        text(ctx, &[span], ctx.styles.draft, color, safe.w, Align::Center)
    };
    let one_line = ctx.styles.draft * ctx.styles.leading;
    let mut laid = set(&lines.join(" · "))?;
    if laid.height > one_line + 0.01 {
        laid = Laid::default();
        for (i, line) in lines.iter().enumerate() {
            let mut one = set(line)?;
            if i == 0 {
                one = in_english(ctx, one);
            }
            laid.stack(one.tagged(Role::Paragraph), 0.0, 0.0);
        }
    } else {
        if lines.len() > 1 {
            laid = english_start(ctx, laid, lines[0]);
        }
        laid = laid.tagged(Role::Paragraph);
    }
    laid.take_in_boxes();
    let items = laid
        .items
        .into_iter()
        .map(|mut i| {
            i.translate(safe.x, safe.y + laid.height);
            i
        })
        .collect();
    let taken = laid.height + ctx.styles.block_gap;
    let above = Rect {
        y: safe.y + taken,
        h: safe.h - taken,
        ..safe
    };
    Ok((items, above))
}

/// The English line, in a piece in another language, read in English.
fn in_english(ctx: &Ctx, laid: Laid) -> Laid {
    if ctx.lang == ENGLISH {
        return laid;
    }
    laid.tagged(Role::Span {
        actual_text: None,
        lang: Some(ENGLISH.into()),
    })
}

/// The lines set as one: its run cut after the English line's text, which
/// is read in English.
fn english_start(ctx: &Ctx, mut laid: Laid, english: &str) -> Laid {
    let [Item::Text(run)] = &mut laid.items[..] else {
        return laid;
    };
    let mut len = 0;
    let Some(at) = run.glyphs.iter().position(|g| {
        len += g.text.len();
        len >= english.len()
    }) else {
        return laid;
    };
    let rest = run.split_off(at + 1);
    let first = Laid::new(vec![Item::Text(run.clone())], laid.height);
    let mut items = in_english(ctx, first).items;
    items.push(Item::Text(rest));
    Laid::new(items, laid.height)
}
