//! Any text as a content file, through load, layout, render and the
//! read-back of the printed numbers: foldline must answer with a PDF or an
//! error, never a panic or a hang, and what it lays out must stay inside
//! the safe areas. The input's length picks the product, so mutations
//! reach all of them.
#![no_main]

use foldline::content::{choose, fill, from_text, Audience};
use foldline::preflight::{self, Level};
use foldline::printed;
use foldline::products::{PosterSize, Product};
use foldline::render::{render, Options};
use libfuzzer_sys::fuzz_target;

const PRODUCTS: [Product; 4] = [
    Product::Brochure,
    Product::Poster {
        size: PosterSize::Letter,
        tear_off: 4,
    },
    Product::Card { sheet: false },
    Product::Card { sheet: true },
];

fuzz_target!(|data: &[u8]| {
    // Files that are not UTF-8 are refused before parsing (load::read_file).
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let made = from_text(text.to_string(), "fuzz.yaml".into(), None).and_then(|source| {
        let choice = choose(&source, &Audience::default())?;
        let content = fill(&source, &choice)?;
        Ok((source, choice, content))
    });
    let (source, choice, content) = match made {
        Ok(m) => m,
        Err(e) => return assert!(!e.message.is_empty()),
    };
    let product = PRODUCTS[data.len() % PRODUCTS.len()];
    let doc = match product.build(&content) {
        Ok(d) => d,
        Err(e) => return assert!(!e.message.is_empty()),
    };
    let report = preflight::document(&doc);
    let outside: Vec<_> = report
        .at(Level::Error)
        .filter(|f| f.check == "safe area")
        .collect();
    assert!(outside.is_empty(), "{product:?}: {outside:?}");
    let pdf = render(&doc, &Options::PRINT_SHOP).expect("a laid-out document renders");
    assert!(pdf.starts_with(b"%PDF-"));
    // A refusal (a number broken across lines) is an answer too.
    if let Err(e) = printed::read_back(&pdf, product, &content, &choice, &source) {
        assert!(!e.message.is_empty());
    }
});
