//! Inspecting a PDF with nothing but lopdf — page boxes, font facts and
//! positioned words — for `foldline preflight` and for the tests, which need no
//! external programs.
//!
//! Coordinates are PDF user space in points, y up, with the full CTM applied. Besides
//! text: filled rectangles and fill colours (DeviceCMYK, DeviceGray) for the contrast
//! check, and marked content (MCIDs, Artifacts) for the structure tree
//! (`structure`). Text extraction covers what writers of embedded TrueType fonts emit (Type0, Identity-H,
//! /W, /DW, ToUnicode) plus simple fonts with /Widths. Not handled: text in Form
//! XObjects, vertical writing, text rise (Ts), Type3 /FontMatrix, CMap encodings other
//! than Identity (Type0 codes are always read as 2 bytes).

mod lexer;
pub mod structure;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, Stream};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    /// The smallest type size of its glyphs, in points on the page.
    pub size: f64,
    /// Unit vector along its baseline: (1, 0) for upright text, (0, 1) reading upwards.
    pub dir: (f64, f64),
    /// Fill colour of its first glyph as CMYK fractions; None in a colour
    /// space other than DeviceCMYK or DeviceGray.
    pub color: Option<[f64; 4]>,
    /// Set in a bold font (its BaseFont names Bold).
    pub bold: bool,
    /// Where its first glyph comes in the page's painting, against `Fill::order`.
    pub order: usize,
}

/// A filled rectangle (`re` then `f`), in painting order.
#[derive(Debug, Clone, PartialEq)]
pub struct Fill {
    /// [x0 y0 x1 y1] on the page.
    pub rect: [f64; 4],
    pub color: Option<[f64; 4]>,
    pub order: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FontInfo {
    pub base_font: String,
    pub subtype: String,
    pub embedded: bool,
    /// BaseFont starts with a six-uppercase-letter subset tag (`ABCDEF+`).
    pub subset: bool,
    pub has_to_unicode: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PageInfo {
    pub media_box: [f64; 4],
    pub trim_box: Option<[f64; 4]>,
    pub bleed_box: Option<[f64; 4]>,
    pub words: Vec<Word>,
    /// Text of each baseline: its words joined by single spaces, in content order.
    pub lines: Vec<String>,
    /// The page's content stream(s), decoded and concatenated.
    pub content: Vec<u8>,
    pub fills: Vec<Fill>,
    /// Text of each marked-content sequence with an MCID (tagged PDF), its
    /// lines joined by spaces.
    pub marked: BTreeMap<i64, String>,
    /// Words neither in marked content with an MCID nor in an Artifact.
    pub unmarked: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PdfInfo {
    pub pages: Vec<PageInfo>,
    /// Every distinct font dictionary in the pages' resources, in page order.
    pub fonts: Vec<FontInfo>,
}

/// Parses `bytes`; panics with a message naming the problem if the PDF is malformed.
pub fn inspect(bytes: &[u8]) -> PdfInfo {
    let doc = Document::load_mem(bytes).unwrap_or_else(|e| panic!("pdftext: cannot load PDF: {e}"));
    let (mut pages, mut fonts, mut seen) = (Vec::new(), Vec::new(), Vec::new());
    for id in doc.page_iter() {
        let page = doc.get_dictionary(id).expect("pdftext: page");
        let mut page_fonts = HashMap::new();
        let resources = lookup(&doc, page, b"Resources").and_then(|o| o.as_dict().ok());
        let font_dict = resources.and_then(|r| get(&doc, r, b"Font")?.as_dict().ok());
        for (name, dict) in font_dict.into_iter().flatten() {
            let dict = resolve(&doc, dict).as_dict().expect("pdftext: bad font");
            let font = Font::load(&doc, dict);
            // Dictionaries live once in the document, so their address identifies them.
            if !seen.contains(&std::ptr::from_ref(dict)) {
                seen.push(dict);
                fonts.push(font.info.clone());
            }
            page_fonts.insert(name.clone(), font);
        }
        let mut content = Vec::new();
        for stream_id in doc.get_page_contents(id) {
            let stream = doc.get_object(stream_id).and_then(Object::as_stream);
            let data = stream.and_then(Stream::get_plain_content);
            content.extend(data.expect("pdftext: content stream"));
            content.push(b'\n'); // streams may only split between tokens
        }
        let properties = resources.and_then(|r| get(&doc, r, b"Properties")?.as_dict().ok());
        let (glyphs, fills) = interpret(&doc, &content, &page_fonts, properties);
        let (words, lines) = group(&glyphs);
        let mut marked: BTreeMap<i64, Vec<&Glyph>> = BTreeMap::new();
        for g in &glyphs {
            if let Some(id) = g.mcid {
                marked.entry(id).or_default().push(g);
            }
        }
        let marked = marked
            .into_iter()
            .map(|(id, glyphs)| (id, group(glyphs).1.join(" ")))
            .collect();
        let loose = glyphs.iter().filter(|g| g.mcid.is_none() && !g.artifact);
        let unmarked = group(loose).0.into_iter().map(|w| w.text).collect();
        // Of the three boxes only MediaBox is inheritable.
        let media_box = page_box(&doc, lookup(&doc, page, b"MediaBox"));
        pages.push(PageInfo {
            media_box: media_box.expect("pdftext: no MediaBox"),
            trim_box: page_box(&doc, get(&doc, page, b"TrimBox")),
            bleed_box: page_box(&doc, get(&doc, page, b"BleedBox")),
            words,
            lines,
            content,
            fills,
            marked,
            unmarked,
        });
    }
    PdfInfo { pages, fonts }
}

fn resolve<'a>(doc: &'a Document, obj: &'a Object) -> &'a Object {
    doc.dereference(obj).expect("pdftext: broken reference").1
}

fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key).ok().map(|o| resolve(doc, o))
}

fn get_num(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<f64> {
    get(doc, dict, key).map(|o| num(doc, o))
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn get_array<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> &'a [Object] {
    get(doc, dict, key).map_or(&[], |o| o.as_array().expect("pdftext: expected an array"))
}

fn num(doc: &Document, obj: &Object) -> f64 {
    match resolve(doc, obj) {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => shortest(*r),
        other => panic!("pdftext: expected a number, got {other:?}"),
    }
}

/// The shortest decimal that reads back as `r`, as f64: a written 595.2756
/// reads as 595.2756, not 595.27563476 (as `r.to_string()` would give it,
/// without formatting: thousands of numbers are read per page).
fn shortest(r: f32) -> f64 {
    let f = f64::from(r);
    if f == 0.0 || !f.is_finite() {
        return f;
    }
    let magnitude = f.abs().log10().floor() as i32;
    for digits in 1..=9 {
        let scale = digits - 1 - magnitude;
        if !(-22..=22).contains(&scale) {
            break;
        }
        // Exact powers of ten and integers below 2^53, so the result is
        // the double nearest the decimal.
        let p = 10f64.powi(scale.abs());
        let d = match scale {
            0.. => (f * p).round() / p,
            _ => (f / p).round() * p,
        };
        if d as f32 == r {
            return d;
        }
    }
    r.to_string().parse().expect("finite f32")
}

/// An inheritable page attribute: the page's `key`, or its nearest Pages-tree ancestor's.
fn lookup<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    while !node.has(key) {
        node = get(doc, node, b"Parent")?.as_dict().ok()?;
    }
    get(doc, node, key)
}

/// A page box, normalised.
fn page_box(doc: &Document, found: Option<&Object>) -> Option<[f64; 4]> {
    let list = found?.as_array().expect("pdftext: bad page box");
    let v: Vec<f64> = list.iter().map(|o| num(doc, o)).collect();
    let [x0, y0, x1, y1] = v[..].try_into().expect("pdftext: bad page box");
    Some([x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)])
}

/// What text extraction needs from a font dictionary, and its reported facts.
struct Font {
    info: FontInfo,
    two_byte: bool,
    /// Glyph widths in 1/1000 em, by character code.
    widths: HashMap<u32, f64>,
    default_width: f64,
    /// Text by code: ToUnicode, completed for simple fonts from their /Encoding.
    to_unicode: HashMap<u32, String>,
    /// Ascent and descent in em.
    ascent: f64,
    descent: f64,
}

impl Font {
    fn load(doc: &Document, dict: &Dictionary) -> Font {
        let name = |key| {
            get(doc, dict, key)
                .and_then(|o| o.as_name().ok())
                .unwrap_or_default()
        };
        let (subtype, base_font) = (lossy(name(b"Subtype")), lossy(name(b"BaseFont")));
        let two_byte = subtype == "Type0";
        // Type0 fonts keep their widths and descriptor on the (single) descendant CIDFont.
        let descendant = get_array(doc, dict, b"DescendantFonts").first();
        let metrics = descendant.map_or(dict, |d| {
            resolve(doc, d).as_dict().expect("pdftext: bad CIDFont")
        });
        let descriptor = get(doc, metrics, b"FontDescriptor").and_then(|o| o.as_dict().ok());
        let files: [&[u8]; 3] = [b"FontFile", b"FontFile2", b"FontFile3"];
        let tag = base_font.as_bytes();
        let info = FontInfo {
            // Type3 glyphs are content streams inside the PDF, so always "embedded".
            embedded: subtype == "Type3"
                || descriptor.is_some_and(|d| files.iter().any(|k| d.has(k))),
            subset: tag.len() > 7 && tag[..6].iter().all(u8::is_ascii_uppercase) && tag[6] == b'+',
            has_to_unicode: dict.has(b"ToUnicode"),
            base_font,
            subtype,
        };
        let from_descriptor = |key: &[u8]| descriptor.and_then(|d| get_num(doc, d, key));
        let to_unicode = get(doc, dict, b"ToUnicode").map(|o| {
            let data = o.as_stream().and_then(Stream::get_plain_content);
            parse_cmap(&data.expect("pdftext: ToUnicode stream"))
        });
        let mut to_unicode = to_unicode.unwrap_or_default();
        let mut widths = HashMap::new();
        let default_width = if two_byte {
            // /W mixes `c [w1 w2 ...]` and `cfirst clast w` entries.
            let list = get_array(doc, metrics, b"W");
            let mut w = list.iter().map(|o| resolve(doc, o));
            while let Some(first) = w.next() {
                let first = num(doc, first) as u32;
                match w.next().expect("pdftext: truncated /W") {
                    Object::Array(list) => {
                        widths.extend((first..).zip(list.iter().map(|o| num(doc, o))));
                    }
                    last => {
                        let width = num(doc, w.next().expect("pdftext: truncated /W"));
                        widths.extend((first..=num(doc, last) as u32).map(|c| (c, width)));
                    }
                }
            }
            get_num(doc, metrics, b"DW").unwrap_or(1000.0)
        } else {
            let first = get_num(doc, dict, b"FirstChar").unwrap_or(0.0) as u32;
            let list = get_array(doc, dict, b"Widths");
            widths.extend((first..).zip(list.iter().map(|o| num(doc, o))));
            // Standard-14 fonts may omit /Widths; half an em keeps their boxes usable.
            let missing = if list.is_empty() { 500.0 } else { 0.0 };
            // Codes ToUnicode lacks: the declared /Encoding (WinAnsi, MacRoman, Differences),
            // else Latin-1.
            let declared = dict.has(b"Encoding");
            let encoding = declared.then(|| dict.get_font_encoding(doc).ok()).flatten();
            let byte_text = |c: u8| {
                let named = encoding.as_ref().and_then(|e| e.bytes_to_string(&[c]).ok());
                let named = named.filter(|t| !t.is_empty());
                named.unwrap_or_else(|| char::from(c).to_string())
            };
            for c in 0..=255 {
                to_unicode.entry(c.into()).or_insert_with(|| byte_text(c));
            }
            from_descriptor(b"MissingWidth").unwrap_or(missing)
        };
        Font {
            info,
            two_byte,
            widths,
            default_width,
            to_unicode,
            ascent: from_descriptor(b"Ascent").map_or(0.8, |v| v / 1000.0),
            descent: from_descriptor(b"Descent").map_or(-0.2, |v| v / 1000.0),
        }
    }
}

/// Reads the bfchar/bfrange mappings of a ToUnicode CMap. Its PostScript syntax
/// tokenizes like a content stream: `endbfchar` / `endbfrange` carry the entries.
fn parse_cmap(data: &[u8]) -> HashMap<u32, String> {
    let cmap = decode(data, "ToUnicode CMap");
    let bytes = |o: &Object| o.as_str().expect("pdftext: CMap string").to_vec();
    let code = |o: &Object| be(&bytes(o));
    let utf16 = |o: &Object| -> Vec<u16> { bytes(o).chunks(2).map(|c| be(c) as u16).collect() };
    let mut map = HashMap::new();
    for op in &cmap.operations {
        let args = &op.operands;
        match op.operator.as_str() {
            "endbfchar" => {
                for pair in args.chunks_exact(2) {
                    map.insert(code(&pair[0]), String::from_utf16_lossy(&utf16(&pair[1])));
                }
            }
            "endbfrange" => {
                for entry in args.chunks_exact(3) {
                    for (i, c) in (code(&entry[0])..=code(&entry[1])).enumerate() {
                        let units = match &entry[2] {
                            Object::Array(list) => list.get(i).map(utf16).unwrap_or_default(),
                            // A string destination counts up in its last UTF-16 unit.
                            dst => {
                                let mut units = utf16(dst);
                                *units.last_mut().expect("pdftext: empty bfrange") += i as u16;
                                units
                            }
                        };
                        map.insert(c, String::from_utf16_lossy(&units));
                    }
                }
            }
            _ => {}
        }
    }
    map
}

/// Parses content-stream syntax: with `lexer` (fast), else with lopdf.
/// lopdf rejects a comment followed by a blank line, so on failure try
/// again without comment lines.
fn decode(data: &[u8], what: &str) -> Content {
    if let Some(operations) = lexer::operations(data) {
        return Content { operations };
    }
    let lines = data.split(|b| *b == b'\n' || *b == b'\r');
    let lines = lines.filter(|l| l.trim_ascii_start().first() != Some(&b'%'));
    let uncommented: Vec<u8> = lines.flat_map(|l| l.iter().chain(b"\n")).copied().collect();
    let content = Content::decode_strict(data).or_else(|_| Content::decode_strict(&uncommented));
    content.unwrap_or_else(|e| panic!("pdftext: unparsable {what}: {e}"))
}

/// A big-endian number: a character code or a UTF-16 unit.
fn be(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0, |acc, b| acc << 8 | u32::from(*b))
}

type Matrix = [f64; 6];
type Point = (f64, f64);
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a` applied first, then `b` (PDF's row-vector convention).
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    let [p, q, r] = [0, 2, 4].map(|i| apply(b, (a[i], a[i + 1])));
    // The first two rows are directions: take back the translation `apply` added.
    [p.0 - b[4], p.1 - b[5], q.0 - b[4], q.1 - b[5], r.0, r.1]
}

fn apply(m: &Matrix, (x, y): Point) -> Point {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

/// Moves the text matrix `m` by (x, y) in text space.
fn shift(m: &Matrix, x: f64, y: f64) -> Matrix {
    mul(&[1.0, 0.0, 0.0, 1.0, x, y], m)
}

/// Text state parameters: saved and restored by q/Q along with the CTM.
#[derive(Clone, Copy, Default)]
struct TextState<'a> {
    font: Option<&'a Font>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    h_scale: f64,
    leading: f64,
}

/// One shown glyph, in user space.
struct Glyph {
    text: String,
    bbox: [f64; 4],
    /// Pen position before and after the glyph (after includes Tc/Tw).
    origin: Point,
    end: Point,
    /// Unit vector along the baseline.
    dir: Point,
    size: f64,
    color: Option<[f64; 4]>,
    bold: bool,
    order: usize,
    /// The innermost marked-content sequence with an MCID around it.
    mcid: Option<i64>,
    /// Inside an /Artifact sequence.
    artifact: bool,
}

/// The fill colour space and colour (q/Q save and restore them).
#[derive(Clone, Copy)]
struct Paint {
    cmyk_space: bool,
    gray_space: bool,
    color: Option<[f64; 4]>,
}

/// A marked-content sequence: its MCID, and whether it is an Artifact.
struct Mark {
    mcid: Option<i64>,
    artifact: bool,
}

/// Runs the text, colour, rectangle and marked-content operators of a
/// content stream; returns the glyphs it shows and the rectangles it fills.
fn interpret(
    doc: &Document,
    content: &[u8],
    fonts: &HashMap<Vec<u8>, Font>,
    properties: Option<&Dictionary>,
) -> (Vec<Glyph>, Vec<Fill>) {
    let ops = decode(content, "content stream");
    let mut ts = TextState {
        h_scale: 1.0,
        ..Default::default()
    };
    let (mut ctm, mut tm, mut tlm) = (IDENTITY, IDENTITY, IDENTITY);
    let (mut stack, mut glyphs) = (Vec::new(), Vec::new());
    // Black in DeviceGray is the initial fill.
    let mut paint = Paint {
        cmyk_space: false,
        gray_space: true,
        color: Some([0.0, 0.0, 0.0, 1.0]),
    };
    let (mut path, mut fills, mut marks, mut order) =
        (Vec::new(), Vec::new(), Vec::<Mark>::new(), 0);
    for op in &ops.operations {
        let (name, args) = (op.operator.as_str(), &op.operands);
        let n = |i: usize| num(doc, args.get(i).expect("pdftext: missing operand"));
        let matrix = || -> Matrix { [n(0), n(1), n(2), n(3), n(4), n(5)] };
        let mut shown: Vec<&Object> = Vec::new();
        let cmyk = || [n(0), n(1), n(2), n(3)];
        let gray = |g: f64| [0.0, 0.0, 0.0, 1.0 - g];
        match name {
            "q" => stack.push((ctm, ts, paint)),
            "Q" => (ctm, ts, paint) = stack.pop().unwrap_or((ctm, ts, paint)),
            "k" => {
                paint = Paint {
                    cmyk_space: true,
                    gray_space: false,
                    color: Some(cmyk()),
                }
            }
            "g" => {
                paint = Paint {
                    cmyk_space: false,
                    gray_space: true,
                    color: Some(gray(n(0))),
                }
            }
            "rg" => {
                paint = Paint {
                    cmyk_space: false,
                    gray_space: false,
                    color: None,
                }
            }
            "cs" => {
                let space = args
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .unwrap_or_default();
                paint.cmyk_space = space == b"DeviceCMYK";
                paint.gray_space = space == b"DeviceGray";
                paint.color = match (paint.cmyk_space, paint.gray_space) {
                    (true, _) => Some([0.0, 0.0, 0.0, 1.0]),
                    (_, true) => Some(gray(0.0)),
                    _ => None,
                };
            }
            "sc" | "scn" => {
                paint.color = match args.len() {
                    4 if paint.cmyk_space => Some(cmyk()),
                    1 if paint.gray_space => Some(gray(n(0))),
                    _ => None,
                };
            }
            "re" => {
                let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                let corners =
                    [(x, y), (x + w, y), (x, y + h), (x + w, y + h)].map(|p| apply(&ctm, p));
                let (xs, ys) = (corners.map(|p| p.0), corners.map(|p| p.1));
                let min = |v: [f64; 4]| v.into_iter().fold(f64::MAX, f64::min);
                let max = |v: [f64; 4]| v.into_iter().fold(f64::MIN, f64::max);
                path.push([min(xs), min(ys), max(xs), max(ys)]);
            }
            "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                for rect in path.drain(..) {
                    fills.push(Fill {
                        rect,
                        color: paint.color,
                        order,
                    });
                    order += 1;
                }
            }
            "n" | "S" | "s" => path.clear(),
            "BMC" | "BDC" => {
                let tag = args
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .unwrap_or_default();
                let props = match args.get(1) {
                    Some(Object::Name(key)) => properties.and_then(|p| get(doc, p, key)),
                    other => other.map(|o| resolve(doc, o)),
                };
                let mcid = props
                    .and_then(|p| p.as_dict().ok())
                    .and_then(|d| get(doc, d, b"MCID"))
                    .and_then(|o| o.as_i64().ok());
                marks.push(Mark {
                    mcid,
                    artifact: tag == b"Artifact",
                });
            }
            "EMC" => {
                marks.pop();
            }
            "cm" => ctm = mul(&matrix(), &ctm),
            "BT" => (tm, tlm) = (IDENTITY, IDENTITY),
            "Tf" => {
                let font = args.first().and_then(|o| fonts.get(o.as_name().ok()?));
                ts.font = Some(font.expect("pdftext: Tf names no font of the page"));
                ts.size = n(1);
            }
            "Tm" => (tm, tlm) = (matrix(), matrix()),
            "Td" | "TD" | "T*" | "'" | "\"" => {
                let td = matches!(name, "Td" | "TD");
                let (tx, ty) = if td { (n(0), n(1)) } else { (0.0, -ts.leading) };
                if name == "TD" {
                    ts.leading = -ty;
                } else if name == "\"" {
                    (ts.word_spacing, ts.char_spacing) = (n(0), n(1));
                }
                tlm = shift(&tlm, tx, ty);
                tm = tlm;
                shown.extend(args.last().filter(|_| matches!(name, "'" | "\"")));
            }
            "TL" => ts.leading = n(0),
            "Tc" => ts.char_spacing = n(0),
            "Tw" => ts.word_spacing = n(0),
            "Tz" => ts.h_scale = n(0) / 100.0,
            "Tj" => shown.extend(args.first()),
            "TJ" => shown.extend(args.iter().flat_map(|o| o.as_array().ok()).flatten()),
            _ => {}
        }
        for item in shown {
            let font = ts.font.expect("pdftext: text shown before Tf");
            let Object::String(bytes, _) = item else {
                // A TJ number moves the pen back by n/1000 em.
                tm = shift(&tm, -num(doc, item) / 1000.0 * ts.size * ts.h_scale, 0.0);
                continue;
            };
            for code in bytes.chunks(if font.two_byte { 2 } else { 1 }).map(be) {
                // Tw applies to the single-byte code 32 only.
                let is_space = !font.two_byte && code == 32;
                let tw = if is_space { ts.word_spacing } else { 0.0 };
                let width = *font.widths.get(&code).unwrap_or(&font.default_width);
                let ink = width / 1000.0 * ts.size * ts.h_scale;
                let advance = ink + (ts.char_spacing + tw) * ts.h_scale;
                let trm = mul(&tm, &ctm);
                let (lo, hi) = (font.descent * ts.size, font.ascent * ts.size);
                // Like pdftotext, the box leaves out Tc/Tw: it ends at the glyph's width.
                let corners = [(0.0, lo), (ink, lo), (0.0, hi), (ink, hi)].map(|p| apply(&trm, p));
                let (xs, ys) = (corners.map(|p| p.0), corners.map(|p| p.1));
                let min = |v: [f64; 4]| v.into_iter().fold(f64::MAX, f64::min);
                let max = |v: [f64; 4]| v.into_iter().fold(f64::MIN, f64::max);
                let scale = trm[0].hypot(trm[1]).max(f64::MIN_POSITIVE);
                // U+FFFD makes a missing mapping visible in test output.
                let text = font.to_unicode.get(&code).map_or("\u{FFFD}", |t| t);
                glyphs.push(Glyph {
                    text: text.to_string(),
                    bbox: [min(xs), min(ys), max(xs), max(ys)],
                    origin: apply(&trm, (0.0, 0.0)),
                    end: apply(&trm, (advance, 0.0)),
                    dir: (trm[0] / scale, trm[1] / scale),
                    size: ts.size.abs() * trm[2].hypot(trm[3]),
                    color: paint.color,
                    bold: font.info.base_font.contains("Bold"),
                    order,
                    mcid: marks.iter().rev().find_map(|m| m.mcid),
                    artifact: marks.iter().any(|m| m.artifact),
                });
                order += 1;
                tm = shift(&tm, advance, 0.0);
            }
        }
    }
    (glyphs, fills)
}

/// Signed distances of `p` from `from` along and across the unit vector `dir`.
fn offsets(from: Point, p: Point, dir: Point) -> Point {
    let (dx, dy) = (p.0 - from.0, p.1 - from.1);
    (dx * dir.0 + dy * dir.1, dy * dir.0 - dx * dir.1)
}

/// A word before its first glyph: its inverted box gives way to any union.
const EMPTY: Word = Word {
    text: String::new(),
    x0: f64::MAX,
    y0: f64::MAX,
    x1: f64::MIN,
    y1: f64::MIN,
    size: f64::MAX,
    dir: (0.0, 0.0),
    color: None,
    bold: false,
    order: 0,
};

/// Joins glyphs into words (breaking at whitespace, gaps and baseline changes), then
/// words into lines (same baseline within 0.5 pt, consecutive in content order).
fn group<'a>(glyphs: impl IntoIterator<Item = &'a Glyph>) -> (Vec<Word>, Vec<String>) {
    let mut words: Vec<(Word, &Glyph)> = Vec::new();
    let mut last: Option<&Glyph> = None; // the open word's last glyph
    for g in glyphs {
        for (i, part) in g.text.split(char::is_whitespace).enumerate() {
            if i > 0 {
                last = None;
            }
            if part.is_empty() {
                continue;
            }
            let joins = last.is_some_and(|p| {
                let (along, across) = offsets(p.origin, g.origin, p.dir);
                let gap = along - offsets(p.origin, p.end, p.dir).0;
                // Kerning may pull a glyph back (e.g. onto a mark), but not past p's start.
                let forward = gap <= 0.15 * p.size && along >= -0.15 * p.size;
                // Right-to-left text is written in reading order: each glyph
                // ends where the one before it starts.
                let back = offsets(p.origin, g.end, p.dir).0.abs() <= 0.15 * p.size;
                across.abs() <= 0.5 && (forward || back)
            });
            if !joins {
                words.push((EMPTY, g));
            }
            let w = &mut words.last_mut().expect("a word is open").0;
            if w.text.is_empty() {
                (w.dir, w.color, w.bold, w.order) = (g.dir, g.color, g.bold, g.order);
            }
            w.size = w.size.min(g.size);
            w.text.push_str(part);
            (w.x0, w.y0) = (w.x0.min(g.bbox[0]), w.y0.min(g.bbox[1]));
            (w.x1, w.y1) = (w.x1.max(g.bbox[2]), w.y1.max(g.bbox[3]));
            last = Some(g);
        }
    }
    let mut lines: Vec<String> = Vec::new();
    let mut prev: Option<&Glyph> = None; // first glyph of the previous word
    for (word, first) in &words {
        let across = prev.map(|p| offsets(p.origin, first.origin, p.dir).1);
        match lines.last_mut() {
            Some(line) if across.is_some_and(|d| d.abs() <= 0.5) => {
                *line = format!("{line} {}", word.text);
            }
            _ => lines.push(word.text.clone()),
        }
        prev = Some(first);
    }
    (words.into_iter().map(|(w, _)| w).collect(), lines)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_real_reads_as_its_shortest_decimal() {
        let mut n = 0u32;
        // Numbers as content streams write them, and awkward ones.
        let cases = (0..200_000).map(|i| i as f32 * 0.0137 - 900.0).chain([
            595.2756,
            0.1,
            1e-7,
            3.0e9,
            1.0e-30,
            -0.0,
            16_777_217.0,
            0.001,
        ]);
        for r in cases {
            let slow: f64 = r.to_string().parse().unwrap();
            assert_eq!(super::shortest(r), slow, "{r}");
            n += 1;
        }
        assert!(n > 200_000);
    }
}
