//! The syntax tree: what the user typed, before any name is looked up in
//! the graph. `eval` turns it into rows.

use serde::Serialize;

/// A reference as typed: a name, citation, Bates page, doctrine or id.
/// Resolved against the graph by `graph::Graph::lookup`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuthorityRef(pub String);

/// How a `where` condition compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// `=`: equal, ignoring case.
    Equals,
    /// `!=`: not equal.
    NotEquals,
    /// `~`: contains, ignoring case.
    Contains,
}

/// One `field op value` condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Condition {
    /// Field name, as typed.
    pub field: String,
    /// Comparison.
    pub comparison: Comparison,
    /// Value, unquoted.
    pub value: String,
}

/// Which rulings `rulings` lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RulingFilter {
    /// Every ruling.
    All,
    /// Rulings on a document, or applying a doctrine, or relying on an authority.
    For(AuthorityRef),
    /// Rulings whose fields meet every condition.
    Where(Vec<Condition>),
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Query {
    /// `help [topic]`
    Help(Option<String>),
    /// `show <ref>`
    Show(AuthorityRef),
    /// `authorities for <ref>`
    AuthoritiesFor(AuthorityRef),
    /// `cited-by <ref>`
    CitedBy(AuthorityRef),
    /// `cites <ref>`
    Cites(AuthorityRef),
    /// `rulings [for <ref> | where …]`
    Rulings(RulingFilter),
    /// `doctrines`
    Doctrines,
}
