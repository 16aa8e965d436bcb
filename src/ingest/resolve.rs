//! Resolution across the corpus: which citations, written differently in
//! different opinions, name the same case, and which opinion of the corpus
//! is the case others cite. `cite::resolve` works inside one text; this
//! works on all of them at once, and is rerun whole whenever the corpus is
//! opened or changed, so its answers never depend on the order of ingest
//! runs.
//!
//! The rules, in the order they apply:
//!
//! 1. **Same key.** Citations with the same normalized key (`466 U.S. 668`,
//!    `2018 WL 512345`) name the same case: `cite` already normalizes
//!    volume, reporter spelling and first page.
//! 2. **Parallel cites.** The keys the extractor reports as parallel
//!    (`466 U.S. 668, 687, 104 S. Ct. 2052, 80 L. Ed. 2d 674 (1984)`, see
//!    `Citation::parallel`) name one case, anywhere in the corpus; so do
//!    the parallel cites an opinion gives as its own citation. All
//!    keys of a case form a class, named by its *canonical* key: the
//!    official reporter's (`U.S.`) before the regional and federal
//!    reporters, those before the unofficial Supreme Court reporters
//!    (`S. Ct.`, `L. Ed.`), and those before database numbers (`WL`); ties
//!    go to the key seen first.
//! 3. **An opinion's own citation.** An opinion whose input states its
//!    citation (a `citation` field, a `Cite as:` line, a reprint's heading)
//!    *is* that case: every key of its class lands on the opinion. When two
//!    opinions state the same citation, the first in corpus order keeps it.
//! 4. **Name, court and year.** Otherwise an opinion is the case of a class
//!    when exactly one class cited elsewhere in the corpus has a full
//!    citation with the opinion's court (courts-db id, or the court its
//!    extractor gives: `U.S.` → `scotus`), the year of its date, and
//!    parties that match its case name (see `ingest::names`); the
//!    opinion does not cite that class itself; and no other opinion matches
//!    the same class, unless it is at least three times as long as each
//!    other one that does (they are then errata sheets and amending
//!    orders). Anything less is left apart and counted as ambiguous.
//! 5. **Short forms the text leaves open.** A short form with no antecedent
//!    in its own text (`Strickland, 466 U.S. at 687`) names the case of the
//!    same volume and reporter whose first page is the greatest one not
//!    after the pin, if the corpus knows such a case and its parties include
//!    the short form's name; without a name, the pin must fall within 100
//!    pages of that first page. An *Id.* that points at such a short form
//!    follows it.
//!
//! An opinion never cites itself: a citation that lands on its own opinion
//! is dropped from the graph (it stays in the store).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::OpinionMeta;
use super::names;
use crate::cite::{self, Citation, CitationKind, reporters::Reporters};

/// How much longer than the other versions of a case the opinion that is
/// the case must be.
const ERRATA_RATIO: usize = 3;

/// How far past a case's first page a nameless short form may pin.
const NAMELESS_REACH: u64 = 100;

/// How an opinion came to be the case of a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Its input gave its citation.
    Given,
    /// Its case name, court and year matched one cited case.
    Matched,
}

impl Rule {
    /// The rule [`Rule::word`] names.
    pub fn from_word(word: &str) -> Option<Rule> {
        match word {
            "given" => Some(Rule::Given),
            "matched" => Some(Rule::Matched),
            _ => None,
        }
    }

    /// The rule in one word, as the store records it.
    pub fn word(self) -> &'static str {
        match self {
            Rule::Given => "given",
            Rule::Matched => "matched",
        }
    }
}

/// What resolution needs of one opinion.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    /// Its metadata (case name, court, date, own citation).
    pub meta: &'a OpinionMeta,
    /// Its citations, in text order.
    pub citations: &'a [Citation],
    /// Its text (its length tells an opinion from an errata sheet amending it).
    pub text: &'a str,
    /// The keys of its own citation (see [`own_keys`]).
    pub own: &'a [String],
}

/// The case keys of an opinion's own citation as written (`466 U.S. 668,
/// 104 S. Ct. 2052 (1984)` → `466 U.S. 668`, `104 S. Ct. 2052`).
pub fn own_keys(citation: &str, reporters: &Reporters) -> Vec<String> {
    // A citation standing alone reads as a heading; in a sentence it is found.
    let sentence = format!("See {}.", citation.trim().trim_end_matches('.'));
    let mut keys: Vec<String> = Vec::new();
    for c in cite::extract(&sentence, reporters).citations {
        if !is_case_cite(&c) {
            continue;
        }
        for key in c.authority.into_iter().chain(c.parallel) {
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    keys
}

/// One key of the corpus and the case it belongs to, as the store's
/// `authorities` table lists them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyRow {
    /// A normalized case key (`104 S. Ct. 2052`).
    pub key: String,
    /// The canonical key of its class (`466 U.S. 668`).
    pub canonical: String,
    /// Index of the opinion that is the case, if any.
    pub opinion: Option<usize>,
    /// How that opinion was found.
    pub rule: Option<Rule>,
    /// For a canonical key, the citation its node is named from (see
    /// [`Resolution::representative`]).
    pub named: Option<Citation>,
}

/// The answers of resolution over a corpus.
#[derive(Debug, Clone, Default)]
pub struct Resolution {
    /// Every case key → its canonical key.
    canonical: HashMap<String, String>,
    /// Canonical key → every key of the class, canonical first, then by key.
    members: BTreeMap<String, Vec<String>>,
    /// Canonical key → the opinion that is the case, and how it was found.
    opinion_of: HashMap<String, (usize, Rule)>,
    /// Canonical key → the citation its node is named from.
    representative: HashMap<String, Citation>,
    /// (opinion, citation) → key, for short forms (and their *Id.*s) that
    /// only the corpus resolves.
    found: HashMap<(usize, usize), String>,
    /// Opinions that match several cited cases (or share one with another
    /// opinion), with the candidates.
    pub ambiguous: Vec<(usize, Vec<String>)>,
}

/// Keys seen, in first-seen order, joined into classes.
#[derive(Default)]
struct Classes {
    index: HashMap<String, usize>,
    keys: Vec<String>,
    parent: Vec<usize>,
}

impl Classes {
    fn add(&mut self, key: &str) -> usize {
        if let Some(&i) = self.index.get(key) {
            return i;
        }
        let i = self.keys.len();
        self.index.insert(key.to_string(), i);
        self.keys.push(key.to_string());
        self.parent.push(i);
        i
    }

    fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        // The earlier key stays the root, so classes do not depend on join order.
        if a != b {
            let (low, high) = if a < b { (a, b) } else { (b, a) };
            self.parent[high] = low;
        }
    }
}

/// The reporter of a case key: `466 U.S. 668` → `U.S.`.
fn reporter_of(key: &str) -> &str {
    let mut parts = key.splitn(2, ' ');
    let _volume = parts.next();
    let rest = parts.next().unwrap_or("");
    rest.rsplit_once(' ').map_or(rest, |(reporter, _)| reporter)
}

/// Where a key's reporter ranks when a class picks its canonical key.
fn rank(key: &str) -> u8 {
    match reporter_of(key) {
        "U.S." => 0,
        "WL" | "U.S. LEXIS" | "LEXIS" | "U.S. App. LEXIS" | "U.S. Dist. LEXIS" => 3,
        r if r.starts_with("S. Ct.") || r.starts_with("L. Ed.") || r == "U.S.L.W." => 2,
        _ => 1,
    }
}

/// Whether a citation names a case by a reporter or database key.
fn is_case_cite(c: &Citation) -> bool {
    c.kind == CitationKind::FullCaseCitation && c.authority.is_some() && c.volume.is_some()
}

/// The key a case citation's own volume, reporter and page make
/// (`104 S. Ct. 2052`), which for a parallel cite is not its `authority`.
fn own_key(c: &Citation) -> Option<String> {
    match (&c.volume, &c.corrected_reporter, &c.page) {
        (Some(v), Some(r), Some(p)) => Some(format!("{v} {r} {p}")),
        _ => None,
    }
}

/// The first page number of a pin: `*4` → 4, `687-88` → 687.
fn first_number(text: &str) -> Option<u64> {
    let digits: String = text
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

impl Resolution {
    /// The key citation `citation` (number `j` of opinion `i`) lands on in
    /// the graph: its class's canonical key for cases, its own key for other
    /// authorities, `None` when it names nothing or opinion `i` itself.
    pub fn key_for<'a>(&'a self, i: usize, j: usize, citation: &'a Citation) -> Option<&'a str> {
        let key = citation
            .authority
            .as_deref()
            .or_else(|| self.found.get(&(i, j)).map(String::as_str))?;
        match self.canonical.get(key) {
            Some(canonical) => match self.opinion_of.get(canonical) {
                Some(&(opinion, _)) if opinion == i => None,
                _ => Some(canonical),
            },
            None => Some(key),
        }
    }

    /// Whether `key` is a case key the corpus knows.
    pub fn is_case(&self, key: &str) -> bool {
        self.canonical.contains_key(key)
    }

    /// Every key of the class whose canonical key is `canonical`.
    pub fn members(&self, canonical: &str) -> &[String] {
        self.members.get(canonical).map_or(&[], Vec::as_slice)
    }

    /// The opinion (index) that is the case named `canonical`, if any.
    pub fn opinion_of(&self, canonical: &str) -> Option<(usize, Rule)> {
        self.opinion_of.get(canonical).copied()
    }

    /// Every class an opinion is, by canonical key.
    pub fn claims(&self) -> impl Iterator<Item = (&str, usize, Rule)> + '_ {
        self.members.keys().filter_map(|canonical| {
            let (opinion, rule) = self.opinion_of.get(canonical)?;
            Some((canonical.as_str(), *opinion, *rule))
        })
    }

    /// The citation the node of `canonical` is named from: a full citation
    /// of the canonical key, completed with the case name, court and year
    /// its parallel cites supply.
    pub fn representative(&self, canonical: &str) -> Option<&Citation> {
        self.representative.get(canonical)
    }

    /// Whether citation `j` of opinion `i` is a short form only the corpus resolved.
    pub fn found_in_corpus(&self, i: usize, j: usize) -> Option<&str> {
        self.found.get(&(i, j)).map(String::as_str)
    }

    /// Every short form (and *Id.*) the corpus resolved: (opinion, citation, key).
    pub fn found(&self) -> impl Iterator<Item = (usize, usize, &str)> + '_ {
        self.found.iter().map(|(&(i, j), k)| (i, j, k.as_str()))
    }

    /// One row per case key, in key order.
    pub fn rows(&self) -> Vec<KeyRow> {
        let mut rows: Vec<KeyRow> = self
            .canonical
            .iter()
            .map(|(key, canonical)| {
                let claim = self.opinion_of.get(canonical);
                KeyRow {
                    key: key.clone(),
                    canonical: canonical.clone(),
                    opinion: claim.map(|c| c.0),
                    rule: claim.map(|c| c.1),
                    named: (key == canonical)
                        .then(|| self.representative.get(canonical).cloned())
                        .flatten(),
                }
            })
            .collect();
        rows.sort_by(|a, b| a.key.cmp(&b.key));
        rows
    }

    /// A resolution as [`Resolution::rows`] and [`Resolution::found`] gave
    /// it (and the store kept it), without resolving again.
    pub fn from_rows(rows: Vec<KeyRow>, found: Vec<(usize, usize, String)>) -> Resolution {
        let mut resolution = Resolution::default();
        for row in rows {
            if row.key == row.canonical {
                resolution
                    .members
                    .entry(row.canonical.clone())
                    .or_default()
                    .insert(0, row.key.clone());
            } else {
                resolution
                    .members
                    .entry(row.canonical.clone())
                    .or_default()
                    .push(row.key.clone());
            }
            if let (Some(opinion), Some(rule)) = (row.opinion, row.rule) {
                resolution
                    .opinion_of
                    .insert(row.canonical.clone(), (opinion, rule));
            }
            if let Some(named) = row.named {
                resolution
                    .representative
                    .insert(row.canonical.clone(), named);
            }
            resolution.canonical.insert(row.key, row.canonical);
        }
        resolution.found = found.into_iter().map(|(i, j, k)| ((i, j), k)).collect();
        resolution
    }

    /// Number of cases (classes) the corpus cites or holds.
    pub fn cases(&self) -> usize {
        self.members.len()
    }
}

/// Facts about one class, gathered from its full citations.
#[derive(Default)]
struct Facts {
    /// (opinion, citation) of each full citation of a member key.
    cites: Vec<(usize, usize)>,
}

/// What the citations of one case say about it.
struct Known {
    /// Each distinct pair of parties, folded.
    names: Vec<names::Cited>,
    /// Each (court, year) its full citations give.
    courts_years: Vec<(String, i32)>,
    /// The opinions that cite it, in corpus order.
    citers: Vec<usize>,
}

impl Known {
    fn of(cited: &[&Citation], at: &[(usize, usize)]) -> Known {
        // A parallel cite's year and court sit on the last cite of the run:
        // any member's count for all.
        let year = cited.iter().find_map(|c| c.year);
        let court = cited.iter().find_map(|c| c.court.as_deref());
        let mut parties: Vec<(Option<&str>, Option<&str>)> = Vec::new();
        let mut courts_years = Vec::new();
        for c in cited {
            let pair = (c.plaintiff.as_deref(), c.defendant.as_deref());
            if pair != (None, None) && !parties.contains(&pair) {
                parties.push(pair);
            }
            if let (Some(court), Some(year)) = (c.court.as_deref().or(court), c.year.or(year)) {
                courts_years.push((court.to_string(), year));
            }
        }
        courts_years.sort();
        courts_years.dedup();
        let mut citers: Vec<usize> = at.iter().map(|&(i, _)| i).collect();
        citers.dedup();
        Known {
            names: parties
                .into_iter()
                .map(|(p, d)| names::Cited::new(p, d))
                .collect(),
            courts_years,
            citers,
        }
    }
}

/// The citation a case's node is named from: its canonical key's first full
/// citation (else any member's), given the case name, year and court its
/// parallel cites supply; none for a case only an opinion's own citation
/// names (the opinion is its node). Only what naming needs is copied.
fn representative(canonical: &str, cited: &[&Citation]) -> Option<Citation> {
    let base = cited
        .iter()
        .copied()
        .find(|c| own_key(c).as_deref() == Some(canonical))
        .or_else(|| cited.first().copied())?;
    let named = cited
        .iter()
        .find(|c| c.plaintiff.is_some() || c.defendant.is_some())
        .copied()
        .unwrap_or(base);
    let dated = cited
        .iter()
        .find(|c| c.court.is_some())
        .copied()
        .unwrap_or(base);
    let mut lean = Citation::new(CitationKind::FullCaseCitation);
    lean.matched_text = base.matched_text.clone();
    lean.volume = base.volume.clone();
    lean.reporter = base.corrected_reporter.clone();
    lean.corrected_reporter = base.corrected_reporter.clone();
    lean.page = base.page.clone();
    lean.docket_number = base.docket_number.clone();
    lean.date = base.date.clone();
    let (p, d) = if base.plaintiff.is_some() || base.defendant.is_some() {
        (&base.plaintiff, &base.defendant)
    } else {
        (&named.plaintiff, &named.defendant)
    };
    lean.plaintiff = p.clone();
    lean.defendant = d.clone();
    lean.year = base.year.or_else(|| cited.iter().find_map(|c| c.year));
    let court_from = if base.court.is_some() { base } else { dated };
    lean.court = court_from.court.clone();
    lean.court_name = court_from.court_name.clone();
    lean.authority = Some(canonical.to_string());
    Some(lean)
}

/// Of several opinions that match one case, the one that is it: the only
/// one, or one at least [`ERRATA_RATIO`] times as long as each other (the
/// others are then errata sheets and orders amending it).
fn main_version(claimants: &[usize], opinions: &[Subject<'_>]) -> Option<usize> {
    let longest = claimants
        .iter()
        .copied()
        .max_by_key(|&i| opinions[i].text.len())?;
    let long = opinions[longest].text.len();
    claimants
        .iter()
        .all(|&i| i == longest || opinions[i].text.len() * ERRATA_RATIO <= long)
        .then_some(longest)
}

/// Resolves the citations of `opinions` across the corpus (see the module
/// documentation for the rules).
pub fn resolve(opinions: &[Subject<'_>]) -> Resolution {
    let mut classes = Classes::default();
    let mut facts: HashMap<usize, Facts> = HashMap::new();

    // Rules 1 and 2: keys and parallel cites.
    for (i, opinion) in opinions.iter().enumerate() {
        for (j, c) in opinion.citations.iter().enumerate() {
            if !is_case_cite(c) {
                continue;
            }
            let Some(key) = c.authority.as_deref() else {
                continue;
            };
            let at = classes.add(key);
            facts.entry(at).or_default().cites.push((i, j));
            for other in &c.parallel {
                let also = classes.add(other);
                classes.join(at, also);
            }
        }
    }
    let mut given: Vec<Option<usize>> = vec![None; opinions.len()];
    for (i, opinion) in opinions.iter().enumerate() {
        let mut first = None;
        for key in opinion.own {
            let at = classes.add(key);
            match first {
                None => first = Some(at),
                Some(f) => classes.join(f, at),
            }
        }
        given[i] = first;
    }

    // Canonical keys.
    let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for at in 0..classes.keys.len() {
        let root = classes.root(at);
        by_root.entry(root).or_default().push(at);
    }
    let mut resolution = Resolution::default();
    let mut canonical_of_root: HashMap<usize, String> = HashMap::new();
    for (&root, members) in &by_root {
        let Some(&best) = members
            .iter()
            .min_by_key(|&&at| (rank(&classes.keys[at]), at))
        else {
            continue;
        };
        let canonical = classes.keys[best].clone();
        let mut keys: Vec<String> = vec![canonical.clone()];
        for &at in members {
            let key = &classes.keys[at];
            resolution.canonical.insert(key.clone(), canonical.clone());
            if at != best {
                keys.push(key.clone());
            }
        }
        // The same order the store gives back: canonical first, then by key.
        keys[1..].sort();
        resolution.members.insert(canonical.clone(), keys);
        canonical_of_root.insert(root, canonical);
    }

    // Representatives, and what each class's citations say about the case.
    let mut known: HashMap<String, Known> = HashMap::new();
    for (&root, members) in &by_root {
        let Some(canonical) = canonical_of_root.get(&root) else {
            continue;
        };
        let mut cites: Vec<(usize, usize)> = members
            .iter()
            .filter_map(|at| facts.get(at))
            .flat_map(|f| f.cites.iter().copied())
            .collect();
        cites.sort_unstable();
        let cited: Vec<&Citation> = cites
            .iter()
            .filter_map(|&(i, j)| opinions[i].citations.get(j))
            .collect();
        if let Some(named) = representative(canonical, &cited) {
            resolution.representative.insert(canonical.clone(), named);
        }
        known.insert(canonical.clone(), Known::of(&cited, &cites));
    }

    // Rule 3: given citations.
    for (i, at) in given.iter().enumerate() {
        let Some(at) = *at else { continue };
        let Some(canonical) = canonical_of_root.get(&classes.root(at)).cloned() else {
            continue;
        };
        resolution
            .opinion_of
            .entry(canonical)
            .or_insert((i, Rule::Given));
    }

    // Rule 4: name, court and year.
    let mut by_court_year: HashMap<(&str, i32), Vec<&str>> = HashMap::new();
    for (canonical, info) in &known {
        for (court, year) in &info.courts_years {
            by_court_year
                .entry((court.as_str(), *year))
                .or_default()
                .push(canonical.as_str());
        }
    }
    let mut proposals: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, opinion) in opinions.iter().enumerate() {
        if given[i].is_some() {
            continue;
        }
        let (Some(court), Some(year)) = (opinion.meta.court_id.as_deref(), opinion.meta.year())
        else {
            continue;
        };
        let Some(classes_here) = by_court_year.get(&(court, year)) else {
            continue;
        };
        let written = names::Written::new(&opinion.meta.case_name);
        let mut candidates: Vec<&str> = classes_here
            .iter()
            .copied()
            .filter(|canonical| !resolution.opinion_of.contains_key(*canonical))
            .filter(|canonical| {
                known.get(*canonical).is_some_and(|info| {
                    info.citers.iter().any(|&c| c != i)
                        && !info.citers.contains(&i)
                        && info.names.iter().any(|n| n.names(&written))
                })
            })
            .collect();
        candidates.sort();
        candidates.dedup();
        match candidates.as_slice() {
            [] => {}
            [one] => proposals.entry(one).or_default().push(i),
            many => resolution
                .ambiguous
                .push((i, many.iter().map(|c| c.to_string()).collect())),
        }
    }
    for (canonical, claimants) in proposals {
        match main_version(&claimants, opinions) {
            Some(one) => {
                resolution
                    .opinion_of
                    .insert(canonical.to_string(), (one, Rule::Matched));
            }
            None => {
                for &i in &claimants {
                    resolution.ambiguous.push((i, vec![canonical.to_string()]));
                }
            }
        }
    }
    resolution.ambiguous.sort();

    // Rule 5: short forms their own text leaves open.
    let mut pages: HashMap<(String, String), Vec<(u64, String)>> = HashMap::new();
    for key in resolution.canonical.keys() {
        let mut parts = key.splitn(2, ' ');
        let (Some(volume), Some(rest)) = (parts.next(), parts.next()) else {
            continue;
        };
        let Some((reporter, page)) = rest.rsplit_once(' ') else {
            continue;
        };
        let Ok(page) = page.parse::<u64>() else {
            continue;
        };
        pages
            .entry((volume.to_string(), reporter.to_string()))
            .or_default()
            .push((page, key.clone()));
    }
    for list in pages.values_mut() {
        list.sort();
    }
    let name_of_class = |canonical: &str, short: &str| -> bool {
        let short_words = names::words(short);
        let cited = known
            .get(canonical)
            .is_some_and(|info| info.names.iter().any(|n| n.has_short_name(&short_words)));
        let opinion = resolution
            .opinion_of
            .get(canonical)
            .is_some_and(|&(o, _)| names::short_name_matches(short, &opinions[o].meta.case_name));
        cited || opinion
    };
    let mut found: HashMap<(usize, usize), String> = HashMap::new();
    for (i, opinion) in opinions.iter().enumerate() {
        for (j, c) in opinion.citations.iter().enumerate() {
            if c.authority.is_some() {
                continue;
            }
            if let Some(target) = c.resolved_to {
                if let Some(key) = found.get(&(i, target)).cloned() {
                    found.insert((i, j), key);
                }
                continue;
            }
            if c.kind != CitationKind::ShortCaseCitation {
                continue;
            }
            let (Some(volume), Some(reporter), Some(pin)) = (
                c.volume.as_deref(),
                c.corrected_reporter.as_deref(),
                c.pin_cite.as_deref().and_then(first_number),
            ) else {
                continue;
            };
            let Some(list) = pages.get(&(volume.to_string(), reporter.to_string())) else {
                continue;
            };
            let Some((page, key)) = list.iter().rev().find(|(page, _)| *page <= pin) else {
                continue;
            };
            let Some(canonical) = resolution.canonical.get(key) else {
                continue;
            };
            let fits = match c.short_name.as_deref() {
                Some(short) => name_of_class(canonical, short),
                None => pin - page <= NAMELESS_REACH,
            };
            if fits {
                found.insert((i, j), key.clone());
            }
        }
    }
    resolution.found = found;
    resolution
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn meta(id: &str, case_name: &str, court: Option<&str>, date: Option<&str>) -> OpinionMeta {
        OpinionMeta {
            id: id.to_string(),
            case_name: case_name.to_string(),
            short_name: None,
            court: None,
            court_id: court.map(str::to_string),
            docket_number: None,
            judge: None,
            judge_title: None,
            date: date.map(str::to_string),
            document_type: None,
            citation: None,
            text: PathBuf::new(),
        }
    }

    fn run(texts: &[(OpinionMeta, &str)]) -> (Resolution, Vec<Vec<Citation>>) {
        let r = Reporters::bundled();
        let citations: Vec<Vec<Citation>> = texts
            .iter()
            .map(|(_, t)| cite::extract(t, &r).citations)
            .collect();
        let own: Vec<Vec<String>> = texts
            .iter()
            .map(|(meta, _)| {
                meta.citation
                    .as_deref()
                    .map(|c| own_keys(c, &r))
                    .unwrap_or_default()
            })
            .collect();
        let subjects: Vec<Subject<'_>> = texts
            .iter()
            .zip(&citations)
            .zip(&own)
            .map(|(((meta, text), citations), own)| Subject {
                meta,
                citations,
                text,
                own,
            })
            .collect();
        (resolve(&subjects), citations)
    }

    #[test]
    fn parallel_cites_form_one_class_named_by_the_official_reporter() {
        let (res, cites) = run(&[
            (
                meta("a", "A v. B", None, None),
                "The rule is settled. Strickland v. Washington, 104 S. Ct. 2052, 466 U.S. 668, 687, 80 L. Ed. 2d 674 (1984).",
            ),
            (
                meta("b", "C v. D", None, None),
                "Counsel erred. See Strickland v. Washington, 80 L. Ed. 2d 674, 690 (1984).",
            ),
        ]);
        assert_eq!(res.members("466 U.S. 668").len(), 3);
        // A cite of one reporter alone meets the others on the official one.
        let key = cites[1]
            .iter()
            .enumerate()
            .find_map(|(j, c)| res.key_for(1, j, c));
        assert_eq!(key, Some("466 U.S. 668"));
        let rep = res.representative("466 U.S. 668").expect("named");
        assert_eq!(rep.plaintiff.as_deref(), Some("Strickland"));
        assert_eq!(rep.page.as_deref(), Some("668"));
        assert_eq!(rep.year, Some(1984));
    }

    #[test]
    fn a_resolution_rebuilt_from_its_rows_answers_the_same() {
        let (res, cites) = run(&[
            (
                meta("a", "A v. B", None, None),
                "Counsel erred. Strickland v. Washington, 466 U.S. 668, 687, 104 S. Ct. 2052 (1984).",
            ),
            (
                meta("b", "C v. D", None, None),
                "The claim fails. Strickland, 466 U.S. at 687. Id. at 690.",
            ),
        ]);
        let found: Vec<(usize, usize, String)> =
            res.found().map(|(i, j, k)| (i, j, k.to_string())).collect();
        let again = Resolution::from_rows(res.rows(), found);
        for (i, citations) in cites.iter().enumerate() {
            for (j, c) in citations.iter().enumerate() {
                assert_eq!(again.key_for(i, j, c), res.key_for(i, j, c));
            }
        }
        assert_eq!(again.members("466 U.S. 668"), res.members("466 U.S. 668"));
        assert_eq!(
            again.representative("466 U.S. 668"),
            res.representative("466 U.S. 668")
        );
    }

    #[test]
    fn an_opinion_is_the_case_its_name_court_and_year_match() {
        let (res, cites) = run(&[
            (
                meta("citing", "X v. Y", Some("ca1"), Some("2015-01-01")),
                "We follow Manning v. Boston Med. Ctr. Corp., 725 F.3d 34, 40 (1st Cir. 2013). Under Manning, 725 F.3d at 41, it fails.",
            ),
            (
                meta(
                    "manning",
                    "Elizabeth Manning v. Boston Medical Center Corporation;",
                    Some("ca1"),
                    Some("2013-08-01"),
                ),
                "We hold for the appellants.",
            ),
        ]);
        assert_eq!(res.opinion_of("725 F.3d 34"), Some((1, Rule::Matched)));
        assert_eq!(res.key_for(0, 0, &cites[0][0]), Some("725 F.3d 34"));
    }

    #[test]
    fn a_given_citation_claims_its_class_and_self_citations_drop() {
        let mut own = meta(
            "s",
            "Strickland v. Washington",
            Some("scotus"),
            Some("1984-05-14"),
        );
        own.citation = Some("466 U.S. 668".to_string());
        let (res, cites) = run(&[
            (
                own,
                "As we held in Strickland v. Washington, 466 U.S. 668 (1984), counsel...",
            ),
            (
                meta("c", "C v. D", Some("ca1"), Some("1990-01-01")),
                "See Strickland v. Washington, 466 U.S. 668, 104 S. Ct. 2052 (1984).",
            ),
        ]);
        assert_eq!(res.opinion_of("466 U.S. 668"), Some((0, Rule::Given)));
        assert_eq!(res.key_for(0, 0, &cites[0][0]), None);
        assert_eq!(res.members("466 U.S. 668").len(), 2);
    }

    #[test]
    fn a_short_form_without_antecedent_finds_its_case_by_page_and_name() {
        let (res, cites) = run(&[
            (
                meta("a", "A v. B", None, None),
                "Counsel erred. Strickland v. Washington, 466 U.S. 668, 687 (1984). Cf. United States v. Cronic, 466 U.S. 648 (1984).",
            ),
            (
                meta("b", "C v. D", None, None),
                "The claim fails. Strickland, 466 U.S. at 687. Id. at 690. Cronic, 466 U.S. at 700.",
            ),
        ]);
        let keys: Vec<Option<&str>> = cites[1]
            .iter()
            .enumerate()
            .map(|(j, c)| res.key_for(1, j, c))
            .collect();
        assert_eq!(keys, [Some("466 U.S. 668"), Some("466 U.S. 668"), None]);
    }
}
