//! `warlog`: turns news pages about armed conflicts into a sourced, mapped,
//! queryable record of claims and events. See `warlog --help`.
//!
//! `main` parses the command line, runs one command and maps its outcome to
//! the exit status of ../shared/spec/CLI.md: 0 when every input was
//! processed, 1 when some failed and the rest were processed, 2 for a usage
//! error or when nothing could be done. A closed output pipe is not an error.

mod cli;
mod commands;
mod output;
mod progress;
mod resolving;

use std::process::ExitCode;

use clap::Parser;

/// What a command reports back to `main`.
pub enum Outcome {
    /// Everything was processed.
    Done,
    /// Some inputs failed; the rest were processed.
    Partial,
}

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match commands::run(args) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Partial) => ExitCode::from(1),
        Err(e) if output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("warlog: {e:#}");
            ExitCode::from(2)
        }
    }
}
