//! A PDF bilaga is appended to the protocol, page by page, and the result is
//! still PDF/A-2a + PDF/UA-1 (checked in `validate_pdf`).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::protocol::SOCIALNAMNDEN;
use crate::support;

/// The Socialnämnden example with its § carrying a PDF bilaga: the built
/// protocol of the same example, a real multi-page PDF/A file. Returns the
/// meeting file and the bilaga's page count.
pub fn write_meeting_with_appendix(root: &Path) -> (PathBuf, usize) {
    let organ = root.join("meetings/socialnamnden");
    support::copy_dir(&support::example("socialnamnden"), &organ);
    let bilaga = support::build(
        &support::example(SOCIALNAMNDEN),
        &root.join("bilaga-out"),
        &[],
    );
    std::fs::create_dir_all(organ.join("bilagor")).expect("bilagor folder");
    std::fs::copy(&bilaga, organ.join("bilagor/underlag.pdf")).expect("copy bilaga");

    let meeting = organ.join("2017/2017-09-27.yaml");
    let source = support::read(&meeting);
    let anchor = "\n    utdrag_till:";
    assert!(
        source.contains(anchor),
        "the example lost utdrag_till; update this test"
    );
    let with_bilaga = source.replacen(
        anchor,
        "\n    bilagor:\n      - titel: Region Kronobergs skrivelse\n        fil: bilagor/underlag.pdf\n    utdrag_till:",
        1,
    );
    support::write(&meeting, &with_bilaga);
    (meeting, support::page_count(&bilaga))
}

#[test]
fn pdf_bilaga_pages_follow_the_last_paragraph() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plain = support::build(
        &support::example(SOCIALNAMNDEN),
        &dir.path().join("plain"),
        &[],
    );
    let (meeting, bilaga_pages) = write_meeting_with_appendix(&dir.path().join("with"));
    let pdf = support::build(&meeting, &dir.path().join("out"), &[]);

    let pages = support::page_count(&pdf);
    assert_eq!(pages, support::page_count(&plain) + bilaga_pages);
    // The title is listed in the §, and the appended pages carry no header
    // of their own: the bilaga's pages are pictures of its pages.
    assert!(
        support::pdf_text(&pdf, support::Extract::Raw, None)
            .contains("Region Kronobergs skrivelse")
    );
    let last = support::page_texts(&pdf, support::Extract::Raw);
    assert!(
        !last[pages - 1].contains("Justerandes sign"),
        "a bilaga page got the protocol's footer"
    );
    // Each bilaga page says which § it belongs to.
    assert!(
        last[pages - 1].contains(&format!(
            "Bilaga till Sn § 63, sida {bilaga_pages} av {bilaga_pages}"
        )),
        "{}",
        last[pages - 1]
    );
}

#[test]
fn a_bilaga_outside_the_organ_folder_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (meeting, _) = write_meeting_with_appendix(dir.path());
    let escaping =
        support::read(&meeting).replace("bilagor/underlag.pdf", "../../../../etc/passwd");
    support::write(&meeting, &escaping);
    let out = dir.path().join("out");
    let stderr = support::refused_stderr(&support::run_build(&meeting, &out));
    assert!(
        stderr.contains("ska ligga i organets mapp") || stderr.contains("finns inte i"),
        "{stderr}"
    );
    assert!(support::files_below(&out).is_empty());
}

#[test]
fn a_bilaga_that_is_not_a_pdf_is_an_error_at_check() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (meeting, _) = write_meeting_with_appendix(dir.path());
    let bilaga = meeting
        .parent()
        .and_then(Path::parent)
        .expect("organ folder")
        .join("bilagor/underlag.pdf");
    support::write(&bilaga, "Det här är ett Word-dokument, inte en PDF.\n");
    let output = support::run([OsStr::new("check"), meeting.as_os_str()], None);
    assert!(!output.status.success(), "{}", support::describe(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("fel: bilagor/underlag.pdf är ingen PDF som kan läggas till som bilaga"),
        "{stderr}"
    );
    let line = support::read(&meeting)
        .lines()
        .position(|l| l.contains("fil: bilagor/underlag.pdf"))
        .expect("the bilaga's line")
        + 1;
    assert!(
        stderr.contains(&format!("2017-09-27.yaml:{line}:")),
        "{stderr}"
    );
}
