//! The built-in faces and the per-language fallback chain that picks one
//! for each character.
//!
//! The brochure's own family is DejaVu Sans Condensed (Bitstream Vera
//! licence, fonts/LICENSE-DejaVu.txt): Latin, Cyrillic, Armenian, the
//! arrows and diamonds. The scripts it lacks come from Noto Sans (SIL OFL,
//! fonts/LICENSE-Noto.txt): Arabic, Devanagari, Gurmukhi, Khmer, Thai, Lao
//! and CJK (one collection holding the Traditional Chinese, Korean and
//! Japanese faces). Every face is parsed only when a piece first uses it;
//! the bytes are part of the binary, so output is the same on every machine.

use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::sync::{Mutex, OnceLock};
use unicode_script::{Script, UnicodeScript};

/// A family of built-in faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    Sans,
    /// Titles, headings and numbers: Noto Sans Display Condensed, with the
    /// weight contrast against the body DejaVu lacks (semibold, extra
    /// bold), for the scripts it covers (Latin with Vietnamese, Greek,
    /// Cyrillic); what it lacks falls back as body text does.
    Display,
    Arabic,
    Devanagari,
    Gurmukhi,
    Khmer,
    Thai,
    Lao,
    CjkTc,
    CjkKr,
    CjkJp,
    /// A face a content file adds (`fonts:`), by its place in `ADDED`:
    /// used for what no built-in face has. One weight, no italic.
    Added(u8),
}

impl Family {
    const ALL: [Family; 11] = [
        Family::Sans,
        Family::Display,
        Family::Arabic,
        Family::Devanagari,
        Family::Gurmukhi,
        Family::Khmer,
        Family::Thai,
        Family::Lao,
        Family::CjkTc,
        Family::CjkKr,
        Family::CjkJp,
    ];

    /// Only the brochure's own family has an italic; the scripts Noto
    /// covers here have none, so emphasis in them is set upright.
    pub fn has_italic(self) -> bool {
        self == Family::Sans
    }

    /// An added face has one weight: bold text in it is set in that one,
    /// never a faked bold.
    fn has_bold(self) -> bool {
        !matches!(self, Family::Added(_))
    }

    /// A script whose glyphs are not its characters one for one (joined,
    /// reordered or stacked by the shaper).
    pub fn is_shaped(self) -> bool {
        !matches!(self, Family::Sans | Family::Display) && !self.is_cjk()
    }

    /// Chinese, Korean or Japanese: broken between characters, never hyphenated.
    pub fn is_cjk(self) -> bool {
        matches!(self, Family::CjkTc | Family::CjkKr | Family::CjkJp)
    }
}

/// One built-in face: a family in a weight and slant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaceId {
    // In this order, so faces sort (and are embedded) regular, bold,
    // italic, bold italic.
    pub family: Family,
    pub italic: bool,
    pub bold: bool,
}

#[allow(non_upper_case_globals)]
impl FaceId {
    pub const Regular: FaceId = FaceId::sans(false, false);
    pub const Bold: FaceId = FaceId::sans(true, false);
    pub const Italic: FaceId = FaceId::sans(false, true);
    pub const BoldItalic: FaceId = FaceId::sans(true, true);
    /// The four styles text may be set in.
    pub const ALL_SANS: [FaceId; 4] = [
        FaceId::Regular,
        FaceId::Bold,
        FaceId::Italic,
        FaceId::BoldItalic,
    ];

    /// Display type: headings, titles, numbers.
    pub const Display: FaceId = FaceId {
        family: Family::Display,
        bold: true,
        italic: false,
    };

    const fn sans(bold: bool, italic: bool) -> FaceId {
        FaceId {
            family: Family::Sans,
            bold,
            italic,
        }
    }

    /// This style in `family` (upright where the family has no italic).
    pub fn in_family(self, family: Family) -> FaceId {
        FaceId {
            family,
            bold: self.bold && family.has_bold(),
            italic: self.italic && family.has_italic(),
        }
    }

    pub fn with(self, bold: bool, italic: bool) -> FaceId {
        FaceId {
            italic,
            bold,
            ..self
        }
        .in_family(self.family)
    }

    /// A number unique to the face, for resource names (`FL0` …).
    pub fn index(self) -> usize {
        let family = match self.family {
            Family::Added(k) => Family::ALL.len() + usize::from(k),
            f => Family::ALL.iter().position(|&a| a == f).unwrap_or(0),
        };
        family * 4 + usize::from(self.italic) * 2 + usize::from(self.bold)
    }
}

pub struct Face {
    pub postscript_name: &'static str,
    pub data: &'static [u8],
    /// The face's index in `data` (a font collection holds several).
    pub collection_index: u32,
    pub shaper: rustybuzz::Face<'static>,
    pub units_per_em: f32,
    /// Ascender and descender as fractions of the em (descender negative).
    pub ascender: f32,
    pub descender: f32,
}

const DEJAVU: [&[u8]; 4] = [
    include_bytes!("../../fonts/DejaVuSansCondensed.ttf"),
    include_bytes!("../../fonts/DejaVuSansCondensed-Bold.ttf"),
    include_bytes!("../../fonts/DejaVuSansCondensed-Oblique.ttf"),
    include_bytes!("../../fonts/DejaVuSansCondensed-BoldOblique.ttf"),
];
const CJK: [&[u8]; 2] = [
    include_bytes!("../../fonts/NotoSansCJK-Regular.ttc"),
    include_bytes!("../../fonts/NotoSansCJK-Bold.ttc"),
];

/// The bytes, the face's index in them and its PostScript name.
fn source(id: FaceId) -> (&'static [u8], u32, &'static str) {
    macro_rules! noto {
        ($script:literal) => {
            if id.bold {
                (
                    &include_bytes!(concat!("../../fonts/NotoSans", $script, "-Bold.ttf"))[..],
                    0,
                    concat!("NotoSans", $script, "-Bold"),
                )
            } else {
                (
                    &include_bytes!(concat!("../../fonts/NotoSans", $script, "-Regular.ttf"))[..],
                    0,
                    concat!("NotoSans", $script, "-Regular"),
                )
            }
        };
    }
    // The collection's faces: 0 Japanese, 1 Korean, 3 Traditional Chinese.
    let cjk = |index, regular, bold| {
        let (data, name) = if id.bold {
            (CJK[1], bold)
        } else {
            (CJK[0], regular)
        };
        (data, index, name)
    };
    match id.family {
        Family::Sans => {
            const NAMES: [&str; 4] = [
                "DejaVuSansCondensed",
                "DejaVuSansCondensed-Bold",
                "DejaVuSansCondensed-Oblique",
                "DejaVuSansCondensed-BoldOblique",
            ];
            let i = id.index();
            (DEJAVU[i], 0, NAMES[i])
        }
        Family::Display if id.bold => (
            &include_bytes!("../../fonts/NotoSansDisplay-CondensedExtraBold.ttf")[..],
            0,
            "NotoSansDisplay-CondensedExtraBold",
        ),
        Family::Display => (
            &include_bytes!("../../fonts/NotoSansDisplay-CondensedSemiBold.ttf")[..],
            0,
            "NotoSansDisplay-CondensedSemiBold",
        ),
        Family::Arabic => noto!("Arabic"),
        Family::Devanagari => noto!("Devanagari"),
        Family::Gurmukhi => noto!("Gurmukhi"),
        Family::Khmer => noto!("Khmer"),
        Family::Thai => noto!("Thai"),
        Family::Lao => noto!("Lao"),
        Family::CjkJp => cjk(0, "NotoSansCJKjp-Regular", "NotoSansCJKjp-Bold"),
        Family::CjkKr => cjk(1, "NotoSansCJKkr-Regular", "NotoSansCJKkr-Bold"),
        Family::CjkTc => cjk(3, "NotoSansCJKtc-Regular", "NotoSansCJKtc-Bold"),
        Family::Added(_) => unreachable!("an added face is read by fonts::add"),
    }
}

const FACES: usize = Family::ALL.len() * 4;

pub fn face(id: FaceId) -> &'static Face {
    static LOADED: [OnceLock<Face>; FACES] = [const { OnceLock::new() }; FACES];
    match id.family {
        Family::Added(k) => added(k),
        _ => LOADED[id.index()].get_or_init(|| load(id)),
    }
}

/// The faces content files added, in the order they were first read; a
/// file read again (every piece of a run) is the face already there. They
/// stay for the process, which makes a run's pieces and ends.
static ADDED: Mutex<Vec<([u8; 32], &'static Face)>> = Mutex::new(Vec::new());

/// At most this many added faces in a process (a campaign adds one or two).
const MAX_ADDED: usize = 64;

fn added(k: u8) -> &'static Face {
    ADDED.lock().unwrap_or_else(|e| e.into_inner())[usize::from(k)].1
}

/// Reads the faces of a TrueType or OpenType font file (every face of a
/// collection, .ttc) for content to add; their families, in file order.
pub fn add(bytes: Vec<u8>) -> std::result::Result<Vec<Family>, String> {
    let hash: [u8; 32] = Sha256::digest(&bytes).into();
    let faces = rustybuzz::ttf_parser::fonts_in_collection(&bytes).unwrap_or(1);
    let mut added = ADDED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(first) = added.iter().position(|(h, _)| *h == hash) {
        return Ok((first..first + faces as usize)
            .map(|k| Family::Added(k as u8))
            .collect());
    }
    if added.len() + faces as usize > MAX_ADDED {
        return Err(format!(
            "more than {MAX_ADDED} added faces in one run; a campaign needs one or two"
        ));
    }
    // Kept for the process: a face borrows its bytes.
    let data: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    let mut families = Vec::new();
    for index in 0..faces {
        let shaper = rustybuzz::Face::from_slice(data, index).ok_or_else(|| {
            "is not a TrueType or OpenType font (.ttf, .otf, or a .ttc collection)".to_string()
        })?;
        let name = shaper
            .names()
            .into_iter()
            .filter(|n| n.name_id == rustybuzz::ttf_parser::name_id::POST_SCRIPT_NAME)
            .find_map(|n| n.to_string())
            .unwrap_or_else(|| format!("AddedFace{}", added.len()));
        // A PDF font name has no spaces or delimiters.
        let name: String = name
            .chars()
            .filter(|c| c.is_ascii_graphic() && !"()<>[]{}/%#".contains(*c))
            .collect();
        let face = metrics(
            shaper,
            Family::Added(added.len() as u8),
            data,
            index,
            Box::leak(name.into_boxed_str()),
        );
        families.push(Family::Added(added.len() as u8));
        added.push((hash, Box::leak(Box::new(face))));
    }
    Ok(families)
}

thread_local! {
    /// The added faces the content being checked or laid out on this
    /// thread may use (`InUse`).
    static IN_USE: RefCell<Vec<Family>> = const { RefCell::new(Vec::new()) };
}

/// While it lives, text on this thread may fall back to `families` (a
/// content file's added faces); the ones before come back when it goes.
pub struct InUse(Vec<Family>);

impl InUse {
    pub fn new(families: &[Family]) -> InUse {
        InUse(IN_USE.with(|u| std::mem::replace(&mut *u.borrow_mut(), families.to_vec())))
    }
}

impl Drop for InUse {
    fn drop(&mut self) {
        IN_USE.with(|u| *u.borrow_mut() = std::mem::take(&mut self.0));
    }
}

/// The added faces text on this thread may use now (part of the layout
/// caches' keys: the same text may be set otherwise with other faces).
pub fn in_use() -> Vec<Family> {
    IN_USE.with(|u| u.borrow().clone())
}

fn load(id: FaceId) -> Face {
    let (data, collection_index, postscript_name) = source(id);
    // The fonts are part of the binary; failing to parse them is a build defect.
    let shaper = rustybuzz::Face::from_slice(data, collection_index).expect("embedded font parses");
    metrics(shaper, id.family, data, collection_index, postscript_name)
}

/// A parsed face with the line box layout sets it by.
fn metrics(
    shaper: rustybuzz::Face<'static>,
    family: Family,
    data: &'static [u8],
    collection_index: u32,
    postscript_name: &'static str,
) -> Face {
    let units_per_em = shaper.units_per_em() as f32;
    // The Noto faces' line metrics (hhea) leave room for stacked marks
    // and make every line about 1.45 em (CJK) to 2.1 em (Arabic) tall;
    // their typographic ones are the design's own. DejaVu keeps its hhea
    // metrics, as it always had (render/pdf.rs writes the same to the PDF).
    let (ascender, descender) = match (
        family,
        shaper.typographic_ascender(),
        shaper.typographic_descender(),
    ) {
        (Family::Sans, ..) | (_, None, _) | (_, _, None) => (shaper.ascender(), shaper.descender()),
        (_, Some(a), Some(d)) => (a, d),
    };
    // Boxes taken smaller than the fonts give, ascender and descender in
    // the same proportion. Noto Sans Arabic's (2.1 em) leaves room for
    // marks stacked three high, which this content never has: a Noto box
    // is at most 1.6 em. Noto Sans Display's (1.36 em) is roomier than
    // the 1.28 em leading the body is set at, and would push every title
    // and number line apart: it is taken as 1.2 em, about DejaVu Bold's
    // (1.16), which still holds its accented capitals.
    let total = (ascender - descender) as f32;
    let box_em = match family {
        Family::Sans => None,
        Family::Display => Some(1.2),
        _ if total > 1.6 * units_per_em => Some(1.6),
        _ => None,
    };
    let (ascender, descender) = match box_em {
        Some(em) => {
            let k = em * units_per_em / total;
            ((ascender as f32 * k) as i16, (descender as f32 * k) as i16)
        }
        None => (ascender, descender),
    };
    Face {
        postscript_name,
        data,
        collection_index,
        ascender: ascender as f32 / units_per_em,
        descender: descender as f32 / units_per_em,
        units_per_em,
        shaper,
    }
}

/// The built-in families, as an error message names them.
pub const BUILT_IN: &str = "DejaVu Sans Condensed (Latin, Cyrillic, Greek, Armenian), Noto Sans Display Condensed (titles and headings), Noto Sans Arabic, Devanagari, Gurmukhi, Khmer, Thai and Lao, and Noto Sans CJK (Traditional Chinese, Korean, Japanese)";

/// The CJK face a language reads Han characters in.
fn cjk(lang: &str) -> Family {
    let lang = lang.to_ascii_lowercase();
    if lang.starts_with("ko") {
        Family::CjkKr
    } else if lang.starts_with("ja") {
        Family::CjkJp
    } else {
        Family::CjkTc
    }
}

/// The family of the script `lang` is written in, unless it is DejaVu's.
fn primary(lang: &str) -> Option<Family> {
    let primary = lang
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    Some(match primary.as_str() {
        "ar" | "fa" | "pes" | "prs" | "ur" | "ps" | "ckb" => Family::Arabic,
        "hi" | "mr" | "ne" => Family::Devanagari,
        "pa" => Family::Gurmukhi,
        "km" => Family::Khmer,
        "th" => Family::Thai,
        "lo" => Family::Lao,
        "zh" | "ja" | "ko" | "yue" | "cmn" => cjk(lang),
        _ => return None,
    })
}

/// The family a script is set in, if it has one of its own.
fn family_of(script: Script, lang: &str) -> Option<Family> {
    Some(match script {
        Script::Arabic => Family::Arabic,
        Script::Devanagari => Family::Devanagari,
        Script::Gurmukhi => Family::Gurmukhi,
        Script::Khmer => Family::Khmer,
        Script::Thai => Family::Thai,
        Script::Lao => Family::Lao,
        Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo => {
            cjk(lang)
        }
        Script::Common | Script::Inherited | Script::Unknown => return None,
        _ => Family::Sans,
    })
}

/// Whether every style text may be set in, in `family` (upright where it
/// has no italic), has a glyph for `c`.
pub fn in_every_style(family: Family, c: char) -> bool {
    FaceId::ALL_SANS
        .iter()
        .all(|f| face(f.in_family(family)).shaper.glyph_index(c).is_some())
}

fn has(family: Family, c: char) -> bool {
    face(FaceId::Regular.in_family(family))
        .shaper
        .glyph_index(c)
        .is_some()
}

/// Cuts `text` into runs of one family (byte ranges in order): each
/// character goes to its script's family; ASCII digits, spaces and
/// punctuation to DejaVu; other punctuation and marks (Common and
/// Inherited) stay with the run they are in when its face has them, so a
/// word's shaping context is kept. What the chosen
/// family lacks falls back to DejaVu, then the language's CJK face, then
/// the rest in a fixed order. A character no face has is set in DejaVu
/// (the shaper then reports it).
///
/// Text in the `Display` family (`preferred`) is set in it where DejaVu's
/// would be and it has the character.
pub fn itemize(text: &str, lang: &str, preferred: Family) -> Vec<(std::ops::Range<usize>, Family)> {
    let display = preferred == Family::Display;
    // Nearly all English text is ASCII: one run, nothing looked up.
    if text.is_ascii() {
        let family = if display {
            Family::Display
        } else {
            Family::Sans
        };
        return vec![(0..text.len(), family)];
    }
    let mut runs: Vec<(std::ops::Range<usize>, Family)> = Vec::new();
    for (at, c) in text.char_indices() {
        let previous = runs.last().map(|r| r.1);
        let wanted = match family_of(c.script(), lang) {
            Some(f) => f,
            // ASCII digits, spaces and punctuation are the brochure's own
            // in every language: a number is never set in two faces.
            None if c.is_ascii() => Family::Sans,
            // Other punctuation and marks: the run's own face, else
            // DejaVu's if it has them in every style (arrows, quotes),
            // else the language's (the Arabic comma after a Latin word).
            None => match previous {
                Some(p) if p != Family::Sans && has(p, c) => p,
                _ if in_every_style(Family::Sans, c) => Family::Sans,
                _ => primary(lang).filter(|&f| has(f, c)).unwrap_or(Family::Sans),
            },
        };
        let family = if has(wanted, c) {
            wanted
        } else {
            [Family::Sans, cjk(lang)]
                .into_iter()
                .chain(Family::ALL)
                .chain(in_use())
                .find(|&f| has(f, c))
                .unwrap_or(Family::Sans)
        };
        let family = match family {
            Family::Sans if display && has(Family::Display, c) => Family::Display,
            f => f,
        };
        let end = at + c.len_utf8();
        match runs.last_mut() {
            Some(run) if run.1 == family => run.0.end = end,
            _ => runs.push((at..end, family)),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn families<'a>(text: &'a str, lang: &str) -> Vec<(&'a str, Family)> {
        itemize(text, lang, Family::Sans)
            .into_iter()
            .map(|(r, f)| (&text[r], f))
            .collect()
    }

    #[test]
    fn each_script_gets_its_face_and_punctuation_stays_with_its_run() {
        assert_eq!(
            families("打電話 1.888.373.7888。", "zh-Hant"),
            [
                ("打電話", Family::CjkTc),
                (" 1.888.373.7888", Family::Sans),
                ("。", Family::CjkTc)
            ]
        );
        assert_eq!(
            families("⇒ 전화", "ko"),
            [("⇒ ", Family::Sans), ("전화", Family::CjkKr)]
        );
        assert_eq!(families("漢字", "ja"), [("漢字", Family::CjkJp)]);
        assert_eq!(
            families("CSEC اتصل", "ar"),
            [("CSEC ", Family::Sans), ("اتصل", Family::Arabic)]
        );
        assert_eq!(families("ខ្មែរ", "km"), [("ខ្មែរ", Family::Khmer)]);
    }

    #[test]
    fn only_dejavu_has_an_italic() {
        let emphasised = FaceId::Italic.in_family(Family::CjkTc);
        assert!(!emphasised.italic);
        assert!(
            !FaceId::Bold
                .in_family(Family::Arabic)
                .with(true, true)
                .italic
        );
        assert!(FaceId::Regular.with(false, true).italic);
    }
}
