//! `cite` and `toa`: for brief writers, the Bluebook form of an authority at
//! a pin, and the table of authorities of an opinion, with the places that
//! cite each authority.

use crate::Error;
use crate::bluebook::{self, TocEntry};
use crate::graph::{Authority, Found, Graph, Node, NodeId};

use super::answer::{Answer, Cell, Section};
use super::ast::{AuthorityRef, CiteForm};
use super::eval::one;

fn node(graph: &Graph, reference: &AuthorityRef, verb: &str) -> Result<NodeId, Error> {
    match one(graph, reference)? {
        Found::One(id) => Ok(id),
        Found::Pages { page, .. } => Err(Error::Query(format!(
            "`{page}` is a Bates page; `{verb}` takes {}",
            if verb == "cite" {
                "an authority"
            } else {
                "an opinion"
            }
        ))),
    }
}

fn authority<'g>(graph: &'g Graph, reference: &AuthorityRef) -> Result<&'g Authority, Error> {
    let id = node(graph, reference, "cite")?;
    graph.authority(id).ok_or_else(|| {
        Error::Query(format!(
            "`{}` is {} {}, not an authority one can cite",
            reference.0,
            if graph.node(id).kind().starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            },
            graph.node(id).kind()
        ))
    })
}

/// `cite <ref> [at <pin>] [full|short|id]`: one row, in plain text and Markdown.
pub fn cite<'g>(
    graph: &'g Graph,
    reference: &AuthorityRef,
    pin: Option<&str>,
    form: CiteForm,
) -> Result<Answer<'g>, Error> {
    let a = authority(graph, reference)?;
    let (name, cite) = match form {
        CiteForm::Full => ("full", bluebook::full(a, pin)),
        CiteForm::Short => ("short", bluebook::short(a, pin)),
        CiteForm::Id => ("id", bluebook::id_of(a, pin)),
    };
    let mut section = Section::new(
        "citation",
        "Bluebook citation",
        &["form", "citation", "markdown"],
    );
    section.push(vec![
        Cell::from(name),
        Cell::from(cite.plain),
        Cell::from(cite.markdown),
    ]);
    Ok(Answer {
        sections: vec![section],
        ..Answer::default()
    })
}

/// The label of a place in a table of authorities: the paragraph, or the
/// footnote.
fn toa_place(location: &crate::cite::Location) -> String {
    match location.footnote {
        Some(n) => format!("n.{n}"),
        None => format!("¶ {}", location.paragraph),
    }
}

/// `toa <opinion>`: the opinion's authorities, grouped and ordered as a
/// brief's table of authorities lists them.
pub fn toa<'g>(graph: &'g Graph, reference: &AuthorityRef) -> Result<Answer<'g>, Error> {
    let id = node(graph, reference, "toa")?;
    if !matches!(graph.node(id), Node::Opinion(_)) {
        return Err(Error::Query(format!(
            "`toa` takes an opinion, and `{}` is a {}; `find opinions` lists them",
            reference.0,
            graph.node(id).kind()
        )));
    }
    let mut entries: Vec<TocEntry> = Vec::new();
    let mut index: Vec<NodeId> = Vec::new();
    for (a, used) in graph.cited_by_opinion(id) {
        let Some(authority) = graph.authority(a) else {
            continue;
        };
        let at = match index.iter().position(|&x| x == a) {
            Some(at) => at,
            None => {
                index.push(a);
                entries.push(TocEntry {
                    authority,
                    places: Vec::new(),
                });
                entries.len() - 1
            }
        };
        entries[at].places.push(toa_place(&used.location));
    }
    let toa = bluebook::table_of_authorities(&entries);
    let mut section = Section::new(
        "authorities",
        "Table of authorities",
        &["group", "citation", "places"],
    );
    for row in toa.rows() {
        section.push(vec![
            Cell::from(row.group),
            Cell::from(row.citation),
            Cell::from(row.places),
        ]);
    }
    Ok(Answer {
        sections: vec![section],
        ..Answer::default()
    })
}
