//! protokoll: Swedish meeting minutes from YAML meeting files.
//!
//! The pipeline, one module per stage (see ARCHITECTURE.md):
//! [`workspace`] reads → [`parse`] → [`validate`] → [`number`] →
//! [`render`] (Tera → Typst source) → [`typeset`] (Typst → PDF) →
//! [`output`] writes. [`pipeline`] wires them; [`cli`] is the command line.
//! [`document`] says which documents a meeting yields (protocol, kallelse,
//! utdrag, anslagsbevis, web version); [`redact`] masks the web version.

pub mod calendar;
pub mod cli;
pub mod diagnostic;
pub mod document;
pub mod model;
pub mod number;
pub mod output;
pub mod parse;
pub mod pipeline;
pub mod redact;
pub mod render;
pub mod schema;
pub mod typeset;
pub mod validate;
pub mod workspace;
