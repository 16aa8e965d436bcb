//! Words and sentences: the one tokenizer that the index, the queries and
//! the snippets share, so that a word typed in a query is always the word
//! that was indexed. It knows nothing of tantivy or of the query syntax
//! beyond the two expander characters. Scanning allocates nothing; only
//! [`words`] and [`query_words`] build a `String` per word.
//!
//! A word is a run of letters and digits, lowercased. An apostrophe between
//! letters joins them (`Int'l` → `intl`), and a possessive `'s` is dropped
//! (`prosecutor's` → `prosecutor`), as Westlaw finds possessives from the
//! plain form. Everything else separates words: `ACME_002840` is two words,
//! and footnote markers (`documents.¹`) are not part of any word.
//!
//! Sentences are split with a heuristic tuned for opinions: a `.`, `?` or
//! `!` followed by a space and a capitalised word ends a sentence, unless the
//! period closes an abbreviation (`v.`, `N.D. Ill.`, `Chi. Bd. of Educ.`).
//! When in doubt it does not split, because a missed boundary widens a `/s`
//! match a little while a false one hides a real match.

/// Where a word sits in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bounds {
    /// Byte offset of the first character.
    pub(crate) start: usize,
    /// Byte offset just past the last character (a possessive `'s` included).
    pub(crate) end: usize,
    /// Whether a root expander `!` follows the word (query text only).
    pub(crate) root: bool,
}

/// A word of a text: its normalised form and where it sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// Lowercased, apostrophes and a possessive `'s` removed.
    pub(crate) text: String,
    /// Byte offset of the first character in the text.
    pub(crate) start: usize,
    /// Byte offset just past the last character (a possessive `'s` included).
    pub(crate) end: usize,
    /// Whether a root expander `!` follows the word (query text only).
    pub(crate) root: bool,
}

/// The bounds of the words of an indexed text, in order; the n-th word is
/// at position n.
pub(crate) fn scan(text: &str) -> Scanner<'_> {
    Scanner {
        text,
        from: 0,
        query: false,
    }
}

/// The words of an indexed text, normalised.
pub(crate) fn words(text: &str) -> Vec<Word> {
    collect(scan(text))
}

/// The words of a term typed in a query: like [`words`], except that `*`
/// stands for one character inside a word and a trailing `!` marks a root.
pub(crate) fn query_words(text: &str) -> Vec<Word> {
    collect(Scanner {
        text,
        from: 0,
        query: true,
    })
}

fn collect(scanner: Scanner<'_>) -> Vec<Word> {
    let text = scanner.text;
    scanner
        .map(|bounds| {
            let mut normalised = String::new();
            normalise(&text[bounds.start..bounds.end], &mut normalised);
            Word {
                text: normalised,
                start: bounds.start,
                end: bounds.end,
                root: bounds.root,
            }
        })
        .collect()
}

/// Appends the normalised form of a word's text (as [`Bounds`] cut it) to `out`.
pub(crate) fn normalise(raw: &str, out: &mut String) {
    let plain = possessive(raw).unwrap_or(raw);
    // Most words are ASCII letters and digits: lowercase them in one copy.
    if plain.bytes().all(|b| b.is_ascii_alphanumeric()) {
        let from = out.len();
        out.push_str(plain);
        out[from..].make_ascii_lowercase();
        return;
    }
    for c in plain.chars().filter(|&c| !is_apostrophe(c)) {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// The word without its possessive `'s`, if it ends with one.
fn possessive(raw: &str) -> Option<&str> {
    let rest = raw.strip_suffix(['s', 'S'])?;
    let apostrophe = rest.chars().next_back().filter(|&c| is_apostrophe(c))?;
    Some(&rest[..rest.len() - apostrophe.len_utf8()])
}

/// Positions of the words that begin a sentence, the first word excluded.
pub(crate) fn sentence_starts(text: &str) -> Vec<u32> {
    let mut starts = Vec::new();
    let mut previous: Option<Bounds> = None;
    for (position, bounds) in (0u32..).zip(scan(text)) {
        if previous.is_some_and(|before| ends_sentence(text, before, bounds)) {
            starts.push(position);
        }
        previous = Some(bounds);
    }
    starts
}

/// An iterator over the bounds of the words of a text.
pub(crate) struct Scanner<'t> {
    text: &'t str,
    from: usize,
    query: bool,
}

impl Iterator for Scanner<'_> {
    type Item = Bounds;

    fn next(&mut self) -> Option<Bounds> {
        let (text, query) = (self.text, self.query);
        let mut start = self.from;
        loop {
            let c = char_at(text, start)?;
            if is_word_char(c, query) {
                break;
            }
            start += c.len_utf8();
        }
        let mut end = start;
        while let Some(c) = char_at(text, end) {
            let after = end + c.len_utf8();
            if is_word_char(c, query) {
                end = after;
                continue;
            }
            if !is_apostrophe(c) {
                break;
            }
            let mut rest = text[after..].chars();
            match (rest.next(), rest.next()) {
                // A possessive: the word ends with it, `normalise` drops it.
                (Some('s' | 'S'), next) if next.is_none_or(|n| !is_word_char(n, query)) => {
                    end = after + 1;
                    break;
                }
                // An elision inside a word (`Int'l`, `Dep't`): join the halves.
                (Some(n), _) if is_word_char(n, query) => end = after,
                _ => break,
            }
        }
        let root = query && text[end..].starts_with('!');
        self.from = if root { end + 1 } else { end };
        Some(Bounds { start, end, root })
    }
}

/// The character at byte `at` of `text`, a character boundary. Opinions
/// are mostly ASCII, which is read without decoding.
#[inline]
fn char_at(text: &str, at: usize) -> Option<char> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        Some(char::from(byte))
    } else {
        text[at..].chars().next()
    }
}

fn is_word_char(c: char, query: bool) -> bool {
    c.is_alphabetic() || c.is_ascii_digit() || (query && c == '*')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Whether a sentence ends between the words `before` and `after`.
fn ends_sentence(text: &str, before: Bounds, after: Bounds) -> bool {
    let gap = &text[before.end..after.start];
    let Some(stop) = gap.find(['.', '?', '!']) else {
        return false;
    };
    let capitalised = text[after.start..]
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    let spaced = gap[stop..].chars().any(char::is_whitespace);
    capitalised && spaced && !(stop == 0 && gap.starts_with('.') && is_abbreviation(text, before))
}

/// Whether the word at `bounds`, followed directly by a period, is an
/// abbreviation.
fn is_abbreviation(text: &str, bounds: Bounds) -> bool {
    let raw = &text[bounds.start..bounds.end];
    let mut word = String::new();
    normalise(raw, &mut word);
    let letters = word.chars().all(char::is_alphabetic);
    let single = letters && word.chars().count() == 1;
    // `N.D.`, `U.S.`, `e.g.`: a letter right after another period.
    let dotted = text[..bounds.start].ends_with('.');
    // Bluebook shortens words by dropping vowels (`Ctr.`, `Cnty.`, `Mgmt.`),
    // but an acronym in capitals (`WP.`) can end a sentence.
    let acronym = raw
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    let vowelless = letters && !acronym && !word.contains(['a', 'e', 'i', 'o', 'u']);
    single || dotted || vowelless || ABBREVIATIONS.contains(&word.as_str())
}

/// Abbreviations that keep their vowels, as normalised words, from the
/// citation forms US opinions use (Bluebook tables T6 and T10, months, and
/// the record cites of briefs).
const ABBREVIATIONS: &[&str] = &[
    "adm", "admin", "al", "am", "ann", "app", "apr", "ariz", "assn", "assoc", "assocs", "aug",
    "auth", "ave", "bankr", "bros", "cal", "cas", "chi", "cir", "civ", "co", "colo", "comm",
    "commn", "compl", "conn", "consol", "corp", "crim", "ct", "dec", "def", "defs", "dep", "dept",
    "dev", "dist", "div", "docs", "ed", "educ", "elec", "envtl", "eq", "est", "evid", "ex", "exs",
    "feb", "fed", "fin", "fla", "ga", "gen", "govt", "hosp", "hous", "ill", "inc", "ind", "indus",
    "ins", "int", "intl", "jan", "jul", "jun", "just", "kan", "la", "mar", "mass", "med", "meml",
    "mich", "minn", "mo", "mont", "mot", "mun", "nat", "natl", "neb", "nev", "no", "nos", "nov",
    "oct", "okla", "op", "or", "ore", "pa", "pharm", "phila", "pl", "prac", "priv", "proc",
    "prods", "prot", "reg", "rep", "req", "resp", "rev", "sec", "sept", "serv", "servs", "socy",
    "st", "stat", "sup", "supp", "tenn", "tex", "transp", "univ", "urb", "util", "va", "vol",
    "wash", "wis",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        words(text).into_iter().map(|w| w.text).collect()
    }

    fn sentences(text: &str) -> Vec<String> {
        let words = words(text);
        let mut bounds = vec![0];
        bounds.extend(sentence_starts(text).into_iter().map(|s| s as usize));
        bounds.push(words.len());
        bounds
            .windows(2)
            .map(|w| {
                words[w[0]..w[1]]
                    .iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn words_are_lowercased_and_keep_their_spans() {
        let text = "The Prosecutor’s files, Int'l Inc., Officers’ Mot.";
        assert_eq!(
            texts(text),
            [
                "the",
                "prosecutor",
                "files",
                "intl",
                "inc",
                "officers",
                "mot"
            ]
        );
        let prosecutor = &words(text)[1];
        assert_eq!(&text[prosecutor.start..prosecutor.end], "Prosecutor’s");
    }

    #[test]
    fn punctuation_and_footnote_markers_separate_words() {
        assert_eq!(
            texts("ACME_000123 documents.¹ 26(b)(3)"),
            ["acme", "000123", "documents", "26", "b", "3"]
        );
    }

    #[test]
    fn query_words_keep_wildcards_and_mark_roots() {
        let words = query_words("privilege! wom*n");
        assert_eq!(words[0].text, "privilege");
        assert!(words[0].root);
        assert_eq!(words[1].text, "wom*n");
        assert!(!words[1].root);
    }

    #[test]
    fn citations_do_not_end_sentences() {
        let text = "In Baker v. City of Chicago, No. 21 CV 4567, 2023 WL 5123456, at *3 \
                    (N.D. Ill. Sept. 25, 2023), this court declined. See Hale v. Chi. Bd. \
                    of Educ., 701 F.2d 1201 (7th Cir. 1983). Mem'l Hosp. for Lake Cnty. v. \
                    Moss, 652 F.2d 1046 (citing Fed. R. Civ. P. 26(b)(3)(A)). The end.";
        assert_eq!(sentences(text).len(), 4, "{:#?}", sentences(text));
    }

    #[test]
    fn sentences_end_at_periods_quotes_and_parentheses() {
        let text = "It is “privileged.” The court agrees (R. 164.) Plaintiff moved. 2 is a \
                    number. Did it? Yes! ACME waived WP. Then it ended.";
        assert_eq!(
            sentences(text),
            [
                "it is privileged",
                "the court agrees r 164",
                "plaintiff moved 2 is a number",
                "did it",
                "yes",
                "acme waived wp",
                "then it ended"
            ]
        );
    }
}
