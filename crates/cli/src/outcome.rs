//! What a command found, ready to print: findings merged per subject (how found, how often, the
//! first places: file, line and a masked excerpt), the notes of each input, and
//! suggestions when nothing was recognised. `explain` and `diagnose` build it; `text` and `json`
//! print it; the exit status is read from it. The merge rule is the core's: one finding per
//! subject, ranked specific codes, live events, decoded HRESULTs, then bare HTTP statuses, each
//! group in the order first seen.

use ams_errors_core::catalog::{Entry, Severity};
use ams_errors_core::excerpt::Excerpt;
use ams_errors_core::report::{Finding, Note, Shape, Source, Subject, UrlFix, MAX_SPANS};

/// One place a finding was seen: an input and the core's excerpt of the line (its line number
/// counted from the start of the input, its spans marked, its secrets masked).
#[derive(Debug)]
pub struct Location {
    /// The file as given on the command line, or `<stdin>`.
    pub file: String,
    /// The line around the hit; one excerpt can mark several hits on one line.
    pub excerpt: Excerpt,
}

impl Location {
    /// The 1-based line in the input.
    pub fn line(&self) -> usize {
        self.excerpt.line
    }

    /// How many hits the excerpt marks.
    pub fn hits(&self) -> usize {
        self.excerpt.parts.iter().filter(|p| p.mark).count().max(1)
    }
}

/// A corrected streaming URL for a finding's code.
#[derive(Clone, Debug)]
pub struct CorrectedUrls {
    /// What was changed, in words.
    pub change: String,
    /// Each URL with what it is for (`FairPlay`, or empty).
    pub urls: Vec<(String, &'static str)>,
}

/// One recognised code, merged over every file it was seen in.
#[derive(Debug)]
pub struct Found {
    /// What was recognised.
    pub subject: Subject,
    /// How it was first recognised.
    pub source: Source,
    /// How many times it occurred.
    pub count: usize,
    /// Context: the failing URL, the player's message, the encoder's IP (already scrubbed).
    pub detail: Option<String>,
    /// The first places it was seen (at most `MAX_SPANS` excerpts); empty for a query.
    pub locations: Vec<Location>,
    /// Corrected streaming URLs for its code.
    pub corrected: Vec<CorrectedUrls>,
}

impl Found {
    /// A core finding as the command shows it: its places in `file` (the core's excerpts, line
    /// numbers counted from the start of the input; none for a query) and the report's corrected
    /// URLs for its code. The one place a `Found` is made.
    pub fn new(f: &Finding, file: &str, excerpts: Vec<Excerpt>, fixes: &[UrlFix]) -> Found {
        let locations =
            excerpts.into_iter().take(MAX_SPANS).map(|excerpt| Location { file: file.to_string(), excerpt }).collect();
        Found {
            subject: f.subject,
            source: f.source,
            count: f.count,
            detail: f.detail.clone(),
            locations,
            corrected: corrected(f.subject, fixes),
        }
    }
}

/// A note on one input (or on the query).
#[derive(Debug)]
pub struct Remark {
    /// The input it is about (`None` for a query).
    pub file: Option<String>,
    /// What was noticed.
    pub note: Note,
}

/// Everything one run found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Recognised codes, ranked.
    pub findings: Vec<Found>,
    /// Notes, each kind once per input.
    pub notes: Vec<Remark>,
    /// Nothing named exactly: the catalog entries nearest to a name.
    pub did_you_mean: Vec<&'static Entry>,
    /// A word search: entries whose text matches the words, best first.
    pub word_matches: Vec<&'static Entry>,
    /// What the input looked like, when every chunk read looked the same.
    pub shape: Option<Shape>,
}

/// The code as the widget's `data-code` spells it: the canonical name (a bare status is named
/// after it), or the HRESULT in hex.
pub fn code(subject: Subject) -> String {
    match subject {
        Subject::Entry(e) => e.name.to_string(),
        Subject::Hresult(h) => h.to_string(),
    }
}

/// The report's corrected URLs for `subject`'s code.
fn corrected(subject: Subject, fixes: &[UrlFix]) -> Vec<CorrectedUrls> {
    let Subject::Entry(e) = subject else { return Vec::new() };
    fixes
        .iter()
        .filter(|u| u.code == e.name)
        .map(|u| CorrectedUrls { change: u.change.to_string(), urls: u.urls.clone() })
        .collect()
}

/// Whether a finding is an error (not a warning or information): decoded HRESULTs are failures.
pub fn is_error(subject: Subject) -> bool {
    match subject {
        Subject::Entry(e) => e.severity == Severity::Error,
        Subject::Hresult(h) => h.is_failure(),
    }
}

impl Outcome {
    /// Add a finding, merging it into an earlier one for the same subject (counts add up, the
    /// first places and the first detail stay).
    pub fn push(&mut self, f: Found) {
        let Some(old) = self.findings.iter_mut().find(|o| o.subject == f.subject) else {
            self.findings.push(f);
            return;
        };
        old.count += f.count;
        let room = MAX_SPANS.saturating_sub(old.locations.len());
        old.locations.extend(f.locations.into_iter().take(room));
        if old.detail.is_none() {
            old.detail = f.detail;
        }
        for c in f.corrected {
            if !old.corrected.iter().any(|o| o.urls == c.urls) {
                old.corrected.push(c);
            }
        }
    }

    /// Add a note unless the same kind is already noted for the same input.
    pub fn note(&mut self, file: Option<&str>, note: Note) {
        if !self.notes.iter().any(|r| r.file.as_deref() == file && r.note.kind == note.kind) {
            self.notes.push(Remark { file: file.map(str::to_string), note });
        }
    }

    /// Rank the findings as the core does (`Subject::rank`), keeping the order first seen within
    /// each rank (one input's findings are already in this order, so they keep the core's order).
    pub fn rank(&mut self) {
        self.findings.sort_by_key(|f| f.subject.rank());
    }

    /// Whether anything recognised is an error.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| is_error(f.subject))
    }
}
