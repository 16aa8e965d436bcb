//! Words inside a citation: case names abbreviated by T6 and T10 (R10.2.2),
//! the short-form name (R10.9), dates with T12 months, and the keys a table
//! of authorities sorts by. Text in, text out: no graph, no I/O.

use crate::graph::Authority;

use super::tables::tables;

/// Case names separate their parties with this.
const VERSUS: &str = " v. ";

/// A case name in citation form: each party's T6 words and T10 places
/// abbreviated, words already abbreviated left alone, typographic
/// apostrophes made plain so one name is spelled one way.
///
/// `Wexford Bank N.A. v. Finch & Associates` → `Wexford Bank N.A. v. Finch
/// & Assocs.`; `Brandt v. City of Chicago` → `Brandt v. City of Chi.`; a
/// party that is only a place or a listed word keeps it (`United States v.
/// Nixon`).
pub fn case_name(name: &str) -> String {
    let name = plain_apostrophes(name.trim());
    name.split(VERSUS)
        .map(abbreviate_party)
        .collect::<Vec<_>>()
        .join(VERSUS)
}

/// A date as written (`April 21, 2022`, `Sept. 18, 2023`, `2022-04-21`) with
/// its month as T12 abbreviates it (`Apr. 21, 2022`); text with no month is
/// returned as written.
pub fn date(written: &str) -> String {
    let written = written.trim();
    if let Some(iso) = iso_date(written) {
        return iso;
    }
    let mut words: Vec<String> = written.split(' ').map(str::to_string).collect();
    for i in 0..words.len() {
        // Only a month followed by its day or year is one: a `May` in other
        // text must stay as written.
        let followed_by_number = words
            .get(i + 1)
            .is_some_and(|next| next.starts_with(|c: char| c.is_ascii_digit()));
        let (bare, trail) = split_trailing(&words[i]);
        if let Some(month) = month(bare).filter(|_| followed_by_number) {
            let abbreviated = format!("{}{}", month.abbreviation, trail.trim_start_matches('.'));
            words[i] = abbreviated;
            break;
        }
    }
    words.join(" ")
}

/// The name short forms use (R10.9): the corpus's own short name when it has
/// one, else the first party's words up to a comma, connector or business
/// designation (`Tolman Mfg. Co.` → `Tolman Mfg.`), taken from the other party
/// when the first is a government, a place or a common litigant
/// (`U.S. Land & Water Serv. v. Prairie Club` → `Prairie Club`).
pub(super) fn short_name(a: &Authority) -> String {
    if let Some(short) = a
        .short_names
        .iter()
        .map(|s| s.trim())
        .find(|s| !s.is_empty())
    {
        return abbreviate_party(&plain_apostrophes(short));
    }
    let name = case_name(&a.name);
    let parties: Vec<&str> = name.split(VERSUS).map(str::trim).collect();
    let party = parties
        .iter()
        .find(|p| !is_common_litigant(p))
        .or(parties.first())
        .copied()
        .unwrap_or_default();
    first_words(party)
}

/// The key a case is alphabetized by: its name in lower case, without
/// punctuation and without a leading `In re`, `Ex parte` or article.
pub(super) fn alphabetical_key(name: &str) -> String {
    let rules = &tables().forms.table_of_authorities;
    let mut name = name.trim();
    for word in &rules.ignored_leading_words {
        if let Some(rest) = strip_word_prefix(name, word) {
            name = rest;
            break;
        }
    }
    let letters: String = name
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    letters.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A piece of a natural sort key: numbers compare as numbers, so `5 U.S.C.`
/// files before `28 U.S.C.` and Rule 26 before Rule 45.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Chunk {
    /// A run of digits.
    Number(u64),
    /// A run of anything else, lower-cased.
    Text(String),
}

/// The key codes and rules are ordered by: federal first, then naturally.
pub(super) fn provision_key(citation: &str) -> (bool, Vec<Chunk>) {
    let rules = &tables().forms.table_of_authorities;
    let federal = rules
        .federal_marks
        .iter()
        .any(|m| citation.contains(m.as_str()));
    let mut chunks = Vec::new();
    let mut digits = String::new();
    let mut text = String::new();
    for c in citation.chars() {
        if c.is_ascii_digit() {
            if !text.is_empty() {
                chunks.push(Chunk::Text(std::mem::take(&mut text)));
            }
            digits.push(c);
        } else {
            if !digits.is_empty() {
                chunks.push(number(&std::mem::take(&mut digits)));
            }
            text.extend(c.to_lowercase());
        }
    }
    if !digits.is_empty() {
        chunks.push(number(&digits));
    }
    if !text.is_empty() {
        chunks.push(Chunk::Text(text));
    }
    (!federal, chunks)
}

fn number(digits: &str) -> Chunk {
    // Longer than u64 is no citation number; compare it as text.
    digits
        .parse()
        .map(Chunk::Number)
        .unwrap_or_else(|_| Chunk::Text(digits.to_string()))
}

/// The month `word` names: the full name or any abbreviation of at least three
/// letters (`Sept`, `Sep`, `Mar`), capitalized as a month is.
pub(super) fn month(word: &str) -> Option<&'static super::tables::Month> {
    if word.chars().count() < 3 || !word.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let lower = word.to_lowercase();
    tables()
        .months
        .iter()
        .find(|m| m.name.to_lowercase().starts_with(&lower))
}

/// `2022-04-21` → `Apr. 21, 2022`.
fn iso_date(text: &str) -> Option<String> {
    let mut parts = text.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 {
        return None;
    }
    let (year, month, day): (u32, usize, u32) =
        (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    let month = tables().months.get(month.checked_sub(1)?)?;
    Some(format!("{} {day}, {year}", month.abbreviation))
}

fn plain_apostrophes(text: &str) -> String {
    text.replace('’', "'")
}

/// `word` with its trailing punctuation split off: `States.` → (`States`, `.`).
fn split_trailing(word: &str) -> (&str, &str) {
    let bare = word.trim_end_matches([',', '.', ';', ':']);
    (bare, &word[bare.len()..])
}

/// `text` after `prefix` when `prefix` is its whole first word(s).
fn strip_word_prefix<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let rest = text.strip_prefix(prefix)?;
    rest.strip_prefix(' ').map(str::trim_start)
}

/// One party with its T6 and T10 words abbreviated, longest phrase first.
fn abbreviate_party(party: &str) -> String {
    let t = tables();
    let (bare, _) = split_trailing(party.trim());
    // R10.2.2: a place (or listed word) that is the party itself stays whole.
    if t.words.contains_key(bare) {
        return party.to_string();
    }
    let tokens: Vec<&str> = party.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        match longest_match(&tokens[i..], t.longest_phrase) {
            Some((taken, abbreviation, trail)) => {
                // `United States.` must not become `U.S..`.
                let trail = if abbreviation.ends_with('.') {
                    trail.strip_prefix('.').unwrap_or(trail)
                } else {
                    trail
                };
                out.push(format!("{abbreviation}{trail}"));
                i += taken;
            }
            None => {
                out.push(tokens[i].to_string());
                i += 1;
            }
        }
    }
    out.join(" ")
}

/// The longest table phrase at the start of `tokens`: how many tokens it
/// takes, its abbreviation and the punctuation that followed it.
fn longest_match<'t>(tokens: &[&'t str], longest: usize) -> Option<(usize, &'static str, &'t str)> {
    let t = tables();
    for n in (1..=longest.min(tokens.len())).rev() {
        let (inner, last) = tokens[..n].split_at(n - 1);
        // Punctuation inside a phrase ends it: `York, New` is no `New York`.
        if inner.iter().any(|w| !split_trailing(w).1.is_empty()) {
            continue;
        }
        let (bare, trail) = split_trailing(last[0]);
        let mut phrase = inner.join(" ");
        if !phrase.is_empty() {
            phrase.push(' ');
        }
        phrase.push_str(bare);
        if let Some(abbreviation) = t.words.get(&phrase) {
            return Some((n, abbreviation.as_str(), trail));
        }
    }
    None
}

/// Whether R10.9 passes over `party` for the other one: a government, a
/// place, or a common litigant.
fn is_common_litigant(party: &str) -> bool {
    let t = tables();
    let rules = &t.forms.short_form;
    let (bare, _) = split_trailing(party);
    rules.skip_parties.iter().any(|p| p == bare)
        || t.places.iter().any(|p| p == bare)
        || rules
            .skip_prefixes
            .iter()
            .any(|p| strip_word_prefix(bare, p).is_some())
}

/// The words of `party` a short form keeps: up to a comma, a connector or a
/// business designation, after any `In re`.
fn first_words(party: &str) -> String {
    let rules = &tables().forms.short_form;
    let mut party = party.trim();
    for prefix in &rules.drop_prefixes {
        if let Some(rest) = strip_word_prefix(party, prefix) {
            party = rest;
            break;
        }
    }
    let mut kept: Vec<&str> = Vec::new();
    for word in party.split_whitespace() {
        if !kept.is_empty() && rules.stop_words.iter().any(|s| s == word) {
            break;
        }
        if let Some(before_comma) = word.strip_suffix(',') {
            kept.push(before_comma);
            break;
        }
        kept.push(word);
    }
    if kept.is_empty() {
        party.to_string()
    } else {
        kept.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::AuthorityKind;

    fn case(name: &str, short_names: &[&str]) -> Authority {
        Authority {
            key: String::new(),
            kind: AuthorityKind::Case,
            name: name.to_string(),
            short_names: short_names.iter().map(|s| s.to_string()).collect(),
            full_citation: String::new(),
            reporter_cite: None,
            docket_number: None,
            court: None,
            court_name: None,
            year: None,
            date: None,
        }
    }

    #[test]
    fn t6_words_are_abbreviated_in_case_names() {
        for (written, cited) in [
            (
                "Wexford Bank N.A. v. Finch & Associates",
                "Wexford Bank N.A. v. Finch & Assocs.",
            ),
            (
                "Delgado v. Chicago Board of Education",
                "Delgado v. Chi. Bd. of Educ.",
            ),
            (
                "Memorial Hospital for Dunmore County v. Kessler",
                "Mem'l Hosp. for Dunmore Cnty. v. Kessler",
            ),
            (
                "Tolman Manufacturing Co. v. National Crestline Industries, Inc.",
                "Tolman Mfg. Co. v. Nat'l Crestline Indus., Inc.",
            ),
            (
                "National Tenant Justice Center v. U.S. Department of Justice",
                "Nat'l Tenant Just. Ctr. v. U.S. Dep't of Just.",
            ),
            (
                "Department of Interior v. Ridgeway Water Users Protective Association",
                "Dep't of Interior v. Ridgeway Water Users Protective Ass'n",
            ),
            (
                "Maria L.R. v. South Kenmore School District 42",
                "Maria L.R. v. S. Kenmore Sch. Dist. 42",
            ),
            (
                "Urban 5 Cedar Lake Corporation v. Statewide Affordable Housing Fund 2, LLC",
                "Urb. 5 Cedar Lake Corp. v. Statewide Affordable Hous. Fund 2, LLC",
            ),
            (
                "U.S. Land & Water Service v. Prairie Club",
                "U.S. Land & Water Serv. v. Prairie Club",
            ),
        ] {
            assert_eq!(case_name(written), cited, "{written}");
        }
    }

    #[test]
    fn words_t6_does_not_list_stay_as_written() {
        assert_eq!(
            case_name(
                "Imaging Center at 740 N. Michigan Avenue, LLC v. American Surgeons Assurance Corporation"
            ),
            "Imaging Ctr. at 740 N. Mich. Ave., LLC v. Am. Surgeons Assurance Corp."
        );
        assert_eq!(
            case_name("Nat’l Tenant Just. Ctr. v. U.S. Dep’t of Just."),
            "Nat'l Tenant Just. Ctr. v. U.S. Dep't of Just.",
            "already abbreviated, apostrophes made plain"
        );
    }

    #[test]
    fn a_place_is_abbreviated_unless_it_is_the_party() {
        assert_eq!(
            case_name("Brandt v. City of Chicago"),
            "Brandt v. City of Chi."
        );
        assert_eq!(case_name("Avila v. City of Chi."), "Avila v. City of Chi.");
        assert_eq!(case_name("Illinois v. Gates"), "Illinois v. Gates");
        assert_eq!(
            case_name("United States v. Nixon"),
            "United States v. Nixon"
        );
        assert_eq!(case_name("West v. Atkins"), "West v. Atkins", "a surname");
        assert_eq!(
            case_name("Smith v. New York City Housing Authority"),
            "Smith v. N.Y. City Hous. Auth.",
            "a phrase wins over its first word"
        );
        assert_eq!(
            case_name("Orbis Tech Int'l Inc. v. United States. E.P.A."),
            "Orbis Tech Int'l Inc. v. U.S. E.P.A.",
            "no doubled period"
        );
    }

    #[test]
    fn dates_take_t12_months() {
        for (written, cited) in [
            ("April 21, 2022", "Apr. 21, 2022"),
            ("March 14, 2025", "Mar. 14, 2025"),
            ("Feb. 9, 2018", "Feb. 9, 2018"),
            ("Sept. 18, 2023", "Sept. 18, 2023"),
            ("Sep. 18, 2023", "Sept. 18, 2023"),
            ("September 18, 2023", "Sept. 18, 2023"),
            ("May 19, 2015", "May 19, 2015"),
            ("June 1, 2020", "June 1, 2020"),
            ("2024-04-16", "Apr. 16, 2024"),
            ("2005", "2005"),
        ] {
            assert_eq!(date(written), cited, "{written}");
        }
    }

    #[test]
    fn the_corpus_short_name_wins() {
        assert_eq!(
            short_name(&case(
                "Wexford Bank N.A. v. Finch & Associates",
                &["Wexford"]
            )),
            "Wexford"
        );
        assert_eq!(
            short_name(&case(
                "Nat’l Tenant Just. Ctr. v. U.S. Dep’t of Just.",
                &["Nat’l Tenant Just. Ctr."]
            )),
            "Nat'l Tenant Just. Ctr."
        );
    }

    #[test]
    fn short_names_follow_rule_10_9() {
        for (name, short) in [
            ("Delgado v. Chi. Bd. of Educ.", "Delgado"),
            ("Brandt v. City of Chicago", "Brandt"),
            ("Harbor Citizens, N.A. v. Trask", "Harbor Citizens"),
            ("Mem'l Hosp. for Dunmore Cnty. v. Kessler", "Mem'l Hosp."),
            ("Maria L.R. v. S. Kenmore Sch. Dist. 42", "Maria L.R."),
            (
                "Tolman Mfg. Co. v. Nat’l Crestline Indus., Inc.",
                "Tolman Mfg.",
            ),
            (
                "Imaging Ctr. at 740 N. Mich. Ave., LLC v. Am. Surgeons Assurance Corp.",
                "Imaging Ctr.",
            ),
            ("U.S. Land & Water Serv. v. Prairie Club", "Prairie Club"),
            (
                "Dep’t of Interior v. Ridgeway Water Users Prot. Ass’n",
                "Ridgeway Water Users Prot. Ass'n",
            ),
            ("United States v. Nixon", "Nixon"),
            ("People v. Smith", "Smith"),
            ("Illinois v. Gates", "Gates"),
            ("City of Chicago v. Morales", "Morales"),
            ("In re Grand Jury Proceedings", "Grand Jury Proceedings"),
        ] {
            assert_eq!(short_name(&case(name, &[])), short, "{name}");
        }
    }

    #[test]
    fn alphabetical_keys_ignore_in_re_articles_and_punctuation() {
        assert_eq!(alphabetical_key("In re Grand Jury"), "grand jury");
        assert_eq!(
            alphabetical_key("The Hoskins Co. v. Poelstra"),
            "hoskins co v poelstra"
        );
        assert_eq!(alphabetical_key("J.D. v. Harlan"), "jd v harlan");
        assert_eq!(
            alphabetical_key("A.B. v. C.D."),
            "ab v cd",
            "initials are no article"
        );
        assert!(alphabetical_key("Dep't of Interior") < alphabetical_key("Orbis Tech"));
    }

    #[test]
    fn provisions_sort_federal_first_and_by_number() {
        let mut cites = [
            "815 ILCS 530",
            "28 U.S.C. § 1331",
            "725 ILCS 120/4",
            "5 U.S.C. § 552",
        ];
        cites.sort_by_key(|c| provision_key(c));
        assert_eq!(
            cites,
            [
                "5 U.S.C. § 552",
                "28 U.S.C. § 1331",
                "725 ILCS 120/4",
                "815 ILCS 530"
            ]
        );
    }
}
