//! Fill and rhythm, read from the display list each product builds: no
//! brochure panel ends with more than 15 % of its height empty, in English
//! and Spanish, and the space under a heading is the same on every panel.

use crate::common::{filled, run_ok, temp_dir};
use foldline::content::model::Review;
use foldline::content::{Audience, Content};
use foldline::display::Cmyk;
use foldline::display::{Item, Page};
use foldline::layout::markup::spans;
use foldline::layout::paragraph::break_lines;
use foldline::products::trifold::{INSIDE, OUTSIDE, SAFE};
use foldline::products::PosterSize;
use foldline::products::Product;
use proptest::prelude::*;

/// The most of a panel's height that may be left empty at its foot.
const MOST_EMPTY: f32 = 0.15;

/// The built-in content in `lang`, as a reviewed translation: the draft
/// line a pending one carries at every panel's foot would fill it.
fn reviewed(lang: &str) -> Content {
    let mut content = filled(lang, &Audience::default());
    if content.meta.review.is_some() {
        content.meta.review = Some(Review::Approved);
    }
    content
}

/// Each area of each page with the fraction of it left empty at the foot.
fn unfilled(pages: &[Page]) -> Vec<(String, f32)> {
    pages
        .iter()
        .flat_map(|p| p.areas.iter().map(|a| (a.name.clone(), p.unfilled(a))))
        .collect()
}

#[test]
fn no_brochure_panel_ends_more_than_15_percent_empty() {
    for lang in ["en", "es"] {
        let doc = Product::Brochure.build(&reviewed(lang)).unwrap();
        let all = unfilled(&doc.pages);
        assert_eq!(all.len(), 6, "{lang}: six panels");
        for (panel, empty) in all {
            assert!(
                empty <= MOST_EMPTY,
                "{lang}: panel {panel} ends {:.0} % empty",
                empty * 100.0
            );
        }
    }
}

/// The measure can fail: a brochure whose flap holds only its heading is
/// nearly all empty there.
#[test]
fn a_nearly_empty_panel_is_measured_as_empty() {
    let mut content = reviewed("en");
    let flap = &mut content.brochure.outside[0];
    flap.sections.truncate(1);
    flap.bottom.clear();
    let key = flap.sections[0].clone();
    content.sections.get_mut(&key).unwrap().blocks.truncate(0);
    let doc = Product::Brochure.build(&content).unwrap();
    let (name, empty) = &unfilled(&doc.pages)[0];
    assert_eq!(name, "flap");
    assert!(*empty > 0.8, "flap with a heading only: {empty}");
}

/// The gap from a heading's accent bar to the first line under it, on
/// every panel of the brochure: one rhythm, not one per panel.
#[test]
fn the_space_under_a_heading_is_the_same_on_every_panel() {
    for lang in ["en", "es"] {
        let doc = Product::Brochure.build(&reviewed(lang)).unwrap();
        let mut gaps = Vec::new();
        for page in &doc.pages {
            let items: Vec<&Item> = page.items.iter().filter(|i| !i.is_tag()).collect();
            for (i, item) in items.iter().enumerate() {
                // The accent bar: a short, thin filled rectangle in text.
                let Item::Rect {
                    rect,
                    fill: Some(_),
                    ..
                } = item
                else {
                    continue;
                };
                if rect.h > 4.0 || rect.w > 60.0 || rect.w < 30.0 {
                    continue;
                }
                let next = items[i + 1..].iter().find_map(|n| match n {
                    Item::Text(run) => Some(run.baseline + run.size * 0.75),
                    _ => None,
                });
                if let Some(cap) = next {
                    gaps.push(rect.y - cap);
                }
            }
        }
        assert!(gaps.len() >= 5, "{lang}: headings found: {}", gaps.len());
        let (lo, hi) = gaps
            .iter()
            .fold((f32::MAX, f32::MIN), |(a, b), &g| (a.min(g), b.max(g)));
        assert!(
            hi - lo < 1.5,
            "{lang}: space under headings from {lo:.1} to {hi:.1} pt"
        );
    }
}

/// Each poster column and each card side ends at most 15 % empty, in
/// English and Spanish, at every sheet size, with and without tabs.
#[test]
fn no_poster_column_or_card_side_ends_more_than_15_percent_empty() {
    for lang in ["en", "es"] {
        let content = reviewed(lang);
        let mut products = vec![Product::Card { sheet: false }];
        for size in PosterSize::ALL {
            products.push(Product::Poster { size, tear_off: 0 });
            products.push(Product::Poster { size, tear_off: 6 });
        }
        for product in products {
            let doc = product
                .build(&content)
                .unwrap_or_else(|e| panic!("{lang} {product:?}: {}", e.message));
            let columns: Vec<_> = unfilled(&doc.pages)
                .into_iter()
                .filter(|(name, _)| name.starts_with("column"))
                .collect();
            // Two body columns on a poster; one on each side of the card.
            assert_eq!(columns.len(), 2, "{lang} {product:?}: {columns:?}");
            for (column, empty) in columns {
                assert!(
                    empty <= MOST_EMPTY,
                    "{lang} {product:?}: {column} ends {:.0} % empty",
                    empty * 100.0
                );
            }
        }
    }
}

/// The same measure on the rendered page: the lowest row in each panel's
/// safe area that is not the panel's own background colour.
#[test]
fn the_rendered_brochure_has_no_empty_panel_foot() {
    let dir = temp_dir("fill-png");
    run_ok(&dir, &["brochure", "--preview", "-o", "b.pdf"]);
    for (n, widths) in [(1, OUTSIDE), (2, INSIDE)] {
        let img = image::open(dir.join(format!("b-page{n}.png")))
            .unwrap()
            .to_rgb8();
        // 100 dpi: a point is 100/72 pixels.
        let px = |pt: f32| (pt * 100.0 / 72.0).round() as u32;
        let (top, bottom) = (px(SAFE), img.height() - px(SAFE));
        let mut x = 0.0;
        for (i, w) in widths.iter().enumerate() {
            let (left, right) = (px(x + SAFE), px(x + w - SAFE));
            x += w;
            let background = img.get_pixel(left, bottom - 1).0;
            let differs = |p: [u8; 3]| {
                p.iter()
                    .zip(background)
                    .map(|(&a, b)| (a as i32 - b as i32).abs())
                    .sum::<i32>()
                    > 60
            };
            let lowest = (top..bottom)
                .rev()
                .find(|&y| (left..right).any(|x| differs(img.get_pixel(x, y).0)))
                .unwrap_or(top);
            let empty = (bottom - lowest) as f32 / (bottom - top) as f32;
            assert!(
                empty <= MOST_EMPTY,
                "page {n}, panel {}: the picture ends {:.0} % empty",
                i + 1,
                empty * 100.0
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// A phone number anywhere in running text, in any column width, is
    /// set whole on one line: never broken at its dots or dashes.
    #[test]
    fn a_phone_number_is_never_split_across_lines(
        before in prop::collection::vec("[a-z]{1,8}", 0..30),
        after in prop::collection::vec("[a-z]{1,8}", 0..30),
        number in (200u32..999, 200u32..999, 1000u32..9999),
        dashes in any::<bool>(),
        width in 70.0f32..260.0,
    ) {
        let sep = if dashes { "-" } else { "." };
        let number = format!("{}{sep}{}{sep}{}", number.0, number.1, number.2);
        let text = format!("{} {number} {}", before.join(" "), after.join(" "));
        match break_lines(&spans(&text, false), 10.0, Cmyk::BLACK, width, "en", true) {
            Ok(lines) => {
                let whole = lines.iter().filter(|l| l.text().contains(&number)).count();
                let all: Vec<String> = lines.iter().map(|l| l.text()).collect();
                prop_assert_eq!(whole, 1, "{} in {:?}", number, all);
            }
            // Too narrow for the number: refused, naming it, never broken.
            Err(e) => prop_assert!(e.message.contains(&format!("\"{number}\" is")), "{}", e.message),
        }
    }
}
