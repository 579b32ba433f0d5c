//! Builds are reproducible (same input, same bytes) and atomic: a build that
//! fails leaves the last good PDF as it was and no temporary files behind.

use std::ffi::OsStr;
use std::path::Path;

use crate::documents::DELEGATION;
use crate::protocol::SOCIALNAMNDEN;
use crate::support;

/// The temporary files `output::write_atomic` uses (`.protokoll-*.part`).
fn leftover_temporaries(dir: &Path) -> Vec<String> {
    support::files_below(dir)
        .into_iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().into_owned();
            (name.starts_with(".protokoll-") || name.ends_with(".part"))
                .then(|| p.display().to_string())
        })
        .collect()
}

#[test]
fn same_meeting_gives_byte_identical_pdfs() {
    // Every document kind: socialnämnden's meeting gives protocol, web
    // version, utdrag and anslagsbevis, and its kallelse when asked for;
    // then a delegationsbeslut.
    let first = tempfile::tempdir().expect("temp dir");
    let second = tempfile::tempdir().expect("temp dir");
    for (command, file) in [
        ("build", SOCIALNAMNDEN),
        ("kallelse", SOCIALNAMNDEN),
        ("build", DELEGATION),
    ] {
        let file = support::example(file);
        for out in [first.path(), second.path()] {
            let mut args = vec![OsStr::new(command)];
            if command == "build" {
                args.push(OsStr::new("--web"));
            }
            args.extend([file.as_os_str(), OsStr::new("--out"), out.as_os_str()]);
            let output = support::run(args, None);
            assert!(output.status.success(), "{}", support::describe(&output));
        }
    }
    let a = support::pdfs_below(first.path());
    let b = support::pdfs_below(second.path());
    assert_eq!(a.len(), 6, "{a:?}");
    assert_eq!(a.len(), b.len());
    for (a, b) in a.iter().zip(&b) {
        let (x, y) = (
            std::fs::read(a).expect("read"),
            std::fs::read(b).expect("read"),
        );
        assert!(
            x == y,
            "two builds of {} differ ({} and {} bytes; first difference at byte {:?})",
            a.display(),
            x.len(),
            y.len(),
            x.iter().zip(&y).position(|(p, q)| p != q)
        );
    }
}

/// Copies the `minimal` fixture into a temporary folder and builds it there.
/// Returns the folder, the meeting file, the output folder and the PDF.
fn built_copy() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    std::path::PathBuf,
    Vec<u8>,
) {
    let dir = tempfile::tempdir().expect("temp dir");
    support::copy_dir(&support::fixture("minimal"), dir.path());
    let meeting = dir.path().join("meetings/provnamnd/2021/2021-01-01.yaml");
    let out = dir.path().join("out");
    let pdf = support::build(&meeting, &out, &[]);
    let bytes = std::fs::read(&pdf).expect("read the PDF");
    (dir, meeting, out, bytes)
}

fn assert_failed_and_untouched(
    output: &std::process::Output,
    meeting: &Path,
    out: &Path,
    before: &[u8],
) {
    assert_eq!(
        output.status.code(),
        Some(1),
        "the broken build must fail with exit code 1\n{}",
        support::describe(output)
    );
    let after = std::fs::read(support::pdf_path(meeting, out)).expect("the old PDF is still there");
    assert!(after == before, "the failed build changed the existing PDF");
    let left = leftover_temporaries(out);
    assert!(left.is_empty(), "temporary files left behind: {left:?}");
}

#[test]
fn invalid_meeting_keeps_the_previous_pdf() {
    let (dir, meeting, out, before) = built_copy();
    let text = support::read(&meeting);
    assert!(text.contains("    föredragande: "), "fixture changed");
    support::write(
        &meeting,
        &text.replace("    föredragande: ", "    foredragande: "),
    );
    let output = support::run_build(&meeting, &out);
    assert_failed_and_untouched(&output, &meeting, &out, &before);
    assert!(leftover_temporaries(dir.path()).is_empty());
}

#[test]
fn typesetting_error_keeps_the_previous_pdf() {
    // Fails after parsing, validation and rendering, in Typst: the last
    // stage before writing.
    let (dir, meeting, out, before) = built_copy();
    let templates = dir.path().join("broken-templates");
    support::write(
        &templates.join("protokoll.typ"),
        "#panic(\"avsiktligt fel i mallen\")\n",
    );
    let output = support::run(
        [
            "build".as_ref(),
            meeting.as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
            "--templates".as_ref(),
            templates.as_os_str(),
        ],
        None,
    );
    assert_failed_and_untouched(&output, &meeting, &out, &before);
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("avsiktligt fel"),
        "the Typst error is reported\n{}",
        support::describe(&output)
    );
    assert!(leftover_temporaries(dir.path()).is_empty());
}
