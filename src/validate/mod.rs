//! Checks a parsed meeting against the rules of FORMAT.md that a protocol
//! cannot be printed without. Every problem is collected, none stops the
//! others, and each points at the value it is about.
//!
//! The full rule set (dates, votes, quorum, numbering across files) grows
//! here, one file per rule family.

mod people;

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::model::{NumberedMeeting, Organ};
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
    found.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
    found
}
