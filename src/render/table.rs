//! Answers as comfy-table tables, one per section, wrapped to a width.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};

use super::heading;
use crate::query::Answer;
use crate::search::{MARK_END, MARK_START};

/// Renders every section as a table, no wider than `width` columns when
/// given; without a width (output to a pipe) cells are not wrapped, so
/// nothing a script greps for is split across lines.
///
/// With `color`, the `[[`…`]]` markers of search snippets become bold
/// yellow; without it they stay, so a match is still visible.
pub fn table(answer: &Answer, width: Option<u16>, color: bool) -> String {
    let mut out = String::new();
    for line in &answer.text {
        out.push_str(line);
        out.push('\n');
    }
    for section in &answer.sections {
        if !out.is_empty() {
            out.push('\n');
        }
        if section.rows.is_empty() {
            out.push_str(&format!("{}: none\n", section.title));
            continue;
        }
        out.push_str(&format!("{} ({})\n", section.title, section.rows.len()));
        let mut table = Table::new();
        table
            .load_style(UTF8_FULL_CONDENSED)
            .set_header(section.columns.iter().map(|c| heading(c)));
        if let Some(width) = width {
            table
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(width);
        }
        for row in &section.rows {
            table.add_row(row.iter().map(|c| {
                let text = c.text();
                if color {
                    text.replace(MARK_START, "\x1b[1;33m")
                        .replace(MARK_END, "\x1b[0m")
                } else {
                    text
                }
            }));
        }
        out.push_str(&table.to_string());
        out.push('\n');
    }
    out
}
