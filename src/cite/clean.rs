//! Cleaning: the raw opinion text becomes a [`Document`] of paragraphs,
//! footnotes and headings. Every piece keeps spans into the original text.
//!
//! The text is split at blank lines into raw blocks, which are classified:
//!
//! * everything before the first prose block is [`BlockKind::Caption`] (court,
//!   parties, docket, title), and so is the trailing run of short non-prose
//!   blocks (`ENTER:`, the judge's signature); a text without any prose
//!   block (a lone citation) has no caption;
//! * a block starting with superscript digits (`¹ In its …`) is a footnote;
//! * a single short line without final punctuation is a heading
//!   (`Background`, `A. Privilege Log`, `1. WP Doctrine`);
//! * a block whose lines are list items (`- (1) …`) or tab-separated table
//!   rows yields one [`BlockKind::Paragraph`] per line: each list item and each
//!   table row (the header row too) is a paragraph of its own;
//! * every other block is a paragraph, block quotes and lone citation lines
//!   included.
//!
//! A page break splits a paragraph without ending it: when a paragraph ends
//! without terminal punctuation (`.`, `?`, `!`, `:`, before closing quotes,
//! parentheses and emphasis) or the next one opens with `(`, the next
//! paragraph is appended to it as another piece, skipping any footnotes
//! printed in between.
//!
//! Paragraph numbers count body paragraphs from 1. A footnote takes the number
//! of the paragraph that holds its marker (a superscript number), else of the
//! paragraph before it, and that paragraph's section. Headings carry the
//! number of the paragraph before them, captions 0. `section` is the nearest
//! heading above, as written.

use super::Span;
use super::text::{find_byte, is_superscript_digit, lines_with_ends, superscript_value};
use super::wrap;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What a block of the opinion is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// Caption, title, signature and other matter that is not argument.
    Caption,
    /// A section heading ("A. Privilege Log").
    Heading,
    /// A body paragraph (possibly rejoined across a page break).
    Paragraph,
    /// A footnote.
    Footnote,
}

/// One paragraph, footnote or heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// 1-based paragraph number (for footnotes, the paragraph they hang from).
    pub paragraph: u32,
    /// Footnote number, for footnotes.
    pub footnote: Option<u32>,
    /// The nearest heading above.
    pub section: Option<String>,
    /// The pieces of original text that make up this block, in order
    /// (more than one when a page break split the paragraph).
    pub pieces: Vec<Span>,
}

/// An opinion split into blocks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Blocks in reading order.
    pub blocks: Vec<Block>,
}

/// How a raw block (text between blank lines) reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RawKind {
    Footnote(u32),
    Heading,
    /// List items or table rows: one paragraph per line.
    Rows,
    Prose,
    /// Short matter that is not prose (a citation line, a signature).
    Other,
}

/// A block before paragraphs are joined: a run of lines between blank
/// lines, or (in hard-wrapped text, see [`wrap`](super::wrap)) a paragraph
/// or footnote assembled from printed lines.
#[derive(Debug, Clone)]
pub(crate) struct Raw {
    /// From its first to its last character.
    pub span: Span,
    /// Its lines, trimmed.
    pub lines: Vec<Span>,
    /// Whether it gives a block its whole span (text split at blank lines)
    /// rather than its lines, which in hard-wrapped text leave out the page
    /// furniture between them.
    pub whole: bool,
    /// How it reads.
    pub kind: RawKind,
    /// Whether it continues the paragraph before it whatever its punctuation
    /// (a page break and footnotes interrupted that paragraph).
    pub cont: bool,
}

impl Raw {
    /// A block of hard-wrapped `lines`, classified like any other. The
    /// lines are copied (the reader reuses its buffer, and every raw block
    /// would otherwise grow its own a line at a time).
    pub(crate) fn new(text: &str, lines: &[Span], cont: bool) -> Raw {
        let span = outer_span(lines);
        Raw {
            span,
            lines: lines.to_vec(),
            whole: false,
            kind: classify(text, lines, &text[span.start..span.end]),
            cont,
        }
    }

    /// The text it contributes to a block.
    pub(crate) fn pieces(&self) -> &[Span] {
        if self.whole {
            std::slice::from_ref(&self.span)
        } else {
            &self.lines
        }
    }

    /// [`Raw::pieces`], taken.
    fn into_pieces(self) -> Vec<Span> {
        if self.whole {
            vec![self.span]
        } else {
            self.lines
        }
    }

    /// Footnote `n`, made of `pieces` (its number left out).
    pub(crate) fn footnote(text: &str, pieces: &[Span], n: u32) -> Raw {
        let mut raw = Raw::new(text, pieces, false);
        raw.kind = RawKind::Footnote(n);
        raw
    }
}

impl Document {
    /// Splits `text` into blocks.
    pub fn parse(text: &str) -> Document {
        let mut raws = wrap::hard_wrapped_blocks(text).unwrap_or_else(|| raw_blocks(text));
        // A snippet without a prose paragraph (a lone citation) is all body.
        let (body_start, body_end) = match raws.iter().position(|r| r.kind == RawKind::Prose) {
            Some(start) => (start, raws.len() - closing_len(text, &raws[start..])),
            None => (0, raws.len()),
        };
        // The raws are taken apart so their pieces move into the blocks.
        let closing = raws.split_off(body_end);
        let body = raws.split_off(body_start);
        let mut blocks: Vec<Block> = raws.into_iter().map(caption).collect();
        body_blocks(text, body, &mut blocks);
        blocks.extend(closing.into_iter().map(caption));
        number(text, &mut blocks);
        Document { blocks }
    }

    /// The text of `block`: its pieces of `original`, joined by a space.
    pub fn text_of(&self, block: &Block, original: &str) -> String {
        let pieces: Vec<&str> = block
            .pieces
            .iter()
            .filter_map(|p| original.get(p.start..p.end))
            .collect();
        pieces.join(" ")
    }
}

fn caption(raw: Raw) -> Block {
    Block {
        kind: BlockKind::Caption,
        paragraph: 0,
        footnote: None,
        section: None,
        pieces: raw.into_pieces(),
    }
}

/// Splits at blank lines; spans and lines are trimmed of outer whitespace.
fn raw_blocks(text: &str) -> Vec<Raw> {
    let mut out = Vec::new();
    let mut lines: Vec<Span> = Vec::new();
    let mut offset = 0;
    for line in lines_with_ends(text) {
        match trimmed(line, offset) {
            Some(span) => lines.push(span),
            None if !lines.is_empty() => out.push(raw(text, std::mem::take(&mut lines))),
            None => {}
        }
        offset += line.len();
    }
    if !lines.is_empty() {
        out.push(raw(text, lines));
    }
    out
}

fn trimmed(line: &str, offset: usize) -> Option<Span> {
    let start = line.len() - line.trim_start().len();
    let end = line.trim_end().len();
    (start < end).then_some(Span {
        start: offset + start,
        end: offset + end,
    })
}

/// From the first of `lines` to the last.
fn outer_span(lines: &[Span]) -> Span {
    Span {
        start: lines.first().map_or(0, |l| l.start),
        end: lines.last().map_or(0, |l| l.end),
    }
}

fn raw(text: &str, lines: Vec<Span>) -> Raw {
    let span = outer_span(&lines);
    let kind = classify(text, &lines, &text[span.start..span.end]);
    Raw {
        span,
        lines,
        whole: true,
        kind,
        cont: false,
    }
}

fn classify(text: &str, lines: &[Span], body: &str) -> RawKind {
    if let Some(n) = footnote_number(body) {
        return RawKind::Footnote(n);
    }
    let line_text = |l: &Span| &text[l.start..l.end];
    if lines.len() == 1 && is_heading(body) {
        return RawKind::Heading;
    }
    let rows = lines.iter().all(|l| is_list_item(line_text(l)))
        || (lines.len() > 1 && lines.iter().all(|l| line_text(l).contains('\t')));
    if rows {
        RawKind::Rows
    } else if is_prose(body) {
        RawKind::Prose
    } else {
        RawKind::Other
    }
}

/// `¹ In its …` → 1.
fn footnote_number(body: &str) -> Option<u32> {
    let digits: String = body
        .chars()
        .take_while(|&c| is_superscript_digit(c))
        .collect();
    let rest = &body[digits.len()..];
    if digits.is_empty() || !rest.starts_with(char::is_whitespace) {
        return None;
    }
    digits.chars().try_fold(0u32, |n, c| {
        Some(n.checked_mul(10)? + superscript_value(c)?)
    })
}

fn is_heading(line: &str) -> bool {
    if line.len() > 80 {
        return false;
    }
    let words = line.split_whitespace().count();
    let first_ok = line
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    // A line ending in a hyphen runs on into the next one.
    let last_ok = line
        .chars()
        .next_back()
        .is_some_and(|c| !".,;:!?)\"”’*-–".contains(c));
    first_ok
        && last_ok
        && words <= 8
        && !line.contains('\t')
        && !line.bytes().all(|b| b.is_ascii_digit())
        && !is_date_line(line)
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `June 23, 2010`, `September ##, 2010`: the date of decision under a
/// caption, centered like a heading but not one.
fn is_date_line(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let month = words.next().is_some_and(|w| MONTHS.contains(&w));
    let day = words.next().is_some_and(|w| {
        let w = w.trim_end_matches(',');
        (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit() || b == b'#')
    });
    let year = words
        .next()
        .is_some_and(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()));
    month && day && year && words.next().is_none()
}

fn is_list_item(line: &str) -> bool {
    ["- ", "* ", "• "].iter().any(|m| line.starts_with(m))
}

/// At least a dozen words, a fair share of them lower case: a sentence, not a
/// caption table or a signature. The first [`PROSE_WORDS`] words tell (a
/// word is lower case when its first letter is).
fn is_prose(body: &str) -> bool {
    let (mut words, mut lower) = (0usize, 0usize);
    // Inside a word, and whether its first letter was seen.
    let (mut in_word, mut lettered) = (false, false);
    // One pass over the characters: every block of hard-wrapped text is
    // read here, so splitting into words and rereading them cost too much.
    // ASCII is read as bytes; only other characters are decoded.
    let bytes = body.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let c = if b < 0x80 {
            i += 1;
            char::from(b)
        } else {
            let c = body[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            c
        };
        if c.is_whitespace() {
            in_word = false;
            continue;
        }
        if !in_word {
            if words == PROSE_WORDS {
                break;
            }
            words += 1;
            in_word = true;
            lettered = false;
        }
        if !lettered && c.is_alphabetic() {
            lettered = true;
            lower += usize::from(c.is_lowercase());
            // A quarter of the most words read is lower case already: the
            // rest cannot change the answer.
            if lower * 4 >= PROSE_WORDS {
                return true;
            }
        }
    }
    words >= 12 && lower * 4 >= words
}

/// How many words [`is_prose`] reads at most.
const PROSE_WORDS: usize = 60;

/// How many blocks at the end are closing matter (signature, `ENTER:`):
/// short non-prose blocks without numbers (a citation line has some) that
/// do not continue the block before them.
fn closing_len(text: &str, body: &[Raw]) -> usize {
    let slice = |r: &Raw| &text[r.span.start..r.span.end];
    let closing = |(i, r): &(usize, &Raw)| {
        let own = slice(r);
        let signed = ["ENTER", "Dated", "DATED", "SO ORDERED"]
            .iter()
            .any(|w| own.starts_with(w));
        let numbered = own.contains(|c: char| c.is_ascii_digit());
        let short = r.kind == RawKind::Other && own.len() < 120 && (signed || !numbered);
        let before = body[..*i]
            .iter()
            .rev()
            .find(|p| !matches!(p.kind, RawKind::Footnote(_)));
        let continued = before.is_some_and(|p| continues(slice(p), slice(r)));
        short && !continued
    };
    body.iter().enumerate().rev().take_while(closing).count()
}

fn body_blocks(text: &str, raws: Vec<Raw>, blocks: &mut Vec<Block>) {
    // Index in `blocks` of the paragraph a page break may have split.
    let mut open: Option<usize> = None;
    for raw in raws {
        if raw.cont
            && !matches!(raw.kind, RawKind::Footnote(_))
            && let Some(b) = open.and_then(|i| blocks.get_mut(i))
        {
            b.pieces.extend_from_slice(raw.pieces());
            continue;
        }
        match raw.kind {
            RawKind::Footnote(n) => {
                blocks.push(block(BlockKind::Footnote, Some(n), raw.into_pieces()))
            }
            RawKind::Heading => {
                blocks.push(block(BlockKind::Heading, None, raw.into_pieces()));
                open = None;
            }
            RawKind::Rows => {
                let rows = raw
                    .lines
                    .iter()
                    .map(|&l| block(BlockKind::Paragraph, None, vec![l]));
                blocks.extend(rows);
                open = None;
            }
            RawKind::Prose | RawKind::Other => {
                let next = &text[raw.span.start..raw.span.end];
                let joined = open.and_then(|i| blocks.get_mut(i)).and_then(|b| {
                    let last = b.pieces.last()?;
                    continues(&text[last.start..last.end], next).then_some(b)
                });
                match joined {
                    Some(b) => b.pieces.extend_from_slice(raw.pieces()),
                    None => {
                        open = Some(blocks.len());
                        blocks.push(block(BlockKind::Paragraph, None, raw.into_pieces()));
                    }
                }
            }
        }
    }
}

fn block(kind: BlockKind, footnote: Option<u32>, pieces: Vec<Span>) -> Block {
    Block {
        kind,
        paragraph: 0,
        footnote,
        section: None,
        pieces,
    }
}

/// Whether `next` continues the paragraph that ends with `prev` (the two were
/// split by a page break).
fn continues(prev: &str, next: &str) -> bool {
    let end = prev.trim_end_matches(|c: char| {
        c.is_whitespace() || is_superscript_digit(c) || ")]\"”’'*".contains(c)
    });
    let terminal = end.chars().next_back().is_none_or(|c| ".?!:".contains(c));
    !terminal || next.starts_with('(')
}

/// Sets paragraph numbers and sections.
fn number(text: &str, blocks: &mut [Block]) {
    let mut count = 0;
    let mut section: Option<String> = None;
    let mut markers: HashMap<u32, u32> = HashMap::new();
    for b in blocks.iter_mut() {
        match b.kind {
            BlockKind::Caption => continue,
            BlockKind::Heading => {
                section = b.pieces.first().map(|p| text[p.start..p.end].to_string());
            }
            BlockKind::Paragraph => {
                count += 1;
                for n in marker_numbers(text, &b.pieces) {
                    markers.entry(n).or_insert(count);
                }
            }
            BlockKind::Footnote => {}
        }
        b.paragraph = count;
        b.section = section.clone();
    }
    let sections: HashMap<u32, Option<String>> = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .map(|b| (b.paragraph, b.section.clone()))
        .collect();
    for b in blocks.iter_mut().filter(|b| b.kind == BlockKind::Footnote) {
        if let Some(&p) = b.footnote.and_then(|n| markers.get(&n)) {
            b.paragraph = p;
            b.section = sections.get(&p).cloned().flatten();
        }
    }
}

/// The high bit of each byte of a `u64`: set in the bytes that are not ASCII.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The footnote numbers marked (in superscript) in `pieces`.
fn marker_numbers(text: &str, pieces: &[Span]) -> Vec<u32> {
    let mut out = Vec::new();
    for p in pieces {
        let piece = &text[p.start..p.end];
        let mut n: Option<u32> = None;
        let mut i = 0;
        // Superscripts are never ASCII: ASCII runs are passed over undecoded.
        while let Some(&b) = piece.as_bytes().get(i) {
            if b < 0x80 {
                out.extend(n.take());
                let ascii = find_byte(&piece.as_bytes()[i..], |w| w & HIGH_BITS, |b| b >= 0x80);
                i = ascii.map_or(piece.len(), |k| i + k);
                continue;
            }
            let c = piece[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            match superscript_value(c) {
                Some(d) => n = Some(n.unwrap_or(0).saturating_mul(10).saturating_add(d)),
                None => out.extend(n.take()),
            }
        }
        out.extend(n);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_inputs() {
        assert_eq!(Document::parse(""), Document::default());
        let doc = Document::parse(
            "Heading\n\nThis is a plain sentence that has more than twelve words in it for sure, and it goes on\n\nwith a continuation after the break.\n",
        );
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(kinds, [BlockKind::Caption, BlockKind::Paragraph]);
        let lone = Document::parse("Abbott v. Baker, 512 F.3d 346 (7th Cir. 2008).");
        assert_eq!(
            lone.blocks.iter().map(|b| b.kind).collect::<Vec<_>>(),
            [BlockKind::Paragraph]
        );
        assert_eq!(doc.blocks[1].pieces.len(), 2);
        assert_eq!(footnote_number("¹² text"), Some(12));
        assert_eq!(footnote_number("¹text"), None);
    }

    #[test]
    fn dates_page_numbers_and_hyphenated_lines_are_not_headings() {
        assert!(is_heading("A. Privilege Log"));
        assert!(is_heading("DISCUSSION"));
        assert!(!is_heading("June 23, 2010"));
        assert!(!is_heading("September ##, 2010"));
        assert!(!is_heading("4"));
        assert!(!is_heading(
            "Per Curiam. In this criminal appeal, defendant-"
        ));
        assert!(is_heading("June Smith v. Acme Corp"));
    }
}
