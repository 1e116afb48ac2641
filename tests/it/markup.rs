//! Markup never eats text: stars that open no emphasis, escaped stars and
//! soft hyphens, read back from the PDF the binary writes.

use crate::common;

use common::pdftext::{inspect, PdfInfo};
use common::{run_ok, temp_dir};
use foldline::content::load::EMBEDDED_EN;

/// The brochure made from the built-in content with each `from` replaced by its `to`.
fn brochure(name: &str, edits: &[(&str, &str)]) -> PdfInfo {
    let dir = temp_dir(name);
    let mut yaml = EMBEDDED_EN.to_string();
    for (from, to) in edits {
        assert!(
            yaml.contains(from),
            "{from:?} is not in the built-in content"
        );
        yaml = yaml.replace(from, to);
    }
    std::fs::write(dir.join("c.yaml"), yaml).unwrap();
    run_ok(&dir, &["brochure", "--content", "c.yaml", "-o", "out.pdf"]);
    inspect(&std::fs::read(dir.join("out.pdf")).unwrap())
}

fn words(pdf: &PdfInfo) -> Vec<String> {
    pdf.pages
        .iter()
        .flat_map(|p| &p.words)
        .map(|w| w.text.clone())
        .collect()
}

const VICTIMS: &str = "\"**All commercially sexually exploited minors are victims, regardless of the presence of force, fraud, or coercion.**\"";

#[test]
fn stars_that_open_no_emphasis_print_and_escaped_stars_print() {
    // Single quotes: YAML keeps the backslashes for foldline.
    let line = r"'Dial *67 first, 2*3 is six, **call now**, \*not italic\* and a lone *'";
    let pdf = brochure("stars", &[(VICTIMS, line)]);
    let words = words(&pdf);
    let position = |w: &str| words.iter().position(|x| x == w);
    let dial = position("Dial").expect("the line is printed");
    let expected = [
        "Dial", "*67", "first,", "2*3", "is", "six,", "call", "now,", "*not", "italic*", "and",
        "a", "lone", "*",
    ];
    assert_eq!(words[dial..dial + expected.len()], expected);
    // `**call now**` was emphasis: its stars are gone.
    assert!(position("**call").is_none() && position("now**,").is_none());
}

/// A word three grid cells could not hold on one line at any type size,
/// with soft hyphens between its parts. A grid cell is never hyphenated by
/// the patterns: the soft hyphens are the only places it may break.
const PARTS: [&str; 3] = ["Safeguarding", "coordination", "programmes"];

#[test]
fn a_soft_hyphen_prints_a_hyphen_where_the_line_breaks_and_nothing_elsewhere() {
    let soft = format!("- \"{}\"", PARTS.join("\\u00AD"));
    let pdf = brochure(
        "soft-hyphen",
        &[
            ("- Street Prostitution", &soft),
            ("- Survival Sex", "- \"Sur\\u00ADvival Sex\""),
        ],
    );
    let all: Vec<_> = pdf.pages.iter().flat_map(|p| &p.words).collect();
    let first = all
        .iter()
        .position(|w| w.text.starts_with(PARTS[0]))
        .expect("the word is printed");
    // Its lines: each but the last ends in a hyphen, and breaks between parts.
    let (mut joined, mut lines) = (String::new(), Vec::new());
    for w in &all[first..] {
        lines.push(*w);
        let stem = w.text.strip_suffix('-').unwrap_or(&w.text);
        joined.push_str(stem);
        if joined.len() >= PARTS.concat().len() {
            assert!(!w.text.ends_with('-'), "{:?}", w.text);
            break;
        }
        assert!(
            w.text.ends_with('-'),
            "a break without a hyphen: {:?}",
            w.text
        );
        let at_a_soft_hyphen = (1..PARTS.len()).any(|n| joined == PARTS[..n].concat());
        assert!(at_a_soft_hyphen, "broken at {joined:?}");
    }
    assert_eq!(joined, PARTS.concat());
    assert!(lines.len() >= 2);
    for pair in lines.windows(2) {
        assert!(pair[1].y1 < pair[0].y0, "each part on the next line");
        assert!((pair[1].x0 - pair[0].x0).abs() < 0.5, "in the same cell");
    }
    // Not chosen as a break, a soft hyphen prints nothing at all.
    assert!(all.iter().any(|w| w.text == "Survival"));
    assert!(all.iter().all(|w| !w.text.contains('\u{ad}')));
}

#[test]
fn without_soft_hyphens_the_same_word_does_not_fit() {
    let dir = temp_dir("no-soft-hyphen");
    let word = format!("- {}", PARTS.concat());
    let yaml = EMBEDDED_EN.replace("- Street Prostitution", &word);
    std::fs::write(dir.join("c.yaml"), yaml).unwrap();
    let out = common::foldline()
        .args(["brochure", "--content", "c.yaml", "-o", "out.pdf"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", common::stderr(&out));
    assert!(common::stderr(&out).contains("soft hyphen (\\u00AD in double quotes)"));
}
