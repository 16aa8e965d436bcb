//! Telling whether a case name as a citation writes it (`Manning v. Boston
//! Med. Ctr. Corp.`) and a case name as a caption writes it (`Elizabeth
//! Manning v. Boston Medical Center Corporation;`) name the same parties.
//!
//! Names are folded (case, accents, punctuation) into words; filler words
//! (`of`, `the`, `Inc.`, `et al.`) and roman numerals are left out. A cited
//! party matches a written one when every word of it is a word of the
//! written party or an abbreviation of one: the same first letter, then the
//! rest of its letters in order (`Ctr.` → `Center`, `Nat'l` → `National`).

/// Words that say nothing about which party is meant.
const FILLER: [&str; 27] = [
    "of", "the", "and", "a", "an", "in", "re", "ex", "rel", "for", "on", "at", "to", "et", "al",
    "inc", "co", "corp", "llc", "ltd", "lp", "llp", "i", "ii", "iii", "iv", "v",
];

fn fold_char(c: char) -> Option<char> {
    let folded = match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        c if c.is_alphanumeric() => c,
        _ => return None,
    };
    Some(folded)
}

/// The significant words of a name, folded: `Boston Med. Ctr. Corp.` →
/// `boston`, `med`, `ctr`. Apostrophes join (`Nat'l` → `natl`); other
/// punctuation splits.
pub fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut flush = |word: &mut String| {
        if !word.is_empty() && !FILLER.contains(&word.as_str()) {
            words.push(std::mem::take(word));
        }
        word.clear();
    };
    for c in name.chars().flat_map(char::to_lowercase) {
        if matches!(c, '\'' | '’') {
            continue;
        }
        match fold_char(c) {
            Some(c) => word.push(c),
            None => flush(&mut word),
        }
    }
    flush(&mut word);
    words
}

/// Whether `short` abbreviates `long`: same first letter, the rest of its
/// letters in order.
fn abbreviates(short: &str, long: &str) -> bool {
    if short == long {
        return true;
    }
    let mut short_chars = short.chars();
    let mut long_chars = long.chars();
    if short.len() < 2 || short_chars.next() != long_chars.next() {
        return false;
    }
    short_chars.all(|c| long_chars.any(|l| l == c))
}

/// Whether every word of `cited` is, or abbreviates, a word of `written`;
/// no words match nothing.
fn all_match(cited: &[String], written: &[String]) -> bool {
    !cited.is_empty()
        && cited
            .iter()
            .all(|c| written.iter().any(|w| abbreviates(c, w)))
}

/// Splits a case name at its ` v. ` into the two sides.
pub fn sides(name: &str) -> Option<(&str, &str)> {
    [" v. ", " V. ", " vs. ", " v ", " VS. "]
        .iter()
        .find_map(|sep| name.split_once(sep))
}

/// A case name as a caption writes it, folded once for many comparisons.
#[derive(Debug, Clone)]
pub struct Written {
    whole: Vec<String>,
    sides: Option<(Vec<String>, Vec<String>)>,
}

impl Written {
    /// Folds `case_name`.
    pub fn new(case_name: &str) -> Written {
        Written {
            whole: words(case_name),
            sides: sides(case_name).map(|(p, d)| (words(p), words(d))),
        }
    }
}

/// A case name as a citation gives it (its parties), folded once.
#[derive(Debug, Clone)]
pub struct Cited {
    plaintiff: Option<Vec<String>>,
    defendant: Option<Vec<String>>,
}

impl Cited {
    /// Folds a citation's parties.
    pub fn new(plaintiff: Option<&str>, defendant: Option<&str>) -> Cited {
        Cited {
            plaintiff: plaintiff.map(words),
            defendant: defendant.map(words),
        }
    }

    /// Whether these parties name the case `written`: both sides match
    /// when the citation gives both, the whole name when it gives one
    /// (`In re Grand Jury Subpoena`).
    pub fn names(&self, written: &Written) -> bool {
        match (&self.plaintiff, &self.defendant, &written.sides) {
            (Some(p), Some(d), Some((wp, wd))) => all_match(p, wp) && all_match(d, wd),
            (Some(one), None, _) | (None, Some(one), _) => all_match(one, &written.whole),
            _ => false,
        }
    }

    /// Whether a short form's name (`Strickland`, `Jefferson Parish`) is one
    /// of these parties: any significant word of it is, or abbreviates, a
    /// word of either.
    pub fn has_short_name(&self, short: &[String]) -> bool {
        let parties = self.plaintiff.iter().chain(&self.defendant).flatten();
        short_in(short, parties)
    }
}

fn short_in<'a>(short: &[String], mut written: impl Iterator<Item = &'a String> + Clone) -> bool {
    short
        .iter()
        .filter(|s| s.len() > 1)
        .any(|s| written.clone().any(|w| abbreviates(s, w)))
        && written.next().is_some()
}

/// Whether a short form's name is one of the parties of `case_name`.
pub fn short_name_matches(short: &str, case_name: &str) -> bool {
    let written = words(case_name);
    short_in(&words(short), written.iter())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case_matches(plaintiff: Option<&str>, defendant: Option<&str>, case_name: &str) -> bool {
        Cited::new(plaintiff, defendant).names(&Written::new(case_name))
    }

    #[test]
    fn abbreviated_citation_names_match_written_captions() {
        assert!(case_matches(
            Some("Manning"),
            Some("Boston Med. Ctr. Corp."),
            "Elizabeth Manning v. Boston Medical Center Corporation;"
        ));
        assert!(case_matches(
            Some("United States"),
            Some("Al-Rikabi"),
            "United States Of America v. Hussein Al-Rikabi"
        ));
        assert!(case_matches(
            Some("Nat'l Ass'n of Mfrs."),
            Some("Nuñez"),
            "National Association of Manufacturers v. Nunez"
        ));
        assert!(!case_matches(
            Some("Manning"),
            Some("Boston Univ."),
            "Manning v. Boston Medical Center"
        ));
        assert!(!case_matches(
            Some("Smith"),
            Some("Jones"),
            "Jones v. Smith"
        ));
        assert!(!case_matches(None, None, "A v. B"));
    }

    #[test]
    fn short_names_match_either_party() {
        assert!(short_name_matches("Strickland", "Strickland v. Washington"));
        assert!(short_name_matches(
            "Jefferson Parish",
            "Jefferson Parish Hosp. Dist. No. 2 v. Hyde"
        ));
        assert!(!short_name_matches("Cronic", "Strickland v. Washington"));
        assert!(!short_name_matches("II", "Strickland v. Washington"));
    }
}
