//! Rules about who was there: the chair and the adjusters are voting members,
//! and nobody is listed twice.

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostic::Diagnostic;
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
            found.push(
                Diagnostic::error(file, span, format!("{role} {name} is not among beslutande"))
                    .with_hint(format!(
                        "add {name} under `beslutande`, or write the name exactly as it stands there"
                    )),
            );
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
            Diagnostic::error(file, span_of(&meeting.chair), "no justerare is named")
                .with_hint("add `justerare: [Namn]` with at least one of beslutande"),
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
                        format!(
                            "{} is listed twice (in {first} and in {group})",
                            person.name.value
                        ),
                    )
                    .with_hint(
                        "list each person once, in the group that describes the meeting; \
                         an ersättare who serves for some §§ may stand under both \
                         ersättare and beslutande, with `paragrafer` that do not overlap",
                    ),
                );
            }
        }
    }
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
    fn chair_and_adjusters_must_vote() {
        let yaml = format!("{BASE}ordförande: A\njusterare: [B]\nbeslutande:\n  - namn: C\n");
        assert_eq!(
            problems(&yaml),
            vec![
                "ordförande A is not among beslutande",
                "justerare B is not among beslutande"
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
            vec!["E is listed twice (in beslutande and in ersättare)"]
        );
    }

    #[test]
    fn a_person_listed_twice_is_an_error() {
        let yaml = format!(
            "{BASE}ordförande: A\njusterare: [A]\nbeslutande:\n  - namn: A\nfrånvarande:\n  - namn: A\n"
        );
        assert_eq!(
            problems(&yaml),
            vec!["A is listed twice (in beslutande and in frånvarande)"]
        );
    }
}
