// # Bluebook citations and a table of authorities
//
// Loads the bundled corpus, finds *Evans v. City of Chicago* and prints its
// full citation, short form and Id. at page 316, in plain text and Markdown.
// Then builds the table of authorities of the seed opinion, each authority
// with the paragraphs that cite it, as the front of a brief would have it.
//
//     cargo run --example bluebook

use std::path::Path;

use lexgraph::Error;
use lexgraph::bluebook::{self, TocEntry};
use lexgraph::graph::{Found, Graph, NodeId};

fn main() -> Result<(), Error> {
    let corpus = lexgraph::ingest::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"))?;
    let graph = &corpus.graph;

    // ## One authority in its three forms
    let evans = graph
        .authority(one(graph, "Evans")?)
        .ok_or_else(|| Error::Query("`Evans` is no authority".into()))?;
    let full = bluebook::full(evans, Some("316"));
    let short = bluebook::short(evans, Some("316"));
    let id = bluebook::id(Some("316"));
    for (form, cite) in [("full", &full), ("short", &short), ("Id.", &id)] {
        println!("{form:>5}: {}", cite.plain);
        println!("{:>5}  {}", "", cite.markdown);
    }

    // ## The seed opinion's table of authorities
    // Places are paragraph labels; the caller decides what a place is.
    let opinion = one(graph, "Munoz")?;
    let mut entries: Vec<TocEntry> = Vec::new();
    for (cited, used) in graph.cited_by_opinion(opinion) {
        let Some(authority) = graph.authority(cited) else {
            continue;
        };
        let place = match used.location.footnote {
            Some(n) => format!("n.{n}"),
            None => format!("¶ {}", used.location.paragraph),
        };
        entries.push(TocEntry {
            authority,
            places: vec![place],
        });
    }
    let toa = bluebook::table_of_authorities(&entries);
    println!("\n{}", toa.plain());

    assert_eq!(
        full.plain,
        "Evans v. City of Chi., 231 F.R.D. 302, 316 (N.D. Ill. 2005)"
    );
    assert_eq!(short.markdown, "*Evans*, 231 F.R.D. at 316");
    assert_eq!(id.markdown, "*Id.* at 316");
    let rows = toa.rows();
    assert_eq!(rows.first().map(|r| r.group), Some("Cases"));
    assert!(rows.iter().all(|r| !r.citation.starts_with("R. ")));
    Ok(())
}

/// The one node `reference` names in the corpus.
fn one(graph: &Graph, reference: &str) -> Result<NodeId, Error> {
    match graph.lookup(reference)? {
        Found::One(id) => Ok(id),
        Found::Pages { page, .. } => Err(Error::Query(format!("`{reference}` is page {page}"))),
    }
}
