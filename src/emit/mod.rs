//! Stage 5: the plan's documents as bytes. One emitter per kind of output;
//! the PDFs ([`pdf`]), the site ([`site`], with its open data in OParl) and
//! the archive package ([`package`]). Emitters never touch the disk: they hand their bytes to a sink
//! (the output stage) as each unit is done.
//!
//! [`emit_all`] typesets the jobs of every unit on as many threads as asked,
//! each thread taking the next job in plan order. A unit goes to the sink
//! once all its jobs are made, so a unit is written whole or not at all; a
//! PDF's bytes do not depend on which thread made it or when.

mod oparl;
pub mod package;
pub mod pdf;
mod search;
pub mod site;

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::plan::{Plan, Unit};
use crate::project::Project;
pub use pdf::{EmitError, Emitted, PdfEmitter};

/// What an emitter made of one unit: a PDF per job that was not up to date,
/// in job order, or the first error.
pub type UnitResult = Result<Vec<Emitted>, EmitError>;

/// Stack for each thread that typesets. Typst's layout recurses as deep as a
/// document nests; a thread's default 2 MiB overflowed on a generated 15-§
/// meeting that the main thread's 8 MiB had typeset. Only what is touched is
/// mapped, so a generous reserve costs nothing.
pub const THREAD_STACK_BYTES: usize = 64 * 1024 * 1024;

/// Options for emitting.
#[derive(Debug, Clone, Copy)]
pub struct EmitOptions {
    /// Keep each document's generated Typst source beside its PDF.
    pub keep_source: bool,
    /// How many documents to typeset at once.
    pub threads: usize,
}

/// The jobs of one unit made so far.
struct Pending {
    made: Vec<Option<Result<Emitted, EmitError>>>,
    left: usize,
}

/// Emits every job of `plan` that is not up to date and hands each finished
/// unit to `sink`, from whichever thread finished it. A unit with nothing to
/// typeset (only documents to remove) goes to the sink first.
///
/// Plain threads pulling jobs from one queue, not a rayon pool: Typst uses
/// rayon inside a compilation, and a rayon worker that waits on that work
/// steals other documents meanwhile, which kept several documents' layouts
/// alive at once and let memory grow with the size of the batch (160 MiB for
/// 10 meetings against 65 MiB on plain threads).
pub fn emit_all(
    project: &Project,
    plan: &Plan,
    emitter: &PdfEmitter,
    options: EmitOptions,
    sink: impl Fn(&Unit, UnitResult) + Sync,
) {
    let mut queue = Vec::new();
    let mut pending = Vec::with_capacity(plan.units.len());
    for (u, unit) in plan.units.iter().enumerate() {
        let stale: Vec<usize> = (0..unit.jobs.len())
            .filter(|&j| !unit.jobs[j].up_to_date)
            .collect();
        if stale.is_empty() {
            sink(unit, Ok(Vec::new()));
        }
        pending.push(Mutex::new(Pending {
            made: stale.iter().map(|_| None).collect(),
            left: stale.len(),
        }));
        queue.extend(stale.into_iter().enumerate().map(|(slot, j)| (u, j, slot)));
    }

    let next = AtomicUsize::new(0);
    let work = || {
        while let Some(&(u, j, slot)) = queue.get(next.fetch_add(1, Ordering::Relaxed)) {
            let unit = &plan.units[u];
            let made = emitter.emit(project, unit, &unit.jobs[j], options);
            let finished = {
                let mut pending = pending[u]
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                pending.made[slot] = Some(made);
                pending.left -= 1;
                (pending.left == 0).then(|| std::mem::take(&mut pending.made))
            };
            if let Some(made) = finished {
                sink(unit, made.into_iter().flatten().collect());
            }
        }
    };
    let threads = options.threads.clamp(1, queue.len().max(1));
    std::thread::scope(|scope| {
        for _ in 1..threads {
            let spawned = std::thread::Builder::new()
                .name("protokoll-typeset".into())
                .stack_size(THREAD_STACK_BYTES)
                .spawn_scoped(scope, work);
            // Without another thread the work is done by the ones there are.
            drop(spawned);
        }
        work();
    });
}
