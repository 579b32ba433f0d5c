//! The published site in a real browser: headless Chromium through selenium
//! (`tests/browser/site.py`) opens the anslagstavla of a given day, sees
//! exactly its notices, follows the PDF links, and runs axe-core (WCAG 2.1
//! A and AA) on the anslagstavla, the page on how to appeal, the archive,
//! a meeting's page, an ärende page and the search page; and searches,
//! in Swedish, for a word the § has only in another form.

use std::path::PathBuf;
use std::process::Command;

use crate::support;

/// axe-core's script: `$PROTOKOLL_AXE`, else `node_modules/axe-core/axe.min.js`
/// in the crate; `None` without it or without Chromium's driver.
fn browser_tools() -> Option<PathBuf> {
    let axe = match std::env::var_os("PROTOKOLL_AXE") {
        Some(path) => PathBuf::from(path),
        None => support::manifest_dir().join("node_modules/axe-core/axe.min.js"),
    };
    let driver = PathBuf::from("/usr/bin/chromedriver");
    (axe.is_file() && driver.is_file()).then_some(axe)
}

#[test]
fn a_resident_sees_the_notices_of_the_day_and_the_pages_pass_axe() {
    let Some(axe) = browser_tools() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium-driver or axe-core not found (set PROTOKOLL_AXE); CI must install them"
        );
        eprintln!(
            "NOTICE: chromium-driver or axe-core not found; the site is NOT tested in a browser"
        );
        return;
    };
    let root = tempfile::tempdir().expect("temp dir");
    support::copy_dir(
        &support::manifest_dir().join("meetings"),
        &root.path().join("meetings"),
    );
    // A Dnr, for an ärende page.
    let meeting = root
        .path()
        .join("meetings/socialnamnden/2017/2017-09-27.yaml");
    let text = support::read(&meeting).replacen(
        "  - rubrik: Förslag om kommunal",
        "  - diarienummer: SN 2017/12\n    rubrik: Förslag om kommunal",
        1,
    );
    support::write(&meeting, &text);
    let output = support::run(["publish", "--idag", "2017-10-05"], Some(root.path()));
    assert!(output.status.success(), "{}", support::describe(&output));

    let script = support::manifest_dir().join("tests/browser/site.py");
    let checked = Command::new("python3")
        .arg(script)
        .arg(root.path().join("site"))
        .arg(axe)
        .args([
            "--notice",
            "Socialnämnden – sammanträdet onsdag den 27 september 2017",
        ])
        .args(["--absent", "Regionala utvecklingsnämnden –"])
        .args(["--page", "anslagstavla/index.html"])
        .args(["--page", "anslagstavla/overklaga.html"])
        .args(["--page", "index.html"])
        .args(["--page", "arkiv/index.html"])
        .args(["--page", "arkiv/socialnamnden/2017/2017-09-27.html"])
        .args(["--page", "arenden/sn-2017-12.html"])
        .args(["--page", "sok.html"])
        // The page says "finansiering"; Swedish stemming finds it.
        .args([
            "--search",
            "finansieringen=arkiv/socialnamnden/2017/2017-09-27.html",
        ])
        .output()
        .expect("run python3 tests/browser/site.py");
    assert!(checked.status.success(), "{}", support::describe(&checked));
}
