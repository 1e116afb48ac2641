//! What foldline can make, as `foldline list` and `foldline counties`
//! print it: products and sizes, built-in languages, counties.

use crate::content::hotline;
use crate::content::languages::LANGUAGES;
use crate::content::model::{Meta, Review};
use crate::content::registry::{Registry, Status};
use crate::content::review;
use crate::content::{self, Audience};
use crate::error::Result;
use crate::products::PosterSize;
use unicode_width::UnicodeWidthStr;

/// Products with their sizes, the built-in languages, and the counties by
/// whether foldline can print their hotline without `--hotline`.
pub fn list(registry: &Registry) -> Result<String> {
    let mut out = String::from("PRODUCTS\n");
    out += "  brochure  tri-fold, US Letter landscape (11 x 8.5 in), 2 pages\n";
    out += "            foldline brochure\n";
    out += "  poster    one page, portrait; --tear-off N adds hotline tabs along the foot\n";
    out += &wrap(&PosterSize::choices(), 80, "            --size ");
    out += "            foldline poster --size tabloid --tear-off 8\n";
    out += "  card      wallet card, 3.5 x 2 in, front and back; --sheet: 10 cards a\n";
    out += "            Letter sheet (Avery 5371/8371) for an office printer\n";
    out += "            foldline card --sheet\n";
    out += "  Each is a print-shop PDF with bleed and crop marks; --office: for an office\n";
    out += "  printer; --pdfx: PDF/X-4; --preview: PNG pictures of the pages as well.\n";
    out += "\nLANGUAGES (built-in content, --lang; review status of the translation)\n";
    let mut own = None;
    let names: Vec<String> = LANGUAGES
        .iter()
        .map(|l| match l.native == l.english {
            true => l.english.to_string(),
            false => format!("{}, {}", l.english, l.native),
        })
        .collect();
    // Columns as a terminal shows them: a Chinese character takes two, a
    // combining vowel sign none.
    let width = names.iter().map(|n| n.width()).max().unwrap_or(0);
    for (l, name) in LANGUAGES.iter().zip(&names) {
        let source = content::read(None, Some(l.code))?;
        if own.is_none() {
            own = Some(content::choose(&source, &Audience::default())?);
        }
        let pad = width - name.width();
        out += &format!(
            "  {:8} {name}{:pad$}  {}\n",
            l.code,
            "",
            review_status(&source.content.meta)
        );
    }
    let aliases: Vec<String> = LANGUAGES
        .iter()
        .flat_map(|l| l.aliases.iter().map(move |a| format!("{a} ({})", l.code)))
        .collect();
    out += &wrap(&aliases, 80, "  Also accepted: ");

    let by = |status: Status| -> Vec<&str> {
        registry
            .counties
            .iter()
            .filter(|c| c.status() == status)
            .map(|c| c.name.as_str())
            .collect()
    };
    out += &format!(
        "\nCOUNTIES ({}, --county; `foldline counties` shows numbers and sources)\n",
        registry.counties.len()
    );
    for (status, what) in [
        (Status::Sourced, "hotline from the registry"),
        (Status::Conflicting, "sources disagree: give --hotline"),
        (Status::Missing, "no sourced number: give --hotline"),
    ] {
        let names = by(status);
        if !names.is_empty() {
            out += &format!("  {} ({}, {what}):\n", status.name(), names.len());
            out += &wrap(&names, 80, "    ");
        }
    }
    // `choose` accepts the content's own number only where the registry
    // gives it too.
    if let Some(choice) = own {
        out += &format!(
            "  Without --county the built-in content is for {} County\n  and prints its own number, {}, which the registry also gives.\n",
            choice.county.name, choice.hotline
        );
    }
    Ok(out)
}

/// Whether the content is the original, a draft translation or a
/// reviewed one, as `foldline list` says it.
fn review_status(meta: &Meta) -> String {
    let changed = match review::built_in_source(meta) {
        Some(from) if review::source_changed(meta, from) => "; the source text has changed since",
        _ => "",
    };
    match meta.review {
        None => "original text".to_string(),
        Some(Review::Pending) => {
            format!("draft translation, not reviewed: pages marked DRAFT{changed}")
        }
        Some(Review::Approved) => format!(
            "reviewed by {} on {}{changed}",
            meta.reviewed_by.as_deref().unwrap_or("?"),
            meta.reviewed_on.as_deref().unwrap_or("?")
        ),
    }
}

/// `items` joined by ", " into lines of at most `width` characters (an
/// item is never split), the first starting with `first`, the others
/// indented as far.
fn wrap<S: AsRef<str>>(items: &[S], width: usize, first: &str) -> String {
    let indent = " ".repeat(first.chars().count());
    let mut lines = vec![first.to_string()];
    for (i, item) in items.iter().enumerate() {
        let sep = if i + 1 < items.len() { "," } else { "" };
        let word = format!("{}{sep}", item.as_ref());
        let line = lines.last_mut().expect("one line at least");
        if i == 0 {
            line.push_str(&word);
        } else if line.chars().count() + 1 + word.chars().count() > width {
            lines.push(format!("{indent}{word}"));
        } else {
            line.push(' ');
            line.push_str(&word);
        }
    }
    lines.join("\n") + "\n"
}

/// One line a county: name, hotline, status, kind of page, source; under
/// it one line for each page that gives another number.
pub fn counties_table(registry: &Registry) -> String {
    let mut rows: Vec<[String; 5]> = Vec::new();
    for c in &registry.counties {
        rows.push([
            c.name.clone(),
            c.house_number().unwrap_or_else(|| "-".into()),
            c.status().name().to_string(),
            c.source_kind.map_or("-", |k| k.name()).to_string(),
            c.source.clone().unwrap_or_else(|| "-".into()),
        ]);
        for d in &c.disagreeing {
            rows.push([
                String::new(),
                hotline::normalize(&d.number).unwrap_or_else(|_| d.number.clone()),
                "disagrees".into(),
                d.kind.name().to_string(),
                d.source.clone(),
            ]);
        }
    }
    let header = ["COUNTY", "HOTLINE", "STATUS", "PAGE", "SOURCE"].map(String::from);
    let widths: Vec<usize> = (0..4)
        .map(|i| {
            rows.iter()
                .chain([&header])
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in [&header].into_iter().chain(&rows) {
        for (cell, w) in r.iter().zip(&widths) {
            out.push_str(&format!("{cell:w$}  "));
        }
        out.push_str(&r[4]);
        out.push('\n');
    }
    out
}
