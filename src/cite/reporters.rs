//! Reporter, court and law knowledge, as data.
//!
//! `data/reporters/reporters.json` and `courts.json` are generated from the
//! field's standard databases (reporters-db, courts-db) by
//! `data/reporters/generate.py`; `laws.json` is curated by hand. All three are
//! compiled in with `include_str!`, so binaries and tests read no files, and
//! are checked when loaded: every variant spelling must point at a known
//! edition or code, and no spelling may name two codes.
//!
//! Lookups the finder needs are built once: the sorted
//! [`Spellings`] of every reporter (the finder looks one up right after a
//! volume number) and of every law. Each spelling also
//! stands for its respacings (`N. Y. S. 2d` and `N.Y.S.2d`, see
//! `respacings`), since opinions print both.

use super::spellings::Spellings;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, OnceLock};

const REPORTERS_JSON: &str = include_str!("../../data/reporters/reporters.json");
const COURTS_JSON: &str = include_str!("../../data/reporters/courts.json");
const LAWS_JSON: &str = include_str!("../../data/reporters/laws.json");
const STATUTES_JSON: &str = include_str!("../../data/reporters/statutes.json");
const JOURNALS_JSON: &str = include_str!("../../data/reporters/journals.json");

/// Why bundled or supplied data could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    /// A file is not the JSON the loader expects.
    #[error("{file}: {source}")]
    Json {
        /// Which file.
        file: &'static str,
        /// The parser's complaint.
        source: serde_json::Error,
    },
    /// The data parsed but is inconsistent.
    #[error("{0}")]
    Invalid(String),
}

/// One edition of a reporter (`F.3d` of the Federal Reporter), with the years
/// it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// Standard abbreviation: `F.3d`, `U.S.`, `WL`.
    pub abbreviation: String,
    /// The reporter family's key in reporters-db (`F.` for `F.3d`).
    pub reporter: String,
    /// reporters-db's `cite_type` (`federal`, `state`, `specialty_west`, …).
    pub cite_type: String,
    /// First year of the edition, when known.
    pub start: Option<i32>,
    /// Last year of the edition, `None` while it is current.
    pub end: Option<i32>,
}

impl Edition {
    /// Whether the edition is a law review or journal (from reporters-db's
    /// `journals.json`), not a case reporter.
    pub fn is_journal(&self) -> bool {
        self.cite_type == "journal"
    }

    /// Whether the edition was published in `year` (unknown bounds admit it).
    pub fn covers(&self, year: i32) -> bool {
        self.start.is_none_or(|s| s <= year) && self.end.is_none_or(|e| year <= e)
    }
}

/// What sort of law a code or rule set holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LawKind {
    /// Enacted statutes: `U.S.C.`, `ILCS`.
    Statute,
    /// Agency regulations: `C.F.R.`, `Ill. Adm. Code`.
    Regulation,
    /// Court rules: `Fed. R. Civ. P.`.
    Rule,
    /// Constitutions: `U.S. Const.`.
    Constitution,
}

/// How citations to a code are built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LawForm {
    /// `TITLE CODE [§] SECTION`: `5 U.S.C. § 552`, `20 Ill. Adm. Code 1240.80`.
    Titled,
    /// `CODE NUMBER(SUBDIVISIONS)`: `Fed. R. Civ. P. 45(e)(2)(A)`.
    Numbered,
    /// `CODE art. N` or `CODE amend. N`.
    Constitution,
    /// `CODE § SECTION`: `R.I. Gen. Laws § 9-1-14`.
    Sectioned,
    /// `CODE ch. CHAPTER, § SECTION`: `Mass. Gen. Laws ch. 93A, § 2`.
    Chapter,
    /// `VOLUME CODE PAGE`, pages with commas: `94 Stat. 1159`, `45 Fed. Reg. 33,412`.
    Volume,
    /// `CODE No. CONGRESS-NUMBER`: `Pub. L. No. 96-350`.
    PublicLaw,
    /// `PREFIX SUBJECT SUFFIX § SECTION`: `N.Y. Ins. Law § 3212`.
    Subject,
}

/// A code, rule set or constitution from `laws.json`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Law {
    /// Canonical spelling, used in authority keys.
    pub code: String,
    /// Full name.
    pub name: String,
    /// Statute, regulation, rule or constitution.
    pub kind: LawKind,
    /// How its citations are built.
    pub form: LawForm,
    /// Whether the normalized key writes `§` before the section.
    #[serde(default)]
    pub section_sign: bool,
    /// Other spellings.
    #[serde(default)]
    pub variants: Vec<String>,
    /// For [`LawForm::Subject`]: the words that close the code's name
    /// (`Law` of `N.Y. Ins. Law`).
    #[serde(default)]
    pub suffix: Option<String>,
}

/// A reporter spelling found right after a volume number.
#[derive(Debug, Clone, Copy)]
pub struct ReporterMatch<'a> {
    /// End (exclusive) of the spelling in the searched text.
    pub end: usize,
    /// The editions the spelling may stand for (several for a few ambiguous
    /// variants; choose with [`Reporters::pick_edition`]).
    pub editions: &'a [usize],
}

/// A law spelling found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LawMatch {
    /// Start of the spelling.
    pub start: usize,
    /// End (exclusive) of the spelling.
    pub end: usize,
    /// Index of the law (see [`Reporters::law`]).
    pub law: usize,
}

/// Known reporters, their variant spellings, courts and codes. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Reporters {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    editions: Vec<Edition>,
    /// Reporter spellings, each with the editions it may stand for.
    reporter_spellings: Spellings<Vec<usize>>,
    /// Court citation string with spaces removed → courts-db id.
    courts: HashMap<String, String>,
    /// Edition abbreviation → the one court that publishes in it.
    court_of_reporter: HashMap<String, String>,
    laws: Vec<Law>,
    /// Canonical code → index in `laws`.
    law_index: HashMap<String, usize>,
    /// Law spellings, each with its law, looked up at the positions
    /// [`Inner::law_starts`] allows.
    law_spellings: Spellings<usize>,
    /// Whether some law spelling opens with the byte.
    law_starts: [bool; 256],
    /// Whether some law spelling opens with the two bytes (`b0 << 8 | b1`,
    /// `b1` 0 at the end of the text), one bit each: capitals open most
    /// sentences and names, and this turns nearly all of them away before
    /// the spellings are looked up.
    law_pairs: Box<[u64; 1024]>,
}

#[derive(Deserialize)]
struct ReportersFile {
    reporters: Vec<ReporterEntry>,
}

#[derive(Deserialize)]
struct ReporterEntry {
    abbreviation: String,
    #[serde(default)]
    cite_type: String,
    editions: Vec<EditionEntry>,
    #[serde(default)]
    variations: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct EditionEntry {
    abbreviation: String,
    start: Option<i32>,
    end: Option<i32>,
}

#[derive(Deserialize)]
struct CourtsFile {
    courts: Vec<CourtEntry>,
}

#[derive(Deserialize)]
struct CourtEntry {
    id: String,
    citation_string: String,
    #[serde(default)]
    reporters: Vec<String>,
}

#[derive(Deserialize)]
struct LawsFile {
    laws: Vec<Law>,
}

impl Default for Reporters {
    /// The bundled knowledge (see [`Reporters::bundled`]).
    fn default() -> Reporters {
        Reporters::bundled()
    }
}

impl Reporters {
    /// The knowledge bundled with lexgraph (reporters-db, courts-db and the
    /// curated laws), parsed and validated once per process.
    pub fn bundled() -> Reporters {
        static BUNDLED: OnceLock<Reporters> = OnceLock::new();
        BUNDLED
            .get_or_init(|| {
                // The bundled files are part of the source tree and are
                // validated by this module's tests, so failing here is a
                // build defect, not an input error.
                Reporters::from_parts(
                    &[REPORTERS_JSON, JOURNALS_JSON],
                    COURTS_JSON,
                    &[LAWS_JSON, STATUTES_JSON],
                )
                .expect("bundled reporter data is valid")
            })
            .clone()
    }

    /// Loads and validates data in the formats of `data/reporters/`: the
    /// reporters (journals may be listed among them), courts and laws.
    pub fn from_json(reporters: &str, courts: &str, laws: &str) -> Result<Reporters, DataError> {
        Reporters::from_parts(&[reporters], courts, &[laws])
    }

    /// Like [`Reporters::from_json`], with reporters and laws split over
    /// several files (the bundled data keeps journals and generated codes
    /// apart from the rest).
    pub fn from_parts(
        reporters: &[&str],
        courts: &str,
        laws: &[&str],
    ) -> Result<Reporters, DataError> {
        let mut entries = Vec::new();
        for file in reporters {
            let parsed: ReportersFile =
                serde_json::from_str(file).map_err(|source| DataError::Json {
                    file: "reporters.json",
                    source,
                })?;
            entries.extend(parsed.reporters);
        }
        let reporters = ReportersFile { reporters: entries };
        let courts: CourtsFile =
            serde_json::from_str(courts).map_err(|source| DataError::Json {
                file: "courts.json",
                source,
            })?;
        let mut all_laws = Vec::new();
        for file in laws {
            let parsed: LawsFile =
                serde_json::from_str(file).map_err(|source| DataError::Json {
                    file: "laws.json",
                    source,
                })?;
            all_laws.extend(parsed.laws);
        }
        let laws = LawsFile { laws: all_laws };
        let (editions, patterns) = reporter_patterns(reporters.reporters)?;
        let (courts, court_of_reporter) = court_maps(courts.courts, &editions)?;
        let law_patterns = law_patterns(&laws.laws)?;
        let mut law_starts = [false; 256];
        let mut law_pairs = Box::new([0u64; 1024]);
        for (text, _) in &law_patterns {
            let pairs = match *text.as_bytes() {
                [] => continue,
                [first] => (0..=255u8).map(|second| (first, second)).collect(),
                [first, second, ..] => vec![(first, second)],
            };
            law_starts[usize::from(pairs[0].0)] = true;
            for (first, second) in pairs {
                let pair = usize::from(first) << 8 | usize::from(second);
                law_pairs[pair / 64] |= 1 << (pair % 64);
            }
        }
        Ok(Reporters {
            inner: Arc::new(Inner {
                editions,
                reporter_spellings: Spellings::new(patterns),
                courts,
                court_of_reporter,
                law_index: laws
                    .laws
                    .iter()
                    .enumerate()
                    .map(|(i, l)| (l.code.clone(), i))
                    .collect(),
                laws: laws.laws,
                law_spellings: Spellings::new(law_patterns),
                law_starts,
                law_pairs,
            }),
        })
    }

    /// The reporter spelling that starts exactly at `pos` of `text`, if any
    /// (the longest one). The caller checks what follows it.
    pub fn reporter_at<'a>(&'a self, text: &str, pos: usize) -> Option<ReporterMatch<'a>> {
        let (end, editions) = self.inner.reporter_spellings.longest_at(text, pos)?;
        Some(ReporterMatch { end, editions })
    }

    /// Edition number `index`.
    pub fn edition(&self, index: usize) -> Option<&Edition> {
        self.inner.editions.get(index)
    }

    /// Of the editions a spelling may stand for, the one published in `year`
    /// when the year tells them apart, else the first.
    pub fn pick_edition(&self, candidates: &[usize], year: Option<i32>) -> Option<&Edition> {
        let covering = year.and_then(|y| {
            candidates
                .iter()
                .filter_map(|&i| self.edition(i))
                .find(|e| e.covers(y))
        });
        covering.or_else(|| candidates.first().and_then(|&i| self.edition(i)))
    }

    /// The courts-db id of a court citation string (`N.D. Ill.` → `ilnd`);
    /// spacing is ignored (`N.D.Ill.` works too).
    pub fn court_id(&self, citation_string: &str) -> Option<&str> {
        self.inner
            .courts
            .get(&squeeze(citation_string))
            .map(String::as_str)
    }

    /// The court that alone publishes in `edition` (`U.S.` → `scotus`).
    pub fn court_of_reporter(&self, edition: &str) -> Option<&str> {
        self.inner
            .court_of_reporter
            .get(edition)
            .map(String::as_str)
    }

    /// Every law spelling in `text`, leftmost-longest, in order.
    ///
    /// The text is skimmed for bytes a spelling can open with (capitals, in
    /// the bundled data), and the spellings are looked up only where the
    /// next byte too opens some spelling: the first position with a match
    /// and its longest match there is the leftmost-longest match.
    pub fn find_laws<'a>(&'a self, text: &'a str) -> impl Iterator<Item = LawMatch> + 'a {
        let inner = &*self.inner;
        let bytes = text.as_bytes();
        let mut at = 0;
        std::iter::from_fn(move || {
            while at < bytes.len() {
                let skip = bytes[at..]
                    .iter()
                    .position(|&b| inner.law_starts[usize::from(b)])?;
                let start = at + skip;
                let second = bytes.get(start + 1).copied().unwrap_or(0);
                let pair = usize::from(bytes[start]) << 8 | usize::from(second);
                if inner.law_pairs[pair / 64] & (1 << (pair % 64)) == 0 {
                    at = start + 1;
                    continue;
                }
                let Some((end, &law)) = inner.law_spellings.longest_at(text, start) else {
                    at = start + 1;
                    continue;
                };
                // An empty spelling must not hold the search in place.
                at = end.max(start + 1);
                return Some(LawMatch { start, end, law });
            }
            None
        })
    }

    /// Law number `index`.
    pub fn law(&self, index: usize) -> Option<&Law> {
        self.inner.laws.get(index)
    }

    /// The law whose canonical code is `code`.
    pub fn law_by_code(&self, code: &str) -> Option<&Law> {
        self.law(*self.inner.law_index.get(code)?)
    }
}

/// Editions, and each reporter spelling with the editions it stands for.
type ReporterPatterns = (Vec<Edition>, Vec<(String, Vec<usize>)>);

fn reporter_patterns(entries: Vec<ReporterEntry>) -> Result<ReporterPatterns, DataError> {
    let mut editions = Vec::new();
    let mut targets: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut variants = Vec::new();
    for entry in entries {
        let mut own: HashMap<String, usize> = HashMap::new();
        for ed in entry.editions {
            let index = editions.len();
            own.insert(ed.abbreviation.clone(), index);
            push_target(&mut targets, &ed.abbreviation, index);
            editions.push(Edition {
                abbreviation: ed.abbreviation,
                reporter: entry.abbreviation.clone(),
                cite_type: entry.cite_type.clone(),
                start: ed.start,
                end: ed.end,
            });
        }
        for (variant, edition) in entry.variations {
            let index = *own.get(&edition).ok_or_else(|| {
                DataError::Invalid(format!(
                    "reporter {}: variant {variant:?} points to unknown edition {edition:?}",
                    entry.abbreviation
                ))
            })?;
            variants.push((variant, index));
        }
    }
    // Variants come after every edition's own abbreviation, so that letters
    // that are both name the edition first (`S.C.` is South Carolina's, and
    // only a misprint of `S. Ct.`).
    for (variant, index) in variants {
        push_target(&mut targets, &variant, index);
    }
    let respaced = respaced_spellings(targets.iter().map(|(s, t)| (s.as_str(), t.clone())));
    targets.extend(respaced);
    Ok((editions, targets.into_iter().collect()))
}

/// The same abbreviation with its periods spaced out and squeezed together:
/// opinions print `N. Y. S. 2d`, `Duke L. J.` and `Wake Forest L.Rev.` for
/// the databases' `N.Y.S.2d`, `Duke L.J.` and `Wake Forest L. Rev.`.
fn respacings(spelling: &str) -> [String; 2] {
    let mut spaced = String::with_capacity(spelling.len() + 8);
    let mut squeezed = String::with_capacity(spelling.len());
    let mut chars = spelling.chars().peekable();
    let mut after_period = false;
    while let Some(c) = chars.next() {
        let next_alnum = chars.peek().is_some_and(char::is_ascii_alphanumeric);
        spaced.push(c);
        if c == '.' && next_alnum {
            spaced.push(' ');
        }
        if !(after_period && c == ' ' && next_alnum) {
            squeezed.push(c);
        }
        after_period = c == '.';
    }
    [spaced, squeezed]
}

/// The respacings of `spellings` that are not spellings themselves, each
/// with what its spelling stands for. A respacing two spellings with
/// different targets share (`N. Y. L. J.` from the journals `N.Y.L.J.` and
/// `N.Y. L.J.`) is left out: it cannot say which is meant.
fn respaced_spellings<'a, T: Clone + PartialEq>(
    spellings: impl Iterator<Item = (&'a str, T)> + Clone,
) -> BTreeMap<String, T> {
    let own: HashSet<&str> = spellings.clone().map(|(s, _)| s).collect();
    let mut derived: BTreeMap<String, Option<T>> = BTreeMap::new();
    for (spelling, target) in spellings {
        for form in respacings(spelling) {
            if own.contains(form.as_str()) {
                continue;
            }
            derived
                .entry(form)
                .and_modify(|t| {
                    if t.as_ref() != Some(&target) {
                        *t = None;
                    }
                })
                .or_insert_with(|| Some(target.clone()));
        }
    }
    derived
        .into_iter()
        .filter_map(|(form, target)| Some((form, target?)))
        .collect()
}

fn push_target(targets: &mut BTreeMap<String, Vec<usize>>, spelling: &str, index: usize) {
    let list = targets.entry(spelling.to_string()).or_default();
    if !list.contains(&index) {
        list.push(index);
    }
}

/// Court citation strings → ids, and sole-publisher reporters → ids.
type CourtMaps = (HashMap<String, String>, HashMap<String, String>);

fn court_maps(entries: Vec<CourtEntry>, editions: &[Edition]) -> Result<CourtMaps, DataError> {
    let mut courts = HashMap::new();
    let mut by_reporter = HashMap::new();
    for court in entries {
        for reporter in &court.reporters {
            if !editions.iter().any(|e| &e.abbreviation == reporter) {
                return Err(DataError::Invalid(format!(
                    "court {}: unknown reporter {reporter:?}",
                    court.id
                )));
            }
            by_reporter.insert(reporter.clone(), court.id.clone());
        }
        if let Some(other) = courts.insert(squeeze(&court.citation_string), court.id.clone()) {
            return Err(DataError::Invalid(format!(
                "courts {other} and {} share the citation string {:?}",
                court.id, court.citation_string
            )));
        }
    }
    Ok((courts, by_reporter))
}

fn law_patterns(laws: &[Law]) -> Result<Vec<(String, usize)>, DataError> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::new();
    for (index, law) in laws.iter().enumerate() {
        for spelling in std::iter::once(&law.code).chain(&law.variants) {
            if let Some(&other) = seen.get(spelling.as_str()) {
                if other != index {
                    return Err(DataError::Invalid(format!(
                        "law spelling {spelling:?} names two codes"
                    )));
                }
                continue;
            }
            seen.insert(spelling, index);
            out.push((spelling.clone(), index));
        }
    }
    let respaced = respaced_spellings(out.iter().map(|(s, i)| (s.as_str(), *i)));
    out.extend(respaced);
    Ok(out)
}

/// `s` without whitespace, the form court strings are compared in.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edition_at<'a>(r: &'a Reporters, text: &str) -> Option<&'a str> {
        let m = r.reporter_at(text, 0)?;
        Some(r.pick_edition(m.editions, None)?.abbreviation.as_str())
    }

    #[test]
    fn bundled_data_loads_and_validates() {
        let r = Reporters::bundled();
        assert!(r.inner.editions.len() > 1000);
        assert!(r.inner.courts.len() > 1000);
    }

    #[test]
    fn reporter_spellings_map_to_editions() {
        let r = Reporters::bundled();
        for (text, want) in [
            ("F.3d 955", "F.3d"),
            ("F. Supp. 1402", "F. Supp."),
            ("F. Supp. 2d 1", "F. Supp. 2d"),
            ("F.R.D. 114", "F.R.D."),
            ("U.S. 342", "U.S."),
            ("U. S. 342", "U.S."),
            ("WL 581306", "WL"),
            ("F. 3d 1", "F.3d"),
        ] {
            assert_eq!(edition_at(&r, text), Some(want), "{text}");
        }
        assert_eq!(edition_at(&r, "Rule 45"), None);
    }

    #[test]
    fn spaced_and_squeezed_abbreviations_are_the_same_spelling() {
        let r = Reporters::bundled();
        for (text, want) in [
            ("N. Y. S. 2d 677", "N.Y.S.2d"),
            ("N. Y. 3d 583", "N.Y.3d"),
            ("F. R. D. 183", "F.R.D."),
            ("Duke L. J. 179", "Duke L.J."),
            ("Wake Forest L.Rev. 223", "Wake Forest L. Rev."),
            ("Op. O. L. C. 73", "Op. O.L.C."),
        ] {
            assert_eq!(edition_at(&r, text), Some(want), "{text}");
        }
        assert_eq!(edition_at(&r, "S. C. 85"), Some("S.C."));
        assert_eq!(edition_at(&r, "S.C. 85"), Some("S.C."));
        assert_eq!(edition_at(&r, "N.Y. L.J. 1"), Some("N.Y. L.J."));
        // Only `N. Y.` (the New York Reports) is read.
        let m = r.reporter_at("N. Y. L. J. 1", 0).map(|m| m.end);
        assert_eq!(m, Some("N. Y.".len()));
        let codes: Vec<&str> = r
            .find_laws("see D. C. Code §22-4101 and N. Y. Gen. Bus. Law §518")
            .filter_map(|m| r.law(m.law))
            .map(|l| l.code.as_str())
            .collect();
        assert_eq!(codes, ["D.C. Code", "N.Y. Law"]);
    }

    #[test]
    fn courts_map_citation_strings_to_ids() {
        let r = Reporters::bundled();
        assert_eq!(r.court_id("N.D. Ill."), Some("ilnd"));
        assert_eq!(r.court_id("N.D.Ill."), Some("ilnd"));
        assert_eq!(r.court_id("7th Cir."), Some("ca7"));
        assert_eq!(r.court_of_reporter("U.S."), Some("scotus"));
        assert_eq!(r.court_id("Nowhere Ct."), None);
    }

    #[test]
    fn laws_are_found_by_any_spelling() {
        let r = Reporters::bundled();
        let text =
            "under 5 U.S.C. § 552 and Federal Rule of Civil Procedure 45 and 20 Ill. Adm. Code 1";
        let codes: Vec<&str> = r
            .find_laws(text)
            .filter_map(|m| r.law(m.law))
            .map(|l| l.code.as_str())
            .collect();
        assert_eq!(codes, ["U.S.C.", "Fed. R. Civ. P.", "Ill. Adm. Code"]);
        assert_eq!(
            r.law_by_code("ILCS").map(|l| l.kind),
            Some(LawKind::Statute)
        );
    }

    #[test]
    fn invalid_data_is_rejected() {
        let bad_variant = r#"{"reporters":[{"abbreviation":"X.","editions":[{"abbreviation":"X.","start":null,"end":null}],"variations":{"Xx.":"Y."}}]}"#;
        let courts = r#"{"courts":[]}"#;
        let laws = r#"{"laws":[]}"#;
        assert!(Reporters::from_json(bad_variant, courts, laws).is_err());
        let reporters = r#"{"reporters":[]}"#;
        let dup_law = r#"{"laws":[
            {"code":"A.","name":"a","kind":"statute","form":"titled","variants":["B."]},
            {"code":"B.","name":"b","kind":"statute","form":"titled"}]}"#;
        assert!(Reporters::from_json(reporters, courts, dup_law).is_err());
        assert!(Reporters::from_json("{", courts, laws).is_err());
    }
}
