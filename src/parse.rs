//! Stage 1: YAML text → model. Pure: the caller reads the files.
//!
//! serde-saphyr does the YAML (1.2, with duplicate keys as errors and a budget
//! against alias bombs) and reports where each error is; this module turns
//! its errors into [`ParseError`]s that say what to write instead.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use serde_saphyr::granit_parser::ErrorKind as ScanErrorKind;
use serde_saphyr::{Error, ExternalMessageSource};

use crate::diagnostic::Diagnostic;
use crate::messages::reading::{self, FileKind};
use crate::model::{DelegationDecision, Meeting, Organ, Spanned};

/// A file that is not a valid meeting, organ or delegationsbeslut file.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}: {message}", file.display())]
pub struct ParseError {
    /// The file.
    pub file: PathBuf,
    /// Byte range of the offending node, when known.
    pub span: Option<Range<usize>>,
    /// What is wrong, in the reader's words.
    pub message: String,
    /// What to write instead.
    pub hint: Option<String>,
    /// The file's further problems, found by reading past this one (keys
    /// that are not in the format, each blanked out in turn).
    pub more: Vec<ParseError>,
}

impl ParseError {
    /// The error as a diagnostic for the one renderer.
    pub fn to_diagnostic(&self) -> Diagnostic {
        let diagnostic = Diagnostic::error(&self.file, self.span.clone(), &self.message);
        match &self.hint {
            Some(hint) => diagnostic.with_hint(hint),
            None => diagnostic,
        }
    }

    /// This error and the file's further ones, each a diagnostic.
    pub fn to_diagnostics(&self) -> Vec<Diagnostic> {
        std::iter::once(self.to_diagnostic())
            .chain(self.more.iter().map(ParseError::to_diagnostic))
            .collect()
    }
}

/// Parses a meeting file.
pub fn parse_meeting(file: &Path, text: &str) -> Result<Meeting, ParseError> {
    parse(file, text, FileKind::Meeting)
}

/// Parses an `organ.yaml`.
pub fn parse_organ(file: &Path, text: &str) -> Result<Organ, ParseError> {
    parse(file, text, FileKind::Organ)
}

/// Parses a delegationsbeslut file.
pub fn parse_delegation(file: &Path, text: &str) -> Result<DelegationDecision, ParseError> {
    parse(file, text, FileKind::Delegation)
}

/// Byte range of a spanned value in the text it was parsed from.
pub fn span_of<T>(value: &Spanned<T>) -> Option<Range<usize>> {
    location_range(&value.referenced)
}

fn location_range(location: &serde_saphyr::Location) -> Option<Range<usize>> {
    let span = location.span();
    let start = usize::try_from(span.byte_offset()?).ok()?;
    let len = usize::try_from(span.byte_len().unwrap_or(0)).ok()?;
    Some(start..start + len.max(1))
}

fn parse<T: DeserializeOwned>(file: &Path, text: &str, kind: FileKind) -> Result<T, ParseError> {
    let only_comments = text
        .lines()
        .all(|line| line.trim().is_empty() || line.trim_start().starts_with('#'));
    if only_comments {
        return Err(ParseError {
            file: file.to_path_buf(),
            span: None,
            message: reading::empty_file(),
            hint: Some(reading::file_shape(kind)),
            more: Vec::new(),
        });
    }
    let mut error = match serde_saphyr::from_str::<T>(text) {
        Ok(value) => return Ok(value),
        Err(error) => error,
    };
    // serde stops at the first problem. A key that is not in the format (or
    // stands twice), or a value of the wrong kind, can be blanked out and the
    // rest read again, so one run names every such problem and what comes
    // after them; a YAML syntax error cannot be read past.
    let mut read = text.to_owned();
    let mut found: Vec<ParseError> = Vec::new();
    let mut blanked_keys: Vec<String> = Vec::new();
    let mut cuts: Vec<Range<usize>> = Vec::new();
    loop {
        let problem = located(file, &read, &error, kind);
        // What blanking a key breaks (an alias to a blanked anchor, a
        // bracket left open) is not the secretary's mistake: after the first
        // problem only those of the file's shape are told.
        if !found.is_empty() && !is_about_the_shape(&error) {
            break;
        }
        // Nor is a key missing because it was blanked, or missing where an
        // earlier hint already offered it ("menade du `beslutande`?").
        let consequence = matches!(innermost(&error), Error::SerdeMissingField { field, .. }
            if blanked_keys.iter().any(|key| key == field)
                || found.iter().any(|earlier| {
                    earlier.hint.as_deref() == Some(reading::nearest_key(field).as_str())
                }))
            // A list or mapping left empty by a cut, at the cut or at its
            // parent's line just above.
            || problem.span.as_ref().is_some_and(|span| {
                cuts.iter().any(|cut| {
                    let parent_line = read[..cut.start]
                        .trim_end_matches([' ', '-'])
                        .trim_end_matches('\n')
                        .rfind('\n')
                        .map_or(0, |i| i + 1);
                    (parent_line..=cut.end).contains(&span.start)
                })
            });
        if consequence {
            break;
        }
        let span = problem.span.clone();
        found.push(problem);
        let Some((cut, key)) = removable(&error, &read, span) else {
            break;
        };
        if found.len() >= MAX_PROBLEMS_PER_FILE {
            break;
        }
        blanked_keys.extend(key);
        blank(&mut read, cut.clone());
        cuts.push(cut);
        error = match serde_saphyr::from_str::<T>(&read) {
            Ok(_) => break,
            Err(error) => error,
        };
    }
    let mut found = found.into_iter();
    let mut first = found.next().expect("the first problem is always kept");
    first.more = found.collect();
    Err(first)
}

/// The error itself, out of serde-saphyr's wrappers (the snippet it keeps
/// for its own rendering, the alias it was found through).
fn innermost(error: &Error) -> &Error {
    match error {
        Error::WithSnippet { error, .. } | Error::AliasError { error, .. } => innermost(error),
        other => other,
    }
}

/// Whether `error` is about keys and values (a key not in the format, one
/// missing or twice, a value of the wrong kind), not the YAML's syntax.
fn is_about_the_shape(error: &Error) -> bool {
    is_about_a_key(error)
        || is_about_a_value(error)
        || matches!(innermost(error), Error::SerdeMissingField { .. })
}

/// A key not in the format, or one there twice.
fn is_about_a_key(error: &Error) -> bool {
    matches!(
        innermost(error),
        Error::SerdeUnknownField { .. } | Error::DuplicateMappingKey { .. }
    )
}

/// A value of the wrong kind (the model's own value errors too).
fn is_about_a_value(error: &Error) -> bool {
    matches!(
        innermost(error),
        Error::SerdeUnknownVariant { .. }
            | Error::SerdeInvalidType { .. }
            | Error::SerdeInvalidValue { .. }
            | Error::InvalidScalar { .. }
            | Error::Unexpected { .. }
            | Error::Message { .. }
    )
}

/// At most this many problems are told for one file: past them, fixing the
/// first ones is the better next step.
const MAX_PROBLEMS_PER_FILE: usize = 20;

/// `error` as a [`ParseError`] of `file`, located in `text`.
fn located(file: &Path, text: &str, error: &Error, kind: FileKind) -> ParseError {
    let (message, hint) = explain(error, kind);
    let mut span = place(error, text);
    if is_about_a_tab(error) {
        // The parser stops after the token before the tab: show the tab.
        let from = span.as_ref().map_or(0, |s| s.start);
        span = text[from..]
            .find('\t')
            .map(|i| from + i)
            .or_else(|| text.find('\t'))
            .map(|i| i..i + 1)
            .or(span);
    }
    ParseError {
        file: file.to_path_buf(),
        span,
        message,
        hint,
        more: Vec::new(),
    }
}

/// The text serde could not take, to blank before reading on: for a key
/// that is unknown or there twice, from the key to the end of its value; for
/// a value of the wrong kind, its key and value, or its `- ` item in a list.
/// That is its line from there on and the lines below indented deeper. With
/// it, the name of the key cut, when one was.
fn removable(
    error: &Error,
    text: &str,
    span: Option<Range<usize>>,
) -> Option<(Range<usize>, Option<String>)> {
    let about_a_value = is_about_a_value(error);
    let mut start = span
        .filter(|_| about_a_value || is_about_a_key(error))?
        .start;
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let mut key = None;
    if about_a_value {
        let before = &text[line_start..start];
        let indent = before.len() - before.trim_start_matches([' ', '-']).len();
        let written = before[indent..].trim_end();
        if let Some(name) = written.strip_suffix(':') {
            // `key: value`, or `- key: value` starting an item.
            start = line_start + indent;
            key = Some(name.trim_matches(['"', '\'']).to_owned());
        } else if let Some(dash) = before
            .find('-')
            .filter(|&dash| written.is_empty() && dash > 0 && before[..dash].trim().is_empty())
        {
            // `- value` in a list inside the file: the whole item.
            start = line_start + dash;
        } else {
            // Inside a flow collection, a multi-line value, or the file's
            // own shape: nothing to cut that leaves the rest readable.
            return None;
        }
    }
    let column = text[line_start..start].chars().count();
    let mut end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    while end < text.len() {
        let next = &text[end + 1..];
        let line = next.split('\n').next().unwrap_or("");
        let indent = line.chars().take_while(|c| *c == ' ').count();
        if line.trim().is_empty() || indent > column {
            end += 1 + line.len();
        } else {
            break;
        }
    }
    (start < end).then_some((start..end, key))
}

/// Replaces `range` of `text` with spaces, byte for byte, so every later
/// error's place is still a place in the file as written.
fn blank(text: &mut String, range: Range<usize>) {
    let blanked: String = text[range.clone()]
        .chars()
        .map(|c| {
            if c == '\n' {
                "\n".to_owned()
            } else {
                " ".repeat(c.len_utf8())
            }
        })
        .collect();
    text.replace_range(range, &blanked);
}

/// The error's place in `text`; a recursion error carries none, so the
/// place where flow brackets first nest deeper than any file needs.
fn place(error: &Error, text: &str) -> Option<Range<usize>> {
    if let Some(location) = error.location() {
        if let Some(range) = location_range(&location) {
            return Some(range);
        }
        // The parser's own errors carry a line and column but no byte offset.
        if location.line() > 0 {
            let line = usize::try_from(location.line()).ok()?;
            let column = usize::try_from(location.column()).ok()?;
            let line_start = text
                .split_inclusive('\n')
                .take(line - 1)
                .map(str::len)
                .sum::<usize>();
            let offset = text[line_start..]
                .char_indices()
                .nth(column.saturating_sub(1))
                .map_or(text.len(), |(i, _)| line_start + i);
            return Some(offset..offset + 1);
        }
    }
    let mut depth = 0usize;
    for (offset, c) in text.char_indices() {
        match c {
            '[' | '{' => depth += 1,
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > 32 {
            return Some(offset..offset + 1);
        }
    }
    None
}

/// What went wrong and what to write instead, from the error's kind (and the
/// parser's, for YAML syntax), in the catalogue's words.
fn explain(error: &Error, kind: FileKind) -> (String, Option<String>) {
    let with = |message: String, hint: String| (message, Some(hint));
    match innermost(error) {
        Error::ExternalMessage { source, msg, .. } => match source.as_ref() {
            ExternalMessageSource::Parser(scan) => explain_syntax(scan.kind(), msg),
            _ => (msg.clone(), None),
        },
        Error::SerdeUnknownField {
            field, expected, ..
        } => with(reading::unknown_key(field), nearest_key(field, expected)),
        Error::SerdeMissingField { field, .. } => with(
            reading::missing_key(field),
            reading::missing_key_hint(field),
        ),
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => with(
            reading::unknown_value(variant),
            nearest_value(variant, expected),
        ),
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | Error::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => {
            let message = reading::wrong_kind(expected, unexpected);
            if unexpected.starts_with("a map") || unexpected.starts_with("map") {
                // `rubrik: Information: resultat` reads as a key in a value.
                with(message, reading::quote_the_value_hint())
            } else if expected.starts_with("struct") || expected.starts_with("a map") {
                with(message, reading::file_shape(kind))
            } else {
                (message, None)
            }
        }
        Error::Unexpected { expected, .. } => {
            let message = reading::wrong_kind(expected, "något annat");
            if expected.contains("mapping") {
                with(reading::not_a_mapping(), reading::file_shape(kind))
            } else {
                (message, None)
            }
        }
        Error::InvalidScalar { ty, .. } => {
            with(reading::not_a_scalar_of(ty), reading::not_a_scalar_hint(ty))
        }
        Error::NullIntoString { .. } => with(reading::no_value(), reading::no_value_hint()),
        Error::DuplicateMappingKey { key, .. } => with(
            reading::duplicate_key(key.as_deref()),
            reading::duplicate_key_hint(),
        ),
        Error::Budget { .. }
        | Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => {
            with(reading::alias_bomb(), reading::alias_bomb_hint())
        }
        Error::AliasReplayStackDepthExceeded { .. } => {
            with(reading::too_deep(), reading::too_deep_hint())
        }
        Error::Eof { .. } => with(reading::file_ends_early(), reading::file_ends_early_hint()),
        Error::MultipleDocuments { .. } => with(
            reading::several_documents(),
            reading::several_documents_hint(),
        ),
        // The model's own messages (dates, times, § lists), already in the
        // catalogue's words; a date's hint comes with it.
        Error::Message { msg, .. } => match msg.split_once(reading::HINT_SEPARATOR) {
            Some((message, hint)) => with(message.to_owned(), hint.to_owned()),
            None => (msg.clone(), None),
        },
        other => with(
            reading::not_yaml(),
            format!("{} ({other})", reading::not_yaml_hint()),
        ),
    }
}

fn is_about_a_tab(error: &Error) -> bool {
    match innermost(error) {
        Error::ExternalMessage { source, .. } => matches!(
            source.as_ref(),
            ExternalMessageSource::Parser(scan) if matches!(
                scan.kind(),
                ScanErrorKind::TabNotAllowed
                    | ScanErrorKind::TabInBlockIndentation
                    | ScanErrorKind::TabInIndentation
                    | ScanErrorKind::TabInPlainScalar
                    | ScanErrorKind::TabAtBlockScalarStart
            )
        ),
        _ => false,
    }
}

fn explain_syntax(kind: &ScanErrorKind, original: &str) -> (String, Option<String>) {
    use ScanErrorKind as K;
    let (message, hint) = match kind {
        K::MappingValueNotAllowed | K::InvalidColonPlacement | K::InvalidMappingValueWhitespace => {
            (reading::colon_in_value(), reading::quote_the_value_hint())
        }
        K::TabNotAllowed
        | K::TabInBlockIndentation
        | K::TabInIndentation
        | K::TabInPlainScalar
        | K::TabAtBlockScalarStart => (reading::tab(), reading::tab_hint()),
        K::UnclosedQuotedScalar
        | K::InvalidTrailingSingleQuotedScalar
        | K::InvalidTrailingDoubleQuotedScalar => {
            (reading::unclosed_quote(), reading::unclosed_quote_hint())
        }
        K::UnclosedFlowCollection { open } => {
            (reading::unclosed_bracket(*open), reading::bracket_hint())
        }
        K::MismatchedFlowCollectionEnd { open, close } => (
            reading::mismatched_bracket(*open, *close),
            reading::bracket_hint(),
        ),
        K::UnexpectedEofFlowSequence | K::UnexpectedEofFlowMapping => {
            (reading::unclosed_bracket('['), reading::bracket_hint())
        }
        K::RecursionLimitExceeded => (reading::too_deep(), reading::too_deep_hint()),
        K::InvalidIndentation
        | K::ExpectedBlockMappingKey
        | K::ExpectedBlockSequenceEntry
        | K::BlockSequenceEntryNotAllowed
        | K::InvalidBlockScalarIndent
        | K::InvalidFlowScalarIndent
        | K::InvalidQuotedScalarIndent
        | K::SimpleKeyExpected
        | K::InvalidSimpleKey => (reading::indentation(), reading::indentation_hint()),
        K::UnexpectedCharacter { character } => (
            reading::unexpected_character(*character),
            reading::quote_the_value_hint(),
        ),
        K::UnexpectedEof | K::UnexpectedEofBlockMapping | K::UnexpectedEofBlockSequence => {
            (reading::file_ends_early(), reading::file_ends_early_hint())
        }
        _ => (
            reading::not_yaml(),
            format!("{} (YAML: {original})", reading::not_yaml_hint()),
        ),
    };
    (message, Some(hint))
}

/// "menade du `föredragande`?" for the nearest known key, else the keys.
fn nearest_key(typed: &str, expected: &[&str]) -> String {
    match nearest(typed, expected) {
        Some(key) => reading::nearest_key(key),
        None if expected.is_empty() => reading::key_not_in_format(),
        None => reading::known_keys(expected),
    }
}

/// "menade du `digitalt`?" for the nearest allowed value, else the values.
fn nearest_value(typed: &str, expected: &[&str]) -> String {
    match nearest(typed, expected) {
        Some(value) => reading::nearest_value(value),
        None => reading::allowed_values(expected),
    }
}

fn nearest<'a>(typed: &str, expected: &[&'a str]) -> Option<&'a str> {
    let folded = fold(typed);
    expected
        .iter()
        .map(|key| (strsim::levenshtein(&folded, &fold(key)), *key))
        .min()
        .filter(|&(distance, _)| distance <= 3.max(typed.chars().count() / 3))
        .map(|(_, key)| key)
}

/// Compares keys the way a secretary types them on a keyboard without å, ä,
/// ö, and capitals ("Digitalt" for `digitalt`).
fn fold(key: &str) -> String {
    key.to_lowercase()
        .replace(['å', 'ä'], "a")
        .replace('ö', "o")
        .replace('-', "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str =
        "datum: 2021-02-26\ntid: \"09:00–12:00\"\nplats: Teams\nordförande: A\nsekreterare: B\n";

    #[test]
    fn minimal_meeting_parses() {
        let meeting = parse_meeting(Path::new("m.yaml"), MINIMAL).expect("valid");
        assert_eq!(meeting.place, "Teams");
        assert_eq!(meeting.date.referenced.line(), 1);
    }

    #[test]
    fn unknown_key_suggests_the_swedish_spelling() {
        let text = format!("{MINIMAL}paragrafer:\n  - rubrik: X\n    foredragande: Y\n");
        let error = parse_meeting(Path::new("m.yaml"), &text).expect_err("unknown key");
        assert_eq!(error.message, "okänd nyckel `foredragande`");
        assert_eq!(error.hint.as_deref(), Some("menade du `föredragande`?"));
        let span = error.span.expect("located");
        assert_eq!(&text[span.start..span.start + 12], "foredragande");
    }

    #[test]
    fn every_unknown_key_of_a_file_is_told_in_one_run() {
        let text = format!(
            "{MINIMAL}beslutand:\n  - namn: A\nparagrafer:\n  - foredragande: Y\n    rubrik: X\n    besluts: Z\n"
        );
        let error = parse_meeting(Path::new("m.yaml"), &text).expect_err("unknown keys");
        let told: Vec<(String, (usize, usize))> = std::iter::once(&error)
            .chain(&error.more)
            .map(|e| {
                let at =
                    crate::diagnostic::line_column(&text, e.span.clone().expect("located").start);
                (e.message.clone(), at)
            })
            .collect();
        assert_eq!(
            told,
            [
                ("okänd nyckel `beslutand`".to_owned(), (6, 1)),
                ("okänd nyckel `foredragande`".to_owned(), (9, 5)),
                ("okänd nyckel `besluts`".to_owned(), (11, 5)),
            ]
        );
    }

    #[test]
    fn values_of_the_wrong_kind_are_all_told_in_one_run() {
        let text = format!(
            "{MINIMAL}första_paragraf: tre\njustering:\n  datum: 2021-02-26\n  sätt: Digitalt\n\
             paragrafer:\n  - rubrik: X\n    omedelbar_justering: kanske\n    besluts: Z\n\
             \x20 - rubrik: Y\n    bilagor:\n      - titel: [1]\n"
        );
        let error = parse_meeting(Path::new("m.yaml"), &text).expect_err("bad values");
        let told: Vec<(usize, usize)> = std::iter::once(&error)
            .chain(&error.more)
            .map(|e| crate::diagnostic::line_column(&text, e.span.clone().expect("located").start))
            .collect();
        // första_paragraf, sätt, omedelbar_justering, besluts, the bilaga.
        assert_eq!(
            told,
            [(6, 18), (9, 9), (12, 26), (13, 5), (16, 16)],
            "{error:#?}"
        );
        assert_eq!(error.message, reading::not_a_scalar_of("u32"));
        assert_eq!(error.more[0].message, reading::unknown_value("Digitalt"));
        assert_eq!(error.more[2].message, "okänd nyckel `besluts`");
    }

    #[test]
    fn yaml_mistakes_are_told_in_swedish_at_their_place_with_the_fix() {
        let told = |text: &str| {
            let error = parse_meeting(Path::new("m.yaml"), text).expect_err("a mistake");
            let at = error
                .span
                .clone()
                .map(|s| crate::diagnostic::line_column(text, s.start));
            (error.message, at, error.hint.unwrap_or_default())
        };
        let colon = format!("{MINIMAL}paragrafer:\n  - rubrik: Information: resultat\n");
        assert_eq!(
            told(&colon),
            (
                reading::colon_in_value(),
                Some((7, 24)),
                reading::quote_the_value_hint()
            )
        );
        let tab = MINIMAL.replace("plats: Teams", "plats:\tTeams\n\tsal: 1");
        let (message, at, hint) = told(&tab);
        assert_eq!((message, hint), (reading::tab(), reading::tab_hint()));
        assert_eq!(at.map(|(line, _)| line), Some(4), "{tab}");
        let quote = MINIMAL.replace("plats: Teams", "plats: 'Teams");
        assert_eq!(
            told(&quote),
            (
                reading::unclosed_quote(),
                Some((3, 8)),
                reading::unclosed_quote_hint()
            )
        );
        let month = MINIMAL.replace("2021-02-26", "2021-02-30");
        assert_eq!(told(&month).2, "februari 2021 har 28 dagar");
        let manner = format!("{MINIMAL}justering:\n  datum: 2021-02-26\n  sätt: Digitalt\n");
        assert_eq!(
            told(&manner),
            (
                reading::unknown_value("Digitalt"),
                Some((8, 9)),
                reading::nearest_value("digitalt")
            )
        );
    }

    #[test]
    fn impossible_date_is_located() {
        let text = MINIMAL.replace("2021-02-26", "2021-02-30");
        let error = parse_meeting(Path::new("m.yaml"), &text).expect_err("bad date");
        assert!(error.message.contains("2021-02-30"), "{}", error.message);
        assert_eq!(error.span.map(|s| s.start), Some(7));
    }

    const DELEGATION: &str = "datum: 2019-12-19\ndiarienummer: RUN/574/2019\nrubrik: R\n\
        delegation: punkt 4.4\nbeslut:\n  - B\nbeslutsfattare:\n  namn: Anders Byström\n\
        anmäls_till: regionala utvecklingsnämnden\n";

    #[test]
    fn minimal_delegation_parses() {
        let decision = parse_delegation(Path::new("d.yaml"), DELEGATION).expect("valid");
        assert_eq!(decision.case_number.value, "RUN/574/2019");
        assert_eq!(decision.decision_maker.name.value, "Anders Byström");
        assert!(decision.reported_at.is_none() && decision.case_officer.is_none());
    }

    #[test]
    fn misspelt_decision_maker_is_located_with_a_suggestion() {
        let text = DELEGATION.replace("beslutsfattare:", "beslutfattare:");
        let error = parse_delegation(Path::new("d.yaml"), &text).expect_err("unknown key");
        assert_eq!(error.message, "okänd nyckel `beslutfattare`");
        assert_eq!(error.hint.as_deref(), Some("menade du `beslutsfattare`?"));
        let span = error.span.expect("located");
        assert_eq!(&text[span.start..span.start + 13], "beslutfattare");
        let (line, column) = crate::diagnostic::line_column(&text, span.start);
        assert_eq!((line, column), (7, 1));
    }

    #[test]
    fn a_meeting_is_not_a_delegation() {
        let error = parse_delegation(Path::new("d.yaml"), MINIMAL).expect_err("meeting keys");
        assert_eq!(error.message, "okänd nyckel `tid`");
    }

    #[test]
    fn empty_and_list_files_are_rejected() {
        assert!(parse_meeting(Path::new("m.yaml"), "  \n").is_err());
        assert!(parse_meeting(Path::new("m.yaml"), "- a\n- b\n").is_err());
    }
}
