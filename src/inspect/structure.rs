//! The structure tree of a tagged PDF read back: StructTreeRoot, its /K
//! kids down to marked content (MCIDs), and the page text those marked
//! sequences show (`PageInfo::marked`). What a screen reader reads, in
//! its order, for `foldline preflight` and the tests.
//!
//! Read leniently, never panicking: a foreign PDF may hold any structure.
//! Cycles are cut, depth and size are bounded.

use super::PageInfo;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{HashMap, HashSet};

/// One structure element.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// The role as written (/S).
    pub role: String,
    /// The standard role it maps to through the RoleMap (the same if standard).
    pub standard: String,
    pub alt: Option<String>,
    pub actual_text: Option<String>,
    pub lang: Option<String>,
    pub kids: Vec<Kid>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kid {
    Element(Element),
    /// Marked content: the page (from 0) and the MCID on it.
    Content {
        page: Option<usize>,
        mcid: i64,
    },
    /// An object such as a link annotation (OBJR): its /Subtype.
    Object {
        subtype: String,
    },
}

/// What a PDF says about itself for assistive technology.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Structure {
    /// MarkInfo /Marked true.
    pub marked: bool,
    /// The catalog's /Lang.
    pub lang: Option<String>,
    /// Info /Title.
    pub title: Option<String>,
    /// The XMP metadata has a dc:title.
    pub xmp_title: bool,
    /// ViewerPreferences /DisplayDocTitle true: viewers show the title, not the file name.
    pub display_doc_title: bool,
    /// The StructTreeRoot's elements; None if there is none.
    pub root: Option<Vec<Element>>,
}

/// One line of the reading: a block (heading, paragraph, list item,
/// figure ...) and what is read for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub role: String,
    pub text: String,
}

/// Roles read as one line each; others hold blocks (Sect, L, Table) or
/// run inside one (Span, Link, Lbl).
const BLOCKS: [&str; 17] = [
    "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "TD", "TH", "Caption", "Figure", "Formula",
    "Form", "BibEntry", "TOCI",
];
const HEADINGS: [&str; 7] = ["H", "H1", "H2", "H3", "H4", "H5", "H6"];
const MAX_DEPTH: usize = 64;
const MAX_ELEMENTS: usize = 100_000;

/// Reads the catalog's accessibility entries and the structure tree.
pub fn read(doc: &Document) -> Structure {
    let catalog = doc.catalog().ok();
    let entry = |key: &[u8]| catalog.and_then(|c| deref(doc, c.get(key).ok()?));
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok());
    let xmp = entry(b"Metadata")
        .and_then(|o| o.as_stream().ok())
        .and_then(|s| s.get_plain_content().ok());
    let mut structure = Structure {
        marked: entry(b"MarkInfo")
            .and_then(|o| o.as_dict().ok())
            .and_then(|d| d.get(b"Marked").ok()?.as_bool().ok())
            .unwrap_or(false),
        lang: entry(b"Lang").and_then(text),
        title: info
            .and_then(|i| deref(doc, i.get(b"Title").ok()?))
            .and_then(text),
        xmp_title: xmp.is_some_and(|x| x.windows(9).any(|w| w == b"<dc:title")),
        display_doc_title: entry(b"ViewerPreferences")
            .and_then(|o| o.as_dict().ok())
            .and_then(|d| d.get(b"DisplayDocTitle").ok()?.as_bool().ok())
            .unwrap_or(false),
        root: None,
    };
    if let Some(root) = entry(b"StructTreeRoot").and_then(|o| o.as_dict().ok()) {
        let pages: HashMap<ObjectId, usize> = doc
            .get_pages()
            .values()
            .enumerate()
            .map(|(i, id)| (*id, i))
            .collect();
        let role_map = root
            .get(b"RoleMap")
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok());
        let mut reader = Reader {
            doc,
            pages,
            role_map,
            seen: HashSet::new(),
            count: 0,
        };
        let mut elements = Vec::new();
        if let Ok(k) = root.get(b"K") {
            for kid in reader.kids(k, None, 0) {
                // MCIDs straight under the root belong to no element: dropped.
                if let Kid::Element(e) = kid {
                    elements.push(e);
                }
            }
        }
        structure.root = Some(elements);
    }
    structure
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    doc.dereference(o).ok().map(|(_, o)| o)
}

fn text(o: &Object) -> Option<String> {
    lopdf::decode_text_string(o).ok()
}

fn name(o: Option<&Object>) -> Option<String> {
    o?.as_name()
        .ok()
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

struct Reader<'a> {
    doc: &'a Document,
    pages: HashMap<ObjectId, usize>,
    role_map: Option<&'a Dictionary>,
    seen: HashSet<ObjectId>,
    count: usize,
}

impl Reader<'_> {
    fn page(&self, dict: &Dictionary) -> Option<usize> {
        let id = dict.get(b"Pg").ok()?.as_reference().ok()?;
        self.pages.get(&id).copied()
    }

    /// The kids /K holds: a number (MCID), a dictionary or reference
    /// (element, MCR, OBJR), or an array of those.
    fn kids(&mut self, k: &Object, page: Option<usize>, depth: usize) -> Vec<Kid> {
        if depth > MAX_DEPTH || self.count > MAX_ELEMENTS {
            return Vec::new();
        }
        match k {
            Object::Integer(mcid) => vec![Kid::Content { page, mcid: *mcid }],
            Object::Array(list) => list
                .iter()
                .flat_map(|o| self.kids(o, page, depth + 1))
                .collect(),
            Object::Reference(id) => {
                if !self.seen.insert(*id) {
                    return Vec::new();
                }
                match self.doc.get_object(*id) {
                    Ok(o) => self.kids(o, page, depth + 1),
                    Err(_) => Vec::new(),
                }
            }
            Object::Dictionary(d) => self.dict(d, page, depth).into_iter().collect(),
            _ => Vec::new(),
        }
    }

    fn dict(&mut self, d: &Dictionary, page: Option<usize>, depth: usize) -> Option<Kid> {
        let page = self.page(d).or(page);
        match name(d.get(b"Type").ok()).as_deref() {
            Some("MCR") => {
                let mcid = d.get(b"MCID").ok()?.as_i64().ok()?;
                return Some(Kid::Content { page, mcid });
            }
            Some("OBJR") => {
                let obj = d.get(b"Obj").ok().and_then(|o| deref(self.doc, o));
                let subtype = obj
                    .and_then(|o| o.as_dict().ok())
                    .and_then(|o| name(o.get(b"Subtype").ok()))
                    .unwrap_or_default();
                return Some(Kid::Object { subtype });
            }
            _ => {}
        }
        let role = name(d.get(b"S").ok())?;
        self.count += 1;
        let string = |key: &[u8]| {
            d.get(key)
                .ok()
                .and_then(|o| deref(self.doc, o))
                .and_then(text)
        };
        let kids = match d.get(b"K") {
            Ok(k) => self.kids(k, page, depth + 1),
            Err(_) => Vec::new(),
        };
        Some(Kid::Element(Element {
            standard: self.standard(&role),
            role,
            alt: string(b"Alt"),
            actual_text: string(b"ActualText"),
            lang: string(b"Lang"),
            kids,
        }))
    }

    /// Follows the RoleMap from a custom role to a standard one.
    fn standard(&self, role: &str) -> String {
        let mut role = role.to_string();
        for _ in 0..8 {
            let mapped = self
                .role_map
                .and_then(|m| name(m.get(role.as_bytes()).ok()));
            match mapped {
                Some(next) if next != role => role = next,
                _ => break,
            }
        }
        role
    }
}

impl Element {
    /// What a screen reader reads for it: its ActualText, a figure's Alt,
    /// else the text of its content in order.
    pub fn text(&self, pages: &[PageInfo]) -> String {
        if let Some(t) = &self.actual_text {
            return t.clone();
        }
        if self.standard == "Figure" {
            if let Some(alt) = &self.alt {
                return alt.clone();
            }
        }
        let parts: Vec<String> = self
            .kids
            .iter()
            .filter_map(|k| match k {
                Kid::Element(e) => Some(e.text(pages)),
                Kid::Content { page, mcid } => pages.get((*page)?)?.marked.get(mcid).cloned(),
                Kid::Object { .. } => None,
            })
            .filter(|t| !t.is_empty())
            .collect();
        parts.join(" ")
    }

    /// This element and all below it, depth first.
    pub fn walk(&self) -> Box<dyn Iterator<Item = &Element> + '_> {
        let below = self.kids.iter().flat_map(|k| match k {
            Kid::Element(e) => e.walk(),
            _ => Box::new(std::iter::empty()),
        });
        Box::new(std::iter::once(self).chain(below))
    }
}

impl Structure {
    /// Every element, depth first (empty if the PDF has no structure tree).
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.root.iter().flatten().flat_map(Element::walk)
    }

    /// The text in structure order, one line per block.
    pub fn reading(&self, pages: &[PageInfo]) -> Vec<Line> {
        let mut lines = Vec::new();
        for e in self.root.iter().flatten() {
            read_into(e, pages, &mut lines);
        }
        lines
    }

    /// The headings in structure order: role and text.
    pub fn headings(&self, pages: &[PageInfo]) -> Vec<Line> {
        self.elements()
            .filter(|e| HEADINGS.contains(&e.standard.as_str()))
            .map(|e| Line {
                role: e.standard.clone(),
                text: e.text(pages),
            })
            .collect()
    }

    /// Figures with neither Alt nor ActualText.
    pub fn figures_without_alt(&self) -> impl Iterator<Item = &Element> {
        self.elements().filter(|e| {
            let said = |t: &Option<String>| t.as_deref().is_some_and(|t| !t.trim().is_empty());
            e.standard == "Figure" && !said(&e.alt) && !said(&e.actual_text)
        })
    }
}

fn read_into(e: &Element, pages: &[PageInfo], lines: &mut Vec<Line>) {
    if BLOCKS.contains(&e.standard.as_str()) {
        lines.push(Line {
            role: e.standard.clone(),
            text: e.text(pages),
        });
        return;
    }
    for kid in &e.kids {
        match kid {
            Kid::Element(k) => read_into(k, pages, lines),
            // Content straight in a container: a line of the container's role.
            Kid::Content { page, mcid } => {
                if let Some(t) = page.and_then(|p| pages.get(p)?.marked.get(mcid)) {
                    lines.push(Line {
                        role: e.standard.clone(),
                        text: t.clone(),
                    });
                }
            }
            Kid::Object { .. } => {}
        }
    }
}
