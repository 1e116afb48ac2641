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
    let mut dictionary = Standard::from(Builder {
        language,
        patterns,
        exceptions: Exceptions::default(),
    });
    // Never a single letter before or after the hyphen, whatever the
    // patterns allow (Armenian's allow one at the start).
    dictionary.minima = (dictionary.minima.0.max(2), dictionary.minima.1.max(2));
    Some(dictionary)
}

/// U+00AD, the soft hyphen: where the writer lets a word break. It prints
/// as a hyphen at the end of a line that breaks there, and as nothing
/// anywhere else.
pub const SOFT_HYPHEN: char = '\u{ad}';

/// Byte offsets inside `text` where a hyphen may break a word. `soft` are
/// the offsets where the writer put soft hyphens (removed from `text`); one
/// counts between two letters or digits, and a word that has one breaks
/// only at its soft hyphens, not where the patterns would break it.
pub fn break_points(text: &str, soft: &[usize], lang: &str) -> Vec<usize> {
    let inside_word = |p: usize| {
        let before = text[..p].chars().next_back();
        let after = text[p..].chars().next();
        before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric)
    };
    let mut points: Vec<usize> = soft.iter().copied().filter(|&p| inside_word(p)).collect();
    points.dedup();
    let Some(dict) = dictionary(lang) else {
        return points;
    };
    let mut next_soft = 0;
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let word = &text[s..i];
                while next_soft < soft.len() && soft[next_soft] <= s {
                    next_soft += 1;
                }
                let has_soft = soft.get(next_soft).is_some_and(|&p| p < i);
                // Short words are never broken.
                if !has_soft && word.chars().count() >= 6 {
                    points.extend(dict.hyphenate(word).breaks.into_iter().map(|b| s + b));
                }
                start = None;
            }
            _ => {}
        }
    }
    points.sort_unstable();
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hyphenated(word: &str, lang: &str) -> String {
        let mut out = String::new();
        let points = break_points(word, &[], lang);
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
    fn a_soft_hyphen_is_the_only_break_in_its_word() {
        // "explo|itation": offsets into the text with the soft hyphen removed.
        assert_eq!(break_points("exploitation", &[5], "en"), vec![5]);
        assert_eq!(break_points("exploitation", &[5], "fr"), vec![5]);
        // Other words keep their pattern breaks.
        assert_eq!(break_points("ab exploitation", &[1], "en"), vec![1, 5, 11]);
        // Not between two letters or digits: no break.
        assert_eq!(break_points("ab cd", &[2, 3, 5], "en"), Vec::<usize>::new());
    }

    #[test]
    fn russian_ukrainian_and_armenian_follow_their_patterns() {
        assert_eq!(hyphenated("эксплуатация", "ru"), "экс-плу-а-та-ция");
        assert_eq!(hyphenated("манипуляторы", "ru"), "ма-ни-пу-ля-то-ры");
        assert_eq!(hyphenated("відвідуванні", "uk"), "від-ві-ду-ван-ні");
        assert_eq!(hyphenated("շահագործում", "hy"), "շա-հա-գործում");
        // The Armenian patterns allow a single letter first; never here.
        assert_eq!(hyphenated("երեխաների", "hy"), "երե-խա-նե-րի");
    }

    #[test]
    fn languages_without_patterns_are_never_hyphenated() {
        for (word, lang) in [
            ("nguyenvan", "vi"),
            ("pagsasamantala", "tl"),
            ("menyuamyaus", "hmn"),
        ] {
            assert_eq!(hyphenated(word, lang), word);
        }
    }

    #[test]
    fn english_and_unknown_languages_are_unaffected() {
        assert_eq!(hyphenated("exploitation", "en"), "ex-ploita-tion");
        assert_eq!(hyphenated("explotación", "fr"), "explotación");
    }
}
