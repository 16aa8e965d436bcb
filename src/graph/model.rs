//! The node and edge types of the citation graph, in the user's words.

use super::Text;
use crate::cite::{CitationKind, Location, Signal};
use serde::{Deserialize, Serialize};

/// What kind of authority a node is; decides where a table of authorities
/// files it and how a card describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorityKind {
    /// A judicial decision (reporter, Westlaw or docket-entry cite).
    Case,
    /// A constitutional provision.
    Constitution,
    /// A statute.
    Statute,
    /// An administrative regulation.
    Regulation,
    /// A rule of procedure or evidence.
    Rule,
    /// An entry on the citing case's own docket (`R. 157`).
    Record,
    /// Anything else (journals, unknown).
    Other,
}

impl AuthorityKind {
    /// The kind in lower-case words.
    pub fn label(self) -> &'static str {
        match self {
            AuthorityKind::Case => "case",
            AuthorityKind::Constitution => "constitution",
            AuthorityKind::Statute => "statute",
            AuthorityKind::Regulation => "regulation",
            AuthorityKind::Rule => "rule",
            AuthorityKind::Record => "record",
            AuthorityKind::Other => "other",
        }
    }
}

/// Something an opinion cites: a case, statute, regulation, rule or record
/// entry. One node per real-world authority, whatever forms cite it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Authority {
    /// Normalized key: `512 F.3d 346`, `2018 WL 512345`, `Fed. R. Civ. P. 45`.
    /// Record entries are scoped to their opinion: `doe-v-roe:R. 157`.
    pub key: String,
    /// What it is.
    pub kind: AuthorityKind,
    /// Case name (`Abbott v. Baker`) or, for other kinds, a descriptive label.
    pub name: String,
    /// Names short forms use for it (`Abbott`, `J.D.`).
    pub short_names: Vec<String>,
    /// The full citation as first written in the corpus, cleaned of emphasis
    /// markers and line breaks.
    pub full_citation: String,
    /// Volume, reporter (standard spelling) and first page, for cases.
    pub reporter_cite: Option<String>,
    /// Docket number of a case: `No. 16 CV 2522`.
    pub docket_number: Option<String>,
    /// Court id (courts-db).
    pub court: Option<String>,
    /// Court as written in the citation (`N.D. Ill.`).
    pub court_name: Option<String>,
    /// Year of decision or enactment.
    pub year: Option<i32>,
    /// Full date, when the citation gives one.
    pub date: Option<String>,
}

/// An opinion of the corpus.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Opinion {
    /// Stable id (file stem or corpus id).
    pub id: String,
    /// Caption: `Doe v. Roe`.
    pub case_name: String,
    /// Short name users type: `Doe`.
    pub short_name: Option<String>,
    /// Court as written (`N.D. Ill.`).
    pub court_name: Option<String>,
    /// Court id (courts-db).
    pub court: Option<String>,
    /// Docket number.
    pub docket_number: Option<String>,
    /// Judge.
    pub judge: Option<String>,
    /// Decision date, ISO 8601.
    pub date: Option<String>,
    /// Memorandum Opinion and Order, Opinion, …
    pub document_type: Option<String>,
}

/// The kind of a doctrine's part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ElementKind {
    /// A required element of a showing.
    Element,
    /// A factor weighed in a balancing test.
    Factor,
    /// A rule of the doctrine.
    Rule,
}

/// A legal doctrine (curated).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Doctrine {
    /// Kebab-case id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Other names users type.
    pub aliases: Vec<String>,
    /// Definition in the court's words.
    pub definition: String,
}

/// An element, factor or rule of a doctrine (curated).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Element {
    /// Id, unique in the corpus.
    pub id: String,
    /// Element, factor or rule.
    pub kind: ElementKind,
    /// 1-based position among the doctrine's parts of the same kind
    /// (factor 1 to 5).
    pub number: usize,
    /// What it requires.
    pub text: String,
}

/// A holding of an opinion (curated).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Holding {
    /// Id.
    pub id: String,
    /// What the court held.
    pub proposition: String,
    /// Outcome in a few words.
    pub outcome: String,
    /// Where in the opinion it sits.
    pub location: Location,
}

/// What a ruling orders for its documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Must be produced.
    Produce,
    /// May be withheld.
    Withhold,
    /// Produced with redactions.
    Redact,
}

impl Outcome {
    /// Lower-case word.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Produce => "produce",
            Outcome::Withhold => "withhold",
            Outcome::Redact => "redact",
        }
    }
}

/// A ruling on documents or on a class of information (curated).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Ruling {
    /// Id.
    pub id: String,
    /// Produce, withhold or redact.
    pub outcome: Outcome,
    /// What is ruled on, in words (the documents, or "PII").
    pub subject: String,
    /// The court's reason.
    pub reason: String,
    /// Carve-outs and remarks.
    pub note: Option<String>,
    /// Where in the opinion it sits.
    pub location: Location,
}

/// A Bates-numbered document or range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Producing party's prefix, as corrected by the curated aliases.
    pub prefix: String,
    /// First page number.
    pub first: u64,
    /// Last page number.
    pub last: u64,
    /// Digits the numbers are written with.
    pub width: usize,
}

impl Document {
    /// `ACME_002817-002825`, or `ACME_000412` for one page.
    pub fn label(&self) -> String {
        let w = self.width;
        if self.first == self.last {
            format!("{}_{:0w$}", self.prefix, self.first)
        } else {
            format!("{}_{:0w$}-{:0w$}", self.prefix, self.first, self.last)
        }
    }

    /// Whether the page `number` of `prefix` lies in this range.
    pub fn contains(&self, prefix: &str, number: u64) -> bool {
        self.prefix.eq_ignore_ascii_case(prefix) && (self.first..=self.last).contains(&number)
    }
}

/// A court.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Court {
    /// courts-db id (`ca7`), or the name as written when unknown.
    pub id: String,
    /// Name as written in citations (`7th Cir.`).
    pub name: String,
}

/// A node of the graph.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "node", rename_all = "snake_case")]
pub enum Node {
    /// An opinion of the corpus.
    Opinion(Opinion),
    /// A cited authority.
    Authority(Authority),
    /// A doctrine.
    Doctrine(Doctrine),
    /// An element or factor of a doctrine.
    Element(Element),
    /// A holding.
    Holding(Holding),
    /// A ruling.
    Ruling(Ruling),
    /// A Bates document.
    Document(Document),
    /// A court.
    Court(Court),
}

impl Node {
    /// The node kind in lower-case words, as `check` counts them.
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Opinion(_) => "opinion",
            Node::Authority(a) => a.kind.label(),
            Node::Doctrine(_) => "doctrine",
            Node::Element(_) => "element",
            Node::Holding(_) => "holding",
            Node::Ruling(_) => "ruling",
            Node::Document(_) => "document",
            Node::Court(_) => "court",
        }
    }

    /// A one-line name for the node, as tables show it.
    pub fn label(&self) -> String {
        match self {
            Node::Opinion(o) => o.case_name.clone(),
            Node::Authority(a) => a.name.clone(),
            Node::Doctrine(d) => d.name.clone(),
            Node::Element(e) => e.text.clone(),
            Node::Holding(h) => h.id.clone(),
            Node::Ruling(r) => r.id.clone(),
            Node::Document(d) => d.label(),
            Node::Court(c) => c.name.clone(),
        }
    }
}

/// One citing use: what an opinion (or, for nested cites, an authority) says
/// with a citation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Use {
    /// Form of the citation (full, short, Id., …).
    pub form: CitationKind,
    /// The citation as written, emphasis and line breaks removed.
    pub text: Text,
    /// Byte offset of the citation in its opinion's text.
    pub offset: usize,
    /// Byte offset just past the citation.
    pub end: usize,
    /// Introductory signal, if any.
    pub signal: Option<Signal>,
    /// Pin cite.
    pub pin: Option<Text>,
    /// Explanatory parenthetical.
    pub parenthetical: Option<Text>,
    /// The sentence the citation supports.
    pub proposition: Option<Text>,
    /// Paragraph, footnote, section.
    pub location: Location,
    /// How the citing opinion treats the authority here, once classified.
    pub treatment: Option<super::treatment::Treatment>,
    /// The treatment rule that decided it (`None`: the signal's default).
    pub treatment_rule: Option<Text>,
}

/// An edge of the graph.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "edge", rename_all = "snake_case")]
pub enum Edge {
    /// Opinion → authority: one edge per citation occurrence.
    Cites(Use),
    /// Authority → authority, learnt from a nested `citing`/`quoting`
    /// parenthetical; `opinion` is the opinion that reports it.
    CitesVia {
        /// What the report says.
        report: Use,
        /// `citing` or `quoting`.
        relation: Signal,
        /// Id of the reporting opinion.
        opinion: String,
    },
    /// Ruling or holding → authority it relies on.
    ReliesOn {
        /// Pin cite relied on.
        pin: Option<String>,
    },
    /// Ruling or holding → doctrine (or element) it applies.
    Applies {
        /// How the court applied an element to the documents (curated).
        finding: Option<String>,
    },
    /// Ruling → document it decides.
    Concerns,
    /// Authority → doctrine or element it states.
    States {
        /// Pin cite where it is stated.
        pin: Option<String>,
    },
    /// Doctrine → its element or factor.
    HasElement,
    /// Doctrine → broader doctrine.
    PartOf,
    /// Opinion → its holding or ruling.
    Decides,
    /// Opinion or case authority → its court.
    DecidedBy,
}

impl Edge {
    /// The edge kind in snake case, as `check` counts them.
    pub fn kind(&self) -> &'static str {
        match self {
            Edge::Cites(_) => "cites",
            Edge::CitesVia { .. } => "cites_via",
            Edge::ReliesOn { .. } => "relies_on",
            Edge::Applies { .. } => "applies",
            Edge::Concerns => "concerns",
            Edge::States { .. } => "states",
            Edge::HasElement => "has_element",
            Edge::PartOf => "part_of",
            Edge::Decides => "decides",
            Edge::DecidedBy => "decided_by",
        }
    }
}
