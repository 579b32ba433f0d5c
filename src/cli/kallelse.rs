//! `kallelse --skicka`: make the kallelse of each meeting as its file stands,
//! then record in the file that it was sent (`kallelse: {utskickad: D}`).
//! From then on the plan keeps that PDF as it is: the kallelse is an allmän
//! handling as sent, whatever the minutes later written into the same file.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::diagnostic::Diagnostic;
use crate::edit;
use crate::messages::report;
use crate::output::write_atomic;
use crate::plan::Request;
use crate::validate::Rules;

use super::build::{self, Config};
use super::{OutputArgs, fail};

/// Keys a new `kallelse:` goes before, in a file that has none.
const AFTER_NOTICE: [&str; 6] = [
    "justering",
    "anslag",
    "kungörelse",
    "maskera",
    "rättelser",
    "paragrafer",
];

pub(super) fn send(
    files: Vec<PathBuf>,
    sent: NaiveDate,
    output: OutputArgs,
) -> Result<ExitCode, Vec<Diagnostic>> {
    let config = Config::new(Request::Notice, &output, &files);
    let project = build::load(&files, &config, BTreeMap::new())?;
    // Each file edited and checked first: a refusal writes nothing, for
    // any of them.
    let mut to_mark = Vec::new();
    let mut already = Vec::new();
    for (folder, file) in project.selected_meetings() {
        let path = file.path.clone();
        let (Ok(organ), Ok(meeting)) = (&folder.organ, &file.meeting) else {
            continue;
        };
        if let Some(notice) = &meeting.meeting.notice {
            let recorded = notice.sent.value.0;
            if recorded != sent {
                return Err(vec![
                    Diagnostic::error(&path, None, report::notice_sent_already(recorded))
                        .with_hint(report::notice_sent_already_hint()),
                ]);
            }
            already.push(path);
            continue;
        }
        if file.lock.is_some() {
            return Err(fail(&path, report::notice_of_locked_meeting()));
        }
        let text = project.text(&path).unwrap_or_default();
        let block = format!("kallelse:\n  utskickad: {sent}\n");
        let edited = edit::set_top_level_key(text, "kallelse", &block, &AFTER_NOTICE);
        // The file as the next `check` will read it (a date after the
        // meeting is refused there, with its reason).
        super::refuse_errors_in_edit(folder, organ, &path, meeting.first, &edited, Rules::Plan)?;
        to_mark.push((path, edited));
    }

    let emitter = build::new_emitter(&project)?;
    let round = build::build_round(&project, &emitter, &config, None);
    if round.failed > 0 {
        return Ok(ExitCode::FAILURE);
    }

    for (path, edited) in &to_mark {
        write_atomic(path, edited.as_bytes()).map_err(|e| fail(path, e.to_string()))?;
        eprintln!("{}", report::notice_sent(&path.display().to_string(), sent));
    }
    for path in &already {
        eprintln!(
            "{}",
            report::notice_sent_unchanged(&path.display().to_string(), sent)
        );
    }
    Ok(ExitCode::SUCCESS)
}
