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

#[derive(Deserialize)]
struct HelpFile {
    verb: Vec<VerbHelp>,
}

static VERBS: LazyLock<Vec<VerbHelp>> = LazyLock::new(|| {
    // The file is compiled in and checked by a unit test, so a failure here
    // is a build defect, not a user's.
    toml::from_str::<HelpFile>(include_str!("../../data/help.toml"))
        .map(|f| f.verb)
        .unwrap_or_default()
});

/// Every verb's help, in the order `help` lists them.
pub fn verbs() -> &'static [VerbHelp] {
    &VERBS
}

/// The help of the verb `topic` names (`authorities` finds `authorities for`).
pub fn verb(topic: &str) -> Option<&'static VerbHelp> {
    let topic = topic.trim().to_lowercase();
    verbs()
        .iter()
        .find(|v| v.verb == topic || v.verb.split_whitespace().next() == Some(topic.as_str()))
}

/// The answer to `help` or `help <topic>`; `None` when the topic is no verb.
pub fn help(topic: Option<&str>) -> Option<Answer> {
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
        assert_eq!(
            names,
            [
                "show",
                "authorities for",
                "cited-by",
                "cites",
                "rulings",
                "doctrines",
                "help"
            ]
        );
        assert!(verbs().iter().all(|v| !v.examples.is_empty()));
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
