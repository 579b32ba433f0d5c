//! Rules about who was there: the chair and the adjusters are voting members,
//! and nobody is listed twice.

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::messages::did_you_mean;
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
                finding = finding.with_hint(did_you_mean(near));
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

/// The name among `names` nearest to `written`, when it is near enough to
/// be what was meant: the Levenshtein distance of the case-folded names at
/// most a quarter of the written name's length (at least 2), and less than
/// that length (so "A" is not taken for "B"). The first of equally near
/// names wins; `written` itself is never offered.
pub(super) fn nearest_name<'a>(
    written: &str,
    names: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let folded = written.to_lowercase();
    let length = folded.chars().count();
    let allowed = (length / 4).max(2).min(length.saturating_sub(1));
    let mut best: Option<(usize, &str)> = None;
    for name in names {
        if name == written {
            continue;
        }
        let distance = strsim::levenshtein(&folded, &name.to_lowercase());
        if distance <= allowed && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, name));
        }
    }
    best.map(|(_, name)| name)
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

    /// Each finding as (message, hints, line, column).
    fn located(yaml: &str) -> Vec<(String, Vec<String>, usize, usize)> {
        let meeting = parse_meeting(Path::new("m.yaml"), yaml).expect("parses");
        let mut found = Vec::new();
        check(Path::new("m.yaml"), &meeting, &mut found);
        found
            .into_iter()
            .map(|d| {
                let span = d.span.expect("located");
                let (line, column) = crate::diagnostic::line_column(yaml, span.start);
                (d.message, d.hints, line, column)
            })
            .collect()
    }

    #[test]
    fn the_nearest_name_is_offered_only_when_near() {
        let names = ["Sofia Holm", "Sofie Holmberg", "Bo"];
        assert_eq!(nearest_name("Sofia Holmm", names), Some("Sofia Holm"));
        assert_eq!(nearest_name("sofia holm", names), Some("Sofia Holm"));
        // Eleven characters allow two edits; three is too far.
        assert_eq!(nearest_name("Sofia Hxxxm", names), None);
        // A long name allows a quarter of its length.
        assert_eq!(
            nearest_name("Lise Hjemgård Svenson", ["Lise Hjemgaard Svensson"]),
            Some("Lise Hjemgaard Svensson")
        );
        // A short name is not taken for a different short name.
        assert_eq!(nearest_name("Al", names), None);
        assert_eq!(nearest_name("Boo", names), Some("Bo"));
        assert_eq!(nearest_name("Sofia Holm", ["Sofia Holm"]), None);
    }

    #[test]
    fn a_misspelt_justerare_is_offered_the_name_meant() {
        let yaml = format!(
            "{BASE}ordförande: Anna Andersson\njusterare: [Sofia Holmm]\nbeslutande:\n  - namn: \
             Anna Andersson\n  - namn: Sofia Holm\n"
        );
        assert_eq!(
            located(&yaml),
            [(
                "Sofia Holmm är justerare men finns inte bland `beslutande`".to_owned(),
                vec![
                    "menade du Sofia Holm?".to_owned(),
                    "lägg till Sofia Holmm under `beslutande`, eller skriv namnet exakt som det \
                     står där"
                        .to_owned()
                ],
                6,
                13
            )]
        );
    }

    #[test]
    fn a_misspelt_ordförande_is_offered_the_name_meant_for_each_holder() {
        let yaml = format!(
            "{BASE}ordförande:\n  - Anna Anderson\n  - {{namn: sofia holm, paragrafer: 2}}\n\
             justerare: [Anna Andersson]\nbeslutande:\n  - namn: Anna Andersson\n  - namn: \
             Sofia Holm\n"
        );
        let found = located(&yaml);
        let summary: Vec<(&str, &str, usize, usize)> = found
            .iter()
            .map(|(m, h, l, c)| (m.as_str(), h[0].as_str(), *l, *c))
            .collect();
        assert_eq!(
            summary,
            [
                (
                    "Anna Anderson är ordförande men finns inte bland `beslutande`",
                    "menade du Anna Andersson?",
                    6,
                    3
                ),
                (
                    "sofia holm är ordförande men finns inte bland `beslutande`",
                    "menade du Sofia Holm?",
                    6,
                    3
                ),
            ]
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
