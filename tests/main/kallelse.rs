//! The kallelse as an allmän handling: made while the meeting is planned,
//! kept (never made again, never removed) once the minutes are written into
//! the same file, frozen by `kallelse --skicka`, locked by `justera` and
//! archived by `export`.

use std::path::{Path, PathBuf};

use crate::support;

const FILE: &str = "meetings/socialnamnden/2017/2017-11-22.yaml";
const KALLELSE: &str = "output/socialnamnden/2017/2017-11-22-kallelse.pdf";

/// The bundled examples and a new meeting of Socialnämnden, 2017-11-22.
fn planned_meeting_in(root: &Path) -> PathBuf {
    support::copy_dir(
        &support::manifest_dir().join("meetings"),
        &root.join("meetings"),
    );
    let output = support::run(
        ["new", "meetings/socialnamnden", "--datum", "2017-11-22"],
        Some(root),
    );
    assert!(output.status.success(), "{}", support::describe(&output));
    root.join(FILE)
}

/// The file with the minutes written in, as `new`'s comments suggest.
fn held(text: &str) -> String {
    text.replace("# beslutande:\n", "beslutande:\n")
        .replace("#   - namn:", "  - namn:")
        .replace("#     parti:", "    parti:")
        .replace("\nparagrafer:", "justerare: [Lars Nilsson]\nparagrafer:")
}

fn run(root: &Path, args: &[&str]) -> std::process::Output {
    let output = support::run(args, Some(root));
    assert!(output.status.success(), "{}", support::describe(&output));
    output
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_kallelse_made_before_the_meeting_is_kept_once_it_is_held() {
    let root = tempfile::tempdir().expect("temp dir");
    let file = planned_meeting_in(root.path());
    run(root.path(), &["build", FILE]);
    let kallelse = root.path().join(KALLELSE);
    let sent = std::fs::read(&kallelse).expect("build makes the kallelse of a planned meeting");
    let agenda = support::squash(&support::pdf_text(&kallelse, support::Extract::Raw, None));
    assert!(agenda.contains("2. Val av justerare"), "{agenda}");

    // The minutes written in: the protocol is made, the kallelse is
    // neither made again from the minutes nor removed.
    support::write(&file, &held(&support::read(&file)));
    let build = run(root.path(), &["build", FILE]);
    assert!(
        stderr(&build).contains("1 dokument byggt"),
        "{}",
        support::describe(&build)
    );
    assert!(
        root.path()
            .join("output/socialnamnden/2017/2017-11-22-protokoll.pdf")
            .is_file()
    );
    assert_eq!(std::fs::read(&kallelse).expect("kallelse kept"), sent);

    // Locked with the final documents.
    run(
        root.path(),
        &[
            "justera",
            FILE,
            "--datum",
            "2017-11-24",
            "--sätt",
            "digitalt",
        ],
    );
    let lock: serde_json::Value =
        serde_json::from_str(&support::read(&file.with_extension("lock"))).expect("lock is JSON");
    let documents = lock["dokument"].as_array().expect("dokument");
    assert!(
        documents
            .iter()
            .any(|d| d["fil"] == "socialnamnden/2017/2017-11-22-kallelse.pdf"
                && d["sha256"] == support::sha256(&sent)),
        "{lock:#}"
    );

    // And archived with them.
    run(root.path(), &["export", "--idag", "2017-12-20"]);
    let archived = support::files_below(&root.path().join("export"));
    let archived_kallelse = archived
        .iter()
        .find(|p| p.ends_with("dokument/data/socialnamnden/2017/2017-11-22-kallelse.pdf"))
        .unwrap_or_else(|| panic!("no kallelse in the package: {archived:?}"));
    assert_eq!(std::fs::read(archived_kallelse).expect("archived"), sent);
}

#[test]
fn a_sent_kallelse_is_recorded_once_and_never_made_again() {
    let root = tempfile::tempdir().expect("temp dir");
    let file = planned_meeting_in(root.path());
    let planned = support::read(&file);

    let output = run(
        root.path(),
        &["kallelse", "--skicka", "--datum", "2017-11-08", FILE],
    );
    assert!(
        stderr(&output).contains(&format!("{FILE}: kallelsen skickad 2017-11-08")),
        "{}",
        support::describe(&output)
    );
    let marked = support::read(&file);
    let block = "kallelse:\n  utskickad: 2017-11-08\n";
    assert!(marked.contains(block), "{marked}");
    // Only the block is new: every other byte as `new` wrote it.
    assert_eq!(marked.replacen(block, "", 1), planned);
    let sent = std::fs::read(root.path().join(KALLELSE)).expect("the kallelse is made");
    let check = run(root.path(), &["check", FILE]);
    assert!(
        stderr(&check).contains("0 fel, 0 varningar"),
        "{}",
        support::describe(&check)
    );

    // Sent again on the same day: nothing changes. On another: refused.
    let again = run(
        root.path(),
        &["kallelse", "--skicka", "--datum", "2017-11-08", FILE],
    );
    assert!(
        stderr(&again).contains("redan skickad 2017-11-08"),
        "{}",
        support::describe(&again)
    );
    assert_eq!(support::read(&file), marked);
    let other = support::run(
        ["kallelse", "--skicka", "--datum", "2017-11-09", FILE],
        Some(root.path()),
    );
    let said = support::refused_stderr(&other);
    assert!(
        said.contains("kallelsen är redan skickad 2017-11-08"),
        "{said}"
    );
    assert_eq!(support::read(&file), marked);

    // An item added to the agenda after it went out: neither `build` nor
    // `kallelse` makes the sent kallelse again.
    let changed = marked.replace("Mötet avslutas", "Information från förvaltningen");
    assert_ne!(changed, marked);
    support::write(&file, &changed);
    run(root.path(), &["build", FILE]);
    run(root.path(), &["kallelse", FILE]);
    assert_eq!(
        std::fs::read(root.path().join(KALLELSE)).expect("kept"),
        sent
    );
}

#[test]
fn a_kallelse_sent_after_the_meeting_is_refused_and_an_error_in_check() {
    let root = tempfile::tempdir().expect("temp dir");
    let file = planned_meeting_in(root.path());
    let planned = support::read(&file);
    let late = support::run(
        ["kallelse", "--skicka", "--datum", "2017-11-23", FILE],
        Some(root.path()),
    );
    // The reason `check` gives, at the line of the date as it would stand.
    let said = support::refused_stderr(&late);
    assert!(
        said.contains(
            "kallelsen är utskickad torsdag 2017-11-23, efter sammanträdet onsdag 2017-11-22"
        ),
        "{said}"
    );
    assert!(said.contains("utskickad: 2017-11-23"), "{said}");
    assert!(said.contains("filen ändrades inte"), "{said}");
    assert_eq!(support::read(&file), planned);
    assert!(!root.path().join(KALLELSE).exists());

    // Written by hand: `check` points at the date.
    support::write(
        &file,
        &planned.replacen(
            "\nparagrafer:",
            "\nkallelse:\n  utskickad: 2017-11-23\nparagrafer:",
            1,
        ),
    );
    let check = support::run(["check", FILE], Some(root.path()));
    let said = support::refused_stderr(&check);
    assert!(
        said.contains(
            "kallelsen är utskickad torsdag 2017-11-23, efter sammanträdet onsdag 2017-11-22"
        ),
        "{said}"
    );
    assert!(said.contains("2017-11-22.yaml:"), "{said}");
}
