//! Courts as inputs name them (`1st Cir.`, `U.S. Supreme Court`, `United
//! States Court of Appeals for the First Circuit`) turned into courts-db ids
//! (`ca1`, `scotus`). Citation strings go to the bundled courts-db through
//! [`Reporters::court_id`]; the few long names inputs use for federal courts
//! are known here. Knows nothing else and never guesses: an unknown name has
//! no id.

use crate::cite::reporters::Reporters;

/// Federal circuits: the word a caption names them by, their courts-db id,
/// and the citation string courts-db gives them.
const CIRCUITS: [(&str, &str, &str); 13] = [
    ("first", "ca1", "1st Cir."),
    ("second", "ca2", "2d Cir."),
    ("third", "ca3", "3d Cir."),
    ("fourth", "ca4", "4th Cir."),
    ("fifth", "ca5", "5th Cir."),
    ("sixth", "ca6", "6th Cir."),
    ("seventh", "ca7", "7th Cir."),
    ("eighth", "ca8", "8th Cir."),
    ("ninth", "ca9", "9th Cir."),
    ("tenth", "ca10", "10th Cir."),
    ("eleventh", "ca11", "11th Cir."),
    ("d.c.", "cadc", "D.C. Cir."),
    ("federal", "cafc", "Fed. Cir."),
];

/// How citations write the court `id` (`ca1` → `1st Cir.`), for the
/// courts a caption names in words.
pub(super) fn citation_string(id: &str) -> Option<&'static str> {
    if id == "scotus" {
        return Some("U.S.");
    }
    CIRCUITS.iter().find(|c| c.1 == id).map(|c| c.2)
}

/// The courts-db id of a court as an input writes it, when known.
pub(super) fn id(written: &str, reporters: &Reporters) -> Option<String> {
    let written = written.trim();
    if written.is_empty() {
        return None;
    }
    if let Some(id) = reporters.court_id(written) {
        return Some(id.to_string());
    }
    let lower = written.to_lowercase();
    let lower = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    if matches!(
        lower.as_str(),
        "u.s. supreme court"
            | "us supreme court"
            | "supreme court of the united states"
            | "united states supreme court"
            | "u.s."
    ) {
        return Some("scotus".to_string());
    }
    // `United States Court of Appeals for the First Circuit`, `First Circuit`.
    let circuit = lower.strip_suffix(" circuit")?;
    let word = circuit.rsplit(' ').next()?;
    CIRCUITS
        .iter()
        .find(|c| c.0 == word)
        .map(|c| c.1.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citation_strings_and_long_names_map_to_courts_db_ids() {
        let r = Reporters::bundled();
        assert_eq!(id("1st Cir.", &r).as_deref(), Some("ca1"));
        assert_eq!(id("N.D. Ill.", &r).as_deref(), Some("ilnd"));
        assert_eq!(id("U.S. Supreme Court", &r).as_deref(), Some("scotus"));
        assert_eq!(
            id("United States Court of Appeals for the First Circuit", &r).as_deref(),
            Some("ca1")
        );
        assert_eq!(id("D.C. Circuit", &r).as_deref(), Some("cadc"));
        assert_eq!(
            id("U.S. Court of Appeals (via bulk.resource.org)", &r),
            None
        );
        assert_eq!(id("", &r), None);
        assert_eq!(citation_string("ca1"), Some("1st Cir."));
    }
}
