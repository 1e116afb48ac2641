//! QR codes as vector modules in 100 % K on a white quiet zone.

use super::blocks::{text, Align, Ctx, Laid};
use super::markup::spans;
use crate::content::model::Qr;
use crate::display::{Cmyk, Item, Rect, Role};
use crate::error::{Error, Result};
use qrcode::{Color, EcLevel, QrCode};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

/// Codes by what they hold: choosing a code's mask is most of the work
/// (~2 M instructions), and a poster's type search lays its code out at
/// every size it tries.
type Codes = RefCell<HashMap<String, Arc<(usize, Vec<Color>)>>>;

thread_local! {
    static CODES: Codes = RefCell::new(HashMap::new());
}

/// The code for `data`: its width in modules and its modules, row by row.
fn code(data: &str) -> Result<Arc<(usize, Vec<Color>)>> {
    if let Some(code) = CODES.with(|c| c.borrow().get(data).cloned()) {
        return Ok(code);
    }
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)
        .map_err(|e| Error::input(format!("cannot make a QR code of \"{data}\": {e}")))?;
    let code = Arc::new((code.width(), code.to_colors()));
    CODES.with(|c| c.borrow_mut().insert(data.to_string(), code.clone()));
    Ok(code)
}

/// The quiet zone scanners need around the code, in modules.
const QUIET: usize = 4;

/// The code, made a figure (or an artifact) by `figure`, and its caption.
pub fn qr(ctx: &Ctx, q: &Qr, width: f32, figure: impl FnOnce(Laid) -> Laid) -> Result<Laid> {
    let (n, colors) = &*code(&q.data)?;
    let n = *n;
    let requested = q.size.map_or(0.0, |inches| inches * 72.0);
    let size = requested.max(ctx.styles.qr_min);
    let total = size * (n + 2 * QUIET) as f32 / n as f32;
    if total > width + 0.01 {
        return Err(Error::fit(format!(
            "the QR code for \"{}\" needs {:.0} pt with its quiet zone but the column is {:.0} pt wide",
            q.data, total, width
        )));
    }
    let module = size / n as f32;
    let x0 = (width - total) / 2.0;
    let mut items = vec![Item::Rect {
        rect: Rect {
            x: x0,
            y: -total,
            w: total,
            h: total,
        },
        fill: Some(Cmyk::WHITE),
        stroke: None,
    }];
    for (row, line) in colors.chunks(n).enumerate() {
        // One rectangle per run of dark modules keeps the stream small.
        let mut col = 0;
        while col < n {
            if line[col] == Color::Dark {
                let start = col;
                while col < n && line[col] == Color::Dark {
                    col += 1;
                }
                let x = x0 + (QUIET + start) as f32 * module;
                let y = -((QUIET + row + 1) as f32 * module);
                items.push(Item::Rect {
                    rect: Rect {
                        x,
                        y,
                        w: (col - start) as f32 * module,
                        h: module,
                    },
                    fill: Some(Cmyk::BLACK),
                    stroke: None,
                });
            } else {
                col += 1;
            }
        }
    }
    let mut laid = figure(Laid::new(items, total));
    if let Some(caption) = &q.caption {
        let t = text(
            ctx,
            &spans(caption, false),
            ctx.styles.small + 0.5,
            ctx.palette.text,
            width,
            Align::Center,
        )?
        .tagged(Role::Paragraph);
        laid.stack(t, 0.0, 2.0);
    }
    Ok(laid)
}
