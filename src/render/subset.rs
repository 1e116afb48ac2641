//! Font subsetting: only the glyphs a document uses are embedded.

use crate::error::{Error, Result};
use crate::layout::fonts::{face, FaceId};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use subsetter::GlyphRemapper;

pub struct Subset {
    /// The subset font program (glyph ids renumbered).
    pub program: Vec<u8>,
    /// BaseFont name with the six-letter subset tag PDF readers expect.
    pub name: String,
    remapper: GlyphRemapper,
}

impl Subset {
    pub fn new(id: FaceId, glyphs: &BTreeSet<u16>) -> Result<Subset> {
        let f = face(id);
        let mut remapper = GlyphRemapper::new();
        for &g in glyphs {
            remapper.remap(g);
        }
        let mut program =
            subsetter::subset(f.data, f.collection_index, &remapper).map_err(|e| {
                Error::io(format!(
                    "could not subset font {}: {e:?}",
                    f.postscript_name
                ))
            })?;
        super::cff::spell_out_default_matrix(&mut program);
        Ok(Subset {
            name: format!("{}+{}", tag(f.postscript_name, glyphs), f.postscript_name),
            program,
            remapper,
        })
    }

    /// The glyph's id in the subset.
    pub fn gid(&self, original: u16) -> u16 {
        // Every glyph drawn was collected before subsetting.
        self.remapper
            .get(original)
            .expect("glyph collected before subsetting")
    }
}

/// Six capital letters derived from the glyph set: the same glyphs give
/// the same tag, so output stays byte-identical.
fn tag(name: &str, glyphs: &BTreeSet<u16>) -> String {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    for g in glyphs {
        h.update(g.to_be_bytes());
    }
    h.finalize()
        .iter()
        .take(6)
        .map(|b| (b'A' + b % 26) as char)
        .collect()
}
