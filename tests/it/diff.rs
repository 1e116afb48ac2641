//! `foldline diff OLD NEW`: two print-run folders compared through the
//! real binary.

use crate::common;

use common::{foldline, run, stderr, temp_dir};
use std::path::Path;
use std::process::Output;

fn diff(dir: &Path, old: &str, new: &str) -> Output {
    foldline()
        .args(["diff", old, new])
        .current_dir(dir)
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_changed_number_is_reported_for_exactly_its_piece() {
    let dir = temp_dir("diff-runs");
    let made = run(
        &dir,
        &[
            "--counties",
            "Placer,Yolo",
            "--products",
            "card",
            "--lang",
            "en",
            "-o",
            "nov",
        ],
    );
    assert!(made.status.success(), "{}", stderr(&made));
    // The same run, but the plan gives Yolo another number.
    std::fs::write(
        dir.join("plan.yaml"),
        "counties: [Placer, Yolo]\nproducts: card\nlanguages: en\noutput: dec\nhotlines:\n  Yolo: 530-661-2999\n",
    )
    .unwrap();
    let made = run(&dir, &["plan.yaml"]);
    assert!(made.status.success(), "{}", stderr(&made));

    let registry = foldline::content::registry::Registry::embedded().unwrap();
    let yolo = registry.find("Yolo").unwrap().house_number().unwrap();
    let out = diff(&dir, "nov", "dec");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!(
            "changed: yolo/en/card.pdf — the phone numbers changed: {yolo} -> 530.661.2999\n\
             1 of 2 pieces differs (0 added, 0 removed, 1 changed; 1 with changed phone numbers)\n"
        )
    );
    assert_eq!(stderr(&out), "");

    // A run compared with itself.
    let out = diff(&dir, "nov", "nov");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "no differences: 2 pieces\n");

    // Another county instead of Yolo: one piece added, one removed.
    let made = run(
        &dir,
        &[
            "--counties",
            "Placer,Sonoma",
            "--products",
            "card",
            "--lang",
            "en",
            "-o",
            "other",
        ],
    );
    assert!(made.status.success(), "{}", stderr(&made));
    let sonoma = registry.find("Sonoma").unwrap().house_number().unwrap();
    let out = diff(&dir, "nov", "other");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!(
            "added:   sonoma/en/card.pdf — prints {sonoma}, 1.888.373.7888\n\
             removed: yolo/en/card.pdf\n\
             2 of 3 pieces differ (1 added, 1 removed, 0 changed; 0 with changed phone numbers)\n"
        )
    );
}

#[test]
fn a_folder_that_is_not_a_run_is_refused_with_exit_2() {
    let dir = temp_dir("diff-bad");
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    std::fs::create_dir_all(dir.join("garbled")).unwrap();
    std::fs::write(
        dir.join("garbled/manifest.csv"),
        "county,language,product,hotline,source,printed,pages,bytes,sha256,file\r\nPlacer,en,\"card\r\n",
    )
    .unwrap();
    for (old, new, message) in [
        (
            "empty",
            "garbled",
            "error: empty is not a foldline run folder: it has no manifest.csv",
        ),
        (
            "garbled",
            "empty",
            "error: garbled/manifest.csv:2: a quoted field is never closed",
        ),
        ("nosuch", "empty", "error: there is no folder nosuch"),
    ] {
        let out = diff(&dir, old, new);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).starts_with(message), "{}", stderr(&out));
        assert_eq!(stdout(&out), "");
    }
}
