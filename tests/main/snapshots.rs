//! Snapshots (insta) of the Typst source generated for the bundled examples,
//! as `--emit-typst` writes it. A change here is a change to every protocol:
//! review it with `cargo insta review` (or `INSTA_UPDATE=always cargo test`
//! and `git diff tests/snapshots`).

use crate::protocol::{SOCIALNAMNDEN, SOCSAM};
use crate::support;

fn emitted_typst(relative: &str) -> String {
    let meeting = support::example(relative);
    let out = tempfile::tempdir().expect("temp dir");
    let pdf = support::build(&meeting, out.path(), &["--emit-typst"]);
    let dir = pdf.parent().expect("PDF folder");
    assert!(
        dir.join("lib/layout.typ").is_file(),
        "--emit-typst writes the imported lib/layout.typ beside the source"
    );
    let stem = pdf.file_stem().expect("PDF name").to_string_lossy();
    support::read(&dir.join(format!("{stem}.typ")))
}

fn snapshot(name: &str, source: &str) {
    insta::with_settings!({
        snapshot_path => "../snapshots",
        prepend_module_to_snapshot => false,
    }, {
        insta::assert_snapshot!(name, source);
    });
}

#[test]
fn socsam_typst_source() {
    snapshot("socsam_2021-02-26", &emitted_typst(SOCSAM));
}

#[test]
fn socialnamnden_typst_source() {
    snapshot("socialnamnden_2017-09-27", &emitted_typst(SOCIALNAMNDEN));
}
