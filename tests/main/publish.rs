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

/// Where the tests' sites say they are published.
const ADDRESS: &str = "https://example.org/protokoll/";

fn publish(root: &Path, today: &str) -> std::process::Output {
    support::run(
        ["publish", "--idag", today, "--adress", ADDRESS],
        Some(root),
    )
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
    let snapshot = || -> Vec<(std::path::PathBuf, Vec<u8>)> {
        support::files_below(&site)
            .into_iter()
            .map(|f| (f.clone(), std::fs::read(&f).expect("read")))
            .collect()
    };
    // The site folder itself: a publish that writes swaps in a new one.
    let folder = || {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(&site).expect("site").ino()
    };
    // Nothing changed: the site is left as it stands, not even rewritten.
    let written = folder();
    let output = publish(root.path(), "2017-10-05");
    assert!(output.status.success(), "{}", support::describe(&output));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("1 anslag på anslagstavlan, 3 justerade protokoll"),
        "{}",
        support::describe(&output)
    );
    assert_eq!(snapshot(), first);
    assert_eq!(folder(), written);
    // A meeting file changed where no page shows it: the site is made
    // again (files unchanged linked from the old one), to the same bytes.
    let meeting = root
        .path()
        .join("meetings/socialnamnden/2017/2017-09-27.yaml");
    support::write(&meeting, &(support::read(&meeting) + "# En kommentar.\n"));
    assert!(publish(root.path(), "2017-10-05").status.success());
    assert_eq!(snapshot(), first);
    assert_ne!(folder(), written);
    // And from nothing again, the same bytes.
    std::fs::remove_dir_all(&site).expect("remove site");
    assert!(publish(root.path(), "2017-10-05").status.success());
    assert_eq!(snapshot(), first);
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

/// Socialnämnden's meeting of 2017-09-27 gets the Dnr SN 2017/12, and a
/// later meeting (2017-10-25) handles it again, with a vote, and has a
/// sekretess § about "Kalle".
fn one_matter_at_two_meetings(root: &Path) {
    let first = root.join("meetings/socialnamnden/2017/2017-09-27.yaml");
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
        &root.join("meetings/socialnamnden/2017/2017-10-25.yaml"),
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
}

#[test]
fn the_archive_has_a_page_per_meeting_and_an_ärende_page_follows_a_dnr() {
    let root = tempfile::tempdir().expect("temp dir");
    examples_in(root.path());
    one_matter_at_two_meetings(root.path());
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
    // of the site, the search index's compressed ones read inflated; and
    // every local link of every page resolves.
    let mut indexed = String::new();
    for file in support::files_below(&site) {
        if file.extension().is_some_and(|e| e == "pdf") {
            continue;
        }
        let bytes = std::fs::read(&file).expect("read");
        let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
            use std::io::Read;
            let mut inflated = Vec::new();
            flate2::read::GzDecoder::new(bytes.as_slice())
                .read_to_end(&mut inflated)
                .expect("gzip");
            indexed += &String::from_utf8_lossy(&inflated);
            inflated
        } else {
            bytes
        };
        let text = String::from_utf8_lossy(&bytes).into_owned();
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
    // The scan read the index: the § the sekretess one follows is in it.
    assert!(
        indexed.contains("Uppföljning av finansieringen"),
        "{indexed:.500}"
    );
    assert!(indexed.contains("Sn § 65 Placering av barn"));
}

/// An OParl object or list page, read from the site by its URL.
fn oparl_file(site: &Path, url: &str) -> serde_json::Value {
    let path = url
        .strip_prefix(ADDRESS)
        .unwrap_or_else(|| panic!("{url} is not under {ADDRESS}"));
    let text = support::read(&site.join(path));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every object in `value` with an OParl `type`, itself included.
fn oparl_objects<'a>(value: &'a serde_json::Value, found: &mut Vec<&'a serde_json::Value>) {
    match value {
        serde_json::Value::Object(map) => {
            if map
                .get("type")
                .and_then(|t| t.as_str())
                .is_some_and(|t| t.starts_with("https://schema.oparl.org/1.1/"))
            {
                found.push(value);
            }
            map.values().for_each(|v| oparl_objects(v, found));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| oparl_objects(v, found)),
        _ => {}
    }
}

#[test]
fn open_data_in_oparl_is_valid_and_every_object_is_at_its_id() {
    let root = tempfile::tempdir().expect("temp dir");
    examples_in(root.path());
    one_matter_at_two_meetings(root.path());
    let output = publish(root.path(), "2017-10-30");
    assert!(output.status.success(), "{}", support::describe(&output));
    let site = root.path().join("site");

    let schemas = support::manifest_dir().join("tests/fixtures/oparl-1.1");
    let validator = |kind: &str| {
        let text = support::read(&schemas.join(format!("{kind}.json")));
        let schema: serde_json::Value = serde_json::from_str(&text).expect("schema");
        jsonschema::draft4::new(&schema).expect("a draft 4 schema")
    };
    let mut validators = std::collections::BTreeMap::new();
    let mut objects_seen = 0;
    for file in support::files_below(&site.join("oparl")) {
        let text = support::read(&file);
        assert!(!text.contains("null"), "{}: a null", file.display());
        let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let mut objects = Vec::new();
        oparl_objects(&value, &mut objects);
        for object in objects {
            let kind = object["type"].as_str().expect("type");
            let kind = kind.rsplit('/').next().expect("a name").to_owned();
            let validator = validators
                .entry(kind.clone())
                .or_insert_with(|| validator(&kind));
            let errors: Vec<String> = validator
                .iter_errors(object)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{}: {kind}: {errors:?}", file.display());
            // Each object, embedded or not, can be fetched at its id.
            let id = object["id"].as_str().expect("id");
            let own = oparl_file(&site, id);
            assert_eq!(own["id"], object["id"], "{} at {id}", file.display());
            assert_eq!(own["type"], object["type"]);
            assert!(
                object["created"].is_string() && object["modified"].is_string(),
                "{id}"
            );
            objects_seen += 1;
        }
    }
    assert!(objects_seen > 100, "{objects_seen}");

    // System → Body → the meetings, their §§ in order, their protocol.
    let system = oparl_file(&site, &format!("{ADDRESS}oparl/system.json"));
    assert_eq!(system["oparlVersion"], "https://schema.oparl.org/1.1/");
    let bodies = oparl_file(&site, system["body"].as_str().expect("body list"));
    let body = &bodies["data"][0];
    assert_eq!(body["name"], "Region Jämtland Härjedalen");
    let meetings = oparl_file(&site, body["meeting"].as_str().expect("meeting list"));
    assert_eq!(meetings["pagination"]["totalElements"], 4);
    assert!(meetings["links"].get("next").is_none());
    let meetings = meetings["data"].as_array().expect("data");
    for meeting in meetings {
        let items = meeting["agendaItem"].as_array().expect("agenda items");
        for (order, item) in items.iter().enumerate() {
            assert_eq!(item["order"], order, "{}", meeting["id"]);
        }
        // The protocol file is the web version PDF, byte for byte.
        let file = &meeting["resultsProtocol"];
        let url = file["accessUrl"].as_str().expect("accessUrl");
        let pdf = std::fs::read(site.join(url.strip_prefix(ADDRESS).expect("local"))).expect("PDF");
        assert!(url.ends_with("-protokoll-webb.pdf"), "{url}");
        assert_eq!(file["size"], pdf.len());
        use sha2::Digest;
        let sum: String = sha2::Sha512::digest(&pdf)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(file["sha512Checksum"], sum);
        assert_eq!(file["mimeType"], "application/pdf");
    }
    let later = meetings
        .iter()
        .find(|m| m["name"] == "Socialnämnden 2017-10-25")
        .expect("the later meeting");
    assert_eq!(later["start"], "2017-10-25T13:30:00+02:00");
    let items = later["agendaItem"].as_array().expect("items");
    assert_eq!(items[0]["number"], "Sn § 64");
    assert_eq!(items[0]["public"], true);
    assert_eq!(
        items[0]["resolutionText"],
        "Uppföljningen *godkänns*. <script>alert(1)</script>"
    );
    // The sekretess §: its number and rubrik, nothing decided.
    assert_eq!(items[1]["public"], false);
    assert!(items[1].get("resolutionText").is_none());

    // The Dnr is one Paper, consulted at both meetings in date order.
    let papers = oparl_file(&site, body["paper"].as_str().expect("paper list"));
    let paper = &papers["data"][0];
    assert_eq!(paper["reference"], "SN 2017/12");
    let consulted: Vec<&str> = paper["consultation"]
        .as_array()
        .expect("consultations")
        .iter()
        .map(|c| c["meeting"].as_str().expect("meeting"))
        .collect();
    assert_eq!(
        consulted,
        [
            format!("{ADDRESS}oparl/meeting/socialnamnden/2017-09-27.json"),
            format!("{ADDRESS}oparl/meeting/socialnamnden/2017-10-25.json"),
        ]
    );
    assert_eq!(paper["web"], format!("{ADDRESS}arenden/sn-2017-12.html"));
    assert!(site.join("arenden/sn-2017-12.html").is_file());
}

#[test]
fn without_an_address_there_is_no_oparl_and_a_hint_says_why() {
    let root = tempfile::tempdir().expect("temp dir");
    examples_in(root.path());
    let output = support::run(["publish", "--idag", "2017-10-05"], Some(root.path()));
    assert!(output.status.success(), "{}", support::describe(&output));
    assert!(!root.path().join("site/oparl").exists());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("med --adress https://… skrivs också öppna data i OParl 1.1"),
        "{stderr}"
    );

    let output = support::run(["publish", "--adress", "www.kommun.se"], Some(root.path()));
    assert_eq!(
        output.status.code(),
        Some(2),
        "{}",
        support::describe(&output)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("fel: `www.kommun.se` går inte att använda för --adress <URL>\n = tips: skriv hela adressen där webbplatsen ligger, med https://"),
        "{stderr}"
    );
}
