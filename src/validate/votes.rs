//! Rules about who decides a §: everyone named in `omröstning`,
//! `reservationer` and `jäv` is among beslutande and took part in that §, a
//! jävig member has no vote, nobody votes twice, and there are never more
//! votes than members who could cast them.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use crate::diagnostic::Diagnostic;
use crate::messages::did_you_mean;
use crate::messages::validate::votes as say;
use crate::model::{Paragraph, ParagraphNumber, Person, Spanned, Vote};
use crate::parse::span_of;

use super::people::nearest_name;
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
    /// "röstar i § 7", "reserverar sig i § 7" …
    fn act(self, number: ParagraphNumber) -> String {
        let number = number.to_string();
        match self {
            Role::Vote(_) => say::act_vote(&number),
            Role::Dissent => say::act_dissent(&number),
            Role::Conflict => say::act_conflict(&number),
        }
    }

    /// The key the name stands under, for hints.
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
    let names: Vec<&str> = subject
        .meeting
        .meeting
        .voting
        .iter()
        .map(|p| p.name.value.as_str())
        .collect();
    for (number, paragraph) in subject.meeting.paragraphs() {
        check_paragraph(subject, &voting, &names, number, paragraph, found);
        dissents_against(subject, number, paragraph, found);
        every_member_votes(subject, &names, number, paragraph, found);
    }
}

/// In an open vote every beslutande taking part in the § and not jävig
/// there casts a vote (ja, nej or avstår): a warning names those left out.
/// A member offered for a misspelt voter ("menade du …?") is not named
/// again.
fn every_member_votes(
    subject: &Subject,
    names: &[&str],
    number: ParagraphNumber,
    paragraph: &Paragraph,
    found: &mut Vec<Diagnostic>,
) {
    let Some(vote) = &paragraph.vote else {
        return;
    };
    let voters: Vec<&Spanned<String>> = vote
        .yes
        .iter()
        .chain(&vote.no)
        .chain(&vote.abstain)
        .collect();
    // The earliest name in the vote stands for the omröstning (it has no
    // position of its own); a vote that names nobody is not an open one.
    let Some(first) = voters.iter().min_by_key(|v| span_of(v).map(|s| s.start)) else {
        return;
    };
    let cast: HashSet<&str> = voters.iter().map(|v| v.value.as_str()).collect();
    let meant: HashSet<&str> = voters
        .iter()
        .filter(|v| !names.contains(&v.value.as_str()))
        .filter_map(|v| nearest_name(&v.value, names.iter().copied()))
        .collect();
    let conflicted: HashSet<&str> = paragraph
        .conflicts
        .iter()
        .map(|c| c.name.value.as_str())
        .collect();
    let mut missing: Vec<&str> = Vec::new();
    for person in &subject.meeting.meeting.voting {
        let name = person.name.value.as_str();
        if takes_part(person, number.0)
            && !conflicted.contains(name)
            && !cast.contains(name)
            && !meant.contains(name)
            && !missing.contains(&name)
        {
            missing.push(name);
        }
    }
    if missing.is_empty() {
        return;
    }
    let paragraph_label = number.to_string();
    found.push(
        Diagnostic::warning(
            subject.file,
            span_of(first),
            say::missing_voters(&missing, &paragraph_label),
        )
        .with_hint(say::missing_voters_hint(&missing, &paragraph_label)),
    );
}

/// A reservation is against the decision: whoever voted for it cannot enter
/// one, nor can whoever abstained (who took no part in it). The file does
/// not say which side won, so the decision is taken to be the side (`ja` or
/// `nej`) with more votes; at a tie, the side the chair voted on, whose vote
/// decides (utslagsröst).
fn dissents_against(
    subject: &Subject,
    number: ParagraphNumber,
    paragraph: &Paragraph,
    found: &mut Vec<Diagnostic>,
) {
    let Some(vote) = &paragraph.vote else {
        return;
    };
    let label = number.to_string();
    let chair = subject
        .meeting
        .meeting
        .chair
        .value
        .holder_for(number.0)
        .map(|h| h.name.as_str());
    let winner = winning_side(vote, chair);
    if winner.is_none() && !vote.yes.is_empty() {
        // Nothing decides the tie: the protocol cannot say what was decided.
        let chair = chair.unwrap_or("");
        found.push(
            Diagnostic::warning(
                subject.file,
                vote.yes.first().and_then(span_of),
                say::tie_without_the_chair(&label, vote.yes.len(), chair),
            )
            .with_hint(say::tie_without_the_chair_hint(chair)),
        );
    }
    for dissent in &paragraph.dissents {
        let who = dissent.name.value.as_str();
        let among = |voters: &[Spanned<String>]| voters.iter().any(|v| v.value == who);
        if among(&vote.abstain) {
            found.push(
                Diagnostic::error(
                    subject.file,
                    span_of(&dissent.name),
                    say::dissent_by_an_abstainer(who, &label),
                )
                .with_hint(say::dissent_by_an_abstainer_hint(who)),
            );
        }
        if let Some((side, voters)) = winner
            && among(voters)
        {
            found.push(
                Diagnostic::error(
                    subject.file,
                    span_of(&dissent.name),
                    say::dissent_by_a_winner(who, &label, side),
                )
                .with_hint(say::dissent_by_a_winner_hint(who, side)),
            );
        }
    }
}

/// The side that won (`ja` or `nej`) and its voters: the one with more
/// votes, at a tie the one `chair` voted on. None when nothing decides it
/// (no votes on either side, or a tie without the chair).
fn winning_side<'v>(
    vote: &'v Vote,
    chair: Option<&str>,
) -> Option<(&'static str, &'v [Spanned<String>])> {
    let with_chair = |voters: &[Spanned<String>]| {
        chair.is_some_and(|chair| voters.iter().any(|v| v.value == chair))
    };
    match vote.yes.len().cmp(&vote.no.len()) {
        Ordering::Greater => Some(("ja", &vote.yes)),
        Ordering::Less => Some(("nej", &vote.no)),
        Ordering::Equal if with_chair(&vote.yes) => Some(("ja", &vote.yes)),
        Ordering::Equal if with_chair(&vote.no) => Some(("nej", &vote.no)),
        Ordering::Equal => None,
    }
}

fn check_paragraph(
    subject: &Subject,
    voting: &HashMap<&str, &Person>,
    names: &[&str],
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
    let paragraph_label = number.to_string();
    for (role, name) in named {
        let who = name.value.as_str();
        match voting.get(who) {
            None => {
                let mut finding = Diagnostic::error(
                    file,
                    span_of(name),
                    say::not_among_voting(who, &role.act(number)),
                );
                if let Some(near) = nearest_name(who, names.iter().copied()) {
                    finding = finding.with_hint(did_you_mean(near));
                }
                found.push(finding.with_hint(say::not_among_voting_hint(who)));
            }
            Some(person) if !takes_part(person, number.0) => {
                let set = person.paragraphs.as_ref().map(|s| &s.value);
                found.push(
                    Diagnostic::error(
                        file,
                        span_of(name),
                        say::not_taking_part(
                            who,
                            &role.act(number),
                            &set.map(|s| s.label(None)).unwrap_or_default(),
                        ),
                    )
                    .with_hint(say::not_taking_part_hint(
                        who,
                        role.place(),
                        &paragraph_label,
                        number.0,
                    )),
                );
            }
            Some(_) if role != Role::Conflict && conflicted.contains(who) => {
                let hint = match role {
                    Role::Vote(list) => say::conflicted_vote_hint(who, list),
                    _ => say::conflicted_dissent_hint(who),
                };
                found.push(
                    Diagnostic::error(file, span_of(name), say::conflicted(who, &role.act(number)))
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
            found.push(
                Diagnostic::error(
                    file,
                    span_of(name),
                    say::votes_twice(who, &paragraph_label, first, list),
                )
                .with_hint(say::votes_twice_hint(who)),
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
                say::too_many_votes(
                    &paragraph_label,
                    vote.yes.len(),
                    vote.no.len(),
                    vote.abstain.len(),
                    eligible,
                ),
            )
            .with_hint(say::too_many_votes_hint(&paragraph_label, eligible)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity::{Error, Warning};
    use crate::validate::testing::{Found, meeting, only, run};

    /// The errors alone, for tests whose vote leaves a member out only
    /// in passing (a warning of its own test).
    fn errors(found: Vec<Found>) -> Vec<Found> {
        found.into_iter().filter(|f| f.severity == Error).collect()
    }

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
        let found = errors(votes(
            "    omröstning:\n      ja: [Anna Andersson, Karin Näsmark]\n",
        ));
        assert_eq!(
            only(&found),
            (
                Error,
                "Karin Näsmark röstar i § 3 men finns inte bland `beslutande`",
                17,
                28
            )
        );
        assert_eq!(
            found[0].hints,
            [
                "skriv namnet exakt som det står under `beslutande`, eller lägg till Karin \
                 Näsmark där"
            ]
        );
    }

    #[test]
    fn a_reservation_by_someone_not_among_beslutande_is_an_error() {
        assert_eq!(
            only(&votes("    reservationer:\n      - namn: Doris Dahl\n")),
            (
                Error,
                "Doris Dahl reserverar sig i § 3 men finns inte bland `beslutande`",
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
                "Doris Dahl är antecknad som jävig i § 3 men finns inte bland `beslutande`",
                17,
                15
            )
        );
    }

    #[test]
    fn a_voter_who_left_before_the_paragraph_is_an_error() {
        let found = errors(votes("    omröstning:\n      nej: [Bertil Berg]\n"));
        assert_eq!(
            only(&found),
            (
                Error,
                "Bertil Berg röstar i § 3 men deltar enligt `paragrafer` bara i §§ 1–2",
                17,
                13
            )
        );
        assert_eq!(
            found[0].hints,
            [
                "ta bort Bertil Berg från `nej` i § 3, eller lägg till 3 i `paragrafer` för \
                 Bertil Berg under `beslutande`"
            ]
        );
    }

    #[test]
    fn a_jävig_member_who_votes_is_an_error() {
        // Cecilia Ceder is jävig; she takes part in the § but has no vote.
        let found = errors(votes(
            "    omröstning:\n      nej: [Cecilia Ceder]\n    jäv:\n      - namn: Cecilia Ceder\n",
        ));
        assert_eq!(
            only(&found),
            (
                Error,
                "Cecilia Ceder röstar i § 3 men är jävig i samma paragraf",
                17,
                13
            )
        );
        assert_eq!(
            found[0].hints,
            [
                "den som är jävig får inte rösta: ta bort Cecilia Ceder från `nej`, eller från \
                 `jäv` om jävet är ett misstag"
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
                "Cecilia Ceder reserverar sig i § 3 men är jävig i samma paragraf",
                17,
                15
            )
        );
    }

    #[test]
    fn a_reservation_by_someone_who_voted_for_the_decision_is_an_error() {
        let found = votes(
            "    omröstning:\n      ja: [Anna Andersson]\n      nej: [Cecilia Ceder]\n      \
             avstår: []\n    reservationer:\n      - namn: Cecilia Ceder\n  - rubrik: Fyra\n    \
             omröstning:\n      ja: [Anna Andersson, Cecilia Ceder]\n    reservationer:\n      \
             - namn: Anna Andersson\n",
        );
        // § 3 is a tie, decided by the chair's ja: Cecilia Ceder, on nej,
        // may reserve herself. In § 4 ja wins outright.
        assert_eq!(
            only(&found),
            (
                Error,
                "Anna Andersson reserverar sig i § 4 men röstade för beslutet (`ja`)",
                26,
                15
            )
        );
        assert_eq!(
            found[0].hints,
            [
                "bara den som röstade mot beslutet kan reservera sig mot det: ta bort \
                 reservationen (en `protokollsanteckningar` går att föra ändå), eller flytta \
                 Anna Andersson från `ja` om rösten är fel antecknad"
            ]
        );
    }

    #[test]
    fn a_tie_is_decided_by_the_chair_and_a_reservation_by_that_side_is_an_error() {
        // Anna Andersson chairs and votes nej: nej wins 1–1, and Cecilia
        // Ceder's reservation on ja stands, Anna Andersson's does not.
        let found = votes(
            "    omröstning:\n      ja: [Cecilia Ceder]\n      nej: [Anna Andersson]\n    \
             reservationer:\n      - namn: Cecilia Ceder\n      - namn: Anna Andersson\n",
        );
        assert_eq!(
            only(&errors(found)),
            (
                Error,
                "Anna Andersson reserverar sig i § 3 men röstade för beslutet (`nej`)",
                21,
                15
            )
        );
    }

    #[test]
    fn a_tie_the_chair_did_not_vote_in_is_a_warning() {
        let found = run(
            check,
            &meeting(
                "paragrafer:\n  - rubrik: Ett\n    omröstning:\n      ja: [Bertil Berg]\n      \
                 nej: [Cecilia Ceder]\n      avstår: [Anna Andersson]\n",
            ),
        );
        assert_eq!(
            only(&found),
            (
                Warning,
                "omröstningen i § 1 slutar lika, 1–1, men ordföranden Anna Andersson finns \
                 varken under `ja` eller `nej`",
                14,
                12
            )
        );
        assert!(
            found[0].hints[0].contains("utslagsröst"),
            "{:?}",
            found[0].hints
        );
    }

    #[test]
    fn a_reservation_by_someone_who_abstained_is_an_error() {
        let found = votes(
            "    omröstning:\n      ja: [Anna Andersson]\n      avstår: [Cecilia Ceder]\n    \
             reservationer:\n      - namn: Cecilia Ceder\n",
        );
        assert_eq!(
            only(&errors(found)),
            (
                Error,
                "Cecilia Ceder reserverar sig i § 3 men avstod från att rösta (`avstår`)",
                20,
                15
            )
        );
    }

    #[test]
    fn a_reservation_by_someone_on_the_winning_nej_side_is_an_error() {
        // All three take part; Bertil Berg, on the losing side, may reserve
        // himself.
        let found = run(
            check,
            &meeting(
                "paragrafer:\n  - rubrik: Ett\n    omröstning:\n      ja: [Bertil Berg]\n      \
                 nej: [Anna Andersson, Cecilia Ceder]\n    reservationer:\n      - namn: Cecilia \
                 Ceder\n      - namn: Bertil Berg\n",
            ),
        );
        assert_eq!(
            only(&found),
            (
                Error,
                "Cecilia Ceder reserverar sig i § 1 men röstade för beslutet (`nej`)",
                17,
                15
            )
        );
    }

    #[test]
    fn a_misspelt_name_in_a_paragraph_is_offered_the_name_meant() {
        let found = votes(
            "    omröstning:\n      ja: [Anna Andersson, cecilia ceder]\n    reservationer:\n      \
             - namn: Anna Anderson\n    jäv:\n      - namn: Bertil Bergg\n",
        );
        let summary: Vec<(&str, &str, &str, usize, usize)> = found
            .iter()
            .map(|f| {
                (
                    f.message.as_str(),
                    f.hints[0].as_str(),
                    f.hints[1].as_str(),
                    f.line,
                    f.column,
                )
            })
            .collect();
        let hint = |name: &str| {
            format!(
                "skriv namnet exakt som det står under `beslutande`, eller lägg till {name} där"
            )
        };
        let (h1, h2, h3) = (
            hint("cecilia ceder"),
            hint("Anna Anderson"),
            hint("Bertil Bergg"),
        );
        assert_eq!(
            summary,
            [
                (
                    "cecilia ceder röstar i § 3 men finns inte bland `beslutande`",
                    "menade du Cecilia Ceder?",
                    h1.as_str(),
                    17,
                    28
                ),
                (
                    "Anna Anderson reserverar sig i § 3 men finns inte bland `beslutande`",
                    "menade du Anna Andersson?",
                    h2.as_str(),
                    19,
                    15
                ),
                (
                    "Bertil Bergg är antecknad som jävig i § 3 men finns inte bland `beslutande`",
                    "menade du Bertil Berg?",
                    h3.as_str(),
                    21,
                    15
                ),
            ]
        );
    }

    #[test]
    fn a_name_far_from_every_member_gets_no_suggestion() {
        let found = errors(votes("    reservationer:\n      - namn: Karin Näsmark\n"));
        assert_eq!(
            found[0].hints,
            [
                "skriv namnet exakt som det står under `beslutande`, eller lägg till Karin \
                 Näsmark där"
            ]
        );
    }

    #[test]
    fn an_open_vote_leaving_out_a_member_present_is_a_warning() {
        let found = votes("    omröstning:\n      nej: [Anna Andersson]\n");
        assert_eq!(
            only(&found),
            (
                Warning,
                "Cecilia Ceder deltar i § 3 men finns inte i omröstningen",
                17,
                13
            )
        );
        assert_eq!(
            found[0].hints,
            [
                "vid öppen omröstning antecknas varje röst: lägg till Cecilia Ceder under `ja`, \
                 `nej` eller `avstår`, eller rätta `paragrafer` för Cecilia Ceder under \
                 `beslutande` om Cecilia Ceder inte deltog i § 3"
            ]
        );
    }

    #[test]
    fn an_open_vote_leaving_out_several_names_them_all() {
        let found = run(
            check,
            &meeting(
                "paragrafer:\n  - rubrik: Ett\n    omröstning:\n      avstår: [Cecilia Ceder]\n",
            ),
        );
        assert_eq!(
            only(&found),
            (
                Warning,
                "Anna Andersson och Bertil Berg deltar i § 1 men finns inte i omröstningen",
                14,
                16
            )
        );
        assert_eq!(
            found[0].hints,
            [
                "vid öppen omröstning antecknas varje röst: lägg till var och en av dem under \
                 `ja`, `nej` eller `avstår`, eller rätta deras `paragrafer` under `beslutande` \
                 om de inte deltog i § 1"
            ]
        );
    }

    #[test]
    fn voting_twice_is_an_error() {
        assert_eq!(
            only(&errors(votes(
                "    omröstning:\n      ja: [Anna Andersson]\n      avstår: [Anna Andersson]\n"
            ))),
            (
                Error,
                "Anna Andersson röstar två gånger i § 3 (under `ja` och under `avstår`)",
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
                    "Anna Andersson röstar två gånger i § 3 (under `ja` och under `nej`)",
                    18,
                    13
                ),
                (
                    "§ 3 har 2 röster (ja 1, nej 1, avstår 0), men bara 1 av de beslutande kan \
                     rösta där",
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
