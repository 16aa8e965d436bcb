//! The Bluebook's tables as data: T6 (words in case names), T10 (places),
//! T12 (months), and the facts the forms are built from (reporters that name
//! their court, databases, docket-entry words, short-form and ordering rules).
//!
//! Both files under `data/bluebook/` are compiled in with `include_str!` and
//! parsed once; the unit tests below check them, so a broken file fails
//! `cargo test`, not a user's run. Nothing here formats a citation.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use serde::Deserialize;

const ABBREVIATIONS_TOML: &str = include_str!("../../data/bluebook/abbreviations.toml");
const FORMS_TOML: &str = include_str!("../../data/bluebook/forms.toml");

/// `data/bluebook/abbreviations.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct AbbreviationsFile {
    case_words: BTreeMap<String, String>,
    geography: BTreeMap<String, String>,
    months: Vec<Month>,
}

/// A month of T12.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Month {
    /// `September`.
    pub name: String,
    /// `Sept.`
    pub abbreviation: String,
}

/// `data/bluebook/forms.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Forms {
    /// Reporter → courts-db id of the one court it publishes.
    pub court_reporters: BTreeMap<String, String>,
    /// courts-db id → court as written in a parenthetical.
    pub court_names: BTreeMap<String, String>,
    /// Last words of database reporters (`WL`).
    pub databases: Vec<String>,
    /// Words that mark a docket-entry key (`Dkt.`).
    pub docket_entries: Vec<String>,
    /// R10.9 rules for short-form names.
    pub short_form: ShortForm,
    /// Ordering rules for tables of authorities.
    pub table_of_authorities: Ordering,
}

/// Which party and which of its words a short form keeps.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ShortForm {
    /// Whole party names never used.
    pub skip_parties: Vec<String>,
    /// Party beginnings never used.
    pub skip_prefixes: Vec<String>,
    /// Procedural words dropped from the front.
    pub drop_prefixes: Vec<String>,
    /// Words the short name stops before.
    pub stop_words: Vec<String>,
}

/// How a table of authorities orders its entries.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Ordering {
    /// Leading words alphabetization ignores.
    pub ignored_leading_words: Vec<String>,
    /// Marks of federal codes and rules, filed first.
    pub federal_marks: Vec<String>,
}

/// Everything loaded, with the word lookup built.
#[derive(Debug, Default)]
pub(super) struct Tables {
    /// T6 and T10 together: word or phrase → abbreviation.
    pub words: HashMap<String, String>,
    /// T10 alone, names and abbreviations, for R10.9's "geographical unit".
    pub places: Vec<String>,
    /// The most words any key of `words` has.
    pub longest_phrase: usize,
    /// T12 in calendar order.
    pub months: Vec<Month>,
    /// The rest.
    pub forms: Forms,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    // The files are compiled in and checked by the tests below, so a failure
    // here is a build defect, not a user's; empty tables leave names as written.
    load().unwrap_or_default()
});

/// The bundled tables.
pub(super) fn tables() -> &'static Tables {
    &TABLES
}

fn load() -> Result<Tables, toml::de::Error> {
    let abbreviations: AbbreviationsFile = toml::from_str(ABBREVIATIONS_TOML)?;
    let forms: Forms = toml::from_str(FORMS_TOML)?;
    let places = abbreviations
        .geography
        .iter()
        .flat_map(|(name, abbreviation)| [name.clone(), abbreviation.clone()])
        .collect();
    let words: HashMap<String, String> = abbreviations
        .case_words
        .into_iter()
        .chain(abbreviations.geography)
        .collect();
    let longest_phrase = words
        .keys()
        .map(|k| k.split(' ').count())
        .max()
        .unwrap_or(1);
    Ok(Tables {
        words,
        places,
        longest_phrase,
        months: abbreviations.months,
        forms,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn abbreviations() -> AbbreviationsFile {
        match toml::from_str(ABBREVIATIONS_TOML) {
            Ok(file) => file,
            Err(e) => panic!("data/bluebook/abbreviations.toml: {e}"),
        }
    }

    #[test]
    fn both_data_files_parse() {
        if let Err(e) = load() {
            panic!("data/bluebook: {e}");
        }
        assert!(tables().words.len() > 200, "T6 and T10 are loaded");
    }

    #[test]
    fn every_abbreviation_is_shorter_than_its_word() {
        let file = abbreviations();
        for (word, abbreviation) in file.case_words.iter().chain(&file.geography) {
            assert!(!word.trim().is_empty() && word.trim() == word, "`{word}`");
            assert!(!abbreviation.is_empty(), "`{word}` has no abbreviation");
            assert_ne!(word, abbreviation, "`{word}` abbreviates to itself");
            assert!(
                abbreviation.chars().count() < word.chars().count(),
                "`{word}` → `{abbreviation}` is no shorter"
            );
            assert!(
                !word.contains(['.', '\'', '’']),
                "`{word}` looks abbreviated already"
            );
        }
    }

    #[test]
    fn no_word_is_both_a_t6_word_and_a_t10_place() {
        let file = abbreviations();
        for place in file.geography.keys() {
            assert!(!file.case_words.contains_key(place), "`{place}` is in both");
        }
    }

    #[test]
    fn t6_has_the_words_briefs_meet_most() {
        let file = abbreviations();
        for (word, abbreviation) in [
            ("Associates", "Assocs."),
            ("Association", "Ass'n"),
            ("Department", "Dep't"),
            ("Education", "Educ."),
            ("Justice", "Just."),
            ("Center", "Ctr."),
            ("Corporation", "Corp."),
            ("Hospital", "Hosp."),
            ("Housing", "Hous."),
            ("Industries", "Indus."),
            ("Manufacturing", "Mfg."),
            ("Memorial", "Mem'l"),
            ("National", "Nat'l"),
            ("Service", "Serv."),
            ("Protection", "Prot."),
            ("Board", "Bd."),
            ("County", "Cnty."),
            ("District", "Dist."),
            ("School", "Sch."),
        ] {
            assert_eq!(
                file.case_words.get(word).map(String::as_str),
                Some(abbreviation),
                "{word}"
            );
        }
        for word in ["Tenant", "Imaging"] {
            assert!(!file.case_words.contains_key(word), "{word} is not in T6");
        }
        assert_eq!(file.geography["Chicago"], "Chi.");
        assert_eq!(file.geography["Illinois"], "Ill.");
    }

    #[test]
    fn months_are_t12_in_calendar_order() {
        let months: Vec<(String, String)> = abbreviations()
            .months
            .into_iter()
            .map(|m| (m.name, m.abbreviation))
            .collect();
        let expected = [
            ("January", "Jan."),
            ("February", "Feb."),
            ("March", "Mar."),
            ("April", "Apr."),
            ("May", "May"),
            ("June", "June"),
            ("July", "July"),
            ("August", "Aug."),
            ("September", "Sept."),
            ("October", "Oct."),
            ("November", "Nov."),
            ("December", "Dec."),
        ];
        assert_eq!(months.len(), 12);
        for ((name, abbreviation), (want_name, want)) in months.iter().zip(expected) {
            assert_eq!((name.as_str(), abbreviation.as_str()), (want_name, want));
        }
    }

    #[test]
    fn forms_name_the_supreme_court_reporters_and_databases() {
        let forms = &tables().forms;
        assert_eq!(
            forms.court_reporters.get("U.S.").map(String::as_str),
            Some("scotus")
        );
        for court in forms.court_reporters.values() {
            assert!(
                forms.court_names.contains_key(court),
                "`{court}` has no name for database cites"
            );
        }
        assert!(forms.databases.iter().any(|d| d == "WL"));
        assert!(forms.docket_entries.iter().any(|d| d == "Dkt."));
        let lists = [
            &forms.short_form.skip_parties,
            &forms.short_form.skip_prefixes,
            &forms.short_form.drop_prefixes,
            &forms.short_form.stop_words,
            &forms.table_of_authorities.ignored_leading_words,
            &forms.table_of_authorities.federal_marks,
        ];
        for list in lists {
            assert!(!list.is_empty());
            assert!(list.iter().all(|w| !w.is_empty() && w.trim() == w));
        }
    }
}
