//! Images (logos, icons) named in content: found, checked and decoded once,
//! within bounded memory. JPEG is kept byte for byte for the PDF.

use crate::error::{Error, Result};
use image::{ImageReader, Limits};
use std::io::Cursor;
use std::path::Path;

/// Images bigger than this are refused before decoding (decompression bombs).
const MAX_FILE: u64 = 20 * 1024 * 1024;
const MAX_SIDE: u32 = 12_000;
const MAX_DECODED: u64 = 256 * 1024 * 1024;

/// Assets built into the binary, for the built-in content.
const EMBEDDED: [(&str, &[u8]); 1] =
    [("assets/phone.png", include_bytes!("../../assets/phone.png"))];

#[derive(Debug, Clone, PartialEq)]
pub enum Pixels {
    /// The JPEG file as it is, written to the PDF with /DCTDecode.
    Jpeg(Vec<u8>),
    /// Decoded samples, one byte per channel, and an alpha mask if any.
    Raw {
        samples: Vec<u8>,
        alpha: Option<Vec<u8>>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// Where it came from, for messages.
    pub name: String,
    pub width: u32,
    pub height: u32,
    /// 1 (grey) or 3 (RGB).
    pub channels: u8,
    pub pixels: Pixels,
}

/// Loads the image `name` named in a content file in `base`: a file next
/// to the content, else an asset built into the binary (the built-in
/// content has only those).
pub fn load(name: &str, base: Option<&Path>) -> Result<Picture> {
    let embedded = EMBEDDED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, b)| b.to_vec());
    let bytes = match (base, embedded) {
        (Some(dir), None) => read(dir, name)?,
        (Some(dir), Some(_)) if dir.join(name).exists() => read(dir, name)?,
        (_, Some(bytes)) => bytes,
        (None, None) => {
            return Err(Error::input(format!(
                "image {name} is not built in; the built-in images are: {}",
                built_in()
            )))
        }
    };
    decode(name, bytes)
}

fn built_in() -> String {
    EMBEDDED.map(|(n, _)| n).join(", ")
}

fn read(dir: &Path, name: &str) -> Result<Vec<u8>> {
    let path = super::paths::resolve(dir, name)?;
    let meta = std::fs::metadata(&path)
        .map_err(|e| Error::input(format!("cannot read image {}: {e}", path.display())))?;
    if meta.len() > MAX_FILE {
        return Err(Error::input(format!(
            "image {} is {} bytes; images are limited to {MAX_FILE} bytes",
            path.display(),
            meta.len()
        )));
    }
    std::fs::read(&path)
        .map_err(|e| Error::input(format!("cannot read image {}: {e}", path.display())))
}

fn decode(name: &str, bytes: Vec<u8>) -> Result<Picture> {
    let bad = |why: String| Error::input(format!("image {name}: {why}"));
    let mut reader = ImageReader::new(Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| bad(e.to_string()))?;
    let format = reader.format();
    if !matches!(
        format,
        Some(image::ImageFormat::Png | image::ImageFormat::Jpeg)
    ) {
        return Err(bad("is not a PNG or JPEG file".into()));
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODED);
    reader.limits(limits);
    // Decoding in full also proves the file is not corrupt.
    let img = reader
        .decode()
        .map_err(|e| bad(format!("cannot be decoded ({e})")))?;
    let (width, height) = (img.width(), img.height());
    let color = img.color();
    let channels = if color.has_color() { 3 } else { 1 };
    let pixels = if format == Some(image::ImageFormat::Jpeg) {
        if jpeg_components(&bytes) == Some(4) {
            return Err(bad("is a CMYK JPEG; save it as RGB or greyscale".into()));
        }
        Pixels::Jpeg(bytes)
    } else {
        let alpha = color
            .has_alpha()
            .then(|| img.to_luma_alpha8().pixels().map(|p| p.0[1]).collect());
        let samples = if channels == 3 {
            img.to_rgb8().into_raw()
        } else {
            img.to_luma8().into_raw()
        };
        Pixels::Raw { samples, alpha }
    };
    Ok(Picture {
        name: name.to_string(),
        width,
        height,
        channels,
        pixels,
    })
}

/// The number of colour components in a JPEG's frame header.
fn jpeg_components(bytes: &[u8]) -> Option<u8> {
    let mut i = 2;
    while i + 9 < bytes.len() {
        if bytes[i] != 0xFF {
            return None;
        }
        let marker = bytes[i + 1];
        let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
        if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            return Some(bytes[i + 9]);
        }
        i += 2 + len;
    }
    None
}
