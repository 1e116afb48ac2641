//! PDF/X-4 (ISO 15930-7) for print shops: PDF 1.6, a CMYK output intent
//! with an embedded ICC profile, XMP metadata naming the standard, and the
//! Info keys the standard requires (Title, dates, Trapped).

use lopdf::{Dictionary, Document, Object, Stream, StringFormat};

/// The output intent profile (FOGRA39, coated offset; see assets/icc/README.md).
use crate::colour::FOGRA39 as PROFILE;
const CONDITION: &str = "FOGRA39";
const CONDITION_TEXT: &str = "Offset printing, coated paper, ISO 12647-2:2004/Amd 1 (FOGRA39)";
pub const VERSION: &str = "PDF/X-4";

/// Dates are fixed so the same input gives the same bytes; PDF/X requires
/// them to be present, not to be the wall-clock time.
pub const DATE_PDF: &str = "D:20260101000000Z";
const DATE_XMP: &str = "2026-01-01T00:00:00Z";

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

/// Sets the XMP metadata; `id` is the document's content hash in hex.
pub fn set_metadata(doc: &mut Document, title: &str, id: &str) {
    let uuid = format!(
        "uuid:{}-{}-{}-{}-{}",
        &id[0..8],
        &id[8..12],
        &id[12..16],
        &id[16..20],
        &id[20..32]
    );
    let xml = format!(
        r#"<?xpacket begin="﻿" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <xmp:CreateDate>{DATE_XMP}</xmp:CreateDate>
   <xmp:ModifyDate>{DATE_XMP}</xmp:ModifyDate>
   <xmp:MetadataDate>{DATE_XMP}</xmp:MetadataDate>
   <xmp:CreatorTool>foldline</xmp:CreatorTool>
   <xmpMM:DocumentID>{uuid}</xmpMM:DocumentID>
   <xmpMM:InstanceID>{uuid}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdf:Producer>{producer}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <pdfxid:GTS_PDFXVersion>{VERSION}</pdfxid:GTS_PDFXVersion>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        title = escape(title),
        producer = super::finish::PRODUCER,
    );
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Metadata".to_vec()));
    dict.set("Subtype", Object::Name(b"XML".to_vec()));
    // Left uncompressed so prepress tools can read it without decoding.
    let stream = Stream::new(dict, xml.into_bytes()).with_compression(false);
    let id = doc.add_object(stream);
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Metadata", Object::Reference(id));
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
