//! Type sizes and colours. Products pick a scale; blocks read it.

use super::blocks::Align;
use crate::content::model::Theme;
use crate::display::Cmyk;

#[derive(Debug, Clone, Copy)]
pub struct Styles {
    pub body: f32,
    pub small: f32,
    pub heading: f32,
    pub subheading: f32,
    pub highlight: f32,
    pub hotline: f32,
    pub cover_kicker: f32,
    pub cover_title: f32,
    pub tagline: f32,
    /// Space between the cover's kicker, title, rule and tagline.
    pub cover_gap: f32,
    /// Line height as a multiple of the type size.
    pub leading: f32,
    /// Space between blocks, and between sections.
    pub block_gap: f32,
    pub section_gap: f32,
    /// Smallest printed QR code, in points: scanners need the modules large.
    pub qr_min: f32,
    /// The draft-translation line (`layout::draft`): the product's smallest
    /// legible size whatever the scale, as it marks the piece and should
    /// take no more of its room than it must.
    pub draft: f32,
    /// Multiplier for the paddings, bars and rules drawn around text, which
    /// are set in points for the brochure (1.0): a poster scales them with
    /// its sheet.
    pub unit: f32,
    /// Running text at this size or more is not hyphenated: a broken word
    /// in large type reads badly ("jew-elry" across a 24x36 sheet).
    pub hyphens_below: f32,
    /// How the cover's kicker, title and tagline sit: centred on the
    /// brochure's cover and the poster's head; on the card, at the left
    /// edge the list below starts at.
    pub cover_align: Align,
}

/// Text of 14 pt or more is never hyphenated, unless a poster's content
/// fits its sheet no other way (`Styles::hyphenating_all`).
const LARGE: f32 = 14.0;

impl Styles {
    /// A letter-size tri-fold: body 9.5 pt (print minimum for a brochure is 9 pt).
    pub fn brochure() -> Styles {
        Styles {
            body: 9.5,
            small: 8.0,
            heading: 16.0,
            subheading: 10.0,
            highlight: 12.5,
            hotline: 22.0,
            cover_kicker: 15.0,
            cover_title: 25.0,
            tagline: 30.0,
            cover_gap: 25.0,
            leading: 1.28,
            block_gap: 7.0,
            section_gap: 16.0,
            qr_min: 0.75 * 72.0,
            draft: 8.0,
            unit: 1.0,
            hyphens_below: LARGE,
            cover_align: Align::Center,
        }
    }

    /// A poster, `k` times its Letter sizes: body 16 pt on Letter, as
    /// California's trafficking notices (Civil Code 52.6) require. Nothing
    /// is set smaller than the body but a draft translation's line, which
    /// stays at 16 pt on every sheet; the hotlines are the largest text
    /// after the cover's title and tagline.
    pub fn poster(k: f32) -> Styles {
        Styles {
            body: 16.0 * k,
            small: 16.0 * k,
            heading: 22.0 * k,
            subheading: 17.0 * k,
            highlight: 20.0 * k,
            hotline: 28.0 * k,
            cover_kicker: 18.0 * k,
            cover_title: 28.0 * k,
            tagline: 48.0 * k,
            cover_gap: 7.0 * k,
            leading: 1.2,
            block_gap: 8.0 * k,
            section_gap: 18.0 * k,
            // QR codes on posters: at least 0.8 in, larger on larger sheets.
            qr_min: 0.8 * 72.0 * k.max(1.0),
            // The Letter body size: Civil Code 52.6's minimum for a notice.
            draft: 16.0,
            unit: 1.5 * k,
            hyphens_below: LARGE,
            cover_align: Align::Center,
        }
    }

    /// A 3.5 x 2 in wallet card, `k` times its base sizes: body 7 pt, the
    /// print minimum for a card; nothing smaller.
    pub fn card(k: f32) -> Styles {
        Styles {
            body: 7.0 * k,
            small: 7.0 * k,
            heading: 8.5 * k,
            subheading: 7.5 * k,
            highlight: 8.0 * k,
            hotline: 15.0 * k,
            cover_kicker: 7.0 * k,
            cover_title: 8.5 * k,
            tagline: 12.0 * k,
            cover_gap: 3.0 * k,
            leading: 1.2,
            block_gap: 3.0 * k,
            section_gap: 5.0 * k,
            // A QR code on a wallet card is at least 0.6 in.
            qr_min: 0.6 * 72.0,
            draft: 7.0,
            unit: 0.45 * k,
            hyphens_below: LARGE,
            cover_align: Align::Left,
        }
    }

    /// Every size and gap multiplied by `k`; the leading ratio and the
    /// fixed paddings (`unit`) stay.
    pub fn scaled(&self, k: f32) -> Styles {
        Styles {
            body: self.body * k,
            small: self.small * k,
            heading: self.heading * k,
            subheading: self.subheading * k,
            highlight: self.highlight * k,
            hotline: self.hotline * k,
            cover_kicker: self.cover_kicker * k,
            cover_title: self.cover_title * k,
            tagline: self.tagline * k,
            cover_gap: self.cover_gap * k,
            leading: self.leading,
            block_gap: self.block_gap * k,
            section_gap: self.section_gap * k,
            // A minimum printed size: not scaled with the type.
            qr_min: self.qr_min,
            draft: self.draft,
            unit: self.unit,
            hyphens_below: self.hyphens_below,
            cover_align: self.cover_align,
        }
    }

    /// The same, but hyphenating running text of every size: for content
    /// that fits its poster only so (Armenian on 24x36, whose long words
    /// leave short lines).
    pub fn hyphenating_all(mut self) -> Styles {
        self.hyphens_below = f32::INFINITY;
        self
    }

    /// The same body, with the display type and the gaps around it
    /// smaller: for a sheet that fits no other way (a Letter poster with
    /// tear-off tabs in a language of long words). The body, the smallest
    /// text and the draft line keep their sizes (a poster's 16 pt is the
    /// law's minimum); the hotlines stay the largest text after the
    /// cover's lines.
    pub fn compact(mut self) -> Styles {
        let shrink = |v: &mut f32, k: f32| *v *= k;
        shrink(&mut self.tagline, 0.65);
        shrink(&mut self.cover_title, 0.85);
        shrink(&mut self.cover_kicker, 0.9);
        shrink(&mut self.cover_gap, 0.6);
        shrink(&mut self.heading, 0.9);
        shrink(&mut self.hotline, 0.85);
        shrink(&mut self.section_gap, 0.6);
        shrink(&mut self.block_gap, 0.75);
        self
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub primary: Cmyk,
    pub accent: Cmyk,
    pub tint: Cmyk,
    pub on_primary: Cmyk,
    /// Small text: 100 % K only, so it prints sharp on any press.
    pub text: Cmyk,
}

impl Palette {
    pub fn from_theme(theme: &Theme) -> Palette {
        let c = |v: [f32; 4]| Cmyk(v.map(|p| (p / 100.0).clamp(0.0, 1.0)));
        Palette {
            primary: c(theme.primary),
            accent: c(theme.accent),
            tint: c(theme.tint),
            on_primary: c(theme.on_primary),
            text: Cmyk::BLACK,
        }
    }

    /// Each colour by its content-file name, for messages.
    pub fn named(&self) -> Vec<(&'static str, Cmyk)> {
        vec![
            ("theme.primary", self.primary),
            ("theme.accent", self.accent),
            ("theme.tint", self.tint),
            ("theme.on_primary", self.on_primary),
            ("text (100 % K)", self.text),
        ]
    }
}
