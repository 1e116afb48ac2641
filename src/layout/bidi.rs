//! Right-to-left text (Arabic, Farsi) by the Unicode bidirectional
//! algorithm, from the `unicode-bidi` crate: the levels of a paragraph's
//! characters, and the visual order of a set line's glyphs. Numbers and
//! Latin words inside right-to-left text keep their own left-to-right
//! order, so 1.888.373.7888 reads as dialled.

use unicode_bidi::{BidiInfo, Level};

/// Whether `lang` (a BCP 47 tag) is written right to left.
pub fn is_rtl(lang: &str) -> bool {
    let primary = lang.split(['-', '_']).next().unwrap_or("");
    [
        "ar", "fa", "pes", "prs", "he", "ur", "ps", "yi", "dv", "ckb", "syr",
    ]
    .iter()
    .any(|l| primary.eq_ignore_ascii_case(l))
}

/// Where the `i`th of `n` boxes set side by side goes, counted from the
/// left: right to left, the first is on the right (it is still read first).
pub fn slot(i: usize, n: usize, lang: &str) -> usize {
    if is_rtl(lang) {
        n - 1 - i
    } else {
        i
    }
}

/// The embedding level of each byte of `text`, in a paragraph whose base
/// direction is right to left when `rtl`. `None` when every level is 0
/// (all left to right: nothing to reorder).
pub fn levels(text: &str, rtl: bool) -> Option<Vec<u8>> {
    // Left-to-right text with no right-to-left character: all level 0.
    if !rtl && !text.chars().any(is_strong_rtl) {
        return None;
    }
    let base = if rtl { Level::rtl() } else { Level::ltr() };
    let info = BidiInfo::new(text, Some(base));
    Some(info.levels.iter().map(Level::number).collect())
}

/// Hebrew, Arabic, Syriac, Thaana, NKo and their presentation forms.
fn is_strong_rtl(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// The visual order (left to right) of items with these levels: the
/// algorithm's rule L2, each run at a level reversed from the highest down.
pub fn visual_order(levels: &[u8]) -> Vec<usize> {
    let levels: Vec<Level> = levels
        .iter()
        .map(|&l| Level::new(l).unwrap_or_else(|_| Level::ltr()))
        .collect();
    BidiInfo::reorder_visual(&levels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_in_arabic_stays_left_to_right() {
        let text = "اتصل 1.888.373.7888 الآن";
        let levels = super::levels(text, true).unwrap();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let per_char: Vec<u8> = chars.iter().map(|&(i, _)| levels[i]).collect();
        let order = visual_order(&per_char);
        let visual: String = order.iter().map(|&i| chars[i].1).collect();
        assert_eq!(visual, "نآلا 1.888.373.7888 لصتا");
        assert_eq!(super::levels(text, false).map(|l| l[0]), Some(1));
        assert_eq!(super::levels("call 1.888", false), None);
        assert!(is_rtl("fa-IR") && is_rtl("ar") && !is_rtl("en") && !is_rtl("hy"));
    }
}
