//! Diagnoses whatever a person pastes. A short query goes to `query::lookup`; anything else is a
//! paste, read like this:
//!
//! ```text
//! text ─ shape::shape_of ─> Shape
//!   │
//!   ├─ READERS, in order ─> one Finds each (hits with spans, statuses, notes, near misses, URLs)
//!   │    har · json · http · xml · console · scan      (a HAR with entries stops the list)
//!   ├─ found::merge: the first hit at a span start stands (earlier reader = more specific)
//!   ├─ rank::resolve: statuses to catalog entries (a management call's as such)
//!   ├─ rank::into_findings: specific codes first, each subject once
//!   ├─ url_fix: corrected streaming URLs, where the fix for a code found is a URL change
//!   └─ notes: the readers' ─> url::notes ─> conflicts ─> suggest (when nothing was found)
//! ```
//!
//! No reader sees another's output. Total: any text gives a `Report`, never a panic; every pass
//! is linear in the text. Pure; no DOM here.

mod access_log;
mod conflicts;
pub mod console;
mod escaped;
mod found;
pub mod har;
pub mod http;
pub mod json;
mod phrases;
mod rank;
pub mod scan;
pub mod secrets;
mod shape;
mod suggest;
mod text;
pub mod url;
pub(crate) mod url_fix;
pub mod xml;

use crate::notes::NoteKind;
use crate::query::{self, Query};
use crate::report::{Note, Report, Shape};
use found::Finds;
pub use shape::shape_of;
pub use text::floor_char_boundary;
pub(crate) use text::{clip, skip_spaces, status_at, string_stop, subjects_for_value};
pub(crate) use url_fix::MAX_FIXES;

/// Bytes of a paste that are read; the rest is counted and reported as skipped.
pub const MAX_INPUT: usize = 8 * 1024 * 1024;

/// Notes kept at most (each kind once).
pub(crate) const MAX_NOTES: usize = 24;

/// What every reader is given: the text (already cut to `MAX_INPUT`) and its shape.
pub(crate) struct Input<'a> {
    pub text: &'a str,
    pub shape: Shape,
}

/// A reader: which shapes it reads, and the function that reads them.
struct Reader {
    when: fn(Shape) -> bool,
    read: fn(&Input<'_>) -> Finds,
}

/// The readers, most specific first. Where two read the same token, the earlier one's reading
/// stands, so the order is the order of trust:
/// - the HAR reader reads a HAR file as a whole, failing entries only; when the file holds entries
///   the text readers are skipped, since they would also read the successful requests' noise;
/// - JSON documents are read by their keys, which tell a code from a status from a message;
/// - HTTP status lines and `x-ms-*` headers, with JSON bodies after a response head;
/// - XML error bodies by their tags (`<status>`, `<hresult>`, storage `<Code>`);
/// - player console idioms (Shaka, hls.js, video.js, Azure Media Player), in texts that can be a
///   console log or a player's error object (not an HTTP exchange, an XML body or a lone URL);
/// - W3C access logs, whose `#Fields:` line says which column is the status;
/// - escaped bodies (`\u003chresult\u003e`, `%3Chresult%3E`), decoded and read by the readers
///   above, so what the escapes hid is read before the scanner sees the escaped tokens;
/// - last, the token scanner: every name, HRESULT or status in a status context not read above
///   (not over a JSON document, whose keys the JSON reader has already weighed).
const READERS: &[Reader] = &[
    Reader { when: |s| s == Shape::Har, read: har::read },
    Reader { when: |s| matches!(s, Shape::Json | Shape::Har), read: json::read_document },
    Reader { when: |_| true, read: http::read },
    Reader { when: |_| true, read: xml::read_document },
    Reader { when: |s| !matches!(s, Shape::Http | Shape::Xml | Shape::Url | Shape::Binary), read: console::read },
    Reader { when: |s| s == Shape::Text, read: access_log::read },
    Reader { when: |_| true, read: escaped::read },
    Reader { when: |s| s != Shape::Json, read: scan::read_document },
];

/// Read a text and report what it holds.
///
/// ```
/// let r = ams_errors_core::diagnose::diagnose("");
/// assert!(r.findings.is_empty());
/// ```
pub fn diagnose(text: &str) -> Report {
    let total = text.len();
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Report { analyzed: total, total, ..Report::default() };
    }
    let offset = total - text.trim_start().len();
    if trimmed.len() <= query::MAX_QUERY_LEN && !trimmed.contains('\n') && !trimmed.contains("://") {
        if let Some(r) = query_list(trimmed, offset, total) {
            return r;
        }
        let plain = !trimmed.contains(|c: char| c.is_whitespace() || c.is_control() || c == '\u{FFFD}')
            && !trimmed.contains(['<', '>', '{', '}', '=', ':', '"', '(']);
        let mut r = query::lookup(trimmed);
        if !r.findings.is_empty() || plain {
            for f in &mut r.findings {
                let span = offset..offset + trimmed.len();
                f.spans = vec![span];
            }
            return Report { analyzed: total, total, ..r };
        }
    }
    paste(text, true)
}

/// A text made only of query tokens ("403 415", "MPE_ENC_ENCRYPTION_REQUIRED,403"): each
/// token's lookup, merged, in order. `None` when it is not such a list.
fn query_list(trimmed: &str, offset: usize, total: usize) -> Option<Report> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in trimmed.char_indices().chain([(trimmed.len(), ' ')]) {
        let sep = c == ',' || c.is_whitespace();
        match (start, sep) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                tokens.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if tokens.len() < 2 {
        return None;
    }
    let mut report = Report { shape: Shape::Query, analyzed: total, total, ..Report::default() };
    for t in tokens {
        let tok = trimmed.get(t.clone())?;
        let code =
            matches!(query::parse(tok), Query::Status(_) | Query::Hresult(_) | Query::Number(_) | Query::Name(_));
        if !code && query::player_code(tok).is_none() {
            return None;
        }
        let r = query::lookup(tok);
        if r.findings.is_empty() {
            return None;
        }
        for mut f in r.findings {
            let span = offset + t.start..offset + t.end;
            f.spans = vec![span];
            report.push(f);
        }
    }
    Some(report)
}

/// Diagnose a paste (anything that is not a short query); `suggest`: look for the nearest entries
/// when nothing is found. `stream` reads each window of a text read in several with it (a
/// window of a long text is never a query), suggesting only while nothing is found or suggested.
pub(crate) fn paste(text: &str, suggest: bool) -> Report {
    let end = floor_char_boundary(text, MAX_INPUT);
    let body = text.get(..end).unwrap_or_default();
    let input = Input { text: body, shape: shape_of(body) };
    let mut results = Vec::new();
    for r in READERS.iter().filter(|r| (r.when)(input.shape)) {
        let f = (r.read)(&input);
        let whole = f.whole;
        results.push(f);
        if whole {
            break;
        }
    }
    let found = found::merge(results);
    // Whether this is a management call bears on statuses only, and telling reads 64 KB: not
    // for the windows of a long capture that hold none (a loop here makes the browser compile
    // all of `paste` again, optimised, while a file is read).
    let statuses = found.hits.iter().any(|h| matches!(h.what, found::What::Status(_)));
    let (placed, seen) = rank::resolve(found.hits, statuses && shape::management(body));
    let mut report = Report { shape: input.shape, analyzed: end, total: text.len(), ..Report::default() };
    let mut notes: Vec<(NoteKind, Option<std::ops::Range<usize>>)> = Vec::new();
    if end < text.len() {
        notes.push((NoteKind::Truncated { total: text.len(), read: end }, None));
    }
    notes.extend(found.notes);
    let mut names: Vec<&str> = Vec::new();
    for name in placed.iter().filter_map(|p| p.subject.entry()).map(|e| e.name) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let urls = url::listed(input.text, found.urls.as_deref());
    notes.extend(url::notes(input.shape, &names, &urls).into_iter().map(|n| (n, None)));
    report.url_fixes = url_fix::fixes(input.text, &names, &urls);
    notes.extend(conflicts::conflicts(input.shape, &seen, &placed).into_iter().map(|n| (n, None)));
    let nothing = placed.is_empty();
    rank::into_findings(placed, &mut report);
    if nothing {
        notes.push((suggest::nothing(input.shape, &seen), None));
        if suggest {
            report.suggestions = suggest::suggestions(input.text, &found.near, input.shape);
        }
    }
    for (kind, span) in notes {
        if report.notes.len() < MAX_NOTES && !report.notes.iter().any(|n| n.kind == kind) {
            report.notes.push(Note { kind, span });
        }
    }
    report
}
