//! The only file that sees pest: query text → [`Query`], or a [`ParseError`]
//! that says where the text went wrong and what was expected, in words.

use pest::Parser;
use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::Pair;
use pest_derive::Parser;
use thiserror::Error;

use super::ast::{
    AuthorityRef, CiteForm, Comparison, Condition, Query, RulingFilter, Source, Stage,
};

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
    let top = pairs
        .next()
        .and_then(|query| query.into_inner().next())
        .ok_or_else(|| at(text, 0, "expected a verb".to_string()))?;
    Ok(match top.as_rule() {
        Rule::explain => {
            let mut query = arguments(top)
                .next()
                .map(pipeline)
                .unwrap_or_else(|| Query::of(Source::Doctrines));
            query.explain = true;
            query
        }
        _ => pipeline(top),
    })
}

/// Text of a reference-like pair: quotes stripped, a bare text trimmed.
fn text_of(pair: Pair<'_, Rule>) -> String {
    match pair.as_rule() {
        Rule::reference | Rule::value | Rule::path_from | Rule::neighbors_ref | Rule::cite_ref => {
            pair.into_inner().next().map(text_of).unwrap_or_default()
        }
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
            | Rule::kw_path
            | Rule::kw_neighbors
            | Rule::kw_depth
            | Rule::kw_rulings
            | Rule::kw_doctrines
            | Rule::kw_doctrine
            | Rule::kw_cite
            | Rule::kw_at
            | Rule::kw_toa
            | Rule::kw_find
            | Rule::kw_count
            | Rule::kw_search
            | Rule::kw_help
            | Rule::kw_explain
            | Rule::kw_where
            | Rule::kw_and
            | Rule::kw_sort
            | Rule::kw_limit
            | Rule::kw_select
    )
}

fn reference(pair: Pair<'_, Rule>) -> AuthorityRef {
    AuthorityRef(arguments(pair).next().map(text_of).unwrap_or_default())
}

fn number(pair: Option<Pair<'_, Rule>>) -> u64 {
    // The grammar admits at most nine digits, so this never overflows.
    pair.and_then(|p| p.as_str().parse().ok()).unwrap_or(0)
}

fn pipeline(pair: Pair<'_, Rule>) -> Query {
    let mut parts = pair.into_inner();
    let source = parts.next().map(source).unwrap_or(Source::Doctrines);
    Query {
        explain: false,
        source,
        stages: parts.map(stage).collect(),
    }
}

fn source(command: Pair<'_, Rule>) -> Source {
    match command.as_rule() {
        Rule::show => Source::Show(reference(command)),
        Rule::authorities_for => Source::AuthoritiesFor(reference(command)),
        Rule::cited_by => Source::CitedBy(reference(command)),
        Rule::cites => Source::Cites(reference(command)),
        Rule::doctrines => Source::Doctrines,
        Rule::doctrine => Source::Doctrine(reference(command)),
        Rule::toa => Source::Toa(reference(command)),
        Rule::help => Source::Help(arguments(command).next().map(|p| p.as_str().to_lowercase())),
        Rule::search => Source::Search(arguments(command).next().map(text_of).unwrap_or_default()),
        Rule::path => {
            let mut args = arguments(command);
            let from = AuthorityRef(args.next().map(text_of).unwrap_or_default());
            let to = AuthorityRef(args.next().map(text_of).unwrap_or_default());
            Source::Path { from, to }
        }
        Rule::neighbors => {
            let mut args = arguments(command);
            let reference = AuthorityRef(args.next().map(text_of).unwrap_or_default());
            let depth = args.next().map_or(1, |p| number(Some(p)) as u32);
            Source::Neighbors { reference, depth }
        }
        Rule::cite => {
            let mut reference = AuthorityRef(String::new());
            let mut pin = None;
            let mut form = CiteForm::Full;
            for arg in arguments(command) {
                match arg.as_rule() {
                    Rule::cite_ref => reference = AuthorityRef(text_of(arg)),
                    Rule::pin => pin = Some(arg.as_str().trim().to_string()),
                    Rule::cite_form => {
                        form = match arg.as_str().trim().to_lowercase().as_str() {
                            "short" => CiteForm::Short,
                            "id" => CiteForm::Id,
                            _ => CiteForm::Full,
                        }
                    }
                    _ => {}
                }
            }
            Source::Cite {
                reference,
                pin,
                form,
            }
        }
        Rule::find | Rule::count => {
            let is_find = command.as_rule() == Rule::find;
            let mut args = arguments(command);
            let kind = args
                .next()
                .map(|p| p.as_str().to_lowercase())
                .unwrap_or_default();
            let conditions = args.next().map(conditions).unwrap_or_default();
            if is_find {
                Source::Find { kind, conditions }
            } else {
                Source::Count { kind, conditions }
            }
        }
        Rule::rulings => Source::Rulings(match arguments(command).next() {
            Some(filter) if filter.as_rule() == Rule::rulings_for => {
                RulingFilter::For(reference(filter))
            }
            Some(filter) => RulingFilter::Where(conditions(filter)),
            None => RulingFilter::All,
        }),
        // The grammar's `source` rule admits only the verbs above.
        other => unreachable!("rule {other:?} is not a source"),
    }
}

fn conditions(pair: Pair<'_, Rule>) -> Vec<Condition> {
    arguments(pair).map(condition).collect()
}

fn stage(pair: Pair<'_, Rule>) -> Stage {
    match pair.as_rule() {
        Rule::where_clause => Stage::Where(conditions(pair)),
        Rule::sort_stage => {
            let mut args = arguments(pair);
            let field = args
                .next()
                .map(|p| p.as_str().to_lowercase())
                .unwrap_or_default();
            let descending = args
                .next()
                .is_some_and(|d| d.as_str().eq_ignore_ascii_case("desc"));
            Stage::Sort { field, descending }
        }
        Rule::limit_stage => Stage::Limit(number(arguments(pair).next()) as usize),
        Rule::select_stage => {
            Stage::Select(arguments(pair).map(|p| p.as_str().to_lowercase()).collect())
        }
        // The grammar's `stage` rule admits only these and `count`.
        _ => Stage::Count,
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
        Some("<") => Comparison::Less,
        Some("<=") => Comparison::LessOrEqual,
        Some(">") => Comparison::Greater,
        Some(">=") => Comparison::GreaterOrEqual,
        _ => Comparison::Equals,
    };
    let value = parts.next().map(text_of).unwrap_or_default();
    Condition {
        field,
        comparison,
        value,
    }
}

/// A rule pest expected, in words a user knows. `at_stage` tells a `count`
/// stage after a pipe from the `count` verb at the start.
fn describe(rule: &Rule, before: &str, at_stage: bool) -> String {
    let verb = before.split_whitespace().collect::<Vec<_>>().join(" ");
    let verbs = || {
        super::help::verbs()
            .iter()
            .filter(|v| !v.is_stage())
            .map(|v| v.verb.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match rule {
        Rule::reference
        | Rule::bare
        | Rule::quoted
        | Rule::path_from
        | Rule::path_bare
        | Rule::neighbors_ref
        | Rule::neighbors_bare
        | Rule::cite_ref
        | Rule::cite_bare => {
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
        Rule::rulings_for => "`for <reference>` or `where <field> = <value>`".to_string(),
        Rule::condition | Rule::field => "a field name, e.g. `outcome`".to_string(),
        Rule::comparison => "a comparison: `=`, `!=`, `~`, `<`, `<=`, `>` or `>=`".to_string(),
        Rule::value | Rule::word => "a value, e.g. `withhold`".to_string(),
        Rule::kw_and => "`and`".to_string(),
        Rule::topic => "a verb to explain, e.g. `help show`".to_string(),
        Rule::kind => "a kind of node, e.g. `cases`, `rulings` or `citations`".to_string(),
        Rule::terms => "search terms, e.g. `search prosecutor /s civil`".to_string(),
        Rule::number => "a number".to_string(),
        Rule::direction | Rule::kw_asc | Rule::kw_desc => "`asc` or `desc`".to_string(),
        Rule::pin => "a pin cite, e.g. `316`".to_string(),
        Rule::cite_form | Rule::kw_full | Rule::kw_short | Rule::kw_id => {
            "`full`, `short` or `id`".to_string()
        }
        Rule::kw_at => "`at <pin>`".to_string(),
        Rule::kw_depth => "`depth <n>`".to_string(),
        Rule::where_clause
        | Rule::kw_where
        | Rule::sort_stage
        | Rule::kw_sort
        | Rule::limit_stage
        | Rule::kw_limit
        | Rule::select_stage
        | Rule::kw_select
        | Rule::count_stage => "a pipeline stage: where, sort, limit, select or count".to_string(),
        Rule::kw_count if at_stage => {
            "a pipeline stage: where, sort, limit, select or count".to_string()
        }
        Rule::EOI => "the end of the query or `| <stage>`".to_string(),
        _ => format!("a verb: {}", verbs()),
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
            let at_stage = positives.contains(&Rule::kw_where);
            let mut words: Vec<String> = positives
                .iter()
                .map(|r| describe(r, &text[..offset], at_stage))
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

    fn q(source: Source) -> Result<Query, ParseError> {
        Ok(Query::of(source))
    }

    fn c(field: &str, comparison: Comparison, value: &str) -> Condition {
        Condition {
            field: field.into(),
            comparison,
            value: value.into(),
        }
    }

    #[test]
    fn verbs_parse_into_their_sources() {
        assert_eq!(parse("show Smith"), q(Source::Show(r("Smith"))));
        assert_eq!(
            parse("SHOW  J.D. v. Harlan  "),
            q(Source::Show(r("J.D. v. Harlan")))
        );
        assert_eq!(
            parse("authorities for \"work product\""),
            q(Source::AuthoritiesFor(r("work product")))
        );
        assert_eq!(
            parse("cited-by 512 F.3d 346"),
            q(Source::CitedBy(r("512 F.3d 346")))
        );
        assert_eq!(parse("cites Jones"), q(Source::Cites(r("Jones"))));
        assert_eq!(parse("doctrines"), q(Source::Doctrines));
        assert_eq!(
            parse("doctrine \"work product\""),
            q(Source::Doctrine(r("work product")))
        );
        assert_eq!(parse("help"), q(Source::Help(None)));
        assert_eq!(
            parse("help Cited-By"),
            q(Source::Help(Some("cited-by".into())))
        );
        assert_eq!(parse("rulings"), q(Source::Rulings(RulingFilter::All)));
        assert_eq!(
            parse("rulings for ACME_002821"),
            q(Source::Rulings(RulingFilter::For(r("ACME_002821"))))
        );
        assert_eq!(
            parse("rulings where outcome = withhold and doctrine ~ \"process privilege\""),
            q(Source::Rulings(RulingFilter::Where(vec![
                c("outcome", Comparison::Equals, "withhold"),
                c("doctrine", Comparison::Contains, "process privilege"),
            ])))
        );
        assert_eq!(
            parse("path Jones v. Smith -> 512 F.3d 346"),
            q(Source::Path {
                from: r("Jones v. Smith"),
                to: r("512 F.3d 346")
            })
        );
        assert_eq!(
            parse("neighbors Smith depth 2"),
            q(Source::Neighbors {
                reference: r("Smith"),
                depth: 2
            })
        );
        assert_eq!(
            parse("neighbors Smith"),
            q(Source::Neighbors {
                reference: r("Smith"),
                depth: 1
            })
        );
        assert_eq!(parse("toa Jones"), q(Source::Toa(r("Jones"))));
        assert_eq!(
            parse("find cases where year >= 2015"),
            q(Source::Find {
                kind: "cases".into(),
                conditions: vec![c("year", Comparison::GreaterOrEqual, "2015")]
            })
        );
        assert_eq!(
            parse("count rulings"),
            q(Source::Count {
                kind: "rulings".into(),
                conditions: vec![]
            })
        );
        assert_eq!(
            parse("search prosecutor /s civil"),
            q(Source::Search("prosecutor /s civil".into()))
        );
    }

    #[test]
    fn cite_takes_an_optional_pin_and_form() {
        let cite = |reference: &str, pin: Option<&str>, form| {
            q(Source::Cite {
                reference: r(reference),
                pin: pin.map(String::from),
                form,
            })
        };
        assert_eq!(parse("cite Avila"), cite("Avila", None, CiteForm::Full));
        assert_eq!(
            parse("cite Avila at 416"),
            cite("Avila", Some("416"), CiteForm::Full)
        );
        assert_eq!(
            parse("cite Avila at 416 short"),
            cite("Avila", Some("416"), CiteForm::Short)
        );
        assert_eq!(
            parse("cite Avila v. City of Chi. id"),
            cite("Avila v. City of Chi.", None, CiteForm::Id)
        );
        assert_eq!(
            parse("cite Acme at *4"),
            cite("Acme", Some("*4"), CiteForm::Full)
        );
    }

    #[test]
    fn stages_follow_a_source_in_order() {
        let query = parse("cited-by Smith | where court = \"N.D. Ill.\" | sort year desc | limit 5 | select name, pin | count")
            .unwrap();
        assert_eq!(query.source, Source::CitedBy(r("Smith")));
        assert_eq!(
            query.stages,
            vec![
                Stage::Where(vec![c("court", Comparison::Equals, "N.D. Ill.")]),
                Stage::Sort {
                    field: "year".into(),
                    descending: true
                },
                Stage::Limit(5),
                Stage::Select(vec!["name".into(), "pin".into()]),
                Stage::Count,
            ]
        );
    }

    #[test]
    fn explain_wraps_a_whole_pipeline() {
        let query = parse("explain cites Jones | limit 2").unwrap();
        assert!(query.explain);
        assert_eq!(query.stages, vec![Stage::Limit(2)]);
    }

    #[test]
    fn a_keyword_never_matches_a_longer_word() {
        assert_eq!(parse("cited-by cites"), q(Source::CitedBy(r("cites"))));
        assert_eq!(parse("doctrines"), q(Source::Doctrines));
        assert!(parse("showSmith").is_err());
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
    fn a_bad_stage_names_the_stages() {
        let e = parse("doctrines | frobnicate").unwrap_err();
        assert!(e.expected.contains("pipeline stage"), "{}", e.expected);
        assert_eq!(e.column, 13);
    }

    #[test]
    fn an_unclosed_quote_is_an_error_at_the_quote() {
        let e = parse("show \"work product").unwrap_err();
        assert_eq!((e.line, e.column), (1, 6));
    }

    #[test]
    fn a_megabyte_query_is_parsed_in_one_pass() {
        // A grammar that backtracks over whitespace runs would take minutes
        // on these; a linear one takes milliseconds.
        let spaces = format!("show {}\"", " ".repeat(1 << 20));
        assert!(parse(&spaces).is_err());
        let words = format!("cites {}|", "a ".repeat(1 << 19));
        assert!(parse(&words).is_err());
    }

    proptest::proptest! {
        #[test]
        fn no_input_panics_and_errors_point_inside_it(text in "\\PC{0,60}") {
            if let Err(e) = parse(&text) {
                proptest::prop_assert!(e.offset <= text.len());
                proptest::prop_assert!(text.is_char_boundary(e.offset));
            }
        }

        #[test]
        fn printing_a_query_parses_back_to_it(
            name in "[A-Za-z][A-Za-z. ]{0,20}[A-Za-z.]",
            field in "[a-z]{1,8}",
            value in "[a-z0-9 ]{0,10}",
            n in 0usize..1000,
        ) {
            for text in [
                format!("cited-by \"{name}\" | where {field} ~ \"{value}\" | sort {field} desc | limit {n}"),
                format!("path \"{name}\" -> \"{name}\" | select {field}, {field}"),
                format!("explain find cases where {field} >= \"{value}\" | count"),
                format!("cite \"{name}\" at {n} short"),
            ] {
                let query = parse(&text).map_err(|e| proptest::test_runner::TestCaseError::fail(e.to_string()))?;
                let printed = query.to_string();
                proptest::prop_assert_eq!(parse(&printed).ok(), Some(query), "{}", printed);
            }
        }
    }
}
