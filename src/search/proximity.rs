//! The positional check behind the proximity connectors and phrases: a
//! collector that lets a candidate passage into the top k only
//! if the query holds at its word positions. It reads postings and the
//! sentence-start fast field, never stored text, and it visits candidates in
//! document order, so every posting list only ever seeks forward. A
//! candidate that does not score above the lowest of the segment's top k so
//! far cannot be a hit (of equal scores, the earlier passage wins), so its
//! positions are not read: on a large index most candidates of a common
//! pair of words are passed over that way, near copies tied with the top k
//! among them.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentOrdinal, SegmentReader, Term};

use super::ast::{Connector, Within};
use super::index::SENTENCES;
use super::plan::Node;

/// Wraps a collector of the best `limit` candidates by score so that it
/// sees only the candidates `root` matches.
pub(crate) struct Proximity<'p, C> {
    root: &'p Node,
    limit: usize,
    inner: C,
}

impl<'p, C> Proximity<'p, C> {
    pub(crate) fn new(root: &'p Node, limit: usize, inner: C) -> Self {
        Proximity { root, limit, inner }
    }
}

impl<C: Collector> Collector for Proximity<'_, C> {
    type Fruit = C::Fruit;
    type Child = SegmentProximity<C::Child>;

    fn for_segment(
        &self,
        ordinal: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(SegmentProximity {
            matcher: Matcher::new(self.root, reader)?,
            sentences: reader.fast_fields().column_opt(SENTENCES)?,
            best: Best {
                limit: self.limit,
                scores: BinaryHeap::with_capacity(self.limit + 1),
            },
            inner: self.inner.for_segment(ordinal, reader)?,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.inner.requires_scoring()
    }

    /// Lets tantivy skip the blocks of postings that cannot beat the lowest
    /// of the best scores so far (block-max WAND), instead of scoring every
    /// candidate.
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        ordinal: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<<Self::Child as SegmentCollector>::Fruit> {
        let mut child = self.for_segment(ordinal, reader)?;
        let alive = reader.alive_bitset();
        weight.for_each_pruning(Score::MIN, reader, &mut |doc, score| {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                child.collect(doc, score);
            }
            child.best.threshold()
        })?;
        Ok(child.harvest())
    }

    fn merge_fruits(
        &self,
        fruits: Vec<<Self::Child as SegmentCollector>::Fruit>,
    ) -> tantivy::Result<Self::Fruit> {
        self.inner.merge_fruits(fruits)
    }
}

/// [`Proximity`] on one segment.
pub(crate) struct SegmentProximity<S> {
    matcher: Matcher,
    sentences: Option<Column<u64>>,
    best: Best,
    inner: S,
}

impl<S: SegmentCollector> SegmentCollector for SegmentProximity<S> {
    type Fruit = S::Fruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        if !self.best.may_enter(score) {
            return;
        }
        let mut passage = Passage {
            doc,
            sentences: self.sentences.as_ref(),
            starts: None,
        };
        if self.matcher.spans(&mut passage).is_some() {
            self.best.enter(score);
            self.inner.collect(doc, score);
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.inner.harvest()
    }
}

/// The best scores of the hits of a segment so far, at most `limit` of them.
struct Best {
    limit: usize,
    scores: BinaryHeap<Reverse<Ranked>>,
}

impl Best {
    /// Whether a hit with `score` could still be among the best `limit`.
    /// One that only ties the lowest could not: tantivy's top k breaks ties
    /// by the lower document, and a segment's candidates come in document
    /// order, so the hit already there wins.
    fn may_enter(&self, score: Score) -> bool {
        score > self.threshold()
    }

    /// The score a candidate must exceed to be worth checking.
    fn threshold(&self) -> Score {
        match self.scores.peek() {
            Some(Reverse(lowest)) if self.scores.len() == self.limit => lowest.0,
            _ => Score::MIN,
        }
    }

    fn enter(&mut self, score: Score) {
        self.scores.push(Reverse(Ranked(score)));
        if self.scores.len() > self.limit {
            self.scores.pop();
        }
    }
}

/// A score, ordered.
#[derive(Debug, Clone, Copy)]
struct Ranked(Score);

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// Consecutive word positions a match covers, first and last included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Span {
    start: u32,
    end: u32,
}

/// The candidate being checked, with its sentence starts read on demand.
struct Passage<'c> {
    doc: DocId,
    sentences: Option<&'c Column<u64>>,
    starts: Option<Vec<u32>>,
}

impl Passage<'_> {
    /// The 0-based number of the sentence that holds word `position`.
    fn sentence(&mut self, position: u32) -> usize {
        let (doc, column) = (self.doc, self.sentences);
        let starts = self.starts.get_or_insert_with(|| {
            let mut starts: Vec<u32> = column
                .map(|c| {
                    c.values_for_doc(doc)
                        .filter_map(|v| u32::try_from(v).ok())
                        .collect()
                })
                .unwrap_or_default();
            starts.sort_unstable();
            starts
        });
        starts.partition_point(|&start| start <= position)
    }
}

/// [`Node`] opened on one segment.
enum Matcher {
    Terms(Vec<SegmentPostings>),
    Phrase(Vec<Vec<SegmentPostings>>),
    Or(Vec<Matcher>),
    And(Box<Matcher>, Box<Matcher>),
    ButNot(Box<Matcher>, Box<Matcher>),
    Near {
        left: Box<Matcher>,
        right: Box<Matcher>,
        connector: Connector,
    },
    Scope(Box<Matcher>),
    Filter(Box<dyn Scorer>),
}

impl Matcher {
    fn new(node: &Node, reader: &SegmentReader) -> tantivy::Result<Matcher> {
        let open = |node: &Node| Matcher::new(node, reader).map(Box::new);
        Ok(match node {
            Node::Terms { field, terms } => Matcher::Terms(postings(reader, *field, terms)?),
            Node::Phrase { field, slots } => Matcher::Phrase(
                slots
                    .iter()
                    .map(|terms| postings(reader, *field, terms))
                    .collect::<tantivy::Result<_>>()?,
            ),
            Node::Or(all) => Matcher::Or(
                all.iter()
                    .map(|n| Matcher::new(n, reader))
                    .collect::<tantivy::Result<_>>()?,
            ),
            Node::And(left, right) => Matcher::And(open(left)?, open(right)?),
            Node::ButNot(left, right) => Matcher::ButNot(open(left)?, open(right)?),
            Node::Near {
                left,
                right,
                connector,
            } => Matcher::Near {
                left: open(left)?,
                right: open(right)?,
                connector: *connector,
            },
            Node::Scope(inner) => Matcher::Scope(open(inner)?),
            Node::Filter { weight, .. } => Matcher::Filter(weight.scorer(reader, 1.0)?),
        })
    }

    /// The spans at which the node matches the passage, or `None` when it
    /// does not match. A match without positions (a restriction) is empty.
    fn spans(&mut self, passage: &mut Passage<'_>) -> Option<Vec<Span>> {
        match self {
            Matcher::Terms(postings) => {
                let positions = positions(postings, passage.doc)?;
                Some(
                    positions
                        .into_iter()
                        .map(|p| Span { start: p, end: p })
                        .collect(),
                )
            }
            Matcher::Phrase(slots) => phrase(slots, passage.doc),
            Matcher::Or(all) => {
                let mut found: Option<Vec<Span>> = None;
                for matcher in all {
                    if let Some(spans) = matcher.spans(passage) {
                        found.get_or_insert_with(Vec::new).extend(spans);
                    }
                }
                found.map(sorted)
            }
            Matcher::And(left, right) => {
                let mut spans = left.spans(passage)?;
                spans.extend(right.spans(passage)?);
                Some(sorted(spans))
            }
            Matcher::ButNot(left, right) => {
                let kept = left.spans(passage)?;
                right.spans(passage).is_none().then_some(kept)
            }
            Matcher::Near {
                left,
                right,
                connector,
            } => {
                let (left, right) = (left.spans(passage)?, right.spans(passage)?);
                let joined = join(&left, &right, *connector, passage);
                (!joined.is_empty()).then_some(joined)
            }
            Matcher::Scope(inner) => inner.spans(passage).map(|_| Vec::new()),
            Matcher::Filter(scorer) => {
                if scorer.doc() < passage.doc {
                    scorer.seek(passage.doc);
                }
                (scorer.doc() == passage.doc).then(Vec::new)
            }
        }
    }
}

fn postings(
    reader: &SegmentReader,
    field: Field,
    terms: &[Term],
) -> tantivy::Result<Vec<SegmentPostings>> {
    let inverted = reader.inverted_index(field)?;
    let mut all = Vec::with_capacity(terms.len());
    for term in terms {
        if let Some(postings) =
            inverted.read_postings(term, IndexRecordOption::WithFreqsAndPositions)?
        {
            all.push(postings);
        }
    }
    Ok(all)
}

/// The sorted positions of any of the terms in `doc`, if one occurs there.
fn positions(postings: &mut [SegmentPostings], doc: DocId) -> Option<Vec<u32>> {
    let mut positions = Vec::new();
    let mut found = false;
    for posting in postings.iter_mut() {
        if posting.doc() < doc {
            posting.seek(doc);
        }
        if posting.doc() == doc {
            found = true;
            posting.append_positions_with_offset(0, &mut positions);
        }
    }
    positions.sort_unstable();
    positions.dedup();
    found.then_some(positions)
}

fn phrase(slots: &mut [Vec<SegmentPostings>], doc: DocId) -> Option<Vec<Span>> {
    let mut sets = Vec::with_capacity(slots.len());
    for slot in slots.iter_mut() {
        sets.push(positions(slot, doc)?);
    }
    let (first, rest) = sets.split_first()?;
    let last = u32::try_from(rest.len()).ok()?;
    let spans: Vec<Span> = first
        .iter()
        .filter(|&&start| {
            (1..)
                .zip(rest)
                .all(|(offset, set)| set.binary_search(&(start + offset)).is_ok())
        })
        .map(|&start| Span {
            start,
            end: start + last,
        })
        .collect();
    (!spans.is_empty()).then_some(spans)
}

/// Every pair of a left and a right span that the connector accepts, as
/// the span from the pair's first word to its last.
fn join(
    left: &[Span],
    right: &[Span],
    connector: Connector,
    passage: &mut Passage<'_>,
) -> Vec<Span> {
    let mut joined = Vec::new();
    for &x in left {
        for &y in right {
            if let Some(span) = pair(x, y, connector, passage) {
                joined.push(span);
            }
        }
    }
    sorted(joined)
}

fn pair(x: Span, y: Span, connector: Connector, passage: &mut Passage<'_>) -> Option<Span> {
    let (first, second) = if x.end < y.start {
        (x, y)
    } else if y.end < x.start && !connector.ordered {
        (y, x)
    } else {
        // Overlapping spans are one occurrence, not two.
        return None;
    };
    let near = match connector.within {
        Within::Words(n) => second.start - first.end <= u32::from(n),
        Within::Sentence => passage.sentence(first.start) == passage.sentence(second.end),
        Within::Paragraph => true,
    };
    near.then_some(Span {
        start: first.start,
        end: second.end,
    })
}

fn sorted(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_unstable();
    spans.dedup();
    spans
}
