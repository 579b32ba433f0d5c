//! Where a line of generated Typst came from: the template line that wrote
//! it. Typst reports its errors in the generated source, which a
//! municipality never sees; pointing at their own template's line is what
//! lets them fix it.
//!
//! Tera keeps no source map, so a generated line is matched to the
//! template line whose literal text (everything outside `{{ … }}` and
//! `{% … %}`) it holds, in order, most of it: `#field[Utses att
//! justera][Karin Näsmark]` comes from `#field[Utses att justera][{{
//! doc.meeting.adjusters | join(sep=", ") }}]`. A line that is all value
//! (a Markdown field's output) is put down to the nearest line above it
//! that matches.

/// A template line: the template's name and the line number (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateLine {
    /// "protokoll.typ".
    pub template: String,
    /// 1-based.
    pub line: usize,
}

/// The template line that wrote line `line` (1-based) of `generated`, looked
/// for in `templates` (name, text), the first taking precedence on a tie.
pub fn template_line<'t>(
    templates: impl IntoIterator<Item = (&'t str, &'t str)> + Clone,
    generated: &str,
    line: usize,
) -> Option<TemplateLine> {
    let lines: Vec<&str> = generated.lines().collect();
    let upto = line.min(lines.len());
    (0..upto)
        .rev()
        .find_map(|index| best_match(templates.clone(), lines[index]))
}

fn best_match<'t>(
    templates: impl IntoIterator<Item = (&'t str, &'t str)>,
    generated: &str,
) -> Option<TemplateLine> {
    let mut best: Option<(usize, TemplateLine)> = None;
    for (name, text) in templates {
        for (index, template_line) in text.lines().enumerate() {
            let literals = literals(template_line);
            let weight: usize = literals.iter().map(|l| l.trim().len()).sum();
            // A line of tags alone writes nothing of its own to match.
            if weight < 3 || !holds_in_order(generated, &literals) {
                continue;
            }
            if best.as_ref().is_none_or(|(w, _)| weight > *w) {
                let found = TemplateLine {
                    template: name.to_owned(),
                    line: index + 1,
                };
                best = Some((weight, found));
            }
        }
    }
    best.map(|(_, found)| found)
}

/// The literal pieces of a template line: the text between its tags, each
/// trimmed of the whitespace a tag's `-` may have removed.
fn literals(line: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find(['{']) {
        let tag = rest[start..].get(..2);
        let close = match tag {
            Some("{{") => "}}",
            Some("{%") => "%}",
            Some("{#") => "#}",
            _ => {
                // A Typst brace: part of the literal text.
                let (piece, after) = rest.split_at(start + 1);
                push_piece(&mut pieces, piece);
                rest = after;
                continue;
            }
        };
        push_piece(&mut pieces, &rest[..start]);
        match rest[start + 2..].find(close) {
            Some(end) => rest = &rest[start + 2 + end + 2..],
            None => return pieces,
        }
    }
    push_piece(&mut pieces, rest);
    pieces
}

fn push_piece<'a>(pieces: &mut Vec<&'a str>, piece: &'a str) {
    let piece = piece.trim();
    if !piece.is_empty() {
        pieces.push(piece);
    }
}

/// Whether every piece occurs in `line`, in order, the first at its start
/// (after indentation).
fn holds_in_order(line: &str, pieces: &[&str]) -> bool {
    let line = line.trim_start();
    let mut at = 0;
    for (index, piece) in pieces.iter().enumerate() {
        match line[at..].find(piece) {
            Some(found) if index > 0 || found == 0 => at += found + piece.len(),
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROTOKOLL: &str = "#import \"lib/layout.typ\": *
#field[Plats och tid][{{ doc.meeting.date_long }} kl. {{ doc.meeting.time }}]
#field[Utses att justera][{{ doc.meeting.adjusters | join(sep=\", \") }}]
{% for p in doc.paragraphs %}
{% include \"paragraf.typ\" %}
{% endfor %}";
    const PARAGRAF: &str = "#paragraf-heading([{{ p.label }} {{ p.title }}])
{{ p.text | markdown }}
#caption[Beslutsunderlag]";

    fn origin(generated: &str, line: usize) -> Option<(String, usize)> {
        template_line(
            [("protokoll.typ", PROTOKOLL), ("paragraf.typ", PARAGRAF)],
            generated,
            line,
        )
        .map(|t| (t.template, t.line))
    }

    #[test]
    fn a_generated_line_is_put_down_to_the_template_line_that_wrote_it() {
        let generated = "#import \"lib/layout.typ\": *
#field[Plats och tid][Fredag den 26 februari 2021 kl. 09:00–12:00]
#field[Utses att justera][Karin Näsmark]
#paragraf-heading([§ 1 Mötet öppnas])
Ordföranden öppnar mötet och #nosuch()
#caption[Beslutsunderlag]";
        assert_eq!(origin(generated, 3), Some(("protokoll.typ".into(), 3)));
        assert_eq!(origin(generated, 2), Some(("protokoll.typ".into(), 2)));
        assert_eq!(origin(generated, 4), Some(("paragraf.typ".into(), 1)));
        // A Markdown field's line: the nearest line above that matches.
        assert_eq!(origin(generated, 5), Some(("paragraf.typ".into(), 1)));
        assert_eq!(origin(generated, 6), Some(("paragraf.typ".into(), 3)));
    }

    #[test]
    fn literals_are_the_text_between_tags() {
        assert_eq!(
            literals("#field[Tid][{{ a }} kl. {{ b }}]{% if x %} \\ Y{% endif %}"),
            ["#field[Tid][", "kl.", "]", "\\ Y"]
        );
        assert_eq!(literals("{{ p.text | markdown }}"), Vec::<&str>::new());
        assert_eq!(literals("#let f(x) = { x }"), ["#let f(x) = {", "x }"]);
    }
}
