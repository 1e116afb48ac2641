//! The accessibility part of preflight for a PDF file: tagged or not,
//! language, title, the figures' alt text, and the reading order as the
//! structure tree gives it (its headings, numbered).

use super::{Level, Report};
use crate::inspect::structure::Structure;
use crate::inspect::PdfInfo;

/// Continuation lines of a finding line up under its text.
const INDENT: &str = "                       ";

pub fn findings(report: &mut Report, s: &Structure, info: &PdfInfo) {
    let tagged = s.marked && s.root.is_some();
    if tagged {
        let unmarked: Vec<&str> = info
            .pages
            .iter()
            .flat_map(|p| p.unmarked.iter().map(String::as_str))
            .collect();
        let count = s.elements().count();
        if unmarked.is_empty() {
            report.add(
                Level::Ok,
                "tagged",
                format!(
                    "structure tree of {count} elements; all text is in it or marked as artifact"
                ),
            );
        } else {
            let shown: Vec<&str> = unmarked.iter().take(8).copied().collect();
            report.add(
                Level::Warning,
                "tagged",
                format!(
                    "structure tree of {count} elements, but {} neither in it nor artifacts, so screen readers may skip them: {}",
                    match unmarked.len() {
                        1 => "1 word is".to_string(),
                        n => format!("{n} words are"),
                    },
                    shown.join(" ")
                ),
            );
        }
    } else {
        let missing = match (s.marked, s.root.is_some()) {
            (false, false) => "no structure tree and no MarkInfo /Marked",
            (false, true) => "a structure tree but no MarkInfo /Marked true",
            _ => "MarkInfo /Marked but no structure tree",
        };
        report.add(
            Level::Warning,
            "tagged",
            format!("not a tagged PDF ({missing}): screen readers guess the reading order and see no headings or alt text"),
        );
    }

    match &s.lang {
        Some(lang) if !lang.trim().is_empty() => {
            report.add(Level::Ok, "language", format!("/Lang {lang}"))
        }
        _ => report.add(
            Level::Warning,
            "language",
            "no /Lang: screen readers read the text in their own default language",
        ),
    }

    let title = s.title.as_deref().filter(|t| !t.trim().is_empty());
    match (title, s.xmp_title, s.display_doc_title) {
        (Some(t), true, true) => report.add(
            Level::Ok,
            "title",
            format!("\"{t}\" (Info and XMP), shown by viewers instead of the file name"),
        ),
        (t, xmp, display) => {
            let mut missing = Vec::new();
            if t.is_none() {
                missing.push("no Info /Title");
            }
            if !xmp {
                missing.push("no XMP dc:title");
            }
            if !display {
                missing.push("no /DisplayDocTitle true");
            }
            let has = t.map(|t| format!("\"{t}\"; ")).unwrap_or_default();
            report.add(
                Level::Warning,
                "title",
                format!("{has}{}", missing.join(", ")),
            );
        }
    }

    if !tagged {
        return;
    }
    let pages = &info.pages;
    let figures = s.elements().filter(|e| e.standard == "Figure").count();
    let missing: Vec<String> = s
        .figures_without_alt()
        .map(|e| {
            let text = e.text(pages);
            let first: Vec<&str> = text.split_whitespace().take(6).collect();
            if first.is_empty() {
                format!("a {} with no text", e.role)
            } else {
                format!("\"{}\"", first.join(" "))
            }
        })
        .collect();
    if missing.is_empty() {
        let alts: Vec<String> = s
            .elements()
            .filter(|e| e.standard == "Figure")
            .map(|e| format!("\"{}\"", e.text(pages)))
            .collect();
        let listed = if alts.is_empty() {
            String::new()
        } else {
            format!(": {}", alts.join("; "))
        };
        report.add(
            Level::Ok,
            "alt text",
            format!("{figures} figures, all with alt text{listed}"),
        );
    } else {
        report.add(
            Level::Error,
            "alt text",
            format!(
                "{} of {figures} figures have no alt text (screen readers say only \"figure\"): {}",
                missing.len(),
                missing.join("; ")
            ),
        );
    }

    let headings = s.headings(pages);
    if headings.is_empty() {
        report.add(
            Level::Warning,
            "headings",
            "no headings in the structure tree: screen-reader users cannot jump between sections",
        );
    } else {
        let list: Vec<String> = headings
            .iter()
            .enumerate()
            .map(|(i, h)| format!("{INDENT}{:>2}. {:<3} {}", i + 1, h.role, h.text))
            .collect();
        report.add(
            Level::Ok,
            "headings",
            format!(
                "reading order, {} headings:\n{}",
                headings.len(),
                list.join("\n")
            ),
        );
    }
}
