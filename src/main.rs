//! The `figtrack` command: parse arguments, dispatch, report errors.

use clap::Parser;

/// Extraction allocates many small strings on several threads; mimalloc keeps that cheap.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = figtrack::cli::Cli::parse();
    match figtrack::cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("figtrack: error: {err:#}");
            ExitCode::from(1)
        }
    }
}
