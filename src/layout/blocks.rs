//! Content blocks to positioned items. A block is laid out in a column of
//! a given width with its top-left corner at (0, 0); y grows upwards, so
//! everything it draws has y <= 0.

use super::bidi;
use super::fonts::{face, FaceId};
use super::inline;
use super::markup::{plain, spans};
use super::paragraph::{break_lines, Span};
use super::shape::{self, shape};
use super::style::{Palette, Styles};
use crate::content::model::{
    Block, Bullets, Callout, ChainLink, Cover, Grid, Hotline, ImageBlock, Marker, Section,
};
use crate::display::{Cmyk, Glyph, Item, Rect, Role, Rotation, TextRun};
use crate::error::{Error, Result};
use std::cell::RefCell;
use std::collections::HashMap;

/// A display text is set smaller to keep it on one line when it takes at
/// most this much more than the line.
const DISPLAY_SHRINK: f32 = 0.8;

/// What a layout depends on besides the content. Every field is part of
/// the key of the section cache in `section`: a field added here must be
/// added there.
pub struct Ctx<'a> {
    pub styles: &'a Styles,
    pub palette: &'a Palette,
    pub lang: &'a str,
}

/// Items laid out below (0, 0) and the height they take.
#[derive(Debug, Default, Clone)]
pub struct Laid {
    pub items: Vec<Item>,
    pub height: f32,
    /// The gaps between stacked sections as (y of the gap's top, its
    /// size): the one place a frame's spare room may go besides its foot.
    /// Gaps inside a section (heading to text, block to block, line to
    /// line) never grow, so every panel keeps one rhythm.
    pub gaps: Vec<(f32, f32)>,
}

impl Laid {
    pub fn new(items: Vec<Item>, height: f32) -> Laid {
        Laid {
            items,
            height,
            gaps: Vec::new(),
        }
    }

    /// The items as the content of one element of `role` (nothing when
    /// nothing is drawn: an empty element reads as nothing too).
    pub fn tagged(mut self, role: Role) -> Laid {
        if self.items.iter().any(|i| !i.is_tag()) {
            self.items.insert(0, Item::begin(role));
            self.items.push(Item::End);
        }
        self
    }

    /// Appends `other` below what is here, `gap` points lower, moved `dx` right.
    pub fn stack(&mut self, other: Laid, dx: f32, gap: f32) {
        let top = if self.items.is_empty() {
            0.0
        } else {
            self.height + gap
        };
        self.items.extend(other.items.into_iter().map(|mut i| {
            i.translate(dx, -top);
            i
        }));
        self.gaps
            .extend(other.gaps.into_iter().map(|(y, g)| (y - top, g)));
        self.height = top + other.height;
    }

    /// Lines keep their glyphs' boxes inside them, but a glyph the font
    /// sets higher or lower (a Thai tone mark, an Arabic vowel) takes its
    /// box with it: what a frame holds is moved down and made as tall as
    /// the boxes reach, so none passes the frame's edge.
    pub fn take_in_boxes(&mut self) {
        let height = self.height;
        let (above, below) = self
            .items
            .iter()
            .fold((0.0f32, 0.0f32), |(up, down), i| match i {
                Item::Text(run) => {
                    let b = run.face_bounds();
                    (up.max(b.top()), down.max(-height - b.y))
                }
                _ => (up, down),
            });
        if above > 0.0 || below > 0.0 {
            for i in &mut self.items {
                i.translate(0.0, -above);
            }
            for gap in &mut self.gaps {
                gap.0 -= above;
            }
            self.height += above + below;
        }
    }

    /// Appends the section `other` below what is here, `gap` points lower:
    /// a gap `spread` may grow.
    pub fn stack_section(&mut self, other: Laid, gap: f32) {
        if !self.items.is_empty() && gap > 0.0 {
            self.gaps.push((-self.height, gap));
        }
        self.stack(other, 0.0, gap);
    }

    /// Grows the gaps to use up to `extra` points of spare height, each by
    /// at most `max_growth` times its size, moving what is below them down.
    pub fn spread(&mut self, extra: f32, max_growth: f32) {
        let total: f32 = self.gaps.iter().map(|g| g.1).sum();
        if total <= 0.0 || extra <= 0.0 {
            return;
        }
        let per_point = (extra / total).min(max_growth);
        let mut gaps = self.gaps.clone();
        gaps.sort_by(|a, b| b.0.total_cmp(&a.0));
        for item in &mut self.items {
            let top = item.top();
            let shift: f32 = gaps
                .iter()
                .filter(|(y, _)| top <= *y)
                .map(|(_, g)| g * per_point)
                .sum();
            item.translate(0.0, -shift);
        }
        self.height += total * per_point;
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Align {
    Left,
    Center,
}

/// Sets text in lines; each line is `leading` high with its glyphs centred in it.
pub fn text(
    ctx: &Ctx,
    spans: &[Span],
    size: f32,
    color: Cmyk,
    width: f32,
    align: Align,
) -> Result<Laid> {
    set(ctx, spans, size, color, width, align, false)
}

/// Running text (paragraphs, bullets): hyphenated, below the styles'
/// `hyphens_below`. Titles, labels and short cells are not: a broken word
/// there reads badly.
pub fn body(ctx: &Ctx, spans: &[Span], size: f32, width: f32) -> Result<Laid> {
    let hyphenate = size < ctx.styles.hyphens_below;
    set(
        ctx,
        spans,
        size,
        ctx.palette.text,
        width,
        Align::Left,
        hyphenate,
    )
}

fn set(
    ctx: &Ctx,
    spans: &[Span],
    size: f32,
    color: Cmyk,
    width: f32,
    align: Align,
    hyphenate: bool,
) -> Result<Laid> {
    let lines = break_lines(spans, size, color, width, ctx.lang, hyphenate)?;
    // Right-to-left text starts at the right.
    let rtl = bidi::is_rtl(ctx.lang);
    let lead = size * ctx.styles.leading;
    // Each line is `lead` high, or as high as its tallest face's box where
    // that is taller (the Noto faces' boxes are, CJK's most), with its
    // glyphs centred in it: no glyph box ever reaches past the block.
    // What taller lines add to `lead` each (zero for DejaVu: its lines
    // are placed exactly as `i * lead`).
    let mut extra = 0.0;
    let n = lines.len();
    let placed = lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let (ascender, descender) = line.runs.iter().fold((0.0f32, 0.0f32), |(a, d), r| {
                let f = face(r.face);
                (a.max(f.ascender), d.min(f.descender))
            });
            let (ascender, descender) = if line.runs.is_empty() {
                let f = face(FaceId::Regular);
                (f.ascender, f.descender)
            } else {
                (ascender, descender)
            };
            let tall = size * (ascender - descender);
            let height = lead.max(tall);
            let baseline = (i as f32 * lead + extra) + ((height - tall) / 2.0 + size * ascender);
            extra += height - lead;
            let dx = match align {
                Align::Left if rtl => width - line.width,
                Align::Left => 0.0,
                Align::Center => (width - line.width) / 2.0,
            };
            (line, dx, -baseline)
        })
        .collect();
    Ok(Laid::new(inline::items(placed), n as f32 * lead + extra))
}

/// How wide `spans` are set on one line at `size`.
pub(super) fn width_of(ctx: &Ctx, spans: &[Span], size: f32) -> Result<f32> {
    let mut width = 0.0;
    for span in spans {
        width += shape::width(&span.text, span.face, size, ctx.lang)?;
    }
    Ok(width)
}

/// Sets every span in the display face (extra bold, upright): titles,
/// headings, the numbers to call, figures.
pub(super) fn displayed(mut s: Vec<Span>) -> Vec<Span> {
    for span in &mut s {
        span.face = FaceId::Display;
    }
    s
}

/// Forces every span into the given weight and slant.
pub(super) fn restyle(mut s: Vec<Span>, bold: bool, italic: bool) -> Vec<Span> {
    for span in &mut s {
        span.face = span.face.with(bold, italic);
    }
    s
}

fn rect(x: f32, y: f32, w: f32, h: f32, fill: Cmyk) -> Item {
    Item::Rect {
        rect: Rect { x, y, w, h },
        fill: Some(fill),
        stroke: None,
    }
}

/// Laid-out sections by everything their layout depends on. A product
/// tries several type sizes, and the sections without `{county}` or
/// `{hotline}` come out the same for every county of a print run.
type SectionCache = RefCell<HashMap<String, Laid>>;

thread_local! {
    static SECTIONS: SectionCache = RefCell::new(HashMap::new());
}

/// Sections kept per thread before the cache is emptied (bounds memory).
const MAX_CACHED: usize = 2_000;

pub fn section(ctx: &Ctx, section: &Section, width: f32) -> Result<Laid> {
    // Images are quick to place and their Debug output is every pixel.
    if section.blocks.iter().any(|b| matches!(b, Block::Image(_))) {
        return lay_section(ctx, section, width);
    }
    // Debug output names every field, and floats in it read back exactly.
    let key = format!(
        "{section:?}|{:?}|{:?}|{}|{}|{:?}",
        ctx.styles,
        ctx.palette,
        ctx.lang,
        width.to_bits(),
        super::fonts::in_use()
    );
    if let Some(laid) = SECTIONS.with(|c| c.borrow().get(&key).cloned()) {
        return Ok(laid);
    }
    let laid = lay_section(ctx, section, width)?;
    SECTIONS.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= MAX_CACHED {
            c.clear();
        }
        c.insert(key, laid.clone());
    });
    Ok(laid)
}

/// A heading or subheading in the primary colour, its lines balanced: no
/// word alone on a line of its own ("Cómo identificar la / ESCN").
fn heading_text(ctx: &Ctx, heading: &str, size: f32, width: f32) -> Result<Laid> {
    let spans = displayed(spans(heading, true));
    let color = ctx.palette.primary;
    let laid = text(ctx, &spans, size, color, width, Align::Left)?;
    balanced(ctx, &spans, size, color, width, Align::Left, laid)
}

fn lay_section(ctx: &Ctx, section: &Section, width: f32) -> Result<Laid> {
    let mut laid = Laid::default();
    if let Some(heading) = &section.heading {
        let s = ctx.styles;
        let h = heading_text(ctx, heading, s.heading, width)?;
        let mut h = h.tagged(Role::Heading(2));
        // A short accent bar under each heading, as on the original panels.
        // It starts where the heading does: on the right in right-to-left text.
        let u = s.unit;
        let x = if bidi::is_rtl(ctx.lang) {
            width - 42.0 * u
        } else {
            0.0
        };
        h.items.push(rect(
            x,
            -(h.height + 3.0 * u),
            42.0 * u,
            2.5 * u,
            ctx.palette.accent,
        ));
        h.height += 5.5 * u;
        laid.stack(h, 0.0, 0.0);
    }
    for b in &section.blocks {
        laid.stack(block(ctx, b, width)?, 0.0, ctx.styles.block_gap);
    }
    Ok(laid)
}

pub fn block(ctx: &Ctx, block: &Block, width: f32) -> Result<Laid> {
    let (s, p) = (ctx.styles, ctx.palette);
    match block {
        Block::Paragraph(t) => {
            Ok(body(ctx, &spans(t, false), s.body, width)?.tagged(Role::Paragraph))
        }
        Block::Subheading(t) => {
            Ok(heading_text(ctx, t, s.subheading, width)?.tagged(Role::Heading(3)))
        }
        Block::Citation(t) => Ok(text(
            ctx,
            &restyle(spans(t, false), false, true),
            s.small,
            p.text,
            width,
            Align::Left,
        )?
        .tagged(Role::Paragraph)),
        Block::Bullets(b) => bullets(ctx, b, width),
        Block::Grid(g) => grid(ctx, g, width),
        Block::Highlights(words) => highlights(ctx, words, width),
        Block::Hotline(h) => {
            let pad = 8.0 * s.unit;
            let inner = hotline(ctx, h, ctx.styles.hotline, width - 2.0 * pad)?;
            Ok(filled(inner, p.primary, width, pad))
        }
        Block::Hotlines(list) => hotlines(ctx, list, width),
        Block::Callout(c) => callout(ctx, c, width),
        Block::Statistic(st) => super::statistic::statistic(ctx, st, width),
        Block::Chain(c) => Ok(figure(block, chain(ctx, &c.links, width)?)),
        Block::Steps(links) => steps(ctx, links, width),
        Block::Credits(lines) => {
            let mut laid = Laid::default();
            for line in lines {
                laid.stack(
                    text(
                        ctx,
                        &spans(line, false),
                        s.small + 0.5,
                        p.text,
                        width,
                        Align::Center,
                    )?
                    .tagged(Role::Paragraph),
                    0.0,
                    s.unit,
                );
            }
            Ok(laid)
        }
        Block::Cover(c) => cover(ctx, c, width),
        Block::Qr(q) => super::qr::qr(ctx, q, width, |code| figure(block, code)),
        Block::Image(img) => Ok(figure(block, image(img, width)?)),
        Block::Icon(i) => Ok(figure(block, super::icons::icon(ctx, i, width)?)),
    }
}

/// A figure block read as its alt text; a decorative one is left untagged,
/// an artifact. (Content checks refuse a figure with neither.)
pub fn figure(block: &Block, laid: Laid) -> Laid {
    match block.figure() {
        Some(f) if !f.decorative => match f.alt {
            Some(alt) => laid.tagged(Role::Figure { alt: alt.into() }),
            None => laid,
        },
        _ => laid,
    }
}

fn bullets(ctx: &Ctx, b: &Bullets, width: f32) -> Result<Laid> {
    let size = ctx.styles.body;
    let indent = size * 1.45;
    // In right-to-left text the marker and the hanging indent are on the
    // right, and the arrow points left, into the text.
    let rtl = bidi::is_rtl(ctx.lang);
    let glyph = match b.marker {
        Marker::Arrow if rtl => "⇐",
        m => m.glyph(),
    };
    let marker = shape(glyph, FaceId::Regular, size)?;
    let marker_width: f32 = marker.iter().map(|g| g.advance).sum();
    let (text_x, marker_x) = if rtl {
        (0.0, width - marker_width)
    } else {
        (indent, 0.0)
    };
    let mut laid = Laid::default();
    for item in &b.items {
        let mut one = body(ctx, &spans(item, false), size, width - indent)?.tagged(Role::ListBody);
        let baseline = one.items.iter().find_map(|i| match i {
            Item::Text(run) => Some(run.baseline),
            _ => None,
        });
        for i in &mut one.items {
            i.translate(text_x, 0.0);
        }
        // The marker is the item's label, which a reader may skip.
        one.items.splice(
            0..0,
            [
                Item::begin(Role::ListItem),
                Item::begin(Role::Label),
                Item::Text(TextRun {
                    face: FaceId::Regular,
                    size,
                    color: ctx.palette.accent,
                    x: marker_x,
                    baseline: baseline.unwrap_or(-size),
                    width: marker_width,
                    glyphs: marker
                        .iter()
                        .map(|g| Glyph {
                            id: g.id,
                            x: 0.0,
                            y: 0.0,
                            text: g.text.clone(),
                        })
                        .collect(),
                    rotation: Rotation::None,
                    rtl: false,
                }),
                Item::End,
            ],
        );
        one.items.push(Item::End);
        laid.stack(one, 0.0, size * 0.3);
    }
    Ok(laid.tagged(Role::List { numbered: false }))
}

fn grid(ctx: &Ctx, g: &Grid, width: f32) -> Result<Laid> {
    let columns = g.columns.max(1) as usize;
    let gap = 4.0 * ctx.styles.unit;
    let pad = 3.5 * ctx.styles.unit;
    let cell_w = (width - gap * (columns - 1) as f32) / columns as f32;
    narrow_check(ctx, "grid", columns, cell_w - 2.0 * pad)?;
    let mut laid = Laid::default();
    for row in g.items.chunks(columns) {
        let cells: Vec<Laid> = row
            .iter()
            .map(|t| {
                // Read as a list, row by row: items, not a table of data.
                Ok(text(
                    ctx,
                    &spans(t, false),
                    ctx.styles.body,
                    ctx.palette.text,
                    cell_w - 2.0 * pad,
                    Align::Left,
                )?
                .tagged(Role::ListBody)
                .tagged(Role::ListItem))
            })
            .collect::<Result<_>>()?;
        let h = cells.iter().map(|c| c.height).fold(0.0, f32::max) + 2.0 * pad;
        let mut line = Laid::new(Vec::new(), h);
        for (i, cell) in cells.into_iter().enumerate() {
            let x = i as f32 * (cell_w + gap);
            line.items.push(rect(x, -h, cell_w, h, ctx.palette.tint));
            line.items.extend(cell.items.into_iter().map(|mut it| {
                it.translate(x + pad, -pad);
                it
            }));
        }
        laid.stack(line, 0.0, gap);
    }
    Ok(laid.tagged(Role::List { numbered: false }))
}

/// Columns narrower than a few letters hold no word; say so plainly
/// rather than "the column is -9.8 pt".
fn narrow_check(ctx: &Ctx, what: &str, columns: usize, inner: f32) -> Result<()> {
    let min = ctx.styles.body * 3.0;
    if inner < min {
        let fewer = if what == "chain" { "boxes" } else { "columns" };
        return Err(Error::fit(format!(
            "the {what} has {columns} {fewer}, which leaves {:.1} pt for the text of each; it needs at least {min:.1} pt. Use fewer {fewer}; nothing was written.",
            inner.max(0.0)
        )));
    }
    Ok(())
}

fn highlights(ctx: &Ctx, words: &[String], width: f32) -> Result<Laid> {
    let mut laid = Laid::default();
    let pad = ctx.styles.highlight * 0.35;
    for w in words {
        let t = text(
            ctx,
            &displayed(spans(w, false)),
            ctx.styles.highlight,
            ctx.palette.on_primary,
            width - 2.0 * pad,
            Align::Center,
        )?
        .tagged(Role::Paragraph);
        laid.stack(
            filled(t, ctx.palette.accent, width, pad),
            0.0,
            4.0 * ctx.styles.unit,
        );
    }
    Ok(laid)
}

/// `inner` in a box `width` wide filled with `fill`, padded by `pad`.
pub(super) fn filled(inner: Laid, fill: Cmyk, width: f32, pad: f32) -> Laid {
    let h = inner.height + 2.0 * pad;
    let mut items = vec![rect(0.0, -h, width, h, fill)];
    items.extend(inner.items.into_iter().map(|mut i| {
        i.translate(pad, -pad);
        i
    }));
    Laid::new(items, h)
}

/// A hotline's label, number (`size`, large) and note, white, centred in `width`.
fn hotline(ctx: &Ctx, h: &Hotline, size: f32, width: f32) -> Result<Laid> {
    let (s, p) = (ctx.styles, ctx.palette);
    let mut laid = Laid::default();
    if let Some(label) = &h.label {
        let label = restyle(spans(label, false), true, false);
        laid.stack(
            display(
                ctx,
                &label,
                s.subheading,
                p.on_primary,
                (width, Align::Center),
                false,
            )?
            .tagged(Role::Paragraph),
            0.0,
            0.0,
        );
    }
    // The number is a link (inline::items) in a paragraph of its own.
    let number = displayed(spans(&h.number, false));
    laid.stack(
        text(ctx, &number, size, p.on_primary, width, Align::Center)?.tagged(Role::Paragraph),
        0.0,
        0.0,
    );
    if let Some(note) = &h.note {
        let note = spans(note, false);
        laid.stack(
            text(ctx, &note, s.body, p.on_primary, width, Align::Center)?.tagged(Role::Paragraph),
            0.0,
            0.0,
        );
    }
    Ok(laid)
}

/// The size of a `hotlines` block's numbers after the first, against it.
const SECOND_HOTLINE: f32 = 0.8;

/// Hotlines in one box on the primary colour: side by side when every
/// number fits its column, else one above the other;
/// a thin rule between them.
fn hotlines(ctx: &Ctx, list: &[Hotline], width: f32) -> Result<Laid> {
    let (s, p) = (ctx.styles, ctx.palette);
    let pad = 8.0 * s.unit;
    let gap = 2.0 * pad;
    let inner_w = width - 2.0 * pad;
    let n = list.len().max(1);
    let col_w = (inner_w - gap * (n - 1) as f32) / n as f32;
    // The first is the one to call (the content puts the county's
    // first): the largest number on the piece; the others a step smaller.
    let size = |i: usize| match i {
        0 => s.hotline,
        _ => s.hotline * SECOND_HOTLINE,
    };
    let mut side_by_side = n > 1;
    for (i, h) in list.iter().enumerate() {
        let number = shape::width(&plain(&h.number), FaceId::Display, size(i), ctx.lang)?;
        side_by_side &= number <= col_w;
    }
    let rule = |from, to| Item::Line {
        from,
        to,
        color: p.on_primary,
        width: 0.75 * s.unit,
        dash: None,
    };
    let mut inner = Laid::default();
    if side_by_side {
        let laid: Vec<Laid> = list
            .iter()
            .enumerate()
            .map(|(i, h)| hotline(ctx, h, size(i), col_w))
            .collect::<Result<_>>()?;
        let h = laid.iter().map(|l| l.height).fold(0.0, f32::max);
        let (n, rtl) = (laid.len(), bidi::is_rtl(ctx.lang));
        for (i, one) in laid.into_iter().enumerate() {
            let x = bidi::slot(i, n, ctx.lang) as f32 * (col_w + gap);
            if i > 0 {
                // Between this box and the one before it.
                let between = if rtl {
                    x + col_w + gap / 2.0
                } else {
                    x - gap / 2.0
                };
                inner.items.push(rule((between, 0.0), (between, -h)));
            }
            inner.items.extend(one.items.into_iter().map(|mut it| {
                it.translate(x, 0.0);
                it
            }));
        }
        inner.height = h;
    } else {
        for (i, h) in list.iter().enumerate() {
            let one = hotline(ctx, h, size(i), inner_w)?;
            if i > 0 {
                let y = -(inner.height + gap / 2.0);
                inner
                    .items
                    .push(rule((inner_w * 0.2, y), (inner_w * 0.8, y)));
            }
            inner.stack(one, 0.0, gap);
        }
    }
    Ok(filled(inner, p.primary, width, pad))
}

fn callout(ctx: &Ctx, c: &Callout, width: f32) -> Result<Laid> {
    let (s, p) = (ctx.styles, ctx.palette);
    let pad = 8.0 * s.unit;
    let inner_w = width - 2.0 * pad;
    let mut inner = text(
        ctx,
        &spans(&c.title, true),
        s.subheading,
        p.primary,
        inner_w,
        Align::Center,
    )?
    .tagged(Role::Paragraph);
    // The lines are one sentence broken for the box: one paragraph.
    let mut lines = Laid::default();
    for line in &c.lines {
        lines.stack(
            text(
                ctx,
                &spans(line, false),
                s.body,
                p.text,
                inner_w,
                Align::Center,
            )?,
            0.0,
            0.0,
        );
    }
    inner.stack(lines.tagged(Role::Paragraph), 0.0, 0.0);
    Ok(filled(inner, p.tint, width, pad))
}

/// Boxes side by side joined by arrows: label on a coloured band, text below.
fn chain(ctx: &Ctx, links: &[ChainLink], width: f32) -> Result<Laid> {
    let (s, p) = (ctx.styles, ctx.palette);
    let n = links.len().max(1) as f32;
    let u = s.unit;
    let arrow = 11.0 * u;
    let box_w = (width - arrow * (n - 1.0)) / n;
    let pad = 3.0 * u;
    let inner = box_w - 2.0 * pad;
    narrow_check(ctx, "chain", links.len(), inner)?;
    let size = s.small + 0.5;
    // The labels share one size: smaller where a word would not fit its
    // box ("Intermediario"), never under the small text's size.
    let label = |l: &ChainLink| restyle(spans(&l.label, false), true, false);
    let mut label_size = size + 0.5;
    for link in links {
        for span in label(link) {
            for word in span.text.split_whitespace() {
                let w = shape::width(word, span.face, size + 0.5, ctx.lang)?;
                label_size = label_size.min((size + 0.5) * inner / w * 0.995);
            }
        }
    }
    let label_size = label_size.max(s.small);
    let mut labels = Vec::new();
    let mut bodies = Vec::new();
    for link in links {
        labels.push(text(
            ctx,
            &label(link),
            label_size,
            p.on_primary,
            inner,
            Align::Center,
        )?);
        bodies.push(text(
            ctx,
            &spans(&link.text, false),
            size,
            p.text,
            inner,
            Align::Center,
        )?);
    }
    let label_h = labels.iter().map(|l| l.height).fold(0.0, f32::max) + 2.0 * pad;
    let body_h = bodies.iter().map(|b| b.height).fold(0.0, f32::max) + 2.0 * pad;
    let h = label_h + body_h;
    let mut items = Vec::new();
    for (i, (label, body)) in labels.into_iter().zip(bodies).enumerate() {
        let x = i as f32 * (box_w + arrow);
        items.push(rect(x, -label_h, box_w, label_h, p.primary));
        items.push(rect(x, -h, box_w, body_h, p.tint));
        items.extend(label.items.into_iter().map(|mut it| {
            it.translate(x + pad, -pad);
            it
        }));
        items.extend(body.items.into_iter().map(|mut it| {
            it.translate(x + pad, -(label_h + pad));
            it
        }));
        if i + 1 < links.len() {
            let (ax, ay) = (x + box_w + 2.0 * u, -h / 2.0);
            items.push(Item::Polygon {
                points: vec![
                    (ax, ay + 5.0 * u),
                    (ax + arrow - 4.0 * u, ay),
                    (ax, ay - 5.0 * u),
                ],
                fill: p.accent,
            });
        }
    }
    Ok(Laid::new(items, h))
}

fn cover(ctx: &Ctx, c: &Cover, width: f32) -> Result<Laid> {
    let (s, p) = (ctx.styles, ctx.palette);
    let mut laid = text(
        ctx,
        &displayed(spans(&c.kicker, false)),
        s.cover_kicker,
        p.on_primary,
        width,
        s.cover_align,
    )?
    .tagged(Role::Paragraph);
    let title = display(
        ctx,
        &displayed(spans(&c.title, false)),
        s.cover_title,
        p.on_primary,
        (width, s.cover_align),
        false,
    )?
    .tagged(Role::Heading(1));
    laid.stack(title, 0.0, s.cover_gap * 1.2);
    // White on an accent band: accent letters straight on the primary
    // colour are too faint for WCAG 1.4.3 with any red that also reads on
    // paper (bullets) and under white (highlights).
    // The words keep the column's full width; the band reaches a little
    // past it into the margin (it is no text, so it may leave the safe area).
    let (pad, past) = (s.tagline * 0.15, s.tagline * 0.25);
    let tagline = display(
        ctx,
        &displayed(spans(&c.tagline, false)),
        s.tagline,
        p.on_primary,
        (width, s.cover_align),
        true,
    )?
    .tagged(Role::Paragraph);
    let h = tagline.height + 2.0 * pad;
    let mut band = vec![rect(-past, -h, width + 2.0 * past, h, p.accent)];
    band.extend(tagline.items.into_iter().map(|mut i| {
        i.translate(0.0, -pad);
        i
    }));
    laid.stack(Laid::new(band, h), 0.0, s.cover_gap * 1.5);
    Ok(laid)
}

/// An image centred in the column at its printed width.
fn image(img: &ImageBlock, width: f32) -> Result<Laid> {
    let picture = img
        .picture
        .clone()
        .ok_or_else(|| Error::input(format!("image {} was not loaded", img.file)))?;
    let w = img.width * 72.0;
    if w > width + 0.01 {
        return Err(Error::fit(format!(
            "image {} is set {:.2} in wide but the column is only {:.2} in",
            img.file,
            img.width,
            width / 72.0
        )));
    }
    let h = w * picture.height as f32 / picture.width as f32;
    let rect = Rect {
        x: (width - w) / 2.0,
        y: -h,
        w,
        h,
    };
    Ok(Laid::new(vec![Item::Image { rect, picture }], h))
}

/// A display text (cover title, tagline, hotline label), centred. Its
/// lines are evened out so no word is left alone on the last, and with
/// `shrink` one that nearly fits a line is set a little smaller to fit it
/// (the tagline: the title keeps its size, which ranks it above the
/// hotlines).
fn display(
    ctx: &Ctx,
    spans: &[Span],
    size: f32,
    color: Cmyk,
    (width, align): (f32, Align),
    shrink: bool,
) -> Result<Laid> {
    let laid = text(ctx, spans, size, color, width, align)?;
    let lines = (laid.height / (size * ctx.styles.leading)).round() as usize;
    if lines <= 1 {
        return Ok(laid);
    }
    if shrink {
        if let Some(fitted) = one_line(ctx, spans, size, color, (width, align))? {
            return Ok(fitted);
        }
    }
    balanced(ctx, spans, size, color, width, align, laid)
}

/// `laid` (`spans` set in `width`) set again at the narrowest measure that
/// still takes as many lines, so that its lines come out even and no word
/// is left alone on the last one (as CSS `text-wrap: balance`); placed at
/// `align`'s edge of `width` (the right one for right-to-left text).
fn balanced(
    ctx: &Ctx,
    spans: &[Span],
    size: f32,
    color: Cmyk,
    width: f32,
    align: Align,
    laid: Laid,
) -> Result<Laid> {
    let lines = |l: &Laid| (l.height / (size * ctx.styles.leading)).round() as usize;
    let n = lines(&laid);
    if n <= 1 {
        return Ok(laid);
    }
    let (mut lo, mut hi) = (width / n as f32, width);
    for _ in 0..12 {
        let mid = (lo + hi) / 2.0;
        // Too narrow for a word is an error here, and means "more lines".
        let fewer_or_same = text(ctx, spans, size, color, mid, align).is_ok_and(|l| lines(&l) <= n);
        if fewer_or_same {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    let mut even = text(ctx, spans, size, color, hi, align)?;
    let dx = match align {
        Align::Center => (width - hi) / 2.0,
        _ if bidi::is_rtl(ctx.lang) => width - hi,
        _ => 0.0,
    };
    for item in &mut even.items {
        item.translate(dx, 0.0);
    }
    Ok(even)
}

/// `spans` on one line, set smaller to fit `width` if they need at most
/// 1 / DISPLAY_SHRINK of it; None if they need more.
fn one_line(
    ctx: &Ctx,
    spans: &[Span],
    size: f32,
    color: Cmyk,
    (width, align): (f32, Align),
) -> Result<Option<Laid>> {
    let natural = width_of(ctx, spans, size)?;
    if width < natural * DISPLAY_SHRINK {
        return Ok(None);
    }
    // A hair under the exact ratio: kerning across spans is not measured.
    let smaller = size * (width / natural).min(1.0) * 0.995;
    let fitted = text(ctx, spans, smaller, color, width, align)?;
    let one = fitted.height <= smaller * ctx.styles.leading * 1.01;
    Ok(one.then_some(fitted))
}

/// Numbered steps down the column: a badge with the number, the label in
/// bold beside it with the text below, and a rule joining the badges. One
/// unit: spare room in a frame does not pull the steps apart.
fn steps(ctx: &Ctx, links: &[ChainLink], width: f32) -> Result<Laid> {
    let (s, p) = (ctx.styles, ctx.palette);
    let badge = s.subheading * 1.9;
    let indent = badge + s.body * 0.75;
    let gap = s.block_gap * 1.6;
    // Right to left, the badges are on the right, as bullets are.
    let (badge_x, text_x) = if bidi::is_rtl(ctx.lang) {
        (width - badge, 0.0)
    } else {
        (0.0, indent)
    };
    let mut items = Vec::new();
    let mut tops = Vec::new();
    let mut y = 0.0;
    for (i, link) in links.iter().enumerate() {
        let label = restyle(spans(&link.label, false), true, false);
        let mut step = text(
            ctx,
            &label,
            s.subheading,
            p.primary,
            width - indent,
            Align::Left,
        )?;
        if !link.text.is_empty() {
            step.stack(
                body(ctx, &spans(&link.text, false), s.body, width - indent)?,
                0.0,
                s.body * 0.15,
            );
        }
        let step = step.tagged(Role::ListBody);
        items.push(rect(badge_x, -(y + badge), badge, badge, p.accent));
        let number = Span {
            text: (i + 1).to_string(),
            face: FaceId::Bold,
        };
        let number = text(
            ctx,
            &[number],
            s.subheading * 1.1,
            p.on_primary,
            badge,
            Align::Center,
        )?
        .tagged(Role::Label);
        let dy = y + (badge - number.height) / 2.0;
        items.push(Item::begin(Role::ListItem));
        items.extend(number.items.into_iter().map(|mut it| {
            it.translate(badge_x, -dy);
            it
        }));
        items.extend(step.items.into_iter().map(|mut it| {
            it.translate(text_x, -y);
            it
        }));
        items.push(Item::End);
        tops.push(y);
        y += step.height.max(badge) + gap;
    }
    for pair in tops.windows(2) {
        items.push(Item::Line {
            from: (badge_x + badge / 2.0, -(pair[0] + badge)),
            to: (badge_x + badge / 2.0, -pair[1]),
            color: p.accent,
            width: badge * 0.08,
            dash: None,
        });
    }
    Ok(Laid::new(items, (y - gap).max(0.0)).tagged(Role::List { numbered: true }))
}
