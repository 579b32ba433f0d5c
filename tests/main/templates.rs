//! A municipality's own templates: a Typst error in one names that
//! template's file and line (not the generated source), and TEMPLATES.md
//! documents every field the templates are given.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::support;

/// The minimal fixture with its own copy of `template` (from the built-in
/// ones) under `templates/`, `broken` inserted after the line holding
/// `after`; returns the meeting folder and the 1-based line of `broken`.
fn project_with_broken(root: &Path, template: &str, after: &str, broken: &str) -> (PathBuf, usize) {
    support::copy_dir(&support::fixture("minimal"), root);
    let text = support::read(&support::manifest_dir().join("templates").join(template));
    let mut lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains(after))
        .unwrap_or_else(|| panic!("{template} has no line with {after:?}"))
        + 1;
    lines.insert(at, broken);
    support::write(
        &root.join("templates").join(template),
        &(lines.join("\n") + "\n"),
    );
    (root.join("meetings"), at + 1)
}

fn build_fails(meetings: &Path, out: &Path) -> String {
    let output = support::run(
        [
            OsStr::new("build"),
            meetings.as_os_str(),
            OsStr::new("--out"),
            out.as_os_str(),
        ],
        None,
    );
    assert!(!output.status.success(), "{}", support::describe(&output));
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_typst_error_in_an_own_template_names_its_file_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (meetings, line) = project_with_broken(
        dir.path(),
        "protokoll.typ",
        "#field[Utses att justera]",
        "#field[Ordförandes ord][#ordförandes-ord]",
    );
    let stderr = build_fails(&meetings, &dir.path().join("out"));
    let own = dir.path().join("templates/protokoll.typ");
    assert!(
        stderr.contains(&format!("{}:{line}", own.display())),
        "expected {}:{line} in:\n{stderr}",
        own.display()
    );
    assert!(
        stderr.contains("i den genererade källan: protokoll.typ:"),
        "{stderr}"
    );
    // Typst's own words are English: quoted as its, inside the Swedish.
    assert!(
        stderr.contains("Typst kunde inte sätta dokumentet") && stderr.contains("Typst: »"),
        "{stderr}"
    );
}

#[test]
fn a_typst_error_in_an_own_layout_names_that_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (meetings, line) = project_with_broken(
        dir.path(),
        "lib/layout.typ",
        "#let rule-color",
        "#let broken = (1 + )",
    );
    let stderr = build_fails(&meetings, &dir.path().join("out"));
    let own = dir.path().join("templates/lib/layout.typ");
    assert!(
        stderr.contains(&format!("{}:{line}:", own.display())),
        "expected {}:{line} in:\n{stderr}",
        own.display()
    );
}

#[test]
fn an_unknown_field_in_an_own_template_names_itself_and_its_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (meetings, line) = project_with_broken(
        dir.path(),
        "paragraf.typ",
        "#paragraf-heading(",
        "Utdrag: {{ p.extrac_to | join(sep=\", \") }}",
    );
    let stderr = build_fails(&meetings, &dir.path().join("out"));
    let own = dir.path().join("templates/paragraf.typ");
    assert!(
        stderr.contains(&format!("{}:{line}:", own.display())),
        "expected {}:{line}: in:\n{stderr}",
        own.display()
    );
    assert!(stderr.contains("`p.extrac_to`"), "{stderr}");
    assert!(stderr.contains("mallen kunde inte fyllas i"), "{stderr}");
    assert!(stderr.contains("Tera: »"), "{stderr}");
}
