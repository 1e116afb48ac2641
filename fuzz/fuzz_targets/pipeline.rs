//! Any text as a content file, through load, layout and render: foldline
//! must answer with a PDF or an error, never a panic or a hang, and what
//! it lays out must stay inside the page's safe areas.
#![no_main]

use foldline::content::{load_text, Audience};
use foldline::display::Item;
use foldline::products::Product;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Files that are not UTF-8 are refused before parsing (load::read_file).
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let content = match load_text(text, "fuzz.yaml", &Audience::default()) {
        Ok(c) => c,
        Err(e) => return assert!(!e.message.is_empty()),
    };
    let doc = match Product::Brochure.build(&content) {
        Ok(d) => d,
        Err(e) => return assert!(!e.message.is_empty()),
    };
    for page in &doc.pages {
        for item in &page.items {
            if let Item::Text(run) = item {
                let inside = page.areas.iter().any(|a| {
                    run.x >= a.safe.x - 0.01
                        && run.x + run.width <= a.safe.right() + 0.01
                        && run.baseline >= a.safe.y - 0.01
                        && run.baseline <= a.safe.top() + 0.01
                });
                assert!(inside, "text outside every safe area: {:?}", run.text());
            }
        }
    }
    let pdf = foldline::render::render(&doc).expect("a laid-out document renders");
    assert!(pdf.starts_with(b"%PDF-"));
});
