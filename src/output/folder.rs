//! Whole folders on disk (the published site, the archive package): the
//! documents read back from the output folder, and a folder written beside
//! its place and swapped in, so a failed publish or export never leaves half
//! of one.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::model::LockedFile;

use super::WriteError;

/// Reads a document the build wrote, by its path inside the output folder.
pub fn read_document(out: &Path, relative: &Path) -> Result<Vec<u8>, WriteError> {
    let path = out.join(relative);
    std::fs::read(&path).map_err(|source| WriteError { path, source })
}

/// Those of `locked` (final documents of locked meetings, by their path
/// inside the output folder) whose file in `out` is not the one its lock
/// records. One that is missing is no signed copy and is not named.
pub fn changed_since_lock<'a>(
    out: &Path,
    locked: impl Iterator<Item = &'a LockedFile>,
) -> BTreeSet<PathBuf> {
    locked
        .filter(|document| {
            std::fs::read(out.join(&document.path))
                .is_ok_and(|bytes| crate::encode::sha256_hex(&bytes) != document.sha256)
        })
        .map(|document| PathBuf::from(&document.path))
        .collect()
}

/// The checksum file a folder written here may hold (`sha256sum` format).
const SUMS: &str = "SHA256SUMS";

/// Writes `files` (by their path inside it) as the folder `site`: first
/// into a fresh folder beside it, then renamed into its place; the previous
/// folder is removed only once the new one stands.
pub fn write_folder(site: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<(), WriteError> {
    let error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| WriteError { path, source }
    };
    let parent = match site.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(parent).map_err(error(parent))?;
    let name = site
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    let fresh = tempfile::Builder::new()
        .prefix(&format!(".{name}.ny-"))
        .tempdir_in(parent)
        .map_err(error(parent))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(fresh.path(), std::fs::Permissions::from_mode(0o755))
            .map_err(error(fresh.path()))?;
    }
    // The fresh folder is swapped in whole, so each file needs no temporary
    // of its own; a file the previous folder holds with the same checksum
    // (its SHA256SUMS against the new one) is linked, not written again.
    let unchanged = unchanged_files(site, files);
    for (relative, bytes) in files {
        let path = fresh.path().join(relative);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(error(dir))?;
        }
        if unchanged.contains(relative.as_str())
            && std::fs::hard_link(site.join(relative), &path).is_ok()
        {
            continue;
        }
        std::fs::write(&path, bytes).map_err(error(&path))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644))
                .map_err(error(&path))?;
        }
    }
    let old = tempfile::Builder::new()
        .prefix(&format!(".{name}.gammal-"))
        .tempdir_in(parent)
        .map_err(error(parent))?;
    let had_site = site.exists();
    if had_site {
        // Into the (empty) folder's place: rename onto an empty directory.
        std::fs::rename(site, old.path()).map_err(error(site))?;
    }
    let fresh = fresh.keep();
    if let Err(source) = std::fs::rename(&fresh, site) {
        if had_site {
            let _ = std::fs::rename(old.path(), site);
        }
        let _ = std::fs::remove_dir_all(&fresh);
        return Err(WriteError {
            path: site.to_path_buf(),
            source,
        });
    }
    // `old` is removed with what it now holds when dropped.
    drop(old);
    Ok(())
}

/// The files whose `SHA256SUMS` line is the same in the folder on disk and
/// in `files`, and whose size on disk is still theirs.
fn unchanged_files<'a>(site: &Path, files: &'a BTreeMap<String, Vec<u8>>) -> BTreeSet<&'a str> {
    let Some(new) = files.get(SUMS) else {
        return BTreeSet::new();
    };
    let Ok(old) = std::fs::read(site.join(SUMS)) else {
        return BTreeSet::new();
    };
    let old = String::from_utf8_lossy(&old);
    let old: BTreeSet<&str> = old.lines().collect();
    String::from_utf8_lossy(new)
        .lines()
        .filter(|line| old.contains(line))
        .filter_map(|line| line.split_once("  ").map(|(_, path)| path.to_owned()))
        .filter_map(|path| files.get_key_value(path.as_str()))
        .filter(|(path, bytes)| {
            std::fs::metadata(site.join(path.as_str()))
                .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        })
        .map(|(path, _)| path.as_str())
        .collect()
}
