//! Finding nodes by what a user types: a short name (`Abbott`, `J.D.`), a
//! full or partial case name, a citation (`512 F.3d 346`, `2023 WL 5123456`),
//! a Bates number, a doctrine name or id, a ruling or holding id, an opinion.
//! Ambiguous names list their candidates; unknown names get the nearest.

use super::{Graph, Node, NodeId};
use thiserror::Error;

/// What a reference names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// One node.
    One(NodeId),
    /// The Bates documents whose ranges hold the page asked for.
    Pages {
        /// The page as asked, prefix corrected (`ACME_002821`).
        page: String,
        /// Documents containing it.
        documents: Vec<NodeId>,
    },
}

/// Why a reference names nothing, or too much.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LookupError {
    /// Several nodes fit equally well.
    #[error("`{reference}` is ambiguous: it could be {}", .candidates.join("; "))]
    Ambiguous {
        /// What was typed.
        reference: String,
        /// Names of the nodes it fits.
        candidates: Vec<String>,
    },
    /// Nothing fits.
    #[error("nothing in the corpus is called `{reference}`{}", suggest(.suggestions))]
    Unknown {
        /// What was typed.
        reference: String,
        /// The nearest names.
        suggestions: Vec<String>,
    },
}

fn suggest(names: &[String]) -> String {
    if names.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", names.join(", "))
    }
}

/// Folds case, emphasis, hyphens and curly quotes so `work product` finds
/// `Work-product doctrine` and `Nat’l` finds `Nat'l`.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // One pass: every name of the corpus is folded when the name index is
    // built. A run of white space becomes one space, none at either end.
    let mut gap = false;
    for c in text.chars() {
        let c = match c {
            '*' | '"' | '“' | '”' => continue,
            '’' | '‘' => '\'',
            '-' | '_' | '–' | '—' => ' ',
            c => c,
        };
        if c.is_whitespace() {
            gap = !out.is_empty();
            continue;
        }
        if gap {
            out.push(' ');
            gap = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

fn words(folded: &str) -> Vec<&str> {
    folded
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect()
}

/// Splits `ACME_002821` into prefix and page number.
pub fn parse_bates(text: &str) -> Option<(&str, u64)> {
    let (prefix, digits) = text.split_once('_')?;
    let valid_prefix = prefix
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && prefix.chars().all(|c| c.is_ascii_alphanumeric());
    if !valid_prefix || digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((prefix, digits.parse().ok()?))
}

/// Every node's names, folded: whole names and single words, so a lookup
/// costs a hash probe and a short intersection instead of a scan of the
/// graph.
///
/// Its keys are hashed with foldhash rather than SipHash: they are the
/// corpus's own names, and building the index for 100,000 opinions spent
/// a tenth of its time in SipHash.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    exact: foldhash::HashMap<String, Vec<NodeId>>,
    words: foldhash::HashMap<String, Vec<NodeId>>,
}

/// Lists `id` under `key`, once; the key is made a `String` only when it
/// is new (a folded name is moved in, a word copied).
fn list(
    map: &mut foldhash::HashMap<String, Vec<NodeId>>,
    key: impl AsRef<str> + Into<String>,
    id: NodeId,
) {
    match map.get_mut(key.as_ref()) {
        Some(ids) if ids.last() == Some(&id) => {}
        Some(ids) => ids.push(id),
        None => {
            map.insert(key.into(), vec![id]);
        }
    }
}

impl NameIndex {
    fn build(graph: &Graph) -> NameIndex {
        let mut index = NameIndex::default();
        // Sized once: about two names and two distinct words a node (the
        // synthetic corpus of the benches has 2.0 and 2.3).
        let nodes = graph.inner.node_count();
        index.exact.reserve(2 * nodes);
        index.words.reserve(2 * nodes);
        for id in graph.node_ids() {
            if matches!(graph.node(id), Node::Court(_)) {
                continue;
            }
            for name in graph.names_of(id) {
                let folded = fold(&name);
                for word in words(&folded) {
                    list(&mut index.words, word, id);
                }
                list(&mut index.exact, folded, id);
            }
        }
        index
    }

    /// Nodes one of whose names is `folded`.
    fn exact(&self, folded: &str) -> &[NodeId] {
        self.exact.get(folded).map_or(&[], Vec::as_slice)
    }

    /// Nodes whose names hold every word of `wanted` (candidates: the words
    /// may come from different names of a node, which the caller checks).
    fn holding_all(&self, wanted: &[&str]) -> Vec<NodeId> {
        let mut lists: Vec<&Vec<NodeId>> = Vec::new();
        for word in wanted {
            match self.words.get(*word) {
                Some(ids) => lists.push(ids),
                None => return Vec::new(),
            }
        }
        lists.sort_by_key(|ids| ids.len());
        let Some((first, rest)) = lists.split_first() else {
            return Vec::new();
        };
        first
            .iter()
            .copied()
            .filter(|id| rest.iter().all(|ids| ids.contains(id)))
            .collect()
    }
}

impl Graph {
    /// Forgets the name index after a change to the names.
    pub(super) fn names_changed(&mut self) {
        self.names = std::sync::OnceLock::new();
    }

    fn name_index(&self) -> &NameIndex {
        self.names.get_or_init(|| NameIndex::build(self))
    }

    /// Builds the index of names now rather than at the first lookup (half
    /// a second on 100,000 opinions): a shell calls it on a second thread
    /// while its user types. A lookup meanwhile waits for it.
    pub fn index_names(&self) {
        self.name_index();
    }

    /// The names a node answers to, the first being its display name.
    pub fn names_of(&self, id: NodeId) -> Vec<String> {
        let mut names = self.own_names(id);
        for key in self.aliases(id) {
            if !names.contains(key) {
                names.push(key.clone());
            }
        }
        names
    }

    fn own_names(&self, id: NodeId) -> Vec<String> {
        match self.node(id) {
            Node::Opinion(o) => {
                let mut names = vec![o.case_name.clone(), o.id.clone()];
                names.extend(o.short_name.clone());
                names
            }
            Node::Authority(a) => {
                let mut names = vec![a.name.clone()];
                names.extend(a.short_names.iter().cloned());
                let key = a.key.rsplit(':').next().unwrap_or(&a.key).to_string();
                names.push(key);
                names.extend(a.reporter_cite.clone());
                names
            }
            Node::Doctrine(d) => {
                let mut names = vec![d.name.clone(), d.id.clone()];
                names.extend(d.aliases.iter().cloned());
                names
            }
            Node::Element(e) => vec![e.id.clone()],
            Node::Holding(h) => vec![h.id.clone()],
            Node::Ruling(r) => vec![r.id.clone()],
            Node::Document(d) => vec![d.label()],
            Node::Court(c) => vec![c.name.clone(), c.id.clone()],
        }
    }

    /// Finds what `reference` names.
    pub fn lookup(&self, reference: &str) -> Result<Found, LookupError> {
        let reference = reference.trim();
        if let Some((prefix, number)) = parse_bates(reference) {
            let prefix = self.bates_prefix(prefix).to_string();
            let documents: Vec<NodeId> = self
                .node_ids()
                .filter(
                    |&id| matches!(self.node(id), Node::Document(d) if d.contains(&prefix, number)),
                )
                .collect();
            let width = reference.len() - reference.find('_').map_or(0, |i| i + 1);
            return if documents.is_empty() {
                Err(LookupError::Unknown {
                    reference: reference.to_string(),
                    suggestions: Vec::new(),
                })
            } else {
                Ok(Found::Pages {
                    page: format!("{prefix}_{number:0width$}"),
                    documents,
                })
            };
        }
        let wanted = fold(reference);
        let wanted_words = words(&wanted);
        let index = self.name_index();
        let exact: Vec<NodeId> = index.exact(&wanted).to_vec();
        let partial: Vec<NodeId> = if exact.is_empty() {
            index
                .holding_all(&wanted_words)
                .into_iter()
                .filter(|&id| {
                    self.names_of(id).iter().any(|n| {
                        let folded = fold(n);
                        let have = words(&folded);
                        wanted_words.iter().all(|w| have.contains(w))
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        let fits = if exact.is_empty() { partial } else { exact };
        match fits.as_slice() {
            [one] => Ok(Found::One(*one)),
            [] => Err(LookupError::Unknown {
                reference: reference.to_string(),
                suggestions: self.nearest(&wanted, 3),
            }),
            many => {
                let mut candidates: Vec<String> =
                    many.iter().map(|&id| self.describe(id)).collect();
                candidates.sort();
                candidates.dedup();
                Err(LookupError::Ambiguous {
                    reference: reference.to_string(),
                    candidates,
                })
            }
        }
    }

    /// A node's name with what it is, for candidate lists: `Abbott v. Baker (case)`.
    pub fn describe(&self, id: NodeId) -> String {
        let node = self.node(id);
        format!("{} ({})", node.label(), node.kind())
    }

    /// The display names of the `limit` nodes nearest to `wanted`, by the
    /// Jaro-Winkler similarity of their best-matching name.
    fn nearest(&self, wanted: &str, limit: usize) -> Vec<String> {
        let mut scored: Vec<(f64, String)> = Vec::new();
        for id in self.node_ids() {
            if matches!(self.node(id), Node::Court(_) | Node::Element(_)) {
                continue;
            }
            let names = self.names_of(id);
            let best = names
                .iter()
                .map(|name| strsim::jaro_winkler(wanted, &fold(name)))
                .fold(0.0, f64::max);
            if best > 0.75
                && let Some(display) = names.into_iter().next()
            {
                scored.push((best, display));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let mut names: Vec<String> = Vec::new();
        for (_, name) in scored {
            if !names.contains(&name) {
                names.push(name);
            }
            if names.len() == limit {
                break;
            }
        }
        names
    }
}

#[cfg(test)]
mod tests {
    use super::{fold, parse_bates};

    #[test]
    fn folding_ignores_case_hyphens_and_curly_quotes() {
        assert_eq!(fold("Work-Product  *doctrine*"), "work product doctrine");
        assert_eq!(fold("Nat’l Immigrant"), "nat'l immigrant");
        assert_eq!(fold(" — İstanbul_Ünal "), "i\u{307}stanbul ünal");
    }

    proptest::proptest! {
        /// The one-pass fold is the fold by its definition: characters
        /// mapped, lower-cased, then the words joined by one space.
        #[test]
        fn folding_in_one_pass_is_folding_by_definition(text in "[ a-zA-Z*_\\-–—’‘\"“”\t\nİÉé\u{a0}]{0,40}") {
            let mapped: String = text
                .chars()
                .filter(|c| !matches!(c, '*' | '"' | '“' | '”'))
                .map(|c| match c {
                    '’' | '‘' => '\'',
                    '-' | '_' | '–' | '—' => ' ',
                    c => c,
                })
                .flat_map(char::to_lowercase)
                .collect();
            let words: Vec<&str> = mapped.split_whitespace().collect();
            proptest::prop_assert_eq!(fold(&text), words.join(" "));
        }
    }

    #[test]
    fn bates_numbers_parse_into_prefix_and_page() {
        assert_eq!(parse_bates("ACME_002821"), Some(("ACME", 2821)));
        assert_eq!(parse_bates("Smith"), None);
        assert_eq!(parse_bates("_0012"), None);
        assert_eq!(parse_bates("AB_12x"), None);
    }
}
