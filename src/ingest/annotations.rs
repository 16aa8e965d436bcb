//! Curated annotations: the layer of an opinion that citation extraction
//! cannot infer.
//!
//! A file in `data/annotations/` (one per opinion, TOML) names the
//! **doctrines** an opinion applies — with their definitions, leading
//! authorities and the elements, factors and rules that make them up — the
//! **holdings** of the opinion, and its **rulings** on documents (by Bates
//! number or range) or on categories of information (PII, LEADS data).
//!
//! [`load`] / [`parse`] read such a file into typed [`Annotations`] and
//! validate its structure: unique kebab-case ids, references between
//! doctrines, elements, holdings and rulings, outcomes, element kinds, Bates
//! numbers and required fields. Every error is an [`AnnotationError`] whose
//! message reads ``data/annotations/x.toml:14: unknown doctrine `work-prodct` ``.
//!
//! The loader knows nothing of authorities: each `ref` is kept as written in
//! an [`AuthorityRef`] together with the 1-based line it sits on, so that the
//! caller can resolve it against the extracted citations and report failures
//! at the right place. The same goes for anchors ([`Annotations::check_anchors`]
//! checks them against the opinion text when the caller has it).

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;

/// Minimum length, in characters, of an `anchor`.
pub const MIN_ANCHOR_CHARS: usize = 30;

// ---------------------------------------------------------------------------
// Public model
// ---------------------------------------------------------------------------

/// A value together with the 1-based line of the annotation file it was read
/// from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Located<T> {
    /// The value as written.
    pub value: T,
    /// 1-based line number in the annotation file.
    pub line: usize,
}

impl<T> Located<T> {
    fn new(value: T, line: usize) -> Self {
        Located { value, line }
    }
}

impl Located<String> {
    /// The value as a string slice.
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// The curated annotations of one opinion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Annotations {
    /// Id of the opinion these annotations describe (`doe-v-roe`).
    pub opinion: String,
    /// The file the annotations were read from, as given to [`load`] / [`parse`].
    pub file: PathBuf,
    /// Bates-prefix aliases (misspellings in the opinion → real prefix).
    pub bates: BatesAliases,
    /// Doctrines, in file order.
    pub doctrines: Vec<Doctrine>,
    /// Holdings of the opinion, in file order.
    pub holdings: Vec<Holding>,
    /// Rulings on documents or categories of information, in file order.
    pub rulings: Vec<Ruling>,
}

/// Misspelled Bates prefixes and the real prefix each stands for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BatesAliases {
    /// Alias → canonical prefix (`ACMME` → `ACME`).
    pub aliases: BTreeMap<String, String>,
}

impl BatesAliases {
    /// The canonical prefix for `prefix`: its alias target, or `prefix` itself.
    pub fn canonical<'a>(&'a self, prefix: &'a str) -> &'a str {
        self.aliases.get(prefix).map_or(prefix, String::as_str)
    }
}

/// A legal doctrine: definition, leading authorities and its elements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Doctrine {
    /// Unique kebab-case id (`deliberative-process`).
    pub id: String,
    /// Line of the `[[doctrine]]` header.
    pub line: usize,
    /// Display name.
    pub name: String,
    /// Other names a user may type (`Privilege`, `executive privilege`).
    pub aliases: Vec<String>,
    /// One or two sentences, from the opinion's words.
    pub definition: String,
    /// Id of a broader doctrine, if any.
    pub parent: Option<Located<String>>,
    /// Leading authorities for the definition.
    pub authorities: Vec<AuthorityRef>,
    /// Elements, factors and rules, in file order.
    pub elements: Vec<Element>,
    /// Free-text remark.
    pub note: Option<String>,
}

/// What part an [`Element`] plays in its doctrine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ElementKind {
    /// A requirement that must be shown (a prong of a test).
    Element,
    /// One consideration of a balancing test.
    Factor,
    /// A rule or principle of the doctrine.
    Rule,
}

impl ElementKind {
    /// The name as written in annotation files: `element`, `factor`, `rule`.
    pub fn as_str(self) -> &'static str {
        match self {
            ElementKind::Element => "element",
            ElementKind::Factor => "factor",
            ElementKind::Rule => "rule",
        }
    }

    fn parse(value: &str) -> Option<Self> {
        match value {
            "element" => Some(ElementKind::Element),
            "factor" => Some(ElementKind::Factor),
            "rule" => Some(ElementKind::Rule),
            _ => None,
        }
    }
}

impl fmt::Display for ElementKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An element, factor or rule of a doctrine, tied to the authority stating it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Element {
    /// Unique kebab-case id (`dpp-formal-claim`).
    pub id: String,
    /// Line of the `[[doctrine.element]]` header.
    pub line: usize,
    /// Element, factor or rule.
    pub kind: ElementKind,
    /// The element's text.
    pub text: String,
    /// The authority that states it (`ref` + `pin`); `None` when the opinion
    /// states it itself (see [`Element::source`]).
    pub authority: Option<AuthorityRef>,
    /// Further authorities for the same proposition (a case the stating case
    /// cites, a rule it paraphrases).
    pub also: Vec<AuthorityRef>,
    /// Authorities the rule is about rather than stated by (a statute held not
    /// to bar discovery).
    pub concerns: Vec<AuthorityRef>,
    /// The element this one is a part of (a factor of a balancing test).
    pub part_of: Option<Located<String>>,
    /// Where the opinion itself states the rule (`footnote 3`), when no
    /// authority does.
    pub source: Option<String>,
    /// Free-text remark.
    pub note: Option<String>,
}

/// A reference to an authority, as written in the annotation file; resolved
/// later against the citations extracted from the opinion.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct AuthorityRef {
    /// Normalized citation key (`512 F.3d 346`, `2018 WL 512345`, `R. 117`)
    /// or a case name (`Abbott`).
    pub reference: String,
    /// Pin cite as the opinion writes it, without `at ` (`316`, `*4`, `¶ 6`).
    pub pin: Option<String>,
    /// 1-based line of the `ref` in the annotation file.
    pub line: usize,
}

/// What the court decided about a document or a category of information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Must be produced.
    Produce,
    /// May be withheld.
    Withhold,
    /// Must be produced, with the redactions the court allows.
    Redact,
}

impl Outcome {
    /// The name as written in annotation files: `produce`, `withhold`, `redact`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Produce => "produce",
            Outcome::Withhold => "withhold",
            Outcome::Redact => "redact",
        }
    }

    fn parse(value: &str) -> Option<Self> {
        match value {
            "produce" => Some(Outcome::Produce),
            "withhold" => Some(Outcome::Withhold),
            "redact" => Some(Outcome::Redact),
            _ => None,
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A holding of the opinion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holding {
    /// Unique kebab-case id.
    pub id: String,
    /// Line of the `[[holding]]` header.
    pub line: usize,
    /// Id of the doctrine the holding applies.
    pub doctrine: Located<String>,
    /// What the court held, in a sentence.
    pub proposition: String,
    /// Short free-text outcome (`waived`, `privilege applies`).
    pub outcome: String,
    /// Verbatim phrase of the paragraph where the holding sits.
    pub anchor: Located<String>,
    /// Authorities the court relied on.
    pub relies_on: Vec<AuthorityRef>,
    /// Element/factor ids the holding applied.
    pub elements: Vec<Located<String>>,
    /// Documents the holding concerns, if it names them.
    pub documents: Vec<BatesDocument>,
    /// Free-text remark.
    pub note: Option<String>,
}

/// A ruling on documents (Bates numbers or ranges) or on a category of
/// information.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ruling {
    /// Unique kebab-case id.
    pub id: String,
    /// Line of the `[[ruling]]` header.
    pub line: usize,
    /// Documents ruled on; empty for rulings on a [`subject`](Ruling::subject).
    pub documents: Vec<BatesDocument>,
    /// What is ruled on, for rulings without Bates numbers (PII, LEADS).
    pub subject: Option<String>,
    /// Produce, withhold or redact.
    pub outcome: Outcome,
    /// The court's reason, in its words where possible.
    pub reason: String,
    /// Id of the doctrine applied.
    pub doctrine: Located<String>,
    /// Element/factor ids the ruling applied.
    pub elements: Vec<Located<String>>,
    /// Authorities the court relied on.
    pub relies_on: Vec<AuthorityRef>,
    /// Verbatim phrase of the table row or text stating the ruling.
    pub anchor: Located<String>,
    /// How the court applied individual elements/factors.
    pub findings: Vec<Finding>,
    /// Free-text remark (carve-outs, misspellings).
    pub note: Option<String>,
}

/// How the court applied one element or factor in a ruling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Id of the element or factor.
    pub element: Located<String>,
    /// What the court found.
    pub finding: String,
    /// Line of the `[[ruling.finding]]` header.
    pub line: usize,
}

/// A Bates number or range as written in an annotation file, with its line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatesDocument {
    /// As written: `ACME_002840` or `ACME_002817-ACME_002825`.
    pub text: String,
    /// 1-based line in the annotation file.
    pub line: usize,
    /// The parsed range.
    pub range: BatesRange,
}

/// A parsed Bates number or range: `ACME_002817-ACME_002825` is prefix
/// `ACME`, first 2817, last 2825, width 6.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct BatesRange {
    /// Producing party's prefix.
    pub prefix: String,
    /// First page number.
    pub first: u64,
    /// Last page number (equal to `first` for a single page).
    pub last: u64,
    /// Number of digits the numbers are written with.
    pub width: usize,
}

impl BatesRange {
    /// Parses `PREFIX_DIGITS` or `PREFIX_DIGITS-PREFIX_DIGITS` (same prefix,
    /// same width, first ≤ last). The error is a lowercase reason.
    pub fn parse(text: &str) -> Result<BatesRange, String> {
        let text = text.trim();
        match text.split_once('-') {
            None => {
                let (prefix, number, width) = parse_bates_number(text)?;
                Ok(BatesRange {
                    prefix,
                    first: number,
                    last: number,
                    width,
                })
            }
            Some((left, right)) => {
                let (prefix, first, width) = parse_bates_number(left)?;
                if !right.is_empty() && right.bytes().all(|b| b.is_ascii_digit()) {
                    let full = if right.len() < width {
                        format!(
                            "{}{right}",
                            &left[left.len() - width..left.len() - right.len()]
                        )
                    } else {
                        right.to_string()
                    };
                    return Err(format!(
                        "write the range in full (`{left}-{prefix}_{full}`)"
                    ));
                }
                let (last_prefix, last, last_width) = parse_bates_number(right)?;
                if last_prefix != prefix {
                    return Err(format!(
                        "range mixes prefixes `{prefix}` and `{last_prefix}`"
                    ));
                }
                if last_width != width {
                    return Err(format!(
                        "range mixes {width}-digit and {last_width}-digit numbers"
                    ));
                }
                if first > last {
                    return Err(format!("first page {first} is after last page {last}"));
                }
                Ok(BatesRange {
                    prefix,
                    first,
                    last,
                    width,
                })
            }
        }
    }

    /// Whether the page `prefix`_`number` falls in this range.
    pub fn contains(&self, prefix: &str, number: u64) -> bool {
        self.prefix == prefix && self.first <= number && number <= self.last
    }

    /// Whether the two ranges share a page.
    pub fn overlaps(&self, other: &BatesRange) -> bool {
        self.prefix == other.prefix && self.first <= other.last && other.first <= self.last
    }
}

impl fmt::Display for BatesRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let w = self.width;
        write!(f, "{}_{:0w$}", self.prefix, self.first)?;
        if self.last != self.first {
            write!(f, "-{}_{:0w$}", self.prefix, self.last)?;
        }
        Ok(())
    }
}

fn parse_bates_number(text: &str) -> Result<(String, u64, usize), String> {
    let Some((prefix, digits)) = text.rsplit_once('_') else {
        return Err("expected PREFIX_DIGITS".to_string());
    };
    let prefix_ok = prefix
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && prefix
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !prefix_ok {
        return Err(format!("bad prefix `{prefix}`"));
    }
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "expected digits after `{prefix}_`, found `{digits}`"
        ));
    }
    let number = digits
        .parse::<u64>()
        .map_err(|_| format!("number `{digits}` is too large"))?;
    Ok((prefix.to_string(), number, digits.len()))
}

impl Annotations {
    /// The doctrine with this id.
    pub fn doctrine(&self, id: &str) -> Option<&Doctrine> {
        self.doctrines.iter().find(|d| d.id == id)
    }

    /// The element with this id, with the doctrine it belongs to.
    pub fn element(&self, id: &str) -> Option<(&Doctrine, &Element)> {
        self.doctrines
            .iter()
            .find_map(|d| d.elements.iter().find(|e| e.id == id).map(|e| (d, e)))
    }

    /// The holding with this id.
    pub fn holding(&self, id: &str) -> Option<&Holding> {
        self.holdings.iter().find(|h| h.id == id)
    }

    /// The ruling with this id.
    pub fn ruling(&self, id: &str) -> Option<&Ruling> {
        self.rulings.iter().find(|r| r.id == id)
    }

    /// Rulings with a document sharing a page with `range` (its prefix is
    /// mapped through the Bates aliases first): `ACME_002821` finds the row
    /// of `ACME_002817-ACME_002825`.
    pub fn rulings_for(&self, range: &BatesRange) -> Vec<&Ruling> {
        let wanted = BatesRange {
            prefix: self.bates.canonical(&range.prefix).to_string(),
            ..range.clone()
        };
        self.rulings
            .iter()
            .filter(|r| r.documents.iter().any(|d| d.range.overlaps(&wanted)))
            .collect()
    }

    /// Every authority reference of the file (doctrine authorities, element
    /// `ref`/`also`/`concerns`, holding and ruling `relies_on`), by line.
    pub fn authority_refs(&self) -> Vec<&AuthorityRef> {
        let mut refs: Vec<&AuthorityRef> = Vec::new();
        for doctrine in &self.doctrines {
            refs.extend(&doctrine.authorities);
            for element in &doctrine.elements {
                refs.extend(&element.authority);
                refs.extend(&element.also);
                refs.extend(&element.concerns);
            }
        }
        for holding in &self.holdings {
            refs.extend(&holding.relies_on);
        }
        for ruling in &self.rulings {
            refs.extend(&ruling.relies_on);
        }
        refs.sort_by_key(|r| r.line);
        refs
    }

    /// Checks that every holding and ruling anchor occurs exactly once in
    /// `opinion_text`, reporting the first that does not at its line.
    pub fn check_anchors(&self, opinion_text: &str) -> Result<(), AnnotationError> {
        let mut anchors: Vec<&Located<String>> = self
            .holdings
            .iter()
            .map(|h| &h.anchor)
            .chain(self.rulings.iter().map(|r| &r.anchor))
            .collect();
        anchors.sort_by_key(|a| a.line);
        for anchor in anchors {
            let count = opinion_text.matches(anchor.as_str()).count();
            if count != 1 {
                return Err(AnnotationError::Anchor {
                    file: self.file.clone(),
                    line: anchor.line,
                    anchor: anchor.value.clone(),
                    count,
                });
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// Everything that can be wrong with an annotation file. Each message reads
/// `file:line: reason` (lowercase, no final period).
#[derive(Debug, thiserror::Error)]
pub enum AnnotationError {
    /// The file could not be read.
    #[error("{}: cannot read file: {}", file.display(), lowercase_first(&source.to_string()))]
    Io {
        /// The file.
        file: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// TOML syntax error, or a value of the wrong type or an unknown key.
    #[error("{}:{line}: {message}", file.display())]
    Syntax {
        /// The file.
        file: PathBuf,
        /// 1-based line.
        line: usize,
        /// The parser's message, lowercased, first letter and final period.
        message: String,
    },
    /// A required field is absent.
    #[error("{}:{line}: missing `{field}` in {table}", file.display())]
    MissingField {
        /// The file.
        file: PathBuf,
        /// Line of the table lacking the field.
        line: usize,
        /// The field name.
        field: &'static str,
        /// The table (`[[ruling]]`).
        table: &'static str,
    },
    /// The same id is used twice (ids are unique across doctrines, elements,
    /// holdings and rulings).
    #[error("{}:{line}: duplicate id `{id}` (first defined on line {first_line})", file.display())]
    DuplicateId {
        /// The file.
        file: PathBuf,
        /// Line of the second definition.
        line: usize,
        /// The id.
        id: String,
        /// Line of the first definition.
        first_line: usize,
    },
    /// An id is not kebab-case.
    #[error("{}:{line}: id `{id}` is not kebab-case", file.display())]
    BadId {
        /// The file.
        file: PathBuf,
        /// 1-based line.
        line: usize,
        /// The id.
        id: String,
    },
    /// A `doctrine` or `parent` names no doctrine.
    #[error("{}:{line}: unknown doctrine `{id}`", file.display())]
    UnknownDoctrine {
        /// The file.
        file: PathBuf,
        /// 1-based line.
        line: usize,
        /// The id as written.
        id: String,
    },
    /// An `elements`, `part_of` or finding entry names no element.
    #[error("{}:{line}: unknown element `{id}`", file.display())]
    UnknownElement {
        /// The file.
        file: PathBuf,
        /// 1-based line.
        line: usize,
        /// The id as written.
        id: String,
    },
    /// An element is used under a doctrine it does not belong to.
    #[error("{}:{line}: element `{id}` belongs to doctrine `{owner}`, not `{doctrine}`", file.display())]
    ForeignElement {
        /// The file.
        file: PathBuf,
        /// 1-based line.
        line: usize,
        /// The element id.
        id: String,
        /// The doctrine that defines it.
        owner: String,
        /// The doctrine it was used under.
        doctrine: String,
    },
    /// A ruling's `outcome` is not produce, withhold or redact.
    #[error("{}:{line}: unknown outcome `{value}` (expected produce, withhold or redact)", file.display())]
    BadOutcome {
        /// The file.
        file: PathBuf,
        /// 1-based line.
        line: usize,
        /// The value as written.
        value: String,
    },
    /// An element's `kind` is not element, factor or rule.
    #[error("{}:{line}: unknown element kind `{value}` (expected element, factor or rule)", file.display())]
    BadKind {
        /// The file.
        file: PathBuf,
        /// 1-based line.
        line: usize,
        /// The value as written.
        value: String,
    },
    /// A Bates number or range (or a Bates alias) does not parse.
    #[error("{}:{line}: bad bates number `{value}`: {reason}", file.display())]
    BadBates {
        /// The file.
        file: PathBuf,
        /// 1-based line.
        line: usize,
        /// The value as written.
        value: String,
        /// Why it is bad.
        reason: String,
    },
    /// An anchor is not found exactly once in the opinion text.
    #[error("{}:{line}: anchor `{anchor}` occurs {count} times in the opinion (expected once)", file.display())]
    Anchor {
        /// The file.
        file: PathBuf,
        /// 1-based line.
        line: usize,
        /// The anchor.
        anchor: String,
        /// How many times it occurs.
        count: usize,
    },
    /// Any other structural problem (empty value, `pin` without `ref`, short
    /// anchor, parent cycle…).
    #[error("{}:{line}: {message}", file.display())]
    Invalid {
        /// The file.
        file: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

impl AnnotationError {
    /// The file the error is about.
    pub fn file(&self) -> &Path {
        match self {
            AnnotationError::Io { file, .. }
            | AnnotationError::Syntax { file, .. }
            | AnnotationError::MissingField { file, .. }
            | AnnotationError::DuplicateId { file, .. }
            | AnnotationError::BadId { file, .. }
            | AnnotationError::UnknownDoctrine { file, .. }
            | AnnotationError::UnknownElement { file, .. }
            | AnnotationError::ForeignElement { file, .. }
            | AnnotationError::BadOutcome { file, .. }
            | AnnotationError::BadKind { file, .. }
            | AnnotationError::BadBates { file, .. }
            | AnnotationError::Anchor { file, .. }
            | AnnotationError::Invalid { file, .. } => file,
        }
    }

    /// The 1-based line the error is about (`None` for I/O errors).
    pub fn line(&self) -> Option<usize> {
        match self {
            AnnotationError::Io { .. } => None,
            AnnotationError::Syntax { line, .. }
            | AnnotationError::MissingField { line, .. }
            | AnnotationError::DuplicateId { line, .. }
            | AnnotationError::BadId { line, .. }
            | AnnotationError::UnknownDoctrine { line, .. }
            | AnnotationError::UnknownElement { line, .. }
            | AnnotationError::ForeignElement { line, .. }
            | AnnotationError::BadOutcome { line, .. }
            | AnnotationError::BadKind { line, .. }
            | AnnotationError::BadBates { line, .. }
            | AnnotationError::Anchor { line, .. }
            | AnnotationError::Invalid { line, .. } => Some(*line),
        }
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Turns a parser message into `reason` form: one line, lowercase first
/// letter, no final period.
fn clean_message(message: &str) -> String {
    let joined = message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    lowercase_first(joined.trim_end_matches('.'))
}

// ---------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------

/// Reads and validates the annotation file at `path`.
pub fn load(path: &Path) -> Result<Annotations, AnnotationError> {
    let source = std::fs::read_to_string(path).map_err(|source| AnnotationError::Io {
        file: path.to_path_buf(),
        source,
    })?;
    parse(&source, path)
}

/// Parses and validates annotation TOML; `file` is used in error messages
/// and recorded in [`Annotations::file`].
pub fn parse(source: &str, file: &Path) -> Result<Annotations, AnnotationError> {
    let raw: RawFile = toml::from_str(source).map_err(|e| AnnotationError::Syntax {
        file: file.to_path_buf(),
        line: e.span().map_or(1, |s| line_of(source, s.start)),
        message: clean_message(e.message()),
    })?;
    let cx = Cx { file, source };
    let annotations = cx.build(raw)?;
    cx.validate(&annotations)?;
    Ok(annotations)
}

/// The 1-based line of `byte_offset` in `source` (offsets past the end count
/// as the last line).
pub fn line_of(source: &str, byte_offset: usize) -> usize {
    let end = byte_offset.min(source.len());
    source.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

// ---------------------------------------------------------------------------
// Raw (serde) layer
// ---------------------------------------------------------------------------

type S<T> = Spanned<T>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    opinion: Option<S<String>>,
    bates: Option<RawBates>,
    #[serde(default)]
    doctrine: Vec<S<RawDoctrine>>,
    #[serde(default)]
    holding: Vec<S<RawHolding>>,
    #[serde(default)]
    ruling: Vec<S<RawRuling>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBates {
    #[serde(default)]
    aliases: BTreeMap<String, S<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRef {
    #[serde(rename = "ref")]
    reference: Option<S<String>>,
    pin: Option<S<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDoctrine {
    id: Option<S<String>>,
    name: Option<S<String>>,
    #[serde(default)]
    aliases: Vec<S<String>>,
    definition: Option<S<String>>,
    parent: Option<S<String>>,
    #[serde(default)]
    authorities: Vec<S<RawRef>>,
    #[serde(default)]
    element: Vec<S<RawElement>>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawElement {
    id: Option<S<String>>,
    kind: Option<S<String>>,
    text: Option<S<String>>,
    #[serde(rename = "ref")]
    reference: Option<S<String>>,
    pin: Option<S<String>>,
    #[serde(default)]
    also: Vec<S<RawRef>>,
    #[serde(default)]
    concerns: Vec<S<RawRef>>,
    part_of: Option<S<String>>,
    source: Option<S<String>>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHolding {
    id: Option<S<String>>,
    doctrine: Option<S<String>>,
    proposition: Option<S<String>>,
    outcome: Option<S<String>>,
    anchor: Option<S<String>>,
    #[serde(default)]
    relies_on: Vec<S<RawRef>>,
    #[serde(default)]
    elements: Vec<S<String>>,
    #[serde(default)]
    documents: Vec<S<String>>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRuling {
    id: Option<S<String>>,
    #[serde(default)]
    documents: Vec<S<String>>,
    subject: Option<S<String>>,
    outcome: Option<S<String>>,
    reason: Option<S<String>>,
    doctrine: Option<S<String>>,
    #[serde(default)]
    elements: Vec<S<String>>,
    #[serde(default)]
    relies_on: Vec<S<RawRef>>,
    anchor: Option<S<String>>,
    #[serde(default)]
    finding: Vec<S<RawFinding>>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFinding {
    element: Option<S<String>>,
    finding: Option<S<String>>,
}

// ---------------------------------------------------------------------------
// Building and validation
// ---------------------------------------------------------------------------

/// File and source, for turning spans into lines and lines into errors.
struct Cx<'a> {
    file: &'a Path,
    source: &'a str,
}

/// Where an id is defined, for the cross-reference checks.
enum Def<'a> {
    Doctrine,
    Element { doctrine: &'a str },
    Holding,
    Ruling,
}

impl<'a> Cx<'a> {
    fn line(&self, span: Range<usize>) -> usize {
        line_of(self.source, span.start)
    }

    fn path(&self) -> PathBuf {
        self.file.to_path_buf()
    }

    fn invalid(&self, line: usize, message: impl Into<String>) -> AnnotationError {
        AnnotationError::Invalid {
            file: self.path(),
            line,
            message: message.into(),
        }
    }

    /// A required, non-empty string field.
    fn required(
        &self,
        value: Option<S<String>>,
        field: &'static str,
        table: &'static str,
        table_line: usize,
    ) -> Result<Located<String>, AnnotationError> {
        let Some(value) = value else {
            return Err(AnnotationError::MissingField {
                file: self.path(),
                line: table_line,
                field,
                table,
            });
        };
        self.non_empty(value, field)
    }

    fn non_empty(&self, value: S<String>, field: &str) -> Result<Located<String>, AnnotationError> {
        let line = self.line(value.span());
        let value = value.into_inner();
        if value.trim().is_empty() {
            return Err(self.invalid(line, format!("`{field}` is empty")));
        }
        Ok(Located::new(value, line))
    }

    fn optional(
        &self,
        value: Option<S<String>>,
        field: &str,
    ) -> Result<Option<Located<String>>, AnnotationError> {
        value.map(|v| self.non_empty(v, field)).transpose()
    }

    fn id(
        &self,
        value: Option<S<String>>,
        table: &'static str,
        line: usize,
    ) -> Result<Located<String>, AnnotationError> {
        let id = self.required(value, "id", table, line)?;
        if !is_kebab(&id.value) {
            return Err(AnnotationError::BadId {
                file: self.path(),
                line: id.line,
                id: id.value,
            });
        }
        Ok(id)
    }

    fn reference(
        &self,
        reference: Option<S<String>>,
        pin: Option<S<String>>,
        table: &'static str,
        table_line: usize,
    ) -> Result<Option<AuthorityRef>, AnnotationError> {
        match (reference, pin) {
            (None, None) => Ok(None),
            (None, Some(pin)) => Err(self.invalid(self.line(pin.span()), "`pin` without `ref`")),
            (Some(reference), pin) => {
                let reference = self.required(Some(reference), "ref", table, table_line)?;
                let pin = self.optional(pin, "pin")?;
                Ok(Some(AuthorityRef {
                    reference: reference.value,
                    pin: pin.map(|p| p.value),
                    line: reference.line,
                }))
            }
        }
    }

    fn references(&self, raw: Vec<S<RawRef>>) -> Result<Vec<AuthorityRef>, AnnotationError> {
        let mut refs = Vec::with_capacity(raw.len());
        for r in raw {
            let line = self.line(r.span());
            let r = r.into_inner();
            if r.reference.is_none() {
                return Err(AnnotationError::MissingField {
                    file: self.path(),
                    line,
                    field: "ref",
                    table: "authority reference",
                });
            }
            refs.extend(self.reference(r.reference, r.pin, "authority reference", line)?);
        }
        Ok(refs)
    }

    fn ids(
        &self,
        raw: Vec<S<String>>,
        field: &str,
    ) -> Result<Vec<Located<String>>, AnnotationError> {
        raw.into_iter().map(|v| self.non_empty(v, field)).collect()
    }

    fn documents(&self, raw: Vec<S<String>>) -> Result<Vec<BatesDocument>, AnnotationError> {
        raw.into_iter()
            .map(|v| {
                let line = self.line(v.span());
                let text = v.into_inner();
                match BatesRange::parse(&text) {
                    Ok(range) => Ok(BatesDocument { text, line, range }),
                    Err(reason) => Err(AnnotationError::BadBates {
                        file: self.path(),
                        line,
                        value: text,
                        reason,
                    }),
                }
            })
            .collect()
    }

    fn anchor(
        &self,
        value: Option<S<String>>,
        table: &'static str,
        line: usize,
    ) -> Result<Located<String>, AnnotationError> {
        let anchor = self.required(value, "anchor", table, line)?;
        if anchor.value.contains('\n') {
            return Err(self.invalid(anchor.line, "`anchor` spans several lines"));
        }
        let chars = anchor.value.chars().count();
        if chars < MIN_ANCHOR_CHARS {
            return Err(self.invalid(
                anchor.line,
                format!("`anchor` has {chars} characters (at least {MIN_ANCHOR_CHARS} needed)"),
            ));
        }
        Ok(anchor)
    }

    fn build(&self, raw: RawFile) -> Result<Annotations, AnnotationError> {
        let opinion = self.required(raw.opinion, "opinion", "the file", 1)?.value;
        let mut aliases = BTreeMap::new();
        for (alias, target) in raw.bates.map(|b| b.aliases).unwrap_or_default() {
            let line = self.line(target.span());
            let target = target.into_inner();
            for prefix in [&alias, &target] {
                if let Err(reason) = parse_bates_number(&format!("{prefix}_0")) {
                    return Err(AnnotationError::BadBates {
                        file: self.path(),
                        line,
                        value: prefix.clone(),
                        reason,
                    });
                }
            }
            aliases.insert(alias, target);
        }

        let mut doctrines = Vec::new();
        for d in raw.doctrine {
            let line = self.line(d.span());
            let d = d.into_inner();
            const T: &str = "[[doctrine]]";
            let id = self.id(d.id, T, line)?.value;
            let name = self.required(d.name, "name", T, line)?.value;
            let definition = self.required(d.definition, "definition", T, line)?.value;
            let aliases = self
                .ids(d.aliases, "aliases")?
                .into_iter()
                .map(|a| a.value)
                .collect();
            let parent = self.optional(d.parent, "parent")?;
            let authorities = self.references(d.authorities)?;
            let mut elements = Vec::new();
            for e in d.element {
                let line = self.line(e.span());
                let e = e.into_inner();
                const T: &str = "[[doctrine.element]]";
                let id = self.id(e.id, T, line)?.value;
                let kind = self.required(e.kind, "kind", T, line)?;
                let Some(kind_value) = ElementKind::parse(&kind.value) else {
                    return Err(AnnotationError::BadKind {
                        file: self.path(),
                        line: kind.line,
                        value: kind.value,
                    });
                };
                elements.push(Element {
                    id,
                    line,
                    kind: kind_value,
                    text: self.required(e.text, "text", T, line)?.value,
                    authority: self.reference(e.reference, e.pin, T, line)?,
                    also: self.references(e.also)?,
                    concerns: self.references(e.concerns)?,
                    part_of: self.optional(e.part_of, "part_of")?,
                    source: self.optional(e.source, "source")?.map(|s| s.value),
                    note: e.note,
                });
            }
            doctrines.push(Doctrine {
                id,
                line,
                name,
                aliases,
                definition,
                parent,
                authorities,
                elements,
                note: d.note,
            });
        }

        let mut holdings = Vec::new();
        for h in raw.holding {
            let line = self.line(h.span());
            let h = h.into_inner();
            const T: &str = "[[holding]]";
            holdings.push(Holding {
                id: self.id(h.id, T, line)?.value,
                line,
                doctrine: self.required(h.doctrine, "doctrine", T, line)?,
                proposition: self.required(h.proposition, "proposition", T, line)?.value,
                outcome: self.required(h.outcome, "outcome", T, line)?.value,
                anchor: self.anchor(h.anchor, T, line)?,
                relies_on: self.references(h.relies_on)?,
                elements: self.ids(h.elements, "elements")?,
                documents: self.documents(h.documents)?,
                note: h.note,
            });
        }

        let mut rulings = Vec::new();
        for r in raw.ruling {
            let line = self.line(r.span());
            let r = r.into_inner();
            const T: &str = "[[ruling]]";
            let id = self.id(r.id, T, line)?.value;
            let documents = self.documents(r.documents)?;
            let subject = self.optional(r.subject, "subject")?.map(|s| s.value);
            if documents.is_empty() && subject.is_none() {
                return Err(AnnotationError::MissingField {
                    file: self.path(),
                    line,
                    field: "documents` or `subject",
                    table: T,
                });
            }
            let outcome = self.required(r.outcome, "outcome", T, line)?;
            let Some(outcome_value) = Outcome::parse(&outcome.value) else {
                return Err(AnnotationError::BadOutcome {
                    file: self.path(),
                    line: outcome.line,
                    value: outcome.value,
                });
            };
            let mut findings = Vec::new();
            for f in r.finding {
                let line = self.line(f.span());
                let f = f.into_inner();
                const T: &str = "[[ruling.finding]]";
                findings.push(Finding {
                    element: self.required(f.element, "element", T, line)?,
                    finding: self.required(f.finding, "finding", T, line)?.value,
                    line,
                });
            }
            rulings.push(Ruling {
                id,
                line,
                documents,
                subject,
                outcome: outcome_value,
                reason: self.required(r.reason, "reason", T, line)?.value,
                doctrine: self.required(r.doctrine, "doctrine", T, line)?,
                elements: self.ids(r.elements, "elements")?,
                relies_on: self.references(r.relies_on)?,
                anchor: self.anchor(r.anchor, T, line)?,
                findings,
                note: r.note,
            });
        }

        Ok(Annotations {
            opinion,
            file: self.path(),
            bates: BatesAliases { aliases },
            doctrines,
            holdings,
            rulings,
        })
    }

    /// Cross-reference checks; of all problems found, the one on the
    /// earliest line is reported.
    fn validate(&self, a: &Annotations) -> Result<(), AnnotationError> {
        // Unique ids, across all four kinds, in line order.
        let mut defs: Vec<(&str, usize, Def<'_>)> = Vec::new();
        for d in &a.doctrines {
            defs.push((&d.id, d.line, Def::Doctrine));
            for e in &d.elements {
                defs.push((&e.id, e.line, Def::Element { doctrine: &d.id }));
            }
        }
        defs.extend(
            a.holdings
                .iter()
                .map(|h| (h.id.as_str(), h.line, Def::Holding)),
        );
        defs.extend(
            a.rulings
                .iter()
                .map(|r| (r.id.as_str(), r.line, Def::Ruling)),
        );
        defs.sort_by_key(|(_, line, _)| *line);
        let mut by_id: HashMap<&str, (usize, &Def<'_>)> = HashMap::new();
        for (id, line, def) in &defs {
            if let Some((first_line, _)) = by_id.get(id) {
                return Err(AnnotationError::DuplicateId {
                    file: self.path(),
                    line: *line,
                    id: id.to_string(),
                    first_line: *first_line,
                });
            }
            by_id.insert(id, (*line, def));
        }

        let mut errors: Vec<AnnotationError> = Vec::new();
        let mut doctrine = |r: &Located<String>| {
            if !matches!(by_id.get(r.as_str()), Some((_, Def::Doctrine))) {
                errors.push(AnnotationError::UnknownDoctrine {
                    file: self.path(),
                    line: r.line,
                    id: r.value.clone(),
                });
            }
        };
        for d in &a.doctrines {
            if let Some(parent) = &d.parent {
                doctrine(parent);
            }
        }
        for h in &a.holdings {
            doctrine(&h.doctrine);
        }
        for r in &a.rulings {
            doctrine(&r.doctrine);
        }

        let element = |r: &Located<String>, under: &str| match by_id.get(r.as_str()) {
            Some((_, Def::Element { doctrine })) if *doctrine == under => None,
            Some((_, Def::Element { doctrine })) => Some(AnnotationError::ForeignElement {
                file: self.path(),
                line: r.line,
                id: r.value.clone(),
                owner: doctrine.to_string(),
                doctrine: under.to_string(),
            }),
            _ => Some(AnnotationError::UnknownElement {
                file: self.path(),
                line: r.line,
                id: r.value.clone(),
            }),
        };
        for d in &a.doctrines {
            if let Some(parent) = &d.parent {
                errors.extend(self.no_cycle(a, d, parent.line).err());
            }
            for e in &d.elements {
                if let Some(part_of) = &e.part_of {
                    if part_of.value == e.id {
                        errors.push(self.invalid(part_of.line, "element is `part_of` itself"));
                    } else {
                        errors.extend(element(part_of, &d.id));
                    }
                }
            }
        }
        for h in &a.holdings {
            errors.extend(
                h.elements
                    .iter()
                    .filter_map(|e| element(e, h.doctrine.as_str())),
            );
            errors.extend(
                h.documents
                    .iter()
                    .filter_map(|d| self.real_prefix(a, d).err()),
            );
        }
        for r in &a.rulings {
            errors.extend(
                r.elements
                    .iter()
                    .filter_map(|e| element(e, r.doctrine.as_str())),
            );
            errors.extend(
                r.documents
                    .iter()
                    .filter_map(|d| self.real_prefix(a, d).err()),
            );
            for f in &r.findings {
                errors.extend(element(&f.element, r.doctrine.as_str()));
                if !r.elements.iter().any(|e| e.value == f.element.value) {
                    errors.push(self.invalid(
                        f.element.line,
                        format!(
                            "finding for element `{}` not listed in the ruling's `elements`",
                            f.element.value
                        ),
                    ));
                }
            }
        }
        match errors.into_iter().min_by_key(|e| e.line()) {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    /// Documents must use the real prefix, not a misspelling from the aliases.
    fn real_prefix(&self, a: &Annotations, d: &BatesDocument) -> Result<(), AnnotationError> {
        match a.bates.aliases.get(&d.range.prefix) {
            Some(target) => Err(AnnotationError::BadBates {
                file: self.path(),
                line: d.line,
                value: d.text.clone(),
                reason: format!(
                    "`{}` is an alias; write the real prefix `{target}`",
                    d.range.prefix
                ),
            }),
            None => Ok(()),
        }
    }

    /// A doctrine may not be its own ancestor.
    fn no_cycle(
        &self,
        a: &Annotations,
        start: &Doctrine,
        line: usize,
    ) -> Result<(), AnnotationError> {
        let mut current = start;
        for _ in 0..=a.doctrines.len() {
            let Some(parent) = &current.parent else {
                return Ok(());
            };
            let Some(next) = a.doctrine(parent.as_str()) else {
                return Ok(()); // reported as an unknown doctrine
            };
            if next.id == start.id {
                return Err(
                    self.invalid(line, format!("doctrine `{}` is its own ancestor", start.id))
                );
            }
            current = next;
        }
        Ok(())
    }
}

/// `a`, `dpp-formal-claim`, `r45-discretion`: lowercase ASCII letters and
/// digits in hyphen-separated words.
fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "data/annotations/x.toml";

    fn error(source: &str) -> String {
        match parse(source, Path::new(FILE)) {
            Ok(_) => panic!("expected an error for:\n{source}"),
            Err(e) => e.to_string(),
        }
    }

    /// A small valid file; tests break one line of it.
    const MINIMAL: &str = r#"opinion = "x"

[bates]
aliases = { ACMEE = "ACME" }

[[doctrine]]
id = "work-product"
name = "Work-product doctrine"
definition = "Shields documents prepared in anticipation of litigation."

  [[doctrine.element]]
  id = "wp-primary-purpose"
  kind = "element"
  text = "the primary motivating purpose must be to aid in possible future litigation"
  ref = "701 F.2d 1201"
  pin = "1211"

[[holding]]
id = "wp-inapplicable"
doctrine = "work-product"
proposition = "The doctrine does not apply."
outcome = "protection denied"
anchor = "Thus, the WP doctrine does not shield them from disclosure"
relies_on = [{ ref = "2018 WL 512345", pin = "*4" }]

[[ruling]]
id = "memo"
documents = ["ACME_002817-ACME_002825"]
outcome = "produce"
reason = "not prepared for this case"
doctrine = "work-product"
elements = ["wp-primary-purpose"]
anchor = "Thus, the WP doctrine does not shield them from disclosure"
"#;

    fn minimal_with(old: &str, new: &str) -> String {
        assert!(MINIMAL.contains(old), "test fixture lacks {old:?}");
        MINIMAL.replacen(old, new, 1)
    }

    #[test]
    fn minimal_loads() {
        let a = match parse(MINIMAL, Path::new(FILE)) {
            Ok(a) => a,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(a.opinion, "x");
        assert_eq!(a.doctrines[0].line, 6);
        assert_eq!(a.doctrines[0].elements[0].line, 11);
        let authority = a.doctrines[0].elements[0].authority.as_ref();
        assert_eq!(
            authority,
            Some(&AuthorityRef {
                reference: "701 F.2d 1201".into(),
                pin: Some("1211".into()),
                line: 15,
            })
        );
        assert_eq!(
            a.holdings[0].doctrine,
            Located::new("work-product".to_string(), 20)
        );
        assert_eq!(a.holdings[0].anchor.line, 23);
        assert_eq!(a.holdings[0].relies_on[0].line, 24);
        let r = &a.rulings[0];
        assert_eq!(r.documents[0].line, 28);
        assert_eq!(r.documents[0].range.to_string(), "ACME_002817-ACME_002825");
        assert_eq!(r.elements[0].line, 32);
        assert_eq!(r.outcome, Outcome::Produce);
    }

    #[test]
    fn toml_syntax_error_has_its_line() {
        let source = minimal_with(
            "name = \"Work-product doctrine\"",
            "name = \"Work-product doctrine",
        );
        assert_eq!(
            error(&source),
            "data/annotations/x.toml:8: invalid basic string, expected `\"`"
        );
    }

    #[test]
    fn wrong_type_and_unknown_key_have_their_line() {
        let source = minimal_with("pin = \"1211\"", "pin = 1211");
        assert_eq!(
            error(&source),
            "data/annotations/x.toml:16: invalid type: integer `1211`, expected a string"
        );
        let source = minimal_with(
            "doctrine = \"work-product\"\nproposition",
            "doctrin = \"work-product\"\nproposition",
        );
        assert!(error(&source).starts_with("data/annotations/x.toml:20: unknown field `doctrin`"));
    }

    #[test]
    fn duplicate_id() {
        let source = minimal_with("id = \"memo\"", "id = \"wp-primary-purpose\"");
        assert_eq!(
            error(&source),
            "data/annotations/x.toml:26: duplicate id `wp-primary-purpose` (first defined on line 11)"
        );
    }

    #[test]
    fn unknown_doctrine() {
        // Put the misspelling on line 14, as in the documented example.
        let source = r#"opinion = "x"

[[doctrine]]
id = "work-product"
name = "Work-product doctrine"
definition = "Shields documents prepared in anticipation of litigation."

[[holding]]
id = "wp-inapplicable"
proposition = "The doctrine does not apply."
outcome = "protection denied"
anchor = "Thus, the WP doctrine does not shield them from disclosure"
relies_on = []
doctrine = "work-prodct"
"#;
        assert_eq!(
            error(source),
            "data/annotations/x.toml:14: unknown doctrine `work-prodct`"
        );
    }

    #[test]
    fn unknown_and_foreign_elements() {
        let source = minimal_with(
            "elements = [\"wp-primary-purpose\"]",
            "elements = [\"wp-primary-purpse\"]",
        );
        assert_eq!(
            error(&source),
            "data/annotations/x.toml:32: unknown element `wp-primary-purpse`"
        );
        let source = minimal_with(
            "elements = [\"wp-primary-purpose\"]",
            "elements = [\"wp-inapplicable\"]",
        );
        assert_eq!(
            error(&source),
            "data/annotations/x.toml:32: unknown element `wp-inapplicable`"
        );
    }

    #[test]
    fn bad_bates_range() {
        let source = minimal_with("ACME_002817-ACME_002825", "ACME_002825-ACME_002817");
        assert_eq!(
            error(&source),
            "data/annotations/x.toml:28: bad bates number `ACME_002825-ACME_002817`: first page 2825 is after last page 2817"
        );
        let source = minimal_with("ACME_002817-ACME_002825", "ACME_002817-25");
        assert_eq!(
            error(&source),
            "data/annotations/x.toml:28: bad bates number `ACME_002817-25`: write the range in full (`ACME_002817-ACME_002825`)"
        );
        let source = minimal_with("ACME_002817-ACME_002825", "ACME-2817");
        assert!(
            error(&source)
                .starts_with("data/annotations/x.toml:28: bad bates number `ACME-2817`: ")
        );
        let source = minimal_with("ACME_002817-ACME_002825", "ACMEE_002840");
        assert_eq!(
            error(&source),
            "data/annotations/x.toml:28: bad bates number `ACMEE_002840`: `ACMEE` is an alias; write the real prefix `ACME`"
        );
    }

    #[test]
    fn bad_outcome() {
        let source = minimal_with("outcome = \"produce\"", "outcome = \"disclose\"");
        assert_eq!(
            error(&source),
            "data/annotations/x.toml:29: unknown outcome `disclose` (expected produce, withhold or redact)"
        );
    }

    #[test]
    fn bad_kind() {
        let source = minimal_with("kind = \"element\"", "kind = \"prong\"");
        assert_eq!(
            error(&source),
            "data/annotations/x.toml:13: unknown element kind `prong` (expected element, factor or rule)"
        );
    }

    #[test]
    fn missing_fields_point_at_their_table() {
        let source = minimal_with("reason = \"not prepared for this case\"\n", "");
        assert_eq!(
            error(&source),
            "data/annotations/x.toml:26: missing `reason` in [[ruling]]"
        );
        let source = minimal_with("documents = [\"ACME_002817-ACME_002825\"]\n", "");
        assert_eq!(
            error(&source),
            "data/annotations/x.toml:26: missing `documents` or `subject` in [[ruling]]"
        );
        let source = minimal_with(
            "relies_on = [{ ref = \"2018 WL 512345\", pin = \"*4\" }]",
            "relies_on = [{ pin = \"*4\" }]",
        );
        assert_eq!(
            error(&source),
            "data/annotations/x.toml:24: missing `ref` in authority reference"
        );
    }

    #[test]
    fn other_structural_errors() {
        let source = minimal_with("  ref = \"701 F.2d 1201\"\n", "");
        assert_eq!(
            error(&source),
            "data/annotations/x.toml:15: `pin` without `ref`"
        );
        let source = minimal_with(
            "anchor = \"Thus, the WP doctrine does not shield them from disclosure\"\nrelies_on",
            "anchor = \"the WP doctrine\"\nrelies_on",
        );
        assert_eq!(
            error(&source),
            "data/annotations/x.toml:23: `anchor` has 15 characters (at least 30 needed)"
        );
        let source = minimal_with("id = \"memo\"", "id = \"Memo Row\"");
        assert_eq!(
            error(&source),
            "data/annotations/x.toml:27: id `Memo Row` is not kebab-case"
        );
        let source = minimal_with(
            "name = \"Work-product doctrine\"",
            "name = \"Work-product doctrine\"\nparent = \"work-product\"",
        );
        assert_eq!(
            error(&source),
            "data/annotations/x.toml:9: doctrine `work-product` is its own ancestor"
        );
    }

    #[test]
    fn anchor_check_reports_missing_anchor() {
        let a = match parse(MINIMAL, Path::new(FILE)) {
            Ok(a) => a,
            Err(e) => panic!("{e}"),
        };
        let message = a.check_anchors("nothing here").map_err(|e| e.to_string());
        assert_eq!(
            message,
            Err("data/annotations/x.toml:23: anchor `Thus, the WP doctrine does not shield them from disclosure` occurs 0 times in the opinion (expected once)".to_string())
        );
    }

    #[test]
    fn load_reports_missing_file() {
        let message =
            load(Path::new("data/annotations/no-such-file.toml")).map_err(|e| e.to_string());
        assert!(
            matches!(message, Err(m) if m.starts_with("data/annotations/no-such-file.toml: cannot read file: "))
        );
    }

    #[test]
    fn line_of_counts_newlines() {
        let source = "a\nbc\n\nd";
        assert_eq!(line_of(source, 0), 1);
        assert_eq!(line_of(source, 2), 2);
        assert_eq!(line_of(source, 5), 3);
        assert_eq!(line_of(source, 6), 4);
        assert_eq!(line_of(source, 999), 4);
    }

    #[test]
    fn bates_range_parsing() {
        let range = BatesRange::parse("ACME_000412");
        assert_eq!(
            range,
            Ok(BatesRange {
                prefix: "ACME".into(),
                first: 412,
                last: 412,
                width: 6
            })
        );
        let range = BatesRange::parse("ACME_002850-ACME_002853");
        assert!(
            range
                .as_ref()
                .is_ok_and(|r| r.contains("ACME", 2852) && !r.contains("ACME", 2854))
        );
        assert!(BatesRange::parse("ACME_002850-ABC_002853").is_err());
        assert!(BatesRange::parse("ACME_02850-ACME_002853").is_err());
        assert!(BatesRange::parse("_002850").is_err());
    }
}
