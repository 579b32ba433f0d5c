//! `participation.rs`: `paragrafer` within the meeting, `ersätter`, quorum.

use crate::messages::count;

/// `taken` is the person's `paragrafer` ("§§ 2–4"), `meeting` the
/// meeting's §§ ("§§ 1–3"), `None` when it has none.
pub fn outside_meeting(name: &str, taken: &str, meeting: Option<&str>) -> String {
    let meeting = meeting.unwrap_or("inga §§");
    format!("{name} deltar enligt `paragrafer` i {taken}, men sammanträdet har {meeting}")
}

pub fn outside_empty_meeting_hint(name: &str) -> String {
    format!("lägg till sammanträdets §§ under `paragrafer`, eller ta bort `paragrafer` för {name}")
}

/// The meeting's first and last § number.
pub fn outside_meeting_hint(first: u32, last: u32) -> String {
    let numbers = if first == last {
        format!("paragrafnumret som det står i protokollet, {first}")
    } else {
        format!("paragrafnumren som de står i protokollet, från {first} till {last}")
    };
    format!("skriv {numbers}; utelämna `paragrafer` för den som deltog under hela sammanträdet")
}

/// `both` is the §§ both take part in ("§ 2"), `None` when it is all of
/// them.
pub fn replaces_present(substitute: &str, member: &str, both: Option<&str>) -> String {
    let when = both.map_or_else(String::new, |both| format!(" (båda deltar i {both})"));
    format!("{substitute} ersätter {member}, som också finns bland `beslutande`{when}")
}

pub fn replaces_present_hint(member: &str) -> String {
    format!(
        "en tjänstgörande ersättare går in för en ledamot som inte är där: flytta {member} \
         till `frånvarande`, eller ge båda `paragrafer` så att de tjänstgör i olika §§"
    )
}

/// `paragraphs` are the §§ short of quorum ("§§ 2–3"), `None` when it is
/// the whole meeting; `fewest` to `most` take part in them.
pub fn not_quorate(
    paragraphs: Option<&str>,
    fewest: usize,
    most: usize,
    seats: usize,
    needed: usize,
) -> String {
    let scope = match paragraphs {
        None => "sammanträdet är inte beslutfört".to_owned(),
        Some(paragraphs) => format!("sammanträdet är inte beslutfört i {paragraphs}"),
    };
    let present = if fewest == most {
        fewest.to_string()
    } else {
        format!("{fewest}–{most}")
    };
    let seats = count(seats, "ledamot", "ledamöter");
    format!(
        "{scope}: bara {present} av organets {seats} deltar, och det krävs mer än hälften \
         ({needed})"
    )
}

/// Where the seat count comes from: `ledamöter_antal`.
pub fn seats_from_count(seats: u32) -> String {
    format!("`ledamöter_antal: {seats}` i organ.yaml")
}

/// Where the seat count comes from: the roster under `ledamöter`.
pub fn seats_from_roster(members: usize) -> String {
    format!(
        "listan `ledamöter` i organ.yaml ({})",
        count(members, "ledamot", "ledamöter")
    )
}

/// `source` is [`seats_from_count`] or [`seats_from_roster`].
pub fn not_quorate_hint(source: &str) -> String {
    format!(
        "skriv alla som deltog under `beslutande` (även tjänstgörande ersättare, med \
         `ersätter`), med `paragrafer` för dem som kom senare eller gick tidigare; jäviga \
         räknas inte; antalet ledamöter kommer från {source}"
    )
}

/// `missed` are the §§ the justerare did not take part in ("§ 5").
pub fn adjuster_absent_whole(name: &str, missed: &str) -> String {
    format!("{name} justerar hela protokollet men deltog inte i {missed}")
}

/// `set` is the entry's `paragrafer` ("§§ 1–4"), `missed` those of them the
/// justerare did not take part in.
pub fn adjuster_absent(name: &str, set: &str, missed: &str) -> String {
    format!("{name} justerar {set} men deltog inte i {missed}")
}

/// `taken` are the §§ they took part in, as written under `paragrafer`
/// ("1–4").
pub fn adjuster_absent_whole_hint(name: &str, taken: &str, missed: &str) -> String {
    format!(
        "ge posten `paragrafer` för de §§ {name} deltog i, `{{namn: {name}, paragrafer: \
         \"{taken}\"}}`, med en annan justerare för {missed}; eller utse en annan justerare \
         i stället"
    )
}

pub fn adjuster_absent_hint(name: &str, taken: &str, missed: &str) -> String {
    format!(
        "skriv bara de §§ {name} deltog i under `paragrafer`, `{{namn: {name}, paragrafer: \
         \"{taken}\"}}`, med en annan justerare för {missed}; eller utse en annan justerare \
         i stället"
    )
}

pub fn adjuster_absent_everywhere_hint(name: &str) -> String {
    format!("{name} deltog inte i någon av de §§ som ska justeras: utse en annan justerare")
}

/// `roster`: the organ lists its `ledamöter`.
pub fn replaces_nobody(substitute: &str, member: &str, roster: bool) -> String {
    if roster {
        format!(
            "{substitute} ersätter {member}, som varken är ledamot enligt organ.yaml eller finns \
             bland `frånvarande`"
        )
    } else {
        format!("{substitute} ersätter {member}, som inte finns bland `frånvarande`")
    }
}

pub fn replaces_nobody_hint(roster: bool) -> String {
    if roster {
        "skriv namnet på ledamoten som ersätts exakt som det står under `ledamöter` i \
         organ.yaml, och lägg till ledamoten under `frånvarande`"
            .into()
    } else {
        "skriv namnet på ledamoten som ersätts exakt som det står under `frånvarande`, eller \
         lägg till ledamoten där"
            .into()
    }
}

pub fn voting_not_on_roster(name: &str) -> String {
    format!(
        "{name} står under `beslutande` men är varken ledamot eller ersättare enligt organ.yaml"
    )
}

pub fn voting_not_on_roster_hint(name: &str) -> String {
    format!(
        "skriv namnet exakt som det står under `ledamöter` eller `ersättare` i organ.yaml, \
         eller lägg till {name} där"
    )
}

pub fn substitute_not_on_roster(name: &str) -> String {
    format!("{name} står under `ersättare` men är inte ersättare enligt organ.yaml")
}

pub fn substitute_not_on_roster_hint(name: &str) -> String {
    format!(
        "skriv namnet exakt som det står under `ersättare` i organ.yaml, eller lägg till {name} \
         där; den som inte är ersättare i organet hör hemma under `övriga_deltagare`"
    )
}
