//! `export`: build what is out of date, then write the package for the
//! diarium and the e-archive: a BagIt bag holding an E-ARK CSIP package of
//! every justerat meeting built without errors, its documents and the files
//! they came from.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::diagnostic::Diagnostic;
use crate::document;
use crate::emit::package::{self, ArchivedMeeting, PackageInput};
use crate::messages::report;
use crate::output::folder::{Folder, write_folder};
use crate::plan::Request;

use super::build::{self, BuiltMeeting, Config};
use super::{OutputArgs, default_paths, fail};

pub(super) fn run(
    paths: Vec<PathBuf>,
    out: Option<PathBuf>,
    today: Option<NaiveDate>,
    signature_fields: bool,
    output: OutputArgs,
) -> Result<ExitCode, Vec<Diagnostic>> {
    let paths = default_paths(paths);
    let request = Request::Applicable {
        web: false,
        signature_fields,
    };
    let config = Config::new(request, &output, &paths);
    let out = out.unwrap_or_else(|| config.out.with_file_name("export"));
    let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let project = build::load(&paths, &config, BTreeMap::new())?;
    let emitter = build::new_emitter(&project)?;
    let round = build::build_round(&project, &emitter, &config, None);

    let mut archived = Vec::new();
    let mut not_adjusted = 0;
    let mut publisher = None;
    for BuiltMeeting {
        folder,
        file,
        organ,
        meeting,
    } in round.built_meetings(&project)
    {
        // Only a final protocol goes to the archive; a kallelse alone is
        // not yet a matter for it.
        let final_adjustment = meeting.meeting.adjustment.as_ref();
        let Some(adjustment) = final_adjustment.filter(|_| document::is_final(meeting)) else {
            not_adjusted += 1;
            continue;
        };
        let held = meeting.meeting.date.value.0;
        let documents = build::final_documents(&config.out, folder, meeting)
            .map_err(|e| fail(&file.path, e.to_string()))?
            .into_iter()
            .map(|(path, bytes)| (path.to_string_lossy().replace('\\', "/"), bytes))
            .collect();
        let text = |path: &std::path::Path| {
            project
                .text(path)
                .map(|t| t.as_bytes().to_vec())
                .unwrap_or_default()
        };
        let meeting_path = file.path.strip_prefix(&folder.dir).unwrap_or(&file.path);
        publisher = publisher.or_else(|| organ.principal.clone());
        archived.push(ArchivedMeeting {
            organ_dir: folder.name.clone(),
            organ_name: organ.name.clone(),
            organ_file: text(&folder.file),
            meeting_path: meeting_path.to_string_lossy().replace('\\', "/"),
            meeting_file: text(&file.path),
            lock_file: file
                .lock
                .as_ref()
                .and_then(|l| l.as_ref().ok())
                .map(|l| l.to_json()),
            held,
            adjusted: adjustment.date.value.0,
            documents,
        });
    }
    let publisher = publisher.unwrap_or_else(report::default_publisher);
    let input = PackageInput {
        publisher: &publisher,
        today,
        meetings: &archived,
    };
    let files = package::package(&input);
    let folder = Folder {
        made: files,
        linked: BTreeMap::new(),
    };
    if let Err(error) = write_folder(&out, &folder) {
        eprintln!("{}", report::package_not_written(&error.to_string()));
        return Ok(ExitCode::FAILURE);
    }
    let documents = archived.iter().map(|m| m.documents.len()).sum();
    eprintln!(
        "{}",
        report::exported(&out.display().to_string(), archived.len(), documents)
    );
    if not_adjusted > 0 {
        eprintln!("{}", report::not_adjusted_left_out(not_adjusted));
    }
    if round.failed > 0 {
        eprintln!("{}", report::meetings_left_out_of_package(round.failed));
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
