//! The passages of a corpus for the full-text index: every paragraph and
//! footnote of every opinion, each holding and ruling reason, and each
//! citation parenthetical, with the authorities cited in it.

use crate::cite::clean::BlockKind;
use crate::graph::{Graph, Node, NodeId, plain};
use crate::search::{Passage, PassageKind};

use super::LoadedOpinion;

/// The authority name a citation of `opinion` lands on, if it resolved.
fn authority_name(graph: &Graph, opinion: &LoadedOpinion, key: &str) -> Option<String> {
    let id: NodeId = graph
        .by_key(key)
        .or_else(|| graph.by_key(&format!("{}:{key}", opinion.meta.id)))?;
    Some(graph.node(id).label())
}

/// Every passage of `opinions`, in reading order. They are made as they
/// are read, so that the index writer works on some while the next are
/// made, and the corpus's text is not held twice.
pub fn passages<'a>(
    graph: &'a Graph,
    opinions: &'a [LoadedOpinion],
) -> impl Iterator<Item = Passage> + 'a {
    opinions
        .iter()
        .flat_map(|opinion| of_opinion(graph, opinion))
}

/// The passages of one opinion, in reading order.
fn of_opinion(graph: &Graph, opinion: &LoadedOpinion) -> Vec<Passage> {
    let mut out = Vec::new();
    let base = Passage {
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
    };
    let citations = &opinion.extraction.citations;
    // Resolved citations by where they start, so that each block looks
    // up only its own instead of scanning the opinion's every citation.
    let mut resolved: Vec<(usize, &str)> = citations
        .iter()
        .filter_map(|c| Some((c.span.start, c.authority.as_deref()?)))
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
            .filter_map(|&(_, key)| authority_name(graph, opinion, key))
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
    for c in citations {
        let Some(parenthetical) = &c.parenthetical else {
            continue;
        };
        out.push(Passage {
            section: c.location.section.clone(),
            paragraph: c.location.paragraph,
            footnote: c.location.footnote,
            kind: PassageKind::Parenthetical,
            text: plain(parenthetical),
            authorities: c
                .authority
                .as_deref()
                .and_then(|key| authority_name(graph, opinion, key))
                .into_iter()
                .collect(),
            ..base.clone()
        });
    }
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
        return Ok(crate::search::Index::in_memory(passages(
            graph,
            &opinions()?,
        ))?);
    };
    let _lock = lock(dir)?;
    let search = dir.join(SEARCH_DIR);
    if let Some(index) = crate::search::Index::open_current(&search, &print) {
        return Ok(index);
    }
    let opinions = opinions()?;
    Ok(crate::search::Index::open_or_build(
        &search,
        &print,
        || passages(graph, &opinions),
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
/// commit, built apart from the live one while the run commits; the lock
/// comes with it, to be held until the build is finished (once the
/// committed database can be stamped) or dropped.
pub(super) fn build_apart(
    dir: &std::path::Path,
    graph: &Graph,
    opinions: &[LoadedOpinion],
) -> Result<(std::fs::File, crate::search::Build), crate::search::Error> {
    let lock = lock(dir)?;
    let build = crate::search::Build::apart(&dir.join(SEARCH_DIR), passages(graph, opinions))?;
    Ok((lock, build))
}
