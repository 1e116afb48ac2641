//! Shaping: text in one face and size to positioned glyphs, with kerning.

use super::fonts::{face, in_every_style, itemize, FaceId, Family, BUILT_IN};
use crate::error::{Error, Result};
use rustybuzz::{Direction, Feature, Language, Script, ShapePlan, UnicodeBuffer};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::OnceLock;

#[derive(Debug, Clone)]
pub struct ShapedGlyph {
    pub id: u16,
    /// Advance in points, kerning included.
    pub advance: f32,
    /// Where the font moves the glyph from its pen position, in points
    /// (marks: Arabic vowels, Devanagari signs, Khmer subscripts).
    pub offset: (f32, f32),
    /// Its bidirectional embedding level (odd: right to left).
    pub level: u8,
    /// Byte offset of the glyph's cluster in the shaped text.
    pub cluster: usize,
    /// The text this glyph stands for.
    pub text: Arc<str>,
}

/// Ligatures off: one glyph per character keeps copy, search and the
/// word checks of the tests exact; kerning stays on.
fn features() -> &'static [Feature] {
    static F: OnceLock<Vec<Feature>> = OnceLock::new();
    F.get_or_init(|| {
        ["kern", "-liga", "-clig"]
            .iter()
            .map(|s| s.parse().expect("valid feature"))
            .collect()
    })
}

/// A shaped glyph in font units, before scaling to a type size.
#[derive(Clone)]
struct Unscaled {
    id: u16,
    x_advance: i32,
    offset: (i32, i32),
    /// Byte offset of the glyph's cluster in the text, and its text.
    start: usize,
    text: Arc<str>,
}

/// Shaping in font units does not depend on the size, and the same texts
/// are shaped again and again (at each size a product tries, for every
/// county of a run), so results are kept per thread.
type Shaped = Rc<Result<Vec<Unscaled>, char>>;

thread_local! {
    static SHAPED: RefCell<HashMap<(FaceId, Props, String), Shaped>> = RefCell::new(HashMap::new());
    /// rustybuzz plans by face and segment properties: building one costs
    /// more than shaping a line with it.
    static PLANS: RefCell<Vec<(PlanKey, Rc<ShapePlan>)>> = const { RefCell::new(Vec::new()) };
}

/// Texts kept per thread before the cache is emptied (bounds memory).
const MAX_CACHED: usize = 50_000;

type PlanKey = (FaceId, Direction, Script, Option<Language>);

/// How a run is shaped beyond its face: its direction and its language
/// (a BCP 47 tag; Farsi and Arabic, or Chinese and Japanese, differ in
/// their forms). `None` lets the shaper guess from the text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Props {
    pub rtl: bool,
    pub lang: Option<String>,
}

/// Shapes `text` left to right, its script and language guessed.
pub fn shape(text: &str, face_id: FaceId, size: f32) -> Result<Vec<ShapedGlyph>> {
    shape_with(text, face_id, size, &Props::default())
}

/// Shapes `text` as `props` say. The glyphs come in the text's (logical)
/// order whatever the direction: a right-to-left run is reversed back from
/// the order it is seen in, and the line puts it in visual order.
pub fn shape_with(
    text: &str,
    face_id: FaceId,
    size: f32,
    props: &Props,
) -> Result<Vec<ShapedGlyph>> {
    let f = face(face_id);
    let shaped = SHAPED.with(|cache| {
        let key = (face_id, props.clone(), text.to_string());
        if let Some(s) = cache.borrow().get(&key) {
            return Rc::clone(s);
        }
        let s = Rc::new(shape_unscaled(text, face_id, props));
        let mut cache = cache.borrow_mut();
        if cache.len() >= MAX_CACHED {
            cache.clear();
        }
        cache.insert(key, Rc::clone(&s));
        s
    });
    let glyphs = match &*shaped {
        Ok(glyphs) => glyphs,
        Err(c) => return Err(missing_glyph(*c, text)),
    };
    let scale = size / f.units_per_em;
    Ok(glyphs
        .iter()
        .map(|g| ShapedGlyph {
            id: g.id,
            advance: g.x_advance as f32 * scale,
            offset: (g.offset.0 as f32 * scale, g.offset.1 as f32 * scale),
            level: 0,
            cluster: g.start,
            text: Arc::clone(&g.text),
        })
        .collect())
}

/// The first character of `text` that no built-in face can print as
/// `lang`'s fallback chain picks faces for it (in each weight and slant
/// the text may be set in), found the way layout will meet it: by shaping,
/// so characters the shaper hides, such as variation selectors, do not count.
pub fn first_missing(text: &str, lang: &str) -> Option<char> {
    // Nearly all text is ASCII, which DejaVu has in every style: its
    // answers are looked up once, not per character and face.
    static ASCII: OnceLock<u128> = OnceLock::new();
    let ascii = *ASCII.get_or_init(|| {
        (0..128u8).fold(0, |mask, b| {
            let all = in_every_style(Family::Sans, char::from(b));
            mask | (u128::from(all) << b)
        })
    });
    if text.bytes().all(|b| b < 128 && ascii >> b & 1 == 1) {
        return None;
    }
    let props = Props {
        rtl: false,
        lang: Some(lang.to_string()),
    };
    itemize(text, lang, Family::Sans)
        .into_iter()
        .find_map(|(range, family)| {
            let run = &text[range];
            // Every character in the faces' cmaps cannot shape to a missing
            // glyph; only a run with a gap needs the (much slower) shaper.
            if run.chars().all(|c| in_every_style(family, c)) {
                return None;
            }
            FaceId::ALL_SANS
                .iter()
                .find_map(|f| shape_unscaled(run, f.in_family(family), &props).err())
        })
}

/// What `rustybuzz::shape` does, with the plan taken from the cache.
fn shape_unscaled(text: &str, face_id: FaceId, props: &Props) -> Result<Vec<Unscaled>, char> {
    let f = face(face_id);
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    if props.rtl {
        buffer.set_direction(Direction::RightToLeft);
    }
    if let Some(lang) = props.lang.as_deref().and_then(|l| l.parse().ok()) {
        buffer.set_language(lang);
    }
    let key: PlanKey = (
        face_id,
        buffer.direction(),
        buffer.script(),
        buffer.language(),
    );
    let plan = PLANS.with(|plans| {
        let mut plans = plans.borrow_mut();
        if let Some((_, p)) = plans.iter().find(|(k, _)| *k == key) {
            return Rc::clone(p);
        }
        let plan = Rc::new(ShapePlan::new(
            &f.shaper,
            key.1,
            Some(key.2),
            key.3.as_ref(),
            features(),
        ));
        plans.push((key, Rc::clone(&plan)));
        plan
    });
    let shaped = rustybuzz::shape_with_plan(&f.shaper, &plan, buffer);
    let (mut infos, mut positions) = (
        shaped.glyph_infos().to_vec(),
        shaped.glyph_positions().to_vec(),
    );
    if props.rtl {
        infos.reverse();
        positions.reverse();
    }
    let mut glyphs = Vec::with_capacity(infos.len());
    for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
        let start = info.cluster as usize;
        // A cluster's text goes with its first glyph: "❤️" (heart and a
        // hidden variation selector) copies out from the heart.
        let first_of_cluster = i == 0 || infos[i - 1].cluster != info.cluster;
        let end = if first_of_cluster {
            infos[i + 1..]
                .iter()
                .find(|n| n.cluster != info.cluster)
                .map_or(text.len(), |n| n.cluster as usize)
                .max(start)
        } else {
            start
        };
        if info.glyph_id == 0 {
            // The character at the cluster's start (a cluster may begin
            // inside another glyph's text, as with regional indicators).
            let c = text.get(start..).and_then(|t| t.chars().next());
            return Err(c.unwrap_or(char::REPLACEMENT_CHARACTER));
        }
        glyphs.push(Unscaled {
            id: info.glyph_id as u16,
            x_advance: pos.x_advance,
            offset: (pos.x_offset, pos.y_offset),
            start,
            text: text.get(start..end).unwrap_or("").into(),
        });
    }
    Ok(glyphs)
}

/// Content is checked when it is loaded (`first_missing`), so this is met
/// only by text that layout makes itself; it still never prints a blank box.
fn missing_glyph(c: char, text: &str) -> Error {
    Error::input(format!(
        "the character U+{:04X} in \"{text}\" is not in the built-in fonts ({BUILT_IN}), so it cannot be printed; replace it with text",
        c as u32
    ))
}

/// The width of `text` set in `face_id`'s style, each run in the face
/// `lang`'s fallback chain picks for it (as paragraphs set it).
pub fn width(text: &str, face_id: FaceId, size: f32, lang: &str) -> Result<f32> {
    let mut width = 0.0;
    for (range, family) in itemize(text, lang, face_id.family) {
        let glyphs = shape(&text[range], face_id.in_family(family), size)?;
        width += glyphs.iter().map(|g| g.advance).sum::<f32>();
    }
    Ok(width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_missing_finds_what_no_face_has() {
        assert_eq!(
            first_missing("Hotline 1.866.293.1940 ⇒ ◊ • á ñ", "en"),
            None
        );
        assert_eq!(first_missing("call 中文 or اتصل", "en"), None);
        assert_eq!(first_missing("ᏣᎳᎩ Cherokee", "en"), Some('Ꮳ'));
        assert_eq!(first_missing("a 🦄 b", "en"), Some('🦄'));
        assert_eq!(first_missing("flag 🇺🇸", "en"), Some('🇺'));
        assert_eq!(first_missing("bell\u{7}", "en"), Some('\u{7}'));
    }

    #[test]
    fn a_cluster_copies_out_from_its_first_glyph() {
        let glyphs = shape("a\u{2764}\u{fe0f}b", FaceId::Regular, 10.0).unwrap();
        let texts: Vec<&str> = glyphs.iter().map(|g| &*g.text).collect();
        assert_eq!(texts.concat(), "a\u{2764}\u{fe0f}b");
        let heart = glyphs
            .iter()
            .find(|g| g.advance > 0.0 && g.text.starts_with('\u{2764}'));
        assert!(
            heart.is_some(),
            "the visible heart carries the text: {texts:?}"
        );
    }

    #[test]
    fn shaping_names_the_missing_character() {
        let e = shape("flag 🇺🇸", FaceId::Regular, 10.0).unwrap_err();
        assert!(e.message.contains("U+1F1FA"), "{e}");
    }
}
