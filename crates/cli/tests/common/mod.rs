//! Runs the `ams-errors` binary as a user runs it, for the integration tests: arguments, standard
//! input written from a thread (a large input must not block while the child's output fills up),
//! extra environment over cleared colour variables, and what it gave back.

use std::io::Write;
use std::process::{Command, Stdio};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_ams-errors");

/// What a run gave, as bytes.
pub struct Output {
    pub status: i32,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// Run the binary with `args`, `stdin` (none: empty) and `env`, colour variables cleared first so
/// the caller's terminal settings do not leak in.
pub fn spawn(args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args).env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE").env_remove("CLICOLOR");
    cmd.envs(env.iter().copied());
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the binary runs");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        let input = input.to_vec();
        std::thread::spawn(move || {
            let _ = pipe.write_all(&input);
        });
    }
    let out = child.wait_with_output().expect("the binary ends");
    Output { status: out.status.code().expect("exited, not killed"), stdout: out.stdout, stderr: out.stderr }
}
