//! Images (logos, icons) named in content: found, checked and decoded once,
//! within bounded memory. JPEG is kept byte for byte for the PDF.

use crate::error::{Error, Result};
use image::{ImageReader, Limits};
use std::io::Cursor;
use std::path::{Path, PathBuf};
use zune_jpeg::zune_core::bytestream::ZCursor;
use zune_jpeg::zune_core::colorspace::ColorSpace;
use zune_jpeg::zune_core::options::DecoderOptions;

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
    /// The file it was read from; None for a built-in image.
    pub file: Option<PathBuf>,
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
    let (bytes, file) = match (base, embedded) {
        (Some(dir), None) => read(dir, name)?,
        (Some(dir), Some(_)) if dir.join(name).exists() => read(dir, name)?,
        (_, Some(bytes)) => (bytes, None),
        (None, None) => {
            return Err(Error::input(format!(
                "image {name} is not built in; the built-in images are: {}",
                built_in()
            )))
        }
    };
    let mut picture = decode(name, bytes)?;
    picture.file = file;
    Ok(picture)
}

fn built_in() -> String {
    EMBEDDED.map(|(n, _)| n).join(", ")
}

fn read(dir: &Path, name: &str) -> Result<(Vec<u8>, Option<PathBuf>)> {
    let path = super::paths::resolve(dir, name)?;
    let bytes = crate::input::read_bounded(&path, "image", MAX_FILE)?;
    Ok((bytes, Some(path)))
}

fn decode(name: &str, bytes: Vec<u8>) -> Result<Picture> {
    let bad = |why: String| Error::input(format!("image {name}: {why}"));
    let mut reader = ImageReader::new(Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| bad(e.to_string()))?;
    match reader.format() {
        Some(image::ImageFormat::Jpeg) => return jpeg(name, bytes),
        Some(image::ImageFormat::Png) => {}
        _ => return Err(bad("is not a PNG or JPEG file".into())),
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
    let color = img.color();
    let channels = if color.has_color() { 3 } else { 1 };
    let alpha = color
        .has_alpha()
        .then(|| img.to_luma_alpha8().pixels().map(|p| p.0[1]).collect());
    let samples = if channels == 3 {
        img.to_rgb8().into_raw()
    } else {
        img.to_luma8().into_raw()
    };
    Ok(Picture {
        name: name.to_string(),
        file: None,
        width: img.width(),
        height: img.height(),
        channels,
        pixels: Pixels::Raw { samples, alpha },
    })
}

/// A JPEG goes into the PDF as it is, but is decoded in full once first,
/// strictly: the `image` crate's decoder fills a truncated file's missing
/// rows with grey and reports no error, which would print a logo with its
/// lower part missing.
fn jpeg(name: &str, bytes: Vec<u8>) -> Result<Picture> {
    let bad = |why: String| Error::input(format!("image {name}: {why}"));
    let options = DecoderOptions::default()
        .set_strict_mode(true)
        .set_max_width(MAX_SIDE as usize)
        .set_max_height(MAX_SIDE as usize);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(&bytes), options);
    decoder
        .decode_headers()
        .map_err(|e| bad(format!("cannot be decoded ({e})")))?;
    let (width, height) = decoder.dimensions().unwrap_or_default();
    let channels = match decoder.input_colorspace() {
        Some(ColorSpace::Luma) => 1,
        Some(ColorSpace::CMYK | ColorSpace::YCCK) => {
            return Err(bad("is a CMYK JPEG; save it as RGB or greyscale".into()))
        }
        _ => 3,
    };
    if width as u64 * height as u64 * channels as u64 > MAX_DECODED {
        return Err(bad(format!(
            "cannot be decoded ({width} x {height} pixels is more than {MAX_DECODED} bytes decoded)"
        )));
    }
    decoder.decode().map_err(|e| {
        bad(format!(
            "cannot be decoded ({e}); the file may be cut short: save or download it again"
        ))
    })?;
    Ok(Picture {
        name: name.to_string(),
        file: None,
        width: width as u32,
        height: height as u32,
        channels,
        pixels: Pixels::Jpeg(bytes),
    })
}
