//! `lexgraph check`: the bundled corpus validates, a broken one fails clearly.

use std::fs;

use crate::{data, lexgraph, lexgraph_in};

#[test]
fn the_bundled_corpus_passes_with_counts_by_kind() {
    let out = lexgraph().arg("check").assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    for kind in [
        "opinion",
        "case",
        "doctrine",
        "element",
        "ruling",
        "document",
        "cites",
        "cites_via",
        "relies_on",
        "states",
    ] {
        assert!(text.contains(kind), "{kind} missing from {text}");
    }
}

/// A copy of the bundled corpus whose annotation file `edit` rewrites.
pub(crate) fn broken_corpus(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for sub in ["opinions", "annotations"] {
        fs::create_dir_all(dir.path().join(sub)).expect("mkdir");
        for entry in fs::read_dir(data().join(sub)).expect("data dir") {
            let path = entry.expect("entry").path();
            let mut text = fs::read_to_string(&path).expect("readable");
            if sub == "annotations" {
                text = edit(text);
            }
            fs::write(
                dir.path().join(sub).join(path.file_name().expect("name")),
                text,
            )
            .expect("write");
        }
    }
    dir
}

#[test]
fn a_dangling_reference_names_file_line_and_reference() {
    let dir =
        broken_corpus(|t| t.replacen("ref = \"433 F.3d 946\"", "ref = \"Hobely v. Burge\"", 1));
    let out = lexgraph_in(dir.path()).arg("check").assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("munoz-v-guevara.toml:"), "{err}");
    assert!(err.contains("Hobely v. Burge"), "{err}");
}

#[test]
fn malformed_toml_names_file_and_line() {
    let dir = broken_corpus(|t| t.replacen("[[doctrine]]", "[[doctrine]\n", 1));
    let out = lexgraph_in(dir.path()).arg("check").assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("munoz-v-guevara.toml:"), "{err}");
}

#[test]
fn a_missing_corpus_is_a_user_error() {
    lexgraph_in(std::path::Path::new("/nonexistent/corpus"))
        .arg("check")
        .assert()
        .code(2);
}
