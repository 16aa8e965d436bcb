//! Query latency on a synthetic corpus of 100,000 opinions and 1,000,000
//! citation edges, and on the bundled seed corpus.
//!
//!     cargo bench --bench query
//!
//! Prints p50 / p99 / max per query kind. Targets (issue 4): every query on
//! the seed under 1 ms; on the synthetic corpus `cited-by` and
//! `authorities for` under 5 ms p99 and `path` under 50 ms p99.

use std::path::Path;
use std::time::{Duration, Instant};

use lexgraph::graph::Graph;
use lexgraph::query;

mod common;
use common::{AUTHORITIES, OPINIONS, RULINGS, Rng, synthetic};

const SAMPLES: usize = 300;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Runs each query once to warm up, then `SAMPLES` times over the list, and
/// prints p50, p99 and the maximum.
fn measure(graph: &Graph, label: &str, queries: &[String]) {
    for q in queries.iter().take(3) {
        let _ = query::run(graph, q);
    }
    let mut times = Vec::with_capacity(SAMPLES);
    let mut failures = 0;
    for i in 0..SAMPLES {
        let q = &queries[i % queries.len()];
        let started = Instant::now();
        let answer = query::run(graph, q);
        times.push(started.elapsed());
        failures += usize::from(answer.is_err());
    }
    times.sort();
    println!(
        "{label:<34} p50 {:>9.3} ms   p99 {:>9.3} ms   max {:>9.3} ms{}",
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.99).as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        if failures > 0 {
            format!("   ({failures} errors)")
        } else {
            String::new()
        }
    );
}

fn main() {
    let seed = lexgraph::ingest::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"))
        .expect("bundled corpus");
    println!("seed corpus (the bundled opinion)");
    for q in [
        "show Hobley",
        "authorities for CCSAO_001471",
        "cited-by Hobley",
        "cites Munoz",
        "path Williams -> Hobley",
        "rulings where outcome = withhold",
        "doctrine \"deliberative process\"",
        "toa Munoz",
        "cite Evans at 316",
        "find citations where signal = \"see also\"",
        "cited-by Hobley | where court = \"N.D. Ill.\" | sort year desc | limit 5 | select name, pin",
    ] {
        measure(&seed.graph, q, &[q.to_string()]);
    }

    let started = Instant::now();
    let graph = synthetic();
    let (nodes, edges) = graph.counts();
    println!(
        "\nsynthetic corpus: {} nodes, {} edges (built in {:.1} s)",
        nodes.values().sum::<usize>(),
        edges.values().sum::<usize>(),
        started.elapsed().as_secs_f64()
    );
    let mut rng = Rng(42);
    let cited: Vec<String> = (0..SAMPLES)
        .map(|_| {
            let v = rng.skewed(AUTHORITIES) + 1;
            format!("cited-by \"{v} F.3d {}\"", v % 997 + 1)
        })
        .collect();
    measure(&graph, "cited-by (skewed sample)", &cited);
    measure(
        &graph,
        "cited-by (most cited authority)",
        &["cited-by \"1 F.3d 2\"".to_string()],
    );
    // A first page, as a citator shows it: the summary counts every use,
    // the rows stop at the limit.
    let pages_of: Vec<String> = cited.iter().map(|q| format!("{q} | limit 20")).collect();
    measure(&graph, "cited-by | limit 20 (skewed)", &pages_of);
    measure(
        &graph,
        "cited-by | limit 20 (most cited)",
        &["cited-by \"1 F.3d 2\" | limit 20".to_string()],
    );
    let pages: Vec<String> = (0..SAMPLES)
        .map(|_| {
            format!(
                "authorities for SYN_{:06}",
                rng.next() % (RULINGS as u64 * 10)
            )
        })
        .collect();
    measure(&graph, "authorities for <page>", &pages);
    let paths: Vec<String> = (0..SAMPLES)
        .map(|_| {
            let v = rng.skewed(AUTHORITIES) + 1;
            format!(
                "path op-{} -> \"{v} F.3d {}\"",
                rng.next() % OPINIONS as u64,
                v % 997 + 1
            )
        })
        .collect();
    measure(&graph, "path <opinion> -> <authority>", &paths);
    let names: Vec<String> = (0..SAMPLES)
        .map(|_| format!("show Party{}", rng.skewed(AUTHORITIES) + 1))
        .collect();
    measure(&graph, "show <name>", &names);
}
