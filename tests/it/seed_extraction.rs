//! The seed opinion (*Munoz v. Guevara*, N.D. Ill. Apr. 7, 2025) against a
//! hand-checked list of every citation in it.
//!
//! Every row was checked against the opinion text: where it sits
//! (paragraph, footnote), kind, the text as written, pin, signal, authority
//! key (for *Id.* and short forms, the antecedent's), nesting, and the record
//! document or Bates range. Judgment calls, documented here because the
//! opinion itself is ambiguous:
//!
//! * the second `(*Id.* at 3-4 & Ex. D …)` of paragraph 4 follows a textual
//!   cite to Rule 26(b)(5); a page pin cannot point into a rule, so it refers
//!   to `R. 157` like the *Id.* before it;
//! * `*See id.*` after "pattern and practice cases" (paragraph 32) refers,
//!   by the rule, to the immediately preceding authority, *K.L.* at 1209,
//!   although the court may have meant *Gonzalez* as in paragraph 30;
//! * bare numbers after a Bates cite in the same sentence take its prefix,
//!   also inside parentheticals (`until "Charge" on 001454`);
//! * `Rule 26(b)(3)` inside *Hobley*'s explanatory parenthetical is nested
//!   with relation `Discussing`;
//! * a signal carries over a `;` to the next citation of the same string
//!   (`see also R. 73; R. 149`).

use lexgraph::cite::CitationKind::{self, *};
use lexgraph::cite::Signal::{self, *};
use lexgraph::cite::reporters::Reporters;
use lexgraph::cite::{Citation, Extraction, extract};

const SEED: &str = include_str!("../../data/opinions/munoz-v-guevara.txt");

fn seed() -> Extraction {
    extract(SEED, &Reporters::bundled())
}

/// Where a row sits: paragraph, and footnote when in one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place(u32, Option<u32>);

fn p(paragraph: u32) -> Place {
    Place(paragraph, None)
}

fn fn_(paragraph: u32, footnote: u32) -> Place {
    Place(paragraph, Some(footnote))
}

/// One expected citation.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    place: Place,
    kind: CitationKind,
    text: &'static str,
    pin: Option<&'static str>,
    signal: Option<Signal>,
    key: Option<&'static str>,
    nested: Option<(usize, Signal)>,
    /// Record cites and *Id.*: the document; Bates cites: `PREFIX:first-last`.
    extra: Option<&'static str>,
}

#[allow(clippy::too_many_arguments)]
fn row(
    place: Place,
    kind: CitationKind,
    text: &'static str,
    pin: Option<&'static str>,
    signal: Option<Signal>,
    key: Option<&'static str>,
    nested: Option<(usize, Signal)>,
    extra: Option<&'static str>,
) -> Row {
    Row {
        place,
        kind,
        text,
        pin,
        signal,
        key,
        nested,
        extra,
    }
}

fn actual(c: &Citation) -> Row {
    let extra = match (&c.bates, &c.document) {
        (Some(b), _) => Some(format!("{}:{}-{}", b.prefix, b.first, b.last)),
        (None, Some(d)) => Some(d.clone()),
        (None, None) => None,
    };
    Row {
        place: Place(c.location.paragraph, c.location.footnote),
        kind: c.kind,
        text: leak(&c.matched_text),
        pin: c.pin_cite.as_deref().map(leak),
        signal: c.signal,
        key: c.authority.as_deref().map(leak),
        nested: c.nested.map(|n| (n.parent, n.relation)),
        extra: extra.as_deref().map(leak),
    }
}

/// Test-only: lets rows built from output compare with `'static` rows.
fn leak(s: &str) -> &'static str {
    Box::leak(s.to_string().into_boxed_str())
}

const FULL: CitationKind = FullCaseCitation;
const SHORT: CitationKind = ShortCaseCitation;
const ID: CitationKind = IdCitation;
const LAW: CitationKind = FullLawCitation;
const RULE: CitationKind = RuleCitation;
const DOCKET: CitationKind = DocketEntryCitation;
const RECORD: CitationKind = RecordCitation;
const BATES: CitationKind = BatesCitation;

#[rustfmt::skip]
fn expected() -> Vec<Row> {
    vec![
        /*   0 */ row(p(2), BATES, "CCSAO_001471", None, None, None, None, Some("CCSAO:1471-1471")),
        /*   1 */ row(p(3), RECORD, "R. 62, Am. Compl. ¶¶ 14-15", Some("¶¶ 14-15"), None, Some("R. 62"), None, Some("Am. Compl.")),
        /*   2 */ row(p(3), RECORD, "R. 1, Compl.", None, Some(SeeGenerally), Some("R. 1"), None, Some("Compl.")),
        /*   3 */ row(p(3), RECORD, "R. 160, Def. Officers’ Mot. at 3", Some("3"), None, Some("R. 160"), None, Some("Def. Officers’ Mot.")),
        /*   4 */ row(p(3), ID, "Id. at 3", Some("3"), None, Some("R. 160"), None, None),
        /*   5 */ row(p(3), ID, "Id. at 3", Some("3"), None, Some("R. 160"), None, None),
        /*   6 */ row(p(4), RECORD, "R. 157, Pl.’s Mot. at 2", Some("2"), None, Some("R. 157"), None, Some("Pl.’s Mot.")),
        /*   7 */ row(p(4), RECORD, "R. 171, CCSAO’s Consol. Resp. at 2", Some("2"), Some(SeeAlso), Some("R. 171"), None, Some("CCSAO’s Consol. Resp.")),
        /*   8 */ row(p(4), RECORD, "R. 157, Pl.’s Mot. at 2-4", Some("2-4"), None, Some("R. 157"), None, Some("Pl.’s Mot.")),
        /*   9 */ row(p(4), ID, "*Id.* at 3-4", Some("3-4"), None, Some("R. 157"), None, None),
        /*  10 */ row(p(4), RULE, "Federal Rule of Civil Procedure 26(b)(5)", Some("26(b)(5)"), None, Some("Fed. R. Civ. P. 26"), None, None),
        /*  11 */ row(p(4), ID, "*Id.* at 3-4", Some("3-4"), None, Some("R. 157"), None, None),
        /*  12 */ row(p(4), ID, "*id.* at 4-5", Some("4-5"), Some(See), Some("R. 157"), None, None),
        /*  13 */ row(p(5), RECORD, "R. 157, Pl.’s Mot.", None, Some(SeeGenerally), Some("R. 157"), None, Some("Pl.’s Mot.")),
        /*  14 */ row(p(5), RECORD, "R. 160, Def. Officers’ Mot.", None, Some(SeeGenerally), Some("R. 160"), None, Some("Def. Officers’ Mot.")),
        /*  15 */ row(p(5), RECORD, "R. 164", None, None, Some("R. 164"), None, None),
        /*  16 */ row(p(5), RECORD, "R. 164", None, None, Some("R. 164"), None, None),
        /*  17 */ row(p(5), RECORD, "R. 181", None, None, Some("R. 181"), None, None),
        /*  18 */ row(p(6), RULE, "Federal Rule of Civil Procedure 45(d)(1)", Some("45(d)(1)"), None, Some("Fed. R. Civ. P. 45"), None, None),
        /*  19 */ row(p(6), ID, "*id.* at 45(d)(2)(B)", Some("45(d)(2)(B)"), None, Some("Fed. R. Civ. P. 45"), None, None),
        /*  20 */ row(p(6), ID, "*id.* at 45(d)(2)(B)(1)", Some("45(d)(2)(B)(1)"), None, Some("Fed. R. Civ. P. 45"), None, None),
        /*  21 */ row(p(6), FULL, "*Gaines v. Chi. Bd. of Educ.*,\n\nNo. 19 CV 775, 2022 WL 1292248, at *2 (N.D. Ill. April 29, 2022)", Some("*2"), None, Some("2022 WL 1292248"), None, None),
        /*  22 */ row(p(6), BATES, "CCSAO_001471", None, None, None, None, Some("CCSAO:1471-1471")),
        /*  23 */ row(p(6), RECORD, "R. 117 ¶ 6", Some("¶ 6"), Some(See), Some("R. 117"), None, None),
        /*  24 */ row(p(7), RECORD, "R. 157, Pl.'s Mot. at 6-9", Some("6-9"), None, Some("R. 157"), None, Some("Pl.'s Mot.")),
        /*  25 */ row(p(7), RECORD, "R. 160, Def. Officers' Mot. at 5-7", Some("5-7"), None, Some("R. 160"), None, Some("Def. Officers' Mot.")),
        /*  26 */ row(p(7), RECORD, "R. 157, Pl.'s Mot. at 6", Some("6"), None, Some("R. 157"), None, Some("Pl.'s Mot.")),
        /*  27 */ row(p(7), ID, "*id.* Ex. D at 20-26", Some("20-26"), Some(See), Some("R. 157"), None, Some("Ex. D")),
        /*  28 */ row(p(7), RECORD, "R. 171, CCSAO's Consol. Resp. at 3", Some("3"), None, Some("R. 171"), None, Some("CCSAO's Consol. Resp.")),
        /*  29 */ row(fn_(7, 1), RECORD, "R. 157, Ex. B", None, Some(See), Some("R. 157"), None, Some("Ex. B")),
        /*  30 */ row(p(8), RULE, "Rule 45", None, None, Some("Fed. R. Civ. P. 45"), None, None),
        /*  31 */ row(p(8), FULL, "*Walls v. Vasselli*, No. 19 CV 06468, 2022 WL 1004248, at *1 (N.D. Ill. April 4, 2022)", Some("*1"), None, Some("2022 WL 1004248"), None, None),
        /*  32 */ row(p(8), RULE, "Fed. R. Civ. P. 45(e)(2)(A)", Some("45(e)(2)(A)"), Some(Citing), Some("Fed. R. Civ. P. 45"), Some((31, Citing)), None),
        /*  33 */ row(p(8), FULL, "*RBS Citizens, N.A. v. Husain*, 291 F.R.D. 209, 218 (N.D. Ill. 2013)", Some("218"), None, Some("291 F.R.D. 209"), None, None),
        /*  34 */ row(p(9), FULL, "*Urb. 8 Fox Lake Corp. v. Nationwide Affordable Hous. Fund 4, LLC*, 334 F.R.D. 149, 156 (N.D. Ill. 2020)", Some("156"), Some(See), Some("334 F.R.D. 149"), None, None),
        /*  35 */ row(p(9), SHORT, "*Walls*, 2022 WL 1004248, at *2", Some("*2"), None, Some("2022 WL 1004248"), None, None),
        /*  36 */ row(p(9), FULL, "*Mem'l Hosp. for McHenry Cnty. v. Shadur*, 664 F.2d 1058, 1061 (7th Cir. 1981)", Some("1061"), Some(Citing), Some("664 F.2d 1058"), Some((35, Citing)), None),
        /*  37 */ row(p(10), RULE, "Rule 45(e)(2)(A)(ii)", Some("45(e)(2)(A)(ii)"), None, Some("Fed. R. Civ. P. 45"), None, None),
        /*  38 */ row(p(11), RECORD, "R. 157, Ex. B", None, Some(SeeGenerally), Some("R. 157"), None, Some("Ex. B")),
        /*  39 */ row(p(11), ID, "*id.*", None, Some(See), Some("R. 157"), None, None),
        /*  40 */ row(p(11), RULE, "Rule 45(e)(2)(A)", Some("45(e)(2)(A)"), None, Some("Fed. R. Civ. P. 45"), None, None),
        /*  41 */ row(p(11), FULL, "Surgery Ctr. at 900 N. Mich. Ave., LLC v. Am. Physicians Assurance Corp.*, 317 F.R.D. 620, 632 (N.D. Ill. 2016)", Some("632"), Some(See), Some("317 F.R.D. 620"), None, None),
        /*  42 */ row(p(12), RECORD, "R. 181", None, None, Some("R. 181"), None, None),
        /*  43 */ row(fn_(12, 2), RECORD, "R. 157, Ex. B", None, Some(See), Some("R. 157"), None, Some("Ex. B")),
        /*  44 */ row(p(12), FULL, "Belcastro v. United Airlines, Inc., No. 17 CV 1682, 2019 WL 1651709, at *5 (N.D. Ill. April 17, 2019)", Some("*5"), Some(SeeAlso), Some("2019 WL 1651709"), None, None),
        /*  45 */ row(p(12), BATES, "CCSSAO_001471", None, None, None, None, Some("CCSSAO:1471-1471")),
        /*  46 */ row(p(13), RULE, "Fed. R. Civ. P. 26(b)(3)(A)", Some("26(b)(3)(A)"), None, Some("Fed. R. Civ. P. 26"), None, None),
        /*  47 */ row(p(13), FULL, "*Binks Mfg. Co. v. Nat’l Presto Indus., Inc.*, 709 F.2d 1109, 1119 (7th Cir. 1983)", Some("1119"), None, Some("709 F.2d 1109"), None, None),
        /*  48 */ row(fn_(12, 3), RECORD, "R. 157, Ex. B", None, Some(See), Some("R. 157"), None, Some("Ex. B")),
        /*  49 */ row(p(13), FULL, "*Sandra T.E. v. S. Berwyn Sch. Dist. 100*, 600 F.3d 612, 622 (7th Cir. 2010)", Some("622"), None, Some("600 F.3d 612"), None, None),
        /*  50 */ row(p(13), RULE, "Fed. R. Civ. P. 26(b)(3)(B)", Some("26(b)(3)(B)"), Some(SeeAlso), Some("Fed. R. Civ. P. 26"), None, None),
        /*  51 */ row(p(13), FULL, "*Hobley v. Burge*, 433 F.3d 946, 949 (7th Cir. 2006)", Some("949"), Some(SeeAlso), Some("433 F.3d 946"), None, None),
        /*  52 */ row(p(13), RULE, "Rule 26(b)(3)", Some("26(b)(3)"), None, Some("Fed. R. Civ. P. 26"), Some((51, Discussing)), None),
        /*  53 */ row(p(14), RECORD, "R. 171, CCSAO’s Resp. at 6-7", Some("6-7"), Some(See), Some("R. 171"), None, Some("CCSAO’s Resp.")),
        /*  54 */ row(p(14), ID, "*Id.*", None, None, Some("R. 171"), None, None),
        /*  55 */ row(p(14), SHORT, "*Hobley*, 433 F.3d at 949", Some("949"), None, Some("433 F.3d 946"), None, None),
        /*  56 */ row(p(14), RECORD, "R. 171, CCSAO’s Resp. at 6", Some("6"), None, Some("R. 171"), None, Some("CCSAO’s Resp.")),
        /*  57 */ row(p(14), SHORT, "433 F.3d at 952", Some("952"), None, Some("433 F.3d 946"), None, None),
        /*  58 */ row(p(14), ID, "id.", None, Some(See), Some("433 F.3d 946"), None, None),
        /*  59 */ row(p(15), FULL, "*Webster Bank N.A. v. Pierce & Associates*, No. 16 CV 2522, 2018 WL 704693, at *4 (N.D. Ill. Feb. 5, 2018)", Some("*4"), None, Some("2018 WL 704693"), None, None),
        /*  60 */ row(p(15), ID, "*Id.*", None, None, Some("2018 WL 704693"), None, None),
        /*  61 */ row(p(15), RECORD, "R. 171, CCSAO’s Resp. at 6", Some("6"), None, Some("R. 171"), None, Some("CCSAO’s Resp.")),
        /*  62 */ row(p(15), SHORT, "*Webster*, 2018 WL 704693, at *4", Some("*4"), Some(Quoting), Some("2018 WL 704693"), Some((61, Quoting)), None),
        /*  63 */ row(p(15), SHORT, "*Webster*, 2018 WL 704693, at *4", Some("*4"), None, Some("2018 WL 704693"), None, None),
        /*  64 */ row(p(15), ID, "*Id.*", None, None, Some("2018 WL 704693"), None, None),
        /*  65 */ row(p(16), FULL, "*Williams v. City of Chicago*, No. 22 CV 3773, 2023 WL 6213716, at *3 (N.D. Ill. Sept. 25, 2023)", Some("*3"), None, Some("2023 WL 6213716"), None, None),
        /*  66 */ row(p(16), ID, "*Id.*", None, None, Some("2023 WL 6213716"), None, None),
        /*  67 */ row(p(16), FULL, "*Hill v. City of Chi.*, No. 13 CV 4847, 2015 WL 12844948, at *2 (N.D. Ill. May 28, 2015)", Some("*2"), Some(Citing), Some("2015 WL 12844948"), Some((66, Citing)), None),
        /*  68 */ row(p(16), ID, "*Id.*", None, None, Some("2023 WL 6213716"), None, None),
        /*  69 */ row(p(16), ID, "*Id.*", None, None, Some("2023 WL 6213716"), None, None),
        /*  70 */ row(p(16), SHORT, "*Walls*, 2022 WL 1004248, at *2", Some("*2"), Some(Citing), Some("2022 WL 1004248"), Some((69, Citing)), None),
        /*  71 */ row(p(16), SHORT, "*Hobley*, 433 F.3d at 949", Some("949"), Some(Citing), Some("433 F.3d 946"), Some((69, Citing)), None),
        /*  72 */ row(p(16), RECORD, "R. 171, CCSAO's Consol. Resp.", None, Some(SeeGenerally), Some("R. 171"), None, Some("CCSAO's Consol. Resp.")),
        /*  73 */ row(p(17), RECORD, "R. 181", None, Some(See), Some("R. 181"), None, None),
        /*  74 */ row(p(17), BATES, "CCSAO_000768", None, None, None, None, Some("CCSAO:768-768")),
        /*  75 */ row(p(17), BATES, "000769", None, None, None, None, Some("CCSAO:769-769")),
        /*  76 */ row(p(17), BATES, "CCSAO_001453-56", None, None, None, None, Some("CCSAO:1453-1456")),
        /*  77 */ row(p(17), BATES, "CCSAO_001457-71", None, None, None, None, Some("CCSAO:1457-1471")),
        /*  78 */ row(p(17), RECORD, "R. 157, Ex. B at 6", Some("6"), Some(See), Some("R. 157"), None, Some("Ex. B")),
        /*  79 */ row(p(17), BATES, "CCSAO_001473-75", None, None, None, None, Some("CCSAO:1473-1475")),
        /*  80 */ row(p(17), BATES, "CCSAO_001487-90", None, None, None, None, Some("CCSAO:1487-1490")),
        /*  81 */ row(p(17), RECORD, "R. 157, Ex. B at 6", Some("6"), Some(SeeAlso), Some("R. 157"), None, Some("Ex. B")),
        /*  82 */ row(p(17), SHORT, "*Webster*, 2018 WL 704693, at *4", Some("*4"), None, Some("2018 WL 704693"), None, None),
        /*  83 */ row(p(18), FULL, "*U.S. Fish & Wildlife Serv. v. Sierra Club*, 592 U.S. 261, 267 (2021)", Some("267"), None, Some("592 U.S. 261"), None, None),
        /*  84 */ row(p(18), LAW, "5 U.S.C. § 552(b)(5)", Some("552(b)(5)"), Some(Citing), Some("5 U.S.C. § 552"), Some((83, Citing)), None),
        /*  85 */ row(p(18), ID, "*Id.*", None, None, Some("592 U.S. 261"), None, None),
        /*  86 */ row(p(18), FULL, "*Nat’l Immigrant Just. Ctr. v. U.S. Dep’t of Just.*, 953 F.3d 503, 508 (7th Cir. 2020)", Some("508"), None, Some("953 F.3d 503"), None, None),
        /*  87 */ row(p(18), ID, "*Id.*", None, None, Some("953 F.3d 503"), None, None),
        /*  88 */ row(p(18), FULL, "*Dep’t of Interior v. Klamath Water Users Prot. Ass’n*, 532 U.S. 1, 8-9 (2001)", Some("8-9"), Some(Citing), Some("532 U.S. 1"), Some((87, Citing)), None),
        /*  89 */ row(p(18), FULL, "*Saunders v. City of Chi.*, No. 12 CV 9158, 2015 WL 4765424, at *9 (N.D. Ill. Aug. 12, 2015)", Some("*9"), None, Some("2015 WL 4765424"), None, None),
        /*  90 */ row(p(23), FULL, "Evans v. City of Chi., 231 F.R.D. 302, 316 (N.D. Ill. 2005)", Some("316"), None, Some("231 F.R.D. 302"), None, None),
        /*  91 */ row(p(23), ID, "*Id.*", None, None, Some("231 F.R.D. 302"), None, None),
        /*  92 */ row(p(25), FULL, "K.L. v. Edgar, 964 F. Supp. 1206, 1209 (N.D. Ill. 1997)", Some("1209"), None, Some("964 F. Supp. 1206"), None, None),
        /*  93 */ row(p(26), RECORD, "R. 171, CCSAO’s Consol. Resp. Ex. 5 ¶¶ 6-7", Some("¶¶ 6-7"), None, Some("R. 171"), None, Some("CCSAO’s Consol. Resp. Ex. 5")),
        /*  94 */ row(p(26), ID, "*Id.* ¶ 8", Some("¶ 8"), None, Some("R. 171"), None, None),
        /*  95 */ row(p(26), ID, "*Id.* ¶ 9", Some("¶ 9"), None, Some("R. 171"), None, None),
        /*  96 */ row(p(26), FULL, "*Gonzalez v. Guevara*, No. 23 CV 14281, 2025 WL 755798, at *4 (N.D. Ill. March 10, 2025)", Some("*4"), None, Some("2025 WL 755798"), None, None),
        /*  97 */ row(p(27), SHORT, "*Evans*, 231 F.R.D. at 316", Some("316"), None, Some("231 F.R.D. 302"), None, None),
        /*  98 */ row(p(27), SHORT, "*K.L.*, 964 F. Supp. at 1208", Some("1208"), None, Some("964 F. Supp. 1206"), None, None),
        /*  99 */ row(p(27), RECORD, "R. 171, CCSAO's Consol. Resp. ¶ 9", Some("¶ 9"), None, Some("R. 171"), None, Some("CCSAO's Consol. Resp.")),
        /* 100 */ row(p(27), SHORT, "Nat'l Immigrant Just. Ctr.*, 953 F.3d at 508", Some("508"), Some(See), Some("953 F.3d 503"), None, None),
        /* 101 */ row(p(28), ID, "id.", None, Some(See), Some("953 F.3d 503"), None, None),
        /* 102 */ row(p(28), BATES, "CCSAO_000768", None, None, None, None, Some("CCSAO:768-768")),
        /* 103 */ row(p(28), BATES, "000769", None, None, None, None, Some("CCSAO:769-769")),
        /* 104 */ row(p(29), FULL, "*Enviro Tech Int'l Inc. v. United States. E.P.A.*, 371 F.3d 370, 374-75 (7th Cir. 2004)", Some("374-75"), None, Some("371 F.3d 370"), None, None),
        /* 105 */ row(p(29), BATES, "CCSAO_001454-62", None, None, None, None, Some("CCSAO:1454-1462")),
        /* 106 */ row(p(29), BATES, "CCSAO_001454", None, None, None, None, Some("CCSAO:1454-1454")),
        /* 107 */ row(p(29), BATES, "CCSAO_001455", None, None, None, None, Some("CCSAO:1455-1455")),
        /* 108 */ row(p(29), BATES, "001464-69", None, None, None, None, Some("CCSAO:1464-1469")),
        /* 109 */ row(p(29), BATES, "CCSAO_001469", None, None, None, None, Some("CCSAO:1469-1469")),
        /* 110 */ row(p(29), BATES, "001473-75", None, None, None, None, Some("CCSAO:1473-1475")),
        /* 111 */ row(p(29), BATES, "001487-90", None, None, None, None, Some("CCSAO:1487-1490")),
        /* 112 */ row(p(30), BATES, "CCSAO_001453-55", None, None, None, None, Some("CCSAO:1453-1455")),
        /* 113 */ row(p(30), BATES, "001454", None, None, None, None, Some("CCSAO:1454-1454")),
        /* 114 */ row(p(30), BATES, "CCSAO_001455", None, None, None, None, Some("CCSAO:1455-1455")),
        /* 115 */ row(p(30), BATES, "001463", None, None, None, None, Some("CCSAO:1463-1463")),
        /* 116 */ row(p(30), BATES, "001469", None, None, None, None, Some("CCSAO:1469-1469")),
        /* 117 */ row(p(30), BATES, "001470", None, None, None, None, Some("CCSAO:1470-1470")),
        /* 118 */ row(p(30), SHORT, "Gonzalez*, 2025 WL 755798, at *2", Some("*2"), Some(See), Some("2025 WL 755798"), None, None),
        /* 119 */ row(p(30), BATES, "CCSSAO_001471", None, None, None, None, Some("CCSSAO:1471-1471")),
        /* 120 */ row(p(30), ID, "id.", None, Some(See), Some("2025 WL 755798"), None, None),
        /* 121 */ row(p(31), SHORT, "*K.L.*, 964 F. Supp. at 1209", Some("1209"), None, Some("964 F. Supp. 1206"), None, None),
        /* 122 */ row(p(31), BATES, "CCSAO_001453-55", None, None, None, None, Some("CCSAO:1453-1455")),
        /* 123 */ row(p(31), BATES, "001463", None, None, None, None, Some("CCSAO:1463-1463")),
        /* 124 */ row(p(31), BATES, "001469", None, None, None, None, Some("CCSAO:1469-1469")),
        /* 125 */ row(p(31), BATES, "001470", None, None, None, None, Some("CCSAO:1470-1470")),
        /* 126 */ row(p(31), BATES, "CCSAO_001453-55", None, None, None, None, Some("CCSAO:1453-1455")),
        /* 127 */ row(p(31), BATES, "001463", None, None, None, None, Some("CCSAO:1463-1463")),
        /* 128 */ row(p(31), BATES, "001469", None, None, None, None, Some("CCSAO:1469-1469")),
        /* 129 */ row(p(31), BATES, "001470", None, None, None, None, Some("CCSAO:1470-1470")),
        /* 130 */ row(p(32), BATES, "CCSSAO_001471", None, None, None, None, Some("CCSSAO:1471-1471")),
        /* 131 */ row(p(32), ID, "id.", None, Some(See), Some("964 F. Supp. 1206"), None, None),
        /* 132 */ row(p(32), SHORT, "*K.L.*, 964 F. Supp. at 1209", Some("1209"), None, Some("964 F. Supp. 1206"), None, None),
        /* 133 */ row(p(32), ID, "*Id.*", None, None, Some("964 F. Supp. 1206"), None, None),
        /* 134 */ row(p(35), BATES, "CCSAO_000768", None, None, None, None, Some("CCSAO:768-768")),
        /* 135 */ row(p(35), BATES, "000769", None, None, None, None, Some("CCSAO:769-769")),
        /* 136 */ row(p(36), BATES, "CCSAO_001453-55", None, None, None, None, Some("CCSAO:1453-1455")),
        /* 137 */ row(p(36), BATES, "001463", None, None, None, None, Some("CCSAO:1463-1463")),
        /* 138 */ row(p(36), BATES, "001469", None, None, None, None, Some("CCSAO:1469-1469")),
        /* 139 */ row(p(36), BATES, "001470", None, None, None, None, Some("CCSAO:1470-1470")),
        /* 140 */ row(p(37), BATES, "CCSAO_001454-62", None, None, None, None, Some("CCSAO:1454-1462")),
        /* 141 */ row(p(37), BATES, "001464-69", None, None, None, None, Some("CCSAO:1464-1469")),
        /* 142 */ row(p(37), BATES, "001473-75", None, None, None, None, Some("CCSAO:1473-1475")),
        /* 143 */ row(p(37), BATES, "001487-90", None, None, None, None, Some("CCSAO:1487-1490")),
        /* 144 */ row(p(38), BATES, "CCSAO_001471", None, None, None, None, Some("CCSAO:1471-1471")),
        /* 145 */ row(p(39), RECORD, "R. 157, Ex. B", None, Some(SeeGenerally), Some("R. 157"), None, Some("Ex. B")),
        /* 146 */ row(p(39), RECORD, "R. 117", None, Some(See), Some("R. 117"), None, None),
        /* 147 */ row(p(39), RECORD, "R. 73", None, Some(SeeAlso), Some("R. 73"), None, None),
        /* 148 */ row(p(39), RECORD, "R. 149", None, Some(SeeAlso), Some("R. 149"), None, None),
        /* 149 */ row(p(40), RECORD, "R. 157, Pl.’s Mot. at 14", Some("14"), None, Some("R. 157"), None, Some("Pl.’s Mot.")),
        /* 150 */ row(p(40), RECORD, "R. 171, CCSAO’s Consol. Resp. at 10-11", Some("10-11"), None, Some("R. 171"), None, Some("CCSAO’s Consol. Resp.")),
        /* 151 */ row(p(40), ID, "Id. at 11", Some("11"), None, Some("R. 171"), None, None),
        /* 152 */ row(p(40), LAW, "725 ILCS § 120/4", None, Some(Citing), Some("725 ILCS 120/4"), Some((151, Citing)), None),
        /* 153 */ row(p(40), LAW, "815 ILCS 530", None, Some(Citing), Some("815 ILCS 530"), Some((151, Citing)), None),
        /* 154 */ row(p(40), DOCKET, "*Cruz v. Guevara*, No. 23 CV 4268, Dkt. No. 147 at 8-11 (N.D. Ill. April 10, 2024)", Some("8-11"), None, Some("No. 23 CV 4268, Dkt. No. 147"), None, None),
        /* 155 */ row(p(40), SHORT, "Gonzalez*, 2025 WL 755798, at *8", Some("*8"), Some(SeeAlso), Some("2025 WL 755798"), None, None),
        /* 156 */ row(p(41), RECORD, "R. 117 ¶ 6", Some("¶ 6"), Some(See), Some("R. 117"), None, None),
        /* 157 */ row(p(41), RECORD, "R. 171, CCSAO’s Consol. Resp at 11", Some("11"), None, Some("R. 171"), None, Some("CCSAO’s Consol. Resp")),
        /* 158 */ row(p(41), RECORD, "R. 117", None, None, Some("R. 117"), None, None),
        /* 159 */ row(p(43), RECORD, "R. 171, CCSAO's Consol. Resp. at 10-11", Some("10-11"), None, Some("R. 171"), None, Some("CCSAO's Consol. Resp.")),
        /* 160 */ row(p(43), RECORD, "R. 157, Pl.'s Mot. at 14", Some("14"), None, Some("R. 157"), None, Some("Pl.'s Mot.")),
        /* 161 */ row(p(44), RECORD, "R. 171, CCSAO's Consol. Resp. at 11-12", Some("11-12"), None, Some("R. 171"), None, Some("CCSAO's Consol. Resp.")),
        /* 162 */ row(p(44), LAW, "20 Ill. Adm. Code 1240.80", None, None, Some("20 Ill. Adm. Code 1240.80"), None, None),
        /* 163 */ row(p(44), RECORD, "R. 171, CCSAO's Consol. Resp. at 12", Some("12"), None, Some("R. 171"), None, Some("CCSAO's Consol. Resp.")),
        /* 164 */ row(p(44), RECORD, "R. 157, Pl.'s Mot.", None, Some(SeeGenerally), Some("R. 157"), None, Some("Pl.'s Mot.")),
        /* 165 */ row(p(44), RECORD, "R. 171, CCSAO's Consol. Resp.", None, Some(SeeGenerally), Some("R. 171"), None, Some("CCSAO's Consol. Resp.")),
        /* 166 */ row(p(44), DOCKET, "*Martinez v. Guevara*, No. 23 CV 1741, Dkt. No. 203 at 10, 13-15 (N.D. Ill. Nov. 15, 2024)", Some("10, 13-15"), None, Some("No. 23 CV 1741, Dkt. No. 203"), None, None),
        /* 167 */ row(p(44), SHORT, "Gonzalez*, 2025 WL 755798, at *5", Some("*5"), Some(SeeAlso), Some("2025 WL 755798"), None, None),
        /* 168 */ row(p(44), DOCKET, "*Cruz*, No. 23 CV 4268, Dkt. No. 147 at 12", Some("12"), Some(SeeAlso), Some("No. 23 CV 4268, Dkt. No. 147"), None, None),
        /* 169 */ row(p(44), FULL, "*Schaeffer v. City of Chi.*, No. 19 CV 7711, 2020 WL 7395217, at *2-3 (N.D. Ill. Dec. 15, 2020)", Some("*2-3"), None, Some("2020 WL 7395217"), None, None),
        /* 170 */ row(p(45), BATES, "CCSAO_001471", None, None, None, None, Some("CCSAO:1471-1471")),
    ]
}

#[test]
fn every_citation_matches_the_hand_checked_list() {
    let got: Vec<Row> = seed().citations.iter().map(actual).collect();
    let want = expected();
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(g, w, "citation {i}");
    }
    assert_eq!(got.len(), want.len());
}

#[test]
fn counts_per_kind() {
    let citations = seed().citations;
    let count = |k: CitationKind| citations.iter().filter(|c| c.kind == k).count();
    let counts: Vec<(CitationKind, usize)> = [FULL, SHORT, ID, LAW, RULE, DOCKET, RECORD, BATES]
        .into_iter()
        .map(|k| (k, count(k)))
        .collect();
    assert_eq!(
        counts,
        [
            (FULL, 22),
            (SHORT, 16),
            (ID, 26),
            (LAW, 4),
            (RULE, 9),
            (DOCKET, 3),
            (RECORD, 45),
            (BATES, 46)
        ]
    );
}

/// The 26 `Id.`s of the opinion (`\bid\.`, any case) and what each names.
#[test]
fn every_id_resolves_to_its_antecedent() {
    let citations = seed().citations;
    let ids: Vec<&Citation> = citations.iter().filter(|c| c.kind == ID).collect();
    let want = [
        "R. 160",
        "R. 160",
        "R. 157",
        "R. 157",
        "R. 157",
        "Fed. R. Civ. P. 45",
        "Fed. R. Civ. P. 45",
        "R. 157",
        "R. 157",
        "R. 171",
        "433 F.3d 946",
        "2018 WL 704693",
        "2018 WL 704693",
        "2023 WL 6213716",
        "2023 WL 6213716",
        "2023 WL 6213716",
        "592 U.S. 261",
        "953 F.3d 503",
        "231 F.R.D. 302",
        "R. 171",
        "R. 171",
        "953 F.3d 503",
        "2025 WL 755798",
        "964 F. Supp. 1206",
        "964 F. Supp. 1206",
        "R. 171",
    ];
    let got: Vec<Option<&str>> = ids.iter().map(|c| c.authority.as_deref()).collect();
    assert_eq!(got, want.map(Some));
    let in_text = SEED
        .to_lowercase()
        .match_indices("id.")
        .filter(|(i, _)| {
            SEED[..*i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        })
        .count();
    assert_eq!(in_text, 26);
    for id in ids {
        let target = id.resolved_to.map(|t| &citations[t]);
        assert!(
            target.is_some_and(|t| t.kind != ID && t.nested.is_none()),
            "{id:?}"
        );
    }
}

/// Names, dockets, courts and dates of the full case and docket-entry cites.
#[test]
fn full_citation_details() {
    type Detail = (
        &'static str,
        &'static str,
        Option<&'static str>,
        &'static str,
        i32,
        Option<&'static str>,
    );
    #[rustfmt::skip]
    let want: [Detail; 24] = [
        ("Gaines", "Chi. Bd. of Educ.", Some("No. 19 CV 775"), "ilnd", 2022, Some("April 29, 2022")),
        ("Walls", "Vasselli", Some("No. 19 CV 06468"), "ilnd", 2022, Some("April 4, 2022")),
        ("RBS Citizens, N.A.", "Husain", None, "ilnd", 2013, None),
        ("Urb. 8 Fox Lake Corp.", "Nationwide Affordable Hous. Fund 4, LLC", None, "ilnd", 2020, None),
        ("Mem'l Hosp. for McHenry Cnty.", "Shadur", None, "ca7", 1981, None),
        ("Surgery Ctr. at 900 N. Mich. Ave., LLC", "Am. Physicians Assurance Corp.", None, "ilnd", 2016, None),
        ("Belcastro", "United Airlines, Inc.", Some("No. 17 CV 1682"), "ilnd", 2019, Some("April 17, 2019")),
        ("Binks Mfg. Co.", "Nat’l Presto Indus., Inc.", None, "ca7", 1983, None),
        ("Sandra T.E.", "S. Berwyn Sch. Dist. 100", None, "ca7", 2010, None),
        ("Hobley", "Burge", None, "ca7", 2006, None),
        ("Webster Bank N.A.", "Pierce & Associates", Some("No. 16 CV 2522"), "ilnd", 2018, Some("Feb. 5, 2018")),
        ("Williams", "City of Chicago", Some("No. 22 CV 3773"), "ilnd", 2023, Some("Sept. 25, 2023")),
        ("Hill", "City of Chi.", Some("No. 13 CV 4847"), "ilnd", 2015, Some("May 28, 2015")),
        ("U.S. Fish & Wildlife Serv.", "Sierra Club", None, "scotus", 2021, None),
        ("Nat’l Immigrant Just. Ctr.", "U.S. Dep’t of Just.", None, "ca7", 2020, None),
        ("Dep’t of Interior", "Klamath Water Users Prot. Ass’n", None, "scotus", 2001, None),
        ("Saunders", "City of Chi.", Some("No. 12 CV 9158"), "ilnd", 2015, Some("Aug. 12, 2015")),
        ("Evans", "City of Chi.", None, "ilnd", 2005, None),
        ("K.L.", "Edgar", None, "ilnd", 1997, None),
        ("Gonzalez", "Guevara", Some("No. 23 CV 14281"), "ilnd", 2025, Some("March 10, 2025")),
        ("Enviro Tech Int'l Inc.", "United States. E.P.A.", None, "ca7", 2004, None),
        ("Cruz", "Guevara", Some("No. 23 CV 4268"), "ilnd", 2024, Some("April 10, 2024")),
        ("Martinez", "Guevara", Some("No. 23 CV 1741"), "ilnd", 2024, Some("Nov. 15, 2024")),
        ("Schaeffer", "City of Chi.", Some("No. 19 CV 7711"), "ilnd", 2020, Some("Dec. 15, 2020")),
    ];
    let citations = seed().citations;
    let full = citations
        .iter()
        .filter(|c| c.kind == FULL || (c.kind == DOCKET && c.short_name.is_none()));
    let got: Vec<Detail> = full
        .map(|c| {
            (
                leak(c.plaintiff.as_deref().unwrap_or("")),
                leak(c.defendant.as_deref().unwrap_or("")),
                c.docket_number.as_deref().map(leak),
                leak(c.court.as_deref().unwrap_or("")),
                c.year.unwrap_or(0),
                c.date.as_deref().map(leak),
            )
        })
        .collect();
    assert_eq!(got, want);
}

#[test]
fn short_forms_resolve_to_their_full_cites() {
    let citations = seed().citations;
    for c in citations
        .iter()
        .filter(|c| c.kind == SHORT || c.short_name.is_some())
    {
        let target = c.resolved_to.map(|t| &citations[t]);
        let full = target.is_some_and(|t| t.kind == FULL || t.kind == DOCKET);
        assert!(full, "{} has no full antecedent", c.matched_text);
    }
}

#[test]
fn propositions() {
    let citations = seed().citations;
    let of = |prefix: &str| {
        citations
            .iter()
            .find(|c| c.matched_text.starts_with(prefix))
            .and_then(|c| c.proposition.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        of("R. 62"),
        "The State of Illinois moved to dismiss charges against Plaintiff in the underlying criminal action (“Underlying Action”) in August 2022 and awarded him a certificate of innocence in March 2023."
    );
    assert!(
        of("*Gaines").starts_with("Whether to enforce a subpoena is a “case-specific inquiry”")
    );
    assert!(of("*Sandra T.E.").starts_with("The WP doctrine protects two types of work"));
    assert!(of("Evans v.").starts_with(
        "As such, to withhold subpoenaed documents based on the Privilege: (1) the department head"
    ));
    assert!(
        of("Evans v.")
            .ends_with("(3) the official must specifically identify and describe the documents.")
    );
    assert!(of("K.L. v.").starts_with("To determine whether a particularized need exists, the court balances the requesting party’s: need for disclosure"));
    assert!(of("CCSAO_000768").starts_with("The first consists of an email thread"));
    assert!(of("*Schaeffer").starts_with("Simply put, because"));
}

#[test]
fn spans_index_the_original() {
    let e = seed();
    let mut last = 0;
    for c in &e.citations {
        assert_eq!(&SEED[c.span.start..c.span.end], c.matched_text);
        assert!(c.span.start >= last, "out of order: {}", c.matched_text);
        last = c.span.start;
    }
    let gaines = e
        .citations
        .iter()
        .find(|c| c.plaintiff.as_deref() == Some("Gaines"));
    assert!(gaines.is_some_and(|c| c.matched_text.contains("Educ.*,\n\nNo. 19 CV 775")));
}

#[test]
fn footnotes_and_sections() {
    let e = seed();
    let notes: Vec<(Option<u32>, u32, Option<&str>)> = e
        .citations
        .iter()
        .filter(|c| c.location.footnote.is_some())
        .map(|c| {
            (
                c.location.footnote,
                c.location.paragraph,
                c.location.section.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        notes,
        [
            (Some(1), 7, Some("A. Privilege Log")),
            (Some(2), 12, Some("B. WP & Privilege Objections")),
            (Some(3), 12, Some("B. WP & Privilege Objections")),
        ]
    );
    let leads = e
        .citations
        .iter()
        .find(|c| c.kind == LAW && c.law_kind.as_deref() == Some("regulation"));
    assert_eq!(
        leads.and_then(|c| c.location.section.as_deref()),
        Some("2. LEADS Data")
    );
}
