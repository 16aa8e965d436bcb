//! `find <kind> [where …]` and `count`: any kind of node, as rows of its
//! fields, filtered by the same conditions as a `where` stage.

use crate::Error;
use crate::graph::{AuthorityKind, Graph, Node, NodeId};

use super::answer::{Answer, Cell, Section};
use super::ast::{Condition, Stage};
use super::eval::{
    citation_label, decision_label, doctrine_names, documents_cell, form_name, place, signal,
};
use super::pipeline;

/// The kinds `find` knows, as users type them.
pub const KINDS: &[&str] = &[
    "opinions",
    "authorities",
    "cases",
    "statutes",
    "regulations",
    "rules",
    "records",
    "doctrines",
    "elements",
    "holdings",
    "rulings",
    "documents",
    "courts",
    "citations",
];

fn singular(kind: &str) -> &str {
    kind.strip_suffix('s').unwrap_or(kind)
}

fn authority_kind(kind: &str) -> Option<Option<AuthorityKind>> {
    Some(match singular(kind) {
        "authoritie" | "authority" => None,
        "case" => Some(AuthorityKind::Case),
        "statute" => Some(AuthorityKind::Statute),
        "regulation" => Some(AuthorityKind::Regulation),
        "rule" => Some(AuthorityKind::Rule),
        "record" => Some(AuthorityKind::Record),
        _ => return None,
    })
}

fn year(date: Option<&str>) -> Cell<'_> {
    Cell::from(
        date.and_then(|d| d.get(..4))
            .filter(|y| y.chars().all(|c| c.is_ascii_digit())),
    )
}

fn authorities(graph: &Graph, kind: Option<AuthorityKind>) -> Section<'_> {
    let mut section = Section::new(
        "authorities",
        "Authorities",
        &[
            "name", "citation", "kind", "court", "court_id", "year", "date", "cited",
        ],
    );
    for id in graph.node_ids() {
        let Some(a) = graph.authority(id) else {
            continue;
        };
        if kind.is_some_and(|k| k != a.kind) {
            continue;
        }
        section.push(vec![
            Cell::from(a.name.as_str()),
            Cell::from(citation_label(graph, id)),
            Cell::from(a.kind.label()),
            Cell::from(a.court_name.clone()),
            Cell::from(a.court.clone()),
            Cell::from(a.year.map(|y| y.to_string())),
            Cell::from(a.date.clone()),
            Cell::from(graph.uses_of(id).len()),
        ]);
    }
    section
}

fn of_kind(graph: &Graph, wanted: &str) -> Vec<NodeId> {
    graph
        .node_ids()
        .filter(|&id| graph.node(id).kind() == wanted)
        .collect()
}

fn rows<'g>(graph: &'g Graph, kind: &str) -> Option<Section<'g>> {
    if let Some(authority) = authority_kind(kind) {
        return Some(authorities(graph, authority));
    }
    let section = match singular(kind) {
        "opinion" => {
            let mut s = Section::new(
                "opinions",
                "Opinions",
                &[
                    "name",
                    "citation",
                    "court",
                    "court_id",
                    "date",
                    "year",
                    "judge",
                    "citations",
                ],
            );
            for id in graph.opinions() {
                let Node::Opinion(o) = graph.node(id) else {
                    continue;
                };
                s.push(vec![
                    Cell::from(o.case_name.as_str()),
                    Cell::from(citation_label(graph, id)),
                    Cell::from(o.court_name.clone()),
                    Cell::from(o.court.clone()),
                    Cell::from(o.date.clone()),
                    year(o.date.as_deref()),
                    Cell::from(o.judge.clone()),
                    Cell::from(graph.cited_by_opinion(id).len()),
                ]);
            }
            s
        }
        "doctrine" => {
            let mut s = Section::new("doctrines", "Doctrines", &["id", "name", "definition"]);
            for id in graph.doctrines() {
                let Node::Doctrine(d) = graph.node(id) else {
                    continue;
                };
                s.push(vec![
                    Cell::from(d.id.as_str()),
                    Cell::from(d.name.as_str()),
                    Cell::from(d.definition.as_str()),
                ]);
            }
            s
        }
        "element" => {
            let mut s = Section::new(
                "elements",
                "Elements and factors",
                &[
                    "id",
                    "doctrine",
                    "kind",
                    "number",
                    "text",
                    "stated_by",
                    "pin",
                ],
            );
            for id in of_kind(graph, "element") {
                let Node::Element(e) = graph.node(id) else {
                    continue;
                };
                let stated = graph.stated_by(id);
                let first = stated.first();
                s.push(vec![
                    Cell::from(e.id.as_str()),
                    Cell::from(graph.doctrine_of(id).map(|d| graph.node(d).label())),
                    Cell::from(format!("{:?}", e.kind).to_lowercase()),
                    Cell::from(e.number),
                    Cell::from(e.text.as_str()),
                    Cell::from(first.map(|(a, _)| citation_label(graph, *a))),
                    Cell::from(first.and_then(|(_, pin)| *pin)),
                ]);
            }
            s
        }
        "holding" | "ruling" => {
            let is_ruling = singular(kind) == "ruling";
            let mut s = Section::new(
                if is_ruling { "rulings" } else { "holdings" },
                if is_ruling { "Rulings" } else { "Holdings" },
                &["id", "documents", "outcome", "doctrine", "reason", "place"],
            );
            for id in of_kind(graph, singular(kind)) {
                let (outcome, reason, location) = match graph.node(id) {
                    Node::Ruling(r) => {
                        (r.outcome.label().to_string(), r.reason.clone(), &r.location)
                    }
                    Node::Holding(h) => (h.outcome.clone(), h.proposition.clone(), &h.location),
                    _ => continue,
                };
                s.push(vec![
                    Cell::from(graph.node(id).label()),
                    Cell::from(documents_cell(graph, id)),
                    Cell::from(outcome),
                    Cell::from(doctrine_names(graph, id)),
                    Cell::from(reason),
                    Cell::from(place(location)),
                ]);
            }
            s
        }
        "document" => {
            let mut s = Section::new(
                "documents",
                "Documents",
                &["document", "prefix", "first", "last", "rulings"],
            );
            for id in of_kind(graph, "document") {
                let Node::Document(d) = graph.node(id) else {
                    continue;
                };
                let rulings: Vec<String> = graph
                    .rulings_on(id)
                    .into_iter()
                    .map(|r| decision_label(graph, r))
                    .collect();
                s.push(vec![
                    Cell::from(d.label()),
                    Cell::from(d.prefix.as_str()),
                    Cell::Number(d.first),
                    Cell::Number(d.last),
                    Cell::from(rulings.join("; ")),
                ]);
            }
            s
        }
        "court" => {
            let mut s = Section::new("courts", "Courts", &["id", "name"]);
            for id in of_kind(graph, "court") {
                let Node::Court(c) = graph.node(id) else {
                    continue;
                };
                s.push(vec![Cell::from(c.id.as_str()), Cell::from(c.name.as_str())]);
            }
            s
        }
        "citation" => citations(graph),
        _ => return None,
    };
    Some(section)
}

/// Every citing use in the corpus, with the cited authority's court and year.
fn citations(graph: &Graph) -> Section<'_> {
    let mut s = Section::new(
        "citations",
        "Citations",
        &[
            "opinion",
            "authority",
            "kind",
            "form",
            "signal",
            "pin",
            "place",
            "court",
            "year",
            "text",
            "proposition",
        ],
    );
    for opinion in graph.opinions() {
        for (a, u) in graph.cited_by_opinion(opinion) {
            let authority = graph.authority(a);
            s.push(vec![
                Cell::from(graph.node(opinion).label()),
                Cell::from(citation_label(graph, a)),
                Cell::from(authority.map(|x| x.kind.label())),
                Cell::from(form_name(u)),
                signal(u),
                Cell::from(u.pin.as_deref()),
                Cell::from(place(&u.location)),
                Cell::from(authority.and_then(|x| x.court_name.clone())),
                Cell::from(authority.and_then(|x| x.year).map(|y| y.to_string())),
                Cell::from(u.text.as_str()),
                Cell::from(u.proposition.as_deref()),
            ]);
        }
    }
    s
}

/// `find <kind> [where …]`.
pub fn find<'g>(
    graph: &'g Graph,
    kind: &str,
    conditions: &[Condition],
) -> Result<Answer<'g>, Error> {
    let section = rows(graph, kind).ok_or_else(|| {
        Error::Query(format!(
            "`find` knows no kind `{kind}`; the kinds are {}",
            KINDS.join(", ")
        ))
    })?;
    let answer = Answer {
        sections: vec![section],
        ..Answer::default()
    };
    if conditions.is_empty() {
        Ok(answer)
    } else {
        pipeline::apply(answer, &[Stage::Where(conditions.to_vec())])
    }
}
