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

use lexgraph::cite::{Citation, CitationKind, Location, Signal, Span};
use lexgraph::graph::{
    Doctrine, Document, Edge, Element, ElementKind, Graph, NodeId, Opinion, Outcome, Ruling,
};
use lexgraph::query;

const OPINIONS: usize = 100_000;
const AUTHORITIES: usize = 50_000;
const CITES_PER_OPINION: usize = 10;
const RULINGS: usize = 2_000;
const SAMPLES: usize = 300;

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Skewed towards small numbers, as citations are: a few authorities
    /// are cited very often, most rarely.
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((u * u * u) * n as f64) as usize % n
    }
}

fn citation(volume: usize, rng: &mut Rng, at: usize) -> Citation {
    let mut c = Citation::new(CitationKind::FullCaseCitation);
    c.volume = Some(volume.to_string());
    c.reporter = Some("F.3d".into());
    c.corrected_reporter = Some("F.3d".into());
    c.page = Some((volume % 997 + 1).to_string());
    c.pin_cite = Some((rng.next() % 900 + 1).to_string());
    c.plaintiff = Some(format!("Party{volume}"));
    c.defendant = Some("Respondent".into());
    c.court = Some("ca7".into());
    c.court_name = Some("7th Cir.".into());
    c.year = Some(1950 + (volume % 75) as i32);
    c.signal = [None, Some(Signal::See), Some(Signal::SeeAlso)][(rng.next() % 3) as usize];
    c.span = Span {
        start: at,
        end: at + 20,
    };
    c.location = Location {
        paragraph: (at / 100) as u32 + 1,
        ..Location::default()
    };
    c.authority = Some(format!("{volume} F.3d {}", volume % 997 + 1));
    c
}

fn synthetic() -> Graph {
    let mut rng = Rng(0x5eed);
    let mut graph = Graph::new();
    let mut opinions: Vec<NodeId> = Vec::with_capacity(OPINIONS);
    for i in 0..OPINIONS {
        let node = graph.add_opinion(Opinion {
            id: format!("op-{i}"),
            case_name: format!("Appellant{i} v. Appellee{i}"),
            short_name: None,
            court_name: Some("N.D. Ill.".into()),
            court: Some("ilnd".into()),
            docket_number: Some(format!("No. {i}")),
            judge: None,
            date: Some(format!("{}-01-01", 1990 + i % 35)),
            document_type: None,
        });
        let cites: Vec<Citation> = (0..CITES_PER_OPINION)
            .map(|k| citation(rng.skewed(AUTHORITIES) + 1, &mut rng, k * 100))
            .collect();
        graph.add_citations(node, &cites);
        opinions.push(node);
    }
    let doctrine = graph.add_doctrine(Doctrine {
        id: "synthetic-doctrine".into(),
        name: "Synthetic doctrine".into(),
        aliases: Vec::new(),
        definition: "A doctrine for benchmarks.".into(),
    });
    for e in 0..5 {
        let element = graph.add_element(
            doctrine,
            Element {
                id: format!("synthetic-factor-{e}"),
                kind: ElementKind::Factor,
                number: e + 1,
                text: format!("factor {e}"),
            },
        );
        if let Some(a) = graph.by_key(&format!("{v} F.3d {p}", v = e + 1, p = (e + 1) % 997 + 1)) {
            graph.link(
                a,
                element,
                Edge::States {
                    pin: Some("10".into()),
                },
            );
        }
    }
    for (r, &opinion) in opinions.iter().enumerate().take(RULINGS) {
        let ruling = graph.add_ruling(
            opinion,
            Ruling {
                id: format!("ruling-{r}"),
                outcome: if r % 7 == 0 {
                    Outcome::Withhold
                } else {
                    Outcome::Produce
                },
                subject: String::new(),
                reason: "synthetic".into(),
                note: None,
                location: Location::default(),
            },
        );
        let document = graph.document(Document {
            prefix: "SYN".into(),
            first: (r * 10) as u64,
            last: (r * 10 + 9) as u64,
            width: 6,
        });
        graph.link(ruling, document, Edge::Concerns);
        graph.link(ruling, doctrine, Edge::Applies { finding: None });
        let volume = rng.skewed(AUTHORITIES) + 1;
        if let Some(a) = graph.by_key(&format!("{volume} F.3d {}", volume % 997 + 1)) {
            graph.link(
                ruling,
                a,
                Edge::ReliesOn {
                    pin: Some("12".into()),
                },
            );
        }
    }
    graph
}

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
