//! Full-text search: indexing speed and query latency on the ingested
//! shared corpus (when `../shared/corpus/opinions.jsonl` is there) and on a
//! synthetic corpus.
//!
//!     cargo bench --bench search
//!     LEXGRAPH_BENCH_OPINIONS=100000 cargo bench --bench search   # the full-size synthetic corpus
//!
//! With `LEXGRAPH_BENCH_OPINIONS` set, the synthetic index is kept in
//! `target/search-bench/` and only searched by later runs (the 100,000
//! opinions take about 2 GB of text, and minutes to index); without it, a
//! corpus of 2,000 opinions is indexed afresh in a temporary directory.
//!
//! Targets (issue 5): term, phrase and `/s` queries p50 under 5 ms and p99
//! under 50 ms; indexing at least 20 MB/s.

use std::cell::Cell;
use std::fmt::Write as _;
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

/// p50 and p99 of each kind of query, then of each query, in milliseconds.
fn latencies(index: &Index) {
    for (label, queries) in QUERIES {
        // A warm-up, so that an index read from disk is in the page cache.
        for query in *queries {
            let _ = index.search(query, 20);
        }
        let mut each = vec![Vec::with_capacity(SAMPLES / queries.len() + 1); queries.len()];
        let mut hits = vec![0; queries.len()];
        for i in 0..SAMPLES {
            let q = i % queries.len();
            let started = Instant::now();
            hits[q] = index.search(queries[q], 20).map_or(0, |h| h.len());
            each[q].push(started.elapsed());
        }
        let mut all: Vec<Duration> = each.concat();
        all.sort();
        println!(
            "  {label:<18} p50 {:>7.3} ms   p99 {:>7.3} ms",
            percentile(&all, 0.5),
            percentile(&all, 0.99),
        );
        for ((query, mut times), hits) in queries.iter().zip(each).zip(hits) {
            times.sort();
            println!(
                "    {:<40} p50 {:>7.3} ms   p99 {:>7.3} ms   {hits} hits",
                // The natural-language query is long: its start names it.
                query.chars().take(40).collect::<String>(),
                percentile(&times, 0.5),
                percentile(&times, 0.99),
            );
        }
    }
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
    let cited = ingest::passages::Cited::of(&loaded.graph, &loaded.opinions);
    let mb = ingest::passages::passages(&cited, &loaded.opinions)
        .map(|p| p.text.len())
        .sum::<usize>() as f64
        / 1e6;
    let (started, cpu) = (Instant::now(), cpu_seconds());
    let index = ingest::passages::index(dir.path(), &loaded.graph, || {
        Ok::<_, lexgraph::search::Error>(loaded.opinions)
    })
    .expect("index");
    let secs = started.elapsed().as_secs_f64();
    println!(
        "  index built: {} passages, {:.1} MB in {:.2} s = {:.1} MB/s{}",
        index.passage_count(),
        mb,
        secs,
        mb / secs,
        per_cpu_second(mb, cpu)
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

/// CPU time of the whole process so far, all threads, from
/// `/proc/self/stat` (Linux; its clock ticks are 1/100 s). Wall time on a
/// shared machine measures the other jobs too; CPU time does much less.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses: state is
    // the first, user and system time the 12th and 13th.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
    Some((ticks(11)? + ticks(12)?) / 100.0)
}

/// `; N CPU-s = M MB per CPU-second` since `before`, when it can be read.
fn per_cpu_second(mb: f64, before: Option<f64>) -> String {
    match (before, cpu_seconds()) {
        (Some(before), Some(now)) if now > before => format!(
            "; {:.2} CPU-s = {:.1} MB per CPU-second",
            now - before,
            mb / (now - before)
        ),
        _ => String::new(),
    }
}

/// What a synthetic build read: its text's size, and the time spent making
/// it up (on the same cores as the indexing).
#[derive(Default)]
struct Generated {
    bytes: Cell<usize>,
    time: Cell<Duration>,
}

/// Synthetic opinions, made up as they are indexed so that a large corpus
/// never sits in memory. Each takes 20 to 56 consecutive paragraphs of the
/// seed opinion (38 on average: the shared corpus has 37.6 passages an
/// opinion, of 550 bytes on average), a tenth of their words replaced by one
/// of 50,000 rare words.
struct Synthetic<'a> {
    paragraphs: Vec<Vec<String>>,
    opinions: usize,
    next_opinion: usize,
    pending: std::vec::IntoIter<Passage>,
    state: u64,
    generated: &'a Generated,
}

impl<'a> Synthetic<'a> {
    fn new(opinions: usize, generated: &'a Generated) -> Synthetic<'a> {
        let seed = include_str!("../data/opinions/munoz-v-guevara.txt");
        let paragraphs = seed
            .split("\n\n")
            .map(str::trim)
            .filter(|c| c.len() > 40)
            .map(|c| c.split_whitespace().map(|w| w.replace('*', "")).collect())
            .collect();
        Synthetic {
            paragraphs,
            opinions,
            next_opinion: 0,
            pending: Vec::new().into_iter(),
            state: 0x9e37_79b9_7f4a_7c15,
            generated,
        }
    }

    fn random(&mut self, below: usize) -> usize {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        (self.state % below as u64) as usize
    }

    fn opinion(&mut self, o: usize) -> Vec<Passage> {
        let count = 20 + self.random(37);
        let first = self.random(self.paragraphs.len());
        let mut passages = Vec::with_capacity(count);
        for i in 0..count {
            let p = (first + i) % self.paragraphs.len();
            let mut text = String::new();
            for w in 0..self.paragraphs[p].len() {
                if !text.is_empty() {
                    text.push(' ');
                }
                if self.random(10) == 0 {
                    let rare = self.random(50_000);
                    let _ = write!(text, "w{rare}");
                } else {
                    text.push_str(&self.paragraphs[p][w]);
                }
            }
            passages.push(Passage {
                opinion: format!("op-{o}"),
                case_name: format!("Case{o} v. Other{}", o % 37),
                court: Some(["ilnd", "ca7", "ilcd"][o % 3].to_string()),
                date: Some(format!("{}-01-01", 2000 + o % 25)),
                section: Some("Analysis".into()),
                paragraph: i as u32 + 1,
                footnote: None,
                kind: PassageKind::Paragraph,
                text,
                authorities: Vec::new(),
            });
        }
        passages
    }
}

impl Iterator for Synthetic<'_> {
    type Item = Passage;

    fn next(&mut self) -> Option<Passage> {
        loop {
            if let Some(passage) = self.pending.next() {
                return Some(passage);
            }
            if self.next_opinion == self.opinions {
                return None;
            }
            let started = Instant::now();
            let passages = self.opinion(self.next_opinion);
            self.next_opinion += 1;
            let bytes: usize = passages.iter().map(|p| p.text.len()).sum();
            let generated = self.generated;
            generated.bytes.set(generated.bytes.get() + bytes);
            generated.time.set(generated.time.get() + started.elapsed());
            self.pending = passages.into_iter();
        }
    }
}

/// Where the index of `opinions` synthetic opinions is kept between runs
/// when their number was asked for: a large one takes minutes to build.
fn kept(opinions: usize) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
        .join("search-bench")
        .join(format!("synthetic-{opinions}"))
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

    let asked: Option<usize> = std::env::var("LEXGRAPH_BENCH_OPINIONS")
        .ok()
        .and_then(|n| n.parse().ok());
    let opinions = asked.unwrap_or(2_000);
    let temporary = tempfile::tempdir().expect("temp dir");
    let dir = asked.map_or_else(|| temporary.path().to_path_buf(), kept);
    let generated = Generated::default();
    let (started, cpu) = (Instant::now(), cpu_seconds());
    let index = Index::open_or_build(
        &dir,
        &format!("synthetic generator 2, {opinions} opinions"),
        || Synthetic::new(opinions, &generated),
    )
    .expect("index");
    let secs = started.elapsed().as_secs_f64();
    let mb = generated.bytes.get() as f64 / 1e6;
    if mb == 0.0 {
        println!(
            "\nsynthetic corpus: {opinions} opinions, {} passages, index built earlier, kept in {} ({:.1} s to open)",
            index.passage_count(),
            dir.display(),
            secs
        );
    } else {
        let making = generated.time.get().as_secs_f64();
        println!(
            "\nsynthetic corpus: {opinions} opinions, {} passages, {mb:.1} MB indexed in {secs:.2} s = {:.1} MB/s \
             ({making:.2} s of it making the text up; {:.1} MB/s without){}",
            index.passage_count(),
            mb / secs,
            mb / (secs - making),
            per_cpu_second(mb, cpu)
        );
    }
    latencies(&index);
}
