//! Checks a parsed meeting against the rules of FORMAT.md that a protocol
//! cannot be printed without. Every problem is collected, none stops the
//! others, and each points at the value it is about.
//!
//! One file per rule family:
//!
//! | file | rules |
//! |---|---|
//! | `people.rs` | ordförande and justerare are beslutande; nobody listed twice |
//! | `dates.rs` | `tid`, `justering.datum`, `anslag.uppsatt` (lag 1930:173) |
//! | `votes.rs` | omröstning, reservationer and jäv name beslutande taking part |
//! | `participation.rs` | `paragrafer` within the meeting, `ersätter`, quorum |
//! | `numbering.rs` | § numbers unique and gap-free through the organ's year |
//! | `content.rs` | empty §§, misspelt names in the text (warnings) |
//! | `comments.rs` | text after ` #` that YAML drops as a comment (warnings) |
//! | `files.rs` | logo and bilagor readable; delegationsbeslut to list, `anmäls_vid` |
//!
//! [`validate_project`] runs them over every selected file of a [`Project`].
//! A meeting's findings depend only on what [`meeting_key`] hashes, so a
//! build hands in those of its last run ([`Known`]) and a meeting whose key
//! is unchanged is not checked again.

mod comments;
mod content;
mod dates;
mod files;
mod lock;
mod numbering;
mod participation;
mod people;
mod votes;

#[cfg(test)]
mod testing;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document;
use crate::model::{NumberedMeeting, Organ, Person};
use crate::number::MeetingSummary;
use crate::project::{ContentHash, DelegationFile, MeetingFile, OrganFolder, Project};

/// What the rules look at: one numbered meeting in the light of its organ.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    /// The meeting file (diagnostics point into it).
    pub file: &'a Path,
    /// Its text, as read: for the rules about how a value is written and
    /// to point at a word inside a value.
    pub text: &'a str,
    /// The organ.
    pub organ: &'a Organ,
    /// The meeting, numbered (rules about §§ speak of printed numbers).
    pub meeting: &'a NumberedMeeting,
    /// The organ's other meetings, any year, for rules across files.
    pub organ_meetings: &'a [MeetingSummary],
}

/// Everything wrong with the meeting, errors and warnings, in file order.
pub fn validate(subject: &Subject) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    comments::check(subject, &mut found);
    people::check(subject.file, &subject.meeting.meeting, &mut found);
    dates::check(subject, &mut found);
    // The rules below speak of § numbers; they need numbers that exist.
    if numbering::within_bounds(subject, &mut found) {
        votes::check(subject, &mut found);
        participation::check(subject, &mut found);
        numbering::check(subject, &mut found);
        content::check(subject, &mut found);
    }
    found.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
    found
}

/// The rules a meeting being planned is held to, for its kallelse: dates and
/// § numbering. Who attended, voted or signed is not known yet.
pub fn validate_plan(subject: &Subject) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    comments::check(subject, &mut found);
    dates::check(subject, &mut found);
    if numbering::within_bounds(subject, &mut found) {
        numbering::check(subject, &mut found);
    }
    found.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
    found
}

/// The rules `rules` holds the meeting to: a meeting being planned, or one
/// not held yet, only the plan's; every rule otherwise.
pub fn validate_with(subject: &Subject, rules: Rules) -> Vec<Diagnostic> {
    if rules == Rules::Plan || !document::is_held(subject.meeting) {
        validate_plan(subject)
    } else {
        validate(subject)
    }
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

/// What kind of file a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// An `organ.yaml`.
    Organ,
    /// A meeting file.
    Meeting,
    /// A delegationsbeslut file.
    Delegation,
}

/// The findings of one file.
#[derive(Debug, Clone)]
pub struct FileFindings {
    /// The file.
    pub file: PathBuf,
    /// What kind of file it is.
    pub kind: FileKind,
    /// Its errors and warnings, in file order. A meeting's list also holds
    /// the errors of its organ file, since it cannot be built without it.
    pub diagnostics: Vec<Diagnostic>,
    /// For a meeting: the hash of everything its findings depend on.
    pub key: Option<ContentHash>,
}

/// Findings of an earlier run, by file, with the key they were found under.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// Meeting file → (key, diagnostics).
    pub meetings: HashMap<PathBuf, (ContentHash, Vec<Diagnostic>)>,
}

impl FileFindings {
    /// Whether anything here stops the file's documents.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Every selected file's findings: named organ files first, then meetings,
/// then delegationsbeslut, each in path order.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    /// One entry per file.
    pub files: Vec<FileFindings>,
    /// Where each file's entry is in `files`.
    index: HashMap<PathBuf, usize>,
}

impl Findings {
    fn new(files: Vec<FileFindings>) -> Self {
        let index = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.file.clone(), i))
            .collect();
        Findings { files, index }
    }

    /// The findings of `file`, when it was checked.
    pub fn of(&self, file: &Path) -> Option<&FileFindings> {
        self.index.get(file).map(|&i| &self.files[i])
    }

    /// Whether `file` was checked and has no error.
    pub fn is_clean(&self, file: &Path) -> bool {
        self.of(file).is_some_and(|f| !f.has_errors())
    }
}

/// Checks every selected file of the project against the rules; a meeting
/// whose key is in `known` gets the findings recorded there.
pub fn validate_project(project: &Project, rules: Rules, known: &Known) -> Findings {
    let mut files = Vec::new();
    for organ in project.organs.iter().filter(|o| o.named) {
        if let Err(error) = &organ.organ {
            files.push(FileFindings {
                file: organ.file.clone(),
                kind: FileKind::Organ,
                diagnostics: error.to_diagnostics(&organ.file),
                key: None,
            });
        }
    }
    for (file, error) in &project.unplaced {
        files.push(FileFindings {
            file: file.clone(),
            kind: FileKind::Meeting,
            diagnostics: error.to_diagnostics(file),
            key: None,
        });
    }
    let summaries: Vec<Vec<MeetingSummary>> =
        project.organs.iter().map(OrganFolder::summaries).collect();
    let contexts: Vec<ContentHash> = project
        .organs
        .iter()
        .zip(&summaries)
        .map(|(organ, summaries)| organ_context(organ, summaries))
        .collect();
    let meetings: Vec<(usize, &MeetingFile<NumberedMeeting>)> = project
        .organs
        .iter()
        .enumerate()
        .flat_map(|(i, o)| {
            o.meetings
                .iter()
                .filter(|m| m.selected)
                .map(move |m| (i, m))
        })
        .collect();
    files.par_extend(meetings.par_iter().map(|&(organ, meeting)| {
        let key = meeting_key(contexts[organ], meeting, rules);
        let diagnostics = match known.meetings.get(&meeting.path) {
            Some((known_key, diagnostics)) if *known_key == key => diagnostics.clone(),
            _ => check_meeting(
                &project.organs[organ],
                &summaries[organ],
                meeting,
                project.text(&meeting.path).unwrap_or_default(),
                rules,
            ),
        };
        FileFindings {
            file: meeting.path.clone(),
            kind: FileKind::Meeting,
            diagnostics,
            key: Some(key),
        }
    }));
    for organ in &project.organs {
        for decision in organ.delegations.iter().filter(|d| d.selected) {
            files.push(FileFindings {
                file: decision.path.clone(),
                kind: FileKind::Delegation,
                diagnostics: check_delegation(organ, decision),
                key: None,
            });
        }
    }
    Findings::new(files)
}

/// The hash of what every meeting of `organ` is checked against: the organ
/// file, the numbering summary of its meetings (rules across files), its
/// assets and its delegationsbeslut (each as read, or that it could not be).
fn organ_context(
    organ: &OrganFolder<NumberedMeeting>,
    summaries: &[MeetingSummary],
) -> ContentHash {
    let mut hasher = blake3::Hasher::new();
    let mut field = |bytes: &[u8]| {
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    field(&organ.hash.0);
    for summary in summaries {
        field(summary.file.as_os_str().as_encoded_bytes());
        field(summary.date.to_string().as_bytes());
        field(
            &summary
                .first_paragraph
                .map_or(0, |n| u64::from(n) + 1)
                .to_le_bytes(),
        );
        field(&summary.paragraph_count.to_le_bytes());
    }
    for (name, asset) in &organ.assets {
        field(name.as_bytes());
        match asset {
            Ok(asset) => field(&asset.hash.0),
            Err(error) => field(error.to_string().as_bytes()),
        }
    }
    for decision in &organ.delegations {
        field(decision.path.as_os_str().as_encoded_bytes());
        field(&decision.hash.0);
    }
    ContentHash(*hasher.finalize().as_bytes())
}

/// The hash of everything a meeting's findings depend on: its file, its
/// organ's context and the rules.
pub fn meeting_key(
    context: ContentHash,
    file: &MeetingFile<NumberedMeeting>,
    rules: Rules,
) -> ContentHash {
    let mut hasher = blake3::Hasher::new();
    hasher.update(&context.0);
    hasher.update(&file.hash.0);
    hasher.update(&[rules as u8]);
    hasher.update(file.path.as_os_str().as_encoded_bytes());
    // The lock's verdict depends on the lock too.
    match &file.lock {
        None => hasher.update(b"no lock"),
        Some(Ok(lock)) => hasher.update(format!("{lock:?}").as_bytes()),
        Some(Err(error)) => hasher.update(error.to_string().as_bytes()),
    };
    ContentHash(*hasher.finalize().as_bytes())
}

fn check_meeting(
    organ_folder: &OrganFolder<NumberedMeeting>,
    summaries: &[MeetingSummary],
    file: &MeetingFile<NumberedMeeting>,
    text: &str,
    rules: Rules,
) -> Vec<Diagnostic> {
    let organ = match &organ_folder.organ {
        Ok(organ) => organ,
        Err(error) => return error.to_diagnostics(&organ_folder.file),
    };
    let meeting = match &file.meeting {
        Ok(meeting) => meeting,
        Err(error) => return error.to_diagnostics(&file.path),
    };
    let subject = Subject {
        file: &file.path,
        text,
        organ,
        meeting,
        organ_meetings: summaries,
    };
    let mut found = validate_with(&subject, rules);
    let attachments = meeting
        .meeting
        .paragraphs
        .iter()
        .flat_map(|p| &p.attachments)
        .filter_map(|a| a.file.as_ref())
        .map(|path| (file.path.as_path(), path));
    files::assets(organ_folder, organ, attachments, &mut found);
    files::reported_delegations(organ_folder, &file.path, meeting, &mut found);
    lock::check(&file.path, text, meeting, file.lock.as_ref(), &mut found);
    found
}

fn check_delegation(
    organ_folder: &OrganFolder<NumberedMeeting>,
    file: &DelegationFile,
) -> Vec<Diagnostic> {
    let organ = match &organ_folder.organ {
        Ok(organ) => organ,
        Err(error) => return error.to_diagnostics(&organ_folder.file),
    };
    let decision = match &file.decision {
        Ok(decision) => decision,
        Err(error) => return error.to_diagnostics(&file.path),
    };
    let mut found = Vec::new();
    files::reported_at(organ_folder, &file.path, decision, &mut found);
    files::assets(organ_folder, organ, [], &mut found);
    found
}

/// Whether `person` took part in § `number`: everyone does, unless their
/// `paragrafer` say otherwise.
fn takes_part(person: &Person, number: u32) -> bool {
    person
        .paragraphs
        .as_ref()
        .is_none_or(|set| set.value.contains(number))
}

/// The file name alone, as a secretary sees it in the organ's folder.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
