//! `path` and `neighbors`: the citation network around and between nodes.

use crate::Error;
use crate::graph::{Edge, Found, Graph, NodeId};

use super::answer::{Answer, Cell, Section};
use super::ast::AuthorityRef;
use super::eval::{citation_label, one, place, report_place};

/// How many shortest chains `path` lists at most.
const MAX_CHAINS: usize = 10;

fn node(graph: &Graph, reference: &AuthorityRef) -> Result<NodeId, Error> {
    match one(graph, reference)? {
        Found::One(id) => Ok(id),
        Found::Pages { page, .. } => Err(Error::Query(format!(
            "`{page}` is a Bates page; `path` and `neighbors` take an authority, opinion, doctrine or ruling"
        ))),
    }
}

/// `path <a> -> <b>`: every shortest chain of citations from `a` to `b`
/// (or, when none runs that way, from `b` to `a`), one row per hop.
pub fn path<'g>(
    graph: &'g Graph,
    from: &AuthorityRef,
    to: &AuthorityRef,
) -> Result<Answer<'g>, Error> {
    let (a, b) = (node(graph, from)?, node(graph, to)?);
    let mut chains = graph.shortest_chains(a, b, MAX_CHAINS);
    let mut reversed = false;
    if chains.is_empty() {
        chains = graph.shortest_chains(b, a, MAX_CHAINS);
        reversed = !chains.is_empty();
    }
    let mut section = Section::new(
        "hops",
        format!(
            "Citation chains from {} to {}",
            citation_label(graph, a),
            citation_label(graph, b)
        ),
        &["chain", "step", "from", "to", "how", "pin", "proposition"],
    );
    for (n, chain) in chains.iter().enumerate() {
        for (step, pair) in chain.windows(2).enumerate() {
            let (x, y) = (pair[0], pair[1]);
            let edges = graph.hop(x, y);
            let (how, pin, proposition) = match edges.first() {
                Some(Edge::Cites(u)) => (
                    format!(
                        "cites ({}, {} time{})",
                        place(&u.location),
                        edges.len(),
                        if edges.len() == 1 { "" } else { "s" }
                    ),
                    u.pin.as_deref(),
                    u.proposition.as_deref(),
                ),
                Some(Edge::CitesVia {
                    report,
                    relation,
                    opinion,
                }) => (
                    format!(
                        "{} (reported in {})",
                        relation.words(),
                        report_place(graph, opinion, &report.location)
                    ),
                    report.pin.as_deref(),
                    report.proposition.as_deref(),
                ),
                _ => (String::new(), None, None),
            };
            section.push(vec![
                Cell::from(n + 1),
                Cell::from(step + 1),
                Cell::from(citation_label(graph, x)),
                Cell::from(citation_label(graph, y)),
                Cell::from(how),
                Cell::from(pin),
                Cell::from(proposition),
            ]);
        }
    }
    let mut answer = Answer::default();
    if chains.is_empty() {
        answer
            .text
            .push("No chain of citations joins them in either direction.".to_string());
    } else if reversed {
        answer.text.push(
            "No chain runs that way; these run the other way, from the second to the first."
                .to_string(),
        );
    }
    answer.sections.push(section);
    Ok(answer)
}

/// `neighbors <ref> [depth n]`: everything within `depth` links.
pub fn neighbors<'g>(
    graph: &'g Graph,
    reference: &AuthorityRef,
    depth: u32,
) -> Result<Answer<'g>, Error> {
    let centre = node(graph, reference)?;
    let mut section = Section::new(
        "neighbors",
        format!(
            "Within {depth} link{} of {}",
            if depth == 1 { "" } else { "s" },
            citation_label(graph, centre)
        ),
        &["depth", "kind", "name", "link", "from"],
    );
    for (id, d, source, edge, target) in graph.neighborhood(centre, depth) {
        let from = if target == id { source } else { target };
        let direction = if target == id { "→" } else { "←" };
        section.push(vec![
            Cell::from(d as usize),
            Cell::from(graph.node(id).kind()),
            Cell::from(citation_label(graph, id)),
            Cell::from(format!("{direction} {}", edge.kind().replace('_', " "))),
            Cell::from(citation_label(graph, from)),
        ]);
    }
    Ok(Answer {
        sections: vec![section],
        ..Answer::default()
    })
}
