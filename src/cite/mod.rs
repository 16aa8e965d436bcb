//! Citation extraction: opinion text in, [`Citation`]s out.
//!
//! The stages follow eyecite's: [`clean`] maps the raw text (line wraps,
//! page breaks, footnotes, Markdown emphasis; hard-wrapped PDF text with its
//! page furniture; HTML, whose tags and entities are read through a map
//! back into the markup) to a [`clean::Document`] of paragraphs whose
//! offsets still point into the original text; [`find`]
//! scans each paragraph for every citation form it knows; [`resolve`] links
//! short forms, *Id.* and nested parentheticals to their antecedents and gives
//! every citation the normalized key of the [`Authority`](Citation::authority)
//! it names. Reporter and court knowledge is data ([`reporters`]), loaded
//! from `data/` and validated when it is read.
//!
//! This module knows nothing of graphs, corpora or queries: it takes a
//! string and returns plain serde values.

pub mod clean;
mod context;
pub mod find;
mod grammar;
pub(crate) mod html;
#[cfg(test)]
mod kinds_tests;
pub mod reporters;
pub mod resolve;
mod spellings;
pub mod text;
mod wrap;

use serde::{Deserialize, Serialize};

/// A byte range `[start, end)` into the **original** text of an opinion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the citation.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// What kind of citation an occurrence is. Names follow eyecite where eyecite
/// has the concept; the rest are lexgraph's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CitationKind {
    /// `287 F.R.D. 114, 121 (N.D. Ill. 2012)`, `2019 WL 581306, at *3`.
    FullCaseCitation,
    /// `Abbott, 512 F.3d at 352`.
    ShortCaseCitation,
    /// `Id.`, `id. at 3`, `Ibid.`
    IdCitation,
    /// `Roe, supra, at 240`.
    SupraCitation,
    /// A case name plus pin after its full cite: `Roe at 240`.
    ReferenceCitation,
    /// Statutes, regulations and constitutions: `5 U.S.C. § 552(b)(5)`.
    FullLawCitation,
    /// Law reviews and journals: `100 Harv. L. Rev. 1`.
    FullJournalCitation,
    /// Rules of procedure and evidence: `Fed. R. Civ. P. 45(e)(2)(A)`.
    RuleCitation,
    /// An entry on another case's docket: `No. 21 CV 5123, Dkt. No. 88 at 8-11`.
    DocketEntryCitation,
    /// An entry on this case's own record: `R. 157, Pl.'s Mot. at 6-9`.
    RecordCitation,
    /// A Bates-numbered document or range: `ACME_002817-25`.
    BatesCitation,
}

impl CitationKind {
    /// The name as it appears in JSON output and in tests.
    pub fn name(self) -> &'static str {
        match self {
            CitationKind::FullCaseCitation => "FullCaseCitation",
            CitationKind::ShortCaseCitation => "ShortCaseCitation",
            CitationKind::IdCitation => "IdCitation",
            CitationKind::SupraCitation => "SupraCitation",
            CitationKind::ReferenceCitation => "ReferenceCitation",
            CitationKind::FullLawCitation => "FullLawCitation",
            CitationKind::FullJournalCitation => "FullJournalCitation",
            CitationKind::RuleCitation => "RuleCitation",
            CitationKind::DocketEntryCitation => "DocketEntryCitation",
            CitationKind::RecordCitation => "RecordCitation",
            CitationKind::BatesCitation => "BatesCitation",
        }
    }
}

/// An introductory signal (Bluebook rule 1.2), or the relation a nested
/// citation bears to the citation whose parenthetical holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    /// `E.g.,`
    Eg,
    /// `Accord`
    Accord,
    /// `See`
    See,
    /// `See also`
    SeeAlso,
    /// `See generally`
    SeeGenerally,
    /// `Cf.`
    Cf,
    /// `Compare … with …`
    Compare,
    /// `But see`
    ButSee,
    /// `But cf.`
    ButCf,
    /// `Contra`
    Contra,
    /// `See, e.g.,`
    SeeEg,
    /// `citing` inside a parenthetical.
    Citing,
    /// `quoting` inside a parenthetical.
    Quoting,
    /// Mentioned inside another citation's explanatory parenthetical without
    /// being cited or quoted by it: `(explaining that Rule 26(b)(3) …)`.
    Discussing,
}

impl Signal {
    /// The signal as a brief writer types it, in lower case.
    pub fn words(self) -> &'static str {
        match self {
            Signal::Eg => "e.g.",
            Signal::Accord => "accord",
            Signal::See => "see",
            Signal::SeeAlso => "see also",
            Signal::SeeGenerally => "see generally",
            Signal::Cf => "cf.",
            Signal::Compare => "compare",
            Signal::ButSee => "but see",
            Signal::ButCf => "but cf.",
            Signal::Contra => "contra",
            Signal::SeeEg => "see, e.g.,",
            Signal::Citing => "citing",
            Signal::Quoting => "quoting",
            Signal::Discussing => "discussing",
        }
    }
}

/// Where in the opinion a citation sits.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Location {
    /// 1-based number of the body paragraph (after page-break joins), or of the
    /// paragraph a footnote hangs from.
    pub paragraph: u32,
    /// The footnote number when the citation is in a footnote.
    pub footnote: Option<u32>,
    /// The nearest section heading above, as written ("1. WP Doctrine").
    pub section: Option<String>,
}

/// A Bates number or range: `ACME_002817-25` is prefix `ACME`, first 2817,
/// last 2825, written with 6 digits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bates {
    /// The producing party's prefix as written (`ACME`, or a misspelling).
    pub prefix: String,
    /// First page number.
    pub first: u64,
    /// Last page number (equal to `first` for a single page).
    pub last: u64,
    /// Number of digits the numbers are written with.
    pub width: usize,
}

/// How a nested citation relates to the citation whose parenthetical holds it:
/// `Reyes (citing Abbott)` gives Abbott `parent` = Reyes' index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Nesting {
    /// Index (into the extraction's citation list) of the citing citation.
    pub parent: usize,
    /// `Citing` or `Quoting` (or another signal used inside a parenthetical).
    pub relation: Signal,
}

/// One citation occurrence in a text, with everything extraction can tell.
///
/// Field names follow eyecite's where eyecite has the concept. Optional
/// fields are absent from JSON when empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    /// What kind of citation this is.
    #[serde(rename = "type")]
    pub kind: CitationKind,
    /// Byte span into the original text.
    pub span: Span,
    /// The citation's text as it appears in the original (whitespace as written).
    pub matched_text: String,
    /// Volume of a reporter, title of a code.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub volume: Option<String>,
    /// Reporter or code as written: `F. Supp.`, `U. S.`, `WL`, `U.S.C.`, `ILCS`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reporter: Option<String>,
    /// Reporter or code in its standard spelling: `U.S.`, `Fed. R. Civ. P.`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub corrected_reporter: Option<String>,
    /// First page, WL document number, code section or rule number.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page: Option<String>,
    /// The pin cite, normalized: `121`, `486-87`, `*2-3`, `8-11`, `¶¶ 6-7`, `45(d)(2)(B)`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub pin_cite: Option<String>,
    /// Year of decision or enactment.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub year: Option<i32>,
    /// Full date as written in the court parenthetical, when it gives one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub date: Option<String>,
    /// Court as a courts-db id (`ca7`, `ilnd`, `scotus`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub court: Option<String>,
    /// Court as written in the citation's parenthetical (`7th Cir.`, `N.D. Ill.`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub court_name: Option<String>,
    /// First party of a case name.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub plaintiff: Option<String>,
    /// Second party of a case name.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub defendant: Option<String>,
    /// The name a short form uses (`Abbott`, `J.D.`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub short_name: Option<String>,
    /// Docket number of a case: `No. 17 CV 4419`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub docket_number: Option<String>,
    /// Docket entry number: `88` of `Dkt. No. 88`, `157` of `R. 157`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub docket_entry: Option<String>,
    /// The filing a record cite names: `Pl.'s Mot.`, `ACME's Consol. Resp. Ex. 5`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub document: Option<String>,
    /// For laws: `statute`, `regulation` or `constitution`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub law_kind: Option<String>,
    /// The Bates range of a [`CitationKind::BatesCitation`].
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub bates: Option<Bates>,
    /// The introductory signal, or the nested relation (`citing`, `quoting`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub signal: Option<Signal>,
    /// Explanatory parenthetical(s) after the citation, without the parentheses,
    /// joined by `; ` when there are several.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub parenthetical: Option<String>,
    /// The sentence or clause the citation supports.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub proposition: Option<String>,
    /// Paragraph, footnote and section the citation sits in.
    pub location: Location,
    /// Set when the citation sits inside another's parenthetical.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub nested: Option<Nesting>,
    /// Index of the citation a short form or *Id.* refers back to.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub resolved_to: Option<usize>,
    /// Normalized key of the authority cited: `512 F.3d 346`, `2019 WL 581306`,
    /// `5 U.S.C. § 552`, `Fed. R. Civ. P. 45`, `R. 157`, `No. 21 CV 5123, Dkt. No. 88`.
    /// Short forms and *Id.* carry their antecedent's key. `None` when unresolved.
    /// Parallel citations (`410 U.S. 113, 93 S. Ct. 705`) all carry the
    /// first one's key.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub authority: Option<String>,
    /// For a case cited in several reporters at once, the keys of the other
    /// reporters' citations: every key of the group but [`authority`](Citation::authority).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub parallel: Vec<String>,
}

impl Citation {
    /// A citation of `kind` with nothing but its kind set.
    pub fn new(kind: CitationKind) -> Citation {
        Citation {
            kind,
            span: Span { start: 0, end: 0 },
            matched_text: String::new(),
            volume: None,
            reporter: None,
            corrected_reporter: None,
            page: None,
            pin_cite: None,
            year: None,
            date: None,
            court: None,
            court_name: None,
            plaintiff: None,
            defendant: None,
            short_name: None,
            docket_number: None,
            docket_entry: None,
            document: None,
            law_kind: None,
            bates: None,
            signal: None,
            parenthetical: None,
            proposition: None,
            location: Location::default(),
            nested: None,
            resolved_to: None,
            authority: None,
            parallel: Vec::new(),
        }
    }
}

/// The result of extracting one text: its paragraph structure and citations
/// in text order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Extraction {
    /// Paragraphs, footnotes and headings with spans into the original text.
    pub document: clean::Document,
    /// Every citation, in order of position in the original text.
    pub citations: Vec<Citation>,
}

/// Extracts and resolves every citation of `text`, using the reporter and
/// court knowledge in `reporters`. A text that opens with a tag is read as
/// HTML (see [`extract_html`]).
pub fn extract(text: &str, reporters: &reporters::Reporters) -> Extraction {
    if html::looks_like_html(text) {
        return extract_html(text, reporters);
    }
    let document = clean::Document::parse(text);
    let mut citations = find::find(&document, text, reporters);
    resolve::resolve(&mut citations, reporters);
    Extraction {
        document,
        citations,
    }
}

/// Extracts the citations of an HTML opinion (CourtListener's `html`,
/// `html_with_citations` and the like): tags are stripped and character
/// references decoded for the finder, and every span (of citations and of
/// the document's blocks) indexes the original markup.
pub fn extract_html(html: &str, reporters: &reporters::Reporters) -> Extraction {
    let plain = html::to_plain(html);
    let document = clean::Document::parse(&plain.text);
    let mut citations = find::find(&document, &plain.text, reporters);
    resolve::resolve(&mut citations, reporters);
    let mut document = document;
    for block in &mut document.blocks {
        for piece in &mut block.pieces {
            *piece = plain.span(*piece, html);
        }
    }
    for c in &mut citations {
        c.span = plain.span(c.span, html);
        c.matched_text = html[c.span.start..c.span.end].to_string();
    }
    Extraction {
        document,
        citations,
    }
}

/// Something worth telling about an input that was still extracted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// What was wrong, in lower case: "invalid UTF-8 replaced …".
    pub message: String,
}

/// Why an input was not extracted at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Skip {
    /// The bytes are not text: they hold NUL bytes or mostly control bytes.
    #[error("binary file ({reason}), skipped")]
    Binary {
        /// What gave it away.
        reason: String,
    },
}

/// Extracts the citations of raw file contents. Invalid UTF-8 is replaced
/// (U+FFFD) with a warning, and spans then index the decoded text; a byte
/// order mark is kept. Binary input (NUL bytes, or mostly control bytes in
/// its first 8 KiB) is skipped. Never panics.
pub fn extract_bytes(
    bytes: &[u8],
    reporters: &reporters::Reporters,
) -> Result<(Extraction, Vec<Warning>), Skip> {
    let head = &bytes[..bytes.len().min(8192)];
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(Skip::Binary {
            reason: format!("NUL byte at offset {at}"),
        });
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    if control * 10 > head.len() {
        return Err(Skip::Binary {
            reason: format!("{control} control bytes in the first {} bytes", head.len()),
        });
    }
    let mut warnings = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(e) => {
            let lossy = String::from_utf8_lossy(bytes);
            let replaced = lossy.matches('\u{fffd}').count();
            warnings.push(Warning {
                message: format!(
                    "invalid UTF-8 from byte {}: {replaced} sequence(s) replaced, spans index the decoded text",
                    e.valid_up_to()
                ),
            });
            lossy
        }
    };
    Ok((extract(&text, reporters), warnings))
}

#[cfg(test)]
mod tests {
    use super::reporters::Reporters;
    use super::*;
    use proptest::prelude::*;

    /// Text built from the pieces citations are made of, so that random
    /// strings reach deep into the parsers.
    fn citationish() -> impl Strategy<Value = String> {
        let atoms = prop::sample::select(vec![
            " ",
            "\n",
            "\n\n",
            "(",
            ")",
            "*",
            ",",
            ";",
            ".",
            "§",
            "¶",
            "¹",
            "’",
            "–",
            "_",
            "Id.",
            " id. ",
            " at ",
            "R. ",
            "Rule ",
            "No. ",
            "Dkt. No. ",
            " v. ",
            "See ",
            "citing ",
            "618",
            "F.3d",
            "U. S.",
            "WL",
            "2018",
            "*4",
            "U.S.C.",
            "ILCS",
            "Fed. R. Civ. P.",
            "ABC_",
            "002817",
            "-25",
            "(N.D. Ill. 2013)",
            "Ex. B",
            "& Ex. C",
            "é",
            "漢",
        ]);
        prop::collection::vec(prop_oneof![atoms.prop_map(str::to_string), ".{0,6}"], 0..60)
            .prop_map(|parts| parts.concat())
    }

    fn check_spans(text: &str) {
        let e = extract(text, &Reporters::bundled());
        let mut last = 0;
        for c in &e.citations {
            assert!(c.span.start <= c.span.end && c.span.end <= text.len());
            assert!(text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end));
            assert_eq!(&text[c.span.start..c.span.end], c.matched_text);
            assert!(c.span.start >= last);
            last = c.span.start;
            if let Some(n) = c.nested {
                assert!(n.parent < e.citations.len());
            }
        }
    }

    proptest! {
        #[test]
        fn any_string_is_safe(text in any::<String>()) {
            check_spans(&text);
        }

        #[test]
        fn citation_like_strings_are_safe(text in citationish()) {
            check_spans(&text);
        }

        #[test]
        fn slices_of_the_seed_are_safe(start in 0usize..40_000, len in 0usize..3_000) {
            let seed = include_str!("../../data/opinions/munoz-v-guevara.txt");
            let mut a = start.min(seed.len());
            while !seed.is_char_boundary(a) {
                a -= 1;
            }
            let mut b = (a + len).min(seed.len());
            while !seed.is_char_boundary(b) {
                b -= 1;
            }
            check_spans(&seed[a..b]);
        }

        #[test]
        fn a_pasted_reporter_cite_is_found(
            before in "[a-z]{2,8}( [a-z]{2,8}){3,12}",
            after in "( [a-z]{2,8}){0,8}",
            volume in 1u32..999,
            reporter in prop::sample::select(vec!["F.3d", "F. Supp. 2d", "U.S.", "F.R.D.", "S. Ct.", "N.E.2d", "P.3d"]),
            page in 1u32..9999,
        ) {
            let text = format!("The {before}, {volume} {reporter} {page}{after}.");
            let e = extract(&text, &Reporters::bundled());
            let hit = e.citations.iter().find(|c| c.kind == CitationKind::FullCaseCitation);
            prop_assert!(hit.is_some(), "{}", text);
            let c = hit.cloned().unwrap_or_else(|| Citation::new(CitationKind::FullCaseCitation));
            prop_assert_eq!(c.volume, Some(volume.to_string()));
            prop_assert_eq!(c.corrected_reporter.as_deref(), Some(reporter));
            prop_assert_eq!(c.page, Some(page.to_string()));
        }
    }
}
