//! The command line's grammar: the `explain` and `diagnose` subcommands, their arguments and the
//! help text with examples, as clap derive types. Parsing only; what each command does lives in
//! `explain` and `diagnose`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const EXAMPLES: &str = "\
Examples:
  ams-errors explain 415
  ams-errors explain mpe_enc_encryption_required
  ams-errors explain 0x8088024C        (also 8088024c, 2156397132, -2138570164)
  ams-errors explain LiveEventEncoderDisconnected
  ams-errors explain encryption         (a word search)
  ams-errors diagnose capture.har player.log
  curl -si https://contoso.streaming.media.azure.net/... | ams-errors diagnose
  ams-errors diagnose --json origin.log | jq '.findings[].code'
  ams-errors redact capture.har -o capture.redacted.har

Exit status: 0 understood / nothing found, 1 no match / errors found, 2 bad usage or unreadable file.
Colour only on a terminal; NO_COLOR turns it off.";

const EXPLAIN_EXAMPLES: &str = "\
Examples:
  ams-errors explain 415
  ams-errors explain MPE_ENC_ENCRYPTION_REQUIRED
  ams-errors explain 8088024c
  ams-errors explain -2138570164
  ams-errors explain 403,MPE_STORAGE_AUTHENTICATION_FAILED
  ams-errors explain token expired
  ams-errors explain --json 0x80070005

Exit status: 0 when the query names a code, status or HRESULT, or its words match catalog
entries; 1 when nothing matched (a \"did you mean\" list is not a match); 2 on bad usage.";

const DIAGNOSE_EXAMPLES: &str = "\
Examples:
  ams-errors diagnose response.txt
  ams-errors diagnose capture.har console.log
  kubectl logs my-packager | ams-errors diagnose
  ams-errors diagnose - < curl-transcript.txt
  ams-errors diagnose --json *.log

Files of any size are streamed in chunks of 8 MiB, cut at a line end (a HAR file between two of
its entries), and each finding is shown with its file:line and the line itself, with secrets
(tokens, keys, signatures, cookies) masked.
Exit status: 0 when no error is found (warnings and information only count as none), 1 when an
error is found, 2 on bad usage or a file that cannot be read.";

const REDACT_EXAMPLES: &str = "\
Examples:
  ams-errors redact capture.har -o capture.redacted.har
  ams-errors redact player.log > player.redacted.log
  kubectl logs my-packager | ams-errors redact --ip | gzip > packager.log.gz

Writes a copy with every secret masked as REDACTED (Authorization and x-ms-* key/token headers,
cookie values, bearer tokens and JWTs, sig=/token=/key= and similar parameters, account keys,
key-delivery responses; IP addresses with --ip), in the same format: a HAR stays JSON, XML stays
well-formed. Error codes, statuses, hosts, paths, SAS expiry and permissions stay. What was masked
goes to standard error. Any size is streamed.
Exit status: 0 when the copy was written, 2 on bad usage or a file that cannot be read or written.";

/// `ams-errors`: what an Azure Media Services error means, and every error in a log or capture.
#[derive(Debug, Parser)]
#[command(
    name = "ams-errors",
    version,
    about = "Explains Azure Media Services error codes, and finds every error in logs, HAR captures and responses.",
    after_help = EXAMPLES,
    propagate_version = true
)]
pub struct Cli {
    /// Print one JSON object, `{ "findings": [...] }`, instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Explain an HTTP status, error name, HRESULT, live-event name, or search by words.
    #[command(after_help = EXPLAIN_EXAMPLES)]
    Explain(ExplainArgs),
    /// Find every error in files (logs, HAR captures, curl transcripts, JSON or XML bodies) or
    /// standard input.
    #[command(after_help = DIAGNOSE_EXAMPLES)]
    Diagnose(DiagnoseArgs),
    /// Write a copy of a file (or standard input) with every secret masked, to share it.
    #[command(after_help = REDACT_EXAMPLES)]
    Redact(RedactArgs),
}

/// `explain <query>...`
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A status (415), a name in any letter case, an HRESULT (0x8088024C, 8088024c, 2156397132,
    /// -2138570164), a live-event name, several of these separated by commas, or words. Several
    /// arguments are joined with spaces.
    #[arg(required = true, value_name = "QUERY", allow_negative_numbers = true)]
    pub query: Vec<String>,
}

/// `diagnose [FILE]...`
#[derive(Debug, Args)]
pub struct DiagnoseArgs {
    /// Files to read; `-` or none at all reads standard input.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// `redact [FILE] [-o OUT] [--ip]`
#[derive(Debug, Args)]
pub struct RedactArgs {
    /// The file to redact; `-` or none reads standard input.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Write the copy to OUT instead of standard output (not the input itself).
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Mask IPv4 addresses too (a HAR's serverIPAddress is kept).
    #[arg(long)]
    pub ip: bool,
}
