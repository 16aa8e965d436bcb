//! Bluebook (21st ed.) citations of the graph's authorities, in the forms a
//! brief uses: the full citation ([`full`]), the short form ([`short`]),
//! *Id.* ([`id`], [`id_of`]), a citation behind a signal ([`signaled`]),
//! and a table of authorities ([`table_of_authorities`]).
//!
//! Every form comes as a [`Cite`] in plain text and in Markdown, where case
//! names, signals and *Id.* are italic. The Bluebook's tables (T6 words and
//! T10 places in case names, T12 months) and the facts the forms rest on
//! (which reporters name their court, which cites are databases or docket
//! entries) are data in `data/bluebook/`, compiled in.
//!
//! This module only formats: it takes an [`Authority`] as the graph holds it
//! and gives text back. It walks no graph, reads no file and prints nothing.
//! Where a field is missing it falls back on the citation as first written
//! (`Authority::full_citation`), and a case it cannot take apart is given as
//! written.

mod names;
mod tables;
mod toa;

use std::fmt;

use serde::Serialize;

use crate::cite::Signal;
use crate::graph::{Authority, AuthorityKind};

pub use names::{case_name, date};
pub use toa::{Group, Toa, ToaEntry, ToaGroup, ToaRow, TocEntry, table_of_authorities};

use tables::tables;

/// A citation in plain text and in Markdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cite {
    /// Plain text: `Avila v. City of Chi., 214 F.R.D. 410, 416 (N.D. Ill. 2003)`.
    pub plain: String,
    /// Markdown, case names, signals and *Id.* in `*…*`:
    /// `*Avila v. City of Chi.*, 214 F.R.D. 410, 416 (N.D. Ill. 2003)`.
    pub markdown: String,
}

impl Cite {
    fn roman(text: &str) -> Cite {
        Cite {
            plain: text.to_string(),
            markdown: text.to_string(),
        }
    }

    fn italic(text: &str) -> Cite {
        Cite {
            plain: text.to_string(),
            markdown: format!("*{text}*"),
        }
    }

    /// Appends roman text to both forms.
    fn push(&mut self, text: &str) {
        self.plain.push_str(text);
        self.markdown.push_str(text);
    }

    /// Appends another citation's text, keeping its emphasis.
    fn append(&mut self, other: &Cite) {
        self.plain.push_str(&other.plain);
        self.markdown.push_str(&other.markdown);
    }
}

impl fmt::Display for Cite {
    /// The plain text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.plain)
    }
}

/// The full citation of `a`, cited at `pin` when given.
///
/// - Reporter cases: `Avila v. City of Chi., 214 F.R.D. 410, 416 (N.D. Ill.
///   2003)`; no court in the parenthetical when the reporter names it
///   (`594 U.S. 118, 124 (2021)`).
/// - Database cases (R10.8.1): docket number, cite, star page and full date:
///   `…, No. 17 CV 1234, 2018 WL 512345, at *4 (N.D. Ill. Feb. 9, 2018)`.
/// - Docket entries: `…, No. 23 CV 5391, Dkt. No. 162 at 8-11 (N.D. Ill.
///   Apr. 16, 2024)`.
/// - Statutes, regulations and rules: the pin is the subdivision:
///   `5 U.S.C. § 552(b)(5)`, `Fed. R. Civ. P. 45(e)(2)(A)`.
/// - The record: `R. 212, Pl.'s Mot. at 6`.
pub fn full(a: &Authority, pin: Option<&str>) -> Cite {
    let pin = clean_pin(pin);
    match a.kind {
        AuthorityKind::Case => full_case(a, pin),
        AuthorityKind::Constitution
        | AuthorityKind::Statute
        | AuthorityKind::Regulation
        | AuthorityKind::Rule => {
            let (code, section) = provision(base(a), pin);
            Cite::roman(&format!("{code} {section}"))
        }
        AuthorityKind::Record => Cite::roman(&at_pin(&a.name, pin)),
        AuthorityKind::Other => other(a, pin),
    }
}

/// The short form of `a` at `pin` (R10.9, B10.2): `Avila, 214 F.R.D. at 416`,
/// `Wexford, 2018 WL 512345, at *4`, `Lowry, No. 23 CV 5391, Dkt. No. 162 at
/// 12`. The name is the corpus's short name when it has one, else the first
/// party's first words (the other party's when the first is a government or
/// common litigant). Statutes, rules and other authorities keep their full
/// form, which is always a correct short form.
pub fn short(a: &Authority, pin: Option<&str>) -> Cite {
    if a.kind != AuthorityKind::Case {
        return full(a, pin);
    }
    let pin = clean_pin(pin);
    let mut cite = Cite::italic(&names::short_name(a));
    match source(a) {
        Source::Reporter {
            volume,
            reporter,
            page,
        } => match pin {
            Some(pin) => cite.push(&format!(", {volume} {reporter} at {pin}")),
            None => cite.push(&format!(", {volume} {reporter} {page}")),
        },
        Source::Database(database_cite) => {
            cite.push(&format!(", {database_cite}"));
            if let Some(pin) = pin {
                cite.push(&format!(", at {}", star(pin)));
            }
        }
        Source::Docket(entry) => cite.push(&format!(", {}", at_pin(&entry, pin))),
        Source::AsWritten => return full(a, pin),
    }
    cite
}

/// *Id.* at `pin`: `Id. at 416`, `Id. at *4`, and without `at` before a
/// section, a paragraph or a subdivision: `Id. § 552(b)(5)`, `Id. ¶ 9`,
/// `Id. 45(d)(1)`. Without a pin, `Id.` alone. Use [`id_of`] when the
/// authority is known, so a statute's pin gets its `§`.
pub fn id(pin: Option<&str>) -> Cite {
    let mut cite = Cite::italic("Id.");
    if let Some(pin) = clean_pin(pin) {
        let bare = pin.starts_with(['§', '¶', '('])
            || (pin.starts_with(|c: char| c.is_ascii_alphanumeric()) && pin.contains('('));
        cite.push(if bare { " " } else { " at " });
        cite.push(pin);
    }
    cite
}

/// *Id.* for `a` at `pin`, in the form `a`'s kind takes: `Id. § 552(b)(5)`
/// for `5 U.S.C. § 552` at `552(b)(5)`, `Id. 45(d)(1)` for a rule, `Id. at *4`
/// for a Westlaw case at `4`, and [`id`] otherwise.
pub fn id_of(a: &Authority, pin: Option<&str>) -> Cite {
    let pin = clean_pin(pin);
    match (a.kind, pin) {
        (_, None) => id(None),
        (
            AuthorityKind::Constitution
            | AuthorityKind::Statute
            | AuthorityKind::Regulation
            | AuthorityKind::Rule,
            Some(_),
        ) => {
            let (_, section) = provision(base(a), pin);
            let mut cite = Cite::italic("Id.");
            cite.push(&format!(" {section}"));
            cite
        }
        (AuthorityKind::Case, Some(pin)) if matches!(source(a), Source::Database(_)) => {
            id(Some(&star(pin)))
        }
        (_, Some(pin)) => id(Some(pin)),
    }
}

/// `cite` behind `signal`, italic in Markdown (`*See also* *Avila*, …`). A
/// signal opening a citation sentence is capitalized; one inside a clause is
/// not, and *Id.* after a signal is `id.`. `citing` and `quoting` belong in
/// parentheticals and stay roman (B1.2).
pub fn signaled(signal: Signal, cite: &Cite, opens_sentence: bool) -> Cite {
    let words = signal.words();
    let words = if opens_sentence {
        capitalized(words)
    } else {
        words.to_string()
    };
    // `See, e.g.,`: the comma after the signal is roman.
    let (signal_words, comma) = match words.strip_suffix(',') {
        Some(stripped) => (stripped.to_string(), ","),
        None => (words, ""),
    };
    let mut out = match signal {
        Signal::Citing | Signal::Quoting | Signal::Discussing => Cite::roman(&signal_words),
        _ => Cite::italic(&signal_words),
    };
    out.push(comma);
    out.push(" ");
    let rest = match cite.plain.strip_prefix("Id.") {
        Some(tail) => Cite {
            plain: format!("id.{tail}"),
            markdown: cite.markdown.replacen("*Id.*", "*id.*", 1),
        },
        None => cite.clone(),
    };
    out.append(&rest);
    out
}

fn capitalized(words: &str) -> String {
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How a case is cited, as its fields show.
enum Source<'a> {
    /// Volume, reporter and first page: `214 F.R.D. 410`.
    Reporter {
        volume: &'a str,
        reporter: &'a str,
        page: &'a str,
    },
    /// A database cite: `2018 WL 512345`.
    Database(&'a str),
    /// A docket entry with its docket number: `No. 23 CV 5391, Dkt. No. 162`.
    Docket(String),
    /// Nothing to take apart: cite it as written.
    AsWritten,
}

fn source(a: &Authority) -> Source<'_> {
    let forms = &tables().forms;
    if forms
        .docket_entries
        .iter()
        .any(|mark| a.key.contains(mark.as_str()))
    {
        let entry = match a.docket_number.as_deref() {
            Some(number) if !a.key.contains(number) => format!("{number}, {}", a.key),
            _ => a.key.clone(),
        };
        return Source::Docket(entry);
    }
    let cite = a.reporter_cite.as_deref().unwrap_or(&a.key).trim();
    let Some((volume, rest)) = cite.split_once(' ') else {
        return Source::AsWritten;
    };
    let Some((reporter, page)) = rest.rsplit_once(' ') else {
        return Source::AsWritten;
    };
    let numeric = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !numeric(volume) || !numeric(page) {
        return Source::AsWritten;
    }
    let database = reporter
        .rsplit(' ')
        .next()
        .is_some_and(|last| forms.databases.iter().any(|d| d == last));
    if database {
        Source::Database(cite)
    } else {
        Source::Reporter {
            volume,
            reporter,
            page,
        }
    }
}

fn full_case(a: &Authority, pin: Option<&str>) -> Cite {
    let source = source(a);
    let mut cite = Cite::italic(&case_name(&a.name));
    match &source {
        Source::Reporter {
            volume,
            reporter,
            page,
        } => {
            cite.push(&format!(", {volume} {reporter} {page}"));
            if let Some(pin) = pin {
                cite.push(&format!(", {pin}"));
            }
        }
        Source::Database(database_cite) => {
            if let Some(number) = a.docket_number.as_deref().filter(|n| !n.is_empty()) {
                cite.push(&format!(", {number}"));
            }
            cite.push(&format!(", {database_cite}"));
            if let Some(pin) = pin {
                cite.push(&format!(", at {}", star(pin)));
            }
        }
        Source::Docket(entry) => cite.push(&format!(", {}", at_pin(entry, pin))),
        Source::AsWritten => return as_written(a),
    }
    if let Some(parenthetical) = parenthetical(a, &source) {
        cite.push(&format!(" ({parenthetical})"));
    }
    cite
}

/// A case cited as first written, its name in italics when it leads.
fn as_written(a: &Authority) -> Cite {
    let written = a.full_citation.trim();
    match written.strip_prefix(a.name.as_str()) {
        Some(rest) if !a.name.is_empty() => {
            let mut cite = Cite::italic(&case_name(&a.name));
            cite.push(rest);
            cite
        }
        _ if written.is_empty() => Cite::italic(&case_name(&a.name)),
        _ => Cite::roman(written),
    }
}

/// The court and date or year of a case's parenthetical (R10.4, R10.5):
/// no court when the reporter names it, the full date for database and
/// docket cites, the year otherwise.
fn parenthetical(a: &Authority, source: &Source) -> Option<String> {
    let forms = &tables().forms;
    let written = written_parenthetical(&a.full_citation);
    let court_in_reporter = matches!(source, Source::Reporter { reporter, .. }
        if forms.court_reporters.contains_key(*reporter));
    let court = if court_in_reporter {
        None
    } else {
        a.court_name
            .clone()
            .filter(|c| !c.trim().is_empty())
            .or_else(|| {
                a.court
                    .as_ref()
                    .and_then(|id| forms.court_names.get(id))
                    .cloned()
            })
            .or_else(|| written.as_ref().and_then(|w| w.court.clone()))
    };
    let full_date = matches!(source, Source::Database(_) | Source::Docket(_));
    let year = || {
        a.year
            .map(|y| y.to_string())
            .or_else(|| written.as_ref().map(|w| w.year.clone()))
    };
    let when = if full_date {
        a.date
            .as_deref()
            .filter(|d| !d.trim().is_empty())
            .map(date)
            .or_else(|| written.as_ref().and_then(|w| w.date.clone()))
            .or_else(year)
    } else {
        year()
    };
    let parts: Vec<String> = court.into_iter().chain(when).collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// A court-and-date parenthetical as written in a citation.
struct Written {
    /// `N.D. Ill.`, when one is named.
    court: Option<String>,
    /// `Apr. 21, 2022`, when a full date is given (months abbreviated).
    date: Option<String>,
    /// `2022`.
    year: String,
}

/// The first parenthetical of `text` that ends with a year:
/// `(N.D. Ill. April 21, 2022)`, `(7th Cir. 2003)`, `(2021)`.
fn written_parenthetical(text: &str) -> Option<Written> {
    text.match_indices('(').find_map(|(open, _)| {
        let rest = &text[open + 1..];
        let inside = rest[..rest.find(')')?].trim();
        let words: Vec<&str> = inside.split_whitespace().collect();
        let (&year, before) = words.split_last()?;
        if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let month_at = (0..before.len()).find(|&i| {
            names::month(words[i].trim_end_matches('.')).is_some()
                && words
                    .get(i + 1)
                    .is_some_and(|next| next.starts_with(|c: char| c.is_ascii_digit()))
        });
        let (court, written_date) = match month_at {
            Some(i) => (&words[..i], Some(date(&words[i..].join(" ")))),
            None => (before, None),
        };
        Some(Written {
            court: (!court.is_empty()).then(|| court.join(" ")),
            date: written_date,
            year: year.to_string(),
        })
    })
}

/// An authority's citation stem: its key, or its name when the key is empty.
fn base(a: &Authority) -> &str {
    if a.key.trim().is_empty() {
        a.name.trim()
    } else {
        a.key.trim()
    }
}

/// A provision at `pin`, split where *Id.* cuts it: `5 U.S.C. § 552` at
/// `552(b)(5)` is (`5 U.S.C.`, `§ 552(b)(5)`); `Fed. R. Civ. P. 45` at
/// `(d)(1)` is (`Fed. R. Civ. P.`, `45(d)(1)`); `U.S. Const. amend. XIV` at
/// `§ 1` is (`U.S. Const.`, `amend. XIV, § 1`).
fn provision(base: &str, pin: Option<&str>) -> (String, String) {
    const CONSTITUTION: &str = "Const.";
    if let Some(at) = base.find(CONSTITUTION) {
        let (code, article) = base.split_at(at + CONSTITUTION.len());
        let mut section = article.trim().to_string();
        if let Some(pin) = pin {
            section = if section.is_empty() {
                pin.to_string()
            } else {
                format!("{section}, {pin}")
            };
        }
        return (code.trim().to_string(), section);
    }
    let (head, number) = base.rsplit_once(' ').unwrap_or(("", base));
    // The section sign belongs to the section, so Id. keeps it.
    let (code, sign) = match head.strip_suffix('§') {
        Some(code) => (code.trim_end(), "§ "),
        None => (head, ""),
    };
    let subdivision = match pin.map(|p| p.trim_start_matches('§').trim_start()) {
        None => number.to_string(),
        Some(pin) if starts_with_section(pin, number) => pin.to_string(),
        Some(pin) if pin.starts_with('(') => format!("{number}{pin}"),
        Some(pin) => format!("{number}, {pin}"),
    };
    (code.to_string(), format!("{sign}{subdivision}"))
}

/// Whether `pin` is `section` or one of its subdivisions (`552(b)(5)` of
/// `552`; `5520` is another section).
fn starts_with_section(pin: &str, section: &str) -> bool {
    pin.strip_prefix(section)
        .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphanumeric()))
}

/// An authority of no other kind (a journal article): as first written, its
/// pin put after the key and before the parenthetical.
fn other(a: &Authority, pin: Option<&str>) -> Cite {
    let written = if a.full_citation.trim().is_empty() {
        a.name.trim()
    } else {
        a.full_citation.trim()
    };
    let key = a.key.trim();
    let Some(at) = (!key.is_empty()).then(|| written.find(key)).flatten() else {
        return Cite::roman(&at_pin(written, pin));
    };
    let end = at + key.len();
    let mut text = written[..end].to_string();
    if let Some(pin) = pin {
        text.push_str(&format!(", {pin}"));
    }
    let tail = &written[end..];
    if let Some(open) = tail.find('(')
        && let Some(close) = tail[open..].find(')')
    {
        text.push(' ');
        text.push_str(&tail[open..open + close + 1]);
    }
    Cite::roman(&text)
}

/// `text at pin`, or `text ¶ 6` / `text § 2` for paragraphs and sections.
fn at_pin(text: &str, pin: Option<&str>) -> String {
    match pin {
        None => text.to_string(),
        Some(pin) if pin.starts_with(['¶', '§']) => format!("{text} {pin}"),
        Some(pin) => format!("{text} at {pin}"),
    }
}

/// A database pin as a star page: `4` → `*4`.
fn star(pin: &str) -> String {
    if pin.starts_with(|c: char| c.is_ascii_digit()) {
        format!("*{pin}")
    } else {
        pin.to_string()
    }
}

/// The pin without surrounding space or a leading `at`; `None` when empty.
fn clean_pin(pin: Option<&str>) -> Option<&str> {
    let pin = pin?.trim();
    let pin = pin.strip_prefix("at ").unwrap_or(pin).trim();
    (!pin.is_empty()).then_some(pin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn authority(kind: AuthorityKind, key: &str, name: &str, full_citation: &str) -> Authority {
        Authority {
            key: key.to_string(),
            kind,
            name: name.to_string(),
            short_names: Vec::new(),
            full_citation: full_citation.to_string(),
            reporter_cite: None,
            docket_number: None,
            court: None,
            court_name: None,
            year: None,
            date: None,
        }
    }

    fn reporter_case(
        name: &str,
        short: &[&str],
        cite: &str,
        court: (&str, Option<&str>),
        year: i32,
        full_citation: &str,
    ) -> Authority {
        Authority {
            short_names: short.iter().map(|s| s.to_string()).collect(),
            reporter_cite: Some(cite.to_string()),
            court: Some(court.0.to_string()),
            court_name: court.1.map(str::to_string),
            year: Some(year),
            ..authority(AuthorityKind::Case, cite, name, full_citation)
        }
    }

    fn westlaw_case(
        name: &str,
        short: &[&str],
        (docket, cite): (&str, &str),
        date: &str,
        year: i32,
        full_citation: &str,
    ) -> Authority {
        Authority {
            docket_number: Some(docket.to_string()),
            date: Some(date.to_string()),
            court_name: Some("N.D. Ill.".to_string()),
            ..reporter_case(name, short, cite, ("ilnd", None), year, full_citation)
        }
    }

    pub(super) fn avila() -> Authority {
        reporter_case(
            "Avila v. City of Chi.",
            &["Avila"],
            "214 F.R.D. 410",
            ("ilnd", Some("N.D. Ill.")),
            2003,
            "Avila v. City of Chi., 214 F.R.D. 410, 416 (N.D. Ill. 2003)",
        )
    }

    pub(super) fn hoskins() -> Authority {
        reporter_case(
            "Hoskins v. Poelstra",
            &["Hoskins"],
            "320 F.3d 761",
            ("ca7", Some("7th Cir.")),
            2003,
            "Hoskins v. Poelstra, 320 F.3d 761, 763 (7th Cir. 2003)",
        )
    }

    pub(super) fn j_d() -> Authority {
        reporter_case(
            "J.D. v. Harlan",
            &["J.D."],
            "958 F. Supp. 1127",
            ("ilnd", Some("N.D. Ill.")),
            1997,
            "J.D. v. Harlan, 958 F. Supp. 1127, 1131 (N.D. Ill. 1997)",
        )
    }

    pub(super) fn prairie_club() -> Authority {
        reporter_case(
            "U.S. Land & Water Serv. v. Prairie Club",
            &[],
            "594 U.S. 118",
            ("scotus", None),
            2021,
            "U.S. Land & Water Serv. v. Prairie Club, 594 U.S. 118, 124 (2021)",
        )
    }

    pub(super) fn wexford() -> Authority {
        westlaw_case(
            "Wexford Bank N.A. v. Finch & Associates",
            &["Wexford"],
            ("No. 17 CV 1234", "2018 WL 512345"),
            "Feb. 9, 2018",
            2018,
            "Wexford Bank N.A. v. Finch & Associates, No. 17 CV 1234, 2018 WL 512345, at *4 (N.D. Ill. Feb. 9, 2018)",
        )
    }

    fn delgado() -> Authority {
        westlaw_case(
            "Delgado v. Chi. Bd. of Educ.",
            &[],
            ("No. 20 CV 618", "2022 WL 1187405"),
            "April 21, 2022",
            2022,
            "Delgado v. Chi. Bd. of Educ., No. 20 CV 618, 2022 WL 1187405, at *2 (N.D. Ill. April 21, 2022)",
        )
    }

    fn ortiz() -> Authority {
        westlaw_case(
            "Ortiz v. Kane",
            &["Ortiz"],
            ("No. 24 CV 10937", "2025 WL 688120"),
            "March 14, 2025",
            2025,
            "Ortiz v. Kane, No. 24 CV 10937, 2025 WL 688120, at *4 (N.D. Ill. March 14, 2025)",
        )
    }

    fn lowry() -> Authority {
        Authority {
            short_names: vec!["Lowry".to_string()],
            docket_number: Some("No. 23 CV 5391".to_string()),
            court: Some("ilnd".to_string()),
            court_name: Some("N.D. Ill.".to_string()),
            year: Some(2024),
            date: Some("April 16, 2024".to_string()),
            ..authority(
                AuthorityKind::Case,
                "No. 23 CV 5391, Dkt. No. 162",
                "Lowry v. Pratt",
                "Lowry v. Pratt, No. 23 CV 5391, Dkt. No. 162 at 8-11 (N.D. Ill. April 16, 2024)",
            )
        }
    }

    pub(super) fn in_re() -> Authority {
        reporter_case(
            "In re Grand Jury Proceedings",
            &[],
            "5 F.4th 1",
            ("ca7", Some("7th Cir.")),
            2021,
            "",
        )
    }

    pub(super) fn usc_552() -> Authority {
        authority(
            AuthorityKind::Statute,
            "5 U.S.C. § 552",
            "5 U.S.C. § 552",
            "5 U.S.C. § 552(b)(5)",
        )
    }

    pub(super) fn fed_r_civ_p_45() -> Authority {
        authority(
            AuthorityKind::Rule,
            "Fed. R. Civ. P. 45",
            "Fed. R. Civ. P. 45",
            "Federal Rule of Civil Procedure 45(d)(1)",
        )
    }

    pub(super) fn fed_r_civ_p_26() -> Authority {
        authority(
            AuthorityKind::Rule,
            "Fed. R. Civ. P. 26",
            "Fed. R. Civ. P. 26",
            "Federal Rule of Civil Procedure 26(b)(5)",
        )
    }

    fn ill_adm_code() -> Authority {
        authority(
            AuthorityKind::Regulation,
            "20 Ill. Adm. Code 1240.80",
            "20 Ill. Adm. Code 1240.80",
            "20 Ill. Adm. Code 1240.80",
        )
    }

    pub(super) fn record_212() -> Authority {
        authority(
            AuthorityKind::Record,
            "lopez-v-hart:R. 212",
            "R. 212, Pl.'s Mot.",
            "R. 212, Pl.'s Mot. at 2",
        )
    }

    #[test]
    fn reporter_case_full_short_and_id_at_416() {
        let avila = avila();
        let full = full(&avila, Some("416"));
        assert_eq!(
            full.markdown,
            "*Avila v. City of Chi.*, 214 F.R.D. 410, 416 (N.D. Ill. 2003)"
        );
        assert_eq!(
            full.plain,
            "Avila v. City of Chi., 214 F.R.D. 410, 416 (N.D. Ill. 2003)"
        );
        assert_eq!(
            short(&avila, Some("416")).markdown,
            "*Avila*, 214 F.R.D. at 416"
        );
        assert_eq!(short(&avila, Some("416")).plain, "Avila, 214 F.R.D. at 416");
        assert_eq!(id(Some("416")).markdown, "*Id.* at 416");
        assert_eq!(id(None).markdown, "*Id.*");
        assert_eq!(id(None).plain, "Id.");
    }

    #[test]
    fn circuit_cases_name_the_circuit() {
        assert_eq!(
            full(&hoskins(), Some("763")).plain,
            "Hoskins v. Poelstra, 320 F.3d 761, 763 (7th Cir. 2003)"
        );
        assert_eq!(
            short(&hoskins(), Some("764")).plain,
            "Hoskins, 320 F.3d at 764"
        );
    }

    #[test]
    fn westlaw_cases_take_docket_number_star_page_and_full_date() {
        let wexford = wexford();
        assert_eq!(
            full(&wexford, Some("*4")).markdown,
            "*Wexford Bank N.A. v. Finch & Assocs.*, No. 17 CV 1234, 2018 WL 512345, at *4 (N.D. Ill. Feb. 9, 2018)"
        );
        assert_eq!(
            short(&wexford, Some("*4")).markdown,
            "*Wexford*, 2018 WL 512345, at *4"
        );
        assert_eq!(
            short(&wexford, Some("4")).plain,
            "Wexford, 2018 WL 512345, at *4",
            "a bare page becomes a star page"
        );
        assert_eq!(id_of(&wexford, Some("4")).markdown, "*Id.* at *4");
    }

    #[test]
    fn dates_written_out_are_abbreviated_in_the_parenthetical() {
        assert_eq!(
            full(&delgado(), Some("*2")).plain,
            "Delgado v. Chi. Bd. of Educ., No. 20 CV 618, 2022 WL 1187405, at *2 (N.D. Ill. Apr. 21, 2022)"
        );
        assert_eq!(
            full(&ortiz(), Some("*4")).plain,
            "Ortiz v. Kane, No. 24 CV 10937, 2025 WL 688120, at *4 (N.D. Ill. Mar. 14, 2025)"
        );
    }

    #[test]
    fn docket_entries_pin_with_at_and_give_the_full_date() {
        let lowry = lowry();
        assert_eq!(
            full(&lowry, Some("8-11")).markdown,
            "*Lowry v. Pratt*, No. 23 CV 5391, Dkt. No. 162 at 8-11 (N.D. Ill. Apr. 16, 2024)"
        );
        assert_eq!(
            short(&lowry, Some("12")).markdown,
            "*Lowry*, No. 23 CV 5391, Dkt. No. 162 at 12"
        );
        assert_eq!(
            full(&lowry, None).plain,
            "Lowry v. Pratt, No. 23 CV 5391, Dkt. No. 162 (N.D. Ill. Apr. 16, 2024)"
        );
    }

    #[test]
    fn supreme_court_parenthetical_has_only_the_year() {
        let prairie = prairie_club();
        assert_eq!(
            full(&prairie, Some("124")).markdown,
            "*U.S. Land & Water Serv. v. Prairie Club*, 594 U.S. 118, 124 (2021)"
        );
        assert_eq!(
            short(&prairie, Some("124")).plain,
            "Prairie Club, 594 U.S. at 124"
        );
        let named = Authority {
            court_name: Some("U.S.".to_string()),
            ..prairie
        };
        assert_eq!(
            full(&named, None).plain,
            "U.S. Land & Water Serv. v. Prairie Club, 594 U.S. 118 (2021)",
            "the U.S. Reports name the Court even when the graph has a court name"
        );
    }

    #[test]
    fn supreme_court_slip_opinion_on_westlaw_names_the_court() {
        let slip = Authority {
            court: Some("scotus".to_string()),
            court_name: None,
            ..westlaw_case(
                "Doe v. Roe",
                &[],
                ("No. 22-123", "2024 WL 12345"),
                "January 5, 2024",
                2024,
                "",
            )
        };
        assert_eq!(
            full(&slip, None).plain,
            "Doe v. Roe, No. 22-123, 2024 WL 12345 (U.S. Jan. 5, 2024)"
        );
    }

    #[test]
    fn missing_fields_come_from_the_citation_as_written() {
        let bare = Authority {
            court: None,
            court_name: None,
            year: None,
            date: None,
            ..delgado()
        };
        assert_eq!(
            full(&bare, Some("*2")).plain,
            "Delgado v. Chi. Bd. of Educ., No. 20 CV 618, 2022 WL 1187405, at *2 (N.D. Ill. Apr. 21, 2022)"
        );
        let old = Authority {
            court: None,
            court_name: None,
            year: None,
            ..hoskins()
        };
        assert_eq!(
            full(&old, None).plain,
            "Hoskins v. Poelstra, 320 F.3d 761 (7th Cir. 2003)"
        );
    }

    #[test]
    fn a_case_that_cannot_be_taken_apart_is_cited_as_written() {
        let odd = Authority {
            reporter_cite: None,
            ..authority(
                AuthorityKind::Case,
                "slip op.",
                "Doe v. Roe",
                "Doe v. Roe, slip op. at 3 (Ill. App. Ct. 2020)",
            )
        };
        assert_eq!(
            full(&odd, Some("4")).markdown,
            "*Doe v. Roe*, slip op. at 3 (Ill. App. Ct. 2020)"
        );
        assert_eq!(short(&odd, Some("4")), full(&odd, Some("4")));
    }

    #[test]
    fn case_names_are_abbreviated_in_full_citations() {
        assert!(
            full(&wexford(), None)
                .plain
                .starts_with("Wexford Bank N.A. v. Finch & Assocs., ")
        );
        let brandt = westlaw_case(
            "Brandt v. City of Chicago",
            &[],
            ("No. 22 CV 5120", "2023 WL 6034418"),
            "Sept. 18, 2023",
            2023,
            "",
        );
        assert_eq!(
            full(&brandt, Some("*3")).plain,
            "Brandt v. City of Chi., No. 22 CV 5120, 2023 WL 6034418, at *3 (N.D. Ill. Sept. 18, 2023)"
        );
        assert_eq!(
            short(&brandt, Some("*3")).plain,
            "Brandt, 2023 WL 6034418, at *3"
        );
    }

    #[test]
    fn statute_pins_are_subsections_and_id_keeps_the_section_sign() {
        let statute = usc_552();
        assert_eq!(
            full(&statute, Some("552(b)(5)")).plain,
            "5 U.S.C. § 552(b)(5)"
        );
        assert_eq!(
            full(&statute, Some("§ 552(b)(5)")).plain,
            "5 U.S.C. § 552(b)(5)"
        );
        assert_eq!(full(&statute, Some("(b)(5)")).plain, "5 U.S.C. § 552(b)(5)");
        assert_eq!(full(&statute, None).plain, "5 U.S.C. § 552");
        assert_eq!(
            short(&statute, Some("552(b)(5)")).plain,
            "5 U.S.C. § 552(b)(5)"
        );
        assert_eq!(
            id_of(&statute, Some("552(b)(5)")).markdown,
            "*Id.* § 552(b)(5)"
        );
        assert_eq!(id(Some("§ 552(b)(5)")).markdown, "*Id.* § 552(b)(5)");
    }

    #[test]
    fn rule_pins_are_subdivisions() {
        let rule = fed_r_civ_p_45();
        assert_eq!(
            full(&rule, Some("45(e)(2)(A)")).plain,
            "Fed. R. Civ. P. 45(e)(2)(A)"
        );
        assert_eq!(
            full(&rule, Some("(e)(2)(A)")).plain,
            "Fed. R. Civ. P. 45(e)(2)(A)"
        );
        assert_eq!(full(&rule, None).plain, "Fed. R. Civ. P. 45");
        assert_eq!(id_of(&rule, Some("45(d)(1)")).markdown, "*Id.* 45(d)(1)");
        assert_eq!(id(Some("45(d)(1)")).markdown, "*Id.* 45(d)(1)");
        assert_eq!(id_of(&rule, None).markdown, "*Id.*");
    }

    #[test]
    fn regulations_keep_their_code_form() {
        let regulation = ill_adm_code();
        assert_eq!(full(&regulation, None).plain, "20 Ill. Adm. Code 1240.80");
        assert_eq!(
            full(&regulation, Some("1240.80")).plain,
            "20 Ill. Adm. Code 1240.80"
        );
        assert_eq!(id_of(&regulation, Some("1240.80")).plain, "Id. 1240.80");
    }

    #[test]
    fn constitutional_pins_follow_the_article() {
        let amendment = authority(
            AuthorityKind::Constitution,
            "U.S. Const. amend. XIV",
            "U.S. Const. amend. XIV",
            "U.S. Const. amend. XIV, § 1",
        );
        assert_eq!(
            full(&amendment, Some("§ 1")).plain,
            "U.S. Const. amend. XIV, § 1"
        );
        assert_eq!(id_of(&amendment, Some("§ 1")).plain, "Id. amend. XIV, § 1");
    }

    #[test]
    fn record_cites_pin_pages_with_at_and_paragraphs_without() {
        let record = record_212();
        assert_eq!(
            full(&record, Some("6-9")).plain,
            "R. 212, Pl.'s Mot. at 6-9"
        );
        let order = authority(
            AuthorityKind::Record,
            "lopez-v-hart:R. 98",
            "R. 98",
            "R. 98 ¶ 6",
        );
        assert_eq!(full(&order, Some("¶ 6")).plain, "R. 98 ¶ 6");
        assert_eq!(id(Some("¶ 9")).plain, "Id. ¶ 9");
        assert_eq!(id(Some("at 3-4")).plain, "Id. at 3-4");
    }

    #[test]
    fn journal_articles_take_the_pin_before_the_year() {
        let article = authority(
            AuthorityKind::Other,
            "120 Yale L.J. 850",
            "120 Yale L.J. 850",
            "Richard A. Posner, The Bluebook Blues, 120 Yale L.J. 850, 851 (2011)",
        );
        assert_eq!(
            full(&article, Some("855")).plain,
            "Richard A. Posner, The Bluebook Blues, 120 Yale L.J. 850, 855 (2011)"
        );
        assert_eq!(
            full(&article, None).plain,
            "Richard A. Posner, The Bluebook Blues, 120 Yale L.J. 850 (2011)"
        );
    }

    #[test]
    fn signals_are_italic_and_id_after_a_signal_is_lower_case() {
        let see_also = signaled(Signal::SeeAlso, &short(&avila(), Some("416")), true);
        assert_eq!(see_also.markdown, "*See also* *Avila*, 214 F.R.D. at 416");
        assert_eq!(see_also.plain, "See also Avila, 214 F.R.D. at 416");
        let see_id = signaled(Signal::See, &id(Some("416")), false);
        assert_eq!(see_id.markdown, "*see* *id.* at 416");
        let see_eg = signaled(Signal::SeeEg, &full(&hoskins(), Some("763")), true);
        assert!(
            see_eg
                .markdown
                .starts_with("*See, e.g.*, *Hoskins v. Poelstra*")
        );
        let citing = signaled(Signal::Citing, &full(&usc_552(), Some("552(b)(5)")), false);
        assert_eq!(citing.markdown, "citing 5 U.S.C. § 552(b)(5)");
    }

    #[test]
    fn a_cite_displays_as_plain_text() {
        assert_eq!(id(Some("416")).to_string(), "Id. at 416");
    }
}
