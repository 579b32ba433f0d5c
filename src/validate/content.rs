//! Rules about what a § says (warnings): a § with nothing in it, and a name
//! in the text that is almost, but not quite, the name of someone at the
//! meeting ("Lise Hjemgaard-Svensson" for Lise Hjemgaard Svensson).

use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::messages::validate::content as say;
use crate::model::{Paragraph, ParagraphNumber};
use crate::parse::span_of;

use super::Subject;

pub(super) fn check(subject: &Subject, found: &mut Vec<Diagnostic>) {
    let known = known_names(subject);
    let exact: HashSet<&str> = known.iter().map(|k| k.name.as_str()).collect();
    for (number, paragraph) in subject.meeting.paragraphs() {
        if is_empty(paragraph) {
            found.push(
                Diagnostic::warning(
                    subject.file,
                    span_of(&paragraph.title),
                    say::empty_paragraph(&number.to_string(), &paragraph.title.value),
                )
                .with_hint(say::empty_paragraph_hint()),
            );
        }
        misspelt_names(subject, &known, &exact, number, paragraph, found);
    }
}

fn is_empty(paragraph: &Paragraph) -> bool {
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    blank(&paragraph.text)
        && blank(&paragraph.proposal)
        && paragraph.decisions.iter().all(|d| d.trim().is_empty())
}

/// A name the meeting knows, and where it is written.
#[derive(Debug)]
struct Known {
    /// The name, whitespace collapsed.
    name: String,
    /// Its words, hyphens counted as spaces.
    words: usize,
    /// Whether each of those words starts with a capital letter.
    capitals: Vec<bool>,
    /// How many whitespace-separated words it has as written.
    tokens: usize,
    /// The key the name stands under, for the hint.
    source: &'static str,
    /// Whether that key is in organ.yaml rather than the meeting file.
    in_organ_file: bool,
}

fn known_names(subject: &Subject) -> Vec<Known> {
    let meeting = &subject.meeting.meeting;
    let organ = subject.organ;
    let people = [
        (("beslutande", false), &meeting.voting),
        (("ersättare", false), &meeting.substitutes),
        (("tjänstepersoner", false), &meeting.officials),
        (("övriga_deltagare", false), &meeting.others),
        (("frånvarande", false), &meeting.absent),
        (("ledamöter", true), &organ.members),
        (("ersättare", true), &organ.substitutes),
    ];
    let roles = meeting
        .chair
        .value
        .0
        .iter()
        .map(|h| (("ordförande", false), &h.name))
        .chain([(("sekreterare", false), &meeting.secretary.value)])
        .chain(
            meeting
                .adjusters
                .iter()
                .map(|a| (("justerare", false), &a.value.name)),
        );
    let mut known: Vec<Known> = Vec::new();
    let names = people
        .into_iter()
        .flat_map(|(source, list)| list.iter().map(move |p| (source, &p.name.value)))
        .chain(roles);
    for ((source, in_organ_file), name) in names {
        let name = collapse(name);
        if name.is_empty() || known.iter().any(|k| k.name == name) {
            continue;
        }
        let words = words(&name);
        known.push(Known {
            words: words.len(),
            capitals: words.iter().map(|w| capitalised(w)).collect(),
            tokens: name.split_whitespace().count(),
            name,
            source,
            in_organ_file,
        });
    }
    known
}

/// One near-miss found in a field.
#[derive(Debug)]
struct Hit<'k> {
    /// Token range in the field.
    start: usize,
    end: usize,
    /// Where the name stands among the known ones.
    order: usize,
    /// The words as written (whitespace collapsed).
    written: String,
    /// The name it is close to.
    known: &'k Known,
    /// Levenshtein distance between the two.
    distance: usize,
}

fn misspelt_names(
    subject: &Subject,
    known: &[Known],
    exact: &HashSet<&str>,
    number: ParagraphNumber,
    paragraph: &Paragraph,
    found: &mut Vec<Diagnostic>,
) {
    let fields = paragraph
        .presenter
        .iter()
        .map(|t| ("föredragande", t.as_str()))
        .chain(paragraph.text.iter().map(|t| ("text", t.as_str())))
        .chain(
            paragraph
                .proposal
                .iter()
                .map(|t| ("förslag_till_beslut", t.as_str())),
        )
        .chain(
            paragraph
                .motions
                .iter()
                .map(|m| ("yrkanden", m.by.as_str())),
        )
        .chain(paragraph.decisions.iter().map(|t| ("beslut", t.as_str())))
        .chain(
            paragraph
                .notes
                .iter()
                .map(|n| ("protokollsanteckningar", n.text.as_str())),
        );
    let mut reported: HashSet<(&str, String)> = HashSet::new();
    for (field, text) in fields {
        for hit in near_misses(text, known, exact) {
            if !reported.insert((field, hit.written.clone())) {
                continue;
            }
            found.push(
                Diagnostic::warning(
                    subject.file,
                    span_of(&paragraph.title),
                    say::misspelt_name(&number.to_string(), field, &hit.written, &hit.known.name),
                )
                .with_hint(say::misspelt_name_hint(
                    &hit.known.name,
                    hit.known.source,
                    hit.known.in_organ_file,
                )),
            );
        }
    }
}

/// A word of running text: its letters and whether punctuation stood
/// before or after them ("(M),", "**Karin").
#[derive(Debug, Clone, Copy)]
struct Token<'t> {
    core: &'t str,
    lead: bool,
    trail: bool,
    /// Whether `core` starts with a capital, worked out once per word: every
    /// window of every known name asks.
    capital: bool,
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let edge = |c: char| !c.is_alphanumeric();
    text.split_whitespace()
        .map(|raw| {
            let start = raw.trim_start_matches(edge);
            let core = start.trim_end_matches(edge);
            Token {
                core,
                lead: start.len() != raw.len(),
                trail: core.len() != start.len(),
                capital: capitalised(core),
            }
        })
        .collect()
}

/// Runs of words in `text` that are one or two edits from a known name.
///
/// Each window of words is looked at once, for every name at once: the
/// string is built and the cheap tests run per window, and only names of
/// about its length and the same capitals get to the edit distance. (Asking
/// name by name built every window's string once per name, and took most of
/// `check`'s time on a folder of a thousand meetings.)
fn near_misses<'k>(text: &str, known: &'k [Known], exact: &HashSet<&str>) -> Vec<Hit<'k>> {
    // Full names only: a lone first name is too short to tell a typo from
    // another word.
    let names: Vec<(usize, &Known)> = known
        .iter()
        .enumerate()
        .filter(|(_, name)| name.words >= 2 && name.capitals.first().copied().unwrap_or(false))
        .collect();
    let Some(largest) = names.iter().map(|(_, name)| name.tokens + 1).max() else {
        return Vec::new();
    };
    let tokens = tokens(text);
    let mut hits: Vec<Hit> = Vec::new();
    // A name starts with a capital, so only windows that start at one are
    // looked at: most words of running text are not.
    for start in (0..tokens.len()).filter(|&i| tokens[i].capital) {
        for size in 1..=largest {
            let Some(window) = tokens.get(start..start + size) else {
                break;
            };
            // Punctuation inside the run ends it: "Karin, Per" is no name,
            // and no longer run from here is either.
            if window[1..].iter().any(|t| t.lead) || window[..size - 1].iter().any(|t| t.trail) {
                break;
            }
            if window.iter().any(|t| t.core.is_empty()) {
                continue;
            }
            // Each edit changes the length by at most one character of four
            // bytes; a hyphen that joins or splits words changes the word
            // count by one.
            let bytes = window.iter().map(|t| t.core.len()).sum::<usize>() + size - 1;
            let near = |name: &Known| {
                (name.tokens.saturating_sub(1).max(1)..=name.tokens + 1).contains(&size)
                    && bytes.abs_diff(name.name.len()) <= 4 * MAX_DISTANCE
            };
            if !names.iter().any(|(_, name)| near(name)) {
                continue;
            }
            let written = window.iter().map(|t| t.core).collect::<Vec<_>>().join(" ");
            if exact.contains(written.as_str()) {
                continue;
            }
            let capitals: Vec<bool> = words(&written).iter().map(|w| capitalised(w)).collect();
            for &(order, name) in names.iter().filter(|(_, name)| near(name)) {
                if let Some(distance) = misspelling(&written, &capitals, name) {
                    hits.push(Hit {
                        start,
                        end: start + size,
                        order,
                        written: written.clone(),
                        known: name,
                        distance,
                    });
                }
            }
        }
    }
    // The nearest name wins where runs overlap; then the earlier run, the
    // name listed first, the shorter run.
    hits.sort_by_key(|h| (h.distance, h.start, h.order, h.end));
    let mut kept: Vec<Hit> = Vec::new();
    for hit in hits {
        if kept
            .iter()
            .all(|k| hit.end <= k.start || k.end <= hit.start)
        {
            kept.push(hit);
        }
    }
    kept.sort_by_key(|h| h.start);
    kept
}

/// The edit distance between `written` and `name`, when it is small enough
/// to be a misspelling of it: the same words with the same capitals, not the
/// name's genitive.
fn misspelling(written: &str, capitals: &[bool], name: &Known) -> Option<usize> {
    if capitals != name.capitals.as_slice() {
        return None;
    }
    // The genitive of the name itself ("Elin Rings", "SocSam:s").
    if let Some(stem) = written.strip_suffix('s')
        && (stem == name.name || stem.strip_suffix(':') == Some(name.name.as_str()))
    {
        return None;
    }
    let distance = strsim::levenshtein(written, &name.name);
    let allowed = if name.name.chars().count() < 10 {
        1
    } else {
        MAX_DISTANCE
    };
    (1..=allowed).contains(&distance).then_some(distance)
}

/// The most edits between a written name and a known one that count as a
/// misspelling (for names of ten characters or more; shorter ones, one).
const MAX_DISTANCE: usize = 2;

/// Whitespace collapsed to single spaces.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words, counting a hyphen as a space.
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '-' | '‐' | '‑'))
        .filter(|w| !w.is_empty())
        .collect()
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::diagnostic::Severity::Warning;
    use crate::diagnostic::line_column;
    use crate::number;
    use crate::parse::{parse_meeting, parse_organ};
    use crate::validate::testing::{Found, meeting, only, run, run_with};
    use crate::validate::{Subject, validate};

    fn content(paragraphs: &str) -> Vec<Found> {
        run(check, &meeting(&format!("paragrafer:\n{paragraphs}")))
    }

    #[test]
    fn an_empty_paragraph_is_a_warning() {
        let found = content("  - rubrik: Ett\n    text: Något.\n  - rubrik: Övriga frågor\n");
        assert_eq!(
            only(&found),
            (
                Warning,
                "§ 2 Övriga frågor saknar `text`, `förslag_till_beslut` och `beslut`",
                14,
                13
            )
        );
        assert_eq!(
            found[0].hints,
            [
                "skriv ärendet under `text:` och beslutet under `beslut:`, eller ta bort \
                 paragrafen"
            ]
        );
    }

    #[test]
    fn a_name_with_a_hyphen_too_many_is_a_warning() {
        let found =
            content("  - rubrik: Mötet öppnas\n    text: Cecilia-Ceder (S) öppnar mötet.\n");
        assert_eq!(
            only(&found),
            (
                Warning,
                "§ 1, `text`: \"Cecilia-Ceder\" ser ut som en felstavning av Cecilia Ceder",
                12,
                13
            )
        );
        assert_eq!(
            found[0].hints,
            [
                "skriv Cecilia Ceder, som namnet står under `beslutande` (namn skrivs ut precis \
                 som de är skrivna); gäller det någon annan, låt det stå"
            ]
        );
    }

    #[test]
    fn a_name_with_a_letter_too_many_in_a_decision_is_a_warning() {
        let found = run_with(
            check,
            "namn: N\nledamöter:\n  - namn: Johan Loock\n",
            &meeting(
                "paragrafer:\n  - rubrik: Val\n    beslut:\n      - Johan Looock (M) väljs.\n",
            ),
            &[],
        );
        assert_eq!(
            only(&found),
            (
                Warning,
                "§ 1, `beslut`: \"Johan Looock\" ser ut som en felstavning av Johan Loock",
                12,
                13
            )
        );
        assert!(found[0].hints[0].contains("under `ledamöter` i organ.yaml"));
    }

    #[test]
    fn names_as_written_genitives_and_other_words_pass() {
        let found = content(
            "  - rubrik: Ett\n    text: |\n      Anna Andersson (S) och Bertil Bergs förslag.\n      \
             Doris Dahl, Cecilia Ceder. Anna Anderson-Berg är inte här.\n      Bertil berg\n",
        );
        assert!(found.is_empty(), "{found:#?}");
        // A one-word name is never matched against words of the text.
        let yaml = meeting("paragrafer:\n  - rubrik: Ett\n    text: En Dahl.\n")
            .replace("Doris Dahl", "D");
        let found = run(check, &yaml);
        assert!(found.is_empty(), "{found:#?}");
    }

    /// The bundled SocSam meeting spells its chair two wrong ways, in § 1
    /// and in § 14, and has nothing else the rules object to.
    #[test]
    fn the_bundled_socsam_meeting_warns_about_its_two_misspellings() {
        let (text, found) = validate_bundled("socsam", "2021/2021-02-26.yaml");
        let shown: Vec<(crate::diagnostic::Severity, &str, (usize, usize))> = found
            .iter()
            .map(|d| {
                let start = d.span.as_ref().expect("located").start;
                (d.severity, d.message.as_str(), line_column(&text, start))
            })
            .collect();
        let line_of = |needle: &str| {
            let offset = text.find(needle).expect("rubrik in file");
            line_column(&text, offset).0
        };
        assert_eq!(
            shown,
            [
                (
                    Warning,
                    "§ 1, `text`: \"Lise Hjemgaard-Svensson\" ser ut som en felstavning av Lise \
                     Hjemgaard Svensson",
                    (line_of("rubrik: Sammanträdet öppnas"), 13)
                ),
                (
                    Warning,
                    "§ 14, `beslut`: \"Lise-Hjemgaard Svensson\" ser ut som en felstavning av \
                     Lise Hjemgaard Svensson",
                    (line_of("rubrik: Övriga frågor"), 13)
                ),
            ]
        );
    }

    #[test]
    fn the_bundled_socialnamnden_meeting_is_clean() {
        let (_, found) = validate_bundled("socialnamnden", "2017/2017-09-27.yaml");
        assert!(found.is_empty(), "{found:#?}");
    }

    /// All rules on a bundled example: its text and what they found.
    fn validate_bundled(organ: &str, meeting: &str) -> (String, Vec<Diagnostic>) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("meetings")
            .join(organ);
        let file = root.join(meeting);
        let text = std::fs::read_to_string(&file).expect("bundled example");
        let organ_text = std::fs::read_to_string(root.join("organ.yaml")).expect("organ");
        let organ = parse_organ(Path::new("organ.yaml"), &organ_text).expect("organ parses");
        let meeting = number::number(parse_meeting(&file, &text).expect("parses"), &[]);
        let found = validate(&Subject {
            file: &file,
            organ: &organ,
            meeting: &meeting,
            organ_meetings: &[],
        });
        (text, found)
    }
}
