//! Construction: adding opinions with their extracted citations, and the
//! curated nodes `ingest` hands over. Keeps the one-node-per-authority
//! invariant: every form of a citation lands on the node of its key.

use super::{
    Authority, AuthorityKind, Court, Doctrine, Document, Edge, Element, Graph, Holding, Node,
    NodeId, Opinion, Ruling, Use,
};
use petgraph::graph::EdgeIndex;
use petgraph::visit::EdgeRef;

use super::Text;
use super::treatment::{Classification, Rules};
use crate::cite::{Citation, CitationKind};

/// Text as a reader sees it: `*emphasis*` markers gone (a star page such
/// as `*4` stays), line breaks and runs of spaces folded into one space.
pub(crate) fn plain(text: &str) -> String {
    // Most text has neither markers nor runs of whitespace: copy it whole,
    // after one pass over its bytes (this runs for every passage indexed).
    if is_plain(text) {
        return text.to_string();
    }
    fold(text)
}

/// [`plain`] the long way, word by word.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if !word.contains('*') {
            out.push_str(word);
            continue;
        }
        let mut chars = word.chars().peekable();
        while let Some(c) = chars.next() {
            let star_page = c == '*' && chars.peek().is_some_and(char::is_ascii_digit);
            if c != '*' || star_page {
                out.push(c);
            }
        }
    }
    out
}

/// Whether [`plain`] would leave `text` as it is: no `*`, no line breaks
/// or tabs, no space at either end or next to another.
fn is_plain(text: &str) -> bool {
    let mut after_space = true;
    for &b in text.as_bytes() {
        match b {
            b'*' | b'\n' | b'\t' | b'\r' => return false,
            b' ' if after_space => return false,
            _ => {}
        }
        after_space = b == b' ';
    }
    !after_space || text.is_empty()
}

fn authority_kind(citation: &Citation) -> AuthorityKind {
    match citation.kind {
        CitationKind::RuleCitation => AuthorityKind::Rule,
        CitationKind::RecordCitation => AuthorityKind::Record,
        CitationKind::FullJournalCitation => AuthorityKind::Other,
        CitationKind::FullLawCitation => match citation.law_kind.as_deref() {
            Some("regulation") => AuthorityKind::Regulation,
            Some("constitution") => AuthorityKind::Constitution,
            _ => AuthorityKind::Statute,
        },
        _ => AuthorityKind::Case,
    }
}

fn case_name(citation: &Citation) -> Option<String> {
    match (&citation.plaintiff, &citation.defendant) {
        (Some(p), Some(d)) => Some(format!("{p} v. {d}")),
        (Some(p), None) => Some(p.clone()),
        (None, Some(d)) => Some(d.clone()),
        (None, None) => None,
    }
}

impl Graph {
    fn add_named(&mut self, id: &str, node: Node) -> NodeId {
        self.names_changed();
        let at = self.inner.add_node(node);
        self.ids.insert(id.to_string(), at);
        at
    }

    /// Adds a link between two nodes.
    pub fn link(&mut self, from: NodeId, to: NodeId, edge: Edge) {
        self.inner.add_edge(from, to, edge);
    }

    /// The court node for `id`, created on first use.
    pub fn court(&mut self, id: &str, name: &str) -> NodeId {
        let key = format!("court:{id}");
        if let Some(&at) = self.ids.get(&key) {
            return at;
        }
        self.add_named(
            &key,
            Node::Court(Court {
                id: id.to_string(),
                name: name.to_string(),
            }),
        )
    }

    /// Adds an opinion and links it to its court.
    pub fn add_opinion(&mut self, opinion: Opinion) -> NodeId {
        let court = opinion.court.clone().zip(opinion.court_name.clone());
        let id = opinion.id.clone();
        let at = self.add_named(&id, Node::Opinion(opinion));
        if let Some((court_id, name)) = court {
            let c = self.court(&court_id, &name);
            self.link(at, c, Edge::DecidedBy);
        }
        at
    }

    /// Key under which an authority is filed: record entries belong to the
    /// docket of the opinion that cites them, so they are scoped by it.
    fn scoped_key(opinion_id: &str, citation: &Citation, key: &str) -> String {
        if authority_kind(citation) == AuthorityKind::Record {
            format!("{opinion_id}:{key}")
        } else {
            key.to_string()
        }
    }

    /// Adds the citations extracted from `opinion`'s text (in text order, as
    /// `cite::extract` returns them): one `Cites` edge per occurrence, one
    /// `CitesVia` edge per nested citation, authorities created on first sight.
    pub fn add_citations(&mut self, opinion: NodeId, citations: &[Citation]) {
        let opinion_id = match &self.inner[opinion] {
            Node::Opinion(o) => o.id.clone(),
            _ => return,
        };
        // Full forms first, so a node is named from its full citation even
        // when a short form or a nested cite happens to come earlier.
        let mut order: Vec<usize> = (0..citations.len()).collect();
        order.sort_by_key(|&i| citations[i].resolved_to.is_some());
        let mut node_of = vec![None; citations.len()];
        for i in order {
            let citation = &citations[i];
            let Some(key) = citation.authority.as_deref() else {
                continue;
            };
            let antecedent = citation.resolved_to.and_then(|j| citations.get(j));
            let origin = antecedent.unwrap_or(citation);
            let key = Self::scoped_key(&opinion_id, origin, key);
            let at = self.authority_for(&key, origin);
            self.note_short_name(at, citation);
            node_of[i] = Some(at);
        }
        for (i, citation) in citations.iter().enumerate() {
            let Some(to) = node_of[i] else { continue };
            let used = Use {
                form: citation.kind,
                text: plain(&citation.matched_text).into(),
                offset: citation.span.start,
                end: citation.span.end,
                signal: citation.signal,
                pin: citation.pin_cite.as_deref().map(Text::from),
                parenthetical: citation.parenthetical.as_deref().map(|p| plain(p).into()),
                proposition: citation.proposition.as_deref().map(|p| plain(p).into()),
                location: citation.location.clone(),
                treatment: None,
                treatment_rule: None,
            };
            let reporter = citation
                .nested
                .and_then(|n| Some((n, node_of.get(n.parent).copied()??)));
            if let Some((nesting, from)) = reporter {
                self.link(
                    from,
                    to,
                    Edge::CitesVia {
                        report: used.clone(),
                        relation: nesting.relation,
                        opinion: opinion_id.clone(),
                    },
                );
            }
            self.link(opinion, to, Edge::Cites(used));
        }
    }

    /// The authority node filed under `key`, created from `citation` (its
    /// case name, reporter cite, court and year) when there is none yet.
    pub fn add_authority(&mut self, key: &str, citation: &Citation) -> NodeId {
        self.authority_for(key, citation)
    }

    /// Files `key` under the existing node `node` (an authority, or an
    /// opinion that is itself a cited case): later citations with that key
    /// land on `node`, and lookups by it find `node`.
    pub fn alias_key(&mut self, key: &str, node: NodeId) {
        self.names_changed();
        self.authorities.insert(key.to_string(), node);
        let keys = self.aliases.entry(node).or_default();
        if !keys.iter().any(|k| k == key) {
            keys.push(key.to_string());
        }
    }

    /// The keys filed under `node` by [`Graph::alias_key`].
    pub fn aliases(&self, node: NodeId) -> &[String] {
        self.aliases.get(&node).map_or(&[], Vec::as_slice)
    }

    fn authority_for(&mut self, key: &str, citation: &Citation) -> NodeId {
        if let Some(&at) = self.authorities.get(key) {
            return at;
        }
        let kind = authority_kind(citation);
        let display_key = key.rsplit(':').next().unwrap_or(key);
        let name = match kind {
            AuthorityKind::Record => match &citation.document {
                Some(doc) => format!("{display_key}, {doc}"),
                None => display_key.to_string(),
            },
            _ => case_name(citation).unwrap_or_else(|| display_key.to_string()),
        };
        let reporter_cite = match (
            &citation.volume,
            &citation.corrected_reporter,
            &citation.page,
        ) {
            (Some(v), Some(r), Some(p)) if kind == AuthorityKind::Case => {
                Some(format!("{v} {r} {p}"))
            }
            _ => None,
        };
        let authority = Authority {
            key: key.to_string(),
            kind,
            name,
            short_names: Vec::new(),
            full_citation: plain(&citation.matched_text),
            reporter_cite,
            docket_number: citation.docket_number.clone(),
            court: citation.court.clone(),
            court_name: citation.court_name.clone(),
            year: citation.year,
            date: citation.date.clone(),
        };
        let court = authority.court.clone().zip(authority.court_name.clone());
        self.names_changed();
        let at = self.inner.add_node(Node::Authority(authority));
        self.authorities.insert(key.to_string(), at);
        if let Some((id, name)) = court {
            let c = self.court(&id, &name);
            self.link(at, c, Edge::DecidedBy);
        }
        at
    }

    fn note_short_name(&mut self, at: NodeId, citation: &Citation) {
        let Some(short) = citation.short_name.as_deref().map(plain) else {
            return;
        };
        if let Node::Authority(a) = &mut self.inner[at]
            && !a.short_names.contains(&short)
        {
            a.short_names.push(short);
            self.names = std::sync::OnceLock::new();
        }
    }

    /// Classifies every citing use of `opinions` (each with its text) with
    /// the bundled treatment rules: the signal, the sentence the citation
    /// supports, the sentence after it and the names of the authority. The
    /// rules run on every core; only the results are written one by one.
    pub fn classify_treatments(&mut self, opinions: &[(NodeId, &str)]) {
        use rayon::prelude::*;
        let rules = Rules::bundled();
        let jobs: Vec<(EdgeIndex, NodeId, &str)> = opinions
            .iter()
            .flat_map(|&(opinion, text)| {
                self.inner
                    .edges_directed(opinion, petgraph::Direction::Outgoing)
                    .filter(|e| matches!(e.weight(), Edge::Cites(_)))
                    .map(move |e| (e.id(), e.target(), text))
            })
            .collect();
        let graph = &*self;
        let verdicts: Vec<(EdgeIndex, Classification)> = jobs
            .par_iter()
            .filter_map(|&(edge, authority, text)| {
                let Some(Edge::Cites(used)) = graph.inner.edge_weight(edge) else {
                    return None;
                };
                let names = graph.names_of(authority);
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                let following = following_sentence(text, used.end);
                let verdict = rules.classify(
                    used.signal,
                    used.proposition.as_deref().unwrap_or_default(),
                    following.as_deref(),
                    &names,
                );
                Some((edge, verdict))
            })
            .collect();
        for (edge, verdict) in verdicts {
            if let Some(Edge::Cites(used)) = self.inner.edge_weight_mut(edge) {
                used.treatment = Some(verdict.treatment);
                used.treatment_rule = verdict.rule.map(Text::from);
            }
        }
    }

    /// Lays the edges out again so that the citing uses of each authority
    /// (and the reports that it is cited) lie side by side, in the order
    /// they were added; every other edge follows, in its order. `cited-by`
    /// on a leading case walks tens of thousands of uses: added opinion by
    /// opinion, they are scattered through the whole edge list, and the
    /// walk is a cache miss per use. Node ids do not change, edge ids do:
    /// run it once the graph is built. A snapshot keeps the layout.
    pub fn group_citing_uses(&mut self) {
        let (nodes, edges) = std::mem::take(&mut self.inner).into_nodes_edges();
        let mut inner = petgraph::graph::DiGraph::with_capacity(nodes.len(), edges.len());
        for node in nodes {
            inner.add_node(node.weight);
        }
        // The order is found on small keys, then each edge is moved once.
        let mut order: Vec<(usize, usize)> = edges
            .iter()
            .enumerate()
            .map(|(at, e)| match e.weight {
                Edge::Cites(_) | Edge::CitesVia { .. } => (e.target().index(), at),
                _ => (usize::MAX, at),
            })
            .collect();
        // The position breaks ties, so each group keeps the order it was added in.
        order.sort_unstable();
        let mut edges: Vec<Option<_>> = edges.into_iter().map(Some).collect();
        for (_, at) in order {
            if let Some(e) = edges[at].take() {
                inner.add_edge(e.source(), e.target(), e.weight);
            }
        }
        self.inner = inner;
    }

    /// Adds a doctrine.
    pub fn add_doctrine(&mut self, doctrine: Doctrine) -> NodeId {
        let id = doctrine.id.clone();
        self.add_named(&id, Node::Doctrine(doctrine))
    }

    /// Adds an element or factor to `doctrine`.
    pub fn add_element(&mut self, doctrine: NodeId, element: Element) -> NodeId {
        let id = element.id.clone();
        let at = self.add_named(&id, Node::Element(element));
        self.link(doctrine, at, Edge::HasElement);
        at
    }

    /// Adds a holding of `opinion`.
    pub fn add_holding(&mut self, opinion: NodeId, holding: Holding) -> NodeId {
        let id = holding.id.clone();
        let at = self.add_named(&id, Node::Holding(holding));
        self.link(opinion, at, Edge::Decides);
        at
    }

    /// Adds a ruling of `opinion`.
    pub fn add_ruling(&mut self, opinion: NodeId, ruling: Ruling) -> NodeId {
        let id = ruling.id.clone();
        let at = self.add_named(&id, Node::Ruling(ruling));
        self.link(opinion, at, Edge::Decides);
        at
    }

    /// The node of a Bates document or range, created on first use.
    pub fn document(&mut self, document: Document) -> NodeId {
        let label = document.label();
        if let Some(&at) = self.documents.get(&label) {
            return at;
        }
        self.names_changed();
        let at = self.inner.add_node(Node::Document(document));
        self.documents.insert(label, at);
        at
    }

    /// Records that Bates prefix `written` is a misspelling of `real`.
    pub fn alias_bates_prefix(&mut self, written: &str, real: &str) {
        self.bates_aliases
            .insert(written.to_ascii_uppercase(), real.to_string());
    }
}

/// Whether the `.` at `at` in `text` ends a sentence: a space and a capital
/// (or quote) follow, and the word before it is no abbreviation (`Ill.`,
/// `F.`, `No.`) but a longer word, a number or a closing mark.
fn ends_sentence(text: &str, at: usize) -> bool {
    let after = text[at + 1..].trim_start_matches([' ', '\n', '\t']);
    let next_is_capital = after.starts_with(|c: char| c.is_uppercase() || c == '"' || c == '“');
    let spaced = text[at + 1..].starts_with([' ', '\n']);
    let word = text[..at]
        .rsplit([' ', '\n', '('])
        .next()
        .unwrap_or_default();
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let closes = word
        .ends_with(|c: char| c.is_ascii_digit() || matches!(c, ')' | '"' | '”' | '\'' | '’' | '*'));
    spaced && next_is_capital && (closes || letters >= 4)
}

/// The sentence after the one that holds the text ending at `from`, within
/// its paragraph: where a court says what it makes of what it just cited
/// ("This court adopts the same reasoning.").
pub(crate) fn following_sentence(text: &str, from: usize) -> Option<String> {
    let rest = text.get(from..)?;
    let paragraph_end = rest.find("\n\n").unwrap_or(rest.len());
    let paragraph = &rest[..paragraph_end];
    // A period inside parentheses (`(R. 171, Consol. Resp. at 11)`) ends
    // no sentence; `from` may sit inside a parenthetical already, so a `)`
    // with none open is ignored.
    let mut depth = 0usize;
    let mut boundaries: Vec<usize> = Vec::new();
    for (i, c) in paragraph.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            '.' if depth == 0 && ends_sentence(paragraph, i) => boundaries.push(i),
            _ => {}
        }
        if boundaries.len() == 2 {
            break;
        }
    }
    let start = *boundaries.first()? + 1;
    let end = boundaries.get(1).map_or(paragraph.len(), |&i| i + 1);
    let sentence = plain(paragraph[start..end].trim());
    (!sentence.is_empty()).then_some(sentence)
}

#[cfg(test)]
mod tests {
    use super::{fold, following_sentence, plain};

    #[test]
    fn the_following_sentence_skips_abbreviations_inside_the_citation() {
        let text = "Smith v. Jones, No. 1, Dkt. No. 2 at 8 (N.D. Ill. April 10, 2024); *see also Doe*, 2025 WL 1, at *8. This court adopts the same reasoning. Then more.\n\nNext paragraph.";
        let end = text.find("2024)").map(|i| i + 5).unwrap_or(0);
        assert_eq!(
            following_sentence(text, end).as_deref(),
            Some("This court adopts the same reasoning.")
        );
        assert_eq!(following_sentence("Last words.", 0), None);
        let parenthesized = "Doe notes that the Order, (see R. 9 ¶ 6), permits it, (R. 17, Doe's Consol. Resp. at 11). But Doe's reliance on this portion is misplaced.";
        let end = parenthesized
            .find("¶ 6")
            .map(|i| i + "¶ 6".len())
            .unwrap_or(0);
        assert_eq!(
            following_sentence(parenthesized, end).as_deref(),
            Some("But Doe's reliance on this portion is misplaced.")
        );
    }

    proptest::proptest! {
        #[test]
        fn the_fast_path_of_plain_changes_nothing(text in "[a1* \n\t\r]{0,12}") {
            proptest::prop_assert_eq!(plain(&text), fold(&text));
        }
    }

    #[test]
    fn plain_drops_emphasis_and_folds_breaks() {
        assert_eq!(
            plain("*Smith*,\n\n433 F.3d  at 952"),
            "Smith, 433 F.3d at 952"
        );
        assert_eq!(plain("*Id.* at *4"), "Id. at *4");
        assert_eq!(plain("already plain, at 4"), "already plain, at 4");
        assert_eq!(plain(" padded "), "padded");
    }

    #[test]
    fn grouping_the_citing_uses_changes_no_answer() {
        use crate::cite::{extract, reporters::Reporters};
        use crate::graph::{Graph, Opinion};
        use petgraph::visit::EdgeRef;
        let reporters = Reporters::bundled();
        let mut graph = Graph::new();
        let texts = [
            "See Abbott v. Baker, 512 F.3d 346, 352 (7th Cir. 2008). Also Roe v. Wade, 410 U.S. 113, 153 (1973). Id. at 154.",
            "As in Roe v. Wade, 410 U.S. 113, 120 (1973), and Abbott v. Baker, 512 F.3d 346, 351 (7th Cir. 2008). Abbott, 512 F.3d at 350.",
        ];
        for (i, text) in texts.iter().enumerate() {
            let opinion = graph.add_opinion(Opinion {
                id: format!("op-{i}"),
                case_name: format!("A{i} v. B{i}"),
                short_name: None,
                court_name: None,
                court: None,
                docket_number: None,
                judge: None,
                date: None,
                document_type: None,
            });
            graph.add_citations(opinion, &extract(text, &reporters).citations);
        }
        let roe = graph.by_key("410 U.S. 113").expect("Roe is an authority");
        let answer = |g: &Graph| -> Vec<(usize, usize, Option<super::Text>)> {
            g.citing(roe)
                .0
                .iter()
                .map(|(from, u)| (from.index(), u.offset, u.pin.clone()))
                .collect()
        };
        let before = answer(&graph);
        let counts = graph.counts();
        graph.group_citing_uses();
        assert_eq!(answer(&graph), before);
        assert_eq!(before.len(), 3, "two full cites and an Id. of Roe");
        assert_eq!(graph.counts(), counts);
        let mut edges: Vec<usize> = graph.in_edges(roe).map(|e| e.id().index()).collect();
        edges.sort_unstable();
        assert!(
            edges.windows(2).all(|w| w[1] == w[0] + 1),
            "Roe's citing uses lie side by side: {edges:?}"
        );
    }
}
