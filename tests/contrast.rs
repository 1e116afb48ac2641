//! Text contrast (WCAG 2.1, 1.4.3) through FOGRA39: the shipped themes pass
//! on every product; a theme that fails is refused, naming its colours.

mod common;

use common::{foldline, stderr, temp_dir};
use foldline::content::languages::LANGUAGES;
use foldline::content::load::EMBEDDED_EN;
use foldline::content::{self, Audience};
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
        let source = content::read(None, Some(lang)).unwrap();
        let choice = content::choose(&source, &Audience::default()).unwrap();
        let content = content::fill(&source, &choice).unwrap();
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
