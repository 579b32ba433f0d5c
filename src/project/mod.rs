//! Stage 1: the project, read once. [`load`] finds the organ folders the
//! named paths touch and reads all of each: `organ.yaml`, every meeting and
//! delegationsbeslut file (text, content hash, parsed model), the logo and the
//! bilagor they name, and the template set. It is the only stage that reads
//! the disk; everything after it is a function of the [`Project`] value.
//!
//! A file that cannot be read or parsed does not stop the load: its entry
//! holds the error, which the rules report for that file alone.

mod files;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::document;
use crate::model::{DelegationDecision, Lock, Meeting, NumberedMeeting, Organ};
use crate::number::MeetingSummary;
use crate::parse::{self, ParseError};
use crate::render::{RenderError, Templates};

pub use files::{
    Asset, DELEGATION_DIR, LoadError, MAX_ASSET_BYTES, MAX_FILE_BYTES, ORGAN_FILE, SourceFile,
    project_root, read_source,
};

/// BLAKE3 of a file's bytes: what the build's fingerprints are made of.
/// (BLAKE3 rather than SHA-256: hashing every source of a thousand meetings
/// took a tenth of a rebuild's time with SHA-256 and is negligible with
/// BLAKE3. Archive manifests, which must name SHA-256, hash their own files.)
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ContentHash(pub [u8; 32]);

impl ContentHash {
    /// The hash of `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        ContentHash(*blake3::hash(bytes).as_bytes())
    }

    /// Lower-case hexadecimal, as `b3sum` prints it.
    pub fn hex(&self) -> String {
        use std::fmt::Write;
        self.0.iter().fold(String::with_capacity(64), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
    }
}

/// What to load.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Meeting files, delegationsbeslut files, organ folders or folders above
    /// them (`meetings/`).
    pub paths: Vec<PathBuf>,
    /// Where the templates come from.
    pub templates: TemplateSource,
    /// Texts this run has already read ([`Digest::texts`]), by path: taken
    /// instead of reading and checking the file again.
    pub already_read: BTreeMap<PathBuf, Arc<str>>,
}

/// Where a project's templates come from.
#[derive(Debug, Clone, Default)]
pub enum TemplateSource {
    /// The `templates/` folder beside `meetings/`, when there is one, over
    /// the built-in templates.
    #[default]
    Beside,
    /// This folder over the built-in templates (`--templates DIR`).
    Folder(PathBuf),
    /// The built-in templates alone (`check`, which renders nothing).
    BuiltIn,
}

/// Why a file's model is missing.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// It could not be read.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// It is not valid YAML of the right shape.
    #[error(transparent)]
    Parse(#[from] ParseError),
}

impl FileError {
    /// The error as a diagnostic of `file`.
    pub fn to_diagnostic(&self, file: &Path) -> Diagnostic {
        match self {
            FileError::Load(error) => Diagnostic::error(file, None, error.to_string()),
            FileError::Parse(error) => error.to_diagnostic(),
        }
    }

    /// Every problem found in the file, each a diagnostic of `file`.
    pub fn to_diagnostics(&self, file: &Path) -> Vec<Diagnostic> {
        match self {
            FileError::Load(_) => vec![self.to_diagnostic(file)],
            FileError::Parse(error) => error.to_diagnostics(),
        }
    }
}

/// Why nothing could be loaded at all.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    /// A named path could not be walked.
    #[error(transparent)]
    Walk(#[from] LoadError),
    /// The template folder could not be read, or a template does not compile.
    #[error(transparent)]
    Templates(#[from] RenderError),
}

/// Everything the program knows, read once. `M` is the meeting model as far
/// as the stages have taken it: [`Meeting`] as loaded, [`NumberedMeeting`]
/// after [`crate::number::number_all`].
#[derive(Debug)]
pub struct Project<M = NumberedMeeting> {
    /// The organ folders, sorted by path.
    pub organs: Vec<OrganFolder<M>>,
    /// Named meeting files with no organ folder above them.
    pub unplaced: Vec<(PathBuf, FileError)>,
    /// The templates, built-in and overridden.
    pub templates: Templates,
    /// The template folder that overrides the built-in ones, when there is one.
    pub template_dir: Option<PathBuf>,
    /// Every text read, by path, for the diagnostics renderer.
    texts: BTreeMap<PathBuf, Arc<str>>,
}

/// One organ folder and everything in it.
#[derive(Debug)]
pub struct OrganFolder<M> {
    /// The folder (`meetings/socsam`).
    pub dir: PathBuf,
    /// The folder's name, which the output tree mirrors (`socsam`).
    pub name: String,
    /// Its `organ.yaml`.
    pub file: PathBuf,
    /// The hash of `organ.yaml`.
    pub hash: ContentHash,
    /// The organ, or why it cannot be read.
    pub organ: Result<Organ, FileError>,
    /// Every meeting file of the organ, sorted by path.
    pub meetings: Vec<MeetingFile<M>>,
    /// Every delegationsbeslut file of the organ, sorted by path.
    pub delegations: Vec<DelegationFile>,
    /// The logo and the bilagor the files name, by the path as written.
    pub assets: BTreeMap<String, Result<Asset, LoadError>>,
    /// Whether the organ's own file is among what was named (`check` reports
    /// its errors even when no meeting of it is named).
    pub named: bool,
}

/// One meeting file.
#[derive(Debug)]
pub struct MeetingFile<M> {
    /// The path, as named or as found below a named folder.
    pub path: PathBuf,
    /// The hash of its bytes.
    pub hash: ContentHash,
    /// Whether it is among the files named (or below a folder named).
    pub selected: bool,
    /// The meeting, or why it cannot be read.
    pub meeting: Result<M, FileError>,
    /// Its lock (`<datum>.lock` beside it, written by `justera`), when it
    /// has one.
    pub lock: Option<Result<Lock, LockError>>,
}

/// A lock file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// It cannot be read.
    #[error(transparent)]
    Read(#[from] LoadError),
    /// It is not a lock `justera` wrote.
    #[error("{}", crate::messages::reading::lock_not_json(&.0.to_string()))]
    Json(#[from] serde_json::Error),
}

/// The lock beside a meeting file, if there is one; the digest's copy of
/// its text when it read it.
fn read_lock(
    meeting: &Path,
    already_read: &BTreeMap<PathBuf, Arc<str>>,
) -> Option<Result<Lock, LockError>> {
    let path = meeting.with_extension("lock");
    let text = match already_read.get(&path) {
        Some(text) => Ok(Arc::clone(text)),
        None if path.is_file() => files::read_source(&path).map(|s| Arc::from(s.text)),
        None => return None,
    };
    Some(
        text.map_err(LockError::from)
            .and_then(|text| serde_json::from_str(&text).map_err(LockError::from)),
    )
}

/// One delegationsbeslut file.
#[derive(Debug)]
pub struct DelegationFile {
    /// The path.
    pub path: PathBuf,
    /// The hash of its bytes.
    pub hash: ContentHash,
    /// Whether it is among the files named (or below a folder named).
    pub selected: bool,
    /// The decision, or why it cannot be read.
    pub decision: Result<DelegationDecision, FileError>,
}

/// The delegationsbeslut reported at one meeting (see
/// [`OrganFolder::reported_at`]).
#[derive(Debug, Default)]
pub struct Reported<'a> {
    /// The decisions reported there, by date and Dnr: their indices in
    /// [`OrganFolder::delegations`], each a file that could be read.
    pub decisions: Vec<usize>,
    /// Decision files that cannot be read, so cannot be placed.
    pub unreadable: Vec<(&'a DelegationFile, &'a FileError)>,
}

/// Read access to the meeting model at any stage.
pub trait MeetingModel {
    /// The meeting as parsed.
    fn meeting(&self) -> &Meeting;
}

impl MeetingModel for Meeting {
    fn meeting(&self) -> &Meeting {
        self
    }
}

impl MeetingModel for NumberedMeeting {
    fn meeting(&self) -> &Meeting {
        &self.meeting
    }
}

impl<M> Project<M> {
    /// The text of a file read at load, for diagnostics.
    pub fn text(&self, path: &Path) -> Option<&str> {
        self.texts.get(path).map(|t| &**t)
    }

    /// The hash of the document templates (names and texts): one changed
    /// template can change every document. The site's templates shape no PDF.
    pub fn templates_hash(&self) -> ContentHash {
        let mut hasher = blake3::Hasher::new();
        let documents = self
            .templates
            .files()
            .filter(|(name, _)| !name.starts_with(crate::render::SITE_DIR));
        for (name, text) in documents {
            hasher.update(&(name.len() as u64).to_le_bytes());
            hasher.update(name.as_bytes());
            hasher.update(&(text.len() as u64).to_le_bytes());
            hasher.update(text.as_bytes());
        }
        ContentHash(*hasher.finalize().as_bytes())
    }

    /// The selected meeting files, with their organ.
    pub fn selected_meetings(&self) -> impl Iterator<Item = (&OrganFolder<M>, &MeetingFile<M>)> {
        self.organs.iter().flat_map(|o| {
            o.meetings
                .iter()
                .filter(|m| m.selected)
                .map(move |m| (o, m))
        })
    }

    /// The selected delegationsbeslut files, with their organ.
    pub fn selected_delegations(&self) -> impl Iterator<Item = (&OrganFolder<M>, &DelegationFile)> {
        self.organs.iter().flat_map(|o| {
            o.delegations
                .iter()
                .filter(|d| d.selected)
                .map(move |d| (o, d))
        })
    }

    /// Folders and files whose change can change a document: every organ
    /// folder and the template folder.
    pub fn watched_paths(&self) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = self.organs.iter().map(|o| o.dir.clone()).collect();
        paths.extend(self.template_dir.clone());
        paths
    }

    /// The same project with each parsed meeting turned by `f`, which is
    /// given the index of its organ folder and its own index there (the
    /// numbering stage).
    pub fn map_meetings<N>(self, mut f: impl FnMut(usize, usize, M) -> N) -> Project<N> {
        let organs = self
            .organs
            .into_iter()
            .enumerate()
            .map(|(organ_index, mut organ)| {
                let meetings = std::mem::take(&mut organ.meetings);
                let mapped = meetings
                    .into_iter()
                    .enumerate()
                    .map(|(index, m)| MeetingFile {
                        meeting: m.meeting.map(|meeting| f(organ_index, index, meeting)),
                        path: m.path,
                        hash: m.hash,
                        selected: m.selected,
                        lock: m.lock,
                    })
                    .collect();
                OrganFolder {
                    meetings: mapped,
                    dir: organ.dir,
                    name: organ.name,
                    file: organ.file,
                    hash: organ.hash,
                    organ: organ.organ,
                    delegations: organ.delegations,
                    assets: organ.assets,
                    named: organ.named,
                }
            })
            .collect();
        Project {
            organs,
            unplaced: self.unplaced,
            templates: self.templates,
            template_dir: self.template_dir,
            texts: self.texts,
        }
    }
}

impl<M: MeetingModel> OrganFolder<M> {
    /// What numbering and the rules across files need of each meeting that
    /// could be parsed (an unparsable one gets its own error).
    pub fn summaries(&self) -> Vec<MeetingSummary> {
        self.summaries_by_index()
            .into_iter()
            .map(|(_, summary)| summary)
            .collect()
    }

    /// [`Self::summaries`], each with the index of its meeting file.
    pub fn summaries_by_index(&self) -> Vec<(usize, MeetingSummary)> {
        self.meetings
            .iter()
            .enumerate()
            .filter_map(|(index, m)| {
                let meeting = m.meeting.as_ref().ok()?;
                Some((index, MeetingSummary::of(&m.path, meeting.meeting())))
            })
            .collect()
    }

    /// The delegationsbeslut reported at the organ's meeting held on `held`:
    /// those whose `anmäls_vid` is that date, or which have none and whose
    /// first meeting of the organ on or after their date it is.
    pub fn reported_at(&self, held: NaiveDate) -> Reported<'_> {
        let dates: BTreeSet<NaiveDate> = self
            .meetings
            .iter()
            .filter_map(|m| m.meeting.as_ref().ok())
            .map(|m| m.meeting().date.value.0)
            .chain([held])
            .collect();
        let mut reported = Reported::default();
        let mut listed = Vec::new();
        for (index, file) in self.delegations.iter().enumerate() {
            match &file.decision {
                Ok(decision) => {
                    let at = document::reporting_meeting(
                        decision.date.value.0,
                        decision.reported_at.as_ref().map(|d| d.value.0),
                        dates.iter().copied(),
                    );
                    if at == Some(held) {
                        listed.push((index, decision));
                    }
                }
                Err(error) => reported.unreadable.push((file, error)),
            }
        }
        listed.sort_by(|(_, a), (_, b)| {
            (a.date.value, &a.case_number.value).cmp(&(b.date.value, &b.case_number.value))
        });
        reported.decisions = listed.into_iter().map(|(index, _)| index).collect();
        reported
    }
}

impl<M> OrganFolder<M> {
    /// The assets (logo, then the files `named`) that could be read.
    pub fn assets_named<'a>(&'a self, named: impl IntoIterator<Item = &'a str>) -> Vec<&'a Asset> {
        let logo = self
            .organ
            .as_ref()
            .ok()
            .and_then(|o| o.logo.as_ref())
            .map(|l| l.value.as_str());
        let mut assets: Vec<&Asset> = Vec::new();
        for relative in logo.into_iter().chain(named) {
            if let Some(Ok(asset)) = self.assets.get(relative)
                && !assets.iter().any(|a| a.relative == relative)
            {
                assets.push(asset);
            }
        }
        assets
    }
}

/// The files a meeting names (bilagor with a `fil`), as written.
pub fn attachment_files(meeting: &Meeting) -> impl Iterator<Item = &str> {
    meeting
        .paragraphs
        .iter()
        .flat_map(|p| &p.attachments)
        .filter_map(|a| a.file.as_ref())
        .map(|f| f.value.as_str())
}

/// Reads every organ folder that `options.paths` name or lie in, and the
/// templates. Fails only when a named path cannot be walked or the templates
/// cannot be read; a broken file is an entry with its error.
pub fn load(options: &LoadOptions) -> Result<Project<Meeting>, ProjectError> {
    let Discovered {
        organ_dirs,
        mut named_meetings,
        mut named_delegations,
        unplaced,
        template_dir,
    } = discover(options)?;
    let mut texts = BTreeMap::new();
    let mut organs = Vec::new();
    for (dir, named) in organ_dirs {
        let walked_meetings = files::organ_meeting_files(&dir)?;
        let walked_delegations = files::organ_delegation_files(&dir)?;
        let meetings = merge_named(
            walked_meetings,
            named_meetings.remove(&dir).unwrap_or_default(),
        );
        let delegations = merge_named(
            walked_delegations,
            named_delegations.remove(&dir).unwrap_or_default(),
        );
        organs.push(load_organ(
            dir,
            named,
            meetings,
            delegations,
            &options.already_read,
            &mut texts,
        ));
    }
    let templates = match &template_dir {
        Some(dir) => Templates::with_overrides(dir)?,
        None => Templates::embedded(),
    };
    Ok(Project {
        organs,
        unplaced,
        templates,
        template_dir,
        texts,
    })
}

/// Which organ folders `options.paths` touch and which files they name.
struct Discovered {
    /// Organ folder → whether its `organ.yaml` itself was named.
    organ_dirs: BTreeMap<PathBuf, bool>,
    named_meetings: BTreeMap<PathBuf, Vec<PathBuf>>,
    named_delegations: BTreeMap<PathBuf, Vec<PathBuf>>,
    /// Files with no organ folder above them.
    unplaced: Vec<(PathBuf, FileError)>,
    template_dir: Option<PathBuf>,
}

fn discover(options: &LoadOptions) -> Result<Discovered, ProjectError> {
    let paths = &options.paths;
    let meeting_files = files::find_meeting_files(paths)?;
    let delegation_files = files::find_delegation_files(paths)?;
    let organ_files = files::find_organ_files(paths)?;

    // Organ folders: those of the named files, and those named or below.
    let mut organ_dirs: BTreeMap<PathBuf, bool> = BTreeMap::new();
    let mut unplaced = Vec::new();
    let mut named_meetings: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    let mut named_delegations: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for (file, is_meeting) in meeting_files
        .iter()
        .map(|f| (f, true))
        .chain(delegation_files.iter().map(|f| (f, false)))
    {
        match files::organ_dir(file) {
            Ok(dir) => {
                organ_dirs.entry(dir.clone()).or_insert(false);
                let named = if is_meeting {
                    &mut named_meetings
                } else {
                    &mut named_delegations
                };
                named.entry(dir).or_default().push(file.clone());
            }
            Err(error) => unplaced.push((file.clone(), FileError::from(error))),
        }
    }
    for organ_file in &organ_files {
        if let Some(dir) = organ_file.parent() {
            organ_dirs.insert(dir.to_path_buf(), true);
        }
    }
    let first = meeting_files
        .first()
        .or(delegation_files.first())
        .or(paths.first());
    let template_dir = match &options.templates {
        TemplateSource::Beside => first.and_then(|p| files::templates_beside(p)),
        TemplateSource::Folder(dir) => Some(dir.clone()),
        TemplateSource::BuiltIn => None,
    };
    Ok(Discovered {
        organ_dirs,
        named_meetings,
        named_delegations,
        unplaced,
        template_dir,
    })
}

/// Every byte a load of `options` would read, hashed, without parsing: the
/// files of each organ folder it touches (YAML, logo, bilagor, anything
/// else there), which files are named, and the template folder. Two equal
/// digests mean the same project, so a build with nothing to do can say so
/// without reading the meetings as YAML. Also gives the YAML texts, for
/// printing the last build's warnings with their lines.
pub fn digest(options: &LoadOptions) -> Result<Digest, ProjectError> {
    let discovered = discover(options)?;
    let mut hasher = blake3::Hasher::new();
    let mut add = |bytes: &[u8]| {
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    let mut texts = BTreeMap::new();
    let mut folders: Vec<PathBuf> = discovered.organ_dirs.keys().cloned().collect();
    folders.extend(discovered.template_dir.clone());
    for (dir, named) in &discovered.organ_dirs {
        add(dir.as_os_str().as_encoded_bytes());
        add(&[u8::from(*named)]);
        for file in discovered
            .named_meetings
            .get(dir)
            .into_iter()
            .chain(discovered.named_delegations.get(dir))
            .flatten()
        {
            add(file.as_os_str().as_encoded_bytes());
        }
    }
    for (file, _) in &discovered.unplaced {
        add(file.as_os_str().as_encoded_bytes());
    }
    for folder in &folders {
        let entries: Vec<PathBuf> = walkdir::WalkDir::new(folder)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(walkdir::DirEntry::into_path)
            .collect();
        let read: Vec<(PathBuf, Option<Vec<u8>>)> = entries
            .into_par_iter()
            .map(|path| {
                let bytes = std::fs::read(&path).ok();
                (path, bytes)
            })
            .collect();
        for (path, bytes) in read {
            add(path.as_os_str().as_encoded_bytes());
            match bytes {
                Some(bytes) => {
                    add(ContentHash::of(&bytes).0.as_slice());
                    let is_yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
                    if is_yaml && let Ok(text) = String::from_utf8(bytes) {
                        texts.insert(path, Arc::from(text));
                    }
                }
                None => add(b"unreadable"),
            }
        }
    }
    Ok(Digest {
        hash: ContentHash(*hasher.finalize().as_bytes()),
        texts,
    })
}

/// What [`digest`] found.
#[derive(Debug)]
pub struct Digest {
    /// The project's bytes, hashed.
    pub hash: ContentHash,
    /// The YAML files' texts, by path.
    pub texts: BTreeMap<PathBuf, Arc<str>>,
}

/// The organ's files as walked, with those named on the command line marked
/// selected. A named file the walk did not find (another extension) is
/// added; one found under another spelling of its path keeps the spelling
/// the secretary typed.
fn merge_named(walked: Vec<PathBuf>, named: Vec<PathBuf>) -> Vec<(PathBuf, bool)> {
    let mut merged: Vec<(PathBuf, bool)> = walked.into_iter().map(|p| (p, false)).collect();
    for file in named {
        if let Some(entry) = merged.iter_mut().find(|(p, _)| *p == file) {
            entry.1 = true;
            continue;
        }
        let real = file.canonicalize().ok();
        match merged
            .iter_mut()
            .find(|(p, _)| real.is_some() && p.canonicalize().ok() == real)
        {
            Some(entry) => *entry = (file, true),
            None => merged.push((file, true)),
        }
    }
    merged.sort();
    merged
}

/// A file read and parsed.
struct Parsed<T> {
    path: PathBuf,
    hash: ContentHash,
    text: Option<Arc<str>>,
    value: Result<T, FileError>,
}

fn read_and_parse<T>(
    path: &Path,
    already_read: &BTreeMap<PathBuf, Arc<str>>,
    parse: impl Fn(&Path, &str) -> Result<T, ParseError>,
) -> Parsed<T> {
    let text = match already_read.get(path) {
        Some(text) if text.len() as u64 <= MAX_FILE_BYTES => Ok(Arc::clone(text)),
        _ => files::read_source(path).map(|source| Arc::from(source.text)),
    };
    match text {
        Ok(text) => {
            let hash = ContentHash::of(text.as_bytes());
            let value = parse(path, &text).map_err(FileError::from);
            Parsed {
                path: path.to_path_buf(),
                hash,
                text: Some(text),
                value,
            }
        }
        Err(error) => Parsed {
            path: path.to_path_buf(),
            hash: ContentHash::default(),
            text: None,
            value: Err(error.into()),
        },
    }
}

/// Moves a file's text into the project's texts, for the diagnostics.
fn keep_text<T>(parsed: &mut Parsed<T>, texts: &mut BTreeMap<PathBuf, Arc<str>>) {
    if let Some(text) = parsed.text.take() {
        texts.insert(parsed.path.clone(), text);
    }
}

fn load_organ(
    dir: PathBuf,
    named: bool,
    meetings: Vec<(PathBuf, bool)>,
    delegations: Vec<(PathBuf, bool)>,
    already_read: &BTreeMap<PathBuf, Arc<str>>,
    texts: &mut BTreeMap<PathBuf, Arc<str>>,
) -> OrganFolder<Meeting> {
    let file = dir.join(ORGAN_FILE);
    let organ = read_and_parse(&file, already_read, parse::parse_organ);
    // Parsing is most of the load's time, and each file is independent.
    let parsed_meetings: Vec<_> = meetings
        .par_iter()
        .map(|(path, _)| read_and_parse(path, already_read, parse::parse_meeting))
        .collect();
    let parsed_delegations: Vec<_> = delegations
        .par_iter()
        .map(|(path, _)| read_and_parse(path, already_read, parse::parse_delegation))
        .collect();

    let mut organ = organ;
    keep_text(&mut organ, texts);
    let meetings: Vec<MeetingFile<Meeting>> = parsed_meetings
        .into_iter()
        .zip(&meetings)
        .map(|(mut parsed, (_, selected))| {
            keep_text(&mut parsed, texts);
            MeetingFile {
                lock: read_lock(&parsed.path, already_read),
                path: parsed.path,
                hash: parsed.hash,
                selected: *selected,
                meeting: parsed.value,
            }
        })
        .collect();
    let delegations: Vec<DelegationFile> = parsed_delegations
        .into_iter()
        .zip(&delegations)
        .map(|(mut parsed, (_, selected))| {
            keep_text(&mut parsed, texts);
            DelegationFile {
                path: parsed.path,
                hash: parsed.hash,
                selected: *selected,
                decision: parsed.value,
            }
        })
        .collect();

    // Every file the organ and its meetings name, read once.
    let logo = organ
        .value
        .as_ref()
        .ok()
        .and_then(|o| o.logo.as_ref())
        .map(|l| l.value.clone());
    let named_assets: BTreeSet<String> = logo
        .into_iter()
        .chain(
            meetings
                .iter()
                .filter_map(|m| m.meeting.as_ref().ok())
                .flat_map(|m| attachment_files(m).map(str::to_owned)),
        )
        .collect();
    let assets = named_assets
        .into_iter()
        .map(|relative| {
            let asset = files::resolve_asset(&dir, &relative);
            (relative, asset)
        })
        .collect();

    let name = folder_name(&dir);
    OrganFolder {
        name,
        file,
        hash: organ.hash,
        organ: organ.value,
        meetings,
        delegations,
        assets,
        named,
        dir,
    }
}

/// The organ folder's own name, which the output tree mirrors, whatever form
/// the path was given in (`.`, `..`, a link).
fn folder_name(dir: &Path) -> String {
    let real = dir.canonicalize().ok();
    real.as_deref()
        .unwrap_or(dir)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "organ".into())
}
