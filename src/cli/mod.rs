//! The command line: one file per command, each starting with its usage text.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

pub mod extract;

/// Tracks the statistical figures reported in the news.
#[derive(Debug, Parser)]
#[command(name = "figtrack", version, about, max_term_width = 100)]
pub struct Cli {
    /// The store folder (metrics.toml, claims/, documents/).
    #[arg(long, global = true, env = "FIGTRACK_DATA", default_value = "data")]
    pub data: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Extract(extract::Args),
}

/// Runs one command; `Ok` carries the exit status (2 when some input was skipped).
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => extract::run(args),
    }
}
