//! The proof sheet of a print run: every county, the number printed for it,
//! where that number comes from and what was made, on Letter pages, for a
//! person to check and sign before anything goes to the printer.

use super::INCH;
use crate::content::model::Theme;
use crate::display::{untagged, Area, Cmyk, Document, Item, Page, Rect, Role};
use crate::error::Result;
use crate::layout::blocks::{text, Align, Ctx, Laid};
use crate::layout::fonts::FaceId;
use crate::layout::paragraph::Span;
use crate::layout::style::{Palette, Styles};
use std::sync::Arc;

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
    /// Every piece made, pictured on its county's page.
    pub pictured: Vec<Pictured>,
}

/// A piece made, as its county's page of the proof pictures it.
#[derive(Debug, Clone)]
pub struct Pictured {
    pub county: String,
    /// "en/brochure".
    pub caption: String,
    pub pages: Vec<Arc<Page>>,
    /// The numbers it prints (read back from it), outlined in the picture.
    pub numbers: Vec<String>,
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
    // Then a page (or more) per county with pictures of its pieces.
    let mut counties: Vec<&str> = Vec::new();
    for p in &proof.pictured {
        if !counties.contains(&p.county.as_str()) {
            counties.push(&p.county);
        }
    }
    for county in counties {
        let pieces: Vec<&Pictured> = proof
            .pictured
            .iter()
            .filter(|p| p.county == county)
            .collect();
        pages.extend(paginate(pictures(&ctx, county, &pieces, width)?));
    }
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
        let mut fact = line(ctx, &f, s.small, p.text, width, Align::Left)?;
        // A source page is a link to it (the line's first address), unless
        // the line holds a number, already a tel: link (links do not nest).
        let has_link = fact.items.iter().any(|i| {
            matches!(
                i,
                Item::Begin {
                    role: Role::Link { .. },
                    ..
                }
            )
        });
        if let Some(uri) = first_url(&f).filter(|_| !has_link) {
            fact = fact.tagged(Role::Link { uri });
        }
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

/// How many pictures a row of a county's page holds.
const COLUMNS: usize = 3;
const CELL_GAP: f32 = 0.15 * INCH;
const MAX_SCALE: f32 = 0.45;

/// A county's heading, then its pieces' pages pictured in rows, the
/// numbers each prints outlined, each picture a Figure read as its alt text.
fn pictures(ctx: &Ctx, county: &str, pieces: &[&Pictured], width: f32) -> Result<Vec<Laid>> {
    let (s, p) = (ctx.styles, ctx.palette);
    let mut head = text(
        ctx,
        &literal(&format!("{county} County: the pieces as printed"), true),
        s.subheading * 1.2,
        p.primary,
        width,
        Align::Left,
    )?
    .tagged(Role::Heading(2));
    let note = "Every page of every piece made for the county, at small size; a red outline marks each phone number read back from the file.";
    head.stack(
        line(ctx, note, s.small, p.text, width, Align::Left)?.tagged(Role::Paragraph),
        0.0,
        2.0,
    );
    let mut parts = vec![head];
    let cell = (width - CELL_GAP * (COLUMNS - 1) as f32) / COLUMNS as f32;
    let cells: Vec<(&Pictured, usize, &Arc<Page>)> = pieces
        .iter()
        .flat_map(|piece| {
            piece
                .pages
                .iter()
                .enumerate()
                .map(move |(i, page)| (*piece, i, page))
        })
        .collect();
    for row in cells.chunks(COLUMNS) {
        let mut laid = Laid {
            items: Vec::new(),
            height: 0.0,
            gaps: Vec::new(),
        };
        for (col, (piece, i, page)) in row.iter().enumerate() {
            let x = col as f32 * (cell + CELL_GAP);
            // At most MAX_SCALE, so that a card is not pictured larger than
            // a brochure page.
            let k = (cell / page.width).min(MAX_SCALE);
            let h = page.height * k;
            let n = piece.pages.len();
            let alt = format!(
                "Page {} of {n} of {} for {county} County, which prints {}",
                i + 1,
                piece.caption,
                if piece.numbers.is_empty() {
                    "no phone number".to_string()
                } else {
                    piece.numbers.join(", ")
                }
            );
            laid.items
                .push(Item::begin(Role::Figure { alt: alt.into() }));
            laid.items
                .extend(picture(page, &piece.numbers, k, x, -h, p.accent));
            laid.items.push(Item::End);
            let caption = line(
                ctx,
                &format!("{} · page {} of {n}", piece.caption, i + 1),
                s.small,
                p.text,
                cell,
                Align::Left,
            )?
            .tagged(Role::Paragraph);
            let bottom = h + 3.0 + caption.height;
            laid.items.extend(caption.items.into_iter().map(|mut item| {
                item.translate(x, -h - 3.0);
                item
            }));
            laid.height = laid.height.max(bottom);
        }
        parts.push(laid);
    }
    Ok(parts)
}

/// `page` drawn at `k` times its size with its top left corner at (x, top),
/// untagged (its Figure is read), framed, each run of text that holds one
/// of `numbers` outlined in `mark`.
fn picture(page: &Page, numbers: &[String], k: f32, x: f32, y: f32, mark: Cmyk) -> Vec<Item> {
    let digits = |t: &str| t.chars().filter(char::is_ascii_digit).collect::<String>();
    let wanted: Vec<String> = numbers
        .iter()
        .map(|n| digits(n))
        .filter(|d| d.len() >= 6)
        .collect();
    let place = |mut item: Item| {
        item.scale(k);
        item.translate(x, y);
        item
    };
    // Backgrounds run on into the bleed; the picture shows the trimmed page.
    let trim = Rect {
        x: 0.0,
        y: 0.0,
        w: page.width,
        h: page.height,
    };
    let trimmed = |item: Item| match item {
        Item::Rect { rect, fill, stroke } => {
            rect.clamped(&trim)
                .map(|rect| Item::Rect { rect, fill, stroke })
        }
        other => Some(other),
    };
    let mut items: Vec<Item> = untagged(page.items.iter().cloned())
        .filter_map(trimmed)
        .map(place)
        .collect();
    for run in page.items.iter().filter_map(|i| match i {
        Item::Text(run) => Some(run),
        _ => None,
    }) {
        let d = digits(&run.text());
        if wanted.iter().any(|w| d.contains(w.as_str())) {
            let b = run.bounds(0.8, -0.25).inset(-2.0);
            items.push(place(Item::Rect {
                rect: b,
                fill: None,
                stroke: Some((mark, 1.2 / k)),
            }));
        }
    }
    items.push(Item::Rect {
        rect: Rect {
            x,
            y,
            w: page.width * k,
            h: page.height * k,
        },
        fill: None,
        stroke: Some((Cmyk([0.0, 0.0, 0.0, 0.5]), 0.5)),
    });
    items
}

/// The first http(s) address in `text`, without trailing punctuation.
fn first_url(text: &str) -> Option<String> {
    let start = text.find("https://").or_else(|| text.find("http://"))?;
    let url: &str = text[start..]
        .split(|c: char| c.is_whitespace() || c == ')' || c == ';')
        .next()?;
    Some(url.trim_end_matches(['.', ',']).to_string())
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
