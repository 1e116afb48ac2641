//! Paragraphs: rich text to lines, with optimal (Knuth-Plass style) line
//! breaking and hyphenation.

use super::bidi;
use super::fonts::FaceId;
use super::fonts::{itemize, Family};
use super::hyphenate::{break_points, SOFT_HYPHEN};
use super::shape::{shape, shape_with, Props, ShapedGlyph};
use crate::content::hotline;
use crate::display::{Cmyk, Glyph, Rotation, TextRun};
use crate::error::{Error, Result};
use icu_segmenter::LineSegmenter;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use textwrap::core::Fragment;
use textwrap::wrap_algorithms::{wrap_optimal_fit, Penalties};
use unicode_linebreak::linebreaks;

/// A piece of text in one face.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Span {
    pub text: String,
    pub face: FaceId,
}

/// One set line: runs positioned from x = 0 on a baseline at y = 0.
#[derive(Debug, Clone)]
pub struct Line {
    pub runs: Vec<TextRun>,
    pub width: f32,
    /// The line ends in a hyphen the break added (its last glyph).
    pub hyphenated: bool,
}

impl Line {
    pub fn text(&self) -> String {
        self.runs.iter().map(TextRun::text).collect()
    }
}

#[derive(Debug, Clone)]
struct Piece {
    face: FaceId,
    glyphs: Vec<ShapedGlyph>,
    faces: Vec<FaceId>,
    width: f32,
    /// Space after the piece when the line goes on (word ends only).
    space: Option<(FaceId, ShapedGlyph)>,
    /// Hyphen added when the line breaks after this piece (inside a word).
    hyphen: Option<ShapedGlyph>,
}

impl Fragment for Piece {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        self.space.as_ref().map_or(0.0, |(_, s)| s.advance as f64)
    }
    fn penalty_width(&self) -> f64 {
        self.hyphen.as_ref().map_or(0.0, |h| h.advance as f64)
    }
}

fn penalties() -> Penalties {
    let mut p = Penalties::new();
    // Widths are points, not monospace cells: a line may never run over.
    p.overflow_penalty = 1_000_000_000;
    p.nline_penalty = 1500;
    p.hyphen_penalty = 700;
    p.short_last_line_penalty = 300;
    p
}

/// Breaks `spans` into lines no wider than `width` points.
pub fn break_lines(
    spans: &[Span],
    size: f32,
    color: Cmyk,
    width: f32,
    lang: &str,
    hyphenate: bool,
) -> Result<Vec<Line>> {
    let pieces = cached_pieces(spans, size, lang, hyphenate)?;
    let pieces = &pieces[..];
    if pieces.is_empty() {
        return Ok(Vec::new());
    }
    // Fails only when costs overflow f64, i.e. for absurd widths.
    let wrapped = wrap_optimal_fit(pieces, &[width as f64], &penalties()).map_err(|_| {
        Error::fit(format!(
            "text could not be broken into lines {width:.1} pt wide; nothing was written"
        ))
    })?;
    let mut lines = Vec::with_capacity(wrapped.len());
    for line in wrapped {
        let mut glyphs: Vec<(FaceId, &ShapedGlyph)> = Vec::new();
        let mut hyphenated = false;
        for (i, piece) in line.iter().enumerate() {
            glyphs.extend(piece.faces.iter().copied().zip(&piece.glyphs));
            let last = i + 1 == line.len();
            match (&piece.space, &piece.hyphen, last) {
                // The space in its own face (DejaVu's, between Thai words).
                (Some((face, space)), _, false) => glyphs.push((*face, space)),
                (_, Some(hyphen), true) => {
                    glyphs.push((piece.face, hyphen));
                    hyphenated = true;
                }
                _ => {}
            }
        }
        let mut set = runs(&glyphs, size, color);
        set.hyphenated = hyphenated;
        if set.width > width + 0.01 {
            let words = set.text();
            let words = words.trim();
            return Err(Error::fit(format!(
                "the content does not fit: \"{words}\" is {:.1} pt wide but its column is only {width:.1} pt, and it cannot be hyphenated to fit. The first words that did not fit: \"{words}\". Shorten the word or put a space, a hyphen or a soft hyphen (\\u00AD in double quotes) where it may break; nothing was written.",
                set.width,
            )));
        }
        lines.push(set);
    }
    Ok(lines)
}

/// Places a line's glyphs (given in the text's order) and groups them
/// into runs of one face and direction. A line with right-to-left text is
/// placed in its visual order (the bidirectional algorithm's rule L2);
/// its runs stay in reading order, each read the way its `rtl` says.
fn runs(glyphs: &[(FaceId, &ShapedGlyph)], size: f32, color: Cmyk) -> Line {
    let bidi = glyphs.iter().any(|(_, g)| g.level > 0);
    let order: Vec<usize> = if bidi {
        let levels: Vec<u8> = glyphs.iter().map(|(_, g)| g.level).collect();
        bidi::visual_order(&levels)
    } else {
        (0..glyphs.len()).collect()
    };
    // Each run with the first (in reading order) of its glyphs.
    let mut runs: Vec<(usize, TextRun)> = Vec::new();
    let mut x = 0.0;
    for i in order {
        let (face, g) = glyphs[i];
        let rtl = g.level % 2 == 1;
        match runs.last_mut() {
            Some((first, run)) if run.face == face && run.rtl == rtl => {
                run.glyphs.push(Glyph {
                    id: g.id,
                    x: x + g.offset.0 - run.x,
                    y: g.offset.1,
                    text: g.text.clone(),
                });
                run.width = x + g.advance - run.x;
                *first = (*first).min(i);
            }
            _ => runs.push((
                i,
                TextRun {
                    face,
                    size,
                    color,
                    x,
                    baseline: 0.0,
                    width: g.advance,
                    glyphs: vec![Glyph {
                        id: g.id,
                        x: g.offset.0,
                        y: g.offset.1,
                        text: g.text.clone(),
                    }],
                    rotation: Rotation::None,
                    rtl,
                },
            )),
        }
        x += g.advance;
    }
    if bidi {
        runs.sort_by_key(|(first, _)| *first);
    }
    // A trailing space does not count towards the line's width; a glyph
    // with no text of its own is the rest of a cluster (a Khmer vowel's
    // second part) and does.
    let width = match glyphs
        .iter()
        .rposition(|(_, g)| g.text.is_empty() || !g.text.trim().is_empty())
    {
        Some(last) => glyphs[..=last].iter().map(|(_, g)| g.advance).sum(),
        None => 0.0,
    };
    Line {
        runs: runs.into_iter().map(|(_, r)| r).collect(),
        width,
        hyphenated: false,
    }
}

/// Keyed by the spans, size, language, hyphenation and the added faces in use.
type PieceKey = (Vec<Span>, u32, String, bool, Vec<Family>);
type PieceCache = RefCell<HashMap<PieceKey, Rc<Vec<Piece>>>>;

thread_local! {
    /// The same text is broken at many widths (a display line being
    /// balanced, a product trying sizes), and its pieces do not depend on
    /// the width.
    static PIECES: PieceCache = RefCell::new(HashMap::new());
}

/// Texts kept per thread before the cache is emptied (bounds memory).
const MAX_CACHED: usize = 5_000;

fn cached_pieces(spans: &[Span], size: f32, lang: &str, hyphenate: bool) -> Result<Rc<Vec<Piece>>> {
    let key = (
        spans.to_vec(),
        size.to_bits(),
        lang.to_string(),
        hyphenate,
        super::fonts::in_use(),
    );
    if let Some(p) = PIECES.with(|c| c.borrow().get(&key).cloned()) {
        return Ok(p);
    }
    let p = Rc::new(pieces(spans, size, lang, hyphenate)?);
    PIECES.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= MAX_CACHED {
            c.clear();
        }
        c.insert(key, Rc::clone(&p));
    });
    Ok(p)
}

/// Shapes the spans and cuts them into the pieces line breaking works on:
/// words (with their following space) and, inside words, syllables.
/// `lang` picks the faces, the direction and the shaping; only with
/// `hyphenate` are its hyphenation patterns used.
fn pieces(spans: &[Span], size: f32, lang: &str, hyphenate: bool) -> Result<Vec<Piece>> {
    let mut text = String::new();
    let mut ranges = Vec::with_capacity(spans.len());
    // Soft hyphens are taken out before shaping (they print only as the
    // hyphen of a line broken there) and become break points.
    let mut soft = Vec::new();
    for span in spans {
        let offset = text.len();
        for c in span.text.chars() {
            if c == SOFT_HYPHEN {
                soft.push(text.len());
            } else {
                text.push(c);
            }
        }
        ranges.push((offset..text.len(), span.face));
    }
    // Each span is cut into runs of one face and one direction, each
    // shaped with its own script, direction and language.
    let levels = bidi::levels(&text, bidi::is_rtl(lang));
    let mut glyphs: Vec<(FaceId, ShapedGlyph)> = Vec::new();
    for (range, style) in ranges {
        for (run, family) in itemize(&text[range.clone()], lang, style.family) {
            let run = range.start + run.start..range.start + run.end;
            let mut start = run.start;
            while start < run.end {
                let level = levels.as_ref().map_or(0, |l| l[start]);
                let end = match &levels {
                    Some(l) => (start..run.end).find(|&i| l[i] != level).unwrap_or(run.end),
                    None => run.end,
                };
                let face = style.in_family(family);
                // The language matters to the Noto faces' forms (Farsi
                // digits, Japanese and Chinese Han); DejaVu is shaped as
                // the brochure always was, sharing the shaper's cache.
                let props = Props {
                    rtl: level % 2 == 1,
                    lang: (family != Family::Sans).then(|| lang.to_string()),
                };
                for mut g in shape_with(&text[start..end], face, size, &props)? {
                    g.cluster += start;
                    g.level = level;
                    glyphs.push((face, g));
                }
                start = end;
            }
        }
    }
    // A phone number, or a text short code with its word ("BEFREE
    // (233733)"), is never broken across lines, at a space, a hyphen or a
    // hyphenation point: a reader dials what is on one line.
    let numbers: Vec<(usize, usize)> = hotline::find(&text)
        .iter()
        .map(|w| (w.at, w.at + w.text.len()))
        .chain(
            hotline::short_codes(&text)
                .into_iter()
                .map(|(at, len, _)| (at, at + len)),
        )
        .collect();
    let in_a_number = |at: usize| numbers.iter().any(|&(s, e)| s < at && at < e);
    let mut hyphen_points = break_points(&text, &soft, if hyphenate { lang } else { "" });
    hyphen_points.retain(|&p| !in_a_number(p));
    let mut pieces = Vec::new();
    let mut next = 0;
    let mut start = 0;
    // Hyphen points are in text order: walk them along with the segments
    // (filtering the whole list per segment made long texts quadratic).
    let mut next_point = 0;
    let breaks = break_opportunities(&text)
        .into_iter()
        .filter(|&end| !inside_a_symbol_run(&text, end) && !in_a_number(end));
    for end in breaks {
        let first = next;
        while next < glyphs.len() && glyphs[next].1.cluster < end {
            next += 1;
        }
        let segment = &glyphs[first..next];
        // A glyph with no text of its own (the rest of a cluster, such as a
        // variation selector) belongs to the word before it, not the space.
        let body_len = segment
            .iter()
            .rposition(|(_, g)| g.text.is_empty() || !g.text.trim().is_empty())
            .map_or(0, |i| i + 1);
        let (body, trailing) = segment.split_at(body_len);
        if body.is_empty() {
            start = end;
            continue;
        }
        let face = body[body.len() - 1].0;
        // A space is set in the word's face (bold after a bold word) when
        // that is its family; else in its own (DejaVu's between Thai words:
        // another family's glyph id means another glyph).
        let space = trailing.first().map(|(f, g)| {
            let g = ShapedGlyph {
                text: " ".into(),
                ..g.clone()
            };
            (if f.family == face.family { face } else { *f }, g)
        });
        while next_point < hyphen_points.len() && hyphen_points[next_point] <= start {
            next_point += 1;
        }
        let cuts: Vec<usize> = hyphen_points[next_point..]
            .iter()
            .copied()
            .take_while(|&p| p < end)
            .collect();
        let mut piece_start = 0;
        for cut in cuts.iter().copied().map(Some).chain(std::iter::once(None)) {
            let piece_end = match cut {
                Some(c) => body
                    .iter()
                    .position(|(_, g)| g.cluster >= c)
                    .unwrap_or(body.len()),
                None => body.len(),
            };
            if piece_end <= piece_start {
                continue;
            }
            let part = &body[piece_start..piece_end];
            let hyphen = match cut {
                Some(_) => Some(hyphen_glyph(part[part.len() - 1].0, size)?),
                None => None,
            };
            pieces.push(Piece {
                face,
                glyphs: part.iter().map(|(_, g)| g.clone()).collect(),
                faces: part.iter().map(|(f, _)| *f).collect(),
                width: part.iter().map(|(_, g)| g.advance).sum(),
                space: if cut.is_none() { space.clone() } else { None },
                hyphen,
            });
            piece_start = piece_end;
        }
        start = end;
    }
    Ok(pieces)
}

/// Where a line may end (byte offsets, the text's end last): the Unicode
/// line breaking rules (between Chinese, Japanese and Korean characters
/// too, never before 。，、」 and the like), and for Thai, Lao and Khmer,
/// which put no spaces between words, ICU4X's dictionary word breaks.
fn break_opportunities(text: &str) -> Vec<usize> {
    let complex = |c: char| matches!(c as u32, 0x0E00..=0x0EFF | 0x1780..=0x17FF | 0x1000..=0x109F);
    if !text.chars().any(complex) {
        return linebreaks(text).map(|(at, _)| at).collect();
    }
    let segmenter = LineSegmenter::new_dictionary(Default::default());
    segmenter
        .segment_str(text)
        .filter(|&at| at > 0 && !before_a_silent_consonant(text, at))
        .collect()
}

/// Whether the character at `at` carries a Thai or Lao cancellation mark
/// (U+0E4C, U+0ECC): it is silent and ends the syllable before it, so no
/// line starts with it. The dictionaries miss loanwords such as เคาน์ตี
/// ("county"), which they broke as เคา|น์ตี.
fn before_a_silent_consonant(text: &str, at: usize) -> bool {
    let mut next = text[at..].chars().skip(1);
    matches!(next.next(), Some('\u{0E4C}' | '\u{0ECC}'))
}

/// Whether `at` falls between two of the same symbol ("$$$", "!!"):
/// Unicode allows a break there, but a reader never expects one.
fn inside_a_symbol_run(text: &str, at: usize) -> bool {
    let (before, after) = text.split_at(at);
    match (before.chars().next_back(), after.chars().next()) {
        (Some(a), Some(b)) => a == b && !a.is_alphanumeric() && !a.is_whitespace(),
        _ => false,
    }
}

fn hyphen_glyph(face: FaceId, size: f32) -> Result<ShapedGlyph> {
    let mut g = shape("-", face, size)?;
    Ok(g.remove(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_of_one_symbol_is_never_broken() {
        let spans = [Span {
            text: "lujos de $$$ rápidos".into(),
            face: FaceId::Regular,
        }];
        // Each width in turn puts a line end somewhere in the text.
        for width in (20..120).map(|w| w as f32) {
            let Ok(lines) = break_lines(&spans, 10.0, Cmyk::BLACK, width, "", true) else {
                continue;
            };
            for line in &lines {
                let t = line.text();
                assert!(!t.contains('$') || t.contains("$$$"), "{width}: {t:?}");
            }
        }
    }

    #[test]
    fn a_thai_loanword_is_not_broken_before_its_silent_consonant() {
        let text = "สายด่วนสวัสดิการเด็กเคาน์ตี Placer";
        let breaks = break_opportunities(text);
        let silent = text.find("น์").unwrap();
        let dictionary: Vec<usize> = LineSegmenter::new_dictionary(Default::default())
            .segment_str(text)
            .collect();
        assert!(
            dictionary.contains(&silent),
            "the dictionary's own breaks: {dictionary:?}"
        );
        assert!(!breaks.contains(&silent), "{breaks:?}");
        // Words are still found and broken between.
        assert!(breaks.len() >= 3, "{breaks:?}");
    }

    #[test]
    fn a_phone_number_is_never_broken() {
        let spans = [Span {
            text:
                "Llame al (530) 886-5400 o al 1-800-834-KIDS hoy mismo, o escriba a BEFREE (233733)"
                    .into(),
            face: FaceId::Regular,
        }];
        let mut fitted = 0;
        for width in (60..300).map(|w| w as f32) {
            let Ok(lines) = break_lines(&spans, 10.0, Cmyk::BLACK, width, "es", true) else {
                continue;
            };
            fitted += 1;
            let text: Vec<String> = lines.iter().map(|l| l.text()).collect();
            for number in ["(530) 886-5400", "1-800-834-KIDS", "BEFREE (233733)"] {
                assert!(text.iter().any(|t| t.contains(number)), "{width}: {text:?}");
            }
        }
        assert!(fitted > 200, "{fitted}");
    }
}
