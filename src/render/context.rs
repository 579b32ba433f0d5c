//! What the templates see: plain data borrowed from the model, with dates,
//! names and § ranges already written the Swedish way. Markdown stays raw
//! here; templates pass it through the `markdown` filter.
//!
//! Every document of a meeting (protocol, web version, kallelse, utdrag,
//! anslagsbevis) gets the same [`DocumentContext`]: the templates pick what
//! they print, so a municipality's own template can print more.

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar;
use crate::document::MeetingDocument;
use crate::model::{
    AdjustmentManner, Confidentiality, DelegationDecision, Meeting, NumberedMeeting, Organ,
    Paragraph, ParagraphNumber, Person,
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
            members: people(&organ.members),
            substitutes: people(&organ.substitutes),
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
    /// "09:00–12:00".
    pub time: String,
    /// Place.
    pub place: &'a str,
    /// "1–15" (or "7" for a single §).
    pub paragraph_range: String,
    /// No justering yet: print UTKAST.
    pub draft: bool,
    /// Adjusted orally at the meeting.
    pub adjusted_orally: bool,
    /// Beslutande, then the other groups that have anyone in them.
    pub attendance: Vec<AttendanceGroup<'a>>,
    /// The chair.
    pub chair: &'a str,
    /// The secretary.
    pub secretary: &'a str,
    /// The adjusters.
    pub adjusters: Vec<&'a str>,
    /// "Digitalt 2021-03-03", when adjusted.
    pub adjustment: Option<String>,
    /// Dates of the posting, when posted.
    pub posting: Option<PostingContext>,
    /// "2021-03-03", when justerat.
    pub adjusted_on: Option<String>,
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
    /// "1–7" when present only for some §§.
    pub paragraphs: Option<String>,
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
    /// Motions: (by, motion).
    pub motions: Vec<(&'a str, &'a str)>,
    /// The vote, when one was taken.
    pub vote: Option<VoteContext<'a>>,
    /// Decision points, inline Markdown.
    pub decisions: &'a [String],
    /// Dissents: (name, reason).
    pub dissents: Vec<(&'a str, Option<&'a str>)>,
    /// Notes: (name, Markdown text).
    pub notes: Vec<(&'a str, &'a str)>,
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
    /// Each member and their vote ("Ja", "Nej", "Avstår"), in the order given.
    pub ballots: Vec<(&'a str, &'static str)>,
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

impl<'a> DocumentContext<'a> {
    /// The context of `document`; `numbered` is already masked for the web
    /// version (see [`crate::redact`]).
    pub fn new(document: MeetingDocument, organ: &'a Organ, numbered: &'a NumberedMeeting) -> Self {
        let meeting = &numbered.meeting;
        let date = meeting.date.value.0;
        let adjustment = meeting.adjustment.as_ref();
        let adjusted_orally = adjustment.is_some_and(|a| a.manner == Some(AdjustmentManner::Oral));
        let adjustment_text = adjustment.map(|a| {
            let manner = match a.manner {
                Some(AdjustmentManner::Oral) => Some("Muntligen"),
                Some(AdjustmentManner::Digital) => Some("Digitalt"),
                Some(AdjustmentManner::Paper) => Some("På papper"),
                None => None,
            };
            // "plats: Digitalt" with "sätt: digitalt" would print the word twice.
            let place = a
                .place
                .as_deref()
                .filter(|place| manner.is_none_or(|m| !m.eq_ignore_ascii_case(place)));
            [manner, place, Some(&iso(a.date.value.0))]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ")
        });
        let posting = meeting.posting.as_ref().map(|p| {
            let posted = p.posted.value.0;
            PostingContext {
                posted: iso(posted),
                last_appeal_day: iso(calendar::last_appeal_day(posted)),
                take_down: iso(calendar::take_down_day(posted)),
            }
        });
        let time = meeting.time.value;
        DocumentContext {
            title: document.title(&organ.name, date),
            web: document == MeetingDocument::WebProtocol,
            organ: OrganContext::new(organ),
            meeting: MeetingContext {
                date: iso(date),
                date_long: calendar::long_date(date),
                time: format!(
                    "{}–{}",
                    time.start.format("%H:%M"),
                    time.end.format("%H:%M")
                ),
                place: &meeting.place,
                paragraph_range: range_label(numbered.first, numbered.last()),
                draft: adjustment.is_none(),
                adjusted_orally,
                attendance: attendance(meeting),
                chair: &meeting.chair.value,
                secretary: &meeting.secretary.value,
                adjusters: meeting.adjusters.iter().map(|a| a.value.as_str()).collect(),
                adjustment: adjustment_text,
                posting,
                adjusted_on: adjustment.map(|a| iso(a.date.value.0)),
            },
            paragraphs: numbered
                .paragraphs()
                .map(|(number, p)| paragraph(number, p))
                .collect(),
            appendices: Vec::new(),
        }
    }
}

fn attendance(meeting: &Meeting) -> Vec<AttendanceGroup<'_>> {
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
        people: people(list),
    })
    .collect()
}

fn people(list: &[Person]) -> Vec<PersonContext<'_>> {
    list.iter()
        .map(|p| PersonContext {
            name: &p.name.value,
            party: p.party.as_deref(),
            organisation: p.organisation.as_deref(),
            assignment: p.assignment.as_deref(),
            replaces: p.replaces.as_ref().map(|r| r.value.as_str()),
            paragraphs: p.paragraphs.as_ref().map(|s| s.value.to_string()),
        })
        .collect()
}

fn paragraph(number: ParagraphNumber, p: &Paragraph) -> ParagraphContext<'_> {
    let vote = p.vote.as_ref().map(|v| {
        let ballots = [(&v.yes, "Ja"), (&v.no, "Nej"), (&v.abstain, "Avstår")]
            .into_iter()
            .flat_map(|(names, ballot)| names.iter().map(move |n| (n.value.as_str(), ballot)))
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
        label: number.to_string(),
        title: &p.title.value,
        case_number: p.case_number.as_deref(),
        presenter: p.presenter.as_deref(),
        text: p.text.as_deref(),
        documents: &p.documents,
        proposal: p.proposal.as_deref(),
        motions: p
            .motions
            .iter()
            .map(|m| (m.by.as_str(), m.motion.as_str()))
            .collect(),
        vote,
        decisions: &p.decisions,
        dissents: p
            .dissents
            .iter()
            .map(|d| (d.name.value.as_str(), d.reason.as_deref()))
            .collect(),
        notes: p
            .notes
            .iter()
            .map(|n| (n.name.value.as_str(), n.text.as_str()))
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
                Some(title) => format!("{}, {}", maker.name.value, title.to_lowercase()),
                None => maker.name.value.clone(),
            },
        }
    }
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
    /// Handläggare: name, phone, e-mail.
    pub case_officer: Option<(&'a str, Option<&'a str>, Option<&'a str>)>,
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
            case_officer: decision.case_officer.as_ref().map(|o| {
                (
                    o.name.value.as_str(),
                    o.phone.as_deref(),
                    o.email.as_deref(),
                )
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
