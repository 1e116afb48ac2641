//! The languages foldline has built-in content in: one entry each, with
//! its code, names, script, hyphenation patterns, the
//! codes people also use for it, and the line that marks a draft.

use super::diagnose::nearest;
use super::load::EMBEDDED_EN;
use crate::error::{Error, Result};
use hyphenation::Language as Patterns;

/// Where a language's hyphenation patterns come from.
#[derive(Debug, Clone, Copy)]
pub enum Hyphenation {
    /// None exist (or none are used): lines break only between words (or,
    /// in Chinese and Japanese, between characters).
    None,
    /// The dictionary built into the hyphenation crate.
    Embedded(Patterns),
    /// hyph-utf8 TeX patterns shipped in assets/hyphenation/ (licences beside them).
    Tex(Patterns, &'static str),
}

#[derive(Debug)]
pub struct Language {
    /// The code `--lang`, `meta.language` and the output folders use (BCP 47).
    pub code: &'static str,
    pub english: &'static str,
    /// The name in the language itself.
    pub native: &'static str,
    /// ISO 15924 code of the script the content is written in. (Its
    /// direction follows from the code: `layout::bidi::is_rtl`.)
    pub script: &'static str,
    pub hyphenation: Hyphenation,
    /// Other codes accepted for it (case does not matter).
    pub aliases: &'static [&'static str],
    /// "DRAFT TRANSLATION – NOT REVIEWED" in the language, printed on every
    /// page of a piece whose content has `meta.review: pending`.
    pub draft: &'static str,
    /// The built-in content (content/csec/<code>.yaml).
    pub content: &'static str,
}

impl Language {
    /// The built-in content's name in messages, in words ("foldline's
    /// built-in Spanish content"): its file is inside foldline, not on disk.
    pub fn content_name(&self) -> String {
        format!("{}{} content", crate::error::BUILT_IN_PREFIX, self.english)
    }
}

/// The English draft line, printed above the language's own.
pub const DRAFT: &str = "DRAFT TRANSLATION – NOT REVIEWED";

/// Every built-in language, English first; `foldline list` shows them in
/// this order. A language is added here only once its content is written
/// and the built-in fonts render it.
pub const LANGUAGES: &[Language] = &[
    Language {
        code: "en",
        english: "English",
        native: "English",
        script: "Latn",
        hyphenation: Hyphenation::Embedded(Patterns::EnglishUS),
        aliases: &["en-US"],
        draft: DRAFT,
        content: EMBEDDED_EN,
    },
    Language {
        code: "es",
        english: "Spanish",
        native: "español",
        script: "Latn",
        hyphenation: Hyphenation::Tex(
            Patterns::Spanish,
            include_str!("../../assets/hyphenation/hyph-es.pat.txt"),
        ),
        aliases: &["es-US", "es-MX", "spa"],
        draft: "BORRADOR DE TRADUCCIÓN – SIN REVISAR",
        content: include_str!("../../content/csec/es.yaml"),
    },
    Language {
        code: "vi",
        english: "Vietnamese",
        native: "Tiếng Việt",
        script: "Latn",
        // Vietnamese syllables are written apart; none is ever broken.
        hyphenation: Hyphenation::None,
        aliases: &["vi-VN", "vie"],
        draft: "BẢN DỊCH NHÁP – CHƯA ĐƯỢC DUYỆT",
        content: include_str!("../../content/csec/vi.yaml"),
    },
    Language {
        code: "tl",
        english: "Tagalog",
        native: "Tagalog",
        script: "Latn",
        hyphenation: Hyphenation::None,
        aliases: &["fil", "tgl", "tl-PH", "fil-PH"],
        draft: "BORADOR NG SALIN – HINDI PA NASURI",
        content: include_str!("../../content/csec/tl.yaml"),
    },
    Language {
        code: "hy",
        english: "Armenian",
        native: "Հայերեն",
        script: "Armn",
        hyphenation: Hyphenation::Tex(
            Patterns::Armenian,
            include_str!("../../assets/hyphenation/hyph-hy.pat.txt"),
        ),
        aliases: &["hy-AM", "hye", "arm"],
        draft: "ԹԱՐԳՄԱՆՈՒԹՅԱՆ ՍԵՎԱԳԻՐ – ՉՍՏՈՒԳՎԱԾ",
        content: include_str!("../../content/csec/hy.yaml"),
    },
    Language {
        code: "ru",
        english: "Russian",
        native: "русский",
        script: "Cyrl",
        hyphenation: Hyphenation::Tex(
            Patterns::Russian,
            include_str!("../../assets/hyphenation/hyph-ru.pat.txt"),
        ),
        aliases: &["ru-RU", "rus"],
        draft: "ЧЕРНОВИК ПЕРЕВОДА – НЕ ПРОВЕРЕН",
        content: include_str!("../../content/csec/ru.yaml"),
    },
    Language {
        code: "uk",
        english: "Ukrainian",
        native: "українська",
        script: "Cyrl",
        hyphenation: Hyphenation::Tex(
            Patterns::Ukrainian,
            include_str!("../../assets/hyphenation/hyph-uk.pat.txt"),
        ),
        aliases: &["uk-UA", "ukr"],
        draft: "ЧЕРНЕТКА ПЕРЕКЛАДУ – НЕ ПЕРЕВІРЕНО",
        content: include_str!("../../content/csec/uk.yaml"),
    },
    Language {
        code: "hmn",
        english: "Hmong",
        native: "Hmoob",
        script: "Latn",
        // Hmong syllables are written apart; none is ever broken.
        hyphenation: Hyphenation::None,
        aliases: &["mww", "hmn-Latn", "hmn-US"],
        draft: "TSAB TXHAIS QAUV – TSEEM TSIS TAU KUAJ XYUAS",
        content: include_str!("../../content/csec/hmn.yaml"),
    },
    Language {
        code: "zh-Hant",
        english: "Chinese (Traditional)",
        native: "繁體中文",
        script: "Hant",
        hyphenation: Hyphenation::None,
        aliases: &["zh-TW", "zh-HK", "zh-Hant-TW", "zh-Hant-HK", "cmn-Hant"],
        draft: "翻譯草稿 – 尚未審閱",
        content: include_str!("../../content/csec/zh-Hant.yaml"),
    },
    Language {
        code: "ko",
        english: "Korean",
        native: "한국어",
        script: "Kore",
        hyphenation: Hyphenation::None,
        aliases: &["ko-KR", "kor"],
        draft: "번역 초안 – 검토되지 않음",
        content: include_str!("../../content/csec/ko.yaml"),
    },
    Language {
        code: "ja",
        english: "Japanese",
        native: "日本語",
        script: "Jpan",
        hyphenation: Hyphenation::None,
        aliases: &["ja-JP", "jpn"],
        draft: "翻訳の下書き – 未確認",
        content: include_str!("../../content/csec/ja.yaml"),
    },
    Language {
        code: "hi",
        english: "Hindi",
        native: "हिन्दी",
        script: "Deva",
        hyphenation: Hyphenation::None,
        aliases: &["hi-IN", "hin"],
        draft: "अनुवाद का मसौदा – समीक्षा नहीं हुई",
        content: include_str!("../../content/csec/hi.yaml"),
    },
    Language {
        code: "pa",
        english: "Punjabi (Gurmukhi)",
        native: "ਪੰਜਾਬੀ",
        script: "Guru",
        hyphenation: Hyphenation::None,
        aliases: &["pa-Guru", "pa-IN", "pan"],
        draft: "ਅਨੁਵਾਦ ਦਾ ਖਰੜਾ – ਸਮੀਖਿਆ ਨਹੀਂ ਹੋਈ",
        content: include_str!("../../content/csec/pa.yaml"),
    },
    Language {
        code: "ar",
        english: "Arabic",
        native: "العربية",
        script: "Arab",
        hyphenation: Hyphenation::None,
        aliases: &["ar-SA", "ar-EG", "ar-US", "ara"],
        draft: "مسودة ترجمة – لم تُراجَع",
        content: include_str!("../../content/csec/ar.yaml"),
    },
    Language {
        code: "fa",
        english: "Farsi (Persian)",
        native: "فارسی",
        script: "Arab",
        hyphenation: Hyphenation::None,
        aliases: &["pes", "fa-IR", "fas", "per"],
        draft: "پیش‌نویس ترجمه – بازبینی نشده",
        content: include_str!("../../content/csec/fa.yaml"),
    },
    Language {
        code: "km",
        english: "Khmer (Cambodian)",
        native: "ខ្មែរ",
        script: "Khmr",
        // Words are found by dictionary (layout/paragraph.rs); none is
        // ever broken inside.
        hyphenation: Hyphenation::None,
        aliases: &["km-KH", "khm"],
        draft: "សេចក្ដីព្រាងការបកប្រែ – មិនទាន់បានពិនិត្យ",
        content: include_str!("../../content/csec/km.yaml"),
    },
    Language {
        code: "th",
        english: "Thai",
        native: "ไทย",
        script: "Thai",
        hyphenation: Hyphenation::None,
        aliases: &["th-TH", "tha"],
        draft: "ร่างคำแปล – ยังไม่ได้ตรวจทาน",
        content: include_str!("../../content/csec/th.yaml"),
    },
    Language {
        code: "lo",
        english: "Lao",
        native: "ລາວ",
        script: "Laoo",
        hyphenation: Hyphenation::None,
        aliases: &["lo-LA", "lao"],
        draft: "ຮ່າງການແປ – ຍັງບໍ່ໄດ້ກວດກາ",
        content: include_str!("../../content/csec/lo.yaml"),
    },
];

/// Codes that name more than one written language, with what they may
/// mean: refused, so nobody prints Simplified for readers of Traditional.
const AMBIGUOUS: &[(&str, &str)] = &[(
    "zh",
    "Chinese in Traditional characters (zh-Hant, also zh-TW, zh-HK) or in Simplified characters (zh-Hans, also zh-CN)",
)];

/// The built-in language with this code or alias, any case.
pub fn find(code: &str) -> Option<&'static Language> {
    let code = code.trim();
    LANGUAGES.iter().find(|l| {
        l.code.eq_ignore_ascii_case(code) || l.aliases.iter().any(|a| a.eq_ignore_ascii_case(code))
    })
}

/// The code for `code` as the table writes it ("zh-TW" -> "zh-Hant"), or
/// `code` itself for a language that is not built in.
pub fn canonical(code: &str) -> &str {
    find(code).map_or(code, |l| l.code)
}

/// The built-in language `code` names; an ambiguous code is refused with
/// its meanings, an unknown one with the nearest built-in language.
pub fn resolve(code: &str) -> Result<&'static Language> {
    if let Some(l) = find(code) {
        return Ok(l);
    }
    let code = code.trim();
    let built_in = format!(
        "the built-in languages are {}",
        LANGUAGES
            .iter()
            .map(|l| format!("{} ({})", l.code, l.english))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some((_, meanings)) = AMBIGUOUS.iter().find(|(c, _)| c.eq_ignore_ascii_case(code)) {
        let choices: Vec<&str> = LANGUAGES
            .iter()
            .filter(|l| {
                l.code.len() > code.len() && l.code[..code.len()].eq_ignore_ascii_case(code)
            })
            .map(|l| l.code)
            .collect();
        let pick = match choices.as_slice() {
            [] => "none of them is built in yet".to_string(),
            c => format!("built in: {}", c.join(", ")),
        };
        return Err(Error::input(format!(
            "the language code \"{code}\" is ambiguous: it can mean {meanings}; give one of those codes ({pick}); {built_in}"
        )));
    }
    // A name ("Russian", "русский") or a near miss ("uk-UA", "vn").
    let named = LANGUAGES.iter().find(|l| {
        l.english.eq_ignore_ascii_case(code) || l.native.to_lowercase() == code.to_lowercase()
    });
    let primary = code.split(['-', '_']).next().unwrap_or(code);
    let suggestion = named.or_else(|| find(primary)).or_else(|| {
        let spelled = nearest(code, LANGUAGES.iter().flat_map(|l| [l.code, l.english]))?;
        LANGUAGES
            .iter()
            .find(|l| l.code == spelled || l.english == spelled)
    });
    let hint = suggestion
        .map(|l| format!(" Did you mean {} ({})?", l.code, l.english))
        .unwrap_or_default();
    Err(Error::input(format!(
        "no built-in content in language \"{code}\"; {built_in}; for another language give your own content file (--content, or `content:` in a run plan).{hint}"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_aliases_are_unique_and_any_case() {
        let mut seen = Vec::new();
        for l in LANGUAGES {
            for c in std::iter::once(&l.code).chain(l.aliases) {
                let c = c.to_ascii_lowercase();
                assert!(!seen.contains(&c), "{c} twice");
                seen.push(c);
            }
            assert_eq!(resolve(&l.code.to_uppercase()).unwrap().code, l.code);
        }
        assert_eq!(canonical("ES-us"), "es");
        assert_eq!(canonical("fr"), "fr");
    }

    #[test]
    fn an_ambiguous_code_is_refused_with_its_choices() {
        let e = resolve("zh").unwrap_err().message;
        assert!(
            e.contains("ambiguous") && e.contains("zh-Hant") && e.contains("zh-Hans"),
            "{e}"
        );
    }

    #[test]
    fn an_unknown_code_gets_the_nearest_language() {
        let e = resolve("Spanish").unwrap_err().message;
        assert!(e.contains("Did you mean es (Spanish)?"), "{e}");
        let e = resolve("es-ES").unwrap_err().message;
        assert!(e.contains("Did you mean es"), "{e}");
        let e = resolve("xx").unwrap_err().message;
        assert!(
            e.contains("en (English)") && !e.contains("Did you mean"),
            "{e}"
        );
    }
}
