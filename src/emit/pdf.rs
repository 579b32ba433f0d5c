//! The PDF emitter: a job → Tera → Typst source → PDF bytes. It holds what
//! every document shares (the compiled templates, the Typst library and
//! fonts), so one emitter serves a whole build, on every thread, and a
//! `watch` session from save to save.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::document::MeetingDocument;
use crate::model::DelegationDecision;
use crate::plan::{Document, Job, SourceFile, Unit};
use crate::project::{self, Project};
use crate::redact;
use crate::render::{RenderError, Renderer, Templates, TypstDocument};
use crate::typeset::{self, TypesetError, Typesetter, TypstMessage};

/// Typesets documents from one template set.
pub struct PdfEmitter {
    renderer: Renderer,
    typesetter: Typesetter,
}

/// One document made.
#[derive(Debug)]
pub struct Emitted {
    /// The job's output path inside the output folder.
    pub output: std::path::PathBuf,
    /// The PDF.
    pub pdf: Vec<u8>,
    /// Its page count.
    pub pages: usize,
    /// The generated Typst source, when asked to keep it.
    pub source: Option<TypstDocument>,
    /// Typst's warnings, as warnings of the source file.
    pub warnings: Vec<Diagnostic>,
}

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    /// A template failed.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// Typst failed.
    #[error(transparent)]
    Typeset(#[from] TypesetError),
    /// The plan named a file the project cannot give (a bug: plans are made
    /// of files without errors).
    #[error("{}", crate::messages::making::unreadable_source(.0))]
    Unreadable(String),
}

impl PdfEmitter {
    /// Compiles `templates` and loads the fonts.
    pub fn new(templates: &Templates) -> Result<Self, RenderError> {
        Ok(PdfEmitter {
            renderer: Renderer::new(templates)?,
            typesetter: Typesetter::new(),
        })
    }

    /// The same emitter, keeping Typst's memoised layouts through `age`
    /// documents (see [`Typesetter::keeping_results_for`]).
    pub fn keeping_results_for(mut self, age: usize) -> Self {
        self.typesetter = self.typesetter.keeping_results_for(age);
        self
    }

    /// Makes `job` of `unit`.
    pub fn emit(
        &self,
        project: &Project,
        unit: &Unit,
        job: &Job,
        options: super::EmitOptions,
    ) -> Result<Emitted, EmitError> {
        let template_dir = project.template_dir.as_deref();
        let source = self.render(project, unit, job).map_err(|e| match e {
            EmitError::Render(e) => {
                EmitError::Render(e.with_template_shown(|name| self.shown(name, template_dir)))
            }
            other => other,
        })?;
        let typeset = self
            .typesetter
            .typeset(
                &source,
                &typeset::Job {
                    date: unit.date,
                    ident: &job.ident,
                    signature_fields: job.signature_fields,
                },
            )
            .map_err(|e| self.in_templates(e, &source, template_dir))?;
        let warnings = typeset
            .warnings
            .iter()
            .map(|w| Diagnostic::warning(&unit.file, None, format!("Typst: {w}")))
            .collect();
        Ok(Emitted {
            output: job.output.clone(),
            pdf: typeset.pdf,
            pages: typeset.pages,
            source: options.keep_source.then_some(source),
            warnings,
        })
    }

    /// How the user finds template `name`: the project's own copy's path, or
    /// the built-in template's name.
    fn shown(&self, name: &str, template_dir: Option<&Path>) -> String {
        match template_dir {
            Some(dir) if self.renderer.is_overridden(name) => dir.join(name).display().to_string(),
            _ => crate::messages::making::built_in_template(name),
        }
    }

    /// Typst's messages pointed at the template lines that wrote what it
    /// complains about, the generated source's place kept as a hint: the
    /// templates are what a municipality edits.
    fn in_templates(
        &self,
        error: TypesetError,
        source: &TypstDocument,
        template_dir: Option<&Path>,
    ) -> TypesetError {
        let shown = |name: &str| self.shown(name, template_dir);
        let relocate = |messages: Vec<TypstMessage>| {
            messages
                .into_iter()
                .map(|mut message| {
                    let Some((file, line)) = message.at.clone() else {
                        return message;
                    };
                    let generated = std::mem::take(&mut message.location);
                    if file == source.main_path {
                        match self.renderer.template_line(source, line) {
                            Some(origin) => {
                                message.location =
                                    format!("{}:{}", shown(&origin.template), origin.line);
                                message
                                    .hints
                                    .push(crate::messages::making::in_generated_source(&generated));
                            }
                            None => message.location = generated,
                        }
                    } else {
                        // An imported module (lib/layout.typ) is the template file itself.
                        message.location = format!("{}{}", shown(&file), &generated[file.len()..]);
                    }
                    message
                })
                .collect()
        };
        match error {
            TypesetError::Compile(messages) => TypesetError::Compile(relocate(messages)),
            TypesetError::Export(messages) => TypesetError::Export(relocate(messages)),
            other => other,
        }
    }

    fn render(
        &self,
        project: &Project,
        unit: &Unit,
        job: &Job,
    ) -> Result<TypstDocument, EmitError> {
        let unreadable = || EmitError::Unreadable(unit.file.display().to_string());
        let (SourceFile::Meeting { organ, .. } | SourceFile::Delegation { organ, .. }) =
            unit.source;
        let folder = &project.organs[organ];
        let organ = folder.organ.as_ref().map_err(|_| unreadable())?;
        match (unit.source, job.document) {
            (SourceFile::Meeting { meeting, .. }, Document::Meeting(document)) => {
                let numbered = folder.meetings[meeting]
                    .meeting
                    .as_ref()
                    .map_err(|_| unreadable())?;
                let delegations: Vec<DelegationDecision> = unit
                    .listed_delegations
                    .iter()
                    .filter_map(|&i| folder.delegations[i].decision.as_ref().ok().cloned())
                    .collect();
                let source = if document == MeetingDocument::WebProtocol {
                    // Masked before rendering, so no secret reaches Typst.
                    let web = redact::for_web(organ, numbered, &delegations);
                    self.renderer.meeting_document(
                        document,
                        &web.organ,
                        &web.meeting,
                        &[],
                        &web.delegations,
                    )?
                } else {
                    let assets = folder.assets_named(project::attachment_files(&numbered.meeting));
                    self.renderer.meeting_document(
                        document,
                        organ,
                        numbered,
                        &assets,
                        &delegations,
                    )?
                };
                Ok(source)
            }
            (SourceFile::Delegation { decision, .. }, Document::Delegation) => {
                let decision = folder.delegations[decision]
                    .decision
                    .as_ref()
                    .map_err(|_| unreadable())?;
                let assets = folder.assets_named([]);
                Ok(self
                    .renderer
                    .delegation_decision(organ, decision, &assets)?)
            }
            _ => Err(unreadable()),
        }
    }
}
