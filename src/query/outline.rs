//! `doctrine <name>`: a teaching outline — the definition, each element or
//! factor with the authority and pin that states it, the leading cases, and
//! how each ruling of the corpus applied each element.

use std::collections::BTreeMap;

use crate::Error;
use crate::graph::{Found, Graph, Node, NodeId};

use super::answer::{Answer, Cell, Section};
use super::ast::AuthorityRef;
use super::eval::{citation_label, decision_label, documents_cell, element_label, one};

fn doctrine_node(graph: &Graph, reference: &AuthorityRef) -> Result<NodeId, Error> {
    match one(graph, reference)? {
        Found::One(id) => match graph.node(id) {
            Node::Doctrine(_) => Ok(id),
            Node::Element(_) => graph
                .doctrine_of(id)
                .ok_or_else(|| Error::Query(format!("`{}` belongs to no doctrine", reference.0))),
            other => Err(Error::Query(format!(
                "`{}` is a {}, not a doctrine; `doctrines` lists them",
                reference.0,
                other.kind()
            ))),
        },
        Found::Pages { .. } => Err(Error::Query(format!(
            "`{}` is a Bates page, not a doctrine; `doctrines` lists them",
            reference.0
        ))),
    }
}

/// The outline of the doctrine `reference` names.
pub fn doctrine<'g>(graph: &'g Graph, reference: &AuthorityRef) -> Result<Answer<'g>, Error> {
    let id = doctrine_node(graph, reference)?;
    let Node::Doctrine(d) = graph.node(id) else {
        return Err(Error::Query(format!("`{}` is not a doctrine", reference.0)));
    };
    let mut answer = Answer::default();
    answer.text.push(format!("{} — {}", d.name, d.definition));

    let elements = graph.elements_of(id);
    let mut outline = Section::new(
        "outline",
        "Elements, factors and rules",
        &["part", "text", "authority", "pin", "proposition"],
    );
    // The opinion whose sentences the outline quotes: the one applying it.
    let opinion = graph
        .applying(id)
        .first()
        .and_then(|&decision| graph.opinion_of(decision));
    // Leading cases: how many parts of the doctrine each authority states.
    let mut leading: BTreeMap<NodeId, usize> = BTreeMap::new();
    for (a, _) in graph.stated_by(id) {
        *leading.entry(a).or_default() += 1;
    }
    for &element in &elements {
        let Node::Element(e) = graph.node(element) else {
            continue;
        };
        // `factor 1`, without the text the next column gives in full.
        let part = element_label(graph, element)
            .split(':')
            .next()
            .unwrap_or_default()
            .to_string();
        let stated = graph.stated_by(element);
        if stated.is_empty() {
            outline.push(vec![
                Cell::from(part.clone()),
                Cell::from(e.text.as_str()),
                Cell::from("stated by the court itself"),
                Cell::Empty,
                Cell::Empty,
            ]);
        }
        for (a, pin) in stated {
            *leading.entry(a).or_default() += 1;
            let used = opinion.and_then(|o| graph.use_at(o, a, pin));
            outline.push(vec![
                Cell::from(part.clone()),
                Cell::from(e.text.as_str()),
                Cell::from(citation_label(graph, a)),
                Cell::from(pin),
                Cell::from(used.and_then(|u| u.proposition.as_deref())),
            ]);
        }
    }
    answer.sections.push(outline);

    let mut cases = Section::new(
        "leading_authorities",
        "Leading authorities",
        &["authority", "parts_stated", "times_cited"],
    );
    let mut ranked: Vec<(NodeId, usize)> = leading.into_iter().collect();
    ranked.sort_by_key(|&(a, n)| {
        (
            std::cmp::Reverse(n),
            std::cmp::Reverse(graph.uses_of(a).len()),
            a,
        )
    });
    for (a, n) in ranked {
        cases.push(vec![
            Cell::from(citation_label(graph, a)),
            Cell::from(n),
            Cell::from(graph.uses_of(a).len()),
        ]);
    }
    answer.sections.push(cases);

    let mut applications = Section::new(
        "applications",
        "How the corpus applied it",
        &["decision", "documents", "part", "finding"],
    );
    let mut decisions: Vec<NodeId> = graph.applying(id);
    for &element in &elements {
        decisions.extend(graph.applying(element));
    }
    decisions.sort();
    decisions.dedup();
    for decision in decisions {
        let applied: Vec<NodeId> = graph
            .applied(decision)
            .into_iter()
            .filter(|e| elements.contains(e))
            .collect();
        let documents = documents_cell(graph, decision);
        if applied.is_empty() {
            let summary = match graph.node(decision) {
                Node::Ruling(r) => r.reason.clone(),
                Node::Holding(h) => h.proposition.clone(),
                _ => String::new(),
            };
            applications.push(vec![
                Cell::from(decision_label(graph, decision)),
                Cell::from(documents.clone()),
                Cell::from("the doctrine as a whole"),
                Cell::from(summary),
            ]);
        }
        for element in applied {
            applications.push(vec![
                Cell::from(decision_label(graph, decision)),
                Cell::from(documents.clone()),
                Cell::from(element_label(graph, element)),
                Cell::from(graph.finding(decision, element)),
            ]);
        }
    }
    answer.sections.push(applications);
    Ok(answer)
}
