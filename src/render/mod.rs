//! Output for people and scripts: an [`Answer`](crate::query::Answer) as a
//! comfy-table table fitted to the terminal, JSON, CSV or Markdown; and
//! [`error`], the one place any error becomes text.

pub mod error;
mod table;

use serde_json::{Map, Value};

use crate::query::Answer;

pub use error::error;
pub use table::table;

/// Whether output may use terminal colors: standard output is a terminal
/// and `NO_COLOR` is not set.
pub fn color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Tables with borders, wrapped to the terminal width.
    #[default]
    Table,
    /// A JSON array of row objects.
    Json,
    /// Comma-separated values with a header row.
    Csv,
    /// GitHub-flavoured Markdown tables.
    Markdown,
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(text: &str) -> Result<Format, String> {
        match text.to_ascii_lowercase().as_str() {
            "table" => Ok(Format::Table),
            "json" => Ok(Format::Json),
            "csv" => Ok(Format::Csv),
            "markdown" | "md" => Ok(Format::Markdown),
            other => Err(format!(
                "unknown format `{other}`; use table, json, csv or markdown"
            )),
        }
    }
}

/// Renders `answer` in `format`; tables wrap to `width` columns when given
/// and highlight search matches in color when `color`.
pub fn answer(answer: &Answer, format: Format, width: Option<u16>, color: bool) -> String {
    match format {
        Format::Table => table(answer, width, color),
        Format::Json => json(answer),
        Format::Csv => csv(answer),
        Format::Markdown => markdown(answer),
    }
}

/// Whether the answer spans several sections, so each row says which.
fn sectioned(answer: &Answer) -> bool {
    answer.sectioned || answer.sections.len() > 1
}

/// Rows as JSON objects with snake_case fields; a `section` field is added
/// when the answer has several sections.
pub fn json(answer: &Answer) -> String {
    let mut rows = Vec::new();
    for section in &answer.sections {
        for row in &section.rows {
            let mut object = Map::new();
            if sectioned(answer) {
                object.insert("section".into(), Value::String(section.name.clone()));
            }
            for (column, cell) in section.columns.iter().zip(row) {
                object.insert(
                    (*column).to_string(),
                    serde_json::to_value(cell).unwrap_or(Value::Null),
                );
            }
            rows.push(Value::Object(object));
        }
    }
    if rows.is_empty() && !answer.text.is_empty() {
        return serde_json::to_string_pretty(&answer.text).unwrap_or_default() + "\n";
    }
    serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n"
}

/// CSV with a header; a `section` column is added when there are several.
pub fn csv(answer: &Answer) -> String {
    // Sections differ in their columns, so records differ in length.
    let mut out = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let mut header_written = false;
    for section in &answer.sections {
        if !header_written || sectioned(answer) {
            let mut header: Vec<&str> = Vec::new();
            if sectioned(answer) {
                header.push("section");
            }
            header.extend(section.columns.iter().copied());
            // Writing into memory cannot fail.
            let _ = out.write_record(&header);
            header_written = true;
        }
        for row in &section.rows {
            let mut record: Vec<String> = Vec::new();
            if sectioned(answer) {
                record.push(section.name.clone());
            }
            record.extend(row.iter().map(|c| c.text()));
            let _ = out.write_record(&record);
        }
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn markdown_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// Markdown: the text lines, then a `###` heading and a table per section.
pub fn markdown(answer: &Answer) -> String {
    let mut out = String::new();
    for line in &answer.text {
        out.push_str(line);
        out.push_str("\n\n");
    }
    for section in &answer.sections {
        out.push_str(&format!("### {}\n\n", markdown_cell(&section.title)));
        if section.rows.is_empty() {
            out.push_str("_none_\n\n");
            continue;
        }
        out.push_str(&format!(
            "| {} |\n",
            section
                .columns
                .iter()
                .map(|c| heading(c))
                .collect::<Vec<_>>()
                .join(" | ")
        ));
        out.push_str(&format!("|{}\n", "---|".repeat(section.columns.len())));
        for row in &section.rows {
            let cells: Vec<String> = row.iter().map(|c| markdown_cell(&c.text())).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out.push('\n');
    }
    out
}

/// A column name for people: `first_place` → `First place`.
pub fn heading(column: &str) -> String {
    let spaced = column.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Node and edge counts as `lexgraph check` prints them.
pub fn counts<'g>(
    (nodes, edges): &(
        std::collections::BTreeMap<&'static str, usize>,
        std::collections::BTreeMap<&'static str, usize>,
    ),
) -> Answer<'g> {
    use crate::query::{Cell, Section};
    let mut answer = Answer {
        sectioned: true,
        ..Answer::default()
    };
    for (name, title, counts) in [("nodes", "Nodes", nodes), ("edges", "Edges", edges)] {
        let mut section = Section::new(name, title, &["kind", "count"]);
        for (kind, count) in counts {
            section.push(vec![Cell::from(*kind), Cell::from(*count)]);
        }
        answer.sections.push(section);
    }
    answer
}

/// Extracted citations as a table: type, text, pin, signal, authority, place.
pub fn citations(citations: &[crate::cite::Citation]) -> Answer<'_> {
    use crate::query::{Cell, Section};
    let mut section = Section::new(
        "citations",
        "Citations",
        &[
            "n",
            "type",
            "text",
            "pin_cite",
            "signal",
            "authority",
            "resolved_to",
            "place",
        ],
    );
    for (i, c) in citations.iter().enumerate() {
        section.push(vec![
            Cell::from(i),
            Cell::from(c.kind.name()),
            Cell::from(
                c.matched_text
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            Cell::from(c.pin_cite.clone()),
            Cell::from(c.signal.map(|s| s.words())),
            Cell::from(c.authority.clone()),
            Cell::from(c.resolved_to.map(|r| r.to_string())),
            Cell::from(crate::query::eval::place(&c.location)),
        ]);
    }
    Answer {
        sections: vec![section],
        ..Answer::default()
    }
}
