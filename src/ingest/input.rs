//! The inputs of `lexgraph ingest`: files and directories named on the
//! command line, read into opinions ([`Candidate`]), annotation files, and
//! [`Rejection`]s for what cannot be taken in (a broken JSON line, a binary
//! file), each naming its file and line.
//!
//! What a file is follows from its extension:
//!
//! | extension | read as |
//! |---|---|
//! | `.jsonl`, `.ndjson` | JSON Lines, one opinion a line ([`jsonl`]) |
//! | `.json` (named, not found in a directory) | one opinion object, or an array of them |
//! | `.html`, `.htm` | an opinion in HTML ([`html`]), metadata from its caption |
//! | `.txt`, `.text` | an opinion's text, metadata from its caption ([`caption`]) |
//! | `.toml` | an opinion's metadata naming its text (as in `data/opinions/`), or a curated annotation file (it has `opinion =`) |
//!
//! A text file with a metadata file beside it is read through the metadata.
//! In a directory, hidden files and files of other kinds are passed over; a
//! file named on the command line is read as text unless it is binary. This
//! module reads and never writes; it knows nothing of the store.

pub mod caption;
pub mod html;
pub mod jsonl;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::source::{self, AnnotationSource};
use super::{OpinionMeta, annotations};
use crate::cite::reporters::Reporters;

/// Where an input came from: a file, and the line of it for JSON Lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// The file, as named on the command line or found under a directory.
    pub file: PathBuf,
    /// 1-based line, for JSON Lines.
    pub line: Option<usize>,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.file.display()),
            None => write!(f, "{}", self.file.display()),
        }
    }
}

/// An opinion read from an input, not yet extracted.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Its metadata.
    pub meta: OpinionMeta,
    /// Its text (HTML already turned into text).
    pub text: String,
    /// Where it came from.
    pub origin: Origin,
}

/// An input, or a part of one, that was not taken in, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejection {
    /// Where.
    #[serde(flatten)]
    pub origin: Origin,
    /// Why, in lower case: `binary file`, `expected `,` or `}` at column 80`.
    pub reason: String,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.reason)
    }
}

/// What the inputs hold.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Opinions, in the order read.
    pub opinions: Vec<Candidate>,
    /// Curated annotation files.
    pub(super) annotations: Vec<AnnotationSource>,
    /// What could not be read.
    pub rejected: Vec<Rejection>,
    /// Files under the directories that are of no kind ingest reads.
    pub passed_over: usize,
    /// Bytes read.
    pub bytes: u64,
}

impl Inputs {
    fn reject(&mut self, file: &Path, line: Option<usize>, reason: impl Into<String>) {
        self.rejected.push(Rejection {
            origin: Origin {
                file: file.to_path_buf(),
                line,
            },
            reason: reason.into(),
        });
    }
}

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    JsonLines,
    Json,
    Html,
    Text,
    Toml,
}

fn kind_of(path: &Path, named: bool) -> Option<Kind> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "jsonl" | "ndjson" => Some(Kind::JsonLines),
        "json" if named => Some(Kind::Json),
        "html" | "htm" => Some(Kind::Html),
        "txt" | "text" => Some(Kind::Text),
        "toml" => Some(Kind::Toml),
        _ if named => Some(Kind::Text),
        _ => None,
    }
}

/// Whether the file at `path` is read as JSON Lines, one opinion a line.
pub fn is_json_lines(path: &Path) -> bool {
    kind_of(path, true) == Some(Kind::JsonLines)
}

/// Reads every opinion and annotation file under `paths`.
pub fn read(paths: &[PathBuf], reporters: &Reporters) -> Inputs {
    let mut inputs = Inputs::default();
    for path in paths {
        if path.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files, &mut inputs);
            for file in files {
                match kind_of(&file, false) {
                    Some(kind) => read_file(&file, kind, false, reporters, &mut inputs),
                    None => inputs.passed_over += 1,
                }
            }
        } else if let Some(kind) = kind_of(path, true) {
            read_file(path, kind, true, reporters, &mut inputs);
        }
    }
    inputs
}

/// The files under `dir`, depth first, sorted by name; hidden ones left out.
fn walk(dir: &Path, files: &mut Vec<PathBuf>, inputs: &mut Inputs) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return inputs.reject(dir, None, e.to_string()),
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, files, inputs);
        } else {
            files.push(path);
        }
    }
}

/// Why `bytes` are not text, if they are not: a NUL byte, or mostly
/// control bytes in the first 8 KiB (the rule `cite::extract_bytes` uses).
fn binary(bytes: &[u8]) -> Option<String> {
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Some(format!("a NUL byte at offset {at}"));
    }
    let head = &bytes[..bytes.len().min(8192)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    (control * 10 > head.len())
        .then(|| format!("{control} control bytes in the first {} bytes", head.len()))
}

fn utf8(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

fn read_file(path: &Path, kind: Kind, named: bool, reporters: &Reporters, inputs: &mut Inputs) {
    if kind == Kind::JsonLines {
        return jsonl::read(path, reporters, inputs);
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return inputs.reject(path, None, e.to_string()),
    };
    inputs.bytes += bytes.len() as u64;
    if let Some(why) = binary(&bytes) {
        return inputs.reject(
            path,
            None,
            format!("binary file ({why}), not text, HTML or JSON Lines"),
        );
    }
    let text = utf8(bytes);
    match kind {
        Kind::JsonLines => {}
        Kind::Json => jsonl::read_document(path, &text, reporters, inputs),
        Kind::Toml => read_toml(path, text, named, inputs),
        Kind::Html => {
            if !has_metadata_beside(path) {
                let page = html::to_text(&text);
                let candidate = from_caption(path, page.text, page.title, reporters);
                inputs.opinions.push(candidate);
            }
        }
        Kind::Text => {
            if !has_metadata_beside(path) {
                let candidate = from_caption(path, text, None, reporters);
                inputs.opinions.push(candidate);
            }
        }
    }
}

/// Whether `path.toml` beside the text is an opinion's metadata (which then
/// reads the text itself).
fn has_metadata_beside(path: &Path) -> bool {
    let toml = path.with_extension("toml");
    toml.is_file()
        && source::read_meta(&toml).is_ok_and(|meta| {
            toml.parent()
                .map(|dir| dir.join(&meta.text))
                .is_some_and(|text| same_file(&text, path))
        })
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// An opinion whose metadata comes from its caption (and `<title>`).
fn from_caption(
    path: &Path,
    text: String,
    title: Option<String>,
    reporters: &Reporters,
) -> Candidate {
    let found = caption::read(&text, reporters);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let court_id = found
        .court
        .as_deref()
        .and_then(|c| super::court::id(c, reporters));
    // As citations write it (`1st Cir.`), not as the caption spells it out.
    let court = court_id
        .as_deref()
        .and_then(super::court::citation_string)
        .map(str::to_string)
        .or(found.court);
    let meta = OpinionMeta {
        id: stem.clone(),
        case_name: found.case_name.or(title).unwrap_or(stem),
        short_name: None,
        court,
        court_id,
        docket_number: found.docket_number,
        judge: None,
        judge_title: None,
        date: found.date,
        document_type: None,
        citation: found.citation,
        text: path.to_path_buf(),
    };
    Candidate {
        meta,
        text,
        origin: Origin {
            file: path.to_path_buf(),
            line: None,
        },
    }
}

/// A TOML file: an opinion's metadata, or an annotation file.
fn read_toml(path: &Path, source: String, named: bool, inputs: &mut Inputs) {
    let table: toml::Table = match toml::from_str(&source) {
        Ok(table) => table,
        Err(e) => {
            let line = e.span().map(|s| annotations::line_of(&source, s.start));
            return inputs.reject(path, line, e.message().trim().to_string());
        }
    };
    if table.contains_key("opinion") {
        // Checked in full when linked; a syntax error shows now.
        match annotations::parse(&source, path) {
            Ok(_) => inputs.annotations.push(AnnotationSource {
                file: path.to_path_buf(),
                source,
            }),
            Err(e) => inputs.reject(path, e.line(), annotation_reason(&e)),
        }
    } else if table.contains_key("case_name") && table.contains_key("text") {
        match source::read_opinion(path) {
            Ok((meta, text)) => inputs.opinions.push(Candidate {
                meta,
                text,
                origin: Origin {
                    file: path.to_path_buf(),
                    line: None,
                },
            }),
            Err(super::Error::Metadata { line, reason, .. }) => {
                inputs.reject(path, Some(line), reason)
            }
            Err(e) => inputs.reject(path, None, e.to_string()),
        }
    } else if named {
        inputs.reject(
            path,
            None,
            "neither an opinion's metadata (`case_name`, `text`) nor annotations (`opinion`)",
        );
    } else {
        inputs.passed_over += 1;
    }
}

/// The reason of an annotation error, without the `file:line:` it starts with.
fn annotation_reason(e: &annotations::AnnotationError) -> String {
    let message = e.to_string();
    let prefix = match e.line() {
        Some(line) => format!("{}:{line}: ", e.file().display()),
        None => format!("{}: ", e.file().display()),
    };
    message
        .strip_prefix(&prefix)
        .map(str::to_string)
        .unwrap_or(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write");
        path
    }

    #[test]
    fn a_directory_yields_text_html_and_jsonl_and_passes_over_the_rest() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(
            dir.path(),
            "a.txt",
            b"Smith v. Jones\n\nThe court holds that it holds.\n",
        );
        write(
            dir.path(),
            "b.html",
            b"<html><title>Roe v. Doe</title><p>Held.</p></html>",
        );
        write(
            dir.path(),
            "c.jsonl",
            br#"{"id": "c1", "case_name": "A v. B", "text": "Text."}"#,
        );
        write(dir.path(), "d.png", b"\x89PNG\0\0");
        write(dir.path(), ".hidden.txt", b"x");
        let inputs = read(&[dir.path().to_path_buf()], &Reporters::bundled());
        let ids: Vec<&str> = inputs.opinions.iter().map(|c| c.meta.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c1"]);
        assert_eq!(inputs.opinions[1].meta.case_name, "Roe v. Doe");
        assert_eq!(inputs.passed_over, 1);
        assert!(inputs.rejected.is_empty(), "{:?}", inputs.rejected);
    }

    #[test]
    fn a_binary_file_named_on_the_command_line_is_rejected() {
        let dir = tempfile::tempdir().expect("tempdir");
        let png = write(dir.path(), "d.png", b"\x89PNG\r\n\x1a\n\0\0\0");
        let inputs = read(&[png], &Reporters::bundled());
        assert!(inputs.opinions.is_empty());
        assert_eq!(inputs.rejected.len(), 1);
        assert!(inputs.rejected[0].reason.starts_with("binary file"));
    }

    #[test]
    fn a_text_with_metadata_beside_it_is_read_once_through_the_metadata() {
        let inputs = read(&[crate::ingest::bundled()], &Reporters::bundled());
        let ids: Vec<&str> = inputs.opinions.iter().map(|c| c.meta.id.as_str()).collect();
        assert_eq!(ids, ["munoz-v-guevara"]);
        assert_eq!(inputs.opinions[0].meta.court_id.as_deref(), Some("ilnd"));
        assert_eq!(inputs.annotations.len(), 1);
        assert!(inputs.rejected.is_empty(), "{:?}", inputs.rejected);
    }
}
