//! The command line: arguments, one function per subcommand, and the one
//! place where diagnostics are printed.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};

use crate::diagnostic::{self, Diagnostic, Severity};
use crate::output;
use crate::pipeline::{self, BuildOptions, Request, Rules, Session};
use crate::render::Templates;
use crate::schema::SchemaKind;
use crate::workspace;

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
    /// Examples:
    ///   protokoll build                                   every meeting under meetings/
    ///   protokoll build meetings/socsam/2021/2021-02-26.yaml
    ///   protokoll build --web meetings/socsam             also the web versions
    ///   protokoll build --emit-typst --out /tmp/ut meetings/socsam
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
    let result = match args.command {
        Command::Build { paths, web, output } => build(paths, &Request::Applicable { web }, output),
        Command::Kallelse { files, output } => build(files, &Request::Notice, output),
        Command::Utdrag {
            file,
            paragraphs,
            output,
        } => build(vec![file], &Request::Extracts(paragraphs), output),
        Command::Anslag { files, output } => build(files, &Request::PostingCertificate, output),
        Command::Check { paths, format } => check(paths, format),
        Command::Templates { dir } => copy_templates(&dir),
        Command::Schema { kind, out } => print_schema(kind, out.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            ExitCode::FAILURE
        }
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let shown = diagnostic::render(diagnostics, |path| std::fs::read_to_string(path).ok());
    eprint!("{shown}");
}

fn build(
    paths: Vec<PathBuf>,
    request: &Request,
    output: OutputArgs,
) -> Result<ExitCode, Vec<Diagnostic>> {
    let paths = default_paths(paths);
    let fail = |path: &Path, message: String| vec![Diagnostic::error(path, None, message)];
    let meetings =
        workspace::find_meeting_files(&paths).map_err(|e| fail(&paths[0], e.to_string()))?;
    // Delegationsbeslut are documents of their own, made by `build` only.
    let delegations = match request {
        Request::Applicable { .. } => {
            workspace::find_delegation_files(&paths).map_err(|e| fail(&paths[0], e.to_string()))?
        }
        _ => Vec::new(),
    };
    let files: Vec<(&PathBuf, bool)> = meetings
        .iter()
        .map(|f| (f, false))
        .chain(delegations.iter().map(|f| (f, true)))
        .collect();
    let Some((first, _)) = files.first() else {
        return Err(fail(
            &paths[0],
            "no meeting files found (expected meetings/<organ>/<år>/<datum>.yaml)".into(),
        ));
    };
    let template_dir = output
        .templates
        .or_else(|| workspace::templates_beside(first));
    let templates = match &template_dir {
        Some(dir) => Templates::with_overrides(dir),
        None => Ok(Templates::embedded()),
    }
    .map_err(|e| {
        fail(
            template_dir.as_deref().unwrap_or(Path::new("templates")),
            e.to_string(),
        )
    })?;
    let session =
        Session::new(&templates).map_err(|e| fail(Path::new("templates"), e.to_string()))?;
    let options = BuildOptions {
        out_dir: output.out.unwrap_or_else(|| PathBuf::from("output")),
        emit_typst: output.emit_typst,
    };

    let progress = progress_bar(files.len());
    let mut failed = 0;
    for &(file, is_delegation) in &files {
        progress.set_message(file.display().to_string());
        let result = if is_delegation {
            session.build_delegation(file, &options)
        } else {
            session.build(file, request, &options)
        };
        match result {
            Ok(built) => {
                progress.suspend(|| {
                    print_diagnostics(&built.warnings);
                    for written in &built.documents {
                        println!(
                            "{} → {} ({} {})",
                            file.display(),
                            written.pdf.display(),
                            written.pages,
                            if written.pages == 1 { "sida" } else { "sidor" }
                        );
                    }
                });
            }
            Err(error) => {
                failed += 1;
                progress.suspend(|| print_diagnostics(&error.to_diagnostics(file)));
            }
        }
        progress.inc(1);
    }
    progress.finish_and_clear();
    if failed > 0 {
        eprintln!(
            "{failed} av {} filer byggdes inte; inga befintliga PDF:er skrevs över för dem",
            files.len()
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn check(paths: Vec<PathBuf>, format: Format) -> Result<ExitCode, Vec<Diagnostic>> {
    let paths = default_paths(paths);
    let fail = |path: &Path, message: String| vec![Diagnostic::error(path, None, message)];
    let files =
        workspace::find_meeting_files(&paths).map_err(|e| fail(&paths[0], e.to_string()))?;
    let organs = workspace::find_organ_files(&paths).map_err(|e| fail(&paths[0], e.to_string()))?;
    let delegations =
        workspace::find_delegation_files(&paths).map_err(|e| fail(&paths[0], e.to_string()))?;
    if files.is_empty() && organs.is_empty() && delegations.is_empty() {
        return Err(fail(
            &paths[0],
            "no meeting or organ files found (expected meetings/<organ>/organ.yaml)".into(),
        ));
    }

    let mut found: Vec<Diagnostic> = Vec::new();
    // Organ files first, once each: a meeting's check repeats its organ's
    // parse error, which is dropped below as a duplicate.
    for organ in &organs {
        match workspace::read_source(organ) {
            Ok(source) => {
                if let Err(error) = crate::parse::parse_organ(organ, &source.text) {
                    found.push(error.to_diagnostic());
                }
            }
            Err(error) => found.extend(fail(organ, error.to_string())),
        }
    }
    let index = pipeline::OrganIndex::default();
    for file in &files {
        match pipeline::check(file, &index, Rules::Automatic) {
            Ok((_, diagnostics)) => found.extend(diagnostics),
            Err(error) => found.extend(error.to_diagnostics(file)),
        }
    }
    for file in &delegations {
        match pipeline::check_delegation(file, &index) {
            Ok((_, diagnostics)) => found.extend(diagnostics),
            Err(error) => found.extend(error.to_diagnostics(file)),
        }
    }
    let mut unique = Vec::with_capacity(found.len());
    for diagnostic in found {
        if !unique.contains(&diagnostic) {
            unique.push(diagnostic);
        }
    }

    let errors = unique
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    match format {
        Format::Human => {
            print_diagnostics(&unique);
            eprintln!(
                "{errors} fel, {} varningar i {} mötesfiler, {} delegationsbeslut och {} organfiler",
                unique.len() - errors,
                files.len(),
                delegations.len(),
                organs.len()
            );
        }
        Format::Json => {
            for diagnostic in &unique {
                let source = std::fs::read_to_string(&diagnostic.file).ok();
                println!(
                    "{}",
                    diagnostic::to_json_line(diagnostic, source.as_deref())
                );
            }
        }
    }
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn default_paths(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("meetings")]
    } else {
        paths
    }
}

fn progress_bar(len: usize) -> ProgressBar {
    if len < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
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
        output::write_atomic(&path, text.as_bytes())
            .map_err(|e| vec![Diagnostic::error(&path, None, e.to_string())])?;
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
            .map_err(|e| vec![Diagnostic::error(&path, None, e.to_string())])?;
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
