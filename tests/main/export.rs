//! `protokoll export`: the package for the diarium and the e-archive, read
//! back from its files: a BagIt bag `bagit` (PyPI) validates, holding an
//! E-ARK CSIP package whose METS files list every file with the size and
//! SHA-256 it has, pass the METS XSD, and whose structure points where the
//! CSIP profile says.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support;

const PACKAGE: &str = "data/region-jamtland-harjedalen-protokoll-2017-10-30";

/// The examples, and a Socialnämnden meeting planned but not yet held.
fn examples_in(root: &Path) {
    support::copy_dir(
        &support::manifest_dir().join("meetings"),
        &root.join("meetings"),
    );
    support::write(
        &root.join("meetings/socialnamnden/2017/2017-11-22.yaml"),
        "datum: 2017-11-22\ntid: \"13:30–16:00\"\nplats: Kommunhuset, Ljungby\n\
         ordförande: Karin Johansson\nsekreterare: Eva Karlsson\n\
         paragrafer:\n  - rubrik: Budget 2018\n",
    );
}

fn export(root: &Path) -> std::process::Output {
    support::run(["export", "--idag", "2017-10-30"], Some(root))
}

#[test]
fn the_package_is_a_valid_bag_of_a_csip_package_listing_every_file() {
    let root = tempfile::tempdir().expect("temp dir");
    examples_in(root.path());
    // SocSam's meeting locked by justera: its lock goes with it.
    let justera = support::run(
        [
            "justera",
            "meetings/socsam/2021/2021-02-26.yaml",
            "--datum",
            "2021-02-26",
            "--sätt",
            "muntligen",
        ],
        Some(root.path()),
    );
    assert!(justera.status.success(), "{}", support::describe(&justera));
    let output = export(root.path());
    assert!(output.status.success(), "{}", support::describe(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("exporterade export: 3 justerade sammanträden, 6 dokument"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 möte är inte justerat och kom inte med"),
        "{stderr}"
    );
    let bag = root.path().join("export");
    let package = bag.join(PACKAGE);

    // The documents are the final PDFs the build made (no web version),
    // the sources the files as written.
    let documents = package.join("representations/dokument/data");
    let mut packed: Vec<String> = support::files_below(&documents)
        .iter()
        .map(|p| {
            p.strip_prefix(&documents)
                .expect("below")
                .display()
                .to_string()
        })
        .collect();
    packed.sort();
    assert_eq!(packed.len(), 6, "{packed:?}");
    assert!(packed.contains(&"socialnamnden/2017/2017-09-27-protokoll.pdf".to_owned()));
    assert!(packed.contains(&"socialnamnden/2017/2017-09-27-utdrag-63.pdf".to_owned()));
    assert!(
        !packed
            .iter()
            .any(|p| p.contains("webb") || p.contains("2017-11-22"))
    );
    for path in &packed {
        assert_eq!(
            std::fs::read(documents.join(path)).expect("packed"),
            std::fs::read(root.path().join("output").join(path)).expect("built"),
            "{path}"
        );
    }
    let sources = package.join("representations/kallfiler/data");
    for path in [
        "socialnamnden/organ.yaml",
        "socialnamnden/2017/2017-09-27.yaml",
    ] {
        assert_eq!(
            support::read(&sources.join(path)),
            support::read(&root.path().join("meetings").join(path))
        );
    }
    assert!(!sources.join("socialnamnden/2017/2017-11-22.yaml").exists());
    assert_eq!(
        support::read(&sources.join("socsam/2021/2021-02-26.lock")),
        support::read(&root.path().join("meetings/socsam/2021/2021-02-26.lock"))
    );
    assert!(!sources.join("socialnamnden/2017/2017-09-27.lock").exists());

    // Every METS: valid XML, every file it lists has the size and SHA-256
    // given, every id is unique, and every file of the package is listed.
    let mut listed = BTreeSet::new();
    let metses = [
        package.join("METS.xml"),
        package.join("representations/dokument/METS.xml"),
        package.join("representations/kallfiler/METS.xml"),
    ];
    for mets in &metses {
        let text = support::read(mets);
        let document = roxmltree::Document::parse(&text).expect("well-formed XML");
        let root_element = document.root_element();
        assert_eq!(
            root_element.attribute("PROFILE"),
            Some("https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml")
        );
        let dir = mets.parent().expect("a folder");
        let mut ids = BTreeSet::new();
        let mut groups = BTreeMap::new();
        for node in document.descendants().filter(|n| n.is_element()) {
            if let Some(id) = node.attribute("ID") {
                assert!(
                    ids.insert(id.to_owned()),
                    "{}: ID {id} twice",
                    mets.display()
                );
            }
            match node.tag_name().name() {
                "metsHdr" => {
                    assert_eq!(
                        node.attribute("CREATEDATE"),
                        Some("2017-10-30T00:00:00+01:00")
                    );
                    let csip = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS";
                    assert_eq!(node.attribute((csip, "OAISPACKAGETYPE")), Some("SIP"));
                }
                "fileGrp" => {
                    groups.insert(
                        node.attribute("ID").expect("ID").to_owned(),
                        node.attribute("USE").expect("USE").to_owned(),
                    );
                }
                "file" => {
                    let href = node
                        .children()
                        .find(|c| c.has_tag_name("FLocat"))
                        .and_then(|f| f.attribute(("http://www.w3.org/1999/xlink", "href")))
                        .expect("FLocat href");
                    let path = dir.join(href);
                    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{href}: {e}"));
                    assert_eq!(
                        node.attribute("SIZE"),
                        Some(bytes.len().to_string().as_str()),
                        "{href}"
                    );
                    assert_eq!(node.attribute("CHECKSUMTYPE"), Some("SHA-256"));
                    assert_eq!(
                        node.attribute("CHECKSUM"),
                        Some(support::sha256(&bytes).as_str()),
                        "{href}"
                    );
                    assert!(
                        node.attribute("CREATED")
                            .is_some_and(|c| c.starts_with("20"))
                    );
                    listed.insert(path);
                }
                _ => {}
            }
        }
        // The structMap points at file groups that exist, and each
        // representation's div at its METS under the label of its group.
        let struct_map = document
            .descendants()
            .find(|n| n.has_tag_name("structMap"))
            .expect("structMap");
        assert_eq!(struct_map.attribute("TYPE"), Some("PHYSICAL"));
        assert_eq!(struct_map.attribute("LABEL"), Some("CSIP"));
        for node in struct_map.descendants() {
            if node.has_tag_name("fptr") {
                let group = node.attribute("FILEID").expect("FILEID");
                assert!(
                    groups.contains_key(group),
                    "{}: fptr {group}",
                    mets.display()
                );
            }
            if node.has_tag_name("mptr") {
                let xlink = "http://www.w3.org/1999/xlink";
                let group = node.attribute((xlink, "title")).expect("title");
                let label = node.parent().and_then(|d| d.attribute("LABEL"));
                assert_eq!(groups.get(group).map(String::as_str), label);
                let href = node.attribute((xlink, "href")).expect("href");
                assert!(dir.join(href).is_file(), "{href}");
            }
        }
    }
    let labels: Vec<String> = {
        let text = support::read(&metses[0]);
        let document = roxmltree::Document::parse(&text).expect("XML");
        document
            .descendants()
            .filter(|n| n.has_tag_name("div"))
            .filter_map(|n| n.attribute("LABEL").map(str::to_owned))
            .collect()
    };
    assert_eq!(
        labels[1..],
        [
            "Metadata",
            "Documentation",
            "Schemas",
            "Representations/dokument",
            "Representations/kallfiler"
        ]
    );
    for file in support::files_below(&package) {
        if file != metses[0] {
            assert!(listed.contains(&file), "{} is in no METS", file.display());
        }
    }

    // The bag: bagit's own validation, which must also catch a changed byte.
    if support::tool_or_skip(
        support::python_has("bagit"),
        "python3 -m bagit (pip install bagit)",
    ) {
        let validate = || {
            Command::new("python3")
                .args(["-m", "bagit", "--validate"])
                .arg(&bag)
                .output()
                .expect("python3 -m bagit")
        };
        let checked = validate();
        assert!(checked.status.success(), "{}", support::describe(&checked));
        let pdf = documents.join("socialnamnden/2017/2017-09-27-protokoll.pdf");
        let mut bytes = std::fs::read(&pdf).expect("PDF");
        let last = bytes.len() - 2;
        bytes[last] ^= 1;
        std::fs::write(&pdf, &bytes).expect("write");
        let checked = validate();
        assert!(!checked.status.success(), "a changed PDF passed bagit");
    }
}

/// The METS XSD, with the xlink schema and the CSIP extension beside it, as
/// the E-ARK validator's PyPI package ships them.
fn registry_schemas() -> Option<PathBuf> {
    let output = Command::new("python3")
        .args([
            "-c",
            "import importlib.util, os; \
             print(os.path.dirname(importlib.util.find_spec('eark_validator').origin))",
        ])
        .output()
        .ok()?;
    let dir = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim())
        .join("ipxml/resources/schema");
    dir.join("mets.xsd").is_file().then_some(dir)
}

#[test]
fn every_mets_passes_the_mets_schema_and_the_package_is_reproducible() {
    let root = tempfile::tempdir().expect("temp dir");
    examples_in(root.path());
    assert!(export(root.path()).status.success());
    let bag = root.path().join("export");
    let first: Vec<(PathBuf, Vec<u8>)> = support::files_below(&bag)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read");
            (p, bytes)
        })
        .collect();
    let again = export(root.path());
    assert!(again.status.success(), "{}", support::describe(&again));
    for (path, bytes) in &first {
        assert_eq!(
            &std::fs::read(path).expect("read"),
            bytes,
            "{}",
            path.display()
        );
    }
    assert_eq!(support::files_below(&bag).len(), first.len());
    // No temporary folder left beside it.
    let beside: Vec<_> = std::fs::read_dir(root.path())
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");

    let xmllint = Command::new("xmllint").arg("--version").output().is_ok();
    let schemas = registry_schemas();
    if !support::tool_or_skip(xmllint, "xmllint (libxml2-utils)")
        || !support::tool_or_skip(
            schemas.is_some(),
            "the METS XSD (pip install --no-deps eark-validator)",
        )
    {
        return;
    }
    let schemas = schemas.expect("checked");
    // xlink first, so mets.xsd's import of it by URL is not fetched.
    let wrapper = root.path().join("mets-csip.xsd");
    support::write(
        &wrapper,
        &format!(
            "<?xml version=\"1.0\"?>\n<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n\
             <xs:import namespace=\"http://www.w3.org/1999/xlink\" schemaLocation=\"{0}/xlink.xsd\"/>\n\
             <xs:import namespace=\"https://DILCIS.eu/XML/METS/CSIPExtensionMETS\" schemaLocation=\"{0}/DILCISExtensionMETS.xsd\"/>\n\
             <xs:import namespace=\"http://www.loc.gov/METS/\" schemaLocation=\"{0}/mets.xsd\"/>\n\
             </xs:schema>\n",
            schemas.display()
        ),
    );
    let package = bag.join(PACKAGE);
    for mets in [
        package.join("METS.xml"),
        package.join("representations/dokument/METS.xml"),
        package.join("representations/kallfiler/METS.xml"),
    ] {
        let checked = Command::new("xmllint")
            .args(["--nonet", "--noout", "--schema"])
            .arg(&wrapper)
            .arg(&mets)
            .output()
            .expect("xmllint");
        assert!(checked.status.success(), "{}", support::describe(&checked));
        assert!(String::from_utf8_lossy(&checked.stderr).contains("validates"));
    }
    // The schema is no rubber stamp: a package type CSIP does not know fails.
    let root_mets = package.join("METS.xml");
    let text =
        support::read(&root_mets).replace("OAISPACKAGETYPE=\"SIP\"", "OAISPACKAGETYPE=\"XIP\"");
    support::write(&root_mets, &text);
    let checked = Command::new("xmllint")
        .args(["--nonet", "--noout", "--schema"])
        .arg(&wrapper)
        .arg(&root_mets)
        .output()
        .expect("xmllint");
    assert!(!checked.status.success(), "XIP passed the schema");
}
