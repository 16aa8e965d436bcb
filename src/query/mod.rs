//! The query language: [`syntax`] parses text with the pest grammar in
//! `grammar/query.pest` into the [`ast`]; [`eval`] answers a query against
//! the graph with an [`Answer`] of rows, which `render` prints. Nothing here
//! knows about terminals.

pub mod answer;
pub mod ast;
mod brief;
pub mod eval;
mod explain;
mod find;
pub mod help;
mod network;
mod outline;
mod passages;
pub mod pipeline;
pub mod syntax;

pub use answer::{Answer, Cell, Section};
pub use ast::Query;
pub use eval::evaluate;
pub use syntax::{ParseError, parse};

/// Field names rows carry, for completion and messages.
pub const FIELDS: &[&str] = &[
    "name",
    "citation",
    "authority",
    "kind",
    "court",
    "court_id",
    "year",
    "date",
    "pin",
    "signal",
    "treatment",
    "place",
    "proposition",
    "outcome",
    "doctrine",
    "documents",
    "reason",
    "chain",
    "how",
    "form",
    "text",
    "depth",
    "part",
    "finding",
];

/// Parses and answers `text` against `graph`, without full-text search.
pub fn run<'g>(graph: &'g crate::graph::Graph, text: &str) -> Result<Answer<'g>, crate::Error> {
    run_with(graph, None, text)
}

/// Parses and answers `text` against `graph`, with `index` for `search`.
pub fn run_with<'g>(
    graph: &'g crate::graph::Graph,
    index: Option<&crate::search::Index>,
    text: &str,
) -> Result<Answer<'g>, crate::Error> {
    let query = parse(text)?;
    evaluate(graph, index, &query)
}
