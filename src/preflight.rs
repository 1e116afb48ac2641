//! Preflight: the checks a print shop's prepress runs, made before a file is
//! written (on the display list) and on any existing PDF (`foldline
//! preflight FILE.pdf`), with the same report.

mod access;

use crate::contrast;
use crate::display::{Cmyk, Document, Item};
use crate::error::{Error, Result};
use crate::inspect;
use lopdf::Object;
use std::fmt;

/// A PDF to check is read whole; a print piece with images is a few
/// megabytes, so anything past this is not one (`preflight /dev/zero`).
pub const MAX_PDF: u64 = 200 * 1024 * 1024;

/// Below this an image prints visibly soft; below `REFUSE_PPI` it is refused.
pub const GOOD_PPI: f32 = 300.0;
pub const REFUSE_PPI: f32 = 150.0;
/// Text keeps this far inside the trim (0.25 in)...
const SAFE: f64 = 18.0;
/// ...or, on a piece no more than `SMALL` on its short side (a wallet
/// card), this far (0.125 in).
const SAFE_SMALL: f64 = 9.0;
const SMALL: f64 = 2.5 * 72.0;

/// The safe zone of a page trimmed to `t` ([x0 y0 x1 y1]).
fn safe_zone(t: [f64; 4]) -> f64 {
    if (t[2] - t[0]).min(t[3] - t[1]) <= SMALL {
        SAFE_SMALL
    } else {
        SAFE
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Ok,
    Warning,
    Error,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub level: Level,
    pub check: &'static str,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
}

impl Report {
    fn add(&mut self, level: Level, check: &'static str, text: impl Into<String>) {
        self.findings.push(Finding {
            level,
            check,
            text: text.into(),
        });
    }

    pub fn worst(&self) -> Level {
        self.findings
            .iter()
            .map(|f| f.level)
            .max()
            .unwrap_or(Level::Ok)
    }

    pub fn at(&self, level: Level) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.level == level)
    }

    /// The errors, joined into one line for a message; `None` if there are none.
    pub fn errors(&self) -> Option<String> {
        let errors: Vec<String> = self
            .at(Level::Error)
            .map(|f| format!("{}: {}", f.check, f.text))
            .collect();
        (!errors.is_empty()).then(|| errors.join("; "))
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for x in &self.findings {
            let level = match x.level {
                Level::Ok => "ok",
                Level::Warning => "warning",
                Level::Error => "ERROR",
            };
            writeln!(f, "  {level:<8} {:<10} {}", x.check, x.text)?;
        }
        Ok(())
    }
}

/// Walks the page tree from the catalog: every node once, at least one
/// page, as many pages as the root's /Count says. lopdf's own page list
/// quietly stops at a loop, so a looping tree would be checked in part.
fn page_tree(doc: &lopdf::Document) -> std::result::Result<(), String> {
    fn walk(
        doc: &lopdf::Document,
        id: lopdf::ObjectId,
        level: usize,
        seen: &mut std::collections::BTreeSet<lopdf::ObjectId>,
        pages: &mut usize,
    ) -> std::result::Result<(), String> {
        // Real trees are a few levels deep; this keeps the walk off the
        // end of the stack.
        if level > 64 {
            return Err("its page tree is more than 64 levels deep".into());
        }
        if !seen.insert(id) {
            return Err(format!(
                "its page tree has a loop (object {} {} R is reached twice)",
                id.0, id.1
            ));
        }
        let node = doc.get_dictionary(id).map_err(|_| {
            format!(
                "its page tree names object {} {} R, which is not a dictionary",
                id.0, id.1
            )
        })?;
        match node.get(b"Type").and_then(Object::as_name) {
            Ok(b"Page") => {
                *pages += 1;
                Ok(())
            }
            Ok(b"Pages") => {
                let kids = node
                    .get(b"Kids")
                    .and_then(|k| doc.dereference(k))
                    .and_then(|(_, k)| k.as_array())
                    .map_err(|_| format!("page tree node {} {} R has no /Kids list", id.0, id.1))?;
                for kid in kids {
                    let kid = kid.as_reference().map_err(|_| {
                        format!(
                            "page tree node {} {} R lists a kid that is not a reference",
                            id.0, id.1
                        )
                    })?;
                    walk(doc, kid, level + 1, seen, pages)?;
                }
                Ok(())
            }
            _ => Err(format!(
                "object {} {} R in its page tree is neither a page nor a page list",
                id.0, id.1
            )),
        }
    }
    let root = doc
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .map_err(|_| "it has no page tree (no /Pages in its catalog)".to_string())?;
    let mut pages = 0;
    walk(doc, root, 0, &mut Default::default(), &mut pages)?;
    if pages == 0 {
        return Err("it has no pages".into());
    }
    let count = doc
        .get_dictionary(root)
        .ok()
        .and_then(|d| d.get(b"Count").ok()?.as_i64().ok());
    if count != Some(pages as i64) {
        return Err(format!(
            "its page tree holds {pages} page(s) but its /Count says {}",
            count.map_or("nothing".to_string(), |c| c.to_string())
        ));
    }
    Ok(())
}

fn ppi_finding(report: &mut Report, name: &str, pixels: u32, width_pt: f32) {
    let ppi = pixels as f32 / (width_pt / 72.0);
    let text = format!("{name}: {ppi:.0} ppi at {:.2} in wide", width_pt / 72.0);
    let level = match ppi {
        p if p < REFUSE_PPI => Level::Error,
        p if p < GOOD_PPI => Level::Warning,
        _ => Level::Ok,
    };
    let advice = match level {
        Level::Error => format!(
            " (below {REFUSE_PPI:.0} ppi prints blurred: use a larger image or print it smaller)"
        ),
        Level::Warning => format!(" (under {GOOD_PPI:.0} ppi may print soft)"),
        Level::Ok => String::new(),
    };
    report.add(level, "images", text + &advice);
}

/// Checks a laid-out document before it is rendered.
pub fn document(doc: &Document) -> Report {
    let mut report = Report::default();
    report.add(
        Level::Ok,
        "fonts",
        "all text in embedded, subset fonts (the built-in faces)",
    );
    let mut outside = Vec::new();
    let mut images = 0;
    let mut rgb = Vec::new();
    for (i, page) in doc.pages.iter().enumerate() {
        for item in &page.items {
            match item {
                Item::Text(run) => {
                    let b = run.face_bounds();
                    let (x0, x1, y0, y1) = (b.x, b.right(), b.y, b.top());
                    let inside = page.areas.iter().any(|a| {
                        let s = a.safe;
                        x0 >= s.x - 0.01
                            && x1 <= s.right() + 0.01
                            && y0 >= s.y - 0.01
                            && y1 <= s.top() + 0.01
                    });
                    if !inside && !run.text().trim().is_empty() {
                        outside.push(format!("page {}: \"{}\"", i + 1, run.text().trim()));
                    }
                }
                Item::Image { rect, picture } => {
                    images += 1;
                    ppi_finding(&mut report, &picture.name, picture.width, rect.w);
                    if picture.channels == 3 {
                        rgb.push(picture.name.clone());
                    }
                }
                _ => {}
            }
        }
    }
    safe_area_finding(
        &mut report,
        &outside,
        "0.25 in inside the trim and every fold",
    );
    if images == 0 {
        report.add(Level::Ok, "images", "none");
    }
    colour_finding(&mut report, &rgb);
    contrast_finding(&mut report, &contrast::of_document(doc), &doc.colours);
    report
}

/// WCAG 1.4.3 contrast of every text colour on its background; colours are
/// named from `names` (theme keys) where it has them.
fn contrast_finding(report: &mut Report, walk: &contrast::Walk, names: &[(&str, Cmyk)]) {
    let describe = |p: &contrast::Pair| {
        format!(
            "{} on {}: {:.2}:1, needs {}:1 ({} text, \"{}\" page {}{})",
            contrast::describe(Some(p.text), names),
            contrast::describe(p.background, names),
            p.ratio,
            p.needed(),
            if p.large { "large" } else { "normal" },
            p.example,
            p.page,
            match p.runs {
                1 => String::new(),
                n => format!(", {n} texts"),
            }
        )
    };
    let failures: Vec<String> = walk.failures().map(describe).collect();
    if walk.unmeasured > 0 {
        report.add(
            Level::Warning,
            "contrast",
            format!(
                "{} texts not measured: their colour, or the one under them, is not CMYK or grey",
                walk.unmeasured
            ),
        );
    }
    if failures.is_empty() {
        let lowest = walk
            .lowest()
            .map(|p| format!("; lowest {}", describe(p)))
            .unwrap_or_default();
        report.add(
            Level::Ok,
            "contrast",
            format!(
                "all text at least {}:1 ({}:1 large) through FOGRA39{lowest}",
                contrast::NORMAL,
                contrast::LARGE
            ),
        );
    } else {
        report.add(
            Level::Error,
            "contrast",
            format!(
                "text stands out too little from what it is printed on (WCAG 1.4.3; colours as FOGRA39 prints them, in sRGB): {}. Choose {}colours further apart",
                failures.join("; "),
                if names.is_empty() { "" } else { "theme " }
            ),
        );
    }
}

fn safe_area_finding(report: &mut Report, outside: &[String], rule: &str) {
    if outside.is_empty() {
        report.add(Level::Ok, "safe area", format!("all text {rule}"));
    } else {
        let shown: Vec<&str> = outside.iter().take(5).map(String::as_str).collect();
        report.add(
            Level::Error,
            "safe area",
            format!(
                "{} text runs outside the safe area: {}",
                outside.len(),
                shown.join("; ")
            ),
        );
    }
}

fn colour_finding(report: &mut Report, rgb: &[String]) {
    if rgb.is_empty() {
        report.add(Level::Ok, "colour", "CMYK and grey only");
    } else {
        report.add(
            Level::Warning,
            "colour",
            format!(
                "RGB images (the print shop converts them): {}",
                rgb.join(", ")
            ),
        );
    }
}

/// The PDF and what the inspector reads from it. A file it cannot read
/// whole is an error ("could not check"), never a report that says ok
/// about less.
fn load(bytes: &[u8], name: &str) -> Result<(lopdf::Document, inspect::PdfInfo)> {
    let cannot = |why: String| Error::input(format!("could not check {name}: {why}"));
    let doc = lopdf::Document::load_mem(bytes)
        .map_err(|e| cannot(format!("it is not a PDF foldline can read ({e})")))?;
    if doc.is_encrypted() {
        return Err(cannot(
            "it is encrypted (opening it needs a password); print shops need it unencrypted, so save it again without a password".into(),
        ));
    }
    page_tree(&doc).map_err(cannot)?;
    // The inspector is strict and stops on content it cannot parse.
    let info = crate::error::contain(|| inspect::inspect(bytes)).map_err(|why| {
        cannot(format!(
            "it could not be read in full ({})",
            why.trim_start_matches("pdftext: ")
        ))
    })?;
    Ok((doc, info))
}

/// The text of a tagged PDF in structure order, one numbered line per
/// block with its role: what a screen reader reads, in its order.
pub fn reading_order(bytes: &[u8], name: &str) -> Result<String> {
    let (doc, info) = load(bytes, name)?;
    let structure = inspect::structure::read(&doc);
    if structure.root.is_none() {
        return Err(Error::input(format!(
            "{name} is not a tagged PDF (it has no structure tree), so it has no reading order to print; a screen reader reads it in the order the text was drawn"
        )));
    }
    let mut out =
        format!("reading order of {name} (its structure tree, as a screen reader reads it)\n");
    for (i, line) in structure.reading(&info.pages).iter().enumerate() {
        let text = match (line.role.as_str(), line.text.is_empty()) {
            ("Figure", true) => "(a figure with no alt text)",
            (_, true) => "(no text)",
            _ => &line.text,
        };
        out += &format!("{:>4}  {:<7} {text}\n", i + 1, line.role);
    }
    Ok(out)
}

/// Checks an existing PDF file's bytes.
pub fn pdf(bytes: &[u8], name: &str) -> Result<Report> {
    let (doc, info) = load(bytes, name)?;
    let mut report = Report::default();

    let unembedded: Vec<&str> = info
        .fonts
        .iter()
        .filter(|f| !f.embedded)
        .map(|f| f.base_font.as_str())
        .collect();
    match unembedded.is_empty() {
        true => report.add(
            Level::Ok,
            "fonts",
            format!("{} fonts, all embedded", info.fonts.len()),
        ),
        false => report.add(
            Level::Error,
            "fonts",
            format!("not embedded: {}", unembedded.join(", ")),
        ),
    }

    let mut outside = Vec::new();
    let mut boxes_ok = true;
    for (i, page) in info.pages.iter().enumerate() {
        let Some(t) = page.trim_box else {
            report.add(
                Level::Error,
                "boxes",
                format!("page {} has no TrimBox", i + 1),
            );
            boxes_ok = false;
            continue;
        };
        let b = page.bleed_box.unwrap_or(t);
        let m = page.media_box;
        if !(m[0] <= b[0]
            && b[0] <= t[0]
            && m[1] <= b[1]
            && b[1] <= t[1]
            && t[2] <= b[2]
            && b[2] <= m[2]
            && t[3] <= b[3]
            && b[3] <= m[3])
        {
            report.add(
                Level::Error,
                "boxes",
                format!(
                    "page {}: TrimBox, BleedBox and MediaBox are not nested",
                    i + 1
                ),
            );
            boxes_ok = false;
        }
        let safe = safe_zone(t);
        for w in &page.words {
            if w.x0 < t[0] + safe - 0.01
                || w.x1 > t[2] - safe + 0.01
                || w.y0 < t[1] + safe - 0.01
                || w.y1 > t[3] - safe + 0.01
            {
                outside.push(format!("page {}: \"{}\"", i + 1, w.text));
            }
        }
    }
    if boxes_ok {
        report.add(
            Level::Ok,
            "boxes",
            "every page has a TrimBox inside its BleedBox inside its MediaBox",
        );
    }
    safe_area_finding(
        &mut report,
        &outside,
        "0.25 in inside the trim (0.125 in on a wallet card)",
    );

    let mut rgb = Vec::new();
    let mut images = 0;
    for (number, id) in doc.get_pages() {
        let Ok(content) = doc.get_and_decode_page_content(id) else {
            continue;
        };
        let xobjects = doc
            .get_page_resources(id)
            .ok()
            .and_then(|(inline, referenced)| {
                let resources = inline
                    .or_else(|| referenced.first().and_then(|r| doc.get_dictionary(*r).ok()))?;
                resources.get(b"XObject").ok().cloned()
            });
        let mut stack = Vec::new();
        let mut ctm = [1.0f32, 0.0, 0.0, 1.0, 0.0, 0.0];
        for op in content.operations {
            match op.operator.as_str() {
                "q" => stack.push(ctm),
                "Q" => ctm = stack.pop().unwrap_or(ctm),
                "cm" => {
                    let n: Vec<f32> = op
                        .operands
                        .iter()
                        .filter_map(|o| o.as_float().ok())
                        .collect();
                    if let [a, b, c, d, e, f] = n[..] {
                        let m = ctm;
                        ctm = [
                            a * m[0] + b * m[2],
                            a * m[1] + b * m[3],
                            c * m[0] + d * m[2],
                            c * m[1] + d * m[3],
                            e * m[0] + f * m[2] + m[4],
                            e * m[1] + f * m[3] + m[5],
                        ];
                    }
                }
                "rg" | "RG" => rgb.push(format!(
                    "page {number}: RGB colour operator {}",
                    op.operator
                )),
                "Do" => {
                    let image = op
                        .operands
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .and_then(|n| {
                            let dict = match &xobjects {
                                Some(Object::Reference(r)) => doc.get_dictionary(*r).ok()?,
                                Some(Object::Dictionary(d)) => d,
                                _ => return None,
                            };
                            let stream = doc
                                .get_object(dict.get(n).ok()?.as_reference().ok()?)
                                .ok()?
                                .as_stream()
                                .ok()?;
                            (stream.dict.get(b"Subtype").ok()?.as_name().ok()? == b"Image").then(
                                || (String::from_utf8_lossy(n).into_owned(), stream.dict.clone()),
                            )
                        });
                    if let Some((name, dict)) = image {
                        images += 1;
                        let px = dict
                            .get(b"Width")
                            .ok()
                            .and_then(|w| w.as_i64().ok())
                            .unwrap_or(0) as u32;
                        let width_pt = (ctm[0] * ctm[0] + ctm[1] * ctm[1]).sqrt();
                        ppi_finding(
                            &mut report,
                            &format!("page {number} image {name}"),
                            px,
                            width_pt,
                        );
                        if dict.get(b"ColorSpace").ok().and_then(|c| c.as_name().ok())
                            == Some(b"DeviceRGB")
                        {
                            rgb.push(format!("page {number} image {name}"));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    if images == 0 {
        report.add(Level::Ok, "images", "none");
    }
    colour_finding(&mut report, &rgb);
    contrast_finding(&mut report, &contrast::of_pdf(&info), &[]);
    access::findings(&mut report, &inspect::structure::read(&doc), &info);
    Ok(report)
}
