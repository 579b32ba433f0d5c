//! The command line: arguments, one function per subcommand, and the one
//! place where diagnostics are printed.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};

use crate::diagnostic::{self, Diagnostic, Severity};
use crate::output;
use crate::pipeline::{self, BuildOptions, Session};
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
  protokoll build --emit-typst --out /tmp/ut             also write the generated Typst source
  protokoll templates templates/                         copy the default templates to adapt them"
)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build protocol PDFs.
    ///
    /// Examples:
    ///   protokoll build                                   every meeting under meetings/
    ///   protokoll build meetings/socsam/2021/2021-02-26.yaml
    ///   protokoll build --emit-typst --out /tmp/ut meetings/socsam
    #[command(verbatim_doc_comment)]
    Build {
        /// Meeting files or folders [default: meetings/]
        paths: Vec<PathBuf>,
        /// Output folder [default: output/ beside meetings/]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Also write the generated Typst source (<datum>-protokoll.typ and lib/) beside each PDF
        #[arg(long)]
        emit_typst: bool,
        /// Template folder overriding the built-in templates file by file
        /// [default: templates/ beside meetings/, when present]
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
    },
    /// Check meeting and organ files without building anything.
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
    /// Print the JSON Schema of the meeting or organ files, for editors.
    ///
    /// A YAML file whose first line is
    ///   # yaml-language-server: $schema=../../../schema/meeting.schema.json
    /// gets completion, Swedish descriptions and underlined mistakes in
    /// editors with a YAML language server (VS Code, Neovim, Helix, Zed …).
    ///
    /// Examples:
    ///   protokoll schema                  the meeting schema on stdout
    ///   protokoll schema organ            the organ.yaml schema
    ///   protokoll schema --out schema/    write both files into schema/
    #[command(verbatim_doc_comment)]
    Schema {
        /// Which file's schema
        #[arg(value_enum, default_value = "meeting")]
        kind: SchemaKind,
        /// Write both schemas (meeting.schema.json, organ.schema.json) into DIR instead
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
        Command::Build {
            paths,
            out,
            emit_typst,
            templates,
        } => build(paths, out, emit_typst, templates),
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
    out: Option<PathBuf>,
    emit_typst: bool,
    templates: Option<PathBuf>,
) -> Result<ExitCode, Vec<Diagnostic>> {
    let paths = if paths.is_empty() {
        vec![PathBuf::from("meetings")]
    } else {
        paths
    };
    let fail = |path: &Path, message: String| vec![Diagnostic::error(path, None, message)];
    let files =
        workspace::find_meeting_files(&paths).map_err(|e| fail(&paths[0], e.to_string()))?;
    if files.is_empty() {
        return Err(fail(
            &paths[0],
            "no meeting files found (expected meetings/<organ>/<år>/<datum>.yaml)".into(),
        ));
    }
    let template_dir = templates.or_else(|| workspace::templates_beside(&files[0]));
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
        out_dir: out.unwrap_or_else(|| PathBuf::from("output")),
        emit_typst,
    };

    let progress = progress_bar(files.len());
    let mut failed = 0;
    for file in &files {
        progress.set_message(file.display().to_string());
        match session.build(file, &options) {
            Ok(built) => {
                progress.suspend(|| {
                    print_diagnostics(&built.warnings);
                    println!(
                        "{} → {} ({} sidor)",
                        file.display(),
                        built.pdf.display(),
                        built.pages
                    );
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
            "{failed} av {} möten byggdes inte; inga befintliga PDF:er skrevs över för dem",
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
    if files.is_empty() && organs.is_empty() {
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
        match pipeline::check(file, &index) {
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
                "{errors} fel, {} varningar i {} mötesfiler och {} organfiler",
                unique.len() - errors,
                files.len(),
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
