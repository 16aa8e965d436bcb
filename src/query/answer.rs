//! What a query answers with: sections of rows under named columns. The
//! renderers print them as tables, JSON, CSV or Markdown; the column names
//! are the stable snake_case fields of the JSON output.

use serde::Serialize;

/// One value of a row.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    /// Nothing to show.
    Empty,
    /// A count.
    Number(u64),
    /// Text.
    Text(String),
}

impl Cell {
    /// The cell as plain text (empty for [`Cell::Empty`]).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Number(n) => n.to_string(),
            Cell::Text(t) => t.clone(),
        }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        if text.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(text)
        }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::from(text.to_string())
    }
}

impl From<Option<String>> for Cell {
    fn from(text: Option<String>) -> Cell {
        text.map_or(Cell::Empty, Cell::from)
    }
}

impl From<Option<&str>> for Cell {
    fn from(text: Option<&str>) -> Cell {
        text.map_or(Cell::Empty, Cell::from)
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Cell {
        Cell::Number(n as u64)
    }
}

/// A titled table of rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// snake_case name, the `section` field of JSON rows.
    pub name: String,
    /// Heading for people.
    pub title: String,
    /// snake_case column names.
    pub columns: Vec<&'static str>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<Cell>>,
}

impl Section {
    /// An empty section.
    pub fn new(name: &str, title: impl Into<String>, columns: &[&'static str]) -> Section {
        Section {
            name: name.to_string(),
            title: title.into(),
            columns: columns.to_vec(),
            rows: Vec::new(),
        }
    }

    /// Appends a row.
    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }
}

/// A query's answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Answer {
    /// Sections in reading order; empty sections are kept so scripts see them.
    pub sections: Vec<Section>,
    /// Plain-text lines to show before the tables (help text, summaries).
    pub text: Vec<String>,
    /// Whether rows name their section in JSON and CSV. Set for verbs whose
    /// answers have parts (cards, chains, groups), so their fields stay the
    /// same whatever the reference names.
    pub sectioned: bool,
}
