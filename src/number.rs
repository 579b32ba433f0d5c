//! Stage 2: § numbering. §§ are numbered through an organ's calendar year:
//! a meeting starts at its `första_paragraf` when given, else right after the
//! organ's previous meeting that year, else at 1.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::model::{Meeting, NumberedMeeting, ParagraphNumber};

/// What numbering needs to know of one of the organ's meetings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingSummary {
    /// The meeting file, for messages about numbering across files.
    pub file: PathBuf,
    /// The meeting date.
    pub date: NaiveDate,
    /// `första_paragraf`, when written.
    pub first_paragraph: Option<u32>,
    /// How many §§ it has.
    pub paragraph_count: u32,
}

impl MeetingSummary {
    /// Summarises a parsed meeting read from `file`.
    pub fn of(file: &Path, meeting: &Meeting) -> Self {
        MeetingSummary {
            file: file.to_path_buf(),
            date: meeting.date.value.0,
            first_paragraph: meeting.first_paragraph.as_ref().map(|n| n.value),
            paragraph_count: u32::try_from(meeting.paragraphs.len()).unwrap_or(u32::MAX),
        }
    }
}

/// Numbers `meeting`'s §§, given the organ's other meetings (any year, in
/// any order; the meeting itself may be among them).
pub fn number(meeting: Meeting, organ_meetings: &[MeetingSummary]) -> NumberedMeeting {
    let first = first_paragraph(&MeetingSummary::of(Path::new(""), &meeting), organ_meetings);
    NumberedMeeting {
        meeting,
        first: ParagraphNumber(first),
    }
}

/// The first § number of `target`.
pub fn first_paragraph(target: &MeetingSummary, organ_meetings: &[MeetingSummary]) -> u32 {
    if let Some(first) = target.first_paragraph {
        return first;
    }
    let mut earlier: Vec<&MeetingSummary> = organ_meetings
        .iter()
        .filter(|m| m.date.year() == target.date.year() && m.date < target.date)
        .collect();
    earlier.sort_by_key(|m| m.date);
    let mut next = 1;
    for meeting in earlier {
        let first = meeting.first_paragraph.unwrap_or(next);
        next = first.saturating_add(meeting.paragraph_count);
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(date: &str, first: Option<u32>, count: u32) -> MeetingSummary {
        MeetingSummary {
            file: PathBuf::from(format!("{date}.yaml")),
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date"),
            first_paragraph: first,
            paragraph_count: count,
        }
    }

    #[test]
    fn explicit_first_paragraph_wins() {
        let target = summary("2021-04-16", Some(40), 3);
        assert_eq!(
            first_paragraph(&target, &[summary("2021-02-26", None, 15)]),
            40
        );
    }

    #[test]
    fn numbering_continues_through_the_year() {
        let organ = [
            summary("2021-04-16", None, 10),
            summary("2021-02-26", None, 15),
            summary("2020-12-04", None, 30),
            summary("2021-06-11", None, 5),
        ];
        assert_eq!(first_paragraph(&organ[1], &organ), 1);
        assert_eq!(first_paragraph(&organ[0], &organ), 16);
        assert_eq!(first_paragraph(&organ[3], &organ), 26);
    }

    #[test]
    fn an_explicit_start_earlier_in_the_year_carries_on() {
        let organ = [
            summary("2021-02-26", Some(20), 4),
            summary("2021-03-26", None, 2),
        ];
        assert_eq!(first_paragraph(&organ[1], &organ), 24);
    }
}
