//! The lock of a justerat meeting (`<datum>.lock`, written by `justera`):
//! after justering the meeting file may change only with a new rättelse.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::messages::validate::lock as say;
use crate::model::{Lock, NumberedMeeting};
use crate::project::LockError;

/// An error when the locked meeting file changed without a rättelse to
/// say so, or when its lock cannot be read.
pub(super) fn check(
    file: &Path,
    text: &str,
    meeting: &NumberedMeeting,
    lock: Option<&Result<Lock, LockError>>,
    found: &mut Vec<Diagnostic>,
) {
    let lock_name = file
        .with_extension("lock")
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    match lock {
        None => {}
        Some(Err(error)) => found.push(
            Diagnostic::error(
                file,
                None,
                say::lock_unreadable(&lock_name, &error.to_string()),
            )
            .with_hint(say::lock_unreadable_hint(&lock_name)),
        ),
        Some(Ok(lock)) => {
            let corrected = meeting.meeting.corrections.len() > lock.corrections;
            if !lock.is_of(text) && !corrected {
                found.push(
                    Diagnostic::error(file, None, say::changed_after_adjustment(&lock.adjusted))
                        .with_hint(say::changed_after_adjustment_hint(&lock_name)),
                );
            }
        }
    }
}
