//! Fill and rhythm, read from the display list each product builds: no
//! brochure panel ends with more than 15 % of its height empty, in English
//! and Spanish, and the space under a heading is the same on every panel.

use foldline::content::model::Review;
use foldline::content::{self, Audience, Content};
use foldline::display::{Item, Page};
use foldline::products::Product;

/// The most of a panel's height that may be left empty at its foot.
const MOST_EMPTY: f32 = 0.15;

/// The built-in content in `lang`, as a reviewed translation: the draft
/// line a pending one carries at every panel's foot would fill it.
fn reviewed(lang: &str) -> Content {
    let source = content::read(None, Some(lang)).unwrap();
    let choice = content::choose(&source, &Audience::default()).unwrap();
    let mut content = content::fill(&source, &choice).unwrap();
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
