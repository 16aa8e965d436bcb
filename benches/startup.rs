//! Start-up of the shell on a persisted synthetic corpus of 100,000 opinions
//! and 1.16 million edges (the corpus of `benches/query.rs`), with divan:
//!
//!     cargo bench --bench startup
//!
//! * `open_synthetic`: what the shell does before it can answer — the
//!   graph from its snapshot beside the database ([`ingest::open_graph`]),
//!   then the full-text index opened from disk. A shell on a terminal
//!   shows its prompt first and does this on a second thread while its
//!   user types; `tools/shell_latency.py` times both, from outside;
//! * `snapshot_synthetic`: writing that snapshot, as the first open after
//!   an ingest does.
//!
//! The corpus is made once in a temporary directory: an ingested corpus of
//! the bundled opinion (so that the database and its search index are
//! real), whose graph snapshot is then replaced by the synthetic graph.
//! The search index is the seed's, so its opening costs what opening any
//! index costs, not what a 100,000-opinion index's does.
//!
//! Target: the shell starts in under 300 ms with the corpus
//! persisted (its prompt: see `docs/performance.md`).

use std::sync::OnceLock;

use divan::Bencher;
use lexgraph::graph::Graph;
use lexgraph::ingest::{self, Options};

mod common;

fn main() {
    divan::main();
}

/// The synthetic graph, made once.
fn graph() -> &'static Graph {
    static GRAPH: OnceLock<Graph> = OnceLock::new();
    GRAPH.get_or_init(common::synthetic)
}

/// The persisted corpus, made once.
fn corpus() -> &'static tempfile::TempDir {
    static CORPUS: OnceLock<tempfile::TempDir> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let options = Options {
            progress: false,
            ..Options::default()
        };
        ingest::ingest(dir.path(), &[], &options).expect("a corpus of the seed");
        let (seed, opinions) = ingest::open_graph(dir.path()).expect("opens");
        ingest::passages::index(dir.path(), &seed, || {
            opinions.load(&seed).map_err(lexgraph::Error::from)
        })
        .expect("a search index");
        assert!(
            ingest::snapshot_graph(dir.path(), graph()),
            "writes the snapshot"
        );
        let size = std::fs::metadata(dir.path().join("graph.snapshot")).map_or(0, |m| m.len());
        eprintln!("synthetic snapshot: {:.1} MB", size as f64 / 1e6);
        dir
    })
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn open_synthetic(bencher: Bencher) {
    let dir = corpus().path();
    bencher.bench(|| {
        let (graph, opinions) = ingest::open_graph(dir).expect("opens");
        // The snapshot, not the seed's database, must have been read.
        assert!(graph.by_id("op-99999").is_some(), "the synthetic graph");
        let index = ingest::passages::index(dir, &graph, || {
            opinions.load(&graph).map_err(lexgraph::Error::from)
        })
        .expect("opens the search index");
        (graph, index)
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn snapshot_synthetic(bencher: Bencher) {
    let dir = corpus().path();
    bencher.bench(|| ingest::snapshot_graph(dir, graph()));
}
