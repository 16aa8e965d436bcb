//! Table-driven tests for every citation kind beyond the seed's, and for the
//! traps of real opinions: cites broken across lines, page breaks and
//! footnotes, `U. S.` spacing, `, at` short forms, parallel cites, supra and
//! reference cites, journals, state codes and rules, HTML spans, raw bytes,
//! and two real opinions from the corpus (`tests/fixtures/cite/`).

use super::CitationKind::{self, *};
use super::reporters::Reporters;
use super::{Citation, Skip, extract, extract_bytes, extract_html};
use proptest::prelude::*;

const PROSE: &str =
    "The court has considered the matter with care and now turns to the question before it";

fn cites(text: &str) -> Vec<Citation> {
    extract(&format!("{PROSE}. {text}\n"), &Reporters::bundled()).citations
}

fn kinds(found: &[Citation]) -> Vec<CitationKind> {
    found.iter().map(|c| c.kind).collect()
}

#[test]
fn parallel_cites_share_one_authority() {
    let found = cites(
        "See Roe v. Wade, 410 U.S. 113, 153, 93 S. Ct. 705, 35 L. Ed. 2d 147 (1973) (holding so). Roe, 93 S. Ct. at 710.",
    );
    assert_eq!(
        kinds(&found),
        [
            FullCaseCitation,
            FullCaseCitation,
            FullCaseCitation,
            ShortCaseCitation
        ]
    );
    for c in &found[..3] {
        assert_eq!(c.plaintiff.as_deref(), Some("Roe"), "{}", c.matched_text);
        assert_eq!(c.defendant.as_deref(), Some("Wade"));
        assert_eq!(c.year, Some(1973));
        assert_eq!(c.court.as_deref(), Some("scotus"));
        assert_eq!(c.authority.as_deref(), Some("410 U.S. 113"));
        assert_eq!(c.parallel, ["93 S. Ct. 705", "35 L. Ed. 2d 147"]);
    }
    assert_eq!(found[0].pin_cite.as_deref(), Some("153"));
    assert_eq!(found[1].signal, found[0].signal);
    assert_eq!(found[3].resolved_to, Some(1));
    assert_eq!(found[3].authority.as_deref(), Some("410 U.S. 113"));
}

#[test]
fn short_forms_with_comma_at_and_spaced_reporters() {
    let found = cites(
        "Strickland v. Washington, 466 U. S. 668, 687 (1984). Strickland, 466 U. S., at 686. Id., at 690. See 466 U.S. at 374-75; Id. at *2-3; Strickland, 466 U. S., at 574, n. 8.",
    );
    let rows: Vec<(CitationKind, Option<&str>, Option<&str>)> = found
        .iter()
        .map(|c| (c.kind, c.pin_cite.as_deref(), c.authority.as_deref()))
        .collect();
    let key = Some("466 U.S. 668");
    assert_eq!(
        rows,
        [
            (FullCaseCitation, Some("687"), key),
            (ShortCaseCitation, Some("686"), key),
            (IdCitation, Some("690"), key),
            (ShortCaseCitation, Some("374-75"), key),
            (IdCitation, Some("*2-3"), key),
            (ShortCaseCitation, Some("574, n. 8"), key),
        ]
    );
    assert_eq!(found[0].reporter.as_deref(), Some("U. S."));
    assert_eq!(found[0].corrected_reporter.as_deref(), Some("U.S."));
}

#[test]
fn id_pins_stop_at_a_parallel_short_cite() {
    let found = cites(
        "In re Elmore, 162 Wash. 2d 236, 172 P. 3d 335 (2007). The state court held so. Id., at 258, 172 P. 3d, at 347. Rather, the issue is whether counsel erred.",
    );
    let rows: Vec<(CitationKind, &str)> = found
        .iter()
        .map(|c| (c.kind, c.matched_text.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            (FullCaseCitation, "In re Elmore, 162 Wash. 2d 236"),
            (FullCaseCitation, "172 P. 3d 335 (2007)"),
            (IdCitation, "Id., at 258"),
            (ShortCaseCitation, "172 P. 3d, at 347"),
        ]
    );
    assert_eq!(found[2].pin_cite.as_deref(), Some("258"));
    assert_eq!(found[3].pin_cite.as_deref(), Some("347"));
    assert_eq!(found[3].authority.as_deref(), Some("162 Wash. 2d 236"));
}

#[test]
fn supra_and_reference_cites_resolve_by_name() {
    let found = cites(
        "Terry v. Ohio, 392 U.S. 1, 20 (1968); Mapp v. Ohio, 367 U.S. 643 (1961). The stop was brief. Terry, supra, at 27. *Terry* at 30. Terry at 21-22. See supra note 3. Mapp, supra.",
    );
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
                c.short_name.as_deref(),
                c.pin_cite.as_deref(),
                c.authority.as_deref(),
            )
        })
        .collect();
    let terry = Some("392 U.S. 1");
    assert_eq!(
        rows[2..],
        [
            (SupraCitation, Some("Terry"), Some("27"), terry),
            (ReferenceCitation, Some("Terry"), Some("30"), terry),
            (ReferenceCitation, Some("Terry"), Some("21-22"), terry),
            (SupraCitation, None, None, None),
            (SupraCitation, Some("Mapp"), None, Some("367 U.S. 643")),
        ]
    );
    assert_eq!(found[3].matched_text, "*Terry* at 30");
    assert_eq!(found[2].matched_text, "Terry, supra, at 27");
}

#[test]
fn journals() {
    let found = cites(
        "See Note, Developments, 100 Harv. L. Rev. 1, 5 (1987); 35 B.C. L. Rev. 799, 829-30 (1994).",
    );
    assert_eq!(kinds(&found), [FullJournalCitation, FullJournalCitation]);
    assert_eq!(
        found[0].corrected_reporter.as_deref(),
        Some("Harv. L. Rev.")
    );
    assert_eq!(found[0].pin_cite.as_deref(), Some("5"));
    assert_eq!(found[0].year, Some(1987));
    assert_eq!(found[1].authority.as_deref(), Some("35 B.C. L. Rev. 799"));
    assert_eq!(found[0].plaintiff, None);
}

#[test]
fn state_codes_session_laws_and_federal_registers() {
    let table = [
        (
            "See Mass. Gen. Laws ch. 93A, § 2(a).",
            "Mass. Gen. Laws ch. 93A, § 2",
        ),
        ("under R.I. Gen. Laws § 9-1-14.", "R.I. Gen. Laws § 9-1-14"),
        ("see N.Y. Ins. Law § 3212.", "N.Y. Ins. Law § 3212"),
        ("see Cal. Penal Code § 187.", "Cal. Penal Code § 187"),
        (
            "see P.R. Laws Ann. tit. 31, § 5141.",
            "31 P.R. Laws Ann. § 5141",
        ),
        (
            "see Me. Rev. Stat. Ann. tit. 17-A, § 1.",
            "17-A Me. Rev. Stat. Ann. § 1",
        ),
        ("enacted at 94 Stat. 1159 (1980).", "94 Stat. 1159"),
        (
            "see 45 Fed. Reg. 33,412 (May 19, 1980).",
            "45 Fed. Reg. 33,412",
        ),
        ("by Pub. L. No. 96-350, which", "Pub. L. No. 96-350"),
        ("see 26 U.S.C. 5861(d).", "26 U.S.C. § 5861"),
    ];
    for (text, key) in table {
        let found = cites(text);
        assert_eq!(found.len(), 1, "{text}: {found:#?}");
        assert_eq!(found[0].kind, FullLawCitation, "{text}");
        assert_eq!(found[0].authority.as_deref(), Some(key), "{text}");
    }
}

#[test]
fn spaced_and_squeezed_abbreviations() {
    let table = [
        (
            "See People v. Fulvio, 136 Misc. 2d 334, 344-345, 517 N. Y. S. 2d 1008, 1015 (1987).",
            vec!["136 Misc. 2d 334", "517 N.Y.S.2d 1008"],
        ),
        (
            "See Flo & Eddie, Inc. v. Sirius XM Radio, Inc., 28 N. Y. 3d 583 (2016).",
            vec!["28 N.Y.3d 583"],
        ),
        (
            "Rules of Evidence for United States Courts and Magistrates, 56 F. R. D. 183, 265 (1972).",
            vec!["56 F.R.D. 183"],
        ),
        (
            "State v. Hunter, 320 S. C. 85, 88, 463 S. E. 2d 314, 316 (1995).",
            vec!["320 S.C. 85", "463 S.E.2d 314"],
        ),
        (
            "Familial Searching, 23 Harv. J. L. & Tech. 309, 319 (2010).",
            vec!["23 Harv. J.L. & Tech. 309"],
        ),
        (
            "Mandate the Destruction Of DNA Samples, 54 Duke L. J. 179, 180 (2004).",
            vec!["54 Duke L.J. 179"],
        ),
        (
            "Guidelines, 28 Wake Forest L.Rev. 223, 261 (1993).",
            vec!["28 Wake Forest L. Rev. 223"],
        ),
        (
            "Compare, e.g., D. C. Code §§22-3001 (2012).",
            vec!["D.C. Code § 22-3001"],
        ),
        (
            "In N. Y. Gen. Bus. Law §518, New York has banned the former practice.",
            vec!["N.Y. Gen. Bus. Law § 518"],
        ),
        (
            "by cash, check, or similar means.\u{201d} N. Y. Gen. Bus. Law Ann. §518 (West 2012).",
            vec!["N.Y. Gen. Bus. Law § 518"],
        ),
    ];
    for (text, keys) in table {
        let found = cites(text);
        // Each cite's own key: a parallel cite's `authority` is its group's.
        let got: Vec<String> = found
            .iter()
            .map(|c| {
                let volume = c
                    .volume
                    .as_deref()
                    .map_or(String::new(), |v| format!("{v} "));
                let reporter = c.corrected_reporter.as_deref().unwrap_or_default();
                let page = c.page.as_deref().unwrap_or_default();
                match c.kind {
                    FullLawCitation => c.authority.clone().unwrap_or_default(),
                    _ => format!("{volume}{reporter} {page}"),
                }
            })
            .collect();
        assert_eq!(got, keys, "{text}: {found:#?}");
    }
}

#[test]
fn tax_and_agency_reporters() {
    let found = cites(
        "Cf. Musser v. United States, 92-1 USTC 50,245 (D. Alaska 1991); Rainey v. United States, 82-2 USTC 9442 (N.D. Ala. 1982); see I.T. 3204, 1938-2 C.B. 126.",
    );
    let rows: Vec<(Option<&str>, Option<&str>, Option<i32>)> = found
        .iter()
        .map(|c| (c.authority.as_deref(), c.plaintiff.as_deref(), c.year))
        .collect();
    assert_eq!(
        rows,
        [
            (
                Some("92-1 U.S. Tax Cas. (CCH) 50,245"),
                Some("Musser"),
                Some(1991)
            ),
            (
                Some("82-2 U.S. Tax Cas. (CCH) 9442"),
                Some("Rainey"),
                Some(1982)
            ),
            // The ruling's number stands where a case name would.
            (Some("1938-2 C.B. 126"), Some("I.T. 3204"), None),
        ]
    );
    let found = cites(
        "Regulatory Commission in American Ref-Fuel Company, 105 FERC ¶ 61,004 (2003). We agree.",
    );
    assert_eq!(found[0].authority.as_deref(), Some("105 FERC 61,004"));
    assert_eq!(found[0].year, Some(2003));
    // A page and a pin written without a space stay apart.
    let found = cites("Tracey v. United States, 739 F.2d 5,6 (1st Cir. 1984).");
    assert_eq!(found[0].page.as_deref(), Some("5"));
}

#[test]
fn worded_section_marks() {
    let table = [
        (
            "in violation of 18 U.S.C. Secs. 371, 2314, 2315 and 2.",
            "18 U.S.C. § 371",
        ),
        (
            "pursuant to 28 U.S.C. Sec. 1292(b) with",
            "28 U.S.C. § 1292",
        ),
        (
            "Employment Act (\"ADEA\"), 29 U.S.C. sections 621 et seq. (1988), with",
            "29 U.S.C. § 621",
        ),
    ];
    for (text, key) in table {
        let found = cites(text);
        assert_eq!(found[0].kind, FullLawCitation, "{text}: {found:#?}");
        assert_eq!(found[0].authority.as_deref(), Some(key), "{text}");
    }
    let found = cites("convictions under 21 U.S.C. Secs. 841(a)(1), 846 and 18 U.S.C. Sec. 2.");
    let keys: Vec<&str> = found
        .iter()
        .filter_map(|c| c.authority.as_deref())
        .collect();
    assert_eq!(keys, ["21 U.S.C. § 841", "18 U.S.C. § 2"]);
}

#[test]
fn rules_in_all_spellings() {
    let table = [
        ("under Fed. R. Civ. P. 12(b)(6).", "Fed. R. Civ. P. 12"),
        ("under Fed.R.Civ.P. 56(c).", "Fed. R. Civ. P. 56"),
        ("under Federal Rule of Evidence 403.", "Fed. R. Evid. 403"),
        ("under Mass. R. Civ. P. 12(b)(6).", "Mass. R. Civ. P. 12"),
        ("see Tex. R. Evid. 702.", "Tex. R. Evid. 702"),
        ("see Fed. R. App. P. 4(a)(1)(A).", "Fed. R. App. P. 4"),
    ];
    for (text, key) in table {
        let found = cites(text);
        assert_eq!(found.len(), 1, "{text}: {found:#?}");
        assert_eq!(found[0].kind, RuleCitation, "{text}");
        assert_eq!(found[0].authority.as_deref(), Some(key), "{text}");
    }
}

#[test]
fn names_that_hold_reporter_words_or_two_vs() {
    let found = cites(
        "See Mass. Mut. Life Ins. Co. v. Ludwig, 426 U.S. 479 (1976); U.S. Bank Nat'l Ass'n v. Ibanez, 941 N.E.2d 40 (Mass. 2011).",
    );
    assert_eq!(kinds(&found), [FullCaseCitation, FullCaseCitation]);
    assert_eq!(
        found[0].plaintiff.as_deref(),
        Some("Mass. Mut. Life Ins. Co.")
    );
    assert_eq!(found[1].plaintiff.as_deref(), Some("U.S. Bank Nat'l Ass'n"));
    assert_eq!(found[1].court.as_deref(), Some("mass"));
}

#[test]
fn nominative_reporters_and_blank_slip_pages() {
    let found = cites(
        "Gibbons v. Ogden, 22 U.S. (9 Wheat.) 1, 211 (1824). White v. Pauly, 580 U. S. ___ (2017).",
    );
    assert_eq!(found[0].page.as_deref(), Some("1"));
    assert_eq!(found[0].pin_cite.as_deref(), Some("211"));
    assert_eq!(found[0].authority.as_deref(), Some("22 U.S. 1"));
    assert_eq!(found[1].kind, FullCaseCitation);
    assert_eq!(found[1].page, None);
    assert_eq!(found[1].year, Some(2017));
}

/// A double-spaced, hard-wrapped opinion: every line is followed by a blank
/// line, paragraphs start with an indent, and a page break with a footnote
/// and a page number falls inside a citation.
fn wrapped() -> String {
    let mut text = String::new();
    for _ in 0..6 {
        text += "          The court reviews the record as a whole and explains what it\n\n";
        text += "found there in some detail for the benefit of the parties.\n\n";
    }
    text += "          Officers may stop a suspect briefly. See Thomp-\n\n";
    text += "son v. Ohio, 392 U.S. 1, 20 (1968); Mapp v. Ohio, 367 U.S.\n\n";
    text += "     1\n       A footnote printed at the foot of the page, citing\n";
    text += "Adams v. Williams, 407 U.S. 143 (1972).\n\n";
    text += "                                -2-\n\x0c";
    text += "643, 655 (1961). The stop here was brief, and Thompson at 21-22\n\n";
    text += "says no more. Id. at 22.\n\n";
    text
}

#[test]
fn citations_survive_line_wraps_page_breaks_and_footnotes() {
    let text = wrapped();
    let e = extract(&text, &Reporters::bundled());
    let rows: Vec<(CitationKind, Option<&str>, Option<u32>)> = e
        .citations
        .iter()
        .map(|c| (c.kind, c.authority.as_deref(), c.location.footnote))
        .collect();
    assert_eq!(
        rows,
        [
            (FullCaseCitation, Some("392 U.S. 1"), None),
            (FullCaseCitation, Some("367 U.S. 643"), None),
            (FullCaseCitation, Some("407 U.S. 143"), Some(1)),
            (ReferenceCitation, Some("392 U.S. 1"), None),
            // Id. refers to the citation just before it, the reference cite.
            (IdCitation, Some("392 U.S. 1"), None),
        ]
    );
    let thompson = &e.citations[0];
    assert_eq!(thompson.plaintiff.as_deref(), Some("Thompson"));
    assert!(thompson.matched_text.starts_with("Thomp-\n\nson v. Ohio"));
    let mapp = &e.citations[1];
    assert_eq!(mapp.pin_cite.as_deref(), Some("655"));
    assert_eq!(mapp.year, Some(1961));
    assert!(mapp.matched_text.contains("-2-\n\x0c643, 655 (1961)"));
    for c in &e.citations {
        assert_eq!(&text[c.span.start..c.span.end], c.matched_text);
    }
}

#[test]
fn star_pages_are_not_text() {
    let found = cites("See Roe v. Wade, 410 U.S. [*1209] 113, 153 (1973).");
    assert_eq!(found[0].authority.as_deref(), Some("410 U.S. 113"));
    assert!(found[0].matched_text.contains("[*1209]"));
}

#[test]
fn html_spans_index_the_markup() {
    let html = "<html><body><p>The court has considered the matter with care and now turns to it. See <i>Roe v. Wade</i>, 410 U.S. 113, 153 (1973) (holding that &sect; 1 applies). <em>Id.</em> at 160.</p><p>Next, 42 U.S.C. &sect;&nbsp;1983 governs.</p></body></html>";
    let e = extract_html(html, &Reporters::bundled());
    let texts: Vec<&str> = e
        .citations
        .iter()
        .map(|c| c.matched_text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "<i>Roe v. Wade</i>, 410 U.S. 113, 153 (1973)",
            "<em>Id.</em> at 160",
            "42 U.S.C. &sect;&nbsp;1983"
        ]
    );
    assert_eq!(e.citations[0].plaintiff.as_deref(), Some("Roe"));
    assert_eq!(e.citations[1].authority.as_deref(), Some("410 U.S. 113"));
    // `extract` recognizes HTML by itself.
    assert_eq!(extract(html, &Reporters::bundled()).citations, e.citations);
    for b in &e.document.blocks {
        for p in &b.pieces {
            assert!(html.is_char_boundary(p.start) && p.end <= html.len());
        }
    }
}

#[test]
fn raw_bytes() {
    let r = Reporters::bundled();
    let mut bytes = b"See Roe v. Wade, 410 U.S. 113 (1973) \xff\xfe caf\xc3".to_vec();
    let (e, warnings) = extract_bytes(&bytes, &r).unwrap_or_else(|_| unreachable!("text"));
    assert_eq!(e.citations.len(), 1);
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0]
            .message
            .starts_with("invalid UTF-8 from byte 37")
    );
    bytes.push(0);
    assert!(matches!(
        extract_bytes(&bytes, &r),
        Err(Skip::Binary { .. })
    ));
    let noise: Vec<u8> = (0..4000u32).map(|i| (i % 31) as u8 + 1).collect();
    assert!(extract_bytes(&noise, &r).is_err());
    assert!(extract_bytes(b"", &r).is_ok_and(|(e, w)| e.citations.is_empty() && w.is_empty()));
}

#[test]
fn first_circuit_fixture() {
    let text = include_str!("../../tests/fixtures/cite/first-circuit-al-rikabi.txt");
    let e = extract(text, &Reporters::bundled());
    let count = |k: CitationKind| e.citations.iter().filter(|c| c.kind == k).count();
    assert_eq!(count(FullCaseCitation), 10);
    assert_eq!(count(ShortCaseCitation), 7);
    assert_eq!(count(FullLawCitation), 1);
    // `21 U.S.C.` and `§§ 841(a)(1)` sit on two printed lines.
    assert_eq!(e.citations[0].authority.as_deref(), Some("21 U.S.C. § 841"));
    // The court parenthetical of this cite is printed after a footnote.
    let fuller = e
        .citations
        .iter()
        .find(|c| c.page.as_deref() == Some("1217"));
    assert_eq!(fuller.map(|c| c.year), Some(Some(1990)));
    // Page numbers (`-2-`) never reach a paragraph's text.
    assert!(
        e.citations
            .iter()
            .all(|c| c.pin_cite.as_deref() != Some("2"))
    );
}

#[test]
fn supreme_court_fixture() {
    let text = include_str!("../../tests/fixtures/cite/scotus-salazar-limon.txt");
    let e = extract(text, &Reporters::bundled());
    // `Cite as: 581 U. S. ____ (2017)` page heads are not citations.
    assert!(
        e.citations
            .iter()
            .all(|c| c.volume.as_deref() != Some("581"))
    );
    let scott = e
        .citations
        .iter()
        .find(|c| c.kind == ShortCaseCitation && c.short_name.as_deref() == Some("Scott"));
    assert_eq!(
        scott.map(|c| (c.pin_cite.as_deref(), c.authority.as_deref())),
        Some((Some("383"), Some("550 U.S. 372")))
    );
    let ids = e.citations.iter().filter(|c| c.kind == IdCitation);
    assert!(ids.clone().count() >= 15);
    assert!(ids.clone().all(|c| c.resolved_to.is_some()));
    // `Tay-\nlor v. Barkes`: the line-end hyphen is dropped from the name.
    assert!(
        e.citations
            .iter()
            .any(|c| c.plaintiff.as_deref() == Some("Taylor"))
    );
}

fn check(text: &str, citations: &[Citation]) {
    for c in citations {
        assert!(c.span.start <= c.span.end && c.span.end <= text.len());
        assert!(text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end));
        assert_eq!(&text[c.span.start..c.span.end], c.matched_text);
    }
}

/// Markup and page furniture for the property tests.
fn layoutish() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "<p>",
        "</p>",
        "<i>",
        "</i>",
        "<br>",
        "&amp;",
        "&sect;",
        "&#167;",
        "&#x",
        "<span class=\"star-pagination\">*12</span>",
        "<sup>3</sup>",
        "<!--",
        "-->",
        "<",
        ">",
        "&",
        ";",
        "\n\n",
        "\n",
        "\x0c",
        "   -2-\n",
        "     1\n",
        "——————\n",
        "Cite as: 1 U. S. ___ (2017)\n",
        " v. ",
        "410 U.S. 113",
        ", at 5",
        "Id.",
        "supra",
        "Roe",
        " at 3",
        "-\n",
        "Mass. Gen. Laws ch. 93A, § 2",
        "100 Harv. L. Rev. 1",
        "é",
        "漢",
    ]);
    prop::collection::vec(prop_oneof![atoms.prop_map(str::to_string), ".{0,8}"], 0..80)
        .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn markup_and_layouts_are_safe(body in layoutish()) {
        let r = Reporters::bundled();
        let html = format!("<p>{body}");
        check(&html, &extract(&html, &r).citations);
        check(&body, &extract(&body, &r).citations);
        let wrapped = body.lines().map(|l| format!("{l}\n\n")).collect::<String>().repeat(3);
        check(&wrapped, &extract(&wrapped, &r).citations);
    }

    #[test]
    fn any_bytes_are_safe(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = extract_bytes(&bytes, &Reporters::bundled());
    }
}
