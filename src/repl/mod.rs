//! The interactive shell: rustyline with history, Tab completion of verbs
//! and names, and multi-line input while a quote is open. When standard
//! input is not a terminal it runs one query per line with no prompts, so a
//! file of queries is a script.

mod shell;

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use rustyline::error::ReadlineError;
use rustyline::{Config, Editor};

use shell::Shell;

use crate::graph::Graph;
use crate::query;
use crate::render::{self, Format};
use crate::search::Index;

/// How the shell prints, and what it remembers (the last answer borrows
/// from the graph the shell answers from).
#[derive(Debug, Clone, Default)]
pub struct Options<'g> {
    /// Output format of answers.
    pub format: Format,
    /// Where history is kept; `None` keeps none.
    pub history: Option<PathBuf>,
    /// The last answer, for `:save`.
    pub last: Option<query::Answer<'g>>,
}

/// What one line of input asks for.
enum Line<'a> {
    Nothing,
    Quit,
    SetFormat(&'a str),
    Save(&'a str),
    Query(&'a str),
}

/// The format a file's extension asks for, else the session's.
fn format_for(file: &str, session: Format) -> Format {
    match std::path::Path::new(file)
        .extension()
        .and_then(|e| e.to_str())
    {
        Some("json") => Format::Json,
        Some("csv") => Format::Csv,
        Some("md") => Format::Markdown,
        Some("txt") => Format::Table,
        _ => session,
    }
}

fn classify(line: &str) -> Line<'_> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        Line::Nothing
    } else if line == ":quit" || line == ":q" || line == "exit" || line == "quit" {
        Line::Quit
    } else if let Some(format) = line.strip_prefix(":format") {
        Line::SetFormat(format.trim())
    } else if let Some(file) = line.strip_prefix(":save") {
        Line::Save(file.trim())
    } else {
        Line::Query(line)
    }
}

/// The corpus a shell answers from, once open: its graph and search
/// index, or why they could not be opened.
pub type Corpus<E> = OnceLock<Result<(Graph, Index), E>>;

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The user left, or the script ran out; this many queries failed.
    Left {
        /// Queries that failed.
        failed: usize,
    },
    /// The corpus could not be opened: its error is in the [`Corpus`].
    NotOpened,
}

/// What answering one line came to.
enum Step {
    Next,
    Failed,
    Quit,
    NotOpened,
}

/// Answers one line, writing the answer to `out` and any error to `err`.
/// Only a query needs the corpus: it waits for it to be open.
fn answer_line<'g, E>(
    corpus: &'g Corpus<E>,
    line: &str,
    options: &mut Options<'g>,
    width: Option<u16>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Step> {
    match classify(line) {
        Line::Nothing => Ok(Step::Next),
        Line::Quit => Ok(Step::Quit),
        Line::SetFormat(name) => match name.parse::<Format>() {
            Ok(format) => {
                options.format = format;
                Ok(Step::Next)
            }
            Err(message) => {
                writeln!(err, "error: {message}")?;
                Ok(Step::Failed)
            }
        },
        Line::Save(file) => {
            let Some(answer) = &options.last else {
                writeln!(err, "error: nothing to save yet; run a query first")?;
                return Ok(Step::Failed);
            };
            if file.is_empty() {
                writeln!(
                    err,
                    "error: `:save` needs a file name, e.g. `:save rulings.csv`"
                )?;
                return Ok(Step::Failed);
            }
            let text = render::answer(answer, format_for(file, options.format), None, false);
            match std::fs::write(file, text) {
                Ok(()) => {
                    writeln!(out, "saved to {file}")?;
                    Ok(Step::Next)
                }
                Err(e) => {
                    writeln!(err, "error: {file}: {e}")?;
                    Ok(Step::Failed)
                }
            }
        }
        Line::Query(text) => {
            let Ok((graph, index)) = corpus.wait() else {
                return Ok(Step::NotOpened);
            };
            match query::run_with(graph, Some(index), text) {
                Ok(answer) => {
                    write!(
                        out,
                        "{}",
                        render::answer(
                            &answer,
                            options.format,
                            width,
                            width.is_some() && render::color()
                        )
                    )?;
                    options.last = Some(answer);
                    Ok(Step::Next)
                }
                Err(e) => {
                    write!(err, "{}", render::error(&e))?;
                    Ok(Step::Failed)
                }
            }
        }
    }
}

/// Runs queries from standard input, one per line, without prompts, on a
/// corpus already open.
fn script<'g, E>(corpus: &'g Corpus<E>, mut options: Options<'g>) -> std::io::Result<Ended> {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    let mut failed = 0;
    for line in stdin.lock().lines() {
        match answer_line(corpus, &line?, &mut options, None, &mut out, &mut err)? {
            Step::Next => {}
            Step::Failed => failed += 1,
            Step::Quit => break,
            Step::NotOpened => return Ok(Ended::NotOpened),
        }
    }
    Ok(Ended::Left { failed })
}

/// Runs the shell on the corpus `open` opens, keeping it in `corpus` (so
/// that it outlives the session; the caller decides how to let it go).
///
/// On a terminal the prompt comes first: the corpus opens on a second
/// thread while the user types, and the first query waits for it only if
/// it comes sooner (a 100,000-opinion corpus takes about half a second).
/// Tab likewise waits for the names it completes. Otherwise
/// the corpus opens first and standard input is a script.
pub fn run<'g, E: Send + Sync>(
    corpus: &'g Corpus<E>,
    open: impl FnOnce() -> Result<(Graph, Index), E> + Send,
    mut options: Options<'g>,
) -> std::io::Result<Ended> {
    if !std::io::stdin().is_terminal() {
        if corpus.get_or_init(open).is_err() {
            return Ok(Ended::NotOpened);
        }
        return script(corpus, options);
    }
    let config = Config::builder().auto_add_history(true).build();
    let mut editor: Editor<Shell, rustyline::history::DefaultHistory> =
        Editor::with_config(config).map_err(std::io::Error::other)?;
    let words = Arc::new(OnceLock::new());
    editor.set_helper(Some(Shell::new(Arc::clone(&words), render::color())));
    if let Some(path) = &options.history {
        // A missing history file is the normal first run.
        let _ = editor.load_history(path);
    }
    println!("lexgraph — type `help` for the verbs, Tab to complete, Ctrl-D to leave.");
    let ended = std::thread::scope(|scope| {
        scope.spawn(move || match corpus.get_or_init(open) {
            // Queries need the name index, completion the vocabulary: one
            // each on the two threads there are.
            Ok((graph, _)) => std::thread::scope(|inner| {
                inner.spawn(|| graph.index_names());
                let _ = words.set(shell::vocabulary(graph));
            }),
            Err(_) => {
                let _ = words.set(shell::keywords());
            }
        });
        converse(corpus, &mut options, &mut editor)
    })?;
    if let Some(path) = &options.history {
        let _ = editor.save_history(path);
    }
    Ok(ended)
}

/// The shell's read–answer loop, until the user leaves.
fn converse<'g, E>(
    corpus: &'g Corpus<E>,
    options: &mut Options<'g>,
    editor: &mut Editor<Shell, rustyline::history::DefaultHistory>,
) -> std::io::Result<Ended> {
    let mut failed = 0;
    loop {
        match editor.readline("lexgraph> ") {
            Ok(line) => {
                let width = terminal_size::terminal_size().map(|(w, _)| w.0);
                let mut out = std::io::stdout().lock();
                let mut err = std::io::stderr().lock();
                match answer_line(corpus, &line, options, width, &mut out, &mut err)? {
                    Step::Next => {}
                    Step::Failed => failed += 1,
                    Step::Quit => break,
                    Step::NotOpened => return Ok(Ended::NotOpened),
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(std::io::Error::other(e)),
        }
    }
    Ok(Ended::Left { failed })
}
