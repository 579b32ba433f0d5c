//! Stage 5: the plan's documents as bytes. One emitter per kind of output;
//! today the PDFs ([`pdf`]), next the site, the open data and the archive
//! package. Emitters never touch the disk: they hand their bytes to a sink
//! (the output stage) as each unit is done.
//!
//! [`emit_all`] works through the units on every core. Each unit's jobs are
//! typeset before the sink sees any of them, so a unit is written whole or
//! not at all; a PDF's bytes do not depend on which thread made it or when.

pub mod pdf;

use rayon::prelude::*;

use crate::plan::{Plan, Unit};
use crate::project::Project;
pub use pdf::{EmitError, Emitted, PdfEmitter};

/// What an emitter made of one unit: a PDF per job that was not up to date,
/// in job order, or the first error.
pub type UnitResult = Result<Vec<Emitted>, EmitError>;

/// Options for emitting.
#[derive(Debug, Clone, Copy, Default)]
pub struct EmitOptions {
    /// Keep each document's generated Typst source beside its PDF.
    pub keep_source: bool,
}

/// Emits every unit of `plan` that is not up to date, in parallel, and hands
/// each finished unit to `sink` (from whichever thread finished it).
pub fn emit_all(
    project: &Project,
    plan: &Plan,
    emitter: &PdfEmitter,
    options: EmitOptions,
    sink: impl Fn(&Unit, UnitResult) + Sync,
) {
    plan.units.par_iter().for_each(|unit| {
        let result = emit_unit(project, unit, emitter, options);
        sink(unit, result);
    });
}

fn emit_unit(
    project: &Project,
    unit: &Unit,
    emitter: &PdfEmitter,
    options: EmitOptions,
) -> UnitResult {
    let stale: Vec<_> = unit.jobs.iter().filter(|j| !j.up_to_date).collect();
    // A meeting with a hundred utdrag is worth spreading over the cores too.
    stale
        .par_iter()
        .map(|job| emitter.emit(project, unit, job, options))
        .collect()
}
