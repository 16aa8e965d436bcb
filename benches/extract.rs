//! Extraction throughput, with divan: `cargo bench --bench extract`.
//!
//! * `seed`: the seed opinion (44 KB), end to end (`cite::extract`).
//! * `corpus_one_document` and `corpus_many_documents`: the first 10 MB of
//!   the shared corpus (`../shared/corpus/opinions.jsonl`, or the JSON Lines
//!   file named by `LEXGRAPH_BENCH_CORPUS`), once as one concatenated
//!   document and once opinion by opinion, so the two show whether cost
//!   stays linear. Without the corpus they print a note and measure nothing.
//!   Many documents keep all their extractions, as one document does.
//! * `corpus_documents_of`: the same 10 MB joined into documents of about
//!   100 KB, 1 MB and 3 MB, between the two, to show how cost per byte
//!   changes with a document's size.
//! * `seed_repeated_one_document` and `seed_repeated_many_documents`: the
//!   seed repeated to 10 MB, as one document and as one per copy. The text
//!   is the same either way, so the two differ only in size. Joining
//!   different opinions also changes what the finder reads: the joined
//!   document takes one layout for all of them (hard-wrapped or not, paged
//!   or not, one margin), and an opinion's last footnote runs on into the
//!   opinions after it, as a footnote runs to the next page break.
//!
//! Each bench counts bytes, so divan reports throughput.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use lexgraph::cite::{extract, reporters::Reporters};
use std::sync::OnceLock;

/// The allocator the `lexgraph` binary runs with, so that the figures
/// are the command's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

const SEED: &str = include_str!("../data/opinions/munoz-v-guevara.txt");

/// How much of the corpus the corpus benches read.
const CORPUS_BYTES: usize = 10_000_000;

#[divan::bench]
fn seed(bencher: Bencher) {
    one_document(bencher, SEED);
}

/// Extracts `text` as one document.
fn one_document(bencher: Bencher, text: &str) {
    let reporters = Reporters::bundled();
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| extract(black_box(text), &reporters));
}

/// Extracts each of `documents` in turn and keeps every extraction, as a
/// caller that uses them does (ingest links them all). Dropping each as
/// soon as it is made would let the next reuse memory still in the cache,
/// which one long document's extraction cannot do: its citations all live
/// until it ends.
fn documents(bencher: Bencher, documents: &[impl AsRef<str> + Sync]) {
    let bytes: usize = documents.iter().map(|d| d.as_ref().len()).sum();
    let reporters = Reporters::bundled();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        documents
            .iter()
            .map(|document| extract(black_box(document.as_ref()), &reporters))
            .collect::<Vec<_>>()
    });
}

/// Copies of the seed, [`CORPUS_BYTES`] in all.
fn seed_copies() -> usize {
    CORPUS_BYTES / SEED.len()
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn seed_repeated_one_document(bencher: Bencher) {
    one_document(bencher, &vec![SEED; seed_copies()].join("\n\n"));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn seed_repeated_many_documents(bencher: Bencher) {
    documents(bencher, &vec![SEED; seed_copies()]);
}

/// The opinions of the corpus, up to [`CORPUS_BYTES`], or `None` without it.
fn corpus() -> Option<&'static [String]> {
    static CORPUS: OnceLock<Option<Vec<String>>> = OnceLock::new();
    CORPUS
        .get_or_init(|| {
            let path = std::env::var("LEXGRAPH_BENCH_CORPUS").unwrap_or_else(|_| {
                concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/../shared/corpus/opinions.jsonl"
                )
                .into()
            });
            let Ok(lines) = std::fs::read_to_string(&path) else {
                eprintln!("no corpus at {path}: corpus benches skipped");
                return None;
            };
            let mut texts = Vec::new();
            let mut total = 0;
            for line in lines.lines() {
                let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else {
                    continue;
                };
                let Some(text) = value["text"].as_str() else {
                    continue;
                };
                total += text.len();
                texts.push(text.to_string());
                if total >= CORPUS_BYTES {
                    break;
                }
            }
            Some(texts)
        })
        .as_deref()
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn corpus_one_document(bencher: Bencher) {
    let Some(texts) = corpus() else {
        bencher.bench(|| ());
        return;
    };
    one_document(bencher, &texts.join("\n\n"));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn corpus_many_documents(bencher: Bencher) {
    let Some(texts) = corpus() else {
        bencher.bench(|| ());
        return;
    };
    documents(bencher, texts);
}

/// The corpus opinions joined, in order, into documents of at least `size`
/// bytes (the last may be shorter).
fn joined(texts: &[String], size: usize) -> Vec<String> {
    let mut documents = vec![String::new()];
    for text in texts {
        if documents.last().is_some_and(|d| d.len() >= size) {
            documents.push(String::new());
        }
        if let Some(document) = documents.last_mut() {
            document.push_str(text);
            document.push_str("\n\n");
        }
    }
    documents
}

#[divan::bench(sample_count = 5, sample_size = 1, args = [100_000, 1_000_000, 3_000_000])]
fn corpus_documents_of(bencher: Bencher, size: usize) {
    let Some(texts) = corpus() else {
        bencher.bench(|| ());
        return;
    };
    documents(bencher, &joined(texts, size));
}
