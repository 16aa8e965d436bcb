//! Linking the curated layer into the graph: every authority reference of
//! an annotation file is resolved against the authorities extraction found
//! (a dangling or ambiguous one is an error naming the file and line), and
//! doctrines, elements, holdings, rulings and documents become nodes.

use std::collections::HashMap;
use std::path::Path;

use super::annotations::{self as curated, Annotations, AuthorityRef, Located};
use super::{Error, LoadedOpinion};
use crate::cite::{Location, clean::BlockKind};
use crate::graph::{
    self, Doctrine, Document, Edge, Element, ElementKind, Found, Graph, Holding, NodeId, Outcome,
    Ruling,
};

/// Where the text at `offset` sits in the opinion.
fn locate(opinion: &LoadedOpinion, offset: usize) -> Location {
    let blocks = &opinion.extraction.document.blocks;
    let holder = blocks.iter().find(|b| {
        b.kind != BlockKind::Caption && b.pieces.iter().any(|p| (p.start..p.end).contains(&offset))
    });
    match holder {
        Some(block) => Location {
            paragraph: block.paragraph,
            footnote: block.footnote,
            section: block.section.clone(),
        },
        None => Location::default(),
    }
}

struct Linker<'a> {
    graph: &'a mut Graph,
    opinion: &'a LoadedOpinion,
    file: &'a Path,
}

impl Linker<'_> {
    fn error(&self, line: usize, reason: String) -> Error {
        Error::Reference {
            file: self.file.to_path_buf(),
            line,
            reason,
        }
    }

    /// The authority `reference` names: by normalized key (record entries
    /// are scoped to this opinion's docket), else by name.
    fn authority(&self, reference: &AuthorityRef) -> Result<NodeId, Error> {
        let text = reference.reference.trim();
        let scoped = format!("{}:{text}", self.opinion.meta.id);
        if let Some(id) = self
            .graph
            .by_key(text)
            .or_else(|| self.graph.by_key(&scoped))
        {
            return Ok(id);
        }
        match self.graph.lookup(text) {
            Ok(Found::One(id)) if self.graph.authority(id).is_some() => Ok(id),
            Ok(_) => Err(self.error(
                reference.line,
                format!("`{text}` is not an authority the opinion cites"),
            )),
            Err(graph::LookupError::Unknown { suggestions, .. }) => Err(self.error(
                reference.line,
                format!(
                    "unknown authority `{text}`: the opinion cites nothing by that citation or name{}",
                    if suggestions.is_empty() {
                        String::new()
                    } else {
                        format!("; did you mean {}?", suggestions.join(", "))
                    }
                ),
            )),
            Err(graph::LookupError::Ambiguous { candidates, .. }) => Err(self.error(
                reference.line,
                format!("ambiguous authority `{text}`: it could be {}", candidates.join("; ")),
            )),
        }
    }

    /// Links `from` to each authority of `refs` with an edge `make` builds from the pin.
    fn link_all(
        &mut self,
        from: NodeId,
        refs: &[AuthorityRef],
        make: impl Fn(Option<String>) -> Edge,
        backwards: bool,
    ) -> Result<(), Error> {
        for reference in refs {
            let authority = self.authority(reference)?;
            let edge = make(reference.pin.clone());
            if backwards {
                self.graph.link(authority, from, edge);
            } else {
                self.graph.link(from, authority, edge);
            }
        }
        Ok(())
    }

    fn anchor(&self, anchor: &Located<String>) -> Location {
        let offset = self.opinion.text.find(anchor.as_str()).unwrap_or(0);
        locate(self.opinion, offset)
    }

    fn node(&self, ids: &HashMap<String, NodeId>, id: &Located<String>) -> Result<NodeId, Error> {
        ids.get(id.as_str()).copied().ok_or_else(|| {
            self.error(
                id.line,
                format!("unknown doctrine or element `{}`", id.as_str()),
            )
        })
    }

    fn documents(
        &mut self,
        annotations: &Annotations,
        documents: &[curated::BatesDocument],
    ) -> Vec<NodeId> {
        documents
            .iter()
            .map(|d| {
                self.graph.document(Document {
                    prefix: annotations.bates.canonical(&d.range.prefix).to_string(),
                    first: d.range.first,
                    last: d.range.last,
                    width: d.range.width,
                })
            })
            .collect()
    }
}

fn element_kind(kind: curated::ElementKind) -> ElementKind {
    match kind.as_str() {
        "factor" => ElementKind::Factor,
        "element" => ElementKind::Element,
        _ => ElementKind::Rule,
    }
}

fn outcome(outcome: curated::Outcome) -> Outcome {
    match outcome.as_str() {
        "withhold" => Outcome::Withhold,
        "redact" => Outcome::Redact,
        _ => Outcome::Produce,
    }
}

/// Adds the annotations of `file` to `graph`.
pub(super) fn annotations(
    graph: &mut Graph,
    opinions: &[LoadedOpinion],
    file: &Path,
    annotations: &Annotations,
) -> Result<(), Error> {
    let Some(opinion) = opinions.iter().find(|o| o.meta.id == annotations.opinion) else {
        return Err(Error::Reference {
            file: file.to_path_buf(),
            line: 1,
            reason: format!("no opinion `{}` in the corpus", annotations.opinion),
        });
    };
    annotations.check_anchors(&opinion.text)?;
    for (written, real) in &annotations.bates.aliases {
        graph.alias_bates_prefix(written, real);
    }
    let mut linker = Linker {
        graph,
        opinion,
        file,
    };
    let mut ids: HashMap<String, NodeId> = HashMap::new();
    for d in &annotations.doctrines {
        let at = linker.graph.add_doctrine(Doctrine {
            id: d.id.clone(),
            name: d.name.clone(),
            aliases: d.aliases.clone(),
            definition: d.definition.clone(),
        });
        ids.insert(d.id.clone(), at);
        linker.link_all(at, &d.authorities, |pin| Edge::States { pin }, true)?;
        let mut numbers: HashMap<ElementKind, usize> = HashMap::new();
        for e in &d.elements {
            let kind = element_kind(e.kind);
            let number = numbers.entry(kind).or_insert(0);
            *number += 1;
            let element = linker.graph.add_element(
                at,
                Element {
                    id: e.id.clone(),
                    kind,
                    number: *number,
                    text: e.text.clone(),
                },
            );
            ids.insert(e.id.clone(), element);
            let stated: Vec<AuthorityRef> = e.authority.iter().chain(&e.also).cloned().collect();
            linker.link_all(element, &stated, |pin| Edge::States { pin }, true)?;
            // What a rule is about is checked, though not (yet) linked.
            for reference in &e.concerns {
                linker.authority(reference)?;
            }
        }
    }
    for d in &annotations.doctrines {
        if let Some(parent) = &d.parent {
            let (child, parent) = (ids[&d.id], linker.node(&ids, parent)?);
            linker.graph.link(child, parent, Edge::PartOf);
        }
    }
    for h in &annotations.holdings {
        let at = linker.graph.add_holding(
            opinion.node,
            Holding {
                id: h.id.clone(),
                proposition: h.proposition.clone(),
                outcome: h.outcome.clone(),
                location: linker.anchor(&h.anchor),
            },
        );
        for applied in std::iter::once(&h.doctrine).chain(&h.elements) {
            let target = linker.node(&ids, applied)?;
            linker
                .graph
                .link(at, target, Edge::Applies { finding: None });
        }
        for document in linker.documents(annotations, &h.documents) {
            linker.graph.link(at, document, Edge::Concerns);
        }
        linker.link_all(at, &h.relies_on, |pin| Edge::ReliesOn { pin }, false)?;
    }
    for r in &annotations.rulings {
        let documents = linker.documents(annotations, &r.documents);
        let subject = r.subject.clone().unwrap_or_else(|| {
            documents
                .iter()
                .map(|&d| linker.graph.node(d).label())
                .collect::<Vec<_>>()
                .join(", ")
        });
        let at = linker.graph.add_ruling(
            opinion.node,
            Ruling {
                id: r.id.clone(),
                outcome: outcome(r.outcome),
                subject,
                reason: r.reason.clone(),
                note: r.note.clone(),
                location: linker.anchor(&r.anchor),
            },
        );
        for document in documents {
            linker.graph.link(at, document, Edge::Concerns);
        }
        for applied in std::iter::once(&r.doctrine).chain(&r.elements) {
            let target = linker.node(&ids, applied)?;
            let finding = r
                .findings
                .iter()
                .find(|f| f.element.value == applied.value)
                .map(|f| f.finding.clone());
            linker.graph.link(at, target, Edge::Applies { finding });
        }
        linker.link_all(at, &r.relies_on, |pin| Edge::ReliesOn { pin }, false)?;
    }
    Ok(())
}
