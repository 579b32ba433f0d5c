//! The documents one meeting file yields: the protocol, its web version, the
//! kallelse, a protokollsutdrag per §, the anslagsbevis. Which of them can be
//! made from a meeting as it stands, and what each is called on disk.
//!
//! The rules here are the secretary's, not the typesetter's: an extract is
//! certified only from a justerat protocol (or a § justerad at once), an
//! anslagsbevis only once the anslag is up, and a meeting with no beslutande
//! yet has happened only on paper: it has a kallelse and nothing else.

use chrono::NaiveDate;

use crate::messages::making;
use crate::model::{NumberedMeeting, ParagraphNumber};

/// One document made from a meeting file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MeetingDocument {
    /// The protocol, for justering and the archive.
    Protocol,
    /// The protocol for the website: no signatures, secrets masked.
    WebProtocol,
    /// The kallelse with its föredragningslista, sent before the meeting.
    Notice,
    /// A protokollsutdrag of one §.
    Extract(ParagraphNumber),
    /// The anslagsbevis: the notice that the justering has been posted.
    PostingCertificate,
}

/// Why a document cannot be made from the meeting as it stands.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotYet {
    /// No beslutande: the meeting has not been held (or not written up).
    #[error("{}", making::not_held())]
    NotHeld,
    /// An extract of a § that does not exist.
    #[error("{}", making::no_such_paragraph(
        &number.to_string(),
        &crate::model::ParagraphSet::of_ranges(vec![(*first, *last)]).label(None),
    ))]
    NoSuchParagraph {
        /// The § asked for.
        number: ParagraphNumber,
        /// The meeting's first §.
        first: u32,
        /// Its last §.
        last: u32,
    },
    /// An extract of a protocol not yet justerat.
    #[error("{}", making::extract_not_adjusted(&.0.to_string()))]
    ExtractNotAdjusted(ParagraphNumber),
    /// An anslagsbevis of a protocol not yet justerat.
    #[error("{}", making::certificate_not_adjusted())]
    CertificateNotAdjusted,
    /// An anslagsbevis before the anslag is up.
    #[error("{}", making::not_posted())]
    NotPosted,
}

impl MeetingDocument {
    /// The Tera template that writes it.
    pub fn template(self) -> &'static str {
        match self {
            MeetingDocument::Protocol | MeetingDocument::WebProtocol => "protokoll.typ",
            MeetingDocument::Notice => "kallelse.typ",
            MeetingDocument::Extract(_) => "utdrag.typ",
            MeetingDocument::PostingCertificate => "anslagsbevis.typ",
        }
    }

    /// The file name without extension, beside the meeting's other
    /// documents: `2021-02-26-protokoll`, `2017-09-27-utdrag-63`.
    pub fn file_stem(self, date: NaiveDate) -> String {
        let kind = match self {
            MeetingDocument::Protocol => "protokoll".to_owned(),
            MeetingDocument::WebProtocol => "protokoll-webb".to_owned(),
            MeetingDocument::Notice => "kallelse".to_owned(),
            MeetingDocument::Extract(number) => format!("utdrag-{}", number.0),
            MeetingDocument::PostingCertificate => "anslagsbevis".to_owned(),
        };
        format!("{date}-{kind}")
    }

    /// The document whose [`Self::file_stem`] for a meeting on `date` is
    /// `stem`, if any.
    pub fn from_file_stem(date: NaiveDate, stem: &str) -> Option<Self> {
        let kind = stem.strip_prefix(&date.to_string())?.strip_prefix('-')?;
        let document = match kind {
            "protokoll" => MeetingDocument::Protocol,
            "protokoll-webb" => MeetingDocument::WebProtocol,
            "kallelse" => MeetingDocument::Notice,
            "anslagsbevis" => MeetingDocument::PostingCertificate,
            other => {
                let number = other.strip_prefix("utdrag-")?;
                // Only the spelling file_stem writes: no sign, no leading zero.
                if number.starts_with(['0', '+']) {
                    return None;
                }
                MeetingDocument::Extract(ParagraphNumber(number.parse().ok()?))
            }
        };
        Some(document)
    }

    /// The document's title, for its first page and the PDF metadata.
    pub fn title(self, organ: &str, date: NaiveDate) -> String {
        match self {
            MeetingDocument::Protocol => format!("Protokoll {organ} {date}"),
            MeetingDocument::WebProtocol => format!("Protokoll {organ} {date} (webbversion)"),
            MeetingDocument::Notice => format!("Kallelse {organ} {date}"),
            MeetingDocument::Extract(number) => {
                format!("Protokollsutdrag {organ} {date} {number}")
            }
            MeetingDocument::PostingCertificate => format!("Anslagsbevis {organ} {date}"),
        }
    }

    /// Whether the document can be made from `meeting` as it stands.
    pub fn check(self, meeting: &NumberedMeeting) -> Result<(), NotYet> {
        let m = &meeting.meeting;
        let adjusted = m.adjustment.is_some();
        match self {
            MeetingDocument::Notice => Ok(()),
            MeetingDocument::Protocol | MeetingDocument::WebProtocol if !is_held(meeting) => {
                Err(NotYet::NotHeld)
            }
            MeetingDocument::Protocol | MeetingDocument::WebProtocol => Ok(()),
            MeetingDocument::Extract(number) => {
                let Some((_, paragraph)) = meeting.paragraphs().find(|(n, _)| *n == number) else {
                    return Err(NotYet::NoSuchParagraph {
                        number,
                        first: meeting.first.0,
                        last: meeting.last().0,
                    });
                };
                if !is_held(meeting) {
                    Err(NotYet::NotHeld)
                } else if adjusted || paragraph.adjusted_immediately {
                    Ok(())
                } else {
                    Err(NotYet::ExtractNotAdjusted(number))
                }
            }
            MeetingDocument::PostingCertificate if !adjusted => Err(NotYet::CertificateNotAdjusted),
            MeetingDocument::PostingCertificate if m.posting.is_none() => Err(NotYet::NotPosted),
            MeetingDocument::PostingCertificate => Ok(()),
        }
    }
}

/// Whether the meeting has been held and written up: it has beslutande.
/// Before that the file is the plan for the kallelse.
pub fn is_held(meeting: &NumberedMeeting) -> bool {
    !meeting.meeting.voting.is_empty()
}

/// Whether the protocol is final: the meeting is held and its protocol
/// justerat. Only a final protocol is published and archived.
pub fn is_final(meeting: &NumberedMeeting) -> bool {
    meeting.meeting.adjustment.is_some() && is_held(meeting)
}

/// The extracts a meeting calls for: one per § with `utdrag_till`.
pub fn requested_extracts(meeting: &NumberedMeeting) -> Vec<MeetingDocument> {
    meeting
        .paragraphs()
        .filter(|(_, p)| !p.extract_to.is_empty())
        .map(|(number, _)| MeetingDocument::Extract(number))
        .collect()
}

/// Every document `protokoll build` makes of `meeting` as it stands: the
/// kallelse until the meeting is held (once the minutes are written into
/// the file, a kallelse made from it would no longer be the one sent; it
/// is made after that only when asked for by name); once held, the
/// protocol (and its web version when `web`); the extracts that
/// `utdrag_till` asks for and that can be certified; the anslagsbevis once
/// the anslag is up.
pub fn applicable(meeting: &NumberedMeeting, web: bool) -> Vec<MeetingDocument> {
    let mut documents = vec![MeetingDocument::Protocol];
    if web {
        documents.push(MeetingDocument::WebProtocol);
    }
    if !is_held(meeting) {
        documents.push(MeetingDocument::Notice);
    }
    documents.extend(requested_extracts(meeting));
    documents.push(MeetingDocument::PostingCertificate);
    documents.retain(|d| d.check(meeting).is_ok());
    documents
}

/// The date of the meeting at which a delegationsbeslut taken on `decided`
/// is reported: `explicit` when the file gives `anmäls_vid`, else the
/// organ's first meeting on or after the decision. `None` when the organ
/// has no such meeting yet.
pub fn reporting_meeting(
    decided: NaiveDate,
    explicit: Option<NaiveDate>,
    meeting_dates: impl IntoIterator<Item = NaiveDate>,
) -> Option<NaiveDate> {
    explicit.or_else(|| meeting_dates.into_iter().filter(|d| *d >= decided).min())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn meeting(extra: &str) -> NumberedMeeting {
        let yaml = format!(
            "datum: 2021-02-26\ntid: \"09:00–12:00\"\nplats: Teams\n\
             ordförande: Ann\nsekreterare: Bo\n{extra}\n\
             paragrafer:\n  - rubrik: Val av justerare\n    utdrag_till: [Kansliet]\n\
             \x20 - rubrik: Budget\n    omedelbar_justering: true\n    utdrag_till: [Ekonomi]\n\
             \x20 - rubrik: Övrigt\n"
        );
        let parsed = crate::parse::parse_meeting(Path::new("m.yaml"), &yaml).expect("parses");
        crate::number::number(parsed, &[])
    }

    const HELD: &str = "beslutande: [{namn: Ann}]";
    const ADJUSTED: &str = "justering: {datum: 2021-03-01}";
    const POSTED: &str = "anslag: {uppsatt: 2021-03-02}";

    #[test]
    fn a_planned_meeting_has_only_its_kallelse() {
        let planned = meeting("");
        assert_eq!(applicable(&planned, true), vec![MeetingDocument::Notice]);
        assert_eq!(
            MeetingDocument::Protocol.check(&planned),
            Err(NotYet::NotHeld)
        );
    }

    #[test]
    fn a_draft_gives_extracts_only_of_paragraphs_adjusted_at_once_and_no_kallelse() {
        let draft = meeting(HELD);
        assert_eq!(
            applicable(&draft, false),
            vec![
                MeetingDocument::Protocol,
                MeetingDocument::Extract(ParagraphNumber(2)),
            ]
        );
        assert_eq!(
            MeetingDocument::Extract(ParagraphNumber(1)).check(&draft),
            Err(NotYet::ExtractNotAdjusted(ParagraphNumber(1)))
        );
        assert_eq!(
            MeetingDocument::PostingCertificate.check(&draft),
            Err(NotYet::CertificateNotAdjusted)
        );
    }

    #[test]
    fn a_posted_protocol_gives_every_document() {
        let done = meeting(&format!("{HELD}\n{ADJUSTED}\n{POSTED}"));
        assert_eq!(
            applicable(&done, true),
            vec![
                MeetingDocument::Protocol,
                MeetingDocument::WebProtocol,
                MeetingDocument::Extract(ParagraphNumber(1)),
                MeetingDocument::Extract(ParagraphNumber(2)),
                MeetingDocument::PostingCertificate,
            ]
        );
    }

    #[test]
    fn an_adjusted_protocol_not_yet_posted_has_no_certificate() {
        let adjusted = meeting(&format!("{HELD}\n{ADJUSTED}"));
        assert_eq!(
            MeetingDocument::PostingCertificate.check(&adjusted),
            Err(NotYet::NotPosted)
        );
    }

    #[test]
    fn an_extract_of_a_missing_paragraph_names_the_meetings_range() {
        let done = meeting(&format!("{HELD}\n{ADJUSTED}"));
        let refused = MeetingDocument::Extract(ParagraphNumber(9))
            .check(&done)
            .expect_err("no § 9");
        assert_eq!(
            refused.to_string(),
            "§ 9 finns inte i det här mötet, som har §§ 1–3"
        );
    }

    #[test]
    fn a_delegationsbeslut_is_reported_at_the_next_meeting_unless_named() {
        let day = |m, d| NaiveDate::from_ymd_opt(2020, m, d).expect("date");
        let meetings = [day(1, 10), day(2, 13), day(3, 12)];
        assert_eq!(
            reporting_meeting(day(1, 20), None, meetings),
            Some(day(2, 13))
        );
        // A decision taken on a meeting day is reported at that meeting.
        assert_eq!(
            reporting_meeting(day(2, 13), None, meetings),
            Some(day(2, 13))
        );
        assert_eq!(
            reporting_meeting(day(1, 20), Some(day(3, 12)), meetings),
            Some(day(3, 12))
        );
        assert_eq!(reporting_meeting(day(4, 1), None, meetings), None);
    }

    #[test]
    fn a_file_stem_names_its_document_again() {
        let date = NaiveDate::from_ymd_opt(2017, 9, 27).expect("date");
        for document in [
            MeetingDocument::Protocol,
            MeetingDocument::WebProtocol,
            MeetingDocument::Notice,
            MeetingDocument::Extract(ParagraphNumber(63)),
            MeetingDocument::PostingCertificate,
        ] {
            let stem = document.file_stem(date);
            assert_eq!(MeetingDocument::from_file_stem(date, &stem), Some(document));
        }
        for other in [
            "2017-09-27-utdrag-063",
            "2017-09-27-utdrag-",
            "2017-09-28-protokoll",
            "2017-09-27-protokoll-kopia",
            "2017-09-27",
        ] {
            assert_eq!(
                MeetingDocument::from_file_stem(date, other),
                None,
                "{other}"
            );
        }
    }

    #[test]
    fn file_names_sit_beside_each_other() {
        let date = NaiveDate::from_ymd_opt(2017, 9, 27).expect("date");
        assert_eq!(
            MeetingDocument::Extract(ParagraphNumber(63)).file_stem(date),
            "2017-09-27-utdrag-63"
        );
        assert_eq!(
            MeetingDocument::WebProtocol.file_stem(date),
            "2017-09-27-protokoll-webb"
        );
    }
}
