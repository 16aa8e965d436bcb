//! Loading a corpus: the opinions of `DIR/opinions/` (text plus a TOML file
//! of metadata) are extracted with [`cite`](crate::cite) and added to a
//! [`Graph`]; the curated layer of `DIR/annotations/` ([`annotations`]) is
//! checked against what extraction found and linked in. Every problem is an
//! [`Error`] that names the file, the line and the reason.

pub mod annotations;
mod link;

use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::cite::{self, Extraction, reporters::Reporters};
use crate::graph::{Graph, NodeId, Opinion};

/// Why a corpus could not be loaded.
#[derive(Debug, Error)]
pub enum Error {
    /// A file or directory could not be read.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The failure.
        source: std::io::Error,
    },
    /// An opinion's metadata file is malformed.
    #[error("{}:{line}: {reason}", .file.display())]
    Metadata {
        /// The metadata file.
        file: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// An annotation file is malformed.
    #[error(transparent)]
    Annotation(#[from] annotations::AnnotationError),
    /// An annotation names something the corpus lacks, or names it ambiguously.
    #[error("{}:{line}: {reason}", .file.display())]
    Reference {
        /// The annotation file.
        file: PathBuf,
        /// 1-based line of the reference.
        line: usize,
        /// What is wrong, naming the bad reference.
        reason: String,
    },
}

/// An opinion's metadata, as `DIR/opinions/<id>.toml` gives it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpinionMeta {
    /// Stable id; the file stem by convention.
    pub id: String,
    /// Caption.
    pub case_name: String,
    /// Short name users type.
    pub short_name: Option<String>,
    /// Court as written (`N.D. Ill.`).
    pub court: Option<String>,
    /// Court id as courts-db names it (`ilnd`).
    pub court_id: Option<String>,
    /// Docket number.
    pub docket_number: Option<String>,
    /// Judge.
    pub judge: Option<String>,
    /// Judge's title.
    pub judge_title: Option<String>,
    /// ISO date of decision.
    pub date: Option<String>,
    /// Memorandum Opinion and Order, Opinion, …
    pub document_type: Option<String>,
    /// The text file, relative to the metadata file.
    pub text: PathBuf,
}

/// An opinion as loaded: metadata, text and extraction.
#[derive(Debug, Clone)]
pub struct LoadedOpinion {
    /// Its metadata.
    pub meta: OpinionMeta,
    /// Its full text.
    pub text: String,
    /// Its citations and paragraph structure.
    pub extraction: Extraction,
    /// Its node in the graph.
    pub node: NodeId,
}

/// A loaded corpus: the graph and the opinions it was built from.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// The knowledge graph.
    pub graph: Graph,
    /// The opinions, in file-name order.
    pub opinions: Vec<LoadedOpinion>,
}

fn read(path: &Path) -> Result<String, Error> {
    std::fs::read(path)
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })
}

/// The files of `dir` ending in `extension`, sorted; none when `dir` is absent.
fn files(dir: &Path, extension: &str) -> Result<Vec<PathBuf>, Error> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        if path.extension().is_some_and(|e| e == extension) {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

/// Reads an opinion's metadata file.
pub fn read_meta(file: &Path) -> Result<OpinionMeta, Error> {
    let source = read(file)?;
    toml::from_str(&source).map_err(|e| Error::Metadata {
        file: file.to_path_buf(),
        line: e
            .span()
            .map_or(1, |span| annotations::line_of(&source, span.start)),
        reason: e.message().to_string(),
    })
}

/// Loads the corpus in `dir`: its opinions, then its annotations.
pub fn load(dir: &Path) -> Result<Corpus, Error> {
    if !dir.is_dir() {
        return Err(Error::Io {
            path: dir.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no corpus directory here"),
        });
    }
    let reporters = Reporters::bundled();
    let mut graph = Graph::new();
    let mut opinions = Vec::new();
    for file in files(&dir.join("opinions"), "toml")? {
        let meta = read_meta(&file)?;
        let text_path = file.parent().unwrap_or(dir).join(&meta.text);
        let text = read(&text_path)?;
        let extraction = cite::extract(&text, &reporters);
        let node = graph.add_opinion(Opinion {
            id: meta.id.clone(),
            case_name: meta.case_name.clone(),
            short_name: meta.short_name.clone(),
            court_name: meta.court.clone(),
            court: meta.court_id.clone(),
            docket_number: meta.docket_number.clone(),
            judge: meta.judge.clone(),
            date: meta.date.clone(),
            document_type: meta.document_type.clone(),
        });
        graph.add_citations(node, &extraction.citations);
        opinions.push(LoadedOpinion {
            meta,
            text,
            extraction,
            node,
        });
    }
    for file in files(&dir.join("annotations"), "toml")? {
        let annotations = annotations::load(&file)?;
        link::annotations(&mut graph, &opinions, &file, &annotations)?;
    }
    Ok(Corpus { graph, opinions })
}
