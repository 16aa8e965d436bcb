//! Spellings looked up at a known position: the longest of many spellings
//! (reporters, codes) that a text starts with at a position the finder
//! chose, walked byte by byte down a trie of the spellings.
//!
//! Both crates that could hold them cost more here, as measured with
//! callgrind on `lexgraph extract`: an anchored Aho-Corasick automaton
//! spent most of a process's start-up on failure links such a lookup never
//! follows, and an `fst` map took as long to build and three times as long
//! per lookup. This trie is built in one pass over the sorted spellings,
//! and a lookup that fails (nearly all do) fails on its first bytes.

/// Spellings, each with what it stands for.
#[derive(Debug, Clone)]
pub(crate) struct Spellings<T> {
    /// The trie's nodes; the root is the first.
    nodes: Vec<Node>,
    /// Every node's edges side by side, each node's sorted by byte.
    edge_bytes: Vec<u8>,
    /// The node each edge leads to.
    edge_nodes: Vec<u32>,
    /// What each spelling stands for, in the order of the spellings.
    targets: Vec<T>,
}

/// One node of the trie: the bytes read down to it spell a prefix.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// Its edges, in `edge_bytes` and `edge_nodes`.
    edges: (u32, u32),
    /// The spelling (an index into `targets`) that ends here, if one does.
    target: Option<u32>,
}

impl<T> Spellings<T> {
    /// The spellings of `pairs`; of two equal spellings, the first is kept.
    pub(crate) fn new(pairs: impl IntoIterator<Item = (String, T)>) -> Spellings<T> {
        let mut pairs: Vec<(String, T)> = pairs.into_iter().collect();
        // Stable, so the first of equal spellings stays first.
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        pairs.dedup_by(|later, earlier| later.0 == earlier.0);
        let (texts, targets): (Vec<String>, Vec<T>) = pairs.into_iter().unzip();
        let mut spellings = Spellings {
            nodes: Vec::new(),
            edge_bytes: Vec::new(),
            edge_nodes: Vec::new(),
            targets,
        };
        spellings.build(&texts, 0, 0);
        spellings
    }

    /// Adds the node of `texts` (sorted, sharing their first `depth` bytes,
    /// the first at index `first` of all spellings), then its children, and
    /// returns it. Nodes and edges are laid out in the order a lookup walks
    /// down them, so that one reads memory mostly straight on.
    fn build(&mut self, texts: &[String], first: usize, depth: usize) -> u32 {
        let node = index(self.nodes.len());
        // The spelling that is only the shared bytes sorts first.
        let ends_here = texts.first().is_some_and(|t| t.len() == depth);
        self.nodes.push(Node {
            edges: (0, 0),
            target: ends_here.then(|| index(first)),
        });
        let mut groups = Vec::new();
        let mut at = usize::from(ends_here);
        while let Some(text) = texts.get(at) {
            let byte = text.as_bytes()[depth];
            let len = texts[at..].partition_point(|t| t.as_bytes()[depth] == byte);
            groups.push((byte, at, len));
            at += len;
        }
        let start = self.edge_bytes.len();
        self.edge_bytes
            .extend(groups.iter().map(|&(byte, _, _)| byte));
        self.edge_nodes.resize(start + groups.len(), 0);
        self.nodes[node as usize].edges = (index(start), index(start + groups.len()));
        for (k, (_, at, len)) in groups.into_iter().enumerate() {
            let child = self.build(&texts[at..at + len], first + at, depth + 1);
            self.edge_nodes[start + k] = child;
        }
        node
    }

    /// The longest spelling `text` has at `pos`: where it ends, and what it
    /// stands for.
    pub(crate) fn longest_at(&self, text: &str, pos: usize) -> Option<(usize, &T)> {
        let rest = text.as_bytes().get(pos..)?;
        let mut node = *self.nodes.first()?;
        let mut best = node.target.map(|t| (pos, t));
        for (read, byte) in rest.iter().enumerate() {
            let (start, end) = (node.edges.0 as usize, node.edges.1 as usize);
            let Ok(edge) = self.edge_bytes[start..end].binary_search(byte) else {
                break;
            };
            node = self.nodes[self.edge_nodes[start + edge] as usize];
            if let Some(t) = node.target {
                best = Some((pos + read + 1, t));
            }
        }
        let (end, target) = best?;
        Some((end, &self.targets[target as usize]))
    }

    /// How many spellings there are.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.targets.len()
    }
}

/// A count of spellings, nodes or edges as the trie stores it: the bundled
/// data has tens of thousands of each.
fn index(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn spellings(texts: &[&str]) -> Spellings<usize> {
        Spellings::new(texts.iter().enumerate().map(|(i, t)| (t.to_string(), i)))
    }

    #[test]
    fn the_longest_spelling_at_the_position_wins() {
        let s = spellings(&["F.", "F.2d", "F. Supp.", "F. Supp. 2d", "U.S."]);
        let text = "433 F. Supp. 2d 946 and 12 F.2d 3 and 5 F.R.D. 6";
        assert_eq!(s.longest_at(text, 4), Some((15, &3)));
        assert_eq!(s.longest_at(text, 27), Some((31, &1)));
        // `F.R.D.` is not a spelling here: `F.` is the longest.
        assert_eq!(s.longest_at(text, 40), Some((42, &0)));
        assert_eq!(s.longest_at(text, 0), None);
        assert_eq!(s.longest_at(text, text.len()), None);
        assert_eq!(s.longest_at(text, text.len() + 1), None);
    }

    #[test]
    fn the_first_of_equal_spellings_is_kept() {
        let s = spellings(&["Ill.", "Ill.", "Ill. App."]);
        assert_eq!(s.len(), 2);
        assert_eq!(s.longest_at("Ill. 2d", 0), Some((4, &0)));
    }

    proptest! {
        /// The trie agrees with trying every spelling.
        #[test]
        fn agrees_with_trying_every_spelling(
            texts in proptest::collection::vec("[ab. ]{0,4}", 0..12),
            text in "[ab. ]{0,10}",
            pos in 0usize..12,
        ) {
            let s = Spellings::new(texts.iter().cloned().enumerate().map(|(i, t)| (t, i)));
            let expected = text.get(pos..).and_then(|rest| {
                texts
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| rest.starts_with(t.as_str()))
                    // Longest, then first.
                    .min_by_key(|(i, t)| (std::cmp::Reverse(t.len()), *i))
                    .map(|(i, t)| (pos + t.len(), i))
            });
            prop_assert_eq!(s.longest_at(&text, pos).map(|(end, &i)| (end, i)), expected);
        }
    }
}
