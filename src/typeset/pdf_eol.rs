//! Post-processing of typst-pdf's output: a stream whose data ends in CR gets
//! CR LF, not LF, before `endstream`.
//!
//! The walk follows the file's structure (indirect objects, the dictionary in
//! front of each `stream`, its direct `/Length`, the classic cross-reference
//! table, `startxref`), so binary stream data is skipped, never searched.
//! Anything unexpected leaves the file untouched: the PDF validators in the
//! test suite then report it, which is better than a guessed rewrite.

use std::collections::HashMap;

/// Makes every stream's data end unambiguously at its `/Length`.
///
/// pdf-writer ends each stream with LF `endstream`. When the (compressed)
/// data itself ends in CR, which happens for about one stream in 256 since a
/// zlib stream ends in its Adler-32 checksum, the file reads CR LF
/// `endstream`. PDF 32000 §7.3.8.1 allows CR LF as the end-of-line marker
/// there, so a reader that finds `endstream` and strips the marker in front
/// of it (the "page" validator that `validate-pdf` runs besides veraPDF)
/// takes the data's last byte for part of the marker and reports a `/Length`
/// mismatch (`PDFA2A-STREAM-LENGTH-001`). Writing CR LF for those streams
/// leaves both readings agreeing, so no document fails at random; the byte
/// offsets after each inserted CR are rewritten in the cross-reference
/// table and `startxref`.
///
/// Returns `pdf` itself when no stream ends in CR, and also when the file is
/// not laid out as expected (an indirect `/Length`, a cross-reference
/// stream, incremental updates, offsets that do not match).
pub(super) fn end_streams_unambiguously(pdf: Vec<u8>) -> Vec<u8> {
    match Layout::read(&pdf) {
        Some(layout) if !layout.inserts.is_empty() => layout.rewrite(&pdf).unwrap_or(pdf),
        _ => pdf,
    }
}

/// What the rewrite needs to know, all positions in the original file.
#[derive(Debug, Default)]
struct Layout {
    /// Positions of the LF before `endstream` of each stream whose data ends
    /// in CR, ascending: a CR goes in front of each.
    inserts: Vec<usize>,
    /// In-use cross-reference entries: the position of the ten-digit offset
    /// field and the offset it holds.
    xref_entries: Vec<(usize, usize)>,
    /// Offset of the `xref` keyword.
    xref: Option<usize>,
    /// The digits after `startxref`: start, end and value.
    startxref: Option<(usize, usize, usize)>,
}

impl Layout {
    /// Walks the whole file; `None` when it is not laid out as expected.
    fn read(pdf: &[u8]) -> Option<Layout> {
        let mut lexer = Lexer { data: pdf, pos: 0 };
        let mut layout = Layout::default();
        let mut objects: HashMap<u64, usize> = HashMap::new();
        loop {
            lexer.skip_space();
            if lexer.pos == pdf.len() {
                break;
            }
            // Nothing but comments (`%%EOF`) may follow `startxref`'s value:
            // its digits may change in length.
            if layout.startxref.is_some() {
                return None;
            }
            let start = lexer.pos;
            match lexer.token()? {
                Token::Regular(b"xref") if layout.xref.is_none() => {
                    layout.xref = Some(start);
                    layout.read_xref_table(&mut lexer, &objects)?;
                }
                Token::Regular(b"trailer") => match lexer.value(0)? {
                    Value::Dict { prev: false, .. } => {}
                    _ => return None,
                },
                Token::Regular(b"startxref") => {
                    lexer.skip_space();
                    let digits_start = lexer.pos;
                    let Token::Regular(digits) = lexer.token()? else {
                        return None;
                    };
                    let value = usize::try_from(integer(digits)?).ok()?;
                    layout.startxref = Some((digits_start, lexer.pos, value));
                }
                Token::Regular(number) => {
                    let number = integer(number)?;
                    if objects.insert(number, start).is_some() {
                        return None;
                    }
                    layout.read_object_rest(&mut lexer)?;
                }
                _ => return None,
            }
        }
        // A classic table, and `startxref` pointing at it: a cross-reference
        // stream has neither.
        (layout.xref.is_some() && layout.startxref.map(|(_, _, value)| value) == layout.xref)
            .then_some(layout)
    }

    /// After an object's number: `G obj value [stream … endstream] endobj`.
    fn read_object_rest(&mut self, lexer: &mut Lexer<'_>) -> Option<()> {
        let Token::Regular(generation) = lexer.token()? else {
            return None;
        };
        integer(generation)?;
        if lexer.token()? != Token::Regular(b"obj") {
            return None;
        }
        let value = lexer.value(0)?;
        match lexer.token()? {
            Token::Regular(b"endobj") => return Some(()),
            Token::Regular(b"stream") => {}
            _ => return None,
        }
        let Value::Dict {
            length: Some(length),
            ..
        } = value
        else {
            return None;
        };
        let rest = lexer.data.get(lexer.pos..)?;
        let eol = if rest.starts_with(b"\r\n") {
            2
        } else if rest.starts_with(b"\n") {
            1
        } else {
            return None;
        };
        let data_start = lexer.pos + eol;
        let data_end = data_start.checked_add(length)?;
        let tail = lexer.data.get(data_end..)?;
        let keyword_start = if tail.starts_with(b"\nendstream") {
            if length > 0 && lexer.data.get(data_end - 1) == Some(&b'\r') {
                self.inserts.push(data_end);
            }
            data_end + 1
        } else if tail.starts_with(b"\r\nendstream") {
            data_end + 2
        } else {
            return None;
        };
        lexer.pos = keyword_start;
        if lexer.token()? != Token::Regular(b"endstream")
            || lexer.token()? != Token::Regular(b"endobj")
        {
            return None;
        }
        Some(())
    }

    /// After `xref`: subsections of `first count` and `count` 20-byte
    /// entries, up to `trailer`. Every in-use entry must give the offset at
    /// which the walk found that object.
    fn read_xref_table(
        &mut self,
        lexer: &mut Lexer<'_>,
        objects: &HashMap<u64, usize>,
    ) -> Option<()> {
        loop {
            lexer.skip_space();
            let before = lexer.pos;
            let Token::Regular(first) = lexer.token()? else {
                return None;
            };
            let Some(first) = integer(first) else {
                // `trailer`, read by the caller.
                lexer.pos = before;
                return Some(());
            };
            let Token::Regular(count) = lexer.token()? else {
                return None;
            };
            let count = integer(count)?;
            lexer.skip_space();
            for number in first..first.checked_add(count)? {
                let field = lexer.pos;
                let entry = lexer.data.get(field..field + 20)?;
                let (offset, rest) = entry.split_at(10);
                let (generation, kind, eol) = (rest.get(1..6)?, rest.get(7)?, rest.get(8..)?);
                if !(rest.first() == Some(&b' ')
                    && rest.get(6) == Some(&b' ')
                    && generation.iter().all(u8::is_ascii_digit)
                    && matches!(eol, b" \r" | b" \n" | b"\r\n"))
                {
                    return None;
                }
                let in_use = match kind {
                    b'n' => true,
                    b'f' => false,
                    _ => return None,
                };
                let offset = usize::try_from(integer(offset)?).ok()?;
                if in_use {
                    if objects.get(&number) != Some(&offset) {
                        return None;
                    }
                    self.xref_entries.push((field, offset));
                }
                lexer.pos = field + 20;
            }
        }
    }

    /// The file with a CR inserted at each of `inserts` and the offsets
    /// moved to match; `None` when an offset would not fit its field.
    fn rewrite(&self, pdf: &[u8]) -> Option<Vec<u8>> {
        let moved = |offset: usize| offset + self.inserts.partition_point(|&at| at < offset);
        // (position, bytes replaced, new bytes), by position; no two overlap,
        // as the inserts lie in stream ends and the rest after the objects.
        let mut edits: Vec<(usize, usize, Vec<u8>)> = self
            .inserts
            .iter()
            .map(|&at| (at, 0, b"\r".to_vec()))
            .collect();
        for &(field, offset) in &self.xref_entries {
            let digits = format!("{:010}", moved(offset));
            if digits.len() != 10 {
                return None;
            }
            edits.push((field, 10, digits.into_bytes()));
        }
        let (start, end, value) = self.startxref?;
        edits.push((start, end - start, moved(value).to_string().into_bytes()));
        edits.sort_by_key(|&(at, _, _)| at);

        let mut out = Vec::with_capacity(pdf.len() + self.inserts.len() + 8);
        let mut copied = 0;
        for (at, replaced, bytes) in edits {
            out.extend_from_slice(pdf.get(copied..at)?);
            out.extend_from_slice(&bytes);
            copied = at + replaced;
        }
        out.extend_from_slice(pdf.get(copied..)?);
        Some(out)
    }
}

/// Bound on nested arrays and dictionaries, so a malformed file cannot
/// exhaust the stack.
const MAX_DEPTH: usize = 64;

#[derive(Debug, PartialEq, Eq)]
enum Token<'a> {
    DictOpen,
    DictClose,
    ArrayOpen,
    ArrayClose,
    /// A name without its `/`.
    Name(&'a [u8]),
    /// A literal or hexadecimal string.
    String,
    /// A number or keyword.
    Regular(&'a [u8]),
}

#[derive(Debug)]
enum Value {
    Integer(u64),
    Dict {
        /// A direct, integer `/Length`.
        length: Option<usize>,
        /// A `/Prev` key, as in an incremental update's trailer.
        prev: bool,
    },
    Other,
}

struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Lexer<'a> {
    /// Skips white-space and comments.
    fn skip_space(&mut self) {
        while let Some(&byte) = self.data.get(self.pos) {
            if is_white(byte) {
                self.pos += 1;
            } else if byte == b'%' {
                while self
                    .data
                    .get(self.pos)
                    .is_some_and(|&b| b != b'\r' && b != b'\n')
                {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next token; `None` at the end or on malformed syntax.
    fn token(&mut self) -> Option<Token<'a>> {
        self.skip_space();
        let data = self.data;
        let start = self.pos;
        let next = data.get(start + 1).copied();
        let (token, end) = match *data.get(start)? {
            b'<' if next == Some(b'<') => (Token::DictOpen, start + 2),
            b'>' if next == Some(b'>') => (Token::DictClose, start + 2),
            b'<' => {
                let close = data.get(start..)?.iter().position(|&b| b == b'>')?;
                let hex = data.get(start + 1..start + close)?;
                if !hex.iter().all(|&b| b.is_ascii_hexdigit() || is_white(b)) {
                    return None;
                }
                (Token::String, start + close + 1)
            }
            b'(' => (Token::String, literal_string_end(data, start)?),
            b'[' => (Token::ArrayOpen, start + 1),
            b']' => (Token::ArrayClose, start + 1),
            b'/' => {
                let end = regular_end(data, start + 1);
                (Token::Name(data.get(start + 1..end)?), end)
            }
            byte if is_delimiter(byte) => return None,
            _ => {
                let end = regular_end(data, start);
                (Token::Regular(data.get(start..end)?), end)
            }
        };
        self.pos = end;
        Some(token)
    }

    /// One direct object, `n g R` counting as one.
    fn value(&mut self, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.token()? {
            Token::DictOpen => {
                let mut length = None;
                let mut prev = false;
                loop {
                    let key = match self.token()? {
                        Token::DictClose => break,
                        Token::Name(key) => key,
                        _ => return None,
                    };
                    let value = self.value(depth + 1)?;
                    match key {
                        b"Length" => match value {
                            Value::Integer(n) => length = Some(usize::try_from(n).ok()?),
                            _ => length = None,
                        },
                        b"Prev" => prev = true,
                        _ => {}
                    }
                }
                Some(Value::Dict { length, prev })
            }
            Token::ArrayOpen => {
                loop {
                    let before = self.pos;
                    if self.token()? == Token::ArrayClose {
                        break;
                    }
                    self.pos = before;
                    self.value(depth + 1)?;
                }
                Some(Value::Other)
            }
            Token::Name(_) | Token::String => Some(Value::Other),
            Token::Regular(word) => {
                if let Some(n) = integer(word) {
                    // `n g R` is a reference, not the integer `n`.
                    let before = self.pos;
                    if let Some(Token::Regular(generation)) = self.token()
                        && integer(generation).is_some()
                        && self.token() == Some(Token::Regular(b"R"))
                    {
                        return Some(Value::Other);
                    }
                    self.pos = before;
                    Some(Value::Integer(n))
                } else if matches!(word, b"true" | b"false" | b"null")
                    || word
                        .iter()
                        .all(|&b| matches!(b, b'0'..=b'9' | b'.' | b'+' | b'-'))
                {
                    Some(Value::Other)
                } else {
                    None
                }
            }
            Token::DictClose | Token::ArrayClose => None,
        }
    }
}

/// Where the literal string starting at `start` (its `(`) ends, past `)`.
fn literal_string_end(data: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = start;
    loop {
        match *data.get(i)? {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
}

/// Where the run of regular characters from `start` ends.
fn regular_end(data: &[u8], start: usize) -> usize {
    data.get(start..).map_or(start, |rest| {
        start
            + rest
                .iter()
                .position(|&b| is_white(b) || is_delimiter(b))
                .unwrap_or(rest.len())
    })
}

/// An unsigned decimal integer, all digits.
fn integer(word: &[u8]) -> Option<u64> {
    if word.is_empty() || !word.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(word).ok()?.parse().ok()
}

fn is_white(byte: u8) -> bool {
    matches!(byte, b'\0' | b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn is_delimiter(byte: u8) -> bool {
    matches!(
        byte,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal PDF: a catalog, a page tree, one page and one content
    /// stream per entry of `streams`, a cross-reference table in two
    /// subsections with `eol` ending its entries, and `startxref`.
    fn synthetic(streams: &[&[u8]], eol: &[u8; 2]) -> Vec<u8> {
        let pages = 3..3 + streams.len();
        let contents = pages.end..pages.end + streams.len();
        let kids: Vec<String> = pages.map(|n| format!("{n} 0 R")).collect();
        let mut objects: Vec<Vec<u8>> = vec![
            b"<</Type/Catalog/Pages 2 0 R/Lang(sv-SE) /Title (a (nested\\) string) stream)>>"
                .to_vec(),
            format!(
                "<</Type/Pages/Count {}/Kids[{}]>>",
                streams.len(),
                kids.join(" ")
            )
            .into_bytes(),
        ];
        for content in contents {
            objects.push(
                format!(
                    "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595.28 841.89]/Contents {content} 0 R>>"
                )
                .into_bytes(),
            );
        }
        for data in streams {
            let mut object =
                format!("<</Length {}/Filter/FlateDecode>>\nstream\n", data.len()).into_bytes();
            object.extend_from_slice(data);
            object.extend_from_slice(b"\nendstream");
            objects.push(object);
        }
        let mut pdf = b"%PDF-1.7\n%\x80\x80\x80\x80\n\n".to_vec();
        let mut offsets = Vec::new();
        for (i, object) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            pdf.extend_from_slice(object);
            pdf.extend_from_slice(b"\nendobj\n\n");
        }
        let xref = pdf.len();
        let entry = |offset: usize, kind: &str| {
            let mut entry = format!(
                "{offset:010} {:05} {kind}",
                if kind == "f" { 65535 } else { 0 }
            )
            .into_bytes();
            entry.extend_from_slice(eol);
            entry
        };
        // Two subsections: 0–1 and 2–end.
        pdf.extend_from_slice(b"xref\n0 2\n");
        pdf.extend(entry(0, "f"));
        pdf.extend(entry(offsets[0], "n"));
        pdf.extend_from_slice(format!("2 {}\n", offsets.len() - 1).as_bytes());
        for &offset in &offsets[1..] {
            pdf.extend(entry(offset, "n"));
        }
        pdf.extend_from_slice(
            format!(
                "trailer\n<</Size {}/Root 1 0 R/ID[<0A1B> (x\\)y)]>>\nstartxref\n{xref}\n%%EOF",
                offsets.len() + 1
            )
            .as_bytes(),
        );
        pdf
    }

    fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
        haystack
            .get(from..)?
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|i| from + i)
    }

    fn number_at(pdf: &[u8], at: usize) -> usize {
        let digits: Vec<u8> = pdf[at..]
            .iter()
            .copied()
            .take_while(u8::is_ascii_digit)
            .collect();
        String::from_utf8(digits)
            .expect("ASCII")
            .parse()
            .expect("a number")
    }

    /// The in-use cross-reference entries `(object number, offset)` found
    /// from `startxref`, checked to point at `N 0 obj`; `startxref` checked
    /// to point at `xref`.
    fn checked_xref(pdf: &[u8]) -> Vec<(usize, usize)> {
        let startxref = find(pdf, b"startxref", 0).expect("startxref");
        let xref = number_at(pdf, startxref + b"startxref\n".len());
        assert!(
            pdf[xref..].starts_with(b"xref\n"),
            "startxref {xref} does not point at xref"
        );
        let mut at = xref + b"xref\n".len();
        let mut entries = Vec::new();
        while !pdf[at..].starts_with(b"trailer") {
            let header_end = find(pdf, b"\n", at).expect("subsection header");
            let header = std::str::from_utf8(&pdf[at..header_end]).expect("ASCII");
            let (first, count) = header.split_once(' ').expect("first count");
            let (first, count): (usize, usize) =
                (first.parse().expect("first"), count.parse().expect("count"));
            at = header_end + 1;
            for number in first..first + count {
                let entry = &pdf[at..at + 20];
                if entry[17] == b'n' {
                    let offset = number_at(pdf, at);
                    assert!(
                        pdf[offset..].starts_with(format!("{number} 0 obj").as_bytes()),
                        "xref entry of object {number} ({offset}) does not point at it"
                    );
                    entries.push((number, offset));
                }
                at += 20;
            }
        }
        entries
    }

    /// The streams' data, each read as a validator that finds `endstream`
    /// and strips the end-of-line marker before it (CR LF, else LF or CR)
    /// reads it, checked against `/Length`: `Err` names the first mismatch.
    fn streams_read_by_endstream(pdf: &[u8]) -> Result<usize, String> {
        let mut streams = 0;
        for (number, offset) in checked_xref(pdf) {
            let end = find(pdf, b"endobj", offset).expect("endobj");
            let Some(keyword) = find(pdf, b">>\nstream", offset).filter(|&k| k < end) else {
                continue;
            };
            let length_at = find(&pdf[..keyword], b"/Length ", offset).expect("/Length");
            let length = number_at(pdf, length_at + b"/Length ".len());
            let data_start = keyword + b">>\nstream\n".len();
            // From just before the data's end: the data may contain the word.
            let endstream =
                find(pdf, b"endstream", data_start + length.saturating_sub(2)).expect("endstream");
            let raw = &pdf[data_start..endstream];
            let data = raw
                .strip_suffix(b"\r\n")
                .or_else(|| raw.strip_suffix(b"\n"))
                .or_else(|| raw.strip_suffix(b"\r"))
                .unwrap_or(raw);
            if data.len() != length {
                return Err(format!(
                    "object {number}: /Length {length}, {} bytes before the EOL",
                    data.len()
                ));
            }
            // The data also ends exactly at /Length followed by an EOL.
            let after = &pdf[data_start + length..];
            assert!(
                after.starts_with(b"\nendstream") || after.starts_with(b"\r\nendstream"),
                "object {number}: no EOL and endstream at /Length"
            );
            streams += 1;
        }
        Ok(streams)
    }

    #[test]
    fn a_stream_ending_in_cr_gets_cr_lf_and_the_offsets_move() {
        for eol in [b"\r\n", b" \n"] {
            let streams: [&[u8]; 3] = [
                b"x\x9c\x03\x00stream\nendstream\r",
                b"q Q\r\n",
                b"\x01\x02\r",
            ];
            let pdf = synthetic(&streams, eol);
            checked_xref(&pdf);
            assert!(
                streams_read_by_endstream(&pdf).is_err(),
                "the synthetic PDF shows the ambiguity"
            );

            let fixed = end_streams_unambiguously(pdf.clone());
            assert_eq!(
                fixed.len(),
                pdf.len() + 2,
                "one CR for each stream ending in CR"
            );
            assert_eq!(streams_read_by_endstream(&fixed), Ok(3));
            assert!(find(&fixed, b"endstream\r\r\nendstream", 0).is_some());
            assert!(find(&fixed, b"\x01\x02\r\r\nendstream", 0).is_some());
            assert!(
                find(&fixed, b"q Q\r\n\nendstream", 0).is_some(),
                "{:?}",
                String::from_utf8_lossy(&fixed)
            );
            // Only the CRs are new, up to the cross-reference table.
            let xref = |pdf: &[u8]| find(pdf, b"\nxref\n", 0).expect("xref");
            assert_eq!(
                replace(&fixed[..xref(&fixed)], b"\r\r\nendstream", b"\r\nendstream"),
                pdf[..xref(&pdf)]
            );
        }
    }

    #[test]
    fn a_pdf_without_such_a_stream_comes_back_as_it_was() {
        let pdf = synthetic(&[b"q Q\n", b"x\x9c\r\x03\x00\x01", b""], b"\r\n");
        assert_eq!(streams_read_by_endstream(&pdf), Ok(3));
        let expected = pdf.clone();
        let address = pdf.as_ptr();
        let same = end_streams_unambiguously(pdf);
        assert_eq!(same, expected);
        assert_eq!(same.as_ptr(), address, "moved through, not copied");
    }

    /// `pdf` with every `from` replaced by `to`.
    fn replace(pdf: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(found) = find(pdf, from, at) {
            out.extend_from_slice(&pdf[at..found]);
            out.extend_from_slice(to);
            at = found + from.len();
        }
        out.extend_from_slice(&pdf[at..]);
        out
    }

    #[test]
    fn an_unexpected_layout_is_left_alone() {
        let pdf = synthetic(&[b"data\r"], b"\r\n");
        assert!(
            find(&pdf, b"0000000016 00000 n", 0).is_some(),
            "the catalog's entry"
        );
        let xref = find(&pdf, b"xref\n", 0).expect("xref");
        let cases = [
            // An indirect /Length.
            replace(&pdf, b"/Length 5/", b"/Length 9 0 R/"),
            // /Length not matching the data.
            replace(&pdf, b"/Length 5/", b"/Length 4/"),
            // An offset in the table that does not point at its object.
            replace(&pdf, b"0000000016 00000 n", b"0000000017 00000 n"),
            // startxref not pointing at the table.
            replace(&pdf, b"startxref\n", b"startxref\n1"),
            // A cross-reference stream instead of a table.
            [&pdf[..xref], b"startxref\n0\n%%EOF"].concat(),
            // An incremental update.
            [&pdf[..], b"\ntrailer\n<</Prev 0>>\nstartxref\n0\n%%EOF"].concat(),
            // Unterminated.
            pdf[..find(&pdf, b"endstream", 0).expect("endstream")].to_vec(),
            // Not a PDF.
            b"data\r\nendstream".to_vec(),
        ];
        for case in cases {
            assert_ne!(case, pdf);
            assert_eq!(end_streams_unambiguously(case.clone()), case);
        }
        assert_ne!(
            end_streams_unambiguously(pdf.clone()),
            pdf,
            "the unaltered file is fixed"
        );
    }

    /// A typst-pdf file (an utdrag of invented text) with a page content
    /// stream whose compressed data ends in CR CR.
    #[test]
    fn the_real_file_is_fixed() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/pdf/stream-ends-in-cr.pdf"
        );
        let pdf = std::fs::read(path).expect("fixture");
        assert!(
            streams_read_by_endstream(&pdf).is_err(),
            "the fixture shows the ambiguity"
        );

        let fixed = end_streams_unambiguously(pdf.clone());
        assert_eq!(fixed.len(), pdf.len() + 1);
        let streams = streams_read_by_endstream(&fixed).expect("every stream read at its /Length");
        assert_eq!(streams, 13);
        // Idempotent: nothing left to change.
        assert_eq!(end_streams_unambiguously(fixed.clone()), fixed);
    }
}
