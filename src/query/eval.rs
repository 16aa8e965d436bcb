//! Evaluation: a [`Query`] answered against the graph, as rows. Names are
//! looked up here (through `graph::Graph::lookup`), so every error about a
//! reference carries the candidates or the nearest names.

use crate::Error;
use crate::cite::Location;
use crate::graph::walk::Report;
use crate::graph::{AuthorityKind, Found, Graph, Node, NodeId, Use};

use super::answer::{Answer, Cell, Fact, Section};
use super::ast::{AuthorityRef, Comparison, Condition, Query, RulingFilter, Source, Stage};
use super::{brief, explain, find, help, network, outline, passages, pipeline};
use crate::search::Index;

/// Answers `query` from `graph` (and `index`, for `search`): its source,
/// then each stage.
pub fn evaluate<'g>(
    graph: &'g Graph,
    index: Option<&Index>,
    query: &Query,
) -> Result<Answer<'g>, Error> {
    if query.explain {
        return explain::explain(graph, query);
    }
    let rows = pipeline::rows_needed(&query.stages);
    let answer = source(graph, index, &query.source, rows)?;
    pipeline::apply(answer, &query.stages)
}

/// The rows a source gives, before any stage. When `rows` is given, no
/// stage will look past that many rows of a section, so a source whose
/// sections can be long (the citing uses of a leading case) stops there;
/// its summaries still count every row.
pub fn source<'g>(
    graph: &'g Graph,
    index: Option<&Index>,
    source: &Source,
    rows: Option<usize>,
) -> Result<Answer<'g>, Error> {
    let rows = rows.unwrap_or(usize::MAX);
    match source {
        Source::Help(topic) => help::help(topic.as_deref()).ok_or_else(|| {
            Error::Query(format!(
                "no verb is called `{}`; the verbs are {}",
                topic.as_deref().unwrap_or_default(),
                help::verbs()
                    .iter()
                    .map(|v| v.verb.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        }),
        Source::Show(r) => sectioned(show(graph, r, rows)),
        Source::AuthoritiesFor(r) => sectioned(authorities_for(graph, r)),
        Source::CitedBy(r) => cited_by(graph, r, rows),
        Source::Cites(r) => sectioned(cites(graph, r)),
        Source::Rulings(filter) => rulings(graph, filter),
        Source::Doctrines => Ok(doctrines(graph)),
        Source::Doctrine(r) => sectioned(outline::doctrine(graph, r)),
        Source::Path { from, to } => network::path(graph, from, to),
        Source::Neighbors { reference, depth } => network::neighbors(graph, reference, *depth),
        Source::Find { kind, conditions } => find::find(graph, kind, conditions),
        Source::Count { kind, conditions } => {
            find::find(graph, kind, conditions).and_then(|a| pipeline::apply(a, &[Stage::Count]))
        }
        Source::Cite {
            reference,
            pin,
            form,
        } => brief::cite(graph, reference, pin.as_deref(), *form),
        Source::Toa(r) => brief::toa(graph, r),
        Source::Search(terms) => passages::search(index, terms),
    }
}

fn sectioned(answer: Result<Answer, Error>) -> Result<Answer, Error> {
    answer.map(|a| Answer {
        sectioned: true,
        ..a
    })
}

/// How an authority is named in a row: case name with its citation, or the
/// code provision itself.
pub fn citation_label(graph: &Graph, id: NodeId) -> String {
    node_label(graph.node(id))
}

/// [`citation_label`] of a node already in hand.
pub fn node_label(node: &Node) -> String {
    match node {
        Node::Authority(a) => {
            let key = a.key.rsplit(':').next().unwrap_or(&a.key);
            if a.kind != AuthorityKind::Case || a.name == key {
                return a.name.clone();
            }
            match (&a.reporter_cite, &a.docket_number) {
                (Some(cite), _) => format!("{}, {cite}", a.name),
                (None, Some(docket)) if !key.starts_with(docket.as_str()) => {
                    format!("{}, {docket}, {key}", a.name)
                }
                _ => format!("{}, {key}", a.name),
            }
        }
        Node::Opinion(o) => match (&o.docket_number, &o.court_name, &o.date) {
            (Some(d), Some(c), Some(date)) => {
                format!("{}, {d} ({c} {})", o.case_name, crate::bluebook::date(date))
            }
            _ => o.case_name.clone(),
        },
        other => other.label(),
    }
}

/// Where a citation sits, for people: `¶ 12 (A. Privilege Log)`, `n. 3`.
pub fn place(location: &Location) -> String {
    let mut out = match location.footnote {
        Some(n) => format!("n. {n}"),
        None => format!("¶ {}", location.paragraph),
    };
    if let Some(section) = &location.section {
        out.push_str(&format!(" ({section})"));
    }
    out
}

pub(super) fn one(graph: &Graph, reference: &AuthorityRef) -> Result<Found, Error> {
    Ok(graph.lookup(&reference.0)?)
}

/// The treatment of a use, in words.
pub(super) fn treatment(u: &Use) -> Cell<'_> {
    Cell::from(u.treatment.map(|t| t.label()))
}

/// A citator's summary of `uses`: how many, by treatment, and a flag when
/// any treatment is negative.
pub(super) fn citator_summary<'u>(uses: impl IntoIterator<Item = &'u Use>) -> String {
    let mut counts: Vec<(crate::graph::treatment::Treatment, usize)> = Vec::new();
    let mut total = 0;
    for u in uses {
        total += 1;
        if let Some(t) = u.treatment {
            match counts.iter_mut().find(|(x, _)| *x == t) {
                Some((_, n)) => *n += 1,
                None => counts.push((t, 1)),
            }
        }
    }
    counts.sort_by_key(|(t, n)| (std::cmp::Reverse(*n), t.label()));
    let parts: Vec<String> = counts
        .iter()
        .map(|(t, n)| format!("{} {n}", t.label().replace('_', " ")))
        .collect();
    let flag = if counts.iter().any(|(t, _)| t.is_negative()) {
        " — ⚑ negative treatment"
    } else {
        ""
    };
    let by = if parts.is_empty() {
        String::new()
    } else {
        format!(": {}", parts.join(", "))
    };
    format!(
        "{total} citing reference{}{by}{flag}",
        if total == 1 { "" } else { "s" }
    )
}

pub(super) fn signal(u: &Use) -> Cell<'_> {
    Cell::from(u.signal.map(|s| s.words()))
}

fn opinion_name(graph: &Graph, id: NodeId) -> String {
    graph.node(id).label()
}

fn show<'g>(graph: &'g Graph, reference: &AuthorityRef, rows: usize) -> Result<Answer<'g>, Error> {
    let id = match one(graph, reference)? {
        Found::One(id) => id,
        Found::Pages { page, documents } => return Ok(pages_card(graph, &page, &documents)),
    };
    let mut answer = Answer::default();
    let mut card = Section::new("card", graph.node(id).label(), &["field", "value"]);
    let mut field = |name: &'static str, value: Cell<'g>| {
        if !value.is_empty() {
            card.push(vec![Cell::from(name), value]);
        }
    };
    match graph.node(id) {
        Node::Authority(a) => {
            field("citation", Cell::from(citation_label(graph, id)));
            field("as_written", Cell::from(a.full_citation.as_str()));
            field("kind", Cell::from(a.kind.label()));
            field(
                "court",
                Cell::from(a.court_name.clone().or(a.court.clone())),
            );
            field("year", Cell::from(a.year.map(|y| y.to_string())));
            field("date", Cell::from(a.date.clone()));
            field("short_names", Cell::from(a.short_names.join(", ")));
            let (uses, reported) = graph.citing(id);
            let mut opinions: Vec<NodeId> = uses.iter().map(|(o, _)| *o).collect();
            opinions.dedup();
            field(
                "treatment",
                Cell::from(citator_summary(uses.iter().map(|(_, u)| *u))),
            );
            field(
                "cited",
                Cell::from(format!(
                    "{} time{} in {} opinion{}",
                    uses.len(),
                    if uses.len() == 1 { "" } else { "s" },
                    opinions.len(),
                    if opinions.len() == 1 { "" } else { "s" }
                )),
            );
            answer.sections.push(card);
            answer.sections.push(uses_section(graph, &uses, rows));
            answer.sections.push(reliance_section(graph, id));
            answer.sections.push(reports_section(graph, id, &reported));
        }
        Node::Opinion(o) => {
            field("caption", Cell::from(o.case_name.as_str()));
            field("citation", Cell::from(citation_label(graph, id)));
            field("court", Cell::from(o.court_name.clone()));
            field("docket", Cell::from(o.docket_number.clone()));
            field("judge", Cell::from(o.judge.clone()));
            field("date", Cell::from(o.date.clone()));
            field("document", Cell::from(o.document_type.clone()));
            let cited = graph.cited_by_opinion(id);
            field("citations", Cell::from(cited.len()));
            let mut authorities: Vec<NodeId> = cited.iter().map(|(a, _)| *a).collect();
            authorities.sort();
            authorities.dedup();
            field("authorities", Cell::from(authorities.len()));
            field("decisions", Cell::from(graph.decisions_of(id).len()));
            answer.sections.push(card);
        }
        Node::Doctrine(d) => {
            field("name", Cell::from(d.name.as_str()));
            field("id", Cell::from(d.id.as_str()));
            field("definition", Cell::from(d.definition.as_str()));
            field("also_called", Cell::from(d.aliases.join(", ")));
            answer.sections.push(card);
            answer.sections.push(elements_section(graph, id));
            answer
                .sections
                .push(decisions_section(graph, &graph.applying(id)));
        }
        Node::Element(e) => {
            field("text", Cell::from(e.text.as_str()));
            field("kind", Cell::from(format!("{:?}", e.kind).to_lowercase()));
            field(
                "doctrine",
                Cell::from(graph.doctrine_of(id).map(|d| graph.node(d).label())),
            );
            answer.sections.push(card);
            answer.sections.push(stated_by_section(graph, id));
        }
        Node::Holding(_) | Node::Ruling(_) => {
            answer.sections.push(decisions_section(graph, &[id]));
            return authorities_for(graph, reference).map(|mut a| {
                a.sections.splice(0..0, answer.sections);
                a
            });
        }
        Node::Document(_) | Node::Court(_) => {
            field("name", Cell::from(graph.node(id).label()));
            answer.sections.push(card);
        }
    }
    Ok(answer)
}

fn pages_card<'g>(graph: &'g Graph, page: &str, documents: &[NodeId]) -> Answer<'g> {
    let rulings: Vec<NodeId> = documents
        .iter()
        .flat_map(|&d| graph.rulings_on(d))
        .collect();
    let mut answer = Answer::default();
    answer.text.push(format!(
        "{page} lies in {}",
        documents
            .iter()
            .map(|&d| graph.node(d).label())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    answer.sections.push(decisions_section(graph, &rulings));
    answer
}

fn uses_section<'g>(graph: &'g Graph, uses: &[(NodeId, &'g Use)], rows: usize) -> Section<'g> {
    let mut section = Section::new(
        "citing_uses",
        "Where the corpus cites it",
        &[
            "opinion",
            "place",
            "form",
            "signal",
            "treatment",
            "pin",
            "proposition",
        ],
    );
    for (opinion, u) in uses.iter().take(rows) {
        section.push(vec![
            Cell::from(opinion_name(graph, *opinion)),
            Cell::from(place(&u.location)),
            Cell::from(form_name(u)),
            signal(u),
            treatment(u),
            Cell::from(u.pin.as_deref()),
            Cell::from(u.proposition.as_deref()),
        ]);
    }
    section
}

/// How a citing use is written, as `cited-by` says it: `full cite`, `id. cite`.
fn form_cite(u: &Use) -> &'static str {
    match form_name(u) {
        "full" => "full cite",
        "short" => "short cite",
        "id." => "id. cite",
        "supra" => "supra cite",
        _ => "reference cite",
    }
}

pub(super) fn form_name(u: &Use) -> &'static str {
    use crate::cite::CitationKind::*;
    match u.form {
        FullCaseCitation | FullLawCitation | FullJournalCitation | RuleCitation
        | DocketEntryCitation | RecordCitation | BatesCitation => "full",
        ShortCaseCitation => "short",
        IdCitation => "id.",
        SupraCitation => "supra",
        ReferenceCitation => "reference",
    }
}

fn reliance_section(graph: &Graph, authority: NodeId) -> Section<'_> {
    let mut section = Section::new(
        "relied_on_by",
        "Doctrines and rulings that rely on it",
        &["kind", "name", "pin", "detail"],
    );
    for (node, pin) in graph.states(authority) {
        let (name, detail) = match graph.node(node) {
            Node::Element(e) => (
                graph
                    .doctrine_of(node)
                    .map(|d| graph.node(d).label())
                    .unwrap_or_default(),
                e.text.clone(),
            ),
            other => (other.label(), String::new()),
        };
        section.push(vec![
            Cell::from(graph.node(node).kind()),
            Cell::from(name),
            Cell::from(pin),
            Cell::from(detail),
        ]);
    }
    for (node, pin) in graph.relying_on(authority) {
        let detail = match graph.node(node) {
            Node::Ruling(r) => format!("{}: {}", r.outcome.label(), r.subject),
            Node::Holding(h) => h.proposition.clone(),
            _ => String::new(),
        };
        section.push(vec![
            Cell::from(graph.node(node).kind()),
            Cell::from(graph.node(node).label()),
            Cell::from(pin),
            Cell::from(detail),
        ]);
    }
    section
}

/// The parenthetical reports about `authority`: those it is reported to
/// cite, then `citing` (the reports that it is cited).
fn reports_section<'g>(graph: &'g Graph, authority: NodeId, citing: &[Report<'g>]) -> Section<'g> {
    let mut section = Section::new(
        "reported_citations",
        "Reported in parentheticals",
        &["direction", "authority", "relation", "pin", "reported_in"],
    );
    for r in graph.reported_cited(authority) {
        section.push(vec![
            Cell::from("cites"),
            Cell::from(citation_label(graph, r.cited)),
            Cell::from(r.relation.words()),
            Cell::from(r.report.pin.as_deref()),
            Cell::from(report_place(graph, r.opinion, &r.report.location)),
        ]);
    }
    for r in citing {
        section.push(vec![
            Cell::from("cited by"),
            Cell::from(citation_label(graph, r.citing)),
            Cell::from(r.relation.words()),
            Cell::from(r.report.pin.as_deref()),
            Cell::from(report_place(graph, r.opinion, &r.report.location)),
        ]);
    }
    section
}

pub(super) fn report_place(graph: &Graph, opinion: &str, location: &Location) -> String {
    let name = graph
        .by_id(opinion)
        .map(|o| graph.node(o).label())
        .unwrap_or_else(|| opinion.to_string());
    format!("{name} {}", place(location))
}

fn elements_section(graph: &Graph, doctrine: NodeId) -> Section<'_> {
    let mut section = Section::new(
        "elements",
        "Elements and factors",
        &["part", "text", "stated_by", "pin"],
    );
    for element in graph.elements_of(doctrine) {
        let Node::Element(e) = graph.node(element) else {
            continue;
        };
        let stated = graph.stated_by(element);
        let (by, pin) = stated
            .first()
            .map(|(a, pin)| (citation_label(graph, *a), pin.map(str::to_string)))
            .unwrap_or_default();
        section.push(vec![
            Cell::from(format!(
                "{} {}",
                format!("{:?}", e.kind).to_lowercase(),
                e.number
            )),
            Cell::from(e.text.as_str()),
            Cell::from(by),
            Cell::from(pin),
        ]);
    }
    section
}

fn stated_by_section(graph: &Graph, node: NodeId) -> Section<'_> {
    let mut section = Section::new("stated_by", "Stated by", &["authority", "pin"]);
    for (a, pin) in graph.stated_by(node) {
        section.push(vec![Cell::from(citation_label(graph, a)), Cell::from(pin)]);
    }
    section
}

/// The documents of a ruling, or its subject when it has none.
pub(super) fn documents_cell(graph: &Graph, ruling: NodeId) -> String {
    let documents = graph.documents_of(ruling);
    if documents.is_empty() {
        match graph.node(ruling) {
            Node::Ruling(r) => r.subject.clone(),
            _ => String::new(),
        }
    } else {
        documents
            .iter()
            .map(|&d| graph.node(d).label())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

pub(super) fn doctrine_names(graph: &Graph, node: NodeId) -> String {
    let mut names: Vec<String> = graph
        .applied(node)
        .into_iter()
        .filter(|&d| matches!(graph.node(d), Node::Doctrine(_)))
        .map(|d| graph.node(d).label())
        .collect();
    names.dedup();
    names.join(", ")
}

pub(super) fn decisions_section<'g>(graph: &'g Graph, decisions: &[NodeId]) -> Section<'g> {
    let mut section = Section::new(
        "rulings",
        "Rulings",
        &["ruling", "documents", "outcome", "doctrine", "reason"],
    );
    for &id in decisions {
        let (outcome, reason) = match graph.node(id) {
            Node::Ruling(r) => (r.outcome.label().to_string(), r.reason.clone()),
            Node::Holding(h) => (h.outcome.clone(), h.proposition.clone()),
            _ => continue,
        };
        section.push(vec![
            Cell::from(graph.node(id).label()),
            Cell::from(documents_cell(graph, id)),
            Cell::from(outcome),
            Cell::from(doctrine_names(graph, id)),
            Cell::from(reason),
        ]);
    }
    section
}

/// Rows of `authorities for`: one per authority and pin, under the most
/// direct chain that reaches it (a ruling's own citations before those of
/// the elements it applies, before the doctrine's).
/// A doctrine's outline keeps one row per element instead: there the
/// element is the point.
struct Support<'g> {
    section: Section<'g>,
    seen: Vec<(String, NodeId, Option<String>)>,
    per_chain: bool,
}

impl<'g> Support<'g> {
    fn new() -> Support<'g> {
        Support {
            per_chain: false,
            section: Section::new(
                "authorities",
                "Supporting authorities",
                &["chain", "authority", "pin", "signal", "proposition"],
            ),
            seen: Vec::new(),
        }
    }

    fn push(
        &mut self,
        graph: &'g Graph,
        chain: &str,
        opinion: Option<NodeId>,
        authority: NodeId,
        pin: Option<&str>,
    ) {
        let scope = if self.per_chain {
            chain.to_string()
        } else {
            String::new()
        };
        let key = (scope, authority, pin.map(str::to_string));
        if self.seen.contains(&key) {
            return;
        }
        self.seen.push(key);
        let used = opinion.and_then(|o| graph.use_at(o, authority, pin));
        self.section.push(vec![
            Cell::from(chain.to_string()),
            Cell::from(citation_label(graph, authority)),
            Cell::from(
                pin.map(str::to_string)
                    .or_else(|| used.and_then(|u| u.pin.as_deref().map(str::to_string))),
            ),
            used.map_or(Cell::Empty, signal),
            Cell::from(used.and_then(|u| u.proposition.as_deref())),
        ]);
    }

    /// A ruling's or holding's own authorities, then those of the doctrine
    /// and elements it applies.
    fn decision(&mut self, graph: &'g Graph, prefix: &str, decision: NodeId) {
        let opinion = graph.opinion_of(decision);
        let head = format!("{prefix}{}", decision_label(graph, decision));
        let doctrines = doctrine_names(graph, decision);
        let direct = if doctrines.is_empty() {
            head.clone()
        } else {
            format!("{head} → {doctrines}")
        };
        for (a, pin) in graph.relied_on(decision) {
            self.push(graph, &direct, opinion, a, pin);
        }
        // Elements before doctrines: the narrower the link, the more direct the support.
        let mut applied = graph.applied(decision);
        applied.sort_by_key(|&n| !matches!(graph.node(n), Node::Element(_)));
        for applied in applied {
            match graph.node(applied) {
                Node::Element(_) => {
                    let doctrine = graph.doctrine_of(applied).map(|d| graph.node(d).label());
                    let chain = format!(
                        "{head} → {} → {}",
                        doctrine.unwrap_or_default(),
                        element_label(graph, applied)
                    );
                    for (a, pin) in graph.stated_by(applied) {
                        self.push(graph, &chain, opinion, a, pin);
                    }
                }
                node => {
                    let chain = format!("{head} → {}", node.label());
                    for (a, pin) in graph.stated_by(applied) {
                        self.push(graph, &chain, opinion, a, pin);
                    }
                }
            }
        }
    }

    /// A doctrine's authorities: its own, then each element's.
    fn doctrine(&mut self, graph: &'g Graph, doctrine: NodeId) {
        self.per_chain = true;
        let name = graph.node(doctrine).label();
        let opinion = graph
            .applying(doctrine)
            .first()
            .and_then(|&d| graph.opinion_of(d));
        for (a, pin) in graph.stated_by(doctrine) {
            self.push(graph, &name, opinion, a, pin);
        }
        for element in graph.elements_of(doctrine) {
            let chain = format!("{name} → {}", element_label(graph, element));
            for (a, pin) in graph.stated_by(element) {
                self.push(graph, &chain, opinion, a, pin);
            }
        }
    }
}

pub(super) fn decision_label(graph: &Graph, id: NodeId) -> String {
    match graph.node(id) {
        Node::Ruling(r) => format!("ruling {} ({})", r.id, r.outcome.label()),
        Node::Holding(h) => format!("holding {} ({})", h.id, h.outcome),
        other => other.label(),
    }
}

/// `factor 1: the relevance of the documents to the litigation`, the text
/// cut at a word boundary near 60 characters.
pub(super) fn element_label(graph: &Graph, id: NodeId) -> String {
    match graph.node(id) {
        Node::Element(e) => {
            let mut text = String::new();
            for word in e.text.split_whitespace() {
                if text.len() + word.len() > 60 {
                    text.push('…');
                    break;
                }
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(word);
            }
            format!(
                "{} {}: {text}",
                format!("{:?}", e.kind).to_lowercase(),
                e.number
            )
        }
        other => other.label(),
    }
}

fn authorities_for<'g>(graph: &'g Graph, reference: &AuthorityRef) -> Result<Answer<'g>, Error> {
    let mut support = Support::new();
    let mut answer = Answer::default();
    match one(graph, reference)? {
        Found::Pages { page, documents } => {
            let rulings: Vec<NodeId> = documents
                .iter()
                .flat_map(|&d| graph.rulings_on(d))
                .collect();
            answer.sections.push(decisions_section(graph, &rulings));
            let mut holdings: Vec<NodeId> = documents
                .iter()
                .flat_map(|&d| graph.holdings_on(d))
                .collect();
            holdings.dedup();
            let mut held = decisions_section(graph, &holdings);
            held.name = "holdings".to_string();
            held.title = "Holdings about these documents".to_string();
            answer.sections.push(held);
            for &document in &documents {
                for ruling in graph.rulings_on(document) {
                    let label = graph.node(document).label();
                    let prefix = if label == page {
                        format!("{page} → ")
                    } else {
                        format!("{page} ∈ {label} → ")
                    };
                    support.decision(graph, &prefix, ruling);
                }
            }
        }
        Found::One(id) => match graph.node(id) {
            Node::Ruling(_) | Node::Holding(_) => support.decision(graph, "", id),
            Node::Doctrine(_) => support.doctrine(graph, id),
            Node::Element(_) => {
                let chain = element_label(graph, id);
                for (a, pin) in graph.stated_by(id) {
                    support.push(graph, &chain, None, a, pin);
                }
            }
            Node::Document(_) => {
                for ruling in graph.rulings_on(id) {
                    support.decision(graph, "", ruling);
                }
            }
            other => {
                return Err(Error::Query(format!(
                    "`authorities for` takes a document, ruling, holding or doctrine, and `{}` is {} {}; try `cites {}` or `show {}`",
                    reference.0,
                    if other.kind().starts_with(['a', 'e', 'i', 'o', 'u']) {
                        "an"
                    } else {
                        "a"
                    },
                    other.kind(),
                    reference.0,
                    reference.0
                )));
            }
        },
    }
    answer.sections.push(support.section);
    Ok(answer)
}

/// Court (as written) and year of a citing opinion or authority, for
/// filtering and sorting `cited-by` rows.
fn cited_by<'g>(
    graph: &'g Graph,
    reference: &AuthorityRef,
    rows: usize,
) -> Result<Answer<'g>, Error> {
    let Found::One(id) = one(graph, reference)? else {
        return Err(Error::Query(format!(
            "`{}` is a Bates page; documents are not cited — try `rulings for {}`",
            reference.0, reference.0
        )));
    };
    let mut section = Section::new(
        "citing",
        format!("Citing {}", citation_label(graph, id)),
        &[
            "name",
            "how",
            "place",
            "signal",
            "treatment",
            "pin",
            "court",
            "year",
            "proposition",
        ],
    );
    let (uses, reported) = graph.citing(id);
    for &(opinion, u) in uses.iter().take(rows) {
        let node = graph.node(opinion);
        section.push(vec![
            Cell::Of(node, Fact::Citation),
            Cell::from(form_cite(u)),
            Cell::Place(&u.location),
            signal(u),
            treatment(u),
            Cell::from(u.pin.as_deref()),
            Cell::Of(node, Fact::Court),
            Cell::Of(node, Fact::Year),
            Cell::from(u.proposition.as_deref()),
        ]);
    }
    for r in reported
        .iter()
        .take(rows.saturating_sub(section.rows.len()))
    {
        let node = graph.node(r.citing);
        section.push(vec![
            Cell::Of(node, Fact::Citation),
            Cell::from(format!("{} (reported)", r.relation.words())),
            Cell::from(report_place(graph, r.opinion, &r.report.location)),
            Cell::Empty,
            Cell::Empty,
            Cell::from(r.report.pin.as_deref()),
            Cell::Of(node, Fact::Court),
            Cell::Of(node, Fact::Year),
            Cell::from(r.report.proposition.as_deref()),
        ]);
    }
    let mut answer = Answer::default();
    answer
        .text
        .push(citator_summary(uses.iter().map(|(_, u)| *u)));
    answer.sections.push(section);
    Ok(answer)
}

fn cites<'g>(graph: &'g Graph, reference: &AuthorityRef) -> Result<Answer<'g>, Error> {
    let Found::One(id) = one(graph, reference)? else {
        return Err(Error::Query(format!(
            "`{}` is a Bates page; documents cite nothing — try `authorities for {}`",
            reference.0, reference.0
        )));
    };
    let mut answer = Answer::default();
    if let Node::Opinion(_) = graph.node(id) {
        let groups: [(&str, &str, &[AuthorityKind]); 4] = [
            ("cases", "Cases", &[AuthorityKind::Case]),
            (
                "statutes_and_regulations",
                "Statutes and regulations",
                &[
                    AuthorityKind::Constitution,
                    AuthorityKind::Statute,
                    AuthorityKind::Regulation,
                    AuthorityKind::Other,
                ],
            ),
            ("rules", "Rules", &[AuthorityKind::Rule]),
            ("record", "Record", &[AuthorityKind::Record]),
        ];
        let cited = graph.cited_by_opinion(id);
        for (name, title, kinds) in groups {
            let mut section = Section::new(
                name,
                title,
                &["authority", "times", "pins", "signals", "first_place"],
            );
            let mut seen: Vec<NodeId> = Vec::new();
            for (a, _) in &cited {
                let kind = graph.authority(*a).map(|a| a.kind);
                if !seen.contains(a) && kind.is_some_and(|k| kinds.contains(&k)) {
                    seen.push(*a);
                }
            }
            for a in seen {
                let uses: Vec<&Use> = cited
                    .iter()
                    .filter(|(x, _)| *x == a)
                    .map(|(_, u)| *u)
                    .collect();
                let mut pins: Vec<&str> = uses.iter().filter_map(|u| u.pin.as_deref()).collect();
                pins.dedup();
                let mut signals: Vec<&str> = uses
                    .iter()
                    .filter_map(|u| u.signal.map(|s| s.words()))
                    .collect();
                signals.sort();
                signals.dedup();
                section.push(vec![
                    Cell::from(citation_label(graph, a)),
                    Cell::from(uses.len()),
                    Cell::from(pins.join("; ")),
                    Cell::from(signals.join(", ")),
                    Cell::from(uses.first().map(|u| place(&u.location))),
                ]);
            }
            section.rows.sort_by_key(|row| row[0].text().to_lowercase());
            answer.sections.push(section);
        }
    } else {
        let mut section = Section::new(
            "reported",
            format!(
                "{} cites (as reported in parentheticals)",
                citation_label(graph, id)
            ),
            &["authority", "relation", "pin", "reported_in"],
        );
        for r in graph.reported_cited(id) {
            section.push(vec![
                Cell::from(citation_label(graph, r.cited)),
                Cell::from(r.relation.words()),
                Cell::from(r.report.pin.as_deref()),
                Cell::from(report_place(graph, r.opinion, &r.report.location)),
            ]);
        }
        answer.sections.push(section);
    }
    Ok(answer)
}

/// The fields `rulings where` can test.
const RULING_FIELDS: [&str; 6] = [
    "id",
    "outcome",
    "doctrine",
    "documents",
    "subject",
    "reason",
];

fn ruling_field(graph: &Graph, id: NodeId, field: &str) -> Option<String> {
    let Node::Ruling(r) = graph.node(id) else {
        return None;
    };
    Some(match field {
        "id" => r.id.clone(),
        "outcome" => r.outcome.label().to_string(),
        "doctrine" => {
            let ids: Vec<String> = graph
                .applied(id)
                .into_iter()
                .filter_map(|d| match graph.node(d) {
                    Node::Doctrine(d) => Some(format!("{} {}", d.id, d.name)),
                    _ => None,
                })
                .collect();
            ids.join(" ")
        }
        "documents" => documents_cell(graph, id),
        "subject" => r.subject.clone(),
        "reason" => r.reason.clone(),
        _ => return None,
    })
}

fn meets(graph: &Graph, id: NodeId, condition: &Condition) -> bool {
    let Some(have) = ruling_field(graph, id, &condition.field) else {
        return false;
    };
    // A ruling's doctrine answers to its id and to its name.
    if condition.field == "doctrine" && condition.comparison == Comparison::Equals {
        let (have, want) = (have.to_lowercase(), condition.value.to_lowercase());
        return have.split_whitespace().any(|w| w == want) || have.contains(&want);
    }
    pipeline::meets(&Cell::from(have), condition)
}

fn rulings<'g>(graph: &'g Graph, filter: &RulingFilter) -> Result<Answer<'g>, Error> {
    let all = graph.rulings();
    let chosen: Vec<NodeId> = match filter {
        RulingFilter::All => all,
        RulingFilter::For(reference) => match one(graph, reference)? {
            Found::Pages { documents, .. } => {
                let mut r: Vec<NodeId> = documents
                    .iter()
                    .flat_map(|&d| graph.rulings_on(d))
                    .collect();
                r.sort();
                r.dedup();
                r
            }
            Found::One(id) => match graph.node(id) {
                Node::Doctrine(_) | Node::Element(_) => graph.applying(id),
                Node::Authority(_) => graph.relying_on(id).into_iter().map(|(r, _)| r).collect(),
                Node::Document(_) => graph.rulings_on(id),
                Node::Opinion(_) => graph.decisions_of(id),
                Node::Ruling(_) => vec![id],
                other => {
                    return Err(Error::Query(format!(
                        "`rulings for` takes a document, doctrine, authority or opinion, not a {}",
                        other.kind()
                    )));
                }
            },
        },
        RulingFilter::Where(conditions) => {
            if let Some(bad) = conditions
                .iter()
                .find(|c| !RULING_FIELDS.contains(&c.field.as_str()))
            {
                return Err(Error::Query(format!(
                    "rulings have no field `{}`; the fields are {}",
                    bad.field,
                    RULING_FIELDS.join(", ")
                )));
            }
            all.into_iter()
                .filter(|&id| conditions.iter().all(|c| meets(graph, id, c)))
                .collect()
        }
    };
    let chosen: Vec<NodeId> = chosen
        .into_iter()
        .filter(|&id| matches!(graph.node(id), Node::Ruling(_)))
        .collect();
    let mut answer = Answer::default();
    answer.sections.push(decisions_section(graph, &chosen));
    Ok(answer)
}

fn doctrines(graph: &Graph) -> Answer<'_> {
    let mut section = Section::new(
        "doctrines",
        "Doctrines",
        &[
            "id",
            "name",
            "elements",
            "factors",
            "rulings",
            "leading_authorities",
        ],
    );
    for d in graph.doctrines() {
        let Node::Doctrine(doctrine) = graph.node(d) else {
            continue;
        };
        let parts: Vec<NodeId> = graph.elements_of(d);
        let count = |kind: crate::graph::ElementKind| {
            parts
                .iter()
                .filter(|&&e| matches!(graph.node(e), Node::Element(x) if x.kind == kind))
                .count()
        };
        let leading: Vec<String> = graph
            .stated_by(d)
            .into_iter()
            .map(|(a, _)| citation_label(graph, a))
            .collect();
        section.push(vec![
            Cell::from(doctrine.id.as_str()),
            Cell::from(doctrine.name.as_str()),
            Cell::from(count(crate::graph::ElementKind::Element)),
            Cell::from(count(crate::graph::ElementKind::Factor)),
            Cell::from(graph.applying(d).len()),
            Cell::from(leading.join("; ")),
        ]);
    }
    Answer {
        sections: vec![section],
        ..Answer::default()
    }
}
