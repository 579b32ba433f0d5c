//! `justera`: record the justering (and the anslag) in the meeting file,
//! build the final documents, and lock them: `<datum>.lock` beside the
//! file holds the SHA-256 of everything they were made from and of each.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::calendar::last_posting_day;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document;
use crate::edit::{self, yaml_quoted, yaml_scalar};
use crate::encode::sha256_hex;
use crate::messages::report;
use crate::model::{AdjustmentManner, ClockTime, Lock, LockedFile, NumberedMeeting};
use crate::output::write_atomic;
use crate::plan::Request;
use crate::project::attachment_files;
use crate::validate::{self, Known, Rules};

use super::build::{self, Config};
use super::{OutputArgs, fail};

/// What `justera` writes into the meeting file.
#[derive(Debug, Clone)]
pub(super) struct Justering {
    pub date: NaiveDate,
    pub manner: AdjustmentManner,
    pub place: Option<String>,
    pub time: Option<ClockTime>,
    pub posted: Option<NaiveDate>,
}

/// Keys a new `justering:` goes before, in a file that has none.
const AFTER_JUSTERING: [&str; 4] = ["anslag", "kungörelse", "maskera", "paragrafer"];
/// Keys a new `anslag:` goes before.
const AFTER_ANSLAG: [&str; 3] = ["kungörelse", "maskera", "paragrafer"];

pub(super) fn run(
    file: PathBuf,
    justering: Justering,
    signature_fields: bool,
    output: OutputArgs,
) -> Result<ExitCode, Vec<Diagnostic>> {
    let paths = vec![file.clone()];
    let request = Request::Applicable {
        web: false,
        signature_fields,
    };
    let config = Config::new(request, &output, &paths);
    let project = build::load(&paths, &config, BTreeMap::new())?;
    let Some((folder, meeting_file)) = project.selected_meetings().next() else {
        return Err(fail(&file, report::justera_needs_a_meeting_file()));
    };
    let file = meeting_file.path.clone();
    let organ = folder
        .organ
        .as_ref()
        .map_err(|e| e.to_diagnostics(&folder.file))?;
    let meeting = meeting_file
        .meeting
        .as_ref()
        .map_err(|e| e.to_diagnostics(&file))?;
    let text = project.text(&file).unwrap_or_default().to_owned();

    // A meeting with errors is not justerat: the errors first.
    let findings = validate::validate_project(&project, Rules::Automatic, &Known::default());
    let errors: Vec<Diagnostic> = findings
        .files
        .iter()
        .flat_map(|f| &f.diagnostics)
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    if !errors.is_empty() {
        super::print_diagnostics(&errors, Some(&project));
        return Err(fail(
            &file,
            report::justera_meeting_has_errors(errors.len()),
        ));
    }
    if !document::is_held(meeting) {
        return Err(vec![
            Diagnostic::error(&file, None, report::justera_not_held())
                .with_hint(report::justera_not_held_hint()),
        ]);
    }

    let edited = with_justering(&text, meeting, &justering);
    let lock_path = file.with_extension("lock");
    if edited != text && lock_path.exists() {
        return Err(vec![
            Diagnostic::error(&file, None, report::justera_locked(&file_name(&lock_path)))
                .with_hint(report::justera_locked_hint(
                    &lock_path.display().to_string(),
                )),
        ]);
    }

    // The edited file as the next `check` will read it: refused, with the
    // reason, if the dates the law sets do not hold.
    super::refuse_errors_in_edit(
        folder,
        organ,
        &file,
        meeting.first,
        &edited,
        Rules::Automatic,
    )?;
    if let Some(posted) = justering.posted {
        let deadline = last_posting_day(justering.date);
        if posted > deadline {
            return Err(vec![
                Diagnostic::error(
                    &file,
                    None,
                    report::justera_posted_late(posted, deadline, justering.date),
                )
                .with_hint(report::justera_posted_late_hint()),
            ]);
        }
    }

    let changed = edited != text;
    if changed {
        write_atomic(&file, edited.as_bytes()).map_err(|e| fail(&file, e.to_string()))?;
    }

    // The final documents, made from the file as it now stands.
    let project = build::load(&paths, &config, BTreeMap::new())?;
    let emitter = build::new_emitter(&project)?;
    let round = build::build_round(&project, &emitter, &config, None);
    if round.failed > 0 {
        return Ok(ExitCode::FAILURE);
    }
    let Some((folder, meeting_file)) = project.selected_meetings().next() else {
        return Err(fail(&file, report::justera_needs_a_meeting_file()));
    };
    let Ok(meeting) = &meeting_file.meeting else {
        return Err(fail(&file, report::justera_needs_a_meeting_file()));
    };
    let documents = build::final_documents(&config.out, folder, meeting)
        .map_err(|e| fail(&file, e.to_string()))?
        .into_iter()
        .map(|(path, bytes)| LockedFile {
            path: slashed(&path),
            sha256: sha256_hex(&bytes),
        })
        .collect();
    let organ_text = project.text(&folder.file).unwrap_or_default();
    let lock = Lock {
        program: format!("protokoll {}", env!("CARGO_PKG_VERSION")),
        adjusted: justering.date.to_string(),
        meeting: LockedFile {
            path: file_name(&file),
            sha256: sha256_hex(project.text(&file).unwrap_or_default().as_bytes()),
        },
        organ: LockedFile {
            path: "organ.yaml".to_owned(),
            sha256: sha256_hex(organ_text.as_bytes()),
        },
        assets: folder
            .assets_named(attachment_files(&meeting.meeting))
            .into_iter()
            .map(|asset| LockedFile {
                path: asset.relative.clone(),
                sha256: sha256_hex(&asset.bytes),
            })
            .collect(),
        documents,
        corrections: meeting.meeting.corrections.len(),
    };
    let json = lock.to_json();
    let lock_changed = std::fs::read(&lock_path).map_or(true, |old| old != json);
    if lock_changed {
        write_atomic(&lock_path, &json).map_err(|e| fail(&lock_path, e.to_string()))?;
    }
    let summary = if changed || lock_changed {
        report::justerad(
            &file.display().to_string(),
            justering.date,
            justering.posted,
            lock.documents.len(),
            &file_name(&lock_path),
        )
    } else {
        report::justerad_already(&file.display().to_string())
    };
    eprintln!("{summary}");
    Ok(ExitCode::SUCCESS)
}

/// The meeting file's text with `justering:` (and `anslag:`) as asked; a
/// value the command was not given keeps what the file says.
fn with_justering(text: &str, meeting: &NumberedMeeting, justering: &Justering) -> String {
    let existing = meeting.meeting.adjustment.as_ref();
    let place = justering
        .place
        .clone()
        .or_else(|| existing.and_then(|a| a.place.clone()));
    let time = justering
        .time
        .or_else(|| existing.and_then(|a| a.time.as_ref().map(|t| t.value)));
    let mut block = format!(
        "justering:\n  datum: {}\n  sätt: {}\n",
        justering.date,
        manner_key(justering.manner)
    );
    if let Some(place) = place {
        block.push_str(&format!("  plats: {}\n", yaml_scalar(&place)));
    }
    if let Some(time) = time {
        block.push_str(&format!(
            "  tid: {}\n",
            yaml_quoted(&time.0.format("%H:%M").to_string())
        ));
    }
    let mut edited = edit::set_top_level_key(text, "justering", &block, &AFTER_JUSTERING);
    if let Some(posted) = justering.posted {
        let mut block = format!("anslag:\n  uppsatt: {posted}\n");
        let note = meeting
            .meeting
            .posting
            .as_ref()
            .and_then(|p| p.note.as_ref());
        if let Some(note) = note {
            block.push_str(&format!("  anmärkning: {}\n", yaml_scalar(&note.value)));
        }
        edited = edit::set_top_level_key(&edited, "anslag", &block, &AFTER_ANSLAG);
    }
    edited
}

fn manner_key(manner: AdjustmentManner) -> &'static str {
    match manner {
        AdjustmentManner::Oral => "muntligen",
        AdjustmentManner::Digital => "digitalt",
        AdjustmentManner::Paper => "på papper",
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
