//! Integration tests: the `lexgraph` binary run on the bundled corpus, with
//! assertions on what a user would check (the right case, the right pin).
//! One test binary, modules by theme.

mod annotations;
mod check;
mod extract;
mod ingest;
mod query;
mod repl;
mod search_index;
mod seed_extraction;
mod seed_layout;

use assert_cmd::Command;
use serde_json::Value;

/// The bundled corpus.
pub fn data() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// The binary, pointed at the bundled corpus, colors off.
pub fn lexgraph() -> Command {
    lexgraph_in(&data())
}

/// The binary, pointed at the corpus in `dir`.
pub fn lexgraph_in(dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("lexgraph").expect("the lexgraph binary is built");
    cmd.env("NO_COLOR", "1")
        .env_remove("LEXGRAPH_CORPUS")
        .env("LEXGRAPH_HISTORY", "/dev/null")
        .arg("--corpus")
        .arg(dir);
    cmd
}

/// Runs `lexgraph query QUERY --format json` on the bundled corpus and
/// returns its rows.
pub fn rows(query: &str) -> Vec<Value> {
    rows_in(&data(), query)
}

/// Rows of `lexgraph --corpus DIR query QUERY --format json`.
pub fn rows_in(dir: &std::path::Path, query: &str) -> Vec<Value> {
    let out = lexgraph_in(dir)
        .args(["query", query, "--format", "json"])
        .output()
        .expect("lexgraph runs");
    assert!(
        out.status.success(),
        "`{query}` failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    value.as_array().cloned().unwrap_or_default()
}

/// The rows whose `field` contains `needle`.
pub fn with<'a>(rows: &'a [Value], field: &str, needle: &str) -> Vec<&'a Value> {
    rows.iter()
        .filter(|r| r[field].as_str().is_some_and(|s| s.contains(needle)))
        .collect()
}

/// The transcripts of `tests/cmd/`: one user story each, output checked
/// exactly. Regenerate with `TRYCMD=overwrite cargo test transcripts` and
/// read the diff.
#[test]
fn transcripts() {
    trycmd::TestCases::new()
        .register_bin("lexgraph", trycmd::cargo::cargo_bin("lexgraph"))
        .env("NO_COLOR", "1")
        .env("LEXGRAPH_HISTORY", "/dev/null")
        .env("LEXGRAPH_CORPUS", data().display().to_string())
        .env("COLUMNS", "100")
        .case("tests/cmd/*.trycmd");
}
