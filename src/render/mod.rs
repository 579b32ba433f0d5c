//! Stage 3: model → Typst source, through Tera templates.
//!
//! Every value a template prints is escaped for Typst markup by Tera's
//! autoescape (see [`escape`]), so a template that forgets a filter prints
//! text, never code. Markdown fields go through the `markdown` and
//! `markdown_inline` filters, which produce markup that is safe by
//! construction ([`markdown`]); `typst_str` writes a Typst string literal.
//!
//! The default templates are compiled into the binary; a municipality's
//! `templates/` folder replaces them file by file.

pub mod appendix;
pub mod context;
pub mod escape;
pub mod markdown;
mod origin;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::{Context, Kwargs, State, Tera, Value};

use crate::document::MeetingDocument;
use crate::model::{DelegationDecision, NumberedMeeting, Organ};
use crate::project::Asset;
use context::AppendixContext;
pub use context::{DelegationContext, DelegationReport, DocumentContext};
pub use origin::TemplateLine;

/// The built-in templates, by their name inside `templates/`. Top-level files
/// are Tera templates; files under `lib/` are plain Typst modules that the
/// generated source imports.
const EMBEDDED: &[(&str, &str)] = &[
    (
        "protokoll.typ",
        include_str!("../../templates/protokoll.typ"),
    ),
    ("paragraf.typ", include_str!("../../templates/paragraf.typ")),
    ("kallelse.typ", include_str!("../../templates/kallelse.typ")),
    ("utdrag.typ", include_str!("../../templates/utdrag.typ")),
    (
        "anslagsbevis.typ",
        include_str!("../../templates/anslagsbevis.typ"),
    ),
    (
        "delegationsbeslut.typ",
        include_str!("../../templates/delegationsbeslut.typ"),
    ),
    (
        "lib/layout.typ",
        include_str!("../../templates/lib/layout.typ"),
    ),
    (
        "site/bas.html",
        include_str!("../../templates/site/bas.html"),
    ),
    (
        "site/anslagstavla.html",
        include_str!("../../templates/site/anslagstavla.html"),
    ),
    (
        "site/overklaga.html",
        include_str!("../../templates/site/overklaga.html"),
    ),
    (
        "site/start.html",
        include_str!("../../templates/site/start.html"),
    ),
    (
        "site/arkiv.html",
        include_str!("../../templates/site/arkiv.html"),
    ),
    (
        "site/mote.html",
        include_str!("../../templates/site/mote.html"),
    ),
    (
        "site/arende.html",
        include_str!("../../templates/site/arende.html"),
    ),
    (
        "site/sok.html",
        include_str!("../../templates/site/sok.html"),
    ),
    (
        "site/atom.xml",
        include_str!("../../templates/site/atom.xml"),
    ),
    (
        "site/stil.css",
        include_str!("../../templates/site/stil.css"),
    ),
];

/// Folder inside `templates/` whose files make the published site
/// (`protokoll publish`), not documents.
pub const SITE_DIR: &str = "site/";

/// Folder inside `templates/` whose files are Typst modules, not Tera templates.
const MODULE_DIR: &str = "lib/";

/// A template set: the embedded defaults with any overrides laid over them.
#[derive(Debug, Clone)]
pub struct Templates {
    files: BTreeMap<String, String>,
    overridden: Vec<String>,
}

/// A generated Typst project: the main source, the modules it imports, and
/// the files (logo, bilagor) it may read from the organ's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypstDocument {
    /// Path of the main file inside the project ("protokoll.typ").
    pub main_path: String,
    /// The generated main source.
    pub main: String,
    /// Imported modules by path ("lib/layout.typ").
    pub modules: BTreeMap<String, String>,
    /// Other files the document reads (logo, bilaga pages), by path inside
    /// the project.
    pub files: BTreeMap<String, Vec<u8>>,
}

/// A template that could not be loaded or rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template file could not be read.
    #[error("{}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A PDF bilaga could not be converted.
    #[error(transparent)]
    Appendix(#[from] appendix::AppendixError),
    /// Tera rejected a template or failed while rendering it.
    #[error("{}", describe_template_error(template, *at, expression.as_deref(), message))]
    Template {
        /// The template the problem is in (an included one, when it is
        /// there): its name, or the path of a project's own copy.
        template: String,
        /// Line and column (1-based) in that template, when Tera knows them.
        at: Option<(usize, usize)>,
        /// The template text at that place, e.g. `p.extract_to`.
        expression: Option<String>,
        /// Tera's message.
        message: String,
    },
}

fn describe_template_error(
    template: &str,
    at: Option<(usize, usize)>,
    expression: Option<&str>,
    message: &str,
) -> String {
    let place = at.map_or_else(String::new, |(line, column)| format!(":{line}:{column}"));
    crate::messages::making::template_not_filled(&format!("{template}{place}"), expression, message)
}

impl RenderError {
    /// The same error with its template named as the user should look for
    /// it (a project's own file, or the built-in template).
    pub fn with_template_shown(self, shown: impl Fn(&str) -> String) -> Self {
        match self {
            RenderError::Template {
                template,
                at,
                expression,
                message,
            } => RenderError::Template {
                template: shown(&template),
                at,
                expression,
                message,
            },
            other => other,
        }
    }
}

impl Default for Templates {
    fn default() -> Self {
        Self::embedded()
    }
}

impl Templates {
    /// The built-in templates only.
    pub fn embedded() -> Self {
        Templates {
            files: EMBEDDED
                .iter()
                .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
                .collect(),
            overridden: Vec::new(),
        }
    }

    /// The built-in templates, each replaced by the file of the same name in
    /// `dir` when there is one. Files in `dir` with other names are added, so
    /// a template can include a partial of its own.
    pub fn with_overrides(dir: &Path) -> Result<Self, RenderError> {
        let mut templates = Self::embedded();
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.map_err(|e| RenderError::Read {
                path: dir.to_path_buf(),
                source: e.into(),
            })?;
            let name = entry
                .path()
                .strip_prefix(dir)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            let extension = entry.path().extension().and_then(|e| e.to_str());
            let is_template = match extension {
                Some("typ") => true,
                Some("html" | "xml" | "css") => name.starts_with(SITE_DIR),
                _ => false,
            };
            if !entry.file_type().is_file() || !is_template {
                continue;
            }
            let text =
                std::fs::read_to_string(entry.path()).map_err(|source| RenderError::Read {
                    path: entry.path().to_path_buf(),
                    source,
                })?;
            templates.overridden.push(name.clone());
            templates.files.insert(name, text);
        }
        Ok(templates)
    }

    /// Names of the templates taken from the override folder.
    pub fn overridden(&self) -> &[String] {
        &self.overridden
    }

    /// Every template file by name, e.g. to copy the defaults out for editing.
    pub fn files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// Renders documents from one template set.
pub struct Renderer {
    tera: Tera,
    modules: BTreeMap<String, String>,
    /// The Tera templates' texts, for putting a generated line down to the
    /// template line that wrote it.
    texts: BTreeMap<String, String>,
    /// The templates a folder of the project's own replaced.
    overridden: Vec<String>,
}

impl Renderer {
    /// Compiles the templates; fails on a template syntax error.
    pub fn new(templates: &Templates) -> Result<Self, RenderError> {
        let mut tera = Tera::new();
        tera.set_escape_fn(escape::escape_for_tera);
        tera.autoescape_on([".typ"]);
        tera.register_filter("markdown", |text: &str, _: Kwargs, _: &State| {
            Value::safe_string(&markdown::markdown_block(text))
        });
        tera.register_filter("markdown_inline", |text: &str, _: Kwargs, _: &State| {
            Value::safe_string(&markdown::markdown_inline(text))
        });
        tera.register_filter("typst_str", |text: &str, _: Kwargs, _: &State| {
            Value::safe_string(&format!("\"{}\"", escape::escape_string_literal(text)))
        });
        let mut modules = BTreeMap::new();
        let mut texts = BTreeMap::new();
        for (name, text) in &templates.files {
            if name.starts_with(SITE_DIR) {
                continue;
            } else if name.starts_with(MODULE_DIR) {
                modules.insert(name.clone(), text.clone());
            } else {
                tera.add_raw_template(name, text)
                    .map_err(|e| template_error(name, &e, &templates.files))?;
                texts.insert(name.clone(), text.clone());
            }
        }
        Ok(Renderer {
            tera,
            modules,
            texts,
            overridden: templates.overridden.clone(),
        })
    }

    /// The template line that wrote line `line` of the generated main
    /// source of `document` (see [`origin`]).
    pub fn template_line(&self, document: &TypstDocument, line: usize) -> Option<TemplateLine> {
        let main = self.texts.get_key_value(&document.main_path);
        let others = self
            .texts
            .iter()
            .filter(|(name, _)| **name != document.main_path);
        let candidates: Vec<(&str, &str)> = main
            .into_iter()
            .chain(others)
            .map(|(name, text)| (name.as_str(), text.as_str()))
            .collect();
        origin::template_line(candidates, &document.main, line)
    }

    /// Whether `name` is the project's own template, not the built-in one.
    pub fn is_overridden(&self, name: &str) -> bool {
        self.overridden.iter().any(|o| o == name)
    }

    /// One document of a numbered meeting. For the web version `meeting`
    /// and `organ` are the masked ones, and no PDF bilaga is appended: its
    /// pages are pictures whose text cannot be masked. `delegations` are the
    /// delegationsbeslut that a § with `delegationsbeslut: true` lists.
    pub fn meeting_document(
        &self,
        document: MeetingDocument,
        organ: &Organ,
        meeting: &NumberedMeeting,
        assets: &[&Asset],
        delegations: &[DelegationDecision],
    ) -> Result<TypstDocument, RenderError> {
        let mut context = DocumentContext::new(document, organ, meeting);
        let reports: Vec<_> = delegations.iter().map(DelegationReport::of).collect();
        for (paragraph, (_, source)) in context.paragraphs.iter_mut().zip(meeting.paragraphs()) {
            if source.delegation_report {
                paragraph.delegation_reports = reports.clone();
            }
        }
        let mut files = logo_file(organ, assets);
        match document {
            MeetingDocument::Protocol => {
                let labels: Vec<String> =
                    context.paragraphs.iter().map(|p| p.label.clone()).collect();
                context.appendices = appendices(meeting, &labels, assets, &mut files)?;
            }
            MeetingDocument::Extract(number) => {
                context.paragraphs.retain(|p| p.number == number.0);
            }
            MeetingDocument::WebProtocol
            | MeetingDocument::Notice
            | MeetingDocument::PostingCertificate => {}
        }
        self.render(document.template(), &context, files)
    }

    /// A delegationsbeslut of `organ`.
    pub fn delegation_decision(
        &self,
        organ: &Organ,
        decision: &DelegationDecision,
        assets: &[&Asset],
    ) -> Result<TypstDocument, RenderError> {
        let context = DelegationContext::new(organ, decision);
        self.render("delegationsbeslut.typ", &context, logo_file(organ, assets))
    }

    fn render(
        &self,
        template: &str,
        data: &impl serde::Serialize,
        files: BTreeMap<String, Vec<u8>>,
    ) -> Result<TypstDocument, RenderError> {
        let mut context = Context::new();
        context.insert("doc", data);
        let main = self
            .tera
            .render(template, &context)
            .map_err(|e| template_error(template, &e, &self.texts))?;
        Ok(TypstDocument {
            main_path: template.to_owned(),
            main,
            modules: self.modules.clone(),
            files,
        })
    }
}

/// The organ's logo, when it has one, as the one file a document reads.
fn logo_file(organ: &Organ, assets: &[&Asset]) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    if let Some(logo) = &organ.logo
        && let Some(asset) = assets.iter().find(|a| a.relative == logo.value)
    {
        files.insert(asset.relative.clone(), asset.bytes.clone());
    }
    files
}

/// The pages of every PDF bilaga as SVG files inside the document, in §
/// order, with the alt text a screen reader gives each; `labels` are the
/// §§' labels as printed ("Sn § 63").
fn appendices(
    meeting: &NumberedMeeting,
    labels: &[String],
    assets: &[&Asset],
    files: &mut BTreeMap<String, Vec<u8>>,
) -> Result<Vec<AppendixContext>, RenderError> {
    let mut appendices = Vec::new();
    for ((_, paragraph), number) in meeting.paragraphs().zip(labels) {
        for attachment in &paragraph.attachments {
            let Some(asset) = attachment
                .file
                .as_ref()
                .and_then(|file| assets.iter().find(|a| a.relative == file.value))
                .filter(|asset| asset.relative.to_lowercase().ends_with(".pdf"))
            else {
                continue;
            };
            let svgs = appendix::pdf_pages_as_svg(&asset.relative, asset.bytes.clone())?;
            let mut pages = Vec::new();
            for (index, svg) in svgs.into_iter().enumerate() {
                let path = format!("{}.sida-{}.svg", asset.relative, index + 1);
                files.insert(path.clone(), svg.into_bytes());
                pages.push(path);
            }
            appendices.push(AppendixContext {
                alt: format!("Bilaga till {number}: {}", attachment.title),
                mark: format!("Bilaga till {number}"),
                pages,
            });
        }
    }
    Ok(appendices)
}

/// `error` as a [`RenderError`], with the place and the template text there
/// taken from `texts` (the templates by name).
fn template_error(
    template: &str,
    error: &tera::Error,
    texts: &BTreeMap<String, String>,
) -> RenderError {
    if let tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) =
        error.kind()
    {
        let span = report.span();
        let in_template = if report.filename().is_empty() {
            template
        } else {
            report.filename()
        };
        return RenderError::Template {
            template: in_template.to_owned(),
            at: Some((span.start_line, span.start_col + 1)),
            expression: texts
                .get(in_template)
                .and_then(|text| text.get(span.range.start..))
                .map(|rest| {
                    // Tera's span of a path is its first name (`p`); the
                    // user needs the whole path (`p.extract_to`).
                    let end = rest
                        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                        .unwrap_or(rest.len());
                    rest[..end.max(span.range.len().min(rest.len()))]
                        .trim()
                        .to_owned()
                })
                .filter(|e| !e.is_empty() && !e.contains('\n')),
            message: crate::messages::making::quoted_from("Tera", report.message()),
        };
    }
    use crate::messages::making as say;
    let mut message = match error.kind() {
        tera::ErrorKind::TemplateNotFound(name) | tera::ErrorKind::ComponentNotFound(name) => {
            say::template_missing(name)
        }
        tera::ErrorKind::MissingParent { parent, .. } => say::template_missing(parent),
        tera::ErrorKind::CircularExtend {
            inheritance_chain: chain,
            ..
        }
        | tera::ErrorKind::CircularInclude {
            include_chain: chain,
            ..
        } => say::template_cycle(chain),
        tera::ErrorKind::InvalidArgument {
            expected_type,
            actual_type,
        } => say::template_wrong_argument(expected_type, actual_type),
        tera::ErrorKind::MissingArgument { arg_name } => say::template_missing_argument(arg_name),
        tera::ErrorKind::OutOfRangeArgument { value, target_type } => {
            say::template_argument_out_of_range(value, target_type)
        }
        _ => say::quoted_from("Tera", &error.to_string()),
    };
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&say::quoted_from("Tera", &cause.to_string()));
        source = cause.source();
    }
    RenderError::Template {
        template: template.to_owned(),
        at: None,
        expression: None,
        message,
    }
}
