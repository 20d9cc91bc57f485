//! `ams-errors`, the command line: parses the arguments, runs `explain` or `diagnose`, prints the
//! outcome as text or JSON, and turns it into the exit status (0 understood / nothing found,
//! 1 no match / errors found, 2 bad usage or an unreadable input); or runs `redact`, which writes
//! a masked copy and its summary (0 written, 2 unreadable or unwritable). Each step is its own
//! module.
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

mod args;
mod chunks;
mod diagnose;
mod explain;
mod json;
mod outcome;
mod redact;
mod text;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use anstyle::{AnsiColor, Style};
use clap::Parser;

use args::{Cli, Command};

const ERROR: Style = AnsiColor::Red.on_default().bold();

fn main() -> ExitCode {
    let cli = Cli::parse();
    // `quiet`: no input could be read, and the errors said it all (text only; JSON always prints).
    let (outcome, mode, status, quiet) = match &cli.command {
        Command::Explain(a) => {
            let outcome = explain::run(&a.query.join(" "));
            let status = if explain::understood(&outcome) { 0 } else { 1 };
            (outcome, text::Mode::Explain, status, false)
        }
        Command::Redact(a) => return redact_command(a, cli.json),
        Command::Diagnose(a) => {
            if a.files.iter().all(|f| f.as_os_str() == "-") && io::stdin().is_terminal() {
                let _ = writeln!(anstream::stderr(), "ams-errors: reading standard input (end it with Ctrl-D)");
            }
            let (outcome, errors) = diagnose::run(&a.files);
            for e in &errors {
                let _ = writeln!(anstream::stderr(), "{ERROR}error:{ERROR:#} cannot read {}: {}", e.name, e.error);
            }
            let inputs = a.files.len().max(1);
            let status = if !errors.is_empty() { 2 } else { u8::from(outcome.has_errors()) };
            (outcome, text::Mode::Diagnose { inputs }, status, errors.len() == inputs)
        }
    };
    let mut out = anstream::stdout().lock();
    let printed = match (cli.json, quiet) {
        (true, _) => json::print(&mut out, &outcome),
        (false, true) => Ok(()),
        (false, false) => text::print(&mut out, &outcome, mode),
    };
    match printed.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::from(status),
        // `ams-errors diagnose big.log | head`: the reader has what it wanted.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(status),
        Err(e) => {
            let _ = writeln!(anstream::stderr(), "{ERROR}error:{ERROR:#} cannot write the output: {e}");
            ExitCode::from(2)
        }
    }
}

/// `redact`: the copy to stdout or `-o`, the summary to stderr (JSON with `--json`).
fn redact_command(a: &args::RedactArgs, json: bool) -> ExitCode {
    if a.file.as_deref().is_none_or(|f| f.as_os_str() == "-") && io::stdin().is_terminal() {
        let _ = writeln!(anstream::stderr(), "ams-errors: reading standard input (end it with Ctrl-D)");
    }
    match redact::run(a) {
        Ok((name, summary)) => {
            let mut err = anstream::stderr().lock();
            let _ = if json {
                writeln!(err, "{}", redact::summary_json(&name, &summary))
            } else {
                writeln!(err, "ams-errors: {name}: {summary}")
            };
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(anstream::stderr(), "{ERROR}error:{ERROR:#} {e}");
            ExitCode::from(2)
        }
    }
}
