//! The interactive shell: rustyline with history, Tab completion of verbs
//! and names, and multi-line input while a quote is open. When standard
//! input is not a terminal it runs one query per line with no prompts, so a
//! file of queries is a script.

mod shell;

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

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

/// Answers one line, writing the answer to `out` and any error to `err`.
/// Returns `Ok(false)` when the line asked to quit and `Err` after a failed
/// query, so a script can report it in its exit code.
fn answer_line<'g>(
    graph: &'g Graph,
    index: Option<&Index>,
    line: &str,
    options: &mut Options<'g>,
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
        Line::Save(file) => {
            let Some(answer) = &options.last else {
                writeln!(err, "error: nothing to save yet; run a query first")?;
                return Ok(Err(()));
            };
            if file.is_empty() {
                writeln!(
                    err,
                    "error: `:save` needs a file name, e.g. `:save rulings.csv`"
                )?;
                return Ok(Err(()));
            }
            let text = render::answer(answer, format_for(file, options.format), None, false);
            match std::fs::write(file, text) {
                Ok(()) => {
                    writeln!(out, "saved to {file}")?;
                    Ok(Ok(true))
                }
                Err(e) => {
                    writeln!(err, "error: {file}: {e}")?;
                    Ok(Err(()))
                }
            }
        }
        Line::Query(text) => match query::run_with(graph, index, text) {
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
pub fn script<'g>(
    graph: &'g Graph,
    index: Option<&Index>,
    mut options: Options<'g>,
) -> std::io::Result<usize> {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    let mut failed = 0;
    for line in stdin.lock().lines() {
        match answer_line(graph, index, &line?, &mut options, None, &mut out, &mut err)? {
            Ok(true) => {}
            Ok(false) => break,
            Err(()) => failed += 1,
        }
    }
    Ok(failed)
}

/// Runs the shell: interactive on a terminal, a script otherwise.
/// Returns how many queries failed.
pub fn run<'g>(
    graph: &'g Graph,
    index: Option<&Index>,
    mut options: Options<'g>,
) -> std::io::Result<usize> {
    if !std::io::stdin().is_terminal() {
        return script(graph, index, options);
    }
    let config = Config::builder().auto_add_history(true).build();
    let mut editor: Editor<Shell, rustyline::history::DefaultHistory> =
        Editor::with_config(config).map_err(std::io::Error::other)?;
    editor.set_helper(Some(Shell::new(graph, render::color())));
    if let Some(path) = &options.history {
        // A missing history file is the normal first run.
        let _ = editor.load_history(path);
    }
    println!("lexgraph — type `help` for the verbs, Tab to complete, Ctrl-D to leave.");
    let failed = std::thread::scope(|scope| {
        scope.spawn(|| graph.index_names());
        converse(graph, index, &mut options, &mut editor)
    })?;
    if let Some(path) = &options.history {
        let _ = editor.save_history(path);
    }
    Ok(failed)
}

/// The shell's read–answer loop, until the user leaves. Returns how many
/// queries failed.
fn converse<'g>(
    graph: &'g Graph,
    index: Option<&Index>,
    options: &mut Options<'g>,
    editor: &mut Editor<Shell, rustyline::history::DefaultHistory>,
) -> std::io::Result<usize> {
    let mut failed = 0;
    loop {
        match editor.readline("lexgraph> ") {
            Ok(line) => {
                let width = terminal_size::terminal_size().map(|(w, _)| w.0);
                let mut out = std::io::stdout().lock();
                let mut err = std::io::stderr().lock();
                match answer_line(graph, index, &line, options, width, &mut out, &mut err)? {
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
    Ok(failed)
}
