//! Helpers shared by the integration tests: running the real `protokoll`
//! binary, finding the bundled examples and fixtures, and reading PDFs back
//! with poppler's `pdftotext` / `pdfinfo`.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary under test, built by Cargo for this test run.
pub const BIN: &str = env!("CARGO_BIN_EXE_protokoll");

/// The crate's root folder.
pub fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A file of the bundled examples, e.g. `example("socsam/2021/2021-02-26.yaml")`.
pub fn example(relative: &str) -> PathBuf {
    manifest_dir().join("meetings").join(relative)
}

/// The folder of one fixture case, `tests/fixtures/<case>`.
pub fn fixture(case: &str) -> PathBuf {
    manifest_dir().join("tests").join("fixtures").join(case)
}

/// Runs `protokoll` with `args` in `cwd` (the test process's own folder when
/// `None`) and returns what it did, whether it succeeded or not.
pub fn run<I, S>(args: I, cwd: Option<&Path>) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut command = Command::new(BIN);
    command.args(args);
    if let Some(dir) = cwd {
        command.current_dir(dir);
    }
    command
        .output()
        .unwrap_or_else(|e| panic!("could not run {BIN}: {e}"))
}

/// stdout and stderr of a run, for failure messages.
pub fn describe(output: &Output) -> String {
    format!(
        "exit status: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Where `protokoll build` puts the PDF of `meeting`
/// (`meetings/<organ>/<year>/<date>.yaml`) under `out`.
pub fn pdf_path(meeting: &Path, out: &Path) -> PathBuf {
    let year_dir = meeting.parent().expect("meeting file has a year folder");
    let organ_dir = year_dir.parent().expect("year folder has an organ folder");
    let name = |p: &Path| p.file_name().expect("named").to_string_lossy().into_owned();
    let date = meeting
        .file_stem()
        .expect("meeting file has a name")
        .to_string_lossy()
        .into_owned();
    out.join(name(organ_dir))
        .join(name(year_dir))
        .join(format!("{date}-protokoll.pdf"))
}

/// Runs `protokoll build MEETING --out OUT` and returns what it did.
pub fn run_build(meeting: &Path, out: &Path) -> Output {
    run(
        [
            OsStr::new("build"),
            meeting.as_os_str(),
            OsStr::new("--out"),
            out.as_os_str(),
        ],
        None,
    )
}

/// Asserts that a run exited 1 (refused its input) and returns its stderr.
pub fn refused_stderr(output: &Output) -> String {
    assert_eq!(output.status.code(), Some(1), "{}", describe(output));
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Builds `meeting` with `protokoll build MEETING --out OUT [extra…]`, asserts
/// that it succeeded and wrote a PDF, and returns the PDF's path.
pub fn build(meeting: &Path, out: &Path, extra: &[&str]) -> PathBuf {
    let mut args: Vec<&OsStr> = vec![OsStr::new("build"), meeting.as_os_str()];
    args.extend([OsStr::new("--out"), out.as_os_str()]);
    args.extend(extra.iter().map(OsStr::new));
    let output = run(&args, None);
    assert!(
        output.status.success(),
        "protokoll build {} failed\n{}",
        meeting.display(),
        describe(&output)
    );
    let pdf = pdf_path(meeting, out);
    let bytes = std::fs::read(&pdf).unwrap_or_else(|e| {
        panic!(
            "no PDF at {} after a successful build: {e}\n{}",
            pdf.display(),
            describe(&output)
        )
    });
    assert!(
        bytes.starts_with(b"%PDF-"),
        "{} is not a PDF",
        pdf.display()
    );
    pdf
}

/// Every PDF below `dir`, sorted.
pub fn pdfs_below(dir: &Path) -> Vec<PathBuf> {
    files_below(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect()
}

/// Writes `text` to `path`, creating its folders.
pub fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("create folders");
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

/// Reads a text file.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Copies the folder `from` into `to` (created), recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create target folder");
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Every file below `dir`, recursively.
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries {
        let entry = entry.expect("folder entry");
        if entry.file_type().expect("file type").is_dir() {
            found.extend(files_below(&entry.path()));
        } else {
            found.push(entry.path());
        }
    }
    found.sort();
    found
}

/// How `pdftotext` lays out the text it extracts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extract {
    /// `-layout`: lines as they stand on the page, columns side by side. For
    /// anything that is about lines and pages (headers, the ärendelista).
    Layout,
    /// `-raw`: the order of the content stream, which is Typst's logical
    /// order. Each table cell's lines stay together (in `-layout` a wrapped
    /// name cell is interleaved with its neighbours), and rotated text (the
    /// diagonal UTKAST watermark) is kept, which the other modes drop.
    Raw,
}

/// The text of `pdf` (pages `first..=last` when given), via `pdftotext`.
pub fn pdf_text(pdf: &Path, mode: Extract, pages: Option<(usize, usize)>) -> String {
    let mut command = Command::new("pdftotext");
    command.arg("-enc").arg("UTF-8");
    command.arg(match mode {
        Extract::Layout => "-layout",
        Extract::Raw => "-raw",
    });
    if let Some((first, last)) = pages {
        command
            .arg("-f")
            .arg(first.to_string())
            .arg("-l")
            .arg(last.to_string());
    }
    let output = command
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("could not run pdftotext (install poppler-utils): {e}"));
    assert!(
        output.status.success(),
        "pdftotext {} failed: {}",
        pdf.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("pdftotext writes UTF-8")
}

/// The number of pages of `pdf`, from `pdfinfo`.
pub fn page_count(pdf: &Path) -> usize {
    let output = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .unwrap_or_else(|e| panic!("could not run pdfinfo (install poppler-utils): {e}"));
    assert!(output.status.success(), "pdfinfo {} failed", pdf.display());
    let info = String::from_utf8_lossy(&output.stdout);
    info.lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo gave no page count:\n{info}"))
}

/// The text of each page (index 0 is page 1), one `pdftotext -f N -l N` each.
pub fn page_texts(pdf: &Path, mode: Extract) -> Vec<String> {
    (1..=page_count(pdf))
        .map(|page| pdf_text(pdf, mode, Some((page, page))))
        .collect()
}

/// Asserts that `text`, extracted from `document`, holds every string of
/// `expected`; the failure names the first one missing and shows the text.
pub fn assert_contains_all(text: &PdfText, document: &str, expected: &[&str]) {
    for wanted in expected {
        assert!(
            text.contains(wanted),
            "{document} lacks {wanted:?}:\n{}",
            text.text
        );
    }
}

/// `text` with every run of whitespace (pdftotext's line breaks included)
/// made one space, so text that Typst wrapped compares equal to the source.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text extracted from a PDF, searchable for text as it stands in the source.
///
/// Typst breaks lines at spaces and also inside words after `/`, `-`, `:` …
/// (`#read("/etc/` ⏎ `passwd")`); pdftotext then has a line break where the
/// source had a space, or where it had nothing at all. [`PdfText::contains`]
/// forgives exactly that: a line break of the PDF matches one space of the
/// source or none. Every other character, spaces within a line included,
/// must match exactly.
pub struct PdfText {
    /// The lines, whitespace squashed, joined by `\n`.
    pub text: String,
    chars: Vec<char>,
}

impl PdfText {
    /// The whole text of `pdf` in content-stream order (`pdftotext -raw`),
    /// ready for searching.
    pub fn of(pdf: &Path) -> Self {
        Self::new(&pdf_text(pdf, Extract::Raw, None))
    }

    /// Prepares `pdftotext` output for searching.
    pub fn new(extracted: &str) -> Self {
        let text = extracted
            .lines()
            .map(squash)
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        let chars = text.chars().collect();
        PdfText { text, chars }
    }

    /// Whether `needle` (whitespace squashed) is in the text, allowing line
    /// breaks between any two of its characters.
    pub fn contains(&self, needle: &str) -> bool {
        let needle: Vec<char> = squash(needle).chars().collect();
        let Some(&first) = needle.first() else {
            return true;
        };
        (0..self.chars.len())
            .filter(|&i| self.chars[i] == first)
            .any(|i| self.matches_at(i, &needle))
    }

    fn matches_at(&self, mut i: usize, needle: &[char]) -> bool {
        let mut j = 0;
        while j < needle.len() {
            let Some(&c) = self.chars.get(i) else {
                return false;
            };
            if c == '\n' {
                // A line break: the source's space, or a break inside a word.
                if needle[j] == ' ' {
                    j += 1;
                }
                i += 1;
            } else if c == needle[j] {
                i += 1;
                j += 1;
            } else {
                return false;
            }
        }
        true
    }
}

impl std::fmt::Display for PdfText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

#[test]
fn pdf_text_forgives_line_breaks_only() {
    let text = PdfText::new("Dnr C:\n\\temp  och\n#read(\"/etc/\npasswd\")\n\u{c}a //\nb\n");
    // A line break is the source's space or a break inside a word.
    assert!(text.contains("C:\\temp och #read(\"/etc/passwd\")"));
    assert!(text.contains("a // b"));
    assert!(text.contains("Dnr C: \\temp och"));
    // Within a line, every character and space counts.
    assert!(!text.contains("DnrC:"), "a space the PDF has");
    assert!(!text.contains("\\tempoch"), "a space the PDF has");
    assert!(!text.contains("\\temp och #read(\"/etc/passwd\") x"));
    assert!(!text.contains("C:\\tmp"), "a changed character");
}

/// `$PROTOKOLL_VALIDATE_PDF`, else `../shared/tools/validate-pdf` beside the
/// crate; `None` when it is not there.
pub fn validator() -> Option<PathBuf> {
    let path = match std::env::var_os("PROTOKOLL_VALIDATE_PDF") {
        Some(path) => PathBuf::from(path),
        None => manifest_dir().join("../shared/tools/validate-pdf"),
    };
    path.is_file().then_some(path)
}

/// Whether a tool of the checks is there; when it is not, a notice outside
/// CI, and a failure in CI, where `.ci/run` must have installed it.
pub fn tool_or_skip(found: bool, what: &str) -> bool {
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{what} not found; .ci/run must install it"
        );
        eprintln!("NOTICE: {what} not found; that check is NOT run");
    }
    found
}

/// Whether `python3` can import `module`.
pub fn python_has(module: &str) -> bool {
    Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether `command` runs (`command --version` or the like succeeds).
pub fn runs(command: &str, arg: &str) -> bool {
    Command::new(command)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The SHA-256 of `bytes` in lowercase hex, as locks and manifests write it.
pub fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
