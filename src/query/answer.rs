//! What a query answers with: sections of rows under named columns. The
//! renderers print them as tables, JSON, CSV or Markdown; the column names
//! are the stable snake_case fields of the JSON output.

use std::borrow::Cow;

use serde::{Serialize, Serializer};

use crate::cite::Location;
use crate::graph::Node;

/// One value of a row. Text a row takes from the graph is borrowed, and the
/// values a row makes from a node or a place (a case's full label, where a
/// citation sits) are made only when shown: the citing uses of a leading
/// case are tens of thousands of rows, of which a page is read.
#[derive(Debug, Clone)]
pub enum Cell<'g> {
    /// Nothing to show.
    Empty,
    /// A count.
    Number(u64),
    /// Text.
    Text(Cow<'g, str>),
    /// A fact about a node of the graph, written out when shown.
    Of(&'g Node, Fact),
    /// Where a citation sits (`¶ 12 (A. Privilege Log)`, `n. 3`).
    Place(&'g Location),
}

/// What a [`Cell::Of`] shows of its node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    /// How the node is named in a row: a case with its citation, an
    /// opinion with its docket, court and date.
    Citation,
    /// The court's name.
    Court,
    /// The year of decision.
    Year,
}

impl<'g> Cell<'g> {
    /// The cell as plain text (empty for [`Cell::Empty`]).
    pub fn text(&self) -> String {
        self.as_text().into_owned()
    }

    /// The cell as plain text, borrowed when it can be.
    pub fn as_text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Number(n) => Cow::Owned(n.to_string()),
            Cell::Text(t) => Cow::Borrowed(t),
            Cell::Of(node, Fact::Citation) => Cow::Owned(super::eval::node_label(node)),
            Cell::Of(node, Fact::Court) => Cow::Borrowed(court_name(node).unwrap_or_default()),
            Cell::Of(node, Fact::Year) => year(node).unwrap_or_default(),
            Cell::Place(location) => Cow::Owned(super::eval::place(location)),
        }
    }

    /// Whether the cell shows nothing: [`Cell::Empty`], or a fact its node
    /// lacks (an opinion without a court). Such a cell is equal to
    /// [`Cell::Empty`] and is `null` in JSON.
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Number(_) => false,
            other => other.as_text().is_empty(),
        }
    }
}

fn court_name(node: &Node) -> Option<&str> {
    match node {
        Node::Opinion(o) => o.court_name.as_deref(),
        Node::Authority(a) => a.court_name.as_deref(),
        _ => None,
    }
}

fn year(node: &Node) -> Option<Cow<'_, str>> {
    match node {
        Node::Opinion(o) => o
            .date
            .as_deref()
            .and_then(|d| d.get(..4))
            .map(Cow::Borrowed),
        Node::Authority(a) => a.year.map(|y| Cow::Owned(y.to_string())),
        _ => None,
    }
}

/// Cells are equal when they show the same (a count only equals a count).
impl PartialEq for Cell<'_> {
    fn eq(&self, other: &Cell<'_>) -> bool {
        match (self, other) {
            (Cell::Number(a), Cell::Number(b)) => a == b,
            (Cell::Number(_), _) | (_, Cell::Number(_)) => false,
            (a, b) => a.as_text() == b.as_text(),
        }
    }
}

/// As JSON: `null`, a number, or the text shown.
impl Serialize for Cell<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Number(n) => serializer.serialize_u64(*n),
            other => match other.as_text() {
                text if text.is_empty() => serializer.serialize_none(),
                text => serializer.serialize_str(&text),
            },
        }
    }
}

impl From<String> for Cell<'_> {
    fn from(text: String) -> Self {
        if text.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(Cow::Owned(text))
        }
    }
}

impl<'g> From<&'g str> for Cell<'g> {
    fn from(text: &'g str) -> Self {
        if text.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(Cow::Borrowed(text))
        }
    }
}

impl From<Option<String>> for Cell<'_> {
    fn from(text: Option<String>) -> Self {
        text.map_or(Cell::Empty, Cell::from)
    }
}

impl<'g> From<Option<&'g str>> for Cell<'g> {
    fn from(text: Option<&'g str>) -> Self {
        text.map_or(Cell::Empty, Cell::from)
    }
}

impl From<usize> for Cell<'_> {
    fn from(n: usize) -> Self {
        Cell::Number(n as u64)
    }
}

/// A titled table of rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section<'g> {
    /// snake_case name, the `section` field of JSON rows.
    pub name: String,
    /// Heading for people.
    pub title: String,
    /// snake_case column names.
    pub columns: Vec<&'static str>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<Cell<'g>>>,
}

impl<'g> Section<'g> {
    /// An empty section.
    pub fn new(name: &str, title: impl Into<String>, columns: &[&'static str]) -> Section<'g> {
        Section {
            name: name.to_string(),
            title: title.into(),
            columns: columns.to_vec(),
            rows: Vec::new(),
        }
    }

    /// Appends a row.
    pub fn push(&mut self, row: Vec<Cell<'g>>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }
}

/// A query's answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Answer<'g> {
    /// Sections in reading order; empty sections are kept so scripts see them.
    pub sections: Vec<Section<'g>>,
    /// Plain-text lines to show before the tables (help text, summaries).
    pub text: Vec<String>,
    /// Whether rows name their section in JSON and CSV. Set for verbs whose
    /// answers have parts (cards, chains, groups), so their fields stay the
    /// same whatever the reference names.
    pub sectioned: bool,
}
