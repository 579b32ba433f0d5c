//! The command line as a secretary meets it: help with examples, errors that
//! point at file:line:column and say what to write, and the default output
//! folder.

use crate::support;

/// An example command line: a line of the help that starts with
/// `protokoll build`, under an "Example(s)" heading.
fn assert_help_has_build_example(args: &[&str]) {
    let output = support::run(args, None);
    assert!(output.status.success(), "{}", support::describe(&output));
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(
        help.contains("build"),
        "`protokoll {args:?}` does not mention build:\n{help}"
    );
    assert!(
        help.contains("Exempel:"),
        "`protokoll {args:?}` has no Exempel section:\n{help}"
    );
    assert!(
        help.lines()
            .any(|l| l.trim_start().starts_with("protokoll build")),
        "`protokoll {args:?}` shows no example command line `protokoll build …`:\n{help}"
    );
}

#[test]
fn help_mentions_build_and_an_example() {
    assert_help_has_build_example(&["--help"]);
}

#[test]
fn build_help_mentions_build_and_an_example() {
    assert_help_has_build_example(&["build", "--help"]);
}

/// 1-based line and column (in characters) of `needle` in `text`, where
/// `needle` is the first occurrence of `context` (a line start, so that a
/// comment mentioning the same words does not count) or lies inside it.
fn line_column(text: &str, context: &str, needle: &str) -> (usize, usize) {
    let at = text.find(context).expect("context in the fixture");
    let offset = at + context.find(needle).expect("needle inside context");
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Builds `meeting` into a fresh folder, asserts exit code 1, and returns
/// stderr and the folder (to check that nothing was written).
fn build_expecting_failure(meeting: &std::path::Path) -> (String, tempfile::TempDir) {
    let out = tempfile::tempdir().expect("temp dir");
    let stderr = support::refused_stderr(&support::run_build(meeting, out.path()));
    (stderr, out)
}

#[test]
fn unknown_key_names_file_line_column_and_the_right_key() {
    let meeting = support::fixture("unknown-key/meetings/provnamnd/2021/2021-01-01.yaml");
    let (line, column) = line_column(
        &support::read(&meeting),
        "\n  - foredragande:",
        "foredragande",
    );
    let (stderr, out) = build_expecting_failure(&meeting);
    let location = format!("2021-01-01.yaml:{line}:{column}");
    assert!(
        stderr.contains(&location),
        "stderr does not name {location}:\n{stderr}"
    );
    assert!(
        stderr.contains("föredragande"),
        "stderr does not suggest `föredragande`:\n{stderr}"
    );
    assert!(
        support::files_below(out.path()).is_empty(),
        "a failed build wrote files"
    );
}

#[test]
fn chair_not_among_beslutande_is_named() {
    let meeting = support::fixture("chair-not-voting/meetings/provnamnd/2021/2021-01-01.yaml");
    let (stderr, out) = build_expecting_failure(&meeting);
    assert!(
        stderr.contains("Greta Gran"),
        "stderr does not name the ordförande:\n{stderr}"
    );
    assert!(
        stderr.contains("ordförande") && stderr.contains("beslutande"),
        "stderr does not say what is wrong:\n{stderr}"
    );
    let (line, column) = line_column(
        &support::read(&meeting),
        "\nordförande: Greta Gran",
        "Greta Gran",
    );
    assert!(
        stderr.contains(&format!("2021-01-01.yaml:{line}:{column}")),
        "stderr does not point at the name:\n{stderr}"
    );
    assert!(support::files_below(out.path()).is_empty());
}

#[test]
fn build_without_out_writes_to_output_beside_meetings() {
    let dir = tempfile::tempdir().expect("temp dir");
    support::copy_dir(&support::fixture("minimal"), dir.path());
    let output = support::run(["build"], Some(dir.path()));
    assert!(output.status.success(), "{}", support::describe(&output));
    let pdf = dir
        .path()
        .join("output/provnamnd/2021/2021-01-01-protokoll.pdf");
    let bytes = std::fs::read(&pdf).unwrap_or_else(|e| {
        panic!(
            "no PDF at {}: {e}\nfiles: {:?}\n{}",
            pdf.display(),
            support::files_below(dir.path()),
            support::describe(&output)
        )
    });
    assert!(bytes.starts_with(b"%PDF-"));
}

#[test]
fn check_and_build_work_from_inside_a_year_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    support::copy_dir(&support::fixture("minimal"), dir.path());
    let year = dir.path().join("meetings/provnamnd/2021");
    let checked = support::run(["check", "2021-01-01.yaml"], Some(&year));
    assert!(checked.status.success(), "{}", support::describe(&checked));
    let stderr = String::from_utf8_lossy(&checked.stderr);
    assert!(
        stderr.contains("0 fel, 0 varningar i 1 mötesfil"),
        "{stderr}"
    );
    let built = support::run(["build", "2021-01-01.yaml"], Some(&year));
    assert!(built.status.success(), "{}", support::describe(&built));
    // The documents go to the project's output/, not into the year folder.
    assert!(
        dir.path()
            .join("output/provnamnd/2021/2021-01-01-protokoll.pdf")
            .is_file(),
        "{:?}",
        support::files_below(dir.path())
    );
    assert!(!year.join("output").exists());
}
