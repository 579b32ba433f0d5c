//! The Swedish calendar as the law counts days (lag 1930:173 om beräkning av
//! lagstadgad tid): which days are working days, and the appeal period of a
//! posted protocol. Also the Swedish names of weekdays and months, so that
//! no weekday is ever typed by hand.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Swedish name of a weekday, lower case ("fredag").
pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "måndag",
        Weekday::Tue => "tisdag",
        Weekday::Wed => "onsdag",
        Weekday::Thu => "torsdag",
        Weekday::Fri => "fredag",
        Weekday::Sat => "lördag",
        Weekday::Sun => "söndag",
    }
}

/// Swedish name of a month (1–12), lower case ("februari").
pub fn month_name(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ];
    NAMES[(month.clamp(1, 12) - 1) as usize]
}

/// "fredag den 26 februari 2021", for the middle of a sentence.
pub fn long_date_in_sentence(date: NaiveDate) -> String {
    format!(
        "{} den {} {} {}",
        weekday_name(date.weekday()),
        date.day(),
        month_name(date.month()),
        date.year()
    )
}

/// "Fredag den 26 februari 2021".
pub fn long_date(date: NaiveDate) -> String {
    let weekday = weekday_name(date.weekday());
    let mut capitalised = weekday[..1].to_uppercase();
    capitalised.push_str(&weekday[1..]);
    format!(
        "{capitalised} den {} {} {}",
        date.day(),
        month_name(date.month()),
        date.year()
    )
}

/// Easter Sunday of `year` (Gregorian; the anonymous algorithm of Meeus).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    // The algorithm only yields 22 March – 25 April, always a valid date.
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).unwrap_or(NaiveDate::MIN)
}

/// The public holiday (or holiday-like eve) falling on `date`, by its Swedish
/// name, counting the eves the law treats as holidays (midsommarafton,
/// julafton, nyårsafton). Sundays are not named here.
pub fn holiday_name(date: NaiveDate) -> Option<&'static str> {
    let easter = easter_sunday(date.year());
    let offset = (date - easter).num_days();
    match offset {
        -2 => return Some("långfredagen"),
        0 => return Some("påskdagen"),
        1 => return Some("annandag påsk"),
        39 => return Some("Kristi himmelsfärdsdag"),
        49 => return Some("pingstdagen"),
        _ => {}
    }
    let (month, day) = (date.month(), date.day());
    let weekday = date.weekday();
    match (month, day) {
        (1, 1) => Some("nyårsdagen"),
        (1, 6) => Some("trettondedag jul"),
        (5, 1) => Some("första maj"),
        (6, 6) => Some("Sveriges nationaldag"),
        (6, 19..=25) if weekday == Weekday::Fri => Some("midsommarafton"),
        (6, 20..=26) if weekday == Weekday::Sat => Some("midsommardagen"),
        (10, 31) | (11, 1..=6) if weekday == Weekday::Sat => Some("alla helgons dag"),
        (12, 24) => Some("julafton"),
        (12, 25) => Some("juldagen"),
        (12, 26) => Some("annandag jul"),
        (12, 31) => Some("nyårsafton"),
        _ => None,
    }
}

/// Whether a deadline may end on `date`: not a Saturday, Sunday, public
/// holiday, midsommarafton, julafton or nyårsafton.
pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && holiday_name(date).is_none()
}

/// `date` itself when it is a working day, else the next working day.
pub fn on_or_after_working_day(date: NaiveDate) -> NaiveDate {
    let mut day = date;
    while !is_working_day(day) {
        day = day + Days::new(1);
    }
    day
}

/// The last day to appeal a decision whose protocol was posted on `posted`:
/// three weeks later, moved to the next working day (kommunallagen 13 kap. 6 §
/// with lag 1930:173).
pub fn last_appeal_day(posted: NaiveDate) -> NaiveDate {
    on_or_after_working_day(posted + Days::new(21))
}

/// The second day after justering, by which the anslag must go up
/// (kommunallagen 8 kap. 12 §), before any move off a holiday.
pub fn second_day_after(adjusted: NaiveDate) -> NaiveDate {
    adjusted + Days::new(2)
}

/// The last day the anslag of a protocol justerat on `adjusted` may go up:
/// the second day after, moved to the next working day.
pub fn last_posting_day(adjusted: NaiveDate) -> NaiveDate {
    on_or_after_working_day(second_day_after(adjusted))
}

/// The day the notice is taken down: the day after the last day to appeal.
pub fn take_down_day(posted: NaiveDate) -> NaiveDate {
    last_appeal_day(posted) + Days::new(1)
}

/// The UTC offset of Swedish time on `date` in the daytime, as RFC 3339
/// writes it: "+02:00" from the last Sunday of March (summer time begins at
/// 02:00) to the day before the last Sunday of October (it ends at 03:00),
/// else "+01:00". Meetings are held in the daytime, so the hours of the two
/// changeover nights need no care.
pub fn swedish_offset(date: NaiveDate) -> &'static str {
    let last_sunday = |month: u32| {
        let mut day = NaiveDate::from_ymd_opt(date.year(), month, 31).unwrap_or(date);
        while day.weekday() != Weekday::Sun {
            day = day - Days::new(1);
        }
        day
    };
    if last_sunday(3) <= date && date < last_sunday(10) {
        "+02:00"
    } else {
        "+01:00"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn summer_time_runs_from_the_last_sunday_of_march_to_that_of_october() {
        // 2021: summer time from 28 March to 31 October.
        assert_eq!(swedish_offset(date("2021-03-27")), "+01:00");
        assert_eq!(swedish_offset(date("2021-03-28")), "+02:00");
        assert_eq!(swedish_offset(date("2021-10-30")), "+02:00");
        assert_eq!(swedish_offset(date("2021-10-31")), "+01:00");
        assert_eq!(swedish_offset(date("2021-02-26")), "+01:00");
        assert_eq!(swedish_offset(date("2017-09-27")), "+02:00");
    }

    #[test]
    fn easter_matches_published_dates() {
        for (year, easter) in [
            (2019, "2019-04-21"),
            (2020, "2020-04-12"),
            (2021, "2021-04-04"),
            (2022, "2022-04-17"),
            (2023, "2023-04-09"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2038, "2038-04-25"),
        ] {
            assert_eq!(easter_sunday(year), date(easter), "{year}");
        }
    }

    #[test]
    fn holidays_and_eves_are_named() {
        for (day, name) in [
            ("2021-04-02", "långfredagen"),
            ("2021-04-05", "annandag påsk"),
            ("2021-05-13", "Kristi himmelsfärdsdag"),
            ("2021-06-25", "midsommarafton"),
            ("2024-06-21", "midsommarafton"),
            ("2021-11-06", "alla helgons dag"),
            ("2020-10-31", "alla helgons dag"),
            ("2021-12-24", "julafton"),
            ("2021-12-31", "nyårsafton"),
            ("2022-01-06", "trettondedag jul"),
            ("2026-06-06", "Sveriges nationaldag"),
        ] {
            assert_eq!(holiday_name(date(day)), Some(name), "{day}");
        }
        assert_eq!(holiday_name(date("2021-06-24")), None);
        assert_eq!(holiday_name(date("2021-03-04")), None);
    }

    #[test]
    fn appeal_days_move_past_weekends_and_holidays() {
        for (posted, last) in [
            // Plain case: three weeks from a Thursday is a Thursday.
            ("2021-03-04", "2021-03-25"),
            // Lands on a Saturday → Monday.
            ("2021-03-06", "2021-03-29"),
            // Lands on långfredagen 2021-04-02 → Tuesday after annandag påsk.
            ("2021-03-12", "2021-04-06"),
            // Lands on midsommarafton 2021-06-25 → Monday 28 June.
            ("2021-06-04", "2021-06-28"),
            // Lands on julafton 2021 (Friday) → Monday 27 December.
            ("2021-12-03", "2021-12-27"),
            // Lands on nyårsafton 2021 → Monday 3 January 2022.
            ("2021-12-10", "2022-01-03"),
            // Lands on Kristi himmelsfärdsdag 2022-05-26 → Friday 27 May.
            ("2022-05-05", "2022-05-27"),
        ] {
            assert_eq!(last_appeal_day(date(posted)), date(last), "posted {posted}");
        }
        assert_eq!(take_down_day(date("2021-03-04")), date("2021-03-26"));
    }

    /// Each row is `(posted, last appeal day, take-down day)`, worked out by
    /// hand (Python `datetime`, Easter Sundays typed from an almanac:
    /// 2019-04-21, 2020-04-12, 2021-04-04, 2022-04-17, 2023-04-09,
    /// 2024-03-31, 2025-04-20, 2026-04-05, 2027-03-28), never by calling the
    /// functions under test. The comment follows the deadline: posted + 21
    /// days, then every day that is not a working day until the first that is.
    /// The take-down day is simply the next day, even a Saturday.
    #[test]
    fn appeal_days_match_a_hand_checked_table() {
        #[rustfmt::skip]
        let table = [
            // Easter.
            ("2022-03-25", "2022-04-19", "2022-04-20"), // 21 days = 2022-04-15 långfredagen → 04-16 lör → 04-17 påskdagen → 04-18 annandag påsk → 04-19
            ("2019-03-29", "2019-04-23", "2019-04-24"), // 21 days = 2019-04-19 långfredagen → 04-20 lör → 04-21 påskdagen → 04-22 annandag påsk → 04-23
            ("2024-03-10", "2024-04-02", "2024-04-03"), // 21 days = 2024-03-31 påskdagen (sön) → 04-01 annandag påsk → 04-02
            ("2025-03-31", "2025-04-22", "2025-04-23"), // 21 days = 2025-04-21 annandag påsk → 04-22
            // Kristi himmelsfärdsdag (Easter + 39, a Thursday).
            ("2023-04-27", "2023-05-19", "2023-05-20"), // 21 days = 2023-05-18 Kristi himmelsfärdsdag → 05-19 fre (take-down a Saturday)
            ("2026-04-23", "2026-05-15", "2026-05-16"), // 21 days = 2026-05-14 Kristi himmelsfärdsdag → 05-15 fre
            ("2027-04-15", "2027-05-07", "2027-05-08"), // 21 days = 2027-05-06 Kristi himmelsfärdsdag → 05-07 fre
            // Första maj.
            ("2023-04-10", "2023-05-02", "2023-05-03"), // 21 days = 2023-05-01 första maj (mån) → 05-02
            ("2020-04-10", "2020-05-04", "2020-05-05"), // 21 days = 2020-05-01 första maj (fre) → 05-02 lör → 05-03 sön → 05-04
            ("2026-04-10", "2026-05-04", "2026-05-05"), // 21 days = 2026-05-01 första maj (fre) → 05-02 lör → 05-03 sön → 05-04
            // Nationaldagen.
            ("2023-05-16", "2023-06-07", "2023-06-08"), // 21 days = 2023-06-06 nationaldagen (tis) → 06-07
            ("2025-05-16", "2025-06-09", "2025-06-10"), // 21 days = 2025-06-06 nationaldagen (fre) → 06-07 lör → 06-08 pingstdagen → 06-09 (annandag pingst is no holiday)
            // Midsommar.
            ("2024-05-31", "2024-06-24", "2024-06-25"), // 21 days = 2024-06-21 midsommarafton → 06-22 midsommardagen → 06-23 sön → 06-24
            ("2020-05-29", "2020-06-22", "2020-06-23"), // 21 days = 2020-06-19 midsommarafton → 06-20 midsommardagen → 06-21 sön → 06-22
            ("2026-05-30", "2026-06-22", "2026-06-23"), // 21 days = 2026-06-20 midsommardagen → 06-21 sön → 06-22
            ("2024-05-30", "2024-06-20", "2024-06-21"), // 21 days = 2024-06-20 tor, the day before midsommarafton: no move
            ("2021-06-03", "2021-06-24", "2021-06-25"), // 21 days = 2021-06-24 tor (old midsommardagen date, not a holiday): no move
            // Alla helgons dag.
            ("2025-10-11", "2025-11-03", "2025-11-04"), // 21 days = 2025-11-01 alla helgons dag → 11-02 sön → 11-03
            ("2020-10-10", "2020-11-02", "2020-11-03"), // 21 days = 2020-10-31 alla helgons dag → 11-01 sön → 11-02
            // Jul and nyår.
            ("2021-12-03", "2021-12-27", "2021-12-28"), // 21 days = 2021-12-24 julafton (fre) → 12-25 juldagen (lör) → 12-26 annandag jul (sön) → 12-27
            ("2019-12-03", "2019-12-27", "2019-12-28"), // 21 days = 2019-12-24 julafton (tis) → 12-25 juldagen → 12-26 annandag jul → 12-27
            ("2023-12-03", "2023-12-27", "2023-12-28"), // 21 days = 2023-12-24 julafton (sön) → 12-25 juldagen → 12-26 annandag jul → 12-27
            ("2025-12-02", "2025-12-23", "2025-12-24"), // 21 days = 2025-12-23 tis, not an eve: no move (take-down on julafton)
            ("2024-12-10", "2025-01-02", "2025-01-03"), // 21 days = 2024-12-31 nyårsafton → 2025-01-01 nyårsdagen → 01-02
            ("2021-12-10", "2022-01-03", "2022-01-04"), // 21 days = 2021-12-31 nyårsafton → 2022-01-01 nyårsdagen (lör) → 01-02 sön → 01-03
            ("2022-12-16", "2023-01-09", "2023-01-10"), // 21 days = 2023-01-06 trettondedag jul (fre) → 01-07 lör → 01-08 sön → 01-09
            ("2026-12-16", "2027-01-07", "2027-01-08"), // 21 days = 2027-01-06 trettondedag jul (ons) → 01-07
            // Plain weekends.
            ("2023-02-18", "2023-03-13", "2023-03-14"), // 21 days = 2023-03-11 lör → 03-12 sön → 03-13
            ("2026-02-22", "2026-03-16", "2026-03-17"), // 21 days = 2026-03-15 sön → 03-16
            // Ordinary weekdays.
            ("2019-08-20", "2019-09-10", "2019-09-11"), // 21 days = 2019-09-10 tis: no move
            ("2027-01-27", "2027-02-17", "2027-02-18"), // 21 days = 2027-02-17 ons: no move
        ];
        assert!(table.len() >= 24);
        for (posted, last, down) in table {
            assert_eq!(
                last_appeal_day(date(posted)),
                date(last),
                "last appeal day, posted {posted}"
            );
            assert_eq!(
                take_down_day(date(posted)),
                date(down),
                "take-down day, posted {posted}"
            );
        }
    }

    #[test]
    fn long_dates_name_the_weekday() {
        assert_eq!(long_date(date("2021-02-26")), "Fredag den 26 februari 2021");
        assert_eq!(
            long_date(date("2017-09-27")),
            "Onsdag den 27 september 2017"
        );
    }
}
