//! The line editor's helper: Tab completion of verbs, fields, names and
//! Bates pages; hints from history; highlighting of verbs, strings and
//! citations; and multi-line input while a quote or parenthesis is open.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::HistoryHinter;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Helper, Hinter};

use crate::graph::{Graph, Node};
use crate::query;

/// How many pages of a Bates range the completer offers one by one.
const PAGES_PER_RANGE: u64 = 200;

/// Words the completer offers whatever the corpus: verbs and stages, the
/// shell's own commands, field names.
pub fn keywords() -> Vec<String> {
    let mut words: Vec<String> = query::help::verbs()
        .iter()
        .map(|v| v.verb.clone())
        .collect();
    words.extend([":format", ":save", ":quit"].map(String::from));
    words.extend(query::FIELDS.iter().map(|f| f.to_string()));
    words
}

/// Words the completer offers on an open corpus: the [`keywords`],
/// every name in the graph, and the Bates pages of its documents.
pub fn vocabulary(graph: &Graph) -> Vec<String> {
    let mut words = keywords();
    for id in graph.node_ids() {
        match graph.node(id) {
            Node::Document(d) => {
                let last = d.last.min(d.first + PAGES_PER_RANGE);
                let w = d.width;
                words.extend((d.first..=last).map(|page| format!("{}_{page:0w$}", d.prefix)));
            }
            Node::Element(_) | Node::Court(_) => {}
            _ => words.extend(graph.names_of(id)),
        }
    }
    words.sort();
    words.dedup();
    words
}

/// The rustyline helper.
#[derive(Helper, Hinter)]
pub struct Shell {
    /// The [`vocabulary`] (the [`keywords`] alone if the corpus did not
    /// open), once the thread opening the corpus has made it.
    words: Arc<OnceLock<Vec<String>>>,
    verbs: Vec<String>,
    color: bool,
    #[rustyline(Hinter)]
    hinter: HistoryHinter,
}

impl Shell {
    /// A helper completing from `words`, coloured when `color`.
    pub fn new(words: Arc<OnceLock<Vec<String>>>, color: bool) -> Shell {
        Shell {
            words,
            verbs: query::help::verbs()
                .iter()
                .map(|v| v.verb.clone())
                .collect(),
            color,
            hinter: HistoryHinter::new(),
        }
    }
}

impl Completer for Shell {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        // Tab pressed before the corpus is open waits for its names rather
        // than offer fewer.
        let (start, candidates) = complete(self.words.wait(), &line[..pos]);
        let pairs = candidates
            .into_iter()
            .map(|c| Pair {
                display: c.clone(),
                replacement: c,
            })
            .collect();
        Ok((start, pairs))
    }
}

/// Completions of the text before the cursor: the longest tail of it that
/// starts a known word (names may hold spaces: `J.D. v. Harlan`).
pub fn complete(words: &[String], before: &str) -> (usize, Vec<String>) {
    let starts = std::iter::once(0).chain(before.match_indices([' ', '"']).map(|(i, _)| i + 1));
    for start in starts {
        let typed = before[start..].to_lowercase();
        if typed.is_empty() {
            continue;
        }
        let found: Vec<String> = words
            .iter()
            .filter(|w| w.to_lowercase().starts_with(&typed))
            .cloned()
            .collect();
        if !found.is_empty() {
            return (start, found);
        }
    }
    (before.len(), Vec::new())
}

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

/// The line with verbs and stage keywords in bold, quoted strings in green
/// and Bates numbers and citations (words with digits) in cyan.
pub fn highlight(line: &str, verbs: &[String]) -> String {
    let mut out = String::with_capacity(line.len() * 2);
    let mut rest = line;
    while !rest.is_empty() {
        if let Some(quoted) = rest.strip_prefix('"') {
            let end = quoted.find('"').map_or(rest.len(), |i| i + 2);
            out.push_str(&format!("{GREEN}{}{RESET}", &rest[..end]));
            rest = &rest[end..];
            continue;
        }
        let end = rest.find([' ', '"', '|']).map_or(rest.len(), |i| i.max(1));
        let word = &rest[..end];
        if verbs
            .iter()
            .any(|v| v.split_whitespace().any(|w| w.eq_ignore_ascii_case(word)))
        {
            out.push_str(&format!("{BOLD}{word}{RESET}"));
        } else if word.chars().any(|c| c.is_ascii_digit()) {
            out.push_str(&format!("{CYAN}{word}{RESET}"));
        } else {
            out.push_str(word);
        }
        rest = &rest[end..];
    }
    out
}

impl Highlighter for Shell {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        if self.color {
            Cow::Owned(highlight(line, &self.verbs))
        } else {
            Cow::Borrowed(line)
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        self.color
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.color {
            Cow::Owned(format!("{DIM}{hint}{RESET}"))
        } else {
            Cow::Borrowed(hint)
        }
    }
}

/// Whether the input is unfinished: an open quote, or more `(` than `)`.
pub fn incomplete(input: &str) -> bool {
    let mut open_quote = false;
    let mut depth: i64 = 0;
    for c in input.chars() {
        match c {
            '"' => open_quote = !open_quote,
            '(' if !open_quote => depth += 1,
            ')' if !open_quote => depth -= 1,
            _ => {}
        }
    }
    open_quote || depth > 0
}

impl Validator for Shell {
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        Ok(if incomplete(ctx.input()) {
            ValidationResult::Incomplete
        } else {
            ValidationResult::Valid(None)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completion_finds_names_with_spaces_and_verbs() {
        let words: Vec<String> = ["cited-by", "cites", "Smith v. Jones", "Smithers"]
            .map(String::from)
            .to_vec();
        assert_eq!(complete(&words, "cit").1, ["cited-by", "cites"]);
        let (start, found) = complete(&words, "show smith v");
        assert_eq!((start, found), (5, vec!["Smith v. Jones".to_string()]));
        assert!(complete(&words, "zzz").1.is_empty());
    }

    #[test]
    fn open_quotes_and_parentheses_continue_on_the_next_line() {
        assert!(incomplete("search \"work product"));
        assert!(incomplete("search privilege /p (waive!"));
        assert!(!incomplete("search \"a (b\" /s c"));
        assert!(!incomplete("show Smith"));
    }

    #[test]
    fn highlighting_marks_verbs_strings_and_citations_and_keeps_the_text() {
        let verbs = vec!["cited-by".to_string(), "where".to_string()];
        let line = highlight("cited-by \"512 F.3d 346\" | where pin = 349", &verbs);
        assert!(line.starts_with("\x1b[1mcited-by\x1b[0m"));
        assert!(line.contains("\x1b[32m\"512 F.3d 346\"\x1b[0m"));
        assert!(line.contains("\x1b[36m349\x1b[0m"));
        let plain = [BOLD, GREEN, CYAN, RESET]
            .iter()
            .fold(line, |text, code| text.replace(code, ""));
        assert_eq!(plain, "cited-by \"512 F.3d 346\" | where pin = 349");
    }
}
