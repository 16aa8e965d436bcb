//! The graph of an ingested corpus, cached beside its database so that the
//! shell and every command start without reading each opinion's extraction,
//! resolving and classifying again.
//!
//! The snapshot (`DIR/graph.snapshot`) is derived data: it names what it was
//! built from (the database's size and modification time, which every
//! ingest that writes changes, and the program that built it), and one that
//! does not match, does not decode or cannot be read is simply built again
//! from the database. Writing it is best effort and atomic (a temporary file
//! renamed over the old one): a read-only corpus still opens, only slower.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::graph::Graph;

/// File name of the snapshot beside the database.
pub const SNAPSHOT: &str = "graph.snapshot";

/// First line of every snapshot; bumped when its layout changes.
const MAGIC: &str = "lexgraph graph snapshot 2";

/// A file's size and modification time, as a stamp that changes when the
/// file is written.
pub(super) fn stamp(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!("{}-{}", meta.len(), modified.as_nanos()))
}

/// What a snapshot of the corpus whose database is `database` must have been
/// built from to be used: that database as it is now, and this very program
/// (a rebuilt binary may build the graph otherwise). Taken before the
/// database is read, so a snapshot of a corpus that changed meanwhile is
/// never taken for current.
pub(super) fn fingerprint(database: &Path) -> Option<String> {
    let program = std::env::current_exe().ok().and_then(|exe| stamp(&exe))?;
    let corpus = stamp(database)?;
    Some(format!("{MAGIC} {corpus} {program}"))
}

fn path_beside(database: &Path) -> PathBuf {
    database.with_file_name(SNAPSHOT)
}

/// The snapshot beside `database`, when it was built from `fingerprint`.
pub(super) fn read(database: &Path, fingerprint: &str) -> Option<Graph> {
    let mut file = std::fs::File::open(path_beside(database)).ok()?;
    let mut first = vec![0; fingerprint.len() + 1];
    file.read_exact(&mut first).ok()?;
    if first[..fingerprint.len()] != *fingerprint.as_bytes() || first[fingerprint.len()] != b'\n' {
        return None;
    }
    crate::graph::codec::read(&mut file, first.len() as u64)
}

/// Writes the snapshot of `graph` beside `database`, labelled `fingerprint`.
/// Returns whether it was written; callers that only want the time saved
/// ignore failures.
pub(super) fn write(database: &Path, fingerprint: &str, graph: &Graph) -> bool {
    let Ok(payload) = crate::graph::codec::encode(graph) else {
        return false;
    };
    let target = path_beside(database);
    let Some(dir) = target.parent() else {
        return false;
    };
    let Ok(mut file) = tempfile::NamedTempFile::new_in(dir) else {
        return false;
    };
    // Readable by whoever may read the database (a temporary file is
    // private to its owner).
    if let Ok(meta) = std::fs::metadata(database) {
        let _ = file.as_file().set_permissions(meta.permissions());
    }
    let written = file
        .write_all(fingerprint.as_bytes())
        .and_then(|()| file.write_all(b"\n"))
        .and_then(|()| file.write_all(&payload))
        .and_then(|()| file.as_file().sync_all());
    written.is_ok() && file.persist(&target).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::store::tests::seeded;
    use crate::ingest::{DATABASE, Opinions, open_graph};

    fn count_of(graph: &Graph, kind: &str) -> usize {
        graph.counts().0.get(kind).copied().unwrap_or_default()
    }

    #[test]
    fn the_snapshot_an_ingest_leaves_answers_as_the_database_does() {
        let dir = seeded();
        let snapshot = dir.path().join(SNAPSHOT);
        assert!(snapshot.is_file(), "the ingest snapshots its graph");
        let (cached, opinions) = open_graph(dir.path()).expect("opens");
        assert!(
            matches!(opinions, Opinions::Stored(_)),
            "an open reads the snapshot"
        );
        std::fs::remove_file(&snapshot).expect("removes the snapshot");
        let (built, opinions) = open_graph(dir.path()).expect("opens again");
        assert!(
            matches!(opinions, Opinions::Loaded(_)),
            "builds without one"
        );
        assert!(snapshot.is_file(), "and snapshots what it built");
        let (cached_again, opinions) = open_graph(dir.path()).expect("opens again");
        assert!(matches!(opinions, Opinions::Stored(_)));
        assert_eq!(cached_again.counts(), built.counts());
        assert_eq!(cached.counts(), built.counts());
        for node in built.node_ids() {
            assert_eq!(cached.node(node).label(), built.node(node).label());
            let edges = |g: &Graph| g.out_edges(node).count();
            assert_eq!(edges(&cached), edges(&built));
        }
        // The opinions read later are those of the graph's opinion nodes.
        let loaded = opinions.load(&cached_again).expect("reads the opinions");
        assert_eq!(loaded.len(), count_of(&cached_again, "opinion"));
        for opinion in &loaded {
            assert_eq!(cached_again.by_id(&opinion.meta.id), Some(opinion.node));
        }
    }

    #[test]
    fn a_snapshot_of_another_database_state_or_a_damaged_one_is_rebuilt() {
        let dir = seeded();
        let database = dir.path().join(DATABASE);
        open_graph(dir.path()).expect("opens and snapshots");
        let snapshot = dir.path().join(SNAPSHOT);

        // Damaged past its first line: not decoded, built again.
        let mut bytes = std::fs::read(&snapshot).expect("snapshot");
        let cut = bytes.len() / 2;
        bytes.truncate(cut);
        std::fs::write(&snapshot, &bytes).expect("damaged");
        let (graph, opinions) = open_graph(dir.path()).expect("opens");
        assert!(matches!(opinions, Opinions::Loaded(_)));
        assert!(count_of(&graph, "opinion") >= 1);

        // Made for another state of the database: not used.
        let print = fingerprint(&database).expect("fingerprint");
        assert!(read(&database, &print).is_some(), "rewritten whole");
        assert!(read(&database, &format!("{print}x")).is_none());
    }
}
