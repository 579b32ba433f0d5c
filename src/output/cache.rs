//! The build cache: which document the last build wrote to each file of the
//! output folder, by fingerprint. It lives in the output folder itself
//! (`.byggcache.json`), so a copied or deleted output folder takes its
//! cache along.
//!
//! It can only make work be skipped, never a wrong PDF be kept: an entry
//! counts only while its file is there with the size and modification time
//! it was written with, and a cache that cannot be read, or was written by
//! another build of protokoll, is set aside whole.
//!
//! It also keeps each meeting's findings with the key they were found under
//! (see `validate::meeting_key`), so a rebuild checks only what changed and
//! still prints every warning.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::plan::{Fingerprint, Previous};
use crate::project::ContentHash;
use crate::validate::{Findings, Known};

/// The cache file's name inside the output folder.
pub const CACHE_FILE: &str = ".byggcache.json";

/// Bumped when the file's shape changes.
const FORMAT: u32 = 2;

/// The cache as read, and what the next build adds to it.
#[derive(Debug, Clone, Default)]
pub struct BuildCache {
    entries: BTreeMap<PathBuf, Entry>,
    findings: BTreeMap<PathBuf, Found>,
    /// Every PDF in the output folder when it was read.
    documents: BTreeSet<PathBuf>,
    /// What the last build was of, and what it printed.
    last_round: Option<LastRound>,
    /// Whether every document the cache recorded is there as written, and
    /// no other PDF is: only then can the last build's result stand.
    intact: bool,
}

/// A finished build without failures: the key of all it was made from
/// (the project's bytes, the program, the request) and the diagnostics it
/// printed, so the same build again can say the same without reading the
/// meetings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct LastRound {
    key: String,
    diagnostics: Vec<Diagnostic>,
}

/// Why a cache file was set aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ignored {
    /// There is none, in an output folder that already holds documents.
    Missing,
    /// It is not a cache file of this format.
    Unreadable,
    /// Another build of protokoll wrote it.
    OtherProgram,
}

impl std::fmt::Display for Ignored {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::messages::report;
        f.write_str(&match self {
            Ignored::Missing => report::cache_missing(),
            Ignored::Unreadable => report::cache_unreadable(),
            Ignored::OtherProgram => report::cache_from_another_program(),
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct File {
    format: u32,
    program: String,
    documents: BTreeMap<String, Entry>,
    /// Meeting file (as given on the command line) → its findings.
    findings: BTreeMap<PathBuf, Found>,
    /// Absent in a cache whose last build failed, or was a `watch` round.
    #[serde(default)]
    last_round: Option<LastRound>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Found {
    key: String,
    diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    fingerprint: String,
    size: u64,
    modified_ns: u128,
}

/// The size and modification time of `path`, as the cache records them.
fn stamp(path: &Path) -> Option<(u64, u128)> {
    let metadata = std::fs::metadata(path).ok()?;
    let modified = metadata.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some((metadata.len(), modified.as_nanos()))
}

impl BuildCache {
    /// Reads the cache of the output folder `out`, keeping only the entries
    /// whose files are there as written; `program` is this build's identity.
    pub fn read(out: &Path, program: &str) -> (BuildCache, Option<Ignored>) {
        // One walk of the output folder serves the notice and the plan.
        let documents: BTreeSet<PathBuf> = walkdir::WalkDir::new(out)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "pdf"))
            .filter_map(|e| e.path().strip_prefix(out).ok().map(Path::to_path_buf))
            .collect();
        let set_aside = |ignored: Option<Ignored>, documents| {
            let cache = BuildCache {
                documents,
                ..BuildCache::default()
            };
            (cache, ignored)
        };
        let Ok(text) = std::fs::read_to_string(out.join(CACHE_FILE)) else {
            let notice = (!documents.is_empty()).then_some(Ignored::Missing);
            return set_aside(notice, documents);
        };
        let file = match serde_json::from_str::<File>(&text) {
            Ok(file) if file.format == FORMAT => file,
            _ => return set_aside(Some(Ignored::Unreadable), documents),
        };
        if file.program != program {
            return set_aside(Some(Ignored::OtherProgram), documents);
        }
        let recorded = file.documents.len();
        let entries: BTreeMap<PathBuf, Entry> = file
            .documents
            .into_iter()
            .map(|(relative, entry)| (PathBuf::from(relative), entry))
            .filter(|(relative, entry)| {
                stamp(&out.join(relative)) == Some((entry.size, entry.modified_ns))
            })
            .collect();
        let intact = entries.len() == recorded && entries.keys().eq(documents.iter());
        let cache = BuildCache {
            entries,
            findings: file.findings,
            documents,
            last_round: file.last_round,
            intact,
        };
        (cache, None)
    }

    /// What the plan needs to know of the output folder: the recorded
    /// fingerprints and every PDF there.
    pub fn previous(&self) -> Previous {
        let fingerprints = self
            .entries
            .iter()
            .filter_map(|(relative, entry)| {
                parse_hex(&entry.fingerprint).map(|hash| (relative.clone(), hash))
            })
            .collect();
        Previous {
            fingerprints,
            documents: self.documents.clone(),
            changed_since_lock: BTreeSet::new(),
        }
    }

    /// The diagnostics the last build printed and the number of documents
    /// it left, when it was a build of `key` and the output folder is as
    /// it left it: then the same build has nothing to do.
    pub fn replay(&self, key: &ContentHash) -> Option<(&[Diagnostic], usize)> {
        let last = self.last_round.as_ref().filter(|_| self.intact)?;
        (last.key == key.hex()).then_some((&last.diagnostics, self.entries.len()))
    }

    /// Records what this build was of and printed (`None`: a build whose
    /// result must not stand for another, one that failed or a `watch`
    /// round); whether that differs from what was recorded.
    pub fn record_round(&mut self, round: Option<(ContentHash, Vec<Diagnostic>)>) -> bool {
        let round = round.map(|(key, diagnostics)| LastRound {
            key: key.hex(),
            diagnostics,
        });
        let changed = self.last_round != round;
        self.last_round = round;
        changed
    }

    /// Whether the output folder held any PDF when the cache was read.
    pub fn holds_documents(&self) -> bool {
        !self.documents.is_empty()
    }

    /// The findings of the last build, for validation to reuse.
    pub fn known_findings(&self) -> Known {
        let meetings = self
            .findings
            .iter()
            .filter_map(|(file, found)| {
                let key = parse_hex(&found.key)?;
                Some((file.clone(), (key, found.diagnostics.clone())))
            })
            .collect();
        Known { meetings }
    }

    /// Records this build's findings of meetings; whether any differ from
    /// those recorded.
    pub fn record_findings(&mut self, findings: &Findings) -> bool {
        let mut changed = false;
        for file in &findings.files {
            let Some(key) = file.key else { continue };
            let found = Found {
                key: key.hex(),
                diagnostics: file.diagnostics.clone(),
            };
            if self.findings.get(&file.file) != Some(&found) {
                self.findings.insert(file.file.clone(), found);
                changed = true;
            }
        }
        changed
    }

    /// Records that `relative` (inside `out`) was just written as the
    /// document with `fingerprint`.
    pub fn record(&mut self, out: &Path, relative: &Path, fingerprint: Fingerprint) {
        match stamp(&out.join(relative)) {
            Some((size, modified_ns)) => {
                let entry = Entry {
                    fingerprint: fingerprint.hex(),
                    size,
                    modified_ns,
                };
                self.entries.insert(relative.to_path_buf(), entry);
            }
            None => {
                self.entries.remove(relative);
            }
        }
    }

    /// Forgets `relative`, which was removed or is being rewritten.
    pub fn forget(&mut self, relative: &Path) {
        self.entries.remove(relative);
    }

    /// Writes the cache into `out`, atomically.
    pub fn write(&self, out: &Path, program: &str) -> Result<(), super::WriteError> {
        let file = File {
            format: FORMAT,
            program: program.to_owned(),
            documents: self
                .entries
                .iter()
                .map(|(p, e)| (p.to_string_lossy().replace('\\', "/"), e.clone()))
                .collect(),
            findings: self.findings.clone(),
            last_round: self.last_round.clone(),
        };
        let json = serde_json::to_string_pretty(&file).unwrap_or_default();
        super::write_atomic(&out.join(CACHE_FILE), json.as_bytes())
    }
}

fn parse_hex(hex: &str) -> Option<ContentHash> {
    if hex.len() != 64 || !hex.is_ascii() {
        return None;
    }
    let mut bytes = [0u8; 32];
    for (i, byte) in bytes.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(ContentHash(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROGRAM: &str = "protokoll test";

    fn fingerprint(byte: u8) -> Fingerprint {
        ContentHash([byte; 32])
    }

    #[test]
    fn an_entry_counts_only_while_its_file_is_as_written() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path();
        let kept = Path::new("o/2021/2021-02-26-protokoll.pdf");
        let changed = Path::new("o/2021/2021-02-26-kallelse.pdf");
        let gone = Path::new("o/2021/2021-02-26-anslagsbevis.pdf");
        let mut cache = BuildCache::default();
        for relative in [kept, changed, gone] {
            super::super::write_atomic(&out.join(relative), b"%PDF-1.7").expect("write");
            cache.record(out, relative, fingerprint(1));
        }
        cache.write(out, PROGRAM).expect("write cache");
        std::fs::write(out.join(changed), b"%PDF-1.7 edited by hand").expect("edit");
        std::fs::remove_file(out.join(gone)).expect("remove");

        let (read, ignored) = BuildCache::read(out, PROGRAM);
        assert_eq!(ignored, None);
        let previous = read.previous();
        assert_eq!(
            previous.fingerprints.keys().collect::<Vec<_>>(),
            [&kept.to_path_buf()]
        );
        assert_eq!(previous.fingerprints[kept], fingerprint(1));
        assert_eq!(previous.documents.len(), 2);
    }

    #[test]
    fn a_foreign_or_broken_cache_is_set_aside_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path();
        let relative = Path::new("o/x.pdf");
        super::super::write_atomic(&out.join(relative), b"%PDF").expect("write");
        let mut cache = BuildCache::default();
        cache.record(out, relative, fingerprint(2));
        cache.write(out, "protokoll 0.0.1").expect("write cache");
        let (read, ignored) = BuildCache::read(out, PROGRAM);
        assert_eq!(ignored, Some(Ignored::OtherProgram));
        assert!(read.previous().fingerprints.is_empty());

        for broken in [
            "",
            "{",
            "[]",
            "{\"format\": 99, \"program\": \"x\", \"documents\": {}}",
        ] {
            std::fs::write(out.join(CACHE_FILE), broken).expect("write");
            let (read, ignored) = BuildCache::read(out, PROGRAM);
            assert_eq!(ignored, Some(Ignored::Unreadable), "{broken:?}");
            assert!(read.previous().fingerprints.is_empty());
        }
        std::fs::remove_file(out.join(CACHE_FILE)).expect("remove");
        assert_eq!(BuildCache::read(out, PROGRAM).1, Some(Ignored::Missing));
        let empty = tempfile::tempdir().expect("temp dir");
        assert_eq!(BuildCache::read(&empty.path().join("new"), PROGRAM).1, None);
    }
}
