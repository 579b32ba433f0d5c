//! The documents besides the protocol, made from the same meeting files:
//! kallelse, protokollsutdrag, anslagsbevis, and what `build` makes of a
//! meeting at each stage of its life (planned, held, justerat, posted).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::protocol::{SOCIALNAMNDEN, SOCSAM};
use crate::support::{self, PdfText};

/// The bundled delegationsbeslut (seed 000).
pub const DELEGATION: &str =
    "regionala-utvecklingsnamnden/delegationsbeslut/2019/2019-12-19-RUN-574-2019.yaml";

/// Runs `protokoll <command> <args…> --out OUT` and returns what it did.
fn run_command(command: &str, args: &[&OsStr], out: &Path) -> std::process::Output {
    let mut all: Vec<&OsStr> = vec![OsStr::new(command)];
    all.extend(args);
    all.extend([OsStr::new("--out"), out.as_os_str()]);
    support::run(&all, None)
}

/// The PDFs below `out`, by file name.
fn pdf_names(out: &Path) -> Vec<String> {
    support::pdfs_below(out)
        .into_iter()
        .map(|p| p.file_name().expect("named").to_string_lossy().into_owned())
        .collect()
}

/// A meeting of SocSam being planned: no beslutande, justering or beslut yet,
/// written under `root/meetings/socsam/` with an organ roster. Real rubriker
/// and förslag from seed 001.
pub fn write_planned_meeting(root: &Path) -> PathBuf {
    let organ = root.join("meetings/socsam");
    let roster = "\nledamöter:\n  - namn: Lise Hjemgaard Svensson\n    parti: M\n    organisation: Östersunds kommun\n  - namn: Karin Näsmark\n    parti: S\n    organisation: Krokoms kommun\nersättare:\n  - namn: Anton Waara\n    parti: S\n    organisation: Östersunds kommun\n";
    support::write(
        &organ.join("organ.yaml"),
        &(support::read(&support::example("socsam/organ.yaml")) + roster),
    );
    let meeting = organ.join("2021/2021-04-16.yaml");
    support::write(
        &meeting,
        "datum: 2021-04-16\ntid: \"09:00–12:00\"\nplats: Via webben, Teams\n\
         första_paragraf: 16\nordförande: Lise Hjemgaard Svensson\nsekreterare: Elin Ring\n\
         paragrafer:\n\
         \x20 - rubrik: Val av justerare\n\
         \x20 - rubrik: Avtal Familjehemscentrum\n\
         \x20   diarienummer: RUN/574/2019\n\
         \x20   föredragande: politisk referensgrupp Familjehemscentrum\n\
         \x20   beslutsunderlag: [Tjänsteskrivelse 2021-02-10]\n\
         \x20   förslag_till_beslut: |\n\
         \x20     SocSam godkänner den politiska referensgruppens förslag, 25% av #skolDigiplan.\n",
    );
    meeting
}

#[test]
fn kallelse_lists_the_agenda_numbered_without_paragraph_signs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let meeting = write_planned_meeting(dir.path());
    let output = run_command("kallelse", &[meeting.as_os_str()], &out);
    assert!(output.status.success(), "{}", support::describe(&output));
    let pdf = out.join("socsam/2021/2021-04-16-kallelse.pdf");
    let text = PdfText::of(&pdf);
    support::assert_contains_all(
        &text,
        "kallelse",
        &[
            "KALLELSE",
            "Kallelse till sammanträde",
            "Fredag den 16 april 2021 kl. 09:00–12:00",
            "Via webben, Teams",
            "Föredragningslista",
            "1. Val av justerare",
            "2. Avtal Familjehemscentrum",
            "Dnr RUN/574/2019",
            "Föredragande: politisk referensgrupp Familjehemscentrum",
            "Tjänsteskrivelse 2021-02-10",
            "Förslag till beslut",
            "SocSam godkänner den politiska referensgruppens förslag, 25% av #skolDigiplan.",
            // The organ's rosters are the recipients.
            "Lise Hjemgaard Svensson (M)",
            "Karin Näsmark (S)",
            "Anton Waara (S)",
            "Ersättare",
        ],
    );
    // Numbered items, not §§: the numbers are given at the meeting.
    assert!(!text.contains("§ 16"), "{}", text.text);
    assert!(!text.contains("UTKAST"), "{}", text.text);
}

#[test]
fn build_of_a_planned_meeting_makes_only_its_kallelse() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let meeting = write_planned_meeting(dir.path());
    let output = run_command("build", &[meeting.as_os_str()], &out);
    assert!(output.status.success(), "{}", support::describe(&output));
    assert_eq!(pdf_names(&out), ["2021-04-16-kallelse.pdf"]);

    // `check` holds it to the plan's rules too: no "ordförande not among
    // beslutande" before anyone has attended.
    let checked = support::run([OsStr::new("check"), meeting.as_os_str()], None);
    assert!(checked.status.success(), "{}", support::describe(&checked));
}

#[test]
fn build_makes_every_document_that_applies() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let meeting = support::example(SOCIALNAMNDEN);
    let output = run_command("build", &[meeting.as_os_str(), OsStr::new("--web")], &out);
    assert!(output.status.success(), "{}", support::describe(&output));
    assert_eq!(
        pdf_names(&out),
        [
            "2017-09-27-anslagsbevis.pdf",
            "2017-09-27-protokoll-webb.pdf",
            "2017-09-27-protokoll.pdf",
            "2017-09-27-utdrag-63.pdf",
        ]
    );
    // No kallelse: a held meeting's file holds the minutes, and a kallelse
    // made from them would not be the one sent before the meeting.
    // SocSam's protocol is justerat but has no anslag and no utdrag_till.
    let out = dir.path().join("socsam");
    let output = run_command("build", &[support::example(SOCSAM).as_os_str()], &out);
    assert!(output.status.success(), "{}", support::describe(&output));
    assert_eq!(pdf_names(&out), ["2021-02-26-protokoll.pdf"]);
}

#[test]
fn utdrag_prints_the_paragraph_as_in_the_protocol_and_certifies_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let meeting = support::example(SOCIALNAMNDEN);
    let output = run_command(
        "utdrag",
        &[
            meeting.as_os_str(),
            OsStr::new("--paragraf"),
            OsStr::new("63"),
        ],
        &out,
    );
    assert!(output.status.success(), "{}", support::describe(&output));
    let pdf = out.join("socialnamnden/2017/2017-09-27-utdrag-63.pdf");
    let text = PdfText::of(&pdf);
    support::assert_contains_all(
        &text,
        "utdrag",
        &[
            "PROTOKOLLSUTDRAG",
            "Socialnämnden",
            "Utdrag ur protokoll",
            "Onsdag den 27 september 2017",
            "Sn § 63 Förslag om kommunal finansiering av regionala samverkans- och stödstrukturen för att stärka långsiktigheten",
            "Ljungbys bidrag skulle bli 289 600 kronor för 2018.",
            "Arbetsutskottets protokoll den 13 september 2017, § 83",
            "Socialnämnden antar föreliggande förslag till basfinansiering",
            "Utdrag till: Region Kronoberg, Socialchef, Ekonomichef socialförvaltningen",
            "Justering Söndag 1 oktober 2017. Justeras digitalt.",
            "Rätt utdraget intygar",
            "Lena Persson",
            "Justerandes sign",
            "Utdragsbestyrkande",
        ],
    );
}

#[test]
fn utdrag_of_a_draft_is_refused_unless_the_paragraph_was_adjusted_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let draft = crate::protocol::write_socsam_draft(&dir.path().join("draft"));
    let output = run_command(
        "utdrag",
        &[draft.as_os_str(), OsStr::new("--paragraf"), OsStr::new("6")],
        &out,
    );
    let stderr = support::refused_stderr(&output);
    assert!(
        stderr.contains("protokollet är inte justerat, så ett utdrag ur § 6 kan inte bestyrkas"),
        "{stderr}"
    );
    assert!(stderr.contains("omedelbar_justering: true"), "{stderr}");
    assert!(pdf_names(&out).is_empty(), "{:?}", pdf_names(&out));

    // The same § declared adjusted at once may be extracted from the draft.
    let source = support::read(&draft);
    let anchor = "  - rubrik: Avtal Familjehemscentrum\n";
    assert!(source.contains(anchor), "the example's § 6 changed");
    support::write(
        &draft,
        &source.replace(anchor, &format!("{anchor}    omedelbar_justering: true\n")),
    );
    let output = run_command(
        "utdrag",
        &[draft.as_os_str(), OsStr::new("--paragraf"), OsStr::new("6")],
        &out,
    );
    assert!(output.status.success(), "{}", support::describe(&output));
    let text = PdfText::of(&out.join("socsam/2021/2021-02-26-utdrag-6.pdf"));
    assert!(
        text.contains("Paragrafen förklarades omedelbart justerad 2021-02-26"),
        "{}",
        text.text
    );
    assert!(text.contains("Rätt utdraget intygar"), "{}", text.text);
}

#[test]
fn utdrag_of_a_paragraph_not_in_the_meeting_names_its_range() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let output = run_command(
        "utdrag",
        &[
            support::example(SOCIALNAMNDEN).as_os_str(),
            OsStr::new("--paragraf"),
            OsStr::new("64"),
        ],
        &out,
    );
    let stderr = support::refused_stderr(&output);
    assert!(
        stderr.contains("§ 64 finns inte i det här mötet, som har § 63"),
        "{stderr}"
    );
}

#[test]
fn anslagsbevis_gives_the_posting_and_appeal_dates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let output = run_command(
        "anslag",
        &[support::example(SOCIALNAMNDEN).as_os_str()],
        &out,
    );
    assert!(output.status.success(), "{}", support::describe(&output));
    let text = PdfText::of(&out.join("socialnamnden/2017/2017-09-27-anslagsbevis.pdf"));
    // Posted Monday 2017-10-02; three weeks later is Monday 2017-10-23, a
    // working day, so it is the last day; the notice comes down the day after.
    support::assert_contains_all(
        &text,
        "anslagsbevis",
        &[
            "ANSLAGSBEVIS",
            "Protokollet är justerat. Justeringen har tillkännagivits genom anslag",
            "Organ Socialnämnden",
            "Sammanträdesdatum 2017-09-27",
            "Paragraf Sn § 63",
            "Datum då anslaget sätts upp 2017-10-02",
            "Sista dag för överklagande 2017-10-23",
            "Datum då anslaget tas ned 2017-10-24",
            "Förvaringsplats för protokollet Socialförvaltningen, Ljungby kommun",
            "senast 2017-10-23",
        ],
    );
}

#[test]
fn anslagsbevis_before_the_anslag_is_up_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let output = run_command("anslag", &[support::example(SOCSAM).as_os_str()], &out);
    let stderr = support::refused_stderr(&output);
    assert!(stderr.contains("anslaget är inte uppsatt än"), "{stderr}");
    assert!(pdf_names(&out).is_empty());
}

#[test]
fn delegationsbeslut_prints_the_decision_as_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let output = run_command("build", &[support::example(DELEGATION).as_os_str()], &out);
    assert!(output.status.success(), "{}", support::describe(&output));
    assert_eq!(pdf_names(&out), ["2019-12-19-RUN-574-2019.pdf"]);
    let pdf =
        out.join("regionala-utvecklingsnamnden/delegationsbeslut/2019/2019-12-19-RUN-574-2019.pdf");
    let text = PdfText::of(&pdf);
    // The seed's own text: an e-mail address, an emphasised rule, amounts.
    support::assert_contains_all(
        &text,
        "delegationsbeslut",
        &[
            "DELEGATIONSBESLUT",
            "Regional utveckling",
            "Arne Nilsson",
            "Tfn: 063-14 75 00",
            "E-post: arne.nilsson@regionjh.se",
            "Dnr RUN/574/2019",
            "Fördelning av kvarvarande medel för strategisk utveckling inom social välfärd",
            "Ärendebeskrivning",
            "Sociala samrådsgruppen (SocSam) har vid sitt sammanträde den 6 december, § 61,",
            "Protokoll Sociala samrådsgruppen (SocSam) 2019-12-06",
            "Delegationsbestämmelse och delegation",
            "punkt 4.4 Beslut om fördelning av riktade statsbidrag",
            "1. Kvarvarande medel inom projekt 4513",
            "totalt 283 334 kronor",
            "3. Användning av medlen ska årligen redovisas till Sociala samrådsgruppen (SocSam).",
            "Anders Byström",
            "Regional utvecklingsdirektör",
            "Beslutet anmäls till regionala utvecklingsnämnden.",
            "Områdeschef Valfärd, klimat och kompetens",
        ],
    );
    assert!(
        !text.contains("*Beslut om"),
        "emphasis printed as asterisks"
    );
}

#[test]
fn the_anmalan_paragraph_lists_the_delegationsbeslut_reported_at_the_meeting() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let meeting = support::example("regionala-utvecklingsnamnden/2020/2020-02-13.yaml");
    let pdf = support::build(&meeting, &out, &[]);
    let text = PdfText::of(&pdf);
    support::assert_contains_all(
        &text,
        "§ 2",
        &[
            "§ 2 Anmälan av delegationsbeslut",
            "Anmälda delegationsbeslut",
            "2019-12-19",
            "RUN/574/2019",
            "Fördelning av kvarvarande medel för strategisk utveckling inom social välfärd",
            "Anders Byström, Regional utvecklingsdirektör",
        ],
    );

    // Reported at a later meeting instead: § 2 has nothing to list, and says so.
    let copy = dir
        .path()
        .join("copy/meetings/regionala-utvecklingsnamnden");
    support::copy_dir(&support::example("regionala-utvecklingsnamnden"), &copy);
    let decision = copy.join("delegationsbeslut/2019/2019-12-19-RUN-574-2019.yaml");
    support::write(
        &decision,
        &(support::read(&decision) + "anmäls_vid: 2020-03-12\n"),
    );
    let output = run_command(
        "build",
        &[copy.join("2020/2020-02-13.yaml").as_os_str()],
        &dir.path().join("later"),
    );
    assert!(output.status.success(), "{}", support::describe(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr
            .contains("§ 2 är en anmälan av delegationsbeslut, men inga delegationsbeslut anmäls"),
        "{stderr}"
    );
    let checked = support::run([OsStr::new("check"), decision.as_os_str()], None);
    let stderr = String::from_utf8_lossy(&checked.stderr);
    assert!(
        stderr.contains("organet har inget sammanträde den 2020-03-12 (`anmäls_vid`)"),
        "{stderr}"
    );
}

#[test]
fn a_broken_delegationsbeslut_stops_the_meeting_that_would_list_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let organ = dir.path().join("meetings/regionala-utvecklingsnamnden");
    support::copy_dir(&support::example("regionala-utvecklingsnamnden"), &organ);
    let decision = organ.join("delegationsbeslut/2019/2019-12-19-RUN-574-2019.yaml");
    let source = support::read(&decision);
    assert!(source.contains("\nbeslutsfattare:"), "the example changed");
    support::write(
        &decision,
        &source.replace("\nbeslutsfattare:", "\nbeslutfattare:"),
    );
    let out = dir.path().join("out");
    let output = run_command("build", &[organ.as_os_str()], &out);
    let stderr = support::refused_stderr(&output);
    // The decision's own error, at its line, with the fix.
    let line = source
        .lines()
        .position(|l| l.starts_with("beslutsfattare:"))
        .expect("the key's line")
        + 1;
    assert!(
        stderr.contains(&format!("2019-12-19-RUN-574-2019.yaml:{line}:1")),
        "{stderr}"
    );
    assert!(stderr.contains("menade du `beslutsfattare`"), "{stderr}");
    // The meeting whose § 2 lists it is not built either: its protocol would
    // lack the decision (and could overwrite one that has it).
    assert!(
        stderr.contains("§ 2 kan inte lista delegationsbeslutet"),
        "{stderr}"
    );
    assert!(stderr.contains("2 av 2 filer byggdes inte"), "{stderr}");
    assert!(pdf_names(&out).is_empty(), "{:?}", pdf_names(&out));
}
