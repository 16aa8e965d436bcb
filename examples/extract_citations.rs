// # Extract the citations of an opinion
//
// Runs the extractor on a text file (the seed opinion by default) and prints
// each citation with its kind, pin cite and what short forms and Id.
// resolve to.
//
//     cargo run --example extract_citations [FILE]

use lexgraph::cite::{self, CitationKind, reporters::Reporters};

fn main() -> std::io::Result<()> {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/opinions/munoz-v-guevara.txt"
        )
        .to_string()
    });
    let text = std::fs::read_to_string(&path)?;
    let extraction = cite::extract(&text, &Reporters::bundled());

    for c in &extraction.citations {
        let text = c
            .matched_text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let pin = c.pin_cite.as_deref().unwrap_or("");
        let key = c.authority.as_deref().unwrap_or("-");
        println!("{:<20} {text:<60} pin {pin:<12} → {key}", c.kind.name());
    }

    // Every Id. of a text resolves to some earlier citation.
    let ids: Vec<_> = extraction
        .citations
        .iter()
        .filter(|c| c.kind == CitationKind::IdCitation)
        .collect();
    assert!(ids.iter().all(|c| c.resolved_to.is_some()));
    println!(
        "{} citations, {} of them Id.",
        extraction.citations.len(),
        ids.len()
    );
    Ok(())
}
