//! A job's fingerprint: BLAKE3 over everything that shapes a document's
//! bytes. Two builds whose fingerprints agree make the same PDF, so a
//! document whose fingerprint is recorded for the file in the output folder
//! need not be typeset again.
//!
//! What goes in: the program (version and build, which covers the embedded
//! fonts and the typesetter), the whole template set, the document's kind
//! (with signature fields or not) and output path (its PDF identifier
//! derives from the path), the organ file, the source file, the meeting's first § number (a § added to an
//! earlier meeting renumbers this one), the logo and bilagor it uses, and
//! the delegationsbeslut its § lists.

use std::path::Path;

use super::Fingerprint;
use crate::document::MeetingDocument;
use crate::model::NumberedMeeting;
use crate::project::{self, ContentHash, DelegationFile, MeetingFile, OrganFolder, Project};

/// Bumped when what a fingerprint covers changes.
const SCHEME: &str = "protokoll-fingerprint-2";

/// Fingerprints for one project: the parts shared by every job, hashed once.
pub(super) struct Fingerprinter {
    shared: blake3::Hasher,
}

impl Fingerprinter {
    pub(super) fn new(project: &Project, program: &str) -> Self {
        let mut shared = blake3::Hasher::new();
        field(&mut shared, SCHEME.as_bytes());
        field(&mut shared, program.as_bytes());
        field(&mut shared, &project.templates_hash().0);
        Fingerprinter { shared }
    }

    fn start(
        &self,
        output: &Path,
        organ: &OrganFolder<NumberedMeeting>,
        source: ContentHash,
    ) -> blake3::Hasher {
        let mut hasher = self.shared.clone();
        field(&mut hasher, output.to_string_lossy().as_bytes());
        field(&mut hasher, &organ.hash.0);
        field(&mut hasher, &source.0);
        hasher
    }

    pub(super) fn meeting(
        &self,
        organ: &OrganFolder<NumberedMeeting>,
        file: &MeetingFile<NumberedMeeting>,
        meeting: &NumberedMeeting,
        listed_delegations: &[usize],
        (document, signature_fields): (MeetingDocument, bool),
        output: &Path,
    ) -> Fingerprint {
        let mut hasher = self.start(output, organ, file.hash);
        // The same document with signature fields is other bytes; without,
        // the field is as it always was, so no cache entry goes stale.
        let kind = match signature_fields {
            true => format!("{document:?} med signaturfält"),
            false => format!("{document:?}"),
        };
        field(&mut hasher, kind.as_bytes());
        field(&mut hasher, &meeting.first.0.to_le_bytes());
        for asset in organ.assets_named(project::attachment_files(&meeting.meeting)) {
            field(&mut hasher, asset.relative.as_bytes());
            field(&mut hasher, &asset.hash.0);
        }
        for &index in listed_delegations {
            field(&mut hasher, &organ.delegations[index].hash.0);
        }
        ContentHash(*hasher.finalize().as_bytes())
    }

    pub(super) fn delegation(
        &self,
        organ: &OrganFolder<NumberedMeeting>,
        file: &DelegationFile,
        output: &Path,
    ) -> Fingerprint {
        let mut hasher = self.start(output, organ, file.hash);
        field(&mut hasher, b"delegationsbeslut");
        for asset in organ.assets_named([]) {
            field(&mut hasher, &asset.hash.0);
        }
        ContentHash(*hasher.finalize().as_bytes())
    }
}

/// One length-prefixed field, so that no two different sequences of fields
/// hash alike.
fn field(hasher: &mut blake3::Hasher, bytes: &[u8]) {
    hasher.update(&(bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}
