//! The graph as bytes, for the snapshot `ingest` keeps beside a corpus's
//! database: compact MessagePack (fields by position, enums tagged
//! outside their content) in sections that decode on several threads.
//!
//! The node and edge types keep their serde form for everyone else (an
//! internally tagged `"node"`/`"edge"` field); that form makes serde buffer
//! every value before it can read the tag, which was most of the time a
//! 100,000-opinion corpus took to open. The mirrors below give the same
//! types the faster form here only.

use std::collections::HashMap;
use std::sync::Arc;

use petgraph::graph::DiGraph;
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::text;
use super::{
    Authority, Court, Doctrine, Document, Edge, Element, Graph, Holding, Node, NodeId, Opinion,
    Ruling, Use,
};
use crate::cite::Signal;

/// Edges per section: enough sections that both cores stay busy, few
/// enough that their headers cost nothing.
const EDGES_PER_SECTION: usize = 1 << 16;

#[derive(Serialize, Deserialize)]
#[serde(remote = "Node")]
enum NodeDef {
    Opinion(Opinion),
    Authority(Authority),
    Doctrine(Doctrine),
    Element(Element),
    Holding(Holding),
    Ruling(Ruling),
    Document(Document),
    Court(Court),
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Edge")]
enum EdgeDef {
    Cites(Use),
    CitesVia {
        report: Use,
        relation: Signal,
        opinion: String,
    },
    ReliesOn {
        pin: Option<String>,
    },
    Applies {
        finding: Option<String>,
    },
    Concerns,
    States {
        pin: Option<String>,
    },
    HasElement,
    PartOf,
    Decides,
    DecidedBy,
}

struct NodeOut<'a>(&'a Node);

impl Serialize for NodeOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        NodeDef::serialize(self.0, s)
    }
}

struct NodeIn(Node);

impl<'de> Deserialize<'de> for NodeIn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<NodeIn, D::Error> {
        NodeDef::deserialize(d).map(NodeIn)
    }
}

/// An edge with its ends.
struct EdgeOut<'a>(u32, u32, &'a Edge);

impl Serialize for EdgeOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeTuple;
        let mut t = s.serialize_tuple(3)?;
        t.serialize_element(&self.0)?;
        t.serialize_element(&self.1)?;
        t.serialize_element(&Wrap(self.2))?;
        t.end()
    }
}

struct Wrap<'a>(&'a Edge);

impl Serialize for Wrap<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        EdgeDef::serialize(self.0, s)
    }
}

struct EdgeIn(u32, u32, Edge);

impl<'de> Deserialize<'de> for EdgeIn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<EdgeIn, D::Error> {
        #[derive(Deserialize)]
        struct Raw(u32, u32, #[serde(with = "EdgeDef")] Edge);
        Raw::deserialize(d).map(|Raw(a, b, e)| EdgeIn(a, b, e))
    }
}

/// The lookup tables of a graph, as stored.
#[derive(Serialize, Deserialize)]
struct Tables {
    authorities: HashMap<String, NodeId>,
    aliases: HashMap<NodeId, Vec<String>>,
    ids: HashMap<String, NodeId>,
    documents: HashMap<String, NodeId>,
    bates_aliases: HashMap<String, String>,
}

#[derive(Serialize)]
struct TablesOut<'a> {
    authorities: &'a HashMap<String, NodeId>,
    aliases: &'a HashMap<NodeId, Vec<String>>,
    ids: &'a HashMap<String, NodeId>,
    documents: &'a HashMap<String, NodeId>,
    bates_aliases: &'a HashMap<String, String>,
}

/// Why a graph could not be encoded.
#[derive(Debug, thiserror::Error)]
#[error("the graph could not be encoded: {0}")]
pub struct EncodeError(#[from] rmp_serde::encode::Error);

/// `graph` as bytes: the number of sections and each one's length (8 bytes
/// each, little-endian), then the sections: its nodes, its lookup tables,
/// then its edges, [`EDGES_PER_SECTION`] at a time.
pub(crate) fn encode(graph: &Graph) -> Result<Vec<u8>, EncodeError> {
    let mut sections = Vec::new();
    let nodes: Vec<NodeOut<'_>> = graph.inner.node_weights().map(NodeOut).collect();
    sections.push(rmp_serde::to_vec(&nodes)?);
    sections.push(rmp_serde::to_vec(&TablesOut {
        authorities: &graph.authorities,
        aliases: &graph.aliases,
        ids: &graph.ids,
        documents: &graph.documents,
        bates_aliases: &graph.bates_aliases,
    })?);
    let edges: Vec<EdgeOut<'_>> = graph
        .inner
        .edge_references()
        .map(|e| {
            EdgeOut(
                e.source().index() as u32,
                e.target().index() as u32,
                e.weight(),
            )
        })
        .collect();
    for chunk in edges.chunks(EDGES_PER_SECTION) {
        sections.push(rmp_serde::to_vec(chunk)?);
    }
    let mut out =
        Vec::with_capacity(8 * (sections.len() + 1) + sections.iter().map(Vec::len).sum::<usize>());
    out.extend_from_slice(&(sections.len() as u64).to_le_bytes());
    for section in &sections {
        out.extend_from_slice(&(section.len() as u64).to_le_bytes());
    }
    for section in &sections {
        out.extend_from_slice(section);
    }
    Ok(out)
}

/// Where a snapshot's sections lie in its file, and the file, read one
/// section at a time by whichever thread decodes it.
struct Sections<'f> {
    file: std::sync::Mutex<&'f mut std::fs::File>,
    /// Offset and length of each section.
    spans: Vec<(u64, usize)>,
}

/// Upper bound on the number of sections a header may announce, so a
/// damaged one is not believed into a huge allocation.
const MAX_SECTIONS: u64 = 1 << 20;

impl<'f> Sections<'f> {
    /// Reads the header of what [`encode`] wrote at `start` in `file`.
    fn read(file: &'f mut std::fs::File, start: u64) -> Option<Sections<'f>> {
        use std::io::{Read, Seek, SeekFrom};
        let size = file.metadata().ok()?.len();
        file.seek(SeekFrom::Start(start)).ok()?;
        let mut word = [0u8; 8];
        file.read_exact(&mut word).ok()?;
        let count = u64::from_le_bytes(word);
        if count > MAX_SECTIONS {
            return None;
        }
        let mut at = start.checked_add(8 * (count + 1))?;
        let mut spans = Vec::with_capacity(count as usize);
        for _ in 0..count {
            file.read_exact(&mut word).ok()?;
            let len = u64::from_le_bytes(word);
            spans.push((at, usize::try_from(len).ok()?));
            at = at.checked_add(len)?;
        }
        (at == size).then(|| Sections {
            file: std::sync::Mutex::new(file),
            spans,
        })
    }

    /// Section `index`, into `buffer` (reused, so that reading a section
    /// touches no new memory).
    fn load<'b>(&self, index: usize, buffer: &'b mut Vec<u8>) -> Option<&'b [u8]> {
        use std::io::{Read, Seek, SeekFrom};
        let (offset, len) = *self.spans.get(index)?;
        buffer.resize(len, 0);
        let mut file = self.file.lock().ok()?;
        file.seek(SeekFrom::Start(offset)).ok()?;
        file.read_exact(buffer).ok()?;
        Some(buffer)
    }

    /// Section `index` in a buffer of its own, which the text of the
    /// edges decoded from it goes on pointing into.
    fn load_shared(&self, index: usize) -> Option<Arc<Vec<u8>>> {
        let mut buffer = Vec::new();
        self.load(index, &mut buffer)?;
        Some(Arc::new(buffer))
    }
}

/// The edges of a section, their text pointing into `bytes`.
fn decode_edges(bytes: &Arc<Vec<u8>>) -> Option<Vec<EdgeIn>> {
    use serde::de::DeserializeSeed;
    text::sharing(bytes, || {
        let mut decoder = rmp_serde::Deserializer::from_read_ref(&bytes[..]);
        CollectEdges.deserialize(&mut decoder).ok()
    })
}

/// Decodes a section's edges into a vector sized for them once: grown by
/// doubling instead, it moved each edge several times over.
struct CollectEdges;

impl<'de> serde::de::DeserializeSeed<'de> for CollectEdges {
    type Value = Vec<EdgeIn>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<EdgeIn>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for CollectEdges {
    type Value = Vec<EdgeIn>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a sequence of edges")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<EdgeIn>, A::Error> {
        let mut edges = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(EDGES_PER_SECTION));
        while let Some(edge) = seq.next_element()? {
            edges.push(edge);
        }
        Ok(edges)
    }
}

/// Appends the edges of one section to a graph whose nodes are all in.
struct AppendEdges<'g>(&'g mut DiGraph<Node, Edge>);

impl<'de> serde::de::DeserializeSeed<'de> for AppendEdges<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for AppendEdges<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a sequence of edges")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let nodes = self.0.node_count();
        while let Some(EdgeIn(a, b, edge)) = seq.next_element()? {
            let (a, b) = (a as usize, b as usize);
            if a >= nodes || b >= nodes {
                return Err(serde::de::Error::custom("an edge to no node"));
            }
            self.0.add_edge(NodeId::new(a), NodeId::new(b), edge);
        }
        Ok(())
    }
}

/// The edge sections of a snapshot being read, shared by the thread that
/// builds the graph and the one that helps it: which is the next section
/// nobody has taken, and the reader's decoded sections until the builder
/// appends them, in order.
struct Board {
    next: usize,
    decoded: HashMap<usize, Vec<EdgeIn>>,
    /// Set by either thread when a section does not decode: the other
    /// stops.
    failed: bool,
}

struct Shared<'s, 'f> {
    sections: &'s Sections<'f>,
    board: std::sync::Mutex<Board>,
    changed: std::sync::Condvar,
}

impl Shared<'_, '_> {
    fn fail(&self) {
        if let Ok(mut board) = self.board.lock() {
            board.failed = true;
        }
        self.changed.notify_all();
    }

    /// The reader: the lookup tables, then the next section nobody has
    /// taken, again and again, each decoded into a vector for the builder.
    fn read_ahead(&self) -> Option<Tables> {
        let _guard = FailOnPanic(self);
        let mut buffer = Vec::new();
        let tables = self
            .sections
            .load(1, &mut buffer)
            .and_then(|bytes| rmp_serde::from_slice(bytes).ok());
        if tables.is_none() {
            self.fail();
        }
        loop {
            let index = {
                let mut board = self.board.lock().ok()?;
                if board.failed || board.next >= self.sections.spans.len() {
                    return tables;
                }
                board.next += 1;
                board.next - 1
            };
            let edges = self
                .sections
                .load_shared(index)
                .and_then(|bytes| decode_edges(&bytes));
            match edges {
                Some(edges) => {
                    self.board.lock().ok()?.decoded.insert(index, edges);
                    self.changed.notify_all();
                }
                None => {
                    self.fail();
                    return None;
                }
            }
        }
    }

    /// The builder: the nodes, then every edge section in order, each
    /// either decoded straight into the graph (when nobody has taken it
    /// yet) or moved in from what the reader decoded.
    fn build(&self) -> Option<DiGraph<Node, Edge>> {
        use serde::de::DeserializeSeed;
        let mut buffer = Vec::new();
        let nodes: Option<Vec<NodeIn>> = self
            .sections
            .load(0, &mut buffer)
            .and_then(|bytes| rmp_serde::from_slice(bytes).ok());
        let Some(nodes) = nodes else {
            self.fail();
            return None;
        };
        // Room for every edge: all sections but the last are full.
        let edges = EDGES_PER_SECTION * (self.sections.spans.len() - 2);
        let mut inner = DiGraph::with_capacity(nodes.len(), edges);
        for NodeIn(node) in nodes {
            inner.add_node(node);
        }
        let count = inner.node_count();
        for index in 2..self.sections.spans.len() {
            let taken = {
                let mut board = self.board.lock().ok()?;
                loop {
                    if board.failed {
                        return None;
                    }
                    if let Some(edges) = board.decoded.remove(&index) {
                        break Some(edges);
                    }
                    if board.next <= index {
                        board.next = index + 1;
                        break None;
                    }
                    board = self.changed.wait(board).ok()?;
                }
            };
            let appended = match taken {
                Some(edges) => edges.into_iter().all(|EdgeIn(a, b, edge)| {
                    let (a, b) = (a as usize, b as usize);
                    let inside = a < count && b < count;
                    if inside {
                        inner.add_edge(NodeId::new(a), NodeId::new(b), edge);
                    }
                    inside
                }),
                None => self.sections.load_shared(index).is_some_and(|bytes| {
                    text::sharing(&bytes, || {
                        let mut decoder = rmp_serde::Deserializer::from_read_ref(&bytes[..]);
                        AppendEdges(&mut inner).deserialize(&mut decoder).is_ok()
                    })
                }),
            };
            if !appended {
                self.fail();
                return None;
            }
        }
        Some(inner)
    }
}

/// Tells the builder to stop waiting should the reader panic.
struct FailOnPanic<'a, 's, 'f>(&'a Shared<'s, 'f>);

impl Drop for FailOnPanic<'_, '_, '_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.fail();
        }
    }
}

/// The graph [`encode`] wrote at `start` in `file`; `None` when the file
/// does not hold one whole (damaged, or cut short).
///
/// Two threads share the work: one builds the graph, the other decodes
/// the lookup tables and then whichever edge sections the builder has not
/// reached yet, for the builder to move in. Edges keep their order, so the
/// graph is the one encoded, edge indices and all.
pub(crate) fn read(file: &mut std::fs::File, start: u64) -> Option<Graph> {
    let sections = Sections::read(file, start)?;
    if sections.spans.len() < 2 {
        return None;
    }
    let shared = Shared {
        sections: &sections,
        board: std::sync::Mutex::new(Board {
            next: 2,
            decoded: HashMap::new(),
            failed: false,
        }),
        changed: std::sync::Condvar::new(),
    };
    let (inner, tables) = std::thread::scope(|scope| {
        let reader = scope.spawn(|| shared.read_ahead());
        let inner = shared.build();
        (inner, reader.join().ok().flatten())
    });
    let (inner, tables) = (inner?, tables?);
    let nodes = inner.node_count();
    let in_graph = |id: &NodeId| id.index() < nodes;
    let valid = tables.authorities.values().all(in_graph)
        && tables.aliases.keys().all(in_graph)
        && tables.ids.values().all(in_graph)
        && tables.documents.values().all(in_graph);
    valid.then(|| Graph {
        inner,
        authorities: tables.authorities,
        aliases: tables.aliases,
        ids: tables.ids,
        documents: tables.documents,
        bates_aliases: tables.bates_aliases,
        names: std::sync::OnceLock::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_graph_comes_back_and_bytes_cut_short_decode_to_nothing() {
        let mut graph = Graph::new();
        let a = graph.court("ca7", "7th Cir.");
        let b = graph.court("ilnd", "N.D. Ill.");
        graph.link(a, b, Edge::PartOf);
        let bytes = encode(&graph).expect("encodes");
        let decode = |bytes: &[u8]| {
            let mut file = tempfile::tempfile().expect("a file");
            std::io::Write::write_all(&mut file, b"header\n").expect("writes");
            std::io::Write::write_all(&mut file, bytes).expect("writes");
            read(&mut file, 7)
        };
        let back = decode(&bytes).expect("decodes");
        assert_eq!(back.counts(), graph.counts());
        assert_eq!(back.by_id("court:ilnd"), Some(b));
        for cut in [1, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        assert!(decode(&[]).is_none());
    }

    #[test]
    fn edges_of_many_sections_come_back_in_their_order() {
        let mut graph = Graph::new();
        let courts: Vec<NodeId> = (0..3)
            .map(|i| graph.court(&format!("c{i}"), "Court"))
            .collect();
        for i in 0..2 * EDGES_PER_SECTION + 10 {
            let pin = Some(i.to_string());
            graph.link(courts[i % 3], courts[(i + 1) % 3], Edge::States { pin });
        }
        let mut file = tempfile::tempfile().expect("a file");
        std::io::Write::write_all(&mut file, &encode(&graph).expect("encodes")).expect("writes");
        let back = read(&mut file, 0).expect("decodes");
        let pins = |g: &Graph, node: NodeId| -> Vec<String> {
            g.out_edges(node)
                .map(|e| match e.weight() {
                    Edge::States { pin } => pin.clone().unwrap_or_default(),
                    _ => String::new(),
                })
                .collect()
        };
        for &court in &courts {
            assert_eq!(pins(&back, court), pins(&graph, court));
        }
    }
}
