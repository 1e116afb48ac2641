//! Every printed phone number is checked wherever it comes from, and the
//! manifest and proof sheet list the numbers read back from the files
//! themselves, each with its source (issue 15).

use crate::common;

use common::pdftext::inspect;
use common::{csv_rows, foldline, run, stderr, temp_dir};
use foldline::content::load::EMBEDDED_EN;
use std::path::Path;

/// `foldline ARGS` in `dir`: exit code and stderr.
fn foldline_in(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = foldline().args(args).current_dir(dir).output().unwrap();
    (out.status.code(), stderr(&out))
}

/// The built-in English content with `from` replaced by `to` (which must occur).
fn edited(from: &str, to: &str) -> String {
    assert!(EMBEDDED_EN.contains(from), "{from}");
    EMBEDDED_EN.replacen(from, to, 1)
}

/// The text of a PDF as printed, line by line (no normalising).
fn printed_text(path: &Path) -> String {
    let pdf = inspect(&std::fs::read(path).unwrap());
    let lines: Vec<&str> = pdf
        .pages
        .iter()
        .flat_map(|p| &p.lines)
        .map(String::as_str)
        .collect();
    lines.join(" ")
}

/// The line (from 1) of `text` that holds `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn a_bad_number_anywhere_in_the_content_is_refused_with_its_line() {
    let dir = temp_dir("numbers-bad");
    for (what, from, to, shown) in [
        (
            "a typo in a text",
            "Call **1.888.373.7888** or",
            "Call **1.888.373.788** or",
            "1.888.373.788",
        ),
        (
            "a letter O in a text",
            "Call **1.888.373.7888** or",
            "Call **1.888.373.788O** or",
            "1.888.373.788",
        ),
        (
            "seven digits",
            "Call **1.888.373.7888** or",
            "Call **373-7888** or",
            "373-7888",
        ),
        (
            "a fictional 555-01xx number",
            "Call **1.888.373.7888** or",
            "Call **916-555-0123** or",
            "916-555-0123",
        ),
        (
            "a number in a hotline box",
            "number: 1.888.373.7888",
            "number: 1.888.373.788",
            "1.888.373.788",
        ),
        (
            "words in a hotline box",
            "number: 1.888.373.7888",
            "number: call me",
            "call me",
        ),
        (
            "meta.hotline",
            "hotline: 1.866.293.1940",
            "hotline: 1.866.293.194O",
            "1.866.293.194O",
        ),
        (
            "a QR code's number",
            "tel:+18883737888",
            "tel:+1888373788",
            "+1888373788",
        ),
        (
            "alt text a screen reader says",
            "Hotline, 1-888-373-7888\"",
            "Hotline, 1-888-373-788\"",
            "1-888-373-788",
        ),
    ] {
        let yaml = edited(from, to);
        std::fs::write(dir.join("bad.yaml"), &yaml).unwrap();
        let (code, err) = foldline_in(&dir, &["brochure", "--content", "bad.yaml", "-o", "b.pdf"]);
        assert_eq!(code, Some(2), "{what}: {err}");
        let line = line_of(&yaml, to);
        assert!(
            err.contains(&format!("bad.yaml:{line}:")) && err.contains(shown),
            "{what}: line {line}, {shown}: {err}"
        );
        assert!(!dir.join("b.pdf").exists(), "{what}: a file was written");
        // A print run refuses the content the same way, naming the line.
        std::fs::write(
            dir.join("plan.yaml"),
            "counties: Yolo\nproducts: card\nlanguages: en\noutput: out\ncontent:\n  en: bad.yaml\n",
        )
        .unwrap();
        let out = run(&dir, &["plan.yaml"]);
        let msg = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{what}: {msg}");
        assert!(msg.contains("error: made 0 of 1 file(s)"), "{what}: {msg}");
        assert!(
            msg.contains(&format!("en/card: bad.yaml:{line}:")),
            "{what}: {msg}"
        );
        // The proof sheet names the file and line too.
        let proof = printed_text(&dir.join("out/proof.pdf"));
        assert!(
            proof.contains(&format!("Not made: en/card: bad.yaml:{line}:")),
            "{what}: {proof}"
        );
        assert!(!dir.join("out/yolo/en/card.pdf").exists(), "{what}");
    }
}

#[test]
fn a_literal_number_is_listed_as_the_content_files_not_the_registrys() {
    let dir = temp_dir("numbers-literal");
    // A local partner's number written in a text (brochure), and the
    // original bug: a number typed into a hotline box (card back).
    let yaml = edited("Call **1.888.373.7888** or", "Call **(530) 886-5400** or").replacen(
        "number: 1.888.373.7888",
        "number: 1-530-889-7610",
        1,
    );
    std::fs::write(dir.join("lit.yaml"), &yaml).unwrap();
    let plan = "counties: Yolo\nproducts: [brochure, card]\nlanguages: en\noutput: out\ncontent:\n  en: lit.yaml\n";
    std::fs::write(dir.join("plan.yaml"), plan).unwrap();
    let out = run(&dir, &["plan.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let manifest = csv_rows(&std::fs::read_to_string(dir.join("out/manifest.csv")).unwrap());
    let col = |name: &str| manifest[0].iter().position(|h| h == name).unwrap();
    let yolo = manifest[1][col("hotline")].clone();
    for (row, number, written) in [
        (1, "530.886.5400", "(530) 886-5400"),
        (2, "530.889.7610", "1-530-889-7610"),
    ] {
        let file = &manifest[row][col("file")];
        let printed = &manifest[row][col("printed")];
        let text = printed_text(&dir.join("out").join(file));
        let times = text.matches(written).count();
        assert!(times > 0, "{file}: {written} not printed: {text}");
        let line = line_of(&yaml, written);
        let want = format!("{number} ×{times} (the content file lit.yaml, line {line})");
        assert!(printed.contains(&want), "{file}: {want} not in {printed}");
        // Whatever else it prints is the registry's number or the content's.
        for part in printed.split("; ") {
            assert!(
                part.starts_with(&format!("{yolo} ×")) || part.contains("lit.yaml, line"),
                "{file}: {part}"
            );
        }
    }
    // The card prints Yolo's number too, with the registry's page.
    let card = &manifest[2][col("printed")];
    assert!(
        card.contains(&format!("{yolo} ×")) && card.contains("https://"),
        "{card}"
    );

    let proof = printed_text(&dir.join("out/proof.pdf"));
    let partner = line_of(&yaml, "(530) 886-5400");
    assert!(
        proof.contains(&format!(
            "Also printed: 530.886.5400, from the content file lit.yaml, line {partner}. In en/brochure"
        )),
        "{proof}"
    );
}

#[test]
fn the_national_line_is_credited_to_the_content_and_the_registrys_source() {
    let dir = temp_dir("numbers-national");
    let out = run(
        &dir,
        &[
            "--counties",
            "Yolo",
            "--products",
            "card",
            "--lang",
            "en",
            "-o",
            "out",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let proof = printed_text(&dir.join("out/proof.pdf"));
    let line = line_of(EMBEDDED_EN, "1.888.373.7888");
    assert!(
        proof.contains(&format!(
            "Also printed: 1.888.373.7888, from foldline's built-in English content, line {line}; the registry's National Human Trafficking Hotline"
        )),
        "{proof}"
    );
}

#[test]
fn a_key_given_twice_is_refused_naming_both_lines() {
    let dir = temp_dir("numbers-twice");
    // A section written twice: YAML would keep the second silently.
    let yaml = edited(
        "sections:\n",
        "sections:\n  credits:\n    blocks:\n      - paragraph: \"x\"\n",
    );
    std::fs::write(dir.join("twice.yaml"), &yaml).unwrap();
    let (code, err) = foldline_in(&dir, &["brochure", "--content", "twice.yaml"]);
    let first = line_of(&yaml, "  credits:");
    let last = yaml
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "  credits:")
        .last()
        .unwrap()
        .0
        + 1;
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("error: `credits` is given twice")
            && err.contains(&format!(" --> twice.yaml:{last}:3\n"))
            && err.contains(&format!("lines {first} and {last}")),
        "{err}"
    );
    // A plan's hotline twice, and one county in two spellings.
    for (hotlines, lines) in [
        (
            "  Yolo: 530-661-2955\n  Placer: 1-866-293-1940\n  Yolo: 530-661-2956\n",
            "lines 6 and 8",
        ),
        (
            "  Monterey: 831-755-4661\n  monterey: 831-755-4662\n",
            "line 6) and `monterey` (line 7)",
        ),
    ] {
        let plan = format!(
            "counties: Yolo\nproducts: card\nlanguages: en\noutput: out\nhotlines:\n{hotlines}"
        );
        std::fs::write(dir.join("plan.yaml"), plan).unwrap();
        let out = run(&dir, &["plan.yaml"]);
        let msg = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{msg}");
        assert!(msg.contains("plan.yaml") && msg.contains(lines), "{msg}");
        assert!(!dir.join("out").exists());
    }
}

#[test]
fn a_plan_number_is_checked_and_an_override_is_said_with_both_numbers() {
    let dir = temp_dir("numbers-plan");
    let plan = |number: &str| {
        format!("counties: Yolo\nproducts: card\nlanguages: en\noutput: out\nhotlines:\n  Yolo: {number}\n")
    };
    std::fs::write(dir.join("plan.yaml"), plan("530-555-0199")).unwrap();
    let out = run(&dir, &["plan.yaml"]);
    let msg = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{msg}");
    assert!(
        msg.contains("plan.yaml:6: hotlines: Yolo") && msg.contains("555-0199"),
        "{msg}"
    );

    let registry = foldline::content::registry::Registry::embedded().unwrap();
    let yolo = registry.find("Yolo").unwrap().house_number().unwrap();
    std::fs::write(dir.join("plan.yaml"), plan("530-661-2999")).unwrap();
    let out = run(&dir, &["plan.yaml"]);
    let msg = stderr(&out);
    assert!(out.status.success(), "{msg}");
    let said = format!("gives Yolo County 530.661.2999, not the registry's sourced number {yolo}");
    assert!(msg.contains(&said), "{msg}");
    let proof = printed_text(&dir.join("out/proof.pdf"));
    assert!(proof.contains(&said), "{proof}");
}

#[test]
fn only_county_must_name_a_county() {
    let dir = temp_dir("numbers-only-county");
    let yaml = edited("only_county: Placer", "only_county: Placr");
    std::fs::write(dir.join("typo.yaml"), &yaml).unwrap();
    let (code, err) = foldline_in(&dir, &["brochure", "--content", "typo.yaml"]);
    let line = line_of(&yaml, "only_county: Placr");
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains(&format!("typo.yaml:{line}:"))
            && err.contains("Placr")
            && err.contains("Placer"),
        "{err}"
    );
}

#[test]
fn the_manifest_lists_the_countys_number_only_where_the_file_prints_it() {
    let dir = temp_dir("numbers-not-printed");
    // The brochure's one {hotline} replaced by a partner's number.
    let yaml = edited("number: \"{hotline}\"", "number: 530-886-5400");
    std::fs::write(dir.join("partner.yaml"), &yaml).unwrap();
    let plan = "counties: Yolo\nproducts: [brochure, card]\nlanguages: en\noutput: out\ncontent:\n  en: partner.yaml\n";
    std::fs::write(dir.join("plan.yaml"), plan).unwrap();
    let out = run(&dir, &["plan.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let manifest = csv_rows(&std::fs::read_to_string(dir.join("out/manifest.csv")).unwrap());
    let col = |name: &str| manifest[0].iter().position(|h| h == name).unwrap();
    let yolo = foldline::content::registry::Registry::embedded()
        .unwrap()
        .find("Yolo")
        .unwrap()
        .house_number()
        .unwrap();
    let brochure = &manifest[1];
    assert_eq!(brochure[col("hotline")], "", "{brochure:?}");
    assert_eq!(
        brochure[col("source")],
        "the county's number is not printed"
    );
    assert!(!brochure[col("printed")].contains(&yolo), "{brochure:?}");
    assert!(!printed_text(&dir.join("out/yolo/en/brochure.pdf")).contains(&yolo));
    // The card still prints it, and says so.
    let card = &manifest[2];
    assert_eq!(card[col("hotline")], yolo);
    assert!(card[col("printed")].contains(&format!("{yolo} ×")));
}

#[test]
fn the_county_number_is_the_largest_number_on_every_product() {
    let dir = temp_dir("numbers-hierarchy");
    let county = "1.866.293.1940";
    for lang in ["en", "es"] {
        for args in [
            &["brochure"][..],
            &["card"],
            &["poster", "--size", "letter"],
            &["poster", "--size", "24x36", "--tear-off", "6"],
        ] {
            let mut all = args.to_vec();
            all.extend(["--lang", lang, "-o", "n.pdf"]);
            let out = common::foldline()
                .args(&all)
                .current_dir(&dir)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{all:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let pdf = common::pdftext::inspect(&std::fs::read(dir.join("n.pdf")).unwrap());
            let numbers: Vec<(String, f64)> = pdf
                .pages
                .iter()
                .flat_map(|p| &p.words)
                .filter(|w| w.text.chars().filter(char::is_ascii_digit).count() >= 10)
                .map(|w| {
                    (
                        w.text
                            .trim_matches(|c: char| !c.is_ascii_digit())
                            .to_string(),
                        w.size,
                    )
                })
                .collect();
            let largest_county = numbers
                .iter()
                .filter(|(t, _)| t == county)
                .map(|n| n.1)
                .fold(0.0, f64::max);
            assert!(
                largest_county > 0.0,
                "{all:?}: {county} not found in {numbers:?}"
            );
            for (text, size) in numbers.iter().filter(|(t, _)| t != county) {
                assert!(
                    *size < largest_county - 0.5,
                    "{all:?}: {text} at {size:.1} pt is not smaller than the county's {largest_county:.1} pt"
                );
            }
        }
    }
}
