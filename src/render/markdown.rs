//! Markdown in meeting files → Typst markup.
//!
//! The output only ever contains constructs this module writes itself
//! (`#emph[…]`, `#list(…)`, …) around text that went through
//! [`escape_markup_into`] or [`escape_string_literal`]. Because every ASCII
//! punctuation character of user text is escaped, user text can neither close
//! one of our content blocks nor start Typst syntax of its own.
//!
//! We emit function calls rather than Typst's markup shorthands (`*x*`, `- x`)
//! because shorthands depend on surrounding characters and indentation, calls
//! do not.

use pulldown_cmark::{Alignment, CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

use super::escape::{escape_markup_into, escape_string_literal};

/// How many of our own calls or content blocks may be open at once.
///
/// Typst's parser stops at a fixed nesting depth and its layout engine has a
/// depth limit too; `>>>>>>>…` or `*****…` in user text must not be able to
/// reach either. Deeper constructs are degraded to plain content.
const MAX_NESTING: usize = 12;

/// Block Markdown (CommonMark + tables + strikethrough) → Typst markup.
pub fn markdown_block(md: &str) -> String {
    render(md, Mode::Block)
}

/// Inline Markdown for one decision point: same, but paragraphs are joined with
/// a line break, never a paragraph break, and no block-level markup is emitted
/// at top level (lists inside become lines).
///
/// The result contains no newline characters, so it can be placed after a
/// Typst list or enum marker without ending that item.
pub fn markdown_inline(md: &str) -> String {
    render(md, Mode::Lines)
}

/// Whether a container lays out its children as blocks or as lines of one
/// paragraph.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Block,
    Lines,
}

/// What a container holds so far; decides which separator the next child
/// needs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fill {
    Empty,
    /// Loose inline content, as in a tight list item.
    Inline,
    /// Inside a paragraph, heading, …: inline content needs no separator.
    InLeaf,
    /// The last child was a block.
    Block,
}

/// A container whose children are separated from each other.
struct Frame {
    mode: Mode,
    /// Tight list items separate blocks by a newline rather than a blank line,
    /// so that the item stays one paragraph as Markdown intends.
    tight: bool,
    fill: Fill,
}

/// What the matching end event has to do.
enum Closer {
    // For these three, `Some` holds the text closing a call we opened (and
    // counted in `nesting`); `None` means the construct was rendered plainly.
    /// An inline construct.
    Inline(Option<&'static str>),
    /// A link: whether `#link(…)[` was opened, where its words start in the
    /// output, and the address to print after them (paper has no links).
    Link {
        opened: bool,
        start: usize,
        shown: Option<String>,
    },
    /// A block without child blocks; the frame's block is finished after it.
    Leaf(Option<&'static str>),
    /// A block with its own frame of child blocks.
    Container(Option<&'static str>),
    /// Code or HTML whose text is collected and written at the end.
    Captured(Captured),
    List(ListState),
    /// A list item; `call` when it is a `[…]` argument of `#list`/`#enum`.
    Item {
        call: bool,
    },
    Table(TableState),
    TableGroup,
    TableCell {
        call: bool,
    },
}

enum Captured {
    Code { lang: Option<String> },
    Html,
}

struct ListState {
    /// Emitted as `#list(…)`/`#enum(…)` rather than as lines.
    call: bool,
    /// Number of the next item for ordered lists.
    number: Option<u64>,
    tight: bool,
    /// Nesting level among line-style lists, for the bullet shape.
    level: usize,
}

struct TableState {
    call: bool,
    columns: usize,
    /// Cells written in the current header or row.
    cells: usize,
    /// The current group is the header, whose cells are the first arguments
    /// of `table.header(…)` and so need no leading comma.
    in_head: bool,
}

struct Renderer {
    out: String,
    frames: Vec<Frame>,
    closers: Vec<Closer>,
    /// Our calls and content blocks currently open; see [`MAX_NESTING`].
    nesting: usize,
    /// Text of the code or HTML block being read.
    capture: Option<String>,
    /// For each table still to come, which columns hold only numbers.
    numeric_columns: std::collections::VecDeque<Vec<bool>>,
}

fn render(md: &str, mode: Mode) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events: Vec<Event<'_>> = Parser::new_ext(md, options).collect();
    let loose = loose_lists(&events);
    let numeric_columns = numeric_columns(&events);
    let mut renderer = Renderer {
        out: String::with_capacity(md.len() * 2),
        frames: vec![Frame {
            mode,
            tight: false,
            fill: Fill::Empty,
        }],
        closers: Vec::new(),
        nesting: 0,
        capture: None,
        numeric_columns,
    };
    for (index, event) in events.into_iter().enumerate() {
        renderer.event(event, loose.get(index).copied().unwrap_or(false));
    }
    renderer.out
}

/// Marks, by event index, the list starts that are loose.
///
/// pulldown-cmark does not report tightness on the start tag; it omits the
/// paragraph tags inside tight items instead. `#list(tight: …)` needs to know
/// up front, hence this pass.
fn loose_lists(events: &[Event<'_>]) -> Vec<bool> {
    enum Open {
        List(usize),
        Item,
        Other,
    }
    let mut loose = vec![false; events.len()];
    let mut stack: Vec<Open> = Vec::new();
    for (index, event) in events.iter().enumerate() {
        match event {
            Event::Start(tag) => {
                if matches!(tag, Tag::Paragraph)
                    && matches!(stack.last(), Some(Open::Item))
                    && let Some(Open::List(list)) = stack.len().checked_sub(2).map(|i| &stack[i])
                {
                    loose[*list] = true;
                }
                stack.push(match tag {
                    Tag::List(_) => Open::List(index),
                    Tag::Item => Open::Item,
                    _ => Open::Other,
                });
            }
            Event::End(_) => {
                stack.pop();
            }
            _ => {}
        }
    }
    loose
}

/// For each table, in order, whether each column's body cells all hold a
/// number ("1 200", "−3,5", "12 %"): those are aligned right unless the
/// table says otherwise.
fn numeric_columns(events: &[Event<'_>]) -> std::collections::VecDeque<Vec<bool>> {
    let mut tables = std::collections::VecDeque::new();
    let mut current: Option<(Vec<bool>, bool, usize, String)> = None;
    for event in events {
        match event {
            Event::Start(Tag::Table(aligns)) => {
                current = Some((vec![true; aligns.len()], false, 0, String::new()));
            }
            Event::Start(Tag::TableHead) => {
                if let Some((_, in_head, ..)) = &mut current {
                    *in_head = true;
                }
            }
            Event::End(TagEnd::TableHead) => {
                if let Some((_, in_head, ..)) = &mut current {
                    *in_head = false;
                }
            }
            Event::Start(Tag::TableRow) => {
                if let Some((_, _, column, _)) = &mut current {
                    *column = 0;
                }
            }
            Event::Start(Tag::TableCell) => {
                if let Some((.., text)) = &mut current {
                    text.clear();
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((.., text)) = &mut current {
                    text.push_str(t);
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let Some((numeric, in_head, column, text)) = &mut current {
                    if !*in_head && let Some(slot) = numeric.get_mut(*column) {
                        *slot &= is_number(text);
                    }
                    *column += 1;
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some((numeric, ..)) = current.take() {
                    tables.push_back(numeric);
                }
            }
            _ => {}
        }
    }
    tables
}

/// A cell that is a number as Swedish tables write them: digits with
/// spaces between thousands, a decimal comma, a sign, a trailing % or unit
/// of "kr"/"tkr"/"mnkr". An empty cell does not make a column non-numeric.
fn is_number(cell: &str) -> bool {
    let cell = cell.trim();
    let cell = ["mnkr", "tkr", "kr", "%"]
        .iter()
        .find_map(|unit| cell.strip_suffix(unit))
        .unwrap_or(cell)
        .trim_end();
    let cell = cell
        .strip_prefix(['-', '−', '+', '±'])
        .unwrap_or(cell)
        .trim_start();
    cell.is_empty()
        || (cell.starts_with(|c: char| c.is_ascii_digit())
            && cell.chars().all(|c| {
                c.is_ascii_digit() || matches!(c, ' ' | '\u{a0}' | '\u{202f}' | ',' | '.')
            }))
}

/// Link targets we turn into links; anything else (`file:`, relative paths,
/// `javascript:`) is shown as its text only.
fn allowed_url(link_type: LinkType, url: &str) -> Option<String> {
    if link_type == LinkType::Email {
        return Some(format!("mailto:{url}"));
    }
    let lower = url.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
        .then(|| url.trim_start().to_string())
}

fn alignment(align: &Alignment) -> &'static str {
    match align {
        Alignment::None | Alignment::Left => "left",
        Alignment::Center => "center",
        Alignment::Right => "right",
    }
}

impl Renderer {
    fn frame(&mut self) -> &mut Frame {
        let last = self.frames.len() - 1;
        &mut self.frames[last]
    }

    fn mode(&self) -> Mode {
        self.frames.last().map_or(Mode::Block, |f| f.mode)
    }

    /// Whether another call may be opened without risking Typst's depth
    /// limits.
    fn can_nest(&self) -> bool {
        self.nesting < MAX_NESTING
    }

    fn separator(frame: &Frame) -> &'static str {
        match (frame.mode, frame.tight) {
            (Mode::Lines, _) => "\\ ",
            (Mode::Block, true) => "\n",
            (Mode::Block, false) => "\n\n",
        }
    }

    /// Starts a block-level child of the current container.
    fn begin_block(&mut self) {
        let frame = self.frame();
        let sep = match frame.fill {
            Fill::Empty => "",
            _ => Self::separator(frame),
        };
        frame.fill = Fill::InLeaf;
        self.out.push_str(sep);
    }

    /// Starts a child that is plain text rather than a block-level call.
    ///
    /// Directly after the own text of a tight list item, a newline would only
    /// be a space and the child would run on in the same line; it needs a
    /// real line break.
    fn begin_text_block(&mut self) {
        let frame = self.frame();
        if frame.mode == Mode::Block && frame.fill == Fill::Inline {
            frame.fill = Fill::InLeaf;
            self.out.push_str("\\\n");
        } else {
            self.begin_block();
        }
    }

    fn end_block(&mut self) {
        self.frame().fill = Fill::Block;
    }

    /// Called before any inline output, which may sit directly in a tight
    /// list item after a nested block.
    fn begin_inline(&mut self) {
        let frame = self.frame();
        let sep = match frame.fill {
            Fill::Block => Self::separator(frame),
            _ => "",
        };
        if frame.fill != Fill::InLeaf {
            frame.fill = Fill::Inline;
        }
        self.out.push_str(sep);
    }

    fn push_frame(&mut self, mode: Mode, tight: bool) {
        self.frames.push(Frame {
            mode,
            tight,
            fill: Fill::Empty,
        });
    }

    fn pop_frame(&mut self) {
        // The root frame is never popped: pulldown-cmark's events are
        // balanced, and keeping it makes `frame()` infallible.
        if self.frames.len() > 1 {
            self.frames.pop();
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(capture) = &mut self.capture {
            capture.push_str(text);
        } else {
            self.begin_inline();
            escape_markup_into(text, &mut self.out);
        }
    }

    /// Opens an inline call like `#emph[`, or nothing when too deep.
    fn open_inline(&mut self, open: &str) {
        self.begin_inline();
        if self.can_nest() {
            self.out.push_str(open);
            self.nesting += 1;
            self.closers.push(Closer::Inline(Some("]")));
        } else {
            self.closers.push(Closer::Inline(None));
        }
    }

    fn event(&mut self, event: Event<'_>, loose: bool) {
        match event {
            Event::Start(tag) => self.start(tag, loose),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
            Event::Html(html) | Event::InlineHtml(html) => self.text(&html),
            Event::Code(code) => {
                self.begin_inline();
                self.out.push_str("#raw(\"");
                self.out.push_str(&escape_string_literal(&code));
                self.out.push_str("\")");
            }
            // Not enabled; if they ever appear, print what was written.
            Event::InlineMath(math) => self.text(&format!("${math}$")),
            Event::DisplayMath(math) => self.text(&format!("$${math}$$")),
            Event::FootnoteReference(label) => self.text(&format!("[^{label}]")),
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
            Event::SoftBreak => {
                let sep = match self.mode() {
                    Mode::Block => "\n",
                    Mode::Lines => " ",
                };
                self.out.push_str(sep);
            }
            Event::HardBreak => {
                let sep = match self.mode() {
                    Mode::Block => "\\\n",
                    Mode::Lines => "\\ ",
                };
                self.out.push_str(sep);
            }
            Event::Rule => {
                // A rule has no line form; in lines mode it is dropped.
                if self.mode() == Mode::Block {
                    self.begin_block();
                    self.out.push_str("#line(length: 100%)");
                    self.end_block();
                }
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>, loose: bool) {
        match tag {
            Tag::Paragraph => {
                self.begin_block();
                self.closers.push(Closer::Leaf(None));
            }
            Tag::Heading { .. } => {
                if self.can_nest() {
                    self.begin_block();
                } else {
                    self.begin_text_block();
                }
                // A bold block, not `heading`: headings in minutes text must
                // not enter the outline or the heading numbering.
                let (open, close) = match self.mode() {
                    Mode::Block => (
                        "#block(above: 1em, below: 0.6em, sticky: true, strong[",
                        "])",
                    ),
                    Mode::Lines => ("#strong[", "]"),
                };
                if self.can_nest() {
                    self.out.push_str(open);
                    self.nesting += 1;
                    self.closers.push(Closer::Leaf(Some(close)));
                } else {
                    self.closers.push(Closer::Leaf(None));
                }
            }
            Tag::BlockQuote(_) => {
                let mode = self.mode();
                if self.can_nest() {
                    self.begin_block();
                    self.out.push_str(match mode {
                        Mode::Block => "#quote(block: true)[",
                        Mode::Lines => "#quote[",
                    });
                    self.nesting += 1;
                    self.closers.push(Closer::Container(Some("]")));
                } else {
                    self.begin_text_block();
                    self.closers.push(Closer::Container(None));
                }
                self.push_frame(mode, false);
            }
            Tag::CodeBlock(kind) => {
                self.begin_block();
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .map(str::to_string)
                        .filter(|l| !l.is_empty()),
                    CodeBlockKind::Indented => None,
                };
                self.capture = Some(String::new());
                self.closers.push(Closer::Captured(Captured::Code { lang }));
            }
            Tag::HtmlBlock | Tag::MetadataBlock(_) => {
                self.begin_text_block();
                self.capture = Some(String::new());
                self.closers.push(Closer::Captured(Captured::Html));
            }
            Tag::List(start) => self.start_list(start, !loose),
            Tag::Item => self.start_item(),
            Tag::Table(aligns) => {
                let call = self.mode() == Mode::Block && self.can_nest();
                if call {
                    self.begin_block();
                    let numeric = self.numeric_columns.pop_front().unwrap_or_default();
                    let align: Vec<&str> = aligns
                        .iter()
                        .enumerate()
                        .map(|(i, a)| match a {
                            Alignment::None if numeric.get(i).copied().unwrap_or(false) => "right",
                            other => alignment(other),
                        })
                        .collect();
                    self.out.push_str(&format!(
                        "#table(columns: {}, align: ({},)",
                        aligns.len(),
                        align.join(", ")
                    ));
                    self.nesting += 1;
                } else {
                    self.numeric_columns.pop_front();
                    // Line form: each row is a line, cells joined by `|`.
                    self.begin_text_block();
                    self.push_frame(Mode::Lines, true);
                }
                self.closers.push(Closer::Table(TableState {
                    call,
                    columns: aligns.len(),
                    cells: 0,
                    in_head: false,
                }));
            }
            Tag::TableHead | Tag::TableRow => {
                let is_head = matches!(tag, Tag::TableHead);
                if let Some(table) = self.table() {
                    table.cells = 0;
                    table.in_head = is_head;
                    let call = table.call;
                    if !call {
                        self.begin_block();
                    } else if is_head {
                        self.out.push_str(", table.header(");
                    }
                }
                self.closers.push(Closer::TableGroup);
            }
            Tag::TableCell => {
                let mut call = false;
                if let Some(table) = self.table() {
                    call = table.call;
                    let first = table.cells == 0;
                    let sep = match (call, first) {
                        (true, true) if table.in_head => "",
                        (true, _) => ", ",
                        (false, true) => "",
                        (false, false) => " | ",
                    };
                    table.cells += 1;
                    self.out.push_str(sep);
                }
                if call {
                    self.out.push('[');
                    self.nesting += 1;
                    self.push_frame(Mode::Block, true);
                }
                self.closers.push(Closer::TableCell { call });
            }
            Tag::Emphasis => self.open_inline("#emph["),
            Tag::Strong => self.open_inline("#strong["),
            Tag::Strikethrough => self.open_inline("#strike["),
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => match allowed_url(link_type, &dest_url) {
                Some(url) => {
                    self.begin_inline();
                    let opened = self.can_nest();
                    if opened {
                        self.out
                            .push_str(&format!("#link(\"{}\")[", escape_string_literal(&url)));
                        self.nesting += 1;
                    }
                    // An autolink shows its address already.
                    let shown = (!matches!(link_type, LinkType::Autolink | LinkType::Email))
                        .then(|| url.strip_prefix("mailto:").unwrap_or(&url).to_string());
                    let start = self.out.len();
                    self.closers.push(Closer::Link {
                        opened,
                        start,
                        shown,
                    });
                }
                None => {
                    self.begin_inline();
                    self.closers.push(Closer::Inline(None));
                }
            },
            // Only the description is shown: an image path must never make
            // the compiler read a file.
            Tag::Image { .. } | Tag::Superscript | Tag::Subscript => {
                self.begin_inline();
                self.closers.push(Closer::Inline(None));
            }
            // Not enabled; kept as plain containers.
            Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => {
                self.begin_block();
                let mode = self.mode();
                self.push_frame(mode, false);
                self.closers.push(Closer::Container(None));
            }
        }
    }

    fn start_list(&mut self, start: Option<u64>, tight: bool) {
        let call = self.mode() == Mode::Block && self.can_nest();
        let level = self
            .closers
            .iter()
            .filter(|c| matches!(c, Closer::List(ListState { call: false, .. })))
            .count();
        if call {
            self.begin_block();
            match start {
                Some(n) => self
                    .out
                    .push_str(&format!("#enum(tight: {tight}, start: {n}")),
                None => self.out.push_str(&format!("#list(tight: {tight}")),
            }
            self.nesting += 1;
        } else {
            self.begin_text_block();
            self.push_frame(Mode::Lines, true);
        }
        self.closers.push(Closer::List(ListState {
            call,
            number: start,
            tight,
            level,
        }));
    }

    fn start_item(&mut self) {
        let Some(Closer::List(list)) = self.closers.last_mut() else {
            // Items outside lists do not occur; render their content plainly.
            self.begin_block();
            let mode = self.mode();
            self.push_frame(mode, false);
            self.closers.push(Closer::Container(None));
            return;
        };
        let call = list.call;
        let tight = list.tight;
        let marker = match &mut list.number {
            Some(n) => {
                let marker = format!("{n}\\. ");
                *n = n.saturating_add(1);
                marker
            }
            None if list.level % 2 == 0 => "• ".to_string(),
            None => "◦ ".to_string(),
        };
        if call {
            self.out.push_str(", [");
            self.nesting += 1;
            self.push_frame(Mode::Block, tight);
        } else {
            self.begin_block();
            self.out.push_str(&marker);
            self.push_frame(Mode::Lines, true);
        }
        self.closers.push(Closer::Item { call });
    }

    fn table(&mut self) -> Option<&mut TableState> {
        self.closers.iter_mut().rev().find_map(|c| match c {
            Closer::Table(t) => Some(t),
            _ => None,
        })
    }

    fn end(&mut self, tag: TagEnd) {
        let Some(closer) = self.closers.pop() else {
            return;
        };
        match closer {
            Closer::Inline(close) => {
                self.close_call(close);
            }
            Closer::Link {
                opened,
                start,
                shown,
            } => {
                let words = self.out[start..].to_string();
                if opened {
                    self.nesting -= 1;
                    self.out.push(']');
                }
                if let Some(shown) = shown {
                    let mut address = String::new();
                    escape_markup_into(&shown, &mut address);
                    if words.trim() != address {
                        self.out.push_str(" (");
                        self.out.push_str(&address);
                        self.out.push(')');
                    }
                }
            }
            Closer::Leaf(close) => {
                self.close_call(close);
                self.end_block();
            }
            Closer::Container(close) => {
                self.close_call(close);
                self.pop_frame();
                self.end_block();
            }
            Closer::Captured(kind) => {
                let text = self.capture.take().unwrap_or_default();
                self.finish_captured(kind, &text);
                self.end_block();
            }
            Closer::List(list) => {
                if list.call {
                    self.nesting -= 1;
                    self.out.push(')');
                } else {
                    self.pop_frame();
                }
                self.end_block();
            }
            Closer::Item { call } => {
                self.pop_frame();
                if call {
                    self.nesting -= 1;
                    self.out.push(']');
                } else {
                    self.end_block();
                }
            }
            Closer::Table(table) => {
                if table.call {
                    self.nesting -= 1;
                    self.out.push(')');
                } else {
                    self.pop_frame();
                }
                self.end_block();
            }
            Closer::TableGroup => {
                if let Some(table) = self.table() {
                    let missing = table.columns.saturating_sub(table.cells);
                    let call = table.call;
                    if call {
                        // Keep every row aligned to the columns even if the
                        // parser handed us a short row.
                        self.out.push_str(&", []".repeat(missing));
                        if tag == TagEnd::TableHead {
                            self.out.push(')');
                        }
                    } else {
                        self.end_block();
                    }
                }
            }
            Closer::TableCell { call } => {
                if call {
                    self.pop_frame();
                    self.nesting -= 1;
                    self.out.push(']');
                }
            }
        }
    }

    fn close_call(&mut self, close: Option<&'static str>) {
        if let Some(close) = close {
            self.nesting -= 1;
            self.out.push_str(close);
        }
    }

    fn finish_captured(&mut self, kind: Captured, text: &str) {
        match kind {
            Captured::Code { lang } => {
                let code = text.strip_suffix('\n').unwrap_or(text);
                let block = self.mode() == Mode::Block;
                self.out.push_str("#raw(");
                if block {
                    self.out.push_str("block: true, ");
                }
                if let Some(lang) = lang {
                    self.out.push_str("lang: \"");
                    self.out.push_str(&escape_string_literal(&lang));
                    self.out.push_str("\", ");
                }
                self.out.push('"');
                self.out.push_str(&escape_string_literal(code));
                self.out.push_str("\")");
            }
            Captured::Html => {
                escape_markup_into(text.trim_end_matches(['\n', '\r']), &mut self.out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::escape::tests::{ALPHABET, Lcg, TRICKY};
    use typst_syntax::{SyntaxKind, SyntaxNode, ast};

    /// Identifiers our output may contain: the functions we call, their
    /// named arguments and the alignment values. User text introducing any
    /// other identifier would mean it reached code mode.
    const ALLOWED_IDENTS: &[&str] = &[
        "emph", "strong", "strike", "raw", "link", "list", "enum", "quote", "table", "header",
        "block", "line", "tight", "start", "lang", "columns", "align", "above", "below", "sticky",
        "length", "left", "center", "right",
    ];

    /// Markup nodes that would mean user text was interpreted.
    const FORBIDDEN: &[SyntaxKind] = &[
        SyntaxKind::Shorthand,
        SyntaxKind::SmartQuote,
        SyntaxKind::Strong,
        SyntaxKind::Emph,
        SyntaxKind::Raw,
        SyntaxKind::Link,
        SyntaxKind::Label,
        SyntaxKind::Ref,
        SyntaxKind::Heading,
        SyntaxKind::ListItem,
        SyntaxKind::EnumItem,
        SyntaxKind::TermItem,
        SyntaxKind::Equation,
        SyntaxKind::LineComment,
        SyntaxKind::BlockComment,
        SyntaxKind::Shebang,
        SyntaxKind::Error,
    ];

    /// Parses generated markup and checks that it only contains our own
    /// constructs.
    fn check(markup: &str) -> SyntaxNode {
        let root = typst_syntax::parse(markup);
        assert!(
            root.errors_and_warnings() == (vec![], vec![]),
            "{markup:?}: {:?}",
            root.errors_and_warnings()
        );
        check_node(&root, markup);
        root
    }

    fn check_node(node: &SyntaxNode, markup: &str) {
        assert!(
            !FORBIDDEN.contains(&node.kind()),
            "{:?} node {:?} in {markup:?}",
            node.kind(),
            node.leaf_text()
        );
        if node.kind() == SyntaxKind::Ident {
            assert!(
                ALLOWED_IDENTS.contains(&node.leaf_text().as_str()),
                "identifier {:?} in {markup:?}",
                node.leaf_text()
            );
        }
        for child in node.children() {
            check_node(child, markup);
        }
    }

    /// The text a reader sees, ignoring code and whitespace differences.
    fn visible_text(node: &SyntaxNode, out: &mut String) {
        match node.kind() {
            SyntaxKind::Text => out.push_str(node.leaf_text()),
            SyntaxKind::Escape => {
                if let Some(e) = node.cast::<ast::Escape>() {
                    out.push(e.get());
                }
            }
            SyntaxKind::Space | SyntaxKind::Linebreak | SyntaxKind::Parbreak => out.push(' '),
            SyntaxKind::Str => {}
            _ => node.children().for_each(|c| visible_text(c, out)),
        }
    }

    fn squash(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn shown(markup: &str) -> String {
        let mut out = String::new();
        visible_text(&check(markup), &mut out);
        squash(&out)
    }

    #[test]
    fn tricky_strings_stay_text_in_paragraphs() {
        // These are Markdown syntax themselves and legitimately change.
        let structural = ["- not a list", "1. not a list", "+ plus", "`raw`"];
        for input in TRICKY {
            for markup in [markdown_block(input), markdown_inline(input)] {
                let text = shown(&markup);
                if !structural.contains(input) {
                    let expected = squash(&input.replace(['\u{2028}', '\u{2029}'], " "));
                    assert_eq!(text, expected, "{input:?} -> {markup:?}");
                }
            }
        }
    }

    #[test]
    fn markdown_structure_in_user_text_is_rendered_safely() {
        assert_eq!(
            markdown_block("- not a list"),
            "#list(tight: true, [not a list])"
        );
        assert_eq!(
            markdown_block("1. not a list"),
            "#enum(tight: true, start: 1, [not a list])"
        );
        assert_eq!(markdown_block("`#raw`"), "#raw(\"#raw\")");
        assert_eq!(markdown_block("`a\"\\b`"), "#raw(\"a\\\"\\\\b\")");
    }

    #[test]
    fn paragraphs_and_breaks() {
        assert_eq!(markdown_block("a\nb\n\nc"), "a\nb\n\nc");
        assert_eq!(markdown_block("hard\\\nbreak"), "hard\\\nbreak");
        assert_eq!(markdown_block("hard  \nbreak"), "hard\\\nbreak");
        assert_eq!(markdown_block("end\\"), "end\\\\");
        assert_eq!(markdown_block(""), "");
    }

    #[test]
    fn lists() {
        assert_eq!(
            markdown_block("- a\n  - b\n  - c\n- d"),
            "#list(tight: true, [a\n#list(tight: true, [b], [c])], [d])"
        );
        assert_eq!(
            markdown_block("3. x\n4. y"),
            "#enum(tight: true, start: 3, [x], [y])"
        );
        assert_eq!(
            markdown_block("- a\n\n- b\n\n  more"),
            "#list(tight: false, [a], [b\n\nmore])"
        );
        check(&markdown_block("1. a\n   - b\n     1. c\n\n        code\n"));
    }

    #[test]
    fn emphasis_uses_calls() {
        assert_eq!(markdown_block("**SocSam**:s"), "#strong[SocSam]\\:s");
        assert_eq!(markdown_block("snake_case_word"), "snake\\_case\\_word");
        assert_eq!(
            markdown_block("*a* **b** ~~c~~ ***d***"),
            "#emph[a] #strong[b] #strike[c] #emph[#strong[d]]"
        );
        // A call followed by `(`, `.` or `[` must not continue the call.
        assert_eq!(markdown_block("*a*(b).c[d]"), "#emph[a]\\(b).c\\[d\\]");
    }

    #[test]
    fn tables() {
        let md = "| Namn | Roll | Antal |\n|:--|:-:|--:|\n| Anna | ordf. | 1 |\n| *Bo* |";
        assert_eq!(
            markdown_block(md),
            "#table(columns: 3, align: (left, center, right,), \
             table.header([Namn], [Roll], [Antal]), \
             [Anna], [ordf.], [1], [#emph[Bo]], [], [])"
        );
        assert_eq!(
            markdown_block("| a |\n|---|\n| b |"),
            "#table(columns: 1, align: (left,), table.header([a]), [b])"
        );
        check(&markdown_block(md));
        assert_eq!(
            markdown_inline(md),
            "Namn | Roll | Antal\\ Anna | ordf. | 1\\ #emph[Bo] |  | "
        );
    }

    #[test]
    fn columns_of_numbers_are_aligned_right() {
        let md = "| Verksamhet | Budget (tkr) | Not |\n|---|---|:-:|\n| Vård | 1 200 | 3 |\n| Skola | −35,5 | |";
        assert!(
            markdown_block(md).starts_with("#table(columns: 3, align: (left, right, center,)"),
            "{}",
            markdown_block(md)
        );
        assert!(is_number("12 %") && is_number("4,5 mnkr") && is_number(""));
        assert!(is_number("2020") && !is_number("ca 5") && !is_number("§ 5"));
    }

    #[test]
    fn links() {
        assert_eq!(
            markdown_block("[Region](https://regionjh.se)"),
            "#link(\"https://regionjh.se\")[Region] (https\\:\\//regionjh.se)"
        );
        // Words that are the address already are not followed by it again.
        assert_eq!(
            markdown_block("[https://regionjh.se](https://regionjh.se)"),
            "#link(\"https://regionjh.se\")[https\\:\\//regionjh.se]"
        );
        assert_eq!(
            markdown_block("[Skriv till Arne](mailto:arne@regionjh.se)"),
            "#link(\"mailto:arne@regionjh.se\")[Skriv till Arne] (arne\\@regionjh.se)"
        );
        assert_eq!(
            markdown_block("<https://regionjh.se/a_b>"),
            "#link(\"https://regionjh.se/a_b\")[https\\:\\//regionjh.se/a\\_b]"
        );
        assert_eq!(
            markdown_block("<arne@regionjh.se>"),
            "#link(\"mailto:arne@regionjh.se\")[arne\\@regionjh.se]"
        );
        assert_eq!(markdown_block("[x](file:///etc/passwd)"), "x");
        assert_eq!(markdown_block("[x](javascript:alert(1))"), "x");
        assert_eq!(markdown_block("[x](protokoll.pdf)"), "x");
        assert_eq!(
            markdown_block("[x](<https://a.se/\"),read(\">)"),
            "#link(\"https://a.se/\\\"),read(\\\"\")[x] (https\\:\\//a.se/\\\"),read(\\\")"
        );
        check(&markdown_block("[x](<https://a.se/\"),read(\">)"));
    }

    #[test]
    fn images_show_alt_text_only() {
        assert_eq!(markdown_block("![alt](/etc/passwd)"), "alt");
        assert_eq!(markdown_block("![*alt*](x.png \"t\")"), "#emph[alt]");
    }

    #[test]
    fn html_is_text() {
        assert_eq!(markdown_block("<b>bold</b>"), "\\<b\\>bold\\</b\\>");
        assert_eq!(
            markdown_block("<script>x</script>"),
            "\\<script\\>x\\</script\\>"
        );
        assert_eq!(
            markdown_block("<div>\na\n</div>\n\nnext"),
            "\\<div\\>\\ a\\ \\</div\\>\n\nnext"
        );
    }

    #[test]
    fn headings_are_bold_blocks() {
        assert_eq!(
            markdown_block("### Avtackning"),
            "#block(above: 1em, below: 0.6em, sticky: true, strong[Avtackning])"
        );
        assert_eq!(markdown_inline("# Rubrik\ntext"), "#strong[Rubrik]\\ text");
    }

    #[test]
    fn other_blocks() {
        assert_eq!(
            markdown_block("> citat\n> mer"),
            "#quote(block: true)[citat\nmer]"
        );
        assert_eq!(
            markdown_block("a\n\n---\n\nb"),
            "a\n\n#line(length: 100%)\n\nb"
        );
        assert_eq!(
            markdown_block("```typ\n#read(\"x\")\n```"),
            "#raw(block: true, lang: \"typ\", \"#read(\\\"x\\\")\")"
        );
        assert_eq!(
            markdown_block("    indented\n    code"),
            "#raw(block: true, \"indented\\ncode\")"
        );
    }

    #[test]
    fn inline_joins_paragraphs_with_line_breaks() {
        assert_eq!(markdown_inline("första\n\nandra"), "första\\ andra");
        assert_eq!(markdown_inline("a\nb"), "a b");
        assert_eq!(markdown_inline("a\\\nb"), "a\\ b");
        assert_eq!(
            markdown_inline("att:\n\n- a\n- b\n  1. c"),
            "att:\\ • a\\ • b\\ 1\\. c"
        );
        assert_eq!(
            markdown_inline("- a\n  - b\n\n> q"),
            "• a\\ ◦ b\\ #quote[q]"
        );
        let root = check(&markdown_inline("a\n\nb\n\n- c\n\n```\nx\ny\n```"));
        assert!(root.children().all(|n| n.kind() != SyntaxKind::Parbreak));
    }

    #[test]
    fn deep_nesting_is_capped() {
        let cases = [
            format!("{} x", ">".repeat(300)),
            format!("{}x{}", "*".repeat(300), "*".repeat(300)),
            format!("{}x{}", "[".repeat(200), "](https://a.se)".repeat(200)),
            (0..60)
                .map(|i| format!("{}- x\n", "  ".repeat(i)))
                .collect(),
            (0..60)
                .map(|i| format!("{}1. x\n", "   ".repeat(i)))
                .collect(),
        ];
        for md in &cases {
            for markup in [markdown_block(md), markdown_inline(md)] {
                check(&markup);
                assert!(max_bracket_depth(&markup) <= MAX_NESTING, "{markup}");
            }
        }
    }

    #[test]
    fn degraded_lists_start_on_their_own_line() {
        let md: String = (0..8)
            .map(|i| format!("{}- x{i}\n", "  ".repeat(i)))
            .collect();
        let markup = markdown_block(&md);
        check(&markup);
        // Six levels fit as calls (list + item each count); the rest are lines.
        assert!(markup.contains("[x5\\\n• x6\\ ◦ x7])"), "{markup}");
    }

    fn max_bracket_depth(markup: &str) -> usize {
        let root = typst_syntax::parse(markup);
        fn depth(node: &SyntaxNode) -> usize {
            let own = usize::from(node.kind() == SyntaxKind::ContentBlock);
            own + node.children().map(depth).max().unwrap_or(0)
        }
        depth(&root)
    }

    /// Markdown-shaped pieces on top of the escaping alphabet.
    const MD_ALPHABET: &[&str] = &[
        "\n\n",
        "\n",
        "> ",
        "- ",
        "1. ",
        "3) ",
        "* ",
        "# ",
        "### ",
        "    ",
        "```",
        "~~~",
        "| a ",
        "|",
        "|--|",
        "|:-:|",
        "\n|---|---|\n",
        "[l](https://x.se)",
        "![i](/etc/passwd)",
        "<https://a.se>",
        "<b>",
        "</b>",
        "<!--",
        "-->",
        "**",
        "*",
        "_",
        "__",
        "~~",
        "`",
        "\\",
        "  \n",
        "---\n",
        "===\n",
        "[",
        "]",
        "(",
        ")",
        "&amp;",
        "&#35;",
        "#",
        "$",
        "@x",
        "<x>",
    ];

    #[test]
    fn generated_markdown_parses() {
        let alphabet: Vec<&str> = ALPHABET.iter().chain(MD_ALPHABET).copied().collect();
        let mut rng = Lcg(0xD15C_2026);
        for _ in 0..600 {
            let md = rng.string(&alphabet, 40);
            check(&markdown_block(&md));
            let inline = markdown_inline(&md);
            check(&inline);
            assert!(!inline.contains('\n'), "{md:?} -> {inline:?}");
        }
    }
}
