//! Rules about attendance through the meeting: a person's `paragrafer` lie
//! within the meeting, a serving ersättare does not replace someone who is
//! there and voting, and enough members take part in every § for the organ
//! to be beslutför.

use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::messages::validate::participation as say;
use crate::model::{ParagraphSet, Person};
use crate::parse::span_of;

use super::{Subject, takes_part};

pub(super) fn check(subject: &Subject, found: &mut Vec<Diagnostic>) {
    within_meeting(subject, found);
    substitutes(subject, found);
    quorum(subject, found);
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
    use crate::diagnostic::Severity::Error;
    use crate::validate::testing::{meeting, only, run, run_with};

    const THREE: &str = "paragrafer:\n  - rubrik: Ett\n  - rubrik: Två\n  - rubrik: Tre\n";

    #[test]
    fn paragrafer_beyond_the_meeting_are_an_error() {
        let yaml = meeting(THREE).replace(
            "  - namn: Bertil Berg\n",
            "  - namn: Bertil Berg\n    paragrafer: \"2–4\"\n",
        );
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
        );
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
