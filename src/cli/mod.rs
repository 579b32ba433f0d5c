//! The command line: arguments, one file per command, and the one place
//! where diagnostics are printed. Every command that reads meetings loads
//! the project once ([`crate::project::load`]) and runs the stages over it.

mod build;
mod check;
mod watch;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};

use crate::diagnostic::{self, Diagnostic};
use crate::output;
use crate::plan::Request;
use crate::project::Project;
use crate::render::Templates;
use crate::schema::SchemaKind;

/// Swedish meeting minutes from YAML meeting files.
///
/// Write each sammanträde as meetings/<organ>/<år>/<datum>.yaml (see
/// FORMAT.md), then `protokoll build` typesets every protocol as a PDF/A-2a +
/// PDF/UA-1 file under output/, ready for justering and the archive.
#[derive(Debug, Parser)]
#[command(
    name = "protokoll",
    version,
    about,
    long_about,
    after_help = "Examples:
  protokoll build                                        every meeting under meetings/ → output/
  protokoll build meetings/socsam/2021/2021-02-26.yaml   one meeting
  protokoll build --web                                  also the web versions, secrets masked
  protokoll kallelse meetings/socsam/2021/2021-04-16.yaml
  protokoll utdrag --paragraf 63 meetings/socialnamnden/2017/2017-09-27.yaml
  protokoll anslag meetings/socsam/2021/2021-02-26.yaml
  protokoll build --emit-typst --out /tmp/ut             also write the generated Typst source
  protokoll build --alla                                 every document again, whatever the cache says
  protokoll watch meetings/socsam                        rebuild on every save
  protokoll templates templates/                         copy the default templates to adapt them"
)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Where and how documents are written; shared by the commands that make PDFs.
#[derive(Debug, Clone, clap::Args)]
pub struct OutputArgs {
    /// Output folder [default: output/]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Also write the generated Typst source (<datum>-<dokument>.typ and lib/) beside each PDF
    #[arg(long)]
    pub emit_typst: bool,
    /// Template folder overriding the built-in templates file by file
    /// [default: templates/ beside meetings/, when present]
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Make every document again, even those the build cache says are up to date
    #[arg(long)]
    pub alla: bool,
    /// How many documents to typeset at once [default: one per core]
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build every document of each meeting that applies as it stands.
    ///
    /// For each meeting file: the kallelse; once the meeting has beslutande,
    /// the protocol (UTKAST until `justering:` is written); a
    /// protokollsutdrag for each § with `utdrag_till` that can be certified;
    /// the anslagsbevis once `anslag:` is written; with --web, the web
    /// version. All are written to output/<organ>/<år>/<datum>-<dokument>.pdf.
    ///
    /// Only what changed is typeset again: output/.byggcache.json records
    /// what each PDF was made from. A web version made earlier is remade
    /// with its protocol even without --web, and a document the meeting no
    /// longer yields (an utdrag whose § lost `utdrag_till`) is removed.
    ///
    /// Examples:
    ///   protokoll build                                   every meeting under meetings/
    ///   protokoll build meetings/socsam/2021/2021-02-26.yaml
    ///   protokoll build --web meetings/socsam             also the web versions
    ///   protokoll build --emit-typst --out /tmp/ut meetings/socsam
    ///   protokoll build --alla                            ignore the cache, make everything
    #[command(verbatim_doc_comment)]
    Build {
        /// Meeting files or folders [default: meetings/]
        paths: Vec<PathBuf>,
        /// Also the web version: no signatures, sekretess §§ without content,
        /// personnummer and the meeting's `maskera` strings as [maskerat]
        #[arg(long)]
        web: bool,
        /// Output folder, Typst source and templates
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Make the kallelse (notice with föredragningslista) of a meeting.
    ///
    /// Works on a meeting file written before the meeting: no beslutande,
    /// justering or beslut needed. The kallelse goes to the organ's
    /// `ledamöter` and `ersättare` (organ.yaml).
    ///
    /// Example:
    ///   protokoll kallelse meetings/socsam/2021/2021-04-16.yaml
    #[command(verbatim_doc_comment)]
    Kallelse {
        /// Meeting files
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output folder, Typst source and templates
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Make protokollsutdrag, one PDF per §, certified "Rätt utdraget intygar".
    ///
    /// Refused for a protocol not yet justerat, unless the § has
    /// `omedelbar_justering: true`.
    ///
    /// Examples:
    ///   protokoll utdrag meetings/socialnamnden/2017/2017-09-27.yaml      every § with utdrag_till
    ///   protokoll utdrag --paragraf 63 meetings/socialnamnden/2017/2017-09-27.yaml
    #[command(verbatim_doc_comment)]
    Utdrag {
        /// The meeting file
        file: PathBuf,
        /// The § to extract (repeat for more) [default: every § with utdrag_till]
        #[arg(long = "paragraf", value_name = "N")]
        paragraphs: Vec<u32>,
        /// Output folder, Typst source and templates
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Make the anslagsbevis: justering posted, last day to appeal, take-down date.
    ///
    /// Needs `justering:` and `anslag: { uppsatt: … }` in the meeting file.
    /// The last day to appeal is three weeks after posting, moved to the next
    /// working day off weekends, holidays, midsommar-, jul- and nyårsafton.
    ///
    /// Example:
    ///   protokoll anslag meetings/socsam/2021/2021-02-26.yaml
    #[command(verbatim_doc_comment)]
    Anslag {
        /// Meeting files
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output folder, Typst source and templates
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Check meeting, delegationsbeslut and organ files without building anything.
    ///
    /// Prints every error and warning with file:line:column, the line, and
    /// what to write instead. Exits 1 when there is an error, 0 when there are
    /// only warnings (or nothing).
    ///
    /// Examples:
    ///   protokoll check                                   every file under meetings/
    ///   protokoll check meetings/socsam/2021/2021-02-26.yaml
    ///   protokoll check --format json meetings/           one JSON object per line
    #[command(verbatim_doc_comment)]
    Check {
        /// Meeting files, organ files or folders [default: meetings/]
        paths: Vec<PathBuf>,
        /// How to print the findings
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Build, then build again after every save, until Ctrl-C.
    ///
    /// Watches the organ folders of PATHS and the template folder. After each
    /// save it reloads the files, checks them, and typesets only the
    /// documents the change touched, with the typesetter kept warm between
    /// rounds; then it prints the findings or "klart på N ms". A save with
    /// errors keeps the last good PDFs.
    ///
    /// Examples:
    ///   protokoll watch                                   every meeting under meetings/
    ///   protokoll watch meetings/socsam/2021/2021-02-26.yaml
    ///   protokoll watch --web meetings/socsam
    #[command(verbatim_doc_comment)]
    Watch {
        /// Meeting files or folders [default: meetings/]
        paths: Vec<PathBuf>,
        /// Also the web version
        #[arg(long)]
        web: bool,
        /// Output folder, Typst source and templates
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Copy the built-in templates into DIR to adapt them (a municipality's own layout).
    Templates {
        /// Where to write them, e.g. templates/
        dir: PathBuf,
    },
    /// Print the JSON Schema of the meeting, organ or delegationsbeslut files, for editors.
    ///
    /// A YAML file whose first line is
    ///   # yaml-language-server: $schema=../../../schema/meeting.schema.json
    /// gets completion, Swedish descriptions and underlined mistakes in
    /// editors with a YAML language server (VS Code, Neovim, Helix, Zed …).
    ///
    /// Examples:
    ///   protokoll schema                  the meeting schema on stdout
    ///   protokoll schema organ            the organ.yaml schema
    ///   protokoll schema delegationsbeslut
    ///   protokoll schema --out schema/    write all three files into schema/
    #[command(verbatim_doc_comment)]
    Schema {
        /// Which file's schema
        #[arg(value_enum, default_value = "meeting")]
        kind: SchemaKind,
        /// Write every schema (meeting, organ, delegationsbeslut .schema.json) into DIR instead
        #[arg(long, value_name = "DIR", conflicts_with = "kind")]
        out: Option<PathBuf>,
    },
}

/// How `check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Like rustc: file:line:column, the source line, a caret, hints.
    Human,
    /// One JSON object per line (JSON Lines), for editors and CI.
    Json,
}

/// Runs the parsed command line and returns the process's exit code.
pub fn run(args: Args) -> ExitCode {
    let jobs = match &args.command {
        Command::Build { output, .. }
        | Command::Kallelse { output, .. }
        | Command::Utdrag { output, .. }
        | Command::Anslag { output, .. }
        | Command::Watch { output, .. } => output.jobs,
        Command::Check { .. } | Command::Templates { .. } | Command::Schema { .. } => None,
    };
    build::use_threads(jobs);
    let result = match args.command {
        Command::Build { paths, web, output } => {
            build::run(paths, Request::Applicable { web }, output)
        }
        Command::Kallelse { files, output } => build::run(files, Request::Notice, output),
        Command::Utdrag {
            file,
            paragraphs,
            output,
        } => build::run(vec![file], Request::Extracts(paragraphs), output),
        Command::Anslag { files, output } => build::run(files, Request::PostingCertificate, output),
        Command::Watch { paths, web, output } => {
            watch::run(paths, Request::Applicable { web }, output)
        }
        Command::Check { paths, format } => check::run(paths, format),
        Command::Templates { dir } => copy_templates(&dir),
        Command::Schema { kind, out } => print_schema(kind, out.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(diagnostics) => {
            print_diagnostics(&diagnostics, None);
            ExitCode::FAILURE
        }
    }
}

/// Prints diagnostics with their source lines, taken from the project when
/// there is one (the text as it was checked), else from the disk.
fn print_diagnostics(diagnostics: &[Diagnostic], project: Option<&Project>) {
    if diagnostics.is_empty() {
        return;
    }
    let shown = diagnostic::render(diagnostics, |path| match project {
        Some(project) => project.text(path).map(str::to_owned),
        None => std::fs::read_to_string(path).ok(),
    });
    eprint!("{shown}");
}

/// A single error that is not about a line of a file.
fn fail(path: &Path, message: impl Into<String>) -> Vec<Diagnostic> {
    vec![Diagnostic::error(path, None, message)]
}

/// "1 dokument", "2 dokument"; `one` and `many` are the two forms.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn default_paths(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("meetings")]
    } else {
        paths
    }
}

/// A bar of `len` jobs on a terminal, hidden elsewhere and for one job.
fn progress_bar(len: usize) -> ProgressBar {
    if len < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} dokument {wide_msg}") {
        bar.set_style(style);
    }
    bar
}

fn copy_templates(dir: &Path) -> Result<ExitCode, Vec<Diagnostic>> {
    for (name, text) in Templates::embedded().files() {
        let path = dir.join(name);
        if path.exists() {
            println!("{} finns redan; lämnas orörd", path.display());
            continue;
        }
        output::write_atomic(&path, text.as_bytes()).map_err(|e| fail(&path, e.to_string()))?;
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn print_schema(kind: SchemaKind, out: Option<&Path>) -> Result<ExitCode, Vec<Diagnostic>> {
    let Some(dir) = out else {
        print!("{}", kind.to_json());
        return Ok(ExitCode::SUCCESS);
    };
    for kind in SchemaKind::ALL {
        let path = dir.join(kind.file_name());
        output::write_atomic(&path, kind.to_json().as_bytes())
            .map_err(|e| fail(&path, e.to_string()))?;
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
