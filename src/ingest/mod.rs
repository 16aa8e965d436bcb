//! Corpora in and out: opinions (with their citations) and the curated
//! annotations become a [`Corpus`], the graph and the opinions it was built
//! from.
//!
//! A corpus comes in two forms, and [`open`] takes either:
//!
//! * the **source form** ([`load`]): `DIR/opinions/*.toml` (metadata naming
//!   a text file beside it) and `DIR/annotations/*.toml`, as in the bundled
//!   `data/`;
//! * the **ingested form** ([`store`]): `DIR/corpus.sqlite`, written by
//!   [`ingest`] from text, HTML and JSON Lines files ([`input`]). It holds
//!   the texts, their extractions and the annotation sources, so it is
//!   self-contained.
//!
//! Both are turned into a graph the same way ([`assemble`]): citations of
//! one case under several keys (parallel cites, short forms that only the
//! rest of the corpus explains) meet on one node, and an opinion that others
//! cite becomes the node they cite ([`resolve`] holds the rules). Every
//! problem is an [`Error`] that names the file, the line and the reason.
//!
//! This module never prints: [`ingest`] returns a [`Summary`] and draws a
//! progress bar only when asked to.

pub mod annotations;
mod assemble;
mod court;
mod extract;
pub mod input;
mod link;
mod names;
pub mod passages;
mod progress;
pub mod resolve;
mod run;
mod snapshot;
mod source;
pub mod store;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::cite::Extraction;
use crate::graph::{Graph, NodeId};

pub use input::Rejection;
pub use run::{Options, Summary, ingest, ingest_and_open};
pub use source::read_meta;

/// Why a corpus could not be loaded, opened or written.
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
    /// The directory holds neither `corpus.sqlite` nor `opinions/`.
    #[error("{}: {reason}", .path.display())]
    NotACorpus {
        /// The directory or database.
        path: PathBuf,
        /// What is missing or wrong.
        reason: String,
    },
    /// The corpus database failed.
    #[error("{}: {source}", .path.display())]
    Store {
        /// The database.
        path: PathBuf,
        /// SQLite's complaint.
        source: rusqlite::Error,
    },
    /// Another process holds the corpus for writing and did not let go in time.
    #[error(
        "{}: another process is writing this corpus; try again when it has finished",
        .path.display()
    )]
    Busy {
        /// The database.
        path: PathBuf,
    },
    /// An input of `lexgraph ingest` that could not be taken in.
    #[error("{0}")]
    Input(Rejection),
}

/// An opinion's metadata, as `DIR/opinions/<id>.toml` gives it (and as
/// [`input`] reads it from JSON Lines, HTML and text files).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// The opinion's own citation (`466 U.S. 668`, parallel cites separated
    /// by commas), when the source gives it: other opinions' citations of
    /// it then land on this opinion.
    #[serde(default)]
    pub citation: Option<String>,
    /// The text file, relative to the metadata file; for ingested opinions,
    /// the input file they came from.
    pub text: PathBuf,
}

impl OpinionMeta {
    /// Year of decision, from the ISO date.
    pub fn year(&self) -> Option<i32> {
        self.date.as_deref()?.get(..4)?.parse().ok()
    }
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
    /// The opinions, in corpus order (file-name order for the source form,
    /// ingestion order for an ingested corpus).
    pub opinions: Vec<LoadedOpinion>,
}

/// Name of the database file of an ingested corpus.
pub const DATABASE: &str = "corpus.sqlite";

/// The bundled corpus (`data/` of the crate): what `--corpus` defaults to,
/// and what a new ingested corpus starts from.
pub fn bundled() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))
}

/// Opens the corpus in `dir`, whichever form it has: `DIR/corpus.sqlite`
/// when present, else the source form of `DIR/opinions/` and
/// `DIR/annotations/`.
pub fn open(dir: &Path) -> Result<Corpus, Error> {
    let database = dir.join(DATABASE);
    if database.is_file() {
        return store::open(&database);
    }
    if dir.join("opinions").is_dir() || dir.join("annotations").is_dir() {
        return load(dir);
    }
    Err(Error::NotACorpus {
        path: dir.to_path_buf(),
        reason: format!(
            "no corpus here: expected {DATABASE} (made by `lexgraph ingest`) or opinions/ and annotations/"
        ),
    })
}

/// The opinions of a corpus opened by [`open_graph`]: at hand when its
/// graph had to be built from them, else still in the database, read only
/// when something (a full-text index to rebuild) needs them.
#[derive(Debug)]
pub enum Opinions {
    /// Already read.
    Loaded(Vec<LoadedOpinion>),
    /// In the database at this path.
    Stored(PathBuf),
}

impl Opinions {
    /// The opinions, reading them from the database if need be; `graph` is
    /// the corpus's graph, which gives each its node.
    pub fn load(self, graph: &Graph) -> Result<Vec<LoadedOpinion>, Error> {
        match self {
            Opinions::Loaded(opinions) => Ok(opinions),
            Opinions::Stored(database) => store::read_opinions(&database, graph),
        }
    }
}

/// Opens the corpus in `dir` for questions: its graph, from the snapshot
/// beside an ingested corpus's database when that is current (see
/// [`snapshot`]), else built as [`open`] builds it and snapshotted for the
/// next start. The opinions come along only when they were read anyway.
pub fn open_graph(dir: &Path) -> Result<(Graph, Opinions), Error> {
    let database = dir.join(DATABASE);
    if database.is_file() {
        let fingerprint = snapshot::fingerprint(&database);
        if let Some(graph) = fingerprint
            .as_deref()
            .and_then(|print| snapshot::read(&database, print))
        {
            return Ok((graph, Opinions::Stored(database)));
        }
        let corpus = store::open(&database)?;
        if let Some(print) = fingerprint {
            // Best effort: a corpus that cannot take a snapshot still opens.
            let _ = snapshot::write(&database, &print, &corpus.graph);
        }
        return Ok((corpus.graph, Opinions::Loaded(corpus.opinions)));
    }
    let corpus = open(dir)?;
    Ok((corpus.graph, Opinions::Loaded(corpus.opinions)))
}

/// Snapshots `graph` as the graph of the ingested corpus in `dir`, as its
/// database is now, so that this program's next [`open_graph`] reads it
/// instead of building one from the database: for graphs made otherwise (a
/// benchmark's synthetic corpus). Returns whether the snapshot was written.
pub fn snapshot_graph(dir: &Path, graph: &Graph) -> bool {
    let database = dir.join(DATABASE);
    snapshot::fingerprint(&database).is_some_and(|print| snapshot::write(&database, &print, graph))
}

/// Loads the source-form corpus in `dir`: its opinions, then its annotations.
pub fn load(dir: &Path) -> Result<Corpus, Error> {
    let corpus = source::read(dir)?;
    let reporters = crate::cite::reporters::Reporters::bundled();
    let opinions: Vec<assemble::Entry> = corpus
        .opinions
        .into_iter()
        .map(|opinion| {
            let extraction = crate::cite::extract(&opinion.text, &reporters);
            let own = opinion
                .meta
                .citation
                .as_deref()
                .map(|c| resolve::own_keys(c, &reporters))
                .unwrap_or_default();
            assemble::Entry {
                meta: opinion.meta,
                text: opinion.text,
                extraction,
                own,
            }
        })
        .collect();
    let annotations = corpus
        .annotations
        .iter()
        .map(|a| annotations::parse(&a.source, &a.file))
        .collect::<Result<Vec<_>, _>>()?;
    let resolution = assemble::resolution(&opinions);
    assemble::corpus(opinions, &resolution, &annotations)
}
