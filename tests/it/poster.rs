//! Posters, checked on the PDF the binary writes.

use crate::common;

use common::pdftext::{inspect, PdfInfo, Word};
use common::words::{assert_all_present, section_words};
use common::{foldline, pdf_tokens, run_ok, stderr, temp_dir, trim_size, words_from_trim};
use foldline::content::{self, Audience};

const PT: f64 = 72.0;
/// Every size the command offers, with its sheet in inches (portrait).
const SIZES: [(&str, f64, f64); 4] = [
    ("letter", 8.5, 11.0),
    ("tabloid", 11.0, 17.0),
    ("18x24", 18.0, 24.0),
    ("24x36", 24.0, 36.0),
];
/// Text stays this far inside the trim on Letter (the print safe zone),
/// and body text this far from the sides; both grow with the sheet's width.
const SAFE_IN: f64 = 0.25;
const MARGIN_IN: f64 = 0.5;
/// Body text on Letter (California Civil Code 52.6 notices: 16 pt).
const MIN_BODY_PT: f64 = 16.0;
/// Tear-off tab text is set at 70 % of the poster's sizes.
const TAB_TEXT: f64 = 0.7;

const COUNTY_NUMBER: &str = "1.866.293.1940";
const NATIONAL_NUMBER: &str = "1.888.373.7888";

fn poster(dir: &std::path::Path, args: &[&str]) -> PdfInfo {
    let mut all = vec!["poster", "-o", "out.pdf"];
    all.extend_from_slice(args);
    run_ok(dir, &all);
    let mut pdf = inspect(&std::fs::read(dir.join("out.pdf")).unwrap());
    words_from_trim(&mut pdf);
    pdf
}

/// How much larger than on Letter everything is on a sheet `w` inches wide.
fn scale(w: f64) -> f64 {
    w / 8.5
}

fn upright(w: &Word) -> bool {
    (w.dir.0 - 1.0).abs() < 1e-6 && w.dir.1.abs() < 1e-6
}

fn reads_upwards(w: &Word) -> bool {
    w.dir.0.abs() < 1e-6 && (w.dir.1 - 1.0).abs() < 1e-6
}

fn expected_words(audience: &Audience) -> Vec<String> {
    let c = content::load(None, audience).unwrap();
    let p = c
        .poster
        .as_ref()
        .expect("the built-in content has a poster");
    section_words(&c, p.head.iter().chain(&p.sections).chain(&p.bottom))
}

#[test]
fn every_size_is_one_portrait_page_of_its_exact_size() {
    let dir = temp_dir("poster-sizes");
    for (name, w, h) in SIZES {
        let pdf = poster(&dir, &["--size", name]);
        assert_eq!(pdf.pages.len(), 1, "{name}");
        assert_eq!(trim_size(&pdf.pages[0]), (w * PT, h * PT), "{name}");
    }
}

#[test]
fn an_unknown_size_is_refused_with_the_list_of_sizes() {
    let dir = temp_dir("poster-bad-size");
    let out = foldline()
        .args(["poster", "--size", "a3", "-o", "x.pdf"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let msg = stderr(&out);
    for (name, _, _) in SIZES {
        assert!(msg.contains(name), "{msg}");
    }
    assert!(!dir.join("x.pdf").exists());
}

#[test]
fn every_word_of_the_poster_content_is_printed_on_every_size() {
    let dir = temp_dir("poster-words");
    let expected = expected_words(&Audience::default());
    assert!(
        expected.len() > 60,
        "the poster has {} words",
        expected.len()
    );
    for (name, _, _) in SIZES {
        let pdf = poster(&dir, &["--size", name]);
        assert_all_present(&expected, &pdf);
    }
}

#[test]
fn no_word_leaves_the_safe_area_of_any_size() {
    let dir = temp_dir("poster-safe");
    for (name, w, h) in SIZES {
        for tabs in ["0", "8"] {
            let pdf = poster(&dir, &["--size", name, "--tear-off", tabs]);
            let (safe, margin) = (SAFE_IN * PT * scale(w), MARGIN_IN * PT * scale(w));
            let words = &pdf.pages[0].words;
            assert!(!words.is_empty());
            for word in words {
                let side = if upright(word) { margin } else { safe };
                assert!(
                    common::within(word, [side, safe, w * PT - side, h * PT - safe]),
                    "{name}, {tabs} tabs: \"{}\" at ({:.1},{:.1})-({:.1},{:.1}) is outside the safe area",
                    word.text,
                    word.x0,
                    word.y0,
                    word.x1,
                    word.y1
                );
            }
        }
    }
}

#[test]
fn body_text_is_at_least_16_pt_on_letter_and_grows_with_the_sheet() {
    let dir = temp_dir("poster-type");
    for (name, w, _) in SIZES {
        let pdf = poster(&dir, &["--size", name, "--tear-off", "6"]);
        let min = MIN_BODY_PT * scale(w);
        for word in &pdf.pages[0].words {
            let floor = if upright(word) { min } else { min * TAB_TEXT };
            assert!(
                word.size >= floor - 0.01,
                "{name}: \"{}\" is {:.2} pt, under {floor:.2} pt",
                word.text,
                word.size
            );
        }
    }
}

/// Spanish, Vietnamese and Hindi did not fit a Letter sheet with tabs at
/// body 16 pt; with the display type smaller they do, and the body keeps
/// its legal size.
#[test]
fn a_letter_poster_with_tabs_fits_in_long_languages_with_smaller_display_type() {
    let dir = temp_dir("poster-compact");
    for lang in ["es", "vi", "hi"] {
        let pdf = poster(&dir, &["--lang", lang, "--tear-off", "6"]);
        let words = &pdf.pages[0].words;
        assert!(
            words.iter().filter(|w| reads_upwards(w)).count() > 20,
            "{lang}: tabs"
        );
        for word in words {
            let floor = if upright(word) {
                MIN_BODY_PT
            } else {
                MIN_BODY_PT * TAB_TEXT
            };
            assert!(
                word.size >= floor - 0.01,
                "{lang}: \"{}\" is {:.2} pt, under {floor:.2} pt",
                word.text,
                word.size
            );
        }
        // The largest text, the tagline, is what gave way.
        let largest = |pdf: &PdfInfo| {
            pdf.pages[0]
                .words
                .iter()
                .map(|w| w.size)
                .fold(0.0, f64::max)
        };
        let untabbed = poster(&dir, &["--lang", lang]);
        assert!(
            largest(&pdf) < largest(&untabbed) * 0.8,
            "{lang}: {} against {}",
            largest(&pdf),
            largest(&untabbed)
        );
    }
    // Spanish, a spaced script, word by word: nothing was left out.
    let es = common::filled("es", &Audience::default());
    let p = es.poster.as_ref().unwrap();
    let expected = section_words(&es, p.head.iter().chain(&p.sections).chain(&p.bottom));
    assert_all_present(
        &expected,
        &poster(&dir, &["--lang", "es", "--tear-off", "6"]),
    );
}

#[test]
fn the_hotlines_are_the_largest_text_after_the_title() {
    let dir = temp_dir("poster-hotline-size");
    let c = content::load(None, &Audience::default()).unwrap();
    let head = section_words(&c, &c.poster.as_ref().unwrap().head);
    for (name, _, _) in SIZES {
        let pdf = poster(&dir, &["--size", name]);
        let words: Vec<&Word> = pdf.pages[0].words.iter().filter(|w| upright(w)).collect();
        let size_of = |text: &str| {
            let found: Vec<f64> = words
                .iter()
                .filter(|w| w.text == text)
                .map(|w| w.size)
                .collect();
            assert!(!found.is_empty(), "{name}: {text} is not printed");
            found.into_iter().fold(f64::MAX, f64::min)
        };
        let hotline = size_of(COUNTY_NUMBER).min(size_of(NATIONAL_NUMBER));
        let title = size_of("Exploitation");
        assert!(
            title >= hotline - 0.01,
            "{name}: title {title} < hotline {hotline}"
        );
        for w in &words {
            if head.contains(&common::normalize(&w.text))
                || w.text == COUNTY_NUMBER
                || w.text == NATIONAL_NUMBER
            {
                continue;
            }
            assert!(
                w.size <= hotline + 0.01,
                "{name}: \"{}\" ({:.1} pt) is larger than the hotlines ({hotline:.1} pt)",
                w.text,
                w.size
            );
        }
    }
}

#[test]
fn each_size_is_laid_out_afresh_not_scaled() {
    let dir = temp_dir("poster-reflow");
    let mut layouts = Vec::new();
    for (name, w, h) in SIZES {
        let pdf = poster(&dir, &["--size", name]);
        let page = &pdf.pages[0];
        // Type relative to the sheet, and the lines the body breaks into.
        let body = page.words.iter().map(|w| w.size).fold(f64::MAX, f64::min) / w;
        let first = &page.words[0];
        layouts.push((name, body, page.lines.clone(), (first.x0 / w, first.y0 / h)));
    }
    for pair in layouts.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let scaled_picture = (a.1 - b.1).abs() < 1e-3 && a.2 == b.2;
        assert!(
            !scaled_picture,
            "{} and {} are the same layout scaled",
            a.0, b.0
        );
    }
    let (letter, tabloid) = (&layouts[0], &layouts[1]);
    assert_ne!(
        letter.2, tabloid.2,
        "Letter and Tabloid break their lines alike"
    );
}

/// The tab columns: the width between 0.25 in (scaled) from each side, evenly divided.
fn tab_columns(w: f64, n: usize) -> Vec<(f64, f64)> {
    let edge = SAFE_IN * PT * scale(w);
    let tab = (w * PT - 2.0 * edge) / n as f64;
    (0..n)
        .map(|i| (edge + i as f64 * tab, edge + (i + 1) as f64 * tab))
        .collect()
}

#[test]
fn tear_off_tabs_each_carry_both_hotlines_reading_upwards() {
    let dir = temp_dir("poster-tabs");
    for (name, w, _) in SIZES {
        let n = 8;
        let pdf = poster(&dir, &["--size", name, "--tear-off", &n.to_string()]);
        let words = &pdf.pages[0].words;
        let tab_words: Vec<&Word> = words.iter().filter(|w| !upright(w)).collect();
        assert!(
            tab_words.iter().all(|w| reads_upwards(w)),
            "{name}: tab text not turned"
        );
        let tear_line = tab_words.iter().map(|w| w.y1).fold(f64::MIN, f64::max);
        for (i, (left, right)) in tab_columns(w, n).into_iter().enumerate() {
            let inside: Vec<&str> = tab_words
                .iter()
                .filter(|t| t.x0 >= left && t.x1 <= right)
                .map(|t| t.text.as_str())
                .collect();
            for number in [COUNTY_NUMBER, NATIONAL_NUMBER] {
                assert!(
                    inside.contains(&number),
                    "{name}: tab {} lacks {number}: {inside:?}",
                    i + 1
                );
            }
        }
        // Every turned word sits in one tab, and the poster's own text stays above the tabs.
        let columns = tab_columns(w, n);
        for t in &tab_words {
            assert!(
                columns.iter().any(|(l, r)| t.x0 >= *l && t.x1 <= *r),
                "{name}: \"{}\" straddles a cut line",
                t.text
            );
        }
        for u in words.iter().filter(|w| upright(w)) {
            assert!(
                u.y0 > tear_line,
                "{name}: \"{}\" runs into the tabs",
                u.text
            );
        }
    }
}

#[test]
fn county_and_hotline_reach_the_poster_and_its_tabs() {
    let dir = temp_dir("poster-county");
    let args = [
        "--county",
        "Monterey",
        "--hotline",
        "831-755-4661",
        "--tear-off",
        "5",
    ];
    let pdf = poster(&dir, &args);
    let text = pdf_tokens(&pdf).join(" ");
    assert!(
        text.contains("Monterey County Child Welfare Hotline"),
        "{text}"
    );
    assert!(
        !text.contains("Placer") && !text.contains(COUNTY_NUMBER),
        "{text}"
    );
    let tabs = pdf.pages[0]
        .words
        .iter()
        .filter(|w| reads_upwards(w) && w.text == "831.755.4661");
    assert_eq!(tabs.count(), 5);
    let audience = Audience {
        county: Some("Monterey".into()),
        hotline: Some("831-755-4661".into()),
    };
    assert_all_present(&expected_words(&audience), &pdf);
}

#[test]
fn more_tabs_than_fit_is_a_clear_error() {
    let dir = temp_dir("poster-too-many-tabs");
    let out = foldline()
        .args(["poster", "--tear-off", "30", "-o", "x.pdf"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let msg = stderr(&out);
    assert!(
        msg.contains("tear-off tabs") && msg.contains("At most"),
        "{msg}"
    );
    assert!(!dir.join("x.pdf").exists());
}

#[test]
fn content_that_does_not_fit_names_the_poster_area_and_writes_nothing() {
    let head = "  warning_signs:\n    heading: Identifying CSEC\n    blocks:\n";
    let long = "Warning signs can be subtle and easy to miss. ".repeat(20);
    let msg = common::overflow(
        "poster-overflow",
        "poster",
        head,
        &format!("{head}      - paragraph: \"{long}\"\n"),
    );
    assert!(
        msg.contains("poster, Letter (8.5 x 11 in), body column"),
        "{msg}"
    );
}

#[test]
fn same_input_gives_byte_identical_output_and_a_named_default_file() {
    let dir = temp_dir("poster-repro");
    let out = run_ok(&dir, &["poster", "--size", "tabloid", "--tear-off", "6"]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        "placer-poster-tabloid.pdf"
    );
    let a = std::fs::read(dir.join("placer-poster-tabloid.pdf")).unwrap();
    run_ok(&dir, &["poster", "--size", "tabloid", "--tear-off", "6"]);
    let b = std::fs::read(dir.join("placer-poster-tabloid.pdf")).unwrap();
    assert!(a == b, "two runs differ");
}

#[test]
fn preflight_passes_every_size_with_subset_fonts() {
    let dir = temp_dir("poster-preflight");
    for (name, _, _) in SIZES {
        let pdf = poster(&dir, &["--size", name, "--tear-off", "4"]);
        for f in &pdf.fonts {
            assert!(f.embedded && f.subset && f.has_to_unicode, "{name}: {f:?}");
        }
        let out = run_ok(&dir, &["preflight", "out.pdf"]);
        let report = String::from_utf8_lossy(&out.stdout).into_owned();
        assert_eq!(
            common::preflight_problems(&report),
            Vec::<&str>::new(),
            "{name}:\n{report}"
        );
    }
}

/// Whether a word as drawn ends with a hyphen foldline put there (the
/// hyphen glyph, read as U+00AD or "-").
fn broken(w: &Word) -> bool {
    w.text.chars().count() > 1 && (w.text.ends_with('-') || w.text.ends_with('\u{AD}'))
}

#[test]
fn text_of_14_pt_or_more_is_never_hyphenated() {
    let dir = temp_dir("poster-no-hyphens");
    // The detector finds the brochure's hyphenated body text (9 pt), so
    // that the poster check below can fail.
    run_ok(&dir, &["brochure", "-o", "b.pdf"]);
    let brochure = inspect(&std::fs::read(dir.join("b.pdf")).unwrap());
    let small: Vec<&Word> = brochure
        .pages
        .iter()
        .flat_map(|p| &p.words)
        .filter(|w| broken(w))
        .collect();
    assert!(
        !small.is_empty(),
        "no hyphenated word found in the brochure"
    );
    assert!(small.iter().all(|w| w.size < 14.0));
    for lang in ["en", "es"] {
        for (name, _, _) in SIZES {
            let pdf = poster(&dir, &["--size", name, "--lang", lang]);
            for w in pdf.pages[0].words.iter().filter(|w| w.size >= 14.0) {
                assert!(
                    !broken(w),
                    "{lang} {name}: \"{}\" at {:.1} pt is hyphenated",
                    w.text,
                    w.size
                );
            }
        }
    }
}
