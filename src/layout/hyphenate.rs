//! Where words may be hyphenated (Knuth-Liang patterns), by the patterns
//! the language table names: the hyphenation crate's embedded dictionary
//! (English) or hyph-utf8 TeX patterns shipped in assets/hyphenation/
//! (licences beside them). A language without patterns is never hyphenated.

use crate::content::languages::{self, Hyphenation, LANGUAGES};
use hyphenation::{Hyphenator, Language, Load, Standard};
use hyphenation_commons::dictionary::{Builder, Exceptions, Patterns};
use hyphenation_commons::parse::Parse;
use std::sync::OnceLock;

/// Each language's dictionary, built the first time a piece needs it.
static DICTIONARIES: [OnceLock<Option<Standard>>; LANGUAGES.len()] =
    [const { OnceLock::new() }; LANGUAGES.len()];

fn dictionary(lang: &str) -> Option<&'static Standard> {
    let l = languages::find(lang)?;
    let i = LANGUAGES.iter().position(|x| x.code == l.code)?;
    DICTIONARIES[i]
        .get_or_init(|| match l.hyphenation {
            Hyphenation::None => None,
            Hyphenation::Embedded(language) => Standard::from_embedded(language).ok(),
            Hyphenation::Tex(language, patterns) => from_patterns(language, patterns),
        })
        .as_ref()
}

/// A dictionary from TeX patterns, one per line (no exceptions).
fn from_patterns(language: Language, text: &str) -> Option<Standard> {
    let pairs = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Patterns::pair(l, str::to_owned));
    let patterns = Patterns::from_iter(pairs).ok()?;
    Some(Standard::from(Builder {
        language,
        patterns,
        exceptions: Exceptions::default(),
    }))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn hyphenated(word: &str, lang: &str) -> String {
        let mut out = String::new();
        let points = break_points(word, lang);
        for (i, c) in word.char_indices() {
            if points.contains(&i) {
                out.push('-');
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn spanish_words_break_between_syllables() {
        // Syllables by the rules of the Real Academia Española.
        assert_eq!(hyphenated("explotación", "es"), "ex-plo-ta-ción");
        assert_eq!(
            hyphenated("vulnerabilidades", "es"),
            "vul-ne-ra-bi-li-da-des"
        );
        assert_eq!(hyphenated("comportamiento", "es"), "com-por-ta-mien-to");
        // Short words are left whole.
        assert_eq!(hyphenated("niños", "es"), "niños");
    }

    #[test]
    fn english_and_unknown_languages_are_unaffected() {
        assert_eq!(hyphenated("exploitation", "en"), "ex-ploita-tion");
        assert_eq!(hyphenated("explotación", "fr"), "explotación");
    }
}
