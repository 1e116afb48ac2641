//! foldline: YAML content to print-ready PDF brochures, posters and cards.
//!
//! One pipeline: `content` (load and check YAML) -> `layout` (fonts,
//! shaping, line breaking, frames) -> `products` (geometry, which content
//! goes where) -> `display` (positioned items) -> `render` (PDF).

pub mod catalog;
pub mod colour;
pub mod content;
pub mod contrast;
pub mod display;
pub mod error;
pub mod input;
pub mod inspect;
pub mod layout;
pub mod output;
pub mod preflight;
pub mod printed;
pub mod products;
pub mod render;
pub mod run;
