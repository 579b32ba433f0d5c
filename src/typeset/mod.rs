//! Stage 4: Typst source → PDF, in-process with the `typst` crate.
//!
//! One [`Typesetter`] serves a whole batch: it holds the standard library and
//! the embedded fonts, which are costly to set up. Each document gets a cheap
//! [`world::DocumentWorld`] and afterwards Typst's memo cache is trimmed, so a
//! batch of a hundred protocols runs in flat memory.

mod fonts;
mod pdf_eol;
mod signature_fields;
mod world;

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use typst::diag::SourceDiagnostic;
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::render::TypstDocument;
pub use signature_fields::FieldError;
use world::{DocumentWorld, file_id};

/// How many evictions an unused memoised result survives in a batch (see
/// [`Typesetter::typeset`]).
const BATCH_EVICT_AGE: usize = 2;

/// Compiles documents; build one per process and reuse it (it is shared by
/// every thread of a build).
pub struct Typesetter {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    evict_age: usize,
}

/// What a compilation needs beyond the source.
#[derive(Debug, Clone)]
pub struct Job<'a> {
    /// The date that stands for "today" and the PDF's creation date.
    pub date: NaiveDate,
    /// A stable identifier of the document (e.g. "socsam/2021-02-26/protokoll").
    pub ident: &'a str,
    /// Add an empty signature field on each signature line the layout marks.
    pub signature_fields: bool,
}

/// A finished PDF and what Typst warned about on the way.
#[derive(Debug)]
pub struct Typeset {
    /// The PDF file's bytes (PDF/A-2a and PDF/UA-1).
    pub pdf: Vec<u8>,
    /// Number of pages.
    pub pages: usize,
    /// Typst's warnings, located in the generated source.
    pub warnings: Vec<TypstMessage>,
}

/// A Typst diagnostic, located in the generated source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypstMessage {
    /// "protokoll.typ:12:5", or empty when Typst gave no location.
    pub location: String,
    /// The file and 1-based line Typst points at, when it does.
    pub at: Option<(String, usize)>,
    /// Typst's message, quoted as its own words (it is English).
    pub message: String,
    /// Typst's hints, quoted likewise, then ours.
    pub hints: Vec<String>,
}

impl std::fmt::Display for TypstMessage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.location.is_empty() {
            write!(f, "{}: ", self.location)?;
        }
        f.write_str(&self.message)?;
        for hint in &self.hints {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

/// Why a document could not be typeset.
#[derive(Debug, thiserror::Error)]
pub enum TypesetError {
    /// A generated path that Typst cannot use.
    #[error("{path}: {reason}")]
    Asset {
        /// The path.
        path: String,
        /// Why it cannot be used.
        reason: String,
    },
    /// Typst rejected the generated source (a template error).
    #[error("{}", crate::messages::making::typst_compile(&join(.0)))]
    Compile(Vec<TypstMessage>),
    /// Typst could not write a conforming PDF.
    #[error("{}", crate::messages::making::typst_export(&join(.0)))]
    Export(Vec<TypstMessage>),
    /// The signature fields asked for could not be added.
    #[error(transparent)]
    SignatureFields(#[from] FieldError),
}

fn join(messages: &[TypstMessage]) -> String {
    messages
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl Default for Typesetter {
    fn default() -> Self {
        Self::new()
    }
}

impl Typesetter {
    /// Loads the standard library and the embedded fonts.
    pub fn new() -> Self {
        let fonts = fonts::embedded();
        Typesetter {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            evict_age: BATCH_EVICT_AGE,
        }
    }

    /// Keeps memoised results through `age` further documents instead of a
    /// batch's two: `watch` typesets the same few documents save after save,
    /// and what it laid out last time is what makes the next time quick.
    pub fn keeping_results_for(mut self, age: usize) -> Self {
        self.evict_age = age;
        self
    }

    /// Compiles `document` to a PDF/A-2a + PDF/UA-1 file.
    pub fn typeset(&self, document: &TypstDocument, job: &Job) -> Result<Typeset, TypesetError> {
        // Memoised layouts of one protocol are of little use to the next;
        // keeping many generations multiplied a batch's peak memory. Not 0:
        // documents are typeset on several threads at once, and an entry the
        // other thread's document is using is young, since a hit makes an
        // entry young again, so it stays. Evicting before, not after, spares
        // the last document of a run the cost of freeing a cache the process
        // exit frees anyway (~25 ms).
        comemo::evict(self.evict_age);
        let world = self.world(document, job)?;
        let result = typst::compile::<PagedDocument>(&world);
        let warnings = messages(&world, &result.warnings);
        let compiled = result
            .output
            .map_err(|errors| TypesetError::Compile(messages(&world, &errors)));
        compiled.and_then(|paged| {
            let pdf = typst_pdf::pdf(&paged, &pdf_options(job))
                .map_err(|errors| TypesetError::Export(messages(&world, &errors)))?;
            let mut pdf = pdf_eol::end_streams_unambiguously(pdf);
            if job.signature_fields {
                let lines = signature_fields::signature_lines(&paged);
                pdf = signature_fields::add_fields(pdf, &lines)?;
            }
            // An end-of-line after the last `%%EOF`: a signing service
            // appends its update right behind the file, and without one it
            // writes `%%EOF12 0 obj`, which breaks PDF/A's object syntax
            // (ISO 19005-2, 6.1.9) in the signed protocol.
            if !pdf.ends_with(b"\n") {
                pdf.push(b'\n');
            }
            Ok(Typeset {
                pdf,
                pages: paged.pages().len(),
                warnings,
            })
        })
    }

    fn world(
        &self,
        document: &TypstDocument,
        job: &Job,
    ) -> Result<DocumentWorld<'_>, TypesetError> {
        let source_error = |path: &str, reason: String| TypesetError::Asset {
            path: path.to_owned(),
            reason,
        };
        let mut sources = HashMap::new();
        let main =
            file_id(&document.main_path).map_err(|e| source_error(&document.main_path, e))?;
        sources.insert(main, Source::new(main, document.main.clone()));
        for (path, text) in &document.modules {
            let id = file_id(path).map_err(|e| source_error(path, e))?;
            sources.insert(id, Source::new(id, text.clone()));
        }
        let mut files = HashMap::new();
        for (path, bytes) in &document.files {
            let id = file_id(path).map_err(|e| source_error(path, e))?;
            files.insert(id, Bytes::new(bytes.clone()));
        }
        let today = Datetime::from_ymd(
            job.date.year(),
            job.date.month() as u8,
            job.date.day() as u8,
        )
        .ok_or_else(|| source_error("datum", "not a representable date".into()))?;
        Ok(DocumentWorld::new(self, main, sources, files, today))
    }
}

fn pdf_options(job: &Job) -> PdfOptions {
    let timestamp = Datetime::from_ymd_hms(
        job.date.year(),
        job.date.month() as u8,
        job.date.day() as u8,
        0,
        0,
        0,
    )
    .map(Timestamp::new_utc);
    PdfOptions {
        ident: Smart::Custom(job.ident.to_owned()),
        timestamp,
        standards: standards(),
        tagged: true,
        ..PdfOptions::default()
    }
}

fn standards() -> PdfStandards {
    // The pair is fixed and known to be compatible; a failure here is a bug
    // in Typst's standards table, so fall back to the default rather than panic.
    PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1]).unwrap_or_default()
}

fn messages(world: &DocumentWorld, diagnostics: &[SourceDiagnostic]) -> Vec<TypstMessage> {
    use crate::messages::making as say;
    diagnostics
        .iter()
        .map(|d| TypstMessage {
            location: locate(world, d).map(|(l, _)| l).unwrap_or_default(),
            at: locate(world, d).map(|(_, at)| at),
            message: say::quoted_from("Typst", &d.message),
            hints: d
                .hints
                .iter()
                .map(|h| say::hint_from("Typst", &h.v))
                .collect(),
        })
        .collect()
}

/// "protokoll.typ:12:5", with the file and line apart.
fn locate(
    world: &DocumentWorld,
    diagnostic: &SourceDiagnostic,
) -> Option<(String, (String, usize))> {
    let id: FileId = diagnostic.span.id()?;
    let range = world.range(diagnostic.span)?;
    let source = world.source(id).ok()?;
    let (line, column) = crate::diagnostic::line_column(source.text(), range.start);
    let file = id.get().vpath().get_without_slash().to_owned();
    Some((format!("{file}:{line}:{column}"), (file, line)))
}
