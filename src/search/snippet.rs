//! Snippets: the stretch of a passage that best shows why it matched, with
//! the matched words between [`MARK_START`] and [`MARK_END`]. Plain text in,
//! plain text out: turning the markers into colours is the renderer's job,
//! and this module never reads the index.

use std::cmp::Reverse;
use std::collections::HashSet;

use super::words::{Word, words};

/// Put before a run of matched words.
pub const MARK_START: &str = "[[";
/// Put after a run of matched words.
pub const MARK_END: &str = "]]";

/// How many words a snippet of a long passage keeps.
const WINDOW: usize = 40;
/// How many words of context come before the first match, when possible.
const LEAD: usize = 8;

/// The snippet of `text` with the words in `highlight` marked.
pub(crate) fn snippet(text: &str, highlight: &HashSet<String>) -> String {
    let words = words(text);
    let marked: Vec<bool> = words.iter().map(|w| highlight.contains(&w.text)).collect();
    let (from, to) = window(&words, &marked);
    let mut snippet = String::new();
    if from > 0 {
        snippet.push_str("… ");
    }
    let start = if from > 0 { words[from].start } else { 0 };
    let end = if to < words.len() {
        words[to - 1].end
    } else {
        text.len()
    };
    snippet.push_str(&marked_text(
        text,
        start..end,
        &words[from..to],
        &marked[from..to],
    ));
    if to < words.len() {
        snippet.push_str(" …");
    }
    snippet.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words `from..to` that show the most different matched words, then
/// the most matches, starting a little before the first of them: a window
/// with both `prosecutor` and `civil` beats one with `civil` twice.
fn window(words: &[Word], marked: &[bool]) -> (usize, usize) {
    if words.len() <= WINDOW {
        return (0, words.len());
    }
    let last_start = words.len() - WINDOW;
    let coverage = |start: usize| {
        let matched: Vec<&str> = (start..start + WINDOW)
            .filter(|&i| marked[i])
            .map(|i| words[i].text.as_str())
            .collect();
        let distinct: HashSet<&str> = matched.iter().copied().collect();
        (distinct.len(), matched.len(), Reverse(start))
    };
    let start = (0..words.len())
        .filter(|&i| marked[i])
        .map(|i| i.saturating_sub(LEAD).min(last_start))
        .max_by_key(|&start| coverage(start))
        .unwrap_or(0);
    (start, start + WINDOW)
}

/// `text[range]` with markers around each run of marked words; words
/// separated by spaces alone share one pair of markers.
fn marked_text(
    text: &str,
    range: std::ops::Range<usize>,
    words: &[Word],
    marked: &[bool],
) -> String {
    let mut out = String::with_capacity(range.len() + 16);
    let mut cursor = range.start;
    let mut open = false;
    for (i, (word, &mark)) in words.iter().zip(marked).enumerate() {
        out.push_str(&text[cursor..word.start]);
        if mark && !open {
            out.push_str(MARK_START);
            open = true;
        }
        out.push_str(&text[word.start..word.end]);
        cursor = word.end;
        let run_goes_on = marked.get(i + 1) == Some(&true)
            && words
                .get(i + 1)
                .is_some_and(|next| text[word.end..next.start].trim().is_empty());
        if open && !run_goes_on {
            out.push_str(MARK_END);
            open = false;
        }
    }
    out.push_str(&text[cursor..range.end]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(words: &[&str]) -> HashSet<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn matched_words_are_marked_and_adjacent_ones_share_markers() {
        let text = "these communications are not “inextricably intertwined” with policy.";
        assert_eq!(
            snippet(text, &marks(&["inextricably", "intertwined", "policy"])),
            "these communications are not “[[inextricably intertwined]]” with [[policy]]."
        );
    }

    #[test]
    fn possessives_are_marked_whole() {
        assert_eq!(
            snippet("a prosecutor's files", &marks(&["prosecutor"])),
            "a [[prosecutor's]] files"
        );
    }

    #[test]
    fn a_long_passage_is_cut_around_its_matches() {
        let filler = "word ".repeat(100);
        let text = format!("{filler}the needle is here {filler}");
        let snippet = snippet(&text, &marks(&["needle"]));
        assert!(snippet.starts_with("… word"), "{snippet}");
        assert!(snippet.ends_with("word …"), "{snippet}");
        assert!(snippet.contains("the [[needle]] is here"), "{snippet}");
        assert_eq!(snippet.split_whitespace().count(), WINDOW + 2);
    }

    #[test]
    fn whitespace_is_collapsed() {
        assert_eq!(snippet("a\n\tb", &marks(&[])), "a b");
    }
}
