//! Shaping: text in one face and size to positioned glyphs, with kerning.

use super::fonts::{face, FaceId};
use crate::error::{Error, Result};
use rustybuzz::{Feature, UnicodeBuffer};
use std::sync::OnceLock;

#[derive(Debug, Clone)]
pub struct ShapedGlyph {
    pub id: u16,
    /// Advance in points, kerning included.
    pub advance: f32,
    /// Byte offset of the glyph's cluster in the shaped text.
    pub cluster: usize,
    /// The text this glyph stands for.
    pub text: String,
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

pub fn shape(text: &str, face_id: FaceId, size: f32) -> Result<Vec<ShapedGlyph>> {
    let f = face(face_id);
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    let shaped = rustybuzz::shape(&f.shaper, features(), buffer);
    let scale = size / f.units_per_em;
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();
    let mut glyphs = Vec::with_capacity(infos.len());
    for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
        let start = info.cluster as usize;
        let end = infos.get(i + 1).map_or(text.len(), |n| n.cluster as usize);
        let cluster_text = text.get(start..end.max(start)).unwrap_or("");
        if info.glyph_id == 0 {
            let c = cluster_text.chars().next().unwrap_or('?');
            return Err(missing_glyph(c, text));
        }
        glyphs.push(ShapedGlyph {
            id: info.glyph_id as u16,
            advance: pos.x_advance as f32 * scale,
            cluster: start,
            text: cluster_text.to_string(),
        });
    }
    Ok(glyphs)
}

fn missing_glyph(c: char, text: &str) -> Error {
    Error::input(format!(
        "the character '{c}' (U+{:04X}) in \"{text}\" is not in the embedded font (DejaVu Sans Condensed), so it cannot be printed; replace it with text",
        c as u32
    ))
}

pub fn width(text: &str, face_id: FaceId, size: f32) -> Result<f32> {
    Ok(shape(text, face_id, size)?.iter().map(|g| g.advance).sum())
}
