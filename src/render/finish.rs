//! The last pass over the lopdf document printpdf builds: page boxes
//! printpdf cannot write, a clean Info dictionary, PDF/X keys and a
//! content-derived /ID.

use super::pdfx;
use crate::display::Rect;
use lopdf::{Dictionary, Document, Object, StringFormat};
use sha2::{Digest, Sha256};

pub const PRODUCER: &str = concat!("foldline ", env!("CARGO_PKG_VERSION"), " (printpdf)");

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

/// Serialises `doc` with an /ID that is a hash of the file itself, so the
/// same input always gives the same bytes. printpdf's Info (empty keys, an
/// empty GTS_PDFXVersion) is replaced by one with only keys that carry
/// something; with `pdfx`, the file is made PDF/X-4.
pub fn save(mut doc: Document, title: &str, pdfx: bool) -> Vec<u8> {
    let mut info = Dictionary::new();
    info.set("Title", Object::string_literal(title));
    info.set("Creator", Object::string_literal("foldline"));
    info.set("Producer", Object::string_literal(PRODUCER));
    info.set("Trapped", Object::Name(b"False".to_vec()));
    if pdfx {
        pdfx::prepare(&mut doc, &mut info);
    }
    let info = doc.add_object(info);
    doc.trailer.set("Info", Object::Reference(info));
    doc.compress();

    let placeholder = [0u8; 16];
    let mut bytes = serialize(&mut doc, &placeholder, title, pdfx);
    let digest = Sha256::digest(&bytes);
    bytes = serialize(&mut doc, &digest[..16], title, pdfx);
    bytes
}

fn serialize(doc: &mut Document, id: &[u8], title: &str, pdfx: bool) -> Vec<u8> {
    let id_object = Object::String(id.to_vec(), StringFormat::Hexadecimal);
    doc.trailer
        .set("ID", Object::Array(vec![id_object.clone(), id_object]));
    if pdfx {
        let hex: String = id.iter().map(|b| format!("{b:02x}")).collect();
        pdfx::set_metadata(doc, title, &hex);
    }
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)
        .expect("writing to memory cannot fail");
    bytes
}
