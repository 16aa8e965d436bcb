//! The `lexgraph` command: argument parsing, dispatch and exit codes. All
//! work happens in the library.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use lexgraph::cite::{self, reporters::Reporters};
use lexgraph::graph::Graph;
use lexgraph::render::{self, Format};
use lexgraph::{Error, ingest, query, repl};

/// Extraction makes and drops millions of small strings; mimalloc serves
/// them faster than the system allocator (see docs/extraction.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Legal research on a knowledge graph of court opinions: who cites what,
/// which authority supports each ruling, and the doctrines they state.
///
/// With no command, opens the interactive shell on the corpus.
///
/// Exit codes: 0 success (an empty answer included), 1 an internal
/// failure, 2 a user error (a query that does not parse, an unknown name,
/// a bad file or corpus).
#[derive(Parser)]
#[command(name = "lexgraph", version)]
struct Cli {
    /// Corpus directory (default: the bundled `data/`, or $LEXGRAPH_CORPUS).
    #[arg(long, global = true, value_name = "DIR")]
    corpus: Option<PathBuf>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Answers one query, e.g. `lexgraph query 'cited-by Hobley'`.
    Query {
        /// The query; `lexgraph query help` lists the verbs.
        query: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = AnswerFormat::Table)]
        format: AnswerFormat,
    },
    /// Extracts the citations of text, HTML and JSON Lines files (each
    /// record by itself, its rows naming it as `opinion`).
    Extract {
        /// Files to read.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
        format: ExtractFormat,
    },
    /// Searches the full text in Westlaw's terms and connectors, e.g.
    /// `lexgraph search 'prosecutor /s civil'`; `lexgraph query "help search"`
    /// lists the operators.
    Search {
        /// The search terms.
        terms: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = AnswerFormat::Table)]
        format: AnswerFormat,
    },
    /// Loads and validates the corpus and prints its counts by node and edge kind.
    Check,
    /// Adds opinions to the corpus named by --corpus (created, from the
    /// bundled one, when new): text, HTML and JSON Lines files, or
    /// directories of them. Prints what it did; exits 2 if an input could
    /// not be read.
    Ingest {
        /// Files and directories to read.
        paths: Vec<PathBuf>,
    },
    /// Opens the interactive shell (the default).
    Repl {
        /// Output format of answers.
        #[arg(long, value_enum, default_value_t = AnswerFormat::Table)]
        format: AnswerFormat,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum AnswerFormat {
    Table,
    Json,
    Csv,
    Markdown,
}

impl From<AnswerFormat> for Format {
    fn from(f: AnswerFormat) -> Format {
        match f {
            AnswerFormat::Table => Format::Table,
            AnswerFormat::Json => Format::Json,
            AnswerFormat::Csv => Format::Csv,
            AnswerFormat::Markdown => Format::Markdown,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    Json,
    Jsonl,
    Table,
}

/// The exit code of a failed run.
fn failure(error: &Error) -> ExitCode {
    if error.is_user_error() {
        ExitCode::from(2)
    } else {
        ExitCode::from(1)
    }
}

fn corpus_dir(cli: &Cli) -> PathBuf {
    cli.corpus
        .clone()
        .or_else(|| std::env::var_os("LEXGRAPH_CORPUS").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/data")))
}

/// Table width: $COLUMNS when set, else the terminal's; none for a pipe,
/// so cells are not wrapped mid-citation for scripts.
fn width() -> Option<u16> {
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    columns.or_else(|| {
        std::io::stdout()
            .is_terminal()
            .then(|| terminal_size::terminal_size().map(|(w, _)| w.0))
            .flatten()
    })
}

fn history_file() -> Option<PathBuf> {
    std::env::var_os("LEXGRAPH_HISTORY")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".lexgraph_history"))
        })
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    let io = |path: &str| {
        let path = path.to_string();
        move |source| Error::Io { path, source }
    };
    match &cli.command {
        Some(Command::Extract { files, format }) => {
            let reporters = Reporters::bundled();
            let mut out = String::new();
            let mut rows = Vec::new();
            let mut skipped = 0;
            let mut take = |file: &Path, opinion: Option<&str>, citations: Vec<cite::Citation>| {
                for citation in citations {
                    let mut value = serde_json::to_value(&citation).unwrap_or_default();
                    if let Some(object) = value.as_object_mut() {
                        if files.len() > 1 {
                            object.insert("file".into(), file.display().to_string().into());
                        }
                        if let Some(opinion) = opinion {
                            object.insert("opinion".into(), opinion.into());
                        }
                    }
                    rows.push((citation, value));
                }
            };
            for file in files {
                // In JSON Lines each record's text is extracted by itself, its
                // spans indexing that text, and its rows name the record's id.
                if ingest::input::is_json_lines(file) {
                    for record in ingest::input::jsonl::written(file) {
                        match record {
                            Ok(record) => {
                                let extraction = cite::extract(&record.text, &reporters);
                                take(file, Some(&record.id), extraction.citations);
                            }
                            Err(rejection) => {
                                eprintln!("{rejection}, skipped");
                                skipped += 1;
                            }
                        }
                    }
                    continue;
                }
                let bytes = std::fs::read(file).map_err(io(&file.display().to_string()))?;
                // A binary file is reported and passed over; the others still run.
                let (extraction, warnings) = match cite::extract_bytes(&bytes, &reporters) {
                    Ok(done) => done,
                    Err(skip) => {
                        eprintln!("{}: {skip}", file.display());
                        skipped += 1;
                        continue;
                    }
                };
                for warning in warnings {
                    eprintln!("{}: warning: {}", file.display(), warning.message);
                }
                take(file, None, extraction.citations);
            }
            match format {
                ExtractFormat::Json => {
                    let values: Vec<_> = rows.into_iter().map(|(_, v)| v).collect();
                    out = serde_json::to_string_pretty(&values).unwrap_or_default() + "\n";
                }
                ExtractFormat::Jsonl => {
                    for (_, value) in rows {
                        out.push_str(&value.to_string());
                        out.push('\n');
                    }
                }
                ExtractFormat::Table => {
                    let citations: Vec<_> = rows.into_iter().map(|(c, _)| c).collect();
                    out = render::table(&render::citations(&citations), width(), false);
                }
            }
            print(&out);
            Ok(if skipped > 0 {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            })
        }
        Some(Command::Check) => {
            let (graph, _) = ingest::open_graph(&corpus_dir(&cli))?;
            print(&render::table(
                &render::counts(&graph.counts()),
                width(),
                false,
            ));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Query { query, format }) => answer(&cli, query, *format),
        // The same as `query "search TERMS"`, so pipelines work here too.
        Some(Command::Search { terms, format }) => {
            answer(&cli, &format!("search {terms}"), *format)
        }
        Some(Command::Ingest { paths }) => {
            let options = ingest::Options::default();
            let dir = corpus_dir(&cli);
            let (summary, corpus) = ingest::ingest_and_open(&dir, paths, &options)?;
            // The run leaves the graph snapshot and the full-text index
            // built, so the shell opens them at once; what it could not
            // build (another writer committed in between) is built here.
            let (graph, opinions) = match corpus {
                Some(corpus) => (corpus.graph, ingest::Opinions::Loaded(corpus.opinions)),
                None => ingest::open_graph(&dir)?,
            };
            search_index(&dir, &graph, opinions)?;
            leave(graph);
            for rejected in &summary.rejected {
                let error = Error::Ingest(ingest::Error::Input(rejected.clone()));
                eprint!("{}", render::error(&error));
            }
            for skipped in &summary.skipped {
                eprintln!("skipped: {skipped}");
            }
            print(&summary.to_string());
            Ok(if summary.failed() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            })
        }
        Some(Command::Repl { format }) => shell(&cli, (*format).into()),
        None => shell(&cli, Format::Table),
    }
}

fn shell(cli: &Cli, format: Format) -> Result<ExitCode, Error> {
    let dir = corpus_dir(cli);
    let open = || -> Result<_, Error> {
        let (graph, opinions) = ingest::open_graph(&dir)?;
        let index = search_index(&dir, &graph, opinions)?;
        Ok((graph, index))
    };
    let corpus = repl::Corpus::new();
    let options = repl::Options {
        format,
        history: history_file(),
        last: None,
    };
    let ended = repl::run(&corpus, open, options);
    let opened = corpus.into_inner();
    let ended = ended.map_err(|e| Error::Internal(format!("the shell failed: {e}")))?;
    // A corpus that failed to open is reported even to a user who left
    // before asking anything of it.
    match (opened, ended) {
        (Some(Err(error)), _) => Err(error),
        (Some(Ok((graph, _))), repl::Ended::Left { failed }) => {
            leave(graph);
            Ok(if failed > 0 {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            })
        }
        _ => Err(Error::Internal(
            "the shell ended without opening the corpus".to_string(),
        )),
    }
}

/// Answers one query on the corpus and prints it.
fn answer(cli: &Cli, text: &str, format: AnswerFormat) -> Result<ExitCode, Error> {
    let dir = corpus_dir(cli);
    let (graph, opinions) = ingest::open_graph(&dir)?;
    let parsed = query::parse(text)?;
    // Only a search needs the full-text index; other queries skip opening it.
    let index = match parsed.source {
        query::ast::Source::Search(_) => Some(search_index(&dir, &graph, opinions)?),
        _ => None,
    };
    // The answer borrows from the graph: render it before letting go.
    let shown = query::evaluate(&graph, index.as_ref(), &parsed)
        .map(|answer| render::answer(&answer, format.into(), width(), render::color()));
    leave(graph);
    print(&shown?);
    Ok(ExitCode::SUCCESS)
}

/// Lets go of the graph as the process is about to end, without freeing
/// it: a large corpus's graph is millions of allocations, which take a
/// tenth of a second to free one by one and the system none to reclaim.
fn leave(graph: Graph) {
    std::mem::forget(graph);
}

/// The full-text index of the corpus in `dir`, reading its opinions only
/// when the index must be built.
fn search_index(
    dir: &Path,
    graph: &Graph,
    opinions: ingest::Opinions,
) -> Result<lexgraph::search::Index, Error> {
    ingest::passages::index(dir, graph, || opinions.load(graph).map_err(Error::from))
}

/// Writes to stdout; a closed pipe (`lexgraph … | head`) is not an error.
fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprint!("{}", render::error(&error));
            failure(&error)
        }
    }
}
