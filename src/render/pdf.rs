//! Display list to PDF through printpdf. Nothing here decides where
//! anything goes; it only writes what the display list says.

use super::finish::{self, Boxes};
use super::images::Images;
use super::subset::Subset;
use super::tags::{Mark, Tree};
use super::{marks, Options};
use crate::display::{Cmyk, Document, Item, Rect, Rotation};
use crate::error::Result;
use crate::layout::fonts::{self, FaceId};
use crate::products::BLEED;
use printpdf::{
    Codepoint, Color, CurTransMat, DictItem, ExtendedGraphicsState, ExtendedGraphicsStateId,
    FontId, LinePoint, Op, OverprintMode, PaintMode, ParsedFont, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, TextItem, TextMatrix,
    WindingOrder,
};
use std::collections::{BTreeMap, BTreeSet};

/// Renders `doc` to PDF bytes.
pub fn render(doc: &Document, options: &Options) -> Result<Vec<u8>> {
    let mut pdf = PdfDocument::new(&doc.title);
    let fonts = embed_fonts(doc, &mut pdf)?;
    let images = Images::embed(doc, &mut pdf);
    register_overprint(&mut pdf);
    let bleed = if options.bleed { BLEED } else { 0.0 };
    let margin = if options.marks { marks::MARGIN } else { bleed };
    let mut boxes = Vec::new();
    let mut pages = Vec::new();
    let mut tree = Tree::default();
    let mut to_pdf = Vec::new();
    for page in &doc.pages {
        let (w, h) = (page.width, page.height);
        let trim = Rect {
            x: margin,
            y: margin,
            w,
            h,
        };
        let media = Rect {
            x: 0.0,
            y: 0.0,
            w: w + 2.0 * margin,
            h: h + 2.0 * margin,
        };
        boxes.push(Boxes {
            media,
            bleed: trim.inset(-bleed),
            trim,
        });
        let mut ops = vec![
            Op::SaveGraphicsState,
            Op::SetTransformationMatrix {
                matrix: CurTransMat::Translate(Pt(margin), Pt(margin)),
            },
        ];
        if page.rotated {
            let half_turn = CurTransMat::Raw([-1.0, 0.0, 0.0, -1.0, w, h]);
            ops.push(Op::SetTransformationMatrix { matrix: half_turn });
            to_pdf.push([-1.0, 0.0, 0.0, -1.0, w + margin, h + margin]);
        } else {
            to_pdf.push([1.0, 0.0, 0.0, 1.0, margin, margin]);
        }
        // Nothing drawn may reach past the bleed into the marks.
        let bleed_area = Rect {
            x: -bleed,
            y: -bleed,
            w: w + 2.0 * bleed,
            h: h + 2.0 * bleed,
        };
        ops.push(Op::DrawRectangle {
            rectangle: rectangle(&bleed_area, PaintMode::Clip),
        });
        let marked = tree.page(&page.items);
        ops.extend(item_ops(&page.items, &marked, &fonts, &images));
        ops.push(Op::RestoreGraphicsState);
        if options.marks {
            let marks = marks::marks(page, margin);
            let artifacts = vec![Mark::Artifact; marks.len()];
            ops.extend(item_ops(&marks, &artifacts, &fonts, &images));
        }
        let size = printpdf::Rect::from_wh(Pt(media.w), Pt(media.h));
        pages.push(PdfPage {
            media_box: size.clone(),
            trim_box: size.clone(),
            crop_box: size,
            ops,
        });
    }
    pdf.with_pages(pages);
    let save_options = PdfSaveOptions {
        optimize: true,
        // Fonts are subset here already (printpdf does not without its layout feature).
        subset_fonts: false,
        secure: true,
        // printpdf would otherwise shrink large images and re-encode them lossily.
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&save_options, &mut warnings);
    finish::set_boxes(&mut lo, &boxes);
    let page_ids: Vec<_> = lo.get_pages().into_values().collect();
    tree.write(&mut lo, &doc.language, &page_ids, &to_pdf);
    Ok(finish::save(lo, &doc.title, options.pdfx))
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
        // The descriptor's Ascent and Descent are the ones layout set the
        // lines by (for Noto, its typographic metrics, not printpdf's hhea
        // ones), so a checker's glyph boxes are the boxes layout kept
        // inside the panels.
        let f = fonts::face(face);
        parsed.font_metrics.ascent = (f.ascender * f.units_per_em).round() as i16;
        parsed.font_metrics.descent = (f.descender * f.units_per_em).round() as i16;
        let id = FontId(format!("FL{}", face.index()));
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), PdfFont::new(parsed));
        fonts.insert(face, EmbeddedFont { id, subset });
    }
    Ok(fonts)
}

/// The graphics states fills switch between, under fixed resource names
/// (printpdf's own ids are random).
const OVERPRINT: &str = "FLop";
const KNOCKOUT: &str = "FLko";

/// Fills and strokes alike (printpdf 0.12.8 writes its fill flag under /OP
/// and its stroke flag under /op, so only equal flags come out as meant).
fn register_overprint(pdf: &mut PdfDocument) {
    let state = |on: bool, mode| {
        ExtendedGraphicsState::default()
            .with_overprint_fill(on)
            .with_overprint_stroke(on)
            .with_overprint_mode(mode)
    };
    let states = &mut pdf.resources.extgstates.map;
    let overprint = state(true, OverprintMode::KeepUnderlying);
    states.insert(ExtendedGraphicsStateId(OVERPRINT.into()), overprint);
    let knockout = state(false, OverprintMode::EraseUnderlying);
    states.insert(ExtendedGraphicsStateId(KNOCKOUT.into()), knockout);
}

/// Whether `item` is a fill in 100 % K alone (black text, QR modules). Such
/// a fill overprints: the colours beneath it stay, so a plate out of
/// register never shows a letter-shaped hole in a tint box. Everything else
/// (white or coloured text, strokes, images) knocks out, the default.
fn overprints(item: &Item) -> bool {
    match item {
        Item::Text(run) => run.color == Cmyk::BLACK,
        Item::Rect {
            fill, stroke: None, ..
        } => *fill == Some(Cmyk::BLACK),
        Item::Polygon { fill, .. } => *fill == Cmyk::BLACK,
        Item::Rect { .. } | Item::Image { .. } | Item::Line { .. } => false,
        Item::Begin { .. } | Item::End => false,
    }
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

fn rectangle(r: &Rect, mode: PaintMode) -> printpdf::Rect {
    printpdf::Rect {
        x: Pt(r.x),
        y: Pt(r.y),
        width: Pt(r.w),
        height: Pt(r.h),
        mode: Some(mode),
        winding_order: Some(WindingOrder::NonZero),
    }
}

/// The marked-content operator that opens `mark`.
fn begin(mark: Mark) -> Op {
    match mark {
        Mark::Artifact => Op::BeginMarkedContent {
            tag: "Artifact".into(),
        },
        Mark::Content { tag, mcid } => Op::BeginMarkedContentWithProperties {
            tag: tag.into(),
            properties: DictItem::Dict {
                map: [("MCID".to_string(), DictItem::Int(mcid))].into(),
            },
        },
    }
}

/// The operators that draw `items`, each in the marked content `marks`
/// gives it (one mark per item).
fn item_ops(
    items: &[Item],
    marks: &[Mark],
    fonts: &BTreeMap<FaceId, EmbeddedFont>,
    images: &Images,
) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut in_text = false;
    let mut marked: Option<Mark> = None;
    // Each call starts in the default, knocking-out state: a page's items
    // right after its q, the marks right after the matching Q.
    let mut overprint = false;
    for (item, &mark) in items.iter().zip(marks) {
        if item.is_tag() {
            continue;
        }
        if marked != Some(mark) {
            // Text objects and marked content nest: close the text first.
            if in_text {
                ops.push(Op::EndTextSection);
                in_text = false;
            }
            if marked.is_some() {
                ops.push(Op::EndMarkedContent);
            }
            ops.push(begin(mark));
            marked = Some(mark);
        }
        let is_text = matches!(item, Item::Text(_));
        if in_text != is_text {
            ops.push(if is_text {
                Op::StartTextSection
            } else {
                Op::EndTextSection
            });
            in_text = is_text;
        }
        if overprints(item) != overprint {
            overprint = !overprint;
            let name = if overprint { OVERPRINT } else { KNOCKOUT };
            ops.push(Op::LoadGraphicsState {
                gs: ExtendedGraphicsStateId(name.into()),
            });
        }
        match item {
            Item::Begin { .. } | Item::End => {}
            Item::Text(run) => {
                let font = &fonts[&run.face];
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font.id.clone()),
                    size: Pt(run.size),
                });
                ops.push(Op::SetFillColor {
                    col: color(run.color),
                });
                // One absolute position per glyph keeps the kerning exact;
                // printpdf merges an upright baseline's glyphs into a single TJ.
                // Right-to-left glyphs are written in reading order, so
                // text extraction and screen readers get the words as read.
                let glyphs: Box<dyn Iterator<Item = _>> = if run.rtl {
                    Box::new(run.glyphs.iter().rev())
                } else {
                    Box::new(run.glyphs.iter())
                };
                for g in glyphs {
                    let (x, y) = run.glyph_origin(g);
                    let matrix = match run.rotation {
                        Rotation::None => TextMatrix::Translate(Pt(x), Pt(y)),
                        Rotation::Ccw90 => TextMatrix::Raw([0.0, 1.0, -1.0, 0.0, x, y]),
                    };
                    ops.push(Op::SetTextMatrix { matrix });
                    ops.push(Op::ShowText {
                        items: vec![TextItem::GlyphIds(vec![Codepoint {
                            gid: font.subset.gid(g.id),
                            offset: 0.0,
                            // A glyph that is part of another's cluster (a
                            // Devanagari sign drawn apart from its letter)
                            // has no text of its own; PDF/UA wants every
                            // glyph mapped, so it maps to the invisible
                            // zero-width joiner. Its run's ActualText is
                            // what is read.
                            cid: Some(if g.text.is_empty() {
                                "\u{200D}".to_string()
                            } else {
                                g.text.to_string()
                            }),
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
                    rectangle: rectangle(rect, mode),
                });
            }
            Item::Image { rect, picture } => ops.extend(images.ops(rect, picture)),
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
    if marked.is_some() {
        ops.push(Op::EndMarkedContent);
    }
    ops
}
