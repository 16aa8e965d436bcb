// # Which authority supports this ruling?
//
// Loads the bundled corpus, looks up the ruling on one Bates page and walks
// the chain document → ruling → doctrine → authority, printing each
// supporting authority with its pin cite.
//
//     cargo run --example authorities_for_ruling [BATES-NUMBER]

use std::path::Path;

use lexgraph::{ingest, query, render};

fn main() -> Result<(), lexgraph::Error> {
    let page = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "CCSAO_001471".to_string());
    let corpus = ingest::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"))?;

    let answer = query::run(&corpus.graph, &format!("authorities for {page}"))?;
    print!(
        "{}",
        render::answer(&answer, render::Format::Table, Some(120), false)
    );

    // The ruling on the page and the authority it rests on, as rows.
    let rows: Vec<String> = answer
        .sections
        .iter()
        .flat_map(|s| s.rows.iter())
        .map(|row| row.iter().map(|c| c.text()).collect::<Vec<_>>().join(" | "))
        .collect();
    if page == "CCSAO_001471" {
        assert!(rows.iter().any(|r| r.contains("withhold")));
        assert!(
            rows.iter()
                .any(|r| r.contains("K.L. v. Edgar, 964 F. Supp. 1206") && r.contains("1209"))
        );
    }
    Ok(())
}
