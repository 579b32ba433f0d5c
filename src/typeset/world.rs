//! The Typst `World` of one document: the generated sources in memory, the
//! embedded fonts, a fixed date, and read access to exactly the files the
//! meeting names (logotyp, bilagor) and nothing else: no packages, no
//! network, no other path on the machine.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

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
    /// Files the meeting names, by their path inside the document's root.
    assets: HashMap<FileId, PathBuf>,
    /// Read once per compilation: Typst may ask for the same file repeatedly.
    loaded: Mutex<HashMap<FileId, FileResult<Bytes>>>,
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
        assets: HashMap<FileId, PathBuf>,
        today: Datetime,
    ) -> Self {
        DocumentWorld {
            shared,
            main,
            sources,
            assets,
            loaded: Mutex::new(HashMap::new()),
            today,
        }
    }

    fn load_asset(&self, id: FileId) -> FileResult<Bytes> {
        let Some(path) = self.assets.get(&id) else {
            return Err(FileError::NotFound(id.vpath().get_with_slash().into()));
        };
        let mut loaded = self
            .loaded
            .lock()
            .map_err(|_| FileError::Other(Some("file cache poisoned".into())))?;
        loaded
            .entry(id)
            .or_insert_with(|| {
                std::fs::read(path)
                    .map(Bytes::new)
                    .map_err(|e| FileError::from_io(e, path))
            })
            .clone()
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
            .ok_or_else(|| match self.assets.contains_key(&id) {
                true => FileError::NotSource,
                false => FileError::NotFound(id.vpath().get_with_slash().into()),
            })
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        match self.sources.get(&id) {
            Some(source) => Ok(Bytes::from_string(source.clone())),
            None => self.load_asset(id),
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
