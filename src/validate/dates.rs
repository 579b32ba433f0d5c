//! Rules about time: the meeting ends after it starts, justering follows the
//! meeting within two weeks, and the anslag goes up after justering and at
//! the latest the second day after it (lag 1930:173 om beräkning av
//! lagstadgad tid moves a deadline off weekends and holidays).

use chrono::{Datelike, Days, NaiveDate};

use crate::calendar;
use crate::diagnostic::Diagnostic;
use crate::messages::validate::dates as say;
use crate::parse::span_of;

use super::Subject;

/// Days after the meeting by which justering normally happens.
const ADJUSTMENT_DAYS: u64 = 14;

/// Days before a fullmäktige meeting by which its kungörelse must be up
/// (kommunallagen 5 kap. 53 §).
const PROCLAMATION_DAYS: u64 = 7;

pub(super) fn check(subject: &Subject, found: &mut Vec<Diagnostic>) {
    named_by_date(subject, found);
    proclaimed_in_time(subject, found);
    noticed_before(subject, found);
    let file = subject.file;
    let meeting = &subject.meeting.meeting;
    let time = &meeting.time;
    for &(start, end) in &time.value.sittings {
        if end <= start {
            let same = end == start;
            let (start, end) = (
                start.format("%H:%M").to_string(),
                end.format("%H:%M").to_string(),
            );
            let message = if same {
                say::ends_when_it_starts(&start)
            } else {
                say::ends_before_it_starts(&start, &end)
            };
            found.push(
                Diagnostic::error(file, span_of(time), message)
                    .with_hint(say::ends_before_it_starts_hint()),
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
                    say::sittings_overlap(
                        &started.format("%H:%M").to_string(),
                        &ended.format("%H:%M").to_string(),
                    ),
                )
                .with_hint(say::sittings_overlap_hint()),
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
                    say::adjournment_outside(
                        &adjournment.value.display().to_string(),
                        &time.value.display().to_string(),
                    ),
                )
                .with_hint(say::adjournment_outside_hint()),
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
                    say::adjusted_before_meeting(&day(adjusted), &day(held)),
                )
                .with_hint(say::adjusted_before_meeting_hint(&held.to_string())),
            );
        } else if adjusted > latest {
            found.push(
                Diagnostic::warning(
                    file,
                    span_of(&adjustment.date),
                    say::adjusted_late(
                        &day(adjusted),
                        (adjusted - held).num_days(),
                        ADJUSTMENT_DAYS,
                        &day(latest),
                    ),
                )
                .with_hint(say::adjusted_late_hint(&latest.to_string())),
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
                say::posted_without_adjustment(),
            )
            .with_hint(say::posted_without_adjustment_hint()),
        );
        return;
    };
    let adjusted = adjustment.date.value.0;
    let second_day = calendar::second_day_after(adjusted);
    let deadline = calendar::last_posting_day(adjusted);
    if posted < adjusted {
        found.push(
            Diagnostic::error(
                file,
                span_of(&posting.posted),
                say::posted_before_adjustment(&day(posted), &day(adjusted)),
            )
            .with_hint(say::posted_before_adjustment_hint(
                &adjusted.to_string(),
                &deadline.to_string(),
            )),
        );
    } else if posted > deadline && posting.note.is_none() {
        // A late notice must still go up and the protocol still exists: a
        // warning, silenced by an `anmärkning` that notes the delay.
        let moved = (deadline != second_day).then(|| (day(second_day), not_working(second_day)));
        found.push(
            Diagnostic::warning(
                file,
                span_of(&posting.posted),
                say::posted_late(
                    &day(posted),
                    &day(deadline),
                    &day(adjusted),
                    moved.as_ref().map(|(d, why)| (d.as_str(), why.as_str())),
                ),
            )
            .with_hint(say::posted_late_hint(
                &adjusted.to_string(),
                &deadline.to_string(),
            )),
        );
    }
}

/// The kungörelse goes up at the latest a week before the meeting.
fn proclaimed_in_time(subject: &Subject, found: &mut Vec<Diagnostic>) {
    let meeting = &subject.meeting.meeting;
    let Some(proclamation) = &meeting.proclamation else {
        return;
    };
    let posted = proclamation.posted.value.0;
    let held = meeting.date.value.0;
    let latest = held - Days::new(PROCLAMATION_DAYS);
    if posted > latest {
        found.push(
            Diagnostic::warning(
                subject.file,
                span_of(&proclamation.posted),
                say::proclaimed_late(&day(posted), &day(held), (held - posted).num_days()),
            )
            .with_hint(say::proclaimed_late_hint(&latest.to_string())),
        );
    }
}

/// A kallelse goes out before the meeting it calls to.
fn noticed_before(subject: &Subject, found: &mut Vec<Diagnostic>) {
    let meeting = &subject.meeting.meeting;
    let Some(notice) = &meeting.notice else {
        return;
    };
    let (sent, held) = (notice.sent.value.0, meeting.date.value.0);
    if sent > held {
        found.push(
            Diagnostic::error(
                subject.file,
                span_of(&notice.sent),
                say::notice_sent_after_meeting(&day(sent), &day(held)),
            )
            .with_hint(say::notice_sent_after_meeting_hint()),
        );
    }
}

/// A meeting file is `<år>/<datum>.yaml` (FORMAT.md): `datum` is the date
/// its name starts with, in the year its folder names. A file whose name
/// does not start with a date is not held to it.
fn named_by_date(subject: &Subject, found: &mut Vec<Diagnostic>) {
    let date = &subject.meeting.meeting.date;
    let written = date.value.0;
    let name = subject
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let named = name
        .get(..10)
        .and_then(|start| NaiveDate::parse_from_str(start, "%Y-%m-%d").ok());
    if let Some(named) = named
        && named != written
    {
        found.push(
            Diagnostic::error(
                subject.file,
                span_of(date),
                say::date_differs_from_file_name(&written.to_string(), &name),
            )
            .with_hint(say::date_differs_from_file_name_hint(
                &written.to_string(),
                &named.to_string(),
            )),
        );
        return;
    }
    let folder_year = subject
        .file
        .parent()
        .and_then(|dir| dir.file_name())
        .and_then(|n| n.to_str())
        .filter(|n| n.len() == 4)
        .and_then(|n| n.parse::<i32>().ok());
    if let Some(year) = folder_year
        && year != written.year()
    {
        found.push(
            Diagnostic::error(
                subject.file,
                span_of(date),
                say::date_differs_from_year_folder(&written.to_string(), year),
            )
            .with_hint(say::date_differs_from_year_folder_hint(written.year())),
        );
    }
}

/// "onsdag 2021-03-10".
fn day(date: NaiveDate) -> String {
    format!("{} {date}", calendar::weekday_name(date.weekday()))
}

/// Why `date` is no working day: "är julafton", "infaller på en helg".
fn not_working(date: NaiveDate) -> String {
    match calendar::holiday_name(date) {
        Some(name) => say::holiday(name),
        None => say::weekend(),
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
    fn datum_must_be_the_file_name_and_its_year_folder() {
        let yaml = meeting("");
        let at = |path: &str| {
            crate::validate::testing::run_at(
                check,
                std::path::Path::new(path),
                crate::validate::testing::ORGAN,
                &yaml,
                &[],
            )
        };
        assert!(at("bun/2021/2021-03-10.yaml").is_empty());
        assert!(at("bun/2021/extra-möte.yaml").is_empty());
        assert_eq!(
            only(&at("bun/2021/2021-03-11.yaml")),
            (
                Error,
                "`datum` är 2021-03-10, men filen heter 2021-03-11.yaml",
                1,
                8
            )
        );
        assert_eq!(
            only(&at("bun/2020/2021-03-10.yaml")),
            (
                Error,
                "`datum` är 2021-03-10, men filen ligger i mappen 2020",
                1,
                8
            )
        );
    }

    #[test]
    fn a_meeting_that_ends_before_it_starts_is_an_error() {
        let yaml = meeting("").replace("09:00–12:00", "12:00–09:00");
        let found = run(check, &yaml);
        assert_eq!(
            only(&found),
            (
                Error,
                "`tid` slutar kl. 09:00, före starten kl. 12:00",
                2,
                6
            )
        );
        assert_eq!(
            found[0].hints,
            ["skriv start–slut med sluttiden efter starttiden, t.ex. \"09:00–12:00\""]
        );
    }

    #[test]
    fn a_meeting_that_ends_when_it_starts_is_an_error() {
        let yaml = meeting("").replace("09:00–12:00", "10:00-10:00");
        assert_eq!(
            only(&run(check, &yaml)),
            (Error, "`tid` börjar och slutar kl. 10:00", 2, 6)
        );
    }

    #[test]
    fn a_kungörelse_less_than_a_week_before_the_meeting_is_a_warning() {
        assert!(dates("kungörelse:\n  uppsatt: 2021-03-03\n").is_empty());
        let found = dates("kungörelse:\n  uppsatt: 2021-03-05\n");
        assert_eq!(
            only(&found),
            (
                Warning,
                "kungörelsen är uppsatt fredag 2021-03-05, bara 5 dagar före sammanträdet \
                 onsdag 2021-03-10; den ska vara uppe minst en vecka före",
                12,
                12
            )
        );
        assert_eq!(
            found[0].hints,
            [
                "kommunallagen 5 kap. 53 §: kungörelsen sätts upp på anslagstavlan senast en \
                 vecka före sammanträdet, alltså senast 2021-03-03"
            ]
        );
        let after = dates("kungörelse:\n  uppsatt: 2021-03-10\n");
        assert_eq!(
            only(&after).1,
            "kungörelsen är uppsatt onsdag 2021-03-10, inte före sammanträdet onsdag 2021-03-10"
        );
    }

    #[test]
    fn justering_before_the_meeting_is_an_error() {
        let found = dates("justering:\n  datum: 2021-03-09\n");
        assert_eq!(
            only(&found),
            (
                Error,
                "justeringen är satt till tisdag 2021-03-09, före sammanträdet onsdag 2021-03-10",
                12,
                10
            )
        );
        assert_eq!(
            found[0].hints,
            [
                "protokollet justeras tidigast samma dag som sammanträdet: skriv 2021-03-10 \
                 eller senare"
            ]
        );
    }

    #[test]
    fn justering_more_than_two_weeks_late_is_a_warning() {
        assert!(dates("justering:\n  datum: 2021-03-24\n").is_empty());
        assert_eq!(
            only(&dates("justering:\n  datum: 2021-03-25\n")),
            (
                Warning,
                "justeringen är satt till torsdag 2021-03-25, 15 dagar efter sammanträdet; den \
                 bör ske inom 14 dagar (senast onsdag 2021-03-24)",
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
                "anslaget är uppsatt, men protokollet har ingen `justering`",
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
                "anslaget är uppsatt torsdag 2021-03-11, före justeringen fredag 2021-03-12",
                14,
                12
            )
        );
        assert_eq!(
            found[0].hints,
            [
                "anslaget sätts upp tidigast samma dag som protokollet justeras: skriv ett datum \
                 från och med 2021-03-12 till och med 2021-03-15"
            ]
        );
    }

    #[test]
    fn anslag_on_the_second_day_is_in_time() {
        // Justering Wednesday, second day Friday.
        let tail = "justering:\n  datum: 2021-03-10\nanslag:\n  uppsatt: 2021-03-12\n";
        assert!(dates(tail).is_empty());
    }

    #[test]
    fn anslag_after_the_second_day_is_a_warning_unless_noted() {
        let tail = "justering:\n  datum: 2021-03-10\nanslag:\n  uppsatt: 2021-03-15\n";
        let noted = format!("{tail}  anmärkning: Uppsatt sent på grund av strömavbrott.\n");
        assert!(dates(&noted).is_empty(), "{:#?}", dates(&noted));
        assert_eq!(
            only(&dates(tail)),
            (
                Warning,
                "anslaget är uppsatt måndag 2021-03-15, för sent: det ska sättas upp senast \
                 fredag 2021-03-12 (andra dagen efter justeringen onsdag 2021-03-10)",
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
                Warning,
                "anslaget är uppsatt tisdag 2021-03-16, för sent: det ska sättas upp senast \
                 måndag 2021-03-15 (andra dagen efter justeringen torsdag 2021-03-11; andra \
                 dagen, lördag 2021-03-13, infaller på en helg, så fristen flyttas till nästa \
                 vardag)",
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
                "senast måndag 2021-12-27 (andra dagen efter justeringen onsdag 2021-12-22; \
                 andra dagen, fredag 2021-12-24, är julafton"
            ),
            "{}",
            found[0].message
        );
    }
}
