//! The display list: what goes where on each page, in points, y up, with the
//! origin at the bottom-left corner of the trimmed (finished) page. Products
//! produce it; the renderer turns it into PDF without deciding anything.
//!
//! What each thing is to a reader travels with it, as in Typst's frames:
//! `Item::Begin` and `Item::End` bracket the items of one structure element
//! (a heading, a paragraph, a list item, a figure ...), nested as the
//! elements are. Layout knows a block is a heading or a bullet; products
//! know the order of panels and faces. Whatever is drawn outside every
//! element, or straight inside a grouping one (a section, a list), is an
//! artifact: bands, rules, box fills, the copies of a card on a sheet.

use crate::content::picture::Picture;
use crate::layout::fonts::FaceId;
use std::sync::Arc;

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
    /// The part of the rectangle inside `within`, if any.
    pub fn clamped(&self, within: &Rect) -> Option<Rect> {
        let (x0, y0) = (self.x.max(within.x), self.y.max(within.y));
        let x1 = (self.x + self.w).min(within.x + within.w);
        let y1 = (self.y + self.h).min(within.y + within.h);
        (x1 > x0 && y1 > y0).then_some(Rect {
            x: x0,
            y: y0,
            w: x1 - x0,
            h: y1 - y0,
        })
    }

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
    /// Rise above the baseline: where the font places a mark (an Arabic
    /// vowel, a Khmer subscript) off the line.
    pub y: f32,
    /// Shared, not copied: a brochure has thousands of glyphs.
    pub text: Arc<str>,
}

/// Which way a text run's baseline points.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Rotation {
    /// Left to right, as usual.
    #[default]
    None,
    /// Turned a quarter counter-clockwise: the text reads upwards (tear-off tabs).
    Ccw90,
}

impl Rotation {
    /// The unit vector along the baseline.
    pub fn direction(self) -> (f32, f32) {
        match self {
            Rotation::None => (1.0, 0.0),
            Rotation::Ccw90 => (0.0, 1.0),
        }
    }
}

/// A run of glyphs in one face and size. Its origin is (x, baseline); each
/// glyph's x is its distance from there along the baseline, which points
/// the way `rotation` says.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub face: FaceId,
    pub size: f32,
    pub color: Cmyk,
    pub x: f32,
    pub baseline: f32,
    pub width: f32,
    pub glyphs: Vec<Glyph>,
    pub rotation: Rotation,
    /// Right-to-left text: the glyphs are placed (and listed) left to
    /// right, and read from the last; the renderer writes them in that order.
    pub rtl: bool,
}

impl TextRun {
    /// The run's text in reading order.
    pub fn text(&self) -> String {
        if self.rtl {
            self.glyphs.iter().rev().map(|g| &*g.text).collect()
        } else {
            self.glyphs.iter().map(|g| &*g.text).collect()
        }
    }

    /// Cuts the run before glyph `at`: `self` keeps the glyphs before it,
    /// the run returned starts where that glyph is, on the same baseline.
    pub fn split_off(&mut self, at: usize) -> TextRun {
        let dx = self.glyphs.get(at).map_or(self.width, |g| g.x);
        let (ux, uy) = self.rotation.direction();
        let mut rest = TextRun {
            face: self.face,
            size: self.size,
            color: self.color,
            x: self.x + ux * dx,
            baseline: self.baseline + uy * dx,
            width: self.width - dx,
            glyphs: self.glyphs.split_off(at),
            rotation: self.rotation,
            rtl: self.rtl,
        };
        for g in &mut rest.glyphs {
            g.x -= dx;
        }
        self.width = dx;
        rest
    }

    /// Where glyph `g` starts on the page.
    pub fn glyph_origin(&self, g: &Glyph) -> (f32, f32) {
        let (dx, dy) = self.rotation.direction();
        // The rise is perpendicular to the baseline: (-dy, dx).
        (
            self.x + dx * g.x - dy * g.y,
            self.baseline + dy * g.x + dx * g.y,
        )
    }

    /// How far below and above the baseline its glyphs are set (marks the
    /// font places lower or higher), in points: zero or negative, zero or
    /// positive.
    pub fn rises(&self) -> (f32, f32) {
        self.glyphs
            .iter()
            .fold((0.0, 0.0), |(lo, hi), g| (g.y.min(lo), g.y.max(hi)))
    }

    /// The box the run covers on the page in its own face's line box.
    pub fn face_bounds(&self) -> Rect {
        let f = crate::layout::fonts::face(self.face);
        self.bounds(f.ascender, f.descender)
    }

    /// The box the run covers on the page, given its face's ascender and
    /// descender (fractions of the em, the descender negative), reaching
    /// as far as a raised or lowered glyph's box does (as a text extractor
    /// boxes each glyph at its own position).
    pub fn bounds(&self, ascender: f32, descender: f32) -> Rect {
        let (lowest, highest) = self.rises();
        let (up, down) = (
            ascender * self.size + highest,
            descender * self.size + lowest,
        );
        match self.rotation {
            Rotation::None => Rect {
                x: self.x,
                y: self.baseline + down,
                w: self.width,
                h: up - down,
            },
            // Turned left, the glyphs' tops point towards -x.
            Rotation::Ccw90 => Rect {
                x: self.x - up,
                y: self.baseline,
                w: up - down,
                h: self.width,
            },
        }
    }
}

/// What a run of items is to a reader: a PDF structure role.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    /// A face of the piece or a part of one (a panel, a poster's head or
    /// column, a card side): Sect. Holds blocks; draws nothing itself.
    Section,
    /// H1 (the cover title), H2 (section headings), H3 (subheadings).
    Heading(u8),
    Paragraph,
    /// L; `numbered` for the steps.
    List {
        numbered: bool,
    },
    /// LI, holding a Label and a ListBody.
    ListItem,
    /// Lbl: the bullet or the step's number, which a reader may skip.
    Label,
    /// LBody: the text of a list item.
    ListBody,
    /// A picture, QR code or diagram, read as its alt text.
    Figure {
        alt: Arc<str>,
    },
    /// Text that opens `uri` (`tel:+18662931940`) when tapped.
    Link {
        uri: String,
    },
    /// Part of a paragraph read differently from what it shows: a word
    /// hyphenated across lines read whole (`actual_text`), or text in
    /// another language than the document's (`lang`).
    Span {
        actual_text: Option<Arc<str>>,
        lang: Option<String>,
    },
}

impl Role {
    /// Whether the role holds blocks rather than content: what is drawn
    /// straight inside it is an artifact.
    pub fn groups(&self) -> bool {
        matches!(self, Role::Section | Role::List { .. } | Role::ListItem)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Opens a structure element; the items up to its `End` are its
    /// content. Among the elements of one parent, readers take them by
    /// `order`, then as drawn (the brochure's panels: cover first).
    Begin {
        role: Role,
        order: u32,
    },
    /// Closes the innermost open element.
    End,
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
    /// An element of `role` opened among its siblings as drawn.
    pub fn begin(role: Role) -> Item {
        Item::Begin { role, order: 0 }
    }

    /// Whether the item opens or closes an element (it draws nothing).
    pub fn is_tag(&self) -> bool {
        matches!(self, Item::Begin { .. } | Item::End)
    }

    /// The highest y the item reaches (text: its baseline plus the cap
    /// height, roughly); a tag reaches nowhere.
    pub fn top(&self) -> f32 {
        self.bounds().map_or(f32::NEG_INFINITY, |b| b.top())
    }

    /// The box the item covers (text: from its descenders to its cap
    /// height, roughly); a tag covers nothing.
    pub fn bounds(&self) -> Option<Rect> {
        let span = |xs: &mut dyn Iterator<Item = (f32, f32)>| {
            let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
            for (x, y) in xs {
                (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            }
            Rect {
                x: x0,
                y: y0,
                w: x1 - x0,
                h: y1 - y0,
            }
        };
        Some(match self {
            Item::Begin { .. } | Item::End => return None,
            Item::Text(run) => match run.rotation {
                Rotation::None => Rect {
                    x: run.x,
                    y: run.baseline - run.size * 0.25,
                    w: run.width,
                    h: run.size,
                },
                Rotation::Ccw90 => Rect {
                    x: run.x - run.size * 0.75,
                    y: run.baseline,
                    w: run.size,
                    h: run.width,
                },
            },
            Item::Rect { rect, .. } | Item::Image { rect, .. } => *rect,
            Item::Polygon { points, .. } => span(&mut points.iter().copied()),
            Item::Line { from, to, .. } => span(&mut [*from, *to].into_iter()),
        })
    }

    pub fn translate(&mut self, dx: f32, dy: f32) {
        match self {
            Item::Begin { .. } | Item::End => {}
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

    /// Scales the item by `k` about the origin, line widths and type
    /// sizes with it (the proof sheet's pictures of the pieces).
    pub fn scale(&mut self, k: f32) {
        let scaled = |r: &Rect| Rect {
            x: r.x * k,
            y: r.y * k,
            w: r.w * k,
            h: r.h * k,
        };
        match self {
            Item::Begin { .. } | Item::End => {}
            Item::Text(run) => {
                run.x *= k;
                run.baseline *= k;
                run.size *= k;
                run.width *= k;
                for g in &mut run.glyphs {
                    g.x *= k;
                    g.y *= k;
                }
            }
            Item::Rect { rect, stroke, .. } => {
                *rect = scaled(rect);
                if let Some((_, w)) = stroke {
                    *w *= k;
                }
            }
            Item::Image { rect, .. } => *rect = scaled(rect),
            Item::Polygon { points, .. } => {
                for p in points {
                    *p = (p.0 * k, p.1 * k);
                }
            }
            Item::Line {
                from,
                to,
                width,
                dash,
                ..
            } => {
                *from = (from.0 * k, from.1 * k);
                *to = (to.0 * k, to.1 * k);
                *width *= k;
                if let Some((on, off)) = dash {
                    *on *= k;
                    *off *= k;
                }
            }
        }
    }

    /// Turns the item a quarter counter-clockwise about the origin:
    /// (x, y) goes to (-y, x). Only upright text can be turned.
    pub fn rotate_ccw90(&mut self) {
        let turn = |p: &mut (f32, f32)| *p = (-p.1, p.0);
        match self {
            Item::Begin { .. } | Item::End => {}
            Item::Text(run) => {
                debug_assert_eq!(run.rotation, Rotation::None, "text turned twice");
                (run.x, run.baseline) = (-run.baseline, run.x);
                run.rotation = Rotation::Ccw90;
            }
            // An image's box turns, the picture in it does not: callers
            // refuse images first (tear-off tabs do).
            Item::Rect { rect, .. } | Item::Image { rect, .. } => {
                *rect = Rect {
                    x: -rect.top(),
                    y: rect.x,
                    w: rect.h,
                    h: rect.w,
                };
            }
            Item::Polygon { points, .. } => points.iter_mut().for_each(turn),
            Item::Line { from, to, .. } => {
                turn(from);
                turn(to);
            }
        }
    }
}

/// `items` drawn the same but read as artifacts: every tag taken out (the
/// copies of a card on a sheet, the tear-off tabs after the first).
pub fn untagged(items: impl IntoIterator<Item = Item>) -> impl Iterator<Item = Item> {
    items.into_iter().filter(|i| !i.is_tag())
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

impl Page {
    /// How much of `area`'s height is left empty below the lowest thing
    /// drawn in it, as a fraction (0 full, 1 empty). Only what lies inside
    /// the area counts: a panel's background runs past it into the bleed.
    pub fn unfilled(&self, area: &Area) -> f32 {
        let safe = area.safe.inset(-1.0);
        let lowest = self
            .items
            .iter()
            .filter_map(Item::bounds)
            .filter(|b| {
                b.x >= safe.x && b.right() <= safe.right() && b.y >= safe.y && b.top() <= safe.top()
            })
            .map(|b| b.y)
            .fold(area.safe.top(), f32::min);
        ((lowest - area.safe.y) / area.safe.h).max(0.0)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    pub language: String,
    pub pages: Vec<Page>,
    /// The colours by the names staff know them by (`theme.accent`), for
    /// messages about them.
    pub colours: Vec<(&'static str, Cmyk)>,
}
