//! Bad input: every file a broken editor, a wrong save dialog or a hostile
//! sender can hand protokoll gets exactly one clear error (file, and
//! line:column where it is known), never a panic, a hang, unbounded memory or
//! a PDF.
//!
//! Each case is a meeting file in a fresh organ folder
//! (`meetings/prov/organ.yaml` + `meetings/prov/2021/2021-01-01.yaml`), run
//! through `protokoll build FILE --out DIR` and, when the binary has it,
//! `protokoll check FILE`. Every run has a wall-clock limit and is killed
//! when it exceeds it, so a hang fails the test instead of CI. `check` also
//! runs under an address-space limit, so a file that makes protokoll
//! allocate without bound fails too.
//!
//! Inputs the fuzzer (`bash benches/fuzz.sh`) ever crashed on are kept in
//! `fuzz/regressions/` and replayed by [`fuzz_regressions_are_handled`].

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::support;

/// The longest any one run may take.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The address space `check` runs in (`ulimit -v`, KiB): 2 GiB. A file of at
/// most 4 MiB has no business needing more.
const CHECK_MEMORY_KIB: u64 = 2 * 1024 * 1024;

const ORGAN: &str = "\
namn: Provnämnden
kortnamn: PN
huvudman: Provköpings kommun
förvaringsplats: Kommunkansliet, Provköpings kommun
";

/// A valid meeting, twelve lines; cases add to it or change it.
const MEETING: &str = "\
datum: 2021-01-01
tid: \"09:00–10:00\"
plats: Kommunhuset
beslutande:
  - namn: Anna Andersson
  - namn: Bertil Berg
ordförande: Anna Andersson
sekreterare: Cecilia Ceder
justerare: [Bertil Berg]
paragrafer:
  - rubrik: Mötet öppnas
    text: Ordförande öppnar mötet.
";

/// Words that give away an English message (the secretary's language is
/// Swedish; a library's own text slipping through shows up as these).
const ENGLISH: &[&str] = &[
    " is not ",
    "expected",
    "found",
    " must ",
    "cannot",
    "the file",
    "unknown",
    "invalid",
    "error",
    "warning",
    "hint:",
    "did you mean",
    "while ",
];

/// Which file of the organ folder an error must name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Blamed {
    Meeting,
    Organ,
}

/// Where in the blamed file the error must point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum At {
    /// Nowhere in particular (the file as a whole).
    File,
    /// Some line:column.
    Located,
    /// This line, any column.
    Line(usize),
    /// This line:column (1-based, columns in characters).
    LineColumn(usize, usize),
}

/// What protokoll must do with a case.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// Exit 0, no error; `build` writes the PDF.
    Accepted,
    /// Exit 1 with exactly one error, and no PDF.
    Refused {
        blamed: Blamed,
        at: At,
        /// Words the message or its hints must contain (any case).
        mentions: &'static [&'static str],
        /// Words they must not contain (any case).
        avoids: &'static [&'static str],
    },
}

const fn refused(at: At, mentions: &'static [&'static str]) -> Expect {
    Expect::Refused {
        blamed: Blamed::Meeting,
        at,
        mentions,
        avoids: &[],
    }
}

/// An organ folder in a temporary directory.
struct Folder {
    dir: tempfile::TempDir,
}

impl Folder {
    fn new(organ: &[u8], meeting: &[u8]) -> Self {
        let folder = Folder {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        write_bytes(&folder.organ(), organ);
        write_bytes(&folder.meeting(), meeting);
        folder
    }

    fn with_meeting(meeting: &[u8]) -> Self {
        Self::new(ORGAN.as_bytes(), meeting)
    }

    fn organ(&self) -> PathBuf {
        self.dir.path().join("meetings/prov/organ.yaml")
    }

    fn meeting(&self) -> PathBuf {
        self.dir.path().join("meetings/prov/2021/2021-01-01.yaml")
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }
}

fn write_bytes(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("create folders");
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

/// What one run of the binary did.
struct Ran {
    what: String,
    code: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

impl Ran {
    fn describe(&self) -> String {
        format!(
            "`{}`: exit {:?} after {:.1?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.what,
            self.code,
            self.elapsed,
            truncate(&self.stdout),
            truncate(&self.stderr)
        )
    }

    /// The lines that start an error (`fel: …`).
    fn errors(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|line| line.starts_with("fel:"))
            .collect()
    }

    /// What the diagnostics say, without the quoted source lines: messages
    /// and `= tips:` notes, lowercased.
    fn said(&self) -> String {
        self.stderr
            .lines()
            .map(str::trim_start)
            .filter(|line| {
                line.starts_with("fel:") || line.starts_with("varning:") || line.starts_with("= ")
            })
            .collect::<Vec<_>>()
            .join("\n")
            .to_lowercase()
    }
}

fn truncate(text: &str) -> &str {
    match text.char_indices().nth(4000) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

/// Runs `protokoll ARGS`, killing it after `limit`; `memory_kib` puts it
/// under `ulimit -v`. Panics if it had to be killed.
fn run(args: &[OsString], limit: Duration, memory_kib: Option<u64>) -> Ran {
    let what = format!(
        "protokoll {}",
        args.iter()
            .map(|a| a.to_string_lossy())
            .collect::<Vec<_>>()
            .join(" ")
    );
    let mut command = match memory_kib {
        Some(kib) => {
            let mut sh = Command::new("sh");
            sh.arg("-c")
                .arg(format!("ulimit -v {kib} && exec \"$0\" \"$@\""))
                .arg(support::BIN);
            sh
        }
        None => Command::new(support::BIN),
    };
    let start = Instant::now();
    let mut child = command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("could not run {what}: {e}"));
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for protokoll") {
            break Some(status);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let ran = Ran {
        what,
        code: status.and_then(|s| s.code()),
        stdout: stdout.join().expect("stdout reader"),
        stderr: stderr.join().expect("stderr reader"),
        elapsed: start.elapsed(),
    };
    assert!(
        status.is_some(),
        "killed after {limit:?}: it hangs\n{}",
        ran.describe()
    );
    ran
}

/// Whether the binary has `protokoll check`.
fn has_check() -> bool {
    static HAS: OnceLock<bool> = OnceLock::new();
    *HAS.get_or_init(|| {
        let ran = run(&["check".into(), "--help".into()], TIMEOUT, None);
        ran.code == Some(0)
    })
}

/// The runs of a case: `build FILE --out DIR` and, when it exists, `check FILE`.
fn runs(folder: &Folder, file: &Path) -> Vec<(&'static str, Ran)> {
    let mut runs = vec![(
        "build",
        run(
            &[
                "build".into(),
                file.into(),
                "--out".into(),
                folder.out().into(),
            ],
            TIMEOUT,
            None,
        ),
    )];
    if has_check() {
        runs.push((
            "check",
            run(
                &["check".into(), file.into()],
                TIMEOUT,
                Some(CHECK_MEMORY_KIB),
            ),
        ));
    }
    runs
}

/// Runs the case in `folder` and checks what protokoll did against `expect`.
fn assert_case(folder: &Folder, expect: Expect) -> Vec<(&'static str, Ran)> {
    let meeting = folder.meeting();
    let ran = runs(folder, &meeting);
    for (command, ran) in &ran {
        let shown = ran.describe();
        assert!(
            !ran.stderr.contains("panicked") && ran.code != Some(101),
            "{command} panicked\n{shown}"
        );
        match expect {
            Expect::Accepted => {
                assert_eq!(ran.code, Some(0), "{command} refused it\n{shown}");
                assert!(ran.errors().is_empty(), "{command} found errors\n{shown}");
                if *command == "build" {
                    let pdf = support::pdf_path(&meeting, &folder.out());
                    assert!(pdf.is_file(), "build wrote no PDF\n{shown}");
                }
            }
            Expect::Refused {
                blamed,
                at,
                mentions,
                avoids,
            } => {
                assert_eq!(ran.code, Some(1), "{command} did not exit 1\n{shown}");
                let errors = ran.errors();
                // Every unknown key is told in one run, so a file may give
                // several errors; never none, and never the same one twice.
                assert!(!errors.is_empty(), "{command} gave no error line\n{shown}");
                let mut unique = errors.clone();
                unique.sort_unstable();
                unique.dedup();
                assert!(
                    unique.len() == errors.len(),
                    "{command} repeated an error: {errors:?}\n{shown}"
                );
                let file = match blamed {
                    Blamed::Meeting => meeting.clone(),
                    Blamed::Organ => folder.organ(),
                };
                let file = file.display().to_string();
                assert!(
                    ran.stderr.contains(&file),
                    "{command}'s error does not name {file}\n{shown}"
                );
                let located = |prefix: String| ran.stderr.contains(&prefix);
                match at {
                    At::File => {}
                    At::Located => assert!(
                        ran.stderr
                            .split(&format!("{file}:"))
                            .skip(1)
                            .any(|rest| rest.starts_with(|c: char| c.is_ascii_digit())),
                        "{command}'s error has no line:column in {file}\n{shown}"
                    ),
                    At::Line(line) => assert!(
                        located(format!("{file}:{line}:")),
                        "{command}'s error does not point at {file}:{line}\n{shown}"
                    ),
                    At::LineColumn(line, column) => assert!(
                        located(format!("{file}:{line}:{column}")),
                        "{command}'s error does not point at {file}:{line}:{column}\n{shown}"
                    ),
                }
                let said = ran.said();
                for word in mentions {
                    assert!(
                        said.contains(&word.to_lowercase()),
                        "{command}'s error does not mention {word:?}\n{shown}"
                    );
                }
                for word in avoids {
                    assert!(
                        !said.contains(&word.to_lowercase()),
                        "{command}'s error mentions {word:?}\n{shown}"
                    );
                }
                for word in ENGLISH {
                    assert!(
                        !said.contains(word),
                        "{command}'s error is not Swedish (has {word:?})\n{shown}"
                    );
                }
                if *command == "build" {
                    let written = support::files_below(&folder.out());
                    assert!(
                        written.is_empty(),
                        "build wrote {written:?} for a refused file\n{shown}"
                    );
                }
            }
        }
    }
    ran
}

fn assert_meeting(meeting: &[u8], expect: Expect) -> Vec<(&'static str, Ran)> {
    assert_case(&Folder::with_meeting(meeting), expect)
}

/// `MEETING` with `extra` appended (from line 13 on).
fn meeting_with(extra: &str) -> Vec<u8> {
    format!("{MEETING}{extra}").into_bytes()
}

#[test]
fn the_valid_meeting_is_accepted() {
    assert_meeting(MEETING.as_bytes(), Expect::Accepted);
}

#[test]
fn empty_file() {
    assert_meeting(b"", refused(At::File, &["tom"]));
}

#[test]
fn whitespace_and_comments_only() {
    assert_meeting(
        b"  \n# Protokoll, skrivs senare\n\n   \n",
        refused(At::File, &["tom"]),
    );
}

#[test]
fn a_list_instead_of_keys() {
    // What a meeting file is (keys, starting with `datum:`) must be said.
    assert_meeting(
        b"- Anna Andersson\n- Bertil Berg\n",
        refused(At::LineColumn(1, 1), &["datum"]),
    );
}

#[test]
fn a_scalar_instead_of_keys() {
    assert_meeting(
        "Protokoll fört vid sammanträde med Provnämnden\n".as_bytes(),
        refused(At::LineColumn(1, 1), &["datum"]),
    );
}

#[test]
fn fifty_megabytes_are_refused_unread() {
    // A valid start, then 50 MB of comment lines: only the size may be looked at.
    let line = "# fyllnad fyllnad fyllnad fyllnad fyllnad fyllnad fyllnad fyllnad\n";
    let mut text = String::with_capacity(50 * 1024 * 1024 + MEETING.len());
    text.push_str(MEETING);
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(line);
    }
    let runs = assert_meeting(text.as_bytes(), refused(At::File, &["större än"]));
    for (command, ran) in runs {
        assert!(
            ran.elapsed < Duration::from_secs(20),
            "{command} took {:?}: it reads what it should refuse unread",
            ran.elapsed
        );
    }
}

#[test]
fn invalid_utf8_points_at_the_first_bad_byte() {
    let mut bytes = meeting_with("  - rubrik: Fel ");
    bytes.extend_from_slice(b"\xff\xfe tecken\n");
    assert_meeting(&bytes, refused(At::LineColumn(13, 17), &["utf-8"]));
}

#[test]
fn tabs_for_indentation() {
    let text = MEETING.replace("  - rubrik", "\t- rubrik");
    assert_meeting(text.as_bytes(), refused(At::Line(11), &["tab"]));
}

#[test]
fn duplicate_keys() {
    // Point at the second `datum`, in the format's words, not the YAML
    // library's (no "DuplicateKeyPolicy in Options").
    assert_meeting(
        &meeting_with("datum: 2021-01-02\n"),
        Expect::Refused {
            blamed: Blamed::Meeting,
            at: At::LineColumn(13, 1),
            mentions: &["datum"],
            avoids: &["DuplicateKeyPolicy", "Options"],
        },
    );
}

/// The classic file: nine levels of ten aliases each, 10⁹ `lol`s when expanded.
fn billion_laughs() -> String {
    let mut text = String::from("lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..=9 {
        let previous = format!("*lol{}", level - 1);
        let items = [previous.as_str(); 10].join(", ");
        text.push_str(&format!("lol{level}: &lol{level} [{items}]\n"));
    }
    text
}

#[test]
fn billion_laughs_alone() {
    // Its keys are not the format's: the first one is the error, unexpanded.
    assert_meeting(
        billion_laughs().as_bytes(),
        refused(At::LineColumn(1, 1), &["lol0"]),
    );
}

#[test]
fn billion_laughs_after_a_valid_meeting() {
    assert_meeting(
        &meeting_with(&billion_laughs()),
        refused(At::LineColumn(13, 1), &["lol0"]),
    );
}

#[test]
fn aliases_that_expand_past_the_budget() {
    // The bomb in a shape the format accepts: one § with 1 MB of text, and
    // 99 aliases of it (10⁸ bytes). The YAML budget stops it; the message
    // must say why in the secretary's words (aliases), not as a Rust value.
    let mut text = MEETING.replacen(
        "  - rubrik: Mötet öppnas",
        "  - &p\n    rubrik: Mötet öppnas",
        1,
    );
    text = text.replace("Ordförande öppnar mötet.", &"bla ".repeat(250_000));
    for _ in 0..99 {
        text.push_str("  - *p\n");
    }
    assert_meeting(
        text.as_bytes(),
        Expect::Refused {
            blamed: Blamed::Meeting,
            at: At::Located,
            mentions: &["alias"],
            avoids: &["ScalarBytes", "{ "],
        },
    );
}

#[test]
fn ten_thousand_nested_flow_sequences() {
    let deep = format!("[{}]", "[".repeat(9_999) + &"]".repeat(9_999));
    let text = MEETING.replace("[Bertil Berg]", &deep);
    assert_meeting(text.as_bytes(), refused(At::Line(9), &[]));
}

#[test]
fn a_one_megabyte_line_of_text() {
    // Large but legal (the limit is 4 MiB): it must build, in bounded time.
    // Sentences, not one long word: 38 000 full stops, each of which the
    // Typst source once escaped (`\.`), which Typst lays out in quadratic time.
    let long = "Ordförande öppnar mötet. ".repeat(38_000);
    let text = MEETING.replace("Ordförande öppnar mötet.", long.trim_end());
    assert!(text.len() > 1_000_000, "{}", text.len());
    assert_meeting(text.as_bytes(), Expect::Accepted);
}

#[test]
fn nul_bytes() {
    assert_meeting(
        &meeting_with("  - rubrik: a\0b\n"),
        refused(At::LineColumn(13, 14), &[]),
    );
}

#[test]
fn byte_order_mark_is_accepted() {
    assert_meeting(format!("\u{feff}{MEETING}").as_bytes(), Expect::Accepted);
}

#[test]
fn crlf_line_endings_are_accepted() {
    assert_meeting(MEETING.replace('\n', "\r\n").as_bytes(), Expect::Accepted);
}

#[test]
fn första_paragraf_that_overflows_the_numbering() {
    // Two §§ from u32::MAX: the second has no number. The value must be
    // refused where it is written, not overflow while rendering.
    let text = MEETING.replacen(
        "plats: Kommunhuset\n",
        "plats: Kommunhuset\nförsta_paragraf: 4294967295\n",
        1,
    ) + "  - rubrik: Mötet avslutas\n";
    assert_meeting(text.as_bytes(), refused(At::Line(4), &[]));
}

#[test]
fn empty_organ_file() {
    // The hint must be about organ.yaml, not about meeting files' `datum:`.
    assert_case(
        &Folder::new(b"", MEETING.as_bytes()),
        Expect::Refused {
            blamed: Blamed::Organ,
            at: At::File,
            mentions: &["tom"],
            avoids: &["datum"],
        },
    );
}

#[test]
fn organ_file_that_is_a_list() {
    assert_case(
        &Folder::new(b"- Provn\xc3\xa4mnden\n", MEETING.as_bytes()),
        Expect::Refused {
            blamed: Blamed::Organ,
            at: At::LineColumn(1, 1),
            mentions: &[],
            avoids: &[],
        },
    );
}

#[test]
fn an_unreadable_sibling_does_not_stop_the_meeting() {
    // Another meeting of the organ that cannot be read (not UTF-8, too large)
    // is that file's problem: like a sibling that does not parse, it is left
    // out of the numbering, and this meeting still builds.
    let folder = Folder::with_meeting(MEETING.as_bytes());
    let sibling = folder.dir.path().join("meetings/prov/2021/2021-02-01.yaml");
    write_bytes(&sibling, b"datum: 2021-02-01\nplats: \xff\n");
    assert_case(&folder, Expect::Accepted);
}

/// Every input the fuzzer ever crashed on, as found (`fuzz/regressions/`):
/// none may panic or hang, and each either passes or is refused with errors.
#[test]
fn fuzz_regressions_are_handled() {
    let dir = support::manifest_dir().join("fuzz").join("regressions");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut inputs: Vec<PathBuf> = entries
        .map(|e| e.expect("folder entry").path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    inputs.sort();
    for input in inputs {
        let bytes = std::fs::read(&input).expect("read regression input");
        let folder = Folder::with_meeting(&bytes);
        for (command, ran) in runs(&folder, &folder.meeting()) {
            let shown = format!("{}\n{}", input.display(), ran.describe());
            assert!(
                !ran.stderr.contains("panicked") && ran.code != Some(101),
                "{command} panicked on {shown}"
            );
            match ran.code {
                Some(0) => {}
                Some(1) => assert!(!ran.errors().is_empty(), "exit 1 without an error: {shown}"),
                _ => panic!("{command} exited oddly on {shown}"),
            }
        }
    }
}
