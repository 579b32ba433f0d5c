//! Checks a parsed meeting against the rules of FORMAT.md that a protocol
//! cannot be printed without. Every problem is collected, none stops the
//! others, and each points at the value it is about.
//!
//! The full rule set (dates, votes, quorum, numbering across files) grows
//! here, one file per rule family.

mod people;

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::model::{Meeting, Organ};

/// Everything wrong with `meeting` (read from `file`), errors and warnings.
pub fn validate(file: &Path, _organ: &Organ, meeting: &Meeting) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    people::check(file, meeting, &mut found);
    found
}
