//! A parsed query resolved against one searcher: expanders become the words
//! the index holds, field restrictions become tantivy queries, and the tree
//! becomes a candidate query for tantivy to run and score. It never parses
//! text and never reads a document; `proximity` checks positions.

use std::collections::{BTreeSet, HashSet};
use std::ops::Bound;

use tantivy::query::{
    BooleanQuery, ConstScoreQuery, EmptyQuery, EnableScoring, Occur, Query, RangeQuery, TermQuery,
    Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, TantivyError, Term};

use super::Error;
use super::ast::{Comparison, Connector, DateBound, Expr, Pattern, Restriction};
use super::index::Fields;

/// The most words one `!` or `*` term may expand to.
pub const EXPANSION_LIMIT: usize = 1000;

/// A query ready to run on one searcher.
pub(crate) struct Plan {
    /// The resolved tree, for the positional check.
    pub(crate) root: Node,
    /// A query matching every answer (and, unless `exact`, some more).
    pub(crate) candidate: Box<dyn Query>,
    /// Whether the candidate matches exactly the answers.
    pub(crate) exact: bool,
    /// The words of a passage's text that a snippet marks.
    pub(crate) highlight: HashSet<String>,
}

/// The tree with words resolved to terms of the index.
pub(crate) enum Node {
    /// Any of these terms, each a one-word match.
    Terms {
        field: Field,
        terms: Vec<Term>,
    },
    /// One of each slot's terms at consecutive positions.
    Phrase {
        field: Field,
        slots: Vec<Vec<Term>>,
    },
    Or(Vec<Node>),
    And(Box<Node>, Box<Node>),
    ButNot(Box<Node>, Box<Node>),
    Near {
        left: Box<Node>,
        right: Box<Node>,
        connector: Connector,
    },
    /// A sub-query over another field (`ti(…)`): it matches or not, and
    /// lends no positions to the text's connectors.
    Scope(Box<Node>),
    /// A restriction that tantivy answers alone (court, kind, date).
    Filter {
        query: Box<dyn Query>,
        weight: Box<dyn Weight>,
    },
}

impl Plan {
    /// Resolves `expr` against the segments of `searcher`.
    pub(crate) fn new(expr: &Expr, searcher: &Searcher, fields: &Fields) -> Result<Plan, Error> {
        let mut resolver = Resolver {
            searcher,
            fields,
            highlight: HashSet::new(),
        };
        let root = resolver.node(expr, fields.text, true)?;
        let (candidate, exact) = candidate(&root);
        Ok(Plan {
            root,
            candidate,
            exact,
            highlight: resolver.highlight,
        })
    }
}

struct Resolver<'s> {
    searcher: &'s Searcher,
    fields: &'s Fields,
    highlight: HashSet<String>,
}

impl Resolver<'_> {
    /// `shown`: whether matched words of the passage text get marked (not
    /// those after a `%`, which a hit does not contain).
    fn node(&mut self, expr: &Expr, field: Field, shown: bool) -> Result<Node, Error> {
        Ok(match expr {
            Expr::Term(pattern) => Node::Terms {
                field,
                terms: self.terms(field, pattern, shown)?,
            },
            Expr::Phrase(patterns) => Node::Phrase {
                field,
                slots: patterns
                    .iter()
                    .map(|p| self.terms(field, p, shown))
                    .collect::<Result<_, _>>()?,
            },
            Expr::Or(all) => Node::Or(
                all.iter()
                    .map(|e| self.node(e, field, shown))
                    .collect::<Result<_, _>>()?,
            ),
            Expr::And(left, right) => Node::And(
                Box::new(self.node(left, field, shown)?),
                Box::new(self.node(right, field, shown)?),
            ),
            Expr::ButNot(left, right) => Node::ButNot(
                Box::new(self.node(left, field, shown)?),
                Box::new(self.node(right, field, false)?),
            ),
            Expr::Near {
                left,
                right,
                connector,
            } => Node::Near {
                left: Box::new(self.node(left, field, shown)?),
                right: Box::new(self.node(right, field, shown)?),
                connector: *connector,
            },
            Expr::Restrict(restriction) => self.restriction(restriction)?,
        })
    }

    fn restriction(&mut self, restriction: &Restriction) -> Result<Node, Error> {
        let fields = self.fields;
        match restriction {
            Restriction::Title(expr) => Ok(Node::Scope(Box::new(self.node(
                expr,
                fields.case_name,
                false,
            )?))),
            Restriction::Cites(expr) => Ok(Node::Scope(Box::new(self.node(
                expr,
                fields.authorities,
                false,
            )?))),
            Restriction::Court(patterns) => {
                let mut terms = Vec::new();
                for pattern in patterns {
                    terms.extend(self.terms(fields.court, pattern, false)?);
                }
                self.filter(any_of(&terms, IndexRecordOption::Basic))
            }
            Restriction::Kind(kinds) => {
                let terms: Vec<Term> = kinds
                    .iter()
                    .map(|kind| Term::from_field_text(fields.kind, kind.name()))
                    .collect();
                self.filter(any_of(&terms, IndexRecordOption::Basic))
            }
            Restriction::Date(bounds) => {
                let ranges = bounds
                    .iter()
                    .map(|bound| (Occur::Must, self.date_range(bound)));
                self.filter(Box::new(BooleanQuery::new(ranges.collect())))
            }
        }
    }

    fn filter(&self, query: Box<dyn Query>) -> Result<Node, Error> {
        let weight = query.weight(EnableScoring::disabled_from_searcher(self.searcher))?;
        Ok(Node::Filter { query, weight })
    }

    /// A year bound compares years, a month or day bound `YYYYMMDD` numbers.
    fn date_range(&self, bound: &DateBound) -> Box<dyn Query> {
        let (field, first, last) = match bound.date.month {
            None => {
                let year = u64::from(bound.date.year);
                (self.fields.year, year, year)
            }
            Some(_) => (self.fields.day, bound.date.first(), bound.date.last()),
        };
        let (lower, upper) = match bound.comparison {
            Comparison::On => (Bound::Included(first), Bound::Included(last)),
            Comparison::After => (Bound::Excluded(last), Bound::Unbounded),
            Comparison::Before => (Bound::Unbounded, Bound::Excluded(first)),
            Comparison::OnOrAfter => (Bound::Included(first), Bound::Unbounded),
            Comparison::OnOrBefore => (Bound::Unbounded, Bound::Included(last)),
        };
        let term = |value| Term::from_field_u64(field, value);
        Box::new(RangeQuery::new(lower.map(term), upper.map(term)))
    }

    fn terms(&mut self, field: Field, pattern: &Pattern, shown: bool) -> Result<Vec<Term>, Error> {
        let words = self.expand(field, pattern)?;
        if shown {
            self.highlight.extend(words.iter().cloned());
        }
        Ok(words
            .iter()
            .map(|w| Term::from_field_text(field, w))
            .collect())
    }

    /// The indexed words a pattern matches, from every segment's dictionary.
    fn expand(&self, field: Field, pattern: &Pattern) -> Result<Vec<String>, Error> {
        if pattern.is_exact() {
            return Ok(vec![pattern.text.clone()]);
        }
        let prefix = pattern.prefix().as_bytes();
        let mut found = BTreeSet::new();
        for segment in self.searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted
                .terms()
                .range()
                .ge(prefix)
                .into_stream()
                .map_err(TantivyError::from)?;
            while stream.advance() && stream.key().starts_with(prefix) {
                if let Ok(word) = std::str::from_utf8(stream.key())
                    && pattern.matches(word)
                {
                    found.insert(word.to_string());
                }
                if found.len() > EXPANSION_LIMIT {
                    return Err(Error::TooBroad {
                        term: pattern.to_string(),
                        limit: EXPANSION_LIMIT,
                    });
                }
            }
        }
        Ok(found.into_iter().collect())
    }
}

/// The candidate query of a node, and whether it is exact.
fn candidate(node: &Node) -> (Box<dyn Query>, bool) {
    match node {
        Node::Terms { terms, .. } => (any_of(terms, IndexRecordOption::WithFreqs), true),
        // Every word of the phrase, with the positions left to the check:
        // tantivy prunes a conjunction of terms block by block (block-max
        // WAND), where its phrase scorer reads the positions of every
        // passage holding all the words, which on a large corpus of common
        // words is most of the cost.
        Node::Phrase { slots, .. } => {
            let slots = slots
                .iter()
                .map(|s| (Occur::Must, any_of(s, IndexRecordOption::WithFreqs)));
            (Box::new(BooleanQuery::new(slots.collect())), false)
        }
        Node::Or(all) => {
            let parts: Vec<_> = all.iter().map(candidate).collect();
            let exact = parts.iter().all(|(_, exact)| *exact);
            let clauses = parts.into_iter().map(|(query, _)| (Occur::Should, query));
            (Box::new(BooleanQuery::new(clauses.collect())), exact)
        }
        Node::And(left, right) => both(left, right, true),
        Node::Near { left, right, .. } => both(left, right, false),
        Node::ButNot(left, right) => {
            let (kept, kept_exact) = candidate(left);
            match candidate(right) {
                (excluded, true) => (
                    Box::new(BooleanQuery::new(vec![
                        (Occur::Must, kept),
                        (Occur::MustNot, excluded),
                    ])),
                    kept_exact,
                ),
                // Excluding a superset would drop answers: the check does it.
                (_, false) => (kept, false),
            }
        }
        Node::Scope(inner) => candidate(inner),
        // Restrictions narrow the answer; they do not make it more relevant.
        Node::Filter { query, .. } => {
            (Box::new(ConstScoreQuery::new(query.box_clone(), 0.0)), true)
        }
    }
}

fn both(left: &Node, right: &Node, exact: bool) -> (Box<dyn Query>, bool) {
    let (left, left_exact) = candidate(left);
    let (right, right_exact) = candidate(right);
    let query = BooleanQuery::new(vec![(Occur::Must, left), (Occur::Must, right)]);
    (Box::new(query), exact && left_exact && right_exact)
}

fn any_of(terms: &[Term], option: IndexRecordOption) -> Box<dyn Query> {
    match terms {
        [] => Box::new(EmptyQuery),
        [term] => Box::new(TermQuery::new(term.clone(), option)),
        _ => Box::new(BooleanQuery::new(
            terms
                .iter()
                .map(|t| {
                    (
                        Occur::Should,
                        Box::new(TermQuery::new(t.clone(), option)) as Box<dyn Query>,
                    )
                })
                .collect(),
        )),
    }
}
