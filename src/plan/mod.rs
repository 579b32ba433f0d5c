//! Stage 4: what to make. [`plan`] turns the project, its findings and a
//! [`Request`] into [`Unit`]s, one per source file to build, each a list of
//! [`Job`]s: one document, its output path and a [`fingerprint`] of
//! everything that shapes its bytes. A job whose fingerprint the last build
//! recorded for the file now in the output folder is up to date and is not
//! typeset again.
//!
//! The plan also says what no longer belongs in the output folder: a
//! document of a meeting that the meeting no longer yields (an utdrag whose
//! § lost its `utdrag_till`) is removed, and a web version made earlier is
//! remade with the protocol, so that a stale one is never left to publish.

mod fingerprint;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::diagnostic::Diagnostic;
use crate::document::{self, MeetingDocument, NotYet};
use crate::model::{NumberedMeeting, ParagraphNumber};
use crate::project::{DELEGATION_DIR, OrganFolder, Project};
use crate::validate::{FileFindings, FileKind, Findings};
use fingerprint::Fingerprinter;

pub use crate::project::ContentHash as Fingerprint;

/// Which documents to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Every document that applies as each meeting stands, and every
    /// delegationsbeslut (`protokoll build`); the web version too when `web`.
    Applicable {
        /// Also the web version.
        web: bool,
        /// The protocols with empty signature fields (`--signaturfält`), as
        /// every protocol of an organ whose file says `signaturfält: true`.
        signature_fields: bool,
    },
    /// The kallelse (`protokoll kallelse`).
    Notice,
    /// Protokollsutdrag of these §§; none named: every § with `utdrag_till`
    /// (`protokoll utdrag`).
    Extracts(Vec<u32>),
    /// The anslagsbevis (`protokoll anslag`).
    PostingCertificate,
}

/// How to plan.
#[derive(Debug, Clone)]
pub struct PlanOptions<'a> {
    /// What to make.
    pub request: &'a Request,
    /// The program's identity (version and build), part of every fingerprint.
    pub program: &'a str,
    /// Make every document, whatever the last build recorded (`--alla`).
    pub rebuild_all: bool,
    /// The output folder as the user named it, for the messages.
    pub output_folder: &'a Path,
}

/// What the last build left in the output folder, as the output stage read it.
#[derive(Debug, Clone, Default)]
pub struct Previous {
    /// The fingerprint of each document the last build wrote and which is
    /// still there as written, by its path inside the output folder.
    pub fingerprints: BTreeMap<PathBuf, Fingerprint>,
    /// Every PDF in the output folder, by its path inside it.
    pub documents: BTreeSet<PathBuf>,
    /// Final documents of locked meetings whose bytes are no longer those
    /// the lock records: signed since, most likely. Never made again.
    pub changed_since_lock: BTreeSet<PathBuf>,
}

/// What a job makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    /// A document of a meeting.
    Meeting(MeetingDocument),
    /// A delegationsbeslut.
    Delegation,
}

/// One document to make.
#[derive(Debug, Clone)]
pub struct Job {
    /// Which.
    pub document: Document,
    /// Where, inside the output folder (`socsam/2021/2021-02-26-protokoll.pdf`).
    pub output: PathBuf,
    /// The PDF's stable identifier (`socsam/2021-02-26-protokoll`).
    pub ident: String,
    /// Everything that shapes its bytes, hashed.
    pub fingerprint: Fingerprint,
    /// Whether the output folder already holds exactly this document.
    pub up_to_date: bool,
    /// Whether the PDF gets empty signature fields (the final protocol,
    /// with `--signaturfält` or `signaturfält: true`).
    pub signature_fields: bool,
}

/// The file a unit's documents come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFile {
    /// `project.organs[organ].meetings[meeting]`.
    Meeting {
        /// Index of the organ folder.
        organ: usize,
        /// Index of the meeting in it.
        meeting: usize,
    },
    /// `project.organs[organ].delegations[decision]`.
    Delegation {
        /// Index of the organ folder.
        organ: usize,
        /// Index of the decision in it.
        decision: usize,
    },
}

/// The documents of one source file, written together: every one of them
/// is typeset before the first is written.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The meeting or delegationsbeslut file.
    pub file: PathBuf,
    /// Where it is in the project.
    pub source: SourceFile,
    /// The date of the meeting or decision ("today" in its documents).
    pub date: NaiveDate,
    /// Its documents.
    pub jobs: Vec<Job>,
    /// Documents of this file in the output folder that it no longer yields.
    pub remove: Vec<PathBuf>,
    /// The delegationsbeslut its § with `delegationsbeslut: true` lists:
    /// indices in the organ's [`crate::project::OrganFolder::delegations`],
    /// worked out once for the fingerprints and the emitter.
    pub listed_delegations: Vec<usize>,
    /// The file's warnings.
    pub warnings: Vec<Diagnostic>,
}

impl Unit {
    /// Whether nothing needs doing for this file.
    pub fn is_up_to_date(&self) -> bool {
        self.remove.is_empty() && self.jobs.iter().all(|j| j.up_to_date)
    }
}

/// The whole build: units to make, and the files that will not be built,
/// with why.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// One per file to build, in path order.
    pub units: Vec<Unit>,
    /// Files not built: their errors, or why the document asked for cannot
    /// be made yet.
    pub refused: Vec<FileFindings>,
}

impl Plan {
    /// How many jobs there are, and how many of them are up to date.
    pub fn counts(&self) -> (usize, usize) {
        let jobs = self.units.iter().flat_map(|u| &u.jobs);
        let (total, fresh) = jobs.fold((0, 0), |(t, f), j| (t + 1, f + usize::from(j.up_to_date)));
        (total, fresh)
    }
}

/// Plans the documents `options.request` asks for of every selected file
/// without errors.
pub fn plan(
    project: &Project,
    findings: &Findings,
    previous: &Previous,
    options: &PlanOptions,
) -> Plan {
    let fingerprinter = Fingerprinter::new(project, options.program);
    let mut plan = Plan::default();
    let builds_delegations = matches!(options.request, Request::Applicable { .. });
    let fields_asked = matches!(
        options.request,
        Request::Applicable {
            signature_fields: true,
            ..
        }
    );
    for file in &findings.files {
        // An organ file's errors come with each of its meetings.
        let built = match file.kind {
            FileKind::Organ => false,
            FileKind::Meeting => true,
            FileKind::Delegation => builds_delegations,
        };
        if built && file.has_errors() {
            plan.refused.push(file.clone());
        }
    }
    let warnings_of = |path: &Path| {
        findings
            .of(path)
            .map(|f| f.diagnostics.clone())
            .unwrap_or_default()
    };
    for (organ_index, organ) in project.organs.iter().enumerate() {
        for (index, file) in organ.meetings.iter().enumerate() {
            if !file.selected || !findings.is_clean(&file.path) {
                continue;
            }
            let Ok(meeting) = &file.meeting else {
                continue;
            };
            let source = SourceFile::Meeting {
                organ: organ_index,
                meeting: index,
            };
            // A justerat meeting whose file is as it was locked keeps its
            // final documents as they are: never made again (a new program
            // or template would change their bytes) and never over a signed one.
            let text = project.text(&file.path).unwrap_or_default();
            let signed_with_fields =
                fields_asked || organ.organ.as_ref().is_ok_and(|o| o.signature_fields);
            let frozen = match &file.lock {
                Some(Ok(lock)) if lock.is_of(text) => Some(lock),
                _ => None,
            };
            match meeting_documents(options.request, meeting, organ, previous) {
                Ok((documents, remove)) => {
                    let date = meeting.meeting.date.value.0;
                    let listed_delegations = if meeting
                        .meeting
                        .paragraphs
                        .iter()
                        .any(|p| p.delegation_report)
                    {
                        organ.reported_at(date).decisions
                    } else {
                        Vec::new()
                    };
                    let mut kept_signed = Vec::new();
                    let jobs = documents
                        .into_iter()
                        .map(|d| {
                            let output = meeting_output(organ, date, d);
                            let signature_fields =
                                signed_with_fields && d == MeetingDocument::Protocol;
                            let fingerprint = fingerprinter.meeting(
                                organ,
                                file,
                                meeting,
                                &listed_delegations,
                                (d, signature_fields),
                                &output,
                            );
                            let frozen = frozen.is_some_and(|lock| lock.locks(&output))
                                && previous.documents.contains(&output);
                            // Whatever the meeting file says now (a rättelse),
                            // a signed copy is not written over.
                            let signed = previous.changed_since_lock.contains(&output);
                            if signed {
                                kept_signed.push(output.clone());
                            }
                            // A kallelse sent is kept as it was sent.
                            let sent = d == MeetingDocument::Notice
                                && meeting.meeting.notice.is_some()
                                && previous.documents.contains(&output);
                            let mut job = job(
                                Document::Meeting(d),
                                output,
                                &organ.name,
                                fingerprint,
                                previous,
                                options,
                            );
                            job.up_to_date |= frozen || signed || sent;
                            job.signature_fields = signature_fields;
                            job
                        })
                        .collect();
                    plan.units.push(Unit {
                        file: file.path.clone(),
                        source,
                        date,
                        jobs,
                        remove,
                        listed_delegations,
                        warnings: warnings_of(&file.path)
                            .into_iter()
                            .chain(kept_signed.iter().map(|path| {
                                Diagnostic::warning(
                                    &file.path,
                                    None,
                                    crate::messages::making::signed_copy_kept(
                                        &options.output_folder.join(path).display().to_string(),
                                    ),
                                )
                            }))
                            .collect(),
                    });
                }
                Err(refusal) => plan.refused.push(FileFindings {
                    file: file.path.clone(),
                    kind: FileKind::Meeting,
                    diagnostics: vec![Diagnostic::error(&file.path, None, refusal.to_string())],
                    key: None,
                }),
            }
        }
        // Delegationsbeslut are documents of their own, made by `build` only.
        if !builds_delegations {
            continue;
        }
        for (index, file) in organ.delegations.iter().enumerate() {
            if !file.selected || !findings.is_clean(&file.path) {
                continue;
            }
            let Ok(decision) = &file.decision else {
                continue;
            };
            let date = decision.date.value.0;
            let stem = file
                .path
                .file_stem()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| date.to_string());
            let output = PathBuf::from(&organ.name)
                .join(DELEGATION_DIR)
                .join(date.year().to_string())
                .join(format!("{stem}.pdf"));
            let fingerprint = fingerprinter.delegation(organ, file, &output);
            plan.units.push(Unit {
                file: file.path.clone(),
                source: SourceFile::Delegation {
                    organ: organ_index,
                    decision: index,
                },
                date,
                jobs: vec![job(
                    Document::Delegation,
                    output,
                    &organ.name,
                    fingerprint,
                    previous,
                    options,
                )],
                remove: Vec::new(),
                listed_delegations: Vec::new(),
                warnings: warnings_of(&file.path),
            });
        }
    }
    plan.units.sort_by(|a, b| a.file.cmp(&b.file));
    plan
}

fn job(
    document: Document,
    output: PathBuf,
    organ: &str,
    fingerprint: Fingerprint,
    previous: &Previous,
    options: &PlanOptions,
) -> Job {
    let stem = output
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ident = match document {
        Document::Meeting(_) => format!("{organ}/{stem}"),
        Document::Delegation => format!("{organ}/{DELEGATION_DIR}/{stem}"),
    };
    let up_to_date =
        !options.rebuild_all && previous.fingerprints.get(&output) == Some(&fingerprint);
    Job {
        document,
        output,
        ident,
        fingerprint,
        up_to_date,
        signature_fields: false,
    }
}

/// `<organ>/<år>/<datum>-<dokument>.pdf` inside the output folder.
pub fn meeting_output<M>(
    organ: &OrganFolder<M>,
    date: NaiveDate,
    document: MeetingDocument,
) -> PathBuf {
    PathBuf::from(&organ.name)
        .join(date.year().to_string())
        .join(format!("{}.pdf", document.file_stem(date)))
}

/// The documents the request names, each checked against the meeting as it
/// stands, and (for `build`) the meeting's documents in the output folder
/// that it no longer yields.
fn meeting_documents(
    request: &Request,
    meeting: &NumberedMeeting,
    organ: &OrganFolder<NumberedMeeting>,
    previous: &Previous,
) -> Result<(Vec<MeetingDocument>, Vec<PathBuf>), Refusal> {
    let date = meeting.meeting.date.value.0;
    let documents = match request {
        Request::Applicable { web, .. } => {
            // A web version made earlier is kept true to the meeting, asked
            // for or not: a stale one would be published by mistake.
            let web_made = previous.documents.contains(&meeting_output(
                organ,
                date,
                MeetingDocument::WebProtocol,
            ));
            let documents = document::applicable(meeting, *web || web_made);
            // The meeting's documents all start `<datum>-` in its year folder:
            // a range of the sorted set, not a scan of the whole output folder.
            let year_dir = PathBuf::from(&organ.name).join(date.year().to_string());
            let from = year_dir.join(format!("{date}-"));
            let to = year_dir.join(format!("{date}."));
            let remove = previous
                .documents
                .range(from..to)
                .filter(|p| {
                    p.file_stem()
                        .and_then(|s| s.to_str())
                        .and_then(|s| MeetingDocument::from_file_stem(date, s))
                        // A kallelse made before the meeting is the one
                        // sent (an allmän handling): never removed.
                        .is_some_and(|d| d != MeetingDocument::Notice && !documents.contains(&d))
                })
                .cloned()
                .collect();
            return Ok((documents, remove));
        }
        Request::Notice => vec![MeetingDocument::Notice],
        Request::PostingCertificate => vec![MeetingDocument::PostingCertificate],
        Request::Extracts(numbers) if numbers.is_empty() => {
            let all = document::requested_extracts(meeting);
            if all.is_empty() {
                return Err(Refusal::NoExtractsRequested);
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
    Ok((documents, Vec::new()))
}

/// Why a file named on the command line yields none of what was asked.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Refusal {
    /// The document asked for cannot be made from the meeting as it stands.
    #[error(transparent)]
    NotYet(#[from] NotYet),
    /// `utdrag` without `--paragraf` on a meeting with no `utdrag_till`.
    #[error("{}", crate::messages::making::no_extracts_requested())]
    NoExtractsRequested,
}
