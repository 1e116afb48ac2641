//! `foldline preflight` on accessibility: the structure tree read back
//! (a small tagged PDF made here with lopdf), the reading order printed
//! from it, and what it reports for foldline's own files.

use crate::common;

use common::{foldline, run_ok, stderr, temp_dir};
use foldline::inspect::structure::{self, Line};
use lopdf::{dictionary, Document, Object, Stream, StringFormat};
use std::path::Path;

fn string(s: &str) -> Object {
    Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
}

/// One page: a heading (a custom role the RoleMap makes H1), a paragraph
/// through an MCR and a named property list, a figure with alt text, one
/// without, a link, a heading said only by ActualText, an artifact, a word
/// outside any marked content, a kid that points back at its parent, and
/// the flyer's first red on navy.
fn tagged_pdf() -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let page_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let content = b"/Heading1 <</MCID 0>> BDC BT /F1 12 Tf 72 700 Td (Title here) Tj ET EMC\n\
        /P /P0 BDC BT /F1 10 Tf 72 680 Td (Body words) Tj ET EMC\n\
        /Artifact BMC BT /F1 8 Tf 72 20 Td (Page 1) Tj ET EMC\n\
        /Figure <</MCID 1>> BDC 0 0 0 1 k 72 600 20 20 re f EMC\n\
        /Span <</MCID 2>> BDC BT /F1 10 Tf 72 560 Td (Loose) Tj ET EMC\n\
        BT /F1 10 Tf 72 540 Td (Stray) Tj ET\n\
        /Artifact BMC 1 0.8 0.2 0.25 k 72 400 300 40 re f EMC\n\
        /P <</MCID 4>> BDC 0 0.85 0.95 0 k BT /F1 30 Tf 80 410 Td (IT HAPPENS) Tj ET EMC\n";
    let contents = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
    let link = doc.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "Link", "Rect" => vec![72.into(), 680.into(), 150.into(), 690.into()],
    });
    doc.objects.insert(
        page_id,
        Object::Dictionary(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "Contents" => contents,
            "Annots" => vec![link.into()],
            "Resources" => dictionary! {
                "Font" => dictionary! { "F1" => font },
                "Properties" => dictionary! { "P0" => dictionary! { "MCID" => 3 } },
            },
        }),
    );
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
        }),
    );
    let root_id = doc.new_object_id();
    let top_id = doc.new_object_id();
    let element = |role: &str, k: Object| dictionary! { "S" => role, "P" => top_id, "Pg" => page_id, "K" => k };
    let heading = doc.add_object(element("Heading1", 0.into()));
    let mcr = dictionary! { "Type" => "MCR", "MCID" => 3, "Pg" => page_id };
    let paragraph = doc.add_object(element("P", mcr.into()));
    let mut figure = element("Figure", 1.into());
    figure.set("Alt", string("A black square"));
    let figure = doc.add_object(figure);
    let bare_figure = doc.add_object(element("Figure", 2.into()));
    let objr = dictionary! { "Type" => "OBJR", "Obj" => link };
    let link_element = doc.add_object(element("Link", objr.into()));
    let mut said = element("H2", Object::Array(vec![]));
    said.set("ActualText", string("Second heading"));
    let said = doc.add_object(said);
    let kids: Vec<Object> = [
        heading,
        paragraph,
        figure,
        bare_figure,
        link_element,
        said,
        top_id,
    ]
    .into_iter()
    .map(Object::Reference)
    .collect();
    doc.objects.insert(
        top_id,
        Object::Dictionary(dictionary! { "S" => "Document", "P" => root_id, "K" => kids }),
    );
    doc.objects.insert(
        root_id,
        Object::Dictionary(dictionary! {
            "Type" => "StructTreeRoot",
            "K" => top_id,
            "RoleMap" => dictionary! { "Heading1" => "H1" },
        }),
    );
    let xmp = b"<x:xmpmeta><dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Sample</rdf:li></rdf:Alt></dc:title></x:xmpmeta>";
    let metadata = doc.add_object(Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        xmp.to_vec(),
    ));
    let catalog = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
        "MarkInfo" => dictionary! { "Marked" => true },
        "StructTreeRoot" => root_id,
        "Lang" => string("en-US"),
        "ViewerPreferences" => dictionary! { "DisplayDocTitle" => true },
        "Metadata" => metadata,
    });
    let info = doc.add_object(dictionary! { "Title" => string("Sample") });
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

fn line(role: &str, text: &str) -> Line {
    Line {
        role: role.into(),
        text: text.into(),
    }
}

#[test]
fn the_structure_tree_is_read_down_to_the_page_text() {
    let bytes = tagged_pdf();
    let doc = Document::load_mem(&bytes).unwrap();
    let info = foldline::inspect::inspect(&bytes);
    let s = structure::read(&doc);
    assert!(s.marked && s.xmp_title && s.display_doc_title);
    assert_eq!(s.lang.as_deref(), Some("en-US"));
    assert_eq!(s.title.as_deref(), Some("Sample"));

    let page = &info.pages[0];
    let marked: Vec<(i64, &str)> = page.marked.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        marked,
        [
            (0, "Title here"),
            (2, "Loose"),
            (3, "Body words"),
            (4, "IT HAPPENS")
        ]
    );
    // The artifact is not loose text; the word outside marked content is.
    assert_eq!(page.unmarked, ["Stray"]);

    assert_eq!(
        s.reading(&info.pages),
        [
            line("H1", "Title here"),
            line("P", "Body words"),
            line("Figure", "A black square"),
            line("Figure", "Loose"),
            line("H2", "Second heading"),
        ]
    );
    assert_eq!(
        s.headings(&info.pages),
        [line("H1", "Title here"), line("H2", "Second heading")]
    );
    let heading = s.elements().find(|e| e.standard == "H1").unwrap();
    assert_eq!(heading.role, "Heading1");
    let bare: Vec<String> = s
        .figures_without_alt()
        .map(|e| e.text(&info.pages))
        .collect();
    assert_eq!(bare, ["Loose"]);
    let link = s.elements().find(|e| e.role == "Link").unwrap();
    assert_eq!(
        link.kids,
        [structure::Kid::Object {
            subtype: "Link".into()
        }]
    );
}

fn preflight(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = foldline()
        .arg("preflight")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    (out.status.code(), stdout, stderr(&out))
}

#[test]
fn preflight_reports_tagging_language_title_alt_text_and_headings() {
    let dir = temp_dir("a11y-sample");
    std::fs::write(dir.join("sample.pdf"), tagged_pdf()).unwrap();
    let (code, out, err) = preflight(&dir, &["sample.pdf"]);
    // The figure without alt text and the red on navy fail; the rest is reported.
    assert_eq!(code, Some(2), "{out}{err}");
    assert!(
        out.contains("CMYK [0, 85, 95, 0] (#E8482A) on CMYK [100, 80, 20, 25] (#243F70): 2.67:1, needs 3:1 (large text, \"IT\" page 1"),
        "{out}"
    );
    assert!(out.contains("language   /Lang en-US"), "{out}");
    assert!(
        out.contains("title      \"Sample\" (Info and XMP)"),
        "{out}"
    );
    assert!(
        out.contains("1 word is neither in it nor artifacts"),
        "{out}"
    );
    assert!(
        out.contains("ERROR    alt text   1 of 2 figures have no alt text (screen readers say only \"figure\"): \"Loose\""),
        "{out}"
    );
    assert!(
        out.contains("headings   reading order, 2 headings:"),
        "{out}"
    );
    assert!(out.contains(" 1. H1  Title here\n"), "{out}");
    assert!(out.contains(" 2. H2  Second heading\n"), "{out}");

    let (code, out, err) = preflight(&dir, &["--reading-order", "sample.pdf"]);
    assert_eq!(code, Some(0), "{err}");
    let lines: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(
        lines,
        [
            "   1  H1      Title here",
            "   2  P       Body words",
            "   3  Figure  A black square",
            "   4  Figure  Loose",
            "   5  H2      Second heading",
        ],
        "{out}"
    );
}

#[test]
fn preflight_of_a_foldline_pdf_reports_contrast_and_a_tagged_file() {
    let dir = temp_dir("a11y-brochure");
    run_ok(&dir, &["brochure", "-o", "b.pdf"]);
    let (code, out, err) = preflight(&dir, &["b.pdf"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(
        out.contains("contrast   all text at least 4.5:1 (3:1 large) through FOGRA39; lowest CMYK [0, 95, 100, 10] (#D52E23) on the paper (#FFFFFF): 4.95:1"),
        "{out}"
    );
    for check in ["tagged", "language", "title"] {
        assert!(out.contains(&format!(" {check:<10} ")), "{check}: {out}");
    }
    let tagged = out.lines().find(|l| l.contains(" tagged ")).unwrap();
    assert!(
        tagged.contains("all text is in it or marked as artifact"),
        "{out}"
    );
    let (code, out, err) = preflight(&dir, &["--reading-order", "b.pdf"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("H1      Commercial Sexual Exploitation"),
        "{out}"
    );
}
