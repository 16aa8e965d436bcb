//! Traversals queries are built from, named for what they answer:
//! who cites an authority, what rulings concern a document, what a ruling
//! relies on, which authority states a doctrine's element.

use petgraph::visit::EdgeRef;

use super::{Edge, Graph, Node, NodeId, Use};
use crate::cite::Signal;

/// A report, learnt from a nested parenthetical, that one authority cites another.
#[derive(Debug, Clone)]
pub struct Report<'g> {
    /// The citing authority.
    pub citing: NodeId,
    /// The cited authority.
    pub cited: NodeId,
    /// `citing` or `quoting`.
    pub relation: Signal,
    /// The nested citation as written.
    pub report: &'g Use,
    /// Id of the opinion that reports it.
    pub opinion: &'g str,
}

/// Normalizes a pin for comparison: `at *4` and `*4` are the same pin.
fn pin_key(pin: &str) -> String {
    pin.trim()
        .trim_start_matches("at ")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The report an edge from `citing` to `cited` carries, if it is one.
fn report(citing: NodeId, cited: NodeId, edge: &Edge) -> Option<Report<'_>> {
    match edge {
        Edge::CitesVia {
            report,
            relation,
            opinion,
        } => Some(Report {
            citing,
            cited,
            relation: *relation,
            report,
            opinion,
        }),
        _ => None,
    }
}

fn sort_reports(reports: &mut [Report<'_>]) {
    reports.sort_by_key(|r| (r.citing.index(), r.report.offset));
}

impl Graph {
    /// Every citing use of `authority` by an opinion, in opinion then text order.
    pub fn uses_of(&self, authority: NodeId) -> Vec<(NodeId, &Use)> {
        self.citing(authority).0
    }

    /// Everything that cites `authority`: the uses by opinions, in opinion
    /// then text order, and the nested parentheticals reporting that it is
    /// cited, in citing then text order. One pass over its edges, which for
    /// a leading case are tens of thousands (lying side by side once
    /// [`Graph::group_citing_uses`] has run).
    pub fn citing(&self, authority: NodeId) -> (Vec<(NodeId, &Use)>, Vec<Report<'_>>) {
        // The sort keys sit beside each use rather than behind its pointer,
        // so sorting a leading case's uses does not chase them again.
        let mut keyed: Vec<((u32, usize), NodeId, &Use)> = Vec::new();
        let mut reports = Vec::new();
        for e in self.in_edges(authority) {
            match e.weight() {
                Edge::Cites(u) => {
                    keyed.push(((e.source().index() as u32, u.offset), e.source(), u))
                }
                other => reports.extend(report(e.source(), e.target(), other)),
            }
        }
        keyed.sort_unstable_by_key(|(key, _, _)| *key);
        sort_reports(&mut reports);
        let uses = keyed.into_iter().map(|(_, from, u)| (from, u)).collect();
        (uses, reports)
    }

    /// What `opinion` cites, one entry per occurrence, in text order.
    pub fn cited_by_opinion(&self, opinion: NodeId) -> Vec<(NodeId, &Use)> {
        let mut uses: Vec<(NodeId, &Use)> = self
            .targets(opinion, |e| matches!(e, Edge::Cites(_)))
            .filter_map(|(to, e)| match e {
                Edge::Cites(u) => Some((to, u)),
                _ => None,
            })
            .collect();
        uses.sort_by_key(|(_, u)| u.offset);
        uses
    }

    /// Authorities `authority` is reported to cite.
    pub fn reported_cited(&self, authority: NodeId) -> Vec<Report<'_>> {
        let mut reports: Vec<Report<'_>> = self
            .out_edges(authority)
            .filter_map(|e| report(e.source(), e.target(), e.weight()))
            .collect();
        sort_reports(&mut reports);
        reports
    }

    /// Rulings that concern `document`.
    pub fn rulings_on(&self, document: NodeId) -> Vec<NodeId> {
        self.deciding(document, |n| matches!(n, Node::Ruling(_)))
    }

    /// Holdings that concern `document`.
    pub fn holdings_on(&self, document: NodeId) -> Vec<NodeId> {
        self.deciding(document, |n| matches!(n, Node::Holding(_)))
    }

    fn deciding(&self, document: NodeId, kind: impl Fn(&Node) -> bool) -> Vec<NodeId> {
        let mut found: Vec<NodeId> = self
            .sources(document, |e| matches!(e, Edge::Concerns))
            .map(|(from, _)| from)
            .filter(|&from| kind(self.node(from)))
            .collect();
        found.sort();
        found.dedup();
        found
    }

    /// Documents a ruling concerns, in Bates order.
    pub fn documents_of(&self, ruling: NodeId) -> Vec<NodeId> {
        let mut documents: Vec<NodeId> = self
            .targets(ruling, |e| matches!(e, Edge::Concerns))
            .map(|(to, _)| to)
            .collect();
        documents.sort_by_key(|&d| match self.node(d) {
            Node::Document(doc) => (doc.prefix.clone(), doc.first, doc.last),
            _ => (String::new(), 0, 0),
        });
        documents.dedup();
        documents
    }

    /// Authorities a ruling, holding or doctrine relies on, with pins, in
    /// curated order.
    pub fn relied_on(&self, node: NodeId) -> Vec<(NodeId, Option<&str>)> {
        let mut relied: Vec<_> = self
            .out_edges(node)
            .filter_map(|e| match e.weight() {
                Edge::ReliesOn { pin } => Some((e.id(), e.target(), pin.as_deref())),
                _ => None,
            })
            .collect();
        relied.sort_by_key(|(edge, _, _)| *edge);
        relied.into_iter().map(|(_, to, pin)| (to, pin)).collect()
    }

    /// Doctrines and elements a ruling or holding applies.
    pub fn applied(&self, node: NodeId) -> Vec<NodeId> {
        let mut applied: Vec<NodeId> = self
            .targets(node, |e| matches!(e, Edge::Applies { .. }))
            .map(|(to, _)| to)
            .collect();
        applied.sort();
        applied
    }

    /// How `decision` applied `element`, when the curated layer says.
    pub fn finding(&self, decision: NodeId, element: NodeId) -> Option<&str> {
        self.out_edges(decision)
            .filter(|e| e.target() == element)
            .find_map(|e| match e.weight() {
                Edge::Applies { finding } => finding.as_deref(),
                _ => None,
            })
    }

    /// Rulings and holdings that apply `doctrine` (or one of its elements).
    pub fn applying(&self, doctrine: NodeId) -> Vec<NodeId> {
        let mut applying: Vec<NodeId> = self
            .sources(doctrine, |e| matches!(e, Edge::Applies { .. }))
            .map(|(from, _)| from)
            .collect();
        applying.sort();
        applying.dedup();
        applying
    }

    /// Elements and factors of `doctrine`, in their curated order.
    pub fn elements_of(&self, doctrine: NodeId) -> Vec<NodeId> {
        let mut elements: Vec<NodeId> = self
            .targets(doctrine, |e| matches!(e, Edge::HasElement))
            .map(|(to, _)| to)
            .collect();
        elements.sort();
        elements
    }

    /// The doctrine an element belongs to.
    pub fn doctrine_of(&self, element: NodeId) -> Option<NodeId> {
        self.sources(element, |e| matches!(e, Edge::HasElement))
            .map(|(from, _)| from)
            .next()
    }

    /// Authorities that state `node` (a doctrine or element), with pins.
    pub fn stated_by(&self, node: NodeId) -> Vec<(NodeId, Option<&str>)> {
        let mut stated: Vec<(NodeId, Option<&str>)> = self
            .in_edges(node)
            .filter_map(|e| match e.weight() {
                Edge::States { pin } => Some((e.source(), pin.as_deref())),
                _ => None,
            })
            .collect();
        stated.sort_by_key(|(id, _)| *id);
        stated
    }

    /// Doctrines and elements `authority` states, with pins.
    pub fn states(&self, authority: NodeId) -> Vec<(NodeId, Option<&str>)> {
        self.out_edges(authority)
            .filter_map(|e| match e.weight() {
                Edge::States { pin } => Some((e.target(), pin.as_deref())),
                _ => None,
            })
            .collect()
    }

    /// Rulings and holdings that rely on `authority`, with pins.
    pub fn relying_on(&self, authority: NodeId) -> Vec<(NodeId, Option<&str>)> {
        let mut relying: Vec<(NodeId, Option<&str>)> = self
            .in_edges(authority)
            .filter_map(|e| match e.weight() {
                Edge::ReliesOn { pin } => Some((e.source(), pin.as_deref())),
                _ => None,
            })
            .collect();
        relying.sort_by_key(|(id, _)| *id);
        relying
    }

    /// The opinion that decides a ruling or holding.
    pub fn opinion_of(&self, node: NodeId) -> Option<NodeId> {
        self.sources(node, |e| matches!(e, Edge::Decides))
            .map(|(from, _)| from)
            .next()
    }

    /// Rulings and holdings an opinion decides.
    pub fn decisions_of(&self, opinion: NodeId) -> Vec<NodeId> {
        let mut decided: Vec<NodeId> = self
            .targets(opinion, |e| matches!(e, Edge::Decides))
            .map(|(to, _)| to)
            .collect();
        decided.sort();
        decided
    }

    /// The sentence where `opinion` cites `authority` at `pin`: the use with
    /// that pin if there is one, else the first use. This is how a curated
    /// "relies on" traces back to the text it came from.
    pub fn use_at(&self, opinion: NodeId, authority: NodeId, pin: Option<&str>) -> Option<&Use> {
        let uses: Vec<&Use> = self
            .out_edges(opinion)
            .filter(|e| e.target() == authority)
            .filter_map(|e| match e.weight() {
                Edge::Cites(u) => Some(u),
                _ => None,
            })
            .collect();
        let wanted = pin.map(pin_key);
        uses.iter()
            .filter(|u| u.pin.as_deref().map(pin_key) == wanted && wanted.is_some())
            .min_by_key(|u| u.offset)
            .or_else(|| uses.iter().min_by_key(|u| u.offset))
            .copied()
    }

    /// Nodes `id` cites, directly or as reported by a nested parenthetical.
    fn cited_from(&self, id: NodeId) -> Vec<NodeId> {
        let mut next: Vec<NodeId> = self
            .targets(id, |e| matches!(e, Edge::Cites(_) | Edge::CitesVia { .. }))
            .map(|(to, _)| to)
            .collect();
        next.sort();
        next.dedup();
        next
    }

    /// The shortest citation chains from `from` to `to` (each a list of
    /// nodes, both ends included), following citations in their direction,
    /// nested citing included; at most `limit` of them, in node order.
    pub fn shortest_chains(&self, from: NodeId, to: NodeId, limit: usize) -> Vec<Vec<NodeId>> {
        use std::collections::{HashMap, VecDeque};
        // Breadth-first, keeping every predecessor at the shortest distance,
        // so all shortest chains can be read back.
        let mut distance: HashMap<NodeId, usize> = HashMap::from([(from, 0)]);
        let mut parents: HashMap<NodeId, Vec<NodeId>> = HashMap::new();
        let mut queue = VecDeque::from([from]);
        while let Some(at) = queue.pop_front() {
            let d = distance[&at];
            if distance.get(&to).is_some_and(|&found| d >= found) {
                break;
            }
            for next in self.cited_from(at) {
                match distance.get(&next) {
                    None => {
                        distance.insert(next, d + 1);
                        parents.entry(next).or_default().push(at);
                        queue.push_back(next);
                    }
                    Some(&dn) if dn == d + 1 => parents.entry(next).or_default().push(at),
                    Some(_) => {}
                }
            }
        }
        if from == to || !distance.contains_key(&to) {
            return if from == to {
                vec![vec![from]]
            } else {
                Vec::new()
            };
        }
        let mut chains = Vec::new();
        let mut stack: Vec<Vec<NodeId>> = vec![vec![to]];
        while let Some(partial) = stack.pop() {
            let Some(&head) = partial.last() else {
                continue;
            };
            if head == from {
                chains.push(partial.into_iter().rev().collect());
                if chains.len() == limit {
                    break;
                }
                continue;
            }
            for &parent in parents.get(&head).into_iter().flatten().rev() {
                let mut longer = partial.clone();
                longer.push(parent);
                stack.push(longer);
            }
        }
        chains
    }

    /// The uses behind one hop of a chain: `from` citing `to` directly, or a
    /// nested report of it.
    pub fn hop(&self, from: NodeId, to: NodeId) -> Vec<&Edge> {
        self.out_edges(from)
            .filter(|e| {
                e.target() == to && matches!(e.weight(), Edge::Cites(_) | Edge::CitesVia { .. })
            })
            .map(|e| e.weight())
            .collect()
    }

    /// Every node within `depth` links of `centre`, in either direction,
    /// with its distance and the edge it was first reached by
    /// (`from`, edge, `to`); the centre itself is left out.
    pub fn neighborhood(
        &self,
        centre: NodeId,
        depth: u32,
    ) -> Vec<(NodeId, u32, NodeId, &Edge, NodeId)> {
        use std::collections::{HashSet, VecDeque};
        let mut seen: HashSet<NodeId> = HashSet::from([centre]);
        let mut queue = VecDeque::from([(centre, 0u32)]);
        let mut found = Vec::new();
        while let Some((at, d)) = queue.pop_front() {
            if d == depth {
                continue;
            }
            let outgoing = self
                .out_edges(at)
                .map(|e| (e.target(), e.source(), e.weight(), e.target()));
            let incoming = self
                .in_edges(at)
                .map(|e| (e.source(), e.source(), e.weight(), e.target()));
            // Neighbours in node order, not in the order the edges happen to
            // be laid out in (which `group_citing_uses` changes).
            let mut links: Vec<_> = outgoing.chain(incoming).collect();
            links.sort_by_key(|(next, ..)| next.index());
            for (next, source, edge, target) in links {
                if seen.insert(next) {
                    found.push((next, d + 1, source, edge, target));
                    queue.push_back((next, d + 1));
                }
            }
        }
        found
    }

    /// Every ruling node, in insertion order.
    pub fn rulings(&self) -> Vec<NodeId> {
        self.node_ids()
            .filter(|&id| matches!(self.node(id), Node::Ruling(_)))
            .collect()
    }

    /// Every doctrine node, in insertion order.
    pub fn doctrines(&self) -> Vec<NodeId> {
        self.node_ids()
            .filter(|&id| matches!(self.node(id), Node::Doctrine(_)))
            .collect()
    }

    /// Every opinion node, in insertion order.
    pub fn opinions(&self) -> Vec<NodeId> {
        self.node_ids()
            .filter(|&id| matches!(self.node(id), Node::Opinion(_)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::pin_key;

    #[test]
    fn pins_compare_without_at_and_spaces() {
        assert_eq!(pin_key("at *4"), pin_key("*4"));
        assert_eq!(pin_key("¶¶ 6-7"), pin_key("¶¶6-7"));
        assert_ne!(pin_key("1208"), pin_key("1209"));
    }
}
