//! Rules about the other files a meeting or delegationsbeslut leans on: the
//! logo and bilagor it names must be readable files inside the organ folder,
//! a § that reports delegationsbeslut must have decisions to list (and every
//! decision file must be readable, or the § would be printed without it),
//! and a decision's `anmäls_vid` must be a meeting on or after it.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::messages::validate::files as say;
use crate::model::{DelegationDecision, NumberedMeeting, Organ, Spanned};
use crate::parse::span_of;
use crate::project::{DELEGATION_DIR, OrganFolder};
use crate::render::appendix;

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
        match organ_folder.assets.get(&path.value) {
            Some(Err(reason)) => found.push(
                Diagnostic::error(file, span_of(path), reason.to_string())
                    .with_hint(say::unreadable_asset_hint()),
            ),
            // A bilaga's pages are appended to the protocol: it must be a
            // PDF the renderer can read, which `check` says already.
            Some(Ok(asset))
                if asset.relative.to_lowercase().ends_with(".pdf")
                    && appendix::check_appendable(&asset.relative, &asset.bytes).is_err() =>
            {
                found.push(
                    Diagnostic::error(file, span_of(path), say::not_a_pdf(&path.value))
                        .with_hint(say::not_a_pdf_hint()),
                );
            }
            _ => {}
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
                say::unreadable_delegation(
                    &number.to_string(),
                    &decision.path.display().to_string(),
                    &message,
                ),
            )
            .with_hint(say::unreadable_delegation_hint()),
        );
    }
    if reported.decisions.is_empty() && reported.unreadable.is_empty() {
        found.push(
            Diagnostic::warning(
                file,
                span_of(&paragraph.title),
                say::no_delegations(&number.to_string()),
            )
            .with_hint(say::no_delegations_hint(&format!(
                "{}/{DELEGATION_DIR}",
                organ_folder.dir.display()
            ))),
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
                say::reported_before_decision(&at.value.0.to_string(), &decided.to_string()),
            )
            .with_hint(say::reported_before_decision_hint(&decided.to_string())),
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
                say::no_meeting_on(&at.value.0.to_string()),
            )
            .with_hint(say::no_meeting_on_hint(
                &organ_folder.dir.display().to_string(),
            )),
        );
    }
}
