//! A statistic: its figure set large in the primary colour, what it counts
//! beside it, in a tinted box; read as one sentence ("65% of CSEC youth
//! are contacted through Facebook").

use super::bidi;
use super::blocks::{displayed, filled, restyle, text, width_of, Align, Ctx, Laid};
use super::markup::spans;
use crate::content::model::Statistic;
use crate::display::Role;
use crate::error::Result;

pub fn statistic(ctx: &Ctx, st: &Statistic, width: f32) -> Result<Laid> {
    let (s, p) = (ctx.styles, ctx.palette);
    let pad = 8.0 * s.unit;
    let inner = width - 2.0 * pad;
    let figure = displayed(spans(&st.figure, false));
    let size = s.hotline;
    let figure_w = width_of(ctx, &figure, size)?;
    let gap = s.body;
    let words = restyle(spans(&st.text, false), true, false);
    let said = text(
        ctx,
        &words,
        s.body,
        p.text,
        inner - figure_w - gap,
        Align::Left,
    )?;
    let big = text(ctx, &figure, size, p.primary, figure_w + 1.0, Align::Left)?;
    // Figure and words centred on each other; the figure first in reading
    // order and on the side the line starts (the right in Arabic).
    let h = big.height.max(said.height);
    let (figure_x, words_x) = if bidi::is_rtl(ctx.lang) {
        (inner - figure_w, 0.0)
    } else {
        (0.0, figure_w + gap)
    };
    let mut items = Vec::new();
    for (laid, x) in [(big, figure_x), (said, words_x)] {
        let dy = -(h - laid.height) / 2.0;
        items.extend(laid.items.into_iter().map(|mut i| {
            i.translate(x, dy);
            i
        }));
    }
    let mut laid = Laid::new(items, h).tagged(Role::Paragraph);
    if let Some(source) = &st.source {
        let cite = restyle(spans(source, false), false, true);
        let cite = text(ctx, &cite, s.small, p.text, inner, Align::Left)?;
        laid.stack(cite.tagged(Role::Paragraph), 0.0, s.unit * 4.0);
    }
    Ok(filled(laid, p.tint, width, pad))
}
