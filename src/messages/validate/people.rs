//! `people.rs`: ordförande and justerare are beslutande; nobody listed twice.

/// `role` is the key the name stands under: "ordförande" or "justerare".
pub fn not_among_voting(role: &str, name: &str) -> String {
    format!("{name} är {role} men finns inte bland `beslutande`")
}

pub fn not_among_voting_hint(name: &str) -> String {
    format!("lägg till {name} under `beslutande`, eller skriv namnet exakt som det står där")
}

pub fn no_adjuster() -> String {
    "protokollet har ingen justerare".into()
}

pub fn no_adjuster_hint() -> String {
    "lägg till `justerare: [Namn]` med minst en av dem under `beslutande`".into()
}

/// `first` and `second` are the groups (keys) the name stands under.
pub fn listed_twice(name: &str, first: &str, second: &str) -> String {
    if first == second {
        format!("{name} står två gånger under `{first}`")
    } else {
        format!("{name} står två gånger (under `{first}` och under `{second}`)")
    }
}

pub fn listed_twice_hint() -> String {
    "skriv varje person en gång, i den grupp personen hörde till vid sammanträdet; en \
     ersättare som tjänstgör under några §§ får stå under både `ersättare` och `beslutande`, \
     med `paragrafer` som inte överlappar"
        .into()
}
