//! Context: what surrounds each found citation in its block.
//!
//! * Explanatory parentheticals: every `( … )` that directly follows a
//!   citation, unless it opens with a citation of its own (then it is a
//!   parenthesized citation clause, not an explanation).
//! * Nesting: a citation inside another's parenthetical gets that one as
//!   parent; the relation is the signal it carries there (`citing`,
//!   `quoting`, …) or [`Signal::Discussing`] when it has none.
//! * Signals: the signal written right before a citation; a citation that
//!   follows another in the same string after `;` inherits its signal.
//! * Propositions: the sentence a citation sits in when that sentence says
//!   something; for a citation sentence or clause, the textual sentence
//!   before it (in an earlier paragraph if need be, carried by [`Carry`]).

use super::find::Found;
use super::grammar;
use super::text::{bytes_equal, find_byte};
use super::{CitationKind, Nesting, Signal};
use std::collections::HashMap;

/// Letters a sentence may hold outside its citations and still be only a
/// citation sentence (`and` in `(X_1 and 2.)`).
const SLACK_LETTERS: usize = 3;

/// Bullets that open list items.
const LIST_MARKERS: [&str; 3] = ["- ", "• ", "* "];

/// What may close a sentence after its final punctuation.
const CLOSERS: [char; 7] = [')', ']', '"', '”', '’', '\'', '*'];

/// Abbreviations whose period does not end a sentence.
const ABBREVIATIONS: [&str; 40] = [
    "v", "vs", "No", "Nos", "Inc", "Co", "Corp", "Ltd", "Mr", "Mrs", "Ms", "Dr", "Jr", "Sr", "St",
    "al", "Ex", "Exs", "Dkt", "Mot", "Resp", "Compl", "Am", "Def", "Pl", "Cir", "Ill", "Chi",
    "Supp", "Consol", "Fed", "Civ", "Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Oct", "Nov",
];

/// What a paragraph hands to the next for propositions.
#[derive(Debug, Clone, Default)]
pub struct Carry {
    /// The last sentence of earlier paragraphs that says something.
    last: Option<String>,
    /// Whether the next paragraph's first sentence continues it (the
    /// paragraph ended with a colon, or was a list item).
    open: bool,
}

/// Adds parentheticals, nesting, signals and propositions to the finds of
/// one block's text `s`, and updates `carry` for the next block.
pub fn annotate(s: &str, found: &mut [Found], carry: &mut Carry) {
    if found.is_empty() {
        // Most paragraphs cite nothing: only what they hand on matters.
        carry_over(s, carry);
        return;
    }
    parentheticals(s, found);
    nest(found);
    signals(s, found);
    relations(s, found);
    propositions(s, found, carry);
}

fn parentheticals(s: &str, found: &mut [Found]) {
    let starts: Vec<usize> = found.iter().map(|f| f.start).collect();
    for f in found.iter_mut() {
        if f.cite.kind == CitationKind::BatesCitation {
            continue;
        }
        let mut at = f.tail;
        loop {
            let open = grammar::skip_ws(s, at);
            if !s[open..].starts_with('(') || clause_opens(s, open, &starts) {
                break;
            }
            let Some(end) = grammar::paren_end(s, open) else {
                break;
            };
            f.parens.push((open + 1, end - 1));
            at = end;
        }
        f.tail = at;
    }
}

/// Whether the parenthesis at `open` starts with a citation (after a signal
/// other than `citing`/`quoting`): `(See R. 157 …)`.
fn clause_opens(s: &str, open: usize, starts: &[usize]) -> bool {
    let mut p = grammar::skip_ws(s, open + 1);
    if let Some((signal, len)) = grammar::signal_prefix(&s[p..])
        && !matches!(signal, Signal::Citing | Signal::Quoting)
    {
        p = grammar::skip_ws(s, p + len);
    }
    starts.binary_search(&p).is_ok()
}

/// Sets each find's parent: the innermost find whose parenthetical holds it.
fn nest(found: &mut [Found]) {
    // Open parentheticals: (inner start, inner end, owner).
    let mut stack: Vec<(usize, usize, usize)> = Vec::new();
    for (i, f) in found.iter_mut().enumerate() {
        while stack.last().is_some_and(|&(_, b, _)| b <= f.start) {
            stack.pop();
        }
        if let Some(&(a, b, owner)) = stack.last()
            && a <= f.start
            && f.end <= b
        {
            f.parent = Some(owner);
        }
        stack.extend(f.parens.iter().rev().map(|&(a, b)| (a, b, i)));
    }
}

fn signals(s: &str, found: &mut [Found]) {
    let mut last_sibling: HashMap<Option<usize>, usize> = HashMap::new();
    for i in 0..found.len() {
        if found[i].cite.signal.is_none()
            && let Some((signal, start)) = grammar::signal_before(s, found[i].start)
        {
            found[i].cite.signal = Some(signal);
            found[i].lead = start;
        }
        // A citation string keeps its signal across `;`, and a parallel
        // cite shares its group's.
        if found[i].cite.signal.is_none()
            && let Some(&p) = last_sibling.get(&found[i].parent)
        {
            let between = s.get(found[p].end..found[i].lead).map(str::trim);
            let string = s
                .get(found[p].tail..found[i].lead)
                .is_some_and(|b| b.trim_matches([' ', '*']) == ";");
            let parallel = !found[i].cite.parallel.is_empty()
                && between == Some(",")
                && found[p].cite.authority == found[i].cite.authority;
            if string || parallel {
                found[i].cite.signal = found[p].cite.signal;
            }
        }
        last_sibling.insert(found[i].parent, i);
    }
}

fn relations(s: &str, found: &mut [Found]) {
    for f in found.iter_mut() {
        if let Some(parent) = f.parent {
            let relation = f.cite.signal.unwrap_or(Signal::Discussing);
            f.cite.nested = Some(Nesting { parent, relation });
        }
        let texts: Vec<&str> = f.parens.iter().map(|&(a, b)| s[a..b].trim()).collect();
        if !texts.is_empty() {
            f.cite.parenthetical = Some(texts.join("; "));
        }
    }
}

fn propositions(s: &str, found: &mut [Found], carry: &mut Carry) {
    let masks = merged(
        found
            .iter()
            .filter(|f| f.parent.is_none())
            .map(|f| (f.lead, f.tail.max(f.end)))
            .collect(),
    );
    let sentences = sentences(s, &masks);
    let textual: Vec<bool> = sentences
        .iter()
        .map(|&r| says_something(s, r, &masks))
        .collect();
    // The first sentence continues the previous paragraph's after a colon.
    let prefix = match (carry.open, &carry.last, textual.first()) {
        (true, Some(prev), Some(true)) => Some(prev.clone()),
        _ => None,
    };
    let text_of = |j: usize| {
        let (a, b) = sentences[j];
        let own = sentence_text(&s[a..b]);
        match (&prefix, j) {
            (Some(prev), 0) => format!("{prev} {own}"),
            _ => own,
        }
    };
    // For each sentence, the nearest textual sentence at or before it.
    let mut nearest: Vec<Option<usize>> = Vec::with_capacity(textual.len());
    for (j, &t) in textual.iter().enumerate() {
        let before = nearest.last().copied().flatten();
        nearest.push(if t { Some(j) } else { before });
    }
    let mut cache: Option<(usize, String)> = None;
    for i in 0..found.len() {
        let proposition = match found[i].parent {
            Some(p) => found[p].cite.proposition.clone(),
            None => {
                let at = sentences.partition_point(|&(_, end)| end <= found[i].lead);
                let last = at.min(sentences.len().saturating_sub(1));
                match nearest.get(last).copied().flatten() {
                    Some(j) => {
                        if cache.as_ref().is_none_or(|c| c.0 != j) {
                            cache = Some((j, text_of(j)));
                        }
                        cache.as_ref().map(|c| c.1.clone())
                    }
                    None => carry.last.clone(),
                }
            }
        };
        found[i].cite.proposition = proposition;
    }
    if let Some(j) = textual.iter().rposition(|&t| t) {
        carry.last = Some(text_of(j));
    }
    let closing = s
        .trim_end()
        .trim_end_matches(|c: char| ")]\"”’*".contains(c));
    carry.open = closing.ends_with(':') || LIST_MARKERS.iter().any(|m| s.starts_with(m));
}

/// How far from its end a citation-free paragraph is read for its last
/// sentence; a sentence that starts before that is read in full.
const TAIL: usize = 1500;

/// Updates `carry` for a paragraph without citations: its last sentence
/// that says something, found from a tail of the text.
fn carry_over(s: &str, carry: &mut Carry) {
    let mut from = s.len().saturating_sub(TAIL);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    let mut window = &s[from..];
    let mut spans = sentences(window, &[]);
    // The window's first sentence may be cut: read the whole text then.
    if from > 0 && spans.len() < 2 {
        window = s;
        from = 0;
        spans = sentences(s, &[]);
    }
    let skip = usize::from(from > 0);
    let last = spans
        .iter()
        .enumerate()
        .skip(skip)
        .rev()
        .find(|&(_, &r)| says_something(window, r, &[]));
    if let Some((j, &(a, b))) = last {
        let own = sentence_text(&window[a..b]);
        // The first sentence continues the previous paragraph's after a colon.
        carry.last = Some(match (&carry.last, carry.open && from == 0 && j == 0) {
            (Some(prev), true) => format!("{prev} {own}"),
            _ => own,
        });
    }
    let closing = s
        .trim_end()
        .trim_end_matches(|c: char| ")]\"”’*".contains(c));
    carry.open = closing.ends_with(':') || LIST_MARKERS.iter().any(|m| s.starts_with(m));
}

/// A sentence as a proposition: trimmed, without a list item's bullet.
fn sentence_text(sentence: &str) -> String {
    let t = sentence.trim();
    LIST_MARKERS
        .iter()
        .find_map(|m| t.strip_prefix(m))
        .unwrap_or(t)
        .to_string()
}

/// Sentence ranges of `s`, never split inside a masked citation.
fn sentences(s: &str, masks: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut m = 0;
    let mut i = 0;
    while i < bytes.len() {
        while m < masks.len() && masks[m].1 <= i {
            m += 1;
        }
        if let Some(&(a, b)) = masks.get(m)
            && a <= i
        {
            i = b.max(i + 1);
            // A citation that ends with a period may end its sentence:
            // `*Id.* Accordingly`, `(See generally R. 1, Compl.) On`.
            let dotted = s[a..b].trim_end_matches(CLOSERS).ends_with('.');
            if let Some(end) = dotted.then(|| after_terminator(s, b)).flatten() {
                out.push((start, end));
                start = grammar::skip_ws(s, end);
                i = end;
            }
            continue;
        }
        // Nothing happens before the next terminator or citation: go there.
        let limit = masks.get(m).map_or(bytes.len(), |&(a, _)| a);
        match next_terminator(&bytes[i..limit]) {
            Some(k) => i += k,
            None => {
                i = limit;
                continue;
            }
        }
        // A period right after a citation (`Ex. B.`) is no abbreviation's.
        let after_cite = m > 0 && masks.get(m - 1).is_some_and(|&(_, b)| b == i);
        let end = if after_cite {
            after_terminator(s, i + 1)
        } else {
            sentence_break(s, i)
        };
        if let Some(end) = end {
            out.push((start, end));
            start = grammar::skip_ws(s, end);
            i = end;
            continue;
        }
        i += 1;
    }
    if start < s.len() {
        out.push((start, s.len()));
    }
    out
}

/// The offset of the first `.`, `?` or `!` in `bytes`: sentences are split
/// in nearly every paragraph.
fn next_terminator(bytes: &[u8]) -> Option<usize> {
    find_byte(
        bytes,
        |w| bytes_equal(w, b'.') | bytes_equal(w, b'?') | bytes_equal(w, b'!'),
        |b| matches!(b, b'.' | b'?' | b'!'),
    )
}

/// Where a sentence ends if the terminator at `i` ends one: after closing
/// quotes and parentheses, before a space and a capital (or `(`, `*`, a quote).
fn sentence_break(s: &str, i: usize) -> Option<usize> {
    if s.as_bytes()[i] == b'.' && abbreviation_before(s, i) {
        return None;
    }
    after_terminator(s, i + 1)
}

/// The sentence end after a terminator that ends at `i`, if what follows
/// opens a new sentence.
fn after_terminator(s: &str, i: usize) -> Option<usize> {
    let rest = &s[i..];
    let end = i + rest.len() - rest.trim_start_matches(CLOSERS).len();
    let after = &s[end..];
    if after.is_empty() {
        return Some(end);
    }
    let next = after.strip_prefix(' ')?.chars().next()?;
    (next.is_uppercase() || next.is_ascii_digit() || "(*“\"-•".contains(next)).then_some(end)
}

fn abbreviation_before(s: &str, i: usize) -> bool {
    let head = &s[..i];
    if head.ends_with(CLOSERS) {
        return false;
    }
    // Words are short: look a bounded way back.
    let mut from = i.saturating_sub(32);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    let window = &s[from..i];
    let word_start = window
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, ' ' | '(' | '*' | '“' | '"' | '['))
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = &window[word_start..];
    let single = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
    single || word.contains('.') || ABBREVIATIONS.contains(&word)
}

/// Whether `a..b` holds more than [`SLACK_LETTERS`] letters outside `masks`
/// (sorted and disjoint).
fn says_something(s: &str, (a, b): (usize, usize), masks: &[(usize, usize)]) -> bool {
    let mut letters = 0;
    let mut count = |x: usize, y: usize| {
        letters += s[x..y]
            .chars()
            .filter(|c| c.is_alphabetic())
            .take(SLACK_LETTERS + 1)
            .count();
        letters > SLACK_LETTERS
    };
    let mut at = a;
    let first = masks.partition_point(|&(_, end)| end <= a);
    for &(start, end) in masks[first..].iter().take_while(|&&(start, _)| start < b) {
        if start > at && count(at, start) {
            return true;
        }
        at = at.max(end);
    }
    at < b && count(at, b)
}

/// Sorted, disjoint ranges covering the same bytes as `ranges`.
fn merged(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (a, b) in ranges {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_skip_abbreviations_and_masks() {
        let s = "Judge Alma R. Dorsey ruled. See Roe v. Wade, 1 U.S. 1. (R. 5.) Done.";
        let roe = s.find("See").unwrap_or(0);
        let mask = (roe, s.find(". (R.").unwrap_or(0));
        let got: Vec<&str> = sentences(s, &[mask])
            .iter()
            .map(|&(a, b)| &s[a..b])
            .collect();
        assert_eq!(
            got,
            [
                "Judge Alma R. Dorsey ruled.",
                "See Roe v. Wade, 1 U.S. 1.",
                "(R. 5.)",
                "Done."
            ]
        );
    }

    #[test]
    fn letters_outside_masks() {
        let s = "(X_1 and X_2.)";
        assert!(!says_something(s, (0, s.len()), &[(1, 4), (9, 12)]));
        assert!(says_something(
            "(X_1 and so X_2.)",
            (0, 17),
            &[(1, 4), (12, 15)]
        ));
        assert!(says_something("words here", (0, 10), &[]));
    }
}
