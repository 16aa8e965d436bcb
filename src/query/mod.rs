//! The query language: [`syntax`] parses text with the pest grammar in
//! `grammar/query.pest` into the [`ast`]; [`eval`] answers a query against
//! the graph with an [`Answer`] of rows, which `render` prints. Nothing here
//! knows about terminals.

pub mod answer;
pub mod ast;
pub mod eval;
pub mod help;
pub mod syntax;

pub use answer::{Answer, Cell, Section};
pub use ast::Query;
pub use eval::evaluate;
pub use syntax::{ParseError, parse};

/// Parses and answers `text` against `graph`.
pub fn run(graph: &crate::graph::Graph, text: &str) -> Result<Answer, crate::Error> {
    let query = parse(text)?;
    evaluate(graph, &query)
}
