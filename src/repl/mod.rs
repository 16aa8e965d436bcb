//! The interactive shell: rustyline with history, Tab completion of verbs
//! and names, and multi-line input while a quote is open. When standard
//! input is not a terminal it runs one query per line with no prompts, so a
//! file of queries is a script.

use std::borrow::Cow;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::HistoryHinter;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Config, Editor, Helper, Hinter};

use crate::graph::Graph;
use crate::query;
use crate::render::{self, Format};

/// How the shell prints.
#[derive(Debug, Clone)]
pub struct Options {
    /// Output format of answers.
    pub format: Format,
    /// Where history is kept; `None` keeps none.
    pub history: Option<PathBuf>,
}

/// Words the completer offers: verbs, then every name in the graph.
fn vocabulary(graph: &Graph) -> Vec<String> {
    let mut words: Vec<String> = query::help::verbs()
        .iter()
        .map(|v| v.verb.clone())
        .collect();
    words.extend([":format", ":quit"].map(String::from));
    for id in graph.node_ids() {
        words.extend(graph.names_of(id));
    }
    words.sort();
    words.dedup();
    words
}

/// Line-editing helper: completion, hints from history, open-quote validation.
#[derive(Helper, Hinter)]
struct Shell {
    words: Vec<String>,
    #[rustyline(Hinter)]
    hinter: HistoryHinter,
}

impl Completer for Shell {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let (start, candidates) = complete(&self.words, &line[..pos]);
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
/// starts a known word (names may hold spaces: `K.L. v. Edgar`).
fn complete(words: &[String], before: &str) -> (usize, Vec<String>) {
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

impl Highlighter for Shell {
    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if std::env::var_os("NO_COLOR").is_some() {
            Cow::Borrowed(hint)
        } else {
            Cow::Owned(format!("\x1b[2m{hint}\x1b[0m"))
        }
    }
}

impl Validator for Shell {
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        Ok(if ctx.input().matches('"').count() % 2 == 1 {
            ValidationResult::Incomplete
        } else {
            ValidationResult::Valid(None)
        })
    }
}

/// What one line of input asks for.
enum Line<'a> {
    Nothing,
    Quit,
    SetFormat(&'a str),
    Query(&'a str),
}

fn classify(line: &str) -> Line<'_> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        Line::Nothing
    } else if line == ":quit" || line == ":q" || line == "exit" || line == "quit" {
        Line::Quit
    } else if let Some(format) = line.strip_prefix(":format") {
        Line::SetFormat(format.trim())
    } else {
        Line::Query(line)
    }
}

/// Answers one line, writing the answer to `out` and any error to `err`.
/// Returns `Ok(false)` when the line asked to quit and `Err` after a failed
/// query, so a script can report it in its exit code.
fn answer_line(
    graph: &Graph,
    line: &str,
    options: &mut Options,
    width: Option<u16>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Result<bool, ()>> {
    match classify(line) {
        Line::Nothing => Ok(Ok(true)),
        Line::Quit => Ok(Ok(false)),
        Line::SetFormat(name) => match name.parse::<Format>() {
            Ok(format) => {
                options.format = format;
                Ok(Ok(true))
            }
            Err(message) => {
                writeln!(err, "error: {message}")?;
                Ok(Err(()))
            }
        },
        Line::Query(text) => match query::run(graph, text) {
            Ok(answer) => {
                write!(out, "{}", render::answer(&answer, options.format, width))?;
                Ok(Ok(true))
            }
            Err(e) => {
                write!(err, "{}", render::error(&e))?;
                Ok(Err(()))
            }
        },
    }
}

/// Runs queries from standard input, one per line, without prompts.
/// Returns how many lines failed.
pub fn script(graph: &Graph, mut options: Options) -> std::io::Result<usize> {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    let mut failed = 0;
    for line in stdin.lock().lines() {
        match answer_line(graph, &line?, &mut options, None, &mut out, &mut err)? {
            Ok(true) => {}
            Ok(false) => break,
            Err(()) => failed += 1,
        }
    }
    Ok(failed)
}

/// Runs the shell: interactive on a terminal, a script otherwise.
/// Returns how many queries failed.
pub fn run(graph: &Graph, mut options: Options) -> std::io::Result<usize> {
    if !std::io::stdin().is_terminal() {
        return script(graph, options);
    }
    let config = Config::builder().auto_add_history(true).build();
    let mut editor: Editor<Shell, rustyline::history::DefaultHistory> =
        Editor::with_config(config).map_err(std::io::Error::other)?;
    editor.set_helper(Some(Shell {
        words: vocabulary(graph),
        hinter: HistoryHinter::new(),
    }));
    if let Some(path) = &options.history {
        // A missing history file is the normal first run.
        let _ = editor.load_history(path);
    }
    println!("lexgraph — type `help` for the verbs, Tab to complete, Ctrl-D to leave.");
    let mut failed = 0;
    loop {
        match editor.readline("lexgraph> ") {
            Ok(line) => {
                let width = terminal_size::terminal_size().map(|(w, _)| w.0);
                let mut out = std::io::stdout().lock();
                let mut err = std::io::stderr().lock();
                match answer_line(graph, &line, &mut options, width, &mut out, &mut err)? {
                    Ok(true) => {}
                    Ok(false) => break,
                    Err(()) => failed += 1,
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(std::io::Error::other(e)),
        }
    }
    if let Some(path) = &options.history {
        let _ = editor.save_history(path);
    }
    Ok(failed)
}

#[cfg(test)]
mod tests {
    use super::complete;

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
}
