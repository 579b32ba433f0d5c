//! The stages wired together for one meeting file: read → parse → number →
//! validate → (which documents apply; for the web version, redact) → render →
//! typeset → write. Each stage's error becomes a [`BuildError`]; nothing is
//! written unless every stage before succeeded for every document.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use chrono::Datelike;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{self, MeetingDocument, NotYet};
use crate::model::{DelegationDecision, NumberedMeeting, Organ, ParagraphNumber, Spanned};
use crate::number::{self, MeetingSummary};
use crate::output::{self, WriteError};
use crate::parse::{self, ParseError};
use crate::redact;
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

/// Which documents of a meeting to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Every document that applies as the meeting stands (`protokoll build`);
    /// the web version too when `web`.
    Applicable {
        /// Also the web version.
        web: bool,
    },
    /// The kallelse (`protokoll kallelse`).
    Notice,
    /// Protokollsutdrag of these §§; none named: every § with `utdrag_till`
    /// (`protokoll utdrag`).
    Extracts(Vec<u32>),
    /// The anslagsbevis (`protokoll anslag`).
    PostingCertificate,
}

/// What stays the same across a batch: compiled templates, loaded fonts and
/// the organs' meeting summaries.
pub struct Session {
    renderer: Renderer,
    typesetter: Typesetter,
    organs: OrganIndex,
}

/// The documents made of one meeting file.
#[derive(Debug)]
pub struct Built {
    /// Each PDF written (for a meeting, in the order of [`MeetingDocument`]).
    pub documents: Vec<Written>,
    /// Warnings from validation and Typst.
    pub warnings: Vec<Diagnostic>,
}

/// One PDF written.
#[derive(Debug)]
pub struct Written {
    /// Where.
    pub pdf: PathBuf,
    /// Its page count.
    pub pages: usize,
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
    /// The document asked for cannot be made from the meeting as it stands.
    #[error(transparent)]
    NotYet(#[from] NotYet),
    /// `utdrag` without `--paragraf` on a meeting with no `utdrag_till`.
    #[error("no § of this meeting has `utdrag_till`; name the §§ with --paragraf N")]
    NoExtractsRequested,
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
    /// The organ's delegationsbeslut reported at this meeting, by date.
    pub delegations: Vec<DelegationDecision>,
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

    /// Makes the documents `request` asks for of the meeting in `file` and
    /// writes them into the output tree. Every document is typeset before
    /// the first is written, so a failing one leaves the folder as it was.
    pub fn build(
        &self,
        file: &Path,
        request: &Request,
        options: &BuildOptions,
    ) -> Result<Built, BuildError> {
        let mut prepared = prepare(file, &self.organs, rules_for(request))?;
        let documents = requested(request, &prepared.meeting)?;
        let date = prepared.meeting.meeting.date.value.0;
        let organ = folder_name(&prepared.organ_dir);
        let dir = options.out_dir.join(&organ).join(date.year().to_string());
        let mut warnings = std::mem::take(&mut prepared.warnings);
        let mut finished = Vec::new();
        for document in documents {
            let source = self.render(&prepared, document)?;
            let stem = document.file_stem(date);
            let target = Target {
                ident: format!("{organ}/{stem}"),
                dir: dir.clone(),
                stem,
            };
            finished.push(self.typeset(file, source, date, target, &mut warnings)?);
        }
        Ok(Built {
            documents: write_all(finished, options)?,
            warnings,
        })
    }

    /// Makes the delegationsbeslut in `file` and writes it into the output
    /// tree, mirroring its place: `<organ>/delegationsbeslut/<år>/<namn>.pdf`.
    pub fn build_delegation(
        &self,
        file: &Path,
        options: &BuildOptions,
    ) -> Result<Built, BuildError> {
        let (prepared, found) = check_delegation(file, &self.organs)?;
        let (errors, mut warnings): (Vec<_>, Vec<_>) = found
            .into_iter()
            .partition(|d| d.severity == Severity::Error);
        if !errors.is_empty() {
            return Err(BuildError::Invalid(errors));
        }
        let source = self.renderer.delegation_decision(
            &prepared.organ,
            &prepared.decision,
            &prepared.assets,
        )?;
        let date = prepared.decision.date.value.0;
        let organ = folder_name(&prepared.organ_dir);
        let stem = file
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| date.to_string());
        let dir = options
            .out_dir
            .join(&organ)
            .join(workspace::DELEGATION_DIR)
            .join(date.year().to_string());
        let target = Target {
            ident: format!("{organ}/{}/{stem}", workspace::DELEGATION_DIR),
            dir,
            stem,
        };
        let finished = self.typeset(file, source, date, target, &mut warnings)?;
        Ok(Built {
            documents: write_all(vec![finished], options)?,
            warnings,
        })
    }

    /// Typesets one document, adding Typst's warnings to `warnings`; the
    /// PDF is kept in memory until [`write_all`].
    fn typeset(
        &self,
        file: &Path,
        source: TypstDocument,
        date: chrono::NaiveDate,
        target: Target,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<Finished, BuildError> {
        let job = Job {
            date,
            ident: &target.ident,
        };
        let typeset = self.typesetter.typeset(&source, &job)?;
        warnings.extend(
            typeset
                .warnings
                .iter()
                .map(|w| Diagnostic::warning(file, None, format!("Typst: {w}"))),
        );
        Ok(Finished {
            target,
            source,
            pdf: typeset.pdf,
            pages: typeset.pages,
        })
    }

    fn render(
        &self,
        prepared: &Prepared,
        document: MeetingDocument,
    ) -> Result<TypstDocument, BuildError> {
        let source = if document == MeetingDocument::WebProtocol {
            let web = redact::for_web(&prepared.organ, &prepared.meeting, &prepared.delegations);
            self.renderer.meeting_document(
                document,
                &web.organ,
                &web.meeting,
                &[],
                &web.delegations,
            )?
        } else {
            self.renderer.meeting_document(
                document,
                &prepared.organ,
                &prepared.meeting,
                &prepared.assets,
                &prepared.delegations,
            )?
        };
        Ok(source)
    }
}

/// Where one document goes, and the identifier its PDF is given.
struct Target {
    ident: String,
    dir: PathBuf,
    stem: String,
}

impl Target {
    /// `<dir>/<stem>.pdf`.
    fn pdf(&self) -> PathBuf {
        self.dir.join(format!("{}.pdf", self.stem))
    }
}

/// A document typeset and not yet written.
struct Finished {
    target: Target,
    source: TypstDocument,
    pdf: Vec<u8>,
    pages: usize,
}

/// Writes documents that were all typeset, so that a failure in any of them
/// has left the output folder untouched.
fn write_all(finished: Vec<Finished>, options: &BuildOptions) -> Result<Vec<Written>, BuildError> {
    let mut written = Vec::new();
    for document in finished {
        let target = document.target;
        if options.emit_typst {
            write_typst(&target.dir, &target.stem, &document.source)?;
        }
        let pdf = target.pdf();
        output::write_atomic(&pdf, &document.pdf)?;
        written.push(Written {
            pdf,
            pages: document.pages,
        });
    }
    Ok(written)
}

/// The organ folder's name, which the output tree mirrors.
fn folder_name(organ_dir: &Path) -> String {
    organ_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "organ".into())
}

/// Which rules a meeting is held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rules {
    /// Those of a meeting being planned (dates, numbering): enough for a
    /// kallelse, whatever the file holds.
    Plan,
    /// The plan's rules for a meeting with no beslutande yet, every rule
    /// once it has them.
    Automatic,
}

fn rules_for(request: &Request) -> Rules {
    match request {
        Request::Notice => Rules::Plan,
        _ => Rules::Automatic,
    }
}

/// The documents `request` names, each checked against the meeting as it
/// stands; `Applicable` keeps only those that can be made.
fn requested(
    request: &Request,
    meeting: &NumberedMeeting,
) -> Result<Vec<MeetingDocument>, BuildError> {
    let documents = match request {
        Request::Applicable { web } => return Ok(document::applicable(meeting, *web)),
        Request::Notice => vec![MeetingDocument::Notice],
        Request::PostingCertificate => vec![MeetingDocument::PostingCertificate],
        Request::Extracts(numbers) if numbers.is_empty() => {
            let all = document::requested_extracts(meeting);
            if all.is_empty() {
                return Err(BuildError::NoExtractsRequested);
            }
            all
        }
        Request::Extracts(numbers) => {
            let mut documents: Vec<_> = numbers
                .iter()
                .map(|&n| MeetingDocument::Extract(ParagraphNumber(n)))
                .collect();
            // `--paragraf 6 --paragraf 6` is one extract, written once.
            documents.sort();
            documents.dedup();
            documents
        }
    };
    for document in &documents {
        document.check(meeting)?;
    }
    Ok(documents)
}

/// Reads, parses, numbers and validates the meeting in `file`; fails on the
/// first parse error or on any rule error.
pub fn prepare(file: &Path, index: &OrganIndex, rules: Rules) -> Result<Prepared, BuildError> {
    let (prepared, found) = check(file, index, rules)?;
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
pub fn check(
    file: &Path,
    index: &OrganIndex,
    rules: Rules,
) -> Result<(Prepared, Vec<Diagnostic>), BuildError> {
    let source = workspace::read_source(file)?;
    let (organ_dir, organ_file, organ) = read_organ(file)?;
    let meeting = parse::parse_meeting(file, &source.text)?;
    let organ_meetings = index.others(&organ_dir, file)?;
    let meeting = number::number(meeting, &organ_meetings);

    let subject = Subject {
        file,
        organ: &organ,
        meeting: &meeting,
        organ_meetings: &organ_meetings,
    };
    let mut found = if rules == Rules::Plan || !document::is_held(&meeting) {
        validate::validate_plan(&subject)
    } else {
        validate::validate(&subject)
    };
    let attachments = meeting
        .meeting
        .paragraphs
        .iter()
        .flat_map(|p| &p.attachments)
        .filter_map(|a| a.file.as_ref())
        .map(|path| (file, path));
    let assets = resolve_assets(&organ_dir, &organ_file, &organ, attachments, &mut found);
    let delegations =
        reported_delegations(&organ_dir, file, &meeting, &organ_meetings, &mut found)?;
    Ok((
        Prepared {
            organ,
            organ_dir,
            meeting,
            assets,
            delegations,
            warnings: Vec::new(),
        },
        found,
    ))
}

/// A delegationsbeslut read, parsed and checked, with its organ.
#[derive(Debug)]
pub struct PreparedDelegation {
    /// The organ whose delegation was used.
    pub organ: Organ,
    /// The organ's folder.
    pub organ_dir: PathBuf,
    /// The decision.
    pub decision: DelegationDecision,
    /// The organ's logo, when it has one.
    pub assets: Vec<Asset>,
}

/// Reads, parses and checks the delegationsbeslut in `file`: `anmäls_vid`
/// is not before the decision and is the date of one of the organ's
/// meetings (a warning, since the meeting may not be written yet).
pub fn check_delegation(
    file: &Path,
    index: &OrganIndex,
) -> Result<(PreparedDelegation, Vec<Diagnostic>), BuildError> {
    let source = workspace::read_source(file)?;
    let (organ_dir, organ_file, organ) = read_organ(file)?;
    let decision = parse::parse_delegation(file, &source.text)?;
    let mut found = Vec::new();
    if let Some(at) = &decision.reported_at {
        let decided = decision.date.value.0;
        if at.value.0 < decided {
            found.push(
                Diagnostic::error(
                    file,
                    parse::span_of(at),
                    format!(
                        "anmäls_vid {} is before the decision ({decided})",
                        at.value.0
                    ),
                )
                .with_hint("a decision is reported at a meeting on or after its datum"),
            );
        } else if !index
            .others(&organ_dir, file)?
            .iter()
            .any(|m| m.date == at.value.0)
        {
            found.push(
                Diagnostic::warning(
                    file,
                    parse::span_of(at),
                    format!("the organ has no meeting on {} (anmäls_vid)", at.value.0),
                )
                .with_hint(format!(
                    "write the date of a meeting file under {}, or leave anmäls_vid out to report the decision at the next meeting",
                    organ_dir.display()
                )),
            );
        }
    }
    let assets = resolve_assets(&organ_dir, &organ_file, &organ, [], &mut found);
    Ok((
        PreparedDelegation {
            organ,
            organ_dir,
            decision,
            assets,
        },
        found,
    ))
}

/// The organ folder of `file`, the path of its `organ.yaml`, and the organ.
fn read_organ(file: &Path) -> Result<(PathBuf, PathBuf, Organ), BuildError> {
    let organ_dir = workspace::organ_dir(file)?;
    let source = workspace::read_source(&organ_dir.join(ORGAN_FILE))?;
    let organ = parse::parse_organ(&source.path, &source.text)?;
    Ok((organ_dir, source.path, organ))
}

/// The organ's logo and the `others` files a document names (with the file
/// that names each), each resolved once; a file that cannot be used becomes
/// an error at the line that names it.
fn resolve_assets<'a>(
    organ_dir: &Path,
    organ_file: &'a Path,
    organ: &'a Organ,
    others: impl IntoIterator<Item = (&'a Path, &'a Spanned<String>)>,
    found: &mut Vec<Diagnostic>,
) -> Vec<Asset> {
    let named = organ
        .logo
        .iter()
        .map(|logo| (organ_file, logo))
        .chain(others);
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

/// The organ's delegationsbeslut reported at `meeting`, for a § with
/// `delegationsbeslut: true`. A decision file that cannot be read is an
/// error of the meeting too, since the § cannot be printed whole; such a §
/// with nothing to list is a warning.
fn reported_delegations(
    organ_dir: &Path,
    file: &Path,
    meeting: &NumberedMeeting,
    organ_meetings: &[MeetingSummary],
    found: &mut Vec<Diagnostic>,
) -> Result<Vec<DelegationDecision>, BuildError> {
    let Some((number, paragraph)) = meeting.paragraphs().find(|(_, p)| p.delegation_report) else {
        return Ok(Vec::new());
    };
    let held = meeting.meeting.date.value.0;
    let dates: Vec<_> = organ_meetings
        .iter()
        .map(|m| m.date)
        .chain([held])
        .collect();
    let mut reported = Vec::new();
    let mut unreadable = 0;
    for path in workspace::organ_delegation_files(organ_dir)? {
        let parsed = workspace::read_source(&path)
            .map_err(|e| e.to_string())
            .and_then(|source| parse::parse_delegation(&path, &source.text).map_err(|e| e.message));
        let decision = match parsed {
            Ok(decision) => decision,
            Err(message) => {
                // An error, not a warning: the § would be printed without
                // the decision, over a protocol that may have listed it.
                unreadable += 1;
                found.push(
                    Diagnostic::error(
                        file,
                        parse::span_of(&paragraph.title),
                        format!(
                            "{number} cannot list the delegationsbeslut {}, which cannot be read: {message}",
                            path.display()
                        ),
                    )
                    .with_hint("correct that file first; `protokoll check` shows where"),
                );
                continue;
            }
        };
        let at = document::reporting_meeting(
            decision.date.value.0,
            decision.reported_at.as_ref().map(|d| d.value.0),
            dates.iter().copied(),
        );
        if at == Some(held) {
            reported.push(decision);
        }
    }
    reported.sort_by(|a, b| {
        (a.date.value, &a.case_number.value).cmp(&(b.date.value, &b.case_number.value))
    });
    if reported.is_empty() && unreadable == 0 {
        found.push(
            Diagnostic::warning(
                file,
                parse::span_of(&paragraph.title),
                format!("{number} reports delegationsbeslut, but none is reported at this meeting"),
            )
            .with_hint(format!(
                "delegationsbeslut are read from {}/{}/; one is reported at the organ's first meeting on or after its datum, or at its `anmäls_vid`",
                organ_dir.display(),
                workspace::DELEGATION_DIR
            )),
        );
    }
    Ok(reported)
}
