//! Finding: every citation form in a cleaned document.
//!
//! Each paragraph and footnote is scanned once for anchors: digit runs
//! followed by a reporter spelling (`618 F.3d`, `2019 WL`), law spellings
//! (`U.S.C.`, `Fed. R. Civ. P.`), and the fixed words `Id.`, `R. `, `Rule `,
//! `No. `, `Dkt. ` and `_` (Bates numbers). Each anchor is parsed locally
//! into a citation; overlapping finds keep the one that starts first (a
//! docket entry's `Dkt. No.` is not also a record cite). Case names are read
//! backwards from the volume or docket number. The `context` stage
//! then adds parentheticals, nesting, signals and propositions.

use super::clean::{Block, BlockKind, Document};
use super::context;
use super::grammar::{self, Name};
use super::reporters::{LawForm, LawKind, Reporters};
use super::text::{BlockText, ascii_digits, find_byte};
use super::{Bates, Citation, CitationKind, Location};
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashSet;
use std::sync::OnceLock;

/// A citation found in one block's text, with offsets into that text.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    /// The citation (its span is set when mapped back to the original),
    /// boxed: finds are sorted and filtered several times over, and a
    /// citation is large to move.
    pub cite: Box<Citation>,
    /// Start of the citation's text (the case name, when there is one).
    pub start: usize,
    /// End of the citation's text.
    pub end: usize,
    /// Start of the part found at the anchor (volume, `No.`, `Id.`).
    pub core: usize,
    /// Start including the signal.
    pub lead: usize,
    /// End including parentheticals and exhibit references.
    pub tail: usize,
    /// Inner ranges of explanatory parentheticals.
    pub parens: Vec<(usize, usize)>,
    /// Index (in the block's list) of the citation whose parenthetical holds it.
    pub parent: Option<usize>,
}

impl Found {
    fn new(kind: CitationKind, start: usize, end: usize) -> Found {
        Found {
            cite: Box::new(Citation::new(kind)),
            start,
            end,
            core: start,
            lead: start,
            tail: end,
            parens: Vec::new(),
            parent: None,
        }
    }
}

/// Finds every citation in `document`, whose spans index `text`.
pub fn find(document: &Document, text: &str, reporters: &Reporters) -> Vec<Citation> {
    // Room for more citations than opinions hold (one in 600 bytes across
    // the shared corpus, one in 206 in the seed): growing a long opinion's
    // list would copy it again and again, and room left unused is never
    // touched.
    let mut out = Listing::with_capacity(text.len() / CITATION_ROOM);
    let mut carry = context::Carry::default();
    // Party names of the full cites so far, for reference cites.
    let mut names: HashSet<String> = HashSet::new();
    // One buffer for every block's text.
    let mut bt = BlockText::default();
    for block in &document.blocks {
        match block.kind {
            BlockKind::Paragraph | BlockKind::Footnote => {}
            BlockKind::Heading => {
                carry = context::Carry::default();
                continue;
            }
            BlockKind::Caption => continue,
        }
        bt.fill(text, &block.pieces);
        let mut found = find_in(&bt.text, reporters);
        reference_cites(&bt.text, &mut found, &names);
        if block.kind == BlockKind::Paragraph {
            context::annotate(&bt.text, &mut found, &mut carry);
        } else {
            // A footnote neither takes nor leaves a proposition.
            context::annotate(&bt.text, &mut found, &mut context::Carry::default());
        }
        for f in &found {
            if f.cite.kind == CitationKind::FullCaseCitation {
                for name in reference_names(&f.cite) {
                    if !names.contains(name) {
                        names.insert(name.to_string());
                    }
                }
            }
        }
        let base = out.citations.len();
        for f in found {
            out.push(finish(f, &bt, text, block, base));
        }
    }
    out.in_text_order()
}

/// Bytes of text the citation list has room for one citation in.
const CITATION_ROOM: usize = 128;

/// The citations found so far, with what putting them in text order needs
/// kept beside them. A long opinion's citations span tens of megabytes:
/// a pass over them all to read their starts, or to find the nested ones,
/// would miss the cache at every citation, where these short lists are
/// read in a few misses.
struct Listing {
    citations: Vec<Citation>,
    /// `(start, index)` of each citation.
    starts: Vec<(usize, usize)>,
    /// The indices of the citations nested in another's parenthetical.
    nested: Vec<usize>,
}

impl Listing {
    fn with_capacity(capacity: usize) -> Listing {
        Listing {
            citations: Vec::with_capacity(capacity),
            starts: Vec::with_capacity(capacity),
            nested: Vec::new(),
        }
    }

    fn push(&mut self, citation: Citation) {
        let index = self.citations.len();
        self.starts.push((citation.span.start, index));
        if citation.nested.is_some() {
            self.nested.push(index);
        }
        self.citations.push(citation);
    }

    /// Sorts by position in the original text (a footnote printed inside a
    /// paragraph split by a page break sits between the paragraph's
    /// halves), keeping nested citations pointing at their parents.
    fn in_text_order(self) -> Vec<Citation> {
        let Listing {
            mut citations,
            starts: mut order,
            nested,
        } = self;
        // Nearly always in order already; citations are large to move.
        if order.windows(2).all(|w| w[0].0 <= w[1].0) {
            return citations;
        }
        // By start, then by index, as a stable sort would keep them.
        order.sort_unstable();
        // Where the citation now at each index belongs.
        let mut new_index = vec![0; citations.len()];
        for (new, &(_, old)) in order.iter().enumerate() {
            new_index[old] = new;
        }
        for &i in &nested {
            if let Some(n) = citations[i].nested.as_mut() {
                n.parent = new_index[n.parent];
            }
        }
        // Each swap puts one citation in its place: only those out of place move.
        for i in 0..citations.len() {
            while new_index[i] != i {
                let j = new_index[i];
                citations.swap(i, j);
                new_index.swap(i, j);
            }
        }
        citations
    }
}

/// Every citation in one block's text, in order, annotated except for
/// context (see [`context::annotate`]).
pub(crate) fn find_in(s: &str, reporters: &Reporters) -> Vec<Found> {
    let mut found = Vec::new();
    reporter_cites(s, reporters, &mut found);
    law_cites(s, reporters, &mut found);
    fixed_anchor_cites(s, reporters, &mut found);
    let mut kept = without_overlaps(found);
    bates_continuations(s, &mut kept);
    kept.sort_by_key(|f| f.start);
    parallels(s, &mut kept);
    kept
}

/// Links parallel citations, `410 U.S. 113, 93 S. Ct. 705, 35 L. Ed. 2d 147
/// (1973)`: full case cites joined by nothing but commas. They share the
/// first one's name and signal, the court and date of the parenthetical
/// that closes the group, and one authority key (the first one's); each
/// lists the keys of the others.
fn parallels(s: &str, found: &mut [Found]) {
    let mut i = 0;
    while i < found.len() {
        let mut j = i;
        while j + 1 < found.len()
            && found[j].cite.kind == CitationKind::FullCaseCitation
            && found[j + 1].cite.kind == CitationKind::FullCaseCitation
            && s.get(found[j].end..found[j + 1].core)
                .is_some_and(|gap| gap.trim() == ",")
        {
            j += 1;
        }
        if j > i {
            share(&mut found[i..=j]);
        }
        i = j + 1;
    }
}

fn share(group: &mut [Found]) {
    let keys: Vec<Option<String>> = group.iter().map(|f| case_key(&f.cite)).collect();
    let Some(first_key) = keys.first().cloned().flatten() else {
        return;
    };
    let dated = group
        .iter()
        .rev()
        .find(|f| f.cite.year.is_some() || f.cite.court_name.is_some())
        .map(|f| f.cite.clone());
    let first = group[0].cite.clone();
    let others: Vec<String> = keys
        .into_iter()
        .flatten()
        .filter(|k| *k != first_key)
        .collect();
    for f in group.iter_mut() {
        let c = &mut f.cite;
        c.plaintiff.clone_from(&first.plaintiff);
        c.defendant.clone_from(&first.defendant);
        c.docket_number.clone_from(&first.docket_number);
        c.signal = first.signal;
        if let Some(d) = &dated {
            c.year = d.year;
            c.date.clone_from(&d.date);
            c.court_name.clone_from(&d.court_name);
            c.court = d.court.clone().or(first.court.clone()).or(c.court.take());
        }
        c.authority = Some(first_key.clone());
        c.parallel.clone_from(&others);
    }
}

/// `512 F.3d 346`: the key a full case cite names.
pub(crate) fn case_key(c: &Citation) -> Option<String> {
    let (volume, reporter, page) = (
        c.volume.as_deref()?,
        c.corrected_reporter.as_deref()?,
        c.page.as_deref()?,
    );
    Some(format!("{volume} {reporter} {page}"))
}

/// Case names a later `Roe at 240` may use: the parties of a full cite,
/// unless too common to tell cases apart (eyecite's rule).
pub(crate) fn reference_names(c: &Citation) -> impl Iterator<Item = &str> {
    [c.plaintiff.as_deref(), c.defendant.as_deref()]
        .into_iter()
        .flatten()
        .filter(|n| {
            let lower = n.to_lowercase();
            n.len() > 2
                && n.starts_with(|c: char| c.is_uppercase())
                && !n.ends_with('.')
                && !COMMON_PARTIES.contains(&lower.as_str())
        })
}

/// Parties too common to identify a case by.
const COMMON_PARTIES: [&str; 7] = [
    "state",
    "united states",
    "people",
    "commonwealth",
    "mass",
    "commissioner",
    "government",
];

/// `Roe at 240`, `*Roe*, at 240`: a case name and a pin after that case's
/// full cite (in an earlier block, `names`, or earlier in this one).
pub(crate) fn reference_cites(s: &str, found: &mut Vec<Found>, names: &HashSet<String>) {
    let local: Vec<(usize, &str)> = found
        .iter()
        .filter(|f| f.cite.kind == CitationKind::FullCaseCitation)
        .flat_map(|f| reference_names(&f.cite).map(move |n| (f.end, n)))
        .collect();
    let mut extra = Vec::new();
    for m in at_words().find_iter(s) {
        let p = m.start();
        let pin_start = m.end();
        if !s[pin_start..].starts_with(|c: char| c.is_ascii_digit() || c == '*')
            || inside_found(found, p)
        {
            continue;
        }
        let head = s[..p].trim_end_matches(',');
        let italic = head.ends_with('*');
        let head = head.trim_end_matches('*');
        let name = name_ending(head, names).or_else(|| {
            local
                .iter()
                .filter(|&&(end, n)| end <= p && head.ends_with(n))
                .map(|&(_, n)| n)
                .max_by_key(|n| n.len())
        });
        let Some(name) = name else { continue };
        let mut start = head.len() - name.len();
        if s[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        if italic && s[..start].ends_with('*') {
            start -= 1;
        }
        let Some((pin, end)) = grammar::pins(s, pin_start, None) else {
            continue;
        };
        let mut f = Found::new(CitationKind::ReferenceCitation, start, end);
        f.cite.short_name = Some(name.to_string());
        f.cite.pin_cite = Some(pin);
        extra.push(f);
    }
    if !extra.is_empty() {
        found.extend(extra);
        found.sort_by_key(|f| f.start);
    }
}

/// The searcher for ` at `: every block is searched, and the standard
/// library's substring search is slow for a needle this short (its loop
/// was the finder's hottest in `perf`), where this one skips ahead with
/// `memchr`.
fn at_words() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| AhoCorasick::new([" at "]).expect("a static pattern compiles"))
}

/// The longest of `names` that `head` ends with, trying its last one to
/// six words.
fn name_ending<'a>(head: &'a str, names: &HashSet<String>) -> Option<&'a str> {
    if names.is_empty() {
        return None;
    }
    let mut best = None;
    let mut cut = head.len();
    for _ in 0..6 {
        let Some(space) = head[..cut].rfind(' ') else {
            let whole = head;
            if names.contains(whole) {
                best = Some(whole);
            }
            break;
        };
        let candidate = &head[space + 1..];
        if names.contains(candidate) {
            best = Some(candidate);
        }
        cut = space;
    }
    best
}

fn finish(f: Found, bt: &BlockText, text: &str, block: &Block, base: usize) -> Citation {
    let mut cite = *f.cite;
    cite.span = bt.original_span(f.start, f.end, text);
    cite.matched_text = text[cite.span.start..cite.span.end].to_string();
    cite.location = Location {
        paragraph: block.paragraph,
        footnote: block.footnote,
        section: block.section.clone(),
    };
    if let Some(n) = cite.nested.as_mut() {
        n.parent += base;
    }
    cite
}

/// Keeps, of finds whose anchored parts overlap, the one that starts first
/// (the longer on a tie); names that reach into an earlier find are dropped.
fn without_overlaps(mut found: Vec<Found>) -> Vec<Found> {
    found.sort_by(|a, b| a.core.cmp(&b.core).then(b.end.cmp(&a.end)));
    let mut kept: Vec<Found> = Vec::with_capacity(found.len());
    for mut f in found {
        let prev_end = kept.last().map_or(0, |k| k.end);
        if f.core < prev_end {
            continue;
        }
        if f.start < prev_end {
            f.start = f.core;
            f.lead = f.core;
            f.cite.plaintiff = None;
            f.cite.defendant = None;
            f.cite.short_name = None;
            f.cite.signal = None;
        }
        kept.push(f);
    }
    kept
}

// ---------------------------------------------------------------- cases

/// `VOLUME REPORTER PAGE[, PIN] [(COURT DATE)]` and `VOLUME REPORTER at PIN`
/// at every digit run followed by a reporter spelling.
fn reporter_cites(s: &str, reporters: &Reporters, out: &mut Vec<Found>) {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(k) = find_byte(&bytes[i..], ascii_digits, |b| b.is_ascii_digit()) {
        i += k;
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let vol_start = grammar::year_part_volume(s, start, i)
            .filter(|_| bytes.get(i) == Some(&b' '))
            .unwrap_or(start);
        let boundary = vol_start < start || volume_boundary(s, start);
        if boundary && i - start <= 5 && bytes.get(i) == Some(&b' ') {
            out.extend(reporter_cite(s, vol_start, i, reporters));
        }
    }
}

/// Whether a number starting at `i` may be a volume (not the tail of a
/// section `120/4`, a docket `1:20-cv`, a Bates number or a word).
fn volume_boundary(s: &str, i: usize) -> bool {
    s[..i]
        .chars()
        .next_back()
        .is_none_or(|c| !(c.is_alphanumeric() || "./-_:§*".contains(c)))
}

fn reporter_cite(
    s: &str,
    vol_start: usize,
    vol_end: usize,
    reporters: &Reporters,
) -> Option<Found> {
    let m = reporters.reporter_at(s, vol_end + 1)?;
    // `22 U.S. (9 Wheat.) 1`: the nominative reporter rides along.
    let rep_end = nominative(s, m.end).unwrap_or(m.end);
    let after = s.get(rep_end..)?;
    let short_at = [" at ", ", at "]
        .iter()
        .find(|p| after.starts_with(*p))
        .map(|p| rep_end + p.len() - 3);
    let (page, page_end) = match short_at {
        Some(_) => (None, rep_end),
        None => {
            // `105 FERC ¶ 61,004`: a looseleaf reporter numbers paragraphs.
            let digits = after
                .strip_prefix(" ¶ ")
                .or_else(|| after.strip_prefix(' '))?;
            // `50,044` in a tax or agency reporter; `5,6` is a page and a pin.
            let plain = digits.bytes().take_while(u8::is_ascii_digit).count();
            let len = if plain <= 2 {
                page_with_commas(digits)
            } else {
                plain
            };
            // A slip opinion's page is left blank: `580 U. S. ___`.
            let blank = digits.bytes().take_while(|&b| b == b'_').count();
            let end = rep_end + (after.len() - digits.len()) + len.max(blank);
            let runs_on = s[end..].chars().next().is_some_and(char::is_alphanumeric);
            if (len == 0 && blank < 2) || runs_on {
                return None;
            }
            ((len > 0).then(|| digits[..len].to_string()), end)
        }
    };
    let mut f = Found::new(CitationKind::FullCaseCitation, vol_start, page_end);
    if let Some(at) = short_at {
        f.cite.kind = CitationKind::ShortCaseCitation;
        let (pin, end) = grammar::at_pins(s, at, Some(reporters))?;
        f.cite.pin_cite = Some(pin);
        f.end = end;
    } else {
        full_pin_and_court(s, &mut f, reporters);
    }
    let volume = &s[vol_start..vol_end];
    let year = f
        .cite
        .year
        .or_else(|| volume.parse().ok().filter(|y| (1700..2200).contains(y)));
    let edition = reporters.pick_edition(m.editions, f.cite.year.or(year))?;
    f.cite.volume = Some(volume.to_string());
    f.cite.reporter = Some(s[vol_end + 1..m.end].to_string());
    f.cite.corrected_reporter = Some(edition.abbreviation.clone());
    f.cite.page = page;
    f.tail = f.end;
    if edition.is_journal() {
        // The words before a journal cite are an article's title and author.
        if f.cite.kind == CitationKind::FullCaseCitation {
            f.cite.kind = CitationKind::FullJournalCitation;
        }
        return Some(f);
    }
    case_name_and_docket(s, &mut f);
    let is_wl = edition.abbreviation == "WL";
    if is_wl && f.cite.kind == CitationKind::FullCaseCitation && looks_short(&f) {
        f.cite.kind = CitationKind::ShortCaseCitation;
    }
    if f.cite.kind == CitationKind::FullCaseCitation {
        // A WL number's volume is its year; `U.S.` names its court.
        f.cite.year = f.cite.year.or(year.filter(|_| is_wl));
        if f.cite.court.is_none() && f.cite.court_name.is_none() {
            f.cite.court = reporters
                .court_of_reporter(&edition.abbreviation)
                .map(str::to_string);
        }
    }
    let short = f.cite.kind == CitationKind::ShortCaseCitation;
    settle_name(&mut f, short);
    Some(f)
}

/// The end of a nominative reporter in parentheses after `at`: ` (9 Wheat.)`.
fn nominative(s: &str, at: usize) -> Option<usize> {
    let rest = s.get(at..)?.strip_prefix(" (")?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let name = rest.get(digits..)?.strip_prefix(' ')?;
    let len = name
        .bytes()
        .take_while(|b| b.is_ascii_alphabetic() || *b == b'.')
        .count();
    let fits = (1..=3).contains(&digits)
        && name.starts_with(|c: char| c.is_ascii_uppercase())
        && (2..=8).contains(&len)
        && name[len..].starts_with(')');
    fits.then(|| at + 2 + digits + 1 + len + 1)
}

/// `, 121`, `, at *4` and the court parenthetical after a page.
fn full_pin_and_court(s: &str, f: &mut Found, reporters: &Reporters) {
    if s[f.end..].starts_with(", ")
        && let Some((pin, end)) = grammar::at_pins(s, f.end + 2, Some(reporters))
    {
        f.cite.pin_cite = Some(pin);
        f.end = end;
    }
    court_parenthetical(s, f, reporters);
}

fn court_parenthetical(s: &str, f: &mut Found, reporters: &Reporters) {
    let open = grammar::skip_ws(s, f.end);
    if let Some(p) = grammar::court_paren(s, open) {
        f.cite.year = Some(p.year);
        f.cite.date = p.date;
        f.cite.court = p
            .court
            .as_deref()
            .and_then(|c| reporters.court_id(c))
            .map(str::to_string);
        f.cite.court_name = p.court;
        f.end = p.end;
    }
}

/// A WL cite with neither court parenthetical, docket number nor `v.` name
/// repeats an earlier full cite: `*Roe*, 2020 WL 123456, at *2`.
fn looks_short(f: &Found) -> bool {
    f.cite.year.is_none() && f.cite.docket_number.is_none() && f.cite.defendant.is_none()
}

/// Reads the docket number and case name before a case citation.
fn case_name_and_docket(s: &str, f: &mut Found) {
    let mut at = f.core;
    if let Some((docket, start)) = grammar::docket_before(s, at) {
        f.cite.docket_number = Some(docket);
        at = start;
        f.start = start;
        f.lead = start;
    }
    if let Some(name) = grammar::name_before(s, at) {
        apply_name(f, name);
    }
}

fn apply_name(f: &mut Found, name: Name) {
    f.start = name.start;
    f.lead = name.start;
    if let Some((signal, start)) = name.signal {
        f.cite.signal = Some(signal);
        f.lead = start.saturating_sub(1);
    }
    match name.text.split_once(" v. ") {
        Some((p, d)) => {
            f.cite.plaintiff = Some(p.to_string());
            f.cite.defendant = Some(d.to_string());
        }
        None => f.cite.short_name = Some(name.text),
    }
}

/// A short form keeps its name in `short_name`; a full cite named without
/// `v.` (`In re X`) keeps it as the plaintiff.
fn settle_name(f: &mut Found, short: bool) {
    if !short
        && f.cite.defendant.is_none()
        && let Some(name) = f.cite.short_name.take()
    {
        f.cite.plaintiff = Some(name);
    }
}

// -------------------------------------------------------- docket entries

/// `No. 21 CV 5123, Dkt. No. 88 at 8-11 (N.D. Ill. March 3, 2023)`.
fn docket_entry_cite(s: &str, at: usize, reporters: &Reporters) -> Option<Found> {
    let (docket, docket_end) = grammar::docket_number(s, at)?;
    s.get(docket_end..)?.strip_prefix(", ")?;
    let (entry, entry_end) = grammar::docket_entry(s, docket_end + 2)?;
    let mut f = Found::new(CitationKind::DocketEntryCitation, at, entry_end);
    f.cite.docket_number = Some(docket);
    f.cite.docket_entry = Some(entry);
    let pin = s[entry_end..]
        .strip_prefix(" at ")
        .and_then(|_| grammar::pins(s, entry_end + 4, None));
    if let Some((pin, end)) = pin {
        f.cite.pin_cite = Some(pin);
        f.end = end;
    }
    court_parenthetical(s, &mut f, reporters);
    f.tail = f.end;
    if let Some(name) = grammar::name_before(s, at) {
        apply_name(&mut f, name);
    }
    // Named without `v.` and without a court: the short form of an earlier cite.
    let short = f.cite.year.is_none();
    settle_name(&mut f, short);
    Some(f)
}

// ------------------------------------------------------------------ laws

fn law_cites(s: &str, reporters: &Reporters, out: &mut Vec<Found>) {
    for m in reporters.find_laws(s) {
        let Some(law) = reporters.law(m.law) else {
            continue;
        };
        if !law_boundary(s, m.start, m.end) {
            continue;
        }
        let (start, end) = (m.start, m.end);
        let found = match law.form {
            LawForm::Titled => titled_law(s, start, end).or_else(|| sectioned_law(s, start, end)),
            LawForm::Numbered => numbered_law(s, start, end),
            LawForm::Constitution => constitution(s, start, end),
            LawForm::Sectioned => sectioned_law(s, start, end),
            LawForm::Chapter => chapter_law(s, start, end),
            LawForm::Volume => volume_law(s, start, end),
            LawForm::PublicLaw => public_law(s, start, end),
            LawForm::Subject => subject_law(s, start, end, law.suffix.as_deref()),
        };
        if let Some(mut f) = found {
            if law.form == LawForm::Subject {
                // The code is named in full: `N.Y. Ins. Law`.
                let name = f.cite.reporter.take().unwrap_or_default();
                f.cite.corrected_reporter = Some(grammar::close_initials(&name));
                f.cite.reporter = Some(name);
            } else {
                f.cite.reporter = Some(s[start..end].to_string());
                f.cite.corrected_reporter = Some(law.code.clone());
            }
            f.cite.law_kind = Some(law_kind_name(law.kind).to_string());
            if law.kind == LawKind::Rule {
                f.cite.kind = CitationKind::RuleCitation;
            }
            out.push(f);
        }
    }
}

/// Whether a law spelling at `start..end` stands as words of its own (not
/// `FR` inside `FRCP`).
fn law_boundary(s: &str, start: usize, end: usize) -> bool {
    let before = s[..start].chars().next_back();
    let after = s[end..].chars().next();
    let open = before.is_none_or(|c| !c.is_alphanumeric());
    let close = s[..end].ends_with('.') || after.is_none_or(|c| !c.is_alphanumeric());
    open && close
}

/// `R.I. Gen. Laws § 9-1-14`: a code without title, then a section mark.
fn sectioned_law(s: &str, start: usize, end: usize) -> Option<Found> {
    let at = grammar::skip_ws(s, end);
    let after = section_marker(s, end);
    if after == at {
        return None;
    }
    let (base, whole, section_end) = grammar::section(s, after)?;
    let mut f = Found::new(CitationKind::FullLawCitation, start, section_end);
    f.cite.page = Some(base.clone());
    if whole != base {
        f.cite.pin_cite = Some(whole);
    }
    Some(f)
}

/// `Mass. Gen. Laws ch. 93A, § 2`: the chapter is the volume.
fn chapter_law(s: &str, start: usize, end: usize) -> Option<Found> {
    let rest = s.get(end..)?.strip_prefix(" ch. ")?;
    let len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if len == 0 || !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let chapter_end = end + " ch. ".len() + len;
    let comma = usize::from(s[chapter_end..].starts_with(','));
    let mut f = sectioned_law(s, start, chapter_end + comma)?;
    f.cite.volume = Some(rest[..len].to_string());
    Some(f)
}

/// `94 Stat. 1159`, `45 Fed. Reg. 33,412, 33,415`: volume, code and page.
fn volume_law(s: &str, start: usize, end: usize) -> Option<Found> {
    let (volume, v_start) = title_before(s, start)?;
    let rest = s.get(end..)?.strip_prefix(' ')?;
    let len = page_with_commas(rest);
    if len == 0 {
        return None;
    }
    let page_end = end + 1 + len;
    let mut f = Found::new(CitationKind::FullLawCitation, v_start, page_end);
    f.cite.volume = Some(volume);
    f.cite.page = Some(rest[..len].to_string());
    if let Some((pin, pin_end)) = s[page_end..]
        .strip_prefix(", ")
        .and_then(|_| grammar::pins(s, page_end + 2, None))
    {
        f.cite.pin_cite = Some(pin);
        f.end = pin_end;
    }
    if let Some(p) = grammar::court_paren(s, grammar::skip_ws(s, f.end)) {
        f.cite.year = Some(p.year);
        f.cite.date = p.date;
        f.end = p.end;
    }
    f.tail = f.end;
    Some(f)
}

/// The length of a page number that may group its digits with commas
/// (`33,412`); a comma followed by a space ends it.
fn page_with_commas(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut len = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    while len > 0
        && bytes.get(len) == Some(&b',')
        && bytes[len + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
            == 3
    {
        len += 4;
    }
    let continues = s[len..].chars().next().is_some_and(char::is_alphanumeric);
    if continues { 0 } else { len }
}

/// `Pub. L. No. 96-350`, `Public Law 107-56`.
fn public_law(s: &str, start: usize, end: usize) -> Option<Found> {
    let mut at = end;
    for word in [" No.", " Number"] {
        if s[at..].starts_with(word) {
            at += word.len();
            break;
        }
    }
    let rest = s.get(at..)?.strip_prefix(' ')?;
    let congress = rest.bytes().take_while(u8::is_ascii_digit).count();
    let number = rest
        .get(congress + 1..)?
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    if congress == 0 || congress > 3 || number == 0 || rest.as_bytes().get(congress) != Some(&b'-')
    {
        return None;
    }
    let len = congress + 1 + number;
    if rest[len..].starts_with(char::is_alphanumeric) {
        return None;
    }
    let mut f = Found::new(CitationKind::FullLawCitation, start, at + 1 + len);
    f.cite.page = Some(rest[..len].to_string());
    Some(f)
}

/// `N.Y. Ins. Law § 3212`, `Cal. Penal Code § 187`: a prefix, one to five
/// subject words, the `suffix`, then a section.
fn subject_law(s: &str, start: usize, end: usize, suffix: Option<&str>) -> Option<Found> {
    let suffix = suffix?;
    let mut at = end;
    for _ in 0..5 {
        let rest = s.get(at..)?.strip_prefix(' ')?;
        if rest.starts_with(suffix) && !rest[suffix.len()..].starts_with(char::is_alphanumeric) {
            let name_end = at + 1 + suffix.len();
            // McKinney's `N.Y. Gen. Bus. Law Ann. § 518` is the same section.
            let annotated = s[name_end..].starts_with(" Ann.");
            let mut f = sectioned_law(s, start, name_end + if annotated { 5 } else { 0 })?;
            f.cite.reporter = Some(s[start..name_end].to_string());
            return Some(f);
        }
        let word = rest
            .split(' ')
            .next()
            .filter(|w| *w == "&" || w.starts_with(|c: char| c.is_ascii_uppercase()))?;
        at += 1 + word.len();
    }
    None
}

/// The name `law_kind` takes in citations.
pub fn law_kind_name(kind: LawKind) -> &'static str {
    match kind {
        LawKind::Statute => "statute",
        LawKind::Regulation => "regulation",
        LawKind::Rule => "rule",
        LawKind::Constitution => "constitution",
    }
}

/// `5 U.S.C. § 552(b)(5)`, `815 ILCS 530`, `Ill. Admin. Code tit. 20, § 1240.80`.
fn titled_law(s: &str, start: usize, end: usize) -> Option<Found> {
    let (title, cite_start, mut at) = match title_before(s, start) {
        Some((title, t_start)) => (title, t_start, end),
        None => {
            let (title, after) = title_after(s, end)?;
            (title, start, after)
        }
    };
    at = section_marker(s, at);
    let (base, whole, section_end) = grammar::section(s, at)?;
    let mut f = Found::new(CitationKind::FullLawCitation, cite_start, section_end);
    f.core = cite_start;
    f.cite.volume = Some(title);
    f.cite.page = Some(base.clone());
    if whole != base {
        f.cite.pin_cite = Some(whole);
    }
    Some(f)
}

fn title_before(s: &str, start: usize) -> Option<(String, usize)> {
    let head = s.get(..start)?.strip_suffix(' ')?;
    let digits = head.bytes().rev().take_while(u8::is_ascii_digit).count();
    let t_start = head.len() - digits;
    let boundary = head[..t_start]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    (digits > 0 && boundary).then(|| (head[t_start..].to_string(), t_start))
}

/// `tit. 20, ` after a code that puts its title behind it.
fn title_after(s: &str, end: usize) -> Option<(String, usize)> {
    let rest = s.get(end..)?.strip_prefix(" tit. ")?;
    let mut digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    // `tit. 17-A`
    if digits > 0
        && rest[digits..].starts_with('-')
        && rest[digits + 1..].starts_with(|c: char| c.is_ascii_uppercase())
        && !rest[digits + 2..].starts_with(char::is_alphanumeric)
    {
        digits += 2;
    }
    let after = end + " tit. ".len() + digits;
    (digits > 0).then(|| {
        (
            rest[..digits].to_string(),
            after + usize::from(s[after..].starts_with(',')),
        )
    })
}

/// Skips `§`, `§§`, `sec.`, `Secs.` or `Section` and the spaces around them.
fn section_marker(s: &str, at: usize) -> usize {
    let at = grammar::skip_ws(s, at);
    let rest = &s[at..];
    let marker = [
        "§§", "§", "secs.", "sec.", "Secs.", "Sec.", "Sections", "Section", "sections", "section",
    ]
    .iter()
    .find(|m| rest.starts_with(*m));
    marker.map_or(at, |m| grammar::skip_ws(s, at + m.len()))
}

/// `Fed. R. Civ. P. 45(e)(2)(A)`, `Federal Rule of Civil Procedure 26(b)(5)`.
fn numbered_law(s: &str, start: usize, end: usize) -> Option<Found> {
    let at = s.get(end..)?.strip_prefix(' ').map(|_| end + 1)?;
    let (number, whole, number_end) = grammar::rule_number(s, at)?;
    let mut f = Found::new(CitationKind::FullLawCitation, start, number_end);
    f.cite.page = Some(number.clone());
    if whole != number {
        f.cite.pin_cite = Some(whole);
    }
    Some(f)
}

/// `U.S. Const. amend. XIV, § 1`, `U.S. Const. art. III, § 2`.
fn constitution(s: &str, start: usize, end: usize) -> Option<Found> {
    let rest = s.get(end..)?;
    let part = ["art.", "amend."]
        .iter()
        .find(|p| rest.strip_prefix(' ').is_some_and(|r| r.starts_with(*p)))?;
    let number_at = end + 1 + part.len() + 1;
    let number: String = s
        .get(number_at..)?
        .chars()
        .take_while(|c| c.is_ascii_digit() || "IVXLC".contains(*c))
        .collect();
    if number.is_empty() {
        return None;
    }
    let mut f = Found::new(
        CitationKind::FullLawCitation,
        start,
        number_at + number.len(),
    );
    f.cite.page = Some(format!("{part} {number}"));
    if let Some(rest) = s[f.end..].strip_prefix(", § ") {
        let len = rest.bytes().take_while(u8::is_ascii_digit).count();
        if len > 0 {
            f.cite.pin_cite = Some(format!("§ {}", &rest[..len]));
            f.end += ", § ".len() + len;
        }
    }
    Some(f)
}

// ------------------------------------------------------- fixed anchors

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Id,
    Supra,
    Record,
    Rule,
    Docket,
}

const ANCHORS: [(&str, Anchor); 11] = [
    ("Id.", Anchor::Id),
    ("supra", Anchor::Supra),
    ("Supra", Anchor::Supra),
    ("id.", Anchor::Id),
    ("Ibid.", Anchor::Id),
    ("ibid.", Anchor::Id),
    ("R. ", Anchor::Record),
    ("Dkt. ", Anchor::Record),
    ("ECF No. ", Anchor::Record),
    ("Rule ", Anchor::Rule),
    ("No. ", Anchor::Docket),
];

fn anchors() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(ANCHORS.iter().map(|a| a.0))
            .expect("static anchors compile")
    })
}

fn fixed_anchor_cites(s: &str, reporters: &Reporters, out: &mut Vec<Found>) {
    // Bates underscores are found apart: a one-byte pattern would make the
    // automaton's prefilter stop at nearly every byte. No other anchor holds
    // `_`, so the two searches never overlap and merge in text order.
    let mut underscores = s.match_indices('_').map(|(i, _)| i).peekable();
    for m in anchors().find_iter(s) {
        while let Some(u) = underscores.next_if(|&u| u < m.start()) {
            out.extend(bates_cite(s, u));
        }
        let Some(&(_, anchor)) = ANCHORS.get(m.pattern().as_usize()) else {
            continue;
        };
        let found = match anchor {
            Anchor::Id => id_cite(s, m.start(), m.end(), reporters),
            Anchor::Supra => supra_cite(s, m.start(), m.end()),
            Anchor::Record => record_cite(s, m.start(), m.end()),
            Anchor::Rule => bare_rule(s, m.start(), m.end()),
            Anchor::Docket => docket_entry_cite(s, m.start(), reporters),
        };
        out.extend(found);
    }
    out.extend(underscores.filter_map(|u| bates_cite(s, u)));
}

/// Whether the character before `i` ends a word (so an anchor starts one).
fn word_start(s: &str, i: usize) -> bool {
    s[..i]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric() && c != '.' && c != '\'' && c != '’')
}

/// `Id.`, `*Id.* at 3-4`, `id. ¶ 8`, `*id.* at 45(d)(2)(B)`, `id. Ex. D at 20-26`.
fn id_cite(s: &str, start: usize, end: usize, reporters: &Reporters) -> Option<Found> {
    if !word_start(s, start) || s[end..].chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let italic = s[..start].ends_with('*') && s[end..].starts_with('*');
    let (span_start, word_end) = if italic {
        (start - 1, end + 1)
    } else {
        (start, end)
    };
    let mut f = Found::new(CitationKind::IdCitation, span_start, word_end);
    f.core = start;
    let after = s[word_end..]
        .strip_prefix('*')
        .map_or(word_end, |_| word_end + 1);
    // `Id., at 258, 172 P. 3d, at 347`: the pins stop at a parallel cite.
    document_and_pins(s, &mut f, after, Some(reporters));
    exhibit_tail(s, &mut f);
    Some(f)
}

/// `Roe, supra, at 240`, `*Roe*, *supra* note 5`, `see supra at 7-8`,
/// `footnote 6, supra`: the name before (when there is one) is what the
/// cite refers back to.
fn supra_cite(s: &str, start: usize, end: usize) -> Option<Found> {
    if !word_start(s, start) || s[end..].starts_with(char::is_alphanumeric) {
        return None;
    }
    let italic = s[..start].ends_with('*') && s[end..].starts_with('*');
    let (word_start_at, word_end) = if italic {
        (start - 1, end + 1)
    } else {
        (start, end)
    };
    let mut f = Found::new(CitationKind::SupraCitation, word_start_at, word_end);
    f.core = word_start_at;
    if let Some(name) = grammar::name_before(s, word_start_at) {
        apply_name(&mut f, name);
        settle_name(&mut f, true);
    }
    let mut at = word_end;
    // `supra note 5`, `supra n.5`
    for word in [" note ", " n. ", " n."] {
        if let Some(rest) = s[at..].strip_prefix(word) {
            let len = rest.bytes().take_while(u8::is_ascii_digit).count();
            if len > 0 {
                at += word.len() + len;
                f.end = at;
            }
            break;
        }
    }
    let pin_at = [", at ", " at "]
        .iter()
        .find(|p| s[at..].starts_with(*p))
        .map(|p| at + p.len());
    if let Some((pin, end)) = pin_at.and_then(|p| grammar::pins(s, p, None)) {
        f.cite.pin_cite = Some(pin);
        f.end = end;
    }
    f.tail = f.end;
    Some(f)
}

/// Reads ` Ex. D`, ` at 3-4` or ` ¶ 8` after a record or *Id.* cite.
fn document_and_pins(s: &str, f: &mut Found, at: usize, reporters: Option<&Reporters>) {
    let mut at = at;
    if let Some(after) = exhibit(s, at) {
        f.cite.document = Some(s[grammar::skip_ws(s, at)..after].to_string());
        at = after;
        f.end = at;
    }
    let rest = &s[at..];
    let pin = if rest.starts_with(" at ") {
        grammar::pins(s, at + 4, reporters)
    } else if rest.starts_with(", at ") {
        // `Id., at 690`, as the Supreme Court writes it.
        grammar::pins(s, at + 5, reporters)
    } else if rest.starts_with(" ¶") {
        grammar::pins(s, at + 1, reporters)
    } else if rest.starts_with(" § ") {
        grammar::section(s, at + " § ".len()).map(|(_, whole, end)| (format!("§ {whole}"), end))
    } else {
        None
    };
    if let Some((pin, end)) = pin {
        f.cite.pin_cite = Some(pin);
        f.end = end;
    }
    f.tail = f.end;
}

/// The end of ` Ex. D` / ` Exs. B` at `at`.
fn exhibit(s: &str, at: usize) -> Option<usize> {
    let rest = s.get(at..)?.strip_prefix(' ')?;
    let word = ["Exs. ", "Ex. "].iter().find(|w| rest.starts_with(*w))?;
    grammar::designator(s, at + 1 + word.len())
}

/// Skips `& Ex. C (Pl.'s Subpoena)`, `& Exs. B (…), C (…)` and `& Ex. D at
/// 9-10` after a record cite: they stay outside the span but inside the tail,
/// and their descriptions count as parentheticals.
fn exhibit_tail(s: &str, f: &mut Found) {
    let Some(rest) = s.get(f.tail..) else { return };
    let Some(amp) = [" & ", " and "].iter().find(|a| rest.starts_with(*a)) else {
        return;
    };
    let Some(mut at) = exhibit(s, f.tail + amp.len() - 1) else {
        return;
    };
    loop {
        at = describe(s, f, at);
        if let Some((_, end)) = s[at..]
            .strip_prefix(" at ")
            .and_then(|_| grammar::pins(s, at + 4, None))
        {
            at = end;
        }
        let next = s[at..]
            .strip_prefix(", ")
            .and_then(|_| grammar::designator(s, at + 2));
        match next {
            Some(end) => at = end,
            None => break,
        }
    }
    f.tail = at;
}

/// An exhibit's description in parentheses at `at`, recorded as a parenthetical.
fn describe(s: &str, f: &mut Found, at: usize) -> usize {
    let open = grammar::skip_ws(s, at);
    match grammar::paren_end(s, open) {
        Some(end) if s[open..].starts_with('(') => {
            f.parens.push((open + 1, end - 1));
            end
        }
        _ => at,
    }
}

/// `R. 157, Pl.'s Mot. at 6-9`, `R. 117 ¶ 6`, `R. 171, Def.'s Consol. Resp.
/// Ex. 5 ¶¶ 6-7`, `Dkt. 45 at 3`.
fn record_cite(s: &str, start: usize, end: usize) -> Option<Found> {
    if !record_position(s, start) {
        return None;
    }
    let mut at = end;
    if s[start..end].starts_with("Dkt.") && s[end..].starts_with("No. ") {
        at += "No. ".len();
    }
    let digits = s[at..].bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0
        || s[at + digits..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    let entry_end = at + digits;
    let mut f = Found::new(CitationKind::RecordCitation, start, entry_end);
    f.cite.docket_entry = Some(s[at..entry_end].to_string());
    let mut after = entry_end;
    if let Some((document, doc_end)) = record_document(s, entry_end) {
        f.cite.document = Some(document);
        after = doc_end;
        f.end = doc_end;
    }
    document_and_pins(s, &mut f, after, None);
    exhibit_tail(s, &mut f);
    Some(f)
}

/// Whether a record cite may start at `start`: at the start of a clause
/// (`(R. 1`, `; R. 2`, `and R. 3`) or after a signal (`see also R. 4`), never
/// inside a name (`Chelsea R. 1`).
fn record_position(s: &str, start: usize) -> bool {
    let head = s[..start].trim_end();
    let opens = head.is_empty()
        || head.ends_with(['(', ';', '['])
        || head.ends_with(" and")
        || head.ends_with(" &");
    opens || (head.len() < start && grammar::signal_before(s, start).is_some())
}

/// The longest filing name a record cite may give.
const MAX_DOCUMENT: usize = 80;

/// The filing named after `, ` (`Pl.'s Mot.`, `Ex. B`), and its end.
fn record_document(s: &str, at: usize) -> Option<(String, usize)> {
    let start = at + s.get(at..)?.strip_prefix(", ").map(|_| 2)?;
    // Filing names are short; look no further than a bounded window.
    let mut window_end = (start + MAX_DOCUMENT + 1).min(s.len());
    while !s.is_char_boundary(window_end) {
        window_end -= 1;
    }
    let rest = &s[start..window_end];
    let stops = [" at ", " ¶", ";", ")", " (", " & ", ","];
    let len = stops
        .iter()
        .filter_map(|stop| rest.find(stop))
        .min()
        .unwrap_or(rest.len());
    let mut doc = rest[..len].trim_end();
    // `Ex. B.` ends the sentence; `Mot.` ends with its own period.
    if let Some(stem) = doc.strip_suffix('.') {
        let last = stem.rsplit(' ').next().unwrap_or(stem);
        if last.len() == 1 || last.bytes().all(|b| b.is_ascii_digit()) {
            doc = stem;
        }
    }
    let starts_well = doc
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    (starts_well && doc.len() <= MAX_DOCUMENT).then(|| (doc.to_string(), start + doc.len()))
}

/// `Rule 45(e)(2)(A)(ii)`: the rule set comes from the nearest earlier rule
/// citation (set when resolving).
fn bare_rule(s: &str, start: usize, end: usize) -> Option<Found> {
    if !word_start(s, start) || s[..start].ends_with("Local ") {
        return None;
    }
    let (number, whole, number_end) = grammar::rule_number(s, end)?;
    let mut f = Found::new(CitationKind::RuleCitation, start, number_end);
    f.cite.page = Some(number.clone());
    f.cite.law_kind = Some(law_kind_name(LawKind::Rule).to_string());
    if whole != number {
        f.cite.pin_cite = Some(whole);
    }
    Some(f)
}

// ----------------------------------------------------------------- Bates

/// `ABC_002817-25`: an upper-case prefix, an underscore, digits, and an
/// optional range end (`-25`, `-002825`, `-PREFIX_002825`).
fn bates_cite(s: &str, underscore: usize) -> Option<Found> {
    let head = &s[..underscore];
    let plen = head
        .bytes()
        .rev()
        .take_while(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        .count();
    let start = underscore - plen;
    let prefix = &head[start..];
    let first_is_letter = prefix
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_uppercase());
    let boundary = head[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric() && c != '_');
    if plen < 2 || !first_is_letter || !boundary {
        return None;
    }
    let (bates, end) = bates_number(s, underscore + 1, prefix)?;
    let mut f = Found::new(CitationKind::BatesCitation, start, end);
    f.cite.bates = Some(bates);
    Some(f)
}

/// The number (and range) at `at`, with the given prefix.
fn bates_number(s: &str, at: usize, prefix: &str) -> Option<(Bates, usize)> {
    let width = s[at..].bytes().take_while(u8::is_ascii_digit).count();
    let end = at + width;
    if width < 3
        || s[end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    {
        return None;
    }
    let first: u64 = s[at..end].parse().ok()?;
    let (last, end) = bates_range_end(s, end, prefix, first, width).unwrap_or((first, end));
    let bates = Bates {
        prefix: prefix.to_string(),
        first,
        last,
        width,
    };
    Some((bates, end))
}

fn bates_range_end(
    s: &str,
    at: usize,
    prefix: &str,
    first: u64,
    width: usize,
) -> Option<(u64, usize)> {
    let rest = s.get(at..)?.strip_prefix(['-', '–'])?;
    let dash = s[at..].len() - rest.len();
    let (skip, rest) = match rest.strip_prefix(prefix).and_then(|r| r.strip_prefix('_')) {
        Some(r) => (prefix.len() + 1, r),
        None => (0, rest),
    };
    let len = rest.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0
        || len > width
        || rest[len..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    let tail: u64 = rest[..len].parse().ok()?;
    // `002817-25`: the end replaces the last digits of the start.
    let scale = 10u64.checked_pow(u32::try_from(len).ok()?)?;
    let last = first - first % scale + tail;
    (last >= first).then_some((last, at + dash + skip + len))
}

/// Numbers written without the prefix after a Bates cite in the same
/// sentence, with the same width, take its prefix: `ABC_002817-25 (…),
/// 002827-32, 002836-38, and 002850-53`.
fn bates_continuations(s: &str, found: &mut Vec<Found>) {
    found.sort_by_key(|f| f.start);
    let bates: Vec<usize> = (0..found.len())
        .filter(|&i| found[i].cite.bates.is_some())
        .collect();
    let mut extra = Vec::new();
    for (k, &i) in bates.iter().enumerate() {
        let f = &found[i];
        let next = bates.get(k + 1).map_or(s.len(), |&j| found[j].start);
        let limit = sentence_end(s, f.end, next);
        if let Some(b) = f.cite.bates.as_ref() {
            scan_bare_numbers(s, (f.end, limit), b, found, &mut extra);
        }
    }
    found.extend(extra);
}

/// Finds bare numbers like `model` in `from..to` outside other citations.
fn scan_bare_numbers(
    s: &str,
    (from, to): (usize, usize),
    model: &Bates,
    found: &[Found],
    out: &mut Vec<Found>,
) {
    let bytes = s.as_bytes();
    let mut i = from;
    while i < to {
        let starts_number = bytes[i].is_ascii_digit()
            && !(i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || b"_-".contains(&bytes[i - 1])));
        if !starts_number {
            i += 1;
            continue;
        }
        let number = if inside_found(found, i) {
            None
        } else {
            bates_number(s, i, &model.prefix)
        };
        match number.filter(|(b, _)| b.width == model.width) {
            Some((bates, end)) => {
                let mut f = Found::new(CitationKind::BatesCitation, i, end);
                f.cite.bates = Some(bates);
                out.push(f);
                i = end;
            }
            None => {
                i += bytes[i..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count()
                    .max(1)
            }
        }
    }
}

/// Whether offset `i` lies in one of `found` (sorted by start, disjoint).
fn inside_found(found: &[Found], i: usize) -> bool {
    let after = found.partition_point(|f| f.start <= i);
    after.checked_sub(1).is_some_and(|k| i < found[k].end)
}

/// The end of the sentence running at `i` (the next `. ` or `.)`), at most `limit`.
fn sentence_end(s: &str, i: usize, limit: usize) -> usize {
    let rest = &s[i..limit.max(i)];
    [". ", ".)", ".\""]
        .iter()
        .filter_map(|p| rest.find(p))
        .min()
        .map_or(limit, |p| i + p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::{Signal, extract};

    fn cites(text: &str) -> Vec<Citation> {
        extract(text, &Reporters::bundled()).citations
    }

    #[test]
    fn citations_are_put_in_text_order_with_their_parents() {
        let at = |start: usize, parent: Option<usize>| {
            let mut c = Citation::new(CitationKind::FullCaseCitation);
            c.span = crate::cite::Span {
                start,
                end: start + 1,
            };
            c.nested = parent.map(|parent| crate::cite::Nesting {
                parent,
                relation: Signal::Citing,
            });
            c
        };
        // A footnote (30, 40 citing 30) found before the paragraph's second
        // half (20 citing 10) and a caption cite (5).
        let mut listing = Listing::with_capacity(0);
        for c in [
            at(10, None),
            at(30, None),
            at(40, Some(1)),
            at(20, Some(0)),
            at(5, None),
        ] {
            listing.push(c);
        }
        let sorted = listing.in_text_order();
        let starts: Vec<usize> = sorted.iter().map(|c| c.span.start).collect();
        assert_eq!(starts, [5, 10, 20, 30, 40]);
        let parents: Vec<Option<usize>> =
            sorted.iter().map(|c| c.nested.map(|n| n.parent)).collect();
        assert_eq!(parents, [None, None, Some(1), None, Some(3)]);
    }

    const PROSE: &str =
        "The court has considered the matter with care and now turns to the question before it";

    fn para(s: &str) -> String {
        format!("{PROSE}. {s}\n")
    }

    /// Text, volume, reporter, page, pin, year, court.
    type FullRow = (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        Option<&'static str>,
        Option<i32>,
        Option<&'static str>,
    );

    #[test]
    fn full_case_citations() {
        let table: [FullRow; 6] = [
            (
                "*LSB Trust, N.A. v. Qureshi*, 287 F.R.D. 114, 121 (N.D. Ill. 2012).",
                "287",
                "F.R.D.",
                "114",
                Some("121"),
                Some(2012),
                Some("ilnd"),
            ),
            (
                "*U.S. Land & Water Serv. v. Prairie League*, 588 U.S. 342, 349 (2019).",
                "588",
                "U.S.",
                "342",
                Some("349"),
                Some(2019),
                Some("scotus"),
            ),
            (
                "J.D. v. Ostrander, 951 F. Supp. 1402, 1405 (N.D. Ill. 1996).",
                "951",
                "F. Supp.",
                "1402",
                Some("1405"),
                Some(1996),
                Some("ilnd"),
            ),
            (
                "*Terra Chem*, 366 F.3d 480, 486–87 (7th Cir. 2004).",
                "366",
                "F.3d",
                "480",
                Some("486-87"),
                Some(2004),
                Some("ca7"),
            ),
            (
                "*Lakeshore Bank N.A. v. Dunn & Associates*, No. 17 CV 4419, 2019 WL 581306, at *3 (N.D. Ill. Feb. 12, 2019).",
                "2019",
                "WL",
                "581306",
                Some("*3"),
                Some(2019),
                Some("ilnd"),
            ),
            (
                "*Brennan v. City of Chi.*, No. 18 CV 6052, 2020 WL 6841172, at *2-3 (N.D. Ill. Nov. 20, 2020).",
                "2020",
                "WL",
                "6841172",
                Some("*2-3"),
                Some(2020),
                Some("ilnd"),
            ),
        ];
        for (text, volume, reporter, page, pin, year, court) in table {
            let found = cites(&para(text));
            assert_eq!(found.len(), 1, "{text}: {found:#?}");
            let c = &found[0];
            assert_eq!(c.kind, CitationKind::FullCaseCitation, "{text}");
            assert_eq!(c.volume.as_deref(), Some(volume), "{text}");
            assert_eq!(c.corrected_reporter.as_deref(), Some(reporter), "{text}");
            assert_eq!(c.page.as_deref(), Some(page), "{text}");
            assert_eq!(c.pin_cite.as_deref(), pin, "{text}");
            assert_eq!(c.year, year, "{text}");
            assert_eq!(c.court.as_deref(), court, "{text}");
            assert!(
                text.starts_with(&c.matched_text) || text.starts_with(&c.matched_text[..1]),
                "{text}"
            );
        }
    }

    #[test]
    fn names_dates_and_dockets() {
        let found = cites(&para(
            "*Lakeshore Bank N.A. v. Dunn & Associates*, No. 17 CV 4419, 2019 WL 581306, at *3 (N.D. Ill. Feb. 12, 2019).",
        ));
        let c = &found[0];
        assert_eq!(c.plaintiff.as_deref(), Some("Lakeshore Bank N.A."));
        assert_eq!(c.defendant.as_deref(), Some("Dunn & Associates"));
        assert_eq!(c.docket_number.as_deref(), Some("No. 17 CV 4419"));
        assert_eq!(c.date.as_deref(), Some("Feb. 12, 2019"));
        assert_eq!(c.court_name.as_deref(), Some("N.D. Ill."));
        assert!(c.matched_text.starts_with("*Lakeshore Bank"));
        assert!(c.matched_text.ends_with("2019)"));
    }

    #[test]
    fn variant_spelling_normalizes() {
        let found = cites(&para("See Roe v. Wade, 410 U. S. 113, 153 (1973)."));
        let c = &found[0];
        assert_eq!(c.reporter.as_deref(), Some("U. S."));
        assert_eq!(c.corrected_reporter.as_deref(), Some("U.S."));
        assert_eq!(c.authority.as_deref(), Some("410 U.S. 113"));
        assert_eq!(c.signal, Some(Signal::See));
        assert_eq!(c.plaintiff.as_deref(), Some("Roe"));
    }

    #[test]
    fn citation_broken_across_page_break() {
        let text = format!(
            "{PROSE} and is left to the court's discretion. *Horton v. Chi. Bd. of Educ.*,\n\n¹ A footnote that sits between the two halves of the page.\n\nNo. 20 CV 418, 2021 WL 3529875, at *2 (N.D. Ill. April 21, 2021) (quotations omitted).\n"
        );
        let found = cites(&text);
        let c = found
            .iter()
            .find(|c| c.kind == CitationKind::FullCaseCitation);
        let c = c.expect("Horton found");
        assert_eq!(c.plaintiff.as_deref(), Some("Horton"));
        assert_eq!(c.defendant.as_deref(), Some("Chi. Bd. of Educ."));
        assert_eq!(c.docket_number.as_deref(), Some("No. 20 CV 418"));
        assert_eq!(c.date.as_deref(), Some("April 21, 2021"));
        assert_eq!(c.parenthetical.as_deref(), Some("quotations omitted"));
        assert_eq!(&text[c.span.start..c.span.end], c.matched_text);
        assert!(c.matched_text.contains("\n\n"));
    }

    #[test]
    fn short_case_citations() {
        let text = para(
            "*Abbott v. Baker*, 512 F.3d 346, 349 (7th Cir. 2008). *Abbott*, 512 F.3d at 352. Again 512 F.3d at 353. *J.M. v. Hill*, 871 F. Supp. 1310 (N.D. Ill. 1995). *J.M.*, 871 F. Supp. at 1312. *Oakes v. Pryor*, No. 18 CV 05512, 2021 WL 3307165, at *1 (N.D. Ill. March 2, 2021). *Oakes*, 2021 WL 3307165, at *2.",
        );
        let found = cites(&text);
        let shorts: Vec<(Option<&str>, Option<&str>, Option<&str>)> = found
            .iter()
            .filter(|c| c.kind == CitationKind::ShortCaseCitation)
            .map(|c| {
                (
                    c.short_name.as_deref(),
                    c.pin_cite.as_deref(),
                    c.authority.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            shorts,
            [
                (Some("Abbott"), Some("352"), Some("512 F.3d 346")),
                (None, Some("353"), Some("512 F.3d 346")),
                (Some("J.M."), Some("1312"), Some("871 F. Supp. 1310")),
                (Some("Oakes"), Some("*2"), Some("2021 WL 3307165")),
            ]
        );
    }

    #[test]
    fn docket_entry_citations() {
        let text = para(
            "*Lane v. Moss*, No. 21 CV 5123, Dkt. No. 88 at 8-11 (N.D. Ill. March 3, 2023); *Price v. Moss*, No. 21 CV 2207, Dkt. No. 301 at 10, 13-15 (N.D. Ill. Oct. 12, 2023); *Lane*, No. 21 CV 5123, Dkt. No. 88 at 12.",
        );
        let found = cites(&text);
        type Row<'a> = (
            CitationKind,
            Option<&'a str>,
            Option<&'a str>,
            Option<&'a str>,
        );
        let rows: Vec<Row> = found
            .iter()
            .map(|c| {
                (
                    c.kind,
                    c.docket_entry.as_deref(),
                    c.pin_cite.as_deref(),
                    c.authority.as_deref(),
                )
            })
            .collect();
        let k = CitationKind::DocketEntryCitation;
        assert_eq!(
            rows,
            [
                (
                    k,
                    Some("88"),
                    Some("8-11"),
                    Some("No. 21 CV 5123, Dkt. No. 88")
                ),
                (
                    k,
                    Some("301"),
                    Some("10, 13-15"),
                    Some("No. 21 CV 2207, Dkt. No. 301")
                ),
                (
                    k,
                    Some("88"),
                    Some("12"),
                    Some("No. 21 CV 5123, Dkt. No. 88")
                ),
            ]
        );
        assert_eq!(found[2].resolved_to, Some(0));
        assert_eq!(found[2].short_name.as_deref(), Some("Lane"));
        assert_eq!(found[0].court.as_deref(), Some("ilnd"));
    }

    #[test]
    fn id_citations() {
        let text = para(
            "(R. 157, Pl.'s Mot. at 2.) (*Id.* at 3-4.) (Id. at 3 & Exs. B (Log), C (Docs).) (See *id.* Ex. D at 20-26.) (*Id.* ¶ 8.) *See id.* And ibid. is valid.",
        );
        let found = cites(&text);
        let ids: Vec<(String, Option<&str>, Option<Signal>)> = found
            .iter()
            .filter(|c| c.kind == CitationKind::IdCitation)
            .map(|c| (c.matched_text.clone(), c.pin_cite.as_deref(), c.signal))
            .collect();
        assert_eq!(
            ids,
            [
                ("*Id.* at 3-4".to_string(), Some("3-4"), None),
                ("Id. at 3".to_string(), Some("3"), None),
                (
                    "*id.* Ex. D at 20-26".to_string(),
                    Some("20-26"),
                    Some(Signal::See)
                ),
                ("*Id.* ¶ 8".to_string(), Some("¶ 8"), None),
                ("id.".to_string(), None, Some(Signal::See)),
                ("ibid.".to_string(), None, None),
            ]
        );
        assert!(
            found
                .iter()
                .all(|c| c.authority.as_deref() == Some("R. 157"))
        );
    }

    #[test]
    fn rule_citations() {
        let text = para(
            "Pursuant to Federal Rule of Civil Procedure 45(d)(1), a party may object, *id.* at 45(d)(2)(B). See Fed. R. Civ. P. 45(e)(2)(A). Under Rule 45, and Rule 26(b)(3), it fails. Fed. R. Evid. 502 applies; so does Rule 501.",
        );
        let found = cites(&text);
        let rows: Vec<(CitationKind, Option<&str>, Option<&str>)> = found
            .iter()
            .map(|c| (c.kind, c.pin_cite.as_deref(), c.authority.as_deref()))
            .collect();
        let r = CitationKind::RuleCitation;
        assert_eq!(
            rows,
            [
                (r, Some("45(d)(1)"), Some("Fed. R. Civ. P. 45")),
                (
                    CitationKind::IdCitation,
                    Some("45(d)(2)(B)"),
                    Some("Fed. R. Civ. P. 45")
                ),
                (r, Some("45(e)(2)(A)"), Some("Fed. R. Civ. P. 45")),
                (r, None, Some("Fed. R. Civ. P. 45")),
                (r, Some("26(b)(3)"), Some("Fed. R. Civ. P. 26")),
                (r, None, Some("Fed. R. Evid. 502")),
                (r, None, Some("Fed. R. Evid. 501")),
            ]
        );
        assert_eq!(
            found[0].reporter.as_deref(),
            Some("Federal Rule of Civil Procedure")
        );
    }

    #[test]
    fn law_citations() {
        let table = [
            (
                "(citing 5 U.S.C. § 552(b)(5)).",
                "5 U.S.C. § 552",
                Some("552(b)(5)"),
                "statute",
            ),
            (
                "under 725 ILCS § 120/4; and",
                "725 ILCS 120/4",
                None,
                "statute",
            ),
            ("see 815 ILCS 530).", "815 ILCS 530", None, "statute"),
            (
                "codified under 20 Ill. Adm. Code 1240.80, prohibits",
                "20 Ill. Adm. Code 1240.80",
                None,
                "regulation",
            ),
            (
                "under Ill. Admin. Code tit. 20, § 1240.80.",
                "20 Ill. Adm. Code 1240.80",
                None,
                "regulation",
            ),
            (
                "see 42 U.S.C. §§ 1983.",
                "42 U.S.C. § 1983",
                None,
                "statute",
            ),
            (
                "and 28 C.F.R. § 16.21(a).",
                "28 C.F.R. § 16.21",
                Some("16.21(a)"),
                "regulation",
            ),
            (
                "under U.S. Const. amend. XIV, § 1.",
                "U.S. Const. amend. XIV",
                Some("§ 1"),
                "constitution",
            ),
        ];
        for (text, key, pin, kind) in table {
            let found = cites(&para(text));
            assert_eq!(found.len(), 1, "{text}: {found:#?}");
            let c = &found[0];
            assert_eq!(c.kind, CitationKind::FullLawCitation, "{text}");
            assert_eq!(c.authority.as_deref(), Some(key), "{text}");
            assert_eq!(c.pin_cite.as_deref(), pin, "{text}");
            assert_eq!(c.law_kind.as_deref(), Some(kind), "{text}");
        }
    }

    #[test]
    fn record_citations() {
        let table = [
            (
                "(R. 157, Pl.'s Mot. at 6-9.)",
                Some("Pl.'s Mot."),
                Some("6-9"),
            ),
            ("(R. 117 ¶ 6.)", None, Some("¶ 6")),
            (
                "(R. 171, CCX's Consol. Resp. Ex. 5 ¶¶ 6-7.)",
                Some("CCX's Consol. Resp. Ex. 5"),
                Some("¶¶ 6-7"),
            ),
            ("(R. 164.)", None, None),
            ("(See R. 157, Ex. B.)", Some("Ex. B"), None),
            ("(R. 157, Ex. B at 6.)", Some("Ex. B"), Some("6")),
            (
                "(R. 62, Am. Compl. ¶¶ 14-15.)",
                Some("Am. Compl."),
                Some("¶¶ 14-15"),
            ),
            ("(R. 171, Resp at 11).", Some("Resp"), Some("11")),
            ("(Dkt. 45 at 3.)", None, Some("3")),
        ];
        for (text, document, pin) in table {
            let found = cites(&para(text));
            assert_eq!(found.len(), 1, "{text}: {found:#?}");
            let c = &found[0];
            assert_eq!(c.kind, CitationKind::RecordCitation, "{text}");
            assert_eq!(c.document.as_deref(), document, "{text}");
            assert_eq!(c.pin_cite.as_deref(), pin, "{text}");
        }
        let found = cites(&para("(see R. 117; see also R. 73; R. 149)."));
        let rows: Vec<(Option<&str>, Option<Signal>)> = found
            .iter()
            .map(|c| (c.authority.as_deref(), c.signal))
            .collect();
        assert_eq!(
            rows,
            [
                (Some("R. 117"), Some(Signal::See)),
                (Some("R. 73"), Some(Signal::SeeAlso)),
                (Some("R. 149"), Some(Signal::SeeAlso))
            ]
        );
        assert!(
            cites(&para("Fed. R. Civ. P. 45 and Chelsea R. 1 and (R. Smith)"))
                .iter()
                .all(|c| c.kind != CitationKind::RecordCitation)
        );
    }

    #[test]
    fn bates_citations() {
        let text = para(
            "Documents ABC_002817-25 (excluding ABC_002817), 002827-32, 002836-38, and 002850-53 must be produced, as must ABC_000412 and 000413. XY_0001–XY_0003 too. Not 2019 WL 581306.",
        );
        let found = cites(&text);
        let rows: Vec<(String, u64, u64, usize)> = found
            .iter()
            .filter_map(|c| {
                c.bates
                    .as_ref()
                    .map(|b| (b.prefix.clone(), b.first, b.last, b.width))
            })
            .collect();
        let abc = |f, l| ("ABC".to_string(), f, l, 6);
        assert_eq!(
            rows,
            [
                abc(2817, 2825),
                abc(2817, 2817),
                abc(2827, 2832),
                abc(2836, 2838),
                abc(2850, 2853),
                abc(412, 412),
                abc(413, 413),
                ("XY".to_string(), 1, 3, 4),
            ]
        );
        assert!(
            found
                .iter()
                .filter(|c| c.bates.is_some())
                .all(|c| c.authority.is_none())
        );
        let table = para("ABX_002453-55, 002463, 002469 & 002470\tThese documents.");
        assert_eq!(cites(&table).len(), 4);
        let misspelled = cites(&para("only Document ABCX_002471 from production."));
        assert_eq!(
            misspelled[0].bates.as_ref().map(|b| b.prefix.as_str()),
            Some("ABCX")
        );
    }

    #[test]
    fn nested_parentheticals() {
        let text = para(
            "*Banks v. Tollefson*, No. 20 CV 03391, 2021 WL 2210567, at *1 (N.D. Ill. April 6, 2021) (citing Fed. R. Civ. P. 45(e)(2)(A)). *Abbott v. Baker*, 512 F.3d 346, 349 (7th Cir. 2008). *Reyes v. City of Chicago*, No. 21 CV 5906, 2022 WL 4471389, at *3 (N.D. Ill. Sept. 26, 2022). *Id.* (citing *Banks*, 2021 WL 2210567, at *2; *Abbott*, 512 F.3d at 349). *Id.*",
        );
        let found = cites(&text);
        let nest: Vec<(String, Option<usize>, Option<Signal>)> = found
            .iter()
            .map(|c| {
                (
                    c.matched_text.chars().take(12).collect(),
                    c.nested.map(|n| n.parent),
                    c.nested.map(|n| n.relation),
                )
            })
            .collect();
        assert_eq!(
            nest[1],
            ("Fed. R. Civ.".to_string(), Some(0), Some(Signal::Citing))
        );
        assert_eq!(
            nest[5],
            ("*Banks*, 202".to_string(), Some(4), Some(Signal::Citing))
        );
        assert_eq!(
            nest[6],
            ("*Abbott*, 51".to_string(), Some(4), Some(Signal::Citing))
        );
        assert_eq!(found[6].signal, Some(Signal::Citing));
        // The last Id. skips the nested Banks and Abbott.
        assert_eq!(found[7].authority.as_deref(), Some("2022 WL 4471389"));
        assert_eq!(
            found[4]
                .parenthetical
                .as_deref()
                .map(|p| p.starts_with("citing *Banks*")),
            Some(true)
        );
    }

    #[test]
    fn year_inside_nested_parenthetical_is_not_the_cites() {
        let text = para(
            "*Banks v. T*, No. 20 CV 1, 2021 WL 2210567, at *1 (N.D. Ill. 2021). *Banks*, 2021 WL 2210567, at *2 (citing *Nat'l Hosp. v. Albrecht*, 652 F.2d 1114, 1117 (7th Cir. 1980) (internal quotations omitted)).",
        );
        let found = cites(&text);
        assert_eq!(found[1].kind, CitationKind::ShortCaseCitation);
        assert_eq!(found[1].year, None);
        assert_eq!(found[1].court, None);
        assert_eq!(found[2].year, Some(1980));
        assert_eq!(
            found[2].parenthetical.as_deref(),
            Some("internal quotations omitted")
        );
        assert_eq!(found[2].nested.map(|n| n.parent), Some(1));
    }

    #[test]
    fn signals_and_parentheticals() {
        let text = para(
            "*See Imaging Ctr. at 410 W. Wis. Ave., LLC v. Am. Providers Indem. Corp.*, 309 F.R.D. 412, 419 (N.D. Ill. 2015) (“A timely log is required.” (internal quotations and citation omitted)); *see also Navarro*, 2024 WL 918347, at *8; *cf.* 5 U.S.C. § 552.",
        );
        let found = cites(&text);
        assert_eq!(found[0].signal, Some(Signal::See));
        assert_eq!(
            found[0].plaintiff.as_deref(),
            Some("Imaging Ctr. at 410 W. Wis. Ave., LLC")
        );
        assert!(found[0].matched_text.starts_with("Imaging Ctr."));
        assert_eq!(
            found[0].parenthetical.as_deref(),
            Some("“A timely log is required.” (internal quotations and citation omitted)")
        );
        assert_eq!(found[1].signal, Some(Signal::SeeAlso));
        assert_eq!(found[1].short_name.as_deref(), Some("Navarro"));
        assert_eq!(found[2].signal, Some(Signal::Cf));
    }

    #[test]
    fn propositions() {
        let text = format!(
            "{PROSE}. The burden is on the party asserting privilege. *Unit 9 Elm Grove Corp. v. Statewide*, 341 F.R.D. 233, 240 (N.D. Ill. 2021). The court agrees with *Abbott v. Baker*, 512 F.3d 346, 349 (7th Cir. 2008), on this point.\n"
        );
        let found = cites(&text);
        assert_eq!(
            found[0].proposition.as_deref(),
            Some("The burden is on the party asserting privilege.")
        );
        assert_eq!(
            found[1].proposition.as_deref(),
            Some(
                "The court agrees with *Abbott v. Baker*, 512 F.3d 346, 349 (7th Cir. 2008), on this point."
            )
        );
    }
}
