//! `new`: the next meeting file of an organ, written once and never over
//! another (see [`crate::scaffold`]).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Datelike, NaiveDate};

use crate::diagnostic::Diagnostic;
use crate::messages::report;
use crate::model::ParagraphSet;
use crate::number::{self, MeetingSummary};
use crate::output::{WriteError, write_new};
use crate::parse;
use crate::project::{self, LoadOptions, TemplateSource};
use crate::scaffold::{self, NewMeeting};

use super::{fail, load_failed};

/// The meeting schema from a file at `<organ>/<år>/<datum>.yaml`, where
/// `protokoll schema --out schema/` beside `meetings/` puts it.
const SCHEMA_FROM_MEETING: &str = "../../../schema/meeting.schema.json";

pub(super) fn run(organ_dir: PathBuf, date: NaiveDate) -> Result<ExitCode, Vec<Diagnostic>> {
    if !organ_dir.join("organ.yaml").is_file() {
        return Err(vec![
            Diagnostic::error(&organ_dir, None, report::not_an_organ_folder())
                .with_hint(report::not_an_organ_folder_hint()),
        ]);
    }
    let target = organ_dir
        .join(date.year().to_string())
        .join(format!("{date}.yaml"));
    if target.exists() {
        return Err(exists(&target));
    }
    let options = LoadOptions {
        paths: vec![organ_dir.clone()],
        templates: TemplateSource::BuiltIn,
        already_read: Default::default(),
    };
    let loaded =
        project::load(&options).map_err(|e| load_failed(std::slice::from_ref(&organ_dir), &e))?;
    let project = number::number_all(loaded);
    let Some(folder) = project.organs.first() else {
        return Err(fail(&organ_dir, report::not_an_organ_folder()));
    };
    let organ = folder
        .organ
        .as_ref()
        .map_err(|e| e.to_diagnostics(&folder.file))?;
    let previous = folder
        .meetings
        .iter()
        .filter_map(|m| m.meeting.as_ref().ok())
        .filter(|m| m.meeting.date.value.0 < date)
        .max_by_key(|m| m.meeting.date.value.0);
    // The number stage's own rule, for a meeting not yet written.
    let summaries = folder.summaries();
    let this = MeetingSummary {
        file: target.clone(),
        date,
        first_paragraph: None,
        paragraph_count: scaffold::STANDING_ITEMS.len() as u32,
    };
    let first_paragraph = number::first_paragraph(&this, &summaries);
    let first_paragraph =
        ParagraphSet::of_numbers(&[first_paragraph]).label(organ.paragraph_prefix.as_deref());
    let text = scaffold::meeting_file(&NewMeeting {
        organ,
        previous,
        date,
        first_paragraph: &first_paragraph,
        schema: SCHEMA_FROM_MEETING,
    });
    // What `new` writes must read back; a failure here is our bug, shown
    // with the line it is on.
    parse::parse_meeting(&target, &text).map_err(|e| e.to_diagnostics())?;
    match write_new(&target, text.as_bytes()) {
        Ok(()) => {}
        Err(WriteError { source, .. }) if source.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(exists(&target));
        }
        Err(error) => return Err(fail(&target, error.to_string())),
    }
    eprintln!(
        "{}",
        report::new_meeting_written(
            &target.display().to_string(),
            &organ.name,
            date,
            &first_paragraph
        )
    );
    Ok(ExitCode::SUCCESS)
}

fn exists(target: &Path) -> Vec<Diagnostic> {
    vec![
        Diagnostic::error(target, None, report::meeting_file_exists())
            .with_hint(report::meeting_file_exists_hint()),
    ]
}
