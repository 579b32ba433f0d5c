//! Empty signature fields for a signing service (`build --signaturfält`).
//!
//! Typst 0.15 cannot write form fields, so they are added after typst-pdf's
//! output as an incremental update (ISO 32000-1, 7.5.6): the file's bytes
//! stay as they were, followed by the new and changed objects, their
//! cross-reference section and a trailer pointing back at the first. That is
//! also how a signing service adds each signature, so the signed protocol is
//! the typeset one with updates on top.
//!
//! Where the fields go comes from the layout itself: the template marks the
//! room above each signer's line with metadata labelled `<signature-line>`
//! (see `signature-room` in `templates/lib/layout.typ`), and
//! [`signature_lines`] reads their places from Typst's introspector.
//!
//! Each field is one merged field and widget dictionary with what PDF/A-2 and
//! PDF/UA-1 ask of a widget: the Print flag, an appearance stream (empty: the
//! line is printed on the page already), `/TU` with the person's name and
//! role, a `/Form` structure element holding it, and `/Tabs /S` on its page.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, IncrementalDocument, Object, ObjectId, Stream, text_string};
use typst::foundations::{Selector, Value};
use typst::introspection::MetadataElem;
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

/// The label the templates put on a signer's room.
const LABEL: &str = "signature-line";

/// Bound on the structure tree's depth walked to find an element's page.
const MAX_DEPTH: usize = 64;

/// One signer's place, as the layout put it.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureLine {
    /// The signer's name, as the meeting file gives it.
    pub person: String,
    /// The role printed beside the line ("Ordförande").
    pub role: String,
    /// The page, from 1.
    pub page: usize,
    /// The room above the line in PDF user space (points from the page's
    /// lower left corner): x1, y1, x2, y2.
    pub rect: [f64; 4],
}

/// Why the fields could not be added.
#[derive(Debug, thiserror::Error)]
pub enum FieldError {
    /// The templates mark no signature line.
    #[error("{}", crate::messages::making::no_signature_lines())]
    NoLines,
    /// typst-pdf's output is not shaped as expected (a bug, or a Typst
    /// update; nothing is guessed).
    #[error("{}", crate::messages::making::signature_fields_failed(.0))]
    Structure(String),
}

impl From<std::io::Error> for FieldError {
    fn from(error: std::io::Error) -> Self {
        FieldError::Structure(error.to_string())
    }
}

impl From<lopdf::Error> for FieldError {
    fn from(error: lopdf::Error) -> Self {
        FieldError::Structure(error.to_string())
    }
}

/// The signature lines the layout marked, in document order.
pub fn signature_lines(document: &PagedDocument) -> Vec<SignatureLine> {
    let Some(label) = typst::foundations::Label::new(PicoStr::intern(LABEL)) else {
        return Vec::new();
    };
    let introspector = document.introspector();
    introspector
        .elements()
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|content| {
            let metadata = content.to_packed::<MetadataElem>()?;
            let Value::Dict(fields) = &metadata.value else {
                return None;
            };
            let text = |key: &str| match fields.get(key).ok()? {
                Value::Str(s) => Some(s.to_string()),
                Value::Content(c) => Some(c.plain_text().to_string()),
                _ => None,
            };
            let points = |key: &str| match fields.get(key).ok()? {
                Value::Length(l) => Some(l.abs.to_pt()),
                _ => None,
            };
            let position = introspector.position(content.location()?)?;
            let page = position.page.get();
            let height_of_page = document.pages().get(page - 1)?.frame.height().to_pt();
            let (x, top) = (position.point.x.to_pt(), position.point.y.to_pt());
            let (width, height) = (points("width")?, points("height")?);
            Some(SignatureLine {
                person: text("person")?,
                role: text("role")?,
                page,
                rect: [
                    x,
                    height_of_page - top - height,
                    x + width,
                    height_of_page - top,
                ],
            })
        })
        .collect()
}

/// `pdf` with one empty signature field per line, as an incremental update.
pub fn add_fields(pdf: Vec<u8>, lines: &[SignatureLine]) -> Result<Vec<u8>, FieldError> {
    if lines.is_empty() {
        return Err(FieldError::NoLines);
    }
    let previous = Document::load_mem(&pdf)?;
    let mut update = IncrementalDocument::create_from(pdf, previous);
    let shape = Shape::read(update.get_prev_documents())?;

    let names = field_names(lines);
    let mut widgets = Vec::new();
    let mut forms = Vec::new();
    let mut parent_entries = Vec::new();
    let mut annotations: BTreeMap<ObjectId, Vec<ObjectId>> = BTreeMap::new();
    for (index, (line, name)) in lines.iter().zip(&names).enumerate() {
        let page = *shape.pages.get(&line.page).ok_or_else(|| {
            FieldError::Structure(format!("page {} of a signature line is missing", line.page))
        })?;
        let key = shape.next_key + index as i64;
        let new = &mut update.new_document;
        let [x1, y1, x2, y2] = line.rect;
        let appearance = new.add_object(Stream::new(
            Dictionary::from_iter([
                ("Type", Object::Name(b"XObject".to_vec())),
                ("Subtype", Object::Name(b"Form".to_vec())),
                ("BBox", numbers(&[0.0, 0.0, x2 - x1, y2 - y1])),
                ("Resources", Object::Dictionary(Dictionary::new())),
            ]),
            Vec::new(),
        ));
        let widget = new.new_object_id();
        let form = new.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"StructElem".to_vec())),
            ("S", Object::Name(b"Form".to_vec())),
            ("P", Object::Reference(shape.document_element)),
            ("Pg", Object::Reference(page)),
            (
                "K",
                Object::Dictionary(Dictionary::from_iter([
                    ("Type", Object::Name(b"OBJR".to_vec())),
                    ("Obj", Object::Reference(widget)),
                    ("Pg", Object::Reference(page)),
                ])),
            ),
        ]));
        new.set_object(
            widget,
            Dictionary::from_iter([
                ("Type", Object::Name(b"Annot".to_vec())),
                ("Subtype", Object::Name(b"Widget".to_vec())),
                ("FT", Object::Name(b"Sig".to_vec())),
                ("T", text_string(name)),
                ("TU", text_string(&tooltip(line))),
                ("Rect", numbers(&line.rect)),
                // Print; PDF/A forbids hidden and no-view annotations.
                ("F", Object::Integer(4)),
                ("P", Object::Reference(page)),
                (
                    "AP",
                    Object::Dictionary(Dictionary::from_iter([(
                        "N",
                        Object::Reference(appearance),
                    )])),
                ),
                ("StructParent", Object::Integer(key)),
            ]),
        );
        widgets.push(widget);
        forms.push((line.page, form));
        parent_entries.push((key, form));
        annotations.entry(page).or_default().push(widget);
    }

    update.opt_clone_object_to_new_document(shape.catalog)?;
    let catalog = update
        .new_document
        .get_object_mut(shape.catalog)?
        .as_dict_mut()?;
    if catalog.has(b"AcroForm") {
        return Err(FieldError::Structure("the catalog has an AcroForm".into()));
    }
    catalog.set(
        "AcroForm",
        Dictionary::from_iter([(
            "Fields",
            Object::Array(widgets.iter().copied().map(Object::Reference).collect()),
        )]),
    );

    for (page, widgets) in annotations {
        add_annotations(&mut update, page, &widgets)?;
    }
    add_to_parent_tree(&mut update, &shape, &parent_entries)?;
    add_to_document_element(&mut update, &shape, &forms)?;

    let mut out = Vec::new();
    update.save_to(&mut out)?;
    Ok(out)
}

/// What the update needs to know of typst-pdf's output.
struct Shape {
    catalog: ObjectId,
    /// Page number (from 1) → page object.
    pages: BTreeMap<usize, ObjectId>,
    struct_tree_root: ObjectId,
    /// The one child of the structure tree's root: the `/Document` element.
    document_element: ObjectId,
    next_key: i64,
}

impl Shape {
    fn read(document: &Document) -> Result<Shape, FieldError> {
        let catalog = document.trailer.get(b"Root")?.as_reference()?;
        let struct_tree_root = document
            .get_dictionary(catalog)?
            .get(b"StructTreeRoot")?
            .as_reference()?;
        let root = document.get_dictionary(struct_tree_root)?;
        let document_element = match root.get(b"K")? {
            Object::Reference(id) => *id,
            Object::Array(kids) if kids.len() == 1 => kids[0].as_reference()?,
            _ => {
                return Err(FieldError::Structure(
                    "the structure tree has no single root element".into(),
                ));
            }
        };
        let next_key = root.get(b"ParentTreeNextKey")?.as_i64()?;
        let pages = document
            .get_pages()
            .into_iter()
            .map(|(number, id)| (number as usize, id))
            .collect();
        Ok(Shape {
            catalog,
            pages,
            struct_tree_root,
            document_element,
            next_key,
        })
    }
}

/// The fields' names (`/T`): each signer's name, which is what a signing
/// service shows; a period would make it a hierarchy of fields, and a name
/// that signs twice (chair of some §§, justerare of others) gets its role.
fn field_names(lines: &[SignatureLine]) -> Vec<String> {
    let base: Vec<String> = lines.iter().map(|l| l.person.replace('.', "")).collect();
    let mut names: Vec<String> = Vec::with_capacity(base.len());
    for (name, line) in base.iter().zip(lines) {
        let repeated = base.iter().filter(|other| *other == name).count() > 1;
        let name = if repeated {
            format!("{name}, {}", line.role.to_lowercase())
        } else {
            name.clone()
        };
        // The same person in the same role twice (chair of two ranges of §§).
        let mut candidate = name.clone();
        let mut n = 2;
        while names.contains(&candidate) {
            candidate = format!("{name} ({n})");
            n += 1;
        }
        names.push(candidate);
    }
    names
}

/// What a screen reader and a signing service read for the field.
fn tooltip(line: &SignatureLine) -> String {
    crate::messages::making::signature_field_tooltip(&line.person, &line.role)
}

fn numbers(values: &[f64]) -> Object {
    Object::Array(
        values
            .iter()
            .map(|v| Object::Real((v * 1000.0).round() as f32 / 1000.0))
            .collect(),
    )
}

fn add_annotations(
    update: &mut IncrementalDocument,
    page: ObjectId,
    widgets: &[ObjectId],
) -> Result<(), FieldError> {
    update.opt_clone_object_to_new_document(page)?;
    let existing = update
        .new_document
        .get_dictionary(page)?
        .get(b"Annots")
        .ok()
        .cloned();
    let refs = widgets.iter().copied().map(Object::Reference);
    match existing {
        None => {
            let page = update.new_document.get_dictionary_mut(page)?;
            page.set("Annots", Object::Array(refs.collect()));
        }
        Some(Object::Array(mut annots)) => {
            annots.extend(refs);
            let page = update.new_document.get_dictionary_mut(page)?;
            page.set("Annots", Object::Array(annots));
        }
        Some(Object::Reference(array)) => {
            update.opt_clone_object_to_new_document(array)?;
            update
                .new_document
                .get_object_mut(array)?
                .as_array_mut()?
                .extend(refs);
        }
        Some(_) => return Err(FieldError::Structure("a page's /Annots is no array".into())),
    }
    // Tab order follows the structure (PDF/UA-1, 7.18.3).
    let page = update.new_document.get_dictionary_mut(page)?;
    page.set("Tabs", Object::Name(b"S".to_vec()));
    Ok(())
}

/// Records each widget's `/StructParent` key in the parent tree, a number
/// tree: typst-pdf writes one flat `/Nums` array; a tree of `/Kids` gets a
/// new leaf. The new keys are all above the old ones, so order is kept.
fn add_to_parent_tree(
    update: &mut IncrementalDocument,
    shape: &Shape,
    entries: &[(i64, ObjectId)],
) -> Result<(), FieldError> {
    let nums: Vec<Object> = entries
        .iter()
        .flat_map(|&(key, form)| [Object::Integer(key), Object::Reference(form)])
        .collect();
    let last_key = entries.last().map_or(shape.next_key, |&(key, _)| key);
    update.opt_clone_object_to_new_document(shape.struct_tree_root)?;
    let root = update.new_document.get_dictionary(shape.struct_tree_root)?;
    let (tree_id, mut tree) = match root.get(b"ParentTree")? {
        Object::Dictionary(tree) => (None, tree.clone()),
        Object::Reference(id) => {
            let id = *id;
            (
                Some(id),
                update.get_prev_documents().get_dictionary(id)?.clone(),
            )
        }
        _ => {
            return Err(FieldError::Structure(
                "the parent tree is no dictionary".into(),
            ));
        }
    };
    if let Ok(existing) = tree.get_mut(b"Nums") {
        existing.as_array_mut()?.extend(nums);
    } else if tree.has(b"Kids") {
        let leaf = update.new_document.add_object(Dictionary::from_iter([
            ("Nums", Object::Array(nums)),
            (
                "Limits",
                Object::Array(vec![
                    Object::Integer(shape.next_key),
                    Object::Integer(last_key),
                ]),
            ),
        ]));
        tree.get_mut(b"Kids")?
            .as_array_mut()?
            .push(Object::Reference(leaf));
    } else {
        tree.set("Nums", Object::Array(nums));
    }
    match tree_id {
        Some(id) => update.new_document.set_object(id, tree),
        None => {
            let root = update
                .new_document
                .get_dictionary_mut(shape.struct_tree_root)?;
            root.set("ParentTree", tree);
        }
    }
    let root = update
        .new_document
        .get_dictionary_mut(shape.struct_tree_root)?;
    root.set("ParentTreeNextKey", Object::Integer(last_key + 1));
    Ok(())
}

/// Puts the `/Form` elements into the reading order after the last part of
/// the document that begins on their page (page 1: after the signature
/// lines and the ANSLAG/BEVIS box), so a screen reader meets the fields
/// where they are and tabbing (`/Tabs /S`) reaches them in order.
fn add_to_document_element(
    update: &mut IncrementalDocument,
    shape: &Shape,
    forms: &[(usize, ObjectId)],
) -> Result<(), FieldError> {
    let page_numbers: BTreeMap<ObjectId, usize> =
        shape.pages.iter().map(|(&n, &id)| (id, n)).collect();
    let previous = update.get_prev_documents();
    let element = previous.get_dictionary(shape.document_element)?;
    let mut kids = match element.get(b"K")? {
        Object::Array(kids) => kids.clone(),
        single => vec![single.clone()],
    };
    let pages_of_kids: Vec<Option<usize>> = kids
        .iter()
        .map(|kid| first_page(previous, kid, 0).and_then(|p| page_numbers.get(&p).copied()))
        .collect();
    for &(page, form) in forms.iter().rev() {
        let at = pages_of_kids
            .iter()
            .rposition(|p| p.is_some_and(|p| p <= page))
            .map_or(0, |i| i + 1);
        kids.insert(at, Object::Reference(form));
    }
    update.opt_clone_object_to_new_document(shape.document_element)?;
    update
        .new_document
        .get_dictionary_mut(shape.document_element)?
        .set("K", Object::Array(kids));
    Ok(())
}

/// The page on which a structure element's content begins: its own `/Pg`,
/// else that of its first child that has one.
fn first_page(document: &Document, kid: &Object, depth: usize) -> Option<ObjectId> {
    if depth > MAX_DEPTH {
        return None;
    }
    let dict = match kid {
        Object::Reference(id) => document.get_dictionary(*id).ok()?,
        Object::Dictionary(dict) => dict,
        _ => return None,
    };
    if let Ok(page) = dict.get(b"Pg").and_then(Object::as_reference) {
        return Some(page);
    }
    match dict.get(b"K").ok()? {
        Object::Array(kids) => kids
            .iter()
            .find_map(|kid| first_page(document, kid, depth + 1)),
        kid => first_page(document, kid, depth + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(person: &str, role: &str) -> SignatureLine {
        SignatureLine {
            person: person.into(),
            role: role.into(),
            page: 1,
            rect: [0.0, 0.0, 10.0, 10.0],
        }
    }

    #[test]
    fn field_names_are_the_signers_names_made_unique() {
        let lines = [
            line("Anna Andersson", "Ordförande"),
            line("B. Berg", "Justerande"),
            line("Anna Andersson", "Justerande"),
            line("Anna Andersson", "Justerande"),
        ];
        assert_eq!(
            field_names(&lines),
            [
                "Anna Andersson, ordförande",
                "B Berg",
                "Anna Andersson, justerande",
                "Anna Andersson, justerande (2)",
            ]
        );
    }

    #[test]
    fn no_lines_is_an_error() {
        assert!(matches!(
            add_fields(Vec::new(), &[]),
            Err(FieldError::NoLines)
        ));
    }
}
