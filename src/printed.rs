//! What a finished PDF prints, read back from its own text: every phone
//! number on its pages, each with where it comes from. The manifest and
//! the proof sheet list these, not what the inputs asked for, and a piece
//! that prints a number nobody meant (or a number cut in two at a line
//! end) is refused before it is written.

use crate::content::hotline;
use crate::content::model::Block;
use crate::content::{Choice, Content, Source};
use crate::error::{Error, Result};
use crate::inspect;
use crate::products::Product;

/// One number a piece prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    /// In house style (1.888.373.7888).
    pub number: String,
    /// How many times the piece prints it.
    pub times: usize,
    /// Where it comes from: the registry page, who gave it, or the line of
    /// the content file.
    pub source: String,
}

impl Printed {
    /// "1.888.373.7888 ×3 (source)", as the manifest writes it.
    pub fn describe(&self) -> String {
        format!("{} ×{} ({})", self.number, self.times, self.source)
    }
}

/// Reads the numbers `pdf` prints and gives each its source: the hotline
/// `choice` made (with its source), or a number `source` writes itself
/// (with its line). They must be exactly the numbers the sections of
/// `product` in `content` (filled in) write: a number nobody meant, one
/// broken across lines or one missing is an error, and nothing is written.
pub fn read_back(
    pdf: &[u8],
    product: Product,
    content: &Content,
    choice: &Choice,
    source: &Source,
) -> Result<Vec<Printed>> {
    let info = inspect::inspect(pdf);
    let mut printed: Vec<Printed> = Vec::new();
    for (i, page) in info.pages.iter().enumerate() {
        for line in &page.lines {
            for written in hotline::find(line) {
                let number = written.number.map_err(|why| {
                    Error::input(format!(
                        "page {} prints \"{}\" in \"{line}\", which is not a whole phone number ({why}); nothing was written. A number must not be broken across lines: shorten the text around it",
                        i + 1,
                        written.text
                    ))
                })?;
                if let Some(p) = printed.iter_mut().find(|p| p.number == number) {
                    p.times += 1;
                    continue;
                }
                let from = if number == choice.hotline {
                    choice.source()
                } else if let Some(literal) = source.numbers.iter().find(|l| l.number == number) {
                    source.cite(literal.line)
                } else {
                    return Err(Error::input(format!(
                        "page {} prints {number}, which is neither the hotline chosen ({}) nor a number the content writes; nothing was written",
                        i + 1,
                        choice.hotline
                    )));
                };
                printed.push(Printed {
                    number,
                    times: 1,
                    source: from,
                });
            }
        }
    }
    for number in meant(product, content) {
        if !printed.iter().any(|p| p.number == number) {
            return Err(Error::input(format!(
                "the content gives this {} the number {number}, but it is not printed whole (broken across lines?); nothing was written. Shorten the text around it",
                product.file_stem()
            )));
        }
    }
    Ok(printed)
}

/// The numbers the sections `product` prints write, placeholders filled in.
fn meant(product: Product, content: &Content) -> Vec<String> {
    let mut numbers = Vec::new();
    for key in product.section_keys(content) {
        let Some(section) = content.sections.get(key) else {
            continue;
        };
        let mut section = section.clone();
        for block in &mut section.blocks {
            // A QR code's data is not printed as text; its caption is.
            if let Block::Qr(qr) = block {
                qr.data.clear();
            }
        }
        let _ = section.for_each_text_mut(&mut |t: &mut String| {
            numbers.extend(hotline::find(t).into_iter().filter_map(|w| w.number.ok()));
            Ok::<_, ()>(())
        });
    }
    numbers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{self, Audience};
    use crate::render::{render, Options};

    fn for_county(source: &Source, county: &str) -> (Choice, Content) {
        let audience = Audience {
            county: Some(county.into()),
            hotline: None,
        };
        let choice = content::choose(source, &audience).unwrap();
        let filled = content::fill(source, &choice).unwrap();
        (choice, filled)
    }

    /// The pipeline broken on purpose: a brochure made for one county is
    /// read back as if it had been meant for another.
    #[test]
    fn a_piece_that_prints_a_number_not_meant_is_refused() {
        let source = content::read(None, None).unwrap();
        let (yolo, yolo_content) = for_county(&source, "Yolo");
        let pdf = render(
            &Product::Brochure.build(&yolo_content).unwrap(),
            &Options::OFFICE,
        )
        .unwrap();
        let printed = read_back(&pdf, Product::Brochure, &yolo_content, &yolo, &source).unwrap();
        assert_eq!(printed[0].number, yolo.hotline);
        assert_eq!(printed[0].source, yolo.source());

        let (sonoma, sonoma_content) = for_county(&source, "Sonoma");
        assert_ne!(sonoma.hotline, yolo.hotline);
        let e = read_back(&pdf, Product::Brochure, &sonoma_content, &sonoma, &source).unwrap_err();
        assert!(
            e.message.contains(&format!(
                "prints {}, which is neither the hotline chosen ({})",
                yolo.hotline, sonoma.hotline
            )),
            "{}",
            e.message
        );
        // A piece that lacks a number its sections write is refused too
        // (as when a number is broken across two lines).
        let card = Product::Card { sheet: false };
        let card_pdf = render(&card.build(&yolo_content).unwrap(), &Options::OFFICE).unwrap();
        assert!(read_back(&card_pdf, card, &yolo_content, &yolo, &source).is_ok());
        let mut more = yolo_content.clone();
        let back = more
            .card
            .as_ref()
            .unwrap()
            .back
            .keys()
            .next()
            .unwrap()
            .clone();
        let section = more.sections.get_mut(&back).unwrap();
        section.blocks.push(crate::content::model::Block::Paragraph(
            "Or 530.886.5400".into(),
        ));
        let e = read_back(&card_pdf, card, &more, &yolo, &source).unwrap_err();
        assert!(
            e.message
                .contains("the number 530.886.5400, but it is not printed whole"),
            "{}",
            e.message
        );
    }
}
