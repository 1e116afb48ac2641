//! Images as PDF image XObjects: JPEG passes through untouched
//! (/DCTDecode); PNG samples go in as they are (Flate), alpha as a soft
//! mask. Nothing is resampled or re-encoded.

use crate::content::picture::{Picture, Pixels};
use crate::display::{Document, Item, Rect};
use printpdf::{
    CurTransMat, DictItem, ExternalStream, ExternalXObject, Op, PdfDocument, XObject, XObjectId,
    XObjectTransform,
};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The XObject name of each picture the document draws.
pub struct Images(Vec<(Arc<Picture>, XObjectId)>);

impl Images {
    pub fn embed(doc: &Document, pdf: &mut PdfDocument) -> Images {
        let mut images: Vec<(Arc<Picture>, XObjectId)> = Vec::new();
        for item in doc.pages.iter().flat_map(|p| &p.items) {
            if let Item::Image { picture, .. } = item {
                if !images.iter().any(|(p, _)| Arc::ptr_eq(p, picture)) {
                    // Fixed names: printpdf's own ids come from a process-wide counter.
                    let id = XObjectId(format!("IM{}", images.len()));
                    pdf.resources
                        .xobjects
                        .map
                        .insert(id.clone(), XObject::External(xobject(picture)));
                    images.push((picture.clone(), id));
                }
            }
        }
        Images(images)
    }

    /// Draws `picture` scaled into `rect`.
    pub fn ops(&self, rect: &Rect, picture: &Arc<Picture>) -> Vec<Op> {
        let (_, id) = self
            .0
            .iter()
            .find(|(p, _)| Arc::ptr_eq(p, picture))
            .expect("picture embedded");
        vec![
            Op::SaveGraphicsState,
            Op::SetTransformationMatrix {
                matrix: CurTransMat::Raw([rect.w, 0.0, 0.0, rect.h, rect.x, rect.y]),
            },
            Op::UseXobject {
                id: id.clone(),
                transform: XObjectTransform {
                    no_auto_scale: true,
                    ..Default::default()
                },
            },
            Op::RestoreGraphicsState,
        ]
    }
}

fn name(n: &str) -> DictItem {
    DictItem::Name(n.as_bytes().to_vec())
}

fn image_dict(width: u32, height: u32, channels: u8) -> BTreeMap<String, DictItem> {
    let space = if channels == 3 {
        "DeviceRGB"
    } else {
        "DeviceGray"
    };
    BTreeMap::from([
        ("Type".to_string(), name("XObject")),
        ("Subtype".to_string(), name("Image")),
        ("Width".to_string(), DictItem::Int(width as i64)),
        ("Height".to_string(), DictItem::Int(height as i64)),
        ("ColorSpace".to_string(), name(space)),
        ("BitsPerComponent".to_string(), DictItem::Int(8)),
    ])
}

fn xobject(p: &Picture) -> ExternalXObject {
    let mut dict = image_dict(p.width, p.height, p.channels);
    let content = match &p.pixels {
        Pixels::Jpeg(bytes) => {
            dict.insert("Filter".into(), name("DCTDecode"));
            bytes.clone()
        }
        Pixels::Raw { samples, alpha } => {
            if let Some(alpha) = alpha {
                let mask = ExternalStream {
                    dict: image_dict(p.width, p.height, 1),
                    content: alpha.clone(),
                    compress: true,
                };
                dict.insert("SMask".into(), DictItem::Stream { stream: mask });
            }
            samples.clone()
        }
    };
    ExternalXObject {
        stream: ExternalStream {
            dict,
            content,
            compress: matches!(p.pixels, Pixels::Raw { .. }),
        },
        width: None,
        height: None,
        dpi: None,
    }
}
