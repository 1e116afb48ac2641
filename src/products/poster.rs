//! Posters: one portrait page in four sheet sizes. Type, margins and rules
//! grow with the sheet, and each size is laid out afresh at the largest
//! type that fits it. Optional tear-off tabs along the foot carry the
//! hotlines, as on notice-board flyers.

use super::side::{self, Frame};
use super::{largest_fitting, sections, title, BLEED, INCH};
use crate::content::model::Poster;
use crate::content::Content;
use crate::display::{untagged, Area, Cmyk, Document, Item, Page, Rect, Role};
use crate::error::{Error, Kind, Result};
use crate::layout::blocks::{Ctx, Laid};
use crate::layout::frame::stack;
use crate::layout::style::{Palette, Styles};
use std::cell::Cell;

/// Sheet sizes, width x height in inches, portrait.
pub const LETTER: (f32, f32) = (8.5, 11.0);
pub const TABLOID: (f32, f32) = (11.0, 17.0);
pub const SIZE_18X24: (f32, f32) = (18.0, 24.0);
pub const SIZE_24X36: (f32, f32) = (24.0, 36.0);

/// Text keeps this far inside the trim on a Letter poster (more on larger sheets).
pub const MARGIN: f32 = 0.5 * INCH;
/// The head band's padding above and below its text: tighter than the
/// margin, still outside the 0.25 in print safe zone (Letter; scaled).
pub const BAND_PAD: f32 = 0.3 * INCH;
/// Tear-off tabs run between lines this far in from the sides of the
/// sheet, and their text keeps this far from the trim's foot (Letter; scaled)...
pub const TAB_EDGE: f32 = 0.25 * INCH;
/// ...this far from the cut lines...
pub const TAB_PAD: f32 = 0.06 * INCH;
/// ...and this far from the tear line along their top (Letter; scaled).
pub const TAB_TOP: f32 = 0.1 * INCH;
/// Tab text is set at this fraction of the poster's sizes: a tab is read
/// in the hand, and a notice board wants eight or more of them.
const TAB_TEXT: f32 = 0.7;

/// The type scale is searched between the sheet's base sizes (body 16 pt
/// on Letter) and this multiple of them: each sheet is set at the largest
/// that fits it, to within `SCALE_STEP`.
const MAX_SCALE: f32 = 1.4;
const SCALE_STEP: f32 = 0.02;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PosterSize {
    Letter,
    Tabloid,
    In18x24,
    In24x36,
}

impl PosterSize {
    pub const ALL: [PosterSize; 4] = [
        PosterSize::Letter,
        PosterSize::Tabloid,
        PosterSize::In18x24,
        PosterSize::In24x36,
    ];

    /// The name on the command line and in file names.
    pub fn name(self) -> &'static str {
        match self {
            PosterSize::Letter => "letter",
            PosterSize::Tabloid => "tabloid",
            PosterSize::In18x24 => "18x24",
            PosterSize::In24x36 => "24x36",
        }
    }

    pub fn from_name(name: &str) -> Option<PosterSize> {
        Self::ALL
            .into_iter()
            .find(|s| s.name().eq_ignore_ascii_case(name.trim()))
    }

    /// Width and height in inches.
    pub fn inches(self) -> (f32, f32) {
        match self {
            PosterSize::Letter => LETTER,
            PosterSize::Tabloid => TABLOID,
            PosterSize::In18x24 => SIZE_18X24,
            PosterSize::In24x36 => SIZE_24X36,
        }
    }

    /// "Letter (8.5 x 11 in)", for messages.
    pub fn describe(self) -> String {
        let (w, h) = self.inches();
        match self {
            PosterSize::Letter => format!("Letter ({w} x {h} in)"),
            PosterSize::Tabloid => format!("Tabloid ({w} x {h} in)"),
            _ => format!("{w} x {h} in"),
        }
    }

    /// Every size as the command line names it, with its inches:
    /// "letter (8.5 x 11 in), tabloid (11 x 17 in), ...".
    pub fn choices() -> Vec<String> {
        Self::ALL
            .iter()
            .map(|s| {
                let (w, h) = s.inches();
                format!("{} ({w} x {h} in)", s.name())
            })
            .collect()
    }

    /// How much larger than on Letter type and margins are on this sheet:
    /// its width over Letter's, so every sheet holds at least what Letter
    /// holds, and taller sheets set it larger.
    pub fn scale(self) -> f32 {
        self.inches().0 / LETTER.0
    }
}

pub fn build(content: &Content, size: PosterSize, tear_off: u8) -> Result<Document> {
    let poster = content.poster.as_ref().ok_or_else(|| {
        Error::input(
            "the content file has no `poster:` entry, so foldline does not know which sections go on a poster; add one next to `brochure:` (see the built-in content, content/csec/en.yaml)",
        )
    })?;
    if tear_off > 0 && poster.tear_off.is_empty() {
        return Err(Error::input(
            "--tear-off asks for tabs, but the content's `poster:` entry has no `tear_off:` sections to print on them",
        ));
    }
    let palette = Palette::from_theme(&content.theme);
    // Large type is not hyphenated, unless the content fits the sheet no
    // other way.
    // (hyphenate large type, smaller display type): the ways tried below.
    let way = Cell::new((false, false));
    let at = |k: f32| {
        let k = k * size.scale();
        let (mut styles, tab_styles) = (Styles::poster(k), Styles::poster(k * TAB_TEXT));
        let (hyphenate, small_display) = way.get();
        if hyphenate {
            styles = styles.hyphenating_all();
        }
        if small_display {
            styles = styles.compact();
        }
        let ctx = |styles| Ctx {
            styles,
            palette: &palette,
            lang: &content.meta.language,
        };
        page(
            &ctx(&styles),
            &ctx(&tab_styles),
            content,
            poster,
            size,
            tear_off,
        )
    };
    // The largest scale above the base sizes that fits, to within
    // SCALE_STEP; None if none does.
    let search = || -> Result<Option<Page>> {
        match at(MAX_SCALE) {
            Ok(page) => Ok(Some(page)),
            Err(e) if e.kind == Kind::Fit => largest_fitting((1.0, MAX_SCALE), SCALE_STEP, at),
            Err(e) => Err(e),
        }
    };
    // The base sizes are laid out only when nothing larger fits; if they
    // do not fit either, the same again with large type hyphenated, and
    // then with the display type and its gaps smaller (`Styles::compact`):
    // if nothing fits, the error says how much is over even so.
    let ways = [(false, false), (true, false), (true, true)];
    let mut best = None;
    for (i, w) in ways.into_iter().enumerate() {
        way.set(w);
        if let Some(page) = search()? {
            best = Some(page);
            break;
        }
        match at(1.0) {
            Err(e) if e.kind == Kind::Fit && i + 1 < ways.len() => continue,
            other => {
                best = Some(other?);
                break;
            }
        }
    }
    let best = best.expect("the last way returns or fails");
    Ok(Document {
        title: title(content),
        language: content.meta.language.clone(),
        pages: vec![best],
        colours: palette.named(),
    })
}

fn page(
    ctx: &Ctx,
    tab_ctx: &Ctx,
    content: &Content,
    poster: &Poster,
    size: PosterSize,
    tear_off: u8,
) -> Result<Page> {
    let (w, h) = size.inches();
    let (width, height) = (w * INCH, h * INCH);
    let f = size.scale();
    let margin = MARGIN * f;
    let page_name = size.describe();
    let mut items = Vec::new();
    let mut areas = Vec::new();
    let mut foot = margin;
    if tear_off > 0 {
        let tabs = tabs(tab_ctx, content, poster, &page_name, width, f, tear_off)?;
        foot = tabs.height + margin * 0.5;
        items.extend(tabs.items);
        areas.extend(tabs.areas);
    }
    let frame = Frame {
        product: "poster",
        page: &page_name,
        trim: Rect {
            x: 0.0,
            y: 0.0,
            w: width,
            h: height,
        },
        margin,
        band_pad: BAND_PAD * f,
        foot,
        bleed: BLEED,
        gutter: margin,
    };
    let (side_items, side_areas) = side::lay(ctx, content, &poster.side(), &frame)?;
    // The poster is read first, then the tabs.
    let read = |order| Item::Begin {
        role: Role::Section,
        order,
    };
    if !items.is_empty() {
        items.insert(0, read(1));
        items.push(Item::End);
    }
    items.splice(
        0..0,
        std::iter::once(read(0))
            .chain(side_items)
            .chain(std::iter::once(Item::End)),
    );
    areas.splice(0..0, side_areas);
    Ok(Page {
        width,
        height,
        folds: Vec::new(),
        rotated: false,
        areas,
        items,
    })
}

struct Tabs {
    items: Vec<Item>,
    areas: Vec<Area>,
    /// From the trim's foot to the tear line.
    height: f32,
}

/// `n` tabs side by side across the foot, each carrying the tab
/// sections turned to read upwards, with dashed cut lines between them and
/// a dashed tear line along their top.
fn tabs(
    ctx: &Ctx,
    content: &Content,
    poster: &Poster,
    page_name: &str,
    width: f32,
    f: f32,
    n: u8,
) -> Result<Tabs> {
    let (pad, edge) = (TAB_PAD * f, TAB_EDGE * f);
    let secs = sections(content, &poster.tear_off);
    // Set once at a generous length to find the longest line, then at that
    // length so centred lines centre on the tab.
    let length = longest_line(&stack(ctx, &secs, width)?) + 0.5;
    let laid = stack(ctx, &secs, length)?;
    if laid.items.iter().any(|i| matches!(i, Item::Image { .. })) {
        return Err(Error::input(
            "the `tear_off` sections hold an image; tear-off tabs carry text only (the hotlines)",
        ));
    }
    let tab_w = (width - 2.0 * edge) / f32::from(n);
    let across = laid.height + 2.0 * pad;
    if across > tab_w {
        let most = ((width - 2.0 * edge) / across).floor();
        return Err(Error::fit(format!(
            "poster, {page_name}, tear-off tabs: {n} tabs are {:.2} in wide each, but the tab text needs {:.2} in. At most {most} tabs fit on this sheet: ask for fewer with --tear-off, or shorten the `tear_off` sections in the content file; nothing was written.",
            tab_w / INCH,
            across / INCH
        )));
    }
    let height = edge + length + TAB_TOP * f;
    let mut items = Vec::new();
    let mut areas = Vec::new();
    for i in 0..n {
        let x = edge + f32::from(i) * tab_w;
        let tab = laid.items.iter().cloned().map(|mut item| {
            item.rotate_ccw90();
            item.translate(x + (tab_w - laid.height) / 2.0, edge);
            item
        });
        // One tab is read; the others repeat it word for word.
        if i == 0 {
            items.extend(tab);
        } else {
            items.extend(untagged(tab));
        }
        areas.push(Area {
            name: format!("tear-off tab {}", i + 1),
            safe: Rect {
                x: x + pad,
                y: edge,
                w: tab_w - 2.0 * pad,
                h: length,
            },
        });
    }
    let cut = |from, to| Item::Line {
        from,
        to,
        color: Cmyk([0.0, 0.0, 0.0, 0.6]),
        width: 0.75 * f,
        dash: Some((6.0 * f, 4.0 * f)),
    };
    items.push(cut((edge, height), (width - edge, height)));
    for i in 0..=n {
        let x = edge + f32::from(i) * tab_w;
        items.push(cut((x, -BLEED), (x, height)));
    }
    Ok(Tabs {
        items,
        areas,
        height,
    })
}

/// The width of the longest line in `laid`: text runs grouped by baseline.
fn longest_line(laid: &Laid) -> f32 {
    let mut lines: Vec<(f32, f32, f32)> = Vec::new(); // baseline, left, right
    for item in &laid.items {
        if let Item::Text(run) = item {
            match lines.iter_mut().find(|l| l.0 == run.baseline) {
                Some(l) => {
                    l.1 = l.1.min(run.x);
                    l.2 = l.2.max(run.x + run.width);
                }
                None => lines.push((run.baseline, run.x, run.x + run.width)),
            }
        }
    }
    lines.iter().map(|l| l.2 - l.1).fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_letter_is_the_base() {
        for s in PosterSize::ALL {
            assert_eq!(PosterSize::from_name(s.name()), Some(s));
        }
        assert_eq!(PosterSize::from_name("A3"), None);
        assert_eq!(PosterSize::Letter.scale(), 1.0);
        assert!(PosterSize::In24x36.scale() > PosterSize::In18x24.scale());
    }
}
