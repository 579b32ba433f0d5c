//! Whole folders on disk (the published site, the archive package): the
//! documents read back from the output folder, and a folder written beside
//! its place and swapped in, so a failed publish or export never leaves half
//! of one.

use std::collections::BTreeMap;
use std::path::Path;

use super::{WriteError, write_atomic};

/// Reads a document the build wrote, by its path inside the output folder.
pub fn read_document(out: &Path, relative: &Path) -> Result<Vec<u8>, WriteError> {
    let path = out.join(relative);
    std::fs::read(&path).map_err(|source| WriteError { path, source })
}

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
    for (relative, bytes) in files {
        write_atomic(&fresh.path().join(relative), bytes)?;
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
