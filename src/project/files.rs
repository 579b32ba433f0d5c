//! Where things are on disk: finding meeting and delegationsbeslut files and
//! their organ folder, reading them as text, resolving the logo and bilagor
//! inside the organ folder. Used by [`super::load`] only.

use std::io::Read;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::messages::reading;

/// The name of the organ settings file in each organ folder.
pub const ORGAN_FILE: &str = "organ.yaml";

/// The folder, anywhere below an organ folder, that holds the organ's
/// delegationsbeslut (`meetings/<organ>/delegationsbeslut/<år>/…`); the
/// files below it are not meetings.
pub const DELEGATION_DIR: &str = "delegationsbeslut";

/// A file read into memory.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

/// A file or folder that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The operating system refused.
    #[error("{}: {}", path.display(), reading::io_problem(source))]
    Io {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not UTF-8 text.
    #[error("{}:{line}:{column}: {}", path.display(), reading::not_utf8())]
    NotUtf8 {
        /// The path.
        path: PathBuf,
        /// Line of the first byte that is not UTF-8.
        line: usize,
        /// Its column, in characters.
        column: usize,
    },
    /// A file the meeting names (logotyp, bilaga) cannot be used.
    #[error("{path}: {reason}")]
    Asset {
        /// The path as written.
        path: String,
        /// Why it cannot be used.
        reason: String,
    },
    /// Larger than any meeting file ([`MAX_FILE_BYTES`]).
    #[error("{}: {}", path.display(), reading::too_large(MAX_FILE_BYTES / 1024 / 1024))]
    TooLarge {
        /// The path.
        path: PathBuf,
    },
    /// No `organ.yaml` above the meeting file.
    #[error("{}: {}", path.display(), reading::no_organ_file())]
    NoOrgan {
        /// The meeting file.
        path: PathBuf,
    },
}

/// Meeting files are at most this large; a larger one is not a meeting file
/// and reading it whole would only waste memory.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a UTF-8 text file.
pub fn read_source(path: &Path) -> Result<SourceFile, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    let too_large = || LoadError::TooLarge {
        path: path.to_path_buf(),
    };
    if size > MAX_FILE_BYTES {
        return Err(too_large());
    }
    // The reported size can be wrong (/proc, a file still growing): never
    // read more than the limit, whatever it said.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]);
        let (line, column) = crate::diagnostic::line_column(&prefix, valid);
        LoadError::NotUtf8 {
            path: path.to_path_buf(),
            line,
            column,
        }
    })?;
    Ok(SourceFile {
        path: path.to_path_buf(),
        text,
    })
}

fn is_yaml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Whether `path` lies below a `delegationsbeslut` folder. Only the folders
/// are looked at, so a meeting file may itself be called anything.
fn in_delegation_dir(path: &Path) -> bool {
    path.parent()
        .is_some_and(|dir| dir.components().any(|c| c.as_os_str() == DELEGATION_DIR))
}

fn is_meeting_file(path: &Path) -> bool {
    is_yaml(path) && path.file_name().is_some_and(|n| n != ORGAN_FILE) && !in_delegation_dir(path)
}

fn is_delegation_file(path: &Path) -> bool {
    is_yaml(path) && path.file_name().is_some_and(|n| n != ORGAN_FILE) && in_delegation_dir(path)
}

/// Every meeting file named or below the folders named, sorted, each once.
/// Files below a `delegationsbeslut` folder are not meetings, named or not.
pub fn find_meeting_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    find_files(paths, |path, named| {
        // A file named on the command line is taken whatever its extension;
        // only an organ.yaml or a delegationsbeslut is not a meeting.
        if named {
            path.file_name().is_none_or(|n| n != ORGAN_FILE) && !in_delegation_dir(path)
        } else {
            is_meeting_file(path)
        }
    })
}

/// Every delegationsbeslut file named or below the folders named (only those
/// below a `delegationsbeslut` folder), sorted, each once.
pub fn find_delegation_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    find_files(paths, |path, named| {
        if named {
            path.file_name().is_none_or(|n| n != ORGAN_FILE) && in_delegation_dir(path)
        } else {
            is_delegation_file(path)
        }
    })
}

/// The files `wanted` picks among those named (`true`) or below the folders
/// named (`false`), sorted, each once.
fn find_files(
    paths: &[PathBuf],
    wanted: impl Fn(&Path, bool) -> bool,
) -> Result<Vec<PathBuf>, LoadError> {
    let mut found = Vec::new();
    for path in paths {
        if path.is_file() {
            if wanted(path, true) {
                found.push(path.clone());
            }
            continue;
        }
        for entry in WalkDir::new(path).sort_by_file_name() {
            let entry = entry.map_err(|e| LoadError::Io {
                path: path.clone(),
                source: e.into(),
            })?;
            if entry.file_type().is_file() && wanted(entry.path(), false) {
                found.push(entry.into_path());
            }
        }
    }
    found.sort();
    found.dedup();
    Ok(found)
}

/// Every `organ.yaml` named or below the folders named, sorted.
pub fn find_organ_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    let mut found = Vec::new();
    for path in paths {
        for entry in WalkDir::new(path).sort_by_file_name() {
            let entry = entry.map_err(|e| LoadError::Io {
                path: path.clone(),
                source: e.into(),
            })?;
            if entry.file_type().is_file() && entry.file_name() == ORGAN_FILE {
                found.push(entry.into_path());
            }
        }
    }
    found.sort();
    found.dedup();
    Ok(found)
}

/// The organ folder of a meeting file: the nearest folder above it that
/// holds an `organ.yaml`. A relative path is looked up as written first
/// (so the folder keeps the form the secretary typed), then from the
/// working directory, which `2025-02-25.yaml` typed inside a year folder
/// needs.
pub fn organ_dir(meeting: &Path) -> Result<PathBuf, LoadError> {
    let above = |path: &Path| {
        path.ancestors()
            .skip(1)
            .find(|dir| dir.join(ORGAN_FILE).is_file())
            .map(Path::to_path_buf)
    };
    above(meeting)
        .or_else(|| std::path::absolute(meeting).ok().and_then(|p| above(&p)))
        .ok_or_else(|| LoadError::NoOrgan {
            path: meeting.to_path_buf(),
        })
}

/// All meeting files of an organ, for numbering across its year.
pub fn organ_meeting_files(organ_dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    find_meeting_files(&[organ_dir.to_path_buf()])
}

/// All delegationsbeslut files of an organ, for the § that lists those
/// reported to a meeting.
pub fn organ_delegation_files(organ_dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    find_delegation_files(&[organ_dir.to_path_buf()])
}

/// A file in the organ's folder that a document may read: the logo or a
/// bilaga. Resolved here, once, so the typesetter never sees a path it was
/// not handed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// The path as written, relative to the organ folder ("bilagor/vb-2020.pdf").
    pub relative: String,
    /// Its contents.
    pub bytes: Vec<u8>,
    /// The hash of the contents, for the build's fingerprints.
    pub hash: super::ContentHash,
}

/// A logo or bilaga is at most this large.
pub const MAX_ASSET_BYTES: u64 = 64 * 1024 * 1024;

/// Resolves `relative` inside `organ_dir`, refusing anything that leaves it
/// (`..`, absolute paths, symlinks pointing out).
pub fn resolve_asset(organ_dir: &Path, relative: &str) -> Result<Asset, LoadError> {
    let fail = |reason: String| LoadError::Asset {
        path: relative.to_owned(),
        reason,
    };
    let root = organ_dir
        .canonicalize()
        .map_err(|e| fail(reading::organ_folder_unreadable(&reading::io_reason(&e))))?;
    let real = root
        .join(relative)
        .canonicalize()
        .map_err(|_| fail(reading::no_such_asset(&organ_dir.display().to_string())))?;
    if !real.starts_with(&root) || !real.is_file() {
        return Err(fail(reading::asset_outside_organ(
            &organ_dir.display().to_string(),
        )));
    }
    let size = std::fs::metadata(&real)
        .map_err(|e| fail(reading::io_reason(&e)))?
        .len();
    if size > MAX_ASSET_BYTES {
        return Err(fail(reading::asset_too_large(
            MAX_ASSET_BYTES / 1024 / 1024,
        )));
    }
    let bytes = std::fs::read(&real).map_err(|e| fail(reading::io_reason(&e)))?;
    Ok(Asset {
        relative: relative.to_owned(),
        hash: super::ContentHash::of(&bytes),
        bytes,
    })
}

/// The project folder of `path`: the one that holds the `meetings/` folder
/// `path` lies in (or is), whatever the working directory.
pub fn project_root(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    absolute
        .ancestors()
        .find(|dir| dir.file_name().is_some_and(|n| n == "meetings"))
        .and_then(Path::parent)
        .map(Path::to_path_buf)
}

/// The `templates/` folder beside the `meetings/` folder that holds `path`,
/// when there is one.
pub fn templates_beside(path: &Path) -> Option<PathBuf> {
    project_root(path)
        .map(|project| project.join("templates"))
        .filter(|dir| dir.is_dir())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_files_exclude_organ_files() {
        assert!(is_meeting_file(Path::new("a/2021/2021-02-26.yaml")));
        assert!(is_meeting_file(Path::new("a/2021/2021-02-26.YML")));
        assert!(!is_meeting_file(Path::new("a/organ.yaml")));
        assert!(!is_meeting_file(Path::new("a/logo.svg")));
    }

    #[test]
    fn delegation_files_are_not_meetings() {
        let decision = Path::new("a/delegationsbeslut/2019/2019-12-19-RUN-574-2019.yaml");
        assert!(!is_meeting_file(decision));
        assert!(is_delegation_file(decision));
        assert!(is_delegation_file(Path::new("a/delegationsbeslut/x.yml")));
        assert!(!is_delegation_file(Path::new("a/2021/2021-02-26.yaml")));
        // Only a folder of that name counts, not a file.
        assert!(is_meeting_file(Path::new("a/2021/delegationsbeslut.yaml")));
        assert!(!is_delegation_file(Path::new(
            "a/delegationsbeslut/organ.yaml"
        )));
        assert!(!is_delegation_file(Path::new(
            "a/delegationsbeslut/bilaga.pdf"
        )));
    }

    /// An organ folder with two meetings, two delegationsbeslut and a bilaga.
    fn organ_folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temporary folder");
        for file in [
            "organ.yaml",
            "2020/2020-02-13.yaml",
            "2020/2020-04-02.yaml",
            "delegationsbeslut/2019/2019-12-19-a.yaml",
            "delegationsbeslut/2020/2020-01-10-b.yaml",
            "delegationsbeslut/2020/underlag.pdf",
        ] {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().expect("folder")).expect("folder");
            std::fs::write(&path, "datum: 2020-01-01\n").expect("write");
        }
        dir
    }

    fn names(root: &Path, files: &[PathBuf]) -> Vec<String> {
        files
            .iter()
            .map(|f| {
                let relative = f.strip_prefix(root).expect("below the root");
                relative.to_string_lossy().replace('\\', "/")
            })
            .collect()
    }

    #[test]
    fn walking_an_organ_separates_meetings_and_delegations() {
        let dir = organ_folder();
        let root = dir.path();
        let meetings = organ_meeting_files(root).expect("readable");
        assert_eq!(
            names(root, &meetings),
            ["2020/2020-02-13.yaml", "2020/2020-04-02.yaml"]
        );
        let decisions = organ_delegation_files(root).expect("readable");
        assert_eq!(
            names(root, &decisions),
            [
                "delegationsbeslut/2019/2019-12-19-a.yaml",
                "delegationsbeslut/2020/2020-01-10-b.yaml"
            ]
        );
    }

    #[test]
    fn named_files_go_to_their_kind_once() {
        let dir = organ_folder();
        let root = dir.path();
        let decision = root.join("delegationsbeslut/2020/2020-01-10-b.yaml");
        let meeting = root.join("2020/2020-02-13.yaml");
        let named = [
            decision.clone(),
            meeting.clone(),
            root.join("organ.yaml"),
            root.join("delegationsbeslut"),
            decision.clone(),
        ];
        let meetings = find_meeting_files(&named).expect("readable");
        assert_eq!(meetings, [meeting]);
        let decisions = find_delegation_files(&named).expect("readable");
        assert_eq!(
            names(root, &decisions),
            [
                "delegationsbeslut/2019/2019-12-19-a.yaml",
                "delegationsbeslut/2020/2020-01-10-b.yaml"
            ]
        );
    }
}
