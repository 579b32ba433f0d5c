//! The stages wired together for one meeting file: read → parse → validate →
//! number → render → typeset → write. Each stage's error becomes a
//! [`BuildError`]; nothing is written unless every stage before succeeded.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use chrono::Datelike;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{NumberedMeeting, Organ};
use crate::number::{self, MeetingSummary};
use crate::output::{self, WriteError};
use crate::parse::{self, ParseError};
use crate::render::{RenderError, Renderer, Templates, TypstDocument};
use crate::typeset::{Job, TypesetError, Typesetter};
use crate::validate::{self, Subject};
use crate::workspace::{self, Asset, LoadError, ORGAN_FILE};

/// How to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The root of the output tree (`output/`).
    pub out_dir: PathBuf,
    /// Also write the generated Typst source beside each PDF.
    pub emit_typst: bool,
}

/// What stays the same across a batch: compiled templates, loaded fonts and
/// the organs' meeting summaries.
pub struct Session {
    renderer: Renderer,
    typesetter: Typesetter,
    organs: OrganIndex,
}

/// One meeting built.
#[derive(Debug)]
pub struct Built {
    /// The PDF written.
    pub pdf: PathBuf,
    /// Its page count.
    pub pages: usize,
    /// Warnings from validation and Typst.
    pub warnings: Vec<Diagnostic>,
}

/// Why a meeting was not built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// A file could not be read.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A file is not valid YAML of the right shape.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// The meeting breaks the rules.
    #[error("{} error(s) in the meeting file", .0.iter().filter(|d| d.severity == Severity::Error).count())]
    Invalid(Vec<Diagnostic>),
    /// A template failed.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// Typst failed.
    #[error(transparent)]
    Typeset(#[from] TypesetError),
    /// The result could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

impl BuildError {
    /// The error as diagnostics; `file` is the meeting file being built.
    pub fn to_diagnostics(&self, file: &Path) -> Vec<Diagnostic> {
        match self {
            BuildError::Parse(error) => vec![error.to_diagnostic()],
            BuildError::Invalid(found) => found.clone(),
            other => vec![Diagnostic::error(file, None, other.to_string())],
        }
    }
}

/// A meeting read, parsed, validated and numbered, with its organ.
#[derive(Debug)]
pub struct Prepared {
    /// The organ.
    pub organ: Organ,
    /// The organ's folder.
    pub organ_dir: PathBuf,
    /// The numbered meeting.
    pub meeting: NumberedMeeting,
    /// The files it names (logotyp, bilagor), resolved inside the organ folder.
    pub assets: Vec<Asset>,
    /// Warnings from validation.
    pub warnings: Vec<Diagnostic>,
}

impl Session {
    /// Compiles `templates` and loads the fonts.
    pub fn new(templates: &Templates) -> Result<Self, RenderError> {
        Ok(Session {
            renderer: Renderer::new(templates)?,
            typesetter: Typesetter::new(),
            organs: OrganIndex::default(),
        })
    }

    /// Builds the protocol of the meeting in `file` into the output tree.
    pub fn build(&self, file: &Path, options: &BuildOptions) -> Result<Built, BuildError> {
        let prepared = prepare(file, &self.organs)?;
        let document =
            self.renderer
                .protocol(&prepared.organ, &prepared.meeting, &prepared.assets)?;
        let date = prepared.meeting.meeting.date.value.0;
        let organ_name = prepared
            .organ_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "organ".into());
        let ident = format!("{organ_name}/{date}/protokoll");
        let typeset = self.typesetter.typeset(
            &document,
            &Job {
                date,
                ident: &ident,
            },
        )?;
        let dir = options
            .out_dir
            .join(&organ_name)
            .join(date.year().to_string());
        let stem = format!("{date}-protokoll");
        if options.emit_typst {
            write_typst(&dir, &stem, &document)?;
        }
        let pdf = dir.join(format!("{stem}.pdf"));
        output::write_atomic(&pdf, &typeset.pdf)?;
        let mut warnings = prepared.warnings;
        warnings.extend(
            typeset
                .warnings
                .iter()
                .map(|w| Diagnostic::warning(file, None, format!("Typst: {w}"))),
        );
        Ok(Built {
            pdf,
            pages: typeset.pages,
            warnings,
        })
    }

    /// Renders the Typst source of the meeting in `file` without typesetting it.
    pub fn render(&self, file: &Path) -> Result<TypstDocument, BuildError> {
        let prepared = prepare(file, &self.organs)?;
        Ok(self
            .renderer
            .protocol(&prepared.organ, &prepared.meeting, &prepared.assets)?)
    }
}

/// Reads, parses, numbers and validates the meeting in `file`; fails on the
/// first parse error or on any rule error.
pub fn prepare(file: &Path, index: &OrganIndex) -> Result<Prepared, BuildError> {
    let (prepared, found) = check(file, index)?;
    let (errors, warnings): (Vec<_>, Vec<_>) = found
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    if !errors.is_empty() {
        return Err(BuildError::Invalid(errors));
    }
    Ok(Prepared {
        warnings,
        ..prepared
    })
}

/// Reads, parses, numbers and validates the meeting in `file`, returning
/// every rule's findings beside it (`protokoll check`). Numbering comes
/// before the rules because they speak of § numbers as printed.
pub fn check(file: &Path, index: &OrganIndex) -> Result<(Prepared, Vec<Diagnostic>), BuildError> {
    let source = workspace::read_source(file)?;
    let organ_dir = workspace::organ_dir(file)?;
    let organ_file = workspace::read_source(&organ_dir.join(ORGAN_FILE))?;
    let organ = parse::parse_organ(&organ_file.path, &organ_file.text)?;
    let meeting = parse::parse_meeting(file, &source.text)?;
    let organ_meetings = index.others(&organ_dir, file)?;
    let meeting = number::number(meeting, &organ_meetings);

    let mut found = validate::validate(&Subject {
        file,
        organ: &organ,
        meeting: &meeting,
        organ_meetings: &organ_meetings,
    });
    let assets = resolve_assets(
        &organ_dir,
        &organ_file.path,
        &organ,
        file,
        &meeting.meeting,
        &mut found,
    );
    Ok((
        Prepared {
            organ,
            organ_dir,
            meeting,
            assets,
            warnings: Vec::new(),
        },
        found,
    ))
}

/// Every file the organ and meeting name, each resolved once; a file that
/// cannot be used becomes an error at the line that names it.
fn resolve_assets(
    organ_dir: &Path,
    organ_file: &Path,
    organ: &Organ,
    meeting_file: &Path,
    meeting: &crate::model::Meeting,
    found: &mut Vec<Diagnostic>,
) -> Vec<Asset> {
    let named = organ.logo.iter().map(|logo| (organ_file, logo)).chain(
        meeting
            .paragraphs
            .iter()
            .flat_map(|p| &p.attachments)
            .filter_map(|a| a.file.as_ref())
            .map(|f| (meeting_file, f)),
    );
    let mut assets: Vec<Asset> = Vec::new();
    for (file, path) in named {
        if assets.iter().any(|a| a.relative == path.value) {
            continue;
        }
        match workspace::resolve_asset(organ_dir, &path.value) {
            Ok(asset) => assets.push(asset),
            Err(error) => found.push(
                Diagnostic::error(file, parse::span_of(path), error.to_string())
                    .with_hint("paths are relative to the organ folder, e.g. bilagor/vb-2020.pdf"),
            ),
        }
    }
    assets
}

/// The meetings of each organ folder, summarised once per run: numbering and
/// the rules across files need all of an organ's meetings for every meeting
/// built, and parsing them again for each would make a batch quadratic.
#[derive(Debug, Default)]
pub struct OrganIndex {
    summaries: RefCell<HashMap<PathBuf, Rc<Vec<MeetingSummary>>>>,
}

impl OrganIndex {
    /// The organ's meetings other than `this`. A meeting file that cannot be
    /// read or parsed is left out here: it gets its own error when it is
    /// built or checked.
    fn others(&self, organ_dir: &Path, this: &Path) -> Result<Vec<MeetingSummary>, BuildError> {
        let cached = self.summaries.borrow().get(organ_dir).cloned();
        let all = match cached {
            Some(all) => all,
            None => {
                let mut all = Vec::new();
                for path in workspace::organ_meeting_files(organ_dir)? {
                    let Ok(source) = workspace::read_source(&path) else {
                        continue;
                    };
                    if let Ok(meeting) = parse::parse_meeting(&path, &source.text) {
                        all.push(MeetingSummary::of(&path, &meeting));
                    }
                }
                let all = Rc::new(all);
                self.summaries
                    .borrow_mut()
                    .insert(organ_dir.to_path_buf(), Rc::clone(&all));
                all
            }
        };
        Ok(all.iter().filter(|m| m.file != this).cloned().collect())
    }
}

/// Writes the generated source and the modules it imports, so that the Typst
/// CLI compiles the very same document.
fn write_typst(dir: &Path, stem: &str, document: &TypstDocument) -> Result<(), WriteError> {
    output::write_atomic(&dir.join(format!("{stem}.typ")), document.main.as_bytes())?;
    for (path, text) in &document.modules {
        output::write_atomic(&dir.join(path), text.as_bytes())?;
    }
    for (path, bytes) in &document.files {
        output::write_atomic(&dir.join(path), bytes)?;
    }
    Ok(())
}
