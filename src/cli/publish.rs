//! `publish`: build what is out of date (web versions included), then write
//! the site (the anslagstavla of `--idag` with its feed and appeal page, the
//! archive, the ärende pages, the manifest and checksums), made from the
//! web editions of the meetings built without errors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::document::MeetingDocument;
use crate::emit::site::{PdfFacts, ProclaimedMeeting, PublishedMeeting, SiteEmitter, SiteInput};
use crate::messages::report;
use crate::output::folder::{Folder, read_document, write_folder};
use crate::output::write_atomic;
use crate::plan::{self, Request};
use crate::project::Project;
use crate::redact;

use super::build::{self, BuiltMeeting, Config};
use super::{OutputArgs, default_paths, fail};

pub(super) fn run(
    paths: Vec<PathBuf>,
    site: Option<PathBuf>,
    today: Option<NaiveDate>,
    address: Option<String>,
    signature_fields: bool,
    output: OutputArgs,
) -> Result<ExitCode, Vec<Diagnostic>> {
    let paths = default_paths(paths);
    let request = Request::Applicable {
        web: true,
        signature_fields,
    };
    let config = Config::new(request, &output, &paths);
    let site = site.unwrap_or_else(|| config.out.with_file_name("site"));
    let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let project = build::load(&paths, &config, BTreeMap::new())?;
    let emitter = build::new_emitter(&project)?;
    let site_emitter =
        SiteEmitter::new(&project.templates).map_err(|e| fail(&site, e.to_string()))?;
    let round = build::build_round(&project, &emitter, &config, None);
    let key = publish_key(
        &project,
        &site,
        today,
        address.as_deref(),
        &round.failed_files,
    );
    if round.written == 0
        && let Some(last) = read_publish_key(&config.out, &site)
        && last.key == key
    {
        // Nothing the site is made of changed since it was written.
        report_published(&site, last.notices, last.meetings, address.is_none());
        return Ok(left_out(round.failed));
    }

    let mut published = Vec::new();
    let mut proclaimed = Vec::new();
    let mut publisher = None;
    for BuiltMeeting {
        folder,
        file,
        organ,
        meeting,
    } in round.built_meetings(&project)
    {
        let proclaims = meeting.meeting.proclamation.is_some();
        let publishes = crate::document::is_final(meeting);
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
        publisher = publisher.or_else(|| edition.organ.principal.clone());
        published.push((file.path.as_path(), folder.name.clone(), pdf_path, edition));
    }
    // Each web PDF is read once, on every core, for its size and checksums;
    // the site links to the file in the output folder rather than hold it.
    let published: Vec<PublishedMeeting> = published
        .into_par_iter()
        .map(|(source, organ_dir, pdf_path, edition)| {
            let pdf =
                read_document(&config.out, &pdf_path).map_err(|e| fail(source, e.to_string()))?;
            Ok(PublishedMeeting {
                organ_dir,
                organ: edition.organ,
                meeting: edition.meeting,
                pdf_path: pdf_path.to_string_lossy().replace('\\', "/"),
                pdf: PdfFacts::of(&pdf),
            })
        })
        .collect::<Result<_, Vec<Diagnostic>>>()?;
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
    let linked = published
        .iter()
        .map(|m| (m.pdf_path.clone(), config.out.join(&m.pdf_path)))
        .collect();
    let folder = Folder {
        made: files,
        linked,
    };
    if let Err(error) = write_folder(&site, &folder) {
        eprintln!("{}", report::site_not_written(&error.to_string()));
        return Ok(ExitCode::FAILURE);
    }
    // Only once the site stands: the next publish may then trust it.
    let record = format!("{key}\n{notices}\n{}\n", published.len());
    let _ = write_atomic(&config.out.join(PUBLISH_KEY), record.as_bytes());
    report_published(&site, notices, published.len(), address.is_none());
    Ok(left_out(round.failed))
}

fn report_published(site: &Path, notices: usize, meetings: usize, no_address: bool) {
    eprintln!(
        "{}",
        report::published(&site.display().to_string(), notices, meetings)
    );
    if no_address {
        eprintln!("{}", report::no_open_data());
    }
}

fn left_out(failed: usize) -> ExitCode {
    if failed > 0 {
        eprintln!("{}", report::meetings_left_out(failed));
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// The file in the output folder (beside the build cache) that says what
/// the site was last made from.
const PUBLISH_KEY: &str = ".publicerad";

/// What the site is made of, hashed: the program, the day, the address,
/// every file of the organ folders touched and every template. The web PDFs
/// follow from those (the round just made them so).
fn publish_key(
    project: &Project,
    site: &Path,
    today: NaiveDate,
    address: Option<&str>,
    failed: &[PathBuf],
) -> String {
    let mut hasher = blake3::Hasher::new();
    let mut field = |bytes: &[u8]| {
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    field(build::program_id().as_bytes());
    field(today.to_string().as_bytes());
    field(address.unwrap_or_default().as_bytes());
    field(site.to_string_lossy().as_bytes());
    for (name, text) in project.templates.files() {
        field(name.as_bytes());
        field(text.as_bytes());
    }
    for folder in &project.organs {
        field(folder.file.to_string_lossy().as_bytes());
        field(&folder.hash.0);
        for file in &folder.meetings {
            field(file.path.to_string_lossy().as_bytes());
            field(&file.hash.0);
            field(&[
                u8::from(file.selected),
                u8::from(failed.contains(&file.path)),
            ]);
        }
    }
    hasher.finalize().to_hex().to_string()
}

/// The last publish's key and summary, when its site still stands.
struct LastPublish {
    key: String,
    notices: usize,
    meetings: usize,
}

fn read_publish_key(out: &Path, site: &Path) -> Option<LastPublish> {
    let text = read_document(out, Path::new(PUBLISH_KEY)).ok()?;
    let text = String::from_utf8(text).ok()?;
    let mut lines = text.lines();
    let last = LastPublish {
        key: lines.next()?.to_owned(),
        notices: lines.next()?.parse().ok()?,
        meetings: lines.next()?.parse().ok()?,
    };
    // Every file the site listed is still there.
    let sums = read_document(site, Path::new("SHA256SUMS")).ok()?;
    let intact = String::from_utf8_lossy(&sums)
        .lines()
        .filter_map(|line| line.split_once("  "))
        .all(|(_, path)| site.join(path).is_file());
    intact.then_some(last)
}
