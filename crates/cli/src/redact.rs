//! `ams-errors redact`: streams one file (or standard input) through the core's `Redactor` and
//! writes the copy with every secret masked to standard output or to `-o OUT`, then prints what
//! was masked, how many of each kind, to standard error. The input is read in blocks of `BLOCK`
//! bytes and fed as bytes, so memory stays bounded by the block and the redactor's carry, and
//! bytes that are not UTF-8 pass through unchanged (the copy is the same file, not a decoding of
//! it). What is secret is the core's (`ams_errors_core::redact`).

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::Path;

use ams_errors_core::redact::{Options, Redactor, Summary};

use crate::args::RedactArgs;
use crate::diagnose::STDIN;

/// Bytes read at a time.
const BLOCK: usize = 1 << 20;

/// Why a redaction stopped.
#[derive(Debug)]
pub enum Failure {
    /// The input could not be opened or read (exit 2).
    Read(String, io::Error),
    /// The output could not be created or written (exit 2).
    Write(String, io::Error),
    /// `-o` names the input itself, which would be truncated before it is read (exit 2).
    SameFile(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Read(name, e) => write!(f, "cannot read {name}: {e}"),
            Failure::Write(name, e) => write!(f, "cannot write {name}: {e}"),
            Failure::SameFile(name) => write!(f, "-o {name} is the input itself; write the copy to another file"),
        }
    }
}

/// Redact what `args` name. The summary, or why it stopped. A reader that closes standard output
/// early (`| head`) is not a failure.
pub fn run(args: &RedactArgs) -> Result<(String, Summary), Failure> {
    let input = args.file.as_deref().filter(|f| *f != Path::new("-"));
    let name = input.map_or_else(|| STDIN.to_string(), |p| p.display().to_string());
    if let (Some(i), Some(o)) = (input, args.output.as_deref()) {
        let same = match (i.canonicalize(), o.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if same {
            return Err(Failure::SameFile(o.display().to_string()));
        }
    }
    let reader: Box<dyn Read> = match input {
        Some(p) => Box::new(File::open(p).map_err(|e| Failure::Read(name.clone(), e))?),
        None => Box::new(io::stdin().lock()),
    };
    let (out_name, writer): (String, Box<dyn Write>) = match args.output.as_deref() {
        Some(o) => {
            let f = File::create(o).map_err(|e| Failure::Write(o.display().to_string(), e))?;
            (o.display().to_string(), Box::new(f))
        }
        None => ("standard output".to_string(), Box::new(io::stdout().lock())),
    };
    let summary = stream(reader, writer, Options { ip: args.ip }, &name, &out_name)?;
    Ok((name, summary))
}

/// Copy `reader` to `writer` redacted.
fn stream(
    mut reader: impl Read,
    writer: impl Write,
    options: Options,
    name: &str,
    out_name: &str,
) -> Result<Summary, Failure> {
    let mut writer = BufWriter::with_capacity(BLOCK, writer);
    let mut redactor = Redactor::new(options);
    let mut block = vec![0u8; BLOCK];
    let mut out = Vec::with_capacity(BLOCK + 1024);
    let write = |w: &mut BufWriter<_>, bytes: &[u8]| match w.write_all(bytes) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Failure::Write(out_name.to_string(), e)),
        _ => Ok(()),
    };
    loop {
        let n = match reader.read(&mut block) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Failure::Read(name.to_string(), e)),
        };
        out.clear();
        redactor.feed(block.get(..n).unwrap_or_default(), &mut out);
        write(&mut writer, &out)?;
    }
    out.clear();
    let summary = redactor.finish(&mut out);
    write(&mut writer, &out)?;
    match writer.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Failure::Write(out_name.to_string(), e)),
        _ => Ok(summary),
    }
}

/// The summary as one JSON object: `{ "file", "total", "masked": { "<kind id>": count } }`.
pub fn summary_json(name: &str, summary: &Summary) -> serde_json::Value {
    let masked: serde_json::Map<String, serde_json::Value> =
        summary.iter().map(|(k, n)| (k.id().to_string(), serde_json::Value::from(n))).collect();
    serde_json::json!({ "file": name, "total": summary.total(), "masked": masked })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_is_redacted_across_blocks() {
        let text = format!("{}Authorization: Bearer abcdefghijklmnop\n", "x".repeat(BLOCK - 10));
        let mut out = Vec::new();
        let s = stream(text.as_bytes(), &mut out, Options::default(), "t", "o").unwrap();
        assert_eq!(s.total(), 1);
        assert!(String::from_utf8(out).unwrap().ends_with("Authorization: Bearer REDACTED\n"));
    }

    #[test]
    fn bytes_that_are_not_utf8_pass_through() {
        let input = b"ok \xff\xfe sig=abc&x=1\n";
        let mut out = Vec::new();
        stream(&input[..], &mut out, Options::default(), "t", "o").unwrap();
        assert_eq!(out, b"ok \xff\xfe sig=REDACTED&x=1\n");
    }
}
