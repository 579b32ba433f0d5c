//! The Typst `World` of one document: the generated sources in memory, the
//! embedded fonts, a fixed date, and the bytes of exactly the files the
//! meeting names (logotyp, bilagor), handed over in memory: it reads no path
//! on the machine, loads no package and opens no connection.

use std::collections::HashMap;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};

use super::Typesetter;

/// One compilation's view of the world. Cheap to make: the library, font
/// book and fonts are borrowed from the [`Typesetter`] shared by the batch.
pub(super) struct DocumentWorld<'a> {
    shared: &'a Typesetter,
    main: FileId,
    sources: HashMap<FileId, Source>,
    /// The other files it may read (logo, bilaga pages), already in memory.
    files: HashMap<FileId, Bytes>,
    today: Datetime,
}

/// The file id of `path` inside the document's (only) root.
pub(super) fn file_id(path: &str) -> Result<FileId, String> {
    let vpath = VirtualPath::new(path).map_err(|e| format!("{path}: {e:?}"))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl<'a> DocumentWorld<'a> {
    pub(super) fn new(
        shared: &'a Typesetter,
        main: FileId,
        sources: HashMap<FileId, Source>,
        files: HashMap<FileId, Bytes>,
        today: Datetime,
    ) -> Self {
        DocumentWorld {
            shared,
            main,
            sources,
            files,
            today,
        }
    }
}

impl World for DocumentWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.sources
            .get(&id)
            .cloned()
            .ok_or_else(|| match self.files.contains_key(&id) {
                true => FileError::NotSource,
                false => FileError::NotFound(id.get().vpath().get_with_slash().into()),
            })
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        match (self.sources.get(&id), self.files.get(&id)) {
            (Some(source), _) => Ok(Bytes::from_string(source.clone())),
            (None, Some(bytes)) => Ok(bytes.clone()),
            (None, None) => Err(FileError::NotFound(
                id.get().vpath().get_with_slash().into(),
            )),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // The meeting's date, not the clock: the same input must give the same PDF.
        Some(self.today)
    }
}
