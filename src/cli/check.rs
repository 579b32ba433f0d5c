//! `check`: load → number → validate, and print every finding; no PDFs.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::diagnostic::{self, Diagnostic, Severity};
use crate::messages::report;
use crate::number;
use crate::project::{self, LoadOptions, TemplateSource};
use crate::validate::{self, FileKind, Rules};

use super::{Format, default_paths, load_failed, print_diagnostics};

pub(super) fn run(paths: Vec<PathBuf>, format: Format) -> Result<ExitCode, Vec<Diagnostic>> {
    let paths = default_paths(paths);
    let options = LoadOptions {
        paths: paths.clone(),
        // `check` renders nothing, so a broken template folder is `build`'s to report.
        templates: TemplateSource::BuiltIn,
        already_read: Default::default(),
    };
    let loaded = project::load(&options).map_err(|e| load_failed(&paths, &e))?;
    let organs = loaded.organs.iter().filter(|o| o.named).count();
    let meetings = loaded.selected_meetings().count() + loaded.unplaced.len();
    let delegations = loaded.selected_delegations().count();
    if meetings == 0 && organs == 0 && delegations == 0 {
        return Err(vec![
            Diagnostic::error(&paths[0], None, report::no_meeting_or_organ_files())
                .with_hint(report::outside_a_project_hint()),
        ]);
    }
    let project = number::number_all(loaded);
    let findings =
        validate::validate_project(&project, Rules::Automatic, &validate::Known::default());

    // Organ files come first; a meeting repeats its organ's error, which is
    // shown once.
    let mut unique: Vec<Diagnostic> = Vec::new();
    let ordered = [FileKind::Organ, FileKind::Meeting, FileKind::Delegation];
    for kind in ordered {
        for file in findings.files.iter().filter(|f| f.kind == kind) {
            for diagnostic in &file.diagnostics {
                if !unique.contains(diagnostic) {
                    unique.push(diagnostic.clone());
                }
            }
        }
    }

    let errors = unique
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    match format {
        Format::Human => {
            print_diagnostics(&unique, Some(&project));
            eprintln!(
                "{}",
                report::check_summary(errors, unique.len() - errors, meetings, delegations, organs)
            );
        }
        Format::Json => {
            for diagnostic in &unique {
                println!(
                    "{}",
                    diagnostic::to_json_line(diagnostic, project.text(&diagnostic.file))
                );
            }
        }
    }
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
