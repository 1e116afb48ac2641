//! `--county` takes the hotline from the county registry; `--hotline` is
//! checked and printed in house style. Checked on what the binary writes.

use crate::common;

use common::pdftext::inspect;
use common::{foldline, pdf_tokens, run_ok, stderr, temp_dir};
use foldline::content::hotline::normalize;
use foldline::content::registry::{County, Registry, Status};
use std::path::Path;

fn registry() -> &'static Registry {
    Registry::embedded().unwrap()
}

fn county(name: &str) -> &'static County {
    registry().find(name).unwrap()
}

/// Runs `brochure args -o out.pdf`; returns the PDF text and stderr.
fn brochure_text(dir: &Path, args: &[&str]) -> (String, String) {
    let mut all = vec!["brochure", "-o", "out.pdf"];
    all.extend_from_slice(args);
    let out = run_ok(dir, &all);
    let pdf = inspect(&std::fs::read(dir.join("out.pdf")).unwrap());
    (pdf_tokens(&pdf).join(" "), stderr(&out))
}

/// Runs `brochure args -o x.pdf` expecting a refusal; returns stderr.
fn refused(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["brochure", "-o", "x.pdf"];
    all.extend_from_slice(args);
    let out = foldline().args(&all).current_dir(dir).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    assert!(!dir.join("x.pdf").exists(), "{args:?} wrote a file");
    stderr(&out)
}

#[test]
fn county_names_match_in_any_case_with_spaces_or_hyphens() {
    let dir = temp_dir("county-case");
    let slo = county("San Luis Obispo");
    assert_eq!(slo.status(), Status::Sourced);
    let number = slo.house_number().unwrap();
    let mut first = None;
    for name in [
        "San Luis Obispo",
        "san-luis-obispo",
        "SAN LUIS OBISPO",
        "san luis obispo county",
    ] {
        let (text, err) = brochure_text(&dir, &["--county", name]);
        assert!(
            text.contains("San Luis Obispo County Child Welfare Hotline"),
            "{name}: {text}"
        );
        assert!(text.contains(&number), "{name}: {number} not in {text}");
        // stderr says which number, label and source were used.
        assert!(err.contains(&number), "{err}");
        assert!(err.contains(slo.label.as_deref().unwrap()), "{err}");
        assert!(err.contains(slo.source.as_deref().unwrap()), "{err}");
        let bytes = std::fs::read(dir.join("out.pdf")).unwrap();
        match &first {
            None => first = Some(bytes),
            Some(b) => assert!(*b == bytes, "{name} gave a different PDF"),
        }
    }
}

#[test]
fn every_sourced_county_prints_its_registry_number_and_name() {
    let dir = temp_dir("county-sourced");
    for c in registry()
        .counties
        .iter()
        .filter(|c| c.status() == Status::Sourced)
        .take(4)
    {
        let (text, _) = brochure_text(&dir, &["--county", &c.name]);
        let number = c.house_number().unwrap();
        assert!(text.contains(&number), "{}: {number} missing", c.name);
        assert!(
            text.contains(&format!("{} County", c.name)),
            "{}: {text}",
            c.name
        );
        assert!(!text.contains("Placer"), "{}: {text}", c.name);
    }
}

#[test]
fn an_unknown_county_gets_the_nearest_name_suggested() {
    let dir = temp_dir("county-unknown");
    for (typo, nearest) in [
        ("Monteray", "Monterey"),
        ("san luis obisbo", "San Luis Obispo"),
        ("Sacremento", "Sacramento"),
        ("contra-cost", "Contra Costa"),
    ] {
        let err = refused(&dir, &["--county", typo]);
        assert!(
            err.contains(typo) && err.contains(&format!("did you mean {nearest}?")),
            "{typo}: {err}"
        );
    }
}

#[test]
fn a_conflicting_county_is_refused_unless_a_hotline_is_given() {
    let dir = temp_dir("county-conflict");
    // Counties stay conflicting only where an official page disagrees or
    // the number's own page is third-party (San Francisco, Ventura).
    let c = registry()
        .counties
        .iter()
        .find(|c| c.status() == Status::Conflicting)
        .expect("a conflicting county");
    let err = refused(&dir, &["--county", &c.name]);
    assert!(
        err.contains("conflicting") && err.contains("--hotline"),
        "{err}"
    );
    // Every number in dispute is named with its page and its kind, so the
    // person can check them.
    let numbers = std::iter::once((c.number.as_ref().unwrap(), c.source.as_ref().unwrap()))
        .chain(c.disagreeing.iter().map(|d| (&d.number, &d.source)));
    for (n, page) in numbers {
        assert!(err.contains(&normalize(n).unwrap()), "{n}: {err}");
        assert!(err.contains(page.as_str()), "{page}: {err}");
    }
    assert!(
        err.contains("official: ") || err.contains("third-party: "),
        "{err}"
    );
    let given = normalize(c.number.as_ref().unwrap()).unwrap();
    let (text, err) = brochure_text(&dir, &["--county", &c.slug(), "--hotline", &given]);
    assert!(text.contains(&given), "{text}");
    assert!(
        text.contains(&format!("{} County Child Welfare Hotline", c.name)),
        "{text}"
    );
    assert!(err.contains("given with --hotline"), "{err}");
}

#[test]
fn a_third_party_page_that_disagrees_is_shown_but_does_not_block() {
    let dir = temp_dir("county-outranked");
    // Los Angeles: the county's DCFS page against one third-party typo.
    let (text, err) = brochure_text(&dir, &["--county", "Los Angeles"]);
    assert!(text.contains("1.800.540.4000"), "{text}");
    assert!(!text.contains("1.800.500.4000"), "{text}");
    assert!(
        err.contains("(sourced, official page): http://policy.dcfs.lacounty.gov/")
            && err.contains(
                "a third-party page gives 1.800.500.4000 (https://supervisedchildvisits.com/"
            )
            && err.contains("outranked by the official source"),
        "{err}"
    );
    // `foldline counties` lists the disagreeing page under the county.
    let table = String::from_utf8(run_ok(&dir, &["counties"]).stdout).unwrap();
    let la = table
        .lines()
        .position(|l| l.starts_with("Los Angeles"))
        .unwrap();
    let row: Vec<&str> = table
        .lines()
        .nth(la + 1)
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(
        row[..3],
        ["1.800.500.4000", "disagrees", "third-party"],
        "{table}"
    );
    // And so does the proof sheet of a run.
    run_ok(
        &dir,
        &[
            "run",
            "--counties",
            "Los Angeles",
            "--products",
            "card",
            "--lang",
            "en",
            "-o",
            "run",
        ],
    );
    let proof = pdf_tokens(&inspect(&std::fs::read(dir.join("run/proof.pdf")).unwrap())).join(" ");
    assert!(
        proof.contains("Los Angeles County 1.800.540.4000")
            && proof.contains("sourced, official page; a")
            && proof.contains("page gives 1.800.500.4000 (https://supervisedchildvisits.com/")
            && proof.contains("outranked by the official source"),
        "{proof}"
    );
}

#[test]
fn a_county_without_a_number_is_refused_with_a_hint_to_pass_one() {
    let dir = temp_dir("county-missing");
    let missing: Vec<&County> = registry()
        .counties
        .iter()
        .filter(|c| c.status() == Status::Missing)
        .collect();
    assert!(missing.len() >= 10);
    for c in missing.iter().take(3) {
        assert!(c.number.is_none());
        let err = refused(&dir, &["--county", &c.name]);
        assert!(
            err.contains(&c.name) && err.contains("Pass a number you have checked with --hotline"),
            "{err}"
        );
    }
    let (text, _) = brochure_text(&dir, &["--county", "alpine", "--hotline", "530-694-2235"]);
    assert!(text.contains("Alpine County Child Welfare Hotline") && text.contains("530.694.2235"));
}

#[test]
fn the_default_brochure_prints_a_number_the_registry_gives_for_placer() {
    let dir = temp_dir("county-default");
    let placer = county("Placer");
    let (text, err) = brochure_text(&dir, &[]);
    let printed: Vec<String> = placer
        .sourced_numbers()
        .into_iter()
        .filter(|n| text.contains(n.as_str()))
        .collect();
    assert_eq!(printed, ["1.866.293.1940"], "{text}");
    assert!(err.contains(placer.source.as_deref().unwrap()), "{err}");
    // Any other number in the content file for Placer is refused.
    let yaml = foldline::content::load::EMBEDDED_EN
        .replace("hotline: 1.866.293.1940", "hotline: 916-874-0000");
    std::fs::write(dir.join("other.yaml"), yaml).unwrap();
    let err = refused(&dir, &["--content", "other.yaml"]);
    assert!(
        err.contains("meta.hotline 916.874.0000") && err.contains("1.866.293.1940"),
        "{err}"
    );
}

#[test]
fn hotline_numbers_are_checked_and_printed_in_house_style() {
    let dir = temp_dir("hotline-table");
    for (given, printed) in [
        ("831-755-4661", "831.755.4661"),
        ("(831) 755-4661", "831.755.4661"),
        ("+1 866 293 1940", "1.866.293.1940"),
        ("8002074464", "1.800.207.4464"),
        ("1-800-834-KIDS", "1.800.834.5437"),
        ("833-SCC-KIDS", "1.833.722.5437"),
    ] {
        let (text, _) = brochure_text(&dir, &["--county", "Yolo", "--hotline", given]);
        assert!(text.contains(printed), "{given}: {printed} not in {text}");
        assert!(
            !text.contains(given) || given == printed,
            "{given} printed as given"
        );
    }
    for bad in [
        "555-12",
        "831-755-46611",
        "2-831-755-4661",
        "031-755-4661",
        "866-293-194O",
        "866-293-1940 x12",
        "KID-555-0100",
        "530-555-0123",
        "911-222-3333",
        "530-411-2222",
        "1+530-222-3333",
    ] {
        let err = refused(&dir, &["--county", "Yolo", "--hotline", bad]);
        assert!(
            err.contains(bad) && err.contains("not a valid phone number"),
            "{err}"
        );
    }
}

#[test]
fn the_counties_command_lists_all_58_with_number_status_and_source() {
    let dir = temp_dir("counties-list");
    let out = run_ok(&dir, &["counties"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let mut rows = text.lines().skip(1);
    for c in &registry().counties {
        let row = rows
            .next()
            .unwrap_or_else(|| panic!("{} missing: {text}", c.name));
        assert!(row.starts_with(&c.name), "{row}");
        assert!(row.contains(c.status().name()), "{row}");
        match (c.house_number(), &c.source, c.source_kind) {
            (Some(n), Some(s), Some(k)) => assert!(
                row.contains(&n) && row.contains(s.as_str()) && row.contains(k.name()),
                "{row}"
            ),
            _ => assert_eq!(c.status(), Status::Missing, "{row}"),
        }
        // One indented row for each page that gives another number.
        for d in &c.disagreeing {
            let row = rows.next().unwrap();
            assert!(row.starts_with(' '), "{row}");
            assert!(
                row.contains(&normalize(&d.number).unwrap())
                    && row.contains("disagrees")
                    && row.contains(d.kind.name())
                    && row.contains(&d.source),
                "{row}"
            );
        }
    }
    assert_eq!(rows.next(), None, "{text}");
}
