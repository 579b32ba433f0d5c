//! Test helpers: a meeting written inline, run through one rule family, with
//! each finding as (severity, message, line, column).

use std::path::Path;

use crate::diagnostic::{Diagnostic, Severity, line_column};
use crate::number::{self, MeetingSummary};
use crate::parse::{parse_meeting, parse_organ};

use super::Subject;

/// One finding, positioned as the secretary's editor shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Found {
    pub severity: Severity,
    pub message: String,
    pub hints: Vec<String>,
    pub line: usize,
    pub column: usize,
}

/// A rule family's entry point.
pub(super) type Rule = fn(&Subject, &mut Vec<Diagnostic>);

/// The organ used when a test does not care about it.
pub(super) const ORGAN: &str = "namn: Provnämnden\n";

/// Runs `rule` on `meeting` (YAML) of `organ` (YAML), with the organ's other
/// meetings `others`.
pub(super) fn run_with(
    rule: Rule,
    organ: &str,
    meeting: &str,
    others: &[MeetingSummary],
) -> Vec<Found> {
    run_at(rule, Path::new("m.yaml"), organ, meeting, others)
}

/// Runs `rule` as [`run_with`] does, the meeting being the file `file`.
pub(super) fn run_at(
    rule: Rule,
    file: &Path,
    organ: &str,
    meeting: &str,
    others: &[MeetingSummary],
) -> Vec<Found> {
    let organ = parse_organ(Path::new("organ.yaml"), organ).expect("organ parses");
    let parsed = parse_meeting(file, meeting).expect("meeting parses");
    let numbered = number::number(parsed, others);
    let subject = Subject {
        file,
        text: meeting,
        organ: &organ,
        meeting: &numbered,
        organ_meetings: others,
    };
    let mut found = Vec::new();
    rule(&subject, &mut found);
    found.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
    found
        .into_iter()
        .map(|d| {
            let span = d.span.expect("every finding is located");
            let (line, column) = line_column(meeting, span.start);
            Found {
                severity: d.severity,
                message: d.message,
                hints: d.hints,
                line,
                column,
            }
        })
        .collect()
}

/// Runs `rule` on `meeting` of a bare organ with no other meetings.
pub(super) fn run(rule: Rule, meeting: &str) -> Vec<Found> {
    run_with(rule, ORGAN, meeting, &[])
}

/// The single finding of a run, with its message and position.
pub(super) fn only(found: &[Found]) -> (Severity, &str, usize, usize) {
    assert_eq!(found.len(), 1, "expected one finding, got {found:#?}");
    let f = &found[0];
    (f.severity, f.message.as_str(), f.line, f.column)
}

/// A meeting on 2021-03-10 (a Wednesday) with three beslutande (A, B, C) and
/// the given tail appended (justering, anslag, paragrafer …).
pub(super) fn meeting(tail: &str) -> String {
    format!(
        "datum: 2021-03-10\n\
         tid: \"09:00–12:00\"\n\
         plats: Kommunhuset\n\
         beslutande:\n  - namn: Anna Andersson\n  - namn: Bertil Berg\n  - namn: Cecilia Ceder\n\
         ordförande: Anna Andersson\n\
         sekreterare: Doris Dahl\n\
         justerare: [Bertil Berg]\n\
         {tail}"
    )
}
