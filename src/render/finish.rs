//! The last pass over the lopdf document printpdf builds: page boxes
//! printpdf cannot write, a clean Info dictionary, PDF/X keys and a
//! content-derived /ID.

use super::{pdfx, xmp};
use crate::display::Rect;
use flate2::{Compress, Compression, FlushCompress, Status};
use lopdf::{Dictionary, Document, Object, SaveOptions, StringFormat};
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

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
    // A text string: ASCII as it is, anything else as UTF-16BE with its
    // BOM (UTF-8 bytes would be read as PDFDocEncoding: "ExplotaciÃ³n").
    info.set("Title", lopdf::text_string(title));
    info.set("Creator", Object::string_literal("foldline"));
    info.set("Producer", Object::string_literal(PRODUCER));
    info.set("Trapped", Object::Name(b"False".to_vec()));
    if pdfx {
        pdfx::prepare(&mut doc, &mut info);
    } else {
        // PDF/UA-1 is ISO 32000-1, PDF 1.7 (PDF/X-4 keeps to 1.6).
        doc.version = "1.7".into();
    }
    let info = doc.add_object(info);
    doc.trailer.set("Info", Object::Reference(info));
    compress(&mut doc);

    let placeholder = [0u8; 16];
    let mut bytes = serialize(&mut doc, &placeholder, title, pdfx);
    let digest = Sha256::digest(&bytes);
    if pdfx {
        // The XMP metadata holds the /ID too: write the file again.
        return serialize(&mut doc, &digest[..16], title, pdfx);
    }
    // Otherwise the /ID is two hex strings of fixed length in the
    // cross-reference stream's dictionary, the last object written: put
    // the hash in place of the placeholder.
    let id: String = digest[..16].iter().map(|b| format!("{b:02X}")).collect();
    let zeros = format!("<{}>", "0".repeat(32));
    let mut at = bytes.len();
    for _ in 0..2 {
        at = bytes[..at]
            .windows(zeros.len())
            .rposition(|w| w == zeros.as_bytes())
            .expect("the placeholder /ID is in the trailer");
        bytes[at + 1..at + 33].copy_from_slice(id.as_bytes());
    }
    bytes
}

fn serialize(doc: &mut Document, id: &[u8], title: &str, pdfx: bool) -> Vec<u8> {
    let id_object = Object::String(id.to_vec(), StringFormat::Hexadecimal);
    doc.trailer
        .set("ID", Object::Array(vec![id_object.clone(), id_object]));
    // Under PDF/X the metadata holds the /ID; otherwise it is the same
    // both times this is called.
    let hex: String = id.iter().map(|b| format!("{b:02x}")).collect();
    xmp::set(doc, title, pdfx.then_some(hex.as_str()));
    // Object streams: the structure tree is hundreds of small
    // dictionaries, a third of the file written out plain.
    let options = SaveOptions {
        use_object_streams: true,
        use_xref_streams: true,
        ..SaveOptions::default()
    };
    let mut bytes = Vec::new();
    doc.save_with_options(&mut bytes, options)
        .expect("writing to memory cannot fail");
    bytes
}

/// Flate-compresses every stream at level 4 (the best level cost a
/// brochure a quarter of its time for 0.3 KB; 4 against the default 6
/// saves 1.5 % of a brochure's time for 2 % more bytes), keeping the result only if
/// it saves more than 19 bytes as lopdf's `Document::compress` does, and
/// reusing earlier results: a print run compresses the same fonts and the
/// same county-free pages again and again.
fn compress(doc: &mut Document) {
    for object in doc.objects.values_mut() {
        if let Object::Stream(stream) = object {
            if stream.allows_compression && stream.dict.get(b"Filter").is_err() {
                let compressed = deflate(&stream.content);
                if compressed.len() + 19 < stream.content.len() {
                    stream.dict.set("Filter", "FlateDecode");
                    stream.set_content(compressed.to_vec());
                }
            }
        }
    }
}

thread_local! {
    /// One compressor per thread, reset for each stream: setting one up
    /// (its window and tables) cost as much as compressing a page.
    static ZLIB: RefCell<Compress> = RefCell::new(Compress::new(Compression::new(4), true));
}

/// `plain` in the zlib format, at level 4.
fn zlib(plain: &[u8]) -> Vec<u8> {
    ZLIB.with(|z| {
        let mut z = z.borrow_mut();
        z.reset();
        let mut out = Vec::with_capacity(plain.len() / 2 + 64);
        loop {
            let read = z.total_in() as usize;
            let status = z
                .compress_vec(&plain[read..], &mut out, FlushCompress::Finish)
                .expect("compressing to memory cannot fail");
            if status == Status::StreamEnd {
                return out;
            }
            out.reserve(out.capacity().max(1024));
        }
    })
}

/// Cached results are dropped once they hold this many bytes.
const CACHE_BYTES: usize = 64 << 20;

type FlateCache = Mutex<(usize, HashMap<Vec<u8>, Arc<Vec<u8>>>)>;

fn deflate(plain: &[u8]) -> Arc<Vec<u8>> {
    static CACHE: OnceLock<FlateCache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(hit) = cache.lock().expect("cache lock").1.get(plain) {
        return Arc::clone(hit);
    }
    let compressed = Arc::new(zlib(plain));
    let mut guard = cache.lock().expect("cache lock");
    let (bytes, map) = &mut *guard;
    if *bytes > CACHE_BYTES {
        map.clear();
        *bytes = 0;
    }
    *bytes += plain.len() + compressed.len();
    map.insert(plain.to_vec(), Arc::clone(&compressed));
    compressed
}
