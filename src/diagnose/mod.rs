//! Diagnoses whatever a person pastes: decides what the text is (a short query, an HTTP
//! exchange, XML/JSON bodies, a HAR file, player logs, free text) and reports every code it can
//! identify, most specific first, with where and how each was found. Total: any text gives a
//! `Report`, never a panic. Pure; no DOM here.

pub mod scan;

use crate::query;
use crate::report::{Report, Shape};
use crate::search;

/// Bytes of a paste that are read; the rest is counted and reported as skipped.
pub const MAX_INPUT: usize = 8 * 1024 * 1024;

/// Read a text and report what it holds.
pub fn diagnose(text: &str) -> Report {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Report { analyzed: text.len(), total: text.len(), ..Report::default() };
    }
    if trimmed.len() <= query::MAX_QUERY_LEN && !trimmed.contains('\n') {
        let r = query::lookup(trimmed);
        if !r.findings.is_empty() || !trimmed.contains(char::is_whitespace) {
            return Report { analyzed: text.len(), total: text.len(), ..r };
        }
    }
    let end = floor_char_boundary(text, MAX_INPUT);
    let body = text.get(..end).unwrap_or_default();
    let mut report = Report { shape: Shape::Text, analyzed: end, total: text.len(), ..Report::default() };
    for f in scan::scan_tokens(body) {
        report.push(f);
    }
    if report.findings.is_empty() && trimmed.len() <= query::MAX_QUERY_LEN {
        report.suggestions = search::words(trimmed);
    }
    report
}

/// The largest index `<= i` that is a char boundary of `s`.
pub fn floor_char_boundary(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    let mut i = i;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
