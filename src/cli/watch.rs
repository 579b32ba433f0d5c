//! `watch`: build, then build again after every save. A loop around the
//! same round `build` runs once: the project is loaded anew (it is small
//! and cheap to read), the cache makes the round typeset only what the save
//! touched, and the emitter (templates, Typst library, fonts and Typst's
//! memoised layouts) lives from round to round.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::diagnostic::Diagnostic;
use crate::emit::PdfEmitter;
use crate::messages::report;
use crate::plan::Request;
use crate::project::ContentHash;

use super::build::{self, Config};
use super::{OutputArgs, default_paths, fail, print_diagnostics};

/// Saves that come this close together are one change (an editor writes a
/// backup, then the file; `git checkout` writes many files).
const SETTLE: Duration = Duration::from_millis(40);

/// How many documents Typst's memoised layouts outlive: the few documents
/// one save touches, several saves over.
const KEEP_RESULTS_FOR: usize = 16;

pub(super) fn run(
    paths: Vec<PathBuf>,
    request: Request,
    output: OutputArgs,
) -> Result<ExitCode, Vec<Diagnostic>> {
    let paths = default_paths(paths);
    let config = Config::new(request, &output, &paths);
    let (events, receiver) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        // The receiver lives as long as the loop; nothing to do if it is gone.
        let _ = events.send(event);
    })
    .map_err(|e| fail(&paths[0], report::cannot_watch(&e.to_string())))?;

    let mut watched: BTreeSet<PathBuf> = BTreeSet::new();
    let mut emitter: Option<(ContentHash, PdfEmitter)> = None;
    let mut started = Instant::now();
    loop {
        match build::load(&paths, &config, Default::default()) {
            Ok(project) => {
                let templates = project.templates_hash();
                if emitter.as_ref().is_none_or(|(hash, _)| *hash != templates) {
                    match build::new_emitter(&project) {
                        Ok(new) => {
                            emitter = Some((templates, new.keeping_results_for(KEEP_RESULTS_FOR)))
                        }
                        Err(diagnostics) => print_diagnostics(&diagnostics, Some(&project)),
                    }
                }
                if let Some((_, emitter)) = &emitter {
                    let round = build::build_round(&project, emitter, &config, None);
                    let ms = started.elapsed().as_millis();
                    if round.failed > 0 {
                        eprintln!("{}", report::watch_failed(round.failed, ms));
                    } else {
                        eprintln!("{}", report::watch_done(ms));
                    }
                }
                let wanted: BTreeSet<PathBuf> = project
                    .watched_paths()
                    .into_iter()
                    .chain(paths.iter().cloned())
                    .collect();
                update_watches(&mut watcher, &mut watched, wanted);
            }
            Err(diagnostics) => {
                print_diagnostics(&diagnostics, None);
                let wanted = paths.iter().cloned().collect();
                update_watches(&mut watcher, &mut watched, wanted);
            }
        }
        eprintln!("{}", report::watch_waiting());
        match wait_for_change(&receiver, &config.out) {
            Some(change) => started = change,
            // The watcher is gone; nothing will change any more.
            None => return Ok(ExitCode::SUCCESS),
        }
    }
}

/// Watches `wanted` and stops watching what is no longer wanted. A path
/// that cannot be watched (not there yet) is tried again next round.
fn update_watches(
    watcher: &mut notify::RecommendedWatcher,
    watched: &mut BTreeSet<PathBuf>,
    wanted: BTreeSet<PathBuf>,
) {
    for gone in watched.difference(&wanted) {
        let _ = watcher.unwatch(gone);
    }
    watched.retain(|p| wanted.contains(p));
    for path in wanted {
        if !watched.contains(&path) && watcher.watch(&path, RecursiveMode::Recursive).is_ok() {
            watched.insert(path);
        }
    }
}

/// Blocks until a file that can change a document changes, lets the burst
/// of events settle, and returns when the first of them came; `None` when
/// the watcher has stopped.
fn wait_for_change(
    receiver: &mpsc::Receiver<notify::Result<notify::Event>>,
    out: &Path,
) -> Option<Instant> {
    let out = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
    let relevant = |event: &notify::Result<notify::Event>| match event {
        Ok(event) => {
            matches!(
                event.kind,
                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any
            ) && event.paths.iter().any(|p| !p.starts_with(&out))
        }
        // A lost event may have been a change: build again to be sure.
        Err(_) => true,
    };
    let first = loop {
        let event = receiver.recv().ok()?;
        if relevant(&event) {
            break Instant::now();
        }
    };
    while receiver.recv_timeout(SETTLE).is_ok() {}
    Some(first)
}
