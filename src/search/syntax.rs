//! Query text → [`Expr`]: Westlaw's terms and connectors, read by a small
//! hand-written lexer and a precedence-climbing parser. Hand-written,
//! because a connector's precedence depends on its number (`/3` binds
//! tighter than `/10`), and because each error can say in words what was
//! expected where ("expected a term after `/s`"). It never looks at an
//! index: words are normalised here by the shared tokenizer, expanded later.
//!
//! Precedence, tightest first, as on Westlaw: `"phrases"`; `or` (and a
//! space); numeric connectors, the smaller number first and `+n` before
//! `/n` at the same number; `+s`; `/s`; `+p`; `/p`; `&`; and `%` last, so
//! `%` excludes everything that follows it. Equal connectors group from the
//! left. Parentheses override all of it.

use std::ops::Range;

use super::ast::{
    Comparison, Connector, DateBound, Expr, PartialDate, Pattern, Restriction, Within,
};
use super::words::{Word, query_words};
use super::{Error, PassageKind};

/// One operator of the search syntax, for `help search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operator {
    /// How it is typed.
    pub syntax: &'static str,
    /// What it finds.
    pub meaning: &'static str,
}

/// The operators, in the order a manual would teach them.
pub const OPERATORS: &[Operator] = &[
    Operator {
        syntax: "words",
        meaning: "no operator at all: natural language, passages with any of the words, best first",
    },
    Operator {
        syntax: "a b, a or b",
        meaning: "either term",
    },
    Operator {
        syntax: "a & b, a and b",
        meaning: "both terms in the passage",
    },
    Operator {
        syntax: "\"a b\"",
        meaning: "the exact phrase",
    },
    Operator {
        syntax: "a /s b",
        meaning: "both in the same sentence",
    },
    Operator {
        syntax: "a +s b",
        meaning: "a before b in the same sentence",
    },
    Operator {
        syntax: "a /p b",
        meaning: "both in the same paragraph (passage)",
    },
    Operator {
        syntax: "a +p b",
        meaning: "a before b in the same paragraph",
    },
    Operator {
        syntax: "a /n b",
        meaning: "within n words of each other, either order (n from 1 to 255)",
    },
    Operator {
        syntax: "a +n b",
        meaning: "a before b, at most n words on",
    },
    Operator {
        syntax: "a!",
        meaning: "root expander: any ending",
    },
    Operator {
        syntax: "a*b",
        meaning: "exactly one character",
    },
    Operator {
        syntax: "a % b, a but not b",
        meaning: "a, in passages that b does not match",
    },
    Operator {
        syntax: "( )",
        meaning: "group, to change the order of processing",
    },
    Operator {
        syntax: "court(id)",
        meaning: "opinions of a court (courts-db id)",
    },
    Operator {
        syntax: "date(…)",
        meaning: "opinions by date: 2020, > 2020, < 2020-04, >= 4/7/2025, aft 2019 & bef 2026",
    },
    Operator {
        syntax: "ti(…)",
        meaning: "words of the case name",
    },
    Operator {
        syntax: "kind(…)",
        meaning: "paragraph, footnote, holding, ruling or parenthetical",
    },
    Operator {
        syntax: "cites(…)",
        meaning: "passages citing an authority",
    },
];

/// The order of processing, for `help search`.
pub const PRECEDENCE: &str = "\"phrases\" first, then or, then /n and +n (smaller n first), \
    +s, /s, +p, /p, &, and % last; parentheses change the order";

/// Parses a search query into its syntax tree. A query of plain words
/// (no operator, quote, expander or field) is natural language, and its
/// stop words (`the`, `of`, `which`…) are dropped unless it has no others.
pub fn parse(query: &str) -> Result<Expr, Error> {
    let tokens = lex(query)?;
    let natural = tokens.iter().all(|t| t.lexeme == Lexeme::Word) && !query.contains(['!', '*']);
    let mut parser = Parser {
        query,
        tokens,
        depth: 0,
        next: 0,
        field: None,
    };
    let expr = parser.expr(0, None)?;
    match parser.tokens.get(parser.next) {
        // The loop in `expr` stops early only at a `)`.
        Some(token) => Err(error(
            query,
            token.span.start,
            "expected a connector or the end of the query, found `)` with no `(` before it",
        )),
        None if natural => Ok(without_stop_words(expr)),
        None => Ok(expr),
    }
}

/// Lucene's English stop words, and the words that open a question.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "do", "does", "for", "if", "in",
    "into", "is", "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then",
    "there", "these", "they", "this", "to", "was", "what", "which", "who", "will", "with",
];

fn without_stop_words(expr: Expr) -> Expr {
    let Expr::Or(all) = expr else {
        return expr;
    };
    let (stop, mut kept): (Vec<Expr>, Vec<Expr>) = all.into_iter().partition(
        |e| matches!(e, Expr::Term(pattern) if STOP_WORDS.contains(&pattern.text.as_str())),
    );
    match kept.len() {
        0 => Expr::Or(stop),
        1 => kept.remove(0),
        _ => Expr::Or(kept),
    }
}

/// What a token is; its text is the token's span of the query.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Lexeme {
    /// A word, perhaps with punctuation inside (`work-product`, `26(b)(3)`).
    Word,
    /// A quoted phrase; the range is its text inside the quotes.
    Phrase(Range<usize>),
    Open,
    Close,
    Or,
    And,
    ButNot,
    Near(Connector),
    /// A field name and its `(`; the restriction runs to the matching `)`.
    Field(Field),
    /// `date(…)`; the range is the text inside the parentheses.
    Date(Range<usize>),
}

/// A field that takes a sub-query: `ti(`, `cites(`, `court(`, `kind(`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Cites,
    Court,
    Kind,
}

impl Field {
    /// What goes inside the parentheses.
    fn expects(self) -> &'static str {
        match self {
            Field::Title => "words of a case name",
            Field::Cites => "words of an authority's name",
            Field::Court => "court ids",
            Field::Kind => "paragraph, footnote, holding, ruling or parenthetical",
        }
    }

    fn example(self) -> &'static str {
        match self {
            Field::Title => "ti(Smith)",
            Field::Cites => "cites(Strickland)",
            Field::Court => "court(ilnd or ca7)",
            Field::Kind => "kind(holding or ruling)",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Token {
    lexeme: Lexeme,
    span: Range<usize>,
}

fn lex(query: &str) -> Result<Vec<Token>, Error> {
    let mut tokens = Vec::new();
    let mut at = 0;
    while let Some(c) = query[at..].chars().next() {
        if c.is_whitespace() {
            at += c.len_utf8();
            continue;
        }
        let token = match c {
            '"' | '“' | '”' => phrase(query, at)?,
            '&' => single(Lexeme::And, at),
            '%' => single(Lexeme::ButNot, at),
            '(' => single(Lexeme::Open, at),
            ')' => single(Lexeme::Close, at),
            '/' | '+' => connector_token(query, at)?,
            _ => word(query, at)?,
        };
        at = token.span.end;
        // Punctuation alone (`§`, `--`) is no term, as on Westlaw.
        if token.lexeme != Lexeme::Word || is_searchable(&query[token.span.clone()]) {
            tokens.push(token);
        }
    }
    Ok(tokens)
}

fn single(lexeme: Lexeme, at: usize) -> Token {
    Token {
        lexeme,
        span: at..at + 1,
    }
}

fn is_searchable(word: &str) -> bool {
    word.chars()
        .any(|c| c.is_alphabetic() || c.is_ascii_digit() || c == '!' || c == '*')
}

fn phrase(query: &str, at: usize) -> Result<Token, Error> {
    let open = query[at..].chars().next().map_or(1, char::len_utf8);
    let inside = at + open;
    let Some(length) = query[inside..].find(['"', '”']) else {
        return Err(error(
            query,
            at,
            "expected a closing `\"` for the phrase that starts here",
        ));
    };
    let close = query[inside + length..]
        .chars()
        .next()
        .map_or(1, char::len_utf8);
    Ok(Token {
        lexeme: Lexeme::Phrase(inside..inside + length),
        span: at..inside + length + close,
    })
}

/// A connector at the start of `text` (`/s`, `+3`): `None` when the text
/// does not have a connector's shape, an error when its number is out of range.
fn connector(text: &str) -> Option<Result<(Connector, usize), &'static str>> {
    let mut chars = text.chars();
    let ordered = chars.next()? == '+';
    let body: String = chars.take_while(|c| c.is_alphanumeric()).collect();
    let length = 1 + body.len();
    let within = match body.to_lowercase().as_str() {
        "s" => Within::Sentence,
        "p" => Within::Paragraph,
        digits if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) => {
            match digits.parse::<u8>() {
                Ok(n) if n > 0 => Within::Words(n),
                _ => return Some(Err("expected a number of words from 1 to 255")),
            }
        }
        _ => return None,
    };
    Some(Ok((Connector { within, ordered }, length)))
}

fn connector_token(query: &str, at: usize) -> Result<Token, Error> {
    let sign = &query[at..at + 1];
    match connector(&query[at..]) {
        Some(Ok((connector, length))) => Ok(Token {
            lexeme: Lexeme::Near(connector),
            span: at..at + length,
        }),
        Some(Err(expected)) => Err(error(query, at, format!("{expected} after `{sign}`"))),
        None => Err(error(
            query,
            at,
            format!("expected `s`, `p` or a number after `{sign}`, e.g. `{sign}s` or `{sign}3`"),
        )),
    }
}

/// The end of the word that starts at `at`: a `/` or `+` inside a word ends
/// it only when a connector follows (`prosecutor/s civil`, but `and/or`).
fn word_end(query: &str, at: usize) -> usize {
    let mut end = at;
    for c in query[at..].chars() {
        let stops = c.is_whitespace()
            || matches!(c, '"' | '“' | '”' | '&' | '%' | '(' | ')')
            || (matches!(c, '/' | '+') && end > at && connector(&query[end..]).is_some());
        if stops {
            break;
        }
        end += c.len_utf8();
    }
    end
}

fn word(query: &str, at: usize) -> Result<Token, Error> {
    let mut end = word_end(query, at);
    let name = query[at..end].to_lowercase();
    let keyword = match name.as_str() {
        "or" => Some(Lexeme::Or),
        "and" => Some(Lexeme::And),
        _ => None,
    };
    if let Some(lexeme) = keyword {
        return Ok(Token {
            lexeme,
            span: at..end,
        });
    }
    if name == "but" {
        let after = end + query[end..].len() - query[end..].trim_start().len();
        if after > end
            && word_end(query, after) == after + 3
            && query[after..after + 3].eq_ignore_ascii_case("not")
        {
            return Ok(Token {
                lexeme: Lexeme::ButNot,
                span: at..after + 3,
            });
        }
    }
    if !query[end..].starts_with('(') {
        return Ok(Token {
            lexeme: Lexeme::Word,
            span: at..end,
        });
    }
    let field = match name.as_str() {
        "ti" | "title" => Field::Title,
        "cites" => Field::Cites,
        "court" | "co" => Field::Court,
        "kind" => Field::Kind,
        "date" | "da" => return date_token(query, at, end),
        // A statute's subsections belong to its number: `26(b)(3)`.
        _ if name.chars().any(|c| c.is_ascii_digit()) => {
            while let Some(close) = subsection_end(query, end) {
                end = word_end(query, close);
            }
            return Ok(Token {
                lexeme: Lexeme::Word,
                span: at..end,
            });
        }
        _ => {
            return Err(error(
                query,
                at,
                format!(
                    "expected a field before `(`: `{name}` is not one of ti, cites, court, kind, date"
                ),
            ));
        }
    };
    Ok(Token {
        lexeme: Lexeme::Field(field),
        span: at..end + 1,
    })
}

/// The end of a `(b)` that follows a word at `at`, if one does.
fn subsection_end(query: &str, at: usize) -> Option<usize> {
    let rest = query[at..].strip_prefix('(')?;
    let inside = rest.find(')')?;
    let plain = rest[..inside].chars().all(char::is_alphanumeric) && inside > 0;
    plain.then_some(at + inside + 2)
}

fn date_token(query: &str, at: usize, name_end: usize) -> Result<Token, Error> {
    let inside = name_end + 1;
    let Some(length) = query[inside..].find(')') else {
        return Err(error(query, at, "expected a `)` to close this `date(`"));
    };
    Ok(Token {
        lexeme: Lexeme::Date(inside..inside + length),
        span: at..inside + length + 1,
    })
}

/// A binary operator, explicit or the implicit `or` of a space.
#[derive(Debug, Clone, Copy)]
enum Operation {
    Or,
    And,
    ButNot,
    Near(Connector),
}

impl Operation {
    /// How tightly the operator binds: higher first (see the module doc).
    fn strength(self) -> u16 {
        match self {
            Operation::Or => 2000,
            Operation::Near(Connector {
                within: Within::Words(n),
                ordered,
            }) => 1000 - 2 * u16::from(n) + u16::from(ordered),
            Operation::Near(Connector {
                within: Within::Sentence,
                ordered,
            }) => 400 + u16::from(ordered),
            Operation::Near(Connector {
                within: Within::Paragraph,
                ordered,
            }) => 300 + u16::from(ordered),
            Operation::And => 200,
            Operation::ButNot => 100,
        }
    }
}

/// How deeply parentheses may nest: enough for any real query, and a
/// bound on the recursion of the parser and of everything that walks a tree.
const MAX_DEPTH: usize = 32;

struct Parser<'q> {
    query: &'q str,
    tokens: Vec<Token>,
    /// How many groups and fields enclose the cursor.
    depth: usize,
    next: usize,
    /// The field restriction being read, if any.
    field: Option<Field>,
}

impl Parser<'_> {
    /// Operands joined by operators at least as strong as `min`; `after` is
    /// the index of the token before the first operand, for error messages.
    fn expr(&mut self, min: u16, after: Option<usize>) -> Result<Expr, Error> {
        let mut left = self.operand(after)?;
        while let Some((operation, typed)) = self.operation() {
            let strength = operation.strength();
            if strength < min {
                break;
            }
            let at = self.next;
            if typed {
                self.next += 1;
            }
            let right = self.expr(strength + 1, typed.then_some(at))?;
            left = self.combine(operation, left, right, at)?;
        }
        Ok(left)
    }

    /// The operator at the cursor; a term right after a term means `or`.
    fn operation(&self) -> Option<(Operation, bool)> {
        let operation = match self.tokens.get(self.next)?.lexeme {
            Lexeme::Close => return None,
            Lexeme::Or => Operation::Or,
            Lexeme::And => Operation::And,
            Lexeme::ButNot => Operation::ButNot,
            Lexeme::Near(connector) => Operation::Near(connector),
            _ => return Some((Operation::Or, false)),
        };
        Some((operation, true))
    }

    fn combine(
        &self,
        operation: Operation,
        left: Expr,
        right: Expr,
        at: usize,
    ) -> Result<Expr, Error> {
        Ok(match operation {
            Operation::Or => Expr::Or(flatten(left).chain(flatten(right)).collect()),
            Operation::And => Expr::And(Box::new(left), Box::new(right)),
            Operation::ButNot => Expr::ButNot(Box::new(left), Box::new(right)),
            Operation::Near(connector) => {
                let typed = self.text(at);
                if self.field.is_some() {
                    return Err(self.error_at(
                        at,
                        format!(
                            "expected `or`, `&` or `%` inside a field restriction, not `{typed}`"
                        ),
                    ));
                }
                if left.restricts() || right.restricts() {
                    return Err(self.error_at(
                        at,
                        format!("expected words on both sides of `{typed}`: join a field restriction with `&`"),
                    ));
                }
                Expr::Near {
                    left: Box::new(left),
                    right: Box::new(right),
                    connector,
                }
            }
        })
    }

    fn operand(&mut self, after: Option<usize>) -> Result<Expr, Error> {
        let Some(token) = self.tokens.get(self.next).cloned() else {
            return Err(self.missing(after, self.query.len()));
        };
        self.next += 1;
        match token.lexeme {
            Lexeme::Word => self.term(token.span),
            Lexeme::Phrase(inside) => self.phrase(inside, token.span.start),
            Lexeme::Open | Lexeme::Field(_) if self.depth == MAX_DEPTH => Err(error(
                self.query,
                token.span.start,
                format!("expected at most {MAX_DEPTH} nested parentheses"),
            )),
            Lexeme::Open => self.nested(|parser| parser.group(parser.next - 1)),
            Lexeme::Field(field) => {
                self.nested(|parser| parser.restriction(field, parser.next - 1))
            }
            Lexeme::Date(inside) => self.date(inside, token.span.start),
            Lexeme::Or | Lexeme::And | Lexeme::ButNot | Lexeme::Near(_) | Lexeme::Close => {
                self.next -= 1;
                Err(self.missing(after, token.span.start))
            }
        }
    }

    /// The error for an operand missing at byte `offset`.
    fn missing(&self, after: Option<usize>, offset: usize) -> Error {
        let expected = match (after, self.tokens.get(self.next)) {
            (Some(before), _) => match self.tokens[before].lexeme {
                Lexeme::Field(field) => format!(
                    "expected {} after `{}`, e.g. `{}`",
                    field.expects(),
                    self.text(before),
                    field.example()
                ),
                _ => format!("expected a term after `{}`", self.text(before)),
            },
            (None, Some(token)) => {
                format!(
                    "expected a term before `{}`",
                    &self.query[token.span.clone()]
                )
            }
            (None, None) => "expected a search term".to_string(),
        };
        error(self.query, offset, expected)
    }

    fn term(&self, span: Range<usize>) -> Result<Expr, Error> {
        let words = query_words(&self.query[span.clone()]);
        self.check_expanders(&words, span.clone())?;
        patterns_expr(words).ok_or_else(|| error(self.query, span.start, "expected a search term"))
    }

    fn phrase(&self, inside: Range<usize>, quote: usize) -> Result<Expr, Error> {
        let words = query_words(&self.query[inside.clone()]);
        self.check_expanders(&words, inside)?;
        patterns_expr(words)
            .ok_or_else(|| error(self.query, quote, "expected words between the quotes"))
    }

    /// Rejects a `*` that starts a word and a `!` that follows no word.
    fn check_expanders(&self, words: &[Word], span: Range<usize>) -> Result<(), Error> {
        if let Some(word) = words.iter().find(|w| w.text.starts_with('*')) {
            return Err(error(
                self.query,
                span.start + word.start,
                "expected a letter or digit before `*`: a term cannot start with it",
            ));
        }
        let text = &self.query[span.clone()];
        let stray = text
            .match_indices('!')
            .map(|(i, _)| i)
            .find(|&i| !words.iter().any(|w| w.root && w.end == i));
        match stray {
            Some(i) => Err(error(
                self.query,
                span.start + i,
                "expected a word right before `!`",
            )),
            None => Ok(()),
        }
    }

    fn nested(
        &mut self,
        parse: impl FnOnce(&mut Self) -> Result<Expr, Error>,
    ) -> Result<Expr, Error> {
        self.depth += 1;
        let parsed = parse(self);
        self.depth -= 1;
        parsed
    }

    fn group(&mut self, open: usize) -> Result<Expr, Error> {
        let inner = self.expr(0, Some(open))?;
        self.close(format!(
            "expected `)` to close the `(` at column {}",
            column(self.query, self.tokens[open].span.start)
        ))?;
        Ok(inner)
    }

    /// Consumes a `)`, or fails with `expected` where it should be.
    fn close(&mut self, expected: String) -> Result<(), Error> {
        match self.tokens.get(self.next) {
            Some(Token {
                lexeme: Lexeme::Close,
                ..
            }) => {
                self.next += 1;
                Ok(())
            }
            Some(token) => Err(error(self.query, token.span.start, expected)),
            None => Err(error(self.query, self.query.len(), expected)),
        }
    }

    fn restriction(&mut self, field: Field, at: usize) -> Result<Expr, Error> {
        if self.field.is_some() {
            return Err(self.error_at(at, "expected words inside a field, not another field"));
        }
        self.field = Some(field);
        let inner = self.expr(0, Some(at));
        self.field = None;
        let inner = inner?;
        self.close(format!("expected `)` to close `{}`", self.text(at)))?;
        let misfit = || {
            self.error_at(
                at,
                format!(
                    "expected {} inside `{}`, e.g. `{}`",
                    field.expects(),
                    self.text(at),
                    field.example()
                ),
            )
        };
        let restriction = match field {
            Field::Title => Restriction::Title(Box::new(inner)),
            Field::Cites => Restriction::Cites(Box::new(inner)),
            Field::Court => Restriction::Court(terms(&inner).ok_or_else(misfit)?),
            Field::Kind => Restriction::Kind(kinds(&inner).ok_or_else(misfit)?),
        };
        Ok(Expr::Restrict(restriction))
    }

    fn date(&self, inside: Range<usize>, at: usize) -> Result<Expr, Error> {
        let text = &self.query[inside.clone()];
        let mut bounds = Vec::new();
        let mut cursor = skip_spaces(text, 0);
        while cursor < text.len() {
            if !bounds.is_empty() {
                cursor = skip_spaces(text, self.date_and(text, cursor, inside.start)?);
            }
            let (comparison, after) = comparison(text, cursor);
            cursor = skip_spaces(text, after);
            let length = text[cursor..]
                .find(|c: char| !(c.is_ascii_digit() || c == '-' || c == '/'))
                .unwrap_or(text.len() - cursor);
            let date = parse_date(&text[cursor..cursor + length]).ok_or_else(|| {
                error(
                    self.query,
                    inside.start + cursor,
                    "expected a date like `2020`, `2020-04`, `2020-04-07` or `4/7/2020`",
                )
            })?;
            bounds.push(DateBound { comparison, date });
            cursor = skip_spaces(text, cursor + length);
        }
        if bounds.is_empty() {
            return Err(error(
                self.query,
                at,
                "expected a date inside `date(`, e.g. `date(> 2020)`",
            ));
        }
        Ok(Expr::Restrict(Restriction::Date(bounds)))
    }

    /// Skips the `&` or `and` between two date bounds.
    fn date_and(&self, text: &str, cursor: usize, base: usize) -> Result<usize, Error> {
        let rest = &text[cursor..];
        if rest.starts_with('&') {
            Ok(cursor + 1)
        } else if starts_with_word(rest, "and") {
            Ok(cursor + 3)
        } else {
            Err(error(
                self.query,
                base + cursor,
                "expected `&` between two dates",
            ))
        }
    }

    fn text(&self, token: usize) -> &str {
        &self.query[self.tokens[token].span.clone()]
    }

    fn error_at(&self, token: usize, expected: impl Into<String>) -> Error {
        error(self.query, self.tokens[token].span.start, expected)
    }
}

fn flatten(expr: Expr) -> Box<dyn Iterator<Item = Expr>> {
    match expr {
        Expr::Or(all) => Box::new(all.into_iter()),
        other => Box::new(std::iter::once(other)),
    }
}

/// One word is a term; several (from punctuation or quotes) a phrase.
fn patterns_expr(words: Vec<Word>) -> Option<Expr> {
    let mut patterns: Vec<Pattern> = words
        .into_iter()
        .map(|w| Pattern {
            text: w.text,
            root: w.root,
        })
        .collect();
    match patterns.len() {
        0 => None,
        1 => patterns.pop().map(Expr::Term),
        _ => Some(Expr::Phrase(patterns)),
    }
}

/// The single words of a term or an `or` of terms.
fn terms(expr: &Expr) -> Option<Vec<Pattern>> {
    match expr {
        Expr::Term(pattern) => Some(vec![pattern.clone()]),
        Expr::Or(all) => all
            .iter()
            .map(terms)
            .collect::<Option<Vec<_>>>()
            .map(|v| v.concat()),
        _ => None,
    }
}

fn kinds(expr: &Expr) -> Option<Vec<PassageKind>> {
    terms(expr)?
        .iter()
        .map(|p| {
            if p.is_exact() {
                PassageKind::from_name(&p.text)
            } else {
                None
            }
        })
        .collect()
}

/// Whether `text` starts with `prefix`, ignoring ASCII case.
fn starts_with_word(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

fn skip_spaces(text: &str, at: usize) -> usize {
    at + text[at..].len() - text[at..].trim_start().len()
}

fn comparison(text: &str, at: usize) -> (Comparison, usize) {
    const COMPARISONS: &[(&str, Comparison)] = &[
        (">=", Comparison::OnOrAfter),
        ("<=", Comparison::OnOrBefore),
        (">", Comparison::After),
        ("<", Comparison::Before),
        ("=", Comparison::On),
        ("after", Comparison::After),
        ("aft", Comparison::After),
        ("before", Comparison::Before),
        ("bef", Comparison::Before),
    ];
    let rest = &text[at..];
    COMPARISONS
        .iter()
        .find(|(typed, _)| starts_with_word(rest, typed))
        .map_or((Comparison::On, at), |(typed, comparison)| {
            (*comparison, at + typed.len())
        })
}

/// `2020`, `2020-04`, `2020-04-07` or `4/7/2020`.
fn parse_date(text: &str) -> Option<PartialDate> {
    let numbers: Vec<&str> = text.split(['-', '/']).collect();
    let (year, month, day) = match (text.contains('/'), numbers.as_slice()) {
        (false, [year]) => (*year, None, None),
        (false, [year, month]) => (*year, Some(*month), None),
        (false, [year, month, day]) => (*year, Some(*month), Some(*day)),
        (true, [month, day, year]) => (*year, Some(*month), Some(*day)),
        _ => return None,
    };
    let date = PartialDate {
        year: year.parse().ok().filter(|_| year.len() == 4)?,
        month: month.map(str::parse).transpose().ok()?,
        day: day.map(str::parse).transpose().ok()?,
    };
    let month_ok = date.month.is_none_or(|m| (1..=12).contains(&m));
    let day_ok = date
        .day
        .is_none_or(|d| d >= 1 && d <= days_in(date.year, date.month.unwrap_or(1)));
    (month_ok && day_ok).then_some(date)
}

fn days_in(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The 1-based column, in characters, of byte `offset`.
fn column(query: &str, offset: usize) -> usize {
    query[..offset].chars().count() + 1
}

fn error(query: &str, offset: usize, expected: impl Into<String>) -> Error {
    Error::Syntax {
        query: query.to_string(),
        column: column(query, offset),
        expected: expected.into(),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn term(text: &str) -> Expr {
        Expr::Term(Pattern {
            text: text.to_string(),
            root: false,
        })
    }

    fn near(left: Expr, right: Expr, within: Within, ordered: bool) -> Expr {
        Expr::Near {
            left: Box::new(left),
            right: Box::new(right),
            connector: Connector { within, ordered },
        }
    }

    fn shape(query: &str) -> String {
        match parse(query) {
            Ok(expr) => expr.to_string(),
            Err(e) => panic!("{query}: {e}"),
        }
    }

    /// (column, message) of the error a query gives.
    fn failure(query: &str) -> (usize, String) {
        match parse(query) {
            Err(Error::Syntax {
                column, expected, ..
            }) => (column, expected),
            other => panic!("{query}: expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn connectors_follow_westlaw_precedence() {
        assert_eq!(
            shape("a b /s c & d % e f"),
            "((((a or b) /s c) & d) % (e or f))"
        );
        assert_eq!(shape("a /p b /s c"), "(a /p (b /s c))");
        assert_eq!(shape("a /s b +s c"), "(a /s (b +s c))");
        assert_eq!(shape("a & b /p c"), "(a & (b /p c))");
    }

    #[test]
    fn smaller_numbers_bind_first_and_plus_before_slash() {
        // The Westlaw manual's example: `cat or dog /50 custody /10 contract!`.
        assert_eq!(
            shape("cat or dog /50 custody /10 contract!"),
            "((cat or dog) /50 (custody /10 contract!))"
        );
        assert_eq!(shape("a /3 b +3 c"), "(a /3 (b +3 c))");
        assert_eq!(shape("a +5 b /3 c"), "(a +5 (b /3 c))");
    }

    #[test]
    fn equal_connectors_group_from_the_left() {
        assert_eq!(
            parse("a /s b /s c").ok(),
            Some(near(
                near(term("a"), term("b"), Within::Sentence, false),
                term("c"),
                Within::Sentence,
                false
            ))
        );
        assert_eq!(shape("a % b % c"), "((a % b) % c)");
    }

    #[test]
    fn parentheses_override_precedence() {
        assert_eq!(shape("(a & b) /s c"), "((a & b) /s c)");
        assert_eq!(shape("a /s (b or c)"), "(a /s (b or c))");
    }

    #[test]
    fn words_are_normalised_and_punctuation_makes_phrases() {
        assert_eq!(shape("Prosecutor's"), "prosecutor");
        assert_eq!(
            shape("work-product /s 26(b)(3)"),
            "(\"work product\" /s \"26 b 3\")"
        );
        assert_eq!(
            shape("“inextricably intertwined”"),
            "\"inextricably intertwined\""
        );
        assert_eq!(shape("§ 1983"), "1983");
        assert_eq!(shape("and/or +2 x"), "(\"and or\" +2 x)");
        assert_eq!(shape("prosecutor/s civil"), "(prosecutor /s civil)");
    }

    #[test]
    fn keywords_are_connectors_in_any_case() {
        assert_eq!(shape("a OR b AND c"), "((a or b) & c)");
        assert_eq!(shape("a but not b"), "(a % b)");
        assert_eq!(shape("x but y & z"), "((x or but or y) & z)");
        assert_eq!(shape("\"or\""), "\"or\"");
    }

    #[test]
    fn natural_language_drops_stop_words() {
        assert_eq!(
            shape("which opinions say a prosecutor's files are not work product?"),
            "(opinions or say or prosecutor or files or work or product)"
        );
        assert_eq!(shape("the work-product of"), "\"work product\"");
        assert_eq!(shape("to be or not"), "(to or be or not)");
        assert_eq!(shape("to be"), "(to or be)");
    }

    #[test]
    fn field_restrictions_parse() {
        assert_eq!(
            shape("privilege & court(ilnd or ca7)"),
            "(privilege & court(ilnd or ca7))"
        );
        assert_eq!(shape("date(> 2020)"), "date(> 2020)");
        assert_eq!(
            shape("da(aft 1/31/2020 and bef 2025-04)"),
            "date(> 2020-01-31 & < 2025-04)"
        );
        assert_eq!(shape("ti(\"Smith v. Jones\")"), "ti(\"smith v jones\")");
        assert_eq!(shape("kind(footnote holding)"), "kind(footnote or holding)");
        assert_eq!(shape("cites(hobl!)"), "cites(hobl!)");
    }

    #[test]
    fn a_missing_operand_names_the_connector() {
        assert_eq!(
            failure("privilege /s"),
            (13, "expected a term after `/s`".into())
        );
        assert_eq!(failure("a & /s b"), (5, "expected a term after `&`".into()));
        assert_eq!(
            failure("/s privilege"),
            (1, "expected a term before `/s`".into())
        );
        assert_eq!(failure(""), (1, "expected a search term".into()));
        assert_eq!(failure("()"), (2, "expected a term after `(`".into()));
    }

    #[test]
    fn unclosed_quotes_and_parentheses_point_at_the_opening() {
        assert_eq!(
            failure("\"unclosed"),
            (
                1,
                "expected a closing `\"` for the phrase that starts here".into()
            )
        );
        assert_eq!(
            failure("(a or b"),
            (8, "expected `)` to close the `(` at column 1".into())
        );
        assert_eq!(
            failure("a)"),
            (
                2,
                "expected a connector or the end of the query, found `)` with no `(` before it"
                    .into()
            )
        );
        assert_eq!(
            failure("date(2020"),
            (1, "expected a `)` to close this `date(`".into())
        );
    }

    #[test]
    fn an_empty_field_says_what_belongs_inside() {
        assert_eq!(
            failure("court("),
            (
                7,
                "expected court ids after `court(`, e.g. `court(ilnd or ca7)`".into()
            )
        );
        assert_eq!(
            failure("ti(guevara"),
            (11, "expected `)` to close `ti(`".into())
        );
        assert_eq!(failure("cout(ilnd)").0, 1);
        assert_eq!(failure("kind(holdings)").0, 1);
        assert_eq!(failure("court(\"il nd\")").0, 1);
        assert_eq!(failure("ti(a /s b)").0, 6);
        assert_eq!(failure("ti(court(ilnd))").0, 4);
    }

    #[test]
    fn bad_connectors_and_expanders_are_rejected() {
        assert_eq!(
            failure("a /0 b"),
            (
                3,
                "expected a number of words from 1 to 255 after `/`".into()
            )
        );
        assert_eq!(failure("a /256 b").0, 3);
        assert_eq!(
            failure("a /x b"),
            (
                3,
                "expected `s`, `p` or a number after `/`, e.g. `/s` or `/3`".into()
            )
        );
        assert_eq!(
            failure("a ! b"),
            (3, "expected a word right before `!`".into())
        );
        assert_eq!(
            failure("privilege!!"),
            (11, "expected a word right before `!`".into())
        );
        assert_eq!(failure("*ing").0, 1);
        assert_eq!(
            failure("court(ilnd) /s a"),
            (
                13,
                "expected words on both sides of `/s`: join a field restriction with `&`".into()
            )
        );
    }

    #[test]
    fn bad_dates_are_rejected() {
        assert_eq!(failure("date(> yesterday)").0, 8);
        assert_eq!(failure("date(2020-02-30)").0, 6);
        assert_eq!(failure("date(2020 2021)").0, 11);
        assert_eq!(failure("date()").0, 1);
        assert_eq!(failure("date(2020 éé)").0, 11);
        assert_eq!(failure("date(éé)").0, 6);
        assert_eq!(shape("date(2/29/2024)"), "date(2024-02-29)");
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = |n: usize| format!("{}a{}", "(".repeat(n), ")".repeat(n));
        assert!(parse(&deep(MAX_DEPTH)).is_ok());
        assert_eq!(
            failure(&deep(100_000)),
            (
                MAX_DEPTH + 1,
                format!("expected at most {MAX_DEPTH} nested parentheses")
            )
        );
        assert_eq!(failure(&"ti(".repeat(40)).0, 4);
    }

    proptest! {
        #[test]
        fn any_text_parses_or_fails_inside_the_query(query in "\\PC{0,40}") {
            if let Err(Error::Syntax { column, .. }) = parse(&query) {
                prop_assert!(column >= 1 && column <= query.chars().count() + 1);
            }
        }

        #[test]
        fn operator_soup_parses_or_fails_inside_the_query(
            query in "[a-c!* \"()&%/+spn0-9]{0,30}|(court|date|ti|kind|cites)\\(\\PC{0,12}\\)?"
        ) {
            if let Err(Error::Syntax { column, .. }) = parse(&query) {
                prop_assert!(column >= 1 && column <= query.chars().count() + 1);
            }
        }

        #[test]
        fn a_printed_tree_parses_back_to_itself(
            query in "[a-c!* \"()&%/+sp0-9]{0,30}"
        ) {
            if let Ok(expr) = parse(&query) {
                prop_assert_eq!(parse(&expr.to_string()).ok(), Some(expr));
            }
        }
    }
}
