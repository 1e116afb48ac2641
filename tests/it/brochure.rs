//! The tri-fold brochure, checked on the PDF the binary writes.

use crate::common;

use common::pdftext::{inspect, PdfInfo};
use common::words::{assert_all_present, brochure_words};
use common::{foldline, pdf_tokens, run_ok, safe_areas, stderr, temp_dir, words_from_trim};
use foldline::content::{self, Audience};

fn brochure(dir: &std::path::Path, args: &[&str]) -> (Vec<u8>, PdfInfo) {
    let mut all = vec!["brochure", "-o", "out.pdf"];
    all.extend_from_slice(args);
    run_ok(dir, &all);
    let bytes = std::fs::read(dir.join("out.pdf")).unwrap();
    let info = inspect(&bytes);
    (bytes, info)
}

/// The words the brochure must print for the given audience.
fn expected_words(audience: &Audience) -> Vec<String> {
    brochure_words(&content::load(None, audience).unwrap())
}

#[test]
fn default_brochure_is_two_letter_landscape_pages() {
    let dir = temp_dir("pages");
    let (_, pdf) = brochure(&dir, &[]);
    assert_eq!(pdf.pages.len(), 2);
    for page in &pdf.pages {
        let t = page.trim_box.expect("TrimBox");
        assert_eq!((t[2] - t[0], t[3] - t[1]), (792.0, 612.0));
    }
}

#[test]
fn office_brochure_pages_are_exactly_letter() {
    let dir = temp_dir("office");
    let (_, pdf) = brochure(&dir, &["--office"]);
    assert_eq!(pdf.pages.len(), 2);
    for page in &pdf.pages {
        assert_eq!(page.media_box, [0.0, 0.0, 792.0, 612.0]);
        assert_eq!(page.trim_box, Some([0.0, 0.0, 792.0, 612.0]));
        assert_eq!(page.bleed_box, Some([0.0, 0.0, 792.0, 612.0]));
    }
}

#[test]
fn every_word_of_the_content_is_printed() {
    let dir = temp_dir("words");
    let (_, pdf) = brochure(&dir, &[]);
    let expected = expected_words(&Audience::default());
    assert!(
        expected.len() > 400,
        "the content has {} words",
        expected.len()
    );
    assert_all_present(&expected, &pdf);
}

#[test]
fn no_word_crosses_a_fold_or_the_safe_margin() {
    let dir = temp_dir("safe");
    let (_, mut pdf) = brochure(&dir, &[]);
    words_from_trim(&mut pdf);
    for (i, page) in pdf.pages.iter().enumerate() {
        let areas = safe_areas("brochure", page, i);
        assert!(!page.words.is_empty());
        for w in &page.words {
            let inside = areas.iter().any(|&a| common::within(w, a));
            assert!(
                inside,
                "page {}: \"{}\" at ({:.1},{:.1})-({:.1},{:.1}) is outside every panel's safe area",
                i + 1,
                w.text,
                w.x0,
                w.y0,
                w.x1,
                w.y1
            );
        }
    }
}

#[test]
fn panels_hold_their_roles_in_order() {
    let dir = temp_dir("roles");
    let (_, mut pdf) = brochure(&dir, &[]);
    words_from_trim(&mut pdf);
    // The first word of each heading and the panel (0, 1, 2 from the left) it must be on.
    let expect = [
        (0, "Identifying", 0),
        (0, "How", 1),
        (0, "HAPPENS", 2),
        (1, "What", 0),
        (1, "Risk", 1),
        (1, "Pathways", 2),
        (1, "Recruitment", 2),
    ];
    for (page, word, panel) in expect {
        let areas = safe_areas("brochure", &pdf.pages[page], page);
        let w = pdf.pages[page]
            .words
            .iter()
            .find(|w| w.text == word)
            .unwrap_or_else(|| panic!("{word} not on page {}", page + 1));
        let a = areas[panel];
        assert!(
            w.x0 >= a[0] && w.x1 <= a[2],
            "{word} is not on panel {panel} of page {}",
            page + 1
        );
    }
}

#[test]
fn fonts_are_embedded_subset_and_the_file_is_small() {
    let dir = temp_dir("fonts");
    let (bytes, pdf) = brochure(&dir, &[]);
    assert!(!pdf.fonts.is_empty());
    for f in &pdf.fonts {
        assert!(f.embedded && f.subset && f.has_to_unicode, "font {f:?}");
    }
    // 57.2 KB before it was tagged (issue 11); the structure tree may add
    // at most 15 % (65.8 KB). The display face's subset and the sections
    // that fill the flap and the inside panels (issue 13) add 0.7 KB more,
    // compressing at level 4 rather than 6 (for speed) 1.6 KB.
    assert!(
        bytes.len() < 68_700,
        "the brochure is {} bytes",
        bytes.len()
    );
}

#[test]
fn same_input_gives_byte_identical_output() {
    let dir = temp_dir("repro");
    let (a, _) = brochure(&dir, &[]);
    let (b, _) = brochure(&dir, &[]);
    assert!(a == b, "two runs differ");
}

#[test]
fn county_and_hotline_replace_placer_everywhere() {
    let dir = temp_dir("county");
    let args = ["--county", "Monterey", "--hotline", "831-755-4661"];
    let (_, pdf) = brochure(&dir, &args);
    let text = pdf_tokens(&pdf).join(" ");
    assert!(
        text.contains("Monterey County Child Welfare Hotline"),
        "{text}"
    );
    assert!(text.contains("831.755.4661"), "{text}");
    assert!(!text.contains("Placer"), "{text}");
    let audience = Audience {
        county: Some("Monterey".into()),
        hotline: Some("831-755-4661".into()),
    };
    assert_all_present(&expected_words(&audience), &pdf);
}

#[test]
fn default_output_goes_to_the_current_folder_and_its_path_is_printed() {
    let dir = temp_dir("default-name");
    let out = run_ok(&dir, &["brochure"]);
    let path = String::from_utf8(out.stdout).unwrap();
    assert_eq!(path.trim(), "placer-brochure.pdf");
    assert!(dir.join("placer-brochure.pdf").is_file());
}

#[test]
fn another_county_without_a_hotline_is_refused() {
    let dir = temp_dir("no-hotline");
    // Alpine: no page read gives a number.
    let out = foldline()
        .args(["brochure", "--county", "Alpine", "-o", "x.pdf"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--hotline"), "{}", stderr(&out));
    assert!(!dir.join("x.pdf").exists());
}

#[test]
fn an_invalid_hotline_is_refused() {
    let dir = temp_dir("bad-hotline");
    let out = foldline()
        .args(["brochure", "--hotline", "555-12", "-o", "x.pdf"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("555-12"), "{}", stderr(&out));
    assert!(!dir.join("x.pdf").exists());
}

#[test]
fn content_that_does_not_fit_names_the_panel_and_writes_nothing() {
    let head = "  risk_factors:\n    heading: Risk Factors\n    blocks:\n";
    let long = "Warning signs can be subtle and easy to miss. ".repeat(120);
    let msg = common::overflow(
        "overflow",
        "brochure",
        head,
        &format!("{head}      - paragraph: \"{long}\"\n"),
    );
    assert!(
        msg.contains("inside page") && msg.contains("panel 'inside-middle'"),
        "{msg}"
    );
}

#[test]
fn the_phone_icon_is_a_vector_glyph_in_the_theme_colour() {
    let dir = temp_dir("brochure-icon");
    run_ok(&dir, &["brochure", "-o", "b.pdf"]);
    let bytes = std::fs::read(dir.join("b.pdf")).unwrap();
    let pdf = inspect(&bytes);
    let words: Vec<_> = pdf.pages.iter().flat_map(|p| &p.words).collect();
    let phone = words
        .iter()
        .find(|w| w.text == "\u{260E}")
        .expect("the phone icon");
    // Its panel's heading is in the theme's primary colour.
    let heading = words.iter().find(|w| w.text == "Report").unwrap();
    assert_eq!(phone.color, heading.color);
    assert!(
        ((phone.x1 - phone.x0) - 36.0).abs() < 1.0,
        "{:.1} pt wide, not 0.5 in",
        phone.x1 - phone.x0
    );
    // And no picture: the brochure holds no image at all.
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let images = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| {
            s.dict
                .get(b"Subtype")
                .and_then(|v| v.as_name())
                .is_ok_and(|n| n == b"Image")
        })
        .count();
    assert_eq!(images, 0);
}
