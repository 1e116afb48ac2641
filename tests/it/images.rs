//! Images placed through the YAML: resolution checked, JPEG passed through,
//! bad files refused with a clear message; and `foldline preflight`.

use crate::common;

/// The built-in content with its phone icon as an image block of the PNG
/// foldline ships, for the tests of images and of figures.
static EMBEDDED_EN: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(common::en_with_phone_image);

use common::{foldline, run_ok, stderr, temp_dir};
use std::path::Path;

/// The built-in content with the phone icon replaced by `file` at `width` in.
fn content_with_image(dir: &Path, file: &str, width: f32) {
    let yaml = EMBEDDED_EN.replace(
        "file: assets/phone.png\n          width: 0.5",
        &format!("file: \"{file}\"\n          width: {width}"),
    );
    assert_ne!(yaml, *EMBEDDED_EN);
    std::fs::write(dir.join("c.yaml"), yaml).unwrap();
}

fn png(dir: &Path, name: &str, side: u32) {
    let img = image::GrayImage::from_fn(side, side, |x, y| image::Luma([((x + y) % 256) as u8]));
    img.save(dir.join(name)).unwrap();
}

fn run(dir: &Path) -> std::process::Output {
    foldline()
        .args(["brochure", "--content", "c.yaml", "-o", "out.pdf"])
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn an_image_under_150_ppi_is_refused_and_nothing_is_written() {
    let dir = temp_dir("img-low");
    png(&dir, "small.png", 50); // 50 px over 0.5 in = 100 ppi
    content_with_image(&dir, "small.png", 0.5);
    let out = run(&dir);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let msg = stderr(&out);
    assert!(
        msg.contains("small.png") && msg.contains("100 ppi"),
        "{msg}"
    );
    assert!(!dir.join("out.pdf").exists());
}

#[test]
fn an_image_under_300_ppi_is_printed_with_a_warning() {
    let dir = temp_dir("img-soft");
    png(&dir, "soft.png", 100); // 200 ppi
    content_with_image(&dir, "soft.png", 0.5);
    let out = run(&dir);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning: images: soft.png: 200 ppi"),
        "{}",
        stderr(&out)
    );
    assert!(dir.join("out.pdf").exists());
}

#[test]
fn a_jpeg_goes_into_the_pdf_byte_for_byte() {
    let dir = temp_dir("img-jpeg");
    let img = image::RgbImage::from_fn(240, 180, |x, y| image::Rgb([x as u8, y as u8, 128]));
    img.save(dir.join("logo.jpg")).unwrap();
    let jpeg = std::fs::read(dir.join("logo.jpg")).unwrap();
    content_with_image(&dir, "logo.jpg", 0.75);
    let out = run(&dir);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = lopdf::Document::load(dir.join("out.pdf")).unwrap();
    let found = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .any(|s| {
            s.dict.get(b"Filter").ok().and_then(|f| f.as_name().ok()) == Some(b"DCTDecode")
                && s.content == jpeg
        });
    assert!(found, "the JPEG was not embedded unchanged with /DCTDecode");
}

#[test]
fn image_paths_may_not_leave_the_content_folder() {
    let dir = temp_dir("img-escape");
    for path in ["../../etc/passwd", "/etc/passwd"] {
        content_with_image(&dir, path, 0.5);
        let out = run(&dir);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("leaves the content folder"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn missing_corrupt_and_foreign_images_are_refused() {
    let dir = temp_dir("img-bad");
    std::fs::write(
        dir.join("broken.png"),
        b"\x89PNG\r\n\x1a\nthis is not really a png",
    )
    .unwrap();
    std::fs::write(dir.join("notes.txt"), b"hello").unwrap();
    // A file that is not there cannot be read (4); one that is no image is bad input (2).
    for (file, needle, code) in [
        ("nothere.png", "cannot read image", 4),
        ("broken.png", "cannot be decoded", 2),
        ("notes.txt", "is not a PNG or JPEG", 2),
    ] {
        content_with_image(&dir, file, 0.5);
        let out = run(&dir);
        assert_eq!(out.status.code(), Some(code), "{file}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(file) && stderr(&out).contains(needle),
            "{file}: {}",
            stderr(&out)
        );
        assert!(!stderr(&out).contains("panicked"));
    }
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn a_decompression_bomb_is_refused_from_its_header() {
    let dir = temp_dir("img-bomb");
    png(&dir, "bomb.png", 1);
    let mut bytes = std::fs::read(dir.join("bomb.png")).unwrap();
    // IHDR data starts at byte 16: claim 100000 x 100000 pixels and fix the CRC.
    bytes[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    bytes[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    std::fs::write(dir.join("bomb.png"), bytes).unwrap();
    content_with_image(&dir, "bomb.png", 0.5);
    let out = run(&dir);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("bomb.png"), "{}", stderr(&out));
}

#[test]
fn preflight_passes_foldline_output_and_fails_a_pdf_without_trim_box() {
    let dir = temp_dir("preflight");
    run_ok(&dir, &["brochure", "-o", "out.pdf"]);
    let out = run_ok(&dir, &["preflight", "out.pdf"]);
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    for check in ["fonts", "boxes", "safe area", "images", "colour"] {
        assert!(
            report
                .lines()
                .any(|l| l.trim_start().starts_with("ok") && l.contains(check)),
            "{check} not ok:\n{report}"
        );
    }
    // The built-in phone picture, printed 0.5 in wide.
    std::fs::write(dir.join("img.yaml"), &*EMBEDDED_EN).unwrap();
    run_ok(
        &dir,
        &["brochure", "--content", "img.yaml", "-o", "img.pdf"],
    );
    let out = run_ok(&dir, &["preflight", "img.pdf"]);
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    let icon = image::open(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/phone.png")).unwrap();
    let ppi = format!("{} ppi at 0.50 in wide", icon.width() * 2);
    assert!(report.contains(&ppi), "{ppi} not in\n{report}");

    // The same brochure with its TrimBoxes removed.
    let mut doc = lopdf::Document::load(dir.join("out.pdf")).unwrap();
    for id in doc.get_pages().into_values() {
        doc.get_object_mut(id)
            .unwrap()
            .as_dict_mut()
            .unwrap()
            .remove(b"TrimBox");
    }
    doc.save(dir.join("no-trim.pdf")).unwrap();
    let out = foldline()
        .args(["preflight", "no-trim.pdf"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("has no TrimBox"));
}

/// `theme.logo` is the agency's picture at the foot of the brochure's back
/// and front cover, read as a figure with its alt text; without alt text
/// it is refused where it is written.
#[test]
fn a_theme_logo_is_printed_on_the_cover_and_the_back_as_a_figure() {
    use foldline::inspect::structure;
    let dir = temp_dir("img-logo");
    png(&dir, "logo.png", 400);
    let alt = "Logo of the Placer County Office of Education";
    let logo = format!("  logo:\n    file: logo.png\n    width: 1.0\n    alt: {alt}\n");
    let theme_end = "  on_primary: [0, 0, 0, 0]\n";
    let yaml = EMBEDDED_EN.replacen(theme_end, &format!("{theme_end}{logo}"), 1);
    assert_ne!(yaml, *EMBEDDED_EN);
    std::fs::write(dir.join("c.yaml"), &yaml).unwrap();
    let out = run(&dir);
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(dir.join("out.pdf")).unwrap();
    let info = common::pdftext::inspect(&bytes);
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let s = structure::read(&doc);
    let logos = s
        .elements()
        .filter(|e| e.role == "Figure" && e.text(&info.pages) == alt)
        .count();
    assert_eq!(logos, 2, "the logo on the cover and on the back");
    // Drawn on the outside page, in the back's and the cover's panels.
    let content = foldline::content::load(
        Some(&dir.join("c.yaml")),
        &foldline::content::Audience::default(),
    )
    .unwrap();
    let doc = foldline::products::Product::Brochure
        .build(&content)
        .unwrap();
    let placed: Vec<_> = doc.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            // 1 in wide: the logo (this content's phone icon is an image too).
            foldline::display::Item::Image { rect, .. } if rect.w == 72.0 => Some(*rect),
            _ => None,
        })
        .collect();
    assert_eq!(placed.len(), 2, "{placed:?}");
    let (back, cover) = (3.625 * 72.0, (3.625 + 3.6875) * 72.0);
    assert!(
        placed.iter().any(|r| r.x > back && r.right() < cover),
        "{placed:?}"
    );
    assert!(placed.iter().any(|r| r.x > cover), "{placed:?}");
    let inside = doc.pages[1].items.iter();
    assert!(inside
        .clone()
        .all(|i| !matches!(i, foldline::display::Item::Image { .. })));

    let bad = yaml.replace(&format!("    alt: {alt}\n"), "");
    std::fs::write(dir.join("c.yaml"), bad).unwrap();
    let out = run(&dir);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let msg = stderr(&out);
    assert!(msg.contains("theme.logo: it has no alt text"), "{msg}");
    assert!(msg.contains("c.yaml:"), "{msg}");
}
