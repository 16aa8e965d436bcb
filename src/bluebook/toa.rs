//! A table of authorities, as the front of a brief has one: cases, then
//! constitutional provisions, statutes, regulations, rules and other
//! authorities, each entry in full Bluebook form without a pin cite,
//! followed by the places that cite it (or *passim*).
//!
//! The caller brings the authorities and the place labels (`¶ 13`, `p. 4`);
//! this module only files, orders and prints them. It walks no graph and
//! reads no file. The record (`R. 212`) is no authority and is left out.

use serde::Serialize;

use crate::graph::{Authority, AuthorityKind};

use super::names::{Chunk, alphabetical_key, case_name, provision_key};
use super::{Cite, full};

/// Beyond this many places, a brief writes *passim* instead of listing them.
const PASSIM_AFTER: usize = 5;

/// Plain-text lines are filled with dot leaders to this width, a page's
/// width in a monospaced brief.
const LINE_WIDTH: usize = 78;

/// A leader shorter than this does not read as one.
const MIN_LEADER: usize = 3;

/// Continuation lines of a long citation are indented this far, so the
/// citations stand out at the margin.
const HANGING_INDENT: usize = 4;

/// One authority and the places that cite it, as the caller computed them.
#[derive(Debug, Clone)]
pub struct TocEntry<'a> {
    /// The authority cited.
    pub authority: &'a Authority,
    /// Where it is cited (`¶ 13`, `p. 4`), in text order; repeats are fine.
    pub places: Vec<String>,
}

/// The groups of a table of authorities, in the order a brief lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// Judicial decisions.
    Cases,
    /// Constitutional provisions.
    Constitution,
    /// Statutes.
    Statutes,
    /// Regulations.
    Regulations,
    /// Rules of procedure and evidence.
    Rules,
    /// Everything else that is an authority.
    Other,
}

impl Group {
    /// Every group, in table order.
    pub const ALL: [Group; 6] = [
        Group::Cases,
        Group::Constitution,
        Group::Statutes,
        Group::Regulations,
        Group::Rules,
        Group::Other,
    ];

    /// The group an authority of `kind` is filed under; `None` for the record,
    /// which a table of authorities does not list.
    pub fn of(kind: AuthorityKind) -> Option<Group> {
        match kind {
            AuthorityKind::Case => Some(Group::Cases),
            AuthorityKind::Constitution => Some(Group::Constitution),
            AuthorityKind::Statute => Some(Group::Statutes),
            AuthorityKind::Regulation => Some(Group::Regulations),
            AuthorityKind::Rule => Some(Group::Rules),
            AuthorityKind::Other => Some(Group::Other),
            AuthorityKind::Record => None,
        }
    }

    /// The heading a brief gives the group.
    pub fn heading(self) -> &'static str {
        match self {
            Group::Cases => "Cases",
            Group::Constitution => "Constitutional Provisions",
            Group::Statutes => "Statutes",
            Group::Regulations => "Regulations",
            Group::Rules => "Rules",
            Group::Other => "Other Authorities",
        }
    }
}

/// One line of the table: an authority in full form and where it is cited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ToaEntry {
    /// Full citation without a pin.
    pub citation: Cite,
    /// Distinct places, in the order first given.
    pub places: Vec<String>,
}

impl ToaEntry {
    /// The places joined by `, `, or *passim* when there are more than five.
    pub fn where_cited(&self) -> Cite {
        if self.places.len() > PASSIM_AFTER {
            Cite::italic("passim")
        } else {
            Cite::roman(&self.places.join(", "))
        }
    }
}

/// A group and its entries, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ToaGroup {
    /// Which group.
    pub group: Group,
    /// Its entries, ordered as a brief orders them.
    pub entries: Vec<ToaEntry>,
}

/// One row of the table for tables, CSV or JSON: group heading, citation and
/// places, in plain text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ToaRow {
    /// The group's heading (`Cases`).
    pub group: &'static str,
    /// Full citation without a pin.
    pub citation: String,
    /// Places, or `passim`.
    pub places: String,
}

/// A table of authorities: non-empty groups in brief order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Toa {
    /// The groups that have entries, in the order of [`Group::ALL`].
    pub groups: Vec<ToaGroup>,
}

/// Builds the table: files each authority under its group (the record is left
/// out), merges entries for the same authority, removes repeated places, and
/// orders cases alphabetically (ignoring `In re` and articles) and codes and
/// rules federal first, then by number.
pub fn table_of_authorities(entries: &[TocEntry]) -> Toa {
    // Merge by key, so two entries for one authority make one line.
    let mut merged: Vec<(&Authority, Vec<String>)> = Vec::new();
    for entry in entries {
        let index = match merged
            .iter()
            .position(|(a, _)| a.key == entry.authority.key)
        {
            Some(index) => index,
            None => {
                merged.push((entry.authority, Vec::new()));
                merged.len() - 1
            }
        };
        let places = &mut merged[index].1;
        for place in entry.places.iter().map(|p| p.trim()) {
            if !place.is_empty() && !places.iter().any(|p| p == place) {
                places.push(place.to_string());
            }
        }
    }

    let mut groups = Vec::new();
    for group in Group::ALL {
        let mut keyed: Vec<(SortKey, ToaEntry)> = merged
            .iter()
            .filter(|(a, _)| Group::of(a.kind) == Some(group))
            .map(|(a, places)| {
                let entry = ToaEntry {
                    citation: full(a, None),
                    places: places.clone(),
                };
                (sort_key(a, &entry.citation), entry)
            })
            .collect();
        if keyed.is_empty() {
            continue;
        }
        keyed.sort_by(|(a, _), (b, _)| a.cmp(b));
        groups.push(ToaGroup {
            group,
            entries: keyed.into_iter().map(|(_, entry)| entry).collect(),
        });
    }
    Toa { groups }
}

/// What entries are ordered by: the alphabetical key for cases, the natural
/// key for the rest, then the citation itself to break ties.
type SortKey = (String, (bool, Vec<Chunk>), String);

fn sort_key(a: &Authority, citation: &Cite) -> SortKey {
    let name = if a.kind == AuthorityKind::Case {
        alphabetical_key(&case_name(&a.name))
    } else {
        String::new()
    };
    let provision = if a.kind == AuthorityKind::Case {
        (false, Vec::new())
    } else {
        provision_key(&citation.plain)
    };
    (name, provision, citation.plain.clone())
}

impl Toa {
    /// The table as rows, group by group.
    pub fn rows(&self) -> Vec<ToaRow> {
        self.groups
            .iter()
            .flat_map(|g| {
                g.entries.iter().map(|e| ToaRow {
                    group: g.group.heading(),
                    citation: e.citation.plain.clone(),
                    places: e.where_cited().plain,
                })
            })
            .collect()
    }

    /// Plain text: a heading per group, then each citation with dot leaders
    /// to its places; a citation too long for the line puts its leaders and
    /// places on the next.
    pub fn plain(&self) -> String {
        let mut out = String::new();
        for group in &self.groups {
            out.push_str(group.group.heading());
            out.push_str("\n\n");
            for entry in &group.entries {
                out.push_str(&leader_line(
                    &entry.citation.plain,
                    &entry.where_cited().plain,
                ));
                out.push('\n');
            }
            out.push('\n');
        }
        out
    }

    /// Markdown: a `###` heading per group, then one paragraph per entry,
    /// the citation (case names in italics) and its places after a leader.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        for group in &self.groups {
            out.push_str(&format!("### {}\n\n", group.group.heading()));
            for entry in &group.entries {
                let places = entry.where_cited().markdown;
                if places.is_empty() {
                    out.push_str(&format!("{}\n\n", entry.citation.markdown));
                } else {
                    out.push_str(&format!("{} . . . {places}\n\n", entry.citation.markdown));
                }
            }
        }
        out
    }
}

/// `citation ........ places`, filled to [`LINE_WIDTH`]. A citation too long
/// for one line wraps at spaces under a hanging indent, and its last line
/// carries the leader (or, when full, a line of its own), as in a printed
/// brief.
fn leader_line(citation: &str, places: &str) -> String {
    if places.is_empty() {
        return citation.to_string();
    }
    let width = |s: &str| s.chars().count();
    let words = unbreakable_runs(citation);
    let mut lines: Vec<String> = vec![String::new()];
    for word in &words {
        match lines.last_mut() {
            Some(line) if line.is_empty() => line.push_str(word),
            Some(line) if width(line) + 1 + width(word) <= LINE_WIDTH => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(format!("{}{word}", " ".repeat(HANGING_INDENT))),
        }
    }
    let mut last = lines.pop().unwrap_or_default();
    if width(&last) + 1 + MIN_LEADER + 1 + width(places) > LINE_WIDTH {
        lines.push(last);
        last = " ".repeat(HANGING_INDENT - 1);
    }
    let dots = LINE_WIDTH
        .saturating_sub(width(&last) + width(places) + 2)
        .max(MIN_LEADER);
    lines.push(format!("{last} {} {places}", ".".repeat(dots)));
    lines.join("\n")
}

/// Words that end a line badly: the next word is kept with them.
const NO_BREAK_AFTER: [&str; 7] = ["v.", "of", "&", "for", "at", "in", "the"];

/// `citation` cut into runs a line may break between: never inside a
/// parenthetical, between a volume, reporter and page (`309 F.R.D. 455`) or
/// within a docket number (`No. 17 CV 1234,`), nor after `v.` or `of`.
fn unbreakable_runs(citation: &str) -> Vec<String> {
    let digits = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    let mut runs: Vec<String> = Vec::new();
    let mut depth = 0i32;
    for word in citation.split(' ') {
        let previous = runs.last().and_then(|r| r.rsplit(' ').next());
        let keep = previous.is_some_and(|previous| {
            depth > 0
                || digits(previous)
                || NO_BREAK_AFTER.contains(&previous)
                || (word.starts_with(|c: char| c.is_ascii_digit()) && !previous.ends_with(','))
        });
        match runs.last_mut() {
            Some(run) if keep => {
                run.push(' ');
                run.push_str(word);
            }
            _ => runs.push(word.to_string()),
        }
        depth += word.matches('(').count() as i32 - word.matches(')').count() as i32;
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bluebook::tests::{
        avila, fed_r_civ_p_26, fed_r_civ_p_45, hoskins, in_re, j_d, prairie_club, record_212,
        usc_552, wexford,
    };

    fn entry<'a>(authority: &'a Authority, places: &[&str]) -> TocEntry<'a> {
        TocEntry {
            authority,
            places: places.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn groups_come_in_brief_order_and_the_record_is_left_out() {
        let (rule, statute, case, record) = (fed_r_civ_p_45(), usc_552(), avila(), record_212());
        let toa = table_of_authorities(&[
            entry(&rule, &["¶ 6"]),
            entry(&record, &["¶ 4"]),
            entry(&statute, &["¶ 18"]),
            entry(&case, &["¶ 23"]),
        ]);
        let headings: Vec<&str> = toa.groups.iter().map(|g| g.group.heading()).collect();
        assert_eq!(headings, ["Cases", "Statutes", "Rules"]);
        assert!(!toa.plain().contains("R. 212"));
    }

    #[test]
    fn cases_are_alphabetical_ignoring_in_re() {
        let (w, j, h, a, p, r) = (
            wexford(),
            j_d(),
            hoskins(),
            avila(),
            prairie_club(),
            in_re(),
        );
        let toa = table_of_authorities(&[
            entry(&w, &["¶ 15"]),
            entry(&p, &["¶ 18"]),
            entry(&j, &["¶ 25"]),
            entry(&r, &["¶ 2"]),
            entry(&h, &["¶ 13"]),
            entry(&a, &["¶ 23"]),
        ]);
        let names: Vec<String> = toa
            .rows()
            .iter()
            .map(|r| r.citation.split(',').next().unwrap_or_default().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "Avila v. City of Chi.",
                "In re Grand Jury Proceedings",
                "Hoskins v. Poelstra",
                "J.D. v. Harlan",
                "U.S. Land & Water Serv. v. Prairie Club",
                "Wexford Bank N.A. v. Finch & Assocs.",
            ]
        );
    }

    #[test]
    fn entries_are_full_citations_without_pins() {
        let (w, a, rule) = (wexford(), avila(), fed_r_civ_p_45());
        let toa = table_of_authorities(&[
            entry(&w, &["¶ 15"]),
            entry(&a, &["¶ 23"]),
            entry(&rule, &["¶ 6"]),
        ]);
        let citations: Vec<String> = toa.rows().into_iter().map(|r| r.citation).collect();
        assert_eq!(
            citations,
            [
                "Avila v. City of Chi., 214 F.R.D. 410 (N.D. Ill. 2003)",
                "Wexford Bank N.A. v. Finch & Assocs., No. 17 CV 1234, 2018 WL 512345 (N.D. Ill. Feb. 9, 2018)",
                "Fed. R. Civ. P. 45",
            ]
        );
    }

    #[test]
    fn places_are_deduplicated_and_joined_and_merged_per_authority() {
        let a = avila();
        let toa = table_of_authorities(&[
            entry(&a, &["¶ 23", "¶ 23", "¶ 25"]),
            entry(&a, &["¶ 25", "¶ 26"]),
        ]);
        let rows = toa.rows();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].places, "¶ 23, ¶ 25, ¶ 26");
    }

    #[test]
    fn more_than_five_places_is_passim() {
        let (h, j) = (hoskins(), j_d());
        let toa = table_of_authorities(&[
            entry(&h, &["¶ 13", "¶ 14", "¶ 16", "¶ 17", "¶ 18", "¶ 13"]),
            entry(&j, &["¶ 25", "¶ 26", "¶ 27", "¶ 28", "¶ 29", "¶ 30"]),
        ]);
        let rows = toa.rows();
        assert_eq!(
            rows[0].places, "¶ 13, ¶ 14, ¶ 16, ¶ 17, ¶ 18",
            "five places are listed"
        );
        assert_eq!(rows[1].places, "passim");
        assert!(
            toa.markdown()
                .contains("*J.D. v. Harlan*, 958 F. Supp. 1127 (N.D. Ill. 1997) . . . *passim*")
        );
    }

    #[test]
    fn rules_and_statutes_sort_by_number() {
        let (r26, r45, statute) = (fed_r_civ_p_26(), fed_r_civ_p_45(), usc_552());
        let toa = table_of_authorities(&[
            entry(&r45, &["¶ 6"]),
            entry(&statute, &["¶ 18"]),
            entry(&r26, &["¶ 4"]),
        ]);
        let rows: Vec<(&str, String)> = toa
            .rows()
            .into_iter()
            .map(|r| (r.group, r.citation))
            .collect();
        assert_eq!(
            rows,
            [
                ("Statutes", "5 U.S.C. § 552".to_string()),
                ("Rules", "Fed. R. Civ. P. 26".to_string()),
                ("Rules", "Fed. R. Civ. P. 45".to_string()),
            ]
        );
    }

    #[test]
    fn plain_text_has_headings_and_dot_leaders() {
        let (a, rule) = (avila(), fed_r_civ_p_45());
        let text =
            table_of_authorities(&[entry(&a, &["¶ 23", "¶ 25"]), entry(&rule, &["¶ 6"])]).plain();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Cases");
        assert!(lines[2].starts_with("Avila v. City of Chi., 214 F.R.D. 410 (N.D. Ill. 2003) ..."));
        assert!(lines[2].ends_with("... ¶ 23, ¶ 25"));
        assert_eq!(lines[2].chars().count(), LINE_WIDTH);
        assert_eq!(lines[4], "Rules");
        assert!(lines[6].starts_with("Fed. R. Civ. P. 45 ...") && lines[6].ends_with(" ¶ 6"));
    }

    #[test]
    fn a_long_citation_wraps_under_a_hanging_indent_with_the_leader_last() {
        let citation = "Imaging Ctr. at 740 N. Mich. Ave., LLC v. Am. Surgeons Assurance Corp., 309 F.R.D. 455 (N.D. Ill. 2016)";
        let text = leader_line(citation, "¶ 11");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "Imaging Ctr. at 740 N. Mich. Ave., LLC v. Am. Surgeons Assurance Corp.,",
                "    309 F.R.D. 455 (N.D. Ill. 2016) ..................................... ¶ 11",
            ]
        );
        assert!(lines.iter().all(|l| l.chars().count() <= LINE_WIDTH));
    }

    #[test]
    fn lines_never_break_inside_a_parenthetical_or_a_reporter_cite() {
        let runs = unbreakable_runs(
            "Wexford Bank N.A. v. Finch & Assocs., No. 17 CV 1234, 2018 WL 512345 (N.D. Ill. Feb. 9, 2018)",
        );
        assert_eq!(
            runs,
            [
                "Wexford",
                "Bank",
                "N.A.",
                "v. Finch",
                "& Assocs.,",
                "No. 17 CV 1234,",
                "2018 WL 512345 (N.D. Ill. Feb. 9, 2018)",
            ]
        );
    }

    #[test]
    fn a_full_last_line_puts_the_leader_on_a_line_of_its_own() {
        let citation = format!("{} (N.D. Ill. 2016)", "x".repeat(60));
        let text = leader_line(&citation, "¶ 11");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], citation);
        assert!(lines[1].starts_with("    ...") && lines[1].ends_with("... ¶ 11"));
        assert_eq!(lines[1].chars().count(), LINE_WIDTH);
    }

    #[test]
    fn markdown_has_group_headings_and_italic_case_names() {
        let (w, statute) = (wexford(), usc_552());
        let markdown =
            table_of_authorities(&[entry(&w, &["¶ 15"]), entry(&statute, &["¶ 18"])]).markdown();
        assert_eq!(
            markdown,
            "### Cases\n\n\
             *Wexford Bank N.A. v. Finch & Assocs.*, No. 17 CV 1234, 2018 WL 512345 (N.D. Ill. Feb. 9, 2018) . . . ¶ 15\n\n\
             ### Statutes\n\n\
             5 U.S.C. § 552 . . . ¶ 18\n\n"
        );
    }
}
