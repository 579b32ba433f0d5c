//! Where things are on disk: finding meeting files, their organ, and the
//! organ's other meetings; reading them as text. The only stage that reads.

use std::io::Read;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// The name of the organ settings file in each organ folder.
pub const ORGAN_FILE: &str = "organ.yaml";

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
    #[error("{}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not UTF-8 text.
    #[error("{}:{line}:{column}: the file is not UTF-8 text (save it as UTF-8 in your editor)", path.display())]
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
    /// No `organ.yaml` above the meeting file.
    #[error("{}: no organ.yaml in its folder or above it (meetings/<organ>/organ.yaml)", path.display())]
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
    if size > MAX_FILE_BYTES {
        return Err(io(std::io::Error::other(format!(
            "{size} bytes is too large for a meeting file (at most {MAX_FILE_BYTES})"
        ))));
    }
    // The reported size can be wrong (/proc, a file still growing): never
    // read more than the limit, whatever it said.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(io(std::io::Error::other(format!(
            "more than {MAX_FILE_BYTES} bytes is too large for a meeting file"
        ))));
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

fn is_meeting_file(path: &Path) -> bool {
    let yaml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    yaml && path.file_name().is_some_and(|n| n != ORGAN_FILE)
}

/// Every meeting file named or below the folders named, sorted, each once.
pub fn find_meeting_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    let mut found = Vec::new();
    for path in paths {
        if path.is_file() {
            // An organ.yaml named on the command line is not a meeting.
            if path.file_name().is_none_or(|n| n != ORGAN_FILE) {
                found.push(path.clone());
            }
            continue;
        }
        for entry in WalkDir::new(path).sort_by_file_name() {
            let entry = entry.map_err(|e| LoadError::Io {
                path: path.clone(),
                source: e.into(),
            })?;
            if entry.file_type().is_file() && is_meeting_file(entry.path()) {
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
/// holds an `organ.yaml`.
pub fn organ_dir(meeting: &Path) -> Result<PathBuf, LoadError> {
    meeting
        .ancestors()
        .skip(1)
        .find(|dir| dir.join(ORGAN_FILE).is_file())
        .map(Path::to_path_buf)
        .ok_or_else(|| LoadError::NoOrgan {
            path: meeting.to_path_buf(),
        })
}

/// All meeting files of an organ, for numbering across its year.
pub fn organ_meeting_files(organ_dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    find_meeting_files(&[organ_dir.to_path_buf()])
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
        .map_err(|e| fail(format!("the organ folder cannot be read: {e}")))?;
    let real = root
        .join(relative)
        .canonicalize()
        .map_err(|e| fail(format!("no such file in {} ({e})", organ_dir.display())))?;
    if !real.starts_with(&root) || !real.is_file() {
        return Err(fail(format!(
            "files must lie inside the organ's folder {}",
            organ_dir.display()
        )));
    }
    let size = std::fs::metadata(&real)
        .map_err(|e| fail(e.to_string()))?
        .len();
    if size > MAX_ASSET_BYTES {
        return Err(fail(format!(
            "{size} bytes is too large (at most {MAX_ASSET_BYTES})"
        )));
    }
    let bytes = std::fs::read(&real).map_err(|e| fail(e.to_string()))?;
    Ok(Asset {
        relative: relative.to_owned(),
        bytes,
    })
}

/// The `templates/` folder beside the `meetings/` folder that holds `path`,
/// when there is one.
pub fn templates_beside(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    absolute
        .ancestors()
        .find(|dir| dir.file_name().is_some_and(|n| n == "meetings"))
        .and_then(Path::parent)
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
}
