//! Full-text search on the seed opinion, split into passages the simple way,
//! beside a made-up older opinion of another court: the hits a lawyer would
//! expect for the seed's own questions, field restrictions read from its
//! metadata, and an index kept on disk.

use std::cell::Cell;
use std::path::Path;
use std::sync::OnceLock;

use lexgraph::search::{Error, Hit, Index, PassageKind};
use proptest::prelude::*;

/// The seed opinion plus a short older opinion of another court.
fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut passages = seed::passages();
        passages.extend(seed::older());
        match Index::in_memory(passages) {
            Ok(index) => index,
            Err(e) => panic!("cannot index the seed: {e}"),
        }
    })
}

fn hits(query: &str) -> Vec<Hit> {
    match index().search(query, 100) {
        Ok(hits) => hits,
        Err(e) => panic!("{query}: {e}"),
    }
}

fn texts(query: &str) -> Vec<String> {
    hits(query).into_iter().map(|h| h.passage.text).collect()
}

#[test]
fn prosecutor_same_sentence_as_civil_finds_williams() {
    let hits = hits("prosecutor /s civil");
    assert!(!hits.is_empty());
    assert!(
        hits[0].passage.text.contains("Williams v. City of Chicago"),
        "{:#?}",
        hits[0]
    );
    assert!(
        hits[0].snippet.contains("[[prosecutor's]]"),
        "{}",
        hits[0].snippet
    );
    assert!(
        hits[0]
            .passage
            .authorities
            .iter()
            .any(|a| a == "Williams v. City of Chicago")
    );
    assert_eq!(hits[0].passage.section.as_deref(), Some("1. WP Doctrine"));
}

#[test]
fn a_phrase_finds_enviro_tech() {
    let hits = hits("\"inextricably intertwined\"");
    assert!(
        hits.iter()
            .any(|h| h.passage.text.contains("Enviro Tech Int'l Inc."))
    );
    assert!(
        hits.iter()
            .all(|h| h.snippet.contains("[[inextricably intertwined]]"))
    );
}

#[test]
fn privilege_and_waiver_in_one_paragraph_finds_the_privilege_log_discussion() {
    let texts = texts("privilege! /p waive!");
    assert!(texts.iter().any(|t| t.contains("Surgery Ctr.")));
    assert!(texts.iter().any(|t| t.contains("waived any protection")));
    assert!(texts.iter().all(|t| t.to_lowercase().contains("waive")));
}

#[test]
fn but_not_excludes_passages() {
    let with = texts("privilege!");
    let without = texts("privilege % waive!");
    assert!(!without.is_empty() && without.len() < with.len());
    assert!(without.iter().all(|t| !t.to_lowercase().contains("waive")));
    assert!(
        without
            .iter()
            .all(|t| t.to_lowercase().contains("privilege"))
    );
}

#[test]
fn root_and_character_expanders_find_every_form() {
    let texts = texts("withh*ld");
    assert!(texts.iter().any(|t| t.contains("withheld")));
    assert!(texts.iter().any(|t| t.contains("withhold")));
    let hits = hits("privilege!");
    let snippets = hits.iter().map(|h| h.snippet.as_str()).collect::<String>();
    for form in [
        "[[privilege]]",
        "[[privileged]]",
        "[[privileges]]",
        "[[Privilege]]",
    ] {
        assert!(snippets.contains(form), "{form}");
    }
}

#[test]
fn a_small_limit_gives_the_best_hits_of_a_large_one() {
    for query in [
        "privilege /s waive!",
        "privilege! /p court",
        "\"privilege! log\"",
        "court % waive!",
    ] {
        let all = hits(query);
        assert!(all.len() > 3, "{query}");
        let few = match index().search(query, 3) {
            Ok(hits) => hits,
            Err(e) => panic!("{query}: {e}"),
        };
        let scores = |hits: &[Hit]| hits.iter().map(|h| h.score).collect::<Vec<_>>();
        assert_eq!(scores(&few), scores(&all[..3]), "{query}");
        assert!(
            few.iter().all(|f| all
                .iter()
                .any(|a| a.score == f.score && a.passage == f.passage)),
            "{query}"
        );
    }
}

/// The day after `year-month-day`: a bound just past the seed's date
/// whatever day of the month it is.
fn day_after(year: u32, month: u32, day: u32) -> (u32, u32, u32) {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let length = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    match (day < length, month < 12) {
        (true, _) => (year, month, day + 1),
        (false, true) => (year, month + 1, 1),
        (false, false) => (year + 1, 1, 1),
    }
}

#[test]
fn the_day_after_crosses_months_years_and_leap_days() {
    assert_eq!(day_after(2025, 4, 7), (2025, 4, 8));
    assert_eq!(day_after(2025, 4, 30), (2025, 5, 1));
    assert_eq!(day_after(2024, 2, 28), (2024, 2, 29));
    assert_eq!(day_after(2025, 2, 28), (2025, 3, 1));
    assert_eq!(day_after(2025, 12, 31), (2026, 1, 1));
}

#[test]
fn field_restrictions_filter_by_metadata() {
    let opinions = |query: &str| {
        let mut opinions: Vec<String> =
            hits(query).into_iter().map(|h| h.passage.opinion).collect();
        opinions.dedup();
        opinions
    };
    // The seed's facts come from its metadata and passages in `data/`.
    let seed = seed::meta();
    let id = [seed.id.as_str()];
    let court = seed.court_id.as_deref().unwrap_or_default();
    let date = seed.date.as_deref().unwrap_or_default();
    let day: Vec<u32> = date.split('-').filter_map(|n| n.parse().ok()).collect();
    let &[year, month, day] = day.as_slice() else {
        panic!("the seed's date {date:?} is YYYY-MM-DD");
    };
    assert_eq!(opinions(&format!("privilege & court({court})")), id);
    assert_eq!(opinions("privilege & court(ca7)"), ["doe-v-roe"]);
    assert_eq!(opinions("privilege & date(> 2020)"), id);
    assert_eq!(opinions("privilege & date(2006)"), ["doe-v-roe"]);
    let (next_year, next_month, next_day) = day_after(year, month, day);
    let next = format!("{next_year:04}-{next_month:02}-{next_day:02}");
    assert_eq!(
        opinions(&format!("privilege & date(>= {date} & < {next})")),
        id
    );
    assert_eq!(
        opinions(&format!("privilege & date(aft {month}/{day}/{year})")),
        Vec::<String>::new()
    );
    assert_eq!(opinions("ti(roe)"), ["doe-v-roe"]);
    let title = seed.case_name.to_lowercase().replace('.', "");
    assert_eq!(opinions(&format!("privilege & ti(\"{title}\")")), id);
    let last = title.split(' ').next_back().unwrap_or_default();
    let prefix: String = last.chars().take(4).collect();
    assert_eq!(opinions(&format!("ti({prefix}!) or court(ca7)")).len(), 2);
    let footnotes = hits("waive! & kind(footnote)");
    assert!(!footnotes.is_empty());
    assert!(
        footnotes
            .iter()
            .all(|h| h.passage.kind == PassageKind::Footnote && h.passage.footnote.is_some())
    );
    // The first authority the seed cites, by the first word of its name.
    let cited = seed::passages()
        .into_iter()
        .find_map(|p| p.authorities.into_iter().next())
        .unwrap_or_default();
    let name = cited.split(' ').next().unwrap_or_default().to_string();
    let citing = hits(&format!("cites({})", name.to_lowercase()));
    assert!(!citing.is_empty(), "{name}");
    assert!(
        citing
            .iter()
            .all(|h| h.passage.authorities.iter().any(|a| a.contains(&name)))
    );
}

#[test]
fn natural_language_ranks_the_most_telling_passage_first() {
    let hits = hits("prosecutor's files not work product in a later civil action");
    assert!(hits.len() > 10);
    assert!(
        hits[0].passage.text.contains("Williams v. City of Chicago"),
        "{:#?}",
        hits[0]
    );
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn an_unparseable_query_is_a_syntax_error_with_its_column() {
    for (query, column) in [("privilege /s", 13), ("\"unclosed", 1), ("court(", 7)] {
        match index().search(query, 10) {
            Err(Error::Syntax {
                column: c,
                expected,
                ..
            }) => {
                assert_eq!(c, column, "{query}");
                assert!(expected.starts_with("expected"), "{expected}");
            }
            other => panic!("{query}: {other:?}"),
        }
    }
}

#[test]
fn the_limit_caps_the_hits_and_zero_finds_nothing() {
    assert_eq!(
        index().search("privilege", 3).map(|h| h.len()).ok(),
        Some(3)
    );
    assert_eq!(
        index().search("privilege", 0).map(|h| h.len()).ok(),
        Some(0)
    );
    assert!(index().search("privilege", usize::MAX).is_ok());
}

fn open(dir: &Path, fingerprint: &str, builds: &Cell<u32>) -> Index {
    let opened = Index::open_or_build(dir, fingerprint, || {
        builds.set(builds.get() + 1);
        seed::passages()
    });
    match opened {
        Ok(index) => index,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn an_index_on_disk_is_reused_until_the_corpus_changes() {
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(e) => panic!("{e}"),
    };
    let builds = Cell::new(0);
    let first = open(dir.path(), "v1", &builds);
    assert_eq!(builds.get(), 1);
    let reopened = open(dir.path(), "v1", &builds);
    assert_eq!(builds.get(), 1, "reopening must not rebuild");
    assert_eq!(first.passage_count(), reopened.passage_count());
    assert!(
        reopened
            .search("prosecutor /s civil", 5)
            .is_ok_and(|h| !h.is_empty())
    );
    open(dir.path(), "v2", &builds);
    assert_eq!(builds.get(), 2, "another fingerprint rebuilds");
    open(dir.path(), "v2", &builds);
    assert_eq!(builds.get(), 2);
}

proptest! {
    #[test]
    fn any_query_gives_hits_or_an_error_never_a_panic(query in "\\PC{0,30}") {
        let _ = index().search(&query, 5);
    }

    #[test]
    fn any_operator_soup_gives_hits_or_an_error(
        query in "(privilege|waive|civil|prosecutor|[a-z]{1,3})[!*]?( (or|&|%|/s|/p|\\+s|/[0-9]{1,3}|\\+[0-9]{1,2}|\\(|\\)|\"|court\\(ilnd\\)|date\\(> 2020\\)) (privilege|waive!|civil|pro*ecutor|[a-z]{1,3}))*"
    ) {
        let _ = index().search(&query, 5);
    }
}

/// Passages for these tests: the seed opinion split the simple way, a
/// made-up older opinion of another court, and one-line paragraphs. The
/// real passages come from ingest.
mod seed {
    use lexgraph::search::{Passage, PassageKind};
    use regex::Regex;

    const SEED: &str = include_str!("../../data/opinions/munoz-v-guevara.txt");
    const SEED_META: &str = include_str!("../../data/opinions/munoz-v-guevara.toml");

    /// The seed opinion: chunks between blank lines, `*` emphasis stripped,
    /// headings taken as sections, `¹`-led chunks as footnotes. A chunk that
    /// starts in lowercase, or follows one that ends mid-sentence, continues
    /// the paragraph a page break cut (a quotation that runs over a page break is one).
    pub(super) fn passages() -> Vec<Passage> {
        let star_page = Regex::new(r"\*(\d)").expect("a valid pattern");
        let meta = meta();
        let mut passages: Vec<Passage> = Vec::new();
        let mut section = None;
        let mut paragraphs = 0;
        for chunk in SEED.split("\n\n").map(str::trim).filter(|c| !c.is_empty()) {
            // `at *3` is a star page, not emphasis.
            let chunk = star_page.replace_all(chunk, "$1");
            let authorities = cited(&chunk);
            let text = chunk.replace('*', "");
            if is_heading(&text) {
                section = Some(text);
                continue;
            }
            if let Some((number, body)) = footnote(&text) {
                passages.push(Passage {
                    footnote: Some(number),
                    kind: PassageKind::Footnote,
                    section: section.clone(),
                    authorities,
                    ..seed_passage(&meta, paragraphs, body)
                });
                continue;
            }
            match passages
                .iter_mut()
                .rev()
                .find(|p| p.kind == PassageKind::Paragraph)
            {
                Some(last) if continues(&last.text, &text) => {
                    last.text.push(' ');
                    last.text.push_str(&text);
                    last.authorities.extend(authorities);
                }
                _ => {
                    paragraphs += 1;
                    passages.push(Passage {
                        section: section.clone(),
                        authorities,
                        ..seed_passage(&meta, paragraphs, text)
                    });
                }
            }
        }
        passages
    }

    /// Two paragraphs of a made-up 2006 Seventh Circuit opinion.
    pub(super) fn older() -> Vec<Passage> {
        let texts = [
            "Courts have held that the work product privilege endures after the proceedings end.",
            "A privilege claim is tested under the normal procedures for attorney work product.",
        ];
        (1..)
            .zip(texts)
            .map(|(paragraph, text)| Passage {
                opinion: "doe-v-roe".to_string(),
                case_name: "Doe v. Roe".to_string(),
                court: Some("ca7".to_string()),
                date: Some("2006-01-04".to_string()),
                section: None,
                paragraph,
                footnote: None,
                kind: PassageKind::Paragraph,
                text: text.to_string(),
                authorities: Vec::new(),
            })
            .collect()
    }

    /// What the seed's metadata file (`data/opinions/*.toml`) says of it that
    /// a passage carries.
    #[derive(serde::Deserialize)]
    pub(super) struct SeedMeta {
        pub(super) id: String,
        pub(super) case_name: String,
        pub(super) court_id: Option<String>,
        pub(super) date: Option<String>,
    }

    /// The seed's metadata, read from `data/`.
    pub(super) fn meta() -> SeedMeta {
        toml::from_str(SEED_META).expect("the bundled seed metadata parses")
    }

    /// Paragraph `paragraph` of the seed, described by `meta`, holding `text`.
    fn seed_passage(meta: &SeedMeta, paragraph: u32, text: String) -> Passage {
        Passage {
            opinion: meta.id.clone(),
            case_name: meta.case_name.clone(),
            court: meta.court_id.clone(),
            date: meta.date.clone(),
            section: None,
            paragraph,
            footnote: None,
            kind: PassageKind::Paragraph,
            text,
            authorities: Vec::new(),
        }
    }

    /// Case names in italics: `*Abbott v. Baker*`.
    fn cited(chunk: &str) -> Vec<String> {
        chunk
            .split('*')
            .skip(1)
            .step_by(2)
            .filter(|italic| italic.contains(" v. "))
            .map(|name| {
                name.trim_start_matches("See ")
                    .trim_start_matches("see also ")
                    .to_string()
            })
            .collect()
    }

    fn is_heading(text: &str) -> bool {
        !text.contains('\n')
            && text.chars().count() <= 40
            && !text.ends_with(['.', ',', ';', ':'])
            && text.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
    }

    /// `¹ In its Privilege Log…` → (1, `In its Privilege Log…`).
    fn footnote(text: &str) -> Option<(u32, String)> {
        const SUPERSCRIPTS: &str = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        let digits: String = text
            .chars()
            .map_while(|c| SUPERSCRIPTS.chars().position(|s| s == c))
            .map(|d| char::from(b'0' + u8::try_from(d).unwrap_or(0)))
            .collect();
        let number = digits.parse().ok()?;
        let body = text.chars().skip(digits.len()).collect::<String>();
        Some((number, body.trim().to_string()))
    }

    fn continues(previous: &str, next: &str) -> bool {
        let ended = previous.ends_with(['.', '?', '!', ':', '"', '”', ')', ']']);
        !ended || next.starts_with(char::is_lowercase)
    }
}
