//! Stage 2: § numbering. §§ are numbered through an organ's calendar year:
//! a meeting starts at its `första_paragraf` when given, else right after the
//! organ's previous meeting that year, else at 1.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::model::{Meeting, NumberedMeeting, ParagraphNumber};
use crate::project::Project;

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

/// Numbers every meeting of the project: one table of first § numbers per
/// organ, each year walked once in date order.
pub fn number_all(project: Project<Meeting>) -> Project<NumberedMeeting> {
    let tables: Vec<HashMap<usize, u32>> = project
        .organs
        .iter()
        .map(|organ| first_paragraphs(&organ.summaries_by_index()))
        .collect();
    project.map_meetings(|organ, index, meeting| {
        let first = tables[organ].get(&index).copied().unwrap_or(1);
        NumberedMeeting {
            meeting,
            first: ParagraphNumber(first),
        }
    })
}

/// The first § number of each meeting (by its key), computed in one pass
/// per year; the same numbers as [`first_paragraph`] gives each.
fn first_paragraphs(meetings: &[(usize, MeetingSummary)]) -> HashMap<usize, u32> {
    let mut by_date: Vec<&(usize, MeetingSummary)> = meetings.iter().collect();
    // Stable: meetings of one day keep their file order, as in `first_paragraph`.
    by_date.sort_by_key(|(_, m)| m.date);
    let mut firsts = HashMap::with_capacity(meetings.len());
    let mut rest = by_date.as_slice();
    let mut year = None;
    let mut next = 1u32;
    while let Some(((_, head), _)) = rest.split_first() {
        if year != Some(head.date.year()) {
            year = Some(head.date.year());
            next = 1;
        }
        // The meetings of one day do not count each other as earlier.
        let day = rest.iter().take_while(|(_, m)| m.date == head.date).count();
        let (same_day, later) = rest.split_at(day);
        for (key, meeting) in same_day {
            firsts.insert(*key, meeting.first_paragraph.unwrap_or(next));
        }
        for (_, meeting) in same_day {
            next = meeting
                .first_paragraph
                .unwrap_or(next)
                .saturating_add(meeting.paragraph_count);
        }
        rest = later;
    }
    firsts
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

    #[test]
    fn the_table_gives_every_meeting_the_number_first_paragraph_gives_it() {
        // Two years, an explicit start, two meetings on one day, file order
        // not date order.
        let organ = [
            summary("2021-04-16", None, 10),
            summary("2021-02-26", None, 15),
            summary("2020-12-04", None, 30),
            summary("2021-06-11", Some(40), 5),
            summary("2021-09-01", None, 2),
            summary("2021-09-01", None, 3),
            summary("2021-10-01", None, 1),
            summary("2020-01-10", Some(7), 4),
        ];
        let keyed: Vec<(usize, MeetingSummary)> = organ.iter().cloned().enumerate().collect();
        let table = first_paragraphs(&keyed);
        for (key, meeting) in organ.iter().enumerate() {
            let others: Vec<MeetingSummary> = organ
                .iter()
                .enumerate()
                .filter(|(k, _)| *k != key)
                .map(|(_, m)| m.clone())
                .collect();
            assert_eq!(
                table[&key],
                first_paragraph(meeting, &others),
                "{}",
                meeting.date
            );
        }
        assert_eq!(
            table[&6], 50,
            "after 40–44 and the two meetings of 1 September"
        );
    }
}
