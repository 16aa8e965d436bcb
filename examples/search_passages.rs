// # Search passages
//
// Indexes the paragraphs of the seed opinion in memory and searches them
// the way a lawyer searches Westlaw, with terms and connectors:
//
// - split the opinion into passages (here simply at blank lines),
// - build an index in RAM, so nothing touches the disk,
// - run a proximity query and print each hit with its marked snippet,
// - see what a query that does not parse reports.
//
//     cargo run --example search_passages

use lexgraph::search::{Error, Index, MARK_START, Passage, PassageKind};

const SEED: &str = include_str!("../data/opinions/munoz-v-guevara.txt");

fn main() -> Result<(), Error> {
    // ## Passages
    //
    // Ingest gives the search real paragraphs, footnotes and holdings; a
    // blank-line split with the `*emphasis*` markers removed will do here.
    let passages: Vec<Passage> = SEED
        .split("\n\n")
        .map(str::trim)
        .filter(|chunk| !chunk.is_empty())
        .zip(1..)
        .map(|(chunk, paragraph)| Passage {
            opinion: "munoz-v-guevara".to_string(),
            case_name: "Munoz v. Guevara".to_string(),
            court: Some("ilnd".to_string()),
            date: Some("2025-04-07".to_string()),
            section: None,
            paragraph,
            footnote: None,
            kind: PassageKind::Paragraph,
            text: chunk.replace('*', ""),
            authorities: Vec::new(),
        })
        .collect();

    // ## The index
    let index = Index::in_memory(passages)?;
    println!("indexed {} passages", index.passage_count());

    // ## A search
    //
    // Which passages say the communications are not "inextricably
    // intertwined" with deliberations? `!` expands a root: deliberative,
    // deliberation, deliberations.
    let query = "\"inextricably intertwined\" /s deliberat!";
    let hits = index.search(query, 5)?;
    println!("\n{query}");
    for hit in &hits {
        println!(
            "  ¶{} (score {:.2}): {}",
            hit.passage.paragraph, hit.score, hit.snippet
        );
    }

    // ## A query that does not parse
    //
    // The error says where, in characters, and what was expected there.
    if let Err(Error::Syntax {
        query,
        column,
        expected,
    }) = index.search("privilege /s", 5)
    {
        println!("\n{query}\n{}^ {expected}", " ".repeat(column - 1));
    }

    // ## The answer: the Enviro Tech paragraph, with the phrase marked.
    let enviro = hits.iter().find(|h| h.passage.text.contains("Enviro Tech"));
    assert!(enviro.is_some_and(|h| h.snippet.contains(MARK_START)));
    Ok(())
}
