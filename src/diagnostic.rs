//! The one shape every problem takes on its way to the user, and its one
//! renderer. Stages report their own error types; this module turns them into
//! `file:line:column` messages with the offending source line and a caret.

use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    /// Nothing is written for a file with errors.
    Error,
    /// Printed, but the documents are still produced.
    Warning,
}

/// A problem in one file, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file the problem is in.
    pub file: PathBuf,
    /// Byte range in the file, when known.
    pub span: Option<Range<usize>>,
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub hints: Vec<String>,
}

impl Diagnostic {
    /// An error in `file` at `span`.
    pub fn error(file: &Path, span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            span,
            message: message.into(),
            hints: Vec::new(),
        }
    }

    /// A warning in `file` at `span`.
    pub fn warning(file: &Path, span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::error(file, span, message)
        }
    }

    /// Adds a hint: what to write instead.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// One diagnostic as a JSON object on one line, for editors and CI:
/// `{"severity","file","line","column","end_line","end_column","message","hints"}`
/// (1-based; line and column are null when the position is unknown).
pub fn to_json_line(diagnostic: &Diagnostic, source: Option<&str>) -> String {
    let position = |offset: usize| source.map(|text| line_column(text, offset));
    let start = diagnostic.span.as_ref().and_then(|s| position(s.start));
    let end = diagnostic.span.as_ref().and_then(|s| position(s.end));
    serde_json::json!({
        "severity": match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        "file": diagnostic.file.display().to_string(),
        "line": start.map(|p| p.0),
        "column": start.map(|p| p.1),
        "end_line": end.map(|p| p.0),
        "end_column": end.map(|p| p.1),
        "message": diagnostic.message,
        "hints": diagnostic.hints,
    })
    .to_string()
}

/// Renders diagnostics in the style of rustc and typst, in Swedish: "fel:"
/// or "varning:", the place, the line with a caret under the problem, and
/// each hint as "= tips:". `source_of` gives the text of a file so its line
/// can be shown; a file it cannot give is still named, without the snippet.
pub fn render(diagnostics: &[Diagnostic], source_of: impl Fn(&Path) -> Option<String>) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        let name = diagnostic.file.display().to_string();
        let severity = match diagnostic.severity {
            Severity::Error => "fel",
            Severity::Warning => "varning",
        };
        let source = diagnostic.span.as_ref().zip(source_of(&diagnostic.file));
        match source {
            Some((span, text)) => {
                let _ = writeln!(out, "{severity}: {}", diagnostic.message);
                snippet(&mut out, &name, &text, span);
            }
            // No position to show: name the file in the message itself, once.
            None if diagnostic.message.starts_with(&name) => {
                let _ = writeln!(out, "{severity}: {}", diagnostic.message);
            }
            None => {
                let _ = writeln!(out, "{severity}: {name}: {}", diagnostic.message);
            }
        }
        for hint in &diagnostic.hints {
            let _ = writeln!(out, " = tips: {hint}");
        }
        out.push('\n');
    }
    out
}

/// "  ┌─ file:2:8", the line, and carets under the span's part on that line.
fn snippet(out: &mut String, name: &str, text: &str, span: &Range<usize>) {
    let start = floor_char_boundary(text, span.start);
    let (line, column) = line_column(text, start);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let shown = text[line_start..line_end].trim_end_matches('\r');
    let end = floor_char_boundary(text, span.end.clamp(start, line_end));
    let width = text[start..end].chars().count().max(1);
    let gutter = " ".repeat(line.to_string().len());
    let _ = writeln!(out, "{gutter} ┌─ {name}:{line}:{column}");
    let _ = writeln!(out, "{gutter} │");
    let _ = writeln!(out, "{line} │ {shown}");
    let _ = writeln!(
        out,
        "{gutter} │ {}{}",
        " ".repeat(column - 1),
        "^".repeat(width)
    );
    let _ = writeln!(out, "{gutter} │");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_not_bytes() {
        let text = "datum: 2021\nplåts: x\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, text.find("x").expect("x")), (2, 8));
    }

    #[test]
    fn json_lines_carry_one_based_positions() {
        let text = "datum: 2021-02-26\nforedragande: x\n";
        let diag = Diagnostic::warning(Path::new("m.yaml"), Some(18..30), "unknown key");
        let json: serde_json::Value =
            serde_json::from_str(&to_json_line(&diag, Some(text))).expect("valid JSON");
        assert_eq!(json["severity"], "warning");
        assert_eq!(
            (json["line"].as_u64(), json["column"].as_u64()),
            (Some(2), Some(1))
        );
        assert_eq!(json["end_column"].as_u64(), Some(13));
        assert_eq!(json["hints"], serde_json::json!([]));
    }

    #[test]
    fn rendered_errors_name_file_line_and_column() {
        let text = "datum: 2021-02-26\nforedragande: x\n".to_owned();
        let diag = Diagnostic::error(Path::new("m.yaml"), Some(18..30), "unknown key")
            .with_hint("write `föredragande`");
        let shown = render(&[diag], |_| Some(text.clone()));
        assert!(shown.contains("m.yaml:2:1"), "{shown}");
        assert!(shown.contains("foredragande: x"), "{shown}");
        assert!(shown.contains("= tips: write `föredragande`"), "{shown}");
        assert!(shown.starts_with("fel: unknown key"), "{shown}");
        assert!(
            shown.contains("2 │ foredragande: x\n  │ ^^^^^^^^^^^^\n"),
            "{shown}"
        );
    }
}
