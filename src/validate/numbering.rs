//! Rules across the organ's files: § numbers run unique and gap-free through
//! each calendar year, and the organ meets at most once a day.

use chrono::Datelike;

use crate::diagnostic::Diagnostic;
use crate::messages::validate::numbering as say;
use crate::number::{self, MeetingSummary};
use crate::parse::span_of;

use super::{Subject, file_name};

/// The largest § number a protocol can have: far beyond any year's count,
/// and far enough below `u32::MAX` that counting §§ cannot overflow.
pub(super) const LARGEST_NUMBER: u32 = 99_999;

/// Whether the meeting's §§ all get a number no larger than
/// [`LARGEST_NUMBER`]; an error at `första_paragraf` (or, when the numbering
/// continues from another file, at `datum`) when they do not.
pub(super) fn within_bounds(subject: &Subject, found: &mut Vec<Diagnostic>) -> bool {
    let meeting = &subject.meeting.meeting;
    let first = u64::from(subject.meeting.first.0);
    let count = meeting.paragraphs.len() as u64;
    if first + count.saturating_sub(1) <= u64::from(LARGEST_NUMBER) {
        return true;
    }
    let diagnostic = match &meeting.first_paragraph {
        Some(explicit) => Diagnostic::error(
            subject.file,
            span_of(explicit),
            say::first_out_of_bounds(explicit.value, LARGEST_NUMBER),
        )
        .with_hint(say::first_out_of_bounds_hint()),
        None => Diagnostic::error(
            subject.file,
            span_of(&meeting.date),
            say::continued_out_of_bounds(first, LARGEST_NUMBER),
        )
        .with_hint(say::continued_out_of_bounds_hint()),
    };
    found.push(diagnostic);
    false
}

pub(super) fn check(subject: &Subject, found: &mut Vec<Diagnostic>) {
    let meeting = &subject.meeting.meeting;
    let this = MeetingSummary::of(subject.file, meeting);
    // References, not copies: a folder of a thousand meetings would copy a
    // million summaries.
    let others: Vec<&MeetingSummary> = subject
        .organ_meetings
        .iter()
        .filter(|m| m.file != subject.file)
        .collect();

    for other in others.iter().filter(|m| m.date == this.date) {
        found.push(
            Diagnostic::error(
                subject.file,
                span_of(&meeting.date),
                say::same_date(&file_name(&other.file), &this.date.to_string()),
            )
            .with_hint(say::same_date_hint()),
        );
    }

    let Some(explicit) = &meeting.first_paragraph else {
        return;
    };
    let written = explicit.value;
    let mut earlier: Vec<(&MeetingSummary, u32)> = others
        .iter()
        .filter(|m| m.date.year() == this.date.year() && m.date < this.date)
        // An earlier meeting's numbering does not count this one, so the
        // whole list serves, with or without this meeting in it.
        .map(|m| (*m, number::first_paragraph(m, subject.organ_meetings)))
        .collect();
    earlier.sort_by_key(|(m, _)| m.date);

    let Some(&(previous, previous_first)) = earlier.last() else {
        // The first meeting of its year here. Numbering starts afresh each
        // year; an organ whose earlier protocols predate these files (no
        // meeting of an earlier year here) may start where they left off.
        let kept_here_before = others.iter().any(|m| m.date.year() < this.date.year());
        if written != 1 && (kept_here_before || written == 0) {
            found.push(
                Diagnostic::error(
                    subject.file,
                    span_of(explicit),
                    say::first_of_year_not_1(written, this.date.year()),
                )
                .with_hint(say::first_of_year_not_1_hint()),
            );
        }
        return;
    };

    let expected = previous_first.saturating_add(previous.paragraph_count);
    if written == expected {
        return;
    }
    let message = if written == 0 {
        say::first_is_0(expected)
    } else if written < expected {
        // The latest earlier meeting whose §§ this one's first § repeats.
        let (other, first) = earlier
            .iter()
            .rev()
            .find(|(m, first)| (*first..first.saturating_add(m.paragraph_count)).contains(&written))
            .copied()
            .unwrap_or((previous, previous_first));
        say::repeats(
            written,
            &file_name(&other.file),
            &say::paragraphs_of(first, other.paragraph_count),
            expected,
        )
    } else {
        say::leaves_gap(
            written,
            &file_name(&previous.file),
            &say::paragraphs_of(previous_first, previous.paragraph_count),
            expected,
        )
    };
    found.push(
        Diagnostic::error(subject.file, span_of(explicit), message)
            .with_hint(say::continue_hint(expected, &file_name(&previous.file))),
    );
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use chrono::NaiveDate;

    use super::*;
    use crate::diagnostic::Severity::Error;
    use crate::validate::testing::{Found, ORGAN, meeting, only, run_with};

    fn summary(date: &str, first: Option<u32>, count: u32) -> MeetingSummary {
        MeetingSummary {
            file: PathBuf::from(format!("meetings/pn/2021/{date}.yaml")),
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date"),
            first_paragraph: first,
            paragraph_count: count,
        }
    }

    /// The 2021-03-10 meeting, two §§, starting at `first`, among `others`.
    fn numbering(first: u32, others: &[MeetingSummary]) -> Vec<Found> {
        let yaml = format!(
            "{}första_paragraf: {first}\n",
            meeting("paragrafer:\n  - rubrik: Ett\n  - rubrik: Två\n")
        );
        run_with(check, ORGAN, &yaml, others)
    }

    #[test]
    fn continuing_numbering_passes() {
        let others = [
            summary("2021-02-26", None, 15),
            summary("2020-12-04", None, 30),
        ];
        assert!(numbering(16, &others).is_empty());
        assert!(numbering(1, &[summary("2020-12-04", None, 30)]).is_empty());
    }

    #[test]
    fn repeating_an_earlier_meetings_numbers_is_an_error() {
        let others = [
            summary("2021-01-29", None, 10),
            summary("2021-02-26", None, 5),
        ];
        let found = numbering(8, &others);
        assert_eq!(
            only(&found),
            (
                Error,
                "`första_paragraf: 8` upprepar paragrafnummer från 2021-01-29.yaml (§§ 1–10); \
                 sammanträdet ska börja på § 16",
                14,
                18
            )
        );
        assert_eq!(
            found[0].hints,
            [
                "skriv `första_paragraf: 16`, eller ta bort raden så fortsätter numreringen \
                 efter 2021-02-26.yaml"
            ]
        );
    }

    #[test]
    fn a_gap_after_the_previous_meeting_is_an_error() {
        let found = numbering(20, &[summary("2021-02-26", Some(4), 12)]);
        assert_eq!(
            only(&found),
            (
                Error,
                "`första_paragraf: 20` hoppar över §§ 16–19 efter 2021-02-26.yaml (§§ 4–15); \
                 sammanträdet ska börja på § 16",
                14,
                18
            )
        );
    }

    #[test]
    fn the_first_meeting_of_a_year_starts_at_1() {
        let found = numbering(31, &[summary("2020-12-04", None, 30)]);
        assert_eq!(
            only(&found),
            (
                Error,
                "`första_paragraf: 31`, men det här är organets första sammanträde 2021: då \
                 börjar numreringen på § 1",
                14,
                18
            )
        );
        // No earlier year here: the organ's earlier protocols of the year
        // predate these files, so any start is accepted.
        assert!(numbering(63, &[]).is_empty());
    }

    #[test]
    fn a_första_paragraf_beyond_any_year_is_an_error() {
        let yaml = format!(
            "{}första_paragraf: 4294967295\n",
            meeting("paragrafer:\n  - rubrik: Ett\n  - rubrik: Två\n")
        );
        let found = run_with(
            |subject, found| {
                within_bounds(subject, found);
            },
            ORGAN,
            &yaml,
            &[],
        );
        assert_eq!(
            only(&found),
            (
                Error,
                "`första_paragraf: 4294967295` är inget giltigt paragrafnummer: §§ numreras \
                 löpande under året från 1, högst till 99999",
                14,
                18
            )
        );
        // The whole rule set stops short of numbering these §§.
        let parsed =
            crate::parse::parse_meeting(std::path::Path::new("m.yaml"), &yaml).expect("parses");
        let organ =
            crate::parse::parse_organ(std::path::Path::new("o.yaml"), ORGAN).expect("organ parses");
        let numbered = number::number(parsed, &[]);
        let all = crate::validate::validate(&Subject {
            file: std::path::Path::new("m.yaml"),
            text: &yaml,
            organ: &organ,
            meeting: &numbered,
            organ_meetings: &[],
        });
        assert_eq!(all.len(), 1, "{all:#?}");
    }

    #[test]
    fn two_meetings_on_one_date_are_an_error() {
        let found = numbering(1, &[summary("2021-03-10", None, 3)]);
        let errors: Vec<(&str, usize, usize)> = found
            .iter()
            .map(|f| (f.message.as_str(), f.line, f.column))
            .collect();
        assert_eq!(
            errors,
            [(
                "2021-03-10.yaml är också ett sammanträde med organet den 2021-03-10",
                1,
                8
            )]
        );
    }
}
