//! Every example the README and `--help` give runs as written on the bundled
//! meetings: a secretary copies them, so each must work.

use std::path::Path;

use crate::support;

/// The commands of the README's shell blocks and of every `--help`'s
/// "Exempel:" section, each once, without their explanations.
fn examples(readme: &str, helps: &[String]) -> Vec<Vec<String>> {
    let mut commands: Vec<Vec<String>> = Vec::new();
    let mut in_shell = false;
    let readme_lines = readme.lines().filter(|line| {
        if line.starts_with("```") {
            in_shell = line.trim() == "```sh";
            return false;
        }
        in_shell
    });
    let help_lines = helps.iter().flat_map(|help| {
        help.lines()
            .skip_while(|line| !line.starts_with("Exempel:"))
            .skip(1)
            .take_while(|line| line.starts_with("  "))
    });
    for line in readme_lines.chain(help_lines) {
        let line = line.trim();
        let Some(rest) = line.strip_prefix("protokoll ") else {
            continue;
        };
        // An explanation follows a `#` (README) or a wide gap (--help).
        let command = rest.split(" #").next().unwrap_or(rest);
        let command = command.split("   ").next().unwrap_or(command);
        let words: Vec<String> = command.split_whitespace().map(str::to_owned).collect();
        if !words.is_empty() && !commands.contains(&words) {
            commands.push(words);
        }
    }
    commands
}

#[test]
fn every_example_in_the_readme_and_the_help_runs_as_written() {
    let root = support::manifest_dir();
    let readme = support::read(&root.join("README.md"));
    let mut helps = Vec::new();
    for command in [
        "",
        "build",
        "kallelse",
        "utdrag",
        "anslag",
        "new",
        "justera",
        "publish",
        "export",
        "check",
        "watch",
        "templates",
        "schema",
    ] {
        let args: Vec<&str> = [command, "--help"]
            .into_iter()
            .filter(|a| !a.is_empty())
            .collect();
        let output = support::run(&args, None);
        assert!(output.status.success(), "{}", support::describe(&output));
        helps.push(String::from_utf8_lossy(&output.stdout).into_owned());
    }
    let commands = examples(&readme, &helps);
    assert!(commands.len() > 15, "{commands:?}");

    // One copy of the bundled project for all of them: the README's
    // commands run from its root.
    let dir = tempfile::tempdir().expect("temp dir");
    support::copy_dir(&root.join("meetings"), &dir.path().join("meetings"));
    let scratch = dir.path().join("ut");
    let mut ran = 0;
    for words in &commands {
        // `watch` runs until Ctrl-C; tests/main/engine.rs drives it.
        if words[0] == "watch" {
            continue;
        }
        let args: Vec<String> = words
            .iter()
            .map(|w| {
                if w == "/tmp/ut" {
                    scratch.display().to_string()
                } else {
                    w.clone()
                }
            })
            .collect();
        let output = support::run(&args, Some(dir.path()));
        assert!(
            output.status.success(),
            "`protokoll {}` failed:\n{}",
            words.join(" "),
            support::describe(&output)
        );
        ran += 1;
    }
    assert!(ran > 12, "only {ran} examples ran");
    assert!(
        Path::new(
            &dir.path()
                .join("output/socsam/2021/2021-02-26-protokoll.pdf")
        )
        .is_file()
    );
}
