//! Rules about who was there: the chair and the adjusters are voting members,
//! and nobody is listed twice.

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::messages::validate::people as say;
use crate::model::{Meeting, Person};
use crate::parse::span_of;

pub(super) fn check(file: &Path, meeting: &Meeting, found: &mut Vec<Diagnostic>) {
    let voting: Vec<&str> = meeting
        .voting
        .iter()
        .map(|p| p.name.value.as_str())
        .collect();
    let must_vote = |role: &str, name: &str, span, found: &mut Vec<Diagnostic>| {
        if !voting.contains(&name) {
            let mut finding = Diagnostic::error(file, span, say::not_among_voting(role, name));
            if let Some(near) = nearest_name(name, voting.iter().copied()) {
                finding = finding.with_hint(crate::messages::did_you_mean(near));
            }
            found.push(finding.with_hint(say::not_among_voting_hint(name)));
        }
    };
    for holder in &meeting.chair.value.0 {
        must_vote("ordförande", &holder.name, span_of(&meeting.chair), found);
    }
    for adjuster in &meeting.adjusters {
        must_vote("justerare", &adjuster.value.name, span_of(adjuster), found);
    }
    if meeting.adjusters.is_empty() {
        found.push(
            Diagnostic::error(file, span_of(&meeting.chair), say::no_adjuster())
                .with_hint(say::no_adjuster_hint()),
        );
    }

    let mut seen: HashMap<&str, (&str, &Person)> = HashMap::new();
    let groups = [
        ("beslutande", &meeting.voting),
        ("ersättare", &meeting.substitutes),
        ("tjänstepersoner", &meeting.officials),
        ("övriga_deltagare", &meeting.others),
        ("frånvarande", &meeting.absent),
    ];
    for (group, people) in groups {
        for person in people {
            if let Some((first, earlier)) = seen.insert(person.name.value.as_str(), (group, person))
                && !serves_in_turn((first, earlier), (group, person))
            {
                found.push(
                    Diagnostic::error(
                        file,
                        span_of(&person.name),
                        say::listed_twice(&person.name.value, first, group),
                    )
                    .with_hint(say::listed_twice_hint()),
                );
            }
        }
    }
}

/// The name among `names` that `typed` most likely misspells ("Sofia
/// Holmm" for "Sofia Holm"), compared without case; none when no name is
/// near enough to be meant.
pub(super) fn nearest_name<'a>(
    typed: &str,
    names: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let typed = typed.to_lowercase();
    let length = typed.chars().count();
    // A letter or two in a full name; never most of a short one ("A", "B").
    let near =
        |distance: usize| distance > 0 && distance <= 2.max(length / 4) && distance * 3 <= length;
    names
        .into_iter()
        .map(|name| (strsim::levenshtein(&typed, &name.to_lowercase()), name))
        .filter(|&(distance, _)| near(distance))
        .min()
        .map(|(_, name)| name)
}

/// An ersättare present for some §§ who serves (is among beslutande) for
/// others: listed in both groups, each entry with its `paragrafer`, and no §
/// in both (a § both name only in part, "del av 3", is where the one role
/// ended and the other began).
fn serves_in_turn(a: (&str, &Person), b: (&str, &Person)) -> bool {
    let groups = [a.0, b.0];
    if !(groups.contains(&"beslutande") && groups.contains(&"ersättare")) {
        return false;
    }
    let (Some(x), Some(y)) = (&a.1.paragraphs, &b.1.paragraphs) else {
        return false;
    };
    let whole =
        |set: &crate::model::ParagraphSet, n: u32| set.contains(n) && !set.partial.contains(&n);
    x.value
        .numbers()
        .into_iter()
        .all(|n| !y.value.contains(n) || (!whole(&x.value, n) && !whole(&y.value, n)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_meeting;

    fn problems(yaml: &str) -> Vec<String> {
        let meeting = parse_meeting(Path::new("m.yaml"), yaml).expect("parses");
        let mut found = Vec::new();
        check(Path::new("m.yaml"), &meeting, &mut found);
        found.into_iter().map(|d| d.message).collect()
    }

    const BASE: &str = "datum: 2021-02-26\ntid: 09:00–10:00\nplats: X\nsekreterare: S\n";

    #[test]
    fn a_misspelt_justerare_is_offered_the_name_meant() {
        let yaml = format!(
            "{BASE}ordförande: Anna Andersson\njusterare: [Sofia Holmm]\nbeslutande:\n  - namn: Anna Andersson\n  - namn: Sofia Holm\n"
        );
        let file = Path::new("m.yaml");
        let meeting = parse_meeting(file, &yaml).expect("parses");
        let mut found = Vec::new();
        check(file, &meeting, &mut found);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].hints[0], "menade du Sofia Holm?");
    }

    #[test]
    fn chair_and_adjusters_must_vote() {
        let yaml = format!("{BASE}ordförande: A\njusterare: [B]\nbeslutande:\n  - namn: C\n");
        assert_eq!(
            problems(&yaml),
            vec![
                "A är ordförande men finns inte bland `beslutande`",
                "B är justerare men finns inte bland `beslutande`"
            ]
        );
    }

    #[test]
    fn an_ersattare_who_serves_for_other_paragraphs_may_be_listed_twice() {
        let both = |serving: &str, waiting: &str| {
            problems(&format!(
                "{BASE}ordförande: A\njusterare: [A]\nbeslutande:\n  - namn: A\n  - namn: E\n    paragrafer: \"{serving}\"\nersättare:\n  - namn: E\n    paragrafer: \"{waiting}\"\n"
            ))
        };
        assert_eq!(both("3–9", "1–2"), Vec::<String>::new());
        assert_eq!(both("del av 3, 4–9", "1–2, del av 3"), Vec::<String>::new());
        assert_eq!(
            both("2–9", "1–2"),
            vec!["E står två gånger (under `beslutande` och under `ersättare`)"]
        );
    }

    #[test]
    fn a_chair_not_voting_is_told_where_to_add_the_name() {
        let yaml = format!("{BASE}ordförande: A\njusterare: [B]\nbeslutande:\n  - namn: B\n");
        let meeting = parse_meeting(Path::new("m.yaml"), &yaml).expect("parses");
        let mut found = Vec::new();
        check(Path::new("m.yaml"), &meeting, &mut found);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].hints,
            ["lägg till A under `beslutande`, eller skriv namnet exakt som det står där"]
        );
    }

    #[test]
    fn a_protocol_without_justerare_is_an_error() {
        let yaml = format!("{BASE}ordförande: A\njusterare: []\nbeslutande:\n  - namn: A\n");
        assert_eq!(problems(&yaml), vec!["protokollet har ingen justerare"]);
    }

    #[test]
    fn a_person_listed_twice_in_one_group_is_an_error() {
        let yaml =
            format!("{BASE}ordförande: A\njusterare: [A]\nbeslutande:\n  - namn: A\n  - namn: A\n");
        assert_eq!(
            problems(&yaml),
            vec!["A står två gånger under `beslutande`"]
        );
    }

    #[test]
    fn a_person_listed_twice_is_an_error() {
        let yaml = format!(
            "{BASE}ordförande: A\njusterare: [A]\nbeslutande:\n  - namn: A\nfrånvarande:\n  - namn: A\n"
        );
        assert_eq!(
            problems(&yaml),
            vec!["A står två gånger (under `beslutande` och under `frånvarande`)"]
        );
    }
}
