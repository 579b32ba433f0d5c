//! Every PDF these tests build conforms to PDF/A-2a and PDF/UA-1, checked by
//! `validate-pdf` (veraPDF + page) from the shared tools: each document kind
//! (protocol, web version, kallelse, utdrag, anslagsbevis, delegationsbeslut).

use std::ffi::OsStr;
use std::process::Command;

use crate::support;

#[test]
fn built_pdfs_are_pdf_a_2a_and_pdf_ua_1() {
    let Some(tool) = support::validator() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "validate-pdf not found (set PROTOKOLL_VALIDATE_PDF); CI must install it"
        );
        eprintln!(
            "NOTICE: validate-pdf not found (PROTOKOLL_VALIDATE_PDF or ../shared/tools); \
             PDF/A and PDF/UA conformance NOT checked"
        );
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let mut meetings = vec![
        support::example(crate::protocol::SOCSAM),
        support::example(crate::protocol::SOCIALNAMNDEN),
        crate::protocol::write_socsam_draft(&dir.path().join("draft")),
        crate::appendix::write_meeting_with_appendix(&dir.path().join("appendix")).0,
        // Tables, links, numbered decisions, a vote, the § prefix.
        crate::signed_protocol::write_ks(
            &dir.path().join("ks"),
            "",
            crate::signed_protocol::KS_MEETING,
        ),
        // A närvarolista and a page per §.
        crate::signed_protocol::write_ks(
            &dir.path().join("fullmaktige"),
            "ny_sida_per_paragraf: true\n",
            &crate::signed_protocol::fullmaktige(61),
        ),
    ];
    meetings.extend(
        crate::escaping::write_fixture(&dir.path().join("escaping"))
            .into_iter()
            .map(|case| case.meeting),
    );
    // Each into its own folder (the draft has the same organ and date as the
    // SocSam example), every document that applies, two at a time.
    std::thread::scope(|scope| {
        let handles: Vec<_> = meetings
            .iter()
            .enumerate()
            .map(|(i, meeting)| {
                let out = out.join(i.to_string());
                scope.spawn(move || support::build(meeting, &out, &["--web"]))
            })
            .collect();
        for handle in handles {
            handle.join().expect("build thread");
        }
    });
    let planned = crate::documents::write_planned_meeting(&dir.path().join("planned"));
    let delegation = support::example(crate::documents::DELEGATION);
    for (name, file) in [("planned", &planned), ("delegation", &delegation)] {
        let output = support::run(
            [
                OsStr::new("build"),
                file.as_os_str(),
                OsStr::new("--out"),
                out.join(name).as_os_str(),
            ],
            None,
        );
        assert!(output.status.success(), "{}", support::describe(&output));
    }
    let pdfs = support::pdfs_below(&out);
    for kind in [
        "-protokoll.pdf",
        "-protokoll-webb.pdf",
        "-kallelse.pdf",
        "-utdrag-63.pdf",
        "-anslagsbevis.pdf",
        "RUN-574-2019.pdf",
    ] {
        assert!(
            pdfs.iter().any(|p| p.to_string_lossy().ends_with(kind)),
            "no *{kind} among the PDFs validated: {pdfs:?}"
        );
    }

    // One run for all files: the validator's start-up (a JVM) is most of its time.
    let output = Command::new(&tool)
        .args(["--profile", "2a,ua1"])
        .args(&pdfs)
        .output()
        .unwrap_or_else(|e| panic!("could not run {}: {e}", tool.display()));
    assert!(
        output.status.success(),
        "{} --profile 2a,ua1 failed for {:?}\n{}",
        tool.display(),
        meetings,
        support::describe(&output)
    );
}
