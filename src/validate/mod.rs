//! Checks a parsed meeting against the rules of FORMAT.md that a protocol
//! cannot be printed without. Every problem is collected, none stops the
//! others, and each points at the value it is about.
//!
//! One file per rule family:
//!
//! | file | rules |
//! |---|---|
//! | `people.rs` | ordförande and justerare are beslutande; nobody listed twice |
//! | `dates.rs` | `tid`, `justering.datum`, `anslag.uppsatt` (lag 1930:173) |
//! | `votes.rs` | omröstning, reservationer and jäv name beslutande taking part |
//! | `participation.rs` | `paragrafer` within the meeting, `ersätter`, quorum |
//! | `numbering.rs` | § numbers unique and gap-free through the organ's year |
//! | `content.rs` | empty §§, misspelt names in the text (warnings) |

mod content;
mod dates;
mod numbering;
mod participation;
mod people;
mod votes;

#[cfg(test)]
mod testing;

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::model::{NumberedMeeting, Organ, Person};
use crate::number::MeetingSummary;

/// What the rules look at: one numbered meeting in the light of its organ.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    /// The meeting file (diagnostics point into it).
    pub file: &'a Path,
    /// The organ.
    pub organ: &'a Organ,
    /// The meeting, numbered (rules about §§ speak of printed numbers).
    pub meeting: &'a NumberedMeeting,
    /// The organ's other meetings, any year, for rules across files.
    pub organ_meetings: &'a [MeetingSummary],
}

/// Everything wrong with the meeting, errors and warnings, in file order.
pub fn validate(subject: &Subject) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    people::check(subject.file, &subject.meeting.meeting, &mut found);
    dates::check(subject, &mut found);
    // The rules below speak of § numbers; they need numbers that exist.
    if numbering::within_bounds(subject, &mut found) {
        votes::check(subject, &mut found);
        participation::check(subject, &mut found);
        numbering::check(subject, &mut found);
        content::check(subject, &mut found);
    }
    found.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
    found
}

/// The rules a meeting being planned is held to, for its kallelse: dates and
/// § numbering. Who attended, voted or signed is not known yet.
pub fn validate_plan(subject: &Subject) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    dates::check(subject, &mut found);
    if numbering::within_bounds(subject, &mut found) {
        numbering::check(subject, &mut found);
    }
    found.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
    found
}

/// Whether `person` took part in § `number`: everyone does, unless their
/// `paragrafer` say otherwise.
fn takes_part(person: &Person, number: u32) -> bool {
    person
        .paragraphs
        .as_ref()
        .is_none_or(|set| set.value.contains(number))
}

/// "§ 7" or "§§ 1–3, 9" for a sorted list of numbers.
fn paragraph_list(numbers: &[u32]) -> String {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for &n in numbers {
        match ranges.last_mut() {
            Some((_, end)) if n == *end + 1 => *end = n,
            _ => ranges.push((n, n)),
        }
    }
    let set = crate::model::ParagraphSet { ranges };
    if numbers.len() == 1 {
        format!("§ {set}")
    } else {
        format!("§§ {set}")
    }
}

/// "§ 9" or "§§ 1–7" for a person's `paragrafer`.
fn set_list(set: &crate::model::ParagraphSet) -> String {
    match set.ranges.as_slice() {
        [(a, b)] if a == b => format!("§ {a}"),
        _ => format!("§§ {set}"),
    }
}

/// The file name alone, as a secretary sees it in the organ's folder.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
