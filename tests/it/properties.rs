//! Property tests on random content: what fits is printed whole, each word
//! inside its own panel's safe area; what does not fit is an overflow error
//! naming the panel, never a PDF with text missing.
//!
//! Each panel's words are made of their own four letters (panel 0 of a-d,
//! panel 1 of e-h, ...), so any word, or piece of a hyphenated word, read
//! back from the PDF tells which panel it belongs to.

use crate::common;

use common::pdftext::{inspect, PdfInfo};
use common::{normalize, pdf_tokens};
use foldline::content::{choose, fill, from_text, Audience};
use foldline::error::Kind;
use foldline::products::Product;
use foldline::render::{render, Options};
use proptest::prelude::*;
use std::collections::HashMap;

const PT: f64 = 72.0;

/// Safe rect [x0, y0, x1, y1] of panel 0-5 (outside left to right, then
/// inside), from the print geometry: 0.25 in inside trim and folds.
fn safe_area(panel: usize) -> [f64; 4] {
    let widths = if panel < 3 {
        [3.625, 3.6875, 3.6875]
    } else {
        [3.6875, 3.6875, 3.625]
    };
    let x: f64 = widths[..panel % 3].iter().sum();
    let w = widths[panel % 3];
    [(x + 0.25) * PT, 0.25 * PT, (x + w - 0.25) * PT, 8.25 * PT]
}

/// A word of panel `panel`'s letters; with `long`, now and then one
/// longer than a narrow column (cells and titles are never hyphenated).
fn word(panel: usize, long: bool) -> impl Strategy<Value = String> {
    let first = b'a' + 4 * panel as u8;
    let longest: usize = if long { 28 } else { 8 };
    let len = prop_oneof![12 => 1..=8usize, 1 => 8..=longest];
    len.prop_flat_map(move |n| proptest::collection::vec(0..4u8, n))
        .prop_map(move |v| v.into_iter().map(|i| (first + i) as char).collect())
}

fn words(
    panel: usize,
    n: std::ops::RangeInclusive<usize>,
    long: bool,
) -> impl Strategy<Value = String> {
    proptest::collection::vec(word(panel, long), n).prop_map(|w| w.join(" "))
}

/// One block as YAML lines (indented for a section's `blocks:`).
fn block(panel: usize, scale: usize) -> impl Strategy<Value = String> {
    let long = scale > 1;
    let list = move |items: std::ops::RangeInclusive<usize>, n: std::ops::RangeInclusive<usize>| {
        proptest::collection::vec(words(panel, n, long), items).prop_map(|items| {
            items
                .iter()
                .map(|i| format!("            - \"{i}\"\n"))
                .collect::<String>()
        })
    };
    prop_oneof![
        words(panel, 1..=12 * scale, long).prop_map(|t| format!("      - paragraph: \"{t}\"\n")),
        words(panel, 1..=6, long).prop_map(|t| format!("      - subheading: \"{t}\"\n")),
        (
            prop_oneof![Just("arrow"), Just("diamond"), Just("dot")],
            list(1..=2 * scale, 1..=12)
        )
            .prop_map(|(m, items)| format!(
                "      - bullets:\n          marker: {m}\n          items:\n{items}"
            )),
        (1..=3u8, list(1..=6, 1..=2)).prop_map(|(c, items)| format!(
            "      - grid:\n          columns: {c}\n          items:\n{items}"
        )),
        (words(panel, 1..=4, long), list(1..=3, 1..=8)).prop_map(|(t, lines)| format!(
            "      - callout:\n          title: \"{t}\"\n          lines:\n{lines}"
        )),
        list(1..=3, 1..=3).prop_map(|items| format!("      - highlights:\n{items}")),
        list(1..=3, 1..=6).prop_map(|items| format!("      - credits:\n{items}")),
    ]
}

fn section(
    panel: usize,
    blocks: std::ops::RangeInclusive<usize>,
    scale: usize,
) -> impl Strategy<Value = String> {
    (
        proptest::option::of(words(panel, 1..=4, scale > 1)),
        proptest::collection::vec(block(panel, scale), blocks),
    )
        .prop_map(move |(heading, blocks)| {
            let heading = heading.map_or(String::new(), |h| format!("    heading: \"{h}\"\n"));
            format!("  s{panel}:\n{heading}    blocks:\n{}", blocks.concat())
        })
}

/// A whole content file: six panels, one section each.
fn content(blocks: std::ops::RangeInclusive<usize>, scale: usize) -> impl Strategy<Value = String> {
    let sections: Vec<_> = (0..6).map(|p| section(p, blocks.clone(), scale)).collect();
    sections.prop_map(|s| {
        let panels = |range: std::ops::Range<usize>| {
            range
                .map(|p| format!("    - name: p{p}\n      sections: [s{p}]\n"))
                .collect::<String>()
        };
        format!(
            "meta:\n  title: Test\n  language: en\n  county: Placer\n  hotline: 1.866.293.1940\nsections:\n{}brochure:\n  outside:\n{}  inside:\n{}",
            s.concat(),
            panels(0..3),
            panels(3..6)
        )
    })
}

/// Every word of the content's text, in order.
fn content_words(yaml: &str) -> Vec<String> {
    yaml.split('"')
        .skip(1)
        .step_by(2)
        .flat_map(|t| t.split_whitespace())
        .map(normalize)
        .collect()
}

enum Outcome {
    Printed(PdfInfo),
    Overflow(String),
}

fn build(yaml: &str) -> Result<Outcome, TestCaseError> {
    let refused = |e: foldline::error::Error| {
        TestCaseError::fail(format!("random content refused: {e}\n{yaml}"))
    };
    let source = from_text(yaml.to_string(), "random.yaml".into(), None).map_err(refused)?;
    let choice = choose(&source, &Audience::default()).map_err(refused)?;
    let content = fill(&source, &choice).map_err(refused)?;
    match Product::Brochure.build(&content) {
        Ok(doc) => {
            // Office output: the page is the trim, as the safe areas assume.
            let bytes =
                render(&doc, &Options::OFFICE).map_err(|e| TestCaseError::fail(e.to_string()))?;
            Ok(Outcome::Printed(inspect(&bytes)))
        }
        Err(e) if e.kind == Kind::Fit => Ok(Outcome::Overflow(e.message)),
        Err(e) => Err(TestCaseError::fail(format!("not an overflow error: {e}"))),
    }
}

/// Every content word is in the PDF, and every PDF word lies inside the
/// safe area of the panel its letters belong to.
fn check_printed(yaml: &str, pdf: &PdfInfo) -> Result<(), TestCaseError> {
    let mut have: HashMap<String, usize> = HashMap::new();
    for t in pdf_tokens(pdf) {
        *have.entry(t).or_default() += 1;
    }
    for w in content_words(yaml) {
        match have.get_mut(&w) {
            Some(n) if *n > 0 => *n -= 1,
            _ => {
                return Err(TestCaseError::fail(format!(
                    "\"{w}\" is missing from the PDF"
                )))
            }
        }
    }
    for (page, p) in pdf.pages.iter().enumerate() {
        for w in &p.words {
            let letter = w.text.chars().find(|c| c.is_ascii_lowercase());
            let panels: Vec<usize> = match letter {
                Some(c) => vec![(c as u8 - b'a') as usize / 4],
                // Bullet markers and the like: any panel of the page.
                None => (page * 3..page * 3 + 3).collect(),
            };
            let inside = panels.iter().any(|&k| {
                let a = safe_area(k);
                k / 3 == page && common::within(w, a)
            });
            prop_assert!(
                inside,
                "page {}: {:?} is outside its panel's safe area",
                page + 1,
                w
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Anything from nearly empty panels to overfull ones.
    #[test]
    fn printed_whole_and_in_place_or_an_overflow_error(yaml in content(1..=6, 8)) {
        match build(&yaml)? {
            Outcome::Printed(pdf) => check_printed(&yaml, &pdf)?,
            Outcome::Overflow(msg) => {
                prop_assert!(msg.starts_with("brochure, "), "{}", msg);
                prop_assert!(msg.contains("panel 'p"), "{}", msg);
                prop_assert!(msg.contains("did not fit"), "{}", msg);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// A few short blocks per panel always fit and are printed whole.
    #[test]
    fn little_content_is_always_printed_whole(yaml in content(1..=2, 1)) {
        match build(&yaml)? {
            Outcome::Printed(pdf) => check_printed(&yaml, &pdf)?,
            Outcome::Overflow(msg) => prop_assert!(false, "{}\n{}", msg, yaml),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// Far more than a panel holds is an overflow error naming that panel.
    #[test]
    fn too_much_content_is_an_overflow_error_naming_the_panel(
        yaml in content(1..=1, 1),
        panel in 0..6usize,
        extra in words(0, 800..=900, false),
    ) {
        // Set extra words in `panel`'s letters into its section.
        let shift = |c: char| (c as u8 + 4 * panel as u8) as char;
        let extra: String = extra.chars().map(|c| if c == ' ' { c } else { shift(c) }).collect();
        let key = format!("  s{panel}:\n");
        let at = yaml.find(&key).unwrap() + key.len();
        let end = yaml[at..].find("    blocks:\n").unwrap() + at + "    blocks:\n".len();
        let yaml = format!("{}      - paragraph: \"{extra}\"\n{}", &yaml[..end], &yaml[end..]);
        match build(&yaml)? {
            Outcome::Printed(_) => prop_assert!(false, "{} words more in panel p{} printed", 800, panel),
            Outcome::Overflow(msg) => {
                let page = if panel < 3 { "outside page" } else { "inside page" };
                prop_assert!(msg.contains(&format!("{page}, panel 'p{panel}'")), "{}", msg);
            }
        }
    }
}
