//! `lexgraph ingest`: opinions from JSON Lines into an ingested corpus in a
//! temporary directory, then queried, re-ingested, broken, killed and raced.
//! Inputs come from `tests/fixtures/ingest/` (see its README) and `data/`.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use crate::{data, lexgraph_in, rows_in};

/// The five opinions of the fixture that cite *Strickland v. Washington*
/// (the last only in short form), by case name.
const STRICKLAND_CITERS: [&str; 5] = [
    "Adegboyega Akitoye v. United States Of America",
    "United States Of America v. Melvin Williams",
    "Jorge Hernando Hoyos-Medina v. United States Of America",
    "Victor Vega-Encarnacion v. United States Of America",
    "James Singleton v. United States Of America",
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ingest")
        .join(name)
}

fn ingest(dir: &Path, inputs: &[&Path]) -> Output {
    lexgraph_in(dir)
        .arg("ingest")
        .args(inputs)
        .output()
        .expect("lexgraph runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Whether some string cell of `rows` contains `needle`.
fn mentions(rows: &[Value], needle: &str) -> bool {
    rows.iter().any(|row| {
        row.as_object().is_some_and(|cells| {
            cells
                .values()
                .any(|v| v.as_str().is_some_and(|s| s.contains(needle)))
        })
    })
}

fn strickland_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = ingest(dir.path(), &[&fixture("strickland.jsonl")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    dir
}

#[test]
fn cited_by_strickland_lists_every_citer_in_full_and_short_form() {
    let dir = strickland_corpus();
    let rows = rows_in(dir.path(), "cited-by 466 U.S. 668");
    for name in STRICKLAND_CITERS {
        assert!(mentions(&rows, name), "{name} missing from {rows:#?}");
    }
}

#[test]
fn the_summary_counts_what_was_added() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = ingest(dir.path(), &[&fixture("strickland.jsonl")]);
    let stdout = text(&out.stdout);
    // The five opinions, and the seed a new corpus starts from.
    assert!(stdout.contains("opinions: 6 added"), "{stdout}");
    assert!(stdout.contains("FullCaseCitation"), "{stdout}");
    assert!(stdout.contains("annotations: 1 added"), "{stdout}");
}

#[test]
fn reingesting_the_same_input_changes_nothing() {
    let dir = strickland_corpus();
    let database = dir.path().join("corpus.sqlite");
    let before = std::fs::read(&database).expect("database");
    let out = ingest(dir.path(), &[&fixture("strickland.jsonl")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("0 added, 0 updated, 5 unchanged"),
        "{stdout}"
    );
    assert_eq!(std::fs::read(&database).expect("database"), before);
}

#[test]
fn a_broken_line_is_reported_with_its_line_and_the_rest_ingested() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lines = std::fs::read_to_string(fixture("strickland.jsonl")).expect("fixture");
    let lines: Vec<&str> = lines.lines().collect();
    let input = dir.path().join("broken.jsonl");
    let broken = format!(
        "{}\n{{\"id\": \"half\", \"case_name\": \"Cut v. Off\", \"text\": \"The line ends\n{}\n",
        lines[0], lines[1]
    );
    std::fs::write(&input, broken).expect("write");
    let corpus = dir.path().join("corpus");
    let out = ingest(&corpus, &[&input]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("broken.jsonl:2:"), "{stderr}");
    let opened = lexgraph::ingest::open(&corpus).expect("the corpus opens");
    let ids: Vec<&str> = opened.opinions.iter().map(|o| o.meta.id.as_str()).collect();
    assert_eq!(ids, ["munoz-v-guevara", "cl-195108", "cl-195140"]);
}

#[test]
fn a_binary_file_is_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let binary = dir.path().join("scan.pdf");
    std::fs::write(&binary, b"%PDF-1.4\n\0\0\x01\x02binary").expect("write");
    let corpus = dir.path().join("corpus");
    let out = ingest(&corpus, &[&binary, &fixture("strickland.jsonl")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("scan.pdf: binary file"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        text(&out.stdout).contains("6 added"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_killed_run_leaves_the_corpus_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = dir.path().join("first.jsonl");
    let second = dir.path().join("second.jsonl");
    let fixture = std::fs::read_to_string(fixture("strickland.jsonl")).expect("fixture");
    let lines: Vec<&str> = fixture.lines().collect();
    std::fs::write(&first, format!("{}\n", lines[0])).expect("write");
    std::fs::write(&second, lines[1..].join("\n")).expect("write");
    let corpus = dir.path().join("corpus");
    assert!(ingest(&corpus, &[&first]).status.success());
    let before = lexgraph::ingest::open(&corpus)
        .expect("opens")
        .opinions
        .len();

    // Dies right after storing its second opinion, inside the transaction.
    let killed = lexgraph_in(&corpus)
        .env("LEXGRAPH_INGEST_ABORT_AFTER", "2")
        .arg("ingest")
        .arg(&second)
        .output()
        .expect("lexgraph runs");
    assert!(!killed.status.success());
    let after = lexgraph::ingest::open(&corpus).expect("still opens");
    assert_eq!(after.opinions.len(), before);

    // The next run does the work.
    let out = ingest(&corpus, &[&second]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("4 added"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_killed_first_run_leaves_no_corpus_and_the_next_makes_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let killed = lexgraph_in(dir.path())
        .env("LEXGRAPH_INGEST_ABORT_AFTER", "1")
        .arg("ingest")
        .arg(fixture("strickland.jsonl"))
        .output()
        .expect("lexgraph runs");
    assert!(!killed.status.success());
    let error = lexgraph::ingest::open(dir.path()).expect_err("no corpus yet");
    assert!(error.to_string().contains("ingest"), "{error}");
    assert!(
        ingest(dir.path(), &[&fixture("strickland.jsonl")])
            .status
            .success()
    );
    assert_eq!(
        lexgraph::ingest::open(dir.path())
            .expect("opens")
            .opinions
            .len(),
        6
    );
}

#[test]
fn two_ingests_at_once_take_turns() {
    let dir = tempfile::tempdir().expect("temp dir");
    let spawn = || {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("lexgraph"));
        cmd.env_remove("LEXGRAPH_CORPUS")
            .arg("--corpus")
            .arg(dir.path())
            .arg("ingest")
            .arg(fixture("strickland.jsonl"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        cmd.spawn().expect("lexgraph starts")
    };
    let (a, b) = (spawn(), spawn());
    for child in [a, b] {
        let out = child.wait_with_output().expect("lexgraph ends");
        let stderr = text(&out.stderr);
        // The second waits for the first; were it to wait too long it would say so.
        assert!(
            out.status.success() || stderr.contains("another process is writing"),
            "{stderr}"
        );
    }
    let corpus = lexgraph::ingest::open(dir.path()).expect("opens");
    assert_eq!(corpus.opinions.len(), 6);
}

#[test]
fn the_seed_stays_in_an_ingested_corpus() {
    let dir = strickland_corpus();
    let rows = rows_in(dir.path(), "authorities for CCSAO_001471");
    assert!(mentions(&rows, "K.L. v. Edgar"), "{rows:#?}");
    assert!(mentions(&rows, "withhold"), "{rows:#?}");
}

#[test]
fn an_ingested_seed_checks_like_the_bundled_corpus() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = lexgraph_in(dir.path())
        .arg("ingest")
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let counts = |corpus: &Path| {
        text(
            &lexgraph_in(corpus)
                .arg("check")
                .output()
                .expect("runs")
                .stdout,
        )
    };
    assert_eq!(counts(dir.path()), counts(&data()));
}

#[test]
fn the_bundled_corpus_is_not_written_to() {
    let out = lexgraph_in(&data())
        .arg("ingest")
        .arg(fixture("strickland.jsonl"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("read-only"),
        "{}",
        text(&out.stderr)
    );
    assert!(!data().join("corpus.sqlite").exists());
}

#[test]
fn an_ingest_leaves_the_search_index_in_place_for_the_next_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = lexgraph::ingest::Options {
        progress: false,
        ..Default::default()
    };
    let (summary, corpus) =
        lexgraph::ingest::ingest_and_open(dir.path(), &[fixture("strickland.jsonl")], &options)
            .expect("ingests");
    assert_eq!(summary.added, 6, "{summary}");
    let corpus = corpus.expect("the run linked");
    // The index built while the run committed is current: opening it
    // never asks for the opinions to build it again.
    let index = lexgraph::ingest::passages::index(
        dir.path(),
        &corpus.graph,
        || -> Result<Vec<_>, lexgraph::search::Error> { panic!("the index was built again") },
    )
    .expect("the index opens");
    let hits = index
        .search("ineffective /s assistance", 50)
        .expect("searches");
    let opinions: Vec<&str> = hits.iter().map(|h| h.passage.case_name.as_str()).collect();
    assert!(
        opinions.contains(&"Adegboyega Akitoye v. United States Of America"),
        "{opinions:?}"
    );
    let left: Vec<String> = std::fs::read_dir(dir.path().join("search"))
        .expect("search dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["index"], "no build is left beside the live index");
}
