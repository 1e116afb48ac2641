//! The proof sheet of a print run: every county, the number printed for it,
//! where that number comes from and what was made, on Letter pages, for a
//! person to check and sign before anything goes to the printer.

use super::INCH;
use crate::content::model::Theme;
use crate::display::{Area, Cmyk, Document, Item, Page, Rect, Role};
use crate::error::Result;
use crate::layout::blocks::{text, Align, Ctx, Laid};
use crate::layout::fonts::FaceId;
use crate::layout::paragraph::Span;
use crate::layout::style::{Palette, Styles};

pub const WIDTH: f32 = 8.5 * INCH;
pub const HEIGHT: f32 = 11.0 * INCH;
const MARGIN: f32 = 0.5 * INCH;
/// Room kept at the foot of each page for its page number.
const FOOTER: f32 = 18.0;

/// One county of the run.
#[derive(Debug, Clone)]
pub struct ProofEntry {
    pub county: String,
    /// The number printed (house style); None if nothing was printed with one.
    pub hotline: Option<String>,
    pub label: Option<String>,
    /// Where the number comes from.
    pub source: String,
    /// The registry's status for the county, with the pages that disagree.
    pub status: String,
    /// The pieces that print it, e.g. "en/brochure, en/card, es/brochure".
    pub made: String,
    /// The other numbers those pieces print, each with its source and pieces.
    pub also: Vec<String>,
    /// Why a piece for this county was not made.
    pub problems: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Proof {
    pub title: String,
    /// Lines under the title (counts, content under review, cautions).
    pub notes: Vec<String>,
    pub entries: Vec<ProofEntry>,
}

pub fn build(proof: &Proof) -> Result<Document> {
    let styles = Styles::brochure();
    let palette = Palette::from_theme(&Theme::default());
    let ctx = Ctx {
        styles: &styles,
        palette: &palette,
        lang: "en",
    };
    let width = WIDTH - 2.0 * MARGIN;
    let mut parts = vec![header(&ctx, proof, width)?];
    for e in &proof.entries {
        parts.push(entry(&ctx, e, width)?);
    }
    parts.push(sign_off(&ctx, width)?);
    let mut pages = paginate(parts);
    let n = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let footer = format!("{} · page {} of {n}", proof.title, i + 1);
        let mut f = line(
            &ctx,
            &footer,
            styles.small,
            palette.text,
            width,
            Align::Center,
        )?;
        // Page furniture: untagged, an artifact.
        for item in &mut f.items {
            item.translate(MARGIN, MARGIN + f.height);
        }
        page.items.extend(f.items);
    }
    Ok(Document {
        title: proof.title.clone(),
        language: "en".into(),
        pages,
        colours: palette.named(),
    })
}

/// Text as it is: registry notes and URLs are not emphasis markup. An
/// error with several mistakes in a content file has a line for each; the
/// sheet prints the first, which names the file, line and column and says
/// how many more there are.
fn literal(text: &str, bold: bool) -> Vec<Span> {
    vec![Span {
        text: text.lines().next().unwrap_or("").to_string(),
        face: FaceId::Regular.with(bold, false),
    }]
}

fn line(ctx: &Ctx, t: &str, size: f32, color: Cmyk, width: f32, align: Align) -> Result<Laid> {
    text(ctx, &literal(t, false), size, color, width, align)
}

fn header(ctx: &Ctx, proof: &Proof, width: f32) -> Result<Laid> {
    let (s, p) = (ctx.styles, ctx.palette);
    let mut laid = text(
        ctx,
        &literal(&proof.title, true),
        s.heading,
        p.primary,
        width,
        Align::Left,
    )?
    .tagged(Role::Heading(1));
    for note in &proof.notes {
        laid.stack(
            line(ctx, note, s.body, p.text, width, Align::Left)?.tagged(Role::Paragraph),
            0.0,
            2.0,
        );
    }
    Ok(laid)
}

fn entry(ctx: &Ctx, e: &ProofEntry, width: f32) -> Result<Laid> {
    let (s, p) = (ctx.styles, ctx.palette);
    let name_w = width * 0.55;
    let mut laid = text(
        ctx,
        &literal(&format!("{} County", e.county), true),
        s.subheading * 1.2,
        p.primary,
        name_w,
        Align::Left,
    )?
    .tagged(Role::Heading(2));
    let (number, color) = match &e.hotline {
        Some(n) => (n.as_str(), p.text),
        None => ("no number printed", p.accent),
    };
    let number = text(
        ctx,
        &literal(number, true),
        s.subheading * 1.2,
        color,
        width - name_w,
        Align::Left,
    )?
    .tagged(Role::Paragraph);
    laid.height = laid.height.max(number.height);
    laid.items.extend(number.items.into_iter().map(|mut i| {
        i.translate(name_w, 0.0);
        i
    }));
    if let Some(label) = &e.label {
        laid.stack(
            line(ctx, label, s.body, p.text, width, Align::Left)?.tagged(Role::Paragraph),
            0.0,
            1.0,
        );
    }
    let facts = [
        format!("Source: {}", e.source),
        format!("Registry status: {} · Printed in: {}", e.status, e.made),
    ];
    let also = e.also.iter().map(|a| format!("Also printed: {a}"));
    for f in facts.into_iter().chain(also) {
        let fact = line(ctx, &f, s.small, p.text, width, Align::Left)?;
        laid.stack(fact.tagged(Role::Paragraph), 0.0, 1.0);
    }
    for problem in &e.problems {
        let t = text(
            ctx,
            &literal(&format!("Not made: {problem}"), true),
            s.small,
            p.accent,
            width,
            Align::Left,
        )?;
        laid.stack(t.tagged(Role::Paragraph), 0.0, 1.0);
    }
    Ok(laid)
}

fn sign_off(ctx: &Ctx, width: f32) -> Result<Laid> {
    let s = ctx.styles;
    let mut laid = line(
        ctx,
        "I checked every number above against the county's live page before printing.",
        s.body,
        ctx.palette.text,
        width,
        Align::Left,
    )?
    .tagged(Role::Paragraph);
    laid.stack(
        line(
            ctx,
            "Name: ______________________________   Signature: ______________________   Date: ____________",
            s.body,
            ctx.palette.text,
            width,
            Align::Left,
        )?
        .tagged(Role::Paragraph),
        0.0,
        14.0,
    );
    Ok(laid)
}

/// Puts the parts on pages top to bottom, a thin rule between parts; a part
/// never splits across pages.
fn paginate(parts: Vec<Laid>) -> Vec<Page> {
    let gap = 7.0;
    let top = HEIGHT - MARGIN;
    let bottom = MARGIN + FOOTER;
    let mut pages = vec![empty_page()];
    let mut y = top;
    for part in parts {
        if y < top && y - gap - part.height < bottom {
            pages.push(empty_page());
            y = top;
        }
        let page = pages.last_mut().expect("one page at least");
        if y < top {
            y -= gap / 2.0;
            page.items.push(Item::Line {
                from: (MARGIN, y),
                to: (WIDTH - MARGIN, y),
                color: Cmyk([0.0, 0.0, 0.0, 0.4]),
                width: 0.4,
                dash: None,
            });
            y -= gap / 2.0;
        }
        page.items.extend(part.items.into_iter().map(|mut i| {
            i.translate(MARGIN, y);
            i
        }));
        y -= part.height;
    }
    pages
}

fn empty_page() -> Page {
    Page {
        width: WIDTH,
        height: HEIGHT,
        folds: Vec::new(),
        areas: vec![Area {
            name: "page".into(),
            safe: Rect {
                x: MARGIN,
                y: MARGIN,
                w: WIDTH - 2.0 * MARGIN,
                h: HEIGHT - 2.0 * MARGIN,
            },
        }],
        items: Vec::new(),
        rotated: false,
    }
}
