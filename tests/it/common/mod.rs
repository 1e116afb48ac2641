//! Shared test helpers: run the real binary, read what it wrote.
#![allow(dead_code)] // each test binary uses a different part

pub use foldline::inspect as pdftext;
pub mod inputs;
pub mod words;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn foldline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_foldline"))
}

/// A fresh, empty folder for one test; a new one at every call, so tests
/// that run at once in one binary never share (and remove) one.
pub fn temp_dir(name: &str) -> PathBuf {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("foldline-test-{name}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `foldline run` with `args` in `dir`.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    foldline()
        .arg("run")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// Every file under `root`, relative, '/'-separated.
pub fn files(root: &Path) -> BTreeSet<String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeSet<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap();
                let parts: Vec<_> = rel.iter().map(|s| s.to_string_lossy()).collect();
                out.insert(parts.join("/"));
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(root, root, &mut out);
    out
}

/// Runs foldline with `args` in `dir`; panics with its stderr if it fails.
pub fn run_ok(dir: &Path, args: &[&str]) -> Output {
    let out = foldline().args(args).current_dir(dir).output().unwrap();
    assert!(
        out.status.success(),
        "foldline {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs `product` on the built-in English content with every `from` replaced by
/// `to`, which must make it overflow: asserts exit 3, the overflow message
/// and that an earlier file at the output path is untouched; returns the
/// message.
pub fn overflow(name: &str, product: &str, from: &str, to: &str) -> String {
    let dir = temp_dir(name);
    let en = foldline::content::load::EMBEDDED_EN;
    assert!(en.contains(from), "{from:?} is not in the built-in content");
    std::fs::write(dir.join("long.yaml"), en.replace(from, to)).unwrap();
    std::fs::write(dir.join("out.pdf"), b"previous").unwrap();
    let out = foldline()
        .args([product, "--content", "long.yaml", "-o", "out.pdf"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let msg = stderr(&out);
    assert!(msg.contains("first words that did not fit"), "{msg}");
    assert_eq!(
        std::fs::read(dir.join("out.pdf")).unwrap(),
        b"previous",
        "the failed run changed the earlier file"
    );
    msg
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every text token of the PDF, in order. A line ending in a hyphen or slash
/// is joined to the next line, and hyphens are dropped, so "exhaus-" "tion"
/// reads as the content's "exhaustion"; compare with `normalize`d words.
pub fn pdf_tokens(pdf: &pdftext::PdfInfo) -> Vec<String> {
    let mut text = String::new();
    for page in &pdf.pages {
        for line in &page.lines {
            text.push_str(line);
            if !(line.ends_with('-') || line.ends_with('/')) {
                text.push(' ');
            }
        }
    }
    text.split_whitespace().map(normalize).collect()
}

pub fn normalize(word: &str) -> String {
    word.replace('-', "")
}

/// A stroked straight line from a page's content stream, drawn outside any
/// transformation (where printer's marks are), with its stroke colour.
#[derive(Debug, Clone, PartialEq)]
pub struct Stroke {
    pub from: (f64, f64),
    pub to: (f64, f64),
    pub cmyk: Option<[f64; 4]>,
    pub dashed: bool,
}

fn number(o: &lopdf::Object) -> f64 {
    match o {
        lopdf::Object::Integer(i) => *i as f64,
        lopdf::Object::Real(r) => *r as f64,
        other => panic!("not a number: {other:?}"),
    }
}

/// The numeric operands of an operator, in order.
fn numbers(op: &lopdf::content::Operation) -> Vec<f64> {
    op.operands
        .iter()
        .filter(|o| o.as_float().is_ok() || o.as_i64().is_ok())
        .map(number)
        .collect()
}

/// The operators of a page's content stream.
pub fn operations(page: &pdftext::PageInfo) -> Vec<lopdf::content::Operation> {
    lopdf::content::Content::decode(&page.content)
        .expect("content stream parses")
        .operations
}

/// Stroked lines drawn at graphics-state depth 0 (no `q` open).
pub fn top_level_strokes(page: &pdftext::PageInfo) -> Vec<Stroke> {
    let (mut depth, mut cmyk, mut dashed) = (0, None, false);
    let mut path: Vec<(f64, f64)> = Vec::new();
    let mut strokes = Vec::new();
    for op in operations(page) {
        let n = numbers(&op);
        match op.operator.as_str() {
            "q" => depth += 1,
            "Q" => depth -= 1,
            "K" => cmyk = Some([n[0], n[1], n[2], n[3]]),
            "d" => {
                dashed = op
                    .operands
                    .first()
                    .and_then(|a| a.as_array().ok())
                    .is_some_and(|a| !a.is_empty())
            }
            "m" => path = vec![(n[0], n[1])],
            "l" => path.push((n[0], n[1])),
            "S" if depth == 0 && path.len() == 2 => strokes.push(Stroke {
                from: path[0],
                to: path[1],
                cmyk,
                dashed,
            }),
            _ => {}
        }
    }
    strokes
}

/// A greyscale rendering of the rectangles filled in 100 % K on a page
/// (QR modules are drawn that way), white elsewhere: enough to scan a QR
/// code from the real content stream. `scale` is pixels per point.
pub fn render_black_rects(page: &pdftext::PageInfo, scale: f64) -> (usize, usize, Vec<u8>) {
    let (w, h) = (
        (page.media_box[2] * scale) as usize,
        (page.media_box[3] * scale) as usize,
    );
    let mut pixels = vec![255u8; w * h];
    let mut stack = Vec::new();
    let mut ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut black = false;
    let mut rects: Vec<[f64; 4]> = Vec::new();
    for op in operations(page) {
        let n = numbers(&op);
        match op.operator.as_str() {
            "q" => stack.push(ctm),
            "Q" => ctm = stack.pop().expect("balanced q/Q"),
            "cm" => {
                let m = ctm;
                ctm = [
                    n[0] * m[0] + n[1] * m[2],
                    n[0] * m[1] + n[1] * m[3],
                    n[2] * m[0] + n[3] * m[2],
                    n[2] * m[1] + n[3] * m[3],
                    n[4] * m[0] + n[5] * m[2] + m[4],
                    n[4] * m[1] + n[5] * m[3] + m[5],
                ];
            }
            "k" => black = n == [0.0, 0.0, 0.0, 1.0],
            "re" => {
                let p = |x: f64, y: f64| {
                    (
                        ctm[0] * x + ctm[2] * y + ctm[4],
                        ctm[1] * x + ctm[3] * y + ctm[5],
                    )
                };
                let (a, b) = (p(n[0], n[1]), p(n[0] + n[2], n[1] + n[3]));
                rects.push([a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1)]);
            }
            "f" | "f*" | "B" | "B*" => {
                for r in rects.drain(..) {
                    let value = if black { 0 } else { 255 };
                    let (x0, x1) = (
                        (r[0] * scale).round() as usize,
                        ((r[2] * scale).round() as usize).min(w),
                    );
                    let (y0, y1) = (
                        (r[1] * scale).round() as usize,
                        ((r[3] * scale).round() as usize).min(h),
                    );
                    for y in y0..y1 {
                        // Image rows run top-down, PDF y runs up.
                        let row = h - 1 - y;
                        pixels[row * w + x0..row * w + x1].fill(value);
                    }
                }
            }
            "n" | "W" | "S" => rects.clear(),
            _ => {}
        }
    }
    (w, h, pixels)
}

/// Every QR code readable in the rendering of `page`, decoded.
pub fn decode_qr_codes(page: &pdftext::PageInfo) -> Vec<String> {
    let (w, h, pixels) = render_black_rects(page, 4.0);
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[y * w + x]);
    img.detect_grids()
        .iter()
        .filter_map(|g| g.decode().ok().map(|(_, text)| text))
        .collect()
}

/// Whether `w` lies inside the rectangle [x0, y0, x1, y1] (points, trim
/// origin), allowing 0.01 pt for rounding in the PDF's numbers.
pub fn within(w: &pdftext::Word, [x0, y0, x1, y1]: [f64; 4]) -> bool {
    w.x0 >= x0 - 0.01 && w.x1 <= x1 + 0.01 && w.y0 >= y0 - 0.01 && w.y1 <= y1 + 0.01
}

/// Moves every page's words so the TrimBox's lower-left corner is the
/// origin, as in the display list (a print-shop file has the trim inset by
/// the bleed and marks).
pub fn words_from_trim(pdf: &mut pdftext::PdfInfo) {
    for page in &mut pdf.pages {
        let t = page.trim_box.expect("every page has a TrimBox");
        for w in &mut page.words {
            (w.x0, w.x1, w.y0, w.y1) = (w.x0 - t[0], w.x1 - t[0], w.y0 - t[1], w.y1 - t[1]);
        }
    }
}

/// The size of a page's TrimBox, and whether the MediaBox holds it whole.
pub fn trim_size(page: &pdftext::PageInfo) -> (f64, f64) {
    let t = page.trim_box.expect("every page has a TrimBox");
    let m = page.media_box;
    assert!(
        m[0] <= t[0] && m[1] <= t[1] && m[2] >= t[2] && m[3] >= t[3],
        "MediaBox {m:?} cuts into TrimBox {t:?}"
    );
    (t[2] - t[0], t[3] - t[1])
}

/// The lines of a `foldline preflight` report that are errors or warnings.
pub fn preflight_problems(report: &str) -> Vec<&str> {
    report
        .lines()
        .filter(|l| l.contains("ERROR") || l.contains("warning"))
        .collect()
}

/// Points per inch.
const PT: f64 = 72.0;

/// Where text may be on page `index` of `product` (a file stem: brochure,
/// poster-letter ... poster-24x36, card, card-sheet), by the print rules
/// (PRINT-NOTES), in trim coordinates (see `words_from_trim`): 0.25 in
/// inside the trim and every fold of the brochure's panels (3.625 and
/// 3.6875 in), 0.25 in on a Letter poster and proportionally more on
/// larger sheets, 0.125 in inside each wallet card (10 to a sheet, Avery
/// 5371: 0.75 in from the left, 0.5 in from the top of Letter).
pub fn safe_areas(product: &str, page: &pdftext::PageInfo, index: usize) -> Vec<[f64; 4]> {
    let (w, h) = trim_size(page);
    let inset = |x0: f64, y0: f64, x1: f64, y1: f64, d: f64| [x0 + d, y0 + d, x1 - d, y1 - d];
    match product {
        "brochure" => {
            let widths = match index {
                0 => [3.625, 3.6875, 3.6875],
                _ => [3.6875, 3.6875, 3.625],
            };
            let mut x = 0.0;
            widths
                .iter()
                .map(|pw| {
                    let r = inset(x * PT, 0.0, (x + pw) * PT, h, 0.25 * PT);
                    x += pw;
                    r
                })
                .collect()
        }
        "card" => vec![inset(0.0, 0.0, w, h, 0.125 * PT)],
        "card-sheet" => (0..5)
            .flat_map(|row| (0..2).map(move |col| (row, col)))
            .map(|(row, col)| {
                let x = 0.75 * PT + f64::from(col) * 3.5 * PT;
                let y = h - 0.5 * PT - f64::from(row + 1) * 2.0 * PT;
                inset(x, y, x + 3.5 * PT, y + 2.0 * PT, 0.125 * PT)
            })
            .collect(),
        p if p.starts_with("poster") => vec![inset(0.0, 0.0, w, h, 0.25 * PT * w / (8.5 * PT))],
        other => panic!("no safe areas for product {other}"),
    }
}

/// Every glyph code the page's text operators show, as 2-byte CIDs
/// (foldline writes Identity-H fonts, so a code is the glyph's id: 0 is
/// .notdef, the empty box a font draws for a character it lacks).
pub fn glyph_codes(page: &pdftext::PageInfo) -> Vec<u16> {
    let mut codes = Vec::new();
    for op in operations(page) {
        let strings: Vec<&lopdf::Object> = match op.operator.as_str() {
            "Tj" => op.operands.iter().collect(),
            "TJ" => op
                .operands
                .iter()
                .flat_map(|o| o.as_array().ok())
                .flatten()
                .collect(),
            _ => continue,
        };
        for s in strings {
            if let lopdf::Object::String(bytes, _) = s {
                codes.extend(
                    bytes
                        .chunks(2)
                        .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])),
                );
            }
        }
    }
    codes
}

/// A PDF of `objects`, numbered from 1 (object 1 the catalog), with its xref.
pub fn pdf(objects: &[&str]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

/// The rows of a CSV file (RFC 4180: quoted fields, doubled quotes), the
/// header first.
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            _ => field.push(c),
        }
    }
    rows
}

/// The built-in English content with the phone icon as the image block it
/// used to be (assets/phone.png), for tests of image files and figures.
pub fn en_with_phone_image() -> String {
    let icon = "      - icon:\n          name: phone\n          width: 0.5\n          # No alt: the number below says what the icon means, so screen\n          # readers skip it.\n";
    let image = "      - image:\n          file: assets/phone.png\n          width: 0.5\n          # The number below says what the icon does: screen readers skip it.\n          decorative: true\n";
    let en = foldline::content::load::EMBEDDED_EN;
    assert!(en.contains(icon), "the built-in content has no phone icon");
    en.replacen(icon, image, 1)
}

/// The built-in content in `lang`, filled in for `audience`.
pub fn filled(
    lang: &str,
    audience: &foldline::content::Audience,
) -> foldline::content::model::Content {
    use foldline::content;
    let source = content::read(None, Some(lang)).unwrap();
    let choice = content::choose(&source, audience).unwrap();
    content::fill(&source, &choice).unwrap()
}
