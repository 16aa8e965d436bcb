//! How the cleaner reads the seed opinion's layout: its headings and
//! caption, paragraphs rejoined across page breaks and footnotes, footnotes
//! hanging from the paragraph that marks them, and table rows.

use lexgraph::cite::clean::{Block, BlockKind, Document};

const SEED: &str = include_str!("../../data/opinions/munoz-v-guevara.txt");

fn texts(doc: &Document, text: &str, kind: BlockKind) -> Vec<String> {
    doc.blocks
        .iter()
        .filter(|b| b.kind == kind)
        .map(|b| doc.text_of(b, text))
        .collect()
}

#[test]
fn headings_and_caption() {
    let doc = Document::parse(SEED);
    let headings = texts(&doc, SEED, BlockKind::Heading);
    assert_eq!(
        headings,
        [
            "Background",
            "Analysis",
            "A. Privilege Log",
            "B. WP & Privilege Objections",
            "1. WP Doctrine",
            "2. Privilege",
            "C. Non-Privilege Objections",
            "1. PII",
            "2. LEADS Data",
            "Conclusion"
        ]
    );
    let captions = texts(&doc, SEED, BlockKind::Caption);
    assert!(captions.iter().any(|c| c == "MEMORANDUM OPINION and ORDER"));
    assert!(captions.iter().any(|c| c == "ENTER:"));
    assert!(captions.iter().any(|c| c.starts_with("Young B. Kim")));
    let first = doc.blocks.iter().find(|b| b.kind == BlockKind::Paragraph);
    assert_eq!(first.map(|b| b.paragraph), Some(1));
}

#[test]
fn page_breaks_are_rejoined_across_footnotes() {
    let doc = Document::parse(SEED);
    let paragraphs = texts(&doc, SEED, BlockKind::Paragraph);
    let find = |needle: &str| paragraphs.iter().find(|p| p.contains(needle));
    assert!(find("except that CCSAO may redact PII").is_some());
    assert!(find("*Gaines v. Chi. Bd. of Educ.*, No. 19 CV 775").is_some());
    assert!(find("*see also* Belcastro v. United Airlines").is_some());
    assert!(find("thought processes and mental impressions").is_some());
    assert!(find("relevance of such information. (See generally R. 171").is_some());
    assert!(find("regarding CCSAO's assertion of the Privilege").is_some());
    // A block quote introduced by a colon stays its own paragraph.
    assert!(
        paragraphs
            .iter()
            .any(|p| p.starts_with("need for disclosure against"))
    );
    assert!(paragraphs.iter().any(|p| p.starts_with("K.L. v. Edgar")));
}

#[test]
fn footnotes_hang_from_their_marker_paragraph() {
    let doc = Document::parse(SEED);
    let notes: Vec<&Block> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Footnote)
        .collect();
    assert_eq!(
        notes.iter().map(|b| b.footnote).collect::<Vec<_>>(),
        (1..=5).map(Some).collect::<Vec<_>>()
    );
    let para_of = |needle: &str| {
        doc.blocks
            .iter()
            .find(|b| b.kind == BlockKind::Paragraph && doc.text_of(b, SEED).contains(needle))
            .map(|b| b.paragraph)
    };
    assert_eq!(
        Some(notes[0].paragraph),
        para_of("timely produce its Privilege Log")
    );
    assert_eq!(
        Some(notes[1].paragraph),
        para_of("the court nonetheless ordered CCSAO")
    );
    assert_eq!(
        Some(notes[2].paragraph),
        para_of("the court nonetheless ordered CCSAO")
    );
    assert_eq!(
        Some(notes[4].paragraph),
        para_of("The five sets of documents")
    );
    assert_eq!(notes[0].section.as_deref(), Some("A. Privilege Log"));
}

#[test]
fn rows_are_paragraphs_of_their_own() {
    let doc = Document::parse(SEED);
    let paragraphs = texts(&doc, SEED, BlockKind::Paragraph);
    assert!(paragraphs.iter().any(|p| p == "Documents\tRuling"));
    assert!(
        paragraphs
            .iter()
            .any(|p| p.starts_with("CCSAO_001471\tThis document"))
    );
    assert!(
        paragraphs
            .iter()
            .any(|p| p.starts_with("- (2) the responsible official"))
    );
}
