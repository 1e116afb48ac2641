//! Wallet cards, checked on the PDF the binary writes.

use crate::common;

use common::pdftext::{inspect, PageInfo, PdfInfo, Word};
use common::words::{assert_all_present, section_words};
use common::{run_ok, temp_dir, trim_size, words_from_trim};
use foldline::content::{self, Audience};
use lopdf::content::Content;

const PT: f64 = 72.0;
/// The finished card.
const CARD: (f64, f64) = (3.5 * PT, 2.0 * PT);
/// Body text on a wallet card (print minimum).
const MIN_PT: f64 = 7.0;
/// Avery 5371/8371 on Letter: 2 x 5 cards, 0.75 in from the left, 0.5 in from the top.
const SHEET: (f64, f64) = (8.5 * PT, 11.0 * PT);
const COLUMNS: usize = 2;
const ROWS: usize = 5;
const LEFT: f64 = 0.75 * PT;
const TOP: f64 = 0.5 * PT;

fn card(dir: &std::path::Path, args: &[&str]) -> PdfInfo {
    let mut all = vec!["card", "-o", "out.pdf"];
    all.extend_from_slice(args);
    run_ok(dir, &all);
    let mut pdf = inspect(&std::fs::read(dir.join("out.pdf")).unwrap());
    words_from_trim(&mut pdf);
    pdf
}

/// Lower-left corner of the card in `column`, `row` (from the top left) on the front sheet.
fn slot(column: usize, row: usize) -> (f64, f64) {
    (
        LEFT + column as f64 * CARD.0,
        SHEET.1 - TOP - (row + 1) as f64 * CARD.1,
    )
}

fn side_words(side: &str) -> Vec<String> {
    let c = content::load(None, &Audience::default()).unwrap();
    let card = c.card.as_ref().expect("the built-in content has a card");
    let s = if side == "front" {
        &card.front
    } else {
        &card.back
    };
    section_words(&c, s.keys())
}

/// The page's words as (text, x0, y0, x1, y1) relative to `origin`, sorted.
fn relative(words: &[&Word], origin: (f64, f64)) -> Vec<(String, [i64; 4])> {
    // Hundredths of a point: exact placement, free of float noise.
    let r = |v: f64| (v * 100.0).round() as i64;
    let mut out: Vec<_> = words
        .iter()
        .map(|w| {
            let b = [
                w.x0 - origin.0,
                w.y0 - origin.1,
                w.x1 - origin.0,
                w.y1 - origin.1,
            ];
            (w.text.clone(), b.map(r))
        })
        .collect();
    out.sort();
    out
}

fn inside(w: &Word, origin: (f64, f64), size: (f64, f64)) -> bool {
    w.x0 >= origin.0 && w.x1 <= origin.0 + size.0 && w.y0 >= origin.1 && w.y1 <= origin.1 + size.1
}

#[test]
fn a_card_is_two_pages_of_3_5_by_2_in() {
    let dir = temp_dir("card-pages");
    let pdf = card(&dir, &[]);
    assert_eq!(pdf.pages.len(), 2);
    for page in &pdf.pages {
        assert_eq!(trim_size(page), CARD);
    }
}

#[test]
fn front_and_back_print_every_word_of_their_sections() {
    let dir = temp_dir("card-words");
    let pdf = card(&dir, &[]);
    for (i, side) in ["front", "back"].into_iter().enumerate() {
        let expected = side_words(side);
        assert!(expected.len() > 15, "{side} has {} words", expected.len());
        let one_page = PdfInfo {
            pages: vec![pdf.pages[i].clone()],
            fonts: Vec::new(),
        };
        assert_all_present(&expected, &one_page);
    }
    let back: Vec<&str> = pdf.pages[1].words.iter().map(|w| w.text.as_str()).collect();
    for must in ["1.866.293.1940", "1.888.373.7888", "(233733)"] {
        assert!(back.contains(&must), "the back lacks {must}: {back:?}");
    }
}

#[test]
fn text_stays_in_the_safe_zone_and_is_at_least_7_pt() {
    let dir = temp_dir("card-safe");
    let pdf = card(&dir, &[]);
    for (i, page) in pdf.pages.iter().enumerate() {
        assert!(!page.words.is_empty());
        for w in &page.words {
            assert!(
                common::within(w, common::safe_areas("card", page, i)[0]),
                "page {}: \"{}\" at ({:.1},{:.1})-({:.1},{:.1}) leaves the safe zone",
                i + 1,
                w.text,
                w.x0,
                w.y0,
                w.x1,
                w.y1
            );
            assert!(
                w.size >= MIN_PT - 0.01,
                "\"{}\" is {:.2} pt",
                w.text,
                w.size
            );
        }
    }
}

/// The cards on one page of the sheet: 10 slots, each holding exactly the
/// single card's words at the same place relative to the slot.
fn assert_sheet_page(
    page: &PageInfo,
    single: &PageInfo,
    column_of: impl Fn(usize) -> usize,
    side: &str,
) {
    // An office sheet: the page is the Letter sheet itself, no bleed or marks.
    assert_eq!(page.trim_box, Some([0.0, 0.0, SHEET.0, SHEET.1]));
    assert_eq!(page.media_box, [0.0, 0.0, SHEET.0, SHEET.1]);
    let expected = relative(&single.words.iter().collect::<Vec<_>>(), (0.0, 0.0));
    let mut placed = 0;
    for row in 0..ROWS {
        for column in 0..COLUMNS {
            let origin = slot(column_of(column), row);
            let here: Vec<&Word> = page
                .words
                .iter()
                .filter(|w| inside(w, origin, CARD))
                .collect();
            placed += here.len();
            let got = relative(&here, origin);
            // Within 0.02 pt: the slot's offset adds float noise, no more.
            let same = got.len() == expected.len()
                && got.iter().zip(&expected).all(|(a, b)| {
                    a.0 == b.0 && a.1.iter().zip(&b.1).all(|(x, y)| (x - y).abs() <= 2)
                });
            assert!(
                same,
                "{side} of the card in row {}, column {} is not the single card at ({}, {}):\n{got:?}\n{expected:?}",
                row + 1,
                column + 1,
                origin.0,
                origin.1
            );
        }
    }
    assert_eq!(
        placed,
        page.words.len(),
        "{side}: text outside the 10 cards"
    );
}

#[test]
fn the_sheet_has_ten_fronts_and_ten_mirrored_backs_at_the_avery_positions() {
    let dir = temp_dir("card-sheet");
    let single = card(&dir, &[]);
    let sheet = card(&dir, &["--sheet"]);
    assert_eq!(sheet.pages.len(), 2);
    assert_sheet_page(&sheet.pages[0], &single.pages[0], |c| c, "front");
    // Flipped on the long edge, column c of the front backs onto column ncols-1-c.
    assert_sheet_page(
        &sheet.pages[1],
        &single.pages[1],
        |c| COLUMNS - 1 - c,
        "back",
    );
    for column in 0..COLUMNS {
        let (front, back) = (slot(column, 0).0, slot(COLUMNS - 1 - column, 0).0);
        assert_eq!(
            back,
            SHEET.0 - front - CARD.0,
            "the back is not the front's mirror image"
        );
    }
}

/// Straight stroked segments drawn on a page (`m` then `l`).
fn segments(page: &PageInfo) -> Vec<((f64, f64), (f64, f64))> {
    let ops = Content::decode(&page.content).unwrap().operations;
    let n = |o: &lopdf::Object| {
        o.as_float()
            .map(f64::from)
            .unwrap_or_else(|_| o.as_i64().unwrap() as f64)
    };
    let mut out = Vec::new();
    let mut at = (0.0, 0.0);
    for op in ops {
        match op.operator.as_str() {
            "m" => at = (n(&op.operands[0]), n(&op.operands[1])),
            "l" => {
                let to = (n(&op.operands[0]), n(&op.operands[1]));
                out.push((at, to));
                at = to;
            }
            _ => {}
        }
    }
    out
}

#[test]
fn cut_marks_sit_outside_the_cards_on_every_card_edge() {
    let dir = temp_dir("card-marks");
    let sheet = card(&dir, &["--sheet"]);
    // left, bottom, right, top of the block of cards
    let grid = (
        LEFT,
        SHEET.1 - TOP - ROWS as f64 * CARD.1,
        LEFT + COLUMNS as f64 * CARD.0,
        SHEET.1 - TOP,
    );
    let outside = |q: (f64, f64)| q.0 < grid.0 || q.0 > grid.2 || q.1 < grid.1 || q.1 > grid.3;
    for (p, page) in sheet.pages.iter().enumerate() {
        let lines = segments(page);
        for (a, b) in &lines {
            assert_eq!(
                outside(*a),
                outside(*b),
                "page {}: a line from {a:?} to {b:?} crosses a card edge",
                p + 1
            );
        }
        // Marks above and below each column edge, left and right of each row edge.
        let marks_at_x = |x: f64| {
            let beside = |a: &(f64, f64), b: &(f64, f64)| {
                (a.1 > grid.3 && b.1 > grid.3) || (a.1 < grid.1 && b.1 < grid.1)
            };
            lines
                .iter()
                .filter(|(a, b)| a.0 == x && b.0 == x && beside(a, b))
                .count()
        };
        let marks_at_y = |y: f64| {
            let beside = |a: &(f64, f64), b: &(f64, f64)| {
                (a.0 < grid.0 && b.0 < grid.0) || (a.0 > grid.2 && b.0 > grid.2)
            };
            lines
                .iter()
                .filter(|(a, b)| a.1 == y && b.1 == y && beside(a, b))
                .count()
        };
        for c in 0..=COLUMNS {
            assert_eq!(
                marks_at_x(LEFT + c as f64 * CARD.0),
                2,
                "page {}: column edge {c}",
                p + 1
            );
        }
        for r in 0..=ROWS {
            assert_eq!(
                marks_at_y(grid.1 + r as f64 * CARD.1),
                2,
                "page {}: row edge {r}",
                p + 1
            );
        }
    }
}

#[test]
fn default_names_say_card_or_sheet() {
    let dir = temp_dir("card-names");
    let out = run_ok(&dir, &["card"]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        "placer-card.pdf"
    );
    let out = run_ok(&dir, &["card", "--sheet"]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        "placer-card-sheet.pdf"
    );
}

#[test]
fn a_card_that_does_not_fit_names_the_side_and_writes_nothing() {
    let msg = common::overflow(
        "card-overflow",
        "card",
        "items: [*possessions, *words, *running, *scripted]\n",
        "items: [*possessions, *words, *running, *scripted, *possessions, *words, *running]\n",
    );
    assert!(msg.contains("card, front, body"), "{msg}");
}

#[test]
fn preflight_passes_the_card_and_the_sheet() {
    let dir = temp_dir("card-preflight");
    for args in [&[][..], &["--sheet"][..]] {
        card(&dir, args);
        let out = run_ok(&dir, &["preflight", "out.pdf"]);
        let report = String::from_utf8_lossy(&out.stdout).into_owned();
        assert_eq!(
            common::preflight_problems(&report),
            Vec::<&str>::new(),
            "{args:?}:\n{report}"
        );
        assert!(report.contains("safe area"), "{report}");
    }
}

#[test]
fn the_card_front_sets_its_band_and_its_list_on_one_left_edge() {
    let dir = temp_dir("card-front-edge");
    // The first word of the kicker, the title, the tagline and the heading.
    for (lang, firsts) in [
        ("en", ["Placer", "Commercial", "IT", "Identifying"]),
        ("es", ["Condado", "Explotación", "SUCEDE", "Cómo"]),
    ] {
        run_ok(&dir, &["card", "--office", "--lang", lang, "-o", "c.pdf"]);
        let pdf = inspect(&std::fs::read(dir.join("c.pdf")).unwrap());
        let front = &pdf.pages[0].words;
        let starts: Vec<f64> = firsts
            .iter()
            .map(|f| {
                front
                    .iter()
                    .find(|w| w.text == *f)
                    .unwrap_or_else(|| panic!("{lang}: no {f}"))
                    .x0
            })
            .collect();
        for s in &starts {
            assert!(
                (s - starts[3]).abs() < 1.5,
                "{lang}: {firsts:?} start at {starts:?}"
            );
        }
    }
}
