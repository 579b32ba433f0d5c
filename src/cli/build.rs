//! `build`, `kallelse`, `utdrag` and `anslag`: load → number → validate →
//! plan → emit → write, printing what was written and what was refused.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostic::Diagnostic;
use crate::document;
use crate::emit::{self, EmitOptions, PdfEmitter};
use crate::messages::report;
use crate::number;
use crate::output::{self, BuildCache, Ignored, Writer};
use crate::plan::{self, PlanOptions, Request};
use crate::project::{self, ContentHash, LoadOptions, Project, TemplateSource};
use crate::validate::{self, Rules};

use super::{
    OutputArgs, default_paths, fail, load_failed, print_diagnostics, print_diagnostics_of,
    progress_bar,
};

/// How a build runs, from the command line.
#[derive(Debug, Clone)]
pub(super) struct Config {
    /// What to make.
    pub request: Request,
    /// The output folder.
    pub out: PathBuf,
    /// Where the templates come from.
    pub templates: TemplateSource,
    /// Also write each document's Typst source.
    pub keep_source: bool,
    /// Ignore the cache.
    pub rebuild_all: bool,
    /// What the build is of, when known before loading (`build` works it
    /// out from the project's bytes; a `watch` round has none): recorded
    /// with a round without failures, so the same build again can stand.
    pub round_key: Option<ContentHash>,
}

impl Config {
    /// The build `output` asks for, of `paths`; without `--out` the
    /// documents go to output/ in the project folder (beside meetings/), from
    /// whatever folder the command runs in.
    pub(super) fn new(request: Request, output: &OutputArgs, paths: &[PathBuf]) -> Self {
        let beside_meetings = || {
            let root = paths.first().and_then(|path| project::project_root(path))?;
            let cwd = std::env::current_dir().ok()?;
            // Relative to the working directory when it is the project's,
            // so the printed paths stay short ("output/socsam/…").
            Some(match root.strip_prefix(&cwd) {
                Ok(relative) => relative.join("output"),
                Err(_) => root.join("output"),
            })
        };
        Config {
            request,
            out: output
                .out
                .clone()
                .or_else(beside_meetings)
                .unwrap_or_else(|| PathBuf::from("output")),
            templates: output
                .templates
                .clone()
                .map_or(TemplateSource::Beside, TemplateSource::Folder),
            keep_source: output.emit_typst,
            rebuild_all: output.alla,
            round_key: None,
        }
    }
}

pub(super) fn run(
    paths: Vec<PathBuf>,
    request: Request,
    output: OutputArgs,
) -> Result<ExitCode, Vec<Diagnostic>> {
    let paths = default_paths(paths);
    let mut config = Config::new(request, &output, &paths);
    // Read once: for the replay here and, when it does not apply, the round
    // (the cache) and the load (the texts).
    let mut read_cache = None;
    let mut already_read = BTreeMap::new();
    if !(config.rebuild_all || config.keep_source) {
        let options = LoadOptions {
            paths: paths.clone(),
            templates: config.templates.clone(),
            already_read: Default::default(),
        };
        if let Ok(digest) = project::digest(&options) {
            let program = program_id();
            let key = round_key(&digest, &program, &config);
            let (cache, ignored) = BuildCache::read(&config.out, &program);
            if ignored.is_none()
                && let Some((diagnostics, documents)) = cache.replay(&key)
            {
                // The same project, program and request as the last build,
                // and its documents untouched: nothing to read or make.
                print_diagnostics_of(diagnostics, |path| {
                    digest.texts.get(path).map(|text| text.to_string())
                });
                eprintln!("{}", report::build_summary(0, documents, 0));
                return Ok(ExitCode::SUCCESS);
            }
            config.round_key = Some(key);
            read_cache = Some((cache, ignored));
            already_read = digest.texts;
        }
    }
    let project = load(&paths, &config, already_read)?;
    let emitter = new_emitter(&project)?;
    let round = build_round(&project, &emitter, &config, read_cache);
    Ok(if round.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Sets up the threads that load and typeset: `jobs` of them (`--jobs`),
/// by default one per core.
pub(super) fn use_threads(jobs: Option<usize>) {
    // Fails only when the pool already exists, which it does not yet.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .stack_size(emit::THREAD_STACK_BYTES)
        .build_global();
}

/// The key of a build: the project's bytes, this program, what is asked.
fn round_key(digest: &project::Digest, program: &str, config: &Config) -> ContentHash {
    let asked = format!("{:?}", config.request);
    let mut hasher = blake3::Hasher::new();
    for part in [
        digest.hash.0.as_slice(),
        program.as_bytes(),
        asked.as_bytes(),
    ] {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    ContentHash(*hasher.finalize().as_bytes())
}

/// Loads and numbers the project of `paths`, taking the texts in
/// `already_read` instead of reading those files again.
pub(super) fn load(
    paths: &[PathBuf],
    config: &Config,
    already_read: BTreeMap<PathBuf, Arc<str>>,
) -> Result<Project, Vec<Diagnostic>> {
    let options = LoadOptions {
        paths: paths.to_vec(),
        templates: config.templates.clone(),
        already_read,
    };
    let loaded = project::load(&options).map_err(|e| load_failed(paths, &e))?;
    let builds_delegations = matches!(config.request, Request::Applicable { .. });
    let nothing = loaded.selected_meetings().next().is_none()
        && loaded.unplaced.is_empty()
        && (!builds_delegations || loaded.selected_delegations().next().is_none());
    if nothing {
        return Err(vec![
            Diagnostic::error(&paths[0], None, report::no_meeting_files())
                .with_hint(report::outside_a_project_hint()),
        ]);
    }
    Ok(number::number_all(loaded))
}

/// The emitter for the project's templates.
pub(super) fn new_emitter(project: &Project) -> Result<PdfEmitter, Vec<Diagnostic>> {
    PdfEmitter::new(&project.templates).map_err(|e| {
        let dir = project
            .template_dir
            .as_deref()
            .unwrap_or(Path::new("templates"));
        fail(dir, e.to_string())
    })
}

/// What one build did.
#[derive(Debug, Default, Clone)]
pub(super) struct Round {
    /// Documents written.
    pub written: usize,
    /// Documents already up to date.
    pub unchanged: usize,
    /// Documents removed.
    pub removed: usize,
    /// Files not built.
    pub failed: usize,
    /// Files considered.
    pub files: usize,
    /// The files not built, with errors.
    pub failed_files: Vec<PathBuf>,
}

impl Round {
    /// The selected meetings of `project` this round built without errors,
    /// with their organ folder, organ and model: what `publish` and
    /// `export` make their site and package of. A file with errors keeps
    /// whatever was published or archived of it before out of the new one.
    pub fn built_meetings<'a>(
        &'a self,
        project: &'a Project,
    ) -> impl Iterator<Item = BuiltMeeting<'a>> + 'a {
        project.selected_meetings().filter_map(|(folder, file)| {
            let (Ok(organ), Ok(meeting)) = (&folder.organ, &file.meeting) else {
                return None;
            };
            (!self.failed_files.contains(&file.path)).then_some(BuiltMeeting {
                folder,
                file,
                organ,
                meeting,
            })
        })
    }
}

/// A meeting a round built without errors (see [`Round::built_meetings`]).
pub(super) struct BuiltMeeting<'a> {
    pub folder: &'a project::OrganFolder<crate::model::NumberedMeeting>,
    pub file: &'a project::MeetingFile<crate::model::NumberedMeeting>,
    pub organ: &'a crate::model::Organ,
    pub meeting: &'a crate::model::NumberedMeeting,
}

/// The final documents of a held meeting as the build left them in `out`,
/// by their path inside it: those `build` makes, and the kallelse made
/// before the meeting if it is there (an allmän handling, though `build`
/// no longer makes it). `justera` locks these, `export` archives them.
pub(super) fn final_documents<M>(
    out: &Path,
    folder: &project::OrganFolder<M>,
    meeting: &crate::model::NumberedMeeting,
) -> Result<Vec<(PathBuf, Vec<u8>)>, output::WriteError> {
    let held = meeting.meeting.date.value.0;
    let mut documents = Vec::new();
    for kind in document::applicable(meeting, false) {
        let path = plan::meeting_output(folder, held, kind);
        let bytes = output::folder::read_document(out, &path)?;
        documents.push((path, bytes));
    }
    let notice = plan::meeting_output(folder, held, document::MeetingDocument::Notice);
    if let Ok(bytes) = output::folder::read_document(out, &notice) {
        // After the protocol, where the locks written before had it.
        documents.insert(documents.len().min(1), (notice, bytes));
    }
    Ok(documents)
}

/// The identity of this build of protokoll, part of every fingerprint: a
/// new binary (another version, or a rebuilt one) makes every document
/// again rather than trust what an older one made.
pub(super) fn program_id() -> String {
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .ok()
        .map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{} {modified}", m.len())
        })
        .unwrap_or_default();
    format!("protokoll {} ({exe})", env!("CARGO_PKG_VERSION"))
}

/// Validates, plans, emits and writes the project once, printing as it
/// goes; `watch` calls it after every save.
/// `read_cache` is the output folder's cache when the caller has just read
/// it (nothing written since); else it is read here.
pub(super) fn build_round(
    project: &Project,
    emitter: &PdfEmitter,
    config: &Config,
    read_cache: Option<(BuildCache, Option<Ignored>)>,
) -> Round {
    let rules = match config.request {
        Request::Notice => Rules::Plan,
        _ => Rules::Automatic,
    };
    let program = program_id();
    let (mut cache, ignored) =
        read_cache.unwrap_or_else(|| BuildCache::read(&config.out, &program));
    if let Some(ignored) = ignored
        && !config.rebuild_all
    {
        eprintln!("{}", report::notice(&ignored.to_string()));
    }
    let known = if config.rebuild_all {
        validate::Known::default()
    } else {
        cache.known_findings()
    };
    let findings = validate::validate_project(project, rules, &known);
    // Into a folder that holds no document, the findings alone are not
    // worth a cache file.
    let new_findings = cache.record_findings(&findings) && cache.holds_documents();
    let mut previous = cache.previous();
    // A locked document the cache does not know as written by a build has
    // been replaced since: read it, and keep it if it is not what was locked.
    let unvouched = project
        .selected_meetings()
        .filter_map(|(_, file)| file.lock.as_ref()?.as_ref().ok())
        .flat_map(|lock| &lock.documents)
        .filter(|document| {
            !previous
                .fingerprints
                .contains_key(Path::new(&document.path))
        });
    previous.changed_since_lock = output::folder::changed_since_lock(&config.out, unvouched);
    let plan = plan::plan(
        project,
        &findings,
        &previous,
        &PlanOptions {
            request: &config.request,
            program: &program,
            // The Typst source is written only beside a PDF being made.
            rebuild_all: config.rebuild_all || config.keep_source,
            output_folder: &config.out,
        },
    );
    // Everything printed, for the next build of the same to print again.
    let printed = std::sync::Mutex::new(Vec::new());
    let keep_printed = |diagnostics: &[Diagnostic]| {
        printed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .extend_from_slice(diagnostics);
    };
    for refused in &plan.refused {
        print_diagnostics(&refused.diagnostics, Some(project));
        keep_printed(&refused.diagnostics);
    }

    let (total, unchanged) = plan.counts();
    let progress = progress_bar(total - unchanged);
    if unchanged > 0 {
        progress.set_message(report::skipped(unchanged));
    }
    let writer = Writer::new(&config.out, cache, new_findings);
    let failed_files = std::sync::Mutex::new(
        plan.refused
            .iter()
            .map(|r| r.file.clone())
            .collect::<Vec<_>>(),
    );
    let failed = AtomicUsize::new(plan.refused.len());
    let written = AtomicUsize::new(0);
    let removed = AtomicUsize::new(0);
    emit::emit_all(
        project,
        &plan,
        emitter,
        EmitOptions {
            keep_source: config.keep_source,
            threads: rayon::current_num_threads(),
        },
        |unit, result| {
            let stale = unit.jobs.iter().filter(|j| !j.up_to_date).count();
            let mut warnings = unit.warnings.clone();
            let outcome = result
                .map_err(|e| vec![Diagnostic::error(&unit.file, None, e.to_string())])
                .and_then(|emitted| {
                    warnings.extend(emitted.iter().flat_map(|e| e.warnings.iter().cloned()));
                    writer
                        .write_unit(unit, emitted)
                        .map_err(|e| vec![Diagnostic::error(&unit.file, None, e.to_string())])
                });
            progress.suspend(|| match outcome {
                Ok(done) => {
                    print_diagnostics(&warnings, Some(project));
                    keep_printed(&warnings);
                    for (pdf, pages) in &done.written {
                        println!(
                            "{} → {} ({})",
                            unit.file.display(),
                            pdf.display(),
                            report::pages(*pages)
                        );
                    }
                    for pdf in &done.removed {
                        println!(
                            "{} → {}",
                            unit.file.display(),
                            report::removed_document(&pdf.display().to_string())
                        );
                    }
                    written.fetch_add(done.written.len(), Ordering::Relaxed);
                    removed.fetch_add(done.removed.len(), Ordering::Relaxed);
                }
                Err(diagnostics) => {
                    failed.fetch_add(1, Ordering::Relaxed);
                    failed_files
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .push(unit.file.clone());
                    print_diagnostics(&diagnostics, Some(project));
                    keep_printed(&diagnostics);
                }
            });
            progress.inc(stale as u64);
        },
    );
    progress.finish_and_clear();
    let printed = printed
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let last_round = config
        .round_key
        .filter(|_| failed.load(Ordering::Relaxed) == 0)
        .map(|key| (key, printed));
    if let Err(error) = writer.finish(&program, last_round) {
        eprintln!("{}", report::cache_not_written(&error.to_string()));
    }

    let round = Round {
        written: written.into_inner(),
        unchanged,
        removed: removed.into_inner(),
        failed: failed.into_inner(),
        files: plan.units.len() + plan.refused.len(),
        failed_files: failed_files
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    };
    eprintln!(
        "{}",
        report::build_summary(round.written, round.unchanged, round.removed)
    );
    if round.failed > 0 {
        eprintln!("{}", report::files_not_built(round.failed, round.files));
    }
    round
}
