//! The embedded type family (DejaVu Sans Condensed, Bitstream Vera licence,
//! see fonts/LICENSE-DejaVu.txt). It has the arrow (⇒) and diamond (◊)
//! bullets and the accented letters Spanish needs, so no fallback is needed.

use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FaceId {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl FaceId {
    pub const ALL: [FaceId; 4] = [
        FaceId::Regular,
        FaceId::Bold,
        FaceId::Italic,
        FaceId::BoldItalic,
    ];

    pub fn with(self, bold: bool, italic: bool) -> FaceId {
        match (bold, italic) {
            (false, false) => FaceId::Regular,
            (true, false) => FaceId::Bold,
            (false, true) => FaceId::Italic,
            (true, true) => FaceId::BoldItalic,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

pub struct Face {
    pub postscript_name: &'static str,
    pub data: &'static [u8],
    pub shaper: rustybuzz::Face<'static>,
    pub units_per_em: f32,
    /// Ascender and descender as fractions of the em (descender negative).
    pub ascender: f32,
    pub descender: f32,
}

static FACES: OnceLock<[Face; 4]> = OnceLock::new();

const SOURCES: [(&str, &[u8]); 4] = [
    (
        "DejaVuSansCondensed",
        include_bytes!("../../fonts/DejaVuSansCondensed.ttf"),
    ),
    (
        "DejaVuSansCondensed-Bold",
        include_bytes!("../../fonts/DejaVuSansCondensed-Bold.ttf"),
    ),
    (
        "DejaVuSansCondensed-Oblique",
        include_bytes!("../../fonts/DejaVuSansCondensed-Oblique.ttf"),
    ),
    (
        "DejaVuSansCondensed-BoldOblique",
        include_bytes!("../../fonts/DejaVuSansCondensed-BoldOblique.ttf"),
    ),
];

pub fn face(id: FaceId) -> &'static Face {
    &FACES.get_or_init(|| SOURCES.map(load))[id.index()]
}

fn load((postscript_name, data): (&'static str, &'static [u8])) -> Face {
    // The fonts are part of the binary; failing to parse them is a build defect.
    let shaper = rustybuzz::Face::from_slice(data, 0).expect("embedded font parses");
    let units_per_em = shaper.units_per_em() as f32;
    Face {
        postscript_name,
        data,
        ascender: shaper.ascender() as f32 / units_per_em,
        descender: shaper.descender() as f32 / units_per_em,
        units_per_em,
        shaper,
    }
}
