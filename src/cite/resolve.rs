//! Resolution: short forms, *Id.* and bare rules linked to their
//! antecedents; every citation but a Bates cite gets its authority key.
//!
//! Keys: `512 F.3d 346` (canonical reporter spelling), `2019 WL 581306`,
//! `No. 21 CV 5123, Dkt. No. 88`, `5 U.S.C. § 552`, `725 ILCS 120/4`,
//! `Fed. R. Civ. P. 45`, `U.S. Const. amend. XIV`, `R. 157`.
//!
//! The rules practitioners use:
//!
//! * *Id.* refers to the immediately preceding citation that is neither
//!   nested in a parenthetical nor a Bates cite, record cites included. An
//!   *Id.* with a page pin (`at 3-4`) or an exhibit skips rules and
//!   statutes, which have no pages. When the preceding citation is itself
//!   an *Id.*, the new one points where that one points, so `resolved_to`
//!   never names an *Id.*
//! * Footnotes are read apart from the body: a body *Id.* never looks into
//!   a footnote; a footnote's *Id.* looks back through its own footnote
//!   first, then through the body text printed before the footnote.
//! * A short form resolves to the latest earlier full cite (nested ones
//!   included) with the same volume and reporter (WL: the same number;
//!   docket entries: the same docket number and entry), preferring one whose
//!   first page is not after the pin and whose name matches.
//! * A bare `Rule 45` takes the rule set of the nearest earlier rule cite.

use super::reporters::{LawForm, Reporters};
use super::{Citation, CitationKind};
use std::collections::HashMap;

/// How far back an *Id.* looks for a compatible antecedent.
const ID_REACH: usize = 64;
/// How many earlier full cites of the same volume a short form weighs.
const SHORT_REACH: usize = 64;

/// Resolves `citations` (in text order) in place.
pub fn resolve(citations: &mut [Citation], reporters: &Reporters) {
    // The rule set of the last rule cite that named one.
    let mut rule_set: Option<String> = None;
    // Full cites seen so far, by what a short form repeats of them.
    let mut sources: HashMap<String, Vec<usize>> = HashMap::new();
    // The parties of the full cites so far, lower-cased once for the name
    // lookups of short forms and of supra and reference cites (which reach
    // far back, and in a long opinion would otherwise step over every
    // other citation).
    let mut parties: Vec<Parties> = Vec::new();
    for i in 0..citations.len() {
        // Here, not in a pass of its own: a long opinion's citations do
        // not stay in the cache from one pass over them to the next.
        inherit_rule_set(&mut citations[i], &mut rule_set);
        let (target, key) = match citations[i].kind {
            CitationKind::IdCitation => id_antecedent(citations, i),
            CitationKind::ShortCaseCitation => short_antecedent(citations, i, &sources, &parties),
            CitationKind::DocketEntryCitation if citations[i].short_name.is_some() => {
                short_antecedent(citations, i, &sources, &parties)
            }
            CitationKind::SupraCitation | CitationKind::ReferenceCitation => {
                named_antecedent(citations, i, &parties)
            }
            _ => (None, own_key(&citations[i], reporters)),
        };
        citations[i].resolved_to = target;
        citations[i].authority = key;
        // A WL number with a name but no earlier full cite is a full cite
        // whose court and year were left out (`*Saysana*, 2008 WL 5484553`).
        let c = &mut citations[i];
        if c.kind == CitationKind::ShortCaseCitation && target.is_none() && c.page.is_some() {
            c.kind = CitationKind::FullCaseCitation;
            if c.plaintiff.is_none() {
                c.plaintiff.clone_from(&c.short_name);
            }
        }
        if let Some(source) = full_source(&citations[i]) {
            sources.entry(source).or_default().push(i);
        }
        parties.extend(Parties::of(i, &citations[i]));
    }
}

/// A full cite's parties in lower case.
struct Parties {
    /// The full cite's index.
    at: usize,
    names: [Option<String>; 2],
    /// [`pairs`] of both names.
    pairs: u64,
}

impl Parties {
    /// `None` for anything but a full cite: no name lookup considers it.
    fn of(at: usize, c: &Citation) -> Option<Parties> {
        if !matches!(
            c.kind,
            CitationKind::FullCaseCitation | CitationKind::FullJournalCitation
        ) {
            return None;
        }
        let names = [&c.plaintiff, &c.defendant].map(|p| p.as_deref().map(str::to_lowercase));
        let pairs = names.iter().flatten().fold(0, |m, n| m | pairs(n));
        Some(Parties { at, names, pairs })
    }

    /// Whether a party contains `name` (lower-cased), whose [`pairs`] are
    /// `name_pairs`.
    fn contain(&self, name: &str, name_pairs: u64) -> bool {
        name_pairs & !self.pairs == 0 && self.names.iter().flatten().any(|n| n.contains(name))
    }
}

/// The byte pairs of `s`, hashed into 64 bits. A name with a pair that no
/// party has is in neither, which settles most lookups without a search:
/// most supra names (treatises, `Part II.A`) are in no party, and their
/// lookup reaches back [`NAME_REACH`] citations.
fn pairs(s: &str) -> u64 {
    s.as_bytes().windows(2).fold(0, |m, w| {
        m | 1 << ((u32::from(w[0]) * 31 + u32::from(w[1])) % 64)
    })
}

/// What a short form repeats of a full cite: volume and reporter, or docket
/// number and entry. `None` for anything but a full case or docket cite.
fn full_source(c: &Citation) -> Option<String> {
    match c.kind {
        CitationKind::FullCaseCitation => Some(short_source(c)?),
        CitationKind::DocketEntryCitation if c.short_name.is_none() => Some(short_source(c)?),
        _ => None,
    }
}

fn short_source(c: &Citation) -> Option<String> {
    match c.kind {
        CitationKind::DocketEntryCitation => Some(format!(
            "{}|{}",
            c.docket_number.as_deref()?,
            c.docket_entry.as_deref()?
        )),
        _ => Some(format!(
            "{} {}",
            c.volume.as_deref()?,
            c.corrected_reporter.as_deref()?
        )),
    }
}

/// A rule cite that names no rule set (`Rule 26(b)(1)` after `Fed. R.
/// Civ. P. 45`) takes the last one named, kept in `last`.
fn inherit_rule_set(c: &mut Citation, last: &mut Option<String>) {
    if c.kind != CitationKind::RuleCitation {
        return;
    }
    match &c.corrected_reporter {
        Some(code) => *last = Some(code.clone()),
        None => c.corrected_reporter = last.clone(),
    }
}

/// The key a citation names by itself (not through an antecedent).
pub fn own_key(c: &Citation, reporters: &Reporters) -> Option<String> {
    match c.kind {
        // Parallel cites carry the group's key already.
        CitationKind::FullCaseCitation => c.authority.clone().or_else(|| case_key(c)),
        CitationKind::FullJournalCitation => case_key(c),
        CitationKind::DocketEntryCitation => docket_key(c),
        CitationKind::FullLawCitation | CitationKind::RuleCitation => law_key(c, reporters),
        CitationKind::RecordCitation => Some(format!("R. {}", c.docket_entry.as_deref()?)),
        _ => None,
    }
}

fn case_key(c: &Citation) -> Option<String> {
    let (volume, reporter, page) = (
        c.volume.as_deref()?,
        c.corrected_reporter.as_deref()?,
        c.page.as_deref()?,
    );
    Some(format!("{volume} {reporter} {page}"))
}

fn docket_key(c: &Citation) -> Option<String> {
    Some(format!(
        "{}, Dkt. No. {}",
        c.docket_number.as_deref()?,
        c.docket_entry.as_deref()?
    ))
}

fn law_key(c: &Citation, reporters: &Reporters) -> Option<String> {
    let code = c.corrected_reporter.as_deref()?;
    let page = c.page.as_deref()?;
    // A code named in full (`N.Y. Ins. Law`) is not in the table.
    let Some(law) = reporters.law_by_code(code) else {
        return Some(format!("{code} § {page}"));
    };
    let sign = if law.section_sign { "§ " } else { "" };
    Some(match (law.form, c.volume.as_deref()) {
        (LawForm::Titled, Some(title)) => format!("{title} {code} {sign}{page}"),
        (LawForm::Chapter, Some(chapter)) => format!("{code} ch. {chapter}, § {page}"),
        (LawForm::Volume, Some(volume)) => format!("{volume} {code} {page}"),
        (LawForm::PublicLaw, _) => format!("{code} No. {page}"),
        (LawForm::Titled | LawForm::Sectioned | LawForm::Subject | LawForm::Chapter, _) => {
            format!("{code} § {page}")
        }
        _ => format!("{code} {page}"),
    })
}

/// Candidates for *Id.* at `i`, nearest first: its own footnote, then the
/// body before it; or, in the body, the body only.
fn id_candidates(citations: &[Citation], i: usize) -> impl Iterator<Item = usize> + '_ {
    let note = citations[i].location.footnote;
    let at = citations[i].span.start;
    // A footnote's citations sit together in text order.
    let own = (0..i)
        .rev()
        .take_while(move |&j| note.is_some() && citations[j].location.footnote == note);
    let body = (0..i)
        .rev()
        .filter(move |&j| citations[j].location.footnote.is_none() && citations[j].span.start < at);
    own.chain(body).take(ID_REACH)
}

fn id_antecedent(citations: &[Citation], i: usize) -> (Option<usize>, Option<String>) {
    let paged = has_page_pin(&citations[i]);
    for j in id_candidates(citations, i) {
        let c = &citations[j];
        if c.nested.is_some() || c.kind == CitationKind::BatesCitation {
            continue;
        }
        let target = if c.kind == CitationKind::IdCitation {
            c.resolved_to
        } else {
            Some(j)
        };
        let Some(t) = target else { return (None, None) };
        let pageless = matches!(
            citations[t].kind,
            CitationKind::RuleCitation | CitationKind::FullLawCitation
        );
        if paged && pageless {
            continue;
        }
        return (Some(t), citations[t].authority.clone());
    }
    (None, None)
}

/// How far back a supra or reference cite looks for the case it names.
const NAME_REACH: usize = 2000;

/// The latest earlier full cite (not one only mentioned in a
/// parenthetical, when another will do) whose parties include the name a
/// supra or reference cite uses.
fn named_antecedent(
    citations: &[Citation],
    i: usize,
    parties: &[Parties],
) -> (Option<usize>, Option<String>) {
    let Some((name, name_pairs)) = sought_name(&citations[i]) else {
        return (None, None);
    };
    let mut candidates = parties
        .iter()
        .rev()
        .take_while(|p| p.at + NAME_REACH >= i)
        .filter(|p| p.contain(&name, name_pairs))
        .map(|p| p.at);
    let first = candidates.next();
    let pick = first
        .into_iter()
        .chain(candidates)
        .find(|&j| citations[j].nested.is_none())
        .or(first);
    match pick {
        Some(j) => (Some(j), citations[j].authority.clone()),
        None => (None, None),
    }
}

/// `at 3-4`, `at *4` or an exhibit: a pin only a document or case has.
fn has_page_pin(c: &Citation) -> bool {
    let page = c.pin_cite.as_deref().is_some_and(|p| {
        p.starts_with(|ch: char| ch.is_ascii_digit() || ch == '*') && !p.contains('(')
    });
    page || c.document.is_some()
}

fn short_antecedent(
    citations: &[Citation],
    i: usize,
    sources: &HashMap<String, Vec<usize>>,
    parties: &[Parties],
) -> (Option<usize>, Option<String>) {
    let c = &citations[i];
    let seen = short_source(c)
        .and_then(|k| sources.get(&k))
        .map_or(&[][..], Vec::as_slice);
    // The latest candidate whose first page fits the pin and whose name
    // matches; else the latest that fits; else the latest. The search stops
    // at the first full match: in a long opinion a popular volume has
    // dozens of candidates.
    let wanted = Wanted::of(c);
    let (mut first, mut first_fit, mut pick) = (None, None, None);
    let candidates = seen
        .iter()
        .rev()
        .copied()
        .filter(|&j| same_source(c, &citations[j]))
        .take(SHORT_REACH);
    for j in candidates {
        first.get_or_insert(j);
        if wanted.page_fits(&citations[j]) {
            if wanted.name_fits(&citations[j], parties_of(parties, j)) {
                pick = Some(j);
                break;
            }
            first_fit.get_or_insert(j);
        }
    }
    let pick = pick.or(first_fit).or(first);
    match pick {
        Some(j) => (Some(j), citations[j].authority.clone()),
        // A WL number or docket entry names its case even without an antecedent.
        None if c.kind == CitationKind::DocketEntryCitation => (None, docket_key(c)),
        None => (None, case_key(c)),
    }
}

/// Whether `full` is a full cite the short form `short` may stand for.
fn same_source(short: &Citation, full: &Citation) -> bool {
    match short.kind {
        CitationKind::DocketEntryCitation => {
            full.kind == CitationKind::DocketEntryCitation
                && full.short_name.is_none()
                && full.docket_number == short.docket_number
                && full.docket_entry == short.docket_entry
        }
        _ => {
            full.kind == CitationKind::FullCaseCitation
                && full.volume == short.volume
                && full.corrected_reporter == short.corrected_reporter
                && (short.page.is_none() || full.page == short.page)
        }
    }
}

/// What a short form's candidates are held to, read once: a short form
/// may weigh dozens of full cites.
struct Wanted {
    /// The number its pin starts with, when it gives no page of its own.
    pin: Option<u64>,
    /// The name it uses, lower-cased, with its [`pairs`].
    name: Option<(String, u64)>,
}

impl Wanted {
    fn of(short: &Citation) -> Wanted {
        let pin = if short.page.is_none() {
            leading_number(short.pin_cite.as_deref())
        } else {
            None
        };
        Wanted {
            pin,
            name: sought_name(short),
        }
    }

    /// Whether the pin can lie in `full` (first page ≤ pin).
    fn page_fits(&self, full: &Citation) -> bool {
        match (leading_number(full.page.as_deref()), self.pin) {
            (Some(page), Some(pin)) => page <= pin,
            _ => true,
        }
    }

    /// Whether `full`, whose lower-cased parties are `parties` when it is a
    /// full case cite, has a party of the name.
    fn name_fits(&self, full: &Citation, parties: Option<&Parties>) -> bool {
        let Some((name, name_pairs)) = &self.name else {
            return true;
        };
        match parties {
            Some(p) => p.contain(name, *name_pairs),
            // A docket entry's parties are not kept lower-cased.
            None => [&full.plaintiff, &full.defendant]
                .iter()
                .filter_map(|p| p.as_deref())
                .any(|p| p.to_lowercase().contains(name.as_str())),
        }
    }
}

/// The name a short form, supra or reference cite goes by, lower-cased,
/// with its [`pairs`].
fn sought_name(c: &Citation) -> Option<(String, u64)> {
    let name = c
        .short_name
        .as_deref()
        .or(c.plaintiff.as_deref())?
        .to_lowercase();
    let name_pairs = pairs(&name);
    Some((name, name_pairs))
}

/// The number a page or pin starts with: `*4` gives 4, `486-87` 486.
fn leading_number(s: Option<&str>) -> Option<u64> {
    let s = s?.trim_start_matches('*');
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    s[..end].parse().ok()
}

/// The lower-cased parties of the full cite at `at`, if it is one.
fn parties_of(parties: &[Parties], at: usize) -> Option<&Parties> {
    let k = parties.binary_search_by_key(&at, |p| p.at).ok()?;
    parties.get(k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::{Location, extract};

    proptest::proptest! {
        /// The byte-pair filter only saves searches: a party lookup says
        /// what `contains` says, for names that are in a party and not.
        #[test]
        fn party_lookups_agree_with_a_plain_search(
            plaintiff in "[a-zé .&']{0,24}",
            defendant in proptest::option::of("[a-zé .&']{0,24}"),
            from in 0usize..24,
            len in 0usize..12,
            other in "[a-zé .']{0,8}",
        ) {
            let mut c = Citation::new(CitationKind::FullCaseCitation);
            c.plaintiff = Some(plaintiff.clone());
            c.defendant.clone_from(&defendant);
            let parties = Parties::of(0, &c).expect("a full cite has parties");
            let chars: Vec<char> = plaintiff.chars().collect();
            let from = from.min(chars.len());
            let part: String = chars[from..(from + len).min(chars.len())].iter().collect();
            for name in [part, other] {
                let plain = plaintiff.contains(&name)
                    || defendant.as_deref().is_some_and(|d| d.contains(&name));
                proptest::prop_assert_eq!(parties.contain(&name, pairs(&name)), plain, "{}", name);
            }
        }
    }

    fn cite(kind: CitationKind, start: usize) -> Citation {
        let mut c = Citation::new(kind);
        c.span.start = start;
        c
    }

    #[test]
    fn id_skips_pageless_antecedents_for_page_pins() {
        let mut record = cite(CitationKind::RecordCitation, 0);
        record.docket_entry = Some("157".into());
        let mut rule = cite(CitationKind::RuleCitation, 10);
        rule.corrected_reporter = Some("Fed. R. Civ. P.".into());
        rule.page = Some("26".into());
        let mut id = cite(CitationKind::IdCitation, 20);
        id.pin_cite = Some("3-4".into());
        let mut rule_id = cite(CitationKind::IdCitation, 30);
        rule_id.pin_cite = Some("26(b)(5)".into());
        let mut all = vec![record, rule, id];
        resolve(&mut all, &Reporters::bundled());
        assert_eq!(all[2].resolved_to, Some(0));
        assert_eq!(all[2].authority.as_deref(), Some("R. 157"));
        let mut all = vec![all[0].clone(), all[1].clone(), rule_id];
        resolve(&mut all, &Reporters::bundled());
        assert_eq!(all[2].authority.as_deref(), Some("Fed. R. Civ. P. 26"));
    }

    #[test]
    fn footnote_id_reads_its_own_footnote_first() {
        let mut body = cite(CitationKind::RecordCitation, 0);
        body.docket_entry = Some("1".into());
        let mut note = cite(CitationKind::RecordCitation, 50);
        note.docket_entry = Some("2".into());
        note.location = Location {
            paragraph: 1,
            footnote: Some(1),
            section: None,
        };
        let mut body_id = cite(CitationKind::IdCitation, 80);
        body_id.location.paragraph = 1;
        let mut note_id = cite(CitationKind::IdCitation, 60);
        note_id.location = note.location.clone();
        let mut all = vec![body, note, note_id, body_id];
        resolve(&mut all, &Reporters::bundled());
        assert_eq!(all[2].authority.as_deref(), Some("R. 2"));
        assert_eq!(all[3].authority.as_deref(), Some("R. 1"));
    }

    #[test]
    fn id_never_points_into_a_parenthetical() {
        let text = "The court has considered the matter with care and now turns to the question. *Reyes v. City of Chi.*, No. 21 CV 5906, 2022 WL 4471389, at *3 (N.D. Ill. 2022) (citing *Quinn v. City of Chi.*, No. 12 CV 7310, 2014 WL 10988251, at *2 (N.D. Ill. 2014)). It agreed. *Id.*\n";
        let cites = extract(text, &Reporters::bundled()).citations;
        let id = cites.iter().find(|c| c.kind == CitationKind::IdCitation);
        assert_eq!(
            id.and_then(|c| c.authority.as_deref()),
            Some("2022 WL 4471389")
        );
        assert_eq!(id.and_then(|c| c.resolved_to), Some(0));
    }

    #[test]
    fn short_form_picks_by_name_when_two_share_a_volume() {
        let text = "The court has considered the matter with care and now turns to the question. *Smith v. A*, 618 F.3d 900, 901 (7th Cir. 2010); *Jones v. B*, 618 F.3d 955, 957 (7th Cir. 2010). *Smith*, 618 F.3d at 960. *Jones*, 618 F.3d at 960.\n";
        let cites = extract(text, &Reporters::bundled()).citations;
        let keys: Vec<Option<&str>> = cites.iter().map(|c| c.authority.as_deref()).collect();
        assert_eq!(
            keys,
            [
                Some("618 F.3d 900"),
                Some("618 F.3d 955"),
                Some("618 F.3d 900"),
                Some("618 F.3d 955")
            ]
        );
    }

    #[test]
    fn unresolved_wl_short_form_still_names_its_case() {
        let text = "The court has considered the matter with care and now turns to the question. *Banks*, 2021 WL 2210567, at *2.\n";
        let cites = extract(text, &Reporters::bundled()).citations;
        assert_eq!(cites[0].resolved_to, None);
        assert_eq!(cites[0].authority.as_deref(), Some("2021 WL 2210567"));
    }
}
