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

    use super::super::EXPANSION_LIMIT;
    use super::*;

    /// Paragraph `index + 1` of a made-up dated opinion, holding `text`:
    /// these tests ask which paragraphs a query matches, and a made-up
    /// opinion keeps the seed's facts out of `src/`.
    fn paragraph(index: usize, text: &str) -> Passage {
        Passage {
            opinion: "test".to_string(),
            case_name: "Test v. Case".to_string(),
            court: Some("nysd".to_string()),
            date: Some("2001-02-03".to_string()),
            section: None,
            paragraph: u32::try_from(index + 1).expect("a small test"),
            footnote: None,
            kind: PassageKind::Paragraph,
            text: text.to_string(),
            authorities: Vec::new(),
        }
    }

    /// An index of the given texts, as paragraphs of one opinion.
    fn small(texts: &[&str]) -> Index {
        let passages = texts.iter().enumerate().map(|(i, text)| paragraph(i, text));
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
    fn character_and_root_expanders_match_their_forms() {
        let index = small(&["a woman", "two women", "a wombat"]);
        assert_eq!(found(&index, "wom*n"), [1, 2]);
        assert_eq!(found(&index, "wom!"), [1, 2, 3]);
        assert_eq!(found(&index, "wom*n!"), [1, 2]);
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
    fn an_expander_that_matches_too_much_is_refused() {
        let words: Vec<String> = (0..=EXPANSION_LIMIT).map(|i| format!("a{i}")).collect();
        let index = small(&[&words.join(" ")]);
        assert!(matches!(index.search("a!", 5), Err(Error::TooBroad { .. })));
        assert!(index.search("a1!", 5).is_ok());
    }

    #[test]
    fn a_passage_without_a_date_matches_no_date_restriction() {
        let mut undated = paragraph(0, "privilege");
        undated.date = None;
        let index = match Index::in_memory(vec![undated]) {
            Ok(index) => index,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(found(&index, "privilege & date(< 2100)"), Vec::<u32>::new());
        assert_eq!(found(&index, "privilege % date(< 2100)"), [1]);
    }

    fn open(dir: &Path, fingerprint: &str, builds: &Cell<u32>) -> Index {
        let opened = Index::open_or_build(dir, fingerprint, || {
            builds.set(builds.get() + 1);
            [
                "The privilege log came late.",
                "Work product outlives the case.",
            ]
            .into_iter()
            .enumerate()
            .map(|(i, text)| paragraph(i, text))
        });
        match opened {
            Ok(index) => index,
            Err(e) => panic!("{e}"),
        }
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
}
