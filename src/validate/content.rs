//! Rules about what a § says (warnings): a § with nothing in it, and a name
//! in the text that is almost, but not quite, the name of someone at the
//! meeting ("Lise Hjemgaard-Svensson" for Lise Hjemgaard Svensson).

use std::collections::HashSet;
use std::ops::Range;

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
            // At the word itself; where it cannot be found in the file
            // (an escape in a quoted value), at the § rubrik.
            let at = span_of(&paragraph.title).and_then(|title| {
                locate(subject.text, title.start, field, &hit.written).or(Some(title))
            });
            found.push(
                Diagnostic::warning(
                    subject.file,
                    at,
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

/// Where `written` (words joined by single spaces) first stands in the value
/// of `field` of the § whose rubrik's value starts at byte `title` of
/// `text`, as a byte range of the file: the words may be split over lines
/// (a block scalar, a long plain value). `None` when the § or the key cannot
/// be told from the text, or the words are not written there as they read.
fn locate(text: &str, title: usize, field: &str, written: &str) -> Option<Range<usize>> {
    let (item, column) = paragraph_item(text, title)?;
    let value = key_value(text, item, column, field)?;
    let found = find_words(&text[value.clone()], written)?;
    Some(value.start + found.start..value.start + found.end)
}

/// The § (an entry of `paragrafer`) whose `rubrik` value starts at byte
/// `title`: its byte range, from its `-` to the next entry or key that is
/// not part of it, and the column its keys stand at.
fn paragraph_item(text: &str, title: usize) -> Option<(Range<usize>, usize)> {
    let title_line = text[..title].rfind('\n').map_or(0, |i| i + 1);
    let column = text[title_line..title].rfind("rubrik")?;
    let head = &text[title_line..title_line + column];
    if !head.chars().all(|c| c == ' ' || c == '-') {
        return None;
    }
    let lines = lines_from(text, 0);
    let at = lines.iter().position(|l| l.start == title_line)?;
    let inside = |line: &Range<usize>| {
        let shown = &text[line.clone()];
        let content = shown.trim_start_matches(' ');
        content.trim().is_empty()
            || content.starts_with('#')
            || shown.len() - content.len() >= column
    };
    // Back to the line with the entry's `-` (the rubrik's own, when it is
    // the first key).
    let mut start = title_line;
    if !head.contains('-') {
        for line in lines[..at].iter().rev() {
            let shown = &text[line.clone()];
            if let Some(prefix) = shown.get(..column)
                && prefix.trim_start_matches(' ').starts_with('-')
                && prefix.chars().all(|c| c == ' ' || c == '-')
                && !shown[column..].starts_with(' ')
            {
                start = line.start;
                break;
            }
            if !inside(line) {
                break;
            }
        }
    }
    let end = lines[at + 1..]
        .iter()
        .find(|line| !inside(line))
        .map_or(text.len(), |line| line.start);
    Some((start..end, column))
}

/// The value of `key` standing at `column` inside `item`: from just after
/// its colon to the next line at that column or less.
fn key_value(text: &str, item: Range<usize>, column: usize, key: &str) -> Option<Range<usize>> {
    let lines = lines_from(&text[..item.end], item.start);
    let at = lines.iter().position(|line| {
        let shown = &text[line.clone()];
        shown
            .get(..column)
            .is_some_and(|prefix| prefix.chars().all(|c| c == ' ' || c == '-'))
            && shown[column..]
                .strip_prefix(key)
                .map(|rest| rest.trim_start_matches(' '))
                .and_then(|rest| rest.strip_prefix(':'))
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\r']))
    })?;
    let line = &lines[at];
    let start = line.start + text[line.clone()].find(':')? + 1;
    let end = lines[at + 1..]
        .iter()
        .find(|line| {
            let shown = &text[(*line).clone()];
            let content = shown.trim_start_matches(' ');
            !content.trim().is_empty()
                && !content.starts_with('#')
                && shown.len() - content.len() <= column
        })
        .map_or(item.end, |line| line.start);
    Some(start..end)
}

/// The byte ranges of the lines of `text` from byte `from` on, each without
/// its line break.
fn lines_from(text: &str, from: usize) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = from;
    for line in text[from..].split_inclusive('\n') {
        let shown = line.trim_end_matches(['\n', '\r']);
        lines.push(start..start + shown.len());
        start += line.len();
    }
    lines
}

/// The first place in `value` where the words of `written` stand whole,
/// with any whitespace (a line break and indentation too) between them.
fn find_words(value: &str, written: &str) -> Option<Range<usize>> {
    let mut words = written.split(' ');
    let first = words.next()?;
    let rest: Vec<&str> = words.collect();
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    value.match_indices(first).find_map(|(start, _)| {
        if !boundary(value[..start].chars().next_back()) {
            return None;
        }
        let mut end = start + first.len();
        for word in &rest {
            let after = &value[end..];
            let gap = after.len() - after.trim_start().len();
            if gap == 0 || !after[gap..].starts_with(word) {
                return None;
            }
            end += gap + word.len();
        }
        boundary(value[end..].chars().next()).then_some(start..end)
    })
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
                13,
                11
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
                14,
                9
            )
        );
        assert!(found[0].hints[0].contains("under `ledamöter` i organ.yaml"));
    }

    #[test]
    fn a_name_over_a_line_break_in_a_block_scalar_is_pointed_at_in_its_own_paragraph() {
        // § 2's rubrik is not its first key, and § 1 has the same misspelling.
        let found = content(
            "  - rubrik: Ett\n    beslut:\n      - Bertil Bergh (S) väljs.\n  - text: |\n      \
             Protokollet förs av\n      Bertil\n        Bergh (S).\n    rubrik: Två\n    \
             protokollsanteckningar:\n      - namn: Anna Andersson\n        text: Enligt \
             Cecilia Cedder.\n",
        );
        let shown: Vec<(&str, usize, usize)> = found
            .iter()
            .map(|f| (f.message.as_str(), f.line, f.column))
            .collect();
        assert_eq!(
            shown,
            [
                (
                    "§ 1, `beslut`: \"Bertil Bergh\" ser ut som en felstavning av Bertil Berg",
                    14,
                    9
                ),
                (
                    "§ 2, `text`: \"Bertil Bergh\" ser ut som en felstavning av Bertil Berg",
                    17,
                    7
                ),
                (
                    "§ 2, `protokollsanteckningar`: \"Cecilia Cedder\" ser ut som en felstavning \
                     av Cecilia Ceder",
                    22,
                    22
                ),
            ]
        );
    }

    #[test]
    fn a_name_written_with_an_escape_is_pointed_at_by_its_rubrik() {
        let found =
            content("  - rubrik: Mötet öppnas\n    text: \"Cecilia\\u0020Cedder öppnar mötet.\"\n");
        assert_eq!(
            only(&found),
            (
                Warning,
                "§ 1, `text`: \"Cecilia Cedder\" ser ut som en felstavning av Cecilia Ceder",
                12,
                13
            )
        );
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
        // At the misspelt words themselves, in the block scalar of § 1's
        // `text` and in § 14's `beslut`.
        let at = |needle: &str| {
            let offset = text.find(needle).expect("misspelling in file");
            line_column(&text, offset)
        };
        assert_eq!(
            shown,
            [
                (
                    Warning,
                    "§ 1, `text`: \"Lise Hjemgaard-Svensson\" ser ut som en felstavning av Lise \
                     Hjemgaard Svensson",
                    at("Lise Hjemgaard-Svensson (M), ordförande")
                ),
                (
                    Warning,
                    "§ 14, `beslut`: \"Lise-Hjemgaard Svensson\" ser ut som en felstavning av \
                     Lise Hjemgaard Svensson",
                    at("Lise-Hjemgaard Svensson (M), Andreas")
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
            text: &text,
            organ: &organ,
            meeting: &meeting,
            organ_meetings: &[],
        });
        (text, found)
    }
}
