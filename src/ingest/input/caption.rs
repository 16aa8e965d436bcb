//! Metadata read from an opinion's caption, for inputs that do not state it:
//! the case name, court, decision date, docket number and the opinion's own
//! citation, each from the first lines of the text. Every rule looks only
//! at the caption (the first [`CAPTION_LINES`] lines) and gives up rather
//! than guess:
//!
//! * **case name**: a line `A v. B`, or the lines around a lone `v.` line
//!   (party roles such as `Plaintiffs, Appellants,` left out);
//! * **court**: `Supreme Court of the United States`, or `Court of Appeals
//!   … for the First Circuit` (any circuit);
//! * **date**: the date after `Decided`, else a date alone on its line, else
//!   the first date; `August 1, 2013` becomes `2013-08-01`;
//! * **docket**: the first `No.`, `Nos.` or `Docket No.` number;
//! * **citation**: a `Cite as:` line, or one of the first
//!   [`CITATION_LINES`] lines that is nothing but one case's citation with
//!   no case name (`226 F.2d 215`), as public-domain reprints head an
//!   opinion with its own cite.

use std::sync::OnceLock;

use regex::Regex;

use crate::cite::{self, CitationKind, reporters::Reporters};

/// How many lines from the top count as the caption.
pub const CAPTION_LINES: usize = 60;

/// How many non-empty lines from the top may hold a bare citation of the
/// opinion itself.
pub const CITATION_LINES: usize = 4;

/// What a caption tells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Caption {
    /// `Manning v. Boston Medical Center Corporation`.
    pub case_name: Option<String>,
    /// The court as written: `First Circuit`, `Supreme Court of the United States`.
    pub court: Option<String>,
    /// ISO date of decision.
    pub date: Option<String>,
    /// `Nos. 12-1573, 12-1653`.
    pub docket_number: Option<String>,
    /// The opinion's own citation: `226 F.2d 215`.
    pub citation: Option<String>,
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn date_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b",
        )
        .unwrap_or_else(|e| unreachable!("the date pattern is valid: {e}"))
    })
}

fn court_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"(?i)court\s+of\s+appeals,?\s+(?:for\s+the\s+)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|d\.\s?c\.|federal)\s+circuit",
        )
        .unwrap_or_else(|e| unreachable!("the court pattern is valid: {e}"))
    })
}

fn docket_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"\b((?:Docket\s+)?Nos?\.\s*\d[\w\-–]*(?:,\s*\d[\w\-–]*)*)")
            .unwrap_or_else(|e| unreachable!("the docket pattern is valid: {e}"))
    })
}

/// `April 20, 2010`, `Aug. 1, 2013` → ISO; an ISO date stays as it is.
pub fn iso_date(written: &str) -> Option<String> {
    let written = written.trim();
    let iso = written.len() == 10
        && written.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if iso {
        return Some(written.to_string());
    }
    let found = date_pattern().captures(written)?;
    let month = found.get(1)?.as_str().to_lowercase();
    let month = MONTHS.iter().position(|m| month.starts_with(m))? + 1;
    let day: u32 = found.get(2)?.as_str().parse().ok()?;
    let year: u32 = found.get(3)?.as_str().parse().ok()?;
    (1..=31)
        .contains(&day)
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Whether a caption line only states a party's role.
fn is_role(line: &str) -> bool {
    const ROLES: [&str; 10] = [
        "plaintiff",
        "defendant",
        "appellant",
        "appellee",
        "petitioner",
        "respondent",
        "libelant",
        "intervenor",
        "movant",
        "claimant",
    ];
    let lower = line.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words
            .iter()
            .all(|w| ROLES.iter().any(|r| w.starts_with(r)) || matches!(*w, "and" | "cross"))
}

/// A party as a caption writes it, without its role (`Walter HILDEBRAND,
/// Libelant-Appellant-Appellee,` → `Walter HILDEBRAND`) and trailing commas.
fn party(line: &str) -> String {
    let line = line.trim().trim_end_matches([',', ';']).trim();
    let name = match line.rsplit_once(',') {
        Some((name, role)) if is_role(role) => name.trim(),
        _ => line,
    };
    title_case(&squeeze(name.trim_end_matches([',', ';'])))
}

/// `ELIZABETH MANNING ET AL.` → `Elizabeth Manning et al.`; mixed case stays.
fn title_case(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    name.split(' ')
        .map(|word| {
            let lower = word.to_lowercase();
            if matches!(
                lower.as_str(),
                "v." | "of" | "the" | "and" | "et" | "al." | "ex" | "rel."
            ) {
                return lower;
            }
            let mut chars = lower.chars();
            match chars.next() {
                Some(c) => c.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn case_name(lines: &[&str]) -> Option<String> {
    let nonempty: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    for (i, line) in nonempty.iter().enumerate() {
        let bare_v = matches!(
            line.trim_matches(|c: char| c == '—' || c == '-' || c.is_whitespace()),
            "v." | "v" | "vs." | "V." | "VS."
        );
        if bare_v {
            let before = nonempty[..i]
                .iter()
                .rev()
                .find(|l| !is_role(l) && !l.ends_with(':'))?;
            let after = nonempty.get(i + 1..)?.iter().find(|l| !is_role(l))?;
            return Some(format!("{} v. {}", party(before), party(after)));
        }
        // A line with digits is more likely a citation of another case.
        if line.len() < 150
            && !line.contains(|c: char| c.is_ascii_digit())
            && let Some((a, b)) = line.split_once(" v. ")
            && !a.trim().is_empty()
            && !b.trim().is_empty()
        {
            return Some(format!("{} v. {}", party(a), party(b)));
        }
    }
    None
}

fn court(caption: &str) -> Option<String> {
    let folded = squeeze(caption);
    if folded
        .to_lowercase()
        .contains("supreme court of the united states")
    {
        return Some("Supreme Court of the United States".to_string());
    }
    let found = court_pattern().captures(&folded)?;
    let circuit = found.get(1)?.as_str();
    let mut chars = circuit.chars();
    let circuit: String = match chars.next() {
        Some(c) => c
            .to_uppercase()
            .chain(chars.map(|c| c.to_ascii_lowercase()))
            .collect(),
        None => return None,
    };
    Some(format!("{circuit} Circuit"))
}

fn date(lines: &[&str]) -> Option<String> {
    let decided = lines.iter().find_map(|line| {
        let lower = line.to_lowercase();
        let at = lower.find("decided")?;
        iso_date(&line[at..])
    });
    let alone = || {
        lines.iter().find_map(|line| {
            let found = date_pattern().find(line)?;
            let rest = line.replace(found.as_str(), "");
            rest.trim_matches(|c: char| c.is_whitespace() || c == '.' || c == ',')
                .is_empty()
                .then(|| iso_date(found.as_str()))?
        })
    };
    let first = || lines.iter().find_map(|line| iso_date(line));
    decided.or_else(alone).or_else(first)
}

fn citation(lines: &[&str], reporters: &Reporters) -> Option<String> {
    for line in lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
        let lower = line.to_lowercase();
        if let Some(rest) = lower
            .strip_prefix("cite as")
            .or_else(|| lower.strip_prefix("citation"))
        {
            let rest = &line[line.len() - rest.len()..];
            let rest = rest.trim_start_matches([':', ' ']);
            return full_cites(rest, reporters);
        }
    }
    lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .take(CITATION_LINES)
        .find_map(|line| heading_cite(line, reporters))
}

/// The keys of a line that is nothing but one case's citation, without a
/// case name (`226 F.2d 215`, `466 U.S. 668, 104 S. Ct. 2052`): how a
/// reprint heads an opinion with its own cite. A sentence that cites
/// cases is not one.
fn heading_cite(line: &str, reporters: &Reporters) -> Option<String> {
    let sentence = format!("See {}.", line.trim().trim_end_matches('.'));
    let extraction = cite::extract(&sentence, reporters);
    let cases: Vec<_> = extraction
        .citations
        .iter()
        .filter(|c| c.kind == CitationKind::FullCaseCitation)
        .collect();
    let [one] = cases.as_slice() else {
        return None;
    };
    let covered = one.span.end - one.span.start;
    let unnamed = one.plaintiff.is_none() && one.defendant.is_none();
    (unnamed && covered as f64 >= 0.8 * line.trim().len() as f64)
        .then(|| one.authority.iter().chain(&one.parallel).cloned())
        .map(|keys| keys.collect::<Vec<_>>().join(", "))
        .filter(|keys| !keys.is_empty())
}

/// The keys of the full case citations of `text`.
fn full_cites(text: &str, reporters: &Reporters) -> Option<String> {
    // The extractor reads a citation standing alone as a heading; in a
    // sentence it finds it.
    let sentence = format!("See {}.", text.trim().trim_end_matches('.'));
    let extraction = cite::extract(&sentence, reporters);
    let cites: Vec<_> = extraction
        .citations
        .iter()
        .filter(|c| c.kind == CitationKind::FullCaseCitation && c.authority.is_some())
        .collect();
    if cites.is_empty() {
        return None;
    }
    let keys: Vec<&str> = cites
        .iter()
        .flat_map(|c| c.authority.iter().chain(&c.parallel))
        .map(String::as_str)
        .collect();
    Some(keys.join(", "))
}

/// Reads the caption of `text`.
pub fn read(text: &str, reporters: &Reporters) -> Caption {
    let lines: Vec<&str> = text.lines().take(CAPTION_LINES).collect();
    let caption = lines.join("\n");
    let docket_number = docket_pattern()
        .captures(&caption)
        .and_then(|c| c.get(1))
        .map(|m| squeeze(m.as_str()));
    Caption {
        case_name: case_name(&lines),
        court: court(&caption),
        date: date(&lines),
        docket_number,
        citation: citation(&lines, reporters),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_circuit_caption_gives_name_court_date_and_docket() {
        let text = "          United States Court of Appeals\n\
                    \x20                       For the First Circuit\n\n\n\
                    Nos. 12-1573, 12-1653\n\n\
                    \x20                   ELIZABETH MANNING ET AL.,\n\n\
                    \x20                       Plaintiffs, Appellants,\n\n\
                    \x20                                 v.\n\n\
                    \x20              BOSTON MEDICAL CENTER CORPORATION;\n\
                    \x20                 ELAINE ULLIAN; JAMES CANAVAN,\n\n\
                    \x20                       Defendants, Appellees,\n\n\
                    \x20                           August 1, 2013\n\
                    \x20           LIPEZ, Circuit Judge. Plaintiffs bring this action.\n";
        let caption = read(text, &Reporters::bundled());
        assert_eq!(
            caption.case_name.as_deref(),
            Some("Elizabeth Manning et al. v. Boston Medical Center Corporation")
        );
        assert_eq!(caption.court.as_deref(), Some("First Circuit"));
        assert_eq!(caption.date.as_deref(), Some("2013-08-01"));
        assert_eq!(
            caption.docket_number.as_deref(),
            Some("Nos. 12-1573, 12-1653")
        );
        assert_eq!(caption.citation, None);
    }

    #[test]
    fn a_reprint_gives_its_own_citation_and_the_decided_date() {
        let text = "226 F.2d 215\n\nWalter HILDEBRAND, Libelant-Appellant-Appellee,\nv.\n\
                    UNITED STATES of America, Respondent-Appellee-Appellant.\n\nNo. 242.\n\n\
                    United States Court of Appeals, Second Circuit.\n\nArgued April 20, 1955.\n\n\
                    Decided July 27, 1955.\n\nPER CURIAM.\n\nAffirmed. 134 F.Supp. 514.\n";
        let caption = read(text, &Reporters::bundled());
        assert_eq!(
            caption.case_name.as_deref(),
            Some("Walter HILDEBRAND v. UNITED STATES of America")
        );
        assert_eq!(caption.citation.as_deref(), Some("226 F.2d 215"));
        assert_eq!(caption.court.as_deref(), Some("Second Circuit"));
        assert_eq!(caption.date.as_deref(), Some("1955-07-27"));
        assert_eq!(caption.docket_number.as_deref(), Some("No. 242"));
    }

    #[test]
    fn dates_become_iso() {
        assert_eq!(iso_date("April 20, 2010").as_deref(), Some("2010-04-20"));
        assert_eq!(iso_date("Sept. 3, 1999").as_deref(), Some("1999-09-03"));
        assert_eq!(iso_date("2013-08-01").as_deref(), Some("2013-08-01"));
        assert_eq!(iso_date("sometime"), None);
    }
}
