//! The XMP metadata every PDF carries: the title (dc:title, which
//! PDF/UA-1 requires beside Info /Title) and the PDF/UA-1 identification;
//! under PDF/X-4 also the dates, document ids and version that standard
//! requires, in the same packet.

use super::finish::PRODUCER;
use super::pdfx;
use lopdf::{Dictionary, Document, Object, Stream};

/// Sets the catalog's /Metadata. `pdfx_id` is the document's content hash
/// in hex for a PDF/X-4 file, None otherwise.
pub fn set(doc: &mut Document, title: &str, pdfx_id: Option<&str>) {
    let pdfx_part = pdfx_id.map_or_else(String::new, |id| {
        let uuid = format!(
            "uuid:{}-{}-{}-{}-{}",
            &id[0..8],
            &id[8..12],
            &id[12..16],
            &id[16..20],
            &id[20..32]
        );
        let date = pdfx::DATE_XMP;
        format!(
            r#"
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmpMM:DocumentID>{uuid}</xmpMM:DocumentID>
   <xmpMM:InstanceID>{uuid}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdf:Trapped>False</pdf:Trapped>
   <pdfxid:GTS_PDFXVersion>{version}</pdfxid:GTS_PDFXVersion>"#,
            version = pdfx::VERSION
        )
    });
    let xml = format!(
        r#"<?xpacket begin="﻿" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <xmp:CreatorTool>foldline</xmp:CreatorTool>
   <pdf:Producer>{PRODUCER}</pdf:Producer>
   <pdfuaid:part>1</pdfuaid:part>{pdfx_part}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        title = escape(title),
    );
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Metadata".to_vec()));
    dict.set("Subtype", Object::Name(b"XML".to_vec()));
    // Left uncompressed so prepress tools and checkers read it without decoding.
    let stream = Stream::new(dict, xml.into_bytes()).with_compression(false);
    // Written again with the /ID under PDF/X: in place of the first.
    let earlier = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Metadata").ok()?.as_reference().ok());
    let id = earlier.unwrap_or_else(|| doc.new_object_id());
    doc.objects.insert(id, Object::Stream(stream));
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Metadata", Object::Reference(id));
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
