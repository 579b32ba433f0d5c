//! What the templates see: plain data borrowed from the model, with dates,
//! names and § ranges already written the Swedish way. Markdown stays raw
//! here; templates pass it through the `markdown` filter.
//!
//! Every document of a meeting (protocol, web version, kallelse, utdrag,
//! anslagsbevis) gets the same [`DocumentContext`]: the templates pick what
//! they print, so a municipality's own template can print more.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::calendar;
use crate::document::MeetingDocument;
use crate::model::{
    Adjustment, AdjustmentManner, Confidentiality, DelegationDecision, Meeting, NumberedMeeting,
    Organ, Paragraph, ParagraphNumber, Person, RoleHolder,
};

/// The whole context of a meeting's document template, under `doc`.
#[derive(Debug, Serialize)]
pub struct DocumentContext<'a> {
    /// Document title for the PDF metadata.
    pub title: String,
    /// The web version: no signatures, confidential §§ without content.
    pub web: bool,
    /// The organ.
    pub organ: OrganContext<'a>,
    /// The meeting.
    pub meeting: MeetingContext<'a>,
    /// The §§.
    pub paragraphs: Vec<ParagraphContext<'a>>,
    /// PDF bilagor, appended page by page after the last §.
    pub appendices: Vec<AppendixContext>,
}

/// A PDF bilaga appended to the protocol.
#[derive(Debug, Serialize)]
pub struct AppendixContext {
    /// For screen readers: "Bilaga till § 5: Verksamhetsberättelse 2020".
    pub alt: String,
    /// Printed in the top margin of each of its pages: "Bilaga till § 5".
    pub mark: String,
    /// Path of each page's image inside the document.
    pub pages: Vec<String>,
}

/// The organ, as the templates see it.
#[derive(Debug, Serialize)]
pub struct OrganContext<'a> {
    /// Full name.
    pub name: &'a str,
    /// Short name, when given.
    pub short_name: Option<&'a str>,
    /// Principal (kommun, region).
    pub principal: Option<&'a str>,
    /// Heading above each decision.
    pub decision_heading: &'a str,
    /// Where the protocol is kept.
    pub storage_place: Option<&'a str>,
    /// Path of the logo inside the document's root.
    pub logo: Option<&'a str>,
    /// The organ's ledamöter (roster in organ.yaml), for the kallelse.
    pub members: Vec<PersonContext<'a>>,
    /// The organ's ersättare (roster in organ.yaml), for the kallelse.
    pub substitutes: Vec<PersonContext<'a>>,
    /// Printed before every § number ("Sn"), when given.
    pub paragraph_prefix: Option<&'a str>,
    /// The decision right after the § heading, the text under
    /// "Sammanfattning av ärendet" after it.
    pub decision_first: bool,
    /// Every § of the protocol on a new page.
    pub page_per_paragraph: bool,
}

impl<'a> OrganContext<'a> {
    fn new(organ: &'a Organ) -> Self {
        OrganContext {
            name: &organ.name,
            short_name: organ.short_name.as_deref(),
            principal: organ.principal.as_deref(),
            decision_heading: organ.decision_heading.as_deref().unwrap_or("Beslut"),
            storage_place: organ.storage_place.as_deref(),
            logo: organ.logo.as_ref().map(|l| l.value.as_str()),
            members: people(&organ.members, None),
            substitutes: people(&organ.substitutes, None),
            paragraph_prefix: organ
                .paragraph_prefix
                .as_deref()
                .filter(|p| !p.trim().is_empty()),
            decision_first: organ.decision_first,
            page_per_paragraph: organ.page_per_paragraph,
        }
    }
}

/// The meeting, as the templates see it.
#[derive(Debug, Serialize)]
pub struct MeetingContext<'a> {
    /// "2021-02-26".
    pub date: String,
    /// "Fredag den 26 februari 2021".
    pub date_long: String,
    /// "09:00–12:00", or the sittings: "09:00–12:00, 14:25–14:45".
    pub time: String,
    /// The breaks: "10:25–10:42".
    pub adjournments: Vec<String>,
    /// Place.
    pub place: &'a str,
    /// "1–15" (or "7" for a single §).
    pub paragraph_range: String,
    /// "§§ 1–15", "§ 7", with the organ's prefix: "Sn §§ 60–66".
    pub paragraphs_label: String,
    /// No justering yet: print UTKAST.
    pub draft: bool,
    /// Adjusted orally at the meeting.
    pub adjusted_orally: bool,
    /// Beslutande, then the other groups that have anyone in them.
    pub attendance: Vec<AttendanceGroup<'a>>,
    /// Too many people for page 1 (more than 15 beslutande or 12 others present):
    /// page 1 refers to a närvarolista on a page of its own.
    pub separate_attendance_list: bool,
    /// The chair.
    pub chair: &'a str,
    /// The chair and any stand-in for some §§, in the order written.
    pub chairs: Vec<RoleContext>,
    /// The secretary.
    pub secretary: &'a str,
    /// The adjusters' names.
    pub adjusters: Vec<&'a str>,
    /// The adjusters, each with the §§ they adjust when not all.
    pub adjuster_roles: Vec<RoleContext>,
    /// "Kommunkansliet, fredag 15 mars 2024 kl. 14.00. Justeras digitalt.",
    /// when the justering is written down.
    pub adjustment: Option<String>,
    /// Dates of the posting, when posted.
    pub posting: Option<PostingContext>,
    /// "2021-03-03", when justerat.
    pub adjusted_on: Option<String>,
    /// The rättelser made after justering, in the file's order.
    pub corrections: Vec<CorrectionContext<'a>>,
}

/// One rättelse.
#[derive(Debug, Serialize)]
pub struct CorrectionContext<'a> {
    /// "2021-03-05".
    pub date: String,
    /// What was corrected, as written.
    pub text: &'a str,
}

/// One group of the attendance list, with its printed label.
#[derive(Debug, Serialize)]
pub struct AttendanceGroup<'a> {
    /// "Beslutande", "Ersättare", "Tjänstepersoner", "Övriga närvarande", "Frånvarande".
    pub label: &'static str,
    /// The people, in the order of the meeting file.
    pub people: Vec<PersonContext<'a>>,
}

/// One person line.
#[derive(Debug, Serialize)]
pub struct PersonContext<'a> {
    /// Name.
    pub name: &'a str,
    /// Party, without parentheses.
    pub party: Option<&'a str>,
    /// Organisation.
    pub organisation: Option<&'a str>,
    /// Role.
    pub assignment: Option<&'a str>,
    /// Whom a serving substitute replaces.
    pub replaces: Option<&'a str>,
    /// "1–7" when present only for some §§, as written ("1–2, del av 3").
    pub paragraphs: Option<String>,
    /// "§ 3" or "§§ 1–7" (with the organ's prefix), when present only for
    /// some §§.
    pub paragraphs_label: Option<String>,
    /// What the attendance list adds after the uppdrag: "tjänstgörande
    /// ersättare för Per Ek, §§ 1–7".
    pub note: Option<String>,
}

/// Someone who held a role (ordförande, justerare).
#[derive(Debug, Serialize)]
pub struct RoleContext {
    /// Name.
    pub name: String,
    /// "§§ 289–293, 296" when they held it for some §§ only.
    pub paragraphs_label: Option<String>,
}

/// The notice-board dates.
#[derive(Debug, Serialize)]
pub struct PostingContext {
    /// Posted.
    pub posted: String,
    /// Last day to appeal.
    pub last_appeal_day: String,
    /// Taken down: the day after the last appeal day.
    pub take_down: String,
    /// The note on the posting (`anslag.anmärkning`), as written.
    pub note: Option<String>,
}

/// One §.
#[derive(Debug, Serialize)]
pub struct ParagraphContext<'a> {
    /// The number alone.
    pub number: u32,
    /// "§ 14".
    pub label: String,
    /// Title.
    pub title: &'a str,
    /// Dnr.
    pub case_number: Option<&'a str>,
    /// Presenter.
    pub presenter: Option<&'a str>,
    /// Body, Markdown.
    pub text: Option<&'a str>,
    /// Documents.
    pub documents: &'a [String],
    /// Proposal, Markdown.
    pub proposal: Option<&'a str>,
    /// Motions.
    pub motions: Vec<MotionContext<'a>>,
    /// The vote, when one was taken.
    pub vote: Option<VoteContext<'a>>,
    /// Decision points, inline Markdown.
    pub decisions: &'a [String],
    /// Dissents.
    pub dissents: Vec<DissentContext<'a>>,
    /// Notes (protokollsanteckningar).
    pub notes: Vec<NoteContext<'a>>,
    /// Disqualified members.
    pub conflicts: Vec<&'a str>,
    /// Declared adjusted at once.
    pub adjusted_immediately: bool,
    /// Confidential: in the web version only number and rubrik are printed.
    pub confidential: bool,
    /// The legal ground of the confidentiality, when given ("26 kap. 1 § OSL").
    pub confidentiality_ground: Option<&'a str>,
    /// Recipients of extracts.
    pub extract_to: &'a [String],
    /// Attachment titles.
    pub attachments: Vec<&'a str>,
    /// The delegationsbeslut this § reports (Anmälan av delegationsbeslut).
    pub delegation_reports: Vec<DelegationReport>,
}

/// A yrkande.
#[derive(Debug, Serialize)]
pub struct MotionContext<'a> {
    /// Who moved it: "Anna Ek (S)".
    pub by: &'a str,
    /// What was moved.
    pub motion: &'a str,
}

/// A reservation against the decision.
#[derive(Debug, Serialize)]
pub struct DissentContext<'a> {
    /// Who.
    pub name: &'a str,
    /// Their party, when the meeting's beslutande give it.
    pub party: Option<&'a str>,
    /// Why, when given ("till förmån för eget yrkande").
    pub reason: Option<&'a str>,
}

/// A protokollsanteckning.
#[derive(Debug, Serialize)]
pub struct NoteContext<'a> {
    /// Who.
    pub name: &'a str,
    /// The note, inline Markdown.
    pub text: &'a str,
}

/// One vote cast.
#[derive(Debug, Serialize)]
pub struct BallotContext<'a> {
    /// The voter.
    pub name: &'a str,
    /// Their party, when the meeting's beslutande give it.
    pub party: Option<&'a str>,
    /// "Ja", "Nej" or "Avstår".
    pub vote: &'static str,
}

/// One delegationsbeslut listed in an "Anmälan av delegationsbeslut" §.
#[derive(Debug, Clone, Serialize)]
pub struct DelegationReport {
    /// Beslutsdatum, "2019-12-19".
    pub date: String,
    /// Diarienummer.
    pub case_number: String,
    /// Rubrik.
    pub title: String,
    /// "Anders Byström, regional utvecklingsdirektör".
    pub decided_by: String,
}

/// A recorded vote.
#[derive(Debug, Serialize)]
pub struct VoteContext<'a> {
    /// Proposition.
    pub proposition: Option<&'a str>,
    /// Each member and their vote, in the order given.
    pub ballots: Vec<BallotContext<'a>>,
    /// Number of yes votes.
    pub yes: usize,
    /// Number of no votes.
    pub no: usize,
    /// Number of abstentions.
    pub abstain: usize,
}

fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn range_label(first: ParagraphNumber, last: ParagraphNumber) -> String {
    if first == last {
        first.0.to_string()
    } else {
        format!("{}–{}", first.0, last.0)
    }
}

/// Page 1 holds the attendance of a meeting of up to this many beslutande…
pub const FIRST_PAGE_VOTING: usize = 15;
/// …and this many others present (ersättare, tjänstepersoner, övriga; the
/// frånvarande are few lines more): seed 001's size. A larger meeting gets a
/// närvarolista of its own after page 1.
pub const FIRST_PAGE_OTHERS: usize = 12;

/// "Kommunkansliet, fredag 15 mars 2024 kl. 14.00. Justeras digitalt."
fn adjustment_line(adjustment: &Adjustment) -> String {
    let date = adjustment.date.value.0;
    let manner = match adjustment.manner {
        Some(AdjustmentManner::Oral) => Some("Justeras muntligen"),
        Some(AdjustmentManner::Digital) => Some("Justeras digitalt"),
        Some(AdjustmentManner::Paper) => Some("Justeras på papper"),
        None => None,
    };
    // "plats: Digitalt" with "sätt: digitalt" would print the word twice.
    let place = adjustment.place.as_deref().filter(|place| {
        manner.is_none_or(|m| {
            !m.trim_start_matches("Justeras ")
                .eq_ignore_ascii_case(place.trim())
        })
    });
    let mut day = format!(
        "{} {} {} {}",
        calendar::weekday_name(date.weekday()),
        date.day(),
        calendar::month_name(date.month()),
        date.year()
    );
    if let Some(time) = &adjustment.time {
        day.push_str(&format!(" kl. {}", time.value.0.format("%H.%M")));
    }
    let mut line = match place {
        Some(place) => format!("{place}, {day}"),
        None => capitalise(&day),
    };
    line.push('.');
    if let Some(manner) = manner {
        line.push(' ');
        line.push_str(manner);
        line.push('.');
    }
    line
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

impl<'a> DocumentContext<'a> {
    /// The context of `document`; `numbered` is already masked for the web
    /// version (see [`crate::redact`]).
    pub fn new(document: MeetingDocument, organ: &'a Organ, numbered: &'a NumberedMeeting) -> Self {
        let meeting = &numbered.meeting;
        let date = meeting.date.value.0;
        let adjustment = meeting.adjustment.as_ref();
        let adjusted_orally = adjustment.is_some_and(|a| a.manner == Some(AdjustmentManner::Oral));
        let posting = meeting.posting.as_ref().map(|p| {
            let posted = p.posted.value.0;
            PostingContext {
                posted: iso(posted),
                last_appeal_day: iso(calendar::last_appeal_day(posted)),
                take_down: iso(calendar::take_down_day(posted)),
                note: p.note.as_ref().map(|n| n.value.clone()),
            }
        });
        let organ_context = OrganContext::new(organ);
        let prefix = organ_context.paragraph_prefix;
        let range = range_label(numbered.first, numbered.last());
        let others = meeting.substitutes.len() + meeting.officials.len() + meeting.others.len();
        DocumentContext {
            title: document.title(&organ.name, date),
            web: document == MeetingDocument::WebProtocol,
            meeting: MeetingContext {
                date: iso(date),
                date_long: calendar::long_date(date),
                time: meeting.time.value.display(),
                adjournments: meeting
                    .adjournments
                    .iter()
                    .map(|a| a.value.display())
                    .collect(),
                place: &meeting.place,
                paragraphs_label: numbered.paragraph_set().label(prefix),
                paragraph_range: range,
                draft: adjustment.is_none(),
                adjusted_orally,
                attendance: attendance(meeting, prefix),
                separate_attendance_list: meeting.voting.len() > FIRST_PAGE_VOTING
                    || others > FIRST_PAGE_OTHERS,
                chair: meeting.chair.value.main().map_or("", |h| h.name.as_str()),
                chairs: meeting
                    .chair
                    .value
                    .0
                    .iter()
                    .map(|h| role(h, prefix))
                    .collect(),
                secretary: &meeting.secretary.value,
                adjusters: meeting
                    .adjusters
                    .iter()
                    .map(|a| a.value.name.as_str())
                    .collect(),
                adjuster_roles: meeting
                    .adjusters
                    .iter()
                    .map(|a| role(&a.value, prefix))
                    .collect(),
                adjustment: adjustment.map(adjustment_line),
                posting,
                adjusted_on: adjustment.map(|a| iso(a.date.value.0)),
                corrections: meeting
                    .corrections
                    .iter()
                    .map(|c| CorrectionContext {
                        date: iso(c.date.value.0),
                        text: &c.text,
                    })
                    .collect(),
            },
            organ: organ_context,
            paragraphs: numbered
                .paragraphs()
                .map(|(number, p)| paragraph(number, p, prefix, &meeting.voting))
                .collect(),
            appendices: Vec::new(),
        }
    }
}

fn role(holder: &RoleHolder, prefix: Option<&str>) -> RoleContext {
    RoleContext {
        name: holder.name.clone(),
        paragraphs_label: holder.paragraphs.as_ref().map(|set| set.label(prefix)),
    }
}

fn attendance<'a>(meeting: &'a Meeting, prefix: Option<&str>) -> Vec<AttendanceGroup<'a>> {
    [
        ("Beslutande", &meeting.voting),
        ("Ersättare", &meeting.substitutes),
        ("Tjänstepersoner", &meeting.officials),
        ("Övriga närvarande", &meeting.others),
        ("Frånvarande", &meeting.absent),
    ]
    .into_iter()
    .filter(|(label, list)| *label == "Beslutande" || !list.is_empty())
    .map(|(label, list)| AttendanceGroup {
        label,
        people: people(list, prefix),
    })
    .collect()
}

fn people<'a>(list: &'a [Person], prefix: Option<&str>) -> Vec<PersonContext<'a>> {
    list.iter()
        .map(|p| {
            let paragraphs_label = p.paragraphs.as_ref().map(|set| set.value.label(prefix));
            let replaces = p
                .replaces
                .as_ref()
                .map(|r| format!("tjänstgörande ersättare för {}", r.value));
            let note = [replaces, paragraphs_label.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>();
            PersonContext {
                name: &p.name.value,
                party: p.party.as_deref(),
                organisation: p.organisation.as_deref(),
                assignment: p.assignment.as_deref(),
                replaces: p.replaces.as_ref().map(|r| r.value.as_str()),
                paragraphs: p.paragraphs.as_ref().map(|s| s.value.to_string()),
                paragraphs_label,
                note: (!note.is_empty()).then(|| note.join(", ")),
            }
        })
        .collect()
}

fn party_of<'a>(voting: &'a [Person], name: &str) -> Option<&'a str> {
    voting
        .iter()
        .find(|p| p.name.value == name)
        .and_then(|p| p.party.as_deref())
}

fn paragraph<'a>(
    number: ParagraphNumber,
    p: &'a Paragraph,
    prefix: Option<&str>,
    voting: &'a [Person],
) -> ParagraphContext<'a> {
    let vote = p.vote.as_ref().map(|v| {
        let ballots = [(&v.yes, "Ja"), (&v.no, "Nej"), (&v.abstain, "Avstår")]
            .into_iter()
            .flat_map(|(names, vote)| {
                names.iter().map(move |n| BallotContext {
                    name: n.value.as_str(),
                    party: party_of(voting, &n.value),
                    vote,
                })
            })
            .collect();
        VoteContext {
            proposition: v.proposition.as_deref(),
            ballots,
            yes: v.yes.len(),
            no: v.no.len(),
            abstain: v.abstain.len(),
        }
    });
    ParagraphContext {
        number: number.0,
        label: match prefix {
            Some(prefix) => format!("{prefix} {number}"),
            None => number.to_string(),
        },
        title: &p.title.value,
        case_number: p.case_number.as_deref(),
        presenter: p.presenter.as_deref(),
        text: p.text.as_deref(),
        documents: &p.documents,
        proposal: p.proposal.as_deref(),
        motions: p
            .motions
            .iter()
            .map(|m| MotionContext {
                by: m.by.as_str(),
                motion: m.motion.as_str(),
            })
            .collect(),
        vote,
        decisions: &p.decisions,
        dissents: p
            .dissents
            .iter()
            .map(|d| DissentContext {
                name: d.name.value.as_str(),
                party: party_of(voting, &d.name.value),
                reason: d.reason.as_deref(),
            })
            .collect(),
        notes: p
            .notes
            .iter()
            .map(|n| NoteContext {
                name: n.name.value.as_str(),
                text: n.text.as_str(),
            })
            .collect(),
        conflicts: p.conflicts.iter().map(|c| c.name.value.as_str()).collect(),
        adjusted_immediately: p.adjusted_immediately,
        confidential: p.confidentiality != Confidentiality::Public,
        confidentiality_ground: match &p.confidentiality {
            Confidentiality::Ground(ground) if !ground.is_empty() => Some(ground),
            _ => None,
        },
        extract_to: &p.extract_to,
        attachments: p.attachments.iter().map(|a| a.title.as_str()).collect(),
        delegation_reports: Vec::new(),
    }
}

impl DelegationReport {
    /// How a delegationsbeslut is listed in the § that reports it.
    pub fn of(decision: &DelegationDecision) -> Self {
        let maker = &decision.decision_maker;
        DelegationReport {
            date: iso(decision.date.value.0),
            case_number: decision.case_number.value.clone(),
            title: decision.title.value.clone(),
            decided_by: match &maker.title {
                Some(title) => format!("{}, {title}", maker.name.value),
                None => maker.name.value.clone(),
            },
        }
    }
}

/// The handläggare of a delegationsbeslut.
#[derive(Debug, Serialize)]
pub struct CaseOfficerContext<'a> {
    /// Name.
    pub name: &'a str,
    /// Telephone, when given.
    pub phone: Option<&'a str>,
    /// E-mail, when given.
    pub email: Option<&'a str>,
}

/// The whole context of the delegationsbeslut template, under `doc`.
#[derive(Debug, Serialize)]
pub struct DelegationContext<'a> {
    /// Document title for the PDF metadata.
    pub title: String,
    /// The organ whose delegation was used.
    pub organ: OrganContext<'a>,
    /// Beslutsdatum, "2019-12-19".
    pub date: String,
    /// "Torsdag den 19 december 2019".
    pub date_long: String,
    /// Diarienummer.
    pub case_number: &'a str,
    /// Rubrik.
    pub heading: &'a str,
    /// The issuing unit.
    pub unit: Option<&'a str>,
    /// Handläggare.
    pub case_officer: Option<CaseOfficerContext<'a>>,
    /// Ärendebeskrivning, Markdown.
    pub description: Option<&'a str>,
    /// Beslutsunderlag.
    pub documents: &'a [String],
    /// The delegation rule, inline Markdown.
    pub delegation: &'a str,
    /// Decision points, inline Markdown.
    pub decisions: &'a [String],
    /// Beslutsfattare.
    pub decision_maker: &'a str,
    /// The beslutsfattare's title.
    pub decision_maker_title: Option<&'a str>,
    /// "regionala utvecklingsnämnden".
    pub reported_to: &'a str,
    /// Recipients of copies.
    pub extract_to: &'a [String],
}

impl<'a> DelegationContext<'a> {
    /// The context of one delegationsbeslut of `organ`.
    pub fn new(organ: &'a Organ, decision: &'a DelegationDecision) -> Self {
        let date = decision.date.value.0;
        DelegationContext {
            title: format!(
                "Delegationsbeslut {} {} {}",
                organ.name,
                iso(date),
                decision.case_number.value
            ),
            organ: OrganContext::new(organ),
            date: iso(date),
            date_long: calendar::long_date(date),
            case_number: &decision.case_number.value,
            heading: &decision.title.value,
            unit: decision.unit.as_deref(),
            case_officer: decision.case_officer.as_ref().map(|o| CaseOfficerContext {
                name: o.name.value.as_str(),
                phone: o.phone.as_deref(),
                email: o.email.as_deref(),
            }),
            description: decision.description.as_deref(),
            documents: &decision.documents,
            delegation: &decision.delegation.value,
            decisions: &decision.decisions,
            decision_maker: &decision.decision_maker.name.value,
            decision_maker_title: decision.decision_maker.title.as_deref(),
            reported_to: &decision.reported_to.value,
            extract_to: &decision.extract_to,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;
    use crate::parse;

    fn read(relative: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Every key of every object in `value`.
    fn keys(value: &serde_json::Value, found: &mut BTreeSet<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, inner) in map {
                    found.insert(key.clone());
                    keys(inner, found);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| keys(i, found)),
            _ => {}
        }
    }

    #[test]
    fn templates_md_documents_every_field_the_templates_are_given() {
        let mut found = BTreeSet::new();
        for (organ, meeting) in [
            (
                "meetings/socsam/organ.yaml",
                "meetings/socsam/2021/2021-02-26.yaml",
            ),
            (
                "meetings/socialnamnden/organ.yaml",
                "meetings/socialnamnden/2017/2017-09-27.yaml",
            ),
            (
                "meetings/regionala-utvecklingsnamnden/organ.yaml",
                "meetings/regionala-utvecklingsnamnden/2020/2020-02-13.yaml",
            ),
        ] {
            let organ = parse::parse_organ(Path::new(organ), &read(organ)).expect("organ");
            let parsed = parse::parse_meeting(Path::new(meeting), &read(meeting)).expect("meeting");
            let numbered = crate::number::number(parsed, &[]);
            let mut context = DocumentContext::new(MeetingDocument::Protocol, &organ, &numbered);
            context.appendices.push(AppendixContext {
                alt: String::new(),
                mark: String::new(),
                pages: Vec::new(),
            });
            let value = serde_json::to_value(&context).expect("serialises");
            keys(&value, &mut found);
        }
        let decision_file = "meetings/regionala-utvecklingsnamnden/delegationsbeslut/2019/2019-12-19-RUN-574-2019.yaml";
        let organ_file = "meetings/regionala-utvecklingsnamnden/organ.yaml";
        let organ = parse::parse_organ(Path::new(organ_file), &read(organ_file)).expect("organ");
        let decision = parse::parse_delegation(Path::new(decision_file), &read(decision_file))
            .expect("delegationsbeslut");
        let value =
            serde_json::to_value(DelegationContext::new(&organ, &decision)).expect("serialises");
        keys(&value, &mut found);
        let documented = read("TEMPLATES.md");
        let missing: Vec<&String> = found
            .iter()
            .filter(|key| !documented.contains(&format!("`{key}`")))
            .collect();
        assert!(
            missing.is_empty(),
            "TEMPLATES.md does not document {missing:?}"
        );
        assert!(found.len() > 60, "only {} fields seen", found.len());
    }
}
