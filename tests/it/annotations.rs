//! The bundled annotations (`data/annotations/`): they load, every line
//! number points at what it names, every anchor occurs once in the opinion,
//! and the rulings cover the documents the court ruled on.

use std::path::Path;

use lexgraph::ingest::annotations::{Annotations, BatesRange, ElementKind, Outcome, parse};

const BUNDLED: &str = include_str!("../../data/annotations/munoz-v-guevara.toml");
const OPINION: &str = include_str!("../../data/opinions/munoz-v-guevara.txt");

fn bundled() -> Annotations {
    match parse(BUNDLED, Path::new("data/annotations/munoz-v-guevara.toml")) {
        Ok(a) => a,
        Err(e) => panic!("bundled annotations do not load: {e}"),
    }
}

#[test]
fn bundled_file_loads() {
    let a = bundled();
    assert_eq!(a.opinion, "munoz-v-guevara");
    assert_eq!(a.bates.canonical("CCSSAO"), "CCSAO");
    assert_eq!(a.doctrines.len(), 6);
    let elements: usize = a.doctrines.iter().map(|d| d.elements.len()).sum();
    assert_eq!(elements, 46);
    assert_eq!(a.holdings.len(), 15);
    assert_eq!(a.rulings.len(), 7);

    let dpp = a.doctrine("deliberative-process");
    let factors = dpp.map_or(0, |d| {
        d.elements
            .iter()
            .filter(|e| e.kind == ElementKind::Factor)
            .count()
    });
    assert_eq!(factors, 5);
    let formal = a
        .element("dpp-formal-claim")
        .and_then(|(_, e)| e.authority.clone());
    assert_eq!(
        formal.as_ref().map(|r| r.reference.as_str()),
        Some("231 F.R.D. 302")
    );
    assert_eq!(formal.and_then(|r| r.pin).as_deref(), Some("316"));
}

#[test]
fn bundled_lines_point_at_what_they_name() {
    let a = bundled();
    let lines: Vec<&str> = BUNDLED.lines().collect();
    for r in a.authority_refs() {
        assert!(
            lines[r.line - 1].contains(&r.reference),
            "line {} does not hold ref {:?}",
            r.line,
            r.reference
        );
    }
    for ruling in &a.rulings {
        assert!(lines[ruling.anchor.line - 1].contains(ruling.anchor.as_str()));
        for d in &ruling.documents {
            assert!(lines[d.line - 1].contains(&d.text));
        }
    }
}

#[test]
fn bundled_anchors_occur_once_in_the_opinion() {
    if let Err(e) = bundled().check_anchors(OPINION) {
        panic!("{e}");
    }
}

#[test]
fn bundled_rulings_cover_documents() {
    let a = bundled();
    let ids = |bates: &str| -> Vec<String> {
        match BatesRange::parse(bates) {
            Ok(range) => a.rulings_for(&range).iter().map(|r| r.id.clone()).collect(),
            Err(e) => panic!("{e}"),
        }
    };
    assert_eq!(ids("CCSAO_001458"), ["facts-law-history"]);
    assert_eq!(
        ids("CCSAO_001454"),
        ["nolle-decision-particularized-need", "facts-law-history"]
    );
    assert_eq!(ids("CCSSAO_001471"), ["pattern-practice-strategy"]);
    assert_eq!(ids("CCSAO_000769"), ["bond-term-emails"]);
    assert!(ids("CCSAO_001472").is_empty());
    let withheld: Vec<&str> = a
        .rulings
        .iter()
        .filter(|r| r.outcome == Outcome::Withhold)
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(withheld, ["pattern-practice-strategy"]);
}
