//! Stage 6: writing results. Every file goes to a temporary file in its
//! target folder and is renamed into place, so a failed or interrupted build
//! never leaves a half-written PDF and never replaces the last good one.
//! [`Writer`] writes the units a build emits, removes the documents the plan
//! no longer makes, and keeps the [`cache`] of what it wrote.

pub mod cache;
pub mod folder;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::emit::Emitted;
use crate::plan::Unit;
use crate::render::TypstDocument;
pub use cache::{BuildCache, Ignored};

/// A file that could not be written.
#[derive(Debug, thiserror::Error)]
#[error("{}", crate::messages::making::cannot_write(&path.display().to_string(), &crate::messages::reading::io_reason(source)))]
pub struct WriteError {
    /// The target path.
    pub path: PathBuf,
    /// Why.
    pub source: std::io::Error,
}

/// Writes `bytes` to `path` atomically, creating parent folders.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let temp = written_beside(path, bytes)?;
    temp.persist(path).map_err(|e| WriteError {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    Ok(())
}

/// Writes `bytes` to `path` as a new file, creating parent folders; fails
/// with [`std::io::ErrorKind::AlreadyExists`] rather than replace a file,
/// even one made meanwhile.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let temp = written_beside(path, bytes)?;
    temp.persist_noclobber(path).map_err(|e| WriteError {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    Ok(())
}

/// `bytes` in a temporary file in `path`'s folder, on disk, readable by
/// all, ready to be renamed into place.
fn written_beside(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, WriteError> {
    let error = |source| WriteError {
        path: path.to_path_buf(),
        source,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(error)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".protokoll-")
        .suffix(".part")
        .tempfile_in(dir)
        .map_err(error)?;
    temp.write_all(bytes).map_err(error)?;
    // The temporary file is private (0600); a published PDF is not.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let readable = std::fs::Permissions::from_mode(0o644);
        temp.as_file().set_permissions(readable).map_err(error)?;
    }
    temp.as_file().sync_all().map_err(error)?;
    Ok(temp)
}

/// What was done in the output folder for one unit.
#[derive(Debug, Default)]
pub struct UnitWritten {
    /// Each PDF written, with its page count.
    pub written: Vec<(PathBuf, usize)>,
    /// Each document removed, since the plan no longer makes it.
    pub removed: Vec<PathBuf>,
}

/// Writes a build's units into one output folder; shared by the threads
/// that emit them.
pub struct Writer<'a> {
    out: &'a Path,
    cache: Mutex<BuildCache>,
    /// Whether anything was written or removed, so the cache needs writing.
    changed: std::sync::atomic::AtomicBool,
}

impl<'a> Writer<'a> {
    /// A writer into `out`, starting from the cache read before planning;
    /// `changed` when the cache already differs from the one on disk (new
    /// findings).
    pub fn new(out: &'a Path, cache: BuildCache, changed: bool) -> Self {
        Writer {
            out,
            cache: Mutex::new(cache),
            changed: std::sync::atomic::AtomicBool::new(changed),
        }
    }

    /// Writes the documents emitted for `unit` (all of them typeset), then
    /// removes those it no longer yields, recording each in the cache.
    pub fn write_unit(
        &self,
        unit: &Unit,
        emitted: Vec<Emitted>,
    ) -> Result<UnitWritten, WriteError> {
        let mut done = UnitWritten::default();
        if !emitted.is_empty() || !unit.remove.is_empty() {
            self.changed
                .store(true, std::sync::atomic::Ordering::Relaxed);
        }
        for document in emitted {
            let path = self.out.join(&document.output);
            self.cache_mut().forget(&document.output);
            if let Some(source) = &document.source {
                write_typst(&path, source)?;
            }
            write_atomic(&path, &document.pdf)?;
            if let Some(job) = unit.jobs.iter().find(|j| j.output == document.output) {
                self.cache_mut()
                    .record(self.out, &document.output, job.fingerprint);
            }
            done.written.push((path, document.pages));
        }
        for relative in &unit.remove {
            let path = self.out.join(relative);
            match std::fs::remove_file(&path) {
                Ok(()) => done.removed.push(path),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(WriteError { path, source }),
            }
            self.cache_mut().forget(relative);
        }
        Ok(done)
    }

    /// Writes the cache, for the next build, with `round` (see
    /// [`BuildCache::record_round`]), unless nothing changed: a build with
    /// nothing to do leaves the output folder untouched.
    pub fn finish(
        self,
        program: &str,
        round: Option<(
            crate::project::ContentHash,
            Vec<crate::diagnostic::Diagnostic>,
        )>,
    ) -> Result<(), WriteError> {
        let mut cache = self
            .cache
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let round_changed = cache.record_round(round);
        if !(self.changed.into_inner() || round_changed) {
            return Ok(());
        }
        cache.write(self.out, program)
    }

    fn cache_mut(&self) -> std::sync::MutexGuard<'_, BuildCache> {
        // A panic elsewhere cannot leave an entry half-made: each change is
        // one map operation.
        self.cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Writes the generated source beside `pdf` (same name, `.typ`) with the
/// modules it imports and the files it reads, so that the Typst CLI
/// compiles the very same document.
fn write_typst(pdf: &Path, document: &TypstDocument) -> Result<(), WriteError> {
    let dir = pdf.parent().unwrap_or(Path::new("."));
    write_atomic(&pdf.with_extension("typ"), document.main.as_bytes())?;
    for (path, text) in &document.modules {
        write_atomic(&dir.join(path), text.as_bytes())?;
    }
    for (path, bytes) in &document.files {
        write_atomic(&dir.join(path), bytes)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_file_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a/b/x.pdf");
        write_atomic(&path, b"first").expect("write");
        write_atomic(&path, b"second").expect("rewrite");
        assert_eq!(std::fs::read(&path).expect("read"), b"second");
        let names: Vec<_> = std::fs::read_dir(path.parent().expect("parent"))
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("x.pdf")]);
    }
}
