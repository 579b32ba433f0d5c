//! `protokoll new`: the next meeting file, which passes `check` as written,
//! numbers on from the year's last meeting, and is never written over.

use std::path::Path;

use crate::support;

fn examples_in(root: &Path) {
    support::copy_dir(
        &support::manifest_dir().join("meetings"),
        &root.join("meetings"),
    );
}

#[test]
fn the_new_meeting_passes_check_and_its_paragraphs_number_on() {
    let root = tempfile::tempdir().expect("temp dir");
    examples_in(root.path());
    let output = support::run(
        ["new", "meetings/socialnamnden", "--datum", "2017-11-22"],
        Some(root.path()),
    );
    assert!(output.status.success(), "{}", support::describe(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "skrev meetings/socialnamnden/2017/2017-11-22.yaml: Socialnämnden, \
             sammanträdet onsdag den 22 november 2017, första paragrafen Sn § 64"
        ),
        "{stderr}"
    );
    let file = root
        .path()
        .join("meetings/socialnamnden/2017/2017-11-22.yaml");
    let text = support::read(&file);
    // Carried over from 2017-09-27: time, place, chair, secretary; the
    // roster as comments to keep after the meeting.
    assert!(text.contains("\ntid: \"13:30–16:00\""), "{text}");
    assert!(text.contains("\nplats: Kommunhuset, Ljungby\n"), "{text}");
    assert!(text.contains("\nordförande: Karin Johansson\n"), "{text}");
    assert!(
        text.contains("#   - namn: Sara Larsson\n#     parti: L\n"),
        "{text}"
    );
    assert!(!text.contains("\nbeslutande:"), "{text}");

    let check = support::run(["check", "meetings/socialnamnden"], Some(root.path()));
    assert!(check.status.success(), "{}", support::describe(&check));
    assert!(
        String::from_utf8_lossy(&check.stderr).contains("0 fel, 0 varningar"),
        "{}",
        support::describe(&check)
    );

    let kallelse = support::run(
        ["kallelse", "meetings/socialnamnden/2017/2017-11-22.yaml"],
        Some(root.path()),
    );
    assert!(
        kallelse.status.success(),
        "{}",
        support::describe(&kallelse)
    );
    let pdf = root
        .path()
        .join("output/socialnamnden/2017/2017-11-22-kallelse.pdf");
    let text = support::squash(&support::pdf_text(&pdf, support::Extract::Raw, None));
    assert!(
        text.contains(
            "1. Sammanträdet öppnas 2. Val av justerare 3. Godkännande av föredragningslista 4. Mötet avslutas"
        ),
        "{text}"
    );

    // After the meeting, the secretary keeps the roster's lines and names
    // a justerare: the protocol's §§ number on from 2017-09-27's Sn § 63.
    let written = support::read(&file);
    let held = written
        .replace("# beslutande:\n", "beslutande:\n")
        .replace("#   - namn:", "  - namn:")
        .replace("#     parti:", "    parti:")
        .replace("\nparagrafer:", "justerare: [Lars Nilsson]\nparagrafer:");
    support::write(&file, &held);
    let build = support::run(
        ["build", "meetings/socialnamnden/2017/2017-11-22.yaml"],
        Some(root.path()),
    );
    assert!(build.status.success(), "{}", support::describe(&build));
    let protocol = root
        .path()
        .join("output/socialnamnden/2017/2017-11-22-protokoll.pdf");
    let text = support::squash(&support::pdf_text(&protocol, support::Extract::Raw, None));
    for expected in [
        "Sn § 64 Sammanträdet öppnas",
        "Sn § 65 Val av justerare",
        "Sn § 67 Mötet avslutas",
    ] {
        assert!(
            text.contains(expected),
            "{expected} not in the protocol: {text}"
        );
    }
}

#[test]
fn new_never_writes_over_a_file_and_starts_a_year_at_one() {
    let root = tempfile::tempdir().expect("temp dir");
    examples_in(root.path());
    let existing = root
        .path()
        .join("meetings/socialnamnden/2017/2017-09-27.yaml");
    let before = support::read(&existing);
    let output = support::run(
        ["new", "meetings/socialnamnden", "--datum", "2017-09-27"],
        Some(root.path()),
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        support::describe(&output)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("2017-09-27.yaml: mötesfilen finns redan; new skriver aldrig över en fil"),
        "{stderr}"
    );
    assert_eq!(support::read(&existing), before);

    let output = support::run(
        ["new", "meetings/socialnamnden", "--datum", "2018-01-17"],
        Some(root.path()),
    );
    assert!(output.status.success(), "{}", support::describe(&output));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("första paragrafen Sn § 1\n"),
        "{}",
        support::describe(&output)
    );

    let output = support::run(
        ["new", "meetings", "--datum", "2018-01-17"],
        Some(root.path()),
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("här finns ingen organ.yaml"),
        "{}",
        support::describe(&output)
    );
}
