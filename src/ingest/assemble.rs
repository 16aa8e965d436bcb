//! Building the graph of a corpus from its opinions (already extracted) and
//! annotations, whichever form the corpus was read from: opinions become
//! nodes, [`resolve`](super::resolve) decides which node each citation lands
//! on, and the curated layer is linked last ([`link`](super::link)). Reads
//! no files and writes none.

use super::resolve::{self, Resolution, Subject};
use super::{Corpus, Error, LoadedOpinion, OpinionMeta, annotations::Annotations, link};
use crate::cite::Extraction;
use crate::graph::{Graph, NodeId, Opinion};

/// An opinion ready to be put in the graph.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    /// Its metadata.
    pub meta: OpinionMeta,
    /// Its text.
    pub text: String,
    /// Its extraction.
    pub extraction: Extraction,
    /// The keys of its own citation (see [`resolve::own_keys`]).
    pub own: Vec<String>,
}

/// Resolves the citations of `entries` across the corpus.
pub(super) fn resolution(entries: &[Entry]) -> Resolution {
    let subjects: Vec<Subject<'_>> = entries
        .iter()
        .map(|e| Subject {
            meta: &e.meta,
            citations: &e.extraction.citations,
            text: &e.text,
            own: &e.own,
        })
        .collect();
    resolve::resolve(&subjects)
}

fn opinion_node(meta: &OpinionMeta) -> Opinion {
    Opinion {
        id: meta.id.clone(),
        case_name: meta.case_name.clone(),
        short_name: meta.short_name.clone(),
        court_name: meta.court.clone(),
        court: meta.court_id.clone(),
        docket_number: meta.docket_number.clone(),
        judge: meta.judge.clone(),
        date: meta.date.clone(),
        document_type: meta.document_type.clone(),
    }
}

/// The key citation `j` lands on: the one lent in `changed` (sorted by
/// citation), else its own.
fn lent<'a>(
    changed: &'a [(usize, Option<String>)],
    j: usize,
    citation: &'a crate::cite::Citation,
) -> Option<&'a str> {
    match changed.binary_search_by_key(&j, |(at, _)| *at) {
        Ok(at) => changed[at].1.as_deref(),
        Err(_) => citation.authority.as_deref(),
    }
}

/// The graph of `entries` (citations only, no annotations) under
/// `resolution`; their treatments are classified by [`treat`].
pub(super) fn graph(entries: Vec<Entry>, resolution: &Resolution) -> Corpus {
    let mut graph = Graph::new();
    let nodes: Vec<NodeId> = entries
        .iter()
        .map(|e| graph.add_opinion(opinion_node(&e.meta)))
        .collect();
    // An opinion that is a cited case answers to every key of that case.
    for (canonical, opinion, _) in resolution.claims() {
        for key in resolution.members(canonical) {
            graph.alias_key(key, nodes[opinion]);
        }
    }
    let mut opinions = Vec::with_capacity(entries.len());
    for (i, mut entry) in entries.into_iter().enumerate() {
        let citations = &mut entry.extraction.citations;
        // Only the keys resolution changes are lent out (most stay).
        let mut changed: Vec<(usize, Option<String>)> = Vec::new();
        for (j, c) in citations.iter().enumerate() {
            let key = resolution.key_for(i, j, c);
            if key != c.authority.as_deref() {
                changed.push((j, key.map(str::to_string)));
            }
        }
        // Full forms first, as `Graph::add_citations` names nodes, so a
        // case's node is made (from its best citation) in the same order.
        let mut order: Vec<usize> = (0..citations.len()).collect();
        order.sort_by_key(|&j| citations[j].resolved_to.is_some());
        for j in order {
            let Some(key) = lent(&changed, j, &citations[j]) else {
                continue;
            };
            if resolution.is_case(key) && graph.by_key(key).is_none() {
                let node = match resolution.representative(key) {
                    Some(named) => graph.add_authority(key, named),
                    None => graph.add_authority(key, &citations[j]),
                };
                for alias in resolution.members(key).iter().skip(1) {
                    graph.alias_key(alias, node);
                }
            }
        }
        // The graph reads each citation's key; lend it the resolved ones
        // and give the extraction back as it was.
        for (j, key) in &mut changed {
            std::mem::swap(&mut citations[*j].authority, key);
        }
        graph.add_citations(nodes[i], citations);
        for (j, key) in &mut changed {
            std::mem::swap(&mut citations[*j].authority, key);
        }
        opinions.push(LoadedOpinion {
            meta: entry.meta,
            text: entry.text,
            extraction: entry.extraction,
            node: nodes[i],
        });
    }
    Corpus { graph, opinions }
}

/// Classifies the treatment of each citing use of `opinions` in `graph`.
pub(super) fn treat(graph: &mut Graph, opinions: &[LoadedOpinion]) {
    let texts: Vec<(NodeId, &str)> = opinions.iter().map(|o| (o.node, o.text.as_str())).collect();
    graph.classify_treatments(&texts);
}

/// Links one annotation file into `corpus`.
pub(super) fn link(corpus: &mut Corpus, annotations: &Annotations) -> Result<(), Error> {
    link::annotations(
        &mut corpus.graph,
        &corpus.opinions,
        &annotations.file,
        annotations,
    )
}

/// The corpus of `entries` under `resolution`, with `annotations`.
pub(super) fn corpus(
    entries: Vec<Entry>,
    resolution: &Resolution,
    annotations: &[Annotations],
) -> Result<Corpus, Error> {
    let mut corpus = graph(entries, resolution);
    treat(&mut corpus.graph, &corpus.opinions);
    for file in annotations {
        link(&mut corpus, file)?;
    }
    corpus.graph.group_citing_uses();
    Ok(corpus)
}
