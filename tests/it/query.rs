//! `lexgraph query`: every verb, answered on the seed opinion.

use crate::{lexgraph, rows, with};

#[test]
fn authorities_for_a_withheld_page_show_withhold_and_kl_at_1209() {
    let rows = rows("authorities for CCSAO_001471");
    let rulings: Vec<_> = rows.iter().filter(|r| r["section"] == "rulings").collect();
    assert!(!rulings.is_empty());
    assert!(
        rulings.iter().all(|r| r["outcome"] == "withhold"),
        "{rulings:#?}"
    );
    let kl = with(&rows, "authority", "K.L. v. Edgar, 964 F. Supp. 1206");
    assert!(kl.iter().any(|r| r["pin"] == "1209"), "{rows:#?}");
    // The chain runs document → ruling → doctrine → authority.
    assert!(kl.iter().any(|r| {
        let chain = r["chain"].as_str().unwrap_or_default();
        chain.starts_with("CCSAO_001471") && chain.contains("Deliberative process privilege")
    }));
}

#[test]
fn authorities_for_a_page_inside_a_range_show_produce_with_enviro_tech() {
    let rows = rows("authorities for CCSAO_001458");
    let rulings: Vec<_> = rows.iter().filter(|r| r["section"] == "rulings").collect();
    assert!(rulings.iter().any(|r| r["outcome"] == "produce"));
    assert!(rulings.iter().all(|r| r["outcome"] != "withhold"));
    let enviro = with(&rows, "authority", "Enviro Tech");
    assert!(
        enviro.iter().any(|r| r["pin"] == "374-75"
            && r["authority"]
                .as_str()
                .unwrap_or_default()
                .contains("371 F.3d 370")),
        "{rows:#?}"
    );
    // The supporting sentence comes from the opinion itself.
    assert!(enviro.iter().any(|r| {
        r["proposition"]
            .as_str()
            .unwrap_or_default()
            .contains("inextricably intertwined")
    }));
}

#[test]
fn authorities_for_a_doctrine_list_each_element_with_its_pin() {
    let rows = rows("authorities for \"deliberative process\"");
    let evans = with(&rows, "authority", "Evans v. City of Chi., 231 F.R.D. 302");
    assert!(
        evans.iter().filter(|r| r["pin"] == "316").count() >= 3,
        "{rows:#?}"
    );
    let kl = with(&rows, "authority", "K.L. v. Edgar");
    assert!(
        kl.iter()
            .filter(|r| r["chain"].as_str().unwrap_or_default().contains("factor"))
            .count()
            >= 5
    );
}

#[test]
fn authorities_for_work_product_name_hobley_and_webster() {
    let rows = rows("authorities for \"work product\"");
    assert!(
        !with(&rows, "authority", "Hobley v. Burge").is_empty(),
        "{rows:#?}"
    );
    assert!(!with(&rows, "authority", "Webster Bank").is_empty());
}

#[test]
fn cited_by_hobley_includes_williams_through_the_nested_cite() {
    let rows = rows("cited-by Hobley");
    assert!(
        with(&rows, "name", "Munoz v. Guevara").len() >= 3,
        "Munoz cites Hobley in full, short and Id. forms: {rows:#?}"
    );
    let williams = with(&rows, "name", "Williams v. City of Chicago");
    assert_eq!(williams.len(), 1, "{rows:#?}");
    assert!(
        williams[0]["how"]
            .as_str()
            .unwrap_or_default()
            .starts_with("citing")
    );
    assert_eq!(williams[0]["pin"], "949");
}

#[test]
fn cites_groups_an_opinions_authorities() {
    let rows = rows("cites Munoz");
    let section = |name: &str| -> Vec<String> {
        rows.iter()
            .filter(|r| r["section"] == name)
            .map(|r| r["authority"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let cases = section("cases");
    assert!(
        cases.iter().any(|c| c == "Hobley v. Burge, 433 F.3d 946"),
        "{cases:#?}"
    );
    assert!(cases.iter().any(|c| c.starts_with("Cruz v. Guevara")));
    let laws = section("statutes_and_regulations");
    for law in [
        "5 U.S.C. § 552",
        "725 ILCS 120/4",
        "815 ILCS 530",
        "20 Ill. Adm. Code 1240.80",
    ] {
        assert!(
            laws.iter().any(|l| l == law),
            "{law} missing from {laws:#?}"
        );
    }
    let rules = section("rules");
    assert!(rules.iter().any(|r| r == "Fed. R. Civ. P. 45"));
    assert!(rules.iter().any(|r| r == "Fed. R. Civ. P. 26"));
    let record = section("record");
    assert!(
        record.iter().any(|r| r.starts_with("R. 157")),
        "{record:#?}"
    );
}

#[test]
fn show_gives_a_card_with_citation_court_year_and_uses() {
    let rows = rows("show Hobley");
    let field = |name: &str| {
        rows.iter()
            .find(|r| r["section"] == "card" && r["field"] == name)
            .map(|r| r["value"].as_str().unwrap_or_default().to_string())
            .unwrap_or_default()
    };
    assert_eq!(field("citation"), "Hobley v. Burge, 433 F.3d 946");
    assert_eq!(field("year"), "2006");
    assert_eq!(field("court"), "7th Cir.");
    assert!(field("cited").contains("in 1 opinion"));
    let uses: Vec<_> = rows
        .iter()
        .filter(|r| r["section"] == "citing_uses")
        .collect();
    assert!(uses.iter().any(|u| u["pin"] == "952"));
    assert!(uses.iter().any(|u| u["pin"] == "949"));
    let relied: Vec<_> = rows
        .iter()
        .filter(|r| r["section"] == "relied_on_by")
        .collect();
    assert!(
        !relied.is_empty(),
        "Hobley states part of the work-product doctrine"
    );
}

#[test]
fn rulings_filter_by_page_and_by_outcome() {
    let withheld = rows("rulings where outcome = withhold");
    assert_eq!(withheld.len(), 1, "{withheld:#?}");
    assert!(
        withheld[0]["documents"]
            .as_str()
            .unwrap_or_default()
            .contains("CCSAO_001471")
    );

    let on_page = rows("rulings for CCSAO_001454");
    assert!(
        on_page.len() >= 2,
        "001454 sits in two overlapping rows: {on_page:#?}"
    );
    assert!(on_page.iter().all(|r| r["outcome"] == "produce"));

    let all = rows("rulings");
    assert!(all.len() >= 6);
    assert!(with(&all, "documents", "PII").len() + with(&all, "reason", "PII").len() >= 1);
}

#[test]
fn doctrines_list_the_deliberative_process_privilege_with_its_tests() {
    let rows = rows("doctrines");
    let dpp = rows
        .iter()
        .find(|r| r["id"] == "deliberative-process")
        .expect("deliberative process privilege");
    assert_eq!(
        dpp["elements"], 5,
        "Evans's three prima facie elements plus predecisional and deliberative"
    );
    assert_eq!(dpp["factors"], 5);
    for id in ["work-product", "privilege-log", "rule-45-enforcement"] {
        assert!(rows.iter().any(|r| r["id"] == id), "{id} missing");
    }
}

#[test]
fn help_lists_verbs_and_explains_one() {
    let out = lexgraph().args(["query", "help"]).assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    for verb in [
        "show",
        "authorities for",
        "cited-by",
        "cites",
        "rulings",
        "doctrines",
    ] {
        assert!(text.contains(verb), "{verb} missing from help");
    }
    let out = lexgraph()
        .args(["query", "help cited-by"])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(text.contains("cited-by Hobley"));
}

#[test]
fn every_help_example_answers() {
    for verb in lexgraph::query::help::verbs() {
        for example in &verb.examples {
            rows(example);
        }
    }
}

#[test]
fn a_query_that_does_not_parse_shows_a_caret_and_exits_2() {
    let out = lexgraph().args(["query", "cited-by"]).assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("  cited-by\n"), "{err}");
    assert!(
        err.contains("          ^ expected a reference after `cited-by`, e.g. `cited-by Hobley`"),
        "{err}"
    );
}

#[test]
fn an_unknown_name_suggests_the_nearest_and_exits_2() {
    let out = lexgraph().args(["query", "show Hobly"]).assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("did you mean") && err.contains("Hobley"),
        "{err}"
    );
}

#[test]
fn an_ambiguous_name_lists_the_candidates() {
    let out = lexgraph().args(["query", "show Guevara"]).assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("ambiguous"), "{err}");
    for name in [
        "Munoz v. Guevara",
        "Cruz v. Guevara",
        "Gonzalez v. Guevara",
        "Martinez v. Guevara",
    ] {
        assert!(err.contains(name), "{name} missing from {err}");
    }
}

#[test]
fn references_resolve_from_citations_and_short_names() {
    for reference in [
        "K.L.",
        "\"964 F. Supp. 1206\"",
        "2023 WL 6213716",
        "Williams",
        "Munoz",
    ] {
        let rows = rows(&format!("show {reference}"));
        assert!(rows.iter().any(|r| r["section"] == "card"), "{reference}");
    }
}

#[test]
fn output_formats_render_the_same_rows() {
    let csv = lexgraph()
        .args([
            "query",
            "rulings where outcome = withhold",
            "--format",
            "csv",
        ])
        .assert()
        .success();
    let csv = String::from_utf8_lossy(&csv.get_output().stdout).to_string();
    assert!(
        csv.starts_with("ruling,documents,outcome,doctrine,reason\n"),
        "{csv}"
    );
    assert!(csv.contains("withhold"));
    let md = lexgraph()
        .args([
            "query",
            "rulings where outcome = withhold",
            "--format",
            "markdown",
        ])
        .assert()
        .success();
    let md = String::from_utf8_lossy(&md.get_output().stdout).to_string();
    assert!(
        md.contains("| Ruling | Documents | Outcome | Doctrine | Reason |"),
        "{md}"
    );
    let table = lexgraph()
        .args(["query", "rulings where outcome = withhold"])
        .assert()
        .success();
    let table = String::from_utf8_lossy(&table.get_output().stdout).to_string();
    assert!(
        table.contains("CCSAO_001471") && table.contains('│'),
        "{table}"
    );
}

#[test]
fn every_search_operator_example_finds_something() {
    for op in lexgraph::query::help::operator_examples() {
        let hits = rows(&format!("search {}", op.example));
        assert!(
            !hits.is_empty(),
            "`{}` ({}) finds nothing",
            op.example,
            op.syntax
        );
    }
}

#[test]
fn search_connectors_find_the_passages_whose_answers_are_known() {
    let williams = rows("search prosecutor /s civil");
    assert!(
        williams.iter().any(|h| h["authorities"]
            .as_str()
            .unwrap_or_default()
            .contains("Williams")
            && h["snippet"]
                .as_str()
                .unwrap_or_default()
                .contains("[[prosecutor")),
        "{williams:#?}"
    );
    let enviro = rows("search \"inextricably intertwined\"");
    assert!(enviro.iter().any(|h| {
        h["authorities"]
            .as_str()
            .unwrap_or_default()
            .contains("Enviro Tech")
    }));
    let waiver = rows("search privilege! /p waive!");
    assert!(
        waiver.iter().any(|h| h["section"] == "A. Privilege Log"),
        "{waiver:#?}"
    );
    let excluded = rows("search privilege % waive!");
    assert!(!excluded.is_empty());
    assert!(excluded.iter().all(|h| {
        !h["snippet"]
            .as_str()
            .unwrap_or_default()
            .to_lowercase()
            .contains("waive")
    }));
    // A hit leads into the graph: the pipeline filters on its fields.
    let narrowed = rows("search \"particularized need\" | where court = ilnd | limit 2");
    assert_eq!(narrowed.len(), 2);
}

#[test]
fn a_search_that_does_not_parse_points_at_the_column() {
    let out = lexgraph().args(["search", "privilege /s"]).assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("expected a term after `/s`"), "{err}");
    assert!(err.contains("\n  privilege /s\n"), "{err}");
}

#[test]
fn treatment_reads_the_citing_sentence_and_the_one_after_it() {
    // "But CCSAO's reliance on this portion of the Confidentiality Order is
    // misplaced." follows the cite of R. 117 ¶ 6: a party's reading rejected.
    let order = rows("cited-by \"R. 117\"");
    assert!(
        order.iter().any(
            |r| r["place"].as_str().unwrap_or_default().starts_with("¶ 41")
                && r["treatment"] == "rejected"
        ),
        "{order:#?}"
    );
    // "This court adopts the same reasoning" after the cite of Cruz.
    let cruz = rows("cited-by Cruz");
    assert!(
        cruz.iter().any(|r| r["treatment"] == "followed"),
        "{cruz:#?}"
    );
    // "declin[ed] to stray from the clear line of cases" in Williams' sentence.
    let williams = rows("cited-by Williams");
    assert!(
        williams
            .iter()
            .any(|r| r["how"] == "full cite" && r["treatment"] == "followed")
    );
    // The card counts treatments and flags the negative one.
    let card = rows("show \"R. 117\"");
    let treatment = card
        .iter()
        .find(|r| r["field"] == "treatment")
        .and_then(|r| r["value"].as_str())
        .unwrap_or_default()
        .to_string();
    assert!(
        treatment.contains("rejected 1") && treatment.contains("negative treatment"),
        "{treatment}"
    );
}

#[test]
fn a_limit_cuts_the_citing_list_short_but_not_its_summary() {
    let corpus = lexgraph::ingest::open(&lexgraph::ingest::bundled()).expect("bundled corpus");
    let run = |q: &str| lexgraph::query::run(&corpus.graph, q).expect(q);
    for (verb, name, fields) in [
        ("cited-by Hobley", "citing", "name, pin"),
        ("show Hobley", "citing_uses", "opinion, pin"),
    ] {
        let all = run(verb);
        let first = run(&format!("{verb} | select {fields} | limit 2"));
        let find = |a: &lexgraph::query::Answer| {
            a.sections
                .iter()
                .position(|s| s.name == name)
                .expect("the citing section")
        };
        let (section, kept_at) = (find(&all), find(&first));
        let every = &all.sections[section].rows;
        assert!(every.len() > 2, "{verb}: {every:?}");
        let kept = &first.sections[kept_at].rows;
        assert_eq!(kept.len(), 2, "{verb}");
        let columns = &all.sections[section].columns;
        let at = |name: &str| columns.iter().position(|c| *c == name);
        for (row, full) in kept.iter().zip(every) {
            let expected: Vec<_> = first.sections[kept_at]
                .columns
                .iter()
                .filter_map(|c| at(c).map(|i| full[i].clone()))
                .collect();
            assert_eq!(row, &expected, "{verb}");
        }
        // The citator summary still counts every use.
        assert_eq!(first.text, all.text, "{verb}");
    }
}
