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

/// What a folder written here holds, by path inside it: files made in
/// memory, and files that already stand on disk (the site's web PDFs in the
/// output folder), which are hard-linked in, or copied where no link can be
/// made, so their bytes are never read into memory.
#[derive(Debug, Default)]
pub struct Folder {
    /// Files made in memory.
    pub made: BTreeMap<String, Vec<u8>>,
    /// Files to take from disk: path inside the folder → path on disk. A
    /// link shares the file with the output folder, which only ever
    /// replaces its files (a temporary file renamed into place), never
    /// writes into one, so the folder's copy stays as written.
    pub linked: BTreeMap<String, PathBuf>,
}

/// Writes `folder` as the folder `site`: first into a fresh folder beside
/// it, then renamed into its place; the previous folder is removed only
/// once the new one stands. Its files are written on every core: a
/// thousand meetings' site is some 57,000 files, and creating them is most
/// of publishing it.
pub fn write_folder(site: &Path, folder: &Folder) -> Result<(), WriteError> {
    use rayon::prelude::*;
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
    set_mode(fresh.path(), 0o755)?;
    let dirs: BTreeSet<PathBuf> = (folder.made.keys().chain(folder.linked.keys()))
        .filter_map(|relative| Path::new(relative).parent().map(Path::to_path_buf))
        .collect();
    for dir in &dirs {
        let dir = fresh.path().join(dir);
        std::fs::create_dir_all(&dir).map_err(error(&dir))?;
    }
    // The fresh folder is swapped in whole, so each file needs no temporary
    // of its own; a file the previous folder holds with the same checksum
    // (its SHA256SUMS against the new one) is linked, not written again.
    let unchanged = unchanged_files(site, &folder.made);
    folder.made.par_iter().try_for_each(|(relative, bytes)| {
        let path = fresh.path().join(relative);
        if unchanged.contains(relative.as_str())
            && std::fs::hard_link(site.join(relative), &path).is_ok()
        {
            return Ok(());
        }
        write_file(&path, bytes)
    })?;
    folder.linked.par_iter().try_for_each(|(relative, from)| {
        let path = fresh.path().join(relative);
        if std::fs::hard_link(from, &path).is_ok() {
            return Ok(());
        }
        std::fs::copy(from, &path).map_err(error(from))?;
        set_mode(&path, 0o644)
    })?;
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

fn error(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError {
    let path = path.to_path_buf();
    move |source| WriteError { path, source }
}

/// A new file readable by all, whatever the umask.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    use std::io::Write;
    let mut file = std::fs::File::create(path).map_err(error(path))?;
    file.write_all(bytes).map_err(error(path))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(error(path))?;
    }
    Ok(())
}

fn set_mode(path: &Path, mode: u32) -> Result<(), WriteError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
            .map_err(error(path))?;
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
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
