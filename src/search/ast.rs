//! The syntax tree of a search query: only what was typed, with words
//! normalised the way the index normalises them. [`super::syntax`] builds
//! it; `plan` resolves it against an index. It never touches an index, and
//! it prints back (`Display`) as a query that parses to the same tree.

use std::fmt;

use super::PassageKind;

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// One word: `privilege`, `privilege!`, `wom*n`.
    Term(Pattern),
    /// Words in this order, side by side: `"inextricably intertwined"`, or a
    /// typed word that holds punctuation (`work-product`, `26(b)(3)`).
    Phrase(Vec<Pattern>),
    /// Any of these: `waiver forfeiture`, `waiver or forfeiture`.
    Or(Vec<Expr>),
    /// Both in the passage: `privilege & log`.
    And(Box<Expr>, Box<Expr>),
    /// The left, in a passage where the right does not match: `privilege % waive!`.
    ButNot(Box<Expr>, Box<Expr>),
    /// Both, near each other: `prosecutor /s civil`, `work +2 product`.
    Near {
        /// The first operand.
        left: Box<Expr>,
        /// The second operand.
        right: Box<Expr>,
        /// How near, and whether the left must come first.
        connector: Connector,
    },
    /// A passage whose opinion has these metadata: `court(ilnd)`.
    Restrict(Restriction),
}

/// A word as the index knows it, perhaps with expanders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The normalised word; each `*` stands for exactly one character.
    pub text: String,
    /// Whether any ending may follow (`privilege!`).
    pub root: bool,
}

/// A proximity connector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Connector {
    /// The unit both operands must share.
    pub within: Within,
    /// Whether the left operand must precede the right (`+s`, `+3`).
    pub ordered: bool,
}

/// How near two operands must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Within {
    /// At most this many word positions apart (`/3`: 1 to 255).
    Words(u8),
    /// In the same sentence (`/s`).
    Sentence,
    /// In the same paragraph, i.e. the same passage (`/p`).
    Paragraph,
}

/// A restriction to passages by their metadata rather than their text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Restriction {
    /// Words of the case name: `ti(Roe)`.
    Title(Box<Expr>),
    /// Words of the authorities the passage cites: `cites(Abbott)`.
    Cites(Box<Expr>),
    /// Any of these court ids: `court(ilnd or ca7)`.
    Court(Vec<Pattern>),
    /// Any of these kinds: `kind(holding or ruling)`.
    Kind(Vec<PassageKind>),
    /// Every one of these bounds on the opinion's date: `date(> 2020)`.
    Date(Vec<DateBound>),
}

/// One bound on a date: `> 2020`, `bef 2025-04`, `2025-04-07`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateBound {
    /// How the opinion's date compares with `date`.
    pub comparison: Comparison,
    /// A year, month or day.
    pub date: PartialDate,
}

/// A comparison with a year, month or day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// Within it: `2020`.
    On,
    /// After its end: `> 2020`, `aft 2020`.
    After,
    /// Before its start: `< 2020`, `bef 2020`.
    Before,
    /// From its start on: `>= 2020`.
    OnOrAfter,
    /// Up to its end: `<= 2020`.
    OnOrBefore,
}

/// A year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    /// The year, e.g. 2025.
    pub year: u16,
    /// The month, 1 to 12, when given.
    pub month: Option<u8>,
    /// The day of the month, when given (only with a month).
    pub day: Option<u8>,
}

impl Expr {
    /// Whether a field restriction appears anywhere in the tree.
    pub fn restricts(&self) -> bool {
        match self {
            Expr::Term(_) | Expr::Phrase(_) => false,
            Expr::Or(all) => all.iter().any(Expr::restricts),
            Expr::And(left, right) | Expr::ButNot(left, right) => {
                left.restricts() || right.restricts()
            }
            Expr::Near { left, right, .. } => left.restricts() || right.restricts(),
            Expr::Restrict(_) => true,
        }
    }
}

impl Pattern {
    /// Whether the pattern is one plain word, without expanders.
    pub fn is_exact(&self) -> bool {
        !self.root && !self.text.contains('*')
    }

    /// The literal text before the first `*`: every match starts with it.
    pub fn prefix(&self) -> &str {
        self.text.split('*').next().unwrap_or_default()
    }

    /// Whether an indexed word matches the pattern.
    pub fn matches(&self, word: &str) -> bool {
        let mut chars = word.chars();
        for expected in self.text.chars() {
            match chars.next() {
                Some(c) if expected == '*' || expected == c => {}
                _ => return false,
            }
        }
        self.root || chars.next().is_none()
    }
}

impl PartialDate {
    /// The first day it covers, as the number `YYYYMMDD`.
    pub fn first(&self) -> u64 {
        self.number(1, 1)
    }

    /// The last day it covers, as the number `YYYYMMDD` (day 31 stands for
    /// the end of any month: no date falls between the real end and it).
    pub fn last(&self) -> u64 {
        self.number(12, 31)
    }

    fn number(&self, month: u8, day: u8) -> u64 {
        let month = self.month.unwrap_or(month);
        let day = self.day.unwrap_or(day);
        u64::from(self.year) * 10_000 + u64::from(month) * 100 + u64::from(day)
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Term(pattern) if matches!(pattern.text.as_str(), "or" | "and") => {
                write!(f, "\"{pattern}\"")
            }
            Expr::Term(pattern) => write!(f, "{pattern}"),
            Expr::Phrase(patterns) => write!(f, "\"{}\"", joined(patterns, " ")),
            Expr::Or(all) => write!(f, "({})", joined(all, " or ")),
            Expr::And(left, right) => write!(f, "({left} & {right})"),
            Expr::ButNot(left, right) => write!(f, "({left} % {right})"),
            Expr::Near {
                left,
                right,
                connector,
            } => write!(f, "({left} {connector} {right})"),
            Expr::Restrict(restriction) => write!(f, "{restriction}"),
        }
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let root = if self.root { "!" } else { "" };
        write!(f, "{}{root}", self.text)
    }
}

impl fmt::Display for Connector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.ordered { '+' } else { '/' };
        match self.within {
            Within::Words(n) => write!(f, "{sign}{n}"),
            Within::Sentence => write!(f, "{sign}s"),
            Within::Paragraph => write!(f, "{sign}p"),
        }
    }
}

impl fmt::Display for Restriction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Restriction::Title(expr) => write!(f, "ti({expr})"),
            Restriction::Cites(expr) => write!(f, "cites({expr})"),
            Restriction::Court(courts) => write!(f, "court({})", joined(courts, " or ")),
            Restriction::Kind(kinds) => write!(f, "kind({})", joined(kinds, " or ")),
            Restriction::Date(bounds) => write!(f, "date({})", joined(bounds, " & ")),
        }
    }
}

impl fmt::Display for DateBound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let comparison = match self.comparison {
            Comparison::On => "",
            Comparison::After => "> ",
            Comparison::Before => "< ",
            Comparison::OnOrAfter => ">= ",
            Comparison::OnOrBefore => "<= ",
        };
        write!(f, "{comparison}{}", self.date)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

fn joined<T: fmt::Display>(items: &[T], separator: &str) -> String {
    items
        .iter()
        .map(T::to_string)
        .collect::<Vec<_>>()
        .join(separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(text: &str, root: bool) -> Pattern {
        Pattern {
            text: text.to_string(),
            root,
        }
    }

    #[test]
    fn a_root_matches_any_ending_and_a_star_one_character() {
        let privilege = pattern("privilege", true);
        assert!(privilege.matches("privilege"));
        assert!(privilege.matches("privileges"));
        assert!(!privilege.matches("privy"));
        let woman = pattern("wom*n", false);
        assert!(woman.matches("women") && woman.matches("woman"));
        assert!(!woman.matches("womn") && !woman.matches("womens"));
        assert_eq!(woman.prefix(), "wom");
    }

    #[test]
    fn a_partial_date_covers_its_whole_year_or_month() {
        let year = PartialDate {
            year: 2020,
            month: None,
            day: None,
        };
        assert_eq!((year.first(), year.last()), (20200101, 20201231));
        let month = PartialDate {
            month: Some(4),
            ..year
        };
        assert_eq!((month.first(), month.last()), (20200401, 20200431));
        assert_eq!(month.to_string(), "2020-04");
    }
}
