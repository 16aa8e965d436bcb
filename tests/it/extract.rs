//! `lexgraph extract`: the citations of a text file, as eyecite names them.

use serde_json::Value;

use crate::{data, lexgraph};

fn extract(format: &str) -> String {
    let out = lexgraph()
        .arg("extract")
        .arg(data().join("opinions/munoz-v-guevara.txt"))
        .args(["--format", format])
        .assert()
        .success();
    String::from_utf8_lossy(&out.get_output().stdout).to_string()
}

#[test]
fn json_has_eyecite_fields_and_every_kind_of_the_seed() {
    let citations: Vec<Value> = serde_json::from_str(&extract("json")).expect("JSON array");
    let count = |kind: &str| citations.iter().filter(|c| c["type"] == kind).count();
    assert_eq!(count("IdCitation"), 26);
    for kind in [
        "FullCaseCitation",
        "ShortCaseCitation",
        "FullLawCitation",
        "RuleCitation",
        "DocketEntryCitation",
        "RecordCitation",
        "BatesCitation",
    ] {
        assert!(count(kind) > 0, "no {kind}");
    }
    let rbs = citations
        .iter()
        .find(|c| c["volume"] == "291" && c["page"] == "209")
        .expect("RBS Citizens");
    assert_eq!(rbs["corrected_reporter"], "F.R.D.");
    assert_eq!(rbs["pin_cite"], "218");
    assert_eq!(rbs["year"], 2013);
    assert_eq!(rbs["court"], "ilnd");
    assert!(rbs["span"]["start"].as_u64() < rbs["span"]["end"].as_u64());
}

#[test]
fn jsonl_is_one_citation_per_line() {
    let text = extract("jsonl");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() > 100);
    for line in lines {
        let value: Value = serde_json::from_str(line).expect("one JSON object per line");
        assert!(value["type"].is_string());
    }
}

#[test]
fn a_missing_file_is_a_user_error() {
    lexgraph()
        .args(["extract", "/nonexistent.txt"])
        .assert()
        .code(2);
}

#[test]
fn a_binary_file_is_skipped_with_a_message_and_the_others_still_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let binary = dir.path().join("scan.pdf");
    std::fs::write(&binary, b"%PDF-1.4\0\0\x01\x02binary").expect("write");
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(
        &latin1,
        b"See Hobley v. Burge, 433 F.3d 946, 949 (7th Cir. 2006) (caf\xe9).",
    )
    .expect("write");
    let out = lexgraph()
        .arg("extract")
        .arg(&binary)
        .arg(&latin1)
        .args(["--format", "jsonl"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("scan.pdf: binary file"), "{stderr}");
    assert!(stderr.contains("latin1.txt: warning:"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(stdout.contains("\"page\":\"946\""), "{stdout}");
}
