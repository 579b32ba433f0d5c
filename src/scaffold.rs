//! The meeting file `protokoll new` writes: the next meeting of an organ,
//! as the plan its kallelse is made from, with what the previous meeting and
//! the organ's roster already say carried over and comments that teach the
//! keys still to fill in. Pure: the command reads and writes.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::calendar;
use crate::edit::{yaml_quoted as quoted, yaml_scalar as scalar};
use crate::model::{NumberedMeeting, Organ, Person};

/// The standing items of every meeting, in their order; the ärenden go
/// between the third and the last.
pub const STANDING_ITEMS: [&str; 4] = [
    "Sammanträdet öppnas",
    "Val av justerare",
    "Godkännande av föredragningslista",
    "Mötet avslutas",
];

/// What the new file is made from.
#[derive(Debug, Clone, Copy)]
pub struct NewMeeting<'a> {
    /// The organ.
    pub organ: &'a Organ,
    /// The organ's latest meeting before this one, if any.
    pub previous: Option<&'a NumberedMeeting>,
    /// The meeting day.
    pub date: NaiveDate,
    /// Its first § as the year's numbering will label it (`Sn § 64`).
    pub first_paragraph: &'a str,
    /// The way from the new file to the meeting schema, for the editor.
    pub schema: &'a str,
}

/// The text of the new meeting file.
pub fn meeting_file(new: &NewMeeting) -> String {
    let previous = new.previous.map(|p| &p.meeting);
    let mut text = String::new();
    let _ = writeln!(text, "# yaml-language-server: $schema={}", new.schema);
    let _ = write!(
        text,
        "#\n\
         # {organ}, sammanträdet {day}.\n\
         # Skriven av `protokoll new`. Före mötet är filen underlaget för kallelsen\n\
         # (`protokoll kallelse` med filen); efter mötet skriver du in beslutande,\n\
         # justerare och besluten, och `protokoll justera` när protokollet är\n\
         # justerat. Varje nyckel beskrivs i FORMAT.md.\n",
        organ = new.organ.name,
        day = calendar::long_date_in_sentence(new.date),
    );
    let _ = writeln!(text, "datum: {}", new.date);
    let time = previous.map_or_else(|| "09:00–12:00".to_owned(), |m| m.time.value.display());
    let _ = writeln!(
        text,
        "tid: {}  # från–till; flera pass med komma emellan",
        quoted(&time)
    );
    let place = previous.map_or("Kommunhuset", |m| m.place.as_str());
    let _ = writeln!(text, "plats: {}", scalar(place));
    let _ = writeln!(
        text,
        "# första_paragraf: utelämnad, så fortsätter årets numrering: {}.",
        new.first_paragraph
    );
    let chair = previous
        .and_then(|m| m.chair.value.main().map(|h| h.name.clone()))
        .or_else(|| roster_chair(new.organ))
        .unwrap_or_else(|| "Ordförandens namn".to_owned());
    let _ = writeln!(text, "ordförande: {}", scalar(&chair));
    let secretary = previous.map_or("Sekreterarens namn", |m| m.secretary.value.as_str());
    let _ = writeln!(text, "sekreterare: {}", scalar(secretary));

    // Who takes part is known only afterwards: the roster, ready to keep.
    let (members, substitutes) = if new.organ.members.is_empty() {
        previous.map_or((&[][..], &[][..]), |m| {
            (m.voting.as_slice(), m.substitutes.as_slice())
        })
    } else {
        (
            new.organ.members.as_slice(),
            new.organ.substitutes.as_slice(),
        )
    };
    text.push_str(
        "\n# Efter mötet: ta bort # framför de som deltog i besluten (beslutande) och\n\
         # de ersättare som var där, och lägg till justerare: [namn].\n",
    );
    commented_people(&mut text, "beslutande", members);
    commented_people(&mut text, "ersättare", substitutes);

    text.push_str("\nparagrafer:\n");
    for item in &STANDING_ITEMS[..3] {
        let _ = writeln!(text, "  - rubrik: {item}");
    }
    text.push_str(
        "  # Ärendena här, i föredragningslistans ordning, t.ex.:\n\
         \x20 # - rubrik: Budget för nästa år\n\
         \x20 #   diarienummer: KS 2025/12\n\
         \x20 #   föredragande: namn\n\
         \x20 #   förslag_till_beslut: Nämnden antar förslaget.\n",
    );
    let _ = writeln!(text, "  - rubrik: {}", STANDING_ITEMS[3]);
    text
}

/// The roster's chair: a member whose uppdrag is ordförande (not vice).
fn roster_chair(organ: &Organ) -> Option<String> {
    organ
        .members
        .iter()
        .find(|p| {
            p.assignment.as_deref().is_some_and(|a| {
                let a = a.to_lowercase();
                a.contains("ordförande") && !a.contains("vice")
            })
        })
        .map(|p| p.name.value.clone())
}

fn commented_people(text: &mut String, key: &str, people: &[Person]) {
    if people.is_empty() {
        return;
    }
    let _ = writeln!(text, "# {key}:");
    for person in people {
        let _ = writeln!(text, "#   - namn: {}", scalar(&person.name.value));
        if let Some(party) = &person.party {
            let _ = writeln!(text, "#     parti: {}", scalar(party));
        }
        if let Some(organisation) = &person.organisation {
            let _ = writeln!(text, "#     organisation: {}", scalar(organisation));
        }
    }
}
