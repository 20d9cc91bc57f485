//! `ams-errors diagnose`: streams each file (or standard input) through the core's streaming
//! diagnosis (`stream::Diagnosis`: windows of 8 MiB cut at line ends, a HAR between entries, each
//! read with the core's readers and merged), and merges the inputs' reports into one `Outcome`:
//! findings per code with their counts and first places (`file:line` and the core's masked
//! excerpt), notes per input, suggestions when nothing at all was found. Reading bytes as text is
//! `chunks`'s; recognising is the core's, so an input up to a window gives exactly the codes
//! `diagnose()` gives, in the same order.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use ams_errors_core::catalog::Entry;
use ams_errors_core::notes::NoteKind;
use ams_errors_core::query;
use ams_errors_core::report::{Note, Shape};
use ams_errors_core::search;
use ams_errors_core::stream::{Diagnosed, Diagnosis};

use crate::chunks::decode;
use crate::outcome::{Found, Outcome};

/// How standard input is named in locations and notes.
pub const STDIN: &str = "<stdin>";

/// An input that could not be read.
#[derive(Debug)]
pub struct ReadError {
    /// The input as named on the command line.
    pub name: String,
    /// Why.
    pub error: io::Error,
}

/// What one input contributed that only counts when nothing was found anywhere: its
/// "nothing recognised" note and its suggestions.
#[derive(Default)]
struct Nothing {
    /// (input name, note)
    notes: Vec<(String, Note)>,
    /// (the input when it is short enough to be a word search, else empty; suggestions)
    suggestions: Vec<(String, Vec<&'static Entry>)>,
}

/// Diagnose `files` (standard input when empty or for `-`). Inputs that cannot be read are
/// returned beside the outcome of the others.
pub fn run(files: &[PathBuf]) -> (Outcome, Vec<ReadError>) {
    let stdin_only = [PathBuf::from("-")];
    let files = if files.is_empty() { &stdin_only[..] } else { files };
    let mut out = Outcome::default();
    let mut nothing = Nothing::default();
    let mut shapes: Vec<Shape> = Vec::new();
    let mut errors = Vec::new();
    for path in files {
        let (name, result) = if path == Path::new("-") {
            (STDIN.to_string(), read(STDIN, io::stdin().lock(), &mut out, &mut nothing, &mut shapes))
        } else {
            let name = path.display().to_string();
            let result = File::open(path).and_then(|f| read(&name, f, &mut out, &mut nothing, &mut shapes));
            (name, result)
        };
        if let Err(error) = result {
            errors.push(ReadError { name, error });
        }
    }
    out.rank();
    if out.findings.is_empty() {
        for (file, note) in nothing.notes {
            out.note(Some(&file), note);
        }
        if let Some((text, first)) = nothing.suggestions.into_iter().next() {
            // A short text's suggestions are a word search of it; otherwise near names.
            if search::words(text.trim()) == first {
                out.word_matches = first;
            } else {
                out.did_you_mean = first;
            }
        }
    }
    out.shape = match shapes[..] {
        [one] => Some(one),
        _ => None,
    };
    (out, errors)
}

/// Stream one input through the core's diagnosis into `out`. An input that fails part way is
/// reported for what was read of it.
fn read(
    name: &str,
    input: impl Read,
    out: &mut Outcome,
    nothing: &mut Nothing,
    shapes: &mut Vec<Shape>,
) -> io::Result<()> {
    let mut diagnosis = Diagnosis::new();
    // A short input whole: its suggestions may be a word search of it.
    let mut short = String::new();
    let read = decode(input, |text| {
        if short.len() + text.len() <= SHORT {
            short.push_str(text);
        }
        diagnosis.feed(text);
    });
    if read.is_ok() || diagnosis.fed() > 0 {
        let fed = diagnosis.fed();
        absorb(name, diagnosis.finish(), if fed <= SHORT { &short } else { "" }, out, nothing, shapes);
    }
    read
}

/// Inputs up to this many bytes can be a word search.
const SHORT: usize = 2 * query::MAX_QUERY_LEN;

/// Merge one input's report into `out`; `short` is the input when it is short, else empty.
fn absorb(name: &str, done: Diagnosed, short: &str, out: &mut Outcome, nothing: &mut Nothing, shapes: &mut Vec<Shape>) {
    let Diagnosed { report, excerpts } = done;
    if report.shape != Shape::Empty && !shapes.contains(&report.shape) {
        shapes.push(report.shape);
    }
    for (f, excerpts) in report.findings.iter().zip(excerpts) {
        out.push(Found::new(f, name, excerpts, &report.url_fixes));
    }
    let found_here = !report.findings.is_empty();
    for note in report.notes {
        match note.kind {
            // Only worth saying of an input with no finding, and only if no input has one.
            NoteKind::NothingRecognised { .. } if !found_here => nothing.notes.push((name.to_string(), note)),
            NoteKind::NothingRecognised { .. } => {}
            _ => out.note(Some(name), note),
        }
    }
    if !found_here && !report.suggestions.is_empty() {
        nothing.suggestions.push((short.to_string(), report.suggestions));
    }
}
