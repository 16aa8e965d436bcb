//! Citator-style treatment: how a citing opinion uses each authority it
//! cites — followed, distinguished, rejected, criticized, questioned, cited
//! as contrary authority, or cited without comment — in the terms Westlaw
//! KeyCite and Lexis Shepard's report.
//!
//! [`Rules::classify`] takes what extraction knows of one citation (its
//! [`Signal`], the sentence it supports, the sentence after it, the names its
//! authority goes by) and returns a [`Classification`]: the [`Treatment`] and
//! the id of the rule that decided it, for `explain`. The rules are data,
//! `data/treatment.toml`, compiled in and validated when loaded
//! ([`Rules::bundled`], [`Rules::parse`]): every pattern must compile, every
//! rule must classify its own examples and none of its counterexamples, and
//! negative rules must come before positive ones. The header of that file
//! documents the rule format, how names and pointing words ("this portion",
//! "that case") tie a sentence to an authority, and what a citation no rule
//! explains gets.
//!
//! Speed matters (ingest classifies every citation of the corpus). Each
//! sentence is folded to ASCII and scanned once by a [`RegexSet`] of every
//! rule's patterns, so the cost does not grow with the number of rules;
//! only the few rules whose patterns matched look further. The set holds
//! each pattern without its leading and trailing optional windows
//! (`[^;]{0,160}` before a cue, `[^;,]{0,60}` after it): they cannot change
//! whether a pattern matches, only where its match lies, and together they
//! would multiply the set's automaton states until the fast engine gives up.
//! The windows come back when a named rule asks where the match is.
//!
//! The classifier reads the sentences it is given and nothing else: it never
//! looks at the graph, never reads files at run time, and never infers a
//! treatment a sentence does not state.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

// Byte regexes: sentences are folded to ASCII first, and ASCII-only
// patterns compile to automata a fraction the size of their Unicode forms.
use regex::bytes::{Regex, RegexBuilder, RegexSet, RegexSetBuilder, SetMatches};
use regex_syntax::hir::{Hir, HirKind};
use serde::de::IntoDeserializer;
use serde::de::value::{Error as ValueError, StrDeserializer};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::cite::Signal;

/// The bundled rules, compiled in so that binaries and tests read no files.
const BUNDLED: &str = include_str!("../../data/treatment.toml");

/// Names with fewer letters and digits than this are ignored: a one-letter
/// "name" would be found in every sentence.
const MIN_NAME_CHARS: usize = 2;

/// Memory the set's lazy DFA may fill per thread before it starts over. At
/// the regex default (2 MB) it keeps starting over on legal prose, which
/// nearly triples the scan time; 8 MB holds the states real sentences reach.
const DFA_CACHE: usize = 8 << 20;

/// How a citing opinion treats an authority, as a citator reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Treatment {
    /// Relied on for the proposition it is cited for (Shepard's "followed",
    /// KeyCite's "cited" with depth).
    Followed,
    /// Found inapplicable to the facts at hand: "distinguishable", "unlike",
    /// "inapposite", "does not apply here".
    Distinguished,
    /// Disagreed with, not followed, overruled, no longer good law, or a
    /// party's reading of it rejected ("X's reliance on Smith is misplaced").
    Rejected,
    /// Its reasoning faulted ("criticized", "incorrect") without rejecting it.
    Criticized,
    /// Its continuing validity doubted ("questionable", "some question as to
    /// the continuing vitality of").
    Questioned,
    /// Cited against the proposition (*But see*, *But cf.*, *Contra*): a
    /// negative relation to the sentence, not a judgment on the authority.
    Contrary,
    /// Cited without depth: a string cite, an analogy, background, a
    /// comparison, a mention in another citation's parenthetical.
    CitedWithoutComment,
}

impl Treatment {
    /// The treatment in words, as tables show it: `followed`,
    /// `cited without comment`.
    pub fn label(self) -> &'static str {
        match self {
            Treatment::Followed => "followed",
            Treatment::Distinguished => "distinguished",
            Treatment::Rejected => "rejected",
            Treatment::Criticized => "criticized",
            Treatment::Questioned => "questioned",
            Treatment::Contrary => "contrary",
            Treatment::CitedWithoutComment => "cited without comment",
        }
    }

    /// Whether a citator would flag the authority for it: every treatment but
    /// [`Followed`](Treatment::Followed) and
    /// [`CitedWithoutComment`](Treatment::CitedWithoutComment).
    pub fn is_negative(self) -> bool {
        !matches!(self, Treatment::Followed | Treatment::CitedWithoutComment)
    }
}

/// The treatment of one citing use, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Classification {
    /// How the opinion treats the authority.
    pub treatment: Treatment,
    /// Id of the rule that fired (`party-reliance-anaphoric`), or `None` when
    /// no rule did and the fallback for the signal applied.
    pub rule: Option<String>,
}

/// Why a rule file cannot be loaded. Messages name the 1-based line and,
/// where there is one, the rule: ``line 40: rule `unlike`: invalid pattern
/// `\bunlike(`: unclosed group``.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    /// Not TOML, or not the shape of a rule file: a missing `id`, an unknown
    /// key, a string where a list belongs.
    #[error("line {line}: {message}")]
    Syntax {
        /// Where the parser stopped.
        line: usize,
        /// The parser's complaint.
        message: String,
    },
    /// The `[fallback]` table names an unknown signal.
    #[error("line {line}: fallback: {problem}")]
    Fallback {
        /// Line of the bad entry.
        line: usize,
        /// What is wrong.
        problem: String,
    },
    /// A rule that parses but cannot be used: a bad id, treatment, signal or
    /// pattern, a rule out of order, an example it does not classify.
    #[error("line {line}: rule `{rule}`: {problem}")]
    Rule {
        /// The rule's id as written.
        rule: String,
        /// Line of the offending value.
        line: usize,
        /// What is wrong.
        problem: String,
    },
    /// Every pattern compiles alone, but together they exceed the size the
    /// regex engine allows.
    #[error("the patterns together are too large: {0}")]
    TooLarge(String),
}

/// A compiled, validated rule set. Build it once ([`Rules::bundled`] or
/// [`Rules::parse`]) and call [`Rules::classify`] for each citation.
#[derive(Debug, Clone)]
pub struct Rules {
    /// Rules in file order; the first that fires wins.
    rules: Vec<Rule>,
    /// Every rule's patterns without their optional end windows, in rule
    /// order, as one set: a sentence is scanned once, then only rules whose
    /// patterns matched look further.
    set: RegexSet,
    /// The same patterns one by one, to find where a match lies when a rule
    /// needs the authority's name inside it.
    patterns: Vec<Regex>,
    /// Signals whose citations the fallback counts as followed.
    followed: Signals,
}

/// One compiled `[[rule]]`; the fields mirror the file's keys.
#[derive(Debug, Clone)]
struct Rule {
    id: String,
    treatment: Treatment,
    signals: Signals,
    /// Indices into `Rules::patterns` (and the set); empty for a rule that
    /// fires on its signals alone.
    patterns: Range<usize>,
    /// Whether the patterns search the citation's sentence.
    in_sentence: bool,
    /// Whether the patterns search the next sentence.
    in_following: bool,
    /// Whether a match counts only with one of the authority's names in it.
    requires_name: bool,
    unless: Vec<Regex>,
}

/// A set of signals, `None` (no signal) included, as a bit mask.
#[derive(Debug, Clone, Copy)]
struct Signals(u32);

impl Signals {
    const ANY: Signals = Signals(u32::MAX);
    const NONE: Signals = Signals(0);

    fn bit(signal: Option<Signal>) -> u32 {
        // `Signal` has fewer than 31 variants, so every one gets a bit.
        match signal {
            None => 1,
            Some(s) => 2 << (s as u32),
        }
    }

    fn with(self, signal: Option<Signal>) -> Signals {
        Signals(self.0 | Signals::bit(signal))
    }

    fn admits(self, signal: Option<Signal>) -> bool {
        self.0 & Signals::bit(signal) != 0
    }
}

impl Rules {
    /// The rules of `data/treatment.toml`, parsed and validated once per
    /// process.
    pub fn bundled() -> &'static Rules {
        static RULES: OnceLock<Rules> = OnceLock::new();
        RULES.get_or_init(|| match Rules::parse(BUNDLED) {
            Ok(rules) => rules,
            // The file is part of the source tree and this module's tests
            // load it, so failing here is a build defect, not an input error.
            Err(e) => panic!("data/treatment.toml: {e}"),
        })
    }

    /// Parses and validates rules in the format of `data/treatment.toml`,
    /// running every rule's examples and counterexamples.
    pub fn parse(source: &str) -> Result<Rules, RuleError> {
        let raw: RawFile = toml::from_str(source).map_err(|e| RuleError::Syntax {
            line: e.span().map_or(1, |s| line_of(source, s.start)),
            message: one_line(e.message()),
        })?;
        let mut followed = Signals::NONE;
        for name in &raw.fallback.followed {
            let signal = signal_named(name.get_ref()).map_err(|problem| RuleError::Fallback {
                line: line_of(source, name.span().start),
                problem,
            })?;
            followed = followed.with(signal);
        }
        let mut cores: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        let mut rules: Vec<Rule> = Vec::new();
        let mut ids: HashMap<&str, usize> = HashMap::new();
        for raw_rule in &raw.rule {
            let cx = RuleCx {
                source,
                id: raw_rule.id.get_ref(),
            };
            let rule = cx.build(raw_rule, &rules, &mut ids, &mut patterns, &mut cores)?;
            rules.push(rule);
        }
        let set = RegexSetBuilder::new(&cores)
            .unicode(false)
            .case_insensitive(true)
            .dfa_size_limit(DFA_CACHE)
            .build()
            .map_err(|e| RuleError::TooLarge(one_line(&e.to_string())))?;
        let rules = Rules {
            rules,
            set,
            patterns,
            followed,
        };
        for raw_rule in &raw.rule {
            let cx = RuleCx {
                source,
                id: raw_rule.id.get_ref(),
            };
            cx.check_examples(&rules, raw_rule)?;
        }
        Ok(rules)
    }

    /// Classifies one citing use.
    ///
    /// `signal` is the citation's signal; `sentence` the sentence it supports
    /// (its proposition; empty for a bare citation); `following` the next
    /// sentence of the paragraph, if any, which may say what the court makes
    /// of what it just cited ("This court adopts the same reasoning.");
    /// `names` the names the authority goes by (`["Abbott v. Baker",
    /// "Abbott"]`), which rules with `requires_name` look for so that a cue
    /// about one authority is not pinned on another. Any input is accepted.
    pub fn classify(
        &self,
        signal: Option<Signal>,
        sentence: &str,
        following: Option<&str>,
        names: &[&str],
    ) -> Classification {
        let sentence = fold(sentence);
        let in_sentence = self.set.matches(sentence.as_bytes());
        let following = following.map(fold);
        let in_following = following
            .as_deref()
            .map(|f| (f, self.set.matches(f.as_bytes())));
        // Most citations reach no named rule: fold the names only if one does.
        let folded = OnceCell::new();
        let named = Named {
            names,
            folded: &folded,
        };
        for rule in &self.rules {
            if !rule.signals.admits(signal) {
                continue;
            }
            let fired = rule.patterns.is_empty()
                || (rule.in_sentence && self.fires(rule, &sentence, &in_sentence, &named))
                || (rule.in_following
                    && in_following
                        .as_ref()
                        .is_some_and(|(text, hits)| self.fires(rule, text, hits, &named)));
            if fired {
                return Classification {
                    treatment: rule.treatment,
                    rule: Some(rule.id.clone()),
                };
            }
        }
        let says_something = sentence.bytes().any(|b| b.is_ascii_alphabetic());
        let treatment = if says_something && self.followed.admits(signal) {
            Treatment::Followed
        } else {
            Treatment::CitedWithoutComment
        };
        Classification {
            treatment,
            rule: None,
        }
    }

    /// Whether one of `rule`'s patterns matched `text` (with a name inside
    /// the match when the rule requires one) and none of its `unless` does.
    fn fires(&self, rule: &Rule, text: &str, hits: &SetMatches, named: &Named<'_>) -> bool {
        let matched = rule.patterns.clone().any(|i| {
            hits.matched(i)
                && (!rule.requires_name
                    || self.patterns[i]
                        .find_iter(text.as_bytes())
                        .any(|m| named.within(&text[m.range()])))
        });
        matched && !rule.unless.iter().any(|u| u.is_match(text.as_bytes()))
    }
}

/// The names an authority goes by, folded like the sentences on first use.
struct Named<'a> {
    names: &'a [&'a str],
    folded: &'a OnceCell<Vec<String>>,
}

impl Named<'_> {
    /// Whether folded `text` mentions one of the names as whole words.
    fn within(&self, text: &str) -> bool {
        let folded = self.folded.get_or_init(|| {
            self.names
                .iter()
                .map(|name| fold(name))
                .filter(|name| {
                    name.bytes().filter(u8::is_ascii_alphanumeric).count() >= MIN_NAME_CHARS
                })
                .collect()
        });
        folded.iter().any(|name| {
            text.match_indices(name.as_str()).any(|(at, _)| {
                // `Lee` is not in `Leeds`; folded text is ASCII, so
                // neighbouring bytes are neighbouring characters.
                let before = text.as_bytes()[..at].last();
                let after = text.as_bytes().get(at + name.len());
                !before.is_some_and(u8::is_ascii_alphanumeric)
                    && !after.is_some_and(u8::is_ascii_alphanumeric)
            })
        })
    }
}

/// Accented letters and the plain letter each folds to.
const ACCENTED: [(&str, char); 14] = [
    ("áàâäãåā", 'a'),
    ("ÁÀÂÄÃÅĀ", 'A'),
    ("éèêëē", 'e'),
    ("ÉÈÊËĒ", 'E'),
    ("íìîïī", 'i'),
    ("ÍÌÎÏĪ", 'I'),
    ("óòôöõøō", 'o'),
    ("ÓÒÔÖÕØŌ", 'O'),
    ("úùûüū", 'u'),
    ("ÚÙÛÜŪ", 'U'),
    ("ñ", 'n'),
    ("Ñ", 'N'),
    ("ç", 'c'),
    ("Ç", 'C'),
];

/// The ASCII form patterns and names are matched in: emphasis asterisks
/// dropped, curly quotes and dashes straightened, accents removed, any other
/// non-ASCII character replaced (a letter or digit by `x`, anything else by
/// `#`), whitespace runs made one space, ends trimmed. Sentences and names
/// fold the same way, so `Díaz` still finds `Diaz` and `Nat’l` finds `Nat'l`.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '*' => continue,
            c if c.is_whitespace() => {
                space = !out.is_empty();
                continue;
            }
            c if c.is_ascii() => c,
            '‘' | '’' | 'ʼ' | '′' => '\'',
            '“' | '”' | '″' => '"',
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
            c => match ACCENTED.iter().find(|(accented, _)| accented.contains(c)) {
                Some(&(_, plain)) => plain,
                None if c.is_alphanumeric() => 'x',
                None => '#',
            },
        };
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------

/// One rule being built: the file, for line numbers, and the rule's id, for
/// messages.
struct RuleCx<'s> {
    source: &'s str,
    id: &'s str,
}

impl<'s> RuleCx<'s> {
    fn error(&self, span: Range<usize>, problem: impl Into<String>) -> RuleError {
        RuleError::Rule {
            rule: self.id.to_string(),
            line: line_of(self.source, span.start),
            problem: problem.into(),
        }
    }

    /// Validates `raw` and compiles it, appending its patterns to `patterns`
    /// and their cores (see `RuleCx::core`) to `cores`. `earlier` are the rules
    /// before it, `ids` the ids seen so far with their lines.
    fn build(
        &self,
        raw: &'s RawRule,
        earlier: &[Rule],
        ids: &mut HashMap<&'s str, usize>,
        patterns: &mut Vec<Regex>,
        cores: &mut Vec<String>,
    ) -> Result<Rule, RuleError> {
        let at = raw.id.span();
        if !is_kebab(self.id) {
            return Err(self.error(
                at,
                "id must be kebab-case: lowercase letters, digits, single hyphens",
            ));
        }
        if let Some(first) = ids.insert(self.id, line_of(self.source, at.start)) {
            return Err(self.error(at, format!("duplicate id (first at line {first})")));
        }
        let treatment = treatment_named(raw.treatment.get_ref())
            .map_err(|p| self.error(raw.treatment.span(), p))?;
        if treatment.is_negative()
            && let Some(positive) = earlier.iter().find(|r| !r.treatment.is_negative())
        {
            return Err(self.error(
                raw.treatment.span(),
                format!(
                    "{} rule after the {} rule `{}`: negative rules come first",
                    treatment.label(),
                    positive.treatment.label(),
                    positive.id
                ),
            ));
        }
        let signals = match &raw.signals {
            None => Signals::ANY,
            Some(list) if list.is_empty() => {
                return Err(
                    self.error(at, "empty `signals`: leave it out to apply to every signal")
                );
            }
            Some(list) => list.iter().try_fold(Signals::NONE, |set, name| {
                let signal =
                    signal_named(name.get_ref()).map_err(|p| self.error(name.span(), p))?;
                Ok(set.with(signal))
            })?,
        };
        let (mut in_sentence, mut in_following) = (raw.texts.is_none(), false);
        for text in raw.texts.iter().flatten() {
            match text.get_ref().as_str() {
                "sentence" => in_sentence = true,
                "following" => in_following = true,
                other => {
                    return Err(self.error(
                        text.span(),
                        format!("unknown text `{other}`, expected `sentence` or `following`"),
                    ));
                }
            }
        }
        if raw.patterns.is_empty() {
            if raw.signals.is_none() {
                return Err(self.error(
                    at,
                    "no patterns and no signals: it would fire on every citation",
                ));
            }
            if raw.requires_name || raw.texts.is_some() || !raw.unless.is_empty() {
                return Err(self.error(at, "`requires_name`, `texts` and `unless` need `patterns`"));
            }
        } else if !in_sentence && !in_following {
            return Err(self.error(at, "empty `texts`: the patterns would search nothing"));
        }
        let first = patterns.len();
        for pattern in &raw.patterns {
            patterns.push(self.compile(pattern)?);
            cores.push(self.core(pattern)?);
        }
        let unless = raw
            .unless
            .iter()
            .map(|pattern| self.compile(pattern))
            .collect::<Result<_, _>>()?;
        if raw.examples.is_empty() {
            return Err(self.error(
                at,
                "no examples: give at least one real sentence it classifies",
            ));
        }
        Ok(Rule {
            id: self.id.to_string(),
            treatment,
            signals,
            patterns: first..patterns.len(),
            in_sentence,
            in_following,
            requires_name: raw.requires_name,
            unless,
        })
    }

    fn compile(&self, pattern: &Spanned<String>) -> Result<Regex, RuleError> {
        let source = pattern.get_ref();
        if !source.is_ascii() {
            return Err(self.error(
                pattern.span(),
                format!(
                    "pattern `{source}` is not ASCII: sentences are folded to ASCII before matching"
                ),
            ));
        }
        let regex = RegexBuilder::new(source)
            .unicode(false)
            .case_insensitive(true)
            .build()
            .map_err(|e| self.error(pattern.span(), regex_problem(source, &e)))?;
        if regex.is_match(b"") {
            return Err(self.error(
                pattern.span(),
                format!(
                    "pattern `{source}` matches an empty sentence, so it matches every citation"
                ),
            ));
        }
        Ok(regex)
    }

    /// `pattern` without the optional windows at its ends, as the set scans
    /// for it: `[^;]{0,160}\bis\s+distinguishable` matches wherever
    /// `\bis\s+distinguishable` does, taking the window empty. Only where the
    /// match lies differs, and the full pattern is kept for that.
    fn core(&self, pattern: &Spanned<String>) -> Result<String, RuleError> {
        let source = pattern.get_ref();
        let hir = regex_syntax::ParserBuilder::new()
            .unicode(false)
            .utf8(false)
            .case_insensitive(true)
            .build()
            .parse(source)
            .map_err(|e| {
                self.error(
                    pattern.span(),
                    format!("invalid pattern `{source}`: {}", one_line(&e.to_string())),
                )
            })?;
        Ok(strip_windows(&hir).to_string())
    }

    /// Classifies the rule's examples and counterexamples with the whole
    /// rule set: each example must be decided by this rule (no earlier rule
    /// may take it), no counterexample may be.
    fn check_examples(&self, rules: &Rules, raw: &RawRule) -> Result<(), RuleError> {
        let examples = raw.examples.iter().map(|e| (e, true));
        let counterexamples = raw.counterexamples.iter().map(|e| (e, false));
        for (example, must_fire) in examples.chain(counterexamples) {
            let case = example.get_ref().case();
            let signal = match case.signal {
                Some(name) => signal_named(name).map_err(|p| self.error(example.span(), p))?,
                None => None,
            };
            let names: Vec<&str> = case.names.iter().map(String::as_str).collect();
            let got = rules.classify(signal, case.sentence, case.following, &names);
            if (got.rule.as_deref() == Some(self.id)) != must_fire {
                let problem = if must_fire {
                    format!("example is classified {}, not by this rule", describe(&got))
                } else {
                    "counterexample is classified by this rule".to_string()
                };
                return Err(self.error(example.span(), problem));
            }
        }
        Ok(())
    }
}

/// `hir` without the optional repetitions (`X{0,n}`, `X*`, `X?`) that open
/// or close it or any of its top-level branches. The middle is kept: a window
/// between two cues bounds how far apart they may be.
fn strip_windows(hir: &Hir) -> Hir {
    let optional = |h: &Hir| matches!(h.kind(), HirKind::Repetition(r) if r.min == 0);
    match hir.kind() {
        HirKind::Concat(parts) => {
            let mut parts = parts.as_slice();
            while parts.len() > 1 && parts.first().is_some_and(optional) {
                parts = &parts[1..];
            }
            while parts.len() > 1 && parts.last().is_some_and(optional) {
                parts = &parts[..parts.len() - 1];
            }
            Hir::concat(parts.to_vec())
        }
        HirKind::Alternation(branches) => {
            Hir::alternation(branches.iter().map(strip_windows).collect())
        }
        _ => hir.clone(),
    }
}

/// How `classify` decided, for error messages.
fn describe(got: &Classification) -> String {
    match &got.rule {
        Some(rule) => format!("by rule `{rule}` ({})", got.treatment.label()),
        None => format!("by the fallback ({})", got.treatment.label()),
    }
}

/// Whether `id` reads `party-reliance-misplaced`: lowercase words joined by
/// single hyphens.
fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A signal by its name in rule files: `none` or a [`Signal`] in snake case.
fn signal_named(name: &str) -> Result<Option<Signal>, String> {
    if name == "none" {
        return Ok(None);
    }
    let de: StrDeserializer<'_, ValueError> = name.into_deserializer();
    Signal::deserialize(de).map(Some).map_err(|e| {
        format!(
            "{}, or `none`",
            e.to_string().replacen("variant", "signal", 1)
        )
    })
}

/// A treatment by its snake-case name.
fn treatment_named(name: &str) -> Result<Treatment, String> {
    let de: StrDeserializer<'_, ValueError> = name.into_deserializer();
    Treatment::deserialize(de).map_err(|e| e.to_string().replacen("variant", "treatment", 1))
}

/// The regex engine's complaint in one line: its messages draw a caret under
/// the pattern over several lines, which the line number already replaces.
fn regex_problem(pattern: &str, e: &regex::Error) -> String {
    let why = match e {
        regex::Error::Syntax(text) => text
            .lines()
            .find_map(|line| line.trim().strip_prefix("error: "))
            .unwrap_or("invalid syntax")
            .to_string(),
        other => one_line(&other.to_string()),
    };
    format!("invalid pattern `{pattern}`: {why}")
}

/// The 1-based line of `offset` in `source`.
fn line_of(source: &str, offset: usize) -> usize {
    let end = offset.min(source.len());
    source.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// A parser message as one line without a final period.
fn one_line(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
        .trim_end_matches('.')
        .to_string()
}

// The file as written; `Rules::parse` turns it into compiled rules.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    fallback: RawFallback,
    #[serde(default)]
    rule: Vec<RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFallback {
    followed: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    treatment: Spanned<String>,
    signals: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
    texts: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    requires_name: bool,
    #[serde(default)]
    unless: Vec<Spanned<String>>,
    #[serde(default)]
    examples: Vec<Spanned<RawExample>>,
    #[serde(default)]
    counterexamples: Vec<Spanned<RawExample>>,
}

/// An example: a sentence alone, or a table with the other inputs.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawExample {
    Sentence(String),
    Case(RawCase),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    #[serde(default)]
    sentence: String,
    following: Option<String>,
    #[serde(default)]
    names: Vec<String>,
    signal: Option<String>,
}

/// An example's inputs to `classify`, the signal still by name.
struct Case<'a> {
    sentence: &'a str,
    following: Option<&'a str>,
    names: &'a [String],
    signal: Option<&'a str>,
}

impl RawExample {
    fn case(&self) -> Case<'_> {
        match self {
            RawExample::Sentence(sentence) => Case {
                sentence,
                following: None,
                names: &[],
                signal: None,
            },
            RawExample::Case(c) => Case {
                sentence: &c.sentence,
                following: c.following.as_deref(),
                names: &c.names,
                signal: c.signal.as_deref(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SEED: &str = include_str!("../../data/opinions/munoz-v-guevara.txt");
    const CASES: &str = include_str!("../../tests/fixtures/treatment/cases.toml");

    const SIGNALS: [Signal; 14] = [
        Signal::Eg,
        Signal::Accord,
        Signal::See,
        Signal::SeeAlso,
        Signal::SeeGenerally,
        Signal::Cf,
        Signal::Compare,
        Signal::ButSee,
        Signal::ButCf,
        Signal::Contra,
        Signal::SeeEg,
        Signal::Citing,
        Signal::Quoting,
        Signal::Discussing,
    ];

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Fixture {
        case: Vec<FixtureCase>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct FixtureCase {
        source: String,
        signal: Option<String>,
        sentence: String,
        following: Option<String>,
        #[serde(default)]
        names: Vec<String>,
        treatment: Treatment,
        /// The deciding rule's id, or `fallback`.
        rule: String,
    }

    fn signal(name: Option<&str>) -> Option<Signal> {
        match name.map(signal_named) {
            None => None,
            Some(Ok(signal)) => signal,
            Some(Err(e)) => panic!("{e}"),
        }
    }

    fn fixture_cases() -> Vec<FixtureCase> {
        match toml::from_str::<Fixture>(CASES) {
            Ok(fixture) => fixture.case,
            Err(e) => panic!("tests/fixtures/treatment/cases.toml: {e}"),
        }
    }

    /// Runs `cases` and lists every one classified otherwise than expected.
    fn mismatches<'a>(cases: impl Iterator<Item = &'a FixtureCase>) -> Vec<String> {
        let rules = Rules::bundled();
        cases
            .filter_map(|case| {
                let names: Vec<&str> = case.names.iter().map(String::as_str).collect();
                let got = rules.classify(
                    signal(case.signal.as_deref()),
                    &case.sentence,
                    case.following.as_deref(),
                    &names,
                );
                let rule = got.rule.as_deref().unwrap_or("fallback");
                (got.treatment != case.treatment || rule != case.rule).then(|| {
                    format!(
                        "{}: expected {} by `{}`, got {} by `{rule}`",
                        case.source,
                        case.treatment.label(),
                        case.rule,
                        got.treatment.label()
                    )
                })
            })
            .collect()
    }

    fn errors_of(source: &str) -> RuleError {
        match Rules::parse(source) {
            Ok(_) => panic!("expected an error from:\n{source}"),
            Err(e) => e,
        }
    }

    /// A rule file with the minimal fallback and `rules` after it; the first
    /// rule's `[[rule]]` is on line 4.
    fn file(rules: &str) -> String {
        format!("[fallback]\nfollowed = [\"none\", \"see\"]\n\n{rules}")
    }

    #[test]
    fn every_rule_classifies_its_examples_and_not_its_counterexamples() {
        // `parse` stops at the first failure; this lists them all.
        let raw: RawFile = match toml::from_str(BUNDLED) {
            Ok(raw) => raw,
            Err(e) => panic!("data/treatment.toml: {e}"),
        };
        let rules = Rules::bundled();
        let mut failures = Vec::new();
        for rule in &raw.rule {
            let id = rule.id.get_ref();
            assert!(!rule.examples.is_empty(), "rule `{id}` has no example");
            let examples = rule.examples.iter().map(|e| (e, true));
            let counterexamples = rule.counterexamples.iter().map(|e| (e, false));
            for (example, must_fire) in examples.chain(counterexamples) {
                let case = example.get_ref().case();
                let names: Vec<&str> = case.names.iter().map(String::as_str).collect();
                let got =
                    rules.classify(signal(case.signal), case.sentence, case.following, &names);
                if (got.rule.as_deref() == Some(id.as_str())) != must_fire {
                    failures.push(format!("rule `{id}`: {:?} gave {got:?}", case.sentence));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn issue_4_seed_treatments() {
        let cases = fixture_cases();
        let seed: Vec<&FixtureCase> = cases
            .iter()
            .filter(|c| c.source.starts_with("seed:"))
            .collect();
        assert!(seed.len() >= 10, "the seed cases are missing");
        // The sentences are the court's, not paraphrases.
        let opinion = fold(SEED);
        for case in &seed {
            for text in std::iter::once(&case.sentence).chain(&case.following) {
                assert!(
                    opinion.contains(&fold(text)),
                    "{}: not in the seed: {text}",
                    case.source
                );
            }
        }
        let failures = mismatches(seed.into_iter());
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn corpus_cases() {
        let cases = fixture_cases();
        let failures = mismatches(cases.iter().filter(|c| !c.source.starts_with("seed:")));
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn a_named_cue_stays_with_its_name() {
        let rules = Rules::bundled();
        // cl-195339
        let sentence = "Storage Tank's reliance on Haskins is misplaced.";
        let haskins = rules.classify(None, sentence, None, &["Haskins"]);
        assert_eq!(haskins.treatment, Treatment::Rejected);
        // A case cited for that very sentence supports it.
        let other = rules.classify(
            Some(Signal::See),
            sentence,
            None,
            &["Stamps v. Town of Framingham", "Stamps"],
        );
        assert_eq!(other.treatment, Treatment::Followed);
        assert_eq!(other.rule, None);
        // Names match whole words and are case-sensitive proper nouns.
        let prefix = rules.classify(None, sentence, None, &["Haskin"]);
        assert_eq!(prefix.treatment, Treatment::Followed);
        let common = rules.classify(
            None,
            "Storage Tank's reliance on the hill is misplaced.",
            None,
            &["Hill"],
        );
        assert_eq!(common.treatment, Treatment::Followed);
        // One-letter names would be everywhere; they are ignored.
        let letter = rules.classify(None, sentence, None, &["s"]);
        assert_eq!(letter.treatment, Treatment::Followed);
    }

    #[test]
    fn fallback_depends_on_signal_and_sentence() {
        let rules = Rules::bundled();
        let sentence = "A subpoena respondent asserting privilege must expressly make the claim.";
        for signal in [
            None,
            Some(Signal::See),
            Some(Signal::SeeEg),
            Some(Signal::Eg),
            Some(Signal::Accord),
            Some(Signal::Quoting),
        ] {
            assert_eq!(
                rules.classify(signal, sentence, None, &[]).treatment,
                Treatment::Followed,
                "{signal:?}"
            );
        }
        for signal in [
            Signal::SeeAlso,
            Signal::Cf,
            Signal::SeeGenerally,
            Signal::Citing,
        ] {
            let got = rules.classify(Some(signal), sentence, None, &[]);
            assert_eq!(got.treatment, Treatment::CitedWithoutComment, "{signal:?}");
        }
        for signal in [Signal::Compare, Signal::Discussing] {
            let got = rules.classify(Some(signal), sentence, None, &[]);
            assert_eq!(got.rule.as_deref(), Some("comparison-or-mention"));
        }
        for signal in [Signal::ButSee, Signal::ButCf, Signal::Contra] {
            let got = rules.classify(Some(signal), sentence, None, &[]);
            assert_eq!(got.treatment, Treatment::Contrary, "{signal:?}");
        }
        let bare = rules.classify(Some(Signal::See), " \n", None, &["Abbott"]);
        assert_eq!(
            bare,
            Classification {
                treatment: Treatment::CitedWithoutComment,
                rule: None
            }
        );
    }

    #[test]
    fn treatments_have_labels_and_snake_case_names() {
        let all = [
            Treatment::Followed,
            Treatment::Distinguished,
            Treatment::Rejected,
            Treatment::Criticized,
            Treatment::Questioned,
            Treatment::Contrary,
            Treatment::CitedWithoutComment,
        ];
        for t in all {
            let json = serde_json::to_string(&t).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", t.label().replace(' ', "_")));
            assert_eq!(treatment_named(&t.label().replace(' ', "_")), Ok(t));
        }
        let negative: Vec<Treatment> = all.into_iter().filter(|t| t.is_negative()).collect();
        assert_eq!(negative.len(), 5);
        assert!(!Treatment::Followed.is_negative());
        assert!(!Treatment::CitedWithoutComment.is_negative());
    }

    #[test]
    fn fold_makes_ascii() {
        assert_eq!(
            fold("  ACME’s *Díaz*\n\n“reliance”—on\u{a0}Muñiz-Massa ¶ 6 "),
            "ACME's Diaz \"reliance\"-on Muniz-Massa # 6"
        );
        assert_eq!(fold("Straße"), "Straxe");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn the_set_scans_for_cores() {
        let core = |p: &str| {
            let cx = RuleCx {
                source: "",
                id: "t",
            };
            match cx.core(&Spanned::new(0..0, p.to_string())) {
                Ok(core) => core,
                Err(e) => panic!("{e}"),
            }
        };
        let windowed = core(r"[^;]{0,160}\bis\s+distinguishable[^;,]{0,60}");
        assert_eq!(windowed, core(r"\bis\s+distinguishable"));
        // A window between two cues stays: it bounds how far apart they are.
        assert_ne!(
            core(r"reliance\s+on\s+[^;]{0,120}?misplaced"),
            core(r"reliance\s+on\s+misplaced")
        );
        // Each branch of an alternation loses its own windows.
        assert_eq!(core(r"[^;]{0,9}a|b[^;]{0,9}"), core(r"a|b"));
    }

    #[test]
    fn errors_name_the_rule_and_line() {
        let bad_regex = file(
            "[[rule]]\nid = \"broken\"\ntreatment = \"distinguished\"\npatterns = ['\\bunlike(']\nexamples = [\"Unlike Smith, …\"]\n",
        );
        let e = errors_of(&bad_regex);
        assert_eq!(
            e.to_string(),
            "line 7: rule `broken`: invalid pattern `\\bunlike(`: unclosed group"
        );

        let e = errors_of(&file(
            "[[rule]]\nid = \"typo\"\ntreatment = \"folowed\"\nsignals = [\"see\"]\nexamples = [\"x\"]\n",
        ));
        assert!(
            matches!(&e, RuleError::Rule { rule, line: 6, .. } if rule == "typo"),
            "{e}"
        );
        assert!(e.to_string().contains("unknown treatment `folowed`"), "{e}");

        let e = errors_of(&file(
            "[[rule]]\nid = \"sig\"\ntreatment = \"contrary\"\nsignals = [\"butsee\"]\nexamples = [\"x\"]\n",
        ));
        assert!(matches!(&e, RuleError::Rule { line: 7, .. }), "{e}");
        assert!(e.to_string().contains("unknown signal `butsee`"), "{e}");

        let order = file(concat!(
            "[[rule]]\nid = \"good\"\ntreatment = \"followed\"\nsignals = [\"accord\"]\nexamples = [{ sentence = \"x\", signal = \"accord\" }]\n\n",
            "[[rule]]\nid = \"bad\"\ntreatment = \"contrary\"\nsignals = [\"but_see\"]\nexamples = [{ sentence = \"x\", signal = \"but_see\" }]\n",
        ));
        let e = errors_of(&order);
        assert_eq!(
            e.to_string(),
            "line 12: rule `bad`: contrary rule after the followed rule `good`: negative rules come first"
        );

        let missed = file(
            "[[rule]]\nid = \"unlike\"\ntreatment = \"distinguished\"\npatterns = ['\\bunlike\\s']\nexamples = [\"Like Smith, this case …\"]\n",
        );
        let e = errors_of(&missed);
        assert_eq!(
            e.to_string(),
            "line 8: rule `unlike`: example is classified by the fallback (followed), not by this rule"
        );

        let counter = file(concat!(
            "[[rule]]\nid = \"unlike\"\ntreatment = \"distinguished\"\npatterns = ['\\bunlike\\s']\nexamples = [\"Unlike Smith, …\"]\n",
            "counterexamples = [\"Copyright law, unlike patent law, …\"]\n",
        ));
        assert!(
            errors_of(&counter)
                .to_string()
                .contains("counterexample is classified by this rule")
        );

        let twice = file(concat!(
            "[[rule]]\nid = \"a\"\ntreatment = \"contrary\"\nsignals = [\"contra\"]\nexamples = [{ sentence = \"x\", signal = \"contra\" }]\n",
            "[[rule]]\nid = \"a\"\ntreatment = \"contrary\"\nsignals = [\"but_see\"]\nexamples = [{ sentence = \"x\", signal = \"but_see\" }]\n",
        ));
        assert!(
            errors_of(&twice)
                .to_string()
                .contains("duplicate id (first at line 5)")
        );

        let no_examples =
            file("[[rule]]\nid = \"lonely\"\ntreatment = \"contrary\"\nsignals = [\"contra\"]\n");
        assert!(errors_of(&no_examples).to_string().contains("no examples"));

        let everything =
            file("[[rule]]\nid = \"all\"\ntreatment = \"followed\"\nexamples = [\"x\"]\n");
        assert!(
            errors_of(&everything)
                .to_string()
                .contains("would fire on every citation")
        );

        let empty = file(
            "[[rule]]\nid = \"empty\"\ntreatment = \"followed\"\npatterns = ['x*']\nexamples = [\"x\"]\n",
        );
        assert!(
            errors_of(&empty)
                .to_string()
                .contains("matches an empty sentence")
        );

        let curly = file(
            "[[rule]]\nid = \"curly\"\ntreatment = \"rejected\"\npatterns = ['reliance’s']\nexamples = [\"x\"]\n",
        );
        assert!(errors_of(&curly).to_string().contains("is not ASCII"));

        let kebab = file(
            "[[rule]]\nid = \"Not_Kebab\"\ntreatment = \"contrary\"\nsignals = [\"contra\"]\nexamples = [\"x\"]\n",
        );
        assert!(errors_of(&kebab).to_string().contains("kebab-case"));

        let fallback = "[fallback]\nfollowed = [\"none\", \"sea\"]\n";
        assert!(matches!(
            errors_of(fallback),
            RuleError::Fallback { line: 2, .. }
        ));

        let missing_id = file(
            "[[rule]]\ntreatment = \"contrary\"\nsignals = [\"contra\"]\nexamples = [\"x\"]\n",
        );
        let e = errors_of(&missing_id);
        assert!(matches!(&e, RuleError::Syntax { .. }), "{e}");
        assert!(e.to_string().contains("missing field `id`"), "{e}");
    }

    /// Words that trip the rules' cues, for text the rules must survive.
    const PROSE: [&str; 40] = [
        "Smith",
        "Smith's",
        "is",
        "are",
        "distinguishable",
        "unlike",
        "inapposite",
        ",",
        ";",
        ".",
        "reliance",
        "on",
        "this",
        "misplaced",
        "we",
        "decline",
        "to",
        "follow",
        "adopt",
        "overruled",
        "by",
        "the",
        "court",
        "case",
        "not",
        "criticized",
        "has",
        "been",
        "continuing",
        "vitality",
        "of",
        "adopts",
        "same",
        "reasoning",
        "find",
        "persuasive",
        "declin[ed]",
        "stray",
        "from",
        "“Díaz”",
    ];

    fn prose() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PROSE.to_vec()), 0..40).prop_map(|w| w.join(" "))
    }

    proptest! {
        #[test]
        fn classify_never_panics(
            signal in prop::option::of(prop::sample::select(SIGNALS.to_vec())),
            sentence in any::<String>(),
            following in prop::option::of(any::<String>()),
            names in prop::collection::vec(any::<String>(), 0..4),
        ) {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let rules = Rules::bundled();
            let got = rules.classify(signal, &sentence, following.as_deref(), &names);
            if let Some(id) = &got.rule {
                prop_assert!(rules.rules.iter().any(|r| &r.id == id && r.treatment == got.treatment));
            }
        }

        #[test]
        fn classify_survives_cue_laden_prose(
            signal in prop::option::of(prop::sample::select(SIGNALS.to_vec())),
            sentence in prose(),
            following in prop::option::of(prose()),
        ) {
            let got = Rules::bundled().classify(signal, &sentence, following.as_deref(), &["Smith", "Díaz"]);
            prop_assert!(got.rule.is_some() || !got.treatment.is_negative());
        }

        #[test]
        fn the_set_matches_where_the_full_patterns_do(text in prose()) {
            let rules = Rules::bundled();
            let text = fold(&text);
            let hits = rules.set.matches(text.as_bytes());
            for (i, pattern) in rules.patterns.iter().enumerate() {
                prop_assert_eq!(hits.matched(i), pattern.is_match(text.as_bytes()), "{}", pattern.as_str());
            }
        }
    }
}
