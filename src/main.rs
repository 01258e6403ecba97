//! The `figtrack` command: parse arguments, dispatch, report errors.

use clap::Parser;

/// Extraction allocates many small strings on several threads; mimalloc keeps that cheap.
#[global_allocator]
static ALLOCATOR: figtrack::allocator::Allocator = figtrack::allocator::Allocator;
use std::process::ExitCode;

/// Output cut short by its reader (`figtrack export claims | head`) ends the process quietly,
/// as it does other command-line tools, instead of reporting a broken pipe; except for a
/// command that stores, which must finish storing (it sees the broken pipe as a write error).
fn default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default action of one signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() -> ExitCode {
    figtrack::allocator::tune();
    let cli = figtrack::cli::Cli::parse();
    if !cli.command.outlives_its_reader() {
        default_sigpipe();
    }
    let error_status = cli.command.error_status();
    match figtrack::cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("figtrack: error: {err:#}");
            ExitCode::from(error_status)
        }
    }
}
