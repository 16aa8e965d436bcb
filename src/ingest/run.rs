//! One ingest run: inputs read, compared with the corpus by content hash,
//! extracted in parallel, stored, resolved across the whole corpus and
//! checked by building its graph, all inside one write transaction of the
//! [`store`](super::store). A run that fails, or dies, changes nothing; a
//! run that finds nothing new writes nothing. Once committed, the run's
//! graph is snapshotted, and its full-text index, built while the run
//! commits, is put in place: the shell opens both without rebuilding.
//!
//! What happens to each opinion read:
//!
//! * its id is already stored with the same metadata and text: **unchanged**;
//! * its id is stored with other metadata or text: **updated** (it keeps its
//!   place in corpus order);
//! * its id was already read earlier in this run, or its text is that of
//!   another opinion: **skipped** (a duplicate);
//! * its extraction fails: **rejected**, like an input that does not parse;
//! * otherwise: **added**.
//!
//! A new corpus starts from a source-form corpus: `DIR/opinions/` and
//! `DIR/annotations/` when DIR already holds them, else [`Options::seed`]
//! (the bundled `data/`). Extractions stored by another extractor (see
//! the fingerprint in `extract`) are redone. Stored annotations must still
//! link after the run, or the run fails; a new annotation file that does not
//! link is rejected.
//!
//! For tests of atomicity, `LEXGRAPH_INGEST_ABORT_AFTER=N` makes the process
//! abort, as a kill would, right after storing its N-th opinion.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;

use super::input::{self, Candidate, Origin, Rejection};
use super::progress::Progress;
use super::store::{self, Record, Writer};
use super::{
    Corpus, DATABASE, Error, LoadedOpinion, annotations, assemble, extract, passages, snapshot,
    source,
};
use crate::cite::{CitationKind, Extraction, reporters::Reporters};

/// How a run behaves.
#[derive(Debug, Clone)]
pub struct Options {
    /// The source-form corpus a new corpus starts from; `None` starts empty.
    pub seed: Option<PathBuf>,
    /// Whether to draw a progress bar (only ever on a terminal's stderr).
    pub progress: bool,
}

impl Default for Options {
    /// Starts from the bundled corpus, with a progress bar.
    fn default() -> Options {
        Options {
            seed: Some(super::bundled()),
            progress: true,
        }
    }
}

/// What a run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// The corpus database.
    pub corpus: PathBuf,
    /// Whether the run created the corpus.
    pub created: bool,
    /// The source-form corpus a new corpus started from; `None` for an
    /// existing corpus.
    pub seeded_from: Option<PathBuf>,
    /// Opinions added.
    pub added: usize,
    /// Opinions whose metadata or text changed.
    pub updated: usize,
    /// Opinions read that the corpus already had as they are.
    pub unchanged: usize,
    /// Stored opinions extracted again because the extractor changed.
    pub reextracted: usize,
    /// Inputs that could not be taken in (the run's failures).
    pub rejected: Vec<Rejection>,
    /// Opinions passed over as duplicates (not failures).
    pub skipped: Vec<Rejection>,
    /// Files in the directories of no kind ingest reads.
    pub passed_over: usize,
    /// Annotation files added or changed.
    pub annotations_added: usize,
    /// Annotation files the corpus already had.
    pub annotations_unchanged: usize,
    /// Citations of the opinions added or updated, by type.
    pub citations: BTreeMap<&'static str, usize>,
    /// Cases the corpus did not know before the run.
    pub new_authorities: usize,
    /// Short forms (and *Id.*s) of the added or updated opinions that only
    /// the rest of the corpus resolved.
    pub resolved_across: usize,
    /// Short forms, *Id.*s and *supra*s of the added or updated opinions
    /// that name no authority.
    pub unresolved_short_forms: usize,
    /// Opinions in the corpus after the run.
    pub opinions: usize,
    /// Cases the corpus cites or holds after the run.
    pub cases: usize,
    /// Opinions that are cited cases: by their own citation, by name, court and year.
    pub identified: (usize, usize),
    /// Opinions that match more than one cited case, left apart.
    pub ambiguous: usize,
    /// Bytes of input read.
    pub bytes: u64,
    /// Seconds the run took, its graph snapshot and search index included.
    pub seconds: f64,
}

impl Summary {
    /// Whether some input could not be taken in (the exit code shows it).
    pub fn failed(&self) -> bool {
        !self.rejected.is_empty()
    }

    /// Whether the run changed the corpus.
    pub fn changed(&self) -> bool {
        self.created || self.added + self.updated + self.reextracted + self.annotations_added > 0
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "corpus: {}", self.corpus.display())?;
        match (&self.seeded_from, self.created) {
            (Some(seed), _) => writeln!(f, " (new, started from {})", seed.display())?,
            (None, true) => writeln!(f, " (new)")?,
            (None, false) => writeln!(f)?,
        }
        writeln!(
            f,
            "opinions: {} added, {} updated, {} unchanged, {} skipped ({} rejected, {} duplicates); {} in the corpus",
            self.added,
            self.updated,
            self.unchanged,
            self.rejected.len() + self.skipped.len(),
            self.rejected.len(),
            self.skipped.len(),
            self.opinions,
        )?;
        if self.reextracted > 0 {
            writeln!(
                f,
                "re-extracted: {} stored opinions (the extractor changed)",
                self.reextracted
            )?;
        }
        let total: usize = self.citations.values().sum();
        let by_type: Vec<String> = self
            .citations
            .iter()
            .map(|(kind, n)| format!("{n} {kind}"))
            .collect();
        writeln!(
            f,
            "citations: {total} in the opinions added or updated{}{}",
            if by_type.is_empty() { "" } else { ": " },
            by_type.join(", ")
        )?;
        writeln!(
            f,
            "authorities: {} new; {} cases in the corpus; {} opinions are cited cases ({} by their own citation, {} by name, court and year), {} ambiguous",
            self.new_authorities,
            self.cases,
            self.identified.0 + self.identified.1,
            self.identified.0,
            self.identified.1,
            self.ambiguous,
        )?;
        writeln!(
            f,
            "short forms: {} resolved across the corpus, {} unresolved",
            self.resolved_across, self.unresolved_short_forms
        )?;
        writeln!(
            f,
            "annotations: {} added, {} unchanged",
            self.annotations_added, self.annotations_unchanged
        )?;
        if self.passed_over > 0 {
            writeln!(
                f,
                "passed over: {} files of other kinds in the directories",
                self.passed_over
            )?;
        }
        writeln!(
            f,
            "took {:.2} s for {:.1} MB",
            self.seconds,
            self.bytes as f64 / 1e6
        )
    }
}

fn hash(parts: &[&[u8]]) -> String {
    let mut hasher = blake3::Hasher::new();
    for part in parts {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.finalize().to_hex().to_string()
}

/// The record of `candidate` with its hashes. The input path is left out
/// of the content hash: the same opinion read from a moved file is unchanged.
fn record(candidate: Candidate, reporters: &Reporters) -> Record {
    let mut meta = candidate.meta.clone();
    meta.text = PathBuf::new();
    let meta_json = serde_json::to_vec(&meta).unwrap_or_default();
    let text = candidate.text;
    let own = candidate
        .meta
        .citation
        .as_deref()
        .map(|c| super::resolve::own_keys(c, reporters))
        .unwrap_or_default();
    Record {
        own,
        text_hash: hash(&[text.as_bytes()]),
        content_hash: hash(&[&meta_json, text.as_bytes()]),
        meta: candidate.meta,
        text,
        origin: candidate.origin,
    }
}

/// The opinion count after which to abort, for atomicity tests.
fn abort_after() -> Option<usize> {
    std::env::var("LEXGRAPH_INGEST_ABORT_AFTER")
        .ok()
        .and_then(|n| n.parse().ok())
}

/// Whether two paths name the same directory.
fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// What a candidate turns out to be.
enum Change {
    Added,
    Updated,
}

/// Ingests `paths` into the corpus in `dir` (see the module documentation).
pub fn ingest(dir: &Path, paths: &[PathBuf], options: &Options) -> Result<Summary, Error> {
    ingest_and_open(dir, paths, options).map(|(summary, _)| summary)
}

/// [`ingest`], and the corpus as the run leaves it, when the run changed
/// it: the graph the run built to check the corpus is the one opening it
/// builds, so it is snapshotted here and handed on rather than read back
/// from the database.
pub fn ingest_and_open(
    dir: &Path,
    paths: &[PathBuf],
    options: &Options,
) -> Result<(Summary, Option<Corpus>), Error> {
    let started = Instant::now();
    if same_dir(dir, &super::bundled()) {
        return Err(Error::NotACorpus {
            path: dir.to_path_buf(),
            reason: "the bundled corpus is read-only: ingest into another one with --corpus DIR"
                .to_string(),
        });
    }
    let reporters = Reporters::bundled();
    let progress = Progress::new(options.progress);
    let inputs = input::read(paths, &reporters);
    let writer = Writer::begin(&dir.join(DATABASE))?;
    let mut summary = Summary {
        corpus: writer.path().to_path_buf(),
        created: writer.created(),
        rejected: inputs.rejected,
        passed_over: inputs.passed_over,
        bytes: inputs.bytes,
        ..Summary::default()
    };
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut annotation_inputs = Vec::new();
    if writer.created() {
        let own = dir.join("opinions").is_dir() || dir.join("annotations").is_dir();
        let seed = if own {
            Some(dir.to_path_buf())
        } else {
            options.seed.clone()
        };
        if let Some(seed) = seed {
            let corpus = source::read(&seed)?;
            candidates.extend(corpus.opinions.into_iter().map(|o| Candidate {
                meta: o.meta,
                text: o.text,
                origin: Origin {
                    file: o.file,
                    line: None,
                },
            }));
            annotation_inputs.extend(corpus.annotations);
            summary.seeded_from = Some(seed);
        }
    }
    candidates.extend(inputs.opinions);
    annotation_inputs.extend(inputs.annotations);

    // What each candidate is, by id and hash.
    let existing = writer.existing()?;
    let fingerprint = extract::fingerprint(&reporters);
    let stored: HashMap<&str, &store::Existing> =
        existing.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut texts: HashMap<String, String> = existing
        .iter()
        .map(|e| (e.text_hash.clone(), e.id.clone()))
        .collect();
    let mut read: HashMap<String, Origin> = HashMap::new();
    let mut work: Vec<(Record, Change)> = Vec::new();
    // Hashed on every core: the texts are most of the input.
    let records: Vec<Record> = candidates
        .into_par_iter()
        .map(|candidate| record(candidate, &reporters))
        .collect();
    for record in records {
        let id = record.meta.id.clone();
        if let Some(first) = read.get(&id) {
            summary.skipped.push(Rejection {
                origin: record.origin,
                reason: format!("duplicate id `{id}` (first read from {first})"),
            });
            continue;
        }
        read.insert(id.clone(), record.origin.clone());
        let before = stored.get(id.as_str());
        if before.is_some_and(|e| e.content_hash == record.content_hash) {
            summary.unchanged += 1;
            continue;
        }
        match texts.get(&record.text_hash) {
            Some(other) if *other != id => {
                summary.skipped.push(Rejection {
                    origin: record.origin,
                    reason: format!("same text as opinion `{other}`"),
                });
                continue;
            }
            _ => {}
        }
        texts.insert(record.text_hash.clone(), id);
        let change = if before.is_some() {
            Change::Updated
        } else {
            Change::Added
        };
        work.push((record, change));
    }
    let updating: HashSet<&str> = work.iter().map(|(r, _)| r.meta.id.as_str()).collect();
    let stale: Vec<&str> = existing
        .iter()
        .filter(|e| e.fingerprint.as_deref() != Some(fingerprint))
        .map(|e| e.id.as_str())
        .filter(|id| !updating.contains(id))
        .collect();
    let stale_texts: Vec<String> = stale
        .iter()
        .map(|id| writer.text(id))
        .collect::<Result<_, _>>()?;

    // Extraction on every core, each result stored as it comes.
    let all_texts: Vec<&str> = work
        .iter()
        .map(|(r, _)| r.text.as_str())
        .chain(stale_texts.iter().map(String::as_str))
        .collect();
    progress.stage("extracting", all_texts.len());
    let abort = abort_after();
    // What was just extracted, kept to build the graph without decoding it again.
    let mut fresh: HashMap<String, Extraction> = HashMap::new();
    let mut fresh_stale: HashMap<String, Extraction> = HashMap::new();
    let mut stored_count = 0;
    extract::in_order(
        &all_texts,
        &reporters,
        &|| progress.tick(),
        |at, result| -> Result<(), Error> {
            let Some((record, change)) = work.get(at) else {
                let id = stale[at - work.len()];
                match result {
                    Ok(extracted) => {
                        writer.put_extraction(id, &extracted, fingerprint)?;
                        summary.reextracted += 1;
                        fresh_stale.insert(id.to_string(), extracted.extraction);
                    }
                    // The earlier extraction stays; the next run tries again.
                    Err(reason) => summary.skipped.push(Rejection {
                        origin: Origin {
                            file: writer.path().to_path_buf(),
                            line: None,
                        },
                        reason: format!("opinion `{id}` keeps its earlier extraction: {reason}"),
                    }),
                }
                return Ok(());
            };
            let extracted = match result {
                Ok(extracted) => extracted,
                Err(reason) => {
                    summary.rejected.push(Rejection {
                        origin: record.origin.clone(),
                        reason,
                    });
                    return Ok(());
                }
            };
            writer.put(record, &extracted, fingerprint)?;
            stored_count += 1;
            if abort.is_some_and(|n| stored_count >= n) {
                std::process::abort();
            }
            count_citations(&mut summary.citations, &extracted.extraction);
            fresh.insert(record.meta.id.clone(), extracted.extraction);
            match change {
                Change::Added => summary.added += 1,
                Change::Updated => summary.updated += 1,
            }
            Ok(())
        },
    )?;
    drop(all_texts);

    // Annotation files.
    let known_annotations = writer.annotation_hashes()?;
    let mut new_annotations: HashMap<String, Origin> = HashMap::new();
    for file in annotation_inputs {
        let name = file
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.file.display().to_string());
        let digest = hash(&[file.source.as_bytes()]);
        if known_annotations.get(&name) == Some(&digest) {
            summary.annotations_unchanged += 1;
            continue;
        }
        let parsed = match annotations::parse(&file.source, &file.file) {
            Ok(parsed) => parsed,
            Err(e) => {
                summary.rejected.push(Rejection {
                    origin: Origin {
                        file: file.file.clone(),
                        line: e.line(),
                    },
                    reason: e.to_string(),
                });
                continue;
            }
        };
        writer.put_annotations(&name, &parsed.opinion, &file.source, &digest)?;
        new_annotations.insert(
            name,
            Origin {
                file: file.file,
                line: None,
            },
        );
    }
    summary.annotations_added = new_annotations.len();

    if !summary.changed() {
        // Nothing to write: the transaction is rolled back as the writer drops.
        let known = writer.existing()?.len();
        summary.opinions = known;
        summary.cases = writer.known_cases()?.len();
        summary.identified = writer.claims()?;
        summary.seconds = started.elapsed().as_secs_f64();
        return Ok((summary, None));
    }

    // The whole corpus, resolved and linked: checks it opens, and gives
    // the derived tables.
    progress.stage("linking", 1);
    let known_cases = writer.known_cases()?;
    let added_ids: HashSet<String> = fresh.keys().cloned().collect();
    fresh.extend(fresh_stale);
    let corpus_read = writer.read(fresh)?;
    let resolution = assemble::resolution(&corpus_read.opinions);
    let mut corpus = assemble::graph(corpus_read.opinions, &resolution);
    // An annotation file that fails to link may have linked in part.
    let mut linked_all = true;
    for file in &corpus_read.annotations {
        let name = file
            .file
            .to_string_lossy()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string();
        let linked = annotations::parse(&file.source, &file.file)
            .map_err(Error::from)
            .and_then(|parsed| assemble::link(&mut corpus, &parsed));
        match (linked, new_annotations.get(&name)) {
            (Ok(()), _) => {}
            (Err(e), Some(origin)) => {
                linked_all = false;
                writer.remove_annotations(&name)?;
                summary.annotations_added -= 1;
                summary.rejected.push(Rejection {
                    origin: origin.clone(),
                    reason: e.to_string(),
                });
            }
            (Err(e), None) => return Err(e),
        }
    }
    progress.finish();

    summary.opinions = corpus.opinions.len();
    summary.cases = resolution.cases();
    summary.new_authorities = resolution
        .rows()
        .iter()
        .filter(|row| row.key == row.canonical && !known_cases.contains(&row.canonical))
        .count();
    for (_, _, rule) in resolution.claims() {
        match rule {
            super::resolve::Rule::Given => summary.identified.0 += 1,
            super::resolve::Rule::Matched => summary.identified.1 += 1,
        }
    }
    summary.ambiguous = resolution.ambiguous.len();
    for (i, opinion) in corpus.opinions.iter().enumerate() {
        if !added_ids.contains(&opinion.meta.id) {
            continue;
        }
        for (j, c) in opinion.extraction.citations.iter().enumerate() {
            let short = matches!(
                c.kind,
                CitationKind::ShortCaseCitation
                    | CitationKind::IdCitation
                    | CitationKind::SupraCitation
                    | CitationKind::ReferenceCitation
            );
            if resolution.found_in_corpus(i, j).is_some() {
                summary.resolved_across += 1;
            } else if short && c.authority.is_none() {
                summary.unresolved_short_forms += 1;
            }
        }
    }
    writer.put_run(
        paths,
        [
            summary.added,
            summary.updated,
            summary.unchanged,
            summary.rejected.len() + summary.skipped.len(),
        ],
    )?;
    let database = writer.path().to_path_buf();
    if !linked_all {
        writer.put_resolution(&corpus.opinions, &resolution)?;
        writer.commit_then(|| None::<()>)?;
        summary.seconds = started.elapsed().as_secs_f64();
        return Ok((summary, None));
    }
    // The full-text index is built while the run classifies treatments,
    // lays the graph out, commits and snapshots the graph: it takes what it
    // needs of the graph first. It is put in place only once the committed
    // database can be stamped. Both are best effort, as when a corpus is
    // opened: what fails here is built there.
    let cited = passages::Cited::of(&corpus.graph, &corpus.opinions);
    let Corpus { graph, opinions } = &mut corpus;
    let opinions: &[LoadedOpinion] = opinions;
    let (prints, index) = std::thread::scope(|scope| {
        let index = scope.spawn(|| passages::build_apart(dir, &cited, opinions));
        let prints = writer.put_resolution(opinions, &resolution).and_then(|()| {
            assemble::treat(graph, opinions);
            graph.group_citing_uses();
            writer.commit_then(|| {
                Some((snapshot::fingerprint(&database), snapshot::stamp(&database)))
            })
        });
        if let Ok(Some((Some(print), _))) = &prints {
            let _ = snapshot::write(&database, print, graph);
        }
        (prints, index.join())
    });
    if let (Some((_, Some(stamp))), Ok(Ok((_lock, build)))) = (prints?, index) {
        let _ = build.finish(&stamp);
    }
    // The whole run, its graph snapshot and search index included.
    summary.seconds = started.elapsed().as_secs_f64();
    Ok((summary, Some(corpus)))
}

fn count_citations(counts: &mut BTreeMap<&'static str, usize>, extraction: &Extraction) {
    for c in &extraction.citations {
        *counts.entry(c.kind.name()).or_insert(0) += 1;
    }
}
