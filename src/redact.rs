//! The web version (`build --web`): the meeting as it may be published.
//! Personnummer and the meeting's `maskera` strings become [`MASKED`], and a
//! § with `sekretess` keeps only its number, rubrik, diarienummer and ground.
//!
//! Masking happens here, on the model, before anything is rendered: every
//! later stage (the Typst source, the PDF's text, metadata, outline and tags)
//! is made from the masked values alone, so no stage can let the original
//! text through by printing a field in a new place.
//!
//! Every struct is taken apart and rebuilt field by field without `..`, so
//! that a field added to the model later does not compile here until someone
//! decides whether the web version may print it; a `clone()` with a few
//! fields overwritten would publish the new field unmasked without a word.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::{Regex, RegexBuilder};

use crate::model::{
    Adjustment, Attachment, CaseOfficer, Confidentiality, Conflict, Correction, Court,
    DecisionMaker, DelegationDecision, Dissent, Meeting, MinuteNote, Motion, NoticeSent,
    NumberedMeeting, Organ, Paragraph, Person, Posting, Proclamation, RoleHolder, RoleHolders,
    Spanned, Vote,
};

/// The replacement printed for every masked string.
pub const MASKED: &str = "[maskerat]";

/// Candidates for a personnummer: ÅÅMMDD-NNNN, ÅÅMMDD+NNNN (the `+` of
/// someone over 100), ÅÅÅÅMMDD-NNNN, and ÅÅÅÅMMDDNNNN without separator.
/// The word boundaries keep the digits of a longer number (an amount, an
/// account, `RUN/574/2019`) out; [`is_birth_date`] then sorts out the
/// candidates whose date part is no date. The ten digits without separator
/// are left alone: that is also how phone numbers (0701234567) are written.
static PERSONNUMMER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:[0-9]{6}(?:[0-9]{2})?[-+][0-9]{4}|[0-9]{12})\b")
        .expect("a constant pattern that every test compiles")
});

/// Finds what the web version must not print: personnummer (samordningsnummer
/// included) and the meeting's `maskera` strings.
///
/// A `maskera` string matches case-insensitively, with any run of whitespace
/// between its words (a line break in a YAML block scalar or a Markdown soft
/// break) and also inside a longer word, so that the genitive "Anna
/// Anderssons" is masked too. A string split by Markdown emphasis
/// (`Anna *Andersson*`) is not found: the secretary must list what is printed.
#[derive(Debug, Clone)]
pub struct Masker {
    strings: Strings,
}

#[derive(Debug, Clone)]
enum Strings {
    None,
    Pattern(Regex),
    /// The list compiles to more than the regex size limit allows: absurdly
    /// long, but rather than panic or publish it, every text is masked whole.
    TooLarge,
}

impl Masker {
    /// A masker for the meeting's `maskera` list; empty entries are ignored.
    pub fn new(mask: &[String]) -> Masker {
        let mut entries: Vec<Vec<&str>> = mask
            .iter()
            .map(|entry| entry.split_whitespace().collect::<Vec<_>>())
            .filter(|words| !words.is_empty())
            .collect();
        // The alternation takes the first alternative that matches at a
        // position: longest first, so "Anna Andersson" is masked whole and
        // not as "Anna" followed by a visible "Andersson". Equal lengths in
        // text order, so that a repeated entry is dropped.
        let length = |words: &[&str]| words.iter().map(|w| w.chars().count()).sum::<usize>();
        entries.sort_by(|a, b| length(b).cmp(&length(a)).then_with(|| a.cmp(b)));
        entries.dedup();
        if entries.is_empty() {
            return Masker {
                strings: Strings::None,
            };
        }
        let pattern = entries
            .iter()
            .map(|words| {
                words
                    .iter()
                    .map(|word| regex::escape(word))
                    .collect::<Vec<_>>()
                    .join(r"\s+")
            })
            .collect::<Vec<_>>()
            .join("|");
        let strings = match RegexBuilder::new(&pattern).case_insensitive(true).build() {
            Ok(regex) => Strings::Pattern(regex),
            Err(_) => Strings::TooLarge,
        };
        Masker { strings }
    }

    /// `text` with every personnummer and `maskera` string replaced by
    /// [`MASKED`]; borrowed when there is nothing to mask.
    pub fn mask<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut found: Vec<Range<usize>> = match &self.strings {
            Strings::None => Vec::new(),
            Strings::Pattern(regex) => regex.find_iter(text).map(|m| m.range()).collect(),
            Strings::TooLarge if text.trim().is_empty() => Vec::new(),
            Strings::TooLarge => return Cow::Owned(MASKED.to_owned()),
        };
        found.extend(
            PERSONNUMMER
                .find_iter(text)
                .filter(|m| is_personnummer(m.as_str()))
                .map(|m| m.range()),
        );
        if found.is_empty() {
            return Cow::Borrowed(text);
        }
        // Both searches run on the original text and their finds are merged,
        // so neither can hide a part of the other's find (a `maskera` string
        // that contains a personnummer, or overlaps one, goes whole).
        found.sort_by_key(|range| range.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(found.len());
        for range in found {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        let mut masked = String::with_capacity(text.len());
        let mut written = 0;
        for range in merged {
            masked.push_str(text.get(written..range.start).unwrap_or_default());
            masked.push_str(MASKED);
            written = range.end;
        }
        masked.push_str(text.get(written..).unwrap_or_default());
        Cow::Owned(masked)
    }

    fn text(&self, text: &str) -> String {
        self.mask(text).into_owned()
    }

    fn optional(&self, text: &Option<String>) -> Option<String> {
        text.as_deref().map(|t| self.text(t))
    }

    fn all(&self, texts: &[String]) -> Vec<String> {
        texts.iter().map(|t| self.text(t)).collect()
    }

    fn spanned(&self, text: &Spanned<String>) -> Spanned<String> {
        Spanned::new(self.text(&text.value), text.referenced, text.defined)
    }

    fn all_spanned(&self, texts: &[Spanned<String>]) -> Vec<Spanned<String>> {
        texts.iter().map(|t| self.spanned(t)).collect()
    }

    fn holder(&self, holder: &RoleHolder) -> RoleHolder {
        RoleHolder {
            name: self.text(&holder.name),
            paragraphs: holder.paragraphs.clone(),
        }
    }
}

/// A matched candidate of [`PERSONNUMMER`] whose date part is a birth date.
fn is_personnummer(candidate: &str) -> bool {
    let date = match candidate.find(['-', '+']) {
        Some(separator) => candidate.get(..separator),
        None => candidate.get(..8),
    };
    date.is_some_and(is_birth_date)
}

/// Whether ÅÅMMDD or ÅÅÅÅMMDD is a date. A samordningsnummer (for someone
/// not registered in Sweden) writes the day plus 60, so days 61–91 count.
/// The check spares organisationsnummer (NNNNNN-NNNN with a "month" of 20 or
/// more), which are public and common in a protocol's avtal.
fn is_birth_date(digits: &str) -> bool {
    let number = |range: Range<usize>| digits.get(range).and_then(|d| d.parse::<u32>().ok());
    let (year, rest) = match digits.len() {
        // The century is not written: a leap year admits every 29 February.
        6 => (Some(2000), 2),
        8 => (number(0..4).filter(|y| (1800..2100).contains(y)), 4),
        _ => return false,
    };
    let (Some(year), Some(month), Some(day)) =
        (year, number(rest..rest + 2), number(rest + 2..rest + 4))
    else {
        return false;
    };
    let day = if day > 60 { day - 60 } else { day };
    i32::try_from(year).is_ok_and(|year| NaiveDate::from_ymd_opt(year, month, day).is_some())
}

/// What the web version is made from: the organ, the meeting and the
/// delegationsbeslut it reports, as they may be published.
#[derive(Debug, Clone)]
pub struct WebEdition {
    /// The organ, masked (its names reach the PDF's metadata and page headers).
    pub organ: Organ,
    /// The meeting, masked, confidential §§ without content.
    pub meeting: NumberedMeeting,
    /// The delegationsbeslut listed in a public §, masked; none when the §
    /// that lists them is confidential (the list is then its content).
    pub delegations: Vec<DelegationDecision>,
}

/// The organ, the meeting and its reported `delegations` as published on
/// the web: every string masked with the meeting's `maskera` list and
/// personnummer, each confidential §'s content removed, and the `maskera`
/// list itself emptied. One masker serves all three.
///
/// Run it after validation: masked names no longer tell people apart.
pub fn for_web(
    organ: &Organ,
    numbered: &NumberedMeeting,
    delegations: &[DelegationDecision],
) -> WebEdition {
    let NumberedMeeting { meeting, first } = numbered;
    let masker = Masker::new(&meeting.mask);
    let listed_in_public = meeting
        .paragraphs
        .iter()
        .any(|p| p.delegation_report && p.confidentiality == Confidentiality::Public);
    WebEdition {
        organ: organ_for_web(organ, &masker),
        meeting: NumberedMeeting {
            meeting: meeting_for_web(meeting, &masker),
            first: *first,
        },
        delegations: if listed_in_public {
            delegations
                .iter()
                .map(|decision| delegation_for_web(decision, &masker))
                .collect()
        } else {
            Vec::new()
        },
    }
}

fn delegation_for_web(decision: &DelegationDecision, masker: &Masker) -> DelegationDecision {
    let DelegationDecision {
        date,
        case_number,
        title,
        unit,
        case_officer,
        description,
        documents,
        delegation,
        decisions,
        decision_maker,
        reported_to,
        reported_at,
        extract_to,
    } = decision;
    let DecisionMaker {
        name,
        title: maker_title,
    } = decision_maker;
    DelegationDecision {
        date: date.clone(),
        // The Dnr is public in Swedish practice, as in a § below.
        case_number: masker.spanned(case_number),
        title: masker.spanned(title),
        unit: masker.optional(unit),
        case_officer: case_officer.as_ref().map(|officer| {
            let CaseOfficer { name, phone, email } = officer;
            CaseOfficer {
                name: masker.spanned(name),
                phone: masker.optional(phone),
                email: masker.optional(email),
            }
        }),
        description: masker.optional(description),
        documents: masker.all(documents),
        delegation: masker.spanned(delegation),
        decisions: masker.all(decisions),
        decision_maker: DecisionMaker {
            name: masker.spanned(name),
            title: masker.optional(maker_title),
        },
        reported_to: masker.spanned(reported_to),
        reported_at: reported_at.clone(),
        extract_to: masker.all(extract_to),
    }
}

fn organ_for_web(organ: &Organ, masker: &Masker) -> Organ {
    let Organ {
        name,
        short_name,
        principal,
        decision_heading,
        storage_place,
        logo,
        seat_count,
        members,
        substitutes,
        paragraph_prefix,
        decision_first,
        page_per_paragraph,
        signature_fields,
        court,
    } = organ;
    Organ {
        name: masker.text(name),
        short_name: masker.optional(short_name),
        principal: masker.optional(principal),
        decision_heading: masker.optional(decision_heading),
        storage_place: masker.optional(storage_place),
        // A path the compiler reads the logo from, never printed: masking
        // it would only lose the logo.
        logo: logo.clone(),
        seat_count: *seat_count,
        members: people(members, masker),
        substitutes: people(substitutes, masker),
        paragraph_prefix: masker.optional(paragraph_prefix),
        decision_first: *decision_first,
        page_per_paragraph: *page_per_paragraph,
        signature_fields: *signature_fields,
        court: court.as_ref().map(|c| {
            let Court {
                name,
                address,
                email,
            } = c;
            Court {
                name: masker.text(name),
                address: masker.optional(address),
                email: masker.optional(email),
            }
        }),
    }
}

fn meeting_for_web(meeting: &Meeting, masker: &Masker) -> Meeting {
    let Meeting {
        date,
        time,
        adjournments,
        place,
        first_paragraph,
        voting,
        substitutes,
        officials,
        others,
        absent,
        chair,
        secretary,
        adjusters,
        adjustment,
        posting,
        proclamation,
        notice,
        mask: _,
        corrections,
        paragraphs,
    } = meeting;
    Meeting {
        date: date.clone(),
        time: time.clone(),
        adjournments: adjournments.clone(),
        place: masker.text(place),
        first_paragraph: first_paragraph.clone(),
        voting: people(voting, masker),
        substitutes: people(substitutes, masker),
        officials: people(officials, masker),
        others: people(others, masker),
        absent: people(absent, masker),
        chair: Spanned::new(
            RoleHolders(chair.value.0.iter().map(|h| masker.holder(h)).collect()),
            chair.referenced,
            chair.defined,
        ),
        secretary: masker.spanned(secretary),
        adjusters: adjusters
            .iter()
            .map(|a| Spanned::new(masker.holder(&a.value), a.referenced, a.defined))
            .collect(),
        adjustment: adjustment.as_ref().map(|a| {
            let Adjustment {
                date,
                place,
                manner,
                time,
            } = a;
            Adjustment {
                date: date.clone(),
                place: masker.optional(place),
                manner: *manner,
                time: time.clone(),
            }
        }),
        posting: posting.as_ref().map(|p| {
            let Posting { posted, note } = p;
            Posting {
                posted: posted.clone(),
                note: note.as_ref().map(|n| masker.spanned(n)),
            }
        }),
        proclamation: proclamation.as_ref().map(|p| {
            let Proclamation { posted } = p;
            Proclamation {
                posted: posted.clone(),
            }
        }),
        notice: notice.as_ref().map(|n| {
            let NoticeSent { sent } = n;
            NoticeSent { sent: sent.clone() }
        }),
        // The list is itself the secret; nothing after this stage needs it.
        mask: Vec::new(),
        corrections: corrections
            .iter()
            .map(|c| {
                let Correction { date, text } = c;
                Correction {
                    date: date.clone(),
                    text: masker.text(text),
                }
            })
            .collect(),
        paragraphs: paragraphs
            .iter()
            .map(|p| paragraph_for_web(p, masker))
            .collect(),
    }
}

fn people(people: &[Person], masker: &Masker) -> Vec<Person> {
    people
        .iter()
        .map(|person| {
            let Person {
                name,
                party,
                organisation,
                assignment,
                replaces,
                paragraphs,
            } = person;
            Person {
                name: masker.spanned(name),
                party: masker.optional(party),
                organisation: masker.optional(organisation),
                assignment: masker.optional(assignment),
                replaces: replaces.as_ref().map(|r| masker.spanned(r)),
                paragraphs: paragraphs.clone(),
            }
        })
        .collect()
}

fn paragraph_for_web(paragraph: &Paragraph, masker: &Masker) -> Paragraph {
    let Paragraph {
        title,
        case_number,
        presenter,
        text,
        documents,
        proposal,
        motions,
        vote,
        decisions,
        dissents,
        notes,
        conflicts,
        adjusted_immediately,
        confidentiality,
        extract_to,
        attachments,
        delegation_report,
    } = paragraph;
    let confidentiality = match confidentiality {
        Confidentiality::Public => Confidentiality::Public,
        Confidentiality::Confidential => Confidentiality::Confidential,
        Confidentiality::Ground(ground) => Confidentiality::Ground(masker.text(ground)),
    };
    if confidentiality != Confidentiality::Public {
        return Paragraph {
            title: masker.spanned(title),
            // The Dnr stays: in Swedish practice the diarium is public even
            // when the documents it lists are not.
            case_number: masker.optional(case_number),
            // Who presented a confidential matter, who moved, voted, dissented
            // or was disqualified, and who gets an extract can all tell what
            // the matter is about: all of it is content.
            presenter: None,
            text: None,
            documents: Vec::new(),
            proposal: None,
            motions: Vec::new(),
            vote: None,
            decisions: Vec::new(),
            dissents: Vec::new(),
            notes: Vec::new(),
            conflicts: Vec::new(),
            adjusted_immediately: *adjusted_immediately,
            confidentiality,
            extract_to: Vec::new(),
            attachments: Vec::new(),
            // The list of delegationsbeslut would be this §'s content.
            delegation_report: false,
        };
    }
    Paragraph {
        title: masker.spanned(title),
        case_number: masker.optional(case_number),
        presenter: masker.optional(presenter),
        text: masker.optional(text),
        documents: masker.all(documents),
        proposal: masker.optional(proposal),
        motions: motions
            .iter()
            .map(|m| {
                let Motion { by, motion } = m;
                Motion {
                    by: masker.text(by),
                    motion: masker.text(motion),
                }
            })
            .collect(),
        vote: vote.as_ref().map(|v| {
            let Vote {
                proposition,
                yes,
                no,
                abstain,
            } = v;
            Vote {
                proposition: masker.optional(proposition),
                yes: masker.all_spanned(yes),
                no: masker.all_spanned(no),
                abstain: masker.all_spanned(abstain),
            }
        }),
        decisions: masker.all(decisions),
        dissents: dissents
            .iter()
            .map(|d| {
                let Dissent { name, reason } = d;
                Dissent {
                    name: masker.spanned(name),
                    reason: masker.optional(reason),
                }
            })
            .collect(),
        notes: notes
            .iter()
            .map(|n| {
                let MinuteNote { name, text } = n;
                MinuteNote {
                    name: masker.spanned(name),
                    text: masker.text(text),
                }
            })
            .collect(),
        conflicts: conflicts
            .iter()
            .map(|c| {
                let Conflict { name } = c;
                Conflict {
                    name: masker.spanned(name),
                }
            })
            .collect(),
        adjusted_immediately: *adjusted_immediately,
        confidentiality,
        extract_to: masker.all(extract_to),
        attachments: attachments
            .iter()
            .map(|a| {
                let Attachment { title, file: _ } = a;
                Attachment {
                    title: masker.text(title),
                    // A PDF bilaga is appended as pictures of its pages,
                    // whose text cannot be masked: the web version lists
                    // the bilaga by its title and appends nothing.
                    file: None,
                }
            })
            .collect(),
        delegation_report: *delegation_report,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    const SECRET: &str = "Anna Andersson";

    /// A meeting where the person to mask, Anna Andersson, and her
    /// personnummer turn up in every kind of field, among public text that
    /// must stay as it is.
    const MEETING: &str = r#"datum: 2021-02-26
tid: "09:00–12:00"
plats: Hos Anna Andersson, Storgatan 1
beslutande:
  - namn: Karin Näsmark
    parti: S
    organisation: Östersunds kommun
  - namn: Anna Andersson
    parti: C
    organisation: Bräcke kommun
    uppdrag: Ledamot
    ersätter: Johan Loock
  - namn: Anton Waara
    parti: S
tjänstepersoner:
  - namn: Elin Ring
    organisation: Regional utv.
frånvarande:
  - namn: Johan Loock
    organisation: Anna Anderssons arbetsgivare
ordförande: Karin Näsmark
sekreterare: Elin Ring
justerare: [Anna Andersson]
justering:
  datum: 2021-03-03
  plats: Hemma hos Anna Andersson
maskera: [Anna Andersson, "  ", ""]
paragrafer:
  - rubrik: Anna Anderssons ansökan om bidrag
    diarienummer: RUN/574/2019
    föredragande: Anna Andersson
    text: |
      Ansökan från anna
        Andersson (850312-1234) gäller 283 334 kronor.
      Frågor: arne.nilsson@regionjh.se eller 063-14 75 00.
    beslutsunderlag:
      - Ansökan från ANNA ANDERSSON 2021-02-10
    förslag_till_beslut: Bevilja Anna Andersson bidraget.
    yrkanden:
      - av: Anna Andersson (C)
        yrkande: bifall till förslaget
    omröstning:
      proposition: Ja för Anna Anderssons förslag
      ja: [Anna Andersson, Anton Waara]
      nej: [Karin Näsmark]
    beslut:
      - Bidrag beviljas till 19850312-1234.
    reservationer:
      - namn: Karin Näsmark
        motivering: mot Anna Anderssons yrkande
      - namn: Anna Andersson
    protokollsanteckningar:
      - namn: Anna Andersson
        text: Samordningsnummer 850372+1234.
    jäv:
      - namn: Anna Andersson
    utdrag_till: [Anna Andersson, Sökanden 198503121234]
    bilagor:
      - titel: Ansökan Anna Andersson
        fil: bilagor/ansokan.pdf
  - rubrik: Ärende om enskild
    diarienummer: RUN/12/2021
    föredragande: Elin Ring
    sekretess: 26 kap. 1 § OSL
    text: Barnet till Karin Näsmark behöver stöd.
    beslut:
      - Stöd beviljas enligt förslag.
    utdrag_till: [Socialtjänsten]
    bilagor:
      - titel: Utredning
  - rubrik: Anmälan av delegationsbeslut
    sekretess: true
    delegationsbeslut: true
"#;

    fn web() -> NumberedMeeting {
        let meeting =
            crate::parse::parse_meeting(Path::new("t.yaml"), MEETING).expect("the test meeting");
        let organ = crate::parse::parse_organ(
            Path::new("organ.yaml"),
            "namn: Sociala samrådsgruppen\nhuvudman: Region Jämtland Härjedalen\n",
        )
        .expect("the test organ");
        for_web(&organ, &crate::number::number(meeting, &[]), &[]).meeting
    }

    fn masked(text: &str) -> String {
        Masker::new(&[]).mask(text).into_owned()
    }

    #[test]
    fn personnummer_are_masked_in_every_written_form() {
        assert_eq!(masked("pnr 850312-1234."), "pnr [maskerat].");
        assert_eq!(masked("(850312+1234)"), "([maskerat])");
        assert_eq!(masked("19850312-1234"), MASKED);
        assert_eq!(masked("född 198503121234"), "född [maskerat]");
        assert_eq!(masked("29 feb: 000229-1234"), "29 feb: [maskerat]");
    }

    #[test]
    fn samordningsnummer_are_masked() {
        // Born the 12th: the day is written 72.
        assert_eq!(masked("850372-1234"), MASKED);
        assert_eq!(
            masked("19850391-1234 och 198503721234"),
            "[maskerat] och [maskerat]"
        );
    }

    #[test]
    fn numbers_that_are_no_personnummer_stay() {
        for text in [
            "RUN/574/2019",
            "283 334 kronor",
            "063-14 75 00",
            "arne.nilsson@regionjh.se",
            "2021-02-26",
            "Tjänsteskrivelse 2021-02-10",
            // An organisationsnummer: its "month" is 20 or more.
            "232100-0214",
            // No date in the first eight of twelve digits.
            "123456789012",
            // Inside longer runs of digits or letters.
            "1850312-1234",
            "850312-12345",
            "1198503121234",
            "x850312-1234",
            // Day 60 and day 92 are no day, with or without the 60.
            "850360-1234",
            "850392-1234",
            // Ten digits without separator: as a phone number is written.
            "0701231234",
        ] {
            assert_eq!(masked(text), text);
            assert!(matches!(Masker::new(&[]).mask(text), Cow::Borrowed(_)));
        }
    }

    #[test]
    fn maskera_strings_match_across_line_breaks_and_in_any_case() {
        let masker = Masker::new(&[SECRET.to_owned()]);
        assert_eq!(masker.mask("från anna\n  Andersson."), "från [maskerat].");
        assert_eq!(masker.mask("ANNA   ANDERSSON"), MASKED);
        assert_eq!(
            masker.mask("Anna Anderssons ansökan"),
            "[maskerat]s ansökan"
        );
        assert_eq!(masker.mask("Anna Berg"), "Anna Berg");
    }

    #[test]
    fn longer_maskera_strings_win_over_shorter_ones() {
        let masker = Masker::new(&["Anna".to_owned(), SECRET.to_owned(), "Andersson".to_owned()]);
        assert_eq!(
            masker.mask("Anna Andersson, Anna, Andersson"),
            "[maskerat], [maskerat], [maskerat]"
        );
    }

    #[test]
    fn maskera_strings_are_text_not_patterns() {
        let masker = Masker::new(&["A.B (S)".to_owned(), "  ".to_owned(), String::new()]);
        assert_eq!(masker.mask("AxB S"), "AxB S");
        assert_eq!(masker.mask("A.B (S) yrkar"), "[maskerat] yrkar");
        let blank = Masker::new(&["  ".to_owned(), String::new()]);
        assert!(matches!(blank.mask("  text  "), Cow::Borrowed("  text  ")));
    }

    #[test]
    fn a_personnummer_inside_a_maskera_string_goes_whole() {
        let masker = Masker::new(&["Anna 850312".to_owned()]);
        assert_eq!(masker.mask("Anna 850312-1234 kom"), "[maskerat] kom");
    }

    #[test]
    fn the_name_is_masked_in_attendance_votes_titles_and_dissents() {
        let web = web();
        let meeting = &web.meeting;
        assert_eq!(meeting.voting[1].name.value, MASKED);
        assert_eq!(meeting.voting[1].party.as_deref(), Some("C"));
        assert_eq!(meeting.voting[0].name.value, "Karin Näsmark");
        assert_eq!(meeting.adjusters[0].value.name, MASKED);
        let first = &meeting.paragraphs[0];
        assert_eq!(first.title.value, "[maskerat]s ansökan om bidrag");
        let vote = first.vote.as_ref().expect("the vote");
        assert_eq!(vote.yes[0].value, MASKED);
        assert_eq!(vote.yes[1].value, "Anton Waara");
        assert_eq!(
            first.dissents[0].reason.as_deref(),
            Some("mot [maskerat]s yrkande")
        );
        assert_eq!(first.dissents[1].name.value, MASKED);
        assert_eq!(first.case_number.as_deref(), Some("RUN/574/2019"));
        assert_eq!(
            first.text.as_deref(),
            Some(
                "Ansökan från [maskerat] ([maskerat]) gäller 283 334 kronor.\n\
                 Frågor: arne.nilsson@regionjh.se eller 063-14 75 00.\n"
            )
        );
        assert_eq!(first.decisions, ["Bidrag beviljas till [maskerat]."]);
        // Spans still point into the file as written.
        assert_eq!(first.title.referenced.line(), 29);
    }

    #[test]
    fn attachments_keep_their_title_but_no_file() {
        let web = web();
        let attachment = &web.meeting.paragraphs[0].attachments[0];
        assert_eq!(attachment.title, "Ansökan [maskerat]");
        assert!(attachment.file.is_none());
    }

    #[test]
    fn a_confidential_paragraph_keeps_its_title_case_number_and_ground_only() {
        let web = web();
        let secret = &web.meeting.paragraphs[1];
        assert_eq!(secret.title.value, "Ärende om enskild");
        assert_eq!(secret.case_number.as_deref(), Some("RUN/12/2021"));
        assert_eq!(
            secret.confidentiality,
            Confidentiality::Ground("26 kap. 1 § OSL".to_owned())
        );
        assert!(secret.text.is_none() && secret.presenter.is_none());
        assert!(secret.decisions.is_empty() && secret.extract_to.is_empty());
        assert!(secret.attachments.is_empty());
        assert_eq!(web.first.0, 1);
        assert_eq!(web.meeting.paragraphs.len(), 3);
    }

    #[test]
    fn delegations_of_a_confidential_paragraph_are_dropped() {
        let web = web();
        assert!(!web.meeting.paragraphs[2].delegation_report);
        let decision = crate::parse::parse_delegation(
            Path::new("d.yaml"),
            "datum: 2019-12-19\ndiarienummer: RUN/574/2019\n\
             rubrik: Bidrag till Anna Andersson\ndelegation: punkt 4.4\n\
             beslut: [Anna Andersson (850312-1234) får bidrag.]\n\
             beslutsfattare: {namn: Anders Byström}\nanmäls_till: nämnden\n",
        )
        .expect("the test decision");
        let meeting =
            crate::parse::parse_meeting(Path::new("t.yaml"), MEETING).expect("the test meeting");
        let numbered = crate::number::number(meeting, &[]);
        let organ = crate::parse::parse_organ(Path::new("organ.yaml"), "namn: Nämnden\n")
            .expect("the test organ");
        let web = for_web(&organ, &numbered, std::slice::from_ref(&decision));
        assert!(web.delegations.is_empty());

        let public = MEETING.replace("    sekretess: true\n", "");
        let meeting =
            crate::parse::parse_meeting(Path::new("t.yaml"), &public).expect("the test meeting");
        let numbered = crate::number::number(meeting, &[]);
        let web = for_web(&organ, &numbered, &[decision]).delegations;
        assert_eq!(web[0].title.value, "Bidrag till [maskerat]");
        assert_eq!(web[0].case_number.value, "RUN/574/2019");
        assert_eq!(web[0].decisions, ["[maskerat] ([maskerat]) får bidrag."]);
    }

    #[test]
    fn the_organ_is_masked_with_the_meetings_list() {
        let meeting =
            crate::parse::parse_meeting(Path::new("t.yaml"), MEETING).expect("the test meeting");
        let organ = crate::parse::parse_organ(
            Path::new("organ.yaml"),
            "namn: Anna Anderssons råd\nledamöter:\n  - namn: Anna Andersson\n",
        )
        .expect("the test organ");
        let organ = for_web(&organ, &crate::number::number(meeting, &[]), &[]).organ;
        assert_eq!(organ.name, "[maskerat]s råd");
        assert_eq!(organ.members[0].name.value, MASKED);
    }

    #[test]
    fn nothing_secret_is_left_anywhere_in_the_web_meeting() {
        let debug = format!("{:?}", web()).to_lowercase();
        for secret in ["andersson", "850312", "850372", "barnet", "ansokan.pdf"] {
            assert!(!debug.contains(secret), "{secret} in {debug}");
        }
        assert!(debug.contains("mask: []"));
        assert!(debug.contains("karin näsmark"));
    }
}
