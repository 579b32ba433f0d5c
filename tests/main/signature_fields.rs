//! Signing-ready protocols: by default no form fields at all; with
//! `build --signaturfält` (or `signaturfält: true` in organ.yaml) one empty
//! signature field per signer on that signer's line on page 1, which qpdf
//! reads, pyHanko signs into with a certificate openssl makes here, pdfsig
//! finds valid, and which leaves the file PDF/A-2a and PDF/UA-1, signed or not.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support;

const FILE: &str = "meetings/socsam/2021/2021-02-26.yaml";
const PROTOCOL: &str = "output/socsam/2021/2021-02-26-protokoll.pdf";

/// The SocSam meeting's signers, as page 1 prints them: the secretary, the
/// chair, the justerare.
const SIGNERS: [(&str, &str); 3] = [
    ("Elin Ring", "sekreterare"),
    ("Lise Hjemgaard Svensson", "ordförande"),
    ("Karin Näsmark", "justerande"),
];

fn examples_in(root: &Path) {
    support::copy_dir(
        &support::manifest_dir().join("meetings"),
        &root.join("meetings"),
    );
}

fn build(root: &Path, extra: &[&str]) -> String {
    let mut args = vec!["build"];
    args.extend_from_slice(extra);
    args.push(FILE);
    let output = support::run(args, Some(root));
    assert!(output.status.success(), "{}", support::describe(&output));
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn qpdf_json(pdf: &Path) -> Value {
    let output = Command::new("qpdf")
        .arg("--json")
        .arg(pdf)
        .output()
        .expect("qpdf");
    assert!(output.status.success(), "qpdf --json {}", pdf.display());
    serde_json::from_slice(&output.stdout).expect("qpdf's JSON")
}

/// A signature field as qpdf reads it.
#[derive(Debug)]
struct Field {
    name: String,
    tooltip: String,
    /// x1, y1, x2, y2 in PDF user space.
    rect: [f64; 4],
    on_first_page: bool,
}

fn signature_fields(json: &Value) -> Vec<Field> {
    let first_page = json["pages"][0]["object"].as_str().expect("page 1");
    let objects = json["qpdf"][1].as_object().expect("qpdf objects");
    let text = |v: &Value| {
        v.as_str()
            .unwrap_or_default()
            .trim_start_matches("u:")
            .to_owned()
    };
    let mut fields: Vec<(u64, Field)> = objects
        .iter()
        .filter_map(|(id, object)| {
            let value = &object["value"];
            (value["/FT"] == "/Sig").then(|| {
                let rect: Vec<f64> = value["/Rect"]
                    .as_array()
                    .expect("/Rect")
                    .iter()
                    .map(|n| n.as_f64().expect("a number"))
                    .collect();
                let number = id
                    .trim_start_matches("obj:")
                    .split(' ')
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                let field = Field {
                    name: text(&value["/T"]),
                    tooltip: text(&value["/TU"]),
                    rect: rect.try_into().expect("four numbers"),
                    on_first_page: value["/P"] == first_page,
                };
                (number, field)
            })
        })
        .collect();
    fields.sort_by_key(|(number, _)| *number);
    fields.into_iter().map(|(_, field)| field).collect()
}

/// Each word of page 1 with its box (top-left origin, as pdftotext gives it).
fn words_of_first_page(pdf: &Path) -> Vec<(String, [f64; 4])> {
    let output = Command::new("pdftotext")
        .args(["-bbox", "-f", "1", "-l", "1"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext -bbox");
    let html = String::from_utf8_lossy(&output.stdout);
    let word = regex::Regex::new(
        r#"<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>"#,
    )
    .expect("regex");
    word.captures_iter(&html)
        .map(|c| {
            let n = |i: usize| c[i].parse::<f64>().expect("a coordinate");
            (c[5].to_owned(), [n(1), n(2), n(3), n(4)])
        })
        .collect()
}

fn tools_or_skip() -> bool {
    support::tool_or_skip(support::runs("qpdf", "--version"), "qpdf")
}

#[test]
fn without_the_option_the_protocol_has_no_form_fields() {
    if !tools_or_skip() {
        return;
    }
    let root = tempfile::tempdir().expect("temp dir");
    examples_in(root.path());
    build(root.path(), &[]);
    let json = qpdf_json(&root.path().join(PROTOCOL));
    assert_eq!(json["acroform"]["hasacroform"], false, "an AcroForm");
    assert!(signature_fields(&json).is_empty());
}

#[test]
fn each_signer_gets_a_field_on_their_line_and_the_option_rebuilds_only_the_protocol() {
    if !tools_or_skip() {
        return;
    }
    let root = tempfile::tempdir().expect("temp dir");
    examples_in(root.path());
    build(root.path(), &["--web"]);
    let with_fields = build(root.path(), &["--web", "--signaturfält"]);
    assert!(
        with_fields.contains("1 dokument byggt, 1 oförändrat"),
        "only the protocol is remade, not its web version: {with_fields}"
    );
    let pdf = root.path().join(PROTOCOL);
    let json = qpdf_json(&pdf);
    let fields = signature_fields(&json);
    let names: Vec<(&str, &str)> = fields
        .iter()
        .map(|f| (f.name.as_str(), f.tooltip.as_str()))
        .collect();
    let expected: Vec<(&str, String)> = SIGNERS
        .iter()
        .map(|(name, role)| (*name, format!("{name}, {role}")))
        .collect();
    assert_eq!(
        names,
        expected
            .iter()
            .map(|(n, t)| (*n, t.as_str()))
            .collect::<Vec<_>>()
    );

    // Each rectangle is the room just above the line over the signer's
    // printed name: the name's first word starts at its left edge and
    // stands a few points below it.
    let page_height = 841.8898;
    let words = words_of_first_page(&pdf);
    for field in &fields {
        assert!(field.on_first_page, "{field:?} is not on page 1");
        let [x1, y1, x2, y2] = field.rect;
        assert!(
            x2 - x1 > 100.0 && y2 - y1 > 15.0,
            "a small field: {field:?}"
        );
        let bottom = page_height - y1;
        let first_word = field.name.split(' ').next().expect("a name");
        let under = words.iter().any(|(word, [wx1, wy1, _, _])| {
            word == first_word && (wx1 - x1).abs() < 1.0 && *wy1 > bottom && *wy1 < bottom + 12.0
        });
        assert!(under, "no {first_word} printed under {field:?}");
    }
}

#[test]
fn the_organ_file_asks_for_fields_too() {
    if !tools_or_skip() {
        return;
    }
    let root = tempfile::tempdir().expect("temp dir");
    examples_in(root.path());
    let organ = root.path().join("meetings/socsam/organ.yaml");
    let text = support::read(&organ);
    support::write(&organ, &format!("{text}signaturfält: true\n"));
    build(root.path(), &[]);
    let fields = signature_fields(&qpdf_json(&root.path().join(PROTOCOL)));
    assert_eq!(fields.len(), SIGNERS.len(), "{fields:?}");
    // The kallelse is no document to sign.
    let output = support::run(["kallelse", FILE], Some(root.path()));
    assert!(output.status.success(), "{}", support::describe(&output));
    let kallelse = root
        .path()
        .join("output/socsam/2021/2021-02-26-kallelse.pdf");
    assert!(signature_fields(&qpdf_json(&kallelse)).is_empty());
}

/// openssl makes a self-signed test certificate in `dir`: (key, cert).
fn test_certificate(dir: &Path) -> (PathBuf, PathBuf) {
    let (key, cert) = (dir.join("key.pem"), dir.join("cert.pem"));
    let output = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        ])
        .args(["-subj", "/CN=Elin Ring/O=Provkommunen"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .expect("openssl");
    assert!(output.status.success(), "{}", support::describe(&output));
    (key, cert)
}

fn sign(source: &Path, target: &Path, field: &str, (key, cert): &(PathBuf, PathBuf)) {
    let script = support::manifest_dir().join("tests/signing/sign.py");
    let output = Command::new("python3")
        .arg(script)
        .args([source, target])
        .arg(field)
        .args([key, cert])
        .output()
        .expect("python3 sign.py");
    assert!(output.status.success(), "{}", support::describe(&output));
}

fn pdfsig(pdf: &Path) -> String {
    let output = Command::new("pdfsig").arg(pdf).output().expect("pdfsig");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn validate(tool: &Path, engine: &str, pdf: &Path) -> (bool, String) {
    let output = Command::new(tool)
        .args(["--profile", "2a,ua1", "--engine", engine])
        .arg(pdf)
        .output()
        .expect("validate-pdf");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn pyhanko_signs_into_the_fields_and_the_signed_protocol_stays_pdf_a_and_ua() {
    let found = support::tool_or_skip(support::runs("qpdf", "--version"), "qpdf")
        && support::tool_or_skip(support::runs("pdfsig", "-v"), "pdfsig (poppler-utils)")
        && support::tool_or_skip(
            support::python_has("pyhanko.stamp.noop"),
            "pyHanko (pip install pyHanko)",
        )
        && support::tool_or_skip(support::runs("openssl", "version"), "openssl");
    let validator = support::validator();
    if !found || !support::tool_or_skip(validator.is_some(), "validate-pdf") {
        return;
    }
    let validator = validator.expect("validate-pdf");
    let root = tempfile::tempdir().expect("temp dir");
    examples_in(root.path());
    build(root.path(), &["--signaturfält"]);
    let unsigned = root.path().join(PROTOCOL);
    let (ok, report) = validate(&validator, "both", &unsigned);
    assert!(ok, "the protocol with fields: {report}");

    let certificate = test_certificate(root.path());
    let once = root.path().join("signed-once.pdf");
    sign(&unsigned, &once, SIGNERS[0].0, &certificate);
    let report = pdfsig(&once);
    assert!(
        report.contains(&format!("Signature Field Name: {}", SIGNERS[0].0))
            && report.contains("Signature Validation: Signature is Valid.")
            && report.contains("Signature Type: ETSI.CAdES.detached"),
        "{report}"
    );
    assert_eq!(
        report
            .matches("The signature form field is not signed")
            .count(),
        2,
        "{report}"
    );
    let (ok, report) = validate(&validator, "both", &once);
    assert!(ok, "the signed protocol: {report}");

    // Every signer in turn, each signature an update on the last.
    let twice = root.path().join("signed-twice.pdf");
    let thrice = root.path().join("signed-thrice.pdf");
    sign(&once, &twice, SIGNERS[1].0, &certificate);
    sign(&twice, &thrice, SIGNERS[2].0, &certificate);
    let report = pdfsig(&thrice);
    assert_eq!(report.matches("Signature is Valid.").count(), 3, "{report}");
    // Only veraPDF here: the second validator wants each signature's
    // /ByteRange to cover the whole file, which no earlier signature of a
    // file signed in turn can.
    let (ok, report) = validate(&validator, "verapdf", &thrice);
    assert!(ok, "the protocol signed by all three: {report}");
}
