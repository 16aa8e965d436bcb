//! Passages for tests: the seed opinion split the simple way, a made-up
//! older opinion of another court, and one-line paragraphs. Tests only; the
//! real passages come from ingest.

use regex::Regex;

use super::{Passage, PassageKind};

const SEED: &str = include_str!("../../data/opinions/munoz-v-guevara.txt");
const SEED_META: &str = include_str!("../../data/opinions/munoz-v-guevara.toml");

/// The seed opinion: chunks between blank lines, `*` emphasis stripped,
/// headings taken as sections, `¹`-led chunks as footnotes. A chunk that
/// starts in lowercase, or follows one that ends mid-sentence, continues
/// the paragraph a page break cut (a quotation that runs over a page break is one).
pub(crate) fn passages() -> Vec<Passage> {
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
pub(crate) fn older() -> Vec<Passage> {
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

/// Paragraph `index + 1` of a made-up opinion, holding `text`.
pub(crate) fn paragraph(index: usize, text: &str) -> Passage {
    Passage {
        opinion: "test".to_string(),
        case_name: "Test v. Case".to_string(),
        paragraph: u32::try_from(index + 1).expect("a small test"),
        ..seed_passage(&meta(), 0, text.to_string())
    }
}

/// What the seed's metadata file (`data/opinions/*.toml`) says of it that
/// a passage carries.
#[derive(serde::Deserialize)]
pub(crate) struct SeedMeta {
    pub(crate) id: String,
    pub(crate) case_name: String,
    pub(crate) court_id: Option<String>,
    pub(crate) date: Option<String>,
}

/// The seed's metadata, read from `data/`.
pub(crate) fn meta() -> SeedMeta {
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
