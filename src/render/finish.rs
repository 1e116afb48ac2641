//! The last pass over the lopdf document printpdf builds: page boxes
//! printpdf cannot write, a clean Info dictionary and a content-derived /ID.

use crate::display::Rect;
use lopdf::{Dictionary, Document, Object, StringFormat};
use sha2::{Digest, Sha256};

/// Boxes of one page in PDF user space.
pub struct Boxes {
    pub media: Rect,
    pub bleed: Rect,
    pub trim: Rect,
}

fn array(r: &Rect) -> Object {
    // [llx lly urx ury]: printpdf writes [x y w h], wrong for a box off the origin.
    Object::Array(vec![
        r.x.into(),
        r.y.into(),
        r.right().into(),
        r.top().into(),
    ])
}

pub fn set_boxes(doc: &mut Document, boxes: &[Boxes]) {
    let pages: Vec<_> = doc.get_pages().into_values().collect();
    for (id, b) in pages.into_iter().zip(boxes) {
        if let Ok(Object::Dictionary(page)) = doc.get_object_mut(id) {
            page.set("MediaBox", array(&b.media));
            page.set("CropBox", array(&b.media));
            page.set("BleedBox", array(&b.bleed));
            page.set("TrimBox", array(&b.trim));
            // printpdf writes an empty /Annots array on every page.
            page.remove(b"Annots");
        }
    }
}

/// Replaces printpdf's Info (empty keys, an empty GTS_PDFXVersion) with the
/// keys that carry something.
pub fn set_info(doc: &mut Document, title: &str) {
    let mut info = Dictionary::new();
    info.set("Title", Object::string_literal(title));
    info.set("Creator", Object::string_literal("foldline"));
    info.set(
        "Producer",
        Object::string_literal(concat!(
            "foldline ",
            env!("CARGO_PKG_VERSION"),
            " (printpdf)"
        )),
    );
    info.set("Trapped", Object::Name(b"False".to_vec()));
    let id = doc.add_object(info);
    doc.trailer.set("Info", Object::Reference(id));
}

/// Serialises `doc` with an /ID that is a hash of the file itself, so the
/// same input always gives the same bytes.
pub fn save(mut doc: Document) -> Vec<u8> {
    doc.compress();
    let placeholder = Object::String(vec![0; 16], StringFormat::Hexadecimal);
    doc.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)
        .expect("writing to memory cannot fail");
    let digest = Sha256::digest(&bytes);
    let id = Object::String(digest[..16].to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    bytes.clear();
    doc.save_to(&mut bytes)
        .expect("writing to memory cannot fail");
    bytes
}
