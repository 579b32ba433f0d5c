//! Escaping of user text for Typst source.
//!
//! Everything a user writes in a meeting file ends up inside generated Typst
//! source. Typst markup is a programming language (`#read`, `#import`, …), so
//! user text must reach the compiler as inert characters. These functions are
//! the single place where that guarantee is made; the Markdown renderer and
//! the Tera templates both go through them.

/// What a user line break becomes in markup.
///
/// A backslash followed by whitespace is a Typst line break. We deliberately
/// use a space rather than a newline after it: the output must contain no
/// newline characters at all, otherwise a trailing newline in a YAML block
/// scalar plus a newline in the template would form a blank line (a paragraph
/// break), and a newline inside a markup list item would end that item.
const LINE_BREAK: &str = "\\ ";

/// Appends `text` to `out` so that Typst markup mode prints it literally.
///
/// A backslash before a character makes Typst print that character, but each
/// escape is a separate piece of text for Typst's paragraph layout, which
/// grows worse than linearly with their number (a 1 MB text with every full
/// stop escaped took 26 s instead of 0.9 s). So only what is markup here is
/// escaped: characters that are syntax wherever they stand, the few that are
/// syntax only next to another character (`...`, `--`, `-5`, `//`, `://`,
/// `1.`), and any punctuation at the very start of the text, where it could
/// continue a `#call[…]` that precedes it. Line breaks become Typst line
/// breaks, tabs become spaces, and control characters and bidi overrides are
/// dropped, since they are invisible or could reorder text printed after this
/// field.
pub fn escape_markup_into(text: &str, out: &mut String) {
    out.reserve(text.len() + text.len() / 8);
    let mut chars = text.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            '\r' => {
                // CRLF is one line break, a lone CR is one too.
                if next == Some('\n') {
                    chars.next();
                }
                out.push_str(LINE_BREAK);
            }
            // Typst's lexer counts all of these as newlines, so two of them
            // in a row would be a paragraph break if passed through.
            '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                out.push_str(LINE_BREAK);
            }
            '\t' => out.push(' '),
            c if c.is_ascii_punctuation() && is_markup(prev, c, next) => {
                out.push('\\');
                out.push(c);
            }
            c if is_dropped(c) => {}
            c => out.push(c),
        }
        prev = Some(c);
    }
}

/// Whether the ASCII punctuation `c`, between `prev` and `next`, would be
/// read as markup (see typst-syntax's `Lexer::markup`).
fn is_markup(prev: Option<char>, c: char, next: Option<char>) -> bool {
    let Some(prev) = prev else {
        return true;
    };
    let next_is_space_or_end = next.is_none_or(char::is_whitespace);
    match c {
        '\\' | '#' | '[' | ']' | '\'' | '"' | '$' | '~' | '<' | '>' | '@' | '*' | '_' | '`'
        | '=' => true,
        // "..." is an ellipsis; "1. " at a line start an enum item.
        '.' => next == Some('.') || (prev.is_ascii_digit() && next_is_space_or_end),
        // List marker, "--", "---", "-?" and a minus sign before a digit.
        '-' => {
            next_is_space_or_end
                || matches!(next, Some('-' | '?'))
                || next.is_some_and(char::is_numeric)
        }
        '+' => next_is_space_or_end,
        // Term marker and comments.
        '/' => next_is_space_or_end || matches!(next, Some('/' | '*')),
        // "https://" would become a link.
        ':' => next == Some('/'),
        _ => false,
    }
}

/// Same as [`escape_markup_into`], returning a new String.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::new();
    escape_markup_into(text, &mut out);
    out
}

/// Escapes `text` for the inside of a Typst string literal `"…"` (code mode).
///
/// Only `\` and `"` can end or alter a string literal; the control characters
/// are escaped so that the generated source stays on one line and stays
/// readable.
pub fn escape_string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

/// Tera's escape function for `.typ` templates.
///
/// Registered as the autoescape function so that every `{{ value }}` in a
/// Typst template is markup-escaped unless the template explicitly marks it
/// `| safe` (which only values already produced by this module should be).
pub fn escape_for_tera(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(escape_markup(input).as_bytes())
}

/// Characters removed from user text because they are invisible or can affect
/// text outside the field they came from.
///
/// Control characters render as missing-glyph boxes at best. Bidi embedding,
/// override and isolate controls are dropped because an unterminated override
/// reorders the rest of the paragraph, i.e. it could visually rewrite other
/// fields printed on the same line (the "Trojan Source" trick).
fn is_dropped(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
/// Shared with the Markdown tests, which check the same guarantees.
pub(crate) mod tests {
    use super::*;
    use typst_syntax::{SyntaxKind, SyntaxNode, ast};

    /// Strings that each exercise one piece of Typst syntax.
    pub(crate) const TRICKY: &[&str] = &[
        "#skolDigiplan",
        "arne.nilsson@regionjh.se",
        "25%",
        "$5",
        "<i>",
        "a // b",
        "/* x */",
        "C:\\temp",
        "[x]",
        "= rubrik",
        "~",
        "'single' and \"double\" quotes",
        "”citat” och –",
        "§ 14",
        "@ref",
        "<label>",
        "line ending in backslash\\",
        "#read(\"/etc/passwd\")",
        "#include \"x\"",
        "#import \"@preview/x:0.1.0\"",
        "] [ * $",
        "1. not a list",
        "- not a list",
        "https://example.com/a_b*c",
        "...",
        "--",
        "\\u{41}",
        "first line\nsecond line",
        "Lise Hjemgaard-Svensson",
        "-5 and 3-4",
        "+ plus",
        "/ term: x",
        "`raw`",
        "*/ stray",
        "#{1;2}",
        "x\\",
        "\\",
        "a\n\nb",
        "crlf\r\nline",
        "åäö ÅÄÖ é ü",
        "a\u{2028}\u{2029}b",
    ];

    /// Reassembles the text a markup tree prints, failing on anything that is
    /// not plain text.
    pub(crate) fn printed_text(node: &SyntaxNode) -> String {
        let mut out = String::new();
        let mut after_linebreak = false;
        collect(node, &mut out, &mut after_linebreak);
        out
    }

    fn collect(node: &SyntaxNode, out: &mut String, after_linebreak: &mut bool) {
        match node.kind() {
            SyntaxKind::Markup => {
                for child in node.children() {
                    collect(child, out, after_linebreak);
                }
            }
            SyntaxKind::Text => {
                out.push_str(node.leaf_text());
                *after_linebreak = false;
            }
            SyntaxKind::Escape => {
                let escape = node.cast::<ast::Escape>().map(|e| e.get());
                out.push(escape.expect("escape node"));
                *after_linebreak = false;
            }
            SyntaxKind::Linebreak => {
                out.push('\n');
                *after_linebreak = true;
            }
            SyntaxKind::Space => {
                let text = node.leaf_text().replace("\r\n", "\n");
                // The space that terminates a `\ ` line break is syntax.
                let text = match text.strip_prefix(' ') {
                    Some(rest) if *after_linebreak => rest,
                    _ => &text,
                };
                out.push_str(text);
                *after_linebreak = false;
            }
            kind => panic!("unexpected node {kind:?}: {:?}", node.leaf_text()),
        }
    }

    /// What the escaper promises to print for `input`.
    pub(crate) fn expected_print(input: &str) -> String {
        input
            .replace("\r\n", "\n")
            .replace(
                ['\r', '\u{2028}', '\u{2029}', '\u{85}', '\u{0B}', '\u{0C}'],
                "\n",
            )
            .replace('\t', " ")
            .chars()
            .filter(|&c| c == '\n' || !is_dropped(c))
            .collect()
    }

    pub(crate) fn assert_round_trip(input: &str) {
        let markup = escape_markup(input);
        let root = typst_syntax::parse(&markup);
        assert!(
            root.errors_and_warnings() == (vec![], vec![]),
            "{input:?} -> {markup:?}: {:?}",
            root.errors_and_warnings()
        );
        assert!(!markup.contains('\n'), "raw newline in {markup:?}");
        assert_eq!(
            printed_text(&root),
            expected_print(input),
            "{input:?} -> {markup:?}"
        );
    }

    #[test]
    fn tricky_strings_print_literally() {
        for input in TRICKY {
            assert_round_trip(input);
        }
    }

    #[test]
    fn ordinary_prose_is_left_alone() {
        // Every escape costs layout time (see escape_markup_into): plain
        // sentences, commas, parentheses and times need none.
        let prose = "Mötet öppnas kl. 9.00, se bilaga (Dnr RUN/574/2019). Klart!";
        assert_eq!(escape_markup(prose), prose);
        assert_eq!(escape_markup("2021-02-26"), "2021\\-02\\-26");
    }

    #[test]
    fn exact_escapes() {
        assert_eq!(escape_markup("#read(\"x\")"), "\\#read(\\\"x\\\")");
        assert_eq!(escape_markup("a\nb"), "a\\ b");
        assert_eq!(escape_markup("a\r\nb\rc"), "a\\ b\\ c");
        assert_eq!(escape_markup("ends\\"), "ends\\\\");
        assert_eq!(escape_markup("a\tb"), "a b");
        assert_eq!(escape_markup("§ 14 – ”ja”"), "§ 14 – ”ja”");
        assert_eq!(escape_markup("https://x"), "https\\:\\//x");
    }

    #[test]
    fn newlines_never_form_a_paragraph_break() {
        // A YAML block scalar ends in "\n"; the template adds its own newline.
        let markup = format!("Namn: {}\nnästa rad", escape_markup("Anna\n"));
        let root = typst_syntax::parse(&markup);
        assert!(root.children().all(|n| n.kind() != SyntaxKind::Parbreak));
        let markup = format!("- {} tail", escape_markup("a\n\n\nb"));
        let root = typst_syntax::parse(&markup);
        let kinds: Vec<_> = root.children().map(|n| n.kind()).collect();
        assert_eq!(kinds, [SyntaxKind::ListItem], "{markup:?}");
    }

    #[test]
    fn control_and_bidi_characters_are_dropped() {
        assert_eq!(escape_markup("a\u{0}b\u{1B}c\u{7F}d"), "abcd");
        assert_eq!(escape_markup("x\u{202E}y\u{2066}z\u{2069}"), "xyz");
        // Plain marks that do not reorder anything stay.
        assert_eq!(escape_markup("a\u{200E}b\u{00A0}c"), "a\u{200E}b\u{00A0}c");
    }

    #[test]
    fn string_literal_round_trips() {
        for input in TRICKY
            .iter()
            .copied()
            .chain(["\"\\\"", "tab\there", "\r\n"])
        {
            let source = format!("#\"{}\"", escape_string_literal(input));
            let root = typst_syntax::parse(&source);
            assert!(root.errors_and_warnings() == (vec![], vec![]), "{source:?}");
            let string = find_str(&root).expect("string literal");
            assert_eq!(string.as_str(), input, "{source:?}");
            assert!(!source.contains('\n'));
        }
    }

    fn find_str(node: &SyntaxNode) -> Option<String> {
        if let Some(s) = node.cast::<ast::Str>() {
            return Some(s.get().to_string());
        }
        node.children().find_map(find_str)
    }

    #[test]
    fn tera_escape_writes_markup_escape() {
        // Tera 2's `EscapeFn` type; fails to compile if the signature drifts.
        let _: fn(&str, &mut dyn std::io::Write) -> std::io::Result<()> = escape_for_tera;
        let mut buf = Vec::new();
        escape_for_tera("#x [y]\n", &mut buf).expect("write to Vec");
        assert_eq!(String::from_utf8(buf).expect("utf8"), "\\#x \\[y\\]\\ ");
    }

    /// Deterministic generator so failures reproduce without a seed file.
    pub(crate) struct Lcg(pub(crate) u64);

    impl Lcg {
        pub(crate) fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            self.0 >> 33
        }

        pub(crate) fn string(&mut self, alphabet: &[&str], max_len: u64) -> String {
            let len = self.next() % (max_len + 1);
            (0..len)
                .map(|_| alphabet[(self.next() % alphabet.len() as u64) as usize])
                .collect()
        }
    }

    /// Pieces chosen to collide with Typst syntax when concatenated.
    pub(crate) const ALPHABET: &[&str] = &[
        "a", "Z", "1", "0", "å", "”", "–", " ", "  ", "\t", "\n", "\r\n", "\r", "\\", "#", "*",
        "_", "$", "@", "<", ">", "[", "]", "`", "~", "=", "-", "+", "/", "'", "\"", ":", ".", "{",
        "}", "(", ")", ";", ",", "!", "|", "%", "&", "?", "^", "http", "https://", "u{41}", "//",
        "/*", "*/", "1.", "- ", "+ ", "= ", "...", "--", "-?", "<a>", "</b>", "x_y", "**", "~~",
        "\u{2028}", "\u{A0}", "\u{202E}", "\u{7}", "漢",
    ];

    #[test]
    fn generated_strings_round_trip() {
        let mut rng = Lcg(0x5EED_0F70);
        for _ in 0..600 {
            let input = rng.string(ALPHABET, 24);
            assert_round_trip(&input);
        }
    }
}
