//! `votes.rs`: who votes, enters a reservation or is jävig in a §.

use crate::messages::{and_list, count};

/// What a name under omröstning does: "röstar i § 7".
pub fn act_vote(paragraph: &str) -> String {
    format!("röstar i {paragraph}")
}

/// What a name under reservationer does: "reserverar sig i § 7".
pub fn act_dissent(paragraph: &str) -> String {
    format!("reserverar sig i {paragraph}")
}

/// What a name under jäv is: "är antecknad som jävig i § 7".
pub fn act_conflict(paragraph: &str) -> String {
    format!("är antecknad som jävig i {paragraph}")
}

/// `act` is one of the `act_…` phrases.
pub fn not_among_voting(name: &str, act: &str) -> String {
    format!("{name} {act} men finns inte bland `beslutande`")
}

pub fn not_among_voting_hint(name: &str) -> String {
    format!("skriv namnet exakt som det står under `beslutande`, eller lägg till {name} där")
}

/// `taken` is the person's `paragrafer`, "§§ 1–2".
pub fn not_taking_part(name: &str, act: &str, taken: &str) -> String {
    format!("{name} {act} men deltar enligt `paragrafer` bara i {taken}")
}

/// `list` is the key the name stands under in the § (`nej`,
/// `reservationer`, `jäv` …), `number` the bare § number.
pub fn not_taking_part_hint(name: &str, list: &str, paragraph: &str, number: u32) -> String {
    format!(
        "ta bort {name} från `{list}` i {paragraph}, eller lägg till {number} i `paragrafer` \
         för {name} under `beslutande`"
    )
}

pub fn conflicted(name: &str, act: &str) -> String {
    format!("{name} {act} men är jävig i samma paragraf")
}

/// `list` is `ja`, `nej` or `avstår`.
pub fn conflicted_vote_hint(name: &str, list: &str) -> String {
    format!(
        "den som är jävig får inte rösta: ta bort {name} från `{list}`, eller från `jäv` om \
         jävet är ett misstag"
    )
}

pub fn conflicted_dissent_hint(name: &str) -> String {
    format!(
        "den som är jävig deltar inte i beslutet och kan inte reservera sig: ta bort \
         reservationen, eller ta bort {name} från `jäv` om jävet är ett misstag"
    )
}

/// `first` and `second` are the lists (`ja`, `nej`, `avstår`) the name
/// stands under.
pub fn votes_twice(name: &str, paragraph: &str, first: &str, second: &str) -> String {
    if first == second {
        format!("{name} röstar två gånger i {paragraph} (båda gångerna under `{first}`)")
    } else {
        format!("{name} röstar två gånger i {paragraph} (under `{first}` och under `{second}`)")
    }
}

pub fn votes_twice_hint(name: &str) -> String {
    format!("varje ledamot har en röst: låt {name} stå under bara en av `ja`, `nej` och `avstår`")
}

pub fn too_many_votes(
    paragraph: &str,
    yes: usize,
    no: usize,
    abstain: usize,
    eligible: usize,
) -> String {
    let votes = count(yes + no + abstain, "röst", "röster");
    let who = match eligible {
        0 => "ingen av de beslutande".to_owned(),
        n => format!("bara {n} av de beslutande"),
    };
    format!(
        "{paragraph} har {votes} (ja {yes}, nej {no}, avstår {abstain}), men {who} kan \
         rösta där"
    )
}

pub fn too_many_votes_hint(paragraph: &str, eligible: usize) -> String {
    format!(
        "en röst för var och en av de beslutande som deltar i {paragraph} och inte är jäviga: \
         högst {eligible} namn under `ja`, `nej` och `avstår` tillsammans"
    )
}

/// `side` is `ja` or `nej`: the side with more votes.
pub fn dissent_by_a_winner(name: &str, paragraph: &str, side: &str) -> String {
    format!("{name} reserverar sig i {paragraph} men röstade för beslutet (`{side}`)")
}

pub fn dissent_by_a_winner_hint(name: &str, side: &str) -> String {
    format!(
        "bara den som röstade mot beslutet kan reservera sig mot det: ta bort reservationen \
         (en `protokollsanteckningar` går att föra ändå), eller flytta {name} från `{side}` om \
         rösten är fel antecknad"
    )
}

pub fn dissent_by_an_abstainer(name: &str, paragraph: &str) -> String {
    format!("{name} reserverar sig i {paragraph} men avstod från att rösta (`avstår`)")
}

pub fn dissent_by_an_abstainer_hint(name: &str) -> String {
    format!(
        "den som avstår deltar inte i beslutet och kan inte reservera sig mot det: ta bort \
         reservationen (en `protokollsanteckningar` går att föra ändå), eller flytta {name} \
         från `avstår` om rösten är fel antecknad"
    )
}

pub fn tie_without_the_chair(paragraph: &str, each: usize, chair: &str) -> String {
    format!(
        "omröstningen i {paragraph} slutar lika, {each}–{each}, men ordföranden {chair} finns \
         varken under `ja` eller `nej`"
    )
}

pub fn tie_without_the_chair_hint(chair: &str) -> String {
    format!(
        "vid lika röstetal avgör ordförandens röst (utslagsröst): för in {chair} under `ja` \
         eller `nej`; vid val avgör lotten, och det skrivs i `beslut`"
    )
}

/// `names` are the beslutande left out of an open vote, in the order of
/// `beslutande`.
pub fn missing_voters(names: &[&str], paragraph: &str) -> String {
    format!(
        "{} deltar i {paragraph} men finns inte i omröstningen",
        and_list(names)
    )
}

pub fn missing_voters_hint(names: &[&str], paragraph: &str) -> String {
    let (whom, whose, who) = match names {
        [one] => (*one, format!("`paragrafer` för {one}"), *one),
        _ => ("var och en av dem", "deras `paragrafer`".to_owned(), "de"),
    };
    format!(
        "vid öppen omröstning antecknas varje röst: lägg till {whom} under `ja`, `nej` eller \
         `avstår`, eller rätta {whose} under `beslutande` om {who} inte deltog i {paragraph}"
    )
}
