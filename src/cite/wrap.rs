//! Hard-wrapped text: opinions as PDF converters and court websites print
//! them, one printed line per text line, often double-spaced, with page
//! numbers, running heads, line numbers and footnotes at the foot of each
//! page. This module turns such a text into the raw blocks [`clean`] reads,
//! so a paragraph split by a page break (and the footnotes printed in
//! between) is still one paragraph, and no page furniture lands in it.
//!
//! It decides, line by line:
//!
//! * **junk**, never part of a block: page numbers (`-2-`, `7`, `Page 3 of
//!   12`) next to a page break or far to the right, `Cite as:` headers,
//!   running heads after a page break (`SOTOMAYOR, J., dissenting`),
//!   separator rules (`——————`), and the line numbers some courts print in
//!   the margin;
//! * **footnotes**, only in texts with page breaks (form feeds): a line that
//!   is only the next footnote number, or after a separator rule a line that
//!   opens with it; the footnote runs to the next one or the page's end;
//! * **paragraph breaks** between the remaining lines: a first-line indent
//!   (a line indented past the margin and past the line after it), or blank
//!   lines (one in single-spaced text, two in double-spaced text). Across a
//!   page break only indentation counts, so a paragraph runs on over it.
//!
//! [`clean`]: super::clean

use super::Span;
use super::clean::Raw;
use super::text::lines_with_ends;

/// The raw blocks of `text` when it is hard-wrapped: when it has enough
/// lines and almost none of its text sits in long lines (a text with one
/// paragraph per line has most).
pub(crate) fn hard_wrapped_blocks(text: &str) -> Option<Vec<Raw>> {
    let survey = Survey::of(text);
    survey.hard_wrapped().then(|| raw_blocks(text, &survey))
}

/// Counts over the lines that hold something, read in one pass (every
/// opinion is surveyed, so the lines are not split twice).
struct Survey {
    lines: usize,
    /// Bytes of trimmed text, and of it in lines over 150 bytes.
    total: usize,
    long: usize,
    /// Lines that open with a margin line number.
    numbered: usize,
}

impl Survey {
    fn of(text: &str) -> Survey {
        let mut survey = Survey {
            lines: 0,
            total: 0,
            long: 0,
            numbered: 0,
        };
        // A line's `\n` and `\r` are trimmed away with its spaces.
        for line in lines_with_ends(text) {
            let len = trim_end(trim_start(line)).len();
            if len == 0 {
                continue;
            }
            survey.lines += 1;
            survey.total += len;
            if len > 150 {
                survey.long += len;
            }
            survey.numbered += usize::from(line_number_len(line).is_some());
        }
        survey
    }

    fn hard_wrapped(&self) -> bool {
        self.lines >= 20 && self.long * 5 < self.total
    }

    /// Whether many lines open with a margin line number (`14   As a …`).
    fn numbered(&self) -> bool {
        self.lines > 0 && self.numbered * 10 >= self.lines * 3
    }
}

/// One line of the text that holds something.
#[derive(Debug, Clone, Copy)]
struct Line {
    /// The content, trimmed (and without a margin line number).
    span: Span,
    /// Columns of indentation before the content.
    indent: usize,
    /// Empty lines right before it. Lines of nothing but spaces do not
    /// count: old word-processor conversions leave them inside paragraphs.
    blanks: usize,
    /// Whether a form feed comes between it and the previous line.
    page: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Body,
    Junk,
    /// A separator rule: junk that may open a footnote zone.
    Rule,
    /// The first line of footnote `n`; `skip` bytes of it are the number.
    Note {
        n: u32,
        skip: usize,
    },
}

/// The raw blocks of a hard-wrapped `text`, as `survey` found it.
fn raw_blocks(text: &str, survey: &Survey) -> Vec<Raw> {
    let lines = content_lines(text, survey);
    let margin = margin(&lines);
    let paged = text.contains('\x0c');
    let roles = roles(text, &lines, margin, paged);
    assemble(text, &lines, &roles, margin, double_spaced(&lines))
}

/// `s.trim_start()`, read a byte at a time while the bytes are ASCII:
/// every line is trimmed, and the standard trim decodes each character.
fn trim_start(s: &str) -> &str {
    let bytes = s.as_bytes();
    let i = bytes.iter().take_while(|&&b| is_ascii_space(b)).count();
    match bytes.get(i) {
        Some(&b) if b >= 0x80 => s[i..].trim_start(),
        _ => &s[i..],
    }
}

/// `s.trim_end()`, read as [`trim_start`] reads.
fn trim_end(s: &str) -> &str {
    let bytes = s.as_bytes();
    let n = bytes.len()
        - bytes
            .iter()
            .rev()
            .take_while(|&&b| is_ascii_space(b))
            .count();
    match n.checked_sub(1).and_then(|last| bytes.get(last)) {
        Some(&b) if b >= 0x80 => s[..n].trim_end(),
        _ => &s[..n],
    }
}

/// How many form feeds open `line` (one byte each, so the rest of the
/// line starts on a character boundary).
fn form_feeds(line: &str) -> usize {
    line.bytes().take_while(|&b| b == 0x0c).count()
}

/// The ASCII characters [`char::is_whitespace`] accepts.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Where a margin line number ends: at most two spaces, one or two digits,
/// then two spaces or the end of the line.
fn line_number_len(line: &str) -> Option<usize> {
    let line = &line[form_feeds(line)..];
    let lead = line.bytes().take_while(|&b| b == b' ').count();
    let digits = line[lead..].bytes().take_while(u8::is_ascii_digit).count();
    if lead > 2 || digits == 0 || digits > 2 {
        return None;
    }
    let rest = &line[lead + digits..];
    let gap = rest.bytes().take_while(|&b| b == b' ').count();
    (rest.trim().is_empty() || gap >= 2).then_some(lead + digits)
}

fn content_lines(text: &str, survey: &Survey) -> Vec<Line> {
    // The survey counted the lines that hold something: at most this many.
    let mut out = Vec::with_capacity(survey.lines);
    let (mut blanks, mut page) = (0usize, false);
    let mut offset = 0;
    // The next form feed, looked for once per page rather than in every line.
    let mut form_feed = text.find('\x0c');
    for raw in lines_with_ends(text) {
        let base = offset;
        offset += raw.len();
        if form_feed.is_some_and(|at| at < offset) {
            page = true;
            form_feed = text[offset..].find('\x0c').map(|k| offset + k);
        }
        let mut line = trim_end(raw);
        let mut skip = form_feeds(line);
        line = &line[skip..];
        if survey.numbered()
            && let Some(number_end) = line_number_len(line)
        {
            // Keep the spaces after the number: they are the indentation.
            skip += number_end;
            line = &line[number_end..];
        }
        let indent = indentation(line);
        let content = trim_start(line);
        if content.is_empty() {
            let empty = raw.trim_end_matches(['\n', '\r', '\x0c']).is_empty();
            blanks += usize::from(empty);
            continue;
        }
        let start = base + skip + (line.len() - content.len());
        out.push(Line {
            span: Span {
                start,
                end: start + content.len(),
            },
            indent,
            blanks,
            page,
        });
        blanks = 0;
        page = false;
    }
    out
}

/// Columns of white space opening `line`, a tab counting four: read a
/// byte at a time while the bytes are ASCII, as [`trim_start`] reads.
fn indentation(line: &str) -> usize {
    let bytes = line.as_bytes();
    let mut indent = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b >= 0x80 {
            let rest: usize = line[i..]
                .chars()
                .take_while(|c| c.is_whitespace())
                .map(|c| if c == '\t' { 4 } else { 1 })
                .sum();
            return indent + rest;
        }
        if !is_ascii_space(b) {
            break;
        }
        indent += if b == b'\t' { 4 } else { 1 };
    }
    indent
}

/// The most common indentation: where body lines start.
fn margin(lines: &[Line]) -> usize {
    let mut counts = [0usize; 41];
    for l in lines {
        counts[l.indent.min(40)] += 1;
    }
    (0..counts.len()).max_by_key(|&i| counts[i]).unwrap_or(0)
}

/// Whether most lines are followed by exactly one blank line.
fn double_spaced(lines: &[Line]) -> bool {
    let one = lines.iter().filter(|l| l.blanks == 1).count();
    one * 2 >= lines.len()
}

fn roles(text: &str, lines: &[Line], margin: usize, paged: bool) -> Vec<Role> {
    let mut roles = vec![Role::Body; lines.len()];
    let mut expected = 1u32;
    let mut after_rule = false;
    let mut since_page = usize::MAX;
    for i in 0..lines.len() {
        let line = &lines[i];
        let s = &text[line.span.start..line.span.end];
        if line.page {
            since_page = 0;
            after_rule = false;
        } else {
            since_page = since_page.saturating_add(1);
        }
        let next_page = lines.get(i + 1).is_none_or(|n| n.page);
        if is_rule(s) {
            roles[i] = Role::Rule;
            after_rule = true;
            continue;
        }
        if paged && let Some((n, skip)) = footnote_start(s, line, margin, after_rule, expected) {
            let lone = skip == s.len();
            // A lone number just before a page break is that page's number.
            let page_number = lone && next_page;
            if lone && !page_number && lower_label_follows(text, &lines[i + 1..], margin, n) {
                // A page's notes are numbered down the page, so a lone
                // number with a label no higher below it is a note mark
                // the conversion set on a line of its own, mid-paragraph.
                roles[i] = Role::Junk;
                continue;
            }
            if !page_number {
                roles[i] = Role::Note { n, skip };
                expected = n + 1;
                continue;
            }
        }
        let far_right = line.indent >= margin + 8;
        let page_number = (line.page || next_page || far_right) && is_page_number(s);
        let head = s.starts_with("Cite as:") || (since_page < 3 && is_running_head(s));
        if page_number || head {
            roles[i] = Role::Junk;
        }
    }
    roles
}

/// Whether, between `lines`' start and the next page break, a note label
/// (an indented lone number other than the page's own number) is `n` or
/// lower.
fn lower_label_follows(text: &str, lines: &[Line], margin: usize, n: u32) -> bool {
    for (k, line) in lines.iter().enumerate() {
        if line.page {
            return false;
        }
        let page_number = lines.get(k + 1).is_none_or(|next| next.page);
        let label = lone_label(&text[line.span.start..line.span.end], line, margin);
        if !page_number && label.is_some_and(|m| m <= n) {
            return true;
        }
    }
    false
}

/// A separator rule: a short run of dashes or underscores alone on a line.
fn is_rule(s: &str) -> bool {
    // Every line is asked: most fail on their first byte (`—` and `–`
    // open with 0xE2).
    s.bytes()
        .next()
        .is_some_and(|b| matches!(b, b'_' | b'-' | b'=' | b'*' | 0xE2))
        && s.chars().all(|c| "_—–-=*".contains(c))
        && s.chars().count() >= 3
}

/// A footnote's first line: `1` alone (indented), or after a separator
/// rule `1 The city also …`. The number is the one expected next (or 1, as
/// a separate opinion restarts the count).
fn footnote_start(
    s: &str,
    line: &Line,
    margin: usize,
    after_rule: bool,
    expected: u32,
) -> Option<(u32, usize)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let n: u32 = s[..digits].parse().ok()?;
    if !(n == expected || n == expected + 1 || n == 1) {
        return None;
    }
    if digits == s.len() {
        return lone_label(s, line, margin).map(|n| (n, digits));
    }
    let rest = &s[digits..];
    let gap = rest.len() - rest.trim_start().len();
    (after_rule && gap > 0 && rest.trim_start().starts_with(char::is_alphabetic))
        .then_some((n, digits + gap))
}

/// The number of a note label alone on its line: up to three digits,
/// indented past the margin.
fn lone_label(s: &str, line: &Line, margin: usize) -> Option<u32> {
    let digits = s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
    if digits && line.indent > margin {
        s.parse().ok()
    } else {
        None
    }
}

/// `-2-`, `7`, `- 7 -`, `Page 3 of 12`.
fn is_page_number(s: &str) -> bool {
    // Every line is asked: most open with a byte that is neither a digit
    // nor one the trim below would take (`–` and `—` open with 0xE2), and
    // so are no page number unless `Page 3 of 12`.
    if !s
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'-' | b' ' | 0xE2))
    {
        return is_page_of(s);
    }
    let core = s.trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c == ' ');
    let numeric = !core.is_empty() && core.len() <= 4 && core.bytes().all(|b| b.is_ascii_digit());
    numeric || is_page_of(s)
}

fn is_page_of(s: &str) -> bool {
    // Every line is asked: most fail on their first four bytes.
    if !s.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("page")) {
        return false;
    }
    let mut words = s.split_whitespace();
    let page = words.next().is_some_and(|w| w.eq_ignore_ascii_case("page"));
    let a = words
        .next()
        .is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()));
    let of = words.next().is_some_and(|w| w.eq_ignore_ascii_case("of"));
    let b = words
        .next()
        .is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()));
    page && a && of && b && words.next().is_none()
}

/// The heads printed at the top of slip-opinion pages.
fn is_running_head(s: &str) -> bool {
    if s.len() > 70 {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    let opinion = lower.ends_with("j., dissenting")
        || lower.ends_with("j., concurring")
        || lower.contains("concurring in part")
        || lower.contains("dissenting in part")
        || lower == "opinion of the court"
        || lower == "per curiam";
    let caption = s.contains(" v. ") && !s.chars().any(|c| c.is_lowercase() && c != 'v');
    opinion || caption
}

/// Groups the lines into paragraphs and footnotes, in text order.
fn assemble(text: &str, lines: &[Line], roles: &[Role], margin: usize, double: bool) -> Vec<Raw> {
    let mut out = Vec::new();
    let mut part: Vec<Span> = Vec::new();
    // Whether the current body part continues a paragraph interrupted by a
    // footnote or page furniture.
    let mut cont = false;
    let mut note: Option<(u32, Vec<Span>)> = None;
    // Since the last body line: a page break or junk line intervened.
    let mut interrupted = false;
    let mut last_body: Option<usize> = None;
    for (i, (line, role)) in lines.iter().zip(roles).enumerate() {
        if line.page {
            interrupted = true;
            flush_note(text, &mut note, &mut out);
        }
        match *role {
            Role::Junk | Role::Rule => interrupted = true,
            Role::Note { n, skip } => {
                flush_note(text, &mut note, &mut out);
                if !part.is_empty() {
                    out.push(Raw::new(text, &part, cont));
                    part.clear();
                    cont = true;
                }
                let first = Span {
                    start: line.span.start + skip,
                    end: line.span.end,
                };
                let pieces = if first.start < first.end {
                    vec![first]
                } else {
                    Vec::new()
                };
                note = Some((n, pieces));
            }
            Role::Body if note.is_some() => {
                if let Some((_, pieces)) = note.as_mut() {
                    pieces.push(line.span);
                }
            }
            Role::Body => {
                let next = lines[i + 1..]
                    .iter()
                    .zip(&roles[i + 1..])
                    .find(|(_, r)| **r == Role::Body)
                    .map(|(l, _)| l);
                let indented =
                    line.indent >= margin + 2 && next.is_none_or(|n| n.indent + 2 <= line.indent);
                let blank_break = !interrupted && line.blanks >= if double { 2 } else { 1 };
                let breaks = last_body.is_none() || indented || blank_break;
                if breaks {
                    if !part.is_empty() {
                        out.push(Raw::new(text, &part, cont));
                        part.clear();
                    }
                    cont = false;
                } else if part.is_empty() {
                    cont = true;
                }
                part.push(line.span);
                last_body = Some(i);
                interrupted = false;
            }
        }
    }
    flush_note(text, &mut note, &mut out);
    if !part.is_empty() {
        out.push(Raw::new(text, &part, cont));
    }
    out
}

fn flush_note(text: &str, note: &mut Option<(u32, Vec<Span>)>, out: &mut Vec<Raw>) {
    if let Some((n, pieces)) = note.take()
        && !pieces.is_empty()
    {
        out.push(Raw::footnote(text, &pieces, n));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::clean::RawKind;

    fn page(body: &str) -> String {
        body.lines().map(|l| format!("{l}\n\n")).collect::<String>()
    }

    #[test]
    fn detects_layouts() {
        let wrapped = "word ".repeat(12).trim_end().to_string() + "\n";
        assert!(Survey::of(&wrapped.repeat(25)).hard_wrapped());
        let long = "word ".repeat(60) + "\n";
        assert!(!Survey::of(&long.repeat(25)).hard_wrapped());
        assert!(hard_wrapped_blocks("Roe v. Wade, 410 U.S. 113 (1973).").is_none());
        let numbered = "12  word word word\n".repeat(25);
        assert!(Survey::of(&numbered).numbered());
        assert!(!Survey::of(&wrapped.repeat(25)).numbered());
        assert_eq!(line_number_len(" 6   57-58 (2d Cir."), Some(2));
        assert_eq!(line_number_len("10"), Some(2));
        assert_eq!(line_number_len("          2"), None);
        assert_eq!(line_number_len("1999) (approving"), None);
    }

    #[test]
    fn trims_like_the_standard_library() {
        for s in [
            "",
            " \t",
            "  a b \r\n",
            "\u{a0} x\u{2003}",
            "x\u{a0}",
            "\x0b\x0c y \x0b",
            "é ",
        ] {
            assert_eq!(trim_start(s), s.trim_start(), "{s:?}");
            assert_eq!(trim_end(s), s.trim_end(), "{s:?}");
        }
    }

    #[test]
    fn page_furniture_is_junk() {
        assert!(is_page_number("-23-"));
        assert!(is_page_number("7"));
        assert!(is_page_number("Page 3 of 12"));
        assert!(!is_page_number("1999)"));
        assert!(is_rule("——————"));
        assert!(is_running_head("SOTOMAYOR, J., dissenting"));
        assert!(is_running_head("SALAZAR-LIMON v. CITY OF HOUSTON"));
        assert!(!is_running_head(
            "Salazar-Limon v. City of Houston, 1 F.3d 1"
        ));
    }

    #[test]
    fn a_note_mark_on_a_line_of_its_own_does_not_open_a_note() {
        let mut text =
            String::from("          The first paragraph opens here and it runs on for a while\n");
        text += &page(
            "until it reaches the mark of its second note, set by the conversion\n    2\non a line of its own, and the paragraph goes on after it for a few more\nlines of text, as a paragraph does, so that most lines start at the left\nmargin of the page.1 It ends here.\n     1\n       The first note.\n     2\n       The second note.\n                                -2-",
        );
        text += "\x0c";
        let text = text.repeat(3);
        let raws = raw_blocks(&text, &Survey::of(&text));
        let read = |r: &Raw| -> String {
            let pieces: Vec<&str> = r.pieces().iter().map(|p| &text[p.start..p.end]).collect();
            pieces.join(" ")
        };
        let body = read(&raws[0]);
        assert!(!matches!(raws[0].kind, RawKind::Footnote(_)));
        assert!(body.contains("conversion on a line of its own"), "{body:?}");
        assert!(body.ends_with("It ends here."), "{body:?}");
        assert_eq!(raws[1].kind, RawKind::Footnote(1));
        assert_eq!(read(&raws[1]), "The first note.");
        assert_eq!(raws[2].kind, RawKind::Footnote(2));
        assert_eq!(read(&raws[2]), "The second note.");
    }

    #[test]
    fn paragraphs_run_over_page_breaks_and_footnotes() {
        let mut text =
            String::from("          The first paragraph opens here and it runs on for\n");
        text += &page(
            "several lines of text until it cites Lambert v. Ackerley, 180 F.3d 997, 1012 (9th Cir.\nthe end of the page is here.1 And more words follow on\n     1\n       A footnote that explains\nsomething.\n                                -2-",
        );
        text += "\x0c1999) and the paragraph ends here.\n\n          A second paragraph starts with an indent and\n\nends after two lines.\n";
        let text = text.repeat(3);
        let raws = raw_blocks(&text, &Survey::of(&text));
        let kinds: Vec<(RawKind, bool)> = raws.iter().map(|r| (r.kind, r.cont)).collect();
        assert!(!kinds[0].1);
        assert!(matches!(kinds[1].0, RawKind::Footnote(1)));
        assert!(kinds[2].1, "the text after the page break continues");
        let joined: Vec<&str> = raws[2]
            .pieces()
            .iter()
            .map(|p| &text[p.start..p.end])
            .collect();
        assert_eq!(joined[0], "1999) and the paragraph ends here.");
        assert!(!kinds[3].1);
        let note: Vec<&str> = raws[1]
            .pieces()
            .iter()
            .map(|p| &text[p.start..p.end])
            .collect();
        assert_eq!(note, ["A footnote that explains", "something."]);
    }
}
