//! Rules about the other files a meeting or delegationsbeslut leans on: the
//! logo and bilagor it names must be readable files inside the organ folder,
//! a § that reports delegationsbeslut must have decisions to list (and every
//! decision file must be readable, or the § would be printed without it),
//! and a decision's `anmäls_vid` must be a meeting on or after it.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::model::{DelegationDecision, NumberedMeeting, Organ, Spanned};
use crate::parse::span_of;
use crate::project::{DELEGATION_DIR, OrganFolder};

/// An error at each file named by the organ (its logo) or by `named` (with
/// the file that names it) that could not be read at load.
pub(super) fn assets<'a>(
    organ_folder: &'a OrganFolder<NumberedMeeting>,
    organ: &'a Organ,
    named: impl IntoIterator<Item = (&'a Path, &'a Spanned<String>)>,
    found: &mut Vec<Diagnostic>,
) {
    let logo = organ
        .logo
        .iter()
        .map(|logo| (organ_folder.file.as_path(), logo));
    let mut seen: Vec<&str> = Vec::new();
    for (file, path) in logo.chain(named) {
        if seen.contains(&path.value.as_str()) {
            continue;
        }
        seen.push(&path.value);
        if let Some(Err(reason)) = organ_folder.assets.get(&path.value) {
            found.push(
                Diagnostic::error(file, span_of(path), reason.to_string())
                    .with_hint("paths are relative to the organ folder, e.g. bilagor/vb-2020.pdf"),
            );
        }
    }
}

/// The § with `delegationsbeslut: true`, if any, lists the decisions
/// reported at this meeting: an error for each decision file that cannot be
/// read (the § could not be printed whole), a warning when there is nothing
/// to list.
pub(super) fn reported_delegations(
    organ_folder: &OrganFolder<NumberedMeeting>,
    file: &Path,
    meeting: &NumberedMeeting,
    found: &mut Vec<Diagnostic>,
) {
    let Some((number, paragraph)) = meeting.paragraphs().find(|(_, p)| p.delegation_report) else {
        return;
    };
    let reported = organ_folder.reported_at(meeting.meeting.date.value.0);
    for (decision, error) in &reported.unreadable {
        let message = match error {
            crate::project::FileError::Parse(e) => e.message.clone(),
            other => other.to_string(),
        };
        found.push(
            Diagnostic::error(
                file,
                span_of(&paragraph.title),
                format!(
                    "{number} cannot list the delegationsbeslut {}, which cannot be read: {message}",
                    decision.path.display()
                ),
            )
            .with_hint("correct that file first; `protokoll check` shows where"),
        );
    }
    if reported.decisions.is_empty() && reported.unreadable.is_empty() {
        found.push(
            Diagnostic::warning(
                file,
                span_of(&paragraph.title),
                format!("{number} reports delegationsbeslut, but none is reported at this meeting"),
            )
            .with_hint(format!(
                "delegationsbeslut are read from {}/{DELEGATION_DIR}/; one is reported at the organ's first meeting on or after its datum, or at its `anmäls_vid`",
                organ_folder.dir.display(),
            )),
        );
    }
}

/// `anmäls_vid` is not before the decision and is the date of one of the
/// organ's meetings (a warning, since the meeting may not be written yet).
pub(super) fn reported_at(
    organ_folder: &OrganFolder<NumberedMeeting>,
    file: &Path,
    decision: &DelegationDecision,
    found: &mut Vec<Diagnostic>,
) {
    let Some(at) = &decision.reported_at else {
        return;
    };
    let decided = decision.date.value.0;
    if at.value.0 < decided {
        found.push(
            Diagnostic::error(
                file,
                span_of(at),
                format!(
                    "anmäls_vid {} is before the decision ({decided})",
                    at.value.0
                ),
            )
            .with_hint("a decision is reported at a meeting on or after its datum"),
        );
    } else if !organ_folder
        .meetings
        .iter()
        .filter_map(|m| m.meeting.as_ref().ok())
        .any(|m| m.meeting.date.value.0 == at.value.0)
    {
        found.push(
            Diagnostic::warning(
                file,
                span_of(at),
                format!("the organ has no meeting on {} (anmäls_vid)", at.value.0),
            )
            .with_hint(format!(
                "write the date of a meeting file under {}, or leave anmäls_vid out to report the decision at the next meeting",
                organ_folder.dir.display()
            )),
        );
    }
}
