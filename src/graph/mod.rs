//! The citation graph: opinions, the authorities they cite, doctrines and
//! their elements, holdings, rulings and the Bates documents they decide,
//! joined by edges that carry the pin cite, signal and proposition.
//!
//! Built by `ingest` (from extracted citations and curated annotations), read
//! by `query`. It prints nothing and knows no query syntax: it answers in
//! node ids and the value types of [`model`]. [`lookup`] turns a name a user
//! types into nodes; [`walk`] holds the traversals queries are made of.

mod build;
pub(crate) mod codec;
pub mod lookup;
pub mod model;
mod text;
pub mod treatment;
pub mod walk;

use std::collections::{BTreeMap, HashMap};

use petgraph::Direction;
use petgraph::graph::{DiGraph, EdgeReference, NodeIndex};
use petgraph::visit::EdgeRef;

pub(crate) use build::plain;
pub use lookup::{Found, LookupError};
pub use model::*;
pub use text::Text;

/// A node's id in the graph.
pub type NodeId = NodeIndex<u32>;

/// The knowledge graph. It turns into bytes and back whole (`codec`), so
/// a corpus can keep a snapshot of it beside its database and start
/// without rebuilding it.
#[derive(Debug, Default, Clone)]
pub struct Graph {
    inner: DiGraph<Node, Edge>,
    /// Authorities by normalized key.
    authorities: HashMap<String, NodeId>,
    /// Keys filed under a node besides its own: parallel cites of a case,
    /// the citations of an opinion that is itself cited.
    aliases: HashMap<NodeId, Vec<String>>,
    /// Opinions, doctrines, elements, holdings, rulings and courts by id.
    ids: HashMap<String, NodeId>,
    /// Documents by label.
    documents: HashMap<String, NodeId>,
    /// Misspelled Bates prefixes → the real one (curated).
    bates_aliases: HashMap<String, String>,
    /// The index of names `lookup` searches, built on first use and
    /// dropped whenever a name is added.
    names: std::sync::OnceLock<lookup::NameIndex>,
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Graph {
        Graph::default()
    }

    /// The node with id `id`.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.inner[id]
    }

    /// Every node id, in insertion order.
    pub fn node_ids(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.inner.node_indices()
    }

    /// The authority at `id`, if that node is one.
    pub fn authority(&self, id: NodeId) -> Option<&Authority> {
        match &self.inner[id] {
            Node::Authority(a) => Some(a),
            _ => None,
        }
    }

    /// The node registered under a curated or opinion id (`doe-v-roe`,
    /// `deliberative-process`, a ruling id).
    pub fn by_id(&self, id: &str) -> Option<NodeId> {
        self.ids.get(id).copied()
    }

    /// The authority with normalized key `key`.
    pub fn by_key(&self, key: &str) -> Option<NodeId> {
        self.authorities.get(key).copied()
    }

    /// Edges leaving `id`.
    pub fn out_edges(&self, id: NodeId) -> impl Iterator<Item = EdgeReference<'_, Edge>> {
        self.inner.edges_directed(id, Direction::Outgoing)
    }

    /// Edges arriving at `id`.
    pub fn in_edges(&self, id: NodeId) -> impl Iterator<Item = EdgeReference<'_, Edge>> {
        self.inner.edges_directed(id, Direction::Incoming)
    }

    /// Targets of the edges leaving `id` that `select` accepts, in edge order.
    pub fn targets<'g>(
        &'g self,
        id: NodeId,
        select: impl Fn(&Edge) -> bool + 'g,
    ) -> impl Iterator<Item = (NodeId, &'g Edge)> + 'g {
        self.out_edges(id)
            .filter(move |e| select(e.weight()))
            .map(|e| (e.target(), e.weight()))
    }

    /// Sources of the edges arriving at `id` that `select` accepts.
    pub fn sources<'g>(
        &'g self,
        id: NodeId,
        select: impl Fn(&Edge) -> bool + 'g,
    ) -> impl Iterator<Item = (NodeId, &'g Edge)> + 'g {
        self.in_edges(id)
            .filter(move |e| select(e.weight()))
            .map(|e| (e.source(), e.weight()))
    }

    /// Number of nodes and edges by kind, as `lexgraph check` prints them.
    pub fn counts(&self) -> (BTreeMap<&'static str, usize>, BTreeMap<&'static str, usize>) {
        let mut nodes = BTreeMap::new();
        for n in self.inner.node_weights() {
            *nodes.entry(n.kind()).or_insert(0) += 1;
        }
        let mut edges = BTreeMap::new();
        for e in self.inner.edge_weights() {
            *edges.entry(e.kind()).or_insert(0) += 1;
        }
        (nodes, edges)
    }

    /// The real Bates prefix for one as written (curated aliases applied).
    pub fn bates_prefix<'a>(&'a self, written: &'a str) -> &'a str {
        self.bates_aliases
            .get(&written.to_ascii_uppercase())
            .map(String::as_str)
            .unwrap_or(written)
    }
}
