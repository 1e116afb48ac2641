//! Every PDF foldline writes is tagged PDF/UA-1 (issue 11): read back from
//! the real files with lopdf: the structure tree, its reading order, the
//! alt texts, the language and title, that nothing is painted outside
//! marked content, and that every printed phone number is a tap-to-call
//! link. Then the PDF/UA-1 rules of the `page` checker.

use crate::common;

use common::{pdftext, run, run_ok, stderr, temp_dir};
use foldline::inspect::structure::{self, Element, Kid, Line, Structure};
use lopdf::Document;
use std::sync::OnceLock;

/// One PDF foldline made: its name, bytes, and the language it is in.
struct Made {
    name: String,
    bytes: Vec<u8>,
    lang: &'static str,
}

/// Every product, with and without --pdfx and --office, made once for
/// all the tests here.
fn made() -> &'static [Made] {
    static MADE: OnceLock<Vec<Made>> = OnceLock::new();
    MADE.get_or_init(|| {
        let dir = temp_dir("tagged");
        let mut runs: Vec<(String, Vec<&str>, &'static str)> = vec![
            ("brochure.pdf".into(), vec!["brochure"], "en"),
            ("brochure-x4.pdf".into(), vec!["brochure", "--pdfx"], "en"),
            (
                "brochure-es.pdf".into(),
                vec!["brochure", "--office", "--lang", "es"],
                "es",
            ),
            (
                "brochure-long-edge.pdf".into(),
                vec!["brochure", "--duplex", "long-edge"],
                "en",
            ),
            ("card.pdf".into(), vec!["card"], "en"),
            ("card-x4.pdf".into(), vec!["card", "--pdfx"], "en"),
            ("card-sheet.pdf".into(), vec!["card", "--sheet"], "en"),
            (
                "card-sheet-es.pdf".into(),
                vec!["card", "--sheet", "--lang", "es"],
                "es",
            ),
        ];
        for size in ["letter", "tabloid", "18x24", "24x36"] {
            let args = vec!["poster", "--size", size, "--tear-off", "6"];
            runs.push((format!("poster-{size}.pdf"), args, "en"));
        }
        runs.push(("poster-office.pdf".into(), vec!["poster", "--office"], "en"));
        // Shaped scripts: a glyph may stand for part of a cluster.
        runs.push((
            "brochure-hi.pdf".into(),
            vec!["brochure", "--lang", "hi"],
            "hi",
        ));
        runs.push(("card-pa.pdf".into(), vec!["card", "--lang", "pa"], "pa"));
        // Right to left; CJK (CID-keyed CFF faces); dictionary-broken scripts.
        for (name, args, lang) in [
            ("brochure-ar.pdf", vec!["brochure", "--lang", "ar"], "ar"),
            (
                "brochure-zh-Hant.pdf",
                vec!["brochure", "--lang", "zh-Hant"],
                "zh-Hant",
            ),
            ("card-ko.pdf", vec!["card", "--lang", "ko"], "ko"),
            (
                "poster-ja.pdf",
                vec![
                    "poster",
                    "--size",
                    "tabloid",
                    "--tear-off",
                    "6",
                    "--lang",
                    "ja",
                ],
                "ja",
            ),
            ("brochure-km.pdf", vec!["brochure", "--lang", "km"], "km"),
            (
                "poster-th.pdf",
                vec!["poster", "--size", "24x36", "--lang", "th"],
                "th",
            ),
        ] {
            runs.push((name.into(), args, lang));
        }
        let mut made = Vec::new();
        for (name, mut args, lang) in runs {
            args.extend(["-o", &name]);
            run_ok(&dir, &args);
            let bytes = std::fs::read(dir.join(&name)).unwrap();
            made.push(Made { name, bytes, lang });
        }
        let out = run(&dir, &["--counties", "placer", "-o", "out"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let bytes = std::fs::read(dir.join("out/proof.pdf")).unwrap();
        made.push(Made {
            name: "proof.pdf".into(),
            bytes,
            lang: "en",
        });
        made
    })
}

fn read(m: &Made) -> (Document, Structure, pdftext::PdfInfo) {
    let doc = Document::load_mem(&m.bytes).unwrap();
    let s = structure::read(&doc);
    (doc, s, pdftext::inspect(&m.bytes))
}

#[test]
fn every_pdf_is_tagged_with_its_language_title_and_alt_text() {
    for m in made() {
        let (doc, s, info) = read(m);
        let name = &m.name;
        assert!(s.marked, "{name}: MarkInfo /Marked");
        assert!(s.root.as_ref().is_some_and(|r| !r.is_empty()), "{name}");
        assert_eq!(s.lang.as_deref(), Some(m.lang), "{name}");
        assert!(s.xmp_title && s.display_doc_title, "{name}");
        let title = s.title.clone().unwrap();
        assert!(!title.trim().is_empty(), "{name}");
        let xmp = doc
            .catalog()
            .unwrap()
            .get(b"Metadata")
            .and_then(|o| doc.get_object(o.as_reference()?))
            .and_then(|o| o.as_stream()?.get_plain_content())
            .unwrap();
        let xmp = String::from_utf8(xmp).unwrap();
        assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{name}");
        assert!(
            xmp.contains(&format!("x-default\">{}<", title.replace('&', "&amp;"))),
            "{name}: the XMP title is Info's: {xmp}"
        );
        for (i, id) in doc.get_pages().into_values().enumerate() {
            let page = doc.get_dictionary(id).unwrap();
            assert_eq!(
                page.get(b"StructParents").unwrap().as_i64().unwrap(),
                i as i64
            );
            assert_eq!(page.get(b"Tabs").unwrap().as_name().unwrap(), b"S");
        }
        let bare: Vec<_> = s
            .figures_without_alt()
            .map(|e| e.text(&info.pages))
            .collect();
        assert!(
            bare.is_empty(),
            "{name}: figures without alt text: {bare:?}"
        );
        for page in &info.pages {
            assert!(page.unmarked.is_empty(), "{name}: {:?}", page.unmarked);
        }
    }
}

/// Operators that paint (text, fills, strokes, images, shadings).
const PAINTING: [&str; 17] = [
    "Tj", "TJ", "'", "\"", "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "Do", "sh", "BI", "EI",
];

#[test]
fn nothing_is_painted_outside_marked_content_and_text_objects_nest_in_it() {
    for m in made() {
        let info = pdftext::inspect(&m.bytes);
        for (p, page) in info.pages.iter().enumerate() {
            let mut depth = 0usize;
            let mut text_at: Option<usize> = None;
            for op in common::operations(page) {
                let at = format!("{}, page {}: {}", m.name, p + 1, op.operator);
                match op.operator.as_str() {
                    "BMC" | "BDC" => depth += 1,
                    "EMC" => {
                        assert!(depth > 0, "{at} without BMC/BDC");
                        assert!(text_at.is_none_or(|d| d < depth), "{at} inside BT");
                        depth -= 1;
                    }
                    "BT" => text_at = Some(depth),
                    "ET" => {
                        assert_eq!(
                            text_at,
                            Some(depth),
                            "{at}: BT and ET in different marked content"
                        );
                        text_at = None;
                    }
                    o if PAINTING.contains(&o) => assert!(depth > 0, "{at} outside marked content"),
                    _ => {}
                }
            }
            assert_eq!(
                depth,
                0,
                "{}, page {}: marked content left open",
                m.name,
                p + 1
            );
        }
    }
}

fn line(role: &str, text: &str) -> Line {
    Line {
        role: role.into(),
        text: text.into(),
    }
}

/// The brochure's headings as it is read folded: the cover, the flap, the
/// inside panels left to right, then the back.
fn folded_headings() -> Vec<Line> {
    vec![
        line("H1", "Commercial Sexual Exploitation of Children"),
        line("H2", "Identifying CSEC"),
        line("H2", "What does “grooming” mean?"),
        line("H2", "Recognizing CSEC"),
        line("H2", "What is CSEC?"),
        line("H3", "CSEC includes, but is not limited to:"),
        line("H2", "Risk Factors"),
        line("H2", "Pathways of Entry"),
        line("H2", "Recruitment"),
        line("H2", "How to Report"),
    ]
}

#[test]
fn the_brochure_reads_cover_flap_inside_then_back() {
    for name in ["brochure.pdf", "brochure-x4.pdf", "brochure-long-edge.pdf"] {
        let m = made().iter().find(|m| m.name == name).unwrap();
        let (_, s, info) = read(m);
        assert_eq!(s.headings(&info.pages), folded_headings(), "{name}");
        // One section per panel, straight under the document.
        let root = s.root.as_ref().unwrap();
        let panels: Vec<&str> = root[0]
            .kids
            .iter()
            .filter_map(|k| match k {
                Kid::Element(e) => Some(e.role.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(panels, ["Sect"; 6], "{name}");
    }
    // Each figure says what it shows; the decorative phone icon is not one.
    let m = &made()[0];
    let (_, s, info) = read(m);
    let alts: Vec<String> = s
        .elements()
        .filter(|e| e.role == "Figure")
        .map(|e| e.text(&info.pages))
        .collect();
    assert_eq!(alts.len(), 2, "{alts:?}");
    assert!(alts[0].starts_with("Diagram of three boxes"), "{alts:?}");
    assert!(alts[1].starts_with("QR code: call the National Human Trafficking Hotline"));
}

/// The built-in content with `reading_order:` under `brochure:`.
fn with_reading_order(order: &str) -> (String, usize) {
    let en = foldline::content::load::EMBEDDED_EN;
    let at = en.find("\nbrochure:\n").unwrap() + "\nbrochure:\n".len();
    let line = en[..at].lines().count() + 1;
    let text = format!("{}  reading_order: {order}\n{}", &en[..at], &en[at..]);
    (text, line)
}

#[test]
fn the_reading_order_is_data_and_a_panel_it_does_not_know_is_an_error() {
    let dir = temp_dir("tagged-order");
    let (text, _) =
        with_reading_order("[inside-left, inside-middle, inside-right, cover, flap, back]");
    std::fs::write(dir.join("c.yaml"), text).unwrap();
    run_ok(&dir, &["brochure", "--content", "c.yaml", "-o", "b.pdf"]);
    let bytes = std::fs::read(dir.join("b.pdf")).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    let info = pdftext::inspect(&bytes);
    let mut expected = folded_headings();
    let inside: Vec<Line> = expected.drain(4..9).collect();
    expected.splice(0..0, inside);
    assert_eq!(structure::read(&doc).headings(&info.pages), expected);

    let (text, line) =
        with_reading_order("[cover, flap, inside-left, inside-middle, inside, back]");
    std::fs::write(dir.join("bad.yaml"), text).unwrap();
    let out = common::foldline()
        .args(["brochure", "--content", "bad.yaml", "-o", "x.pdf"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("bad.yaml:{line}:"))
            && err.contains("brochure.reading_order: there is no panel \"inside\"")
            && err.contains("flap, back, cover, inside-left, inside-middle, inside-right"),
        "{err}"
    );
    assert!(!dir.join("x.pdf").exists());
}

/// North American numbers printed on the page, as `tel:` URIs.
fn printed_numbers(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut digits = String::new();
        while i < chars.len() && (chars[i].is_ascii_digit() || ".-() ".contains(chars[i])) {
            if chars[i].is_ascii_digit() {
                digits.push(chars[i]);
            }
            i += 1;
        }
        match digits.len() {
            10 => found.push(format!("tel:+1{digits}")),
            11 if digits.starts_with('1') => found.push(format!("tel:+{digits}")),
            _ => {}
        }
    }
    found
}

/// The URIs of a page's link annotations, each checked to be tagged: a
/// /StructParent, its words in /Contents.
fn links(doc: &Document, page: lopdf::ObjectId) -> Vec<String> {
    let Ok(annots) = doc.get_dictionary(page).unwrap().get(b"Annots") else {
        return Vec::new();
    };
    let mut uris = Vec::new();
    for a in annots.as_array().unwrap() {
        let a = doc.get_dictionary(a.as_reference().unwrap()).unwrap();
        assert_eq!(a.get(b"Subtype").unwrap().as_name().unwrap(), b"Link");
        assert!(a.get(b"StructParent").unwrap().as_i64().is_ok());
        let contents = lopdf::decode_text_string(a.get(b"Contents").unwrap()).unwrap();
        assert!(!contents.trim().is_empty());
        let action = a.get(b"A").unwrap().as_dict().unwrap();
        let uri = action.get(b"URI").unwrap().as_str().unwrap();
        uris.push(String::from_utf8(uri.to_vec()).unwrap());
    }
    uris
}

/// The MCIDs on page `page` (from 0) that belong to Figure elements.
fn figure_mcids(s: &Structure, page: usize) -> Vec<i64> {
    fn walk(e: &Element, in_figure: bool, page: usize, out: &mut Vec<i64>) {
        let in_figure = in_figure || e.role == "Figure";
        for k in &e.kids {
            match k {
                Kid::Element(c) => walk(c, in_figure, page, out),
                Kid::Content {
                    page: Some(p),
                    mcid,
                } if in_figure && *p == page => out.push(*mcid),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for e in s.root.iter().flatten() {
        walk(e, false, page, &mut out);
    }
    out
}

/// The text drawn inside Figures on page `page`.
fn figure_text(s: &Structure, info: &pdftext::PdfInfo, page: usize) -> String {
    figure_mcids(s, page)
        .iter()
        .filter_map(|m| info.pages[page].marked.get(m).cloned())
        .collect::<Vec<_>>()
        .join("\n")
}

fn count_objr(e: &Element) -> usize {
    e.kids
        .iter()
        .map(|k| match k {
            Kid::Object { subtype } if subtype == "Link" => 1,
            Kid::Element(e) => count_objr(e),
            _ => 0,
        })
        .sum()
}

#[test]
fn every_printed_phone_number_is_a_tagged_tel_link() {
    for m in made() {
        let (doc, s, info) = read(m);
        let mut annots = 0;
        for (i, id) in doc.get_pages().into_values().enumerate() {
            let uris = links(&doc, id);
            annots += uris.len();
            let text = info.pages[i].lines.join("\n");
            // A number inside a picture (the proof's pictures of the
            // pieces) is part of a Figure, read as its alt text, not a
            // number to call.
            let pictured = figure_text(&s, &info, i);
            let outside: Vec<String> = info.pages[i]
                .marked
                .iter()
                .filter(|(mcid, _)| !figure_mcids(&s, i).contains(mcid))
                .map(|(_, t)| t.clone())
                .chain(info.pages[i].unmarked.iter().cloned())
                .collect();
            let outside = printed_numbers(&outside.join("\n"));
            for number in printed_numbers(&text) {
                if printed_numbers(&pictured).contains(&number) && !outside.contains(&number) {
                    continue;
                }
                assert!(
                    uris.contains(&number),
                    "{}, page {}: {number} in {uris:?}",
                    m.name,
                    i + 1
                );
            }
        }
        let tagged: usize = s.root.iter().flatten().map(count_objr).sum();
        assert_eq!(
            tagged, annots,
            "{}: every link annotation in a Link element",
            m.name
        );
    }
    let (doc, _, _) = read(&made()[0]);
    let uris: Vec<String> = doc
        .get_pages()
        .into_values()
        .flat_map(|id| links(&doc, id))
        .collect();
    for uri in ["tel:+18662931940", "tel:+18883737888", "sms:233733"] {
        assert!(uris.iter().any(|u| u == uri), "{uri} in {uris:?}");
    }
}

#[test]
fn a_word_hyphenated_across_lines_reads_whole() {
    let (_, s, info) = read(&made()[0]);
    let spans: Vec<&Element> = s
        .elements()
        .filter(|e| e.role == "Span" && e.actual_text.is_some())
        .collect();
    assert!(!spans.is_empty(), "the brochure hyphenates some words");
    let content = foldline::content::load::EMBEDDED_EN;
    for e in spans {
        let word = e.actual_text.as_deref().unwrap();
        // What is printed: the word's start and its hyphen, then the rest on the next line.
        let printed: Vec<&str> = e
            .kids
            .iter()
            .filter_map(|k| match k {
                Kid::Content { page, mcid } => {
                    Some(info.pages[page.unwrap()].marked[mcid].as_str())
                }
                _ => None,
            })
            .collect();
        let printed = printed.join(" ");
        assert!(printed.contains("- "), "{word}: {printed}");
        // A hyphen the hyphenation added goes; the text's own stays.
        let joined = [
            printed.replacen("- ", "", 1),
            printed.replacen("- ", "-", 1),
        ];
        assert!(joined.contains(&word.to_string()), "{word}: {printed}");
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        assert!(content.contains(bare), "{word} is a word of the content");
    }
    // "Internet-based" is broken after its own hyphen, and read whole.
    let reading: Vec<String> = s.reading(&info.pages).into_iter().map(|l| l.text).collect();
    let reading = reading.join("\n");
    assert!(
        reading.contains("Internet-based") && !reading.contains("Internet- based"),
        "{reading}"
    );
}

#[test]
fn a_card_sheet_reads_one_card_and_a_poster_one_tear_off_tab() {
    let text = |name: &str| {
        let m = made().iter().find(|m| m.name == name).unwrap();
        let (_, s, info) = read(m);
        s.reading(&info.pages)
    };
    assert_eq!(text("card-sheet.pdf"), text("card.pdf"));
    let poster = text("poster-letter.pdf");
    let tabs = poster.iter().filter(|l| l.text == "Child Welfare").count();
    assert_eq!(tabs, 1, "{poster:?}");
    assert_eq!(
        poster.last().unwrap().text,
        "1.888.373.7888",
        "the tab comes last"
    );
}

#[test]
fn every_pdf_passes_pdf_ua_1() {
    let options = page_validation::ValidationOptions::default()
        .profile(page_validation::ValidationProfile::PdfUa1);
    let mut failed = Vec::new();
    for m in made() {
        let report = page_validation::validate_pdf_bytes(&m.bytes, &options).unwrap();
        if !report.is_compliant {
            let rules: Vec<String> = report.failures.iter().map(|f| f.to_string()).collect();
            failed.push(format!("{}:\n  {}", m.name, rules.join("\n  ")));
        }
    }
    assert!(failed.is_empty(), "not PDF/UA-1:\n{}", failed.join("\n"));
}
