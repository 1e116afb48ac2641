//! Contrast of text against what it is printed on (WCAG 2.1, 1.4.3): at
//! least 4.5:1, or 3:1 for large text (18 pt, or 14 pt bold), with the
//! colours as FOGRA39 prints them shown in sRGB (`crate::colour`).
//!
//! One walk over a page's painting, in painting order, for both the
//! display list before a file is written and a PDF read back (each word):
//! filled rectangles are remembered, and each piece of text is measured
//! against the topmost one under the middle of its box, else the paper.

use crate::colour;
use crate::display::{Cmyk, Document, Item, Rect};
use crate::inspect::PdfInfo;

/// WCAG 2.1 1.4.3: the least contrast for normal and for large text.
pub const NORMAL: f64 = 4.5;
pub const LARGE: f64 = 3.0;

/// Large text in WCAG's sense: 18 pt, or 14 pt bold.
pub fn is_large(size: f32, bold: bool) -> bool {
    size >= 18.0 - 0.01 || (bold && size >= 14.0 - 0.01)
}

/// The contrast ratio of two colours, 1 to 21.
pub fn ratio(a: Cmyk, b: Cmyk) -> f64 {
    let (la, lb) = (colour::luminance(a), colour::luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// One text colour on one background at one size class, as found on the
/// pages: the first text seen for it, and how many runs share it.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub text: Cmyk,
    /// None: the paper.
    pub background: Option<Cmyk>,
    pub large: bool,
    pub ratio: f64,
    /// The first text seen in these colours, and its page (from 1).
    pub example: String,
    pub page: usize,
    pub runs: usize,
}

impl Pair {
    pub fn needed(&self) -> f64 {
        if self.large {
            LARGE
        } else {
            NORMAL
        }
    }

    pub fn passes(&self) -> bool {
        self.ratio >= self.needed()
    }
}

/// Walks pages in painting order; `fill` and `text` as they are painted.
#[derive(Debug, Default)]
pub struct Walk {
    /// None: a colour that cannot be measured (not CMYK or grey).
    fills: Vec<(Rect, Option<Cmyk>)>,
    page: usize,
    pub pairs: Vec<Pair>,
    /// Texts not measured: their colour or the one under them cannot be.
    pub unmeasured: usize,
}

impl Walk {
    /// Starts page `number` (from 1): nothing is painted on it yet.
    pub fn page(&mut self, number: usize) {
        self.fills.clear();
        self.page = number;
    }

    pub fn fill(&mut self, rect: Rect, colour: Option<Cmyk>) {
        self.fills.push((rect, colour));
    }

    /// Text in `colour` covering `bounds`.
    pub fn text(&mut self, bounds: Rect, colour: Option<Cmyk>, size: f32, bold: bool, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let (Some(colour), Some(background)) = (colour, self.background(bounds)) else {
            self.unmeasured += 1;
            return;
        };
        let large = is_large(size, bold);
        if let Some(p) = self
            .pairs
            .iter_mut()
            .find(|p| p.text == colour && p.background == background && p.large == large)
        {
            p.runs += 1;
            return;
        }
        self.pairs.push(Pair {
            text: colour,
            background,
            large,
            ratio: ratio(colour, background.unwrap_or(Cmyk::WHITE)),
            example: text.to_string(),
            page: self.page,
            runs: 1,
        });
    }

    /// The topmost fill painted so far under the middle of `bounds`: Some(None)
    /// for the paper, None if its colour cannot be measured.
    fn background(&self, bounds: Rect) -> Option<Option<Cmyk>> {
        let (x, y) = (bounds.x + bounds.w / 2.0, bounds.y + bounds.h / 2.0);
        match self
            .fills
            .iter()
            .rev()
            .find(|(r, _)| r.x <= x && x <= r.right() && r.y <= y && y <= r.top())
        {
            Some((_, colour)) => colour.map(Some),
            None => Some(None),
        }
    }

    pub fn failures(&self) -> impl Iterator<Item = &Pair> {
        self.pairs.iter().filter(|p| !p.passes())
    }

    /// The pair closest to failing.
    pub fn lowest(&self) -> Option<&Pair> {
        self.pairs
            .iter()
            .min_by(|a, b| (a.ratio / a.needed()).total_cmp(&(b.ratio / b.needed())))
    }
}

/// Every text of a laid-out document against what it sits on.
pub fn of_document(doc: &Document) -> Walk {
    let mut walk = Walk::default();
    for (i, page) in doc.pages.iter().enumerate() {
        walk.page(i + 1);
        for item in &page.items {
            match item {
                Item::Rect {
                    rect,
                    fill: Some(c),
                    ..
                } => walk.fill(*rect, Some(*c)),
                Item::Text(run) => {
                    let bold = run.face.bold;
                    let bounds = run.face_bounds();
                    walk.text(bounds, Some(run.color), run.size, bold, &run.text());
                }
                _ => {}
            }
        }
    }
    walk
}

/// Every word of a PDF read back against the rectangle filled under it.
pub fn of_pdf(info: &PdfInfo) -> Walk {
    let mut walk = Walk::default();
    let cmyk = |c: Option<[f64; 4]>| c.map(|c| Cmyk(c.map(|v| v as f32)));
    for (i, page) in info.pages.iter().enumerate() {
        walk.page(i + 1);
        let mut words: Vec<_> = page.words.iter().collect();
        words.sort_by_key(|w| w.order);
        let mut fills = page.fills.iter().peekable();
        for w in words {
            while let Some(f) = fills.next_if(|f| f.order < w.order) {
                let [x0, y0, x1, y1] = f.rect.map(|v| v as f32);
                walk.fill(
                    Rect {
                        x: x0,
                        y: y0,
                        w: x1 - x0,
                        h: y1 - y0,
                    },
                    cmyk(f.color),
                );
            }
            let (x0, y0) = (w.x0 as f32, w.y0 as f32);
            let bounds = Rect {
                x: x0,
                y: y0,
                w: w.x1 as f32 - x0,
                h: w.y1 as f32 - y0,
            };
            walk.text(bounds, cmyk(w.color), w.size as f32, w.bold, &w.text);
        }
    }
    walk
}

/// A colour for messages: its name if `names` has it (theme keys), its
/// CMYK percentages and its sRGB.
pub fn describe(colour: Option<Cmyk>, names: &[(&str, Cmyk)]) -> String {
    let Some(c) = colour else {
        return format!("the paper ({})", colour::hex(Cmyk::WHITE));
    };
    let values =
        c.0.map(|v| format!("{}", (v * 1000.0).round() / 10.0))
            .join(", ");
    let srgb = colour::hex(c);
    match names.iter().find(|(_, n)| *n == c) {
        Some((name, _)) => format!("{name} [{values}] ({srgb})"),
        None => format!("CMYK [{values}] ({srgb})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmyk(v: [f32; 4]) -> Cmyk {
        Cmyk(v.map(|p| p / 100.0))
    }

    #[test]
    fn large_text_is_18_pt_or_14_pt_bold() {
        assert!(is_large(18.0, false) && is_large(14.0, true));
        assert!(!is_large(17.9, false) && !is_large(13.9, true) && !is_large(16.0, false));
    }

    #[test]
    fn text_is_measured_against_the_topmost_fill_under_it() {
        let navy = cmyk([100.0, 80.0, 20.0, 25.0]);
        let red = cmyk([0.0, 85.0, 95.0, 0.0]);
        let mut walk = Walk::default();
        walk.page(1);
        let band = Rect {
            x: 0.0,
            y: 0.0,
            w: 100.0,
            h: 50.0,
        };
        walk.fill(band, Some(Cmyk::BLACK));
        walk.fill(band, Some(navy));
        let on_band = Rect {
            x: 10.0,
            y: 10.0,
            w: 50.0,
            h: 20.0,
        };
        walk.text(on_band, Some(red), 30.0, true, "IT HAPPENS HERE");
        walk.text(
            Rect { y: 60.0, ..on_band },
            Some(red),
            9.5,
            false,
            "on the paper",
        );
        walk.text(on_band, Some(red), 30.0, true, "again");
        assert_eq!(walk.pairs.len(), 2);
        let tagline = &walk.pairs[0];
        assert_eq!((tagline.background, tagline.runs), (Some(navy), 2));
        // The red on navy the issue measured, about 2.6:1.
        assert!((2.5..2.8).contains(&tagline.ratio), "{}", tagline.ratio);
        assert!(!tagline.passes());
        assert_eq!(walk.pairs[1].background, None);
        assert_eq!(walk.failures().count(), 2);
        // A new page starts on bare paper.
        walk.page(2);
        walk.text(on_band, Some(Cmyk::BLACK), 9.5, false, "black");
        assert_eq!(walk.pairs[2].background, None);
        assert!(walk.pairs[2].passes());
    }
}
