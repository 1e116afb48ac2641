//! The Spanish brochure (`--lang es`), checked on the PDF the binary writes.

mod common;

use common::pdftext::{inspect, PdfInfo};
use common::words::{assert_all_present, brochure_words};
use common::{foldline, pdf_tokens, run_ok, stderr, temp_dir};
use foldline::content::{self, Audience};
use foldline::layout::hyphenate::break_points;

fn spanish(dir: &std::path::Path, args: &[&str]) -> (PdfInfo, String) {
    let mut all = vec!["brochure", "--lang", "es", "-o", "es.pdf"];
    all.extend_from_slice(args);
    let out = run_ok(dir, &all);
    let pdf = inspect(&std::fs::read(dir.join("es.pdf")).unwrap());
    (pdf, stderr(&out))
}

fn expected(audience: &Audience) -> Vec<String> {
    let source = content::read(None, Some("es")).unwrap();
    let choice = content::choose(&source, audience).unwrap();
    brochure_words(&content::fill(&source, &choice).unwrap())
}

#[test]
fn every_spanish_word_of_the_content_is_printed() {
    let dir = temp_dir("es-words");
    let (pdf, _) = spanish(&dir, &[]);
    let words = expected(&Audience::default());
    assert!(words.len() > 400, "the content has {} words", words.len());
    assert!(words.iter().any(|w| w == "explotación"));
    assert_all_present(&words, &pdf);
    // For another county too, with the county's name in Spanish phrasing.
    let (pdf, _) = spanish(&dir, &["--county", "Yolo"]);
    let text = pdf_tokens(&pdf).join(" ");
    assert!(text.contains("Condado de Yolo"), "{text}");
    assert!(!text.contains("Placer"), "{text}");
    let audience = Audience {
        county: Some("Yolo".into()),
        hotline: None,
    };
    assert_all_present(&expected(&audience), &pdf);
}

#[test]
fn accented_words_extract_intact() {
    let dir = temp_dir("es-accents");
    let (pdf, _) = spanish(&dir, &[]);
    let accented: Vec<String> = expected(&Audience::default())
        .into_iter()
        .filter(|w| w.chars().any(|c| "áéíóúüñÁÉÍÓÚÜÑ¿¡".contains(c)))
        .collect();
    assert!(accented.len() > 50, "{accented:?}");
    // Precomposed letters (NFC) exactly as in the content, never a base
    // letter plus a combining accent or a missing-glyph box.
    for w in &accented {
        assert!(
            !w.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c)),
            "{w}"
        );
    }
    assert_all_present(&accented, &pdf);
    // Words set whole (not hyphenated) come out as single PDF words.
    let words: Vec<&str> = pdf
        .pages
        .iter()
        .flat_map(|p| &p.words)
        .map(|w| w.text.as_str())
        .collect();
    for whole in ["AQUÍ", "Niños", "¿Qué", "Vías", "intimidación"] {
        assert!(words.contains(&whole), "{whole} not a word of {words:?}");
    }
    for f in &pdf.fonts {
        assert!(f.embedded && f.subset && f.has_to_unicode, "{f:?}");
    }
}

/// Every line ending in a hyphen inside a word: (the part before, after).
fn hyphen_breaks(pdf: &PdfInfo) -> Vec<(String, String)> {
    let mut breaks = Vec::new();
    for page in &pdf.pages {
        for pair in page.lines.windows(2) {
            let Some(head) = pair[0].strip_suffix('-') else {
                continue;
            };
            let before = head.rsplit(' ').next().unwrap();
            if !before.chars().last().is_some_and(char::is_alphabetic) {
                continue;
            }
            let after: String = pair[1].chars().take_while(|c| c.is_alphabetic()).collect();
            breaks.push((before.to_string(), after));
        }
    }
    breaks
}

fn allowed(before: &str, after: &str, lang: &str) -> bool {
    break_points(&format!("{before}{after}"), lang).contains(&before.len())
}

#[test]
fn spanish_lines_are_hyphenated_only_between_spanish_syllables() {
    let dir = temp_dir("es-hyphens");
    let (pdf, _) = spanish(&dir, &[]);
    let breaks = hyphen_breaks(&pdf);
    assert!(breaks.len() >= 3, "only {breaks:?}");
    for (before, after) in &breaks {
        assert!(
            allowed(before, after, "es"),
            "\"{before}-{after}\" is not a Spanish syllable break"
        );
    }
    // Words where Spanish and English patterns disagree, in a panel that
    // must break them: every break follows the Spanish patterns.
    let words = "calificaciones premeditada deliberada manipuladores participación antecedentes indocumentada socioeconómico discapacidades ";
    let yaml = content::load::EMBEDDED_ES.replace(
        "  recruitment:\n    heading: Reclutamiento\n    blocks:\n",
        &format!(
            "  recruitment:\n    heading: Reclutamiento\n    blocks:\n      - paragraph: {}\n",
            words.repeat(3)
        ),
    );
    assert_ne!(yaml, content::load::EMBEDDED_ES);
    std::fs::write(dir.join("es-test.yaml"), yaml).unwrap();
    let (pdf, _) = spanish(&dir, &["--content", "es-test.yaml"]);
    let breaks = hyphen_breaks(&pdf);
    let not_english = breaks.iter().filter(|(b, a)| !allowed(b, a, "en")).count();
    assert!(breaks.len() >= 5, "only {breaks:?}");
    for (before, after) in &breaks {
        assert!(
            allowed(before, after, "es"),
            "\"{before}-{after}\" is not a Spanish syllable break"
        );
    }
    assert!(
        not_english > 0,
        "every break is also an English one: {breaks:?}"
    );
}

#[test]
fn content_under_review_warns_and_english_does_not() {
    let dir = temp_dir("es-review");
    let (_, err) = spanish(&dir, &[]);
    assert!(
        err.contains("warning") && err.contains("under review") && err.contains("es.yaml"),
        "{err}"
    );
    let out = run_ok(&dir, &["brochure", "-o", "en.pdf"]);
    assert!(!stderr(&out).contains("review"), "{}", stderr(&out));
    let out = run_ok(&dir, &["brochure", "--lang", "en", "-o", "en.pdf"]);
    assert!(!stderr(&out).contains("review"), "{}", stderr(&out));
}

#[test]
fn a_language_without_content_or_a_content_file_in_another_is_refused() {
    let dir = temp_dir("es-lang");
    std::fs::write(dir.join("en.yaml"), content::load::EMBEDDED_EN).unwrap();
    for args in [
        &["--lang", "fr"][..],
        &["--lang", "es", "--content", "en.yaml"][..],
    ] {
        let mut all = vec!["brochure", "-o", "x.pdf"];
        all.extend_from_slice(args);
        let out = foldline().args(&all).current_dir(&dir).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!dir.join("x.pdf").exists());
        assert!(stderr(&out).contains("es") || stderr(&out).contains("fr"));
    }
}

#[test]
fn default_file_name_says_the_language() {
    let dir = temp_dir("es-name");
    let out = run_ok(&dir, &["brochure", "--lang", "es"]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        "placer-brochure-es.pdf"
    );
    assert!(dir.join("placer-brochure-es.pdf").is_file());
}
