//! Text contrast (WCAG 2.1, 1.4.3) through FOGRA39: the shipped themes pass
//! on every product; a theme that fails is refused, naming its colours.

use crate::common;

use common::{foldline, stderr, temp_dir};
use foldline::content::languages::LANGUAGES;
use foldline::content::load::EMBEDDED_EN;
use foldline::content::Audience;
use foldline::contrast;
use foldline::preflight::{self, Level};
use foldline::products::{PosterSize, Product};

/// Every product, posters with and without tear-off tabs (a translation,
/// longer than the English and carrying its draft line, does not fit the
/// squarer sheets, Letter and 18 x 24 in, with tabs).
fn every_product(lang: &str) -> Vec<Product> {
    let mut all = vec![
        Product::Brochure,
        Product::Card { sheet: false },
        Product::Card { sheet: true },
    ];
    for size in PosterSize::ALL {
        all.push(Product::Poster { size, tear_off: 0 });
        if lang == "en" || matches!(size, PosterSize::Tabloid | PosterSize::In24x36) {
            all.push(Product::Poster { size, tear_off: 6 });
        }
    }
    all
}

#[test]
fn the_shipped_themes_pass_on_every_product() {
    for lang in LANGUAGES.iter().map(|l| l.code) {
        let content = common::filled(lang, &Audience::default());
        let tagline = content.sections["cover"]
            .blocks
            .iter()
            .find_map(|b| match b {
                foldline::content::model::Block::Cover(c) => Some(c.tagline.clone()),
                _ => None,
            })
            .unwrap();
        // Its first two letters: a line may end inside a tagline written
        // without spaces (Chinese, Japanese).
        let first_word: String = tagline
            .chars()
            .filter(|c| !c.is_whitespace())
            .take(2)
            .collect();
        for product in every_product(lang) {
            let doc = product.build(&content).unwrap();
            let walk = contrast::of_document(&doc);
            let what = format!("{lang} {}", product.file_stem());
            let failing: Vec<_> = walk.failures().collect();
            assert!(failing.is_empty(), "{what}: {failing:?}");
            // Real pairs were measured: body text on paper, white on the
            // primary colour, and the tagline on its accent band.
            let palette = &doc.colours;
            let named = |key: &str| palette.iter().find(|(n, _)| *n == key).unwrap().1;
            let has = |text, background| {
                walk.pairs
                    .iter()
                    .any(|p| p.text == named(text) && p.background == background)
            };
            assert!(has("text (100 % K)", None), "{what}: {:?}", walk.pairs);
            assert!(
                has("theme.on_primary", Some(named("theme.primary"))),
                "{what}"
            );
            let on_band = walk.pairs.iter().any(|p| {
                p.example.starts_with(&first_word) && p.background == Some(named("theme.accent"))
            });
            assert!(
                on_band,
                "{what}: the tagline is not on the accent band: {:?}",
                walk.pairs
            );
            let report = preflight::document(&doc);
            let finding = report
                .findings
                .iter()
                .find(|f| f.check == "contrast")
                .unwrap();
            assert_eq!(finding.level, Level::Ok, "{what}: {}", finding.text);
        }
    }
}

/// Runs the brochure on the built-in content with `from` replaced by `to`
/// in its theme; returns the error message after checking that nothing
/// was written.
fn refused_theme(name: &str, from: &str, to: &str) -> String {
    let dir = temp_dir(name);
    let yaml = EMBEDDED_EN.replacen(from, to, 1);
    assert_ne!(yaml, EMBEDDED_EN, "{from:?} is not in the content");
    std::fs::write(dir.join("c.yaml"), yaml).unwrap();
    let out = foldline()
        .args(["brochure", "--content", "c.yaml", "-o", "out.pdf"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let msg = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{msg}");
    assert!(!dir.join("out.pdf").exists(), "{msg}");
    msg
}

#[test]
fn a_theme_that_fails_is_refused_with_the_colours_and_the_ratio() {
    // The flyer's first red: on the navy cover, and as bullets on paper.
    let msg = refused_theme(
        "contrast-red",
        "accent: [0, 95, 100, 10]",
        "accent: [0, 85, 95, 0]",
    );
    assert!(msg.contains("contrast: "), "{msg}");
    assert!(
        msg.contains(
            "theme.accent [0, 85, 95, 0] (#E8482A) on the paper (#FFFFFF): 3.89:1, needs 4.5:1"
        ),
        "{msg}"
    );
    assert!(msg.contains("\"⇒\""), "{msg}");

    // A light primary: the white hotline number and cover title on it.
    let msg = refused_theme(
        "contrast-primary",
        "primary: [100, 80, 20, 25]",
        "primary: [40, 20, 0, 0]",
    );
    let want = "theme.on_primary [0, 0, 0, 0] (#FFFFFF) on theme.primary [40, 20, 0, 0]";
    assert!(msg.contains(want), "{msg}");
    assert!(
        msg.contains(&format!("{want} (#A6BFE4): 1.88:1, needs 3:1 (large text")),
        "{msg}"
    );
}

/// The lines of each heading (H2, H3) of `doc`, as words per line.
fn heading_lines(doc: &foldline::display::Document) -> Vec<Vec<Vec<String>>> {
    use foldline::display::{Item, Role};
    let mut headings = Vec::new();
    for page in &doc.pages {
        let mut depth = 0usize;
        let mut lines: Vec<(f32, String)> = Vec::new();
        for item in &page.items {
            match item {
                Item::Begin {
                    role: Role::Heading(2 | 3),
                    ..
                } if depth == 0 => depth = 1,
                Item::Begin { .. } if depth > 0 => depth += 1,
                Item::End if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        lines.sort_by(|a, b| b.0.total_cmp(&a.0));
                        let mut by_line: Vec<(f32, String)> = Vec::new();
                        for (y, t) in lines.drain(..) {
                            match by_line.last_mut() {
                                Some((ly, lt)) if (*ly - y).abs() < 0.5 => lt.push_str(&t),
                                _ => by_line.push((y, t)),
                            }
                        }
                        headings.push(
                            by_line
                                .into_iter()
                                .map(|(_, t)| t.split_whitespace().map(String::from).collect())
                                .collect(),
                        );
                    }
                }
                Item::Text(run) if depth > 0 => lines.push((run.baseline, run.text())),
                _ => {}
            }
        }
    }
    headings
}

#[test]
fn no_heading_of_more_than_three_words_leaves_one_alone_on_a_line() {
    let mut wrapped = 0;
    for lang in ["en", "es"] {
        let content = common::filled(lang, &Audience::default());
        for product in every_product(lang) {
            let Ok(doc) = product.build(&content) else {
                continue;
            };
            for lines in heading_lines(&doc) {
                let words: usize = lines.iter().map(Vec::len).sum();
                wrapped += usize::from(lines.len() > 1);
                if words > 3 {
                    assert!(
                        lines.iter().all(|l| l.len() > 1),
                        "{lang} {}: {lines:?}",
                        product.file_stem()
                    );
                }
            }
        }
    }
    // Headings do wrap on these products (Spanish ones), so the rule is tested.
    assert!(wrapped > 0, "no heading wraps");
}
