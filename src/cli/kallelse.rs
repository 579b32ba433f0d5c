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
use crate::parse;
use crate::plan::Request;

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
    // Each file checked first: a refusal writes nothing, for any of them.
    let mut to_mark = Vec::new();
    let mut already = Vec::new();
    for (_, file) in project.selected_meetings() {
        let path = file.path.clone();
        let Ok(meeting) = &file.meeting else {
            continue;
        };
        let date = meeting.meeting.date.value.0;
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
        if sent > date {
            return Err(fail(&path, report::notice_sent_after_meeting(sent, date)));
        }
        if file.lock.is_some() {
            return Err(fail(&path, report::notice_of_locked_meeting()));
        }
        to_mark.push(path);
    }

    let emitter = build::new_emitter(&project)?;
    let round = build::build_round(&project, &emitter, &config, None);
    if round.failed > 0 {
        return Ok(ExitCode::FAILURE);
    }

    for path in &to_mark {
        let text = project.text(path).unwrap_or_default();
        let block = format!("kallelse:\n  utskickad: {sent}\n");
        let edited = edit::set_top_level_key(text, "kallelse", &block, &AFTER_NOTICE);
        // Parsed again before it is written: the edit must leave a file
        // that reads as before, with the kallelse sent.
        parse::parse_meeting(path, &edited).map_err(|e| e.to_diagnostics())?;
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
