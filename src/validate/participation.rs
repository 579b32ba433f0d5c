//! Rules about attendance through the meeting: a person's `paragrafer` lie
//! within the meeting; a serving ersättare replaces a member who exists and
//! is not there and voting; beslutande and ersättare are on the organ's
//! roster when it has one; a justerare took part in the §§ they justera;
//! and enough members take part in every § for the organ to be beslutför.

use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::messages::did_you_mean;
use crate::messages::validate::participation as say;
use crate::model::{ParagraphSet, Person};
use crate::parse::span_of;

use super::people::nearest_name;
use super::{Subject, takes_part};

pub(super) fn check(subject: &Subject, found: &mut Vec<Diagnostic>) {
    within_meeting(subject, found);
    adjusters_present(subject, found);
    substitutes(subject, found);
    replaced_members(subject, found);
    on_the_roster(subject, found);
    quorum(subject, found);
}

/// A justerare vouches for what they saw: one for the whole meeting took
/// part in every §, one with `paragrafer` in each of those §§. A justerare
/// not among beslutande is `people.rs`'s error; §§ beyond the meeting are
/// `within_meeting`'s.
fn adjusters_present(subject: &Subject, found: &mut Vec<Diagnostic>) {
    let voting = &subject.meeting.meeting.voting;
    let numbers = numbers(subject);
    for adjuster in &subject.meeting.meeting.adjusters {
        let name = adjuster.value.name.as_str();
        let entries: Vec<&Person> = voting.iter().filter(|p| p.name.value == name).collect();
        if entries.is_empty() {
            continue;
        }
        let set = adjuster.value.paragraphs.as_ref();
        let (present, absent): (Vec<u32>, Vec<u32>) = numbers
            .iter()
            .copied()
            .filter(|&n| set.is_none_or(|set| set.contains(n)))
            .partition(|&n| entries.iter().any(|p| takes_part(p, n)));
        if absent.is_empty() {
            continue;
        }
        let missed = ParagraphSet::of_numbers(&absent).label(None);
        let message = match set {
            None => say::adjuster_absent_whole(name, &missed),
            Some(set) => say::adjuster_absent(name, &set.label(None), &missed),
        };
        let hint = if present.is_empty() {
            say::adjuster_absent_everywhere_hint(name)
        } else {
            let taken = ParagraphSet::of_numbers(&present).to_string();
            match set {
                None => say::adjuster_absent_whole_hint(name, &taken, &missed),
                Some(_) => say::adjuster_absent_hint(name, &taken, &missed),
            }
        };
        found.push(Diagnostic::error(subject.file, span_of(adjuster), message).with_hint(hint));
    }
}

/// The member a serving ersättare replaces is someone: a ledamot on the
/// organ's roster, or one of the meeting's `frånvarande`. One among
/// beslutande is `substitutes`' concern (an error unless they serve in
/// different §§).
fn replaced_members(subject: &Subject, found: &mut Vec<Diagnostic>) {
    let meeting = &subject.meeting.meeting;
    let roster = !subject.organ.members.is_empty();
    let known: Vec<&str> = subject
        .organ
        .members
        .iter()
        .chain(&meeting.absent)
        .map(|p| p.name.value.as_str())
        .collect();
    for substitute in &meeting.voting {
        let Some(replaced) = &substitute.replaces else {
            continue;
        };
        let name = replaced.value.as_str();
        if known.contains(&name) || meeting.voting.iter().any(|p| p.name.value == name) {
            continue;
        }
        let mut finding = Diagnostic::warning(
            subject.file,
            span_of(replaced),
            say::replaces_nobody(&substitute.name.value, name, roster),
        );
        if let Some(near) = nearest_name(name, known.iter().copied()) {
            finding = finding.with_hint(did_you_mean(near));
        }
        found.push(finding.with_hint(say::replaces_nobody_hint(roster)));
    }
}

/// When the organ lists its ledamöter, every beslutande is one of them or
/// one of its ersättare; when it lists its ersättare, everyone under
/// `ersättare` is one of them (or a ledamot). An organ that lists ledamöter
/// but no ersättare cannot tell a serving ersättare (one with `ersätter`)
/// from a stranger, so such a beslutande passes.
fn on_the_roster(subject: &Subject, found: &mut Vec<Diagnostic>) {
    let organ = subject.organ;
    let meeting = &subject.meeting.meeting;
    let names = |first: &[Person], then: &[Person]| -> Vec<String> {
        first
            .iter()
            .chain(then)
            .map(|p| p.name.value.clone())
            .collect()
    };
    let mut check_group = |people: &[Person], known: &[String], voting: bool| {
        for person in people {
            let name = person.name.value.as_str();
            let unlisted_substitute = organ.substitutes.is_empty() && person.replaces.is_some();
            if known.iter().any(|k| k == name) || (voting && unlisted_substitute) {
                continue;
            }
            let (message, hint) = if voting {
                (
                    say::voting_not_on_roster(name),
                    say::voting_not_on_roster_hint(name),
                )
            } else {
                (
                    say::substitute_not_on_roster(name),
                    say::substitute_not_on_roster_hint(name),
                )
            };
            let mut finding = Diagnostic::warning(subject.file, span_of(&person.name), message);
            if let Some(near) = nearest_name(name, known.iter().map(String::as_str)) {
                finding = finding.with_hint(did_you_mean(near));
            }
            found.push(finding.with_hint(hint));
        }
    };
    if !organ.members.is_empty() {
        let known = names(&organ.members, &organ.substitutes);
        check_group(&meeting.voting, &known, true);
    }
    if !organ.substitutes.is_empty() {
        let known = names(&organ.substitutes, &organ.members);
        check_group(&meeting.substitutes, &known, false);
    }
}

/// The meeting's § numbers, first to last.
fn numbers(subject: &Subject) -> Vec<u32> {
    subject.meeting.paragraphs().map(|(n, _)| n.0).collect()
}

/// "§§ 1–15" or "§ 63"; `None` when the meeting has no §§.
fn meeting_range(subject: &Subject) -> Option<String> {
    if subject.meeting.meeting.paragraphs.is_empty() {
        None
    } else {
        Some(ParagraphSet::of_numbers(&numbers(subject)).label(None))
    }
}

fn within_meeting(subject: &Subject, found: &mut Vec<Diagnostic>) {
    let meeting = &subject.meeting.meeting;
    let groups = [
        &meeting.voting,
        &meeting.substitutes,
        &meeting.officials,
        &meeting.others,
        &meeting.absent,
    ];
    let people = groups.into_iter().flatten().filter_map(|person| {
        let set = person.paragraphs.as_ref()?;
        Some((person.name.value.as_str(), &set.value, span_of(set)))
    });
    // A stand-in chair or a justerare for some §§ points at their entry.
    let chairs = meeting.chair.value.0.iter().filter_map(|holder| {
        let set = holder.paragraphs.as_ref()?;
        Some((holder.name.as_str(), set, span_of(&meeting.chair)))
    });
    let adjusters = meeting.adjusters.iter().filter_map(|adjuster| {
        let set = adjuster.value.paragraphs.as_ref()?;
        Some((adjuster.value.name.as_str(), set, span_of(adjuster)))
    });
    for (name, set, span) in people.chain(chairs).chain(adjusters) {
        if let Some(finding) = outside_meeting(subject, name, set, span) {
            found.push(finding);
        }
    }
}

/// An error when `set`, the `paragrafer` written for `name`, names a § this
/// meeting does not have.
fn outside_meeting(
    subject: &Subject,
    name: &str,
    set: &ParagraphSet,
    span: Option<std::ops::Range<usize>>,
) -> Option<Diagnostic> {
    let (first, last) = (subject.meeting.first.0, subject.meeting.last().0);
    let empty = subject.meeting.meeting.paragraphs.is_empty();
    let inside = |n: u32| first <= n && n <= last;
    if !empty
        && set.ranges.iter().all(|&(a, b)| inside(a) && inside(b))
        && set.partial.iter().all(|&n| inside(n))
    {
        return None;
    }
    let hint = if empty {
        say::outside_empty_meeting_hint(name)
    } else {
        say::outside_meeting_hint(first, last)
    };
    Some(
        Diagnostic::error(
            subject.file,
            span,
            say::outside_meeting(name, &set.label(None), meeting_range(subject).as_deref()),
        )
        .with_hint(hint),
    )
}

fn substitutes(subject: &Subject, found: &mut Vec<Diagnostic>) {
    let voting = &subject.meeting.meeting.voting;
    let numbers = numbers(subject);
    for substitute in voting {
        let Some(replaced) = &substitute.replaces else {
            continue;
        };
        let Some(member) = voting.iter().find(|p| p.name.value == replaced.value) else {
            continue;
        };
        // A § both took part in only in part is where one left and the
        // other came in ("1–2, del av 3" and "del av 3, 4–9").
        let in_part = |person: &crate::model::Person, n: u32| {
            person
                .paragraphs
                .as_ref()
                .is_some_and(|set| set.value.partial.contains(&n))
        };
        let both: Vec<u32> = numbers
            .iter()
            .copied()
            .filter(|&n| takes_part(substitute, n) && takes_part(member, n))
            .filter(|&n| !(in_part(substitute, n) && in_part(member, n)))
            .collect();
        if both.is_empty() && !numbers.is_empty() {
            continue;
        }
        let when = if both.len() == numbers.len() {
            None
        } else {
            Some(ParagraphSet::of_numbers(&both).label(None))
        };
        found.push(
            Diagnostic::error(
                subject.file,
                span_of(replaced),
                say::replaces_present(&substitute.name.value, &replaced.value, when.as_deref()),
            )
            .with_hint(say::replaces_present_hint(&replaced.value)),
        );
    }
}

fn quorum(subject: &Subject, found: &mut Vec<Diagnostic>) {
    let organ = subject.organ;
    let (seats, source) = match organ.seat_count {
        Some(seats) => (seats as usize, say::seats_from_count(seats)),
        None => (
            organ.members.len(),
            say::seats_from_roster(organ.members.len()),
        ),
    };
    if seats == 0 {
        return;
    }
    let needed = seats / 2 + 1;
    let meeting = &subject.meeting.meeting;
    let present = |take_part: &dyn Fn(&Person) -> bool| {
        meeting
            .voting
            .iter()
            .filter(|p| take_part(p))
            .map(|p| p.name.value.as_str())
            .collect::<HashSet<_>>()
            .len()
    };

    let mut short: Vec<(u32, usize)> = Vec::new();
    for (number, paragraph) in subject.meeting.paragraphs() {
        let conflicted: HashSet<&str> = paragraph
            .conflicts
            .iter()
            .map(|c| c.name.value.as_str())
            .collect();
        let count = present(&|p: &Person| {
            takes_part(p, number.0) && !conflicted.contains(p.name.value.as_str())
        });
        if count < needed {
            short.push((number.0, count));
        }
    }
    if meeting.paragraphs.is_empty() {
        let count = present(&|_| true);
        if count < needed {
            short.push((subject.meeting.first.0, count));
        }
    }
    let Some(&(first_short, _)) = short.first() else {
        return;
    };

    let (fewest, most) = short
        .iter()
        .fold((usize::MAX, 0), |(lo, hi), &(_, c)| (lo.min(c), hi.max(c)));
    let whole = short.len() == meeting.paragraphs.len().max(1);
    let (scope, span) = if whole {
        (None, span_of(&meeting.date))
    } else {
        let numbers: Vec<u32> = short.iter().map(|&(n, _)| n).collect();
        let index = (first_short - subject.meeting.first.0) as usize;
        (
            Some(ParagraphSet::of_numbers(&numbers).label(None)),
            span_of(&meeting.paragraphs[index].title),
        )
    };
    found.push(
        Diagnostic::error(
            subject.file,
            span,
            say::not_quorate(scope.as_deref(), fewest, most, seats, needed),
        )
        .with_hint(say::not_quorate_hint(&source)),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity::{Error, Warning};
    use crate::validate::testing::{meeting, only, run, run_with};

    const THREE: &str = "paragrafer:\n  - rubrik: Ett\n  - rubrik: Två\n  - rubrik: Tre\n";

    #[test]
    fn paragrafer_beyond_the_meeting_are_an_error() {
        // Cecilia justerar: Bertil, not there for § 1, could not.
        let yaml = meeting(THREE)
            .replace(
                "  - namn: Bertil Berg\n",
                "  - namn: Bertil Berg\n    paragrafer: \"2–4\"\n",
            )
            .replace("justerare: [Bertil Berg]", "justerare: [Cecilia Ceder]");
        let found = run(check, &yaml);
        assert_eq!(
            only(&found),
            (
                Error,
                "Bertil Berg deltar enligt `paragrafer` i §§ 2–4, men sammanträdet har §§ 1–3",
                7,
                17
            )
        );
        assert_eq!(
            found[0].hints,
            [
                "skriv paragrafnumren som de står i protokollet, från 1 till 3; utelämna \
                 `paragrafer` för den som deltog under hela sammanträdet"
            ]
        );
    }

    #[test]
    fn paragrafer_before_första_paragraf_are_an_error() {
        let yaml = format!("första_paragraf: 63\n{}", meeting(THREE)).replace(
            "  - namn: Cecilia Ceder\n",
            "  - namn: Cecilia Ceder\n    paragrafer: 1\n",
        );
        assert_eq!(
            only(&run(check, &yaml)),
            (
                Error,
                "Cecilia Ceder deltar enligt `paragrafer` i § 1, men sammanträdet har §§ 63–65",
                9,
                17
            )
        );
    }

    #[test]
    fn a_stand_in_chair_or_justerare_beyond_the_meeting_is_an_error() {
        let yaml = meeting(THREE)
            .replace(
                "ordförande: Anna Andersson\n",
                "ordförande:\n  - Anna Andersson\n  - {namn: Bertil Berg, paragrafer: \"3–5\"}\n",
            )
            .replace(
                "justerare: [Bertil Berg]\n",
                "justerare:\n  - Bertil Berg\n  - {namn: Cecilia Ceder, paragrafer: \"7\"}\n",
            );
        let found = run(check, &yaml);
        let messages: Vec<_> = found.iter().map(|f| (f.message.as_str(), f.line)).collect();
        assert_eq!(
            messages,
            [
                (
                    "Bertil Berg deltar enligt `paragrafer` i §§ 3–5, men sammanträdet har §§ 1–3",
                    9
                ),
                (
                    "Cecilia Ceder deltar enligt `paragrafer` i § 7, men sammanträdet har §§ 1–3",
                    14
                ),
            ]
        );
    }

    #[test]
    fn a_justerare_for_the_whole_meeting_absent_from_a_paragraph_is_an_error() {
        let yaml = meeting(THREE).replace(
            "  - namn: Bertil Berg\n",
            "  - namn: Bertil Berg\n    paragrafer: \"1–2\"\n",
        );
        let found = run(check, &yaml);
        assert_eq!(
            only(&found),
            (
                Error,
                "Bertil Berg justerar hela protokollet men deltog inte i § 3",
                11,
                13
            )
        );
        assert_eq!(
            found[0].hints,
            [
                "ge posten `paragrafer` för de §§ Bertil Berg deltog i, `{namn: Bertil Berg, \
                 paragrafer: \"1–2\"}`, med en annan justerare för § 3; eller utse en annan \
                 justerare i stället"
            ]
        );
        // Justering of the §§ they were there for passes.
        let partial = yaml.replace(
            "justerare: [Bertil Berg]\n",
            "justerare: [Anna Andersson, {namn: Bertil Berg, paragrafer: \"1–2\"}]\n",
        );
        let found = run(check, &partial);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn a_justerare_absent_from_some_of_their_paragrafer_is_an_error() {
        let yaml = meeting(THREE)
            .replace(
                "  - namn: Bertil Berg\n",
                "  - namn: Bertil Berg\n    paragrafer: 1\n",
            )
            .replace(
                "justerare: [Bertil Berg]\n",
                "justerare:\n  - Anna Andersson\n  - {namn: Bertil Berg, paragrafer: \"1–3\"}\n",
            );
        let found = run(check, &yaml);
        assert_eq!(
            only(&found),
            (
                Error,
                "Bertil Berg justerar §§ 1–3 men deltog inte i §§ 2–3",
                13,
                5
            )
        );
        assert_eq!(
            found[0].hints,
            [
                "skriv bara de §§ Bertil Berg deltog i under `paragrafer`, `{namn: Bertil Berg, \
                 paragrafer: \"1\"}`, med en annan justerare för §§ 2–3; eller utse en annan \
                 justerare i stället"
            ]
        );
    }

    #[test]
    fn a_justerare_absent_from_every_paragraph_they_justera_is_told_to_pick_another() {
        let yaml = meeting(THREE)
            .replace(
                "  - namn: Bertil Berg\n",
                "  - namn: Bertil Berg\n    paragrafer: 1\n",
            )
            .replace(
                "justerare: [Bertil Berg]\n",
                "justerare: [Anna Andersson, {namn: Bertil Berg, paragrafer: 3}]\n",
            );
        let found = run(check, &yaml);
        assert_eq!(
            only(&found),
            (
                Error,
                "Bertil Berg justerar § 3 men deltog inte i § 3",
                11,
                29
            )
        );
        assert_eq!(
            found[0].hints,
            ["Bertil Berg deltog inte i någon av de §§ som ska justeras: utse en annan justerare"]
        );
    }

    #[test]
    fn an_ersättare_for_a_member_nobody_lists_is_a_warning() {
        let yaml = meeting(&format!("{THREE}frånvarande:\n  - namn: Robert Brandt\n")).replace(
            "  - namn: Cecilia Ceder\n",
            "  - namn: Cecilia Ceder\n    ersätter: Robert Brant\n",
        );
        let found = run(check, &yaml);
        assert_eq!(
            only(&found),
            (
                Warning,
                "Cecilia Ceder ersätter Robert Brant, som inte finns bland `frånvarande`",
                8,
                15
            )
        );
        assert_eq!(
            found[0].hints,
            [
                "menade du Robert Brandt?",
                "skriv namnet på ledamoten som ersätts exakt som det står under `frånvarande`, \
                 eller lägg till ledamoten där"
            ]
        );
        // Written as under frånvarande, it passes.
        let found = run(check, &yaml.replace("Robert Brant\n", "Robert Brandt\n"));
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn an_ersättare_for_someone_off_the_roster_is_a_warning() {
        let organ = "namn: N\nledamöter:\n  - namn: Anna Andersson\n  - namn: Bertil Berg\n  \
                     - namn: Robert Brandt\n  - namn: E\n  - namn: F\nersättare:\n  - namn: \
                     Cecilia Ceder\n";
        let yaml = meeting(THREE).replace(
            "  - namn: Cecilia Ceder\n",
            "  - namn: Cecilia Ceder\n    ersätter: Helena Stridh\n",
        );
        let found = run_with(check, organ, &yaml, &[]);
        assert_eq!(
            only(&found),
            (
                Warning,
                "Cecilia Ceder ersätter Helena Stridh, som varken är ledamot enligt organ.yaml \
                 eller finns bland `frånvarande`",
                8,
                15
            )
        );
        assert_eq!(
            found[0].hints,
            [
                "skriv namnet på ledamoten som ersätts exakt som det står under `ledamöter` i \
                 organ.yaml, och lägg till ledamoten under `frånvarande`"
            ]
        );
        // A ledamot on the roster may be replaced without being listed.
        let found = run_with(
            check,
            organ,
            &yaml.replace("Helena Stridh", "Robert Brandt"),
            &[],
        );
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn a_beslutande_off_the_roster_is_a_warning() {
        let organ = "namn: N\nledamöter:\n  - namn: Anna Andersson\n  - namn: Bertil Berg\n  \
                     - namn: E\n  - namn: F\nersättare:\n  - namn: Cecilia Zeder\n";
        let found = run_with(check, organ, &meeting(THREE), &[]);
        assert_eq!(
            only(&found),
            (
                Warning,
                "Cecilia Ceder står under `beslutande` men är varken ledamot eller ersättare \
                 enligt organ.yaml",
                7,
                11
            )
        );
        assert_eq!(
            found[0].hints,
            [
                "menade du Cecilia Zeder?",
                "skriv namnet exakt som det står under `ledamöter` eller `ersättare` i \
                 organ.yaml, eller lägg till Cecilia Ceder där"
            ]
        );
        // An ersättare of the organ may serve among beslutande.
        let organ = organ.replace("Zeder", "Ceder");
        let found = run_with(check, &organ, &meeting(THREE), &[]);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn a_serving_ersättare_passes_when_the_organ_lists_no_ersättare() {
        let organ = "namn: N\nledamöter:\n  - namn: Anna Andersson\n  - namn: Bertil Berg\n  \
                     - namn: Robert Brandt\n";
        let yaml = meeting(THREE).replace(
            "  - namn: Cecilia Ceder\n",
            "  - namn: Cecilia Ceder\n    ersätter: Robert Brandt\n",
        );
        let found = run_with(check, organ, &yaml, &[]);
        assert!(found.is_empty(), "{found:#?}");
        // Without `ersätter` she is on no roster.
        let found = run_with(check, organ, &meeting(THREE), &[]);
        assert_eq!(
            only(&found),
            (
                Warning,
                "Cecilia Ceder står under `beslutande` men är varken ledamot eller ersättare \
                 enligt organ.yaml",
                7,
                11
            )
        );
    }

    #[test]
    fn an_ersättare_off_the_roster_is_a_warning() {
        let organ = "namn: N\nersättare:\n  - namn: Erik Ek\n  - namn: Frida Fors\n";
        let yaml = meeting(&format!(
            "{THREE}ersättare:\n  - namn: Erik Ek\n  - namn: frida fors\n  - namn: Gustav Gran\n"
        ));
        let found = run_with(check, organ, &yaml, &[]);
        let summary: Vec<(&str, &[String], usize, usize)> = found
            .iter()
            .map(|f| (f.message.as_str(), f.hints.as_slice(), f.line, f.column))
            .collect();
        let hint = |name: &str| {
            format!(
                "skriv namnet exakt som det står under `ersättare` i organ.yaml, eller lägg till \
                 {name} där; den som inte är ersättare i organet hör hemma under \
                 `övriga_deltagare`"
            )
        };
        assert_eq!(
            summary,
            [
                (
                    "frida fors står under `ersättare` men är inte ersättare enligt organ.yaml",
                    &["menade du Frida Fors?".to_owned(), hint("frida fors")][..],
                    17,
                    11
                ),
                (
                    "Gustav Gran står under `ersättare` men är inte ersättare enligt organ.yaml",
                    &[hint("Gustav Gran")][..],
                    18,
                    11
                ),
            ]
        );
    }

    #[test]
    fn an_ersättare_for_someone_present_is_an_error() {
        let yaml = meeting(THREE).replace(
            "  - namn: Cecilia Ceder\n",
            "  - namn: Cecilia Ceder\n    ersätter: Anna Andersson\n",
        );
        let found = run(check, &yaml);
        assert_eq!(
            only(&found),
            (
                Error,
                "Cecilia Ceder ersätter Anna Andersson, som också finns bland `beslutande`",
                8,
                15
            )
        );
        assert_eq!(
            found[0].hints,
            [
                "en tjänstgörande ersättare går in för en ledamot som inte är där: flytta Anna \
                 Andersson till `frånvarande`, eller ge båda `paragrafer` så att de tjänstgör i \
                 olika §§"
            ]
        );
    }

    #[test]
    fn an_ersättare_may_serve_until_the_member_arrives() {
        let yaml = meeting(THREE)
            .replace(
                "  - namn: Anna Andersson\n",
                "  - namn: Anna Andersson\n    paragrafer: \"2–3\"\n",
            )
            .replace(
                "  - namn: Cecilia Ceder\n",
                "  - namn: Cecilia Ceder\n    ersätter: Anna Andersson\n    paragrafer: \"1–2\"\n",
            );
        assert_eq!(
            only(&run(check, &yaml)),
            (
                Error,
                "Cecilia Ceder ersätter Anna Andersson, som också finns bland `beslutande` (båda \
                 deltar i § 2)",
                9,
                15
            )
        );
        let apart = yaml.replace("paragrafer: \"1–2\"", "paragrafer: 1");
        assert!(run(check, &apart).is_empty());
    }

    #[test]
    fn too_few_members_for_the_whole_meeting_is_an_error() {
        // Three of seven seats: four are needed.
        let found = run_with(check, "namn: N\nledamöter_antal: 7\n", &meeting(THREE), &[]);
        assert_eq!(
            only(&found),
            (
                Error,
                "sammanträdet är inte beslutfört: bara 3 av organets 7 ledamöter deltar, och det \
                 krävs mer än hälften (4)",
                1,
                8
            )
        );
    }

    #[test]
    fn quorum_is_counted_per_paragraph_from_the_roster() {
        // Five ledamöter in the roster: three are needed. Bertil Berg leaves
        // after § 1 and Anna Andersson is jävig in § 3.
        let organ = "namn: N\nledamöter:\n  - namn: Anna Andersson\n  - namn: Bertil Berg\n  \
                     - namn: Cecilia Ceder\n  - namn: E\n  - namn: F\n";
        let yaml = meeting(
            "paragrafer:\n  - rubrik: Ett\n  - rubrik: Två\n  - rubrik: Tre\n    jäv:\n      \
             - namn: Anna Andersson\n",
        )
        .replace(
            "  - namn: Bertil Berg\n",
            "  - namn: Bertil Berg\n    paragrafer: 1\n",
        )
        .replace("justerare: [Bertil Berg]", "justerare: [Cecilia Ceder]");
        let found = run_with(check, organ, &yaml, &[]);
        assert_eq!(
            only(&found),
            (
                Error,
                "sammanträdet är inte beslutfört i §§ 2–3: bara 1–2 av organets 5 ledamöter \
                 deltar, och det krävs mer än hälften (3)",
                14,
                13
            )
        );
        assert!(found[0].hints[0].ends_with(
            "antalet ledamöter kommer från listan `ledamöter` i organ.yaml (5 ledamöter)"
        ));
    }

    #[test]
    fn a_quorate_meeting_passes() {
        let found = run_with(check, "namn: N\nledamöter_antal: 5\n", &meeting(THREE), &[]);
        assert!(found.is_empty(), "{found:#?}");
    }
}
