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
