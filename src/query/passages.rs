//! `search <terms>`: full-text hits as rows, so a pipeline can filter them
//! and each hit leads into the graph through the authorities it cites.

use crate::Error;
use crate::search::Index;

use super::answer::{Answer, Cell, Section};
use super::eval::place;
use crate::cite::Location;

/// How many hits a search returns before any `limit`.
const HITS: usize = 100;

/// `search <terms>` against `index`.
pub fn search<'g>(index: Option<&Index>, terms: &str) -> Result<Answer<'g>, Error> {
    let index =
        index.ok_or_else(|| Error::Query("this corpus has no full-text index".to_string()))?;
    let hits = index.search(terms, HITS)?;
    let mut section = Section::new(
        "hits",
        format!("Passages matching {terms}"),
        &[
            "rank",
            "score",
            "name",
            "court",
            "year",
            "section",
            "place",
            "kind",
            "snippet",
            "authorities",
        ],
    );
    for (rank, hit) in hits.into_iter().enumerate() {
        let p = hit.passage;
        let place = place(&Location {
            paragraph: p.paragraph,
            footnote: p.footnote,
            section: None,
        });
        section.push(vec![
            Cell::from(rank + 1),
            Cell::from(format!("{:.2}", hit.score)),
            Cell::from(p.case_name),
            Cell::from(p.court),
            Cell::from(
                p.date
                    .as_deref()
                    .and_then(|d| d.get(..4))
                    .map(str::to_string),
            ),
            Cell::from(p.section),
            Cell::from(place),
            Cell::from(p.kind.name()),
            Cell::from(hit.snippet),
            Cell::from(p.authorities.join("; ")),
        ]);
    }
    Ok(Answer {
        sections: vec![section],
        ..Answer::default()
    })
}
