//! What a CMYK colour looks like on a screen: through the FOGRA39 output
//! profile (the one PDF/X files carry, assets/icc/) to CIE Lab, then to
//! sRGB, relative colorimetric (the paper's white is the screen's white)
//! without black point compensation, the strictest of the usual ways a
//! viewer shows CMYK. For the contrast check (`crate::contrast`).
//!
//! moxcms reads the profile. Its transforms first bake a whole 4-D grid
//! (60-90 ms here), far too slow for the few colours a piece uses, so the
//! profile's A2B1 table (an ICC lut16) is evaluated here at each colour:
//! input curves, the 4-D grid (multilinear), output curves.

use crate::display::Cmyk;
use moxcms::{ColorProfile, LutDataType, LutStore, LutWarehouse, Matrix3d, Vector3d};
use std::sync::OnceLock;

/// The output profile (FOGRA39, coated offset; see assets/icc/README.md).
pub const FOGRA39: &[u8] = include_bytes!("../assets/icc/FOGRA39L-coated.icc");

/// The D50 white of the profile connection space.
const D50: [f64; 3] = [0.9642, 1.0, 0.8249];

struct Profile {
    /// CMYK to Lab, media-relative (A2B1).
    lut: LutDataType,
    /// PCS XYZ (D50) to linear sRGB.
    to_srgb: Matrix3d,
}

fn profile() -> &'static Profile {
    static PROFILE: OnceLock<Profile> = OnceLock::new();
    PROFILE.get_or_init(|| {
        let icc = ColorProfile::new_from_slice(FOGRA39).expect("the shipped FOGRA39 profile reads");
        let Some(LutWarehouse::Lut(lut)) = icc.lut_a_to_b_colorimetric else {
            panic!("the shipped FOGRA39 profile has a lut16 A2B1 table");
        };
        assert!(
            lut.num_input_channels == 4
                && lut.num_output_channels == 3
                && matches!(lut.clut_table, LutStore::Store16(_)),
            "the shipped FOGRA39 profile's A2B1 is CMYK to Lab in 16 bits"
        );
        let to_srgb = ColorProfile::new_srgb().rgb_to_xyz_matrix().inverse();
        Profile { lut, to_srgb }
    })
}

fn table(store: &LutStore) -> &[u16] {
    match store {
        LutStore::Store16(v) => v,
        LutStore::Store8(_) => unreachable!("checked when the profile is read"),
    }
}

/// A 1-D table at `x` (0-1), linearly interpolated, as 0-1.
fn curve(table: &[u16], x: f64) -> f64 {
    let pos = x.clamp(0.0, 1.0) * (table.len() - 1) as f64;
    let i = (pos as usize).min(table.len() - 2);
    let t = pos - i as f64;
    (f64::from(table[i]) * (1.0 - t) + f64::from(table[i + 1]) * t) / 65535.0
}

/// CIE Lab (D50, media-relative) of a CMYK colour as FOGRA39 prints it.
pub fn lab(c: Cmyk) -> [f64; 3] {
    let lut = &profile().lut;
    let (input, grid, output) = (
        table(&lut.input_table),
        table(&lut.clut_table),
        table(&lut.output_table),
    );
    let n_in = usize::from(lut.num_input_table_entries);
    let n_out = usize::from(lut.num_output_table_entries);
    let g = usize::from(lut.num_clut_grid_points);
    // Grid coordinates; the first channel (cyan) varies slowest.
    let pos: [f64; 4] = std::array::from_fn(|i| {
        curve(&input[i * n_in..][..n_in], f64::from(c.0[i])) * (g - 1) as f64
    });
    let base = pos.map(|p| (p as usize).min(g - 2));
    let mut sum = [0.0; 3];
    for corner in 0..16 {
        let mut weight = 1.0;
        let mut at = 0;
        for (d, (&p, &b)) in pos.iter().zip(&base).enumerate() {
            let up = corner >> (3 - d) & 1;
            let t = p - b as f64;
            weight *= if up == 1 { t } else { 1.0 - t };
            at = at * g + b + up;
        }
        for (k, s) in sum.iter_mut().enumerate() {
            *s += weight * f64::from(grid[at * 3 + k]) / 65535.0;
        }
    }
    let v: [f64; 3] = std::array::from_fn(|k| curve(&output[k * n_out..][..n_out], sum[k]));
    // lut16 carries Lab in the legacy 16-bit encoding: 0xFF00 is L 100, a and b 127.
    let scale = 65535.0 / 65280.0;
    [
        v[0] * scale * 100.0,
        v[1] * scale * 255.0 - 128.0,
        v[2] * scale * 255.0 - 128.0,
    ]
}

/// sRGB (8 bits a channel) of a CMYK colour as FOGRA39 prints it; colours
/// outside sRGB are clipped, as a screen does.
pub fn srgb(c: Cmyk) -> [u8; 3] {
    let [l, a, b] = lab(c);
    let fy = (l + 16.0) / 116.0;
    let f = [fy + a / 500.0, fy, fy - b / 200.0];
    let inv = |t: f64| {
        if t > 6.0 / 29.0 {
            t * t * t
        } else {
            3.0 * (6.0f64 / 29.0).powi(2) * (t - 4.0 / 29.0)
        }
    };
    let xyz = Vector3d {
        v: [0, 1, 2].map(|i| D50[i] * inv(f[i])),
    };
    let rgb = profile().to_srgb.mul_vector(xyz);
    rgb.v.map(|v| {
        let v = v.clamp(0.0, 1.0);
        let encoded = if v <= 0.003_130_8 {
            12.92 * v
        } else {
            1.055 * v.powf(1.0 / 2.4) - 0.055
        };
        (encoded * 255.0).round() as u8
    })
}

/// WCAG 2.1 relative luminance of a CMYK colour, from its 8-bit sRGB (so
/// any contrast checker given the same hex value agrees).
pub fn luminance(c: Cmyk) -> f64 {
    relative_luminance(srgb(c))
}

/// WCAG 2.1 relative luminance of an 8-bit sRGB colour.
fn relative_luminance(rgb: [u8; 3]) -> f64 {
    let [r, g, b] = rgb.map(|v| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    });
    0.2126 * r + 0.7152 * g + 0.0722 * b
}

/// `#RRGGBB` of a colour's sRGB, for messages.
pub fn hex(c: Cmyk) -> String {
    let [r, g, b] = srgb(c);
    format!("#{r:02X}{g:02X}{b:02X}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmyk(c: f32, m: f32, y: f32, k: f32) -> Cmyk {
        Cmyk([c, m, y, k].map(|v| v / 100.0))
    }

    /// Reference values from littlecms 2.19 (Pillow's ImageCms): this
    /// profile to its built-in sRGB, relative colorimetric, no black point
    /// compensation.
    #[test]
    fn agrees_with_littlecms() {
        for (c, want) in [
            (cmyk(0.0, 0.0, 0.0, 100.0), [44, 44, 43]),
            (cmyk(0.0, 0.0, 0.0, 0.0), [255, 255, 255]),
            (cmyk(100.0, 80.0, 20.0, 25.0), [36, 64, 112]),
            (cmyk(0.0, 85.0, 95.0, 0.0), [232, 72, 43]),
            (cmyk(12.0, 6.0, 0.0, 0.0), [229, 236, 248]),
            (cmyk(100.0, 0.0, 0.0, 0.0), [0, 161, 228]),
        ] {
            let got = srgb(c);
            let off = got.iter().zip(want).map(|(&g, w)| (i32::from(g) - w).abs());
            assert!(
                off.max().unwrap() <= 1,
                "{c:?}: {got:?}, littlecms {want:?}"
            );
        }
    }

    /// moxcms's own (slow) full transform, relative colorimetric, gives
    /// the same luminance as the table evaluated here, over a spread of
    /// colours. (The CMMs interpolate the grid differently: single sRGB
    /// channels differ by up to about 6 of 255 between moxcms, littlecms and
    /// this, mostly near 0 where the sRGB curve is steep.)
    #[test]
    fn agrees_with_moxcms_full_transform() {
        use moxcms::{Layout, RenderingIntent, TransformOptions};
        let icc = ColorProfile::new_from_slice(FOGRA39).unwrap();
        let options = TransformOptions {
            rendering_intent: RenderingIntent::RelativeColorimetric,
            ..Default::default()
        };
        let t = icc
            .create_transform_f32(
                Layout::Rgba,
                &ColorProfile::new_srgb(),
                Layout::Rgb,
                options,
            )
            .unwrap();
        let steps = [0.0, 0.15, 0.4, 0.7, 1.0];
        let mut worst = 0.0f64;
        for c in steps {
            for m in steps {
                for y in steps {
                    for k in steps {
                        let mut out = [0f32; 3];
                        t.transform(&[c, m, y, k], &mut out).unwrap();
                        let theirs = out.map(|v| (v.clamp(0.0, 1.0) * 255.0).round() as u8);
                        let (a, b) = (luminance(Cmyk([c, m, y, k])), relative_luminance(theirs));
                        // As a contrast ratio against the colour itself.
                        worst = worst
                            .max((a + 0.05) / (b + 0.05))
                            .max((b + 0.05) / (a + 0.05));
                    }
                }
            }
        }
        assert!(worst < 1.03, "luminances differ by a ratio of {worst}");
    }

    #[test]
    fn wcag_luminance_ends() {
        assert!((luminance(Cmyk::WHITE) - 1.0).abs() < 1e-9);
        // Full black ink is not screen black: paper and ink reflect light.
        let k = luminance(Cmyk::BLACK);
        assert!(k > 0.02 && k < 0.03, "{k}");
    }
}
