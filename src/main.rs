//! The `protokoll` binary: parse the arguments and hand over to the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    protokoll::cli::run(protokoll::cli::Args::parse())
}
