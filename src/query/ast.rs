//! The syntax tree: what the user typed, before any name is looked up in
//! the graph. `eval` turns it into rows. [`Query`]'s `Display` prints the
//! canonical text of a query, which parses back to the same tree.

use std::fmt;

use serde::Serialize;

/// A reference as typed: a name, citation, Bates page, doctrine or id.
/// Resolved against the graph by `graph::Graph::lookup`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuthorityRef(pub String);

/// How a condition compares a field with a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// `=`: equal, ignoring case.
    Equals,
    /// `!=`: not equal.
    NotEquals,
    /// `~`: contains, ignoring case.
    Contains,
    /// `<`
    Less,
    /// `<=`
    LessOrEqual,
    /// `>`
    Greater,
    /// `>=`
    GreaterOrEqual,
}

impl Comparison {
    /// The operator as typed.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::Equals => "=",
            Comparison::NotEquals => "!=",
            Comparison::Contains => "~",
            Comparison::Less => "<",
            Comparison::LessOrEqual => "<=",
            Comparison::Greater => ">",
            Comparison::GreaterOrEqual => ">=",
        }
    }
}

/// One `field op value` condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Condition {
    /// Field name, lower case.
    pub field: String,
    /// Comparison.
    pub comparison: Comparison,
    /// Value, unquoted.
    pub value: String,
}

/// Which rulings `rulings` lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RulingFilter {
    /// Every ruling.
    All,
    /// Rulings on a document, or applying a doctrine, or relying on an authority.
    For(AuthorityRef),
    /// Rulings whose fields meet every condition.
    Where(Vec<Condition>),
}

/// The form of a Bluebook citation `cite` gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CiteForm {
    /// The full citation.
    Full,
    /// The short form.
    Short,
    /// *Id.*
    Id,
}

/// Where a pipeline's rows come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// `help [topic]`
    Help(Option<String>),
    /// `show <ref>`
    Show(AuthorityRef),
    /// `authorities for <ref>`
    AuthoritiesFor(AuthorityRef),
    /// `cited-by <ref>`
    CitedBy(AuthorityRef),
    /// `cites <ref>`
    Cites(AuthorityRef),
    /// `path <ref> -> <ref>`
    Path {
        /// Where the chain starts.
        from: AuthorityRef,
        /// Where it ends.
        to: AuthorityRef,
    },
    /// `neighbors <ref> [depth n]`
    Neighbors {
        /// The centre.
        reference: AuthorityRef,
        /// How many links out (1 when not given).
        depth: u32,
    },
    /// `rulings [for <ref> | where …]`
    Rulings(RulingFilter),
    /// `doctrines`
    Doctrines,
    /// `doctrine <ref>`: a teaching outline.
    Doctrine(AuthorityRef),
    /// `cite <ref> [at <pin>] [full|short|id]`
    Cite {
        /// The authority.
        reference: AuthorityRef,
        /// The pin cite.
        pin: Option<String>,
        /// The form wanted.
        form: CiteForm,
    },
    /// `toa <ref>`: a table of authorities.
    Toa(AuthorityRef),
    /// `find <kind> [where …]`
    Find {
        /// Node kind, as typed (`cases`, `rulings`, `citations`).
        kind: String,
        /// Conditions on its fields.
        conditions: Vec<Condition>,
    },
    /// `count <kind> [where …]`
    Count {
        /// Node kind, as typed.
        kind: String,
        /// Conditions on its fields.
        conditions: Vec<Condition>,
    },
    /// `search <terms>`
    Search(String),
}

/// A stage of a pipeline, applied to the rows before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// `where <condition> [and …]`
    Where(Vec<Condition>),
    /// `sort <field> [asc|desc]`
    Sort {
        /// The field.
        field: String,
        /// Largest first.
        descending: bool,
    },
    /// `limit <n>`
    Limit(usize),
    /// `select <field>, …`
    Select(Vec<String>),
    /// `count`
    Count,
}

/// A parsed query: a source and its stages, or `explain` of one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Query {
    /// Show the tree and the plan instead of answering.
    pub explain: bool,
    /// Where the rows come from.
    pub source: Source,
    /// What is done to them, in order.
    pub stages: Vec<Stage>,
}

impl Query {
    /// A query of `source` alone.
    pub fn of(source: Source) -> Query {
        Query {
            explain: false,
            source,
            stages: Vec::new(),
        }
    }
}

fn quoted(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    write!(f, "\"{text}\"")
}

fn conditions(f: &mut fmt::Formatter<'_>, conditions: &[Condition]) -> fmt::Result {
    for (i, c) in conditions.iter().enumerate() {
        let joiner = if i == 0 { " where " } else { " and " };
        write!(f, "{joiner}{} {} ", c.field, c.comparison.symbol())?;
        quoted(f, &c.value)?;
    }
    Ok(())
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Help(None) => write!(f, "help"),
            Source::Help(Some(topic)) => write!(f, "help {topic}"),
            Source::Show(r) => write!(f, "show \"{}\"", r.0),
            Source::AuthoritiesFor(r) => write!(f, "authorities for \"{}\"", r.0),
            Source::CitedBy(r) => write!(f, "cited-by \"{}\"", r.0),
            Source::Cites(r) => write!(f, "cites \"{}\"", r.0),
            Source::Path { from, to } => write!(f, "path \"{}\" -> \"{}\"", from.0, to.0),
            Source::Neighbors { reference, depth } => {
                write!(f, "neighbors \"{}\" depth {depth}", reference.0)
            }
            Source::Rulings(RulingFilter::All) => write!(f, "rulings"),
            Source::Rulings(RulingFilter::For(r)) => write!(f, "rulings for \"{}\"", r.0),
            Source::Rulings(RulingFilter::Where(c)) => {
                write!(f, "rulings")?;
                conditions(f, c)
            }
            Source::Doctrines => write!(f, "doctrines"),
            Source::Doctrine(r) => write!(f, "doctrine \"{}\"", r.0),
            Source::Cite {
                reference,
                pin,
                form,
            } => {
                write!(f, "cite \"{}\"", reference.0)?;
                if let Some(pin) = pin {
                    write!(f, " at {pin}")?;
                }
                match form {
                    CiteForm::Full => write!(f, " full"),
                    CiteForm::Short => write!(f, " short"),
                    CiteForm::Id => write!(f, " id"),
                }
            }
            Source::Toa(r) => write!(f, "toa \"{}\"", r.0),
            Source::Find {
                kind,
                conditions: c,
            } => {
                write!(f, "find {kind}")?;
                conditions(f, c)
            }
            Source::Count {
                kind,
                conditions: c,
            } => {
                write!(f, "count {kind}")?;
                conditions(f, c)
            }
            Source::Search(terms) => write!(f, "search {terms}"),
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stage::Where(c) => {
                write!(f, "|")?;
                conditions(f, c)
            }
            Stage::Sort { field, descending } => {
                write!(
                    f,
                    "| sort {field} {}",
                    if *descending { "desc" } else { "asc" }
                )
            }
            Stage::Limit(n) => write!(f, "| limit {n}"),
            Stage::Select(fields) => write!(f, "| select {}", fields.join(", ")),
            Stage::Count => write!(f, "| count"),
        }
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.explain {
            write!(f, "explain ")?;
        }
        write!(f, "{}", self.source)?;
        for stage in &self.stages {
            write!(f, " {stage}")?;
        }
        Ok(())
    }
}
