//! JSON Lines of opinions: one object a line with `id`, `case_name`, `text`
//! and, optionally, `court` (as written: `1st Cir.`), `court_id`, `date`
//! (ISO), `citation` (the opinion's own, a string or a list of parallel
//! cites), `short_name`, `docket_number`, `judge`, `judge_title`,
//! `document_type`. Other fields (`source`, …) are ignored; a text in HTML
//! is kept as the text it reads as (see [`html`](super::html)); a date as
//! written (`April 20, 2010`) becomes ISO, and what the record lacks (court,
//! date, docket, own citation) is read from the text's caption. A line that does
//! not parse is rejected with its line and column; the lines after it are
//! still read. Blank lines are skipped.

use std::io::{BufRead, BufReader};
use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;

use super::{Candidate, Inputs, Origin, Rejection};
use crate::cite::reporters::Reporters;
use crate::ingest::OpinionMeta;

/// An id as JSON may write it: a string or a number.
#[derive(Deserialize)]
#[serde(untagged)]
enum Id {
    Text(String),
    Number(serde_json::Number),
}

/// One citation, or several parallel ones.
#[derive(Deserialize)]
#[serde(untagged)]
enum Cites {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
struct Record {
    id: Id,
    case_name: String,
    text: String,
    #[serde(default)]
    court: Option<String>,
    #[serde(default)]
    court_id: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    citation: Option<Cites>,
    #[serde(default)]
    short_name: Option<String>,
    #[serde(default)]
    docket_number: Option<String>,
    #[serde(default)]
    judge: Option<String>,
    #[serde(default)]
    judge_title: Option<String>,
    #[serde(default)]
    document_type: Option<String>,
}

fn nonempty(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The candidate a record describes, or why it cannot be one.
fn candidate(
    record: Record,
    origin: Origin,
    file: &Path,
    reporters: &Reporters,
) -> Result<Candidate, String> {
    let id = match record.id {
        Id::Text(id) => id.trim().to_string(),
        Id::Number(n) => n.to_string(),
    };
    if id.is_empty() {
        return Err("empty `id`".to_string());
    }
    if record.text.trim().is_empty() {
        return Err(format!("opinion `{id}` has an empty `text`"));
    }
    let given = match record.citation {
        Some(Cites::One(c)) => nonempty(Some(c)),
        Some(Cites::Many(cs)) => nonempty(Some(cs.join(", "))),
        None => None,
    };
    // Stored as the text it reads as, like an HTML file.
    let text = if super::html::looks_like_html(&record.text) {
        super::html::to_text(&record.text).text
    } else {
        record.text
    };
    // What the record leaves out, its caption may state (public-domain
    // reprints head the text with the opinion's own citation).
    let caption = super::caption::read(&text, reporters);
    let court_of = |c: &Option<String>| {
        c.as_deref()
            .and_then(|c| crate::ingest::court::id(c, reporters))
    };
    let court = nonempty(record.court);
    let court_id = nonempty(record.court_id)
        .or_else(|| court_of(&court))
        .or_else(|| court_of(&caption.court));
    let court = court.or(caption.court);
    let citation = given.or(caption.citation);
    let date = nonempty(record.date).map(|d| super::caption::iso_date(&d).unwrap_or(d));
    let date = date.or(caption.date);
    let case_name = record.case_name.trim().trim_end_matches([';', ',']).trim();
    Ok(Candidate {
        meta: OpinionMeta {
            id,
            case_name: case_name.to_string(),
            short_name: nonempty(record.short_name),
            court,
            court_id,
            docket_number: nonempty(record.docket_number).or(caption.docket_number),
            judge: nonempty(record.judge),
            judge_title: nonempty(record.judge_title),
            date,
            document_type: nonempty(record.document_type),
            citation,
            text: file.to_path_buf(),
        },
        text,
        origin,
    })
}

/// serde_json's reason, with "at line 1 column 80" cut to the column:
/// on one line, the column is what helps.
fn reason(e: &serde_json::Error) -> String {
    let reason = e.to_string();
    match reason.rsplit_once(" at line ") {
        Some((what, at)) => match at.split_once(" column ") {
            Some((_, column)) => format!("{what} at column {column}"),
            None => what.to_string(),
        },
        None => reason,
    }
}

/// Takes in one parsed line (or document) of `file`.
fn take(
    parsed: Result<Record, serde_json::Error>,
    file: &Path,
    line: usize,
    reporters: &Reporters,
    inputs: &mut Inputs,
) {
    admit(parse(parsed, file, line, reporters), file, line, inputs);
}

/// Takes in the candidate of line `line` of `file`, or its rejection.
fn admit(result: Result<Candidate, String>, file: &Path, line: usize, inputs: &mut Inputs) {
    match result {
        Ok(candidate) => inputs.opinions.push(candidate),
        Err(reason) => inputs.reject(file, Some(line), reason),
    }
}

/// The candidate of one parsed line (or document) of `file`, or why it is
/// not one.
fn parse(
    parsed: Result<Record, serde_json::Error>,
    file: &Path,
    line: usize,
    reporters: &Reporters,
) -> Result<Candidate, String> {
    let origin = Origin {
        file: file.to_path_buf(),
        line: Some(line),
    };
    parsed
        .map_err(|e| reason(&e))
        .and_then(|record| candidate(record, origin, file, reporters))
}

/// Why a JSON Lines file could not be read to its end: at which line
/// (none when it could not be opened), and the reason.
type Broken = (Option<usize>, String);

/// Hands each line of the file at `path` that is not blank to `each`, with
/// its 1-based number: its bytes, or why they are not JSON (a NUL byte).
/// Returns the bytes read.
fn each_line(
    path: &Path,
    mut each: impl FnMut(usize, Result<&[u8], String>),
) -> Result<u64, Broken> {
    let file = std::fs::File::open(path).map_err(|e| (None, e.to_string()))?;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut buffer = Vec::new();
    let mut line = 0;
    let mut bytes = 0;
    loop {
        buffer.clear();
        match reader.read_until(b'\n', &mut buffer) {
            Ok(0) => return Ok(bytes),
            Ok(n) => bytes += n as u64,
            Err(e) => return Err((Some(line + 1), e.to_string())),
        }
        line += 1;
        if buffer.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match buffer.iter().position(|&b| b == 0) {
            Some(at) => each(
                line,
                Err(format!(
                    "binary data (a NUL byte at column {}), not JSON",
                    at + 1
                )),
            ),
            None => each(line, Ok(&buffer)),
        }
    }
}

/// Bytes of lines read before they are parsed, all at once.
const BATCH_BYTES: usize = 4 << 20;

/// Reads the JSON Lines file at `path`. Lines are parsed in batches on
/// every core (a record's caption is read too), and taken in in order.
pub(super) fn read(path: &Path, reporters: &Reporters, inputs: &mut Inputs) {
    read_in_batches(path, reporters, inputs, BATCH_BYTES);
}

/// [`read`], parsing once `batch_bytes` of lines are read.
fn read_in_batches(path: &Path, reporters: &Reporters, inputs: &mut Inputs, batch_bytes: usize) {
    let mut batch: Vec<(usize, Result<Vec<u8>, String>)> = Vec::new();
    let mut batched = 0;
    let mut parse_batch = |batch: &mut Vec<(usize, Result<Vec<u8>, String>)>| {
        let parsed: Vec<(usize, Result<Candidate, String>)> = batch
            .par_drain(..)
            .map(|(line, bytes)| {
                let parsed = bytes
                    .and_then(|bytes| parse(serde_json::from_slice(&bytes), path, line, reporters));
                (line, parsed)
            })
            .collect();
        for (line, parsed) in parsed {
            admit(parsed, path, line, inputs);
        }
    };
    let read = each_line(path, |line, bytes| {
        batched += bytes.as_ref().map_or(0, |b| b.len());
        batch.push((line, bytes.map(<[u8]>::to_vec)));
        if batched >= batch_bytes {
            parse_batch(&mut batch);
            batched = 0;
        }
    });
    parse_batch(&mut batch);
    match read {
        Ok(bytes) => inputs.bytes += bytes,
        Err((line, reason)) => inputs.reject(path, line, reason),
    }
}

/// One opinion of a JSON Lines file with its text as written (HTML left
/// as HTML): what `lexgraph extract` reads, so that its spans index the
/// record's `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The 1-based line.
    pub line: usize,
    /// The record's `id`.
    pub id: String,
    /// The record's `text`.
    pub text: String,
}

#[derive(Deserialize)]
struct IdAndText {
    id: Id,
    text: String,
}

/// The opinions of the JSON Lines file at `path` as written, in order, with
/// a [`Rejection`] for each line that is not one. A file that cannot be
/// read to its end ends with the rejection that says where.
pub fn written(path: &Path) -> Vec<Result<Written, Rejection>> {
    let reject = |line, reason| Rejection {
        origin: Origin {
            file: path.to_path_buf(),
            line,
        },
        reason,
    };
    let mut out = Vec::new();
    let read = each_line(path, |line, bytes| {
        let parsed = bytes
            .and_then(|bytes| serde_json::from_slice::<IdAndText>(bytes).map_err(|e| reason(&e)));
        out.push(match parsed {
            Ok(IdAndText { id, text }) => Ok(Written {
                line,
                id: match id {
                    Id::Text(id) => id.trim().to_string(),
                    Id::Number(n) => n.to_string(),
                },
                text,
            }),
            Err(reason) => Err(reject(Some(line), reason)),
        });
    });
    if let Err((line, reason)) = read {
        out.push(Err(reject(line, reason)));
    }
    out
}

/// Reads a `.json` file: one opinion object, or an array of them.
pub(super) fn read_document(path: &Path, text: &str, reporters: &Reporters, inputs: &mut Inputs) {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Array(items)) => {
            for item in items {
                take(serde_json::from_value(item), path, 1, reporters, inputs);
            }
        }
        Ok(value) => take(serde_json::from_value(value), path, 1, reporters, inputs),
        Err(e) => inputs.reject(path, Some(e.line()), e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_line_is_rejected_with_its_line_and_the_rest_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("o.jsonl");
        std::fs::write(
            &path,
            concat!(
                r#"{"id": "a", "case_name": "A v. B", "court": "1st Cir.", "date": "2010-01-02", "text": "One."}"#,
                "\n\n",
                r#"{"id": "b", "case_name": "C v. D", "text": "Two."#,
                "\n",
                r#"{"id": 7, "case_name": "E v. F;", "text": "Three.", "citation": ["1 U.S. 1", "2 S. Ct. 3"]}"#,
                "\n",
                r#"{"id": "d", "case_name": "G v. H"}"#,
                "\n",
            ),
        )
        .expect("write");
        // Whether each line is its own batch, the lines fall in two, or all
        // are one, what is read and rejected comes in line order.
        for batch_bytes in [1, 150, BATCH_BYTES] {
            let mut inputs = Inputs::default();
            read_in_batches(&path, &Reporters::bundled(), &mut inputs, batch_bytes);
            assert_two_read_two_rejected(&inputs);
        }
    }

    fn assert_two_read_two_rejected(inputs: &Inputs) {
        let ids: Vec<&str> = inputs.opinions.iter().map(|c| c.meta.id.as_str()).collect();
        assert_eq!(ids, ["a", "7"]);
        assert_eq!(inputs.opinions[0].meta.court_id.as_deref(), Some("ca1"));
        assert_eq!(inputs.opinions[1].meta.case_name, "E v. F");
        assert_eq!(
            inputs.opinions[1].meta.citation.as_deref(),
            Some("1 U.S. 1, 2 S. Ct. 3")
        );
        let lines: Vec<Option<usize>> = inputs.rejected.iter().map(|r| r.origin.line).collect();
        assert_eq!(lines, [Some(3), Some(5)]);
        assert!(
            inputs.rejected[0].reason.contains("column"),
            "{}",
            inputs.rejected[0]
        );
        assert!(
            inputs.rejected[1].reason.contains("missing field `text`"),
            "{}",
            inputs.rejected[1]
        );
    }
}
