//! The bundled examples typeset end to end: every § title, decision and
//! attendee of the SocSam meeting is in the PDF, the page furniture is on every
//! page, the ärendelista's page numbers are the pages the §§ are on, drafts
//! say UTKAST, and numbering starts at `första_paragraf`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::support::{self, Extract, PdfText};

pub const SOCSAM: &str = "socsam/2021/2021-02-26.yaml";
pub const SOCIALNAMNDEN: &str = "socialnamnden/2017/2017-09-27.yaml";

/// The parts of a meeting file these tests compare with the PDF, read on
/// their own (not through `protokoll`'s model) so that a field the model
/// drops is still expected in the PDF.
#[derive(Debug, Deserialize)]
struct MeetingFile {
    #[serde(rename = "första_paragraf", default)]
    first: Option<u32>,
    #[serde(default)]
    beslutande: Vec<Named>,
    #[serde(rename = "tjänstepersoner", default)]
    officials: Vec<Named>,
    #[serde(rename = "övriga_deltagare", default)]
    others: Vec<Named>,
    #[serde(rename = "frånvarande", default)]
    absent: Vec<Named>,
    #[serde(default)]
    paragrafer: Vec<Item>,
}

#[derive(Debug, Deserialize)]
struct Named {
    namn: String,
}

#[derive(Debug, Deserialize)]
struct Item {
    rubrik: String,
    #[serde(default)]
    beslut: Vec<String>,
}

fn read_meeting(path: &Path) -> MeetingFile {
    serde_saphyr::from_str(&support::read(path))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Builds a bundled example into a fresh temporary folder.
fn build_example(relative: &str) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().expect("temp dir");
    let pdf = support::build(&support::example(relative), out.path(), &[]);
    (out, pdf)
}

/// The first words of a § heading as the PDF's line starts with them: "§ 7
/// God och". Enough to tell the §§ apart, short enough not to wrap.
fn heading_start(number: u32, title: &str) -> String {
    let words: Vec<&str> = title.split_whitespace().take(2).collect();
    format!("§ {number} {}", words.join(" "))
}

fn has_line_starting(page: &str, start: &str) -> bool {
    page.lines()
        .any(|line| line.trim_start().starts_with(start))
}

#[test]
fn socsam_prints_every_title_decision_and_attendee() {
    let meeting = read_meeting(&support::example(SOCSAM));
    assert_eq!(meeting.paragrafer.len(), 15, "the example has 15 §§");
    let (_out, pdf) = build_example(SOCSAM);
    let text = PdfText::of(&pdf);

    let mut missing = Vec::new();
    let first = meeting.first.unwrap_or(1);
    for (number, item) in (first..).zip(&meeting.paragrafer) {
        let heading = format!("§ {number} {}", item.rubrik);
        if !text.contains(&heading) {
            missing.push(heading);
        }
        for decision in &item.beslut {
            if !text.contains(decision) {
                missing.push(format!("§ {number} beslut: {decision}"));
            }
        }
    }
    let people = [
        ("beslutande", &meeting.beslutande),
        ("tjänstepersoner", &meeting.officials),
        ("övriga_deltagare", &meeting.others),
        ("frånvarande", &meeting.absent),
    ];
    for (group, list) in people {
        assert!(!list.is_empty(), "the example lists {group}");
        for person in list {
            if !text.contains(&person.namn) {
                missing.push(format!("{group}: {}", person.namn));
            }
        }
    }
    assert!(
        text.contains("§ 15 Mötet avslutas"),
        "the last § is numbered 15"
    );
    assert!(
        missing.is_empty(),
        "not in the PDF of {SOCSAM}:\n  {}\n--- PDF text ---\n{text}",
        missing.join("\n  ")
    );
}

#[test]
fn socsam_has_page_furniture_on_every_page() {
    let (_out, pdf) = build_example(SOCSAM);
    let pages = support::page_texts(&pdf, Extract::Layout);
    let total = pages.len();
    assert!(total >= 4, "15 §§ need more than {total} pages");
    for (index, page) in pages.iter().enumerate() {
        let number = index + 1;
        for expected in [
            format!("Sida {number} ({total})"),
            "Justerandes sign".to_owned(),
            "Utdragsbestyrkande".to_owned(),
        ] {
            assert!(
                page.contains(&expected),
                "page {number} lacks {expected:?}:\n{page}"
            );
        }
    }
    let all = support::squash(&pages.concat());
    for expected in [
        "Fredag den 26 februari 2021",
        "Muntligen justerat",
        "Paragrafer 1–15",
    ] {
        assert!(all.contains(expected), "{expected:?} missing:\n{all}");
    }
}

/// The ärendelista entries: § number → the page number printed after it.
fn arendelista_pages(page: &str, titles: &[(u32, String)]) -> Vec<(u32, usize)> {
    let start = page
        .find("Ärendelista")
        .expect("the page holds the Ärendelista heading");
    let body = &page[start + "Ärendelista".len()..];
    let body = body.split("Justerandes sign").next().unwrap_or(body);
    // Typst puts a word joiner (U+2060) before the page number.
    let body = support::squash(&body.replace('\u{2060}', " "));
    titles
        .iter()
        .map(|(number, title)| {
            let entry = format!("§ {number} {}", support::squash(title));
            let at = body
                .find(&entry)
                .unwrap_or_else(|| panic!("the ärendelista has no entry {entry:?}:\n{body}"));
            let rest = body[at + entry.len()..].trim_start_matches([' ', '.']);
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let page = digits.parse().unwrap_or_else(|_| {
                panic!("no page number after {entry:?} in the ärendelista:\n{body}")
            });
            (*number, page)
        })
        .collect()
}

#[test]
fn arendelista_page_numbers_are_the_pages_of_the_headings() {
    let meeting = read_meeting(&support::example(SOCSAM));
    let first = meeting.first.unwrap_or(1);
    let titles: Vec<(u32, String)> = (first..)
        .zip(meeting.paragrafer.iter().map(|p| p.rubrik.clone()))
        .collect();
    let (_out, pdf) = build_example(SOCSAM);
    let pages = support::page_texts(&pdf, Extract::Layout);
    let list_index = pages
        .iter()
        .position(|p| p.lines().any(|l| l.trim() == "Ärendelista"))
        .expect("a page titled Ärendelista");

    let entries = arendelista_pages(&pages[list_index], &titles);
    assert_eq!(entries.len(), 15);
    assert!(
        entries.windows(2).all(|w| w[0].1 <= w[1].1),
        "ärendelista pages go backwards: {entries:?}"
    );
    for ((number, listed), (_, title)) in entries.iter().zip(&titles) {
        let start = heading_start(*number, title);
        assert!(
            (1..=pages.len()).contains(listed),
            "§ {number} listed on page {listed}, of {}",
            pages.len()
        );
        // Re-extract the listed page on its own, as a reader would look it up.
        // On the ärendelista's own page (the first §§ follow the list) the
        // heading is the line without the dot leaders.
        let page = support::pdf_text(&pdf, Extract::Layout, Some((*listed, *listed)));
        let headings = page.lines().filter(|l| !l.contains(". . ."));
        assert!(
            headings.clone().any(|l| l.trim_start().starts_with(&start)),
            "ärendelista says {start:?}… is on page {listed}, but it is not:\n{page}"
        );
        // The heading is on that page only (the ärendelista itself aside),
        // in particular not already at the foot of the page before.
        for (index, other) in pages.iter().enumerate() {
            if index == list_index || index + 1 == *listed {
                continue;
            }
            assert!(
                !has_line_starting(other, &start),
                "{start:?}… is listed on page {listed} but also stands on page {}",
                index + 1
            );
        }
    }
}

/// The SocSam meeting without its `justering` block, i.e. a draft, written
/// under `root/meetings/socsam/`. Returns the meeting file.
pub fn write_socsam_draft(root: &Path) -> PathBuf {
    let organ = root.join("meetings/socsam");
    support::write(
        &organ.join("organ.yaml"),
        &support::read(&support::example("socsam/organ.yaml")),
    );
    let source = support::read(&support::example(SOCSAM));
    let adjustment =
        "\njustering:\n  datum: 2021-02-26\n  plats: Via webben, Teams\n  sätt: muntligen\n";
    assert!(
        source.contains(adjustment),
        "the example's justering block changed; update this test"
    );
    let draft = organ.join("2021/2021-02-26.yaml");
    support::write(&draft, &source.replace(adjustment, "\n"));
    draft
}

#[test]
fn draft_says_utkast_on_every_page_and_adjusted_protocol_does_not() {
    let dir = tempfile::tempdir().expect("temp dir");
    let draft = support::build(
        &write_socsam_draft(dir.path()),
        &dir.path().join("out"),
        &[],
    );
    let (_out, adjusted) = build_example(SOCSAM);

    // Raw mode: the watermark is rotated, and the other modes drop rotated text.
    let draft_pages = support::page_texts(&draft, Extract::Raw);
    assert!(draft_pages.len() >= 4);
    for (index, page) in draft_pages.iter().enumerate() {
        assert!(
            page.contains("UTKAST"),
            "draft page {} has no UTKAST:\n{page}",
            index + 1
        );
    }
    for (index, page) in support::page_texts(&adjusted, Extract::Raw)
        .iter()
        .enumerate()
    {
        assert!(
            !page.contains("UTKAST"),
            "the adjusted protocol says UTKAST on page {}:\n{page}",
            index + 1
        );
    }
}

#[test]
fn socialnamnden_numbers_its_only_paragraph_63() {
    let meeting = read_meeting(&support::example(SOCIALNAMNDEN));
    assert_eq!(meeting.paragrafer.len(), 1);
    let title = &meeting.paragrafer[0].rubrik;
    let (_out, pdf) = build_example(SOCIALNAMNDEN);
    let pages = support::page_texts(&pdf, Extract::Layout);
    // The organ's paragrafprefix, as seed 003 prints it.
    let start = format!("Sn {}", heading_start(63, title));

    let headings: Vec<String> = pages
        .iter()
        .flat_map(|p| p.lines())
        .map(str::trim_start)
        .filter(|l| l.starts_with("Sn § ") || l.starts_with("§ "))
        .map(str::to_owned)
        .collect();
    // Once in the ärendelista, once as the § heading; never any other number.
    assert_eq!(
        headings.iter().filter(|l| l.starts_with(&start)).count(),
        2,
        "expected {start:?}… in the ärendelista and as heading: {headings:?}"
    );
    assert!(
        headings.iter().all(|l| l.starts_with("Sn § 63 ")),
        "a § line not numbered 63: {headings:?}"
    );
    let all = support::squash(&pages.concat());
    // Page 1 names the § as the organ numbers it, as the anslagsbevis does.
    assert!(all.contains("Underskrifter Sn § 63"), "{all}");
    assert!(
        PdfText::of(&pdf).contains(&format!("Sn § 63 {title}")),
        "the full heading Sn § 63 {title} is missing"
    );
}
