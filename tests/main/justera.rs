//! `protokoll justera`: the justering written into the meeting file with
//! every other byte kept, the final documents built and locked, twice a
//! no-op, and the law's dates refused.

use std::path::{Path, PathBuf};

use crate::support;

const FILE: &str = "meetings/socsam/2021/2021-02-26.yaml";

/// The seed's justering, as the example file writes it.
const OLD_JUSTERING: &str =
    "justering:\n  datum: 2021-02-26\n  plats: Via webben, Teams\n  sätt: muntligen\n";

fn examples_in(root: &Path) -> PathBuf {
    support::copy_dir(
        &support::manifest_dir().join("meetings"),
        &root.join("meetings"),
    );
    root.join(FILE)
}

fn justera(root: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["justera", FILE];
    all.extend_from_slice(args);
    support::run(all, Some(root))
}

#[test]
fn justera_writes_only_its_lines_builds_locks_and_twice_changes_nothing() {
    let root = tempfile::tempdir().expect("temp dir");
    let file = examples_in(root.path());
    let before = support::read(&file);
    assert!(before.contains(OLD_JUSTERING));

    let args = [
        "--datum",
        "2021-03-01",
        "--sätt",
        "digitalt",
        "--anslag",
        "2021-03-02",
    ];
    let output = justera(root.path(), &args);
    assert!(output.status.success(), "{}", support::describe(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "justerade meetings/socsam/2021/2021-02-26.yaml: justering 2021-03-01, \
             anslag 2021-03-02; 2 dokument låsta i 2021-02-26.lock"
        ),
        "{stderr}"
    );
    let after = support::read(&file);
    let new_justering =
        "justering:\n  datum: 2021-03-01\n  sätt: digitalt\n  plats: Via webben, Teams\n";
    let new_anslag = "anslag:\n  uppsatt: 2021-03-02\n";
    assert!(after.contains(new_justering), "{after}");
    assert!(after.contains(new_anslag), "{after}");
    // Every comment and line outside the two blocks, byte for byte.
    assert_eq!(
        after.replace(new_justering, "").replace(new_anslag, ""),
        before.replace(OLD_JUSTERING, "")
    );

    // The lock: the meeting file as written, and each final PDF.
    let lock_path = file.with_extension("lock");
    let lock: serde_json::Value =
        serde_json::from_str(&support::read(&lock_path)).expect("lock is JSON");
    assert_eq!(lock["justering"], "2021-03-01");
    assert_eq!(
        lock["mötesfil"]["sha256"],
        support::sha256(after.as_bytes())
    );
    let documents = lock["dokument"].as_array().expect("dokument");
    let names: Vec<&str> = documents
        .iter()
        .map(|d| d["fil"].as_str().expect("fil"))
        .collect();
    assert_eq!(
        names,
        [
            "socsam/2021/2021-02-26-protokoll.pdf",
            "socsam/2021/2021-02-26-anslagsbevis.pdf"
        ]
    );
    for document in documents {
        let pdf = std::fs::read(
            root.path()
                .join("output")
                .join(document["fil"].as_str().expect("fil")),
        )
        .expect("PDF");
        assert_eq!(document["sha256"], support::sha256(&pdf));
    }
    let protocol = root
        .path()
        .join("output/socsam/2021/2021-02-26-protokoll.pdf");
    let text = support::squash(&support::pdf_text(&protocol, support::Extract::Raw, None));
    assert!(
        text.contains("2021-03-02"),
        "the anslag date is not in the protocol: {text}"
    );

    // Again, the same: nothing written, not even the lock.
    let lock_before = std::fs::metadata(&lock_path)
        .and_then(|m| m.modified())
        .expect("mtime");
    let file_before = std::fs::metadata(&file)
        .and_then(|m| m.modified())
        .expect("mtime");
    let again = justera(root.path(), &args);
    assert!(again.status.success(), "{}", support::describe(&again));
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("var redan justerad så; inget ändrades"),
        "{}",
        support::describe(&again)
    );
    assert_eq!(support::read(&file), after);
    assert_eq!(
        std::fs::metadata(&lock_path)
            .and_then(|m| m.modified())
            .expect("mtime"),
        lock_before
    );
    assert_eq!(
        std::fs::metadata(&file)
            .and_then(|m| m.modified())
            .expect("mtime"),
        file_before
    );

    // Another justering of a locked protocol is the secretary's own act.
    let other = justera(
        root.path(),
        &["--datum", "2021-03-03", "--sätt", "digitalt"],
    );
    let stderr = support::refused_stderr(&other);
    assert!(
        stderr.contains("protokollet är redan justerat och låst (2021-02-26.lock)"),
        "{stderr}"
    );
    assert!(stderr.contains("ta bort"), "{stderr}");
    assert_eq!(support::read(&file), after);
}

#[test]
fn justera_refuses_dates_the_law_does_not_allow_and_a_meeting_with_errors() {
    let root = tempfile::tempdir().expect("temp dir");
    let file = examples_in(root.path());
    let before = support::read(&file);

    let early = justera(
        root.path(),
        &["--datum", "2021-02-20", "--sätt", "digitalt"],
    );
    let said = support::refused_stderr(&early);
    assert!(said.contains("före sammanträdet"), "{said}");

    // Friday's justering: the anslag by Tuesday, the second working day.
    let late = justera(
        root.path(),
        &[
            "--datum",
            "2021-02-26",
            "--sätt",
            "digitalt",
            "--anslag",
            "2021-03-03",
        ],
    );
    let said = support::refused_stderr(&late);
    assert!(said.contains("anslaget 2021-03-03 är för sent: efter justeringen 2021-02-26 ska det upp senast 2021-03-01"), "{said}");

    // A meeting with an error (a justerare who was not there) is not justerat.
    support::write(
        &file,
        &before.replace("justerare: [Karin Näsmark]", "justerare: [Kalle Okänd]"),
    );
    let broken = justera(
        root.path(),
        &["--datum", "2021-03-01", "--sätt", "digitalt"],
    );
    let said = support::refused_stderr(&broken);
    assert!(
        said.contains("mötet justeras inte: filen har 1 fel"),
        "{said}"
    );
    assert!(!file.with_extension("lock").exists());
    assert!(!root.path().join("output").exists());
}

#[test]
fn a_locked_meeting_changes_only_with_a_rättelse_and_keeps_its_documents() {
    let root = tempfile::tempdir().expect("temp dir");
    let file = examples_in(root.path());
    let args = [
        "--datum",
        "2021-03-01",
        "--sätt",
        "digitalt",
        "--anslag",
        "2021-03-02",
    ];
    assert!(justera(root.path(), &args).status.success());
    let protocol = root
        .path()
        .join("output/socsam/2021/2021-02-26-protokoll.pdf");
    let locked_pdf = std::fs::read(&protocol).expect("PDF");

    // Own templates that change the protocol: the locked one is not made
    // again, another meeting's is.
    let templates = root.path().join("mallar");
    assert!(
        support::run(["templates", "mallar"], Some(root.path()))
            .status
            .success()
    );
    let layout = templates.join("lib/layout.typ");
    support::write(&layout, &(support::read(&layout) + "\n// En ändring.\n"));
    assert!(support::run(["build"], Some(root.path())).status.success());
    let build = support::run(["build", "--templates", "mallar"], Some(root.path()));
    assert!(build.status.success(), "{}", support::describe(&build));
    // Every document is made again but the two the lock holds.
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(
        stderr.contains("6 dokument byggda, 2 oförändrade"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&protocol).expect("PDF"), locked_pdf);

    // An edit after justering is an error, in check and in build.
    let justerad = support::read(&file);
    let edited = justerad.replacen(
        "Ordförande avslutar dagens sammanträde.",
        "Ordförande avslutar sammanträdet.",
        1,
    );
    assert!(edited != justerad, "the edit did not apply");
    support::write(&file, &edited);
    let check = support::run(["check", FILE], Some(root.path()));
    let stderr = support::refused_stderr(&check);
    assert!(
        stderr.contains(
            "2021-02-26.yaml: mötesfilen har ändrats efter justeringen 2021-03-01; \
             ett justerat protokoll ändras bara med en rättelse"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("ta bort 2021-02-26.lock"), "{stderr}");
    let build = support::run(["build", FILE], Some(root.path()));
    support::refused_stderr(&build);
    assert_eq!(std::fs::read(&protocol).expect("PDF"), locked_pdf);

    // With a rättelse it goes through; the protocol prints it, and justera
    // locks the corrected file.
    let corrected = edited.replacen(
        "\nparagrafer:",
        "\nrättelser:\n  - datum: 2021-03-05\n    text: Ordförandens ord i § 15 rättade.\nparagrafer:",
        1,
    );
    support::write(&file, &corrected);
    let check = support::run(["check", FILE], Some(root.path()));
    assert!(check.status.success(), "{}", support::describe(&check));
    let relock = justera(root.path(), &args);
    assert!(relock.status.success(), "{}", support::describe(&relock));
    let text = support::squash(&support::pdf_text(&protocol, support::Extract::Raw, None));
    assert!(
        text.contains(
            "Rättelser efter justeringen Rättelse 2021-03-05: Ordförandens ord i § 15 rättade."
        ),
        "the rättelse is not in the protocol"
    );
    let lock: serde_json::Value =
        serde_json::from_str(&support::read(&file.with_extension("lock"))).expect("JSON");
    assert_eq!(lock["rättelser"], 1);
    assert_eq!(
        lock["mötesfil"]["sha256"],
        support::sha256(corrected.as_bytes())
    );
    let check = support::run(["check", FILE], Some(root.path()));
    assert!(check.status.success(), "{}", support::describe(&check));
}

#[test]
fn a_signed_protocol_is_reported_and_never_written_over() {
    let root = tempfile::tempdir().expect("temp dir");
    let file = examples_in(root.path());
    let args = ["--datum", "2021-03-01", "--sätt", "digitalt"];
    assert!(justera(root.path(), &args).status.success());
    let protocol = root
        .path()
        .join("output/socsam/2021/2021-02-26-protokoll.pdf");
    // A signing service appends its signature as an update to the file.
    let mut signed = std::fs::read(&protocol).expect("PDF");
    signed.extend_from_slice(b"% signerad\n");
    std::fs::write(&protocol, &signed).expect("write");

    let kept = "output/socsam/2021/2021-02-26-protokoll.pdf är inte längre den fil som \
                justeringen låste (undertecknad sedan?) och skrivs inte över";
    for round in ["a build", "a rättelse's build", "justera again"] {
        if round == "a rättelse's build" {
            let corrected = support::read(&file).replacen(
                "\nparagrafer:",
                "\nrättelser:\n  - datum: 2021-03-05\n    text: Fel datum i § 3.\nparagrafer:",
                1,
            );
            support::write(&file, &corrected);
        }
        let output = if round == "justera again" {
            justera(root.path(), &args)
        } else {
            support::run(["build", FILE], Some(root.path()))
        };
        assert!(
            output.status.success(),
            "{round}: {}",
            support::describe(&output)
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(kept), "{round}: {stderr}");
        assert_eq!(
            std::fs::read(&protocol).expect("PDF"),
            signed,
            "{round} wrote over the signed protocol"
        );
    }
}
