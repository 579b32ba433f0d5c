//! "Text is text" (FORMAT.md): every string that means something to Typst or
//! to Markdown comes out of the PDF exactly as typed, from every kind of field,
//! and no field can run code, read a file or load a package.
//!
//! The fixture is generated here rather than kept under `tests/fixtures/`: the
//! strings are written as YAML block scalars (`|-`), in which nothing but the
//! indentation is syntax, so they reach `protokoll` byte for byte. Each field
//! value carries a tag naming its field and index (`rubrik7: [x]`), so a
//! string that survives in one field cannot hide its loss in another.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::support::{self, Extract, PdfText};

/// A backslash at the end of a line (FORMAT.md's last case). It is always the
/// last thing in its field, so it ends that field's line in the PDF.
const BACKSLASH_AT_END: &str = "radslut\\";

/// The strings of FORMAT.md's "Text is text", plus the attempts to run code,
/// read a file and load a package.
pub const TEXT_IS_TEXT: &[&str] = &[
    "#skolDigiplan",
    "arne.nilsson@regionjh.se",
    "25%",
    "$5",
    "<i>",
    "a // b",
    "/* x */",
    "C:\\temp",
    "[x]",
    "= rubrik",
    "~",
    "'enkla' och \"dubbla\" citattecken",
    "”citat” och –",
    "§ 14",
    "@ref",
    "<label>",
    "#read(\"/etc/passwd\")",
    "#include \"x\"",
    "#import \"@preview/x:0.1.0\"",
    "] [ * $",
    BACKSLASH_AT_END,
];

/// The attendance groups and the tag prefix of their people's fields. Each
/// group has one person per string, and all of that person's fields (namn,
/// parti, organisation, uppdrag) hold that string.
const GROUPS: &[(&str, &str)] = &[
    ("beslutande", "b"),
    ("ersättare", "e"),
    ("tjänstepersoner", "t"),
    ("övriga_deltagare", "o"),
    ("frånvarande", "f"),
];

/// A YAML block scalar (`|-`) whose lines are indented by `indent` spaces.
fn block(value: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::from("|-");
    for line in value.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    out
}

fn tagged(tag: &str, index: usize, s: &str) -> String {
    format!("{tag}{index}: {s}")
}

/// The name of beslutande number `index`.
fn member(index: usize) -> String {
    tagged("bnamn", index, TEXT_IS_TEXT[index])
}

/// A Markdown block field: the tagged string as one paragraph, then a second
/// paragraph where the string starts a line and is followed by a line break.
///
/// CommonMark turns a backslash before a line break into a hard break (the
/// backslash is not printed), so the string that ends in a backslash has it
/// doubled there (`\\` is CommonMark for one literal backslash). In the first
/// paragraph it stands at the very end of the paragraph, where CommonMark
/// keeps a backslash as text, and in inline fields (`beslut`, anteckningar)
/// it ends the field, likewise. `*`, `[x]`, `<i>` … need no escaping: the
/// strings are chosen so that CommonMark prints them literally (no `*` pair
/// can open emphasis, no `[x]` has a link definition, raw HTML is shown as
/// text per FORMAT.md).
fn markdown_block(tag: &str, index: usize, s: &str) -> String {
    let second = match s.strip_suffix('\\') {
        Some(rest) => format!("{rest}\\\\"),
        None => s.to_owned(),
    };
    format!("{}\n\n{second}\n({tag}{index}b)", tagged(tag, index, s))
}

/// What the PDF must show (whitespace squashed) for [`markdown_block`].
fn markdown_block_printed(tag: &str, index: usize, s: &str) -> [String; 2] {
    [tagged(tag, index, s), format!("{s} ({tag}{index}b)")]
}

/// A meeting file and the texts its PDF must show.
pub struct Case {
    /// The meeting file.
    pub meeting: PathBuf,
    /// Each field's text as printed (whitespace squashed).
    pub expected: Vec<String>,
}

/// The fixture, under `<root>/meetings/`: organ `textnamnd` with a meeting
/// in which every field holds the strings, and organ `huvudmannen` whose
/// `huvudman` holds them (with a small meeting of its own).
///
/// Two organs because the organ's name and its huvudman share the page
/// header, which has room for about six lines: all strings in both would
/// push the top of the header off the page (a layout limit, not escaping).
pub fn write_fixture(root: &Path) -> Vec<Case> {
    let all = TEXT_IS_TEXT.join(" ");

    let organ_dir = root.join("meetings/huvudmannen");
    let principal = format!("huvudman: {all}");
    support::write(
        &organ_dir.join("organ.yaml"),
        &format!(
            "namn: Huvudmannens nämnd\nhuvudman: {}\n",
            block(&principal, 2)
        ),
    );
    let small = organ_dir.join("2021/2021-03-05.yaml");
    support::write(
        &small,
        "datum: 2021-03-05\ntid: \"09:00–10:00\"\nplats: Rådhuset\n\
         beslutande:\n  - namn: Anna Andersson\n  - namn: Bertil Berg\n\
         ordförande: Anna Andersson\nsekreterare: Cecilia Ceder\njusterare: [Bertil Berg]\n\
         paragrafer:\n  - rubrik: Mötet öppnas\n",
    );
    let mut cases = vec![Case {
        meeting: small,
        expected: vec![principal],
    }];

    let mut expected = Vec::new();
    let organ_dir = root.join("meetings/textnamnd");
    let mut organ = String::new();
    for (key, tag) in [("namn", "organnamn"), ("förvaringsplats", "förvaring")] {
        let value = format!("{tag}: {all}");
        writeln!(organ, "{key}: {}", block(&value, 2)).expect("write");
        expected.push(value);
    }
    organ.push_str("huvudman: Textköpings kommun\n");
    support::write(&organ_dir.join("organ.yaml"), &organ);

    let mut y = String::from("datum: 2021-03-05\ntid: \"09:00–12:00\"\n");
    // plats: every string on a line of its own (FORMAT: a line break in a
    // plain field is a line break), so each one starts a line and the
    // backslash one ends a line that another follows.
    let place = format!("plats:\n{}\nsista raden", TEXT_IS_TEXT.join("\n"));
    writeln!(y, "plats: {}", block(&place, 2)).expect("write");
    expected.push(format!("plats: {all} sista raden"));
    y.push_str("första_paragraf: 1\n");

    for (group, prefix) in GROUPS {
        writeln!(y, "{group}:").expect("write");
        for (i, s) in TEXT_IS_TEXT.iter().enumerate() {
            let name = tagged(&format!("{prefix}namn"), i, s);
            let party = tagged(&format!("{prefix}parti"), i, s);
            let org = tagged(&format!("{prefix}org"), i, s);
            let role = tagged(&format!("{prefix}uppdrag"), i, s);
            writeln!(y, "  - namn: {}", block(&name, 6)).expect("write");
            writeln!(y, "    parti: {}", block(&party, 6)).expect("write");
            writeln!(y, "    organisation: {}", block(&org, 6)).expect("write");
            writeln!(y, "    uppdrag: {}", block(&role, 6)).expect("write");
            // Printed "Namn (PARTI)".
            expected.push(format!("{name} ({party})"));
            expected.push(org);
            expected.push(role);
        }
    }
    let chair = member(0);
    writeln!(y, "ordförande: {}", block(&chair, 2)).expect("write");
    y.push_str("sekreterare: Sekreterare Sekretesson\n");
    writeln!(y, "justerare:\n  - {}", block(&member(1), 4)).expect("write");
    y.push_str("justering:\n  datum: 2021-03-05\n  sätt: muntligen\n");

    y.push_str("paragrafer:\n");
    let n = TEXT_IS_TEXT.len();
    for (i, s) in TEXT_IS_TEXT.iter().enumerate() {
        let field = |tag: &str| tagged(tag, i, s);
        let yes = member(i);
        let no = member((i + 1) % n);
        // The losing side reserves itself: at 1–1 the chair's side wins.
        let dissenter = if (i + 1) % n == 0 { i } else { (i + 1) % n };
        writeln!(y, "  - rubrik: {}", block(&field("rubrik"), 6)).expect("write");
        writeln!(y, "    diarienummer: {}", block(&field("dnr"), 6)).expect("write");
        writeln!(y, "    föredragande: {}", block(&field("föredragande"), 6)).expect("write");
        writeln!(y, "    text: {}", block(&markdown_block("text", i, s), 6)).expect("write");
        writeln!(
            y,
            "    beslutsunderlag:\n      - {}",
            block(&field("underlag"), 8)
        )
        .expect("write");
        writeln!(
            y,
            "    förslag_till_beslut: {}",
            block(&markdown_block("förslag", i, s), 6)
        )
        .expect("write");
        writeln!(
            y,
            "    yrkanden:\n      - av: {}\n        yrkande: {}",
            block(&field("av"), 10),
            block(&field("yrkande"), 10)
        )
        .expect("write");
        writeln!(
            y,
            "    omröstning:\n      proposition: {}\n      ja:\n        - {}\n      nej:\n        - {}",
            block(&field("proposition"), 8),
            block(&yes, 10),
            block(&no, 10)
        )
        .expect("write");
        writeln!(y, "    beslut:\n      - {}", block(&field("beslut"), 8)).expect("write");
        writeln!(
            y,
            "    reservationer:\n      - namn: {}\n        motivering: {}",
            block(&member(dissenter), 10),
            block(&field("motivering"), 10)
        )
        .expect("write");
        writeln!(
            y,
            "    protokollsanteckningar:\n      - namn: {}\n        text: {}",
            block(&yes, 10),
            block(&field("anteckning"), 10)
        )
        .expect("write");
        writeln!(
            y,
            "    utdrag_till:\n      - {}",
            block(&field("utdrag"), 8)
        )
        .expect("write");
        writeln!(
            y,
            "    bilagor:\n      - titel: {}",
            block(&field("bilaga"), 10)
        )
        .expect("write");

        expected.push(format!("§ {} {}", i + 1, field("rubrik")));
        expected.push(format!("Dnr {}", field("dnr")));
        expected.push(format!("Ärendet föredras av {}.", field("föredragande")));
        expected.extend(markdown_block_printed("text", i, s));
        expected.push(field("underlag"));
        expected.extend(markdown_block_printed("förslag", i, s));
        expected.push(format!("{}: {}", field("av"), field("yrkande")));
        expected.push(format!("Proposition: {}", field("proposition")));
        expected.push(field("beslut"));
        // A beslutande's party follows their name.
        let dissenter_party = tagged("bparti", dissenter, TEXT_IS_TEXT[dissenter]);
        expected.push(format!(
            "{} ({dissenter_party}) reserverar sig mot beslutet {}.",
            member(dissenter),
            field("motivering")
        ));
        expected.push(format!("{yes} låter anteckna: {}", field("anteckning")));
        expected.push(field("utdrag"));
        expected.push(field("bilaga"));
    }
    let meeting = organ_dir.join("2021/2021-03-05.yaml");
    support::write(&meeting, &y);
    cases.push(Case { meeting, expected });
    cases
}

#[test]
fn fixture_yaml_carries_the_strings_unchanged() {
    // Guards the generator: if the YAML mangled a string, the PDF checks
    // below would test something else than they claim.
    let dir = tempfile::tempdir().expect("temp dir");
    let cases = write_fixture(dir.path());
    let meeting = &cases.last().expect("the main case").meeting;
    let text = support::read(meeting);
    let parsed =
        protokoll::parse::parse_meeting(meeting, &text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(parsed.paragraphs.len(), TEXT_IS_TEXT.len());
    for (i, (p, s)) in parsed.paragraphs.iter().zip(TEXT_IS_TEXT).enumerate() {
        assert_eq!(p.title.value, tagged("rubrik", i, s));
        assert_eq!(p.decisions, vec![tagged("beslut", i, s)]);
        assert_eq!(
            p.text.as_deref(),
            Some(markdown_block("text", i, s).as_str())
        );
    }
    assert_eq!(
        parsed.chair.value.main().map(|h| h.name.clone()),
        Some(member(0))
    );
}

#[test]
fn every_field_prints_text_is_text_strings_verbatim() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases = write_fixture(dir.path());
    let mut printed = String::new();
    for case in &cases {
        let pdf = support::build(&case.meeting, &dir.path().join("out"), &[]);
        let extracted = support::pdf_text(&pdf, Extract::Raw, None);
        let text = PdfText::new(&extracted);
        let missing: Vec<&str> = case
            .expected
            .iter()
            .map(String::as_str)
            .filter(|e| !text.contains(e))
            .collect();
        assert!(
            missing.is_empty(),
            "{}: {} of {} field texts are not verbatim in the PDF:\n  {}\n--- PDF text ---\n{text}",
            case.meeting.display(),
            missing.len(),
            case.expected.len(),
            missing.join("\n  ")
        );
        printed.push_str(&extracted);
    }
    let text = PdfText::new(&printed);
    for s in TEXT_IS_TEXT {
        assert!(text.contains(s), "{s:?} is not in the PDF");
    }
    // #read("/etc/passwd") is printed as text, never run.
    assert!(!text.contains("root:"), "/etc/passwd leaked into the PDF");
    assert!(
        !printed.contains("root:"),
        "/etc/passwd leaked into the PDF"
    );
}
