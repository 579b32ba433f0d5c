//! The `protokoll` binary: parse the arguments and hand over to the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    match protokoll::cli::parse_args() {
        Ok(args) => protokoll::cli::run(args),
        Err(code) => code,
    }
}
