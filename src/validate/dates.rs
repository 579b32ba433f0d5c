//! Rules about time: the meeting ends after it starts, justering follows the
//! meeting within two weeks, and the anslag goes up after justering and at
//! the latest the second day after it (lag 1930:173 om beräkning av
//! lagstadgad tid moves a deadline off weekends and holidays).

use chrono::{Datelike, Days, NaiveDate};

use crate::calendar::{self, on_or_after_working_day};
use crate::diagnostic::Diagnostic;
use crate::parse::span_of;

use super::Subject;

/// Days after the meeting by which justering normally happens.
const ADJUSTMENT_DAYS: u64 = 14;

/// Days after justering by which the anslag must be posted.
const POSTING_DAYS: u64 = 2;

pub(super) fn check(subject: &Subject, found: &mut Vec<Diagnostic>) {
    let file = subject.file;
    let meeting = &subject.meeting.meeting;
    let time = &meeting.time;
    for &(start, end) in &time.value.sittings {
        if end <= start {
            let same = end == start;
            let (start, end) = (start.format("%H:%M"), end.format("%H:%M"));
            let message = if same {
                format!("tid ends when it starts ({start})")
            } else {
                format!("tid ends at {end}, before it starts at {start}")
            };
            found.push(
                Diagnostic::error(file, span_of(time), message).with_hint(
                    "write start–slut with the end after the start, e.g. \"09:00–12:00\"",
                ),
            );
        }
    }
    for pair in time.value.sittings.windows(2) {
        let ((_, ended), (started, _)) = (pair[0], pair[1]);
        if started < ended {
            found.push(
                Diagnostic::error(
                    file,
                    span_of(time),
                    format!(
                        "sammanträdespasset kl. {} börjar innan det förra slutat kl. {}",
                        started.format("%H:%M"),
                        ended.format("%H:%M")
                    ),
                )
                .with_hint("skriv passen i tidsordning, t.ex. \"09:00–12:00, 14:25–14:45\""),
            );
        }
    }
    let opened = time.value.sittings.first().map(|s| s.0);
    let closed = time.value.sittings.last().map(|s| s.1);
    for adjournment in &meeting.adjournments {
        let Some(&(start, end)) = adjournment.value.sittings.first() else {
            continue;
        };
        let outside = opened.is_some_and(|o| start < o) || closed.is_some_and(|c| end > c);
        if end <= start || outside || adjournment.value.sittings.len() > 1 {
            found.push(
                Diagnostic::error(
                    file,
                    span_of(adjournment),
                    format!(
                        "ajourneringen {} ligger inte inom sammanträdets tid {}",
                        adjournment.value.display(),
                        time.value.display()
                    ),
                )
                .with_hint("skriv en ajournering som TT:MM–TT:MM mellan sammanträdets start och slut, t.ex. \"10:25–10:42\""),
            );
        }
    }

    let held = meeting.date.value.0;
    if let Some(adjustment) = &meeting.adjustment {
        let adjusted = adjustment.date.value.0;
        let latest = held + Days::new(ADJUSTMENT_DAYS);
        if adjusted < held {
            found.push(
                Diagnostic::error(
                    file,
                    span_of(&adjustment.date),
                    format!(
                        "justering {} is before the meeting ({})",
                        day(adjusted),
                        day(held)
                    ),
                )
                .with_hint(format!(
                    "the protocol is adjusted on or after the meeting day: write {held} or later"
                )),
            );
        } else if adjusted > latest {
            found.push(
                Diagnostic::warning(
                    file,
                    span_of(&adjustment.date),
                    format!(
                        "justering {} is {} days after the meeting; it should be at most \
                         {ADJUSTMENT_DAYS} days after it (by {})",
                        day(adjusted),
                        (adjusted - held).num_days(),
                        day(latest)
                    ),
                )
                .with_hint(format!(
                    "check the date: justering is due by {latest} (two weeks after the meeting)"
                )),
            );
        }
    }

    let Some(posting) = &meeting.posting else {
        return;
    };
    let posted = posting.posted.value.0;
    let Some(adjustment) = &meeting.adjustment else {
        found.push(
            Diagnostic::error(
                file,
                span_of(&posting.posted),
                "anslag is posted, but the protocol has no justering",
            )
            .with_hint(
                "add `justering:` with its `datum:` (the anslag follows justering), \
                 or remove `anslag` until the protocol is adjusted",
            ),
        );
        return;
    };
    let adjusted = adjustment.date.value.0;
    let second_day = adjusted + Days::new(POSTING_DAYS);
    let deadline = on_or_after_working_day(second_day);
    if posted < adjusted {
        found.push(
            Diagnostic::error(
                file,
                span_of(&posting.posted),
                format!(
                    "anslag uppsatt {} is before justering ({})",
                    day(posted),
                    day(adjusted)
                ),
            )
            .with_hint(format!(
                "the anslag is posted after justering: write a date from {adjusted} to {deadline}"
            )),
        );
    } else if posted > deadline {
        let why = if deadline == second_day {
            String::new()
        } else {
            format!(
                "; the second day, {}, {}, so the deadline moves to the next working day",
                day(second_day),
                not_working(second_day)
            )
        };
        found.push(
            Diagnostic::error(
                file,
                span_of(&posting.posted),
                format!(
                    "anslag uppsatt {} is too late: it must be posted at the latest {} \
                     (the second day after justering {}{why})",
                    day(posted),
                    day(deadline),
                    day(adjusted)
                ),
            )
            .with_hint(format!(
                "write the day the anslag was actually posted, {adjusted} to {deadline}; \
                 if it went up later, correct justering.datum or note the delay in the protocol"
            )),
        );
    }
}

/// "onsdag 2021-03-10".
fn day(date: NaiveDate) -> String {
    format!("{} {date}", calendar::weekday_name(date.weekday()))
}

/// Why `date` is no working day: "is julafton", "falls on a weekend".
fn not_working(date: NaiveDate) -> String {
    match calendar::holiday_name(date) {
        Some(name) => format!("is {name}"),
        None => "falls on a weekend".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity::{Error, Warning};
    use crate::validate::testing::{meeting, only, run};

    fn dates(tail: &str) -> Vec<crate::validate::testing::Found> {
        run(check, &meeting(tail))
    }

    #[test]
    fn a_meeting_that_ends_before_it_starts_is_an_error() {
        let yaml = meeting("").replace("09:00–12:00", "12:00–09:00");
        let found = run(check, &yaml);
        assert_eq!(
            only(&found),
            (Error, "tid ends at 09:00, before it starts at 12:00", 2, 6)
        );
        assert_eq!(
            found[0].hints,
            ["write start–slut with the end after the start, e.g. \"09:00–12:00\""]
        );
    }

    #[test]
    fn a_meeting_that_ends_when_it_starts_is_an_error() {
        let yaml = meeting("").replace("09:00–12:00", "10:00-10:00");
        assert_eq!(
            only(&run(check, &yaml)),
            (Error, "tid ends when it starts (10:00)", 2, 6)
        );
    }

    #[test]
    fn justering_before_the_meeting_is_an_error() {
        let found = dates("justering:\n  datum: 2021-03-09\n");
        assert_eq!(
            only(&found),
            (
                Error,
                "justering tisdag 2021-03-09 is before the meeting (onsdag 2021-03-10)",
                12,
                10
            )
        );
        assert_eq!(
            found[0].hints,
            ["the protocol is adjusted on or after the meeting day: write 2021-03-10 or later"]
        );
    }

    #[test]
    fn justering_more_than_two_weeks_late_is_a_warning() {
        assert!(dates("justering:\n  datum: 2021-03-24\n").is_empty());
        assert_eq!(
            only(&dates("justering:\n  datum: 2021-03-25\n")),
            (
                Warning,
                "justering torsdag 2021-03-25 is 15 days after the meeting; it should be at \
                 most 14 days after it (by onsdag 2021-03-24)",
                12,
                10
            )
        );
    }

    #[test]
    fn anslag_without_justering_is_an_error() {
        assert_eq!(
            only(&dates("anslag:\n  uppsatt: 2021-03-11\n")),
            (
                Error,
                "anslag is posted, but the protocol has no justering",
                12,
                12
            )
        );
    }

    #[test]
    fn anslag_before_justering_is_an_error() {
        let found = dates("justering:\n  datum: 2021-03-12\nanslag:\n  uppsatt: 2021-03-11\n");
        assert_eq!(
            only(&found),
            (
                Error,
                "anslag uppsatt torsdag 2021-03-11 is before justering (fredag 2021-03-12)",
                14,
                12
            )
        );
        assert_eq!(
            found[0].hints,
            ["the anslag is posted after justering: write a date from 2021-03-12 to 2021-03-15"]
        );
    }

    #[test]
    fn anslag_on_the_second_day_is_in_time() {
        // Justering Wednesday, second day Friday.
        let tail = "justering:\n  datum: 2021-03-10\nanslag:\n  uppsatt: 2021-03-12\n";
        assert!(dates(tail).is_empty());
    }

    #[test]
    fn anslag_after_the_second_day_is_an_error() {
        let tail = "justering:\n  datum: 2021-03-10\nanslag:\n  uppsatt: 2021-03-15\n";
        assert_eq!(
            only(&dates(tail)),
            (
                Error,
                "anslag uppsatt måndag 2021-03-15 is too late: it must be posted at the latest \
                 fredag 2021-03-12 (the second day after justering onsdag 2021-03-10)",
                14,
                12
            )
        );
    }

    #[test]
    fn a_deadline_on_a_weekend_or_holiday_moves_to_the_next_working_day() {
        // Justering Thursday 2021-03-11: the second day is a Saturday, so
        // Monday 2021-03-15 is still in time and Tuesday is late.
        let tail = "justering:\n  datum: 2021-03-11\nanslag:\n  uppsatt: 2021-03-15\n";
        assert!(dates(tail).is_empty());
        let late = tail.replace("2021-03-15", "2021-03-16");
        assert_eq!(
            only(&dates(&late)),
            (
                Error,
                "anslag uppsatt tisdag 2021-03-16 is too late: it must be posted at the latest \
                 måndag 2021-03-15 (the second day after justering torsdag 2021-03-11; the \
                 second day, lördag 2021-03-13, falls on a weekend, so the deadline moves to the next \
                 working day)",
                14,
                12
            )
        );
        // Justering 2021-12-22: the second day is julafton, then juldagen,
        // annandag jul (a Sunday): the deadline is Monday 2021-12-27.
        let yaml = meeting("justering:\n  datum: 2021-12-22\nanslag:\n  uppsatt: 2021-12-28\n")
            .replace("2021-03-10", "2021-12-20");
        let found = run(check, &yaml);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].message.contains(
                "at the latest måndag 2021-12-27 (the second day after justering onsdag \
                 2021-12-22; the second day, fredag 2021-12-24, is julafton"
            ),
            "{}",
            found[0].message
        );
    }
}
