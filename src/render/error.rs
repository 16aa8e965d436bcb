//! The one place errors become text: a parse error gets its line, a caret
//! under the column and what was expected; the rest print their message.

use crate::Error;

/// Renders `error` for people, on as many lines as it needs.
pub fn error(error: &Error) -> String {
    match error {
        Error::Parse(e) => {
            let caret = " ".repeat(e.column.saturating_sub(1));
            format!(
                "error: the query does not parse at line {}, column {}\n  {}\n  {caret}^ {}\n",
                e.line, e.column, e.text, e.expected
            )
        }
        Error::Search(crate::search::Error::Syntax {
            query,
            column,
            expected,
        }) => {
            let caret = " ".repeat(column.saturating_sub(1));
            format!(
                "error: the search does not parse at column {column}\n  {query}\n  {caret}^ {expected}\n"
            )
        }
        other => format!("error: {other}\n"),
    }
}

/// Renders `error` as a JSON object for scripts.
pub fn json(error: &Error) -> String {
    let value = match error {
        Error::Parse(e) => serde_json::json!({
            "error": "parse",
            "line": e.line,
            "column": e.column,
            "expected": e.expected,
        }),
        other => serde_json::json!({ "error": other.to_string() }),
    };
    value.to_string() + "\n"
}
