//! Full-text search: indexing speed and query latency on the ingested
//! shared corpus (when `../shared/corpus/opinions.jsonl` is there) and on a
//! synthetic corpus.
//!
//!     cargo bench --bench search
//!     LEXGRAPH_BENCH_OPINIONS=100000 cargo bench --bench search   # the full-size synthetic corpus
//!
//! Targets (issue 5): term, phrase and `/s` queries p50 under 5 ms and p99
//! under 50 ms; indexing at least 20 MB/s.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lexgraph::ingest;
use lexgraph::search::{Index, Passage, PassageKind};

const SAMPLES: usize = 200;

const QUERIES: &[(&str, &[&str])] = &[
    (
        "term",
        &[
            "privilege",
            "prosecutor",
            "subpoena",
            "habeas",
            "counsel",
            "jurisdiction",
        ],
    ),
    (
        "phrase",
        &[
            "\"work product\"",
            "\"particularized need\"",
            "\"summary judgment\"",
            "\"due process\"",
        ],
    ),
    (
        "/s",
        &[
            "prosecutor /s civil",
            "privilege /s waive!",
            "counsel /s ineffective",
            "court /s jurisdiction",
        ],
    ),
    ("/p", &["privilege! /p waive!", "subpoena /p burden"]),
    (
        "natural language",
        &["which opinions say a prosecutor's files are not work product"],
    ),
];

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1e3
}

fn latencies(index: &Index) {
    for (label, queries) in QUERIES {
        let mut times = Vec::with_capacity(SAMPLES);
        let mut hits = 0;
        for i in 0..SAMPLES {
            let started = Instant::now();
            hits += index
                .search(queries[i % queries.len()], 20)
                .map_or(0, |h| h.len());
            times.push(started.elapsed());
        }
        times.sort();
        println!(
            "  {label:<18} p50 {:>7.3} ms   p99 {:>7.3} ms   ({} hits per query on average)",
            percentile(&times, 0.5),
            percentile(&times, 0.99),
            hits / SAMPLES
        );
    }
}

fn megabytes(passages: &[Passage]) -> f64 {
    passages.iter().map(|p| p.text.len()).sum::<usize>() as f64 / 1e6
}

/// The shared corpus, ingested into a temporary directory.
fn shared(corpus: &Path) {
    let dir = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    let options = ingest::Options {
        progress: false,
        ..ingest::Options::default()
    };
    if let Err(e) = ingest::ingest(dir.path(), &[corpus.to_path_buf()], &options) {
        println!("ingest failed: {e}");
        return;
    }
    println!(
        "shared corpus: ingested in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    let opened = Instant::now();
    let Ok(loaded) = ingest::open(dir.path()) else {
        return;
    };
    println!(
        "  corpus opened in {:.0} ms",
        opened.elapsed().as_secs_f64() * 1e3
    );
    let passages = ingest::passages::passages(&loaded.graph, &loaded.opinions);
    let started = Instant::now();
    let index = ingest::passages::index(dir.path(), &loaded.graph, || {
        Ok::<_, lexgraph::search::Error>(loaded.opinions)
    })
    .expect("index");
    let secs = started.elapsed().as_secs_f64();
    println!(
        "  index built: {} passages, {:.1} MB in {:.2} s = {:.1} MB/s",
        index.passage_count(),
        megabytes(&passages),
        secs,
        megabytes(&passages) / secs
    );
    let reopened = Instant::now();
    // The index is current, so reopening never asks for the opinions.
    let index = ingest::passages::index(dir.path(), &loaded.graph, || {
        Ok::<_, lexgraph::search::Error>(Vec::new())
    })
    .expect("index");
    println!(
        "  index reopened in {:.0} ms",
        reopened.elapsed().as_secs_f64() * 1e3
    );
    latencies(&index);
}

/// `opinions` synthetic opinions of 75 paragraphs, their words drawn from
/// the seed opinion with a share of rare words mixed in.
fn synthetic(opinions: usize) -> Vec<Passage> {
    let seed = include_str!("../data/opinions/munoz-v-guevara.txt");
    let paragraphs: Vec<String> = seed
        .split("\n\n")
        .map(|c| c.trim().replace('*', ""))
        .filter(|c| c.len() > 40)
        .collect();
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut out = Vec::new();
    for o in 0..opinions {
        for (i, paragraph) in paragraphs.iter().enumerate() {
            let text: Vec<String> = paragraph
                .split(' ')
                .map(|w| {
                    if next() % 10 == 0 {
                        format!("w{}", next() % 50_000)
                    } else {
                        w.to_string()
                    }
                })
                .collect();
            out.push(Passage {
                opinion: format!("op-{o}"),
                case_name: format!("Case{o} v. Other{}", o % 37),
                court: Some(["ilnd", "ca7", "ilcd"][o % 3].to_string()),
                date: Some(format!("{}-01-01", 2000 + o % 25)),
                section: Some("Analysis".into()),
                paragraph: i as u32 + 1,
                footnote: None,
                kind: PassageKind::Paragraph,
                text: text.join(" "),
                authorities: Vec::new(),
            });
        }
    }
    out
}

fn main() {
    let corpus = std::env::var_os("LEXGRAPH_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/opinions.jsonl")
        });
    if corpus.is_file() {
        shared(&corpus);
    } else {
        println!("shared corpus not found at {}: skipped", corpus.display());
    }

    let opinions: usize = std::env::var("LEXGRAPH_BENCH_OPINIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000);
    let passages = synthetic(opinions);
    let mb = megabytes(&passages);
    let dir = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    let index = Index::open_or_build(dir.path(), "bench", || passages).expect("index");
    let secs = started.elapsed().as_secs_f64();
    println!(
        "\nsynthetic corpus: {opinions} opinions, {} passages, {mb:.1} MB indexed in {secs:.2} s = {:.1} MB/s",
        index.passage_count(),
        mb / secs
    );
    latencies(&index);
}
