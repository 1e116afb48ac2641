//! Type sizes and colours. Products pick a scale; blocks read it.

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
    /// Line height as a multiple of the type size.
    pub leading: f32,
    /// Space between blocks, and between sections.
    pub block_gap: f32,
    pub section_gap: f32,
    /// Smallest printed QR code, in points: scanners need the modules large.
    pub qr_min: f32,
}

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
            leading: 1.28,
            block_gap: 7.0,
            section_gap: 16.0,
            qr_min: 0.75 * 72.0,
        }
    }

    /// Every size and gap multiplied by `k`; the leading ratio stays.
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
            leading: self.leading,
            block_gap: self.block_gap * k,
            section_gap: self.section_gap * k,
            // A minimum printed size: not scaled with the type.
            qr_min: self.qr_min,
        }
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
}
