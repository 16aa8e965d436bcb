//! lexgraph turns US court opinions into a legal knowledge graph and answers
//! questions about it.
//!
//! The pipeline runs one way: opinion text → [`cite`] (citations extracted
//! and resolved) → [`ingest`] (opinions and the curated annotations of
//! `data/` loaded into a corpus) → [`graph`] (a petgraph store of
//! authorities, doctrines, rulings and documents) → [`query`] (the query
//! language: grammar, syntax tree, evaluation into rows) → [`render`]
//! (tables, JSON, CSV, Markdown, and the one place errors become text) →
//! [`repl`] and the `lexgraph` binary, thin shells around the rest.

pub mod bluebook;
pub mod cite;
pub mod error;
pub mod graph;
pub mod ingest;
pub mod query;
pub mod render;
pub mod repl;
pub mod search;

pub use error::Error;
