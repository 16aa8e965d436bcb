//! Full-text search over the passages of opinions, in the terms-and-connectors
//! syntax lawyers already type on Westlaw: `prosecutor /s civil`,
//! `privilege! /p waive!`, `"inextricably intertwined" & court(ilnd)`.
//!
//! # Brief overview
//!
//! - [`Passage`]: what is indexed, one paragraph, footnote, holding, ruling
//!   reason or citation parenthetical, with its opinion's metadata.
//! - [`Index`]: a tantivy index of passages, built in memory
//!   ([`Index::in_memory`]) or kept in a directory beside the corpus
//!   ([`Index::open_or_build`]). [`Index::search`] answers a query with
//!   ranked [`Hit`]s whose snippets mark matched words with [`MARK_START`]
//!   and [`MARK_END`].
//! - [`parse`] turns query text into an [`Expr`], or an [`Error::Syntax`]
//!   that gives the column and what was expected there.
//! - [`OPERATORS`] and [`PRECEDENCE`] describe the syntax for `help search`.
//!
//! # How a query runs
//!
//! 1. `syntax` parses the text. Precedence, tightest first, is Westlaw's:
//!    `"phrases"`, `or` (a space), the numeric connectors (smaller number
//!    first, `+n` before `/n`), `+s`, `/s`, `+p`, `/p`, `&`, `%`. A query
//!    with no operator at all is natural language: its words are joined by
//!    `or`, and BM25 ranks the passages with the most telling of them first.
//! 2. `plan` resolves the tree against the index: `privilege!` and `wom*n`
//!    become the words of the term dictionary they match (at most
//!    [`EXPANSION_LIMIT`]), and field restrictions become tantivy queries.
//!    From the tree it derives a *candidate* query, the same query with every
//!    proximity connector loosened to `&`. tantivy runs it and scores with
//!    BM25; it is a superset of the answer.
//! 3. When the candidate is already exact (no connector, no phrase with an
//!    expander, no `%` before a connector), tantivy's top-k collector alone
//!    answers it, with block-max pruning. Otherwise `proximity` wraps the
//!    collector and checks each candidate's word positions before it may
//!    enter the top k. Only passages that hold every required word are
//!    checked, and only their postings are read: no stored text is loaded.
//! 4. `snippet` cuts the best window of each hit and marks the words.
//!
//! # Sentences and paragraphs
//!
//! Each passage is one tantivy document, and a passage is a paragraph, so
//! `/p` means "in the same passage" and `+p` "an occurrence of the first
//! before one of the second". Sentences are not separate documents: the
//! tokenizer records the word position at which each sentence after the
//! first begins, in a multi-valued fast field, and `/s` compares the
//! sentence numbers of the two operands' positions (a binary search over a
//! handful of numbers). One document per sentence would double the index,
//! skew BM25 towards short sentences, and could not answer a nested
//! `(a /s b) /p c` in one pass; positions answer every connector, nested or
//! not, from postings tantivy keeps for phrases anyway.
//!
//! `/n` holds when the two occurrences are at most n word positions apart
//! in either order (`/1`: adjacent), and `+n` when the first also comes
//! first. The two sides must be different occurrences. A matched pair
//! counts, for an outer connector, as the stretch from its first word to
//! its last. `&` keeps the positions of both sides, so `(a & b) /s c` holds
//! when `a` or `b` shares a sentence with `c`.
//!
//! # On disk
//!
//! [`Index::open_or_build`] keeps the index in `dir/index/`, next to a
//! marker file holding the corpus fingerprint and the schema version. A
//! build goes to a fresh `dir/.building-*/` and writes the marker last,
//! after tantivy's commit; only then is it renamed into place. A build
//! killed halfway therefore never becomes `dir/index/`, and an index without
//! its marker, or with another fingerprint, is rebuilt, never served. One
//! process builds at a time (ingest holds the corpus lock).
//!
//! This module never prints, never reads the corpus itself (passages come
//! from the caller), and knows nothing of the graph or the query language.

mod ast;
mod index;
mod plan;
mod proximity;
mod snippet;
mod syntax;
mod words;

use std::fmt;
use std::io;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use ast::{Comparison, Connector, DateBound, Expr, PartialDate, Pattern, Restriction, Within};
pub use index::{Build, Index};
pub use plan::EXPANSION_LIMIT;
pub use snippet::{MARK_END, MARK_START};
pub use syntax::{OPERATORS, Operator, PRECEDENCE, parse};

/// What part of an opinion a passage is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PassageKind {
    /// A paragraph of the opinion's body.
    Paragraph,
    /// A footnote.
    Footnote,
    /// A holding, as curated.
    Holding,
    /// The reason given for a ruling on a document.
    Ruling,
    /// A citation's parenthetical or the proposition it is cited for.
    Parenthetical,
}

impl PassageKind {
    /// Every kind, in the order of the enum.
    pub const ALL: [PassageKind; 5] = [
        PassageKind::Paragraph,
        PassageKind::Footnote,
        PassageKind::Holding,
        PassageKind::Ruling,
        PassageKind::Parenthetical,
    ];

    /// The lowercase name used in queries (`kind(footnote)`) and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            PassageKind::Paragraph => "paragraph",
            PassageKind::Footnote => "footnote",
            PassageKind::Holding => "holding",
            PassageKind::Ruling => "ruling",
            PassageKind::Parenthetical => "parenthetical",
        }
    }

    /// The kind with this lowercase name.
    pub fn from_name(name: &str) -> Option<PassageKind> {
        PassageKind::ALL
            .into_iter()
            .find(|kind| kind.name() == name)
    }
}

impl fmt::Display for PassageKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One searchable passage of an opinion, with its opinion's metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    /// The opinion's id, e.g. `doe-v-roe`.
    pub opinion: String,
    /// The case name, e.g. `Doe v. Roe`.
    pub case_name: String,
    /// The court's courts-db id, e.g. `ilnd` (kept lowercased).
    pub court: Option<String>,
    /// The decision date, ISO `2006-05-01`.
    pub date: Option<String>,
    /// The heading of the section it sits in, e.g. `II. Discussion`.
    pub section: Option<String>,
    /// The 1-based number of its paragraph.
    pub paragraph: u32,
    /// The footnote's number, for a footnote.
    pub footnote: Option<u32>,
    /// What part of the opinion it is.
    pub kind: PassageKind,
    /// Its plain text.
    pub text: String,
    /// Display names of the authorities it cites.
    pub authorities: Vec<String>,
}

/// A passage that matches a query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// BM25 relevance; higher is better.
    pub score: f32,
    /// The best part of the passage, matched words between [`MARK_START`]
    /// and [`MARK_END`], `…` where it was cut.
    pub snippet: String,
    /// The passage as indexed.
    pub passage: Passage,
}

/// A search that failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A query that does not parse: `privilege /s` gives "expected a term
    /// after `/s`" at column 13, `"unclosed` "expected a closing `"` for the
    /// phrase that starts here" at column 1.
    #[error("column {column}: {expected}")]
    Syntax {
        /// The query as typed.
        query: String,
        /// 1-based column, in characters, where it went wrong.
        column: usize,
        /// What was expected there, in words ("expected a term after `/s`").
        expected: String,
    },
    /// An expander that matches more words than a search may try:
    /// `a*!` on a large corpus.
    #[error("`{term}` matches more than {limit} words: add letters before the `!` or `*`")]
    TooBroad {
        /// The term as normalised, e.g. `a*!`.
        term: String,
        /// [`EXPANSION_LIMIT`].
        limit: usize,
    },
    /// tantivy could not build, open or search the index.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// A file or directory of an index on disk could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What went wrong.
        source: io::Error,
    },
}

impl Error {
    /// Whether the user can fix it by changing the query.
    pub fn is_user_error(&self) -> bool {
        matches!(self, Error::Syntax { .. } | Error::TooBroad { .. })
    }
}
