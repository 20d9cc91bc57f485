//! `ams-errors diagnose`: reads each file (or standard input) chunk by chunk, runs the core's
//! `diagnose()` on every chunk, and merges the reports into one `Outcome`: findings per code with
//! their counts and first places (`file:line` and the core's masked excerpt, line numbers carried
//! across chunks), notes per input (a HAR read in several chunks gets one failure tally),
//! suggestions when nothing at all was found. Reading is this module's; recognising is the
//! core's, so an input that fits one chunk gives exactly the codes `diagnose()` gives, in the
//! same order.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use ams_errors_core::catalog::Entry;
use ams_errors_core::diagnose::diagnose;
use ams_errors_core::excerpt::{excerpts, Lines};
use ams_errors_core::notes::NoteKind;
use ams_errors_core::query;
use ams_errors_core::report::{Note, Report, Shape, MAX_SPANS};
use ams_errors_core::search;

use crate::chunks::{Chunk, Chunks};
use crate::outcome::{corrected, Found, Location, Outcome};

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
    /// (the chunk's text when it is short enough to be a word search, else empty; suggestions)
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

/// Read one input chunk by chunk into `out`.
fn read(
    name: &str,
    input: impl Read,
    out: &mut Outcome,
    nothing: &mut Nothing,
    shapes: &mut Vec<Shape>,
) -> io::Result<()> {
    let mut chunks = Chunks::new(input);
    let mut found_here = false;
    let mut nothing_here = Nothing::default();
    let mut har = HarTally::default();
    let mut several = None;
    while let Some(chunk) = chunks.next_chunk()? {
        // Only the first chunk says whether the input is read in one piece.
        let several = *several.get_or_insert(chunk.continues);
        let report = diagnose(&chunk.text);
        if report.shape != Shape::Empty && !shapes.contains(&report.shape) {
            shapes.push(report.shape);
        }
        found_here |= !report.findings.is_empty();
        absorb(name, &chunk, report, out, &mut nothing_here, several.then_some(&mut har));
    }
    if let Some(kind) = har.note() {
        out.note(Some(name), Note { kind, span: None });
    }
    // A chunk that found nothing says so, and suggests: only worth saying of an input with no
    // finding in any chunk, once (its first chunk's).
    if !found_here {
        nothing.notes.extend(nothing_here.notes.into_iter().take(1));
        nothing.suggestions.extend(nothing_here.suggestions.into_iter().take(1));
    }
    Ok(())
}

/// Merge one chunk's report into `out`. `har` collects the HAR failure notes of an input read in
/// several chunks, since each chunk's counts only its own entries.
fn absorb(
    name: &str,
    chunk: &Chunk,
    report: Report,
    out: &mut Outcome,
    nothing: &mut Nothing,
    har: Option<&mut HarTally>,
) {
    let text = chunk.text.as_str();
    let lines = Lines::new(text, report.findings.iter().flat_map(|f| f.spans.iter().map(|s| s.start)));
    for f in report.findings {
        let locations = excerpts(text, &f.spans, &lines)
            .into_iter()
            .take(MAX_SPANS)
            .map(|mut excerpt| {
                excerpt.line = excerpt.line + chunk.first_line - 1;
                Location { file: name.to_string(), excerpt }
            })
            .collect();
        let corrected = corrected(f.subject, &report.url_fixes);
        out.push(Found {
            subject: f.subject,
            source: f.source,
            count: f.count,
            detail: f.detail,
            locations,
            corrected,
        });
    }
    let mut har = har;
    for note in report.notes {
        match note.kind {
            // Chunks are at most what the core reads, so nothing is skipped; and a document that
            // does not close in a chunk goes on in the next.
            NoteKind::Truncated { .. } => {}
            NoteKind::HarCutOff(_) | NoteKind::JsonCutOff if chunk.continues => {}
            NoteKind::HarFailures { .. } | NoteKind::HarAllOk(_) if har.is_some() => {
                if let Some(t) = har.as_deref_mut() {
                    t.add(note.kind);
                }
            }
            NoteKind::NothingRecognised { .. } => nothing.notes.push((name.to_string(), note)),
            _ => out.note(Some(name), note),
        }
    }
    if !report.suggestions.is_empty() {
        let short = text.len() <= 2 * query::MAX_QUERY_LEN;
        nothing.suggestions.push((if short { text.to_string() } else { String::new() }, report.suggestions));
    }
}

/// A HAR's failures over all its chunks: what one chunk's `HarFailures` or `HarAllOk` note says
/// of its own entries, added up.
#[derive(Default)]
struct HarTally {
    failing: usize,
    total: usize,
    groups: Vec<(String, usize)>,
    more: bool,
}

impl HarTally {
    fn add(&mut self, kind: NoteKind) {
        match kind {
            NoteKind::HarAllOk(total) => self.total += total,
            NoteKind::HarFailures { failing, total, groups, more } => {
                self.failing += failing;
                self.total += total;
                self.more |= more;
                for (label, n) in groups {
                    match self.groups.iter_mut().find(|(l, _)| *l == label) {
                        Some(g) => g.1 += n,
                        None => self.groups.push((label, n)),
                    }
                }
            }
            _ => {}
        }
    }

    /// The one note for the whole HAR, as the core words it for a HAR read whole.
    fn note(mut self) -> Option<NoteKind> {
        if self.failing == 0 {
            return (self.total > 0).then_some(NoteKind::HarAllOk(self.total));
        }
        self.groups.sort_by_key(|g| std::cmp::Reverse(g.1));
        let more = self.more || self.groups.len() > 8;
        self.groups.truncate(8);
        Some(NoteKind::HarFailures { failing: self.failing, total: self.total, groups: self.groups, more })
    }
}
