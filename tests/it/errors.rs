//! Bad input, run through the real binary: every mistake ends in one
//! message naming where it is and what to do, the right exit code, no
//! panic, and no file written (an earlier file at the target untouched).

use crate::common;

/// The built-in content with its phone icon as an image block of the PNG
/// foldline ships, for the tests of images and of figures.
static EMBEDDED_EN: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(common::en_with_phone_image);

use common::pdftext::inspect;
use common::{foldline, normalize, pdf_tokens, stderr, temp_dir};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs `cmd`, killing it if it has not finished after `limit`: a guard
/// against hangs, not a measurement (speed is measured in the benchmark).
fn run_guarded(mut cmd: Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("foldline did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Runs foldline in `dir`; asserts exit `code`, no panic, and that no PDF
/// or temporary file appeared. Returns the message.
fn refused(dir: &Path, args: &[&str], code: i32) -> String {
    let before = listing(dir);
    let mut cmd = foldline();
    cmd.args(args).current_dir(dir);
    let out = run_guarded(cmd, Duration::from_secs(20));
    let msg = stderr(&out);
    assert_eq!(out.status.code(), Some(code), "foldline {args:?}: {msg}");
    assert_no_panic(&msg);
    // Notes may come first (which hotline is used); the error is one line.
    let errors: Vec<&str> = msg.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(errors.len(), 1, "{msg}");
    assert_eq!(listing(dir), before, "files appeared or vanished: {msg}");
    msg
}

fn assert_no_panic(msg: &str) {
    for sign in [
        "panicked",
        "internal error",
        "RUST_BACKTRACE",
        "stack overflow",
    ] {
        assert!(!msg.contains(sign), "a panic: {msg}");
    }
}

fn listing(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// A folder holding the built-in content with `from` replaced by `to` as
/// bad.yaml, and an out.pdf from an earlier run that must survive.
fn bad_content(name: &str, from: &str, to: &str) -> std::path::PathBuf {
    let yaml = EMBEDDED_EN.replacen(from, to, 1);
    assert_ne!(yaml, *EMBEDDED_EN, "{from:?} is not in the content");
    let dir = temp_dir(name);
    std::fs::write(dir.join("bad.yaml"), yaml).unwrap();
    std::fs::write(dir.join("out.pdf"), b"an earlier brochure").unwrap();
    dir
}

const BAD: [&str; 5] = ["brochure", "--content", "bad.yaml", "-o", "out.pdf"];

/// Line number (from 1) of the first line of the content containing `text`.
fn line_of(text: &str) -> usize {
    EMBEDDED_EN.lines().position(|l| l.contains(text)).unwrap() + 1
}

/// The column (from 1) where the underline under the source line
/// `line` starts, as the message shows them.
fn caret_column(msg: &str, line: usize) -> usize {
    let lines: Vec<&str> = msg.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.starts_with(&format!("{line} | ")))
        .unwrap_or_else(|| panic!("line {line} is not shown: {msg}"));
    let caret = lines[i + 1];
    let at = caret
        .find('^')
        .unwrap_or_else(|| panic!("no underline: {msg}"));
    let gutter = format!("{line} | ").len();
    at - gutter + 1
}

/// The text underlined under the source line `line` (a long line is
/// shown around the mistake only).
fn underlined(msg: &str, line: usize) -> String {
    let lines: Vec<&str> = msg.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.starts_with(&format!("{line} | ")))
        .unwrap_or_else(|| panic!("line {line} is not shown: {msg}"));
    let shown: Vec<char> = lines[i].chars().collect();
    lines[i + 1]
        .chars()
        .enumerate()
        .filter(|(_, c)| *c == '^')
        .filter_map(|(n, _)| shown.get(n))
        .collect()
}

/// The message names the mistake's place as rustc does: " --> file:line:column".
fn place(file: &str, line: usize, column: usize) -> String {
    format!(" --> {file}:{line}:{column}\n")
}

#[test]
fn a_yaml_syntax_error_shows_file_line_column_and_the_line_with_a_caret() {
    let dir = bad_content("syntax-tab", "  language: en", "\tlanguage: en");
    let msg = refused(&dir, &BAD, 2);
    let line = line_of("  language: en");
    assert!(msg.contains(&place("bad.yaml", line, 1)), "{msg}");
    assert!(msg.contains("tab") && msg.contains("spaces"), "{msg}");
    assert_eq!(caret_column(&msg, line), 1, "{msg}");

    // Text with ": " in it must be quoted: the caret points at that colon.
    let from = "      - paragraph: \"*If";
    let dir = bad_content("syntax-colon", from, "      - paragraph: Note: call *If");
    let msg = refused(&dir, &BAD, 2);
    let line = line_of(from);
    let shown = "      - paragraph: Note: call";
    let colon = shown.rfind(':').unwrap() + 1;
    assert!(msg.contains(&place("bad.yaml", line, colon)), "{msg}");
    assert!(msg.contains("double quotes"), "{msg}");
    assert_eq!(caret_column(&msg, line), colon, "{msg}");
}

#[test]
fn an_unknown_key_is_named_with_the_nearest_valid_one() {
    let dir = bad_content("typo-key", "  title: Commercial", "  titel: Commercial");
    let msg = refused(&dir, &BAD, 2);
    let line = line_of("  title: Commercial");
    assert!(
        msg.contains("error: meta: unknown field `titel`")
            && msg.contains(&place("bad.yaml", line, 3)),
        "{msg}"
    );
    assert!(msg.contains("Did you mean `title`?"), "{msg}");
    assert_eq!(caret_column(&msg, line), 3);

    let dir = bad_content("typo-block", "      - paragraph:", "      - paragrah:");
    let msg = refused(&dir, &BAD, 2);
    assert!(msg.contains("unknown variant `paragrah`"), "{msg}");
    assert!(msg.contains("Did you mean `paragraph`?"), "{msg}");

    let dir = bad_content("typo-marker", "marker: arrow", "marker: arow");
    let msg = refused(&dir, &BAD, 2);
    assert!(
        msg.contains("bullets.marker: unknown variant `arow`"),
        "{msg}"
    );
    assert!(msg.contains("Did you mean `arrow`?"), "{msg}");
}

#[test]
fn a_wrong_type_or_missing_field_names_the_field_path_and_what_was_expected() {
    let dir = bad_content("type", "columns: 2", "columns: two");
    let msg = refused(&dir, &BAD, 2);
    assert!(
        msg.contains("sections.what_is.blocks[3].grid.columns: invalid type: string \"two\""),
        "{msg}"
    );
    assert!(msg.contains("expected a whole number"), "{msg}");

    let dir = bad_content(
        "colour",
        "primary: [100, 80, 20, 25]",
        "primary: [100, 80, 20]",
    );
    let msg = refused(&dir, &BAD, 2);
    assert!(msg.contains("theme.primary: invalid length 3"), "{msg}");
    assert!(msg.contains("a list of 4 numbers"), "{msg}");

    let dir = bad_content(
        "colour-range",
        "accent: [0, 95, 100, 10]",
        "accent: [0, 950, 100, 10]",
    );
    let msg = refused(&dir, &BAD, 2);
    assert!(
        msg.contains("theme.accent") && msg.contains("from 0 to 100"),
        "{msg}"
    );

    let dir = bad_content("missing", "  hotline: 1.866.293.1940\n", "");
    let msg = refused(&dir, &BAD, 2);
    assert!(msg.contains("meta: missing field `hotline`"), "{msg}");
    assert!(msg.contains("Add `hotline:` under `meta`"), "{msg}");
}

#[test]
fn an_unknown_placeholder_is_named_with_where_it_is_and_the_known_ones() {
    let from = "**{county} County Child Welfare Hotline***";
    let dir = bad_content(
        "placeholder",
        from,
        "**{countie} County Child Welfare Hotline***",
    );
    let msg = refused(&dir, &BAD, 2);
    let line = line_of(from);
    assert!(
        msg.contains("sections.how_to_report.blocks[0] (paragraph): unknown placeholder {countie}"),
        "{msg}"
    );
    assert!(
        msg.contains("the known placeholders are {county}, {hotline}"),
        "{msg}"
    );
    assert!(msg.contains("Did you mean {county}?"), "{msg}");
    let column = EMBEDDED_EN
        .lines()
        .nth(line - 1)
        .unwrap()
        .find("{county}")
        .unwrap()
        + 1;
    assert!(msg.contains(&place("bad.yaml", line, column)), "{msg}");
    // The line is long: shown around the placeholder, which is underlined.
    assert_eq!(underlined(&msg, line), "{countie}", "{msg}");
}

#[test]
fn a_figure_without_alt_text_or_decorative_is_refused_with_its_line_and_block() {
    let qr_alt =
        "          alt: \"QR code: call the National Human Trafficking Hotline, 1-888-373-7888\"\n";
    let dir = bad_content("alt-qr", qr_alt, "");
    let msg = refused(&dir, &BAD, 2);
    let line = line_of("      - qr:");
    assert!(msg.contains(&place("bad.yaml", line, 9)), "{msg}");
    assert!(
        msg.contains("sections.how_to_report.blocks[4] (qr): it has no alt text"),
        "{msg}"
    );
    assert!(msg.contains("decorative: true"), "{msg}");
    assert_eq!(caret_column(&msg, line), 9, "{msg}");

    // The second QR code of a section is found on its own line.
    let second = "      - qr:\n          data: \"tel:+18662931940\"\n";
    let dir = bad_content("alt-qr-2", qr_alt, &format!("{qr_alt}{second}"));
    let msg = refused(&dir, &BAD, 2);
    let line = line_of("      - qr:") + 4;
    assert!(msg.contains(&place("bad.yaml", line, 9)), "{msg}");
    assert!(msg.contains("blocks[5] (qr)"), "{msg}");

    let phone = "          decorative: true\n";
    let dir = bad_content("alt-image", phone, "");
    let msg = refused(&dir, &BAD, 2);
    let line = line_of("      - image:");
    assert!(msg.contains(&place("bad.yaml", line, 9)), "{msg}");
    assert!(
        msg.contains("sections.how_to_report.blocks[1] (image)"),
        "{msg}"
    );

    let chain_alt = EMBEDDED_EN
        .lines()
        .find(|l| l.contains("alt: \"Diagram"))
        .unwrap();
    let dir = bad_content("alt-empty", chain_alt, "          alt: \" \"");
    let msg = refused(&dir, &BAD, 2);
    assert!(
        msg.contains(&format!(" --> bad.yaml:{}:", line_of("      - chain:"))),
        "{msg}"
    );
    assert!(msg.contains("(chain): its alt text is empty"), "{msg}");

    let dir = bad_content(
        "alt-both",
        "          links:\n",
        "          decorative: true\n          links:\n",
    );
    let msg = refused(&dir, &BAD, 2);
    assert!(
        msg.contains("(chain): it has alt text and `decorative: true`"),
        "{msg}"
    );
}

const RISK: &str = "  risk_factors:\n    heading: Risk Factors\n    blocks:\n";

fn with_paragraph(name: &str, text: &str) -> std::path::PathBuf {
    bad_content(
        name,
        RISK,
        &format!("{RISK}      - paragraph: \"{text}\"\n"),
    )
}

#[test]
fn text_that_does_not_fit_names_the_place_and_the_first_words_and_writes_nothing() {
    let long = "Warning signs can be subtle and easy to miss. ".repeat(120);
    let dir = with_paragraph("overflow", &long);
    let msg = refused(&dir, &BAD, 3);
    assert!(
        msg.contains(
            "error: brochure, inside page, panel 'inside-middle': the content does not fit"
        ),
        "{msg}"
    );
    let words = msg
        .split("The first words that did not fit: \"")
        .nth(1)
        .and_then(|m| m.split('"').next())
        .unwrap_or_else(|| panic!("no first words: {msg}"));
    assert!(
        !words.is_empty() && long.contains(words),
        "{words:?} is not from the text"
    );
}

#[test]
fn a_word_wider_than_its_column_is_hyphenated_in_running_text() {
    // 45 letters: wider than a panel's column at every body size.
    let word = "Pneumonoultramicroscopicsilicovolcanoconiosis";
    let dir = with_paragraph("long-word", &format!("A lung disease: {word} is rare."));
    let out = foldline().args(BAD).current_dir(&dir).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = inspect(&std::fs::read(dir.join("out.pdf")).unwrap());
    assert!(
        pdf_tokens(&pdf).contains(&normalize(word)),
        "{word} is not printed whole"
    );
    let broken = pdf.pages[1].lines.iter().any(|l| {
        l.ends_with('-')
            && l.split_whitespace()
                .last()
                .is_some_and(|w| word.starts_with(w.trim_end_matches('-')))
    });
    assert!(
        broken,
        "{word} was not hyphenated: {:?}",
        pdf.pages[1].lines
    );

    // Headings are never hyphenated: the same word there is the overflow
    // error, naming the place.
    let dir = bad_content(
        "long-heading",
        "    heading: Risk Factors",
        &format!("    heading: {word}"),
    );
    let msg = refused(&dir, &BAD, 3);
    assert!(
        msg.contains(
            "error: brochure, inside page, panel 'inside-middle': the content does not fit"
        ),
        "{msg}"
    );
    assert!(
        msg.contains(&format!("The first words that did not fit: \"{word}\"")),
        "{msg}"
    );
}

#[test]
fn a_word_that_cannot_be_hyphenated_to_fit_is_the_overflow_error() {
    // Digits after letters: no phone number (those are refused as such,
    // see tests/numbers.rs) and nothing hyphenation could break.
    let digits = "Q1234567890".repeat(7);
    let dir = with_paragraph("unbreakable", &format!("Call {digits} now"));
    let msg = refused(&dir, &BAD, 3);
    assert!(
        msg.contains(
            "error: brochure, inside page, panel 'inside-middle': the content does not fit"
        ),
        "{msg}"
    );
    assert!(
        msg.contains(&format!("The first words that did not fit: \"{digits}\"")),
        "{msg}"
    );

    let dir = bad_content(
        "unbreakable-heading",
        "    heading: Risk Factors",
        &format!("    heading: \"{digits}\""),
    );
    let msg = refused(&dir, &BAD, 3);
    assert!(
        msg.contains("panel 'inside-middle'") && msg.contains(&digits),
        "{msg}"
    );
}

#[test]
fn a_character_no_built_in_font_has_is_named_with_its_script_and_place() {
    let dir = with_paragraph("unicorn", "Stay safe \u{1F984} always");
    let msg = refused(&dir, &BAD, 2);
    assert!(
        msg.contains("sections.risk_factors.blocks[0] (paragraph)"),
        "{msg}"
    );
    assert!(msg.contains("'\u{1F984}' (U+1F984)"), "{msg}");
    assert!(msg.contains("not in the built-in fonts"), "{msg}");
    assert!(msg.contains("Noto Sans CJK"), "the fonts are named: {msg}");
    let line = line_of("  risk_factors:") + 3;
    assert!(msg.contains(&format!(" --> bad.yaml:{line}:")), "{msg}");

    let dir = bad_content(
        "cherokee",
        "    heading: Risk Factors",
        "    heading: Risk Factors ᏣᎳᎩ",
    );
    let msg = refused(&dir, &BAD, 2);
    assert!(msg.contains("sections.risk_factors.heading"), "{msg}");
    assert!(
        msg.contains("'Ꮳ' (U+13E3), in the Cherokee script"),
        "{msg}"
    );
}

#[test]
fn an_emoji_the_fonts_have_is_printed_and_copies_out_whole() {
    // U+2764 U+FE0F: a heart and the variation selector that asks for its
    // emoji form; the selector has no glyph of its own to show.
    let text = "We \u{2764}\u{FE0F} you \u{1F621} never";
    let dir = with_paragraph("emoji", text);
    let out = foldline().args(BAD).current_dir(&dir).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = inspect(&std::fs::read(dir.join("out.pdf")).unwrap());
    let printed = pdf.pages[1].lines.join(" ");
    assert!(printed.contains(text), "{text:?} is not in {printed:?}");
}

#[test]
fn a_path_in_a_content_file_that_leaves_its_folder_is_refused() {
    let png = "file: assets/phone.png\n          width: 0.5";
    let outside = temp_dir("escape-outside");
    image::GrayImage::new(8, 8)
        .save(outside.join("secret.png"))
        .unwrap();
    let mut paths = vec![
        r"..\..\etc\passwd".to_string(),
        "images/../../x.png".to_string(),
    ];
    let dir = bad_content("escape", png, "file: \"PATH\"\n          width: 0.5");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(outside.join("secret.png"), dir.join("logo.png")).unwrap();
        paths.push("logo.png".into());
    }
    let yaml = std::fs::read_to_string(dir.join("bad.yaml")).unwrap();
    for path in paths {
        std::fs::write(
            dir.join("bad.yaml"),
            yaml.replace("PATH", &path.replace('\\', "\\\\")),
        )
        .unwrap();
        let msg = refused(&dir, &BAD, 2);
        assert!(
            msg.contains(&format!("the path \"{path}\" leaves the content folder")),
            "{msg}"
        );
        // Named with the line that gives the path.
        let line = yaml.lines().position(|l| l.contains("PATH")).unwrap() + 1;
        assert!(
            msg.contains(&format!(" --> bad.yaml:{line}:"))
                && msg.contains("section 'how_to_report'"),
            "{msg}"
        );
    }
}

#[test]
fn an_alias_bomb_is_refused() {
    let yaml = common::inputs::alias_bomb();
    let dir = temp_dir("bomb");
    std::fs::write(dir.join("bad.yaml"), yaml).unwrap();
    let msg = refused(&dir, &BAD, 2);
    assert!(
        msg.contains("bad.yaml: the content expands to more than"),
        "{msg}"
    );
    assert!(msg.contains("aliases"), "{msg}");
}

#[test]
fn a_huge_or_endless_or_deeply_nested_file_is_refused() {
    let dir = temp_dir("huge");
    let f = std::fs::File::create(dir.join("bad.yaml")).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap(); // sparse: costs no disk
    let msg = refused(&dir, &BAD, 2);
    assert!(
        msg.contains(
            "content file bad.yaml is 52428800 bytes; a content file may be at most 2097152 bytes"
        ),
        "{msg}"
    );
    std::fs::remove_file(dir.join("bad.yaml")).unwrap();

    #[cfg(unix)]
    {
        // Refused before a byte is read, not after 2 MB of zeros.
        let msg = refused(
            &dir,
            &["brochure", "--content", "/dev/zero", "-o", "out.pdf"],
            4,
        );
        assert!(msg.contains("/dev/zero: it is a character device"), "{msg}");
    }

    let deep = format!("meta: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    std::fs::write(dir.join("deep.yaml"), deep).unwrap();
    let msg = refused(
        &dir,
        &["brochure", "--content", "deep.yaml", "-o", "out.pdf"],
        2,
    );
    assert!(msg.contains("100000 opening brackets"), "{msg}");

    let text = "Warning signs can be subtle. ".repeat(3000);
    let dir = with_paragraph("much-text", &text);
    let msg = refused(&dir, &BAD, 2);
    assert!(msg.contains("characters of text"), "{msg}");

    let dir = temp_dir("not-utf8");
    std::fs::write(dir.join("bad.yaml"), b"meta:\n  title: caf\xe9\n").unwrap();
    let msg = refused(&dir, &BAD, 2);
    assert!(
        msg.contains("error: the file is not UTF-8") && msg.contains(&place("bad.yaml", 2, 13)),
        "{msg}"
    );
}

#[test]
fn an_output_path_that_is_a_folder_or_in_no_folder_is_refused_before_any_work() {
    let dir = temp_dir("out-folder");
    std::fs::create_dir(dir.join("pdfs")).unwrap();
    let msg = refused(&dir, &["brochure", "-o", "pdfs"], 4);
    assert!(msg.contains("cannot write pdfs: it is a folder"), "{msg}");
    assert_eq!(std::fs::read_dir(dir.join("pdfs")).unwrap().count(), 0);

    let msg = refused(&dir, &["brochure", "-o", "nowhere/out.pdf"], 4);
    assert!(msg.contains("nowhere does not exist"), "{msg}");

    // Checked before the content is read: the missing content is not reported.
    let msg = refused(
        &dir,
        &["brochure", "--content", "missing.yaml", "-o", "pdfs"],
        4,
    );
    assert!(msg.contains("is a folder"), "{msg}");

    std::fs::write(dir.join("mine.yaml"), &*EMBEDDED_EN).unwrap();
    let msg = refused(
        &dir,
        &["brochure", "--content", "mine.yaml", "-o", "mine.yaml"],
        2,
    );
    assert!(msg.contains("is the content file"), "{msg}");
}

#[cfg(target_os = "linux")]
#[test]
fn an_unwritable_folder_is_a_clear_error() {
    // sysfs refuses new files even to root, unlike a chmod-ed folder.
    let dir = temp_dir("out-unwritable");
    let msg = refused(&dir, &["brochure", "-o", "/sys/foldline-test.pdf"], 4);
    assert!(msg.contains("cannot write /sys/foldline-test.pdf"), "{msg}");
    assert!(msg.contains("permission"), "{msg}");
    assert!(msg.contains("nothing was written"), "{msg}");
}

#[cfg(unix)]
#[test]
fn a_write_that_fails_midway_leaves_the_earlier_file_and_no_partial_file() {
    // A file-size limit makes the write fail after a few kilobytes, as a
    // full disk does (EFBIG instead of ENOSPC; the same path in foldline).
    let dir = temp_dir("out-full");
    std::fs::write(dir.join("out.pdf"), b"an earlier brochure").unwrap();
    let mut cmd = Command::new("sh");
    cmd.args([
        "-c",
        "trap '' XFSZ; ulimit -f 8; exec \"$0\" brochure -o out.pdf",
    ])
    .arg(env!("CARGO_BIN_EXE_foldline"))
    .current_dir(&dir);
    let out = run_guarded(cmd, Duration::from_secs(20));
    let msg = stderr(&out);
    assert_eq!(out.status.code(), Some(4), "{msg}");
    assert_no_panic(&msg);
    assert!(
        msg.contains("cannot write out.pdf: the file is larger than this system allows"),
        "{msg}"
    );
    assert!(
        msg.contains("any existing file there is unchanged"),
        "{msg}"
    );
    assert_eq!(
        listing(&dir),
        vec![("out.pdf".to_string(), b"an earlier brochure".to_vec())]
    );
}

#[cfg(unix)]
#[test]
fn a_reader_that_stops_early_is_no_failure() {
    // `foldline counties | head -1`, or `| true` as here: the reader is
    // gone before foldline prints, so printing meets a broken pipe. The
    // file is written all the same and nothing panics.
    let dir = temp_dir("broken-pipe");
    for args in ["brochure -o out.pdf", "counties"] {
        let mut cmd = Command::new("sh");
        let script = format!("{{ \"$0\" {args}; echo \"exit=$?\" >&2; }} | true");
        cmd.args(["-c", &script])
            .arg(env!("CARGO_BIN_EXE_foldline"))
            .current_dir(&dir);
        let out = run_guarded(cmd, Duration::from_secs(20));
        let msg = stderr(&out);
        assert!(msg.contains("exit=0"), "{args}: {msg}");
        assert_no_panic(&msg);
    }
    assert!(std::fs::read(dir.join("out.pdf"))
        .unwrap()
        .starts_with(b"%PDF-"));
}

/// A one-page PDF whose content stream is `content`.
fn tiny_pdf(content: &str) -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << >> >>"
            .to_string(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
    ];
    common::pdf(&objects.each_ref().map(String::as_str))
}

#[test]
fn preflight_of_a_pdf_it_cannot_read_is_one_clear_error() {
    let dir = temp_dir("preflight-bad");
    // Text shown before a font is chosen: the inspector stops on it.
    std::fs::write(dir.join("odd.pdf"), tiny_pdf("BT (hello) Tj ET")).unwrap();
    std::fs::write(dir.join("notes.pdf"), "not a PDF at all").unwrap();
    for (file, says) in [
        ("odd.pdf", "it could not be read in full"),
        ("notes.pdf", "it is not a PDF foldline can read"),
    ] {
        let msg = refused(&dir, &["preflight", file], 2);
        assert!(
            msg.contains(&format!("error: could not check {file}: ")),
            "{msg}"
        );
        assert!(msg.contains(says), "{msg}");
    }
}

#[test]
fn bad_flags_are_refused_before_any_work() {
    let dir = temp_dir("flags");
    // The content file does not exist: the flag is checked before it is read.
    let msg = refused(
        &dir,
        &[
            "brochure",
            "--hotline",
            "555-12",
            "--content",
            "missing.yaml",
            "-o",
            "out.pdf",
        ],
        2,
    );
    assert!(
        msg.contains("the hotline \"555-12\" is not a valid phone number"),
        "{msg}"
    );

    let msg = refused(&dir, &["brochure", "--county", " ", "-o", "out.pdf"], 2);
    assert!(msg.contains("county name is empty"), "{msg}");

    // An unknown county, before the content file (missing here) is read.
    let msg = refused(
        &dir,
        &[
            "brochure",
            "--county",
            "Montery",
            "--content",
            "missing.yaml",
        ],
        2,
    );
    assert!(
        msg.contains("unknown county \"Montery\"") && msg.contains("Monterey"),
        "{msg}"
    );

    // An unknown poster size: clap refuses it and lists the sizes.
    let msg = refused(&dir, &["poster", "--size", "a4", "-o", "out.pdf"], 2);
    assert!(
        msg.contains("'a4'") && msg.contains("tabloid") && msg.contains("24x36"),
        "{msg}"
    );

    // clap's own errors: exit 2, a suggestion, no panic.
    let msg = refused(&dir, &["brochure", "--countie", "Yolo"], 2);
    assert!(
        msg.contains("'--countie'") && msg.contains("'--county'"),
        "{msg}"
    );
    let msg = refused(&dir, &["brochur"], 2);
    assert!(msg.contains("'brochure'"), "{msg}");
    let msg = refused(&dir, &["brochure", "--hotline"], 2);
    assert!(msg.contains("--hotline"), "{msg}");
}

/// Mistakes found after the YAML is read name the file, line and column
/// too, and each gets the hint that fits it (issue 14).
#[test]
fn mistakes_found_after_reading_are_located_and_hinted_as_they_are() {
    let primary = EMBEDDED_EN
        .lines()
        .find(|l| l.trim_start().starts_with("primary: ["))
        .unwrap();
    let flap = "sections: [identifying, grooming, recognizing]";
    let image = "file: assets/phone.png";
    let bullet = "- Angry, aggressive, or fearful";
    for (name, from, to, code, find, says) in [
        (
            "colour",
            primary,
            "  primary: [300, 80, 20, 25]",
            2,
            "  primary:",
            "is not a CMYK colour",
        ),
        (
            "panel",
            flap,
            "sections: [identifyng, grooming, recognizing]",
            2,
            flap,
            "names section 'identifyng'",
        ),
        (
            "image",
            image,
            "file: assets/phne.png",
            4,
            image,
            "there is no such file",
        ),
        (
            "indent",
            "  language: en",
            "    language: en",
            2,
            "  language: en",
            "indented more than the line above it",
        ),
        (
            "star",
            bullet,
            "- *Angry*, aggressive, or fearful",
            2,
            bullet,
            "A text that starts with * must be in double quotes",
        ),
    ] {
        let dir = bad_content(&format!("located-{name}"), from, to);
        let msg = refused(&dir, &BAD, code);
        let line = line_of(find);
        assert!(
            msg.contains(&format!(" --> bad.yaml:{line}:")),
            "{name}: {msg}"
        );
        assert!(msg.contains(says), "{name}: {msg}");
        assert!(!msg.contains("os error"), "{name}: {msg}");
        caret_column(&msg, line);
    }
    // An over-indented key is not told to quote text.
    let dir = bad_content("located-indent-hint", "  language: en", "    language: en");
    let msg = refused(&dir, &BAD, 2);
    assert!(!msg.contains("must be in double quotes"), "{msg}");
}

#[test]
fn text_that_does_not_fit_says_by_how_many_lines_and_inches() {
    let long = "Warning signs can be subtle and easy to miss. ".repeat(120);
    let dir = with_paragraph("overflow-lines", &long);
    let msg = refused(&dir, &BAD, 3);
    let said = msg
        .split("the content does not fit; it is about ")
        .nth(1)
        .unwrap_or_else(|| panic!("{msg}"));
    let (lines, rest) = said
        .split_once(" lines of body text (")
        .unwrap_or_else(|| panic!("{msg}"));
    let inches: f64 = rest.split(" in) too tall").next().unwrap().parse().unwrap();
    let lines: f64 = lines.parse().unwrap();
    // Body leading is 10-15 pt: a line is between 1/7 and 1/5 in.
    assert!(lines >= 1.0 && inches > 0.0, "{msg}");
    assert!(
        lines * 10.0 / 72.0 <= inches + 0.2 && inches <= lines * 15.0 / 72.0 + 0.01,
        "{msg}"
    );
    assert!(!msg.contains(" pt too tall"), "{msg}");
}

/// Mistakes found after the YAML is read are all reported at once, each
/// with its own line and column, an underline and its help on a line of
/// its own; piped, the output has no colour codes (issue 14).
#[test]
fn every_mistake_after_reading_is_reported_at_once() {
    let primary = EMBEDDED_EN
        .lines()
        .find(|l| l.trim_start().starts_with("primary: ["))
        .unwrap();
    let mut yaml = EMBEDDED_EN.to_string();
    for (from, to) in [
        (primary, "  primary: [300, 80, 20, 25]"),
        (
            "sections: [identifying, grooming, recognizing]",
            "sections: [identifyng, grooming, recognizing]",
        ),
        ("file: assets/phone.png", "file: assets/phne.png"),
    ] {
        assert!(yaml.contains(from), "{from}");
        yaml = yaml.replacen(from, to, 1);
    }
    let dir = temp_dir("three-mistakes");
    std::fs::write(dir.join("bad.yaml"), &yaml).unwrap();
    std::fs::write(dir.join("out.pdf"), b"an earlier brochure").unwrap();
    let before = listing(&dir);
    let out = foldline().args(BAD).current_dir(&dir).output().unwrap();
    let msg = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{msg}");
    assert_no_panic(&msg);
    assert!(!msg.contains('\u{1b}'), "colour codes when piped: {msg:?}");
    assert_eq!(listing(&dir), before, "{msg}");
    let column = |line: &str, of: &str| line.find(of).unwrap() + 1;
    for (find, at, says, help) in [
        (
            "  primary:",
            "[300",
            "theme.primary: [300, 80, 20, 25] is not a CMYK colour",
            "= help: give four percentages from 0 to 100",
        ),
        (
            "sections: [identifying, grooming, recognizing]",
            "identifyng",
            "brochure panel 'flap' names section 'identifyng'",
            "= help: Did you mean 'identifying'?",
        ),
        (
            "file: assets/phone.png",
            "assets/",
            "section 'how_to_report': cannot read image assets/phne.png",
            "",
        ),
    ] {
        let line = line_of(find);
        let text = yaml.lines().nth(line - 1).unwrap();
        let col = column(text, at);
        assert!(msg.contains(&format!("error: {says}")), "{says}: {msg}");
        assert!(msg.contains(&place("bad.yaml", line, col)), "{says}: {msg}");
        assert_eq!(caret_column(&msg, line), col, "{says}: {msg}");
        // The help is a line of its own, not glued to the message.
        assert!(
            msg.lines().any(|l| l.trim_start().starts_with(help)),
            "{help}: {msg}"
        );
    }
    let errors: Vec<&str> = msg.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(errors.len(), 4, "{msg}");
    assert_eq!(
        errors[3], "error: the file bad.yaml has 3 mistakes (shown above); nothing was written",
        "{msg}"
    );
}

#[test]
fn at_most_twenty_mistakes_are_shown_and_the_rest_counted() {
    let many: String = (0..25)
        .map(|i| format!("      - paragraph: \"Stay safe {i} \u{1F984}\"\n"))
        .collect();
    let dir = bad_content("many-mistakes", RISK, &format!("{RISK}{many}"));
    let out = foldline().args(BAD).current_dir(&dir).output().unwrap();
    let msg = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{msg}");
    let errors: Vec<&str> = msg.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(errors.len(), 21, "{msg}");
    assert!(
        errors[20].contains("has 25 mistakes (the first 20 are shown above)"),
        "{msg}"
    );
}
