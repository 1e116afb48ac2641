//! `foldline run`: whole print runs, checked on the folder the binary writes.

use crate::common;

use common::pdftext::inspect;
use common::{csv_rows, files, pdf_tokens, run, stderr, temp_dir};
use foldline::content::registry::{slug, Registry};
use foldline::products::Product;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::path::Path;

/// manifest.csv as rows of fields, after its header.
fn manifest(out: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(out.join("manifest.csv")).unwrap();
    let mut rows = csv_rows(&text);
    assert_eq!(
        rows.remove(0).join(","),
        "county,language,product,hotline,source,printed,pages,bytes,sha256,file"
    );
    rows
}

/// The first line (from 1) of `file` that writes the number whose last
/// ten digits are `digits`, in any style.
fn first_line(file: &str, digits: &str) -> usize {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
    text.lines()
        .position(|l| {
            let only: String = l.chars().filter(char::is_ascii_digit).collect();
            only.contains(digits)
        })
        .unwrap()
        + 1
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn text_of(path: &Path) -> String {
    pdf_tokens(&inspect(&std::fs::read(path).unwrap())).join(" ")
}

#[test]
fn a_run_makes_exactly_the_planned_files_with_a_matching_manifest_and_proof() {
    let dir = temp_dir("run-three");
    let counties = ["Placer", "Yolo", "San Luis Obispo"];
    let out = run(
        &dir,
        &[
            "--counties",
            "placer,Yolo,san-luis-obispo",
            "--lang",
            "en,es",
            "-o",
            "out",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let root = dir.join("out");
    let registry = Registry::embedded().unwrap();

    let mut expected: BTreeSet<String> = ["manifest.csv", "proof.pdf"].map(String::from).into();
    for c in counties {
        for lang in ["en", "es"] {
            for p in Product::ALL {
                expected.insert(format!("{}/{lang}/{}.pdf", slug(c), p.file_stem()));
            }
        }
    }
    assert_eq!(expected.len(), 2 + 3 * 2 * Product::ALL.len());
    assert_eq!(files(&root), expected, "nothing else, no temporary files");

    let rows = manifest(&root);
    assert_eq!(rows.len(), 3 * 2 * Product::ALL.len());
    for row in &rows {
        let [county, lang, product, hotline, source, printed, pages, bytes, sha, file] = &row[..]
        else {
            panic!("{row:?}");
        };
        let path = root.join(file);
        let data = std::fs::read(&path).unwrap();
        assert_eq!(*sha, hex(&data), "{file}");
        assert_eq!(*bytes, data.len().to_string(), "{file}");
        let pdf = inspect(&data);
        assert_eq!(*pages, pdf.pages.len().to_string(), "{file}");
        assert_eq!(*file, format!("{}/{lang}/{product}.pdf", slug(county)));
        // The number is the registry's, printed in the file; the source is the registry's page.
        let entry = registry.find(county).unwrap();
        assert!(entry.sourced_numbers().contains(hotline), "{row:?}");
        assert!(source.contains(entry.source.as_deref().unwrap()), "{row:?}");
        let text = pdf_tokens(&pdf).join(" ");
        assert!(text.contains(hotline.as_str()), "{file}: {hotline}");
        // What the file prints, read back from it: the county's number with
        // the registry's page, the national line with the content's line.
        let times = |n: &str| text.matches(n).count();
        let national = "1.888.373.7888";
        let line = first_line(&format!("content/csec/{lang}.yaml"), "8883737888");
        assert_eq!(
            *printed,
            format!(
                "{hotline} ×{} ({source}); {national} ×{} (foldline's built-in {} content, line {line})",
                times(hotline),
                times(national),
                if lang == "en" { "English" } else { "Spanish" }
            ),
            "{file}"
        );
        let name = match lang.as_str() {
            "es" => format!("Condado de {county}"),
            _ => format!("{county} County"),
        };
        assert!(text.contains(&name), "{file}: {name} not in {text}");
    }

    // The proof lists every county with the number its pieces print.
    let proof = text_of(&root.join("proof.pdf"));
    for c in counties {
        let number = &rows.iter().find(|r| r[0] == c).unwrap()[3];
        assert!(
            proof.contains(&format!("{c} County {number}")),
            "{c}: {proof}"
        );
    }
    // It lists the draft translation and the line its pieces carry.
    assert!(
        proof.contains("draft translation")
            && proof.contains("BORRADOR DE TRADUCCIÓN – SIN REVISAR"),
        "{proof}"
    );

    // The same run again gives the same files.
    let again = run(
        &dir,
        &["--counties", "Placer,Yolo,San Luis Obispo", "-o", "again"],
    );
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(
        std::fs::read(root.join("manifest.csv")).unwrap(),
        std::fs::read(dir.join("again/manifest.csv")).unwrap()
    );
}

#[test]
fn a_failing_piece_does_not_stop_the_others_and_nothing_stale_is_left() {
    let dir = temp_dir("run-failures");
    // A content file whose county name is set in one unbreakable box:
    // long enough county names cannot fit, short ones can.
    let yaml = foldline::content::load::EMBEDDED_EN.replace(
        "      - hotline:\n          number: \"{hotline}\"\n",
        "      - hotline:\n          number: \"{hotline}\"\n      - highlights:\n          - \"{county}{county}{county}{county}{county}{county}\"\n",
    );
    assert_ne!(yaml, foldline::content::load::EMBEDDED_EN);
    std::fs::write(dir.join("long.yaml"), yaml).unwrap();
    let plan = "counties: [Yolo, Stanislaus, Ventura, Alpine]\nproducts: [brochure]\nlanguages: [en]\noutput: out\ncontent:\n  en: long.yaml\n";
    std::fs::write(dir.join("plan.yaml"), plan).unwrap();
    // An earlier run made a piece for a county that now fails.
    std::fs::write(
        dir.join("earlier.yaml"),
        "counties: Ventura\nproducts: brochure\nlanguages: en\noutput: out\nhotlines:\n  Ventura: 805-654-3200\n",
    )
    .unwrap();
    let earlier = run(&dir, &["earlier.yaml"]);
    assert!(earlier.status.success(), "{}", stderr(&earlier));
    assert!(dir.join("out/ventura/en/brochure.pdf").is_file());

    let out = run(&dir, &["plan.yaml"]);
    assert!(!out.status.success());
    assert_ne!(out.status.code(), Some(0));
    let msg = stderr(&out);
    assert!(msg.contains("made 1 of 4"), "{msg}");
    assert!(
        msg.contains("stanislaus: en/brochure: brochure, outside page, panel 'back': the content does not fit: \"StanislausStanislaus")
            && msg.contains("cannot be hyphenated to fit"),
        "{msg}"
    );
    // Counties without a printable number: one line, each reason on the proof.
    assert!(
        msg.contains("2 counties have no number the registry can print (conflicting or missing; the proof sheet says why): ventura, alpine."),
        "{msg}"
    );
    let proof = text_of(&dir.join("out/proof.pdf"));
    assert!(
        proof.contains("conflicting hotline numbers")
            && proof.contains("Alpine County has no sourced hotline"),
        "{proof}"
    );
    assert!(
        msg.contains("removed the earlier run's ventura/en/brochure.pdf"),
        "{msg}"
    );
    assert!(!msg.contains("panicked"), "{msg}");

    let root = dir.join("out");
    let expected: BTreeSet<String> = ["manifest.csv", "proof.pdf", "yolo/en/brochure.pdf"]
        .map(String::from)
        .into();
    assert_eq!(files(&root), expected);
    let rows = manifest(&root);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][0], "Yolo");
    let proof = text_of(&root.join("proof.pdf"));
    for c in ["Stanislaus", "Ventura", "Alpine"] {
        assert!(
            proof.contains(&format!("{c} County no number printed")),
            "{c}: {proof}"
        );
    }
    assert!(proof.contains("Not made"), "{proof}");
}

#[test]
fn a_plan_can_give_checked_numbers_for_conflicting_counties() {
    let dir = temp_dir("run-plan");
    let plan = "counties: Ventura, Yolo\nproducts: brochure\nlanguages: [es]\noutput: made\nhotlines:\n  ventura: (805) 654-3200\n";
    std::fs::create_dir_all(dir.join("plans")).unwrap();
    std::fs::write(dir.join("plans/plan.yaml"), plan).unwrap();
    let out = run(&dir, &["plans/plan.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Output is relative to the plan file.
    let root = dir.join("plans/made");
    let rows = manifest(&root);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][..4], ["Ventura", "es", "brochure", "805.654.3200"]);
    assert!(rows[0][4].contains("hotlines:"), "{:?}", rows[0]);
    assert!(text_of(&root.join("ventura/es/brochure.pdf")).contains("805.654.3200"));
    // Flags replace the plan's fields.
    let out = run(
        &dir,
        &["plans/plan.yaml", "--counties", "Yolo", "-o", "flags"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(manifest(&dir.join("flags")).len(), 1);
}

#[test]
fn bad_plans_are_refused_before_anything_is_made() {
    let dir = temp_dir("run-bad");
    for (args, says) in [
        (
            &["--counties", "Placer,Monteray", "-o", "out"][..],
            "did you mean Monterey?",
        ),
        (
            &["--counties", "Placer", "--products", "flyer", "-o", "out"][..],
            "unknown product \"flyer\"",
        ),
        (
            &["--counties", "Placer", "--lang", "fr", "-o", "out"][..],
            "\"fr\"",
        ),
        (&["--counties", "Placer"][..], "-o DIR"),
        (&["-o", "out"][..], "--counties"),
    ] {
        let out = run(&dir, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert!(!dir.join("out").exists(), "{args:?} made the folder");
    }
}

#[test]
fn product_variants_are_named_by_their_file_stem() {
    let dir = temp_dir("run-variants");
    let out = run(
        &dir,
        &[
            "--counties",
            "Yolo",
            "--products",
            "poster-tabloid,card-sheet",
            "--lang",
            "en",
            "-o",
            "out",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let root = dir.join("out");
    let expected: BTreeSet<String> = [
        "manifest.csv",
        "proof.pdf",
        "yolo/en/poster-tabloid.pdf",
        "yolo/en/card-sheet.pdf",
    ]
    .map(String::from)
    .into();
    assert_eq!(files(&root), expected);
    // Tabloid is 11 x 17 in; the card sheet is a Letter page for an office printer.
    let poster = inspect(&std::fs::read(root.join("yolo/en/poster-tabloid.pdf")).unwrap());
    let trim = poster.pages[0].trim_box.unwrap();
    assert_eq!([trim[2] - trim[0], trim[3] - trim[1]], [792.0, 1224.0]);
    let sheet = inspect(&std::fs::read(root.join("yolo/en/card-sheet.pdf")).unwrap());
    assert_eq!(sheet.pages[0].media_box, [0.0, 0.0, 612.0, 792.0]);
}

#[test]
fn printable_makes_every_county_with_a_number_and_all_says_the_rest_in_one_line() {
    use foldline::content::registry::Status;
    let dir = temp_dir("run-printable");
    let registry = Registry::embedded().unwrap();
    let sourced: BTreeSet<String> = registry
        .counties
        .iter()
        .filter(|c| c.status() == Status::Sourced)
        .map(|c| c.slug())
        .collect();
    let unprintable: Vec<String> = registry
        .counties
        .iter()
        .filter(|c| c.status() != Status::Sourced)
        .map(|c| c.slug())
        .collect();
    let out = run(
        &dir,
        &[
            "--counties",
            "printable",
            "--products",
            "card",
            "--lang",
            "en",
            "-o",
            "p",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let made: BTreeSet<String> = manifest(&dir.join("p"))
        .iter()
        .map(|r| slug(&r[0]))
        .collect();
    assert_eq!(made, sourced);

    let out = run(
        &dir,
        &[
            "--counties",
            "all",
            "--products",
            "card",
            "--lang",
            "en",
            "-o",
            "a",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let msg = stderr(&out);
    let summary = &msg[msg.find("error: made").unwrap()..];
    assert_eq!(summary.lines().count(), 2, "{summary}");
    assert!(
        summary.contains(&format!(
            "{} counties have no number the registry can print",
            unprintable.len()
        )) && summary.contains(&unprintable.join(", "))
            && summary.contains("--counties printable"),
        "{summary}"
    );
}

#[test]
fn a_run_with_preview_writes_a_picture_of_every_page_beside_each_pdf() {
    let dir = temp_dir("run-preview");
    let args = [
        "--counties",
        "Yolo",
        "--products",
        "brochure,card",
        "--lang",
        "en",
        "-o",
        "out",
        "--preview",
    ];
    let out = run(&dir, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let want: BTreeSet<String> = [
        "manifest.csv",
        "proof.pdf",
        "yolo/en/brochure.pdf",
        "yolo/en/brochure-page1.png",
        "yolo/en/brochure-page2.png",
        "yolo/en/card.pdf",
        "yolo/en/card-page1.png",
        "yolo/en/card-page2.png",
    ]
    .map(String::from)
    .into();
    assert_eq!(files(&dir.join("out")), want);
    let png = std::fs::read(dir.join("out/yolo/en/brochure-page1.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    // The folder is a run's: the next run replaces it without --force.
    let again = run(
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
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(files(&dir.join("out")).len(), 3);
}

#[test]
fn a_plans_content_files_stay_in_its_folder() {
    let dir = temp_dir("run-content-outside");
    for path in ["/etc/passwd", "../outside.yaml"] {
        let plan = format!(
            "counties: Yolo\nproducts: card\nlanguages: en\noutput: out\ncontent:\n  en: {path}\n"
        );
        std::fs::write(dir.join("plan.yaml"), plan).unwrap();
        let out = run(&dir, &["plan.yaml"]);
        let msg = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{path}: {msg}");
        assert!(
            msg.contains(&format!(
                "plan.yaml:5: content: the path \"{path}\" leaves the plan folder"
            )),
            "{msg}"
        );
        assert!(!dir.join("out").exists());
    }
}

#[test]
fn the_proof_summarises_the_run_and_pictures_every_page_of_each_countys_pieces() {
    let dir = temp_dir("run-proof-pictures");
    let out = run(
        &dir,
        &[
            "--counties",
            "Placer,Yolo",
            "--products",
            "card",
            "--lang",
            "en",
            "-o",
            "out",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(dir.join("out/proof.pdf")).unwrap();
    let pdf = inspect(&bytes);
    // The first page says what the run is: counts, languages and review.
    let first = pdf.pages[0].lines.join(" ");
    assert!(first.contains("2 file(s) made"), "{first}");
    assert!(
        first.contains("Languages: en (original content)."),
        "{first}"
    );
    // Then a page per county, each piece's pages pictured as Figures whose
    // alt text names the piece and the numbers it prints.
    let titles: Vec<usize> = ["Placer", "Yolo"]
        .iter()
        .map(|c| {
            let heading = format!("{c} County: the pieces as printed");
            pdf.pages
                .iter()
                .position(|p| p.lines.iter().any(|l| l == &heading))
                .unwrap_or_else(|| panic!("no page for {c}"))
        })
        .collect();
    assert!(titles[0] >= 1 && titles[1] > titles[0], "{titles:?}");
    let structure = foldline::inspect::structure::read(&lopdf::Document::load_mem(&bytes).unwrap());
    let alts: Vec<String> = structure
        .elements()
        .filter(|e| e.role == "Figure")
        .filter_map(|e| e.alt.clone())
        .filter(|a| a.contains("en/card"))
        .collect();
    let yolo = Registry::embedded()
        .unwrap()
        .find("Yolo")
        .unwrap()
        .house_number()
        .unwrap();
    for page in 1..=2 {
        let alt = format!("Page {page} of 2 of en/card for Yolo County, which prints ");
        assert!(
            alts.iter()
                .any(|a| a.starts_with(&alt) && a.contains(&yolo)),
            "{alt}…{yolo} not among {alts:#?}"
        );
    }
    assert_eq!(alts.len(), 4, "{alts:#?}");
    // The pictures are the pages themselves, in vectors: the card's
    // number is text on the county's page.
    let yolo_page = pdf.pages[titles[1]].lines.join(" ");
    assert!(yolo_page.contains(&yolo), "{yolo_page}");
    // Sources are links.
    let links = structure
        .elements()
        .filter(|e| e.role == "Link")
        .filter(|e| e.kids.iter().any(|k| matches!(k, foldline::inspect::structure::Kid::Object { subtype } if subtype == "Link")))
        .count();
    assert!(links >= 2, "{links} source links");
    let uris = link_uris(&bytes);
    assert!(uris.contains("https://www.yolocounty.org/"), "{uris}");
}

/// The URIs of the PDF's link annotations, one a line.
fn link_uris(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let mut out = String::new();
    for object in doc.objects.values() {
        let Ok(d) = object.as_dict() else { continue };
        let action = d.get(b"A").ok().and_then(|a| match a {
            lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok(),
            other => other.as_dict().ok(),
        });
        if let Some(uri) = action
            .and_then(|a| a.get(b"URI").ok())
            .and_then(|u| u.as_str().ok())
        {
            out.push_str(&String::from_utf8_lossy(uri));
            out.push('\n');
        }
    }
    out
}
