//! Where words may be hyphenated (Knuth-Liang patterns).

use hyphenation::{Hyphenator, Language, Load, Standard};
use std::sync::OnceLock;

fn dictionary(lang: &str) -> Option<&'static Standard> {
    static EN: OnceLock<Option<Standard>> = OnceLock::new();
    match lang {
        "en" => EN
            .get_or_init(|| Standard::from_embedded(Language::EnglishUS).ok())
            .as_ref(),
        _ => None,
    }
}

/// Byte offsets inside `text` where a hyphen may break a word.
pub fn break_points(text: &str, lang: &str) -> Vec<usize> {
    let Some(dict) = dictionary(lang) else {
        return Vec::new();
    };
    let mut points = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let word = &text[s..i];
                // Short words are never broken.
                if word.chars().count() >= 6 {
                    points.extend(dict.hyphenate(word).breaks.into_iter().map(|b| s + b));
                }
                start = None;
            }
            _ => {}
        }
    }
    points
}
