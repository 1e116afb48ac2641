//! PDF/X-4 (ISO 15930-7) for print shops: PDF 1.6, a CMYK output intent
//! with an embedded ICC profile, the Info keys the standard requires
//! (Title, dates, Trapped) and its part of the XMP metadata (xmp.rs).

use lopdf::{Dictionary, Document, Object, Stream, StringFormat};

/// The output intent profile (FOGRA39, coated offset; see assets/icc/README.md).
use crate::colour::FOGRA39 as PROFILE;
const CONDITION: &str = "FOGRA39";
const CONDITION_TEXT: &str = "Offset printing, coated paper, ISO 12647-2:2004/Amd 1 (FOGRA39)";
pub const VERSION: &str = "PDF/X-4";

/// Dates are fixed so the same input gives the same bytes; PDF/X requires
/// them to be present, not to be the wall-clock time.
pub const DATE_PDF: &str = "D:20260101000000Z";
pub const DATE_XMP: &str = "2026-01-01T00:00:00Z";

fn text(s: &str) -> Object {
    Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
}

/// Adds the output intent, the version and the PDF/X Info keys.
pub fn prepare(doc: &mut Document, info: &mut Dictionary) {
    doc.version = "1.6".into();
    let mut profile = Dictionary::new();
    profile.set("N", 4);
    let profile = doc.add_object(Stream::new(profile, PROFILE.to_vec()));
    let mut intent = Dictionary::new();
    intent.set("Type", Object::Name(b"OutputIntent".to_vec()));
    intent.set("S", Object::Name(b"GTS_PDFX".to_vec()));
    intent.set("OutputConditionIdentifier", text(CONDITION));
    intent.set("OutputCondition", text(CONDITION_TEXT));
    intent.set("RegistryName", text("http://www.color.org"));
    intent.set("Info", text(CONDITION_TEXT));
    intent.set("DestOutputProfile", Object::Reference(profile));
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set(
            "OutputIntents",
            Object::Array(vec![Object::Dictionary(intent)]),
        );
    }
    info.set("GTS_PDFXVersion", text(VERSION));
    info.set("CreationDate", text(DATE_PDF));
    info.set("ModDate", text(DATE_PDF));
}
