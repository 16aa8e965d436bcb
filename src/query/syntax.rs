//! The only file that sees pest: query text → [`Query`], or a [`ParseError`]
//! that says where the text went wrong and what was expected, in words.

use pest::Parser;
use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::Pair;
use pest_derive::Parser;
use thiserror::Error;

use super::ast::{AuthorityRef, Comparison, Condition, Query, RulingFilter};

#[derive(Parser)]
#[grammar = "../grammar/query.pest"]
struct QueryParser;

/// A query that does not parse.
///
/// `cited-by` (a verb without its reference) gives "expected a reference
/// after `cited-by`, e.g. `cited-by Hobley`"; `shwo Hobley` gives "expected a
/// verb"; `rulings where outcome withhold` gives "expected a comparison".
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{line}:{column}: {expected}")]
pub struct ParseError {
    /// The query line that failed.
    pub text: String,
    /// 1-based line of the failure.
    pub line: usize,
    /// 1-based column (in characters) of the failure.
    pub column: usize,
    /// Byte offset of the failure in the query.
    pub offset: usize,
    /// What was expected there, in words ("expected a reference after `show`").
    pub expected: String,
}

/// Parses one query.
pub fn parse(text: &str) -> Result<Query, ParseError> {
    let mut pairs = QueryParser::parse(Rule::query, text).map_err(|e| error(text, e))?;
    let query = pairs.next().map(|p| p.into_inner());
    let command = query
        .and_then(|mut inner| inner.next())
        .ok_or_else(|| at(text, 0, "expected a verb".to_string()))?;
    Ok(build(command))
}

fn text_of(pair: Pair<'_, Rule>) -> String {
    match pair.as_rule() {
        Rule::reference | Rule::value => pair.into_inner().next().map(text_of).unwrap_or_default(),
        Rule::quoted => pair
            .into_inner()
            .next()
            .map(|p| p.as_str().to_string())
            .unwrap_or_default(),
        _ => pair.as_str().trim().to_string(),
    }
}

/// The arguments of a command, keywords skipped.
fn arguments(pair: Pair<'_, Rule>) -> impl Iterator<Item = Pair<'_, Rule>> {
    pair.into_inner().filter(|p| !is_keyword(p.as_rule()))
}

fn is_keyword(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::kw_show
            | Rule::kw_authorities
            | Rule::kw_for
            | Rule::kw_cited_by
            | Rule::kw_cites
            | Rule::kw_rulings
            | Rule::kw_where
            | Rule::kw_and
            | Rule::kw_doctrines
            | Rule::kw_help
    )
}

fn reference(pair: Pair<'_, Rule>) -> AuthorityRef {
    AuthorityRef(arguments(pair).next().map(text_of).unwrap_or_default())
}

fn build(command: Pair<'_, Rule>) -> Query {
    match command.as_rule() {
        Rule::show => Query::Show(reference(command)),
        Rule::authorities_for => Query::AuthoritiesFor(reference(command)),
        Rule::cited_by => Query::CitedBy(reference(command)),
        Rule::cites => Query::Cites(reference(command)),
        Rule::doctrines => Query::Doctrines,
        Rule::help => Query::Help(arguments(command).next().map(|p| p.as_str().to_lowercase())),
        Rule::rulings => Query::Rulings(match arguments(command).next() {
            Some(filter) if filter.as_rule() == Rule::rulings_for => {
                RulingFilter::For(reference(filter))
            }
            Some(filter) => RulingFilter::Where(arguments(filter).map(condition).collect()),
            None => RulingFilter::All,
        }),
        // The grammar's `command` rule admits only the verbs above.
        other => unreachable!("rule {other:?} is not a command"),
    }
}

fn condition(pair: Pair<'_, Rule>) -> Condition {
    let mut parts = pair.into_inner();
    let field = parts
        .next()
        .map(|p| p.as_str().to_lowercase())
        .unwrap_or_default();
    let comparison = match parts.next().map(|p| p.as_str()) {
        Some("!=") => Comparison::NotEquals,
        Some("~") => Comparison::Contains,
        _ => Comparison::Equals,
    };
    let value = parts.next().map(text_of).unwrap_or_default();
    Condition {
        field,
        comparison,
        value,
    }
}

fn describe(rule: &Rule, before: &str) -> String {
    let verb = before.split_whitespace().collect::<Vec<_>>().join(" ");
    match rule {
        Rule::reference | Rule::bare | Rule::quoted => {
            let typed = verb.to_lowercase();
            let example = super::help::verbs()
                .iter()
                .find(|v| typed.split_whitespace().next() == v.verb.split_whitespace().next())
                .and_then(|v| v.examples.first())
                .map(|e| format!(", e.g. `{e}`"))
                .unwrap_or_default();
            if verb.is_empty() {
                "a reference".to_string()
            } else {
                format!("a reference after `{verb}`{example}")
            }
        }
        Rule::kw_for => "`for`".to_string(),
        Rule::rulings_for | Rule::where_clause | Rule::kw_where => {
            "`for <reference>` or `where <field> = <value>`".to_string()
        }
        Rule::condition | Rule::field => "a field name, e.g. `outcome`".to_string(),
        Rule::comparison => "a comparison: `=`, `!=` or `~`".to_string(),
        Rule::value | Rule::word => "a value, e.g. `withhold`".to_string(),
        Rule::kw_and => "`and` or the end of the query".to_string(),
        Rule::topic => "a verb to explain, e.g. `help show`".to_string(),
        Rule::EOI => "the end of the query".to_string(),
        Rule::query
        | Rule::help
        | Rule::show
        | Rule::authorities_for
        | Rule::cited_by
        | Rule::cites
        | Rule::rulings
        | Rule::doctrines
        | Rule::kw_show
        | Rule::kw_authorities
        | Rule::kw_cited_by
        | Rule::kw_cites
        | Rule::kw_rulings
        | Rule::kw_doctrines
        | Rule::kw_help => format!(
            "a verb: {}",
            super::help::verbs()
                .iter()
                .map(|v| v.verb.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => format!("{other:?}").replace('_', " "),
    }
}

fn at(text: &str, offset: usize, expected: String) -> ParseError {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    let line_text = text[line_start..].lines().next().unwrap_or("").to_string();
    ParseError {
        text: line_text,
        line,
        column,
        offset,
        expected,
    }
}

fn error(text: &str, e: pest::error::Error<Rule>) -> ParseError {
    let offset = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let expected = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } if !positives.is_empty() => {
            let mut words: Vec<String> = positives
                .iter()
                .map(|r| describe(r, &text[..offset]))
                .collect();
            words.dedup();
            format!("expected {}", words.join(" or "))
        }
        ErrorVariant::ParsingError { .. } => "unexpected text".to_string(),
        ErrorVariant::CustomError { message } => message.clone(),
    };
    at(text, offset, expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> AuthorityRef {
        AuthorityRef(s.to_string())
    }

    #[test]
    fn verbs_parse_into_their_queries() {
        assert_eq!(parse("show Smith"), Ok(Query::Show(r("Smith"))));
        assert_eq!(
            parse("SHOW  K.L. v. Edgar  "),
            Ok(Query::Show(r("K.L. v. Edgar")))
        );
        assert_eq!(
            parse("authorities for \"work product\""),
            Ok(Query::AuthoritiesFor(r("work product")))
        );
        assert_eq!(
            parse("cited-by 433 F.3d 946"),
            Ok(Query::CitedBy(r("433 F.3d 946")))
        );
        assert_eq!(parse("cites Munoz"), Ok(Query::Cites(r("Munoz"))));
        assert_eq!(parse("doctrines"), Ok(Query::Doctrines));
        assert_eq!(parse("help"), Ok(Query::Help(None)));
        assert_eq!(
            parse("help Cited-By"),
            Ok(Query::Help(Some("cited-by".into())))
        );
        assert_eq!(parse("rulings"), Ok(Query::Rulings(RulingFilter::All)));
        assert_eq!(
            parse("rulings for ACME_001458"),
            Ok(Query::Rulings(RulingFilter::For(r("ACME_001458"))))
        );
        assert_eq!(
            parse("rulings where outcome = withhold and doctrine ~ \"process privilege\""),
            Ok(Query::Rulings(RulingFilter::Where(vec![
                Condition {
                    field: "outcome".into(),
                    comparison: Comparison::Equals,
                    value: "withhold".into()
                },
                Condition {
                    field: "doctrine".into(),
                    comparison: Comparison::Contains,
                    value: "process privilege".into()
                },
            ])))
        );
    }

    #[test]
    fn a_keyword_never_matches_a_longer_word() {
        assert_eq!(parse("cited-by cites"), Ok(Query::CitedBy(r("cites"))));
        assert!(parse("showHobley").is_err());
    }

    #[test]
    fn a_missing_reference_says_what_was_expected_and_where() {
        let e = parse("cited-by").unwrap_err();
        assert_eq!(e.column, 9);
        assert!(
            e.expected
                .starts_with("expected a reference after `cited-by`, e.g. `cited-by "),
            "{}",
            e.expected
        );
    }

    #[test]
    fn an_unknown_verb_lists_the_verbs() {
        let e = parse("shwo Smith").unwrap_err();
        assert_eq!(e.column, 1);
        assert!(
            e.expected.starts_with("expected a verb: show"),
            "{}",
            e.expected
        );
    }

    #[test]
    fn a_condition_without_comparison_says_so() {
        let e = parse("rulings where outcome withhold").unwrap_err();
        assert!(e.expected.contains("comparison"), "{}", e.expected);
        assert_eq!(e.column, 23);
    }

    #[test]
    fn an_unclosed_quote_points_at_the_quote() {
        let e = parse("show \"work product").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.column >= 6, "{e:?}");
    }

    proptest::proptest! {
        #[test]
        fn no_input_panics_and_errors_point_inside_it(text in "\\PC{0,60}") {
            if let Err(e) = parse(&text) {
                proptest::prop_assert!(e.offset <= text.len());
                proptest::prop_assert!(text.is_char_boundary(e.offset));
            }
        }
    }
}
