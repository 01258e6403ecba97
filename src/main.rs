//! The `figtrack` command: parse arguments, dispatch, report errors.

use clap::Parser;

/// Extraction allocates many small strings on several threads; mimalloc keeps that cheap.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

/// Keeps freed memory mapped instead of handing it back to the system at once: big stores and
/// batches allocate and free gigabytes, and re-zeroing returned pages took half the time of
/// `series` over ten million claims. Option ids from mimalloc.h (the same in v2 and v3).
fn tune_allocator() {
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: setting mimalloc options only changes how it commits and purges its arenas.
    unsafe {
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 1);
        libmimalloc_sys::mi_option_set(PURGE_DELAY, -1);
    }
}

/// Output cut short by its reader (`figtrack export claims | head`) ends the process quietly,
/// as it does other command-line tools, instead of reporting a broken pipe.
fn default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default action of one signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() -> ExitCode {
    tune_allocator();
    default_sigpipe();
    let cli = figtrack::cli::Cli::parse();
    match figtrack::cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("figtrack: error: {err:#}");
            ExitCode::from(1)
        }
    }
}
