//! Pipeline stages: `where`, `sort`, `limit`, `select` and `count` applied
//! to the rows of an answer. A stage works on every section that has the
//! fields it names; naming a field no section has is an error that lists
//! the fields there are.

use std::cmp::Ordering;

use crate::Error;

use super::answer::{Answer, Cell, Section};
use super::ast::{Comparison, Condition, Stage};

/// Applies `stages` to `answer`, in order.
pub fn apply<'g>(mut answer: Answer<'g>, stages: &[Stage]) -> Result<Answer<'g>, Error> {
    for stage in stages {
        answer = apply_one(answer, stage)?;
    }
    Ok(answer)
}

/// How many rows of each section `stages` can look at: a `limit` reached
/// before any stage that reads every row (only `select` may come first).
/// `None`: all of them.
pub fn rows_needed(stages: &[Stage]) -> Option<usize> {
    for stage in stages {
        match stage {
            Stage::Select(_) => continue,
            Stage::Limit(n) => return Some(*n),
            _ => return None,
        }
    }
    None
}

fn fields(answer: &Answer) -> String {
    let mut names: Vec<&str> = answer
        .sections
        .iter()
        .flat_map(|s| s.columns.iter().copied())
        .collect();
    names.sort_unstable();
    names.dedup();
    names.join(", ")
}

/// Checks that some section has `field`.
fn known(answer: &Answer, field: &str, stage: &str) -> Result<(), Error> {
    if answer.sections.iter().any(|s| s.columns.contains(&field)) {
        Ok(())
    } else {
        Err(Error::Query(format!(
            "`{stage}` names the field `{field}`, which these rows lack; their fields are {}",
            fields(answer)
        )))
    }
}

fn column(section: &Section, field: &str) -> Option<usize> {
    section.columns.iter().position(|c| *c == field)
}

/// Compares two cells: as numbers when both are, else as text ignoring case.
pub fn compare(a: &Cell, b: &Cell) -> Ordering {
    let number = |c: &Cell| match c {
        Cell::Number(n) => Some(*n as f64),
        Cell::Empty => None,
        text => text.as_text().trim().parse::<f64>().ok(),
    };
    match (number(a), number(b)) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        _ => a.as_text().to_lowercase().cmp(&b.as_text().to_lowercase()),
    }
}

/// Whether `cell` meets `condition`.
pub fn meets(cell: &Cell, condition: &Condition) -> bool {
    let wanted = Cell::from(condition.value.as_str());
    let have = cell.as_text().to_lowercase();
    let value = condition.value.to_lowercase();
    match condition.comparison {
        Comparison::Equals => {
            have == value || compare(cell, &wanted) == Ordering::Equal && !have.is_empty()
        }
        Comparison::NotEquals => have != value,
        Comparison::Contains => have.contains(&value),
        Comparison::Less => !have.is_empty() && compare(cell, &wanted) == Ordering::Less,
        Comparison::LessOrEqual => !have.is_empty() && compare(cell, &wanted) != Ordering::Greater,
        Comparison::Greater => !have.is_empty() && compare(cell, &wanted) == Ordering::Greater,
        Comparison::GreaterOrEqual => !have.is_empty() && compare(cell, &wanted) != Ordering::Less,
    }
}

fn apply_one<'g>(mut answer: Answer<'g>, stage: &Stage) -> Result<Answer<'g>, Error> {
    match stage {
        Stage::Where(conditions) => {
            for c in conditions {
                known(&answer, &c.field, "where")?;
            }
            for section in &mut answer.sections {
                let columns: Vec<Option<usize>> = conditions
                    .iter()
                    .map(|c| column(section, &c.field))
                    .collect();
                if columns.iter().all(Option::is_none) {
                    continue;
                }
                section.rows.retain(|row| {
                    conditions.iter().zip(&columns).all(|(c, at)| match at {
                        Some(i) => meets(&row[*i], c),
                        None => true,
                    })
                });
            }
        }
        Stage::Sort { field, descending } => {
            known(&answer, field, "sort")?;
            for section in &mut answer.sections {
                if let Some(i) = column(section, field) {
                    section.rows.sort_by(|a, b| {
                        let order = compare(&a[i], &b[i]);
                        if *descending { order.reverse() } else { order }
                    });
                }
            }
        }
        Stage::Limit(n) => {
            for section in &mut answer.sections {
                section.rows.truncate(*n);
            }
        }
        Stage::Select(wanted) => {
            for field in wanted {
                known(&answer, field, "select")?;
            }
            for section in &mut answer.sections {
                let keep: Vec<(usize, &'static str)> = wanted
                    .iter()
                    .filter_map(|f| column(section, f).map(|i| (i, section.columns[i])))
                    .collect();
                section.columns = keep.iter().map(|(_, name)| *name).collect();
                for row in &mut section.rows {
                    *row = keep.iter().map(|(i, _)| row[*i].clone()).collect();
                }
            }
            answer.sections.retain(|s| !s.columns.is_empty());
        }
        Stage::Count => {
            let mut counted = Section::new("count", "Count", &["section", "count"]);
            for section in &answer.sections {
                counted.push(vec![
                    Cell::from(section.name.clone()),
                    Cell::from(section.rows.len()),
                ]);
            }
            if answer.sections.len() == 1 {
                counted.columns = vec!["count"];
                counted.rows = vec![vec![Cell::from(answer.sections[0].rows.len())]];
            }
            answer = Answer {
                sections: vec![counted],
                ..Answer::default()
            };
        }
    }
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer() -> Answer<'static> {
        let mut s = Section::new("cases", "Cases", &["name", "year", "court"]);
        for (name, year, court) in [
            ("Able", 2006, "7th Cir."),
            ("Baker", 1997, "N.D. Ill."),
            ("Cole", 2020, "N.D. Ill."),
        ] {
            s.push(vec![
                Cell::from(name),
                Cell::from(year as usize),
                Cell::from(court),
            ]);
        }
        Answer {
            sections: vec![s],
            ..Answer::default()
        }
    }

    fn names(a: &Answer) -> Vec<String> {
        a.sections[0].rows.iter().map(|r| r[0].text()).collect()
    }

    fn cond(field: &str, comparison: Comparison, value: &str) -> Condition {
        Condition {
            field: field.into(),
            comparison,
            value: value.into(),
        }
    }

    #[test]
    fn where_sort_limit_select_count_compose() {
        let a = apply(
            answer(),
            &[
                Stage::Where(vec![cond("court", Comparison::Equals, "n.d. ill.")]),
                Stage::Sort {
                    field: "year".into(),
                    descending: true,
                },
                Stage::Limit(1),
                Stage::Select(vec!["name".into()]),
            ],
        )
        .unwrap();
        assert_eq!(names(&a), ["Cole"]);
        assert_eq!(a.sections[0].columns, ["name"]);
        let counted = apply(answer(), &[Stage::Count]).unwrap();
        assert_eq!(counted.sections[0].rows, vec![vec![Cell::Number(3)]]);
    }

    #[test]
    fn a_limit_before_any_row_reading_stage_bounds_the_rows_needed() {
        let select = || Stage::Select(vec!["name".into()]);
        assert_eq!(rows_needed(&[Stage::Limit(5)]), Some(5));
        assert_eq!(
            rows_needed(&[select(), Stage::Limit(2), Stage::Count]),
            Some(2)
        );
        assert_eq!(rows_needed(&[Stage::Count, Stage::Limit(2)]), None);
        let sort = Stage::Sort {
            field: "year".into(),
            descending: true,
        };
        assert_eq!(rows_needed(&[sort, Stage::Limit(2)]), None);
        assert_eq!(rows_needed(&[select()]), None);
    }

    #[test]
    fn numbers_compare_as_numbers() {
        let a = apply(
            answer(),
            &[Stage::Where(vec![cond(
                "year",
                Comparison::GreaterOrEqual,
                "2006",
            )])],
        )
        .unwrap();
        assert_eq!(names(&a), ["Able", "Cole"]);
        let a = apply(
            answer(),
            &[Stage::Where(vec![cond("name", Comparison::Contains, "AK")])],
        )
        .unwrap();
        assert_eq!(names(&a), ["Baker"]);
    }

    #[test]
    fn an_unknown_field_lists_the_fields() {
        let e = apply(
            answer(),
            &[Stage::Sort {
                field: "pin".into(),
                descending: false,
            }],
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "`sort` names the field `pin`, which these rows lack; their fields are court, name, year"
        );
    }
}
