//! Tagged PDF (PDF/UA-1): the structure tree the display list's tags
//! describe, in one place. Each drawn item is marked content of the
//! element it is in (`/P <</MCID n>> BDC ... EMC`) or an `/Artifact`; the
//! tree (StructTreeRoot, ParentTree, /StructParents), the link
//! annotations and the catalog's /MarkInfo, /Lang and /ViewerPreferences
//! are written once the pages are.

use crate::display::{Item, Rect, Role};
use lopdf::{dictionary, Dictionary, Document, Object, ObjectId};

/// How the renderer marks a drawn item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Decoration, page furniture, copies: screen readers skip it.
    Artifact,
    /// Content of a structure element: its tag and the MCID on its page.
    Content { tag: &'static str, mcid: i64 },
}

enum Kid {
    Element(usize),
    Content {
        mcid: i64,
    },
    /// The link annotation of `links[i]`.
    Link(usize),
}

struct Element {
    role: Role,
    order: u32,
    /// The page its content is on (the first, for an element of several).
    page: Option<usize>,
    kids: Vec<Kid>,
}

struct Link {
    page: usize,
    element: usize,
    /// The union of its text's boxes, in the page's display coordinates.
    rect: Option<Rect>,
    text: String,
}

/// The tree as the pages' tags build it.
#[derive(Default)]
pub struct Tree {
    elements: Vec<Element>,
    roots: Vec<usize>,
    /// Per page: the element each MCID belongs to.
    parents: Vec<Vec<usize>>,
    links: Vec<Link>,
}

fn tag(role: &Role) -> &'static str {
    match role {
        Role::Section => "Sect",
        Role::Heading(1) => "H1",
        Role::Heading(2) => "H2",
        Role::Heading(_) => "H3",
        Role::Paragraph => "P",
        Role::List { .. } => "L",
        Role::ListItem => "LI",
        Role::Label => "Lbl",
        Role::ListBody => "LBody",
        Role::Figure { .. } => "Figure",
        Role::Link { .. } => "Link",
        Role::Span { .. } => "Span",
    }
}

fn union(a: Option<Rect>, b: Rect) -> Rect {
    let Some(a) = a else { return b };
    let (x, y) = (a.x.min(b.x), a.y.min(b.y));
    Rect {
        x,
        y,
        w: a.right().max(b.right()) - x,
        h: a.top().max(b.top()) - y,
    }
}

impl Tree {
    /// The marks of the next page's items, one per item (a tag's is
    /// `Artifact` and unused). Consecutive items of one element share an
    /// MCID.
    pub fn page(&mut self, items: &[Item]) -> Vec<Mark> {
        let page = self.parents.len();
        self.parents.push(Vec::new());
        let mut open: Vec<usize> = Vec::new();
        let mut last: Option<(usize, i64)> = None;
        let mut marks = Vec::with_capacity(items.len());
        for item in items {
            match item {
                Item::Begin { role, order } => {
                    let e = self.elements.len();
                    self.elements.push(Element {
                        role: role.clone(),
                        order: *order,
                        page: None,
                        kids: Vec::new(),
                    });
                    match open.last() {
                        Some(&p) => self.elements[p].kids.push(Kid::Element(e)),
                        None => self.roots.push(e),
                    }
                    if let Role::Link { .. } = role {
                        self.links.push(Link {
                            page,
                            element: e,
                            rect: None,
                            text: String::new(),
                        });
                    }
                    open.push(e);
                    marks.push(Mark::Artifact);
                }
                Item::End => {
                    let e = open.pop().expect("every End closes a Begin");
                    let link = self.links.len().wrapping_sub(1);
                    if self
                        .links
                        .last()
                        .is_some_and(|l| l.element == e && l.rect.is_some())
                    {
                        self.elements[e].kids.push(Kid::Link(link));
                    }
                    marks.push(Mark::Artifact);
                }
                _ => {
                    let Some(&e) = open.last().filter(|&&e| !self.elements[e].role.groups()) else {
                        last = None;
                        marks.push(Mark::Artifact);
                        continue;
                    };
                    let mcid = match last {
                        Some((l, mcid)) if l == e => mcid,
                        _ => {
                            let parents = &mut self.parents[page];
                            let mcid = parents.len() as i64;
                            parents.push(e);
                            let element = &mut self.elements[e];
                            element.page.get_or_insert(page);
                            element.kids.push(Kid::Content { mcid });
                            mcid
                        }
                    };
                    last = Some((e, mcid));
                    if let (Item::Text(run), Some(link)) = (item, self.links.last_mut()) {
                        if link.element == e {
                            link.rect = Some(union(link.rect, run.face_bounds()));
                            link.text.push_str(&run.text());
                        }
                    }
                    marks.push(Mark::Content {
                        tag: tag(&self.elements[e].role),
                        mcid,
                    });
                }
            }
        }
        debug_assert!(open.is_empty(), "a page's tags are balanced");
        marks
    }

    /// Writes the tree, the link annotations and the catalog entries into
    /// `doc`, whose pages are `pages` in order; `to_pdf[i]` maps page i's
    /// display coordinates to its PDF user space (a, b, c, d, e, f).
    pub fn write(self, doc: &mut Document, lang: &str, pages: &[ObjectId], to_pdf: &[[f32; 6]]) {
        let root = doc.new_object_id();
        let document = doc.new_object_id();
        let annots: Vec<ObjectId> = self.links.iter().map(|_| doc.new_object_id()).collect();
        let mut writer = Writer {
            tree: &self,
            pages,
            annots: &annots,
            ids: vec![None; self.elements.len()],
        };
        let kids = writer.kids(doc, &self.roots, document);
        let ids = writer.ids;
        doc.objects.insert(
            document,
            Object::Dictionary(dictionary! {
                "Type" => "StructElem",
                "S" => "Document",
                "P" => root,
                "K" => kids,
            }),
        );

        // The ParentTree: page i's MCIDs under key i, then one key per link.
        let mut nums = Vec::new();
        for (page, parents) in self.parents.iter().enumerate() {
            let refs: Vec<Object> = parents
                .iter()
                .map(|&e| Object::Reference(ids[e].expect("an element with content is written")))
                .collect();
            nums.push(Object::Integer(page as i64));
            nums.push(Object::Array(refs));
        }
        let mut on_page: Vec<Vec<Object>> = vec![Vec::new(); pages.len()];
        for (i, link) in self.links.iter().enumerate() {
            let (Some(rect), Some(element)) = (link.rect, ids[link.element]) else {
                continue;
            };
            let key = (self.parents.len() + i) as i64;
            let uri = match &self.elements[link.element].role {
                Role::Link { uri } => uri.as_str(),
                _ => unreachable!("links are made for Link elements"),
            };
            let annot = annots[i];
            let dict = dictionary! {
                "Type" => "Annot",
                "Subtype" => "Link",
                "Rect" => pdf_rect(&to_pdf[link.page], rect),
                "Border" => vec![0.into(), 0.into(), 0.into()],
                "A" => dictionary! {
                    "Type" => "Action",
                    "S" => "URI",
                    "URI" => Object::string_literal(uri),
                },
                "Contents" => lopdf::text_string(link.text.trim()),
                "StructParent" => key,
            };
            doc.objects.insert(annot, Object::Dictionary(dict));
            nums.push(Object::Integer(key));
            nums.push(Object::Reference(element));
            on_page[link.page].push(Object::Reference(annot));
        }
        let next_key = (self.parents.len() + self.links.len()) as i64;
        doc.objects.insert(
            root,
            Object::Dictionary(dictionary! {
                "Type" => "StructTreeRoot",
                "K" => document,
                "ParentTree" => dictionary! { "Nums" => nums },
                "ParentTreeNextKey" => next_key,
            }),
        );
        for (i, &id) in pages.iter().enumerate() {
            if let Ok(Object::Dictionary(page)) = doc.get_object_mut(id) {
                page.set("StructParents", i as i64);
                // Tab order follows the structure.
                page.set("Tabs", Object::Name(b"S".to_vec()));
                if !on_page[i].is_empty() {
                    page.set("Annots", std::mem::take(&mut on_page[i]));
                }
            }
        }
        if let Ok(catalog) = doc.catalog_mut() {
            catalog.set("MarkInfo", dictionary! { "Marked" => true });
            catalog.set("StructTreeRoot", root);
            catalog.set("Lang", lopdf::text_string(lang));
            catalog.set(
                "ViewerPreferences",
                dictionary! { "DisplayDocTitle" => true },
            );
        }
    }
}

/// [llx lly urx ury] of `r` mapped through `m`.
fn pdf_rect(m: &[f32; 6], r: Rect) -> Object {
    let map = |x: f32, y: f32| (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]);
    let (x0, y0) = map(r.x, r.y);
    let (x1, y1) = map(r.right(), r.top());
    Object::Array(vec![
        x0.min(x1).into(),
        y0.min(y1).into(),
        x0.max(x1).into(),
        y0.max(y1).into(),
    ])
}

struct Writer<'a> {
    tree: &'a Tree,
    pages: &'a [ObjectId],
    /// The annotation of each link.
    annots: &'a [ObjectId],
    ids: Vec<Option<ObjectId>>,
}

impl Writer<'_> {
    /// Whether element `e` or one below it has content (empty ones are left out).
    fn has_content(&self, e: usize) -> bool {
        self.tree.elements[e].kids.iter().any(|k| match k {
            Kid::Element(k) => self.has_content(*k),
            Kid::Content { .. } | Kid::Link(_) => true,
        })
    }

    /// Writes the elements `list` (children of `parent`) in reading order
    /// and returns the parent's /K entries.
    fn kids(&mut self, doc: &mut Document, list: &[usize], parent: ObjectId) -> Vec<Object> {
        let mut sorted: Vec<usize> = list
            .iter()
            .copied()
            .filter(|&e| self.has_content(e))
            .collect();
        sorted.sort_by_key(|&e| self.tree.elements[e].order);
        sorted
            .into_iter()
            .map(|e| Object::Reference(self.element(doc, e, parent)))
            .collect()
    }

    fn element(&mut self, doc: &mut Document, e: usize, parent: ObjectId) -> ObjectId {
        let id = doc.new_object_id();
        self.ids[e] = Some(id);
        let tree = self.tree;
        let element = &tree.elements[e];
        let page = element.page.map(|p| self.pages[p]);
        let mut k = Vec::new();
        // Kids in drawing order, elements among them by reading order.
        let mut children: Vec<&Kid> = element.kids.iter().collect();
        children.sort_by_key(|kid| match kid {
            Kid::Element(c) => tree.elements[*c].order,
            _ => 0,
        });
        for kid in children {
            match kid {
                Kid::Element(c) => {
                    if self.has_content(*c) {
                        k.push(Object::Reference(self.element(doc, *c, id)));
                    }
                }
                Kid::Content { mcid } => k.push(Object::Integer(*mcid)),
                Kid::Link(l) => {
                    let mut objr = dictionary! { "Type" => "OBJR", "Obj" => self.annots[*l] };
                    if let Some(page) = page {
                        objr.set("Pg", page);
                    }
                    k.push(Object::Dictionary(objr));
                }
            }
        }
        let mut dict = dictionary! {
            "Type" => "StructElem",
            "S" => tag(&element.role),
            "P" => parent,
            "K" => k,
        };
        if let Some(page) = page {
            dict.set("Pg", page);
        }
        attributes(&mut dict, &element.role);
        doc.objects.insert(id, Object::Dictionary(dict));
        id
    }
}

/// What a role says besides its tag: alt text, whole words, language,
/// the numbering of a list.
fn attributes(dict: &mut Dictionary, role: &Role) {
    match role {
        Role::Figure { alt } => dict.set("Alt", lopdf::text_string(alt)),
        Role::Span { actual_text, lang } => {
            if let Some(t) = actual_text {
                dict.set("ActualText", lopdf::text_string(t));
            }
            if let Some(l) = lang {
                dict.set("Lang", lopdf::text_string(l));
            }
        }
        Role::List { numbered: true } => dict.set(
            "A",
            dictionary! { "O" => "List", "ListNumbering" => "Decimal" },
        ),
        _ => {}
    }
}
