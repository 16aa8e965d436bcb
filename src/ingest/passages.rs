//! The passages of a corpus for the full-text index: every paragraph and
//! footnote of every opinion, each holding and ruling reason, and each
//! citation parenthetical, with the authorities cited in it.

use std::collections::HashMap;

use crate::cite::clean::BlockKind;
use crate::graph::{Graph, Node, NodeId, plain};
use crate::search::{Passage, PassageKind};

use super::LoadedOpinion;

/// What the passages of a corpus take from its graph, taken once, so that
/// the index can be built while the graph is still being changed (its
/// citing uses classified and laid out again).
pub struct Cited {
    /// For each opinion, the node each of its citations lands on.
    landed: Vec<Vec<Option<NodeId>>>,
    /// The name of each node a citation lands on.
    names: HashMap<NodeId, String>,
    /// For each opinion, its holdings and rulings as passages.
    decisions: Vec<Vec<Passage>>,
}

impl Cited {
    /// What the passages of `opinions` take from `graph`.
    pub fn of(graph: &Graph, opinions: &[LoadedOpinion]) -> Cited {
        let mut names = HashMap::new();
        let landed = opinions
            .iter()
            .map(|opinion| {
                let cites = &opinion.extraction.citations;
                cites
                    .iter()
                    .map(|c| {
                        let id = landing(graph, opinion, c.authority.as_deref()?)?;
                        names.entry(id).or_insert_with(|| graph.node(id).label());
                        Some(id)
                    })
                    .collect()
            })
            .collect();
        let decisions = opinions
            .iter()
            .map(|opinion| decisions(graph, opinion))
            .collect();
        Cited {
            landed,
            names,
            decisions,
        }
    }

    /// The name of the authority citation `citation` of opinion `opinion`
    /// lands on, if it resolved.
    fn name(&self, opinion: usize, citation: usize) -> Option<&String> {
        let id = (*self.landed.get(opinion)?.get(citation)?)?;
        self.names.get(&id)
    }
}

/// The node a citation of `opinion` with authority `key` lands on: record
/// cites are keyed within their opinion.
fn landing(graph: &Graph, opinion: &LoadedOpinion, key: &str) -> Option<NodeId> {
    graph
        .by_key(key)
        .or_else(|| graph.by_key(&format!("{}:{key}", opinion.meta.id)))
}

/// Every passage of `opinions`, in reading order, with what `cited` took
/// from their graph. They are made as they are read, so that the index
/// writer works on some while the next are made, and the corpus's text is
/// not held twice.
pub fn passages<'a>(
    cited: &'a Cited,
    opinions: &'a [LoadedOpinion],
) -> impl Iterator<Item = Passage> + 'a {
    opinions
        .iter()
        .enumerate()
        .flat_map(|(i, opinion)| of_opinion(cited, i, opinion))
}

/// The passages of opinion `at`, in reading order.
fn of_opinion(cited: &Cited, at: usize, opinion: &LoadedOpinion) -> Vec<Passage> {
    let mut out = Vec::new();
    let base = base(opinion);
    let citations = &opinion.extraction.citations;
    // Resolved citations by where they start, so that each block looks
    // up only its own instead of scanning the opinion's every citation.
    let mut resolved: Vec<(usize, &String)> = citations
        .iter()
        .enumerate()
        .filter_map(|(j, c)| Some((c.span.start, cited.name(at, j)?)))
        .collect();
    resolved.sort_unstable();
    for block in &opinion.extraction.document.blocks {
        let kind = match block.kind {
            BlockKind::Paragraph => PassageKind::Paragraph,
            BlockKind::Footnote => PassageKind::Footnote,
            BlockKind::Caption | BlockKind::Heading => continue,
        };
        let mut authorities: Vec<String> = block
            .pieces
            .iter()
            .flat_map(|p| {
                let first = resolved.partition_point(|&(start, _)| start < p.start);
                let end = resolved.partition_point(|&(start, _)| start < p.end);
                &resolved[first..end.max(first)]
            })
            .map(|&(_, name)| name.clone())
            .collect();
        authorities.sort();
        authorities.dedup();
        out.push(Passage {
            section: block.section.clone(),
            paragraph: block.paragraph,
            footnote: block.footnote,
            kind,
            text: plain(&opinion.extraction.document.text_of(block, &opinion.text)),
            authorities,
            ..base.clone()
        });
    }
    for (j, c) in citations.iter().enumerate() {
        let Some(parenthetical) = &c.parenthetical else {
            continue;
        };
        out.push(Passage {
            section: c.location.section.clone(),
            paragraph: c.location.paragraph,
            footnote: c.location.footnote,
            kind: PassageKind::Parenthetical,
            text: plain(parenthetical),
            authorities: cited.name(at, j).cloned().into_iter().collect(),
            ..base.clone()
        });
    }
    out.extend(cited.decisions.get(at).into_iter().flatten().cloned());
    out
}

/// A passage of `opinion` with its metadata and nothing else.
fn base(opinion: &LoadedOpinion) -> Passage {
    Passage {
        opinion: opinion.meta.id.clone(),
        case_name: opinion.meta.case_name.clone(),
        court: opinion.meta.court_id.clone(),
        date: opinion.meta.date.clone(),
        section: None,
        paragraph: 0,
        footnote: None,
        kind: PassageKind::Paragraph,
        text: String::new(),
        authorities: Vec::new(),
    }
}

/// The holdings and rulings of `opinion`, as passages.
fn decisions(graph: &Graph, opinion: &LoadedOpinion) -> Vec<Passage> {
    let base = base(opinion);
    let mut out = Vec::new();
    for decision in graph.decisions_of(opinion.node) {
        let (kind, text, location) = match graph.node(decision) {
            Node::Holding(h) => (PassageKind::Holding, h.proposition.clone(), &h.location),
            Node::Ruling(r) => (
                PassageKind::Ruling,
                format!("{}: {}", r.subject, r.reason),
                &r.location,
            ),
            _ => continue,
        };
        let authorities = graph
            .relied_on(decision)
            .into_iter()
            .map(|(a, _)| graph.node(a).label())
            .collect();
        out.push(Passage {
            section: location.section.clone(),
            paragraph: location.paragraph,
            footnote: location.footnote,
            kind,
            text,
            authorities,
            ..base.clone()
        });
    }
    out
}

/// Directory of the full-text index beside an ingested corpus.
pub const SEARCH_DIR: &str = "search";

/// The full-text index of the corpus in `dir` (its `graph` and its
/// `opinions`, read only when the index must be built): kept in
/// `dir/search/` for an ingested corpus (rebuilt when the corpus changed or
/// a build was cut short), built in memory for a source corpus such as the
/// bundled `data/`, which stays read-only.
pub fn index<E: From<crate::search::Error>>(
    dir: &std::path::Path,
    graph: &Graph,
    opinions: impl FnOnce() -> Result<Vec<LoadedOpinion>, E>,
) -> Result<crate::search::Index, E> {
    let database = dir.join(super::DATABASE);
    // What the index was built from: the database's size and modification
    // time, which every ingest that writes changes.
    let Some(print) = super::snapshot::stamp(&database) else {
        let opinions = opinions()?;
        let cited = Cited::of(graph, &opinions);
        return Ok(crate::search::Index::in_memory(passages(
            &cited, &opinions,
        ))?);
    };
    let _lock = lock(dir)?;
    let search = dir.join(SEARCH_DIR);
    if let Some(index) = crate::search::Index::open_current(&search, &print) {
        return Ok(index);
    }
    let opinions = opinions()?;
    let cited = Cited::of(graph, &opinions);
    Ok(crate::search::Index::open_or_build(
        &search,
        &print,
        || passages(&cited, &opinions),
    )?)
}

/// The lock of the full-text index of the corpus in `dir`, held until the
/// file is dropped. Two processes may open a stale index at once (two
/// ingests, a shell and an ingest): one builds while the other waits, then
/// finds it built.
fn lock(dir: &std::path::Path) -> Result<std::fs::File, crate::search::Error> {
    let lock_path = dir.join(format!("{SEARCH_DIR}.lock"));
    let io = |source| crate::search::Error::Io {
        path: lock_path.clone(),
        source,
    };
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(io)?;
    lock.lock().map_err(io)?;
    Ok(lock)
}

/// The full-text index of the corpus an ingest in `dir` is about to
/// commit, built apart from the live one while the run finishes its graph
/// and commits; the lock comes with it, to be held until the build is
/// finished (once the committed database can be stamped) or dropped.
pub(super) fn build_apart(
    dir: &std::path::Path,
    cited: &Cited,
    opinions: &[LoadedOpinion],
) -> Result<(std::fs::File, crate::search::Build), crate::search::Error> {
    let lock = lock(dir)?;
    let build = crate::search::Build::apart(&dir.join(SEARCH_DIR), passages(cited, opinions))?;
    Ok((lock, build))
}
