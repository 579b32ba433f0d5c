//! The engine: a build typesets only what changed since the last one (the
//! cache in the output folder), never keeps a stale document, gives the same
//! bytes on one thread as on two, and `watch` rebuilds after a save.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use crate::support;

/// The cache file `build` keeps in the output folder.
const CACHE: &str = ".byggcache.json";

/// A project of three meetings of one organ in one year, in a temporary
/// folder: the `minimal` fixture's meeting and two later ones that continue
/// its § numbering. The second has an utdrag_till and a justering, so it
/// yields an utdrag too.
struct Folder {
    dir: tempfile::TempDir,
}

/// A meeting of the organ on `date`, with its §§ (YAML list items) and any
/// keys before them (`extra`).
fn meeting_yaml(date: &str, extra: &str, paragraphs: &str) -> String {
    format!(
        "datum: {date}
tid: \"09:00–10:00\"
plats: Kommunhuset, sal 1
beslutande:
  - namn: Anna Andersson
    parti: S
  - namn: Bertil Berg
    parti: M
ordförande: Anna Andersson
sekreterare: Cecilia Ceder
justerare: [Bertil Berg]
{extra}paragrafer:
  - rubrik: Mötet öppnas
    text: Ordförande öppnar mötet.
{paragraphs}"
    )
}

fn second() -> String {
    meeting_yaml(
        "2021-02-05",
        "justering:\n  datum: 2021-02-05\n  sätt: muntligen\n",
        "  - rubrik: Budget 2021
    beslut:
      - Budgeten fastställs.
    utdrag_till: [Ekonomienheten]
",
    )
}

fn third() -> String {
    meeting_yaml(
        "2021-03-05",
        "",
        "  - rubrik: Mötet avslutas\n    text: Ordförande avslutar mötet.\n",
    )
}

impl Folder {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        support::copy_dir(&support::fixture("minimal"), dir.path());
        let folder = Folder { dir };
        support::write(&folder.meeting("2021-02-05"), &second());
        support::write(&folder.meeting("2021-03-05"), &third());
        folder
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn meetings(&self) -> PathBuf {
        self.root().join("meetings")
    }

    fn meeting(&self, date: &str) -> PathBuf {
        self.root()
            .join(format!("meetings/provnamnd/2021/{date}.yaml"))
    }

    fn out(&self) -> PathBuf {
        self.root().join("out")
    }

    fn pdf(&self, stem: &str) -> PathBuf {
        self.out().join(format!("provnamnd/2021/{stem}.pdf"))
    }

    /// `protokoll build [extra…] meetings/ --out out`, which must succeed;
    /// returns stdout and stderr.
    fn build(&self, extra: &[&str]) -> (String, String) {
        let meetings = self.meetings();
        let out = self.out();
        let mut args: Vec<&OsStr> = vec![OsStr::new("build")];
        args.extend(extra.iter().map(OsStr::new));
        args.extend([meetings.as_os_str(), OsStr::new("--out"), out.as_os_str()]);
        let output = support::run(&args, None);
        assert!(output.status.success(), "{}", support::describe(&output));
        (
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }

    /// Every PDF of the output folder with its bytes.
    fn pdfs(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        support::pdfs_below(&self.out())
            .into_iter()
            .map(|p| {
                let bytes = std::fs::read(&p).expect("read PDF");
                (p, bytes)
            })
            .collect()
    }
}

/// Every file below `dir` with its modification time.
fn stamps(dir: &Path) -> BTreeMap<PathBuf, SystemTime> {
    support::files_below(dir)
        .into_iter()
        .map(|p| {
            let modified = std::fs::metadata(&p)
                .and_then(|m| m.modified())
                .expect("modification time");
            (p, modified)
        })
        .collect()
}

/// The PDFs whose modification time differs between `before` and `after`,
/// or which only one of them has, by file name.
fn changed_pdfs(
    before: &BTreeMap<PathBuf, SystemTime>,
    after: &BTreeMap<PathBuf, SystemTime>,
) -> Vec<String> {
    let mut changed: Vec<String> = before
        .keys()
        .chain(after.keys())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .filter(|p| before.get(*p) != after.get(*p))
        .map(|p| p.file_name().expect("named").to_string_lossy().into_owned())
        .collect();
    changed.sort();
    changed.dedup();
    changed
}

/// The lines of stdout that report a PDF written.
fn written_lines(stdout: &str) -> Vec<&str> {
    stdout.lines().filter(|l| l.contains(" → ")).collect()
}

/// File systems with a coarse clock give a rewritten file the same time;
/// waiting this long makes a rewrite visible in the modification time.
fn tick() {
    std::thread::sleep(Duration::from_millis(20));
}

#[test]
fn a_second_build_with_nothing_changed_writes_no_file() {
    let folder = Folder::new();
    let (stdout, _) = folder.build(&[]);
    // Three protocols and one utdrag (held meetings get no kallelse).
    assert_eq!(written_lines(&stdout).len(), 4, "{stdout}");
    assert!(folder.out().join(CACHE).is_file());
    let before = stamps(&folder.out());
    tick();
    let (stdout, stderr) = folder.build(&[]);
    assert_eq!(written_lines(&stdout), Vec::<&str>::new(), "{stdout}");
    assert!(
        stderr.contains("0 dokument byggda, 4 oförändrade"),
        "{stderr}"
    );
    // Not a document, nor the cache.
    assert_eq!(stamps(&folder.out()), before);
}

#[test]
fn an_edit_rewrites_exactly_that_meetings_documents() {
    let folder = Folder::new();
    folder.build(&[]);
    let before = stamps(&folder.out());
    tick();
    let file = folder.meeting("2021-02-05");
    let text =
        support::read(&file).replace("Budgeten fastställs.", "Budgeten fastställs med ändringar.");
    support::write(&file, &text);
    let (stdout, _) = folder.build(&[]);
    let after = stamps(&folder.out());
    assert_eq!(
        changed_pdfs(&before, &after),
        ["2021-02-05-protokoll.pdf", "2021-02-05-utdrag-4.pdf"],
        "{stdout}"
    );
    let protocol = support::PdfText::of(&folder.pdf("2021-02-05-protokoll"));
    assert!(protocol.contains("Budgeten fastställs med ändringar."));
}

#[test]
fn a_paragraph_added_early_renumbers_and_rebuilds_the_later_meetings() {
    let folder = Folder::new();
    folder.build(&[]);
    let third = support::PdfText::of(&folder.pdf("2021-03-05-protokoll"));
    assert!(third.contains("§ 5") && third.contains("§ 6"));
    let before = stamps(&folder.out());
    tick();
    let first = folder.meeting("2021-01-01");
    let text = support::read(&first) + "  - rubrik: Övriga frågor\n    text: Inga övriga frågor.\n";
    support::write(&first, &text);
    folder.build(&[]);
    let after = stamps(&folder.out());
    let changed = changed_pdfs(&before, &after);
    for stem in [
        "2021-01-01-protokoll.pdf",
        "2021-02-05-protokoll.pdf",
        "2021-03-05-protokoll.pdf",
    ] {
        assert!(
            changed.iter().any(|c| c == stem),
            "{stem} not rebuilt: {changed:?}"
        );
    }
    // The utdrag of the budget § is now § 5, and the one of § 4 is gone.
    assert!(folder.pdf("2021-02-05-utdrag-5").is_file(), "{changed:?}");
    assert!(!folder.pdf("2021-02-05-utdrag-4").exists(), "{changed:?}");
    let third = support::PdfText::of(&folder.pdf("2021-03-05-protokoll"));
    assert!(third.contains("§ 6") && third.contains("§ 7"));
}

#[test]
fn a_template_change_rebuilds_everything() {
    let folder = Folder::new();
    folder.build(&[]);
    let before = stamps(&folder.out());
    tick();
    // A municipality's own copy of one template, beside meetings/.
    let layout = folder.root().join("templates/lib/layout.typ");
    let embedded = support::read(&support::manifest_dir().join("templates/lib/layout.typ"));
    support::write(&layout, &format!("// Provköpings egen layout\n{embedded}"));
    let (stdout, _) = folder.build(&[]);
    let after = stamps(&folder.out());
    assert_eq!(changed_pdfs(&before, &after).len(), 4, "{stdout}");
}

#[test]
fn a_corrupt_or_foreign_cache_is_ignored_and_the_build_is_right() {
    let folder = Folder::new();
    folder.build(&[]);
    let good = folder.pdfs();
    let cache = folder.out().join(CACHE);
    let text = support::read(&cache);
    let foreign = text.replacen(
        "\"program\": \"protokoll ",
        "\"program\": \"protokoll 0.0.0-annan ",
        1,
    );
    assert_ne!(foreign, text, "the cache names its program");
    for (broken, notice) in [
        ("{ inte json".to_owned(), "byggcachen kunde inte läsas"),
        (foreign, "byggcachen är från en annan version"),
    ] {
        support::write(&cache, &broken);
        // A PDF spoilt by hand is made again, not trusted.
        let spoilt = folder.pdf("2021-01-01-protokoll");
        std::fs::write(&spoilt, b"%PDF-1.7 not a protocol").expect("spoil");
        let (stdout, stderr) = folder.build(&[]);
        assert!(stderr.contains(notice), "{stderr}");
        assert_eq!(written_lines(&stdout).len(), 4, "{stdout}");
        assert_eq!(folder.pdfs(), good);
    }
    // A cache that is gone: a notice, and everything built.
    std::fs::remove_file(&cache).expect("remove cache");
    let (stdout, stderr) = folder.build(&[]);
    assert!(stderr.contains("ingen byggcache"), "{stderr}");
    assert_eq!(written_lines(&stdout).len(), 4, "{stdout}");
    // `--alla` makes everything whatever the cache says.
    let (stdout, _) = folder.build(&["--alla"]);
    assert_eq!(written_lines(&stdout).len(), 4, "{stdout}");
    assert_eq!(folder.pdfs(), good);
}

#[test]
fn a_rebuild_still_prints_every_warning() {
    let folder = Folder::new();
    let file = folder.meeting("2021-03-05");
    let text = support::read(&file) + "  - rubrik: Tom punkt\n";
    support::write(&file, &text);
    let (_, first) = folder.build(&[]);
    assert!(first.contains("Tom punkt"), "{first}");
    // Nothing changed: no document is made, and the warning is printed again.
    let (stdout, again) = folder.build(&[]);
    assert_eq!(written_lines(&stdout), Vec::<&str>::new(), "{stdout}");
    assert!(again.contains("Tom punkt"), "{again}");
    assert_eq!(
        first.lines().filter(|l| l.contains("Tom punkt")).count(),
        again.lines().filter(|l| l.contains("Tom punkt")).count()
    );
}

#[test]
fn a_change_in_another_meeting_is_checked_again_in_this_one() {
    let folder = Folder::new();
    // The third meeting says it opens with § 6, but the first two end at § 4.
    let third = folder.meeting("2021-03-05");
    let text = support::read(&third).replace("paragrafer:", "första_paragraf: 6\nparagrafer:");
    support::write(&third, &text);
    let output = support::run(
        [
            OsStr::new("build"),
            folder.meetings().as_os_str(),
            OsStr::new("--out"),
            folder.out().as_os_str(),
        ],
        None,
    );
    assert!(!output.status.success(), "{}", support::describe(&output));
    assert!(!folder.pdf("2021-03-05-protokoll").exists());
    // A § added to the first meeting makes § 6 right: the third meeting's
    // findings must not be the recorded ones.
    let first = folder.meeting("2021-01-01");
    let text = support::read(&first) + "  - rubrik: Övriga frågor\n    text: Inga övriga frågor.\n";
    support::write(&first, &text);
    folder.build(&[]);
    assert!(folder.pdf("2021-03-05-protokoll").is_file());
}

#[test]
fn a_pdf_edited_after_the_build_is_made_again() {
    let folder = Folder::new();
    folder.build(&[]);
    let good = folder.pdfs();
    let pdf = folder.pdf("2021-02-05-utdrag-4");
    tick();
    std::fs::write(&pdf, b"%PDF-1.7 someone else's").expect("overwrite");
    let (stdout, _) = folder.build(&[]);
    assert_eq!(written_lines(&stdout).len(), 1, "{stdout}");
    assert_eq!(folder.pdfs(), good);
}

#[test]
fn parallel_and_serial_builds_give_identical_bytes() {
    let serial = Folder::new();
    serial.build(&["--web", "--jobs", "1"]);
    let parallel = Folder::new();
    parallel.build(&["--web", "--jobs", "2"]);
    let a = serial.pdfs();
    let b = parallel.pdfs();
    assert_eq!(a.len(), 7, "{:?}", a.keys());
    let relative = |m: &BTreeMap<PathBuf, Vec<u8>>, root: &Path| -> BTreeMap<PathBuf, Vec<u8>> {
        m.iter()
            .map(|(p, b)| {
                (
                    p.strip_prefix(root).expect("inside").to_path_buf(),
                    b.clone(),
                )
            })
            .collect()
    };
    let (a, b) = (relative(&a, serial.root()), relative(&b, parallel.root()));
    for (path, bytes) in &a {
        assert!(b.get(path) == Some(bytes), "{} differs", path.display());
    }
}

#[test]
fn an_earlier_web_version_is_remade_without_web_and_a_lost_extract_removed() {
    let folder = Folder::new();
    folder.build(&["--web"]);
    let web = folder.pdf("2021-02-05-protokoll-webb");
    assert!(support::PdfText::of(&web).contains("Budgeten fastställs."));
    tick();
    let file = folder.meeting("2021-02-05");
    let text = support::read(&file)
        .replace(
            "Budgeten fastställs.",
            "Budgeten fastställs efter omröstning.",
        )
        .replace("    utdrag_till: [Ekonomienheten]\n", "");
    support::write(&file, &text);
    let (stdout, _) = folder.build(&[]);
    // The web version tells the same as the protocol, though --web was not given.
    assert!(
        support::PdfText::of(&web).contains("Budgeten fastställs efter omröstning."),
        "{stdout}"
    );
    let extract = folder.pdf("2021-02-05-utdrag-4");
    assert!(!extract.exists(), "{stdout}");
    assert!(
        stdout.contains(&format!("tog bort {}", extract.display())),
        "{stdout}"
    );
}

/// Reads `protokoll watch`'s stderr line by line on a thread of its own.
fn lines_of(child: &mut std::process::Child) -> mpsc::Receiver<String> {
    let stderr = child.stderr.take().expect("piped stderr");
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if send.send(line).is_err() {
                break;
            }
        }
    });
    receive
}

/// Waits (at most `limit`) for a line starting with `prefix`; returns every
/// line seen on the way.
fn wait_for(lines: &mpsc::Receiver<String>, prefix: &str, limit: Duration) -> Vec<String> {
    let until = Instant::now() + limit;
    let mut seen = Vec::new();
    loop {
        let left = until.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) => {
                let done = line.starts_with(prefix);
                seen.push(line);
                if done {
                    return seen;
                }
            }
            Err(_) => panic!("no line starting with {prefix:?} within {limit:?}; saw {seen:#?}"),
        }
    }
}

/// Kills the watcher when the test ends, passed or failed.
struct Killed(std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn watch_rebuilds_after_a_save_and_keeps_the_last_good_pdf_on_errors() {
    let folder = Folder::new();
    let mut child = Command::new(support::BIN)
        .arg("watch")
        .arg(folder.meetings())
        .arg("--out")
        .arg(folder.out())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start protokoll watch");
    let lines = lines_of(&mut child);
    let _watch = Killed(child);
    let limit = Duration::from_secs(60);
    wait_for(&lines, "klart på", limit);
    wait_for(&lines, "väntar på ändringar", limit);
    let protocol = folder.pdf("2021-02-05-protokoll");
    assert!(support::PdfText::of(&protocol).contains("Budgeten fastställs."));

    let file = folder.meeting("2021-02-05");
    let original = support::read(&file);
    support::write(
        &file,
        &original.replace("Budgeten fastställs.", "Budgeten fastställs i sin helhet."),
    );
    wait_for(&lines, "klart på", limit);
    assert!(support::PdfText::of(&protocol).contains("Budgeten fastställs i sin helhet."));

    // A save with an error: the error is printed, the last good PDF stays.
    let good = std::fs::read(&protocol).expect("read PDF");
    support::write(
        &file,
        &original.replace("ordförande: Anna Andersson", "ordförande: Okänd Person"),
    );
    let seen = wait_for(&lines, "1 fil med fel", limit);
    assert!(
        seen.iter().any(|l| l.contains("2021-02-05.yaml")),
        "{seen:#?}"
    );
    assert_eq!(std::fs::read(&protocol).expect("read PDF"), good);
}

#[test]
fn a_changed_bilaga_rebuilds_though_no_meeting_file_changed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (meeting, _) = crate::appendix::write_meeting_with_appendix(dir.path());
    let out = dir.path().join("out");
    let protocol = support::build(&meeting, &out, &[]);
    let before = std::fs::read(&protocol).expect("protocol");
    // Nothing changed: the build has nothing to do.
    let again = support::run(
        [
            OsStr::new("build"),
            meeting.as_os_str(),
            OsStr::new("--out"),
            out.as_os_str(),
        ],
        None,
    );
    assert!(written_lines(&String::from_utf8_lossy(&again.stdout)).is_empty());
    // Another PDF as the bilaga, every YAML file as it was.
    let other = support::build(&meeting, &dir.path().join("other"), &["--web"])
        .with_file_name("2017-09-27-protokoll-webb.pdf");
    tick();
    std::fs::copy(
        &other,
        meeting
            .parent()
            .and_then(Path::parent)
            .expect("organ")
            .join("bilagor/underlag.pdf"),
    )
    .expect("replace the bilaga");
    let rebuilt = support::run(
        [
            OsStr::new("build"),
            meeting.as_os_str(),
            OsStr::new("--out"),
            out.as_os_str(),
        ],
        None,
    );
    let stdout = String::from_utf8_lossy(&rebuilt.stdout);
    assert!(
        written_lines(&stdout)
            .iter()
            .any(|l| l.contains("-protokoll.pdf")),
        "{stdout}"
    );
    assert_ne!(std::fs::read(&protocol).expect("protocol"), before);
}
