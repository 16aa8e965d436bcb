//! `explain <query>`: the parsed tree and the plan — what each reference
//! resolves to and what each step does — without running the query.

use crate::Error;
use crate::graph::{Found, Graph};

use super::answer::{Answer, Cell, Section};
use super::ast::{AuthorityRef, Query, RulingFilter, Source, Stage};
use super::eval::citation_label;

fn references(source: &Source) -> Vec<&AuthorityRef> {
    match source {
        Source::Show(r)
        | Source::AuthoritiesFor(r)
        | Source::CitedBy(r)
        | Source::Cites(r)
        | Source::Doctrine(r)
        | Source::Toa(r)
        | Source::Rulings(RulingFilter::For(r)) => vec![r],
        Source::Path { from, to } => vec![from, to],
        Source::Neighbors { reference, .. } | Source::Cite { reference, .. } => vec![reference],
        _ => Vec::new(),
    }
}

fn resolution(graph: &Graph, reference: &AuthorityRef) -> String {
    match graph.lookup(&reference.0) {
        Ok(Found::One(id)) => format!(
            "look up `{}` → {} ({})",
            reference.0,
            citation_label(graph, id),
            graph.node(id).kind()
        ),
        Ok(Found::Pages { page, documents }) => format!(
            "look up `{}` → page {page}, inside {}",
            reference.0,
            documents
                .iter()
                .map(|&d| graph.node(d).label())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Err(e) => format!("look up `{}` → fails: {e}", reference.0),
    }
}

fn step(stage: &Stage) -> String {
    match stage {
        Stage::Where(_) => format!(
            "keep the rows that meet `{}`",
            stage.to_string().trim_start_matches("| where ")
        ),
        Stage::Sort { field, descending } => {
            format!(
                "sort by {field}, {}",
                if *descending {
                    "largest first"
                } else {
                    "smallest first"
                }
            )
        }
        Stage::Limit(n) => format!("keep the first {n} rows of each section"),
        Stage::Select(fields) => format!("keep only the fields {}", fields.join(", ")),
        Stage::Count => "count the rows of each section".to_string(),
    }
}

/// The tree and the plan of `query`.
pub fn explain<'g>(graph: &'g Graph, query: &Query) -> Result<Answer<'g>, Error> {
    let mut tree = Section::new("tree", "Parsed tree", &["query", "tree"]);
    let plain = Query {
        explain: false,
        ..query.clone()
    };
    tree.push(vec![
        Cell::from(plain.to_string()),
        Cell::from(serde_json::to_string(&plain).unwrap_or_default()),
    ]);
    let mut plan = Section::new("plan", "Plan", &["step", "action"]);
    let mut steps: Vec<String> = references(&query.source)
        .into_iter()
        .map(|r| resolution(graph, r))
        .collect();
    steps.push(match super::pipeline::rows_needed(&query.stages) {
        Some(n) => format!(
            "answer `{}`, making at most {n} rows of each section (the limit below)",
            query.source
        ),
        None => format!("answer `{}`", query.source),
    });
    steps.extend(query.stages.iter().map(step));
    for (i, s) in steps.into_iter().enumerate() {
        plan.push(vec![Cell::from(i + 1), Cell::from(s)]);
    }
    Ok(Answer {
        sections: vec![tree, plan],
        sectioned: true,
        ..Answer::default()
    })
}
