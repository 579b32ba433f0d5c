//! The package for the diarium and the e-archive (`protokoll export`): a
//! BagIt bag (RFC 8493) whose payload is one E-ARK CSIP 2.2 information
//! package, the base of Riksarkivet's FGS Paketstruktur.
//!
//! ```text
//! bagit.txt, bag-info.txt, manifest-sha256.txt, tagmanifest-sha256.txt
//! data/<OBJID>/
//!   METS.xml                               the package: both representations
//!   documentation/om-paketet.txt           what the package holds, in Swedish
//!   schemas/mets.xsd, xlink.xsd, DILCISExtensionMETS.xsd
//!   representations/dokument/METS.xml      the documents …
//!   representations/dokument/data/<organ>/<år>/<datum>-protokoll.pdf …
//!   representations/kallfiler/METS.xml     … and the files they came from
//!   representations/kallfiler/data/<organ>/organ.yaml, <år>/<datum>.yaml
//!                                          (and <datum>.lock when justera locked it)
//! ```
//!
//! This stage is pure: every date in it comes from the meetings or the
//! day given, so the same input and day give the same bytes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::encode::{ascii_slug, percent_encode, sha256_hex, swedish_timestamp};

/// One justerat meeting as it goes into the package.
#[derive(Debug, Clone)]
pub struct ArchivedMeeting {
    /// The organ folder's name (`socialnamnden`); the package mirrors it.
    pub organ_dir: String,
    /// The organ's name.
    pub organ_name: String,
    /// `organ.yaml` as written.
    pub organ_file: Vec<u8>,
    /// The meeting file's path inside its organ folder (`2017/2017-09-27.yaml`).
    pub meeting_path: String,
    /// The meeting file as written.
    pub meeting_file: Vec<u8>,
    /// Its lock (`<datum>.lock`), when justera locked it.
    pub lock_file: Option<Vec<u8>>,
    /// The meeting day.
    pub held: NaiveDate,
    /// The day of justering: when its documents became final.
    pub adjusted: NaiveDate,
    /// Each document built of it: its path inside the output folder and its bytes.
    pub documents: Vec<(String, Vec<u8>)>,
}

/// What the package is made of.
#[derive(Debug, Clone)]
pub struct PackageInput<'a> {
    /// Who delivers it: the principal (kommun, region).
    pub publisher: &'a str,
    /// The day it is made, its CREATEDATE.
    pub today: NaiveDate,
    /// The meetings, in organ and date order.
    pub meetings: &'a [ArchivedMeeting],
}

/// The package's identifier, also the name of its root folder.
pub fn package_id(input: &PackageInput) -> String {
    format!(
        "{}-protokoll-{}",
        ascii_slug(input.publisher, "kommun"),
        input.today
    )
}

/// The schemas the METS files use, shipped in the package (CSIP wants a
/// Schemas file group): METS 1.12 and the CSIP extension from the E-ARK
/// CSIP repository, and the METS XLink schema that mets.xsd imports.
const SCHEMAS: [(&str, &str); 3] = [
    ("mets.xsd", include_str!("xsd/mets.xsd")),
    ("xlink.xsd", include_str!("xsd/xlink.xsd")),
    (
        "DILCISExtensionMETS.xsd",
        include_str!("xsd/DILCISExtensionMETS.xsd"),
    ),
];

const PROFILE: &str = "https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml";
const CONTENT: &str = "Kommunala protokoll";

/// Every file of the bag by its path inside it.
pub fn package(input: &PackageInput) -> BTreeMap<String, Vec<u8>> {
    let id = package_id(input);
    let created = timestamp(input.today);
    let mut payload: BTreeMap<String, (Vec<u8>, String)> = BTreeMap::new();

    let mut documents = Vec::new();
    let mut sources = Vec::new();
    let mut organs: BTreeMap<&str, (&[u8], NaiveDate)> = BTreeMap::new();
    for meeting in input.meetings {
        let stamp = timestamp(meeting.adjusted);
        for (path, bytes) in &meeting.documents {
            documents.push(PackedFile::new(format!("data/{path}"), bytes, &stamp));
        }
        sources.push(PackedFile::new(
            format!("data/{}/{}", meeting.organ_dir, meeting.meeting_path),
            &meeting.meeting_file,
            &stamp,
        ));
        if let Some(lock) = &meeting.lock_file {
            let lock_path = match meeting.meeting_path.strip_suffix(".yaml") {
                Some(stem) => format!("{stem}.lock"),
                None => format!("{}.lock", meeting.meeting_path),
            };
            sources.push(PackedFile::new(
                format!("data/{}/{lock_path}", meeting.organ_dir),
                lock,
                &stamp,
            ));
        }
        let organ = organs
            .entry(&meeting.organ_dir)
            .or_insert((&meeting.organ_file, meeting.adjusted));
        organ.1 = organ.1.max(meeting.adjusted);
    }
    for (dir, (bytes, last)) in organs {
        sources.push(PackedFile::new(
            format!("data/{dir}/organ.yaml"),
            bytes,
            &timestamp(last),
        ));
    }
    documents.sort_by(|a, b| a.path.cmp(&b.path));
    sources.sort_by(|a, b| a.path.cmp(&b.path));

    let header = Header {
        created: &created,
        version: env!("CARGO_PKG_VERSION"),
    };
    let mut representations = Vec::new();
    for (name, files, what) in [
        ("dokument", &documents, "PDF/A-2a"),
        ("kallfiler", &sources, "YAML"),
    ] {
        for file in files.iter() {
            payload.insert(
                format!("representations/{name}/{}", file.path),
                (file.bytes.clone(), file.created.clone()),
            );
        }
        let mets = representation_mets(&header, &format!("{id}-{name}"), name, what, files);
        let mets_file =
            PackedFile::new(format!("representations/{name}/METS.xml"), &mets, &created);
        payload.insert(mets_file.path.clone(), (mets, created.clone()));
        representations.push((name, mets_file));
    }

    let about = about_text(input, &id);
    let documentation = vec![PackedFile::new(
        "documentation/om-paketet.txt".to_owned(),
        about.as_bytes(),
        &created,
    )];
    let schemas: Vec<PackedFile> = SCHEMAS
        .iter()
        .map(|(name, text)| PackedFile::new(format!("schemas/{name}"), text.as_bytes(), &created))
        .collect();
    for file in documentation.iter().chain(&schemas) {
        payload.insert(file.path.clone(), (file.bytes.clone(), created.clone()));
    }
    let root = package_mets(&header, &id, &documentation, &schemas, &representations);
    payload.insert("METS.xml".to_owned(), (root, created.clone()));

    bag(input, &id, payload)
}

/// The bag around the package: `data/<id>/…` and the tag files.
fn bag(
    input: &PackageInput,
    id: &str,
    payload: BTreeMap<String, (Vec<u8>, String)>,
) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut manifest = String::new();
    let mut octets = 0;
    for (path, (bytes, _)) in payload {
        let path = format!("data/{id}/{path}");
        let _ = writeln!(manifest, "{}  {path}", sha256_hex(&bytes));
        octets += bytes.len();
        files.insert(path, bytes);
    }
    let count = files.len();
    files.insert(
        "bagit.txt".to_owned(),
        b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".to_vec(),
    );
    let info = format!(
        "Source-Organization: {}\nBagging-Date: {}\nBag-Software-Agent: protokoll {}\n\
         External-Identifier: {id}\nExternal-Description: {}\nPayload-Oxum: {octets}.{count}\n",
        one_line(input.publisher),
        input.today,
        env!("CARGO_PKG_VERSION"),
        crate::messages::report::package_description(input.meetings.len()),
    );
    files.insert("bag-info.txt".to_owned(), info.into_bytes());
    files.insert("manifest-sha256.txt".to_owned(), manifest.into_bytes());
    let mut tags = String::new();
    for name in ["bag-info.txt", "bagit.txt", "manifest-sha256.txt"] {
        let _ = writeln!(tags, "{}  {name}", sha256_hex(&files[name]));
    }
    files.insert("tagmanifest-sha256.txt".to_owned(), tags.into_bytes());
    files
}

/// A file listed in a METS fileSec.
struct PackedFile {
    /// Relative to the METS file that lists it.
    path: String,
    bytes: Vec<u8>,
    created: String,
}

impl PackedFile {
    fn new(path: String, bytes: &[u8], created: &str) -> PackedFile {
        PackedFile {
            path,
            bytes: bytes.to_vec(),
            created: created.to_owned(),
        }
    }

    fn mime_type(&self) -> &'static str {
        match self.path.rsplit('.').next() {
            Some("pdf") => "application/pdf",
            Some("yaml") => "application/yaml",
            Some("xml" | "xsd") => "application/xml",
            Some("lock") => "application/json",
            _ => "text/plain",
        }
    }
}

struct Header<'a> {
    created: &'a str,
    version: &'a str,
}

/// The `<mets>` start tag and the header with the creating software, the
/// same in the package and each representation.
fn mets_start(xml: &mut String, header: &Header, id: &str, schemas: &str) {
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <mets xmlns=\"http://www.loc.gov/METS/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
         xmlns:csip=\"https://DILCIS.eu/XML/METS/CSIPExtensionMETS\" \
         xsi:schemaLocation=\"http://www.loc.gov/METS/ {schemas}mets.xsd \
         http://www.w3.org/1999/xlink {schemas}xlink.xsd \
         https://DILCIS.eu/XML/METS/CSIPExtensionMETS {schemas}DILCISExtensionMETS.xsd\" \
         OBJID=\"{}\" LABEL=\"{CONTENT}\" TYPE=\"Textual works – Digital\" \
         csip:CONTENTINFORMATIONTYPE=\"OTHER\" csip:OTHERCONTENTINFORMATIONTYPE=\"{CONTENT}\" \
         PROFILE=\"{PROFILE}\">\n\
         \x20 <metsHdr CREATEDATE=\"{created}\" RECORDSTATUS=\"NEW\" csip:OAISPACKAGETYPE=\"SIP\">\n\
         \x20   <agent ROLE=\"CREATOR\" TYPE=\"OTHER\" OTHERTYPE=\"SOFTWARE\">\n\
         \x20     <name>protokoll</name>\n\
         \x20     <note csip:NOTETYPE=\"SOFTWARE VERSION\">{version}</note>\n\
         \x20   </agent>\n\
         \x20 </metsHdr>\n",
        escape(id),
        created = header.created,
        version = escape(header.version),
    );
}

/// One `<fileGrp ID="fileGrp-<name>">` listing `files` as `file-<name>-1` ….
fn file_group(xml: &mut String, name: &str, usage: &str, extra: &str, files: &[PackedFile]) {
    let _ = writeln!(
        xml,
        "    <fileGrp ID=\"fileGrp-{name}\" USE=\"{}\"{extra}>",
        escape(usage)
    );
    for (n, file) in files.iter().enumerate() {
        let _ = write!(
            xml,
            "      <file ID=\"file-{name}-{}\" MIMETYPE=\"{}\" SIZE=\"{}\" CREATED=\"{}\" \
             CHECKSUM=\"{}\" CHECKSUMTYPE=\"SHA-256\">\n\
             \x20       <FLocat LOCTYPE=\"URL\" xlink:type=\"simple\" xlink:href=\"{}\"/>\n\
             \x20     </file>\n",
            n + 1,
            file.mime_type(),
            file.bytes.len(),
            file.created,
            sha256_hex(&file.bytes),
            escape(&percent_encode(&file.path)),
        );
    }
    xml.push_str("    </fileGrp>\n");
}

/// A representation's own METS: its data files and a structMap with
/// Metadata and Data.
fn representation_mets(
    header: &Header,
    id: &str,
    name: &str,
    format: &str,
    files: &[PackedFile],
) -> Vec<u8> {
    let mut xml = String::new();
    mets_start(&mut xml, header, id, "../../schemas/");
    let _ = writeln!(xml, "  <fileSec ID=\"fileSec-{name}\">");
    file_group(
        &mut xml,
        &format!("{name}-data"),
        "Data",
        &format!(
            " csip:CONTENTINFORMATIONTYPE=\"OTHER\" csip:OTHERCONTENTINFORMATIONTYPE=\"{format}\""
        ),
        files,
    );
    let _ = write!(
        xml,
        "  </fileSec>\n\
         \x20 <structMap ID=\"structMap-{name}\" TYPE=\"PHYSICAL\" LABEL=\"CSIP\">\n\
         \x20   <div ID=\"div-{name}\" LABEL=\"{}\">\n\
         \x20     <div ID=\"div-{name}-metadata\" LABEL=\"Metadata\"/>\n\
         \x20     <div ID=\"div-{name}-data\" LABEL=\"Data\"><fptr FILEID=\"fileGrp-{name}-data\"/></div>\n\
         \x20   </div>\n\
         \x20 </structMap>\n\
         </mets>\n",
        escape(id)
    );
    xml.into_bytes()
}

/// The package's METS: documentation, schemas, and a pointer to each
/// representation's METS.
fn package_mets(
    header: &Header,
    id: &str,
    documentation: &[PackedFile],
    schemas: &[PackedFile],
    representations: &[(&str, PackedFile)],
) -> Vec<u8> {
    let mut xml = String::new();
    mets_start(&mut xml, header, id, "schemas/");
    xml.push_str("  <fileSec ID=\"fileSec\">\n");
    file_group(
        &mut xml,
        "documentation",
        "Documentation",
        "",
        documentation,
    );
    file_group(&mut xml, "schemas", "Schemas", "", schemas);
    for (name, mets) in representations {
        file_group(
            &mut xml,
            name,
            &format!("Representations/{name}"),
            &format!(
                " csip:CONTENTINFORMATIONTYPE=\"OTHER\" csip:OTHERCONTENTINFORMATIONTYPE=\"{CONTENT}\""
            ),
            std::slice::from_ref(mets),
        );
    }
    let _ = write!(
        xml,
        "  </fileSec>\n\
         \x20 <structMap ID=\"structMap-csip\" TYPE=\"PHYSICAL\" LABEL=\"CSIP\">\n\
         \x20   <div ID=\"div-package\" LABEL=\"{}\">\n\
         \x20     <div ID=\"div-metadata\" LABEL=\"Metadata\"/>\n\
         \x20     <div ID=\"div-documentation\" LABEL=\"Documentation\"><fptr FILEID=\"fileGrp-documentation\"/></div>\n\
         \x20     <div ID=\"div-schemas\" LABEL=\"Schemas\"><fptr FILEID=\"fileGrp-schemas\"/></div>\n",
        escape(id)
    );
    for (name, mets) in representations {
        let _ = writeln!(
            xml,
            "      <div ID=\"div-{name}\" LABEL=\"Representations/{name}\">\
             <mptr LOCTYPE=\"URL\" xlink:type=\"simple\" xlink:href=\"{}\" xlink:title=\"fileGrp-{name}\"/></div>",
            escape(&percent_encode(&mets.path))
        );
    }
    xml.push_str("    </div>\n  </structMap>\n</mets>\n");
    xml.into_bytes()
}

/// `documentation/om-paketet.txt`: for whoever opens the package without a
/// METS viewer.
fn about_text(input: &PackageInput, id: &str) -> String {
    let mut text = crate::messages::report::package_about(
        id,
        input.publisher,
        &input.today.to_string(),
        env!("CARGO_PKG_VERSION"),
    );
    for meeting in input.meetings {
        let _ = writeln!(
            text,
            "{} {} (justerat {}): {}",
            meeting.organ_name,
            meeting.held,
            meeting.adjusted,
            meeting
                .documents
                .iter()
                .map(|(path, _)| path.rsplit('/').next().unwrap_or(path))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    text
}

/// The start of `day` in Swedish time, as METS's xs:dateTime wants it.
fn timestamp(day: NaiveDate) -> String {
    swedish_timestamp(day, "00:00:00")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A bag-info value on one line (RFC 8493 2.2.2 folds longer ones; ours
/// have no line breaks to fold).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
