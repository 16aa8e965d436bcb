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

#[test]
fn json_lines_are_extracted_record_by_record_with_spans_into_each_text() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ingest/strickland.jsonl");
    let records: std::collections::HashMap<String, String> = std::fs::read_to_string(&fixture)
        .expect("fixture")
        .lines()
        .map(|line| {
            let record: Value = serde_json::from_str(line).expect("record");
            let text = record["text"].as_str().expect("text").to_string();
            (record["id"].as_str().expect("id").to_string(), text)
        })
        .collect();
    let out = lexgraph()
        .arg("extract")
        .arg(&fixture)
        .args(["--format", "jsonl"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    let rows: Vec<Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .collect();
    let strickland = rows
        .iter()
        .find(|row| row["volume"] == "466" && row["page"] == "668")
        .expect("Strickland is cited");
    assert_eq!(strickland["opinion"], "cl-195108");
    for row in &rows {
        let text = &records[row["opinion"]
            .as_str()
            .expect("every row names its opinion")];
        let span = &row["span"];
        let (start, end) = (span["start"].as_u64().unwrap_or(0), span["end"].as_u64());
        let matched = text.get(start as usize..end.unwrap_or(0) as usize);
        assert_eq!(matched, row["matched_text"].as_str(), "{row}");
    }
}

#[test]
fn a_broken_json_line_is_skipped_with_its_line_and_the_rest_extracted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("opinions.jsonl");
    std::fs::write(
        &file,
        concat!(
            "{\"id\": \"a\", \"text\": \"Two.\n",
            r#"{"id": "b", "text": "See Hobley v. Burge, 433 F.3d 946, 949 (7th Cir. 2006)."}"#,
            "\n",
        ),
    )
    .expect("write");
    let out = lexgraph()
        .arg("extract")
        .arg(&file)
        .args(["--format", "jsonl"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("opinions.jsonl:1: "), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(stdout.contains(r#""opinion":"b""#), "{stdout}");
    assert!(stdout.contains(r#""pin_cite":"949""#), "{stdout}");
}
