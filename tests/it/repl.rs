//! The shell driven through piped standard input: one query per line, no
//! prompts, errors on stderr and in the exit code.

use crate::lexgraph;

#[test]
fn piped_queries_answer_in_order_without_prompts() {
    let out = lexgraph()
        .write_stdin(
            "# a comment\nrulings where outcome = withhold\n\n:format csv\ncites Williams\n",
        )
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(!text.contains("lexgraph>"), "{text}");
    assert!(text.contains("CCSAO_001471"));
    // After `:format csv` the answer is CSV.
    assert!(
        text.contains("authority,relation,pin,reported_in\n"),
        "{text}"
    );
    assert!(
        text.contains("\"Hobley v. Burge, 433 F.3d 946\",citing,949,"),
        "{text}"
    );
}

#[test]
fn a_failing_line_is_reported_and_the_script_goes_on() {
    let out = lexgraph().write_stdin("show\ndoctrines\n").assert().code(2);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("expected a reference after `show`"),
        "{stderr}"
    );
    assert!(stdout.contains("deliberative-process"), "{stdout}");
}

/// The shell in a pseudo-terminal on the corpus `dir`, without colors or
/// a history file.
fn terminal(dir: &std::path::Path) -> Result<rexpect::session::PtySession, rexpect::error::Error> {
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("lexgraph"));
    command
        .env("NO_COLOR", "1")
        .env("LEXGRAPH_HISTORY", "/dev/null")
        .env("TERM", "xterm")
        .arg("--corpus")
        .arg(dir);
    rexpect::session::spawn_command(command, Some(30_000))
}

/// Tab completion in a real terminal: a verb, then a case name, then the
/// query runs.
#[test]
fn tab_completes_verbs_and_names_in_a_terminal() -> Result<(), rexpect::error::Error> {
    let mut shell = terminal(&crate::data())?;
    shell.exp_string("lexgraph> ")?;
    shell.send("cited-b\t")?;
    shell.send(" Hobl\t")?;
    shell.send_line("")?;
    // The completed query ran: its answer names the case in full.
    shell.exp_string("Citing Hobley v. Burge, 433 F.3d 946")?;
    shell.exp_string("lexgraph> ")?;
    shell.send_control('d')?;
    shell.exp_eof()?;
    Ok(())
}

/// In a terminal the prompt comes before the corpus is open: a corpus
/// that does not open says why at the first query, and the shell ends
/// with the exit code of that error, as a script's would.
#[test]
fn a_corpus_that_does_not_open_is_reported_at_the_first_query() -> Result<(), rexpect::error::Error>
{
    let dir = crate::check::broken_corpus(|t| {
        t.replacen("ref = \"433 F.3d 946\"", "ref = \"Hobely v. Burge\"", 1)
    });
    let mut shell = terminal(dir.path())?;
    shell.exp_string("lexgraph> ")?;
    shell.send_line("count opinions")?;
    shell.exp_string("munoz-v-guevara.toml:")?;
    shell.exp_string("Hobely v. Burge")?;
    shell.exp_eof()?;
    let status = shell.process().wait()?;
    assert!(
        matches!(status, rexpect::process::WaitStatus::Exited(_, 2)),
        "{status:?}"
    );
    Ok(())
}
