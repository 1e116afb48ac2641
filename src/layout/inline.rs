//! The structure inside set text: a printed phone number is a Link (tap to
//! call on a posted PDF), a word hyphenated across a line end is a Span
//! read as the whole word ("behavior", not "behav-" "ior").

use super::paragraph::Line;
use crate::content::hotline;
use crate::display::{Item, Role};
use std::sync::Arc;

/// One inline element: glyphs `start..end`, counted over all the lines.
struct Inline {
    start: usize,
    end: usize,
    role: Role,
}

/// The lines' runs as items, each inline element bracketed by its tags
/// (a run is cut where an element starts or ends inside it).
pub fn items(lines: Vec<(Line, f32, f32)>) -> Vec<Item> {
    let glyphs = || {
        lines
            .iter()
            .flat_map(|(l, ..)| &l.runs)
            .flat_map(|r| r.glyphs.iter().map(|g| &*g.text))
    };
    // Most texts have neither (display lines are set again and again
    // while they are balanced): skip looking.
    let digits = glyphs().any(|g| g.bytes().any(|b| b.is_ascii_digit()));
    let hyphenated = lines
        .iter()
        .any(|(l, ..)| l.hyphenated || ends_at_a_hyphen(l));
    let mut inlines = Vec::new();
    if digits || hyphenated {
        let glyphs: Vec<&str> = glyphs().collect();
        if digits {
            inlines = numbers(&glyphs);
        }
        if hyphenated {
            inlines.extend(whole_words(&lines, &glyphs));
        }
    }
    inlines.extend(shaped_runs(&lines));
    inlines.sort_by_key(|i| i.start);
    // Elements cannot overlap: the later of two that do is dropped.
    let mut kept: Vec<Inline> = Vec::with_capacity(inlines.len());
    for i in inlines {
        if kept.last().is_none_or(|k| k.end <= i.start) {
            kept.push(i);
        }
    }
    let mut items = Vec::new();
    let mut next = 0;
    let mut open = false;
    let mut k = 0;
    for (line, dx, baseline) in lines {
        for mut run in line.runs {
            run.x += dx;
            run.baseline = baseline;
            let mut base = next;
            next += run.glyphs.len();
            loop {
                let at = match kept.get(k) {
                    Some(i) if open => i.end,
                    Some(i) => i.start,
                    None => break,
                };
                if at < base || at >= next {
                    break;
                }
                if at > base {
                    let rest = run.split_off(at - base);
                    items.push(Item::Text(std::mem::replace(&mut run, rest)));
                    base = at;
                }
                if open {
                    items.push(Item::End);
                    k += 1;
                } else {
                    items.push(Item::begin(kept[k].role.clone()));
                }
                open = !open;
            }
            if !run.glyphs.is_empty() {
                items.push(Item::Text(run));
            }
        }
    }
    if open {
        items.push(Item::End);
    }
    items
}

/// Each run in a script whose glyphs are not its letters one for one
/// (Arabic joining and ligatures, Devanagari and Gurmukhi vowel signs
/// drawn before their consonant, Khmer subscripts, Thai and Lao marks) is
/// a Span read as its text in reading order: a glyph's one ToUnicode
/// entry cannot say what each cluster it is part of reads as.
fn shaped_runs(lines: &[(Line, f32, f32)]) -> Vec<Inline> {
    let mut found = Vec::new();
    let mut at = 0;
    for run in lines.iter().flat_map(|(l, ..)| &l.runs) {
        let n = run.glyphs.len();
        if run.face.family.is_shaped() && n > 0 {
            let text = run.text();
            found.push(Inline {
                start: at,
                end: at + n,
                role: Role::Span {
                    actual_text: Some(Arc::from(text)),
                    lang: None,
                },
            });
        }
        at += n;
    }
    found
}

fn is_space(g: &str) -> bool {
    g.trim().is_empty()
}

/// A line broken after a hyphen of the text itself ("Internet-" then
/// "based"), not one the hyphenation added.
fn ends_at_a_hyphen(line: &Line) -> bool {
    !line.hyphenated
        && line
            .runs
            .last()
            .and_then(|r| r.glyphs.last())
            .is_some_and(|g| &*g.text == "-")
}

/// Each word cut at a line end, from its start on that line to its end on
/// the next, read as one word: without the hyphen the hyphenation added
/// ("behavior"), with the text's own ("Internet-based").
fn whole_words(lines: &[(Line, f32, f32)], glyphs: &[&str]) -> Vec<Inline> {
    let count = |l: &Line| l.runs.iter().map(|r| r.glyphs.len()).sum::<usize>();
    let mut found = Vec::new();
    let mut line_start = 0;
    for pair in lines.windows(2) {
        let (this, next) = (&pair[0].0, &pair[1].0);
        let line_end = line_start + count(this);
        let first = line_start;
        line_start = line_end;
        let own_hyphen = ends_at_a_hyphen(this);
        if !(this.hyphenated || own_hyphen) || line_end == first {
            continue;
        }
        let hyphen = line_end - 1;
        let mut start = hyphen;
        while start > first && !is_space(glyphs[start - 1]) {
            start -= 1;
        }
        let mut end = line_end;
        while end < line_end + count(next) && !is_space(glyphs[end]) {
            end += 1;
        }
        let word: String = match own_hyphen {
            true => glyphs[start..end].concat(),
            false => glyphs[start..hyphen]
                .iter()
                .chain(&glyphs[hyphen + 1..end])
                .copied()
                .collect(),
        };
        found.push(Inline {
            start,
            end,
            role: Role::Span {
                actual_text: Some(Arc::from(word)),
                lang: None,
            },
        });
    }
    found
}

/// Printed phone numbers, as `hotline::find` recognises them, as `tel:`;
/// a short code in brackets after its word ("BEFREE (233733)") as `sms:`.
fn numbers(glyphs: &[&str]) -> Vec<Inline> {
    let mut text = String::new();
    // The glyph each byte of `text` comes from.
    let mut owner = Vec::new();
    for (i, g) in glyphs.iter().enumerate() {
        text.push_str(g);
        owner.resize(text.len(), i);
    }
    let glyph_at = |byte: usize| owner.get(byte).copied().unwrap_or(glyphs.len());
    let mut found: Vec<Inline> = hotline::find(&text)
        .into_iter()
        .filter_map(|w| {
            let house = w.number.ok()?;
            let digits: String = house.chars().filter(char::is_ascii_digit).collect();
            let national = digits.strip_prefix('1').unwrap_or(&digits);
            Some(Inline {
                start: glyph_at(w.at),
                end: glyph_at(w.at + w.text.len()),
                role: Role::Link {
                    uri: format!("tel:+1{national}"),
                },
            })
        })
        .collect();
    found.extend(
        hotline::short_codes(&text)
            .into_iter()
            .map(|(at, len, code)| Inline {
                start: glyph_at(at),
                end: glyph_at(at + len),
                role: Role::Link {
                    uri: format!("sms:{code}"),
                },
            }),
    );
    found
}
