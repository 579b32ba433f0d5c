//! `dates.rs`: `tid`, ajourneringar, `justering.datum`, `anslag.uppsatt` and `kungörelse.uppsatt`.

use crate::messages::count;

/// Times are "09:00".
pub fn ends_when_it_starts(time: &str) -> String {
    format!("`tid` börjar och slutar kl. {time}")
}

pub fn ends_before_it_starts(start: &str, end: &str) -> String {
    format!("`tid` slutar kl. {end}, före starten kl. {start}")
}

pub fn ends_before_it_starts_hint() -> String {
    "skriv start–slut med sluttiden efter starttiden, t.ex. \"09:00–12:00\"".into()
}

pub fn sittings_overlap(started: &str, ended: &str) -> String {
    format!("sammanträdespasset kl. {started} börjar innan det förra slutat kl. {ended}")
}

pub fn sittings_overlap_hint() -> String {
    "skriv passen i tidsordning, t.ex. \"09:00–12:00, 14:25–14:45\"".into()
}

pub fn adjournment_outside(adjournment: &str, time: &str) -> String {
    format!("ajourneringen {adjournment} ligger inte inom sammanträdets tid {time}")
}

pub fn adjournment_outside_hint() -> String {
    "skriv en ajournering som TT:MM–TT:MM mellan sammanträdets start och slut, t.ex. \
     \"10:25–10:42\""
        .into()
}

/// Days are "onsdag 2021-03-10"; `held` in the hint is the bare date.
pub fn adjusted_before_meeting(adjusted: &str, held: &str) -> String {
    format!("justeringen är satt till {adjusted}, före sammanträdet {held}")
}

pub fn adjusted_before_meeting_hint(held: &str) -> String {
    format!("protokollet justeras tidigast samma dag som sammanträdet: skriv {held} eller senare")
}

/// A warning: justering `days` after the meeting, more than `allowed`.
pub fn adjusted_late(adjusted: &str, days: i64, allowed: u64, latest: &str) -> String {
    let days = count(days.unsigned_abs() as usize, "dag", "dagar");
    let allowed = count(allowed as usize, "dag", "dagar");
    format!(
        "justeringen är satt till {adjusted}, {days} efter sammanträdet; den bör ske inom \
         {allowed} (senast {latest})"
    )
}

pub fn adjusted_late_hint(latest: &str) -> String {
    format!(
        "kontrollera datumet: justeringen bör vara klar senast {latest}, två veckor efter \
         sammanträdet"
    )
}

/// `days` may be zero or negative: the kungörelse went up on or after the day.
pub fn proclaimed_late(posted: &str, held: &str, days: i64) -> String {
    if days <= 0 {
        format!("kungörelsen är uppsatt {posted}, inte före sammanträdet {held}")
    } else {
        format!(
            "kungörelsen är uppsatt {posted}, bara {} före sammanträdet {held}; den ska \
             vara uppe minst en vecka före",
            count(days.unsigned_abs() as usize, "dag", "dagar")
        )
    }
}

/// A bare date: the last day the kungörelse may go up.
pub fn proclaimed_late_hint(latest: &str) -> String {
    format!(
        "kommunallagen 5 kap. 53 §: kungörelsen sätts upp på anslagstavlan senast en vecka \
         före sammanträdet, alltså senast {latest}"
    )
}

pub fn notice_sent_after_meeting(sent: &str, held: &str) -> String {
    format!("kallelsen är utskickad {sent}, efter sammanträdet {held}")
}

pub fn notice_sent_after_meeting_hint() -> String {
    "`kallelse: utskickad` är dagen kallelsen skickades ut, före sammanträdet; rätta datumet".into()
}

pub fn posted_without_adjustment() -> String {
    "anslaget är uppsatt, men protokollet har ingen `justering`".into()
}

pub fn posted_without_adjustment_hint() -> String {
    "lägg till `justering:` med `datum:` (anslaget sätts upp efter justeringen), eller ta \
     bort `anslag` tills protokollet är justerat"
        .into()
}

pub fn posted_before_adjustment(posted: &str, adjusted: &str) -> String {
    format!("anslaget är uppsatt {posted}, före justeringen {adjusted}")
}

/// Bare dates: the first and the last day the anslag may go up.
pub fn posted_before_adjustment_hint(adjusted: &str, deadline: &str) -> String {
    format!(
        "anslaget sätts upp tidigast samma dag som protokollet justeras: skriv ett datum från \
         och med {adjusted} till och med {deadline}"
    )
}

/// `moved` is set when the second day after justering is no working
/// day: that day and why ([`holiday`] or [`weekend`]).
pub fn posted_late(
    posted: &str,
    deadline: &str,
    adjusted: &str,
    moved: Option<(&str, &str)>,
) -> String {
    let why = match moved {
        None => String::new(),
        Some((second_day, reason)) => {
            format!("; andra dagen, {second_day}, {reason}, så fristen flyttas till nästa vardag")
        }
    };
    format!(
        "anslaget är uppsatt {posted}, för sent: det ska sättas upp senast {deadline} \
         (andra dagen efter justeringen {adjusted}{why})"
    )
}

/// Why a day is no working day: "är julafton".
pub fn holiday(name: &str) -> String {
    format!("är {name}")
}

/// Why a day is no working day: a Saturday or Sunday.
pub fn weekend() -> String {
    "infaller på en helg".into()
}

/// Bare dates: the first and the last day the anslag may go up.
pub fn posted_late_hint(adjusted: &str, deadline: &str) -> String {
    format!(
        "skriv den dag anslaget faktiskt sattes upp, från och med {adjusted} till och med \
         {deadline}; sattes det upp senare, skriv varför under `anslag` som \
         `anmärkning: \"…\"` (den skrivs ut i rutan ANSLAG/BEVIS)"
    )
}

pub fn date_differs_from_file_name(date: &str, file_name: &str) -> String {
    format!("`datum` är {date}, men filen heter {file_name}")
}

pub fn date_differs_from_file_name_hint(date: &str, named: &str) -> String {
    format!(
        "en mötesfil heter som sitt datum: byt namn på filen till {date}.yaml, eller rätta \
         `datum` till {named}"
    )
}

pub fn date_differs_from_year_folder(date: &str, year: i32) -> String {
    format!("`datum` är {date}, men filen ligger i mappen {year}")
}

pub fn date_differs_from_year_folder_hint(year: i32) -> String {
    format!("flytta filen till organets mapp {year}/, eller rätta `datum`")
}
