//! Render: the display list to PDF bytes.

mod finish;
mod pdf;
mod subset;

pub use pdf::render;
