//! The synthetic corpus the query and start-up benches share: 100,000
//! opinions citing 50,000 case authorities ten times each, with the skew of
//! real citations (a few authorities cited tens of thousands of times), a
//! doctrine with five factors and 2,000 rulings on Bates documents.

use lexgraph::cite::{Citation, CitationKind, Location, Signal, Span};
use lexgraph::graph::{
    Doctrine, Document, Edge, Element, ElementKind, Graph, NodeId, Opinion, Outcome, Ruling,
};

pub const OPINIONS: usize = 100_000;
pub const AUTHORITIES: usize = 50_000;
pub const CITES_PER_OPINION: usize = 10;
pub const RULINGS: usize = 2_000;

/// A small deterministic generator (xorshift), so runs are comparable.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Skewed towards small numbers, as citations are: a few authorities
    /// are cited very often, most rarely.
    pub fn skewed(&mut self, n: usize) -> usize {
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

pub fn synthetic() -> Graph {
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
    graph.group_citing_uses();
    graph
}
