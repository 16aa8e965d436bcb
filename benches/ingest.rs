//! Ingest and start-up, with divan: `cargo bench --bench ingest`.
//!
//! * `ingest_fixture` / `open_fixture`: the five opinions of
//!   `tests/fixtures/ingest/strickland.jsonl` ingested into a new corpus
//!   (seed included), and that corpus opened.
//! * `ingest_corpus` / `open_corpus`: the whole shared corpus
//!   (`../shared/corpus/opinions.jsonl`, or the JSON Lines file named by
//!   `LEXGRAPH_BENCH_CORPUS`): extraction, resolution, linking and the
//!   SQLite transaction, then what every command pays to start. Without the
//!   corpus they print a note and measure nothing.
//!
//! Each ingest writes a fresh corpus in a temporary directory; the opens
//! read one made once beforehand.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::Bencher;
use divan::counter::BytesCount;
use lexgraph::ingest::{self, Options};

fn main() {
    divan::main();
}

fn options() -> Options {
    Options {
        progress: false,
        ..Options::default()
    }
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest/strickland.jsonl")
}

/// The shared corpus, when this checkout has it beside it.
fn shared() -> Option<PathBuf> {
    let path = std::env::var("LEXGRAPH_BENCH_CORPUS").map_or_else(
        |_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/opinions.jsonl"),
        PathBuf::from,
    );
    if path.is_file() {
        Some(path)
    } else {
        eprintln!(
            "no corpus at {} (set LEXGRAPH_BENCH_CORPUS): nothing measured",
            path.display()
        );
        None
    }
}

fn bytes(path: &Path) -> BytesCount {
    BytesCount::new(std::fs::metadata(path).map_or(0, |m| m.len()))
}

/// Ingests `input` into a new corpus in a temporary directory.
fn ingest_into(input: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    ingest::ingest(dir.path(), &[input.to_path_buf()], &options()).expect("ingest succeeds");
    dir
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn ingest_fixture(bencher: Bencher) {
    let input = fixture();
    bencher.counter(bytes(&input)).bench(|| ingest_into(&input));
}

#[divan::bench(sample_count = 20)]
fn open_fixture(bencher: Bencher) {
    static CORPUS: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = CORPUS.get_or_init(|| ingest_into(&fixture()));
    bencher.bench(|| ingest::open(dir.path()).expect("opens"));
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn ingest_corpus(bencher: Bencher) {
    let Some(input) = shared() else { return };
    bencher.counter(bytes(&input)).bench(|| ingest_into(&input));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn open_corpus(bencher: Bencher) {
    static CORPUS: OnceLock<Option<tempfile::TempDir>> = OnceLock::new();
    let Some(dir) = CORPUS.get_or_init(|| shared().map(|input| ingest_into(&input))) else {
        return;
    };
    bencher.bench(|| ingest::open(dir.path()).expect("opens"));
}
