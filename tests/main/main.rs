//! The integration tests of `protokoll`, in one test binary (`cargo test --test main`).
//!
//! They drive the real binary end to end (YAML in, PDF out) in temporary
//! folders and read the PDFs back with poppler's `pdftotext`. Fixtures live in
//! `tests/fixtures/<case>/meetings/<organ>/…`, snapshots in `tests/snapshots/`.

mod appendix;
mod bad_input;
mod browser;
mod check;
mod cli;
mod documents;
mod engine;
mod escaping;
mod examples;
mod export;
mod justera;
mod kallelse;
mod new;
mod protocol;
mod publish;
mod reproducible;
mod schema;
mod signature_fields;
mod signed_protocol;
mod snapshots;
mod support;
mod templates;
mod validate_pdf;
mod web;
