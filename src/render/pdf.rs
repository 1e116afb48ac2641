//! Display list to PDF through printpdf. Nothing here decides where
//! anything goes; it only writes what the display list says.

use super::finish::{self, Boxes};
use super::subset::Subset;
use crate::display::{Cmyk, Document, Item, Page, Rect};
use crate::error::Result;
use crate::layout::fonts::FaceId;
use printpdf::{
    Codepoint, Color, FontId, LinePoint, Op, PaintMode, ParsedFont, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, TextItem, TextMatrix,
    WindingOrder,
};
use std::collections::{BTreeMap, BTreeSet};

/// Renders `doc` to PDF bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>> {
    let mut pdf = PdfDocument::new(&doc.title);
    let fonts = embed_fonts(doc, &mut pdf)?;
    let mut boxes = Vec::new();
    let mut pages = Vec::new();
    for page in &doc.pages {
        let trim = Rect {
            x: 0.0,
            y: 0.0,
            w: page.width,
            h: page.height,
        };
        boxes.push(Boxes {
            media: trim,
            bleed: trim,
            trim,
        });
        let size = printpdf::Rect::from_wh(Pt(trim.w), Pt(trim.h));
        pages.push(PdfPage {
            media_box: size.clone(),
            trim_box: size.clone(),
            crop_box: size,
            ops: page_ops(page, &fonts),
        });
    }
    pdf.with_pages(pages);
    let options = PdfSaveOptions {
        optimize: true,
        // Fonts are subset here already (printpdf does not without its layout feature).
        subset_fonts: false,
        secure: true,
        // printpdf would otherwise shrink large images and re-encode them lossily.
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&options, &mut warnings);
    finish::set_boxes(&mut lo, &boxes);
    finish::set_info(&mut lo, &doc.title);
    Ok(finish::save(lo))
}

struct EmbeddedFont {
    id: FontId,
    subset: Subset,
}

/// Subsets every face the document uses and registers it under a fixed
/// resource name (printpdf's own ids come from a process-wide counter).
fn embed_fonts(doc: &Document, pdf: &mut PdfDocument) -> Result<BTreeMap<FaceId, EmbeddedFont>> {
    let mut used: BTreeMap<FaceId, BTreeSet<u16>> = BTreeMap::new();
    for item in doc.pages.iter().flat_map(|p| &p.items) {
        if let Item::Text(run) = item {
            used.entry(run.face)
                .or_default()
                .extend(run.glyphs.iter().map(|g| g.id));
        }
    }
    let mut fonts = BTreeMap::new();
    for (face, glyphs) in used {
        let subset = Subset::new(face, &glyphs)?;
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&subset.program, 0, &mut warnings)
            .expect("a subset of an embedded font parses");
        parsed.font_name = Some(subset.name.clone());
        let id = FontId(format!("FL{}", face.index()));
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), PdfFont::new(parsed));
        fonts.insert(face, EmbeddedFont { id, subset });
    }
    Ok(fonts)
}

fn color(c: Cmyk) -> Color {
    let [c, m, y, k] = c.0;
    Color::Cmyk(printpdf::Cmyk {
        c,
        m,
        y,
        k,
        icc_profile: None,
    })
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

fn page_ops(page: &Page, fonts: &BTreeMap<FaceId, EmbeddedFont>) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut in_text = false;
    for item in &page.items {
        let is_text = matches!(item, Item::Text(_));
        if in_text && !is_text {
            ops.push(Op::EndTextSection);
            in_text = false;
        }
        match item {
            Item::Text(run) => {
                if !in_text {
                    ops.push(Op::StartTextSection);
                    in_text = true;
                }
                let font = &fonts[&run.face];
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font.id.clone()),
                    size: Pt(run.size),
                });
                ops.push(Op::SetFillColor {
                    col: color(run.color),
                });
                // One absolute position per glyph keeps the kerning exact;
                // printpdf merges a baseline's glyphs into a single TJ.
                for g in &run.glyphs {
                    ops.push(Op::SetTextMatrix {
                        matrix: TextMatrix::Translate(Pt(run.x + g.x), Pt(run.baseline)),
                    });
                    ops.push(Op::ShowText {
                        items: vec![TextItem::GlyphIds(vec![Codepoint {
                            gid: font.subset.gid(g.id),
                            offset: 0.0,
                            cid: Some(g.text.clone()),
                        }])],
                    });
                }
            }
            Item::Rect { rect, fill, stroke } => {
                let mode = match (fill, stroke) {
                    (Some(_), Some(_)) => PaintMode::FillStroke,
                    (None, Some(_)) => PaintMode::Stroke,
                    _ => PaintMode::Fill,
                };
                if let Some(f) = fill {
                    ops.push(Op::SetFillColor { col: color(*f) });
                }
                if let Some((c, w)) = stroke {
                    ops.push(Op::SetOutlineColor { col: color(*c) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*w) });
                }
                ops.push(Op::DrawRectangle {
                    rectangle: printpdf::Rect {
                        x: Pt(rect.x),
                        y: Pt(rect.y),
                        width: Pt(rect.w),
                        height: Pt(rect.h),
                        mode: Some(mode),
                        winding_order: Some(WindingOrder::NonZero),
                    },
                });
            }
            Item::Polygon { points, fill } => {
                ops.push(Op::SetFillColor { col: color(*fill) });
                ops.push(Op::DrawPolygon {
                    polygon: Polygon {
                        rings: vec![PolygonRing {
                            points: points.iter().map(|&(x, y)| point(x, y)).collect(),
                        }],
                        mode: PaintMode::Fill,
                        winding_order: WindingOrder::NonZero,
                    },
                });
            }
            Item::Line {
                from,
                to,
                color: c,
                width,
                dash,
            } => {
                ops.push(Op::SetOutlineColor { col: color(*c) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                let pattern = dash.map_or_else(Vec::new, |(on, off)| vec![on, off]);
                ops.push(Op::SetLineDashPattern {
                    dash: printpdf::LineDashPattern {
                        offset: 0.0,
                        pattern: pattern.into_iter().collect(),
                    },
                });
                ops.push(Op::DrawLine {
                    line: printpdf::Line {
                        points: vec![point(from.0, from.1), point(to.0, to.1)],
                        is_closed: false,
                    },
                });
            }
        }
    }
    if in_text {
        ops.push(Op::EndTextSection);
    }
    ops
}
