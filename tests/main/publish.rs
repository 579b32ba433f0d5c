//! `protokoll publish`: the anslagstavla of a given day, read back from the
//! site's files: which notices it shows, that its links resolve, that it is
//! made from the web edition, and that the same input gives the same bytes.

use std::path::Path;

use crate::support;

/// The examples in `root/meetings`, with a förvaltningsrätt for
/// Socialnämnden and a `maskera` on its meeting that hits the organ's
/// förvaringsplats, which the anslagstavla prints.
fn examples_in(root: &Path) {
    support::copy_dir(
        &support::manifest_dir().join("meetings"),
        &root.join("meetings"),
    );
    let organ = root.join("meetings/socialnamnden/organ.yaml");
    let text = support::read(&organ)
        + "förvaltningsrätt:\n  namn: Förvaltningsrätten i Växjö\n  adress: Box 42, 351 03 Växjö\n";
    support::write(&organ, &text);
    let meeting = root.join("meetings/socialnamnden/2017/2017-09-27.yaml");
    let text =
        support::read(&meeting).replacen("\ndatum:", "\nmaskera: [Socialförvaltningen]\ndatum:", 1);
    support::write(&meeting, &text);
}

fn publish(root: &Path, today: &str) -> std::process::Output {
    support::run(["publish", "--idag", today], Some(root))
}

fn board(root: &Path) -> String {
    support::read(&root.join("site/anslagstavla/index.html"))
}

/// Every `href` of a page of the site, resolved against the page's folder.
fn local_links(page: &Path) -> Vec<std::path::PathBuf> {
    let html = support::read(page);
    let dir = page.parent().expect("a page is in a folder");
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| !href.starts_with('#') && !href.contains(':'))
        .map(|href| dir.join(href))
        .collect()
}

#[test]
fn the_anslagstavla_shows_the_notices_up_on_the_day() {
    let root = tempfile::tempdir().expect("temp dir");
    examples_in(root.path());

    // Socialnämnden's anslag went up on 2017-10-02; the last day to appeal
    // is 2017-10-23, and it comes down on the 24th.
    let output = publish(root.path(), "2017-10-05");
    assert!(output.status.success(), "{}", support::describe(&output));
    let html = board(root.path());
    assert!(html.contains("<html lang=\"sv\">"));
    assert!(
        html.contains("Socialnämnden – sammanträdet onsdag den 27 september 2017"),
        "{html}"
    );
    assert!(html.contains("Sn § 63"));
    assert!(html.contains("<time datetime=\"2017-10-02\">Måndag den 2 oktober 2017</time>"));
    assert!(html.contains("<time datetime=\"2017-10-23\">Måndag den 23 oktober 2017</time>"));
    assert!(html.contains("<time datetime=\"2017-10-24\">"));
    assert!(!html.contains("Regionala utvecklingsnämnden"), "{html}");
    assert_eq!(html.matches("<article").count(), 1);
    // Made from the web edition: the meeting's `maskera` applies.
    assert!(html.contains("[maskerat], Ljungby kommun"), "{html}");
    assert!(!html.contains("Socialförvaltningen"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("1 anslag på anslagstavlan, 3 justerade protokoll"),
        "{stderr}"
    );

    // Every link of the two pages leads to a file of the site, and the PDF
    // linked is the web version the build made.
    let site = root.path().join("site");
    for page in ["anslagstavla/index.html", "anslagstavla/overklaga.html"] {
        let links = local_links(&site.join(page));
        assert!(!links.is_empty());
        for link in links {
            assert!(link.is_file(), "{page} links to {}", link.display());
        }
    }
    let published = std::fs::read(site.join("socialnamnden/2017/2017-09-27-protokoll-webb.pdf"))
        .expect("the web version is published");
    let built = std::fs::read(
        root.path()
            .join("output/socialnamnden/2017/2017-09-27-protokoll-webb.pdf"),
    )
    .expect("built");
    assert_eq!(published, built);
    assert!(
        !site
            .join("socialnamnden/2017/2017-09-27-protokoll.pdf")
            .exists()
    );

    // Every file of the site is in SHA256SUMS, and each sum holds.
    let check = std::process::Command::new("sha256sum")
        .args(["--check", "--strict", "SHA256SUMS"])
        .current_dir(&site)
        .output()
        .expect("run sha256sum");
    assert!(check.status.success(), "{}", support::describe(&check));
    let sums = support::read(&site.join("SHA256SUMS"));
    assert_eq!(sums.lines().count(), support::files_below(&site).len() - 1);
    let manifest: serde_json::Value =
        serde_json::from_str(&support::read(&site.join("manifest.json"))).expect("JSON");
    let rows = manifest.as_array().expect("a list of documents");
    assert_eq!(rows.len(), 3);
    let sn = rows
        .iter()
        .find(|r| r["organ"] == "Socialnämnden")
        .expect("Socialnämnden's protocol");
    assert_eq!(sn["paragrafer"], "Sn § 63");
    assert_eq!(sn["size"].as_u64(), Some(published.len() as u64));
    assert_eq!(sn["justerad"], "2017-10-01");
    assert_eq!(sn["anslag_uppsatt"], "2017-10-02");
    assert_eq!(sn["anslag_nedtaget"], "2017-10-24");
    assert!(sums.contains(&format!(
        "{}  {}",
        sn["sha256"].as_str().expect("hex"),
        sn["path"].as_str().expect("path")
    )));
    let csv = support::read(&site.join("manifest.csv"));
    assert!(csv.starts_with(
        "organ,datum,dokumenttyp,paragrafer,rubrik,diarienummer,path,size,sha256,justerad,\
         anslag_uppsatt,anslag_nedtaget\n"
    ));
    assert_eq!(csv.lines().count(), 4);

    let appeal = support::read(&site.join("anslagstavla/overklaga.html"));
    assert!(appeal.contains("<strong>Förvaltningsrätten i Växjö</strong>, Box 42, 351 03 Växjö"));
    assert!(appeal.contains("för beslut av Socialnämnden"));

    // The last day to appeal it is still up; the next day it is down.
    assert!(publish(root.path(), "2017-10-23").status.success());
    assert!(board(root.path()).contains("Sn § 63"));
    assert!(publish(root.path(), "2017-10-24").status.success());
    let html = board(root.path());
    assert!(html.contains("Inga protokoll är anslagna i dag."), "{html}");
    assert!(!html.contains("<article"));

    // Regionala utvecklingsnämnden posted on 2020-02-18.
    assert!(publish(root.path(), "2020-02-18").status.success());
    let html = board(root.path());
    assert!(html.contains("Regionala utvecklingsnämnden"), "{html}");
    assert!(!html.contains("Socialnämnden –"));
}

#[test]
fn the_same_input_and_day_give_the_same_site_and_no_leftovers() {
    let root = tempfile::tempdir().expect("temp dir");
    examples_in(root.path());
    assert!(publish(root.path(), "2017-10-05").status.success());
    let site = root.path().join("site");
    let first: Vec<(std::path::PathBuf, Vec<u8>)> = support::files_below(&site)
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(&f).expect("read")))
        .collect();
    let output = publish(root.path(), "2017-10-05");
    assert!(output.status.success(), "{}", support::describe(&output));
    let second: Vec<(std::path::PathBuf, Vec<u8>)> = support::files_below(&site)
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(&f).expect("read")))
        .collect();
    assert_eq!(first, second);
    // The swap leaves no temporary or old folder beside the site.
    let beside: Vec<String> = std::fs::read_dir(root.path())
        .expect("read root")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
}

#[test]
fn a_meeting_with_errors_is_left_out_and_the_rest_published() {
    let root = tempfile::tempdir().expect("temp dir");
    examples_in(root.path());
    let broken = root
        .path()
        .join("meetings/regionala-utvecklingsnamnden/2020/2020-02-13.yaml");
    let text = support::read(&broken).replacen("tid: \"09:00–11:30\"", "tid: \"11:30–09:00\"", 1);
    support::write(&broken, &text);
    let output = publish(root.path(), "2020-02-18");
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        support::describe(&output)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("1 mötesfil med fel publicerades inte"),
        "{stderr}"
    );
    assert!(stderr.contains("2 justerade protokoll"), "{stderr}");
    assert!(board(root.path()).contains("Inga protokoll är anslagna i dag."));
    let site = root.path().join("site");
    assert!(
        site.join("socsam/2021/2021-02-26-protokoll-webb.pdf")
            .is_file()
    );
    assert!(!site.join("regionala-utvecklingsnamnden").exists());
}

#[test]
fn a_kungörelse_is_up_from_its_day_until_the_meeting_and_the_feed_has_the_notices() {
    let root = tempfile::tempdir().expect("temp dir");
    examples_in(root.path());
    // A meeting not yet held: only its kungörelse and kallelse exist.
    support::write(
        &root.path().join("meetings/socsam/2021/2021-03-26.yaml"),
        "datum: 2021-03-26\ntid: \"09:00–12:00\"\nplats: Regionens hus, Östersund\n\
         ordförande: Lise Hjemgaard Svensson\nsekreterare: Elin Ring\n\
         kungörelse:\n  uppsatt: 2021-03-15\n\
         paragrafer:\n  - rubrik: Val av justerare\n  - rubrik: Budget för 2022 & <framåt>\n",
    );
    let output = publish(root.path(), "2021-03-20");
    assert!(output.status.success(), "{}", support::describe(&output));
    let html = board(root.path());
    assert!(
        html.contains("Sociala samrådsgruppen sammanträder fredag den 26 mars 2021"),
        "{html}"
    );
    assert!(html.contains("<dd>Regionens hus, Östersund</dd>"));
    assert!(
        html.contains("<li>Budget för 2022 &amp; &lt;framåt&gt;</li>"),
        "{html}"
    );
    for (day, shown) in [
        ("2021-03-14", false),
        ("2021-03-26", true),
        ("2021-03-27", false),
    ] {
        assert!(publish(root.path(), day).status.success());
        let html = board(root.path());
        assert_eq!(
            html.contains("sammanträder fredag den 26 mars 2021"),
            shown,
            "{day}: {html}"
        );
    }

    assert!(publish(root.path(), "2017-10-05").status.success());
    let feed = support::read(&root.path().join("site/anslagstavla/atom.xml"));
    assert!(
        feed.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"),
        "{feed}"
    );
    assert_eq!(feed.matches("<entry>").count(), 1, "{feed}");
    assert!(feed.contains("<id>urn:protokoll:anslag:socialnamnden:2017-09-27</id>"));
    assert!(feed.contains("<updated>2017-10-02T00:00:00Z</updated>"));
    assert!(feed.contains("href=\"../socialnamnden/2017/2017-09-27-protokoll-webb.pdf\""));
    assert!(board(root.path()).contains("href=\"atom.xml\""));
}

#[test]
fn the_archive_has_a_page_per_meeting_and_an_ärende_page_follows_a_dnr() {
    let root = tempfile::tempdir().expect("temp dir");
    examples_in(root.path());
    let first = root
        .path()
        .join("meetings/socialnamnden/2017/2017-09-27.yaml");
    let text = support::read(&first).replacen(
        "  - rubrik: Förslag om kommunal",
        "  - diarienummer: SN 2017/12\n    rubrik: Förslag om kommunal",
        1,
    );
    support::write(&first, &text);
    // A later meeting of the same nämnd: the matter again, and a sekretess §.
    let attendance = support::read(&first);
    let start = attendance.find("beslutande:").expect("beslutande");
    let end = attendance.find("justerare:").expect("justerare");
    support::write(
        &root
            .path()
            .join("meetings/socialnamnden/2017/2017-10-25.yaml"),
        &format!(
            "datum: 2017-10-25\ntid: \"13:30–15:00\"\nplats: Kommunhuset, Ljungby\n\
             {}justerare: [Lars Nilsson]\njustering: {{datum: 2017-10-27, sätt: digitalt}}\n\
             paragrafer:\n\
             \x20 - rubrik: Uppföljning av finansieringen\n    diarienummer: SN 2017/12\n\
             \x20   beslut: [\"Uppföljningen *godkänns*. <script>alert(1)</script>\"]\n\
             \x20   omröstning:\n      ja: [Karin Johansson, Lars Nilsson, Eva Karlsson, Anders Olsson]\n\
             \x20     nej: [Per Andersson, Sara Larsson]\n      avstår: [Maria Svensson]\n\
             \x20 - rubrik: Placering av barn\n    sekretess: 26 kap. 1 § OSL\n\
             \x20   text: Kalle bor på skyddad adress.\n    beslut: [Kalle får stöd.]\n",
            &attendance[start..end]
        ),
    );
    let output = publish(root.path(), "2017-10-30");
    assert!(output.status.success(), "{}", support::describe(&output));
    let site = root.path().join("site");

    let later = support::read(&site.join("arkiv/socialnamnden/2017/2017-10-25.html"));
    assert!(
        later.contains("<h2 id=\"rubrik-64\">Sn § 64 Uppföljning av finansieringen</h2>"),
        "{later}"
    );
    assert!(later.contains("<em>godkänns</em>"), "{later}");
    assert!(later.contains("&lt;script&gt;"), "{later}");
    assert!(!later.contains("<script>"));
    assert!(later.contains("Sn § 65 Placering av barn"));
    assert!(later.contains("omfattas av sekretess (26 kap. 1 § OSL)"));

    let case = support::read(&site.join("arenden/sn-2017-12.html"));
    let steps: Vec<&str> = case
        .lines()
        .filter(|l| l.starts_with("<li><a href=\"../arkiv/socialnamnden/"))
        .collect();
    assert_eq!(steps.len(), 2, "{case}");
    assert!(
        steps[0].contains("Socialnämnden 2017-09-27, Sn § 63"),
        "{case}"
    );
    assert!(
        steps[1].contains("Socialnämnden 2017-10-25, Sn § 64"),
        "{case}"
    );
    assert!(steps[1].contains("href=\"../arkiv/socialnamnden/2017/2017-10-25.html#p64\""));

    let start = support::read(&site.join("index.html"));
    assert!(start.contains("Protokollarkiv</a>: Regionala utvecklingsnämnden, Socialnämnden, Sociala samrådsgruppen."), "{start}");
    let decisions = support::read(&site.join("beslut.csv"));
    let mut lines = decisions.lines();
    assert_eq!(
        lines.next(),
        Some("organ,datum,paragraf,rubrik,diarienummer,beslut,ja,nej,avstar,url")
    );
    assert!(
        decisions.contains(
            "Socialnämnden,2017-10-25,Sn § 64,Uppföljning av finansieringen,SN 2017/12,\
         Uppföljningen *godkänns*. <script>alert(1)</script>,4,2,1,\
         arkiv/socialnamnden/2017/2017-10-25.html#p64\n"
        ),
        "{decisions}"
    );
    assert!(decisions.contains(
        "Socialnämnden,2017-10-25,Sn § 65,Placering av barn,,,,,,arkiv/socialnamnden/2017/2017-10-25.html#p65\n"
    ), "{decisions}");
    let index = support::read(&site.join("arkiv/index.html"));
    assert!(
        index.contains("href=\"socialnamnden/2017/2017-10-25.html\""),
        "{index}"
    );

    // Nothing of the sekretess § beyond its number and rubrik, in any file
    // of the site; and every local link of every page resolves.
    for file in support::files_below(&site) {
        if file.extension().is_some_and(|e| e == "pdf") {
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(&file).expect("read")).into_owned();
        assert!(
            !text.contains("Kalle"),
            "{} holds sekretess text",
            file.display()
        );
        if file.extension().is_some_and(|e| e == "html") {
            for link in local_links(&file) {
                let target = link.to_string_lossy();
                let target = target.split('#').next().expect("a path");
                assert!(
                    Path::new(target).is_file(),
                    "{} links to {target}",
                    file.display()
                );
            }
        }
    }
}
