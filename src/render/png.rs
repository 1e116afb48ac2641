//! Preview images: the same display list the PDF is made from, drawn with
//! tiny-skia and the same glyph outlines, at the finished (trim) size.

use crate::content::picture::{Picture, Pixels};
use crate::display::{Cmyk, Item, Page, Rotation, TextRun};
use crate::error::{Error, Result};
use crate::layout::fonts::face;
use rustybuzz::ttf_parser::{GlyphId, OutlineBuilder};
use tiny_skia::{
    Color, FillRule, Paint, PathBuilder, Pixmap, PixmapPaint, Rect, Stroke, StrokeDash, Transform,
};

/// Screen colour for a CMYK ink mix (a simple conversion: good enough to
/// check a layout, not a colour proof).
fn color(c: Cmyk) -> Color {
    let [c, m, y, k] = c.0;
    Color::from_rgba(
        ((1.0 - c) * (1.0 - k)).clamp(0.0, 1.0),
        ((1.0 - m) * (1.0 - k)).clamp(0.0, 1.0),
        ((1.0 - y) * (1.0 - k)).clamp(0.0, 1.0),
        1.0,
    )
    .unwrap_or(Color::BLACK)
}

fn paint(c: Cmyk) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color(color(c));
    p.anti_alias = true;
    p
}

struct Outline(PathBuilder);

impl OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

/// Renders `page` at `dpi` to PNG bytes.
pub fn page_png(page: &Page, dpi: f32) -> Result<Vec<u8>> {
    let scale = dpi / 72.0;
    let (w, h) = (
        (page.width * scale).round() as u32,
        (page.height * scale).round() as u32,
    );
    let mut pixmap = Pixmap::new(w, h).ok_or_else(|| Error::io("preview size is zero"))?;
    pixmap.fill(Color::WHITE);
    // Display-list coordinates are points, y up; the image is pixels, y down.
    let page_to_pixels = Transform::from_row(scale, 0.0, 0.0, -scale, 0.0, page.height * scale);
    for item in &page.items {
        match item {
            Item::Begin { .. } | Item::End => {}
            Item::Text(run) => text(&mut pixmap, run, page_to_pixels),
            Item::Rect { rect, fill, stroke } => {
                let Some(r) = Rect::from_xywh(rect.x, rect.y, rect.w, rect.h) else {
                    continue;
                };
                let path = PathBuilder::from_rect(r);
                if let Some(f) = fill {
                    pixmap.fill_path(&path, &paint(*f), FillRule::Winding, page_to_pixels, None);
                }
                if let Some((c, width)) = stroke {
                    let s = Stroke {
                        width: *width,
                        ..Stroke::default()
                    };
                    pixmap.stroke_path(&path, &paint(*c), &s, page_to_pixels, None);
                }
            }
            Item::Polygon { points, fill } => {
                let mut pb = PathBuilder::new();
                for (i, &(x, y)) in points.iter().enumerate() {
                    if i == 0 {
                        pb.move_to(x, y);
                    } else {
                        pb.line_to(x, y);
                    }
                }
                pb.close();
                if let Some(path) = pb.finish() {
                    pixmap.fill_path(
                        &path,
                        &paint(*fill),
                        FillRule::Winding,
                        page_to_pixels,
                        None,
                    );
                }
            }
            Item::Line {
                from,
                to,
                color: c,
                width,
                dash,
            } => {
                let mut pb = PathBuilder::new();
                pb.move_to(from.0, from.1);
                pb.line_to(to.0, to.1);
                let Some(path) = pb.finish() else { continue };
                let dash = dash.and_then(|(on, off)| StrokeDash::new(vec![on, off], 0.0));
                let s = Stroke {
                    width: *width,
                    dash,
                    ..Stroke::default()
                };
                pixmap.stroke_path(&path, &paint(*c), &s, page_to_pixels, None);
            }
            Item::Image { rect, picture } => {
                if let Some(img) = pixmap_of(picture) {
                    let t = page_to_pixels
                        .pre_translate(rect.x, rect.y + rect.h)
                        .pre_scale(rect.w / img.width() as f32, -rect.h / img.height() as f32);
                    pixmap.draw_pixmap(0, 0, img.as_ref(), &PixmapPaint::default(), t, None);
                }
            }
        }
    }
    pixmap
        .encode_png()
        .map_err(|e| Error::io(format!("cannot encode preview: {e}")))
}

fn text(pixmap: &mut Pixmap, run: &TextRun, page_to_pixels: Transform) {
    let f = face(run.face);
    let em = run.size / f.units_per_em;
    let p = paint(run.color);
    for g in &run.glyphs {
        let mut outline = Outline(PathBuilder::new());
        if f.shaper
            .outline_glyph(GlyphId(g.id), &mut outline)
            .is_none()
        {
            continue; // spaces have no outline
        }
        let Some(path) = outline.0.finish() else {
            continue;
        };
        let (x, y) = run.glyph_origin(g);
        let mut t = page_to_pixels.pre_translate(x, y);
        if run.rotation == Rotation::Ccw90 {
            t = t.pre_concat(Transform::from_rotate(90.0));
        }
        let t = t.pre_scale(em, em);
        pixmap.fill_path(&path, &p, FillRule::Winding, t, None);
    }
}

/// The picture as an RGBA pixmap (premultiplied), y down as stored.
fn pixmap_of(p: &Picture) -> Option<Pixmap> {
    let (samples, alpha) = match &p.pixels {
        Pixels::Raw { samples, alpha } => (samples.clone(), alpha.clone()),
        Pixels::Jpeg(bytes) => {
            let img = image::load_from_memory(bytes).ok()?;
            let s = if p.channels == 3 {
                img.to_rgb8().into_raw()
            } else {
                img.to_luma8().into_raw()
            };
            (s, None)
        }
    };
    let n = (p.width * p.height) as usize;
    let mut rgba = Vec::with_capacity(n * 4);
    for i in 0..n {
        let (r, g, b) = match p.channels {
            3 => (samples[3 * i], samples[3 * i + 1], samples[3 * i + 2]),
            _ => (samples[i], samples[i], samples[i]),
        };
        let a = alpha.as_ref().map_or(255, |a| a[i]);
        let pm = |c: u8| ((c as u16 * a as u16) / 255) as u8;
        rgba.extend_from_slice(&[pm(r), pm(g), pm(b), a]);
    }
    Pixmap::from_vec(rgba, tiny_skia::IntSize::from_wh(p.width, p.height)?)
}
