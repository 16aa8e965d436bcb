//! The source form of a corpus, read as it is on disk: `DIR/opinions/*.toml`
//! (metadata naming a text file beside it) and `DIR/annotations/*.toml`.
//! Only reads files; extraction and graph building happen elsewhere.

use std::path::{Path, PathBuf};

use super::{Error, OpinionMeta, annotations};

/// An annotation file as written, kept as text so an ingested corpus can
/// store it and parse it again.
#[derive(Debug, Clone)]
pub(super) struct AnnotationSource {
    /// Where it was read from (used in error messages).
    pub file: PathBuf,
    /// Its TOML.
    pub source: String,
}

/// An opinion of a source-form corpus.
#[derive(Debug, Clone)]
pub(super) struct SourceOpinion {
    /// Its metadata file.
    pub file: PathBuf,
    /// Its metadata.
    pub meta: OpinionMeta,
    /// Its text.
    pub text: String,
}

/// What a source-form directory holds.
#[derive(Debug, Default)]
pub(super) struct SourceCorpus {
    /// Each opinion, in file-name order.
    pub opinions: Vec<SourceOpinion>,
    /// Annotation files, in file-name order.
    pub annotations: Vec<AnnotationSource>,
}

/// Reads `path` as text (invalid UTF-8 replaced, as opinions from scanners
/// sometimes have it).
pub(super) fn read_text(path: &Path) -> Result<String, Error> {
    std::fs::read(path)
        .map(|bytes| match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        })
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })
}

/// The files of `dir` ending in `extension`, sorted; none when `dir` is absent.
fn files(dir: &Path, extension: &str) -> Result<Vec<PathBuf>, Error> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.extension().is_some_and(|e| e == extension) {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

/// Reads an opinion's metadata file.
pub fn read_meta(file: &Path) -> Result<OpinionMeta, Error> {
    let source = read_text(file)?;
    parse_meta(&source, file)
}

/// Parses an opinion's metadata; `file` names it in errors.
pub(super) fn parse_meta(source: &str, file: &Path) -> Result<OpinionMeta, Error> {
    toml::from_str(source).map_err(|e| Error::Metadata {
        file: file.to_path_buf(),
        line: e
            .span()
            .map_or(1, |span| annotations::line_of(source, span.start)),
        reason: e.message().trim().to_string(),
    })
}

/// Reads the opinion whose metadata is `file`: the metadata and the text it names.
pub(super) fn read_opinion(file: &Path) -> Result<(OpinionMeta, String), Error> {
    let meta = read_meta(file)?;
    let text_path = file.parent().unwrap_or(Path::new(".")).join(&meta.text);
    let text = read_text(&text_path)?;
    Ok((meta, text))
}

/// Reads the source-form corpus in `dir`.
pub(super) fn read(dir: &Path) -> Result<SourceCorpus, Error> {
    if !dir.is_dir() {
        return Err(Error::Io {
            path: dir.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no corpus directory here"),
        });
    }
    let mut corpus = SourceCorpus::default();
    for file in files(&dir.join("opinions"), "toml")? {
        let (meta, text) = read_opinion(&file)?;
        corpus.opinions.push(SourceOpinion { file, meta, text });
    }
    for file in files(&dir.join("annotations"), "toml")? {
        let source = read_text(&file)?;
        corpus.annotations.push(AnnotationSource { file, source });
    }
    Ok(corpus)
}
