//! `protokoll check`: findings with file:line:column, in human and JSON form,
//! and the exit code that CI and editors rely on.

use crate::support;

fn check(args: &[&str]) -> std::process::Output {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    support::run(&all, None)
}

#[test]
fn the_bundled_examples_have_no_errors() {
    let meetings = support::example("");
    let output = check(&[meetings.to_str().expect("utf-8 path")]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        support::describe(&output)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("0 fel"), "{stderr}");
}

#[test]
fn an_error_exits_1_and_is_located() {
    let file = support::fixture("unknown-key/meetings/provnamnd/2021/2021-01-01.yaml");
    let output = check(&[file.to_str().expect("utf-8 path")]);
    let stderr = support::refused_stderr(&output);
    assert!(stderr.contains("2021-01-01.yaml:12:5"), "{stderr}");
    assert!(stderr.contains("okänd nyckel `foredragande`"), "{stderr}");
    assert!(
        stderr.contains("= tips: menade du `föredragande`?"),
        "{stderr}"
    );
}

#[test]
fn json_format_prints_one_object_per_finding() {
    let dir = support::fixture("unknown-key/meetings");
    let output = check(&["--format", "json", dir.to_str().expect("utf-8 path")]);
    support::refused_stderr(&output);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    let finding = &lines[0];
    assert_eq!(finding["severity"], "error");
    assert_eq!(
        (finding["line"].as_u64(), finding["column"].as_u64()),
        (Some(12), Some(5))
    );
    assert!(
        finding["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("2021-01-01.yaml")),
        "{finding}"
    );
    assert_eq!(finding["hints"][0], "menade du `föredragande`?");
}

#[test]
fn a_broken_organ_file_is_reported_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    support::copy_dir(
        &support::fixture("minimal/meetings"),
        &dir.path().join("meetings"),
    );
    let organ = dir.path().join("meetings/provnamnd/organ.yaml");
    let broken = format!("{}kortnman: X\n", support::read(&organ));
    support::write(&organ, &broken);
    let output = check(&[dir.path().join("meetings").to_str().expect("utf-8 path")]);
    let stderr = support::refused_stderr(&output);
    assert_eq!(
        stderr.matches("okänd nyckel `kortnman`").count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("menade du `kortnamn`?"), "{stderr}");
}
