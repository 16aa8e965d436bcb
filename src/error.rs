//! The crate-wide error: every stage's error folded into one, so the
//! binary and the REPL hand any failure to `render::error`.

use thiserror::Error;

/// Any failure lexgraph reports.
#[derive(Debug, Error)]
pub enum Error {
    /// A query that does not parse.
    #[error(transparent)]
    Parse(#[from] crate::query::ParseError),
    /// A reference that names nothing, or several things.
    #[error(transparent)]
    Lookup(#[from] crate::graph::LookupError),
    /// A full-text search that failed.
    #[error(transparent)]
    Search(#[from] crate::search::Error),
    /// A query that parses but cannot be answered as asked.
    #[error("{0}")]
    Query(String),
    /// A corpus or data file that cannot be loaded.
    #[error(transparent)]
    Ingest(#[from] crate::ingest::Error),
    /// A file the user named cannot be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        source: std::io::Error,
    },
    /// A failure that is lexgraph's, not the user's (the terminal went away,
    /// output could not be written).
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// Whether the error is the user's to fix (exit code 2) rather than
    /// lexgraph's (exit code 1).
    pub fn is_user_error(&self) -> bool {
        match self {
            Error::Internal(_) => false,
            Error::Search(e) => e.is_user_error(),
            _ => true,
        }
    }
}
