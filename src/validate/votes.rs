//! Rules about who decides a §: everyone named in `omröstning`,
//! `reservationer` and `jäv` is among beslutande and took part in that §, a
//! jävig member has no vote, nobody votes twice, and there are never more
//! votes than members who could cast them.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::Diagnostic;
use crate::model::{Paragraph, ParagraphNumber, Person, Spanned};
use crate::parse::span_of;

use super::{Subject, takes_part};

/// What a name in a § does there, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Under omröstning: ja, nej or avstår.
    Vote(&'static str),
    /// Under reservationer.
    Dissent,
    /// Under jäv.
    Conflict,
}

impl Role {
    /// "votes in § 7", "enters a reservation in § 7" …
    fn act(self, number: ParagraphNumber) -> String {
        match self {
            Role::Vote(_) => format!("votes in {number}"),
            Role::Dissent => format!("enters a reservation in {number}"),
            Role::Conflict => format!("is listed as jävig in {number}"),
        }
    }

    /// Where the name stands, for hints.
    fn place(self) -> &'static str {
        match self {
            Role::Vote(list) => list,
            Role::Dissent => "reservationer",
            Role::Conflict => "jäv",
        }
    }
}

pub(super) fn check(subject: &Subject, found: &mut Vec<Diagnostic>) {
    let voting: HashMap<&str, &Person> = subject
        .meeting
        .meeting
        .voting
        .iter()
        .map(|p| (p.name.value.as_str(), p))
        .collect();
    for (number, paragraph) in subject.meeting.paragraphs() {
        check_paragraph(subject, &voting, number, paragraph, found);
    }
}

fn check_paragraph(
    subject: &Subject,
    voting: &HashMap<&str, &Person>,
    number: ParagraphNumber,
    paragraph: &Paragraph,
    found: &mut Vec<Diagnostic>,
) {
    let file = subject.file;
    let votes: Vec<(Role, &Spanned<String>)> = paragraph
        .vote
        .iter()
        .flat_map(|v| {
            v.yes
                .iter()
                .map(|n| (Role::Vote("ja"), n))
                .chain(v.no.iter().map(|n| (Role::Vote("nej"), n)))
                .chain(v.abstain.iter().map(|n| (Role::Vote("avstår"), n)))
        })
        .collect();
    let named = votes
        .iter()
        .copied()
        .chain(paragraph.dissents.iter().map(|d| (Role::Dissent, &d.name)))
        .chain(
            paragraph
                .conflicts
                .iter()
                .map(|c| (Role::Conflict, &c.name)),
        );

    let conflicted: HashSet<&str> = paragraph
        .conflicts
        .iter()
        .map(|c| c.name.value.as_str())
        .collect();
    for (role, name) in named {
        let who = name.value.as_str();
        match voting.get(who) {
            None => found.push(
                Diagnostic::error(
                    file,
                    span_of(name),
                    format!("{who} {} but is not among beslutande", role.act(number)),
                )
                .with_hint(format!(
                    "write the name exactly as it stands under `beslutande`, or add {who} there"
                )),
            ),
            Some(person) if !takes_part(person, number.0) => {
                let set = person.paragraphs.as_ref().map(|s| &s.value);
                found.push(
                    Diagnostic::error(
                        file,
                        span_of(name),
                        format!(
                            "{who} {} but takes part only in {} (paragrafer)",
                            role.act(number),
                            set.map(|s| s.label(None)).unwrap_or_default()
                        ),
                    )
                    .with_hint(format!(
                        "remove {who} from {} in {number}, or add {} to {who}'s `paragrafer` \
                         under beslutande",
                        role.place(),
                        number.0
                    )),
                );
            }
            Some(_) if role != Role::Conflict && conflicted.contains(who) => {
                let hint = match role {
                    Role::Vote(list) => format!(
                        "a jävig member has no vote: remove {who} from `{list}`, or from `jäv` \
                         if the jäv is a mistake"
                    ),
                    _ => format!(
                        "a jävig member takes no part in the decision: remove the reservation, \
                         or remove {who} from `jäv` if the jäv is a mistake"
                    ),
                };
                found.push(
                    Diagnostic::error(
                        file,
                        span_of(name),
                        format!("{who} {} but is jävig there", role.act(number)),
                    )
                    .with_hint(hint),
                );
            }
            Some(_) => {}
        }
    }

    // Nobody votes twice.
    let mut cast: HashMap<&str, &'static str> = HashMap::new();
    for &(role, name) in &votes {
        let Role::Vote(list) = role else { continue };
        let who = name.value.as_str();
        if let Some(first) = cast.insert(who, list) {
            let lists = if first == list {
                format!("both times under {list}")
            } else {
                format!("under {first} and under {list}")
            };
            found.push(
                Diagnostic::error(
                    file,
                    span_of(name),
                    format!("{who} votes twice in {number} ({lists})"),
                )
                .with_hint(format!(
                    "each member has one vote: keep {who} under one of ja, nej and avstår"
                )),
            );
        }
    }

    // Never more votes than members who could cast them.
    let Some(vote) = &paragraph.vote else { return };
    let eligible = subject
        .meeting
        .meeting
        .voting
        .iter()
        .filter(|p| takes_part(p, number.0) && !conflicted.contains(p.name.value.as_str()))
        .map(|p| p.name.value.as_str())
        .collect::<HashSet<_>>()
        .len();
    if votes.len() > eligible {
        found.push(
            Diagnostic::error(
                file,
                span_of(votes[eligible].1),
                format!(
                    "{number} records {} votes (ja {}, nej {}, avstår {}), but only {eligible} \
                     of beslutande can vote in it",
                    votes.len(),
                    vote.yes.len(),
                    vote.no.len(),
                    vote.abstain.len()
                ),
            )
            .with_hint(format!(
                "one vote for each of beslutande taking part in {number} who is not jävig: \
                 at most {eligible} names under ja, nej and avstår together"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity::Error;
    use crate::validate::testing::{Found, only, run};

    /// A meeting whose beslutande are A (whole meeting), B (§§ 1–2) and
    /// C (whole meeting), with the § `paragraph` as its third §.
    fn votes(paragraph: &str) -> Vec<Found> {
        let yaml = format!(
            "datum: 2021-03-10\n\
             tid: \"09:00–12:00\"\n\
             plats: Kommunhuset\n\
             beslutande:\n\
             \x20 - namn: Anna Andersson\n\
             \x20 - namn: Bertil Berg\n\
             \x20   paragrafer: \"1–2\"\n\
             \x20 - namn: Cecilia Ceder\n\
             ordförande: Anna Andersson\n\
             sekreterare: Doris Dahl\n\
             justerare: [Cecilia Ceder]\n\
             paragrafer:\n\
             \x20 - rubrik: Mötet öppnas\n\
             \x20 - rubrik: Val av justerare\n\
             \x20 - rubrik: Budget\n\
             {paragraph}"
        );
        run(check, &yaml)
    }

    #[test]
    fn a_voter_not_among_beslutande_is_an_error() {
        let found = votes("    omröstning:\n      ja: [Anna Andersson, Karin Näsmark]\n");
        assert_eq!(
            only(&found),
            (
                Error,
                "Karin Näsmark votes in § 3 but is not among beslutande",
                17,
                28
            )
        );
        assert_eq!(
            found[0].hints,
            ["write the name exactly as it stands under `beslutande`, or add Karin Näsmark there"]
        );
    }

    #[test]
    fn a_reservation_by_someone_not_among_beslutande_is_an_error() {
        assert_eq!(
            only(&votes("    reservationer:\n      - namn: Doris Dahl\n")),
            (
                Error,
                "Doris Dahl enters a reservation in § 3 but is not among beslutande",
                17,
                15
            )
        );
    }

    #[test]
    fn jäv_of_someone_not_among_beslutande_is_an_error() {
        assert_eq!(
            only(&votes("    jäv:\n      - namn: Doris Dahl\n")),
            (
                Error,
                "Doris Dahl is listed as jävig in § 3 but is not among beslutande",
                17,
                15
            )
        );
    }

    #[test]
    fn a_voter_who_left_before_the_paragraph_is_an_error() {
        let found = votes("    omröstning:\n      nej: [Bertil Berg]\n");
        assert_eq!(
            only(&found),
            (
                Error,
                "Bertil Berg votes in § 3 but takes part only in §§ 1–2 (paragrafer)",
                17,
                13
            )
        );
        assert_eq!(
            found[0].hints,
            [
                "remove Bertil Berg from nej in § 3, or add 3 to Bertil Berg's `paragrafer` \
                 under beslutande"
            ]
        );
    }

    #[test]
    fn a_jävig_member_who_votes_is_an_error() {
        // Cecilia Ceder is jävig; she takes part in the § but has no vote.
        let found = votes(
            "    omröstning:\n      nej: [Cecilia Ceder]\n    jäv:\n      - namn: Cecilia Ceder\n",
        );
        assert_eq!(
            only(&found),
            (
                Error,
                "Cecilia Ceder votes in § 3 but is jävig there",
                17,
                13
            )
        );
        assert_eq!(
            found[0].hints,
            [
                "a jävig member has no vote: remove Cecilia Ceder from `nej`, or from `jäv` \
                 if the jäv is a mistake"
            ]
        );
    }

    #[test]
    fn a_reservation_by_a_jävig_member_is_an_error() {
        assert_eq!(
            only(&votes(
                "    reservationer:\n      - namn: Cecilia Ceder\n    jäv:\n      - namn: Cecilia Ceder\n"
            )),
            (
                Error,
                "Cecilia Ceder enters a reservation in § 3 but is jävig there",
                17,
                15
            )
        );
    }

    #[test]
    fn voting_twice_is_an_error() {
        assert_eq!(
            only(&votes(
                "    omröstning:\n      ja: [Anna Andersson]\n      avstår: [Anna Andersson]\n"
            )),
            (
                Error,
                "Anna Andersson votes twice in § 3 (under ja and under avstår)",
                18,
                16
            )
        );
    }

    #[test]
    fn more_votes_than_members_taking_part_is_an_error() {
        // Two take part in § 3 (Bertil Berg left after § 2); one is jävig.
        let found = votes(
            "    omröstning:\n      ja: [Anna Andersson]\n      nej: [Anna Andersson]\n    \
             jäv:\n      - namn: Cecilia Ceder\n",
        );
        let messages: Vec<(&str, usize, usize)> = found
            .iter()
            .map(|f| (f.message.as_str(), f.line, f.column))
            .collect();
        assert_eq!(
            messages,
            [
                (
                    "Anna Andersson votes twice in § 3 (under ja and under nej)",
                    18,
                    13
                ),
                (
                    "§ 3 records 2 votes (ja 1, nej 1, avstår 0), but only 1 of beslutande \
                     can vote in it",
                    18,
                    13
                ),
            ]
        );
    }

    #[test]
    fn a_lawful_vote_passes() {
        let found = votes(
            "    omröstning:\n      ja: [Anna Andersson]\n      nej: [Cecilia Ceder]\n    \
             reservationer:\n      - namn: Cecilia Ceder\n",
        );
        assert!(found.is_empty(), "{found:#?}");
    }
}
