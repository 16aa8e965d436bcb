//! The ingested corpus on disk: one SQLite database, `DIR/corpus.sqlite`.
//!
//! Tables (see [`SCHEMA`]), meant to be read with `sqlite3` or pandas as well:
//!
//! * `opinions`: one row per opinion: metadata in columns, the text, where
//!   it came from, and two blake3 hashes (`text_hash` of the text,
//!   `content_hash` of metadata and text) that make re-ingesting idempotent;
//! * `citations`: one row per citation occurrence, every field of
//!   [`Citation`] in a column; `authority` is the key its own text resolves
//!   it to;
//! * `extractions`: each opinion's whole extraction (paragraph structure and
//!   citations) in MessagePack, with the fingerprint of the extractor that
//!   made it: the snapshot [`open`] starts from without re-extracting;
//! * `annotations`: the curated TOML of each annotation file, as written;
//! * `authorities` and `short_forms`: what resolution across the corpus
//!   found at the last ingest (each case key's canonical key and the opinion
//!   that is the case; short forms only the corpus resolves), and the view
//!   `resolved_citations` that joins them to `citations`;
//! * `runs`: one row per ingest run that changed the corpus;
//! * `lexgraph`: the schema version.
//!
//! Writes go through a [`Writer`], which holds one `BEGIN IMMEDIATE`
//! transaction from start to commit: a second writer waits for it (up to
//! [`WAIT`]) and then fails with [`Error::Busy`]; a run that dies before
//! committing leaves the database as it was (SQLite rolls the journal back).
//! This module stores and reads; it decides nothing about what to store.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rayon::prelude::*;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, params};

use super::assemble::Entry;
use super::extract::{self, Extracted};
use super::input::Origin;
use super::resolve::{KeyRow, Resolution, Rule};
use super::source::AnnotationSource;
use super::{Corpus, Error, LoadedOpinion, OpinionMeta, annotations, assemble};
use crate::cite::{Citation, CitationKind, Extraction, reporters::Reporters};
use crate::graph::Graph;

/// Version of the schema below; a corpus with a higher one is refused.
pub const SCHEMA_VERSION: i64 = 1;

/// What separates the keys of `opinions.citation_keys`.
const KEY_SEPARATOR: &str = "; ";

/// How long a writer (or a reader meeting a commit) waits for the lock.
pub const WAIT: Duration = Duration::from_secs(30);

/// The tables and views of a corpus.
pub const SCHEMA: &str = r#"
CREATE TABLE lexgraph (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE opinions (
    seq           INTEGER PRIMARY KEY,   -- corpus order
    id            TEXT NOT NULL UNIQUE,
    case_name     TEXT NOT NULL,
    short_name    TEXT,
    court         TEXT,                  -- as written: 1st Cir.
    court_id      TEXT,                  -- courts-db: ca1
    docket_number TEXT,
    judge         TEXT,
    judge_title   TEXT,
    date          TEXT,                  -- ISO 8601
    year          INTEGER,
    document_type TEXT,
    citation      TEXT,                  -- its own citation, when the input gave it
    citation_keys TEXT,                  -- the case keys of that citation, '; '-separated
    source_file   TEXT NOT NULL,
    source_line   INTEGER,
    text          TEXT NOT NULL,
    text_hash     TEXT NOT NULL,         -- blake3 of the text
    content_hash  TEXT NOT NULL,         -- blake3 of metadata and text
    ingested_at   INTEGER NOT NULL       -- unix seconds
);
CREATE INDEX opinions_text_hash ON opinions (text_hash);
CREATE TABLE citations (
    opinion_id         TEXT NOT NULL REFERENCES opinions (id),
    seq                INTEGER NOT NULL, -- index in the opinion's citations
    type               TEXT NOT NULL,    -- FullCaseCitation, ShortCaseCitation, ...
    start              INTEGER NOT NULL, -- byte span in the text
    "end"              INTEGER NOT NULL,
    matched_text       TEXT NOT NULL,
    volume             TEXT,
    reporter           TEXT,
    corrected_reporter TEXT,
    page               TEXT,
    pin_cite           TEXT,
    year               INTEGER,
    date               TEXT,
    court              TEXT,
    court_name         TEXT,
    plaintiff          TEXT,
    defendant          TEXT,
    short_name         TEXT,
    docket_number      TEXT,
    docket_entry       TEXT,
    document           TEXT,
    law_kind           TEXT,
    bates_prefix       TEXT,
    bates_first        INTEGER,
    bates_last         INTEGER,
    signal             TEXT,
    parenthetical      TEXT,
    proposition        TEXT,
    paragraph          INTEGER,
    footnote           INTEGER,
    section            TEXT,
    nested_parent      INTEGER,
    nested_relation    TEXT,
    resolved_to        INTEGER,
    authority          TEXT,             -- key its own text resolves it to
    PRIMARY KEY (opinion_id, seq)
) WITHOUT ROWID;
CREATE INDEX citations_authority ON citations (authority);
CREATE TABLE extractions (
    opinion_id  TEXT PRIMARY KEY REFERENCES opinions (id),
    fingerprint TEXT NOT NULL,
    data        BLOB NOT NULL
);
CREATE TABLE annotations (
    file         TEXT PRIMARY KEY,       -- file name, as in data/annotations/
    opinion_id   TEXT NOT NULL,
    source       TEXT NOT NULL,          -- the TOML as written
    content_hash TEXT NOT NULL,
    ingested_at  INTEGER NOT NULL
);
CREATE TABLE authorities (
    key           TEXT PRIMARY KEY,      -- a case key cited or claimed
    canonical     TEXT NOT NULL,         -- the key of its case (parallel cites joined)
    opinion_id    TEXT,                  -- the opinion that is that case
    rule          TEXT,                  -- given | matched
    -- On canonical rows, the citation the case is named from:
    plaintiff     TEXT,
    defendant     TEXT,
    citation      TEXT,                  -- as first written
    volume        TEXT,
    reporter      TEXT,
    page          TEXT,
    year          INTEGER,
    date          TEXT,
    court         TEXT,
    court_name    TEXT,
    docket_number TEXT
) WITHOUT ROWID;
CREATE TABLE short_forms (
    opinion_id TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    authority  TEXT NOT NULL,            -- key found across the corpus
    PRIMARY KEY (opinion_id, seq)
) WITHOUT ROWID;
CREATE TABLE runs (
    run         INTEGER PRIMARY KEY,
    finished_at INTEGER NOT NULL,
    version     TEXT NOT NULL,           -- lexgraph version
    inputs      TEXT NOT NULL,           -- JSON list of the paths given
    added       INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    unchanged   INTEGER NOT NULL,
    skipped     INTEGER NOT NULL
);
CREATE VIEW resolved_citations AS
SELECT c.*,
       COALESCE(c.authority, s.authority) AS resolved_key,
       a.canonical                         AS canonical_key,
       a.opinion_id                        AS cited_opinion
FROM citations c
LEFT JOIN short_forms s ON s.opinion_id = c.opinion_id AND s.seq = c.seq
LEFT JOIN authorities a ON a.key = COALESCE(c.authority, s.authority);
"#;

/// An opinion as the store keeps it.
#[derive(Debug, Clone)]
pub(super) struct Record {
    pub meta: OpinionMeta,
    pub own: Vec<String>,
    pub text: String,
    pub origin: Origin,
    pub text_hash: String,
    pub content_hash: String,
}

/// An opinion already in the store, as far as deciding what to do needs.
#[derive(Debug, Clone)]
pub(super) struct Existing {
    pub id: String,
    pub text_hash: String,
    pub content_hash: String,
    pub fingerprint: Option<String>,
}

fn store_error(path: &Path) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |source| {
        let busy = matches!(
            source.sqlite_error_code(),
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
        );
        if busy {
            Error::Busy {
                path: path.to_path_buf(),
            }
        } else {
            Error::Store {
                path: path.to_path_buf(),
                source,
            }
        }
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The schema version of the database, `None` when it has no schema yet
/// (new, or its first ingest died before committing).
fn schema_version(conn: &Connection) -> rusqlite::Result<Option<i64>> {
    let has_table: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'lexgraph'",
        [],
        |row| row.get(0),
    )?;
    if !has_table {
        return Ok(None);
    }
    conn.query_row(
        "SELECT CAST(value AS INTEGER) FROM lexgraph WHERE key = 'schema_version'",
        [],
        |row| row.get(0),
    )
    .optional()
}

fn check_version(path: &Path, version: Option<i64>) -> Result<(), Error> {
    match version {
        Some(v) if v > SCHEMA_VERSION => Err(Error::NotACorpus {
            path: path.to_path_buf(),
            reason: format!(
                "written by a newer lexgraph (schema {v}; this one reads up to {SCHEMA_VERSION})"
            ),
        }),
        _ => Ok(()),
    }
}

/// A write transaction on a corpus; dropped without [`Writer::commit`], it
/// rolls back.
pub(super) struct Writer {
    conn: Connection,
    path: PathBuf,
    created: bool,
    committed: bool,
}

impl Drop for Writer {
    fn drop(&mut self) {
        if !self.committed {
            // Nothing to do if this fails: SQLite rolls back an unfinished
            // transaction when the connection closes anyway.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

impl Writer {
    /// Opens (creating when absent) the database at `path` and takes the
    /// write lock, waiting up to [`WAIT`] for another writer.
    pub fn begin(path: &Path) -> Result<Writer, Error> {
        Writer::begin_waiting(path, WAIT)
    }

    /// [`Writer::begin`], waiting up to `wait` for another writer.
    fn begin_waiting(path: &Path, wait: Duration) -> Result<Writer, Error> {
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let fail = store_error(path);
        let conn = Connection::open(path).map_err(&fail)?;
        conn.busy_timeout(wait).map_err(&fail)?;
        conn.execute_batch("BEGIN IMMEDIATE").map_err(&fail)?;
        let mut writer = Writer {
            conn,
            path: path.to_path_buf(),
            created: false,
            committed: false,
        };
        let version = schema_version(&writer.conn).map_err(&fail)?;
        check_version(path, version)?;
        if version.is_none() {
            writer.conn.execute_batch(SCHEMA).map_err(&fail)?;
            writer
                .conn
                .execute(
                    "INSERT INTO lexgraph (key, value) VALUES ('schema_version', ?1), ('created_by', ?2)",
                    params![SCHEMA_VERSION.to_string(), concat!("lexgraph ", env!("CARGO_PKG_VERSION"))],
                )
                .map_err(&fail)?;
            writer.created = true;
        }
        Ok(writer)
    }

    /// Whether this transaction created the corpus.
    pub fn created(&self) -> bool {
        self.created
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn fail(&self) -> impl Fn(rusqlite::Error) -> Error + '_ {
        store_error(&self.path)
    }

    /// Every stored opinion, in corpus order.
    pub fn existing(&self) -> Result<Vec<Existing>, Error> {
        let mut statement = self
            .conn
            .prepare(
                "SELECT o.id, o.text_hash, o.content_hash, e.fingerprint
                 FROM opinions o LEFT JOIN extractions e ON e.opinion_id = o.id
                 ORDER BY o.seq",
            )
            .map_err(self.fail())?;
        let rows = statement
            .query_map([], |row| {
                Ok(Existing {
                    id: row.get(0)?,
                    text_hash: row.get(1)?,
                    content_hash: row.get(2)?,
                    fingerprint: row.get(3)?,
                })
            })
            .map_err(self.fail())?;
        rows.collect::<Result<_, _>>().map_err(self.fail())
    }

    /// The stored annotation files: file name → content hash.
    pub fn annotation_hashes(&self) -> Result<HashMap<String, String>, Error> {
        let mut statement = self
            .conn
            .prepare("SELECT file, content_hash FROM annotations")
            .map_err(self.fail())?;
        let rows = statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .map_err(self.fail())?;
        rows.collect::<Result<_, _>>().map_err(self.fail())
    }

    /// The canonical keys of the cases the corpus knew at its last ingest.
    pub fn known_cases(&self) -> Result<std::collections::HashSet<String>, Error> {
        let mut statement = self
            .conn
            .prepare("SELECT DISTINCT canonical FROM authorities")
            .map_err(self.fail())?;
        let rows = statement
            .query_map([], |row| row.get(0))
            .map_err(self.fail())?;
        rows.collect::<Result<_, _>>().map_err(self.fail())
    }

    /// How many opinions the last ingest found to be cited cases: (by
    /// their own citation, by name, court and year).
    pub fn claims(&self) -> Result<(usize, usize), Error> {
        let count = |rule: &str| -> Result<usize, Error> {
            self.conn
                .query_row(
                    "SELECT count(*) FROM authorities WHERE key = canonical AND rule = ?1",
                    [rule],
                    |row| row.get::<_, i64>(0),
                )
                .map(|n| n as usize)
                .map_err(self.fail())
        };
        Ok((count(Rule::Given.word())?, count(Rule::Matched.word())?))
    }

    /// The text of stored opinion `id`.
    pub fn text(&self, id: &str) -> Result<String, Error> {
        self.conn
            .query_row("SELECT text FROM opinions WHERE id = ?1", [id], |row| {
                row.get(0)
            })
            .map_err(self.fail())
    }

    /// Stores `record` with `extraction`, replacing any opinion of the same id
    /// (which keeps its place in corpus order).
    pub fn put(
        &self,
        record: &Record,
        extracted: &Extracted,
        fingerprint: &str,
    ) -> Result<(), Error> {
        let fail = self.fail();
        let meta = &record.meta;
        let seq: Option<i64> = self
            .conn
            .query_row(
                "SELECT seq FROM opinions WHERE id = ?1",
                [&meta.id],
                |row| row.get(0),
            )
            .optional()
            .map_err(&fail)?;
        self.delete_derived_of(&meta.id)?;
        self.conn
            .execute("DELETE FROM opinions WHERE id = ?1", [&meta.id])
            .map_err(&fail)?;
        self.conn
            .prepare_cached(
                "INSERT INTO opinions (seq, id, case_name, short_name, court, court_id,
                    docket_number, judge, judge_title, date, year, document_type, citation,
                    citation_keys, source_file, source_line, text, text_hash, content_hash,
                    ingested_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                    ?17, ?18, ?19, ?20)",
            )
            .map_err(&fail)?
            .execute(params![
                seq,
                meta.id,
                meta.case_name,
                meta.short_name,
                meta.court,
                meta.court_id,
                meta.docket_number,
                meta.judge,
                meta.judge_title,
                meta.date,
                meta.year(),
                meta.document_type,
                meta.citation,
                (!record.own.is_empty()).then(|| record.own.join(KEY_SEPARATOR)),
                record.origin.file.to_string_lossy(),
                record.origin.line.map(|l| l as i64),
                record.text,
                record.text_hash,
                record.content_hash,
                now(),
            ])
            .map_err(&fail)?;
        self.put_extraction(&meta.id, extracted, fingerprint)
    }

    /// Replaces the extraction (and citation rows) of stored opinion `id`.
    pub fn put_extraction(
        &self,
        id: &str,
        extracted: &Extracted,
        fingerprint: &str,
    ) -> Result<(), Error> {
        let fail = self.fail();
        self.delete_derived_of(id)?;
        let (extraction, blob) = (&extracted.extraction, &extracted.stored);
        self.conn
            .prepare_cached(
                "INSERT INTO extractions (opinion_id, fingerprint, data) VALUES (?1, ?2, ?3)",
            )
            .map_err(&fail)?
            .execute(params![id, fingerprint, blob])
            .map_err(&fail)?;
        let mut insert = self
            .conn
            .prepare_cached(
                "INSERT INTO citations VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,
                    ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26,
                    ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35)",
            )
            .map_err(&fail)?;
        for (seq, c) in extraction.citations.iter().enumerate() {
            let bates = c.bates.as_ref();
            insert
                .execute(params![
                    id,
                    seq as i64,
                    c.kind.name(),
                    c.span.start as i64,
                    c.span.end as i64,
                    c.matched_text,
                    c.volume,
                    c.reporter,
                    c.corrected_reporter,
                    c.page,
                    c.pin_cite,
                    c.year,
                    c.date,
                    c.court,
                    c.court_name,
                    c.plaintiff,
                    c.defendant,
                    c.short_name,
                    c.docket_number,
                    c.docket_entry,
                    c.document,
                    c.law_kind,
                    bates.map(|b| b.prefix.as_str()),
                    bates.map(|b| b.first as i64),
                    bates.map(|b| b.last as i64),
                    c.signal.as_ref().and_then(words),
                    c.parenthetical,
                    c.proposition,
                    c.location.paragraph,
                    c.location.footnote,
                    c.location.section,
                    c.nested.map(|n| n.parent as i64),
                    c.nested.as_ref().and_then(|n| words(&n.relation)),
                    c.resolved_to.map(|r| r as i64),
                    c.authority,
                ])
                .map_err(&fail)?;
        }
        Ok(())
    }

    fn delete_derived_of(&self, id: &str) -> Result<(), Error> {
        let fail = self.fail();
        for table in ["citations", "extractions"] {
            self.conn
                .prepare_cached(&format!("DELETE FROM {table} WHERE opinion_id = ?1"))
                .map_err(&fail)?
                .execute([id])
                .map_err(&fail)?;
        }
        Ok(())
    }

    /// Stores an annotation file's source under its file name.
    pub fn put_annotations(
        &self,
        name: &str,
        opinion: &str,
        source: &str,
        hash: &str,
    ) -> Result<(), Error> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO annotations (file, opinion_id, source, content_hash, ingested_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![name, opinion, source, hash, now()],
            )
            .map_err(self.fail())?;
        Ok(())
    }

    /// Removes an annotation file.
    pub fn remove_annotations(&self, name: &str) -> Result<(), Error> {
        self.conn
            .execute("DELETE FROM annotations WHERE file = ?1", [name])
            .map_err(self.fail())?;
        Ok(())
    }

    /// Replaces the results of resolution across the corpus.
    pub fn put_resolution(
        &self,
        opinions: &[LoadedOpinion],
        resolution: &super::resolve::Resolution,
    ) -> Result<(), Error> {
        let fail = self.fail();
        self.conn
            .execute_batch("DELETE FROM authorities; DELETE FROM short_forms;")
            .map_err(&fail)?;
        let id_of = |i: usize| opinions.get(i).map(|o| o.meta.id.as_str());
        let mut insert = self
            .conn
            .prepare_cached(
                "INSERT INTO authorities VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,
                    ?12, ?13, ?14, ?15)",
            )
            .map_err(&fail)?;
        for row in resolution.rows() {
            let n = row.named.as_ref();
            insert
                .execute(params![
                    row.key,
                    row.canonical,
                    row.opinion.and_then(id_of),
                    row.rule.map(|r| r.word()),
                    n.and_then(|c| c.plaintiff.as_deref()),
                    n.and_then(|c| c.defendant.as_deref()),
                    n.map(|c| c.matched_text.as_str()),
                    n.and_then(|c| c.volume.as_deref()),
                    n.and_then(|c| c.corrected_reporter.as_deref()),
                    n.and_then(|c| c.page.as_deref()),
                    n.and_then(|c| c.year),
                    n.and_then(|c| c.date.as_deref()),
                    n.and_then(|c| c.court.as_deref()),
                    n.and_then(|c| c.court_name.as_deref()),
                    n.and_then(|c| c.docket_number.as_deref()),
                ])
                .map_err(&fail)?;
        }
        let mut insert = self
            .conn
            .prepare_cached("INSERT INTO short_forms VALUES (?1, ?2, ?3)")
            .map_err(&fail)?;
        let mut found: Vec<(usize, usize, &str)> = resolution.found().collect();
        found.sort();
        for (i, j, key) in found {
            insert
                .execute(params![id_of(i), j as i64, key])
                .map_err(&fail)?;
        }
        Ok(())
    }

    /// Records a run that changed the corpus.
    pub fn put_run(&self, inputs: &[PathBuf], counts: [usize; 4]) -> Result<(), Error> {
        let inputs: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
        let inputs = serde_json::to_string(&inputs).unwrap_or_default();
        let [added, updated, unchanged, skipped] = counts.map(|n| n as i64);
        self.conn
            .execute(
                "INSERT INTO runs (finished_at, version, inputs, added, updated, unchanged, skipped)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![now(), env!("CARGO_PKG_VERSION"), inputs, added, updated, unchanged, skipped],
            )
            .map_err(self.fail())?;
        Ok(())
    }

    /// Reads the corpus as it stands inside this transaction, taking the
    /// extractions of `known` (by opinion id) as they are instead of
    /// decoding them.
    pub fn read(&self, known: HashMap<String, Extraction>) -> Result<Stored, Error> {
        read_all(&self.conn, &self.path, known)
    }

    /// Makes the run's changes permanent, then, if no other writer has
    /// committed since, calls `stamp` while none can (a read transaction
    /// holds them off) and returns what it gives: a stamp of the database
    /// file taken there describes this run's database and no later one.
    /// What goes wrong after the commit only costs the stamp.
    pub fn commit_then<T>(mut self, stamp: impl FnOnce() -> Option<T>) -> Result<Option<T>, Error> {
        let before = data_version(&self.conn).map_err(self.fail())?;
        self.conn.execute_batch("COMMIT").map_err(self.fail())?;
        self.committed = true;
        // A deferred transaction takes its shared lock at its first read.
        let quiet = self.conn.execute_batch("BEGIN").is_ok()
            && self
                .conn
                .query_row("SELECT count(*) FROM runs", [], |_| Ok(()))
                .is_ok()
            && data_version(&self.conn).is_ok_and(|now| now == before);
        let stamped = if quiet { stamp() } else { None };
        let _ = self.conn.execute_batch("COMMIT");
        Ok(stamped)
    }
}

/// SQLite's count of commits by other connections to the database, as
/// `conn` last saw it (its own commits leave it as it is).
fn data_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA data_version", [], |row| row.get(0))
}

/// A value of an enum as its serde name (`see_also`).
fn words<T: serde::Serialize>(value: &T) -> Option<String> {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
}

/// What a corpus database holds, read.
pub(super) struct Stored {
    /// Opinions in corpus order, with their extractions.
    pub opinions: Vec<Entry>,
    /// Annotation files.
    pub annotations: Vec<AnnotationSource>,
    /// Whether some extraction had to be made again (its stored form no
    /// longer decodes).
    pub reextracted: bool,
}

/// The path annotation `name` of the database at `path` is reported under.
fn annotation_path(path: &Path, name: &str) -> PathBuf {
    PathBuf::from(format!("{}:annotations/{name}", path.display()))
}

fn read_all(
    conn: &Connection,
    path: &Path,
    mut known: HashMap<String, Extraction>,
) -> Result<Stored, Error> {
    let fail = store_error(path);
    struct Row {
        meta: OpinionMeta,
        text: String,
        data: Option<Vec<u8>>,
        own: Option<String>,
    }
    let mut statement = conn
        .prepare(
            "SELECT o.id, o.case_name, o.short_name, o.court, o.court_id, o.docket_number,
                    o.judge, o.judge_title, o.date, o.document_type, o.citation, o.source_file,
                    o.text, e.data, o.citation_keys
             FROM opinions o LEFT JOIN extractions e ON e.opinion_id = o.id
             ORDER BY o.seq",
        )
        .map_err(&fail)?;
    let rows = statement
        .query_map([], |row| {
            Ok(Row {
                meta: OpinionMeta {
                    id: row.get(0)?,
                    case_name: row.get(1)?,
                    short_name: row.get(2)?,
                    court: row.get(3)?,
                    court_id: row.get(4)?,
                    docket_number: row.get(5)?,
                    judge: row.get(6)?,
                    judge_title: row.get(7)?,
                    date: row.get(8)?,
                    document_type: row.get(9)?,
                    citation: row.get(10)?,
                    text: PathBuf::from(row.get::<_, String>(11)?),
                },
                text: row.get(12)?,
                data: row.get(13)?,
                own: row.get(14)?,
            })
        })
        .map_err(&fail)?;
    let rows: Vec<Row> = rows.collect::<Result<_, _>>().map_err(&fail)?;
    let rows: Vec<(Row, Option<Extraction>)> = rows
        .into_iter()
        .map(|row| {
            let extraction = known.remove(&row.meta.id);
            (row, extraction)
        })
        .collect();
    let reporters = std::sync::OnceLock::new();
    // A snapshot that no longer decodes (the extraction's shape changed) is
    // made again from the text: slower, never wrong.
    let reextracted = std::sync::atomic::AtomicBool::new(false);
    let opinions: Vec<Entry> = rows
        .into_par_iter()
        .map(|(row, extraction)| {
            let decoded = match extraction {
                Some(extraction) => Some(Ok(extraction)),
                None => row.data.as_deref().map(extract::decode),
            };
            if !matches!(decoded, Some(Ok(_))) {
                reextracted.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            let extraction = match decoded {
                Some(Ok(extraction)) => extraction,
                _ => extract::guarded(&row.text, reporters.get_or_init(Reporters::bundled))
                    .unwrap_or_else(|_| Extraction {
                        document: Default::default(),
                        citations: Vec::new(),
                    }),
            };
            let own = row
                .own
                .map(|keys| keys.split(KEY_SEPARATOR).map(str::to_string).collect())
                .unwrap_or_default();
            Entry {
                meta: row.meta,
                text: row.text,
                extraction,
                own,
            }
        })
        .collect();
    let mut statement = conn
        .prepare("SELECT file, source FROM annotations ORDER BY file")
        .map_err(&fail)?;
    let annotations = statement
        .query_map([], |row| {
            let name: String = row.get(0)?;
            Ok(AnnotationSource {
                file: annotation_path(path, &name),
                source: row.get(1)?,
            })
        })
        .map_err(&fail)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(&fail)?;
    Ok(Stored {
        opinions,
        annotations,
        reextracted: reextracted.into_inner(),
    })
}

/// The resolution the last ingest stored, by opinion index in `opinions`;
/// `None` when it names an opinion the corpus lacks (it is then redone).
fn read_resolution(
    conn: &Connection,
    path: &Path,
    opinions: &[Entry],
) -> Result<Option<Resolution>, Error> {
    let fail = store_error(path);
    let index: HashMap<&str, usize> = opinions
        .iter()
        .enumerate()
        .map(|(i, e)| (e.meta.id.as_str(), i))
        .collect();
    let mut statement = conn
        .prepare(
            "SELECT key, canonical, opinion_id, rule, plaintiff, defendant, citation, volume,
                    reporter, page, year, date, court, court_name, docket_number
             FROM authorities",
        )
        .map_err(&fail)?;
    let mut lost = false;
    let rows = statement
        .query_map([], |row| {
            let key: String = row.get(0)?;
            let canonical: String = row.get(1)?;
            let opinion: Option<String> = row.get(2)?;
            let rule: Option<String> = row.get(3)?;
            let citation: Option<String> = row.get(6)?;
            let named = citation.map(|matched_text| -> rusqlite::Result<Citation> {
                let mut c = Citation::new(CitationKind::FullCaseCitation);
                c.matched_text = matched_text;
                c.plaintiff = row.get(4)?;
                c.defendant = row.get(5)?;
                c.volume = row.get(7)?;
                c.corrected_reporter = row.get(8)?;
                c.page = row.get(9)?;
                c.year = row.get(10)?;
                c.date = row.get(11)?;
                c.court = row.get(12)?;
                c.court_name = row.get(13)?;
                c.docket_number = row.get(14)?;
                c.reporter = c.corrected_reporter.clone();
                c.authority = Some(canonical.clone());
                Ok(c)
            });
            Ok((key, canonical, opinion, rule, named.transpose()?))
        })
        .map_err(&fail)?;
    let mut keys = Vec::new();
    for row in rows {
        let (key, canonical, opinion, rule, named) = row.map_err(&fail)?;
        let opinion = match opinion {
            Some(id) => match index.get(id.as_str()) {
                Some(&i) => Some(i),
                None => {
                    lost = true;
                    None
                }
            },
            None => None,
        };
        keys.push(KeyRow {
            key,
            canonical,
            opinion,
            rule: rule.as_deref().and_then(Rule::from_word),
            named,
        });
    }
    let mut statement = conn
        .prepare("SELECT opinion_id, seq, authority FROM short_forms")
        .map_err(&fail)?;
    let rows = statement
        .query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, String>(2)?,
            ))
        })
        .map_err(&fail)?;
    let mut found = Vec::new();
    for row in rows {
        let (id, seq, key) = row.map_err(&fail)?;
        match index.get(id.as_str()) {
            Some(&i) => found.push((i, seq as usize, key)),
            None => lost = true,
        }
    }
    Ok((!lost).then(|| Resolution::from_rows(keys, found)))
}

/// Opens the ingested corpus whose database is `path`.
pub fn open(path: &Path) -> Result<Corpus, Error> {
    let fail = store_error(path);
    // Read-write when allowed, so that SQLite can roll back what a killed
    // ingest left; read-only otherwise.
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .or_else(|_| Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY))
        .map_err(&fail)?;
    conn.busy_timeout(WAIT).map_err(&fail)?;
    conn.execute_batch("BEGIN").map_err(&fail)?;
    let version = schema_version(&conn).map_err(&fail)?;
    if version.is_none() {
        return Err(Error::NotACorpus {
            path: path.to_path_buf(),
            reason: "not a lexgraph corpus, or its first ingest did not finish: run `lexgraph ingest` again".to_string(),
        });
    }
    check_version(path, version)?;
    let stored = read_all(&conn, path, HashMap::new())?;
    // What the last ingest resolved holds while every extraction is the
    // one it resolved; one made again here may number citations otherwise.
    let resolution = match stored.reextracted {
        false => read_resolution(&conn, path, &stored.opinions)?,
        true => None,
    };
    conn.execute_batch("COMMIT").map_err(&fail)?;
    drop(conn);
    let annotations = stored
        .annotations
        .iter()
        .map(|a| annotations::parse(&a.source, &a.file))
        .collect::<Result<Vec<_>, _>>()?;
    let resolution = resolution.unwrap_or_else(|| assemble::resolution(&stored.opinions));
    assemble::corpus(stored.opinions, &resolution, &annotations)
}

/// The opinions of the ingested corpus whose database is `path`, each with
/// its node in `graph` (the corpus's graph, as [`open`] built it).
pub(super) fn read_opinions(path: &Path, graph: &Graph) -> Result<Vec<LoadedOpinion>, Error> {
    let fail = store_error(path);
    let conn =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(&fail)?;
    conn.busy_timeout(WAIT).map_err(&fail)?;
    conn.execute_batch("BEGIN").map_err(&fail)?;
    let stored = read_all(&conn, path, HashMap::new())?;
    conn.execute_batch("COMMIT").map_err(&fail)?;
    stored
        .opinions
        .into_iter()
        .map(|entry| match graph.by_id(&entry.meta.id) {
            Some(node) => Ok(LoadedOpinion {
                meta: entry.meta,
                text: entry.text,
                extraction: entry.extraction,
                node,
            }),
            None => Err(Error::NotACorpus {
                path: path.to_path_buf(),
                reason: format!(
                    "opinion `{}` is in the database but not in its graph: the corpus changed while it was open; open it again",
                    entry.meta.id
                ),
            }),
        })
        .collect()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::ingest::{Options, ingest};

    /// A new ingested corpus holding the bundled opinion only.
    pub(in crate::ingest) fn seeded() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        let options = Options {
            progress: false,
            ..Options::default()
        };
        ingest(dir.path(), &[], &options).expect("a corpus from the seed");
        dir
    }

    #[test]
    fn a_writer_dropped_before_commit_changes_nothing() {
        let dir = seeded();
        let path = dir.path().join(super::super::DATABASE);
        let before = std::fs::read(&path).expect("database");
        {
            let writer = Writer::begin(&path).expect("lock");
            let stored = writer.read(HashMap::new()).expect("reads");
            let entry = &stored.opinions[0];
            let mut meta = entry.meta.clone();
            meta.id = "copy".to_string();
            let record = Record {
                meta,
                own: Vec::new(),
                text: entry.text.clone(),
                origin: Origin {
                    file: PathBuf::from("x"),
                    line: None,
                },
                text_hash: "h".to_string(),
                content_hash: "c".to_string(),
            };
            let extracted = Extracted {
                stored: extract::encode(&entry.extraction).expect("encodes"),
                extraction: entry.extraction.clone(),
            };
            writer.put(&record, &extracted, "f").expect("stores");
            assert_eq!(writer.existing().expect("reads").len(), 2);
            // Dropped here, as when a run fails half-way.
        }
        assert_eq!(std::fs::read(&path).expect("database"), before);
        assert_eq!(open(&path).expect("opens").opinions.len(), 1);
    }

    #[test]
    fn a_second_writer_is_told_the_corpus_is_busy() {
        let dir = seeded();
        let path = dir.path().join(super::super::DATABASE);
        let first = Writer::begin(&path).expect("lock");
        let second = Writer::begin_waiting(&path, Duration::from_millis(100));
        assert!(matches!(second, Err(Error::Busy { .. })));
        drop(first);
        assert!(Writer::begin_waiting(&path, Duration::from_millis(100)).is_ok());
    }
}
