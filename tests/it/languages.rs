//! Every built-in language (`--lang`), checked on the PDFs the binary
//! writes: each product builds and prints every word of its sections, with
//! no missing glyph, inside its safe areas; a draft translation carries the
//! draft line on every page. Then Spanish in particular (accents,
//! hyphenation), the review fields and how language codes are read.

use crate::common;

use common::pdftext::structure;
use common::pdftext::{inspect, PdfInfo};
use common::words::{assert_all_present, brochure_words, section_words};
use common::{
    filled, foldline, glyph_codes, pdf_tokens, run_ok, safe_areas, stderr, temp_dir, within,
    words_from_trim,
};
use foldline::content::languages::{DRAFT, LANGUAGES};
use foldline::content::model::{Content, Review};
use foldline::content::{self, Audience};
use foldline::layout::hyphenate::break_points;
use unicode_normalization::UnicodeNormalization;

/// Every product at the sizes it offers, by file stem, with its flags.
const PRODUCTS: [(&str, &[&str]); 7] = [
    ("brochure", &["brochure"]),
    ("poster-letter", &["poster", "--size", "letter"]),
    ("poster-tabloid", &["poster", "--size", "tabloid"]),
    ("poster-18x24", &["poster", "--size", "18x24"]),
    ("poster-24x36", &["poster", "--size", "24x36"]),
    ("card", &["card"]),
    ("card-sheet", &["card", "--sheet"]),
];

/// Runs `args` with `--lang lang` in `dir`; the PDF's bytes and text.
fn make(dir: &std::path::Path, lang: &str, args: &[&str]) -> (Vec<u8>, PdfInfo) {
    let mut all = args.to_vec();
    all.extend(["--lang", lang, "-o", "out.pdf"]);
    run_ok(dir, &all);
    let bytes = std::fs::read(dir.join("out.pdf")).unwrap();
    let pdf = inspect(&bytes);
    (bytes, pdf)
}

fn spanish(dir: &std::path::Path, args: &[&str]) -> (PdfInfo, String) {
    let mut all = vec!["brochure", "--lang", "es", "-o", "es.pdf"];
    all.extend_from_slice(args);
    let out = run_ok(dir, &all);
    let pdf = inspect(&std::fs::read(dir.join("es.pdf")).unwrap());
    (pdf, stderr(&out))
}

fn expected(audience: &Audience) -> Vec<String> {
    brochure_words(&filled("es", audience))
}

/// The words `product` prints of `c`, in NFC.
fn product_words(product: &str, c: &Content) -> Vec<String> {
    let words = if product == "brochure" {
        brochure_words(c)
    } else if product.starts_with("poster") {
        let p = c.poster.as_ref().expect("a poster");
        section_words(c, p.head.iter().chain(&p.sections).chain(&p.bottom))
    } else {
        let card = c.card.as_ref().expect("a card");
        section_words(c, card.front.keys().chain(card.back.keys()))
    };
    words.iter().map(|w| w.nfc().collect()).collect()
}

/// The PDF's text as NFC.
fn nfc(mut pdf: PdfInfo) -> PdfInfo {
    for page in &mut pdf.pages {
        for line in &mut page.lines {
            *line = line.nfc().collect();
        }
    }
    pdf
}

/// The catalog's /Lang, once the PDF has one.
fn pdf_lang(bytes: &[u8]) -> Option<String> {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let lang = doc.catalog().ok()?.get(b"Lang").ok()?;
    lopdf::decode_text_string(lang).ok()
}

/// How many times a page carries the draft line: once on each face of the
/// folded or cut piece.
fn faces(product: &str) -> usize {
    match product {
        "brochure" => 3,
        "card-sheet" => 10,
        _ => 1,
    }
}

/// Every product in `lang`: every word of its sections printed, no glyph
/// missing, every word inside a safe area, the draft line on every page of
/// a draft and on none of a reviewed or original text, its language.
fn check_language(lang: &str, products: &[(&str, &[&str])]) {
    let dir = temp_dir(&format!("lang-{lang}-{}", products[0].0));
    let c = filled(lang, &Audience::default());
    // A draft carries the English line and its own, an original neither.
    let own = foldline::content::languages::find(lang).unwrap().draft;
    let pending = c.meta.review == Some(Review::Pending);
    for &(product, args) in products {
        let (bytes, mut pdf) = make(&dir, lang, args);
        let what = format!("{lang} {product}");
        assert_eq!(
            pdf_lang(&bytes).unwrap_or(c.meta.language.clone()),
            lang,
            "{what}: language"
        );
        let expected = product_words(product, &c);
        let letters = expected.iter().flat_map(|w| w.chars()).count();
        assert!(
            expected.len() > 20 || !spaced(lang) && letters > 100,
            "{what}: {} words",
            expected.len()
        );
        words_from_trim(&mut pdf);
        for (i, page) in pdf.pages.iter().enumerate() {
            assert!(
                !glyph_codes(page).contains(&0),
                "{what}, page {}: a glyph is .notdef (a character the font lacks)",
                i + 1
            );
            let areas = safe_areas(product, page, i);
            for w in &page.words {
                assert!(
                    areas.iter().any(|&a| within(w, a)),
                    "{what}, page {}: \"{}\" at ({:.1},{:.1})-({:.1},{:.1}) is outside every safe area",
                    i + 1,
                    w.text,
                    w.x0,
                    w.y0,
                    w.x1,
                    w.y1
                );
            }
            // Text in a shaped script reads right only through its
            // ActualText: it is checked in the structure tree below.
            if shaped(lang) {
                continue;
            }
            let text = page.lines.join("\n");
            for line in [DRAFT, own] {
                let want = if pending { faces(product) } else { 0 };
                assert_eq!(
                    text.matches(line).count(),
                    want,
                    "{what}, page {}: \"{line}\" in {text}",
                    i + 1
                );
            }
        }
        if shaped(lang) {
            // What a screen reader reads: the structure tree's text.
            let doc = lopdf::Document::load_mem(&bytes).unwrap();
            let read: Vec<String> = structure::read(&doc)
                .reading(&pdf.pages)
                .into_iter()
                .map(|l| l.text.nfc().collect())
                .collect();
            let text = read.join("\n");
            for line in [DRAFT, own] {
                // The card sheet's other nine cards are artifacts.
                let read = if product == "card-sheet" {
                    1
                } else {
                    faces(product)
                };
                let want = if pending { read * pdf.pages.len() } else { 0 };
                assert_eq!(
                    text.matches(line).count(),
                    want,
                    "{what}: \"{line}\" in {text}"
                );
            }
            pdf.pages[0].lines = read;
            pdf.pages.truncate(1);
            assert_all_characters(&what, &expected, &pdf);
        } else if spaced(lang) {
            assert_all_present(&expected, &nfc(pdf));
        } else {
            assert_all_characters(&what, &expected, &nfc(pdf));
        }
    }
}

/// Whether the language's words are set apart and read back one by one
/// (for Chinese, Japanese, Thai, Lao, Khmer and the shaped scripts, a line
/// end may fall inside a word, so characters are compared).
fn spaced(lang: &str) -> bool {
    let script = foldline::content::languages::find(lang).unwrap().script;
    ["Latn", "Cyrl", "Armn"].contains(&script)
}

/// Whether the language's script is one whose glyphs are not its letters
/// one for one (joined, reordered, stacked).
fn shaped(lang: &str) -> bool {
    let script = foldline::content::languages::find(lang).unwrap().script;
    ["Arab", "Deva", "Guru", "Khmr", "Thai", "Laoo"].contains(&script)
}

/// Every letter and digit of `expected` is in the PDF's text as often.
fn assert_all_characters(what: &str, expected: &[String], pdf: &PdfInfo) {
    let mut have: std::collections::HashMap<char, usize> = Default::default();
    for line in pdf.pages.iter().flat_map(|p| &p.lines) {
        for c in line.chars() {
            *have.entry(c).or_default() += 1;
        }
    }
    let mut missing = String::new();
    for c in expected
        .iter()
        .flat_map(|w| w.chars())
        .filter(|c| c.is_alphanumeric())
    {
        match have.get_mut(&c) {
            Some(n) if *n > 0 => *n -= 1,
            _ => missing.push(c),
        }
    }
    assert!(
        missing.is_empty(),
        "{what}: characters missing from the PDF: {missing:?}"
    );
}

#[test]
fn every_language_makes_every_brochure() {
    for l in LANGUAGES {
        check_language(l.code, &PRODUCTS[..1]);
    }
}

#[test]
fn every_language_makes_every_poster() {
    for l in LANGUAGES {
        check_language(l.code, &PRODUCTS[1..5]);
    }
}

#[test]
fn every_language_makes_every_card() {
    for l in LANGUAGES {
        check_language(l.code, &PRODUCTS[5..]);
    }
}

/// A content file in `lang` with one paragraph of `text` first in the
/// flap's section; the brochure made from it, read back.
fn with_paragraph(name: &str, lang: &str, text: &str) -> PdfInfo {
    let dir = temp_dir(name);
    let en = content::read(None, Some("en")).unwrap();
    let yaml = en
        .text
        .replacen("language: en", &format!("language: {lang}"), 1)
        .replacen(
            "    heading: Identifying CSEC\n    blocks:\n",
            &format!("    heading: Identifying CSEC\n    blocks:\n      - paragraph: \"{text}\"\n"),
            1,
        );
    std::fs::write(dir.join("c.yaml"), yaml).unwrap();
    run_ok(&dir, &["brochure", "--content", "c.yaml", "-o", "out.pdf"]);
    let mut pdf = inspect(&std::fs::read(dir.join("out.pdf")).unwrap());
    words_from_trim(&mut pdf);
    pdf
}

#[test]
fn a_number_in_an_arabic_sentence_reads_left_to_right() {
    let pdf = with_paragraph(
        "ar-number",
        "ar",
        "اتصل بالخط الساخن على 1.888.373.7888 الآن للحصول على المساعدة",
    );
    let page = &pdf.pages[0];
    // The digits are placed left to right and extract in that order.
    let number = page
        .words
        .iter()
        .find(|w| w.text.contains("373"))
        .expect("the number is printed");
    assert_eq!(number.text, "1.888.373.7888");
    // The sentence is right to left: its first word ends the line at the
    // right, right of the number.
    let first = page
        .words
        .iter()
        .find(|w| w.text.contains("اتصل"))
        .expect("first word");
    assert!(first.x0 > number.x1, "{first:?} {number:?}");
    let lines = page.lines.join("\n");
    assert!(lines.contains("1.888.373.7888"), "{lines}");
}

/// Right to left, a poster's first column and first hotline are on the
/// right, where its reader starts, and the steps' badges on the right of
/// their labels; a screen reader still reads them first.
#[test]
fn an_arabic_poster_starts_on_the_right() {
    use foldline::display::Item;
    use foldline::products::{poster::PosterSize, Product};
    let c = filled("ar", &Audience::default());
    let product = Product::Poster {
        size: PosterSize::Tabloid,
        tear_off: 0,
    };
    let doc = product.build(&c).unwrap();
    let page = &doc.pages[0];
    let x_of = |name: &str| {
        page.areas
            .iter()
            .find(|a| a.name == name)
            .unwrap_or_else(|| panic!("no area {name}"))
            .safe
            .x
    };
    assert!(x_of("column 1") > x_of("column 2"));
    let run_x = |text: &str| {
        page.items
            .iter()
            .find_map(|i| match i {
                Item::Text(r) if r.text().contains(text) => Some(r.x),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{text} is not printed"))
    };
    assert!(run_x("1.866.293.1940") > run_x("1.888.373.7888"));
    // The same order in English, the other way round.
    let en = Product::Poster {
        size: PosterSize::Tabloid,
        tear_off: 0,
    }
    .build(&filled("en", &Audience::default()))
    .unwrap();
    let en_x = |name: &str| {
        en.pages[0]
            .areas
            .iter()
            .find(|a| a.name == name)
            .unwrap()
            .safe
            .x
    };
    assert!(en_x("column 1") < en_x("column 2"));
    // Read first all the same: the signs' heading before the grooming steps.
    let dir = temp_dir("ar-poster-order");
    run_ok(
        &dir,
        &["poster", "--size", "tabloid", "--lang", "ar", "-o", "p.pdf"],
    );
    let bytes = std::fs::read(dir.join("p.pdf")).unwrap();
    let pdf = inspect(&bytes);
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let read: Vec<String> = structure::read(&doc)
        .reading(&pdf.pages)
        .into_iter()
        .map(|l| l.text)
        .collect();
    let at = |needle: &str| read.iter().position(|l| l.contains(needle)).unwrap();
    assert!(at("CSEC") < at("grooming"), "{read:?}");
}

#[test]
fn a_chinese_paragraph_without_spaces_wraps_inside_its_panel() {
    let text = "如果您知道或懷疑有兒童可能是商業性剝削的受害者，請立即聯絡本縣兒童福利熱線。我們會認真對待每一通電話，並為來電者保密。";
    let pdf = with_paragraph("zh-wrap", "zh-Hant", text);
    let page = &pdf.pages[0];
    let areas = safe_areas("brochure", page, 0);
    let lines: Vec<&String> = page.lines.iter().filter(|l| l.contains("兒童")).collect();
    assert!(!lines.is_empty(), "{:?}", page.lines);
    let set: String = page.lines.concat();
    assert!(set.contains("熱線"), "{set}");
    let pieces = page.words.iter().filter(|w| {
        w.text
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    });
    let mut n = 0;
    for w in pieces {
        n += 1;
        assert!(
            areas.iter().any(|&a| within(w, a)),
            "{w:?} outside the safe area"
        );
    }
    // 56 characters do not fit one line of a panel: they wrap.
    let wrapped = page
        .lines
        .iter()
        .filter(|l| l.chars().any(|c| "如懷害縣通保".contains(c)))
        .count();
    assert!(wrapped >= 3 && n >= 3, "{:?}", page.lines);
    // Never a line starting with closing punctuation.
    for l in &page.lines {
        assert!(!l.starts_with(['，', '。', '、', '」', '）']), "{l}");
    }
}

#[test]
fn a_spanish_piece_for_another_county_names_it_in_spanish() {
    let dir = temp_dir("es-county");
    let (pdf, _) = spanish(&dir, &["--county", "Yolo"]);
    let text = pdf_tokens(&pdf).join(" ");
    assert!(text.contains("Condado de Yolo"), "{text}");
    assert!(!text.contains("Placer"), "{text}");
    let audience = Audience {
        county: Some("Yolo".into()),
        hotline: None,
    };
    let words = expected(&audience);
    assert!(words.iter().any(|w| w == "explotación"));
    assert_all_present(&words, &pdf);
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
    break_points(&format!("{before}{after}"), &[], lang).contains(&before.len())
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
    let es = spanish_content();
    // The words take the room of the statistic at the panel's foot.
    let yaml = es
        .replace(
            "  recruitment:\n    heading: Reclutamiento\n    blocks:\n",
            &format!(
                "  recruitment:\n    heading: Reclutamiento\n    blocks:\n      - paragraph: {}\n",
                words.repeat(3)
            ),
        )
        .replace("      bottom: [social_media]\n", "");
    assert_ne!(yaml, es);
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

fn spanish_content() -> &'static str {
    foldline::content::languages::find("es").unwrap().content
}

#[test]
fn a_draft_warns_and_english_does_not() {
    let dir = temp_dir("es-review");
    let (_, err) = spanish(&dir, &[]);
    assert!(
        err.contains("warning: foldline's built-in Spanish content is a draft translation"),
        "{err}"
    );
    // The built-in content is named in words, not by a file inside foldline.
    assert!(!err.contains("content/csec"), "{err}");
    let out = run_ok(&dir, &["brochure", "-o", "en.pdf"]);
    assert!(!stderr(&out).contains("draft"), "{}", stderr(&out));
    let out = run_ok(&dir, &["brochure", "--lang", "en", "-o", "en.pdf"]);
    assert!(!stderr(&out).contains("draft"), "{}", stderr(&out));
}

/// The Spanish content with its `review: pending` line replaced by `review`.
fn reviewed(review: &str) -> String {
    let es = spanish_content();
    assert!(es.contains("  review: pending\n"));
    es.replacen("  review: pending\n", review, 1)
}

#[test]
fn an_approved_translation_has_no_draft_line() {
    let dir = temp_dir("es-approved");
    let approved = "  review: approved\n  reviewed_by: Ana Pérez, certified translator\n  reviewed_on: 2025-03-31\n";
    std::fs::write(dir.join("es.yaml"), reviewed(approved)).unwrap();
    for args in [&["brochure"][..], &["poster"], &["card"]] {
        let mut all = args.to_vec();
        all.extend(["--content", "es.yaml", "-o", "out.pdf"]);
        let out = run_ok(&dir, &all);
        assert!(!stderr(&out).contains("draft"), "{}", stderr(&out));
        let pdf = inspect(&std::fs::read(dir.join("out.pdf")).unwrap());
        for page in &pdf.pages {
            let text = page.lines.join(" ");
            assert!(
                !text.contains("DRAFT") && !text.contains("BORRADOR"),
                "{text}"
            );
        }
    }
}

#[test]
fn an_approval_without_who_or_when_is_refused_at_its_line() {
    let dir = temp_dir("es-approval");
    let cases = [
        (
            "  review: approved\n  reviewed_on: 2025-03-31\n",
            "reviewed_by",
        ),
        (
            "  review: approved\n  reviewed_by: Ana Pérez\n",
            "reviewed_on",
        ),
        (
            "  review: approved\n  reviewed_by: Ana Pérez\n  reviewed_on: 31/03/2025\n",
            "YYYY-MM-DD",
        ),
    ];
    for (review, named) in cases {
        let yaml = reviewed(review);
        std::fs::write(dir.join("es.yaml"), &yaml).unwrap();
        let out = foldline()
            .args(["brochure", "--content", "es.yaml", "-o", "x.pdf"])
            .current_dir(&dir)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{review}");
        let err = stderr(&out);
        let key = if named == "YYYY-MM-DD" {
            "reviewed_on:"
        } else {
            "review:"
        };
        let line = yaml
            .lines()
            .position(|l| l.trim_start().starts_with(key))
            .unwrap()
            + 1;
        assert!(
            err.contains(named) && err.contains(&format!("es.yaml:{line}:")),
            "{err}"
        );
        assert!(!dir.join("x.pdf").exists());
    }
}

#[test]
fn an_approved_translation_of_an_english_text_that_changed_warns() {
    let dir = temp_dir("es-stale");
    let approved = "  review: approved\n  reviewed_by: Ana Pérez\n  reviewed_on: 2025-03-31\n";
    let yaml = reviewed(approved);
    let stored = yaml
        .lines()
        .find_map(|l| l.trim().strip_prefix("source_hash: "))
        .unwrap()
        .to_string();
    // Reviewed against today's built-in English file, then against another.
    let current = foldline::content::review::hash(content::load::EMBEDDED_EN);
    for (hash, warns) in [(current, false), ("0".repeat(64), true)] {
        std::fs::write(dir.join("es.yaml"), yaml.replace(&stored, &hash)).unwrap();
        let out = run_ok(&dir, &["brochure", "--content", "es.yaml", "-o", "x.pdf"]);
        assert_eq!(
            stderr(&out).contains("may be out of date"),
            warns,
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn language_codes_are_read_as_people_write_them() {
    let dir = temp_dir("lang-codes");
    // Any case, and the aliases of the table.
    for (code, file) in [
        ("ES", "built-in Spanish content"),
        ("es-US", "built-in Spanish content"),
        ("spa", "built-in Spanish content"),
        ("fil", "built-in Tagalog content"),
        ("RU-ru", "built-in Russian content"),
    ] {
        let out = run_ok(&dir, &["brochure", "--lang", code, "-o", "x.pdf"]);
        assert!(stderr(&out).contains(file), "{code}: {}", stderr(&out));
    }
    let refused = |code: &str| {
        let out = foldline()
            .args(["brochure", "--lang", code, "-o", "y.pdf"])
            .current_dir(&dir)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{code}");
        assert!(!dir.join("y.pdf").exists());
        stderr(&out)
    };
    let err = refused("zh");
    assert!(
        err.contains("ambiguous") && err.contains("zh-Hant") && err.contains("zh-Hans"),
        "{err}"
    );
    let err = refused("spanish");
    assert!(err.contains("Did you mean es (Spanish)?"), "{err}");
    let err = refused("русский");
    assert!(err.contains("Did you mean ru (Russian)?"), "{err}");
    // A print run files the pieces under the table's code.
    run_ok(
        &dir,
        &[
            "run",
            "--counties",
            "Placer",
            "--products",
            "card",
            "--lang",
            "en,ES-us",
            "-o",
            "run",
        ],
    );
    assert!(dir.join("run/placer/es/card.pdf").is_file());
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

/// The document title as a viewer or screen reader shows it: decoded from
/// the Info dictionary, it is the content's own title in every language
/// (not UTF-8 bytes read as PDFDocEncoding).
#[test]
fn the_title_reads_back_in_every_language() {
    let dir = temp_dir("lang-title");
    for lang in LANGUAGES.iter().map(|l| l.code) {
        let (bytes, _) = make(&dir, lang, &["brochure"]);
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
        let title = doc.get_dictionary(info).unwrap().get(b"Title").unwrap();
        let want = format!(
            "{} - Placer County",
            filled(lang, &Audience::default()).meta.title
        );
        assert_eq!(lopdf::decode_text_string(title).unwrap(), want, "{lang}");
    }
}
