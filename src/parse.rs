//! Stage 1: YAML text → model. Pure: the caller reads the files.
//!
//! serde-saphyr does the YAML (1.2, with duplicate keys as errors and a budget
//! against alias bombs) and reports where each error is; this module turns
//! its errors into [`ParseError`]s that say what to write instead.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::diagnostic::Diagnostic;
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
}

/// Parses a meeting file.
pub fn parse_meeting(file: &Path, text: &str) -> Result<Meeting, ParseError> {
    parse(
        file,
        text,
        "a meeting file is a set of keys, starting with `datum: YYYY-MM-DD`, `tid:` and `plats:`; see FORMAT.md",
    )
}

/// Parses an `organ.yaml`.
pub fn parse_organ(file: &Path, text: &str) -> Result<Organ, ParseError> {
    parse(
        file,
        text,
        "an organ.yaml is a set of keys, starting with `namn:` and `huvudman:`; see FORMAT.md",
    )
}

/// Parses a delegationsbeslut file.
pub fn parse_delegation(file: &Path, text: &str) -> Result<DelegationDecision, ParseError> {
    parse(
        file,
        text,
        "a delegationsbeslut file is a set of keys, starting with `datum: YYYY-MM-DD`, `diarienummer:` and `rubrik:`; see FORMAT.md",
    )
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

/// `shape` says what the file should look like, for the errors about its shape.
fn parse<T: DeserializeOwned>(file: &Path, text: &str, shape: &str) -> Result<T, ParseError> {
    let error = |span, message: &str, hint: &str| ParseError {
        file: file.to_path_buf(),
        span,
        message: message.to_owned(),
        hint: Some(hint.to_owned()),
    };
    let only_comments = text
        .lines()
        .all(|line| line.trim().is_empty() || line.trim_start().starts_with('#'));
    if only_comments {
        return Err(error(None, "the file is empty", shape));
    }
    serde_saphyr::from_str::<T>(text).map_err(|e| {
        let message = plain_message(&e);
        let span = e
            .location()
            .as_ref()
            .and_then(location_range)
            .or_else(|| locate_unlocated(text, &message));
        if let Some((message, hint)) = unknown_key(&message) {
            return error(span, &message, &hint);
        }
        if message.contains("expected mapping") {
            return error(span, "this is not a set of keys", shape);
        }
        if message.starts_with("budget breached") {
            return error(
                span,
                "the file expands to far too much data through anchors and aliases (&namn, *namn)",
                "write the values out; a meeting file needs no aliases",
            );
        }
        if let Some(key) = message
            .strip_prefix("duplicate mapping key: ")
            .and_then(|rest| rest.split(',').next())
        {
            return error(
                span,
                &format!("the key `{key}` appears twice"),
                "keep one of them; each key may appear once in its block",
            );
        }
        if message.contains("recursion limit") {
            return error(
                span,
                "lists or keys are nested far too deeply",
                "a meeting file needs only a few levels: paragrafer → a § → its lists",
            );
        }
        if message.contains("tabs disallowed") {
            return error(
                span,
                "a tab is used for indentation",
                "indent with spaces; YAML does not allow tabs there",
            );
        }
        ParseError {
            file: file.to_path_buf(),
            span,
            message,
            hint: None,
        }
    })
}

/// Some YAML errors come without a position; find the character they name.
fn locate_unlocated(text: &str, message: &str) -> Option<Range<usize>> {
    if message.contains("recursion limit") {
        // Where flow brackets first nest deeper than any meeting file needs.
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
        return None;
    }
    let needle = if message.contains("tabs disallowed") {
        '\t'
    } else if message.contains("\\u{0}") || message.contains('\0') {
        '\0'
    } else {
        return None;
    };
    text.find(needle).map(|start| start..start + 1)
}

/// serde-saphyr's own rendering repeats the location and a snippet; the
/// diagnostic renderer shows those, so keep only the first line of the message.
fn plain_message(error: &serde_saphyr::Error) -> String {
    let rendered = error.without_snippet().to_string();
    let first = rendered.lines().next().unwrap_or("").trim();
    let first = first
        .strip_prefix("error: ")
        .unwrap_or(first)
        .split(" at line ")
        .next()
        .unwrap_or(first);
    first.to_string()
}

/// serde names an unknown key as "unknown field `foredragande`, expected one
/// of rubrik, …"; say it in the format's words and suggest the nearest key.
fn unknown_key(message: &str) -> Option<(String, String)> {
    let rest = message.split("unknown field `").nth(1)?;
    let (typed, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest
        .split_once("expected ")
        .map(|(_, list)| list.trim_start_matches("one of "))
        .unwrap_or("")
        .split(", ")
        .map(|key| key.trim().trim_matches('`'))
        .filter(|key| !key.is_empty())
        .collect();
    let folded = fold(typed);
    let nearest = expected
        .iter()
        .map(|key| (strsim::levenshtein(&folded, &fold(key)), *key))
        .min();
    let hint = match nearest {
        Some((distance, key)) if distance <= 3.max(typed.chars().count() / 3) => {
            format!("did you mean `{key}`?")
        }
        _ if expected.is_empty() => "this key is not part of the format; see FORMAT.md".into(),
        _ => format!("known keys here: {}", expected.join(", ")),
    };
    Some((format!("unknown key `{typed}`"), hint))
}

/// Compares keys the way a secretary types them on a keyboard without å, ä, ö.
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
        assert_eq!(error.message, "unknown key `foredragande`");
        assert_eq!(error.hint.as_deref(), Some("did you mean `föredragande`?"));
        let span = error.span.expect("located");
        assert_eq!(&text[span.start..span.start + 12], "foredragande");
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
        assert_eq!(error.message, "unknown key `beslutfattare`");
        assert_eq!(
            error.hint.as_deref(),
            Some("did you mean `beslutsfattare`?")
        );
        let span = error.span.expect("located");
        assert_eq!(&text[span.start..span.start + 13], "beslutfattare");
        let (line, column) = crate::diagnostic::line_column(&text, span.start);
        assert_eq!((line, column), (7, 1));
    }

    #[test]
    fn a_meeting_is_not_a_delegation() {
        let error = parse_delegation(Path::new("d.yaml"), MINIMAL).expect_err("meeting keys");
        assert_eq!(error.message, "unknown key `tid`");
    }

    #[test]
    fn empty_and_list_files_are_rejected() {
        assert!(parse_meeting(Path::new("m.yaml"), "  \n").is_err());
        assert!(parse_meeting(Path::new("m.yaml"), "- a\n- b\n").is_err());
    }
}
