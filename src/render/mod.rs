//! Render: the display list to PDF bytes, with print marks.

mod cff;
mod finish;
mod images;
pub mod marks;
mod pdf;
mod pdfx;
pub mod png;
mod subset;
mod tags;
mod xmp;

pub use pdf::render;

/// How the PDF is made ready for printing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// 0.125 in bleed on every trim edge (BleedBox), for a print shop.
    pub bleed: bool,
    /// Crop and fold marks outside the bleed.
    pub marks: bool,
    /// PDF/X-4: output intent, XMP metadata, PDF 1.6.
    pub pdfx: bool,
}

impl Options {
    /// For a print shop: bleed and marks.
    pub const PRINT_SHOP: Options = Options {
        bleed: true,
        marks: true,
        pdfx: false,
    };
    /// For an office printer: the page is the finished size, no marks.
    pub const OFFICE: Options = Options {
        bleed: false,
        marks: false,
        pdfx: false,
    };
}
