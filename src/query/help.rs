//! `help`: the verbs of the language, each with usage and worked examples.
//! The text is data (`data/help.toml`) because its examples name cases of
//! the bundled corpus.

use std::sync::LazyLock;

use serde::Deserialize;

use super::answer::{Answer, Cell, Section};

/// Help for one verb.
#[derive(Debug, Clone, Deserialize)]
pub struct VerbHelp {
    /// The verb as typed (`authorities for`).
    pub verb: String,
    /// Its arguments.
    pub usage: String,
    /// What it answers.
    pub summary: String,
    /// Queries that work on the bundled corpus.
    pub examples: Vec<String>,
}

impl VerbHelp {
    /// Whether this is a pipeline stage (`… | where`) rather than a verb.
    pub fn is_stage(&self) -> bool {
        self.usage.starts_with('…')
    }
}

/// An example of one search operator.
#[derive(Debug, Clone, Deserialize)]
pub struct OperatorExample {
    /// The operator's syntax, as `search::OPERATORS` writes it.
    pub syntax: String,
    /// A search that uses it and finds something in the bundled corpus.
    pub example: String,
}

#[derive(Deserialize)]
struct HelpFile {
    verb: Vec<VerbHelp>,
    operator: Vec<OperatorExample>,
}

static HELP: LazyLock<HelpFile> = LazyLock::new(|| {
    // The file is compiled in and checked by a unit test, so a failure here
    // is a build defect, not a user's.
    toml::from_str::<HelpFile>(include_str!("../../data/help.toml")).unwrap_or(HelpFile {
        verb: Vec::new(),
        operator: Vec::new(),
    })
});

/// Every verb's help, in the order `help` lists them.
pub fn verbs() -> &'static [VerbHelp] {
    &HELP.verb
}

/// An example for each search operator.
pub fn operator_examples() -> &'static [OperatorExample] {
    &HELP.operator
}

/// The search operators with their meaning and an example, for `help search`.
fn operators() -> Section<'static> {
    let mut section = Section::new(
        "operators",
        "Search operators",
        &["operator", "meaning", "example"],
    );
    for op in crate::search::OPERATORS {
        let example = operator_examples()
            .iter()
            .find(|e| e.syntax == op.syntax)
            .map(|e| format!("search {}", e.example));
        section.push(vec![
            Cell::from(op.syntax),
            Cell::from(op.meaning),
            Cell::from(example),
        ]);
    }
    section
}

/// The help of the verb `topic` names (`authorities` finds `authorities for`).
pub fn verb(topic: &str) -> Option<&'static VerbHelp> {
    let topic = topic.trim().to_lowercase();
    verbs()
        .iter()
        .find(|v| v.verb == topic || v.verb.split_whitespace().next() == Some(topic.as_str()))
}

/// The answer to `help` or `help <topic>`; `None` when the topic is no verb.
pub fn help(topic: Option<&str>) -> Option<Answer<'static>> {
    let mut answer = Answer::default();
    match topic {
        None => {
            answer.text.push(
                "lexgraph answers questions about court opinions, their citations, doctrines and rulings."
                    .to_string(),
            );
            answer
                .text
                .push("Type a query below; `help <verb>` explains one verb.".to_string());
            let mut table =
                Section::new("verbs", "Verbs", &["usage", "what_it_answers", "example"]);
            for v in verbs() {
                table.push(vec![
                    Cell::from(v.usage.as_str()),
                    Cell::from(v.summary.as_str()),
                    Cell::from(v.examples.first().map(String::as_str)),
                ]);
            }
            answer.sections.push(table);
        }
        Some(topic) => {
            let v = verb(topic)?;
            answer.text.push(format!("{} — {}", v.usage, v.summary));
            if v.verb == "search" {
                answer.text.push(format!(
                    "Order of processing: {}.",
                    crate::search::PRECEDENCE
                ));
                answer.sections.push(operators());
            }
            let mut examples = Section::new("examples", "Examples", &["example"]);
            for e in &v.examples {
                examples.push(vec![Cell::from(e.as_str())]);
            }
            answer.sections.push(examples);
        }
    }
    Some(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_file_lists_every_verb() {
        let names: Vec<&str> = verbs().iter().map(|v| v.verb.as_str()).collect();
        for verb in [
            "show",
            "authorities for",
            "cited-by",
            "cites",
            "path",
            "neighbors",
            "rulings",
            "doctrines",
            "doctrine",
            "cite",
            "toa",
            "find",
            "count",
            "search",
            "explain",
            "where",
            "sort",
            "limit",
            "select",
            "help",
        ] {
            assert!(names.contains(&verb), "{verb} has no help");
        }
        assert!(verbs().iter().all(|v| !v.examples.is_empty()));
    }

    #[test]
    fn every_search_operator_has_an_example_and_no_example_is_orphaned() {
        for op in crate::search::OPERATORS {
            assert!(
                operator_examples().iter().any(|e| e.syntax == op.syntax),
                "no example for {}",
                op.syntax
            );
        }
        for e in operator_examples() {
            assert!(
                crate::search::OPERATORS
                    .iter()
                    .any(|op| op.syntax == e.syntax),
                "{}",
                e.syntax
            );
            assert!(crate::search::parse(&e.example).is_ok(), "{}", e.example);
        }
    }

    #[test]
    fn a_topic_finds_its_verb_by_first_word() {
        assert_eq!(
            verb("authorities").map(|v| v.verb.as_str()),
            Some("authorities for")
        );
        assert!(verb("nonsense").is_none());
    }
}
