//! What the templates see: plain data borrowed from the model, with dates,
//! names and § ranges already written the Swedish way. Markdown stays raw
//! here; templates pass it through the `markdown` filter.

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar;
use crate::model::{
    AdjustmentManner, Confidentiality, Meeting, NumberedMeeting, Organ, Paragraph, ParagraphNumber,
    Person,
};

/// The whole context of the protocol template.
#[derive(Debug, Serialize)]
pub struct ProtocolContext<'a> {
    /// Document title for the PDF metadata.
    pub title: String,
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
    /// Confidential in the web version; with the legal ground when given.
    pub confidential: Option<&'a str>,
    /// Recipients of extracts.
    pub extract_to: &'a [String],
    /// Attachment titles.
    pub attachments: Vec<&'a str>,
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

impl<'a> ProtocolContext<'a> {
    /// Builds the context.
    pub fn new(organ: &'a Organ, numbered: &'a NumberedMeeting) -> Self {
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
        ProtocolContext {
            title: format!("Protokoll {} {}", organ.name, iso(date)),
            organ: OrganContext {
                name: &organ.name,
                short_name: organ.short_name.as_deref(),
                principal: organ.principal.as_deref(),
                decision_heading: organ.decision_heading.as_deref().unwrap_or("Beslut"),
                storage_place: organ.storage_place.as_deref(),
                logo: organ.logo.as_ref().map(|l| l.value.as_str()),
            },
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
        confidential: match &p.confidentiality {
            Confidentiality::Public => None,
            Confidentiality::Confidential => Some(""),
            Confidentiality::Ground(ground) => Some(ground),
        },
        extract_to: &p.extract_to,
        attachments: p.attachments.iter().map(|a| a.title.as_str()).collect(),
    }
}
