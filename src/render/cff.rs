//! One change to a subset CID-keyed CFF font program (the CJK faces):
//! where the Top DICT's FontMatrix only spells out the default,
//! [0.001 0 0 0.001 0 0], and each Font DICT's is the identity, the
//! matrices are replaced by entries of the same length that say defaults
//! (isFixedPitch 0 and the like). The glyphs are scaled as before: with no
//! matrix anywhere, every reader takes the default 0.001 (FreeType, which
//! poppler and Chromium use, would scale by a Font DICT's identity alone
//! if only the Top DICT's went, so both go).
//!
//! Why: page-validation 0.11 (the PDF/UA checker CI runs) does not read a
//! DICT's real numbers, so it takes the Top DICT's 0.001 as 0 and reports
//! every CJK glyph's width as 0 against /W (PDFUA1-FONT-GLYPH-WIDTH-001);
//! the widths are right. Same lengths, so no offset in the font moves.
//! Written by hand: no crate edits a CFF in place.

use std::ops::Range;

/// The matrices that go: the Top DICT's default, the Font DICTs' identity.
const DEFAULT_MATRIX: [f64; 6] = [0.001, 0.0, 0.0, 0.001, 0.0, 0.0];
const IDENTITY: [f64; 6] = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// Top DICT operators (12 x) whose value here is their default, to fill
/// a matrix's bytes with: isFixedPitch 0, ItalicAngle 0, PaintType 0,
/// StrokeWidth 0 and CharstringType 2.
const FILLERS: [(u8, i32); 5] = [(1, 0), (2, 0), (5, 0), (8, 0), (6, 2)];

const FONT_MATRIX: u16 = 1207;
const FD_ARRAY: u16 = 1236;

/// Does the change in `font`, an OpenType font with a `CFF ` table; any
/// other font, or one whose matrices are others, is left as it is.
pub fn spell_out_default_matrix(font: &mut [u8]) {
    let Some(cff) = cff_table(font) else { return };
    if let Some(patches) = patches(cff) {
        for (range, bytes) in patches {
            cff[range].copy_from_slice(&bytes);
        }
    }
}

/// The byte ranges to overwrite and what with, or None to change nothing.
fn patches(cff: &[u8]) -> Option<Vec<(Range<usize>, Vec<u8>)>> {
    let (top, fds) = dicts(cff)?;
    let mut out = Vec::new();
    let mut dicts = vec![(top, DEFAULT_MATRIX, true)];
    dicts.extend(fds.into_iter().map(|fd| (fd, IDENTITY, false)));
    for (range, expected, required) in dicts {
        let found = entries(&cff[range.clone()]);
        let Some(matrix) = found.iter().find(|e| e.op == FONT_MATRIX) else {
            if required {
                return None;
            }
            continue;
        };
        let same = matrix.operands.len() == 6
            && matrix
                .operands
                .iter()
                .zip(expected)
                .all(|(v, d)| (v - d).abs() < 1e-9);
        if !same {
            return None;
        }
        let free: Vec<(u8, i32)> = FILLERS
            .into_iter()
            .filter(|(op, _)| !found.iter().any(|e| e.op == 1200 + u16::from(*op)))
            .collect();
        let fill = filler(matrix.end - matrix.start, &free)?;
        out.push((range.start + matrix.start..range.start + matrix.end, fill));
    }
    Some(out)
}

/// The byte ranges of the Top DICT and of the Font DICTs (a CID-keyed
/// font's FDArray); None for a font without them.
fn dicts(cff: &[u8]) -> Option<(Range<usize>, Vec<Range<usize>>)> {
    let (tops, _) = index(cff, index(cff, usize::from(*cff.get(2)?))?.1)?;
    let top = tops.first()?.clone();
    let top_entries = entries(&cff[top.clone()]);
    let fd_array = top_entries.iter().find(|e| e.op == FD_ARRAY)?;
    let (fds, _) = index(cff, *fd_array.operands.first()? as usize)?;
    Some((top, fds))
}

/// The `CFF ` table's bytes.
fn cff_table(font: &mut [u8]) -> Option<&mut [u8]> {
    let be32 = |b: &[u8], at: usize| -> Option<usize> {
        Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?) as usize)
    };
    let tables = u16::from_be_bytes(font.get(4..6)?.try_into().ok()?) as usize;
    let record = (0..tables)
        .map(|i| 12 + 16 * i)
        .find(|&r| font.get(r..r + 4) == Some(b"CFF "))?;
    let (offset, length) = (be32(font, record + 8)?, be32(font, record + 12)?);
    font.get_mut(offset..offset.checked_add(length)?)
}

/// The byte ranges of the items of the INDEX at `at`, and where it ends.
fn index(cff: &[u8], at: usize) -> Option<(Vec<Range<usize>>, usize)> {
    let count = usize::from(u16::from_be_bytes(cff.get(at..at + 2)?.try_into().ok()?));
    if count == 0 {
        return Some((Vec::new(), at + 2));
    }
    let size = usize::from(*cff.get(at + 2)?);
    if !(1..=4).contains(&size) {
        return None;
    }
    let data = at + 2 + (count + 1) * size;
    let offsets: Vec<usize> = (0..=count)
        .map(|i| {
            let o = at + 3 + i * size;
            let bytes = cff.get(o..o + size)?;
            Some(data + bytes.iter().fold(0, |n, &b| n << 8 | usize::from(b)))
        })
        .collect::<Option<_>>()?;
    let end = *offsets.last()?;
    if end > cff.len() {
        return None;
    }
    Some((offsets.windows(2).map(|w| w[0]..w[1]).collect(), end))
}

struct Entry {
    /// 0–21, or 1200 + x for the two-byte operators 12 x.
    op: u16,
    operands: Vec<f64>,
    /// Its bytes in the DICT, operands first.
    start: usize,
    end: usize,
}

/// A DICT's entries (CFF spec, Technical Note #5176, section 4).
fn entries(dict: &[u8]) -> Vec<Entry> {
    let mut out = Vec::new();
    let (mut at, mut start, mut operands) = (0, 0, Vec::new());
    while let Some(&b) = dict.get(at) {
        let number = |n: usize| dict.get(at + 1..at + 1 + n);
        let (value, len) = match b {
            32..=246 => (Some(f64::from(b) - 139.0), 1),
            247..=254 => {
                let Some(&[c]) = number(1) else { return out };
                let v = f64::from(u16::from((b - 247) % 4) * 256 + u16::from(c) + 108);
                (Some(if b >= 251 { -v } else { v }), 2)
            }
            28 => {
                let Some(&[h, l]) = number(2) else { return out };
                (Some(f64::from(i16::from_be_bytes([h, l]))), 3)
            }
            29 => {
                let Some(&[w, x, y, z]) = number(4) else {
                    return out;
                };
                (Some(f64::from(i32::from_be_bytes([w, x, y, z]))), 5)
            }
            30 => match real(&dict[at + 1..]) {
                Some((v, n)) => (Some(v), 1 + n),
                None => return out,
            },
            12 => (None, 2),
            _ => (None, 1),
        };
        match value {
            Some(v) => operands.push(v),
            None => {
                let op = match (b, dict.get(at + 1)) {
                    (12, Some(&x)) => 1200 + u16::from(x),
                    (12, None) => return out,
                    _ => u16::from(b),
                };
                out.push(Entry {
                    op,
                    operands: std::mem::take(&mut operands),
                    start,
                    end: at + len,
                });
                start = at + len;
            }
        }
        at += len;
    }
    out
}

/// A real number's value and its byte length (after the 30).
fn real(bytes: &[u8]) -> Option<(f64, usize)> {
    let mut text = String::new();
    for (i, &b) in bytes.iter().enumerate() {
        for nibble in [b >> 4, b & 15] {
            match nibble {
                0..=9 => text.push(char::from(b'0' + nibble)),
                10 => text.push('.'),
                11 => text.push('E'),
                12 => text.push_str("E-"),
                14 => text.push('-'),
                15 => return Some((text.parse().ok()?, i + 1)),
                _ => return None,
            }
        }
    }
    None
}

/// `len` bytes of entries `free` gives, each of 3, 5 or 7 bytes (its value
/// written in 1, 3 or 5), or none if they cannot make up `len`.
fn filler(len: usize, free: &[(u8, i32)]) -> Option<Vec<u8>> {
    let n = (1..=free.len())
        .find(|&n| 3 * n <= len && len <= 7 * n && (len - 3 * n).is_multiple_of(2))?;
    let mut extra = len - 3 * n;
    let mut out = Vec::with_capacity(len);
    for &(op, value) in &free[..n] {
        let grow = extra.min(4);
        extra -= grow;
        match grow {
            0 => out.push((value + 139) as u8),
            2 => {
                out.push(28);
                out.extend((value as i16).to_be_bytes());
            }
            _ => {
                out.push(29);
                out.extend(value.to_be_bytes());
            }
        }
        out.extend([12, op]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_matrix_becomes_default_entries_of_its_length() {
        // ROS, FontMatrix 0.001 0 0 0.001 0 0, CharStrings 822.
        let dict: Vec<u8> = [
            &[0xf8, 0x1b, 0xf8, 0x1c, 0x8b, 12, 30][..],
            &[
                0x1e, 0x0a, 0x00, 0x1f, 0x8b, 0x8b, 0x1e, 0x0a, 0x00, 0x1f, 0x8b, 0x8b, 12, 7,
            ],
            &[29, 0, 0, 3, 0x36, 17],
        ]
        .concat();
        let e = entries(&dict);
        assert_eq!(e.iter().map(|e| e.op).collect::<Vec<_>>(), [1230, 1207, 17]);
        assert_eq!(e[1].operands, DEFAULT_MATRIX);
        assert_eq!(e[2].operands, [822.0]);
        let fill = filler(e[1].end - e[1].start, &FILLERS).unwrap();
        assert_eq!(fill.len(), 14);
        let mut patched = dict.clone();
        patched[e[1].start..e[1].end].copy_from_slice(&fill);
        let p = entries(&patched);
        let ops: Vec<u16> = p.iter().map(|e| e.op).collect();
        assert_eq!(ops, [1230, 1201, 1202, 17]);
        assert!(p[1].operands == [0.0] && p[2].operands == [0.0]);
        assert_eq!(p[3].operands, [822.0]);
    }

    #[test]
    fn every_length_a_matrix_can_take_is_filled() {
        // Six operands of one to three bytes and the operator; longer ones
        // (none seen) leave the font as it is.
        for len in 8..=28 {
            assert_eq!(filler(len, &FILLERS).map(|f| f.len()), Some(len), "{len}");
        }
    }

    #[test]
    fn a_cjk_subset_keeps_its_length_and_loses_only_its_matrices() {
        use crate::layout::fonts::{face, Family};
        let f = face(crate::layout::fonts::FaceId::Regular.in_family(Family::CjkTc));
        let mut remapper = subsetter::GlyphRemapper::new();
        for g in [0, 1200, 3400] {
            remapper.remap(g);
        }
        let font = subsetter::subset(f.data, f.collection_index, &remapper).unwrap();
        let mut patched = font.clone();
        spell_out_default_matrix(&mut patched);
        assert_eq!(patched.len(), font.len());
        assert_ne!(patched, font);
        let cff = cff_table(&mut patched).unwrap().to_vec();
        let (top, fds) = dicts(&cff).unwrap();
        assert!(!fds.is_empty());
        for dict in std::iter::once(top).chain(fds) {
            assert!(entries(&cff[dict]).iter().all(|e| e.op != FONT_MATRIX));
        }
        // Done once, nothing is left to change.
        assert!(patches(&cff).is_none());
    }
}
