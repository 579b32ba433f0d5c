//! The web version (`build --web`): what is masked must not be anywhere in
//! the PDF: not in its text, and not in its metadata, outline, tags or alt
//! texts, which `pdftotext` does not show. Those are searched for in the
//! file's bytes, with every compressed stream inflated, in each encoding a
//! PDF string may use.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::support::{self, PdfText};

const SECRET_NAME: &str = "Anna Andersson";
const PERSONNUMMER: [&str; 3] = ["19800101-1234", "800101-1234", "121212+1212"];
const SECRET_CONTENT: &str = "Kalle bor på skyddad adress";

/// A SocSam meeting whose §§ hold a name to mask (also in a rubrik, which
/// becomes an outline entry, and in the attendance), personnummer, and a
/// confidential § with its legal ground.
fn write_meeting(root: &Path) -> PathBuf {
    let organ = root.join("meetings/socsam");
    support::write(
        &organ.join("organ.yaml"),
        &support::read(&support::example("socsam/organ.yaml")),
    );
    let meeting = organ.join("2021/2021-03-26.yaml");
    support::write(
        &meeting,
        &format!(
            "datum: 2021-03-26\ntid: \"09:00–10:00\"\nplats: Via webben, Teams\n\
             första_paragraf: 16\n\
             beslutande:\n  - namn: Lise Hjemgaard Svensson\n    parti: M\n\
             \x20 - namn: Karin Näsmark\n    parti: S\n  - namn: Anton Waara\n    parti: S\n\
             övriga_deltagare:\n  - namn: {SECRET_NAME}\n    organisation: Centrum mot våld\n\
             ordförande: Lise Hjemgaard Svensson\nsekreterare: Elin Ring\n\
             justerare: [Karin Näsmark]\n\
             justering: {{datum: 2021-03-26, sätt: muntligen}}\n\
             maskera: [{SECRET_NAME}]\n\
             paragrafer:\n\
             \x20 - rubrik: Ansökan från {SECRET_NAME}\n\
             \x20   text: |\n\
             \x20     Ärendet gäller anna\n\
             \x20     andersson, personnummer {p0}, och hennes son {p1}.\n\
             \x20     En ombudsman född {p2} yttrar sig. Dnr RUN/574/2019, 25% av #skolDigiplan.\n\
             \x20   beslut: [Ansökan från {SECRET_NAME} ({p0}) bifalls.]\n\
             \x20 - rubrik: Placering av barn\n\
             \x20   sekretess: 26 kap. 1 § OSL\n\
             \x20   text: {SECRET_CONTENT}.\n\
             \x20   beslut: [{SECRET_CONTENT} och ska få stöd.]\n\
             \x20 - rubrik: Övrigt\n\
             \x20   sekretess: true\n\
             \x20   text: Hemligt utan grund.\n",
            p0 = PERSONNUMMER[0],
            p1 = PERSONNUMMER[1],
            p2 = PERSONNUMMER[2],
        ),
    );
    meeting
}

/// Every byte sequence of the file that can hold a string: the file as it
/// is, and each stream inflated (Typst compresses content, the outline's
/// object streams and the XMP metadata alike).
fn searchable_bytes(pdf: &Path) -> Vec<Vec<u8>> {
    let bytes = std::fs::read(pdf).expect("read PDF");
    let mut parts = vec![bytes.clone()];
    let mut rest = bytes.as_slice();
    while let Some(start) = find(rest, b"stream") {
        let after = &rest[start + b"stream".len()..];
        let body = after
            .strip_prefix(b"\r\n")
            .or_else(|| after.strip_prefix(b"\n"))
            .unwrap_or(after);
        let mut inflated = Vec::new();
        // A stream that is not zlib (an embedded font, say) yields nothing.
        let _ = flate2::read::ZlibDecoder::new(body).read_to_end(&mut inflated);
        if !inflated.is_empty() {
            parts.push(inflated);
        }
        rest = after;
    }
    parts
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The ways a PDF writes `text`: UTF-8 (XMP), UTF-16BE (text strings in the
/// outline, tags, metadata) and as a hex string of UTF-16BE.
fn encodings(text: &str) -> Vec<Vec<u8>> {
    let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let hex: String = utf16.iter().map(|b| format!("{b:02X}")).collect();
    vec![
        text.as_bytes().to_vec(),
        utf16,
        hex.clone().into_bytes(),
        hex.to_lowercase().into_bytes(),
    ]
}

fn bytes_contain(parts: &[Vec<u8>], text: &str) -> bool {
    let forms = encodings(text);
    parts
        .iter()
        .any(|part| forms.iter().any(|form| find(part, form).is_some()))
}

#[test]
fn the_web_version_masks_names_personnummer_and_confidential_paragraphs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let meeting = write_meeting(dir.path());
    support::build(&meeting, &out, &["--web"]);
    let folder = out.join("socsam/2021");
    let web = folder.join("2021-03-26-protokoll-webb.pdf");
    let full = folder.join("2021-03-26-protokoll.pdf");

    // The search can find what it looks for: the protocol itself has the name
    // in its text and, as the rubrik of § 16, in its outline.
    let full_parts = searchable_bytes(&full);
    assert!(
        bytes_contain(&full_parts, &format!("Ansökan från {SECRET_NAME}")),
        "the outline search does not find the rubrik in the protocol itself"
    );
    let full_text = PdfText::of(&full);
    assert!(full_text.contains(SECRET_CONTENT), "{}", full_text.text);

    let text = PdfText::of(&web);
    let parts = searchable_bytes(&web);
    let lowercase = SECRET_NAME.to_lowercase();
    for secret in [
        SECRET_NAME,
        &lowercase,
        "Andersson",
        SECRET_CONTENT,
        "Hemligt utan grund",
    ]
    .into_iter()
    .chain(PERSONNUMMER)
    {
        assert!(
            !text.contains(secret),
            "the web version's text has {secret:?}:\n{}",
            text.text
        );
        assert!(
            !bytes_contain(&parts, secret),
            "the web version's bytes (metadata, outline, tags) hold {secret:?}"
        );
    }
    support::assert_contains_all(
        &text,
        "the web version",
        &[
            "§ 16 Ansökan från [maskerat]",
            "Ärendet gäller [maskerat], personnummer [maskerat], och hennes son [maskerat].",
            "En ombudsman född [maskerat] yttrar sig. Dnr RUN/574/2019, 25% av #skolDigiplan.",
            "§ 17 Placering av barn",
            "Sekretess enligt 26 kap. 1 § OSL. Innehållet publiceras inte.",
            "§ 18 Övrigt",
            "Paragrafen omfattas av sekretess. Innehållet publiceras inte.",
            "Webbversion utan underskrifter.",
        ],
    );
    // No signatures: no signature lines, no initials boxes.
    for absent in ["Underskrifter", "Justerandes sign", "Utdragsbestyrkande"] {
        assert!(!text.contains(absent), "web version has {absent:?}");
    }
}
