//! QR codes are vector modules that scan back to the text in the YAML.

use crate::common;

use common::pdftext::inspect;
use common::{decode_qr_codes, foldline, run_ok, stderr, temp_dir};
use foldline::content::load::EMBEDDED_EN;

#[test]
fn the_brochure_qr_code_scans_to_the_yaml_text() {
    let dir = temp_dir("qr");
    run_ok(&dir, &["brochure", "-o", "out.pdf"]);
    let pdf = inspect(&std::fs::read(dir.join("out.pdf")).unwrap());
    assert!(EMBEDDED_EN.contains("data: \"tel:+18883737888\""));
    assert_eq!(
        decode_qr_codes(&pdf.pages[0]),
        vec!["tel:+18883737888".to_string()]
    );
    assert!(decode_qr_codes(&pdf.pages[1]).is_empty());
}

#[test]
fn a_qr_code_set_in_the_yaml_scans_and_is_never_below_the_minimum_size() {
    let dir = temp_dir("qr-custom");
    let url = "https://humantraffickinghotline.org/en/find-local-services";
    // Asks for 0.2 in: foldline must still print it at its minimum size.
    let yaml = EMBEDDED_EN.replace(
        "data: \"tel:+18883737888\"",
        &format!("data: \"{url}\"\n          size: 0.2"),
    );
    std::fs::write(dir.join("c.yaml"), yaml).unwrap();
    run_ok(
        &dir,
        &[
            "brochure",
            "--office",
            "--content",
            "c.yaml",
            "-o",
            "out.pdf",
        ],
    );
    let pdf = inspect(&std::fs::read(dir.join("out.pdf")).unwrap());
    assert_eq!(decode_qr_codes(&pdf.pages[0]), vec![url.to_string()]);
    // The quiet zone is a white square; the code with it is at least 0.75 in + 8 modules.
    let (_, _, pixels) = common::render_black_rects(&pdf.pages[0], 1.0);
    let w = pdf.pages[0].media_box[2] as usize;
    let dark_columns: Vec<usize> = (0..w)
        .filter(|&x| pixels.chunks(w).any(|row| row[x] == 0))
        .collect();
    let span = dark_columns.last().unwrap() - dark_columns.first().unwrap() + 1;
    assert!(
        span as f64 >= 0.75 * 72.0 - 1.0,
        "QR code is {span} pt wide"
    );
}

#[test]
fn a_qr_code_too_wide_for_its_column_is_an_overflow_error() {
    let dir = temp_dir("qr-wide");
    let yaml = EMBEDDED_EN.replace(
        "data: \"tel:+18883737888\"",
        "data: \"tel:+18883737888\"\n          size: 5",
    );
    std::fs::write(dir.join("c.yaml"), yaml).unwrap();
    let out = foldline()
        .args(["brochure", "--content", "c.yaml", "-o", "out.pdf"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("QR code"), "{}", stderr(&out));
    assert!(!dir.join("out.pdf").exists());
}

/// Every poster carries the national hotline's QR code at its foot: it
/// scans, it is at least 0.8 in and larger on larger sheets, it sits in
/// the safe area and clear of the county number.
#[test]
fn every_poster_carries_a_qr_code_that_scans_beside_the_hotlines() {
    use foldline::content::Audience;
    use foldline::display::{Cmyk, Item, Rect};
    use foldline::products::{PosterSize, Product};
    let dir = temp_dir("qr-poster");
    let filled = common::filled("en", &Audience::default());
    let mut last = 0.0;
    for size in PosterSize::ALL {
        let name = format!("{}.pdf", size.name());
        run_ok(&dir, &["poster", "--size", size.name(), "-o", &name]);
        let pdf = inspect(&std::fs::read(dir.join(&name)).unwrap());
        assert_eq!(
            decode_qr_codes(&pdf.pages[0]),
            vec!["tel:+18883737888".to_string()],
            "{name}"
        );
        let doc = (Product::Poster { size, tear_off: 0 })
            .build(&filled)
            .unwrap();
        let page = &doc.pages[0];
        let modules: Vec<Rect> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Rect {
                    rect,
                    fill: Some(Cmyk::BLACK),
                    ..
                } => Some(*rect),
                _ => None,
            })
            .collect();
        let (x0, y0) = modules
            .iter()
            .fold((f32::MAX, f32::MAX), |(x, y), r| (x.min(r.x), y.min(r.y)));
        let (x1, y1) = modules.iter().fold((f32::MIN, f32::MIN), |(x, y), r| {
            (x.max(r.right()), y.max(r.top()))
        });
        let width = x1 - x0;
        assert!(
            width >= 0.8 * 72.0 - 0.5,
            "{name}: the code is {width} pt wide"
        );
        assert!(
            width > last,
            "{name}: {width} pt, not larger than on the smaller sheet"
        );
        last = width;
        let body = page.areas.iter().find(|a| a.name == "body").unwrap().safe;
        assert!(
            x0 >= body.x && x1 <= body.right() && y0 >= body.y && y1 <= body.top(),
            "{name}: the code leaves the safe area"
        );
        let county = page
            .items
            .iter()
            .find_map(|i| match i {
                Item::Text(run) if run.text().contains("1.866.293.1940") => Some(run),
                _ => None,
            })
            .expect("the county number");
        let clear = county.x + county.width < x0
            || county.x > x1
            || county.baseline - county.size * 0.25 > y1
            || county.baseline + county.size < y0;
        assert!(clear, "{name}: the code overlaps the county number");
    }
}
