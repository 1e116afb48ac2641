//! The display list: what goes where on each page, in points, y up, with the
//! origin at the bottom-left corner of the trimmed (finished) page. Products
//! produce it; the renderer turns it into PDF without deciding anything.

use crate::content::picture::Picture;
use crate::layout::fonts::FaceId;

/// A colour as CMYK fractions (0.0-1.0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cmyk(pub [f32; 4]);

impl Cmyk {
    pub const BLACK: Cmyk = Cmyk([0.0, 0.0, 0.0, 1.0]);
    pub const WHITE: Cmyk = Cmyk([0.0, 0.0, 0.0, 0.0]);
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn top(&self) -> f32 {
        self.y + self.h
    }
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
    /// The rectangle shrunk by `d` on every side.
    pub fn inset(&self, d: f32) -> Rect {
        Rect {
            x: self.x + d,
            y: self.y + d,
            w: self.w - 2.0 * d,
            h: self.h - 2.0 * d,
        }
    }
}

/// One glyph of a text run: its id in the face, its x offset from the run's
/// start and the text it stands for (for copy and search in the PDF).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub id: u16,
    pub x: f32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub face: FaceId,
    pub size: f32,
    pub color: Cmyk,
    pub x: f32,
    pub baseline: f32,
    pub width: f32,
    pub glyphs: Vec<Glyph>,
}

impl TextRun {
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.text.as_str()).collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(TextRun),
    /// A filled and/or stroked rectangle.
    Rect {
        rect: Rect,
        fill: Option<Cmyk>,
        stroke: Option<(Cmyk, f32)>,
    },
    /// A filled polygon (arrow heads, diamonds).
    Polygon {
        points: Vec<(f32, f32)>,
        fill: Cmyk,
    },
    /// An image scaled into `rect`.
    Image {
        rect: Rect,
        picture: std::sync::Arc<Picture>,
    },
    /// A straight line; `dash` is (on, off) lengths.
    Line {
        from: (f32, f32),
        to: (f32, f32),
        color: Cmyk,
        width: f32,
        dash: Option<(f32, f32)>,
    },
}

impl Item {
    /// The highest y the item reaches (text: its baseline plus the cap height, roughly).
    pub fn top(&self) -> f32 {
        match self {
            Item::Text(run) => run.baseline + run.size * 0.75,
            Item::Rect { rect, .. } | Item::Image { rect, .. } => rect.top(),
            Item::Polygon { points, .. } => points.iter().map(|p| p.1).fold(f32::MIN, f32::max),
            Item::Line { from, to, .. } => from.1.max(to.1),
        }
    }

    pub fn translate(&mut self, dx: f32, dy: f32) {
        match self {
            Item::Text(run) => {
                run.x += dx;
                run.baseline += dy;
            }
            Item::Rect { rect, .. } | Item::Image { rect, .. } => {
                rect.x += dx;
                rect.y += dy;
            }
            Item::Polygon { points, .. } => {
                for p in points {
                    p.0 += dx;
                    p.1 += dy;
                }
            }
            Item::Line { from, to, .. } => {
                from.0 += dx;
                from.1 += dy;
                to.0 += dx;
                to.1 += dy;
            }
        }
    }
}

/// A named area of a page (a panel) with the rectangle text must stay in.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    pub name: String,
    pub safe: Rect,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Finished size in points.
    pub width: f32,
    pub height: f32,
    /// x positions of folds, for fold marks.
    pub folds: Vec<f32>,
    /// Drawn upside down: the back of a sheet for a printer that can only
    /// flip on the long edge.
    pub rotated: bool,
    pub areas: Vec<Area>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    pub language: String,
    pub pages: Vec<Page>,
}
