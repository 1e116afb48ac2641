//! Shared test helpers: run the real binary, read what it wrote.
#![allow(dead_code)] // each test binary uses a different part

pub mod pdftext;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn foldline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_foldline"))
}

/// A fresh, empty folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("foldline-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs foldline with `args` in `dir`; panics with its stderr if it fails.
pub fn run_ok(dir: &Path, args: &[&str]) -> Output {
    let out = foldline().args(args).current_dir(dir).output().unwrap();
    assert!(
        out.status.success(),
        "foldline {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every text token of the PDF, in order. A line ending in a hyphen or slash
/// is joined to the next line, and hyphens are dropped, so "exhaus-" "tion"
/// reads as the content's "exhaustion"; compare with `normalize`d words.
pub fn pdf_tokens(pdf: &pdftext::PdfInfo) -> Vec<String> {
    let mut text = String::new();
    for page in &pdf.pages {
        for line in &page.lines {
            text.push_str(line);
            if !(line.ends_with('-') || line.ends_with('/')) {
                text.push(' ');
            }
        }
    }
    text.split_whitespace().map(normalize).collect()
}

pub fn normalize(word: &str) -> String {
    word.replace('-', "")
}
