//! protokoll: Swedish meeting minutes from YAML meeting files.
//!
//! The data flows once, one module per stage (see ARCHITECTURE.md):
//! [`project`] loads everything once (the only stage that reads) →
//! [`number`] → [`validate`] → [`plan`] (jobs with fingerprints) →
//! [`emit`] (through [`render`], Tera → Typst source, and [`typeset`],
//! Typst → PDF) → [`output`] writes, with the build cache. [`cli`] is the
//! command line. [`model`] is the file format; [`parse`] reads it;
//! [`document`] says which documents a meeting yields; [`redact`] masks
//! the web version.

pub mod calendar;
pub mod cli;
pub mod diagnostic;
pub mod document;
pub mod edit;
pub mod emit;
pub mod encode;
pub mod messages;
pub mod model;
pub mod number;
pub mod output;
pub mod parse;
pub mod plan;
pub mod project;
pub mod redact;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod typeset;
pub mod validate;
