//! A content file's `fonts:` list: a campaign adds a face for characters
//! no built-in font has, and only for them.

use crate::common::*;
use foldline::content::load::EMBEDDED_EN;

/// A Cherokee subset of Noto Sans Cherokee (SIL OFL, fixtures/README.md).
const CHEROKEE: &[u8] = include_bytes!("../fixtures/NotoSansCherokee-Subset.ttf");

const WORDS: &str = "ᏣᎳᎩ ᎦᏬᏂᎯᏍᏗ";

/// English content with a Cherokee paragraph first in the risk factors and
/// `fonts` at its top, written with the font file into a fresh folder.
fn campaign(name: &str, fonts: &str) -> std::path::PathBuf {
    let risk = "  risk_factors:\n    heading: Risk Factors\n    blocks:\n";
    let yaml = EMBEDDED_EN.replacen(
        risk,
        &format!("{risk}      - paragraph: \"Call us, {WORDS}.\"\n"),
        1,
    );
    let dir = temp_dir(name);
    std::fs::create_dir_all(dir.join("fonts")).unwrap();
    std::fs::write(dir.join("fonts/cherokee.ttf"), CHEROKEE).unwrap();
    std::fs::write(dir.join("campaign.yaml"), format!("{fonts}{yaml}")).unwrap();
    dir
}

const MAKE: [&str; 5] = ["brochure", "--content", "campaign.yaml", "-o", "out.pdf"];

/// Makes the brochure, which must be refused with exit 2; its message.
fn refused(dir: &std::path::Path) -> String {
    let out = foldline().args(MAKE).current_dir(dir).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(!dir.join("out.pdf").exists());
    stderr(&out)
}

#[test]
fn an_added_font_prints_what_no_built_in_one_has() {
    let dir = campaign("added-font", "fonts: [fonts/cherokee.ttf]\n");
    run_ok(&dir, &MAKE);
    let bytes = std::fs::read(dir.join("out.pdf")).unwrap();
    let mut pdf = pdftext::inspect(&bytes);
    let text: String = pdf.pages.iter().flat_map(|p| p.lines.clone()).collect();
    for word in WORDS.split(' ') {
        assert!(text.contains(word), "{word} not in {text}");
    }
    // Embedded and subset, under its own name, beside the built-in faces;
    // the English words around it stay in DejaVu.
    let added = pdf
        .fonts
        .iter()
        .filter(|f| f.base_font.ends_with("+NotoSansCherokee-Regular"));
    assert_eq!(
        added
            .filter(|f| f.embedded && f.subset && f.has_to_unicode)
            .count(),
        1,
        "{:?}",
        pdf.fonts
    );
    assert!(pdf
        .fonts
        .iter()
        .any(|f| f.base_font.ends_with("+DejaVuSansCondensed")));
    words_from_trim(&mut pdf);
    for (i, page) in pdf.pages.iter().enumerate() {
        assert!(!glyph_codes(page).contains(&0), "page {}: .notdef", i + 1);
        let areas = safe_areas("brochure", page, i);
        for w in &page.words {
            assert!(
                areas.iter().any(|&a| within(w, a)),
                "page {}: {} outside",
                i + 1,
                w.text
            );
        }
    }
    // The same input, the same bytes.
    run_ok(
        &dir,
        &["brochure", "--content", "campaign.yaml", "-o", "again.pdf"],
    );
    assert_eq!(std::fs::read(dir.join("again.pdf")).unwrap(), bytes);
}

#[test]
fn without_the_font_the_character_is_refused_and_the_help_names_fonts() {
    let msg = refused(&campaign("no-added-font", ""));
    assert!(msg.contains("in the Cherokee script"), "{msg}");
    assert!(msg.contains("fonts: [fonts/YourFont.ttf]"), "{msg}");
}

#[test]
fn a_font_path_outside_the_folder_or_a_file_that_is_no_font_is_refused_at_its_line() {
    let msg = refused(&campaign("font-outside", "fonts: [../cherokee.ttf]\n"));
    assert!(msg.contains("fonts: ../cherokee.ttf"), "{msg}");
    assert!(msg.contains("leaves the content folder"), "{msg}");
    assert!(msg.contains(" --> campaign.yaml:1:9"), "{msg}");

    let msg = refused(&campaign("font-not-a-font", "fonts: [campaign.yaml]\n"));
    assert!(msg.contains("is not a TrueType or OpenType font"), "{msg}");
    assert!(msg.contains(" --> campaign.yaml:1:9"), "{msg}");
}

#[test]
fn an_output_never_replaces_a_font_the_content_names() {
    let dir = campaign("font-as-output", "fonts: [fonts/cherokee.ttf]\n");
    let out = foldline()
        .args([
            "brochure",
            "--content",
            "campaign.yaml",
            "-o",
            "fonts/cherokee.ttf",
        ])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let msg = stderr(&out);
    assert!(msg.contains("is a font the content uses"), "{msg}");
    assert_eq!(
        std::fs::read(dir.join("fonts/cherokee.ttf")).unwrap(),
        CHEROKEE
    );
}
