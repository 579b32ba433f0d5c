//! `publish`: build what is out of date (web versions included), then write
//! the site (the anslagstavla of `--idag` with its feed and appeal page, the
//! archive, the ärende pages, the manifest and checksums), made from the
//! web editions of the meetings built without errors.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::diagnostic::Diagnostic;
use crate::document::MeetingDocument;
use crate::emit::site::{ProclaimedMeeting, PublishedMeeting, SiteEmitter, SiteInput};
use crate::messages::report;
use crate::output::folder::{read_document, write_folder};
use crate::plan::{self, Request};
use crate::redact;

use super::build::{self, Config};
use super::{OutputArgs, default_paths, fail};

pub(super) fn run(
    paths: Vec<PathBuf>,
    site: Option<PathBuf>,
    today: Option<NaiveDate>,
    address: Option<String>,
    output: OutputArgs,
) -> Result<ExitCode, Vec<Diagnostic>> {
    let paths = default_paths(paths);
    let config = Config::new(Request::Applicable { web: true }, &output, &paths);
    let site = site.unwrap_or_else(|| config.out.with_file_name("site"));
    let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let project = build::load(&paths, &config, BTreeMap::new())?;
    let emitter = build::new_emitter(&project)?;
    let site_emitter =
        SiteEmitter::new(&project.templates).map_err(|e| fail(&site, e.to_string()))?;
    let round = build::build_round(&project, &emitter, &config, None);

    let mut published = Vec::new();
    let mut proclaimed = Vec::new();
    let mut publisher = None;
    for (folder, file) in project.selected_meetings() {
        let (Ok(organ), Ok(meeting)) = (&folder.organ, &file.meeting) else {
            continue;
        };
        // A file with errors keeps whatever the site showed of it before
        // out of this one too.
        if round.failed_files.contains(&file.path) {
            continue;
        }
        let proclaims = meeting.meeting.proclamation.is_some();
        // Only a justerat protocol of a meeting held is published.
        let publishes = meeting.meeting.adjustment.is_some() && crate::document::is_held(meeting);
        if !(proclaims || publishes) {
            continue;
        }
        let edition = redact::for_web(organ, meeting, &[]);
        if proclaims {
            proclaimed.push(ProclaimedMeeting {
                organ: edition.organ.clone(),
                meeting: edition.meeting.clone(),
            });
        }
        if !publishes {
            continue;
        }
        let date = meeting.meeting.date.value.0;
        let pdf_path = plan::meeting_output(folder, date, MeetingDocument::WebProtocol);
        let pdf =
            read_document(&config.out, &pdf_path).map_err(|e| fail(&file.path, e.to_string()))?;
        publisher = publisher.or_else(|| edition.organ.principal.clone());
        published.push(PublishedMeeting {
            organ_dir: folder.name.clone(),
            organ: edition.organ,
            meeting: edition.meeting,
            pdf_path: pdf_path.to_string_lossy().replace('\\', "/"),
            pdf,
        });
    }
    let publisher = publisher.unwrap_or_else(report::default_publisher);
    let input = SiteInput {
        publisher: &publisher,
        today,
        meetings: &published,
        proclaimed: &proclaimed,
        address: address.as_deref(),
    };
    let (files, notices) = site_emitter
        .emit(&input)
        .map_err(|e| fail(&site, e.to_string()))?;
    if let Err(error) = write_folder(&site, &files) {
        eprintln!("{}", report::site_not_written(&error.to_string()));
        return Ok(ExitCode::FAILURE);
    }
    eprintln!(
        "{}",
        report::published(&site.display().to_string(), notices, published.len())
    );
    if address.is_none() {
        eprintln!("{}", report::no_open_data());
    }
    if round.failed > 0 {
        eprintln!("{}", report::meetings_left_out(round.failed));
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
