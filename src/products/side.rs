//! One side of a flat piece (a poster, a card face): the head sections on a
//! band of the primary colour across the top, the body sections shared out
//! over columns below it, and the bottom sections across the foot.

use super::sections;
use crate::content::model::{PanelStyle, Section, Side};
use crate::content::{review, Content};
use crate::display::{Area, Item, Rect, Role};
use crate::error::{Error, Kind, Result};
use crate::layout::blocks::{section, Ctx};
use crate::layout::draft;
use crate::layout::frame::{flow, stack, Place, Vertical};

/// Where a side goes on its page.
pub struct Frame<'a> {
    /// For error messages: "poster", "Letter (8.5 x 11 in)"; "card", "front".
    pub product: &'a str,
    pub page: &'a str,
    /// The finished piece, in page coordinates.
    pub trim: Rect,
    /// Text keeps this far inside the trim.
    pub margin: f32,
    /// The head band's padding above and below its text: at least the
    /// print safe zone, as it sits against the trim.
    pub band_pad: f32,
    /// Text keeps this far above the trim's foot (the margin, or more
    /// where tear-off tabs take the foot).
    pub foot: f32,
    /// How far the head band's colour runs past the trim: the bleed, or 0
    /// where pieces touch on a sheet.
    pub bleed: f32,
    /// Space between body columns.
    pub gutter: f32,
}

/// The scan column's width over the smallest QR code's: its quiet zone
/// (4 modules a side of the 21 a tel: code has: 29 / 21); the caption
/// wraps in it.
const SCAN_WIDTH: f32 = 1.4;

/// `items` as a part of a side read `order`th: head, columns, foot.
fn part(items: Vec<Item>, order: u32) -> impl Iterator<Item = Item> {
    let begin = Item::Begin {
        role: Role::Section,
        order,
    };
    std::iter::once(begin)
        .chain(items)
        .chain(std::iter::once(Item::End))
}

/// Lays `side` out in `frame`; returns its items and its named safe areas,
/// the parts tagged to read head, columns in order, then the foot.
pub fn lay(
    ctx: &Ctx,
    content: &Content,
    side: &Side,
    frame: &Frame,
) -> Result<(Vec<Item>, Vec<Area>)> {
    let (trim, m) = (frame.trim, frame.margin);
    let width = trim.w - 2.0 * m;
    let mut items = Vec::new();
    let mut areas = Vec::new();
    if side.style == PanelStyle::Cover {
        let b = frame.bleed;
        let all = (trim.x - b, trim.y - b, trim.w + 2.0 * b, trim.h + 2.0 * b);
        items.push(fill(all.0, all.1, all.2, all.3, ctx.palette.primary));
    }
    let mut top = trim.top() - m;
    let head = stack(ctx, &sections(content, &side.head), width)?;
    if !head.items.is_empty() {
        let pad = frame.band_pad;
        let band = head.height + 2.0 * pad;
        let stripe = 3.0 * ctx.styles.unit;
        let b = frame.bleed;
        items.push(fill(
            trim.x - b,
            trim.top() - band,
            trim.w + 2.0 * b,
            band + b,
            ctx.palette.primary,
        ));
        items.push(fill(
            trim.x - b,
            trim.top() - band - stripe,
            trim.w + 2.0 * b,
            stripe,
            ctx.palette.accent,
        ));
        let head_h = head.height;
        let head = head.items.into_iter().map(|mut i| {
            i.translate(trim.x + m, trim.top() - pad);
            i
        });
        items.extend(part(head.collect(), 0));
        areas.push(Area {
            name: "head".into(),
            safe: Rect {
                x: trim.x + m,
                y: trim.top() - pad - head_h,
                w: width,
                h: head_h,
            },
        });
        top = trim.top() - band - stripe - ctx.styles.section_gap;
    }
    let body = Rect {
        x: trim.x + m,
        y: trim.y + frame.foot,
        w: width,
        h: top - (trim.y + frame.foot),
    };
    if body.h <= 0.0 {
        return Err(Error::fit(format!(
            "{}: the head takes the whole height and leaves no room for the rest. Shorten the head sections in the content file; nothing was written.",
            place(frame, "head").describe()
        )));
    }
    areas.push(Area {
        name: "body".into(),
        safe: body,
    });
    let color = match side.style {
        PanelStyle::Cover => ctx.palette.on_primary,
        PanelStyle::Plain => ctx.palette.text,
    };
    let lines = review::draft_lines(&content.meta);
    let (draft_items, body) = draft::reserve(ctx, &lines, body, color)?;
    items.extend(draft_items);
    let bottom = sections(content, &side.bottom);
    let scan = sections(content, &side.scan);
    let n = usize::from(side.columns.max(1));
    // The scan sections take the foot's right end, as wide as the code
    // with its quiet zone (wider where a word of the caption needs it,
    // Russian "Отсканируйте,"); the bottom sections the rest of it.
    let mut scan_w = ctx.styles.qr_min * SCAN_WIDTH;
    while !scan.is_empty() && scan_w < width / 3.0 {
        match stack(ctx, &scan, scan_w) {
            Err(e) if e.kind == Kind::Fit => scan_w *= 1.1,
            _ => break,
        }
    }
    // Half a gutter between them, so the numbers fit side by side.
    let beside = !scan.is_empty();
    let foot_w = if beside {
        width - scan_w - frame.gutter / 2.0
    } else {
        width
    };
    let foot_rect = Rect { w: foot_w, ..body };
    let foot = flow(
        ctx,
        &place(frame, "foot"),
        foot_rect,
        &[],
        &bottom,
        Vertical::Top,
    )?;
    items.extend(part(foot, n as u32 + 1));
    let mut reserved: f32 = match stack(ctx, &bottom, foot_w)? {
        b if b.items.is_empty() => 0.0,
        b => b.height + ctx.styles.section_gap,
    };
    if beside {
        let rect = Rect {
            x: body.right() - scan_w,
            w: scan_w,
            ..body
        };
        let laid = flow(
            ctx,
            &place(frame, "foot, beside the hotlines"),
            rect,
            &[],
            &scan,
            Vertical::Top,
        )?;
        items.extend(part(laid, n as u32 + 2));
        reserved = reserved.max(stack(ctx, &scan, scan_w)?.height + ctx.styles.section_gap);
    }
    let col_w = (width - frame.gutter * (n - 1) as f32) / n as f32;
    let body_sections = sections(content, &side.sections);
    let columns = balance(ctx, &body_sections, n, col_w)?;
    // The columns, tops aligned, sit in the middle of their room: what
    // the type search leaves spare goes above and below them alike, between
    // the head and the foot.
    let room = body.h - reserved;
    let mut tallest: f32 = 0.0;
    for column in &columns {
        tallest = tallest.max(stack(ctx, column, col_w)?.height);
    }
    let lower = (room - tallest).max(0.0) / 2.0;
    for (i, column) in columns.iter().enumerate() {
        let slot = crate::layout::bidi::slot(i, n, ctx.lang);
        let rect = Rect {
            x: body.x + slot as f32 * (col_w + frame.gutter),
            y: body.y + reserved,
            w: col_w,
            h: room - lower,
        };
        let area = if n == 1 {
            "body".to_string()
        } else {
            format!("body column {}", i + 1)
        };
        let column = flow(ctx, &place(frame, &area), rect, column, &[], Vertical::Top)?;
        items.extend(part(column, i as u32 + 1));
        let name = if n == 1 {
            "column".to_string()
        } else {
            format!("column {}", i + 1)
        };
        areas.push(Area { name, safe: rect });
    }
    Ok((items, areas))
}

fn place<'a>(frame: &'a Frame, area: &'a str) -> Place<'a> {
    Place {
        product: frame.product,
        page: frame.page,
        area,
    }
}

/// Shares `sections` out, in order, over `n` columns so the tallest column
/// is as short as it can be.
fn balance<'a>(
    ctx: &Ctx,
    sections: &[&'a Section],
    n: usize,
    width: f32,
) -> Result<Vec<Vec<&'a Section>>> {
    let heights: Vec<f32> = sections
        .iter()
        .map(|s| Ok(section(ctx, s, width)?.height))
        .collect::<Result<_>>()?;
    let gap = ctx.styles.section_gap;
    let tallest = |cuts: &[usize]| -> f32 {
        let mut bounds = vec![0];
        bounds.extend_from_slice(cuts);
        bounds.push(sections.len());
        bounds
            .windows(2)
            .map(|w| {
                let h: f32 = heights[w[0]..w[1]].iter().sum();
                h + gap * (w[1] - w[0]).saturating_sub(1) as f32
            })
            .fold(0.0, f32::max)
    };
    // Every way of cutting the list into n runs: a handful of sections.
    let mut best: Option<(f32, Vec<usize>)> = None;
    let mut cuts = Vec::new();
    cut_ways(sections.len(), n - 1, 0, &mut cuts, &mut |c| {
        let h = tallest(c);
        if best.as_ref().is_none_or(|(b, _)| h < *b) {
            best = Some((h, c.to_vec()));
        }
    });
    let cuts = best.map(|b| b.1).unwrap_or_default();
    let mut columns = Vec::new();
    let mut start = 0;
    for end in cuts.into_iter().chain(std::iter::once(sections.len())) {
        columns.push(sections[start..end].to_vec());
        start = end;
    }
    Ok(columns)
}

/// Calls `f` with every rising list of `k` cut points in `from..=len`.
fn cut_ways(
    len: usize,
    k: usize,
    from: usize,
    cuts: &mut Vec<usize>,
    f: &mut impl FnMut(&[usize]),
) {
    if k == 0 {
        f(cuts);
        return;
    }
    for c in from..=len {
        cuts.push(c);
        cut_ways(len, k - 1, c, cuts, f);
        cuts.pop();
    }
}

fn fill(x: f32, y: f32, w: f32, h: f32, color: crate::display::Cmyk) -> Item {
    Item::Rect {
        rect: Rect { x, y, w, h },
        fill: Some(color),
        stroke: None,
    }
}
