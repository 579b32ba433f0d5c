//! Text that YAML drops without a word: after a plain (unquoted) value,
//! ` #` starts a comment, so `rubrik: Ekonomisk uppföljning #1 januari 2025`
//! prints "Ekonomisk uppföljning". A warning at the `#` of each such line
//! whose value is printed.
//!
//! The parser has already thrown the comments away, so this reads the
//! file's text line by line. A whole-line comment, and one set apart by two
//! spaces or more before `# ` (as the bundled examples write them), is a
//! comment by intent; the lines of a block scalar (`|`, `>`) are text.

use crate::diagnostic::Diagnostic;
use crate::messages::validate::comments as say;

use super::Subject;

/// The keys of a meeting file whose value is printed (or names a bilaga's
/// file), and the lists whose entries are.
const PRINTED: &[&str] = &[
    "plats",
    "namn",
    "parti",
    "organisation",
    "uppdrag",
    "ersätter",
    "ordförande",
    "sekreterare",
    "justerare",
    "anmärkning",
    "rubrik",
    "diarienummer",
    "föredragande",
    "text",
    "beslutsunderlag",
    "förslag_till_beslut",
    "av",
    "yrkande",
    "proposition",
    "ja",
    "nej",
    "avstår",
    "beslut",
    "motivering",
    "sekretess",
    "utdrag_till",
    "titel",
    "fil",
];

pub(super) fn check(subject: &Subject, found: &mut Vec<Diagnostic>) {
    for lost in lost_text(subject.text) {
        found.push(
            Diagnostic::warning(
                subject.file,
                Some(lost.hash..lost.hash + lost.rest.len()),
                say::lost_after_hash(&lost.rest),
            )
            .with_hint(say::lost_after_hash_hint(&lost.quoted))
            .with_hint(say::comment_by_intent_hint()),
        );
    }
}

/// Text on one line that YAML reads as a comment.
#[derive(Debug, PartialEq, Eq)]
struct Lost {
    /// Byte offset of the `#` in the file.
    hash: usize,
    /// From the `#` to the end of the line.
    rest: String,
    /// The line as it should be written: the key (or `-`) and the whole
    /// value in quotes.
    quoted: String,
}

/// What a line holds, as far as this rule cares.
struct Line<'t> {
    /// The key, or for a sequence entry without one the key of its list.
    key: Option<&'t str>,
    /// Whether the value stands under its own key (`key: value`) rather
    /// than as an entry of a list (`- value`).
    keyed: bool,
    /// The column of the node the value belongs to (the key, or the `-`):
    /// a block scalar's lines are indented further.
    column: usize,
    /// The value as written, from its first character to the line's end,
    /// and where it starts in the line.
    value: &'t str,
    value_at: usize,
}

fn lost_text(text: &str) -> Vec<Lost> {
    let mut lost = Vec::new();
    // The keys of the mappings open at this line, with their columns.
    let mut open: Vec<(usize, &str)> = Vec::new();
    // Inside a block scalar: the column of the node it belongs to.
    let mut block: Option<usize> = None;
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        if content.trim().is_empty() {
            continue;
        }
        if let Some(column) = block {
            if indent > column {
                continue;
            }
            block = None;
        }
        if content.starts_with('#') {
            continue;
        }
        let Some(entry) = read_line(line, indent, &mut open) else {
            continue;
        };
        let value = entry.value.trim_end();
        let Some(first) = value.chars().next() else {
            continue;
        };
        match first {
            '|' | '>' => {
                block = Some(entry.column);
                continue;
            }
            // Quoted, flow or otherwise not plain: ` #` inside is text, or
            // YAML says what is wrong itself.
            '"' | '\'' | '[' | '{' | '&' | '*' | '!' | '%' | '@' | '`' => continue,
            _ => {}
        }
        let Some(key) = entry.key.filter(|k| PRINTED.contains(k)) else {
            continue;
        };
        let Some(hash) = comment_start(value) else {
            continue;
        };
        let before = value[..hash].trim_end();
        let after = &value[hash + 1..];
        let gap = hash - before.len();
        // `# ` after two spaces, or after the key alone (`anslag:  # …`);
        // `text: #skolDigiplan` leaves the value empty.
        let by_intent =
            (gap >= 2 || before.is_empty()) && (after.is_empty() || after.starts_with([' ', '\t']));
        // `sekretess: true # …`: a flag, nothing of it is lost.
        let flag = matches!(
            before,
            "true" | "false" | "True" | "False" | "TRUE" | "FALSE"
        );
        if by_intent || flag {
            continue;
        }
        let quoted = if entry.keyed {
            format!("{key}: {}", quote(value))
        } else {
            format!("- {}", quote(value))
        };
        lost.push(Lost {
            hash: start + entry.value_at + hash,
            rest: value[hash..].to_owned(),
            quoted,
        });
    }
    lost
}

/// Reads a line that is not blank, a comment or inside a block scalar:
/// `key: value`, `- value` or `- key: value`, keeping `open` (the keys of
/// the mappings the line stands in) up to date. `None` for any other line
/// (a plain value's continuation, `---`).
fn read_line<'t>(
    line: &'t str,
    indent: usize,
    open: &mut Vec<(usize, &'t str)>,
) -> Option<Line<'t>> {
    let mut at = indent;
    let mut dash = None;
    // `- `, also `- - ` (a list in a list).
    while line[at..].starts_with('-') && line[at + 1..].chars().next().is_none_or(|c| c == ' ') {
        dash = Some(at);
        at += 1;
        at += line[at..].len() - line[at..].trim_start_matches(' ').len();
    }
    let rest = &line[at..];
    if let Some((key, value_at)) = key_of(rest) {
        while open.last().is_some_and(|&(column, _)| column >= at) {
            open.pop();
        }
        open.push((at, key));
        return Some(Line {
            key: Some(key),
            keyed: true,
            column: at,
            value: &line[at + value_at..],
            value_at: at + value_at,
        });
    }
    let dash = dash?;
    while open.last().is_some_and(|&(column, _)| column > dash) {
        open.pop();
    }
    Some(Line {
        key: open.last().map(|&(_, key)| key),
        keyed: false,
        column: dash,
        value: rest,
        value_at: at,
    })
}

/// A plain key at the start of `rest` (`rubrik: …`, `e-post: …`): the key
/// and where its value starts (past the spaces after the colon).
fn key_of(rest: &str) -> Option<(&str, usize)> {
    let end = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .map_or(rest.len(), |(i, _)| i);
    let key = &rest[..end];
    if !key.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    let colon = end + (rest[end..].len() - rest[end..].trim_start_matches(' ').len());
    let after = rest[colon..].strip_prefix(':')?;
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let value = after.trim_start_matches([' ', '\t']);
    Some((key, rest.len() - value.len()))
}

/// Where a comment starts in a plain value (which follows a space): its
/// first `#`, or the first after a space or tab.
fn comment_start(value: &str) -> Option<usize> {
    value
        .match_indices('#')
        .map(|(i, _)| i)
        .find(|&i| i == 0 || value[..i].ends_with([' ', '\t']))
}

/// `value` as a YAML string in quotes: double ones, or single ones when it
/// holds a double quote or a backslash.
fn quote(value: &str) -> String {
    if value.contains(['"', '\\']) {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        format!("\"{value}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity::Warning;
    use crate::validate::testing::{Found, meeting, only, run};

    fn comments(tail: &str) -> Vec<Found> {
        run(check, &meeting(tail))
    }

    #[test]
    fn text_after_a_hash_in_a_rubrik_is_a_warning_at_the_hash() {
        let found = comments(
            "paragrafer:\n  - rubrik: Ekonomisk uppföljning #1 januari 2025\n    text: Något.\n",
        );
        assert_eq!(
            only(&found),
            (
                Warning,
                "texten efter ` #` läses som en kommentar och skrivs inte ut: \
                 \"#1 januari 2025\"",
                12,
                35
            )
        );
        assert_eq!(
            found[0].hints,
            [
                "sätt värdet inom citattecken: `rubrik: \"Ekonomisk uppföljning #1 januari \
                 2025\"`",
                "är det en kommentar, skriv minst två mellanslag före `# `",
            ]
        );
    }

    #[test]
    fn text_after_a_hash_in_a_list_entry_is_a_warning() {
        let found = comments(
            "paragrafer:\n  - rubrik: Ett\n    beslut:\n      - Frågan tas upp vid \
             möte #3.\n    utdrag_till:\n    - Ekonomi #ks\n",
        );
        let shown: Vec<(&str, usize, usize, &str)> = found
            .iter()
            .map(|f| (f.message.as_str(), f.line, f.column, f.hints[0].as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                (
                    "texten efter ` #` läses som en kommentar och skrivs inte ut: \"#3.\"",
                    14,
                    33,
                    "sätt värdet inom citattecken: `- \"Frågan tas upp vid möte #3.\"`"
                ),
                (
                    "texten efter ` #` läses som en kommentar och skrivs inte ut: \"#ks\"",
                    16,
                    15,
                    "sätt värdet inom citattecken: `- \"Ekonomi #ks\"`"
                ),
            ]
        );
    }

    #[test]
    fn a_key_in_a_list_entry_and_a_double_quote_in_the_value() {
        let found = comments(
            "paragrafer:\n  - rubrik: Ett\n    reservationer:\n      - namn: Bertil Berg\n        \
             motivering: till förmån för \"eget\" yrkande #2\n",
        );
        assert_eq!(
            only(&found),
            (
                Warning,
                "texten efter ` #` läses som en kommentar och skrivs inte ut: \"#2\"",
                15,
                52
            )
        );
        assert_eq!(
            found[0].hints[0],
            "sätt värdet inom citattecken: `motivering: 'till förmån för \"eget\" yrkande #2'`"
        );
    }

    #[test]
    fn a_value_that_is_all_hashtag_is_lost_whole() {
        let found = comments("paragrafer:\n  - rubrik: Ett\n    text: #skolDigiplan\n");
        assert_eq!(
            only(&found),
            (
                Warning,
                "texten efter ` #` läses som en kommentar och skrivs inte ut: \"#skolDigiplan\"",
                13,
                11
            )
        );
        assert_eq!(
            found[0].hints[0],
            "sätt värdet inom citattecken: `text: \"#skolDigiplan\"`"
        );
    }

    #[test]
    fn comments_by_intent_quoted_values_and_block_scalars_pass() {
        let found = comments(
            "# Kommentar om mötet #1\n\
             första_paragraf: 1 #fortsätter\n\
             justering:   # kommer\n  datum: 2021-03-10\n\
             paragrafer:\n\
             \x20 - rubrik: \"Ekonomisk uppföljning #1\"\n\
             \x20   föredragande: Doris Dahl          # kontrollera titeln\n\
             \x20   sekretess: true # 26 kap. 1 § OSL\n\
             \x20   diarienummer: # kommer\n\
             \x20   text: |\n\
             \x20     Följ oss på #skolDigiplan och # mer.\n\
             \n\
             \x20     - en punkt #2\n\
             \x20   utdrag_till: [Ekonomi, Kansli]   # båda\n\
             \x20   förslag_till_beslut: >-\n\
             \x20     Nämnden #1\n\
             \x20   beslut:\n\
             \x20     - 'Budget #2'\n\
             \x20     - Utan nummer#3\n",
        );
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn after_a_block_scalar_the_lines_are_read_again() {
        let found = comments(
            "paragrafer:\n  - rubrik: Ett\n    text: |\n      Rad #1\n    beslut:\n      - \
             Bifall #2\n",
        );
        assert_eq!(
            only(&found),
            (
                Warning,
                "texten efter ` #` läses som en kommentar och skrivs inte ut: \"#2\"",
                16,
                16
            )
        );
    }
}
