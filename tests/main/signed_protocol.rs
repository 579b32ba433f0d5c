//! The protocol a kommun signs, page by page: page 1 holds the attendance,
//! the signatures and the ANSLAG/BEVIS box (a big meeting's attendance goes
//! to a närvarolista after it); no § heading ends a page; the keys real
//! protocols need (paragrafprefix, beslut_först, ajourneringar, sittings,
//! justering.tid, ny_sida_per_paragraf) are printed; decisions, votes,
//! tables and links read as a secretary expects.

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::protocol::SOCSAM;
use crate::support::{self, Extract, PdfText};

/// A kommunstyrelse with a § prefix and the decision first, in a temporary
/// folder.
struct Ks {
    dir: tempfile::TempDir,
}

const KS_ORGAN: &str = "namn: Kommunstyrelsen
huvudman: Provköpings kommun
förvaringsplats: Kommunkansliet
paragrafprefix: KS
beslut_först: true
";

/// Writes the kommunstyrelse (its organ.yaml with `organ_extra`) and
/// `meeting` under `root/meetings/ks/`; returns the meeting file.
pub fn write_ks(root: &Path, organ_extra: &str, meeting: &str) -> PathBuf {
    let organ = root.join("meetings/ks");
    support::write(
        &organ.join("organ.yaml"),
        &format!("{KS_ORGAN}{organ_extra}"),
    );
    let file = organ.join("2024/2024-03-12.yaml");
    support::write(&file, meeting);
    file
}

impl Ks {
    fn new(organ_extra: &str, meeting: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        write_ks(dir.path(), organ_extra, meeting);
        Ks { dir }
    }

    fn meeting(&self) -> PathBuf {
        self.dir.path().join("meetings/ks/2024/2024-03-12.yaml")
    }

    fn build(&self) -> PathBuf {
        support::build(&self.meeting(), &self.dir.path().join("out"), &[])
    }
}

pub const KS_MEETING: &str = "datum: 2024-03-12
tid: \"09:00–12:00, 14:25–14:45\"
ajourneringar: [\"10:25–10:42\"]
plats: Kommunhuset, Stora salen
beslutande:
  - namn: Anna Andersson
    parti: S
  - namn: Bertil Berg
    parti: M
  - namn: Cecilia Ceder
    parti: C
ordförande: Anna Andersson
sekreterare: Doris Dahl
justerare: [Bertil Berg]
justering:
  datum: 2024-03-15
  plats: Kommunkansliet
  tid: \"14:00\"
  sätt: på papper
paragrafer:
  - rubrik: Budget 2024
    text: |
      Förvaltningen redovisar budgeten.

      | Verksamhet | Budget (tkr) | Utfall (tkr) |
      |---|---|---|
      | Förskola | 12 400 | 12 100 |
      | Äldreomsorg | 30 050 | 31 200 |

      Underlaget finns på [kommunens webbplats](https://www.provkoping.se/budget).
    beslutsunderlag:
      - Tjänsteskrivelse 2024-02-20
    yrkanden:
      - av: Anna Andersson (S)
        yrkande: bifall
      - av: Bertil Berg (M)
        yrkande: avslag
    omröstning:
      proposition: Ja för bifall, nej för avslag
      ja: [Anna Andersson, Cecilia Ceder]
      nej: [Bertil Berg]
    beslut:
      - Kommunstyrelsen fastställer budgeten.
    reservationer:
      - namn: Bertil Berg
  - rubrik: Val av Förvaltningschef för IT-enheten
    beslut:
      - Erik Ek utses till Förvaltningschef.
      - IT-chefen rapporterar till kommundirektören.
";

/// The lines of `pdftotext -layout` of a page, furniture (the header, the
/// sign boxes at the foot) left out.
fn content_lines(page: &str) -> Vec<&str> {
    let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
    let foot = lines
        .iter()
        .position(|l| l.contains("Justerandes sign"))
        .unwrap_or(lines.len());
    // The header is the principal, the organ with PROTOKOLL, the date with
    // "Sida N (M)".
    let head = lines
        .iter()
        .position(|l| l.contains("Sida "))
        .map_or(0, |i| i + 1);
    lines[head.min(foot)..foot].to_vec()
}

#[test]
fn seed_001_page_1_holds_attendance_signatures_and_the_posting_box() {
    let out = tempfile::tempdir().expect("temp dir");
    let pdf = support::build(&support::example(SOCSAM), out.path(), &[]);
    let pages = support::page_texts(&pdf, Extract::Layout);
    let first = support::squash(&pages[0]);
    for expected in [
        "Plats och tid",
        "Beslutande",
        "Daniel Arvastsson (S)",
        "Anton Waara (S)",
        "Tjänstepersoner",
        "Elin Ring",
        "Frånvarande",
        "Robert Brandt",
        "Utses att justera",
        "Underskrifter",
        "Paragrafer 1–15",
        "Sekreterare",
        "Ordförande",
        "Justerande",
        "ANSLAG/BEVIS",
        "Sista dag för överklagande",
        "Förvaringsplats för protokollet",
    ] {
        assert!(
            first.contains(expected),
            "page 1 lacks {expected:?}:\n{}",
            pages[0]
        );
    }
    // The column headers once, not per group.
    assert_eq!(first.matches("Organisation").count(), 1, "{}", pages[0]);
    // One line a person: a party never wraps onto a line of its own.
    assert!(
        !pages[0].lines().any(|l| l.trim().starts_with('(')),
        "{}",
        pages[0]
    );
    let second = content_lines(&pages[1]);
    assert!(
        second.first().is_some_and(|l| l.trim() == "Ärendelista"),
        "page 2 opens with the ärendelista:\n{}",
        pages[1]
    );
}

#[test]
fn no_paragraph_heading_ends_a_page() {
    let out = tempfile::tempdir().expect("temp dir");
    let pdf = support::build(&support::example(SOCSAM), out.path(), &[]);
    let pages = support::page_texts(&pdf, Extract::Layout);
    for (index, page) in pages.iter().enumerate().skip(1) {
        let lines = content_lines(page);
        let Some(last) = lines.last() else { continue };
        let last = last.trim();
        let is_heading = last.starts_with("§ ") && !last.contains("....");
        assert!(
            !is_heading,
            "page {} ends with the heading {last:?}:\n{page}",
            index + 1
        );
    }
}

/// A fullmäktige of `members` beslutande named "Ledamot N Efternamn".
pub fn fullmaktige(members: usize) -> String {
    let mut yaml = String::from(
        "datum: 2024-03-12
tid: \"18:00–21:00\"
plats: Stadshuset
beslutande:
",
    );
    for n in 1..=members {
        let _ = writeln!(yaml, "  - namn: Ledamot{n} Fullmäktigesson\n    parti: S");
    }
    yaml.push_str(
        "ordförande: Ledamot1 Fullmäktigesson
sekreterare: Doris Dahl
justerare: [Ledamot2 Fullmäktigesson, Ledamot3 Fullmäktigesson]
paragrafer:
  - rubrik: Mötet öppnas
    text: Ordföranden öppnar mötet.
",
    );
    yaml
}

#[test]
fn a_fullmaktige_of_61_gets_a_narvarolista_after_page_1() {
    let ks = Ks::new("", &fullmaktige(61));
    let pdf = ks.build();
    let pages = support::page_texts(&pdf, Extract::Layout);
    let first = support::squash(&pages[0]);
    for expected in [
        "Se närvarolistan på sidan 2 (61 beslutande)",
        "Underskrifter",
        "ANSLAG/BEVIS",
    ] {
        assert!(
            first.contains(expected),
            "page 1 lacks {expected:?}:\n{}",
            pages[0]
        );
    }
    assert!(!first.contains("Ledamot40 Fullmäktigesson"), "{}", pages[0]);
    let list = support::squash(&pages[1..pages.len() - 1].concat());
    assert!(
        list.starts_with("Närvarolista") || list.contains("Närvarolista"),
        "{list}"
    );
    for n in 1..=61 {
        assert!(
            list.contains(&format!("Ledamot{n} Fullmäktigesson (S)")),
            "Ledamot{n} missing from the närvarolista:\n{list}"
        );
    }
    // The ärendelista follows the närvarolista.
    let last = support::squash(pages.last().expect("pages"));
    assert!(last.contains("Ärendelista"), "{last}");
}

#[test]
fn the_new_keys_are_printed() {
    let ks = Ks::new("", KS_MEETING);
    let pdf = ks.build();
    let text = PdfText::of(&pdf);
    support::assert_contains_all(
        &text,
        "the KS protocol",
        &[
            "09:00–12:00, 14:25–14:45",
            "Sammanträdet ajourneras kl. 10:25–10:42",
            "Kommunkansliet, fredag 15 mars 2024 kl. 14.00. Justeras på papper.",
            "KS § 1 Budget 2024",
            "KS § 2 Val av Förvaltningschef för IT-enheten",
            "Anna Andersson (S) Ja",
            "Bertil Berg (M) Nej",
            "Bertil Berg (M) reserverar sig mot beslutet.",
            // One decision point as a paragraph, two as a numbered list.
            "Kommunstyrelsen fastställer budgeten.",
            "1. Erik Ek utses till Förvaltningschef.",
            "2. IT-chefen rapporterar till kommundirektören.",
            // The link's address on paper.
            "kommunens webbplats (https://www.provkoping.se/budget)",
        ],
    );
    assert!(
        !text.contains("• Kommunstyrelsen fastställer"),
        "{}",
        text.text
    );
    // The ärendelista carries the prefix too.
    let pages = support::page_texts(&pdf, Extract::Layout);
    let list = pages
        .iter()
        .find(|p| p.contains("Ärendelista"))
        .expect("ärendelista");
    assert!(
        support::squash(list).contains("KS § 1 Budget 2024"),
        "{list}"
    );
    // beslut_först: Beslut, then Sammanfattning av ärendet, then Beslutsunderlag.
    let raw = &text.text;
    let order: Vec<usize> = ["Beslut\n", "Sammanfattning av ärendet", "Beslutsunderlag"]
        .iter()
        .map(|w| {
            raw.find(w)
                .unwrap_or_else(|| panic!("{w:?} missing:\n{raw}"))
        })
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "order {order:?}:\n{raw}"
    );
}

#[test]
fn a_table_has_its_columns_apart_and_its_numbers_right_aligned() {
    let ks = Ks::new("", KS_MEETING);
    let pdf = ks.build();
    let layout = support::pdf_text(&pdf, Extract::Layout, None);
    let header = layout
        .lines()
        .find(|l| l.contains("Verksamhet"))
        .unwrap_or_else(|| panic!("no table header:\n{layout}"));
    // A gap between the columns: the words do not run together.
    assert!(
        header.contains("Verksamhet ") && !header.contains("VerksamhetBudget"),
        "{header:?}"
    );
    let row = |name: &str| {
        layout
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no row {name}:\n{layout}"))
            .to_owned()
    };
    // Right-aligned: the last digits of both rows end in the same column.
    let (a, b) = (row("Förskola"), row("Äldreomsorg"));
    let end = |line: &str, number: &str| {
        line.find(number)
            .map(|i| line[..i].chars().count() + number.chars().count())
    };
    assert_eq!(end(&a, "12 400"), end(&b, "30 050"), "\n{a}\n{b}");
}

#[test]
fn ny_sida_per_paragraf_starts_every_paragraph_on_a_page() {
    let ks = Ks::new("ny_sida_per_paragraf: true\n", KS_MEETING);
    let pdf = ks.build();
    let pages = support::page_texts(&pdf, Extract::Layout);
    for heading in ["KS § 1 Budget 2024", "KS § 2 Val av"] {
        let page = pages
            .iter()
            .filter(|p| !p.contains("Ärendelista"))
            .find(|p| support::squash(p).contains(heading))
            .unwrap_or_else(|| panic!("{heading} not found"));
        let first = content_lines(page);
        assert!(
            first
                .first()
                .is_some_and(|l| support::squash(l).starts_with(heading)),
            "{heading} does not open its page:\n{page}"
        );
    }
}

#[test]
fn an_adjournment_outside_the_meeting_is_an_error_at_its_line() {
    let meeting = KS_MEETING.replace("[\"10:25–10:42\"]", "[\"13:00–13:30\", \"16:00–16:10\"]");
    let ks = Ks::new("", &meeting);
    let output = support::run(["check".as_ref(), ks.meeting().as_os_str()], None);
    assert!(!output.status.success(), "{}", support::describe(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("ajourneringen 16:00–16:10 ligger inte inom sammanträdets tid"),
        "{stderr}"
    );
    assert!(stderr.contains("2024-03-12.yaml:3:"), "{stderr}");
    // 13:00–13:30 is between the sittings: not an error of its own.
    assert!(!stderr.contains("ajourneringen 13:00–13:30"), "{stderr}");
}

#[test]
fn sittings_out_of_order_are_an_error() {
    let meeting = KS_MEETING.replace("09:00–12:00, 14:25–14:45", "14:25–14:45, 09:00–12:00");
    let ks = Ks::new("", &meeting);
    let output = support::run(["check".as_ref(), ks.meeting().as_os_str()], None);
    assert!(!output.status.success(), "{}", support::describe(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("börjar innan det förra slutat"), "{stderr}");
    assert!(stderr.contains("2024-03-12.yaml:2:"), "{stderr}");
}

#[test]
fn stand_in_chair_partial_justerare_and_an_ersattare_who_serves_in_turn_are_printed() {
    let meeting = KS_MEETING
        .replace(
            "ordförande: Anna Andersson\n",
            "ordförande: [Anna Andersson, {namn: Cecilia Ceder, paragrafer: \"2\"}]\n",
        )
        .replace(
            "justerare: [Bertil Berg]\n",
            "justerare: [Bertil Berg, {namn: Cecilia Ceder, paragrafer: \"1\"}]\n",
        )
        .replace(
            "  - namn: Cecilia Ceder\n    parti: C\n",
            "  - namn: Cecilia Ceder\n    parti: C\n  - namn: Erik Ek\n    parti: S\n    paragrafer: \"del av 1, 2\"\nersättare:\n  - namn: Erik Ek\n    parti: S\n    paragrafer: \"del av 1\"\n",
        );
    let ks = Ks::new("", &meeting);
    let check = support::run(["check".as_ref(), ks.meeting().as_os_str()], None);
    assert!(check.status.success(), "{}", support::describe(&check));
    let pdf = ks.build();
    let pages = support::page_texts(&pdf, Extract::Layout);
    let first = support::squash(&pages[0]);
    for expected in [
        "Utses att justera Bertil Berg, Cecilia Ceder (KS § 1)",
        "Cecilia Ceder, KS § 2",
        "Anna Andersson",
        "Cecilia Ceder, KS § 1",
        "Erik Ek (S)",
        "KS §§ del av 1, 2",
        "KS §§ del av 1",
    ] {
        assert!(
            first.contains(expected),
            "page 1 lacks {expected:?}:\n{}",
            pages[0]
        );
    }
    // Three Justerande/Ordförande lines: two chairs, two justerare.
    assert_eq!(first.matches("Ordförande").count(), 2, "{}", pages[0]);
    assert_eq!(first.matches("Justerande ").count(), 2, "{}", pages[0]);
}

#[test]
fn a_chair_not_among_beslutande_is_named_in_any_form() {
    let meeting = KS_MEETING.replace(
        "ordförande: Anna Andersson\n",
        "ordförande: [Anna Andersson, {namn: Okänd Person, paragrafer: \"2\"}]\n",
    );
    let ks = Ks::new("", &meeting);
    let output = support::run(["check".as_ref(), ks.meeting().as_os_str()], None);
    assert!(!output.status.success(), "{}", support::describe(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("Okänd Person är ordförande men finns inte bland `beslutande`"),
        "{stderr}"
    );
    assert!(stderr.contains("2024-03-12.yaml:12:13"), "{stderr}");
}

/// A meeting of 45 §§ of different lengths, each with one to three
/// decision points and an utdrag_till: page breaks fall at many places in a
/// §'s last lines.
fn many_paragraphs() -> String {
    let mut yaml = KS_MEETING[..KS_MEETING.find("paragrafer:").expect("§§")].to_owned();
    yaml.push_str("paragrafer:\n");
    for i in 1..=45 {
        let sentences = (i * 37) % 11 + 1;
        let text =
            "Förvaltningen redovisar ärendet och dess bakgrund i korthet. ".repeat(sentences);
        let _ = writeln!(
            yaml,
            "  - rubrik: Ärende {i}\n    text: {text}\n    beslut:"
        );
        for point in 1..=(i % 3 + 1) {
            let _ = writeln!(
                yaml,
                "      - Kommunstyrelsen beslutar punkt {point} i ärende {i}."
            );
        }
        yaml.push_str("    utdrag_till: [Ekonomienheten]\n");
    }
    yaml
}

#[test]
fn the_utdrag_till_line_never_stands_alone_at_the_top_of_a_page() {
    // The decision last, as most organs print it, and first (`beslut_först`),
    // where the § ends with its text or its Beslutsunderlag.
    for decision_first in [false, true] {
        let ks = Ks::new("", &many_paragraphs());
        if !decision_first {
            support::write(
                &ks.dir.path().join("meetings/ks/organ.yaml"),
                &KS_ORGAN.replace("beslut_först: true\n", ""),
            );
        }
        let pdf = ks.build();
        let pages = support::page_texts(&pdf, Extract::Layout);
        assert!(pages.len() > 4, "{} pages", pages.len());
        for (index, page) in pages.iter().enumerate().skip(1) {
            let first = content_lines(page);
            assert!(
                !first
                    .first()
                    .is_some_and(|l| l.trim().starts_with("Utdrag till")),
                "beslut_först: {decision_first}: page {} opens with the last line of a §:\n{page}",
                index + 1
            );
        }
    }
}

#[test]
fn a_table_a_link_and_a_title_with_capitals_print_in_every_document_kind() {
    let meeting = KS_MEETING
        .replace(
            "    reservationer:\n",
            "    utdrag_till: [Ekonomienheten]\n    reservationer:\n",
        )
        .replace(
            "      - IT-chefen rapporterar till kommundirektören.\n",
            "      - IT-chefen rapporterar till kommundirektören.\n    utdrag_till: [IT-enheten]\n",
        )
        + "anslag:\n  uppsatt: 2024-03-15\n";
    let ks = Ks::new("", &meeting);
    let out = ks.dir.path().join("out");
    support::build(&ks.meeting(), &out, &["--web"]);
    // A held meeting's kallelse is made only when asked for by name.
    let kallelse = support::run(
        [
            std::ffi::OsStr::new("kallelse"),
            ks.meeting().as_os_str(),
            std::ffi::OsStr::new("--out"),
            out.as_os_str(),
        ],
        None,
    );
    assert!(
        kallelse.status.success(),
        "{}",
        support::describe(&kallelse)
    );
    let dir = out.join("ks/2024");
    let text_of = |name: &str| support::squash(&PdfText::of(&dir.join(name)).text);
    let title = "Val av Förvaltningschef för IT-enheten";
    let link = "kommunens webbplats (https://www.provkoping.se/budget)";
    let table = "Verksamhet Budget (tkr) Utfall (tkr)";
    let expected: [(&str, &[&str]); 5] = [
        (
            "2024-03-12-protokoll.pdf",
            &[title, link, table, "IT-chefen"],
        ),
        (
            "2024-03-12-protokoll-webb.pdf",
            &[title, link, table, "IT-chefen"],
        ),
        ("2024-03-12-kallelse.pdf", &[title]),
        ("2024-03-12-utdrag-1.pdf", &[link, table]),
        (
            "2024-03-12-utdrag-2.pdf",
            &[title, "Erik Ek utses till Förvaltningschef.", "IT-chefen"],
        ),
    ];
    for (name, wanted) in expected {
        let text = text_of(name);
        for w in wanted {
            assert!(
                text.contains(&support::squash(w)),
                "{name} lacks {w:?}:\n{text}"
            );
        }
    }
    assert!(dir.join("2024-03-12-anslagsbevis.pdf").is_file());
}

#[test]
fn a_late_anslag_is_built_with_its_anmarkning_in_the_box() {
    // Justering Friday 2024-03-15: the anslag was due Monday 2024-03-18.
    let late = KS_MEETING.to_owned() + "anslag:\n  uppsatt: 2024-03-20\n";
    let warned = Ks::new("", &late);
    let output = support::run(
        [
            OsStr::new("build"),
            warned.meeting().as_os_str(),
            OsStr::new("--out"),
            warned.dir.path().join("out").as_os_str(),
        ],
        None,
    );
    // A warning, and the protocol is still made.
    assert!(output.status.success(), "{}", support::describe(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("varning: anslaget är uppsatt onsdag 2024-03-20, för sent"),
        "{stderr}"
    );

    let noted = Ks::new(
        "",
        &(late + "  anmärkning: Uppsatt två dagar för sent på grund av strömavbrott.\n"),
    );
    let pdf = noted.build();
    let pages = support::page_texts(&pdf, Extract::Layout);
    let first = support::squash(&pages[0]);
    assert!(
        first.contains("Anmärkning Uppsatt två dagar för sent på grund av strömavbrott."),
        "{first}"
    );
    let anslagsbevis = pdf.with_file_name("2024-03-12-anslagsbevis.pdf");
    assert!(
        support::squash(&PdfText::of(&anslagsbevis).text).contains("strömavbrott"),
        "the anslagsbevis lacks the anmärkning"
    );
}
