//! The tantivy index of passages: its schema, building it in memory or in a
//! directory that is swapped into place only once complete, and answering
//! a query with hits. It never decides what a query means (that is `plan`
//! and `proximity`) and never prints.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use tantivy::collector::TopDocs;
use tantivy::schema::document::{ReferenceValue, ReferenceValueLeaf};
use tantivy::schema::{
    Document, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError};

use super::plan::Plan;
use super::proximity::Proximity;
use super::snippet::snippet;
use super::words::{Scanner, normalise, scan, sentence_starts};
use super::{Error, Hit, Passage, PassageKind, parse};

/// The fast field of sentence starts, read by `proximity`.
pub(crate) const SENTENCES: &str = "sentences";

/// Bumped whenever the schema or the tokenizer changes, so that indexes
/// written by older code are rebuilt.
const FORMAT: &str = "lexgraph search index, format 1";
/// The live index, under the directory given to [`Index::open_or_build`].
const LIVE: &str = "index";
/// tantivy's files, inside a build or the live index.
const STORE: &str = "tantivy";
/// Written last: its presence, with the right fingerprint, means complete.
const MARKER: &str = "complete";
const BUILDING: &str = ".building-";
const RETIRED: &str = ".retired-";
/// Memory for the index writer, shared by its threads.
const WRITER_MEMORY: usize = 128_000_000;

/// A searchable index of passages. Searches share one reader, so an index
/// is cheap to query many times and may be shared between threads.
pub struct Index {
    reader: IndexReader,
    fields: Fields,
}

impl Index {
    /// Indexes `passages` in memory.
    pub fn in_memory(passages: impl IntoIterator<Item = Passage>) -> Result<Index, Error> {
        let index = tantivy::Index::create_in_ram(schema());
        fill(&index, passages)?;
        Index::over(&index)
    }

    /// Opens the index kept in `dir`, or builds it from `passages()` when it
    /// is missing, incomplete, or was built for another `fingerprint` of the
    /// corpus. `passages` is called only when building, and its passages
    /// are indexed as they come, so they need not all be in memory at once.
    /// The index owns `dir`: it keeps `index/` there and clears builds that
    /// were killed.
    pub fn open_or_build<P: IntoIterator<Item = Passage>>(
        dir: &Path,
        fingerprint: &str,
        passages: impl FnOnce() -> P,
    ) -> Result<Index, Error> {
        let live = dir.join(LIVE);
        match open_complete(&live, fingerprint) {
            Some(index) => Ok(index),
            None => build(dir, fingerprint, passages()),
        }
    }

    /// The index kept in `dir`, when it is complete and was built for this
    /// `fingerprint` of the corpus; `None` when [`Index::open_or_build`]
    /// would build it.
    pub fn open_current(dir: &Path, fingerprint: &str) -> Option<Index> {
        open_complete(&dir.join(LIVE), fingerprint)
    }

    /// The passages that match `query`, best first, at most `limit` of them.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>, Error> {
        let expr = parse(query)?;
        let searcher = self.reader.searcher();
        let limit = limit.min(usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX));
        if limit == 0 {
            return Ok(Vec::new());
        }
        let plan = Plan::new(&expr, &searcher, &self.fields)?;
        let top = TopDocs::with_limit(limit).order_by_score();
        let found = if plan.exact {
            searcher.search(plan.candidate.as_ref(), &top)?
        } else {
            searcher.search(
                plan.candidate.as_ref(),
                &Proximity::new(&plan.root, limit, top),
            )?
        };
        found
            .into_iter()
            .map(|(score, address)| {
                let document: TantivyDocument = searcher.doc(address)?;
                let passage = self.fields.passage(&document);
                Ok(Hit {
                    score,
                    snippet: snippet(&passage.text, &plan.highlight),
                    passage,
                })
            })
            .collect()
    }

    /// How many passages the index holds.
    pub fn passage_count(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    fn over(index: &tantivy::Index) -> Result<Index, Error> {
        let fields = Fields::new(&index.schema())
            .ok_or_else(|| TantivyError::SchemaError("not a lexgraph search index".to_string()))?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Index { reader, fields })
    }
}

/// The live index, if its marker records this fingerprint and it opens.
/// Anything less is rebuilt rather than reported: a rebuild fixes it.
fn open_complete(live: &Path, fingerprint: &str) -> Option<Index> {
    let recorded = fs::read_to_string(live.join(MARKER)).ok()?;
    if recorded != marker(fingerprint) {
        return None;
    }
    let index = tantivy::Index::open_in_dir(live.join(STORE)).ok()?;
    Index::over(&index).ok()
}

fn marker(fingerprint: &str) -> String {
    format!("{FORMAT}\nfingerprint {fingerprint}\n")
}

fn build(
    dir: &Path,
    fingerprint: &str,
    passages: impl IntoIterator<Item = Passage>,
) -> Result<Index, Error> {
    Build::apart(dir, passages)?.finish(fingerprint)
}

/// An index built beside the live one and not yet in its place, so that
/// it can be built before the corpus it indexes is committed.
/// [`Build::finish`] puts it in place; dropped unfinished, it is removed.
/// Whoever builds holds the lock that keeps other builds of `dir` out
/// until the build is finished or dropped: a build clears the builds that
/// others left.
pub struct Build {
    dir: PathBuf,
    building: PathBuf,
    finished: bool,
}

impl Build {
    /// Indexes `passages` in a new build under `dir`.
    pub fn apart(dir: &Path, passages: impl IntoIterator<Item = Passage>) -> Result<Build, Error> {
        fs::create_dir_all(dir).map_err(io_error(dir))?;
        remove_leftovers(dir)?;
        let build = Build {
            dir: dir.to_path_buf(),
            building: dir.join(format!("{BUILDING}{}", unique())),
            finished: false,
        };
        let store = build.building.join(STORE);
        fs::create_dir_all(&store).map_err(io_error(&store))?;
        fill(&tantivy::Index::create_in_dir(&store, schema())?, passages)?;
        Ok(build)
    }

    /// Makes the build the live index of `dir`, recorded as built for
    /// `fingerprint` of the corpus.
    pub fn finish(mut self, fingerprint: &str) -> Result<Index, Error> {
        let marker_path = self.building.join(MARKER);
        write_synced(&marker_path, &marker(fingerprint)).map_err(io_error(&marker_path))?;
        let live = self.dir.join(LIVE);
        swap_in(&self.dir, &self.building, &live)?;
        self.finished = true;
        Index::over(&tantivy::Index::open_in_dir(live.join(STORE))?)
    }
}

impl Drop for Build {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.building);
        }
    }
}

/// Builds and retired indexes left by a process that was killed.
fn remove_leftovers(dir: &Path) -> Result<(), Error> {
    for entry in fs::read_dir(dir).map_err(io_error(dir))? {
        let path = entry.map_err(io_error(dir))?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.starts_with(BUILDING) || name.starts_with(RETIRED) {
            fs::remove_dir_all(&path).map_err(io_error(&path))?;
        }
    }
    Ok(())
}

/// Replaces `live` with the complete build. Between the two renames there
/// is no live index, which only means the next open rebuilds.
fn swap_in(dir: &Path, building: &Path, live: &Path) -> Result<(), Error> {
    let retired = dir.join(format!("{RETIRED}{}", unique()));
    let had_live = live.exists();
    if had_live {
        fs::rename(live, &retired).map_err(io_error(live))?;
    }
    fs::rename(building, live).map_err(io_error(building))?;
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io_error(dir))?;
    if had_live {
        fs::remove_dir_all(&retired).map_err(io_error(&retired))?;
    }
    Ok(())
}

fn write_synced(path: &Path, text: &str) -> io::Result<()> {
    let mut file = File::create(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

/// A name no other build of this process or another one uses.
fn unique() -> String {
    static BUILDS: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let build = BUILDS.fetch_add(1, Ordering::Relaxed);
    format!("{}-{nanos}-{build}", std::process::id())
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: PathBuf::from(path),
        source,
    }
}

fn fill(index: &tantivy::Index, passages: impl IntoIterator<Item = Passage>) -> Result<(), Error> {
    index
        .tokenizers()
        .register(TOKENIZER, WordTokenizer::default());
    let fields = Fields::new(&index.schema())
        .ok_or_else(|| TantivyError::SchemaError("not a lexgraph search index".to_string()))?;
    let mut writer: IndexWriter<Indexed> = index.writer(WRITER_MEMORY)?;
    for passage in passages {
        writer.add_document(Indexed::new(fields, passage))?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(())
}

/// The name [`WordTokenizer`] is registered under while an index is written.
const TOKENIZER: &str = "lexgraph-words";

fn schema() -> Schema {
    let mut schema = Schema::builder();
    let words = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    schema.add_text_field("text", words.clone());
    schema.add_u64_field(SENTENCES, FAST);
    schema.add_text_field("case_name", words.clone());
    schema.add_text_field("court", STRING | STORED);
    schema.add_text_field("date", STORED);
    schema.add_u64_field("day", INDEXED | FAST);
    schema.add_u64_field("year", INDEXED | FAST | STORED);
    schema.add_text_field("section", STORED);
    schema.add_u64_field("paragraph", STORED);
    schema.add_u64_field("footnote", STORED);
    schema.add_text_field("kind", STRING | STORED);
    schema.add_text_field("opinion", STRING | STORED);
    schema.add_text_field("authorities", words);
    schema.build()
}

/// The fields of the schema, looked up once.
#[derive(Clone, Copy)]
pub(crate) struct Fields {
    /// The passage's text: its words with positions, and the text itself.
    pub(crate) text: Field,
    sentences: Field,
    /// The case name, searched by `ti(…)`.
    pub(crate) case_name: Field,
    /// The court id, lowercased, for `court(…)`.
    pub(crate) court: Field,
    date: Field,
    /// The date as the number `YYYYMMDD`, for `date(…)` with a month or day.
    pub(crate) day: Field,
    /// The year, for `date(…)` with a year alone.
    pub(crate) year: Field,
    section: Field,
    paragraph: Field,
    footnote: Field,
    /// The kind's name, for `kind(…)`.
    pub(crate) kind: Field,
    opinion: Field,
    /// The cited authorities' names, one value each, searched by `cites(…)`.
    pub(crate) authorities: Field,
}

impl Fields {
    fn new(schema: &Schema) -> Option<Fields> {
        let field = |name: &str| schema.get_field(name).ok();
        Some(Fields {
            text: field("text")?,
            sentences: field(SENTENCES)?,
            case_name: field("case_name")?,
            court: field("court")?,
            date: field("date")?,
            day: field("day")?,
            year: field("year")?,
            section: field("section")?,
            paragraph: field("paragraph")?,
            footnote: field("footnote")?,
            kind: field("kind")?,
            opinion: field("opinion")?,
            authorities: field("authorities")?,
        })
    }

    fn passage(&self, document: &TantivyDocument) -> Passage {
        let text = |field| {
            document
                .get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let number = |field| {
            document
                .get_first(field)
                .and_then(|v| v.as_u64())
                .and_then(|n| u32::try_from(n).ok())
        };
        Passage {
            opinion: text(self.opinion).unwrap_or_default(),
            case_name: text(self.case_name).unwrap_or_default(),
            court: text(self.court),
            date: text(self.date),
            section: text(self.section),
            paragraph: number(self.paragraph).unwrap_or_default(),
            footnote: number(self.footnote),
            // Every document this module writes has a kind.
            kind: text(self.kind)
                .and_then(|name| PassageKind::from_name(&name))
                .unwrap_or(PassageKind::Paragraph),
            text: text(self.text).unwrap_or_default(),
            authorities: document
                .get_all(self.authorities)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
        }
    }
}

/// A passage as the index writer takes it: tantivy's threads read its
/// strings in place, where a `TantivyDocument` would copy each of them.
struct Indexed {
    passage: Passage,
    fields: Fields,
    sentences: Vec<u32>,
    /// The year and the `YYYYMMDD` number of the date.
    day: Option<(u64, u64)>,
}

impl Indexed {
    fn new(fields: Fields, mut passage: Passage) -> Indexed {
        if let Some(court) = &mut passage.court {
            *court = court.to_lowercase();
        }
        Indexed {
            sentences: sentence_starts(&passage.text),
            day: passage.date.as_deref().and_then(day_number),
            passage,
            fields,
        }
    }
}

impl Document for Indexed {
    type Value<'a> = Leaf<'a>;
    type FieldsValuesIter<'a> = std::vec::IntoIter<(Field, Leaf<'a>)>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        let (fields, passage) = (&self.fields, &self.passage);
        let number = |field, n: u32| (field, Leaf::Number(u64::from(n)));
        let mut values = Vec::with_capacity(12 + self.sentences.len() + passage.authorities.len());
        values.push((fields.text, Leaf::Text(&passage.text)));
        values.extend(self.sentences.iter().map(|&s| number(fields.sentences, s)));
        values.push((fields.case_name, Leaf::Text(&passage.case_name)));
        if let Some(court) = &passage.court {
            values.push((fields.court, Leaf::Text(court)));
        }
        if let Some(date) = &passage.date {
            values.push((fields.date, Leaf::Text(date)));
            if let Some((year, day)) = self.day {
                values.push((fields.year, Leaf::Number(year)));
                values.push((fields.day, Leaf::Number(day)));
            }
        }
        if let Some(section) = &passage.section {
            values.push((fields.section, Leaf::Text(section)));
        }
        values.push(number(fields.paragraph, passage.paragraph));
        if let Some(footnote) = passage.footnote {
            values.push(number(fields.footnote, footnote));
        }
        values.push((fields.kind, Leaf::Text(passage.kind.name())));
        values.push((fields.opinion, Leaf::Text(&passage.opinion)));
        // tantivy leaves a gap between values: no phrase spans two.
        values.extend(
            passage
                .authorities
                .iter()
                .map(|a| (fields.authorities, Leaf::Text(a))),
        );
        values.into_iter()
    }
}

/// A value of an [`Indexed`] passage, borrowed from it.
#[derive(Debug, Clone)]
enum Leaf<'a> {
    Text(&'a str),
    Number(u64),
}

impl<'a> Value<'a> for Leaf<'a> {
    type ArrayIter = std::iter::Empty<Self>;
    type ObjectIter = std::iter::Empty<(&'a str, Self)>;

    fn as_value(&self) -> ReferenceValue<'a, Self> {
        ReferenceValue::Leaf(match *self {
            Leaf::Text(text) => ReferenceValueLeaf::Str(text),
            Leaf::Number(n) => ReferenceValueLeaf::U64(n),
        })
    }
}

/// [`scan`] and [`normalise`] as a tantivy tokenizer, so that tantivy's
/// indexing threads tokenize, reusing one token's buffer for every word.
#[derive(Clone, Default)]
struct WordTokenizer {
    token: Token,
}

struct WordStream<'a> {
    text: &'a str,
    scanner: Scanner<'a>,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream {
            text,
            scanner: scan(text),
            token: &mut self.token,
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(bounds) = self.scanner.next() else {
            return false;
        };
        self.token.text.clear();
        normalise(&self.text[bounds.start..bounds.end], &mut self.token.text);
        self.token.offset_from = bounds.start;
        self.token.offset_to = bounds.end;
        self.token.position = self.token.position.wrapping_add(1);
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// The year and the `YYYYMMDD` number of an ISO date (`2025-04-07`).
fn day_number(date: &str) -> Option<(u64, u64)> {
    let mut parts = date.get(..10)?.split('-').map(|p| p.parse::<u64>().ok());
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    let valid = (1..=12).contains(&month) && (1..=31).contains(&day);
    valid.then_some((year, year * 10_000 + month * 100 + day))
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::sync::OnceLock;

    use proptest::prelude::*;

    use super::super::{EXPANSION_LIMIT, seed};
    use super::*;

    /// The seed opinion plus a short older opinion of another court.
    fn index() -> &'static Index {
        static INDEX: OnceLock<Index> = OnceLock::new();
        INDEX.get_or_init(|| {
            let mut passages = seed::passages();
            passages.extend(seed::older());
            match Index::in_memory(passages) {
                Ok(index) => index,
                Err(e) => panic!("cannot index the seed: {e}"),
            }
        })
    }

    fn hits(query: &str) -> Vec<Hit> {
        match index().search(query, 100) {
            Ok(hits) => hits,
            Err(e) => panic!("{query}: {e}"),
        }
    }

    fn texts(query: &str) -> Vec<String> {
        hits(query).into_iter().map(|h| h.passage.text).collect()
    }

    /// An index of the given texts, as paragraphs of one opinion.
    fn small(texts: &[&str]) -> Index {
        let passages = texts
            .iter()
            .enumerate()
            .map(|(i, text)| seed::paragraph(i, text));
        match Index::in_memory(passages) {
            Ok(index) => index,
            Err(e) => panic!("{e}"),
        }
    }

    fn found(index: &Index, query: &str) -> Vec<u32> {
        let mut found: Vec<u32> = match index.search(query, 10) {
            Ok(hits) => hits.into_iter().map(|h| h.passage.paragraph).collect(),
            Err(e) => panic!("{query}: {e}"),
        };
        found.sort_unstable();
        found
    }

    #[test]
    fn prosecutor_same_sentence_as_civil_finds_williams() {
        let hits = hits("prosecutor /s civil");
        assert!(!hits.is_empty());
        assert!(
            hits[0].passage.text.contains("Williams v. City of Chicago"),
            "{:#?}",
            hits[0]
        );
        assert!(
            hits[0].snippet.contains("[[prosecutor's]]"),
            "{}",
            hits[0].snippet
        );
        assert!(
            hits[0]
                .passage
                .authorities
                .iter()
                .any(|a| a == "Williams v. City of Chicago")
        );
        assert_eq!(hits[0].passage.section.as_deref(), Some("1. WP Doctrine"));
    }

    #[test]
    fn a_phrase_finds_enviro_tech() {
        let hits = hits("\"inextricably intertwined\"");
        assert!(
            hits.iter()
                .any(|h| h.passage.text.contains("Enviro Tech Int'l Inc."))
        );
        assert!(
            hits.iter()
                .all(|h| h.snippet.contains("[[inextricably intertwined]]"))
        );
    }

    #[test]
    fn privilege_and_waiver_in_one_paragraph_finds_the_privilege_log_discussion() {
        let texts = texts("privilege! /p waive!");
        assert!(texts.iter().any(|t| t.contains("Surgery Ctr.")));
        assert!(texts.iter().any(|t| t.contains("waived any protection")));
        assert!(texts.iter().all(|t| t.to_lowercase().contains("waive")));
    }

    #[test]
    fn but_not_excludes_passages() {
        let with = texts("privilege!");
        let without = texts("privilege % waive!");
        assert!(!without.is_empty() && without.len() < with.len());
        assert!(without.iter().all(|t| !t.to_lowercase().contains("waive")));
        assert!(
            without
                .iter()
                .all(|t| t.to_lowercase().contains("privilege"))
        );
    }

    #[test]
    fn a_numeric_connector_counts_words_in_either_order() {
        let index = small(&[
            "work product doctrine",
            "doctrine of work product",
            "work and then product",
        ]);
        assert_eq!(found(&index, "work /1 product"), [1, 2]);
        assert_eq!(found(&index, "product /1 work"), [1, 2]);
        assert_eq!(found(&index, "work /2 product"), [1, 2]);
        assert_eq!(found(&index, "work /3 product"), [1, 2, 3]);
        assert_eq!(found(&index, "doctrine /2 work"), [1, 2]);
        assert_eq!(found(&index, "doctrine /1 work"), Vec::<u32>::new());
        assert_eq!(found(&index, "doctrine /1 of"), [2]);
    }

    #[test]
    fn a_plus_connector_keeps_the_order() {
        let index = small(&[
            "work product doctrine",
            "product of work",
            "the work. The product.",
        ]);
        assert_eq!(found(&index, "work +1 product"), [1]);
        assert_eq!(found(&index, "work +3 product"), [1, 3]);
        assert_eq!(found(&index, "product +2 work"), [2]);
        assert_eq!(found(&index, "work +s product"), [1]);
        assert_eq!(found(&index, "product +s work"), [2]);
        assert_eq!(found(&index, "work +p product"), [1, 3]);
        assert_eq!(found(&index, "work /p product"), [1, 2, 3]);
    }

    #[test]
    fn sentence_connectors_respect_sentence_ends() {
        let index = small(&[
            "The prosecutor kept files. A civil case followed.",
            "The prosecutor's files in a civil action (N.D. Ill. Sept. 25, 2023) were sought.",
        ]);
        assert_eq!(found(&index, "prosecutor /s civil"), [2]);
        assert_eq!(found(&index, "prosecutor /p civil"), [1, 2]);
        assert_eq!(found(&index, "prosecutor /s sept"), [2]);
        assert_eq!(
            found(&index, "(prosecutor /3 files) /s followed"),
            Vec::<u32>::new()
        );
        assert_eq!(found(&index, "(prosecutor /3 files) /s action"), [2]);
    }

    #[test]
    fn both_sides_of_a_connector_are_different_words() {
        let index = small(&["privilege alone", "privilege and privilege"]);
        assert_eq!(found(&index, "privilege /2 privilege"), [2]);
        assert_eq!(found(&index, "privilege! /s privilege"), [2]);
    }

    #[test]
    fn phrases_with_expanders_are_checked_in_place() {
        let index = small(&[
            "the privilege log",
            "the privileged log",
            "the log of privileges",
        ]);
        assert_eq!(found(&index, "\"privilege! log\""), [1, 2]);
        assert_eq!(found(&index, "\"privilege log\""), [1]);
        assert_eq!(found(&index, "x % \"privilege! log\""), Vec::<u32>::new());
        assert_eq!(found(&index, "log % \"privilege! log\""), [3]);
        assert_eq!(found(&index, "log % (log /1 privilege!)"), [3]);
    }

    #[test]
    fn root_and_character_expanders_find_every_form() {
        let texts = texts("withh*ld");
        assert!(texts.iter().any(|t| t.contains("withheld")));
        assert!(texts.iter().any(|t| t.contains("withhold")));
        let index = small(&["a woman", "two women", "a wombat"]);
        assert_eq!(found(&index, "wom*n"), [1, 2]);
        assert_eq!(found(&index, "wom!"), [1, 2, 3]);
        assert_eq!(found(&index, "wom*n!"), [1, 2]);
        let hits = hits("privilege!");
        let snippets = hits.iter().map(|h| h.snippet.as_str()).collect::<String>();
        for form in [
            "[[privilege]]",
            "[[privileged]]",
            "[[privileges]]",
            "[[Privilege]]",
        ] {
            assert!(snippets.contains(form), "{form}");
        }
    }

    #[test]
    fn a_small_limit_gives_the_best_hits_of_a_large_one() {
        for query in [
            "privilege /s waive!",
            "privilege! /p court",
            "\"privilege! log\"",
            "court % waive!",
        ] {
            let all = hits(query);
            assert!(all.len() > 3, "{query}");
            let few = match index().search(query, 3) {
                Ok(hits) => hits,
                Err(e) => panic!("{query}: {e}"),
            };
            let scores = |hits: &[Hit]| hits.iter().map(|h| h.score).collect::<Vec<_>>();
            assert_eq!(scores(&few), scores(&all[..3]), "{query}");
            assert!(
                few.iter().all(|f| all
                    .iter()
                    .any(|a| a.score == f.score && a.passage == f.passage)),
                "{query}"
            );
        }
    }

    #[test]
    fn an_expander_that_matches_too_much_is_refused() {
        let words: Vec<String> = (0..=EXPANSION_LIMIT).map(|i| format!("a{i}")).collect();
        let index = small(&[&words.join(" ")]);
        assert!(matches!(index.search("a!", 5), Err(Error::TooBroad { .. })));
        assert!(index.search("a1!", 5).is_ok());
    }

    /// The day after `year-month-day`: a bound just past the seed's date
    /// whatever day of the month it is.
    fn day_after(year: u32, month: u32, day: u32) -> (u32, u32, u32) {
        let leap =
            year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
        let length = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        match (day < length, month < 12) {
            (true, _) => (year, month, day + 1),
            (false, true) => (year, month + 1, 1),
            (false, false) => (year + 1, 1, 1),
        }
    }

    #[test]
    fn the_day_after_crosses_months_years_and_leap_days() {
        assert_eq!(day_after(2025, 4, 7), (2025, 4, 8));
        assert_eq!(day_after(2025, 4, 30), (2025, 5, 1));
        assert_eq!(day_after(2024, 2, 28), (2024, 2, 29));
        assert_eq!(day_after(2025, 2, 28), (2025, 3, 1));
        assert_eq!(day_after(2025, 12, 31), (2026, 1, 1));
    }

    #[test]
    fn field_restrictions_filter_by_metadata() {
        let opinions = |query: &str| {
            let mut opinions: Vec<String> =
                hits(query).into_iter().map(|h| h.passage.opinion).collect();
            opinions.dedup();
            opinions
        };
        // The seed's facts come from its metadata and passages in `data/`.
        let seed = seed::meta();
        let id = [seed.id.as_str()];
        let court = seed.court_id.as_deref().unwrap_or_default();
        let date = seed.date.as_deref().unwrap_or_default();
        let day: Vec<u32> = date.split('-').filter_map(|n| n.parse().ok()).collect();
        let &[year, month, day] = day.as_slice() else {
            panic!("the seed's date {date:?} is YYYY-MM-DD");
        };
        assert_eq!(opinions(&format!("privilege & court({court})")), id);
        assert_eq!(opinions("privilege & court(ca7)"), ["doe-v-roe"]);
        assert_eq!(opinions("privilege & date(> 2020)"), id);
        assert_eq!(opinions("privilege & date(2006)"), ["doe-v-roe"]);
        let (next_year, next_month, next_day) = day_after(year, month, day);
        let next = format!("{next_year:04}-{next_month:02}-{next_day:02}");
        assert_eq!(
            opinions(&format!("privilege & date(>= {date} & < {next})")),
            id
        );
        assert_eq!(
            opinions(&format!("privilege & date(aft {month}/{day}/{year})")),
            Vec::<String>::new()
        );
        assert_eq!(opinions("ti(roe)"), ["doe-v-roe"]);
        let title = seed.case_name.to_lowercase().replace('.', "");
        assert_eq!(opinions(&format!("privilege & ti(\"{title}\")")), id);
        let last = title.split(' ').next_back().unwrap_or_default();
        let prefix: String = last.chars().take(4).collect();
        assert_eq!(opinions(&format!("ti({prefix}!) or court(ca7)")).len(), 2);
        let footnotes = hits("waive! & kind(footnote)");
        assert!(!footnotes.is_empty());
        assert!(
            footnotes
                .iter()
                .all(|h| h.passage.kind == PassageKind::Footnote && h.passage.footnote.is_some())
        );
        // The first authority the seed cites, by the first word of its name.
        let cited = seed::passages()
            .into_iter()
            .find_map(|p| p.authorities.into_iter().next())
            .unwrap_or_default();
        let name = cited.split(' ').next().unwrap_or_default().to_string();
        let citing = hits(&format!("cites({})", name.to_lowercase()));
        assert!(!citing.is_empty(), "{name}");
        assert!(
            citing
                .iter()
                .all(|h| h.passage.authorities.iter().any(|a| a.contains(&name)))
        );
    }

    #[test]
    fn a_passage_without_a_date_matches_no_date_restriction() {
        let mut undated = seed::paragraph(0, "privilege");
        undated.date = None;
        let index = match Index::in_memory(vec![undated]) {
            Ok(index) => index,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(found(&index, "privilege & date(< 2100)"), Vec::<u32>::new());
        assert_eq!(found(&index, "privilege % date(< 2100)"), [1]);
    }

    #[test]
    fn natural_language_ranks_the_most_telling_passage_first() {
        let hits = hits("prosecutor's files not work product in a later civil action");
        assert!(hits.len() > 10);
        assert!(
            hits[0].passage.text.contains("Williams v. City of Chicago"),
            "{:#?}",
            hits[0]
        );
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    }

    #[test]
    fn an_unparseable_query_is_a_syntax_error_with_its_column() {
        for (query, column) in [("privilege /s", 13), ("\"unclosed", 1), ("court(", 7)] {
            match index().search(query, 10) {
                Err(Error::Syntax {
                    column: c,
                    expected,
                    ..
                }) => {
                    assert_eq!(c, column, "{query}");
                    assert!(expected.starts_with("expected"), "{expected}");
                }
                other => panic!("{query}: {other:?}"),
            }
        }
    }

    #[test]
    fn the_limit_caps_the_hits_and_zero_finds_nothing() {
        assert_eq!(
            index().search("privilege", 3).map(|h| h.len()).ok(),
            Some(3)
        );
        assert_eq!(
            index().search("privilege", 0).map(|h| h.len()).ok(),
            Some(0)
        );
        assert!(index().search("privilege", usize::MAX).is_ok());
    }

    fn open(dir: &Path, fingerprint: &str, builds: &Cell<u32>) -> Index {
        let opened = Index::open_or_build(dir, fingerprint, || {
            builds.set(builds.get() + 1);
            seed::passages()
        });
        match opened {
            Ok(index) => index,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn an_index_on_disk_is_reused_until_the_corpus_changes() {
        let dir = match tempfile::tempdir() {
            Ok(dir) => dir,
            Err(e) => panic!("{e}"),
        };
        let builds = Cell::new(0);
        let first = open(dir.path(), "v1", &builds);
        assert_eq!(builds.get(), 1);
        let reopened = open(dir.path(), "v1", &builds);
        assert_eq!(builds.get(), 1, "reopening must not rebuild");
        assert_eq!(first.passage_count(), reopened.passage_count());
        assert!(
            reopened
                .search("prosecutor /s civil", 5)
                .is_ok_and(|h| !h.is_empty())
        );
        open(dir.path(), "v2", &builds);
        assert_eq!(builds.get(), 2, "another fingerprint rebuilds");
        open(dir.path(), "v2", &builds);
        assert_eq!(builds.get(), 2);
    }

    #[test]
    fn a_half_written_index_is_rebuilt_not_served() {
        let dir = match tempfile::tempdir() {
            Ok(dir) => dir,
            Err(e) => panic!("{e}"),
        };
        let builds = Cell::new(0);
        open(dir.path(), "v1", &builds);
        // A build killed before its marker was written.
        assert!(fs::remove_file(dir.path().join(LIVE).join(MARKER)).is_ok());
        let index = open(dir.path(), "v1", &builds);
        assert_eq!(builds.get(), 2);
        assert!(index.search("privilege", 1).is_ok_and(|h| h.len() == 1));
        // A build killed before it was swapped in leaves only debris.
        let debris = dir.path().join(format!("{BUILDING}killed")).join(STORE);
        assert!(fs::create_dir_all(&debris).is_ok());
        assert!(fs::write(debris.join("meta.json"), "{").is_ok());
        assert!(fs::remove_dir_all(dir.path().join(LIVE)).is_ok());
        open(dir.path(), "v1", &builds);
        assert_eq!(builds.get(), 3);
        assert!(!debris.exists(), "leftovers of killed builds are removed");
        // A live index whose files are damaged is rebuilt too.
        assert!(fs::write(dir.path().join(LIVE).join(STORE).join("meta.json"), "{").is_ok());
        open(dir.path(), "v1", &builds);
        assert_eq!(builds.get(), 4);
    }

    proptest! {
        #[test]
        fn any_query_gives_hits_or_an_error_never_a_panic(query in "\\PC{0,30}") {
            let _ = index().search(&query, 5);
        }

        #[test]
        fn any_operator_soup_gives_hits_or_an_error(
            query in "(privilege|waive|civil|prosecutor|[a-z]{1,3})[!*]?( (or|&|%|/s|/p|\\+s|/[0-9]{1,3}|\\+[0-9]{1,2}|\\(|\\)|\"|court\\(ilnd\\)|date\\(> 2020\\)) (privilege|waive!|civil|pro*ecutor|[a-z]{1,3}))*"
        ) {
            let _ = index().search(&query, 5);
        }
    }
}
