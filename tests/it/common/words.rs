//! The words a piece must print, from the content itself, and the check
//! that a PDF holds every one of them.

use super::pdftext::PdfInfo;
use super::{normalize, pdf_tokens};
use foldline::content::model::Block;
use foldline::content::Content;
use foldline::layout::markup::plain;
use std::collections::HashMap;

/// Every word of every section a brochure panel names, `normalize`d.
pub fn brochure_words(c: &Content) -> Vec<String> {
    let keys = c
        .brochure
        .outside
        .iter()
        .chain(&c.brochure.inside)
        .flat_map(|panel| panel.sections.iter().chain(&panel.bottom));
    section_words(c, keys)
}

/// The words of the named sections as they read on the page (markup
/// removed, hyphens dropped as in `pdf_tokens`); sections left out for the
/// county are skipped, as products skip them.
pub fn section_words<'a>(c: &Content, keys: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    let mut texts = Vec::new();
    for key in keys {
        if let Some(section) = c.sections.get(key) {
            // A QR code's data is printed as the code; its caption as text.
            let mut s = section.clone();
            s.blocks.retain(|b| !matches!(b, Block::Qr(_)));
            texts.extend(section.blocks.iter().filter_map(|b| match b {
                Block::Qr(q) => q.caption.clone(),
                _ => None,
            }));
            s.for_each_text_mut(&mut |t: &mut String| {
                texts.push(plain(t));
                Ok::<_, ()>(())
            })
            .unwrap();
        }
    }
    texts
        .iter()
        .flat_map(|t| t.split_whitespace())
        .map(normalize)
        .collect()
}

/// Panics naming the words of `expected` the PDF lacks (counting repeats).
pub fn assert_all_present(expected: &[String], pdf: &PdfInfo) {
    let tokens = pdf_tokens(pdf);
    let mut have: HashMap<&str, usize> = HashMap::new();
    for t in &tokens {
        *have.entry(t).or_default() += 1;
    }
    let missing: Vec<&String> = expected
        .iter()
        .filter(|w| match have.get_mut(w.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect();
    assert!(
        missing.is_empty(),
        "words missing from the PDF: {missing:?}\nPDF text: {tokens:?}"
    );
}
