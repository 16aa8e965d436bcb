//! Small parsers for the pieces citations are built of: pin cites, court
//! parentheticals, docket numbers, case names, signals and balanced
//! parentheses. Each works at a given byte offset of a block's text and
//! looks only a bounded distance away, so the finder stays linear.

use super::Signal;
use super::reporters::Reporters;
use regex::Regex;
use std::sync::OnceLock;

/// How far a parenthesis is searched for its match; explanatory
/// parentheticals are far shorter, and the bound keeps unbalanced text linear.
const PAREN_REACH: usize = 4000;
/// The longest case name looked back over.
const NAME_REACH: usize = 300;

struct Patterns {
    pin_item: Regex,
    date_before_year: Regex,
    docket: Regex,
    entry: Regex,
    section: Regex,
    subdivisions: Regex,
    rule_number: Regex,
    designator: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let re = |p: &str| Regex::new(p).expect("static pattern compiles");
        Patterns {
            // 218 · 374-75 · *2-3 · 45(d)(2)(B) · ¶ 6 · ¶¶ 6-7 · 5 n.3
            pin_item: re(r"^(?:¶¶?\s?\d+(?:\s?[-–]\s?\d+)?|\d+(?:\([0-9A-Za-z]{1,4}\))+|\*?\d+(?:[-–]\*?\d+)?(?:\s?nn?\.\s?\d+(?:[-–]\d+)?)?|nn?\.\s?\d+(?:[-–]\d+)?|_{2,})"),
            // The date that ends what precedes a parenthetical's year, at
            // its start or after a space: `Apr. 7, `.
            date_before_year: re(concat!(
                r"(?:^|\s)(?:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?|January|February|March|April|May|June|July|August|September|October|November|December)",
                r"\s+\d{1,2},\s+$"
            )),
            docket: re(r"^No\.\s+(?:\d{1,2}:)?\d{1,4}[-\s](?:[A-Za-z]{1,4}\.?[-\s])?\d{1,6}(?:-[A-Za-z]{1,5})*"),
            entry: re(r"^(?:Dkt\.|ECF|Doc\.|Docket)(?:\s+No\.)?\s+(\d{1,6})"),
            section: re(r"^\d[0-9A-Za-z\-–./:]*"),
            subdivisions: re(r"^(?:\([0-9A-Za-z]{1,5}\))+"),
            rule_number: re(r"^\d{1,3}(?:\.\d{1,3})*"),
            designator: re(r"^[A-Z0-9]{1,3}\b"),
        }
    })
}

/// The first non-whitespace offset at or after `i`.
pub fn skip_ws(s: &str, i: usize) -> usize {
    i + s.get(i..).map_or(0, |r| r.len() - r.trim_start().len())
}

/// The offset just after the `)` matching the `(` at `open`.
pub fn paren_end(s: &str, open: usize) -> Option<usize> {
    let rest = s.get(open..)?;
    if !rest.starts_with('(') {
        return None;
    }
    let mut depth = 0usize;
    for (i, b) in rest.bytes().enumerate().take(PAREN_REACH) {
        match b {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// A list of pins at `i` (`121`, `10, 13-15`, `*2-3`, `¶¶ 6-7`,
/// `45(d)(2)(B)`), normalized (en dashes become hyphens), and its end. A
/// number followed by a reporter starts a parallel citation, not a pin.
pub fn pins(s: &str, i: usize, reporters: Option<&Reporters>) -> Option<(String, usize)> {
    let mut items: Vec<String> = Vec::new();
    let mut end = i;
    let mut at = i;
    loop {
        let rest = s.get(at..)?;
        let Some(m) = patterns().pin_item.find(rest) else {
            break;
        };
        let item_end = at + m.end();
        if is_parallel(s, item_end, reporters) || continues_word(s, item_end) {
            break;
        }
        items.push(m.as_str().replace('–', "-"));
        end = item_end;
        let Some(next) = list_separator(s, end) else {
            break;
        };
        at = next;
    }
    (!items.is_empty()).then(|| (items.join(", "), end))
}

fn list_separator(s: &str, i: usize) -> Option<usize> {
    let rest = s.get(i..)?;
    [", and ", ", ", " and ", " & "]
        .iter()
        .find(|sep| rest.starts_with(*sep))
        .map(|sep| i + sep.len())
}

fn is_parallel(s: &str, i: usize, reporters: Option<&Reporters>) -> bool {
    let Some(r) = reporters else { return false };
    s.get(i..).is_some_and(|rest| rest.starts_with(' ')) && r.reporter_at(s, i + 1).is_some()
}

/// Whether a number ending at `i` runs on into a word (`3M`, `4th`).
fn continues_word(s: &str, i: usize) -> bool {
    s[i..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// A pin introduced by `at ` (or bare, as after a page: `, 121`) at `i`.
pub fn at_pins(s: &str, i: usize, reporters: Option<&Reporters>) -> Option<(String, usize)> {
    let start = s.get(i..)?.strip_prefix("at ").map_or(i, |_| i + 3);
    pins(s, start, reporters)
}

/// A court-and-date parenthetical: `(N.D. Ill. Feb. 12, 2019)`, `(2021)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourtParen {
    /// The court as written (`N.D. Ill.`), if named.
    pub court: Option<String>,
    /// The full date as written, when given (`Feb. 5, 2018`).
    pub date: Option<String>,
    /// The year.
    pub year: i32,
    /// Offset after the closing parenthesis.
    pub end: usize,
}

/// The court-and-date parenthetical opening at `open`, if that is what it is.
pub fn court_paren(s: &str, open: usize) -> Option<CourtParen> {
    let end = paren_end(s, open)?;
    let inner = s.get(open + 1..end - 1)?.trim();
    // It ends with a year from 1600 to 2099; most parentheses after a
    // citation are explanations, and this says no to them first.
    let year_at = inner.len().checked_sub(4)?;
    let year_text = inner.get(year_at..)?;
    if !year_text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = year_text.parse().ok()?;
    if !(1600..=2099).contains(&year) {
        return None;
    }
    let (court, date) = court_and_date(inner.get(..year_at)?)?;
    Some(CourtParen {
        court: court.map(str::to_string),
        date: date.map(|d| format!("{d}{year_text}")),
        year,
        end,
    })
}

/// Splits what precedes a court parenthetical's year into the court and
/// the date (`7th Cir. ` + `Apr. 7, `). The court is what comes before the
/// first place after which only a date, or nothing, is left, and it holds
/// no parenthesis; a date with nothing before it has no court (`(Sept.
/// 14, 2009)`). `None` when `head` cannot precede a year.
fn court_and_date(head: &str) -> Option<(Option<&str>, Option<&str>)> {
    if head.is_empty() {
        return Some((None, None));
    }
    let date = patterns().date_before_year.find(head).map(|m| {
        let space = head[m.start()..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace());
        m.start() + space.map_or(0, char::len_utf8)
    });
    let (court, date) = match date {
        Some(start) => (&head[..start], Some(&head[start..])),
        None if head.ends_with(char::is_whitespace) => (head, None),
        None => return None,
    };
    if court.contains(['(', ')']) {
        return None;
    }
    Some((Some(court.trim()).filter(|c| !c.is_empty()), date))
}

/// A docket number at `i` (`No. 17 CV 4419`) and its end.
pub fn docket_number(s: &str, i: usize) -> Option<(String, usize)> {
    let m = patterns().docket.find(s.get(i..)?)?;
    let text = m.as_str();
    Some((squeeze_spaces(text), i + m.end()))
}

/// A docket entry label at `i` (`Dkt. No. 88`, `ECF No. 12`): the entry
/// number and the end.
pub fn docket_entry(s: &str, i: usize) -> Option<(String, usize)> {
    let caps = patterns().entry.captures(s.get(i..)?)?;
    let number = caps.get(1)?;
    Some((number.as_str().to_string(), i + caps.get(0)?.end()))
}

/// The docket number that ends right before `at` (after `, `), and its start.
pub fn docket_before(s: &str, at: usize) -> Option<(String, usize)> {
    let head = s.get(..at)?.strip_suffix(", ")?;
    let window = head.len().saturating_sub(40);
    let from = s.get(window..head.len())?.rfind("No. ")? + window;
    let (number, end) = docket_number(s, from)?;
    (end == head.len()).then_some((number, from))
}

/// A code section at `i` (`552(b)(5)`, `120/4`, `1240.80`): the section
/// without subdivisions, the whole, and the end.
pub fn section(s: &str, i: usize) -> Option<(String, String, usize)> {
    let m = patterns().section.find(s.get(i..)?)?;
    // A final period or dash ends the sentence, not the section.
    let base = m.as_str().trim_end_matches(['.', '-', '–', '/', ':']);
    let base_end = i + base.len();
    let subs = patterns()
        .subdivisions
        .find(&s[base_end..])
        .map_or("", |m| m.as_str());
    let end = base_end + subs.len();
    Some((base.to_string(), s[i..end].to_string(), end))
}

/// A rule number with subdivisions at `i` (`45(e)(2)(A)`): the number, the
/// whole, and the end.
pub fn rule_number(s: &str, i: usize) -> Option<(String, String, usize)> {
    let m = patterns().rule_number.find(s.get(i..)?)?;
    let number_end = i + m.end();
    if continues_word(s, number_end) {
        return None;
    }
    let subs = patterns()
        .subdivisions
        .find(&s[number_end..])
        .map_or("", |m| m.as_str());
    let end = number_end + subs.len();
    Some((m.as_str().to_string(), s[i..end].to_string(), end))
}

/// An exhibit designator at `i` (`B`, `5`, `12`) and its end.
pub fn designator(s: &str, i: usize) -> Option<usize> {
    patterns().designator.find(s.get(i..)?).map(|m| i + m.end())
}

/// Where a volume that numbers a year's parts (`93-1 USTC 50,044`,
/// `1938-2 C.B. 126`) starts, when the digit at `start..end` is the part.
pub fn year_part_volume(s: &str, start: usize, end: usize) -> Option<usize> {
    let head = s.get(..start)?.strip_suffix('-')?;
    let year = head.bytes().rev().take_while(u8::is_ascii_digit).count();
    let year_start = head.len() - year;
    let open = head[..year_start]
        .chars()
        .next_back()
        .is_none_or(|c| c == ' ' || c == '(');
    (end - start == 1 && (year == 2 || year == 4) && open).then_some(year_start)
}

/// `name` with spaced initials closed up, the way codes are keyed:
/// `N. Y. Gen. Bus. Law` is `N.Y. Gen. Bus. Law`.
pub fn close_initials(name: &str) -> String {
    let initial = |w: &str| {
        let b = w.as_bytes();
        b.len() == 2 && b[0].is_ascii_uppercase() && b[1] == b'.'
    };
    let mut out = String::with_capacity(name.len());
    let mut last = "";
    for word in name.split(' ') {
        let closed = initial(last) && initial(word);
        if !out.is_empty() && !closed {
            out.push(' ');
        }
        out.push_str(word);
        last = word;
    }
    out
}

fn squeeze_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Signals as written, longest first so `see also` wins over `see`.
const SIGNALS: [(&str, Signal); 16] = [
    ("see, e.g.,", Signal::SeeEg),
    ("see generally", Signal::SeeGenerally),
    ("citing generally", Signal::Citing),
    ("see also", Signal::SeeAlso),
    ("but see", Signal::ButSee),
    ("but cf.", Signal::ButCf),
    ("compare", Signal::Compare),
    ("quoting", Signal::Quoting),
    ("accord", Signal::Accord),
    ("contra", Signal::Contra),
    ("citing", Signal::Citing),
    ("e.g.,", Signal::Eg),
    ("e.g.", Signal::Eg),
    ("cf.", Signal::Cf),
    ("see", Signal::See),
    ("cf", Signal::Cf),
];

/// The signal that ends right before `at` (ignoring spaces and emphasis
/// marks), and where it starts.
pub fn signal_before(s: &str, at: usize) -> Option<(Signal, usize)> {
    let head = s.get(..at)?.trim_end_matches([' ', '*']);
    SIGNALS.iter().find_map(|&(words, signal)| {
        let start = head.len().checked_sub(words.len())?;
        let tail = head.get(start..)?;
        let bounded = head[..start]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || "(*;[“\"".contains(c));
        (bounded && tail.eq_ignore_ascii_case(words)).then_some((signal, start))
    })
}

/// The signal that opens `name` (`See Unit 9 …`, `see also Navarro`), and
/// the length it takes up with the following space.
pub fn signal_prefix(name: &str) -> Option<(Signal, usize)> {
    SIGNALS.iter().find_map(|&(words, signal)| {
        let head = name.get(..words.len())?;
        let after = name[words.len()..].strip_prefix(' ')?;
        let taken = name.len() - after.len();
        head.eq_ignore_ascii_case(words).then_some((signal, taken))
    })
}

/// A case name found before a citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// Where the citation's text begins: the opening `*` of an italic name,
    /// or the name's first letter.
    pub start: usize,
    /// The name without emphasis marks or signal.
    pub text: String,
    /// A signal written inside the italics (`*See Unit 9 …*`), with its start.
    pub signal: Option<(Signal, usize)>,
}

/// The case name that ends right before `at`, followed by a comma
/// (`*Roe*, 410`, `Roe v. Wade, 410`).
pub fn name_before(s: &str, at: usize) -> Option<Name> {
    let head = s.get(..at)?.trim_end();
    let head = head.strip_suffix(',')?.trim_end();
    if head.ends_with('*') {
        italic_name(s, head.len() - 1)
    } else {
        plain_name(s, head.len())
    }
}

/// An italic name whose closing `*` is at `close`.
fn italic_name(s: &str, close: usize) -> Option<Name> {
    let window = close.saturating_sub(NAME_REACH);
    let open = s.get(window..close)?.rfind('*')? + window;
    let inner = s.get(open + 1..close)?;
    if inner.is_empty() || inner.starts_with(' ') || inner.ends_with(' ') {
        return None;
    }
    let (signal, skip) = match signal_prefix(inner) {
        Some((sig, len)) => (Some((sig, open + 1)), len),
        None => (None, 0),
    };
    let text = &inner[skip..];
    let starts_well = text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if !starts_well || text.eq_ignore_ascii_case("id.") {
        return None;
    }
    let start = if signal.is_some() {
        open + 1 + skip
    } else {
        open
    };
    Some(Name {
        start,
        text: text.to_string(),
        signal,
    })
}

/// Lower-case words that may sit inside a case name.
const CONNECTORS: [&str; 14] = [
    "v.", "vs.", "of", "the", "and", "&", "for", "de", "la", "ex", "rel.", "re", "on", "in",
];
/// Capitalized words that open sentences rather than names.
const OPENERS: [&str; 16] = [
    "In", "For", "As", "Under", "While", "Because", "And", "But", "Also", "See", "Cf.", "Thus",
    "Here", "Accord", "Compare", "Contra",
];
/// What may follow a comma inside a name (`Midway Airlines, Inc.`).
const SUFFIXES: [&str; 10] = [
    "Inc.", "LLC", "L.L.C.", "Ltd.", "Co.", "Corp.", "N.A.", "L.P.", "LLP", "P.C.",
];

/// A name in plain type ending at `end`: the run of capitalized words and
/// connectors before it, which must hold ` v. ` (a short form's name is
/// the last capitalized words).
fn plain_name(s: &str, end: usize) -> Option<Name> {
    let window = end.saturating_sub(NAME_REACH);
    let region = s.get(window..end)?;
    let mut start = end;
    let mut next_word: Option<&str> = None;
    for (offset, word) in words_backward(region) {
        // `… prejudice to Manon. See Strickland v.`: a word ending a
        // sentence before a sentence opener is not part of the name.
        let sentence_ends = word.ends_with('.') && next_word.is_some_and(|n| OPENERS.contains(&n));
        if sentence_ends || !name_word(word, next_word) {
            break;
        }
        start = window + offset;
        next_word = Some(word);
    }
    let text = trim_openers(s.get(start..end)?);
    let start = end - text.len();
    if text.is_empty()
        || !text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        return None;
    }
    if !text.contains(" v. ") && text.split(' ').count() > 4 {
        return None;
    }
    Some(Name {
        start,
        text: text.to_string(),
        signal: None,
    })
}

fn name_word(word: &str, next: Option<&str>) -> bool {
    if word.contains(['*', '(', ')', ';', '“', '”', '"']) {
        return false;
    }
    // `2019.` ends a sentence; numbers inside names carry no period.
    if word.ends_with('.')
        && word
            .trim_end_matches('.')
            .bytes()
            .all(|b| b.is_ascii_digit())
    {
        return false;
    }
    if let Some(stem) = word.strip_suffix(',') {
        // A comma inside a name only before a corporate suffix.
        return next.is_some_and(|n| SUFFIXES.contains(&n)) && !stem.is_empty();
    }
    let capital = word
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    capital || CONNECTORS.contains(&word) || word.starts_with("Nat")
}

/// Drops sentence openers and connectors that precede a name.
fn trim_openers(name: &str) -> &str {
    let mut rest = name;
    loop {
        let Some((first, after)) = rest.split_once(' ') else {
            return rest;
        };
        let in_re = first == "In" && after.starts_with("re ");
        let opener = OPENERS.contains(&first) && !in_re;
        let connector = CONNECTORS.contains(&first) && first != "re";
        if !(opener || connector) {
            return rest;
        }
        rest = after;
    }
}

/// Words of `region` from the last to the first, with their offsets.
fn words_backward(region: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut end = region.len();
    std::iter::from_fn(move || {
        let head = region.get(..end)?;
        let trimmed = head.trim_end_matches(' ');
        if trimmed.is_empty() {
            return None;
        }
        let start = trimmed.rfind(' ').map_or(0, |i| i + 1);
        end = start;
        Some((start, &trimmed[start..]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volumes_may_number_a_years_parts() {
        let s = "see 93-1 USTC 50,044 and 1938-2 C.B. 126, not No. 92-1 or 1-2";
        let at = |needle: &str| s.find(needle).map(|i| i + needle.len() - 1);
        let part = |needle: &str| at(needle).and_then(|i| year_part_volume(s, i, i + 1));
        assert_eq!(part("93-1"), s.find("93-1"));
        assert_eq!(part("1938-2"), s.find("1938-2"));
        assert_eq!(part("92-1"), s.find("92-1"));
        assert_eq!(part("1-2"), None);
        assert_eq!(year_part_volume(s, 2, 4), None);
    }

    #[test]
    fn spaced_initials_close_up() {
        assert_eq!(close_initials("N. Y. Gen. Bus. Law"), "N.Y. Gen. Bus. Law");
        assert_eq!(close_initials("N.Y. Ins. Law"), "N.Y. Ins. Law");
        assert_eq!(close_initials("Cal. Penal Code"), "Cal. Penal Code");
    }

    #[test]
    fn pins_normalize() {
        let cases = [
            ("121 (N.D. Ill. 2012)", "121"),
            ("486–87 (7th", "486-87"),
            ("*2-3 (N.D.", "*2-3"),
            ("10, 13-15 (N.D.", "10, 13-15"),
            ("¶¶ 6-7.)", "¶¶ 6-7"),
            ("¶ 8.)", "¶ 8"),
            ("45(d)(2)(B), and", "45(d)(2)(B)"),
            ("5 n.3.", "5 n.3"),
        ];
        for (text, want) in cases {
            assert_eq!(
                pins(text, 0, None).map(|p| p.0),
                Some(want.to_string()),
                "{text}"
            );
        }
        assert_eq!(
            at_pins("at *4 (N.D.", 0, None).map(|p| p.0),
            Some("*4".to_string())
        );
        assert_eq!(pins("3M Co.", 0, None), None);
    }

    #[test]
    fn parallel_citation_is_not_a_pin() {
        let r = Reporters::bundled();
        let text = "1061, 93 S. Ct. 705";
        assert_eq!(
            pins(text, 0, Some(&r)).map(|p| p.0),
            Some("1061".to_string())
        );
    }

    #[test]
    fn court_parentheticals() {
        let p = court_paren("(N.D. Ill. Feb. 12, 2019) x", 0);
        assert_eq!(
            p.as_ref().and_then(|p| p.court.as_deref()),
            Some("N.D. Ill.")
        );
        assert_eq!(
            p.as_ref().and_then(|p| p.date.as_deref()),
            Some("Feb. 12, 2019")
        );
        assert_eq!(p.as_ref().map(|p| p.year), Some(2019));
        let p = court_paren("(2021)", 0);
        assert_eq!(p.map(|p| (p.court, p.year)), Some((None, 2021)));
        let p = court_paren("(N.D. Ill. April 21, 2021)", 0);
        assert_eq!(p.and_then(|p| p.date), Some("April 21, 2021".to_string()));
        let p = court_paren("(Sept. 14, 2009)", 0);
        assert_eq!(
            p.map(|p| (p.court, p.date)),
            Some((None, Some("Sept. 14, 2009".to_string())))
        );
        assert_eq!(court_paren("(quotations omitted)", 0), None);
        assert_eq!(court_paren("(citing X, 1 F.3d 1 (7th Cir. 1981))", 0), None);
    }

    /// The pattern `court_paren` read parentheticals with before it split
    /// them by hand (but for `??`: it read a lone date as a court): both
    /// must read every parenthetical alike.
    fn court_paren_by_pattern(s: &str) -> Option<CourtParen> {
        let pattern = Regex::new(concat!(
            r"^(?:(?P<court>[^()]*?)\s+)??",
            r"(?P<date>(?:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?|January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s+)?",
            r"(?P<year>1[6-9]\d\d|20\d\d)$"
        ))
        .ok()?;
        let end = paren_end(s, 0)?;
        let caps = pattern.captures(s.get(1..end - 1)?.trim())?;
        let year = caps.name("year")?;
        Some(CourtParen {
            court: caps
                .name("court")
                .map(|m| m.as_str().trim().to_string())
                .filter(|c| !c.is_empty()),
            date: caps
                .name("date")
                .map(|d| format!("{}{}", d.as_str(), year.as_str())),
            year: year.as_str().parse().ok()?,
            end,
        })
    }

    proptest::proptest! {
        #[test]
        fn court_parentheticals_read_as_the_pattern_did(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "N.D. Ill.", "7th Cir.", "Apr.", "April", "Sept.", "May", "Mar", "xJan.",
                "7,", "29,", "123,", "7", " ", "  ", "\u{a0}", "\t", ",", "(", ")", "Ill.App.",
                "1984", "2025", "1599", "2199", "١٢", "en banc", "", "e.g.",
            ]), 0..8),
        ) {
            let text = format!("({})", parts.concat());
            proptest::prop_assert_eq!(court_paren(&text, 0), court_paren_by_pattern(&text), "{}", text);
        }
    }

    #[test]
    fn dockets() {
        assert_eq!(
            docket_number("No. 17 CV 4419, 2019", 0).map(|d| d.0),
            Some("No. 17 CV 4419".into())
        );
        assert_eq!(
            docket_number("No. 1:20-cv-00418,", 0).map(|d| d.0),
            Some("No. 1:20-cv-00418".into())
        );
        assert_eq!(
            docket_entry("Dkt. No. 88 at 8", 0).map(|d| d.0),
            Some("88".into())
        );
        let text = "X, No. 20 CV 418, 2021 WL 1";
        let at = text.find("2021").unwrap_or(0);
        assert_eq!(docket_before(text, at), Some(("No. 20 CV 418".into(), 3)));
    }

    #[test]
    fn sections_and_rules() {
        assert_eq!(
            section("552(b)(5))", 0).map(|s| (s.0, s.1)),
            Some(("552".into(), "552(b)(5)".into()))
        );
        assert_eq!(
            section("1240.80, prohibits", 0).map(|s| s.0),
            Some("1240.80".into())
        );
        assert_eq!(section("530).", 0).map(|s| s.0), Some("530".into()));
        assert_eq!(section("120/4;", 0).map(|s| s.0), Some("120/4".into()));
        assert_eq!(
            rule_number("45(e)(2)(A)(ii) because", 0).map(|r| r.1),
            Some("45(e)(2)(A)(ii)".into())
        );
        assert_eq!(
            rule_number("26(b)(3)(A). Notably", 0).map(|r| r.1),
            Some("26(b)(3)(A)".into())
        );
    }

    #[test]
    fn signals() {
        let text = "(see also R. 73";
        assert_eq!(signal_before(text, 10), Some((Signal::SeeAlso, 1)));
        let text = "; *see also* Castellano";
        assert_eq!(signal_before(text, 13).map(|s| s.0), Some(Signal::SeeAlso));
        assert_eq!(signal_before("Chelsea R. 1", 8), None);
        assert_eq!(signal_prefix("See Nat'l Tenant"), Some((Signal::See, 4)));
        assert_eq!(signal_prefix("Seely v. X"), None);
    }

    #[test]
    fn names() {
        let text = "discretion. *Horton v. Chi. Bd. of Educ.*, No. 20";
        let n = name_before(text, text.find("No.").unwrap_or(0));
        assert_eq!(
            n.as_ref().map(|n| n.text.as_str()),
            Some("Horton v. Chi. Bd. of Educ.")
        );
        assert_eq!(n.map(|n| n.start), text.find('*'));
        let text = "*see also* Castellano v. Midway Airlines, Inc., No. 18";
        let n = name_before(text, text.find("No.").unwrap_or(0));
        assert_eq!(
            n.map(|n| n.text),
            Some("Castellano v. Midway Airlines, Inc.".into())
        );
        let text = "*See Nat'l Tenant Just. Ctr.*, 947 F.3d";
        let n = name_before(text, text.find("947").unwrap_or(0));
        assert_eq!(n.as_ref().and_then(|n| n.signal), Some((Signal::See, 1)));
        assert_eq!(n.map(|n| n.text), Some("Nat'l Tenant Just. Ctr.".into()));
        let text = "In Reyes v. City of Chicago, No. 21";
        let n = name_before(text, text.find("No.").unwrap_or(0));
        assert_eq!(n.map(|n| n.text), Some("Reyes v. City of Chicago".into()));
        let text = "the court balances it. Abbott, 512 F.3d";
        let n = name_before(text, text.find("512").unwrap_or(0));
        assert_eq!(n.map(|n| n.text), Some("Abbott".into()));
        assert_eq!(name_before("(*Id.*, 3", 8), None);
        let text = "nor prejudice to Manon. See Strickland v. Washington, 466 U.S.";
        let n = name_before(text, text.find("466").unwrap_or(0));
        assert_eq!(n.map(|n| n.text), Some("Strickland v. Washington".into()));
        let text = "as Judge Hand said. Cf. N.L.R.B. v. Jones & Laughlin Steel Corp., 301 U.S.";
        let n = name_before(text, text.find("301").unwrap_or(0));
        assert_eq!(
            n.map(|n| n.text),
            Some("N.L.R.B. v. Jones & Laughlin Steel Corp.".into())
        );
    }

    #[test]
    fn parens_balance() {
        assert_eq!(paren_end("(a (b) c) d", 0), Some(9));
        assert_eq!(paren_end("(a (b c", 0), None);
        assert_eq!(paren_end("x", 0), None);
    }
}
