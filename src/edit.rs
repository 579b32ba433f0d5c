//! Edits to a meeting file's text that keep every other byte: a top-level
//! key's lines replaced, or new lines put in before a later key, so the
//! secretary's comments, key order and layout outside them stay as they
//! were. Pure: the command reads, checks the result by parsing it again,
//! and writes.

/// `text` with the top-level key `key` set to `block` (its whole YAML,
/// `key:` first, ending in a newline): in place of the key's lines when the
/// file has it, else before the first of `before` that it has (and the
/// comment lines just above that key, which speak of it), else at the end.
pub fn set_top_level_key(text: &str, key: &str, block: &str, before: &[&str]) -> String {
    let lines = lines_with_offsets(text);
    if let Some(start) = lines.iter().position(|(_, line)| is_key_line(line, key)) {
        // The key's own lines: its line and the indented ones under it; a
        // comment or blank line after them belongs to what follows.
        let mut end = start + 1;
        let mut last_content = start;
        while end < lines.len() {
            let line = lines[end].1;
            if starts_at_column_zero(line) {
                break;
            }
            if !line.trim().is_empty() && !line.trim_start().starts_with('#') {
                last_content = end;
            }
            end += 1;
        }
        let from = lines[start].0;
        let to = lines
            .get(last_content + 1)
            .map_or(text.len(), |(offset, _)| *offset);
        let mut out = String::with_capacity(text.len() + block.len());
        out.push_str(&text[..from]);
        out.push_str(block);
        out.push_str(&text[to..]);
        return out;
    }
    let next = lines
        .iter()
        .position(|(_, line)| before.iter().any(|k| is_key_line(line, k)));
    let Some(mut at) = next else {
        let mut out = text.to_owned();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(block);
        return out;
    };
    while at > 0 && lines[at - 1].1.starts_with('#') {
        at -= 1;
    }
    let offset = lines[at].0;
    let mut out = String::with_capacity(text.len() + block.len());
    out.push_str(&text[..offset]);
    out.push_str(block);
    out.push_str(&text[offset..]);
    out
}

/// A YAML scalar as plain text when that reads back as the same string,
/// else double-quoted.
pub fn yaml_scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && text.trim() == text
        && !text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c))
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.contains('\n')
        && !text.ends_with(':')
        && !matches!(
            text.to_lowercase().as_str(),
            "true" | "false" | "null" | "~" | "yes" | "no" | "on" | "off"
        )
        && text.parse::<f64>().is_err();
    if plain {
        text.to_owned()
    } else {
        yaml_quoted(text)
    }
}

/// A double-quoted YAML scalar.
pub fn yaml_quoted(text: &str) -> String {
    format!(
        "\"{}\"",
        text.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    )
}

fn lines_with_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n')
        .map(|line| {
            let start = offset;
            offset += line.len();
            (start, line)
        })
        .collect()
}

fn is_key_line(line: &str, key: &str) -> bool {
    line.strip_prefix(key)
        .and_then(|rest| rest.strip_prefix(':'))
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\n', '\r', '\t']))
}

/// A line that starts a new top-level entry: not indented, not a comment,
/// not blank.
fn starts_at_column_zero(line: &str) -> bool {
    line.starts_with(|c: char| !c.is_whitespace() && c != '#')
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "\
datum: 2021-02-26   # fredag
# Justerare väljs i § 2.
justerare: [Anna]
justering:
  datum: 2021-02-20
  # digitalt, med BankID
  sätt: digitalt

# Paragraferna
paragrafer:
  - rubrik: A
";

    #[test]
    fn a_key_is_replaced_and_the_comments_around_it_stay() {
        let edited = set_top_level_key(
            FILE,
            "justering",
            "justering:\n  datum: 2021-03-01\n",
            &["paragrafer"],
        );
        assert_eq!(
            edited,
            "datum: 2021-02-26   # fredag\n# Justerare väljs i § 2.\njusterare: [Anna]\n\
             justering:\n  datum: 2021-03-01\n\n# Paragraferna\nparagrafer:\n  - rubrik: A\n"
        );
    }

    #[test]
    fn a_new_key_goes_before_the_next_key_and_its_comment() {
        let edited = set_top_level_key(
            FILE,
            "anslag",
            "anslag:\n  uppsatt: 2021-03-02\n",
            &["kungörelse", "paragrafer"],
        );
        assert!(
            edited.contains("  sätt: digitalt\n\nanslag:\n  uppsatt: 2021-03-02\n# Paragraferna\n"),
            "{edited}"
        );
        // Nothing else moved.
        assert_eq!(edited.replace("anslag:\n  uppsatt: 2021-03-02\n", ""), FILE);
    }

    #[test]
    fn a_flow_value_on_one_line_is_replaced_whole() {
        let text = "justering: {datum: 2021-02-20, sätt: digitalt}\nparagrafer: []\n";
        let edited = set_top_level_key(text, "justering", "justering:\n  datum: 2021-03-01\n", &[]);
        assert_eq!(edited, "justering:\n  datum: 2021-03-01\nparagrafer: []\n");
    }

    #[test]
    fn without_any_later_key_the_block_goes_at_the_end() {
        assert_eq!(
            set_top_level_key(
                "datum: 2021-02-26",
                "anslag",
                "anslag:\n  uppsatt: 2021-03-02\n",
                &["paragrafer"]
            ),
            "datum: 2021-02-26\nanslag:\n  uppsatt: 2021-03-02\n"
        );
    }

    #[test]
    fn scalars_that_yaml_would_read_otherwise_are_quoted() {
        assert_eq!(yaml_scalar("Kommunhuset, Ljungby"), "Kommunhuset, Ljungby");
        assert_eq!(yaml_scalar("NO"), "\"NO\"");
        assert_eq!(yaml_scalar("2021"), "\"2021\"");
        assert_eq!(yaml_scalar("Sal: 3"), "\"Sal: 3\"");
        assert_eq!(yaml_scalar("#1"), "\"#1\"");
        assert_eq!(yaml_scalar("Sal \"A\""), "Sal \"A\"");
        assert_eq!(yaml_scalar("\"A\""), "\"\\\"A\\\"\"");
    }
}
